"""A lossless JSON export of a project (``core.formats.glossa_json`` reads one back).

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
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from core.errors import NotFound
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
from core.formats.glossa_json import FORMAT, VERSION
from core.model import (
    Annotation,
    Decision,
    DocumentInfo,
    PageMap,
    Tag,
    utc_now,
)
from core.project import Project

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
        for done, (_document, found) in enumerate(annotations_by_document(
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


__all__ = ["FORMAT", "VERSION", "export_json"]
