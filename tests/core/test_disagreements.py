"""Disagreements between two analysts: kinds, pairing, ids, positions, the sample project."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.commands import DeleteDocument, UpdateAnnotation
from core.errors import InvalidValue, NotFound
from core.model import DisagreementKind, Status
from core.project import Project
from core.review.disagreements import (
    DISAGREEMENT_NAMESPACE,
    Disagreement,
    disagreement_id,
    find_all_disagreements,
    find_disagreements,
)
from core.sample import ANNA, TOMAS, build_sample_project
from tests.core.helpers import add_document, new_project

# Characters outside the BMP before every passage: offsets are code points.
TEXT = (
    "📰 𝔘nion. „Wir müssen reden“, sagte die Ministerin. Der Botschafter erklärte, man sei "
    "bereit. Kritiker nannten das Treffen „eine Farce“. Удар из-за горизонта. Ende 😀.\n"
)
A, B = "Anna", "Tomás"


def span(quote: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Project, str]]:
    project = new_project(tmp_path, author=A)
    doc = add_document(project, TEXT)
    yield project, doc
    project.close()


def quote(project: Project, doc: str, where: tuple[int, int], author: str, speaker: str,
          form: str = "direct") -> str:
    return project.annotate(doc, *where, "Quote", attributes={"speaker": speaker, "form": form},
                            author=author).id


def tag(project: Project, doc: str, where: tuple[int, int], path: str, author: str) -> str:
    return project.annotate(doc, *where, path, author=author).id


# --- each kind --------------------------------------------------------------------------


def test_exact_agreement_is_not_a_disagreement(pair: tuple[Project, str]) -> None:
    project, doc = pair
    where = span("„Wir müssen reden“")
    quote(project, doc, where, A, "Ministerin")
    quote(project, doc, where, B, "Ministerin")
    tag(project, doc, span("eine Farce"), "Tone/Critical", A)
    tag(project, doc, span("eine Farce"), "Tone/Critical", B)
    assert find_disagreements(project, doc, A, B) == []


def test_only_one_analyst_tagged_a_passage(pair: tuple[Project, str]) -> None:
    project, doc = pair
    ours = quote(project, doc, span("„Wir müssen reden“"), A, "Ministerin")
    theirs = tag(project, doc, span("Удар из-за горизонта"), "Note", B)
    only_a, only_b = find_disagreements(project, doc, A, B)
    assert (only_a.kind, only_a.annotations_a, only_a.annotations_b) == (
        DisagreementKind.ONLY_A, (ours,), ())
    assert (only_a.start, only_a.end) == span("„Wir müssen reden“")
    assert TEXT[only_a.start:only_a.end] == "„Wir müssen reden“"
    assert (only_a.tag_a, only_a.tag_b) == ("Quote", None)
    assert only_a.summary == "Anna: Quote (speaker: Ministerin, form: direct) vs Tomás: nothing"
    assert (only_b.kind, only_b.annotations_b, only_b.tag_b) == (
        DisagreementKind.ONLY_B, (theirs,), "Note")
    assert TEXT[only_b.start:only_b.end] == "Удар из-за горизонта"
    assert only_b.summary == "Anna: nothing vs Tomás: Note"


def test_different_tags_on_overlapping_spans_with_the_distance_on_the_scale(
    pair: tuple[Project, str],
) -> None:
    project, doc = pair
    first = tag(project, doc, span("Kritiker nannten das Treffen „eine Farce“."),
                "Tone/Confrontational", A)
    second = tag(project, doc, span("das Treffen „eine Farce“"), "Tone/Conciliatory", B)
    (item,) = find_disagreements(project, doc, A, B)
    assert item.kind is DisagreementKind.TAG_DIFFERS
    assert (item.annotations_a, item.annotations_b) == ((first,), (second,))
    assert item.ordinal_distance == 3
    assert (item.tag_a, item.tag_b) == ("Tone/Confrontational", "Tone/Conciliatory")
    assert (item.start, item.end) == span("Kritiker nannten das Treffen „eine Farce“.")
    assert item.summary == "Anna: Tone/Confrontational vs Tomás: Tone/Conciliatory (3 steps apart)"


def test_custom_tags_under_one_parent_compete_but_unrelated_tags_do_not(
    pair: tuple[Project, str],
) -> None:
    project, doc = pair
    from core.commands import AddTag
    from core.model import Tag, TagKind, new_id

    topic = Tag(new_id(), "Topic", kind=TagKind.CUSTOM)
    project.execute(AddTag(topic))
    for name in ("Economy", "Diplomacy"):
        project.execute(AddTag(Tag(new_id(), name, parent_id=topic.id, kind=TagKind.CUSTOM)))
    where = span("Der Botschafter erklärte, man sei bereit.")
    tag(project, doc, where, "Topic/Economy", A)
    tag(project, doc, where, "Topic/Diplomacy", B)
    (item,) = find_disagreements(project, doc, A, B)
    assert item.kind is DisagreementKind.TAG_DIFFERS and item.ordinal_distance is None
    # A quote inside a passage the other analyst toned is not a rival reading of it.
    quote(project, doc, span("„eine Farce“"), A, "Kritiker")
    tag(project, doc, span("Kritiker nannten das Treffen „eine Farce“."), "Tone/Critical", B)
    kinds = [d.kind for d in find_disagreements(project, doc, A, B)]
    assert Counter(kinds) == {DisagreementKind.TAG_DIFFERS: 1, DisagreementKind.ONLY_A: 1,
                              DisagreementKind.ONLY_B: 1}


def test_same_tag_with_other_bounds(pair: tuple[Project, str]) -> None:
    project, doc = pair
    outer = span("„Wir müssen reden“")
    inner = span("Wir müssen reden")
    quote(project, doc, outer, A, "Ministerin")
    quote(project, doc, inner, B, "Ministerin")
    (item,) = find_disagreements(project, doc, A, B)
    assert item.kind is DisagreementKind.BOUNDS_DIFFER
    assert (item.start, item.end) == outer and item.attributes == ()
    assert item.summary == (f"Anna: Quote {outer[0]}–{outer[1]} vs "
                            f"Tomás: Quote {inner[0]}–{inner[1]}")


def test_same_tag_and_bounds_with_other_attributes(pair: tuple[Project, str]) -> None:
    project, doc = pair
    where = span("„Wir müssen reden“")
    quote(project, doc, where, A, "Ministerin", "direct")
    quote(project, doc, where, B, "Botschafter", "direct")
    (item,) = find_disagreements(project, doc, A, B)
    assert item.kind is DisagreementKind.ATTRIBUTES_DIFFER
    assert item.attributes == ("speaker",)
    assert item.summary == ("Anna: Quote (speaker: Ministerin) vs "
                            "Tomás: Quote (speaker: Botschafter)")


def test_an_empty_attribute_equals_a_missing_one(pair: tuple[Project, str]) -> None:
    project, doc = pair
    where = span("Удар")
    project.annotate(doc, *where, "Quote", attributes={"speaker": "X"}, author=A)
    project.annotate(doc, *where, "Quote", attributes={"speaker": "X", "form": ""}, author=B)
    assert find_disagreements(project, doc, A, B) == []


# --- pairing ----------------------------------------------------------------------------


def test_exact_agreement_is_paired_before_a_bigger_overlap(pair: tuple[Project, str]) -> None:
    project, doc = pair
    sentence = span("„Wir müssen reden“, sagte die Ministerin.")
    quote(project, doc, sentence, A, "Ministerin")
    quote(project, doc, sentence, B, "Ministerin")
    extra = quote(project, doc, span("„Wir müssen reden“"), B, "Ministerin")
    (item,) = find_disagreements(project, doc, A, B)
    assert item.kind is DisagreementKind.ONLY_B and item.annotations_b == (extra,)


def test_same_tag_pairs_before_different_tags_and_larger_overlap_first(
    pair: tuple[Project, str],
) -> None:
    project, doc = pair
    sentence = span("Kritiker nannten das Treffen „eine Farce“.")
    ours = tag(project, doc, sentence, "Tone/Critical", A)
    neutral = tag(project, doc, sentence, "Tone/Neutral", B)  # same bounds, other tag
    small = tag(project, doc, span("„eine Farce“"), "Tone/Critical", B)
    large = tag(project, doc, span("nannten das Treffen „eine Farce“."), "Tone/Critical", B)
    items = find_disagreements(project, doc, A, B)
    by_kind = {d.kind: d for d in items}
    assert len(items) == 3
    assert by_kind[DisagreementKind.BOUNDS_DIFFER].annotations_a == (ours,)
    assert by_kind[DisagreementKind.BOUNDS_DIFFER].annotations_b == (large,)
    only_b = sorted(d.annotations_b[0] for d in items if d.kind is DisagreementKind.ONLY_B)
    assert only_b == sorted([neutral, small])


def test_every_annotation_is_in_at_most_one_disagreement(pair: tuple[Project, str]) -> None:
    project, doc = pair
    rng = random.Random(5)
    paths = ["Quote", "Tone/Critical", "Tone/Neutral", "Note"]
    ids: dict[str, str] = {}
    for author in (A, B):
        for _ in range(60):
            start = rng.randrange(len(TEXT) - 2)
            end = min(len(TEXT) - 1, start + rng.randint(1, 40))
            ids[tag(project, doc, (start, end), rng.choice(paths), author)] = author
    items = find_disagreements(project, doc, A, B)
    seen = Counter(i for d in items for i in (*d.annotations_a, *d.annotations_b))
    assert set(seen.values()) == {1}
    for d in items:
        assert all(ids[i] == A for i in d.annotations_a)
        assert all(ids[i] == B for i in d.annotations_b)
        assert d.start < d.end and len(d.annotations_a) + len(d.annotations_b) >= 1
    assert [(d.start, d.end) for d in items] == sorted((d.start, d.end) for d in items)
    # Whatever is left out agrees exactly with a partner of the same tag, bounds and values.
    left_out = set(ids) - set(seen)
    assert len(left_out) % 2 == 0
    rows = {i: project.annotation(i) for i in left_out}
    signature = Counter((a.author, a.start, a.end, a.tag_id) for a in rows.values())
    for a in rows.values():
        other = B if a.author == A else A
        assert signature[(other, a.start, a.end, a.tag_id)] >= 1


# --- ids, order, orientation --------------------------------------------------------------


def test_ids_are_stable_and_derived_from_the_annotation_ids(
    pair: tuple[Project, str], tmp_path: Path
) -> None:
    project, doc = pair
    a = quote(project, doc, span("„Wir müssen reden“"), A, "Ministerin")
    b = quote(project, doc, span("Wir müssen reden"), B, "Ministerin")
    c = tag(project, doc, span("Удар"), "Note", B)
    first = find_disagreements(project, doc, A, B)
    assert [d.id for d in first] == [disagreement_id([a], [b]), disagreement_id([], [c])]
    assert first[0].id == str(uuid.uuid5(DISAGREEMENT_NAMESPACE, f"a:{a}|b:{b}"))
    assert first[1].id == str(uuid.uuid5(DISAGREEMENT_NAMESPACE, f"a:|b:{c}"))
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert find_disagreements(again, doc, A, B) == first


def test_the_other_way_round_swaps_sides_and_kinds(pair: tuple[Project, str]) -> None:
    project, doc = pair
    quote(project, doc, span("„Wir müssen reden“"), A, "Ministerin")
    tag(project, doc, span("Удар"), "Note", B)
    forward = find_disagreements(project, doc, A, B)
    backward = find_disagreements(project, doc, B, A)
    assert [d.key for d in forward] == [d.key for d in backward]
    assert [d.kind for d in backward] == [DisagreementKind.ONLY_B, DisagreementKind.ONLY_A]
    assert {d.id for d in forward}.isdisjoint(d.id for d in backward)
    assert backward[0].summary.startswith("Tomás: nothing vs Anna: Quote")


def test_only_accepted_annotations_take_part(pair: tuple[Project, str]) -> None:
    project, doc = pair
    rejected = quote(project, doc, span("„Wir müssen reden“"), A, "Ministerin")
    project.execute(UpdateAnnotation(rejected, {"status": Status.REJECTED}))
    proposed = tag(project, doc, span("Удар"), "Note", B)
    project.execute(UpdateAnnotation(proposed, {"status": Status.PROPOSED}))
    tag(project, doc, span("Ende"), "Note", B)
    (item,) = find_disagreements(project, doc, A, B)
    assert TEXT[item.start:item.end] == "Ende"


# --- bad requests -------------------------------------------------------------------------


def test_bad_requests_give_clear_errors(pair: tuple[Project, str]) -> None:
    project, doc = pair
    quote(project, doc, span("Удар"), A, "X")
    quote(project, doc, span("Ende"), B, "Y")
    with pytest.raises(InvalidValue, match="two different analysts"):
        find_disagreements(project, doc, A, A)
    with pytest.raises(NotFound, match="Niemand"):
        find_disagreements(project, doc, A, "Niemand")
    with pytest.raises(NotFound, match="no document"):
        find_disagreements(project, "ffffffff", A, B)
    with pytest.raises(NotFound, match="Niemand"):
        find_all_disagreements(project, "Niemand", B)
    project.execute(DeleteDocument(doc))
    with pytest.raises(NotFound):
        find_disagreements(project, doc, A, B)


# --- the sample project -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    path = build_sample_project(tmp_path_factory.mktemp("sample") / "sample.glossa")
    project = Project.open(path)
    yield project
    project.close()


def _find(items: list[Disagreement], project: Project, passage: str) -> Disagreement:
    for item in items:
        text = project.text(item.document_id)
        if passage in text[item.start:item.end]:
            return item
    raise AssertionError(f"no disagreement covers {passage!r}")


def test_the_sample_projects_deliberate_disagreements(sample: Project) -> None:
    items = find_all_disagreements(sample, ANNA, TOMAS)
    # Kühn's attack: quote marks in or out, and Confrontational vs Critical.
    attack = [d for d in items if d.tag_a == "Quote" and d.kind is DisagreementKind.BOUNDS_DIFFER]
    texts = [sample.text(d.document_id)[d.start:d.end] for d in attack]
    assert any(t.startswith("„Wer uns eine Rechnung") for t in texts)
    tone = [d for d in items if d.kind is DisagreementKind.TAG_DIFFERS]
    assert {(d.tag_a, d.tag_b, d.ordinal_distance) for d in tone} == {
        ("Tone/Confrontational", "Tone/Critical", 1),
        ("Tone/Cooperative", "Tone/Conciliatory", 1),
    }
    # Fischbach: the clause against the whole sentence.
    fischbach = _find(items, sample, "man müsse endlich aufhören")
    assert fischbach.kind is DisagreementKind.BOUNDS_DIFFER
    # Tagged by one only: Kolew's second quote (Tomás) and Hrytsenko (Tomás).
    hrytsenko = _find(items, sample, "Ich habe hier ein Team gefunden")
    assert hrytsenko.kind is DisagreementKind.ONLY_B
    assert "Olena Hrytsenko" in hrytsenko.summary and hrytsenko.analyst_b == TOMAS
    kolew = _find(items, sample, "Wir haben lange genug gestritten")
    assert kolew.kind is DisagreementKind.ONLY_B
    # Agreed passages are not listed: Sternberg's "schlicht falsch", Brandl's quote.
    listed = {i for d in items for i in (*d.annotations_a, *d.annotations_b)}
    for agreed in ("Das ist schlicht falsch", "Man hat uns die Pläne vorgelegt"):
        covering = [a.id for a in sample.annotations(tag="Quote")
                    if agreed in sample.text(a.document_id)[a.start:a.end]]
        assert len(covering) == 2 and listed.isdisjoint(covering)
    # Documents in import order, positions ascending within each.
    order = [d.id for d in sample.documents()]
    keys = [(order.index(d.document_id), d.start, d.end) for d in items]
    assert keys == sorted(keys)
    per_document = [d for d in items if d.document_id == items[0].document_id]
    assert find_disagreements(sample, items[0].document_id, ANNA, TOMAS) == per_document


def test_only_some_documents(sample: Project) -> None:
    everything = find_all_disagreements(sample, ANNA, TOMAS)
    first = sample.documents()[0].id
    chosen = find_all_disagreements(sample, ANNA, TOMAS, document_ids=[first[:8]])
    assert chosen == [d for d in everything if d.document_id == first] and chosen
