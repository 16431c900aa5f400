"""What every ``glossa`` command shares: argument types, tables, JSON, messages."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

from core.i18n import _
from core.model import Annotation
from core.project import Project

PROG = "glossa"


SHORT_ID = 8  # characters of an id shown in tables; lengthened where prefixes clash


TEXT_COLUMN = 60  # widest passage, title or snippet shown in a table


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


_SURROGATE = re.compile("[\ud800-\udfff]")


#: What runs one subcommand: its parsed arguments in, the exit status out.
Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Arguments that do not make sense together: exit status 2, like argparse's own."""


class Parser(argparse.ArgumentParser):
    """argparse that reports errors as ``UsageError`` so ``main`` prints one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# --- argument types -------------------------------------------------------------------


def offset_arg(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(_("%(value)r is not an offset (a whole number >= 0)")
                                         % {"value": value})
    return number


def positive_arg(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(_("%(value)r is not a whole number >= 1")
                                         % {"value": value})
    return number


def text_arg(value: str) -> str:
    """Text from the command line; bytes that were not UTF-8 arrive as lone surrogates."""
    if _SURROGATE.search(value):
        raise argparse.ArgumentTypeError(_("%(value)r is not valid UTF-8 text")
                                         % {"value": value})
    return value


def name_arg(value: str) -> str:
    value = text_arg(value).strip()
    if not value or _CONTROL.search(value):
        raise argparse.ArgumentTypeError(_("%(value)r must be non-empty text on one line")
                                         % {"value": value})
    return value


def attribute_arg(value: str) -> tuple[str, str]:
    key, sep, text = text_arg(value).partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(_("%(value)r is not of the form KEY=VALUE")
                                         % {"value": value})
    return key.strip(), text


# --- output ---------------------------------------------------------------------------


def use_utf8_output() -> None:
    """UTF-8 on stdout and stderr whatever the locale (a C locale would mangle „Grüße“)."""
    for stream, errors in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(encoding="utf-8", errors=errors)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def print_json_array(items: Iterable[Any]) -> None:
    """Exactly ``json.dumps(list(items), ensure_ascii=False, indent=2)``, one item at a time."""
    out = sys.stdout
    count = 0
    for item in items:
        out.write(",\n  " if count else "[\n  ")
        # Strings never contain a raw newline in JSON, so this only indents structure.
        out.write(json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        count += 1
    out.write("\n]\n" if count else "[]\n")


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: wide for CJK and emoji, none for combining marks."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def cell(value: object, limit: int | None = None) -> str:
    """One table cell: on one line, cut with "…" beyond ``limit`` columns."""
    text = _CONTROL.sub(" ", str(value))
    if limit is None or display_width(text) <= limit:
        return text
    kept, used = [], 0
    for ch in text:
        used += display_width(ch)
        if used > limit - 1:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                 right: frozenset[int] = frozenset()) -> None:
    """Aligned columns; numbers (columns in ``right``) aligned to the right."""
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows])
              for i, h in enumerate(headers)]
    for row in [list(headers), *rows]:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - display_width(cell))
            if i in right:
                cells.append(pad + cell)
            elif i == len(row) - 1:
                cells.append(cell)
            else:
                cells.append(cell + pad)
        print("  ".join(cells))


def short_ids(ids: Iterable[str]) -> dict[str, str]:
    """The shortest prefix (at least ``SHORT_ID``) that tells every id apart: usable as DOC."""
    unique = sorted(set(ids))
    length = SHORT_ID
    while len({i[:length] for i in unique}) < len(unique):
        length += 1
    return {i: i[:length] for i in unique}


def passage_of(text: str, annotation: Annotation) -> str:
    return text[annotation.start:annotation.end]


# --- commands -------------------------------------------------------------------------


def open_project(args: argparse.Namespace) -> Project:
    project = Project.open(args.project)
    if project.store.upgrade is not None:
        say(f"{PROG}: {project.store.upgrade.message()}")
    return project


def annotation_json(a: Annotation, text: str, path: str) -> dict[str, Any]:
    """An annotation as ``glossa annotations --json`` prints it."""
    return {
        "id": a.id, "doc": a.document_id, "start": a.start, "end": a.end,
        "text": passage_of(text, a), "tag": path, "attributes": a.attributes, "note": a.note,
        "author": a.author, "origin": a.origin.value, "status": a.status.value,
        "created": a.created, "modified": a.modified,
    }
