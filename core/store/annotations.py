"""Rows of ``annotations`` and ``annotation_history``."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from operator import itemgetter
from typing import Any

import sqlite_utils

from core.errors import NotFound
from core.i18n import _
from core.model import Annotation, AnnotationSpan, Origin, Status
from core.store.annotation_rows import (
    COLUMNS,
    LIVE_COLUMNS,
    NOTE_COLUMN,
    annotation_from_row,
    annotation_row,
    annotations_from_rows,
    attributes_json,
    collector_paused,
    live_annotations_from_rows,
)
from core.store.id_chunks import rows_for_ids

__all__ = [
    "COLUMNS", "NOTE_COLUMN", "AnnotationTable", "annotation_from_row", "annotation_row",
    "attributes_json",
]

_SELECT = ", ".join(f'"{c}"' for c in COLUMNS)
_INSERT = (
    f"INSERT INTO annotations ({_SELECT}) VALUES ({', '.join('?' for _ in COLUMNS)})"
)

_SELECT_LIVE = ", ".join(f'"{c}"' for c in LIVE_COLUMNS)

#: The order of one document's annotations: span, then creation, then id.
_SPAN_CREATED_ID = itemgetter(COLUMNS.index("start"), COLUMNS.index("end"),
                              COLUMNS.index("created"), COLUMNS.index("id"))
_LIVE_SPAN_CREATED_ID = itemgetter(LIVE_COLUMNS.index("start"), LIVE_COLUMNS.index("end"),
                                   LIVE_COLUMNS.index("created"), LIVE_COLUMNS.index("id"))

EDITABLE_FIELDS = frozenset(
    {"start", "end", "exact", "prefix", "suffix", "tag_id", "attributes", "note", "author",
     "status", "origin"}
)


def _column_value(name: str, value: Any) -> Any:
    if name == "attributes":
        return attributes_json(value)
    if name in ("origin", "status"):
        return str(value)
    return value


class AnnotationTable:
    """Annotations; deletion is a tombstone so merges and undo stay exact."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def insert(self, annotation: Annotation) -> None:
        self.insert_rows([annotation_row(annotation)])

    def insert_many(self, annotations: Iterable[Annotation]) -> int:
        """Insert in one ``executemany``; the caller owns the transaction."""
        return self.insert_rows(annotation_row(a) for a in annotations)

    def insert_rows(self, rows: Iterable[tuple[Any, ...]]) -> int:
        """Insert prepared ``annotation_row`` tuples: the fastest path, for bulk loads."""
        noted: list[str] = []

        def watch(rows: Iterable[tuple[Any, ...]]) -> Iterable[tuple[Any, ...]]:
            for row in rows:
                if row[NOTE_COLUMN]:
                    noted.append(row[0])
                yield row

        cursor = self._db.conn.executemany(_INSERT, watch(rows))
        self._index_notes(noted)
        return int(cursor.rowcount)

    def _index_notes(self, annotation_ids: Sequence[str]) -> None:
        """Bring ``notes_fts`` in step with these annotations' notes.

        Kept here rather than in a trigger: a trigger on every insert halved bulk
        insert speed although most annotations have no note.
        """
        if not annotation_ids:
            return
        pairs = [(i,) for i in annotation_ids]
        self._db.conn.executemany(
            "DELETE FROM notes_fts WHERE rowid = (SELECT rowid FROM annotations WHERE id = ?)",
            pairs,
        )
        self._db.conn.executemany(
            """INSERT INTO notes_fts (rowid, note)
               SELECT rowid, note FROM annotations WHERE id = ? AND note != ''""",
            pairs,
        )

    def get(self, annotation_id: str) -> Annotation:
        row = self._db.execute(
            f"SELECT {_SELECT} FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
        if row is None:
            raise NotFound(_("no annotation %(annotation_id)s")
                           % {"annotation_id": annotation_id})
        return annotation_from_row(row)

    def exists(self, annotation_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM annotations WHERE id = ?", (annotation_id,))
        return row.fetchone() is not None

    def query(
        self,
        *,
        document_id: str | None = None,
        tag_ids: Sequence[str] | None = None,
        author: str | None = None,
        status: str | None = None,
        include_deleted: bool = False,
    ) -> list[Annotation]:
        """Annotations matching every given filter, ordered by document order then start."""
        where: list[str] = []
        params: list[Any] = []
        if document_id is not None:
            where.append("a.document_id = ?")
            params.append(document_id)
        if tag_ids is not None:
            if not tag_ids:
                return []
            where.append(f"a.tag_id IN ({', '.join('?' for _ in tag_ids)})")
            params.extend(tag_ids)
        if author is not None:
            where.append("a.author = ?")
            params.append(author)
        if status is not None:
            where.append("a.status = ?")
            params.append(status)
        if not include_deleted:
            where.append("a.deleted = 0")
        select = ", ".join(f'a."{c}"' for c in COLUMNS)
        if document_id is not None:
            # One document: no join, and the (document_id, deleted, start, end, id) index
            # gives the order but for ``created``, which Python adds far cheaper than a
            # sort in SQLite would (that copies every row into a sorter).
            # Live rows are read without the two columns they all share.
            if not include_deleted and not self._document_is_live(document_id):
                return []
            sql = f"""SELECT {_SELECT_LIVE if not include_deleted else select}
                      FROM annotations a WHERE {' AND '.join(where)}
                      ORDER BY a.start, a."end", a.id"""
            with collector_paused():
                rows = self._db.execute(sql, params).fetchall()
                with contextlib.suppress(TypeError):  # a damaged file's offsets: keep SQL's
                    rows.sort(key=_SPAN_CREATED_ID if include_deleted
                              else _LIVE_SPAN_CREATED_ID)
                if include_deleted:
                    return annotations_from_rows(rows)
                return live_annotations_from_rows(document_id, rows)
        else:
            if not include_deleted:
                where.append("d.deleted = 0")
            clause = f"WHERE {' AND '.join(where)}" if where else ""
            sql = f"""SELECT {select} FROM annotations a JOIN documents d ON d.id = a.document_id
                      {clause} ORDER BY d.imported, d.rowid, a.start, a."end", a.created, a.id"""
        with collector_paused():
            return annotations_from_rows(self._db.execute(sql, params).fetchall())

    def _document_is_live(self, document_id: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM documents WHERE id = ? AND deleted = 0", (document_id,)
        ).fetchone()
        return row is not None

    def marks(self, author: str, document_id: str | None = None) -> list[tuple[Any, ...]]:
        """``(document_id, id, start, end, tag_id, attributes JSON, status)`` of one author's
        live annotations on live documents: what comparing two analysts reads, no more.

        Ordered by document, then start; no selectors or notes are read or decoded.
        """
        columns = 'a.document_id, a.id, a.start, a."end", a.tag_id, a.attributes, a.status'
        if document_id is not None:
            # One document: no join, and the (document_id, deleted, start, end, id) index
            # gives the order.
            if not self._document_is_live(document_id):
                return []
            sql = f"""SELECT {columns} FROM annotations a
                      WHERE a.document_id = ? AND a.deleted = 0 AND a.author = ?
                      ORDER BY a.start, a."end", a.id"""
            return self._db.execute(sql, (document_id, author)).fetchall()
        sql = f"""SELECT {columns} FROM annotations a JOIN documents d ON d.id = a.document_id
                  WHERE a.author = ? AND a.deleted = 0 AND d.deleted = 0
                  ORDER BY d.imported, d.rowid, a.start, a."end", a.id"""
        return self._db.execute(sql, (author,)).fetchall()

    def spans(self, document_id: str) -> list[AnnotationSpan]:
        """Live annotations of one document as (id, start, end, tag_id, rejected): what
        highlighting needs.

        Much cheaper than full rows: no JSON, no dataclasses, index order.
        """
        if not self._document_is_live(document_id):
            return []
        rows = self._db.execute(
            """SELECT id, start, "end", tag_id, status = 'rejected', status = 'proposed'
               FROM annotations
               WHERE document_id = ? AND deleted = 0 ORDER BY start, "end", id""",
            (document_id,),
        ).fetchall()
        return list(map(AnnotationSpan._make, rows))

    def author_of(self, document_id: str) -> dict[str, str]:
        """Annotation id -> author for a document's live annotations (for layer views)."""
        rows = self._db.execute(
            "SELECT id, author FROM annotations WHERE document_id = ? AND deleted = 0",
            (document_id,),
        ).fetchall()
        return dict(rows)

    def authors(self) -> list[str]:
        """Authors of live annotations on live documents, sorted.

        A skip scan over ``annotations_author``: one index step per author (the next name
        after the last), each kept if it has a live annotation, so the cost grows with the
        number of analysts, not of annotations (a plain DISTINCT reads them all).
        """
        rows = self._db.execute(
            """WITH RECURSIVE next_author(author) AS (
                   SELECT (SELECT min(author) FROM annotations)
                   UNION ALL
                   SELECT (SELECT min(author) FROM annotations WHERE author > n.author)
                   FROM next_author n WHERE n.author IS NOT NULL)
               SELECT author FROM next_author n WHERE author IS NOT NULL AND EXISTS (
                   SELECT 1 FROM annotations a JOIN documents d ON d.id = a.document_id
                   WHERE a.author = n.author AND a.deleted = 0 AND d.deleted = 0)
               ORDER BY author"""
        ).fetchall()
        return [str(r[0]) for r in rows]

    def attribute_values(self, key: str, limit: int = 500) -> list[str]:
        """Distinct values of one attribute over the live annotations, most used first."""
        rows = self._db.execute(
            """SELECT json_extract(attributes, '$.' || json_quote(?)) AS v, count(*) AS n
               FROM annotations WHERE deleted = 0 AND v IS NOT NULL AND v != ''
               GROUP BY v ORDER BY n DESC, v LIMIT ?""",
            (key, limit),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def update(self, annotation_id: str, fields: dict[str, Any], modified: str) -> None:
        unknown = set(fields) - EDITABLE_FIELDS
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        if not fields:
            return
        assignments = ", ".join(f'"{name}" = ?' for name in fields)
        values = [_column_value(name, value) for name, value in fields.items()]
        self._db.execute(
            f"UPDATE annotations SET {assignments}, modified = ? WHERE id = ?",
            (*values, modified, annotation_id),
        )
        if "note" in fields:
            self._index_notes([annotation_id])

    def move_spans(self, spans: Sequence[tuple[str, int, int, str, str, str]],
                   modified: str) -> None:
        """Set (id, start, end, exact, prefix, suffix) of many annotations at once."""
        self._db.conn.executemany(
            'UPDATE annotations SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?, '
            "modified = ? WHERE id = ?",
            [(*span[1:], modified, span[0]) for span in spans],
        )

    def set_deleted(self, annotation_ids: Sequence[str], deleted: bool, modified: str) -> None:
        self._db.conn.executemany(
            "UPDATE annotations SET deleted = ?, modified = ? WHERE id = ?",
            [(int(deleted), modified, a) for a in annotation_ids],
        )

    def ids_for_tags(self, tag_ids: Sequence[str]) -> list[str]:
        """Live annotation ids carrying any of ``tag_ids``."""
        if not tag_ids:
            return []
        rows = self._db.execute(
            f"""SELECT id FROM annotations WHERE deleted = 0
                AND tag_id IN ({', '.join('?' for _ in tag_ids)})""",
            list(tag_ids),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def record_history(self, annotation: Annotation, replaced: str, reason: str) -> int:
        """Keep a version that is overwritten or loses a merge; returns its history ``seq``.

        A version already in the history is not stored twice (repeated merges).
        """
        snapshot = json.dumps(asdict(annotation), ensure_ascii=False, sort_keys=True)
        row = self._db.execute(
            "SELECT seq FROM annotation_history WHERE annotation_id = ? AND snapshot = ?",
            (annotation.id, snapshot),
        ).fetchone()
        if row is not None:
            return -1
        cursor = self._db.execute(
            """INSERT INTO annotation_history (annotation_id, snapshot, replaced, reason)
               VALUES (?, ?, ?, ?)""",
            (annotation.id, snapshot, replaced, reason),
        )
        return int(cursor.lastrowid or 0)

    def forget_history(self, seqs: Sequence[int]) -> None:
        """Drop history rows (only to undo the merge that wrote them)."""
        self._db.conn.executemany(
            "DELETE FROM annotation_history WHERE seq = ?", [(s,) for s in seqs if s > 0]
        )

    def overwrite(self, annotations: Iterable[Annotation]) -> None:
        """Replace whole rows, timestamps included (merge winners, undo of a merge)."""
        columns = COLUMNS[1:]
        assignments = ", ".join(f'"{c}" = ?' for c in columns)
        rows = [(*annotation_row(a)[1:], a.id) for a in annotations]
        self._db.conn.executemany(f"UPDATE annotations SET {assignments} WHERE id = ?", rows)
        self._index_notes([r[-1] for r in rows])

    def purge(self, annotation_ids: Sequence[str]) -> None:
        """Remove rows for good: only to undo the merge or import that created them."""
        self._db.conn.executemany(
            "DELETE FROM notes_fts WHERE rowid = (SELECT rowid FROM annotations WHERE id = ?)",
            [(i,) for i in annotation_ids],
        )
        self._db.conn.executemany(
            "DELETE FROM annotations WHERE id = ?", [(i,) for i in annotation_ids]
        )

    def spans_by(self, author: str, status: str) -> list[tuple[str, int, int, str]]:
        """``(document_id, start, end, tag_id)`` of an author's live annotations with
        ``status``, in ``query``'s order: what agreement reads, four columns instead of a
        million whole ``Annotation`` objects (two thirds of its time)."""
        rows = self._db.execute(
            """SELECT a.document_id, a.start, a."end", a.tag_id
               FROM annotations a JOIN documents d ON d.id = a.document_id
               WHERE a.author = ? AND a.status = ? AND a.deleted = 0 AND d.deleted = 0
               ORDER BY d.imported, d.rowid, a.start, a."end", a.created, a.id""",
            (author, status)).fetchall()
        return [(str(d), int(s), int(e), str(t)) for d, s, e, t in rows]

    def by_ids(self, annotation_ids: Sequence[str]) -> dict[str, Annotation]:
        """The annotations (tombstones too) with these ids, in chunks SQLite accepts."""
        rows = rows_for_ids(self._db.conn,
                            f"SELECT {_SELECT} FROM annotations WHERE id IN ({{ids}})",
                            annotation_ids)
        return {a.id: a for a in annotations_from_rows(rows)}

    def history(self, annotation_id: str) -> list[tuple[str, str, Annotation]]:
        """(replaced, reason, old version) for ``annotation_id``, oldest first."""
        rows = self._db.execute(
            """SELECT replaced, reason, snapshot FROM annotation_history
               WHERE annotation_id = ? ORDER BY seq""",
            (annotation_id,),
        ).fetchall()
        return [(str(replaced), str(reason), _snapshot(snapshot))
                for replaced, reason, snapshot in rows]

    def history_of_document(self, document_id: str) -> list[tuple[str, str, Annotation]]:
        """(replaced, reason, old version) of every annotation of ``document_id``, in the
        order they were kept (what a lossless export carries)."""
        rows = self._db.execute(
            """SELECT h.replaced, h.reason, h.snapshot FROM annotation_history h
               JOIN annotations a ON a.id = h.annotation_id
               WHERE a.document_id = ? ORDER BY h.seq""",
            (document_id,),
        ).fetchall()
        return [(str(replaced), str(reason), _snapshot(snapshot))
                for replaced, reason, snapshot in rows]

    def count(self, include_deleted: bool = False) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM annotations WHERE deleted = 0 OR ?", (include_deleted,)
        ).fetchone()
        return int(row[0])

    # --- raw rows: the bulk path of merges ----------------------------------------------

    def rows(self) -> list[tuple[Any, ...]]:
        """Every annotation (tombstones too) as a row in ``COLUMNS`` order, attributes as
        JSON text, in storage order.

        Nothing is decoded: reading a colleague's file for a merge takes every row and
        checks each one itself.
        """
        return list(self._db.conn.execute(f"SELECT {_SELECT} FROM annotations").fetchall())

    def rows_by_ids(
        self, annotation_ids: Sequence[str], columns: Sequence[str] = COLUMNS
    ) -> dict[str, tuple[Any, ...]]:
        """Undecoded rows (``columns``, ``id`` first) of the annotations with these ids,
        tombstones too, read in chunks SQLite accepts."""
        if not columns or columns[0] != "id" or not set(columns) <= set(COLUMNS):
            raise ValueError(f"not annotation columns starting with id: {list(columns)}")
        select = ", ".join(f'"{c}"' for c in columns)
        rows = rows_for_ids(self._db.conn,
                            f"SELECT {select} FROM annotations WHERE id IN ({{ids}})",
                            annotation_ids)
        return {r[0]: r for r in rows}

    def overwrite_rows(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Replace whole rows given in ``COLUMNS`` order (merge winners, undo of a merge)."""
        assignments = ", ".join(f'"{c}" = ?' for c in COLUMNS[1:])
        self._db.conn.executemany(
            f"UPDATE annotations SET {assignments} WHERE id = ?", [(*r[1:], r[0]) for r in rows]
        )
        self._index_notes([r[0] for r in rows])


def _snapshot(snapshot: str) -> Annotation:
    """An annotation kept in ``annotation_history`` (JSON of the whole dataclass)."""
    data = json.loads(snapshot)
    data["origin"] = Origin(data["origin"])
    data["status"] = Status(data["status"])
    return Annotation(**data)
