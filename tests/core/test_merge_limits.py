"""A colleague's file obeys the rules a local edit obeys (core.validation), or nothing of
it is merged: once a 1,000,000-character tag name got in and made
``glossa annotations --json`` write 1 GB."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.cli import main
from core.errors import InvalidValue, NotAGlossaProject
from core.project import Project
from core.review.merge import merge_file
from tests.core.helpers import add_document, new_project
from tests.core.test_merge import digest


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Project, Path]]:
    anna = new_project(tmp_path, "anna.glossa", author="Anna")
    add_document(anna)
    with new_project(tmp_path, "tomas.glossa", author="Tomás") as tomas:
        doc = add_document(tomas)
        tomas.annotate(doc, 0, 5, "Quote", attributes={"speaker": "Ministerin"}, note="kurz")
        tomas_path = tomas.path
    yield anna, tomas_path
    anna.close()


TAMPERING = {
    "tag name of 1,000,000 characters": (
        "UPDATE tags SET name = printf('%.*c', 1000000, 'x') WHERE name = 'Note'",
        "a tag name is limited to 200 characters"),
    "tag name with a slash": ("UPDATE tags SET name = 'A/B' WHERE name = 'Note'",
                              "a tag name cannot contain '/'"),
    "blank tag name": ("UPDATE tags SET name = '  ' WHERE name = 'Note'", "a tag needs a name"),
    "tag key of two letters": ("UPDATE tags SET key = 'ab' WHERE name = 'Note'",
                               "must be one letter or digit"),
    "attribute value of 1 MB": (
        "UPDATE annotations SET attributes = json_object('speaker', printf('%.*c', 1000000, 'x'))",
        "attribute 'speaker' is longer than 10000 characters"),
    "attribute name of 1,000 characters": (
        "UPDATE annotations SET attributes = json_object(printf('%.*c', 1000, 'k'), 'v')",
        "is longer than 200 characters"),
    "empty attribute name": ("UPDATE annotations SET attributes = json_object(' ', 'v')",
                             "attribute names must be non-empty text"),
    "note of 1,000,000 characters": (
        "UPDATE annotations SET note = printf('%.*c', 1000000, 'x')",
        "a note is limited to 100000 characters"),
    "author of 1,000 characters": ("UPDATE annotations SET author = printf('%.*c', 1000, 'a')",
                                   "an author name is limited to 200 characters"),
    "span beyond the text": ("UPDATE annotations SET \"end\" = 100000", "offsets outside"),
}


@pytest.mark.parametrize(("sql", "message"), TAMPERING.values(), ids=TAMPERING.keys())
def test_merge_refuses_what_a_local_edit_would(
    pair: tuple[Project, Path], sql: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    anna, tomas = pair
    with sqlite3.connect(tomas) as db:
        db.execute(sql)
    db.close()
    anna.close()
    before = digest(anna.path)
    assert main(["merge", str(anna.path), str(tomas)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("glossa: tomas.glossa: ") and err.count("\n") == 1
    assert message in err and len(err) < 400
    assert digest(anna.path) == before
    with Project.open(anna.path) as reopened, pytest.raises(NotAGlossaProject, match=message):
        merge_file(reopened, tomas)


def test_local_edits_obey_the_same_limits(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        doc = add_document(project)
        with pytest.raises(InvalidValue, match="a note is limited to 100000 characters"):
            project.annotate(doc, 0, 5, "Note", note="x" * 100_001)
        with pytest.raises(InvalidValue, match="attribute 'speaker' is longer than"):
            project.annotate(doc, 0, 5, "Quote", attributes={"speaker": "x" * 10_001})
        assert project.store.annotations.query() == []


def test_merge_within_the_limits_still_works(pair: tuple[Project, Path]) -> None:
    anna, tomas = pair
    report = merge_file(anna, tomas)
    assert report.annotations_added == 1
