"""Annotations as a CSV table, one row per annotation, for spreadsheets, R and pandas.

The file is UTF-8 with a byte-order mark, so Excel shows umlauts, „quotes“ and Cyrillic
correctly instead of guessing a legacy code page (pandas and R read the mark as
``utf-8-sig``). Rows end with ``\\r\\n`` and fields are quoted when needed, as RFC 4180
asks; the standard ``csv`` module does both. ``start``/``end`` are code points into the
stored text, the same offsets Python slicing uses. ``attributes`` is a JSON object.
Values are written verbatim (no ``'`` prefix against spreadsheet formulas), so what
is read back equals what was annotated.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from core.exporters import (
    Cancel,
    ExportScope,
    Progress,
    atomic_text_file,
    check_cancel,
    check_target,
)
from core.model import Annotation, DocumentInfo
from core.project import Project

COLUMNS = (
    "document_id", "document_title", "start", "end", "text", "tag", "attributes", "note",
    "author", "origin", "status", "created", "modified",
)


def _rows(document: DocumentInfo, text: str, annotations: Iterable[Annotation],
          paths: dict[str, str]) -> Iterator[tuple[Any, ...]]:
    """CSV rows in ``COLUMNS`` order; the hot loop of a million-row export, kept lean."""
    doc_id, title, dumps = document.id, document.title, json.dumps
    for a in annotations:
        attributes = a.attributes
        yield (
            doc_id, title, a.start, a.end, text[a.start:a.end], paths.get(a.tag_id, ""),
            dumps(attributes, ensure_ascii=False, sort_keys=True) if attributes else "{}",
            # origin and status are StrEnums: csv writes their text (``.value`` is slow).
            a.note, a.author, a.origin, a.status, a.created, a.modified,
        )


def export_csv(
    project: Project,
    out_path: str | Path,
    *,
    scope: ExportScope = ExportScope(),  # noqa: B008 (frozen, never mutated)
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the live annotations ``scope`` selects to ``out_path``; return how many.

    Bad filters raise before anything is written. Rows stream out one document at a
    time; ``progress`` hears (documents done, documents in all).
    """
    target = check_target(project, out_path)
    resolved = scope.resolve(project)
    codebook = project.codebook()
    paths = {t.id: codebook.path(t.id) for t in codebook.tags}
    count = 0
    total = len(resolved.documents)
    with atomic_text_file(target, encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, dialect="excel")  # "\r\n" rows, minimal quoting
        writer.writerow(COLUMNS)
        for done, (document, annotations) in enumerate(resolved.annotations(project)):
            check_cancel(cancel)
            if progress is not None:
                progress(done, total)
            if annotations:
                text = project.text(document.id)
                writer.writerows(_rows(document, text, annotations, paths))
                count += len(annotations)
    return count


__all__ = ["COLUMNS", "export_csv"]
