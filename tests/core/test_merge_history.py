"""A colleague's earlier versions of annotations come along with a merge (from a project
file or a JSON export), once, under our ids, and go again with its undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.commands import UpdateAnnotation
from core.errors import NotAGlossaProject
from core.exporters.json import export_json
from core.project import Project
from core.review.merge import MergeProject, merge_file
from core.review.merge_source import read_source
from tests.core.helpers import GERMAN, add_document, new_project

QUOTE = "Wir müssen reden"


def _history(project: Project) -> list[tuple[str, str, str, str]]:
    """(annotation id, reason, the old speaker, the old version's document title)."""
    rows = []
    for doc in project.documents():
        for _, reason, old in project.store.annotations.history_of_document(doc.id):
            rows.append((old.id, reason, old.attributes.get("speaker", ""),
                         project.document(old.document_id).title))
    return rows


@pytest.fixture
def tomas(tmp_path: Path) -> Project:
    """Tomás tagged a quote, then corrected its speaker twice: two earlier versions."""
    project = new_project(tmp_path, "tomas.glossa", author="Tomás")
    doc = add_document(project, title="Bericht")
    start = GERMAN.index(QUOTE)
    quote = project.annotate(doc, start, start + len(QUOTE), "Quote",
                             attributes={"speaker": "X", "form": "direct"})
    for speaker in ("Y", "Ministerin"):
        project.execute(UpdateAnnotation(quote.id, {"attributes": {"speaker": speaker,
                                                                   "form": "direct"}}))
    return project


@pytest.mark.parametrize("via", ["project", "json"])
def test_the_colleagues_history_comes_along_once_and_goes_with_undo(
        tmp_path: Path, tomas: Project, via: str) -> None:
    [(quote_id, *_)] = [(a.id,) for a in tomas.annotations()]
    source = tomas.path
    if via == "json":
        source = tmp_path / "tomas.json"
        export_json(tomas, source)
    tomas.close()
    anna = new_project(tmp_path, "anna.glossa")
    add_document(anna, title="Artikel")  # the same text under another id and title
    command = MergeProject(read_source(source))
    anna.execute(command)
    expected = [(quote_id, "edit", "X", "Artikel"), (quote_id, "edit", "Y", "Artikel")]
    assert _history(anna) == expected  # on our copy of the document
    merge_file(anna, source)
    assert _history(anna) == expected  # not kept twice
    anna.undo(command)
    assert anna.store.annotations.history(quote_id) == []
    anna.close()


def test_a_json_export_read_into_an_empty_project_keeps_its_history(
        tmp_path: Path, tomas: Project) -> None:
    export_json(tomas, tmp_path / "tomas.json")
    before = _history(tomas)
    tomas.close()
    fresh = new_project(tmp_path, "fresh.glossa", author="Anna")
    merge_file(fresh, tmp_path / "tomas.json")
    assert _history(fresh) == before
    fresh.close()


def test_a_malformed_earlier_version_is_refused(tmp_path: Path, tomas: Project) -> None:
    tomas.close()
    conn = sqlite3.connect(tomas.path)
    conn.execute("""UPDATE annotation_history SET snapshot = json_set(snapshot, '$.start',
                    'zwei')""")
    conn.commit()
    conn.close()
    anna = new_project(tmp_path, "anna.glossa")
    with pytest.raises(NotAGlossaProject, match=r"earlier version of annotation .* malformed"):
        merge_file(anna, tomas.path)
    assert anna.annotations() == []
    anna.close()
