"""Hostile documents made on the fly, so the repository holds no large binaries."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from tests.core.test_importers import CONTAINER, NAV, NCX, OPF, chapter

_OPERATOR = b"BT /F1 12 Tf 72 720 Td (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) Tj ET\n"


def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of the given object bodies (1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def pdf_with_content(path: Path, content: bytes, *, compressed: bool = True) -> Path:
    """A one-page PDF with ``content`` as its page's content stream (Helvetica as /F1)."""
    stream = zlib.compress(content, 9) if compressed else content
    flate = b" /Filter /FlateDecode" if compressed else b""
    return write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), flate) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def pdf_bomb(path: Path, megabytes: int) -> Path:
    """A PDF of a few hundred KB whose page stream inflates to ``megabytes`` of text
    operators (the red team's was 712 KB for 200 MB)."""
    chunk = _OPERATOR * (1024 * 1024 // len(_OPERATOR))
    packer = zlib.compressobj(9)
    stream = b"".join([*(packer.compress(chunk) for _ in range(megabytes)), packer.flush()])
    return write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def many_page_pdf(path: Path, pages: int) -> Path:
    """``pages`` pages sharing one small content stream: tiny file, much work."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>")
    content = b"BT /F1 12 Tf 72 720 Td (Seite mit Text) Tj ET"
    return write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *([page] * pages),
    ])


Writer = Callable[[IO[bytes]], None]


def epub_with(path: Path, name: str, write: Writer, *, stored: bool = False,
              extra: dict[str, str | bytes] | None = None, opf: str = OPF) -> Path:
    """A valid EPUB (the test book) plus one entry ``name`` streamed by ``write``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/content.opf", opf)
        book.writestr("OEBPS/nav.xhtml", NAV)
        book.writestr("OEBPS/toc.ncx", NCX)
        book.writestr("OEBPS/c1.xhtml", chapter("Eins", "<p>Hallo Welt, ein Kapitel.</p>"))
        for other, data in (extra or {}).items():
            book.writestr(other, data)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        with book.open(info, "w", force_zip64=True) as entry:
            write(entry)
    return path


def long_word(characters: int) -> Writer:
    """A chapter holding one word of ``characters`` letters, written a megabyte at a time."""
    def write(entry: IO[bytes]) -> None:
        entry.write(b'<?xml version="1.0" encoding="UTF-8"?>\n'
                    b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>')
        left = characters
        while left:
            step = min(left, 1024 * 1024)
            entry.write(b"a" * step)
            left -= step
        entry.write(b"</p></body></html>")
    return write


def spaces(megabytes: int) -> Writer:
    """An entry of ``megabytes`` MB of spaces (inflates ~1000-fold)."""
    def write(entry: IO[bytes]) -> None:
        block = b" " * (1024 * 1024)
        for _ in range(megabytes):
            entry.write(block)
    return write


_MEASURE = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))  # keep a regression sane
from core.importers import read_document
from core.errors import ImportFailed
start = time.monotonic()
try:
    outcome = {"chars": len(read_document(sys.argv[1]).text)}
except ImportFailed as err:
    outcome = {"error": str(err)}
outcome["seconds"] = time.monotonic() - start
outcome["memory"] = max(resource.getrusage(who).ru_maxrss * 1024
                        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps(outcome))
"""


def measured_import(path: Path, timeout: float = 60) -> dict[str, Any]:
    """Import ``path`` in a fresh process: the outcome, its seconds and its peak memory
    in bytes (the larger of the process and its MuPDF child)."""
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True,
                            text=True, timeout=timeout, check=True)
    outcome: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return outcome
