"""Where a span of the stored text sits on the pages of the original PDF.

The importer keeps every word's span and box (``PageMap``), so an annotation maps back
onto the words the reader saw. This module turns ``start:end`` into rectangles, one per
run of words on one line, per page: a highlight drawn over them covers the spaces between
the words of a line, as a viewer's own text selection does, but not the margins between
lines or columns. Where a span starts or ends inside a word, the word's box is cut to the
annotated characters when the caller can tell where each character sits (``CharEdges``);
otherwise the whole word is covered. Pure geometry over the page map, without pymupdf.

Boxes are in the unrotated page space of ``get_text`` (what pymupdf's annotation methods
take as well), in PDF points from the top left of the crop box.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.model import PageMap, WordBox

#: (x0, y0, x1, y1) in PDF points.
Box = tuple[float, float, float, float]

#: ``edges(page, word, word_text)``: the (x0, x1) of each code point of ``word_text`` on
#: page ``page`` (0-based), or ``None`` when they cannot be told apart reliably.
CharEdges = Callable[[int, WordBox, str], Sequence[tuple[float, float]] | None]

# Words whose boxes overlap vertically by this share of the lower one sit on one line.
_SAME_LINE_OVERLAP = 0.5
# The widest gap (in line heights) still taken for a space between two words of a line;
# more is a column gap or a table cell, which a highlight should not bridge.
_WORD_GAP_LINES = 1.5


@dataclass(frozen=True, slots=True)
class PagePlacement:
    """The part of a span on one page: one rectangle per run of words on a line."""

    page: int
    boxes: tuple[Box, ...]
    #: True when a partly covered word was drawn whole, because its characters' positions
    #: were unknown: the highlight is then a little wider than the annotated characters.
    widened: bool = False


class SpanPlacer:
    """Places spans of one document's text on its pages; built once per document.

    ``text`` is the stored text the offsets refer to; ``edges`` finds character positions
    inside a word (for spans that start or end mid-word) and may be omitted.
    """

    def __init__(self, pages: Sequence[PageMap], text: str,
                 edges: CharEdges | None = None) -> None:
        self._pages = sorted(pages, key=lambda p: p.start)
        self._page_starts = [p.start for p in self._pages]
        self._word_ends: dict[int, list[int]] = {}
        self._text = text
        self._edges = edges

    def pages_of(self, start: int, end: int) -> list[PageMap]:
        """The pages whose span of the text overlaps ``start:end``."""
        first = max(0, bisect_right(self._page_starts, start) - 1)
        found: list[PageMap] = []
        for page in self._pages[first:]:
            if page.start >= end:
                break
            if page.end > start:
                found.append(page)
        return found

    def page_at(self, offset: int) -> PageMap | None:
        """The page holding ``offset``, or the last one before it (white space between)."""
        index = bisect_right(self._page_starts, offset) - 1
        if index >= 0:
            return self._pages[index]
        return self._pages[0] if self._pages else None

    def place(self, start: int, end: int) -> list[PagePlacement]:
        """``start:end`` as rectangles per page; pages where it covers no word are left out."""
        placements: list[PagePlacement] = []
        for page in self.pages_of(start, end):
            placement = self._place_on(page, start, end)
            if placement is not None:
                placements.append(placement)
        return placements

    def _words_of(self, page: PageMap) -> list[int]:
        ends = self._word_ends.get(page.page)
        if ends is None:
            ends = self._word_ends[page.page] = [w.end for w in page.words]
        return ends

    def _place_on(self, page: PageMap, start: int, end: int) -> PagePlacement | None:
        words = page.words
        index = bisect_right(self._words_of(page), start)
        boxes: list[Box] = []
        widened = False
        while index < len(words) and words[index].start < end:
            word = words[index]
            index += 1
            if word.end <= start:
                continue
            box = self._covered(page.page, word, max(start, word.start), min(end, word.end))
            if box is None:
                box = (word.x0, word.y0, word.x1, word.y1)
                widened = True
            boxes.append(box)
        if not boxes:
            return None
        return PagePlacement(page.page, tuple(merge_lines(boxes)), widened)

    def _covered(self, page: int, word: WordBox, lo: int, hi: int) -> Box | None:
        """The part of ``word`` between text offsets ``lo`` and ``hi``; None if unknown."""
        if lo == word.start and hi == word.end:
            return (word.x0, word.y0, word.x1, word.y1)
        if self._edges is None:
            return None
        edges = self._edges(page, word, self._text[word.start:word.end])
        if edges is None or len(edges) != word.end - word.start:
            return None
        inside = edges[lo - word.start:hi - word.start]
        x0 = max(word.x0, min(e[0] for e in inside))
        x1 = min(word.x1, max(e[1] for e in inside))
        if x1 <= x0:
            return None
        return (x0, word.y0, x1, word.y1)


def _same_line(left: Box, right: Box) -> bool:
    """``right`` continues ``left``'s line to the right, across no more than a word gap."""
    overlap = min(left[3], right[3]) - max(left[1], right[1])
    height = min(left[3] - left[1], right[3] - right[1])
    if height <= 0 or overlap < _SAME_LINE_OVERLAP * height:
        return False
    gap = right[0] - left[2]
    return right[0] >= left[0] and gap <= _WORD_GAP_LINES * max(
        left[3] - left[1], right[3] - right[1])


def merge_lines(boxes: Sequence[Box]) -> list[Box]:
    """Consecutive boxes on one line joined into one, so the spaces between are covered."""
    merged: list[Box] = []
    for box in boxes:
        if merged and _same_line(merged[-1], box):
            last = merged[-1]
            merged[-1] = (min(last[0], box[0]), min(last[1], box[1]),
                          max(last[2], box[2]), max(last[3], box[3]))
        else:
            merged.append(box)
    return merged


__all__ = ["Box", "CharEdges", "PagePlacement", "SpanPlacer", "merge_lines"]
