"""The document list with its filter box; choosing a row opens the document."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.model import DocumentInfo
from gui.i18n import translate
from gui.models.document_list import DOCUMENT_ID_ROLE, DocumentListModel


class DocumentsPanel(QWidget):
    """Signals:
        documentChosen(str): the user picked a document (its id).
    """

    documentChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentListModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(translate("Documents", "Filter documents"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(translate("Documents", "Filter documents"))
        self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(translate("Documents", "Documents"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(1, 70)
        # The title is what tells articles apart; the source is a column to widen, and
        # hidden while the pane is narrow (its tooltip still says it).
        self.table.setColumnHidden(1, True)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.table)
        self._quiet = False

    def set_documents(self, docs: list[DocumentInfo], current: str | None) -> None:
        """Show ``docs`` and keep ``current`` selected, without re-announcing it."""
        self._quiet = True
        try:
            self.model.refresh(docs)
            if current:
                self.select(current)
        finally:
            self._quiet = False

    def select(self, document_id: str) -> None:
        row = self.model.row_of(document_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        doc_id = self.proxy.data(current.siblingAtColumn(0), DOCUMENT_ID_ROLE)
        if doc_id:
            self.documentChosen.emit(str(doc_id))
