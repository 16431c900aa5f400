"""Annotations as a W3C Web Annotation collection (JSON-LD), for annotation servers and tools.

The file is one ``AnnotationCollection`` whose pages are all inline: ``first`` holds the
first ``AnnotationPage``, each page's ``next`` holds the following one and its ``prev``
names the page before by id. Every annotation repeats the ``@context``, so each one is a
complete Web Annotation on its own and passes every "must" of the W3C test suite.

Each annotation targets its document (``urn:uuid:<document id>``, with title and URL as
Dublin Core terms, which the Web Annotation context defines) through two selectors:

* ``TextQuoteSelector``: the tagged text with up to 32 characters before and after;
* ``TextPositionSelector``: ``start``/``end`` in **code points** (what Python indexes,
  not UTF-16 units) over the stored text, whose only line break is ``\\n`` (LF), as the
  W3C model asks ("characters", not code units).

Bodies: a ``tagging`` TextualBody whose value is the tag path (``Tone/Conciliatory``), a
``commenting`` one with the note when there is one, and one ``describing`` TextualBody per
attribute whose value is ``name: value`` (``speaker: Olaf Scholz``). ``core.importers.w3c``
reads all of these back. The review status is the Glossa term ``glossa:status``
(``core.formats.w3c``). Rejected suggestions are exported only when the status filter
asks for them: they are answers "no", and another tool would take them for real tags.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from core import __version__
from core.anchoring import selector_for
from core.errors import InvalidSpan, InvalidValue
from core.exporters import (
    Cancel,
    ExportScope,
    Progress,
    ResolvedScope,
    atomic_text_file,
    check_cancel,
    check_target,
)
from core.formats.w3c import ANNO_CONTEXT, CONTEXT, STATUS_TERM
from core.i18n import _
from core.model import Annotation, DocumentInfo, Status
from core.project import Project

#: Annotations per page; raised for very large exports so pages never nest too deep
#: for JSON readers with a recursion limit (Python's own is about 1,000 levels).
PAGE_SIZE = 1000
MAX_PAGES = 64
GENERATOR = {"type": "Software", "name": f"Glossa {__version__}"}

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")


def urn(identifier: str) -> str:
    """``urn:uuid:`` form of a Glossa id (ids are UUIDs)."""
    return f"urn:uuid:{identifier}"


def _document_resource(document: DocumentInfo) -> dict[str, Any]:
    resource: dict[str, Any] = {"id": urn(document.id), "type": "Text", "format": "text/plain"}
    if _LANGUAGE.match(document.language):
        resource["language"] = document.language
    if document.title:
        resource["dcterms:title"] = document.title
    if document.url:
        resource["dcterms:source"] = document.url
    return resource


def annotation_json(
    annotation: Annotation, document: DocumentInfo, text: str, tag_path: str
) -> dict[str, Any]:
    """One Glossa annotation as a W3C Web Annotation (a complete, standalone object)."""
    try:
        quote = selector_for(text, annotation.start, annotation.end)
    except InvalidSpan as exc:
        raise InvalidValue(_("annotation %(id)s cannot be exported: %(exc)s")
                           % {"id": annotation.id, "exc": exc}) from exc
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": tag_path}
    ]
    motivation: list[str] = ["tagging"]
    if annotation.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting",
                       "value": annotation.note, "format": "text/plain"})
        motivation.append("commenting")
    if annotation.attributes:
        bodies.extend(
            {"type": "TextualBody", "purpose": "describing", "value": f"{name}: {value}"}
            for name, value in sorted(annotation.attributes.items())
        )
        motivation.append("describing")
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": urn(annotation.id),
        "type": "Annotation",
        "motivation": motivation[0] if len(motivation) == 1 else motivation,
    }
    if annotation.author:
        data["creator"] = {"type": "Person", "name": annotation.author}
    if _RFC3339.match(annotation.created):
        data["created"] = annotation.created
    if _RFC3339.match(annotation.modified):
        data["modified"] = annotation.modified
    data["generator"] = GENERATOR
    data[STATUS_TERM] = annotation.status.value
    data["body"] = bodies
    data["target"] = {
        "type": "SpecificResource",
        "source": _document_resource(document),
        "selector": [
            {"type": "TextQuoteSelector", "exact": quote.exact, "prefix": quote.prefix,
             "suffix": quote.suffix},
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
        ],
    }
    return data


def _items(
    project: Project, scope: ResolvedScope, progress: Progress | None, cancel: Cancel | None,
) -> Iterator[dict[str, Any]]:
    codebook = project.codebook()
    total = len(scope.documents)
    for done, (document, found) in enumerate(scope.annotations(project)):
        check_cancel(cancel)
        if progress is not None:
            progress(done, total)
        wanted = [a for a in found
                  if scope.status is not None or a.status is not Status.REJECTED]
        if not wanted:
            continue
        text = project.text(document.id)
        for annotation in wanted:
            yield annotation_json(annotation, document, text, codebook.path(annotation.tag_id))


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_collection(
    handle: TextIO, collection_id: str, label: str, items: Iterator[dict[str, Any]],
    page_size: int,
) -> int:
    """Stream the collection: pages nest through ``next``, so they close at the very end."""
    handle.write(f'{{"@context": {_dump(ANNO_CONTEXT)}, "id": {_dump(collection_id)}, '
                 f'"type": "AnnotationCollection", "label": {_dump(label)}')
    base = uuid.UUID(collection_id.removeprefix("urn:uuid:"))
    count = pages = 0
    page_id = ""
    for item in items:
        if count % page_size == 0:
            previous, page_id = page_id, urn(str(uuid.uuid5(base, f"page-{pages}")))
            handle.write(', "first": ' if pages == 0 else '\n], "next": ')
            handle.write(f'{{"id": {_dump(page_id)}, "type": "AnnotationPage", '
                         f'"partOf": {_dump(collection_id)}, "startIndex": {count}')
            if previous:
                handle.write(f', "prev": {_dump(previous)}')
            handle.write(', "items": [\n')
            pages += 1
        else:
            handle.write(",\n")
        handle.write(_dump(item))
        count += 1
    if pages:
        handle.write("\n]" + "}" * pages + f', "last": {_dump(page_id)}')
    handle.write(f', "total": {count}}}\n')
    return count


def export_w3c(
    project: Project,
    out_path: str | Path,
    *,
    scope: ExportScope = ExportScope(),  # noqa: B008 (frozen, never mutated)
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the annotations ``scope`` selects as one W3C AnnotationCollection; return
    how many. Bad filters raise before anything is written; the file appears only once
    it is complete.
    """
    target = check_target(project, out_path)
    resolved = scope.resolve(project)
    at_most = sum(d.annotation_count for d in resolved.documents)
    page_size = max(PAGE_SIZE, math.ceil(at_most / MAX_PAGES))
    collection_id = urn(str(uuid.uuid4()))
    with atomic_text_file(target, newline="\n") as handle:
        return _write_collection(
            handle, collection_id, f"Glossa annotations: {project.name}",
            _items(project, resolved, progress, cancel), page_size,
        )


__all__ = ["annotation_json", "export_w3c", "urn"]
