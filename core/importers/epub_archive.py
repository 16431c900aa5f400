"""Refuse an EPUB whose ZIP directory announces a bomb, before MuPDF unpacks anything.

A 1 MB EPUB with a 1 GB entry took MuPDF 119 s and 17.5 GB to refuse. The central
directory declares each entry's sizes, so a bomb that tells the truth is refused here in
milliseconds with a message that names the entry; one that lies is caught by the child
process's memory and time limits (``core.importers.mupdf``). MuPDF lays out one long
word in quadratic time (10,000 characters 0.1 s, 100,000 characters 5.7 s, a 64 MB word
never ends), so content documents are scanned for such words first (zipfile stops
reading an entry at its declared size).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from core.errors import ImportFailed
from core.i18n import _

#: More entries than any book has; each costs MuPDF a directory lookup.
MAX_ENTRIES = 10_000
#: Largest entry once unpacked (a big illustration is a few MB).
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: Largest sum of unpacked entries.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: Text compresses ~3-10 times, images hardly; more than this is a bomb (above 1 MB).
MAX_RATIO = 100
_SMALL = 1024 * 1024
#: Longest run of characters without a break that MuPDF lays out quickly (~0.3 s).
MAX_WORD_CHARS = 20_000
_LONG_RUN = re.compile(rb"[^\s<>]{%d,}" % MAX_WORD_CHARS)
_CONTENT = (".xhtml", ".html", ".htm", ".xml")
# Scripts MuPDF may break lines anywhere in (CJK, kana, hangul, full-width forms).
_BREAKABLE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def _entry_problem(info: zipfile.ZipInfo) -> str:
    size, packed = info.file_size, max(info.compress_size, 1)
    if size > MAX_ENTRY_BYTES:
        return _("declares %(size)s MB unpacked (the limit is %(limit)s MB)") % {
            "size": f"{size / 1e6:.0f}", "limit": MAX_ENTRY_BYTES // 2**20}
    if size > _SMALL and size > MAX_RATIO * packed:
        return _("would inflate %(n)s-fold (a decompression bomb?)") % {"n": size // packed}
    return ""


def _longest_word(content: bytes) -> int:
    """Length in bytes of the longest unbreakable run of text outside tags, if overlong."""
    for match in _LONG_RUN.finditer(content):
        if content.rfind(b"<", 0, match.start()) > content.rfind(b">", 0, match.start()):
            continue  # inside a tag: an attribute such as a data: URI, never laid out
        if not _BREAKABLE.search(match.group().decode("utf-8", "replace")):
            return len(match.group())
    return 0


def _check_words(path: Path, book: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    for info in entries:
        if not info.filename.lower().endswith(_CONTENT):
            continue
        longest = _longest_word(book.read(info))
        if longest:
            raise ImportFailed(path, _("is refused: its entry %(filename)r holds a word of "
                                       "%(longest)s characters (the limit is %(limit)s)")
                                     % {"filename": info.filename[:80], "longest": longest,
                                        "limit": MAX_WORD_CHARS})


def check_archive(path: Path, data: bytes) -> None:
    """Raise ``ImportFailed`` if the archive declares too many or too large entries, or a
    content document holds a word too long to lay out."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            entries = book.infolist()
            _check_sizes(path, entries)
            _check_words(path, book, entries)
    except (zipfile.BadZipFile, ValueError, EOFError, OSError) as exc:
        raise ImportFailed(path, _("is not a readable EPUB (damaged: %(reason)s)")
                           % {"reason": exc}) from exc


def _check_sizes(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise ImportFailed(path, _("is not a readable EPUB (%(length)s entries; the limit "
                                   "is %(limit)s)")
                                 % {"length": len(entries), "limit": MAX_ENTRIES})
    total = 0
    for info in entries:
        problem = _entry_problem(info)
        if problem:
            name = info.filename[:80]
            raise ImportFailed(path, _("is refused: its entry %(name)r %(problem)s")
                                     % {"name": name, "problem": problem})
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ImportFailed(path, _("is refused: its entries declare %(value)s MB unpacked "
                                   "(the limit is %(value2)s MB)")
                                 % {"value": f"{total / 1e6:.0f}",
                                    "value2": MAX_TOTAL_BYTES // 2**20})
