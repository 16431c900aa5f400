"""Spans and W3C TextQuoteSelectors: making them, finding quotes, re-anchoring.

A selector keeps the quoted text with up to ``CONTEXT`` characters before and
after, so an annotation can be placed again on a revised copy of the text.
"""

from __future__ import annotations

from core.errors import InvalidSpan, NotFound
from core.model import TextQuoteSelector

CONTEXT = 32


def check_span(text: str, start: int, end: int) -> None:
    """Raise ``InvalidSpan`` unless ``0 <= start < end <= len(text)``."""
    if not (0 <= start < end <= len(text)):
        raise InvalidSpan(
            f"span {start}-{end} is not inside the text (0-{len(text)}) or is empty"
        )


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
        raise InvalidSpan("the quote is empty")
    hits = occurrences(text, quote)
    if not hits:
        raise NotFound(f"the text does not contain {quote!r}")
    if not 1 <= occurrence <= len(hits):
        raise NotFound(
            f"{quote!r} occurs {len(hits)} time(s); occurrence {occurrence} does not exist"
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
