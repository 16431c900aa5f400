"""Only regular files are imported: a named pipe would block the import forever, a device
(``/dev/zero``) never ends. Both are refused by ``glossa import`` with one line."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import threading
from pathlib import Path

import pytest

from core.cli import main
from tests.core.helpers import new_project


def glossa_import(project: Path, file: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", str(project), str(file)])
    return code, out.getvalue(), err.getvalue()


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    new_project(tmp_path).close()
    project = tmp_path / "p.glossa"
    before = hashlib.sha256(project.read_bytes()).hexdigest()
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    rescued = threading.Event()

    def rescue() -> None:  # only if the import blocks: a writer lets it end, the test fails
        rescued.set()
        with open(pipe, "wb"):
            pass

    safety_net = threading.Timer(30, rescue)
    safety_net.start()
    try:
        code, out, err = glossa_import(project, pipe)
    finally:
        safety_net.cancel()
    assert not rescued.is_set()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "article.txt" in err
    assert "is not a regular file (a named pipe)" in err
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_before_reading(tmp_path: Path) -> None:
    with new_project(tmp_path) as project:
        path = project.path
    device = tmp_path / "endless.txt"
    device.symlink_to("/dev/zero")
    code, out, err = glossa_import(path, device)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "endless.txt" in err
    assert "is not a regular file (a character device)" in err
