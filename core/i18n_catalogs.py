"""Build the gettext catalogs of core and the report templates (a build step, not run time).

    python -m core.i18n_catalogs            # build each .mo from its .po
    python -m core.i18n_catalogs --update   # extract the strings, merge them into each .po
    python -m core.i18n_catalogs --check    # list messages without a translation; exit 1

Strings are found by Babel's extractors: ``_``, ``N_`` and ``ngettext`` calls in core's
Python files and in the Jinja templates under ``resources/templates``. The ``.po`` files
are kept in git without line numbers, so moving code does not churn them.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from core import __version__
from core.i18n import DOMAIN, LANGUAGES, catalog_path

ROOT = Path(__file__).resolve().parent.parent
_STABLE_DATE = datetime.datetime(2026, 12, 6, tzinfo=datetime.UTC)
#: What holds translatable text, relative to the repository root.
_METHODS = [("core/**.py", "python"), ("resources/templates/**.j2", "jinja2")]
_KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "Nn_": (1, 2)}
_OPTIONS = {"resources/templates/**.j2": {"extensions": "jinja2.ext.i18n",
                                          "newstyle_gettext": "true"}}


def extract() -> Catalog:
    """Every translatable message of core and the templates, as a template catalog."""
    template = Catalog(project="Glossa", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), _METHODS, _OPTIONS, _KEYWORDS, strip_comment_tags=True):
        if "i18n_catalogs" in filename:
            continue
        template.add(message, None, [(filename, lineno)], auto_comments=comments,
                     context=context)
    return template


def _read(language: str) -> Catalog:
    path = catalog_path(language)
    if not path.is_file():
        return Catalog(locale=language, domain=DOMAIN, project="Glossa", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def _write(language: str, catalog: Catalog) -> None:
    """Write ``catalog`` with a header of our own and a stable creation date, so an update
    that changes no message changes no line."""
    catalog.fuzzy = False
    catalog.project, catalog.version = "Glossa", __version__
    catalog.copyright_holder, catalog.msgid_bugs_address = "the Glossa authors", ""
    catalog.last_translator, catalog.language_team = "the Glossa authors", language
    catalog.header_comment = (f"# Glossa's core messages, reports and command line: {language}.\n"
                              "# Edit the msgstr lines; python -m core.i18n_catalogs --update "
                              "adds new messages.")
    catalog.creation_date = catalog.revision_date = _STABLE_DATE
    path = catalog_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, include_lineno=False, sort_by_file=False,
                 sort_output=True, ignore_obsolete=True)


def update() -> None:
    """Merge the extracted messages into every language's ``.po`` (new ones untranslated,
    vanished ones dropped)."""
    template = extract()
    for language in LANGUAGES[1:]:
        catalog = _read(language)
        catalog.update(template, no_fuzzy_matching=True)
        _write(language, catalog)


def untranslated(language: str) -> list[str]:
    """Messages extracted from the code that ``language``'s catalog does not translate
    (missing, empty or fuzzy)."""
    catalog = _read(language)
    missing = []
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        strings = (found.string if isinstance(found.string, tuple | list) else (found.string,)
                   ) if found is not None else ("",)
        if found is None or found.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def build() -> list[Path]:
    """Write each language's ``.mo`` from its ``.po``; returns the files written."""
    written = []
    for language in LANGUAGES[1:]:
        if not catalog_path(language).is_file():
            continue
        target = catalog_path(language, ".mo")
        with target.open("wb") as handle:
            write_mo(handle, _read(language))
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.i18n_catalogs",
                                     description="Build or update core's translations.")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--update", action="store_true", help="extract and merge strings")
    action.add_argument("--check", action="store_true", help="list untranslated messages")
    args = parser.parse_args(argv)
    if args.update:
        update()
        return 0
    if args.check:
        gaps = {language: untranslated(language) for language in LANGUAGES[1:]}
        for language, missing in gaps.items():
            for message in missing:
                print(f"{language}: {message}")
        return 1 if any(gaps.values()) else 0
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
