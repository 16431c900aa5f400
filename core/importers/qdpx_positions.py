"""Where a REFI-QDA selection lies in the stored text, however the writing tool counted.

The standard says positions count characters of the source text, but tools differ:
QualCoder counts UTF-16 units (Qt) and writes its sources with a byte-order mark; its
"MAXQDA" line-ending export writes CRLF without adjusting positions; MAXQDA counts a CRLF
as two positions, ATLAS.ti as one; some tools count UTF-8 bytes. So every plausible
*reading* is tried: code points, UTF-16 units or UTF-8 bytes, over the file's text with
or without CR, with or without its BOM (or over the stored text itself).

A selection's ``name`` holds its text: a reading is accepted only when it gives exactly
that text (after the normalisation every tool applies: CRLF to LF, BOM stripped, NFC, and
XML's own rule that a literal line break or tab in an attribute arrives as a space).
Failing every reading, the name is looked for in the text (the only occurrence, or the
one nearest the given position); failing that, the selection is not placed. Selections
without a name follow the reading that the named ones of the same source agree on, so a
file is read one way throughout; when nothing decides, code points over the file (what
the standard says) are taken and the import says so. Placed spans lose white space at
their ends.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from core.anchoring import TextRevision, occurrences, trim_span
from core.i18n import N_, _
from core.importers.placing import Skip
from core.text import normalize_text

_LINE_BREAK = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_DROPPED = re.compile(
    r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]|[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
#: XML turns a literal line break or tab inside an attribute value into a space.
_ATTRIBUTE_SPACE = str.maketrans("\n\t", "  ")
CODE_POINTS, UTF16, UTF8 = N_("code points"), N_("UTF-16 units"), N_("UTF-8 bytes")


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




class _UnitMap:
    """Offsets counted in code units (UTF-16 or UTF-8) over one text, as code points.

    Only characters wider than one unit are kept (sorted), so a lookup is a bisect.
    """

    def __init__(self, text: str, wide: re.Pattern[str], utf8: bool) -> None:
        self._positions: list[int] = []  # code point offset of each wide character
        self._extra: list[int] = []  # units beyond one, up to and including it
        self._ends: list[int] = []  # unit offset just after it
        extra = 0
        for match in wide.finditer(text):
            code = ord(match.group())
            extra += (1 if code < 0x800 else 2 if code < 0x10000 else 3) if utf8 else 1
            self._positions.append(match.start())
            self._extra.append(extra)
            self._ends.append(match.start() + 1 + extra)
        self.length = len(text) + extra

    def to_units(self, code_point: int) -> int:
        done = bisect_left(self._positions, code_point)
        return code_point + (self._extra[done - 1] if done else 0)

    def to_code_point(self, units: int) -> int | None:
        """The code point at ``units``; None inside a character or outside the text."""
        if not 0 <= units <= self.length:
            return None
        done = bisect_right(self._ends, units)
        code_point = units - (self._extra[done - 1] if done else 0)
        return code_point if self.to_units(code_point) == units else None


class Reading(NamedTuple):
    """One way a tool may have counted: a unit over one form of the source text."""

    unit: str
    frame: str

    def __str__(self) -> str:
        return _("%(unit)s over %(frame)s") % {"unit": _(self.unit), "frame": _(self.frame)}


class _Frame:
    """One form of the source text a tool may have counted over, mapped onto the stored text."""

    def __init__(self, form: str, text: str) -> None:
        self.form = form
        self.has_astral = _ASTRAL.search(form) is not None
        self.has_non_ascii = _NON_ASCII.search(form) is not None
        self._text = text

    @cached_property
    def _offsets(self) -> _OffsetMap | None:
        return None if self.form == self._text else _OffsetMap(self.form, self._text)

    @cached_property
    def _utf16(self) -> _UnitMap:
        return _UnitMap(self.form, _ASTRAL, utf8=False)

    @cached_property
    def _utf8(self) -> _UnitMap:
        return _UnitMap(self.form, _NON_ASCII, utf8=True)

    def span(self, unit: str, start: int, end: int) -> tuple[int, int] | None:
        """``start``-``end`` counted in ``unit`` over this form, on the stored text."""
        if unit == CODE_POINTS:
            ok = start >= 0 and end <= len(self.form)
            first, last = (start, end) if ok else (None, None)
        else:
            units = self._utf16 if unit == UTF16 else self._utf8
            first, last = units.to_code_point(start), units.to_code_point(end)
        if first is None or last is None:
            return None
        if self._offsets is not None:
            first, last = self._offsets.map(first), self._offsets.map(last, is_end=True)
        return (first, last) if 0 <= first < last <= len(self._text) else None


def _comparable(text: str) -> str:
    return text.translate(_ATTRIBUTE_SPACE)


@dataclass
class SourcePositions:
    """Places the selections of one text source; ``decide`` first, then ``place`` each."""

    raw: str  # the source file's text as decoded
    text: str  # the stored (normalised) text
    #: Unnamed selections whose other readings would have placed them elsewhere.
    guessed: int = 0
    notices: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        body = self.raw.removeprefix("\ufeff")
        forms = [(N_("the file"), body),
                 (N_("the file with LF line breaks"), body.replace("\r\n", "\n")),
                 (N_("the stored text"), self.text)]
        if self.raw.startswith("\ufeff"):
            forms += [(N_("the file with its byte-order mark"), self.raw),
                      (N_("the file with LF line breaks and its byte-order mark"),
                       self.raw.replace("\r\n", "\n"))]
        frames: dict[str, _Frame] = {}
        seen: set[str] = set()
        for label, form in forms:
            if form not in seen:
                seen.add(form)
                frames[label] = _Frame(form, self.text)
        self._frames = frames
        self.readings = [Reading(unit, label) for unit in (CODE_POINTS, UTF16, UTF8)
                         for label, frame in frames.items()
                         if unit == CODE_POINTS or (frame.has_astral if unit == UTF16
                                                    else frame.has_non_ascii)]
        self.best = self.readings[0]  # code points over the file: the standard
        self._agreeing = [self.best]
        self._decided = False

    def read(self, reading: Reading, start: int, end: int) -> tuple[int, int] | None:
        return self._frames[reading.frame].span(reading.unit, start, end)

    def _gives(self, span: tuple[int, int] | None, wanted: str) -> bool:
        return span is not None and _comparable(self.text[span[0]:span[1]]) == wanted

    def decide(self, named: list[tuple[int, int, str]]) -> None:
        """Choose the reading most named selections of this source agree with."""
        hits: Counter[Reading] = Counter()
        for start, end, name in named:
            wanted = _comparable(normalize_text(name))
            for reading in self.readings:
                if self._gives(self.read(reading, start, end), wanted):
                    hits[reading] += 1
        if hits:
            self.best = max(self.readings, key=lambda r: hits[r])  # first of equals wins
            self._agreeing = [r for r in self.readings if hits[r] == hits[self.best]]
            self._decided = True

    def place(self, start: int, end: int, name: str) -> tuple[int, int]:
        """The span on the stored text, without white space at its ends; ``Skip`` if none."""
        wanted = _comparable(normalize_text(name))
        if wanted.strip():
            return self._trim(*self._place_named(start, end, wanted, name))
        span = self.read(self.best, start, end)
        if span is None:
            raise Skip(_("positions %(start)s-%(end)s lie outside the text (%(length)s "
                         "characters)")
                       % {"start": start, "end": end, "length": len(self.text)})
        others = self._agreeing if self._decided else self.readings
        if len({self.read(r, start, end) for r in others} - {None}) > 1:
            self.guessed += 1
        return self._trim(*span)

    def _place_named(self, start: int, end: int, wanted: str, name: str) -> tuple[int, int]:
        for reading in (self.best, *self.readings):
            span = self.read(reading, start, end)
            if self._gives(span, wanted):
                assert span is not None
                return span
        found = occurrences(_comparable(self.text), wanted)
        shown = name if len(name) <= 60 else name[:57] + "..."
        if not found:
            raise Skip(_("its text %(shown)r is neither at positions %(start)s-%(end)s "
                         "(read as code points, UTF-16 units or UTF-8 bytes) nor anywhere "
                         "in the text")
                       % {"shown": shown, "start": start, "end": end})
        hint = (self.read(self.best, start, end) or (start, end))[0]
        nearest = min(found, key=lambda s: abs(s - hint))
        if len(found) > 1:
            self.notices.append(_("%(text)r is not at positions %(start)s-%(end)s and occurs "
                                  "%(n)s times; the occurrence nearest them was taken")
                                % {"text": shown, "start": start, "end": end, "n": len(found)})
        return nearest, nearest + len(wanted)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        trimmed = trim_span(self.text, start, end)
        if trimmed is None:
            raise Skip(_("selects only white space"))
        return trimmed
