"""GUI figures, offscreen: start-up, opening a long annotated article, one key press.

Run ``python -m bench.gui_open`` (about a minute; ``--quick`` for a smaller article).
Everything goes through the real ``MainWindow`` and ``core.project.Project``; times
stop when the article's viewport has painted, so they include the highlighter.
Printed figures only, no pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.corpus import article_text, make_annotations
from core.commands import AddDocument
from core.model import Document, new_document_id, utc_now
from core.project import Project
from core.text import content_hash
from gui.main_window import MainWindow
from gui.preferences import Preferences


class PaintWatch(QObject):
    """Notes when a widget paints."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def until_painted(window: MainWindow, action: Callable[[], object]) -> float:
    """Milliseconds from ``action`` to the article's next paint (events drained)."""
    app = QApplication.instance()
    assert app is not None
    watch = PaintWatch()
    viewport = window.view.viewport()
    viewport.installEventFilter(watch)
    t0 = time.perf_counter()
    action()
    viewport.update()
    while not watch.painted:
        app.processEvents()
    elapsed = (time.perf_counter() - t0) * 1000
    viewport.removeEventFilter(watch)
    return elapsed


def settle(seconds: float) -> None:
    """Process events for ``seconds`` (timers included), as an idle event loop would."""
    app = QApplication.instance()
    assert app is not None
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build_project(folder: Path, name: str, chars: int, n_annotations: int) -> tuple[Path, str]:
    path = folder / name
    with Project.create(path, author="Bench") as project:
        text = article_text(chars, seed=7)
        doc = Document(id=new_document_id(), title=f"{chars // 1000} k characters", format="txt",
                       text=text, content_hash=content_hash(text), chars=len(text),
                       imported=utc_now(), source_name="bench.txt")
        project.execute(AddDocument(doc, text.encode("utf-8")))
        tags = [t.id for t in project.codebook().tags]
        project.bulk_add_annotations(
            make_annotations(doc.id, len(text), tags, n_annotations, "Bench", seed=11, text=text))
    return path, doc.id


def small_project(folder: Path) -> Path:
    try:
        from core.sample import build_sample_project
    except ImportError:
        return build_project(folder, "small.glossa", 6000, 30)[0]
    path = folder / "sample.glossa"
    build_sample_project(path)
    return path


def open_window(settings_dir: Path) -> MainWindow:
    settings = QSettings(str(settings_dir / "bench.ini"), QSettings.Format.IniFormat)
    settings.setValue("analyst/name", "Bench")
    return MainWindow(Preferences(settings))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a 200 kB article, 5k spans")
    args = parser.parse_args(argv)
    chars = 200_000 if args.quick else 2_000_000
    n_open, n_keys = (1_000, 5_000) if args.quick else (10_000, 50_000)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"building projects ({chars:,} characters; {n_open:,} and {n_keys:,} spans)…")
        small = small_project(folder)
        long_path, long_doc = build_project(folder, "long.glossa", chars, n_open)
        keys_path, _ = build_project(folder, "keys.glossa", chars, n_keys)
        rss_before = rss_mb()

        starts = []
        for _ in range(3):
            t0 = time.perf_counter()
            window = open_window(folder)
            watch = PaintWatch()
            window.view.viewport().installEventFilter(watch)
            window.open_project(small)
            window.show()
            while not watch.painted:
                app.processEvents()
            starts.append((time.perf_counter() - t0) * 1000)
            window.close()
            window.deleteLater()
            app.processEvents()
        print(f"window built, project opened, shown and painted (small project): "
              f"{statistics.median(starts):6.1f} ms (warm, median of 3; target < 150 ms)")

        window = open_window(folder)
        window.resize(1400, 860)
        window.show()
        window.open_project(long_path)  # opens the long document (the only one)
        opens = [until_painted(window, lambda: window.open_document(long_doc))
                 for _ in range(3)]
        print(f"open {chars / 1e6:.1f} M-character article with {n_open:,} spans, painted: "
              f"{statistics.median(opens):6.1f} ms (median of 3; target < 200 ms)")
        print(f"memory with that article open: {rss_mb():6.1f} MB RSS "
              f"({rss_mb() - rss_before:+.1f} MB for the window; target < 250 MB)")

        window.open_project(keys_path)
        settle(0.3)  # the list and the overview fill after the first paint
        view = window.view
        text = view.text
        times = []
        for i in range(25):
            start = (i * 7919 * 13) % (len(text) - 100)
            view.select_span(start, start + 40)
            view.setFocus()
            times.append(until_painted(window, lambda: QTest.keyClick(view, "1")))
            settle(0.06)  # the list follows 30 ms later: let it, as between a user's key presses
        assert len(window.view.spans) == n_keys + 25
        print(f"key press to committed annotation and repaint at {n_keys:,} spans: "
              f"median {statistics.median(times):5.1f} ms, max {max(times):5.1f} ms "
              f"(target < 10 ms)")
        undo = [until_painted(window, window.undo_stack.undo) for _ in range(10)]
        print(f"undo of one annotation at {n_keys:,} spans: median "
              f"{statistics.median(undo):5.1f} ms")
        print(f"memory now: {rss_mb():6.1f} MB RSS")
        window.close()


if __name__ == "__main__":
    main()
