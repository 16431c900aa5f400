"""The SQL side of backups: what a backup file holds, whether it is whole, and putting
it in place of a project that no other program has open.

The policy (where backups live, how many are kept, when one is taken) is
``core.backups``; this module only reads and writes files through SQLite.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import NotAGlossaProject, ProjectError, ProjectInUse
from core.i18n import _
from core.store import connection, schema
from core.store.annotations import AnnotationTable
from core.store.copying import copy_database


@dataclass(frozen=True, slots=True)
class BackupFacts:
    """What a backup holds, read without trusting or changing it."""

    schema_version: int
    annotations: int


def facts(path: Path) -> BackupFacts:
    """Schema version and live annotations of a Glossa file (its schema checked first)."""
    db = connection.open_untrusted(path, check_pages=False)
    try:
        return BackupFacts(schema.user_version(db), AnnotationTable(db).count())
    except sqlite3.DatabaseError as err:
        raise NotAGlossaProject(_("%(name)s: cannot be read (%(err)s)")
                                % {"name": path.name, "err": err}) from err
    finally:
        db.close()


def check_whole(path: Path) -> BackupFacts:
    """``facts`` after a full ``integrity_check``: a backup must be whole to replace a project."""
    db = connection.open_untrusted(path, check_pages=False)
    try:
        rows = db.execute("PRAGMA integrity_check").fetchall()
        if [tuple(r) for r in rows] != [("ok",)]:
            raise NotAGlossaProject(_("%(name)s: the backup is damaged (integrity check: "
                                      "%(rows)s); nothing was restored")
                                    % {"name": path.name, "rows": rows[0][0]})
        return BackupFacts(schema.user_version(db), AnnotationTable(db).count())
    except sqlite3.DatabaseError as err:
        raise NotAGlossaProject(_("%(name)s: the backup cannot be read (%(err)s); nothing "
                                  "was restored")
                                % {"name": path.name, "err": err}) from err
    finally:
        db.close()


def _busy(err: sqlite3.Error) -> bool:
    code = getattr(err, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


@contextlib.contextmanager
def sole_user(path: Path) -> Iterator[sqlite3.Connection | None]:
    """Hold ``path`` so that nobody else opens it; ``ProjectInUse`` if somebody has it open.

    Leaving WAL mode needs every other connection closed (SQLite checks with the file's
    locks, in this process and others), and folds the WAL into the file, so no stale WAL
    can be replayed onto the file that replaces it. A read transaction then holds a shared
    lock: nobody can write it or switch it back to WAL until we are done (an exclusive
    lock would also stop our own copy of it: SQLite's backup refuses a source being written).
    Yields None for a file SQLite cannot read at all (the damage a restore is for).
    """
    conn = sqlite3.connect(connection.file_uri(path, "rw"), uri=True,
                           isolation_level=None, timeout=0)
    try:
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as err:
            if _busy(err):
                raise ProjectInUse(_("%(name)s: is open in another program or window; "
                                     "close it there first (nothing was restored)")
                                   % {"name": path.name}) from err
            yield None
            return
        yield conn
    finally:
        conn.close()


def keep_copy(project: Path, held: sqlite3.Connection | None, target: Path) -> None:
    """Copy the project as it is now to ``target``: through SQLite when it can read it,
    byte for byte (with any WAL) when it cannot."""
    if held is not None:
        copy_database(held, target)
        return
    shutil.copyfile(project, target)
    wal = project.with_name(project.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))


def put_in_place(backup: Path, project: Path) -> None:
    """Write a copy of ``backup`` under a temporary name beside ``project``, then rename it
    over ``project`` in one step (the rename is atomic on one file system)."""
    source = sqlite3.connect(connection.file_uri(backup, "ro"), uri=True)
    try:
        copy_database(source, project)
    except (sqlite3.Error, OSError) as err:
        raise ProjectError(_("%(name)s: could not be replaced by %(name2)s (%(err)s); the "
                             "project was left as it was")
                           % {"name": project.name, "name2": backup.name, "err": err}) from err
    finally:
        source.close()
    # A WAL left by a file SQLite could not read belongs to the old file, not this one.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(project.with_name(project.name + "-wal"))
