"""Per-user desktop integration on Linux: a menu entry, an icon and the .glossa file type.

``glossa-gui --install-desktop`` writes them where the freedesktop specs look
(``$XDG_DATA_HOME``, else ``~/.local/share``), so the application menu lists Glossa and a
double-click on a project opens it, without root. The PNG icon sizes are rendered from the
one SVG here, so no binaries live in the repository. ``--uninstall-desktop`` removes them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from core.xdg import data_home

DESKTOP_ID = "glossa"
MIME_TYPE = "application/x-glossa-project"
RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "desktop"
APP_ICON = RESOURCES / "glossa.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Characters the Desktop Entry spec reserves in Exec arguments: such an argument is quoted.
_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`%]""")


def launcher_command() -> list[str]:
    """What starts this Glossa: the bundle, the glossa-gui beside this Python, or gui.app."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle
        return [sys.executable]
    beside = Path(sys.executable).parent / "glossa-gui"  # venv, pipx and pip --user alike
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("glossa-gui")
    return [found] if found else [sys.executable, "-m", "gui.app"]


def exec_argument(argument: str) -> str:
    """One argument of an Exec line, quoted and escaped as the Desktop Entry spec asks."""
    if argument and not _RESERVED.search(argument):
        return argument
    quoted = '"' + re.sub(r'(["`$\\])', r"\\\1", argument) + '"'
    # The value as a whole is a desktop-file string: backslashes doubled, % as %%.
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(command: list[str]) -> str:
    template = (RESOURCES / "glossa.desktop").read_text(encoding="utf-8")
    return template.replace("@EXEC@", " ".join(exec_argument(a) for a in command))


def render_png(svg: bytes, size: int) -> bytes:
    """The SVG drawn at ``size`` pixels square by Qt's own renderer."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(QByteArray(svg)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.11's stubs ask for bytes here; at run time only a str is accepted.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())


def planned_files(root: Path, command: list[str]) -> dict[Path, bytes]:
    """Every file the installation writes under ``root`` (a data home), with its content."""
    svg = APP_ICON.read_bytes()
    icons = root / "icons" / "hicolor"
    files = {
        root / "applications" / f"{DESKTOP_ID}.desktop": desktop_entry(command).encode(),
        root / "mime" / "packages" / f"{DESKTOP_ID}.xml":
            (RESOURCES / "glossa-mime.xml").read_bytes(),
        icons / "scalable" / "apps" / f"{DESKTOP_ID}.svg": svg,
    }
    for size in ICON_SIZES:
        files[icons / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"] = render_png(svg, size)
    return files


def install_files(root: Path, command: list[str]) -> list[Path]:
    written = []
    for path, content in planned_files(root, command).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    refresh_caches(root)
    return written


def remove_files(root: Path) -> list[Path]:
    removed = [path for path in planned_files(root, []) if path.is_file()]
    for path in removed:
        path.unlink()
    refresh_caches(root)
    return removed


def refresh_caches(root: Path) -> None:
    """Let menus and file managers see the change now (the tools are optional)."""
    for tool, folder in (("update-desktop-database", root / "applications"),
                         ("update-mime-database", root / "mime")):
        if shutil.which(tool) and folder.is_dir():
            done = subprocess.run([tool, str(folder)], capture_output=True, text=True,
                                  check=False)
            if done.returncode != 0:
                print(f"glossa-gui: warning: {tool} failed: {done.stderr.strip()}",
                      file=sys.stderr)


def run(install: bool) -> int:
    """``--install-desktop`` / ``--uninstall-desktop``: one line on what was done."""
    if not sys.platform.startswith("linux"):
        print("glossa-gui: desktop integration is for Linux desktops only", file=sys.stderr)
        return 2
    root = data_home()
    if install:
        files = install_files(root, launcher_command())
        print(f"Installed Glossa for this user: {len(files)} files under {root} (menu entry, "
              f"icons, the .glossa file type {MIME_TYPE})")
    else:
        files = remove_files(root)
        print(f"Removed {len(files)} Glossa desktop files from {root}")
    return 0
