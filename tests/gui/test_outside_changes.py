"""The window notices when another program (the CLI, a second window) changes the project."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from core.commands import Change
from core.project import Project
from gui.main_window import MainWindow
from tests.core.helpers import run_cli
from tests.gui.conftest import ARTICLE, DialogSpy, SampleProject, select, span_of


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


def test_a_command_line_change_made_while_a_merge_finishes_is_not_swallowed(
        qtbot: Any, main_window: MainWindow, sample: SampleProject, dialog_spy: DialogSpy,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI commits after the merge worker's commit, before the window hears of it."""
    window = main_window
    assert window.project is not None
    colleague = sample.colleague(window, tmp_path / "colleague.glossa", "Tomás", "Tone/Critical")
    cli_made: list[str] = []
    announce = Project.announce

    def cli_first(project: Project, change: Change, *, commits: Iterable[int]) -> None:
        start, end = span_of(ARTICLE, "„Das ist falsch.“")
        cli_made.append(run_cli("tag", str(sample.path), sample.article_id[:8], "Source",
                             "--span", str(start), str(end), "--author", "Kollege"))
        announce(project, change, commits=commits)

    monkeypatch.setattr(Project, "announce", cli_first)
    with qtbot.waitSignal(window.exchange.mergeFinished, timeout=20000):
        window.exchange.start_merge(window.project, window, colleague)
    assert cli_made and cli_made[0] not in window.view.spans  # the merge's change only
    qtbot.waitUntil(lambda: cli_made[0] in window.view.spans, timeout=5000)
    assert "Another program changed" in window.statusBar().currentMessage()


def test_the_command_line_only_reading_keeps_the_undo_history(
        qtbot: Any, main_window: MainWindow, sample: SampleProject) -> None:
    """A listing folds the window's commits into the file as it closes: no news."""
    window = main_window
    select(window, "„Wir schaffen das“")
    QTest.keyClick(window.view, Qt.Key.Key_1)
    assert sample.article_id[:8] in run_cli("docs", str(sample.path))
    window.changes.check_outside_changes()
    assert window.undo_stack.count() == 1
    assert "Another program" not in window.statusBar().currentMessage()
