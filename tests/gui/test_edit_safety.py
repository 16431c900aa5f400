"""Edits land on the annotation the analyst is editing, never on a colleague's.

Driven as an analyst acts: a click on a highlight, typing into the inspector, then Tab,
Enter or a click on another field; Delete and Ctrl+Z pressed. Each test checks the rows in
SQLite, read through a separate connection.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit

from core.commands import AddAnnotations
from core.project import Project, new_annotation
from gui.main_window import MainWindow
from tests.gui.conftest import (
    ANALYST,
    ARTICLE,
    DialogSpy,
    SampleProject,
    add_document,
    open_window,
    span_of,
)
from tests.gui.test_main_window import type_text

COLLEAGUE = "Renée Kollegin"
MINE = "„Wir schaffen das“"
THEIRS = "„Das ist falsch.“"


def _annotation_row(sample: SampleProject, passage: str, author: str) -> dict[str, Any]:
    start, _ = span_of(ARTICLE, passage)
    ((tag_id, attributes, note, deleted),) = sample.rows(
        "SELECT tag_id, attributes, note, deleted FROM annotations "
        "WHERE start = ? AND author = ?", (start, author))
    return {"tag_id": tag_id, "attributes": json.loads(attributes or "{}"), "note": note,
            "deleted": deleted}


@pytest.fixture
def shared_window(qtbot: Any, sample: SampleProject, isolated_settings: QSettings) -> MainWindow:
    """The article with two quotes: the analyst's own first, a colleague's after it (so the
    colleague's row follows ours in the list, where a lost current row would land)."""
    with Project.open(sample.path, author=ANALYST) as project:
        quote = project.codebook().find("Quote").id
        mine = new_annotation(sample.article_id, *span_of(ARTICLE, MINE), quote, ANALYST)
        theirs = new_annotation(sample.article_id, *span_of(ARTICLE, THEIRS), quote, COLLEAGUE,
                                attributes={"speaker": "Opposition"})
        project.execute(AddAnnotations([mine, theirs]))
    window = open_window(qtbot, sample, isolated_settings)
    qtbot.waitUntil(lambda: window.annotation_list.model.rowCount() == 2, timeout=2000)
    return window


def point_at(window: MainWindow, position: int) -> QPoint:
    """Where code point ``position`` begins on screen (in the viewport)."""
    cursor = window.view.textCursor()
    cursor.setPosition(window.view.offsets.to_utf16(position))
    rect = window.view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def click_passage(qtbot: Any, window: MainWindow, passage: str) -> None:
    """A mouse click in the middle of ``passage`` in the article."""
    start, end = span_of(window.view.text, passage)
    middle = (start + end) // 2
    window.view.scroll_to(start, end)
    cursor = window.view.textCursor()
    cursor.setPosition(window.view.offsets.to_utf16(middle))
    point = window.view.cursorRect(cursor).center()
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, point)
    qtbot.wait(10)


def field(window: MainWindow, name: str) -> QLineEdit | QComboBox:
    return window.inspector.attribute_fields[name]


def settle(qtbot: Any) -> None:
    """Let the list's deferred update (and anything else queued) run, as on screen."""
    qtbot.wait(120)


def current_exact(window: MainWindow) -> str | None:
    a = window.current_annotation
    return a.exact if a is not None else None


@pytest.mark.parametrize("commit_key", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_speaker_then_tab_or_enter_stays_on_the_edited_annotation(
        qtbot: Any, shared_window: MainWindow, sample: SampleProject,
        commit_key: Qt.Key) -> None:
    window = shared_window
    click_passage(qtbot, window, MINE)
    assert current_exact(window) == MINE
    speaker = field(window, "speaker")
    speaker.setFocus()
    type_text(speaker, "Kühn")
    QTest.keyClick(speaker, commit_key)
    settle(qtbot)
    assert _annotation_row(sample, MINE, ANALYST)["attributes"] == {"speaker": "Kühn"}
    # The selection did not move: inspector, article and list still show our quote.
    assert current_exact(window) == MINE
    assert window.inspector.annotation is not None and window.inspector.annotation.exact == MINE
    listed = window.annotation_list.table.currentIndex().row()
    assert window.annotation_list.model.annotation_id(listed) == window.current_annotation.id
    # The next edit (Form = direct, chosen with the keyboard) lands on our quote too.
    form = field(window, "form")
    assert isinstance(form, QComboBox)
    form.setFocus()
    QTest.keyClick(form, Qt.Key.Key_Down)
    settle(qtbot)
    assert _annotation_row(sample, MINE, ANALYST)["attributes"]["form"] == form.currentData()
    assert _annotation_row(sample, THEIRS, COLLEAGUE)["attributes"] == {"speaker": "Opposition"}
    assert current_exact(window) == MINE


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
def test_clicking_the_form_box_after_typing_keeps_the_annotation(
        qtbot: Any, shared_window: MainWindow, sample: SampleProject) -> None:
    window = shared_window
    click_passage(qtbot, window, MINE)
    speaker = field(window, "speaker")
    speaker.setFocus()
    type_text(speaker, "Merkel")
    form = field(window, "form")
    QTest.mouseClick(form, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(form.width() // 2, form.height() // 2))
    settle(qtbot)
    popup = form.view()
    if popup.isVisible():  # the click opened the list: choose "direct" in it
        QTest.keyClick(popup, Qt.Key.Key_Escape)
    settle(qtbot)
    assert _annotation_row(sample, MINE, ANALYST)["attributes"] == {"speaker": "Merkel"}
    assert current_exact(window) == MINE
    assert window.inspector.annotation is not None and window.inspector.annotation.exact == MINE


def delete_mine(qtbot: Any, window: MainWindow) -> None:
    """Click our quote in the article and press Delete there."""
    click_passage(qtbot, window, MINE)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    settle(qtbot)


def test_delete_selects_nothing_and_a_second_delete_removes_nothing(
        qtbot: Any, shared_window: MainWindow, sample: SampleProject) -> None:
    window = shared_window
    delete_mine(qtbot, window)
    assert _annotation_row(sample, MINE, ANALYST)["deleted"] == 1
    assert window.current_annotation is None
    assert window.inspector.annotation is None
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    settle(qtbot)
    assert _annotation_row(sample, THEIRS, COLLEAGUE)["deleted"] == 0


def test_undo_and_redo_select_what_the_command_touched(
        qtbot: Any, shared_window: MainWindow, sample: SampleProject) -> None:
    window = shared_window
    delete_mine(qtbot, window)
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert _annotation_row(sample, MINE, ANALYST)["deleted"] == 0
    assert current_exact(window) == MINE  # what came back, not the colleague's quote
    # An edit undone and redone: the edited annotation is selected each time.
    click_passage(qtbot, window, MINE)
    speaker = field(window, "speaker")
    speaker.setFocus()
    type_text(speaker, "Kühn")
    QTest.keyClick(speaker, Qt.Key.Key_Return)
    settle(qtbot)
    click_passage(qtbot, window, THEIRS)  # look elsewhere, then undo
    assert current_exact(window) == THEIRS
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert _annotation_row(sample, MINE, ANALYST)["attributes"] == {}
    assert current_exact(window) == MINE
    QTest.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert _annotation_row(sample, MINE, ANALYST)["attributes"] == {"speaker": "Kühn"}
    assert current_exact(window) == MINE


def test_editing_a_colleagues_annotation_asks_once_and_says_whose_it_is(
        qtbot: Any, shared_window: MainWindow, sample: SampleProject,
        dialog_spy: DialogSpy) -> None:
    window = shared_window
    click_passage(qtbot, window, THEIRS)
    assert current_exact(window) == THEIRS
    owner = window.inspector.owner_label
    assert owner.isVisible() and COLLEAGUE in owner.text()
    # Declined: nothing changes, and the field shows the stored value again.
    dialog_spy.confirm_answer = False
    speaker = field(window, "speaker")
    speaker.setFocus()
    speaker.selectAll()
    type_text(speaker, "Rene")
    QTest.keyClick(speaker, Qt.Key.Key_Tab)
    settle(qtbot)
    assert len(dialog_spy.questions) == 1 and COLLEAGUE in dialog_spy.questions[0]
    assert _annotation_row(sample, THEIRS, COLLEAGUE)["attributes"] == {"speaker": "Opposition"}
    assert isinstance(speaker, QLineEdit) and speaker.text() == "Opposition"
    # Agreed: the edit lands, and later edits of colleagues' work do not ask again.
    dialog_spy.confirm_answer = True
    speaker.setFocus()
    speaker.selectAll()
    type_text(speaker, "René")
    QTest.keyClick(speaker, Qt.Key.Key_Tab)
    settle(qtbot)
    assert _annotation_row(sample, THEIRS, COLLEAGUE)["attributes"] == {"speaker": "René"}
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    settle(qtbot)
    assert len(dialog_spy.questions) == 2  # declined once, agreed once, then no more
    assert _annotation_row(sample, THEIRS, COLLEAGUE)["deleted"] == 1
    # One's own annotations never ask, and the owner line stays hidden for them.
    click_passage(qtbot, window, MINE)
    assert not window.inspector.owner_label.isVisible()


def test_deleting_a_colleagues_annotation_declined_changes_nothing(
        qtbot: Any, shared_window: MainWindow, sample: SampleProject,
        dialog_spy: DialogSpy) -> None:
    window = shared_window
    dialog_spy.confirm_answer = False
    click_passage(qtbot, window, THEIRS)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    settle(qtbot)
    assert len(dialog_spy.questions) == 1
    assert _annotation_row(sample, THEIRS, COLLEAGUE)["deleted"] == 0
    assert window.undo_stack.count() == 0
    assert current_exact(window) == THEIRS



def test_a_search_hit_opens_at_the_occurrence_its_snippet_shows(
        qtbot: Any, main_window: MainWindow) -> None:
    """The headline has "fähre" inside "Donaufähre"; the hit, found by typing the query,
    pressing Enter and clicking the result, selects the word the snippet marks."""
    window = main_window
    assert window.project is not None
    text = "Streit um die Donaufähre\nDie Fähre sei zu alt, sagte der Bürgermeister.\n"
    add_document(window.project, text, "Donaufähre")
    QTest.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    panel = window.project_search
    assert panel.query.hasFocus()
    type_text(panel.query, "Fähre")
    QTest.keyClick(panel.query, Qt.Key.Key_Return)
    items = [panel.results.item(i) for i in range(panel.results.count())]
    item = next(i for i in items if "[Fähre] sei" in i.text())
    panel.results.scrollToItem(item)
    QTest.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, panel.results.visualItemRect(item).center())
    assert window.document_title == "Donaufähre"
    start = text.index("Fähre sei")
    assert window.view.selection_span() == (start, start + len("Fähre"))


SOURCES = "Quellen:\n22.09.2021 – (RFE/RL) – Chiefs Meet in Helsinki\nMehr dazu morgen.\n"


def test_tagging_a_sources_line_by_keyboard_fills_its_fields_and_focuses_the_first(
        qtbot: Any, main_window: MainWindow, sample: SampleProject) -> None:
    """A click before the line, Shift+Down over it and its gap line takes the newline
    too; the tag stops short of it."""
    window = main_window
    assert window.project is not None
    doc = add_document(window.project, SOURCES, "Quellen")
    window.open_document(doc)
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, point_at(window, 9))
    QTest.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    line_end = SOURCES.index("\nMehr")
    assert window.view.selection_span() == (9, line_end + 1)  # the newline is selected
    QTest.keyClick(window.view, Qt.Key.Key_2)  # Source
    ((start, end, attributes),) = sample.rows(
        "SELECT start, \"end\", attributes FROM annotations WHERE document_id = ?", (doc,))
    assert SOURCES[start:end] == "22.09.2021 – (RFE/RL) – Chiefs Meet in Helsinki"
    assert json.loads(attributes) == {"date": "2021-09-22", "outlet": "RFE/RL",
                                      "title": "Chiefs Meet in Helsinki"}
    outlet = field(window, "outlet")
    assert outlet.hasFocus() and isinstance(outlet, QLineEdit) and outlet.text() == "RFE/RL"


def test_a_drag_with_a_trailing_space_tags_the_words_only(
        qtbot: Any, main_window: MainWindow, sample: SampleProject) -> None:
    window = main_window
    view = window.view
    start, end = span_of(view.text, "sagte die Ministerin ")
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, point_at(window, start))
    QTest.mouseMove(view.viewport(), point_at(window, end))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, point_at(window, end))
    assert view.selection_span() == (start, end)
    QTest.keyClick(view, Qt.Key.Key_1)
    ((tagged_start, tagged_end, *_),) = sample.live_annotations()
    assert (tagged_start, tagged_end) == (start, end - 1)


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
def test_the_speaker_field_completes_from_recorded_speakers_and_article_names(
        qtbot: Any, shared_window: MainWindow, sample: SampleProject) -> None:
    """Typing "Oppo" offers the colleague's recorded speaker; Down, Enter takes it."""
    window = shared_window
    click_passage(qtbot, window, MINE)
    speaker = field(window, "speaker")
    assert isinstance(speaker, QLineEdit)
    speaker.setFocus()
    type_text(speaker, "Oppo")
    completer = speaker.completer()
    assert completer is not None
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    offered = [completer.completionModel().index(row, 0).data()
               for row in range(completer.completionModel().rowCount())]
    assert offered == ["Opposition"]
    QTest.keyClick(completer.popup(), Qt.Key.Key_Down)
    QTest.keyClick(completer.popup(), Qt.Key.Key_Return)
    QTest.keyClick(speaker, Qt.Key.Key_Return)
    settle(qtbot)
    assert _annotation_row(sample, MINE, ANALYST)["attributes"] == {"speaker": "Opposition"}
    assert current_exact(window) == MINE
