"""The reference article, end to end through the command line: import, tag its mixed
quotation styles, its speakers, tone shifts and the Cyrillic source, then every export.

The article lives in ``../shared``; these tests skip when it is absent.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from core.cli import main
from core.formats.glossa_json import load_json_export
from core.project import Project

ANNA, BORIS = "Anna Berger", "Boris Kühn"
# Passages as the article has them: „…“, “…“, “…” and «…» mixed, as real copy is.
MILLEY_RULES = ("“Wir müssen Vorschriften und Verfahren entwickeln, um mehr Sicherheit statt "
                "Unsicherheit")
MILLEY_PROBLEM = "“Das ist ein so grundlegendes Problem, das wir lösen müssen, und ich werde " \
                 "mein Bestes dafür tun“"
FIRST_MEETING = "„war das erste persönliche Treffen zwischen ihnen seit 2019…“"
KOMMERSANT = "«Удар из-за горизонта»"
CONGRESS_TONE = "ziemlich konfrontativen politischen Töne aus dem US-Kongress"
PRODUCTIVE = "„produktives Treffen gewesen. Wenn militärische Führer von Großmächten " \
             "miteinander kommunizieren, macht das die Welt sicherer“"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A project with the seed article, tagged by two analysts through the CLI."""
    from tests.conftest import SHARED

    article = SHARED / "seed-article.txt"
    if not article.is_file():
        pytest.skip("../shared/seed-article.txt is not present")
    folder = tmp_path_factory.mktemp("seed")
    project = folder / "seed.glossa"
    assert main(["new", str(project)]) == 0
    with Project.open(project) as p:
        result = p.import_file(article)
        doc = result.document.id

    def tag(*args: str) -> None:
        assert main(["tag", str(project), doc, *args]) == 0

    tag("Quote", "--quote", MILLEY_RULES, "--attr", "speaker=Mark Milley",
        "--attr", "form=direct", "--author", ANNA)
    tag("Quote", "--quote", MILLEY_PROBLEM, "--attr", "speaker=Mark Milley",
        "--attr", "form=direct", "--author", ANNA)
    tag("Quote", "--quote", MILLEY_PROBLEM.strip("“"), "--attr", "speaker=Mark Milley",
        "--attr", "form=direct", "--author", BORIS)
    tag("Quote", "--quote", FIRST_MEETING, "--attr", "form=reported", "--author", ANNA,
        "--note", "Wer spricht hier? Zitat ohne Sprecher: <nachprüfen> & „klären“")
    tag("Quote", "--quote", PRODUCTIVE, "--attr", "speaker=Mark Milley",
        "--attr", "form=direct", "--author", BORIS)
    tag("Source", "--quote", KOMMERSANT, "--attr", "outlet=Kommersant",
        "--attr", "date=2021-09-22", "--attr", f"title={KOMMERSANT}", "--author", ANNA)
    tag("Tone/Conciliatory", "--quote", PRODUCTIVE, "--author", ANNA)
    tag("Tone/Confrontational", "--quote", CONGRESS_TONE, "--author", ANNA)
    tag("Tone/Critical", "--quote", CONGRESS_TONE, "--author", BORIS)
    return project, doc


def test_every_passage_sits_on_its_exact_text(seeded: tuple[Path, str]) -> None:
    path, doc = seeded
    with Project.open(path) as project:
        text = project.text(doc)
        passages = {text[a.start:a.end] for a in project.annotations(doc)}
        assert {MILLEY_RULES, MILLEY_PROBLEM, MILLEY_PROBLEM.strip("“"), FIRST_MEETING,
                PRODUCTIVE, KOMMERSANT, CONGRESS_TONE} == passages
        for a in project.annotations(doc):
            assert a.exact == text[a.start:a.end]
            assert text[max(0, a.start - len(a.prefix)):a.start] == a.prefix


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "csv", "json", "w3c", "qdpx"])
def test_every_format_carries_the_quotes_speakers_and_the_cyrillic_source(
        seeded: tuple[Path, str], tmp_path: Path, fmt: str) -> None:
    path, _ = seeded
    suffix = {"w3c": ".jsonld", "pdf": ".pdf"}.get(fmt, f".{fmt}")
    out = tmp_path / f"seed{suffix}"
    assert main(["export", str(path), "--format", fmt, "--out", str(out)]) == 0
    text = _readable_text(out, fmt)
    for needle in (KOMMERSANT, "Mark Milley", "Kommersant"):
        assert needle in text, (fmt, needle)
    if fmt != "qdpx":  # REFI-QDA keeps attributes in notes; the quote text is in the source
        assert "grundlegendes Problem" in text
    assert "?????" not in text  # no font fell back to question marks


def _readable_text(out: Path, fmt: str) -> str:
    if fmt == "pdf":
        with pymupdf.open(out) as pdf:
            extracted = "".join(page.get_text() for page in pdf)
        if shutil.which("pdftotext"):
            poppler = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"],
                                     capture_output=True, check=True).stdout.decode("utf-8")
            assert KOMMERSANT in poppler
        return extracted
    if fmt in ("docx", "qdpx"):
        with zipfile.ZipFile(out) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace")
                           for name in archive.namelist()
                           if name.endswith((".xml", ".qde", ".txt")))
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            return "\n".join(",".join(row) for row in csv.reader(handle))
    return out.read_text(encoding="utf-8")


def test_the_html_report_escapes_the_note(seeded: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = seeded
    out = tmp_path / "seed.html"
    assert main(["export", str(path), "--format", "html", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "&lt;nachprüfen&gt; &amp; „klären“" in html
    assert "<nachprüfen>" not in html


def test_w3c_export_passes_the_suite_and_json_round_trips(
        seeded: tuple[Path, str], tmp_path: Path, shared_dir: Path) -> None:
    path, _ = seeded
    w3c = tmp_path / "seed.jsonld"
    assert main(["export", str(path), "--format", "w3c", "--out", str(w3c)]) == 0
    checked = subprocess.run(
        [sys.executable, str(shared_dir / "conformance" / "validate_w3c.py"), str(w3c)],
        capture_output=True, text=True, check=False)
    assert checked.stdout.strip().splitlines()[-1] == "9 passed, 0 failed"

    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["export", str(path), "--format", "json", "--out", str(first)]) == 0
    copy = tmp_path / "copy.glossa"
    assert main(["new", str(copy)]) == 0
    assert main(["import", str(copy), str(first)]) == 0
    assert main(["export", str(copy), "--format", "json", "--out", str(second)]) == 0

    def content(file: Path) -> dict[str, Any]:
        data = load_json_export(file)
        return {key: sorted(map(json.dumps, data[key]))
                for key in ("codebook", "documents", "annotations")}

    assert content(first) == content(second)


def test_the_two_analysts_agreement_and_disagreements(seeded: tuple[Path, str],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = seeded
    capsys.readouterr()
    assert main(["agreement", str(path), "--between", ANNA, BORIS, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert -1 <= figures["kappa"]["overall"] <= 1
    assert figures["f1"]["overlap"]["Quote"] > figures["f1"]["exact"]["Quote"]
    assert main(["review", str(path), "--between", ANNA, BORIS, "--json"]) == 0
    kinds = {d["kind"] for d in json.loads(capsys.readouterr().out)}
    assert {"bounds_differ", "tag_differs", "only_a"} <= kinds
