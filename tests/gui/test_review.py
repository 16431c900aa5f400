"""Review mode in the real window: layers, compare two analysts, accept and reject, undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox

from core.commands import DeleteAnnotations, DeleteDocument
from core.model import DecisionAction, DisagreementKind
from core.review.adjudication import ADJUDICATED
from core.review.disagreements import find_all_disagreements
from core.sample import ANNA, TOMAS, build_sample_project
from gui.highlighter import _segments, composite
from gui.layers import ANALYST_COLOURS, analyst_key
from gui.main_window import MainWindow
from gui.panels.review import DECISION
from gui.preferences import Preferences
from tests.gui.conftest import DialogSpy
from tests.gui.test_main_window import background_at


def rows(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def reviewing(qtbot: Any, tmp_path: Path, isolated_settings: QSettings) -> MainWindow:
    """The sample project open at the ferry article, Anna compared with Tomás."""
    path = build_sample_project(tmp_path / "sample.glossa")
    window = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(window)
    assert window.open_project(path)
    assert window.project is not None
    ferry = next(d for d in window.project.documents() if "Donaufähre" in d.title)
    window.open_document(ferry.id)
    window.show()
    qtbot.waitExposed(window)
    panel = window.review_panel
    panel.analyst_a.setCurrentText(ANNA)
    panel.analyst_b.setCurrentText(TOMAS)
    panel.compare.click()
    return window


def test_compare_lists_disagreements_and_colours_by_analyst(reviewing: MainWindow) -> None:
    panel = reviewing.review_panel
    items = reviewing.review.disagreements
    assert items and panel.table.rowCount() == len(items)
    kinds = {d.kind for d in items}
    assert {DisagreementKind.ONLY_A, DisagreementKind.TAG_DIFFERS,
            DisagreementKind.BOUNDS_DIFFER} <= kinds
    assert panel.current() is not None  # the first undecided one is selected at once
    assert reviewing.layer_state.by_analyst
    only_anna = next(d for d in items if d.kind is DisagreementKind.ONLY_A)
    reviewing.view.scroll_to(only_anna.start, only_anna.end)
    reviewing.view.highlight_visible()
    colour = background_at(reviewing, only_anna.start + 1)
    assert colour is not None
    position = only_anna.start + 1
    spans = reviewing.view.spans.overlapping(position, position + 1)
    ((_, _, layers),) = _segments(spans, position, position + 1,
                                  reviewing.view.highlighter.colour_keys)
    colours = reviewing.review.analyst_colours
    assert set(layers) <= {analyst_key(ANNA), analyst_key(TOMAS)}
    assert layers[-1] == analyst_key(ANNA)  # Anna's passage is the innermost layer
    expected = composite([QColor(colours[layers[-1].removeprefix("analyst:")])])
    assert colour.name() == expected.name()
    assert colours[ANNA] != colours[TOMAS]
    assert {colours[ANNA], colours[TOMAS]} <= set(ANALYST_COLOURS)


def test_hiding_a_layer_takes_its_annotations_out_of_the_article(reviewing: MainWindow) -> None:
    assert reviewing.project is not None
    authors = reviewing.project.annotation_authors(reviewing.document_id)
    assert TOMAS in authors.values()
    box = reviewing.review_panel._layer_boxes[TOMAS]
    box.setChecked(False)
    shown = {authors[s.id] for s in reviewing.view.spans.spans()}
    assert shown == {ANNA}
    box.setChecked(True)
    assert {authors[s.id] for s in reviewing.view.spans.spans()} == {ANNA, TOMAS}


def _line_counts(view: Any) -> list[int]:
    """Lines per paragraph, every paragraph laid out now (Qt does it lazily)."""
    document = view.document()
    layout = document.documentLayout()
    counts = []
    for number in range(document.blockCount()):
        block = document.findBlockByNumber(number)
        layout.blockBoundingRect(block)
        counts.append(block.layout().lineCount())
    return counts


def test_side_by_side_lays_out_and_scrolls_both_articles_alike(
    qtbot: Any, reviewing: MainWindow
) -> None:
    assert reviewing.project is not None
    reviewing.resize(1500, 900)  # the splitter leaves the two articles a pixel apart
    reviewing.review_panel.side_by_side.setChecked(True)
    qtbot.wait(20)
    for doc in reviewing.project.documents():
        reviewing.open_document(doc.id)
        assert _line_counts(reviewing.view) == _line_counts(reviewing.side_view)
    bar, side_bar = reviewing.view.verticalScrollBar(), reviewing.side_view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the end: Qt lays the last paragraphs out on the way
    qtbot.waitUntil(lambda: side_bar.value() == side_bar.maximum()
                    and _top(reviewing.side_view) == _top(reviewing.view))


def test_side_by_side_keeps_the_place_while_layers_change(
    qtbot: Any, reviewing: MainWindow
) -> None:
    panel = reviewing.review_panel
    panel.side_by_side.setChecked(True)
    reviewing.resize(900, 500)
    qtbot.wait(20)
    bar = reviewing.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = _top(reviewing.view)
    assert place > 0 and _top(reviewing.side_view) == place
    boxes = {box.text(): box for box in panel.findChildren(QCheckBox)}
    boxes[TOMAS].setChecked(False)
    boxes[TOMAS].setChecked(True)
    theirs = next(iter(reviewing.side_view.spans.spans()))
    assert reviewing.run_command(DeleteAnnotations([theirs.id]))
    assert theirs.id not in {s.id for s in reviewing.side_view.spans.spans()}
    assert _top(reviewing.view) == _top(reviewing.side_view) == place
    reviewing.undo_stack.undo()  # shows the annotation it brings back, on both sides
    assert theirs.id in {s.id for s in reviewing.side_view.spans.spans()}
    assert _top(reviewing.side_view) == _top(reviewing.view)


def test_side_by_side_keeps_the_place_when_the_window_hides(
    qtbot: Any, reviewing: MainWindow
) -> None:
    """Minimising the window hides the copy too, but must not re-wrap the article."""
    reviewing.review_panel.side_by_side.setChecked(True)
    reviewing.resize(1200, 600)
    qtbot.wait(20)
    bar = reviewing.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = _top(reviewing.view)
    reviewing.hide()
    reviewing.show()
    qtbot.waitExposed(reviewing)
    assert _top(reviewing.view) == _top(reviewing.side_view) == place
    reviewing.review_panel.side_by_side.setChecked(False)
    assert reviewing.view.text_width_cap is None  # the article's own column again


def test_resizing_the_window_keeps_the_line_read_at_the_top(
    qtbot: Any, reviewing: MainWindow
) -> None:
    """A scroll value counts lines; a narrower or wider article wraps anew, and the same
    value would show other text. The line holding the first character shown stays first."""
    view = reviewing.view
    reviewing.resize(1400, 600)
    qtbot.wait(20)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    for width in (900, 700, 1300):
        first = view.top_position()
        reviewing.resize(width, 600)
        qtbot.wait(20)
        block = view.document().findBlock(first)
        line = block.layout().lineForTextPosition(first - block.position())
        assert view.top_position() == block.position() + line.textStart()


def test_side_by_side_lets_tab_move_on_and_always_unticks(
    qtbot: Any, reviewing: MainWindow
) -> None:
    panel = reviewing.review_panel
    panel.side_by_side.setChecked(True)
    reviewing.activateWindow()
    reviewing.side_view.setFocus()
    qtbot.waitUntil(reviewing.side_view.hasFocus)
    qtbot.keyClick(reviewing.side_view, Qt.Key.Key_Tab)
    assert not reviewing.side_view.hasFocus()  # no trap: stepping is the article's
    panel.analyst_b.setCurrentText(ANNA)  # choosing another pair: A == B for a moment
    panel.side_by_side.setChecked(False)
    assert reviewing.side_view.isHidden() and panel.by_analyst.isEnabled()


def test_side_by_side_closes_with_the_last_open_article(reviewing: MainWindow) -> None:
    assert reviewing.project is not None
    reviewing.review_panel.side_by_side.setChecked(True)
    assert reviewing.side_view.isVisible()
    for doc in reviewing.project.documents():
        assert reviewing.run_command(DeleteDocument(doc.id))
    assert reviewing.document_id == ""
    assert reviewing.side_view.isHidden() and reviewing.side_header.isHidden()


def test_side_by_side_closes_when_analyst_b_leaves(reviewing: MainWindow) -> None:
    """All of Tomás's annotations undone or deleted: nothing is left to show beside."""
    project = reviewing.project
    assert project is not None
    panel = reviewing.review_panel
    panel.side_by_side.setChecked(True)
    assert reviewing.side_view.isVisible()
    theirs = [a.id for d in project.documents() for a in project.annotations(d.id)
              if a.author == TOMAS]
    assert reviewing.run_command(DeleteAnnotations(theirs))
    assert reviewing.review.pair is None and reviewing.side_pair is None
    assert reviewing.side_view.isHidden() and reviewing.side_header.isHidden()
    assert panel.layer_state() == reviewing.layer_state == reviewing.display.article_layers
    assert panel.by_analyst.isEnabled()
    assert {s.id for s in reviewing.view.spans.spans()} == {
        a.id for a in project.annotations(reviewing.document_id)
        if reviewing.layer_state.shows(a.author)}
    panel.side_by_side.setChecked(False)
    assert reviewing.side_view.isHidden()


def test_accept_and_reject_are_recorded_and_undone(reviewing: MainWindow,
                                                   dialog_spy: DialogSpy) -> None:
    assert reviewing.project is not None
    path = reviewing.project.path
    panel = reviewing.review_panel
    first = panel.current()
    assert first is not None and first.annotations_a
    panel.buttons[DecisionAction.ACCEPT_A].click()
    decided = rows(path, "SELECT action, decided_by FROM decisions WHERE deleted = 0")
    assert decided == [("accept_a", reviewing.project.author)]
    layer = rows(path, "SELECT start, \"end\" FROM annotations WHERE author = ? AND deleted = 0",
                 (ADJUDICATED,))
    accepted = reviewing.project.annotation(first.annotations_a[0])
    assert layer == [(accepted.start, accepted.end)]
    row = [d.id for d in reviewing.review.disagreements].index(first.id)
    assert panel.table.item(row, DECISION).text() == f"accepted {ANNA}"
    second = panel.current()  # the panel moved on to the next undecided disagreement
    assert second is not None and second.id != first.id and second.decision is None
    panel.buttons[DecisionAction.REJECT].click()
    marks = ",".join("?" * len(second.key))
    statuses = rows(path, f"SELECT status FROM annotations WHERE id IN ({marks})", second.key)
    assert {s for (s,) in statuses} == {"rejected"}
    assert reviewing.undo_stack.undoText().startswith("Reject")
    reviewing.undo_stack.undo()
    statuses = rows(path, f"SELECT status FROM annotations WHERE id IN ({marks})", second.key)
    assert {s for (s,) in statuses} == {"accepted"}
    reviewing.undo_stack.undo()
    assert rows(path, "SELECT count(*) FROM decisions WHERE deleted = 0") == [(0,)]
    assert rows(path, "SELECT count(*) FROM annotations WHERE author = ? AND deleted = 0",
                (ADJUDICATED,)) == [(0,)]
    assert all(d.decision is None for d in reviewing.review.disagreements)
    assert dialog_spy.errors == []


def test_agreement_report_is_written_in_the_background(qtbot: Any, reviewing: MainWindow,
                                                       dialog_spy: DialogSpy,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "agreement"
    with qtbot.waitSignal(reviewing.exchange.exportFinished, timeout=30000) as finished:
        reviewing.review.export_report(out, ANNA, TOMAS, "CSV table (*.csv)")
    written = tmp_path / "agreement.csv"
    assert finished.args[0] == str(written)
    assert reviewing.project is not None
    everywhere = find_all_disagreements(reviewing.project, ANNA, TOMAS)
    assert finished.args[1] == len(everywhere) > len(reviewing.review.disagreements) > 0
    table = written.read_text(encoding="utf-8-sig")
    assert "kappa" in table and "confusion" in table and ANNA in table
    assert dialog_spy.offered and "disagreements listed" in dialog_spy.offered[-1]


def test_newcomers_get_a_colour_and_nobody_elses_changes(reviewing: MainWindow) -> None:
    """Accepting into the Adjudicated layer adds an analyst mid-review."""
    colours = dict(reviewing.review.analyst_colours)
    reviewing.review_panel.buttons[DecisionAction.ACCEPT_A].click()
    after = reviewing.review.analyst_colours
    assert {k: after[k] for k in colours} == colours  # Anna and Tomás keep theirs
    assert ADJUDICATED in after and after[ADJUDICATED] not in colours.values()
    keys = reviewing.view.highlighter.colour_keys
    assert keys is not None and analyst_key(ADJUDICATED) in keys.values()
    assert ADJUDICATED in reviewing.review_panel._layer_boxes
    assert reviewing.annotation_list.author.findData(ADJUDICATED) >= 0


def test_edit_to_selection_and_comment(reviewing: MainWindow, dialog_spy: DialogSpy) -> None:
    assert reviewing.project is not None
    path = reviewing.project.path
    panel = reviewing.review_panel
    item = panel.current()
    assert item is not None
    panel.buttons[DecisionAction.EDIT].click()  # nothing selected in the article yet
    assert dialog_spy.errors and "Select the passage" in dialog_spy.errors[-1]
    assert rows(path, "SELECT count(*) FROM decisions") == [(0,)]
    start, end = item.start + 1, item.end - 1
    reviewing.view.select_span(start, end)
    panel.buttons[DecisionAction.EDIT].click()
    layer = rows(path, 'SELECT start, "end", tag_id FROM annotations WHERE author = ? '
                       "AND deleted = 0", (ADJUDICATED,))
    source = reviewing.project.annotation((item.annotations_a or item.annotations_b)[0])
    assert layer == [(start, end, source.tag_id)]
    following = panel.current()
    assert following is not None and following.id != item.id
    dialog_spy.text_answers = ["Zitat prüfen – „Quelle?“"]
    panel.buttons[DecisionAction.COMMENT].click()
    assert set(rows(path, "SELECT action, comment FROM decisions WHERE deleted = 0")) == {
        ("edit", ""), ("comment", "Zitat prüfen – „Quelle?“")}


def _top(view: Any) -> int:
    """The first character shown (what the reader sees at the top of the article)."""
    return int(view.cursorForPosition(QPoint(4, 4)).position())


def test_side_by_side_shows_each_analyst_in_their_own_article(qtbot: Any,
                                                               reviewing: MainWindow) -> None:
    assert reviewing.project is not None
    authors = reviewing.project.annotation_authors(reviewing.document_id)
    side = reviewing.side_view
    assert side.isHidden()
    reviewing.review_panel.side_by_side.setChecked(True)  # re-runs the comparison
    assert side.isVisible() and reviewing.side_header.isVisible()
    assert {authors[s.id] for s in reviewing.view.spans.spans()} == {ANNA}
    assert {authors[s.id] for s in side.spans.spans()} == {TOMAS}
    assert reviewing.view.highlighter.colour_keys is None  # both sides in tag colours
    assert not reviewing.review_panel.by_analyst.isEnabled()
    assert side.text == reviewing.view.text and side.isReadOnly()
    # The overview strip maps A's article, so it stands beside it, between the two.
    assert (reviewing.view.geometry().right() < reviewing.strip.geometry().left()
            < side.geometry().left())
    assert [c.text() for c in reviewing.side_captions] == [
        f"{ANNA}'s annotations", f"{TOMAS}'s annotations"]
    assert reviewing.review.disagreements  # the disagreement list stays
    reviewing.review_panel.step(1)  # the chosen passage is outlined on both sides
    chosen = reviewing.review_panel.current()
    assert chosen is not None
    assert side.review_mark == reviewing.view.review_mark == (chosen.start, chosen.end)
    # Scrolling either article scrolls the other to the same place.
    reviewing.resize(900, 500)
    qtbot.wait(10)
    bar = reviewing.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    assert _top(side) == _top(reviewing.view) > 0
    side.verticalScrollBar().setValue(0)
    assert bar.value() == 0
    # A change to Tomás's layer shows up beside the article at once.
    tomas_span = next(iter(side.spans.spans()))
    reviewing.run_command(DeleteAnnotations([tomas_span.id]))
    assert tomas_span.id not in {s.id for s in side.spans.spans()}
    reviewing.review_panel.side_by_side.setChecked(False)
    assert side.isHidden() and reviewing.side_header.isHidden()
    assert {authors[s.id] for s in reviewing.view.spans.spans()} == {ANNA, TOMAS}
    assert reviewing.review_panel.by_analyst.isEnabled()


def test_side_by_side_follows_the_layer_boxes(reviewing: MainWindow) -> None:
    """Side by side, B's box shows or hides the article beside; the others stay in it."""
    assert reviewing.project is not None
    authors = reviewing.project.annotation_authors(reviewing.document_id)
    panel = reviewing.review_panel
    panel.side_by_side.setChecked(True)
    boxes = {box.text(): box for box in panel.findChildren(QCheckBox)}
    assert boxes[ANNA].isChecked() and boxes[TOMAS].isChecked()  # both layers are shown
    boxes[TOMAS].setChecked(False)
    assert not reviewing.side_view.spans.spans()
    assert reviewing.side_captions[1].text() == f"{TOMAS}'s annotations (layer hidden)"
    assert {authors[s.id] for s in reviewing.view.spans.spans()} == {ANNA}
    boxes[TOMAS].setChecked(True)
    assert {authors[s.id] for s in reviewing.side_view.spans.spans()} == {TOMAS}
    boxes[ANNA].setChecked(False)
    assert not reviewing.view.spans.spans()
    assert reviewing.side_captions[0].text() == "No layer shown"
