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
* ``commenting`` bodies (and ``bodyValue``) become the note, and an annotation with a
  comment but no tag (Hypothesis' usual one) a Note annotation; ``describing`` bodies of the
  form ``name: value`` become attributes; ``creator`` the author; ``created`` is kept;
  Glossa's ``glossa:status`` the status (accepted when absent).

Annotations keep their ``urn:uuid`` id unless the project has it already (another id,
such as Hypothesis' URLs, gives a UUID derived from it); one that is
already there with the same span and tag is reported, not duplicated, so importing a
file twice adds nothing. Everything is added in one transaction (one undo step), as
``imported`` annotations.

What both interchange importers share (the report, tags, ids, the commit) lives in
``core.importers.placing``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.anchoring import reanchor
from core.codebook import NOTE_TAG, PATH_SEPARATOR
from core.errors import ImportFailed, InvalidValue
from core.formats.w3c import STATUS_TERM
from core.i18n import _
from core.importers.placing import (
    AnnotationIds,
    Execute,
    ImportReport,
    Skip,
    TagResolver,
    Unplaced,
    canonical_uuid,
    commit,
    derived_id,
    split_path,
    timestamp,
)
from core.model import Annotation, DocumentInfo, Origin, Status, TextQuoteSelector
from core.project import Project
from core.text import normalize_text

#: Largest annotation file read (about a million annotations).
MAX_W3C_BYTES = 512 * 1024 * 1024

# --- reading the file -----------------------------------------------------------------


def _load(path: Path) -> Any:
    try:
        if not path.is_file():
            raise ImportFailed(path, _("does not exist") if not path.exists()
                               else _("is not a file"))
        size = path.stat().st_size
        if size > MAX_W3C_BYTES:
            raise ImportFailed(path, _("is too large (%(value)s MB; the limit is "
                                       "%(value2)s MB)")
                                     % {"value": size // 2**20,
                                        "value2": MAX_W3C_BYTES // 2**20})
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(path, _("cannot be read (%(reason)s)")
                           % {"reason": exc.strerror or exc}) from exc
    try:
        loaded = json.loads(data.decode("utf-8-sig"))
        # "\ud800" is valid JSON but no text: SQLite would refuse it mid-import.
        json.dumps(loaded, ensure_ascii=False).encode("utf-8")
        return loaded
    except UnicodeEncodeError as exc:
        raise ImportFailed(path, _("holds text that is not valid Unicode (a lone surrogate "
                                   "%(object)r)")
                                 % {"object": exc.object[exc.start:exc.end]}) from exc
    except UnicodeDecodeError as exc:
        raise ImportFailed(path, _("is not UTF-8 text, so not a W3C annotation file")) from exc
    except json.JSONDecodeError as exc:
        raise ImportFailed(path, _("is not valid JSON (line %(line)s, column %(column)s: "
                                   "%(reason)s)")
                           % {"line": exc.lineno, "column": exc.colno, "reason": exc.msg}) from exc
    except RecursionError as exc:
        raise ImportFailed(path, _("is nested too deeply to read")) from exc


def _types(value: dict[str, Any]) -> list[str]:
    kind = value.get("type", value.get("@type"))
    kinds = kind if isinstance(kind, list) else [kind]
    return [k for k in kinds if isinstance(k, str)]


def annotations_in(data: Any, path: Path) -> list[Any]:
    """The annotations a W3C file holds, or ``ImportFailed`` when it holds none we can read."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ImportFailed(path, _("holds neither an annotation nor a list or collection "
                                   "of them"))
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
                raise ImportFailed(path, _("refers to an annotation page that is not in "
                                           "the file; export with every page included"))
            items.extend(_page_items(page, path))
            page = page.get("next")
        return items
    raise ImportFailed(path, _("is not a W3C annotation file (type %(data)r)")
                             % {"data": data.get('type')})


def _page_items(page: dict[str, Any], path: Path) -> list[Any]:
    items = page.get("items", [])
    if not isinstance(items, list):
        raise ImportFailed(path, _("has an annotation page whose items are not a list"))
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
    status: Status


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
            warnings.append(_("%(ref)s: a body without a text value was left out") % {"ref": ref})
            continue
        text, purposes = body["value"], _as_list(body.get("purpose"))
        if "tagging" in purposes:
            names = split_path(normalize_text(text))
            if names:
                tags.append(names)
        elif "describing" in purposes and _is_attribute(text):
            name, _colon, attribute = text.partition(": ")
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
        raise Skip(_("has no target"))
    if len(targets) > 1:
        warnings.append(_("%(ref)s: has %(length)s targets; only the first was used")
                        % {"ref": ref, "length": len(targets)})
    target = targets[0]
    if isinstance(target, str) or "source" not in target:
        raise Skip(_("targets a whole document, not a passage of it"))
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
        raise Skip(_("has neither a TextQuoteSelector nor a TextPositionSelector"))
    if quote is not None and not quote.exact:
        raise Skip(_("its TextQuoteSelector quotes no text"))
    return sources, quote, position


def _status(item: dict[str, Any], warnings: list[str], ref: str) -> Status:
    """The Glossa review status (``glossa:status``); accepted when absent or unknown."""
    value = item.get(STATUS_TERM)
    if value is None:
        return Status.ACCEPTED
    try:
        return Status(value)
    except ValueError:
        warnings.append(_("%(ref)s: status %(value)r is not one Glossa knows; taken as "
                          "accepted")
                        % {"ref": ref, "value": value})
        return Status.ACCEPTED


def _parse(item: Any, ref: str, warnings: list[str]) -> _Parsed:
    if not isinstance(item, dict):
        raise Skip(_("is not a JSON object"))
    raw_id = item.get("id")
    wanted = _wanted_id(raw_id) if isinstance(raw_id, str) else None
    tags, notes, attributes = _bodies(item, warnings, ref)
    if not tags and notes:  # a comment (Hypothesis' most common annotation): a Note
        tags = [split_path(NOTE_TAG)]
    if not tags:
        raise Skip(_("has neither a tagging body nor a comment, so nothing to keep"))
    sources, quote, position = _target(item, warnings, ref)
    return _Parsed(
        wanted_id=wanted, tags=tags, note="\n\n".join(notes), attributes=attributes,
        author=_creator(item), created=timestamp(item.get("created")), sources=sources,
        quote=quote, position=position, status=_status(item, warnings, ref),
    )


_FOREIGN_IDS = uuid.UUID("5b0c1a44-3d0e-5c52-9a43-7b8f2f0e1c3d")


def _wanted_id(raw_id: str) -> str | None:
    """The annotation id for a file's ``id``: the UUID it is, or one derived from it
    (Hypothesis ids are URLs), so importing the same file again is noticed."""
    if not raw_id.strip():
        return None
    return canonical_uuid(raw_id) or str(uuid.uuid5(_FOREIGN_IDS, raw_id.strip()))


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
            raise Skip(_("no document in the project contains its quoted text"))
        if len(hits) > 1:
            raise Skip(_("its quoted text is in %(length)s documents; cannot tell which")
                       % {"length": len(hits)})
        return hits[0]


def _place(parsed: _Parsed, documents: _Documents) -> tuple[DocumentInfo, int, int]:
    document = documents.named(parsed.sources)
    if document is None:
        if parsed.quote is None:
            raise Skip(_("its document is not in the project and it has no quote to find "
                         "it by"))
        document = documents.containing(parsed.quote)
    text = documents.text(document.id)
    if parsed.quote is not None:
        hint = parsed.position[0] if parsed.position else None
        span = reanchor(text, parsed.quote, hint)
        if span is None:
            raise Skip(_("its quoted text is no longer in %(title)r") % {"title": document.title})
        return document, span[0], span[1]
    assert parsed.position is not None
    start, end = parsed.position
    if end > len(text):
        raise Skip(_("its position %(start)s-%(end)s is beyond the end of %(title)r")
                   % {"start": start, "end": end, "title": document.title})
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
                    report.warnings.append(_("%(ref)s: %(name)s %(value)r is not one of "
                                             "the choices of %(tag_path)s; it went into "
                                             "the note")
                                           % {"ref": ref, "name": name, "value": value,
                                              "tag_path": tag_path})
                annotation = Annotation(
                    id="", document_id=document.id, start=start, end=end, tag_id=tag_id,
                    attributes=attributes, note=note, author=parsed.author,
                    origin=Origin.IMPORTED, status=parsed.status, created=parsed.created,
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


__all__ = ["annotations_in", "import_w3c"]
