"""Merging a colleague's project: documents, tags and annotations, undoably.

Rules (so that merging is idempotent and order-independent):
- documents match by content hash; failing that, a document with the same id, title,
  file name or URL whose text is nearly the same counts as a revised copy, and
  annotations are re-anchored onto our text (exact quote with context, else fuzzy through
  the edit script); what cannot be placed is reported, never dropped. Others are added.
- tags match by id, then by path (case-insensitive); missing tags are added, and a tag
  they use that we hold only as a tombstone comes back.
- annotations match by UUID. The version modified last wins; on a tie the one whose
  content sorts last wins, so A-into-B and B-into-A agree. The losing version is kept in
  ``annotation_history``, as are their earlier versions (``merge_history``). Tombstones
  travel like edits.
- review decisions match by id; the ones we lack are added, and of one both hold the
  later state (live or undone) wins, a tie going to the tombstone. Of two live decisions
  on one disagreement (made apart) the one changed last stands.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from core.anchoring import CONTEXT, TextRevision, place
from core.codebook import Codebook, paths_by_id
from core.commands import Change
from core.errors import Ambiguous, NotFound
from core.i18n import _
from core.model import (
    Annotation,
    Decision,
    Document,
    DocumentInfo,
    Tag,
    TextQuoteSelector,
    new_id,
    utc_now,
)
from core.review.adjudication import ADJUDICATED, decided_statuses
from core.review.merge_history import carry_history
from core.review.merge_source import AnnotationRow, MergeSource, SourceDocument, read_source
from core.store import Store
from core.store.annotations import annotation_from_row, attributes_json
from core.wording import count

if TYPE_CHECKING:
    from core.project import Project

SAME_DOCUMENT_SIMILARITY = 0.9

#: What deciding between two versions of an annotation reads of ours: the id, then the
#: ``_content_key`` fields (the tag as ``tag_id``) and ``modified``, in ``COLUMNS`` order.
_VERSION_COLUMNS = ("id", "start", "end", "tag_id", "attributes", "note", "author", "origin",
                    "status", "created", "modified", "deleted")


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
    decisions_added: int = 0
    decisions_withdrawn: int = 0
    annotations_added: int = 0
    annotations_updated: int = 0
    annotations_unchanged: int = 0
    annotations_kept_ours: int = 0
    reanchored: int = 0
    fuzzy: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)

    def summary(self) -> str:
        added = _("%(what)s added")
        parts = [added % {"what": count(len(self.documents_added), "document")},
                 _("%(n)s matched") % {"n": self.documents_matched},
                 added % {"what": count(len(self.tags_added), "tag")},
                 added % {"what": count(self.annotations_added, "annotation")},
                 _("%(n)s updated") % {"n": self.annotations_updated},
                 _("%(n)s kept ours") % {"n": self.annotations_kept_ours},
                 _("%(n)s unchanged") % {"n": self.annotations_unchanged}]
        if self.decisions_added:
            parts.append(added % {"what": count(self.decisions_added, "review decision")})
        if self.decisions_withdrawn:
            parts.append(_("%(n)s withdrawn") % {"n": self.decisions_withdrawn})
        if self.reanchored:
            parts.append(_("%(n)s re-anchored (%(fuzzy)s fuzzily)")
                         % {"n": self.reanchored, "fuzzy": self.fuzzy})
        if self.unplaced:
            parts.append(_("%(n)s could not be placed") % {"n": len(self.unplaced)})
        return _("Merged %(source)s: %(parts)s") % {"source": self.source,
                                                    "parts": ", ".join(parts)}


def _content_key(a: Annotation, tag_path: str) -> str:
    """What two versions of an annotation are compared on (ids of tags differ per project)."""
    return json.dumps([a.start, a.end, tag_path, a.attributes, a.note, a.author, str(a.origin),
                       str(a.status), a.deleted, a.created], ensure_ascii=False, sort_keys=True)


@dataclass
class _DocumentMatch:
    our_id: str
    revision: TextRevision | None  # None: identical text


class MergeProject:
    """A command that brings a ``MergeSource`` into the project; revert restores it exactly."""

    def __init__(self, source: MergeSource) -> None:
        self.source = source
        self.text = _("Merge %(name)s") % {"name": source.name}
        # Added documents and tags that an undo could only retire (later, now undone
        # actions left rows pointing at them); a redo brings these same rows back, so
        # the redone actions find what they refer to. Tags: (id, deleted as added).
        self._retired_docs: list[str] = []
        self._retired_tags: list[tuple[str, bool]] = []
        self._reset()

    def _reset(self) -> None:
        self.report = MergeReport(self.source.name)
        self._added_docs: list[str] = []
        self._added_tags: list[str] = []
        self._tag_stamps: list[tuple[str, str]] = []  # (id, our modified) we moved back
        self._revived_tombstones: list[Tag] = []  # as they were before we revived them
        self._added_annotations: list[str] = []
        self._replaced: list[AnnotationRow] = []  # our rows that lost, as they were
        self._history: list[int] = []
        self._added_decisions: list[str] = []
        # (id, deleted, modified) of decisions this merge switched on or off, as they were
        self._switched_decisions: list[tuple[str, bool, str]] = []
        self._settled_rows: list[AnnotationRow] = []  # annotations settling changed, as they were
        self._revived_docs: set[str] = set()
        self._revived_tags: set[str] = set()
        self._change = Change()

    # --- command protocol ------------------------------------------------------

    def apply(self, store: Store) -> Change:
        self._reset()  # a redo runs the merge afresh, so the report is true again
        self._revive(store)
        tag_map, doc_map = self._merge_tags(store), self._merge_documents(store)
        self._merge_annotations(store, tag_map, doc_map)
        self._history += carry_history(store, self.source, doc_map, tag_map)
        self._merge_decisions(store, doc_map)
        return self._change

    def revert(self, store: Store) -> Change:
        for decision_id, deleted, modified in reversed(self._switched_decisions):
            store.decisions.set_deleted([decision_id], deleted, modified)
        store.decisions.purge(self._added_decisions)
        store.annotations.overwrite_rows(self._settled_rows[::-1])  # before older states below
        store.annotations.purge(self._added_annotations)
        store.annotations.overwrite_rows(self._replaced)
        store.annotations.forget_history(self._history)
        now = utc_now()
        for doc_id in reversed(self._added_docs):
            if store.documents.is_referenced(doc_id):
                store.documents.set_deleted(doc_id, True, now)
                self._retired_docs.append(doc_id)
            else:
                store.documents.purge(doc_id)
        ours = set(self._added_tags)
        added_tags = {t.id: t for t in store.tags.all(include_deleted=True) if t.id in ours}
        for tag_id in reversed(self._added_tags):  # children first
            if store.tags.is_referenced(tag_id):
                store.tags.set_deleted([tag_id], True, now)
                self._retired_tags.append((tag_id, added_tags[tag_id].deleted))
            else:
                store.tags.purge([tag_id])
        store.tags.set_modified(self._tag_stamps)
        for tombstone in reversed(self._revived_tombstones):  # children first
            store.tags.update(tombstone.id, {"key": tombstone.key,
                                             "parent_id": tombstone.parent_id},
                              tombstone.modified)
            store.tags.set_deleted([tombstone.id], True, tombstone.modified)
        return self._change

    def _revive(self, store: Store) -> None:
        """Bring back what the last undo retired, as this merge's own additions."""
        now = utc_now()
        for doc_id in self._retired_docs:
            store.documents.set_deleted(doc_id, False, now)
        for tag_id, deleted in self._retired_tags:
            store.tags.set_deleted([tag_id], deleted, now)
        self._revived_docs = set(self._retired_docs)
        self._revived_tags = {tag_id for tag_id, _ in self._retired_tags}
        self._retired_docs, self._retired_tags = [], []

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
            if tag.id in self._revived_tags:  # added by this merge before its undo
                if tag.parent_id:
                    resolve(theirs_all[tag.parent_id])  # parents first, as when added
                mapping[tag.id] = tag.id
                self._added_tags.append(tag.id)
                if not tag.deleted:
                    self.report.tags_added.append(their_paths[tag.id])
                self._change.codebook = True
                return tag.id
            ours_now = ours_by_id.get(tag.id)
            if ours_now is not None and ours_now.deleted and tag.id in their_used():
                return revive(tag, ours_now)
            if ours_now is not None:
                mapping[tag.id] = tag.id
                if (tag.modified and tag.modified < ours_now.modified
                        and replace(tag, modified="") == replace(ours_now, modified="")):
                    # The same tag on both sides: it has read so since the earlier time.
                    # Keeping the minimum makes merges symmetric, and a JSON export read
                    # into a fresh project gives back the same codebook.
                    self._tag_stamps.append((tag.id, ours_now.modified))
                    store.tags.set_modified([(tag.id, tag.modified)])
                return tag.id
            path = their_paths[tag.id]
            same_path = live_on_path(tag)
            if same_path is not None:
                return same_path
            parent_id = resolve(theirs_all[tag.parent_id]) if tag.parent_id else None
            key = tag.key if tag.key and tag.key.casefold() not in used_keys else ""
            if key:
                used_keys.add(key.casefold())
            # Their time stays: the tag reads as it did then (and merges stay symmetric).
            added = replace(tag, parent_id=parent_id, key=key,
                            modified=tag.modified or utc_now())
            store.tags.insert(added)
            ours_by_id[added.id] = added
            self._added_tags.append(added.id)
            if not tag.deleted:
                self.report.tags_added.append(path)
            self._change.codebook = True
            mapping[tag.id] = added.id
            return added.id

        def live_on_path(tag: Tag) -> str | None:
            """Our live tag on their tag's path (case aside), now mapped to; else None."""
            path = their_paths[tag.id]
            with contextlib.suppress(NotFound, Ambiguous):
                found = live.find(path)
                if live.path(found.id).casefold() == path.casefold():
                    mapping[tag.id] = found.id
                    return found.id
            return None

        used: set[str] | None = None

        def their_used() -> set[str]:
            """Their tags under an annotation of theirs that will be live here (not one
            we deleted since their version), with every ancestor."""
            nonlocal used
            if used is None:
                live_rows = [row for row in self.source.annotation_rows if not row[15]]
                ours = store.annotations.rows_by_ids([row[0] for row in live_rows],
                                                     ("id", "deleted", "modified"))
                used = set()
                for row in live_rows:
                    mine = ours.get(row[0])
                    if mine is not None and mine[1] and mine[2] >= row[14]:
                        continue  # our tombstone is newer: it stays deleted
                    tag_id: str | None = row[7]
                    while tag_id is not None and tag_id not in used:
                        used.add(tag_id)
                        tag_id = theirs_all[tag_id].parent_id
            return used

        def revive(tag: Tag, tombstone: Tag) -> str:
            """A tag their annotations use that we hold only as a tombstone (deleted, or
            retired by an undone merge) counts as one we lack: a live tag of ours on the
            same path takes their annotations, else the tombstone comes back where they
            have it (parents first), so their annotations never sit on a deleted tag."""
            same_path = live_on_path(tag)
            if same_path is not None:
                return same_path
            parent_id = resolve(theirs_all[tag.parent_id]) if tag.parent_id else None
            if parent_id is not None and ours_by_id[parent_id].deleted:
                parent_id = None  # their parent is deleted, the tag is not: a root then
            fields: dict[str, object] = {}
            if parent_id != tombstone.parent_id:
                fields["parent_id"] = parent_id
            if tombstone.key and tombstone.key.casefold() in used_keys:
                fields["key"] = ""  # the key is another tag's now
            elif tombstone.key:
                used_keys.add(tombstone.key.casefold())
            now = utc_now()
            store.tags.update(tag.id, fields, now)
            store.tags.set_deleted([tag.id], False, now)
            self._revived_tombstones.append(tombstone)
            ours_by_id[tag.id] = replace(tombstone, parent_id=parent_id, deleted=False)
            self.report.tags_added.append(their_paths[tag.id])
            self._change.codebook = True
            mapping[tag.id] = tag.id
            return tag.id

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
            revived = [d for d in same if d in self._revived_docs]
            if revived:  # added by this merge before its undo
                self._revived_docs.discard(revived[0])  # a second copy of it matches it
                mapping[doc.id] = _DocumentMatch(revived[0], None)
                self._added_docs.append(revived[0])
                self.report.documents_added.append(doc.title)
                self._change.document_list = True
                continue
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

    # --- decisions -------------------------------------------------------------------

    def _merge_decisions(self, store: Store, doc_map: dict[str, _DocumentMatch]) -> None:
        """Add the review decisions we lack, by id, onto our copy of their document.

        A decision is never edited, only undone, redone or replaced (which tombstones it).
        Of a decision both hold, the later state wins (a tie goes to the tombstone), so
        both projects converge on the same live decisions; the annotations it names keep
        their ids. Undone ones come too, so a JSON export read back gives the same project.
        """
        ours = store.decisions.states([d.id for d in self.source.decisions])
        touched: set[str] = set()  # our documents that got a live decision
        came_live: set[str] = set()  # decisions added or switched on by this merge
        for decision in self.source.decisions:
            match = doc_map.get(decision.document_id)
            if match is None:
                continue
            if decision.id in ours:
                deleted, modified = ours[decision.id]
                theirs = decision.modified or decision.decided_at
                if decision.deleted != deleted and (
                        theirs > modified or (theirs == modified and decision.deleted)):
                    store.decisions.set_deleted([decision.id], decision.deleted, theirs)
                    self._switched_decisions.append((decision.id, deleted, modified))
                    self._change.decisions.add(decision.id)
                    self._change.documents.add(match.our_id)
                    if decision.deleted:
                        self.report.decisions_withdrawn += 1
                    else:
                        self.report.decisions_added += 1
                        touched.add(match.our_id)
                        came_live.add(decision.id)
                continue
            store.decisions.insert(replace(decision, document_id=match.our_id))
            self._added_decisions.append(decision.id)
            self._change.decisions.add(decision.id)
            self._change.documents.add(match.our_id)
            if not decision.deleted:
                self.report.decisions_added += 1
                touched.add(match.our_id)
                came_live.add(decision.id)
        for document_id in sorted(touched):
            self._settle_concurrent_decisions(store, document_id, came_live)

    def _settle_concurrent_decisions(self, store: Store, document_id: str,
                                     came_live: set[str]) -> None:
        """Keep one live decision per disagreement: the one whose state changed last.

        Two adjudicators who each decided the same disagreement again apart leave two
        live decisions on it once their work meets. The later one stands, as the later
        edit of an annotation does, and its statuses hold for the analysts' annotations
        unless someone changed those later still. The others are withdrawn together with
        the adjudicated copies only they made. Every change is stamped with a time each
        project computes alike, never with our clock, so any order of merges ends in the
        same state, and merging a file again changes nothing.
        """
        groups: dict[tuple[str, ...], list[Decision]] = {}
        for decision in store.decisions.query(document_id=document_id):
            groups.setdefault(decision.key, []).append(decision)
        for group in groups.values():
            if len(group) < 2:
                continue
            winner = max(group, key=lambda d: (d.modified, d.id))
            for loser in group:
                if loser is not winner:
                    self._withdraw(store, loser, winner, document_id, came_live)
            self._restate(store, winner)

    def _withdraw(self, store: Store, loser: Decision, winner: Decision, document_id: str,
                  came_live: set[str]) -> None:
        """Tombstone ``loser`` and the live adjudicated copies only it made."""
        stamp = max(winner.modified, loser.modified)
        store.decisions.set_deleted([loser.id], True, stamp)
        self._switched_decisions.append((loser.id, False, loser.modified))
        self._change.decisions.add(loser.id)
        if loser.id in came_live:
            self.report.decisions_added -= 1  # it arrives withdrawn
        else:
            self.report.decisions_withdrawn += 1
        only_its = [i for i in loser.created_annotations if i not in winner.created_annotations]
        for row in store.annotations.rows_by_ids(only_its).values():
            copy = annotation_from_row(row)
            if copy.deleted or copy.author != ADJUDICATED or copy.document_id != document_id:
                continue
            store.annotations.set_deleted([copy.id], True, max(stamp, copy.modified))
            self._settled_rows.append(row)
            self._change.annotations.add(copy.id)

    def _restate(self, store: Store, winner: Decision) -> None:
        """Give the analysts' annotations the statuses ``winner`` decided, where nobody
        changed them after it (a loser's statuses may have travelled in with its file)."""
        wanted = decided_statuses(winner)
        for row in store.annotations.rows_by_ids(list(wanted)).values():
            annotation = annotation_from_row(row)
            status = wanted[annotation.id]
            if (annotation.deleted or annotation.status is status
                    or annotation.modified > winner.modified):
                continue
            store.annotations.update(annotation.id, {"status": status}, winner.modified)
            self._settled_rows.append(row)
            self._change.annotations.add(annotation.id)

    # --- annotations -----------------------------------------------------------------

    def _merge_annotations(self, store: Store, tag_map: dict[str, str],
                           doc_map: dict[str, _DocumentMatch]) -> None:
        """Place, compare and write the colleague's annotations, all as rows.

        On an identical text (the usual case) offsets stand and only the context is
        sliced from our copy; quotes are looked for only on a revised copy (or when a
        quote does not stand at its offsets). An unchanged annotation costs a comparison.
        """
        rows = self.source.annotation_rows
        our_paths = paths_by_id(store.tags.all(include_deleted=True))
        their_paths = paths_by_id(self.source.tags)
        existing = store.annotations.rows_by_ids([r[0] for r in rows], _VERSION_COLUMNS)
        # Their document id -> (our id, revision, our text), read when first needed.
        targets: dict[str, tuple[str, TextRevision | None, str]] = {}
        ours_canonical: dict[str, str] = {"{}": "{}"}
        to_insert: list[AnnotationRow] = []
        contested: list[tuple[AnnotationRow, str, str]] = []  # (incoming, their path, ours)
        unplaced: list[tuple[str, AnnotationRow]] = []
        for row in rows:
            target = targets.get(row[1])
            if target is None:
                match = doc_map.get(row[1])
                if match is None:
                    if not row[15]:
                        unplaced.append((_("its document was removed in the colleague's "
                                           "project"), row))
                    continue
                target = (match.our_id, match.revision, store.documents.text(match.our_id))
                targets[row[1]] = target
            our_doc, revision, text = target
            start, end, exact = row[2], row[3], row[4]
            if revision is not None or text[start:end] != exact:
                placement = place(TextQuoteSelector(exact, row[5], row[6]), start, revision,
                                  text)
                if placement is None:
                    if not row[15]:
                        unplaced.append((_("its passage is no longer in our copy of the text"),
                                         row))
                    continue
                if placement.how != "same":
                    self.report.reanchored += 1
                    if placement.how == "fuzzy":
                        self.report.fuzzy += 1
                start, end = placement.start, placement.end
                exact = text[start:end]
            ours = existing.get(row[0])
            if ours is not None:
                their_path, our_path = their_paths[row[7]], our_paths[ours[3]]
                our_attributes = ours_canonical.get(ours[4])
                if our_attributes is None:
                    our_attributes = attributes_json(json.loads(ours[4]))
                    ours_canonical[ours[4]] = our_attributes
                # _VERSION_COLUMNS 5:12 are note ... deleted, as COLUMNS 9:16.
                if (ours[1] == start and ours[2] == end and ours[5:12] == row[9:16]
                        and our_attributes == row[8] and our_path == their_path):
                    self.report.annotations_unchanged += 1
                    continue
            incoming = (row[0], our_doc, start, end, exact,
                        text[start - CONTEXT if start > CONTEXT else 0:start],
                        text[end:end + CONTEXT], tag_map[row[7]], *row[8:])
            if ours is None:
                to_insert.append(incoming)
            else:
                contested.append((incoming, their_path, our_path))
        self._write(store, to_insert, contested)
        self.report.annotations_added = len(to_insert)
        self._report_unplaced(unplaced)

    def _report_unplaced(self, unplaced: list[tuple[str, AnnotationRow]]) -> None:
        """List what could not be placed in the colleague's document order."""
        order = {d.document.id: i for i, d in enumerate(self.source.documents)}
        titles = {d.document.id: d.document.title for d in self.source.documents}
        unplaced.sort(key=lambda u: (order[u[1][1]], u[1][2], u[1][3], u[1][0]))
        self.report.unplaced = [
            Unplaced(row[0], titles[row[1]], row[4], reason) for reason, row in unplaced
        ]

    def _write(self, store: Store, to_insert: list[AnnotationRow],
               contested: list[tuple[AnnotationRow, str, str]]) -> None:
        """Insert the new rows; settle each contested one: newest wins, the loser is history."""
        store.annotations.insert_rows(to_insert)
        self._added_annotations = [r[0] for r in to_insert]
        self._change.annotations.update(self._added_annotations)
        self._change.documents.update(r[1] for r in to_insert)
        if not contested:
            return
        ours_by_id = store.annotations.rows_by_ids([c[0][0] for c in contested])
        now = utc_now()
        winners: list[AnnotationRow] = []
        for incoming, their_path, our_path in contested:
            ours = ours_by_id[incoming[0]]
            their_version = annotation_from_row(incoming)
            our_version = annotation_from_row(ours)
            our_key = _content_key(our_version, our_path)
            their_key = _content_key(their_version, their_path)
            if (their_version.modified, their_key) > (our_version.modified, our_key):
                reason = f"merge: replaced by the version from {self.source.name}"
                self._history.append(store.annotations.record_history(our_version, now, reason))
                self._replaced.append(ours)
                winners.append(incoming)
                self._change.annotations.add(incoming[0])
                self._change.documents.update((incoming[1], ours[1]))
                self.report.annotations_updated += 1
            else:
                reason = f"merge: older version from {self.source.name}"
                self._history.append(
                    store.annotations.record_history(their_version, now, reason))
                self.report.annotations_kept_ours += 1
        store.annotations.overwrite_rows(winners)


def merge_file(project: Project, path: str | Path) -> MergeReport:
    """Merge a colleague's project file (or JSON export) into ``project``, undoably.

    The file is opened read-only and checked before anything changes.
    """
    command = MergeProject(read_source(path))
    project.execute(command)
    return command.report
