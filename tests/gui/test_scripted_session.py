"""A whole working session, as an analyst does it, with a screenshot per step.

Tag three quotes (speaker and form typed into the inspector), two sources from the
sources list, a tone passage; merge a colleague's project; review every disagreement
with the keyboard alone. At the end every edit is on the intended annotation and no
colleague's annotation changed except through a review decision. Set GLOSSA_SCREENSHOTS
to a folder to keep the screenshots (CI runs this under Xvfb too).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit

from core.commands import AddAnnotations
from core.project import Project, new_annotation
from core.review.adjudication import ADJUDICATED
from gui.main_window import MainWindow
from gui.preferences import Preferences
from tests.gui.conftest import ANALYST, DialogSpy, SampleProject, add_document, span_of
from tests.gui.test_edit_safety import point_at
from tests.gui.test_main_window import type_text

COLLEAGUE = "Renée Kollegin"
ARTICLE = (
    "Hafenrat Kellsport streitet über die neue Kabeltrasse\n"
    "Die Sitzung begann ruhig. „Wir werden die Trasse nicht blockieren“, sagte "
    "Bürgermeisterin Ada Lindqvist am Dienstag.\n"
    "Der Fischereiverband sieht das anders: „Das ist ein Angriff auf unsere Existenz.“ "
    "Sprecher Tomasz Wierzba kündigte Widerstand an.\n"
    "Ein Gutachter erklärte, die Route sei sicher.\n"
    "Quellen:\n"
    "12.03.2025 – (Kellsport Bote) – Trasse spaltet den Hafenrat\n"
    "13.03.2025 – (Radio Nord) – Fischer drohen mit Protest\n"
)
QUOTES = (  # passage, speaker, form (the n-th entry of the Form box)
    ("„Wir werden die Trasse nicht blockieren“", "Ada Lindqvist", "direct"),
    ("„Das ist ein Angriff auf unsere Existenz.“", "Tomasz Wierzba", "direct"),
    ("die Route sei sicher", "Gutachter", "reported"),
)
TONE = "Der Fischereiverband sieht das anders:"


class Shots:
    """Numbered screenshots of the window, kept where GLOSSA_SCREENSHOTS says."""

    def __init__(self, window: MainWindow, folder: Path) -> None:
        self.window, self.folder, self.count = window, folder, 0
        folder.mkdir(parents=True, exist_ok=True)

    def take(self, name: str) -> None:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        assert self.window.grab().save(str(path), "PNG"), path


def drag(window: MainWindow, start: int, end: int) -> None:
    view = window.view.viewport()
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     point_at(window, start))
    QTest.mouseMove(view, point_at(window, end))
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       point_at(window, end))


def rows(path: Path, author: str) -> dict[str, tuple[Any, ...]]:
    import sqlite3
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = conn.execute(
            'SELECT id, start, "end", tag_id, attributes, note, deleted FROM annotations '
            "WHERE author = ?", (author,)).fetchall()
    finally:
        conn.close()
    return {r[0]: r[1:] for r in found}


@pytest.fixture
def colleague_file(sample: SampleProject, tmp_path: Path) -> tuple[Path, str]:
    """A colleague's copy of the project with the same article, tagged a little differently."""
    with Project.open(sample.path, author=ANALYST) as project:
        doc = add_document(project, ARTICLE, "Kabeltrasse")
    theirs = tmp_path / "kollegin.glossa"
    shutil.copy(sample.path, theirs)
    with Project.open(theirs, author=COLLEAGUE) as project:
        quote = project.codebook().find("Quote").id
        source = project.codebook().find("Source").id
        first, second, third = (span_of(ARTICLE, q) for q, _, _ in QUOTES)
        project.execute(AddAnnotations([
            new_annotation(doc, *first, quote, COLLEAGUE,
                           attributes={"speaker": "Lindqvist", "form": "direct"}),
            # one character short at the end: bounds differ
            new_annotation(doc, second[0], second[1] - 1, quote, COLLEAGUE,
                           attributes={"speaker": "Tomasz Wierzba", "form": "direct"}),
            new_annotation(doc, *third, quote, COLLEAGUE,
                           attributes={"speaker": "Gutachter", "form": "direct"}),
            new_annotation(doc, *span_of(ARTICLE, "Radio Nord"), source, COLLEAGUE),
        ]))
    return theirs, doc


@pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") == "offscreen",
                    reason="needs a real X server: offscreen Qt activates completion popups "
                           "as windows, which no window manager does (CI runs it on Xvfb)")
def test_a_day_of_work_tagging_merging_and_reviewing_by_keyboard(
        qtbot: Any, sample: SampleProject, colleague_file: tuple[Path, str],
        isolated_settings: QSettings, dialog_spy: DialogSpy, tmp_path: Path) -> None:
    theirs, doc = colleague_file
    before_merge = rows(theirs, COLLEAGUE)
    window = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(window)
    assert window.open_project(sample.path)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.open_document(doc)
    shots = Shots(window, Path(os.environ.get("GLOSSA_SCREENSHOTS", tmp_path / "shots")))
    shots.take("opened")

    # --- three quotes: drag, key 1, speaker typed, Tab, form chosen with the keyboard ---
    for passage, speaker, form in QUOTES:
        drag(window, *span_of(ARTICLE, passage))
        QTest.keyClick(window.view, Qt.Key.Key_1)
        field = window.inspector.attribute_fields["speaker"]
        assert isinstance(field, QLineEdit) and field.hasFocus()
        type_text(field, speaker)
        QTest.keyClick(field, Qt.Key.Key_Tab)
        box = window.inspector.attribute_fields["form"]
        assert isinstance(box, QComboBox) and box.hasFocus()
        while box.currentData() != form:
            QTest.keyClick(box, Qt.Key.Key_Down)
        QTest.keyClick(box, Qt.Key.Key_Tab)
        qtbot.wait(60)
        assert window.current_annotation is not None
        assert window.current_annotation.exact == passage.strip()
        shots.take(f"quote-{speaker.split()[-1]}")

    # --- two sources: click before the line, Shift+Down twice, key 2; Enter back ---
    for line in ("12.03.2025", "13.03.2025"):
        QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, point_at(window, ARTICLE.index(line)))
        QTest.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClick(window.view, Qt.Key.Key_2)
        outlet = window.inspector.attribute_fields["outlet"]
        assert outlet.hasFocus()
        QTest.keyClick(outlet, Qt.Key.Key_Return)
        assert window.view.hasFocus()
    shots.take("sources")

    # --- a tone passage ---
    drag(window, *span_of(ARTICLE, TONE))
    QTest.keyClick(window.view, Qt.Key.Key_3)  # Tone/Confrontational
    qtbot.wait(60)
    shots.take("tone")

    mine = rows(sample.path, ANALYST)
    by_start = {r[0]: r for r in mine.values() if not r[5]}
    for passage, speaker, form in QUOTES:
        start, end = span_of(ARTICLE, passage)
        assert by_start[start][1] == end
        assert json.loads(by_start[start][3]) == {"speaker": speaker, "form": form}
    source = by_start[ARTICLE.index("12.03.2025")]
    assert json.loads(source[3]) == {"date": "2025-03-12", "outlet": "Kellsport Bote",
                                     "title": "Trasse spaltet den Hafenrat"}
    assert len(by_start) == 6

    # --- merge the colleague's project (File › Merge; the file dialog answered) ---
    window.exchange.ask_merge_file = lambda: theirs  # type: ignore[method-assign]
    with qtbot.waitSignal(window.exchange.mergeFinished, timeout=30000):
        window.window_actions.merge.trigger()
    shots.take("merged")

    # --- review by keyboard: the Review tab, A and B chosen, Compare, decide each ---
    tabs = window.bottom_tabs.tabBar()
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tabs.tabRect(window.bottom_tabs.indexOf(window.review_panel)).center())
    panel = window.review_panel
    for combo, name in ((panel.analyst_a, ANALYST), (panel.analyst_b, COLLEAGUE)):
        combo.setFocus()
        while combo.currentText() != name:
            QTest.keyClick(combo, Qt.Key.Key_Down)
    panel.compare.setFocus()
    QTest.keyClick(panel.compare, Qt.Key.Key_Space)
    assert window.review.disagreements
    shots.take("compare")
    decided = 0
    while (item := panel.current()) is not None and item.decision is None:
        key = (Qt.Key.Key_1 if item.annotations_a else Qt.Key.Key_2)
        QTest.keyClick(panel.table, key, Qt.KeyboardModifier.AltModifier)
        decided += 1
        assert decided < 20
        if decided == 2:
            shots.take("reviewing")
    assert decided >= 3 and all(d.decision is not None for d in window.review.disagreements)
    shots.take("reviewed")

    # --- nothing landed where it should not ---
    assert dialog_spy.questions == [] and dialog_spy.errors == []
    after = rows(sample.path, COLLEAGUE)
    assert {k: v for k, v in after.items() if k in before_merge} == before_merge
    assert rows(sample.path, ANALYST) == mine  # our own tags as typed, none changed
    adjudicated = rows(sample.path, ADJUDICATED)
    assert len(adjudicated) == decided
    assert shots.count >= 10
