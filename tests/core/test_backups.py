"""Rolling backups on open, glossa backup / backups / restore, on real files."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core import backups
from core.backups import BackupKind, list_backups, restore
from core.cli import main
from core.errors import NotAGlossaProject, ProjectError, ProjectInUse
from core.project import Project
from core.store.copying import SourceBusy, copy_database

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "Kyjiw. „Wir müssen reden“, sagte die Ministerin. Grüße an alle.\n"


def make_project(folder: Path, annotations: int = 1) -> Path:
    path = folder / "study.glossa"
    source = folder / "artikel.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    with Project.create(path, author="Anna") as project:
        doc = project.import_file(source).document.id
        for i in range(annotations):
            project.annotate(doc, 7 + i, 25, "Quote")
    return path


def count(path: Path) -> int:
    with Project.open(path, rolling_backup=False) as project:
        return len(project.annotations())


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_opening_keeps_one_rolling_backup_a_day(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with Project.open(path) as project:
        first = project.rolling_backup
    assert first is not None and first.parent == tmp_path / "study.glossa-backups"
    with Project.open(path) as project:
        assert project.rolling_backup is None  # one a day is enough
    (listed,) = list_backups(path)
    assert (listed.path, listed.kind, listed.annotations) == (first, BackupKind.ROLLING, 1)
    assert sqlite3.connect(first).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_only_the_last_few_rolling_backups_are_kept(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    folder = backups.backup_folder(path)
    folder.mkdir()
    days_ago = [datetime.now(UTC) - timedelta(days=d) for d in range(1, 8)]
    for day in days_ago:
        backups.new_backup_path(path, BackupKind.ROLLING, now=day).write_bytes(b"")
    manual = backups.new_backup_path(path, BackupKind.MANUAL, now=days_ago[-1])
    manual.write_bytes(b"")
    with Project.open(path) as project:
        assert project.rolling_backup is not None
    rolling = [b for b in list_backups(path) if b.kind is BackupKind.ROLLING]
    assert len(rolling) == backups.KEEP_ROLLING
    assert rolling[0].path == project.rolling_backup and rolling[0].annotations == 1
    assert manual.exists()  # only rolling backups rotate
    assert "not a Glossa project" in next(b for b in list_backups(path) if b.path == manual).problem


def test_a_rolling_backup_never_waits_for_a_locked_file(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE project_meta SET value = value")
    source = sqlite3.connect(path, isolation_level=None, timeout=5)
    started = time.monotonic()
    with pytest.raises(SourceBusy):
        copy_database(source, tmp_path / "copy.glossa", wait=False)
    assert time.monotonic() - started < 1
    assert not (tmp_path / "copy.glossa").exists()
    assert not (tmp_path / "copy.glossa.partial").exists()
    holder.execute("ROLLBACK")
    holder.close()
    source.close()


def test_backup_and_restore_on_the_command_line(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    code, out, _ = run("backup", str(path))
    assert code == 0
    kept = Path(out.strip())
    assert kept.parent == tmp_path / "study.glossa-backups" and ".manual." in kept.name
    with Project.open(path) as project:
        project.annotate(project.documents()[0].id, 0, 5, "Note")
    assert count(path) == 2

    code, _, err = run("restore", str(path), str(kept))
    assert code == 0, err
    assert count(path) == 1
    before = [b for b in list_backups(path) if b.kind is BackupKind.BEFORE_RESTORE]
    assert [b.annotations for b in before] == [2]  # the project as it was, kept
    code, out, _ = run("backups", str(path))
    assert code == 0 and "before-restore" in out and "manual" in out


def test_backup_to_a_chosen_place_never_replaces_a_file(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    (tmp_path / "out").mkdir()
    code, out, _ = run("backup", str(path), "--to", str(tmp_path / "out"))
    assert code == 0 and Path(out.strip()).parent == tmp_path / "out"
    taken = tmp_path / "mine.glossa"
    assert run("backup", str(path), "--to", str(taken))[0] == 0
    assert count(taken) == 1
    code, _, err = run("backup", str(path), "--to", str(taken))
    assert code == 1
    assert err == "glossa: mine.glossa: already exists (a backup never replaces a file)\n"


def test_restore_refuses_what_is_no_whole_glossa_project(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    before = path.read_bytes()
    text = tmp_path / "artikel.txt"
    with pytest.raises(NotAGlossaProject, match=r"artikel\.txt"):
        restore(path, text)
    damaged = tmp_path / "damaged.glossa"
    with Project.open(path) as project:
        project.save_copy(damaged)
    data = bytearray(damaged.read_bytes())
    page = 4096
    for number in range(3, len(data) // page):  # b-tree pages, not the header page
        data[number * page:number * page + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
    damaged.write_bytes(bytes(data))
    with pytest.raises(NotAGlossaProject, match=r"damaged\.glossa"):
        restore(path, damaged)
    code, _, err = run("restore", str(path), str(damaged))
    assert code == 1 and err.startswith("glossa: damaged.glossa: ") and err.count("\n") == 1
    assert path.read_bytes() == before
    assert not any(b.kind is BackupKind.BEFORE_RESTORE for b in list_backups(path))
    with pytest.raises(ProjectError, match="project itself"):
        restore(path, path)


def test_restore_refuses_while_another_process_has_the_project_open(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with Project.open(path, rolling_backup=False) as project:
        kept = project.backup()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom core.project import Project\n"
         "p = Project.open(sys.argv[1], rolling_backup=False)\np.annotations()\n"
         "print('open', flush=True)\ntime.sleep(30)", str(path)],
        cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(ProjectInUse, match=r"study\.glossa: is open in another program"):
            restore(path, kept)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # This process's own open project counts too: the window must close it first.
    with Project.open(path, rolling_backup=False) as project, pytest.raises(ProjectInUse):
        project.annotations()
        restore(path, kept)
    restore(path, kept)
    assert count(path) == 1


def test_a_damaged_project_can_still_be_restored(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with Project.open(path, rolling_backup=False) as project:
        kept = project.backup()
    path.write_bytes(b"not a database at all" * 100)
    before = restore(path, kept)
    assert count(path) == 1
    assert before.read_bytes() == b"not a database at all" * 100
