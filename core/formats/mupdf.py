"""How Glossa asks MuPDF for a PDF's words, on import and when placing highlights on the
original PDF: the same flags both ways, so offsets map to the same words."""

from __future__ import annotations

import pymupdf

#: Default word flags without ligature preservation: "ﬃ" comes back as "ffi", so search
#: works. The import's child process (importers/mupdf_child.py, which may import only
#: pymupdf) spells out the same value; a test holds them equal.
WORD_FLAGS: int = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES
