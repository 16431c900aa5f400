"""The annotation list: one row per annotation of a document or of the whole project.

Rows are slim tuples built once from ``Project.annotations`` (no Qt objects, no
full ``Annotation`` kept), held in ascending sort order; a descending sort reads
the same list backwards, so inserting one annotation is a binary search, not a
re-sort. ``apply`` folds a core ``Change`` in row by row, which keeps a key press
cheap even with 50k rows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from core.codebook import Codebook
from core.model import Annotation
from core.project import Project

ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Text", "Tag", "Attributes", "Author", "Status", "Document")
TEXT, TAG, ATTRIBUTES, AUTHOR, STATUS, DOCUMENT = range(len(COLUMNS))
_SHOWN_CHARS = 160

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    document_id: str
    start: int
    end: int
    tag_id: str
    text: str
    attributes: str
    author: str
    status: str


@dataclass(frozen=True, slots=True)
class Filter:
    """What the list shows; None means "any"."""

    document_id: str | None = None
    tag_ids: frozenset[str] | None = None
    author: str | None = None
    status: str | None = None

    def admits(self, a: Annotation) -> bool:
        return not a.deleted and (
            (self.document_id is None or a.document_id == self.document_id)
            and (self.tag_ids is None or a.tag_id in self.tag_ids)
            and (self.author is None or a.author == self.author)
            and (self.status is None or str(a.status) == self.status)
        )


def describe_attributes(attributes: dict[str, str]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(attributes.items()) if v)


def _row(a: Annotation) -> Row:
    text = " ".join(a.exact[:_SHOWN_CHARS].split())
    if len(a.exact) > _SHOWN_CHARS:
        text += "…"
    return Row(a.id, a.document_id, a.start, a.end, a.tag_id, text,
               describe_attributes(a.attributes), a.author, str(a.status))


class AnnotationTableModel(QAbstractTableModel):
    """Annotations matching a ``Filter``, sortable by any column."""

    def __init__(self, project: Project | None = None) -> None:
        super().__init__()
        self._project = project
        self._codebook = Codebook([])
        self._titles: dict[str, str] = {}
        self._doc_order: dict[str, int] = {}
        self._filter = Filter()
        self._rows: list[Row] = []  # ascending by self._key
        self._by_id: dict[str, Row] = {}
        self._column = -1  # -1: document order
        self._descending = False

    # --- loading ----------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.reload()

    def set_filter(self, flt: Filter, annotations: Iterable[Annotation] | None = None) -> None:
        """Show what ``flt`` admits (from ``annotations`` if the caller already has them)."""
        self._filter = flt
        self.reload(annotations)

    @property
    def filter(self) -> Filter:
        return self._filter

    def reload(self, annotations: Iterable[Annotation] | None = None) -> None:
        """Query again (or take ``annotations`` already fetched for this filter)."""
        self.beginResetModel()
        self._rows, self._by_id = [], {}
        if self._project is not None:
            self._codebook = self._project.codebook()
            docs = self._project.documents()
            self._titles = {d.id: d.title for d in docs}
            self._doc_order = {d.id: i for i, d in enumerate(docs)}
            if annotations is None:
                annotations = self._project.annotations(
                    self._filter.document_id, author=self._filter.author,
                    status=self._filter.status)
            rows = [_row(a) for a in annotations if self._filter.admits(a)]
            self._by_id = {r.id: r for r in rows}
            rows.sort(key=self._key())
            self._rows = rows
        self.endResetModel()

    # --- incremental updates ---------------------------------------------------------

    def apply(self, changed: Mapping[str, Annotation | None]) -> None:
        """Bring rows up to date: id -> the annotation now, or None if it is gone."""
        for annotation_id, a in changed.items():
            old = self._by_id.get(annotation_id)
            if old is not None:
                self._remove(old)
            if a is not None and self._filter.admits(a):
                self._insert(_row(a))

    def _view_row(self, position: int, count: int) -> int:
        return count - 1 - position if self._descending else position

    def _position(self, row: Row) -> int:
        key = self._key()
        return bisect_left(self._rows, key(row), key=key)

    def _remove(self, row: Row) -> None:
        at = self._position(row)
        while at < len(self._rows) and self._rows[at].id != row.id:
            at += 1
        if at >= len(self._rows):
            return
        view_row = self._view_row(at, len(self._rows))
        self.beginRemoveRows(QModelIndex(), view_row, view_row)
        del self._rows[at]
        del self._by_id[row.id]
        self.endRemoveRows()

    def _insert(self, row: Row) -> None:
        at = self._position(row)
        view_row = self._view_row(at, len(self._rows) + 1)
        self.beginInsertRows(QModelIndex(), view_row, view_row)
        self._rows.insert(at, row)
        self._by_id[row.id] = row
        self.endInsertRows()

    def refresh_codebook(self, codebook: Codebook) -> None:
        """Tag names changed: re-sort if sorted by tag, else just repaint the column."""
        self._codebook = codebook
        if self._column == TAG:
            self.sort(TAG, Qt.SortOrder.DescendingOrder if self._descending
                      else Qt.SortOrder.AscendingOrder)
        elif self._rows:
            self.dataChanged.emit(self.index(0, TAG), self.index(len(self._rows) - 1, TAG))

    # --- lookups ------------------------------------------------------------------------

    def annotation_id(self, row: int) -> str:
        return self._row_at(row).id

    def row_of(self, annotation_id: str) -> int:
        row = self._by_id.get(annotation_id)
        if row is None:
            return -1
        at = self._position(row)
        while at < len(self._rows) and self._rows[at].id != annotation_id:
            at += 1
        return self._view_row(at, len(self._rows)) if at < len(self._rows) else -1

    def _row_at(self, view_row: int) -> Row:
        return self._rows[self._view_row(view_row, len(self._rows))]

    # --- sorting ------------------------------------------------------------------------

    def _key(self) -> Callable[[Row], tuple[Any, ...]]:
        order = self._doc_order
        def base(r: Row) -> tuple[Any, ...]:
            return (order.get(r.document_id, 0), r.start, r.end, r.id)
        column = self._column
        if column == TEXT:
            return lambda r: (r.text.casefold(), *base(r))
        if column == TAG:
            path = self._codebook.path
            return lambda r: (path(r.tag_id).casefold(), *base(r))
        if column == ATTRIBUTES:
            return lambda r: (r.attributes.casefold(), *base(r))
        if column == AUTHOR:
            return lambda r: (r.author.casefold(), *base(r))
        if column == STATUS:
            return lambda r: (r.status, *base(r))
        if column == DOCUMENT:
            titles = self._titles
            return lambda r: (titles.get(r.document_id, "").casefold(), *base(r))
        return base

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._column = column if 0 <= column < len(COLUMNS) else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._rows.sort(key=self._key())
        self.layoutChanged.emit()

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._row_at(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == TEXT:
                return row.text
            if column == TAG:
                return self._codebook.path(row.tag_id) if row.tag_id in self._codebook else "?"
            if column == ATTRIBUTES:
                return row.attributes
            if column == AUTHOR:
                return row.author
            if column == STATUS:
                return row.status
            if column == DOCUMENT:
                return self._titles.get(row.document_id, "")
        decorate = role == Qt.ItemDataRole.DecorationRole and column == TAG
        if decorate and row.tag_id in self._codebook:
            return QColor(self._codebook.get(row.tag_id).color)
        if role == ANNOTATION_ID_ROLE:
            return row.id
        return None
