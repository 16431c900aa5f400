"""What two analysts' annotations differ in, said in a few words for the review list.

"form: reported → direct", "speaker: René → Rene", "bounds: A also ‹„› at the start":
the reviewer sees the difference itself, A's value first, without opening both sides.
"""

from __future__ import annotations

from core.i18n import _
from core.labels import attribute_label, attribute_value
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
        return _("bounds: A %(a)s, B %(b)s") % {"a": f"{a[0]}–{a[1]}", "b": f"{b[0]}–{b[1]}"}
    parts = []
    if a[0] != b[0]:
        side, extra = ("A", text[a[0]:b[0]]) if a[0] < b[0] else ("B", text[b[0]:a[0]])
        parts.append(_("%(side)s also %(extra)s at the start")
                     % {"side": side, "extra": _visible(extra)})
    if a[1] != b[1]:
        side, extra = ("A", text[b[1]:a[1]]) if a[1] > b[1] else ("B", text[a[1]:b[1]])
        parts.append(_("%(side)s also %(extra)s at the end")
                     % {"side": side, "extra": _visible(extra)})
    return _("bounds: %(changes)s") % {"changes": "; ".join(parts)}


def describe_difference(item: Disagreement, text: str) -> str:
    """The difference of ``item`` (a disagreement on the document whose text is ``text``)."""
    if item.kind is DisagreementKind.ONLY_A:
        return _("%(tag)s only in A") % {"tag": item.tag_a}
    if item.kind is DisagreementKind.ONLY_B:
        return _("%(tag)s only in B") % {"tag": item.tag_b}
    if item.kind is DisagreementKind.TAG_DIFFERS:
        steps = item.ordinal_distance
        apart = f" ({count(steps, 'step')})" if steps else ""
        return _("tag: %(a)s → %(b)s") % {"a": item.tag_a, "b": item.tag_b} + apart
    parts = []
    if item.span_a is not None and item.span_b is not None and item.span_a != item.span_b:
        parts.append(_bounds(text, item.span_a, item.span_b))
    parts += [f"{attribute_label(key)}: {attribute_value(a, key) or '–'} → "
              f"{attribute_value(b, key) or '–'}" for key, a, b in item.values]
    return "; ".join(parts) or item.summary
