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
from core.model import (
    Annotation,
    AttributeSpec,
    Document,
    Origin,
    PageMap,
    Status,
    Tag,
    TagKind,
    WordBox,
)
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


def read_json_export(path: str | Path) -> MergeSource:
    """A colleague's lossless JSON export (``glossa export --format json``), checked."""
    import base64

    from core.exporters.json import load_json_export

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
    annotations = [
        Annotation(id=a["id"], document_id=a["document_id"], start=a["start"], end=a["end"],
                   tag_id=a["tag_id"], exact=a["exact"], prefix=a["prefix"], suffix=a["suffix"],
                   attributes=dict(a["attributes"]), note=a["note"], author=a["author"],
                   origin=Origin(a["origin"]), status=Status(a["status"]), created=a["created"],
                   modified=a["modified"], deleted=a["deleted"])
        for a in data["annotations"]
    ]
    source = MergeSource(path.stem, tags, documents, annotations)
    check_source(source, path)
    return source


def read_source(path: str | Path) -> MergeSource:
    """A colleague's work from a ``.glossa`` project or a Glossa JSON export."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return read_json_export(path)
    return read_project(path)
