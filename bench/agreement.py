"""Agreement between two analysts with 10,000 annotations each: target under 1 s.

Builds a real project file through ``core.project.Project`` (documents by command,
annotations by the bulk path) from ``bench.corpus``: analyst A's annotations are
synthetic; B keeps most of A's, shifts some bounds, changes some tags and replaces
the rest, so every statistic has real work to do. The timed call is the one the CLI
makes, ``core.review.agreement.agreement``, including reading the annotations.

Run ``python -m bench.agreement`` (about ten seconds) or ``--quick``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bench.corpus import article_text, headline, make_annotations
from bench.timing import as_ms, median_times
from core.anchoring import selector_for
from core.commands import AddDocument, Batch
from core.model import Annotation, Document, Origin, Status, new_document_id, new_id, utc_now
from core.project import Project
from core.review.agreement import OVERALL, UNITS, agreement
from core.text import content_hash


def figure(name: str, value: str, unit: str, target: str) -> None:
    """One result line: ``name: value unit (target ...)``."""
    print(f"{name}: {value} {unit} ({target})", flush=True)


def _accepted(annotation: Annotation) -> Annotation:
    return replace(annotation, origin=Origin.MANUAL, status=Status.ACCEPTED)


def _second_opinion(first: Annotation, text: str, tag_ids: Sequence[str],
                    rng: random.Random) -> Annotation:
    """B's version of A's annotation: 60 % the same, 20 % other bounds, 10 % other tag,
    10 % somewhere else entirely."""
    roll = rng.random()
    start, end, tag_id = first.start, first.end, first.tag_id
    if roll < 0.6:
        pass
    elif roll < 0.8:
        start = min(max(0, start + rng.randint(-12, 12)), len(text) - 1)
        end = min(len(text), max(start + 1, end + rng.randint(-12, 12)))
    elif roll < 0.9:
        tag_id = rng.choice([t for t in tag_ids if t != tag_id])
    else:
        start = rng.randrange(len(text) - 1)
        end = min(len(text), start + rng.randint(8, 240))
    selector = selector_for(text, start, end)
    return replace(first, id=new_id(), start=start, end=end, tag_id=tag_id, author="B",
                   exact=selector.exact, prefix=selector.prefix, suffix=selector.suffix)


def build(path: Path, documents: int, chars: int, per_document: int) -> Project:
    """A project with ``documents`` articles and ``per_document`` annotations each by A and B."""
    project = Project.create(path, author="A")
    docs = []
    for seed in range(documents):
        text = article_text(chars, seed)
        docs.append(Document(id=new_document_id(), title=headline(seed), format="text", text=text,
                             content_hash=content_hash(text), chars=len(text),
                             imported=utc_now(), source_name=f"article-{seed}.txt"))
    project.execute(Batch([AddDocument(d, d.text.encode("utf-8")) for d in docs],
                          text="Add articles"))
    codebook = project.codebook()
    leaves = sorted(codebook.path(t.id) for t in codebook.tags if t.name != "Tone")
    leaves = [codebook.find(path).id for path in leaves]  # in path order: the same every run
    rng = random.Random(7)
    annotations: list[Annotation] = []
    for seed, doc in enumerate(docs):
        first = [_accepted(a) for a in make_annotations(
            doc.id, len(doc.text), leaves, per_document, "A", seed, text=doc.text)]
        annotations += first
        annotations += [_second_opinion(a, doc.text, leaves, rng) for a in first]
    project.bulk_add_annotations(annotations)
    return project




def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.agreement", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 annotations each")
    args = parser.parse_args(argv)
    documents, chars, per_document = (10, 5_000, 100) if args.quick else (100, 10_000, 100)
    runs = 5
    with tempfile.TemporaryDirectory(prefix="glossa-bench-") as tmp:
        started = time.perf_counter()
        project = build(Path(tmp) / "agreement.glossa", documents, chars, per_document)
        try:
            figure("corpus", f"{documents} documents x {chars:,} characters, "
                   f"{documents * per_document:,} annotations each by A and B", "",
                   f"built in {time.perf_counter() - started:.1f} s")
            for unit in UNITS:
                report = agreement(project, "A", "B", unit=unit)
                taken = median_times(runs, lambda u=unit: agreement(project, "A", "B", unit=u))
                figure(f"agreement A vs B, unit={unit}", as_ms(taken), "",
                       f"target < 1000 ms, median of {runs}")
                overall = {"kappa": report.kappa[OVERALL], "alpha": report.alpha[OVERALL],
                           "F1 exact": report.f1["exact"][OVERALL],
                           "F1 overlap": report.f1["overlap"][OVERALL]}
                shown = ", ".join(f"{k} {v:.3f}" if v is not None else f"{k} -"
                                  for k, v in overall.items())
                figure(f"  overall figures ({unit})", shown, "",
                       f"{report.units:,} units; B keeps 60 % of A's spans")
            reading = median_times(runs, lambda: [
                project.annotations(author=a, status=Status.ACCEPTED.value) for a in "AB"])
            figure("  within each: reading both analysts' annotations", as_ms(reading), "",
                   f"Project.annotations, median of {runs}")
        finally:
            project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
