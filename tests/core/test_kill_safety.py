"""Nothing acknowledged is lost when the process dies mid-write (SIGKILL: no cleanup runs).

A child tags passages as fast as it can and prints each id once ``project.execute`` has
returned; the test kills it at a random moment, then opens the file: every printed id is
there and ``integrity_check`` is ok. Several rounds on one file, so later kills land on a
project that already survived earlier ones.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from core.project import Project
from tests.core.helpers import add_document, new_project

CHILD = """
import sys
from core.project import Project
project = Project.open(sys.argv[1], author="Kill")
doc = sys.argv[2]
n = 0
while True:
    a = project.annotate(doc, n % 50, n % 50 + 5, "Quote", attributes={"speaker": f"S{n}"})
    print(a.id, flush=True)
    n += 1
"""


def test_killed_writers_lose_nothing_they_acknowledged(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        doc = add_document(project, "Ein Text, lang genug für viele kurze Stellen. " * 3)
        path = project.path
    acknowledged: set[str] = set()
    rng = random.Random(20261205)
    for _ in range(4):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), doc],
                                 stdout=subprocess.PIPE, text=True,
                                 cwd=Path(__file__).resolve().parents[2])
        assert child.stdout is not None
        first = child.stdout.readline().strip()  # it writes: now wait a random moment
        assert first
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        acknowledged |= {first, *(line.strip() for line in rest.splitlines()
                                  if len(line.strip()) == 36)}
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    with Project.open(path, rolling_backup=False) as project:
        stored = {a.id for a in project.annotations(doc)}
    assert len(acknowledged) > 4 and acknowledged <= stored
