"""A REFI-QDA project (``.qdpx`` from QualCoder, NVivo, ATLAS.ti, MAXQDA or Glossa) taken in.

Text sources become documents (or find the document already holding the same text),
codes become tags by path, and each ``PlainTextSelection`` becomes one annotation per
coding, with its creating user as author, its ``Description`` and notes as the note and a
"Glossa attributes" note (see ``core.exporters.qdpx``) as attributes. All of it is added
in one transaction; whatever cannot be placed (picture, audio, video and PDF selections,
codings of a whole source, selections without a code) is listed in the report.

**Positions** are read as the writing tool counted them (see
``core.importers.qdpx_positions``): a selection lands only where its ``name`` says its text
is, or is listed as not placed; never on other text.

**Untrusted archives** (see ``core.importers.qdpx_archive``): an unsafe member name, a
member larger than the limits, or XML with a DTD or entities is refused with
``ImportFailed`` before anything changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers import expat

from core.codebook import NOTE_TAG
from core.commands import AddDocument, Command
from core.errors import ImportFailed, InvalidValue
from core.formats.qdpx import PROJECT_ENTRY, VARIABLES
from core.formats.qdpx_codes import tag_name
from core.i18n import _
from core.importers.base import MAX_TEXT_CHARS
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
    timestamp,
)
from core.importers.qdpx_archive import (
    MAX_SOURCE_BYTES,
    Archive,
    Refused,
    children,
    guid_of,
    parse_xml,
    source_text,
    text_of,
)
from core.importers.qdpx_notes import (
    Note,
    notes_of,
    project_notes,
    read_notes,
    source_name,
    source_notes,
)
from core.importers.qdpx_positions import SourcePositions
from core.model import Annotation, Document, Origin, Status, new_document_id, utc_now
from core.project import Project
from core.text import content_hash, normalize_text
from core.validation import MAX_TAG_NAME

MAX_PROJECT_BYTES = 256 * 1024 * 1024  # project.qde
#: The tag of a passage that carries a note and no code (Glossa's default codebook has it).


def _project_root(archive: Archive) -> ET.Element:
    info = archive.find(PROJECT_ENTRY)
    if info is None:
        raise ImportFailed(archive.path, _("has no project.qde, so it is not a REFI-QDA "
                                           "project"))
    data = archive.read(info, MAX_PROJECT_BYTES)
    try:
        root = parse_xml(data)
    except Refused as why:
        raise ImportFailed(archive.path, _("project.qde %(why)s") % {"why": why}) from None
    except expat.ExpatError as exc:
        raise ImportFailed(archive.path, _("project.qde is not well-formed XML (%(exc)s)")
                                         % {"exc": exc}) from exc
    if root.tag != "Project":
        raise ImportFailed(archive.path, _("project.qde is not a REFI-QDA project (root "
                                           "element %(tag)r)")
                                         % {"tag": root.tag})
    return root


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
    notes: dict[str, Note] = field(default_factory=dict)  # guid -> note


def _colour(value: str | None) -> str | None:
    if value and re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
        return value.strip().lower()
    if value and re.fullmatch(r"#[0-9a-fA-F]{3}", value.strip()):
        return "#" + "".join(c * 2 for c in value.strip()[1:]).lower()
    return None


def _code_name(raw: str, warnings: list[str]) -> str:
    name = " ".join(normalize_text(raw).split()) or "Unnamed code"
    if "/" in name:
        warnings.append(_("code %(name)r: '/' separates tag levels in Glossa, became '-'")
                        % {"name": name})
        name = name.replace("/", "-")
    if len(name) > MAX_TAG_NAME:
        warnings.append(_("code %(name)r...: name shortened to %(limit)s characters")
                        % {"name": name[:40], "limit": MAX_TAG_NAME})
        name = name[:MAX_TAG_NAME]
    return name


def _read_codes(parent: ET.Element, path: list[str], model: _Model,
                warnings: list[str]) -> None:
    for code in children(parent, "Code"):
        names = [*path, _code_name(tag_name(code.get("name", ""), path), warnings)]
        model.codes[guid_of(code)] = _Code(names, _colour(code.get("color")),
                                         text_of(code.find("Description")).strip())
        _read_codes(code, names, model, warnings)


def _read_model(root: ET.Element, archive: Archive, report: ImportReport) -> _Model:
    model = _Model()
    for user in children(root.find("Users"), "User"):
        model.users[guid_of(user)] = user.get("name") or user.get("id") or ""
    codes = root.find("CodeBook/Codes")
    if codes is not None:
        _read_codes(codes, [], model, report.warnings)
    for variable in children(root.find("Variables"), "Variable"):
        model.variables[guid_of(variable)] = variable.get("name", "")
    model.notes = read_notes(root, archive, report)
    return model


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
            report.warnings.append(_("source %(name)r is already in the project; its "
                                     "codings went onto that document")
                                   % {"name": name})
            self.by_hash[digest] = existing[0]
            return existing[0]
        wanted = canonical_uuid(element.get("guid", ""))
        free = wanted is not None and not self.project.store.documents.exists(wanted)
        doc_id = wanted if wanted is not None and free else new_document_id()
        document = Document(
            id=doc_id, title=name, format="txt", content_hash=digest, chars=len(text),
            imported=utc_now(), source_name=source_name(element) or f"{name}.txt", text=text,
            outlet=metadata.get("outlet", ""), author=metadata.get("author", ""),
            url=metadata.get("url", ""), published=metadata.get("published", ""),
            language=metadata.get("language", ""),
        )
        self.commands.append(AddDocument(document, raw.encode("utf-8"),
                                         text=_("Import %(name)s") % {"name": name}))
        self.by_hash[digest] = doc_id
        report.documents_added.append(doc_id)
        return doc_id


def _metadata(source: ET.Element, model: _Model) -> dict[str, str]:
    fields = {variable.casefold(): field_name for field_name, variable in VARIABLES}
    found: dict[str, str] = {}
    for value in children(source, "VariableValue"):
        ref = value.find("VariableRef")
        variable = model.variables.get(guid_of(ref, "targetGUID"), "") if ref is not None else ""
        field_name = fields.get(variable.casefold())
        text = text_of(value.find("TextValue")).strip()
        if field_name and text:
            found[field_name] = text
    return found


@dataclass
class _Context:
    project: Project
    model: _Model
    report: ImportReport
    tags: TagResolver
    ids: AnnotationIds
    annotations: list[Annotation] = field(default_factory=list)


def _ref(selection: ET.Element) -> str:
    return selection.get("guid", "") or f"selection {selection.get('name', '')!r}"


@dataclass(frozen=True, slots=True)
class _Passage:
    """What every annotation made of one selection shares."""

    document_id: str
    span: tuple[int, int]
    note: str
    attributes: dict[str, str]
    author: str
    created: str
    ref: str  # how the report names the selection
    wanted: str | None  # its GUID, kept as the annotation id where the project allows
    status: Status = Status.ACCEPTED


def _annotate(passage: _Passage, names: list[str], number: int, context: _Context) -> None:
    """Plan the annotation of ``passage`` with the tag at ``names`` (created if missing)."""
    path = "/".join(names)
    try:
        tag_id = context.tags.resolve(names)
        annotation = Annotation(
            id="", document_id=passage.document_id, start=passage.span[0], end=passage.span[1],
            tag_id=tag_id, attributes=dict(passage.attributes), note=passage.note,
            author=passage.author, origin=Origin.IMPORTED, status=passage.status,
            created=passage.created,
        )
        bad = context.tags.attribute_problems(tag_id, annotation.attributes)
        for name, value in bad.items():
            del annotation.attributes[name]
            annotation.note = f"{annotation.note}\n\n{name}: {value}".strip()
            context.report.warnings.append(_("%(ref)s: %(name)s %(value)r is not one of "
                                             "the choices of %(path)s; it went into the "
                                             "note")
                                           % {"ref": passage.ref, "name": name, "value": value,
                                              "path": path})
        annotation.id = context.ids.assign(derived_id(passage.wanted, number, path), annotation)
    except Skip as why:
        context.report.unplaced.append(Unplaced(f"{passage.ref} ({path})", str(why)))
        return
    context.annotations.append(annotation)


def _place(selection: ET.Element, start: int, end: int, positions: SourcePositions,
           report: ImportReport) -> tuple[int, int] | None:
    try:
        placed = positions.place(start, end, selection.get("name", ""))
    except Skip as why:
        report.unplaced.append(Unplaced(_ref(selection), str(why)))
        return None
    if placed != (start, end):
        report.moved += 1
    return placed


def _author(element: ET.Element, model: _Model, *fallbacks: ET.Element) -> str:
    user = element.get("creatingUser") or next(
        (u for f in fallbacks if (u := f.get("creatingUser"))), "")
    return model.users.get(canonical_uuid(user) or user, "")


def _selection(selection: ET.Element, start: int, end: int, document_id: str,
               positions: SourcePositions, context: _Context) -> None:
    """One annotation per coding; a selection with notes but no code is a Note annotation."""
    model, report = context.model, context.report
    placed = _place(selection, start, end, positions, report)
    if placed is None:
        return
    codings = list(children(selection, "Coding"))
    said = notes_of(selection, model.notes)
    if not codings and not said.notes:
        report.unplaced.append(Unplaced(_ref(selection), _("has no code")))
        return
    if said.unknown_status:
        report.warnings.append(_("%(selection)s: status %(unknown_status)r is not one "
                                 "Glossa knows; taken as accepted")
                               % {"selection": _ref(selection),
                                  "unknown_status": said.unknown_status})
    passage = _Passage(document_id, placed, "\n\n".join(said.notes), said.attributes,
                       _author(selection, model, *codings),
                       timestamp(selection.get("creationDateTime")), _ref(selection),
                       canonical_uuid(selection.get("guid", "")),
                       said.status or Status.ACCEPTED)
    if not codings:
        _annotate(passage, [NOTE_TAG], 0, context)
    for number, coding in enumerate(codings):
        code_ref = coding.find("CodeRef")
        code = model.codes.get(guid_of(code_ref, "targetGUID")) if code_ref is not None else None
        if code is None:
            report.unplaced.append(Unplaced(passage.ref, _("its coding names a code that "
                                                           "is not in the codebook")))
            continue
        _annotate(passage, code.names, number, context)


def _note_passages(note: Note, document_id: str, positions: SourcePositions,
                   context: _Context) -> None:
    """A text annotation (QualCoder): a Note annotation on each passage the note marks."""
    for selection in children(note.element, "PlainTextSelection"):
        try:
            start = int(selection.get("startPosition", ""))
            end = int(selection.get("endPosition", ""))
        except ValueError:
            context.report.unplaced.append(
                Unplaced(_ref(selection), _("its positions are not whole numbers")))
            continue
        placed = _place(selection, start, end, positions, context.report)
        if placed is not None:
            created = selection.get("creationDateTime") or note.element.get("creationDateTime")
            passage = _Passage(document_id, placed, note.text.strip(), {},
                               _author(selection, context.model, note.element),
                               timestamp(created), _ref(selection),
                               canonical_uuid(selection.get("guid", "")))
            _annotate(passage, [NOTE_TAG], 0, context)


def _text_source(source: ET.Element, name: str, archive: Archive, sources: _Sources,
                 context: _Context) -> None:
    report = context.report
    selections = list(children(source, "PlainTextSelection"))
    try:
        raw = source_text(source, archive)
        text = normalize_text(raw)
        if not text.strip():
            raise Skip(_("has no text"))
        if len(text) > MAX_TEXT_CHARS:
            raise Skip(_("is longer than %(limit)s characters")
                       % {"limit": f"{MAX_TEXT_CHARS:,}"})
    except Skip as why:
        report.unplaced.append(Unplaced(
            _("source %(name)r") % {"name": name},
            _("%(why)s; its %(count)s selection(s) were not imported")
            % {"why": why, "count": len(selections)}))
        return
    document_id = sources.document_for(source, name, raw, text,
                                       _metadata(source, context.model), report)
    positions = SourcePositions(raw, text)
    numbered: list[tuple[ET.Element, int, int]] = []
    for selection in selections:
        try:
            numbered.append((selection, int(selection.get("startPosition", "")),
                             int(selection.get("endPosition", ""))))
        except ValueError:
            report.unplaced.append(Unplaced(_ref(selection), _("its positions are not whole "
                                                               "numbers")))
    positions.decide([(start, end, element.get("name", ""))
                      for element, start, end in numbered if element.get("name")])
    for selection, start, end in numbered:
        _selection(selection, start, end, document_id, positions, context)
    for note in source_notes(source, name, context.model.notes, report):
        _note_passages(note, document_id, positions, context)
    if positions.guessed:
        report.warnings.append(
            _("source %(name)r: %(guessed)s selection(s) without a name were read as "
              "%(best)s; the file does not say how it counts, and other counts would place "
              "them elsewhere")
            % {"name": name, "guessed": positions.guessed, "best": positions.best})
    report.warnings += [_("source %(name)r: %(notice)s") % {"name": name, "notice": notice}
                        for notice in positions.notices]
    whole = len(list(children(source, "Coding")))
    if whole:
        report.unplaced.append(Unplaced(
            _("source %(name)r") % {"name": name},
            _("%(count)s coding(s) of the whole source; Glossa tags passages") % {"count": whole}))


def _sources(root: ET.Element, archive: Archive, context: _Context) -> list[Command]:
    sources = _Sources(context.project)
    for index, source in enumerate(children(root.find("Sources"), "*")):
        name = " ".join((source.get("name") or "").split()) or f"Source {index + 1}"
        if source.tag == "TextSource":
            _text_source(source, name, archive, sources, context)
        elif source.tag == "PDFSource" and source.find("Representation") is not None:
            representation = source.find("Representation")
            assert representation is not None
            _text_source(representation, name, archive, sources, context)
            skipped = len(list(children(source, "PDFSelection")))
            if skipped:
                context.report.unplaced.append(Unplaced(
                    _("source %(name)r") % {"name": name},
                    _("%(count)s selection(s) by page area; Glossa imported the PDF's text and "
                      "its text selections") % {"count": skipped}))
        else:
            kind = source.tag.removesuffix("Source").lower() or source.tag
            context.report.unplaced.append(Unplaced(
                _("source %(name)r") % {"name": name},
                _("is a %(kind)s source; Glossa imports text sources") % {"kind": kind}))
    return sources.commands


def import_qdpx(project: Project, path: str | Path, *,
                execute: Execute | None = None) -> ImportReport:
    """Take the text sources, codebook and codings of a ``.qdpx`` into ``project``.

    Raises ``ImportFailed`` (nothing changed) for an unreadable or unsafe archive;
    anything that cannot be placed is listed in the report with its reason.
    """
    path = Path(path)
    if path.is_dir():
        raise ImportFailed(path, _("is a folder"))
    archive = Archive(path)
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
                report.warnings.append(_("code %(value)r: %(why)s")
                                       % {"value": '/'.join(code.names), "why": why})
        context = _Context(project, model, report, tags, AnnotationIds(project))
        documents = _sources(root, archive, context)
        project_notes(root, model.notes, report)
    finally:
        archive.close()
    try:
        commit(project, report, documents, context.annotations, tags,
               f"Import {path.name}", every_tag=True, execute=execute)
    except InvalidValue as exc:
        raise ImportFailed(path, str(exc)) from exc
    return report


__all__ = ["MAX_PROJECT_BYTES", "MAX_SOURCE_BYTES", "import_qdpx", "parse_xml"]
