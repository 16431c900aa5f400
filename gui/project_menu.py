"""File › New, Open, Open recent; Help › sample project and About; the analyst's name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from core.project import PROJECT_SUFFIX
from gui import dialogs
from gui.window_api import WindowApi


class ProjectMenu:
    """Choosing which project the window shows, and who is annotating."""

    def __init__(self, window: WindowApi) -> None:
        self.window = window

    def new_project_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.window.as_widget(), "New project", "",
                                              f"Glossa projects (*{PROJECT_SUFFIX})")
        if name:
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(PROJECT_SUFFIX)
            self.window.create_project(path)

    def open_project_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window.as_widget(), "Open project", "",
            f"Glossa projects (*{PROJECT_SUFFIX});;All files (*)")
        if name:
            self.window.open_project(Path(name))

    def fill_recent_menu(self) -> None:
        menu = self.window.window_actions.recent_menu
        menu.clear()
        for path in self.window.preferences.recent_projects():
            action = menu.addAction(str(path))
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda _c=False, p=path: self.window.open_project(p))
        if menu.isEmpty():
            menu.addAction("(none)").setEnabled(False)

    def open_sample_project(self) -> None:
        try:
            from core.sample import ensure_sample_project
        except ImportError:
            dialogs.show_info(self.window.as_widget(), "Sample project",
                              "The sample project is not available in this version of Glossa.")
            return
        path = self.window.attempt("Sample project", ensure_sample_project)
        if path is not None:
            self.window.open_project(Path(path))

    def ask_analyst_name(self) -> None:
        name = dialogs.ask_text(self.window.as_widget(), "Analyst",
                                "Your name (recorded on your annotations):",
                                self.window.preferences.analyst_name())
        if name is not None and name.strip():
            self.window.set_analyst_name(name)

    def show_about(self) -> None:
        dialogs.show_info(self.window.as_widget(), "About Glossa",
                          "Glossa: annotate news articles — quotes, sources, tone and your own "
                          "codebook, saved as you go.")
