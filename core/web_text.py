"""A web page's two texts: switching an imported page between its article and its full
readable text, with its annotations re-anchored exactly.

The article extractor sometimes takes the wrong part of a page. The page's original bytes
stay in the project (``document_files``), so both texts can be read again at any time.
Every live annotation must land on its own quote in the other text (its context decides
between repeats; only if that ties, its old offset mapped through the edit script does,
which costs time quadratic in the text's length); if one cannot,
nothing changes and the refusal lists each one. A deleted annotation moves when its quote
is found and otherwise keeps its old place, as a merge skips a tombstone it cannot place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from core.anchoring import CONTEXT, TextRevision, best_fits
from core.codebook import Codebook
from core.commands import Change
from core.errors import CannotPlace, ImportFailed, InvalidValue, NotFound
from core.i18n import _
from core.model import Annotation, Document, TextQuoteSelector, utc_now
from core.store import Store
from core.text import content_hash
from core.wording import count

if TYPE_CHECKING:
    from core.importers.html import PageTexts
    from core.project import Project

#: Unplaceable annotations named in a refusal before "and N more".
LISTED = 10
_QUOTE_CHARS = 60

#: (id, start, end, exact, prefix, suffix): an annotation's place on one of the texts.
Span = tuple[str, int, int, str, str, str]


@dataclass(frozen=True, slots=True)
class WebTextState:
    """Which of its page's texts a web document shows, and which it can switch to."""

    shows_article: bool
    shows_full_page: bool
    article_found: bool

    @property
    def can_use_full_page(self) -> bool:
        return not self.shows_full_page

    @property
    def can_use_article(self) -> bool:
        return self.article_found and not self.shows_article


def _web_page(store: Store, document_id: str) -> tuple[Document, PageTexts]:
    """The document and both texts of its original page; refused for anything else."""
    from core.importers.html import page_texts  # loads trafilatura: only when asked

    doc = store.documents.get(document_id)
    if doc.format != "html":
        raise InvalidValue(_("%(title)s: is not a web page; only a web page has an article "
                             "and a full page text to choose from")
                           % {"title": doc.title})
    try:
        file_name, data = store.documents.original(document_id)
    except NotFound:
        file_name, data = doc.source_name, b""
    if not data:
        raise NotFound(_("%(title)s: its original page is not in the project (it came from "
                         "an export without originals), so its text cannot be read again")
                       % {"title": doc.title})
    try:
        return doc, page_texts(Path(file_name), data)
    except ImportFailed:
        raise
    except Exception as exc:  # as for any import: callers only ever see ImportFailed
        raise ImportFailed(file_name, _("could not be read (%(name)s: %(exc)s)")
                                      % {"name": type(exc).__name__, "exc": exc}) from exc


def web_text_state(project: Project, document_id: str) -> WebTextState | None:
    """None unless ``document_id`` is a web page whose original is kept and readable."""
    try:
        doc, texts = _web_page(project.store, document_id)
    except (InvalidValue, NotFound, ImportFailed):
        return None
    return WebTextState(shows_article=doc.text == texts.article,
                        shows_full_page=doc.text == texts.full_page,
                        article_found=texts.article is not None)


def _describe(annotation: Annotation, codebook: Codebook) -> str:
    quote = annotation.exact.replace("\n", " ")
    if len(quote) > _QUOTE_CHARS:
        quote = quote[:_QUOTE_CHARS - 1] + "…"
    tag = codebook.path(annotation.tag_id) if annotation.tag_id in codebook else "?"
    return f"“{quote}” ({tag}, {annotation.start}-{annotation.end})"


def _refusal(doc: Document, target: str, unplaced: list[Annotation], store: Store) -> str:
    codebook = Codebook(store.tags.all(include_deleted=True))
    listed = [_describe(a, codebook) for a in unplaced[:LISTED]]
    more = ("; " + _("and %(n)s more") % {"n": len(unplaced) - LISTED}
            if len(unplaced) > LISTED else "")
    return _("%(title)s: the %(target)s does not hold the passage of %(annotations)s, so "
             "nothing was changed: %(listed)s") % {
        "title": doc.title, "target": target, "listed": "; ".join(listed) + more,
        "annotations": count(len(unplaced), "annotation")}


@dataclass
class _Plan:
    old_text: str
    new_text: str
    old_hash: str
    new_hash: str
    before: list[Span] = field(default_factory=list)
    after: list[Span] = field(default_factory=list)
    carried: int = 0  # live annotations put on the new text
    moved: int = 0  # of them, those whose offsets changed


def _span(annotation_id: str, text: str, start: int, end: int) -> Span:
    return (annotation_id, start, end, text[start:end],
            text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def _plan(store: Store, document_id: str, full_page: bool) -> _Plan:
    doc, texts = _web_page(store, document_id)
    target = _("full page text") if full_page else _("article text")
    new_text = texts.full_page if full_page else texts.article
    if new_text is None:
        raise InvalidValue(_("%(title)s: the extractor finds no article on the page, so it "
                             "shows the page's full text")
                           % {"title": doc.title})
    if new_text == doc.text:
        raise InvalidValue(_("%(title)s: already shows the %(target)s")
                           % {"title": doc.title, "target": target})
    new_hash = content_hash(new_text)
    twins = [i for i in store.documents.ids_with_hash(new_hash) if i != document_id]
    if twins:
        other = store.documents.get(twins[0]).title
        raise InvalidValue(_("%(title)s: the %(target)s is already in the project as "
                             "“%(other)s”")
                           % {"title": doc.title, "target": target, "other": other})
    plan = _Plan(doc.text, new_text, doc.content_hash, new_hash)
    revision: TextRevision | None = None  # built only when context cannot decide
    unplaced: list[Annotation] = []
    for a in store.annotations.query(document_id=document_id, include_deleted=True):
        fits = best_fits(new_text, TextQuoteSelector(a.exact, a.prefix, a.suffix))
        if not fits:
            if not a.deleted:
                unplaced.append(a)
            continue
        if len(fits) > 1:  # repeats with equal context: the nearest to the old place
            revision = revision or TextRevision(doc.text, new_text)
            hint = revision.map(a.start)
            fits.sort(key=lambda start: abs(start - hint))
        found = (fits[0], fits[0] + len(a.exact))
        plan.before.append((a.id, a.start, a.end, a.exact, a.prefix, a.suffix))
        plan.after.append(_span(a.id, new_text, *found))
        plan.carried += not a.deleted
        plan.moved += not a.deleted and found != (a.start, a.end)
    if unplaced:
        raise CannotPlace(_refusal(doc, target, unplaced, store))
    return plan


@dataclass
class SwitchWebText:
    """Show a web page's full readable text (``full_page``) or its article instead of the
    text it shows now, moving its annotations onto the same words; undoable."""

    document_id: str
    full_page: bool
    text: str = ""
    _plan: _Plan | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = _("Use full page text") if self.full_page else _("Use article text")

    @property
    def moved(self) -> int:
        """Live annotations that now sit at other offsets (0 before ``apply``)."""
        return self._plan.moved if self._plan is not None else 0

    @property
    def carried(self) -> int:
        """Live annotations carried onto the new text (0 before ``apply``)."""
        return self._plan.carried if self._plan is not None else 0

    def apply(self, store: Store) -> Change:
        if self._plan is None:
            self._plan = _plan(store, self.document_id, self.full_page)
        plan = self._plan
        return self._put(store, plan.old_hash, plan.new_text, plan.new_hash, plan.after)

    def revert(self, store: Store) -> Change:
        assert self._plan is not None, "revert before apply"
        plan = self._plan
        return self._put(store, plan.new_hash, plan.old_text, plan.old_hash, plan.before)

    def _put(self, store: Store, expected: str, text: str, digest: str,
             spans: list[Span]) -> Change:
        if store.documents.get(self.document_id).content_hash != expected:
            raise InvalidValue(_("the document's text changed meanwhile; nothing was "
                                 "changed"))
        now = utc_now()
        store.documents.replace_text(self.document_id, text, digest, now)
        store.annotations.move_spans(spans, now)
        return Change(annotations={s[0] for s in spans}, documents={self.document_id},
                      document_list=True, texts={self.document_id})
