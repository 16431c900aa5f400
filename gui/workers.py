"""Imports and exports off the GUI thread.

Choice: the worker opens its *own* ``Project`` on the same file and calls core's
``import_file`` for each path. Reading and parsing (the slow part) and the insert
both happen in the worker, so gui/ re-implements none of the import rules
(duplicate detection, titles, metadata). That is safe because the project is in
WAL mode with a busy timeout: the window's connection keeps reading and writing
while the worker commits one short transaction per document, and no ``Project``
object is ever shared between threads. The window's ``Project`` does not hear the
worker's changes, so the window refreshes its document list on ``imported``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from core.errors import GlossaError
from core.project import ImportResult, Project
from gui.export_dialog import AgreementReportRequest, ExportRequest
from gui.i18n import translate


class ImportWorker(QThread):
    """Imports ``paths`` into the project at ``project_path``.

    Signals:
        progress(int, str): about to read file number n (0-based) with this name.
        imported(object): one file done (an ``ImportResult``).
        failed(str): one file could not be imported; the message names it.
        done(int, int, bool): (imported, failed, cancelled) when the worker stops.
    """

    progress = Signal(int, str)
    imported = Signal(object)
    failed = Signal(str)
    done = Signal(int, int, bool)

    def __init__(self, project_path: Path, paths: list[Path], author: str,
                 parent: QObject | None = None, *, suggest: bool = False) -> None:
        super().__init__(parent)
        self.project_path = project_path
        self.paths = list(paths)
        self.author = author
        self.suggest = suggest
        self._cancel = threading.Event()
        #: The numbers of the commits it made, for the window to adopt as its own.
        self.commits: tuple[int, ...] = ()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        ok = bad = 0
        try:
            project = Project.open(self.project_path, author=self.author,
                                   rolling_backup=False)  # the window's BackupWorker does
        except Exception as err:  # the window waits for done(): it must always come
            self.failed.emit(str(err) if isinstance(err, GlossaError)
                             else translate("Workers", "{name}: cannot be opened ({error})")
                             .format(name=self.project_path.name, error=err))
            self.done.emit(0, len(self.paths), False)
            return
        try:
            for n, path in enumerate(self.paths):
                if self.cancelled():
                    break
                self.progress.emit(n, path.name)
                try:
                    result: ImportResult = project.import_file(path, cancel=self.cancelled)
                    if self.suggest and not result.duplicate:  # quotes and sources proposed
                        from core.suggest.apply import suggest

                        suggest(project, result.document.id)
                except GlossaError as err:
                    if self.cancelled():
                        break
                    bad += 1
                    self.failed.emit(str(err))
                except Exception as err:  # an importer bug must not kill the thread silently
                    bad += 1
                    self.failed.emit(translate(
                        "Workers", "{name}: could not be imported ({error})").format(
                        name=path.name, error=err))
                else:
                    ok += 1
                    self.imported.emit(result)
        finally:
            project.close()
            self.commits = project.commits_made()
            self.done.emit(ok, bad, self.cancelled())


class ExportWorker(QThread):
    """Runs one export off the GUI thread, on its own ``Project`` opened on the same file.

    Signals:
        progress(int, int): (units done, units in all), as the exporter reports them.
        done(int, object): the export finished: annotations written, notes for the user.
        failed(str): the export failed or was cancelled; the message says which.
    """

    progress = Signal(int, int)
    done = Signal(int, object)
    failed = Signal(str)

    def __init__(self, project_path: Path, request: ExportRequest | AgreementReportRequest,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project_path = project_path
        self.request = request
        self._cancel = threading.Event()
        self.commits: tuple[int, ...] = ()  # an export writes nothing; adopted all the same

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            with Project.open(self.project_path) as project:
                outcome = self.request.run(
                    project, lambda done, total: self.progress.emit(done, total),
                    self.cancelled)
                self.commits = project.commits_made()
        except GlossaError as err:
            self.failed.emit(str(err))
        except OSError as err:
            self.failed.emit(f"{self.request.path}: {err.strerror or err}")
        except Exception as err:  # an exporter bug must not kill the thread silently
            self.failed.emit(translate("Workers", "The export failed: {error!r}").format(
                error=err))
        else:
            self.done.emit(outcome.count, list(outcome.notes))


class BackupWorker(QThread):
    """Takes the day's rolling backup on its own connection, so that a large project
    (copying 1 GB takes seconds) opens at once and the backup follows.

    Signals:
        done(str): the backup's path, or "" when none was due (or it could not be taken).
    """

    done = Signal(str)

    def __init__(self, project_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project_path = project_path
        self.commits: tuple[int, ...] = ()

    def run(self) -> None:
        taken = None
        try:
            with Project.open(self.project_path, rolling_backup=True) as project:
                taken = project.rolling_backup
                self.commits = project.commits_made()
        except Exception:  # a backup never troubles the analyst's work; the next open retries
            taken = None
        self.done.emit(str(taken) if taken else "")
