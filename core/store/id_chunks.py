"""Reading rows for a long list of ids: SQLite caps the parameters of one statement."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

#: Ids per statement, well under SQLite's limit on parameters.
CHUNK = 500


def rows_for_ids(conn: sqlite3.Connection, sql: str, ids: Sequence[str]) -> Iterator[Any]:
    """The rows of ``sql`` for every id, read in chunks; ``sql`` says ``IN ({ids})``."""
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        yield from conn.execute(sql.replace("{ids}", ", ".join("?" * len(chunk))), chunk)
