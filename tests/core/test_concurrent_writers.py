"""Two processes writing one project at once: every call succeeds, nothing acknowledged is lost.

A read-then-write transaction begun with a plain BEGIN fails on its first write when the
other process committed in between (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits
out); write transactions therefore begin IMMEDIATE and queue for the write lock.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import sqlite3
from collections.abc import Callable
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from core.cli import main
from core.project import Project
from tests.core.helpers import add_document, new_project

WRITES = 300
Writer = Callable[[str, str, str, Event, "multiprocessing.Queue[tuple[str, list[str], list[str]]]"],
                  None]


def write_annotations(path: str, author: str, doc_id: str, start: Event,
                      results: multiprocessing.Queue[tuple[str, list[str], list[str]]]) -> None:
    """Tag ``WRITES`` spans through one open project, one transaction each."""
    acknowledged: list[str] = []
    failures: list[str] = []
    with Project.open(path, author=author) as project:
        start.wait()
        for n in range(WRITES):
            try:
                acknowledged.append(project.annotate(doc_id, n % 40, n % 40 + 3, "Quote").id)
            except Exception as err:
                failures.append(f"{type(err).__name__}: {err}")
    results.put((author, acknowledged, failures))


def run_glossa_tag(path: str, author: str, doc_id: str, start: Event,
                   results: multiprocessing.Queue[tuple[str, list[str], list[str]]]) -> None:
    """``glossa tag`` ``WRITES`` times: each call opens, checks, writes and closes the file."""
    acknowledged: list[str] = []
    failures: list[str] = []
    start.wait()
    for n in range(WRITES):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["tag", path, doc_id, "Quote", "--span", str(n % 40), str(n % 40 + 3),
                         "--author", author])
        if code == 0:
            acknowledged.append(out.getvalue().strip())
        else:
            failures.append(err.getvalue().strip())
    results.put((author, acknowledged, failures))


@pytest.mark.parametrize("writer", [write_annotations, run_glossa_tag], ids=["api", "cli"])
def test_two_processes_tagging_the_same_project_all_succeed(tmp_path: Path, writer: Writer) -> None:
    with new_project(tmp_path) as project:
        doc_id = add_document(project)
    path = str(tmp_path / "p.glossa")
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    results: multiprocessing.Queue[tuple[str, list[str], list[str]]] = context.Queue()
    workers = [context.Process(target=writer,
                               args=(path, author, doc_id, start, results))
               for author in ("Anna", "Tomás")]
    for worker in workers:
        worker.start()
    start.set()
    reports = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    for author, acknowledged, failures in reports:
        assert failures == [], f"{author}: {len(failures)} failed, first: {failures[0]}"
        assert len(acknowledged) == WRITES
    conn = sqlite3.connect(path)
    stored = {row[0] for row in conn.execute("SELECT id FROM annotations")}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert {i for _, acknowledged, _ in reports for i in acknowledged} <= stored
    assert len(stored) == 2 * WRITES
