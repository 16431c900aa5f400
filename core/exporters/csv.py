"""Annotations as a CSV table, one row per annotation, for spreadsheets, R and pandas.

The file is UTF-8 with a byte-order mark, so Excel shows umlauts, „quotes“ and Cyrillic
correctly instead of guessing a legacy code page (pandas and R read the mark as
``utf-8-sig``). Rows end with ``\\r\\n`` and fields are quoted when needed, as RFC 4180
asks; the standard ``csv`` module does both. ``start``/``end`` are code points into the
stored text, the same offsets Python slicing uses. ``attributes`` is a JSON object.
Text a spreadsheet would run as a formula (a cell starting with ``=``, ``+``, ``-``,
``@``, tab or CR, e.g. a note ``=HYPERLINK(…)``) gets a leading ``'``, as OWASP
advises (``core.formats.spreadsheet``); every other value is written as stored.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from core.exporters import (
    Cancel,
    ExportScope,
    Progress,
    atomic_text_file,
    check_cancel,
    check_target,
)
from core.formats.spreadsheet import spreadsheet_text
from core.model import DocumentInfo
from core.project import Project

COLUMNS = (
    "document_id", "document_title", "start", "end", "text", "tag", "attributes", "note",
    "author", "origin", "status", "created", "modified",
)


def _document_fields(document: DocumentInfo) -> str:
    """``document_id,document_title,`` quoted as the csv module quotes."""
    buffer = io.StringIO()
    csv.writer(buffer, dialect="excel").writerow(
        (document.id, spreadsheet_text(document.title), ""))
    return buffer.getvalue().removesuffix("\r\n")


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
    # Plain UTF-8 plus a hand-written mark: the "utf-8-sig" codec encodes every write
    # through a Python-level encoder.
    with atomic_text_file(target, encoding="utf-8", newline="") as handle:
        handle.write("\ufeff")
        csv.writer(handle, dialect="excel").writerow(COLUMNS)  # "\r\n" rows, minimal quoting
        for done, document in enumerate(resolved.documents):
            check_cancel(cancel)
            if progress is not None:
                progress(done, total)
            head = _document_fields(document)
            lines = project.store.csv_lines.of_document(
                document.id, paths, tag_ids=resolved.tag_ids, author=resolved.author,
                status=resolved.status)
            for count, line in enumerate(lines, count + 1):  # noqa: B007, B020
                handle.write(head + line)
    return count


__all__ = ["COLUMNS", "export_csv"]
