"""A REFI-QDA project (``.qdpx``) for QualCoder, NVivo, ATLAS.ti and MAXQDA.

The zip holds ``project.qde`` (QDA-XML 1.0, namespace ``urn:QDA-XML:project:1.0``, valid
against the published ``Project.xsd``) and one ``sources/<document id>.txt`` per document:

* ``Users``: one per analyst, with a GUID that is the same in every export
  (``uuid5`` of the name), so codings from several exports still belong together;
* ``CodeBook``: the tag tree as nested ``Code``s (GUID = tag id, colour, description);
* ``Variables``: outlet, author, URL, publication date and language of each document,
  as text variables (``VariableValue`` on the source) where a document has them;
* ``Sources``: a ``TextSource`` per document (GUID = document id, ``plainTextPath``
  ``internal://<id>.txt``) with a ``PlainTextSelection`` per annotation (GUID = annotation
  id, ``name`` = the tagged text) carrying one ``Coding`` of its tag, its creating user
  and times. The selection's ``Description`` (QualCoder's coding memo) holds the note,
  then the attributes (speaker, form ...) and a status other than accepted, laid out as
  ``core.formats.qdpx_memo`` says; the attributes are also a ``Note`` named "Glossa
  attributes" with ``name: value`` lines, linked by ``NoteRef``, for tools that read those.

**Code names** are unique (QualCoder keys codes by name): a tag whose name another
shares is written as ``Name (Parent/Path)`` (``core.formats.qdpx_codes``), and the
report lists them. Every ``TextSource`` names the exporting analyst as creating user.

**Positions**: ``startPosition``/``endPosition`` count **code points** (characters, not
UTF-16 units or bytes; ``positions="utf16"`` counts UTF-16 units, for QualCoder) in the
source file, which is UTF-8 without a byte-order mark and
has ``\\n`` (LF) as its only line break. Vendors count differently (MAXQDA counts a CRLF
as two positions, ATLAS.ti as one), so Glossa never writes a CR: both read the same
offsets. Rejected suggestions are exported only when the status filter asks for them.
Tag keys and tone ordinals have no place in QDA-XML and are not kept.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree as ET

from core import __version__
from core.codebook import Codebook
from core.exporters import (
    Cancel,
    ExportScope,
    Progress,
    ResolvedScope,
    atomic_path,
    check_cancel,
    check_target,
)
from core.formats.qdpx import (
    ATTRIBUTES_NOTE,
    NAMESPACE,
    PROJECT_ENTRY,
    SOURCE_NAME_PREFIX,
    SOURCES_FOLDER,
    VARIABLES,
)
from core.formats.qdpx_codes import unique_code_names
from core.formats.qdpx_memo import attribute_lines, write_description
from core.i18n import _
from core.model import Annotation, DocumentInfo, Status, utc_now
from core.offsets import Utf16Map
from core.project import Project

Positions = Literal["codepoints", "utf16"]
POSITIONS: tuple[Positions, ...] = ("codepoints", "utf16")

_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# Characters XML 1.0 cannot carry at all; a note pasted from elsewhere may hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NAMES = uuid.uuid5(uuid.NAMESPACE_URL, "urn:glossa:qdpx")


def user_guid(name: str) -> str:
    """The stable GUID of an analyst: the same name gives the same GUID in every export."""
    return str(uuid.uuid5(_NAMES, f"user:{name}"))


def _guid(identifier: str) -> str:
    """Glossa ids are UUIDs already; anything else is mapped to one, stably."""
    return identifier.lower() if _GUID.match(identifier) else str(uuid.uuid5(_NAMES, identifier))


def _derived(kind: str, identifier: str) -> str:
    return str(uuid.uuid5(_NAMES, f"{kind}:{identifier}"))


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _element(parent: ET.Element, element: str, /, **attributes: str) -> ET.Element:
    """A child in the QDA-XML namespace; empty attributes are left out."""
    return ET.SubElement(parent, element, {k: _clean(v) for k, v in attributes.items() if v})


def _text_element(parent: ET.Element, element: str, text: str) -> None:
    _element(parent, element).text = _clean(text)


def _datetime(value: str) -> str:
    return value if _DATETIME.match(value) else ""


def _codes(parent: ET.Element, codebook: Codebook, parent_id: str | None,
           names: dict[str, str]) -> None:
    for tag in codebook.children(parent_id):
        code = _element(parent, "Code", guid=_guid(tag.id), name=names[tag.id],
                        isCodable="true", color=tag.color.lower())
        if tag.description:
            _text_element(code, "Description", tag.description)
        _codes(code, codebook, tag.id, names)


def _selection(source: ET.Element, annotation: Annotation, text: str,
               position: Callable[[int], int]) -> None:
    user = user_guid(annotation.author) if annotation.author else ""
    selection = _element(
        source, "PlainTextSelection", guid=_guid(annotation.id),
        name=text[annotation.start:annotation.end],
        startPosition=str(position(annotation.start)),
        endPosition=str(position(annotation.end)), creatingUser=user,
        creationDateTime=_datetime(annotation.created), modifyingUser=user,
        modifiedDateTime=_datetime(annotation.modified),
    )
    description = write_description(annotation.note, annotation.attributes, annotation.status)
    if description:
        _text_element(selection, "Description", description)
    coding = _element(selection, "Coding", guid=_derived("coding", annotation.id),
                      creatingUser=user, creationDateTime=_datetime(annotation.created))
    _element(coding, "CodeRef", targetGUID=_guid(annotation.tag_id))
    if annotation.attributes:
        _element(selection, "NoteRef", targetGUID=_derived("attributes", annotation.id))


def _attributes_note(notes: ET.Element, annotation: Annotation) -> None:
    user = user_guid(annotation.author) if annotation.author else ""
    note = _element(notes, "Note", guid=_derived("attributes", annotation.id),
                    name=ATTRIBUTES_NOTE, creatingUser=user,
                    creationDateTime=_datetime(annotation.created))
    _text_element(note, "PlainTextContent", attribute_lines(annotation.attributes))


def _source(sources: ET.Element, document: DocumentInfo, user: str) -> ET.Element:
    guid = _guid(document.id)
    source = _element(sources, "TextSource", guid=guid, name=document.title,
                      plainTextPath=f"internal://{guid}.txt", creatingUser=user,
                      creationDateTime=_datetime(document.imported))
    if document.source_name:
        _text_element(source, "Description", SOURCE_NAME_PREFIX + document.source_name)
    return source


def _variable_values(source: ET.Element, document: DocumentInfo,
                     variables: dict[str, str]) -> None:
    for field_name, variable in VARIABLES:
        value = getattr(document, field_name)
        if value:
            holder = _element(source, "VariableValue")
            _element(holder, "VariableRef", targetGUID=variables[variable])
            _text_element(holder, "TextValue", value)


@dataclass
class QdpxReport:
    """What a .qdpx export wrote, and what the user must hear about it."""

    count: int = 0  # selections (codings) written
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (tag path, code name)

    def messages(self) -> list[str]:
        """One line per thing the user should know (for stderr or a dialog)."""
        if not self.renamed:
            return []
        listed = ", ".join(_("%(path)s as %(name)r") % {"path": path, "name": name}
                           for path, name in sorted(self.renamed))
        return [_("%(n)s code names were made unique for tools that need that (QualCoder): "
                  "%(listed)s") % {"n": len(self.renamed), "listed": listed}]


def _position_counter(text: str, positions: Positions) -> Callable[[int], int]:
    """Code point offsets to what the export counts."""
    if positions == "codepoints":
        return int
    return Utf16Map(text).to_utf16


def _project_xml(project: Project, scope: ResolvedScope, archive: zipfile.ZipFile,
                 report: QdpxReport, positions: Positions,
                 progress: Progress | None, cancel: Cancel | None) -> None:
    """Write the sources into ``archive`` while building ``project.qde``."""
    # Names stay unqualified and the root declares the default namespace itself:
    # ElementTree's default_namespace option refuses unqualified attribute names.
    documents = scope.documents
    root = ET.Element("Project", {
        "xmlns": NAMESPACE, "name": _clean(project.name), "origin": f"Glossa {__version__}",
        "creationDateTime": utc_now(),
    })
    if project.author:
        root.set("creatingUserGUID", user_guid(project.author))
    users_element = _element(root, "Users")
    codebook = project.codebook()
    code_names = unique_code_names(codebook)
    report.renamed = [(codebook.path(i), name) for i, name in code_names.items()
                      if name != codebook.get(i).name]
    if codebook.tags:
        _codes(_element(_element(root, "CodeBook"), "Codes"), codebook, None, code_names)
    variables = {name: _derived("variable", name) for _, name in VARIABLES}
    used_variables = {name for field_name, name in VARIABLES
                      if any(getattr(d, field_name) for d in documents)}
    if used_variables:
        holder = _element(root, "Variables")
        for _, name in VARIABLES:
            if name in used_variables:
                _element(holder, "Variable", guid=variables[name], name=name,
                         typeOfVariable="Text")
    sources = _element(root, "Sources") if documents else None
    notes = ET.Element("Notes")
    users = {project.author} if project.author else set()
    creator = user_guid(project.author) if project.author else ""
    for done, (document, found) in enumerate(scope.annotations(project)):
        check_cancel(cancel)
        if progress is not None:
            progress(done, len(documents))
        assert sources is not None
        text = project.text(document.id)
        archive.writestr(f"{SOURCES_FOLDER}/{_guid(document.id)}.txt", text.encode("utf-8"))
        source = _source(sources, document, creator)
        position = _position_counter(text, positions)
        for annotation in found:
            if annotation.status is Status.REJECTED and scope.status is None:
                continue
            _selection(source, annotation, text, position)
            if annotation.attributes:
                _attributes_note(notes, annotation)
            if annotation.author:
                users.add(annotation.author)
            report.count += 1
        _variable_values(source, document, variables)
    for name in sorted(users):
        _element(users_element, "User", guid=user_guid(name), name=name)
    if not users:
        root.remove(users_element)
    if len(notes):
        root.insert(list(root).index(sources) + 1 if sources is not None else len(root), notes)
    ET.indent(root, space=" ")
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    archive.writestr(PROJECT_ENTRY, xml)


def write_qdpx(
    project: Project,
    out_path: str | Path,
    *,
    scope: ExportScope = ExportScope(),  # noqa: B008 (frozen, never mutated)
    positions: str = "codepoints",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> QdpxReport:
    """Write a ``.qdpx`` of the documents ``scope`` selects; report what it holds.

    The whole codebook and every selected document go in; the tag, author and status
    filters narrow only the codings. ``positions`` is ``codepoints`` (the standard's
    characters) or ``utf16`` (what QualCoder counts). The file appears only once it is
    complete.
    """
    if positions not in POSITIONS:
        raise ValueError(f"positions must be one of {', '.join(POSITIONS)}, not {positions!r}")
    target = check_target(project, out_path)
    resolved = scope.resolve(project)
    report = QdpxReport()
    with atomic_path(target) as temporary, zipfile.ZipFile(
            temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _project_xml(project, resolved, archive, report, positions,
                     progress, cancel)
    return report


def export_qdpx(project: Project, out_path: str | Path, **options: Any) -> int:
    """``write_qdpx`` (same options), returning how many codings the file holds; the
    shape every exporter in ``core.exporters.registry`` has."""
    return write_qdpx(project, out_path, **options).count


__all__ = ["POSITIONS", "QdpxReport",
           "export_qdpx", "user_guid", "write_qdpx"]
