"""A whole-project annotation list loads its ids a page at a time and still behaves as if
it held them all: the same order, changes placed, selections kept, rows found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

import gui.models.annotation_table as table
from core.annotation_list import AnnotationList, ListQuery
from core.commands import AddAnnotations
from core.project import Project, new_annotation
from gui.models.annotation_table import AnnotationTableModel, Filter
from tests.core.helpers import add_document

FIRST = 7


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(table, "FIRST_IDS", FIRST)
    with Project.create(tmp_path / "paged.glossa", author="Anna") as made:
        words = ["Zoo", "apfel", "Ärger", "b", "éclair"] * 6
        quote = made.codebook().find("Quote").id
        for title in ("one", "two"):
            doc = add_document(made, " ".join(words) + "\n", title=title)
            spans, offset = [], 0
            for i, word in enumerate(words):
                spans.append(new_annotation(doc, offset, offset + len(word), quote,
                                            ["Anna", "Bert", "Cleo"][i % 3]))
                offset += len(word) + 1
            made.execute(AddAnnotations(spans))
        yield made


def _shown(model: AnnotationTableModel) -> list[str]:
    return [model.annotation_id(r) for r in range(model.rowCount())]


def test_pages_fill_the_list_in_the_order_of_a_fresh_query(project: Project,
                                                            qtmodeltester: Any) -> None:
    model = AnnotationTableModel(project)
    model.set_filter(Filter(author="Bert"))
    whole = AnnotationList(project).ids(ListQuery(author="Bert"))
    assert model.rowCount() == FIRST and model.canFetchMore()
    assert model.total() == len(whole)
    while model.canFetchMore():
        model.fetchMore()
    assert _shown(model) == whole and model.total() == len(whole)
    qtmodeltester.check(model)


def test_a_change_while_paged_equals_a_fresh_query(project: Project) -> None:
    model = AnnotationTableModel(project)
    model.set_filter(Filter())
    first = model.annotation_id(0)
    project.store.annotations.update(first, {"start": 40, "end": 45}, "2026")
    new = project.annotate(project.documents()[0].id, 0, 3, "Quote", author="Mia")
    model.apply({first: project.annotation(first), new.id: new})
    assert model.rowCount() == FIRST
    while model.canFetchMore():
        model.fetchMore()
    assert _shown(model) == AnnotationList(project).ids(ListQuery())


def test_finding_or_sorting_beyond_the_first_page_keeps_the_selection(
        project: Project, qtbot: Any) -> None:
    model = AnnotationTableModel(project)
    model.set_filter(Filter())
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(2)
    chosen = model.annotation_id(2)
    last = AnnotationList(project).ids(ListQuery())[-1]
    assert model.row_of(last) == model.rowCount() - 1 == model.total() - 1
    assert model.annotation_id(view.currentIndex().row()) == chosen
    model.set_filter(Filter())
    view.selectRow(3)
    chosen = model.annotation_id(3)
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert model.annotation_id(view.currentIndex().row()) == chosen
    assert not model.canFetchMore()
