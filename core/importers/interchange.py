"""Which annotation-data format a file holds, so one "bring it in" action can take any.

A Glossa JSON export merges like a colleague's project; W3C Web Annotation JSON-LD and
REFI-QDA ``.qdpx`` are imported onto matching documents; anything else is a document.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

InterchangeKind = Literal["glossa-project", "glossa-json", "w3c", "qdpx"]
_GLOSSA_SUFFIX = ".glossa"
_W3C_TYPE = re.compile(rb'"type"\s*:\s*"Annotation')


def interchange_kind(path: str | Path) -> InterchangeKind | None:
    """The kind of annotation data in ``path``; None for a document to import."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == _GLOSSA_SUFFIX:
        return "glossa-project"
    if suffix == ".qdpx":
        return "qdpx"
    if suffix not in (".json", ".jsonld"):
        return None
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if b'"glossa-project"' in head:
        return "glossa-json"
    if b'"@context"' in head or _W3C_TYPE.search(head):
        return "w3c"
    # A Glossa export whose keys a tool sorted puts "format" last; reading it as one
    # says clearly if it is neither.
    return "glossa-json" if suffix == ".json" else "w3c"
