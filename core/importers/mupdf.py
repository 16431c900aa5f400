"""A typed view of the few pymupdf calls the importers make.

pymupdf's API is unannotated, which ``mypy --strict`` rejects at every call; these
protocols state what we rely on, so the PDF and EPUB importers stay fully checked.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

import pymupdf

#: (x0, y0, x1, y1, word, block, line, word number), as ``get_text("words")`` returns it.
Word = tuple[float, float, float, float, str, int, int, int]

#: Default word flags without ligature preservation: "ﬃ" comes back as "ffi", so search works.
WORD_FLAGS: int = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES


class Rect(Protocol):
    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...


class Page(Protocol):
    @property
    def cropbox(self) -> Rect: ...
    def get_text(self, option: str, *, sort: bool, flags: int) -> list[Word]: ...


class Document(Protocol):
    needs_pass: int
    page_count: int
    chapter_count: int
    metadata: dict[str, Any] | None
    language: str | None
    is_repaired: bool

    def load_page(self, page_id: int | tuple[int, int]) -> Page: ...
    def chapter_page_count(self, chapter: int) -> int: ...
    def layout(self, *, width: float, height: float) -> None: ...
    def close(self) -> None: ...


def open_document(data: bytes, filetype: str) -> Document:
    """``pymupdf.open`` on bytes in memory (the importer already holds the original)."""
    opener: Any = pymupdf.open
    return cast(Document, opener(stream=data, filetype=filetype))
