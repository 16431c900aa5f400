"""Agreement statistics against published worked examples, and over a real project."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.commands import AddTag, UpdateAnnotation
from core.errors import InvalidValue, NotFound
from core.model import Status, Tag, new_id
from core.project import Project
from core.review.agreement import (
    OVERALL,
    Span,
    agreement,
    alpha_among,
    alpha_char,
    cohen_kappa,
    krippendorff_alpha_nominal,
    span_f1,
)
from core.review.units import sentence_spans
from tests.core.helpers import add_document, new_project

# --- published worked examples ------------------------------------------------------

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 coders x 12 units, nominal data, None = missing.
KRIPPENDORFF_4X12 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_krippendorff_2011_four_coders_nominal_alpha() -> None:
    assert round(krippendorff_alpha_nominal(KRIPPENDORFF_4X12), 3) == 0.743


def test_krippendorff_2011_two_coders_binary_alpha() -> None:
    data = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
    assert round(krippendorff_alpha_nominal(data), 3) == 0.095


def test_cohen_kappa_wikipedia_two_categories() -> None:
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10
    pairs += [("no", "no")] * 15
    assert round(cohen_kappa(pairs), 3) == 0.4


# Artstein & Poesio (2008), "Inter-coder agreement for computational linguistics",
# Table 4: 100 utterances, Stat/IReq/Chck. By hand: A_o = 88/100; A_e = .46*.52 +
# .44*.32 + .10*.16 = .396; kappa = (.88 - .396) / (1 - .396) = .8013. Alpha with the
# same table: n_c = 98, 76, 26 of n = 200; alpha = 1 - 199 * 24 / (200² - 16056) = .8005.
ARTSTEIN_POESIO = (
    [("Stat", "Stat")] * 46 + [("IReq", "Stat")] * 6 + [("IReq", "IReq")] * 32
    + [("IReq", "Chck")] * 6 + [("Chck", "Chck")] * 10
)


def test_cohen_kappa_artstein_poesio_three_categories() -> None:
    assert round(cohen_kappa(ARTSTEIN_POESIO), 4) == 0.8013


def test_alpha_artstein_poesio_table_by_hand() -> None:
    data = [[a for a, _ in ARTSTEIN_POESIO], [b for _, b in ARTSTEIN_POESIO]]
    assert round(krippendorff_alpha_nominal(data), 4) == 0.8005


# --- edge cases ----------------------------------------------------------------------


def test_degenerate_data_has_documented_values() -> None:
    assert math.isnan(cohen_kappa([]))
    assert cohen_kappa([("x", "x")] * 3) == 1.0  # one category throughout: p_e = 1
    assert math.isnan(krippendorff_alpha_nominal([[1, None], [None, 2]]))  # nothing pairable
    assert krippendorff_alpha_nominal([["x", "x"], ["x", "x"]]) == 1.0
    assert cohen_kappa([("a", "b"), ("b", "a")]) == -1.0


def test_alpha_refuses_ragged_reliability_data() -> None:
    with pytest.raises(InvalidValue, match="every coder"):
        krippendorff_alpha_nominal([[1, 2], [1]])


def test_span_f1_exact_and_overlap_match_one_to_one() -> None:
    a = [Span(0, 10, "Quote"), Span(20, 30, "Quote"), Span(40, 50, "Source")]
    b = [Span(0, 10, "Quote"), Span(2, 8, "Quote"), Span(25, 35, "Quote"), Span(40, 50, "Tone")]
    exact = span_f1(a, b, "exact")
    assert (exact.matched, exact.count_a, exact.count_b) == (1, 3, 4)
    assert exact.precision == 0.25 and exact.recall == pytest.approx(1 / 3)
    overlap = span_f1(a, b, "overlap")
    # [0,10) takes its exact twin, [2,8) stays single; no match across tags.
    assert overlap.matched == 2
    assert overlap.f1 == pytest.approx(4 / 7)


def test_span_f1_prefers_the_larger_overlap() -> None:
    a = [Span(0, 10, "Q"), Span(8, 20, "Q")]
    b = [Span(5, 18, "Q")]
    # overlaps: a0 5, a1 10 -> b goes to a1
    assert span_f1(a, b, "overlap").matched == 1
    assert span_f1(a[:1], b, "overlap").matched == 1
    assert span_f1(a, [*b, Span(0, 6, "Q")], "overlap").matched == 2


def test_span_f1_needs_the_same_document() -> None:
    assert span_f1([Span(0, 5, "Q", "d1")], [Span(0, 5, "Q", "d2")], "overlap").matched == 0


def test_span_f1_undefined_ratios_are_nan_and_mode_is_checked() -> None:
    empty = span_f1([], [], "exact")
    assert math.isnan(empty.f1) and math.isnan(empty.precision)
    one_sided = span_f1([Span(0, 1, "Q")], [], "overlap")
    assert one_sided.f1 == 0.0 and one_sided.recall == 0.0 and math.isnan(one_sided.precision)
    with pytest.raises(InvalidValue, match="match mode"):
        span_f1([], [], "fuzzy")  # type: ignore[arg-type]


def test_alpha_char_counts_every_character() -> None:
    # 10 characters; A: X on 0-5, B: X on 0-4 and Y on 6-8.
    a = [Span(0, 5, "X")]
    b = [Span(0, 4, "X"), Span(6, 8, "Y")]
    per_char_a = ["X"] * 5 + [None] * 5
    per_char_b = ["X"] * 4 + [None] * 2 + ["Y"] * 2 + [None] * 2
    expected = krippendorff_alpha_nominal([
        [v or "-" for v in per_char_a], [v or "-" for v in per_char_b]
    ])
    assert alpha_char([a, b], 10) == pytest.approx(expected)
    assert alpha_char([a, a], 10) == 1.0


# --- properties ----------------------------------------------------------------------

labels = st.sampled_from(["Quote", "Source", "Tone", None])
pair_lists = st.lists(st.tuples(labels, labels), min_size=1, max_size=60)


@given(st.lists(labels, min_size=1, max_size=60))
def test_kappa_is_one_for_identical_coders(values: list[str | None]) -> None:
    assert cohen_kappa([(v, v) for v in values]) == 1.0


@given(pair_lists)
def test_kappa_is_symmetric_and_at_most_one(pairs: list[tuple[str | None, str | None]]) -> None:
    forward = cohen_kappa(pairs)
    assert forward == pytest.approx(cohen_kappa([(b, a) for a, b in pairs]))
    assert forward <= 1.0 + 1e-12


reliability = st.integers(2, 4).flatmap(
    lambda coders: st.integers(1, 25).flatmap(
        lambda units: st.lists(
            st.lists(st.sampled_from([1, 2, 3, None]), min_size=units, max_size=units),
            min_size=coders, max_size=coders,
        )
    )
)


@given(st.integers(2, 4), st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=30))
def test_alpha_is_one_for_identical_coders(coders: int, row: list[str]) -> None:
    assert krippendorff_alpha_nominal([row] * coders) == 1.0


@given(reliability)
def test_alpha_does_not_depend_on_coder_order(data: list[list[int | None]]) -> None:
    shuffled = list(reversed(data))
    first, second = krippendorff_alpha_nominal(data), krippendorff_alpha_nominal(shuffled)
    assert (math.isnan(first) and math.isnan(second)) or first == pytest.approx(second)


spans = st.lists(
    st.builds(
        lambda start, length, tag: Span(start, start + length, tag),
        st.integers(0, 60), st.integers(1, 20), st.sampled_from(["Q", "S"]),
    ),
    max_size=15,
)


@given(spans, spans)
def test_f1_is_symmetric_and_exact_never_beats_overlap(a: list[Span], b: list[Span]) -> None:
    for mode in ("exact", "overlap"):
        forward, backward = span_f1(a, b, mode), span_f1(b, a, mode)  # type: ignore[arg-type]
        assert forward.matched == backward.matched
        assert forward.precision == backward.recall or math.isnan(forward.precision)
    assert span_f1(a, b, "exact").matched <= span_f1(a, b, "overlap").matched


@given(spans)
def test_f1_is_one_for_identical_spans(a: list[Span]) -> None:
    if a:
        assert span_f1(a, list(reversed(a)), "exact").f1 == 1.0
        assert span_f1(a, a, "overlap").f1 == 1.0


@given(spans, spans, st.integers(1, 90))
def test_alpha_char_equals_alpha_over_expanded_characters(
    a: list[Span], b: list[Span], length: int
) -> None:
    def expand(coder: list[Span]) -> list[str]:
        values = []
        for i in range(length):
            covering = sorted(s.tag for s in coder if s.start <= i < s.end)
            values.append(covering[0] if covering else "no tag")
        return values

    expected = krippendorff_alpha_nominal([expand(a), expand(b)])
    assert alpha_char([a, b], length) == pytest.approx(expected, nan_ok=True)


# --- sentence units ------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Er sagte: „Wir kommen.“ Dann ging er.", ["Er sagte: „Wir kommen.“", "Dann ging er."]),
    ("Am 22.09.2021 kam Dr. Weiß, z.B. mit u.a. Gästen. Sie blieb.",
     ["Am 22.09.2021 kam Dr. Weiß, z.B. mit u.a. Gästen.", "Sie blieb."]),
    ("Am 3. Oktober wählte man. Danach nicht.", ["Am 3. Oktober wählte man.", "Danach nicht."]),
    ("„Wir […] reden“, sagte sie… und ging. Wirklich?! Ja... Gut.",
     ["„Wir […] reden“, sagte sie… und ging.", "Wirklich?!", "Ja...", "Gut."]),
    ("Warten… Dann kam er.", ["Warten…", "Dann kam er."]),
    ("Он сказал: «Мы придём». Потом, т.е. в 2020 г. ничего. Конец.",
     ["Он сказал: «Мы придём».", "Потом, т.е. в 2020 г. ничего.", "Конец."]),
    ("J. Smith and the U.S. envoy met. Mr. Brown said “no.” “Yes,” he said.",
     ["J. Smith and the U.S. envoy met.", "Mr. Brown said “no.”", "“Yes,” he said."]),
    ("Schlagzeile ohne Punkt\n\n  Erster Satz 😀. Zweiter 𝔘 Satz.  \n",
     ["Schlagzeile ohne Punkt", "Erster Satz 😀.", "Zweiter 𝔘 Satz."]),
    ("", []),
    (" \n\t\n", []),
])
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentence_offsets_are_code_points() -> None:
    text = "😀😀 Eins. 𝔘 Zwei."
    assert sentence_spans(text) == [(0, 8), (9, 16)]


@given(st.text(alphabet=st.sampled_from("ab .!?…„“\n😀Z"), max_size=80))
def test_sentences_are_ordered_stripped_and_disjoint(text: str) -> None:
    previous_end = 0
    for start, end in sentence_spans(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


# --- project level -------------------------------------------------------------------

TEXT = (
    "„Wir müssen reden“, sagte Dr. Weiß am 22.09.2021 in Berlin. "
    "Der Botschafter 𝔘 erklärte, man sei z.B. zu Gesprächen bereit. "
    "Das sei „ein fauler Kompromiss.“ Die Opposition schwieg…\n"
    "Quellen: Kommersant 😀"
)


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = new_project(tmp_path)
    yield p
    p.close()


@pytest.fixture
def doc(project: Project) -> str:
    """Anna and Ben annotate the same five sentences; see the hand counts in the tests."""
    doc_id = add_document(project, TEXT)
    text = project.text(doc_id)
    s = sentence_spans(text)
    assert len(s) == 5
    anna = [
        (span_of(text, "„Wir müssen reden“"), "Quote"),
        (s[2], "Tone/Critical"),
        (span_of(text, "ein fauler Kompromiss"), "Quote"),
        (span_of(text, "Kommersant"), "Source"),
    ]
    ben = [
        (span_of(text, "Wir müssen reden"), "Quote"),
        (s[2], "Tone/Critical"),
        (span_of(text, "„ein fauler Kompromiss.“"), "Quote"),
        (s[1], "Tone/Neutral"),
    ]
    for author, marks in (("Anna", anna), ("Ben", ben)):
        for (start, end), tag in marks:
            project.annotate(doc_id, start, end, tag, author=author)
    return doc_id


def test_sentence_agreement_by_hand(project: Project, doc: str) -> None:
    report = agreement(project, "Anna", "Ben")
    # Labels per sentence (Anna, Ben): (Quote, Quote), (-, Neutral), (Critical, Critical)
    # -- Critical covers all of sentence 3, the quote only part --, (-, -), (Source, -).
    assert report.confusion == {
        ("Quote", "Quote"): 1, (None, "Tone/Neutral"): 1, ("Tone/Critical", "Tone/Critical"): 1,
        (None, None): 1, ("Source", None): 1,
    }
    assert report.units == 5 and report.document_ids == (doc,)
    # kappa: p_o = 3/5, p_e * 25 = 1 + 2*2 + 1 = 6 -> (15 - 6) / (25 - 6) = 9/19
    assert report.kappa[OVERALL] == pytest.approx(9 / 19)
    # alpha: n = 10, n_c = 2, 4, 2, 1, 1 -> 1 - 9 * 4 / (100 - 26) = 1 - 36/74
    assert report.alpha[OVERALL] == pytest.approx(1 - 36 / 74)
    assert report.kappa["Quote"] == 1.0 and report.kappa["Tone/Critical"] == 1.0
    assert report.kappa["Tone/Neutral"] == 0.0 and report.alpha["Source"] == 0.0
    # F1: exact matches only Critical (1 of 4 + 4); overlap also both quotes.
    assert report.f1["exact"][OVERALL] == pytest.approx(2 / 8)
    assert report.f1["overlap"][OVERALL] == pytest.approx(6 / 8)
    assert report.f1["exact"]["Quote"] == 0.0 and report.f1["overlap"]["Quote"] == 1.0
    assert report.spans["exact"]["Source"].recall == 0.0


def test_json_has_the_documented_shape(project: Project, doc: str) -> None:
    data = agreement(project, "Anna", "Ben").to_json()
    keys = [OVERALL, "Quote", "Source", "Tone/Critical", "Tone/Neutral"]
    assert list(data) == ["kappa", "alpha", "f1"]
    assert list(data["kappa"]) == keys and list(data["alpha"]) == keys
    assert list(data["f1"]) == ["exact", "overlap"]
    assert list(data["f1"]["exact"]) == keys and list(data["f1"]["overlap"]) == keys
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_character_units(project: Project, doc: str) -> None:
    report = agreement(project, "Anna", "Ben", unit="char")
    text = project.text(doc)
    assert report.units == len(text)
    critical = span_of(text, "Das sei „ein fauler Kompromiss.“")
    # Inside Critical, both mark Quote too; "Quote" sorts first, so those characters are
    # Quote for Anna on "ein fauler Kompromiss" and for Ben on the quote with its marks.
    assert report.confusion[("Quote", "Quote")] == len("Wir müssen reden") + len(
        "ein fauler Kompromiss")
    assert report.confusion[("Tone/Critical", "Tone/Critical")] == (
        critical[1] - critical[0] - len("„ein fauler Kompromiss.“"))
    assert report.confusion[(None, "Tone/Neutral")] == len(
        "Der Botschafter 𝔘 erklärte, man sei z.B. zu Gesprächen bereit.")
    assert report.confusion[("Source", None)] == len("Kommersant")
    assert sum(report.confusion.values()) == len(text)
    assert report.kappa["Tone/Critical"] == 1.0
    assert 0 < report.kappa[OVERALL] < 1  # type: ignore[operator]
    assert report.f1 == agreement(project, "Anna", "Ben").f1  # F1 does not depend on units


def test_identical_analysts_agree_perfectly(project: Project, doc: str) -> None:
    for a in project.annotations(author="Anna"):
        project.annotate(doc, a.start, a.end, a.tag_id, author="Clara")
    for unit in ("sentence", "char"):
        data = agreement(project, "Anna", "Clara", unit=unit).to_json()  # type: ignore[arg-type]
        values = [*data["kappa"].values(), *data["alpha"].values(),
                  *data["f1"]["exact"].values(), *data["f1"]["overlap"].values()]
        assert values == [1.0] * len(values)


def test_only_accepted_annotations_count(project: Project, doc: str) -> None:
    neutral = project.annotations(author="Ben", tag="Tone/Neutral")[0]
    project.execute(UpdateAnnotation(neutral.id, {"status": Status.REJECTED}))
    report = agreement(project, "Anna", "Ben")
    assert "Tone/Neutral" not in report.kappa
    assert (None, None) in report.confusion and report.confusion[(None, None)] == 2


def test_alpha_among_three_analysts(project: Project, doc: str) -> None:
    for a in project.annotations(author="Anna"):
        project.annotate(doc, a.start, a.end, a.tag_id, author="Clara")
    among = alpha_among(project, ["Anna", "Ben", "Clara"])
    assert list(among) == [OVERALL, "Quote", "Source", "Tone/Critical", "Tone/Neutral"]
    # A third coder who copies Anna raises agreement above Anna-Ben's.
    assert among[OVERALL] > agreement(project, "Anna", "Ben").alpha[OVERALL]  # type: ignore[operator]
    assert alpha_among(project, ["Anna", "Clara"])[OVERALL] == 1.0


def test_documents_can_be_chosen(project: Project, doc: str) -> None:
    other = add_document(project, "Ein zweiter Text. Ohne Markierungen.", title="Zwei")
    default = agreement(project, "Anna", "Ben")
    assert default.document_ids == (doc,)
    both = agreement(project, "Anna", "Ben", document_ids=[doc, other[:8]])
    assert both.units == 7 and both.confusion[(None, None)] == 3
    empty = agreement(project, "Anna", "Ben", document_ids=[other])
    data = empty.to_json()
    assert data["kappa"][OVERALL] == 1.0  # two unmarked sentences: trivially the same
    assert data["f1"]["exact"][OVERALL] is None  # no annotations: F1 undefined
    assert "null" in json.dumps(data, allow_nan=False)


@pytest.mark.parametrize(("a", "b", "unit", "error", "message"), [
    ("Anna", "Zoe", "sentence", NotFound, "no annotations by 'Zoe'.*Anna, Ben"),
    ("Anna", "Anna", "sentence", InvalidValue, "two different analysts"),
    ("Anna", "Ben", "word", InvalidValue, "unit must be one of sentence, char"),
])
def test_bad_requests_give_one_clear_message(
    project: Project, doc: str, a: str, b: str, unit: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        agreement(project, a, b, unit=unit)  # type: ignore[arg-type]


def test_a_tag_named_overall_is_refused_not_overwritten(project: Project, doc: str) -> None:
    project.execute(AddTag(Tag(new_id(), "overall")))
    project.annotate(doc, 0, 5, "overall", author="Anna")
    with pytest.raises(InvalidValue, match="clashes with the overall figures"):
        agreement(project, "Anna", "Ben")


def test_per_tag_figures_ignore_other_tags_in_the_unit(project: Project, doc: str) -> None:
    before = agreement(project, "Anna", "Ben")
    first_sentence = sentence_spans(project.text(doc))[0]
    project.annotate(doc, *first_sentence, "Note", author="Anna")  # now dominates sentence 1
    after = agreement(project, "Anna", "Ben")
    assert after.kappa["Quote"] == before.kappa["Quote"] == 1.0
    assert after.confusion[("Note", "Quote")] == 1
    assert after.kappa[OVERALL] < before.kappa[OVERALL]  # type: ignore[operator]


def test_unknown_document_is_reported(project: Project, doc: str) -> None:
    with pytest.raises(NotFound):
        agreement(project, "Anna", "Ben", document_ids=["ffffffff-nope"])
