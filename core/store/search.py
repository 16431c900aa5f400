"""Full-text search (FTS5, diacritics and case folded) over texts, titles and notes."""

from __future__ import annotations

import re
import sqlite3

import sqlite_utils

from core.errors import InvalidValue
from core.i18n import _
from core.model import SearchHit

_WORD = re.compile(r"\w+", re.UNICODE)


#: Private-use characters mark the snippet in SQL, so brackets or an ellipsis in the text
#: itself are never taken for markers when the snippet is located in the text.
_OPEN, _CLOSE, _CUT = "\ue000", "\ue001", "\ue002"


def _display(snippet: str) -> str:
    return snippet.replace(_OPEN, "[").replace(_CLOSE, "]").replace(_CUT, "…")


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
                          snippet(documents_fts, 1, ?, ?, ?, 12)
                   FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
                   WHERE documents_fts MATCH ? AND d.deleted = 0
                   ORDER BY rank LIMIT ?""",
                (_OPEN, _CLOSE, _CUT, query, limit),
            ).fetchall()
            note_rows = self._db.execute(
                """SELECT a.document_id, d.title,
                          snippet(notes_fts, 0, ?, ?, ?, 12), a.id
                   FROM notes_fts JOIN annotations a ON a.rowid = notes_fts.rowid
                   JOIN documents d ON d.id = a.document_id
                   WHERE notes_fts MATCH ? AND a.deleted = 0 AND d.deleted = 0
                   ORDER BY rank LIMIT ?""",
                (_OPEN, _CLOSE, _CUT, query, limit),
            ).fetchall()
        except sqlite3.OperationalError as err:  # pragma: no cover - to_fts_query guards this
            raise InvalidValue(_("cannot search for %(text)r: %(err)s")
                               % {"text": text, "err": err}) from err
        hits = [SearchHit("document", r[0], r[1], _display(r[2]), "", *self._locate(r[0], r[2]))
                for r in doc_rows]
        hits += [SearchHit("note", r[0], r[1], _display(r[2]), r[3]) for r in note_rows]
        return hits

    def _locate(self, document_id: str, snippet: str) -> tuple[int, int]:
        """The code point span of the snippet's first marked word in the document's text.

        A snippet is a verbatim stretch of the text with markers added, so the stretch is
        found with ``instr`` (which counts characters) and the word lies at its marker;
        the word itself may recur elsewhere, even inside a longer word.
        """
        first = snippet.find(_OPEN)
        if first < 0:
            return -1, -1  # the title matched, not the text
        stretch = snippet.strip(_CUT)
        first = stretch.find(_OPEN)
        close = stretch.find(_CLOSE, first)
        plain = stretch.replace(_OPEN, "").replace(_CLOSE, "")
        row = self._db.execute(
            "SELECT instr(text, :s), instr(substr(text, instr(text, :s) + 1), :s) "
            "FROM documents WHERE id = :d", {"s": plain, "d": document_id}).fetchone()
        if not row or not row[0] or row[1]:
            return -1, -1  # not found, or the stretch recurs: no place rather than a wrong one
        start = row[0] - 1 + first
        return start, start + (close - first - 1)
