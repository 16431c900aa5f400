"""What MuPDF and bad input say reaches the user as warnings and one-line errors, never
stdout (where ``glossa import`` prints ``<doc-id>\\t<title>``) or the stored text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.cli import main
from core.importers import read_document
from tests.core.helpers import add_document, new_project
from tests.core.hostile_files import epub_with, pdf_with_content


def _damaged_xref_pdf(tmp_path: Path) -> Path:
    path = pdf_with_content(tmp_path / "damaged.pdf", b"BT /F1 12 Tf 72 720 Td (Hallo Welt) Tj ET")
    data = path.read_bytes()
    path.write_bytes(data.replace(b"startxref\n", b"startxref\n9").replace(b"xref\n0", b"xref\n9"))
    return path


def test_mupdf_diagnostics_are_import_warnings_on_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = _damaged_xref_pdf(tmp_path)
    project = tmp_path / "p.glossa"
    assert main(["new", str(project)]) == 0
    capfd.readouterr()
    assert main(["import", str(project), str(path)]) == 0
    out, err = capfd.readouterr()
    doc_id, title = out.rstrip("\n").split("\t")
    assert len(out.splitlines()) == 1 and title == "Hallo Welt" and len(doc_id) == 36
    assert f"{path}: warning: MuPDF: trying to repair broken xref" in err.splitlines()
    assert all(line.startswith(f"{path}: warning: ") for line in err.splitlines())


def test_epub_markup_errors_become_warnings_not_text(tmp_path: Path) -> None:
    broken = b"<html><body><p>kaputt &amp; weiter<<</b></i><p>Ende"
    doc = read_document(epub_with(tmp_path / "b.epub", "OEBPS/c2.xhtml",
                                  lambda entry: entry.write(broken)))
    assert "Ende" in doc.text and "kaputt" in doc.text
    assert "error" not in doc.text.lower() and "MuPDF" not in doc.text
    assert any(w.startswith("MuPDF: syntax error") for w in doc.warnings), doc.warnings


def test_w3c_lone_surrogate_is_refused_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with new_project(tmp_path) as project:
        add_document(project)
        path = project.path
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Quote"},
                 {"type": "TextualBody", "purpose": "commenting", "value": "bad \ud800"}],
        "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "Die"}},
    }
    w3c = tmp_path / "kollegin.json"
    w3c.write_text(json.dumps(annotation), encoding="ascii")  # "\ud800" as an escape
    before = path.read_bytes()
    assert main(["import", str(path), str(w3c)]) == 1
    err = capsys.readouterr().err
    assert err == (f"glossa: {w3c}: holds text that is not valid Unicode "
                   "(a lone surrogate '\\ud800')\n")
    assert path.read_bytes() == before
