"""W3C Web Annotation export (checked against the W3C test suite) and import back."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

import core.exporters.w3c as w3c_export
from core.commands import Change, UpdateAnnotation
from core.errors import ImportFailed, NotFound
from core.exporters import ExportScope
from core.exporters.w3c import export_w3c
from core.importers.placing import tag_colour
from core.importers.w3c import import_w3c
from core.model import Status
from core.offsets import Utf16Map
from core.project import Project
from tests.core.helpers import new_project

# Emoji, German quotation marks and Cyrillic before the tagged passages: code points and
# UTF-16 units differ from the first line on.
ARTICLE_ONE = (
    "😀 Kyjiw/Berlin 𝔘. „Wir müssen reden“, sagte die Ministerin.\n"
    "Der Botschafter erklärte, man sei zu Gesprächen bereit.\n"
    "«Удар из-за горизонта», schrieb der Kommersant.\n"
    "Die Opposition nannte das Treffen „eine Farce“.\n"
)
ARTICLE_TWO = (
    "📰 Москва. Der Sprecher sagte: „Wir sind offen für Verhandlungen.“\n"
    "Kritiker sprachen von einer Provokation.\n"
)


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def write_articles(folder: Path, one: str = ARTICLE_ONE) -> tuple[Path, Path]:
    folder.mkdir(exist_ok=True)
    first, second = folder / "eins.txt", folder / "zwei.txt"
    first.write_text(one, encoding="utf-8")
    second.write_text(ARTICLE_TWO, encoding="utf-8")
    return first, second


def import_articles(project: Project, files: tuple[Path, ...]) -> list[str]:
    return [project.import_file(f).document.id for f in files]


def annotate_articles(project: Project, one: str, two: str) -> None:
    for doc_id, quote, tag, extra in (
        (one, "Wir müssen reden", "Quote",
         {"attributes": {"speaker": "Ministerin", "form": "direct"}, "note": "Auftakt"}),
        (one, "man sei zu Gesprächen bereit", "Tone/Conciliatory", {"author": "Boris"}),
        (one, "Удар из-за горизонта", "Source",
         {"attributes": {"outlet": "Kommersant"}, "note": "Titel\nzweite Zeile"}),
        (one, "eine Farce", "Tone/Confrontational", {}),
        (two, "Wir sind offen für Verhandlungen.", "Quote",
         {"attributes": {"speaker": "Sprecher", "form": "direct"}, "author": "Boris"}),
        (two, "Provokation", "Tone/Critical", {"note": "😀 Ironie?"}),
    ):
        text = project.text(doc_id)
        start, end = span(text, quote)
        project.annotate(doc_id, start, end, tag, **extra)


@pytest.fixture
def source(tmp_path: Path) -> Iterator[tuple[Project, tuple[Path, Path]]]:
    """Project A: two articles imported from real files, six annotations by two analysts."""
    files = write_articles(tmp_path / "files")
    project = new_project(tmp_path, "a.glossa", author="Anna")
    one, two = import_articles(project, files)
    annotate_articles(project, one, two)
    yield project, files
    project.close()


def load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def items_of(collection: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = collection.get("first")
    while page is not None:
        items += page["items"]
        page = page.get("next")
    return items


def state(project: Project) -> list[tuple[object, ...]]:
    """Annotations in terms that do not depend on a project's ids."""
    return sorted(
        (project.document(a.document_id).title, a.start, a.end, project.tag_path(a.tag_id),
         a.note, a.author, tuple(sorted(a.attributes.items())))
        for a in project.annotations()
    )


def counts(project: Project) -> tuple[int, int, int]:
    return (project.store.annotations.count(include_deleted=True),
            len(project.store.tags.all(include_deleted=True)), len(project.documents()))


# --- the W3C test suite ----------------------------------------------------------------

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _checker() -> FormatChecker:
    """Formats the suite names, checked for real (jsonschema alone skips date-time, uri)."""
    checker = FormatChecker()

    @checker.checks("date-time")
    def is_datetime(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not _RFC3339.match(value):
            return False
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        return not isinstance(value, str) or bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$",
                                                           value))

    return checker


def must_validators(shared: Path) -> list[tuple[str, bool, Draft4Validator]]:
    """Every assertion annotationMusts.test lists, with its $refs resolved over local files."""
    suite = shared / "conformance" / "w3c-web-annotation"
    resources = []
    for folder in (suite / "definitions", suite / "annotations"):
        for file in folder.rglob("*.json"):
            schema = json.loads(file.read_text(encoding="utf-8"))
            resources.append((file.name, Resource.from_contents(
                schema, default_specification=DRAFT4)))
    registry: Registry[Any] = Registry().with_resources(resources)  # no retrieval: no network
    test = json.loads((suite / "annotations" / "annotationMusts.test").read_text("utf-8"))
    checker = _checker()
    validators = []
    for relative in test["assertions"]:
        schema = json.loads((suite / relative).read_text(encoding="utf-8"))
        assert schema["assertionType"] == "must"
        expected = schema.get("expectedResult", "valid") == "valid"
        validators.append((relative, expected,
                           Draft4Validator(schema, registry=registry, format_checker=checker)))
    return validators


def failures(annotation: dict[str, Any],
             validators: list[tuple[str, bool, Draft4Validator]]) -> list[str]:
    return [name for name, expected, validator in validators
            if validator.is_valid(annotation) != expected]


def test_every_exported_annotation_passes_every_must_assertion(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path, shared_dir: Path
) -> None:
    project, _ = source
    out = tmp_path / "export.jsonld"
    assert export_w3c(project, out) == 6
    validators = must_validators(shared_dir)
    assert len(validators) >= 50  # the suite's 54 musts, including bodiesTargets/specificResource
    items = items_of(load(out))
    assert len(items) == 6
    for item in items:
        assert failures(item, validators) == [], item["id"]


def test_the_must_assertions_catch_broken_annotations(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path, shared_dir: Path
) -> None:
    """The check above can fail: typical mistakes each break at least one must."""
    project, _ = source
    export_w3c(project, tmp_path / "export.jsonld")
    good = items_of(load(tmp_path / "export.jsonld"))[0]
    validators = must_validators(shared_dir)
    no_context = {k: v for k, v in good.items() if k != "@context"}
    both_bodies = {**good, "bodyValue": "x"}
    bad_time = {**good, "created": "25.11.2026 10:00"}
    bad_position = json.loads(json.dumps(good))
    bad_position["target"]["selector"][1]["start"] = -1
    for broken in (no_context, both_bodies, bad_time, bad_position):
        assert failures(broken, validators)


def test_the_suites_own_validator_passes_the_export(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path, shared_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project, _ = source
    monkeypatch.setattr(w3c_export, "PAGE_SIZE", 4)  # two pages, chained inline
    out = tmp_path / "export.jsonld"
    count = export_w3c(project, out)
    result = subprocess.run(
        [sys.executable, str(shared_dir / "conformance" / "validate_w3c.py"), str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.stdout.strip().splitlines()[-1] == f"{count} passed, 0 failed"
    assert result.returncode == 0


# --- what the export says --------------------------------------------------------------


def test_export_uses_code_point_positions_and_standard_bodies(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path
) -> None:
    project, _ = source
    out = tmp_path / "export.jsonld"
    export_w3c(project, out)
    collection = load(out)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 6
    by_id = {f"urn:uuid:{a.id}": a for a in project.annotations()}
    for item in items_of(collection):
        annotation = by_id[item["id"]]
        text = project.text(annotation.document_id)
        quote, position = item["target"]["selector"]
        assert item["target"]["source"]["id"] == f"urn:uuid:{annotation.document_id}"
        assert item["target"]["source"]["dcterms:title"] == project.document(
            annotation.document_id).title
        assert (position["start"], position["end"]) == (annotation.start, annotation.end)
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert quote["prefix"] == text[max(0, annotation.start - 32):annotation.start]
        # The astral characters before every passage: UTF-16 offsets would be larger.
        assert Utf16Map(text).to_utf16(annotation.start) > annotation.start
        bodies = {b["purpose"]: b["value"] for b in item["body"] if b["purpose"] != "describing"}
        assert bodies["tagging"] == project.tag_path(annotation.tag_id)
        assert bodies.get("commenting", "") == annotation.note
        described = sorted(b["value"] for b in item["body"] if b["purpose"] == "describing")
        assert described == sorted(f"{k}: {v}" for k, v in annotation.attributes.items())
        motivation = item["motivation"]
        assert ("commenting" in motivation) == bool(annotation.note)
        assert item["creator"] == {"type": "Person", "name": annotation.author}
        assert item["created"] == annotation.created and item["created"].endswith("Z")
    assert "\r" not in out.read_text(encoding="utf-8")


def test_pages_are_inline_and_linked_by_next_and_prev(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _ = source
    monkeypatch.setattr(w3c_export, "PAGE_SIZE", 4)
    out = tmp_path / "export.jsonld"
    export_w3c(project, out)
    collection = load(out)
    first = collection["first"]
    second = first["next"]
    assert [len(first["items"]), len(second["items"])] == [4, 2]
    assert second["prev"] == first["id"] and "next" not in second
    assert collection["last"] == second["id"]
    assert first["partOf"] == second["partOf"] == collection["id"]
    assert second["startIndex"] == 4
    assert len({collection["id"], first["id"], second["id"]}) == 3


def test_filters_narrow_the_export_and_rejected_suggestions_stay_out(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path
) -> None:
    project, _ = source
    out = tmp_path / "export.jsonld"
    assert export_w3c(project, out, scope=ExportScope(tag="Tone")) == 3
    assert {b["value"] for i in items_of(load(out)) for b in i["body"]
            if b["purpose"] == "tagging"} == {
        "Tone/Conciliatory", "Tone/Confrontational", "Tone/Critical"}
    assert export_w3c(project, out, scope=ExportScope(author="Boris")) == 2
    first_doc = project.documents()[0].id
    assert export_w3c(project, out, scope=ExportScope(documents=(first_doc[:8],))) == 4
    victim = project.annotations(tag="Tone/Critical")[0]
    project.execute(UpdateAnnotation(victim.id, {"status": Status.REJECTED}))
    assert export_w3c(project, out) == 5
    assert f"urn:uuid:{victim.id}" not in {i["id"] for i in items_of(load(out))}


def test_an_empty_export_is_a_valid_empty_collection(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        out = tmp_path / "empty.jsonld"
        assert export_w3c(project, out) == 0
        collection = load(out)
        assert collection["total"] == 0 and "first" not in collection


def test_bad_filters_write_nothing(source: tuple[Project, tuple[Path, Path]],
                                   tmp_path: Path) -> None:
    project, _ = source
    out = tmp_path / "export.jsonld"
    with pytest.raises(NotFound):
        export_w3c(project, out, scope=ExportScope(tag="Nonexistent"))
    assert not out.exists() and list(tmp_path.glob(".export*")) == []


# --- importing back ---------------------------------------------------------------------


def test_round_trip_onto_the_same_files_in_a_fresh_project(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path
) -> None:
    project, files = source
    out = tmp_path / "export.jsonld"
    export_w3c(project, out)
    with new_project(tmp_path, "b.glossa", author="Clara") as fresh:
        import_articles(fresh, files)  # new document ids: matched by their quotes
        report = import_w3c(fresh, out)
        assert len(report.placed) == 6 and report.unplaced == [] and report.moved == 0
        assert report.tags_added == []
        assert state(fresh) == state(project)
        assert {a.id for a in fresh.annotations()} == {a.id for a in project.annotations()}
        assert {a.origin.value for a in fresh.annotations()} == {"imported"}
        again = import_w3c(fresh, out)  # nothing twice
        assert again.placed == [] and len(again.unplaced) == 6
        assert all("already in the project" in u.reason for u in again.unplaced)
        assert len(fresh.annotations()) == 6


def test_import_onto_an_edited_copy_reanchors_and_reports_the_rest(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path
) -> None:
    project, _ = source
    out = tmp_path / "export.jsonld"
    export_w3c(project, out, scope=ExportScope(documents=(project.documents()[0].id,)))
    edited = ("Eilmeldung: 🙂 neue Gespräche.\n" + ARTICLE_ONE).replace(
        "„eine Farce“", "„ein Theater“")
    files = write_articles(tmp_path / "edited", one=edited)
    with new_project(tmp_path, "c.glossa") as copy:
        import_articles(copy, files)
        report = import_w3c(copy, out)
        assert len(report.placed) == 3 and report.moved == 3
        [lost] = report.unplaced
        farce = next(a for a in project.annotations() if a.note == "" and a.author == "Anna"
                     and project.tag_path(a.tag_id) == "Tone/Confrontational")
        assert lost.ref == f"urn:uuid:{farce.id}"
        assert "no document in the project contains its quoted text" in lost.reason
        text = copy.text(copy.documents()[0].id)
        placed = {copy.tag_path(a.tag_id): text[a.start:a.end] for a in copy.annotations()}
        assert placed == {"Quote": "Wir müssen reden",
                          "Tone/Conciliatory": "man sei zu Gesprächen bereit",
                          "Source": "Удар из-за горизонта"}


def foreign(tmp_path: Path, data: object, name: str = "foreign.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_foreign_annotations_get_new_tags_and_unplaceable_ones_are_reported(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path
) -> None:
    project, _ = source
    doc = project.documents()[1]
    text = project.text(doc.id)
    start, end = span(text, "Kritiker")
    page = {"type": "AnnotationPage", "items": [
        {  # Hypothesis-like: target list, single selector, tags and a comment
            "type": "Annotation",
            "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Frames / Conflict"},
                     {"type": "TextualBody", "purpose": "tagging", "value": "Tone/Critical"},
                     {"type": "TextualBody", "value": "who are they?"}],
            "target": [{"source": "https://example.org/unknown",
                        "selector": {"type": "TextQuoteSelector", "exact": "Kritiker"}}],
            "creator": "Dora",
        },
        {  # a position alone, on a document named by id
            "id": "urn:uuid:0b5f0a2e-8a53-4d53-9a3c-55c6a1c1f001",
            "body": {"purpose": "tagging", "value": "Quote"},
            "target": {"source": f"urn:uuid:{doc.id}",
                       "selector": {"type": "TextPositionSelector", "start": start, "end": end}},
        },
        {"type": "Annotation", "bodyValue": "just a comment",
         "target": {"source": f"urn:uuid:{doc.id}",
                    "selector": {"type": "TextQuoteSelector", "exact": "Kritiker"}}},
        {"body": {"purpose": "tagging", "value": "Quote"}, "target": "https://example.org/x"},
        {"body": {"purpose": "tagging", "value": "Quote"},
         "target": {"source": "urn:uuid:0b5f0a2e-8a53-4d53-9a3c-55c6a1c1f999",
                    "selector": {"type": "TextPositionSelector", "start": 0, "end": 3}}},
        "not an annotation",
    ]}
    before = len(project.annotations())
    report = import_w3c(project, foreign(tmp_path, page))
    assert len(report.placed) == 4
    assert report.tags_added == ["Frames", "Frames/Conflict"]
    conflict = project.codebook().find("Frames/Conflict")
    assert conflict.color == tag_colour("Frames/Conflict")
    new = [project.annotation(i) for i in report.placed]
    assert {(text[a.start:a.end], project.tag_path(a.tag_id), a.author, a.note)
            for a in new} == {
        ("Kritiker", "Frames/Conflict", "Dora", "who are they?"),
        ("Kritiker", "Tone/Critical", "Dora", "who are they?"),
        ("Kritiker", "Quote", "", ""),
        ("Kritiker", "Note", "", "just a comment"),  # a comment alone is a Note
    }
    assert "0b5f0a2e-8a53-4d53-9a3c-55c6a1c1f001" in report.placed
    reasons = [u.reason for u in report.unplaced]
    assert reasons == [
        "targets a whole document, not a passage of it",
        "its document is not in the project and it has no quote to find it by",
        "is not a JSON object",
    ]
    assert len(project.annotations()) == before + 4


def test_an_attribute_outside_the_choices_goes_into_the_note(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path
) -> None:
    project, _ = source
    doc = project.documents()[1]
    item = {"body": [{"purpose": "tagging", "value": "Quote"},
                     {"purpose": "describing", "value": "form: paraphrase"},
                     {"purpose": "describing", "value": "speaker: Kritiker"}],
            "target": {"source": f"urn:uuid:{doc.id}",
                       "selector": [{"type": "TextQuoteSelector", "exact": "Provokation"}]}}
    report = import_w3c(project, foreign(tmp_path, [item]))
    [placed] = [project.annotation(i) for i in report.placed]
    assert placed.attributes == {"speaker": "Kritiker"}
    assert placed.note == "form: paraphrase"
    assert any("paraphrase" in w for w in report.warnings)


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "is not valid JSON (line 1"),
    ('{"type": "Person"}', "is not a W3C annotation file"),
    ('"text"', "holds neither an annotation"),
    ('{"type": "AnnotationCollection", "first": "urn:uuid:page-1"}',
     "refers to an annotation page that is not in the file"),
    ('{"type": "AnnotationPage", "items": {"id": 1}}', "items are not a list"),
])
def test_unreadable_files_fail_with_one_message_and_change_nothing(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path, content: str, message: str
) -> None:
    project, _ = source
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    before = counts(project)
    with pytest.raises(ImportFailed, match=re.escape(message)) as caught:
        import_w3c(project, path)
    assert str(caught.value).startswith("bad.json: ")
    assert counts(project) == before


def test_binary_and_missing_files_fail_cleanly(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path
) -> None:
    project, _ = source
    binary = tmp_path / "x.json"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(ImportFailed, match="not UTF-8"):
        import_w3c(project, binary)
    with pytest.raises(ImportFailed, match="does not exist"):
        import_w3c(project, tmp_path / "missing.json")


def test_one_import_is_one_undo_step(
    source: tuple[Project, tuple[Path, Path]], tmp_path: Path
) -> None:
    project, files = source
    out = tmp_path / "export.jsonld"
    export_w3c(project, out)
    with new_project(tmp_path, "d.glossa") as fresh:
        import_articles(fresh, files)
        changes: list[Change] = []
        unsubscribe = fresh.subscribe(changes.append)
        import_w3c(fresh, out)
        unsubscribe()
        assert len(changes) == 1 and len(changes[0].annotations) == 6
