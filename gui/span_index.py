"""Which annotations cover which part of one document, for painting and navigation.

A bucketed interval index: each span is listed in every fixed-size bucket of text
it touches, so "spans in this paragraph" looks at one or two buckets however many
spans the document has, and adding or removing one span touches only its buckets.
Offsets are code points, as stored.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable

from core.model import Annotation, Status
from core.model import AnnotationSpan as Span

__all__ = ["Span", "SpanIndex"]


def _span(a: Annotation) -> Span:
    return Span(a.id, a.start, a.end, a.tag_id, a.status is Status.REJECTED,
                a.status is Status.PROPOSED)

BUCKET = 2048


class SpanIndex:
    """Live spans of one document; updated in place as annotations change."""

    def __init__(self, annotations: Iterable[Annotation | Span] = ()) -> None:
        """Index live annotations: full ones or the lean rows of ``Project.spans``."""
        # One pass per structure rather than _insert per span: opening a document with
        # 10k annotations spends its time here.
        items = [a if isinstance(a, Span) else _span(a)
                 for a in annotations if isinstance(a, Span) or not a.deleted]
        self._spans: dict[str, Span] = {s.id: s for s in items}
        buckets: dict[int, set[str]] = {}
        for span_id, start, end, *_ in items:
            first, last = start // BUCKET, (end - 1) // BUCKET
            if first == last:
                bucket = buckets.get(first)
                if bucket is None:
                    buckets[first] = {span_id}
                else:
                    bucket.add(span_id)
            else:
                for b in range(first, last + 1):
                    buckets.setdefault(b, set()).add(span_id)
        self._buckets = buckets
        self._ordered: list[tuple[int, int, str]] = sorted(
            (s.start, s.end, s.id) for s in self._spans.values())
        self.tag_counts: Counter[str] = Counter(s.tag_id for s in self._spans.values())

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, annotation_id: object) -> bool:
        return annotation_id in self._spans

    def get(self, annotation_id: str) -> Span | None:
        return self._spans.get(annotation_id)

    def spans(self) -> list[Span]:
        """Every span in document order."""
        return [self._spans[i] for _, _, i in self._ordered]

    def all_spans(self) -> Iterable[Span]:
        """Every span, in no particular order (cheaper than ``spans``)."""
        return self._spans.values()

    def put(self, annotation: Annotation) -> Span | None:
        """Add, move or (for a deleted annotation) drop one span; returns the old span."""
        old = self.remove(annotation.id)
        if not annotation.deleted:
            self._insert(_span(annotation), ordered=True)
        return old

    def remove(self, annotation_id: str) -> Span | None:
        span = self._spans.pop(annotation_id, None)
        if span is None:
            return None
        for b in range(span.start // BUCKET, (span.end - 1) // BUCKET + 1):
            bucket = self._buckets.get(b)
            if bucket is not None:
                bucket.discard(span.id)
                if not bucket:
                    del self._buckets[b]
        key = (span.start, span.end, span.id)
        at = bisect_left(self._ordered, key)
        if at < len(self._ordered) and self._ordered[at] == key:
            del self._ordered[at]
        self.tag_counts[span.tag_id] -= 1
        if self.tag_counts[span.tag_id] <= 0:
            del self.tag_counts[span.tag_id]
        return span

    def _insert(self, span: Span, *, ordered: bool) -> None:
        self._spans[span.id] = span
        for b in range(span.start // BUCKET, (span.end - 1) // BUCKET + 1):
            self._buckets.setdefault(b, set()).add(span.id)
        if ordered:
            insort(self._ordered, (span.start, span.end, span.id))
        else:
            self._ordered.append((span.start, span.end, span.id))
        self.tag_counts[span.tag_id] += 1

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans intersecting ``[start, end)``, outermost first (by start, longest first)."""
        if end <= start:
            return []
        ids: set[str] = set()
        for b in range(start // BUCKET, (end - 1) // BUCKET + 1):
            bucket = self._buckets.get(b)
            if bucket:
                ids |= bucket
        found = [s for s in map(self._spans.__getitem__, ids) if s.start < end and s.end > start]
        found.sort(key=lambda s: (s.start, -s.end, s.id))
        return found

    def at(self, position: int) -> list[Span]:
        """Spans containing the character at ``position``, innermost (shortest) first."""
        found = self.overlapping(position, position + 1)
        found.sort(key=lambda s: (s.end - s.start, s.start))
        return found

    def next_after(self, position: int, current: str | None = None) -> Span | None:
        """The first span starting after ``position`` (or after ``current``), for Tab."""
        if current is not None and current in self._spans:
            span = self._spans[current]
            at = bisect_right(self._ordered, (span.start, span.end, span.id))
        else:
            at = bisect_left(self._ordered, (position, -1, ""))
        if at >= len(self._ordered):
            return None
        return self._spans[self._ordered[at][2]]

    def previous_before(self, position: int, current: str | None = None) -> Span | None:
        """The last span starting before ``position`` (or before ``current``), for Shift+Tab."""
        if current is not None and current in self._spans:
            span = self._spans[current]
            at = bisect_left(self._ordered, (span.start, span.end, span.id)) - 1
        else:
            at = bisect_left(self._ordered, (position, -1, "")) - 1
        if at < 0:
            return None
        return self._spans[self._ordered[at][2]]
