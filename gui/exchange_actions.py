"""File › Import, Export and Merge: the dialogs, and imports off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from core.project import ImportResult
from gui import dialogs
from gui.i18n import counted, number, translate
from gui.window_api import WindowApi
from gui.workers import BackupWorker, ImportWorker

FALLBACK_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".epub")


def supported_extensions() -> tuple[str, ...]:
    try:
        from core.importers import SUPPORTED_EXTENSIONS
    except ImportError:
        return FALLBACK_EXTENSIONS
    return tuple(SUPPORTED_EXTENSIONS)


class ExchangeActions:
    """Bringing files in and writing them out, for one window."""

    def __init__(self, window: WindowApi) -> None:
        self.window = window
        self._import_worker: ImportWorker | None = None
        self._backup_worker: BackupWorker | None = None

    def start_backup(self) -> None:
        """The day's rolling backup of the open project, in the background."""
        project = self.window.project
        if project is None or self._backup_worker is not None:
            return
        worker = BackupWorker(project.path, self.window.as_widget())

        def finished(_path: str) -> None:
            worker.wait()
            worker.deleteLater()
            self._backup_worker = None
            if self.window.project is project:
                project.adopt_commits(worker.commits)

        worker.done.connect(finished)
        self._backup_worker = worker
        worker.start()

    def busy(self) -> bool:
        return self._import_worker is not None or self._backup_worker is not None

    def shutdown(self) -> None:
        """The project closes: stop a running import and wait for it."""
        if self._import_worker is not None:
            self._import_worker.cancel()
            self._import_worker.wait()
        if self._backup_worker is not None:
            self._backup_worker.wait()  # a copy under way is finished, not torn

    def import_dialog(self) -> None:
        if self.window.project is None:
            dialogs.show_info(self.window.as_widget(), translate(
                "ExchangeActions", "Import"), translate(
                    "ExchangeActions", "Open or create a project first."))
            return
        patterns = " ".join(f"*{ext}" for ext in supported_extensions())
        names, _ = QFileDialog.getOpenFileNames(
            self.window.as_widget(), translate("ExchangeActions", "Import documents"), "",
            translate("ExchangeActions", "Articles ({patterns});;All files (*)").format(
                patterns=patterns))
        if names:
            self.import_files([Path(n) for n in names])

    def export_dialog(self) -> None:
        """File > Export: ask what to export, then write it in the background."""
        if self.window.project is None:
            return
        preferences = self.window.preferences
        dialog = self.window.exchange.ask_export(self.window.project, self.window.document_id,
                                                 preferences.export_folder())
        dialog.restore_choices(*preferences.export_choices())
        if dialog.exec():
            request = dialog.request()
            preferences.remember_export(request.path.parent, request.format,
                                        dialog.scope_name())
            self.window.exchange.start_export(self.window.project, request)

    def merge_dialog(self) -> None:
        """File > Merge: a colleague's project or export joins this one, as one undo step."""
        if self.window.project is None:
            return
        path = self.window.exchange.ask_merge_file()
        if path is not None:
            self.window.exchange.start_merge(self.window.project, self.window.as_widget(), path)

    def import_files(self, paths: list[Path]) -> None:
        """Import off the GUI thread with a progress dialog (shown only if it takes a while)."""
        if self.window.project is None or not paths:
            return
        if self._import_worker is not None:
            dialogs.show_info(self.window.as_widget(), translate(
                "ExchangeActions", "Import"), translate(
                    "ExchangeActions", "An import is already running."))
            return
        parent = self.window.as_widget()
        worker = ImportWorker(self.window.project.path, paths, self.window.project.author, parent,
                              suggest=self.window.preferences.suggest_on_import())
        progress = QProgressDialog(translate("ExchangeActions", "Importing…"),
                                   translate("ExchangeActions", "Cancel"), 0, len(paths), parent)
        progress.setWindowTitle(translate("ExchangeActions", "Import"))
        progress.setMinimumDuration(600)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        progress.canceled.connect(worker.cancel)
        imported: list[ImportResult] = []
        errors: list[str] = []

        def on_progress(n: int, name: str) -> None:
            progress.setValue(n)
            progress.setLabelText(translate("ExchangeActions", "Importing {name} ({n} of "
                                            "{total})").format(name=name, n=number(n + 1),
                                                               total=number(len(paths))))

        def on_done(ok: int, bad: int, cancelled: bool) -> None:
            progress.close()
            progress.deleteLater()
            worker.wait()
            worker.deleteLater()
            self._import_worker = None
            if self.window.project is not None:
                self.window.project.adopt_commits(worker.commits)  # the worker's, not news
            if self.window.project is not None:
                self.window.documents.set_documents(self.window.project.documents(),
                                                    self.window.document_id)
                fresh = [r for r in imported if not r.duplicate]
                if fresh:
                    self.window.open_document(fresh[-1].document.id)
                elif imported:
                    self.window.open_document(imported[-1].document.id)
            duplicates = sum(1 for r in imported if r.duplicate)
            summary = counted(ok - duplicates,
                              translate("ExchangeActions", "Imported {n} document"),
                              translate("ExchangeActions", "Imported {n} documents"))
            if duplicates:
                summary += translate("ExchangeActions", ", {n} already in the project").format(
                    n=number(duplicates))
            if cancelled:
                summary += translate("ExchangeActions", " (cancelled)")
            self.window.statusBar().showMessage(summary + ".", 6000)
            if errors:
                dialogs.show_error(self.window.as_widget(), translate(
                    "ExchangeActions", "Import"), "\n".join(errors))
            self.window.imports_finished(ok, bad)

        worker.progress.connect(on_progress)
        worker.imported.connect(imported.append)
        worker.failed.connect(errors.append)
        worker.done.connect(on_done)
        self._import_worker = worker
        worker.start()
