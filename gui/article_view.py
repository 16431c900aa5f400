"""The article: read-only, laid out lazily, highlighted, in a centred reading column.

Everything outside speaks code points; this widget converts to Qt's UTF-16
positions at its edge with a ``DisplayMap`` (UTF-16 units, and a blank line shown
between paragraphs).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QTextEdit, QWidget

from core.anchoring import trim_span
from gui.display_map import DisplayMap, shown_text
from gui.highlighter import AnnotationHighlighter
from gui.span_index import SpanIndex

READING_COLUMN_CHARS = 75
FLASH_MS = 700
MAX_FIND_MARKS = 5000
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”“»«)\]]*(?=\s|$)")


#: Find matches are marked yellow, a colour no default tag or analyst uses (a marker pen).
FIND_COLOUR = "#F0E442"
FIND_ALPHA = 150

def reading_font() -> QFont:
    font = QFont()
    font.setFamilies(["Source Serif 4", "Georgia", "Charter", "DejaVu Serif", "Noto Serif",
                      "serif"])
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(12.5)
    return font


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """The sentence around ``position``: from after the previous stop to after the next."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line_end = len(text) if line_end == -1 else line_end
    start = line_start
    for m in _SENTENCE_END.finditer(text, line_start, position):
        start = m.end()
    end = line_end
    stop = _SENTENCE_END.search(text, position, line_end)
    if stop:
        end = stop.end()
    while start < end and text[start].isspace():
        start += 1
    return start, end


class ArticleView(QPlainTextEdit):
    """Shows one document with its annotations.

    Signals:
        annotationClicked(str): a click landed on an annotation (its id) or on bare text ("").
        tagKeyPressed(str): a bare key that may be a tag's key ("1".."9", letters).
        stepRequested(int): Tab (+1) or Shift+Tab (-1): move to the next/previous annotation.
    """

    annotationClicked = Signal(str)
    tagKeyPressed = Signal(str)
    stepRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Break lines between words only: Qt's default also breaks inside a word that does
        # not fit, which cut long German compounds in the narrow side-by-side columns.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setFont(reading_font())
        self.setAccessibleName(self.tr("Article"))
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.document().setDocumentMargin(18)
        self.highlighter = AnnotationHighlighter(self.document())
        self.text = ""
        self.document_id = ""
        self.current_id: str | None = None
        #: The disagreement being reviewed: outlined until another is chosen.
        self.review_mark: tuple[int, int] | None = None
        self._find_marks: list[QTextEdit.ExtraSelection] = []
        self._flash: list[QTextEdit.ExtraSelection] = []
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._press_pos: QPointF | None = None
        self._text_width_cap: int | None = None
        self._highlighting = False
        self.updateRequest.connect(lambda _rect, _dy: self.highlight_visible())

    # --- content ---------------------------------------------------------------

    @property
    def spans(self) -> SpanIndex:
        return self.highlighter.spans

    @property
    def offsets(self) -> DisplayMap:
        return self.highlighter.offsets

    def show_document(self, document_id: str, text: str, spans: SpanIndex,
                      colours: dict[str, str]) -> None:
        """Replace the article; the highlighter formats blocks as Qt lays them out."""
        self.current_id = None
        self.review_mark = None
        self._find_marks = []
        self._flash = []
        self.document_id = document_id
        self.text = text
        self.highlighter.offsets = DisplayMap(text)
        self.highlighter.spans = spans
        self.highlighter.set_colours(colours)
        # Detach while the text goes in; blocks are formatted as they come into view.
        self.highlighter.setDocument(None)
        self.highlighter.reset()
        self.setPlainText(shown_text(text))
        self.highlighter.setDocument(self.document())
        self._update_extra()
        self.highlight_visible()

    def visible_blocks(self) -> list[QTextBlock]:
        """Blocks on screen now, plus a screenful below so scrolling finds them ready."""
        blocks = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        limit = 2 * max(self.viewport().height(), 400)
        while block.isValid():
            if self.blockBoundingGeometry(block).translated(offset).top() > limit:
                break
            blocks.append(block)
            block = block.next()
        return blocks

    def highlight_visible(self) -> None:
        if not self._highlighting:
            self._highlighting = True
            try:
                self.highlighter.highlight_blocks(self.visible_blocks())
            finally:
                self._highlighting = False

    def clear_document(self) -> None:
        self.show_document("", "", SpanIndex(), {})

    def set_colours(self, colours: dict[str, str]) -> None:
        self.highlighter.set_colours(colours)
        self.highlighter.rehighlight_done()

    def replace_spans(self, spans: SpanIndex, colours: dict[str, str]) -> None:
        """New annotations on the same text: repaint them, keeping layout and scroll."""
        self.highlighter.spans = spans
        self.set_colours(colours)

    def refresh_range(self, start: int, end: int) -> None:
        """Re-format the paragraphs covering ``[start, end)`` after spans there changed."""
        if self.text and end > start:
            self.highlighter.rehighlight_range(start, min(end, len(self.text)))
            self.viewport().update()

    # --- positions ---------------------------------------------------------------

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text as code points, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_code_point(cursor.selectionStart())
        end = self.offsets.to_code_point(cursor.selectionEnd())
        return (start, end) if end > start else None

    def passage_span(self) -> tuple[int, int] | None:
        """The selection as a passage to tag: without whitespace or line breaks at its
        ends (see ``core.anchoring.trim_span``); None when nothing else is selected."""
        selected = self.selection_span()
        return trim_span(self.text, *selected) if selected is not None else None

    def copy_selection(self) -> None:
        """Copy the stored text of the selection: the shown paragraph gaps stay behind.

        (Overriding ``createMimeDataFromSelection`` instead hands Qt a Python-made object
        that both the clipboard and the interpreter delete: a crash at exit.)
        """
        selected = self.selection_span()
        if selected is not None:
            QGuiApplication.clipboard().setText(self.text[selected[0]:selected[1]])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        for action in menu.actions():
            if action.objectName() == "edit-copy":
                action.triggered.disconnect()
                action.triggered.connect(self.copy_selection)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` (code points) and scroll it into view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def scroll_to(self, start: int, end: int | None = None) -> None:
        """Put the passage in view (centred) without selecting it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(end if end is not None else start))
        self.setTextCursor(cursor)
        cursor.setPosition(self.offsets.to_utf16(start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def position_at(self, point: QPointF) -> int:
        """The code point under a viewport position."""
        return self.offsets.to_code_point(self.cursorForPosition(point.toPoint()).position())

    # --- current annotation, flash, find marks -------------------------------------

    def set_current(self, annotation_id: str | None) -> None:
        self.current_id = annotation_id
        self.viewport().update()

    def set_review_mark(self, span: tuple[int, int] | None) -> None:
        """Outline the disagreement under review (code points) until it changes; None
        clears it. A flash is gone before the eye is back from the list."""
        self.review_mark = span
        self.viewport().update()

    def flash(self, start: int, end: int) -> None:
        """Briefly mark a passage the user jumped to, so the eye finds it."""
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
        fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
        selection.format = fmt
        self._flash = [selection]
        self._update_extra()
        self._flash_timer.start(FLASH_MS)

    def is_flashing(self) -> bool:
        return bool(self._flash)

    def _end_flash(self) -> None:
        self._flash = []
        self._update_extra()

    def set_find_marks(self, spans: list[tuple[int, int]]) -> None:
        """Mark find hits (only the first ``MAX_FIND_MARKS``: extra selections do not scale)."""
        colour = QColor(FIND_COLOUR)
        colour.setAlpha(FIND_ALPHA)
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        fmt.setProperty(QTextFormat.Property.OutlinePen, QPen(QColor(FIND_COLOUR).darker(170)))
        marks = []
        for start, end in spans[:MAX_FIND_MARKS]:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_utf16(start))
            cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            marks.append(selection)
        self._find_marks = marks
        self._update_extra()

    def _update_extra(self) -> None:
        self.setExtraSelections(self._find_marks + self._flash)

    # --- geometry ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        top = self.top_position()
        self._centre_column()
        super().resizeEvent(event)
        self.show_at_top(top)
        self.highlight_visible()

    # A scroll value counts lines: when the text wraps anew (another width), the same
    # value shows other text. These keep what the reader sees at the top instead.

    def top_position(self) -> int:
        """The (Qt) position where the first line shown at the top starts."""
        value = self.verticalScrollBar().value()
        block = self.document().findBlockByLineNumber(value)
        if not self.text or not block.isValid():
            return 0
        line = block.layout().lineAt(value - block.firstLineNumber())
        return block.position() + (line.textStart() if line.isValid() else 0)

    def show_at_top(self, position: int) -> None:
        """Scroll so that the line holding ``position`` is the first shown."""
        if not self.text:
            return
        block = self.document().findBlock(position)
        layout = self.document().documentLayout()
        if not block.isValid() or not isinstance(layout, QPlainTextDocumentLayout):
            return
        layout.ensureBlockLayout(block)
        line = block.layout().lineForTextPosition(position - block.position())
        self.verticalScrollBar().setValue(
            block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.highlight_visible()

    def available_width(self) -> int:
        """The width the text could take: the view without its scroll bar."""
        return self.width() - self.verticalScrollBar().sizeHint().width()

    @property
    def text_width_cap(self) -> int | None:
        return self._text_width_cap

    def set_text_width_cap(self, cap: int | None) -> None:
        """Never lay the text out wider than ``cap`` (two views showing one text alike)."""
        if cap != self._text_width_cap:
            self._text_width_cap = cap
            top = self.top_position()
            self._centre_column()
            self.show_at_top(top)

    def _centre_column(self) -> None:
        """A reading column (or all there is, up to the cap), centred; any odd pixel goes
        to the right margin, so equal columns lay the text out line for line alike."""
        metrics = QFontMetricsF(self.font())
        column = math.ceil(metrics.averageCharWidth() * READING_COLUMN_CHARS + 2 * 18)
        available = self.available_width()
        text = min(column, available, self._text_width_cap or available)
        spare = max(0, available - text)
        self.setViewportMargins(spare // 2, 0, spare - spare // 2, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        first = self.firstVisibleBlock()
        if first.isValid() and not self.highlighter.is_done(first):
            # Shown before any resize or scroll told us what is visible: format, then repaint.
            QTimer.singleShot(0, self.highlight_visible)
        super().paintEvent(event)
        span = self.spans.get(self.current_id) if self.current_id else None
        if span is None and self.review_mark is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.review_mark is not None:
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidthF(2.0)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for rect in self._span_rects(*self.review_mark):
                painter.drawRoundedRect(rect.adjusted(-3, -2, 3, 2), 4, 4)
        if span is not None:
            pen = QPen(self.highlighter.colour(span.tag_id).darker(140))
            pen.setWidthF(2.0)
            painter.setPen(pen)
            for rect in self._span_rects(span.start, span.end):
                painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)
        painter.end()

    def _span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the visible lines a span covers."""
        doc = self.document()
        u_start = self.offsets.to_utf16(start)
        u_end = self.offsets.to_utf16(end)
        rects: list[QRectF] = []
        offset = self.contentOffset()
        height = self.viewport().height()
        block = doc.findBlock(u_start)
        while block.isValid() and block.position() <= u_end:
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if geometry.bottom() >= 0 and block.isVisible():
                layout = block.layout()
                base = block.position()
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    l_start = base + line.textStart()
                    l_end = l_start + line.textLength()
                    a, b = max(u_start, l_start), min(u_end, l_end)
                    if a >= b:
                        continue
                    x1 = _x(line.cursorToX(a - base))
                    x2 = _x(line.cursorToX(b - base))
                    rects.append(QRectF(x1, line.y(), x2 - x1, line.height())
                                 .translated(geometry.topLeft()))
            block = block.next()
        return rects

    # --- input -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        text = event.text()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if plain and len(text) == 1 and text.isalnum():
            self.tagKeyPressed.emit(text)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab step through annotations instead of leaving the article."""
        self.stepRequested.emit(1 if next else -1)
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._press_pos = self._press_pos, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        if (event.position() - pressed).manhattanLength() > 4 or self.textCursor().hasSelection():
            return
        hits = self.spans.at(self.position_at(event.position()))
        if not hits:
            self.annotationClicked.emit("")
            return
        ids = [s.id for s in hits]
        # A second click on stacked spans walks outwards through the layers.
        if self.current_id in ids:
            chosen = ids[(ids.index(self.current_id) + 1) % len(ids)]
        else:
            chosen = ids[0]
        self.annotationClicked.emit(chosen)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click selects the word; with Ctrl or Alt, the whole sentence."""
        modifiers = event.modifiers()
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            start, end = sentence_bounds(self.text, self.position_at(event.position()))
            if end > start:
                self.select_span(start, end)
            return
        super().mouseDoubleClickEvent(event)


def _x(value: object) -> float:
    """``QTextLine.cursorToX`` returns a float or (float, int) depending on the binding."""
    if isinstance(value, tuple):
        return float(value[0])
    return float(value)  # type: ignore[arg-type]
