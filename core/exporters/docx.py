"""The annotated report as a Word document, with every annotation as a real Word comment.

Word is what many newsrooms pass around, and its comments are what reviewers answer in.
The document holds the report's title and scope, the analysts, a legend with each tag's
count and coverage, then per document its articles' text with the annotated passages
shaded, and its quotes and sources tables.

* **Highlights** are run shading (``w:shd``), not Word's highlighter, whose palette has
  16 colours: every tag keeps its own colour. The fill is the tag colour laid over white
  (``blend`` at 32 %, as in the PDF report) so black text stays readable; where passages
  overlap, the fill blends their colours, turns darker and the text is underlined.
* **Comments**: one per annotation, anchored on exactly the runs of its passage (the
  report content cuts the text into runs at every passage boundary, so a passage is
  always a whole number of runs); overlapping passages get overlapping comment ranges.
  Author = the analyst, initials from the name, date = when the annotation was made;
  text = ``#number tag path``, one ``name: value`` line per attribute, the status if not
  accepted, then the note.
* Passages and tables are numbered per document as in the HTML and PDF reports, so a row
  of the quotes table leads to its comment.

Text goes in as text (python-docx escapes it); characters XML cannot carry at all (a
control character pasted into a note) become U+FFFD, one for one, so offsets still hold.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.comments import Comment
from docx.enum.text import WD_UNDERLINE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu

from core.exporters import (
    Cancel,
    ExportScope,
    Progress,
    atomic_path,
    check_cancel,
    check_target,
)
from core.i18n import _, day, ngettext, number
from core.labels import attribute_label, attribute_value, choice_label, status_label
from core.project import Project
from core.reports.content import (
    DocumentReport,
    Report,
    ReportAnnotation,
    TagSummary,
    build_report,
)
from core.reports.templates import blend, percent, timestamp, web_url

#: Share of the tag colour in a passage's fill (over white), and per extra overlapping layer.
FILL_ALPHA = 0.32
FILL_ALPHA_STEP = 0.14
FILL_ALPHA_MAX = 0.7

# What Word puts first in a comment: the mark that ties it to its reference in the text.
_REFERENCE_MARK = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                   "<w:annotationRef/></w:r>")
_WHOLE_PROJECT = ExportScope()  # frozen, so one shared default is safe
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Children of w:rPr and w:tcPr that must follow w:shd (WordprocessingML's sequence order).
_AFTER_RUN_SHADING = ("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                      "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_CELL_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                       "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
                       "w:tcPrChange")


def export_docx(
    project: Project,
    out_path: str | Path,
    *,
    scope: ExportScope = _WHOLE_PROJECT,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the Word report of ``scope`` to ``out_path``; return how many annotations it shows.

    Bad filters raise before anything is written; ``progress(done, total)`` counts the
    documents read, then one step per document written; cancelling leaves no file.
    """
    target = check_target(project, out_path)
    report = build_report(project, scope, progress=_halves(progress, False), cancel=cancel)
    document = render_report_docx(report, progress=_halves(progress, True), cancel=cancel)
    check_cancel(cancel)
    with atomic_path(target) as temporary:
        document.save(str(temporary))
    return report.annotation_count


def render_report_docx(report: Report, *, progress: Progress | None = None,
                       cancel: Cancel | None = None) -> Any:
    """``report`` as a python-docx ``Document`` (what ``export_docx`` saves)."""
    document = docx.Document()
    _set_up(document, report)
    _front_matter(document, report)
    for done, article in enumerate(report.documents, start=1):
        check_cancel(cancel)
        _article(document, article)
        if progress is not None:
            progress(done, len(report.documents))
    return document


def _halves(progress: Progress | None, writing: bool) -> Progress | None:
    """Reading the documents is the first half of the steps, writing them the second."""
    if progress is None:
        return None
    callback = progress

    def half(done: int, total: int) -> None:
        callback(done + total if writing else done, 2 * total)

    return half


# --- the parts ----------------------------------------------------------------------------


def _set_up(document: Any, report: Report) -> None:
    """A4 with moderate margins; file properties a document manager shows."""
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.0)
    properties = document.core_properties
    properties.title = xml_safe(report.title)[:255]
    properties.subject = xml_safe(report.scope)[:255]
    properties.author = xml_safe(", ".join(a.name for a in report.analysts))[:255]
    properties.comments = _("Exported by Glossa")
    created = _moment(report.generated)
    if created is not None:
        properties.created = properties.modified = created


def _front_matter(document: Any, report: Report) -> None:
    document.add_heading(xml_safe(report.title), level=0)
    document.add_paragraph(
        xml_safe(_("Project %(project)s · %(when)s · %(annotations)s · %(coverage)s of the "
                   "text covered") % {"project": report.project,
                                      "when": timestamp(report.generated),
                                      "annotations": _count(report.annotation_count),
                                      "coverage": percent(report.coverage)}),
        style="Subtitle",
    )
    document.add_heading(_("Scope"), level=1)
    _table(document, None, report.filters, widths=(Cm(3.0), None))
    document.add_heading(_("Analysts"), level=1)
    if not report.analysts:
        document.add_paragraph(_("No annotations in this report."))
    for analyst in report.analysts:
        document.add_paragraph(
            xml_safe(f"{analyst.name or _('(no name)')}: {_count(analyst.count)}"),
            style="List Bullet")
    document.add_heading(_("Tags"), level=1)
    document.add_paragraph(
        _("Coverage: the share of the text under at least one passage of the tag (overlaps "
          "counted once), over all documents of the report. Passages are shaded in their "
          "tag's colour; where passages overlap, the shade blends their colours, turns darker "
          "and the text is underlined. Each passage carries a comment with its tag, attributes "
          "and note.")
    )
    _legend(document, report.legend)


def _legend(document: Any, legend: Sequence[TagSummary]) -> None:
    if not legend:
        document.add_paragraph(_("No tags are used in this report."))
        return
    rows = [("", s.path, str(s.count), percent(s.coverage)) for s in legend]
    table = _table(document, ("", _("Tag"), _("Annotations"), _("Coverage")), rows,
                   widths=(Cm(0.8), None, Cm(3.2), Cm(2.6)))
    for row, summary in zip(table.rows[1:], legend, strict=True):
        shade_cell(row.cells[0], fill_colour((summary.color,)))
        row.cells[1].paragraphs[0].paragraph_format.left_indent = Cm(0.4 * summary.depth)


def _article(document: Any, article: DocumentReport) -> None:
    """One document: heading, source line, the text with shaded passages and comments."""
    heading = document.add_heading(xml_safe(article.title), level=1)
    heading.paragraph_format.page_break_before = True
    source = " · ".join(v for v in (article.outlet, article.author, day(article.published),
                                     web_url(article.url)) if v)
    if source:
        document.add_paragraph(xml_safe(source), style="Subtitle")
    document.add_paragraph(_("%(annotations)s · %(coverage)s of the text covered") % {
        "annotations": _count(len(article.annotations)), "coverage": percent(article.coverage)})
    comments = _CommentWriter(document)
    firsts: dict[int, Any] = {}
    lasts: dict[int, Any] = {}
    paragraphs: list[Any] = []
    for paragraph in article.paragraphs:
        out = document.add_paragraph()
        paragraphs.append(out)
        for segment in paragraph.segments:
            run = out.add_run()
            if segment.layers:
                if len(segment.layers) > 1:
                    run.font.underline = WD_UNDERLINE.SINGLE
                shade_run(run, fill_colour(tuple(a.color for a in segment.layers)))
            _set_text(run, xml_safe(segment.text))
            for layer in segment.layers:
                firsts.setdefault(layer.number, run)
                lasts[layer.number] = run
    for annotation in article.annotations:
        first = firsts.get(annotation.number)
        if first is None:  # only line breaks: no run of its own, so an empty one marks it
            first = paragraphs[annotation.paragraph].add_run("")
        comments.add(first, lasts.get(annotation.number, first), annotation)
    _quotes(document, article)
    _sources(document, article)


class _CommentWriter:
    """Adds Word comments in constant time each.

    ``Document.add_comment`` finds a free id by reading every comment already there (an
    XPath per call), so 10k comments took five minutes; here ids come from a counter and
    the rest is what python-docx itself does: the same ``w:comment`` element in the
    comments part, the same range marks (``Run.mark_comment_range``). Should python-docx's
    internals move, its public ``add_comment`` takes over: slower, the same comments.
    """

    def __init__(self, document: Any) -> None:
        self._document = document
        comments = document.comments  # creates the comments part when there is none
        element: Any = getattr(comments, "_comments_elm", None)
        self._element = element
        self._part: Any = getattr(comments, "_comments_part", None)
        self._fast = element is not None and self._part is not None and hasattr(
            element, "append")
        used = element.xpath("./w:comment/@w:id") if self._fast else []
        self._next = max((int(i) for i in used), default=-1) + 1

    def add(self, first: Any, last: Any, annotation: ReportAnnotation) -> Any:
        """A comment on the runs ``first`` to ``last`` (inclusive) describing ``annotation``."""
        text = comment_text(annotation)
        author, letters = xml_safe(annotation.author), initials(annotation.author)
        made = _moment(annotation.created)
        if not self._fast:
            comment = self._document.add_comment([first, last], text=text, author=author,
                                                 initials=letters)
            element = getattr(comment, "_comment_elm", None)
            if made is not None and element is not None:
                element.date = made
            return comment
        comment_id, self._next = self._next, self._next + 1
        paragraphs = "".join(
            f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{mark}'
            f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
            for mark, line in zip([_REFERENCE_MARK, *([""] * text.count("\n"))],
                                  text.split("\n"), strict=True)
        )
        element = parse_xml(f'<w:comment {nsdecls("w")} w:id="{comment_id}" '
                            f'w:author="">{paragraphs}</w:comment>')
        element.author, element.initials = author, letters
        if made is not None:  # python-docx would stamp "now"; a reviewer wants the real time
            element.date = made
        self._element.append(element)
        first.mark_comment_range(last, comment_id)
        return Comment(element, self._part)


def _quotes(document: Any, article: DocumentReport) -> None:
    if not article.quotes:
        return
    document.add_heading(_("Quotes"), level=2)
    rows = [(str(q.number), q.speaker, q.quote, choice_label(q.form), q.author)
            for q in article.quotes]
    table = _table(document, ("#", _("Speaker"), _("Quote"), _("Form"), _("Analyst")), rows,
                   widths=(Cm(1.0), Cm(3.2), None, Cm(2.4), Cm(2.8)))
    for row, quote in zip(table.rows[1:], article.quotes, strict=True):
        shade_cell(row.cells[0], fill_colour((quote.color,)))


def _sources(document: Any, article: DocumentReport) -> None:
    if not article.sources:
        return
    document.add_heading(_("Sources"), level=2)
    rows = [(str(s.number), s.outlet, day(s.date), s.title or s.text, s.url)
            for s in article.sources]
    _table(document, ("#", _("Outlet"), _("Date"), _("Title"), _("URL")), rows,
           widths=(Cm(1.0), Cm(3.2), Cm(2.8), None, Cm(4.0)))


def _table(document: Any, header: Sequence[str] | None, rows: Sequence[Sequence[str]], *,
           widths: Sequence[Any | None] = ()) -> Any:
    """A grid table; a header row (bold, repeated on every page) unless ``header`` is None."""
    columns = len(header) if header else len(rows[0])
    lines = ([header] if header else []) + list(rows)
    table = document.add_table(rows=len(lines), cols=columns)
    table.style = "Table Grid"
    column_widths = _column_widths(document, widths, columns)
    for column, width in zip(table.columns, column_widths, strict=True):
        column.width = width  # the grid, which LibreOffice follows
    for index, (row, values) in enumerate(zip(table.rows, lines, strict=True)):
        for cell, value, width in zip(row.cells, values, column_widths, strict=True):
            run = cell.paragraphs[0].add_run()
            _set_text(run, xml_safe(value))
            if header and index == 0:
                run.bold = True
            cell.width = width  # the cells, which Word follows
    if header:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return table


def _column_widths(document: Any, widths: Sequence[Any | None], columns: int) -> list[Any]:
    """The given widths, the text width left over shared among the columns given none."""
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    given = [*widths[:columns], *([None] * (columns - len(widths)))]
    fixed = sum(w for w in given if w is not None)
    free = given.count(None)
    share = Emu(max(int((text_width - fixed) / free), int(Cm(1.5)))) if free else Emu(0)
    return [w if w is not None else share for w in given]


# --- text and XML details ------------------------------------------------------------------


def comment_text(annotation: ReportAnnotation) -> str:
    """``#n tag path``, ``name: value`` per attribute, the status unless accepted, the note."""
    lines = [f"#{annotation.number} {annotation.tag_path}"]
    lines += [f"{attribute_label(name)}: {attribute_value(value, name)}"
              for name, value in annotation.attributes]
    if annotation.status != "accepted":
        lines.append(_("status: %(status)s") % {"status": status_label(annotation.status)})
    if annotation.note:
        lines.append(annotation.note)
    return xml_safe("\n".join(lines))


def initials(name: str) -> str:
    """``Anna Berger`` -> ``AB``; Word shows them in the comment balloon."""
    letters = [part[0] for part in re.split(r"[\s\-]+", name.strip()) if part]
    return xml_safe("".join(letters[:3]).upper())


@functools.lru_cache(maxsize=4096)
def fill_colour(colours: tuple[str, ...]) -> str:
    """Opaque shade of a run covered by passages of ``colours``: darker with each layer."""
    alpha = min(FILL_ALPHA + FILL_ALPHA_STEP * (len(colours) - 1), FILL_ALPHA_MAX)
    return blend(colours, alpha)


def xml_safe(text: str) -> str:
    """``text`` with characters XML 1.0 cannot hold replaced by U+FFFD, one for one."""
    return _NOT_XML.sub("\ufffd", text)


def _shading(fill: str) -> Any:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    return shading


def shade_run(run: Any, fill: str) -> None:
    """Give ``run`` the background ``fill`` (``#rrggbb``) as ``w:shd`` in its properties."""
    properties = run._r.get_or_add_rPr()
    properties.insert_element_before(_shading(fill), *_AFTER_RUN_SHADING)


def shade_cell(cell: Any, fill: str) -> None:
    """Give a table cell the background ``fill`` (``#rrggbb``)."""
    properties = cell._tc.get_or_add_tcPr()
    properties.insert_element_before(_shading(fill), *_AFTER_CELL_SHADING)


def _count(count: int) -> str:
    return ngettext("%(n)s annotation", "%(n)s annotations", count) % {"n": number(count)}


def _set_text(run: Any, text: str) -> None:
    """The run's text: one ``w:t`` directly (python-docx's setter goes character by
    character, a third of the time of a large export); its setter for tabs and breaks."""
    if "\t" in text or "\n" in text:
        run.text = text
    elif text:
        run._r.add_t(text)


def _moment(iso: str) -> datetime | None:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None


__all__ = [
    "FILL_ALPHA",
    "comment_text",
    "export_docx",
    "fill_colour",
    "initials",
    "render_report_docx",
    "shade_cell",
    "shade_run",
    "xml_safe",
]
