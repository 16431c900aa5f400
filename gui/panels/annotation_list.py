"""The annotation list of the document or the project, with filters, sortable."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.codebook import Codebook
from core.model import Annotation, Status
from gui.i18n import QT_TRANSLATE_NOOP, counted, translate
from gui.models.annotation_table import (
    ATTRIBUTES,
    AUTHOR,
    DOCUMENT,
    STATUS,
    TAG,
    TEXT,
    AnnotationTableModel,
    Filter,
)
from gui.status_words import status_text

ANY = QT_TRANSLATE_NOOP("AnnotationList", "(any)")


class AnnotationListPanel(QWidget):
    """Signals:
        annotationChosen(str): the user selected a row (the annotation's id).
        filterChanged(): a filter changed; the window calls ``apply_filter`` with the document.
    """

    annotationChosen = Signal(str)
    filterChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationTableModel()
        self.scope = QComboBox(self)
        self.scope.setAccessibleName(translate("AnnotationList", "List scope"))
        self.scope.addItems([translate("AnnotationList", "This document"),
                             translate("AnnotationList", "Whole project")])
        self.tag = QComboBox(self)
        self.tag.setAccessibleName(translate("AnnotationList", "Filter by tag"))
        self.author = QComboBox(self)
        self.author.setAccessibleName(translate("AnnotationList", "Filter by author"))
        self.status = QComboBox(self)
        self.status.setAccessibleName(translate("AnnotationList", "Filter by status"))
        self.status.addItem(translate("AnnotationList", ANY), None)
        for status in Status:
            self.status.addItem(status_text(status.value), status.value)
        for box in (self.scope, self.tag, self.author, self.status):
            box.activated.connect(lambda _i: self.filterChanged.emit())
        self.count = QLabel(self)
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count.setMinimumWidth(60)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("AnnotationList", "Annotations"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 6)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ATTRIBUTES, QHeaderView.ResizeMode.Stretch)
        # The status column fits its longest word in the window's language ("vorgeschlagen").
        status_width = max(self.table.fontMetrics().horizontalAdvance(status_text(s.value))
                           for s in Status) + 16
        for column, width in ((TAG, 140), (AUTHOR, 100), (STATUS, max(75, status_width)),
                              (DOCUMENT, 150)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for label, box in ((QT_TRANSLATE_NOOP("AnnotationList", "Show"), self.scope),
                           (QT_TRANSLATE_NOOP("AnnotationList", "Tag"), self.tag),
                           (QT_TRANSLATE_NOOP("AnnotationList", "Author"), self.author),
                           (QT_TRANSLATE_NOOP("AnnotationList", "Status"), self.status)):
            caption = QLabel(translate("AnnotationList", label), self)
            caption.setBuddy(box)
            filters.addWidget(caption)
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self._quiet = False

    def set_choices(self, codebook: Codebook, authors: list[str]) -> None:
        """Refill the tag and author filters, keeping what was chosen where possible."""
        for box, items in (
            (self.tag, [(codebook.path(t.id), t.id) for t in codebook.tags]),
            (self.author, [(a or "(none)", a) for a in authors]),
        ):
            chosen = box.currentData()
            box.clear()
            box.addItem(translate("AnnotationList", ANY), None)
            for text, data in sorted(items, key=lambda item: item[0].casefold()):
                box.addItem(text, data)
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)

    def whole_project(self) -> bool:
        return self.scope.currentIndex() == 1

    def current_filter(self, document_id: str | None, codebook: Codebook) -> Filter:
        tag_id = self.tag.currentData()
        tag_ids = None
        if tag_id and tag_id in codebook:
            tag_ids = frozenset([tag_id, *(t.id for t in codebook.descendants(tag_id))])
        return Filter(
            document_id=None if self.whole_project() else (document_id or ""),
            tag_ids=tag_ids, author=self.author.currentData(), status=self.status.currentData(),
        )

    def show_document_column(self) -> None:
        self.table.setColumnHidden(DOCUMENT, not self.whole_project())

    def apply_changes(self, changed: Mapping[str, Annotation | None],
                      keep: str | None) -> None:
        """Fold changed annotations into the list and keep ``keep`` selected.

        Rows removed or moved here are the program's doing, not the user's: the view's
        current row may wander meanwhile, and that must not announce a choice (it used to
        move the inspector onto the next row, often a colleague's annotation).
        """
        self._quiet = True
        try:
            self.model.apply(changed)
        finally:
            self._quiet = False
        self.select(keep)

    def select(self, annotation_id: str | None) -> None:
        """Select the row of ``annotation_id`` without announcing it again."""
        self._quiet = True
        try:
            row = self.model.row_of(annotation_id) if annotation_id else -1
            if row < 0:
                self.table.clearSelection()
                return
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        finally:
            self._quiet = False

    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        self.annotationChosen.emit(self.model.annotation_id(current.row()))

    def _update_count(self) -> None:
        """Count after the rows have painted: counting a million rows takes longer than
        showing the first of them."""
        QTimer.singleShot(0, self._show_count)

    def _show_count(self) -> None:
        n = self.model.total()
        self.count.setText(counted(n, translate("AnnotationList", "{n} annotation"),
                                   translate("AnnotationList", "{n} annotations")))
