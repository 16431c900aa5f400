"""The agreement report: figures, the confusion matrix and the disagreements of two analysts.

One report, three formats: ``html`` (one self-contained file with inline CSS, rendered
by ``resources/templates/agreement.html.j2`` with autoescaping), ``pdf`` (the same HTML
typeset by ``core.reports.pdf_render``) and ``csv``.

The figures come from ``core.review.agreement.agreement`` (Cohen's kappa and
Krippendorff's alpha over sentence or character units, span F1 with exact and overlap
matching), the matrix from ``core.review.confusion`` over the same units, and the list
from ``core.review.disagreements`` over the same documents, each with its decision.

CSV layout: one UTF-8 file (with a byte-order mark, for spreadsheets) holding four
tables in long form, columns ``table,row,column,value``. Each table is a matrix
addressed by ``row`` and ``column``; filter on ``table`` and pivot to get it back:

- ``meta``: ``row`` is ``analyst_a``, ``analyst_b``, ``unit``, ``units``, ``documents``,
  ``disagreements``, ``generated``; ``column`` is empty.
- ``figures``: ``row`` is ``overall`` or a tag path; ``column`` is ``kappa``, ``alpha``,
  ``f1_exact``, ``f1_overlap``, ``spans_a``, ``spans_b``, ``matched_exact``,
  ``matched_overlap``. An undefined figure is an empty value.
- ``confusion``: ``row`` is the first analyst's label, ``column`` the second's
  (``(none)`` for no tag); ``value`` counts units. Every cell is written, zeros too.
- ``disagreements``: ``row`` is the disagreement id; ``column`` is one of
  ``DISAGREEMENT_FIELDS``.

Text cells that a spreadsheet would run as a formula get a leading ``'``
(``core.formats.spreadsheet``); the numbers are written as numbers.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from core.exporters import (
    Cancel,
    Progress,
    atomic_text_file,
    check_cancel,
    check_target,
)
from core.formats.spreadsheet import spreadsheet_text
from core.i18n import _
from core.labels import disagreement_kind_label
from core.model import DisagreementKind, utc_now
from core.project import Project
from core.review.adjudication import describe_decision
from core.review.agreement import UNITS, Unit, agreement
from core.review.confusion import ConfusionMatrix, confusion_matrix
from core.review.disagreements import Disagreement, find_all_disagreements
from core.validation import check_choice

Format = Literal["html", "pdf", "csv"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "csv")
TEMPLATE = "agreement.html.j2"
CSV_COLUMNS = ("table", "row", "column", "value")
FIGURE_FIELDS = ("kappa", "alpha", "f1_exact", "f1_overlap", "spans_a", "spans_b",
                 "matched_exact", "matched_overlap")
DISAGREEMENT_FIELDS = (
    "number", "document_id", "document_title", "kind", "start", "end", "tag_a", "tag_b",
    "attributes", "ordinal_distance", "summary", "passage", "decision", "decided_by",
    "decided_at", "comment",
)
#: Longest passage quoted in the list; longer ones keep their start and end.
PASSAGE_CHARS = 240


@dataclass(frozen=True, slots=True)
class FigureRow:
    """Agreement on one tag (or ``overall``): coefficients and the span counts behind F1."""

    tag: str
    kappa: float | None
    alpha: float | None
    f1_exact: float | None
    f1_overlap: float | None
    spans_a: int
    spans_b: int
    matched_exact: int
    matched_overlap: int


@dataclass(frozen=True, slots=True)
class DisagreementRow:
    """One disagreement as the report lists it."""

    number: int
    disagreement: Disagreement
    document_title: str
    kind: str  # "only Anna Berger", "tag differs", ...
    passage: str
    decision: str  # empty when undecided

    @property
    def id(self) -> str:
        return self.disagreement.id


@dataclass(frozen=True, slots=True)
class DocumentSection:
    """The disagreements of one document, in text order."""

    id: str
    title: str
    rows: tuple[DisagreementRow, ...]


@dataclass(frozen=True, slots=True)
class AgreementReportContent:
    """Everything the report says, independent of the format."""

    title: str
    project: str
    analysts: tuple[str, str]
    unit: Unit
    units: int
    documents: tuple[tuple[str, str], ...]  # (id, title) of every compared document
    generated: str
    figures: tuple[FigureRow, ...]
    confusion: ConfusionMatrix
    sections: tuple[DocumentSection, ...]
    kind_counts: tuple[tuple[str, int], ...]

    @property
    def disagreements(self) -> tuple[DisagreementRow, ...]:
        return tuple(row for section in self.sections for row in section.rows)


def _passage(text: str, start: int, end: int) -> str:
    passage = " ".join(text[start:end].split())
    if len(passage) <= PASSAGE_CHARS:
        return passage
    keep = PASSAGE_CHARS // 2 - 1
    return f"{passage[:keep].rstrip()} … {passage[-keep:].lstrip()}"


def build_agreement_content(
    project: Project, analyst_a: str, analyst_b: str, *, unit: Unit = "sentence",
    document_ids: Sequence[str] | None = None, progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> AgreementReportContent:
    """Compute the figures, the matrix and the list (``InvalidValue``/``NotFound`` on bad input)."""
    check_choice(_("unit"), unit, UNITS)
    report = agreement(project, analyst_a, analyst_b, unit=unit, document_ids=document_ids)
    check_cancel(cancel)
    figures = tuple(
        FigureRow(
            tag=key, kappa=report.kappa[key], alpha=report.alpha[key],
            f1_exact=report.f1["exact"][key], f1_overlap=report.f1["overlap"][key],
            spans_a=report.spans["exact"][key].count_a,
            spans_b=report.spans["exact"][key].count_b,
            matched_exact=report.spans["exact"][key].matched,
            matched_overlap=report.spans["overlap"][key].matched,
        )
        for key in report.kappa
    )
    if progress is not None:
        progress(1, 3)
    found = find_all_disagreements(project, analyst_a, analyst_b,
                                   document_ids=list(report.document_ids))
    check_cancel(cancel)
    titles = {d.id: d.title for d in project.documents()}
    analysts = (analyst_a, analyst_b)
    grouped: dict[str, list[DisagreementRow]] = {}
    texts: dict[str, str] = {}
    for number, item in enumerate(found, start=1):
        if item.document_id not in texts:
            texts[item.document_id] = project.text(item.document_id)
        decision = "" if item.decision is None else describe_decision(item.decision, item)
        grouped.setdefault(item.document_id, []).append(DisagreementRow(
            number=number, disagreement=item, document_title=titles.get(item.document_id, ""),
            kind=disagreement_kind_label(item.kind, analysts),
            passage=_passage(texts[item.document_id], item.start, item.end), decision=decision,
        ))
    counts = Counter(item.kind for item in found)
    return AgreementReportContent(
        title=_("Agreement between %(a)s and %(b)s") % {"a": analyst_a, "b": analyst_b},
        project=project.name, analysts=analysts, unit=unit, units=report.units,
        documents=tuple((d, titles.get(d, "")) for d in report.document_ids),
        generated=utc_now(), figures=figures, confusion=confusion_matrix(report),
        sections=tuple(DocumentSection(doc_id, titles.get(doc_id, ""), tuple(rows))
                       for doc_id, rows in grouped.items()),
        kind_counts=tuple((disagreement_kind_label(kind, analysts), counts[kind])
                          for kind in DisagreementKind if counts[kind]),
    )


# --- formats ---------------------------------------------------------------------------


def render_html(content: AgreementReportContent, *, for_pdf: bool = False) -> str:
    """The report as one HTML page (``for_pdf``: CSS that pymupdf's Story understands)."""
    from core.reports.templates import render

    return render(TEMPLATE, report=content, for_pdf=for_pdf, none_label=_("(none)"))


def _number(value: float | int | None) -> str:
    return "" if value is None else repr(value)


def csv_rows(content: AgreementReportContent) -> list[tuple[str, str, str, str]]:
    """The rows of the CSV file (after its header), in the layout the module describes.

    Text cells are made safe for spreadsheets; numbers (figures, counts, offsets) stay
    numbers, so a negative kappa is not turned into text.
    """
    text = spreadsheet_text
    rows: list[tuple[str, str, str, str]] = []
    meta = {
        "analyst_a": content.analysts[0], "analyst_b": content.analysts[1],
        "unit": content.unit, "units": str(content.units),
        "documents": str(len(content.documents)),
        "disagreements": str(len(content.disagreements)), "generated": content.generated,
    }
    rows += [("meta", key, "", text(value)) for key, value in meta.items()]
    for figure in content.figures:
        rows += [("figures", text(figure.tag), name, _number(getattr(figure, name)))
                 for name in FIGURE_FIELDS]
    matrix = content.confusion
    for i, row_name in enumerate(matrix.names):
        rows += [("confusion", text(row_name), text(column_name), str(matrix.counts[i][j]))
                 for j, column_name in enumerate(matrix.names)]
    for row in content.disagreements:
        d = row.disagreement
        decision = d.decision
        values: dict[str, Any] = {
            "number": row.number, "document_id": d.document_id,
            "document_title": row.document_title, "kind": d.kind.value, "start": d.start,
            "end": d.end, "tag_a": d.tag_a or "", "tag_b": d.tag_b or "",
            "attributes": " ".join(d.attributes),
            "ordinal_distance": "" if d.ordinal_distance is None else d.ordinal_distance,
            "summary": d.summary, "passage": row.passage,
            "decision": "" if d.decided is None else d.decided.value,
            "decided_by": "" if decision is None else decision.decided_by,
            "decided_at": "" if decision is None else decision.decided_at,
            "comment": "" if decision is None else decision.comment,
        }
        rows += [("disagreements", d.id, name,
                  text(value) if isinstance(value := values[name], str) else str(value))
                 for name in DISAGREEMENT_FIELDS]
    return rows


def export_agreement_report(
    project: Project,
    out_path: str | Path,
    *,
    analyst_a: str,
    analyst_b: str,
    fmt: Format,
    unit: Unit = "sentence",
    document_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the agreement report of two analysts to ``out_path``; return the disagreements.

    ``document_ids`` (ids or unique prefixes) limit the comparison; by default every
    document either analyst annotated. Bad input raises before anything is written;
    ``cancel`` stops with ``ExportCancelled`` and leaves ``out_path`` as it was.
    ``progress(done, 3)`` follows the three steps: figures, disagreements, writing.
    """
    check_choice(_("report format"), fmt, FORMATS)
    target = check_target(project, out_path)
    if progress is not None:
        progress(0, 3)
    content = build_agreement_content(project, analyst_a, analyst_b, unit=unit,
                                      document_ids=document_ids, progress=progress,
                                      cancel=cancel)
    if progress is not None:
        progress(2, 3)
    check_cancel(cancel)
    if fmt == "csv":
        with atomic_text_file(target, encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, dialect="excel")
            writer.writerow(CSV_COLUMNS)
            writer.writerows(csv_rows(content))
    elif fmt == "html":
        html = render_html(content)
        with atomic_text_file(target) as handle:
            handle.write(html)
    else:
        from core.reports.pdf_render import html_to_pdf

        html_to_pdf(render_html(content, for_pdf=True), target, title=content.title,
                    cancel=cancel, author=project.author,
                    subject=f"{content.project}: agreement report", title_page=False)
    if progress is not None:
        progress(3, 3)
    return len(content.disagreements)


__all__ = [
    "CSV_COLUMNS",
    "DISAGREEMENT_FIELDS",
    "FIGURE_FIELDS",
    "FORMATS",
    "AgreementReportContent",
    "DisagreementRow",
    "DocumentSection",
    "FigureRow",
    "build_agreement_content",
    "csv_rows",
    "export_agreement_report",
    "render_html",
]
