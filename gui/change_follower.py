"""Keeping up with the project: each committed change refreshes only what it touched.

The way of data is one-directional: an action runs a core command, core announces a
``Change``, and ``on_project_changed`` repaints the paragraphs, list rows and counts that
change names, nothing more (a bulk change reloads the document instead).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

from core.commands import Change
from core.model import Annotation
from gui.article_display import ArticleDisplay
from gui.i18n import translate
from gui.window_api import WindowApi

#: How long the annotation list waits after a change, so the article repaints first.
LIST_UPDATE_DELAY_MS = 30
#: Above this many annotations in one change, reload the document instead of patching it.
BULK_CHANGE = 300
#: How often the window looks for commits by other programs (one read of a counter: cheap).
OUTSIDE_CHECK_MS = 1000

ReviewListener = Callable[[Change, set[str] | None], None]


class ChangeFollower:
    """Applies the project's changes to one window's article, list, codebook and panels."""

    def __init__(self, window: WindowApi, display: ArticleDisplay,
                 review_changed: ReviewListener) -> None:
        self.window = window
        self.display = display
        self._review_changed = review_changed
        self._pending_list: dict[str, Annotation | None] = {}
        self._list_timer = QTimer(window.as_widget())
        self._list_timer.setSingleShot(True)
        self._list_timer.setInterval(LIST_UPDATE_DELAY_MS)
        self._list_timer.timeout.connect(self._flush_list_updates)
        self._outside_timer = QTimer(window.as_widget())
        self._outside_timer.setInterval(OUTSIDE_CHECK_MS)
        self._outside_timer.timeout.connect(self.check_outside_changes)

    def start(self) -> None:
        """A project is open: watch it for other programs' commits."""
        self._outside_timer.start()

    def stop(self) -> None:
        """The project closes: drop list updates still waiting, stop watching."""
        self._outside_timer.stop()
        self._list_timer.stop()
        self._pending_list.clear()

    def check_outside_changes(self) -> None:
        """When the CLI or a second window committed to the file, show what is there now,
        keeping the selection. The undo history no longer matches the file, so it is
        cleared, and the status bar says so."""
        window = self.window
        project = window.project
        if project is None or window.background_work() or not project.changed_elsewhere():
            return
        kept = window.current_annotation.id if window.current_annotation else None
        had_history = window.undo_stack.count() > 0
        window.undo_stack.clear()
        project.refresh_after_outside_change()
        if kept is not None:
            window.select_annotation(kept, scroll=False)
        note = translate("ChangeFollower", "; undo history cleared (it no longer matches the "
                         "file)") if had_history else ""
        window.statusBar().showMessage(translate(
            "ChangeFollower", "Another program changed {name}: the window shows it now{note}.")
            .format(name=project.name, note=note), 15000)

    def on_project_changed(self, change: Change) -> None:
        """Refresh what ``change`` touched: the paragraphs, rows and counts, nothing more."""
        window, display = self.window, self.display
        project, view = window.project, window.view
        if project is None:
            return
        if change.codebook:
            window.codebook = project.codebook()
            view.set_colours(display.colours())
        here = window.document_id
        if change.document_list and here and not self._document_is_live():
            self._leave_removed_document()
            return
        bulk = len(change.annotations) > BULK_CHANGE
        fetched = {} if bulk else project.live_annotations(change.annotations)
        in_document = here in change.documents or any(
            a is not None and a.document_id == here for a in fetched.values())
        if here in change.texts and project.text(here) != view.text:
            window.open_document(here)  # the text itself was replaced: show it anew
        elif here and (in_document or (change.document_list and not change.annotations)):
            if bulk or not change.annotations:
                display.reload_document_spans()
            else:
                display.patch_document(fetched)
            display.strip.invalidate()
        if change.annotations and not bulk:
            self._queue_list_update(fetched)
        elif change.annotations or change.document_list:
            self.apply_list_filter()
        if change.codebook:
            window.reload_codebook()
            display.strip.set_content(view.spans, len(view.text), display.colours(),
                                      display.tone_tags())
        else:
            window.codebook_panel.set_counts(view.spans.tag_counts)
        if change.document_list or set(change.documents) - {here}:
            window.documents.set_documents(project.documents(), here)
        elif here and change.annotations:
            window.documents.model.set_count(here, len(view.spans))
        current = window.current_annotation
        if current is not None and (current.id in change.annotations or change.codebook):
            window.select_annotation(current.id, scroll=False)
        self._review_changed(change, {a.author for a in fetched.values() if a is not None})
        if display.side_pair is not None and (change.annotations or change.codebook):
            display.refresh_side_view()
        window.refresh_status()

    def _document_is_live(self) -> bool:
        assert self.window.project is not None
        return any(d.id == self.window.document_id for d in self.window.project.documents())

    def _leave_removed_document(self) -> None:
        """The open document was removed (a redo, or the undo of what added it): show
        the first one left, so nobody annotates a document that is gone."""
        assert self.window.project is not None
        documents = self.window.project.documents()
        self.window.codebook = self.window.project.codebook()
        self.window.documents.set_documents(documents, None)
        self.window.current_annotation = None
        if documents:
            self.window.open_document(documents[0].id)
        else:
            self.window.show_empty_document()
        self.window.reload_codebook()
        self._review_changed(Change(document_list=True), None)
        self.window.refresh_enabled()

    def _queue_list_update(self, fetched: dict[str, Annotation | None]) -> None:
        """Patch the list a moment after the article repaints.

        The eye is on the text; the table's repaint (a Python ``data`` call per visible
        cell and role) is a third of a key press's time and can follow a frame later.
        Changes that arrive meanwhile are folded into one update.
        """
        self._pending_list.update(fetched)
        if not self._list_timer.isActive():
            self._list_timer.start()

    def _flush_list_updates(self) -> None:
        pending, self._pending_list = self._pending_list, {}
        if pending and self.window.project is not None:
            current = self.window.current_annotation
            self.window.annotation_list.apply_changes(pending, current.id if current else None)

    def apply_list_filter(self) -> None:
        """Re-query the annotation list for its filters."""
        panel = self.window.annotation_list
        self._pending_list.clear()  # the query below sees every change already
        panel.show_document_column()
        window = self.window
        panel.model.set_filter(panel.current_filter(window.document_id, window.codebook))
        if self.window.current_annotation is not None:
            panel.select(self.window.current_annotation.id)
