"""PDF import speed against pymupdf's bare text extraction on the same file.

Run: ``.venv/bin/python -m bench.pdf_import``. Prints figures, passes or fails nothing.
The importer does more than ``get_text("text")`` (word boxes, page map, paragraphs,
normalisation); the figure to watch is the percentage, which should stay above 50%.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pymupdf

from core.importers import read_document

PAGES = 200
RUNS = 3

_SENTENCES = (
    "Am Mittwoch trafen sich die Generalstabschefs der USA und Russlands in Helsinki.",
    "Das Treffen dauerte sechs Stunden und „war das erste persönliche Treffen seit 2019“.",
    "Beide Seiten gaben keine Einzelheiten ihrer Gespräche bekannt.",
    "In einer gemeinsamen Erklärung betonten sie, die Gespräche dienten der Risikominderung.",
    "Der Verteidigungsausschuss des Bundestages will sich in der kommenden Woche damit befassen.",
    "„Wir müssen Vorschriften und Verfahren entwickeln“, sagte der höchste US-General.",
    "Kritiker werfen der Regierung vor, die Verhandlungen zu lange verschleppt zu haben.",
    "Nach Angaben des Ministeriums sollen die Kontakte auf Arbeitsebene ausgebaut werden.",
    "Die Opposition sprach von einem „überfälligen, aber richtigen Schritt“.",
    "Beobachter in Brüssel erwarten, dass die Gespräche im Frühjahr fortgesetzt werden.",
    "Der Sprecher des Außenministeriums wollte sich zu den Berichten nicht äußern.",
    "Wirtschaftsverbände begrüßten die Einigung, warnten aber vor zu großen Erwartungen.",
)


def _article(rng: random.Random, number: int) -> str:
    paragraphs = "".join(
        "<p>" + " ".join(rng.choices(_SENTENCES, k=rng.randint(3, 7))) + "</p>"
        for _ in range(rng.randint(5, 9))
    )
    return f"<h2>Bericht {number}: Gespräche über militärische Kontakte</h2>{paragraphs}"


def make_pdf(path: Path, pages: int = PAGES) -> None:
    """A news-like German PDF of exactly ``pages`` pages, laid out by pymupdf's Story.

    One Story per article, each continuing below the previous one: a single Story for the
    whole text lays out in quadratic time.
    """
    rng = random.Random(2021)
    css = "p { text-align: justify; margin-bottom: 6pt; font-size: 10pt; } h2 { font-size: 14pt; }"
    mediabox = pymupdf.paper_rect("a4")
    frame = pymupdf.Rect(56, 56, mediabox.width - 56, mediabox.height - 56)
    writer = pymupdf.DocumentWriter(str(path))
    device, where, count, number = None, frame, 0, 0
    while True:
        story = pymupdf.Story(html=_article(rng, number), user_css=css)
        number += 1
        more = True
        while more:
            if device is None:
                if count == pages:
                    writer.close()
                    return
                device, where = writer.begin_page(mediabox), frame
                count += 1
            more, filled = story.place(where)
            story.draw(device)
            where = pymupdf.Rect(frame.x0, pymupdf.Rect(filled).y1 + 12, frame.x1, frame.y1)
            if more or where.height < 60:
                writer.end_page()
                device = None


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _bare(path: Path) -> None:
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text("text")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.pdf"
        make_pdf(path)
        with pymupdf.open(path) as doc:
            pages = doc.page_count
        imported = read_document(path)  # warm-up
        # Interleaved, best of RUNS each: load from other processes hits both alike.
        bare_times, our_times = [], []
        for _ in range(RUNS):
            bare_times.append(_timed(lambda: _bare(path)))
            our_times.append(_timed(lambda: read_document(path)))
        bare, ours = pages / min(bare_times), pages / min(our_times)
    words = sum(len(page.words) for page in imported.pages)
    print(
        f"pdf: {pages} pages, {len(imported.text):,} characters, {words:,} words, "
        f"language {imported.language or '?'}"
    )
    print(f"pdf import: {ours:.0f} pages/s (bare get_text: {bare:.0f} pages/s, {ours / bare:.0%})")


if __name__ == "__main__":
    main()
