"""A team-sized project driven through the real window: 10,000 articles, 1,000,000
annotations by five analysts (``bench.scale_data``).

Figures: generating the project (setup), its file size, opening it in ``MainWindow``
until the first article has painted, switching documents, a project-wide search, the
annotation list filtered by tag and by author over the whole project, agreement over
the whole project (``core.review.agreement``, two analysts and alpha among all five)
and the window's memory. Offscreen Qt; printed figures only, no pass or fail.

Run ``python -m bench.scale`` (a few minutes), ``--quick`` (a tenth of the size), or
choose ``--documents N --annotations M``. ``--project FILE`` keeps the generated project
in FILE and reuses it when it exists, so the window's figures (memory above all) come
from a process that did not generate it: run once to generate, again to measure.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QComboBox

from bench.gui_open import open_window, rss_mb, until_painted
from bench.scale_data import ANALYSTS, generate
from bench.storage import SEARCH_QUERIES
from bench.timing import median_times
from core.project import Project
from core.review.agreement import agreement, alpha_among
from gui.main_window import MainWindow

FULL = (10_000, 1_000_000)
QUICK = (1_000, 100_000)
SWITCHES = 10


def figure(name: str, value: str, unit: str, target: str) -> None:
    """One result line: ``name: value unit (target ...)``."""
    print(f"{name}: {value} {unit} ({target})", flush=True)


def _app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication([])


def _drain() -> None:
    """Run what the event loop has queued (the list fills on a zero-time timer)."""
    app = _app()
    for _ in range(3):
        app.processEvents()


def _ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def open_first_document(window: MainWindow, path: Path) -> float:
    """Milliseconds from ``open_project`` until the first article has painted."""
    def open_project() -> None:
        if not window.open_project(path):
            raise RuntimeError(f"the window could not open {path}")
    return until_painted(window, open_project)


def switch_documents(window: MainWindow, document_ids: Sequence[str]) -> tuple[float, float]:
    """Median milliseconds to the article's paint, and to the paint with the list filled."""
    painted, listed = [], []
    for doc_id in document_ids:
        started = time.perf_counter()
        painted.append(until_painted(window, lambda d=doc_id: window.open_document(d)))
        _drain()
        listed.append((time.perf_counter() - started) * 1000)
    return statistics.median(painted), statistics.median(listed)


def search(window: MainWindow, query: str) -> tuple[float, int]:
    """Median milliseconds of a project search as Enter runs it, hits shown; hit count."""
    panel = window.project_search
    times = [_ms(lambda: window.finding.search_project(query)) for _ in range(5)]
    return statistics.median(times), panel.results.count()


def _choose(box: QComboBox, index: int, window: MainWindow) -> float:
    """Milliseconds for choosing ``index`` in a list filter, as a click does, list redrawn."""
    def act() -> None:
        box.setCurrentIndex(index)
        box.activated.emit(index)
        window.annotation_list.table.viewport().repaint()
    return _ms(act)


def _listed(window: MainWindow) -> tuple[int, float]:
    """Rows the list holds in all, and milliseconds the label's count took (it is shown
    after the first rows have painted, on a zero-time timer)."""
    started = time.perf_counter()
    _drain()
    return window.annotation_list.model.total(), (time.perf_counter() - started) * 1000


def filter_list(window: MainWindow) -> list[tuple[str, float, tuple[int, float]]]:
    """The whole project's annotation list filtered by a tag, by an author, then both."""
    panel = window.annotation_list
    results = []
    _choose(panel.scope, 1, window)  # whole project
    _drain()
    results.append(("whole project, no filter", _choose(panel.scope, 1, window),
                    _listed(window)))
    tag_index = max(1, panel.tag.findText("Quote"))
    results.append((f"tag {panel.tag.itemText(tag_index)}",
                    _choose(panel.tag, tag_index, window), _listed(window)))
    author_index = panel.author.findData(ANALYSTS[1])
    results.append((f"tag and author {ANALYSTS[1]}",
                    _choose(panel.author, author_index, window), _listed(window)))
    results.append((f"author {ANALYSTS[1]}", _choose(panel.tag, 0, window), _listed(window)))
    _choose(panel.author, 0, window)
    _choose(panel.scope, 0, window)
    return results


def measure(path: Path, document_ids: Sequence[str], settings: Path) -> None:
    app = _app()
    rss_before = rss_mb()
    window = open_window(settings)
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    figure("open the project and show the first document, painted",
           f"{open_first_document(window, path):,.0f}", "ms", "target < 1,000 ms")
    _drain()
    step = max(1, len(document_ids) // SWITCHES)
    painted, listed = switch_documents(window, document_ids[step::step][:SWITCHES])
    figure(f"switch documents, painted (median of {SWITCHES})", f"{painted:,.1f}", "ms",
           "target < 100 ms")
    figure(f"switch documents, painted and listed (median of {SWITCHES})", f"{listed:,.1f}",
           "ms", "target < 100 ms")
    for query in SEARCH_QUERIES:
        taken, hits = search(window, query)
        figure(f'project search "{query}" [{hits} hits shown]', f"{taken:,.1f}",
               "ms median of 5", "target < 50 ms")
    for what, taken, (rows, counted) in filter_list(window):
        figure(f"annotation list filtered: {what} [{rows:,} rows]", f"{taken:,.1f}", "ms",
               f"target < 100 ms; then {counted:,.0f} ms to count them for the label")
    project = window.project
    assert project is not None
    wall, cpu = median_times(1, lambda: agreement(project, ANALYSTS[0], ANALYSTS[1]))
    figure(f"agreement of {ANALYSTS[0]} and {ANALYSTS[1]} over the whole project",
           f"{wall:,.1f}", "s", f"target < 10 s; CPU {cpu:.1f} s")
    wall, cpu = median_times(1, lambda: alpha_among(project, ANALYSTS))
    figure(f"alpha among all {len(ANALYSTS)} analysts over the whole project",
           f"{wall:,.1f}", "s", f"target < 10 s; CPU {cpu:.1f} s")
    _drain()
    figure("window memory (RSS) after all of the above", f"{rss_mb():,.0f}", "MB",
           f"target < 500 MB; {rss_mb() - rss_before:+,.0f} MB since the window was made")
    window.close()
    window.deleteLater()
    _drain()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the full size")
    parser.add_argument("--documents", type=int, help=f"articles (default {FULL[0]:,})")
    parser.add_argument("--annotations", type=int, help=f"annotations (default {FULL[1]:,})")
    parser.add_argument("--project", type=Path, metavar="FILE",
                        help="keep the generated project in FILE; if FILE exists, measure it "
                             "without generating (the size options are then ignored)")
    args = parser.parse_args(argv)
    documents, annotations = QUICK if args.quick else FULL
    documents = args.documents or documents
    annotations = args.annotations or annotations
    _app()
    with tempfile.TemporaryDirectory(prefix="glossa-scale-") as tmp:
        path = args.project or Path(tmp) / "team.glossa"
        if path.exists():
            document_ids = _document_ids(path)
            figure(f"reuse {path} with {len(document_ids):,} articles", "0", "s", "setup")
        else:
            started = time.perf_counter()
            made = generate(path, documents, annotations)
            document_ids = list(made.document_ids)
            figure(f"generate {len(made.document_ids):,} articles and {made.annotations:,} "
                   f"annotations by {len(ANALYSTS)} analysts",
                   f"{time.perf_counter() - started:,.1f}", "s", "setup")
            if args.project:
                print("generated; run again with the same --project to measure the window "
                      "alone", flush=True)
                return 0
        figure("project file size", f"{path.stat().st_size / 1e6:,.0f}", "MB", "no target")
        measure(path, document_ids, Path(tmp))
    return 0


def _document_ids(path: Path) -> list[str]:
    """The project's articles in import order, as ``generate`` returned them."""
    with Project.open(path, author=ANALYSTS[0], rolling_backup=False) as project:
        return [info.id for info in project.documents()]


if __name__ == "__main__":
    raise SystemExit(main())
