"""The Word report: shaded passages, one real Word comment per annotation, summary tables.

Each export is reopened with python-docx; comment ranges are read from the document's XML
(``w:commentRangeStart``/``w:commentRangeEnd``), following every run and paragraph break
in between, so a range's text can be compared with the annotated text itself.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from core.codebook import DEFAULT_COLOURS
from core.commands import UpdateAnnotation
from core.errors import ExportCancelled, InvalidValue, NotFound
from core.exporters import ExportScope
from core.exporters.docx import export_docx
from core.model import Annotation
from core.project import Project
from core.sample import build_sample_project
from tests.core.helpers import GERMAN, add_document, new_project

QUOTE = "„Wir müssen reden“"
RUSSIAN = "«Удар из-за горизонта»"
SCRIPT = '<script>alert(1)</script> "><img src=x onerror=alert(2)>'


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with new_project(tmp_path, author="Anna Berger") as opened:
        yield opened


def span(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return start, start + len(passage)


def comment_ranges(document: Any) -> dict[int, str]:
    """Comment id -> the text between its range start and end, breaks as ``\\n``."""
    open_ranges: dict[int, list[str]] = {}
    found: dict[int, str] = {}
    for event, element in _walk(document.element.body):
        tag = element.tag
        if event == "start" and tag == qn("w:commentRangeStart"):
            open_ranges[int(element.get(qn("w:id")))] = []
        elif event == "start" and tag == qn("w:commentRangeEnd"):
            number = int(element.get(qn("w:id")))
            found[number] = "".join(open_ranges.pop(number))
        elif event == "start" and tag == qn("w:t"):
            for pieces in open_ranges.values():
                pieces.append(element.text or "")
        elif event == "start" and tag == qn("w:tab"):
            for pieces in open_ranges.values():
                pieces.append("\t")
        elif event == "end" and tag == qn("w:p"):
            for pieces in open_ranges.values():
                pieces.append("\n")
    assert not open_ranges, "a comment range never ends"
    return found


def _walk(element: Any) -> Iterator[tuple[str, Any]]:
    """("start", e) and ("end", e) for every element below ``element``, in document order."""
    yield "start", element
    for child in element:
        yield from _walk(child)
    yield "end", element


def comments(path: Path) -> list[dict[str, Any]]:
    """Every comment: id, author, initials, date, text, and the text it is anchored on."""
    document = docx.Document(str(path))
    ranges = comment_ranges(document)
    found = []
    for comment in document.comments:
        found.append({"id": comment.comment_id, "author": comment.author,
                      "initials": comment.initials, "date": comment.timestamp,
                      "text": comment.text, "anchored": ranges[comment.comment_id]})
    return found


def run_fills(path: Path) -> dict[str, set[str]]:
    """Text of each shaded run -> the fills it was shaded with."""
    fills: dict[str, set[str]] = {}
    for run in docx.Document(str(path)).element.body.iter(qn("w:r")):
        shading = run.find(f"{qn('w:rPr')}/{qn('w:shd')}")
        if shading is not None:
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            fills.setdefault(text, set()).add(shading.get(qn("w:fill")))
    return fills


def tint(colour: str, share: float) -> str:
    """The colour laid over white at ``share``, as Word's fill writes it (RRGGBB)."""
    channels = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "".join(f"{round(255 + (c - 255) * share):02X}" for c in channels)


def table_rows(path: Path, first_header: str) -> list[list[str]]:
    for table in docx.Document(str(path)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0] and rows[0][0] == first_header:
            return rows
    raise AssertionError(f"no table whose first header is {first_header!r}")


def zulu(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).replace(microsecond=0)


# --- comments -------------------------------------------------------------------------


def test_each_annotation_is_a_comment_on_exactly_its_text(project: Project,
                                                          tmp_path: Path) -> None:
    doc_id = add_document(project, GERMAN, title="Ministerin: „Wir müssen reden“")
    text = project.text(doc_id)
    quote = project.annotate(doc_id, *span(text, QUOTE), "Quote",
                             attributes={"speaker": "Ministerin", "form": "direct"},
                             note="Wörtlich so gesagt?\nZweite Zeile 📰")
    # Overlapping the quote and running into the next paragraph.
    start = text.index("reden“")
    tone = project.annotate(doc_id, start, text.index("erklärte"), "Tone/Critical",
                            author="Tomás Ruiz")
    russian = project.annotate(doc_id, *span(text, RUSSIAN), "Source",
                               attributes={"outlet": "Kommersant", "date": "2025-03-14"})
    emoji = project.annotate(doc_id, *span(text, "📰"), "Note", note=SCRIPT)
    out = tmp_path / "report.docx"

    assert export_docx(project, out) == 4

    found = comments(out)
    assert len(found) == 4
    by_anchor = {c["anchored"]: c for c in found}
    expected: dict[str, tuple[Annotation, str]] = {
        QUOTE: (quote, "#2 Quote\nspeaker: Ministerin\nform: direct\nWörtlich so gesagt?\n"
                       "Zweite Zeile 📰"),
        text[tone.start:tone.end]: (tone, "#3 Tone/Critical"),
        RUSSIAN: (russian, "#4 Source\noutlet: Kommersant\ndate: 2025-03-14"),
        "📰": (emoji, f"#1 Note\n{SCRIPT}"),
    }
    assert set(by_anchor) == set(expected)
    assert "\n" in text[tone.start:tone.end]  # the range crosses a paragraph
    for anchored, (annotation, comment_text) in expected.items():
        comment = by_anchor[anchored]
        assert comment["text"] == comment_text
        assert comment["author"] == annotation.author
        assert comment["date"] == zulu(annotation.created)
    assert by_anchor[QUOTE]["initials"] == "AB"
    assert by_anchor[text[tone.start:tone.end]]["initials"] == "TR"
    with zipfile.ZipFile(out) as package:  # the note is text, escaped, never markup
        xml = package.read("word/comments.xml").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml and "<script" not in xml


def test_the_text_survives_and_passages_are_shaded(project: Project, tmp_path: Path) -> None:
    doc_id = add_document(project, GERMAN)
    text = project.text(doc_id)
    project.annotate(doc_id, *span(text, QUOTE), "Quote")
    project.annotate(doc_id, *span(text, RUSSIAN), "Tone/Confrontational")
    both_start, both_end = span(text, "Wir müssen")
    project.annotate(doc_id, both_start, both_end, "Tone/Cooperative")
    out = tmp_path / "report.docx"
    export_docx(project, out)

    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    lines = text.split("\n")
    first = paragraphs.index(lines[0])
    assert paragraphs[first:first + len(lines)] == lines  # 📰, „“, «», Cyrillic intact

    fills = run_fills(out)
    assert fills["„"] == {tint(DEFAULT_COLOURS["Quote"], 0.32)} == fills[" reden“"]
    assert fills[RUSSIAN] == {tint(DEFAULT_COLOURS["Tone/Confrontational"], 0.32)}
    # Where two passages overlap, the shade blends them and is darker.
    quote, cooperative = DEFAULT_COLOURS["Quote"], DEFAULT_COLOURS["Tone/Cooperative"]
    pairs = ((int(quote[i:i + 2], 16), int(cooperative[i:i + 2], 16)) for i in (1, 3, 5))
    mean = "#" + "".join(f"{round((a + b) / 2):02x}" for a, b in pairs)
    assert fills["Wir müssen"] == {tint(mean, 0.46)}
    document = docx.Document(str(out))
    [overlap] = [r for p in document.paragraphs for r in p.runs if r.text == "Wir müssen"]
    assert overlap.font.underline is True


def test_summary_tables(project: Project, tmp_path: Path) -> None:
    doc_id = add_document(project, GERMAN)
    text = project.text(doc_id)
    project.annotate(doc_id, *span(text, QUOTE), "Quote",
                     attributes={"speaker": "Ministerin", "form": "direct"})
    project.annotate(doc_id, *span(text, "man sei zu Gesprächen bereit"), "Quote",
                     attributes={"speaker": "Botschafter", "form": "reported"},
                     author="Tomás Ruiz")
    project.annotate(doc_id, *span(text, RUSSIAN), "Source",
                     attributes={"outlet": "Kommersant", "date": "2025-03-14",
                                 "title": RUSSIAN, "url": "https://kommersant.ru/x"})
    out = tmp_path / "report.docx"
    export_docx(project, out)

    quotes = [r for r in _tables(out) if r[0] == ["#", "Speaker", "Quote", "Form", "Analyst"]]
    assert quotes == [[
        ["#", "Speaker", "Quote", "Form", "Analyst"],
        ["1", "Ministerin", QUOTE, "direct", "Anna Berger"],
        ["2", "Botschafter", "man sei zu Gesprächen bereit", "reported", "Tomás Ruiz"],
    ]]
    sources = [r for r in _tables(out) if r[0] == ["#", "Outlet", "Date", "Title", "URL"]]
    assert sources == [[["#", "Outlet", "Date", "Title", "URL"],
                        ["3", "Kommersant", "2025-03-14", RUSSIAN, "https://kommersant.ru/x"]]]
    legend = table_rows(out, "")
    assert legend[0] == ["", "Tag", "Annotations", "Coverage"]
    assert [row[1:3] for row in legend[1:]] == [["Quote", "2"], ["Source", "1"]]
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Anna Berger: 2 annotations" in body and "Tomás Ruiz: 1 annotation" in body


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows]
            for table in docx.Document(str(path)).tables]


# --- scope, filters, errors --------------------------------------------------------------


def test_filters_choose_the_comments(project: Project, tmp_path: Path) -> None:
    doc_id = add_document(project, GERMAN)
    other_id = add_document(project, "Ein zweiter Text über „Häfen“.\n", title="Zweiter")
    text = project.text(doc_id)
    project.annotate(doc_id, *span(text, QUOTE), "Quote")
    project.annotate(doc_id, *span(text, RUSSIAN), "Tone/Critical", author="Tomás Ruiz")
    rejected = project.annotate(doc_id, *span(text, "Grüße"), "Note")
    project.execute(UpdateAnnotation(rejected.id, {"status": "rejected"}))
    project.annotate(other_id, *span(project.text(other_id), "„Häfen“"), "Tone/Neutral")

    cases = {
        ExportScope(): ["#1 Quote", "#2 Tone/Critical", "#1 Tone/Neutral"],
        ExportScope(tag="Tone"): ["#1 Tone/Critical", "#1 Tone/Neutral"],
        ExportScope(author="Tomás Ruiz"): ["#1 Tone/Critical"],
        ExportScope(documents=(other_id[:8],)): ["#1 Tone/Neutral"],
        ExportScope(status="rejected"): ["#1 Note\nstatus: rejected"],
    }
    for number, (scope, expected) in enumerate(cases.items()):
        out = tmp_path / f"r{number}.docx"
        assert export_docx(project, out, scope=scope) == len(expected)
        assert Counter(c["text"] for c in comments(out)) == Counter(expected), scope


def test_bad_input_writes_nothing(project: Project, tmp_path: Path) -> None:
    doc_id = add_document(project, GERMAN)
    project.annotate(doc_id, 0, 2, "Quote", note="bell \x07 and null \x00 pasted in")
    out = tmp_path / "report.docx"
    with pytest.raises(NotFound, match="no tag 'Nonsense'"):
        export_docx(project, out, scope=ExportScope(tag="Nonsense"))
    with pytest.raises(InvalidValue, match="unknown status"):
        export_docx(project, out, scope=ExportScope(status="maybe"))
    with pytest.raises(InvalidValue, match="is a folder"):
        export_docx(project, tmp_path)
    out.write_bytes(b"earlier report")
    with pytest.raises(ExportCancelled):
        export_docx(project, out, cancel=lambda: True)
    assert out.read_bytes() == b"earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["p.glossa", "report.docx",
                                                                  *_sidecars(tmp_path)])
    # Characters XML cannot hold become U+FFFD instead of breaking the file.
    steps: list[tuple[int, int]] = []
    export_docx(project, out, progress=lambda done, total: steps.append((done, total)))
    [comment] = comments(out)
    assert comment["text"] == "#1 Quote\nbell \ufffd and null \ufffd pasted in"
    assert steps == [(1, 2), (2, 2)]


def _sidecars(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith("p.glossa-")]


def test_a_passage_of_line_breaks_only_still_gets_its_comment(project: Project,
                                                              tmp_path: Path) -> None:
    doc_id = add_document(project, "Erster Absatz.\n\nZweiter Absatz.\n")
    text = project.text(doc_id)
    gap = text.index("\n\n")
    project.annotate(doc_id, gap, gap + 2, "Note", note="Leerzeile")
    out = tmp_path / "report.docx"
    export_docx(project, out)
    [comment] = comments(out)
    assert comment["text"] == "#1 Note\nLeerzeile"
    assert comment["anchored"] == ""  # an empty run marks the place


# --- the sample project -------------------------------------------------------------------


def test_the_sample_project(tmp_path: Path) -> None:
    path = build_sample_project(tmp_path / "sample.glossa")
    out = tmp_path / "sample.docx"
    with Project.open(path) as sample:
        expected = Counter(
            (sample.text(a.document_id)[a.start:a.end], a.author)
            for d in sample.documents() for a in sample.annotations(d.id)
        )
        assert export_docx(sample, out) == sum(expected.values())
    found = comments(out)
    assert Counter((c["anchored"], c["author"]) for c in found) == expected
    assert len({c["id"] for c in found}) == len(found)
