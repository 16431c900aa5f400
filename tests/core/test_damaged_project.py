"""A project edited or corrupted outside Glossa gives one line naming it, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.cli import main
from tests.core.helpers import add_document, new_project

DAMAGE = {
    "deep attributes": "UPDATE annotations SET attributes = '{\"a\": ' || "
                       "printf('%.*c', 100000, '[') || printf('%.*c', 100000, ']') || '}'",
    "attributes not an object": "UPDATE annotations SET attributes = '[1, 2]'",
    "attributes not JSON": "UPDATE annotations SET attributes = '{nope'",
    "unknown status": "UPDATE annotations SET status = 'weird'",
    "unknown origin": "UPDATE annotations SET origin = 'elsewhere'",
    "dangling tag": "UPDATE annotations SET tag_id = 'no-such-tag'",
}


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    with new_project(tmp_path) as project:
        doc = add_document(project)
        quote = project.codebook().find("Quote").id
        project.annotate(doc, 0, 5, quote, attributes={"speaker": "Ministerin [zitiert]"})
        return project.path


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
@pytest.mark.parametrize("as_json", [False, True])
@pytest.mark.parametrize("one_document", [False, True], ids=["project", "one document"])
def test_annotations_of_a_damaged_project(
    project_file: Path, damage: str, as_json: bool, one_document: bool,
    capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(project_file) as db:
        db.execute(damage)
        doc = db.execute("SELECT id FROM documents").fetchone()[0]
    db.close()
    status = main(["annotations", str(project_file), *(["--json"] if as_json else []),
                   *(["--doc", doc] if one_document else [])])
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"glossa: {project_file}: annotation ")
    assert "is damaged" in err


def test_brackets_inside_attribute_values_are_fine(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotations", str(project_file), "--json"]) == 0
    assert "Ministerin [zitiert]" in capsys.readouterr().out
