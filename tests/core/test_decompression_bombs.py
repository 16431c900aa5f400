"""Decompression bombs are refused in bounded time (< 30 s) and memory (< 1 GB).

Each import runs in a fresh process that measures its own peak memory and its MuPDF
child's; before the child process existed the PDF bomb reached 15 GB (the measuring
process caps itself at 3 GB so a regression fails instead of eating the machine).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ImportFailed
from core.importers import read_document
from tests.core.hostile_files import (
    epub_with,
    long_word,
    many_page_pdf,
    measured_import,
    pdf_bomb,
    spaces,
)

GB = 1024**3


def _bounded(outcome: dict[str, object]) -> None:
    assert isinstance(outcome["seconds"], float) and outcome["seconds"] < 30
    assert isinstance(outcome["memory"], int) and outcome["memory"] < GB


def test_pdf_whose_page_inflates_to_100_mb_of_text_operators(tmp_path: Path) -> None:
    path = pdf_bomb(tmp_path / "bomb.pdf", 100)
    assert path.stat().st_size < 500_000
    outcome = measured_import(path)
    _bounded(outcome)
    assert outcome["error"] == ("bomb.pdf: needs more than 768 MB of memory to read and was "
                                "refused (a decompression bomb?)")


def test_epub_with_a_1_gb_entry_is_refused_from_its_directory(tmp_path: Path) -> None:
    path = epub_with(tmp_path / "gb.epub", "OEBPS/c2.xhtml", spaces(1024))
    assert path.stat().st_size < 2_000_000
    outcome = measured_import(path)
    _bounded(outcome)
    assert outcome["seconds"] < 1
    assert outcome["error"] == ("gb.epub: is refused: its entry 'OEBPS/c2.xhtml' declares "
                                "1074 MB unpacked (the limit is 64 MB)")


def test_epub_entry_inflating_a_thousandfold_is_refused(tmp_path: Path) -> None:
    path = epub_with(tmp_path / "ratio.epub", "OEBPS/c2.xhtml", spaces(8))
    with pytest.raises(ImportFailed, match=r"'OEBPS/c2.xhtml' would inflate \d+-fold"):
        read_document(path)


@pytest.mark.parametrize(("characters", "stored"), [(64 * 1024 * 1024, False),
                                                    (1024 * 1024, True), (30_000, True)])
def test_epub_with_one_long_word(tmp_path: Path, characters: int, stored: bool) -> None:
    # MuPDF lays a word out in quadratic time: 100,000 letters took 5.7 s, 1 MB never ended.
    path = epub_with(tmp_path / "word.epub", "OEBPS/c2.xhtml", long_word(characters),
                     stored=stored)
    outcome = measured_import(path)
    _bounded(outcome)
    assert outcome["seconds"] < 5
    assert "error" in outcome, outcome
    assert str(outcome["error"]).startswith("word.epub: is refused: its entry")


def test_epub_with_a_long_data_uri_still_imports(tmp_path: Path) -> None:
    image = "data:image/png;base64," + "A" * 50_000
    body = f'<p>Bild unten.</p><p><img src="{image}" alt=""/></p>'
    from tests.core.test_importers import chapter

    path = epub_with(tmp_path / "img.epub", "OEBPS/c2.xhtml",
                     lambda entry: entry.write(chapter("Zwei", body).encode()))
    assert "Bild unten." in read_document(path).text


def test_many_page_pdf_is_read_in_bounded_time_and_memory(tmp_path: Path) -> None:
    path = many_page_pdf(tmp_path / "pages.pdf", 3000)
    outcome = measured_import(path)
    _bounded(outcome)
    assert outcome["chars"] == 3000 * len("Seite mit Text") + 2999
