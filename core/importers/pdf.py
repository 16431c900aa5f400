"""PDF articles: their text layer as paragraphs, plus a page map for highlighting the original.

Each page records where its words sit in the stored text, so an annotation can be drawn
onto the page as the reader saw it. Boxes and page sizes are in pymupdf's unrotated page
space (what ``get_text`` returns); apply ``page.rotation_matrix`` to draw on a rotated page.
Scans without a text layer are refused rather than imported empty: the analyst needs to
know to run OCR first.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.errors import ImportFailed
from core.i18n import _
from core.importers.base import (
    Cancel,
    ImportedDocument,
    check_cancel,
    check_length,
    clean_field,
    first_line,
    iso_date,
    language_code,
    pick_title,
)
from core.importers.hyphens import DEHYPHENATE, SPACE, line_break
from core.importers.language import guess_language
from core.importers.mupdf import MuPDFReader, Page, Word, mupdf_warnings
from core.importers.running_heads import drop_running_heads
from core.importers.text_layer import PageLayer, layer_warnings, page_list
from core.importers.word_check import unreadable_warning
from core.importers.words import join_words
from core.model import PageMap, WordBox
from core.text import normalize_text

# Titles that authoring tools write when the author wrote none.
_PLACEHOLDER_TITLE = re.compile(
    r"^(untitled|unknown|title|document|dokument|\s*)$|\.(docx?|odt|rtf|pdf|indd|qxd|txt)$",
    re.IGNORECASE,
)
_TOOL_PREFIX = re.compile(r"^(Microsoft (Word|PowerPoint) - )", re.IGNORECASE)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a page map's word boxes are built.

    Each box is a GC-tracked object that lives on, so 100k of them trigger hundreds of
    young-generation passes and a full-heap pass: ~15% of the import time in
    bench/pdf_import.py. The boxes form no cycles and reference counting frees the rest;
    Mercurial's ``util.nogc`` pauses the collector for the same reason.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _check_header(path: Path, data: bytes) -> None:
    if b"%PDF" not in data[:1024]:
        raise ImportFailed(path, _("is not a readable PDF (it has no PDF header)"))


def _metadata_title(value: object) -> str:
    title = _TOOL_PREFIX.sub("", clean_field(value))
    return "" if _PLACEHOLDER_TITLE.search(title) else title


def _read_pages(path: Path, reader: MuPDFReader, cancel: Cancel) -> list[Page]:
    pages: list[Page] = []
    for page in reader.items():
        assert not isinstance(page, int), "a PDF has no chapters"
        pages.append(page)
        check_cancel(path, cancel)
    return pages


class _Text:
    """The stored text as it grows page by page, with each page's map."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.pages: list[PageMap] = []
        self.pos = 0

    def _base(self, first: str) -> int:
        """Where the next page's text starts: after a newline, or right on where a word
        hyphenated at the previous page's end continues."""
        last = self.pages[-1] if self.pages else None
        if not first or last is None or not last.words or last.end != self.pos:
            return self.pos + 1 if self.pieces else self.pos
        tail_box = last.words[-1]
        tail = self.pieces[-1][tail_box.start - last.start:]
        how = line_break(tail, first, reflowed=False)
        joined = (tail[:-1] if how == DEHYPHENATE else tail) + first
        if how == SPACE or normalize_text(joined) != joined:
            return self.pos + 1
        if how == DEHYPHENATE:
            self.pieces[-1] = self.pieces[-1][:-1]
            self.pos = last.end = last.end - 1
            last.words[-1] = WordBox(tail_box.start, self.pos, tail_box.x0, tail_box.y0,
                                     tail_box.x1, tail_box.y1)
        return self.pos

    def add(self, page: Page, words: list[Word]) -> bool:
        """Append one page's words; False when it has none."""
        base = self._base(normalize_text(words[0][4]) if words else "")
        text, boxes = join_words(words, base)
        if text:
            if self.pieces and base > self.pos:
                self.pieces.append("\n")
            self.pieces.append(text)
            self.pos = base + len(text)
        self.pages.append(PageMap(page.number, page.width, page.height,
                                  self.pos - len(text), self.pos, boxes))
        return bool(text)


def _extract(path: Path, reader: MuPDFReader,
             cancel: Cancel) -> tuple[str, list[PageMap], list[str]]:
    pages = _read_pages(path, reader, cancel)
    stored = _Text()
    layers: list[PageLayer] = []
    empty: list[int] = []
    for page, words in zip(pages, drop_running_heads(pages), strict=True):
        if not stored.add(page, words):
            empty.append(page.number)
        layers.append(PageLayer(page.number, " ".join(w[4] for w in words), page.hidden,
                                page.hidden_text))
    warnings: list[str] = []
    if empty and len(empty) < len(pages):
        warnings.append(_("page(s) %(empty)s have no text layer (scanned? run OCR first)")
                        % {"empty": page_list(empty)})
    return "".join(stored.pieces), stored.pages, warnings + layer_warnings(layers)


def read_pdf(path: Path, data: bytes, cancel: Cancel = None) -> ImportedDocument:
    """Import a PDF's text layer with a page map; refuse scans, encrypted and damaged files.

    MuPDF reads it in a child process (``MuPDFReader``), so a decompression bomb is
    refused within bounded time and memory; its complaints become warnings.
    """
    _check_header(path, data)
    with MuPDFReader(path, data, "pdf", "PDF") as reader, _gc_paused():
        text, pages, warnings = _extract(path, reader, cancel)
    summary = reader.summary
    metadata, declared_language, repaired = summary.metadata, summary.language, summary.repaired
    warnings.extend(mupdf_warnings(summary.warnings))
    if not text.strip():
        if repaired:
            raise ImportFailed(path, _("is not a readable PDF (damaged or truncated; no text "
                                       "survived)"))
        raise ImportFailed(path, _("has no text layer (scanned? run OCR first)"))
    check_length(path, text)
    if repaired:
        warnings.append(_("the PDF is damaged and was repaired; some text may be missing"))
    created = clean_field(metadata.get("creationDate"))
    # Word and InDesign write their default /Lang into every PDF; the text is more reliable.
    language = guess_language(text) or language_code(declared_language)
    warnings.extend(unreadable_warning(text, language))
    return ImportedDocument(
        title=pick_title(path, _metadata_title(metadata.get("title")), first_line(text)),
        format="pdf",
        text=text,
        source_name=path.name,
        original=data,
        language=language,
        author=clean_field(metadata.get("author")),
        published=iso_date(created) if created else "",
        pages=pages,
        warnings=warnings,
    )
