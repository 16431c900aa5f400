"""Start-up, the crash guard, imports off the GUI thread, and a screenshot on a real X server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from gui import app
from gui.main_window import MainWindow
from tests.gui.conftest import DialogSpy, SampleProject

REPO = Path(__file__).resolve().parents[2]


def test_import_runs_off_thread_and_reports_bad_files(qtbot: Any, main_window: MainWindow,
                                                      tmp_path: Path,
                                                      dialog_spy: DialogSpy) -> None:
    good = tmp_path / "neu.txt"
    good.write_text("Neuer Artikel 😀\n„Zitat“, sagte er.\n", encoding="utf-8")
    again = tmp_path / "again.txt"
    again.write_text("Neuer Artikel 😀\n„Zitat“, sagte er.\n", encoding="utf-8")
    bad = tmp_path / "kaputt.pdf"
    bad.write_bytes(b"not a pdf at all")
    with qtbot.waitSignal(main_window.importFinished, timeout=20_000) as blocker:
        main_window.exchange_actions.import_files([good, again, bad])
    assert blocker.args == [2, 1]
    assert main_window.documents.model.rowCount() == 3
    assert main_window.document_title == "Neuer Artikel 😀"
    assert len(dialog_spy.errors) == 1 and "kaputt.pdf" in dialog_spy.errors[0]
    assert "1 already in the project" in main_window.statusBar().currentMessage()


def test_crash_guard_logs_and_reports(monkeypatch: pytest.MonkeyPatch,
                                      dialog_spy: DialogSpy, caplog: Any) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.install_crash_guard()
    try:
        raise RuntimeError("boom")
    except RuntimeError as err:
        sys.excepthook(type(err), err, err.__traceback__)
    assert "RuntimeError: boom" in dialog_spy.errors[-1]
    assert "Your work so far is saved" in dialog_spy.errors[-1]
    assert any("uncaught exception" in r.getMessage() for r in caplog.records)


def run_main(qtbot: Any, argv: list[str]) -> int:
    """``app.main`` in this process, then one short event loop.

    After ``QApplication.exec()`` returns under pytest-qt, the next test's event loops
    would hold the GIL (PySide6 6.11) and starve worker threads, until some event loop
    runs in the same test; this wait is that loop. The app itself is unaffected: it
    exits when ``exec`` returns.
    """
    code = app.main(argv)
    qtbot.wait(10)
    return code


def test_main_opens_project_and_saves_screenshot(qtbot: Any, sample: SampleProject,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shot = tmp_path / "shot.png"
    assert run_main(qtbot, [str(sample.path), "--screenshot", str(shot)]) == 0
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 500
    # The project is remembered as the last one for the next start.
    from gui.preferences import Preferences

    assert Preferences().last_project() == sample.path.resolve()


def test_main_reports_a_project_that_cannot_open(qtbot: Any, tmp_path: Path,
                                                 dialog_spy: DialogSpy,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    junk = tmp_path / "junk.glossa"
    junk.write_bytes(b"this is not sqlite" * 100)
    assert run_main(qtbot, [str(junk), "--screenshot", str(tmp_path / "s.png")]) == 0
    assert dialog_spy.errors and "not a Glossa project" in dialog_spy.errors[0]
    assert junk.read_bytes() == b"this is not sqlite" * 100


@pytest.mark.xvfb
def test_screenshot_under_xvfb(sample: SampleProject, tmp_path: Path) -> None:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed")
    display = f":{90 + os.getpid() % 100}"
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        shot = tmp_path / "xvfb.png"
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "XDG_DATA_HOME": str(tmp_path / "data")}
        result = subprocess.run([sys.executable, str(REPO / "main.py"), "--screenshot", str(shot),
                                 str(sample.path)], cwd=REPO, env=env, capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        image = QImage(str(shot))
        assert image.width() >= 800 and image.height() >= 500
    finally:
        server.terminate()
        server.wait(5)
