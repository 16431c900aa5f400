"""Annotation rows to ``Annotation`` objects and back: what every read and write pays per row.

Reading a document's annotations is dominated by this Python work, not by SQLite, so
it is written for speed: one list comprehension with everything it calls bound
locally, objects built positionally, attribute JSON decoded once per distinct text
(the same few speakers and forms recur across thousands of quotes) and copied after,
and the cyclic garbage collector paused meanwhile (the new objects set off a
collection every 700, each walking the rows still being built: a sixth of the time).
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from core.errors import DamagedProject
from core.i18n import _
from core.model import Annotation, Origin, Status

COLUMNS = (
    "id", "document_id", "start", "end", "exact", "prefix", "suffix", "tag_id", "attributes",
    "note", "author", "origin", "status", "created", "modified", "deleted",
)
NOTE_COLUMN = COLUMNS.index("note")
#: What one document's live annotations are read as: ``Annotation``'s field order, less
#: the two columns every such row shares (its document, not deleted).
LIVE_COLUMNS = (
    "id", "start", "end", "tag_id", "exact", "prefix", "suffix", "attributes", "note",
    "author", "origin", "status", "created", "modified",
)

# One encoder for every row: json.dumps with options builds a new one per call.
_encode_attributes = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_ORIGINS = {str(o): o for o in Origin}
_STATUSES = {str(s): s for s in Status}

#: Decoded attribute objects by their JSON text; cleared when full, so memory stays bounded.
_DECODED_LIMIT = 4096
_decoded: dict[str, dict[str, str]] = {}


def attributes_json(attributes: dict[str, str]) -> str:
    return _encode_attributes(attributes) if attributes else "{}"


def annotation_row(a: Annotation) -> tuple[Any, ...]:
    """The row tuple for ``a``, in ``COLUMNS`` order (used by bulk inserts too)."""
    return (
        a.id, a.document_id, a.start, a.end, a.exact, a.prefix, a.suffix, a.tag_id,
        attributes_json(a.attributes), a.note, a.author, str(a.origin), str(a.status),
        a.created, a.modified, int(a.deleted),
    )


def decode_attributes(text: str) -> dict[str, str]:
    """A fresh dict of the attributes stored as ``text`` (callers may change it).

    Anything but a flat object of text raises ``ValueError``: a row edited outside
    Glossa can nest 100,000 deep, which ``json.loads`` answers with RecursionError.
    """
    if text == "{}":
        return {}
    cached = _decoded.get(text)
    if cached is not None:
        return cached.copy()
    try:
        value = json.loads(text)
    except RecursionError:
        value = None
    if type(value) is not dict or not all(type(v) is str for v in value.values()):
        raise ValueError("its attributes are not text")
    if len(_decoded) >= _DECODED_LIMIT:
        _decoded.clear()
    _decoded[text] = value
    return dict(value)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while many objects that stay alive are made (rows
    fetched, then objects built: wrap both)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def annotations_from_rows(rows: Iterable[Sequence[Any]]) -> list[Annotation]:
    """``Annotation`` objects of rows in ``COLUMNS`` order (attributes as JSON text).

    A row no Glossa could have written (unknown origin or status, attributes that are
    not flat text) raises ``DamagedProject`` naming it: rows may come from foreign files.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    make, attributes, origins, statuses = Annotation, decode_attributes, _ORIGINS, _STATUSES
    try:
        with collector_paused():
            return [
                make(r[0], r[1], r[2], r[3], r[7], r[4], r[5], r[6], attributes(r[8]), r[9],
                     r[10], origins[r[11]], statuses[r[12]], r[13], r[14], bool(r[15]))
                for r in rows
            ]
    except (KeyError, ValueError, TypeError):
        for row in rows:  # the slow way, only to name the damaged row
            _checked(row)
        raise


def live_annotations_from_rows(document_id: str,
                               rows: Sequence[Sequence[Any]]) -> list[Annotation]:
    """``annotations_from_rows`` for one document's live rows in ``LIVE_COLUMNS`` order."""
    make, attributes, origins, statuses = Annotation, decode_attributes, _ORIGINS, _STATUSES
    try:
        with collector_paused():
            return [
                make(r[0], document_id, r[1], r[2], r[3], r[4], r[5], r[6], attributes(r[7]),
                     r[8], r[9], origins[r[10]], statuses[r[11]], r[12], r[13], False)
                for r in rows
            ]
    except (KeyError, ValueError, TypeError):
        for r in rows:
            _checked((r[0], document_id, r[1], r[2], *r[4:7], r[3], *r[7:], 0))
        raise


def _checked(row: Sequence[Any]) -> Annotation:
    try:
        return Annotation(
            row[0], row[1], row[2], row[3], row[7], row[4], row[5], row[6],
            decode_attributes(row[8]), row[9], row[10],
            _ORIGINS[row[11]], _STATUSES[row[12]], row[13], row[14], bool(row[15]),
        )
    except KeyError as exc:
        raise DamagedProject(_("annotation %(row)s is damaged (unknown origin or status "
                               "%(exc)s)")
                             % {"row": str(row[0])[:40], "exc": str(exc)[:40]}) from None
    except (ValueError, TypeError) as exc:
        raise DamagedProject(_("annotation %(row)s is damaged (%(exc)s)")
                             % {"row": str(row[0])[:40], "exc": exc}) from None


def annotation_from_row(row: Sequence[Any]) -> Annotation:
    """The ``Annotation`` of one row in ``COLUMNS`` order (attributes as JSON text)."""
    return _checked(row)
