"""The project file's schema and its explicit, numbered migrations.

``PRAGMA user_version`` is the number of migrations applied; ``PRAGMA application_id``
marks a file as Glossa's, so a foreign SQLite file is recognised before anything is read.
Pending migrations run in one transaction with the version bump, so a failed upgrade
leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from core.store.transaction import write_transaction

APPLICATION_ID = 0x474C5353  # "GLSS"

FTS_TOKENIZER = "unicode61 remove_diacritics 2"


def _v1_initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE project_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            format TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            source_name TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            chars INTEGER NOT NULL,
            imported TEXT NOT NULL,
            modified TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX documents_content_hash ON documents(content_hash)")
    db.execute(
        """CREATE TABLE document_files (
            document_id TEXT PRIMARY KEY REFERENCES documents(id),
            file_name TEXT NOT NULL,
            data BLOB NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE pdf_pages (
            document_id TEXT NOT NULL REFERENCES documents(id),
            page INTEGER NOT NULL,
            width REAL NOT NULL,
            height REAL NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            words TEXT NOT NULL,
            PRIMARY KEY (document_id, page)
        )"""
    )
    db.execute(
        """CREATE TABLE tags (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            parent_id TEXT REFERENCES tags(id),
            color TEXT NOT NULL,
            key TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            attributes TEXT NOT NULL DEFAULT '[]',
            ordinal INTEGER,
            position INTEGER NOT NULL DEFAULT 0,
            description TEXT NOT NULL DEFAULT '',
            modified TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX tags_parent ON tags(parent_id)")
    db.execute(
        """CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            tag_id TEXT NOT NULL REFERENCES tags(id),
            attributes TEXT NOT NULL DEFAULT '{}',
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL,
            status TEXT NOT NULL,
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            CHECK (start >= 0 AND "end" > start)
        )"""
    )
    db.execute("CREATE INDEX annotations_document_start ON annotations(document_id, start)")
    db.execute("CREATE INDEX annotations_tag ON annotations(tag_id)")
    db.execute(
        """CREATE TABLE annotation_history (
            seq INTEGER PRIMARY KEY,
            annotation_id TEXT NOT NULL,
            snapshot TEXT NOT NULL,
            replaced TEXT NOT NULL,
            reason TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX annotation_history_annotation ON annotation_history(annotation_id)")
    # Full-text search. External-content tables keep one copy of the text; the
    # triggers keep them in step. The note index only sees rows that have a note,
    # so bulk inserts of note-less annotations pay nothing for it.
    db.execute(
        f"""CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid',
            tokenize='{FTS_TOKENIZER}')"""
    )
    db.execute(
        """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END"""
    )
    db.execute(
        """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END"""
    )
    db.execute(
        """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END"""
    )
    db.execute(
        f"""CREATE VIRTUAL TABLE notes_fts USING fts5(
            note, content='annotations', content_rowid='rowid', tokenize='{FTS_TOKENIZER}')"""
    )
    db.execute(
        """CREATE TRIGGER notes_fts_insert AFTER INSERT ON annotations WHEN new.note != '' BEGIN
            INSERT INTO notes_fts(rowid, note) VALUES (new.rowid, new.note);
        END"""
    )
    db.execute(
        """CREATE TRIGGER notes_fts_delete AFTER DELETE ON annotations WHEN old.note != '' BEGIN
            INSERT INTO notes_fts(notes_fts, rowid, note) VALUES ('delete', old.rowid, old.note);
        END"""
    )
    db.execute(
        """CREATE TRIGGER notes_fts_update AFTER UPDATE OF note ON annotations BEGIN
            INSERT INTO notes_fts(notes_fts, rowid, note)
            SELECT 'delete', old.rowid, old.note WHERE old.note != '';
            INSERT INTO notes_fts(rowid, note) SELECT new.rowid, new.note WHERE new.note != '';
        END"""
    )


def _v2_faster_writes(db: sqlite_utils.Database) -> None:
    """Make bulk inserts and per-document reads cheaper.

    The notes trigger cost half of every insert even with its WHEN clause, so the
    store now keeps ``notes_fts`` itself (a plain FTS5 table, notes are short), and
    the per-document index leads with ``deleted`` and holds every column of a span, so
    counts and span reads of live annotations never touch the table.
    """
    for trigger in ("notes_fts_insert", "notes_fts_delete", "notes_fts_update"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS notes_fts")
    db.execute(f"CREATE VIRTUAL TABLE notes_fts USING fts5(note, tokenize='{FTS_TOKENIZER}')")
    db.execute(
        "INSERT INTO notes_fts (rowid, note) SELECT rowid, note FROM annotations WHERE note != ''"
    )
    db.execute("DROP INDEX IF EXISTS annotations_document_start")
    # Covers what opening a document reads (spans in order, counts): no table lookups.
    db.execute(
        "CREATE INDEX annotations_document_live "
        'ON annotations(document_id, deleted, start, "end", id, tag_id)'
    )


def _v3_decisions(db: sqlite_utils.Database) -> None:
    """Adjudication decisions: who decided what about a disagreement between two analysts.

    ``annotations`` is ``{"a": [ids], "b": [ids]}``, ``created_annotations`` a JSON list of
    the adjudicated-layer annotations the decision made, ``statuses_before`` the analysts'
    annotation statuses before it. Undo sets ``deleted``; a re-decision tombstones the
    decision it ``replaces``. (Merges carry decisions too; see version 4.)
    """
    db.execute(
        """CREATE TABLE decisions (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id),
            disagreement_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            action TEXT NOT NULL,
            annotations TEXT NOT NULL DEFAULT '{}',
            created_annotations TEXT NOT NULL DEFAULT '[]',
            statuses_before TEXT NOT NULL DEFAULT '{}',
            comment TEXT NOT NULL DEFAULT '',
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            replaces TEXT,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        "CREATE INDEX decisions_document ON decisions(document_id, deleted, disagreement_id)"
    )


def _v4_decision_times(db: sqlite_utils.Database) -> None:
    """When each decision last changed (made, undone, redone, replaced).

    Decisions travel with merges (since version 3's code too); undo and redo switch a
    decision off and on, so merging two projects needs the later of the two states.
    """
    db.execute("ALTER TABLE decisions ADD COLUMN modified TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE decisions SET modified = decided_at")


def _v5_project_wide_lists(db: sqlite_utils.Database) -> None:
    """Indexes for reading over the whole project at a million annotations.

    ``authors()`` read every annotation (4.4 s to open such a project); over
    ``(author, deleted, document_id)`` it steps from one author to the next instead, and
    an author's annotations are found without a scan. Documents in import order let the
    whole-project list come out of the per-document index already sorted.
    """
    db.execute("CREATE INDEX annotations_author ON annotations(author, deleted, document_id)")
    db.execute("CREATE INDEX documents_imported ON documents(imported)")


Migration = Callable[[sqlite_utils.Database], None]

#: Migration N (1-based) brings a file from user_version N-1 to N. Append only.
MIGRATIONS: list[Migration] = [_v1_initial, _v2_faster_writes, _v3_decisions,
                               _v4_decision_times, _v5_project_wide_lists]

SCHEMA_VERSION = len(MIGRATIONS)
#: The first schema version with the ``decisions`` table.
DECISIONS_SINCE = MIGRATIONS.index(_v3_decisions) + 1


def user_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def application_id(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA application_id").fetchone()[0])


def migrate(db: sqlite_utils.Database) -> int:
    """Apply pending migrations, all in one transaction; return the new version.

    One transaction for all steps: a failure in any of them leaves the file at the
    version it had, never half-way (``core.store.upgrade`` also keeps a copy first).
    """
    version = user_version(db)
    if version >= len(MIGRATIONS):
        return version
    with write_transaction(db):
        for migration in MIGRATIONS[version:]:
            migration(db)
        # PRAGMAs take no parameters; both values are integers we control.
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return user_version(db)
