"""MuPDF's reading of a PDF or EPUB, done in a child process with bounded memory and time.

A downloaded document is untrusted, and MuPDF unpacks whatever it is asked to: checks
before opening cannot see every decompression bomb (nested form XObjects, one 64 MB word
laid out), so ``mupdf_child.py`` does the unpacking under a memory cap (``RLIMIT_AS``; a
Job Object on Windows) and a wall-clock timeout, and streams back words page by page.
The importers poll ``cancel`` as the pages arrive and stop reading (killing the child) at
once; a bomb becomes a one-line refusal. Starting the child costs ~0.1 s per document.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from core.errors import ImportFailed
from core.i18n import _
from core.importers.base import MAX_TEXT_CHARS

#: (x0, y0, x1, y1, word, block, line, word number), as ``get_text("words")`` returns it.
Word = tuple[float, float, float, float, str, int, int, int]


#: Memory the child may use (address space under RLIMIT_AS, committed memory on Windows;
#: Python and MuPDF take ~90 MB of it before reading): what a hostile document may cost.
MEMORY_LIMIT = 768 * 1024 * 1024
#: Wall-clock seconds the child may take (a 20,000-page text PDF needs ~15 s).
TIME_LIMIT = 25.0
#: Longest line the child may send (a chunk of words is ~2 MB).
_MAX_LINE = 64 * 1024 * 1024
#: Most bytes taken from the pipe at once.
_CHUNK = 1024 * 1024
_CHILD = Path(__file__).with_name("mupdf_child.py")
#: A PyInstaller bundle has no Python beside it: its own executable runs the child script
#: when started with this flag and the script's path (``main.py`` handles it before any
#: import, so the child loads neither Qt nor the rest of Glossa).
FROZEN_CHILD_FLAG = "--run-mupdf-child"
#: Windows: keeps a console Python (the child) from opening a console window.
_NO_WINDOW: int = getattr(subprocess, "CREATE_NO_WINDOW", 0)
#: Exit statuses of a child the kernel stopped at its CPU limit (RLIMIT_CPU: SIGXCPU, then
#: SIGKILL at the hard limit); Windows has neither signal nor such a limit.
_KILLED_BY_LIMIT = {-getattr(signal, name) for name in ("SIGXCPU", "SIGKILL")
                    if hasattr(signal, name)}


def _child_command() -> list[str]:
    """This Python running the child script; in a PyInstaller bundle, the bundle itself."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_CHILD_FLAG, str(_CHILD)]
    return [sys.executable, "-I", str(_CHILD)]


def _too_slow() -> str:
    return _("took longer than %(seconds)s s to read and was stopped (a decompression "
             "bomb?)") % {"seconds": f"{TIME_LIMIT:.0f}"}


class _ThreadedPipe:
    """The child's stdout read by a thread into a short queue, on every system.

    Windows' ``select`` takes sockets only, not pipes; on Linux this reads as fast as
    ``select`` did. The queue holds at most two chunks, so a child writing faster than we
    read still waits on the pipe.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._chunks: queue.Queue[bytes] = queue.Queue(maxsize=2)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._pump, name="mupdf-pipe", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        fd = self._stream.fileno()
        while not self._stopped.is_set():
            try:
                chunk = os.read(fd, _CHUNK)
            except OSError:
                chunk = b""
            self._chunks.put(chunk)
            if not chunk:
                return

    def read(self, timeout: float) -> bytes | None:
        """The next chunk, ``b""`` at the end, None if nothing came within ``timeout``."""
        try:
            return self._chunks.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        """Once the child is dead (its end of the pipe closed): stop the thread."""
        self._stopped.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                self._chunks.get(timeout=0.05)
        self._thread.join()
        self._stream.close()


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

    ``label`` ("PDF", "EPUB") names the format in refusals.
    """

    def __init__(self, path: Path, data: bytes, filetype: str, label: str) -> None:
        self.path = path
        self.label = label
        self.summary = Summary()
        self._buffer = b""
        with tempfile.TemporaryFile() as source:
            source.write(data)
            source.seek(0)
            self._process = subprocess.Popen(
                [*_child_command(), filetype, str(MAX_TEXT_CHARS),
                 str(MEMORY_LIMIT), str(int(TIME_LIMIT) + 1)],
                stdin=source, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                creationflags=_NO_WINDOW,
            )
        self._deadline = time.monotonic() + TIME_LIMIT
        assert self._process.stdout is not None
        self._pipe = _ThreadedPipe(self._process.stdout)

    def __enter__(self) -> MuPDFReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the child if it still runs, then the thread reading its pipe."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._pipe.close()

    def _refuse(self, reason: str) -> ImportFailed:
        self.close()
        return ImportFailed(self.path, reason)

    def _line(self) -> dict[str, Any]:
        while b"\n" not in self._buffer:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise self._refuse(_too_slow())
            chunk = self._pipe.read(min(left, 1.0))
            if chunk is None:
                continue
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
        """Why the child stopped without a last word: a limit it hit, or a crash.

        Its pipe can close before it exits (Python closes files while shutting down): wait
        for its own status rather than kill it and take ours for a limit.
        """
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(max(self._deadline - time.monotonic(), 0))
        self.close()
        code = self._process.returncode or 0
        if code in _KILLED_BY_LIMIT:
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
