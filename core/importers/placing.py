"""What every annotation-data import shares: its report, tags, ids and one-step commit.

The W3C and REFI-QDA importers place foreign annotations onto the project's documents
the same way: tags are found by path or planned, ids are kept where the project
allows, and everything lands in one transaction (one undo step). What could not be
placed goes into the ``ImportReport`` with its reason, never dropped.
"""

from __future__ import annotations

import colorsys
import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from core.codebook import PATH_SEPARATOR
from core.commands import AddAnnotations, AddTag, Batch, Command
from core.errors import NotFound
from core.i18n import _
from core.model import Annotation, Tag, new_id
from core.project import Project
from core.validation import MAX_TAG_NAME
from core.wording import count

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
        parts = [_("%(annotations)s placed") % {"annotations": count(len(self.placed),
                                                                    "annotation")}]
        if self.moved:
            parts.append(_("%(n)s re-anchored") % {"n": self.moved})
        if self.unplaced:
            parts.append(_("%(n)s not placed") % {"n": len(self.unplaced)})
        if self.documents_added:
            parts.append(_("%(what)s added")
                         % {"what": count(len(self.documents_added), "document")})
        if self.tags_added:
            parts.append(_("%(what)s added") % {"what": count(len(self.tags_added), "tag")})
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
            raise Skip(_("the tag path is empty"))
        parent: str | None = None
        for depth, name in enumerate(names):
            if len(name) > MAX_TAG_NAME:
                raise Skip(_("tag name %(name)r... is longer than %(limit)s characters")
                           % {"name": name[:40], "limit": MAX_TAG_NAME})
            path = PATH_SEPARATOR.join(names[:depth + 1])
            found = self._by_path.get(path.casefold())
            if found is None and (default := self._codebook.default_tag(path)) is not None:
                found = default.id  # "Tone/Critical" of an English file in a German project
            if found is None:
                last = depth == len(names) - 1
                found = self._plan(name, parent, path, color if last else None,
                                   description if last else "", tag_id if last else None)
            parent = found
        assert parent is not None
        return parent

    def _plan(self, name: str, parent: str | None, path: str, color: str | None,
              description: str, tag_id: str | None) -> str:
        chosen = tag_id if tag_id and not self._id_taken(tag_id) else new_id()
        siblings = self._children.get(parent or "", 0)
        self._children[parent or ""] = siblings + 1
        self._children[chosen] = 0
        tag = Tag(id=chosen, name=name, parent_id=parent, color=color or tag_colour(path),
                  position=siblings, description=description)
        self.commands.append(AddTag(tag, text=_("Add tag %(path)s") % {"path": path}))
        self._by_path[path.casefold()] = chosen
        self.added.append(path)
        return chosen

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
                raise Skip(_("is already in the project (same id, span and tag)"))
        fresh = new_id()
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


__all__ = [
    "MAX_TAG_NAME",
    "AnnotationIds",
    "Execute",
    "ImportReport",
    "Skip",
    "TagResolver",
    "Unplaced",
    "canonical_uuid",
    "commit",
    "derived_id",
    "split_path",
    "tag_colour",
    "timestamp",
]
