"""REFI-QDA positions as other tools count them: exact or not placed, never other text.

Each file is made by hand the way its tool writes it (QualCoder counts UTF-16 units and
writes its sources with a byte-order mark; its "MAXQDA" line endings add CRs without
adjusting positions), never by Glossa's own exporter.
"""

from __future__ import annotations

import html
from pathlib import Path

from core.importers.placing import ImportReport
from core.importers.qdpx import import_qdpx
from tests.core.helpers import new_project
from tests.core.test_qdpx import selection, write_qdpx

SOURCE = "44444444-4444-4444-4444-444444444444"
BOM = "\ufeff"

#: A QualCoder article: astral characters, umlauts, typographic quotes, several lines.
ARTICLE = (
    "Flaggen 😀 und 𝔘-Bahn: „Wir bleiben“, sagt Ewa.\n"
    "Zweite Zeile über 𝔘𝔫𝔦 und Flagge; noch 😀 mehr.\n"
    "\n"
    "Dritte Zeile: Streik beendet, Flagge gehisst. 🙂 Gute Nachricht.\n"
)
WORDS = ["Flaggen", "😀", "𝔘-Bahn", "„Wir bleiben“", "Ewa", "Zweite Zeile", "über",
         "𝔘𝔫𝔦", "Flagge", "noch 😀 mehr", "Dritte", "Streik beendet", "gehisst",
         "🙂", "Gute Nachricht"]


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def spans(text: str, words: list[str]) -> list[tuple[str, int, int]]:
    """Each word's first occurrence after the previous one, in code points."""
    found: list[tuple[str, int, int]] = []
    at = 0
    for word in words:
        at = text.index(word, at)
        found.append((word, at, at + len(word)))
        at += len(word)
    return found


def guid(number: int) -> str:
    return f"{number:08d}-0000-4000-8000-000000000000"


def named(number: int, start: int, end: int, name: str) -> str:
    """``selection`` with the name escaped as QualCoder writes it (html.escape)."""
    return selection(guid(number), start, end).replace(
        "<PlainTextSelection ", f'<PlainTextSelection name="{html.escape(name)}" ', 1)


def text_source(selections: str, member: str = "article.txt", name: str = "Artikel") -> str:
    return (f'<TextSource guid="{SOURCE}" name="{name}" plainTextPath="internal://{member}">'
            f"{selections}</TextSource>")


def placed_texts(project_path: Path, qdpx: Path) -> tuple[dict[str, str], ImportReport]:
    with new_project(project_path) as project:
        report = import_qdpx(project, qdpx)
        texts = {}
        for annotation in project.annotations():
            text = project.text(annotation.document_id)
            texts[annotation.id] = text[annotation.start:annotation.end]
    return texts, report


def test_qualcoder_maxqda_line_endings_crlf_bom_and_utf16_positions(tmp_path: Path) -> None:
    # The file holds BOM + CRLF text; positions count UTF-16 units over the LF text.
    selections = "".join(named(i, utf16(ARTICLE, s), utf16(ARTICLE, e), word)
                         for i, (word, s, e) in enumerate(spans(ARTICLE, WORDS)))
    raw = (BOM + ARTICLE.replace("\n", "\r\n")).encode("utf-8")
    path = write_qdpx(tmp_path / "qc.qdpx", text_source(selections), {"sources/article.txt": raw})
    texts, report = placed_texts(tmp_path, path)
    assert texts == {guid(i): word for i, word in enumerate(WORDS)}
    assert report.unplaced == []


def test_qualcoder_own_export_utf16_over_the_text_and_a_bom(tmp_path: Path) -> None:
    selections = "".join(named(i, utf16(ARTICLE, s), utf16(ARTICLE, e), word)
                         for i, (word, s, e) in enumerate(spans(ARTICLE, WORDS)))
    # An unnamed selection (QualCoder writes annotations so) follows the named ones.
    start = ARTICLE.index("Gute")
    selections += selection(guid(99), utf16(ARTICLE, start), utf16(ARTICLE, start + 4))
    raw = (BOM + ARTICLE).encode("utf-8")
    path = write_qdpx(tmp_path / "qc.qdpx", text_source(selections), {"sources/article.txt": raw})
    texts, report = placed_texts(tmp_path, path)
    assert texts == {**{guid(i): word for i, word in enumerate(WORDS)}, guid(99): "Gute"}
    assert not any("without a name" in w for w in report.warnings)


def test_a_name_no_reading_gives_is_not_placed_on_other_text(tmp_path: Path) -> None:
    sources = text_source(named(1, 0, 5, "Tschüs") + named(2, 0, 4, "Welt"))
    path = write_qdpx(tmp_path / "t.qdpx", sources, {"sources/article.txt": b"Hallo Welt"})
    texts, report = placed_texts(tmp_path, path)
    assert texts == {guid(2): "Welt"}  # re-anchored by its name: the only occurrence
    assert report.moved == 1
    assert [(u.ref, u.reason) for u in report.unplaced] == [
        (guid(1), "its text 'Tschüs' is neither at positions 0-5 (read as code points, "
                  "UTF-16 units or UTF-8 bytes) nor anywhere in the text")]


def test_a_repeated_name_goes_to_the_occurrence_nearest_its_positions(tmp_path: Path) -> None:
    text = "Welt und Welt und Welt und mehr"
    sources = text_source(named(1, 11, 15, "Welt"))
    path = write_qdpx(tmp_path / "t.qdpx", sources, {"sources/article.txt": text.encode()})
    with new_project(tmp_path) as project:
        report = import_qdpx(project, path)
        [annotation] = project.annotations()
        assert (annotation.start, annotation.end) == (9, 13)
        assert report.warnings[1:] == ["source 'Artikel': 'Welt' is not at positions 11-15 and "
                                   "occurs 3 times; the occurrence nearest them was taken"]


def test_white_space_at_an_end_is_neither_ignored_nor_kept(tmp_path: Path) -> None:
    lf = "Titel 😀\n🙂 Gute Nachricht\n"
    start, end = utf16(lf, lf.index("🙂")), utf16(lf, lf.index("🙂") + 1)
    sources = text_source(
        named(1, start, end, "🙂")  # code points over the CRLF file would give "🙂 "
        + named(2, start, end + 1, "🙂 ")  # a tool that keeps the space: stored without it
        + named(3, utf16(lf, 0), utf16(lf, lf.index("🙂") + 1), "Titel 😀\n🙂"))
    raw = lf.replace("\n", "\r\n").encode("utf-8")
    path = write_qdpx(tmp_path / "w.qdpx", sources, {"sources/article.txt": raw})
    texts, report = placed_texts(tmp_path, path)
    # The third name's line break reached us as a space (XML attribute rules): still exact.
    assert texts == {guid(1): "🙂", guid(2): "🙂", guid(3): "Titel 😀\n🙂"}
    assert report.unplaced == []


def test_unnamed_selections_alone_are_read_as_code_points_and_said_so(tmp_path: Path) -> None:
    text = "😀 Alle Züge stehen still."
    start = text.index("Züge")
    sources = text_source(selection(guid(1), start, start + 4))
    path = write_qdpx(tmp_path / "n.qdpx", sources, {"sources/article.txt": text.encode()})
    texts, report = placed_texts(tmp_path, path)
    assert texts == {guid(1): "Züge"}
    assert report.warnings[1:] == [  # the first: '/' in the code 'Pro/Contra'
        "source 'Artikel': 1 selection(s) without a name were read as code points over the "
        "file; the file does not say how it counts, and other counts would place them "
        "elsewhere"]
