"""The rules a tag or an annotation's text fields obey, wherever they come from.

Local edits (``core.commands``, ``Codebook.validate``) and a colleague's merged file
(``core.review.merge_source``) check the same rules here, so a merge cannot bring in
what the window would refuse: a 1,000,000-character tag name once made
``glossa annotations --json`` write 1 GB for 1,000 annotations.
"""

from __future__ import annotations

from typing import Any

from core.errors import InvalidValue

PATH_SEPARATOR = "/"
#: Longest tag name: a path shown in menus, tables and reports.
MAX_TAG_NAME = 200
#: Longest attribute name, and longest attribute value (a speaker, an outlet, a URL).
MAX_ATTRIBUTE_NAME = 200
MAX_ATTRIBUTE_VALUE = 10_000
#: Most attributes on one annotation.
MAX_ATTRIBUTES = 100
#: Longest note on an annotation (about 15 printed pages) and longest author name.
MAX_NOTE = 100_000
MAX_AUTHOR = 200


def check_tag_name(name: str) -> None:
    """Raise ``InvalidValue`` unless ``name`` (already stripped) can name a tag."""
    if not name:
        raise InvalidValue("a tag needs a name")
    if PATH_SEPARATOR in name:
        raise InvalidValue(f"a tag name cannot contain {PATH_SEPARATOR!r}: {name[:40]!r}")
    if len(name) > MAX_TAG_NAME:
        raise InvalidValue(f"a tag name is limited to {MAX_TAG_NAME} characters "
                           f"({name[:40]!r}… has {len(name)})")


def check_tag_key(key: str) -> None:
    if key and (len(key) != 1 or not key.isalnum()):
        raise InvalidValue(f"key {key[:40]!r} must be one letter or digit")


def validate_attributes(attributes: dict[Any, Any]) -> dict[str, str]:
    """Attributes with stripped names; refuse names that are not non-empty text, values
    that are not text, and sizes beyond the limits above."""
    if len(attributes) > MAX_ATTRIBUTES:
        raise InvalidValue(f"an annotation carries at most {MAX_ATTRIBUTES} attributes "
                           f"(got {len(attributes)})")
    clean: dict[str, str] = {}
    for key, value in attributes.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidValue("attribute names must be non-empty text")
        if len(key) > MAX_ATTRIBUTE_NAME:
            raise InvalidValue(f"attribute name {key[:40]!r}… is longer than "
                               f"{MAX_ATTRIBUTE_NAME} characters")
        if not isinstance(value, str):
            raise InvalidValue(f"attribute {key!r} must be text")
        if len(value) > MAX_ATTRIBUTE_VALUE:
            raise InvalidValue(f"attribute {key!r} is longer than {MAX_ATTRIBUTE_VALUE} "
                               f"characters ({len(value)})")
        clean[key.strip()] = value
    return clean


def check_note_and_author(note: str, author: str) -> None:
    if len(note) > MAX_NOTE:
        raise InvalidValue(f"a note is limited to {MAX_NOTE} characters (got {len(note)})")
    if len(author) > MAX_AUTHOR:
        raise InvalidValue(f"an author name is limited to {MAX_AUTHOR} characters "
                           f"({author[:40]!r}… has {len(author)})")
