"""MuPDF's reading of a PDF or EPUB, done in a child process with bounded memory and time.

A downloaded document is untrusted, and MuPDF unpacks whatever it is asked to: checks
before opening cannot see every decompression bomb (nested form XObjects, one 64 MB word
laid out), so ``mupdf_child.py`` does the unpacking under ``RLIMIT_AS`` and a wall-clock
timeout, and streams back words page by page. The importers poll ``cancel`` as the pages
arrive and stop reading (killing the child) at once; a bomb becomes a one-line refusal.
Starting the child costs ~0.1 s per document.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from core.errors import ImportFailed
from core.i18n import _
from core.importers.base import MAX_TEXT_CHARS

#: (x0, y0, x1, y1, word, block, line, word number), as ``get_text("words")`` returns it.
Word = tuple[float, float, float, float, str, int, int, int]


#: Address space the child may use (Python and MuPDF take ~90 MB of it before reading):
#: what a hostile document may cost us at most.
MEMORY_LIMIT = 768 * 1024 * 1024
#: Wall-clock seconds the child may take (a 20,000-page text PDF needs ~15 s).
TIME_LIMIT = 25.0
#: Longest line the child may send (a chunk of words is ~2 MB).
_MAX_LINE = 64 * 1024 * 1024
_CHILD = Path(__file__).with_name("mupdf_child.py")
#: A PyInstaller bundle has no Python beside it: its own executable runs the child script
#: when started with this flag and the script's path (``main.py`` handles it before any
#: import, so the child loads neither Qt nor the rest of Glossa).
FROZEN_CHILD_FLAG = "--run-mupdf-child"


def _child_command() -> list[str]:
    """This Python running the child script; in a PyInstaller bundle, the bundle itself."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_CHILD_FLAG, str(_CHILD)]
    return [sys.executable, "-I", str(_CHILD)]


def _too_slow() -> str:
    return _("took longer than %(seconds)s s to read and was stopped (a decompression "
             "bomb?)") % {"seconds": f"{TIME_LIMIT:.0f}"}


@dataclass
class Page:
    """One page's words and its unrotated crop box (``number`` counts within a chapter).

    ``hidden`` counts the characters drawn invisibly and ``hidden_text`` holds (the start
    of) what they say (PDF only; see ``mupdf_child``).
    """

    number: int
    width: float
    height: float
    words: list[Word]
    hidden: int = 0
    hidden_text: str = ""


@dataclass
class Summary:
    """What the document says about itself, and what MuPDF complained about while reading."""

    metadata: dict[str, str] = field(default_factory=dict)
    language: str = ""
    repaired: bool = False
    warnings: list[str] = field(default_factory=list)


def _word(raw: list[Any]) -> Word:
    x0, y0, x1, y1, text, block, line, number = raw
    return (float(x0), float(y0), float(x1), float(y1), str(text), int(block), int(line),
            int(number))


class MuPDFReader:
    """Runs the child for one document; iterate ``items()``, then read ``summary``.

    ``label`` ("PDF", "EPUB") names the format in refusals. ``peak_memory`` (bytes) is the
    child's maximum resident size, known once the reader is closed.
    """

    def __init__(self, path: Path, data: bytes, filetype: str, label: str) -> None:
        self.path = path
        self.label = label
        self.summary = Summary()
        self.peak_memory = 0
        self._buffer = b""
        with tempfile.TemporaryFile() as source:
            source.write(data)
            source.seek(0)
            self._process = subprocess.Popen(
                [*_child_command(), filetype, str(MAX_TEXT_CHARS),
                 str(MEMORY_LIMIT), str(int(TIME_LIMIT) + 1)],
                stdin=source, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )
        self._deadline = time.monotonic() + TIME_LIMIT
        self._selector = selectors.DefaultSelector()
        assert self._process.stdout is not None
        self._fd = self._process.stdout.fileno()
        os.set_blocking(self._fd, False)
        self._selector.register(self._fd, selectors.EVENT_READ)

    def __enter__(self) -> MuPDFReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the child if it still runs and record what memory it used."""
        process = self._process
        if process.returncode is None:
            if process.poll() is None:
                process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            self.peak_memory = usage.ru_maxrss * 1024
        self._selector.close()
        assert process.stdout is not None
        process.stdout.close()

    def _refuse(self, reason: str) -> ImportFailed:
        self.close()
        return ImportFailed(self.path, reason)

    def _line(self) -> dict[str, Any]:
        while b"\n" not in self._buffer:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise self._refuse(_too_slow())
            if not self._selector.select(min(left, 1.0)):
                continue
            chunk = os.read(self._fd, 1024 * 1024)
            if not chunk:
                raise self._refuse(self._ended())
            self._buffer += chunk
            if len(self._buffer) > _MAX_LINE and b"\n" not in self._buffer:
                raise self._refuse(_("is not a readable %(kind)s (a page is too large)")
                                   % {"kind": self.label})
        line, _newline, self._buffer = self._buffer.partition(b"\n")
        message: dict[str, Any] = json.loads(line)
        return message

    def _ended(self) -> str:
        """Why the child stopped without a last word: a limit it hit, or a crash."""
        self.close()
        code = self._process.returncode or 0
        if code in (-signal.SIGXCPU, -signal.SIGKILL):
            return _too_slow()
        return _("is not a readable %(kind)s (the reader stopped, status %(code)s)") % {
            "kind": self.label, "code": code}

    def _failed(self, stage: str, message: str) -> ImportFailed:
        limit = MEMORY_LIMIT // (1024 * 1024)
        values = {"kind": self.label, "message": message, "limit": limit,
                  "million": f"{MAX_TEXT_CHARS / 1e6:.0f}"}
        reasons = {
            "encrypted": _("is encrypted"),
            "open": _("is not a readable %(kind)s (damaged: %(message)s)") % values,
            "too_large": _("is too large (more than %(million)s million characters of text; "
                           "the limit is %(million)s million)") % values,
            "memory": _("needs more than %(limit)s MB of memory to read and was refused "
                        "(a decompression bomb?)") % values,
        }
        if stage == "read" and re.search(r"alloc|memory", message, re.IGNORECASE):
            stage = "memory"
        reason = reasons.get(stage, _("is not a readable %(kind)s (damaged or truncated: "
                                      "%(message)s)") % values)
        return self._refuse(reason)

    def items(self) -> Iterator[int | Page]:
        """Chapter numbers (EPUB) and pages in reading order; ``summary`` is set at the end.

        Stopping early (an exception in the caller, or closing) kills the child.
        """
        words: list[Word] = []
        while True:
            message = self._line()
            kind = message["kind"]
            if kind == "words":
                words.extend(_word(w) for w in message["words"])
            elif kind == "page":
                yield Page(int(message["number"]), float(message["width"]),
                           float(message["height"]), words, int(message.get("hidden", 0)),
                           str(message.get("hidden_text", "")))
                words = []
            elif kind == "chapter":
                yield int(message["chapter"])
            elif kind == "done":
                self.summary = Summary(
                    {str(k): str(v) for k, v in message["metadata"].items()},
                    str(message["language"]), bool(message["repaired"]),
                    [str(w) for w in message["warnings"]],
                )
                self.close()
                return
            else:
                raise self._failed(str(message.get("stage")), str(message.get("message")))


#: MuPDF's complaints passed on as import warnings; a damaged file can make thousands.
_LISTED_MESSAGES = 5


def mupdf_warnings(messages: list[str]) -> list[str]:
    """MuPDF's own diagnostics as a few short import warnings (once each, in order)."""
    unique = list(dict.fromkeys(" ".join(m.split())[:200] for m in messages if m.strip()))
    shown = [f"MuPDF: {m}" for m in unique[:_LISTED_MESSAGES]]
    if len(unique) > _LISTED_MESSAGES:
        shown.append(f"MuPDF: … and {len(unique) - _LISTED_MESSAGES} more message(s)")
    return shown
