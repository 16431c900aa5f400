"""The window notices when another program (the CLI, a second window) changes the project."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.main_window import MainWindow
from tests.gui.conftest import ARTICLE, SampleProject, select, span_of


def test_a_tag_added_by_the_command_line_appears_and_the_selection_stays(
        qtbot: Any, main_window: MainWindow, sample: SampleProject) -> None:
    window = main_window
    select(window, "„Wir schaffen das“")
    QTest.keyClick(window.view, Qt.Key.Key_1)  # our own tag: selected, one undo step
    ours = window.current_annotation
    assert ours is not None and window.undo_stack.count() == 1
    start, end = span_of(ARTICLE, "„Das ist falsch.“")
    done = subprocess.run(
        [sys.executable, "-m", "core.cli", "tag", str(sample.path), sample.article_id[:8],
         "Source", "--span", str(start), str(end), "--author", "Kollege"],
        capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    theirs = done.stdout.strip()
    qtbot.waitUntil(lambda: theirs in window.view.spans, timeout=20000)  # a CLI start, loaded
    assert window.current_annotation is not None and window.current_annotation.id == ours.id
    assert window.undo_stack.count() == 0  # the history no longer matches the file
    assert "Another program changed" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.annotation_list.model.rowCount() == 2, timeout=2000)


def test_our_own_edits_are_not_taken_for_another_programs(
        qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    select(window, "„Wir schaffen das“")
    QTest.keyClick(window.view, Qt.Key.Key_1)
    window.changes.check_outside_changes()
    assert window.undo_stack.count() == 1
    assert "Another program" not in window.statusBar().currentMessage()
