"""EPUB books and long-form pieces: chapter text in reading order, one paragraph per line.

pymupdf lays the book out on very large pages so each chapter is (nearly always) one page
and paragraphs are never split at a page break; the page geometry itself is meaningless
for reflowable text, so no page map is kept. Metadata comes from the package document.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from core.errors import ImportFailed
from core.i18n import _
from core.importers.base import (
    Cancel,
    ImportedDocument,
    check_cancel,
    check_length,
    clean_field,
    first_line,
    iso_date,
    language_code,
    pick_title,
)
from core.importers.epub_archive import check_archive
from core.importers.language import guess_language
from core.importers.mupdf import MuPDFReader, mupdf_warnings
from core.importers.words import join_words

_METADATA_BYTES = 1024 * 1024


def _zip_text(book: zipfile.ZipFile, name: str) -> str:
    info = book.getinfo(name)
    if info.file_size > _METADATA_BYTES:
        raise ValueError(f"{name} is implausibly large")
    return book.read(info).decode("utf-8", errors="replace")


def package_metadata(data: bytes) -> dict[str, str]:
    """Dublin Core fields of the package document (title, creator, language, date, ...).

    Read directly because pymupdf's metadata lacks language and date. Best effort: a
    damaged package gives {} and the text import carries on.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            container = ElementTree.fromstring(_zip_text(book, "META-INF/container.xml"))
            rootfile = next(container.iterfind(".//{*}rootfile"))
            package = ElementTree.fromstring(_zip_text(book, rootfile.attrib["full-path"]))
    except (zipfile.BadZipFile, KeyError, StopIteration, ValueError, ElementTree.ParseError):
        return {}
    fields: dict[str, list[str]] = {}
    for metadata in package.iterfind(".//{*}metadata"):
        for element in metadata:
            namespace, _, name = element.tag.rpartition("}")
            value = clean_field(element.text)
            if namespace.endswith("/dc/elements/1.1/") and value:
                fields.setdefault(name, []).append(value)
    return {
        name: ", ".join(values) if name == "creator" else values[0]
        for name, values in fields.items()
    }


def _open(path: Path, data: bytes) -> MuPDFReader:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFailed(path, _("is not a readable EPUB (it is not a ZIP archive)"))
    check_archive(path, data)
    return MuPDFReader(path, data, "epub", "EPUB")


def _extract(path: Path, reader: MuPDFReader, cancel: Cancel) -> str:
    pieces: list[str] = []
    for item in reader.items():
        if isinstance(item, int):  # a new chapter begins
            check_cancel(path, cancel)
            continue
        text, _offsets = join_words(item.words, reflowed=True)
        if text:
            pieces.append(text)
    return "\n".join(pieces)


def read_epub(path: Path, data: bytes, cancel: Cancel = None) -> ImportedDocument:
    """Import an EPUB's chapters in spine order, with its title, author and language.

    The archive's declared sizes are checked first, then MuPDF reads it in a child
    process (``MuPDFReader``) with bounded time and memory; its complaints become
    warnings rather than text.
    """
    with _open(path, data) as reader:
        text = _extract(path, reader, cancel)
    metadata = reader.summary.metadata
    if not text.strip():
        raise ImportFailed(path, _("has no readable text"))
    check_length(path, text)
    package = package_metadata(data)
    source = package.get("source", "")
    date = package.get("date", "")
    return ImportedDocument(
        title=pick_title(
            path, package.get("title", ""), clean_field(metadata.get("title")), first_line(text)
        ),
        format="epub",
        text=text,
        source_name=path.name,
        original=data,
        language=language_code(package.get("language", "")) or guess_language(text),
        outlet=package.get("publisher", ""),
        author=package.get("creator", "") or clean_field(metadata.get("author")),
        url=source if "://" in source else "",
        published=iso_date(date) if date else "",
        warnings=mupdf_warnings(reader.summary.warnings),
    )
