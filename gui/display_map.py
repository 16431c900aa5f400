"""Positions in the stored text versus positions in the article as Qt shows it.

The article view ends every paragraph that another paragraph follows with a line
separator (U+2028), which Qt lays out as an empty line inside the same block, so
paragraphs stand apart without doubling the number of blocks. Where the text already has
blank lines between paragraphs (many .txt files do), they are the gap and nothing is
added: one gap, never three (QPlainTextEdit ignores block margins and line heights; QTextEdit, which
honours them, lays out a 2 MB article in 200 ms instead of lazily). Qt also counts
UTF-16 units. This map converts between the stored code points and the shown positions;
the stored text and its offsets never change.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from core.offsets import Utf16Map

#: Shown at the end of a paragraph: an empty line, not part of the stored text.
PARAGRAPH_GAP = "\u2028"
#: A line break between two lines with text: there the view adds the gap.
_BREAK = re.compile("(?<=[^\n])\n(?=[^\n])")


def shown_text(text: str) -> str:
    """What the view displays: paragraphs apart by one empty line each."""
    return _BREAK.sub(PARAGRAPH_GAP + "\n", text)


class DisplayMap:
    """Code points of the stored text <-> UTF-16 positions of the shown text."""

    __slots__ = ("_breaks", "_inserted", "_utf16")

    def __init__(self, text: str) -> None:
        self._utf16 = Utf16Map(text)
        self._breaks = [m.start() for m in _BREAK.finditer(text)]
        # Where each inserted separator sits in the shown text (just before its "\n").
        self._inserted = [self._utf16.to_utf16(p) + k for k, p in enumerate(self._breaks)]

    @property
    def is_identity(self) -> bool:
        return self._utf16.is_identity and not self._breaks

    def to_utf16(self, code_point: int) -> int:
        """The shown position of stored offset ``code_point``; the end of a paragraph
        comes before its empty line."""
        return self._utf16.to_utf16(code_point) + bisect_left(self._breaks, code_point)

    def to_code_point(self, utf16: int) -> int:
        """The stored offset of shown position ``utf16``; a position on a paragraph's empty
        line is the end of that paragraph."""
        return self._utf16.to_code_point(utf16 - bisect_left(self._inserted, utf16))
