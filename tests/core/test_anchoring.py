"""Selectors, quote lookup and re-anchoring on revised texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.anchoring import (
    CONTEXT,
    Placement,
    TextRevision,
    locate_quote,
    occurrences,
    place,
    reanchor,
    selector_for,
)
from core.errors import InvalidSpan, NotFound
from core.model import TextQuoteSelector

TEXT = "😀 Er sagte: „Wir müssen reden.“ Später: „Wir müssen reden.“ – Удар"


def test_selector_keeps_exact_text_and_context() -> None:
    start = TEXT.index("Wir")
    sel = selector_for(TEXT, start, start + 17)
    assert sel.exact == "Wir müssen reden."
    assert sel.prefix == TEXT[:start][-CONTEXT:]
    assert sel.suffix == TEXT[start + 17:][:CONTEXT]


@pytest.mark.parametrize("start,end", [(-1, 3), (3, 3), (5, 2), (0, len(TEXT) + 1)])
def test_bad_spans_are_refused(start: int, end: int) -> None:
    with pytest.raises(InvalidSpan):
        selector_for(TEXT, start, end)


def test_locate_quote_by_occurrence() -> None:
    first = locate_quote(TEXT, "Wir müssen reden.")
    second = locate_quote(TEXT, "Wir müssen reden.", occurrence=2)
    assert TEXT[first[0]:first[1]] == TEXT[second[0]:second[1]] == "Wir müssen reden."
    assert second[0] > first[0]
    with pytest.raises(NotFound, match="occurs 2 time"):
        locate_quote(TEXT, "Wir müssen reden.", occurrence=3)
    with pytest.raises(NotFound):
        locate_quote(TEXT, "nicht da")


def test_occurrences_include_overlaps() -> None:
    assert occurrences("aaaa", "aa") == [0, 1, 2]


def test_reanchor_picks_the_occurrence_whose_context_matches() -> None:
    second = TEXT.index("Wir", TEXT.index("Später"))
    sel = selector_for(TEXT, second, second + 17)
    revised = "Neu eingefügt. " + TEXT
    start, end = reanchor(revised, sel) or (0, 0)
    assert start == second + len("Neu eingefügt. ")
    assert revised[start:end] == "Wir müssen reden."


def test_reanchor_returns_none_when_the_text_is_gone() -> None:
    assert reanchor("ganz anderer Text", TextQuoteSelector("Wir müssen reden.")) is None


@given(st.text(min_size=1, max_size=80), st.text(max_size=40), st.text(max_size=40),
       st.data())
def test_reanchor_finds_a_span_after_text_is_added_around_it(
    body: str, before: str, after: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    sel = selector_for(body, start, end)
    revised = before + body + after
    found = reanchor(revised, sel, hint=start + len(before))
    assert found is not None
    assert revised[found[0]:found[1]] == sel.exact
    # With the hint at the shifted position, the original place is chosen.
    assert found == (start + len(before), end + len(before))


# --- placing annotations on a revised copy of a text ----------------------------

ORIGINAL = (
    "Am 22.09. trafen sich die Generäle. „Wir müssen Vertrauen aufbauen“, sagte Jonas Weber. "
    "Später hieß es: „Wir müssen Vertrauen aufbauen“ – ein Echo. 😀 Удар из-за горизонта."
)


def test_revision_maps_offsets_around_insertions_and_deletions() -> None:
    revision = TextRevision("abcdefghij", "abXdefgYYhij")
    assert [revision.map(i) for i in range(11)] == [0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12]
    # An end offset stops before text inserted right after it.
    assert revision.map(7, is_end=True) == 7


def test_same_text_keeps_offsets() -> None:
    start = ORIGINAL.index("Wir")
    sel = selector_for(ORIGINAL, start, start + 26)
    assert place(sel, start, None, ORIGINAL) == Placement(start, start + 26, "same")


def test_whitespace_change_reanchors_exactly() -> None:
    second = ORIGINAL.index("Wir", ORIGINAL.index("Später"))
    sel = selector_for(ORIGINAL, second, second + 26)
    revised = ORIGINAL.replace("Generäle. ", "Generäle.  \n")
    placement = place(sel, second, TextRevision(ORIGINAL, revised), revised)
    assert placement is not None and placement.how == "exact"
    assert placement.start == revised.index("Wir", revised.index("Später"))


def test_corrected_typo_inside_the_quote_is_placed_fuzzily() -> None:
    start = ORIGINAL.index("Jonas Weber")
    sel = selector_for(ORIGINAL, start, start + len("Jonas Weber"))
    revised = ORIGINAL.replace("Jonas Weber", "Jonas Webber")
    placement = place(sel, start, TextRevision(ORIGINAL, revised), revised)
    assert placement is not None and placement.how == "fuzzy"
    assert revised[placement.start:placement.end] == "Jonas Webber"


def test_passage_removed_from_the_text_cannot_be_placed() -> None:
    start = ORIGINAL.index("Удар")
    sel = selector_for(ORIGINAL, start, start + len("Удар из-за горизонта"))
    revised = ORIGINAL[:start]
    assert place(sel, start, TextRevision(ORIGINAL, revised), revised) is None


@given(st.text(min_size=1, max_size=60), st.text(max_size=20), st.text(max_size=20),
       st.data())
def test_edits_outside_a_span_never_move_it_off_its_text(
    body: str, head: str, tail: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    sel = selector_for(body, start, end)
    revised = head + body + tail
    placement = place(sel, start, TextRevision(body, revised), revised)
    assert placement is not None
    assert revised[placement.start:placement.end] == body[start:end]
