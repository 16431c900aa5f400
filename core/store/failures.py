"""Writes the file system refuses, told to the analyst in one line naming their file.

SQLite reports a full disk, a read-only file and a vanished file as error codes; the
transaction is rolled back either way, so nothing half-written stays. What the analyst
needs is to know which one it was, that the last change was not saved, and that the
open project can still be copied elsewhere (``Project.save_copy``).

A project deleted or moved while open is the quiet case: on POSIX the open file lives on
unlinked and writes to it succeed, then vanish when it is closed. So every write first
checks that the path still names the file that was opened.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from core.errors import DiskFull, FileNotWritable, ProjectError, ProjectFileGone
from core.i18n import N_, _

_SQLITE_READONLY_DBMOVED = 1032
_KEEP_WORK = N_("save a copy of the project elsewhere to keep your work")


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """Which file a path named when the project was opened."""

    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity | None:
        try:
            found = os.stat(path)
        except OSError:
            return None
        return cls(found.st_dev, found.st_ino)


def gone(path: Path) -> ProjectFileGone:
    return ProjectFileGone(_("%(name)s: the file was deleted, moved or replaced while "
                             "open; changes can no longer be saved to it (%(keep_work)s)")
                           % {"name": path.name, "keep_work": _(_KEEP_WORK)})


def check_still_there(path: Path, identity: FileIdentity) -> None:
    """Raise ``ProjectFileGone`` unless ``path`` still names the file that was opened."""
    if FileIdentity.of(path) != identity:
        raise gone(path)


def translate(err: sqlite3.Error, path: Path) -> ProjectError | None:
    """The named error for a refused write, or None when ``err`` is none of these."""
    code = getattr(err, "sqlite_errorcode", None)
    if code is None:
        return None
    if code == _SQLITE_READONLY_DBMOVED:
        return gone(path)
    primary = code & 0xFF
    if primary == sqlite3.SQLITE_FULL:
        return DiskFull(_("%(name)s: the disk is full; the last change was not saved (free "
                          "some space, or %(keep_work)s)")
                        % {"name": path.name, "keep_work": _(_KEEP_WORK)})
    if primary == sqlite3.SQLITE_READONLY:
        return FileNotWritable(_("%(name)s: the file cannot be written (a read-only file, "
                                 "folder or disk); the last change was not saved")
                               % {"name": path.name})
    if primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        if not path.exists():
            return gone(path)
        return ProjectError(_("%(name)s: the disk reported an error while saving "
                              "(%(err)s); the last change was not saved (%(keep_work)s)")
                            % {"name": path.name, "err": err, "keep_work": _(_KEEP_WORK)})
    return None


def copy_failed(err: sqlite3.Error | OSError, target: Path) -> ProjectError:
    """One line for a copy of the project that could not be written to ``target``."""
    code = getattr(err, "sqlite_errorcode", None)
    if (code is not None and code & 0xFF == sqlite3.SQLITE_FULL) or (
            isinstance(err, OSError) and err.errno == errno.ENOSPC):
        return DiskFull(_("%(name)s: the disk is full; the copy was not written")
                        % {"name": target.name})
    reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return ProjectError(_("%(name)s: could not be written (%(reason)s)")
                        % {"name": target.name, "reason": reason})
