"""Copying an open project file with SQLite's online backup API.

A byte copy of a live project can miss what sits in its WAL or catch a page half
written; the backup API copies a consistent snapshot through SQLite, while the project
stays open. Every copy is written under a temporary name and renamed into place, so a
failed or interrupted copy never leaves a file that looks like a project.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path


class SourceBusy(Exception):
    """The source file is locked by another connection; the copy was not waited for."""


def _no_waiting(status: int, remaining: int, total: int) -> None:
    del remaining, total
    if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        raise SourceBusy


@contextlib.contextmanager
def _busy_timeout(conn: sqlite3.Connection, milliseconds: int) -> Iterator[None]:
    before = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout = {before}")


def copy_database(conn: sqlite3.Connection, target: Path, *, wait: bool = True) -> None:
    """Write a consistent copy of ``conn``'s main database to ``target`` (replaced if present).

    With ``wait=False`` a locked source raises ``SourceBusy`` at once instead of waiting
    (Python's backup loop would otherwise retry a lock for as long as it is held).
    """
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(partial)
        try:
            if wait:
                conn.backup(copy)
            else:
                with _busy_timeout(conn, 0):
                    conn.backup(copy, progress=_no_waiting)
            # One self-contained file, like a project after closing.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        with open(partial, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
