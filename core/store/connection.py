"""Opening project files: pragmas for our own files, a locked-down mode for a colleague's."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import sqlite_utils

from core.errors import NotAGlossaProject, ProjectError, UnsupportedSchemaVersion
from core.i18n import N_, _
from core.store import schema, schema_check
from core.store.upgrade import Upgrade, upgrade

BUSY_TIMEOUT_MS = 5000
#: How long reading a file we did not write may take in all (a merge reads it whole; a
#: million annotations take seconds): past it SQLite stops, so no file can hang us.
UNTRUSTED_READ_SECONDS = 120.0
#: SQLite virtual-machine steps between looks at the clock.
_PROGRESS_STEPS = 10_000
#: Page cache in KiB (allocated only as used): bulk inserts into the id index run twice
#: as fast as with SQLite's 2 MB default.
CACHE_SIZE_KIB = 131072


def _connect(uri: str) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; every write goes through
    # core.store.transaction, which issues BEGIN IMMEDIATE/COMMIT itself.
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def file_uri(path: Path, mode: str) -> str:
    # Percent-encode the characters that have meaning in a URI; keep the rest.
    quoted = str(path.resolve()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{quoted}?mode={mode}"


def _set_deadline(conn: sqlite3.Connection, seconds: float | None) -> None:
    """Interrupt any statement once ``seconds`` from now have passed (None: no deadline)."""
    if seconds is None:
        conn.set_progress_handler(None, 0)
        return
    deadline = time.monotonic() + seconds

    def past_deadline() -> int:
        return int(time.monotonic() > deadline)

    conn.set_progress_handler(past_deadline, _PROGRESS_STEPS)


def interrupted(err: BaseException) -> bool:
    """Whether ``err`` is SQLite stopping a statement at a read deadline."""
    return isinstance(err, sqlite3.OperationalError) and str(err) == "interrupted"


#: SQLite's own reasons, which come in English, as the language in use says them.
_SQLITE_REASONS = {"file is not a database": N_("file is not a database"),
                   "database disk image is malformed": N_("database disk image is malformed")}


def too_slow(path: Path) -> str:
    return (_("%(name)s: reading it took longer than %(seconds)s s (a damaged or hostile "
              "file?)") % {"name": path.name, "seconds": f"{UNTRUSTED_READ_SECONDS:g}"})


def _unreadable(path: Path, err: sqlite3.Error, what: str) -> ProjectError:
    """``what`` (translated) the file is not, with SQLite's reason in the language in use."""
    if interrupted(err):
        return ProjectError(too_slow(path))
    known = _SQLITE_REASONS.get(str(err))
    return NotAGlossaProject(f"{path.name}: {what} ({_(known) if known else err})")


def _check_is_glossa(db: sqlite_utils.Database, path: Path) -> int:
    """The file's schema version, once it is known to be exactly Glossa's schema for it."""
    try:
        app_id = schema.application_id(db)
        version = schema.user_version(db)
    except sqlite3.DatabaseError as err:
        raise _unreadable(path, err, _("not a Glossa project")) from err
    if app_id != schema.APPLICATION_ID:
        raise NotAGlossaProject(_("%(name)s: not a Glossa project (a different kind of "
                                  "file)")
                                % {"name": path.name})
    if version > schema.SCHEMA_VERSION:
        raise UnsupportedSchemaVersion(
            _("%(name)s: written by a newer Glossa (schema version %(version)s; this "
              "Glossa reads up to %(schema_version)s)")
            % {"name": path.name, "version": version, "schema_version": schema.SCHEMA_VERSION}
        )
    if version < 1:
        raise UnsupportedSchemaVersion(
            _("%(name)s: unknown schema version %(version)s (Glossa writes versions 1 to "
              "%(schema_version)s)")
            % {"name": path.name, "version": version, "schema_version": schema.SCHEMA_VERSION}
        )
    schema_check.verify(db.conn, version, path)
    return version


def create_database(path: Path) -> sqlite_utils.Database:
    """Create a new, empty project file at ``path`` (which must not exist)."""
    if path.exists():
        raise ProjectError(_("%(name)s: already exists") % {"name": path.name})
    if not path.parent.is_dir():
        raise ProjectError(_("%(name)s: the folder %(parent)s does not exist")
                           % {"name": path.name, "parent": path.parent})
    try:
        conn = _connect(file_uri(path, "rwc"))
    except sqlite3.Error as err:
        raise ProjectError(_("%(name)s: cannot be created (%(err)s)")
                           % {"name": path.name, "err": err}) from err
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        _configure_writable(db)
        schema.migrate(db)
    except BaseException:
        conn.close()
        raise
    return db


def open_database(path: Path) -> tuple[sqlite_utils.Database, Upgrade | None]:
    """Open an existing project for reading and writing, upgrading it if it is older
    (after keeping a copy; the ``Upgrade`` says so, None when the schema was current).

    A project may have come from someone else, so its schema is checked (reads bounded
    in time, nothing written) before the first write can fire anything in it.
    """
    if not path.is_file():
        raise ProjectError(_("%(name)s: does not exist") % {"name": path.name})
    conn = _connect(file_uri(path, "rw"))
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        _set_deadline(conn, UNTRUSTED_READ_SECONDS)
        _check_is_glossa(db, path)
        _set_deadline(conn, None)  # the schema is ours: long honest work may follow
        _configure_writable(db)
        upgraded = upgrade(db, path)
    except sqlite3.DatabaseError as err:
        conn.close()
        raise _unreadable(path, err, _("not a Glossa project")) from err
    except BaseException:
        conn.close()
        raise
    return db, upgraded


def open_untrusted(path: Path, *, check_pages: bool = True) -> sqlite_utils.Database:
    """Open someone else's project read-only, trusting nothing in it.

    Read-only mode (nothing can be written, so no trigger can fire), no trusted
    schema (its views and triggers cannot call functions with side effects), a check
    that it is a Glossa file of a schema version we know with exactly that version's
    tables, indexes and triggers before any row is read, and a deadline on all reading.
    Older versions are read as they are, never migrated: the tables a merge reads
    (documents, their files and pages, tags, annotations) are the same in every version
    so far; later versions only added indexes and tables of their own (``decisions``).
    A newer or unknown version is refused. ``check_pages=False`` skips the quick check of
    every page (seconds on a large file), for looking at a file rather than reading it all.
    """
    if not path.is_file():
        raise ProjectError(_("%(name)s: does not exist") % {"name": path.name})
    conn = _connect(file_uri(path, "ro"))
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA query_only = ON")
        _set_deadline(conn, UNTRUSTED_READ_SECONDS)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        _check_is_glossa(db, path)
        if check_pages:
            result = conn.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise NotAGlossaProject(_("%(name)s: the file is damaged (%(result)s)")
                                        % {"name": path.name, "result": result})
    except sqlite3.DatabaseError as err:
        conn.close()
        raise _unreadable(path, err, _("not a readable Glossa project")) from err
    except BaseException:
        conn.close()
        raise
    return db


def _configure_writable(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise ProjectError(_("cannot switch the project to WAL mode (got %(mode)s)")
                           % {"mode": mode})
    # NORMAL in WAL mode survives any crash of Glossa or the OS; only a power cut
    # can lose the last transactions, never corrupt the file.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")
