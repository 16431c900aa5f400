"""A REFI-QDA project (``.qdpx`` from QualCoder, NVivo, ATLAS.ti, MAXQDA or Glossa) taken in.

Text sources become documents (or find the document already holding the same text),
codes become tags by path, and each ``PlainTextSelection`` becomes one annotation per
coding, with its creating user as author, its ``Description`` and notes as the note and a
"Glossa attributes" note (see ``core.exporters.qdpx``) as attributes. All of it is added
in one transaction; whatever cannot be placed (picture, audio, video and PDF selections,
codings of a whole source, selections without a code) is listed in the report.

**Positions.** Stored texts are normalised (NFC, ``\\n`` line breaks, no BOM), so offsets
are read as code points over the source file's text (a byte-order mark is not counted)
and carried onto the normalised text. Tools
count differently (MAXQDA counts a CRLF as two positions, ATLAS.ti as one, some count
UTF-16 units): when a selection's ``name`` holds its text, the reading under which the
text matches wins; otherwise code points over the file are taken.

**Untrusted archives.** Nothing is extracted to disk. An archive with an absolute or
``..`` member name, a member that declares more than the limits below or unpacks to
more, too many members, or XML with a DTD or entity declarations is refused with
``ImportFailed`` before anything changes.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET
from xml.parsers import expat

from core.anchoring import TextRevision
from core.commands import AddDocument, Command
from core.errors import ImportFailed, InvalidValue
from core.exporters.qdpx import ATTRIBUTES_NOTE, NAMESPACE, VARIABLES
from core.importers.base import MAX_TEXT_CHARS
from core.importers.encoding import decode_bytes
from core.importers.w3c import (
    MAX_TAG_NAME,
    AnnotationIds,
    Execute,
    ImportReport,
    Skip,
    TagResolver,
    Unplaced,
    canonical_uuid,
    commit,
    derived_id,
    timestamp,
)
from core.model import Annotation, Document, Origin, Status, new_id, utc_now
from core.offsets import Utf16Map
from core.project import Project
from core.text import content_hash, normalize_text

MAX_ENTRIES = 100_000
MAX_PROJECT_BYTES = 256 * 1024 * 1024  # project.qde
MAX_SOURCE_BYTES = 64 * 1024 * 1024  # one source text or note
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # everything read from one archive
MAX_XML_DEPTH = 200
PROJECT_ENTRY = "project.qde"


# --- the archive ----------------------------------------------------------------------


def _unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in PurePosixPath(name).parts


class _Archive:
    """A ``.qdpx`` read with limits: member names checked, sizes bounded while reading."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
        except FileNotFoundError as exc:
            raise ImportFailed(path, "does not exist") from exc
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportFailed(path, "is not a .qdpx file (not a readable zip archive)") from exc
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            self.close()
            raise ImportFailed(path, f"holds {len(infos)} files; the limit is {MAX_ENTRIES}")
        for info in infos:
            if _unsafe_name(info.filename):
                self.close()
                raise ImportFailed(path, f"contains an unsafe file name {info.filename!r}; "
                                         "refusing the whole archive")
        self._by_name = {info.filename: info for info in infos}
        self._read = 0

    def close(self) -> None:
        self._zip.close()

    def find(self, name: str) -> zipfile.ZipInfo | None:
        info = self._by_name.get(name)
        if info is None:
            folded = name.casefold()
            info = next((i for n, i in self._by_name.items() if n.casefold() == folded), None)
        return info

    def read(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        """A member's bytes; never more than ``limit`` whatever its header declares."""
        name = info.filename
        if info.file_size > limit:
            raise ImportFailed(self.path, f"{name} declares {info.file_size:,} bytes unpacked; "
                                          f"the limit is {limit:,} (a zip bomb?)")
        if self._read + info.file_size > MAX_TOTAL_BYTES:
            raise ImportFailed(self.path, f"unpacks to more than {MAX_TOTAL_BYTES:,} bytes")
        try:
            with self._zip.open(info) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise ImportFailed(self.path, f"{name} is damaged ({exc})") from exc
        except (NotImplementedError, RuntimeError) as exc:  # unknown method, encrypted
            raise ImportFailed(self.path, f"{name} cannot be unpacked ({exc})") from exc
        if len(data) > limit:
            raise ImportFailed(self.path, f"{name} unpacks to more than {limit:,} bytes")
        self._read += len(data)
        return data


# --- project.qde ----------------------------------------------------------------------


class _Refused(Exception):
    pass


def parse_xml(data: bytes) -> ET.Element:
    """Parse untrusted XML with expat, refusing DTDs and entities and deep nesting.

    Element names lose the QDA-XML namespace (``{urn:QDA-XML:project:1.0}Code`` ->
    ``Code``); other namespaces stay as ``{ns}name`` so vendor extensions never pass
    for standard elements. (defusedxml would do the refusing; it is not a dependency.)
    """
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    names: dict[str, str] = {}  # a file uses few distinct names, millions of times

    def name(raw: str) -> str:
        found = names.get(raw)
        if found is None:
            space, _, local = raw.rpartition("}")
            found = names[raw] = local if space in ("", NAMESPACE) else "{" + raw
        return found

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise _Refused(f"is nested deeper than {MAX_XML_DEPTH} levels")
        builder.start(name(tag), {name(k): v for k, v in attributes.items()})

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(name(tag))

    def refuse_dtd(*_: object) -> None:
        raise _Refused("declares a DTD, which REFI-QDA files never need")

    def refuse_entity(*_: object) -> None:
        raise _Refused("declares entities, which REFI-QDA files never need")

    def refuse_external(*_: object) -> int:
        raise _Refused("refers to external entities, which REFI-QDA files never need")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.Parse(data, True)
    return builder.close()


def _project_root(archive: _Archive) -> ET.Element:
    info = archive.find(PROJECT_ENTRY)
    if info is None:
        raise ImportFailed(archive.path, "has no project.qde, so it is not a REFI-QDA project")
    data = archive.read(info, MAX_PROJECT_BYTES)
    try:
        root = parse_xml(data)
    except _Refused as why:
        raise ImportFailed(archive.path, f"project.qde {why}") from None
    except expat.ExpatError as exc:
        raise ImportFailed(archive.path, f"project.qde is not well-formed XML ({exc})") from exc
    if root.tag != "Project":
        raise ImportFailed(archive.path, "project.qde is not a REFI-QDA project "
                                         f"(root element {root.tag!r})")
    return root


def _children(element: ET.Element | None, name: str) -> Iterator[ET.Element]:
    if element is not None:
        yield from element.iterfind(name)


def _text(element: ET.Element | None) -> str:
    return (element.text or "") if element is not None else ""


@dataclass
class _Code:
    names: list[str]
    color: str | None
    description: str


@dataclass
class _Model:
    users: dict[str, str] = field(default_factory=dict)  # guid -> name
    codes: dict[str, _Code] = field(default_factory=dict)  # guid -> code
    variables: dict[str, str] = field(default_factory=dict)  # guid -> name
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # guid -> (name, text)


def _guid(element: ET.Element, attribute: str = "guid") -> str:
    value = element.get(attribute, "")
    return canonical_uuid(value) or value.strip()


def _colour(value: str | None) -> str | None:
    if value and re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
        return value.strip().lower()
    if value and re.fullmatch(r"#[0-9a-fA-F]{3}", value.strip()):
        return "#" + "".join(c * 2 for c in value.strip()[1:]).lower()
    return None


def _code_name(raw: str, warnings: list[str]) -> str:
    name = " ".join(normalize_text(raw).split()) or "Unnamed code"
    if "/" in name:
        warnings.append(f"code {name!r}: '/' separates tag levels in Glossa, became '-'")
        name = name.replace("/", "-")
    if len(name) > MAX_TAG_NAME:
        warnings.append(f"code {name[:40]!r}...: name shortened to {MAX_TAG_NAME} characters")
        name = name[:MAX_TAG_NAME]
    return name


def _read_codes(parent: ET.Element, path: list[str], model: _Model,
                warnings: list[str]) -> None:
    for code in _children(parent, "Code"):
        names = [*path, _code_name(code.get("name", ""), warnings)]
        model.codes[_guid(code)] = _Code(names, _colour(code.get("color")),
                                         _text(code.find("Description")).strip())
        _read_codes(code, names, model, warnings)


def _read_model(root: ET.Element, archive: _Archive, report: ImportReport) -> _Model:
    model = _Model()
    for user in _children(root.find("Users"), "User"):
        model.users[_guid(user)] = user.get("name") or user.get("id") or ""
    codes = root.find("CodeBook/Codes")
    if codes is not None:
        _read_codes(codes, [], model, report.warnings)
    for variable in _children(root.find("Variables"), "Variable"):
        model.variables[_guid(variable)] = variable.get("name", "")
    for note in _children(root.find("Notes"), "Note"):
        try:
            text = _source_text(note, archive)
        except Skip as why:
            report.warnings.append(f"note {note.get('name', '')!r} {why}; left out")
            continue
        model.notes[_guid(note)] = (note.get("name", ""), text)
    return model


def _source_text(source: ET.Element, archive: _Archive) -> str:
    """The raw (not yet normalised) text of a TextSource or Note."""
    content = source.find("PlainTextContent")
    if content is not None:
        return content.text or ""
    location = source.get("plainTextPath", "")
    if not location.startswith("internal://"):
        if not location:
            raise Skip("has no text")
        raise Skip("keeps its text outside the archive; only internal:// texts are read")
    member = location.removeprefix("internal://")
    if _unsafe_name(member):
        raise Skip(f"names an unsafe path {member!r}")
    info = archive.find(f"sources/{member}")
    if info is None:
        raise Skip(f"names sources/{member}, which is not in the archive")
    data = archive.read(info, MAX_SOURCE_BYTES)
    try:
        return decode_bytes(Path(member), data, declared="utf-8").text
    except ImportFailed as exc:
        raise Skip(exc.reason) from None


# --- positions --------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_DROPPED = re.compile(
    r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]|[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]"
)


class _OffsetMap:
    """Offsets over a file's text carried onto its normalised (stored) form.

    Line breaks and dropped control characters are mapped exactly (with sorted cut
    points and ``bisect``); if NFC composition changed the text too, an edit script
    carries the rest.
    """

    def __init__(self, raw: str, text: str) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._kept: list[int] = []  # output characters each cut leaves (0 or 1)
        self._removed: list[int] = []  # characters removed up to and including each cut
        pieces: list[str] = []
        removed = last = 0
        if raw.startswith("\ufeff"):
            self._cut(0, 1, "", 0)
            removed, last = 1, 1
        for match in _DROPPED.finditer(raw, last):
            replacement = "\n" if _LINE_BREAK.fullmatch(match.group()) else ""
            pieces.append(raw[last:match.start()])
            pieces.append(replacement)
            last = match.end()
            lost = len(match.group()) - len(replacement)
            if lost:
                removed += lost
                self._cut(match.start(), match.end(), replacement, removed)
        pieces.append(raw[last:])
        stage = "".join(pieces)
        self._revision: TextRevision | None = None
        self._whole: TextRevision | None = None
        if unicodedata.normalize("NFC", stage) != text:
            self._whole = TextRevision(raw, text)  # normalize_text changed: map it all
        elif stage != text:
            self._revision = TextRevision(stage, text)

    def _cut(self, start: int, end: int, replacement: str, removed: int) -> None:
        self._starts.append(start)
        self._ends.append(end)
        self._kept.append(len(replacement))
        self._removed.append(removed)

    def map(self, offset: int, *, is_end: bool = False) -> int:
        if self._whole is not None:
            return self._whole.map(offset, is_end=is_end)
        done = bisect_right(self._ends, offset)
        before = self._removed[done - 1] if done else 0
        if done < len(self._starts) and self._starts[done] < offset:  # inside a cut
            mapped = self._starts[done] - before + min(offset - self._starts[done],
                                                       self._kept[done])
        else:
            mapped = offset - before
        if self._revision is not None:
            return self._revision.map(mapped, is_end=is_end)
        return mapped


class _Positions:
    """Reads a selection's start/end as the tool that wrote it most likely meant them."""

    def __init__(self, raw: str, text: str) -> None:
        self.text = text
        self._map = None if raw == text else _OffsetMap(raw, text)
        utf16 = Utf16Map(raw)
        self._utf16 = None if utf16.is_identity else utf16

    def _from_file(self, start: int, end: int) -> tuple[int, int]:
        if self._map is None:
            return start, end
        return self._map.map(start), self._map.map(end, is_end=True)

    def place(self, start: int, end: int, name: str) -> tuple[int, int]:
        readings = [self._from_file(start, end)]
        if self._map is not None:
            readings.append((start, end))  # counted over LF text already
        if self._utf16 is not None:
            readings.append(self._from_file(self._utf16.to_code_point(start),
                                            self._utf16.to_code_point(end)))
        valid = [(s, e) for s, e in readings if 0 <= s < e <= len(self.text)]
        if not valid:
            raise Skip(f"positions {start}-{end} lie outside the text "
                       f"({len(self.text)} characters)")
        wanted = " ".join(normalize_text(name).split())
        if wanted:
            for s, e in valid:
                if " ".join(self.text[s:e].split()) == wanted:
                    return s, e
            if len(wanted) >= 8:
                for s, e in valid:
                    if " ".join(self.text[s:e].split()).startswith(wanted):
                        return s, e
        return valid[0]


# --- sources and selections ---------------------------------------------------------------


@dataclass
class _Sources:
    """Documents planned so far: new ones as commands, all by content hash."""

    project: Project
    commands: list[Command] = field(default_factory=list)
    by_hash: dict[str, str] = field(default_factory=dict)

    def document_for(self, element: ET.Element, name: str, raw: str, text: str,
                     metadata: dict[str, str], report: ImportReport) -> str:
        digest = content_hash(text)
        if digest in self.by_hash:
            return self.by_hash[digest]
        existing = self.project.store.documents.ids_with_hash(digest)
        if existing:
            report.warnings.append(f"source {name!r} is already in the project; "
                                   "its codings went onto that document")
            self.by_hash[digest] = existing[0]
            return existing[0]
        wanted = canonical_uuid(element.get("guid", ""))
        doc_id = wanted if wanted and not self.project.store.documents.exists(wanted) else new_id()
        document = Document(
            id=doc_id, title=name, format="txt", content_hash=digest, chars=len(text),
            imported=utc_now(), source_name=f"{name}.txt", text=text,
            outlet=metadata.get("outlet", ""), author=metadata.get("author", ""),
            url=metadata.get("url", ""), published=metadata.get("published", ""),
            language=metadata.get("language", ""),
        )
        self.commands.append(AddDocument(document, raw.encode("utf-8"),
                                         text=f"Import {name}"))
        self.by_hash[digest] = doc_id
        report.documents_added.append(doc_id)
        return doc_id


def _metadata(source: ET.Element, model: _Model) -> dict[str, str]:
    fields = {variable.casefold(): field_name for field_name, variable in VARIABLES}
    found: dict[str, str] = {}
    for value in _children(source, "VariableValue"):
        ref = value.find("VariableRef")
        variable = model.variables.get(_guid(ref, "targetGUID"), "") if ref is not None else ""
        field_name = fields.get(variable.casefold())
        text = _text(value.find("TextValue")).strip()
        if field_name and text:
            found[field_name] = text
    return found


def _notes_of(element: ET.Element, model: _Model) -> tuple[list[str], dict[str, str]]:
    notes: list[str] = []
    attributes: dict[str, str] = {}
    description = _text(element.find("Description")).strip()
    if description:
        notes.append(description)
    refs = [*_children(element, "NoteRef")]
    for coding in _children(element, "Coding"):
        refs += _children(coding, "NoteRef")
    for ref in refs:
        name, text = model.notes.get(_guid(ref, "targetGUID"), ("", ""))
        if name == ATTRIBUTES_NOTE:
            for line in text.splitlines():
                key, colon, value = line.partition(": ")
                if colon and key.strip():
                    attributes[key.strip()] = value
        elif text.strip():
            notes.append(text.strip())
    return notes, attributes


@dataclass
class _Context:
    project: Project
    model: _Model
    report: ImportReport
    tags: TagResolver
    ids: AnnotationIds
    annotations: list[Annotation] = field(default_factory=list)


def _selection(selection: ET.Element, document_id: str, positions: _Positions,
               context: _Context) -> None:
    model, report = context.model, context.report
    ref = selection.get("guid", "") or f"selection {selection.get('name', '')!r}"
    try:
        start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
    except ValueError:
        report.unplaced.append(Unplaced(ref, "its positions are not whole numbers"))
        return
    try:
        placed = positions.place(start, end, selection.get("name", ""))
    except Skip as why:
        report.unplaced.append(Unplaced(ref, str(why)))
        return
    if placed != (start, end):
        report.moved += 1
    codings = list(_children(selection, "Coding"))
    if not codings:
        report.unplaced.append(Unplaced(ref, "has no code"))
        return
    notes, attributes = _notes_of(selection, model)
    user = selection.get("creatingUser") or codings[0].get("creatingUser") or ""
    author = model.users.get(canonical_uuid(user) or user, "")
    created = timestamp(selection.get("creationDateTime"))
    wanted = canonical_uuid(selection.get("guid", ""))
    for number, coding in enumerate(codings):
        code_ref = coding.find("CodeRef")
        code = model.codes.get(_guid(code_ref, "targetGUID")) if code_ref is not None else None
        if code is None:
            report.unplaced.append(Unplaced(ref, "its coding names a code that is not in "
                                                 "the codebook"))
            continue
        path = "/".join(code.names)
        try:
            tag_id = context.tags.resolve(code.names)
            annotation = Annotation(
                id="", document_id=document_id, start=placed[0], end=placed[1], tag_id=tag_id,
                attributes=dict(attributes), note="\n\n".join(notes), author=author,
                origin=Origin.IMPORTED, status=Status.ACCEPTED, created=created,
            )
            bad = context.tags.attribute_problems(tag_id, annotation.attributes)
            for name, value in bad.items():
                del annotation.attributes[name]
                annotation.note = f"{annotation.note}\n\n{name}: {value}".strip()
                report.warnings.append(f"{ref}: {name} {value!r} is not one of the choices "
                                       f"of {path}; it went into the note")
            annotation.id = context.ids.assign(derived_id(wanted, number, path), annotation)
        except Skip as why:
            report.unplaced.append(Unplaced(f"{ref} ({path})", str(why)))
            continue
        context.annotations.append(annotation)


def _text_source(source: ET.Element, name: str, archive: _Archive, sources: _Sources,
                 context: _Context) -> None:
    report = context.report
    selections = list(_children(source, "PlainTextSelection"))
    try:
        raw = _source_text(source, archive)
        text = normalize_text(raw)
        if not text.strip():
            raise Skip("has no text")
        if len(text) > MAX_TEXT_CHARS:
            raise Skip(f"is longer than {MAX_TEXT_CHARS:,} characters")
    except Skip as why:
        report.unplaced.append(Unplaced(f"source {name!r}", f"{why}; its {len(selections)} "
                                                              "selection(s) were not imported"))
        return
    document_id = sources.document_for(source, name, raw, text,
                                       _metadata(source, context.model), report)
    positions = _Positions(raw, text)
    for selection in selections:
        _selection(selection, document_id, positions, context)
    whole = len(list(_children(source, "Coding")))
    if whole:
        report.unplaced.append(Unplaced(f"source {name!r}", f"{whole} coding(s) of the whole "
                                                            "source; Glossa tags passages"))


def _sources(root: ET.Element, archive: _Archive, context: _Context) -> list[Command]:
    sources = _Sources(context.project)
    for index, source in enumerate(_children(root.find("Sources"), "*")):
        name = " ".join((source.get("name") or "").split()) or f"Source {index + 1}"
        if source.tag == "TextSource":
            _text_source(source, name, archive, sources, context)
        elif source.tag == "PDFSource" and source.find("Representation") is not None:
            representation = source.find("Representation")
            assert representation is not None
            _text_source(representation, name, archive, sources, context)
            skipped = len(list(_children(source, "PDFSelection")))
            if skipped:
                context.report.unplaced.append(Unplaced(
                    f"source {name!r}", f"{skipped} selection(s) by page area; Glossa "
                                        "imported the PDF's text and its text selections"))
        else:
            kind = source.tag.removesuffix("Source").lower() or source.tag
            context.report.unplaced.append(Unplaced(
                f"source {name!r}", f"is a {kind} source; Glossa imports text sources"))
    return sources.commands


def import_qdpx(project: Project, path: str | Path, *,
                execute: Execute | None = None) -> ImportReport:
    """Take the text sources, codebook and codings of a ``.qdpx`` into ``project``.

    Raises ``ImportFailed`` (nothing changed) for an unreadable or unsafe archive;
    anything that cannot be placed is listed in the report with its reason.
    """
    path = Path(path)
    if path.is_dir():
        raise ImportFailed(path, "is a folder")
    archive = _Archive(path)
    try:
        root = _project_root(archive)
        report = ImportReport()
        model = _read_model(root, archive, report)
        tags = TagResolver(project)
        for code_guid, code in model.codes.items():
            try:
                tags.resolve(code.names, color=code.color, description=code.description,
                             tag_id=canonical_uuid(code_guid))
            except Skip as why:
                report.warnings.append(f"code {'/'.join(code.names)!r}: {why}")
        context = _Context(project, model, report, tags, AnnotationIds(project))
        documents = _sources(root, archive, context)
    finally:
        archive.close()
    try:
        commit(project, report, documents, context.annotations, tags,
               f"Import {path.name}", every_tag=True, execute=execute)
    except InvalidValue as exc:
        raise ImportFailed(path, str(exc)) from exc
    return report


__all__ = ["MAX_PROJECT_BYTES", "MAX_SOURCE_BYTES", "import_qdpx", "parse_xml"]
