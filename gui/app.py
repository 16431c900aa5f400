"""Start-up: the QApplication, settings, the crash guard and which project to open.

``main(argv)`` is the ``glossa-gui`` entry point and what ``python main.py`` runs.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core.errors import GlossaError
from gui import desktop_entry, dialogs, i18n
from gui.i18n import translate
from gui.main_window import MainWindow
from gui.preferences import Preferences

log = logging.getLogger("glossa.gui")
#: How long after the window is shown ``--screenshot`` waits for layout and painting.
SCREENSHOT_DELAY_MS = 400


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="glossa-gui", description="Annotate news articles.")
    parser.add_argument("project", nargs="?", type=Path, help="project file to open")
    parser.add_argument("--sample", action="store_true",
                        help="open the bundled sample project (building it if needed)")
    parser.add_argument("--screenshot", type=Path, metavar="PNG",
                        help="save a picture of the window once it is shown, then quit")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_true",
                         help="add Glossa to this user's application menu, with its icon "
                              "and the .glossa file type, then quit (Linux)")
    desktop.add_argument("--uninstall-desktop", action="store_true",
                         help="remove what --install-desktop added, then quit")
    return parser.parse_args(list(argv))


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the window cannot open on Linux without a display, in one line, else None.

    Said before Qt starts: Qt itself aborts with a misleading "xcb-cursor0 is needed".
    """
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return ("glossa-gui: no display to open the window on (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set); for a picture of it without one: "
            "QT_QPA_PLATFORM=offscreen glossa-gui --screenshot window.png")


def log_file() -> Path:
    folder = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppLocalDataLocation) or Path.home() / ".glossa")
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "glossa.log"


def install_crash_guard(parent: QWidget | None = None) -> None:
    """Log every uncaught exception and report it in a message box instead of dying."""

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("uncaught exception", exc_info=(kind, value, tb))
        if isinstance(value, GlossaError):
            message = str(value)
        else:
            where = "".join(traceback.format_exception_only(kind, value)).strip()
            message = translate("App", "Something went wrong: {where}\n\nYour work so far is "
                                "saved. Details are in {log}.").format(where=where, log=log_file())
        try:
            dialogs.show_error(parent, "Glossa", message)
        except Exception:  # the report itself must never take the app down
            sys.__excepthook__(kind, value, tb)

    sys.excepthook = hook


def _configure_logging() -> None:
    try:
        handler: logging.Handler = logging.FileHandler(log_file(), encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("glossa").addHandler(handler)
    logging.getLogger("glossa").setLevel(logging.INFO)


def choose_project(window: MainWindow, args: argparse.Namespace) -> None:
    """The project named, else the sample if asked, else the last one, else offer the sample."""
    if args.project is not None:
        window.open_project(args.project)
        return
    if args.sample:
        window.project_menu.open_sample_project()
        return
    last = window.preferences.last_project()
    if last is not None:
        window.open_project(last)
        return
    if args.screenshot is None and dialogs.offer(window, translate("App", "Welcome to Glossa"),
                       translate("App", "Open the sample project to look around? (You can also "
                                        "create or "
                       "open a project from the File menu.)")):
        window.project_menu.open_sample_project()


def first_contact(window: MainWindow, args: argparse.Namespace) -> None:
    """Once the window is up: the analyst's name (asked inside it), then a project."""
    if args.screenshot is None:
        ensure_analyst_name(window)
    choose_project(window, args)


def ensure_analyst_name(window: MainWindow) -> None:
    """Ask once for the analyst's name; it is kept in the settings afterwards."""
    if window.preferences.analyst_name():
        return
    name = dialogs.ask_text(window, translate("App", "Welcome to Glossa"),
                            translate("App", "Your name, as it should appear on your annotations:"))
    if name and name.strip():
        window.set_analyst_name(name)


def save_screenshot(window: MainWindow, path: Path) -> None:
    window.grab().save(str(path), "PNG")
    log.info("screenshot saved to %s", path)
    window.close()
    QApplication.quit()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    if args.install_desktop or args.uninstall_desktop:
        return desktop_entry.run(install=args.install_desktop)
    problem = None if QApplication.instance() else missing_display(os.environ)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Glossa")
    app.setApplicationName("Glossa")
    app.setApplicationDisplayName("Glossa")
    app.setDesktopFileName(desktop_entry.DESKTOP_ID)  # Wayland then shows the installed icon
    app.setWindowIcon(QIcon(str(desktop_entry.APP_ICON)))
    _configure_logging()
    install_crash_guard()
    preferences = Preferences()
    i18n.install_translators(app, i18n.chosen_language(preferences))  # parented: kept alive
    try:
        window = MainWindow(preferences)
        window.show()  # the window first: its questions then appear over it, not alone
        if args.screenshot is None:
            QTimer.singleShot(0, lambda: first_contact(window, args))
        else:
            first_contact(window, args)
    except Exception as err:  # start-up errors go to a message box, not to a silent exit
        log.exception("start-up failed")
        QMessageBox.critical(None, translate("App", "Glossa could not start"), str(err))
        return 1
    if args.screenshot is not None:
        QTimer.singleShot(SCREENSHOT_DELAY_MS, lambda: save_screenshot(window, args.screenshot))
    return int(app.exec())


if __name__ == "__main__":  # what an installed launcher runs when no glossa-gui script exists
    sys.exit(main())
