"""Annotated reports of one long article with 10,000 annotations: HTML < 2 s, PDF < 5 s.

Builds a real project file (the document by command, the annotations by the bulk path)
from ``bench.corpus``: a 200,000-character German or English article with „quotes“,
Cyrillic and emoji, and 10,000 annotations over every tag of the default codebook
(tone levels included, so the tone chart has work), a quarter with a speaker, one in
fifty with a note. Timed: the report content alone (``build_report``), and the two
exports end to end as the CLI runs them (reading, rendering, writing the file).

Run ``python -m bench.reports`` (about forty seconds) or ``--quick`` (1,000 annotations
on 20,000 characters).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.corpus import article_text, headline, make_annotations
from bench.timing import median_times
from core.commands import AddDocument
from core.exporters.html import export_html
from core.exporters.pdf import export_pdf
from core.model import Document, new_document_id, utc_now
from core.project import Project
from core.reports.content import build_report
from core.text import content_hash

FULL = (200_000, 10_000)
QUICK = (20_000, 1_000)


def figure(name: str, value: str, unit: str, target: str) -> None:
    """One result line: ``name: value unit (target ...)``."""
    print(f"{name}: {value} {unit} ({target})", flush=True)


def build(path: Path, chars: int, annotations: int) -> Project:
    """A project with one article of ``chars`` characters and ``annotations`` annotations."""
    project = Project.create(path, author="Bench")
    text = article_text(chars, seed=11)
    document = Document(id=new_document_id(), title=headline(11), format="txt", text=text,
                        content_hash=content_hash(text), chars=len(text), imported=utc_now(),
                        source_name="long-article.txt", outlet="Bench Gazette")
    project.execute(AddDocument(document, text.encode("utf-8")))
    codebook = project.codebook()
    leaves = sorted(codebook.path(t.id) for t in codebook.tags if t.name != "Tone")
    tag_ids = [codebook.find(path).id for path in leaves]
    project.bulk_add_annotations(
        make_annotations(document.id, len(text), tag_ids, annotations, "Bench", 5, text=text)
    )
    return project



def _page_count(path: Path) -> int:
    import pymupdf  # heavy; only for counting the pages

    opener: Any = pymupdf.open
    with opener(path) as written:
        return len(written)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reports", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK[1]:,} annotations on {QUICK[0]:,} characters")
    args = parser.parse_args(argv)
    chars, count = QUICK if args.quick else FULL
    runs = 3
    with tempfile.TemporaryDirectory(prefix="glossa-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        project = build(folder / "reports.glossa", chars, count)
        try:
            figure("corpus", f"1 article of {chars:,} characters, {count:,} annotations", "",
                   f"built in {time.perf_counter() - started:.1f} s")
            report = build_report(project)
            document = report.documents[0]
            figure("  report content", f"{len(document.segments):,} segments, "
                   f"{max(a.lane for a in document.annotations) + 1} lanes, "
                   f"{len(document.tone):,} tone points", "", "what the templates lay out")
            content, content_cpu = median_times(runs, lambda: build_report(project))
            figure("report content (build_report)", f"{content * 1000:.0f}", "ms",
                   f"target well under 1000 ms; {content_cpu * 1000:.0f} ms CPU, "
                   f"median of {runs}")
            html_path = folder / "report.html"
            html, html_cpu = median_times(runs, lambda: export_html(project, html_path))
            figure("HTML report", f"{html:.2f}", "s",
                   f"target < 2 s; {html_cpu:.2f} s CPU, median of {runs}; "
                   f"{html_path.stat().st_size / 1e6:.1f} MB")
            pdf_path = folder / "report.pdf"
            pdf, pdf_cpu = median_times(runs, lambda: export_pdf(project, pdf_path))
            pages = _page_count(pdf_path)
            figure("PDF report", f"{pdf:.2f}", "s",
                   f"target < 5 s; {pdf_cpu:.2f} s CPU, median of {runs}; {pages:,} pages, "
                   f"{pdf_path.stat().st_size / 1e6:.1f} MB")
        finally:
            project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
