"""The original PDF with each annotation as a real highlight, readable in any PDF viewer.

For documents imported from PDF Glossa keeps the file's bytes and where every word sits
(``PageMap``). Each annotation becomes one **highlight annotation** per page it touches,
with one quad per run of words on a line, in its tag's colour. Its note (the popup a
viewer shows on hover or click) carries the author as title and, as contents, the tag path,
the attributes as ``name: value`` lines and the analyst's note; subject = tag path, creation
and modification dates = the annotation's, and ``/NM`` = the annotation's id, so a highlight
can be traced back to the project. A span that starts or ends inside a word is cut to the
annotated characters when the page tells where each character sits.

The original file is kept byte for byte: the highlights are appended to it as an
incremental update (what Acrobat does when it saves comments), so a digital signature stays
valid and the unannotated original can still be recovered. A PDF that cannot take an
incremental update (its structure had to be repaired) is rewritten instead.

What is exported, and to where:

* the scope's documents that were imported from PDF; other documents are skipped and
  listed in the report (``InvalidValue`` when none is a PDF);
* the scope's annotations of those documents; rejected suggestions only when the scope asks
  for ``status="rejected"``, since a rejected suggestion is an answer "no";
* ``out_path`` ending in ``.pdf``: exactly one PDF document must be in scope;
  ``.zip``: one PDF per document inside; an existing folder: one PDF per document in it.
  Files are named after the document titles (``Klinikverbund Nordwald.pdf``); a name taken
  twice gets ``(2)``, ``(3)``. Existing files of those names are replaced, all together at
  the end, so a failed or cancelled export leaves none of them half-written.

An annotation whose span covers no word of the page map (only white space; a damaged map)
cannot be highlighted: it becomes a sticky note at the place it belongs, with the same
popup text, and is listed in ``AnnotatedPdfReport.unplaced``; it is never dropped silently.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pymupdf

from core.codebook import Codebook
from core.errors import InvalidValue
from core.exporters import (
    Cancel,
    ExportScope,
    Progress,
    annotations_by_document,
    atomic_path,
    check_cancel,
    check_target,
)
from core.exporters.annotated_pdf_files import (
    AnnotatedPdfReport,
    Unplaced,
    file_names,
    pdf_documents,
    targets,
)
from core.exporters.pdf_placement import Box, PagePlacement, SpanPlacer
from core.formats.mupdf import WORD_FLAGS
from core.i18n import _
from core.labels import attribute_label, attribute_value, status_label
from core.model import Annotation, DocumentInfo, PageMap, Status, WordBox
from core.project import Project
from core.text import normalize_text

mupdf: Any = pymupdf  # unannotated API: mypy --strict would reject every call

#: Highlights are drawn with the "Multiply" blend at this opacity: the text stays black and
#: the darker tag colours (the blue of Quote, the red of Confrontational) stay readable.
HIGHLIGHT_OPACITY = 0.55
#: The popup window a viewer opens for a highlight, beside the page's right edge.
POPUP_SIZE = (200.0, 120.0)
_MARGIN = 8.0
_HYPHENS = frozenset("-\u2010\xad")
# Characters Windows, macOS or zip tools refuse in a file name.
_WHOLE_PROJECT = ExportScope()  # frozen, so one shared default is safe


def export_annotated_pdf(
    project: Project,
    out_path: str | Path,
    *,
    scope: ExportScope = _WHOLE_PROJECT,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the scope's PDF documents with their annotations as highlights; return how many.

    ``out_path`` is a ``.pdf`` when the scope holds one PDF document, a ``.zip`` or an
    existing folder for several (see the module docstring). The count includes annotations
    that covered no word and became notes; ``write_annotated_pdf`` returns the full report
    (files, highlights, unplaced annotations, skipped documents).
    """
    report = write_annotated_pdf(project, out_path, scope=scope, progress=progress,
                                 cancel=cancel)
    return report.annotations


def write_annotated_pdf(
    project: Project,
    out_path: str | Path,
    *,
    scope: ExportScope = _WHOLE_PROJECT,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> AnnotatedPdfReport:
    """Like ``export_annotated_pdf``, returning what was written, unplaced and skipped.

    Bad filters, a scope without PDF documents and an unsuitable ``out_path`` raise
    ``InvalidValue`` (or ``NotFound``) before anything is written; ``cancel`` stops with
    ``ExportCancelled`` and leaves every target as it was.
    """
    resolved = scope.resolve(project)
    report = AnnotatedPdfReport()
    documents = pdf_documents(resolved.documents, report)
    out = Path(out_path)
    files = targets(project, out, documents)
    status = resolved.status
    writer = _Writer(project, project.codebook(), report, progress, cancel,
                     total=sum(len(project.pages(d.id)) for d in documents))
    found = annotations_by_document(project, documents, tag_ids=resolved.tag_ids,
                                    author=resolved.author, status=status)
    wanted = (
        (document, [a for a in annotations
                    if status is not None or a.status is not Status.REJECTED])
        for document, annotations in found
    )
    if out.suffix.casefold() == ".zip" and not out.is_dir():
        zip_target = check_target(project, out)
        _write_zip(writer, zip_target, [t.name for t in files], wanted)
        report.files = [zip_target]
        return report
    with contextlib.ExitStack() as stack:
        temporaries = [stack.enter_context(atomic_path(t)) for t in files]
        for temporary, (document, annotations) in zip(temporaries, wanted, strict=True):
            writer.write(temporary, document, annotations)
    report.files = files
    return report


# --- the zip of several ------------------------------------------------------------


def _write_zip(writer: _Writer, target: Path, names: Sequence[str],
               wanted: Iterator[tuple[DocumentInfo, list[Annotation]]]) -> None:
    with atomic_path(target) as temporary, \
            tempfile.TemporaryDirectory(prefix="glossa-pdf-") as folder, \
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (document, annotations) in zip(names, wanted, strict=True):
            pdf = Path(folder) / "document.pdf"
            writer.write(pdf, document, annotations)
            archive.write(pdf, name)
            pdf.unlink()


# --- one document -------------------------------------------------------------------


class _Writer:
    """Writes one annotated PDF after another, counting into one report."""

    def __init__(self, project: Project, codebook: Codebook, report: AnnotatedPdfReport,
                 progress: Progress | None, cancel: Cancel | None, total: int) -> None:
        self._project = project
        self._codebook = codebook
        self._report = report
        self._progress = progress
        self._cancel = cancel
        self._total = total
        self._done = 0

    def write(self, path: Path, document: DocumentInfo, annotations: list[Annotation]) -> None:
        """Write ``document``'s original with its highlights to ``path``."""
        check_cancel(self._cancel)
        _kind, original = self._project.store.documents.original(document.id)
        pages = self._project.pages(document.id)
        path.write_bytes(original)
        try:
            pdf = mupdf.open(str(path), filetype="pdf")
        except Exception as exc:  # pymupdf raises bare RuntimeErrors for unreadable files
            raise InvalidValue(_("%(title)r: the stored original is not a readable PDF "
                                 "(%(exc)s)")
                               % {"title": document.title, "exc": exc}) from exc
        try:
            if pdf.needs_pass:
                raise InvalidValue(_("%(title)r: the original PDF is encrypted")
                                   % {"title": document.title})
            if any(p.page >= pdf.page_count for p in pages):
                raise InvalidValue(_("%(title)r: the page map does not match the stored "
                                     "PDF (%(page_count)s pages)")
                                   % {"title": document.title, "page_count": pdf.page_count})
            chars = _PageChars(pdf)
            placer = SpanPlacer(pages, self._project.text(document.id), chars.edges)
            self._annotate(pdf, document, annotations, pages, placer)
            if pdf.can_save_incrementally():
                pdf.saveIncr()
                return
            data = pdf.tobytes(garbage=1, deflate=True)
        finally:
            pdf.close()
        path.write_bytes(data)

    def _annotate(self, pdf: Any, document: DocumentInfo, annotations: list[Annotation],
                  pages: list[PageMap], placer: SpanPlacer) -> None:
        by_page: dict[int, list[tuple[Annotation, PagePlacement]]] = {}
        for annotation in annotations:
            placements = placer.place(annotation.start, annotation.end)
            if not placements:
                self._note_unplaced(pdf, document, annotation, placer)
                continue
            for placement in placements:
                by_page.setdefault(placement.page, []).append((annotation, placement))
            self._report.annotations += 1
        for page_map in pages:
            check_cancel(self._cancel)
            on_page = by_page.get(page_map.page)
            if on_page:
                page = pdf[page_map.page]
                for annotation, placement in on_page:
                    self._highlight(pdf, page, annotation, placement)
            self._done += 1
            if self._progress is not None:
                self._progress(self._done, self._total)

    def _highlight(self, pdf: Any, page: Any, annotation: Annotation,
                   placement: PagePlacement) -> None:
        quads = [mupdf.Rect(box).quad for box in placement.boxes]
        highlight = page.add_highlight_annot(quads)
        self._describe(pdf, highlight, annotation)
        _add_popup(page, highlight, placement.boxes[0])
        highlight.set_open(False)
        highlight.update(opacity=HIGHLIGHT_OPACITY)
        self._report.highlights += 1
        self._report.widened += placement.widened

    def _note_unplaced(self, pdf: Any, document: DocumentInfo, annotation: Annotation,
                       placer: SpanPlacer) -> None:
        """A sticky note where the span lies (after the word before it), never a silent drop."""
        page_map = placer.page_at(annotation.start)
        number = page_map.page if page_map is not None else 0
        page = pdf[number]
        before = [w for w in (page_map.words if page_map else []) if w.end <= annotation.start]
        point = (before[-1].x1, before[-1].y0) if before else (_MARGIN, _MARGIN)
        note = page.add_text_annot(point, "", icon="Comment")
        self._describe(pdf, note, annotation)
        note.update()
        self._report.annotations += 1
        self._report.unplaced.append(
            Unplaced(document.title, annotation.id, annotation.exact, number))

    def _describe(self, pdf: Any, annot: Any, annotation: Annotation) -> None:
        path = self._codebook.path(annotation.tag_id)
        annot.set_colors(stroke=tag_rgb(self._tag_colour(annotation.tag_id)))
        annot.set_info(
            title=annotation.author or None, subject=path,
            content=popup_text(self._codebook, annotation),
            creationDate=pdf_date(annotation.created), modDate=pdf_date(annotation.modified),
        )
        pdf.xref_set_key(annot.xref, "NM", mupdf.get_pdf_str(annotation.id))

    def _tag_colour(self, tag_id: str) -> str:
        return self._codebook.get(tag_id).color if tag_id in self._codebook else "#888888"


def popup_text(codebook: Codebook, annotation: Annotation) -> str:
    """Tag path, ``name: value`` per attribute (codebook order first), the note, the status."""
    lines = [codebook.path(annotation.tag_id) or annotation.tag_id]
    specs = codebook.attribute_specs(annotation.tag_id) if annotation.tag_id in codebook else ()
    order = [s.name for s in specs if s.name in annotation.attributes]
    order += sorted(set(annotation.attributes) - set(order))
    lines += [f"{attribute_label(name)}: {attribute_value(annotation.attributes[name], name)}"
              for name in order if annotation.attributes[name]]
    if annotation.status is not Status.ACCEPTED:
        lines.append(_("status: %(status)s") % {"status": status_label(annotation.status)})
    if annotation.note:
        lines.append(annotation.note)
    return "\n".join(lines)


def tag_rgb(colour: str) -> tuple[float, float, float]:
    """``#RRGGBB`` as PDF colour components from 0 to 1."""
    value = colour.lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        raise InvalidValue(_("colour %(colour)r is not of the form #RRGGBB") % {"colour": colour})
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def pdf_date(timestamp: str) -> str | None:
    """A Glossa timestamp (ISO 8601 UTC) as a PDF date ``D:YYYYMMDDHHmmSSZ``; None if unparsable."""
    try:
        moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    offset = moment.utcoffset()
    if offset is None or offset.total_seconds() == 0:
        return moment.strftime("D:%Y%m%d%H%M%SZ")
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hours:02d}'{rest:02d}'"


def _add_popup(page: Any, annot: Any, box: Box) -> None:
    """A closed popup beside the page's right edge, level with the highlight's first line.

    Placed in unrotated page space, like the highlight: pymupdf's ``set_popup`` would
    misplace it on a rotated page (off the page), so the rotation is lifted meanwhile.
    """
    rotation = page.rotation
    if rotation:
        page.set_rotation(0)
    try:
        area = page.rect
        width = min(POPUP_SIZE[0], area.width - 2 * _MARGIN)
        height = min(POPUP_SIZE[1], area.height - 2 * _MARGIN)
        x1 = area.x1 - _MARGIN
        y0 = min(max(box[1], area.y0 + _MARGIN), area.y1 - _MARGIN - height)
        annot.set_popup(mupdf.Rect(x1 - width, y0, x1, y0 + height))
    finally:
        if rotation:
            page.set_rotation(rotation)


# --- character positions -------------------------------------------------------------


class _PageChars:
    """Character boxes of the pages a span starts or ends inside a word on, read once each.

    ``get_text("rawdict")`` is the one extraction with character boxes (and the slowest);
    only pages with a partly covered word pay for it.
    """

    def __init__(self, pdf: Any) -> None:
        self._pdf = pdf
        self._lines: dict[int, list[tuple[Box, list[tuple[str, Box]]]]] = {}

    def edges(self, page: int, word: WordBox, text: str) -> list[tuple[float, float]] | None:
        """(x0, x1) per code point of ``text``, the stored form of ``word``; None if unsure."""
        chars = [c for c in self._chars_in(page, word) if not c[0].isspace()]
        raw = "".join(c for c, _ in chars)
        if len(raw) == len(text) and normalize_text(raw) == text:
            return [(b[0], b[2]) for _, b in chars]
        # The first part of a word hyphenated across lines: its box holds the hyphen too.
        if raw.startswith(text) and raw[len(text):] and set(raw[len(text):]) <= _HYPHENS:
            return [(b[0], b[2]) for _, b in chars[:len(text)]]
        return None

    def _chars_in(self, page: int, word: WordBox) -> Iterator[tuple[str, Box]]:
        for line_box, chars in self._page_lines(page):
            if line_box[3] < word.y0 or line_box[1] > word.y1:
                continue
            for char in chars:
                x0, y0, x1, y1 = char[1]
                x, y = (x0 + x1) / 2, (y0 + y1) / 2
                if word.x0 - 0.5 <= x <= word.x1 + 0.5 and word.y0 - 0.5 <= y <= word.y1 + 0.5:
                    yield char

    def _page_lines(self, page: int) -> list[tuple[Box, list[tuple[str, Box]]]]:
        lines = self._lines.get(page)
        if lines is None:
            lines = self._lines[page] = []
            data = self._pdf[page].get_text("rawdict", flags=WORD_FLAGS)
            for block in data.get("blocks", ()):
                for line in block.get("lines", ()):
                    direction = line.get("dir", (1.0, 0.0))
                    if abs(direction[0] - 1.0) > 1e-3 or abs(direction[1]) > 1e-3:
                        continue  # rotated text: x ranges would not order its characters
                    chars = [(c["c"], tuple(c["bbox"])) for span in line.get("spans", ())
                             for c in span.get("chars", ())]
                    lines.append((tuple(line["bbox"]), chars))
        return lines


__all__ = [
    "HIGHLIGHT_OPACITY",
    "AnnotatedPdfReport",
    "Unplaced",
    "export_annotated_pdf",
    "file_names",
    "pdf_date",
    "popup_text",
    "tag_rgb",
    "write_annotated_pdf",
]
