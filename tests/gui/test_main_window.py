"""The real main window, driven like an analyst would: keys, clicks, the inspector, undo."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from core.project import Project
from gui.highlighter import composite
from gui.main_window import MainWindow
from tests.gui.conftest import ANALYST, ARTICLE, DialogSpy, SampleProject, select, span_of


def background_at(window: MainWindow, position: int) -> QColor | None:
    """The highlight colour the highlighter gave the character at code point ``position``."""
    view = window.view
    u16 = view.offsets.to_utf16(position)
    block = view.document().findBlock(u16)
    local = u16 - block.position()
    for fmt in block.layout().formats():
        if fmt.start <= local < fmt.start + fmt.length:
            brush = fmt.format.background()
            return brush.color() if brush.style() != Qt.BrushStyle.NoBrush else None
    return None


def type_text(widget: Any, text: str) -> None:
    """One key event per character: ``keyClicks`` with non-ASCII text crashes this Qt."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


def tag_id(window: MainWindow, path: str) -> str:
    return window.codebook.find(path).id


def press(qtbot: Any, window: MainWindow, key: str) -> None:
    qtbot.keyClick(window.view, key)


def wait_listed(qtbot: Any, window: MainWindow, rows: int) -> None:
    """The list follows a change a frame after the article (``LIST_UPDATE_DELAY_MS``)."""
    qtbot.waitUntil(lambda: window.annotation_list.model.rowCount() == rows, timeout=2000)


def test_tag_key_commits_annotation_and_paints_it(qtbot: Any, main_window: MainWindow,
                                                  sample: SampleProject) -> None:
    start, end = select(main_window, "„Wir schaffen das“")
    assert start != main_window.view.offsets.to_utf16(start)  # astral characters come before
    press(qtbot, main_window, "1")

    rows = sample.live_annotations()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (start, end, tag_id(main_window, "Quote"), ANALYST)]
    quote = QColor(main_window.codebook.find("Quote").color)
    assert background_at(main_window, start) == composite([quote])
    assert background_at(main_window, end - 1) == composite([quote])
    assert background_at(main_window, end) is None
    assert background_at(main_window, start - 1) is None
    # The new annotation is selected: inspector and list show it.
    assert main_window.current_annotation is not None
    assert main_window.inspector.annotation is not None
    assert main_window.inspector.annotation.exact == "„Wir schaffen das“"
    wait_listed(qtbot, main_window, 1)
    assert main_window.annotation_list.table.currentIndex().row() == 0  # selected there too
    assert main_window.documents.model.documents()[0].annotation_count == 1


def test_tag_key_without_selection_changes_nothing(qtbot: Any, main_window: MainWindow,
                                                   sample: SampleProject) -> None:
    press(qtbot, main_window, "1")
    assert sample.live_annotations() == []
    assert main_window.undo_stack.count() == 0


def test_undo_and_redo_remove_and_restore(qtbot: Any, main_window: MainWindow,
                                          sample: SampleProject) -> None:
    start, _end = select(main_window, "Привет из Казани")
    press(qtbot, main_window, "4")  # Tone/Critical
    assert len(sample.live_annotations()) == 1
    assert main_window.window_actions.undo.text() == "&Undo Tag as Tone/Critical"

    qtbot.keyClick(main_window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sample.live_annotations() == []
    assert background_at(main_window, start) is None
    assert main_window.current_annotation is None
    wait_listed(qtbot, main_window, 0)

    qtbot.keyClick(main_window.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(sample.live_annotations()) == 1
    critical = QColor(main_window.codebook.find("Tone/Critical").color)
    assert background_at(main_window, start) == composite([critical])
    wait_listed(qtbot, main_window, 1)


def test_overlapping_spans_show_legend_colours_and_underline(qtbot: Any,
                                                             main_window: MainWindow) -> None:
    """Inside an overlap the inner tag's own colour, underlined in the outer tag's: no
    blended colour that the codebook does not show."""
    select(main_window, "„Wir schaffen das“, sagte die Ministerin am Abend.")
    press(qtbot, main_window, "3")  # Tone/Confrontational
    inner_start, _ = select(main_window, "„Wir schaffen das“")
    press(qtbot, main_window, "1")
    tone = QColor(main_window.codebook.find("Tone/Confrontational").color)
    quote = QColor(main_window.codebook.find("Quote").color)
    assert background_at(main_window, inner_start) == composite([quote])
    assert background_at(main_window, inner_start + 20) == composite([tone])
    view = main_window.view
    u16 = view.offsets.to_utf16(inner_start)
    block = view.document().findBlock(u16)
    formats = [f for f in block.layout().formats()
               if f.start <= u16 - block.position() < f.start + f.length]
    assert formats[0].format.underlineStyle() != formats[0].format.UnderlineStyle.NoUnderline
    assert formats[0].format.underlineColor() == tone.darker(120)


def test_click_selects_and_tab_steps_through_annotations(qtbot: Any,
                                                         main_window: MainWindow) -> None:
    first, _ = select(main_window, "Привет")
    press(qtbot, main_window, "1")
    second, _ = select(main_window, "„Das ist falsch.“")
    press(qtbot, main_window, "1")
    main_window.select_annotation(None)

    view = main_window.view
    rect = view.cursorRect(_cursor_at(view, second + 3))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    assert main_window.current_annotation is not None
    assert main_window.current_annotation.start == second

    main_window.view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert main_window.current_annotation.start == first
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert main_window.current_annotation.start == second

    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(view.viewport().width() - 5, view.viewport().height() - 5))
    assert main_window.current_annotation is None


def _cursor_at(view: Any, position: int) -> Any:
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(position))
    return cursor


def test_delete_key_removes_selected_annotation(qtbot: Any, main_window: MainWindow,
                                                sample: SampleProject) -> None:
    select(main_window, "Kompromiss")
    press(qtbot, main_window, "8")
    assert len(sample.live_annotations()) == 1
    main_window.window_actions.delete_annotation.trigger()
    assert sample.live_annotations() == []
    assert main_window.current_annotation is None
    main_window.undo_stack.undo()
    assert len(sample.live_annotations()) == 1


def test_inspector_takes_the_speaker(qtbot: Any, main_window: MainWindow,
                                     sample: SampleProject) -> None:
    select(main_window, "„Das ist falsch.“")
    press(qtbot, main_window, "1")
    speaker = main_window.inspector.attribute_fields["speaker"]
    assert speaker.hasFocus()  # a new quote asks for its speaker at once
    type_text(speaker, "Grünen-Sprecher Öz")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert main_window.view.hasFocus()  # Enter hands the keyboard back to the article
    attributes = json.loads(sample.live_annotations()[0][4])
    assert attributes == {"speaker": "Grünen-Sprecher Öz"}
    assert main_window.window_actions.undo.text() == "&Undo Edit attributes"

    form = main_window.inspector.attribute_fields["form"]
    form.setCurrentIndex(form.findData("reported"))
    form.activated.emit(form.currentIndex())
    attributes = json.loads(sample.live_annotations()[0][4])
    assert attributes == {"speaker": "Grünen-Sprecher Öz", "form": "reported"}
    main_window.undo_stack.undo()
    main_window.undo_stack.undo()
    assert json.loads(sample.live_annotations()[0][4]) == {}
    assert main_window.inspector.attribute_fields["speaker"].text() == ""


def test_inspector_switches_between_annotations_of_one_tag(
        main_window: MainWindow, sample: SampleProject) -> None:
    """The form is reused for another annotation of the same tag: every value must follow."""
    assert main_window.project is not None
    project, doc = main_window.project, sample.article_id
    first = project.annotate(doc, *span_of(ARTICLE, "„Wir schaffen das“"), "Quote",
                             attributes={"speaker": "Ministerin", "form": "direct"},
                             note="erste")
    second = project.annotate(doc, *span_of(ARTICLE, "Kompromiss"), "Quote", note="",
                              author="Tomás")
    odd = project.annotate(doc, *span_of(ARTICLE, "Debatte"), "Quote",
                           attributes={"speaker": "X", "mood": "grimmig"})
    inspector = main_window.inspector
    main_window.select_annotation(first.id)
    fields = dict(inspector.attribute_fields)
    assert fields["speaker"].text() == "Ministerin"
    assert inspector.note.toPlainText() == "erste"
    main_window.select_annotation(second.id)
    assert inspector.attribute_fields == fields  # same widgets, refilled
    assert fields["speaker"].text() == ""
    assert fields["form"].currentData() == ""
    assert inspector.note.toPlainText() == ""
    assert "By Tomás" in inspector.meta.text()
    assert "Kompromiss" in inspector.excerpt.text()
    main_window.select_annotation(odd.id)  # an attribute the tag does not define
    assert inspector.attribute_fields["speaker"].text() == "X"
    labels = [inspector.form.itemAt(row, inspector.form.ItemRole.FieldRole).widget()
              for row in range(inspector.form.rowCount())]
    assert any(getattr(w, "text", lambda: "")() == "mood: grimmig" for w in labels)
    main_window.select_annotation(first.id)
    assert inspector.attribute_fields["speaker"].text() == "Ministerin"
    assert inspector.attribute_fields["form"].currentData() == "direct"


def test_set_span_to_selection(qtbot: Any, main_window: MainWindow,
                               sample: SampleProject) -> None:
    select(main_window, "„Wir schaffen das“")
    press(qtbot, main_window, "1")
    start, end = select(main_window, "„Wir schaffen das“, sagte die Ministerin")
    main_window.window_actions.set_span.trigger()
    assert [(r[0], r[1]) for r in sample.live_annotations()] == [(start, end)]
    quote = QColor(main_window.codebook.find("Quote").color)
    assert background_at(main_window, end - 1) == composite([quote])


def test_deleting_a_tag_asks_first(qtbot: Any, main_window: MainWindow, sample: SampleProject,
                                   dialog_spy: DialogSpy) -> None:
    select(main_window, "Kompromiss")
    press(qtbot, main_window, "1")
    panel = main_window.codebook_panel
    panel.select_tag(tag_id(main_window, "Quote"))

    dialog_spy.confirm_answer = False
    panel.buttons["Delete"].click()
    assert "with 1 annotation in the project" in dialog_spy.questions[-1]
    assert len(sample.live_annotations()) == 1
    assert sample.rows("SELECT deleted FROM tags WHERE name = 'Quote'") == [(0,)]

    dialog_spy.confirm_answer = True
    panel.buttons["Delete"].click()
    assert sample.live_annotations() == []
    assert sample.rows("SELECT deleted FROM tags WHERE name = 'Quote'") == [(1,)]
    assert "Quote" not in [panel.tree.topLevelItem(i).text(0)
                           for i in range(panel.tree.topLevelItemCount())]
    main_window.undo_stack.undo()
    assert len(sample.live_annotations()) == 1


def test_codebook_add_rename_recolour_nest(qtbot: Any, main_window: MainWindow,
                                           sample: SampleProject, dialog_spy: DialogSpy) -> None:
    panel = main_window.codebook_panel
    dialog_spy.text_answers = ["Framing"]
    panel.buttons["Add"].click()
    framing = main_window.codebook.find("Framing")
    assert framing.key == "9"  # the next free key
    dialog_spy.text_answers = ["Wirtschaft"]
    panel.buttons["Nested"].click()
    assert main_window.codebook.path(main_window.codebook.find("Wirtschaft").id) == \
        "Framing/Wirtschaft"
    dialog_spy.text_answers = ["Ökonomie"]
    panel.buttons["Rename"].click()
    dialog_spy.colour_answer = "#123456"
    panel.buttons["Colour"].click()
    tag = main_window.codebook.find("Framing/Ökonomie")
    assert tag.color == "#123456"
    panel.ask_parent = lambda *_args: None  # move to the top level
    panel.buttons["Move"].click()
    assert main_window.codebook.path(main_window.codebook.find("Ökonomie").id) == "Ökonomie"
    assert sample.rows("SELECT color, parent_id FROM tags WHERE name = 'Ökonomie'") == [
        ("#123456", None)]


def test_refused_action_shows_message_and_changes_nothing(
        qtbot: Any, main_window: MainWindow, sample: SampleProject,
        dialog_spy: DialogSpy) -> None:
    panel = main_window.codebook_panel
    panel.select_tag(tag_id(main_window, "Quote"))
    before = sample.rows("SELECT name, deleted FROM tags ORDER BY name")
    dialog_spy.text_answers = ["Quo/te"]
    panel.buttons["Rename"].click()
    assert dialog_spy.errors and "cannot contain '/'" in dialog_spy.errors[-1]
    assert sample.rows("SELECT name, deleted FROM tags ORDER BY name") == before
    assert main_window.undo_stack.count() == 0


def test_annotation_list_filters_and_selects(qtbot: Any, main_window: MainWindow) -> None:
    select(main_window, "Привет")
    press(qtbot, main_window, "1")
    select(main_window, "Kompromiss")
    press(qtbot, main_window, "8")
    select(main_window, "„Das ist falsch.“")
    press(qtbot, main_window, "1")
    panel = main_window.annotation_list
    wait_listed(qtbot, main_window, 3)

    panel.tag.setCurrentIndex(panel.tag.findText("Quote"))
    panel.tag.activated.emit(panel.tag.currentIndex())
    assert panel.model.rowCount() == 2
    assert {panel.model.index(r, 1).data() for r in range(2)} == {"Quote"}

    panel.tag.setCurrentIndex(0)
    panel.status.setCurrentIndex(panel.status.findData("rejected"))
    panel.status.activated.emit(panel.status.currentIndex())
    assert panel.model.rowCount() == 0
    panel.status.setCurrentIndex(0)
    panel.author.setCurrentIndex(panel.author.findData(ANALYST))
    panel.author.activated.emit(panel.author.currentIndex())
    wait_listed(qtbot, main_window, 3)

    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    texts = [panel.model.index(r, 0).data() for r in range(3)]
    assert texts == sorted(texts, key=str.casefold, reverse=True)

    row = next(r for r in range(3) if panel.model.index(r, 0).data() == "Kompromiss")
    panel.table.selectRow(row)
    assert main_window.current_annotation is not None
    assert main_window.current_annotation.exact == "Kompromiss"
    assert main_window.view.is_flashing()


def test_whole_project_list_opens_other_document(qtbot: Any, main_window: MainWindow,
                                                 sample: SampleProject) -> None:
    with Project.open(sample.path, author="Anna Berger") as other:
        text = other.text(sample.second_id)
        other.annotate(sample.second_id, *span_of(text, "Fishermen protested"), "Quote")
    panel = main_window.annotation_list
    panel.scope.setCurrentIndex(1)
    panel.scope.activated.emit(1)
    assert panel.model.rowCount() == 1
    assert not panel.table.isColumnHidden(5)
    panel.table.selectRow(0)
    assert main_window.document_id == sample.second_id
    assert main_window.view.selection_span() is None
    assert main_window.current_annotation is not None
    assert main_window.current_annotation.author == "Anna Berger"


def test_find_and_tag_all_matches_is_one_undo_step(qtbot: Any, main_window: MainWindow,
                                                   sample: SampleProject) -> None:
    qtbot.keyClick(main_window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main_window.find_bar.isVisible()
    qtbot.keyClicks(main_window.find_bar.pattern, "die Ministerin")
    assert len(main_window.finding.hits) == 2
    assert len(main_window.view.extraSelections()) == 2

    main_window.find_bar.mode.setCurrentIndex(2)  # regular expression
    main_window.find_bar.pattern.setText(r"sagte\s+die")
    assert len(main_window.finding.hits) == 2
    main_window.find_bar.pattern.setText("(")
    assert main_window.finding.hits == []
    assert "regular expression" in main_window.find_bar.count.text()
    main_window.find_bar.mode.setCurrentIndex(1)  # whole word
    main_window.find_bar.pattern.setText("die")
    assert len(main_window.finding.hits) == 5  # "die" and "Die", never inside another word

    main_window.codebook_panel.select_tag(tag_id(main_window, "Note"))
    main_window.find_bar.tag_all.click()
    assert len(sample.live_annotations()) == 5
    assert main_window.undo_stack.count() == 1
    main_window.undo_stack.undo()
    assert sample.live_annotations() == []


def test_project_search_opens_the_document_at_the_hit(qtbot: Any,
                                                      main_window: MainWindow) -> None:
    main_window.window_actions.search_project.trigger()
    main_window.project_search.query.setText("Fishermen")
    main_window.project_search.searchRequested.emit("Fishermen")
    assert main_window.project_search.results.count() == 1
    item = main_window.project_search.results.item(0)
    main_window.project_search.results.itemActivated.emit(item)
    assert main_window.document_title == "Kabelroute"
    start, end = main_window.view.selection_span() or (0, 0)
    assert main_window.view.text[start:end] == "Fishermen"


def test_documents_filter_and_switch(qtbot: Any, main_window: MainWindow,
                                     sample: SampleProject) -> None:
    panel = main_window.documents
    assert panel.proxy.rowCount() == 2
    qtbot.keyClicks(panel.filter_box, "kabel")
    assert panel.proxy.rowCount() == 1
    panel.table.selectRow(0)
    assert main_window.document_id == sample.second_id
    assert main_window.status_document.text() == "Kabelroute"
    assert ANALYST in main_window.status_analyst.text()



def test_follows_a_dark_palette(qtbot: Any, main_window: MainWindow,
                                sample: SampleProject) -> None:
    """Dark mode: the article takes the palette's colours and highlights stay translucent."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    try:
        app.setPalette(dark)
        qtbot.wait(10)
        view = main_window.view
        assert view.palette().color(QPalette.ColorRole.Base).lightness() < 60
        assert view.palette().color(QPalette.ColorRole.Text).lightness() > 200
        select(main_window, "„Wir schaffen das“")
        press(qtbot, main_window, "1")
        start, _ = span_of(ARTICLE, "„Wir schaffen das“")
        fill = background_at(main_window, start + 1)
        assert fill is not None and 0 < fill.alpha() < 255  # the dark base shows through
        shot = view.viewport().grab().toImage()
        assert shot.pixelColor(2, shot.height() - 2).lightness() < 60
    finally:
        app.setPalette(light)


def test_copy_gives_the_stored_text_across_paragraphs(qtbot: Any, main_window: MainWindow,
                                                      sample: SampleProject) -> None:
    """Paragraphs are shown with a gap (U+2028); copying must not carry it along."""
    from PySide6.QtWidgets import QApplication

    view = main_window.view
    first_break = ARTICLE.index("\n")
    view.select_span(first_break - 5, first_break + 6)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == ARTICLE[first_break - 5:first_break + 6]
    assert view.document().firstBlock().text().endswith("\u2028")  # what is shown has the gap


def test_a_document_removed_by_redo_is_left_for_one_that_exists(
        qtbot: Any, main_window: MainWindow, sample: SampleProject) -> None:
    main_window.remove_document()
    main_window.undo_stack.undo()
    main_window.open_document(sample.article_id)
    main_window.undo_stack.redo()  # removes the open document again
    assert main_window.document_id == sample.second_id
    assert main_window.view.text.startswith(main_window.project.text(sample.second_id))  # type: ignore[union-attr]
    assert [d.id for d in main_window.documents.model.documents()] == [sample.second_id]
