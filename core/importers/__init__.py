"""Turn a file into an ``ImportedDocument``: one entry point, one exception type.

Callers (GUI worker, CLI) only ever see ``ImportFailed``, whose message names the file and
says what is wrong, so they can show it as it is. Storage happens elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.errors import ImportFailed
from core.i18n import _
from core.importers.base import (
    MAX_TEXT_CHARS,
    SUPPORTED_EXTENSIONS,
    ImportedDocument,
    ImportOptions,
    check_cancel,
    read_limited,
)
from core.importers.epub import read_epub
from core.importers.html import read_html
from core.importers.pdf import read_pdf
from core.importers.text import read_text

__all__ = [
    "MAX_TEXT_CHARS",
    "SUPPORTED_EXTENSIONS",
    "ImportOptions",
    "ImportedDocument",
    "read_document",
]

_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".epub": "epub",
}


def _read_bytes(path: Path) -> bytes:
    try:
        if not path.exists():
            raise ImportFailed(path, _("does not exist"))
        if path.is_dir():
            raise ImportFailed(path, _("is a folder"))
        return read_limited(path)
    except PermissionError as exc:
        raise ImportFailed(path, _("cannot be read (permission denied)")) from exc
    except OSError as exc:
        raise ImportFailed(path, _("cannot be read (%(reason)s)")
                           % {"reason": exc.strerror or exc}) from exc


def _dispatch(
    path: Path, fmt: str, cancel: Callable[[], bool] | None, options: ImportOptions
) -> ImportedDocument:
    data = _read_bytes(path)
    if not data:
        raise ImportFailed(path, _("is empty"))
    check_cancel(path, cancel)
    if fmt == "pdf":
        return read_pdf(path, data, cancel)
    if fmt == "epub":
        return read_epub(path, data, cancel)
    if fmt == "html":
        return read_html(path, data, full_page=options.full_page)
    return read_text(path, data, fmt)


def read_document(
    path: str | Path,
    *,
    cancel: Callable[[], bool] | None = None,
    options: ImportOptions | None = None,
) -> ImportedDocument:
    """Read ``path`` as the format its extension names (case-insensitive).

    ``cancel`` is polled between pages and chapters; when it returns True the import stops
    with ``ImportFailed(path, "import cancelled")``. Every failure is an ``ImportFailed``.
    ``options`` holds the analyst's choices (default: ``ImportOptions()``).
    """
    path = Path(path)
    try:
        suffix = path.suffix.lower()
        fmt = _FORMATS.get(suffix)
        if fmt is None:
            if not path.exists():
                raise ImportFailed(path, _("does not exist"))
            if path.is_dir():
                raise ImportFailed(path, _("is a folder"))
            shown = suffix or "no file extension"
            raise ImportFailed(
                path,
                _("has an unsupported format (%(shown)s); Glossa reads .txt, .md, .html, "
                  ".pdf and .epub")
                % {"shown": shown},
            )
        return _dispatch(path, fmt, cancel, options or ImportOptions())
    except ImportFailed:
        raise
    except MemoryError as exc:
        raise ImportFailed(path, _("is too large to read into memory")) from exc
    except RecursionError as exc:
        raise ImportFailed(path, _("is nested too deeply to read")) from exc
    except Exception as exc:  # the contract: callers only ever see ImportFailed
        raise ImportFailed(path, _("could not be read (%(name)s: %(exc)s)")
                                 % {"name": type(exc).__name__, "exc": exc}) from exc
