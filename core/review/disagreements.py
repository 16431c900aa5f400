"""Where two analysts' annotations of a document disagree, passage by passage.

The review list the GUI steps through and ``glossa review`` prints. Each analyst's
annotations are paired with the other's, each annotation in at most one pair:

- Only tags of the same *dimension* compete for a passage: tags whose top-level tag has
  the same kind (quote, source, tone), or, for custom tags, the same top-level tag.
  ``Tone/Critical`` against ``Tone/Confrontational`` is a disagreement about tone; a quote
  inside a passage the other analyst marked as critical is not a rival reading of it.
- Candidate pairs overlap by at least one character. They are taken greedily: same tag
  before different tag (exact agreement first, then same bounds, then any overlap), and
  within each of those the largest overlap, then the least slack, then position.
- A pair with the same tag, bounds and attributes (empty values count as absent) is
  agreement and is not listed; notes are personal remarks and are not compared.
- An annotation left without a partner is ``ONLY_A`` or ``ONLY_B``.

Which annotations take part: the analysts' live, accepted annotations (proposed
suggestions are nobody's judgement yet; rejected ones were judged wrong), plus any
annotation a recorded decision concerns, whatever its status now, so a disagreement
stays listed, with its decision, after it was decided.

A disagreement's id is a UUID derived from the annotation ids of each side, so it is
the same in every run and a decision recorded against it can be found again. A
decision is matched by the set of annotations it concerns, so it also shows when the
two analysts are compared the other way round (which gives other ids). When the pairing
itself changes (an analyst adds or deletes an annotation nearby), the new disagreement
has other annotations and starts undecided; the earlier decision stays recorded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from core.codebook import Codebook
from core.errors import InvalidValue, NotFound
from core.i18n import _, ngettext
from core.labels import attribute_label, attribute_value
from core.model import (
    Decision,
    DecisionAction,
    DisagreementKind,
    Status,
    TagKind,
)

if TYPE_CHECKING:
    from core.project import Project

#: Namespace of disagreement ids (uuid5 over the annotation ids of each side).
DISAGREEMENT_NAMESPACE = uuid.UUID("0b7c7f0e-3c1d-4f59-a1d2-5e0f4c8b9a61")


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One passage on which two analysts differ.

    ``start``/``end`` cover both sides' annotations; ``tag_a``/``tag_b`` are tag paths
    (``None`` for the side that has none); ``attributes`` names the attribute keys whose
    values differ (for a pair with the same tag); ``ordinal_distance`` is the number of
    steps between two levels of a scale (tone); ``decision`` is the live decision
    recorded for it, if any.
    """

    id: str
    kind: DisagreementKind
    document_id: str
    start: int
    end: int
    analyst_a: str
    analyst_b: str
    annotations_a: tuple[str, ...]
    annotations_b: tuple[str, ...]
    tag_a: str | None
    tag_b: str | None
    summary: str
    attributes: tuple[str, ...] = ()
    ordinal_distance: int | None = None
    decision: Decision | None = None
    #: For a pair: each side's span, and (key, A's value, B's value) of every differing
    #: attribute, so the difference itself can be shown (``core.review.differences``).
    span_a: tuple[int, int] | None = None
    span_b: tuple[int, int] | None = None
    values: tuple[tuple[str, str, str], ...] = ()

    @property
    def key(self) -> tuple[str, ...]:
        """The annotations concerned, sorted: how a decision is matched to it."""
        return tuple(sorted((*self.annotations_a, *self.annotations_b)))

    @property
    def decided(self) -> DecisionAction | None:
        """The decision's action seen from this side: a decision to accept Tomás's
        annotation is ``ACCEPT_B`` when Tomás is B here, whoever was B when it was made."""
        if self.decision is None:
            return None
        action = self.decision.action
        if self.decision.annotations_a == self.annotations_a:
            return action
        return _SWAPPED.get(action, action)


_SWAPPED = {DecisionAction.ACCEPT_A: DecisionAction.ACCEPT_B,
            DecisionAction.ACCEPT_B: DecisionAction.ACCEPT_A}


_NAMESPACE_BYTES = DISAGREEMENT_NAMESPACE.bytes


def disagreement_id(annotations_a: Iterable[str], annotations_b: Iterable[str]) -> str:
    """The stable id of the disagreement between these annotations of A and of B.

    ``str(uuid.uuid5(DISAGREEMENT_NAMESPACE, "a:<ids>|b:<ids>"))`` with each side's ids
    sorted and comma-separated, built by hand: ``uuid.UUID`` costs three times as much,
    which shows at 10,000 disagreements.
    """
    name = f"a:{','.join(sorted(annotations_a))}|b:{','.join(sorted(annotations_b))}"
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# --- what is compared -----------------------------------------------------------------


class _Mark(NamedTuple):
    """One annotation as comparing reads it (``AnnotationTable.marks``): no selectors, and
    the attributes as stored JSON, decoded only when two marks' texts differ or for a summary.
    """

    document_id: str
    id: str
    start: int
    end: int
    tag_id: str
    attributes: str
    status: str


def _values(mark: _Mark) -> dict[str, str]:
    """A mark's attributes without empty values (an empty value counts as absent)."""
    if mark.attributes == "{}":
        return {}
    return {k: v for k, v in json.loads(mark.attributes).items() if v}


def _differing_attributes(a: _Mark, b: _Mark) -> tuple[str, ...]:
    if a.attributes == b.attributes:  # stored with sorted keys: equal text, equal values
        return ()
    values_a, values_b = _values(a), _values(b)
    keys = set(values_a) | set(values_b)
    return tuple(sorted(k for k in keys if values_a.get(k, "") != values_b.get(k, "")))


# --- the codebook as pairing needs it ------------------------------------------------


class _Tags:
    """Paths, dimensions, scale positions and attribute order of every tag, looked up once."""

    def __init__(self, codebook: Codebook) -> None:
        by_id = {t.id: t for t in codebook.tags}
        self.paths: dict[str, str] = {}
        self.dimensions: dict[str, Hashable] = {}
        self.ordinals: dict[str, int | None] = {}
        self.attribute_order: dict[str, tuple[str, ...]] = {}
        for tag in codebook.tags:
            root = tag
            seen = {tag.id}
            while root.parent_id in by_id and root.parent_id not in seen:
                root = by_id[root.parent_id]
                seen.add(root.id)
            self.paths[tag.id] = codebook.path(tag.id)
            self.dimensions[tag.id] = (
                ("root", root.id) if root.kind is TagKind.CUSTOM else ("kind", str(root.kind))
            )
            self.ordinals[tag.id] = tag.ordinal
            self.attribute_order[tag.id] = tuple(s.name for s in codebook.attribute_specs(tag.id))

    def path(self, tag_id: str) -> str:
        return self.paths.get(tag_id) or tag_id

    def dimension(self, tag_id: str) -> Hashable:
        # A tag missing from the codebook (a tombstone) competes only with itself.
        return self.dimensions.get(tag_id, ("tag", tag_id))

    def distance(self, tag_a: str, tag_b: str) -> int | None:
        a, b = self.ordinals.get(tag_a), self.ordinals.get(tag_b)
        return None if a is None or b is None else abs(a - b)

    def describe(self, mark: _Mark, keys: Sequence[str] | None = None) -> str:
        """``Quote (speaker: Kühn, form: direct)``: the tag path and the given (or set) values."""
        values = _values(mark)
        if keys is None:
            keys = list(values)
        order = self.attribute_order.get(mark.tag_id, ())
        ranked = sorted(keys, key=lambda k: (order.index(k) if k in order else len(order), k))
        shown = ", ".join(f"{attribute_label(k)}: {attribute_value(values.get(k, ''), k) or '–'}"
                          for k in ranked)
        path = self.path(mark.tag_id)
        return f"{path} ({shown})" if shown else path


# --- pairing -------------------------------------------------------------------------

#: (rank..., index in A, index in B); the ranks sort the better pair first.
_Candidate = tuple[int, int, int, int, int]


def _candidates(side_a: Sequence[_Mark], free_a: Iterable[int], side_b: Sequence[_Mark],
                free_b: Iterable[int], group: Callable[[str], Hashable],
                same_tag: bool) -> list[_Candidate]:
    """Overlapping pairs of free marks whose tags fall in one ``group``, ranked.

    ``same_tag``: the groups are tags, ranked exact agreement, then same bounds, then
    by overlap; otherwise every pair ranks by overlap alone.
    """
    members: defaultdict[Hashable, list[int]] = defaultdict(list)
    for j in free_b:
        members[group(side_b[j].tag_id)].append(j)
    index: dict[Hashable, tuple[list[int], list[int], int]] = {}
    for key, js in members.items():
        js.sort(key=lambda j: side_b[j].start)
        longest = max(side_b[j].end - side_b[j].start for j in js)
        index[key] = (js, [side_b[j].start for j in js], longest)
    ranked: list[_Candidate] = []
    for i in free_a:
        a = side_a[i]
        found = index.get(group(a.tag_id))
        if found is None:
            continue
        js, starts, longest = found
        a_start, a_end = a.start, a.end
        # Only marks starting in (a_start - longest, a_end) can reach into a.
        for k in range(bisect_left(starts, a_start - longest + 1), bisect_left(starts, a_end)):
            j = js[k]
            b = side_b[j]
            b_start, b_end = b.start, b.end
            low = a_start if a_start > b_start else b_start
            high = a_end if a_end < b_end else b_end
            if high <= low:
                continue
            overlap = high - low
            span = (a_end if a_end > b_end else b_end) - (a_start if a_start < b_start else b_start)
            if not same_tag:
                tier = 3
            elif a_start != b_start or a_end != b_end:
                tier = 2
            else:
                tier = 1 if _differing_attributes(a, b) else 0
            ranked.append((tier, -overlap, span - overlap, i, j))
    ranked.sort()
    return ranked


def _pairs(side_a: Sequence[_Mark], side_b: Sequence[_Mark],
           tags: _Tags) -> list[tuple[int, int]]:
    """The greedy one-to-one pairing described in the module docstring, as index pairs.

    Same-tag pairs are all ranked before any pair of different tags, so they are matched
    first, and only the marks left over are paired across tags: the same result as one
    ranking of every candidate, with far fewer candidates.
    """
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for same_tag in (True, False):
        group: Callable[[str], Hashable] = (
            (lambda tag_id: tag_id) if same_tag else tags.dimension)
        ranked = _candidates(side_a, [i for i in range(len(side_a)) if i not in used_a],
                             side_b, [j for j in range(len(side_b)) if j not in used_b],
                             group, same_tag)
        for *_rank, i, j in ranked:
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                pairs.append((i, j))
    return pairs


@dataclass(frozen=True, slots=True)
class _Context:
    analyst_a: str
    analyst_b: str
    tags: _Tags


def _only(context: _Context, mark: _Mark, kind: DisagreementKind) -> Disagreement:
    described = context.tags.describe(mark)
    path = context.tags.path(mark.tag_id)
    ids_a: tuple[str, ...]
    ids_b: tuple[str, ...]
    tag_a: str | None
    tag_b: str | None
    if kind is DisagreementKind.ONLY_A:
        ids_a, ids_b, tag_a, tag_b = (mark.id,), (), path, None
        summary = _versus(context.analyst_a, described, context.analyst_b, _("nothing"))
    else:
        ids_a, ids_b, tag_a, tag_b = (), (mark.id,), None, path
        summary = _versus(context.analyst_a, _("nothing"), context.analyst_b, described)
    return Disagreement(
        id=disagreement_id(ids_a, ids_b), kind=kind, document_id=mark.document_id,
        start=mark.start, end=mark.end, analyst_a=context.analyst_a,
        analyst_b=context.analyst_b, annotations_a=ids_a, annotations_b=ids_b, tag_a=tag_a,
        tag_b=tag_b, summary=summary,
    )


def _versus(analyst_a: str, reading_a: str, analyst_b: str, reading_b: str) -> str:
    """"Anna: Quote vs Ben: nothing", in the language in use."""
    return _("%(a)s: %(reading_a)s vs %(b)s: %(reading_b)s") % {
        "a": analyst_a, "reading_a": reading_a, "b": analyst_b, "reading_b": reading_b}


def _paired(context: _Context, a: _Mark, b: _Mark) -> Disagreement | None:
    """The disagreement between paired ``a`` and ``b``, or None when they agree."""
    tags = context.tags
    names = context.analyst_a, context.analyst_b
    differing: tuple[str, ...] = ()
    distance = None
    if a.tag_id != b.tag_id:
        kind = DisagreementKind.TAG_DIFFERS
        distance = tags.distance(a.tag_id, b.tag_id)
        summary = _versus(names[0], tags.path(a.tag_id), names[1], tags.path(b.tag_id))
        if distance is not None:
            summary += " " + ngettext("(%(n)s step apart)", "(%(n)s steps apart)",
                                      distance) % {"n": distance}
    else:
        differing = _differing_attributes(a, b)
        if a.start != b.start or a.end != b.end:
            kind = DisagreementKind.BOUNDS_DIFFER
            summary = _versus(names[0], f"{tags.describe(a, differing)} {a.start}–{a.end}",
                              names[1], f"{tags.describe(b, differing)} {b.start}–{b.end}")
        elif differing:
            kind = DisagreementKind.ATTRIBUTES_DIFFER
            summary = _versus(names[0], tags.describe(a, differing),
                              names[1], tags.describe(b, differing))
        else:
            return None
    return Disagreement(
        id=disagreement_id((a.id,), (b.id,)), kind=kind, document_id=a.document_id,
        start=min(a.start, b.start), end=max(a.end, b.end), analyst_a=names[0],
        analyst_b=names[1], annotations_a=(a.id,), annotations_b=(b.id,),
        tag_a=tags.path(a.tag_id), tag_b=tags.path(b.tag_id), summary=summary,
        attributes=differing, ordinal_distance=distance, span_a=(a.start, a.end),
        span_b=(b.start, b.end), values=_differing_values(a, b, differing),
    )


def _differing_values(a: _Mark, b: _Mark,
                      keys: Sequence[str]) -> tuple[tuple[str, str, str], ...]:
    if not keys:
        return ()
    values_a, values_b = _values(a), _values(b)
    return tuple((k, values_a.get(k, ""), values_b.get(k, "")) for k in keys)


_KIND_ORDER = {kind: n for n, kind in enumerate(DisagreementKind)}


def _compare(context: _Context, side_a: Sequence[_Mark], side_b: Sequence[_Mark],
             decisions: Sequence[Decision]) -> list[Disagreement]:
    """The disagreements of one document, by position, each with its decision if any."""
    pairs = _pairs(side_a, side_b, context.tags)
    found: list[Disagreement] = []
    for i, j in pairs:
        item = _paired(context, side_a[i], side_b[j])
        if item is not None:
            found.append(item)
    paired_a = {i for i, _ in pairs}
    paired_b = {j for _, j in pairs}
    found += [_only(context, a, DisagreementKind.ONLY_A)
              for i, a in enumerate(side_a) if i not in paired_a]
    found += [_only(context, b, DisagreementKind.ONLY_B)
              for j, b in enumerate(side_b) if j not in paired_b]
    by_key = {d.key: d for d in decisions}
    if by_key:
        found = [_with_decision(d, by_key.get(d.key)) for d in found]
    found.sort(key=lambda d: (d.start, d.end, _KIND_ORDER[d.kind], d.id))
    return found


def _with_decision(item: Disagreement, decision: Decision | None) -> Disagreement:
    if decision is None:
        return item
    return dataclasses.replace(item, decision=decision)  # every field kept, values too


# --- reading a project ---------------------------------------------------------------


def _check_analysts(project: Project, analyst_a: str, analyst_b: str) -> None:
    if analyst_a == analyst_b:
        raise InvalidValue(_("comparing needs two different analysts"))
    known = project.authors()
    for analyst in (analyst_a, analyst_b):
        if analyst not in known:
            raise NotFound(_("no annotations by %(analyst)r; analysts in this project: "
                             "%(value)s")
                           % {"analyst": analyst, "value": ', '.join(known) or 'none'})


_ACCEPTED = Status.ACCEPTED.value


def _marks(project: Project, analyst: str, document_id: str | None,
           decided: set[str]) -> list[_Mark]:
    """The analyst's marks that take part: accepted, or concerned by a decision."""
    rows = project.store.annotations.marks(analyst, document_id)
    return [_Mark._make(r) for r in rows
            if r[2] < r[3] and (r[6] == _ACCEPTED or r[1] in decided)]


def _decided_ids(decisions: Iterable[Decision]) -> set[str]:
    return {i for d in decisions for i in (*d.annotations_a, *d.annotations_b)}


def find_disagreements(project: Project, document_id: str, analyst_a: str,
                       analyst_b: str) -> list[Disagreement]:
    """The disagreements between two analysts on one document (an id or unique prefix).

    Raises ``NotFound`` for an unknown or removed document or an analyst without
    annotations in the project, ``InvalidValue`` for the same analyst twice.
    """
    _check_analysts(project, analyst_a, analyst_b)
    doc_id = project.resolve_document(document_id)
    decisions = project.store.decisions.query(document_id=doc_id)
    decided = _decided_ids(decisions)
    context = _Context(analyst_a, analyst_b, _Tags(project.codebook()))
    return _compare(context, _marks(project, analyst_a, doc_id, decided),
                    _marks(project, analyst_b, doc_id, decided), decisions)


def find_all_disagreements(project: Project, analyst_a: str, analyst_b: str, *,
                           document_ids: Sequence[str] | None = None) -> list[Disagreement]:
    """The disagreements between two analysts over every document (or those given).

    Documents in import order, each document's disagreements by position.
    """
    _check_analysts(project, analyst_a, analyst_b)
    wanted = None if document_ids is None else {project.resolve_document(d) for d in document_ids}
    decisions: defaultdict[str, list[Decision]] = defaultdict(list)
    for decision in project.store.decisions.query():
        decisions[decision.document_id].append(decision)
    decided = _decided_ids(d for group in decisions.values() for d in group)
    sides: defaultdict[str, tuple[list[_Mark], list[_Mark]]] = defaultdict(lambda: ([], []))
    for side, analyst in enumerate((analyst_a, analyst_b)):
        for mark in _marks(project, analyst, None, decided):
            if wanted is None or mark.document_id in wanted:
                sides[mark.document_id][side].append(mark)
    context = _Context(analyst_a, analyst_b, _Tags(project.codebook()))
    found: list[Disagreement] = []
    for document in project.documents():
        if document.id in sides:
            side_a, side_b = sides[document.id]
            found += _compare(context, side_a, side_b, decisions[document.id])
    return found


__all__ = [
    "DISAGREEMENT_NAMESPACE",
    "Disagreement",
    "DisagreementKind",
    "disagreement_id",
    "find_all_disagreements",
    "find_disagreements",
]
