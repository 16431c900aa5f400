"""Core speaks German and English: the command line, reports, the default codebook.

The user's way in is the environment (``GLOSSA_LANG`` or the system locale) for the
command line and View › Language for the window; these tests run ``glossa`` as a child
process with such an environment, export real reports and read them back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pymupdf
import pytest

from core import i18n
from core.commands import UpdateDocument
from core.exporters import ExportScope
from core.exporters.registry import export
from core.project import Project
from core.review.merge import merge_file
from tests.core.helpers import add_document

REPO = Path(__file__).resolve().parents[2]
ARTICLE = ("Kyjiw/Berlin. „Wir müssen reden“, sagte die Ministerin. Der Ton war scharf.\n"
           "Ein zweiter Absatz mit 𝔘 jenseits der BMP.\n")


@pytest.fixture
def german() -> Iterator[None]:
    """Core in German for one test, English again afterwards."""
    i18n.use_language("de")
    yield
    i18n.use_language("en")


def glossa(tmp_path: Path, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m core.cli`` as a user runs it, with ``env`` added to a clean locale."""
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("LC_", "LANG", "GLOSSA_LANG", "PYTHON"))}
    base.update(PYTHONPATH=str(REPO), GLOSSA_AUTHOR="Anna", **env)
    return subprocess.run([sys.executable, "-m", "core.cli", *map(str, args)], cwd=tmp_path,
                          env=base, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False)


# --- choosing the language ------------------------------------------------------------------


def test_language_comes_from_glossa_lang_then_the_setting_then_the_system(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", i18n.ENVIRONMENT):
        monkeypatch.delenv(variable, raising=False)
    assert i18n.chosen_language() == "en"
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    assert i18n.chosen_language() == "de"
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")  # first set variable wins, as for gettext
    assert i18n.chosen_language() == "en"
    monkeypatch.setenv("LANGUAGE", "fr:de")  # a list: the first one Glossa speaks
    assert i18n.chosen_language() == "de"
    assert i18n.chosen_language(setting="en") == "en"  # the window's setting beats the system
    monkeypatch.setenv(i18n.ENVIRONMENT, "de")
    assert i18n.chosen_language(setting="en") == "de"


def test_numbers_dates_and_shares_follow_the_language(german: None) -> None:
    assert (i18n.number(1204), i18n.number(0.8126, 3)) == ("1.204", "0,813")
    assert i18n.day("2021-09-22") == "22.09.2021"
    assert i18n.percent(0.125) == "12,5\u00a0%"
    assert i18n.day("September 2021") == "September 2021"  # not a full date: as it is
    i18n.use_language("en")
    assert (i18n.number(1204), i18n.day("2021-09-22"), i18n.percent(0.125)) == (
        "1,204", "2021-09-22", "12.5%")
    from babel.numbers import format_decimal  # English whole numbers skip Babel: same text

    for n in (0, 7, -1234567, 10**12):
        assert i18n.number(n) == format_decimal(n, locale="en")


# --- the command line -----------------------------------------------------------------------


def test_german_command_line_from_the_system_locale(tmp_path: Path) -> None:
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert glossa(tmp_path, "new", "p.glossa", LANG="de_DE.UTF-8").returncode == 0
    imported = glossa(tmp_path, "import", "p.glossa", article, LANG="de_DE.UTF-8")
    doc_id = imported.stdout.split("\t")[0]

    tags = glossa(tmp_path, "tags", "p.glossa", LANG="de_DE.UTF-8")
    assert tags.stdout.split("\n")[0].split() == ["PFAD", "TASTE", "FARBE", "ART", "ANZAHL"]
    paths = [line.split()[0] for line in tags.stdout.strip().split("\n")[1:]]
    assert paths == ["Zitat", "Quelle", "Ton", "Ton/Konfrontativ", "Ton/Kritisch",
                     "Ton/Neutral", "Ton/Versöhnlich", "Ton/Kooperativ", "Notiz"]

    # A script written in English still finds the default tags under their German names.
    tagged = glossa(tmp_path, "tag", "p.glossa", doc_id, "Quote", "--quote", "Wir müssen reden",
                    "--attr", "speaker=Ministerin", LANG="de_DE.UTF-8")
    assert tagged.returncode == 0, tagged.stderr
    tone = glossa(tmp_path, "tag", "p.glossa", doc_id, "Tone/Critical", "--quote",
                  "Der Ton war scharf.", LANG="de_DE.UTF-8")
    assert tone.returncode == 0, tone.stderr
    listed = json.loads(glossa(tmp_path, "annotations", "p.glossa", "--json").stdout)
    assert sorted(a["tag"] for a in listed) == ["Ton/Kritisch", "Zitat"]

    usage = glossa(tmp_path, "tag", "p.glossa", LANG="de_DE.UTF-8")
    assert usage.returncode == 2
    assert usage.stderr.startswith("glossa: diese Argumente sind erforderlich: DOC, TAG"), (
        usage.stderr)
    wrong = glossa(tmp_path, "tag", "p.glossa", doc_id, "Zitat", "--quote", "x",
                   "--attr", "sprecher=X", LANG="de_DE.UTF-8")
    assert wrong.returncode == 1
    assert "Tag 'Zitat' hat kein Attribut 'sprecher' (es hat: speaker, form)" in wrong.stderr
    missing = glossa(tmp_path, "import", "p.glossa", "fehlt.txt", LANG="de_DE.UTF-8")
    assert missing.returncode == 1 and missing.stderr == "glossa: fehlt.txt: existiert nicht\n"
    scale = glossa(tmp_path, "tag", "p.glossa", doc_id, "Ton", "--quote", "Der Ton war scharf.",
                   LANG="de_DE.UTF-8")
    assert scale.returncode == 1
    assert "'Ton' ist eine Skala; taggen Sie eine ihrer Stufen: Ton/Konfrontativ" in scale.stderr
    helped = glossa(tmp_path, "export", "--help", LANG="de_DE.UTF-8")
    assert helped.stdout.startswith("Aufruf: glossa export")
    assert "Optionen:" in helped.stdout and "Word-Dokument" not in helped.stdout
    assert "die Artikel mit hervorgehobenen Passagen und Word-Kommentaren" in " ".join(
        helped.stdout.split())


def test_glossa_lang_overrides_a_german_system_and_english_stays_english(
        tmp_path: Path) -> None:
    assert glossa(tmp_path, "new", "p.glossa", LANG="de_DE.UTF-8",
                  GLOSSA_LANG="en").returncode == 0
    tags = glossa(tmp_path, "tags", "p.glossa", "--json")
    assert [t["path"] for t in json.loads(tags.stdout)][:3] == ["Quote", "Source", "Tone"]
    usage = glossa(tmp_path, "docs", LANG="de_DE.UTF-8", GLOSSA_LANG="en")
    assert usage.stderr.startswith("glossa: the following arguments are required: PROJECT")


# --- the default codebook across languages --------------------------------------------------


def test_a_german_and_an_english_project_share_their_default_tags(tmp_path: Path) -> None:
    """Default tags keep the ids of their English paths, so an English colleague's
    project merges onto "Zitat" instead of adding a second "Quote"."""
    english = Project.create(tmp_path / "en.glossa", author="Ben")
    doc = add_document(english, ARTICLE)
    english.annotate(doc, 0, 13, english.codebook().find("Quote").id)
    english.close()
    i18n.use_language("de")
    try:
        german = Project.create(tmp_path / "de.glossa", author="Anna")
    finally:
        i18n.use_language("en")
    with german:
        report = merge_file(german, tmp_path / "en.glossa")
        assert report.tags_added == []
        codebook = german.codebook()
        (merged,) = german.annotations(german.documents()[0].id)
        assert codebook.path(merged.tag_id) == "Zitat"
        assert codebook.find("Tone/Cooperative").name == "Kooperativ"


# --- reports --------------------------------------------------------------------------------


@pytest.fixture
def reported(tmp_path: Path) -> Project:
    """A project (in the language in use when it is made) with one dated article."""
    project = Project.create(tmp_path / "r.glossa", author="Anna")
    doc = add_document(project, ARTICLE, title="Bericht aus Kyjiw")
    project.execute(UpdateDocument(doc, {"outlet": "Tagesspiegel", "published": "2021-09-22"}))
    codebook = project.codebook()
    start = ARTICLE.index("Wir")
    project.annotate(doc, start, start + 16, codebook.find("Quote").id,
                     attributes={"speaker": "Ministerin", "form": "direct"})
    return project


def test_german_html_report(german: None, reported: Project, tmp_path: Path) -> None:
    out = tmp_path / "bericht.html"
    export(reported, "html", out, scope=ExportScope())
    html = out.read_text(encoding="utf-8")
    for expected in ('<html lang="de">', "Glossa-Annotationsbericht",
                     "Legende, Anzahlen und Abdeckung", "<dt>Veröffentlicht</dt><dd>22.09.2021",
                     "1 Annotation · 1 Dokument", "Zitate", "Sprecher", "direkt",
                     "Tags in diesem Dokument", "Erstellt mit Glossa"):
        assert expected in html, expected
    for english in ("Legend, counts", "annotation report", "(untitled)", "Published"):
        assert english not in html, english


def test_german_pdf_and_word_reports(german: None, reported: Project, tmp_path: Path) -> None:
    export(reported, "pdf", tmp_path / "b.pdf", scope=ExportScope())
    with pymupdf.open(tmp_path / "b.pdf") as pdf:
        pages = len(pdf)
        text = "\n".join(page.get_text() for page in pdf)
    assert f"Seite {pages} von {pages}" in text and "Legende, Anzahlen und Abdeckung" in text
    assert "Page " not in text and "Zitat" in text
    export(reported, "docx", tmp_path / "b.docx", scope=ExportScope())
    word = docx.Document(str(tmp_path / "b.docx"))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Umfang", "Analysten", "Tags"]
    assert "Zitate" in headings
    comment = next(iter(word.comments)).text
    assert "Sprecher: Ministerin" in comment and "Form: direkt" in comment


def test_english_reports_stay_english_with_iso_dates(reported: Project, tmp_path: Path) -> None:
    export(reported, "html", tmp_path / "r.html", scope=ExportScope())
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "<dt>Published</dt><dd>2021-09-22" in html
    assert "1 annotation in 1 document" in html and "Legende" not in html


def test_the_sample_project_in_german(tmp_path: Path, german: None) -> None:
    """The sample's annotations name their tags in English; in a German project they land
    on the German default tags, and no English tag is added beside them."""
    from core.sample import build_sample_project

    with Project.open(build_sample_project(tmp_path / "beispiel.glossa")) as project:
        codebook = project.codebook()
        used = {codebook.path(a.tag_id) for d in project.documents()
                for a in project.annotations(d.id)}
        assert {"Zitat", "Quelle", "Ton/Kritisch", "Notiz"} <= used
        assert not {t.name for t in codebook.tags} & {"Quote", "Source", "Tone", "Note"}
