"""PDF import: paragraphs, the page map's offsets, and every way a PDF can be unusable.

The PDFs are made with pymupdf in the test, with DejaVu Sans embedded so „“ and Cyrillic
survive (the base-14 fonts turn them into "?").
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path

import pymupdf
import pytest

from core.errors import ImportFailed
from core.importers import ImportedDocument, read_document
from core.importers.mupdf import Word
from core.importers.words import join_words
from core.model import WordBox
from core.text import normalize_text

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_font = pytest.mark.skipif(not FONT.is_file(), reason="DejaVu Sans is not installed")

# Pages of paragraphs of lines, laid out line by line so the line breaks are known.
PAGES = [
    [
        ["Mehr Entspannung in Helsinki"],
        ["Die Generalstabschefs der USA und Russlands haben", "sechs Stunden lang über die Ver-",
         "handlung gesprochen, sagte der US-", "General am Mittwoch."],
    ],
    [
        ["Das Treffen „war das erste persönliche", "Treffen zwischen ihnen seit 2019“."],
        ["«Удар из-за горизонта» О чем говорили", "главы Генштабов ВС России и США."],
    ],
    [
        ["Beobachter sprachen von “Risikominderung”", "und einem „überfälligen Schritt“."],
    ],
]  # fmt: skip
EXPECTED = (
    "Mehr Entspannung in Helsinki\n"
    "Die Generalstabschefs der USA und Russlands haben sechs Stunden lang über die Verhandlung "
    "gesprochen, sagte der US-General am Mittwoch.\n"
    "Das Treffen „war das erste persönliche Treffen zwischen ihnen seit 2019“.\n"
    "«Удар из-за горизонта» О чем говорили главы Генштабов ВС России и США.\n"
    "Beobachter sprachen von “Risikominderung” und einem „überfälligen Schritt“."
)


def make_pdf(
    path: Path,
    pages: Sequence[Sequence[Sequence[str]]] = PAGES,
    metadata: dict[str, str] | None = None,
    **save: object,
) -> Path:
    doc = pymupdf.open()
    for paragraphs in pages:
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="dejavu", fontfile=str(FONT))
        y = 72.0
        for lines in paragraphs:
            for line in lines:
                page.insert_text((72, y), line, fontname="dejavu", fontsize=11)
                y += 14
            y += 20  # the gap that makes a new block
    if metadata:
        doc.set_metadata(metadata)
    doc.save(path, **save)
    doc.close()
    return path


def assert_page_map(doc: ImportedDocument) -> None:
    """The invariants the PDF view relies on."""
    text = doc.text
    previous_end = 0
    for number, page in enumerate(doc.pages):
        assert page.page == number
        assert 0 <= page.start <= page.end <= len(text)
        assert page.start >= previous_end
        if page.start > previous_end:
            assert text[previous_end : page.start] == "\n"
        previous_end = page.end
        position = page.start
        for box in page.words:
            assert page.start <= box.start < box.end <= page.end
            assert box.start >= position
            word = text[box.start : box.end]
            assert word and not any(ch.isspace() for ch in word)
            assert text[position : box.start] in ("", " ", "\n")
            position = box.end
            assert 0 <= box.x0 < box.x1 <= page.width + 1
            assert 0 <= box.y0 < box.y1 <= page.height + 1
        assert position == page.end or not page.words
    assert previous_end == len(text)


@needs_font
def test_multi_page_pdf(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "article.pdf")
    doc = read_document(path)
    assert doc.text == EXPECTED
    assert doc.format == "pdf"
    assert doc.original == path.read_bytes()
    assert doc.title == "Mehr Entspannung in Helsinki"
    assert doc.language == "de"
    assert doc.warnings == []
    assert [page.page for page in doc.pages] == [0, 1, 2]
    assert (doc.pages[0].width, doc.pages[0].height) == (595, 842)
    assert_page_map(doc)
    with pymupdf.open(path) as pdf:  # every word of every page is mapped, in order
        for page, mapped in zip(pdf, doc.pages, strict=True):
            words = [w[4] for w in page.get_text("words", sort=False)]
            assert len(mapped.words) == len(words)


@needs_font
def test_page_spans_hold_each_page(tmp_path: Path) -> None:
    doc = read_document(make_pdf(tmp_path / "article.pdf"))
    first, second, third = (doc.text[p.start : p.end] for p in doc.pages)
    assert first.startswith("Mehr Entspannung") and first.endswith("am Mittwoch.")
    assert second.startswith("Das Treffen") and second.endswith("России и США.")
    assert third.startswith("Beobachter") and third.endswith("Schritt“.")


@needs_font
def test_dehyphenated_word_has_two_boxes(tmp_path: Path) -> None:
    doc = read_document(make_pdf(tmp_path / "article.pdf"))
    start = doc.text.index("Verhandlung")
    boxes = [b for b in doc.pages[0].words if start <= b.start < start + len("Verhandlung")]
    assert [doc.text[b.start : b.end] for b in boxes] == ["Ver", "handlung"]
    assert boxes[0].end == boxes[1].start
    assert boxes[0].y0 < boxes[1].y0  # one box per line part
    # a hyphen before a capital belongs to the word; "из-за" is untouched
    assert "US-General" in doc.text
    assert "из-за" in doc.text


@needs_font
def test_metadata(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "meta.pdf",
        metadata={
            "title": "  Generäle reden miteinander ",
            "author": "Anna Müller",
            "creationDate": "D:20210922183000+02'00'",
        },
    )
    doc = read_document(path)
    assert (doc.title, doc.author, doc.published) == (
        "Generäle reden miteinander", "Anna Müller", "2021-09-22"
    )  # fmt: skip


@needs_font
def test_placeholder_metadata_title_falls_back_to_first_line(tmp_path: Path) -> None:
    doc = read_document(make_pdf(tmp_path / "m.pdf", metadata={"title": "Microsoft Word - a.docx"}))
    assert doc.title == "Mehr Entspannung in Helsinki"


@needs_font
def test_truncated_pdf(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "full.pdf", garbage=4, deflate=True).read_bytes()
    for size in (400, len(data) // 2):
        path = tmp_path / f"cut{size}.pdf"
        path.write_bytes(data[:size])
        with pytest.raises(ImportFailed, match=r"is not a readable PDF \(.+\)"):
            read_document(path)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_text("Sehr geehrte Damen und Herren", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"letter\.pdf: is not a readable PDF"):
        read_document(path)


@needs_font
def test_encrypted_pdf(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "secret.pdf",
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        user_pw="geheim",
        owner_pw="owner",
    )
    with pytest.raises(ImportFailed, match=r"secret\.pdf: is encrypted"):
        read_document(path)


@needs_font
def test_pdf_with_only_an_owner_password_imports(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "locked.pdf",
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        owner_pw="owner",
        permissions=pymupdf.PDF_PERM_PRINT,
    )
    assert read_document(path).text == EXPECTED


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 300, 300), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    path = tmp_path / "scan.pdf"
    doc.save(path)
    with pytest.raises(ImportFailed, match=r"scan\.pdf: has no text layer \(scanned\?"):
        read_document(path)


@needs_font
def test_pdf_with_some_pages_scanned_warns(tmp_path: Path) -> None:
    doc = read_document(make_pdf(tmp_path / "mixed.pdf", pages=[PAGES[0], [], PAGES[2]]))
    assert len(doc.pages) == 3
    assert doc.pages[1].start == doc.pages[1].end and doc.pages[1].words == []
    assert doc.warnings == ["page(s) 2 have no text layer (scanned? run OCR first)"]
    assert_page_map(doc)


@needs_font
def test_cancel_between_pages(tmp_path: Path) -> None:
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) == 3

    path = make_pdf(tmp_path / "article.pdf")
    with pytest.raises(ImportFailed, match=r"article\.pdf: import cancelled"):
        read_document(path, cancel=cancel)
    assert len(calls) == 3


def test_ligatures_are_expanded(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_htmlbox(pymupdf.Rect(50, 50, 500, 300), "<p>Das Treffen der Schifffahrt</p>")
    path = tmp_path / "liga.pdf"
    doc.save(path)
    imported = read_document(path)
    assert imported.text == "Das Treffen der Schifffahrt"
    assert_page_map(imported)


def test_rotated_page_keeps_unrotated_geometry(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=600)
    page.insert_text((72, 100), "Gedrehte Seite mit Text", fontsize=11)
    page.set_rotation(90)
    path = tmp_path / "rotated.pdf"
    doc.save(path)
    imported = read_document(path)
    assert imported.text == "Gedrehte Seite mit Text"
    assert (imported.pages[0].width, imported.pages[0].height) == (400, 600)
    assert_page_map(imported)


# --- joining words directly -------------------------------------------------------------


def words(*lines: tuple[int, str]) -> list[Word]:
    """Word tuples for (block, line text) pairs, laid out on a simple grid."""
    result: list[Word] = []
    line_of: dict[int, int] = {}
    for row, (block, line) in enumerate(lines):
        number = line_of[block] = line_of.get(block, -1) + 1
        for column, word in enumerate(line.split(" ")):
            x = 10.0 + 60 * column
            result.append((x, 10.0 * row, x + 50, 10.0 * row + 8, word, block, number, column))
    return result


def spans(text: str, boxes: list[WordBox]) -> list[str]:
    return [text[b.start : b.end] for b in boxes]


@pytest.mark.parametrize(
    ("lines", "reflowed", "expected"),
    [
        ([(0, "die Ver-"), (0, "handlung")], False, "die Verhandlung"),
        ([(0, "der US-"), (0, "General")], False, "der US-General"),
        ([(0, "Jahre 2021-"), (0, "2022")], False, "Jahre 2021-2022"),
        ([(0, "Ein- und"), (0, "Ausreise")], False, "Ein- und Ausreise"),
        ([(0, "er sagte -"), (0, "nein")], False, "er sagte - nein"),
        ([(0, "Donau\xad"), (0, "dampfschiff")], False, "Donaudampfschiff"),
        ([(0, "Nord-"), (0, "Süd")], True, "Nord-Süd"),
        ([(0, "well-"), (0, "known")], True, "well-known"),
        # a new block (the next column or page) continues the word too, as in print
        ([(0, "stark be-"), (1, "schränkte Mengen")], False, "stark beschränkte Mengen"),
        ([(0, "der US-"), (1, "General")], False, "der US-General"),
        ([(0, "Ver-"), (1, "handlung")], True, "Ver-\nhandlung"),
        ([(0, "Ende."), (1, "neu")], False, "Ende.\nneu"),
        # what the shapes cannot tell, the word lists do
        ([(0, "Ein-"), (0, "und Ausreise")], False, "Ein- und Ausreise"),
        ([(0, "pre-"), (0, "and post-war")], False, "pre- and post-war"),
        ([(0, "сказал кто-"), (0, "то из них")], False, "сказал кто-то из них"),
        ([(0, "из-"), (0, "за горизонта")], False, "из-за горизонта"),
        ([(0, "по-"), (0, "русски")], False, "по-русски"),
        ([(0, "по-"), (0, "лучить")], False, "получить"),
        ([(0, "ле-"), (0, "то")], False, "лето"),
    ],
)
def test_line_joins(lines: list[tuple[int, str]], reflowed: bool, expected: str) -> None:
    text, boxes = join_words(words(*lines), reflowed=reflowed)
    assert text == expected
    assert "".join(spans(text, boxes)) == expected.replace(" ", "").replace("\n", "")


def test_offsets_start_at_base() -> None:
    text, boxes = join_words(words((0, "a bb"), (1, "ccc")), base=100)
    assert text == "a bb\nccc"
    assert [(b.start, b.end) for b in boxes] == [(100, 101), (102, 104), (105, 108)]


def test_words_are_normalised_with_their_spans() -> None:
    text, boxes = join_words(words((0, "Gru\u0308ße aus\x07 \x00 Mu\u0308nchen")))
    assert text == normalize_text("Grüße aus München")
    assert spans(text, boxes) == ["Grüße", "aus", "München"]


def test_boxes_are_ordinary_word_boxes() -> None:
    _, boxes = join_words(words((0, "Hallo Welt")))
    assert boxes[0] == WordBox(0, 5, 10.0, 0.0, 60.0, 8.0)
    assert type(boxes[0]) is WordBox
    with pytest.raises(AttributeError):
        boxes[0].start = 3  # type: ignore[misc]


@needs_font
def test_garbage_collector_state_is_restored(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "article.pdf")
    assert gc.isenabled()
    read_document(path)
    calls: list[int] = []
    with pytest.raises(ImportFailed, match="cancelled"):
        read_document(path, cancel=lambda: bool(calls.append(1)) or len(calls) > 2)
    assert gc.isenabled()
    gc.disable()
    try:
        read_document(path)
        assert not gc.isenabled()
    finally:
        gc.enable()
