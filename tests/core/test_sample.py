"""The bundled sample project: built from the real article files into real project files."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from core import sample
from core.commands import AddAnnotations
from core.errors import ImportFailed, ProjectError
from core.model import Annotation, DocumentInfo, TagKind
from core.offsets import Utf16Map
from core.project import Project, new_annotation
from core.sample import (
    ANALYSTS,
    BUNDLED_FONT,
    build_sample_project,
    ensure_sample_project,
    render_article_pdf,
    sample_project_path,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_project(tmp_path_factory.mktemp("sample") / "sample.glossa")


@pytest.fixture
def project(built: Path) -> Iterator[Project]:
    with Project.open_untrusted(built) as opened:
        yield opened


def _document(project: Project, fmt: str, language: str) -> DocumentInfo:
    found = [d for d in project.documents() if d.format == fmt and d.language == language]
    assert len(found) == 1, [(d.format, d.language) for d in project.documents()]
    return found[0]


def _by_span(annotations: list[Annotation]) -> dict[tuple[int, int], list[Annotation]]:
    spans: dict[tuple[int, int], list[Annotation]] = defaultdict(list)
    for annotation in annotations:
        spans[(annotation.start, annotation.end)].append(annotation)
    return spans


# --- documents -----------------------------------------------------------------------


def test_four_documents_in_four_formats_and_three_languages(project: Project) -> None:
    kinds = sorted((d.format, d.language) for d in project.documents())
    assert kinds == [("html", "en"), ("pdf", "de"), ("txt", "de"), ("txt", "ru")]


def test_german_article_has_the_promised_length_and_quote_styles(project: Project) -> None:
    text = project.text(_document(project, "txt", "de").id)
    assert 2500 <= len(text) <= 3500
    for mark in ("„", "“", "\"", "”", "«", "»"):
        assert mark in text
    assert "sagte, man müsse" in text
    sources = text[text.index("\nQuellen:\n"):].splitlines()[2:]
    assert 3 <= len(sources) <= 4
    assert any("«" in line and any("CYRILLIC" in unicodedata.name(ch, "") for ch in line)
               for line in sources)


def test_html_article_keeps_metadata_but_no_script_or_style(project: Project) -> None:
    info = _document(project, "html", "en")
    assert info.title == "Cable route deal ends months of dispute in Kellsport harbour"
    assert (info.outlet, info.author, info.published) == (
        "The Coastline Courier", "Priya Nandakumar", "2025-04-02")
    text = project.text(info.id)
    assert "Declan Moyes" in text
    for leaked in ("courierAnalytics", "pageview", "dataset", "font-family", "paywall", "{"):
        assert leaked not in text


def test_pdf_is_two_pages_with_a_page_map_over_the_stored_text(project: Project) -> None:
    info = _document(project, "pdf", "de")
    assert info.title.startswith("Klinikverbund Nordwald")
    assert info.author == "Jana Albrecht"
    text = project.text(info.id)
    assert "„" in text and "Олена Гриценко" in text and "?" not in text
    pages = project.store.documents.pages(info.id)
    assert [p.page for p in pages] == [0, 1]
    assert text[pages[1].start:].startswith("Auch die Pflegekraft")
    for page in pages:
        assert page.words
        assert all(text[w.start:w.end].strip() for w in page.words)


def test_mixed_article_has_an_emoji_outside_the_bmp(project: Project) -> None:
    text = project.text(_document(project, "txt", "ru").id)
    assert "📰" in text and "Die" in text and "«Деловой курьер»" in text
    assert not Utf16Map(text).is_identity


# --- annotations ---------------------------------------------------------------------


def test_annotation_count_and_stored_quotes_match_the_text(project: Project) -> None:
    annotations = project.annotations()
    assert 25 <= len(annotations) <= 40
    texts = {d.id: project.text(d.id) for d in project.documents()}
    for a in annotations:
        assert a.exact and a.exact == texts[a.document_id][a.start:a.end]
    assert {d.id for d in project.documents()} == {a.document_id for a in annotations}


def test_both_analysts_annotate(project: Project) -> None:
    assert sorted(project.authors()) == sorted(ANALYSTS)
    for analyst in ANALYSTS:
        assert len(project.annotations(author=analyst)) >= 10


def test_every_tag_kind_and_tone_level_is_used(project: Project) -> None:
    codebook = project.codebook()
    used = {a.tag_id for a in project.annotations()}
    assert {codebook.get(tag_id).kind for tag_id in used} == set(TagKind)
    levels = {t.id for t in codebook.descendants(codebook.find("Tone").id)}
    assert levels <= used


def test_german_quotes_carry_speakers_and_form(project: Project) -> None:
    info = _document(project, "txt", "de")
    quotes = project.annotations(info.id, tag="Quote")
    direct = [q for q in quotes if q.attributes["form"] == "direct"]
    reported = [q for q in quotes if q.attributes["form"] == "reported"]
    assert all(q.attributes["speaker"] for q in quotes)
    assert len({q.attributes["speaker"] for q in quotes}) >= 3
    assert any(q.exact.startswith("„") and q.exact.endswith("“") for q in direct)
    assert any(q.exact.startswith("\"") for q in direct)
    assert any(q.exact.startswith("“") for q in direct)
    assert any("müsse" in q.exact for q in reported)


def test_each_listed_source_is_tagged_with_its_details(project: Project) -> None:
    info = _document(project, "txt", "de")
    text = project.text(info.id)
    lines = text[text.index("\nQuellen:\n"):].splitlines()[2:]
    sources = project.annotations(info.id, tag="Source")
    assert sorted(s.exact for s in sources) == sorted(lines)
    for source in sources:
        date, outlet, title = (source.attributes[k] for k in ("date", "outlet", "title"))
        assert source.exact.startswith(f"{date} – ({outlet}) – ")
        assert title and title in source.exact
    cyrillic = [s for s in sources if s.attributes["outlet"] == "Дунавски вестник"]
    assert cyrillic[0].attributes["title"].startswith("Фериботът")


def test_an_annotation_after_the_emoji_has_different_utf16_offsets(project: Project) -> None:
    info = _document(project, "txt", "ru")
    offsets = Utf16Map(project.text(info.id))
    shifted = [a for a in project.annotations(info.id) if offsets.to_utf16(a.start) != a.start]
    assert shifted
    assert all(offsets.to_utf16(a.end) - offsets.to_utf16(a.start) == len(a) for a in shifted)


def test_notes_include_umlauts_and_a_note_tag(project: Project) -> None:
    notes = [a.note for a in project.annotations() if a.note]
    assert len(notes) >= 3
    assert any(ch in note for note in notes for ch in "äöüß")
    assert project.annotations(tag="Note")


def test_analysts_disagree_on_level_span_and_presence(project: Project) -> None:
    codebook = project.codebook()
    by_span = _by_span(project.annotations(tag="Tone"))
    level_disagreements = [
        span for span, found in by_span.items()
        if {a.author for a in found} == set(ANALYSTS) and len({a.tag_id for a in found}) == 2
    ]
    assert len(level_disagreements) >= 2
    agreed = [span for span, found in by_span.items()
              if len(found) == 2 and len({a.tag_id for a in found}) == 1]
    assert agreed

    quotes = project.annotations(tag="Quote")
    anna = [q for q in quotes if q.author == ANALYSTS[0]]
    tomas = [q for q in quotes if q.author == ANALYSTS[1]]
    overlapping_but_different = [
        (a, t) for a in anna for t in tomas
        if a.document_id == t.document_id and a.start < t.end and t.start < a.end
        and (a.start, a.end) != (t.start, t.end)
    ]
    assert len(overlapping_but_different) >= 2
    only_tomas = [t for t in tomas
                  if not any(a.document_id == t.document_id and a.start < t.end
                             and t.start < a.end for a in anna)]
    assert only_tomas
    assert all(codebook.get(q.tag_id).kind is TagKind.QUOTE for q in quotes)


# --- building ------------------------------------------------------------------------


def test_building_into_an_existing_file_fails_and_leaves_it_alone(built: Path) -> None:
    before = built.read_bytes()
    with pytest.raises(ProjectError, match="already exists"):
        build_sample_project(built)
    assert built.read_bytes() == before


def test_a_failed_build_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-articles"
    (empty / "pdf-source").mkdir(parents=True)
    (empty / sample.PDF_SOURCE).write_text("Titel\nZeile\n", encoding="utf-8")
    monkeypatch.setattr(sample, "SAMPLE_DIR", empty)
    target = tmp_path / "sample.glossa"
    with pytest.raises(ImportFailed, match="does not exist"):
        build_sample_project(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["no-articles"]


def test_bundled_font_renders_quotes_and_cyrillic(tmp_path: Path) -> None:
    assert (BUNDLED_FONT.parent / "DejaVuSans-LICENSE.txt").read_text().count("Bitstream") > 1
    source = tmp_path / "artikel.txt"
    source.write_text("Titel „Probe“\nVon Niemand\nКириллица – „Zitat“ und “quote”\n\f\n"
                      "Zweite Seite.\n", encoding="utf-8")
    target = render_article_pdf(source, tmp_path / "artikel.pdf", font=BUNDLED_FONT)
    open_pdf: Any = pymupdf.open  # unannotated API
    with open_pdf(target) as doc:
        pages = [page.get_text("text") for page in doc]
    assert len(pages) == 2
    assert "Кириллица – „Zitat“ und “quote”" in pages[0]
    assert "?" not in pages[0]
    assert "Zweite Seite." in pages[1]


# --- the per-user copy ---------------------------------------------------------------


def test_sample_path_follows_xdg_data_home(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert sample_project_path() == tmp_path / "data" / "glossa" / "sample.glossa"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
    expected = tmp_path / "home" / ".local" / "share" / "glossa" / "sample.glossa"
    assert sample_project_path() == expected
    monkeypatch.delenv("XDG_DATA_HOME")
    assert sample_project_path() == expected


def test_ensure_builds_once_then_reuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = ensure_sample_project()
    assert path == tmp_path / "glossa" / "sample.glossa"
    assert sorted(p.name for p in path.parent.iterdir()) == ["sample.glossa"]
    with Project.open(path) as project:
        doc_id = project.documents()[0].id
        codebook = project.codebook()
        mine = new_annotation(doc_id, 0, 5, codebook.find("Note").id, "Lea Vogt", note="meins")
        project.execute(AddAnnotations([mine]))
        count = len(project.annotations())

    assert ensure_sample_project() == path
    with Project.open(path) as project:
        assert len(project.annotations()) == count
        assert project.annotation(mine.id).note == "meins"


def test_ensure_rebuilds_an_unreadable_copy(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = sample_project_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all\n" * 100)

    assert ensure_sample_project() == path
    with Project.open(path) as project:
        assert len(project.documents()) == 4
        assert sorted(project.authors()) == sorted(ANALYSTS)


def test_ensure_drops_a_stale_journal_left_without_its_project(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = sample_project_path()
    path.parent.mkdir(parents=True)
    stale = path.with_name(path.name + "-wal")
    stale.write_bytes(b"a journal whose project was deleted")

    assert ensure_sample_project() == path
    assert not stale.exists()
    with Project.open(path) as project:
        assert len(project.documents()) == 4
