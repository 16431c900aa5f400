"""Exporters: one module per format, plain functions over a ``Project``.

What every exporter shares lives here: choosing which documents and annotations an
export covers (the same filters in the GUI and the CLI), and writing the output
atomically. An export is written to a temporary file in the target's folder and
moved over the target with ``os.replace``, so a failed or interrupted export never
leaves a half-written file where a good one was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from core.errors import ExportCancelled, ExportFailed, GlossaError, InvalidValue
from core.i18n import _
from core.model import Annotation, DocumentInfo, Status
from core.project import Project

#: ``progress(done, total)``: called as work advances (documents, pages, ...), from the
#: exporting thread; the GUI turns it into a progress dialog, the CLI into nothing.
Progress = Callable[[int, int], None]
#: ``cancel()``: polled between units of work; True stops the export with ExportCancelled.
Cancel = Callable[[], bool]

_BUFFER_BYTES = 1 << 20
# SQLite's companions of an open project file: replacing one would lose committed work.
_SIDECARS = ("-wal", "-shm", "-journal")


def selected_documents(
    project: Project, document_ids: Iterable[str] | None = None, *, include_deleted: bool = False
) -> list[DocumentInfo]:
    """The documents an export covers, in import order.

    ``document_ids`` are ids or unique prefixes; an unknown one raises ``NotFound``
    before anything is written. ``None`` means every document (tombstoned ones too
    when ``include_deleted``, for lossless exports).
    """
    if document_ids is None:
        return project.store.documents.infos(include_deleted=include_deleted)
    wanted = {project.resolve_document(ref) for ref in document_ids}
    return [d for d in project.store.documents.infos() if d.id in wanted]


def tag_filter(project: Project, tag: str | None) -> list[str] | None:
    """Ids of ``tag`` (path, name or id) and every tag nested in it; ``None`` for no filter."""
    if tag is None:
        return None
    codebook = project.codebook()
    found = codebook.find(tag)
    return [found.id, *(t.id for t in codebook.descendants(found.id))]


def annotations_by_document(
    project: Project,
    documents: Iterable[DocumentInfo],
    *,
    tag_ids: list[str] | None = None,
    author: str | None = None,
    status: str | None = None,
    include_deleted: bool = False,
) -> Iterator[tuple[DocumentInfo, list[Annotation]]]:
    """Each document with its matching annotations (by start offset).

    One document at a time, so an export holds at most one document's annotations
    in memory; annotations of removed documents are never reached.
    """
    for document in documents:
        annotations = project.store.annotations.query(
            document_id=document.id, tag_ids=tag_ids, author=author, status=status,
            include_deleted=include_deleted,
        )
        yield document, annotations


@dataclass(frozen=True, slots=True)
class ExportScope:
    """What an export covers: the same filters in the GUI's export dialog and the CLI.

    ``documents`` are ids or unique prefixes (``None``: every document); ``tag`` is a
    path, name or id and includes nested tags; ``author`` and ``status`` match exactly.
    """

    documents: tuple[str, ...] | None = None
    tag: str | None = None
    author: str | None = None
    status: str | None = None

    def resolve(self, project: Project) -> ResolvedScope:
        """Check every filter against the project; raises before anything is written."""
        if self.status is not None and self.status not in {s.value for s in Status}:
            choices = ", ".join(s.value for s in Status)
            raise InvalidValue(_("unknown status %(status)r; choose one of %(choices)s")
                               % {"status": self.status, "choices": choices})
        return ResolvedScope(
            documents=selected_documents(project, self.documents),
            tag_ids=tag_filter(project, self.tag),
            author=self.author,
            status=self.status,
        )


@dataclass(frozen=True, slots=True)
class ResolvedScope:
    """An ``ExportScope`` checked against a project: documents found, tag ids known."""

    documents: list[DocumentInfo]
    tag_ids: list[str] | None
    author: str | None
    status: str | None

    def annotations(self, project: Project) -> Iterator[tuple[DocumentInfo, list[Annotation]]]:
        """Each covered document with its matching live annotations, by start offset."""
        return annotations_by_document(
            project, self.documents, tag_ids=self.tag_ids, author=self.author,
            status=self.status,
        )


def check_cancel(cancel: Cancel | None) -> None:
    """Raise ``ExportCancelled`` when the user asked to stop (the target stays untouched)."""
    if cancel is not None and cancel():
        raise ExportCancelled(_("export cancelled; nothing was written"))


def check_target(project: Project, out_path: str | Path) -> Path:
    """The export's path, refusing the project file itself and folders.

    A path typed with a trailing separator (``nodir/``) names a folder even when none
    exists; it is refused, not written as a file called ``nodir``.
    """
    target = Path(out_path)
    names_folder = str(out_path).endswith(tuple(filter(None, (os.sep, os.altsep))))
    if target.is_dir():
        raise InvalidValue(_("%(out_path)s: is a folder; give a file name to export to")
                           % {"out_path": out_path})
    if names_folder:
        raise InvalidValue(_("%(out_path)s: the folder does not exist; give a file name to "
                             "export to")
                           % {"out_path": out_path})
    project_file = project.path.resolve()
    sidecars = {project_file.with_name(project_file.name + s) for s in _SIDECARS}
    if (target.exists() and os.path.samefile(target, project_file)) or (
            target.resolve() in sidecars):
        raise InvalidValue(_("%(target)s: is the project file itself; choose another name")
                           % {"target": target})
    if not target.parent.is_dir():
        raise InvalidValue(_("%(target)s: the folder %(parent)s does not exist")
                           % {"target": target, "parent": target.parent})
    return target


def _temporary_beside(out_path: Path) -> Path:
    """A new, empty file beside ``out_path`` (``os.replace`` is atomic only within one
    file system), created with the usual umask-governed permissions."""
    temporary = out_path.parent / f".{out_path.name}.{secrets.token_hex(6)}.tmp"
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    return temporary


@contextlib.contextmanager
def _replacing(out_path: Path) -> Iterator[Path]:
    """A temporary file that replaces ``out_path`` once the block finishes.

    On any failure the temporary file goes, and an error that names it names
    ``out_path`` instead: the user never typed the temporary name.
    """
    temporary: Path | None = None
    try:
        temporary = _temporary_beside(out_path)
        yield temporary
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, out_path)
    except BaseException as err:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        named = _naming_the_target(err, temporary, out_path)
        if named is err:
            raise
        raise named from err


def _naming_the_target(err: BaseException, temporary: Path | None,
                       out_path: Path) -> BaseException:
    """``err`` with ``out_path`` where it names the temporary file (or the bare error)."""
    # Only creating the temporary file runs before ``temporary`` is known.
    if isinstance(err, OSError) and err.filename is not None and (
            temporary is None or str(err.filename) == str(temporary)):
        return OSError(err.errno, err.strerror or str(err), str(out_path))
    if temporary is None or not isinstance(err, Exception) or str(temporary) not in str(err):
        return err
    message = str(err).replace(str(temporary), str(out_path))
    if isinstance(err, GlossaError):  # keep its kind; its message is its one argument
        err.args = (message,)
        return err
    return ExportFailed(message)


@contextlib.contextmanager
def atomic_text_file(
    out_path: Path, *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[TextIO]:
    """A text file that replaces ``out_path`` only once everything was written."""
    with _replacing(out_path) as temporary, open(
            temporary, "w", encoding=encoding, newline=newline,
            buffering=_BUFFER_BYTES) as handle:
        yield handle


@contextlib.contextmanager
def atomic_path(out_path: Path) -> Iterator[Path]:
    """A temporary path beside ``out_path`` for libraries that write files themselves.

    pymupdf's ``save``, python-docx's ``save`` and ``zipfile`` take a path: they write
    to the yielded one, which replaces ``out_path`` only when the block finishes
    without an error.
    """
    with _replacing(out_path) as temporary:
        yield temporary
        if temporary.stat().st_size == 0:
            raise InvalidValue(_("%(out_path)s: nothing was written") % {"out_path": out_path})


__all__ = [
    "Cancel",
    "ExportScope",
    "Progress",
    "ResolvedScope",
    "annotations_by_document",
    "atomic_path",
    "atomic_text_file",
    "check_cancel",
    "check_target",
    "selected_documents",
    "tag_filter",
]
