"""What two analysts' annotations differ in, said in a few words for the review list.

"form: reported → direct", "speaker: René → Rene", "bounds: A also ‹„› at the start":
the reviewer sees the difference itself, A's value first, without opening both sides.
"""

from __future__ import annotations

from core.model import DisagreementKind
from core.review.disagreements import Disagreement
from core.wording import count

#: Longest stretch of extra text shown whole; longer ones keep their two ends.
_SHOWN = 24


def _visible(extra: str) -> str:
    """Extra characters as the eye can count them: spaces and breaks made visible."""
    if len(extra) > _SHOWN:
        half = _SHOWN // 2 - 1
        extra = f"{extra[:half]}…{extra[-half:]}"
    if not extra.strip():
        return "‹" + extra.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥") + "›"
    return "‹" + extra.replace("\n", "↵").replace("\t", "⇥") + "›"


def _bounds(text: str, a: tuple[int, int], b: tuple[int, int]) -> str:
    if a[1] <= b[0] or b[1] <= a[0]:  # apart: only positions say where
        return f"bounds: A {a[0]}–{a[1]}, B {b[0]}–{b[1]}"
    parts = []
    if a[0] != b[0]:
        side, extra = ("A", text[a[0]:b[0]]) if a[0] < b[0] else ("B", text[b[0]:a[0]])
        parts.append(f"{side} also {_visible(extra)} at the start")
    if a[1] != b[1]:
        side, extra = ("A", text[b[1]:a[1]]) if a[1] > b[1] else ("B", text[a[1]:b[1]])
        parts.append(f"{side} also {_visible(extra)} at the end")
    return "bounds: " + "; ".join(parts)


def describe_difference(item: Disagreement, text: str) -> str:
    """The difference of ``item`` (a disagreement on the document whose text is ``text``)."""
    if item.kind is DisagreementKind.ONLY_A:
        return f"{item.tag_a} only in A"
    if item.kind is DisagreementKind.ONLY_B:
        return f"{item.tag_b} only in B"
    if item.kind is DisagreementKind.TAG_DIFFERS:
        steps = item.ordinal_distance
        apart = f" ({count(steps, 'step')})" if steps else ""
        return f"tag: {item.tag_a} → {item.tag_b}{apart}"
    parts = []
    if item.span_a is not None and item.span_b is not None and item.span_a != item.span_b:
        parts.append(_bounds(text, item.span_a, item.span_b))
    parts += [f"{key}: {a or '–'} → {b or '–'}" for key, a, b in item.values]
    return "; ".join(parts) or item.summary
