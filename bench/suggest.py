"""Suggestions on a 2 MB article (issue target < 1 s).

Two texts of 2 MB: the synthetic news corpus of ``bench.corpus`` (German, English,
Cyrillic, some quotes), and the gold set's 16 articles repeated until 2 MB (a quote, a
frame or a source in nearly every sentence: the dense case). Timed:
``core.suggest.detect``, everything the detector does for one article; then, once,
``core.suggest.apply.suggest`` on the dense article in a new project (detection, the
overlap check against existing work, one insert, the rows read back). Run
``python -m bench.suggest`` or ``--quick`` (fewer runs).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from bench.corpus import article_text
from bench.timing import as_ms, median_times
from core.commands import AddDocument
from core.model import Document, new_document_id, utc_now
from core.project import Project
from core.suggest import detect
from core.suggest.apply import suggest
from core.text import content_hash, normalize_text

SIZE = 2_000_000
GOLD = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "suggest-gold"


def dense_text(size: int) -> str:
    articles = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    block = "\n".join(articles)
    return "\n".join([block] * (size // len(block) + 1))[:size].rsplit("\n", 1)[0]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.suggest")
    parser.add_argument("--quick", action="store_true", help="one run each")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else 3
    for name, text in (("synthetic corpus", article_text(SIZE, seed=7)),
                       ("gold articles repeated", dense_text(SIZE))):
        found = detect(text)  # warm: simplemma's data and the lemma cache
        seconds = median_times(runs, partial(detect, text))
        print(f"suggest on a {len(text.encode('utf-8')) / 1e6:.1f} MB article ({name}, "
              f"{len(found):,} suggestions): {as_ms(seconds)} median of {runs} "
              f"(target < 1 s)")
    bench_apply(dense_text(SIZE))


def bench_apply(text: str) -> None:
    """Suggestions into a project: what ``glossa suggest`` and import do."""
    text = normalize_text(text)
    with tempfile.TemporaryDirectory() as folder:
        project = Project.create(Path(folder) / "bench.glossa", author="bench")
        doc = Document(id=new_document_id(), title="dense", format="txt", text=text,
                       content_hash=content_hash(text), chars=len(text), imported=utc_now(),
                       source_name="dense.txt")
        project.execute(AddDocument(doc, text.encode("utf-8")))
        result: list[int] = []

        def run() -> None:
            result.append(len(suggest(project, doc.id).added))

        seconds = median_times(1, run)
        project.close()
    print(f"suggest into a project, dense 2 MB article ({result[0]:,} added): "
          f"{as_ms(seconds)} (detection included)")


if __name__ == "__main__":
    main()
