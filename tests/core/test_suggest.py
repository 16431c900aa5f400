"""Suggestions on real project files: proposed, never over the analyst's work, rejections
remembered; ``glossa suggest`` and its JSON; the mark pairing on untidy text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.cli import main
from core.commands import UpdateAnnotation
from core.model import Origin, Status
from core.project import Project
from core.suggest import Kind, detect
from core.suggest.marks import pair_marks
from core.suggest.text_units import paragraphs
from tests.core.helpers import add_document, new_project

ARTICLE = (
    "Ministerin Anna Weber besuchte am Montag Kiew.\n"
    "„Wir stehen an Ihrer Seite“, sagte Weber, „so lange es nötig ist.“\n"
    "Die Regierung werde weiter helfen, so Weber. Das Schiff „Gorch Fock“ lag im Hafen.\n"
    "Quellen:\n"
    "2024-03-05 – (dpa) – Weber in Kiew\n"
)


def test_suggestions_are_proposed_annotations_with_reasons(tmp_path: Path) -> None:
    from core.suggest.apply import suggest

    with new_project(tmp_path) as project:
        doc = add_document(project, ARTICLE)
        result = suggest(project, doc)
        added = project.annotations(doc)
        assert {a.id for a in added} == {a.id for a in result.added}
        assert all(a.origin is Origin.SUGGESTED and a.status is Status.PROPOSED for a in added)
        assert all(a.author == "Anna" and a.note.startswith("Suggested: ") for a in added)
        text = project.text(doc)
        quotes = {text[a.start:a.end]: a for a in added if project.tag_path(a.tag_id) == "Quote"}
        first, second = quotes["Wir stehen an Ihrer Seite"], quotes["so lange es nötig ist."]
        assert first.attributes["speaker"] == second.attributes["speaker"] == "Anna Weber"
        assert first.attributes["group"] == second.attributes["group"]
        assert first.note == "Suggested: pair „…“ before 'sagte Weber'"
        assert quotes["Die Regierung werde weiter helfen"].attributes["form"] == "reported"
        assert "Gorch Fock" not in quotes
        source = next(a for a in added if project.tag_path(a.tag_id) == "Source")
        assert source.attributes == {"date": "2024-03-05", "outlet": "dpa",
                                     "title": "Weber in Kiew"}


def test_rejected_and_tagged_spans_are_not_proposed_again(tmp_path: Path) -> None:
    from core.suggest.apply import suggest

    path = tmp_path / "p.glossa"
    with new_project(tmp_path) as project:
        doc = add_document(project, ARTICLE)
        text = project.text(doc)
        start = text.index("so lange")
        project.annotate(doc, start, start + len("so lange es nötig ist."), "Quote",
                         attributes={"speaker": "Weber"})
        first = suggest(project, doc)
        assert first.blocked == 1
        rejected = first.added[0]
        project.execute(UpdateAnnotation(rejected.id, {"status": "rejected"}))
        count = len(project.annotations(doc))
    with Project.open(path, author="Anna") as project:
        again = suggest(project, doc)
        assert again.added == []
        assert again.blocked == len(first.added) + 1
        assert len(project.annotations(doc)) == count
        assert project.annotation(rejected.id).status is Status.REJECTED


def test_cli_suggest_json_has_the_shape_of_annotations(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with new_project(tmp_path) as project:
        doc = add_document(project, ARTICLE)
    path = str(tmp_path / "p.glossa")
    assert main(["suggest", path, doc[:8], "--json", "--accept"]) == 0
    suggested = json.loads(capsys.readouterr().out)
    assert main(["annotations", path, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert suggested == listed
    assert {a["status"] for a in suggested} == {"accepted"}
    assert {a["origin"] for a in suggested} == {"suggested"}
    assert any(a["attributes"].get("date") == "2024-03-05" for a in suggested)
    assert main(["suggest", path, doc[:8]]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "0 suggestions added" in captured.err


@pytest.mark.parametrize(("text", "quotes"), [
    ("„Das ist ‚gut‘ so“, sagte er.", ["Das ist ‚gut‘ so"]),  # nested
    ("«Wir warten», sagte Песков. «Мы „ждём“», — сказал он.", ["Wir warten", "Мы „ждём“"]),
    ("Kühn’s Rock ’n’ Roll. ‘Stay,’ she said.", ["Stay,"]),  # apostrophes are no marks
    ("»Wir halten die Schulden-\nbremse ein«, sagte Lindner.",
     ["Wir halten die Schulden-\nbremse ein"]),  # a hard line break inside
    ('He said: "We stay.\n"We fight on."', ["We stay.\n\"We fight on."]),  # paragraphs
])
def test_marks_pair_on_untidy_text(text: str, quotes: list[str]) -> None:
    found = [text[s.start:s.end] for s in detect(text)
             if s.kind is Kind.QUOTE and s.attributes["form"] == "direct"]
    assert found == quotes


def test_a_stray_mark_pairs_nothing() -> None:
    text = "Ein Anwohner beschwerte sich “ und ging. Später kam er wieder."
    pairing = pair_marks(text, paragraphs(text))
    assert pairing.pairs == []
    assert detect(text) == []


def test_import_with_suggest_proposes_in_the_new_document(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "p.glossa")
    article = tmp_path / "artikel.txt"
    article.write_text("„Wir bleiben hier“, sagte die Bürgermeisterin.\n", encoding="utf-8")
    assert main(["new", path]) == 0
    assert main(["import", path, str(article), "--suggest"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("\t") == 1  # stdout keeps its "<doc-id>\t<title>" line
    assert "artikel.txt: 1 suggestion to review" in captured.err
    assert main(["annotations", path, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(a["text"], a["status"], a["attributes"].get("form")) for a in listed] == [
        ("Wir bleiben hier", "proposed", "direct")]
    assert main(["import", path, str(article), "--suggest"]) == 0  # already there: nothing new
    assert "suggestion" not in capsys.readouterr().err


def test_an_outlet_keeps_its_offsets_after_a_letter_that_lowercases_longer() -> None:
    text = "İstanbul am Montag: Die Lage bleibt ernst, berichtete Reuters."
    sources = [text[s.start:s.end] for s in detect(text) if s.kind is Kind.SOURCE]
    assert sources == ["Reuters"]
