"""Where ``glossa export`` writes: a folder that does not exist, or one nobody can write.

Either way the user hears one line naming the path they typed, and nothing is created.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.cli import main
from core.exporters.registry import FORMATS

DATA_FORMATS = ("csv", "json", "w3c", "qdpx", "html", "pdf", "docx")
UNWRITABLE = Path("/proc")  # even root cannot create a file here


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GLOSSA_AUTHOR", "Anna")
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "artikel.txt"
    article.write_text("Die Ministerin: „Wir müssen reden“. Ende.\n", encoding="utf-8")
    path = tmp_path / "p.glossa"
    assert main(["new", str(path)]) == 0
    assert main(["import", str(path), str(article)]) == 0
    return path


def error_line(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("glossa: ") and "Traceback" not in captured.err
    return line


@pytest.mark.parametrize("fmt", DATA_FORMATS)
def test_a_folder_that_does_not_exist_is_refused(
        project: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    before = sorted(os.listdir(project.parent))
    line = error_line(capsys, "export", str(project), "--format", fmt, "--out", "nodir/")
    assert "nodir/" in line and "does not exist" in line
    assert sorted(os.listdir(project.parent)) == before  # no file called "nodir"


def test_an_existing_folder_with_a_slash_is_still_a_folder(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project.parent / "out").mkdir()
    line = error_line(capsys, "export", str(project), "--format", "csv", "--out", "out/")
    assert "is a folder" in line


@pytest.mark.skipif(not UNWRITABLE.is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("fmt", DATA_FORMATS)
def test_an_unwritable_folder_is_named_as_the_user_gave_it(
        project: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    target = UNWRITABLE / f"bericht{FORMATS[fmt].suffix}"
    line = error_line(capsys, "export", str(project), "--format", fmt, "--out", str(target))
    assert str(target) in line
    assert ".tmp" not in line
