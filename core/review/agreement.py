"""Inter-annotator agreement: Cohen's kappa, Krippendorff's alpha and span-level F1.

Two layers. The statistics (``cohen_kappa``, ``krippendorff_alpha_nominal``,
``alpha_char``, ``span_f1``) know nothing about projects and are tested against
published worked examples. ``agreement`` and ``alpha_among`` turn analysts'
annotations in a project into units and feed them to those statistics.

Undefined values are ``nan`` in the statistics and ``None`` in reports (JSON has no
NaN): a coefficient over no data at all. When every unit carries one and the same
value for every coder, expected disagreement is zero; kappa and alpha are then 0/0
in theory, and Glossa reports 1.0 (observed disagreement is necessarily zero too,
so the coders agree perfectly, if trivially).

Units and labels (project level):
- ``unit="sentence"``: the sentences of each compared document (``core.review.units``);
  ``unit="char"``: every character of those documents.
- An analyst's label for a unit is the tag whose annotations cover most of the unit
  (ties go to the alphabetically first tag path), or no tag (``None``). One analyst's
  annotations often overlap (a quote inside a critical passage); the overall figures
  use this dominant tag, so agreeing on all of a unit's tags means agreeing on its label.
- Per-tag figures are binary (tag present in the unit or not, present meaning at
  least one character covered), so other tags in the same unit do not affect them.
- Only accepted annotations count: proposed suggestions are nobody's judgement yet
  and rejected ones were judged wrong.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from core.errors import InvalidValue, NotFound
from core.i18n import _
from core.model import Status
from core.review.units import sentence_spans
from core.validation import check_choice

if TYPE_CHECKING:
    from core.project import Project

Unit = Literal["sentence", "char"]
MatchMode = Literal["exact", "overlap"]
#: A unit's label at project level: a tag path, or ``None`` for "no tag".
Label = str | None

UNITS: tuple[Unit, ...] = ("sentence", "char")
MATCH_MODES: tuple[MatchMode, ...] = ("exact", "overlap")
OVERALL = "overall"

NAN = float("nan")


# --- Cohen's kappa -------------------------------------------------------------------


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float:
    """Cohen's kappa for two coders: one ``(value_a, value_b)`` pair per unit.

    ``(p_o - p_e) / (1 - p_e)`` with ``p_e`` from each coder's own marginals.
    ``nan`` without pairs; 1.0 when both coders used one and the same value throughout.
    """
    return _kappa(Counter(pairs).items())


def _kappa(table: Iterable[tuple[tuple[Hashable, ...], int]]) -> float:
    """Kappa from ``((value_a, value_b), units)`` rows, in integer arithmetic to the last step."""
    n = agreed = 0
    row: Counter[Hashable] = Counter()
    column: Counter[Hashable] = Counter()
    for (a, b), weight in table:
        n += weight
        row[a] += weight
        column[b] += weight
        if a == b:
            agreed += weight
    if n == 0:
        return NAN
    expected = sum(count * column[value] for value, count in row.items())  # p_e * n²
    if expected == n * n:
        return 1.0
    return (agreed * n - expected) / (n * n - expected)


# --- Krippendorff's alpha ------------------------------------------------------------


def krippendorff_alpha_nominal(reliability_data: Sequence[Sequence[Hashable | None]]) -> float:
    """Krippendorff's alpha for nominal data, by the coincidence-matrix method.

    :param reliability_data: one row per coder, one column per unit; ``None`` is a
        missing value. Units with fewer than two values are not pairable and ignored.

    ``nan`` when no unit is pairable; 1.0 when all pairable values are the same.
    """
    lengths = {len(row) for row in reliability_data}
    if len(lengths) > 1:
        raise InvalidValue(_("every coder needs a value (or None) for every unit"))
    units = (
        Counter(value for value in column if value is not None)
        for column in zip(*reliability_data, strict=True)
    )
    return _alpha((counts, 1) for counts in units)


def _alpha_over(profiles: Iterable[tuple[tuple[Hashable, ...], int]]) -> float:
    """Alpha from ``(values of every coder for a unit, how many such units)`` rows."""
    return _alpha((Counter(values), units) for values, units in profiles)


def _alpha(units: Iterable[tuple[Mapping[Hashable, int], int]]) -> float:
    """Nominal alpha from ``(value counts of one unit, how many such units)``.

    With ``o`` the coincidence matrix, ``n_c`` its marginals and ``n`` the pairable
    values: ``alpha = 1 - (n - 1) * sum(o_ck, c != k) / (n² - sum(n_c²))``.
    """
    n = 0
    disagreement = 0.0
    totals: Counter[Hashable] = Counter()
    for counts, weight in units:
        m = sum(counts.values())
        if m < 2 or weight == 0:
            continue
        same = sum(c * c for c in counts.values())
        disagreement += weight * (m * m - same) / (m - 1)
        n += weight * m
        for value, c in counts.items():
            totals[value] += weight * c
    if n == 0:
        return NAN
    spread = n * n - sum(t * t for t in totals.values())
    if spread == 0:
        return 1.0
    return 1.0 - (n - 1) * disagreement / spread


# --- spans ---------------------------------------------------------------------------


class Span(NamedTuple):
    """A tagged passage ``[start, end)`` of one document, as one analyst marked it.

    A named tuple rather than a dataclass: agreement builds tens of thousands of them.
    """

    start: int
    end: int
    tag: str
    document: str = ""


@dataclass(frozen=True, slots=True)
class PRF:
    """Span agreement with ``a`` as reference: ``matched`` pairs of ``a`` and ``b`` spans.

    Precision is the share of ``b``'s spans matched, recall that of ``a``'s; F1 is
    symmetric. A ratio over nothing is ``nan``.
    """

    matched: int
    count_a: int
    count_b: int

    @property
    def precision(self) -> float:
        return self.matched / self.count_b if self.count_b else NAN

    @property
    def recall(self) -> float:
        return self.matched / self.count_a if self.count_a else NAN

    @property
    def f1(self) -> float:
        total = self.count_a + self.count_b
        return 2 * self.matched / total if total else NAN


def span_f1(a: Sequence[Span], b: Sequence[Span], mode: MatchMode = "exact") -> PRF:
    """Match ``a``'s spans to ``b``'s one-to-one and count the pairs.

    A match needs the same document and tag. ``exact``: the same bounds. ``overlap``:
    at least one shared character; pairs are taken greedily by largest overlap, then
    least slack (so exact pairs go first and ``exact <= overlap``), then by position.
    The order depends only on the spans, so swapping ``a`` and ``b`` matches the same.
    """
    matched = _matched_per_tag(_by_document_and_tag(a, b), mode)
    return PRF(sum(matched.values()), len(a), len(b))


#: (document, tag) -> (bounds of a's spans, bounds of b's spans)
_Groups = dict[tuple[str, str], tuple[list[tuple[int, int]], list[tuple[int, int]]]]


def _by_document_and_tag(a: Iterable[Span], b: Iterable[Span]) -> _Groups:
    groups: _Groups = {}
    for side, spans in enumerate((a, b)):
        for start, end, tag, document in spans:
            key = (document, tag)
            if key not in groups:
                groups[key] = ([], [])
            groups[key][side].append((start, end))
    return groups


def _matched_per_tag(groups: _Groups, mode: MatchMode) -> Counter[str]:
    check_choice(_("match mode"), mode, MATCH_MODES)
    matched: Counter[str] = Counter()
    for (_document, tag), (spans_a, spans_b) in groups.items():
        if not spans_a or not spans_b:
            continue
        if mode == "exact":
            counts_b = Counter(spans_b)
            matched[tag] += sum(min(c, counts_b[s]) for s, c in Counter(spans_a).items())
        else:
            matched[tag] += _greedy_overlap_matches(spans_a, spans_b)
    return matched


def _greedy_overlap_matches(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Size of the greedy one-to-one matching of overlapping spans (see ``span_f1``)."""
    order = sorted(range(len(b)), key=b.__getitem__)
    starts = [b[j][0] for j in order]
    longest = max(end - start for start, end in b)
    ranked = []
    for i, (sa, ea) in enumerate(a):
        # Only b spans starting in (sa - longest, ea) can reach into a[i].
        for k in range(bisect_left(starts, sa - longest + 1), bisect_left(starts, ea)):
            j = order[k]
            sb, eb = b[j]
            overlap = min(ea, eb) - max(sa, sb)
            if overlap > 0:
                slack = max(ea, eb) - min(sa, sb) - overlap
                ranked.append(((-overlap, slack, min(a[i], b[j]), max(a[i], b[j])), i, j))
    ranked.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _rank, i, j in ranked:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


# --- units ---------------------------------------------------------------------------

#: One annotation reduced to what labelling needs: ``(start, end, tag path)``.
_Marked = tuple[int, int, str]


class _UnitTable:
    """How often each combination of labels occurs over the units, per coder."""

    def __init__(self, coders: int) -> None:
        self.coders = coders
        self.total = 0
        #: dominant label of each coder -> number of units
        self.profiles: Counter[tuple[Label, ...]] = Counter()
        #: tag -> bit mask of the coders who marked it in a unit -> number of units
        #: (units where nobody marked it are implied by ``total``)
        self.presence: defaultdict[str, Counter[int]] = defaultdict(Counter)

    def add(self, labels: tuple[Label, ...], present: Mapping[str, int], weight: int = 1) -> None:
        """Count ``weight`` units labelled ``labels``, with ``present`` tags' coder masks."""
        self.profiles[labels] += weight
        for tag, mask in present.items():
            self.presence[tag][mask] += weight

    def add_empty(self, weight: int) -> None:
        self.profiles[(None,) * self.coders] += weight

    def binary(self, tag: str) -> Counter[tuple[bool, ...]]:
        """Presence of ``tag`` for each coder over every unit, the all-absent ones included."""
        table: Counter[tuple[bool, ...]] = Counter()
        for mask, units in self.presence.get(tag, Counter()).items():
            table[tuple(bool(mask >> c & 1) for c in range(self.coders))] += units
        table[(False,) * self.coders] += self.total - sum(table.values())
        return table


def _covered_length(intervals: list[tuple[int, int]]) -> int:
    """Characters covered by ``intervals`` (one analyst's same-tag spans may overlap)."""
    if len(intervals) == 1:
        return intervals[0][1] - intervals[0][0]
    total = 0
    reach = -1
    for start, end in sorted(intervals):
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return total


def _dominant(lengths: Mapping[str, int]) -> Label:
    """The tag covering most of a unit; the alphabetically first of equals."""
    if not lengths:
        return None
    if len(lengths) == 1:
        return next(iter(lengths))
    return min(lengths, key=lambda tag: (-lengths[tag], tag))


def _label_sentences(text: str, coders: Sequence[Sequence[_Marked]], table: _UnitTable) -> None:
    """Label each sentence of ``text`` for each coder and count it into ``table``."""
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    ends = [end for _, end in spans]
    count = len(spans)
    # coder -> sentence index -> tag -> the parts of the sentence that tag covers
    covered: list[dict[int, dict[str, list[tuple[int, int]]]]] = []
    for marks in coders:
        per_sentence: dict[int, dict[str, list[tuple[int, int]]]] = {}
        for start, end, tag in marks:
            i = bisect_right(ends, start)  # the first sentence ending after ``start``
            while i < count and starts[i] < end:
                lo, hi = starts[i], ends[i]
                part = (start if start > lo else lo, end if end < hi else hi)
                tags = per_sentence.get(i)
                if tags is None:
                    per_sentence[i] = {tag: [part]}
                elif tag in tags:
                    tags[tag].append(part)
                else:
                    tags[tag] = [part]
                i += 1
        covered.append(per_sentence)
    touched = set().union(*covered)
    for i in touched:
        labels: list[Label] = []
        present: dict[str, int] = {}
        for c, per_sentence in enumerate(covered):
            tags = per_sentence.get(i)
            if tags is None:
                labels.append(None)
                continue
            for tag in tags:
                present[tag] = present.get(tag, 0) | 1 << c
            if len(tags) == 1:
                labels.append(next(iter(tags)))
            else:
                labels.append(_dominant({t: _covered_length(p) for t, p in tags.items()}))
        table.add(tuple(labels), present)
    table.add_empty(count - len(touched))
    table.total += count


def _label_characters(length: int, coders: Sequence[Sequence[_Marked]],
                      table: _UnitTable) -> None:
    """Label every character of a text of ``length`` code points and count runs into ``table``.

    A character covered by several of one coder's tags takes the alphabetically first.
    """
    events: list[tuple[int, int, int, str]] = []
    for c, marks in enumerate(coders):
        for start, end, tag in marks:
            start, end = max(start, 0), min(end, length)
            if start < end:
                events.append((start, 1, c, tag))
                events.append((end, -1, c, tag))
    events.sort(key=lambda event: event[0])
    # coder -> tag -> how many of the coder's spans of that tag cover the current position
    active: list[dict[str, int]] = [{} for _ in coders]
    covered = 0
    previous = 0
    for position, delta, c, tag in events:
        if position > previous and any(active):
            width = position - previous
            covered += width
            present: dict[str, int] = {}
            for coder, tags in enumerate(active):
                for t in tags:
                    present[t] = present.get(t, 0) | 1 << coder
            table.add(tuple(min(tags) if tags else None for tags in active), present, width)
        previous = position
        counts = active[c]
        left = counts.get(tag, 0) + delta
        if left:
            counts[tag] = left
        else:
            del counts[tag]
    table.add_empty(length - covered)
    table.total += length


def alpha_char(coders: Sequence[Iterable[Span]], length: int) -> float:
    """Character-level alpha over one text of ``length`` code points.

    Not Krippendorff's unitized alpha (u-alpha) but its common stand-in: every
    character is a unit whose value, for each coder, is the tag of the span covering
    it (the alphabetically first if several do) or "no tag"; nominal alpha over these.
    Spans' ``document`` is ignored: pass the spans of one text.
    """
    marks = [[(s.start, s.end, s.tag) for s in spans] for spans in coders]
    table = _UnitTable(len(marks))
    _label_characters(length, marks, table)
    return _alpha_over(table.profiles.items())


# --- project level -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Agreement between two analysts; every dict is keyed ``"overall"`` then tag paths.

    ``None`` stands for a figure that is undefined (no units, no annotations).
    ``confusion`` counts units by (label of ``analysts[0]``, label of ``analysts[1]``),
    ``None`` meaning no tag; ``spans`` holds the matches behind ``f1`` per mode.
    """

    analysts: tuple[str, str]
    unit: Unit
    document_ids: tuple[str, ...]
    units: int
    kappa: dict[str, float | None]
    alpha: dict[str, float | None]
    f1: dict[str, dict[str, float | None]]
    spans: dict[str, dict[str, PRF]]
    confusion: dict[tuple[Label, Label], int]

    def to_json(self) -> dict[str, Any]:
        """``{"kappa": {...}, "alpha": {...}, "f1": {"exact": {...}, "overlap": {...}}}``."""
        return {
            "kappa": dict(self.kappa),
            "alpha": dict(self.alpha),
            "f1": {mode: dict(values) for mode, values in self.f1.items()},
        }


def _defined(value: float) -> float | None:
    return None if math.isnan(value) else value


@dataclass(frozen=True, slots=True)
class _Collected:
    table: _UnitTable
    spans: list[list[Span]]
    tags: list[str]
    document_ids: tuple[str, ...]


def _collect(project: Project, analysts: Sequence[str], unit: str,
             document_ids: Sequence[str] | None) -> _Collected:
    """Check the request, read the analysts' accepted annotations and label the units."""
    check_choice(_("unit"), unit, UNITS)
    if len(set(analysts)) != len(analysts) or len(analysts) < 2:
        raise InvalidValue(_("agreement needs at least two different analysts"))
    known = project.authors()
    for analyst in analysts:
        if analyst not in known:
            raise NotFound(_("no annotations by %(analyst)r; analysts in this project: %(names)s")
                           % {"analyst": analyst, "names": ", ".join(known) or _("none")})
    wanted = None if document_ids is None else {project.resolve_document(d) for d in document_ids}
    codebook = project.codebook()
    paths: dict[str, str] = {}
    per_document: defaultdict[str, list[list[_Marked]]] = defaultdict(
        lambda: [[] for _ in analysts])
    spans: list[list[Span]] = [[] for _ in analysts]
    for c, analyst in enumerate(analysts):
        for document_id, start, end, tag_id in project.spans_by(analyst, Status.ACCEPTED.value):
            if (wanted is not None and document_id not in wanted) or start >= end:
                continue
            path = paths.get(tag_id)
            if path is None:
                path = paths[tag_id] = codebook.path(tag_id) or tag_id
            per_document[document_id][c].append((start, end, path))
            spans[c].append(Span(start, end, path, document_id))
    tags = sorted(set(paths.values()), key=lambda p: (p.casefold(), p))
    if OVERALL in tags:
        raise InvalidValue(_("a tag named %(overall)r clashes with the overall figures; "
                             "rename it to compute agreement")
                           % {"overall": OVERALL})
    order = [d.id for d in project.documents()]
    chosen = [d for d in order if (d in wanted if wanted is not None else d in per_document)]
    table = _UnitTable(len(analysts))
    for doc_id in chosen:
        marks = per_document.get(doc_id) or [[] for _ in analysts]
        text = project.text(doc_id)
        if unit == "sentence":
            _label_sentences(text, marks, table)
        else:
            _label_characters(len(text), marks, table)
    return _Collected(table, spans, tags, tuple(chosen))


def agreement(project: Project, analyst_a: str, analyst_b: str, *, unit: Unit = "sentence",
              document_ids: Sequence[str] | None = None) -> AgreementReport:
    """Kappa, alpha and span F1 between two analysts of ``project``.

    :param unit: ``"sentence"`` or ``"char"`` (see the module docstring for labels).
    :param document_ids: documents to compare (ids or unique prefixes); by default
        every document either analyst annotated, so a document only one of them
        marked counts as disagreement, not as missing data.
    """
    found = _collect(project, (analyst_a, analyst_b), unit, document_ids)
    table = found.table
    kappa: dict[str, float | None] = {OVERALL: _defined(_kappa(table.profiles.items()))}
    alpha: dict[str, float | None] = {OVERALL: _defined(_alpha_over(table.profiles.items()))}
    for tag in found.tags:
        binary = table.binary(tag)
        kappa[tag] = _defined(_kappa(binary.items()))
        alpha[tag] = _defined(_alpha_over(binary.items()))
    spans_a, spans_b = found.spans
    count_a = Counter(s.tag for s in spans_a)
    count_b = Counter(s.tag for s in spans_b)
    prf: dict[str, dict[str, PRF]] = {}
    groups = _by_document_and_tag(spans_a, spans_b)
    for mode in MATCH_MODES:
        matched = _matched_per_tag(groups, mode)
        prf[mode] = {OVERALL: PRF(sum(matched.values()), len(spans_a), len(spans_b))}
        for tag in found.tags:
            prf[mode][tag] = PRF(matched[tag], count_a[tag], count_b[tag])
    f1 = {mode: {key: _defined(p.f1) for key, p in by_key.items()}
          for mode, by_key in prf.items()}
    confusion = {(a, b): n for (a, b), n in table.profiles.items() if n}
    return AgreementReport(
        analysts=(analyst_a, analyst_b), unit=unit, document_ids=found.document_ids,
        units=table.total, kappa=kappa, alpha=alpha, f1=f1, spans=prf, confusion=confusion,
    )


def alpha_among(project: Project, analysts: Sequence[str], *, unit: Unit = "sentence",
                document_ids: Sequence[str] | None = None) -> dict[str, float | None]:
    """Krippendorff's alpha among two or more analysts, ``"overall"`` then per tag path.

    Units and labels as for ``agreement``; every analyst labels every unit (no tag is a
    value), so no data are missing."""
    found = _collect(project, tuple(analysts), unit, document_ids)
    table = found.table
    result: dict[str, float | None] = {OVERALL: _defined(_alpha_over(table.profiles.items()))}
    for tag in found.tags:
        result[tag] = _defined(_alpha_over(table.binary(tag).items()))
    return result


__all__ = [
    "MATCH_MODES",
    "OVERALL",
    "PRF",
    "UNITS",
    "AgreementReport",
    "Span",
    "agreement",
    "alpha_among",
    "alpha_char",
    "cohen_kappa",
    "krippendorff_alpha_nominal",
    "span_f1",
]
