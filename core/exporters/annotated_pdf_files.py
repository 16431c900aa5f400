"""Which documents an annotated-PDF export writes, to which files, and what it reports.

A document not imported from a PDF has no original to annotate: it is skipped and named.
One PDF goes to a ``.pdf``; several go into a ``.zip`` or an existing folder, each under a
portable file name made from its title.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import InvalidValue
from core.exporters import check_target
from core.i18n import _
from core.model import DocumentInfo
from core.project import Project
from core.wording import count

_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_NAME_LENGTH = 80


@dataclass(frozen=True, slots=True)
class Unplaced:
    """An annotation that covers no word of its PDF, written as a sticky note instead."""

    document_title: str
    annotation_id: str
    exact: str
    page: int  # 0-based page it was put on

    def message(self) -> str:
        passage = self.exact if len(self.exact) <= 40 else self.exact[:39] + "…"
        return _("%(title)s: annotation %(id)s (%(passage)r) covers no word of the PDF; "
                 "written as a note on page %(page)s") % {
            "title": self.document_title, "id": self.annotation_id, "passage": passage,
            "page": self.page + 1}


@dataclass(slots=True)
class AnnotatedPdfReport:
    """What an annotated-PDF export wrote, and what it could not place or skipped."""

    files: list[Path] = field(default_factory=list)  # written: the PDFs, or the one .zip
    annotations: int = 0  # annotations written, as highlights or (unplaced) notes
    highlights: int = 0  # highlight annotations: one per annotation and page it touches
    widened: int = 0  # highlights covering whole words where a span ends inside one
    unplaced: list[Unplaced] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # titles of documents not from a PDF

    def messages(self) -> list[str]:
        """One line per thing the user should know about (for stderr or a dialog)."""
        lines = [u.message() for u in self.unplaced]
        skipped = ", ".join(repr(t) for t in self.skipped)
        return lines + ([_("skipped %(documents)s not imported from a PDF: %(titles)s") % {
            "documents": count(len(self.skipped), "document"), "titles": skipped}]
            if self.skipped else [])


def pdf_documents(documents: Sequence[DocumentInfo],
                   report: AnnotatedPdfReport) -> list[DocumentInfo]:
    if not documents:
        raise InvalidValue(_("no document is in the export's scope"))
    pdfs = [d for d in documents if d.format == "pdf"]
    report.skipped = [d.title for d in documents if d.format != "pdf"]
    if not pdfs:
        if len(documents) == 1:
            only = documents[0]
            raise InvalidValue(_("%(title)r was not imported from a PDF (it is %(value)s); "
                                 "only PDFs have an annotated original")
                               % {"title": only.title, "value": only.format or 'text'})
        raise InvalidValue(_("none of the %(length)s documents in scope was imported from "
                             "a PDF; only PDFs have an annotated original")
                           % {"length": len(documents)})
    return pdfs


def targets(project: Project, out: Path, documents: Sequence[DocumentInfo]) -> list[Path]:
    """The file each document goes to (inside the zip: its name there)."""
    suffix = out.suffix.casefold()
    if out.is_dir():
        targets = [check_target(project, out / name) for name in file_names(documents)]
        return targets
    if suffix == ".zip":
        return [Path(name) for name in file_names(documents)]
    if suffix != ".pdf":
        raise InvalidValue(_("%(out)s: give a .pdf file for one document, or a .zip file "
                             "or an existing folder for several")
                           % {"out": out})
    if len(documents) > 1:
        titles = ", ".join(repr(d.title) for d in documents[:5])
        more = ", …" if len(documents) > 5 else ""
        raise InvalidValue(_("%(out)s: %(length)s PDF documents are in scope "
                             "(%(titles)s%(more)s) and a .pdf holds one; choose one "
                             "document, or export to a .zip file or an existing folder")
                           % {"out": out, "length": len(documents), "titles": titles,
                              "more": more})
    return [check_target(project, out)]


def file_names(documents: Sequence[DocumentInfo]) -> list[str]:
    """A distinct, portable ``.pdf`` file name per document, from its title."""
    names: list[str] = []
    taken: set[str] = set()
    for document in documents:
        stem = _safe_stem(document.title) or _safe_stem(Path(document.source_name).stem) \
            or document.id
        name, number = f"{stem}.pdf", 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem} ({number}).pdf"
        taken.add(name.casefold())
        names.append(name)
    return names


def _safe_stem(title: str) -> str:
    title = unicodedata.normalize("NFC", title).replace(": ", " - ")
    stem = " ".join(_UNSAFE_NAME.sub("_", title).split()).strip(" ._")
    if len(stem) > _NAME_LENGTH:  # cut at a word break where there is one
        cut = stem.rfind(" ", _NAME_LENGTH // 2, _NAME_LENGTH + 1)
        stem = stem[:cut if cut > 0 else _NAME_LENGTH]
    return stem.rstrip(" ._")
