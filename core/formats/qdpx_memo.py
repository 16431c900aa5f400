"""A selection's ``Description`` in REFI-QDA: the note, then what Glossa adds to it.

QualCoder keeps a selection's ``Description`` as the coding memo and reads neither a
``NoteRef`` inside a selection nor a note without a file, so attributes and a status
other than accepted ride in the Description too, after the note, readable as a memo::

    Auftakt der Rede

    Glossa attributes:
    form: direct
    speaker: Ministerin

    Glossa status: proposed

Reading takes these blocks off the end again; a Description without them is all note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.model import Status

ATTRIBUTES_HEADING = "Glossa attributes:"
STATUS_PREFIX = "Glossa status: "
_STATUS_BLOCK = re.compile(r"(?:^|\n\n)" + re.escape(STATUS_PREFIX) + r"(\w+)\s*$")
_ATTRIBUTES_BLOCK = re.compile(r"(?:^|\n\n)" + re.escape(ATTRIBUTES_HEADING)
                               + r"\n((?:[^\n]*: [^\n]*(?:\n|$))+)\s*$")


def attribute_lines(attributes: dict[str, str]) -> str:
    """``name: value`` lines, sorted by name (one attribute a line)."""
    return "\n".join(f"{name}: {' '.join(value.splitlines())}"
                     for name, value in sorted(attributes.items()))


def write_description(note: str, attributes: dict[str, str], status: Status) -> str:
    """The Description of a selection: note, attributes block, status line (if not accepted)."""
    blocks = [note.strip()] if note.strip() else []
    if attributes:
        blocks.append(f"{ATTRIBUTES_HEADING}\n{attribute_lines(attributes)}")
    if status is not Status.ACCEPTED:
        blocks.append(STATUS_PREFIX + status.value)
    return "\n\n".join(blocks)


@dataclass
class Memo:
    """A Description read back: the note, attributes and status it carries."""

    note: str
    attributes: dict[str, str] = field(default_factory=dict)
    status: Status | None = None  # None: the Description names none
    unknown_status: str = ""  # a status line with a value Glossa does not know


def read_description(text: str) -> Memo:
    """Split a Description into note, attributes and status (see the module's layout)."""
    text = text.rstrip()
    memo = Memo(note=text)
    found = _STATUS_BLOCK.search(text)
    if found:
        value = found.group(1)
        if value in {s.value for s in Status}:
            memo.status = Status(value)
        else:
            memo.unknown_status = value
        text = text[:found.start()].rstrip()
    block = _ATTRIBUTES_BLOCK.search(text)
    if block:
        for line in block.group(1).splitlines():
            name, _, value = line.partition(": ")
            if name.strip():
                memo.attributes[name.strip()] = value
        text = text[:block.start()].rstrip()
    memo.note = text.strip()
    return memo


__all__ = ["ATTRIBUTES_HEADING", "STATUS_PREFIX", "Memo", "attribute_lines",
           "read_description", "write_description"]
