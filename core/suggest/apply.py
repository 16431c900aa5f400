"""Suggestions into a project: proposed annotations that respect the analyst's work.

A suggestion is dropped when any live annotation of the same tag overlaps it, whoever
made it and whatever its status: an analyst's tag is never duplicated or overwritten,
and a rejected suggestion (status ``rejected`` stays in the file) keeps blocking its
span, so running again does not bring it back. What remains is added in one command,
one undo step, as the current analyst's, with origin ``suggested``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from core.codebook import TONE_SCALE, default_tag_id
from core.commands import AddAnnotations
from core.i18n import _
from core.model import Annotation, Origin, Status, TagKind
from core.project import Project, new_annotation
from core.suggest import Kind, Suggestion, detect
from core.wording import count

_TAG_KINDS = {Kind.QUOTE: TagKind.QUOTE, Kind.SOURCE: TagKind.SOURCE, Kind.TONE: TagKind.TONE}


@dataclass(frozen=True, slots=True)
class SuggestResult:
    """The annotations added, and how many suggestions existing work blocked."""

    added: list[Annotation]
    blocked: int


def _tag_ids(project: Project) -> dict[str, str]:
    """The codebook's tag for each kind: the one named so, else the first of its kind;
    for Tone, each level under it ("Tone/Critical"). Read once per run."""
    tags = [t for t in project.codebook().tags if not t.deleted]
    found: dict[str, str] = {}
    for kind in Kind:
        named = [t for t in tags if t.name == kind.value and t.parent_id is None]
        of_kind = [t for t in tags if t.kind is _TAG_KINDS[kind] and t.parent_id is None]
        if chosen := named or of_kind:
            found[kind.value] = chosen[0].id
    # A default level keeps its English path's id whatever it is called here ("Kritisch").
    english = {default_tag_id(f"Tone/{name}"): name for name, _colour in TONE_SCALE}
    for t in tags:
        if Kind.TONE.value in found and t.parent_id == found[Kind.TONE.value]:
            found[f"{Kind.TONE.value}/{english.get(t.id, t.name)}"] = t.id
    return found


def _tag_of(tag_ids: dict[str, str], item: Suggestion) -> str | None:
    key = f"{item.kind.value}/{item.level}" if item.kind is Kind.TONE else item.kind.value
    return tag_ids.get(key)


_TONE = "tone"  # every Tone level's spans together


class _Taken:
    """The spans of one tag already taken: does a new span overlap any? (log time)"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self._starts = [s for s, _ in spans]
        self._reach: list[int] = []  # the furthest end among spans[:k + 1]
        for _start, end in spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, max(end, start + 1))
        return k > 0 and self._reach[k - 1] > start


def suggest(project: Project, document_id: str, *, accept: bool = False,
            tone: bool = False) -> SuggestResult:
    """Detect and add suggestions for one document (accepted at once with ``accept``;
    Tone levels from cue words too with ``tone``)."""
    planned = plan_suggestions(project, document_id, accept=accept, tone=tone)
    if planned.added:
        project.execute(AddAnnotations(planned.added,
                                       text=_("Add %(what)s") % {
                                           "what": count(len(planned.added), "suggestion")}))
    stored = project.live_annotations(a.id for a in planned.added)  # one query a chunk
    return SuggestResult([a for a in stored.values() if a is not None], planned.blocked)


def plan_suggestions(project: Project, document_id: str, *, accept: bool = False,
                     tone: bool = False) -> SuggestResult:
    """The suggestions ``suggest`` would add, not added yet: the window adds them as one
    step of its own undo history. Any Tone level already on a passage blocks a proposed
    one (the analyst judged its tone)."""
    text = project.text(document_id)
    codebook = project.codebook()
    spans: dict[str, list[tuple[int, int]]] = {}
    for a in project.annotations(document_id, include_children=False):
        key = _TONE if codebook.get(a.tag_id).kind is TagKind.TONE else a.tag_id
        spans.setdefault(key, []).append((a.start, a.end))
    taken = {tag_id: _Taken(found) for tag_id, found in spans.items()}
    tag_ids = _tag_ids(project)
    added: list[Annotation] = []
    blocked = 0
    for item in detect(text, tone=tone):
        tag_id = _tag_of(tag_ids, item)
        if tag_id is None:
            continue
        key = _TONE if item.kind is Kind.TONE else tag_id
        if key in taken and taken[key].overlaps(item.start, item.end):
            blocked += 1
            continue
        added.append(_annotation(document_id, tag_id, project.author, item, accept))
    return SuggestResult(added, blocked)


def _annotation(document_id: str, tag_id: str, author: str, item: Suggestion,
                accept: bool) -> Annotation:
    annotation = new_annotation(document_id, item.start, item.end, tag_id, author,
                                origin=Origin.SUGGESTED, attributes=item.attributes,
                                note=_("Suggested: %(reason)s") % {"reason": item.reason})
    if accept:
        annotation.status = Status.ACCEPTED
    return annotation
