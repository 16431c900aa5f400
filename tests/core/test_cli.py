"""The ``glossa`` command line, end to end: real project files, real article files.

Most tests call ``main`` in-process and read what it printed; one runs ``python -m
core.cli`` in a child process to prove the exit codes and that no traceback escapes.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from core import cli
from core.cli import common as cli_output
from core.cli import main
from core.codebook import DEFAULT_COLOURS
from core.commands import AddDocument, DeleteDocument
from core.errors import InvalidValue
from core.formats.glossa_json import load_json_export
from core.model import Document, utc_now
from core.offsets import Utf16Map
from core.project import Project
from core.text import content_hash

REPO = Path(__file__).resolve().parents[2]

# An astral emoji and Cyrillic before the quoted passage, so code points and UTF-16
# units disagree there; the quote occurs twice for --occurrence.
ARTICLE = (
    "😀 Kyjiw/Berlin. Удар по переговорам? „Wir müssen reden“, sagte die Ministerin.\n"
    "Grüße an alle, schrieb der Botschafter 𝔘.\n"
    "Später wiederholte sie: „Wir müssen reden“ – und ging.\n"
)
QUOTE = "Wir müssen reden"
DOCS_KEYS = ["id", "title", "format", "language", "chars", "annotations"]
ANNOTATION_KEYS = ["id", "doc", "start", "end", "text", "tag", "attributes", "note", "author",
                   "origin", "status", "created", "modified"]


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Setup:
    project: Path
    article: Path
    doc_id: str


Glossa = Callable[..., Result]


@pytest.fixture
def glossa(capsys: pytest.CaptureFixture[str]) -> Glossa:
    """``glossa(*args)`` runs the CLI in-process and returns its exit code and output."""

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def one_error_line(result: Result, code: int) -> str:
    """The single ``glossa: ...`` line a failure prints (and nothing on stdout)."""
    assert result.code == code, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("glossa: ")
    assert "Traceback" not in result.err
    return lines[0]


def counts(path: Path) -> dict[str, int]:
    """Rows per table, read through a separate connection."""
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "document_files", "annotations", "tags")}
    finally:
        conn.close()


@pytest.fixture
def setup(tmp_path: Path, glossa: Glossa, monkeypatch: pytest.MonkeyPatch) -> Setup:
    monkeypatch.setenv("GLOSSA_AUTHOR", "Anna")
    article = tmp_path / "artikel.txt"
    article.write_bytes(ARTICLE.encode("utf-8"))
    project = tmp_path / "studie.glossa"
    assert glossa("new", project).code == 0
    imported = glossa("import", project, article)
    assert imported.code == 0, imported.err
    doc_id = imported.out.split("\t")[0]
    return Setup(project, article, doc_id)


def annotations_json(glossa: Glossa, *args: str | Path) -> list[dict[str, object]]:
    result = glossa("annotations", *args, "--json")
    assert result.code == 0, result.err
    data: list[dict[str, object]] = json.loads(result.out)
    return data


# --- the happy paths ------------------------------------------------------------------


def test_new_prints_the_path_and_creates_a_project_with_the_default_codebook(
        tmp_path: Path, glossa: Glossa) -> None:
    path = tmp_path / "neu.glossa"
    result = glossa("new", path)
    assert result.code == 0
    assert result.out == f"{path.resolve()}\n"
    with Project.open(path) as project:
        assert project.codebook().find("Tone/Conciliatory").key == "6"
        assert project.documents() == []


def test_new_refuses_to_overwrite_an_existing_file(tmp_path: Path, glossa: Glossa) -> None:
    path = tmp_path / "precious.glossa"
    path.write_bytes(b"my thesis")
    line = one_error_line(glossa("new", path), 1)
    assert "already exists" in line
    assert path.read_bytes() == b"my thesis"


def test_import_prints_id_and_title_and_a_duplicate_points_to_the_existing_document(
        setup: Setup, glossa: Glossa, tmp_path: Path) -> None:
    with Project.open(setup.project) as project:
        (doc,) = project.documents()
    assert doc.id == setup.doc_id
    assert doc.title.startswith("😀 Kyjiw/Berlin.")
    copy = tmp_path / "kopie.txt"
    copy.write_bytes(setup.article.read_bytes())
    again = glossa("import", setup.project, copy)
    assert again.code == 0
    assert again.out == f"{doc.id}\t{doc.title}\n"
    assert again.err == f"{copy}: already in the project\n"
    assert counts(setup.project)["documents"] == 1


def test_import_with_title_and_several_files_without_progress_when_not_a_tty(
        setup: Setup, glossa: Glossa, tmp_path: Path) -> None:
    a = tmp_path / "a.md"
    a.write_text("# Erster\n\nText eins.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Zweiter Text über Удар.\n", encoding="utf-8")
    titled = glossa("import", setup.project, a, "--title", "Mein Titel")
    assert titled.code == 0
    assert titled.out.endswith("\tMein Titel\n")
    b2 = tmp_path / "c.txt"
    b2.write_text("Dritter Text.\n", encoding="utf-8")
    both = glossa("import", setup.project, b, b2)
    assert both.code == 0
    assert [line.split("\t")[1] for line in both.out.splitlines()] == [
        "Zweiter Text über Удар.", "Dritter Text."]
    assert both.err == ""  # no "[i/n]" progress: stderr is not a terminal


def test_import_shows_progress_on_a_terminal(setup: Setup, glossa: Glossa, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    for i in range(2):
        files.append(tmp_path / f"f{i}.txt")
        files[-1].write_text(f"Text Nummer {i}.\n", encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    result = glossa("import", setup.project, *files)
    assert result.code == 0
    assert result.err.splitlines() == [f"[1/2] {files[0]}", f"[2/2] {files[1]}"]


def test_docs_table_and_json(setup: Setup, glossa: Glossa) -> None:
    table = glossa("docs", setup.project)
    assert table.code == 0
    header, row = table.out.splitlines()
    assert header.split() == ["ID", "TITLE", "FORMAT", "LANG", "CHARS", "ANNOTATIONS"]
    assert row.startswith(setup.doc_id[:8] + "  ")
    # Columns line up on a terminal, where the emoji in the title takes two cells.
    assert cli_output.display_width(row[:row.index(" txt ") + 1]) == header.index("FORMAT")
    data = json.loads(glossa("docs", setup.project, "--json").out)
    assert [list(d) for d in data] == [DOCS_KEYS]
    assert data[0]["id"] == setup.doc_id
    assert data[0]["format"] == "txt"
    assert data[0]["chars"] == len(ARTICLE)
    assert data[0]["annotations"] == 0


def test_text_is_byte_exact_utf8_without_an_added_newline(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    article = tmp_path / "artikel.txt"
    article.write_bytes(ARTICLE.encode("utf-8"))
    with Project.create(tmp_path / "p.glossa") as project:
        doc_id = project.import_file(article).document.id
    capsysbinary.readouterr()
    assert main(["text", str(tmp_path / "p.glossa"), doc_id[:6]]) == 0
    out = capsysbinary.readouterr().out
    assert out == ARTICLE.encode("utf-8")
    assert out == article.read_bytes()


def test_tag_by_span_counts_code_points_not_utf16_units(setup: Setup, glossa: Glossa) -> None:
    start = ARTICLE.index(QUOTE)
    assert Utf16Map(ARTICLE).to_utf16(start) != start  # the emoji makes them differ
    result = glossa("tag", setup.project, setup.doc_id, "Quote", "--span", str(start),
                 str(start + len(QUOTE)), "--attr", "speaker=Ministerin", "--attr",
                 "form=direct", "--note", "erste Äußerung 😀")
    assert result.code == 0, result.err
    annotation_id = result.out.strip()
    (a,) = annotations_json(glossa, setup.project)
    assert a["id"] == annotation_id
    assert (a["start"], a["end"], a["text"]) == (start, start + len(QUOTE), QUOTE)
    assert a["attributes"] == {"speaker": "Ministerin", "form": "direct"}
    assert a["note"] == "erste Äußerung 😀"
    assert a["author"] == "Anna"  # $GLOSSA_AUTHOR
    assert (a["origin"], a["status"], a["tag"]) == ("manual", "accepted", "Quote")


def test_tag_by_quote_picks_the_requested_occurrence(setup: Setup, glossa: Glossa) -> None:
    second = ARTICLE.index(QUOTE, ARTICLE.index(QUOTE) + 1)
    result = glossa("tag", setup.project, setup.doc_id, "tone/conciliatory", "--quote",
                 QUOTE, "--occurrence", "2", "--author", "Boris")
    assert result.code == 0, result.err
    first = glossa("tag", setup.project, setup.doc_id, "Quote", "--quote", QUOTE)
    assert first.code == 0
    spans = {(a["tag"], a["start"], a["author"]) for a in annotations_json(glossa, setup.project)}
    assert spans == {("Tone/Conciliatory", second, "Boris"),
                     ("Quote", ARTICLE.index(QUOTE), "Anna")}


@pytest.fixture
def tagged(setup: Setup, glossa: Glossa) -> Setup:
    """Three annotations: a quote by Anna, a tone level by Boris, a note by Anna."""
    assert glossa("tag", setup.project, setup.doc_id, "Quote", "--quote", QUOTE).code == 0
    assert glossa("tag", setup.project, setup.doc_id, "Conciliatory", "--quote", "Grüße",
               "--author", "Boris").code == 0
    assert glossa("tag", setup.project, setup.doc_id, "Note", "--quote", "Удар",
               "--note", "Schlagzeile").code == 0
    return setup


def test_annotations_filters_and_json_shape(tagged: Setup, glossa: Glossa) -> None:
    everything = annotations_json(glossa, tagged.project)
    assert [list(a) for a in everything] == [ANNOTATION_KEYS] * 3
    assert [a["text"] for a in everything] == ["Удар", QUOTE, "Grüße"]  # by start
    assert [a["text"] for a in annotations_json(glossa, tagged.project, "--tag", "Tone")] == [
        "Grüße"]  # nested tags count for their parent
    assert [a["text"] for a in annotations_json(glossa, tagged.project, "--author", "Anna")] == [
        "Удар", QUOTE]
    assert annotations_json(glossa, tagged.project, "--doc", tagged.doc_id[:5], "--author",
                            "Nobody") == []
    table = glossa("annotations", tagged.project, "--tag", "quote")
    header, row = table.out.splitlines()
    assert header.split() == ["ID", "DOC", "START", "END", "TAG", "AUTHOR", "STATUS", "TEXT"]
    assert row.split()[4:] == ["Quote", "Anna", "accepted", "Wir", "müssen", "reden"]


def test_annotations_of_a_removed_document_are_not_listed(tagged: Setup, glossa: Glossa) -> None:
    with Project.open(tagged.project) as project:
        project.execute(DeleteDocument(tagged.doc_id))
    assert annotations_json(glossa, tagged.project) == []


def test_tags_lists_the_codebook_with_counts(tagged: Setup, glossa: Glossa) -> None:
    data = json.loads(glossa("tags", tagged.project, "--json").out)
    assert [t["path"] for t in data] == [
        "Quote", "Source", "Tone", "Tone/Confrontational", "Tone/Critical", "Tone/Neutral",
        "Tone/Conciliatory", "Tone/Cooperative", "Note"]
    by_path = {t["path"]: t for t in data}
    assert by_path["Quote"] == {"id": by_path["Quote"]["id"], "path": "Quote", "key": "1",
                                "color": DEFAULT_COLOURS["Quote"], "kind": "quote", "count": 1}
    assert by_path["Tone/Conciliatory"]["count"] == 1
    assert by_path["Source"]["count"] == 0
    table = glossa("tags", tagged.project).out.splitlines()
    assert table[0].split() == ["PATH", "KEY", "COLOUR", "KIND", "COUNT"]
    assert table[7].split() == ["Tone/Conciliatory", "6", DEFAULT_COLOURS["Tone/Conciliatory"],
                                "tone", "1"]


def test_search_folds_case_and_diacritics_but_not_sharp_s(tagged: Setup, glossa: Glossa) -> None:
    """FTS5 ``unicode61 remove_diacritics 2`` turns ü into u, but leaves ß alone (it is a
    letter, not a diacritic), so "grusse" does not find "Grüße" while "GRUßE" does."""

    def hits(query: str) -> list[dict[str, object]]:
        result = glossa("search", tagged.project, query, "--json")
        assert result.code == 0, result.err
        found: list[dict[str, object]] = json.loads(result.out)
        return found

    for query in ("Grüße", "grüße", "GRUßE", "gruße"):
        (hit,) = hits(query)
        assert hit["kind"] == "document" and hit["doc"] == tagged.doc_id
        assert "[Grüße]" in str(hit["snippet"])
        assert hit["annotation"] is None
        text = glossa("text", tagged.project, tagged.doc_id).out
        assert isinstance(hit["start"], int) and isinstance(hit["end"], int)
        assert text[hit["start"]:hit["end"]] == "Grüße"
    assert hits("grusse") == []
    (note,) = hits("schlagzeile")
    assert note["kind"] == "note" and note["annotation"]
    table = glossa("search", tagged.project, "удар")
    assert table.code == 0
    assert table.out.splitlines()[0].split() == ["KIND", "DOC", "TITLE", "MATCH"]


def test_export_csv_reads_back_with_the_same_values(tagged: Setup, glossa: Glossa,
                                                    tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = glossa("export", tagged.project, "--format", "csv", "--out", out)
    assert result.code == 0
    assert result.out == f"3 annotations exported to {out}\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdocument_id,")
    assert raw.count(b"\r\n") == 4
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    listed = annotations_json(glossa, tagged.project)
    assert [r["text"] for r in rows] == [a["text"] for a in listed]
    for row, a in zip(rows, listed, strict=True):
        assert row["document_id"] == tagged.doc_id
        assert row["document_title"].startswith("😀 Kyjiw/Berlin.")
        assert (int(row["start"]), int(row["end"])) == (a["start"], a["end"])
        assert (row["tag"], row["note"], row["author"]) == (a["tag"], a["note"], a["author"])
        assert json.loads(row["attributes"]) == a["attributes"]
    only_boris = tmp_path / "boris.csv"
    assert glossa("export", tagged.project, "--format", "csv", "--out", only_boris,
               "--author", "Boris", "--doc", tagged.doc_id[:4]).code == 0
    with only_boris.open(encoding="utf-8-sig", newline="") as handle:
        assert [r["text"] for r in csv.DictReader(handle)] == ["Grüße"]
    rejected = tmp_path / "rejected.csv"
    assert glossa("export", tagged.project, "--format", "csv", "--out", rejected,
                  "--status", "rejected").out == f"0 annotations exported to {rejected}\n"
    assert glossa("export", tagged.project, "--format", "csv", "--out", rejected,
                  "--status", "accepted").out == f"3 annotations exported to {rejected}\n"


def test_export_json_is_a_valid_lossless_export(tagged: Setup, glossa: Glossa,
                                                tmp_path: Path) -> None:
    out = tmp_path / "projekt.json"
    assert glossa("export", tagged.project, "--format", "json", "--out", out).code == 0
    data = load_json_export(out)
    assert list(data) == ["format", "version", "exported", "project", "filters", "codebook",
                          "documents", "annotations", "annotation_history", "decisions"]
    assert (data["format"], data["version"]) == ("glossa-project", 1)
    (doc,) = data["documents"]
    assert doc["text"] == ARTICLE
    assert len(data["annotations"]) == 3
    assert len(data["codebook"]) == 9
    quoted = glossa("export", tagged.project, "--format", "json", "--out", out, "--tag",
                 "Quote")
    assert quoted.out == f"1 annotation exported to {out}\n"
    assert load_json_export(out)["filters"]["tag"] == "Quote"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in cli.subcommands():
        assert f"    {name}" in out
    assert cli.subcommands() == ["new", "import", "docs", "text", "tag", "annotations", "suggest",
                                 "tags", "search", "merge", "agreement", "agreement-report",
                                 "review", "decide", "export", "backup", "backups", "restore"]


def test_readme_mentions_every_subcommand() -> None:
    readme = REPO / "README.md"
    if not readme.is_file():
        pytest.skip("README.md is not written yet")
    text = readme.read_text(encoding="utf-8")
    missing = [name for name in cli.subcommands() if f"glossa {name}" not in text]
    assert missing == []


# --- errors ---------------------------------------------------------------------------


def test_missing_project_is_reported_and_not_created(tmp_path: Path, glossa: Glossa) -> None:
    path = tmp_path / "nirgends.glossa"
    for args in (["docs", path], ["import", path, tmp_path / "x.txt"], ["tags", path, "--json"]):
        line = one_error_line(glossa(*args), 1)
        assert "nirgends.glossa" in line and "does not exist" in line
    assert not path.exists()


def test_a_file_that_is_not_a_project_is_refused_untouched(tmp_path: Path, glossa: Glossa) -> None:
    path = tmp_path / "notes.glossa"
    path.write_text("Einkaufsliste: Brot, Käse\n", encoding="utf-8")
    line = one_error_line(glossa("docs", path), 1)
    assert "not a Glossa project" in line
    assert path.read_text(encoding="utf-8") == "Einkaufsliste: Brot, Käse\n"


def test_ambiguous_and_unknown_document_prefixes(tmp_path: Path, glossa: Glossa) -> None:
    path = tmp_path / "p.glossa"
    with Project.create(path) as project:
        for doc_id, text in (("abcd1111-0000-4000-8000-000000000001", "Erster Text."),
                             ("abcd2222-0000-4000-8000-000000000002", "Zweiter Text.")):
            project.execute(AddDocument(Document(
                id=doc_id, title=text, format="txt", text=text, content_hash=content_hash(text),
                chars=len(text), imported=utc_now()), text.encode()))
    assert "more than one document" in one_error_line(glossa("text", path, "abcd"), 1)
    assert "no document" in one_error_line(glossa("text", path, "ffff"), 1)
    assert "no document" in one_error_line(
        glossa("annotations", path, "--doc", "abcd3"), 1)
    # The table shows prefixes long enough to tell the two apart.
    ids = [line.split()[0] for line in glossa("docs", path).out.splitlines()[1:]]
    assert ids == ["abcd1111", "abcd2222"]
    assert glossa("text", path, "abcd2").code == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["NoSuchTag", "--quote", QUOTE], 1, "no tag 'NoSuchTag'"),
        (["Quote", "--span", "5", "5000"], 1, "is not inside the text"),
        (["Quote", "--span", "9", "4"], 1, "is not inside the text"),
        (["Quote", "--span", "5", "x"], 2, "'x' is not an offset"),
        (["Quote", "--span", "-1", "5"], 2, "'-1' is not an offset"),
        (["Quote", "--quote", "Frieden jetzt"], 1, "does not contain 'Frieden jetzt'"),
        (["Quote", "--quote", QUOTE, "--occurrence", "3"], 1, "occurs 2 times"),
        (["Quote", "--quote", QUOTE, "--occurrence", "0"], 2, "'0' is not a whole number"),
        (["Quote", "--quote", QUOTE, "--attr", "speaker"], 2, "is not of the form KEY=VALUE"),
        (["Quote", "--quote", QUOTE, "--attr", "speakr=X"], 1, "has no attribute 'speakr'"),
        (["Quote", "--quote", QUOTE, "--attr", "form=indirect"], 1, "form must be one of"),
        (["Note", "--quote", QUOTE, "--attr", "a=b"], 1, "takes no attributes"),
        (["Quote", "--quote", QUOTE, "--attr", "form=direct", "--attr", "form=reported"], 2,
         "given twice"),
        (["Quote", "--span", "1", "2", "--quote", QUOTE], 2, "not allowed with"),
        (["Quote"], 2, "one of the arguments --span --quote is required"),
        (["Quote", "--span", "1", "2", "--occurrence", "2"], 2, "--occurrence goes with --quote"),
    ],
)
def test_bad_tag_requests_print_one_line_and_change_nothing(
        setup: Setup, glossa: Glossa, args: list[str], code: int, message: str) -> None:
    before = counts(setup.project)
    line = one_error_line(glossa("tag", setup.project, setup.doc_id, *args), code)
    assert message in line
    assert counts(setup.project) == before


def test_failed_imports_are_each_reported_and_the_rest_imported(
        setup: Setup, glossa: Glossa, tmp_path: Path) -> None:
    good = tmp_path / "gut.txt"
    good.write_text("Ein neuer Artikel.\n", encoding="utf-8")
    odd = tmp_path / "tabelle.xlsx"
    odd.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    missing = tmp_path / "fehlt.txt"
    before = counts(setup.project)
    result = glossa("import", setup.project, missing, good, odd)
    assert result.code == 1
    errors = result.err.splitlines()
    assert errors[0] == f"glossa: {missing}: does not exist"
    assert errors[1].startswith(f"glossa: {odd}: has an unsupported format (.xlsx)")
    assert len(errors) == 2
    assert result.out.endswith("\tEin neuer Artikel.\n")
    assert counts(setup.project)["documents"] == before["documents"] + 1


@pytest.mark.parametrize("name", ["fehlt.txt", "bild.png"])
def test_a_failed_import_leaves_the_project_unchanged(setup: Setup, glossa: Glossa, tmp_path: Path,
                                                      name: str) -> None:
    path = tmp_path / name
    if name.endswith(".png"):
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    before = counts(setup.project)
    line = one_error_line(glossa("import", setup.project, path), 1)
    assert line.startswith(f"glossa: {path}: ")
    assert counts(setup.project) == before


def test_title_with_several_files_is_bad_usage(setup: Setup, glossa: Glossa) -> None:
    before = counts(setup.project)
    result = glossa("import", setup.project, setup.article, setup.article, "--title", "T")
    assert "--title can only be given with one FILE" in one_error_line(result, 2)
    assert counts(setup.project) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "required: COMMAND"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["export", "p.glossa", "--format", "xml", "--out", "x"], "invalid choice: 'xml'"),
        (["export", "p.glossa", "--format", "csv"], "required: --out"),
    ],
)
def test_usage_errors_exit_2_with_one_line(glossa: Glossa, args: list[str], message: str) -> None:
    assert message in one_error_line(glossa(*args), 2)


def test_export_refuses_unknown_filters_and_the_project_file_itself(
        tagged: Setup, glossa: Glossa, tmp_path: Path) -> None:
    out = tmp_path / "keep.csv"
    out.write_text("old", encoding="utf-8")
    assert "no tag 'Nope'" in one_error_line(
        glossa("export", tagged.project, "--format", "csv", "--out", out, "--tag", "Nope"), 1)
    assert out.read_text(encoding="utf-8") == "old"
    before = tagged.project.read_bytes()
    line = one_error_line(glossa("export", tagged.project, "--format", "json", "--out",
                              tagged.project), 1)
    assert "is the project file itself" in line
    assert tagged.project.read_bytes() == before
    assert "does not exist" in one_error_line(
        glossa("export", tagged.project, "--format", "csv", "--out",
            tmp_path / "no" / "such" / "x.csv"), 1)


def test_empty_search_is_refused(setup: Setup, glossa: Glossa) -> None:
    assert "nothing to search for" in one_error_line(glossa("search", setup.project, "*?"), 1)


def test_interrupt_and_database_errors_give_one_line(
        setup: Setup, glossa: Glossa, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Project, "import_file", interrupted)
    assert one_error_line(glossa("import", setup.project, setup.article), 130) == (
        "glossa: interrupted")
    monkeypatch.setattr(Project, "documents", broken)
    line = one_error_line(glossa("docs", setup.project), 1)
    assert "could not be read or written (disk I/O error)" in line


# --- the real console script ------------------------------------------------------------


def test_python_m_core_cli_exit_codes_utf8_output_and_no_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON"))}
    # An ASCII console: unless the CLI switches stdout to UTF-8, "ü" and "😀" cannot be printed.
    env.update(PYTHONPATH=str(REPO), PYTHONIOENCODING="ascii", GLOSSA_AUTHOR="Anna")

    def glossa(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "core.cli", *map(str, args)], cwd=tmp_path,
                              env=env, capture_output=True, timeout=120, check=False)

    article = tmp_path / "a.txt"
    article.write_bytes(ARTICLE.encode("utf-8"))
    assert glossa("new", "p.glossa").returncode == 0
    imported = glossa("import", "p.glossa", article)
    assert imported.returncode == 0, imported.stderr
    doc_id = imported.stdout.decode("utf-8").split("\t")[0]
    listed = glossa("docs", "p.glossa", "--json")
    assert listed.returncode == 0
    assert json.loads(listed.stdout.decode("utf-8"))[0]["title"].startswith("😀 Kyjiw")
    assert "müssen".encode() in glossa("docs", "p.glossa").stdout
    assert glossa("text", "p.glossa", doc_id).stdout == ARTICLE.encode("utf-8")
    for args, code in (
        (("tag", "p.glossa", doc_id, "Quote", "--span", "0", "9999"), 1),
        (("tag", "p.glossa", doc_id, "Quote", "--span", "0", "x"), 2),
        (("import", "p.glossa", "a.txt", "a.txt", "--title", "T"), 2),
        (("docs", "missing.glossa"), 1),
        (("docs", "a.txt"), 1),
    ):
        result = glossa(*args)
        assert result.returncode == code, (args, result.stderr)
        assert b"Traceback" not in result.stderr
        assert result.stderr.startswith(b"glossa: ") and result.stderr.count(b"\n") == 1
    assert not (tmp_path / "missing.glossa").exists()


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from core.sample import build_sample_project

    return build_sample_project(tmp_path_factory.mktemp("sample") / "sample.glossa")


@pytest.mark.parametrize(("fmt", "suffix", "magic"), [
    ("html", ".html", b"<!DOCTYPE html>"), ("pdf", ".pdf", b"%PDF"),
    ("docx", ".docx", b"PK"), ("annotated-pdf", ".pdf", b"%PDF"),
])
def test_export_reports_from_the_command_line(sample_project: Path, glossa: Glossa,
                                              tmp_path: Path, fmt: str, suffix: str,
                                              magic: bytes) -> None:
    from core.sample import ANNA

    out = tmp_path / f"report{suffix}"
    args: list[str | Path] = ["export", sample_project, "--format", fmt, "--out", out,
                              "--author", ANNA]
    if fmt == "annotated-pdf":
        with Project.open(sample_project) as project:
            pdf = next(d for d in project.documents() if d.format == "pdf")
        args += ["--doc", pdf.id[:8]]
    result = glossa(*args)
    assert result.code == 0, result.err
    assert result.out.endswith(f"exported to {out}\n")
    assert int(result.out.split()[0]) > 0
    assert out.read_bytes()[:len(magic)].upper() == magic.upper()


def test_annotated_pdf_of_a_text_document_is_refused_clearly(sample_project: Path,
                                                             glossa: Glossa,
                                                             tmp_path: Path) -> None:
    with Project.open(sample_project) as project:
        text_doc = next(d for d in project.documents() if d.format != "pdf")
    out = tmp_path / "x.pdf"
    message = one_error_line(glossa("export", sample_project, "--format", "annotated-pdf",
                                    "--out", out, "--doc", text_doc.id), 1)
    assert "not imported from a PDF" in message
    assert not out.exists()


def test_import_of_a_glossa_project_merges_it(sample_project: Path, glossa: Glossa,
                                               tmp_path: Path) -> None:
    target = tmp_path / "mine.glossa"
    assert glossa("new", target).code == 0
    result = glossa("import", target, sample_project)
    assert result.code == 0, result.err
    assert "Merged" in result.out and "4 documents added" in result.out
    with Project.open(target) as project, Project.open(sample_project) as sample:
        assert len(project.documents()) == 4
        assert len(project.annotations()) == len(sample.annotations())


def test_tag_refuses_the_parent_of_a_scale_and_lists_its_levels(
        setup: Setup, glossa: Glossa) -> None:
    line = one_error_line(glossa("tag", setup.project, setup.doc_id, "Tone", "--quote", QUOTE), 1)
    assert line == ("glossa: 'Tone' is a scale; tag one of its levels: Tone/Confrontational, "
                    "Tone/Critical, Tone/Neutral, Tone/Conciliatory, Tone/Cooperative")
    assert annotations_json(glossa, setup.project) == []
    with Project.open(setup.project) as project, pytest.raises(InvalidValue, match="a scale"):
        project.codebook().check_taggable(project.codebook().find("tone").id)
    assert glossa("tag", setup.project, setup.doc_id, "Tone/Critical", "--quote", QUOTE).code == 0
