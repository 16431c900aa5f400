"""Command objects: each applies in one transaction, and revert undoes exactly it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.commands import (
    AddAnnotations,
    AddTag,
    Batch,
    Change,
    DeleteAnnotations,
    DeleteDocument,
    DeleteTag,
    UpdateAnnotation,
    UpdateDocument,
    UpdateTag,
)
from core.errors import InvalidSpan, InvalidValue, NotFound
from core.model import Annotation, Status, Tag, TagKind, new_id
from core.project import Project, new_annotation
from tests.core.helpers import GERMAN, add_document, new_project


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = new_project(tmp_path)
    yield p
    p.close()


def rows(project: Project, sql: str) -> list[tuple[object, ...]]:
    """Read the file through a separate connection: what is committed, not what is cached."""
    conn = sqlite3.connect(project.path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def quote_span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_add_annotation_commits_a_row_with_selector(project: Project) -> None:
    doc = add_document(project)
    start, end = quote_span(GERMAN, "Wir müssen reden")
    quote = project.codebook().find("quote")
    ann = project.annotate(doc, start, end, "Quote",
                           attributes={"speaker": "Ministerin", "form": "direct"})
    [(exact, prefix, tag_id, author, status, deleted)] = rows(
        project, "SELECT exact, prefix, tag_id, author, status, deleted FROM annotations")
    assert exact == "Wir müssen reden"
    assert prefix.endswith("„") and prefix.startswith("📰")
    assert (tag_id, author, status, deleted) == (quote.id, "Anna", "accepted", 0)
    assert ann.start == start  # code points: the emoji counts once


def test_undo_and_redo_of_add_keep_the_same_id(project: Project) -> None:
    doc = add_document(project)
    command = AddAnnotations([new_annotation(doc, 0, 1, project.codebook().find("Note").id, "A")])
    project.execute(command)
    ann_id = command.annotations[0].id
    project.undo(command)
    assert project.annotations(doc) == []
    assert rows(project, "SELECT deleted FROM annotations") == [(1,)]  # a tombstone, not gone
    project.execute(command)
    assert [a.id for a in project.annotations(doc)] == [ann_id]


@pytest.mark.parametrize("start,end", [(-1, 2), (5, 5), (0, len(GERMAN) + 1)])
def test_invalid_span_changes_nothing(project: Project, start: int, end: int) -> None:
    doc = add_document(project)
    with pytest.raises(InvalidSpan):
        project.annotate(doc, start, end, "Note")
    assert rows(project, "SELECT count(*) FROM annotations") == [(0,)]


def test_attribute_choices_are_enforced(project: Project) -> None:
    doc = add_document(project)
    with pytest.raises(InvalidValue, match="form must be one of direct, reported"):
        project.annotate(doc, 0, 3, "Quote", attributes={"form": "shouted"})
    assert project.annotations(doc) == []


def test_batch_is_all_or_nothing(project: Project) -> None:
    doc = add_document(project)
    note = project.codebook().find("Note").id
    good = AddAnnotations([new_annotation(doc, 0, 2, note, "A")])
    bad = AddAnnotations([new_annotation(doc, 5, 99999, note, "A")])
    with pytest.raises(InvalidSpan):
        project.execute(Batch([good, bad], text="Tag all matches"))
    assert rows(project, "SELECT count(*) FROM annotations") == [(0,)]


def test_update_and_revert_restore_every_field(project: Project) -> None:
    doc = add_document(project)
    ann = project.annotate(doc, *quote_span(GERMAN, "Wir müssen reden"), "Quote",
                           attributes={"speaker": "X", "form": "direct"})
    new_start, new_end = quote_span(GERMAN, "„Wir müssen reden“")
    critical = project.codebook().find("tone/critical").id
    command = UpdateAnnotation(ann.id, {"start": new_start, "end": new_end, "tag_id": critical,
                                        "attributes": {"speaker": "Ministerin"}, "note": "Grüße",
                                        "status": "rejected"})
    project.execute(command)
    updated = project.annotation(ann.id)
    assert updated.exact == "„Wir müssen reden“" and updated.tag_id == critical
    assert updated.status is Status.REJECTED and updated.note == "Grüße"
    assert updated.modified >= ann.modified
    project.undo(command)
    restored = project.annotation(ann.id)
    for name in ("start", "end", "exact", "prefix", "suffix", "tag_id", "attributes", "note",
                 "status"):
        assert getattr(restored, name) == getattr(ann, name), name
    history = project.store.annotations.history(ann.id)
    assert [reason for _, reason, _ in history] == ["edit"]
    assert history[0][2].exact == "Wir müssen reden"


def test_update_refuses_unknown_fields_and_deleted_annotations(project: Project) -> None:
    doc = add_document(project)
    ann = project.annotate(doc, 0, 3, "Note")
    with pytest.raises(InvalidValue):
        project.execute(UpdateAnnotation(ann.id, {"document_id": "x"}))
    project.execute(DeleteAnnotations([ann.id]))
    with pytest.raises(NotFound):
        project.execute(UpdateAnnotation(ann.id, {"note": "x"}))


def test_delete_annotations_and_undo(project: Project) -> None:
    doc = add_document(project)
    a = project.annotate(doc, 0, 3, "Note")
    b = project.annotate(doc, 4, 9, "Note")
    command = DeleteAnnotations([a.id, b.id])
    change = project.execute(command)
    assert change.documents == {doc} and change.annotations == {a.id, b.id}
    assert project.annotations(doc) == []
    project.undo(command)
    assert {x.id for x in project.annotations(doc)} == {a.id, b.id}


def test_tag_add_rename_recolour_nest_and_revert(project: Project) -> None:
    parent = Tag(new_id(), "Frames", color="#123456", kind=TagKind.CUSTOM)
    child = Tag(new_id(), "Security", parent_id=parent.id, color="#654321", key="9")
    project.execute(AddTag(parent))
    project.execute(AddTag(child))
    assert project.codebook().find("frames/SECURITY").id == child.id
    rename = UpdateTag(child.id, {"name": "Sicherheit", "color": "#00ff00"})
    project.execute(rename)
    assert project.tag_path(child.id) == "Frames/Sicherheit"
    project.undo(rename)
    assert project.codebook().get(child.id).color == "#654321"


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"name": ""}, "needs a name"),
        ({"name": "A/B"}, "cannot contain"),
        ({"color": "red"}, "#RRGGBB"),
        ({"key": "1"}, "already used"),
        ({"name": "quote"}, "already a tag"),
    ],
)
def test_invalid_tag_edits_are_refused(project: Project, changes: dict[str, str],
                                       message: str) -> None:
    note = project.codebook().find("Note")
    with pytest.raises(InvalidValue, match=message):
        project.execute(UpdateTag(note.id, changes))
    assert project.codebook().find("Note") == note


def test_tag_cannot_be_nested_in_its_own_child(project: Project) -> None:
    tone = project.codebook().find("Tone")
    neutral = project.codebook().find("Tone/Neutral")
    with pytest.raises(InvalidValue, match="inside itself"):
        project.execute(UpdateTag(tone.id, {"parent_id": neutral.id}))


def test_delete_tag_takes_children_and_annotations_and_undo_brings_them_back(
    project: Project,
) -> None:
    doc = add_document(project)
    project.annotate(doc, 0, 3, "Tone/Critical")
    project.annotate(doc, 5, 9, "Tone/Neutral")
    kept = project.annotate(doc, 5, 9, "Quote")
    tone = project.codebook().find("Tone")
    command = DeleteTag(tone.id)
    change = project.execute(command)
    assert change.codebook and command.affected_annotations == 2
    assert [a.id for a in project.annotations(doc)] == [kept.id]
    with pytest.raises(NotFound):
        project.codebook().find("Tone/Critical")
    project.undo(command)
    assert len(project.annotations(doc, tag="Tone")) == 2
    assert len(project.codebook().descendants(tone.id)) == 5


def test_listeners_hear_each_commit(project: Project) -> None:
    heard: list[Change] = []
    unsubscribe = project.subscribe(heard.append)
    doc = add_document(project)
    project.annotate(doc, 0, 3, "Note")
    unsubscribe()
    project.annotate(doc, 3, 5, "Note")
    assert [bool(c.document_list) for c in heard] == [True, False]
    assert heard[1].documents == {doc}


def test_document_metadata_edit_and_removal(project: Project) -> None:
    doc = add_document(project)
    edit = UpdateDocument(doc, {"title": "Neuer Titel", "outlet": "Kommersant"})
    project.execute(edit)
    assert project.document(doc).outlet == "Kommersant"
    project.undo(edit)
    assert project.document(doc).title == "Artikel"
    with pytest.raises(InvalidValue):
        project.execute(UpdateDocument(doc, {"title": "  "}))
    remove = DeleteDocument(doc)
    project.execute(remove)
    assert project.documents() == []
    project.undo(remove)
    assert [d.id for d in project.documents()] == [doc]


def test_annotation_dataclass_round_trips_through_storage(project: Project) -> None:
    doc = add_document(project)
    note = project.codebook().find("Note").id
    ann = Annotation(id=new_id(), document_id=doc, start=0, end=2, tag_id=note,
                     attributes={"ключ": "😀"}, note="n", author="B")
    command = AddAnnotations([ann])
    project.execute(command)
    stored = project.annotation(ann.id)
    assert stored == command.annotations[0]


def test_removed_document_takes_its_annotations_out_of_every_view(project: Project) -> None:
    doc = add_document(project)
    other = add_document(project, "Zweiter Text über 𝔘nterschiede.", title="Zwei")
    project.annotate(doc, 0, 3, "Note", author="Tomás")
    kept = project.annotate(other, 0, 7, "Note")
    project.execute(DeleteDocument(doc))
    assert [a.id for a in project.annotations()] == [kept.id]
    assert project.annotations(doc) == [] and project.spans(doc) == []
    assert project.authors() == ["Anna"]
    assert project.tag_counts() == {kept.tag_id: 1}


def test_spans_are_the_lean_view_of_annotations(project: Project) -> None:
    doc = add_document(project)
    b = project.annotate(doc, 10, 20, "Quote")
    a = project.annotate(doc, 2, 5, "Note")
    assert project.spans(doc) == [(a.id, 2, 5, a.tag_id, False, False),
                                  (b.id, 10, 20, b.tag_id, False, False)]
    project.execute(UpdateAnnotation(b.id, {"status": "rejected"}))
    assert [bool(s.rejected) for s in project.spans(doc)] == [False, True]


def test_selector_is_read_in_code_points_past_astral_characters(project: Project) -> None:
    text = "😀𝔘 „Zitat“ danach 😀 Ende"
    doc = add_document(project, text)
    start = text.index("„")
    ann = project.annotate(doc, start, start + 7, "Quote")
    assert (ann.prefix, ann.exact, ann.suffix) == ("😀𝔘 ", "„Zitat“", " danach 😀 Ende")


def test_notes_are_searchable_after_edit_undo_and_removal(project: Project) -> None:
    doc = add_document(project)
    ann = project.annotate(doc, 0, 3, "Note", note="Überraschung")
    assert [h.annotation_id for h in project.search("uberraschung")] == [ann.id]
    edit = UpdateAnnotation(ann.id, {"note": "Kompromiss"})
    project.execute(edit)
    assert project.search("Überraschung") == []
    assert [h.annotation_id for h in project.search("kompromiss")] == [ann.id]
    project.undo(edit)
    assert [h.annotation_id for h in project.search("überraschung")] == [ann.id]
    project.execute(DeleteAnnotations([ann.id]))
    assert [h.kind for h in project.search("überraschung")] == []


def test_annotating_a_removed_document_is_refused(project: Project) -> None:
    from core.commands import DeleteDocument
    from tests.core.helpers import add_document

    doc = add_document(project)
    project.execute(DeleteDocument(doc))
    with pytest.raises(NotFound, match="was removed"):
        project.annotate(doc, 0, 3, "Quote")
