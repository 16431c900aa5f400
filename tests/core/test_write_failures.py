"""A full disk, a read-only file, a file deleted or moved while open: one named error,
nothing corrupted, and the open project can still be saved elsewhere."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import DiskFull, ProjectFileGone
from core.project import Project

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "Kyjiw. „Wir müssen reden“, sagte die Ministerin. Grüße an alle.\n" * 50


def make_project(folder: Path) -> tuple[Path, str]:
    path = folder / "study.glossa"
    source = folder / "artikel.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    with Project.create(path, author="Anna") as project:
        doc = project.import_file(source).document.id
        project.annotate(doc, 7, 25, "Quote")
    return path, doc


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_a_full_disk_is_named_and_undoes_only_the_last_change(tmp_path: Path) -> None:
    path, doc = make_project(tmp_path)
    with Project.open(path, rolling_backup=False) as project:
        pages = project.store.db.execute("PRAGMA page_count").fetchone()[0]
        project.store.db.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow
        with pytest.raises(DiskFull) as caught:
            for i in range(2000):
                project.annotate(doc, i % 500, i % 500 + 20, "Note", note="x" * 200)
        assert str(caught.value).startswith("study.glossa: the disk is full; the last change")
        saved = len(project.annotations())
        copy = project.save_copy(tmp_path / "elsewhere.glossa")  # the way out
    assert integrity(path) == "ok"
    with Project.open(path, rolling_backup=False) as project:
        assert len(project.annotations()) == saved  # what was acknowledged stays
    with Project.open(copy, rolling_backup=False) as project:
        assert len(project.annotations()) == saved


def test_a_project_deleted_while_open_refuses_writes_and_can_be_saved_elsewhere(
        tmp_path: Path) -> None:
    path, doc = make_project(tmp_path)
    with Project.open(path, rolling_backup=False) as project:
        project.annotate(doc, 30, 40, "Note")
        os.unlink(path)
        with pytest.raises(ProjectFileGone, match=r"^study\.glossa: the file was deleted"):
            project.annotate(doc, 0, 5, "Note")
        project.save_copy(path)  # Save a copy as… back where it was
    with Project.open(path, rolling_backup=False) as project:
        assert len(project.annotations()) == 2
    assert integrity(path) == "ok"


def test_a_project_moved_while_open_refuses_writes(tmp_path: Path) -> None:
    path, doc = make_project(tmp_path)
    with Project.open(path, rolling_backup=False) as project:
        path.rename(tmp_path / "moved.glossa")
        with pytest.raises(ProjectFileGone):
            project.annotate(doc, 0, 5, "Note")
    with Project.open(tmp_path / "moved.glossa", rolling_backup=False) as project:
        assert len(project.annotations()) == 1


def test_a_read_only_file_gives_one_line_and_stays_whole(tmp_path: Path) -> None:
    """chmod a-w, run as a normal user: root may write any file whatever its mode."""
    if os.geteuid() == 0:
        pytest.skip("root writes read-only files; this needs an ordinary user")
    path, doc = make_project(tmp_path)
    before = path.read_bytes()
    path.chmod(0o444)
    done = subprocess.run(
        [sys.executable, "-m", "core.cli", "tag", str(path), doc, "Note", "--span", "0", "5"],
        cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("glossa: study.glossa: the file cannot be written"), done.stderr
    assert done.stderr.count("\n") == 1
    assert path.read_bytes() == before and integrity(path) == "ok"
