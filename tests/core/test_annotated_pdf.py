"""The annotated original PDF: real highlights over the right words, readable everywhere.

The PDFs are typeset here with pymupdf: DejaVu Sans (bundled) for German „…“ and Cyrillic,
MuPDF's built-in fallback fonts for 𝔘 and 📰, one line per ``insert_htmlbox`` so the line
and page breaks are known. Each output is reopened with pymupdf and the text under every
highlight's quads is read back character by character.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from core.codebook import DEFAULT_COLOURS
from core.commands import AddDocument, UpdateAnnotation
from core.errors import ExportCancelled, InvalidValue
from core.exporters import ExportScope
from core.exporters.annotated_pdf import (
    export_annotated_pdf,
    file_names,
    pdf_date,
    popup_text,
    write_annotated_pdf,
)
from core.exporters.pdf_placement import SpanPlacer, merge_lines
from core.model import (
    Annotation,
    Document,
    DocumentInfo,
    PageMap,
    WordBox,
    new_document_id,
    utc_now,
)
from core.project import Project
from core.sample import BUNDLED_FONT, build_sample_project
from core.text import content_hash
from tests.core.helpers import add_document, new_project

mupdf: Any = pymupdf  # unannotated API: mypy --strict would reject every call

# Pages of paragraphs of lines.
PAGES = [
    [
        ["Die 𝔘nion tagte am Montag in Kyjiw.", "„Wir müssen reden“, sagte die Ministerin",
         "am Abend vor der Presse."],
        ["«Удар из-за горизонта» – so titelte", "der Kommersant am Dienstag."],
    ],
    [
        ["Der Botschafter erklärte, man sei", "zu Gesprächen bereit. 📰 Ende."],
    ],
]  # fmt: skip
TEXT = (
    "Die 𝔘nion tagte am Montag in Kyjiw. „Wir müssen reden“, sagte die Ministerin am Abend "
    "vor der Presse.\n«Удар из-за горизонта» – so titelte der Kommersant am Dienstag.\n"
    "Der Botschafter erklärte, man sei zu Gesprächen bereit. 📰 Ende."
)
CSS = (
    "@font-face {font-family: dv; src: url(%s);} "
    "* {font-family: dv; font-size: 11pt; margin: 0; white-space: nowrap;}"
)
QUOTE = "„Wir müssen reden“, sagte die Ministerin am Abend"  # crosses a line break
PAGE_CROSSING = "am Dienstag.\nDer Botschafter"  # crosses a page break
NOTE = "Wörtlich? <b>prüfen</b> 📰"


def _fix_astral_cmaps(doc: Any) -> None:
    """MuPDF writes ToUnicode targets beyond the BMP as bare hex (<1d518>), which readers
    take for two BMP characters; rewrite them as the UTF-16 surrogate pairs PDF requires."""
    def utf16(match: re.Match[bytes]) -> bytes:
        code = chr(int(match.group(1), 16)).encode("utf-16-be").hex().upper()
        return f"<{code}>".encode()

    for xref in range(1, doc.xref_length()):
        if doc.xref_is_stream(xref):
            stream = doc.xref_stream(xref)
            if b"begincmap" in stream:
                fixed = re.sub(rb"<([0-9a-fA-F]{5,6})>", utf16, stream)
                if fixed != stream:
                    doc.update_stream(xref, fixed)


def make_pdf(path: Path, pages: Sequence[Sequence[Sequence[str]]] = PAGES, *,
             rotation: int = 0, cropbox: tuple[float, float, float, float] | None = None) -> Path:
    frozen = tuple(tuple(tuple(lines) for lines in page) for page in pages)
    path.write_bytes(_typeset(frozen, rotation, cropbox))
    return path


@functools.cache
def _typeset(pages: tuple[tuple[tuple[str, ...], ...], ...], rotation: int,
             cropbox: tuple[float, float, float, float] | None) -> bytes:
    doc = mupdf.open()
    archive = mupdf.Archive(str(BUNDLED_FONT.parent))
    css = CSS % BUNDLED_FONT.name
    for paragraphs in pages:
        page = doc.new_page(width=595, height=842)
        y = 72.0
        for lines in paragraphs:
            for line in lines:
                page.insert_htmlbox(mupdf.Rect(72, y, 560, y + 16), line, css=css,
                                    archive=archive)
                y += 14
            y += 20  # the gap that makes a new block
        if cropbox:
            page.set_cropbox(mupdf.Rect(cropbox))
        page.set_rotation(rotation)
    _fix_astral_cmaps(doc)
    data: bytes = doc.tobytes()
    doc.close()
    return data


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with new_project(tmp_path, author="Anna Berger") as opened:
        yield opened


def import_pdf(project: Project, path: Path) -> DocumentInfo:
    document = project.import_file(path).document
    assert document.format == "pdf"
    return document


def span(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return start, start + len(passage)


def quads_of(annot: Any) -> list[Any]:
    vertices = annot.vertices
    return [mupdf.Quad(vertices[i:i + 4]) for i in range(0, len(vertices), 4)]


def page_chars(page: Any) -> list[tuple[str, Any]]:
    return [
        (c["c"], mupdf.Rect(c["bbox"]))
        for block in page.get_text("rawdict")["blocks"] for line in block.get("lines", ())
        for s in line["spans"] for c in s["chars"]
    ]


def text_under(chars: list[tuple[str, Any]], annot: Any) -> str:
    """The characters whose centre lies inside the highlight's quads, one line per quad."""
    lines = []
    for quad in quads_of(annot):
        area = quad.rect
        inside = [c for c, box in chars
                  if area.contains(mupdf.Point((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))]
        lines.append("".join(inside).strip())
    return " ".join(lines)


def highlights(path: Path) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Per annotation id (/NM): (page, facts) of each highlight, read back with mupdf."""
    found: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    with mupdf.open(path) as doc:
        for page in doc:
            chars = page_chars(page)
            for annot in page.annots():
                facts = {
                    "type": annot.type[1], "info": annot.info, "stroke": annot.colors["stroke"],
                    "text": text_under(chars, annot) if annot.type[1] == "Highlight" else "",
                    "quads": len(annot.vertices or ()) // 4, "popup": annot.has_popup,
                    "opacity": annot.opacity,
                }
                found.setdefault(annot.info["id"], []).append((page.number, facts))
    return found


def pdf_rect(doc: Any, xref: int, key: str) -> Any:
    kind, value = doc.xref_get_key(xref, key)
    assert kind == "array", (key, kind, value)
    return mupdf.Rect([float(v) for v in value.strip("[]").split()])


def rgb(colour: str) -> list[int]:
    return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]


def as_255(stroke: Sequence[float]) -> list[int]:
    return [round(c * 255) for c in stroke]


def qpdf_check(path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed (.ci/setup --test installs it)")
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


# --- the highlights ---------------------------------------------------------------------


def test_each_annotation_is_a_highlight_over_its_words(project: Project, tmp_path: Path) -> None:
    original = make_pdf(tmp_path / "artikel.pdf")
    document = import_pdf(project, original)
    text = project.text(document.id)
    assert text == TEXT
    quote = project.annotate(document.id, *span(text, QUOTE), "Quote",
                             attributes={"speaker": "Ministerin", "form": "direct"}, note=NOTE)
    russian = project.annotate(document.id, *span(text, "«Удар из-за горизонта»"),
                               "Tone/Critical", author="Tomás Ruiz")
    crossing = project.annotate(document.id, *span(text, PAGE_CROSSING), "Note")
    out = tmp_path / "annotated.pdf"

    assert export_annotated_pdf(project, out) == 3

    found = highlights(out)
    assert set(found) == {quote.id, russian.id, crossing.id}
    [(page, facts)] = found[quote.id]
    assert page == 0 and facts["type"] == "Highlight"
    assert facts["quads"] == 2  # one per line, not one per word
    assert facts["text"] == QUOTE
    assert as_255(facts["stroke"]) == rgb(DEFAULT_COLOURS["Quote"])
    info = facts["info"]
    assert info["content"] == f"Quote\nspeaker: Ministerin\nform: direct\n{NOTE}"
    assert info["title"] == "Anna Berger"
    assert info["subject"] == "Quote"
    assert info["creationDate"] == pdf_date(quote.created)
    assert info["modDate"].startswith("D:20")
    assert facts["popup"]
    [(_, facts)] = found[russian.id]
    assert facts["text"] == "«Удар из-за горизонта»"
    assert facts["info"]["title"] == "Tomás Ruiz"
    assert facts["info"]["content"] == "Tone/Critical"
    assert as_255(facts["stroke"]) == rgb(DEFAULT_COLOURS["Tone/Critical"])
    # Across the page break: one highlight per page, each over that page's words.
    assert [(p, f["text"]) for p, f in found[crossing.id]] == [
        (0, "am Dienstag."), (1, "Der Botschafter")]
    note = rgb(DEFAULT_COLOURS["Note"])
    assert {as_255(f["stroke"]) == note for _, f in found[crossing.id]} == {True}
    qpdf_check(out)


def test_the_original_stays_as_it_was(project: Project, tmp_path: Path) -> None:
    original = make_pdf(tmp_path / "artikel.pdf")
    document = import_pdf(project, original)
    text = project.text(document.id)
    project.annotate(document.id, *span(text, QUOTE), "Quote")
    out = tmp_path / "annotated.pdf"
    export_annotated_pdf(project, out)
    data = out.read_bytes()
    assert data.startswith(original.read_bytes())  # an incremental update: original intact
    with mupdf.open(original) as before, mupdf.open(out) as after:
        assert after.page_count == before.page_count
        for old, new in zip(before, after, strict=True):
            assert new.get_text("text") == old.get_text("text")
            assert new.rect == old.rect


def test_spans_inside_words_are_cut_to_their_characters(project: Project,
                                                        tmp_path: Path) -> None:
    document = import_pdf(project, make_pdf(tmp_path / "artikel.pdf"))
    text = project.text(document.id)
    # After 𝔘 (outside the BMP: one code point, one character box) to inside "Ministerin".
    start = text.index("nion tagte")
    end = text.index("Ministerin") + len("Minister")
    inside = project.annotate(document.id, start, end, "Note")
    ending = project.annotate(document.id, *span(text, "schafter"), "Note")
    emoji = project.annotate(document.id, *span(text, "📰"), "Note")
    out = tmp_path / "annotated.pdf"

    report = write_annotated_pdf(project, out)

    assert report.widened == 0 and report.highlights == 3
    found = highlights(out)
    [(_, facts)] = found[inside.id]
    assert facts["text"] == text[start:end].replace("\n", " ")
    assert [f["text"] for _, f in found[ending.id]] == ["schafter"]
    assert [f["text"] for _, f in found[emoji.id]] == ["📰"]


def test_rotated_and_cropped_pages(project: Project, tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "quer.pdf", rotation=90, cropbox=(40, 50, 520, 800))
    document = import_pdf(project, path)
    text = project.text(document.id)
    annotation = project.annotate(document.id, *span(text, QUOTE), "Quote")
    out = tmp_path / "annotated.pdf"
    export_annotated_pdf(project, out)
    [(_, facts)] = highlights(out)[annotation.id]
    assert facts["text"] == QUOTE
    with mupdf.open(out) as doc:  # the popup lies on the page (PDF coordinates)
        page = doc[0]
        popup = pdf_rect(doc, page.first_annot.popup_xref, "Rect")
        assert popup in pdf_rect(doc, page.xref, "CropBox")
    qpdf_check(out)


# --- scope and filters ------------------------------------------------------------------


def test_filters_choose_the_highlights(project: Project, tmp_path: Path) -> None:
    document = import_pdf(project, make_pdf(tmp_path / "artikel.pdf"))
    text = project.text(document.id)
    quote = project.annotate(document.id, *span(text, QUOTE), "Quote")
    tone = project.annotate(document.id, *span(text, "man sei"), "Tone/Conciliatory",
                            author="Tomás Ruiz")
    rejected = project.annotate(document.id, *span(text, "Ende"), "Note")
    project.execute(UpdateAnnotation(rejected.id, {"status": "rejected"}))

    cases = {
        ExportScope(): {quote.id, tone.id},  # a rejected suggestion is a "no"
        ExportScope(tag="Tone"): {tone.id},
        ExportScope(author="Anna Berger"): {quote.id},
        ExportScope(status="rejected"): {rejected.id},
        ExportScope(documents=(document.id[:8],), tag="Quote"): {quote.id},
    }
    for number, (scope, expected) in enumerate(cases.items()):
        out = tmp_path / f"out{number}.pdf"
        assert export_annotated_pdf(project, out, scope=scope) == len(expected)
        assert set(highlights(out)) == expected, scope
    out = tmp_path / "rejected.pdf"
    export_annotated_pdf(project, out, scope=ExportScope(status="rejected"))
    assert highlights(out)[rejected.id][0][1]["info"]["content"] == "Note\nstatus: rejected"


def test_a_document_not_from_a_pdf_is_refused(project: Project, tmp_path: Path) -> None:
    doc_id = add_document(project, title="Nur Text")
    out = tmp_path / "out.pdf"
    with pytest.raises(InvalidValue, match="'Nur Text' was not imported from a PDF"):
        export_annotated_pdf(project, out, scope=ExportScope(documents=(doc_id,)))
    with pytest.raises(InvalidValue, match="was not imported from a PDF"):
        export_annotated_pdf(project, out)
    assert not out.exists()
    # Alongside a PDF, text documents are skipped and named in the report.
    import_pdf(project, make_pdf(tmp_path / "artikel.pdf"))
    report = write_annotated_pdf(project, out)
    assert report.skipped == ["Nur Text"] and report.files == [out]
    assert "skipped 1 document not imported from a PDF: 'Nur Text'" in report.messages()


def test_several_pdfs_go_to_a_zip_or_a_folder(project: Project, tmp_path: Path) -> None:
    first = import_pdf(project, make_pdf(tmp_path / "a.pdf"))
    second_pages = [[["Kyjiw/Berlin: Zweites Blatt", "mit „Zitaten“ auf zwei Zeilen."]]]
    second = import_pdf(project, make_pdf(tmp_path / "b.pdf", second_pages))
    project.annotate(first.id, *span(project.text(first.id), QUOTE), "Quote")
    second_quote = project.annotate(second.id, *span(project.text(second.id), "„Zitaten“"),
                                    "Quote")
    names = file_names(project.documents())
    assert names == [  # titles cut at a word break, unsafe characters replaced
        "Die 𝔘nion tagte am Montag in Kyjiw. „Wir müssen reden“, sagte die Ministerin am.pdf",
        "Kyjiw_Berlin - Zweites Blatt mit „Zitaten“ auf zwei Zeilen.pdf"]

    with pytest.raises(InvalidValue, match=r"2 PDF documents are in scope .*\.zip"):
        export_annotated_pdf(project, tmp_path / "both.pdf")
    with pytest.raises(InvalidValue, match=r"give a \.pdf file .* a \.zip file or an existing"):
        export_annotated_pdf(project, tmp_path / "both.docx")

    archive = tmp_path / "both.zip"
    assert export_annotated_pdf(project, archive) == 2
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.namelist() == names
        zipped.extract(names[1], tmp_path / "unzipped")
    assert set(highlights(tmp_path / "unzipped" / names[1])) == {second_quote.id}

    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / names[0]).write_bytes(b"old")
    report = write_annotated_pdf(project, folder)
    assert report.files == [folder / n for n in names]
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)  # no temporaries left
    assert (folder / names[0]).read_bytes().startswith(b"%PDF")
    # One document of several, chosen by id: a .pdf is fine.
    out = tmp_path / "one.pdf"
    export_annotated_pdf(project, out, scope=ExportScope(documents=(second.id,)))
    assert set(highlights(out)) == {second_quote.id}


def test_unique_names_for_equal_titles() -> None:
    documents = [DocumentInfo(id=f"id{i}", title=title, format="pdf")
                 for i, title in enumerate(["A: b", "A: b", "a: B", "  ", "CON/../x"])]
    assert file_names(documents) == ["A - b.pdf", "A - b (2).pdf", "a - B (3).pdf", "id3.pdf",
                                     "CON_.._x.pdf"]


def test_cancel_and_progress(project: Project, tmp_path: Path) -> None:
    document = import_pdf(project, make_pdf(tmp_path / "artikel.pdf"))
    project.annotate(document.id, *span(project.text(document.id), QUOTE), "Quote")
    out = tmp_path / "out.pdf"
    out.write_bytes(b"previous export")
    with pytest.raises(ExportCancelled):
        export_annotated_pdf(project, out, cancel=lambda: True)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    steps: list[tuple[int, int]] = []
    export_annotated_pdf(project, out, progress=lambda done, total: steps.append((done, total)))
    assert steps == [(1, 2), (2, 2)]


def test_an_annotation_on_no_word_becomes_a_note(project: Project, tmp_path: Path) -> None:
    document = import_pdf(project, make_pdf(tmp_path / "artikel.pdf"))
    text = project.text(document.id)
    gap = text.index(" tagte")  # the space between two words: no word to highlight
    blank = project.annotate(document.id, gap, gap + 1, "Note", note="Leerzeichen")
    out = tmp_path / "out.pdf"
    report = write_annotated_pdf(project, out)
    assert report.annotations == 1 and report.highlights == 0
    [unplaced] = report.unplaced
    assert (unplaced.annotation_id, unplaced.page) == (blank.id, 0)
    assert "covers no word of the PDF; written as a note on page 1" in report.messages()[0]
    [(_, facts)] = highlights(out)[blank.id]
    assert facts["type"] == "Text" and facts["info"]["content"] == "Note\nLeerzeichen"


def test_a_damaged_original_is_reported_and_nothing_written(project: Project,
                                                           tmp_path: Path) -> None:
    text = "Ein Wort"
    words = [WordBox(0, 3, 10, 10, 30, 20), WordBox(4, 8, 34, 10, 60, 20)]
    document = Document(id=new_document_id(), title="Kaputt", format="pdf", text=text,
                        content_hash=content_hash(text), chars=len(text), imported=utc_now())
    project.execute(AddDocument(document, b"%PDF-1.7 truncated",
                                [PageMap(0, 595, 842, 0, len(text), words)]))
    project.annotate(document.id, 0, 3, "Note")
    out = tmp_path / "out.pdf"
    with pytest.raises(InvalidValue, match="'Kaputt': the stored original is not a readable PDF"):
        export_annotated_pdf(project, out)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("p.glossa")) == []


# --- the sample project -----------------------------------------------------------------


def test_the_sample_projects_pdf(tmp_path: Path) -> None:
    path = build_sample_project(tmp_path / "sample.glossa")
    with Project.open(path) as sample:
        [pdf] = [d for d in sample.documents() if d.format == "pdf"]
        expected = {a.id: a for a in sample.annotations(pdf.id)}
        out = tmp_path / "klinik.pdf"
        report = write_annotated_pdf(sample, out, scope=ExportScope(documents=(pdf.id,)))
        codebook = sample.codebook()
    assert report.annotations == len(expected) == 5 and not report.unplaced
    found = highlights(out)
    assert set(found) == set(expected)
    for annotation_id, placed in found.items():
        annotation = expected[annotation_id]
        assert " ".join(f["text"] for _, f in placed) == " ".join(annotation.exact.split())
        assert all(f["info"]["title"] == annotation.author for _, f in placed)
        assert all(f["info"]["content"] == popup_text(codebook, annotation) for _, f in placed)
        colour = codebook.get(annotation.tag_id).color
        assert all(as_255(f["stroke"]) == rgb(colour) for _, f in placed)
    qpdf_check(out)


# --- placement without a PDF ------------------------------------------------------------


def test_placement_merges_words_per_line_and_keeps_columns_apart() -> None:
    line = [(10.0, 10.0, 40.0, 20.0), (44.0, 10.0, 80.0, 20.0), (84.0, 11.0, 90.0, 19.0)]
    next_line = (10.0, 24.0, 50.0, 34.0)
    other_column = (300.0, 10.0, 340.0, 20.0)
    assert merge_lines([*line, next_line, other_column]) == [
        (10.0, 10.0, 90.0, 20.0), next_line, other_column]


def test_placement_without_character_positions_covers_whole_words() -> None:
    text = "eins zwei drei"
    page = PageMap(0, 200, 100, 0, len(text), [
        WordBox(0, 4, 10, 10, 40, 20), WordBox(5, 9, 44, 10, 80, 20),
        WordBox(10, 14, 84, 10, 120, 20)])
    placer = SpanPlacer([page], text)
    [placement] = placer.place(2, 7)  # "ns zw"
    assert placement.widened and placement.boxes == ((10, 10, 80, 20),)
    [placement] = placer.place(5, 14)
    assert not placement.widened and placement.boxes == ((44, 10, 120, 20),)
    assert placer.place(4, 5) == []  # the space alone


def test_popup_text_orders_attributes_as_the_codebook(project: Project) -> None:
    tag = project.codebook().find("Quote")
    annotation = Annotation(id="x", document_id="d", start=0, end=1, tag_id=tag.id,
                            attributes={"zeta": "z", "form": "reported", "speaker": "Лебедева"},
                            note="<script>alert(1)</script>")
    assert popup_text(project.codebook(), annotation) == (
        "Quote\nspeaker: Лебедева\nform: reported\nzeta: z\n<script>alert(1)</script>")
    assert pdf_date("2026-11-25T09:12:25.714Z") == "D:20261125091225Z"
    assert pdf_date("not a date") is None
