"""A lossless JSON export of a project, and the validator that reads one back.

The export holds everything needed to rebuild the same project: every tag of the
codebook and every annotation including tombstones (so merges still learn of
deletions), each document's metadata, stored text, PDF page map and original file
(base64), the earlier versions of the exported annotations (``annotation_history``: when
and why each was replaced, and the whole old annotation) and the review decisions on
the exported documents (``decisions``); files written before Glossa carried either
lack them. Output is deterministic: fixed key
order, the codebook in tree order (parents before children, so a reader can insert it
as it comes), documents in import order, annotations by document, start, then id,
decisions by time, then id. The top level is indented; each record
sits on one line, so exports diff well and are written one record at a time.

``load_json_export`` reads such a file from anyone and trusts nothing in it: it checks
format, version, every field's type, references between records and span bounds, and
raises ``InvalidValue`` naming the first problem.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from core.errors import InvalidValue, NotFound
from core.exporters import (
    Cancel,
    ExportScope,
    Progress,
    annotations_by_document,
    atomic_text_file,
    check_cancel,
    check_target,
    selected_documents,
)
from core.model import (
    Annotation,
    Decision,
    DecisionAction,
    DisagreementKind,
    DocumentInfo,
    Origin,
    PageMap,
    Status,
    Tag,
    TagKind,
    utc_now,
)
from core.project import Project
from core.text import content_hash

FORMAT = "glossa-project"
VERSION = 1


# --- writing ----------------------------------------------------------------------


def codebook_order(tags: Iterable[Tag]) -> list[Tag]:
    """Tags depth first, parents before children, siblings by position then name then id."""
    tags = list(tags)
    ids = {t.id for t in tags}
    children: dict[str | None, list[Tag]] = {}
    for tag in tags:
        parent = tag.parent_id if tag.parent_id in ids else None
        children.setdefault(parent, []).append(tag)
    for siblings in children.values():
        siblings.sort(key=lambda t: (t.position, t.ordinal or 0, t.name.casefold(), t.id))
    ordered: list[Tag] = []
    seen: set[str] = set()
    stack = list(reversed(children.get(None, [])))
    while stack:
        tag = stack.pop()
        if tag.id in seen:
            continue
        seen.add(tag.id)
        ordered.append(tag)
        stack.extend(reversed(children.get(tag.id, [])))
    # Tags caught in a parent cycle are unreachable from the roots; keep them anyway.
    ordered += sorted((t for t in tags if t.id not in seen), key=lambda t: t.id)
    return ordered


def tag_record(tag: Tag) -> dict[str, Any]:
    return {
        "id": tag.id, "name": tag.name, "parent_id": tag.parent_id, "color": tag.color,
        "key": tag.key, "kind": tag.kind.value,
        "attributes": [spec.to_json() for spec in tag.attributes],
        "ordinal": tag.ordinal, "position": tag.position, "description": tag.description,
        "modified": tag.modified, "deleted": tag.deleted,
    }


def _page_record(page: PageMap) -> dict[str, Any]:
    return {
        "page": page.page, "width": page.width, "height": page.height,
        "start": page.start, "end": page.end,
        "words": [[w.start, w.end, w.x0, w.y0, w.x1, w.y1] for w in page.words],
    }


def document_record(project: Project, info: DocumentInfo, *, deleted: bool,
                    include_original: bool = True) -> dict[str, Any]:
    store = project.store.documents
    original: dict[str, str] | None = None
    if include_original:
        try:
            file_name, data = store.original(info.id)
        except NotFound:
            pass
        else:
            original = {"file_name": file_name,
                        "data": base64.b64encode(data).decode("ascii")}
    text = store.text(info.id)
    return {
        "id": info.id, "title": info.title, "format": info.format, "language": info.language,
        "outlet": info.outlet, "author": info.author, "url": info.url,
        "published": info.published, "source_name": info.source_name,
        "content_hash": info.content_hash, "chars": len(text), "imported": info.imported,
        "deleted": deleted, "text": text,
        "pages": [_page_record(p) for p in store.pages(info.id)],
        "original": original,
    }


def annotation_record(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id, "document_id": a.document_id, "start": a.start, "end": a.end,
        "tag_id": a.tag_id, "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix,
        "attributes": dict(sorted(a.attributes.items())), "note": a.note,
        "author": a.author, "origin": a.origin.value, "status": a.status.value,
        "created": a.created, "modified": a.modified, "deleted": a.deleted,
    }


def history_record(replaced: str, reason: str, old: Annotation) -> dict[str, Any]:
    return {"annotation_id": old.id, "replaced": replaced, "reason": reason,
            "snapshot": annotation_record(old)}


def decision_record(d: Decision) -> dict[str, Any]:
    return {
        "id": d.id, "document_id": d.document_id, "disagreement_id": d.disagreement_id,
        "kind": str(d.kind), "action": str(d.action),
        "annotations_a": list(d.annotations_a), "annotations_b": list(d.annotations_b),
        "created_annotations": list(d.created_annotations),
        "statuses_before": {k: str(v) for k, v in sorted(d.statuses_before.items())},
        "comment": d.comment, "decided_by": d.decided_by, "decided_at": d.decided_at,
        "replaces": d.replaces, "deleted": d.deleted, "modified": d.modified,
    }


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_array(handle: TextIO, key: str, records: Iterable[dict[str, Any]],
                 last: bool = False) -> int:
    handle.write(f"  {_dump(key)}: [")
    count = 0
    for record in records:
        handle.write(",\n    " if count else "\n    ")
        handle.write(_dump(record))
        count += 1
    handle.write("\n  ]" if count else "]")
    handle.write("\n" if last else ",\n")
    return count


def export_json(
    project: Project,
    out_path: str | Path,
    *,
    scope: ExportScope = ExportScope(),  # noqa: B008 (frozen, never mutated)
    include_originals: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the project (or the part ``scope`` selects) to ``out_path``; return the
    number of annotations written.

    Without filters the export is the whole project, removed documents and deleted
    annotations (tombstones) included. With filters it holds the whole codebook, the
    selected documents and their matching annotations; ``"filters"`` in the file
    records what was asked for.
    """
    target = check_target(project, out_path)
    resolved = scope.resolve(project)  # checks every filter before anything is written
    document_refs = scope.documents
    documents = selected_documents(project, document_refs, include_deleted=True)
    tag_ids, author, status = resolved.tag_ids, scope.author, scope.status
    live = {d.id for d in project.documents()}
    codebook = codebook_order(project.store.tags.all(include_deleted=True))
    header = {
        "format": FORMAT,
        "version": VERSION,
        "exported": utc_now(),
        "project": {"name": project.name, "created": project.store.get_meta("created")},
        "filters": {
            "documents": None if document_refs is None else [d.id for d in documents],
            "tag": None if tag_ids is None else project.tag_path(tag_ids[0]),
            "author": author,
            "status": status,
        },
    }

    def annotation_records() -> Iterator[dict[str, Any]]:
        for done, (_, found) in enumerate(annotations_by_document(
            project, documents, tag_ids=tag_ids, author=author, status=status,
            include_deleted=True,
        )):
            check_cancel(cancel)
            if progress is not None:
                progress(done, len(documents))
            for a in sorted(found, key=lambda a: (a.start, a.id)):
                yield annotation_record(a)

    def history_records() -> Iterator[dict[str, Any]]:
        filtered = (tag_ids, author, status) != (None, None, None)
        for document in documents:
            kept = project.store.annotations.history_of_document(document.id)
            if kept and filtered:
                exported = {a.id for a in project.store.annotations.query(
                    document_id=document.id, tag_ids=tag_ids, author=author, status=status,
                    include_deleted=True)}
                kept = [k for k in kept if k[2].id in exported]
            for replaced, reason, old in kept:
                yield history_record(replaced, reason, old)

    with atomic_text_file(target, encoding="utf-8", newline="\n") as handle:
        handle.write("{\n")
        for key, value in header.items():
            handle.write(f"  {_dump(key)}: {_dump(value)},\n")
        _write_array(handle, "codebook", (tag_record(t) for t in codebook))
        _write_array(handle, "documents", (
            document_record(project, d, deleted=d.id not in live,
                            include_original=include_originals)
            for d in documents
        ))
        count = _write_array(handle, "annotations", annotation_records())
        _write_array(handle, "annotation_history", history_records())
        chosen = {d.id for d in documents}
        decisions = sorted(
            (d for d in project.store.decisions.query(include_deleted=True)
             if d.document_id in chosen),
            key=lambda d: (d.decided_at, d.id))
        _write_array(handle, "decisions", (decision_record(d) for d in decisions), last=True)
        handle.write("}\n")
    return count


# --- reading ------------------------------------------------------------------------


class _Problem(Exception):
    """One thing wrong with an export, with where it is (``annotations[3].start``)."""


# Field types: "str", "int", "number", "bool", "list", "dict"; a trailing "?" allows null.
_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    # JSON "\\ud800" escapes decode to lone surrogates, which no database can store.
    "str": (lambda v: isinstance(v, str) and not _SURROGATE.search(v), "text"),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
    "number": (lambda v: isinstance(v, int | float) and not isinstance(v, bool), "a number"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "list": (lambda v: isinstance(v, list), "a list"),
    "dict": (lambda v: isinstance(v, dict), "an object"),
}


def _is(kind: str, value: Any) -> bool:
    if kind.endswith("?"):
        return value is None or _is(kind[:-1], value)
    return _TYPES[kind][0](value)


def _describe(kind: str) -> str:
    return _TYPES[kind.rstrip("?")][1] + (" or null" if kind.endswith("?") else "")


_TOP = {"format": "str", "version": "int", "exported": "str", "project": "dict",
        "filters": "dict", "codebook": "list", "documents": "list", "annotations": "list",
        "annotation_history": "list", "decisions": "list"}
#: Top-level fields that exports written before them lack.
_TOP_LATER = frozenset({"annotation_history", "decisions"})
_PROJECT = {"name": "str", "created": "str"}
_FILTERS = {"documents": "list?", "tag": "str?", "author": "str?", "status": "str?"}
_TAG = {"id": "str", "name": "str", "parent_id": "str?", "color": "str", "key": "str",
        "kind": "str", "attributes": "list", "ordinal": "int?", "position": "int",
        "description": "str", "modified": "str", "deleted": "bool"}
_SPEC = {"name": "str", "kind": "str", "choices": "list"}
_DOCUMENT = {"id": "str", "title": "str", "format": "str", "language": "str",
             "outlet": "str", "author": "str", "url": "str", "published": "str",
             "source_name": "str", "content_hash": "str", "chars": "int", "imported": "str",
             "deleted": "bool", "text": "str", "pages": "list", "original": "dict?"}
_PAGE = {"page": "int", "width": "number", "height": "number", "start": "int", "end": "int",
         "words": "list"}
_ORIGINAL = {"file_name": "str", "data": "str"}
_ANNOTATION = {"id": "str", "document_id": "str", "start": "int", "end": "int",
               "tag_id": "str", "exact": "str", "prefix": "str", "suffix": "str",
               "attributes": "dict", "note": "str", "author": "str", "origin": "str",
               "status": "str", "created": "str", "modified": "str", "deleted": "bool"}

_HISTORY = {"annotation_id": "str", "replaced": "str", "reason": "str", "snapshot": "dict"}

_DECISION = {"id": "str", "document_id": "str", "disagreement_id": "str", "kind": "str",
             "action": "str", "annotations_a": "list", "annotations_b": "list",
             "created_annotations": "list", "statuses_before": "dict", "comment": "str",
             "decided_by": "str", "decided_at": "str", "replaces": "str?", "deleted": "bool",
             "modified": "str"}
#: Decision fields that exports written before them lack.
_DECISION_LATER = frozenset({"modified"})


def _record(value: Any, fields: dict[str, str], where: str,
            optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    """``value`` as an object with exactly ``fields`` (``optional`` ones may be absent,
    for files written before they existed), each of the right type."""
    if not isinstance(value, dict):
        raise _Problem(f"{where}: expected an object")
    fields = {k: v for k, v in fields.items() if k in value or k not in optional}
    missing = [name for name in fields if name not in value]
    if missing:
        raise _Problem(f"{where}: missing {', '.join(repr(m) for m in missing)}")
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise _Problem(f"{where}: unexpected field {unknown[0]!r}")
    for name, kind in fields.items():
        if not _is(kind, value[name]):
            raise _Problem(f"{where}.{name}: expected {_describe(kind)}")
    return value


def _unique_ids(records: list[Any], fields: dict[str, str], where: str,
                optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    by_id: dict[str, Any] = {}
    for i, value in enumerate(records):
        record = _record(value, fields, f"{where}[{i}]", optional)
        if not record["id"]:
            raise _Problem(f"{where}[{i}].id: is empty")
        if record["id"] in by_id:
            raise _Problem(f"{where}[{i}].id: {record['id']!r} occurs twice")
        by_id[record["id"]] = record
    return by_id


def _one_of(value: str, allowed: Iterable[str], where: str) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise _Problem(f"{where}: {value!r} is not one of {', '.join(allowed)}")


def _check_codebook(tags: list[Any]) -> set[str]:
    by_id = _unique_ids(tags, _TAG, "codebook")
    for i, tag in enumerate(tags):
        where = f"codebook[{i}]"
        _one_of(tag["kind"], (k.value for k in TagKind), f"{where}.kind")
        if tag["parent_id"] is not None and tag["parent_id"] not in by_id:
            raise _Problem(f"{where}.parent_id: no tag {tag['parent_id']!r} in the codebook")
        for j, spec in enumerate(tag["attributes"]):
            spec = _record(spec, _SPEC, f"{where}.attributes[{j}]")
            if not all(_is("str", c) for c in spec["choices"]):
                raise _Problem(f"{where}.attributes[{j}].choices: expected a list of text")
    return set(by_id)


def _check_pages(pages: list[Any], length: int, where: str) -> None:
    for i, page in enumerate(pages):
        page = _record(page, _PAGE, f"{where}[{i}]")
        if not 0 <= page["start"] <= page["end"] <= length:
            raise _Problem(f"{where}[{i}]: span {page['start']}-{page['end']} is outside "
                           f"the text (0-{length})")
        for j, word in enumerate(page["words"]):
            if not (isinstance(word, list) and len(word) == 6
                    and all(_is("int", v) for v in word[:2])
                    and all(_is("number", v) for v in word[2:])):
                raise _Problem(f"{where}[{i}].words[{j}]: expected [start, end, x0, y0, x1, y1]")


def _check_documents(documents: list[Any]) -> dict[str, int]:
    by_id = _unique_ids(documents, _DOCUMENT, "documents")
    for i, doc in enumerate(documents):
        where = f"documents[{i}]"
        text = doc["text"]
        if doc["chars"] != len(text):
            raise _Problem(f"{where}.chars: {doc['chars']} but the text has {len(text)}")
        if doc["content_hash"] != content_hash(text):
            raise _Problem(f"{where}.content_hash: does not match the text")
        _check_pages(doc["pages"], len(text), f"{where}.pages")
        if doc["original"] is not None:
            original = _record(doc["original"], _ORIGINAL, f"{where}.original")
            try:
                base64.b64decode(original["data"], validate=True)
            except (binascii.Error, ValueError):
                raise _Problem(f"{where}.original.data: is not base64") from None
    return {doc_id: len(doc["text"]) for doc_id, doc in by_id.items()}


def _check_history(history: list[Any], annotation_ids: set[str]) -> None:
    for i, value in enumerate(history):
        where = f"annotation_history[{i}]"
        entry = _record(value, _HISTORY, where)
        if entry["annotation_id"] not in annotation_ids:
            raise _Problem(f"{where}.annotation_id: no annotation {entry['annotation_id']!r}")
        old = _record(entry["snapshot"], _ANNOTATION, f"{where}.snapshot")
        if old["id"] != entry["annotation_id"]:
            raise _Problem(f"{where}.snapshot.id: is not the annotation_id")
        _one_of(old["origin"], (o.value for o in Origin), f"{where}.snapshot.origin")
        _one_of(old["status"], (s.value for s in Status), f"{where}.snapshot.status")


def _check_annotations(annotations: list[Any], lengths: dict[str, int],
                       tag_ids: set[str]) -> set[str]:
    by_id = _unique_ids(annotations, _ANNOTATION, "annotations")
    for i, a in enumerate(annotations):
        where = f"annotations[{i}]"
        if a["document_id"] not in lengths:
            raise _Problem(f"{where}.document_id: no document {a['document_id']!r}")
        if a["tag_id"] not in tag_ids:
            raise _Problem(f"{where}.tag_id: no tag {a['tag_id']!r} in the codebook")
        length = lengths[a["document_id"]]
        if not 0 <= a["start"] < a["end"] <= length:
            raise _Problem(f"{where}: span {a['start']}-{a['end']} is not inside the text "
                           f"(0-{length}) or is empty")
        _one_of(a["origin"], (o.value for o in Origin), f"{where}.origin")
        _one_of(a["status"], (s.value for s in Status), f"{where}.status")
        if not all(_is("str", k) and _is("str", v) for k, v in a["attributes"].items()):
            raise _Problem(f"{where}.attributes: names and values must be text")
    return set(by_id)


def _check_decisions(decisions: list[Any], document_ids: Iterable[str]) -> None:
    _unique_ids(decisions, _DECISION, "decisions", _DECISION_LATER)
    known = set(document_ids)
    for i, d in enumerate(decisions):
        where = f"decisions[{i}]"
        if d["document_id"] not in known:
            raise _Problem(f"{where}.document_id: no document {d['document_id']!r}")
        _one_of(d["kind"], (k.value for k in DisagreementKind), f"{where}.kind")
        _one_of(d["action"], (a.value for a in DecisionAction), f"{where}.action")
        for name in ("annotations_a", "annotations_b", "created_annotations"):
            if not all(_is("str", v) for v in d[name]):
                raise _Problem(f"{where}.{name}: expected a list of annotation ids")
        for key, value in d["statuses_before"].items():
            if not _is("str", key):
                raise _Problem(f"{where}.statuses_before: keys must be annotation ids")
            _one_of(value, (s.value for s in Status), f"{where}.statuses_before[{key!r}]")


def _validate(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Problem(f"not a Glossa project export (no \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if version != VERSION or not _is("int", version):
        raise _Problem(f"export version {version!r} is not supported "
                       f"(this Glossa reads version {VERSION})")
    _record(data, _TOP, "export", optional=_TOP_LATER)
    _record(data["project"], _PROJECT, "project")
    _record(data["filters"], _FILTERS, "filters", optional=frozenset({"status"}))
    tag_ids = _check_codebook(data["codebook"])
    lengths = _check_documents(data["documents"])
    annotation_ids = _check_annotations(data["annotations"], lengths, tag_ids)
    _check_history(data.get("annotation_history", []), annotation_ids)
    _check_decisions(data.get("decisions", []), lengths)
    return data


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Problem(f"the key {key!r} occurs twice in one object")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise _Problem(f"{name} is not valid JSON")


def load_json_export(path: str | Path) -> dict[str, Any]:
    """Read and check a file written by ``export_json``; raise ``InvalidValue`` if it is not one.

    Safe on untrusted files: nothing is evaluated, duplicate keys and NaN are refused,
    and every reference and span is checked, so an importer can rely on the result.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InvalidValue(f"{path.name}: cannot be read ({err.strerror or err})") from err
    try:
        data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_no_duplicate_keys,
                          parse_constant=_no_constants)
        return _validate(data)
    except UnicodeDecodeError:
        raise InvalidValue(f"{path.name}: is not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise InvalidValue(f"{path.name}: is not valid JSON ({err.msg} at line {err.lineno}, "
                           f"column {err.colno})") from None
    except RecursionError:
        raise InvalidValue(f"{path.name}: is nested too deeply to be an export") from None
    except _Problem as problem:
        raise InvalidValue(f"{path.name}: {problem}") from None


__all__ = ["FORMAT", "VERSION", "export_json", "load_json_export"]
