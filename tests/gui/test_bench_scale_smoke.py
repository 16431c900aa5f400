"""The scale benchmark runs end to end at a tiny size and prints every figure.

No timing is asserted; the window runs offscreen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import scale
from bench.scale_data import ANALYSTS, generate
from core.project import Project

FIGURES = (
    "generate", "project file size", "open the project and show the first document",
    "switch documents, painted", "switch documents, painted and listed", "project search",
    "annotation list filtered: tag", "annotation list filtered: author",
    "agreement of", "alpha among all", "window memory",
)


def test_scale_benchmark_prints_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert scale.main(["--documents", "12", "--annotations", "600"]) == 0
    output = capsys.readouterr().out
    for name in FIGURES:
        assert re.search(rf"^{re.escape(name)}.*: [\d,.]+ \w+", output, re.MULTILINE), name


def test_generated_project_has_every_analyst_on_every_document(tmp_path: Path) -> None:
    made = generate(tmp_path / "team.glossa", documents=4, annotations=200)
    assert made.annotations == 200
    with Project.open(made.path) as project:
        assert project.authors() == sorted(ANALYSTS)
        for doc_id in made.document_ids:
            text = project.text(doc_id)
            found = project.annotations(doc_id)
            assert len(found) == 50
            assert {a.author for a in found} == set(ANALYSTS)
            assert all(a.exact == text[a.start:a.end] for a in found)
