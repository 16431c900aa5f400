"""Full-text search (FTS5, diacritics and case folded) over texts, titles and notes."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

import sqlite_utils

from core.errors import InvalidValue

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document or note that matches; ``snippet`` marks hits with [ and ]."""

    kind: str  # "document" | "note"
    document_id: str
    title: str
    snippet: str
    annotation_id: str = ""


def to_fts_query(text: str) -> str:
    """Turn what a user types into a safe FTS5 query: every word must occur.

    Words are quoted so FTS5 syntax characters in user input cannot raise errors;
    a trailing ``*`` on a word keeps prefix search.
    """
    terms = []
    for raw in text.split():
        prefix = raw.endswith("*")
        for word in _WORD.findall(raw):
            terms.append(f'"{word}"')
        if prefix and terms:
            terms[-1] += "*"
    return " ".join(terms)


class SearchIndex:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def search(self, text: str, limit: int = 100) -> list[SearchHit]:
        """Documents (by title and text) and annotation notes matching every word of ``text``."""
        query = to_fts_query(text)
        if not query:
            return []
        try:
            doc_rows = self._db.execute(
                """SELECT d.id, d.title,
                          snippet(documents_fts, 1, '[', ']', '…', 12)
                   FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
                   WHERE documents_fts MATCH ? AND d.deleted = 0
                   ORDER BY rank LIMIT ?""",
                (query, limit),
            ).fetchall()
            note_rows = self._db.execute(
                """SELECT a.document_id, d.title,
                          snippet(notes_fts, 0, '[', ']', '…', 12), a.id
                   FROM notes_fts JOIN annotations a ON a.rowid = notes_fts.rowid
                   JOIN documents d ON d.id = a.document_id
                   WHERE notes_fts MATCH ? AND a.deleted = 0 AND d.deleted = 0
                   ORDER BY rank LIMIT ?""",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as err:  # pragma: no cover - to_fts_query guards this
            raise InvalidValue(f"cannot search for {text!r}: {err}") from err
        hits = [SearchHit("document", r[0], r[1], r[2]) for r in doc_rows]
        hits += [SearchHit("note", r[0], r[1], r[2], r[3]) for r in note_rows]
        return hits
