"""File › New, Open, Open recent; Help › sample project and About; the analyst's name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from core.backups import Backup, list_backups, restore
from core.labels import backup_kind_label
from core.project import PROJECT_SUFFIX
from gui import dialogs
from gui.i18n import counted, day, translate
from gui.window_api import WindowApi


class ProjectMenu:
    """Choosing which project the window shows, and who is annotating."""

    def __init__(self, window: WindowApi) -> None:
        self.window = window

    def new_project_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window.as_widget(), translate("ProjectMenu", "New project"), "",
            translate("ProjectMenu", "Glossa projects (*{suffix})").format(suffix=PROJECT_SUFFIX))
        if name:
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(PROJECT_SUFFIX)
            self.window.create_project(path)

    def open_project_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window.as_widget(), translate("ProjectMenu", "Open project"), "",
            translate("ProjectMenu", "Glossa projects (*{suffix});;All files (*)").format(
                suffix=PROJECT_SUFFIX))
        if name:
            self.window.open_project(Path(name))

    def restore_backup(self) -> None:
        """File › Restore from backup: choose one, close the project, put it in place,
        open it again. The project as it was is kept as a backup first (core does)."""
        window = self.window
        project = window.project
        if project is None:
            return
        path = project.path
        found = [b for b in list_backups(path) if not b.problem]
        if not found:
            dialogs.show_info(window.as_widget(), translate("ProjectMenu", "Restore from backup"),
                              translate("ProjectMenu", "There is no backup of {name} yet (one "
                                        "is taken each day the project is opened, and by "
                                        "glossa backup).").format(name=path.name))
            return
        items = [_backup_line(b) for b in found]
        chosen = dialogs.choose(window.as_widget(), translate("ProjectMenu", "Restore from backup"),
                                translate("ProjectMenu", "Put which backup in place of "
                                          "{name}? The project as it is now is kept as a "
                                          "backup first.").format(name=path.name), items)
        if chosen is None:
            return
        window.close_project()
        kept = window.attempt(translate("ProjectMenu", "Restore from backup"),
                              lambda: restore(path, found[chosen].path))
        window.open_project(path)
        if kept is not None:
            window.statusBar().showMessage(
                translate("ProjectMenu", "Restored the backup of {backup}; the project as it "
                          "was is kept in {kept}.").format(backup=items[chosen],
                                                         kept=kept.name), 15000)

    def save_copy(self) -> None:
        """File › Save a copy as: the way out when the file is on a full disk, read-only,
        or was moved or deleted while open; the copy then opens in its place."""
        project = self.window.project
        if project is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self.window.as_widget(), translate("ProjectMenu", "Save a copy as"),
            str(project.path.with_name(project.path.stem + " copy" + PROJECT_SUFFIX)),
            translate("ProjectMenu", "Glossa projects (*{suffix})").format(suffix=PROJECT_SUFFIX))
        if not name:
            return
        copy = self.window.attempt(translate("ProjectMenu", "Save a copy"),
                                   lambda: project.save_copy(name, overwrite=True))
        if copy is not None and dialogs.confirm(
                self.window.as_widget(), translate("ProjectMenu", "Save a copy"),
                translate("ProjectMenu", "Saved {name}. Work on in the copy from now on?")
                .format(name=copy.name)):
            self.window.open_project(copy)

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
            dialogs.show_info(self.window.as_widget(), translate("ProjectMenu", "Sample project"),
                              translate("ProjectMenu", "The sample project is not available in "
                                                       "this version of Glossa."))
            return
        path = self.window.attempt(translate("ProjectMenu", "Sample project"),
                                   ensure_sample_project)
        if path is not None:
            self.window.open_project(Path(path))

    def ask_analyst_name(self) -> None:
        name = dialogs.ask_text(self.window.as_widget(), translate("ProjectMenu", "Analyst"),
                                translate("ProjectMenu", "Your name (recorded on your "
                                                         "annotations):"),
                                self.window.preferences.analyst_name())
        if name is not None and name.strip():
            self.window.set_analyst_name(name)

    def show_about(self) -> None:
        dialogs.show_info(self.window.as_widget(), translate("ProjectMenu", "About Glossa"),
                          translate("ProjectMenu", "Glossa: annotate news articles — quotes, "
                                                   "sources, tone and your own "
                          "codebook, saved as you go."))


def _backup_line(backup: Backup) -> str:
    """"22.09.2021 14:05 · daily · 3 annotations": when (local time), which kind, how much."""
    taken = backup.taken.astimezone()
    kind = backup_kind_label(backup.kind.value)
    return (f"{day(taken.strftime('%Y-%m-%d'))} {taken:%H:%M} · {kind} · "
            + counted(backup.annotations or 0, translate("ProjectMenu", "{n} annotation"),
                      translate("ProjectMenu", "{n} annotations")))
