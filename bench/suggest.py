"""Suggestions on a 2 MB article (issue target < 1 s).

Two texts of 2 MB: the synthetic news corpus of ``bench.corpus`` (German, English,
Cyrillic, some quotes), and the gold set's 16 articles repeated until 2 MB (a quote, a
frame or a source in nearly every sentence: the dense case). Timed:
``core.suggest.detect``, everything the detector does for one article (no project
writes). Run ``python -m bench.suggest`` or ``--quick`` (fewer runs).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import article_text
from bench.timing import as_ms, median_times
from core.suggest import detect

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
        seconds = median_times(runs, lambda text=text: detect(text))
        print(f"suggest on a {len(text.encode('utf-8')) / 1e6:.1f} MB article ({name}, "
              f"{len(found):,} suggestions): {as_ms(seconds)} median of {runs} "
              f"(target < 1 s)")


if __name__ == "__main__":
    main()
