"""The main window: wires panels to one open project and turns user actions into commands.

The way of data is one-directional: an action builds a core command, ``gui.undo.run``
executes it (one transaction), core announces a ``Change`` and ``on_project_changed``
refreshes only what that change touched. The window decides no business rule: core
validates and the window shows core's message when it refuses.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QWidget,
)

from core.codebook import Codebook
from core.collector import collector_paused
from core.commands import (
    Command,
    DeleteDocument,
)
from core.errors import GlossaError, NotFound
from core.model import Annotation
from core.project import Project
from core.speakers import speaker_candidates
from gui import dialogs, window_text
from gui.actions import WindowActions, build_actions, fill_tag_menu, insert_menus
from gui.annotating import AnnotatingController
from gui.appearance import Appearance
from gui.article_display import ArticleDisplay
from gui.change_follower import ChangeFollower
from gui.document_menu import DocumentMenu
from gui.exchange import Exchange
from gui.exchange_actions import ExchangeActions
from gui.finding import FindController
from gui.help import help_actions
from gui.i18n import translate
from gui.language_menu import fill_language_menu
from gui.layers import LayerState
from gui.margin_labels import margin_labels_action
from gui.preferences import Preferences
from gui.project_events import ProjectEvents
from gui.project_menu import ProjectMenu
from gui.review_controller import ReviewController
from gui.span_index import SpanIndex
from gui.suggesting import SuggestionController
from gui.undo import run, stack_actions
from gui.window_layout import build_panels

T = TypeVar("T")



class MainWindow(QMainWindow):
    """Signals:
        documentOpened(str): a document is shown (its id).
        importFinished(int, int): an import run ended (imported, failed).
    """

    documentOpened = Signal(str)
    importFinished = Signal(int, int)
    display: ArticleDisplay
    review: ReviewController

    def __init__(self, preferences: Preferences | None = None) -> None:
        super().__init__()
        self.preferences = preferences or Preferences()
        self.project: Project | None = None
        self.events: ProjectEvents | None = None
        self.codebook = Codebook([])
        self.document_id = ""
        self.document_title = ""
        self.current_annotation: Annotation | None = None
        self.last_tag_id: str | None = None
        self.undo_stack = QUndoStack(self)
        self.exchange = Exchange(self)
        self.setWindowTitle("Glossa")
        self.setAcceptDrops(True)
        self._build_layout()
        # The window's parts by concern; each connects to the widgets it drives.
        self.annotating = AnnotatingController(self)
        self.finding = FindController(self)
        self.exchange_actions = ExchangeActions(self)
        self.project_menu = ProjectMenu(self)
        self.suggesting = SuggestionController(self)
        self.appearance = Appearance(self.preferences, [self.view, self.side_view],
                                     self._recolour, self)
        self.changes = ChangeFollower(
            self, self.display, lambda change, seen: self.review.on_project_changed(change, seen))
        self._connect_parts()
        self.window_actions = self._build_actions()
        self.document_menu = DocumentMenu(self)
        self._build_status_bar()
        self._restore_layout()
        self._show_no_project()
        self.appearance.apply(self.preferences.colour_scheme(), remember=False)
        self.refresh_enabled()

    # --- construction ---------------------------------------------------------------

    def _build_layout(self) -> None:
        panels = build_panels(self)
        self.documents, self.view, self.strip = panels.documents, panels.view, panels.strip
        self.margin_labels = panels.margin_labels
        self.find_bar, self.title_label = panels.find_bar, panels.title_label
        self.side_view, self.side_header = panels.side_view, panels.side_header
        self.side_captions = panels.side_captions
        self.annotation_list, self.project_search = panels.annotation_list, panels.project_search
        self.review_panel, self.bottom_tabs = panels.review_panel, panels.bottom_tabs
        self.codebook_panel, self.inspector = panels.codebook_panel, panels.inspector
        self.centre_split, self.right_split = panels.centre_split, panels.right_split
        self.main_split = panels.main_split
        self.display = ArticleDisplay(self, self.strip, self.side_header, self.side_captions,
                                      self.analyst_colours)
        self.review = ReviewController(self, self.review_panel)
        self.documents.documentChosen.connect(self.open_document)
        self.view.annotationClicked.connect(self.on_annotation_clicked)
        self.view.stepRequested.connect(self.step_annotation)
        self.view.verticalScrollBar().valueChanged.connect(self._update_strip_viewport)
        self.strip.jumpRequested.connect(self.on_strip_jump)
        self.annotation_list.annotationChosen.connect(self.on_list_choice)
        self.annotation_list.filterChanged.connect(lambda: self.changes.apply_list_filter())
        self.inspector.doneEditing.connect(self.view.setFocus)

    def _connect_parts(self) -> None:
        annotating = self.annotating
        self.view.tagKeyPressed.connect(annotating.on_tag_key)
        self.codebook_panel.bind(self.run_command, annotating.count_tag_in_project)
        self.codebook_panel.tagClicked.connect(annotating.on_tag_clicked)
        self.inspector.editRequested.connect(annotating.edit_annotation)
        self.inspector.setSpanRequested.connect(lambda _id: annotating.set_span_to_selection())
        self.inspector.deleteRequested.connect(lambda _id: annotating.delete_annotation())

    def _build_actions(self) -> WindowActions:
        undo, redo = stack_actions(self.undo_stack, self)
        slots: dict[str, Callable[[], object]] = {
            "new_project": self.project_menu.new_project_dialog,
            "open_project": self.project_menu.open_project_dialog,
            "import_documents": self.exchange_actions.import_dialog,
            "remove_document": self.remove_document,
            "export": self.exchange_actions.export_dialog,
            "merge": self.exchange_actions.merge_dialog,
            "restore_backup": self.project_menu.restore_backup,
            "save_copy": self.project_menu.save_copy,
            "quit": self.close,
            "delete_annotation": self.annotating.delete_annotation,
            "set_span": self.annotating.set_span_to_selection,
            "next_annotation": lambda: self.step_annotation(1),
            "previous_annotation": lambda: self.step_annotation(-1),
            "find": self.finding.open_find,
            "find_next": lambda: self.finding.step_find(1),
            "find_previous": lambda: self.finding.step_find(-1),
            "tag_all": self.finding.tag_all_matches,
            "search_project": self.finding.open_project_search,
            "analyst_name": self.project_menu.ask_analyst_name,
            "sample_project": self.project_menu.open_sample_project,
            "about": self.project_menu.show_about,
        }
        actions = build_actions(self, self.view, slots, undo, redo)
        actions.recent_menu.aboutToShow.connect(self.project_menu.fill_recent_menu)
        view_menu, review_menu, help_menu = insert_menus(
            self, translate("Menu", "&View"), translate("Menu", "Revie&w"))
        view_menu.addAction(margin_labels_action(
            self.margin_labels, self.preferences.margin_labels(),
            self.preferences.set_margin_labels))
        self.appearance.fill_menu(view_menu)
        fill_language_menu(view_menu, self, self.preferences)
        self.review.fill_menu(review_menu)
        self.suggesting.fill_menu(review_menu)
        self.help_actions = help_actions(self, help_menu)
        return actions

    def _build_status_bar(self) -> None:
        self.status_document = QLabel(self)
        self.status_counts = QLabel(self)
        self.status_analyst = QLabel(self)
        self.status_analyst.setAccessibleName(translate("MainWindow", "Analyst"))
        self.status_comparing = QPushButton(self)
        self.status_comparing.setFlat(True)
        self.status_comparing.setAccessibleName(translate("MainWindow", "Leave comparison"))
        self.status_comparing.setToolTip(
            translate("MainWindow", "Show every analyst's layer again (Alt+L)"))
        self.status_comparing.clicked.connect(self.review.leave_comparison)
        self.status_comparing.hide()
        bar = self.statusBar()
        bar.addWidget(self.status_document, 1)
        # A message takes the document's place while it shows (on X both were drawn).
        bar.messageChanged.connect(lambda text: self.status_document.setVisible(not text))
        bar.addPermanentWidget(self.status_comparing)
        bar.addPermanentWidget(self.status_counts)
        bar.addPermanentWidget(self.status_analyst)
        self.refresh_status()

    def _restore_layout(self) -> None:
        geometry = self.preferences.bytes_value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 860)
        for split in (self.main_split, self.centre_split, self.right_split):
            state = self.preferences.bytes_value(f"window/splitter/{split.objectName()}")
            if state is not None:
                split.restoreState(state)

    def save_layout(self) -> None:
        self.preferences.set_bytes_value("window/geometry", self.saveGeometry())
        for split in (self.main_split, self.centre_split, self.right_split):
            self.preferences.set_bytes_value(f"window/splitter/{split.objectName()}",
                                             QByteArray(split.saveState()))
        self.preferences.sync()

    # --- errors and commands ----------------------------------------------------------

    def attempt(self, title: str, work: Callable[[], T]) -> T | None:
        """Run ``work``; a ``GlossaError`` becomes one message and ``None``."""
        try:
            return work()
        except GlossaError as err:
            dialogs.show_error(self, title, str(err))
            return None

    def run_command(self, command: Command) -> bool:
        """Execute ``command`` as one undo step; core's refusal is shown, nothing changes."""
        if self.project is None:
            return False
        return self.attempt(command.text, lambda: run(
            self.undo_stack, self.project, command, self.annotating.select_touched)
            if self.project is not None else None) is not None

    # --- project ------------------------------------------------------------------------

    def open_project(self, path: Path) -> bool:
        """Open ``path`` (replacing the open project); False with a message on failure."""
        author = self.preferences.analyst_name() or None
        project = self.attempt(translate("MainWindow", "Open project"), lambda: Project.open(
            path, author=author, rolling_backup=False))  # taken in the background instead
        if project is None:
            return False
        self._set_project(project)
        self.exchange_actions.start_backup()
        self.preferences.add_recent_project(path)
        if project.store.upgrade is not None:  # an older file: say where its copy is
            self.statusBar().showMessage(project.store.upgrade.message(), 30000)
        return True

    def create_project(self, path: Path) -> bool:
        author = self.preferences.analyst_name() or None
        project = self.attempt(translate("MainWindow", "New project"),
                               lambda: Project.create(path, author=author))
        if project is None:
            return False
        self._set_project(project)
        self.preferences.add_recent_project(path)
        return True

    def close_project(self) -> None:
        self.exchange_actions.shutdown()
        self.exchange.shutdown()
        self.show_side_by_side(None)
        self.changes.stop()
        if self.events is not None:
            self.events.detach()
            self.events.deleteLater()
            self.events = None
        if self.project is not None:
            self.project.close()
            self.project = None
        self.undo_stack.clear()
        self.document_id = ""

    def _set_project(self, project: Project) -> None:
        self.close_project()
        self.project = project
        self.annotating.project_opened()
        self.inspector.set_completion_source(
            "speaker", lambda: speaker_candidates(project, self.document_id or None))
        self.events = ProjectEvents(project, self)
        self.events.changed.connect(self.changes.on_project_changed)
        self.changes.start()
        self.setWindowTitle(translate("MainWindow", "{name} — Glossa").format(name=project.name))
        self.annotation_list.model.set_project(project)
        self.review.project_opened()
        self.reload_codebook()
        docs = project.documents()
        self.documents.set_documents(docs, None)
        self.view.clear_document()
        self.current_annotation = None
        if docs:
            self.open_document(docs[0].id)
        else:
            self.show_empty_document()
        self.refresh_enabled()

    def _show_no_project(self) -> None:
        self.title_label.setText(window_text.no_project_text())
        self.title_label.setWordWrap(True)
        self.title_label.show()

    def show_empty_document(self) -> None:
        self.document_id = ""
        self.document_title = ""
        self.view.clear_document()
        self.title_label.setText(window_text.empty_project_text())
        self.title_label.show()
        self.strip.set_content(SpanIndex(), 0, {}, set())
        self.display.refresh_side_view()  # nothing to show beside an empty article
        self.changes.apply_list_filter()
        self.select_annotation(None)
        self.refresh_status()

    def reload_codebook(self) -> None:
        if self.project is None:
            return
        self.codebook = self.project.codebook()
        self.codebook_panel.set_codebook(self.codebook, self.view.spans.tag_counts)
        self.annotation_list.set_choices(self.codebook, self.project.authors())
        self.annotation_list.model.refresh_codebook(self.codebook)
        self.margin_labels.set_codebook(self.codebook)
        self._rebuild_tag_menu()

    @property
    def layer_state(self) -> LayerState:
        return self.display.layer_state

    @layer_state.setter
    def layer_state(self, state: LayerState) -> None:
        self.display.layer_state = state

    @property
    def side_pair(self) -> tuple[str, str] | None:
        return self.display.side_pair

    def show_side_by_side(self, pair: tuple[str, str] | None) -> None:
        """B's layer beside the article, or (None) one article with every shown layer."""
        if self.display.show_side_by_side(pair):
            self.set_layers(self.layer_state)

    def set_layers(self, state: LayerState) -> None:
        """Show these analysts' layers, coloured by tag or by analyst (see
        ``ArticleDisplay.article_layers`` for side by side)."""
        self.layer_state = state
        self.display.reload_document_spans()
        self.display.refresh_side_view()
        self.codebook_panel.set_counts(self.view.spans.tag_counts)
        self.refresh_status()

    def _rebuild_tag_menu(self) -> None:
        fill_tag_menu(self.window_actions.tag_menu, self.view, self.codebook,
                      self.annotating.annotate_selection)

    # --- documents ------------------------------------------------------------------------

    def open_document(self, document_id: str) -> None:
        """Show a document with its highlights and list its annotations."""
        if self.project is None or not document_id:
            return
        doc = self.attempt(translate("MainWindow", "Open document"), lambda: self.project.document(
            document_id) if self.project else None)
        if doc is None:
            return
        with collector_paused():  # tens of thousands of small objects, none of them cyclic
            spans = self.display.span_index(doc.id)
        self.document_id = doc.id
        self.document_title = doc.title
        self.title_label.hide()  # the article's own first line is its headline
        colours = self.display.colours()
        self.view.show_document(doc.id, doc.text, spans, colours)
        self.strip.set_content(spans, len(doc.text), colours, self.display.tone_tags())
        self.codebook_panel.set_counts(spans.tag_counts)
        self.current_annotation = None
        self.inspector.show_annotation(None, self.codebook)
        self.inspector.forget_completions()  # other names in this article
        self.documents.select(doc.id)
        # The list fills right after the article paints; the article is what the eye needs first.
        self.annotation_list.model.set_filter(
            self.annotation_list.current_filter(doc.id, self.codebook), load=False)
        QTimer.singleShot(0, lambda: self._fill_list_for(doc.id))
        if self.find_bar.isVisible():
            self.finding.update_find()
        self.refresh_status()
        self.refresh_enabled()
        # The span index and the text's tables live as long as the document is open: move
        # them out of the cyclic collector's sight, or each full collection walks 50k spans
        # (10-15 ms, landing on whichever key press allocates at the wrong moment). They are
        # acyclic, so reference counting still frees them when the next document replaces them.
        gc.freeze()
        self.review.document_opened()
        self.display.refresh_side_view()
        self.documentOpened.emit(doc.id)

    def _fill_list_for(self, document_id: str) -> None:
        """Fill the list once the article has painted (unless another document is open)."""
        if document_id == self.document_id:
            with collector_paused():
                self.changes.apply_list_filter()

    def remove_document(self) -> None:
        if self.project is None or not self.document_id:
            return
        question = window_text.remove_question(self.document_title, len(self.view.spans))
        if dialogs.confirm(self, translate("MainWindow", "Remove document"), question):
            removed = self.document_id
            if self.run_command(DeleteDocument(removed, text=translate(
                    "Undo", "Remove {title}").format(title=self.document_title))):
                docs = self.project.documents()
                if docs:
                    self.open_document(docs[0].id)
                else:
                    self.show_empty_document()

    # --- selection and navigation ---------------------------------------------------------

    def select_annotation(self, annotation_id: str | None, *, scroll: bool = True,
                          flash: bool = False) -> None:
        """Make ``annotation_id`` the selected annotation everywhere (None clears)."""
        a: Annotation | None = None
        if annotation_id and self.project is not None:
            try:
                a = self.project.annotation(annotation_id)
            except NotFound:
                a = None
            if a is not None and a.deleted:
                a = None
        if a is not None and a.document_id != self.document_id:
            self.open_document(a.document_id)
        self.current_annotation = a
        self.view.set_current(a.id if a else None)
        self.show_in_inspector(a)
        self.annotation_list.select(a.id if a else None)
        if a is not None and scroll:
            self.view.scroll_to(a.start, a.end)
        if a is not None and flash:
            self.view.flash(a.start, a.end)
        self.refresh_enabled()

    def analyst_colours(self) -> dict[str, str]:
        return self.review.analyst_colours

    def _recolour(self) -> None:
        self.view.set_colours(self.display.colours())
        self.display.refresh_side_view()

    def background_work(self) -> bool:
        """An import or merge commits through its own connection right now."""
        return self.exchange.busy() or self.exchange_actions.busy()

    def as_widget(self) -> QWidget:
        """The window as the parent of the dialogs its parts open."""
        return self

    def note_tag_used(self, tag_id: str) -> None:
        """The tag last applied: what "Tag all matches" offers when the codebook has no
        selection."""
        self.last_tag_id = tag_id
        self.finding.name_tag_all()

    def imports_finished(self, imported: int, failed: int) -> None:
        self.importFinished.emit(imported, failed)

    def show_in_inspector(self, a: Annotation | None) -> None:
        colleague = (a.author if a is not None and self.project is not None
                     and self.project.is_colleagues(a) else None)
        self.inspector.show_annotation(a, self.codebook, colleague=colleague)

    def on_annotation_clicked(self, annotation_id: str) -> None:
        self.select_annotation(annotation_id or None, scroll=False)

    def on_list_choice(self, annotation_id: str) -> None:
        self.select_annotation(annotation_id, scroll=True, flash=True)

    def step_annotation(self, direction: int) -> None:
        spans = self.view.spans
        current = self.current_annotation.id if self.current_annotation else None
        position = self.view.offsets.to_code_point(self.view.textCursor().position())
        span = (spans.next_after(position, current) if direction > 0
                else spans.previous_before(position, current))
        if span is not None:
            self.select_annotation(span.id)

    def on_strip_jump(self, position: int) -> None:
        self.view.scroll_to(position)

    def _update_strip_viewport(self) -> None:
        bar = self.view.verticalScrollBar()
        total = bar.maximum() + bar.pageStep()
        if total > 0:
            self.strip.set_visible_fraction(bar.value() / total,
                                            (bar.value() + bar.pageStep()) / total)

    # --- importing ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.project is not None and event.mimeData().hasUrls() and any(
                url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        files = [p for p in paths if p.is_file()]
        if files:
            event.acceptProposedAction()
            self.exchange_actions.import_files(files)

    # --- project dialogs ----------------------------------------------------------------------

    def set_analyst_name(self, name: str) -> None:
        self.preferences.set_analyst_name(name)
        if self.project is not None:
            self.project.author = name.strip()
        self.refresh_status()

    # --- status -------------------------------------------------------------------------------

    def show_comparing(self, pair: tuple[str, str] | None) -> None:
        """While two layers are compared, the status bar says so and offers the way out
        (other analysts' layers stay hidden on every document until then)."""
        if pair is None:
            self.status_comparing.hide()
            return
        self.status_comparing.setText(window_text.comparing_text(pair))
        self.status_comparing.show()

    def refresh_status(self) -> None:
        self.status_document.setText(window_text.document_text(self.document_title))
        self.status_counts.setText(window_text.counts_text(len(self.view.spans),
                                               self.documents.model.rowCount()))
        name = self.project.author if self.project else self.preferences.analyst_name()
        self.status_analyst.setText(window_text.analyst_text(name))

    def refresh_enabled(self) -> None:
        has_project = self.project is not None
        has_doc = bool(self.document_id)
        has_annotation = self.current_annotation is not None
        a = self.window_actions
        for needs, actions in ((has_project, (a.import_documents, a.export, a.merge,
                                              a.search_project, a.save_copy, a.restore_backup)),
                               (has_doc, (a.remove_document, a.find, a.tag_all)),
                               (has_annotation, (a.delete_annotation, a.set_span))):
            for action in actions:
                action.setEnabled(needs)
        self.codebook_panel.set_available(has_project)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.close_project()
        super().closeEvent(event)
