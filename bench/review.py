"""Reviewing: disagreements between 2 x 10,000 annotations, and merging 100,000 annotations.

Disagreements: one article with 10,000 annotations by A and B each, B's built from
A's (60 % the same, the rest with other bounds, another tag, another speaker or
somewhere else), so every kind of disagreement occurs. Timed:
``core.review.disagreements.find_disagreements`` including reading the annotations
(target well under 1 s).

Merge: a colleague's project file holding the same articles and 100,000 annotations
is merged into ours with ``core.review.merge.merge_file``, the call behind
``glossa merge`` (opening and checking the file, matching, inserting; issue target
< 5 s), then merged again (every annotation unchanged).

Run ``python -m bench.review`` (about a minute) or ``--quick``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bench.corpus import article_text, headline, make_annotations
from bench.timing import as_ms, median_times
from core.anchoring import selector_for
from core.commands import AddDocument, Batch
from core.model import Annotation, Document, Origin, Status, new_document_id, new_id, utc_now
from core.project import Project
from core.review.disagreements import find_disagreements
from core.review.merge import merge_file
from core.text import content_hash


def figure(name: str, value: str, unit: str, target: str) -> None:
    """One result line: ``name: value unit (target ...)``."""
    print(f"{name}: {' '.join(filter(None, (value, unit)))} ({target})", flush=True)




def _documents(count: int, chars: int) -> list[Document]:
    docs = []
    for seed in range(count):
        text = article_text(chars, seed)
        docs.append(Document(id=new_document_id(), title=headline(seed), format="text", text=text,
                             content_hash=content_hash(text), chars=len(text),
                             imported=utc_now(), source_name=f"article-{seed}.txt"))
    return docs


def _project(path: Path, docs: Sequence[Document], author: str) -> Project:
    project = Project.create(path, author=author)
    project.execute(Batch([AddDocument(d, d.text.encode("utf-8")) for d in docs],
                          text="Add articles"))
    return project


def _leaves(project: Project) -> list[str]:
    codebook = project.codebook()
    paths = sorted(codebook.path(t.id) for t in codebook.tags if t.name != "Tone")
    return [codebook.find(path).id for path in paths]


def _second_opinion(first: Annotation, text: str, tag_ids: Sequence[str],
                    rng: random.Random) -> Annotation:
    """B's version of A's annotation: 60 % the same, 15 % other bounds, 10 % another tag,
    5 % another speaker, 10 % somewhere else."""
    roll = rng.random()
    start, end, tag_id, attributes = first.start, first.end, first.tag_id, first.attributes
    if roll < 0.6:
        pass
    elif roll < 0.75:
        start = min(max(0, start + rng.randint(-12, 12)), len(text) - 1)
        end = min(len(text), max(start + 1, end + rng.randint(-12, 12)))
    elif roll < 0.85:
        tag_id = rng.choice([t for t in tag_ids if t != tag_id])
    elif roll < 0.9:
        attributes = {"speaker": f"Sprecher {rng.randint(1, 9)}"}
    else:
        start = rng.randrange(len(text) - 1)
        end = min(len(text), start + rng.randint(8, 240))
    selector = selector_for(text, start, end)
    return replace(first, id=new_id(), start=start, end=end, tag_id=tag_id,
                   attributes=attributes, author="B", exact=selector.exact,
                   prefix=selector.prefix, suffix=selector.suffix)


def bench_disagreements(folder: Path, per_analyst: int, chars: int, runs: int) -> None:
    (doc,) = _documents(1, chars)
    project = _project(folder / "review.glossa", [doc], "A")
    try:
        leaves = _leaves(project)
        rng = random.Random(11)
        first = [replace(a, origin=Origin.MANUAL, status=Status.ACCEPTED)
                 for a in make_annotations(doc.id, chars, leaves, per_analyst, "A", 3,
                                           text=doc.text)]
        second = [_second_opinion(a, doc.text, leaves, rng) for a in first]
        project.bulk_add_annotations([*first, *second])
        found = find_disagreements(project, doc.id, "A", "B")
        taken = median_times(runs, lambda: find_disagreements(project, doc.id, "A", "B"))
        figure(f"disagreements, {per_analyst:,} x 2 annotations on one {chars:,}-character "
               "article", as_ms(taken), "", f"target < 1000 ms, median of {runs}")
        kinds = Counter(d.kind.value for d in found)
        figure("  found", f"{len(found):,} disagreements", "",
               ", ".join(f"{n:,} {kind}" for kind, n in sorted(kinds.items())))
    finally:
        project.close()


def bench_merge(folder: Path, documents: int, per_document: int, chars: int) -> None:
    docs = _documents(documents, chars)
    ours = _project(folder / "ours.glossa", docs, "A")
    theirs_path = folder / "theirs.glossa"
    theirs = _project(theirs_path, docs, "B")
    try:
        leaves = _leaves(theirs)
        annotations: list[Annotation] = []
        for seed, doc in enumerate(docs):
            annotations += make_annotations(doc.id, chars, leaves, per_document, "B", seed,
                                            text=doc.text)
        started = time.perf_counter()
        theirs.bulk_add_annotations(annotations)
        built = time.perf_counter() - started
    finally:
        theirs.close()
    total = len(annotations)
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        report = merge_file(ours, theirs_path)
        taken = (time.perf_counter() - wall, time.process_time() - cpu)
        figure(f"merge {total:,} annotations ({documents} documents) with merge_file",
               as_ms(taken), "", "target < 5000 ms")
        figure("  merged", f"{report.annotations_added:,} added", "",
               f"{report.documents_matched} documents matched; the colleague's file was "
               f"built in {built:.1f} s")
        wall, cpu = time.perf_counter(), time.process_time()
        again = merge_file(ours, theirs_path)
        taken = (time.perf_counter() - wall, time.process_time() - cpu)
        figure(f"merge the same {total:,} annotations again", as_ms(taken), "",
               f"{again.annotations_unchanged:,} unchanged; no target")
    finally:
        ours.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.review", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="1,000 annotations each and a merge of 10,000")
    args = parser.parse_args(argv)
    if args.quick:
        per_analyst, chars, runs = 1_000, 20_000, 3
        documents, per_document, doc_chars = 10, 1_000, 5_000
    else:
        per_analyst, chars, runs = 10_000, 200_000, 5
        documents, per_document, doc_chars = 100, 1_000, 10_000
    with tempfile.TemporaryDirectory(prefix="glossa-bench-") as tmp:
        bench_disagreements(Path(tmp), per_analyst, chars, runs)
        bench_merge(Path(tmp), documents, per_document, doc_chars)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
