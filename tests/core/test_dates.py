"""A date attribute is stored as YYYY-MM-DD however the analyst typed it; what is no full
date stays as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.commands import UpdateAnnotation
from core.dates import iso_date
from tests.core.helpers import add_document, new_project


@pytest.mark.parametrize(("typed", "stored"), [
    ("22.09.2021", "2021-09-22"), ("22. September 2021", "2021-09-22"),
    ("23 сентября 2021 г.", "2021-09-23"), ("Sep 22, 2021", "2021-09-22"),
    ("2021-09-22", "2021-09-22"), ("03/04/21", "2021-04-03"),
    ("2021-02-30", ""), ("September 2021", ""), ("gestern", ""), ("", ""),
])
def test_iso_date(typed: str, stored: str) -> None:
    assert iso_date(typed) == stored


def test_a_source_date_typed_the_german_way_is_stored_as_iso(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        doc = add_document(project)
        source = project.annotate(doc, 0, 9, "Source", attributes={"date": "22.09.2021"})
        assert project.annotation(source.id).attributes == {"date": "2021-09-22"}
        project.execute(UpdateAnnotation(source.id, {"attributes": {"date": "Herbst 2021"}}))
        assert project.annotation(source.id).attributes == {"date": "Herbst 2021"}  # as typed
