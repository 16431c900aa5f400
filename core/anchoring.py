"""Spans and W3C TextQuoteSelectors: making them, finding quotes, re-anchoring.

A selector keeps the quoted text with up to ``CONTEXT`` characters before and
after, so an annotation can be placed again on a revised copy of the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from core.errors import InvalidSpan, NotFound
from core.i18n import _
from core.model import TextQuoteSelector
from core.wording import count

CONTEXT = 32


def check_span(text: str, start: int, end: int) -> None:
    """Raise ``InvalidSpan`` unless ``0 <= start < end <= len(text)``."""
    check_span_length(len(text), start, end)


def check_span_length(length: int, start: int, end: int) -> None:
    """Raise ``InvalidSpan`` unless ``0 <= start < end <= length``."""
    if not (0 <= start < end <= length):
        raise InvalidSpan(_("span %(start)s-%(end)s is not inside the text (0-%(length)s) "
                            "or is empty")
                          % {"start": start, "end": end, "length": length})


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``start``/``end`` moved inwards past whitespace and line breaks at either end; None
    when nothing else is selected. A triple-click takes the paragraph's newline, a drag
    the next word's space: left in, two analysts' equal passages would differ in bounds."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def selector_for(text: str, start: int, end: int, context: int = CONTEXT) -> TextQuoteSelector:
    check_span(text, start, end)
    return TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - context):start],
        suffix=text[end:end + context],
    )


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``quote``."""
    if not quote:
        return []
    found = []
    index = text.find(quote)
    while index != -1:
        found.append(index)
        index = text.find(quote, index + 1)
    return found


def locate_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the ``occurrence``-th (1-based) occurrence of ``quote`` in ``text``."""
    if not quote:
        raise InvalidSpan(_("the quote is empty"))
    hits = occurrences(text, quote)
    if not hits:
        raise NotFound(_("the text does not contain %(quote)r") % {"quote": quote})
    if not 1 <= occurrence <= len(hits):
        raise NotFound(
            _("%(quote)r occurs %(length)s; occurrence %(occurrence)s does not exist")
            % {"quote": quote, "length": count(len(hits), 'time'), "occurrence": occurrence}
        )
    start = hits[occurrence - 1]
    return start, start + len(quote)


def _common_prefix_length(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(text: str, start: int, end: int, selector: TextQuoteSelector) -> int:
    """How many context characters around ``start:end`` agree with the selector's."""
    before = text[max(0, start - len(selector.prefix)):start]
    after = text[end:end + len(selector.suffix)]
    prefix_agree = _common_prefix_length(before[::-1], selector.prefix[::-1])
    suffix_agree = _common_prefix_length(after, selector.suffix)
    return prefix_agree + suffix_agree


def reanchor(
    text: str, selector: TextQuoteSelector, hint: int | None = None
) -> tuple[int, int] | None:
    """Where ``selector`` sits in ``text``, or None when its exact text is gone.

    Among exact occurrences the one whose context agrees best wins; ties go to the
    one nearest ``hint`` (the old start offset).
    """
    exact = selector.exact
    if not exact:
        return None
    if hint is not None and text[hint:hint + len(exact)] == exact:
        score_at_hint = _context_score(text, hint, hint + len(exact), selector)
        if score_at_hint == len(selector.prefix) + len(selector.suffix):
            return hint, hint + len(exact)
    candidates = occurrences(text, exact)
    if not candidates:
        return None
    best = max(
        candidates,
        key=lambda s: (
            _context_score(text, s, s + len(exact), selector),
            -abs(s - hint) if hint is not None else 0,
        ),
    )
    return best, best + len(exact)


def best_fits(text: str, selector: TextQuoteSelector) -> list[int]:
    """Starts of the exact occurrences of the selector's quote whose context agrees best
    (one, unless repeats tie); empty when the quote is gone."""
    hits = occurrences(text, selector.exact)
    if len(hits) < 2:
        return hits
    scores = [_context_score(text, s, s + len(selector.exact), selector) for s in hits]
    best = max(scores)
    return [s for s, score in zip(hits, scores, strict=True) if score == best]


class TextRevision:
    """Maps offsets from an old version of a text to a revised one.

    Built once per pair of texts from a character-level edit script (rapidfuzz's
    Levenshtein opcodes: fast on article-length texts), then used for every
    annotation on that text.
    """

    def __init__(self, old: str, new: str) -> None:
        from rapidfuzz.distance import Levenshtein

        self.old = old
        self.new = new
        self._blocks = [
            (op.src_start, op.src_end, op.dest_start, op.dest_end, op.tag)
            for op in Levenshtein.opcodes(old, new)
        ]
        self._starts = [b[0] for b in self._blocks]
        # An insertion shares its end with the block before it, which bisect_left
        # finds first: an end offset never takes in text inserted right after it.
        self._ends = [b[1] for b in self._blocks]

    def map(self, offset: int, *, is_end: bool = False) -> int:
        """Where ``offset`` of the old text lies in the new one.

        Text inserted exactly at ``offset`` falls outside a span: a start maps to
        after it, an end to before it.
        """
        if is_end:
            index = min(bisect_left(self._ends, offset), len(self._blocks) - 1)
        else:
            index = max(0, bisect_right(self._starts, offset) - 1)
        src_start, src_end, dest_start, dest_end, tag = self._blocks[index]
        if tag == "equal" or (tag == "replace" and src_end - src_start == dest_end - dest_start):
            return dest_start + (offset - src_start)
        return dest_start if offset <= src_start else dest_end


FUZZY_MIN_SIMILARITY = 0.8


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an annotation lands on a (possibly revised) text, and how it was found."""

    start: int
    end: int
    how: str  # "same" | "exact" | "fuzzy"


def place(
    selector: TextQuoteSelector, old_start: int, revision: TextRevision | None, text: str
) -> Placement | None:
    """Put an annotation made on another copy of a text onto ``text``.

    Same text: offsets stand. Otherwise the quote is looked for exactly (context
    decides between repeats, the mapped old offset breaks ties); failing that, the
    old span is mapped through the edit script and kept if its text is still at
    least ``FUZZY_MIN_SIMILARITY`` similar to the quote. ``None`` means it cannot
    be placed and must be reported.
    """
    from rapidfuzz.distance import Indel

    old_end = old_start + len(selector.exact)
    if revision is None:
        if text[old_start:old_end] == selector.exact:
            return Placement(old_start, old_end, "same")
        hint = old_start
    else:
        hint = revision.map(old_start)
    found = reanchor(text, selector, hint)
    if found is not None:
        return Placement(found[0], found[1], "exact")
    if revision is None:
        return None
    start, end = revision.map(old_start), revision.map(old_end, is_end=True)
    if end <= start:
        return None
    if Indel.normalized_similarity(text[start:end], selector.exact) < FUZZY_MIN_SIMILARITY:
        return None
    return Placement(start, end, "fuzzy")
