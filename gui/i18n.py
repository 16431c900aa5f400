"""The window's language: which one (environment, setting, system locale) and its translator.

Translations are Qt Linguist files: ``resources/translations/glossa_<lang>.ts`` is the
source kept in git (``pyside6-lupdate`` extracts the strings, a translator edits it) and
``glossa_<lang>.qm`` is built from it by ``pyside6-lrelease`` (``python -m gui.i18n``, run
by ``.ci/setup``). A ``.qm`` missing or older than its ``.ts`` is rebuilt at start-up when
lrelease is at hand, so an edited translation never shows stale text.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from core import i18n as core_i18n
from gui.preferences import Preferences

log = logging.getLogger("glossa.gui")
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
#: Languages the window speaks; English is the source text and needs no translator.
LANGUAGES = ("en", "de")
#: Set to a language code to override the setting and the system (tests, screenshots).
ENVIRONMENT = "GLOSSA_LANG"


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` under a short name ``pyside6-lupdate`` recognises:
    every user-visible string outside a QObject's ``self.tr`` goes through it."""
    return QCoreApplication.translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for ``pyside6-lupdate`` where it is defined (a table, a constant) and
    translate it with ``translate(context, text)`` where it is shown; typed, unlike
    PySide's own."""
    del context
    return text


def counted(n: int, one: str, many: str, **values: object) -> str:
    """``one`` or ``many`` (translated texts with ``{n}`` and any other ``values``) for
    ``n``, the number grouped as the language does ("1,204" / "1.204"): German, like
    English, has a singular and one plural form."""
    return (one if n == 1 else many).format(n=number(n), **values)


def number(n: int) -> str:
    """``n`` with thousands grouped as the window's language does: "1,204" / "1.204"."""
    return core_i18n.number(n)


def day(iso_date: str) -> str:
    """``2021-09-22`` as the window's language writes a date: ``22.09.2021`` in German,
    unchanged (ISO) in English."""
    return core_i18n.day(iso_date)


def chosen_language(preferences: Preferences) -> str:
    """The environment variable, else the setting, else the system locale; English when
    none of them names a language the window speaks."""
    for wish in (os.environ.get(ENVIRONMENT, ""), preferences.language()):
        code = wish.strip().lower()[:2]
        if code in LANGUAGES:
            return code
    system = QLocale.system().name()[:2].lower()
    return system if system in LANGUAGES else "en"


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).parent
    return shutil.which(name, path=str(beside)) or shutil.which(name)


def compile_translation(language: str, target: Path | None = None) -> Path | None:
    """The up-to-date ``.qm`` for ``language``, built from its ``.ts`` when needed (into
    ``target``, else beside the ``.ts``); None when there is neither a current one nor a
    way to build it."""
    source = TRANSLATIONS / f"glossa_{language}.ts"
    built = (target or TRANSLATIONS) / f"glossa_{language}.qm"
    if not source.is_file():
        return built if built.is_file() else None
    if built.is_file() and built.stat().st_mtime >= source.stat().st_mtime:
        return built
    tool = _tool("pyside6-lrelease")
    if tool is None:
        log.warning("pyside6-lrelease not found; %s is not rebuilt", built.name)
        return built if built.is_file() else None
    try:
        built.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([tool, "-silent", str(source), "-qm", str(built)], check=True,
                       capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as err:
        log.warning("could not build %s: %s", built.name, err)
        return built if built.is_file() else None
    return built


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Glossa's translation and Qt's own (standard buttons such as Yes/No) for
    ``language``; the translators are returned so the caller keeps them alive."""
    core_i18n.use_language(language)  # core's messages, reports and codebook speak it too
    if language == "en":
        return []
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []
    ours, qt = QTranslator(app), QTranslator(app)
    qm = compile_translation(language)
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation for %r; the window stays in English", language)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def update_sources() -> None:
    """Extract the window's strings into every ``.ts`` (``python -m gui.i18n --update``):
    new ones arrive unfinished, vanished ones are dropped; no line numbers, so a
    catalogue's diff shows only changed words."""
    tool = _tool("pyside6-lupdate")
    if tool is None:
        raise SystemExit("i18n: pyside6-lupdate is not installed")
    sources = sorted(str(p) for p in Path(__file__).resolve().parent.rglob("*.py"))
    for lang in LANGUAGES[1:]:
        subprocess.run([tool, *sources, "-no-obsolete", "-locations",
                        "none", "-source-language", "en", "-target-language", lang,
                        "-ts", str(TRANSLATIONS / f"glossa_{lang}.ts")], check=True)


def main(argv: list[str]) -> int:
    """Build every ``.qm`` (``python -m gui.i18n``), for set-up and packaging;
    ``--update`` first re-extracts the strings."""
    if "--update" in argv:
        update_sources()
    missing = [lang for lang in LANGUAGES[1:] if compile_translation(lang) is None]
    for lang in missing:
        print(f"i18n: could not build glossa_{lang}.qm", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
