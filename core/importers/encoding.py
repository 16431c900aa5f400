"""Bytes to text for plain-text and HTML files, whatever encoding an outlet or editor used.

Order of trust: a byte-order mark, then an encoding the file declares (HTML), then strict
UTF-8, then charset-normalizer's guess, then cp1252, which decodes almost anything.
Binary files are refused here so a mis-picked PDF or image never becomes a "text".
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from core.errors import ImportFailed
from core.i18n import N_, _

BINARY = N_("is not a text file (binary content)")

# UTF-32 before UTF-16: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Languages whose legacy files are cp1252: charset-normalizer often names a sibling code page
# (cp1250, mac_roman) that decodes German or Spanish letters and quotes differently.
_WESTERN = frozenset(
    "English German French Spanish Italian Dutch Portuguese Danish Norwegian Swedish "
    "Finnish Catalan Indonesian".split()
)
# Labels that browsers read as cp1252 (WHATWG Encoding Standard).
_AS_CP1252 = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252", "iso8859-15"})
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")
_SAMPLE = 65_536


@dataclass
class Decoded:
    """Decoded text, the encoding that produced it and anything the user should know."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except (LookupError, ValueError):
        return None
    if name in _AS_CP1252:
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):  # declared without a BOM: browsers read UTF-8
        return "utf-8"
    return name


def _check_printable(path: Path, text: str, lossy: bool) -> None:
    sample = text[:_SAMPLE]
    if not sample:
        return
    bad = len(_CONTROLS.findall(sample))
    if lossy:
        bad += sample.count("\ufffd")
    if bad * 10 > len(sample):
        raise ImportFailed(path, _(BINARY))


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit on every other byte (Windows tools skip the BOM)."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.6 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.6 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _lenient_utf8(data: bytes) -> Decoded | None:
    """Mostly-UTF-8 with a few stray bytes: keep it UTF-8 rather than let a guess garble it."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(_NON_ASCII.findall(text, 0, _SAMPLE * 4))
    if bad > 0 and good >= 10 * bad:
        return Decoded(text, "utf-8", [
            _("%(n)s invalid UTF-8 byte sequence(s) were replaced by �") % {"n": bad}])
    return None


def _detect(data: bytes) -> Decoded | None:
    best = from_bytes(data).best()
    if best is None:
        return None
    encoding = best.encoding
    if encoding != "cp1252" and best.language in _WESTERN:
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    return Decoded(str(best), encoding)


def decode_bytes(path: Path, data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` or raise ``ImportFailed`` for binary content; never any other error."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(path, data[len(bom) :], codec)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ImportFailed(path, _(BINARY))
        return _decode_as(path, data, utf16)
    declared_codec = _codec(declared) if declared else None
    if declared_codec is not None:
        try:
            text = data.decode(declared_codec)
        except (UnicodeDecodeError, LookupError):  # LookupError: "rot13", "base64" ...
            pass
        else:
            _check_printable(path, text, lossy=False)
            return Decoded(text, declared_codec)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_printable(path, text, lossy=False)
        return Decoded(text, "utf-8")
    decoded = _lenient_utf8(data) or _detect(data)
    if decoded is not None:
        _check_printable(path, decoded.text, lossy=decoded.encoding == "utf-8")
        return decoded
    text = data.decode("cp1252", errors="replace")
    _check_printable(path, text, lossy=True)
    return Decoded(text, "cp1252",
                   [_("the encoding could not be recognised; read as Windows-1252")])


def _decode_as(path: Path, data: bytes, codec: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        _check_printable(path, text, lossy=True)
        return Decoded(text, codec, [_("invalid %(encoding)s sequences were replaced by �")
                                     % {"encoding": codec.upper()}])
    _check_printable(path, text, lossy=False)
    return Decoded(text, codec)
