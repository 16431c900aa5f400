"""Bringing an older project up to today's schema without risking it.

A copy of the file as it was is kept beside it first (SQLite's online backup, so a WAL
and open readers are handled), then every pending migration runs in one transaction:
a failure anywhere leaves the file at its old version, and the copy stays either way.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import sqlite_utils

from core.errors import ProjectError
from core.i18n import _
from core.store import schema
from core.store.copying import copy_database


@dataclass(frozen=True)
class Upgrade:
    """What opening did to an older project, for the CLI and the window to say."""

    path: Path
    from_version: int
    to_version: int
    backup: Path

    def message(self) -> str:
        return (_("%(name)s: upgraded from schema version %(old)s to %(new)s; the file as it "
                  "was is kept as %(backup)s")
                % {"name": self.path.name, "old": self.from_version, "new": self.to_version,
                   "backup": self.backup.name})


def backup_path(path: Path, version: int) -> Path:
    """``study.glossa.v3.bak``, or ``study.glossa.v3-2.bak`` … when that is taken:
    an earlier copy may be the only one left of something, so none is overwritten."""
    for number in count(1):
        suffix = f".v{version}.bak" if number == 1 else f".v{version}-{number}.bak"
        candidate = path.with_name(path.name + suffix)
        if not candidate.exists():
            return candidate
    raise AssertionError("unreachable")


def upgrade(db: sqlite_utils.Database, path: Path) -> Upgrade | None:
    """Back up and migrate ``db`` (the open file at ``path``) if its schema is older."""
    version = schema.user_version(db)
    if version >= schema.SCHEMA_VERSION:
        return None
    backup = backup_path(path, version)
    try:
        copy_database(db.conn, backup)
    except (sqlite3.Error, OSError) as err:
        raise ProjectError(_("%(name)s: could not keep a copy before upgrading it "
                             "(%(err)s); the file was left as it was")
                           % {"name": path.name, "err": err}) from err
    try:
        new_version = schema.migrate(db)
    except Exception as err:
        raise ProjectError(
            _("%(name)s: could not be upgraded from schema version %(version)s (%(err)s); "
              "the file was left as it was, and a copy is in %(name2)s")
            % {"name": path.name, "version": version, "err": err, "name2": backup.name}
        ) from err
    return Upgrade(path, version, new_version, backup)
