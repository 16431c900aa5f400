"""The child process that lets MuPDF read an untrusted PDF or EPUB (the browser pattern).

MuPDF unpacks without limit: a 712 KB PDF whose page stream inflates to 200 MB of text
operators took 15 GB, an EPUB with a 1 GB entry 17.5 GB. No check before opening catches
every such bomb (nested form XObjects, one huge word laid out), so the parent runs this
script with a wall-clock timeout and it caps its own memory before reading a byte
(RLIMIT_AS; a Job Object on Windows); a bomb then ends this process, never the app.

Run as a script, not imported: it needs only the standard library and pymupdf, so it
starts in ~0.1 s. Input: the file's bytes on stdin. Output: JSON lines on stdout, one per
chapter, per chunk of a page's words and per page, then one "done" (or "failed") line.
MuPDF's own messages are silenced and sent back as warnings, never printed.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import sys
from typing import Any, BinaryIO

#: Words per output line: a chapter laid out as one tall EPUB page can hold a million.
CHUNK_WORDS = 20_000


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    """Cap this process's memory (and CPU time); MuPDF's allocations then fail cleanly.

    Windows has no ``resource``: a Job Object caps the memory there, and the parent's
    wall-clock deadline stands in for the CPU limit. macOS refuses an address-space cap
    below what a process reserves at start (far more than any sane cap), so there only
    the CPU limit and the deadline hold.
    """
    try:
        import resource
    except ImportError:
        if sys.platform == "win32":
            limit_windows_memory(memory_bytes)
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    except ValueError:
        if sys.platform != "darwin":
            raise
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


# --- Windows only, and not yet run on Windows: tests check the structure's layout. -----


class JobLimits(ctypes.Structure):
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION (winnt.h) in fixed-size types: DWORD is 32 bits
    on Windows, SIZE_T and ULONG_PTR pointer-sized, LARGE_INTEGER 64 bits."""

    _fields_ = [
        ("PerProcessUserTimeLimit", ctypes.c_int64),
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", ctypes.c_uint32),
        ("MinimumWorkingSetSize", ctypes.c_size_t),
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", ctypes.c_uint32),
        ("Affinity", ctypes.c_size_t),
        ("PriorityClass", ctypes.c_uint32),
        ("SchedulingClass", ctypes.c_uint32),
        ("IoInfo", ctypes.c_uint64 * 6),  # IO_COUNTERS
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    ]


#: JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION (a crash
#: ends the process instead of waiting on an error dialog, as RLIMIT_CORE=0 skips the dump).
_JOB_LIMIT_FLAGS = 0x100 | 0x400
_JOB_EXTENDED_LIMIT_INFORMATION = 9


def limit_windows_memory(memory_bytes: int) -> None:
    """Put this process in a new Job Object that caps its committed memory.

    Allocations beyond the cap fail (MuPDF reports them, Python raises MemoryError), as
    under RLIMIT_AS. A failure here ends the child, so the document is refused rather
    than read without a cap. The job handle stays open while the process lives.
    """
    win: Any = ctypes  # WinDLL, WinError and get_last_error exist on Windows only
    kernel32 = win.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = ctypes.c_void_p
    kernel32.GetCurrentProcess.restype = ctypes.c_void_p
    kernel32.SetInformationJobObject.argtypes = [ctypes.c_void_p, ctypes.c_int,
                                                 ctypes.c_void_p, ctypes.c_uint32]
    kernel32.AssignProcessToJobObject.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    limits = JobLimits(LimitFlags=_JOB_LIMIT_FLAGS, ProcessMemoryLimit=memory_bytes)
    job = kernel32.CreateJobObjectW(None, None)
    if not (job and kernel32.SetInformationJobObject(job, _JOB_EXTENDED_LIMIT_INFORMATION,
                                                     ctypes.byref(limits),
                                                     ctypes.sizeof(limits))
            and kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess())):
        raise win.WinError(win.get_last_error())


# --- End of the Windows-only part. ----------------------------------------------------


class _Output:
    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def send(self, kind: str, **fields: Any) -> None:
        # ASCII, so a lone surrogate MuPDF returns travels as "\\ud800" for the parent to drop.
        line = json.dumps({"kind": kind, **fields}, separators=(",", ":"))
        self.stream.write(line.encode("ascii") + b"\n")
        self.stream.flush()


class TooMuchText(Exception):
    """More words or characters than the parent would store: stop unpacking at once."""


class _Budget:
    def __init__(self, max_chars: int, max_words: int) -> None:
        self.chars = max_chars
        self.words = max_words

    def spend(self, words: list[Any]) -> None:
        self.words -= len(words)
        self.chars -= sum(len(w[4]) + 1 for w in words)
        if self.words < 0 or self.chars < 0:
            raise TooMuchText


#: The ``Tr`` operator setting a render mode that draws nothing (3: neither fill nor
#: stroke, 7: clip only); pages without it cannot hide text that way.
_INVISIBLE_MODE = re.compile(rb"(?<![\d.])[37]\s+Tr\b")


#: Characters of a page's hidden text sent back: enough to tell what it is and quote it.
HIDDEN_TEXT_CHARS = 20_000


def _char(code: int) -> str:
    """A traced character; a lone surrogate or a bad code would break the JSON line."""
    return chr(code) if 0 <= code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"


def hidden_text(doc: Any, page: Any) -> tuple[int, str]:
    """How many characters of the text layer a reader cannot see (invisible render mode),
    and (the start of) what they say.

    OCR layers over scans are drawn so, and so are hidden copies of the visible text and
    text planted to be found but not read; the parent tells these apart and says which.
    ``get_texttrace`` tells exactly but costs more than reading the words, so it runs only
    on pages whose content streams (or form XObjects) set such a mode.
    """
    streams = [page.read_contents()]
    streams += [doc.xref_stream(xref) or b"" for xref, *_ in page.get_xobjects()]
    if not any(_INVISIBLE_MODE.search(s) for s in streams):
        return 0, ""
    spans = [span["chars"] for span in page.get_texttrace() if span["type"] in (3, 7)]
    text = " ".join("".join(_char(c[0]) for c in chars) for chars in spans)
    return sum(len(chars) for chars in spans), text[:HIDDEN_TEXT_CHARS]


def _send_page(out: _Output, budget: _Budget, page: Any, number: Any, flags: int,
               hidden: tuple[int, str] = (0, "")) -> None:
    words = page.get_text("words", sort=False, flags=flags)
    budget.spend(words)
    for first in range(0, len(words), CHUNK_WORDS):
        out.send("words", words=words[first:first + CHUNK_WORDS])
    box = page.cropbox  # unrotated, like the word boxes
    out.send("page", number=number, width=box.width, height=box.height, hidden=hidden[0],
             hidden_text=hidden[1])


def _extract(out: _Output, doc: Any, filetype: str, budget: _Budget, flags: int) -> None:
    if filetype == "epub":
        # Wide enough that lines rarely wrap, tall enough for a chapter on one page.
        doc.layout(width=10_000.0, height=1_000_000.0)
        for chapter in range(doc.chapter_count):
            out.send("chapter", chapter=chapter)
            for number in range(doc.chapter_page_count(chapter)):
                _send_page(out, budget, doc.load_page((chapter, number)), number, flags)
        return
    for number in range(doc.page_count):
        page = doc.load_page(number)
        _send_page(out, budget, page, number, flags, hidden_text(doc, page))


def _mupdf_messages(tools: Any) -> list[str]:
    text = tools.mupdf_warnings() or ""
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def word_flags(pymupdf: Any) -> int:
    """core/formats/mupdf.WORD_FLAGS, spelled out here: this script imports only pymupdf."""
    return int(pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES)


def run(out: _Output, data: bytes, filetype: str, max_chars: int) -> None:
    import pymupdf

    tools: Any = pymupdf.TOOLS
    tools.mupdf_display_errors(False)
    tools.mupdf_display_warnings(False)
    flags = word_flags(pymupdf)
    opener: Any = pymupdf.open
    try:
        doc = opener(stream=data, filetype=filetype)
    except Exception as exc:  # pymupdf raises bare RuntimeErrors for damaged files
        out.send("failed", stage="open", message=str(exc))
        return
    if doc.needs_pass:
        out.send("failed", stage="encrypted", message="")
        return
    try:
        _extract(out, doc, filetype, _Budget(max_chars, max_chars // 2 + 1), flags)
        metadata = {k: v for k, v in (doc.metadata or {}).items() if isinstance(v, str)}
        out.send("done", metadata=metadata, language=doc.language or "",
                 repaired=bool(doc.is_repaired), warnings=_mupdf_messages(tools))
    except TooMuchText:
        out.send("failed", stage="too_large", message="")
    except MemoryError:
        out.send("failed", stage="memory", message="")
    except Exception as exc:
        out.send("failed", stage="read", message=str(exc))


def main(argv: list[str]) -> int:
    """``mupdf_child.py FILETYPE MAX_CHARS MEMORY_BYTES CPU_SECONDS`` < file bytes."""
    filetype, max_chars, memory, cpu = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    # Our JSON goes to the real stdout; anything else that prints lands on stderr.
    out = _Output(os.fdopen(os.dup(1), "wb"))
    os.dup2(2, 1)
    limit_resources(memory, cpu)
    data = sys.stdin.buffer.read()
    try:
        run(out, data, filetype, max_chars)
    except MemoryError:
        out.send("failed", stage="memory", message="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
