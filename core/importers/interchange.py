"""Which annotation-data format a file holds, so one "bring it in" action can take any.

A Glossa JSON export merges like a colleague's project; W3C Web Annotation JSON-LD and
REFI-QDA ``.qdpx`` are imported onto matching documents; anything else is a document.
Whatever Glossa exports comes back under any name (``--out x.w3c``): a file whose
extension is no document format is recognised by its content.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from core.importers.base import SUPPORTED_EXTENSIONS

InterchangeKind = Literal["glossa-project", "glossa-json", "w3c", "qdpx"]
_GLOSSA_SUFFIX = ".glossa"
_W3C_TYPE = re.compile(rb'"type"\s*:\s*"Annotation')


def _sniffed(head: bytes) -> InterchangeKind | None:
    """The kind of JSON annotation data ``head`` starts, or None."""
    if not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith((b"{", b"[")):
        return None
    if b'"glossa-project"' in head:
        return "glossa-json"
    if b'"@context"' in head or _W3C_TYPE.search(head):
        return "w3c"
    return None


def interchange_kind(path: str | Path) -> InterchangeKind | None:
    """The kind of annotation data in ``path``; None for a document to import."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == _GLOSSA_SUFFIX:
        return "glossa-project"
    if suffix == ".qdpx":
        return "qdpx"
    if suffix in SUPPORTED_EXTENSIONS:
        return None
    with open(path, "rb") as handle:
        kind = _sniffed(handle.read(4096))
    if kind is not None or suffix not in (".json", ".jsonld", ".w3c"):
        return kind
    # A Glossa export whose keys a tool sorted puts "format" last; reading it as one
    # says clearly if it is neither.
    return "glossa-json" if suffix == ".json" else "w3c"
