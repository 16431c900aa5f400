"""What the window's parts may use of the window: a protocol, so that no part imports
``gui.main_window`` (which composes them) and ``gui/`` has no import cycle."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStatusBar, QTabWidget, QWidget

from core.codebook import Codebook
from core.commands import Command
from core.model import Annotation
from core.project import Project
from gui.actions import WindowActions
from gui.article_view import ArticleView
from gui.exchange import Exchange
from gui.layers import LayerState
from gui.panels.annotation_list import AnnotationListPanel
from gui.panels.codebook import CodebookPanel
from gui.panels.documents import DocumentsPanel
from gui.panels.inspector import InspectorPanel
from gui.panels.search import FindBar, ProjectSearchPanel
from gui.preferences import Preferences
from gui.side_by_side import SideBySideView

T = TypeVar("T")


class WindowApi(Protocol):
    """The open project, the document shown, the widgets the parts drive, and the
    window's few services (run a command, show an error, select an annotation)."""

    project: Project | None
    codebook: Codebook
    document_id: str
    current_annotation: Annotation | None
    last_tag_id: str | None
    preferences: Preferences
    view: ArticleView
    inspector: InspectorPanel
    find_bar: FindBar
    project_search: ProjectSearchPanel
    codebook_panel: CodebookPanel
    documents: DocumentsPanel
    bottom_tabs: QTabWidget
    exchange: Exchange
    window_actions: WindowActions
    annotation_list: AnnotationListPanel
    side_view: SideBySideView
    layer_state: LayerState
    undo_stack: QUndoStack

    def as_widget(self) -> QWidget: ...

    def background_work(self) -> bool: ...

    def statusBar(self) -> QStatusBar: ...

    def attempt(self, title: str, work: Callable[[], T]) -> T | None: ...

    def run_command(self, command: Command) -> bool: ...

    def select_annotation(self, annotation_id: str | None, *, scroll: bool = True,
                          flash: bool = False) -> None: ...

    def show_in_inspector(self, annotation: Annotation | None) -> None: ...

    def note_tag_used(self, tag_id: str) -> None: ...

    def open_document(self, document_id: str) -> None: ...

    def open_project(self, path: Path) -> bool: ...

    def close_project(self) -> None: ...

    def create_project(self, path: Path) -> bool: ...

    def set_analyst_name(self, name: str) -> None: ...

    def imports_finished(self, imported: int, failed: int) -> None: ...

    def set_layers(self, state: LayerState) -> None: ...

    def reload_codebook(self) -> None: ...

    def refresh_status(self) -> None: ...

    def refresh_enabled(self) -> None: ...

    def show_empty_document(self) -> None: ...

    def show_side_by_side(self, pair: tuple[str, str] | None) -> None: ...

    def show_comparing(self, pair: tuple[str, str] | None) -> None: ...
