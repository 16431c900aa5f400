"""What a German analyst reads stays German past the headings: the values in the command
line's tables, a source's date, a quote's form inside a difference, the confusion matrix's
"no tag" row, the annotated PDF's notes and the reason a file is refused.

Found by the German usability pass (issue 14's follow-up); English keeps its keywords.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from core import i18n
from core.cli import main
from core.commands import UpdateAnnotation
from core.errors import NotAGlossaProject
from core.exporters import ExportScope
from core.exporters.annotated_pdf import popup_text
from core.exporters.registry import export
from core.model import Status
from core.project import Project
from tests.core.helpers import GERMAN, add_document, span_of


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Core (and ``glossa`` run in this process) in German for one test."""
    monkeypatch.setenv(i18n.ENVIRONMENT, "de")
    i18n.use_language("de")
    yield
    i18n.use_language("en")


@pytest.fixture
def two_analysts(tmp_path: Path) -> Path:
    """Anna and Ben on one article: a quote only Anna marked (reported speech), a source
    with a date, and one passage they put different tone levels on."""
    with Project.create(tmp_path / "p.glossa", author="Anna") as project:
        doc = add_document(project, GERMAN)
        codebook = project.codebook()
        quote, source = codebook.find("Quote").id, codebook.find("Source").id
        project.annotate(doc, *span_of(GERMAN, "man sei zu Gesprächen bereit"), quote,
                         attributes={"speaker": "Botschafter", "form": "reported"})
        project.annotate(doc, *span_of(GERMAN, "2025-03-14 – (Kommersant)"), source,
                         attributes={"outlet": "Kommersant", "date": "2025-03-14"})
        sentence = span_of(GERMAN, "Der Botschafter erklärte")
        project.annotate(doc, *sentence, codebook.find("Tone/Critical").id)
        project.annotate(doc, *sentence, codebook.find("Tone/Neutral").id, author="Ben")
        note = project.annotate(doc, *span_of(GERMAN, "Quellen"), codebook.find("Note").id,
                                author="Ben")
        project.execute(UpdateAnnotation(note.id, {"status": Status.REJECTED}))
    return tmp_path / "p.glossa"


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    assert main([str(a) for a in args]) == 0
    return capsys.readouterr().out


def test_command_line_tables_name_statuses_kinds_and_differences_in_german(
        german: None, two_analysts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annotations = _run(capsys, "annotations", two_analysts)
    assert "angenommen" in annotations and "abgelehnt" in annotations
    assert "accepted" not in annotations
    tags = [line.split() for line in _run(capsys, "tags", two_analysts).splitlines()[1:]]
    assert {row[0]: row[-2] for row in tags}["Zitat"] == "Zitat"
    assert "quote" not in {row[-2] for row in tags}
    review = _run(capsys, "review", two_analysts, "--between", "Anna", "Ben")
    assert "nur Anna" in review and "andere Tags" in review, review
    assert "Form: indirekt" in review and "reported" not in review and "only a" not in review
    hits = _run(capsys, "search", two_analysts, "Botschafter")
    assert hits.splitlines()[1].startswith("Dokument"), hits
    listed = json.loads(_run(capsys, "annotations", two_analysts, "--json"))
    assert {a["status"] for a in listed} == {"accepted", "rejected"}  # data keeps keywords


def test_agreement_figures_line_up_on_the_right(
        german: None, two_analysts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _run(capsys, "agreement", two_analysts, "--between", "Anna", "Ben").splitlines()
    ends = {len(row) for row in rows}
    assert len(ends) == 1, rows  # every figure ends in the last column, "-0,5" and "0,250"


def test_german_report_reads_a_date_a_language_and_its_counts(
        german: None, two_analysts: Path, tmp_path: Path) -> None:
    with Project.open(two_analysts) as project:
        export(project, "html", tmp_path / "r.html", scope=ExportScope())
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "4 Annotationen · 1 Dokument ·" in html  # no "in 4 Dokumente"
    assert "<dd>Deutsch</dd>" in html and "<dd>de</dd>" not in html
    assert "<i>Datum:</i> 14.03.2025</span>" in html and "2025-03-14</span>" not in html


def test_german_agreement_report_names_no_tag_and_each_difference(
        german: None, two_analysts: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    with Project.open(two_analysts) as project:
        export_agreement(project, out)
    html = out.read_text(encoding="utf-8")
    assert "(none)" not in html and "(keines)" in html
    assert "andere Tags" in html and "Tag weicht ab" not in html
    assert "Form: indirekt" in html and "Form: reported" not in html


def export_agreement(project: Project, out: Path) -> None:
    from core.exporters.agreement_report import export_agreement_report

    export_agreement_report(project, out, analyst_a="Anna", analyst_b="Ben", fmt="html")


def test_annotated_pdf_notes_speak_german(german: None, two_analysts: Path) -> None:
    with Project.open(two_analysts) as project:
        codebook = project.codebook()
        annotations = project.annotations(project.documents()[0].id)
        texts = {popup_text(codebook, a) for a in annotations}
    assert "Zitat\nSprecher: Botschafter\nForm: indirekt" in texts
    assert "Notiz\nStatus: abgelehnt" in texts
    assert any("Datum: 14.03.2025" in t for t in texts)


def test_a_file_that_is_no_project_is_refused_in_german(german: None, tmp_path: Path) -> None:
    bad = tmp_path / "kaputt.pdf"
    bad.write_bytes(b"%PDF-1.4 not a database at all" * 100)
    with pytest.raises(NotAGlossaProject) as refused:
        Project.open(bad)
    assert str(refused.value) == "kaputt.pdf: kein Glossa-Projekt (die Datei ist keine Datenbank)"


def test_english_keeps_sqlite_s_words(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not a database at all" * 100)
    with pytest.raises(NotAGlossaProject, match=r"^broken\.pdf: not a Glossa project \(file is "
                                                r"not a database\)$"):
        Project.open(bad)


def test_pdf_report_page_text(german: None, two_analysts: Path, tmp_path: Path) -> None:
    with Project.open(two_analysts) as project:
        export(project, "pdf", tmp_path / "r.pdf", scope=ExportScope())
    with pymupdf.open(tmp_path / "r.pdf") as pdf:
        text = " ".join(" ".join(page.get_text() for page in pdf).split())
    assert "Sprache Deutsch" in text and "Datum: 14.03.2025" in text
