"""What a REFI-QDA project (.qdpx) is, as both directions need it: the namespace, the
archive's layout, and the names Glossa gives what it writes there, so reading and
writing agree by construction and neither imports the other."""

from __future__ import annotations

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_ENTRY = "project.qde"
SOURCES_FOLDER = "sources"
#: The note that carries a selection's attributes (besides its Description).
ATTRIBUTES_NOTE = "Glossa attributes"
#: A source's ``Description`` says which file the document came from, after this.
SOURCE_NAME_PREFIX = "Imported from "
#: Document fields written as REFI-QDA text variables, with their variable names.
VARIABLES = (
    ("outlet", "Outlet"),
    ("author", "Author"),
    ("url", "URL"),
    ("published", "Published"),
    ("language", "Language"),
)
