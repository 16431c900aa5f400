"""User actions as objects: each applies in one transaction and knows its inverse.

The GUI wraps them in ``QUndoCommand``s (gui/undo.py); the CLI runs them once.
``apply`` may be called again after ``revert`` (redo) and must give the same
result: rows are never hard-deleted, so redo revives tombstones instead of
inserting anew and ids stay stable for merges.

Commands validate in ``apply``; an exception there rolls the transaction back
and leaves the project unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from core.anchoring import CONTEXT, check_span_length, selector_for
from core.codebook import Codebook
from core.dates import iso_date
from core.errors import InvalidValue, NotFound
from core.i18n import N_, _
from core.labels import attribute_label
from core.model import (
    Annotation,
    Document,
    PageMap,
    Status,
    Tag,
    TagKind,
    TextQuoteSelector,
    utc_now,
)
from core.store import Store
from core.validation import check_choice, check_note_and_author, validate_attributes


@dataclass
class Change:
    """What a command changed, so each view refreshes only that."""

    annotations: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)  # documents whose annotations changed
    document_list: bool = False  # documents added, removed or renamed
    codebook: bool = False
    decisions: set[str] = field(default_factory=set)  # adjudication decisions made or undone
    texts: set[str] = field(default_factory=set)  # documents whose text itself was replaced

    def __or__(self, other: Change) -> Change:
        return Change(
            self.annotations | other.annotations,
            self.documents | other.documents,
            self.document_list or other.document_list,
            self.codebook or other.codebook,
            self.decisions | other.decisions,
            self.texts | other.texts,
        )

    def __bool__(self) -> bool:
        return bool(self.annotations or self.documents or self.document_list or self.codebook
                    or self.decisions or self.texts)


class Command(Protocol):
    """A reversible user action. ``text`` names it in the Edit menu ("Tag as Quote")."""

    text: str

    def apply(self, store: Store) -> Change: ...

    def revert(self, store: Store) -> Change: ...


def _codebook(store: Store) -> Codebook:
    return Codebook(store.tags.all())


def _selector(store: Store, doc_id: str, start: int, end: int) -> TextQuoteSelector:
    """Check the span and read its selector from the database, not the whole text.

    A key press on a 2 MB article must not copy 2 MB out of SQLite.
    """
    length, prefix, exact, suffix = store.documents.passage(doc_id, start, end, CONTEXT)
    check_span_length(length, start, end)
    return TextQuoteSelector(exact, prefix, suffix)


def _checked(codebook: Codebook, tag_id: str, attributes: dict[str, str]) -> dict[str, str]:
    """``attributes`` with choices checked and dates as YYYY-MM-DD however they were
    typed ("22.09.2021"), so reports, exports and sorting read one form."""
    checked = dict(attributes)
    for spec in codebook.attribute_specs(tag_id):
        value = checked.get(spec.name, "")
        if spec.choices and value:
            check_choice(attribute_label(spec.name), value, spec.choices)
        if spec.kind == "date" and value and (day := iso_date(value)):
            checked[spec.name] = day
    return checked


# --- annotations ---------------------------------------------------------------


@dataclass
class AddAnnotations:
    """Create annotations (one, or every hit of "Tag all matches") in one step.

    Offsets, tag and author are given; selector, timestamps and status are filled in.
    """

    annotations: list[Annotation]
    text: str = N_("Add annotation")
    _prepared: bool = field(default=False, repr=False)

    def apply(self, store: Store) -> Change:
        if self._prepared:
            store.annotations.set_deleted([a.id for a in self.annotations], False, utc_now())
        else:
            self._prepare_and_insert(store)
        return Change(
            annotations={a.id for a in self.annotations},
            documents={a.document_id for a in self.annotations},
        )

    def _prepare_and_insert(self, store: Store) -> None:
        for document_id in {a.document_id for a in self.annotations}:
            if not store.documents.is_live(document_id):
                raise NotFound(_("document %(document_id)s was removed; restore it to "
                                 "annotate it")
                               % {"document_id": document_id})
        codebook = _codebook(store)
        texts: dict[str, str] = {}
        now = utc_now()
        prepared = []
        for a in self.annotations:
            codebook.get(a.tag_id)
            attributes = _checked(codebook, a.tag_id, validate_attributes(a.attributes))
            check_note_and_author(a.note, a.author)
            if len(self.annotations) == 1:
                selector = _selector(store, a.document_id, a.start, a.end)
            else:
                if a.document_id not in texts:
                    texts[a.document_id] = store.documents.text(a.document_id)
                selector = selector_for(texts[a.document_id], a.start, a.end)
            prepared.append(
                replace(a, exact=selector.exact, prefix=selector.prefix, suffix=selector.suffix,
                        attributes=attributes, created=a.created or now, modified=now,
                        deleted=False)
            )
        store.annotations.insert_many(prepared)
        self.annotations = prepared
        self._prepared = True

    def revert(self, store: Store) -> Change:
        store.annotations.set_deleted([a.id for a in self.annotations], True, utc_now())
        return Change(
            annotations={a.id for a in self.annotations},
            documents={a.document_id for a in self.annotations},
        )


@dataclass
class UpdateAnnotation:
    """Change some fields of one annotation (tag, span, attributes, note, status...)."""

    annotation_id: str
    changes: dict[str, Any]
    text: str = N_("Edit annotation")
    _before: dict[str, Any] = field(default_factory=dict, repr=False)
    _after: dict[str, Any] = field(default_factory=dict, repr=False)

    def apply(self, store: Store) -> Change:
        current = store.annotations.get(self.annotation_id)
        if current.deleted:
            raise NotFound(_("the annotation was deleted"))
        if not self._after:
            self._after = self._resolve(store, current)
            self._before = {name: getattr(current, name) for name in self._after}
        if not self._after:
            return Change()
        store.annotations.record_history(current, utc_now(), "edit")
        store.annotations.update(self.annotation_id, self._after, utc_now())
        return Change(annotations={current.id}, documents={current.document_id})

    def _resolve(self, store: Store, current: Annotation) -> dict[str, Any]:
        allowed = {"start", "end", "tag_id", "attributes", "note", "status", "author"}
        unknown = set(self.changes) - allowed
        if unknown:
            raise InvalidValue(_("cannot change %(value)s")
                               % {"value": ', '.join(sorted(unknown))})
        after = dict(self.changes)
        if "status" in after:
            after["status"] = Status(after["status"])
        codebook = _codebook(store)
        tag_id = after.get("tag_id", current.tag_id)
        codebook.get(tag_id)
        if "attributes" in after:
            after["attributes"] = _checked(codebook, tag_id,
                                           validate_attributes(after["attributes"]))
        else:
            _checked(codebook, tag_id, current.attributes)  # a new tag's choices
        check_note_and_author(after.get("note", current.note), after.get("author", current.author))
        if "start" in after or "end" in after:
            start = after.get("start", current.start)
            end = after.get("end", current.end)
            selector = _selector(store, current.document_id, start, end)
            after.update(start=start, end=end, exact=selector.exact, prefix=selector.prefix,
                         suffix=selector.suffix)
        return {k: v for k, v in after.items() if getattr(current, k) != v}

    def revert(self, store: Store) -> Change:
        current = store.annotations.get(self.annotation_id)
        store.annotations.update(self.annotation_id, self._before, utc_now())
        return Change(annotations={current.id}, documents={current.document_id})


@dataclass
class DeleteAnnotations:
    """Remove annotations (tombstones, so merges learn of the deletion)."""

    annotation_ids: list[str]
    text: str = N_("Delete annotation")
    _documents: set[str] = field(default_factory=set, repr=False)

    def apply(self, store: Store) -> Change:
        if not self._documents:
            live = [store.annotations.get(i) for i in self.annotation_ids]
            gone = [a.id for a in live if a.deleted]
            if gone:
                raise NotFound(_("annotation %(gone)s is already deleted") % {"gone": gone[0]})
            self._documents = {a.document_id for a in live}
        store.annotations.set_deleted(self.annotation_ids, True, utc_now())
        return Change(annotations=set(self.annotation_ids), documents=set(self._documents))

    def revert(self, store: Store) -> Change:
        store.annotations.set_deleted(self.annotation_ids, False, utc_now())
        return Change(annotations=set(self.annotation_ids), documents=set(self._documents))


# --- codebook ------------------------------------------------------------------


@dataclass
class AddTag:
    tag: Tag
    text: str = N_("Add tag")
    _inserted: bool = field(default=False, repr=False)

    def apply(self, store: Store) -> Change:
        if self._inserted:
            store.tags.set_deleted([self.tag.id], False, utc_now())
        else:
            tag = replace(self.tag, name=self.tag.name.strip(), modified=utc_now(), deleted=False)
            _codebook(store).validate(tag)
            store.tags.insert(tag)
            self.tag = tag
            self._inserted = True
        return Change(codebook=True)

    def revert(self, store: Store) -> Change:
        store.tags.set_deleted([self.tag.id], True, utc_now())
        return Change(codebook=True)


@dataclass
class UpdateTag:
    """Rename, recolour, re-key, nest or change the attributes of a tag."""

    tag_id: str
    changes: dict[str, Any]
    text: str = N_("Edit tag")
    _before: dict[str, Any] = field(default_factory=dict, repr=False)
    _after: dict[str, Any] = field(default_factory=dict, repr=False)

    def apply(self, store: Store) -> Change:
        if not self._after:
            codebook = _codebook(store)
            current = codebook.get(self.tag_id)
            after = dict(self.changes)
            if "name" in after:
                after["name"] = str(after["name"]).strip()
            if "kind" in after:
                after["kind"] = TagKind(after["kind"])
            codebook.validate(replace(current, **after))
            self._after = {k: v for k, v in after.items() if getattr(current, k) != v}
            self._before = {k: getattr(current, k) for k in self._after}
        store.tags.update(self.tag_id, self._after, utc_now())
        return Change(codebook=True)

    def revert(self, store: Store) -> Change:
        store.tags.update(self.tag_id, self._before, utc_now())
        return Change(codebook=True)


@dataclass
class DeleteTag:
    """Delete a tag, the tags nested in it and all their annotations."""

    tag_id: str
    text: str = N_("Delete tag")
    _tag_ids: list[str] = field(default_factory=list, repr=False)
    _annotation_ids: list[str] = field(default_factory=list, repr=False)
    _documents: set[str] = field(default_factory=set, repr=False)

    def apply(self, store: Store) -> Change:
        if not self._tag_ids:
            codebook = _codebook(store)
            codebook.get(self.tag_id)
            self._tag_ids = [self.tag_id, *(t.id for t in codebook.descendants(self.tag_id))]
            annotations = store.annotations.query(tag_ids=self._tag_ids)
            self._annotation_ids = [a.id for a in annotations]
            self._documents = {a.document_id for a in annotations}
        now = utc_now()
        store.tags.set_deleted(self._tag_ids, True, now)
        store.annotations.set_deleted(self._annotation_ids, True, now)
        return Change(set(self._annotation_ids), set(self._documents), codebook=True)

    def revert(self, store: Store) -> Change:
        now = utc_now()
        store.tags.set_deleted(self._tag_ids, False, now)
        store.annotations.set_deleted(self._annotation_ids, False, now)
        return Change(set(self._annotation_ids), set(self._documents), codebook=True)

    @property
    def affected_annotations(self) -> int:
        return len(self._annotation_ids)


# --- documents -----------------------------------------------------------------


@dataclass
class AddDocument:
    """Put an imported document (text, original bytes, PDF page map) into the project."""

    document: Document
    original: bytes
    pages: list[PageMap] = field(default_factory=list)
    text: str = N_("Import document")
    _inserted: bool = field(default=False, repr=False)

    def apply(self, store: Store) -> Change:
        if self._inserted:
            store.documents.set_deleted(self.document.id, False, utc_now())
        else:
            store.documents.insert(self.document, self.original, self.pages, utc_now())
            self._inserted = True
        return Change(document_list=True)

    def revert(self, store: Store) -> Change:
        store.documents.set_deleted(self.document.id, True, utc_now())
        return Change(document_list=True)


@dataclass
class UpdateDocument:
    """Edit a document's title or source metadata (outlet, author, url, published, language)."""

    document_id: str
    changes: dict[str, str]
    text: str = N_("Edit document details")
    _before: dict[str, str] = field(default_factory=dict, repr=False)

    def apply(self, store: Store) -> Change:
        current = store.documents.get(self.document_id)
        if not self._before:
            if "title" in self.changes and not self.changes["title"].strip():
                raise InvalidValue(_("a document needs a title"))
            self._before = {k: getattr(current, k) for k in self.changes}
        store.documents.update(self.document_id, self.changes, utc_now())
        return Change(document_list=True)

    def revert(self, store: Store) -> Change:
        store.documents.update(self.document_id, self._before, utc_now())
        return Change(document_list=True)


@dataclass
class DeleteDocument:
    """Remove a document from the project (a tombstone; its annotations go with it)."""

    document_id: str
    text: str = N_("Remove document")

    def apply(self, store: Store) -> Change:
        store.documents.get(self.document_id)
        store.documents.set_deleted(self.document_id, True, utc_now())
        return Change(documents={self.document_id}, document_list=True)

    def revert(self, store: Store) -> Change:
        store.documents.set_deleted(self.document_id, False, utc_now())
        return Change(documents={self.document_id}, document_list=True)


@dataclass
class Batch:
    """Several commands as one undo step, applied in order and reverted in reverse."""

    commands: list[Command]
    text: str = N_("Batch")

    def apply(self, store: Store) -> Change:
        change = Change()
        for command in self.commands:
            change = change | command.apply(store)
        return change

    def revert(self, store: Store) -> Change:
        change = Change()
        for command in reversed(self.commands):
            change = change | command.revert(store)
        return change
