"""Adjudication: decisions recorded, undone, redone, replaced; the adjudicated layer exported."""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from core.commands import Change, DeleteAnnotations, DeleteDocument
from core.errors import Ambiguous, InvalidSpan, InvalidValue, NotAGlossaProject, NotFound
from core.exporters import ExportScope
from core.exporters.csv import export_csv
from core.exporters.json import export_json
from core.model import DecisionAction, DisagreementKind, Status
from core.project import Project
from core.review.adjudication import (
    ADJUDICATED,
    Decide,
    EditedAnnotation,
    decide,
    decisions,
    describe_decision,
    resolve_disagreement,
)
from core.review.disagreements import Disagreement, find_disagreements
from core.review.merge import MergeProject, merge_file
from core.review.merge_source import read_json_export, read_project
from core.store import schema
from tests.core.helpers import add_document, new_project

TEXT = (
    "📰 𝔘nion. „Wir müssen reden“, sagte die Ministerin. Der Botschafter erklärte, man sei "
    "bereit. Kritiker nannten das Treffen „eine Farce“. Удар из-за горизонта. Ende 😀.\n"
)
A, B, JUDGE = "Anna", "Tomás", "Chefin"


def span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


@pytest.fixture
def review(tmp_path: Path) -> Iterator[tuple[Project, str]]:
    """One document with one disagreement of each kind between Anna and Tomás."""
    project = new_project(tmp_path, author=JUDGE)
    doc = add_document(project, TEXT)
    ministerin = {"speaker": "Ministerin", "form": "direct"}
    project.annotate(doc, *span("„Wir müssen reden“"), "Quote", attributes=ministerin, author=A,
                     note="wörtlich")
    project.annotate(doc, *span("Wir müssen reden"), "Quote", attributes=ministerin, author=B)
    botschafter = span("man sei bereit")
    project.annotate(doc, *botschafter, "Quote", attributes={"speaker": "Botschafter"}, author=A)
    project.annotate(doc, *botschafter, "Quote", attributes={"speaker": "Minister"}, author=B)
    project.annotate(doc, *span("Kritiker nannten das Treffen „eine Farce“."),
                     "Tone/Confrontational", author=A)
    project.annotate(doc, *span("Kritiker nannten das Treffen „eine Farce“."), "Tone/Critical",
                     author=B)
    project.annotate(doc, *span("Удар из-за горизонта"), "Note", author=A)
    project.annotate(doc, *span("Ende 😀"), "Note", author=B)
    yield project, doc
    project.close()


def by_kind(project: Project, doc: str, kind: DisagreementKind) -> Disagreement:
    return next(d for d in find_disagreements(project, doc, A, B) if d.kind is kind)


def rows(project: Project, table: str) -> dict[str, dict[str, Any]]:
    """Every row of ``table`` (tombstones too) by id, as plain dicts."""
    db = sqlite_utils.Database(project.store.db.conn)
    return {r["id"]: r for r in db[table].rows}


def annotation_rows(project: Project) -> dict[str, dict[str, Any]]:
    """Annotation rows without ``modified``: undo is a change too and stamps the time."""
    return {i: {k: v for k, v in r.items() if k != "modified"}
            for i, r in rows(project, "annotations").items()}


def decision_rows(project: Project) -> dict[str, dict[str, Any]]:
    """Decision rows without ``modified``: undo and redo stamp when they switched it."""
    return {i: {k: v for k, v in r.items() if k != "modified"}
            for i, r in rows(project, "decisions").items()}


def live(state: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i: r for i, r in state.items() if not r["deleted"]}


# --- the actions ----------------------------------------------------------------------


def test_accepting_one_side_copies_it_into_the_adjudicated_layer(
    review: tuple[Project, str],
) -> None:
    project, doc = review
    item = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER)
    heard: list[Change] = []
    project.subscribe(heard.append)
    command = decide(project, item, DecisionAction.ACCEPT_A, comment="mit Anführungszeichen")
    decision = command.decision
    assert decision is not None
    (layer,) = project.annotations(doc, author=ADJUDICATED)
    source = project.annotation(item.annotations_a[0])
    assert (layer.start, layer.end, layer.tag_id, layer.attributes, layer.note) == (
        source.start, source.end, source.tag_id, source.attributes, source.note)
    assert TEXT[layer.start:layer.end] == "„Wir müssen reden“" == layer.exact
    assert layer.status is Status.ACCEPTED
    assert source.status is Status.ACCEPTED
    assert project.annotation(item.annotations_b[0]).status is Status.REJECTED
    assert (decision.action, decision.kind, decision.decided_by) == (
        DecisionAction.ACCEPT_A, DisagreementKind.BOUNDS_DIFFER, JUDGE)
    assert decision.created_annotations == (layer.id,)
    assert decision.disagreement_id == item.id and decision.comment == "mit Anführungszeichen"
    assert decision.decided_at.endswith("Z")
    # The GUI hears one change naming the decision, the annotations and the document.
    (change,) = heard
    assert change.decisions == {decision.id} and doc in change.documents
    # Anna's annotation was accepted already; Tomás's status and the new copy changed.
    assert change.annotations == {layer.id, *item.annotations_b}
    # The disagreement stays listed, now with its decision.
    again = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER)
    assert again.id == item.id and again.decision == decision
    assert describe_decision(decision, again).startswith(f"accepted {A}'s (by {JUDGE}, ")


def test_accept_b_accept_both_reject_edit_and_comment(review: tuple[Project, str]) -> None:
    project, doc = review
    tone = by_kind(project, doc, DisagreementKind.TAG_DIFFERS)
    decide(project, tone, "accept-b")
    (layer,) = project.annotations(doc, author=ADJUDICATED)
    assert project.tag_path(layer.tag_id) == "Tone/Critical"

    attributes = by_kind(project, doc, DisagreementKind.ATTRIBUTES_DIFFER)
    decide(project, attributes, DecisionAction.ACCEPT_BOTH)
    speakers = sorted(a.attributes["speaker"] for a in project.annotations(doc, author=ADJUDICATED)
                      if a.tag_id == project.codebook().find("Quote").id)
    assert speakers == ["Botschafter", "Minister"]
    assert {project.annotation(i).status for i in attributes.key} == {Status.ACCEPTED}

    only_a = by_kind(project, doc, DisagreementKind.ONLY_A)
    command = decide(project, only_a, DecisionAction.REJECT)
    assert project.annotation(only_a.annotations_a[0]).status is Status.REJECTED
    assert command.decision is not None and command.decision.created_annotations == ()

    only_b = by_kind(project, doc, DisagreementKind.ONLY_B)
    edited = decide(project, only_b, DecisionAction.EDIT, comment="nur das Wort",
                    edit=EditedAnnotation(*span("Ende"), "Note", note="gekürzt"))
    assert edited.decision is not None
    (made,) = edited.decision.created_annotations
    new = project.annotation(made)
    assert (TEXT[new.start:new.end], new.note, new.author) == ("Ende", "gekürzt", ADJUDICATED)
    assert project.annotation(only_b.annotations_b[0]).status is Status.ACCEPTED  # untouched

    bounds = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER)
    before = annotation_rows(project)
    commented = decide(project, bounds, DecisionAction.COMMENT, comment="Protokoll prüfen")
    assert annotation_rows(project) == before
    assert commented.decision is not None and commented.decision.comment == "Protokoll prüfen"
    assert len(decisions(project, doc)) == 5
    assert len(project.annotations(doc, author=ADJUDICATED)) == 4


# --- undo, redo, re-deciding --------------------------------------------------------------


def test_undo_and_redo_restore_exactly(review: tuple[Project, str]) -> None:
    project, doc = review
    item = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER)
    annotations_before = annotation_rows(project)
    decisions_before = decision_rows(project)
    command = Decide(item, DecisionAction.ACCEPT_B, decided_by=JUDGE, comment="so")
    assert command.text == f"Accept {B}'s Quote"
    project.execute(command)
    annotations_applied = annotation_rows(project)
    decisions_applied = decision_rows(project)
    assert len(decisions_applied) == 1

    undone = project.undo(command)
    assert undone.decisions == set(decisions_applied)
    after_undo = annotation_rows(project)
    # Every row that existed is as it was; the layer's copy is a tombstone, as is the decision.
    assert {i: after_undo[i] for i in annotations_before} == annotations_before
    (created,) = set(after_undo) - set(annotations_before)
    assert after_undo[created]["deleted"] == 1 and after_undo[created]["author"] == ADJUDICATED
    assert live(decision_rows(project)) == live(decisions_before) == {}
    assert find_disagreements(project, doc, A, B)[0].decision is None

    project.execute(command)  # redo
    assert annotation_rows(project) == annotations_applied
    assert decision_rows(project) == decisions_applied


def test_deciding_again_replaces_the_decision_and_undoes_step_by_step(
    review: tuple[Project, str],
) -> None:
    project, doc = review
    item = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER)
    original = annotation_rows(project)
    first = decide(project, item, DecisionAction.ACCEPT_A)
    after_first = annotation_rows(project)
    first_decisions = decision_rows(project)

    listed = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER)
    second = decide(project, listed, DecisionAction.REJECT, comment="beides falsch")
    assert first.decision is not None and second.decision is not None
    assert second.decision.replaces == first.decision.id
    assert second.decision.statuses_before == {i: Status.ACCEPTED for i in item.key}
    assert {project.annotation(i).status for i in item.key} == {Status.REJECTED}
    assert project.annotations(doc, author=ADJUDICATED) == []
    assert [d.id for d in decisions(project, doc)] == [second.decision.id]
    shown = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER).decision
    assert shown is not None and shown.action is DecisionAction.REJECT

    project.undo(second)
    assert live(annotation_rows(project)) == live(after_first)
    assert live(decision_rows(project)) == first_decisions
    project.undo(first)
    assert live(annotation_rows(project)) == live(original)
    project.execute(first)
    project.execute(second)  # redo both
    assert {project.annotation(i).status for i in item.key} == {Status.REJECTED}
    assert [d.id for d in decisions(project, doc)] == [second.decision.id]


def test_decisions_persist_and_show_the_other_way_round_too(review: tuple[Project, str]) -> None:
    project, doc = review
    item = by_kind(project, doc, DisagreementKind.TAG_DIFFERS)
    command = decide(project, item, DecisionAction.ACCEPT_A, comment="schärfer")
    path = project.path
    project.close()
    with Project.open(path, author=JUDGE) as again:
        shown = by_kind(again, doc, DisagreementKind.TAG_DIFFERS)
        assert shown.decision == command.decision
        swapped = next(d for d in find_disagreements(again, doc, B, A) if d.key == item.key)
        assert swapped.decision == command.decision and swapped.id != item.id
        assert (shown.decided, swapped.decided) == (DecisionAction.ACCEPT_A,
                                                    DecisionAction.ACCEPT_B)
        assert describe_decision(command.decision, swapped).startswith(f"accepted {A}'s")
        # Deciding in the swapped view replaces the same decision.
        replaced = decide(again, swapped, DecisionAction.ACCEPT_A)  # A is Tomás here
        assert replaced.decision is not None
        assert replaced.decision.replaces == shown.decision.id
        (layer,) = again.annotations(doc, author=ADJUDICATED)
        assert again.tag_path(layer.tag_id) == "Tone/Critical"


# --- the adjudicated layer in exports and merges --------------------------------------------


def test_the_adjudicated_layer_exports_like_any_other(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    project, doc = review
    decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    decide(project, by_kind(project, doc, DisagreementKind.TAG_DIFFERS), "accept-b")
    decide(project, by_kind(project, doc, DisagreementKind.ONLY_A), "reject")
    out = tmp_path / "adjudicated.csv"
    assert export_csv(project, out, scope=ExportScope(author=ADJUDICATED)) == 2
    with out.open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert [(r["text"], r["tag"], r["author"]) for r in exported] == [
        ("„Wir müssen reden“", "Quote", ADJUDICATED),
        ("Kritiker nannten das Treffen „eine Farce“.", "Tone/Critical", ADJUDICATED),
    ]


def test_merging_a_colleagues_project_with_an_adjudicated_layer(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    project, doc = review
    colleague_path = tmp_path / "kollegin.glossa"
    with new_project(tmp_path, "kollegin.glossa", author="Kollegin") as colleague:
        other_doc = add_document(colleague, TEXT)
        colleague.annotate(other_doc, *span("Удар"), "Note", author="Kollegin")
        # She merges our work and adjudicates it in her own project.
        merge_file(colleague, project.path)
        decide(colleague, by_kind(colleague, other_doc, DisagreementKind.BOUNDS_DIFFER),
               "accept-b")
        assert len(decisions(colleague)) == 1
        (theirs,) = decisions(colleague)
    report = merge_file(project, colleague_path)
    assert report.annotations_added == 2  # the colleague's note and the adjudicated copy
    assert report.decisions_added == 1 and "1 review decision added" in report.summary()
    (layer,) = project.annotations(doc, author=ADJUDICATED)
    assert TEXT[layer.start:layer.end] == "Wir müssen reden"
    # The record of who decided what travels, onto our copy of the article.
    (ours,) = decisions(project)
    assert ours == replace(theirs, document_id=doc)
    assert ours.decided_by == "Kollegin" and ours.created_annotations == (layer.id,)
    again = merge_file(project, colleague_path)
    assert again.decisions_added == 0 and len(decisions(project)) == 1


def test_a_colleagues_redecision_replaces_the_decision_we_merged_before(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    """Re-decisions converge: the tombstone of a replaced decision travels like any other."""
    project, doc = review
    colleague_path = tmp_path / "kollegin.glossa"
    colleague = new_project(tmp_path, "kollegin.glossa", author="Kollegin")
    merge_file(colleague, project.path)
    decide(colleague, by_kind(colleague, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    merge_file(project, colleague_path)
    (first,) = decisions(project)
    assert len(project.annotations(doc, author=ADJUDICATED)) == 1
    decide(colleague, by_kind(colleague, doc, DisagreementKind.BOUNDS_DIFFER), "reject")
    merge = MergeProject(read_project(colleague_path))
    project.execute(merge)
    assert merge.report.decisions_withdrawn == 1 and merge.report.decisions_added == 1
    assert "1 review decision added, 1 withdrawn" in merge.report.summary()
    assert decisions(project) == [replace(d, document_id=doc) for d in decisions(colleague)]
    assert [d.action for d in decisions(project)] == [DecisionAction.REJECT]
    assert project.annotations(doc, author=ADJUDICATED) == []
    project.undo(merge)
    assert decisions(project) == [first]
    project.execute(merge)  # redo
    assert [d.action for d in decisions(project)] == [DecisionAction.REJECT]
    again = merge_file(colleague, project.path)
    assert again.decisions_added == again.decisions_withdrawn == 0
    colleague.close()


def test_an_undone_redecision_travels_too(review: tuple[Project, str], tmp_path: Path) -> None:
    """Undo switches decisions off and on again; a merge takes the later state of each."""
    project, doc = review
    colleague = new_project(tmp_path, "kollegin.glossa", author="Kollegin")
    merge_file(colleague, project.path)
    decide(colleague, by_kind(colleague, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    merge_file(project, colleague.path)
    again = decide(colleague, by_kind(colleague, doc, DisagreementKind.BOUNDS_DIFFER), "reject")
    merge_file(project, colleague.path)
    colleague.undo(again)  # the first decision stands again
    (first,) = decisions(colleague)
    report = merge_file(project, colleague.path)
    assert report.decisions_added == 1 and report.decisions_withdrawn == 1
    assert [d.id for d in decisions(project)] == [first.id]
    assert {a.id for a in project.annotations(doc, author=ADJUDICATED)} == set(
        first.created_annotations)
    colleague.close()


def test_a_redone_decision_outlives_an_older_tombstone(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    project, doc = review
    colleague = new_project(tmp_path, "kollegin.glossa", author="Kollegin")
    command = decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    merge_file(colleague, project.path)
    project.undo(command)
    merge_file(colleague, project.path)  # she holds it undone
    project.execute(command)  # redo, later than her tombstone
    report = merge_file(project, colleague.path)
    assert report.decisions_withdrawn == 0 and len(decisions(project)) == 1
    assert merge_file(colleague, project.path).decisions_added == 1
    assert decisions(colleague) == decisions(project)
    colleague.close()


def test_concurrent_redecisions_settle_on_the_later_one_in_both_projects(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    """Both adjudicators re-decide the same disagreement apart; once their work meets,
    the later decision stands everywhere and the other's adjudicated copies go."""
    project, doc = review
    colleague_path = tmp_path / "kollegin.glossa"
    colleague = new_project(tmp_path, "kollegin.glossa", author="Kollegin")
    decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    merge_file(colleague, project.path)
    decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), "accept-both")
    time.sleep(0.002)  # the colleague decides later
    decide(colleague, by_kind(colleague, doc, DisagreementKind.BOUNDS_DIFFER), "reject")
    (later,) = decisions(colleague)
    assert len(project.annotations(doc, author=ADJUDICATED)) == 2
    before = rows(project, "decisions"), annotation_rows(project)

    merge = MergeProject(read_project(colleague_path))
    project.execute(merge)
    assert decisions(project) == [later]
    assert merge.report.decisions_added == 1 and merge.report.decisions_withdrawn == 1
    assert project.annotations(doc, author=ADJUDICATED) == []
    merge_file(colleague, project.path)
    assert decisions(colleague) == [later]
    assert colleague.annotations(doc, author=ADJUDICATED) == []
    assert live(annotation_rows(colleague)).keys() == live(annotation_rows(project)).keys()

    project.undo(merge)
    assert (rows(project, "decisions"), annotation_rows(project)) == before
    project.execute(merge)  # redo
    assert decisions(project) == [later]
    colleague.close()


def _copy_of(project: Project, path: Path) -> Project:
    """Another copy of ``project``'s file, opened (one analyst's file sent to two people)."""
    target = sqlite3.connect(path)
    project.store.db.conn.backup(target)
    target.close()
    return Project.open(path, author="Kopie")


def test_three_projects_converge_whatever_the_order_of_merges(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    """Bea and Cem re-decide apart, Bea undoes hers; two copies of Cem's project take the
    others' files in opposite orders, then everyone exchanges until nothing changes."""
    a, doc = review
    b = new_project(tmp_path, "b.glossa", author="Bea")
    c = new_project(tmp_path, "c.glossa", author="Cem")
    decide(a, by_kind(a, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    (first,) = decisions(a)
    merge_file(b, a.path)
    merge_file(c, a.path)
    decide(c, by_kind(c, doc, DisagreementKind.BOUNDS_DIFFER), "reject")
    time.sleep(0.002)
    beas = decide(b, by_kind(b, doc, DisagreementKind.BOUNDS_DIFFER), "accept-both")
    merge_file(a, b.path)
    time.sleep(0.002)
    b.undo(beas)  # the first decision stands again for her, and that is the latest act
    c2 = _copy_of(c, tmp_path / "c2.glossa")
    for project, order in ((c, (a, b)), (c2, (b, a))):
        for other in order:
            merge_file(project, other.path)
        assert [d.id for d in decisions(project)] == [first.id]
    everyone = [a, b, c, c2]
    for _ in range(2):
        for x in everyone:
            for y in everyone:
                if x is not y:
                    merge_file(x, y.path)
    for project in everyone:
        assert [d.id for d in decisions(project)] == [first.id]
        assert {x.id for x in project.annotations(doc, author=ADJUDICATED)} == set(
            first.created_annotations)
    for project in everyone:  # and another round changes nothing
        for other in everyone:
            if other is not project:
                change = project.execute(MergeProject(read_project(other.path)))
                assert not change.annotations and not change.decisions
    for project in (b, c, c2):
        project.close()


def test_the_decision_that_stands_sets_the_analysts_statuses(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    """Her later accept-a wrote no status for A (it read accepted already); our reject
    had rejected A. Once merged both ways, A reads accepted, as the standing decision says."""
    project, doc = review
    colleague = new_project(tmp_path, "kollegin.glossa", author="Kollegin")
    decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    merge_file(colleague, project.path)
    decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), "reject")
    time.sleep(0.002)
    decide(colleague, by_kind(colleague, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    (standing,) = decisions(colleague)
    before = rows(project, "annotations"), rows(project, "decisions")
    merge = MergeProject(read_project(colleague.path))
    project.execute(merge)
    merge_file(colleague, project.path)
    for p in (project, colleague):
        assert [d.id for d in decisions(p)] == [standing.id]
        assert {i: p.annotation(i).status for i in standing.key} == {
            standing.annotations_a[0]: Status.ACCEPTED,
            standing.annotations_b[0]: Status.REJECTED}
        assert len(p.annotations(doc, author=ADJUDICATED)) == 1
    project.undo(merge)
    assert (rows(project, "annotations"), rows(project, "decisions")) == before
    colleague.close()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A clock the test sets (``clock[0] = ...``): every change is stamped with it."""
    import core.codebook
    import core.commands
    import core.project
    import core.review.adjudication
    import core.review.merge

    now = ["2030-01-01T10:00:00.000Z"]
    for module in (core.codebook, core.commands, core.project, core.review.adjudication,
                   core.review.merge):
        monkeypatch.setattr(module, "utc_now", lambda: now[0])
    return now


def test_merging_a_file_again_changes_nothing_though_its_clock_runs_ahead(
    review: tuple[Project, str], tmp_path: Path, clock: list[str]
) -> None:
    """Her clock is an hour ahead, so her redone decision stands (it reads latest); what
    settles it is stamped from the decisions' own times, so a second merge is a no-op."""
    project, doc = review
    colleague = new_project(tmp_path, "kollegin.glossa", author="Kollegin")
    bounds = DisagreementKind.BOUNDS_DIFFER
    decide(project, by_kind(project, doc, bounds), "accept-a")
    merge_file(colleague, project.path)
    clock[0] = "2030-01-01T11:00:00.000Z"
    hers = decide(colleague, by_kind(colleague, doc, bounds), "reject")
    clock[0] = "2030-01-01T11:10:00.000Z"
    decide(project, by_kind(project, doc, bounds), "accept-both")
    clock[0] = "2030-01-01T12:15:00.000Z"
    colleague.undo(hers)
    clock[0] = "2030-01-01T12:16:00.000Z"
    colleague.execute(hers)  # redo
    clock[0] = "2030-01-01T11:20:00.000Z"
    merge_file(project, colleague.path)
    assert [d.action for d in decisions(project)] == [DecisionAction.REJECT]
    settled = rows(project, "decisions"), rows(project, "annotations")
    clock[0] = "2030-01-01T11:21:00.000Z"
    change = project.execute(MergeProject(read_project(colleague.path)))
    assert not change.decisions and not change.annotations
    assert (rows(project, "decisions"), rows(project, "annotations")) == settled
    colleague.close()


# --- hostile input ------------------------------------------------------------------------


def _unchanged(project: Project) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    return rows(project, "annotations"), rows(project, "decisions")


def test_bad_decisions_change_nothing(review: tuple[Project, str]) -> None:
    project, doc = review
    before = _unchanged(project)
    bounds = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER)
    only_a = by_kind(project, doc, DisagreementKind.ONLY_A)
    with pytest.raises(InvalidValue, match="unknown decision"):
        Decide(bounds, "accept-c", decided_by=JUDGE)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="Tomás has no annotation"):
        decide(project, only_a, DecisionAction.ACCEPT_B)
    with pytest.raises(InvalidValue, match="needs some text"):
        decide(project, bounds, DecisionAction.COMMENT, comment="  ")
    with pytest.raises(InvalidValue, match="edit decision"):
        decide(project, bounds, DecisionAction.EDIT)
    with pytest.raises(InvalidValue, match="needs the name"):
        decide(project, bounds, DecisionAction.REJECT, decided_by=" ")
    with pytest.raises(InvalidSpan):
        decide(project, bounds, DecisionAction.EDIT,
               edit=EditedAnnotation(10, len(TEXT) + 5, "Quote"))
    with pytest.raises(NotFound, match="no tag"):
        decide(project, bounds, DecisionAction.EDIT, edit=EditedAnnotation(0, 3, "Nirgends"))
    forged = replace(bounds, annotations_a=bounds.annotations_b,
                     annotations_b=bounds.annotations_a)
    with pytest.raises(InvalidValue, match="not Anna's"):
        decide(project, forged, DecisionAction.ACCEPT_A)
    unknown = replace(bounds, annotations_a=("nope",))
    with pytest.raises(NotFound, match="no longer exists"):
        decide(project, unknown, DecisionAction.ACCEPT_A)
    assert _unchanged(project) == before


def test_a_forged_decision_cannot_reach_other_work_of_ours(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    """A colleague's decision that claims to have made (or to have set the status of) an
    unrelated annotation of ours: statuses are refused at the merge; the claim to have
    made it is harmless, since a re-decision only takes back adjudicated copies."""
    project, doc = review
    bystander = project.annotate(doc, *span("Ministerin"), "Note")  # the judge's own work
    colleague_path = tmp_path / "kollegin.glossa"
    with new_project(tmp_path, "kollegin.glossa", author="Kollegin") as colleague:
        merge_file(colleague, project.path)
        decide(colleague, by_kind(colleague, doc, DisagreementKind.BOUNDS_DIFFER), "accept-b")
    before = _unchanged(project)
    with sqlite3.connect(colleague_path) as conn:
        conn.execute("UPDATE decisions SET statuses_before = ?",
                     (json.dumps({bystander.id: "rejected"}),))
    conn.close()
    with pytest.raises(NotAGlossaProject, match="statuses of annotations it does not concern"):
        merge_file(project, colleague_path)
    assert _unchanged(project) == before
    with sqlite3.connect(colleague_path) as conn:
        conn.execute("UPDATE decisions SET statuses_before = '{}', created_annotations = ?",
                     (json.dumps([bystander.id]),))
    conn.close()
    assert merge_file(project, colleague_path).decisions_added == 1
    decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), DecisionAction.REJECT)
    assert not project.annotation(bystander.id).deleted


def test_honest_files_with_decisions_on_missing_annotations_still_merge(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    """A filtered export holds every decision of its documents but only some annotations;
    a merge that could not place a colleague's annotation still records their decision.
    Neither file may be refused afterwards."""
    project, doc = review
    decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    decide(project, by_kind(project, doc, DisagreementKind.ONLY_A), "reject")  # on „Удар…“
    for scope in (ExportScope(author=ADJUDICATED), ExportScope(status="accepted")):
        out = tmp_path / "gefiltert.json"
        export_json(project, out, scope=scope)
        assert len(read_json_export(out).decisions) == 2
    with new_project(tmp_path, "revidiert.glossa", author="Kollegin") as revised:
        add_document(revised, TEXT.replace(" Удар из-за горизонта.", ""))
        report = merge_file(revised, project.path)
        assert [u.exact for u in report.unplaced] == ["Удар из-за горизонта"]
        assert report.decisions_added == 2
    assert len(read_project(tmp_path / "revidiert.glossa").decisions) == 2


def test_a_redecision_takes_back_only_adjudicated_copies(review: tuple[Project, str]) -> None:
    """Even a tampered record of ours cannot make a re-decision remove other work."""
    project, doc = review
    bystander = project.annotate(doc, *span("Ministerin"), "Note")
    bounds = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER)
    decide(project, bounds, DecisionAction.ACCEPT_A)
    (first,) = decisions(project)
    with sqlite3.connect(project.path) as conn:
        conn.execute("UPDATE decisions SET created_annotations = ?",
                     (json.dumps([*first.created_annotations, bystander.id]),))
    conn.close()
    decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), DecisionAction.REJECT)
    assert not project.annotation(bystander.id).deleted
    assert all(project.annotation(i).deleted for i in first.created_annotations)


def test_an_undone_decision_on_an_undone_merge_still_merges(tmp_path: Path) -> None:
    """Undoing a merge purges what it added, so an undone decision may name lost annotations."""
    with new_project(tmp_path, "lea.glossa", author="Lea") as lea:
        lea.annotate(add_document(lea, TEXT), *span("Удар"), "Note")
    with new_project(tmp_path, "tomas.glossa", author=B) as tomas:
        doc = add_document(tomas, TEXT)
        tomas.annotate(doc, *span("Ende"), "Note")
        merge = MergeProject(read_project(tmp_path / "lea.glossa"))
        tomas.execute(merge)
        only_lea = find_disagreements(tomas, doc, B, "Lea")[0]
        decision = Decide(only_lea, DecisionAction.REJECT, decided_by=B)
        tomas.execute(decision)
        tomas.undo(decision)
        tomas.undo(merge)
    with new_project(tmp_path, "anna.glossa", author=A) as anna:
        report = merge_file(anna, tmp_path / "tomas.glossa")
        assert decisions(anna) == [] and report.decisions_added == 0  # it stays undone
        assert len(anna.store.decisions.query(include_deleted=True)) == 1


def test_deciding_on_deleted_annotations_or_documents_fails_cleanly(
    review: tuple[Project, str],
) -> None:
    project, doc = review
    bounds = by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER)
    project.execute(DeleteAnnotations([bounds.annotations_b[0]]))
    before = _unchanged(project)
    with pytest.raises(NotFound, match="no longer exists"):
        decide(project, bounds, DecisionAction.ACCEPT_A)
    tone = by_kind(project, doc, DisagreementKind.TAG_DIFFERS)
    project.execute(DeleteDocument(doc))
    before = _unchanged(project)
    with pytest.raises(NotFound, match="removed; nothing was decided"):
        decide(project, tone, DecisionAction.ACCEPT_A)
    assert _unchanged(project) == before


def test_resolving_disagreement_ids(review: tuple[Project, str]) -> None:
    project, doc = review
    items = find_disagreements(project, doc, A, B)
    for item in items:
        assert resolve_disagreement(project, item.id[:12]) == item
        assert resolve_disagreement(project, item.id.upper(), (B, A)) == item
    swapped = find_disagreements(project, doc, B, A)[0]
    assert resolve_disagreement(project, swapped.id[:12]) == swapped
    with pytest.raises(NotFound):
        resolve_disagreement(project, "zzzz")
    with pytest.raises(NotFound):
        resolve_disagreement(project, " ")
    # Both ways round, more than 16 ids: two of them start with the same hex digit.
    for offset in range(4):
        project.annotate(doc, offset + 2, offset + 3, "Note", author=A)
    ids = [d.id for pair in ((A, B), (B, A)) for d in find_disagreements(project, doc, *pair)]
    assert len(ids) > 16
    shared = next(digit for digit in "0123456789abcdef"
                  if sum(i.startswith(digit) for i in ids) > 1)
    with pytest.raises(Ambiguous):
        resolve_disagreement(project, shared)


# --- the schema ---------------------------------------------------------------------------


def test_a_version_2_file_migrates_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "alt.glossa"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    for number, migration in enumerate(schema.MIGRATIONS[:2], start=1):
        with db.atomic():
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute("INSERT INTO documents (id, title, format, text, content_hash, chars, imported, "
               "modified) VALUES ('d', 'Alt', 'txt', ?, '', ?, '', '')", (TEXT, len(TEXT)))
    db.execute("INSERT INTO document_files (document_id, file_name, data) "
               "VALUES ('d', 'alt.txt', ?)", (TEXT.encode(),))
    db.execute("INSERT INTO tags (id, name, color, kind, modified) "
               "VALUES ('t', 'Note', '#000000', 'custom', '')")
    for author, end in ((A, 2), (B, 3)):
        db.execute('INSERT INTO annotations (id, document_id, start, "end", exact, prefix, '
                   "suffix, tag_id, note, author, origin, status, created, modified) VALUES "
                   "(?, 'd', 0, ?, ?, '', '', 't', 'Grüße', ?, 'manual', 'accepted', '', '')",
                   (f"a-{author}", end, TEXT[:end], author))
    old_rows = list(db["annotations"].rows)
    assert "decisions" not in db.table_names()
    conn.close()

    with Project.open(path, author=JUDGE) as project:
        assert schema.user_version(project.store.db) == schema.SCHEMA_VERSION == 5
        assert list(sqlite_utils.Database(project.store.db.conn)["annotations"].rows) == old_rows
        assert decisions(project) == []
        (item,) = find_disagreements(project, "d", A, B)
        assert item.kind is DisagreementKind.BOUNDS_DIFFER
        decide(project, item, DecisionAction.ACCEPT_B)
        assert [d.disagreement_id for d in decisions(project)] == [item.id]
    # A migrated file is a colleague's file we can merge from (the adjudicated copy too).
    assert len(read_project(path).annotations) == 3


def test_a_version_3_file_keeps_its_decisions_merged_as_it_is_or_migrated(
    review: tuple[Project, str], tmp_path: Path
) -> None:
    """Version 4 added when a decision last changed; before, that was when it was made."""
    from tests.core.test_merge import _older_copy

    project, doc = review
    decide(project, by_kind(project, doc, DisagreementKind.BOUNDS_DIFFER), "accept-a")
    (made,) = decisions(project)
    project.close()
    old = _older_copy(project.path, 3)
    with new_project(tmp_path, "kollegin.glossa", author="Kollegin") as colleague:
        assert merge_file(colleague, old).decisions_added == 1
        assert decisions(colleague) == [made]
    with Project.open(old) as migrated:
        assert decisions(migrated) == [made] and made.modified == made.decided_at


# --- the command line -------------------------------------------------------------------


def test_review_and_decide_on_the_command_line(
    review: tuple[Project, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import json

    from core.cli import main

    project, doc = review
    path = str(project.path)
    project.close()

    assert main(["review", path, "--between", A, B]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:5] == ["ID", "DOC", "START", "END", "KIND"] and len(table) == 6
    assert main(["review", path, "--between", A, B, "--json", "--doc", doc[:8]]) == 0
    listed = json.loads(capsys.readouterr().out)
    bounds = next(d for d in listed if d["kind"] == "bounds_differ")
    assert bounds["text"] == "„Wir müssen reden“" and bounds["decision"] is None
    assert bounds["a"]["analyst"] == A and bounds["b"]["tag"] == "Quote"

    assert main(["decide", path, bounds["id"][:8], "accept-b", "--comment", "ohne Zeichen",
                 "--author", JUDGE]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(bounds["id"]) and out[1].split("\t")[1].startswith(
        f"accepted {B}'s (by {JUDGE}, ")
    assert main(["review", path, "--between", B, A, "--json"]) == 0
    swapped = next(d for d in json.loads(capsys.readouterr().out) if d["kind"] == "bounds_differ")
    assert swapped["decision"]["action"] == "accept_a"  # Tomás is A this way round
    assert swapped["decision"]["comment"] == "ohne Zeichen"

    out_csv = tmp_path / "adjudicated.csv"
    assert main(["export", path, "--format", "csv", "--out", str(out_csv),
                 "--author", ADJUDICATED]) == 0
    assert "1 annotation exported" in capsys.readouterr().out

    for argv, message in (
        (["decide", path, "zzzz", "reject"], "no disagreement with id 'zzzz'"),
        (["decide", path, bounds["id"], "comment"], "a comment needs some text"),
        (["review", path, "--between", A, "Niemand"], "Niemand"),
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.startswith("glossa: ") and message in err and "Traceback" not in err
    assert main(["decide", path, bounds["id"], "accept-c"]) == 2
    capsys.readouterr()
