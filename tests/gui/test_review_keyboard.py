"""Review by keyboard alone: every decision key pressed, as listed in the Review menu."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from core.model import DecisionAction, DisagreementKind
from gui.article_view import FLASH_MS
from gui.main_window import MainWindow
from gui.panels.review import DIFFERENCE
from tests.gui.conftest import DialogSpy
from tests.gui.test_review import reviewing, rows

__all__ = ["reviewing"]  # the fixture, used by name

ALT = Qt.KeyboardModifier.AltModifier


def decisions(window: MainWindow) -> list[tuple[str, str]]:
    assert window.project is not None
    return rows(window.project.path, "SELECT action, comment FROM decisions WHERE deleted = 0 "
                                     "ORDER BY modified")


@pytest.fixture
def active(qtbot: Any, reviewing: MainWindow) -> MainWindow:
    """The reviewing window as the analyst's active window (window shortcuts need it)."""
    reviewing.activateWindow()
    qtbot.waitUntil(reviewing.isActiveWindow, timeout=3000)
    return reviewing


def choose(window: MainWindow, kind: DisagreementKind) -> None:
    """Click the Review tab, then the first undecided disagreement of ``kind`` in it."""
    panel = window.review_panel
    tabs = window.bottom_tabs.tabBar()
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tabs.tabRect(window.bottom_tabs.indexOf(panel)).center())
    row = next(i for i, d in enumerate(window.review.disagreements)
               if d.kind is kind and d.decision is None)
    table = panel.table
    table.scrollToItem(table.item(row, 1))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     table.visualItemRect(table.item(row, 1)).center())
    assert panel.current() is window.review.disagreements[row]


def press(widget: QWidget, key: Qt.Key) -> None:
    widget.setFocus()
    QTest.keyClick(widget, key, ALT)


def test_the_review_menu_lists_every_decision_with_its_keys(reviewing: MainWindow) -> None:
    menu = next(a.menu() for a in reviewing.menuBar().actions() if a.text() == "Revie&w")
    listed = {a.text().replace("&", ""): a.shortcut() for a in menu.actions() if a.text()}
    for text, keys in (("Accept A", "Alt+1"), ("Accept B", "Alt+2"), ("Accept both", "Alt+3"),
                       ("Reject", "Alt+R"), ("Edit to selection", "Alt+4"),
                       ("Comment…", "Alt+C")):
        assert listed[text] == QKeySequence(keys), text
    assert listed["Leave comparison"] == QKeySequence("Alt+L")
    assert listed["Next disagreement"] == QKeySequence("Alt+J")


def test_every_decision_key_works_from_the_list_and_from_the_article(
        qtbot: Any, active: MainWindow, dialog_spy: DialogSpy) -> None:
    reviewing = active
    table, article = reviewing.review_panel.table, reviewing.view
    choose(reviewing, DisagreementKind.ONLY_A)
    press(table, Qt.Key.Key_1)
    assert [a for a, _ in decisions(reviewing)] == ["accept_a"]
    choose(reviewing, DisagreementKind.TAG_DIFFERS)
    press(article, Qt.Key.Key_R)
    assert [a for a, _ in decisions(reviewing)] == ["accept_a", "reject"]
    dialog_spy.text_answers = ["Grenze prüfen"]
    choose(reviewing, DisagreementKind.BOUNDS_DIFFER)
    press(table, Qt.Key.Key_C)
    assert decisions(reviewing)[-1] == ("comment", "Grenze prüfen")
    item = reviewing.review_panel.current()
    assert item is not None
    article.select_span(item.start, item.end)
    press(article, Qt.Key.Key_4)
    assert decisions(reviewing)[-1][0] == "edit"
    assert dialog_spy.errors == [] and dialog_spy.infos == []


def test_accept_a_on_an_only_b_row_is_disabled_for_the_key_too(
        active: MainWindow, dialog_spy: DialogSpy) -> None:
    reviewing = active
    choose(reviewing, DisagreementKind.ONLY_B)
    panel = reviewing.review_panel
    assert not panel.buttons[DecisionAction.ACCEPT_A].isEnabled()
    assert not panel.decision_actions[DecisionAction.ACCEPT_A].isEnabled()
    press(panel.table, Qt.Key.Key_1)
    assert decisions(reviewing) == []
    assert dialog_spy.errors == [] and dialog_spy.infos == []
    press(panel.table, Qt.Key.Key_2)
    assert [a for a, _ in decisions(reviewing)] == ["accept_b"]


def test_leaving_a_comparison_shows_every_layer_again(
        qtbot: Any, reviewing: MainWindow) -> None:
    """The status bar says a comparison is on and offers the way out, on every document."""
    assert reviewing.project is not None
    indicator = reviewing.status_comparing
    assert indicator.isVisible() and "Comparing" in indicator.text()
    other = next(d for d in reviewing.project.documents() if d.id != reviewing.document_id)
    reviewing.open_document(other.id)
    assert indicator.isVisible()  # still comparing here, and it says so
    QTest.mouseClick(indicator, Qt.MouseButton.LeftButton)
    assert not indicator.isVisible()
    assert reviewing.review.pair is None and reviewing.review_panel.table.rowCount() == 0
    assert reviewing.layer_state.hidden == frozenset() and not reviewing.layer_state.by_analyst
    authors = set(reviewing.project.annotation_authors(reviewing.document_id).values())
    shown = {reviewing.project.annotation(s.id).author for s in reviewing.view.spans.spans()}
    assert shown == authors
    assert not reviewing.review_panel.leave_action.isEnabled()


def strike_out_at(window: MainWindow, position: int) -> bool | None:
    """Whether the character at code point ``position`` is drawn struck out (None: plain)."""
    view = window.view
    view.highlight_visible()
    u16 = view.offsets.to_utf16(position)
    block = view.document().findBlock(u16)
    local = u16 - block.position()
    for fmt in block.layout().formats():
        if fmt.start <= local < fmt.start + fmt.length:
            return fmt.format.fontStrikeOut()
    return None


def test_rejected_annotations_look_rejected_and_undo_restores_them(
        qtbot: Any, active: MainWindow) -> None:
    window = active
    choose(window, DisagreementKind.TAG_DIFFERS)
    item = window.review_panel.current()
    assert item is not None
    spans = window.view.spans
    inside = next(p for p in range(item.start, item.end)
                  if {s.id for s in spans.overlapping(p, p + 1)} <= set(item.key))
    assert strike_out_at(window, inside) is False
    press(window.review_panel.table, Qt.Key.Key_R)
    assert strike_out_at(window, inside) is True
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert strike_out_at(window, inside) is False


def test_the_list_shows_each_difference_and_the_article_keeps_it_outlined(
        qtbot: Any, active: MainWindow) -> None:
    window = active
    table = window.review_panel.table
    texts = [table.item(row, DIFFERENCE).text() for row in range(table.rowCount())]
    assert all(texts) and not any(" | " in t for t in texts)
    by_kind = dict(zip((d.kind for d in window.review.disagreements), texts, strict=True))
    assert by_kind[DisagreementKind.TAG_DIFFERS].startswith("tag: ")
    assert " → " in by_kind[DisagreementKind.TAG_DIFFERS]
    assert by_kind[DisagreementKind.BOUNDS_DIFFER].startswith("bounds: ")
    choose(window, DisagreementKind.BOUNDS_DIFFER)
    item = window.review_panel.current()
    assert item is not None
    qtbot.wait(FLASH_MS + 100)  # long after any flash would have faded
    assert window.view.review_mark == (item.start, item.end)
    choose(window, DisagreementKind.ONLY_A)
    following = window.review_panel.current()
    assert following is not None
    assert window.view.review_mark == (following.start, following.end)
    window.review.leave_comparison()
    assert window.view.review_mark is None  # no stale outline once the review is left
