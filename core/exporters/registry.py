"""Every export format in one table, for the CLI's ``--format`` and the GUI's export dialog.

Each format names the module and function that writes it; the module is imported only
when that format is used, so listing formats never loads pymupdf or python-docx. All
exporters share one signature: ``(project, out_path, *, scope, progress, cancel) -> int``
(the number of annotations written).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from core.errors import InvalidValue
from core.exporters import Cancel, ExportScope, Progress
from core.i18n import N_, _
from core.project import Project

Exporter = Callable[..., int]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One way to export: what users see, the file it writes and who writes it."""

    name: str
    label: str
    suffix: str
    description: str
    module: str
    function: str
    is_report: bool

    def label_text(self) -> str:
        """The label in the language in use ("Word-Dokument")."""
        return _(self.label)

    def description_text(self) -> str:
        """The description in the language in use."""
        return _(self.description)

    def exporter(self) -> Exporter:
        return cast(Exporter, getattr(importlib.import_module(self.module), self.function))


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("html", N_("HTML report"), ".html",
                 N_("the articles with highlights and notes, tables and charts, in one file"),
                 "core.exporters.html", "export_html", True),
    ExportFormat("pdf", N_("PDF report"), ".pdf",
                 N_("the same report as a paginated PDF with a title page"),
                 "core.exporters.pdf", "export_pdf", True),
    ExportFormat("annotated-pdf", N_("Annotated original PDF"), ".pdf",
                 N_("the imported PDF itself with highlight annotations and notes"),
                 "core.exporters.annotated_pdf", "export_annotated_pdf", True),
    ExportFormat("docx", N_("Word document"), ".docx",
                 N_("the articles with highlighted passages and Word comments"),
                 "core.exporters.docx", "export_docx", True),
    ExportFormat("csv", N_("CSV table"), ".csv",
                 N_("one row per annotation, for spreadsheets, R and pandas"),
                 "core.exporters.csv", "export_csv", False),
    ExportFormat("json", N_("Glossa JSON"), ".json",
                 N_("the lossless project export that Glossa imports and merges back"),
                 "core.exporters.json", "export_json", False),
    ExportFormat("w3c", N_("W3C Web Annotation"), ".jsonld",
                 N_("an AnnotationCollection (JSON-LD) for annotation servers and tools"),
                 "core.exporters.w3c", "export_w3c", False),
    ExportFormat("qdpx", N_("REFI-QDA project"), ".qdpx",
                 N_("for NVivo, ATLAS.ti, MAXQDA and QualCoder"),
                 "core.exporters.qdpx", "export_qdpx", False),
)}


def export_format(name: str) -> ExportFormat:
    """The format called ``name``, or a clear error listing the ones there are."""
    found = FORMATS.get(name)
    if found is None:
        raise InvalidValue(_("unknown export format %(name)r; choose one of %(value)s")
                           % {"name": name, "value": ', '.join(FORMATS)})
    return found


def export(
    project: Project,
    format_name: str,
    out_path: str | Path,
    *,
    scope: ExportScope = ExportScope(),  # noqa: B008 (frozen, never mutated)
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    **options: Any,
) -> int:
    """Write ``project`` (as far as ``scope`` reaches) in ``format_name`` to ``out_path``."""
    writer = export_format(format_name).exporter()
    return writer(project, out_path, scope=scope, progress=progress, cancel=cancel, **options)


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What an export wrote, and what the user must hear about (nothing hidden)."""

    count: int
    notes: tuple[str, ...] = ()


def export_with_notes(
    project: Project,
    format_name: str,
    out_path: str | Path,
    *,
    scope: ExportScope = ExportScope(),  # noqa: B008 (frozen, never mutated)
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    **options: Any,
) -> ExportOutcome:
    """Like ``export``, with the notes an exporter has for the user.

    The annotated original PDF reports annotations it could only place as sticky notes
    and documents it skipped (not imported from a PDF); the .qdpx export reports code
    names it had to make unique; other formats have none. ``options`` go to the writer
    (``positions="utf16"`` for .qdpx).
    """
    name = export_format(format_name).name
    if name == "annotated-pdf":
        from core.exporters.annotated_pdf import write_annotated_pdf

        pdf = write_annotated_pdf(project, out_path, scope=scope, progress=progress,
                                  cancel=cancel, **options)
        return ExportOutcome(pdf.annotations, tuple(pdf.messages()))
    if name == "qdpx":
        from core.exporters.qdpx import write_qdpx

        qdpx = write_qdpx(project, out_path, scope=scope, progress=progress, cancel=cancel,
                          **options)
        return ExportOutcome(qdpx.count, tuple(qdpx.messages()))
    return ExportOutcome(export(project, format_name, out_path, scope=scope,
                                progress=progress, cancel=cancel, **options))


__all__ = ["FORMATS", "ExportFormat", "ExportOutcome", "export", "export_format",
           "export_with_notes"]
