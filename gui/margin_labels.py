"""Margin labels, as QualCoder draws them: beside the lines each annotation covers, a bar
in its tag's colour and the tag's name, so an analyst sees which passage carries which
tag without hovering. View › Margin labels turns them on; the choice is remembered.

Only the annotations on screen are laid out, each time the article scrolls or changes:
a few dozen rectangles, whatever the length of the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import QWidget

from core.codebook import Codebook
from gui.article_view import ArticleView
from gui.i18n import translate

WIDTH = 150
#: Bars of nested annotations stand side by side, this far apart.
BAR_STEP = 5
MAX_BARS = 4


@dataclass(frozen=True, slots=True)
class Label:
    """One annotation's mark in the margin, in this widget's coordinates."""

    top: int
    bottom: int
    bar_x: int
    text: str
    colour: QColor


class MarginLabels(QWidget):
    """Paints the tag names of the annotations visible in ``view`` beside their lines."""

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.codebook = Codebook([])
        self.setFixedWidth(WIDTH)
        self.setAccessibleName(translate("MarginLabels", "Margin labels"))
        view.updateRequest.connect(lambda _rect, _dy: self.update())
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.update())

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 200)

    def set_codebook(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self.update()

    def _y(self, position: int) -> tuple[int, int]:
        """Top and bottom of the line holding code point ``position``, here."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.offsets.to_utf16(position))
        rect = self.view.cursorRect(cursor)
        top = self.mapFromGlobal(self.view.viewport().mapToGlobal(rect.topLeft())).y()
        return top, top + rect.height()

    def labels(self) -> list[Label]:
        """The marks to draw now: visible annotations, outermost bars first."""
        view = self.view
        if not view.text or not self.isVisible():
            return []
        first = view.cursorForPosition(QPoint(0, 0)).position()
        last = view.cursorForPosition(QPoint(view.viewport().width(),
                                             view.viewport().height())).position()
        start = view.offsets.to_code_point(first)
        end = view.offsets.to_code_point(last) + 1
        spans = sorted(view.spans.overlapping(start, end),
                       key=lambda s: (s.start, -s.end, s.id))
        found: list[Label] = []
        open_ends: list[int] = []  # the end of the span holding each bar column
        for span in spans:
            column = next((i for i, stop in enumerate(open_ends) if stop <= span.start),
                          len(open_ends))
            if column == len(open_ends):
                open_ends.append(span.end)
            else:
                open_ends[column] = span.end
            top = self._y(max(span.start, start))[0]
            bottom = self._y(min(span.end, end) - 1)[1]
            name = (self.codebook.path(span.tag_id) if span.tag_id in self.codebook
                    else "?")
            colour = QColor(view.highlighter.colour(span.tag_id))
            colour.setAlphaF(1.0)
            found.append(Label(top, bottom, 2 + BAR_STEP * min(column, MAX_BARS), name,
                               colour))
        return found

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        page = self.palette().color(QPalette.ColorRole.Base)
        painter.fillRect(self.rect(), page)
        dark_page = page.lightness() < 128  # names drawn lighter there, darker on white
        metrics = QFontMetrics(self.font())
        text_x = 4 + BAR_STEP * (MAX_BARS + 1)
        taken_until = -1_000_000  # names never overlap: a later one moves down
        for label in self.labels():
            painter.fillRect(QRect(label.bar_x, label.top, 3, max(3, label.bottom - label.top)),
                             label.colour)
            y = max(label.top, taken_until)
            if y > self.height():
                continue
            painter.setPen(label.colour.lighter(170) if dark_page else label.colour.darker(150))
            shown = metrics.elidedText(label.text, Qt.TextElideMode.ElideRight,
                                       self.width() - text_x - 2)
            painter.drawText(QRect(text_x, y, self.width() - text_x, metrics.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             shown)
            taken_until = y + metrics.height()
        painter.end()


def margin_labels_action(labels: MarginLabels, remembered: bool,
                         remember: Callable[[bool], None]) -> QAction:
    """View › Margin labels: checkable, starting as remembered, remembered when changed."""
    action = QAction(translate("MarginLabels", "&Margin labels"), labels)
    action.setCheckable(True)
    action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    action.setStatusTip(
        translate("MarginLabels", "The tag's name beside the lines each annotation covers"))
    action.toggled.connect(labels.setVisible)
    action.toggled.connect(remember)
    action.setChecked(remembered)
    labels.setVisible(remembered)
    return action
