"""The project's documents as a table: title, source, annotation count."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from core.model import DocumentInfo
from gui.i18n import QT_TRANSLATE_NOOP, counted, translate

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_HEADERS = (QT_TRANSLATE_NOOP("DocumentList", "Title"),
            QT_TRANSLATE_NOOP("DocumentList", "Source"), "#")
_TIPS = (QT_TRANSLATE_NOOP("DocumentList", "Title"),
         QT_TRANSLATE_NOOP("DocumentList", "Outlet or file"),
         QT_TRANSLATE_NOOP("DocumentList", "Annotations"))

Index = QModelIndex | QPersistentModelIndex


def source_of(info: DocumentInfo) -> str:
    """Where a document came from, as briefly as the data allows."""
    return info.outlet or info.source_name or info.format


class DocumentListModel(QAbstractTableModel):
    """A snapshot of ``Project.documents()``; ``refresh`` swaps it for a new one."""

    def __init__(self) -> None:
        super().__init__()
        self._docs: list[DocumentInfo] = []

    def refresh(self, docs: list[DocumentInfo]) -> None:
        self.beginResetModel()
        self._docs = list(docs)
        self.endResetModel()

    def documents(self) -> list[DocumentInfo]:
        return list(self._docs)

    def set_count(self, document_id: str, count: int) -> None:
        """Update one document's annotation count without re-querying the project."""
        row = self.row_of(document_id)
        if row >= 0 and self._docs[row].annotation_count != count:
            self._docs[row].annotation_count = count
            index = self.index(row, 2)
            self.dataChanged.emit(index, index)

    def row_of(self, document_id: str) -> int:
        for row, doc in enumerate(self._docs):
            if doc.id == document_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return translate("DocumentList", _TIPS[section]) if section < 3 else None
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(_HEADERS)):
            return translate("DocumentList", _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        doc = self._docs[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (doc.title, source_of(doc), doc.annotation_count)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            details = [doc.title, source_of(doc), doc.published, doc.url,
                       counted(doc.chars, translate("DocumentList", "{n} character"),
                               translate("DocumentList", "{n} characters"))]
            return "\n".join(d for d in details if d)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        return None
