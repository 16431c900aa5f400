"""Storage figures on real project files: bulk insert, loading, full-text search, one edit.

Everything goes through ``core.project.Project`` as a caller would use it; the only
SQL here is the raw ``sqlite3`` baselines: the bulk insert runs against a copy of the
same project file (same schema, indexes, triggers, pragmas and one transaction), so
the ratio shows what Glossa's Python layer costs on top of SQLite, and loading reads
the same rows as tuples, which is what any object built from them must start from.

Run ``python -m bench.storage`` (about two minutes) or ``--quick`` (seconds).
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from bench.corpus import (
    COMMON_WORD,
    RARE_WORDS,
    TOPIC_WORDS,
    article_text,
    headline,
    make_annotations,
)
from core.commands import AddDocument, Batch
from core.model import Annotation, Document, new_document_id, utc_now
from core.project import Project
from core.store.annotation_rows import LIVE_COLUMNS
from core.store.annotations import COLUMNS, annotation_row
from core.store.connection import CACHE_SIZE_KIB
from core.text import content_hash

AUTHOR = "bench"

#: Queries of falling frequency: in every document, in one of 20 topics, rare,
#: two words that must both occur, and a prefix.
SEARCH_QUERIES = (
    COMMON_WORD,
    TOPIC_WORDS[1],
    RARE_WORDS[0],
    f"{TOPIC_WORDS[1]} Kompromiss",
    "Verhandl*",
)


@dataclass(frozen=True, slots=True)
class Sizes:
    """How much work each figure does."""

    documents: int  # documents that carry the bulk-inserted annotations
    annotations_per_document: int
    document_chars: int
    search_documents: int
    search_chars: tuple[int, int]
    load_runs: int
    search_runs: int
    annotate_runs: int


FULL = Sizes(
    documents=100, annotations_per_document=10_000, document_chars=30_000,
    search_documents=10_000, search_chars=(3_000, 5_000),
    load_runs=20, search_runs=20, annotate_runs=200,
)
QUICK = Sizes(
    documents=10, annotations_per_document=1_000, document_chars=8_000,
    search_documents=300, search_chars=(3_000, 5_000),
    load_runs=5, search_runs=5, annotate_runs=20,
)


def figure(name: str, value: str, unit: str, target: str) -> None:
    """One result line: ``name: value unit (target ...)``."""
    print(f"{name}: {value} {unit} ({target})", flush=True)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _wall_and_cpu(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and process CPU seconds: when other processes share the cores, wall grows, CPU not."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _median_of(runs: int, action: Callable[[], object]) -> float:
    action()  # warm the page cache and SQLite's statement cache
    return statistics.median(_timed(action) for _ in range(runs))


def make_document(seed: int, n_chars: int) -> tuple[Document, bytes]:
    """A document as an import would hand it over, with its original file's bytes."""
    text = article_text(n_chars, seed)
    document = Document(
        id=new_document_id(), title=headline(seed), format="text",
        source_name=f"article-{seed}.txt",
        content_hash=content_hash(text), chars=len(text), imported=utc_now(), text=text,
    )
    return document, text.encode("utf-8")


def add_documents(project: Project, documents: Sequence[tuple[Document, bytes]]) -> None:
    """All documents in one transaction, as importing a folder would."""
    project.execute(Batch(
        [AddDocument(document, original) for document, original in documents],
        text=f"Import {len(documents)} documents",
    ))


# --- 1. bulk insert --------------------------------------------------------------------


def raw_insert(path: Path, rows: Sequence[tuple[Any, ...]], *,
               secondary_indexes: bool = True) -> tuple[float, float]:
    """Wall and CPU seconds for plain ``sqlite3`` to commit ``rows`` into a project's annotations.

    Same connection settings as core/store/connection.py, one BEGIN ... COMMIT. Without
    ``secondary_indexes`` the annotations table keeps only its id index: the ceiling
    that the table's rows alone allow, whatever Glossa does above SQLite.
    """
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    insert = f"INSERT INTO annotations ({columns}) VALUES ({', '.join('?' for _ in COLUMNS)})"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            raise RuntimeError(f"{path.name} is not in WAL mode ({mode})")
        if not secondary_indexes:
            names = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'annotations' AND sql IS NOT NULL")]
            for name in names:
                conn.execute(f'DROP INDEX "{name}"')

        def insert_all() -> None:
            conn.execute("BEGIN")
            conn.executemany(insert, rows)
            conn.execute("COMMIT")

        return _wall_and_cpu(insert_all)
    finally:
        conn.close()


def bench_bulk_insert(
    workdir: Path, sizes: Sizes
) -> tuple[Project, list[tuple[Document, bytes]], list[str]]:
    """Figure 1; returns the Glossa project (now holding every annotation) for the others."""
    seeded = workdir / "seeded.glossa"
    documents = [make_document(seed, sizes.document_chars) for seed in range(sizes.documents)]
    with Project.create(seeded, author=AUTHOR) as project:
        add_documents(project, documents)
        tag_ids = [tag.id for tag in project.codebook().tags]
    glossa_path, raw_path = workdir / "glossa.glossa", workdir / "raw.glossa"
    bare_path = workdir / "bare.glossa"
    shutil.copyfile(seeded, glossa_path)
    shutil.copyfile(seeded, bare_path)
    seeded.rename(raw_path)

    started = time.perf_counter()
    annotations: list[Annotation] = []
    # A million new objects would set off one full collection after another.
    gc.disable()
    try:
        for number, (document, _) in enumerate(documents):
            annotations += make_annotations(
                document.id, len(document.text), tag_ids, sizes.annotations_per_document,
                AUTHOR, seed=10_000 + number, text=document.text,
            )
        rows = [annotation_row(a) for a in annotations]
    finally:
        gc.enable()
    count = len(annotations)
    figure(f"prepare {count:,} annotations and their row tuples",
           f"{time.perf_counter() - started:.1f}", "s", "setup, untimed")

    raw_wall, raw_cpu = raw_insert(raw_path, rows)
    bare_wall, _ = raw_insert(bare_path, rows, secondary_indexes=False)
    del rows
    bare_path.unlink()
    project = Project.open(glossa_path, author=AUTHOR)
    glossa_wall, glossa_cpu = _wall_and_cpu(lambda: project.bulk_add_annotations(annotations))
    stored = project.store.annotations.count()
    if stored != count:
        raise RuntimeError(f"bulk insert stored {stored:,} of {count:,} annotations")

    figure(f"bulk insert {count:,} annotations, Glossa bulk_add_annotations",
           f"{count / glossa_wall:,.0f}", "rows/s", "target >= 250,000 rows/s")
    figure(f"bulk insert {count:,} annotations, raw sqlite3 executemany",
           f"{count / raw_wall:,.0f}", "rows/s", "baseline, no target")
    figure(f"bulk insert {count:,} annotations, raw sqlite3 without the 3 secondary indexes",
           f"{count / bare_wall:,.0f}", "rows/s", "ceiling of the table and its id index")
    figure("bulk insert Glossa / raw", f"{100 * raw_wall / glossa_wall:.0f}", "%",
           "target >= 40 %")
    figure("bulk insert CPU seconds, Glossa / raw", f"{glossa_cpu:.1f} / {raw_cpu:.1f}", "s",
           f"context: wall {glossa_wall:.1f} / {raw_wall:.1f} s")
    return project, documents, tag_ids


# --- 2. loading one document's annotations -----------------------------------------------


def bench_load(project: Project, document: Document, sizes: Sizes) -> None:
    loaded = len(project.annotations(document.id))
    if loaded != sizes.annotations_per_document:
        raise RuntimeError(f"loaded {loaded} annotations, expected "
                           f"{sizes.annotations_per_document}")
    total = project.store.annotations.count()
    seconds = _median_of(sizes.load_runs, lambda: project.annotations(document.id))
    figure(f"load one document's {loaded:,} full annotations of {total:,}",
           _ms(seconds), f"ms median of {sizes.load_runs}", "target < 20 ms")
    conn = sqlite3.connect(project.path)
    try:
        conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")
        columns = ", ".join(f'"{c}"' for c in LIVE_COLUMNS)
        select = (f"SELECT {columns} FROM annotations WHERE document_id = ? AND deleted = 0 "
                  'ORDER BY start, "end", id')
        seconds = _median_of(sizes.load_runs,
                             lambda: conn.execute(select, (document.id,)).fetchall())
    finally:
        conn.close()
    figure(f"read the same {loaded:,} rows as tuples, raw sqlite3 fetchall",
           _ms(seconds), f"ms median of {sizes.load_runs}", "baseline, no target")
    seconds = _median_of(sizes.load_runs, lambda: project.spans(document.id))
    figure(f"load one document's {loaded:,} spans (what the highlighter reads) of {total:,}",
           _ms(seconds), f"ms median of {sizes.load_runs}", "target < 10 ms")


# --- 3. full-text search -------------------------------------------------------------------


def _term_pattern(term: str) -> re.Pattern[str]:
    word = re.escape(term.rstrip("*"))
    return re.compile(rf"\b{word}\w*" if term.endswith("*") else rf"\b{word}\b", re.IGNORECASE)


def documents_matching(texts: Sequence[str], query: str) -> int:
    """How many texts contain every word of ``query`` (the FTS answer, counted in Python)."""
    patterns = [_term_pattern(term) for term in query.split()]
    return sum(1 for text in texts if all(p.search(text) for p in patterns))


def bench_search(project: Project, bulk_documents: Sequence[tuple[Document, bytes]],
                 sizes: Sizes) -> None:
    rng = random.Random(20_000)
    low, high = sizes.search_chars
    documents = [
        make_document(seed, rng.randint(low, high))
        for seed in range(100_000, 100_000 + sizes.search_documents)
    ]
    seconds = _timed(lambda: add_documents(project, documents))
    figure(f"add {len(documents):,} documents of {low:,}-{high:,} characters in one Batch",
           f"{len(documents) / seconds:,.0f}", "documents/s", "setup, no target")
    texts = [d.text for d, _ in (*bulk_documents, *documents)]
    for query in SEARCH_QUERIES:
        matching = documents_matching(texts, query)
        hits = len(project.search(query))
        seconds = _median_of(sizes.search_runs, partial(project.search, query))
        figure(f'search "{query}" [{matching:,} of {len(texts):,} documents match, {hits} hits]',
               _ms(seconds), f"ms median of {sizes.search_runs}", "target < 50 ms")


# --- 4. one committed annotation -------------------------------------------------------------


def bench_annotate(project: Project, documents: Sequence[tuple[Document, bytes]],
                   sizes: Sizes) -> None:
    rng = random.Random(30_000)
    total = project.store.annotations.count()
    spans = []
    for _ in range(5 + sizes.annotate_runs):
        document = rng.choice(documents)[0]
        start = rng.randrange(len(document.text) - 1)
        spans.append((document.id, start, min(len(document.text), start + rng.randint(10, 200))))
    attributes = {"speaker": "Müller", "form": "direct"}
    times = [
        _timed(partial(project.annotate, doc_id, start, end, "Quote", attributes=attributes))
        for doc_id, start, end in spans
    ][5:]  # the first five warm the caches
    p95 = statistics.quantiles(times, n=20)[-1]
    figure(f"annotate one span on {total:,} annotations, median",
           _ms(statistics.median(times)), f"ms of {sizes.annotate_runs}", "target < 2 ms")
    figure(f"annotate one span on {total:,} annotations, p95",
           _ms(p95), f"ms of {sizes.annotate_runs}", "target < 2 ms")


# --- 5. CSV export of every annotation ---------------------------------------------------


def bench_export_csv(project: Project, workdir: Path) -> None:
    from core.exporters.csv import export_csv

    out = workdir / "all.csv"
    wall, cpu = _wall_and_cpu(lambda: export_csv(project, out))
    count = project.store.annotations.count()
    figure(f"CSV export of {count:,} annotations", f"{wall:.1f}", "s",
           f"target < 10 s (CPU {cpu:.1f} s, {out.stat().st_size / 1e6:,.0f} MB)")


def run(workdir: Path, sizes: Sizes) -> None:
    """Every figure, in order, on project files inside ``workdir``."""
    project, documents, _ = bench_bulk_insert(workdir, sizes)
    try:
        bench_load(project, documents[len(documents) // 2][0], sizes)
        bench_search(project, documents, sizes)
        bench_annotate(project, documents, sizes)
        bench_export_csv(project, workdir)
    finally:
        project.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.storage", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="glossa-bench-") as tmp:
        run(Path(tmp), QUICK if args.quick else FULL)
    figure("storage benchmark total", f"{time.perf_counter() - started:.0f}", "s", "wall time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
