"""Paints annotations as translucent fills, block by block, from a ``SpanIndex``.

A ``QSyntaxHighlighter`` leaves the document text alone and formats only the
blocks we ask it to: the ones on screen (``highlight_blocks``, called by the view
as it scrolls) and, after a change, the ones that change touched. Blocks never
shown are never formatted, so opening a 2 MB article with 50k spans costs the
visible paragraphs, not the whole text (see DESIGN.md for the measurements).
Overlaps: a segment covered by more than one annotation is filled in its innermost
layer's colour and underlined in the colour of the layer around it (wavy from three
layers up). Every colour on screen is one the codebook (or the analyst legend) shows;
blending the fills would invent colours no legend explains.
"""

from __future__ import annotations

import itertools

from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from gui.display_map import DisplayMap
from gui.span_index import Span, SpanIndex

FILL_ALPHA = 90
#: On a dark page the same translucency reads too dim; text contrast stays ≥ 4.5:1.
DARK_FILL_ALPHA = 110
#: Before a colour key: the annotation was rejected in review (faded and struck out).
REJECTED = "rejected:"
#: Before a colour key: a suggestion not decided yet (faint, dashed underline).
PROPOSED = "proposed:"
#: How much of its tag's colour a rejected annotation keeps.
REJECTED_ALPHA = 0.35
#: Layers beyond this many (innermost kept) share one look.
MAX_LAYERS = 3


def composite(colours: list[QColor], alpha: int = FILL_ALPHA) -> QColor:
    """``colours`` stacked bottom to top, each at ``alpha`` (times its own), as one
    translucent colour."""
    out_a = 0.0
    r = g = b = 0.0
    for colour in colours:
        a = alpha / 255 * colour.alphaF()
        r = colour.redF() * a + r * (1 - a)
        g = colour.greenF() * a + g * (1 - a)
        b = colour.blueF() * a + b * (1 - a)
        out_a = a + out_a * (1 - a)
    if out_a == 0:
        return QColor(0, 0, 0, 0)
    result = QColor()
    result.setRgbF(r / out_a, g / out_a, b / out_a, out_a)
    return result


class AnnotationHighlighter(QSyntaxHighlighter):
    """Formats each block from the spans of the document being shown."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.spans = SpanIndex()
        self.offsets = DisplayMap("")
        self._colours: dict[str, QColor] = {}
        self.fill_alpha = FILL_ALPHA
        #: Annotation id -> colour key, when layers are coloured by analyst rather than tag.
        self.colour_keys: dict[str, str] | None = None
        self._formats: dict[tuple[str, ...], QTextCharFormat] = {}
        self._done: set[int] = set()  # block numbers formatted for the current text
        self._allowed: set[int] = set()  # blocks highlightBlock may format right now

    def reset(self) -> None:
        """A new text: nothing is formatted yet."""
        self._done.clear()
        self._allowed.clear()

    def set_colours(self, colours: dict[str, str]) -> None:
        """Tag id -> ``#rrggbb``; call ``rehighlight`` afterwards."""
        self._colours = {tag_id: QColor(c) for tag_id, c in colours.items()}
        self._formats.clear()

    def colour(self, key: str) -> QColor:
        """The colour of a tag (or analyst) key; a rejected one's is faded."""
        for prefix in (REJECTED, PROPOSED):
            if key.startswith(prefix):
                faded = QColor(self.colour(key.removeprefix(prefix)))
                faded.setAlphaF(REJECTED_ALPHA)
                return faded
        return self._colours.get(key, QColor("#888888"))

    def _format(self, layers: tuple[str, ...]) -> QTextCharFormat:
        layers = layers[-MAX_LAYERS:]  # deeper stacks look alike; keeps the cache small
        fmt = self._formats.get(layers)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setBackground(composite([self.colour(layers[-1])], self.fill_alpha))
            if all(t.startswith(REJECTED) for t in layers):  # nothing but rejected tags here
                fmt.setFontStrikeOut(True)
            if layers[-1].startswith(PROPOSED):  # a suggestion waiting for a decision
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                line = QColor(self.colour(layers[-1]))
                line.setAlphaF(1.0)
                fmt.setUnderlineColor(line.darker(130))
            elif len(layers) > 1:
                style = (QTextCharFormat.UnderlineStyle.SingleUnderline if len(layers) == 2
                         else QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineStyle(style)
                around = QColor(self.colour(layers[-2]))
                around.setAlphaF(1.0)
                fmt.setUnderlineColor(around.darker(120))
            self._formats[layers] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        number = block.blockNumber()
        if number not in self._allowed and number not in self._done:
            return  # Qt's own whole-document pass: leave unseen blocks for later
        u16_start = block.position()
        start = self.offsets.to_code_point(u16_start)
        # The block's own text, without the paragraph gap the view shows (``DisplayMap``).
        end = self.offsets.to_code_point(u16_start + block.length() - 1)
        spans = self.spans.overlapping(start, end)
        if not spans:
            return
        for seg_start, seg_end, layers in _segments(spans, start, end, self.colour_keys):
            u_from = self.offsets.to_utf16(seg_start) - u16_start
            u_to = self.offsets.to_utf16(seg_end) - u16_start
            self.setFormat(u_from, u_to - u_from, self._format(layers))

    def is_done(self, block: QTextBlock) -> bool:
        return block.blockNumber() in self._done

    def highlight_blocks(self, blocks: list[QTextBlock], *, again: bool = False) -> None:
        """Format these blocks (skipping ones already done unless ``again``)."""
        for block in blocks:
            number = block.blockNumber()
            if number in self._done and not again:
                continue
            self._allowed.add(number)
            try:
                self.rehighlightBlock(block)
            finally:
                self._allowed.discard(number)
            self._done.add(number)

    def rehighlight_range(self, start: int, end: int) -> None:
        """Redo the already formatted blocks covering code points ``[start, end)``."""
        doc = self.document()
        if doc is None:
            return
        first = doc.findBlock(self.offsets.to_utf16(start))
        last = doc.findBlock(self.offsets.to_utf16(max(start, end - 1)))
        blocks = []
        block = first
        while block.isValid():
            if block.blockNumber() in self._done:
                blocks.append(block)
            if block == last:
                break
            block = block.next()
        self.highlight_blocks(blocks, again=True)

    def rehighlight_done(self) -> None:
        """Colours changed: redo every block formatted so far."""
        doc = self.document()
        if doc is not None:
            self.highlight_blocks([doc.findBlockByNumber(n) for n in sorted(self._done)],
                                  again=True)


def _segments(spans: list[Span], start: int, end: int,
              keys: dict[str, str] | None = None) -> list[tuple[int, int, tuple[str, ...]]]:
    """Cut ``[start, end)`` at every span edge; each piece with the colour keys covering it.

    A span's key is its tag, or ``keys[span id]`` when given (colour by analyst), with
    ``REJECTED`` before it for a rejected annotation, ``PROPOSED`` for an open suggestion.
    Layers run outermost (earliest, longest) first, so the innermost is drawn last.
    """
    edges = {start, end}
    for s in spans:
        edges.add(max(s.start, start))
        edges.add(min(s.end, end))
    cuts = sorted(edges)
    pieces: list[tuple[int, int, tuple[str, ...]]] = []
    for a, b in itertools.pairwise(cuts):
        layers = tuple((REJECTED if s.rejected else PROPOSED if s.proposed else "")
                       + (s.tag_id if keys is None else keys.get(s.id, s.tag_id))
                       for s in spans if s.start <= a and s.end >= b)
        if layers:
            pieces.append((a, b, layers))
    return pieces
