"""The ``Project`` service: one open project file and everything done to it.

The CLI and the GUI both go through this class. Writes happen only through
command objects (``execute``/``undo``), each in one transaction; listeners hear
a ``Change`` after every commit (the GUI turns it into a Qt signal).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from core import __version__, backups
from core.codebook import Codebook, default_codebook
from core.commands import AddAnnotations, AddDocument, Change, Command
from core.errors import ProjectError
from core.i18n import _
from core.model import (
    Annotation,
    AnnotationSpan,
    Document,
    DocumentInfo,
    Origin,
    PageMap,
    SearchHit,
    Status,
    new_document_id,
    new_id,
    utc_now,
)
from core.store import Store
from core.store.annotations import annotation_row
from core.text import content_hash

if TYPE_CHECKING:  # the importers load pymupdf, which start-up does not need
    from core.importers.base import ImportOptions

PROJECT_SUFFIX = ".glossa"  # what file dialogs offer; any name works

Listener = Callable[[Change], None]


def default_author() -> str:
    """The analyst's name when none is configured: $GLOSSA_AUTHOR, else the login name."""
    name = os.environ.get("GLOSSA_AUTHOR", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "analyst"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A document taken into the project, or the existing copy when the text was already there."""

    document: DocumentInfo
    duplicate: bool = False
    warnings: tuple[str, ...] = ()


class Project:
    """An open ``.glossa`` file."""

    def __init__(self, store: Store, author: str | None = None) -> None:
        self.store = store
        self.author = author or default_author()
        self._listeners: list[Listener] = []
        self._codebook: Codebook | None = None
        if not store.read_only:
            store.commits.watch()
        #: The rolling backup opening took (at most one a day), or None.
        self.rolling_backup: Path | None = None

    # --- lifecycle -----------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, author: str | None = None,
               with_default_codebook: bool = True) -> Project:
        """Create a new project file with the default codebook."""
        path = Path(path)
        store = Store.create(path)
        try:
            with store.transaction():
                store.set_meta("created", utc_now())
                store.set_meta("created_by_version", __version__)
                if with_default_codebook:
                    for tag in default_codebook():
                        store.tags.insert(tag)
        except Exception:
            store.close()
            path.unlink(missing_ok=True)
            raise
        return cls(store, author)

    @classmethod
    def open(cls, path: str | Path, *, author: str | None = None,
             rolling_backup: bool = True) -> Project:
        """Open a project; with ``rolling_backup``, first keep the day's backup of it if
        none was taken today (``core.backups``; never fails the open)."""
        project = cls(Store.open(Path(path)), author)
        if rolling_backup:
            project.rolling_backup = backups.take_rolling_backup(project.store)
        return project

    @classmethod
    def open_untrusted(cls, path: str | Path) -> Project:
        """A colleague's project, read-only: for merging and comparing."""
        return cls(Store.open_untrusted(Path(path)), author="")

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def name(self) -> str:
        return self.store.path.stem

    def close(self) -> None:
        self.store.close()

    def backup(self, to: str | Path | None = None) -> Path:
        """Keep a backup now, in the backup folder or at ``to``; returns its path."""
        return backups.take_backup(self.store, to)

    def save_copy(self, target: str | Path, *, overwrite: bool = False) -> Path:
        """Write the open project to ``target`` ("Save a copy as…"): the way out when its
        file is on a full disk, read-only, or was deleted or moved while open."""
        target = Path(target)
        if target.exists() and target.resolve() == self.path.resolve():
            raise ProjectError(_("%(name)s: is the open project itself") % {"name": target.name})
        if target.exists() and not overwrite:
            raise ProjectError(_("%(name)s: already exists") % {"name": target.name})
        self.store.copy_to(target)
        return target

    def __enter__(self) -> Project:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- change notification -------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every committed change; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self, change: Change) -> None:
        if change.codebook:
            self._codebook = None
        for listener in list(self._listeners):
            listener(change)

    def announce(self, change: Change, *, commits: Iterable[int]) -> None:
        """Tell listeners about a change committed to this file through another connection
        (a merge run on a worker thread, whose ``commits_made`` are ``commits``); cached
        reads it may touch are dropped first."""
        self.adopt_commits(commits)
        self._codebook = None
        self.store.documents.forget_cached()
        self._notify(change)

    def adopt_commits(self, commits: Iterable[int]) -> None:
        """These commits through other connections were ours (a worker's): no news.
        Only the commits named: one another program made meanwhile still counts."""
        self.store.commits.adopt(commits)

    def commits_made(self) -> tuple[int, ...]:
        """The numbers of the commits made through this ``Project`` (for ``adopt_commits``)."""
        return tuple(self.store.commits.made)

    def changed_elsewhere(self) -> bool:
        """True once after another program (the CLI, a second window) has committed to the
        file since we last looked; our own and adopted commits do not count, nor does
        another program's reading (``core.store.commits``)."""
        return self.store.commits.others_since_last_look()

    def refresh_after_outside_change(self) -> Change:
        """Drop cached reads and tell listeners that anything may have changed."""
        self._codebook = None
        self.store.documents.forget_cached()
        ids = {d.id for d in self.documents()}
        change = Change(document_list=True, codebook=True, documents=ids, texts=ids)
        self._notify(change)
        return change

    def live_annotations(self, ids: Iterable[str]) -> dict[str, Annotation | None]:
        """Each id's annotation as it is now, or None when it is deleted or unknown."""
        wanted = list(ids)
        stored = self.store.annotations.by_ids(wanted)  # one query per chunk, not per id
        return {i: a if (a := stored.get(i)) is not None and not a.deleted else None
                for i in wanted}

    # --- ownership -----------------------------------------------------------

    def is_colleagues(self, annotation: Annotation) -> bool:
        """True when ``annotation`` lies in another analyst's layer (or the adjudicated
        one): changing it changes someone else's work, which the analyst must choose."""
        return annotation.author != self.author

    # --- commands ------------------------------------------------------------

    def execute(self, command: Command) -> Change:
        """Apply ``command`` in one transaction; on any error nothing is changed."""
        with self.store.transaction():
            change = command.apply(self.store)
        self._notify(change)
        return change

    def undo(self, command: Command) -> Change:
        with self.store.transaction():
            change = command.revert(self.store)
        self._notify(change)
        return change

    # --- queries -------------------------------------------------------------

    def codebook(self) -> Codebook:
        if self._codebook is None:
            self._codebook = Codebook(self.store.tags.all())
        return self._codebook

    def documents(self) -> list[DocumentInfo]:
        return self.store.documents.infos()

    def document_titles(self) -> dict[str, str]:
        return self.store.documents.titles()

    def resolve_document(self, ref: str) -> str:
        """A document id from an id or a unique prefix of one."""
        return self.store.documents.resolve(ref)

    def document(self, ref: str) -> Document:
        return self.store.documents.get(self.resolve_document(ref))

    def text(self, doc_id: str) -> str:
        return self.store.documents.text(doc_id)

    def pages(self, doc_id: str) -> list[PageMap]:
        """The page and word map of a document imported from PDF (empty otherwise)."""
        return self.store.documents.pages(doc_id)

    def annotations(
        self,
        document_id: str | None = None,
        *,
        tag: str | None = None,
        author: str | None = None,
        status: str | None = None,
        include_children: bool = True,
    ) -> list[Annotation]:
        """Live annotations, filtered; ``tag`` (a path) includes nested tags by default."""
        tag_ids: list[str] | None = None
        if tag is not None:
            codebook = self.codebook()
            found = codebook.find(tag)
            tag_ids = [found.id]
            if include_children:
                tag_ids += [t.id for t in codebook.descendants(found.id)]
        return self.store.annotations.query(
            document_id=document_id, tag_ids=tag_ids, author=author, status=status
        )

    def spans_by(self, author: str, status: str) -> list[tuple[str, int, int, str]]:
        """(document id, start, end, tag id) of ``author``'s live annotations in ``status``."""
        return self.store.annotations.spans_by(author, status)

    def spans(self, document_id: str) -> list[AnnotationSpan]:
        """(id, start, end, tag_id) of a document's live annotations: cheap, for highlighting."""
        return self.store.annotations.spans(document_id)

    def annotation_authors(self, document_id: str) -> dict[str, str]:
        """Who made each live annotation of a document: what layer views filter and colour by."""
        return self.store.annotations.author_of(document_id)

    def tag_counts(self) -> dict[str, int]:
        """Live annotations per tag id over the whole project."""
        return self.store.tags.usage_counts()

    def annotation(self, annotation_id: str) -> Annotation:
        return self.store.annotations.get(annotation_id)

    def authors(self) -> list[str]:
        return self.store.annotations.authors()

    def search(self, text: str, limit: int = 100) -> list[SearchHit]:
        return self.store.search.search(text, limit)

    # --- conveniences over commands -------------------------------------------

    def import_file(self, path: str | Path, *, title: str | None = None,
                    cancel: Callable[[], bool] | None = None,
                    options: ImportOptions | None = None) -> ImportResult:
        """Read a file and add it as a document; an identical text is not added twice."""
        # Imported here: the importers load pymupdf, which start-up does not need.
        from core.importers import read_document

        imported = read_document(path, cancel=cancel, options=options)
        digest = content_hash(imported.text)
        existing = self.store.documents.ids_with_hash(digest)
        if existing:
            info = self.store.documents.get(existing[0])
            return ImportResult(info, duplicate=True, warnings=tuple(imported.warnings))
        doc = Document(
            id=new_document_id(), title=(title or imported.title).strip() or Path(path).stem,
            format=imported.format, language=imported.language, outlet=imported.outlet,
            author=imported.author, url=imported.url, published=imported.published,
            source_name=imported.source_name, content_hash=digest, chars=len(imported.text),
            imported=utc_now(), text=imported.text,
        )
        self.execute(AddDocument(doc, imported.original, imported.pages))
        return ImportResult(self.store.documents.get(doc.id), warnings=tuple(imported.warnings))

    def annotate(self, document_id: str, start: int, end: int, tag: str, *,
                 attributes: dict[str, str] | None = None, note: str = "",
                 author: str | None = None) -> Annotation:
        """Tag ``text[start:end]`` (tag by path or id) as the current analyst."""
        tag_id = self.codebook().find(tag).id
        command = AddAnnotations([Annotation(
            id=new_id(), document_id=document_id, start=start, end=end, tag_id=tag_id,
            attributes=dict(attributes or {}), note=note,
            author=self.author if author is None else author,
        )], text=_("Tag as %(path)s") % {"path": self.codebook().path(tag_id)})
        self.execute(command)
        return self.store.annotations.get(command.annotations[0].id)

    def bulk_add_annotations(self, annotations: Iterable[Annotation]) -> int:
        """Insert many prepared annotations in one transaction, without undo.

        For batch imports and merges: offsets and selectors must already be right
        (the caller made them against this project's texts); no per-row validation.
        """
        with self.store.transaction():
            count = self.store.annotations.insert_rows(annotation_row(a) for a in annotations)
        self._notify(Change(document_list=True))
        return count

    def tag_path(self, tag_id: str) -> str:
        return self.codebook().path(tag_id)


def new_annotation(document_id: str, start: int, end: int, tag_id: str, author: str, *,
                   origin: Origin = Origin.MANUAL,
                   attributes: dict[str, str] | None = None, note: str = "") -> Annotation:
    """An annotation ready for ``AddAnnotations`` (suggestions start proposed)."""
    status = Status.PROPOSED if origin is Origin.SUGGESTED else Status.ACCEPTED
    return Annotation(id=new_id(), document_id=document_id, start=start, end=end, tag_id=tag_id,
                      attributes=dict(attributes or {}), note=note, author=author,
                      origin=origin, status=status)


__all__ = ["ImportResult", "Project", "new_annotation"]
