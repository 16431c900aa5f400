"""Sorted id lists of annotations and their sort keys, for lists that must scale to 1M rows.

A list view keeps only ids, sorted here by SQLite, and fetches rows for what is on screen
(as Anki's browser does). To place one new or edited annotation without sorting again, the
caller binary-searches with ``sort_keys``: each key is a tuple that Python orders exactly
as the ``ORDER BY`` below orders rows. That is why text columns compare with SQLite's
``NOCASE`` (which folds ASCII letters only) and the key folds the same letters with
``ascii_fold``: SQLite compares UTF-8 bytes and Python compares code points, which agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import sqlite_utils

from core.store.filters import NothingMatches, annotation_filters
from core.store.id_chunks import rows_for_ids


class SortColumn(StrEnum):
    """What a list is sorted by; ties always fall back to document order and position."""

    POSITION = "position"
    TEXT = "text"
    TAG = "tag"
    ATTRIBUTES = "attributes"
    AUTHOR = "author"
    STATUS = "status"
    DOCUMENT = "document"


_ASCII_FOLD = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def ascii_fold(text: str) -> str:
    """What SQLite's ``NOCASE`` compares: ``A``-``Z`` lowered, everything else as it is."""
    return text.translate(_ASCII_FOLD)


def tag_order_text(tag_ids_in_order: Sequence[str]) -> str:
    """The codebook's order as one string; a tag's rank is where ``|id|`` occurs in it."""
    return "|" + "|".join(tag_ids_in_order) + "|"


# The primary sort expression per column, and how to turn the selected raw value into the
# same order in Python. ``?tag_order`` is bound to ``tag_order_text``.
_PRIMARY: dict[SortColumn, str] = {
    SortColumn.TEXT: "a.exact COLLATE NOCASE",
    SortColumn.TAG: "instr(:tag_order, '|' || a.tag_id || '|')",
    SortColumn.ATTRIBUTES: "a.attributes COLLATE NOCASE",
    SortColumn.AUTHOR: "a.author COLLATE NOCASE",
    SortColumn.STATUS: "a.status",
    SortColumn.DOCUMENT: "d.title COLLATE NOCASE",
}
_PRIMARY_RAW: dict[SortColumn, str] = {
    SortColumn.TEXT: "a.exact",
    SortColumn.TAG: "a.tag_id",
    SortColumn.ATTRIBUTES: "a.attributes",
    SortColumn.AUTHOR: "a.author",
    SortColumn.STATUS: "a.status",
    SortColumn.DOCUMENT: "d.title",
}
_TIES = 'd.imported, d.rowid, a.start, a."end", a.id'


class AnnotationListing:
    """Ids of live annotations matching filters, in a chosen order."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def page(
        self,
        *,
        document_id: str | None = None,
        tag_ids: Sequence[str] | None = None,
        author: str | None = None,
        status: str | None = None,
        sort: SortColumn = SortColumn.POSITION,
        tag_order: str = "||",
        offset: int = 0,
        limit: int | None = None,
    ) -> list[str]:
        """Matching ids from ``offset`` (``limit`` of them, or all), ascending by ``sort``
        then document order, start, end and id.

        In document order with a limit, the documents are the outer loop (``CROSS JOIN``):
        rows then come out of the per-document index already sorted, and the first page
        of a million rows costs a few milliseconds instead of a full sort. Without a limit
        the planner chooses (an author's or a tag's index, then a sort, is quicker for all).
        """
        try:
            where, params = annotation_filters(document_id=document_id, tag_ids=tag_ids,
                                               author=author, status=status)
        except NothingMatches:
            return []
        where.append("d.deleted = 0")
        order = _TIES
        if sort is not SortColumn.POSITION:
            order = f"{_PRIMARY[sort]}, {_TIES}"
            if sort is SortColumn.TAG:
                params["tag_order"] = tag_order
        joined = "annotations a JOIN documents d ON d.id = a.document_id"
        bounds = ""
        if limit is not None:
            bounds = "LIMIT :limit OFFSET :offset"
            params.update(limit=limit, offset=offset)
            if sort is SortColumn.POSITION:
                joined = "documents d CROSS JOIN annotations a ON a.document_id = d.id"
        elif offset:
            bounds = "LIMIT -1 OFFSET :offset"
            params["offset"] = offset
        rows = self._db.execute(
            f"""SELECT a.id FROM {joined}
                WHERE {' AND '.join(where)} ORDER BY {order} {bounds}""",
            params,
        ).fetchall()
        return [r[0] for r in rows]

    def count(
        self,
        *,
        document_id: str | None = None,
        tag_ids: Sequence[str] | None = None,
        author: str | None = None,
        status: str | None = None,
    ) -> int:
        """How many ids ``ids`` would return, without fetching them."""
        try:
            where, params = annotation_filters(document_id=document_id, tag_ids=tag_ids,
                                               author=author, status=status)
        except NothingMatches:
            return 0
        where.append("d.deleted = 0")
        row = self._db.execute(
            f"""SELECT count(*) FROM annotations a JOIN documents d ON d.id = a.document_id
                WHERE {' AND '.join(where)}""", params).fetchone()
        return int(row[0])

    def sort_keys(
        self, annotation_ids: Sequence[str], sort: SortColumn, tag_order: str = "||"
    ) -> dict[str, tuple[Any, ...]]:
        """Keys that order these ids in Python exactly as ``page`` orders them in SQL."""
        primary = "" if sort is SortColumn.POSITION else f"{_PRIMARY_RAW[sort]}, "
        rows = rows_for_ids(self._db.conn, f"""SELECT a.id, {primary}{_TIES}
            FROM annotations a JOIN documents d ON d.id = a.document_id
            WHERE a.id IN ({{ids}})""", annotation_ids)
        return {row[0]: _key(sort, row[1:], tag_order) for row in rows}


def _key(sort: SortColumn, row: Sequence[Any], tag_order: str) -> tuple[Any, ...]:
    if sort is SortColumn.POSITION:
        return tuple(row)
    first, rest = row[0], tuple(row[1:])
    if sort is SortColumn.TAG:
        return (tag_order.find(f"|{first}|") + 1, *rest)
    if sort is SortColumn.STATUS:
        return (first, *rest)
    return (ascii_fold(first), *rest)
