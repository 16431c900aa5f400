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
import pytest

from core.exporters.annotated_pdf import export_annotated_pdf
from core.importers import read_document
from core.importers.text_layer import is_garbage
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


# --- a text layer that is not what the page shows ---------------------------------------

_CMAP = (
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Broken def "
    "/CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange "
    "1 beginbfrange <20> <7E> %s endbfrange endcmap "
    "CMapName currentdict /CMap defineresource pop end end"
)


def _break_to_unicode(doc: Any, page: Any, target: str) -> None:
    """Give the page's own font a ToUnicode map sending every glyph to ``target``."""
    [(font, *_)] = page.get_fonts()
    stream = doc.get_new_xref()
    doc.update_object(stream, "<<>>")
    doc.update_stream(stream, (_CMAP % target).encode())
    doc.xref_set_key(font, "ToUnicode", f"{stream} 0 R")


def test_a_garbage_text_layer_is_named_by_page(tmp_path: Path) -> None:
    doc = mupdf.open()
    for font, line in (("helv", "Der Bericht ist eindeutig."),
                       ("tiro", "The visible words differ from the layer.")):
        doc.new_page(width=300, height=300).insert_text((30, 50), line, fontname=font)
    _break_to_unicode(doc, doc[1], "<E020>")  # private use
    doc.save(tmp_path / "broken.pdf")
    imported = read_document(tmp_path / "broken.pdf")
    assert imported.text.startswith("Der Bericht ist eindeutig.\n")  # kept, not hidden
    [warning] = imported.warnings
    assert warning.startswith("page(s) 2: the text layer is mostly characters with no Unicode")


def test_invisible_text_is_named_by_page(tmp_path: Path) -> None:
    doc = mupdf.open()
    doc.new_page(width=300, height=300).insert_text((30, 50), "Sichtbarer Text.")
    page = doc.new_page(width=300, height=300)
    scan = mupdf.Pixmap(mupdf.csGRAY, mupdf.IRect(0, 0, 60, 60), False)
    scan.clear_with(200)
    page.insert_image(page.rect, pixmap=scan)  # what an OCR'd scan looks like
    page.insert_text((30, 50), "Unsichtbare Zeile über dem Bild.", render_mode=3)
    doc.save(tmp_path / "hidden.pdf")
    imported = read_document(tmp_path / "hidden.pdf")
    assert imported.text == "Sichtbarer Text.\nUnsichtbare Zeile über dem Bild."
    [warning] = imported.warnings
    assert warning.startswith("page(s) 2: 32 characters of the text layer are invisible")


@pytest.mark.parametrize(
    ("text", "garbage"),
    [
        ("\ufffd\ufffd\ufffd \ufffd\ufffd", True),  # MuPDF's mark for a glyph without Unicode
        ("Wort \ue000\ue001\ue002 \ue003\ue004", True),
        ("Переговоры продолжатся, sagte der US-General.", False),
        ("Preis: 5 \ufffd, Logo \ue000", False),  # a stray symbol is no broken font
        ("", False),
    ],
)
def test_what_counts_as_garbage(text: str, garbage: bool) -> None:
    assert is_garbage(text) is garbage
