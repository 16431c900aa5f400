"""Item models (checked by qtmodeltester), the span index, the highlighter's blending, find."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from core.model import Annotation, DocumentInfo
from core.project import Project
from gui.article_view import sentence_bounds
from gui.highlighter import FILL_ALPHA, _segments, composite
from gui.models.annotation_table import AnnotationTableModel, Filter
from gui.models.document_list import DocumentListModel
from gui.span_index import BUCKET, Span, SpanIndex
from gui.text_matches import BadPattern, FindMode, find_matches
from tests.gui.conftest import ARTICLE, SampleProject, span_of


def _annotation(i: str, start: int, end: int, tag: str = "t", deleted: bool = False) -> Annotation:
    return Annotation(id=i, document_id="d", start=start, end=end, tag_id=tag, deleted=deleted)


def test_span_index_finds_overlaps_across_buckets() -> None:
    index = SpanIndex([_annotation("a", 10, 20), _annotation("b", 15, BUCKET * 3),
                       _annotation("c", BUCKET * 2 + 5, BUCKET * 2 + 9),
                       _annotation("gone", 0, 5, deleted=True)])
    assert len(index) == 3
    assert [s.id for s in index.overlapping(0, 16)] == ["a", "b"]
    assert [s.id for s in index.overlapping(BUCKET * 2, BUCKET * 2 + 6)] == ["b", "c"]
    assert index.overlapping(20, 15) == []
    assert [s.id for s in index.at(16)] == ["a", "b"]  # innermost first
    assert index.tag_counts["t"] == 3


def test_span_index_updates_in_place_and_steps_in_order() -> None:
    index = SpanIndex([_annotation("a", 10, 20), _annotation("b", 30, 40)])
    old = index.put(_annotation("a", 50, 60, tag="u"))
    assert old == Span("a", 10, 20, "t")
    assert index.overlapping(10, 20) == []
    assert [s.id for s in index.spans()] == ["b", "a"]
    assert index.next_after(0).id == "b"  # type: ignore[union-attr]
    assert index.next_after(0, current="b").id == "a"  # type: ignore[union-attr]
    assert index.next_after(0, current="a") is None
    assert index.previous_before(100, current="a").id == "b"  # type: ignore[union-attr]
    assert index.put(_annotation("b", 30, 40, deleted=True)) is not None
    assert "b" not in index
    assert dict(index.tag_counts) == {"u": 1}


def test_composite_blends_layers_and_keeps_translucency() -> None:
    red, blue = QColor("#ff0000"), QColor("#0000ff")
    one = composite([red])
    assert (one.red(), one.alpha()) == (255, FILL_ALPHA)
    both = composite([red, blue])
    assert both.alpha() > FILL_ALPHA
    assert both.blue() > both.red() > 0  # the top layer dominates, the lower one shows
    assert composite([blue, red]) != both


def test_segments_cut_at_every_edge() -> None:
    spans = [Span("a", 0, 10, "x"), Span("b", 5, 15, "y")]
    assert _segments(spans, 0, 20) == [(0, 5, ("x",)), (5, 10, ("x", "y")), (10, 15, ("y",))]


def test_find_modes() -> None:
    text = "Die Ministerin, die Debatte; diese Diebe."
    assert find_matches(text, "die") == [(0, 3), (16, 19), (29, 32), (35, 38)]
    assert find_matches(text, "die", FindMode.WORD) == [(0, 3), (16, 19)]
    assert find_matches(text, "die", FindMode.WORD, case_sensitive=True) == [(16, 19)]
    assert find_matches(text, r"D\w+e\b", FindMode.REGEX, case_sensitive=True) == [
        (0, 3), (20, 27), (35, 40)]
    assert find_matches(text, "x*", FindMode.REGEX) == []  # empty matches are skipped
    with pytest.raises(BadPattern, match="regular expression"):
        find_matches(text, "(", FindMode.REGEX)
    assert find_matches("😀 Fähre 𝔘 Fähre", "fähre") == [(2, 7), (10, 15)]


def test_sentence_bounds() -> None:
    text = "Erster Satz. „Zweiter Satz!“ sagte sie. Dritter\nNeue Zeile."
    start, end = sentence_bounds(text, text.index("Zweiter"))
    assert text[start:end] == "„Zweiter Satz!“"
    start, end = sentence_bounds(text, text.index("Dritter"))
    assert text[start:end] == "Dritter"


def test_document_model(qtmodeltester: Any) -> None:
    model = DocumentListModel()
    model.refresh([DocumentInfo("1", "Fähre", "txt", outlet="Donaukurier", annotation_count=3),
                   DocumentInfo("2", "Kabel", "html", source_name="k.html")])
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Donaukurier"
    assert model.index(1, 1).data() == "k.html"
    model.set_count("2", 7)
    assert model.index(1, 2).data() == 7


def test_annotation_model_sorts_filters_and_patches(qtmodeltester: Any,
                                                    sample: SampleProject) -> None:
    with Project.open(sample.path, author="Anna") as project:
        quote = project.annotate(sample.article_id, *span_of(ARTICLE, "„Wir schaffen das“"),
                                 "Quote", attributes={"speaker": "Ministerin"})
        note = project.annotate(sample.article_id, *span_of(ARTICLE, "Kompromiss"), "Note",
                                author="Tomás")
        model = AnnotationTableModel(project)
        model.set_filter(Filter(document_id=sample.article_id))
        qtmodeltester.check(model)
        assert model.rowCount() == 2
        assert model.index(0, 2).data() == "speaker: Ministerin"
        model.sort(3, Qt.SortOrder.DescendingOrder)
        assert [model.index(r, 3).data() for r in range(2)] == ["Tomás", "Anna"]
        extra = project.annotate(sample.article_id, *span_of(ARTICLE, "Debatte"), "Quote",
                                 author="Bert")
        model.apply({extra.id: extra})
        assert [model.index(r, 3).data() for r in range(3)] == ["Tomás", "Bert", "Anna"]
        model.apply({note.id: None})
        assert model.row_of(note.id) == -1
        assert model.row_of(quote.id) == 1
        model.set_filter(Filter(document_id=sample.article_id, author="Anna"))
        assert model.rowCount() == 1
        qtmodeltester.check(model)


def test_annotation_model_on_an_empty_project(qtmodeltester: Any, tmp_path: Path) -> None:
    with Project.create(tmp_path / "empty.glossa") as project:
        model = AnnotationTableModel(project)
        model.reload()
        qtmodeltester.check(model)
        assert model.rowCount() == 0


def test_annotation_model_keeps_ids_only_and_places_changes_like_a_fresh_query(
        tmp_path: Path) -> None:
    """A long list fetches rows on demand, and every patched order equals a fresh sort."""
    from core.commands import AddAnnotations
    from core.project import new_annotation
    from gui.models.annotation_table import PAGE, SORT_COLUMNS
    from tests.core.helpers import add_document

    words = ["Ärger", "apfel", "Zoo", "ёлка", "𝔘nion", "éclair", "Eclair", "b"]
    text = " ".join(words * 400) + "\n"
    with Project.create(tmp_path / "long.glossa", author="Anna") as project:
        doc = add_document(project, text)
        tags = [project.codebook().find(p).id for p in ("Quote", "Tone/Critical", "Note")]
        spans, offset = [], 0
        for i, word in enumerate(words * 400):
            spans.append(new_annotation(doc, offset, offset + len(word), tags[i % 3],
                                        words[i % 7], attributes={"speaker": word}))
            offset += len(word) + 1
        project.execute(AddAnnotations(spans))
        model = AnnotationTableModel(project)
        model.set_filter(Filter(document_id=doc))
        assert model.rowCount() == len(spans)
        assert model.index(1500, 0).data() == (words * 400)[1500]
        assert len(model._rows) <= PAGE  # one page fetched, not 3,200 rows
        for column in range(len(SORT_COLUMNS)):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                model.sort(column, order)
                new = project.annotate(doc, 6, 9, "Quote", author="Mia",
                                       attributes={"speaker": "Mia"})
                model.apply({new.id: new})
                moved = spans[len(spans) // 2]
                project.store.annotations.update(moved.id, {"author": "Öl"}, "2026")
                model.apply({moved.id: project.annotation(moved.id)})
                patched = [model.annotation_id(r) for r in range(model.rowCount())]
                model.sort(column, order)
                assert [model.annotation_id(r) for r in range(model.rowCount())] == patched
                model.apply({new.id: None})


def test_annotation_model_sort_keeps_the_selection(qtbot: Any, sample: SampleProject) -> None:
    from PySide6.QtWidgets import QTableView

    with Project.open(sample.path, author="Anna") as project:
        for word in ("Fähre", "Kompromiss", "Debatte"):
            project.annotate(sample.article_id, *span_of(ARTICLE, word), "Note",
                             author=word)
        model = AnnotationTableModel(project)
        model.set_filter(Filter())
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.selectRow(model.rowCount() - 1)
        chosen = model.annotation_id(model.rowCount() - 1)
        model.sort(3, Qt.SortOrder.DescendingOrder)
        assert model.annotation_id(view.currentIndex().row()) == chosen
        assert view.currentIndex().row() == model.row_of(chosen)


def test_overview_strip_draws_tone_and_marks_after_the_text_and_jumps(qtbot: Any) -> None:
    from gui.overview_strip import OverviewStrip

    strip = OverviewStrip()
    qtbot.addWidget(strip)
    strip.resize(strip.width(), 200)
    strip.show()
    qtbot.waitExposed(strip)
    spans = SpanIndex([Span("t", 500, 600, "tone"), Span("q", 0, 100, "quote")])
    strip.set_content(spans, 1000, {"tone": "#ff0000", "quote": "#0000ff"}, {"tone"})
    empty = strip.grab().toImage()
    background = empty.pixelColor(2, 110)
    assert empty.pixelColor(2, 110) == empty.pixelColor(2, 10)  # marks are not drawn yet
    qtbot.waitUntil(lambda: strip.grab().toImage().pixelColor(2, 110) != background)
    image = strip.grab().toImage()
    half = strip.width() // 2
    assert image.pixelColor(2, 110).name() == "#ff0000"  # tone: left half, at 50-60 %
    assert image.pixelColor(half + 3, 10).name() == "#0000ff"  # other tags: right half
    assert image.pixelColor(2, 10) == background  # no tone at the top
    with qtbot.waitSignal(strip.jumpRequested) as jump:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(3, 100))
    assert jump.args == [500]


def test_overview_strip_paints_its_marks_on_its_first_paint(qtbot: Any) -> None:
    """The app opens the project before the window shows: the strip's first paint must
    show the marks (it built them, then painted blank until a scroll on a real X server)."""
    from gui.overview_strip import OverviewStrip

    strip = OverviewStrip()
    qtbot.addWidget(strip)
    strip.resize(strip.width(), 200)
    spans = SpanIndex([Span("t", 500, 600, "tone"), Span("q", 0, 100, "quote")])
    strip.set_content(spans, 1000, {"tone": "#ff0000", "quote": "#0000ff"}, {"tone"})
    qtbot.wait(50)  # the deferred rebuild comes due while nothing is shown
    strip.show()
    image = strip.grab().toImage()  # the first paint
    assert image.pixelColor(2, 110).name() == "#ff0000"
    assert image.pixelColor(strip.width() // 2 + 3, 10).name() == "#0000ff"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab\n𝔘😀ü „")), max_size=30))
def test_display_map_round_trips_over_blank_lines_and_astral_characters(text: str) -> None:
    from gui.display_map import DisplayMap, shown_text

    shown = shown_text(text).encode("utf-16-le")
    positions = DisplayMap(text)
    previous = -1
    for code_point in range(len(text) + 1):
        unit = positions.to_utf16(code_point)
        assert unit > previous  # strictly increasing
        previous = unit
        assert positions.to_code_point(unit) == code_point
        if code_point < len(text):  # the same character sits there in the shown text
            char = text[code_point]
            gap = (char == "\n" and 0 < code_point < len(text) - 1
                   and text[code_point - 1] != "\n" and text[code_point + 1] != "\n")
            if gap:  # between two lines with text: the paragraph's end, then its gap
                char = "\u2028\n"
            width = len(char.encode("utf-16-le")) // 2
            assert shown[2 * unit:2 * (unit + width)].decode("utf-16-le") == char
    assert positions.to_utf16(len(text)) == len(shown) // 2
    for unit in range(len(shown) // 2 + 1):  # every shown position maps into the text
        assert 0 <= positions.to_code_point(unit) <= len(text)


def test_blank_lines_in_the_text_are_the_gap_not_added_to_it(qtbot: Any) -> None:
    """A .txt with blank lines between paragraphs shows one gap, as one without them."""
    from gui.article_view import ArticleView
    from gui.display_map import shown_text

    assert shown_text("A\n\nB\n") == "A\n\nB\n"
    assert shown_text("A\nB\n") == "A\u2028\nB\n"
    heights = []
    for text in ("Erster Absatz.\nZweiter Absatz.\n", "Erster Absatz.\n\nZweiter Absatz.\n",
                 "Erster Absatz.\n\n\nZweiter Absatz.\n"):
        view = ArticleView()
        qtbot.addWidget(view)
        view.resize(600, 400)
        view.show_document("d", text, SpanIndex(), {})
        second = view.offsets.to_utf16(text.index("Zweiter"))
        cursor = view.textCursor()
        cursor.setPosition(second)
        heights.append(view.cursorRect(cursor).top())
    assert heights[0] == heights[1] < heights[2]  # two blank lines stay two


def test_many_changes_to_a_long_list_are_one_fresh_query(
        sample: SampleProject, monkeypatch: pytest.MonkeyPatch) -> None:
    import gui.models.annotation_table as table

    with Project.open(sample.path, author="Anna") as project:
        first = project.annotate(sample.article_id, *span_of(ARTICLE, "Fähre"), "Note")
        model = AnnotationTableModel(project)
        model.set_filter(Filter(document_id=sample.article_id))
        added = [project.annotate(sample.article_id, *span_of(ARTICLE, word), "Note")
                 for word in ("Kompromiss", "Debatte")]
        monkeypatch.setattr(table, "REQUERY_ABOVE", 1)  # 2 changes x 1 row is "many"
        resets: list[bool] = []
        model.modelReset.connect(lambda: resets.append(True))
        model.apply({a.id: a for a in added})
        assert resets == [True]
        listed = {model.annotation_id(r) for r in range(model.rowCount())}
        assert listed == {first.id, *(a.id for a in added)}


def test_a_narrow_article_breaks_lines_between_words_only(qtbot: Any) -> None:
    from gui.article_view import ArticleView

    word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze"
    text = f"Die {word} liegt im Rathaus der {word}.\n"
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(260, 400)  # narrower than the compound: side by side on a small screen
    view.show()
    view.show_document("d", text, SpanIndex(), {})
    block = view.document().firstBlock()
    view.document().documentLayout().blockBoundingRect(block)
    layout = block.layout()
    starts = {layout.lineAt(i).textStart() for i in range(layout.lineCount())}
    inside = {text.index(word) + k for k in range(1, len(word))}
    inside |= {text.rindex(word) + k for k in range(1, len(word))}
    assert layout.lineCount() > 1 and not starts & inside
