"""What every importer returns, the limits they share and small helpers they all need.

The limits keep one careless import (a 2 GB log, a scanned magazine) from freezing the
app or bloating a project file, which stores the original bytes next to the text.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path

from core.errors import ImportFailed
from core.i18n import _
from core.model import PageMap

#: Extensions Glossa imports (lower case, with the dot), in the order a file dialog shows them.
SUPPORTED_EXTENSIONS: tuple[str, ...] = (
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    ".pdf",
    ".epub",
)
#: Longest stored text, in code points: beyond it the editor and the highlighter stall.
MAX_TEXT_CHARS = 10_000_000
#: Largest file read at all; checked before reading, since the original is stored too.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Longest title taken from a document's first line.
MAX_TITLE_CHARS = 200

Cancel = Callable[[], bool] | None


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to read a file, where the analyst has a choice.

    ``full_page``: a web page's full readable text instead of the article alone, for when
    the article extractor gets a page wrong.
    """

    full_page: bool = False


@dataclass
class ImportedDocument:
    """A file turned into stored text plus the metadata it carried; no ids, no storage."""

    title: str
    format: str
    text: str
    source_name: str
    original: bytes
    language: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: str = ""
    pages: list[PageMap] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _megabytes(size: int) -> str:
    """ "51", "50.1": rounded up to a tenth, so a file over the limit never shows as equal."""
    value = math.ceil(size * 10 / (1024 * 1024)) / 10
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _check_regular(path: Path, mode: int) -> None:
    """Refuse what is not a plain file: a named pipe blocks its reader, a device never ends."""
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _NOT_REGULAR if test(mode)), "a special file")
        raise ImportFailed(path, _("is not a regular file (%(kind)s)") % {"kind": kind})


def read_limited(path: Path) -> bytes:
    """The file's bytes, refusing anything but a regular file and files over
    ``MAX_FILE_BYTES`` before reading them."""
    _check_regular(path, path.stat().st_mode)
    # Non-blocking, so a file swapped for a pipe after the check cannot block the open;
    # the open file is checked again, and that is the one read.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        _check_regular(path, info.st_mode)
        size = info.st_size
        if size <= MAX_FILE_BYTES:
            data = handle.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
            if len(data) <= MAX_FILE_BYTES:
                return data
            size = max(size, len(data))
    raise ImportFailed(
        path,
        _("is too large (%(size)s MB; the limit is %(limit)s MB)")
        % {"size": _megabytes(size), "limit": _megabytes(MAX_FILE_BYTES)},
    )


def check_length(path: Path, text: str) -> None:
    """Refuse texts the editor cannot handle, with a message that says how far over they are."""
    if len(text) > MAX_TEXT_CHARS:
        raise ImportFailed(
            path,
            _("is too large (%(value)s million characters; the limit is %(value2)s million)")
            % {"value": f"{len(text) / 1e6:.1f}", "value2": f"{MAX_TEXT_CHARS / 1e6:.0f}"},
        )


def check_cancel(path: Path, cancel: Cancel) -> None:
    """Stop a long import between pages or chapters when the user asked to."""
    if cancel is not None and cancel():
        raise ImportFailed(path, _("import cancelled"))


_SPACES = re.compile(r"\s+")


def clean_field(value: object, limit: int = 500) -> str:
    """A metadata value as one trimmed line; metadata is often padded or multi-line."""
    if not isinstance(value, str):
        return ""
    return _SPACES.sub(" ", value).strip()[:limit]


def shorten(line: str, limit: int = MAX_TITLE_CHARS) -> str:
    """``line`` trimmed to ``limit`` code points, cut at a word with an ellipsis if needed."""
    line = clean_field(line, limit=10 * limit)
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def first_line(text: str) -> str:
    """The first non-empty line of ``text``, shortened for use as a title."""
    for line in text.split("\n", 50)[:50]:
        if line.strip():
            return shorten(line)
    return ""


def pick_title(path: Path, *candidates: str) -> str:
    """The first usable candidate, else the file stem: a document always has a title."""
    for candidate in candidates:
        title = shorten(candidate)
        if title:
            return title
    return path.stem


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_COMPACT = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})")
_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?![\d])")
_EUROPEAN = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?![\d])")


def iso_date(value: str) -> str:
    """``YYYY-MM-DD`` for the dates metadata uses (ISO 8601, PDF ``D:2021…``, ``22.09.2021``,
    RFC 2822).

    Anything unparseable is kept as trimmed text rather than lost.
    """
    value = clean_field(value, limit=100)
    for pattern, order in (
        (_ISO, (1, 2, 3)),
        (_SLASHED, (1, 2, 3)),
        (_EUROPEAN, (3, 2, 1)),
        (_COMPACT, (1, 2, 3)),
    ):
        match = pattern.match(value)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                continue
    try:  # RFC 2822, as in feeds and e-mail: "Wed, 22 Sep 2021 18:30:00 +0200"
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def language_code(tag: str) -> str:
    """The ISO 639-1 part of a language tag (``de-DE``, ``en_US`` -> ``de``, ``en``), else ""."""
    primary = re.split(r"[-_\s]", tag.strip(), maxsplit=1)[0].lower()
    return primary if len(primary) == 2 and primary.isascii() and primary.isalpha() else ""
