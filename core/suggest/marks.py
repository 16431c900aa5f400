"""Pairing quotation marks as German, English, French/Swiss and Russian writers set them.

Each mark's direction comes from its shape and what flanks it: „ only opens, a mark after
a space and before a word opens, one after a word and before a space or punctuation
closes. A stack per paragraph pairs them, so nested quotes (« … „…“ … ») pair inside
out. Real text is untidy, so closing is lenient („…” and “…“ pair), a single mark
between letters is an apostrophe, a quote left open at a paragraph's end continues when
the next paragraph reopens it, and a closing mark nobody opened is reported as an
orphan: the quote may have lost its opening mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.suggest.text_units import Span

#: Which closing marks end a quote opened by each mark (lenient by design).
_CLOSERS: dict[str, str] = {
    "„": "“”\"‟", "“": "”“\"", "”": "”", "\"": "\"“”",
    "«": "»", "»": "«",
    "‚": "‘’'", "‘": "’‘'", "'": "'’",
}
MARKS = frozenset("„“”\"«»‚‘’'")
SINGLE = frozenset("‚‘’'")
_OPEN_BEFORE = set(" \t\n([{/—–-") | MARKS
_CLOSE_AFTER = set(" \t\n.,;:!?…)]}/—–-") | MARKS


@dataclass(frozen=True, slots=True)
class Pair:
    """An opening mark at ``open`` and its closing mark at ``close`` (offsets of the marks).

    ``depth`` is 0 for an outermost quote; ``reopened`` are the offsets of the marks that
    reopen it on following paragraphs.
    """

    open: int
    close: int
    depth: int
    reopened: tuple[int, ...] = ()

    @property
    def inner(self) -> Span:
        return Span(self.open + 1, self.close)


@dataclass(slots=True)
class Pairing:
    pairs: list[Pair]
    orphans: list[int]  # closing marks that nothing opened


def _direction(text: str, i: int, start: int, end: int) -> tuple[bool, bool]:
    """(can open, can close) for the mark at ``i`` of a paragraph ``start..end``."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    can_open = before in _OPEN_BEFORE and not after.isspace()
    can_close = (not before.isspace() or (before == " " and after in "\n")) and (
        after in _CLOSE_AFTER or not after.isalnum())
    mark = text[i]
    if mark == "„" or mark == "‚":
        return before.isspace() or before in _OPEN_BEFORE or not before.isalnum(), False
    if mark in "«»" and before.isspace() and after.isspace():  # French: « mot »
        return mark == "«", mark == "»"
    if mark in SINGLE and before.isalnum() and after.isalnum():
        return False, False  # an apostrophe: don't, Kühn’s, l'État
    if mark == "’":
        return False, can_close  # ’n’, ’90s: never an opening mark
    return can_open, can_close


def pair_marks(text: str, paragraphs: list[Span]) -> Pairing:
    """Pair every quotation mark of the text, paragraph by paragraph."""
    pairs: list[Pair] = []
    orphans: list[int] = []
    carried: tuple[int, str, list[int]] | None = None  # open mark continuing a paragraph
    wrapped: list[tuple[int, str]] = []  # open marks of a line broken mid-sentence
    for para in paragraphs:
        stack: list[tuple[int, str]] = wrapped
        wrapped = []
        reopened: list[int] = []
        first = text[para.start]
        if stack:
            carried = None
        if carried is not None and first in MARKS:
            stack.append((carried[0], carried[1]))
            reopened = [*carried[2], para.start]
            first_mark = para.start
        else:
            first_mark = -1
        carried = None
        for i in _mark_positions(text, para):
            if i == first_mark:
                continue
            mark = text[i]
            can_open, can_close = _direction(text, i, para.start, para.end)
            if not (can_open or can_close):
                continue
            if can_close and stack and mark in _CLOSERS[stack[-1][1]]:
                if mark == stack[-1][1] and can_open and not _closes_same(text, i, para):
                    stack.append((i, mark))
                    continue
                opened, _ = stack.pop()
                pairs.append(Pair(opened, i, len(stack), tuple(reopened) if not stack else ()))
                if not stack:
                    reopened = []
                continue
            if can_open and (mark not in SINGLE or _single_opens(text, i, para)):
                stack.append((i, mark))
                continue
            if can_close:
                deeper = [k for k, (_, m) in enumerate(stack) if mark in _CLOSERS[m]]
                if deeper and mark not in SINGLE:
                    k = deeper[-1]
                    pairs.append(Pair(stack[k][0], i, k, tuple(reopened) if k == 0 else ()))
                    del stack[k:]
                elif not stack and mark not in SINGLE:
                    orphans.append(i)
        if stack and (text[para.end - 1].isalnum() or text[para.end - 1] in "-,"):
            wrapped = stack  # a hard line break (older typography, PDF text): go on
        elif stack:
            carried = (stack[0][0], stack[0][1], reopened)
    return Pairing(sorted(pairs, key=lambda p: p.open), orphans)


_MARK = re.compile("[„“”\"«»‚‘’']")


def _mark_positions(text: str, para: Span) -> list[int]:
    return [m.start() for m in _MARK.finditer(text, para.start, para.end)]


def _closes_same(text: str, i: int, para: Span) -> bool:
    """For a symmetric mark (" ' ”) that could open or close: it closes unless it sits
    at a word's start with a space before it."""
    before = text[i - 1] if i > para.start else " "
    return not (before.isspace() or before in "([{")


def _single_opens(text: str, i: int, para: Span) -> bool:
    """A single opening mark only opens when a matching closer follows in the paragraph
    (‘90s and ’tis are not quotes)."""
    closers = _CLOSERS[text[i]]
    if text[para.end:para.end + 4].lstrip().startswith(text[i]):
        return True  # reopened on the next paragraph: a quote running on
    for j in range(i + 2, para.end):
        if text[j] in closers:
            after = text[j + 1] if j + 1 < para.end else " "
            if not after.isalnum():
                return True
    return False
