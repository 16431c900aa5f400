"""Document › Use full page text / Use article text, driven by keyboard and mouse: the
stored text and the annotations' offsets change together, undo brings both back, and a
switch that would strand an annotation is refused with the annotation named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from core.project import Project
from gui.main_window import MainWindow
from tests.gui.conftest import (
    ANALYST,
    PLATFORM_NOISE,
    DialogSpy,
    SampleProject,
    add_document,
    open_window,
)
from tests.gui.conftest import span_of as _span

#: Opening a menu on the offscreen platform: it cannot raise a popup or grab the keyboard
#: (on Xvfb, as in CI's second run, neither is said); the menus work all the same.
pytestmark = pytest.mark.qt_log_ignore(PLATFORM_NOISE,
                                       "This plugin does not support (raise|grabbing)")

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "web" / "en-courier.html"
QUOTE = "“This was not an act of God,”"
CLUTTER = "Sign up to Down to Earth"


@pytest.fixture
def web(qtbot: Any, tmp_path: Path, isolated_settings: QSettings) -> MainWindow:
    path = tmp_path / "web.glossa"
    with Project.create(path, author=ANALYST) as project:
        doc = project.import_file(PAGE).document
        project.annotate(doc.id, *_span(project.text(doc.id), QUOTE), "Quote")
        plain = add_document(project, "Ein Text ohne Webseite.\n", "Notiz")
    window = open_window(qtbot, SampleProject(path, doc.id, plain), isolated_settings)
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    return window


def _rows(window: MainWindow, sql: str) -> list[tuple[Any, ...]]:
    assert window.project is not None
    return SampleProject(window.project.path, "", "").rows(sql)


def _stored(window: MainWindow) -> tuple[str, list[tuple[Any, ...]]]:
    [(text,)] = _rows(window, f"SELECT text FROM documents WHERE id = '{window.document_id}'")
    return str(text), _rows(window, 'SELECT start, "end", exact FROM annotations '
                                    "WHERE deleted = 0 ORDER BY start")


def _document_menu(window: MainWindow) -> QMenu:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Document")
    assert isinstance(menu, QMenu)
    return menu


def _open_by_mouse(qtbot: Any, window: MainWindow) -> QMenu:
    menu, bar = _document_menu(window), window.menuBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    return menu


def _open_by_keyboard(qtbot: Any, window: MainWindow) -> QMenu:
    menu = _document_menu(window)
    QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    return menu


def test_switching_by_keyboard_moves_text_and_annotations_together(
        qtbot: Any, web: MainWindow, dialog_spy: DialogSpy) -> None:
    article, before = _stored(web)
    menu = _open_by_keyboard(qtbot, web)
    assert web.document_menu.full_page_action.isEnabled()
    assert not web.document_menu.article_action.isEnabled()  # it shows the article
    QTest.keyClick(menu, Qt.Key.Key_F)  # Use &full page text
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=3000)

    full, after = _stored(web)
    assert "Share on Facebook" in full and "Share on Facebook" not in article
    assert after == [(*_span(full, QUOTE), QUOTE)] != before
    assert web.view.text == full  # the window shows the new text, highlight on the quote
    assert [(s.start, s.end) for s in web.view.spans.spans()] == [_span(full, QUOTE)]
    assert "full page text" in web.statusBar().currentMessage()
    assert dialog_spy.errors == []

    QTest.keyClick(web.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(web) == (article, before)
    assert web.view.text == article
    QTest.keyClick(web.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _stored(web) == (full, after)


def test_a_switch_that_would_strand_an_annotation_is_refused_by_name(
        qtbot: Any, web: MainWindow, dialog_spy: DialogSpy) -> None:
    menu = _open_by_mouse(qtbot, web)
    action = web.document_menu.full_page_action
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: "Share on" in web.view.text, timeout=3000)
    web.view.select_span(*_span(web.view.text, CLUTTER))
    web.annotating.annotate_selection(web.codebook.find("Source").id)
    full, annotations = _stored(web)
    assert (*_span(full, CLUTTER), CLUTTER) in annotations

    menu = _open_by_mouse(qtbot, web)
    assert web.document_menu.article_action.isEnabled()
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(web.document_menu.article_action).center())
    qtbot.waitUntil(lambda: bool(dialog_spy.errors), timeout=3000)
    [error] = dialog_spy.errors
    assert "does not hold the passage of 1 annotation" in error
    assert f"“{CLUTTER}” (Source, " in error
    assert _stored(web) == (full, annotations)  # nothing changed
    assert web.view.text == full


def test_only_a_web_page_offers_the_switch(
        qtbot: Any, web: MainWindow, sample: SampleProject) -> None:
    web.documents.documentChosen.emit(_rows(web, "SELECT id FROM documents "
                                                 "WHERE format = 'txt'")[0][0])
    menu = _open_by_keyboard(qtbot, web)
    assert not web.document_menu.full_page_action.isEnabled()
    assert not web.document_menu.article_action.isEnabled()
    QTest.keyClick(menu, Qt.Key.Key_Escape)
