"""Merging a colleague's project: documents, tags and annotations, undoably.

Rules (so that merging is idempotent and order-independent):
- documents match by content hash; failing that, a document with the same id,
  title, file name or URL whose text is nearly the same counts as a revised copy,
  and annotations are re-anchored onto our text (exact quote with context, else
  fuzzy through the edit script); what cannot be placed is reported, never dropped
  silently. Anything else is added as a new document.
- tags match by id, then by path (case-insensitive); missing tags are added.
- annotations match by UUID. The version modified last wins; on a tie the one
  whose content sorts last wins, so A-into-B and B-into-A agree. The losing
  version is kept in ``annotation_history``. Tombstones travel like edits.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from core.anchoring import Placement, TextRevision, place, selector_for
from core.codebook import Codebook, paths_by_id
from core.commands import Change
from core.errors import Ambiguous, NotFound
from core.model import Annotation, Document, DocumentInfo, Tag, new_id, utc_now
from core.review.merge_source import MergeSource, SourceDocument, read_source
from core.store import Store

if TYPE_CHECKING:
    from core.project import Project

SAME_DOCUMENT_SIMILARITY = 0.9


@dataclass(frozen=True, slots=True)
class Unplaced:
    """An annotation of the colleague's that could not be put on our text."""

    annotation_id: str
    document_title: str
    exact: str
    reason: str


@dataclass
class MergeReport:
    source: str
    documents_added: list[str] = field(default_factory=list)
    documents_matched: int = 0
    documents_revised: list[str] = field(default_factory=list)
    tags_added: list[str] = field(default_factory=list)
    annotations_added: int = 0
    annotations_updated: int = 0
    annotations_unchanged: int = 0
    annotations_kept_ours: int = 0
    reanchored: int = 0
    fuzzy: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.documents_added)} document(s) added",
            f"{self.documents_matched} matched",
            f"{len(self.tags_added)} tag(s) added",
            f"{self.annotations_added} annotation(s) added",
            f"{self.annotations_updated} updated",
            f"{self.annotations_kept_ours} kept ours",
            f"{self.annotations_unchanged} unchanged",
        ]
        if self.reanchored:
            parts.append(f"{self.reanchored} re-anchored ({self.fuzzy} fuzzily)")
        if self.unplaced:
            parts.append(f"{len(self.unplaced)} could not be placed")
        return f"Merged {self.source}: " + ", ".join(parts)


def _content_key(a: Annotation, tag_path: str) -> str:
    """What two versions of an annotation are compared on (ids of tags differ per project)."""
    return json.dumps(
        [a.start, a.end, tag_path, a.attributes, a.note, a.author, str(a.origin), str(a.status),
         a.deleted, a.created],
        ensure_ascii=False, sort_keys=True,
    )


@dataclass
class _DocumentMatch:
    our_id: str
    revision: TextRevision | None  # None: identical text


class MergeProject:
    """A command that brings a ``MergeSource`` into the project; revert restores it exactly."""

    def __init__(self, source: MergeSource) -> None:
        self.source = source
        self.text = f"Merge {source.name}"
        self._reset()

    def _reset(self) -> None:
        self.report = MergeReport(self.source.name)
        self._added_docs: list[str] = []
        self._added_tags: list[str] = []
        self._added_annotations: list[str] = []
        self._replaced: list[Annotation] = []
        self._history: list[int] = []
        self._change = Change()

    # --- command protocol ------------------------------------------------------

    def apply(self, store: Store) -> Change:
        self._reset()  # a redo runs the merge afresh, so the report is true again
        tag_map = self._merge_tags(store)
        doc_map = self._merge_documents(store)
        self._merge_annotations(store, tag_map, doc_map)
        return self._change

    def revert(self, store: Store) -> Change:
        store.annotations.purge(self._added_annotations)
        store.annotations.overwrite(self._replaced)
        store.annotations.forget_history(self._history)
        for doc_id in reversed(self._added_docs):
            store.documents.purge(doc_id)
        store.tags.purge(list(reversed(self._added_tags)))
        return self._change

    # --- tags --------------------------------------------------------------------

    def _merge_tags(self, store: Store) -> dict[str, str]:
        """Map each of their tag ids to ours, adding the tags we lack (parents first)."""
        ours = store.tags.all(include_deleted=True)
        ours_by_id = {t.id: t for t in ours}
        live = Codebook(ours)
        theirs_all = {t.id: t for t in self.source.tags}
        their_paths = paths_by_id(self.source.tags)
        used_keys = {t.key.casefold() for t in ours if t.key and not t.deleted}
        mapping: dict[str, str] = {}

        def resolve(tag: Tag) -> str:
            if tag.id in mapping:
                return mapping[tag.id]
            if tag.id in ours_by_id:
                mapping[tag.id] = tag.id
                return tag.id
            path = their_paths[tag.id]
            with contextlib.suppress(NotFound, Ambiguous):
                found = live.find(path)
                if live.path(found.id).casefold() == path.casefold():
                    mapping[tag.id] = found.id
                    return found.id
            parent_id = resolve(theirs_all[tag.parent_id]) if tag.parent_id else None
            key = tag.key if tag.key and tag.key.casefold() not in used_keys else ""
            if key:
                used_keys.add(key.casefold())
            added = replace(tag, parent_id=parent_id, key=key, modified=utc_now())
            store.tags.insert(added)
            ours_by_id[added.id] = added
            self._added_tags.append(added.id)
            if not tag.deleted:
                self.report.tags_added.append(path)
            self._change.codebook = True
            mapping[tag.id] = added.id
            return added.id

        for tag in self.source.tags:
            resolve(tag)
        return mapping

    # --- documents -----------------------------------------------------------------

    def _merge_documents(self, store: Store) -> dict[str, _DocumentMatch]:
        ours = store.documents.infos()
        mapping: dict[str, _DocumentMatch] = {}
        for item in self.source.documents:
            doc = item.document
            same = store.documents.ids_with_hash(doc.content_hash)
            if same:
                mapping[doc.id] = _DocumentMatch(same[0], None)
                self.report.documents_matched += 1
                continue
            revised = self._find_revised_copy(store, doc, ours)
            if revised is not None:
                our_text = store.documents.text(revised)
                mapping[doc.id] = _DocumentMatch(revised, TextRevision(doc.text, our_text))
                self.report.documents_matched += 1
                self.report.documents_revised.append(doc.title)
                continue
            if item.deleted:
                continue
            mapping[doc.id] = _DocumentMatch(self._add_document(store, item), None)
        return mapping

    @staticmethod
    def _find_revised_copy(store: Store, doc: Document, ours: list[DocumentInfo]) -> str | None:
        candidates = [
            d for d in ours
            if d.id == doc.id
            or (doc.title and d.title.casefold() == doc.title.casefold())
            or (doc.source_name and d.source_name == doc.source_name)
            or (doc.url and d.url == doc.url)
        ]
        best: tuple[float, str] | None = None
        for candidate in candidates:
            similarity = Indel.normalized_similarity(store.documents.text(candidate.id), doc.text)
            if similarity >= SAME_DOCUMENT_SIMILARITY and (best is None or similarity > best[0]):
                best = (similarity, candidate.id)
        return None if best is None else best[1]

    def _add_document(self, store: Store, item: SourceDocument) -> str:
        doc = item.document
        if store.documents.exists(doc.id):
            doc = replace(doc, id=new_id())
        store.documents.insert(doc, item.original, item.pages, utc_now())
        self._added_docs.append(doc.id)
        self.report.documents_added.append(doc.title)
        self._change.document_list = True
        return doc.id

    # --- annotations -----------------------------------------------------------------

    def _merge_annotations(self, store: Store, tag_map: dict[str, str],
                           doc_map: dict[str, _DocumentMatch]) -> None:
        our_paths = paths_by_id(store.tags.all(include_deleted=True))
        their_paths = paths_by_id(self.source.tags)
        titles = {d.document.id: d.document.title for d in self.source.documents}
        existing = store.annotations.by_ids([a.id for a in self.source.annotations])
        texts: dict[str, str] = {}
        to_insert: list[Annotation] = []
        to_overwrite: list[Annotation] = []
        now = utc_now()
        for theirs in self.source.annotations:
            match = doc_map.get(theirs.document_id)
            if match is None:
                if not theirs.deleted:
                    self.report.unplaced.append(Unplaced(
                        theirs.id, titles.get(theirs.document_id, ""), theirs.exact,
                        "its document was removed in the colleague's project"))
                continue
            if match.our_id not in texts:
                texts[match.our_id] = store.documents.text(match.our_id)
            text = texts[match.our_id]
            placement = place(theirs.selector, theirs.start, match.revision, text)
            if placement is None:
                if not theirs.deleted:
                    self.report.unplaced.append(Unplaced(
                        theirs.id, titles.get(theirs.document_id, ""), theirs.exact,
                        "its passage is no longer in our copy of the text"))
                continue
            incoming = self._placed(theirs, placement, text, match.our_id, tag_map[theirs.tag_id])
            ours = existing.get(theirs.id)
            if ours is None:
                to_insert.append(incoming)
                self.report.annotations_added += 1
            else:
                self._resolve(store, ours, our_paths[ours.tag_id], incoming,
                              their_paths[theirs.tag_id], to_overwrite, now)
            self._change.annotations.add(theirs.id)
            self._change.documents.add(match.our_id)
        store.annotations.insert_many(to_insert)
        store.annotations.overwrite(to_overwrite)
        self._added_annotations = [a.id for a in to_insert]

    def _placed(self, theirs: Annotation, placement: Placement, text: str, doc_id: str,
                tag_id: str) -> Annotation:
        if placement.how != "same":
            self.report.reanchored += 1
            if placement.how == "fuzzy":
                self.report.fuzzy += 1
        selector = selector_for(text, placement.start, placement.end)
        return replace(theirs, document_id=doc_id, tag_id=tag_id, start=placement.start,
                       end=placement.end, exact=selector.exact, prefix=selector.prefix,
                       suffix=selector.suffix)

    def _resolve(self, store: Store, ours: Annotation, our_path: str, incoming: Annotation,
                 their_path: str, to_overwrite: list[Annotation], now: str) -> None:
        """Keep whichever version was modified last; the loser goes to the history."""
        our_key = _content_key(ours, our_path)
        their_key = _content_key(incoming, their_path)
        if our_key == their_key and ours.modified == incoming.modified:
            self.report.annotations_unchanged += 1
            return
        if (incoming.modified, their_key) > (ours.modified, our_key):
            reason = f"merge: replaced by the version from {self.source.name}"
            self._history.append(store.annotations.record_history(ours, now, reason))
            self._replaced.append(ours)
            to_overwrite.append(incoming)
            self.report.annotations_updated += 1
        else:
            reason = f"merge: older version from {self.source.name}"
            self._history.append(store.annotations.record_history(incoming, now, reason))
            self.report.annotations_kept_ours += 1


def merge_file(project: Project, path: str | Path) -> MergeReport:
    """Merge a colleague's project file (or JSON export) into ``project``, undoably.

    The file is opened read-only and checked before anything changes.
    """
    command = MergeProject(read_source(path))
    project.execute(command)
    return command.report
