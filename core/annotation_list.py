"""The annotation list's rules: which annotations a filter admits and in what order.

A list over a million annotations cannot hold them all. ``AnnotationList`` hands out the
matching ids in order (sorted by SQLite), rows for just the ids on screen, and sort keys
so that one changed annotation can be placed with a binary search instead of a new query.
The GUI's table model is a thin adapter over this; the rules live here, testable without Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.model import Annotation
from core.store.listing import SortColumn, tag_order_text

if TYPE_CHECKING:
    from core.project import Project


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What a list shows and how it is sorted; ``None`` means "any"."""

    document_id: str | None = None
    tag_ids: frozenset[str] | None = None
    author: str | None = None
    status: str | None = None
    sort: SortColumn = SortColumn.POSITION

    def admits(self, a: Annotation) -> bool:
        """Whether ``a`` belongs in the list: the same test as the SQL filter, in Python."""
        return not a.deleted and (
            (self.document_id is None or a.document_id == self.document_id)
            and (self.tag_ids is None or a.tag_id in self.tag_ids)
            and (self.author is None or a.author == self.author)
            and (self.status is None or str(a.status) == self.status)
        )


class AnnotationList:
    """Ordered ids, on-demand rows and sort keys for one project."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._tag_order_cache: str | None = None

    def codebook_changed(self) -> None:
        """Tags were renamed, moved or added: the tag column's order must be read again."""
        self._tag_order_cache = None

    def _tag_order(self) -> str:
        if self._tag_order_cache is None:
            codebook = self._project.codebook()
            tags = sorted(codebook.tags, key=lambda t: (codebook.path(t.id).casefold(), t.id))
            self._tag_order_cache = tag_order_text([t.id for t in tags])
        return self._tag_order_cache

    def ids(self, query: ListQuery) -> list[str]:
        """Ids of the live annotations ``query`` admits, ascending in its sort order."""
        return self.page(query, 0, None)

    def page(self, query: ListQuery, offset: int, limit: int | None) -> list[str]:
        """``ids(query)[offset:offset + limit]`` (all from ``offset`` if ``limit`` is None):
        the first screenful of a million-row list without fetching the million."""
        return self._project.store.listing.page(
            **self._filters(query), sort=query.sort, offset=offset, limit=limit,
            tag_order=self._tag_order() if query.sort is SortColumn.TAG else "||",
        )

    def count(self, query: ListQuery) -> int:
        """``len(ids(query))``, counted by SQLite."""
        return self._project.store.listing.count(**self._filters(query))

    @staticmethod
    def _filters(query: ListQuery) -> dict[str, Any]:
        return {"document_id": query.document_id,
                "tag_ids": sorted(query.tag_ids) if query.tag_ids is not None else None,
                "author": query.author, "status": query.status}

    def sort_keys(self, query: ListQuery, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """Python keys that order ``ids`` exactly as ``ids(query)`` does."""
        tag_order = self._tag_order() if query.sort is SortColumn.TAG else "||"
        return self._project.store.listing.sort_keys(ids, query.sort, tag_order)

    def rows(self, ids: Sequence[str]) -> dict[str, Annotation]:
        """The annotations behind ``ids`` (what is on screen), in one query per 500."""
        return self._project.store.annotations.by_ids(ids)


__all__ = ["AnnotationList", "ListQuery", "SortColumn"]
