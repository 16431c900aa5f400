"""Is a project file's schema exactly what Glossa's own migrations create?

A received ``.glossa`` is someone else's SQLite file: a trigger in it runs on our first
write (``trusted_schema=OFF`` stops functions, not triggers), and a view standing in for
a table can spin forever when read. So before the first read or write, ``sqlite_master``
is compared with a database built in memory by the same migrations up to the file's
version, and anything foreign (added, altered or missing) is refused with one line.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from core.errors import ForeignSchema
from core.i18n import _
from core.store import schema

#: Tables SQLite makes itself (ANALYZE statistics, AUTOINCREMENT counters): data only.
_SQLITE_OWN = re.compile(r"^sqlite_(stat[1-4]|sequence)$")
#: Tables FTS5 keeps beside each full-text table; their SQL varies with SQLite's version.
_FTS5_SHADOWS = ("data", "idx", "content", "docsize", "config")
#: Objects named in a refusal before "and N more".
_SHOWN = 4

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SchemaObject:
    type: str
    name: str
    tbl_name: str
    sql: str  # whitespace collapsed; "" for the indexes SQLite makes for keys


@dataclass(frozen=True)
class Expected:
    """What the migrations up to one version create."""

    objects: dict[str, SchemaObject]
    shadows: frozenset[str]
    columns: dict[str, tuple[tuple[object, ...], ...]]


def _objects(conn: sqlite3.Connection) -> dict[str, SchemaObject]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {
        str(name): SchemaObject(str(kind), str(name), str(table),
                                _SPACES.sub(" ", str(sql or "")).strip())
        for kind, name, table, sql in rows
    }


def _columns(conn: sqlite3.Connection, table: str) -> tuple[tuple[object, ...], ...]:
    # table_xinfo: name, declared type, not null, default, key position, hidden.
    rows = conn.execute("SELECT * FROM pragma_table_xinfo(?)", (table,)).fetchall()
    return tuple(tuple(row[1:]) for row in rows)


@functools.cache
def expected(version: int) -> Expected:
    """Build a fresh database in memory with migrations 1..``version`` and describe it."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = sqlite_utils.Database(conn)
        for migration in schema.MIGRATIONS[:version]:
            migration(db)
        objects = _objects(conn)
        virtual = [o.name for o in objects.values() if o.sql.startswith("CREATE VIRTUAL")]
        shadows = frozenset(f"{name}_{part}" for name in virtual for part in _FTS5_SHADOWS)
        columns = {o.name: _columns(conn, o.name) for o in objects.values()
                   if o.type == "table" and o.name not in shadows}
    finally:
        conn.close()
    return Expected(objects, shadows & objects.keys(), columns)


def _difference(found: SchemaObject | None, want: SchemaObject | None,
                shadow: bool) -> str | None:
    """How one object differs from Glossa's, or None when it is Glossa's (or SQLite's own)."""
    if found is None:
        return None if want is None else f"missing {want.type} {want.name}"
    if want is None:
        if found.type == "table" and _SQLITE_OWN.match(found.name):
            return None
        return f"{found.type} {found.name}"
    if found.type != want.type or (
            found.sql.startswith("CREATE VIRTUAL") != want.sql.startswith("CREATE VIRTUAL")):
        kind = "virtual table" if found.sql.startswith("CREATE VIRTUAL") else found.type
        return f"{kind} {found.name} in place of a {want.type}"
    if found.tbl_name != want.tbl_name or (not shadow and found.sql != want.sql):
        return f"altered {found.type} {found.name}"
    return None


def foreign_objects(conn: sqlite3.Connection, version: int) -> list[str]:
    """What differs from Glossa's schema of ``version``, one short phrase per object."""
    want = expected(version)
    found = _objects(conn)
    problems = []
    for name in sorted(found.keys() | want.objects.keys()):
        problem = _difference(found.get(name), want.objects.get(name), name in want.shadows)
        if problem:
            problems.append(problem)
    if problems:
        return problems
    # The same SQL makes the same columns; checked anyway, as the tables are what we read.
    return [f"altered table {table}" for table, columns in want.columns.items()
            if _columns(conn, table) != columns]


def verify(conn: sqlite3.Connection, version: int, path: Path) -> None:
    """Refuse the file unless its schema is exactly Glossa's for ``version``."""
    problems = foreign_objects(conn, version)
    if not problems:
        return
    shown = "; ".join(problems[:_SHOWN])
    if len(problems) > _SHOWN:
        shown += f"; and {len(problems) - _SHOWN} more"
    raise ForeignSchema(
        _("%(name)s: holds database objects Glossa did not create (%(shown)s); refused, "
          "nothing was changed")
        % {"name": path.name, "shown": shown}
    )
