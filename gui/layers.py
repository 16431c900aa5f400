"""Analysts' layers in the article: which are shown, and whether colour means tag or analyst.

Each analyst's annotations form a layer. Hidden layers are left out of the span index
itself, so a hidden annotation is neither drawn, nor clickable, nor reached with Tab.
Colouring by analyst only changes the key the highlighter looks colours up by.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.model import AnnotationSpan

#: Distinct, colour-blind-friendly hues (Okabe-Ito, without black), one per analyst.
#: Okabe–Ito's colour-blind-safe set (yellow left to find matches), the most distinct first:
#: two or three analysts, the usual review, get colours apart under every deficiency.
ANALYST_COLOURS = ("#E69F00", "#0072B2", "#882255", "#009E73", "#56B4E9", "#CC79A7",
                   "#D55E00", "#7F7F7F")
KEY_PREFIX = "analyst:"


@dataclass(frozen=True, slots=True)
class LayerState:
    """Which analysts' layers are hidden, and whether highlights are coloured by analyst."""

    hidden: frozenset[str] = field(default_factory=frozenset)
    by_analyst: bool = False

    @property
    def needs_authors(self) -> bool:
        """Whether spans must be looked at with their authors (plain tag view: no)."""
        return bool(self.hidden) or self.by_analyst

    def shows(self, author: str) -> bool:
        return author not in self.hidden


def analyst_key(author: str) -> str:
    return KEY_PREFIX + author


def analyst_colours(analysts: Sequence[str],
                    keep: dict[str, str] | None = None) -> dict[str, str]:
    """Analyst -> colour. Those in ``keep`` keep theirs (a newcomer never repaints the
    others); the rest take the first colours nobody has, in order."""
    kept = {name: colour for name, colour in (keep or {}).items() if name in analysts}
    free = [c for c in ANALYST_COLOURS if c not in kept.values()]
    colours = dict(kept)
    for name in analysts:
        if name not in colours:
            colours[name] = free.pop(0) if free else ANALYST_COLOURS[
                len(colours) % len(ANALYST_COLOURS)]
    return {name: colours[name] for name in analysts}


def visible_spans(spans: Iterable[AnnotationSpan], authors: dict[str, str],
                  state: LayerState) -> list[AnnotationSpan]:
    """The spans whose analyst's layer is shown."""
    if not state.hidden:
        return list(spans)
    return [s for s in spans if state.shows(authors.get(s.id, ""))]


def colour_keys(authors: dict[str, str], state: LayerState) -> dict[str, str] | None:
    """Annotation id -> colour key for the highlighter; None means colour by tag."""
    if not state.by_analyst:
        return None
    return {annotation_id: analyst_key(author) for annotation_id, author in authors.items()}
