"""The Glossa JSON export format, read back: ``load_json_export`` takes such a file from
anyone and trusts nothing in it.

It checks format, version, every field's type, references between records and span
bounds, and raises ``InvalidValue`` naming the first problem and where it is
(``annotations[3].start``). ``core.exporters.json`` writes the format; merges read it here.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from core.errors import InvalidValue
from core.i18n import N_, _
from core.model import DecisionAction, DisagreementKind, Origin, Status, TagKind
from core.text import content_hash

FORMAT = "glossa-project"
VERSION = 1


class _Problem(Exception):
    """One thing wrong with an export, with where it is (``annotations[3].start``)."""


# Field types: "str", "int", "number", "bool", "list", "dict"; a trailing "?" allows null.
_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    # JSON "\\ud800" escapes decode to lone surrogates, which no database can store.
    "str": (lambda v: isinstance(v, str) and not _SURROGATE.search(v), N_("text")),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), N_("an integer")),
    "number": (lambda v: isinstance(v, int | float) and not isinstance(v, bool), N_("a number")),
    "bool": (lambda v: isinstance(v, bool), N_("true or false")),
    "list": (lambda v: isinstance(v, list), N_("a list")),
    "dict": (lambda v: isinstance(v, dict), N_("an object")),
}


def _is(kind: str, value: Any) -> bool:
    if kind.endswith("?"):
        return value is None or _is(kind[:-1], value)
    return _TYPES[kind][0](value)


def _describe(kind: str) -> str:
    described = _(_TYPES[kind.rstrip("?")][1])
    return _("%(kind)s or null") % {"kind": described} if kind.endswith("?") else described


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
        raise _Problem(_("%(where)s: expected an object") % {"where": where})
    fields = {k: v for k, v in fields.items() if k in value or k not in optional}
    missing = [name for name in fields if name not in value]
    if missing:
        raise _Problem(_("%(where)s: missing %(value)s")
                       % {"where": where, "value": ', '.join(repr(m) for m in missing)})
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise _Problem(_("%(where)s: unexpected field %(unknown)r")
                       % {"where": where, "unknown": unknown[0]})
    for name, kind in fields.items():
        if not _is(kind, value[name]):
            raise _Problem(_("%(where)s.%(name)s: expected %(kind)s")
                           % {"where": where, "name": name, "kind": _describe(kind)})
    return value


def _unique_ids(records: list[Any], fields: dict[str, str], where: str,
                optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    by_id: dict[str, Any] = {}
    for i, value in enumerate(records):
        record = _record(value, fields, f"{where}[{i}]", optional)
        if not record["id"]:
            raise _Problem(_("%(where)s[%(i)s].id: is empty") % {"where": where, "i": i})
        if record["id"] in by_id:
            raise _Problem(_("%(where)s[%(i)s].id: %(record)r occurs twice")
                           % {"where": where, "i": i, "record": record['id']})
        by_id[record["id"]] = record
    return by_id


def _one_of(value: str, allowed: Iterable[str], where: str) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise _Problem(_("%(where)s: %(value)r is not one of %(value2)s")
                       % {"where": where, "value": value, "value2": ', '.join(allowed)})


def _check_codebook(tags: list[Any]) -> set[str]:
    by_id = _unique_ids(tags, _TAG, "codebook")
    for i, tag in enumerate(tags):
        where = f"codebook[{i}]"
        _one_of(tag["kind"], (k.value for k in TagKind), f"{where}.kind")
        if tag["parent_id"] is not None and tag["parent_id"] not in by_id:
            raise _Problem(_("%(where)s.parent_id: no tag %(tag)r in the codebook")
                           % {"where": where, "tag": tag['parent_id']})
        for j, spec in enumerate(tag["attributes"]):
            spec = _record(spec, _SPEC, f"{where}.attributes[{j}]")
            if not all(_is("str", c) for c in spec["choices"]):
                raise _Problem(_("%(where)s.attributes[%(j)s].choices: expected a list of "
                                 "text")
                               % {"where": where, "j": j})
    return set(by_id)


def _check_pages(pages: list[Any], length: int, where: str) -> None:
    for i, page in enumerate(pages):
        page = _record(page, _PAGE, f"{where}[{i}]")
        if not 0 <= page["start"] <= page["end"] <= length:
            raise _Problem(_("%(where)s[%(i)s]: span %(page)s-%(page2)s is outside the "
                             "text (0-%(length)s)")
                           % {"where": where, "i": i, "page": page['start'],
                              "page2": page['end'], "length": length})
        for j, word in enumerate(page["words"]):
            if not (isinstance(word, list) and len(word) == 6
                    and all(_is("int", v) for v in word[:2])
                    and all(_is("number", v) for v in word[2:])):
                raise _Problem(_("%(where)s[%(i)s].words[%(j)s]: expected [start, end, x0, "
                                 "y0, x1, y1]")
                               % {"where": where, "i": i, "j": j})


def _check_documents(documents: list[Any]) -> dict[str, int]:
    by_id = _unique_ids(documents, _DOCUMENT, "documents")
    for i, doc in enumerate(documents):
        where = f"documents[{i}]"
        text = doc["text"]
        if doc["chars"] != len(text):
            raise _Problem(_("%(where)s.chars: %(doc)s but the text has %(length)s")
                           % {"where": where, "doc": doc['chars'], "length": len(text)})
        if doc["content_hash"] != content_hash(text):
            raise _Problem(_("%(where)s.content_hash: does not match the text")
                           % {"where": where})
        _check_pages(doc["pages"], len(text), f"{where}.pages")
        if doc["original"] is not None:
            original = _record(doc["original"], _ORIGINAL, f"{where}.original")
            try:
                base64.b64decode(original["data"], validate=True)
            except (binascii.Error, ValueError):
                raise _Problem(_("%(where)s.original.data: is not base64")
                               % {"where": where}) from None
    return {doc_id: len(doc["text"]) for doc_id, doc in by_id.items()}


def _check_history(history: list[Any], annotation_ids: set[str]) -> None:
    for i, value in enumerate(history):
        where = f"annotation_history[{i}]"
        entry = _record(value, _HISTORY, where)
        if entry["annotation_id"] not in annotation_ids:
            raise _Problem(_("%(where)s.annotation_id: no annotation %(entry)r")
                           % {"where": where, "entry": entry['annotation_id']})
        old = _record(entry["snapshot"], _ANNOTATION, f"{where}.snapshot")
        if old["id"] != entry["annotation_id"]:
            raise _Problem(_("%(where)s.snapshot.id: is not the annotation_id")
                           % {"where": where})
        _one_of(old["origin"], (o.value for o in Origin), f"{where}.snapshot.origin")
        _one_of(old["status"], (s.value for s in Status), f"{where}.snapshot.status")


def _check_annotations(annotations: list[Any], lengths: dict[str, int],
                       tag_ids: set[str]) -> set[str]:
    by_id = _unique_ids(annotations, _ANNOTATION, "annotations")
    for i, a in enumerate(annotations):
        where = f"annotations[{i}]"
        if a["document_id"] not in lengths:
            raise _Problem(_("%(where)s.document_id: no document %(a)r")
                           % {"where": where, "a": a['document_id']})
        if a["tag_id"] not in tag_ids:
            raise _Problem(_("%(where)s.tag_id: no tag %(a)r in the codebook")
                           % {"where": where, "a": a['tag_id']})
        length = lengths[a["document_id"]]
        if not 0 <= a["start"] < a["end"] <= length:
            raise _Problem(_("%(where)s: span %(a)s-%(a2)s is not inside the text "
                             "(0-%(length)s) or is empty")
                           % {"where": where, "a": a['start'], "a2": a['end'], "length": length})
        _one_of(a["origin"], (o.value for o in Origin), f"{where}.origin")
        _one_of(a["status"], (s.value for s in Status), f"{where}.status")
        if not all(_is("str", k) and _is("str", v) for k, v in a["attributes"].items()):
            raise _Problem(_("%(where)s.attributes: names and values must be text")
                           % {"where": where})
    return set(by_id)


def _check_decisions(decisions: list[Any], document_ids: Iterable[str]) -> None:
    _unique_ids(decisions, _DECISION, "decisions", _DECISION_LATER)
    known = set(document_ids)
    for i, d in enumerate(decisions):
        where = f"decisions[{i}]"
        if d["document_id"] not in known:
            raise _Problem(_("%(where)s.document_id: no document %(d)r")
                           % {"where": where, "d": d['document_id']})
        _one_of(d["kind"], (k.value for k in DisagreementKind), f"{where}.kind")
        _one_of(d["action"], (a.value for a in DecisionAction), f"{where}.action")
        for name in ("annotations_a", "annotations_b", "created_annotations"):
            if not all(_is("str", v) for v in d[name]):
                raise _Problem(_("%(where)s.%(name)s: expected a list of annotation ids")
                               % {"where": where, "name": name})
        for key, value in d["statuses_before"].items():
            if not _is("str", key):
                raise _Problem(_("%(where)s.statuses_before: keys must be annotation ids")
                               % {"where": where})
            _one_of(value, (s.value for s in Status), f"{where}.statuses_before[{key!r}]")


def _validate(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Problem(_("not a Glossa project export (no \"format\": \"%(format)s\")")
                       % {"format": FORMAT})
    version = data.get("version")
    if version != VERSION or not _is("int", version):
        raise _Problem(_("export version %(version)r is not supported (this Glossa reads "
                         "version %(version2)s)")
                       % {"version": version, "version2": VERSION})
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
            raise _Problem(_("the key %(key)r occurs twice in one object") % {"key": key})
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise _Problem(_("%(name)s is not valid JSON") % {"name": name})


def load_json_export(path: str | Path) -> dict[str, Any]:
    """Read and check a file written by ``export_json``; raise ``InvalidValue`` if it is not one.

    Safe on untrusted files: nothing is evaluated, duplicate keys and NaN are refused,
    and every reference and span is checked, so an importer can rely on the result.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InvalidValue(_("%(name)s: cannot be read (%(value)s)")
                           % {"name": path.name, "value": err.strerror or err}) from err
    try:
        data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_no_duplicate_keys,
                          parse_constant=_no_constants)
        return _validate(data)
    except UnicodeDecodeError:
        raise InvalidValue(_("%(name)s: is not UTF-8 text") % {"name": path.name}) from None
    except json.JSONDecodeError as err:
        raise InvalidValue(_("%(name)s: is not valid JSON (%(msg)s at line %(lineno)s, "
                             "column %(colno)s)")
                           % {"name": path.name, "msg": err.msg, "lineno": err.lineno,
                              "colno": err.colno}) from None
    except RecursionError:
        raise InvalidValue(_("%(name)s: is nested too deeply to be an export")
                           % {"name": path.name}) from None
    except _Problem as problem:
        raise InvalidValue(f"{path.name}: {problem}") from None


__all__ = ["FORMAT", "VERSION", "load_json_export"]
