"""A project file we did not write is checked before anything in it runs or is read.

Every file here is a real project made by Glossa and then tampered with through plain
``sqlite3``, the way a hostile colleague (or a curious one) would.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from core.errors import ProjectError
from core.model import Annotation, new_id
from core.project import Project
from core.review.merge_source import read_source
from core.store import Store, connection
from tests.core.helpers import add_document, new_project

REPO = Path(__file__).resolve().parents[2]
ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)"
WIPE = ("CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN "
        "DELETE FROM annotations WHERE id != new.id; UPDATE documents SET title = 'gone'; END")
#: The annotations table replaced by a view with all its columns that never ends.
ENDLESS_ANNOTATIONS = ("ALTER TABLE annotations RENAME TO kept",
                       f"CREATE VIEW annotations AS {ENDLESS} SELECT kept.* FROM r, kept")


def make_project(tmp_path: Path, name: str = "received.glossa") -> Path:
    """A real project with one document and three annotations."""
    with new_project(tmp_path, name) as project:
        doc_id = add_document(project)
        for start in (0, 10, 20):
            project.annotate(doc_id, start, start + 5, "Quote")
    return tmp_path / name


def tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw_count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def test_a_received_trigger_is_refused_before_it_can_run(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    tamper(path, WIPE)
    before = digest(path)
    with pytest.raises(ProjectError) as caught:
        Project.open(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("received.glossa: ") and "trigger wipe" in message
    assert digest(path) == before
    assert raw_count(path, "SELECT count(*) FROM annotations") == 3


# Each a way to smuggle code or a hang into a file: extra objects, or our own ones altered.
TAMPERING: dict[str, tuple[tuple[str, ...], str]] = {
    "extra view": (("CREATE VIEW spy AS SELECT * FROM annotations",), "view spy"),
    "extra table": (("CREATE TABLE stash (x)",), "table stash"),
    "extra index": (("CREATE INDEX slow ON annotations(note, exact)",), "index slow"),
    "our trigger altered": (
        ("DROP TRIGGER documents_fts_insert",
         "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
         "DELETE FROM annotations; END"),
        "trigger documents_fts_insert",
    ),
}


@pytest.mark.parametrize("case", TAMPERING, ids=list(TAMPERING))
def test_anything_glossa_did_not_create_is_refused_on_open_and_merge(
        tmp_path: Path, case: str) -> None:
    statements, named = TAMPERING[case]
    path = make_project(tmp_path)
    tamper(path, *statements)
    before = digest(path)
    with pytest.raises(ProjectError, match=named):
        Project.open(path)
    with pytest.raises(ProjectError, match=named):
        read_source(path)
    assert digest(path) == before


def test_a_view_in_place_of_a_table_is_refused(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    tamper(path, *ENDLESS_ANNOTATIONS)
    with pytest.raises(ProjectError, match="view annotations in place of a table"):
        Project.open(path)


def test_a_virtual_table_in_place_of_a_table_is_refused(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    tamper(path, "PRAGMA foreign_keys = OFF", "DROP TABLE tags",
           "CREATE VIRTUAL TABLE tags USING fts5(id, name)")
    with pytest.raises(ProjectError, match="tags"):
        read_source(path)
    with pytest.raises(ProjectError, match="tags"):
        Project.open(path)


def test_merging_a_file_whose_annotations_are_an_endless_view_fails_at_once(
        tmp_path: Path) -> None:
    ours = make_project(tmp_path, "ours.glossa")
    theirs = make_project(tmp_path, "theirs.glossa")
    tamper(theirs, *ENDLESS_ANNOTATIONS)
    before = digest(ours)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # The timeout is only a safety net: before the check, this merge never ended.
    result = subprocess.run([sys.executable, "-m", "core.cli", "merge", str(ours), str(theirs)],
                            env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "theirs.glossa" in lines[0] and "view annotations" in lines[0]
    assert digest(ours) == before


def test_tables_sqlite_makes_itself_are_not_foreign(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    # ANALYZE writes sqlite_stat1; an AUTOINCREMENT table leaves sqlite_sequence behind.
    tamper(path, "ANALYZE", "CREATE TABLE counter (n INTEGER PRIMARY KEY AUTOINCREMENT)",
           "INSERT INTO counter DEFAULT VALUES", "DROP TABLE counter")
    assert raw_count(path, "SELECT count(*) FROM sqlite_master WHERE name IN "
                           "('sqlite_stat1', 'sqlite_sequence')") == 2
    with Project.open(path) as project:
        assert len(project.store.annotations.rows()) == 3
    assert len(read_source(path).annotation_rows) == 3


def test_every_read_of_a_colleagues_file_has_a_deadline(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_project(tmp_path)
    monkeypatch.setattr(connection, "UNTRUSTED_READ_SECONDS", 1.0)
    store = Store.open_untrusted(path)
    rescued = threading.Event()

    def rescue() -> None:  # only if the deadline is missing: the test then fails, not hangs
        rescued.set()
        store.db.conn.interrupt()

    safety_net = threading.Timer(30, rescue)
    safety_net.start()
    try:
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            store.db.execute(f"{ENDLESS} SELECT count(*) FROM r").fetchone()
    finally:
        safety_net.cancel()
        store.close()
    assert not rescued.is_set()


def test_a_merge_that_runs_out_of_time_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with new_project(tmp_path, "big.glossa") as project:
        doc_id = add_document(project)
        quote = project.codebook().find("Quote").id
        project.bulk_add_annotations(
            Annotation(new_id(), doc_id, n % 50, n % 50 + 5, quote) for n in range(2000))
    monkeypatch.setattr(connection, "UNTRUSTED_READ_SECONDS", 0.0)
    with pytest.raises(ProjectError, match=r"^big\.glossa: .*took longer than"):
        read_source(tmp_path / "big.glossa")
