"""Export and merge, as the window offers them: dialogs, progress, and what happens after.

Both are long work, done on worker threads with their own connections to the file; the
window's ``Project`` is never touched from another thread. An export runs in
``ExportWorker``. A merge runs in ``MergeWorker``; the applied command then goes on the
window's undo stack (undone on the window's connection) and the window hears the change
through ``Project.announce``, so Ctrl+Z takes the whole merge back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from core.commands import Change, Command
from core.errors import GlossaError
from core.importers.interchange import interchange_kind
from core.importers.placing import ImportReport
from core.importers.qdpx import import_qdpx
from core.importers.w3c import import_w3c
from core.project import Project
from core.review.merge import MergeProject, MergeReport
from core.review.merge_source import read_source
from gui import dialogs
from gui.export_dialog import AgreementReportRequest, ExportDialog, ExportRequest
from gui.i18n import counted, number, translate
from gui.undo import push_applied, run
from gui.workers import ExportWorker

#: Anki's rule: a progress dialog appears only for work that takes a noticeable while.
PROGRESS_DELAY_MS = 600


class MergeWorker(QThread):
    """Reads, checks and merges a colleague's project or export off the GUI thread.

    It opens its own ``Project`` on the same file (WAL lets the window keep reading and
    writing meanwhile) and applies one ``MergeProject`` there, in one transaction.

    Signals:
        done(object, object): the applied ``MergeProject`` and its ``Change``.
        failed(str): nothing was merged; the message says why.
    """

    done = Signal(object, object)
    failed = Signal(str)

    def __init__(self, project_path: Path, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project_path = project_path
        self.path = path
        #: The numbers of the commits it made, for the window to adopt as its own.
        self.commits: tuple[int, ...] = ()

    def run(self) -> None:
        try:
            source = read_source(self.path)
            with Project.open(self.project_path) as project:
                command = MergeProject(source)
                change = project.execute(command)
                self.commits = project.commits_made()
        except GlossaError as err:
            self.failed.emit(str(err))
        except Exception as err:  # a damaged file must never take the window down
            self.failed.emit(f"{self.path.name}: cannot be merged ({err!r})")
        else:
            self.done.emit(command, change)


class Exchange(QObject):
    """Runs exports and merges for a window.

    Signals:
        exportFinished(str, int): the file written and how many annotations it holds.
        exportFailed(str): the message shown to the user.
        mergeFinished(object): the ``MergeReport`` of a merge that was applied.
        annotationsImported(object): the ``ImportReport`` of W3C or REFI-QDA data taken in.
    """

    exportFinished = Signal(str, int)
    exportFailed = Signal(str)
    mergeFinished = Signal(object)
    annotationsImported = Signal(object)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._export_worker: ExportWorker | None = None
        self._merge_worker: MergeWorker | None = None

    def busy(self) -> bool:
        return self._export_worker is not None or self._merge_worker is not None

    def shutdown(self) -> None:
        """Stop what runs before the project closes or the window goes: an export is
        cancelled (its target stays untouched), a merge is waited for (it commits to the
        file; ``start_merge`` then tells the user the window moved on)."""
        if self._export_worker is not None:
            self._export_worker.cancel()
            self._export_worker.wait()
        if self._merge_worker is not None:
            self._merge_worker.wait()

    # --- export ---------------------------------------------------------------------------

    def ask_export(self, project: Project, document_id: str | None,
                   folder: Path | None = None) -> ExportDialog:
        """The export dialog for ``project``, ready to ``exec``."""
        return ExportDialog(project.documents(), document_id, project.codebook(),
                            project.authors(), folder or project.path.parent, self._window)

    def start_export(self, project: Project,
                     request: ExportRequest | AgreementReportRequest) -> ExportWorker | None:
        """Export in the background with a (delayed) progress dialog that can cancel it."""
        if self.busy():
            dialogs.show_info(self._window, translate(
                "Exchange", "Export"), translate(
                    "Exchange", "An export or merge is already running."))
            return None
        worker = ExportWorker(project.path, request, self)
        progress = QProgressDialog(
            translate("Exchange", "Exporting to {name}…").format(name=request.path.name),
            translate("Exchange", "Cancel"), 0, 0, self._window)
        progress.setWindowTitle(translate("Exchange", "Export"))
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(worker.cancel)

        def on_progress(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, max(total, 1)))

        def finish() -> None:
            progress.close()
            progress.deleteLater()
            worker.wait()
            worker.deleteLater()
            self._export_worker = None
            if getattr(self._window, "project", None) is project:
                project.adopt_commits(worker.commits)

        def on_done(count: int, notes: list[str]) -> None:
            finish()
            self.exportFinished.emit(str(request.path), count)
            message = "\n".join([counted(count, translate(
                "Exchange", "Exported {n} annotation to {path}."), translate(
                "Exchange", "Exported {n} annotations to {path}."), path=request.path), *notes])
            if dialogs.offer_open(self._window, translate("Exchange", "Export"), message) and not (
                    QDesktopServices.openUrl(QUrl.fromLocalFile(str(request.path)))):
                dialogs.show_error(self._window, translate("Exchange", "Export"),
                                   translate("Exchange", "{path} was written, but no program "
                                             "opened it (is one set up for {suffix} files?). "
                                             "Open it from its folder.").format(
                                       path=request.path, suffix=request.path.suffix or "such"))

        def on_failed(message: str) -> None:
            finish()
            self.exportFailed.emit(message)
            dialogs.show_error(self._window, translate("Exchange", "Export"), message)

        worker.progress.connect(on_progress)
        worker.done.connect(on_done)
        worker.failed.connect(on_failed)
        self._export_worker = worker
        worker.start()
        return worker

    # --- merge ----------------------------------------------------------------------------

    def _import_annotation_data(self, project: Project, stack_owner: QObject, path: Path,
                                kind: str) -> None:
        """W3C or REFI-QDA annotations onto matching documents, one undo step."""
        stack = getattr(stack_owner, "undo_stack", None)

        def execute(command: Command) -> object:
            return run(stack, project, command) if stack is not None else project.execute(
                command)

        importer = import_w3c if kind == "w3c" else import_qdpx
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = importer(project, path, execute=execute)
        except GlossaError as err:
            dialogs.show_error(self._window, translate("Exchange", "Merge"), str(err))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.annotationsImported.emit(report)
        dialogs.show_info(self._window, translate(
            "Exchange", "Merge"), describe_import(report, path))

    def ask_merge_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self._window, translate("Exchange", "Merge a colleague's work"), "", translate(
                "Exchange", "Colleague's work (*.glossa *.json *.jsonld *.qdpx);;Glossa projects "
                            "(*.glossa);;Glossa JSON exports (*.json);;W3C Web Annotation "
                            "(*.json *.jsonld);;REFI-QDA projects (*.qdpx);;All files (*)"))
        return Path(name) if name else None

    def start_merge(self, project: Project, stack_owner: QObject, path: Path) -> None:
        """Bring a colleague's work into ``project`` as one undo step.

        A Glossa project or JSON export is read, checked and merged off-thread (the window
        stays usable); W3C and REFI-QDA files are placed onto matching documents.
        """
        if self.busy():
            dialogs.show_info(self._window, translate(
                "Exchange", "Merge"), translate(
                    "Exchange", "An export or merge is already running."))
            return
        try:
            kind = interchange_kind(path)
        except OSError as err:
            dialogs.show_error(self._window, translate(
                "Exchange", "Merge"), f"{path.name}: {err.strerror or err}")
            return
        if kind in ("w3c", "qdpx"):
            self._import_annotation_data(project, stack_owner, path, kind)
            return
        worker = MergeWorker(project.path, path, self)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def finish() -> None:
            QGuiApplication.restoreOverrideCursor()
            worker.wait()
            worker.deleteLater()
            self._merge_worker = None

        def on_merged(command: MergeProject, change: Change) -> None:
            finish()
            if getattr(self._window, "project", None) is not project:
                dialogs.show_info(self._window, translate("Exchange", "Merge"), translate(
                    "Exchange", "{name} was merged into {project}, which was closed meanwhile; "
                                "reopen it to see the result (there is nothing to undo here).")
                    .format(name=path.name, project=project.name))
                return
            stack = getattr(stack_owner, "undo_stack", None)
            if stack is not None:
                push_applied(stack, project, command)
            project.announce(change, commits=worker.commits)
            self.mergeFinished.emit(command.report)
            dialogs.show_info(self._window, translate(
                "Exchange", "Merge"), describe_merge(command.report))

        def on_failed(message: str) -> None:
            finish()
            dialogs.show_error(self._window, translate("Exchange", "Merge"), message)

        worker.done.connect(on_merged)
        worker.failed.connect(on_failed)
        self._merge_worker = worker
        worker.start()


def _listed(title: str, items: list[str], shown: int) -> list[str]:
    """A titled bullet list of at most ``shown`` items, saying how many more there are."""
    if not items:
        return []
    lines = ["", title, *(f"• {item}" for item in items[:shown])]
    if len(items) > shown:
        lines.append(_more(len(items) - shown))
    return lines


def describe_import(report: ImportReport, path: Path, shown: int = 10) -> str:
    """What an annotation-data import placed, what it could not and what it warned of."""
    return "\n".join([
        f"{path.name}: {report.summary()}",
        *_listed(translate("Exchange", "Not placed:"),
                 [f"{u.ref}: {u.reason}" for u in report.unplaced], shown),
        *_listed(translate("Exchange", "Warnings:"), report.warnings, shown),
    ])


def describe_merge(report: MergeReport, shown: int = 10) -> str:
    """The merge summary, with the passages that could not be placed (never hidden)."""
    lines = [report.summary() + "."]
    if report.unplaced:
        lines.append("")
        lines.append(translate("Exchange", "These annotations could not be placed on your copy "
                                           "of the text:"))
        for item in report.unplaced[:shown]:
            lines.append(f"• {item.document_title}: „{item.exact[:60]}“ ({item.reason})")
        if len(report.unplaced) > shown:
            lines.append(_more(len(report.unplaced) - shown))
    return "\n".join(lines)


def _more(n: int) -> str:
    return translate("Exchange", "… and {n} more.").format(n=number(n))
