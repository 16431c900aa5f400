"""Paragraph text from pymupdf's word list, with each word's span and box kept.

Built from ``page.get_text("words")`` rather than "dict": it is the fastest extraction that
still gives boxes, so the PDF view can highlight exactly what the analyst annotated.
Words of a line are joined by a space, lines of a block by a space, blocks by a newline:
one paragraph per line, as in every other format. A line ending in a hyphen may continue
the word on the next line, also when the next line opens a new block (a column's or
page's first line; ``hyphens`` decides); reflowed EPUB blocks are real paragraphs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from core.importers.hyphens import DEHYPHENATE as _DEHYPHENATE
from core.importers.hyphens import JOIN as _JOIN
from core.importers.hyphens import SPACE as _SPACE
from core.importers.hyphens import line_break as _line_break
from core.importers.mupdf import Word
from core.model import WordBox
from core.text import normalize_text

_LINE_END_HYPHENS = ("-", "\u2010", "\xad")


def _next_line_of(last: WordBox, y0: float, reflowed: bool) -> bool:
    """Whether a new block at ``y0`` can go on with the line that ended in ``last``.

    It can when it starts just below (MuPDF split the paragraph) or higher up (the next
    column); a block further down is something else (a caption, a box). Reflowed EPUB
    blocks are real paragraphs.
    """
    return not reflowed and y0 <= last.y1 + 2 * (last.y1 - last.y0)


def _box_maker() -> Callable[[int, int, float, float, float, float], WordBox]:
    """``WordBox``'s constructor, or an equivalent one about twice as fast.

    A frozen dataclass's ``__init__`` calls ``object.__setattr__`` per field, which is most
    of the per-word cost on a page of 500 words. Filling the slots directly gives the same
    object; any change to ``WordBox`` (a ``__post_init__``, other fields) falls back.
    """
    fields = ("start", "end", "x0", "y0", "x1", "y1")
    if (
        getattr(WordBox, "__slots__", None) != fields
        or tuple(f.name for f in dataclasses.fields(WordBox)) != fields
        or hasattr(WordBox, "__post_init__")
    ):
        return WordBox
    set_start, set_end, set_x0, set_y0, set_x1, set_y1 = (
        getattr(WordBox, name).__set__ for name in fields
    )
    new = object.__new__

    def make(start: int, end: int, x0: float, y0: float, x1: float, y1: float) -> WordBox:
        box: WordBox = new(WordBox)
        set_start(box, start)
        set_end(box, end)
        set_x0(box, x0)
        set_y0(box, y0)
        set_x1(box, x1)
        set_y1(box, y1)
        return box

    return make


_make_box = _box_maker()


def _join(
    words: Sequence[Word], base: int, joins: bool, reflowed: bool
) -> tuple[str, list[WordBox]]:
    """The hot loop: keep it lean, pages have hundreds of words and the GUI waits."""
    make_box = _make_box
    pieces: list[str] = []
    boxes: list[WordBox] = []
    append, add_box = pieces.append, boxes.append
    pos = base
    block = line = -1
    for x0, y0, x1, y1, word, word_block, word_line, _ in words:
        if word_line == line and word_block == block:
            append(" ")
            pos += 1
        else:
            new_block = word_block != block
            block, line = word_block, word_line
            if not pieces:
                how = _JOIN
            else:
                previous = pieces[-1]
                how = (
                    _line_break(previous, word, reflowed)
                    if joins and previous.endswith(_LINE_END_HYPHENS)
                    and (not new_block or _next_line_of(boxes[-1], y0, reflowed))
                    else _SPACE
                )
            if how == _SPACE:
                append("\n" if new_block else " ")
                pos += 1
            elif how == _DEHYPHENATE:
                pieces[-1] = previous[:-1]
                pos -= 1
                last = boxes[-1]
                boxes[-1] = make_box(last.start, pos, last.x0, last.y0, last.x1, last.y1)
        end = pos + len(word)
        add_box(make_box(pos, end, x0, y0, x1, y1))
        append(word)
        pos = end
    return "".join(pieces), boxes


def _normalized(words: Sequence[Word]) -> list[Word]:
    """Words in stored form, dropping any that normalise to nothing (stray controls)."""
    result: list[Word] = []
    for x0, y0, x1, y1, word, block, line, number in words:
        word = normalize_text(word)
        if word:
            result.append((x0, y0, x1, y1, word, block, line, number))
    return result


def join_words(
    words: Sequence[Word], base: int = 0, *, reflowed: bool = False
) -> tuple[str, list[WordBox]]:
    """Text of one page and its word boxes, with offsets starting at ``base``.

    The text is already normalised (``normalize_text``), and ``text[box.start - base:
    box.end - base]`` is exactly the stored form of each word (a de-hyphenated word has two
    boxes, one per line part). Words are normalised one by one only if the page needs it.
    """
    text, boxes = _join(words, base, joins=True, reflowed=reflowed)
    if normalize_text(text) == text:
        return text, boxes
    words = _normalized(words)
    text, boxes = _join(words, base, joins=True, reflowed=reflowed)
    if normalize_text(text) == text:
        return text, boxes
    # A hyphen join composed two words (NFC); words separated by a space always stay NFC.
    return _join(words, base, joins=False, reflowed=reflowed)
