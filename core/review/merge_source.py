"""Reading a colleague's work into memory, trusting nothing in it.

A merge source is a plain snapshot (tags, documents, annotations, tombstones
included) checked row by row, so the merge itself never meets malformed data.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import GlossaError, NotAGlossaProject
from core.model import Annotation, Document, PageMap, Tag
from core.store import Store

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass
class SourceDocument:
    document: Document
    original: bytes = b""
    original_name: str = ""
    pages: list[PageMap] = field(default_factory=list)
    deleted: bool = False


@dataclass
class MergeSource:
    """Everything a colleague's project holds that a merge can take over."""

    name: str
    tags: list[Tag]
    documents: list[SourceDocument]
    annotations: list[Annotation]


def _fail(path: Path, reason: str) -> NotAGlossaProject:
    return NotAGlossaProject(f"{path.name}: {reason}; nothing was merged")


def check_source(source: MergeSource, path: Path) -> None:
    """Raise ``NotAGlossaProject`` for data no honest Glossa could have written."""
    texts = {d.document.id: d.document.text for d in source.documents}
    tag_ids = {t.id for t in source.tags}
    for tag in source.tags:
        if not isinstance(tag.name, str) or not tag.name.strip() or "/" in tag.name:
            raise _fail(path, f"tag {tag.id} has an invalid name")
        if not _COLOUR.match(str(tag.color)):
            tag.color = "#888888"
        if tag.parent_id is not None and tag.parent_id not in tag_ids:
            raise _fail(path, f"tag {tag.name!r} has a missing parent")
    for ann in source.annotations:
        text = texts.get(ann.document_id)
        if text is None:
            raise _fail(path, f"annotation {ann.id} refers to a missing document")
        if ann.tag_id not in tag_ids:
            raise _fail(path, f"annotation {ann.id} refers to a missing tag")
        if not (isinstance(ann.start, int) and isinstance(ann.end, int)
                and 0 <= ann.start < ann.end <= len(text)):
            raise _fail(path, f"annotation {ann.id} has offsets outside its document")
        if not isinstance(ann.attributes, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in ann.attributes.items()
        ):
            raise _fail(path, f"annotation {ann.id} has malformed attributes")
        for name in ("exact", "prefix", "suffix", "note", "author", "created", "modified"):
            if not isinstance(getattr(ann, name), str):
                raise _fail(path, f"annotation {ann.id} has a malformed {name}")


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
            annotations=store.annotations.query(include_deleted=True),
        )
    except GlossaError as err:
        raise _fail(path, f"damaged project ({err})") from err
    except (sqlite3.Error, ValueError, TypeError, KeyError, json.JSONDecodeError) as err:
        raise _fail(path, f"damaged project ({err})") from err
    finally:
        store.close()
    check_source(source, path)
    return source
