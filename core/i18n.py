"""The language of core's messages, the command line and reports: gettext catalogs.

The window translates its widgets with Qt (``gui.i18n``); everything core says (errors,
command-line output, report headings, the default codebook of a new project) goes through
``_`` / ``ngettext`` here. Catalogs are Babel ``.po`` files in ``resources/locale`` kept
in git; ``python -m core.i18n_catalogs`` extracts the strings and builds the ``.mo`` files
(``.ci/setup`` runs it). A ``.mo`` missing or older than its ``.po`` is built in memory
from the ``.po``, so an edited translation never shows stale text.

The language is chosen once per process: ``GLOSSA_LANG``, else the caller's setting (the
window's View › Language), else the system locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``, as gettext reads them); English when none names a language
Glossa speaks. Numbers and dates follow the chosen language, not the system's, so an
English report on a German desktop writes "1,204" as its English sentences expect.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import os
import threading
from pathlib import Path

#: The catalogs: ``<LOCALE_DIR>/<lang>/LC_MESSAGES/glossa.po`` (and its built ``.mo``).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"
DOMAIN = "glossa"
#: Languages Glossa speaks; English is the source text and needs no catalog.
LANGUAGES = ("en", "de")
#: Set to a language code to override the setting and the system (tests, scripts).
ENVIRONMENT = "GLOSSA_LANG"
_SYSTEM_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

class _Speaking:
    """The language in use and its translations (one per process, set by ``use_language``)."""

    language = "en"
    translations: gettext.NullTranslations = gettext.NullTranslations()


_lock = threading.Lock()
_speaking = _Speaking()
_loaded: dict[str, gettext.NullTranslations] = {}


def system_language() -> str:
    """The language the system locale names, as gettext finds it; "" when none."""
    for variable in _SYSTEM_VARIABLES:
        value = os.environ.get(variable, "")
        if value:
            for wish in value.split(":"):
                code = wish.strip().lower()[:2]
                if code in LANGUAGES:
                    return code
            return ""
    return ""


def chosen_language(setting: str = "") -> str:
    """``GLOSSA_LANG``, else ``setting``, else the system locale; English otherwise."""
    for wish in (os.environ.get(ENVIRONMENT, ""), setting):
        code = wish.strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return system_language() or "en"


def catalog_path(language: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def _load(language: str) -> gettext.NullTranslations:
    """The translations of ``language``: its ``.mo`` when current, else its ``.po``
    compiled in memory; no translation (English text) when neither exists."""
    if language == "en":
        return gettext.NullTranslations()
    source, built = catalog_path(language), catalog_path(language, ".mo")
    if built.is_file() and (not source.is_file()
                            or built.stat().st_mtime >= source.stat().st_mtime):
        with built.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if not source.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def use_language(language: str) -> str:
    """Speak ``language`` (a code of ``LANGUAGES``; anything else means English) from now
    on, in every thread; returns the code in use."""
    code = language if language in LANGUAGES else "en"
    with _lock:
        if code not in _loaded:
            _loaded[code] = _load(code)
        _speaking.translations, _speaking.language = _loaded[code], code
    return code


def language() -> str:
    """The code of the language in use ("en", "de")."""
    return _speaking.language


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _speaking.translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction where it is defined (a table, a constant); it is
    translated with ``_`` where it is shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural pair for extraction; ``ngettext(*pair, n)`` shows it."""
    return singular, plural


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` for ``n``, in the language in use."""
    return _speaking.translations.ngettext(singular, plural, n)


def number(n: float, digits: int | None = None) -> str:
    """``n`` grouped as the language does ("1,204.5" / "1.204,5"); ``digits`` fixes the
    decimals."""
    if digits is None and isinstance(n, int) and language() == "en":
        return f"{n:,}"  # what Babel writes too, without its 40 ms import at start-up
    from babel.numbers import format_decimal

    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(n, format=pattern, locale=language()))


def percent(fraction: float, digits: int = 1) -> str:
    """A share as the language writes it: "12.5%" / "12,5 %"."""
    from babel.numbers import format_percent

    decimals = "." + "0" * digits if digits else ""
    pattern = f"#,##0{decimals}\u00a0%" if language() == "de" else f"#,##0{decimals}%"
    return str(format_percent(fraction, format=pattern, locale=language()))


def day(iso_date: str) -> str:
    """``2021-09-22`` as the language writes a date: ``22.09.2021`` in German, ISO in
    English; anything that is not a full ISO date is returned as it is."""
    try:
        parsed = dt.date.fromisoformat(iso_date.strip())
    except ValueError:
        return iso_date
    if language() == "en":
        return parsed.isoformat()
    from babel.dates import format_date

    return str(format_date(parsed, "medium", locale=language()))


def moment(when: dt.datetime) -> str:
    """A point in time to the minute: ``22.09.2021, 14:05`` / ``2021-09-22 14:05``."""
    if language() == "en":
        return when.strftime("%Y-%m-%d %H:%M")
    from babel.dates import format_date, format_time

    return (f"{format_date(when, 'medium', locale=language())}, "
            f"{format_time(when, 'HH:mm', locale=language())}")
