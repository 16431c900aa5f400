"""A team-sized project for the scale benchmark: articles and several analysts' annotations.

Generated fast but through the store layer: documents by one ``Batch`` command,
annotations by ``Project.bulk_add_annotations`` (one ``executemany`` in one
transaction). The analysts read the same articles and mostly agree: each keeps
``AGREEMENT`` of a shared reading's spans and tags and marks the rest on their own,
so agreement and review figures do real work. Deterministic for a given size.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import article_text, headline, make_annotations
from core.commands import AddDocument, Batch
from core.model import Annotation, Document, utc_now
from core.project import Project
from core.text import content_hash
from core.uuid7 import format_uuid7

ANALYSTS = ("Anna Berger", "Tomás Ruiz", "Olga Ivanova", "Ben Okafor", "Chen Li")
#: The share of each analyst's annotations that repeats the shared reading's span and tag.
AGREEMENT = 0.7
#: Articles of this many code points, spread evenly between the two.
ARTICLE_CHARS = (3_000, 5_000)
_DOCUMENT_BATCH = 1_000
_EPOCH_MS = 1_767_225_600_000  # 2026-01-01


@dataclass(frozen=True, slots=True)
class ScaleProject:
    """What was generated, for the benchmark to drive."""

    path: Path
    document_ids: tuple[str, ...]
    annotations: int


def _documents(count: int) -> Iterator[tuple[Document, bytes]]:
    rng = random.Random(1_000)
    for seed in range(count):
        text = article_text(rng.randint(*ARTICLE_CHARS), seed)
        # Random-looking but reproducible ids (version 4 layout), as documents get.
        doc_id = f"{rng.getrandbits(128):032x}"
        doc_id = (f"{doc_id[:8]}-{doc_id[8:12]}-4{doc_id[13:16]}-"
                  f"{'89ab'[int(doc_id[16], 16) & 3]}{doc_id[17:20]}-{doc_id[20:]}")
        yield Document(
            id=doc_id, title=headline(seed), format="text", source_name=f"article-{seed}.txt",
            content_hash=content_hash(text), chars=len(text), imported=utc_now(), text=text,
        ), text.encode("utf-8")


def _readings(document: Document, tag_ids: list[str], per_analyst: int,
              seed: int) -> list[Annotation]:
    """Every analyst's annotations of one document."""
    text = document.text
    shared = make_annotations(document.id, len(text), tag_ids, per_analyst, "", seed=seed,
                              text=text)
    rng = random.Random(seed)
    made: list[Annotation] = []
    for number, analyst in enumerate(ANALYSTS):
        own = make_annotations(document.id, len(text), tag_ids, per_analyst, analyst,
                               seed=seed * len(ANALYSTS) + number + 1, text=text)
        for mine, common in zip(own, shared, strict=True):
            if rng.random() < AGREEMENT:
                mine.start, mine.end, mine.tag_id = common.start, common.end, common.tag_id
                mine.exact, mine.prefix, mine.suffix = common.exact, common.prefix, common.suffix
        made += own
    # Ids in creation order across the whole project, as new_id gives them.
    for number, annotation in enumerate(made):
        annotation.id = format_uuid7(_EPOCH_MS + seed * 10_000 + number, rng.getrandbits(42),
                                     rng.getrandbits(32))
    return made


def generate(path: Path, documents: int, annotations: int) -> ScaleProject:
    """A new project at ``path`` with ``documents`` articles and about ``annotations``
    annotations, shared equally among ``ANALYSTS``."""
    per_analyst = max(1, annotations // (documents * len(ANALYSTS)))
    doc_ids: list[str] = []
    texts: dict[str, str] = {}
    with Project.create(path, author=ANALYSTS[0]) as project:
        batch: list[tuple[Document, bytes]] = []
        for item in _documents(documents):
            batch.append(item)
            texts[item[0].id] = item[0].text
            if len(batch) == _DOCUMENT_BATCH:
                project.execute(Batch([AddDocument(d, o) for d, o in batch], text="Import"))
                doc_ids += [d.id for d, _ in batch]
                batch = []
        if batch:
            project.execute(Batch([AddDocument(d, o) for d, o in batch], text="Import"))
            doc_ids += [d.id for d, _ in batch]
        codebook = project.codebook()
        leaves = [t.id for t in codebook.tags if not codebook.children(t.id)]
        made = 0
        gc.disable()  # millions of acyclic objects: the collector would only walk them
        try:
            chunk: list[Annotation] = []
            for number, doc_id in enumerate(doc_ids):
                document = Document(id=doc_id, title="", format="text", text=texts[doc_id])
                chunk += _readings(document, leaves, per_analyst, seed=number + 1)
                if len(chunk) >= 200_000 or number == len(doc_ids) - 1:
                    made += project.bulk_add_annotations(chunk)
                    chunk = []
        finally:
            gc.enable()
    return ScaleProject(path, tuple(doc_ids), made)
