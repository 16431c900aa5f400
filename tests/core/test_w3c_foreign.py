"""W3C files Glossa did not write (Hypothesis comments) and files it wrote under any name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.cli import main
from core.commands import DeleteTag
from core.importers.w3c import import_w3c
from core.project import Project
from tests.core.helpers import GERMAN, add_document, new_project

URL = "https://example.org/ministerin"


def hypothesis_comment(exact: str, prefix: str, suffix: str, start: int, text: str,
                       number: int) -> dict[str, object]:
    """An annotation as Hypothesis' JSON-LD view writes a plain comment: ``commenting``,
    one TextualBody in Markdown with no ``purpose``, a URL source, four selectors."""
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": f"https://hypothes.is/a/Qx7Ab{number}cDeF-gHiJ",
        "created": "2025-03-14T09:12:25.714561+00:00",
        "modified": "2025-03-14T09:12:25.714561+00:00",
        "creator": "acct:ewa@hypothes.is",
        "motivation": "commenting",
        "body": [{"type": "TextualBody", "value": text, "format": "text/markdown"}],
        "target": [{
            "source": URL,
            "selector": [
                {"type": "RangeSelector",
                 "startSelector": {"type": "XPathSelector", "value": "/article[1]/p[1]"},
                 "endSelector": {"type": "XPathSelector", "value": "/article[1]/p[1]"}},
                {"type": "TextPositionSelector", "start": start, "end": start + len(exact)},
                {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix,
                 "suffix": suffix},
            ],
        }],
    }


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    project = new_project(tmp_path, "p.glossa")
    add_document(project, GERMAN)
    yield project
    project.close()


def test_hypothesis_comments_become_note_annotations(project: Project, tmp_path: Path) -> None:
    first = GERMAN.index("Wir müssen reden")
    second = GERMAN.index("zu Gesprächen bereit")
    items = [
        hypothesis_comment("Wir müssen reden", "Berlin. „", "“, sagte", first,
                           "Erstes Zitat der **Ministerin**", 1),
        hypothesis_comment("zu Gesprächen bereit", "man sei ", ".\nQuellen", second,
                           "Bereitschaft – echt?", 2),
    ]
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    report = import_w3c(project, path)
    assert report.unplaced == [] and len(report.placed) == 2 and report.tags_added == []
    found = sorted((a.start, a.end, project.tag_path(a.tag_id), a.note, a.author)
                   for a in project.annotations())
    assert found == [
        (first, first + 16, "Note", "Erstes Zitat der **Ministerin**", "acct:ewa@hypothes.is"),
        (second, second + 20, "Note", "Bereitschaft – echt?", "acct:ewa@hypothes.is"),
    ]
    # Hypothesis ids are URLs, not UUIDs: they still identify the annotation, so a
    # second import of the same file adds nothing.
    again = import_w3c(project, path)
    assert again.placed == [] and len(again.unplaced) == 2
    assert len(project.annotations()) == 2


def test_a_comment_brings_back_a_deleted_note_tag(project: Project, tmp_path: Path) -> None:
    """Without a Note tag the import creates one, and says so."""
    project.execute(DeleteTag(project.codebook().find("Note").id))
    start = GERMAN.index("Grüße")
    path = tmp_path / "one.jsonld"
    path.write_text(json.dumps(hypothesis_comment("Grüße", "Ministerin ", " an alle", start,
                                                  "Gruß", 3)), encoding="utf-8")
    report = import_w3c(project, path)
    assert report.tags_added == ["Note"] and len(report.placed) == 1


@pytest.mark.parametrize("command", ["import", "merge"])
def test_what_glossa_writes_as_w3c_comes_back_under_any_name(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], command: str) -> None:
    start = GERMAN.index("Wir müssen reden")
    project.annotate(project.documents()[0].id, start, start + 16, "Quote", note="Auftakt")
    project.close()
    out = tmp_path / "x.w3c"
    assert main(["export", str(tmp_path / "p.glossa"), "--format", "w3c", "--out", str(out)]) == 0
    other = new_project(tmp_path, "b.glossa")
    add_document(other, GERMAN)
    other.close()
    capsys.readouterr()
    assert main([command, str(tmp_path / "b.glossa"), str(out)]) == 0, capsys.readouterr().err
    assert "1 annotation placed" in capsys.readouterr().out
    with Project.open(tmp_path / "b.glossa") as back:
        (quote,) = back.annotations()
        assert (quote.start, back.tag_path(quote.tag_id), quote.note) == (start, "Quote",
                                                                         "Auftakt")


def test_in_a_german_project_comments_and_english_tags_land_on_the_german_defaults(
        tmp_path: Path) -> None:
    """A Hypothesis comment becomes a "Notiz" and a tagging body "Tone/Critical" (what an
    English project exports) lands on "Ton/Kritisch": no English tag is added beside them."""
    from core import i18n

    i18n.use_language("de")
    try:
        german = new_project(tmp_path, "de.glossa")
    finally:
        i18n.use_language("en")
    with german:
        add_document(german, GERMAN)
        first = GERMAN.index("Wir müssen reden")
        comment = hypothesis_comment("Wir müssen reden", "Berlin. „", "“, sagte", first,
                                     "Stimmt das?", 1)
        tagged = hypothesis_comment("Wir müssen reden", "Berlin. „", "“, sagte", first, "", 2)
        tagged["body"] = [{"type": "TextualBody", "purpose": "tagging",
                           "value": "Tone/Critical"}]
        path = tmp_path / "english.json"
        path.write_text(json.dumps([comment, tagged], ensure_ascii=False), encoding="utf-8")
        report = import_w3c(german, path)
        assert report.unplaced == [] and report.tags_added == []
        assert sorted(german.tag_path(a.tag_id) for a in german.annotations()) == [
            "Notiz", "Ton/Kritisch"]
