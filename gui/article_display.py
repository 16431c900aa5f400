"""What the article shows: whose layers, in which colours, and the copy beside it.

The layers chosen in Review decide which annotations the article paints and whether by
tag or by analyst; side by side moves analyst B's layer into a read-only copy next to
it, both in tag colours. This part keeps those choices and repaints when they change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from core.model import Annotation, TagKind
from gui.i18n import translate
from gui.layers import LayerState, analyst_key, colour_keys, visible_spans
from gui.overview_strip import OverviewStrip
from gui.span_index import SpanIndex
from gui.window_api import WindowApi


class ArticleDisplay:
    """The layer choices of one window and the article views that follow them."""

    def __init__(self, window: WindowApi, strip: OverviewStrip, side_header: QWidget,
                 side_captions: tuple[QLabel, QLabel],
                 analyst_colours: Callable[[], dict[str, str]]) -> None:
        self.window = window
        self.strip = strip
        self.side_header = side_header
        self.side_captions = side_captions
        self._analyst_colours = analyst_colours
        self.layer_state = LayerState()
        #: (A, B) while B's layer stands beside the article.
        self.side_pair: tuple[str, str] | None = None
        self._authors_of: dict[str, str] = {}  # annotation id -> author, when layers need it

    @property
    def article_layers(self) -> LayerState:
        """The layers the article shows: the chosen ones, except that side by side,
        B's layer moves to the view beside it and both sides are coloured by tag."""
        if self.side_pair is None:
            return self.layer_state
        return LayerState(hidden=self.layer_state.hidden | {self.side_pair[1]},
                          by_analyst=False)

    def colours(self) -> dict[str, str]:
        colours = {t.id: t.color for t in self.window.codebook.tags}
        if self.article_layers.by_analyst:
            colours.update((analyst_key(name), colour)
                           for name, colour in self._analyst_colours().items())
        return colours

    def tone_tags(self) -> set[str]:
        return {t.id for t in self.window.codebook.tags if t.kind is TagKind.TONE}

    def span_index(self, document_id: str) -> SpanIndex:
        """The document's spans in the layers shown, and their colour keys for the view."""
        project, view = self.window.project, self.window.view
        assert project is not None
        spans = project.spans(document_id)
        layers = self.article_layers
        if not layers.needs_authors:
            self._authors_of = {}
            view.highlighter.colour_keys = None
            return SpanIndex(spans)
        self._authors_of = project.annotation_authors(document_id)
        view.highlighter.colour_keys = colour_keys(self._authors_of, layers)
        return SpanIndex(visible_spans(spans, self._authors_of, layers))

    def show_side_by_side(self, pair: tuple[str, str] | None) -> bool:
        """B's layer beside the article (the other shown layers stay in it), both in tag
        colours; None: one article with every shown layer again. True when the layers
        must be applied again (the pair changed)."""
        if pair == self.side_pair:
            self.refresh_side_view()
            return False
        self.side_pair = pair
        return True

    def refresh_side_view(self) -> None:
        window = self.window
        project, document_id, side = window.project, window.document_id, window.side_view
        if self.side_pair is None or project is None or not document_id:
            side.close_copy()
            self.side_header.hide()
            return
        analyst = self.side_pair[1]
        here = [name for name in project.authors()
                if name != analyst and self.layer_state.shows(name)]
        left, right = self.side_captions
        left.setText(translate("ArticleDisplay", "{name}'s annotations").format(name=here[0])
                     if len(here) == 1 else translate("ArticleDisplay", "Annotations by {names}")
                     .format(names=", ".join(here)) if here else translate(
                         "ArticleDisplay", "No layer shown"))
        shown = self.layer_state.shows(analyst)
        right.setText(translate("ArticleDisplay", "{name}'s annotations").format(name=analyst)
                      + ("" if shown else translate("ArticleDisplay", " (layer hidden)")))
        self.side_header.show()
        authors = project.annotation_authors(document_id)
        spans = [s for s in project.spans(document_id)
                 if shown and authors.get(s.id) == analyst]
        side.show_layer(analyst, document_id, window.view.text, spans,
                        {t.id: t.color for t in window.codebook.tags})

    def reload_document_spans(self) -> None:
        """Many annotations changed at once: rebuild the index and repaint everything."""
        window = self.window
        if window.project is None or not window.document_id:
            return
        spans = self.span_index(window.document_id)
        window.view.replace_spans(spans, self.colours())
        self.strip.set_content(spans, len(window.view.text), self.colours(), self.tone_tags())

    def patch_document(self, fetched: dict[str, Annotation | None]) -> None:
        """A few annotations changed: move, add or drop just their spans."""
        view = self.window.view
        spans = view.spans
        keys = view.highlighter.colour_keys
        layers = self.article_layers
        for annotation_id, a in fetched.items():
            if a is not None and layers.needs_authors:
                self._authors_of[a.id] = a.author
                if keys is not None:
                    keys[a.id] = analyst_key(a.author)
            if (a is not None and a.document_id == self.window.document_id
                    and layers.shows(a.author)):
                old = spans.put(a)
                view.refresh_range(a.start, a.end)
            else:
                old = spans.remove(annotation_id)
            if old is not None:
                view.refresh_range(old.start, old.end)
