"""The annotation list: one row per annotation of a document or of the whole project.

The model keeps only annotation ids, in the order SQLite sorted them (Anki's browser does
the same), and fetches the rows on screen a page at a time, so a list of a million
annotations costs one id query and a few megabytes. A descending sort reads the ascending
list backwards. ``apply`` folds a core ``Change`` in one annotation at a time: a binary
search with sort keys fetched for the probed rows only, so a key press stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from core.annotation_list import AnnotationList, ListQuery, SortColumn
from core.codebook import Codebook
from core.labels import attribute_label, attribute_value
from core.model import Annotation
from core.project import Project
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.status_words import status_text

ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (QT_TRANSLATE_NOOP("AnnotationTable", "Text"),
           QT_TRANSLATE_NOOP("AnnotationTable", "Tag"),
           QT_TRANSLATE_NOOP("AnnotationTable", "Attributes"),
           QT_TRANSLATE_NOOP("AnnotationTable", "Author"),
           QT_TRANSLATE_NOOP("AnnotationTable", "Status"),
           QT_TRANSLATE_NOOP("AnnotationTable", "Document"))
TEXT, TAG, ATTRIBUTES, AUTHOR, STATUS, DOCUMENT = range(len(COLUMNS))
SORT_COLUMNS = (SortColumn.TEXT, SortColumn.TAG, SortColumn.ATTRIBUTES, SortColumn.AUTHOR,
                SortColumn.STATUS, SortColumn.DOCUMENT)
#: Rows fetched together when the view asks for one that is not cached.
PAGE = 64
#: Ids a whole-project list asks for at first; more come as the view scrolls
#: (``fetchMore``), all at once only for a descending sort, a sort by column, or to find
#: an annotation beyond them. The label's count is a separate ``count(*)``.
FIRST_IDS = 2_000
#: Rows kept in memory; beyond this the cache starts afresh (the view asks again).
CACHE_ROWS = 8 * 1024
_SHOWN_CHARS = 160
#: Changes x rows beyond which ``apply`` queries afresh (50 changes to a 1M-row list).
REQUERY_ABOVE = 50_000_000

Index = QModelIndex | QPersistentModelIndex
#: Kept for callers that speak of the list's filter.
Filter = ListQuery


@dataclass(frozen=True, slots=True)
class Row:
    """What one line of the table shows; built from an ``Annotation`` when it scrolls in."""

    id: str
    document_id: str
    tag_id: str
    text: str
    attributes: str
    author: str
    status: str


def describe_attributes(attributes: dict[str, str]) -> str:
    """``Sprecher: Kühn, Form: direkt``: names and the default choices in the language in
    use, what the analyst typed as it is."""
    return ", ".join(f"{attribute_label(k)}: {attribute_value(v, k)}"
                     for k, v in sorted(attributes.items()) if v)


def _row(a: Annotation) -> Row:
    text = " ".join(a.exact[:_SHOWN_CHARS].split())
    if len(a.exact) > _SHOWN_CHARS:
        text += "…"
    return Row(a.id, a.document_id, a.tag_id, text, describe_attributes(a.attributes),
               a.author, str(a.status))


class AnnotationTableModel(QAbstractTableModel):
    """Annotations matching a ``ListQuery``, sortable by any column."""

    def __init__(self, project: Project | None = None) -> None:
        super().__init__()
        self._project = project
        self._list = AnnotationList(project) if project is not None else None
        self._codebook = project.codebook() if project is not None else Codebook([])
        self._titles: dict[str, str] | None = None
        self._query = ListQuery()
        self._ids: list[str] = []  # ascending in self._query.sort order
        self._rows: dict[str, Row] = {}
        self._keys: dict[str, tuple[Any, ...]] = {}
        self._descending = False
        self._complete = True  # all of the query's ids are in self._ids
        self._count: int | None = None

    # --- loading ----------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self._list = AnnotationList(project) if project is not None else None
        self._codebook = project.codebook() if project is not None else Codebook([])
        self.reload()

    def set_filter(self, flt: ListQuery, *, load: bool = True) -> None:
        """Show what ``flt`` admits, keeping the current sort; ``load=False`` shows nothing yet."""
        self._query = replace(flt, sort=self._query.sort)
        self.reload(load=load)

    @property
    def filter(self) -> ListQuery:
        return self._query

    def reload(self, *, load: bool = True) -> None:
        """Query the ids again; rows are fetched when the view asks for them."""
        self.beginResetModel()
        self._clear_caches()
        self._ids, self._complete = [], True
        if load:
            self._ids, self._complete = self._first_ids()
        self.endResetModel()

    def _first_ids(self) -> tuple[list[str], bool]:
        """The first ``FIRST_IDS`` ids of a whole-project list (all of a document's, and
        all for a descending sort) and whether that is all."""
        if self._list is None:
            return [], True
        if self._descending or self._query.document_id is not None:
            # One document's list is hundreds of rows, a few milliseconds: all of it.
            return self._list.ids(self._query), True
        ids = self._list.page(self._query, 0, FIRST_IDS)
        return ids, len(ids) < FIRST_IDS

    def _clear_caches(self) -> None:
        self._rows.clear()
        self._keys.clear()
        self._titles = None
        self._count = None

    def total(self) -> int:
        """How many rows the list has in all, loaded or not (counted once per query)."""
        if self._complete:
            return len(self._ids)
        if self._count is None:
            assert self._list is not None
            self._count = self._list.count(self._query)
        return self._count

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The view scrolled near the end of what is loaded: load as many again."""
        if parent.isValid() or self._complete or self._list is None:
            return
        more = self._list.page(self._query, len(self._ids), max(FIRST_IDS, len(self._ids)))
        self._complete = len(more) < max(FIRST_IDS, len(self._ids))
        if more:
            self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(more) - 1)
            self._ids += more
            self.endInsertRows()

    def _load_all(self) -> None:
        """Load every id (to find one beyond those loaded), keeping selections."""
        if not self._complete and self._list is not None:
            self._replace_ids(self._list.ids(self._query), complete=True)

    def _replace_ids(self, fresh: list[str], *, complete: bool) -> None:
        """Show ``fresh`` instead of ``self._ids``; persistent indexes (the selection)
        follow their annotations. Rows are added or dropped at the end first, so the
        reordering itself is a layout change of an unchanged row count."""
        old = len(self._ids)
        if len(fresh) > old:
            self.beginInsertRows(QModelIndex(), old, len(fresh) - 1)
            self._ids = self._ids + fresh[old:]
            self.endInsertRows()
        self._complete = complete
        self._relayout(lambda: fresh)
        if len(fresh) < len(self._ids):
            self.beginRemoveRows(QModelIndex(), len(fresh), len(self._ids) - 1)
            del self._ids[len(fresh):]
            self.endRemoveRows()

    # --- incremental updates ---------------------------------------------------------

    def apply(self, changed: Mapping[str, Annotation | None]) -> None:
        """Bring rows up to date: id -> the annotation now, or None if it is gone.

        A row that stays where the sort puts it is repainted in place, so the view keeps
        its current row and selection (removing and re-inserting it would move the current
        row to a neighbour, announcing a choice nobody made). Each change costs a scan of
        the id list; for many changes to a long list one fresh query is cheaper.
        """
        if len(changed) * len(self._ids) > REQUERY_ABOVE:
            self.reload()
            return
        if not self._complete and self._list is not None:
            # Only a first part is loaded: query that part afresh (it sees the changes)
            # rather than place rows that may belong beyond it.
            for annotation_id in changed:
                self._rows.pop(annotation_id, None)
            self._count = None
            fresh = self._list.page(self._query, 0, len(self._ids))
            self._replace_ids(fresh, complete=len(fresh) < len(self._ids))
            return
        for annotation_id in changed:
            self._rows.pop(annotation_id, None)
            self._keys.pop(annotation_id, None)
        in_place: set[str] = set()
        for annotation_id, a in changed.items():
            admitted = a is not None and self._query.admits(a)
            if admitted and self._repaint_if_in_order(annotation_id, changed):
                in_place.add(annotation_id)
            else:
                self._remove(annotation_id)
        for annotation_id, a in changed.items():
            if annotation_id not in in_place and a is not None and self._query.admits(a):
                self._insert(annotation_id)

    def _repaint_if_in_order(self, annotation_id: str,
                             changed: Mapping[str, Annotation | None]) -> bool:
        """Repaint a listed row whose new sort key still fits between its neighbours
        (neighbours changed in the same batch may be out of place: then move it)."""
        try:
            at = self._ids.index(annotation_id)
        except ValueError:
            return False
        neighbours = self._ids[max(0, at - 1):at] + self._ids[at + 1:at + 2]
        if any(n in changed for n in neighbours):
            return False
        assert self._list is not None
        found = self._list.sort_keys(self._query, [annotation_id])
        if annotation_id not in found:
            return False
        key = found[annotation_id]
        if (at > 0 and self._key(self._ids[at - 1]) > key) or (
                at + 1 < len(self._ids) and key > self._key(self._ids[at + 1])):
            return False
        self._keys[annotation_id] = key
        row = self._view_row(at, len(self._ids))
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def _view_row(self, position: int, count: int) -> int:
        return count - 1 - position if self._descending else position

    def _remove(self, annotation_id: str) -> None:
        try:
            at = self._ids.index(annotation_id)
        except ValueError:
            return
        view_row = self._view_row(at, len(self._ids))
        self.beginRemoveRows(QModelIndex(), view_row, view_row)
        del self._ids[at]
        self.endRemoveRows()

    def _key(self, annotation_id: str) -> tuple[Any, ...]:
        key = self._keys.get(annotation_id)
        if key is None:
            assert self._list is not None
            key = self._list.sort_keys(self._query, [annotation_id])[annotation_id]
            self._keys[annotation_id] = key
        return key

    def _insert(self, annotation_id: str) -> None:
        if self._list is None:
            return
        found = self._list.sort_keys(self._query, [annotation_id])
        if annotation_id not in found:
            return  # its document is gone: the SQL filter would not list it either
        key = self._keys[annotation_id] = found[annotation_id]
        low, high = 0, len(self._ids)
        while low < high:  # bisect_left, fetching keys only for the probed rows
            middle = (low + high) // 2
            if self._key(self._ids[middle]) < key:
                low = middle + 1
            else:
                high = middle
        view_row = self._view_row(low, len(self._ids) + 1)
        self.beginInsertRows(QModelIndex(), view_row, view_row)
        self._ids.insert(low, annotation_id)
        self.endInsertRows()

    def refresh_codebook(self, codebook: Codebook) -> None:
        """Tag names changed: re-sort if sorted by tag, else just repaint the column."""
        self._codebook = codebook
        if self._list is not None:
            self._list.codebook_changed()
        self._keys.clear()
        if self._query.sort is SortColumn.TAG:
            self.sort(TAG, Qt.SortOrder.DescendingOrder if self._descending
                      else Qt.SortOrder.AscendingOrder)
        elif self._ids:
            self.dataChanged.emit(self.index(0, TAG), self.index(len(self._ids) - 1, TAG))

    # --- lookups ------------------------------------------------------------------------

    def annotation_id(self, row: int) -> str:
        return self._ids[self._view_row(row, len(self._ids))]

    def row_of(self, annotation_id: str) -> int:
        """The view row of ``annotation_id``, loading all ids if it is not among those
        loaded; -1 if the list does not show it."""
        row = self._loaded_row(annotation_id)
        if row < 0 and not self._complete:
            self._load_all()
            row = self._loaded_row(annotation_id)
        return row

    def _loaded_row(self, annotation_id: str) -> int:
        try:
            at = self._ids.index(annotation_id)
        except ValueError:
            return -1
        return self._view_row(at, len(self._ids))

    def _row_at(self, view_row: int) -> Row | None:
        position = self._view_row(view_row, len(self._ids))
        row = self._rows.get(self._ids[position])
        if row is None:
            row = self._fetch_page(position)
        return row

    def _fetch_page(self, position: int) -> Row | None:
        """Fetch the page of rows around ``position`` (the view asks for neighbours next)."""
        if self._list is None:
            return None
        if len(self._rows) > CACHE_ROWS:
            self._rows.clear()
        first = max(0, position - PAGE // 2)
        wanted = [i for i in self._ids[first:first + PAGE] if i not in self._rows]
        for annotation_id, a in self._list.rows(wanted).items():
            self._rows[annotation_id] = _row(a)
        return self._rows.get(self._ids[position])

    def _title(self, document_id: str) -> str:
        if self._titles is None:
            self._titles = (self._project.document_titles()
                            if self._project is not None else {})
        return self._titles.get(document_id, "")

    # --- sorting ------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; selected rows keep their selection (persistent indexes follow)."""
        sort = SORT_COLUMNS[column] if 0 <= column < len(SORT_COLUMNS) else SortColumn.POSITION
        self._load_all()  # the selection may be anywhere in the new order
        self._query = replace(self._query, sort=sort)
        self._keys.clear()
        if self._list is not None:
            query, listing = self._query, self._list
            self._relayout(lambda: listing.ids(query),
                           descending=order == Qt.SortOrder.DescendingOrder)

    def _relayout(self, new_ids: Callable[[], list[str]],
                  descending: bool | None = None) -> None:
        """Replace the ids by as many others in a new order; persistent indexes follow."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        followed = [(index, self.annotation_id(index.row())) for index in persistent
                    if 0 <= index.row() < len(self._ids)]
        self._ids = new_ids()
        if descending is not None:
            self._descending = descending
        if followed:
            rows = {annotation_id: self._loaded_row(annotation_id)
                    for _, annotation_id in followed}
            self.changePersistentIndexList(
                [index for index, _ in followed],
                [self.index(rows[a], index.column()) if rows[a] >= 0 else QModelIndex()
                 for index, a in followed])
        self.layoutChanged.emit()

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return translate("AnnotationTable", COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ANNOTATION_ID_ROLE:
            return self.annotation_id(index.row())
        column = index.column()
        display = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        decorate = role == Qt.ItemDataRole.DecorationRole and column == TAG
        if not (display or decorate):
            return None
        row = self._row_at(index.row())
        if row is None:
            return None
        if decorate:
            return QColor(self._codebook.get(row.tag_id).color) \
                if row.tag_id in self._codebook else None
        if column == TEXT:
            return row.text
        if column == TAG:
            return self._codebook.path(row.tag_id) if row.tag_id in self._codebook else "?"
        if column == ATTRIBUTES:
            return row.attributes
        if column == AUTHOR:
            return row.author
        if column == STATUS:
            return status_text(row.status)
        if column == DOCUMENT:
            return self._title(row.document_id)
        return None
