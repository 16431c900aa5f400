"""Switching a web document between its article and its full page text: annotations
stay on their words, or nothing changes and the refusal lists them; undo restores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.commands import DeleteAnnotations
from core.errors import CannotPlace, ImportFailed, InvalidValue
from core.importers import ImportOptions, read_document
from core.importers.html import page_texts
from core.project import Project
from core.text import content_hash
from core.web_text import SwitchWebText, WebTextState, web_text_state
from tests.core.helpers import new_project
from tests.core.helpers import span_of as _span

WEB = Path(__file__).resolve().parent.parent / "fixtures" / "web"
PAGE = WEB / "en-courier.html"
QUOTE = "“This was not an act of God,”"


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute('SELECT id, start, "end", exact, prefix, suffix, deleted '
                            "FROM annotations ORDER BY id").fetchall()
    finally:
        conn.close()


def _stored(path: Path, doc_id: str) -> tuple[str, str, int]:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT text, content_hash, chars FROM documents WHERE id = ?",
                           (doc_id,)).fetchone()
        return str(row[0]), str(row[1]), int(row[2])
    finally:
        conn.close()


@pytest.mark.parametrize("name", sorted(p.stem for p in WEB.glob("*.html")))
def test_both_texts_are_what_an_import_stores(name: str) -> None:
    path = WEB / f"{name}.html"
    texts = page_texts(path, path.read_bytes())
    assert texts.article == read_document(path).text
    assert texts.full_page == read_document(path, options=ImportOptions(full_page=True)).text


def test_annotations_follow_their_words_to_the_full_page_and_back(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    doc = project.import_file(PAGE).document
    article = project.text(doc.id)
    quote = project.annotate(doc.id, *_span(article, QUOTE), "Quote")
    # "Millbridge" recurs: its context must pick the same occurrence on the other text.
    place = project.annotate(doc.id, *_span(article, "Millbridge", 2), "Source")
    before = _rows(project.path)
    assert web_text_state(project, doc.id) == _state(article=True, full=False)

    command = SwitchWebText(doc.id, full_page=True)
    project.execute(command)
    full = project.text(doc.id)
    assert full == page_texts(PAGE, PAGE.read_bytes()).full_page
    assert _stored(project.path, doc.id) == (full, content_hash(full), len(full))
    assert (command.carried, command.moved) == (2, 2)
    for annotation, passage, occurrence in ((quote, QUOTE, 1), (place, "Millbridge", 3)):
        moved = project.annotation(annotation.id)
        assert (moved.start, moved.end) == _span(full, passage, occurrence)
        assert full[moved.start:moved.end] == moved.exact == passage
        assert moved.prefix == full[max(0, moved.start - 32):moved.start]
    assert [hit.document_id for hit in project.search("billionaire")] == [doc.id]
    assert web_text_state(project, doc.id) == _state(article=False, full=True)

    project.undo(command)
    assert project.text(doc.id) == article
    assert [r[:7] for r in _rows(project.path)] == [r[:7] for r in before]
    assert project.search("billionaire") == []
    project.execute(command)  # redo
    assert project.annotation(quote.id).start == _span(full, QUOTE)[0]
    project.close()


def _state(*, article: bool, full: bool) -> WebTextState:
    return WebTextState(shows_article=article, shows_full_page=full, article_found=True)


def test_an_annotation_on_clutter_blocks_the_article_and_is_named(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    doc = project.import_file(PAGE, options=ImportOptions(full_page=True)).document
    full = project.text(doc.id)
    project.annotate(doc.id, *_span(full, QUOTE), "Quote")
    project.annotate(doc.id, *_span(full, "Sign up to Down to Earth"), "Source")
    before = (_rows(project.path), _stored(project.path, doc.id))

    with pytest.raises(CannotPlace) as refused:
        project.execute(SwitchWebText(doc.id, full_page=False))
    message = str(refused.value)
    assert "the article text does not hold the passage of 1 annotation" in message
    assert "“Sign up to Down to Earth” (Source, " in message
    assert QUOTE not in message
    assert (_rows(project.path), _stored(project.path, doc.id)) == before
    project.close()


def test_a_deleted_annotation_on_clutter_does_not_block(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    doc = project.import_file(PAGE, options=ImportOptions(full_page=True)).document
    full = project.text(doc.id)
    kept = project.annotate(doc.id, *_span(full, QUOTE), "Quote")
    gone = project.annotate(doc.id, *_span(full, "Share on Facebook"), "Source")
    project.execute(DeleteAnnotations([gone.id]))
    project.execute(SwitchWebText(doc.id, full_page=False))
    article = project.text(doc.id)
    assert article[project.annotation(kept.id).start:].startswith(QUOTE)
    tombstone = project.annotation(gone.id)
    assert (tombstone.start, tombstone.exact, tombstone.deleted) == (
        gone.start, "Share on Facebook", True)  # left where it was, never revived by this
    project.close()


def test_refusals_change_nothing(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    web = project.import_file(PAGE).document
    note = tmp_path / "note.txt"
    note.write_text("Ein Text.\n", encoding="utf-8")
    plain = project.import_file(note).document
    with pytest.raises(InvalidValue, match="already shows the article text"):
        project.execute(SwitchWebText(web.id, full_page=False))
    with pytest.raises(InvalidValue, match="is not a web page"):
        project.execute(SwitchWebText(plain.id, full_page=True))
    assert web_text_state(project, plain.id) is None
    # The full page imported as a document of its own: one text is not stored twice.
    twin = project.import_file(PAGE, options=ImportOptions(full_page=True)).document
    with pytest.raises(InvalidValue, match=f"already in the project as “{twin.title}”"):
        project.execute(SwitchWebText(web.id, full_page=True))
    assert project.text(web.id) == page_texts(PAGE, PAGE.read_bytes()).article
    project.close()


def test_a_page_without_an_article_offers_no_article(tmp_path: Path) -> None:
    page = tmp_path / "links.html"
    page.write_text("<html><body><ul>" + "".join(
        f'<li><a href="/a{n}">Rubrik {n}</a></li>' for n in range(30)) + "</ul></body></html>",
        encoding="utf-8")
    project = new_project(tmp_path)
    doc = project.import_file(page).document
    state = web_text_state(project, doc.id)
    assert state is not None
    assert (state.can_use_article, state.can_use_full_page) == (False, False)
    with pytest.raises(InvalidValue, match="finds no article on the page"):
        project.execute(SwitchWebText(doc.id, full_page=False))
    project.close()


def test_the_switch_reaches_a_second_connection(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    doc = project.import_file(PAGE).document
    other = Project.open(project.path, rolling_backup=False)
    assert "Share on" not in other.text(doc.id)
    project.execute(SwitchWebText(doc.id, full_page=True))
    assert other.changed_elsewhere()
    change = other.refresh_after_outside_change()
    assert doc.id in change.texts
    assert "Share on Facebook" in other.text(doc.id)
    other.close()
    project.close()


def test_a_page_the_reader_chokes_on_is_an_import_failure(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = new_project(tmp_path)
    doc = project.import_file(PAGE).document

    def choke(path: Path, data: bytes) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("core.importers.html.page_texts", choke)
    assert web_text_state(project, doc.id) is None  # the menu offers nothing
    with pytest.raises(ImportFailed, match=r"en-courier\.html: could not be read"):
        project.execute(SwitchWebText(doc.id, full_page=True))
    project.close()


def test_repeats_with_equal_context_go_to_the_nearest_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page holding its article twice (a teaser copy above, one figure written out before
    the quote): the context cannot tell the quote's copies apart, the edit script can, and
    it puts the article, quote and all, on the second copy."""
    from core.importers.html import PageTexts

    project = new_project(tmp_path)
    doc = project.import_file(PAGE).document
    article = project.text(doc.id)
    quote = project.annotate(doc.id, *_span(article, QUOTE), "Quote")
    twice = "Teaser\n" + article.replace("Two people", "2 people") + "\n" + article
    assert twice.count("Two people") == 1 and twice.count(QUOTE) == 2
    monkeypatch.setattr("core.importers.html.page_texts",
                        lambda path, data: PageTexts(article, twice))
    project.execute(SwitchWebText(doc.id, full_page=True))
    assert project.annotation(quote.id).start == _span(twice, QUOTE, 2)[0]
    project.close()
