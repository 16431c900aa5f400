"""Reading a colleague's work into memory, trusting nothing in it.

A merge source is a plain snapshot (tags, documents, annotations, tombstones
included) checked row by row, so the merge itself never meets malformed data.
Annotations stay rows (tuples in ``core.store.annotations.COLUMNS`` order): a
hundred thousand of them are read, checked and merged without building an object each.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import GlossaError, InvalidValue, NotAGlossaProject
from core.i18n import _
from core.model import (
    Annotation,
    AttributeSpec,
    Decision,
    DecisionAction,
    DisagreementKind,
    Document,
    Origin,
    PageMap,
    Status,
    Tag,
    TagKind,
    WordBox,
)
from core.review.merge_history import KeptVersion, version_from_record, well_formed
from core.store import Store, connection, schema
from core.store.annotations import COLUMNS, annotation_from_row, attributes_json
from core.text import content_hash
from core.validation import (
    check_note_and_author,
    check_tag_key,
    check_tag_name,
    validate_attributes,
)

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ORIGINS = frozenset(str(o) for o in Origin)
_STATUSES = frozenset(str(s) for s in Status)
_DOCUMENT_TEXT_FIELDS = (
    "id", "title", "format", "language", "outlet", "author", "url", "published",
    "source_name", "content_hash", "imported", "text",
)

#: An annotation row: a tuple in ``core.store.annotations.COLUMNS`` order.
AnnotationRow = tuple[Any, ...]


@dataclass
class SourceDocument:
    document: Document
    original: bytes = b""
    original_name: str = ""
    pages: list[PageMap] = field(default_factory=list)
    deleted: bool = False


@dataclass
class MergeSource:
    """Everything a colleague's project holds that a merge can take over.

    ``annotation_rows`` are tuples in ``COLUMNS`` order; once ``check_source`` has passed
    them, attributes are the store's canonical JSON text and ``deleted`` is 0 or 1.
    """

    name: str
    tags: list[Tag]
    documents: list[SourceDocument]
    annotation_rows: list[AnnotationRow]
    decisions: list[Decision] = field(default_factory=list)
    #: Earlier versions of their annotations (``merge_history`` carries them over).
    history: list[KeptVersion] = field(default_factory=list)

    @property
    def annotations(self) -> list[Annotation]:
        """The annotations as objects (built on each call; the merge itself uses the rows)."""
        return [annotation_from_row(row) for row in self.annotation_rows]


def _fail(path: Path, reason: str) -> NotAGlossaProject:
    return NotAGlossaProject(_("%(name)s: %(reason)s; nothing was merged")
                             % {"name": path.name, "reason": reason})


def check_source(source: MergeSource, path: Path) -> None:
    """Raise ``NotAGlossaProject`` for data no honest Glossa could have written.

    Tag colours that are not ``#rrggbb`` are replaced by grey; annotation rows are
    replaced by checked ones (canonical attribute JSON, ``deleted`` as 0 or 1).
    """
    _check_tags(source.tags, path)
    lengths = _check_documents(source.documents, path)
    source.annotation_rows = checked_annotation_rows(
        source.annotation_rows, lengths, {t.id for t in source.tags}, path
    )
    _check_decisions(source.decisions, set(lengths), path)
    known = {row[0] for row in source.annotation_rows}
    for replaced, reason, old in source.history:
        if not (isinstance(replaced, str) and isinstance(reason, str) and well_formed(old)
                and old.id in known):
            raise _fail(path, _("an earlier version of annotation %(id)r is malformed")
                              % {"id": old.id})


def _check_decisions(decisions: Sequence[Decision], document_ids: set[str],
                     path: Path) -> None:
    """Every field of the type a decision has, ids unique, documents known, and statuses
    recorded only for annotations the decision concerns.

    Where the annotations it names are is not checked: an honest file can lack them (a
    filtered export, an undone merge) or hold them on another copy of the text, after a
    merge folded two copies together. A forged list cannot do harm: a re-decision
    takes back only adjudicated copies on its own document, and restores statuses only
    of the annotations its disagreement concerns (``Decide``).
    """
    seen: set[str] = set()
    for d in decisions:
        if not isinstance(d.id, str) or not d.id or d.id in seen:
            raise _fail(path, _("decision %(id)r has a missing or repeated id") % {"id": d.id})
        seen.add(d.id)
        if d.document_id not in document_ids:
            raise _fail(path, _("decision %(id)s refers to a missing document") % {"id": d.id})
        texts = (d.disagreement_id, d.comment, d.decided_by, d.decided_at, d.modified,
                 *d.annotations_a, *d.annotations_b, *d.created_annotations,
                 *d.statuses_before)
        if (not all(isinstance(t, str) for t in texts)
                or not isinstance(d.kind, DisagreementKind)
                or not isinstance(d.action, DecisionAction)
                or not all(isinstance(v, Status) for v in d.statuses_before.values())
                or not (d.replaces is None or isinstance(d.replaces, str))
                or type(d.deleted) is not bool):
            raise _fail(path, _("decision %(id)s is malformed") % {"id": d.id})
        if not {*d.annotations_a, *d.annotations_b}.issuperset(d.statuses_before):
            raise _fail(path, _("decision %(id)s records statuses of annotations it does "
                                "not concern")
                              % {"id": d.id})


def _check_tags(tags: Sequence[Tag], path: Path) -> None:
    by_id: dict[str, Tag] = {}
    for tag in tags:
        if not isinstance(tag.id, str) or not tag.id or tag.id in by_id:
            raise _fail(path, _("tag %(id)r has a missing or repeated id") % {"id": tag.id})
        by_id[tag.id] = tag
    for tag in tags:
        if not isinstance(tag.name, str):
            raise _fail(path, _("tag %(id)s has an invalid name") % {"id": tag.id})
        if not _COLOUR.match(str(tag.color)):
            tag.color = "#888888"
        for name in ("key", "description", "modified"):
            if not isinstance(getattr(tag, name), str):
                raise _fail(path, _("tag %(name)r has a malformed %(name2)s")
                                  % {"name": tag.name[:40], "name2": name})
        try:  # the rules a tag made here obeys
            check_tag_name(tag.name.strip())
            check_tag_key(tag.key)
        except InvalidValue as exc:
            raise _fail(path, _("tag %(id)s: %(exc)s") % {"id": tag.id, "exc": exc}) from None
        if type(tag.position) is not int or not (tag.ordinal is None or type(tag.ordinal) is int):
            raise _fail(path, _("tag %(name)r has a malformed position or ordinal")
                              % {"name": tag.name})
        if tag.parent_id is not None and tag.parent_id not in by_id:
            raise _fail(path, _("tag %(name)r has a missing parent") % {"name": tag.name})
    rooted: set[str] = set()  # tags whose chain of parents is known to end
    for tag in tags:
        chain: set[str] = set()
        current: Tag | None = tag
        while current is not None and current.id not in rooted:
            if current.id in chain:
                raise _fail(path, _("tag %(name)r is its own ancestor") % {"name": tag.name})
            chain.add(current.id)
            current = by_id[current.parent_id] if current.parent_id is not None else None
        rooted.update(chain)


def _check_documents(documents: Iterable[SourceDocument], path: Path) -> dict[str, int]:
    """Check each document's fields and page map; return text lengths by document id.

    The content hash is recomputed from the text: a wrong one would match the wrong
    document of ours.
    """
    lengths: dict[str, int] = {}
    for item in documents:
        doc = item.document
        for name in _DOCUMENT_TEXT_FIELDS:
            if not isinstance(getattr(doc, name), str):
                raise _fail(path, _("document %(id)r has a malformed %(name)s")
                                  % {"id": doc.id, "name": name})
        if doc.id in lengths:
            raise _fail(path, _("document %(id)r occurs twice") % {"id": doc.id})
        if not isinstance(item.original, bytes) or not isinstance(item.original_name, str):
            raise _fail(path, _("document %(id)r has a malformed original file") % {"id": doc.id})
        # Documents match by this hash: take it from the text, not from the file's word.
        doc.content_hash = content_hash(doc.text)
        length = len(doc.text)
        for page in item.pages:
            if not _page_fits(page, length):
                raise _fail(path, _("document %(id)r has a malformed page map") % {"id": doc.id})
        lengths[doc.id] = length
    return lengths


def _is_number(value: object) -> bool:
    return type(value) in (int, float)


def _page_fits(page: PageMap, length: int) -> bool:
    return (
        type(page.page) is int and _is_number(page.width) and _is_number(page.height)
        and type(page.start) is int and type(page.end) is int
        and 0 <= page.start <= page.end <= length
        and all(
            type(w.start) is int and type(w.end) is int and 0 <= w.start <= w.end <= length
            and _is_number(w.x0) and _is_number(w.y0) and _is_number(w.x1)
            and _is_number(w.y1)
            for w in page.words
        )
    )


def _canonical_attributes(value: object) -> str:
    """``value`` (JSON text or a dict) as the JSON the store writes, checked as a local
    edit's attributes are; raise ``InvalidValue`` otherwise."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            value = None
    if not isinstance(value, dict):
        raise InvalidValue(_("has malformed attributes"))
    try:
        return attributes_json(validate_attributes(value))
    except InvalidValue as exc:
        raise InvalidValue(_("has malformed attributes (%(exc)s)") % {"exc": exc}) from None


def checked_annotation_rows(
    rows: Iterable[Sequence[Any]], lengths: dict[str, int], tag_ids: set[str], path: Path
) -> list[AnnotationRow]:
    """``rows`` checked one by one; raise ``NotAGlossaProject`` at the first bad one.

    A good row has a unique id, a known document and tag, ``0 <= start < end <=`` its
    text's length, a quote as long as its span, text where text belongs, a known origin
    and status, a deletion flag of 0 or 1 and attributes mapping strings to strings.
    The rows returned carry the attributes as canonical JSON and ``deleted`` as 0 or 1.
    """
    canonical: dict[str, str] = {"{}": "{}"}  # attribute JSON seen before -> canonical form
    seen: set[str] = set()
    checked: list[AnnotationRow] = []
    append = checked.append
    for row in rows:
        # One test for the usual, good row (this loop runs 100,000 times in a big merge);
        # _row_problem says what is wrong with any other.
        if len(row) != len(COLUMNS):
            raise _fail(path, _("an annotation row has the wrong number of columns"))
        (ann_id, doc_id, start, end, exact, prefix, suffix, tag_id, attributes, note, author,
         origin, status, created, modified, deleted) = row
        length = lengths.get(doc_id) if type(doc_id) is str else None
        if not (
            type(ann_id) is str and ann_id and ann_id not in seen and length is not None
            and type(tag_id) is str and tag_id in tag_ids
            and type(start) is int and type(end) is int and 0 <= start < end <= length
            and type(exact) is str and len(exact) == end - start
            and type(prefix) is str and type(suffix) is str and type(note) is str
            and type(author) is str and type(created) is str and type(modified) is str
            and type(origin) is str and origin in _ORIGINS
            and type(status) is str and status in _STATUSES
            and type(deleted) in (int, bool) and deleted in (0, 1)
        ):
            raise _fail(path, _row_problem(row, lengths, tag_ids, seen))
        seen.add(ann_id)
        encoded = canonical.get(attributes) if type(attributes) is str else None
        try:  # the rules an annotation made here obeys
            if encoded is None:
                encoded = _canonical_attributes(attributes)
                if type(attributes) is str:
                    canonical[attributes] = encoded
            check_note_and_author(note, author)
        except InvalidValue as exc:
            raise _fail(path, _("annotation %(ann_id)s: %(exc)s")
                              % {"ann_id": ann_id, "exc": exc}) from None
        if encoded == attributes and type(deleted) is int and type(row) is tuple:
            append(row)
        else:
            append((ann_id, doc_id, start, end, exact, prefix, suffix, tag_id, encoded, note,
                    author, origin, status, created, modified, int(deleted)))
    return checked


def _row_problem(
    row: Sequence[Any], lengths: dict[str, int], tag_ids: set[str], seen: set[str]
) -> str:
    """What is wrong with an annotation row that failed the check."""
    (ann_id, doc_id, start, end, exact, prefix, suffix, tag_id, _attributes, note, author,
     origin, status, created, modified, deleted) = row
    if type(ann_id) is not str or not ann_id:
        return _("an annotation has a malformed id (%(ann_id)r)") % {"ann_id": ann_id}
    if ann_id in seen:
        return _("annotation %(ann_id)s occurs twice") % {"ann_id": ann_id}
    length = lengths.get(doc_id) if type(doc_id) is str else None
    if length is None:
        return _("annotation %(ann_id)s refers to a missing document") % {"ann_id": ann_id}
    if type(tag_id) is not str or tag_id not in tag_ids:
        return _("annotation %(ann_id)s refers to a missing tag") % {"ann_id": ann_id}
    if type(start) is not int or type(end) is not int or not 0 <= start < end <= length:
        return _("annotation %(ann_id)s has offsets outside its document") % {"ann_id": ann_id}
    if type(exact) is not str or len(exact) != end - start:
        return (_("annotation %(ann_id)s has a quote that does not fit its offsets")
                % {"ann_id": ann_id})
    for name, value in (("prefix", prefix), ("suffix", suffix), ("note", note),
                        ("author", author), ("created", created), ("modified", modified)):
        if type(value) is not str:
            return (_("annotation %(ann_id)s has a malformed %(name)s")
                    % {"ann_id": ann_id, "name": name})
    if type(origin) is not str or origin not in _ORIGINS:
        return (_("annotation %(ann_id)s has an unknown origin %(origin)r")
                % {"ann_id": ann_id, "origin": origin})
    if type(status) is not str or status not in _STATUSES:
        return (_("annotation %(ann_id)s has an unknown status %(status)r")
                % {"ann_id": ann_id, "status": status})
    return (_("annotation %(ann_id)s has a malformed deletion flag %(deleted)r")
            % {"ann_id": ann_id, "deleted": deleted})


def read_project(path: str | Path) -> MergeSource:
    """A colleague's ``.glossa`` file, opened read-only with its schema untrusted."""
    path = Path(path)
    store = Store.open_untrusted(path)
    try:
        infos = store.documents.infos(include_deleted=True)
        live = {d.id for d in store.documents.infos()}
        documents = []
        for info in infos:
            name, data = store.documents.original(info.id)
            documents.append(SourceDocument(
                store.documents.get(info.id), data, name, store.documents.pages(info.id),
                deleted=info.id not in live,
            ))
        source = MergeSource(
            name=path.stem,
            tags=store.tags.all(include_deleted=True),
            documents=documents,
            annotation_rows=store.annotations.rows(),
            decisions=(store.decisions.query(include_deleted=True)
                       if schema.user_version(store.db) >= schema.DECISIONS_SINCE else []),
            history=[kept for info in infos
                     for kept in store.annotations.history_of_document(info.id)],
        )
    except GlossaError as err:
        raise _fail(path, _("damaged project (%(err)s)") % {"err": err}) from err
    except (sqlite3.Error, ValueError, TypeError, KeyError, AttributeError,
            RecursionError) as err:  # RecursionError: JSON nested too deep to decode
        if connection.interrupted(err):
            raise _fail(path, connection.too_slow(path).removeprefix(f"{path.name}: ")) from err
        raise _fail(path, _("damaged project (%(err)s)") % {"err": err}) from err
    finally:
        store.close()
    check_source(source, path)
    return source


def read_json_export(path: str | Path) -> MergeSource:
    """A colleague's lossless JSON export (``glossa export --format json``), checked."""
    import base64

    from core.formats.glossa_json import load_json_export

    path = Path(path)
    try:
        data = load_json_export(path)
    except GlossaError as err:
        raise _fail(path, str(err).removeprefix(f"{path.name}: ")) from err
    tags = [
        Tag(id=t["id"], name=t["name"], parent_id=t["parent_id"], color=t["color"], key=t["key"],
            kind=TagKind(t["kind"]),
            attributes=tuple(AttributeSpec.from_json(a) for a in t["attributes"]),
            ordinal=t["ordinal"], position=t["position"], description=t["description"],
            modified=t["modified"], deleted=t["deleted"])
        for t in data["codebook"]
    ]
    documents = []
    for d in data["documents"]:
        doc = Document(
            id=d["id"], title=d["title"], format=d["format"], language=d["language"],
            outlet=d["outlet"], author=d["author"], url=d["url"], published=d["published"],
            source_name=d["source_name"], content_hash=d["content_hash"], chars=d["chars"],
            imported=d["imported"], text=d["text"],
        )
        pages = [
            PageMap(p["page"], p["width"], p["height"], p["start"], p["end"],
                    [WordBox(*w) for w in p["words"]])
            for p in d["pages"]
        ]
        original = d["original"] or {"file_name": d["source_name"], "data": ""}
        documents.append(SourceDocument(doc, base64.b64decode(original["data"]),
                                        original["file_name"], pages, deleted=d["deleted"]))
    rows = [tuple(a[name] for name in COLUMNS) for a in data["annotations"]]
    decisions = [
        Decision(
            id=x["id"], document_id=x["document_id"], disagreement_id=x["disagreement_id"],
            kind=DisagreementKind(x["kind"]), action=DecisionAction(x["action"]),
            annotations_a=tuple(x["annotations_a"]), annotations_b=tuple(x["annotations_b"]),
            created_annotations=tuple(x["created_annotations"]),
            statuses_before={k: Status(v) for k, v in x["statuses_before"].items()},
            comment=x["comment"], decided_by=x["decided_by"], decided_at=x["decided_at"],
            replaces=x["replaces"], deleted=x["deleted"],
            modified=x.get("modified", x["decided_at"]),
        )
        for x in data.get("decisions", ())
    ]
    history = [(h["replaced"], h["reason"], version_from_record(h["snapshot"]))
               for h in data.get("annotation_history", ())]
    source = MergeSource(path.stem, tags, documents, rows, decisions, history)
    check_source(source, path)
    return source


def read_source(path: str | Path) -> MergeSource:
    """A colleague's work from a ``.glossa`` project or a Glossa JSON export."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonld"):
        return read_json_export(path)
    if suffix == ".qdpx":
        raise _fail(path, _("a REFI-QDA project holds no Glossa project to merge; `glossa "
                            "merge` or `glossa import` places its annotations onto your "
                            "documents"))
    return read_project(path)
