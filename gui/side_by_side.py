"""Side-by-side review: the second analyst's layer in a read-only copy of the article.

The window's article shows analyst A's annotations, this one analyst B's, both in tag
colours, so the two readings of one passage sit next to each other. The two views share
the text, font and column width, so their layouts match line for line and one scroll
position serves both.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from core.model import AnnotationSpan
from gui.article_view import ArticleView
from gui.i18n import translate
from gui.span_index import SpanIndex


class SideBySideView(ArticleView):
    """A read-only article showing one analyst's layer, scrolled with the main view."""

    def __init__(self, main: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("SideBySide", "Second analyst's annotations"))
        self.analyst = ""
        self._main = main
        self._syncing = False
        self._settle_pending = False  # a last look at the main view's position is due
        main.verticalScrollBar().valueChanged.connect(self._follow_main)
        self.verticalScrollBar().valueChanged.connect(self._lead_main)
        self._main_resized = _ResizeWatcher(main, self._share_width)
        self.hide()

    def show_layer(self, analyst: str, document_id: str, text: str,
                   spans: list[AnnotationSpan], colours: dict[str, str]) -> None:
        """Show ``analyst``'s ``spans`` on ``text`` at the main view's scroll position."""
        self.analyst = analyst
        self.setToolTip(translate("SideBySide", "{name}'s annotations").format(name=analyst))
        if document_id == self.document_id and text == self.text and self.isVisible():
            self.replace_spans(SpanIndex(spans), colours)  # layout and scroll stay
            return
        self._syncing = True  # a new text starts at the top: not for the main view
        try:
            self.show_document(document_id, text, SpanIndex(spans), colours)
        finally:
            self._syncing = False
        self.show()
        self._follow_main(self._main.verticalScrollBar().value())

    # --- one column width for both, so lines break alike ---------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_width()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._share_width()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.isHidden():  # closed, not just the window minimised or hidden
            self._main.set_text_width_cap(None)

    def close_copy(self) -> None:
        """Hide this copy; the article takes its own reading column again."""
        self.hide()
        self._main.set_text_width_cap(None)  # no hide event if the window is not shown

    def _share_width(self) -> None:
        if self.isVisible():
            cap = min(self._main.available_width(), self.available_width())
            self._main.set_text_width_cap(cap)
            self.set_text_width_cap(cap)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves this copy (stepping through annotations is the article's)."""
        return QWidget.focusNextPrevChild(self, next)

    # --- scrolling together ---------------------------------------------------------------
    #
    # A scroll value counts lines, and Qt lays paragraphs out only as they come into view
    # (counting one line for each paragraph not laid out yet), so one value can show other
    # text in each view. The views match the text shown at the top instead.

    def _follow_main(self, _value: int = 0) -> None:
        if self.isVisible() and not self._syncing:
            self._scroll_like(self._main, self)
            if not self._settle_pending:
                # Qt may still move the bars while it lays the text out (near the end
                # above all): once it is done, match the main view's final position.
                self._settle_pending = True
                QTimer.singleShot(0, self._settle)

    def _settle(self) -> None:
        self._settle_pending = False
        if self.isVisible():
            self._scroll_like(self._main, self)

    def _lead_main(self, _value: int) -> None:
        if self.isVisible() and not self._syncing:
            self._scroll_like(self, self._main)

    def _scroll_like(self, source: ArticleView, target: ArticleView) -> None:
        """Scroll ``target`` to the line ``source`` shows at its top (the same text)."""
        self._syncing = True
        try:
            target.show_at_top(source.top_position())
        finally:
            self._syncing = False


class _ResizeWatcher(QObject):
    """Calls back whenever ``widget`` is resized (the main article, from its copy)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._callback()
        return False
