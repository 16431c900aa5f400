"""Numbered commits: how a window tells other programs' writes from its own and its workers'.

Every write transaction made through ``Store`` adds one to a counter in ``project_meta``
just before it commits, holding the write lock, so across all Glossa processes each
commit gets its own number and none is skipped. A window knows its own numbers and is
handed its workers'; any other number since it last looked is another program's commit.

``PRAGMA data_version`` cannot tell them apart: it moves once for any run of commits by
other connections (a worker's commit hid one the CLI made just after it) and also for
another connection's checkpoint, which changes no content (a ``glossa docs`` closing
looked like news and cleared the window's undo history). Writes to the file by programs
other than Glossa carry no number and go unnoticed; restoring a backup needs the file
closed everywhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

KEY = "commits"


class Commits:
    """The commit numbers one connection made, and which ones it has accounted for."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        #: Numbers of the commits made through this connection, in order.
        self.made: list[int] = []
        self._seen: int | None = None  # the counter when last looked at
        self._ours: set[int] = set()  # made here or adopted, above ``_seen``

    def count(self) -> int:
        """How many numbered commits the file has had (0 for a file from before numbering)."""
        row = self._conn.execute("SELECT CAST(value AS INTEGER) FROM project_meta "
                                 "WHERE key = ?", (KEY,)).fetchone()
        return 0 if row is None else int(row[0])

    def number_this_one(self) -> int:
        """Inside a write transaction: the number this commit gets."""
        rows = self._conn.execute(
            "INSERT INTO project_meta (key, value) VALUES (?, 1) ON CONFLICT(key) DO UPDATE "
            "SET value = CAST(value AS INTEGER) + 1 RETURNING CAST(value AS INTEGER)",
            (KEY,)).fetchall()  # read to the end: a statement left open would block COMMIT
        return int(rows[0][0])

    def committed(self, number: int) -> None:
        self.made.append(number)
        self._ours.add(number)

    def watch(self) -> None:
        """From now on, commits not ours and not adopted are news."""
        self._seen = self.count()
        self._ours = {n for n in self._ours if n > self._seen}

    def adopt(self, numbers: Iterable[int]) -> None:
        """These commits, made on other connections (a worker's), are ours too."""
        self._ours.update(numbers)

    def others_since_last_look(self) -> bool:
        """Whether any commit since the last look is neither ours nor adopted; then looks."""
        seen, ours = self._seen, self._ours
        self.watch()
        if seen is None or self._seen is None:
            return False
        now = self._seen
        return now - seen != sum(1 for n in ours if seen < n <= now)
