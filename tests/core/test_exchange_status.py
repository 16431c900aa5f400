"""What an annotation's review status and history become in W3C, QDPX and JSON files.

A proposed suggestion must come back proposed, not accepted; a rejected one travels only
when asked for (``--status rejected``); the JSON export keeps earlier versions.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from core.commands import UpdateAnnotation
from core.errors import InvalidValue
from core.exporters import ExportScope
from core.exporters.json import export_json
from core.exporters.qdpx import export_qdpx
from core.exporters.w3c import export_w3c
from core.formats.glossa_json import load_json_export
from core.formats.qdpx import NAMESPACE
from core.importers.qdpx import import_qdpx
from core.importers.w3c import import_w3c
from core.model import Status
from core.project import Project
from core.review.merge import merge_file
from tests.core.helpers import GERMAN, add_document, new_project
from tests.core.test_w3c import failures, items_of, load, must_validators

PASSAGES = {"Wir müssen reden": Status.ACCEPTED, "Grüße an alle": Status.PROPOSED,
            "Gesprächen bereit": Status.REJECTED}


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Project]:
    """One article: an accepted quote, a proposed and a rejected suggestion."""
    project = new_project(tmp_path, "a.glossa")
    doc = add_document(project, GERMAN)
    for passage, status in PASSAGES.items():
        start = GERMAN.index(passage)
        made = project.annotate(doc, start, start + len(passage), "Quote",
                                attributes={"speaker": "Ministerin"})
        if status is not Status.ACCEPTED:
            project.execute(UpdateAnnotation(made.id, {"status": status}))
    yield project
    project.close()


def statuses(project: Project) -> dict[str, Status]:
    return {project.text(a.document_id)[a.start:a.end]: a.status
            for a in project.annotations()}


def fresh(tmp_path: Path, name: str) -> Project:
    project = new_project(tmp_path, name, author="Clara")
    add_document(project, GERMAN)
    return project


# --- W3C --------------------------------------------------------------------------------


def test_w3c_carries_status_in_a_glossa_term_and_reads_it_back(
        source: Project, tmp_path: Path, shared_dir: Path) -> None:
    out = tmp_path / "x.jsonld"
    assert export_w3c(source, out) == 2  # rejected ones stay out unless asked for
    items = items_of(load(out))
    by_text = {i["target"]["selector"][0]["exact"]: i for i in items}
    assert by_text["Grüße an alle"]["glossa:status"] == "proposed"
    assert by_text["Wir müssen reden"]["glossa:status"] == "accepted"
    validators = must_validators(shared_dir)
    for item in items:  # the extension term is declared in the context, as W3C asks
        assert item["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
        assert item["@context"][1]["glossa"].startswith("urn:")
        assert failures(item, validators) == []
    with fresh(tmp_path, "b.glossa") as other:
        assert len(import_w3c(other, out).placed) == 2
        assert statuses(other) == {"Wir müssen reden": Status.ACCEPTED,
                                   "Grüße an alle": Status.PROPOSED}


def test_w3c_export_of_rejected_ones_when_asked_keeps_them_rejected(
        source: Project, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonld"
    assert export_w3c(source, out, scope=ExportScope(status="rejected")) == 1
    with fresh(tmp_path, "b.glossa") as other:
        import_w3c(other, out)
        assert statuses(other) == {"Gesprächen bereit": Status.REJECTED}


def test_a_foreign_status_value_is_a_warning_not_a_guess(tmp_path: Path) -> None:
    start = GERMAN.index("Grüße")
    item = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
            "glossa:status": "maybe",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "Quote"},
            "target": {"source": "urn:x", "selector": {
                "type": "TextQuoteSelector", "exact": "Grüße"}}}
    path = tmp_path / "one.jsonld"
    path.write_text(json.dumps(item), encoding="utf-8")
    with fresh(tmp_path, "b.glossa") as other:
        report = import_w3c(other, path)
        assert [(a.start, a.status) for a in other.annotations()] == [
            (start, Status.ACCEPTED)]
        assert any("'maybe'" in w and "accepted" in w for w in report.warnings)


# --- QDPX -------------------------------------------------------------------------------


def test_qdpx_carries_status_in_the_selection_description(
        source: Project, tmp_path: Path) -> None:
    out = tmp_path / "x.qdpx"
    assert export_qdpx(source, out) == 2
    with zipfile.ZipFile(out) as archive:
        root = ET.fromstring(archive.read("project.qde"))
    descriptions = {s.get("name"): s.findtext(f"{{{NAMESPACE}}}Description", "")
                    for s in root.iter(f"{{{NAMESPACE}}}PlainTextSelection")}
    assert descriptions["Grüße an alle"].endswith("Glossa status: proposed")
    assert "Glossa status" not in descriptions["Wir müssen reden"]
    with fresh(tmp_path, "b.glossa") as other:
        report = import_qdpx(other, out)
        assert len(report.placed) == 2
        assert statuses(other) == {"Wir müssen reden": Status.ACCEPTED,
                                   "Grüße an alle": Status.PROPOSED}
        # The status line is read, not left in the note.
        assert {a.note for a in other.annotations()} == {""}
        assert {a.attributes["speaker"] for a in other.annotations()} == {"Ministerin"}
    rejected = tmp_path / "r.qdpx"
    assert export_qdpx(source, rejected, scope=ExportScope(status="rejected")) == 1
    with fresh(tmp_path, "c.glossa") as other:
        import_qdpx(other, rejected)
        assert statuses(other) == {"Gesprächen bereit": Status.REJECTED}


# --- JSON -------------------------------------------------------------------------------


def test_json_export_keeps_the_annotation_history(source: Project, tmp_path: Path) -> None:
    quote = source.annotations()[0]
    source.execute(UpdateAnnotation(quote.id, {"note": "zweite Fassung"}))
    history = source.store.annotations.history(quote.id)
    assert [old.note for _, _, old in history] == [""]
    out = tmp_path / "x.json"
    export_json(source, out)
    data = load_json_export(out)
    (record,) = [h for h in data["annotation_history"] if h["annotation_id"] == quote.id]
    assert record["replaced"] == history[0][0] and record["reason"] == history[0][1]
    assert record["snapshot"]["note"] == "" and record["snapshot"]["id"] == quote.id
    # A history entry of an annotation the file does not hold is refused, like any
    # other broken reference.
    raw = json.loads(out.read_text(encoding="utf-8"))
    raw["annotation_history"][0]["annotation_id"] = "nope"
    out.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(InvalidValue, match=r"annotation_history\[0\]\.annotation_id"):
        load_json_export(out)


def test_json_exports_without_history_still_merge(source: Project, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    export_json(source, out)
    raw = json.loads(out.read_text(encoding="utf-8"))
    del raw["annotation_history"]
    out.write_text(json.dumps(raw), encoding="utf-8")
    with new_project(tmp_path, "b.glossa") as other:
        merge_file(other, out)
        assert statuses(other) == statuses(source)
