"""The agreement report: confusion matrix against kappa, HTML escaping, CSV and PDF contents."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from core.commands import AddTag
from core.errors import ExportCancelled, InvalidValue, NotFound
from core.exporters.agreement_report import (
    CSV_COLUMNS,
    DISAGREEMENT_FIELDS,
    FIGURE_FIELDS,
    build_agreement_content,
    export_agreement_report,
)
from core.model import DecisionAction, Tag, TagKind, new_id
from core.project import Project
from core.review.adjudication import decide
from core.review.agreement import OVERALL, agreement, cohen_kappa
from core.review.confusion import NONE_LABEL, confusion_matrix
from core.review.disagreements import find_all_disagreements
from core.sample import ANNA, TOMAS, build_sample_project
from tests.core.helpers import add_document, new_project


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_project(tmp_path_factory.mktemp("sample") / "sample.glossa")


@pytest.fixture
def sample(sample_path: Path, tmp_path: Path) -> Iterator[Project]:
    copy = tmp_path / "sample.glossa"
    copy.write_bytes(sample_path.read_bytes())
    project = Project.open(copy, author="Chefin")
    yield project
    project.close()


def read_tables(path: Path) -> dict[str, dict[str, dict[str, str]]]:
    """table -> row -> column -> value, as the module docstring promises to pivot."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        assert tuple(next(reader)) == CSV_COLUMNS
        tables: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
        for table, row, column, value in reader:
            tables[table][row][column] = value
    return tables


# --- the confusion matrix -------------------------------------------------------------


@pytest.mark.parametrize("unit", ["sentence", "char"])
def test_kappa_from_the_matrix_is_the_reported_kappa(sample: Project, unit: str) -> None:
    report = agreement(sample, ANNA, TOMAS, unit=unit)  # type: ignore[arg-type]
    matrix = confusion_matrix(report)
    assert matrix.total == report.units
    assert matrix.kappa() == pytest.approx(report.kappa[OVERALL], abs=1e-12)
    assert matrix.labels[-1] is None and matrix.names[-1] == NONE_LABEL
    assert set(matrix.labels[:-1]) == set(report.kappa) - {OVERALL}
    # The same kappa from one (A, B) pair per unit, as the textbook computes it.
    pairs = [(matrix.labels[i], matrix.labels[j])
             for i, row in enumerate(matrix.counts) for j, n in enumerate(row) for _ in range(n)]
    if unit == "sentence":
        assert cohen_kappa(pairs) == pytest.approx(report.kappa[OVERALL], abs=1e-12)
    # Kühn's paragraph: Confrontational by Anna, Critical by Tomás.
    i = matrix.labels.index("Tone/Confrontational")
    j = matrix.labels.index("Tone/Critical")
    assert matrix.counts[i][j] > 0 and matrix.counts[i][i] == 0


def test_a_textbook_matrix(tmp_path: Path) -> None:
    """Agreement on 3 of 4 sentences, one tagged by Anna only: kappa = 0.5."""
    with new_project(tmp_path) as project:
        text = "Erster Satz hier. Zweiter Satz da. Dritter Satz dort. Vierter Satz 😀.\n"
        doc = add_document(project, text)
        for sentence in ("Erster Satz hier.", "Zweiter Satz da."):
            start = text.index(sentence)
            for author in ("Anna", "Tomás"):
                project.annotate(doc, start, start + len(sentence), "Note", author=author)
        start = text.index("Vierter")
        project.annotate(doc, start, start + 7, "Note", author="Anna")
        matrix = confusion_matrix(agreement(project, "Anna", "Tomás"))
    assert matrix.names == ("Note", NONE_LABEL)
    assert matrix.counts == ((2, 1), (0, 1))
    # p_o = 3/4, p_e = (3*2 + 1*2)/16 = 1/2: kappa = (3/4 - 1/2) / (1 - 1/2)
    assert matrix.kappa() == pytest.approx(0.5)
    assert matrix.agreed == 3 and matrix.row_totals() == (3, 1)
    assert matrix.column_totals() == (2, 2)


# --- the three formats ---------------------------------------------------------------


def test_csv_parses_back_into_the_four_tables(sample: Project, tmp_path: Path) -> None:
    out = tmp_path / "agreement.csv"
    count = export_agreement_report(sample, out, analyst_a=ANNA, analyst_b=TOMAS, fmt="csv")
    tables = read_tables(out)
    assert set(tables) == {"meta", "figures", "confusion", "disagreements"}
    assert tables["meta"]["analyst_b"][""] == TOMAS
    report = agreement(sample, ANNA, TOMAS)
    assert int(tables["meta"]["units"][""]) == report.units
    assert float(tables["figures"][OVERALL]["kappa"]) == report.kappa[OVERALL]
    assert float(tables["figures"]["Quote"]["f1_overlap"]) == report.f1["overlap"]["Quote"]
    assert all(set(columns) == set(FIGURE_FIELDS) for columns in tables["figures"].values())
    matrix = confusion_matrix(report)
    for i, row in enumerate(matrix.names):
        for j, column in enumerate(matrix.names):
            assert int(tables["confusion"][row][column]) == matrix.counts[i][j]
    found = find_all_disagreements(sample, ANNA, TOMAS)
    assert count == len(found) == len(tables["disagreements"])
    first = tables["disagreements"][found[0].id]
    assert set(first) == set(DISAGREEMENT_FIELDS)
    assert (first["kind"], int(first["start"]), first["summary"]) == (
        found[0].kind.value, found[0].start, found[0].summary)
    assert first["decision"] == ""


def test_html_is_self_contained_and_escapes_user_strings(tmp_path: Path) -> None:
    hostile = "<script>alert('x')</script>"
    with new_project(tmp_path) as project:
        text = "Ein Satz über „Grüße“. Noch ein Satz 📰. Удар из-за горизонта.\n"
        doc = add_document(project, text, title="</title><b>Titel</b>")
        project.execute(AddTag(Tag(new_id(), "<script>x", kind=TagKind.CUSTOM)))
        where = (0, text.index("."))
        project.annotate(doc, *where, "<script>x", author=hostile)
        project.annotate(doc, *where, "Quote", attributes={"speaker": "<img src=x onerror=1>"},
                         author="Tomás")
        project.annotate(doc, text.index("Удар"), len(text) - 1, "Note", author="Tomás")
        out = tmp_path / "bericht.html"
        count = export_agreement_report(project, out, analyst_a=hostile, analyst_b="Tomás",
                                        fmt="html")
    html = out.read_text(encoding="utf-8")
    assert count == 3
    assert "<script" not in html and "<img" not in html and "<b>Titel" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;x" in html and "&lt;img src=x onerror=1&gt;" in html
    assert "&lt;/title&gt;&lt;b&gt;Titel&lt;/b&gt;" in html
    assert "Удар из-за горизонта" in html and "„Grüße“" in html
    # Self-contained: inline CSS, nothing fetched.
    assert "<style>" in html and "<link" not in html and "src=" not in html.replace(
        "&lt;img src=x", "")


def test_pdf_holds_the_figures_the_matrix_and_the_decisions(
    sample: Project, tmp_path: Path
) -> None:
    tone = next(d for d in find_all_disagreements(sample, ANNA, TOMAS)
                if d.tag_a == "Tone/Confrontational")
    decide(sample, tone, DecisionAction.ACCEPT_B, comment="eher kritisch")
    out = tmp_path / "bericht.pdf"
    seen: list[tuple[int, int]] = []
    export_agreement_report(sample, out, analyst_a=ANNA, analyst_b=TOMAS, fmt="pdf",
                            progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    content = build_agreement_content(sample, ANNA, TOMAS)
    with pymupdf.open(out) as document:
        text = " ".join(" ".join(page.get_text().split()) for page in document)
    assert f"Agreement between {ANNA} and {TOMAS}" in text
    overall = content.figures[0]
    assert overall.tag == OVERALL and overall.kappa is not None
    for value in (overall.kappa, overall.alpha, overall.f1_exact, overall.f1_overlap):
        assert value is not None and f"{value:.3f}" in text
    assert "Confusion matrix" in text and NONE_LABEL in text
    assert f"{content.confusion.agreed} of {content.confusion.total} units agree" in text
    assert "accepted Tomás Ruiz's" in text and "eher kritisch" in text
    assert "Марина Лебедева" in text  # Cyrillic survives the embedded font


# --- bad requests ---------------------------------------------------------------------


def test_bad_requests_write_nothing(sample: Project, tmp_path: Path) -> None:
    out = tmp_path / "bericht.html"
    out.write_text("alt", encoding="utf-8")
    with pytest.raises(InvalidValue, match="format"):
        export_agreement_report(sample, out, analyst_a=ANNA, analyst_b=TOMAS,
                                fmt="docx")  # type: ignore[arg-type]
    with pytest.raises(NotFound, match="Niemand"):
        export_agreement_report(sample, out, analyst_a=ANNA, analyst_b="Niemand", fmt="html")
    with pytest.raises(InvalidValue, match="unit"):
        export_agreement_report(sample, out, analyst_a=ANNA, analyst_b=TOMAS, fmt="csv",
                                unit="word")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="project file itself"):
        export_agreement_report(sample, sample.path, analyst_a=ANNA, analyst_b=TOMAS, fmt="csv")
    with pytest.raises(ExportCancelled):
        export_agreement_report(sample, out, analyst_a=ANNA, analyst_b=TOMAS, fmt="pdf",
                                cancel=lambda: True)
    assert out.read_text(encoding="utf-8") == "alt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bericht.html", "sample.glossa",
                                                         "sample.glossa-backups",
                                                         "sample.glossa-shm",
                                                         "sample.glossa-wal"]


def test_only_some_documents(sample: Project, tmp_path: Path) -> None:
    first = sample.documents()[0]
    content = build_agreement_content(sample, ANNA, TOMAS, unit="char",
                                      document_ids=[first.id[:8]])
    assert content.documents == ((first.id, first.title),)
    assert {row.disagreement.document_id for row in content.disagreements} == {first.id}
    assert [s.title for s in content.sections] == [first.title]


def test_agreement_report_on_the_command_line(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from core.cli import main

    project = tmp_path / "sample.glossa"
    project.write_bytes(sample_path.read_bytes())
    between = ["--between", ANNA, TOMAS]
    out = tmp_path / "bericht.CSV"
    assert main(["agreement-report", str(project), *between, "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"agreement report (28 disagreements) written to {out}\n"
    assert read_tables(out)["meta"]["unit"][""] == "sentence"
    report = tmp_path / "bericht.txt"
    assert main(["agreement-report", str(project), *between, "--out", str(report),
                 "--format", "html", "--unit", "char"]) == 0
    assert "character unit" in report.read_text(encoding="utf-8")
    assert main(["agreement-report", str(project), *between, "--out",
                 str(tmp_path / "x.docx")]) == 2
    assert "give --format" in capsys.readouterr().err
    assert main(["agreement-report", str(project), "--between", ANNA, "Niemand", "--out",
                 str(tmp_path / "x.pdf")]) == 1
    assert not (tmp_path / "x.pdf").exists()
