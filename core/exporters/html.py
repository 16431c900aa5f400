"""The annotated report as one self-contained HTML file, to read, send and print.

Everything is inline: the CSS, the tone chart (SVG) and no script at all, so the file
shows the same on a laptop without network as on the sender's machine, and prints well
(``@media print``: each document on new pages, highlight colours kept). Every string a
user typed goes through Jinja2's autoescaping; source links become ``href``s only when
they are ``http(s)`` addresses.

Highlights: a passage is filled in its tag's colour; where passages overlap the fill is
the blend of their colours, and each passage also draws a thin stripe of its colour
under the text at its **lane** (see ``core.reports.content``; the first
``STRIPED_LANES`` lanes), so two overlapping passages stay distinct along their whole
length. Each passage begins with its number, which links to its note beside the
paragraph (under it on narrow screens and on paper). The tone chart's geometry
(``tone_chart``) is shared with the PDF report.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from core.exporters import (
    Cancel,
    ExportScope,
    Progress,
    atomic_text_file,
    check_cancel,
    check_target,
)
from core.i18n import percent
from core.project import Project
from core.reports.content import (
    DocumentReport,
    Report,
    ReportAnnotation,
    ToneLevel,
    TonePoint,
    build_report,
)
from core.reports.templates import ink, render, rgb
from core.wording import count as count_of

TEMPLATE = "report.html.j2"
#: Lanes that get a stripe of their own; deeper ones rely on the fill and the numbers.
STRIPED_LANES = 4
_STRIPE = 2  # px
_STRIPE_PITCH = 3  # px between the bottoms of two lanes' stripes


def export_html(
    project: Project,
    out_path: str | Path,
    *,
    scope: ExportScope = ExportScope(),  # noqa: B008 - frozen, so a shared default is safe
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the report of ``scope`` to ``out_path``; return how many annotations it shows.

    Bad filters raise before anything is written; ``progress(done, total)`` counts
    documents plus one step for the rendering; cancelling leaves no file.
    """
    target = check_target(project, out_path)
    report = build_report(project, scope, progress=_scaled(progress, 1), cancel=cancel)
    html = render_report_html(report)
    check_cancel(cancel)
    with atomic_text_file(target, newline="\n") as handle:
        handle.write(html)
    if progress is not None:
        steps = len(report.documents) + 1
        progress(steps, steps)
    return report.annotation_count


def render_report_html(report: Report) -> str:
    """The HTML text of ``report`` (what ``export_html`` writes)."""
    styles = HighlightStyles(report)
    return render(
        TEMPLATE, report=report, highlight_css=styles.css(), highlight_class=styles.class_of,
        tag_class=styles.tag_class, layers_title=layers_title,
        tone_chart=lambda document: tone_chart(document, report.tone_scale),
    )


def _scaled(progress: Progress | None, extra: int) -> Progress | None:
    """Report document progress out of ``total + extra`` steps (rendering comes after)."""
    if progress is None:
        return None
    callback = progress

    def scaled(done: int, total: int) -> None:
        callback(done, total + extra)

    return scaled


# --- highlights ---------------------------------------------------------------------------


class HighlightStyles:
    """CSS classes for the report's highlights and tags, written once into ``<style>``.

    A class per distinct look (the fill's colours, the striped lanes' colours) rather
    than an inline style per segment: 10k overlapping annotations make ~20k segments but
    far fewer looks, and the file stays a fraction of the size. Colours come from the
    codebook, which accepts only ``#rrggbb``; ``rgb`` refuses anything else, so nothing
    a user typed reaches the stylesheet.
    """

    def __init__(self, report: Report) -> None:
        self._classes: dict[_Look, str] = {}
        # Segments share one layers tuple while nothing opens or closes between them;
        # looking classes up by identity spares the template rebuilding the key.
        self._by_layers: dict[int, str] = {}
        self._tags: dict[str, tuple[str, str]] = {}  # tag id -> (class, colour)
        for document in report.documents:
            for annotation in document.annotations:
                self.tag_class(annotation)
            for paragraph in document.paragraphs:
                for segment in paragraph.segments:
                    if segment.layers and id(segment.layers) not in self._by_layers:
                        self._by_layers[id(segment.layers)] = self._class(segment.layers)

    def _class(self, layers: Sequence[ReportAnnotation]) -> str:
        look = _look(layers)
        found = self._classes.get(look)
        if found is None:
            found = self._classes[look] = f"h{len(self._classes)}"
        return found

    def class_of(self, layers: Sequence[ReportAnnotation]) -> str:
        """The class of a segment's layers (for the template)."""
        return self._by_layers.get(id(layers)) or self._class(layers)

    def tag_class(self, annotation: ReportAnnotation) -> str:
        """The class that sets ``--tag`` (and ``--on-tag``) to the annotation's tag colour."""
        found = self._tags.get(annotation.tag_id)
        if found is None:
            rgb(annotation.color)  # refuse anything but #rrggbb before it reaches CSS
            found = self._tags[annotation.tag_id] = (f"t{len(self._tags)}", annotation.color)
        return found[0]

    def css(self) -> Markup:
        rules = [f".{name}{{{_style(look)}}}" for look, name in self._classes.items()]
        for name, colour in self._tags.values():
            rules.append(f".{name}{{--tag:{colour};--on-tag:{ink(colour)}}}")
        return Markup("\n".join(rules))  # built from validated colours only


#: (colours of the fill, sorted; (colour, lane) of each striped lane)
_Look = tuple[tuple[str, ...], tuple[tuple[str, int], ...]]


def _look(layers: Sequence[ReportAnnotation]) -> _Look:
    return (tuple(sorted(a.color for a in layers)),
            tuple((a.color, a.lane) for a in layers if a.lane < STRIPED_LANES))


def highlight_style(layers: Sequence[ReportAnnotation]) -> str:
    """Inline CSS of a segment: blended fill, one stripe per striped lane."""
    return _style(_look(layers))


def _style(look: _Look) -> str:
    fill_colours, stripes = look
    alpha = min(0.22 + 0.1 * len(fill_colours), 0.55)
    fill = _mean_rgba(list(fill_colours), alpha)
    if not stripes:
        return f"background-color:{fill}"
    images = ",".join(f"linear-gradient({c},{c})" for c, _ in stripes)
    positions = ",".join(f"0 calc(100% - {lane * _STRIPE_PITCH}px)" for _, lane in stripes)
    sizes = ",".join(f"100% {_STRIPE}px" for _ in stripes)
    return (f"background-color:{fill};background-image:{images};"
            f"background-position:{positions};background-size:{sizes}")


def _mean_rgba(colours: list[str], alpha: float) -> str:
    channels = [rgb(c) for c in colours]
    mean = [round(sum(ch[i] for ch in channels) / len(channels)) for i in range(3)]
    return f"rgba({mean[0]},{mean[1]},{mean[2]},{alpha:.2f})"


def layers_title(layers: Sequence[ReportAnnotation]) -> str:
    """Tooltip of a segment: which passages cover it (plain text; the template escapes)."""
    return "; ".join(f"{a.number} {a.tag_path}" for a in layers)


# --- the tone chart -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One tone level: a horizontal band of the chart."""

    y: float
    label: str
    color: str
    ordinal: int


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One tone passage: a bar from its start to its end at its level's height."""

    x: float
    y: float
    width: float
    height: float
    color: str
    number: int
    label: str


@dataclass(frozen=True, slots=True)
class ChartLine:
    """One analyst's tone through the article: the passages' midpoints in order.

    With more than ``TREND_POINTS`` passages the line follows the mean level per stretch
    of the article instead (a zigzag through thousands of points says nothing), and
    ``dots`` is off.
    """

    author: str
    points: tuple[tuple[float, float], ...]
    dash: str
    color: str
    dots: bool = True

    @property
    def svg_points(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


@dataclass(frozen=True, slots=True)
class ToneChart:
    """Geometry of a document's tone profile, in abstract units (SVG user space or points)."""

    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    rows: tuple[ChartRow, ...]
    bars: tuple[ChartBar, ...]
    lines: tuple[ChartLine, ...]
    ticks: tuple[tuple[float, str], ...]


_DASHES = ("", "6 3", "2 3", "8 3 2 3")
_TREND_COLOURS = ("#3b4650", "#c2185b", "#1f78b4", "#8c6d1f")
#: Above this many tone passages per analyst the trend line shows means per stretch.
TREND_POINTS = 60
_TREND_STRETCHES = 40
_BAR_GAP = 0.002  # share of the article below which two bars of one level merge


def _bar_runs(points: Sequence[TonePoint]) -> list[tuple[TonePoint, float, float, str]]:
    """(first passage, start, end, label) per bar. Up to ``TREND_POINTS`` passages, one bar
    each; beyond, overlapping passages of one level and analyst merge into one bar
    (thousands of overlapping rectangles draw the same picture, slower)."""
    def who(p: TonePoint) -> str:
        return f" ({p.author})" if p.author else ""

    if len(points) <= TREND_POINTS:
        return [(p, p.start, p.end, f"{p.number} {p.level}{who(p)}") for p in points]
    runs: list[tuple[TonePoint, float, float, str]] = []
    ordered = sorted(points, key=lambda p: (p.ordinal, p.level, p.author, p.color, p.start))
    first, start, end, count = ordered[0], ordered[0].start, ordered[0].end, 1
    for p in ordered[1:]:
        same = (p.ordinal, p.level, p.author, p.color) == (
            first.ordinal, first.level, first.author, first.color)
        if same and p.start <= end + _BAR_GAP:
            end = max(end, p.end)
            count += 1
            continue
        runs.append((first, start, end, f"{first.level}{who(first)}: {count_of(count, 'passage')}"))
        first, start, end, count = p, p.start, p.end, 1
    runs.append((first, start, end, f"{first.level}{who(first)}: {count_of(count, 'passage')}"))
    return runs


def _level_y(ordinal: float, *, ordinals: list[int], row_y: dict[int, float],
             shift: float = 0.0) -> float:
    """Height of a (mean) level: linear between the rows of the ordinals around it."""
    ascending = sorted(ordinals)
    if ordinal <= ascending[0]:
        return row_y[ascending[0]] + shift
    for low, high in itertools.pairwise(ascending):
        if ordinal <= high:
            share = (ordinal - low) / (high - low)
            return row_y[low] + (row_y[high] - row_y[low]) * share + shift
    return row_y[ascending[-1]] + shift


def _trend(author: str, points: list[TonePoint], dash: str, colour: str,
           y_of: Callable[[float], float], left: float, span: float) -> ChartLine:
    ordered = sorted(points, key=lambda p: (p.position, p.number))
    if len(ordered) <= TREND_POINTS:
        return ChartLine(author, tuple((left + p.position * span, y_of(p.ordinal))
                                       for p in ordered), dash, colour)
    sums: dict[int, list[float]] = {}
    for p in ordered:
        stretch = min(int(p.position * _TREND_STRETCHES), _TREND_STRETCHES - 1)
        total = sums.setdefault(stretch, [0.0, 0.0])
        total[0] += p.ordinal
        total[1] += 1
    return ChartLine(author, tuple(
        (left + (stretch + 0.5) / _TREND_STRETCHES * span, y_of(total[0] / total[1]))
        for stretch, total in sorted(sums.items())
    ), dash, colour, dots=False)


def tone_chart(
    document: DocumentReport,
    scale: Sequence[ToneLevel],
    *,
    width: float = 1000.0,
    label_width: float = 150.0,
    row_height: float = 26.0,
    axis_height: float = 26.0,
) -> ToneChart | None:
    """The tone profile of ``document``: levels top (most cooperative) to bottom.

    ``None`` when the document has no tone passage in the report. Levels used by a
    passage but missing from ``scale`` (another codebook) get a row of their own.
    """
    if not document.tone:
        return None
    levels = {level.ordinal: level for level in scale}
    for point in document.tone:
        levels.setdefault(point.ordinal, ToneLevel(point.ordinal, point.level, point.color))
    ordinals = sorted(levels, reverse=True)
    top, left, right = 8.0, label_width, width - 28.0
    row_y = {o: top + (i + 0.5) * row_height for i, o in enumerate(ordinals)}
    rows = tuple(ChartRow(row_y[o], levels[o].name, levels[o].color, o) for o in ordinals)
    authors = sorted({p.author for p in document.tone}, key=str.casefold)
    spread = min(8.0, row_height / 3)
    offsets = {
        a: (i - (len(authors) - 1) / 2) * (spread / max(1, len(authors) - 1)) * 2
        if len(authors) > 1 else 0.0
        for i, a in enumerate(authors)
    }
    span = right - left
    bar_height = max(4.0, row_height / (2 + len(authors)))
    bars = tuple(
        ChartBar(
            x=left + start * span, y=row_y[p.ordinal] + offsets[p.author] - bar_height / 2,
            width=max(3.0, (end - start) * span), height=bar_height, color=p.color,
            number=p.number, label=label,
        )
        for p, start, end, label in _bar_runs(document.tone)
    )
    lines = tuple(
        _trend(author, [p for p in document.tone if p.author == author],
               _DASHES[i % len(_DASHES)], _TREND_COLOURS[i % len(_TREND_COLOURS)],
               functools.partial(_level_y, ordinals=ordinals,
                                                            row_y=row_y, shift=offsets[author]),
               left, span)
        for i, author in enumerate(authors)
    )
    bottom = top + len(ordinals) * row_height
    ticks = tuple((left + f * span, percent(f, 0)) for f in (0, 0.25, 0.5, 0.75, 1))
    return ToneChart(width=width, height=bottom + axis_height, plot_left=left, plot_right=right,
                     plot_top=top, plot_bottom=bottom, rows=rows, bars=bars, lines=lines,
                     ticks=ticks)


__all__ = [
    "ChartBar",
    "ChartLine",
    "ChartRow",
    "HighlightStyles",
    "ToneChart",
    "export_html",
    "highlight_style",
    "layers_title",
    "render_report_html",
    "tone_chart",
]
