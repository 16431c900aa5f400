"""Suggestions in the window: proposed by a key, drawn as open, decided by keys."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from gui.main_window import MainWindow
from tests.gui.conftest import PLATFORM_NOISE, SampleProject


def statuses(sample: SampleProject) -> list[tuple[str, str, str]]:
    return [(r[0], r[1], r[2]) for r in sample.rows(
        "SELECT substr(exact, 1, 12), status, origin FROM annotations WHERE deleted = 0 "
        "AND document_id = ? ORDER BY start", (sample.article_id,))]


@pytest.fixture
def active(qtbot: Any, main_window: MainWindow) -> MainWindow:
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow, timeout=3000)
    return main_window


def test_suggest_then_accept_and_reject_by_key_and_undo(
        qtbot: Any, active: MainWindow, sample: SampleProject) -> None:
    window = active
    view = window.view
    QTest.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    found = statuses(sample)
    assert len(found) >= 2 and {s for _, s, _ in found} == {"proposed"}
    assert {o for _, _, o in found} == {"suggested"}
    assert "Wir schaffen" in {t for t, _, _ in found}  # inside the marks
    # The first suggestion is selected and drawn open: faint, with a dashed underline.
    first = window.current_annotation
    assert first is not None and first.status.value == "proposed"
    span = view.spans.get(first.id)
    assert span is not None and span.proposed
    QTest.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    after_accept = statuses(sample)
    assert after_accept[0][1] == "accepted"
    second = window.current_annotation
    assert second is not None and second.id != first.id  # moved on to the next open one
    QTest.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert [s for _, s, _ in statuses(sample)][:2] == ["accepted", "rejected"]
    # Running again brings back neither the decided ones nor duplicates.
    window.suggesting.suggest()
    assert len(statuses(sample)) == len(found)
    # Undo takes back the rejection, then the acceptance.
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {s for _, s, _ in statuses(sample)} == {"proposed"}


def test_the_review_menu_lists_the_suggestion_keys(main_window: MainWindow) -> None:
    menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "Revie&w")
    keys = {a.text(): a.shortcut().toString() for a in menu.actions() if a.text()}
    assert keys["Suggest quotes and sources"] == "Ctrl+Shift+G"
    assert keys["Accept suggestion"] == "Alt+Y" and keys["Reject suggestion"] == "Alt+N"


def test_imported_articles_come_with_suggestions_unless_turned_off(
        qtbot: Any, main_window: MainWindow, tmp_path: Any) -> None:
    """Review › Suggest on import (on by default, remembered): an article imported through
    the window arrives with its quotes proposed; turned off, it arrives bare."""
    window = main_window
    toggle = window.suggesting.on_import_action
    assert toggle.isChecked() and window.preferences.suggest_on_import()
    first = tmp_path / "erste.txt"
    first.write_text("„Wir bleiben hier“, sagte die Bürgermeisterin.\n", encoding="utf-8")
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.exchange_actions.import_files([first])
    assert window.project is not None
    proposed = [a for a in window.project.annotations(window.document_id)
                if a.status.value == "proposed"]
    assert [a.exact for a in proposed] == ["Wir bleiben hier"]
    toggle.trigger()
    assert not window.preferences.suggest_on_import()
    second = tmp_path / "zweite.txt"
    second.write_text("„Wir gehen nicht“, sagte der Kapitän.\n", encoding="utf-8")
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.exchange_actions.import_files([second])
    assert window.project.annotations(window.document_id) == []


@pytest.mark.qt_log_ignore(PLATFORM_NOISE, "This plugin does not support (raise|grabbing)")
def test_tone_cues_are_proposed_once_chosen_and_the_choice_is_remembered(
        qtbot: Any, active: MainWindow, sample: SampleProject) -> None:
    """Review › Include tone cues (off by default): Ctrl+Shift+G then proposes Tone levels
    too, each saying which words made it."""
    window = active
    toggle = window.suggesting.tone_action
    assert not toggle.isChecked() and not window.preferences.suggest_tone()
    bar = window.menuBar()
    menu = next(a.menu() for a in bar.actions() if a.text() == "Revie&w")
    assert isinstance(menu, QMenu)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(toggle).center())
    assert toggle.isChecked() and window.preferences.suggest_tone()
    QTest.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    tones = sample.rows(
        "SELECT t.name, a.note, a.status FROM annotations a JOIN tags t ON t.id = a.tag_id "
        "WHERE a.deleted = 0 AND a.document_id = ? AND t.parent_id IS NOT NULL",
        (sample.article_id,))
    assert tones == [("Conciliatory", "Suggested: tone cue 'Kompromiss' → Conciliatory "
                                      "(low confidence)", "proposed")]
