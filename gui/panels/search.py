"""Find in the open document (Ctrl+F) and search across the project (Ctrl+Shift+F)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.model import SearchHit
from gui.i18n import QT_TRANSLATE_NOOP, counted, translate
from gui.text_matches import FindMode

#: FindMode's values as lupdate should see them (the combo shows them translated).
_MODE_WORDS = (QT_TRANSLATE_NOOP("FindMode", "Plain text"),
               QT_TRANSLATE_NOOP("FindMode", "Whole word"),
               QT_TRANSLATE_NOOP("FindMode", "Regular expression"))

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class FindBar(QWidget):
    """A bar above the article.

    Signals:
        searchChanged(): pattern, mode or case changed; the window recomputes matches.
        stepRequested(int): next (+1) or previous (-1) match.
        tagAllRequested(): put the current tag on every match.
        closed(): the bar was dismissed (Esc or ×).
    """

    searchChanged = Signal()
    stepRequested = Signal(int)
    tagAllRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("Search", "Find in document"))
        self.pattern = QLineEdit(self)
        self.pattern.setPlaceholderText(translate("Search", "Find in document"))
        self.pattern.setAccessibleName(translate("Search", "Find text"))
        self.pattern.setClearButtonEnabled(True)
        self.pattern.textChanged.connect(self.searchChanged)
        self.pattern.returnPressed.connect(lambda: self.stepRequested.emit(1))
        self.mode = QComboBox(self)
        self.mode.setAccessibleName(translate("Search", "Find mode"))
        for mode in FindMode:
            self.mode.addItem(translate("FindMode", mode.value), mode)
        self.mode.currentIndexChanged.connect(self.searchChanged)
        self.case = QCheckBox(translate("Search", "Match case"), self)
        self.case.toggled.connect(self.searchChanged)
        self.count = QLabel(self)
        self.count.setAccessibleName(translate("Search", "Matches"))
        self.count.setMinimumWidth(90)
        previous = QToolButton(self)
        previous.setText("↑")
        previous.setToolTip(translate("Search", "Previous match (Shift+F3)"))
        previous.setAccessibleName(translate("Search", "Previous match"))
        previous.clicked.connect(lambda: self.stepRequested.emit(-1))
        following = QToolButton(self)
        following.setText("↓")
        following.setToolTip(translate("Search", "Next match (F3)"))
        following.setAccessibleName(translate("Search", "Next match"))
        following.clicked.connect(lambda: self.stepRequested.emit(1))
        self.tag_all = QPushButton(translate("Search", "Tag all matches"), self)
        self.tag_all.setAccessibleName(translate("Search", "Tag all matches"))
        self.tag_all.clicked.connect(self.tagAllRequested)
        close = QToolButton(self)
        close.setText("×")
        close.setToolTip(translate("Search", "Close (Esc)"))
        close.setAccessibleName(translate("Search", "Close find bar"))
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.pattern, 1)
        layout.addWidget(self.mode)
        layout.addWidget(self.case)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.count)
        layout.addWidget(self.tag_all)
        layout.addWidget(close)

    def set_tag(self, path: str | None) -> None:
        """Name the tag "Tag all" will apply, before anyone presses it."""
        self.tag_all.setEnabled(path is not None)
        self.tag_all.setText(translate("Search", "Tag all as {path}").format(path=path)
                             if path else translate(
            "Search", "Tag all (choose a tag)"))
        self.tag_all.setToolTip(translate(
            "Search", "Put this tag on every match, as one undo step (Ctrl+Shift+T)")
                                if path else translate(
                                    "Search", "Choose a tag in the codebook first"))

    def find_mode(self) -> FindMode:
        return FindMode(self.mode.currentData())

    def open(self) -> None:
        self.show()
        self.pattern.setFocus()
        self.pattern.selectAll()

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)


class ProjectSearchPanel(QWidget):
    """Full-text search over every document and note.

    Signals:
        searchRequested(str): run a search for this text.
        hitChosen(object): the user picked a ``SearchHit``.
    """

    searchRequested = Signal(str)
    hitChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("Search", "Search project"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(translate("Search", "Search all documents and notes (Enter)"))
        self.query.setAccessibleName(translate("Search", "Search text"))
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(lambda: self.searchRequested.emit(self.query.text()))
        self.summary = QLabel(self)
        self.results = QListWidget(self)
        self.results.setAccessibleName(translate("Search", "Search results"))
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self.on_item_activated)
        self.results.itemClicked.connect(self.on_item_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.results)

    def open(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def show_hits(self, hits: list[SearchHit]) -> None:
        self.results.clear()
        for hit in hits:
            where = "note in " if hit.kind == "note" else ""
            snippet = " ".join(hit.snippet.split())
            item = QListWidgetItem(f"{where}{hit.title}: {snippet}")
            item.setData(HIT_ROLE, hit)
            self.results.addItem(item)
        self.summary.setText(counted(len(hits), translate("Search", "{n} hit"), translate(
            "Search", "{n} hits")) if hits else translate("Search", "no hits"))

    def on_item_activated(self, item: QListWidgetItem) -> None:
        self.hitChosen.emit(item.data(HIT_ROLE))
