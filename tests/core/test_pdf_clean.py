"""PDF import keeps the article and nothing else: hyphenation joined, running heads gone.

The PDFs are typeset here with pymupdf (DejaVu Sans, bundled, for „…“ and Cyrillic), one
``insert_text`` per line so every line break, page break and running head is known.
The annotated-PDF export then proves the page map still lands on the words the reader
sees, read back from the exported file with pymupdf.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pymupdf

from core.exporters.annotated_pdf import export_annotated_pdf
from core.importers import read_document
from core.project import Project
from core.sample import BUNDLED_FONT
from tests.core.helpers import new_project

mupdf: Any = pymupdf  # unannotated API: mypy --strict would reject every call

# Body lines per page; "" starts a new paragraph (a gap MuPDF takes for a new block).
BODY = [
    ["Die Regierung hat die Ausfuhr von Dünger stark be-", "schränkte Mengen bleiben erlaubt,",
     "sagte der US-", "General. Nach langen Ver-"],
    ["handlungen über die Quoten einigten sich beide", "Seiten am Mittwoch.", "",
     "The ministry called the talks con-", "structive and said the Ein- und",
     "Ausreise stays open."],
    ["Сказал кто-", "то из делегации: пере-", "говоры из-", "за горизонта продолжатся."],
    ["Observers expect further talks in spring."],
]  # fmt: skip
EXPECTED = (
    "Die Regierung hat die Ausfuhr von Dünger stark beschränkte Mengen bleiben erlaubt, "
    "sagte der US-General. Nach langen Verhandlungen über die Quoten einigten sich beide "
    "Seiten am Mittwoch.\n"
    "The ministry called the talks constructive and said the Ein- und Ausreise stays open.\n"
    "Сказал кто-то из делегации: переговоры из-за горизонта продолжатся.\n"
    "Observers expect further talks in spring."
)
HEADER = "Der Analyst · Ausgabe 12/2024"
CROSSING = "Nach langen Verhandlungen über die Quoten"  # hyphenated across the page break


def typeset(path: Path, body: Sequence[Sequence[str]] = BODY, *, heads: bool = True) -> Path:
    doc = mupdf.open()
    for number, lines in enumerate(body, start=1):
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="dejavu", fontfile=str(BUNDLED_FONT))
        if heads:
            page.insert_text((72, 40), HEADER, fontname="dejavu", fontsize=8)
            if number % 2 == 0:  # even pages: the section, with the page number in front
                page.insert_text((72, 54), f"{number} Inhaltsverzeichnis", fontname="dejavu",
                                 fontsize=8)
            page.insert_text((290, 812), f"– {number} –", fontname="dejavu", fontsize=9)
        y = 100.0
        for line in lines:
            if line:
                page.insert_text((72, y), line, fontname="dejavu", fontsize=11)
            y += 14 if line else 20
    doc.save(path)
    doc.close()
    return path


def test_hyphenation_is_joined_and_running_heads_dropped(tmp_path: Path) -> None:
    doc = read_document(typeset(tmp_path / "artikel.pdf"))
    assert doc.text == EXPECTED
    assert doc.warnings == []
    # the word joined across the page break has one box on each page
    start = doc.text.index("Verhandlungen")
    parts = [(p.page, doc.text[b.start:b.end]) for p in doc.pages for b in p.words
             if start <= b.start < start + len("Verhandlungen")]
    assert parts == [(0, "Ver"), (1, "handlungen")]
    assert doc.pages[0].end == doc.pages[1].start  # no newline between the parts


def test_without_running_heads_the_same_text(tmp_path: Path) -> None:
    assert read_document(typeset(tmp_path / "a.pdf", heads=False)).text == EXPECTED


def test_a_single_page_keeps_its_first_line_but_not_its_page_number(tmp_path: Path) -> None:
    doc = read_document(typeset(tmp_path / "a.pdf", BODY[:1]))
    assert doc.text.startswith(HEADER + "\nDie Regierung")  # once is no running head
    assert "– 1 –" not in doc.text


def _words_under(page: Any, annot: Any) -> list[str]:
    vertices = annot.vertices
    areas = [mupdf.Quad(vertices[i:i + 4]).rect for i in range(0, len(vertices), 4)]
    return [w[4] for w in page.get_text("words", sort=True)
            if any(a.contains(mupdf.Point((w[0] + w[2]) / 2, (w[1] + w[3]) / 2))
                   for a in areas)]


def test_annotated_pdf_highlights_the_words_of_a_joined_passage(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        assert isinstance(project, Project)
        document = project.import_file(typeset(tmp_path / "artikel.pdf")).document
        text = project.text(document.id)
        start = text.index(CROSSING)
        inline = text.index("beschränkte Mengen")
        crossing = project.annotate(document.id, start, start + len(CROSSING), "Quote")
        joined = project.annotate(document.id, inline, inline + len("beschränkte Mengen"),
                                  "Note")
        out = tmp_path / "annotated.pdf"
        assert export_annotated_pdf(project, out) == 2
    under: dict[str, list[tuple[int, list[str]]]] = {}
    with mupdf.open(out) as pdf:
        for page in pdf:
            for annot in page.annots():
                assert annot.type[1] == "Highlight"
                under.setdefault(annot.info["id"], []).append(
                    (page.number, _words_under(page, annot)))
    assert under[crossing.id] == [(0, ["Nach", "langen", "Ver-"]),
                                  (1, ["handlungen", "über", "die", "Quoten"])]
    assert under[joined.id] == [(0, ["be-", "schränkte", "Mengen"])]
