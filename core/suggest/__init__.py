"""Suggestions for news text: direct and reported quotes with speakers, and sources.

``detect(text)`` returns ``Suggestion`` spans (offsets are code points of the stored
text); ``core.suggest.apply`` adds them to a project as annotations with origin
``suggested`` and status ``proposed``, skipping what the analyst tagged or rejected.

Representation, decided here:
- a direct quote spans the words between its marks, marks excluded; ``form=direct``;
- a quote split by its frame („…“, sagte Kühn, „…“) is two Quote annotations with the same
  ``group`` attribute (``q1``, ``q2`` … per run); a quote over several paragraphs is one
  annotation from its first opening mark to its last closing mark;
- nested quotes stay inside the outer quote: one annotation, for the outer speaker;
- quotes without marks (after "erklärte:", reported speech) have ``form=reported``;
- the reason ("pair „…“ after 'sagte Kühn'") is the annotation's note, where the
  inspector shows it; accepting keeps it, editing the note replaces it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from core.suggest.context import Article
from core.suggest.direct import direct_quotes
from core.suggest.model import Kind, Suggestion
from core.suggest.reported import reported_quotes
from core.suggest.sources import inline_sources, section_entries, section_spans
from core.suggest.text_units import paragraphs
from core.suggest.tone import tone_cues


def detect(text: str, *, tone: bool = False) -> list[Suggestion]:
    """Every suggestion for one article's text, in text order; with ``tone``, Tone levels
    from cue words too (low confidence, ``core.suggest.tone``)."""
    with _collector_paused():
        return _detect(text, tone)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while detecting: the detectors make no cycles, and
    its passes over their many small objects cost 8 % on a 2 MB article."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _detect(text: str, tone: bool) -> list[Suggestion]:
    paras = paragraphs(text)
    sections = section_spans(text, paras)
    excluded = [span for span, _ in sections]
    article = Article(text, excluded, paras)
    outlets = inline_sources(text, excluded)
    direct = direct_quotes(article, {s.span for s in outlets})
    found = [*direct, *reported_quotes(article, direct)]
    found += section_entries(text, sections) + outlets
    if tone:
        found += tone_cues(article)
    return sorted(found, key=lambda s: (s.start, s.end, s.kind))


__all__ = ["Kind", "Suggestion", "detect"]
