"""Normalisation of document text, so offsets mean the same everywhere.

Every stored text is NFC, has ``\\n`` as its only line break and no control
characters other than tab and newline. Qt's text document counts a paragraph
break as one position, so ``\\r\\n`` must never reach it; U+2028/U+2029 are
folded to ``\\n`` for the same reason.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x0b|\x0c|\x85")
# C0/C1 controls except tab and newline; also lone surrogates, which cannot be
# encoded as UTF-8 and would make the text unstorable.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def normalize_text(text: str) -> str:
    """Return ``text`` as Glossa stores it: NFC, ``\\n`` line breaks, no controls, no BOM."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def content_hash(text: str) -> str:
    """SHA-256 of the stored text; documents match across projects by it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
