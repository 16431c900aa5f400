"""What the detectors hand back: plain spans with attributes and a reason.

A ``Suggestion`` is not yet an annotation: ``core.suggest.apply`` turns the ones that do
not clash with the analyst's work into annotations with origin ``suggested``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """Which codebook tag a suggestion is for (the default codebook's names)."""

    QUOTE = "Quote"
    SOURCE = "Source"
    TONE = "Tone"  # a level of the Tone scale, with low confidence: only when asked


@dataclass(slots=True)
class Suggestion:
    """``text[start:end]`` proposed as ``kind``; ``reason`` says why, for the analyst.

    Quotes span the words between the marks (marks excluded). A quote split by its frame
    („…“, sagte Kühn, „…“) is two suggestions sharing ``attributes["group"]``.
    """

    kind: Kind
    start: int
    end: int
    reason: str
    attributes: dict[str, str] = field(default_factory=dict)
    level: str = ""  # for Tone: the level proposed ("Critical"), a child tag of Tone

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end
