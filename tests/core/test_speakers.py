"""Speaker completion: recorded speakers first, then the names an article mentions."""

from __future__ import annotations

from pathlib import Path

from core.commands import AddAnnotations
from core.project import new_annotation
from core.speakers import speaker_candidates
from tests.core.helpers import add_document, new_project

TEXT = ("Landrat Matthias Kühn warf der Stadt vor, zu schweigen. Die Fähre sei alt. "
        "Bürgermeisterin Helga Sternberg wies das zurück. Генерал Валерий Герасимов "
        "встретился с Mark Milley. „Wir bleiben“, sagte Jean-Luc O’Brien.\n")


def test_recorded_speakers_come_first_most_used_first(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        doc = add_document(project, TEXT)
        quote = project.codebook().find("Quote").id
        project.execute(AddAnnotations([
            new_annotation(doc, 0, 7, quote, "Anna", attributes={"speaker": "René Kühn"}),
            new_annotation(doc, 8, 15, quote, "Anna", attributes={"speaker": "Helga S."}),
            new_annotation(doc, 16, 20, quote, "Tomás", attributes={"speaker": "Helga S."}),
        ]))
        candidates = speaker_candidates(project, doc)
        assert candidates[:2] == ["Helga S.", "René Kühn"]


def test_names_in_the_article_are_offered_with_and_without_titles(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        doc = add_document(project, TEXT)
        names = speaker_candidates(project, doc)
    for name in ("Matthias Kühn", "Landrat Matthias Kühn", "Helga Sternberg",
                 "Валерий Герасимов", "Mark Milley", "Jean-Luc O’Brien"):
        assert name in names, name
    assert "Die Fähre" not in names and "Fähre" not in names
    assert all(" " in n for n in names)  # one word alone is no name to offer
