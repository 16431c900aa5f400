"""A project-search hit knows where in the text its snippet is, so the window opens there."""

from __future__ import annotations

from pathlib import Path

from core.model import SearchHit
from core.project import Project
from tests.core.helpers import add_document

TEXT = ("Streit um die Donaufähre 😀 bei 𝔘nterau\n"
        "Die Fähre sei zu alt, sagte der Bürgermeister. Niemand wollte die Fähre ersetzen.\n")


def test_a_hit_gives_the_code_point_span_of_the_word_its_snippet_marks(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.glossa", author="A") as project:
        doc = add_document(project, TEXT, "Donaufähre")
        (hit,) = project.search("Fähre")
        assert isinstance(hit, SearchHit) and hit.document_id == doc
        assert "[Fähre] sei" in hit.snippet  # the whole word, not inside "Donaufähre"
        start = TEXT.index("Fähre sei")
        assert (hit.start, hit.end) == (start, start + len("Fähre"))
        assert TEXT[hit.start:hit.end] == "Fähre"


def test_folded_case_and_umlauts_still_locate_the_word(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.glossa", author="A") as project:
        add_document(project, TEXT, "Donaufähre")
        (hit,) = project.search("burgermeister")
        assert TEXT[hit.start:hit.end] == "Bürgermeister"
        assert "[Bürgermeister]" in hit.snippet


def test_brackets_in_the_text_do_not_confuse_the_location(tmp_path: Path) -> None:
    text = "Ein [Zitat] im Text: [Hafen] und dann der Hafen von Kellsport.\n"
    with Project.create(tmp_path / "p.glossa", author="A") as project:
        add_document(project, text, "Klammern")
        (hit,) = project.search("Kellsport")
        assert text[hit.start:hit.end] == "Kellsport"
        (hit,) = project.search("Hafen")
        assert text[hit.start:hit.end] == "Hafen" and hit.start == text.index("Hafen")


def test_a_title_only_hit_has_no_place_in_the_text(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.glossa", author="A") as project:
        add_document(project, "Nur Text ohne das Wort.\n", "Donaufähre")
        (hit,) = project.search("Donaufähre")
        assert (hit.start, hit.end) == (-1, -1)


def test_a_snippet_that_recurs_word_for_word_gives_no_place_rather_than_a_wrong_one(
        tmp_path: Path) -> None:
    words = "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf"
    line = f"{words} Fähre {words}.\n"  # the snippet's stretch lies inside one copy
    with Project.create(tmp_path / "p.glossa", author="A") as project:
        add_document(project, line + line, "Doppelt")
        (hit,) = project.search("Fähre")
        assert "[Fähre]" in hit.snippet and (hit.start, hit.end) == (-1, -1)
