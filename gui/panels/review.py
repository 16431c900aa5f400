"""Review a colleague's tags: layers, the two analysts compared, and their disagreements.

The panel shows; it decides nothing. Disagreements come from
``core.review.disagreements``; the buttons ask the window to run a core ``Decide``
command (one undo step each). Keyboard: arrows or J/K step through the list (Alt+J /
Alt+K from anywhere), and Alt+1 / Alt+2 / Alt+3 / Alt+R / Alt+4 / Alt+C accept A, accept B,
accept both, reject, edit (the article's selection becomes the adjudicated span) and
comment. The decisions are actions the window lists in its Review menu; no button carries
a mnemonic, because a mnemonic on the same key makes Qt drop both as ambiguous (Alt+R and
Alt+C did nothing while the buttons read "&Reject" and "&Comment"; Alt+E is the Edit menu's).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.model import DecisionAction, DisagreementKind
from core.review.differences import describe_difference
from core.review.disagreements import Disagreement
from gui.i18n import QT_TRANSLATE_NOOP, counted, translate
from gui.layers import LayerState
from gui.panels.codebook import swatch

KIND_TEXT = {
    DisagreementKind.ONLY_A: QT_TRANSLATE_NOOP("Review", "only {a}"),
    DisagreementKind.ONLY_B: QT_TRANSLATE_NOOP("Review", "only {b}"),
    DisagreementKind.TAG_DIFFERS: QT_TRANSLATE_NOOP("Review", "different tags"),
    DisagreementKind.BOUNDS_DIFFER: QT_TRANSLATE_NOOP("Review", "different bounds"),
    DisagreementKind.ATTRIBUTES_DIFFER: QT_TRANSLATE_NOOP("Review", "different attributes"),
}
DECISION_TEXT = {
    DecisionAction.ACCEPT_A: QT_TRANSLATE_NOOP("Review", "accepted {a}"),
    DecisionAction.ACCEPT_B: QT_TRANSLATE_NOOP("Review", "accepted {b}"),
    DecisionAction.ACCEPT_BOTH: QT_TRANSLATE_NOOP("Review", "accepted both"),
    DecisionAction.REJECT: QT_TRANSLATE_NOOP("Review", "rejected"),
    DecisionAction.EDIT: QT_TRANSLATE_NOOP("Review", "edited"),
    DecisionAction.COMMENT: QT_TRANSLATE_NOOP("Review", "commented"),
}
#: (action, button text, shortcut) in the order the buttons appear.
BUTTONS = (
    (DecisionAction.ACCEPT_A, QT_TRANSLATE_NOOP("Review", "Accept A"), "Alt+1"),
    (DecisionAction.ACCEPT_B, QT_TRANSLATE_NOOP("Review", "Accept B"), "Alt+2"),
    (DecisionAction.ACCEPT_BOTH, QT_TRANSLATE_NOOP("Review", "Accept both"), "Alt+3"),
    (DecisionAction.REJECT, QT_TRANSLATE_NOOP("Review", "Reject"), "Alt+R"),
    (DecisionAction.EDIT, QT_TRANSLATE_NOOP("Review", "Edit to selection"), "Alt+4"),
    (DecisionAction.COMMENT, QT_TRANSLATE_NOOP("Review", "Comment…"), "Alt+C"),
)
COLUMNS = (QT_TRANSLATE_NOOP("Review", "Kind"), QT_TRANSLATE_NOOP("Review", "Difference (A → B)"),
           QT_TRANSLATE_NOOP("Review", "Passage"), QT_TRANSLATE_NOOP("Review", "Decision"))
KIND, DIFFERENCE, PASSAGE, DECISION = range(len(COLUMNS))
_BY_ANALYST_TIP = QT_TRANSLATE_NOOP(
    "Review", "Colour highlights by who made them instead of by tag")


class ReviewPanel(QWidget):
    """Signals:
        layersChanged(object): the ``LayerState`` the user chose.
        compareRequested(str, str): list the disagreements between these two analysts.
        disagreementChosen(object): the ``Disagreement`` selected in the list.
        decisionRequested(object, str): (``Disagreement``, ``DecisionAction`` value).
        reportRequested(str, str): write the agreement report of these two analysts.
        sideBySideChanged(bool): the "Side by side" choice changed.
    """

    layersChanged = Signal(object)
    compareRequested = Signal(str, str)
    disagreementChosen = Signal(object)
    decisionRequested = Signal(object, str)
    reportRequested = Signal(str, str)
    sideBySideChanged = Signal(bool)
    leaveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[Disagreement] = []
        self._layer_boxes: dict[str, QCheckBox] = {}
        self._text = ""

        self.layers_row = QHBoxLayout()
        self.layers_row.setContentsMargins(0, 0, 0, 0)
        self.layers_row.addWidget(QLabel(translate("Review", "Layers:"), self))
        self.layer_boxes_row = QHBoxLayout()
        self.layers_row.addLayout(self.layer_boxes_row)
        self.layers_row.addStretch(1)
        self.by_analyst = QCheckBox(translate("Review", "Colour by &analyst"), self)
        self.by_analyst.setToolTip(translate("Review", _BY_ANALYST_TIP))
        self.by_analyst.toggled.connect(lambda _on: self._emit_layers())
        self.layers_row.addWidget(self.by_analyst)

        self.analyst_a = QComboBox(self)
        self.analyst_a.setAccessibleName(translate("Review", "Analyst A"))
        self.analyst_b = QComboBox(self)
        self.analyst_b.setAccessibleName(translate("Review", "Analyst B"))
        self.compare = QPushButton(translate("Review", "Co&mpare"), self)
        self.compare.setToolTip(translate(
            "Review", "Show only these two layers, coloured by analyst, and list "
                                "where they disagree in this document"))
        self.compare.clicked.connect(self._on_compare)
        self.side_by_side = QCheckBox(translate("Review", "&Side by side"), self)
        self.side_by_side.setToolTip(translate(
            "Review", "Compare shows A's layer in the article and B's beside "
                                     "it, both in tag colours"))
        self.side_by_side.toggled.connect(self.sideBySideChanged.emit)
        self.report = QPushButton(translate("Review", "Agreement re&port…"), self)
        self.report.setFlat(True)
        self.report.setToolTip(translate(
            "Review", "Kappa, alpha and F1 per tag, the confusion matrix and the "
                               "disagreements of these two analysts, as HTML, PDF or CSV"))
        self.report.clicked.connect(self._on_report)
        self.layers_row.addWidget(self.report)
        self.leave = QPushButton(translate("Review", "Leave comparison"), self)
        self.leave.setToolTip(translate(
            "Review", "Show every analyst's layer again, coloured by tag (Alt+L)"))
        self.leave.clicked.connect(self.leaveRequested.emit)
        self.leave.setEnabled(False)
        self.summary = QLabel(self)
        # A count that must not set the window's minimum width: it gives way (its full
        # text is the tooltip). It takes the row's free space itself, right-aligned: after
        # a stretch, Qt placed an Ignored label past the row's end, where nobody saw it.
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary.setMinimumWidth(40)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        compare_row = QHBoxLayout()
        compare_row.setContentsMargins(0, 0, 0, 0)
        for label, box in (("A", self.analyst_a), ("B", self.analyst_b)):
            caption = QLabel(label, self)
            caption.setBuddy(box)
            compare_row.addWidget(caption)
            compare_row.addWidget(box)
        compare_row.addWidget(self.compare)
        compare_row.addWidget(self.leave)
        compare_row.addWidget(self.side_by_side)
        compare_row.addWidget(self.summary, 1)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName(translate("Review", "Disagreements"))
        self.table.setHorizontalHeaderLabels([translate("Review", c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PASSAGE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((KIND, 130), (DIFFERENCE, 320), (DECISION, 120)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[DecisionAction, QPushButton] = {}
        #: The decisions as window actions (the Review menu), enabled as their buttons are.
        self.decision_actions: dict[DecisionAction, QAction] = {}
        for action, source, keys in BUTTONS:
            text = translate("Review", source)
            command = QAction(text, self)
            command.setShortcut(QKeySequence(keys))
            command.triggered.connect(lambda _c=False, a=action: self.request_decision(a))
            button = QPushButton(text, self)
            button.setToolTip(f"{text} ({keys})")
            button.clicked.connect(command.trigger)
            buttons.addWidget(button)
            self.buttons[action] = button
            self.decision_actions[action] = command
        buttons.addStretch(1)
        self.step_actions: list[QAction] = []
        for text, keys, step in ((translate("Review", "Next disagreement"), "Alt+J", 1),
                                 (translate("Review", "Previous disagreement"), "Alt+K", -1)):
            command = QAction(text, self)
            command.setShortcut(QKeySequence(keys))
            command.triggered.connect(lambda _c=False, s=step: self.step(s))
            self.step_actions.append(command)
            shortcut = QShortcut(QKeySequence(keys[-1]), self.table)  # plain J/K in the list
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda s=step: self.step(s))
        self.leave_action = QAction(translate("Review", "Leave comparison"), self)
        self.leave_action.setShortcut(QKeySequence("Alt+L"))
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(lambda _c=False: self.leaveRequested.emit())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.layers_row)
        layout.addLayout(compare_row)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update_buttons()

    # --- layers -------------------------------------------------------------------------

    def set_analysts(self, analysts: list[str], colours: dict[str, str],
                     state: LayerState) -> None:
        """One check box per analyst's layer (coloured like their highlights by analyst)."""
        for box in self._layer_boxes.values():
            self.layer_boxes_row.removeWidget(box)
            box.hide()  # until deleteLater runs it would still paint at its old place
            box.deleteLater()
        self._layer_boxes = {}
        for name in analysts:
            box = QCheckBox(name or translate("Review", "(no name)"), self)
            box.setIcon(swatch(colours.get(name, "#888888")))
            box.setChecked(state.shows(name))
            box.setToolTip(translate("Review", "Show {name}'s annotations").format(
                name=name or translate("Review", "unnamed")))
            box.toggled.connect(lambda _on: self._emit_layers())
            self.layer_boxes_row.addWidget(box)
            box.show()  # now, not with the next event loop pass
            self._layer_boxes[name] = box
        self.by_analyst.blockSignals(True)
        self.by_analyst.setChecked(state.by_analyst)
        self.by_analyst.blockSignals(False)
        for combo, fallback in ((self.analyst_a, 0), (self.analyst_b, 1)):
            chosen = combo.currentText()
            combo.clear()
            combo.addItems(analysts)
            index = combo.findText(chosen) if chosen else -1
            combo.setCurrentIndex(index if index >= 0 else min(fallback, len(analysts) - 1))
        self.compare.setEnabled(len(analysts) >= 2)
        self.report.setEnabled(len(analysts) >= 2)

    def set_side_by_side_mode(self, on: bool) -> None:
        """Side by side colours both articles by tag: colouring by analyst waits."""
        self.by_analyst.setEnabled(not on)
        self.by_analyst.setToolTip(translate("Review", "Side by side colours both articles by tag")
                                   if on else translate("Review", _BY_ANALYST_TIP))

    def layer_state(self) -> LayerState:
        hidden = frozenset(n for n, box in self._layer_boxes.items() if not box.isChecked())
        return LayerState(hidden=hidden, by_analyst=self.by_analyst.isChecked())

    def _emit_layers(self) -> None:
        self.layersChanged.emit(self.layer_state())

    def _on_compare(self) -> None:
        a, b = self.analyst_a.currentText(), self.analyst_b.currentText()
        if a == b:
            self.summary.setText(translate("Review", "Choose two different analysts."))
            return
        for name, box in self._layer_boxes.items():
            box.blockSignals(True)
            box.setChecked(name in (a, b))
            box.blockSignals(False)
        self.by_analyst.blockSignals(True)
        self.by_analyst.setChecked(True)
        self.by_analyst.blockSignals(False)
        self._emit_layers()
        self.compareRequested.emit(a, b)

    def _on_report(self) -> None:
        a, b = self.analyst_a.currentText(), self.analyst_b.currentText()
        if a == b:
            self.summary.setText(translate("Review", "Choose two different analysts."))
            return
        self.reportRequested.emit(a, b)

    # --- disagreements ---------------------------------------------------------------------

    def show_disagreements(self, items: list[Disagreement], text: str) -> None:
        """List ``items`` (of the document whose text is ``text``), keeping the selection."""
        current = self.current()
        self._items = list(items)
        self._text = text
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            self._fill_row(row, item)
        open_count = sum(1 for d in items if d.decision is None)
        self.summary.setText(counted(len(items), translate(
            "Review", "{n} disagreement, {open} undecided"), translate(
            "Review", "{n} disagreements, {open} undecided"), open=open_count)
            if self.leave.isEnabled() else "")  # no count when nothing is compared
        still = next((row for row, item in enumerate(items)
                      if current is not None and item.id == current.id), None)
        if still is not None:
            self.table.selectRow(still)
        else:  # never leave a different passage selected under the same row number
            self.table.setCurrentIndex(QModelIndex())
            self.table.clearSelection()
        self._update_buttons()

    def _fill_row(self, row: int, item: Disagreement) -> None:
        names = {"a": item.analyst_a, "b": item.analyst_b}
        passage = " ".join(self._text[item.start:item.end].split())
        decided = item.decided
        cells = (
            translate("Review", KIND_TEXT[item.kind]).format(**names),
            describe_difference(item, self._text),
            passage if len(passage) <= 160 else passage[:159] + "…",
            translate("Review", DECISION_TEXT[decided]).format(**names)
            if decided is not None else "",
        )
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(item.summary if column != DECISION or item.decision is None
                            else translate("Review", "{decision} by {name}").format(
                                decision=text, name=item.decision.decided_by))
            if decided is not None:
                cell.setForeground(QColor(self.palette().color(
                    self.palette().ColorRole.PlaceholderText)))
            self.table.setItem(row, column, cell)

    def current(self) -> Disagreement | None:
        row = self.table.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def step(self, delta: int) -> None:
        """Select the next (or previous) disagreement, undecided ones first."""
        if not self._items:
            return
        count = len(self._items)
        row = self.table.currentRow()
        if row < 0:  # nothing chosen yet: start just before the first (or after the last)
            row = -1 if delta > 0 else count
        for offset in range(1, count + 1):
            candidate = (row + delta * offset) % count
            if self._items[candidate].decision is None:
                self.table.selectRow(candidate)
                return
        self.table.selectRow((row + delta) % count)  # all decided: plain stepping

    def request_decision(self, action: DecisionAction) -> None:
        item = self.current()
        if item is not None:
            self.decisionRequested.emit(item, action.value)

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        item = self.current()
        if item is not None and current.isValid():
            self.disagreementChosen.emit(item)

    def set_comparing(self, pair: tuple[str, str] | None) -> None:
        """Say what is compared, and offer the way out only while comparing."""
        self.leave.setEnabled(pair is not None)
        self.leave_action.setEnabled(pair is not None)
        for command in self.step_actions:
            command.setEnabled(pair is not None)
        if pair is None:
            self.summary.setText("")

    def _update_buttons(self) -> None:
        item = self.current()
        for action, button in self.buttons.items():
            enabled = item is not None
            if item is not None and action is DecisionAction.ACCEPT_A:
                enabled = bool(item.annotations_a)
            if item is not None and action is DecisionAction.ACCEPT_B:
                enabled = bool(item.annotations_b)
            if item is not None and action is DecisionAction.ACCEPT_BOTH:
                enabled = bool(item.annotations_a and item.annotations_b)
            button.setEnabled(enabled)
            self.decision_actions[action].setEnabled(enabled)
