"""The rules a tag or an annotation's text fields obey, wherever they come from.

Local edits (``core.commands``, ``Codebook.validate``) and a colleague's merged file
(``core.review.merge_source``) check the same rules here, so a merge cannot bring in
what the window would refuse: a 1,000,000-character tag name once made
``glossa annotations --json`` write 1 GB for 1,000 annotations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.errors import InvalidValue
from core.i18n import _

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
        raise InvalidValue(_("a tag needs a name"))
    if PATH_SEPARATOR in name:
        raise InvalidValue(_("a tag name cannot contain %(path_separator)r: %(name)r")
                           % {"path_separator": PATH_SEPARATOR, "name": name[:40]})
    if len(name) > MAX_TAG_NAME:
        raise InvalidValue(_("a tag name is limited to %(limit)s characters (%(name)r… has "
                             "%(length)s)")
                           % {"limit": MAX_TAG_NAME, "name": name[:40], "length": len(name)})


def check_tag_key(key: str) -> None:
    if key and (len(key) != 1 or not key.isalnum()):
        raise InvalidValue(_("key %(key)r must be one letter or digit") % {"key": key[:40]})


def validate_attributes(attributes: dict[Any, Any]) -> dict[str, str]:
    """Attributes with stripped names; refuse names that are not non-empty text, values
    that are not text, and sizes beyond the limits above."""
    if len(attributes) > MAX_ATTRIBUTES:
        raise InvalidValue(_("an annotation carries at most %(limit)s attributes (got "
                             "%(length)s)")
                           % {"limit": MAX_ATTRIBUTES, "length": len(attributes)})
    clean: dict[str, str] = {}
    for key, value in attributes.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidValue(_("attribute names must be non-empty text"))
        if len(key) > MAX_ATTRIBUTE_NAME:
            raise InvalidValue(_("attribute name %(key)r… is longer than %(limit)s "
                                 "characters")
                               % {"key": key[:40], "limit": MAX_ATTRIBUTE_NAME})
        if not isinstance(value, str):
            raise InvalidValue(_("attribute %(key)r must be text") % {"key": key})
        if len(value) > MAX_ATTRIBUTE_VALUE:
            raise InvalidValue(_("attribute %(key)r is longer than %(limit)s characters "
                                 "(%(length)s)")
                               % {"key": key, "limit": MAX_ATTRIBUTE_VALUE,
                                  "length": len(value)})
        clean[key.strip()] = value
    return clean


def check_choice(what: str, value: object, allowed: Iterable[str]) -> None:
    """Raise ``InvalidValue`` naming ``what`` and the choices unless ``value`` is one."""
    choices = list(allowed)
    if value not in choices:
        raise InvalidValue(_("%(what)s must be one of %(choices)s, not %(value)r")
                           % {"what": what, "choices": ", ".join(choices), "value": value})


def check_note_and_author(note: str, author: str) -> None:
    if len(note) > MAX_NOTE:
        raise InvalidValue(_("a note is limited to %(limit)s characters (got %(length)s)")
                           % {"limit": MAX_NOTE, "length": len(note)})
    if len(author) > MAX_AUTHOR:
        raise InvalidValue(_("an author name is limited to %(limit)s characters "
                             "(%(author)r… has %(length)s)")
                           % {"limit": MAX_AUTHOR, "author": author[:40], "length": len(author)})
