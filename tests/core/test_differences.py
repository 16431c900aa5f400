"""The review list says what differs: values, tags, and the extra characters of bounds."""

from __future__ import annotations

from pathlib import Path

from core.commands import AddAnnotations
from core.project import new_annotation
from core.review.differences import describe_difference
from core.review.disagreements import find_disagreements
from tests.core.helpers import add_document, new_project

TEXT = "Vorspann 😀. „Wir bleiben“, sagte René Kühn am Montag. Danach Ruhe.\n"


def _differences(tmp_path: Path, pairs: list[tuple[tuple[str, dict[str, str]],
                                                   tuple[str, dict[str, str]]]],
                 tag: str = "Quote", tag_b: str | None = None) -> list[str]:
    with new_project(tmp_path) as project:
        doc = add_document(project, TEXT)
        codebook = project.codebook()
        batch = []
        for (passage_a, values_a), (passage_b, values_b) in pairs:
            for author, passage, values, path in (("Anna", passage_a, values_a, tag),
                                                  ("Tomás", passage_b, values_b, tag_b or tag)):
                start = TEXT.index(passage)
                batch.append(new_annotation(doc, start, start + len(passage),
                                            codebook.find(path).id, author, attributes=values))
        project.execute(AddAnnotations(batch))
        return [describe_difference(d, TEXT)
                for d in find_disagreements(project, doc, "Anna", "Tomás")]


def test_attribute_values_are_shown_a_first(tmp_path: Path) -> None:
    quote = "„Wir bleiben“"
    assert _differences(tmp_path, [((quote, {"speaker": "René", "form": "reported"}),
                                    (quote, {"speaker": "Rene", "form": "direct"}))]) == [
        "form: reported → direct; speaker: René → Rene"]


def test_bounds_show_the_extra_characters_beyond_the_bmp(tmp_path: Path) -> None:
    wide = "„Wir bleiben“, sagte René Kühn"
    assert _differences(tmp_path, [(("„Wir bleiben“", {}), (wide, {}))]) == [
        "bounds: B also ‹, sagte René Kühn› at the end"]
    (tmp_path / "b").mkdir()
    assert _differences(tmp_path / "b", [(("😀. „Wir", {}), ("„Wir", {}))]) == [
        "bounds: A also ‹😀. › at the start"]


def test_a_trailing_space_is_made_visible(tmp_path: Path) -> None:
    assert _differences(tmp_path, [(("„Wir bleiben“,", {}), ("„Wir bleiben“, ", {}))]) == [
        "bounds: B also ‹␣› at the end"]


def test_tags_of_one_scale_say_how_far_apart(tmp_path: Path) -> None:
    found = _differences(tmp_path, [(("Danach Ruhe.", {}), ("Danach Ruhe.", {}))],
                         tag="Tone/Confrontational", tag_b="Tone/Neutral")
    assert found == ["tag: Tone/Confrontational → Tone/Neutral (2 steps)"]


def test_a_decided_disagreement_still_says_what_differs(tmp_path: Path) -> None:
    from core.model import DecisionAction
    from core.review.adjudication import Decide

    quote = "„Wir bleiben“"
    with new_project(tmp_path) as project:
        doc = add_document(project, TEXT)
        tag = project.codebook().find("Quote").id
        start = TEXT.index(quote)
        project.execute(AddAnnotations([
            new_annotation(doc, start, start + len(quote), tag, "Anna",
                           attributes={"speaker": "René"}),
            new_annotation(doc, start, start + len(quote), tag, "Tomás",
                           attributes={"speaker": "Rene"}),
        ]))
        (item,) = find_disagreements(project, doc, "Anna", "Tomás")
        project.execute(Decide(item, DecisionAction.ACCEPT_A, decided_by="Jana"))
        (decided,) = find_disagreements(project, doc, "Anna", "Tomás")
        assert decided.decision is not None
        assert describe_difference(decided, TEXT) == "speaker: René → Rene"
