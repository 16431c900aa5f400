"""A .qdpx export QualCoder reads as Glossa meant it: unique code names, a creating user
on every source, and positions in the UTF-16 units QualCoder counts when asked."""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from core.cli import main
from core.commands import AddTag
from core.exporters import ExportScope
from core.exporters.qdpx import export_qdpx, user_guid
from core.exporters.registry import export_with_notes
from core.formats.qdpx import NAMESPACE
from core.importers.qdpx import import_qdpx
from core.model import Tag
from core.offsets import Utf16Map
from core.project import Project
from tests.core.helpers import add_document, new_project

TEXT = "📰 Kyjiw 𝔘. Die Armee rückt vor; das Militär schweigt. Die Generäle reden.\n"
Q = f"{{{NAMESPACE}}}"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """Themen/Militär and Akteure/Militär, both used, after characters outside the BMP."""
    project = new_project(tmp_path, "a.glossa", author="Anna")
    doc = add_document(project, TEXT)
    for parent, passage in (("Themen", "Die Armee rückt vor"), ("Akteure", "das Militär")):
        top = Tag(str(uuid.uuid4()), parent)
        project.execute(AddTag(top))
        project.execute(AddTag(Tag(str(uuid.uuid4()), "Militär", parent_id=top.id)))
        start = TEXT.index(passage)
        project.annotate(doc, start, start + len(passage), f"{parent}/Militär")
    yield project
    project.close()


def qde(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as archive:
        return ET.fromstring(archive.read("project.qde"))


def validate(path: Path, shared_dir: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(shared_dir / "conformance" / "refi-qda" / "Project.xsd"))
    with zipfile.ZipFile(path) as archive:
        schema.validate(archive.read("project.qde").decode("utf-8"))


def test_same_leaf_names_get_unique_code_names_and_come_back(
        project: Project, tmp_path: Path, shared_dir: Path) -> None:
    out = tmp_path / "x.qdpx"
    outcome = export_with_notes(project, "qdpx", out)
    assert outcome.count == 2
    validate(out, shared_dir)
    names = [c.get("name") for c in qde(out).iter(f"{Q}Code")]
    assert len(names) == len({n.casefold() for n in names if n})  # every name unique
    assert {"Militär (Themen)", "Militär (Akteure)"} <= set(names)
    assert outcome.notes == (
        "2 code names were made unique for tools that need that (QualCoder): "
        "Akteure/Militär as 'Militär (Akteure)', Themen/Militär as 'Militär (Themen)'",)
    with new_project(tmp_path, "b.glossa") as fresh:
        import_qdpx(fresh, out)
        assert sorted(fresh.tag_path(a.tag_id) for a in fresh.annotations()) == [
            "Akteure/Militär", "Themen/Militär"]
        assert fresh.codebook().find("Themen/Militär") is not None


def test_an_export_without_clashes_has_nothing_to_say(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        add_document(project, TEXT)
        assert export_with_notes(project, "qdpx", tmp_path / "x.qdpx").notes == ()


def test_every_source_names_its_creating_user(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "x.qdpx"
    export_qdpx(project, out)
    root = qde(out)
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{Q}User")}
    sources = list(root.iter(f"{Q}TextSource"))
    assert sources and all(users[s.get("creatingUser")] == "Anna" for s in sources)
    assert sources[0].get("creatingUser") == user_guid("Anna")


def test_utf16_positions_for_qualcoder(project: Project, tmp_path: Path,
                                       shared_dir: Path) -> None:
    units = Utf16Map(TEXT)
    default, utf16 = tmp_path / "cp.qdpx", tmp_path / "u16.qdpx"
    export_qdpx(project, default)
    assert export_qdpx(project, utf16, positions="utf16") == 2
    validate(utf16, shared_dir)
    for path, convert in ((default, lambda i: i), (utf16, units.to_utf16)):
        for selection in qde(path).iter(f"{Q}PlainTextSelection"):
            start = TEXT.index(selection.get("name", ""))
            end = start + len(selection.get("name", ""))
            assert (int(selection.get("startPosition", "")),
                    int(selection.get("endPosition", ""))) == (convert(start), convert(end))
    assert units.to_utf16(TEXT.index("Die Armee")) == TEXT.index("Die Armee") + 2
    with new_project(tmp_path, "b.glossa") as fresh:  # read back exactly
        report = import_qdpx(fresh, utf16)
        assert report.unplaced == [] and len(report.placed) == 2
        assert sorted(TEXT[a.start:a.end] for a in fresh.annotations()) == [
            "Die Armee rückt vor", "das Militär"]


def test_positions_is_refused_for_other_units_and_formats(
        project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="utf16"):
        export_qdpx(project, tmp_path / "x.qdpx", positions="bytes")
    path = str(project.path)
    assert main(["export", path, "--format", "qdpx", "--out", str(tmp_path / "c.qdpx"),
                 "--positions", "utf16"]) == 0
    assert "note: 2 code names were made unique" in capsys.readouterr().err
    assert main(["export", path, "--format", "csv", "--out", str(tmp_path / "c.csv"),
                 "--positions", "utf16"]) == 2
    assert "--positions goes with --format qdpx" in capsys.readouterr().err
    assert not (tmp_path / "c.csv").exists()
    assert export_qdpx(project, tmp_path / "s.qdpx", scope=ExportScope(tag="Themen")) == 1
