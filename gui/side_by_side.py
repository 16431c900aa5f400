"""Side-by-side review: the second analyst's layer in a read-only copy of the article.

The window's article shows analyst A's annotations, this one analyst B's, both in tag
colours, so the two readings of one passage sit next to each other. The two views share
the text, font and column width, so their layouts match line for line and one scroll
position serves both.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from core.model import AnnotationSpan
from gui.article_view import ArticleView
from gui.span_index import SpanIndex


class SideBySideView(ArticleView):
    """A read-only article showing one analyst's layer, scrolled with the main view."""

    def __init__(self, main: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Second analyst's annotations")
        self.analyst = ""
        self._main = main
        self._syncing = False
        main.verticalScrollBar().valueChanged.connect(self._follow_main)
        self.verticalScrollBar().valueChanged.connect(self._lead_main)
        self.hide()

    def show_layer(self, analyst: str, document_id: str, text: str,
                   spans: list[AnnotationSpan], colours: dict[str, str]) -> None:
        """Show ``analyst``'s ``spans`` on ``text`` at the main view's scroll position."""
        self.analyst = analyst
        self.setToolTip(f"{analyst}'s annotations")
        self.show_document(document_id, text, SpanIndex(spans), colours)
        self.show()
        self._follow_main(self._main.verticalScrollBar().value())

    def _follow_main(self, value: int) -> None:
        if self.isVisible() and not self._syncing:
            self._syncing = True
            try:
                self.verticalScrollBar().setValue(value)
            finally:
                self._syncing = False

    def _lead_main(self, value: int) -> None:
        if self.isVisible() and not self._syncing:
            self._syncing = True
            try:
                self._main.verticalScrollBar().setValue(value)
            finally:
                self._syncing = False
