"""Rows of ``tags`` (the codebook)."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from core.errors import NotFound
from core.i18n import _
from core.model import AttributeSpec, Tag, TagKind

_COLUMNS = (
    "id, name, parent_id, color, key, kind, attributes, ordinal, position, "
    "description, modified, deleted"
)

EDITABLE_FIELDS = frozenset(
    {"name", "parent_id", "color", "key", "kind", "attributes", "ordinal", "position",
     "description"}
)


def _tag(row: tuple[Any, ...]) -> Tag:
    return Tag(
        id=row[0], name=row[1], parent_id=row[2], color=row[3], key=row[4],
        kind=TagKind(row[5]),
        attributes=tuple(AttributeSpec.from_json(a) for a in json.loads(row[6])),
        ordinal=row[7], position=row[8], description=row[9], modified=row[10],
        deleted=bool(row[11]),
    )


def _column_value(name: str, value: Any) -> Any:
    if name == "attributes":
        return json.dumps([a.to_json() for a in value], ensure_ascii=False)
    if name == "kind":
        return str(value)
    return value


class TagTable:
    """The codebook's tags; deleted tags stay as tombstones so merges see the deletion."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def insert(self, tag: Tag) -> None:
        self._db.execute(
            f"INSERT INTO tags ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                tag.id, tag.name, tag.parent_id, tag.color, tag.key, str(tag.kind),
                _column_value("attributes", tag.attributes), tag.ordinal, tag.position,
                tag.description, tag.modified, int(tag.deleted),
            ),
        )

    def all(self, include_deleted: bool = False) -> list[Tag]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM tags WHERE deleted = 0 OR ? ORDER BY position, rowid",
            (include_deleted,),
        ).fetchall()
        return [_tag(r) for r in rows]

    def get(self, tag_id: str) -> Tag:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM tags WHERE id = ?", (tag_id,)).fetchone()
        if row is None:
            raise NotFound(_("no tag %(tag_id)s") % {"tag_id": tag_id})
        return _tag(row)

    def update(self, tag_id: str, fields: dict[str, Any], modified: str) -> None:
        unknown = set(fields) - EDITABLE_FIELDS
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        if not fields:
            return
        assignments = ", ".join(f"{name} = ?" for name in fields)
        values = [_column_value(name, value) for name, value in fields.items()]
        self._db.execute(
            f"UPDATE tags SET {assignments}, modified = ? WHERE id = ?",
            (*values, modified, tag_id),
        )

    def set_modified(self, stamps: list[tuple[str, str]]) -> None:
        """Set (tag id, modified) without other changes: merges keep the earlier time of
        two identical tags, and their undo puts the old one back."""
        self._db.conn.executemany("UPDATE tags SET modified = ? WHERE id = ?",
                                  [(modified, tag_id) for tag_id, modified in stamps])

    def set_deleted(self, tag_ids: list[str], deleted: bool, modified: str) -> None:
        self._db.conn.executemany(
            "UPDATE tags SET deleted = ?, modified = ? WHERE id = ?",
            [(int(deleted), modified, tag_id) for tag_id in tag_ids],
        )

    def usage_counts(self) -> dict[str, int]:
        """Live annotations per tag id (tags without any are absent)."""
        rows = self._db.execute(
            """SELECT a.tag_id, count(*) FROM annotations a JOIN documents d ON d.id = a.document_id
               WHERE a.deleted = 0 AND d.deleted = 0 GROUP BY a.tag_id"""
        ).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def is_referenced(self, tag_id: str) -> bool:
        """Annotations (tombstones too) or child tags still point at the tag."""
        row = self._db.execute(
            """SELECT EXISTS (SELECT 1 FROM annotations WHERE tag_id = :id)
                      OR EXISTS (SELECT 1 FROM tags WHERE parent_id = :id)""",
            {"id": tag_id},
        ).fetchone()
        return bool(row[0])

    def purge(self, tag_ids: list[str]) -> None:
        """Remove rows for good: only to undo the merge that created them (children first)."""
        self._db.conn.executemany("DELETE FROM tags WHERE id = ?", [(t,) for t in tag_ids])
