"""Merging a colleague's project: round trips, edits, tombstones, revised texts, hostile files."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.commands import (
    AddAnnotations,
    AddTag,
    Change,
    DeleteAnnotations,
    DeleteTag,
    UpdateAnnotation,
    UpdateTag,
)
from core.errors import ForeignSchema, NotAGlossaProject, NotFound, UnsupportedSchemaVersion
from core.model import Tag, TagKind, new_id
from core.project import Project, new_annotation
from core.review.merge import MergeProject, merge_file
from core.review.merge_source import read_project
from core.store import schema
from tests.core.helpers import GERMAN, add_document, new_project


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def state(project: Project) -> dict[str, tuple[object, ...]]:
    """Annotations by id, in terms that do not depend on a project's own tag ids."""
    return {
        a.id: (project.document(a.document_id).content_hash, a.start, a.end,
               project.tag_path(a.tag_id), a.attributes, a.note, a.author, a.deleted)
        for a in project.store.annotations.query(include_deleted=True)
    }


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Project, Project]]:
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    tomas = new_project(tmp_path, "tomas.glossa", author="Tomás")
    add_document(anna)
    add_document(tomas)
    yield anna, tomas
    anna.close()
    tomas.close()


def test_merge_brings_in_a_colleagues_annotations_with_their_author(
    pair: tuple[Project, Project],
) -> None:
    anna, tomas = pair
    [doc_a] = [d.id for d in anna.documents()]
    [doc_t] = [d.id for d in tomas.documents()]
    anna.annotate(doc_a, *span(GERMAN, "Wir müssen reden"), "Quote",
                  attributes={"speaker": "Ministerin", "form": "direct"})
    theirs = tomas.annotate(doc_t, *span(GERMAN, "man sei zu Gesprächen bereit"), "Quote",
                            attributes={"speaker": "Botschafter", "form": "reported"})
    report = merge_file(anna, tomas.path)
    assert report.annotations_added == 1 and report.documents_matched == 1
    merged = anna.annotation(theirs.id)
    assert merged.author == "Tomás" and merged.document_id == doc_a
    assert anna.text(doc_a)[merged.start:merged.end] == "man sei zu Gesprächen bereit"
    assert sorted(anna.authors()) == ["Anna", "Tomás"]


def test_merging_twice_changes_nothing_more(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    doc_t = tomas.documents()[0].id
    tomas.annotate(doc_t, 0, 5, "Note", note="Grüße")
    merge_file(anna, tomas.path)
    before = state(anna)
    history = anna.store.db.execute("SELECT count(*) FROM annotation_history").fetchone()
    report = merge_file(anna, tomas.path)
    assert report.annotations_added == 0 and report.annotations_unchanged == 1
    assert state(anna) == before
    assert anna.store.db.execute("SELECT count(*) FROM annotation_history").fetchone() == history


def test_both_directions_give_the_same_annotations(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    doc_a, doc_t = anna.documents()[0].id, tomas.documents()[0].id
    anna.annotate(doc_a, *span(GERMAN, "Wir müssen reden"), "Tone/Critical")
    tomas.annotate(doc_t, *span(GERMAN, "Wir müssen reden"), "Tone/Neutral")
    tomas.annotate(doc_t, 0, 1, "Note")
    merge_file(anna, tomas.path)
    merge_file(tomas, anna.path)
    assert state(anna) == state(tomas)
    assert len(state(anna)) == 3


def test_newest_edit_wins_and_the_loser_is_kept_in_history(
    pair: tuple[Project, Project],
) -> None:
    anna, tomas = pair
    doc_a = anna.documents()[0].id
    ann = anna.annotate(doc_a, *span(GERMAN, "Wir müssen reden"), "Quote",
                        attributes={"speaker": "X", "form": "direct"})
    merge_file(tomas, anna.path)
    tomas.execute(UpdateAnnotation(ann.id, {"attributes": {"speaker": "Ministerin",
                                                           "form": "direct"}}))
    report = merge_file(anna, tomas.path)
    assert report.annotations_updated == 1
    assert anna.annotation(ann.id).attributes["speaker"] == "Ministerin"
    history = anna.store.annotations.history(ann.id)
    assert [old.attributes["speaker"] for _, _, old in history] == ["X"]
    # The other way round, Tomás's newer version stays and Anna's older one is history.
    report = merge_file(tomas, anna.path)
    assert report.annotations_unchanged == 1
    assert state(anna) == state(tomas)


def test_deletions_travel_as_tombstones(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    ann = anna.annotate(anna.documents()[0].id, 0, 5, "Note")
    merge_file(tomas, anna.path)
    tomas.execute(DeleteAnnotations([ann.id]))
    merge_file(anna, tomas.path)
    assert anna.annotations() == []
    assert anna.annotation(ann.id).deleted


def test_missing_documents_and_tags_are_added(tmp_path: Path) -> None:
    from core.commands import AddTag
    from core.model import Tag, new_id

    anna = new_project(tmp_path, "a.glossa")
    tomas = new_project(tmp_path, "t.glossa", author="Tomás")
    doc = add_document(tomas, "Ein ganz anderer Artikel über 😀 Wasserstoff.", title="Wasser")
    frames = Tag(new_id(), "Frames", color="#123456")
    security = Tag(new_id(), "Sicherheit", parent_id=frames.id, color="#654321", key="1")
    tomas.execute(AddTag(frames))
    # key 1 is Quote's in Tomás's project too; give the child another key there.
    tomas.execute(AddTag(Tag(security.id, security.name, frames.id, "#654321", key="x")))
    tomas.annotate(doc, 10, 15, "Frames/Sicherheit")
    report = merge_file(anna, tomas.path)
    assert report.documents_added == ["Wasser"]
    assert report.tags_added == ["Frames", "Frames/Sicherheit"]
    [merged] = anna.annotations(tag="frames/sicherheit")
    assert anna.text(merged.document_id)[10:15] == merged.exact
    original = anna.store.documents.original(merged.document_id)[1]
    assert original == "Ein ganz anderer Artikel über 😀 Wasserstoff.".encode()
    anna.close()
    tomas.close()


def test_revised_copy_is_reanchored_and_lost_passages_are_reported(tmp_path: Path) -> None:
    anna = new_project(tmp_path, "a.glossa")
    tomas = new_project(tmp_path, "t.glossa", author="Tomás")
    add_document(anna, GERMAN)
    revised = GERMAN.replace("Kyjiw/Berlin. ", "Kyjiw/Berlin.  ").replace(
        "Ministerin", "Ministerinn").replace("Quellen:\n", "")
    doc_t = add_document(tomas, revised.replace("Botschafter", "Botschaftr"))
    their_text = tomas.text(doc_t)
    quote = tomas.annotate(doc_t, *span(their_text, "Wir müssen reden"), "Quote")
    typo = tomas.annotate(doc_t, *span(their_text, "Der Botschaftr"), "Note")
    across = tomas.annotate(doc_t, *span(their_text, "Grüße an alle.\nDer"), "Note")
    report = merge_file(anna, tomas.path)
    ours = anna.text(anna.documents()[0].id)
    assert report.documents_revised == ["Artikel"]
    placed = anna.annotation(quote.id)
    assert ours[placed.start:placed.end] == "Wir müssen reden"
    fuzzy = anna.annotation(typo.id)
    assert ours[fuzzy.start:fuzzy.end] == "Der Botschafter"
    assert report.fuzzy >= 1
    spanning = anna.annotation(across.id)
    assert ours[spanning.start:spanning.end] == "Grüße an alle.\nDer"
    assert report.unplaced == [] and report.annotations_added == 3
    anna.close()
    tomas.close()


def test_unplaceable_annotations_are_reported_not_dropped(tmp_path: Path) -> None:
    anna = new_project(tmp_path, "a.glossa")
    tomas = new_project(tmp_path, "t.glossa", author="Tomás")
    body = GERMAN + "Weiterer Absatz über Verhandlungen und Gespräche. " * 20 + "\n"
    add_document(anna, body)
    longer = body + "Nachtrag: Удар из-за горизонта, sagte niemand.\n"
    doc_t = add_document(tomas, longer)
    lost = tomas.annotate(doc_t, *span(longer, "Nachtrag: Удар"), "Note")
    report = merge_file(anna, tomas.path)
    assert [u.annotation_id for u in report.unplaced] == [lost.id]
    assert "no longer in our copy" in report.unplaced[0].reason
    assert report.documents_revised == ["Artikel"]
    assert "could not be placed" in report.summary()
    anna.close()
    tomas.close()


def test_undo_restores_the_project_exactly(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    ann = anna.annotate(anna.documents()[0].id, 0, 5, "Note")
    merge_file(tomas, anna.path)
    tomas.execute(UpdateAnnotation(ann.id, {"note": "neu"}))
    tomas.annotate(tomas.documents()[0].id, 6, 9, "Quote")
    add_document(tomas, "Zweiter Artikel", title="Zwei")
    before = state(anna)
    docs_before = [d.id for d in anna.documents()]
    command = MergeProject(read_project(tomas.path))
    anna.execute(command)
    assert state(anna) != before
    anna.undo(command)
    assert state(anna) == before
    assert [d.id for d in anna.documents()] == docs_before
    assert anna.store.annotations.history(ann.id) == []
    anna.execute(command)  # redo
    assert anna.annotation(ann.id).note == "neu"


def test_undo_and_redo_a_merge_around_work_on_what_it_added(tmp_path: Path) -> None:
    """Tag a merged article with a merged tag, nest a tag under it, then undo it all and
    redo it all: the undone work still points at the merged rows, so they are retired
    on undo (not deleted, which the database would refuse) and come back on redo."""
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    tomas = new_project(tmp_path, "tomas.glossa", author="Tomás")
    doc_t = add_document(tomas, "Ein Artikel über Fähren, nur bei Tomás.", title="Fähren")
    parent = AddTag(Tag(new_id(), "Frame", kind=TagKind.CUSTOM))
    tomas.execute(parent)
    tomas.execute(AddTag(Tag(new_id(), "Wirtschaft", parent_id=parent.tag.id,
                             kind=TagKind.CUSTOM)))
    theirs = tomas.annotate(doc_t, 0, 11, "Frame/Wirtschaft")
    codebook_before = sorted(t.id for t in anna.codebook().tags)

    merge = MergeProject(read_project(tomas.path))
    anna.execute(merge)
    assert merge.report.documents_added == ["Fähren"]
    [doc] = [d.id for d in anna.documents()]
    frame = anna.codebook().find("Frame/Wirtschaft")
    mine = AddAnnotations([new_annotation(doc, 15, 21, frame.id, "Anna")])
    anna.execute(mine)
    child = AddTag(Tag(new_id(), "Kosten", parent_id=frame.id, kind=TagKind.CUSTOM))
    anna.execute(child)

    anna.undo(child)
    anna.undo(mine)
    anna.undo(merge)
    assert anna.documents() == []
    assert sorted(t.id for t in anna.codebook().tags) == codebook_before
    assert anna.authors() == []

    anna.execute(merge)  # redo
    assert merge.report.documents_added == ["Fähren"]
    assert [d.id for d in anna.documents()] == [doc]
    assert anna.codebook().find("Frame/Wirtschaft").id == frame.id
    assert anna.annotation(theirs.id).author == "Tomás"
    anna.execute(mine)
    anna.execute(child)
    assert anna.codebook().find("Frame/Wirtschaft/Kosten").id == child.tag.id
    live = {a.id: a for a in anna.annotations(doc)}
    assert set(live) == {theirs.id, mine.annotations[0].id}
    assert anna.text(doc)[15:21] == live[mine.annotations[0].id].exact

    # And undone once more, the project reads as before the merge again.
    anna.undo(child)
    anna.undo(mine)
    anna.undo(merge)
    assert anna.documents() == [] and anna.authors() == []
    anna.close()
    tomas.close()


def test_a_fresh_merge_after_an_undone_one_brings_back_the_tags_it_retired(
    tmp_path: Path,
) -> None:
    """Undo a merge whose tag later, undone work still names (so it is only retired), lose
    the redo to other work, and merge the same file again: the tag is live again."""
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    tomas = new_project(tmp_path, "tomas.glossa", author="Tomás")
    doc_t = add_document(tomas, "Ein Artikel über Fähren, nur bei Tomás.", title="Fähren")
    tomas.execute(AddTag(Tag(new_id(), "Frame", kind=TagKind.CUSTOM, key="f")))
    theirs = tomas.annotate(doc_t, 0, 11, "Frame")
    merge = MergeProject(read_project(tomas.path))
    anna.execute(merge)
    frame = anna.codebook().find("Frame")
    mine = AddAnnotations([new_annotation(anna.documents()[0].id, 15, 21, frame.id, "Anna")])
    anna.execute(mine)
    anna.undo(mine)
    anna.undo(merge)
    assert [t.id for t in anna.store.tags.all(include_deleted=True) if t.deleted] == [frame.id]
    before = anna.store.tags.all(include_deleted=True)

    again = MergeProject(read_project(tomas.path))
    anna.execute(again)
    assert again.report.tags_added == ["Frame"] and again.report.annotations_added == 1
    assert anna.codebook().find("Frame").id == frame.id
    [doc] = anna.documents()
    assert [a.id for a in anna.annotations(doc.id)] == [theirs.id]
    anna.undo(again)
    assert anna.store.tags.all(include_deleted=True) == before
    anna.close()
    tomas.close()


def test_a_redo_reports_what_the_merge_reported(tmp_path: Path) -> None:
    """Two copies of one article in their file: one is added, the other matches it, on
    the first run and on a redo after an undo that could only retire the added one."""
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    tomas = new_project(tmp_path, "tomas.glossa", author="Tomás")
    text = "Ein Artikel über Fähren, nur bei Tomás."
    tomas.annotate(add_document(tomas, text, title="Fähren"), 0, 3, "Note")
    add_document(tomas, text, title="Fähren (Kopie)")
    merge = MergeProject(read_project(tomas.path))
    anna.execute(merge)
    first = merge.report
    assert (first.documents_added, first.documents_matched) == (["Fähren"], 1)
    [doc] = anna.documents()
    mine = AddAnnotations([new_annotation(doc.id, 15, 21, anna.codebook().find("Note").id,
                                          "Anna")])
    anna.execute(mine)
    anna.undo(mine)
    anna.undo(merge)
    anna.execute(merge)  # redo
    assert merge.report == first
    assert [d.id for d in anna.documents()] == [doc.id]
    anna.undo(merge)
    assert anna.documents() == []
    anna.close()
    tomas.close()


def test_a_tag_we_deleted_comes_back_for_a_colleague_who_still_uses_it(tmp_path: Path) -> None:
    """Their annotations never land on a deleted tag; a key taken meanwhile stays ours."""
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    tomas = new_project(tmp_path, "tomas.glossa", author="Tomás")
    add_document(anna)
    doc = add_document(tomas)
    frame = AddTag(Tag(new_id(), "Frame", kind=TagKind.CUSTOM, key="f"))
    tomas.execute(frame)
    tomas.execute(AddTag(Tag(new_id(), "Wirtschaft", parent_id=frame.tag.id,
                             kind=TagKind.CUSTOM)))
    merge_file(anna, tomas.path)
    anna.execute(DeleteTag(frame.tag.id))
    anna.execute(AddTag(Tag(new_id(), "Fokus", kind=TagKind.CUSTOM, key="f")))
    theirs = tomas.annotate(doc, 0, 11, "Frame/Wirtschaft")
    before = anna.store.tags.all(include_deleted=True)

    merge = MergeProject(read_project(tomas.path))
    anna.execute(merge)
    assert merge.report.tags_added == ["Frame", "Frame/Wirtschaft"]
    assert anna.annotation(theirs.id).tag_id == anna.codebook().find("Frame/Wirtschaft").id
    assert anna.codebook().find("Frame").key == ""  # "f" is Fokus's now
    assert anna.codebook().find("Fokus").key == "f"
    anna.undo(merge)
    assert anna.store.tags.all(include_deleted=True) == before
    anna.execute(merge)  # redo
    assert anna.codebook().find("Frame/Wirtschaft").id == anna.annotation(theirs.id).tag_id
    anna.close()
    tomas.close()


def _codebook_shared_with_tomas(tmp_path: Path) -> tuple[Project, Project, str, str, str]:
    """Anna has merged Tomás's Frame/Wirtschaft; returns both, his document, both tag ids."""
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    tomas = new_project(tmp_path, "tomas.glossa", author="Tomás")
    add_document(anna)
    doc = add_document(tomas)
    frame = AddTag(Tag(new_id(), "Frame", kind=TagKind.CUSTOM))
    tomas.execute(frame)
    economy = AddTag(Tag(new_id(), "Wirtschaft", parent_id=frame.tag.id, kind=TagKind.CUSTOM))
    tomas.execute(economy)
    merge_file(anna, tomas.path)
    return anna, tomas, doc, frame.tag.id, economy.tag.id


def test_a_tag_comes_back_where_the_colleague_has_it(tmp_path: Path) -> None:
    """Anna deleted Frame (with Frame/Wirtschaft) and made a new Frame; elsewhere she
    moved a tag under a parent she then deleted. Tomás's Frame/Wirtschaft comes back
    under her new Frame, never under a deleted parent."""
    anna, tomas, doc, frame_id, _ = _codebook_shared_with_tomas(tmp_path)
    anna.execute(DeleteTag(frame_id))
    anna.execute(AddTag(Tag(new_id(), "Frame", kind=TagKind.CUSTOM)))
    theirs = tomas.annotate(doc, 0, 11, "Frame/Wirtschaft")
    before = anna.store.tags.all(include_deleted=True)
    merge = MergeProject(read_project(tomas.path))
    anna.execute(merge)
    assert merge.report.tags_added == ["Frame/Wirtschaft"]
    assert anna.tag_path(anna.annotation(theirs.id).tag_id) == "Frame/Wirtschaft"
    anna.undo(merge)
    assert anna.store.tags.all(include_deleted=True) == before
    anna.close()
    tomas.close()

    (tmp_path / "moved").mkdir()
    anna, tomas, doc, _, economy_id = _codebook_shared_with_tomas(tmp_path / "moved")
    topic = AddTag(Tag(new_id(), "Thema", kind=TagKind.CUSTOM))
    anna.execute(topic)
    anna.execute(UpdateTag(economy_id, {"parent_id": topic.tag.id}))
    anna.execute(DeleteTag(topic.tag.id))
    theirs = tomas.annotate(doc, 0, 11, "Frame/Wirtschaft")
    merge_file(anna, tomas.path)
    assert anna.tag_path(anna.annotation(theirs.id).tag_id) == "Frame/Wirtschaft"
    anna.close()
    tomas.close()


def test_a_tag_we_deleted_stays_deleted_if_the_colleague_does_not_use_it(
    tmp_path: Path,
) -> None:
    anna, tomas, doc, frame_id, _ = _codebook_shared_with_tomas(tmp_path)
    anna.execute(DeleteTag(frame_id))
    gone = tomas.annotate(doc, 0, 11, "Frame/Wirtschaft")
    tomas.execute(DeleteAnnotations([gone.id]))  # a tombstone is no use
    report = merge_file(anna, tomas.path)
    assert report.tags_added == []
    with pytest.raises(NotFound):
        anna.codebook().find("Frame")
    anna.close()
    tomas.close()


def test_an_older_file_does_not_bring_back_a_tag_whose_annotations_we_deleted(
    tmp_path: Path,
) -> None:
    """Deleting a tag deletes its annotations, his merged one too; his older file still has
    it live, but our tombstone is newer, so the tag would come back with nothing on it."""
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    tomas = new_project(tmp_path, "tomas.glossa", author="Tomás")
    doc = add_document(tomas)
    frame = AddTag(Tag(new_id(), "Frame", kind=TagKind.CUSTOM))
    tomas.execute(frame)
    theirs = tomas.annotate(doc, 0, 11, "Frame")
    merge_file(anna, tomas.path)
    time.sleep(0.002)
    anna.execute(DeleteTag(frame.tag.id))
    report = merge_file(anna, tomas.path)
    assert report.tags_added == [] and anna.annotation(theirs.id).deleted
    with pytest.raises(NotFound):
        anna.codebook().find("Frame")
    anna.close()
    tomas.close()


# --- hostile and foreign files -----------------------------------------------------


def test_colleagues_file_is_not_modified(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    tomas.annotate(tomas.documents()[0].id, 0, 5, "Note")
    tomas.close()
    before = digest(tomas.path)
    merge_file(anna, tomas.path)
    assert digest(tomas.path) == before


@pytest.mark.parametrize(
    "content", [b"", b"garbage" * 1000, b"SQLite format 3\x00" + b"\x01" * 500]
)
def test_garbage_file_is_refused_and_nothing_changes(
    tmp_path: Path, pair: tuple[Project, Project], content: bytes
) -> None:
    anna, _ = pair
    other = tmp_path / "bad.glossa"
    other.write_bytes(content)
    before = state(anna)
    with pytest.raises(NotAGlossaProject):
        merge_file(anna, other)
    assert state(anna) == before


def test_annotation_data_of_other_tools_is_named_not_opened_as_a_database(
    pair: tuple[Project, Project], tmp_path: Path
) -> None:
    anna, _ = pair
    w3c = tmp_path / "kollege.jsonld"
    w3c.write_text('{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}',
                   encoding="utf-8")
    with pytest.raises(NotAGlossaProject, match="not a Glossa project export"):
        merge_file(anna, w3c)
    qdpx = tmp_path / "kollege.qdpx"
    qdpx.write_bytes(b"PK\x05\x06" + bytes(18))
    with pytest.raises(NotAGlossaProject, match="REFI-QDA project holds no Glossa project"):
        merge_file(anna, qdpx)
    assert anna.store.annotations.query(include_deleted=True) == []


def test_annotation_outside_its_text_is_refused(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    ann = tomas.annotate(tomas.documents()[0].id, 0, 5, "Note")
    tomas.close()
    conn = sqlite3.connect(tomas.path)
    conn.execute('UPDATE annotations SET "end" = 999999 WHERE id = ?', (ann.id,))
    conn.commit()
    conn.close()
    with pytest.raises(NotAGlossaProject, match="offsets outside"):
        merge_file(anna, tomas.path)
    assert anna.annotations() == []


def test_malformed_attributes_are_refused(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    ann = tomas.annotate(tomas.documents()[0].id, 0, 5, "Note")
    tomas.close()
    conn = sqlite3.connect(tomas.path)
    conn.execute("UPDATE annotations SET attributes = '[1, 2]' WHERE id = ?", (ann.id,))
    conn.commit()
    conn.close()
    with pytest.raises(NotAGlossaProject, match="malformed attributes"):
        merge_file(anna, tomas.path)


def test_malformed_decisions_are_refused(tmp_path: Path) -> None:
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    tomas = new_project(tmp_path, "tomas.glossa", author="Tomás")
    doc = add_document(tomas)
    ann = tomas.annotate(doc, 0, 5, "Note")
    tomas.close()
    cases: list[tuple[str, str | bytes, str]] = [
        ("annotations", "[1, 2]", "damaged project"),
        ("action", "shrug", "damaged project"),
        ("comment", b"\x00", "decision d1 is malformed"),
        ("annotations", "[" * 100_000 + "]" * 100_000, "damaged project"),  # too deep for json
    ]
    for column, value, problem in cases:
        with sqlite3.connect(tomas.path) as conn:
            conn.execute("DELETE FROM decisions")
            conn.execute(
                "INSERT INTO decisions (id, document_id, disagreement_id, kind, action, "
                "annotations, decided_by, decided_at) VALUES ('d1', ?, 'x', 'only_a', "
                "'reject', ?, 'Lea', '2026-12-01T10:00:00Z')",
                (doc, json.dumps({"a": [ann.id], "b": []})))
            conn.execute(f"UPDATE decisions SET {column} = ?", (value,))
        conn.close()
        with pytest.raises(NotAGlossaProject, match=problem):
            merge_file(anna, tomas.path)
    assert anna.documents() == [] and anna.store.decisions.count(include_deleted=True) == 0
    anna.close()


def test_traps_in_the_colleagues_schema_never_run(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    tomas.annotate(tomas.documents()[0].id, 0, 5, "Note")
    tomas.close()
    conn = sqlite3.connect(tomas.path)
    conn.execute("CREATE TABLE trap_log (x)")
    conn.execute("CREATE TRIGGER trap AFTER UPDATE ON annotations BEGIN "
                 "INSERT INTO trap_log VALUES (1); END")
    conn.commit()
    conn.close()
    before = digest(tomas.path)
    # Refused, as opening it would be: a file with objects we did not create is not read.
    with pytest.raises(ForeignSchema, match="trigger trap; table trap_log"):
        merge_file(anna, tomas.path)
    assert digest(tomas.path) == before
    assert anna.annotations() == []


def test_newer_schema_is_refused(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    tomas.close()
    conn = sqlite3.connect(tomas.path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(UnsupportedSchemaVersion):
        merge_file(anna, tomas.path)


# --- fast paths keep their guarantees -------------------------------------------------------


def test_an_unchanged_merge_writes_nothing_and_reports_no_change(
    pair: tuple[Project, Project],
) -> None:
    anna, tomas = pair
    doc_t = tomas.documents()[0].id
    tomas.annotate(doc_t, *span(GERMAN, "Wir müssen reden"), "Quote",
                   attributes={"speaker": "Ministerin 📰", "form": "direct"}, note="𝔘 Grüße")
    gone = tomas.annotate(doc_t, 0, 5, "Note")
    tomas.execute(DeleteAnnotations([gone.id]))
    merge_file(anna, tomas.path)
    changes: list[Change] = []
    anna.subscribe(changes.append)
    before = anna.store.db.conn.total_changes
    report = merge_file(anna, tomas.path)
    assert anna.store.db.conn.total_changes == before
    assert report.annotations_unchanged == 2 and report.annotations_added == 0
    assert [c.annotations for c in changes] == [set()]


def test_selectors_come_from_our_text_even_outside_the_bmp(tmp_path: Path) -> None:
    text = "Vorspann 📰📰 und 𝔘-Bahn: „Wir müssen reden“, sagte sie. " * 3
    anna = new_project(tmp_path, "a.glossa")
    tomas = new_project(tmp_path, "t.glossa", author="Tomás")
    doc_a, doc_t = add_document(anna, text), add_document(tomas, text)
    stored = anna.text(doc_a)
    start = stored.index("„Wir", 40)
    theirs = tomas.annotate(doc_t, start, start + len("„Wir müssen reden“"), "Quote")
    merge_file(anna, tomas.path)
    merged = anna.annotation(theirs.id)
    assert (merged.document_id, merged.start, merged.end) == (doc_a, theirs.start, theirs.end)
    assert merged.exact == "„Wir müssen reden“"
    assert merged.prefix == stored[start - 32:start] and "📰" in merged.prefix
    assert merged.suffix == stored[merged.end:merged.end + 32]
    anna.close()
    tomas.close()


def _tamper(path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_a_quote_that_does_not_stand_at_its_offsets_is_looked_for(
    pair: tuple[Project, Project],
) -> None:
    anna, tomas = pair
    doc_t = tomas.documents()[0].id
    wrong = tomas.annotate(doc_t, 0, len("Wir müssen reden"), "Note")
    tomas.close()
    start, end = span(GERMAN, "Wir müssen reden")
    _tamper(tomas.path, "UPDATE annotations SET exact = ?, prefix = ?, suffix = ? WHERE id = ?",
            "Wir müssen reden", GERMAN[start - 32:start], GERMAN[end:end + 32], wrong.id)
    report = merge_file(anna, tomas.path)
    merged = anna.annotation(wrong.id)
    assert (merged.start, merged.end) == (start, end) and report.reanchored == 1


def test_a_wrong_content_hash_in_the_colleagues_file_is_not_believed(
    pair: tuple[Project, Project],
) -> None:
    anna, tomas = pair
    ann = tomas.annotate(tomas.documents()[0].id, 0, 5, "Note")
    tomas.close()
    _tamper(tomas.path, "UPDATE documents SET content_hash = ''")
    report = merge_file(anna, tomas.path)
    assert report.documents_matched == 1 and report.documents_revised == []
    assert report.documents_added == [] and anna.annotation(ann.id).start == 0


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("UPDATE annotations SET status = 'maybe'", "unknown status 'maybe'"),
        ("UPDATE annotations SET origin = 'borrowed'", "unknown origin 'borrowed'"),
        ("UPDATE annotations SET exact = 'zu lang für die Spanne'", "quote that does not fit"),
        ("UPDATE annotations SET \"end\" = 'null'", "offsets outside"),
        ("UPDATE annotations SET start = 1.5", "offsets outside"),
        ("UPDATE annotations SET deleted = 7", "malformed deletion flag 7"),
        ("UPDATE annotations SET note = x'00ff'", "malformed note"),
        ("UPDATE annotations SET attributes = '{\"speaker\": 3}'", "malformed attributes"),
        ("UPDATE annotations SET attributes = 'kein JSON'", "malformed attributes"),
        ("UPDATE annotations SET document_id = 'nirgends'", "refers to a missing document"),
        ("UPDATE annotations SET tag_id = 'keins'", "refers to a missing tag"),
        ("UPDATE documents SET title = x'00ff'", "malformed title"),
        ("UPDATE tags SET parent_id = id WHERE name = 'Tone'", "its own ancestor"),
    ],
)
def test_a_bad_row_is_named_and_nothing_changes(
    pair: tuple[Project, Project], sql: str, message: str
) -> None:
    anna, tomas = pair
    tomas.annotate(tomas.documents()[0].id, 0, 5, "Note", attributes={"speaker": "X"})
    tomas.annotate(tomas.documents()[0].id, 6, 9, "Note")
    tomas.close()
    _tamper(tomas.path, sql)
    before = state(anna), anna.store.tags.all(include_deleted=True), anna.documents()
    with pytest.raises(NotAGlossaProject, match=message) as raised:
        merge_file(anna, tomas.path)
    assert str(raised.value).startswith("tomas.glossa: ")
    assert (state(anna), anna.store.tags.all(include_deleted=True), anna.documents()) == before


# --- older colleague files ------------------------------------------------------------------

_MERGED_TABLES = ("documents", "document_files", "pdf_pages", "tags", "annotations",
                  "annotation_history")


def _older_copy(path: Path, version: int) -> Path:
    """``path``'s rows in a file of schema ``version``, built with the first migrations only."""
    import sqlite_utils

    old = path.with_name(f"{path.stem}-v{version}.glossa")
    conn = sqlite3.connect(old, isolation_level=None)
    db = sqlite_utils.Database(conn)
    for number, migration in enumerate(schema.MIGRATIONS[:version], start=1):
        with db.atomic():
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute("ATTACH DATABASE ? AS src", (str(path),))
    with db.atomic():
        for table in _MERGED_TABLES:
            db.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table}")
        if "decisions" in db.table_names():  # with the columns this version has
            columns = ", ".join(c.name for c in db["decisions"].columns)
            db.execute(f"INSERT INTO main.decisions ({columns}) "
                       f"SELECT {columns} FROM src.decisions")
    db.execute("DETACH DATABASE src")
    conn.close()
    return old


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION))
def test_an_older_colleague_file_merges_as_it_is(tmp_path: Path, version: int) -> None:
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    tomas = new_project(tmp_path, "tomas.glossa", author="Tomás")
    add_document(anna)
    doc_t = add_document(tomas)
    add_document(tomas, "Zweiter 📰 Artikel über 𝔘-Bahnen.", title="Zwei")
    tomas.annotate(doc_t, *span(GERMAN, "Wir müssen reden"), "Quote",
                   attributes={"speaker": "Ministerin", "form": "direct"}, note="Grüße")
    gone = tomas.annotate(doc_t, 0, 5, "Tone/Critical")
    tomas.execute(DeleteAnnotations([gone.id]))
    tomas.close()
    old = _older_copy(tomas.path, version)
    before = digest(old)

    report = merge_file(anna, old)
    assert report.annotations_added == 2 and report.documents_added == ["Zwei"]
    assert report.documents_matched == 1
    assert digest(old) == before  # read as it is: never migrated, never written
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone() == (version,)
    conn.close()
    assert merge_file(anna, old).annotations_unchanged == 2
    with Project.open(tomas.path) as current:
        expected = state(current)
    assert {k: v for k, v in state(anna).items() if k in expected} == expected
    assert len(expected) == 2
    anna.close()


def test_an_unknown_schema_version_is_refused(pair: tuple[Project, Project]) -> None:
    anna, tomas = pair
    tomas.close()
    conn = sqlite3.connect(tomas.path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    with pytest.raises(UnsupportedSchemaVersion, match="unknown schema version 0"):
        merge_file(anna, tomas.path)


def test_identical_tags_keep_the_earlier_time_and_undo_restores_ours(tmp_path: Path) -> None:
    """Merging A into B and B into A gives one codebook, modified times included."""
    from core.review.merge import MergeProject
    from core.review.merge_source import read_source

    older = Project.create(tmp_path / "older.glossa", author="A")
    newer = Project.create(tmp_path / "newer.glossa", author="B")
    newer.store.db.execute("UPDATE tags SET modified = '2099-01-01T00:00:00.000Z'")
    older.close()

    def stamps(project: Project) -> dict[str, str]:
        return {t.id: t.modified for t in project.store.tags.all(include_deleted=True)}

    before = stamps(newer)
    command = MergeProject(read_source(tmp_path / "older.glossa"))
    newer.execute(command)
    with Project.open(tmp_path / "older.glossa") as reference:
        assert stamps(newer) == stamps(reference)
    newer.undo(command)
    assert stamps(newer) == before
    newer.close()


def test_a_merge_on_another_connection_is_announced_and_undone_here(tmp_path: Path) -> None:
    """What the GUI does: merge on a worker's connection, announce, undo on its own."""
    from core.codebook import Codebook
    from core.commands import AddTag
    from core.model import Tag, new_id
    from core.review.merge import MergeProject
    from core.review.merge_source import read_source

    theirs = Project.create(tmp_path / "theirs.glossa", author="T")
    theirs.execute(AddTag(Tag(id=new_id(), name="Framing")))
    theirs.close()
    window = Project.create(tmp_path / "ours.glossa", author="O")
    heard: list[object] = []
    window.subscribe(heard.append)
    assert "Framing" not in {t.name for t in window.codebook().tags}  # now cached
    with Project.open(window.path) as worker:
        command = MergeProject(read_source(tmp_path / "theirs.glossa"))
        change = worker.execute(command)
    window.announce(change, commits=worker.commits_made())
    assert heard == [change] and change.codebook
    assert "Framing" in {t.name for t in window.codebook().tags}
    window.undo(command)
    assert "Framing" not in {t.name for t in Codebook(window.store.tags.all()).tags}
    window.close()
