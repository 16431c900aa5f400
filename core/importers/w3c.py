"""W3C Web Annotations (JSON-LD) placed back onto the project's documents.

Reads what ``core.exporters.w3c`` writes and what other annotation tools write: one
annotation, a list, an ``AnnotationPage`` or an ``AnnotationCollection`` whose pages are
inline (``first``/``next``). The file is untrusted: its shape is checked, a file that
cannot be read as a whole raises ``ImportFailed`` and changes nothing, and every
annotation that cannot be placed is listed in the ``ImportReport`` with its reason.

Placing one annotation:

* **document**: the target's ``source`` ``urn:uuid:<id>`` when that document exists;
  else a document whose URL is the source (or its ``dcterms:source``); else the one
  document whose text contains the quote (its context decides between several);
* **span**: the ``TextQuoteSelector`` re-anchored on that text (so a slightly edited
  copy still works), the ``TextPositionSelector`` (code points over LF text) only as a
  hint; a position alone is used as it is on a document found by id or URL;
* **tag**: each ``tagging`` body's value is a tag path; missing tags are created (with a
  colour derived from the path); several tags give one annotation each;
* ``commenting`` bodies (and ``bodyValue``) become the note; ``describing`` bodies of the
  form ``name: value`` become attributes; ``creator`` the author; ``created`` is kept.

Annotations keep their ``urn:uuid`` id unless the project has it already; one that is
already there with the same span and tag is reported, not duplicated, so importing a
file twice adds nothing. Everything is added in one transaction (one undo step), as
``imported`` annotations.

``ImportReport``, ``Unplaced`` and ``TagResolver`` are shared with ``core.importers.qdpx``.
"""

from __future__ import annotations

import colorsys
import hashlib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.anchoring import reanchor
from core.codebook import PATH_SEPARATOR
from core.commands import AddAnnotations, AddTag, Batch, Command
from core.errors import ImportFailed, InvalidValue, NotFound
from core.model import Annotation, DocumentInfo, Origin, Status, Tag, TextQuoteSelector
from core.project import Project
from core.text import normalize_text
from core.validation import MAX_TAG_NAME

#: Largest annotation file read (about a million annotations).
MAX_W3C_BYTES = 512 * 1024 * 1024

#: Runs the import's one command: ``project.execute``, or the GUI's undo-stack runner.
Execute = Callable[[Command], object]


# --- what an import did ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unplaced:
    """Something from the file that did not become an annotation, and why."""

    ref: str  # its id in the file, or where it is ("annotation #3")
    reason: str


@dataclass
class ImportReport:
    """What an interchange import added, and everything it could not place."""

    placed: list[str] = field(default_factory=list)  # ids of the annotations added
    unplaced: list[Unplaced] = field(default_factory=list)
    tags_added: list[str] = field(default_factory=list)  # paths
    documents_added: list[str] = field(default_factory=list)  # ids
    moved: int = 0  # placed elsewhere than the file's positions said (re-anchored)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a status bar or the CLI."""
        parts = [f"{len(self.placed)} annotation(s) placed"]
        if self.moved:
            parts.append(f"{self.moved} re-anchored")
        if self.unplaced:
            parts.append(f"{len(self.unplaced)} not placed")
        if self.documents_added:
            parts.append(f"{len(self.documents_added)} document(s) added")
        if self.tags_added:
            parts.append(f"{len(self.tags_added)} tag(s) added")
        return ", ".join(parts)


class Skip(Exception):
    """One item of an import cannot be placed; the message says why."""


# --- helpers both interchange importers share ------------------------------------------


def tag_colour(path: str) -> str:
    """A stable, readable colour for a tag created by an import (same path, same colour)."""
    digest = hashlib.sha256(path.casefold().encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    red, green, blue = colorsys.hls_to_rgb(hue, 0.45, 0.6)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))


def split_path(path: str) -> list[str]:
    """The names of a tag path; ``Tone / Critical`` and ``Tone/Critical`` are the same."""
    return [part.strip() for part in path.split(PATH_SEPARATOR) if part.strip()]


class TagResolver:
    """Finds tags by path (case-insensitive) and plans ``AddTag`` for the missing ones."""

    def __init__(self, project: Project) -> None:
        self._project = project
        codebook = project.codebook()
        self._codebook = codebook
        self._by_path = {codebook.path(t.id).casefold(): t.id for t in codebook.tags}
        self._children = {t.id: len(codebook.children(t.id)) for t in codebook.tags}
        self._children[""] = len(codebook.children(None))
        self.commands: list[Command] = []
        self.added: list[str] = []

    def resolve(self, names: list[str], *, color: str | None = None, description: str = "",
                tag_id: str | None = None) -> str:
        """The id of the tag at path ``names``, planning it (and its parents) if missing.

        ``color``, ``description`` and ``tag_id`` apply only to the last level when it is
        new; ``tag_id`` is used only if no tag, live or deleted, has it yet.
        """
        if not names:
            raise Skip("the tag path is empty")
        parent: str | None = None
        for depth, name in enumerate(names):
            if len(name) > MAX_TAG_NAME:
                raise Skip(f"tag name {name[:40]!r}... is longer than {MAX_TAG_NAME} characters")
            path = PATH_SEPARATOR.join(names[:depth + 1])
            found = self._by_path.get(path.casefold())
            if found is None:
                last = depth == len(names) - 1
                found = self._plan(name, parent, path, color if last else None,
                                   description if last else "", tag_id if last else None)
            parent = found
        assert parent is not None
        return parent

    def _plan(self, name: str, parent: str | None, path: str, color: str | None,
              description: str, tag_id: str | None) -> str:
        new_id = tag_id if tag_id and not self._id_taken(tag_id) else str(uuid.uuid4())
        siblings = self._children.get(parent or "", 0)
        self._children[parent or ""] = siblings + 1
        self._children[new_id] = 0
        tag = Tag(id=new_id, name=name, parent_id=parent, color=color or tag_colour(path),
                  position=siblings, description=description)
        self.commands.append(AddTag(tag, text=f"Add tag {path}"))
        self._by_path[path.casefold()] = new_id
        self.added.append(path)
        return new_id

    def _id_taken(self, tag_id: str) -> bool:
        if tag_id in self._by_path.values():
            return True
        try:
            self._project.store.tags.get(tag_id)
        except NotFound:
            return False
        return True

    def used(self, tag_ids: set[str]) -> tuple[list[Command], list[str]]:
        """The planned ``AddTag`` commands (and paths) that ``tag_ids`` need, in order."""
        needed: set[str] = set()
        planned = {c.tag.id: c for c in self.commands if isinstance(c, AddTag)}
        for tag_id in tag_ids:
            current: str | None = tag_id
            while current in planned and current not in needed:
                needed.add(current)
                current = planned[current].tag.parent_id
        keep = [(c, p) for c, p in zip(self.commands, self.added, strict=True)
                if isinstance(c, AddTag) and c.tag.id in needed]
        return [c for c, _ in keep], [p for _, p in keep]

    def attribute_problems(self, tag_id: str, attributes: dict[str, str]) -> dict[str, str]:
        """Attributes whose value the tag's choices do not allow (new tags allow anything)."""
        if tag_id not in self._codebook:
            return {}
        bad: dict[str, str] = {}
        for spec in self._codebook.attribute_specs(tag_id):
            value = attributes.get(spec.name, "")
            if spec.choices and value and value not in spec.choices:
                bad[spec.name] = value
        return bad


def timestamp(value: object) -> str:
    """An ISO 8601 time as Glossa stores it (UTC, milliseconds, ``Z``), or ``""``."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


_CANONICAL_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def canonical_uuid(value: str) -> str | None:
    """``value`` as a lower-case UUID (braces and ``urn:uuid:`` allowed), or None."""
    text = value.strip().removeprefix("urn:uuid:").removeprefix("{").removesuffix("}")
    if _CANONICAL_UUID.match(text):
        return text
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


class AnnotationIds:
    """Keeps a file's annotation ids where the project allows, and spots repeats."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._used: set[str] = set()

    def assign(self, wanted: str | None, annotation: Annotation) -> str:
        """The id for ``annotation``; raises ``Skip`` if the project already has it as is."""
        if wanted is not None and wanted not in self._used:
            try:
                existing = self._project.store.annotations.get(wanted)
            except NotFound:
                self._used.add(wanted)
                return wanted
            same = (existing.document_id, existing.start, existing.end, existing.tag_id) == (
                annotation.document_id, annotation.start, annotation.end, annotation.tag_id)
            if same and not existing.deleted:
                raise Skip("is already in the project (same id, span and tag)")
        fresh = str(uuid.uuid4())
        self._used.add(fresh)
        return fresh


def derived_id(base: str | None, index: int, tag_path: str) -> str | None:
    """The id of the ``index``-th annotation made from one foreign item with several tags."""
    if base is None or index == 0:
        return base
    return str(uuid.uuid5(uuid.UUID(base), f"tag:{tag_path.casefold()}"))


def commit(project: Project, report: ImportReport, documents: list[Command],
           annotations: list[Annotation], tags: TagResolver, text: str, *,
           every_tag: bool = False, execute: Execute | None = None) -> None:
    """Add documents, tags and annotations in one step (one transaction, one undo).

    ``execute`` runs the step (default ``project.execute``); the GUI passes its undo
    stack's runner so the import is one entry in Edit › Undo.

    Only the planned tags the annotations use are added, unless ``every_tag`` (a
    codebook that is imported as a whole).
    """
    if every_tag:
        tag_commands, tag_paths = list(tags.commands), list(tags.added)
    else:
        tag_commands, tag_paths = tags.used({a.tag_id for a in annotations})
    commands = [*documents, *tag_commands]
    if annotations:
        commands.append(AddAnnotations(annotations, text=text))
    if commands:
        (execute or project.execute)(Batch(commands, text=text))
    report.placed.extend(a.id for a in annotations)
    report.tags_added.extend(tag_paths)


# --- reading the file -----------------------------------------------------------------


def _load(path: Path) -> Any:
    try:
        if not path.is_file():
            raise ImportFailed(path, "does not exist" if not path.exists() else "is not a file")
        size = path.stat().st_size
        if size > MAX_W3C_BYTES:
            raise ImportFailed(path, f"is too large ({size // 2**20} MB; the limit is "
                                     f"{MAX_W3C_BYTES // 2**20} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(path, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        loaded = json.loads(data.decode("utf-8-sig"))
        # "\ud800" is valid JSON but no text: SQLite would refuse it mid-import.
        json.dumps(loaded, ensure_ascii=False).encode("utf-8")
        return loaded
    except UnicodeEncodeError as exc:
        raise ImportFailed(path, "holds text that is not valid Unicode (a lone surrogate "
                                 f"{exc.object[exc.start:exc.end]!r})") from exc
    except UnicodeDecodeError as exc:
        raise ImportFailed(path, "is not UTF-8 text, so not a W3C annotation file") from exc
    except json.JSONDecodeError as exc:
        raise ImportFailed(path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                                 f"{exc.msg})") from exc
    except RecursionError as exc:
        raise ImportFailed(path, "is nested too deeply to read") from exc


def _types(value: dict[str, Any]) -> list[str]:
    kind = value.get("type", value.get("@type"))
    kinds = kind if isinstance(kind, list) else [kind]
    return [k for k in kinds if isinstance(k, str)]


def annotations_in(data: Any, path: Path) -> list[Any]:
    """The annotations a W3C file holds, or ``ImportFailed`` when it holds none we can read."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ImportFailed(path, "holds neither an annotation nor a list or collection of them")
    kinds = _types(data)
    if "Annotation" in kinds:
        return [data]
    if "AnnotationPage" in kinds:
        return _page_items(data, path)
    if "AnnotationCollection" in kinds:
        items: list[Any] = []
        page = data.get("first")
        if page is None:
            return []
        while page is not None:
            if not isinstance(page, dict):
                raise ImportFailed(path, "refers to an annotation page that is not in the "
                                         "file; export with every page included")
            items.extend(_page_items(page, path))
            page = page.get("next")
        return items
    raise ImportFailed(path, f"is not a W3C annotation file (type {data.get('type')!r})")


def _page_items(page: dict[str, Any], path: Path) -> list[Any]:
    items = page.get("items", [])
    if not isinstance(items, list):
        raise ImportFailed(path, "has an annotation page whose items are not a list")
    return items


# --- one annotation -------------------------------------------------------------------


@dataclass
class _Parsed:
    wanted_id: str | None
    tags: list[list[str]]
    note: str
    attributes: dict[str, str]
    author: str
    created: str
    sources: list[str]  # ids or URLs that may name the document
    quote: TextQuoteSelector | None
    position: tuple[int, int] | None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _bodies(item: dict[str, Any], warnings: list[str], ref: str
            ) -> tuple[list[list[str]], list[str], dict[str, str]]:
    tags: list[list[str]] = []
    notes: list[str] = []
    attributes: dict[str, str] = {}
    value = item.get("bodyValue")
    if isinstance(value, str) and value.strip():
        notes.append(value.strip())
    for body in _as_list(item.get("body", [])):
        if isinstance(body, str):
            notes.append(body)  # a linked resource: keep its address in the note
            continue
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            warnings.append(f"{ref}: a body without a text value was left out")
            continue
        text, purposes = body["value"], _as_list(body.get("purpose"))
        if "tagging" in purposes:
            names = split_path(normalize_text(text))
            if names:
                tags.append(names)
        elif "describing" in purposes and _is_attribute(text):
            name, _, attribute = text.partition(": ")
            attributes[name.strip()] = attribute
        elif text.strip():
            notes.append(text.strip())
    return tags, notes, attributes


def _is_attribute(text: str) -> bool:
    """``name: value`` with a short one-line name, as the exporter writes attributes."""
    name, colon, _ = text.partition(": ")
    return bool(colon) and 0 < len(name.strip()) <= 64 and "\n" not in name


def _creator(item: dict[str, Any]) -> str:
    for creator in _as_list(item.get("creator")):
        if isinstance(creator, str) and creator.strip():
            return creator.strip()
        if isinstance(creator, dict):
            for key in ("name", "nickname", "id"):
                value = creator.get(key)
                if isinstance(value, str) and value.strip():
                    return value.strip()
    return ""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _target(item: dict[str, Any], warnings: list[str], ref: str
            ) -> tuple[list[str], TextQuoteSelector | None, tuple[int, int] | None]:
    targets = [t for t in _as_list(item.get("target")) if isinstance(t, dict | str)]
    if not targets:
        raise Skip("has no target")
    if len(targets) > 1:
        warnings.append(f"{ref}: has {len(targets)} targets; only the first was used")
    target = targets[0]
    if isinstance(target, str) or "source" not in target:
        raise Skip("targets a whole document, not a passage of it")
    sources: list[str] = []
    source = target["source"]
    if isinstance(source, str):
        sources.append(source)
    elif isinstance(source, dict):
        sources += [v for v in (source.get("id"), source.get("dcterms:source"))
                    if isinstance(v, str)]
    quote: TextQuoteSelector | None = None
    position: tuple[int, int] | None = None
    for selector in _as_list(target.get("selector")):
        if not isinstance(selector, dict):
            continue
        kinds = _types(selector)
        if "TextQuoteSelector" in kinds and isinstance(selector.get("exact"), str):
            prefix, suffix = selector.get("prefix", ""), selector.get("suffix", "")
            quote = TextQuoteSelector(
                normalize_text(selector["exact"]),
                normalize_text(prefix) if isinstance(prefix, str) else "",
                normalize_text(suffix) if isinstance(suffix, str) else "",
            )
        elif "TextPositionSelector" in kinds:
            start, end = _int(selector.get("start")), _int(selector.get("end"))
            if start is not None and end is not None and 0 <= start < end:
                position = (start, end)
    if quote is None and position is None:
        raise Skip("has neither a TextQuoteSelector nor a TextPositionSelector")
    if quote is not None and not quote.exact:
        raise Skip("its TextQuoteSelector quotes no text")
    return sources, quote, position


def _parse(item: Any, ref: str, warnings: list[str]) -> _Parsed:
    if not isinstance(item, dict):
        raise Skip("is not a JSON object")
    raw_id = item.get("id")
    wanted = canonical_uuid(raw_id) if isinstance(raw_id, str) else None
    tags, notes, attributes = _bodies(item, warnings, ref)
    if not tags:
        raise Skip("has no tagging body, so no tag to give it")
    sources, quote, position = _target(item, warnings, ref)
    return _Parsed(
        wanted_id=wanted, tags=tags, note="\n\n".join(notes), attributes=attributes,
        author=_creator(item), created=timestamp(item.get("created")), sources=sources,
        quote=quote, position=position,
    )


class _Documents:
    """The project's documents, with texts loaded once and only when needed."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self.infos = project.documents()
        self._by_id = {d.id: d for d in self.infos}
        self._texts: dict[str, str] = {}

    def text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            self._texts[doc_id] = self._project.text(doc_id)
        return self._texts[doc_id]

    def named(self, sources: list[str]) -> DocumentInfo | None:
        for source in sources:
            doc_id = canonical_uuid(source) if source.startswith("urn:uuid:") else None
            if doc_id is not None and doc_id in self._by_id:
                return self._by_id[doc_id]
        for source in sources:
            if source.startswith(("http://", "https://")):
                same = [d for d in self.infos if d.url.strip() == source.strip()]
                if len(same) == 1:
                    return same[0]
        return None

    def containing(self, quote: TextQuoteSelector) -> DocumentInfo:
        hits = [d for d in self.infos if quote.exact in self.text(d.id)]
        if len(hits) > 1:
            context = quote.prefix + quote.exact + quote.suffix
            hits = [d for d in hits if context in self.text(d.id)] or hits
        if not hits:
            raise Skip("no document in the project contains its quoted text")
        if len(hits) > 1:
            raise Skip(f"its quoted text is in {len(hits)} documents; cannot tell which")
        return hits[0]


def _place(parsed: _Parsed, documents: _Documents) -> tuple[DocumentInfo, int, int]:
    document = documents.named(parsed.sources)
    if document is None:
        if parsed.quote is None:
            raise Skip("its document is not in the project and it has no quote to find it by")
        document = documents.containing(parsed.quote)
    text = documents.text(document.id)
    if parsed.quote is not None:
        hint = parsed.position[0] if parsed.position else None
        span = reanchor(text, parsed.quote, hint)
        if span is None:
            raise Skip(f"its quoted text is no longer in {document.title!r}")
        return document, span[0], span[1]
    assert parsed.position is not None
    start, end = parsed.position
    if end > len(text):
        raise Skip(f"its position {start}-{end} is beyond the end of {document.title!r}")
    return document, start, end


def import_w3c(project: Project, path: str | Path, *,
               execute: Execute | None = None) -> ImportReport:
    """Place the W3C annotations in ``path`` onto this project's documents.

    Raises ``ImportFailed`` (nothing changed) when the file is unreadable as a whole;
    annotations that cannot be placed are listed in the report with their reasons.
    """
    path = Path(path)
    items = annotations_in(_load(path), path)
    report = ImportReport()
    documents = _Documents(project)
    tags = TagResolver(project)
    ids = AnnotationIds(project)
    annotations: list[Annotation] = []
    for index, item in enumerate(items):
        raw_id = item.get("id") if isinstance(item, dict) else None
        ref = raw_id if isinstance(raw_id, str) else f"annotation #{index + 1}"
        try:
            parsed = _parse(item, ref, report.warnings)
            document, start, end = _place(parsed, documents)
        except Skip as why:
            report.unplaced.append(Unplaced(ref, str(why)))
            continue
        if parsed.position is not None and parsed.position != (start, end):
            report.moved += 1
        for number, names in enumerate(parsed.tags):
            tag_path = PATH_SEPARATOR.join(names)
            try:
                tag_id = tags.resolve(names)
                note, attributes = parsed.note, dict(parsed.attributes)
                bad = tags.attribute_problems(tag_id, attributes)
                for name, value in bad.items():
                    del attributes[name]
                    note = f"{note}\n\n{name}: {value}".strip()
                    report.warnings.append(f"{ref}: {name} {value!r} is not one of the "
                                           f"choices of {tag_path}; it went into the note")
                annotation = Annotation(
                    id="", document_id=document.id, start=start, end=end, tag_id=tag_id,
                    attributes=attributes, note=note, author=parsed.author,
                    origin=Origin.IMPORTED, status=Status.ACCEPTED, created=parsed.created,
                )
                annotation.id = ids.assign(derived_id(parsed.wanted_id, number, tag_path),
                                           annotation)
            except Skip as why:
                report.unplaced.append(Unplaced(f"{ref} ({tag_path})", str(why)))
                continue
            annotations.append(annotation)
    try:
        commit(project, report, [], annotations, tags, f"Import annotations from {path.name}",
               execute=execute)
    except InvalidValue as exc:
        raise ImportFailed(path, str(exc)) from exc
    return report


__all__ = [
    "AnnotationIds",
    "ImportReport",
    "Skip",
    "TagResolver",
    "Unplaced",
    "canonical_uuid",
    "commit",
    "derived_id",
    "import_w3c",
    "tag_colour",
    "timestamp",
]
