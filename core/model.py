"""Plain dataclasses that cross every boundary (store, commands, CLI, GUI).

They carry no behaviour beyond small derived values and hold no Qt types.
Offsets are Python code points into ``Document.text``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from core.uuid7 import uuid7


def new_id() -> str:
    """A fresh time-ordered UUID (version 7) as text: unique across every analyst's
    project, and cheap to index because new ids sort after older ones."""
    return uuid7()


def new_document_id() -> str:
    """A fresh random UUID (version 4) for a document.

    Analysts name documents by a short prefix of their id (``glossa text study 3f2b``);
    time-ordered ids would share their first characters, so documents, which are too
    few for index order to matter, keep random ones.
    """
    return str(uuid.uuid4())


def utc_now() -> str:
    """ISO-8601 UTC timestamp with milliseconds; sorts as text, compares across machines."""
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


class TagKind(StrEnum):
    """What a tag means to Glossa; decides which attributes the inspector offers."""

    QUOTE = "quote"
    SOURCE = "source"
    TONE = "tone"
    CUSTOM = "custom"


class Origin(StrEnum):
    """How an annotation came to be."""

    MANUAL = "manual"
    SUGGESTED = "suggested"
    IMPORTED = "imported"


class Status(StrEnum):
    """Review state. Manual annotations start accepted, suggestions start proposed."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class TextQuoteSelector:
    """W3C TextQuoteSelector: the quoted text with context, for re-anchoring."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(slots=True)
class DocumentInfo:
    """A document without its text: what lists and overviews need."""

    id: str
    title: str
    format: str
    language: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: str = ""
    source_name: str = ""
    content_hash: str = ""
    chars: int = 0
    imported: str = ""
    annotation_count: int = 0


@dataclass(slots=True)
class Document(DocumentInfo):
    """A document with its stored text (NFC, ``\\n`` line breaks)."""

    text: str = ""


@dataclass(frozen=True, slots=True)
class WordBox:
    """One word of a PDF page: its text span and its rectangle in PDF points."""

    start: int
    end: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(slots=True)
class PageMap:
    """Where one PDF page's words sit in the stored text (for highlighting the original)."""

    page: int
    width: float
    height: float
    start: int
    end: int
    words: list[WordBox] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """One attribute that annotations of a tag carry.

    ``choices`` restricts the value (e.g. ``form``: direct | reported); empty means free text.
    """

    name: str
    kind: str = "text"  # text | choice | date | url
    choices: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "choices": list(self.choices)}

    @staticmethod
    def from_json(data: dict[str, Any]) -> AttributeSpec:
        return AttributeSpec(
            name=str(data["name"]),
            kind=str(data.get("kind", "text")),
            choices=tuple(str(c) for c in data.get("choices", ())),
        )


@dataclass(slots=True)
class Tag:
    """One entry of the codebook. ``ordinal`` orders the levels of a scale (tone)."""

    id: str
    name: str
    parent_id: str | None = None
    color: str = "#888888"
    key: str = ""
    kind: TagKind = TagKind.CUSTOM
    attributes: tuple[AttributeSpec, ...] = ()
    ordinal: int | None = None
    position: int = 0
    description: str = ""
    modified: str = ""
    deleted: bool = False


@dataclass(slots=True)
class Annotation:
    """A tagged passage ``text[start:end]`` of one document."""

    id: str
    document_id: str
    start: int
    end: int
    tag_id: str
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    note: str = ""
    author: str = ""
    origin: Origin = Origin.MANUAL
    status: Status = Status.ACCEPTED
    created: str = ""
    modified: str = ""
    deleted: bool = False

    @property
    def selector(self) -> TextQuoteSelector:
        return TextQuoteSelector(self.exact, self.prefix, self.suffix)

    def __len__(self) -> int:
        return self.end - self.start


class AnnotationSpan(NamedTuple):
    """The least a highlighter needs of an annotation (a rejected one is drawn struck)."""

    id: str
    start: int
    end: int
    tag_id: str
    rejected: bool = False
    proposed: bool = False  # a suggestion not decided yet: drawn faint and dashed


class DisagreementKind(StrEnum):
    """How two analysts' readings of a passage differ (see ``core.review.disagreements``)."""

    ONLY_A = "only_a"  # tagged by the first analyst only
    ONLY_B = "only_b"  # tagged by the second analyst only
    TAG_DIFFERS = "tag_differs"  # overlapping spans, different tags
    BOUNDS_DIFFER = "bounds_differ"  # same tag, overlapping, other start or end
    ATTRIBUTES_DIFFER = "attributes_differ"  # same tag and bounds, other attributes


class DecisionAction(StrEnum):
    """What an adjudicator decided about one disagreement."""

    ACCEPT_A = "accept_a"
    ACCEPT_B = "accept_b"
    ACCEPT_BOTH = "accept_both"
    REJECT = "reject"
    EDIT = "edit"
    COMMENT = "comment"


@dataclass(slots=True)
class Decision:
    """One recorded adjudication decision (a row of ``decisions``).

    ``annotations_a``/``annotations_b`` are the analysts' annotations it concerns,
    ``created_annotations`` the adjudicated-layer annotations it made, and
    ``statuses_before`` those analysts' annotation statuses before any decision on this
    disagreement, so a later decision can replace it exactly. ``modified`` is when it
    was made, undone or redone: merges take the later state of a decision both hold.
    """

    id: str
    document_id: str
    disagreement_id: str
    kind: DisagreementKind
    action: DecisionAction
    annotations_a: tuple[str, ...] = ()
    annotations_b: tuple[str, ...] = ()
    created_annotations: tuple[str, ...] = ()
    statuses_before: dict[str, Status] = field(default_factory=dict)
    comment: str = ""
    decided_by: str = ""
    decided_at: str = ""
    replaces: str | None = None
    deleted: bool = False
    modified: str = ""

    @property
    def key(self) -> tuple[str, ...]:
        """The annotations concerned, sorted: the same whichever analyst is called A."""
        return tuple(sorted((*self.annotations_a, *self.annotations_b)))


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document or note that matches a project search.

    ``snippet`` marks the matched words with [ and ]; ``start``/``end`` are the code point
    span in the document's text of the first word it marks (-1 when the match is in the
    title only, or in a note), so the window opens at the occurrence the snippet shows.
    """

    kind: str  # "document" | "note"
    document_id: str
    title: str
    snippet: str
    annotation_id: str = ""
    start: int = -1
    end: int = -1
