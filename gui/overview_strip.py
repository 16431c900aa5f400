"""A slim strip beside the article: where annotations sit along the whole text.

Tone annotations paint a colour band on the left half (the article's mood at a
glance); every other annotation is a tick on the right half. A click jumps there.
The strip is drawn from span positions (code points / length), not from layout,
so it costs nothing on a long article whose lines Qt has not laid out yet.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QWidget

from gui.i18n import translate
from gui.span_index import SpanIndex

STRIP_WIDTH = 14
#: Changes arriving within this time share one redraw of the marks.
REBUILD_DELAY_MS = 120


class OverviewStrip(QWidget):
    """Signals:
        jumpRequested(int): the user clicked at a fraction of the article (a code point).
    """

    jumpRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(STRIP_WIDTH)
        self.setAccessibleName(translate("OverviewStrip", "Annotation overview"))
        self.setToolTip(translate(
            "OverviewStrip", "Where annotations sit in the article; click to jump"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._spans = SpanIndex()
        self._length = 0
        self._colours: dict[str, str] = {}
        self._tone_tags: set[str] = set()
        self._viewport: tuple[float, float] = (0.0, 0.0)
        self._cache: QPixmap | None = None
        self._stale = False
        self._rebuild = QTimer(self)
        self._rebuild.setSingleShot(True)
        self._rebuild.setInterval(REBUILD_DELAY_MS)
        self._rebuild.timeout.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 200)

    def set_content(self, spans: SpanIndex, length: int, colours: dict[str, str],
                    tone_tags: set[str]) -> None:
        """New spans: the marks are drawn right after the window's next paint, so a
        long article's text shows first (10k spans cost ~25 ms to bin)."""
        self._spans, self._length = spans, length
        self._colours, self._tone_tags = colours, tone_tags
        self._cache = None
        self._stale = True
        self._rebuild.start(0)
        self.update()

    def invalidate(self) -> None:
        """The spans changed: redraw the marks soon (coalesced, off the key-press path).

        Until then the previous marks stay up; they are at most a fraction of a second old.
        """
        self._stale = True
        self._rebuild.start(REBUILD_DELAY_MS)

    def set_visible_fraction(self, top: float, bottom: float) -> None:
        """Which part of the article is on screen (0..1), drawn as a faint frame."""
        self._viewport = (top, bottom)
        self.update()

    def _marks(self) -> QPixmap:
        """Bin spans by pixel row first, then paint one rectangle per run of equal colour.

        Drawing costs the strip's height, not the number of spans (50k spans: one pass
        of integer arithmetic instead of 50k ``fillRect`` calls).
        """
        ratio = self.devicePixelRatioF()
        height = max(1, self.height())
        pixmap = QPixmap(int(self.width() * ratio), int(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(self.palette().color(QPalette.ColorRole.AlternateBase))
        if self._length <= 0 or not len(self._spans):
            return pixmap
        tone: list[str | None] = [None] * height
        marks: list[str | None] = [None] * height
        scale = height / self._length
        tone_tags = self._tone_tags
        for span in self._spans.all_spans():
            top = int(span.start * scale)
            bottom = min(height, max(top + 1, int(span.end * scale) + 1))
            rows = tone if span.tag_id in tone_tags else marks
            rows[top:bottom] = [span.tag_id] * (bottom - top)
        painter = QPainter(pixmap)
        half = self.width() / 2
        for rows, x, width in ((tone, 0.0, half), (marks, half + 1, half - 2)):
            run_start = 0
            for y in range(1, height + 1):
                if y == height or rows[y] != rows[run_start]:
                    tag_id = rows[run_start]
                    if tag_id is not None:
                        colour = QColor(self._colours.get(tag_id, "#888888"))
                        painter.fillRect(QRectF(x, run_start, width, y - run_start), colour)
                    run_start = y
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        waiting = self._stale and self._rebuild.isActive()
        missing = self._cache is None or self._cache.deviceIndependentSize().toSize() != self.size()
        if (missing or self._stale) and not waiting:
            self._cache = self._marks()
            self._stale = False
            missing = False  # just drawn at this size (it used to paint blank here, so the
            # marks appeared only with the next paint: a scroll, on a real X server)
        painter = QPainter(self)
        if self._cache is not None and not missing:
            painter.drawPixmap(0, 0, self._cache)
        else:
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.AlternateBase))
        top, bottom = self._viewport
        if bottom > top:
            frame = self.palette().color(QPalette.ColorRole.Text)
            frame.setAlpha(60)
            painter.setPen(frame)
            painter.drawRect(QRectF(0.5, top * self.height(), self.width() - 1.0,
                                    max(3.0, (bottom - top) * self.height())))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._length and self.height():
            fraction = min(1.0, max(0.0, event.position().y() / self.height()))
            self.jumpRequested.emit(int(fraction * self._length))
