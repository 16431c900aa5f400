"""Notes of a REFI-QDA project: on selections, on sources, and on the project itself.

Glossa keeps a note on a passage (an annotation's note, or a Note annotation), so:

* a selection's ``Description`` and the notes its ``NoteRef``s name become its note (the
  "Glossa attributes" note its attributes);
* a note on a source that holds ``PlainTextSelection``s (QualCoder's text annotations) is
  a Note annotation on each passage;
* what belongs to no passage (a source's memo or ``Description``, journals and other
  project notes nobody refers to, the project's ``Description``) has no place in Glossa
  and is listed with its text in the report, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

from core.formats.qdpx import ATTRIBUTES_NOTE, SOURCE_NAME_PREFIX
from core.formats.qdpx_memo import read_description
from core.i18n import N_, _
from core.importers.placing import ImportReport, Skip, Unplaced
from core.importers.qdpx_archive import Archive, children, guid_of, source_text, text_of
from core.model import Status

NO_PLACE = N_("has no place in Glossa (notes belong to passages)")


@dataclass(frozen=True, slots=True)
class Note:
    """One ``Note`` of the project's ``<Notes>``."""

    guid: str
    name: str
    text: str
    element: ET.Element


def read_notes(root: ET.Element, archive: Archive, report: ImportReport) -> dict[str, Note]:
    """The project's notes by GUID; one whose text cannot be read is a warning."""
    notes: dict[str, Note] = {}
    for element in children(root.find("Notes"), "Note"):
        try:
            text = source_text(element, archive)
        except Skip as why:
            report.warnings.append(_("note %(element)r %(why)s; left out")
                                   % {"element": element.get('name', ''), "why": why})
            continue
        notes[guid_of(element)] = Note(guid_of(element), element.get("name", ""), text, element)
    return notes


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class SelectionNotes:
    """What a selection's Description and notes say about its annotation."""

    notes: list[str]
    attributes: dict[str, str]
    status: Status | None  # None: not named (accepted)
    unknown_status: str  # a "Glossa status" value Glossa does not know, or ""


def notes_of(element: ET.Element, notes: dict[str, Note]) -> SelectionNotes:
    """A selection's notes (its ``Description`` first), Glossa attributes and status.

    The Description may end in Glossa's attribute and status blocks
    (``core.formats.qdpx_memo``); the "Glossa attributes" note a ``NoteRef`` names gives
    attributes too.
    """
    found: list[str] = []
    memo = read_description(text_of(element.find("Description")))
    if memo.note:
        found.append(memo.note)
    attributes: dict[str, str] = {}
    refs = [*children(element, "NoteRef")]
    for coding in children(element, "Coding"):
        refs += children(coding, "NoteRef")
    for ref in refs:
        note = notes.get(guid_of(ref, "targetGUID"))
        if note is None:
            continue
        if note.name == ATTRIBUTES_NOTE:
            for line in note.text.splitlines():
                key, colon, value = line.partition(": ")
                if colon and key.strip():
                    attributes[key.strip()] = value
        elif note.text.strip():
            found.append(note.text.strip())
    attributes.update(memo.attributes)
    return SelectionNotes(found, attributes, memo.status, memo.unknown_status)


def source_name(source: ET.Element) -> str | None:
    """The original file name a Glossa export gives in a source's ``Description``."""
    memo = text_of(source.find("Description")).strip()
    named = memo.removeprefix(SOURCE_NAME_PREFIX)
    return named if named != memo and named and "\n" not in named else None


def source_notes(source: ET.Element, name: str, notes: dict[str, Note],
                 report: ImportReport) -> list[Note]:
    """The notes on ``source`` that mark passages; its memo and other notes are listed."""
    memo = text_of(source.find("Description")).strip()
    if memo and source_name(source) is None:
        report.unplaced.append(Unplaced(
            _("source %(name)r") % {"name": name},
            _("its memo %(no_place)s: %(memo)s") % {"no_place": _(NO_PLACE),
                                                    "memo": _one_line(memo)}))
    passages: list[Note] = []
    for ref in children(source, "NoteRef"):
        note = notes.get(guid_of(ref, "targetGUID"))
        if note is None or not note.text.strip():
            continue
        if note.element.find("PlainTextSelection") is not None:
            passages.append(note)
        else:
            label = repr(note.name) if note.name else note.guid
            report.unplaced.append(Unplaced(_("note %(label)s on source %(name)r")
                                            % {"label": label, "name": name},
                                            f"{_(NO_PLACE)}: {_one_line(note.text)}"))
    return passages


def project_notes(root: ET.Element, notes: dict[str, Note], report: ImportReport) -> None:
    """List the project's description and the notes nothing refers to (journals)."""
    referred = {guid_of(ref, "targetGUID") for ref in root.iter("NoteRef")}
    for note in notes.values():
        if note.guid not in referred and note.text.strip():
            label = repr(note.name) if note.name else note.guid
            report.unplaced.append(Unplaced(
                _("note %(label)s") % {"label": label},
                _("a project note (journal) has no place in Glossa: %(text)s")
                % {"text": _one_line(note.text)}))
    description = text_of(root.find("Description")).strip()
    if description:
        report.unplaced.append(Unplaced(
            _("project description"),
            _("has no place in Glossa: %(text)s") % {"text": _one_line(description)}))
