"""Rows of ``documents``, ``document_files`` and ``pdf_pages``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from core.errors import Ambiguous, NotFound
from core.i18n import _
from core.model import Document, DocumentInfo, PageMap, WordBox

_INFO_COLUMNS = (
    "d.id, d.title, d.format, d.language, d.outlet, d.author, d.url, d.published, "
    "d.source_name, d.content_hash, d.chars, d.imported"
)

EDITABLE_FIELDS = frozenset({"title", "language", "outlet", "author", "url", "published"})


def _info(row: tuple[Any, ...]) -> DocumentInfo:
    return DocumentInfo(*row)


class DocumentTable:
    """Documents of one project; texts are read only when asked for."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        #: (id, text) of the document read last. A text changes under its id only when a
        #: web page switches between its article and full text (``replace_text``), which,
        #: like insert and purge, forgets it.
        self._last_text: tuple[str, str] | None = None
        self._db = db

    def insert(
        self, doc: Document, original: bytes, pages: Iterable[PageMap], modified: str
    ) -> None:
        self._last_text = None
        self._db.execute(
            """INSERT INTO documents (id, title, format, language, outlet, author, url,
                   published, source_name, text, content_hash, chars, imported, modified)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                doc.id, doc.title, doc.format, doc.language, doc.outlet, doc.author, doc.url,
                doc.published, doc.source_name, doc.text, doc.content_hash, len(doc.text),
                doc.imported, modified,
            ),
        )
        self._db.execute(
            "INSERT INTO document_files (document_id, file_name, data) VALUES (?, ?, ?)",
            (doc.id, doc.source_name, original),
        )
        self._db.conn.executemany(
            """INSERT INTO pdf_pages (document_id, page, width, height, start, "end", words)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (
                (
                    doc.id, p.page, p.width, p.height, p.start, p.end,
                    json.dumps([[w.start, w.end, w.x0, w.y0, w.x1, w.y1] for w in p.words]),
                )
                for p in pages
            ),
        )

    def infos(self, include_deleted: bool = False) -> list[DocumentInfo]:
        """All documents, in import order, each with its count of live annotations."""
        rows = self._db.execute(
            f"""SELECT {_INFO_COLUMNS},
                   (SELECT count(*) FROM annotations a
                    WHERE a.document_id = d.id AND a.deleted = 0)
                FROM documents d
                WHERE d.deleted = 0 OR ?
                ORDER BY d.imported, d.rowid""",
            (include_deleted,),
        ).fetchall()
        return [_info(r) for r in rows]

    def titles(self) -> dict[str, str]:
        """Every document's title by id: what a list's Document column shows, without
        ``infos``' per-document counts (a third of a second at a million annotations)."""
        return dict(self._db.execute("SELECT id, title FROM documents").fetchall())

    def get(self, doc_id: str) -> Document:
        row = self._db.execute(
            f"""SELECT {_INFO_COLUMNS},
                   (SELECT count(*) FROM annotations a
                    WHERE a.document_id = d.id AND a.deleted = 0),
                   d.text
                FROM documents d WHERE d.id = ?""",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise NotFound(_("no document %(doc_id)s") % {"doc_id": doc_id})
        return Document(*row)

    def text(self, doc_id: str) -> str:
        """The stored text; the last one read is kept (see ``_last_text``)."""
        if self._last_text is not None and self._last_text[0] == doc_id:
            return self._last_text[1]
        row = self._db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(_("no document %(doc_id)s") % {"doc_id": doc_id})
        text = str(row[0])
        self._last_text = (doc_id, text)
        return text

    def forget_cached(self) -> None:
        self._last_text = None

    def passage(self, doc_id: str, start: int, end: int, context: int) -> tuple[int, str, str, str]:
        """(text length, prefix, exact, suffix) around ``start:end``.

        Sliced from the kept text: SQL ``substr`` on a 2 MB text walks its UTF-8 from the
        start each time (6 ms), which a key press that adds an annotation cannot afford.
        """
        text = self.text(doc_id)
        return (len(text), text[max(0, start - context):start], text[start:end],
                text[end:end + context])

    def original(self, doc_id: str) -> tuple[str, bytes]:
        """The imported file's name and bytes, unchanged."""
        row = self._db.execute(
            "SELECT file_name, data FROM document_files WHERE document_id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise NotFound(_("no original file for document %(doc_id)s") % {"doc_id": doc_id})
        return str(row[0]), bytes(row[1])

    def pages(self, doc_id: str) -> list[PageMap]:
        rows = self._db.execute(
            """SELECT page, width, height, start, "end", words FROM pdf_pages
               WHERE document_id = ? ORDER BY page""",
            (doc_id,),
        ).fetchall()
        return [
            PageMap(
                page=r[0], width=r[1], height=r[2], start=r[3], end=r[4],
                words=[WordBox(*w) for w in json.loads(r[5])],
            )
            for r in rows
        ]

    def resolve(self, ref: str) -> str:
        """The id of the live document whose id is ``ref`` or starts with it."""
        ref = ref.strip()
        if not ref:
            raise NotFound(_("no document given"))
        exact = self._db.execute(
            "SELECT id FROM documents WHERE id = ? AND deleted = 0", (ref,)
        ).fetchone()
        if exact:
            return str(exact[0])
        escaped = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute(
            "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' AND deleted = 0 LIMIT 2",
            (escaped + "%",),
        ).fetchall()
        if not rows:
            raise NotFound(_("no document with id %(ref)r") % {"ref": ref})
        if len(rows) > 1:
            raise Ambiguous(_("more than one document id starts with %(ref)r") % {"ref": ref})
        return str(rows[0][0])

    def ids_with_hash(self, content_hash: str) -> list[str]:
        rows = self._db.execute(
            "SELECT id FROM documents WHERE content_hash = ? AND deleted = 0 ORDER BY rowid",
            (content_hash,),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def is_live(self, doc_id: str) -> bool:
        """The document exists and was not removed."""
        row = self._db.execute("SELECT 1 FROM documents WHERE id = ? AND deleted = 0",
                               (doc_id,)).fetchone()
        return row is not None

    def exists(self, doc_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def update(self, doc_id: str, fields: dict[str, str], modified: str) -> None:
        unknown = set(fields) - EDITABLE_FIELDS
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        if not fields:
            return
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self._db.execute(
            f"UPDATE documents SET {assignments}, modified = ? WHERE id = ?",
            (*fields.values(), modified, doc_id),
        )

    def replace_text(self, doc_id: str, text: str, digest: str, modified: str) -> None:
        """Put another reading of the same original in place (a web page's article or full
        text); the caller moves the annotations. The search index follows by trigger."""
        self._last_text = None
        self._db.execute(
            "UPDATE documents SET text = ?, content_hash = ?, chars = ?, modified = ? "
            "WHERE id = ?",
            (text, digest, len(text), modified, doc_id),
        )

    def set_deleted(self, doc_id: str, deleted: bool, modified: str) -> None:
        self._db.execute(
            "UPDATE documents SET deleted = ?, modified = ? WHERE id = ?",
            (int(deleted), modified, doc_id),
        )

    def is_referenced(self, doc_id: str) -> bool:
        """Annotations (tombstones too) or review decisions still point at the document."""
        row = self._db.execute(
            """SELECT EXISTS (SELECT 1 FROM annotations WHERE document_id = :id)
                      OR EXISTS (SELECT 1 FROM decisions WHERE document_id = :id)""",
            {"id": doc_id},
        ).fetchone()
        return bool(row[0])

    def purge(self, doc_id: str) -> None:
        """Remove a document for good: only to undo the merge that created it."""
        self._last_text = None
        self._db.execute("DELETE FROM pdf_pages WHERE document_id = ?", (doc_id,))
        self._db.execute("DELETE FROM document_files WHERE document_id = ?", (doc_id,))
        self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
