"""The WHERE clause of "live annotations matching these filters", written once.

Lists, exports and queries filter annotations the same way (document, tags, author,
status); one builder keeps them from drifting apart. Parameters are named, so the
caller can add its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class NothingMatches(Exception):
    """An empty tag list: no row can match, so there is no need to ask SQLite."""


def annotation_filters(
    *,
    document_id: str | None = None,
    tag_ids: Sequence[str] | None = None,
    author: str | None = None,
    status: str | None = None,
    alias: str = "a",
) -> tuple[list[str], dict[str, Any]]:
    """Conditions (joined with AND by the caller) and their named parameters.

    Always includes ``deleted = 0``; raises ``NothingMatches`` for an empty ``tag_ids``.
    """
    where = [f"{alias}.deleted = 0"]
    params: dict[str, Any] = {}
    if document_id is not None:
        where.append(f"{alias}.document_id = :document_id")
        params["document_id"] = document_id
    if tag_ids is not None:
        if not tag_ids:
            raise NothingMatches
        names = [f"tag{i}" for i in range(len(tag_ids))]
        where.append(f"{alias}.tag_id IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, tag_ids, strict=True))
    if author is not None:
        where.append(f"{alias}.author = :author")
        params["author"] = author
    if status is not None:
        where.append(f"{alias}.status = :status")
        params["status"] = status
    return where, params
