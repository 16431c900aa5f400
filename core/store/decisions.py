"""Rows of ``decisions``: adjudication decisions on disagreements between two analysts.

A decision is written once and never edited: undo tombstones the row (``deleted = 1``)
and redo revives it, so a decision keeps its id and its time; ``modified`` says when it
was last switched. Merges and the JSON export carry decisions by id, so the record of
who decided what travels with the work.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlite_utils

from core.errors import NotFound
from core.i18n import _
from core.model import Decision, DecisionAction, DisagreementKind, Status
from core.store.id_chunks import rows_for_ids

COLUMNS = (
    "id", "document_id", "disagreement_id", "kind", "action", "annotations",
    "created_annotations", "statuses_before", "comment", "decided_by", "decided_at",
    "replaces", "deleted", "modified",
)
_SELECT = ", ".join(f"x.{c}" for c in COLUMNS)
#: Files before schema version 4 (a colleague's, read as they are) have no ``modified``.
_SELECT_BEFORE_V4 = _SELECT.replace("x.modified", "x.decided_at")
_INSERT = f"INSERT INTO decisions ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def decision_row(d: Decision) -> tuple[Any, ...]:
    """The row tuple for ``d`` in ``COLUMNS`` order."""
    return (
        d.id, d.document_id, d.disagreement_id, str(d.kind), str(d.action),
        json.dumps({"a": list(d.annotations_a), "b": list(d.annotations_b)}),
        json.dumps(list(d.created_annotations)),
        json.dumps({k: str(v) for k, v in sorted(d.statuses_before.items())}),
        d.comment, d.decided_by, d.decided_at, d.replaces, int(d.deleted),
        d.modified or d.decided_at,
    )


def _decision(row: Sequence[Any]) -> Decision:
    concerned = json.loads(row[5])
    return Decision(
        id=row[0], document_id=row[1], disagreement_id=row[2], kind=DisagreementKind(row[3]),
        action=DecisionAction(row[4]),
        annotations_a=tuple(concerned.get("a", ())), annotations_b=tuple(concerned.get("b", ())),
        created_annotations=tuple(json.loads(row[6])),
        statuses_before={k: Status(v) for k, v in json.loads(row[7]).items()},
        comment=row[8], decided_by=row[9], decided_at=row[10], replaces=row[11],
        deleted=bool(row[12]), modified=row[13],
    )


class DecisionTable:
    """Adjudication decisions; the caller owns the transaction."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._select_columns = ""

    @property
    def _select(self) -> str:
        if not self._select_columns:
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(decisions)")}
            self._select_columns = _SELECT if "modified" in columns else _SELECT_BEFORE_V4
        return self._select_columns

    def insert(self, decision: Decision) -> None:
        self._db.execute(_INSERT, decision_row(decision))

    def states(self, decision_ids: Sequence[str]) -> dict[str, tuple[bool, str]]:
        """(deleted, modified) of each decision we hold of ``decision_ids``, by id."""
        rows = rows_for_ids(self._db.conn,
                            "SELECT id, deleted, modified FROM decisions WHERE id IN ({ids})",
                            decision_ids)
        return {row[0]: (bool(row[1]), row[2]) for row in rows}

    def purge(self, decision_ids: Sequence[str]) -> None:
        """Remove rows for good: only to undo the merge that brought them."""
        self._db.conn.executemany("DELETE FROM decisions WHERE id = ?",
                                  [(i,) for i in decision_ids])

    def get(self, decision_id: str) -> Decision:
        row = self._db.execute(
            f"SELECT {self._select} FROM decisions x WHERE x.id = ?", (decision_id,)
        ).fetchone()
        if row is None:
            raise NotFound(_("no decision %(decision_id)s") % {"decision_id": decision_id})
        return _decision(row)

    def set_deleted(self, decision_ids: Sequence[str], deleted: bool, modified: str) -> None:
        self._db.conn.executemany(
            "UPDATE decisions SET deleted = ?, modified = ? WHERE id = ?",
            [(int(deleted), modified, i) for i in decision_ids],
        )

    def query(self, *, document_id: str | None = None,
              include_deleted: bool = False) -> list[Decision]:
        """Decisions, oldest first; live ones of live documents unless ``include_deleted``."""
        where: list[str] = []
        params: list[Any] = []
        if document_id is not None:
            where.append("x.document_id = ?")
            params.append(document_id)
        if not include_deleted:
            where.append("x.deleted = 0 AND d.deleted = 0")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.execute(
            f"""SELECT {self._select} FROM decisions x JOIN documents d ON d.id = x.document_id
                {clause} ORDER BY x.decided_at, x.rowid""",
            params,
        ).fetchall()
        return [_decision(r) for r in rows]

    def count(self, include_deleted: bool = False) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM decisions WHERE deleted = 0 OR ?", (include_deleted,)
        ).fetchone()
        return int(row[0])


__all__ = ["COLUMNS", "DecisionTable", "decision_row"]
