"""Plain text and Markdown: decoded and normalised, otherwise kept exactly as written.

Markdown stays as its source because it is readable as it stands and the analyst annotates
what the author wrote; only the title comes from its first ``# `` heading.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.errors import ImportFailed
from core.i18n import _
from core.importers.base import ImportedDocument, check_length, first_line, pick_title
from core.importers.encoding import decode_bytes
from core.importers.language import guess_language
from core.text import normalize_text

_HEADING = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)


def markdown_title(text: str) -> str:
    """The first level-one ATX heading (``# Title``) of a Markdown text, else ""."""
    match = _HEADING.search(text)
    return match.group(1).strip() if match else ""


def read_text(path: Path, data: bytes, fmt: str) -> ImportedDocument:
    """Import ``data`` (a .txt or .md file's bytes) as ``fmt`` ("txt" or "md")."""
    if not data or data.isspace():
        raise ImportFailed(path, _("is empty"))
    decoded = decode_bytes(path, data)
    text = normalize_text(decoded.text)
    if not text.strip():
        raise ImportFailed(path, _("is empty"))
    check_length(path, text)
    heading = markdown_title(text) if fmt == "md" else ""
    return ImportedDocument(
        title=pick_title(path, heading, first_line(text)),
        format=fmt,
        text=text,
        source_name=path.name,
        original=data,
        language=guess_language(text),
        warnings=decoded.warnings,
    )
