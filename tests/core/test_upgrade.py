"""Opening a project of an older schema: a backup first, then every step in one transaction.

The files in tests/fixtures were written by past commits' own code (see the README there);
each test works on a copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from core.cli import main
from core.errors import ProjectError
from core.project import Project
from core.store import schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAST_VERSIONS = range(1, schema.SCHEMA_VERSION)


def copy_of(version: int, folder: Path) -> Path:
    target = folder / "study.glossa"
    shutil.copyfile(FIXTURES / f"schema-v{version}.glossa", target)
    return target


def raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_there_is_a_fixture_for_every_past_version() -> None:
    for version in PAST_VERSIONS:
        path = FIXTURES / f"schema-v{version}.glossa"
        assert raw(path, "PRAGMA user_version") == [(version,)]


@pytest.mark.parametrize("version", PAST_VERSIONS)
def test_an_older_project_is_backed_up_then_upgraded(tmp_path: Path, version: int) -> None:
    path = copy_of(version, tmp_path)
    annotations = raw(path, "SELECT id, note FROM annotations ORDER BY id")
    with Project.open(path) as project:
        upgrade = project.store.upgrade
        assert upgrade is not None and upgrade.from_version == version
        assert schema.user_version(project.store.db) == schema.SCHEMA_VERSION
        notes = [h.annotation_id for h in project.search("grüße") if h.annotation_id]
        assert notes == [i for i, note in annotations if note]
    backup = tmp_path / f"study.glossa.v{version}.bak"
    assert upgrade.backup == backup
    assert raw(backup, "PRAGMA user_version") == [(version,)]
    assert raw(backup, "PRAGMA integrity_check") == [("ok",)]
    assert raw(backup, "SELECT id, note FROM annotations ORDER BY id") == annotations
    assert raw(path, "SELECT id, note FROM annotations ORDER BY id") == annotations
    # The backup is a project of its version as it was: it opens, checked, read-only.
    with Project.open_untrusted(backup) as kept:
        assert len(kept.annotations()) == len(annotations)


def test_decisions_of_version_3_keep_when_they_changed(tmp_path: Path) -> None:
    path = copy_of(3, tmp_path)
    with Project.open(path) as project:
        (decision,) = project.store.decisions.query(include_deleted=True)
        assert decision.modified == decision.decided_at != ""


def test_the_command_line_says_it_upgraded_and_where_the_copy_is(tmp_path: Path) -> None:
    path = copy_of(1, tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["docs", str(path)])
    assert code == 0 and "Kyjiw" in out.getvalue()
    assert err.getvalue() == (
        f"glossa: study.glossa: upgraded from schema version 1 to {schema.SCHEMA_VERSION}; "
        "the file as it was is kept as study.glossa.v1.bak\n")


def test_a_current_project_opens_without_an_upgrade_backup(tmp_path: Path) -> None:
    Project.create(tmp_path / "p.glossa").close()
    with Project.open(tmp_path / "p.glossa") as project:
        assert project.store.upgrade is None
    # Only the day's rolling backup (core.backups), no .bak.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.glossa", "p.glossa-backups"]


def test_an_earlier_backup_is_never_overwritten(tmp_path: Path) -> None:
    path = copy_of(2, tmp_path)
    earlier = tmp_path / "study.glossa.v2.bak"
    earlier.write_bytes(b"an analyst's own copy")
    with Project.open(path) as project:
        assert project.store.upgrade is not None
        backup = project.store.upgrade.backup
    assert earlier.read_bytes() == b"an analyst's own copy"
    assert backup.name.startswith("study.glossa.v2") and backup.name.endswith(".bak")
    assert raw(backup, "PRAGMA user_version") == [(2,)]


def test_a_failing_step_leaves_the_file_at_its_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_of(1, tmp_path)
    annotations = raw(path, "SELECT * FROM annotations ORDER BY id")

    def broken(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE decisions ADD COLUMN modified TEXT NOT NULL DEFAULT ''")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:-1], broken])
    with pytest.raises(ProjectError) as caught:
        Project.open(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("study.glossa: could not be upgraded")
    assert "study.glossa.v1.bak" in message
    assert raw(path, "PRAGMA user_version") == [(1,)]
    assert raw(path, "SELECT count(*) FROM sqlite_master WHERE name = 'decisions'") == [(0,)]
    assert raw(path, "SELECT * FROM annotations ORDER BY id") == annotations
    monkeypatch.undo()
    with Project.open(path) as project:  # and the next Glossa upgrades it after all
        assert schema.user_version(project.store.db) == schema.SCHEMA_VERSION
