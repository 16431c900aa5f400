"""The only place in Glossa that speaks SQL.

``Store`` bundles one open project file with its tables; every write runs inside
``Store.transaction()``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from core.errors import ReadOnlyProject
from core.i18n import _
from core.store import connection, failures
from core.store.annotations import AnnotationTable
from core.store.commits import Commits
from core.store.copying import copy_database
from core.store.decisions import DecisionTable
from core.store.documents import DocumentTable
from core.store.export_rows import CsvLines
from core.store.listing import AnnotationListing
from core.store.search import SearchIndex
from core.store.tags import TagTable
from core.store.transaction import write_transaction
from core.store.upgrade import Upgrade

__all__ = ["Store"]


class Store:
    """One open project file."""

    def __init__(self, db: sqlite_utils.Database, path: Path, *, read_only: bool,
                 upgrade: Upgrade | None = None) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        #: Set when opening upgraded an older file (and kept a copy of it).
        self.upgrade = upgrade
        self.documents = DocumentTable(db)
        self.tags = TagTable(db)
        self.annotations = AnnotationTable(db)
        self.decisions = DecisionTable(db)
        self.listing = AnnotationListing(db)
        self.csv_lines = CsvLines(db)
        self.search = SearchIndex(db)
        #: The numbers of this connection's commits (``core.store.commits``).
        self.commits = Commits(db.conn)
        #: The file opened, so a write notices when the path no longer names it.
        self._identity = failures.FileIdentity.of(path)

    @classmethod
    def create(cls, path: Path) -> Store:
        return cls(connection.create_database(path), path, read_only=False)

    @classmethod
    def open(cls, path: Path) -> Store:
        db, upgraded = connection.open_database(path)
        return cls(db, path, read_only=False, upgrade=upgraded)

    @classmethod
    def open_untrusted(cls, path: Path) -> Store:
        """A colleague's file: read-only, checked, no trusted schema."""
        return cls(connection.open_untrusted(path), path, read_only=True)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: everything inside commits together or not at all."""
        if self.read_only:
            raise ReadOnlyProject(_("%(name)s is open read-only") % {"name": self.path.name})
        if self._identity is not None:
            failures.check_still_there(self.path, self._identity)
        conn = self.db.conn
        outermost, before = not conn.in_transaction, conn.total_changes
        try:
            with write_transaction(self.db):
                yield
                wrote = outermost and conn.total_changes != before  # nothing written: no news
                number = self.commits.number_this_one() if wrote else None
            if number is not None:
                self.commits.committed(number)
        except sqlite3.Error as err:
            self.documents.forget_cached()  # it may hold a text the rollback took back
            named = failures.translate(err, self.path)
            if named is None:
                raise
            raise named from err
        except BaseException:
            self.documents.forget_cached()
            raise

    def get_meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM project_meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO project_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def copy_to(self, target: Path, *, wait: bool = True) -> None:
        """Write a consistent copy of the open project to ``target`` (SQLite's online
        backup; ``target`` is replaced). Works on a file deleted while open: it copies what
        this connection still sees. ``wait=False``: ``SourceBusy`` at once if locked."""
        try:
            copy_database(self.db.conn, target, wait=wait)
        except (sqlite3.Error, OSError) as err:
            raise failures.copy_failed(err, target) from err

    def close(self) -> None:
        if not self.read_only:
            # Fold the WAL back so the project is one self-contained file again.
            with contextlib.suppress(Exception):
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
