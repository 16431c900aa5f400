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

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.codebook import Codebook
from core.collector import collector_paused
from core.commands import (
    Change,
    Command,
    DeleteDocument,
)
from core.errors import GlossaError, NotFound
from core.model import Annotation, TagKind
from core.project import Project
from core.wording import count
from gui import dialogs
from gui.actions import WindowActions, build_actions
from gui.annotating import AnnotatingController
from gui.article_view import ArticleView
from gui.exchange import Exchange
from gui.exchange_actions import ExchangeActions
from gui.finding import FindController
from gui.layers import LayerState, analyst_key, colour_keys, visible_spans
from gui.overview_strip import OverviewStrip
from gui.panels.annotation_list import AnnotationListPanel
from gui.panels.codebook import CodebookPanel, swatch
from gui.panels.documents import DocumentsPanel
from gui.panels.inspector import InspectorPanel
from gui.panels.review import ReviewPanel
from gui.panels.search import FindBar, ProjectSearchPanel
from gui.preferences import Preferences
from gui.project_events import ProjectEvents
from gui.project_menu import ProjectMenu
from gui.review_controller import ReviewController
from gui.side_by_side import SideBySideView
from gui.span_index import SpanIndex
from gui.undo import run

T = TypeVar("T")

#: How long the annotation list waits after a change, so the article repaints first.
LIST_UPDATE_DELAY_MS = 30
#: Above this many annotations in one change, reload the document instead of patching it.
BULK_CHANGE = 300


class MainWindow(QMainWindow):
    """Signals:
        documentOpened(str): a document is shown (its id).
        importFinished(int, int): an import run ended (imported, failed).
    """

    documentOpened = Signal(str)
    importFinished = Signal(int, int)

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
        self.layer_state = LayerState()
        self._pending_list: dict[str, Annotation | None] = {}
        self._list_timer = QTimer(self)
        self._list_timer.setSingleShot(True)
        self._list_timer.setInterval(LIST_UPDATE_DELAY_MS)
        self._list_timer.timeout.connect(self._flush_list_updates)
        self._authors_of: dict[str, str] = {}  # annotation id -> author, when layers need it
        self.setWindowTitle("Glossa")
        self.setAcceptDrops(True)
        self._build_layout()
        # The window's parts by concern; each connects to the widgets it drives.
        self.annotating = AnnotatingController(self)
        self.finding = FindController(self)
        self.exchange_actions = ExchangeActions(self)
        self.project_menu = ProjectMenu(self)
        self._connect_parts()
        self.window_actions = self._build_actions()
        self._build_status_bar()
        self._restore_layout()
        self._show_no_project()
        self._update_enabled()

    # --- construction ---------------------------------------------------------------

    def _build_layout(self) -> None:
        self.documents = DocumentsPanel(self)
        self.documents.documentChosen.connect(self.open_document)
        self.view = ArticleView(self)
        self.view.annotationClicked.connect(self.on_annotation_clicked)
        self.view.stepRequested.connect(self.step_annotation)
        self.view.verticalScrollBar().valueChanged.connect(self._update_strip_viewport)
        self.strip = OverviewStrip(self)
        self.strip.jumpRequested.connect(self.on_strip_jump)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.title_label = QLabel(self)
        self.title_label.setAccessibleName("Document title")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setContentsMargins(8, 6, 8, 2)

        article_row = QHBoxLayout()
        article_row.setContentsMargins(0, 0, 0, 0)
        article_row.setSpacing(0)
        article_row.addWidget(self.view, 1)
        article_row.addWidget(self.strip)  # the article's, so beside it, not the copy
        self.side_view = SideBySideView(self.view, self)
        self.side_pair: tuple[str, str] | None = None
        article_row.addWidget(self.side_view, 1)
        self.side_header = QWidget(self)
        header_row = QHBoxLayout(self.side_header)
        header_row.setContentsMargins(8, 0, 8, 2)
        self.side_captions = (QLabel(self.side_header), QLabel(self.side_header))
        for caption in self.side_captions:
            caption.setTextFormat(Qt.TextFormat.PlainText)
            header_row.addWidget(caption, 1)
        self.side_header.hide()
        centre_top = QWidget(self)
        column = QVBoxLayout(centre_top)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.title_label)
        column.addWidget(self.find_bar)
        column.addWidget(self.side_header)
        column.addLayout(article_row, 1)

        self.annotation_list = AnnotationListPanel(self)
        self.annotation_list.annotationChosen.connect(self.on_list_choice)
        self.annotation_list.filterChanged.connect(self.apply_list_filter)
        self.project_search = ProjectSearchPanel(self)
        self.bottom_tabs = QTabWidget(self)
        self.bottom_tabs.setAccessibleName("Annotation list and search")
        self.bottom_tabs.addTab(self.annotation_list, "Annotations")
        self.bottom_tabs.addTab(self.project_search, "Search project")
        self.review_panel = ReviewPanel(self)
        self.bottom_tabs.addTab(self.review_panel, "Review")
        self.review = ReviewController(self, self.review_panel)
        self.bottom_tabs.setDocumentMode(True)

        self.codebook_panel = CodebookPanel(self)
        self.inspector = InspectorPanel(self)
        self.inspector.doneEditing.connect(self.view.setFocus)

        self.centre_split = QSplitter(Qt.Orientation.Vertical, self)
        self.centre_split.setObjectName("centre")
        self.centre_split.addWidget(centre_top)
        self.centre_split.addWidget(self.bottom_tabs)
        self.centre_split.setStretchFactor(0, 3)
        self.centre_split.setStretchFactor(1, 1)
        self.right_split = QSplitter(Qt.Orientation.Vertical, self)
        self.right_split.setObjectName("right")
        self.right_split.addWidget(_titled("Codebook", self.codebook_panel))
        self.right_split.addWidget(_titled("Annotation", self.inspector))
        self.main_split = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_split.setObjectName("main")
        self.main_split.addWidget(_titled("Documents", self.documents))
        self.main_split.addWidget(self.centre_split)
        self.main_split.addWidget(self.right_split)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setSizes([250, 820, 310])
        self.centre_split.setSizes([560, 220])
        self.right_split.setSizes([300, 420])
        self.setCentralWidget(self.main_split)

    def _connect_parts(self) -> None:
        annotating = self.annotating
        self.view.tagKeyPressed.connect(annotating.on_tag_key)
        self.codebook_panel.bind(self.run_command, annotating.count_tag_in_project)
        self.codebook_panel.tagClicked.connect(annotating.on_tag_clicked)
        self.inspector.editRequested.connect(annotating.edit_annotation)
        self.inspector.setSpanRequested.connect(lambda _id: annotating.set_span_to_selection())
        self.inspector.deleteRequested.connect(lambda _id: annotating.delete_annotation())

    def _build_actions(self) -> WindowActions:
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        slots: dict[str, Callable[[], object]] = {
            "new_project": self.project_menu.new_project_dialog,
            "open_project": self.project_menu.open_project_dialog,
            "import_documents": self.exchange_actions.import_dialog,
            "remove_document": self.remove_document,
            "export": self.exchange_actions.export_dialog,
            "merge": self.exchange_actions.merge_dialog,
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
        review_menu = QMenu("Re&view", self)
        self.review.fill_menu(review_menu)
        help_entry = self.menuBar().actions()[-1]
        self.menuBar().insertMenu(help_entry, review_menu)
        return actions

    def _build_status_bar(self) -> None:
        self.status_document = QLabel(self)
        self.status_counts = QLabel(self)
        self.status_analyst = QLabel(self)
        self.status_analyst.setAccessibleName("Analyst")
        self.status_comparing = QPushButton(self)
        self.status_comparing.setFlat(True)
        self.status_comparing.setAccessibleName("Leave comparison")
        self.status_comparing.setToolTip("Show every analyst's layer again (Alt+L)")
        self.status_comparing.clicked.connect(self.review.leave_comparison)
        self.status_comparing.hide()
        bar = self.statusBar()
        bar.addWidget(self.status_document, 1)
        bar.addPermanentWidget(self.status_comparing)
        bar.addPermanentWidget(self.status_counts)
        bar.addPermanentWidget(self.status_analyst)
        self._update_status()

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
        project = self.attempt("Open project", lambda: Project.open(path, author=author))
        if project is None:
            return False
        self._set_project(project)
        self.preferences.add_recent_project(path)
        if project.store.upgrade is not None:  # an older file: say where its copy is
            self.statusBar().showMessage(project.store.upgrade.message(), 30000)
        return True

    def create_project(self, path: Path) -> bool:
        author = self.preferences.analyst_name() or None
        project = self.attempt("New project", lambda: Project.create(path, author=author))
        if project is None:
            return False
        self._set_project(project)
        self.preferences.add_recent_project(path)
        return True

    def close_project(self) -> None:
        self.exchange_actions.shutdown()
        self.exchange.shutdown()
        self.show_side_by_side(None)
        self._list_timer.stop()
        self._pending_list.clear()
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
        self.events = ProjectEvents(project, self)
        self.events.changed.connect(self.on_project_changed)
        self.setWindowTitle(f"{project.name} — Glossa")
        self.annotation_list.model.set_project(project)
        self.review.project_opened()
        self._reload_codebook()
        docs = project.documents()
        self.documents.set_documents(docs, None)
        self.view.clear_document()
        self.current_annotation = None
        if docs:
            self.open_document(docs[0].id)
        else:
            self._show_empty_document()
        self._update_enabled()

    def _show_no_project(self) -> None:
        self.title_label.setText("No project is open. Create one with File ▸ New project "
                                 "(Ctrl+N), open one (Ctrl+O), or look around in the sample "
                                 "project (Help ▸ Open sample project).")
        self.title_label.setWordWrap(True)
        self.title_label.show()

    def _show_empty_document(self) -> None:
        self.document_id = ""
        self.document_title = ""
        self.view.clear_document()
        self.title_label.setText("Import articles with File ▸ Import documents, or drop files here")
        self.title_label.show()
        self.strip.set_content(SpanIndex(), 0, {}, set())
        self._refresh_side_view()  # nothing to show beside an empty article
        self.apply_list_filter()
        self.select_annotation(None)
        self._update_status()

    def _reload_codebook(self) -> None:
        if self.project is None:
            return
        self.codebook = self.project.codebook()
        self.codebook_panel.set_codebook(self.codebook, self.view.spans.tag_counts)
        self.annotation_list.set_choices(self.codebook, self.project.authors())
        self.annotation_list.model.refresh_codebook(self.codebook)
        self._rebuild_tag_menu()

    @property
    def article_layers(self) -> LayerState:
        """The layers the article shows: the chosen ones, except that side by side,
        B's layer moves to the view beside it and both sides are coloured by tag."""
        if self.side_pair is None:
            return self.layer_state
        return LayerState(hidden=self.layer_state.hidden | {self.side_pair[1]},
                          by_analyst=False)

    def _colours(self) -> dict[str, str]:
        colours = {t.id: t.color for t in self.codebook.tags}
        if self.article_layers.by_analyst:
            colours.update((analyst_key(name), colour)
                           for name, colour in self.review.analyst_colours.items())
        return colours

    def _span_index(self, document_id: str) -> SpanIndex:
        """The document's spans in the layers shown, and their colour keys for the view."""
        assert self.project is not None
        spans = self.project.spans(document_id)
        layers = self.article_layers
        if not layers.needs_authors:
            self._authors_of = {}
            self.view.highlighter.colour_keys = None
            return SpanIndex(spans)
        self._authors_of = self.project.annotation_authors(document_id)
        self.view.highlighter.colour_keys = colour_keys(self._authors_of, layers)
        return SpanIndex(visible_spans(spans, self._authors_of, layers))

    def show_side_by_side(self, pair: tuple[str, str] | None) -> None:
        """B's layer beside the article (the other shown layers stay in it), both in tag
        colours; None: one article with every shown layer again."""
        if pair == self.side_pair:
            self._refresh_side_view()
            return
        self.side_pair = pair
        self.set_layers(self.layer_state)

    def _refresh_side_view(self) -> None:
        if self.side_pair is None or self.project is None or not self.document_id:
            self.side_view.close_copy()
            self.side_header.hide()
            return
        analyst = self.side_pair[1]
        here = [name for name in self.project.authors()
                if name != analyst and self.layer_state.shows(name)]
        left, right = self.side_captions
        left.setText(f"{here[0]}'s annotations" if len(here) == 1
                     else f"Annotations by {', '.join(here)}" if here else "No layer shown")
        shown = self.layer_state.shows(analyst)
        right.setText(f"{analyst}'s annotations" + ("" if shown else " (layer hidden)"))
        self.side_header.show()
        authors = self.project.annotation_authors(self.document_id)
        spans = [s for s in self.project.spans(self.document_id)
                 if shown and authors.get(s.id) == analyst]
        self.side_view.show_layer(analyst, self.document_id, self.view.text, spans,
                                  {t.id: t.color for t in self.codebook.tags})

    def set_layers(self, state: LayerState) -> None:
        """Show these analysts' layers, coloured by tag or by analyst (see
        ``article_layers`` for side by side)."""
        self.layer_state = state
        self._reload_document_spans()
        self._refresh_side_view()
        self.codebook_panel.set_counts(self.view.spans.tag_counts)
        self._update_status()

    def _tone_tags(self) -> set[str]:
        return {t.id for t in self.codebook.tags if t.kind is TagKind.TONE}

    def _rebuild_tag_menu(self) -> None:
        menu = self.window_actions.tag_menu
        for action in menu.actions():
            self.view.removeAction(action)
        menu.clear()
        # In key order (1, 2, … 9, 0), then the tags without a key by path.
        for tag in sorted(self.codebook.tags, key=lambda t: (
                not t.key, _key_rank(t.key), self.codebook.path(t.id).casefold())):
            action = QAction(self.codebook.path(tag.id), menu)
            action.setIcon(swatch(tag.color))
            if tag.key:
                action.setShortcut(QKeySequence(tag.key))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.view.addAction(action)
            action.triggered.connect(
                lambda _c=False, tag_id=tag.id: self.annotating.annotate_selection(tag_id))
            menu.addAction(action)

    # --- documents ------------------------------------------------------------------------

    def open_document(self, document_id: str) -> None:
        """Show a document with its highlights and list its annotations."""
        if self.project is None or not document_id:
            return
        doc = self.attempt("Open document", lambda: self.project.document(document_id)
                           if self.project else None)
        if doc is None:
            return
        with collector_paused():  # tens of thousands of small objects, none of them cyclic
            spans = self._span_index(doc.id)
        self.document_id = doc.id
        self.document_title = doc.title
        self.title_label.hide()  # the article's own first line is its headline
        self.view.show_document(doc.id, doc.text, spans, self._colours())
        self.strip.set_content(spans, len(doc.text), self._colours(), self._tone_tags())
        self.codebook_panel.set_counts(spans.tag_counts)
        self.current_annotation = None
        self.inspector.show_annotation(None, self.codebook)
        self.documents.select(doc.id)
        # The list fills right after the article paints; the article is what the eye needs first.
        self.annotation_list.model.set_filter(
            self.annotation_list.current_filter(doc.id, self.codebook), load=False)
        QTimer.singleShot(0, lambda: self._fill_list_for(doc.id))
        if self.find_bar.isVisible():
            self.finding.update_find()
        self._update_status()
        self._update_enabled()
        # The span index and the text's tables live as long as the document is open: move
        # them out of the cyclic collector's sight, or each full collection walks 50k spans
        # (10-15 ms, landing on whichever key press allocates at the wrong moment). They are
        # acyclic, so reference counting still frees them when the next document replaces them.
        gc.freeze()
        self.review.document_opened()
        self._refresh_side_view()
        self.documentOpened.emit(doc.id)

    def _fill_list_for(self, document_id: str) -> None:
        """Fill the list once the article has painted (unless another document is open)."""
        if document_id == self.document_id:
            with collector_paused():
                self.apply_list_filter()

    def _reload_document_spans(self) -> None:
        """Many annotations changed at once: rebuild the index and repaint everything."""
        if self.project is None or not self.document_id:
            return
        spans = self._span_index(self.document_id)
        self.view.replace_spans(spans, self._colours())
        self.strip.set_content(spans, len(self.view.text), self._colours(), self._tone_tags())

    def remove_document(self) -> None:
        if self.project is None or not self.document_id:
            return
        question = (f"Remove {self.document_title!r} and its "
                    f"{count(len(self.view.spans), 'annotation')} from the project? "
                    "You can undo this.")
        if dialogs.confirm(self, "Remove document", question):
            removed = self.document_id
            if self.run_command(DeleteDocument(removed, text=f"Remove {self.document_title}")):
                docs = self.project.documents()
                if docs:
                    self.open_document(docs[0].id)
                else:
                    self._show_empty_document()

    # --- annotating -------------------------------------------------------------------------

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
        self._update_enabled()

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

    # --- change events ------------------------------------------------------------------------

    def on_project_changed(self, change: Change) -> None:
        """Refresh what ``change`` touched: the paragraphs, rows and counts, nothing more."""
        if self.project is None:
            return
        if change.codebook:
            self.codebook = self.project.codebook()
            self.view.set_colours(self._colours())
        if change.document_list and self.document_id and not self._document_is_live():
            self._leave_removed_document()
            return
        fetched = self.fetch(change.annotations) if len(change.annotations) <= BULK_CHANGE else {}
        in_document = self.document_id in change.documents or any(
            a is not None and a.document_id == self.document_id for a in fetched.values())
        if self.document_id and (in_document or (change.document_list
                                                 and not change.annotations)):
            if len(change.annotations) > BULK_CHANGE or not change.annotations:
                self._reload_document_spans()
            else:
                self._patch_document(fetched)
            self.strip.invalidate()
        if change.annotations and len(change.annotations) <= BULK_CHANGE:
            self._queue_list_update(fetched)
        elif change.annotations or change.document_list:
            self.apply_list_filter()
        if change.codebook:
            self._reload_codebook()
            self.strip.set_content(self.view.spans, len(self.view.text), self._colours(),
                                   self._tone_tags())
        else:
            self.codebook_panel.set_counts(self.view.spans.tag_counts)
        if change.document_list or set(change.documents) - {self.document_id}:
            self.documents.set_documents(self.project.documents(), self.document_id)
        elif self.document_id and change.annotations:
            self.documents.model.set_count(self.document_id, len(self.view.spans))
        if self.current_annotation is not None and (
                self.current_annotation.id in change.annotations or change.codebook):
            self.select_annotation(self.current_annotation.id, scroll=False)
        self.review.on_project_changed(
            change, {a.author for a in fetched.values() if a is not None})
        if self.side_pair is not None and (change.annotations or change.codebook):
            self._refresh_side_view()
        self._update_status()

    def _document_is_live(self) -> bool:
        assert self.project is not None
        return any(d.id == self.document_id for d in self.project.documents())

    def _leave_removed_document(self) -> None:
        """The open document was removed (a redo, or the undo of what added it): show
        the first one left, so nobody annotates a document that is gone."""
        assert self.project is not None
        documents = self.project.documents()
        self.codebook = self.project.codebook()
        self.documents.set_documents(documents, None)
        self.current_annotation = None
        if documents:
            self.open_document(documents[0].id)
        else:
            self._show_empty_document()
        self._reload_codebook()
        self.review.on_project_changed(Change(document_list=True))
        self._update_enabled()

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
        if pending and self.project is not None:
            current = self.current_annotation
            self.annotation_list.apply_changes(pending, current.id if current else None)

    def fetch(self, ids: set[str]) -> dict[str, Annotation | None]:
        assert self.project is not None
        found: dict[str, Annotation | None] = {}
        for annotation_id in ids:
            try:
                a = self.project.annotation(annotation_id)
                found[annotation_id] = None if a.deleted else a
            except NotFound:
                found[annotation_id] = None
        return found

    def _patch_document(self, fetched: dict[str, Annotation | None]) -> None:
        spans = self.view.spans
        keys = self.view.highlighter.colour_keys
        layers = self.article_layers
        for annotation_id, a in fetched.items():
            if a is not None and layers.needs_authors:
                self._authors_of[a.id] = a.author
                if keys is not None:
                    keys[a.id] = analyst_key(a.author)
            if (a is not None and a.document_id == self.document_id
                    and layers.shows(a.author)):
                old = spans.put(a)
                self.view.refresh_range(a.start, a.end)
            else:
                old = spans.remove(annotation_id)
            if old is not None:
                self.view.refresh_range(old.start, old.end)

    # --- list, find, search -------------------------------------------------------------------

    def apply_list_filter(self) -> None:
        """Re-query the annotation list for its filters."""
        panel = self.annotation_list
        self._pending_list.clear()  # the query below sees every change already
        panel.show_document_column()
        panel.model.set_filter(panel.current_filter(self.document_id, self.codebook))
        if self.current_annotation is not None:
            panel.select(self.current_annotation.id)

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
        self._update_status()

    # --- status -------------------------------------------------------------------------------

    def show_comparing(self, pair: tuple[str, str] | None) -> None:
        """While two layers are compared, the status bar says so and offers the way out
        (other analysts' layers stay hidden on every document until then)."""
        if pair is None:
            self.status_comparing.hide()
            return
        self.status_comparing.setText(f"Comparing {pair[0]} with {pair[1]} · Leave ✕")
        self.status_comparing.show()

    def _update_status(self) -> None:
        doc = self.document_title or "No document"
        self.status_document.setText(doc)
        n_docs = self.documents.model.rowCount()
        self.status_counts.setText(f"{len(self.view.spans):,} annotations here · "
                                   f"{n_docs} document{'s' if n_docs != 1 else ''}")
        name = self.project.author if self.project else self.preferences.analyst_name()
        self.status_analyst.setText(f"Analyst: {name or '—'}")

    def _update_enabled(self) -> None:
        has_project = self.project is not None
        has_doc = bool(self.document_id)
        has_annotation = self.current_annotation is not None
        a = self.window_actions
        a.import_documents.setEnabled(has_project)
        a.remove_document.setEnabled(has_doc)
        a.export.setEnabled(has_project)
        a.merge.setEnabled(has_project)
        a.delete_annotation.setEnabled(has_annotation)
        a.set_span.setEnabled(has_annotation)
        a.find.setEnabled(has_doc)
        a.tag_all.setEnabled(has_doc)
        a.search_project.setEnabled(has_project)
        self.codebook_panel.set_available(has_project)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.close_project()
        super().closeEvent(event)


def _titled(title: str, widget: QWidget) -> QWidget:
    """A panel with a small caption above it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.setSpacing(4)
    caption = QLabel(title)
    font = caption.font()
    font.setBold(True)
    caption.setFont(font)
    layout.addWidget(caption)
    layout.addWidget(widget, 1)
    return box


def _key_rank(key: str | None) -> tuple[int, str]:
    """Digits in keyboard order (1 … 9, 0), then other keys alphabetically."""
    position = "1234567890".find(key) if key and len(key) == 1 else -1
    return (position, "") if position >= 0 else (10, key or "")
