"""A colleague's earlier versions of the annotations a merge brings together.

The colleague's ``annotation_history`` travels with their annotations, so a JSON export
merged into an empty project rebuilds it whole, and the story of an annotation edited on
two machines is told in both. Each kept version names our document and tag (its offsets
stay those of the colleague's copy, where it was made); a version already kept is not
kept twice, so merging again changes nothing, and undoing the merge takes them back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Protocol

from core.model import Annotation, Origin, Status
from core.store import Store

#: (replaced, reason, the earlier version): one kept version of an annotation.
KeptVersion = tuple[str, str, Annotation]

_TEXT_FIELDS = ("id", "document_id", "tag_id", "exact", "prefix", "suffix", "note", "author",
                "created", "modified")


def version_from_record(record: Mapping[str, Any]) -> Annotation:
    """An earlier version as a JSON export writes it (``annotation_record``)."""
    return Annotation(**{**record, "origin": Origin(record["origin"]),
                         "status": Status(record["status"])})


def well_formed(old: Annotation) -> bool:
    """Every field of the type an annotation has (an untrusted file may say anything)."""
    return (all(isinstance(getattr(old, name), str) for name in _TEXT_FIELDS)
            and type(old.start) is int and type(old.end) is int
            and type(old.deleted) is bool and isinstance(old.origin, Origin)
            and isinstance(old.status, Status) and isinstance(old.attributes, dict)
            and all(isinstance(k, str) and isinstance(v, str)
                    for k, v in old.attributes.items()))


class _Source(Protocol):
    history: list[KeptVersion]
    annotation_rows: list[tuple[Any, ...]]


class _Match(Protocol):
    @property
    def our_id(self) -> str: ...


def carry_history(store: Store, source: _Source, documents: Mapping[str, _Match],
                  tags: Mapping[str, str]) -> list[int]:
    """Keep the colleague's versions of their annotations that are in our project now
    (``documents`` and ``tags`` map their ids to ours); the ``seq`` of each row added."""
    placed = sorted({row[0] for row in source.annotation_rows if row[1] in documents})
    ours = store.annotations.rows_by_ids(placed, ("id",)) if placed else {}
    added: list[int] = []
    for replaced, reason, old in source.history:
        if old.id not in ours:
            continue
        match = documents.get(old.document_id)
        old = replace(old, document_id=match.our_id if match else old.document_id,
                      tag_id=tags.get(old.tag_id, old.tag_id))
        seq = store.annotations.record_history(old, replaced, reason)
        if seq > 0:
            added.append(seq)
    return added
