"""Core's catalog is complete: every message of the command line and every word of a report
template goes through gettext, and German has a translation for each, with the same
placeholders (a missing ``%(n)s`` would raise on the analyst's screen)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jinja2
from babel.messages.pofile import read_po
from jinja2 import nodes

from core.i18n import catalog_path
from core.i18n_catalogs import untranslated
from core.reports.templates import TEMPLATES, environment
from tests.test_translatable import _plain_strings

REPO = Path(__file__).resolve().parent.parent
#: Calls in core/cli whose string arguments a user reads.
SHOWN = {"say", "print", "UsageError", "InvalidValue", "ArgumentTypeError", "command",
         "print_table", "DamagedProject", "NotFound"}
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sdrf]")
_TRANSLATING = {"_", "gettext", "ngettext"}


def test_the_german_catalog_translates_every_message() -> None:
    assert untranslated("de") == []


def test_german_keeps_every_placeholder() -> None:
    with catalog_path("de").open("rb") as handle:
        catalog = read_po(handle)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = sorted(_PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if sorted(_PLACEHOLDER.findall(text)) not in (wanted, sorted(
                    _PLACEHOLDER.findall(ids[0]))):
                wrong.append(f"{ids[0]!r} -> {text!r}")
    assert wrong == [], "\n".join(wrong)


def _words(markup: str) -> str:
    """The text a reader sees in a piece of template markup (styles, comments, tags and
    entities removed), plus the values of attributes people read (title, aria-label)."""
    shown = re.findall(r'\b(?:title|aria-label|alt)="([^"{]*)"', markup)
    markup = re.sub(r"<style>.*?</style>|<!--.*?-->", " ", markup, flags=re.S)
    markup = re.sub(r"<[^>]*>|&#?\w+;", " ", markup)
    return " ".join([*shown, markup])


def _literal_outputs(node: nodes.Node, inside: bool = False) -> list[str]:
    """Prose constants (with a space, a bracket or a capital) that end up in the output
    without passing through gettext; class names and comparisons are no prose."""
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and (
            node.node.name in _TRANSLATING):
        return []
    if isinstance(node, nodes.Compare | nodes.Getitem):
        return []
    if isinstance(node, nodes.Const) and isinstance(node.value, str) and inside:
        text = node.value.strip()
        prose = re.search(r"[^\W\d_]{2,}", text) and re.search(r"\w\s+\w|[()A-Z]", text)
        return [node.value] if prose else []
    found = []
    for child in node.iter_child_nodes():
        found += _literal_outputs(child, inside or isinstance(node, nodes.Output))
    return found


def test_report_templates_say_nothing_untranslated() -> None:
    env: jinja2.Environment = environment()
    problems = []
    for path in sorted(TEMPLATES.glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        markup = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "\x00", source, flags=re.S)
        words = _words(markup)
        problems += [f"{path.name}: {word!r}" for word in re.findall(r"[^\W\d_]{2,}", words)]
        problems += [f"{path.name}: {s!r}" for s in _literal_outputs(env.parse(source))]
    assert problems == [], "\n".join(problems)


def _call_name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_command_line_messages_are_translatable() -> None:
    found = []
    for path in sorted((REPO / "core" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node.func)
            if name in SHOWN:
                args = [*node.args[1:]] if name == "command" else [*node.args]
            elif name in ("add_argument", "add_parser", "Parser"):
                args = [k.value for k in node.keywords if k.arg in ("help", "description")]
            else:
                continue
            strings = [s for a in args for s in _plain_strings(a)
                       if not s.startswith(("f'{", 'f"{')) or re.search(r"[a-z]{3}", s[4:])]
            found += [f"{path.relative_to(REPO)}:{node.lineno}: {s!r}" for s in strings
                      if not re.fullmatch(r"[A-Z0-9 _]{1,3}|f'\t'|f'\\t'", s)]
    assert found == [], "\n".join(found)


#: Exceptions and report lists whose messages people read (the window shows them, the
#: command line prints them).
MESSAGE_CALLS = {
    "GlossaError", "ProjectError", "NotAGlossaProject", "DamagedProject", "ForeignSchema",
    "UnsupportedSchemaVersion", "ReadOnlyProject", "FileNotWritable", "DiskFull",
    "ProjectFileGone", "ProjectInUse", "NotFound", "Ambiguous", "InvalidSpan", "InvalidValue",
    "ExportCancelled", "ExportFailed", "ImportFailed", "Skip", "Unplaced", "UsageError",
    "_Problem", "Refused", "TooMuchText", "NothingMatches", "SourceBusy", "_fail", "_unreadable",
}
#: Modules whose messages are still English (the work goes module by module): shrink it,
#: never grow it.
MESSAGES_NOT_YET: set[str] = set()


def untranslated_messages(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        is_warning = name == "append" and isinstance(node.func, ast.Attribute) and (
            _call_name(node.func.value) == "warnings")
        if name in MESSAGE_CALLS or is_warning:
            found += [f"{path.relative_to(REPO)}:{node.lineno}: {s!r}"
                      for a in node.args for s in _plain_strings(a)]
    return found


def test_core_messages_are_translatable() -> None:
    found = [line for p in sorted((REPO / "core").rglob("*.py"))
             if str(p.relative_to(REPO)) not in MESSAGES_NOT_YET
             for line in untranslated_messages(p)]
    assert found == [], "\n".join(found)


def test_modules_whose_messages_are_translated_leave_the_list() -> None:
    done = sorted(m for m in MESSAGES_NOT_YET if not untranslated_messages(REPO / m))
    assert done == [], f"remove from MESSAGES_NOT_YET: {done}"
