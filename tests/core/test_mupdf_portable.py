"""The MuPDF reader on Windows' terms, forced on Linux.

Windows has no ``resource`` module and its ``select`` takes no pipes, so the parent reads
the child's pipe with a thread (everywhere) and the child must run when ``resource`` is
missing. The child commands here stand in for MuPDF misbehaving: hanging, sending a line
that never ends, dying at once.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from core.errors import ImportFailed
from core.importers import mupdf, mupdf_child, read_document
from tests.core.test_import_pdf import EXPECTED, make_pdf, needs_font

#: Runs the child script as a Windows Python would: ``import resource`` fails.
_WITHOUT_RESOURCE = (
    "import runpy, sys; sys.modules['resource'] = None; sys.argv = sys.argv[1:]; "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)


def _child(monkeypatch: pytest.MonkeyPatch, *command: str) -> None:
    monkeypatch.setattr(mupdf, "_child_command", lambda: [sys.executable, *command])


def _pipe_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "mupdf-pipe"]


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@needs_font
def test_a_child_without_resource_limits_reads_a_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_pdf(tmp_path / "article.pdf")
    limited = read_document(path)
    _child(monkeypatch, "-I", "-c", _WITHOUT_RESOURCE, str(mupdf._CHILD))
    doc = read_document(path)
    assert doc.text == limited.text == EXPECTED
    assert doc.pages == limited.pages and len(doc.pages) == 3
    assert not _pipe_threads()


@pytest.mark.parametrize("sent", ["", '{"kind": "words", "wor'])
def test_a_child_that_hangs_is_killed_at_the_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sent: str
) -> None:
    pid_file = tmp_path / "pid"
    _child(monkeypatch, "-c", f"import os, sys, time; open({str(pid_file)!r}, 'w')"
           f".write(str(os.getpid())); sys.stdout.write({sent!r}); sys.stdout.flush(); "
           "time.sleep(60)")
    monkeypatch.setattr(mupdf, "TIME_LIMIT", 1.5)
    start = time.monotonic()
    with pytest.raises(ImportFailed, match=r"^hang\.pdf: took longer than 2 s to read"):
        read_document(make_pdf(tmp_path / "hang.pdf"))
    assert 1.5 <= time.monotonic() - start < 5
    assert _gone(int(pid_file.read_text()))
    assert not _pipe_threads()


def test_a_line_longer_than_the_limit_is_refused_before_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _child(monkeypatch, "-c", "import sys, time; sys.stdout.buffer.write(b'a' * 16_000_000); "
           "sys.stdout.flush(); time.sleep(60)")
    monkeypatch.setattr(mupdf, "_MAX_LINE", 4_000_000)
    start = time.monotonic()
    with pytest.raises(ImportFailed, match=r"^long\.pdf: is not a readable PDF \(a page is "
                                           r"too large\)$"):
        read_document(make_pdf(tmp_path / "long.pdf"))
    assert time.monotonic() - start < 5
    assert not _pipe_threads()


def test_a_child_that_dies_at_once_is_always_a_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its exit could be noticed before the reader waited for it, which once raised
    # ChildProcessError in about one import in eight.
    _child(monkeypatch, "-c", "import sys; sys.exit(3)")
    path = make_pdf(tmp_path / "dies.pdf")
    for _attempt in range(30):
        with pytest.raises(ImportFailed, match=r"^dies\.pdf: is not a readable PDF \(the "
                                               r"reader stopped, status 3\)$"):
            read_document(path)
    assert not _pipe_threads()


@pytest.mark.skipif(ctypes.sizeof(ctypes.c_void_p) != 8, reason="64-bit layout")
def test_the_windows_job_limits_have_the_64_bit_windows_layout() -> None:
    # JOBOBJECT_EXTENDED_LIMIT_INFORMATION as winnt.h lays it out on x64: a wrong size
    # makes SetInformationJobObject fail, a wrong offset sets the wrong limit.
    limits = mupdf_child.JobLimits
    assert ctypes.sizeof(limits) == 144
    assert limits.LimitFlags.offset == 16
    assert limits.ProcessMemoryLimit.offset == 112


#: Runs the child where a 768 MB address-space cap cannot be set: macOS refuses any (its
#: processes reserve far more address space at start), here a lower hard limit does.
_CAP_REFUSED = (
    "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, (700 << 20, 700 << 20));"
    " sys.platform = sys.argv.pop(1); sys.argv = sys.argv[1:]; "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)


@needs_font
def test_macos_reads_without_the_address_space_cap_it_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_pdf(tmp_path / "article.pdf")
    _child(monkeypatch, "-I", "-c", _CAP_REFUSED, "darwin", str(mupdf._CHILD))
    assert read_document(path).text == EXPECTED
    # Elsewhere a cap that cannot be set still ends the child: no reading without it.
    _child(monkeypatch, "-I", "-c", _CAP_REFUSED, "linux", str(mupdf._CHILD))
    with pytest.raises(ImportFailed, match=r"\(the reader stopped, status 1\)$"):
        read_document(path)
