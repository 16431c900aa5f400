"""The Document menu: which of a web page's texts the open document shows.

The article extractor sometimes takes the wrong part of a page; the analyst switches the
document to the page's full text and back (core: ``core.web_text``), as one undo step.
Core moves the annotations onto the same words or refuses, naming the ones it cannot place.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

from core.web_text import SwitchWebText, WebTextState, web_text_state
from gui.i18n import counted, translate
from gui.window_api import WindowApi


class DocumentMenu:
    """The menu and its two actions, enabled only for a web page that can switch."""

    def __init__(self, window: WindowApi) -> None:
        self.window = window
        parent = window.as_widget()
        self.menu = QMenu(translate("DocumentMenu", "&Document"), parent)
        self.full_page_action = QAction(translate("DocumentMenu", "Use &full page text"), parent)
        self.full_page_action.setStatusTip(translate(
            "DocumentMenu", "Show the saved web page's whole readable text, for when the "
                            "article was taken from the wrong part of it"))
        self.full_page_action.triggered.connect(lambda _c=False: self.switch(full_page=True))
        self.article_action = QAction(translate("DocumentMenu", "Use &article text"), parent)
        self.article_action.setStatusTip(translate(
            "DocumentMenu", "Show only the article the extractor found on the saved web page"))
        self.article_action.triggered.connect(lambda _c=False: self.switch(full_page=False))
        self.menu.addActions([self.full_page_action, self.article_action])
        self.menu.aboutToShow.connect(self.refresh)
        # Reading both texts parses the page: kept per document and text shown.
        self._states: dict[tuple[str, int], WebTextState | None] = {}
        tag_menu = window.window_actions.tag_menu
        bar = tag_menu.parent()
        assert isinstance(bar, QMenuBar)
        bar.insertMenu(tag_menu.menuAction(), self.menu)  # after Edit, before Tag
        self.refresh()

    def _state(self) -> WebTextState | None:
        window = self.window
        if window.project is None or not window.document_id:
            return None
        key = (window.document_id, hash(window.view.text))
        if key not in self._states:
            project = window.project
            self._states[key] = window.attempt(
                translate("DocumentMenu", "Document"),
                lambda: web_text_state(project, window.document_id))
        return self._states[key]

    def refresh(self) -> None:
        """Enable what the open document can switch to (called as the menu opens)."""
        state = self._state()
        self.full_page_action.setEnabled(state is not None and state.can_use_full_page)
        self.article_action.setEnabled(state is not None and state.can_use_article)

    def switch(self, *, full_page: bool) -> None:
        window = self.window
        if window.project is None or not window.document_id:
            return
        name = (translate("Undo", "Use full page text") if full_page
                else translate("Undo", "Use article text"))
        command = SwitchWebText(window.document_id, full_page, text=name)
        if not window.run_command(command):
            return
        shown = (translate("DocumentMenu", "the full page text") if full_page
                 else translate("DocumentMenu", "the article text"))
        moved = counted(command.carried, translate(
            "DocumentMenu", "{n} annotation stays on its words"), translate(
            "DocumentMenu", "{n} annotations stay on their words"))
        window.statusBar().showMessage(translate(
            "DocumentMenu", "The document shows {shown} now; {moved}.").format(
            shown=shown, moved=moved), 8000)
