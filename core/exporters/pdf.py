"""The annotated report as a PDF: the HTML report's content, typeset for paper.

The text goes through ``core.reports.pdf_render`` (pymupdf's Story, DejaVu Sans
embedded, so „quotes“, «guillemets», dashes and Cyrillic survive; a title page; "Page n
of m" in the footer; bookmarks per document; links from the contents to each document
and from the quotes and sources tables to the notes). Story lays out a subset of HTML
and CSS, so the template is a print variant of the HTML one: each passage's number
stands before it and its note follows the paragraph, overlapping passages get a darker
blended fill and an underline (Story draws no borders on inline text), and densely
annotated documents get run-in notes (see ``compact``). The tone profile is drawn into
a block the template leaves empty: its shapes as an SVG that MuPDF turns into vector
graphics, its labels in the embedded font, so it stays sharp and searchable (an SVG
inside the Story would be rasterised at 96 dpi).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pymupdf as _pymupdf

from core.exporters import Cancel, ExportScope, Progress, check_cancel, check_target
from core.exporters.html import ToneChart, tone_chart
from core.i18n import _
from core.project import Project
from core.reports.content import DocumentReport, Report, ReportAnnotation, build_report
from core.reports.pdf_render import Painter, html_to_pdf, regular_font_file
from core.reports.templates import blend, css_colour, ink, render, rgb, stylesheet

#: pymupdf's API is unannotated, which ``mypy --strict`` rejects at every call.
pymupdf: Any = _pymupdf

TEMPLATE = "report-pdf.html.j2"
STYLESHEET = "report-pdf.css"
#: Documents with more annotations than this get run-in notes (see ``compact``).
COMPACT_FROM = 300
#: Width of the chart's geometry in chart units; it is scaled to the text column.
_CHART_UNITS = 1000.0
_CHART_LABEL = 150.0
_KEY_STEP = 260.0  # chart units from one analyst's key to the next
_KEY_GAP = 14.0  # chart units between the axis labels and the analysts' key


def export_pdf(
    project: Project,
    out_path: str | Path,
    *,
    scope: ExportScope = ExportScope(),  # noqa: B008 - frozen, so a shared default is safe
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the PDF report of ``scope`` to ``out_path``; return how many annotations it shows.

    Bad filters raise before anything is written. ``progress(done, total)`` counts the
    documents read, then the pages typeset (the total grows as pages are added);
    cancelling leaves no file.
    """
    target = check_target(project, out_path)
    report = build_report(project, scope, progress=progress, cancel=cancel)
    check_cancel(cancel)
    html, painters = render_report_pdf_html(report)
    documents = len(report.documents)

    def pages_done(done: int, _: int) -> None:
        if progress is not None:
            progress(documents + done, documents + done + 1)

    pages = html_to_pdf(
        html, target, title=report.title, css=stylesheet(STYLESHEET), progress=pages_done,
        cancel=cancel, painters=painters, author=", ".join(a.name for a in report.analysts),
        subject=report.scope,
    )
    if progress is not None:
        progress(documents + pages, documents + pages)
    return report.annotation_count


def render_report_pdf_html(report: Report) -> tuple[str, dict[str, Painter]]:
    """The Story HTML of ``report`` and the painters of its tone charts (by block id)."""
    painters: dict[str, Painter] = {}
    charts: dict[str, ToneChart | None] = {}
    for index, document in enumerate(report.documents, start=1):
        chart = charts[document.id] = tone_chart(
            document, report.tone_scale, width=_CHART_UNITS, label_width=_CHART_LABEL)
        if chart is not None:
            painters[f"tone-d{index}"] = functools.partial(paint_tone_chart, chart)
    html = render(
        TEMPLATE, report=report, highlight_color=highlight_color,
        tone_chart=lambda document: charts[document.id], chart_height=chart_height,
        compact=compact, linked_notes=linked_notes, badge=badge,
    )
    return html, painters


def badge(annotation: ReportAnnotation) -> str:
    """Inline style of a number in its tag's colour (Story knows no CSS variables)."""
    return _badge(annotation.color)


@functools.lru_cache(maxsize=1024)
def _badge(colour: str) -> str:
    return f"background-color:{css_colour(colour)};color:{ink(colour)}"


def compact(document: DocumentReport) -> bool:
    """Run-in notes (one paragraph of notes per paragraph) for densely annotated documents.

    One block per note reads best, but at thousands of annotations it triples the page
    count (and the time to typeset it); a run-in list keeps the same content.
    """
    return len(document.annotations) > COMPACT_FROM


def linked_notes(document: DocumentReport) -> frozenset[int]:
    """Numbers of the notes the quotes and sources tables link to (they get an ``id``)."""
    numbers = {q.number for q in document.quotes}
    for source in document.sources:
        numbers.add(source.number)
        numbers.update(source.cited_by)
    return frozenset(numbers)


@functools.lru_cache(maxsize=8192)
def _fill(colours: tuple[str, ...]) -> str:
    return blend(colours, min(0.32 + 0.14 * (len(colours) - 1), 0.7))


def highlight_color(layers: Sequence[ReportAnnotation]) -> str:
    """Opaque fill of a segment (Story has no transparency): blended, darker when deeper."""
    return _fill(tuple(sorted(a.color for a in layers)))  # a mean: order does not matter


def _scale(chart: ToneChart) -> float:
    """Points per chart unit: the chart spans the A4 text column (481.9 pt)."""
    return 481.0 / chart.width


def _drawn_height(chart: ToneChart) -> float:
    """The chart's height in chart units, with the analysts' key below it when there is one."""
    return chart.height + (_KEY_GAP + 12 if len(chart.lines) > 1 else 0)


def chart_height(chart: ToneChart) -> str:
    """Height in points of the block the chart is drawn into."""
    return f"{_drawn_height(chart) * _scale(chart) + 6:.1f}"


def chart_svg(chart: ToneChart) -> str:
    """The chart's shapes as SVG (no text: labels are set in the embedded font instead).

    Only numbers and colours go in, and colours were checked to be ``#rrggbb``.
    """
    height = _drawn_height(chart)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart.width:.1f}" '
           f'height="{height:.1f}" viewBox="0 0 {chart.width:.1f} {height:.1f}">']
    grid = ('<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" stroke="#c9d0d6" '
            'stroke-width="1"/>')
    for row in chart.rows:
        out.append(grid.format(chart.plot_left, chart.plot_right, row.y, row.y))
    for x, _label in chart.ticks:
        out.append(grid.format(x, x, chart.plot_top, chart.plot_bottom + 4))
    for bar in chart.bars:
        rgb(bar.color)
        out.append(f'<rect x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}" '
                   f'height="{bar.height:.1f}" rx="2" fill="{bar.color}" fill-opacity="0.85" '
                   'stroke="#000000" stroke-opacity="0.25" stroke-width="0.5"/>')
    for line in chart.lines:  # told apart by colour: MuPDF's SVG draws no dashes
        rgb(line.color)
        if len(line.points) > 1:
            out.append(f'<polyline points="{line.svg_points}" fill="none" '
                       f'stroke="{line.color}" stroke-width="1.5"/>')
        if line.dots:
            out.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{line.color}"/>'
                       for x, y in line.points)
    if len(chart.lines) > 1:
        x = chart.plot_left
        for line in chart.lines:
            y = chart.height + _KEY_GAP
            out.append(f'<line x1="{x:.1f}" x2="{x + 44:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                       f'stroke="{line.color}" stroke-width="2.5"/>')
            x += _KEY_STEP
    out.append("</svg>")
    return "".join(out)


def paint_tone_chart(chart: ToneChart, page: Any, rect: Any) -> None:
    """Draw ``chart`` into ``rect`` of ``page``: shapes as vector graphics, then the labels."""
    scale = min(_scale(chart), rect.width / chart.width)
    shapes = pymupdf.open(stream=chart_svg(chart).encode("utf-8"), filetype="svg")
    try:
        vector = pymupdf.open("pdf", shapes.convert_to_pdf())
    finally:
        shapes.close()
    try:
        target = pymupdf.Rect(rect.x0, rect.y0, rect.x0 + chart.width * scale,
                              rect.y0 + _drawn_height(chart) * scale)
        page.show_pdf_page(target, vector, 0)
    finally:
        vector.close()
    font = pymupdf.Font(fontfile=str(regular_font_file()))
    writer = pymupdf.TextWriter(page.rect, color=(0.11, 0.14, 0.16))

    def put(text: str, x: float, y: float, size: float, anchor: str = "start") -> None:
        width = font.text_length(text, fontsize=size)
        shift = {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        writer.append((rect.x0 + x * scale - shift, rect.y0 + y * scale), text, font=font,
                      fontsize=size)

    def fitted(text: str, room: float, size: float) -> str:
        """``text`` shortened with an ellipsis to ``room`` points (long custom level names)."""
        if font.text_length(text, fontsize=size) <= room:
            return text
        while text and font.text_length(text + "…", fontsize=size) > room:
            text = text[:-1]
        return text + "…"

    for row in chart.rows:
        label = fitted(row.label, (chart.plot_left - 12) * scale, 7)
        put(label, chart.plot_left - 8, row.y + 2.5 / scale, 7, "end")
    for x, label in chart.ticks:
        put(label, x, chart.plot_bottom + 18, 6.5, "middle")
    if len(chart.lines) > 1:
        for index, line in enumerate(chart.lines):
            put(line.author or _("(no name)"), chart.plot_left + index * _KEY_STEP + 52,
                chart.height + _KEY_GAP + 2.2 / scale, 6.5)
    writer.write_text(page)


__all__ = ["COMPACT_FROM", "badge", "chart_height", "compact", "export_pdf", "highlight_color",
           "linked_notes", "paint_tone_chart", "render_report_pdf_html"]
