"""What the window says: counts in words, menus in a useful order, quotes not doubled."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from gui import app, dialogs
from gui.help import HelpDialog, shortcut_rows
from gui.main_window import MainWindow
from gui.preferences import Preferences
from tests.gui.conftest import DialogSpy, select
from tests.gui.test_main_window import type_text


def test_the_tag_menu_lists_tags_in_key_order(main_window: MainWindow) -> None:
    keys = [a.shortcut().toString() for a in main_window.window_actions.tag_menu.actions()]
    keyed = [k for k in keys if k]
    assert keyed == sorted(keyed, key=lambda k: "1234567890".find(k)) and keyed[:2] == ["1", "2"]
    assert keys[:len(keyed)] == keyed  # tags without a key come after


def test_find_bar_names_the_tag_tag_all_will_apply(qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    QTest.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert not bar.tag_all.isEnabled() and "choose a tag" in bar.tag_all.text()
    type_text(bar.pattern, "Ministerin")
    assert bar.count.text() == "2 matches"
    tree = window.codebook_panel.tree
    item = tree.topLevelItem(1)  # Source
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, tree.visualItemRect(item).center())
    assert bar.tag_all.isEnabled() and bar.tag_all.text() == "Tag all as Source"
    type_text(bar.pattern, "x")
    assert bar.count.text() == "0 matches"


def test_the_inspector_shows_the_passage_with_its_own_quotation_marks(
        qtbot: Any, main_window: MainWindow) -> None:
    select(main_window, "„Wir schaffen das“")
    QTest.keyClick(main_window.view, Qt.Key.Key_1)
    assert main_window.inspector.excerpt.text() == "„Wir schaffen das“"


def test_an_empty_window_says_what_to_do_and_offers_no_dead_buttons(
        qtbot: Any, isolated_settings: QSettings) -> None:
    window = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(window)
    window.show()
    assert window.title_label.isVisible() and "New project" in window.title_label.text()
    assert not any(b.isEnabled() for b in window.codebook_panel.buttons.values())


def test_first_contact_asks_the_name_in_the_shown_window_then_offers_the_sample(
        qtbot: Any, isolated_settings: QSettings, dialog_spy: DialogSpy) -> None:
    isolated_settings.remove("analyst/name")
    window = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(window)
    seen: list[bool] = []
    dialog_spy.text_answers = ["Jana Albrecht"]
    original = dialogs.ask_text

    def ask(parent: Any, title: str, label: str, value: str = "") -> str | None:
        seen.append(parent is window and window.isVisible())
        return original(parent, title, label, value)

    dialogs.ask_text = ask  # type: ignore[assignment]  # restored by dialog_spy's monkeypatch
    window.show()
    app.first_contact(window, app.parse_arguments([]))
    assert seen == [True]
    assert window.project is not None and window.project.path.name == "sample.glossa"
    assert window.project.author == "Jana Albrecht"
    assert window.codebook_panel.buttons["Add"].isEnabled()
    assert not window.title_label.isVisible() or "No project" not in window.title_label.text()


def test_the_window_fits_a_1024_by_700_screen_with_the_sample_open(
        qtbot: Any, isolated_settings: QSettings) -> None:
    """Two analysts in Review, long tag paths, a long title: still 1024 × 700 at most."""
    window = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(window)
    window.project_menu.open_sample_project()
    window.show()
    qtbot.waitExposed(window)
    assert window.review_panel.analyst_b.count() >= 2
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700, hint


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")
def test_help_lists_every_shortcut_the_menus_have(qtbot: Any, main_window: MainWindow) -> None:
    """Pressed, not called: Ctrl+/ opens the list; it names review and tag keys too."""
    window = main_window
    QTest.keyClick(window.view, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in window.findChildren(HelpDialog) if d.isVisible())
    text = dialog.browser.toPlainText()
    for line in ("Reject", "Alt+R", "Undo", "Ctrl+Z", "Quote", "Leave comparison",
                 "Tag all matches", "Keyboard shortcuts"):
        assert line in text, line
    rows = shortcut_rows(window)
    assert ("Review", "Comment…", "Alt+C") in rows and ("Tag", "Quote", "1") in rows
    started = window.help_actions[0]
    started.trigger()
    assert any("Getting started" in d.windowTitle() and d.isVisible()
               for d in window.findChildren(HelpDialog))


def test_a_status_message_takes_the_document_titles_place(main_window: MainWindow) -> None:
    bar = main_window.statusBar()
    assert main_window.status_document.isVisible()
    bar.showMessage("Tagged 3 matches as Quote.")
    assert not main_window.status_document.isVisible()
    bar.clearMessage()
    assert main_window.status_document.isVisible()


def test_margin_labels_name_the_tag_beside_its_lines_and_are_remembered(
        qtbot: Any, main_window: MainWindow, isolated_settings: QSettings) -> None:
    window = main_window
    select(window, "„Wir schaffen das“, sagte die Ministerin am Abend.")
    QTest.keyClick(window.view, Qt.Key.Key_3)  # Tone/Confrontational around…
    select(window, "„Das ist falsch.“")
    QTest.keyClick(window.view, Qt.Key.Key_1)  # …and a Quote on another line
    labels = window.margin_labels
    assert not labels.isVisible()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert labels.isVisible()
    qtbot.wait(20)
    marks = {m.text: m for m in labels.labels()}
    assert set(marks) == {"Tone/Confrontational", "Quote"}
    assert marks["Tone/Confrontational"].top < marks["Quote"].top  # beside their own lines
    image = labels.grab().toImage()
    quote = marks["Quote"]
    colour = image.pixelColor(quote.bar_x + 1, (quote.top + quote.bottom) // 2)
    assert colour.name() == window.codebook.find("Quote").color.lower()
    again = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(again)
    assert again.preferences.margin_labels()
