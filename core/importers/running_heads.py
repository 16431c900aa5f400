"""Running headers, footers and page numbers: found on the pages and left out of the text.

A printed article repeats its publication's name, the section ("2 Inhaltsverzeichnis")
and a page number at the top or bottom of every page. Stored inline they split sentences
and paragraphs and turn up in every search. A row of words is taken for one when it is
among the outermost rows of its page and the same text (digits aside, as page numbers
change) recurs at about the same height on enough pages; a bare page number ("7",
"- 7 -", "Seite 7 von 9") at the very top or bottom goes on any page. The words stay in
the original PDF, which is kept; only the stored text and its page map leave them out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from core.importers.mupdf import Page, Word

#: Rows this far from the top or bottom edge (share of the page height) may be running.
_BAND = 0.15
#: Rows at each edge looked at (a header of title and date lines, a footer of two).
_EDGE_ROWS = 2
#: Points a running row may move between pages (a different font size, a two-line title).
_SAME_HEIGHT = 6.0
#: Share of the pages a row must recur on (odd and even pages often differ: about half).
_SHARE = 0.4
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|seite|s\.|страница|стр\.|с\.)?\s*[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
    r"(?:\s*(?:/|of|von|из)\s*\d{1,4})?",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Row:
    """Words of one page that share a baseline, as indexes into the page's word list."""

    y0: float
    y1: float
    indexes: list[int] = field(default_factory=list)

    def text(self, words: Sequence[Word]) -> str:
        ordered = sorted(self.indexes, key=lambda i: words[i][0])
        return " ".join(words[i][4] for i in ordered)


def _rows(words: Sequence[Word]) -> list[_Row]:
    """The page's rows from top to bottom: words whose vertical middles share a line."""
    rows: list[_Row] = []
    for index in sorted(range(len(words)), key=lambda i: (words[i][1], words[i][0])):
        y0, y1 = words[index][1], words[index][3]
        middle = (y0 + y1) / 2
        row = rows[-1] if rows else None
        if row is not None and row.y0 <= middle <= row.y1:
            row.indexes.append(index)
            row.y1 = max(row.y1, y1)
        else:
            rows.append(_Row(y0, y1, [index]))
    return rows


def _key(text: str) -> str:
    return " ".join(_DIGITS.sub("#", text.casefold()).split())


def _edge_rows(page: Page, rows: list[_Row]) -> list[tuple[str, _Row]]:
    """The outermost rows within the top and bottom bands, tagged with their edge.

    None when they are all the page holds: a line repeated on pages of nothing else
    ("Seite mit Text" on each) is the content, not a head over it.
    """
    top = [("top", r) for r in rows[:_EDGE_ROWS] if r.y1 <= page.height * _BAND]
    bottom = [("bottom", r) for r in rows[-_EDGE_ROWS:] if r.y0 >= page.height * (1 - _BAND)]
    found = top + [b for b in bottom if all(b[1] is not t[1] for t in top)]
    return found if len(found) < len(rows) else []


def drop_running_heads(pages: Sequence[Page]) -> list[list[Word]]:
    """Each page's words without its running headers, footers and page numbers."""
    all_rows = [_rows(p.words) for p in pages]
    seen: dict[str, list[tuple[int, _Row]]] = {}
    dropped: list[set[int]] = [set() for _ in pages]
    for number, (page, rows) in enumerate(zip(pages, all_rows, strict=True)):
        for edge, row in _edge_rows(page, rows):
            text = row.text(page.words)
            outermost = row is (rows[0] if edge == "top" else rows[-1])
            if outermost and _PAGE_NUMBER.fullmatch(text):
                dropped[number].update(row.indexes)
            else:
                seen.setdefault(f"{edge} {_key(text)}", []).append((number, row))
    with_text = sum(1 for p in pages if p.words)
    for found in seen.values():
        middle = median(row.y0 for _, row in found)
        recurring = [(n, row) for n, row in found if abs(row.y0 - middle) <= _SAME_HEIGHT]
        pages_hit = {n for n, _ in recurring}
        if len(pages_hit) >= 2 and len(pages_hit) >= _SHARE * with_text:
            for number, row in recurring:
                dropped[number].update(row.indexes)
    return [
        [w for i, w in enumerate(page.words) if i not in gone] if gone else page.words
        for page, gone in zip(pages, dropped, strict=True)
    ]
