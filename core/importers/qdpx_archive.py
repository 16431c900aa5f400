"""Reading an untrusted ``.qdpx`` zip: member names checked, sizes bounded, XML refused
when it declares a DTD or entities. Nothing is ever extracted to disk."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET
from xml.parsers import expat

from core.errors import ImportFailed
from core.formats.qdpx import NAMESPACE
from core.i18n import _
from core.importers.encoding import decode_bytes
from core.importers.placing import Skip, canonical_uuid

MAX_ENTRIES = 100_000
MAX_SOURCE_BYTES = 64 * 1024 * 1024  # one source text or note
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # everything read from one archive
MAX_XML_DEPTH = 200


def unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in PurePosixPath(name).parts


class Archive:
    """A ``.qdpx`` read with limits: member names checked, sizes bounded while reading."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
        except FileNotFoundError as exc:
            raise ImportFailed(path, _("does not exist")) from exc
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportFailed(path, _("is not a .qdpx file (not a readable zip archive)")) from exc
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            self.close()
            raise ImportFailed(path, _("holds %(length)s files; the limit is %(limit)s")
                                     % {"length": len(infos), "limit": MAX_ENTRIES})
        for info in infos:
            if unsafe_name(info.filename):
                self.close()
                raise ImportFailed(path, _("contains an unsafe file name %(filename)r; "
                                           "refusing the whole archive")
                                         % {"filename": info.filename})
        self._by_name = {info.filename: info for info in infos}
        self._read = 0

    def close(self) -> None:
        self._zip.close()

    def find(self, name: str) -> zipfile.ZipInfo | None:
        info = self._by_name.get(name)
        if info is None:
            folded = name.casefold()
            info = next((i for n, i in self._by_name.items() if n.casefold() == folded), None)
        return info

    def read(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        """A member's bytes; never more than ``limit`` whatever its header declares."""
        name = info.filename
        if info.file_size > limit:
            raise ImportFailed(self.path, _("%(name)s declares %(file_size)s bytes "
                                            "unpacked; the limit is %(limit)s (a zip bomb?)")
                                          % {"name": name, "file_size": f"{info.file_size:,}",
                                             "limit": f"{limit:,}"})
        if self._read + info.file_size > MAX_TOTAL_BYTES:
            raise ImportFailed(self.path, _("unpacks to more than %(limit)s bytes")
                                          % {"limit": f"{MAX_TOTAL_BYTES:,}"})
        try:
            with self._zip.open(info) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise ImportFailed(self.path, _("%(name)s is damaged (%(exc)s)")
                                          % {"name": name, "exc": exc}) from exc
        except (NotImplementedError, RuntimeError) as exc:  # unknown method, encrypted
            raise ImportFailed(self.path, _("%(name)s cannot be unpacked (%(exc)s)")
                                          % {"name": name, "exc": exc}) from exc
        if len(data) > limit:
            raise ImportFailed(self.path, _("%(name)s unpacks to more than %(limit)s bytes")
                                          % {"name": name, "limit": f"{limit:,}"})
        self._read += len(data)
        return data


class Refused(Exception):
    pass


def parse_xml(data: bytes) -> ET.Element:
    """Parse untrusted XML with expat, refusing DTDs and entities and deep nesting.

    Element names lose the QDA-XML namespace (``{urn:QDA-XML:project:1.0}Code`` ->
    ``Code``); other namespaces stay as ``{ns}name`` so vendor extensions never pass
    for standard elements. (defusedxml would do the refusing; it is not a dependency.)
    """
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    names: dict[str, str] = {}  # a file uses few distinct names, millions of times

    def name(raw: str) -> str:
        found = names.get(raw)
        if found is None:
            space, _brace, local = raw.rpartition("}")
            found = names[raw] = local if space in ("", NAMESPACE) else "{" + raw
        return found

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise Refused(_("is nested deeper than %(limit)s levels") % {"limit": MAX_XML_DEPTH})
        builder.start(name(tag), {name(k): v for k, v in attributes.items()})

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(name(tag))

    def refuse_dtd(*_ignored: object) -> None:
        raise Refused(_("declares a DTD, which REFI-QDA files never need"))

    def refuse_entity(*_ignored: object) -> None:
        raise Refused(_("declares entities, which REFI-QDA files never need"))

    def refuse_external(*_ignored: object) -> int:
        raise Refused(_("refers to external entities, which REFI-QDA files never need"))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.Parse(data, True)
    return builder.close()


def source_text(source: ET.Element, archive: Archive) -> str:
    """The raw (not yet normalised) text of a TextSource or Note."""
    content = source.find("PlainTextContent")
    if content is not None:
        return content.text or ""
    location = source.get("plainTextPath", "")
    if not location.startswith("internal://"):
        if not location:
            raise Skip(_("has no text"))
        raise Skip(_("keeps its text outside the archive; only internal:// texts are read"))
    member = location.removeprefix("internal://")
    if unsafe_name(member):
        raise Skip(_("names an unsafe path %(member)r") % {"member": member})
    info = archive.find(f"sources/{member}")
    if info is None:
        raise Skip(_("names sources/%(member)s, which is not in the archive")
                   % {"member": member})
    data = archive.read(info, MAX_SOURCE_BYTES)
    try:
        return decode_bytes(Path(member), data, declared="utf-8").text
    except ImportFailed as exc:
        raise Skip(exc.reason) from None


def children(element: ET.Element | None, name: str) -> Iterator[ET.Element]:
    """The children called ``name`` of an element that may be missing."""
    if element is not None:
        yield from element.iterfind(name)


def text_of(element: ET.Element | None) -> str:
    return (element.text or "") if element is not None else ""


def guid_of(element: ET.Element, attribute: str = "guid") -> str:
    """A GUID attribute as a canonical UUID where it is one (files vary in case and braces)."""
    value = element.get(attribute, "")
    return canonical_uuid(value) or value.strip()
