"""``glossa-gui --install-desktop``: the menu entry, icons and file type, per user."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.project import Project
from gui.desktop_entry import ICON_SIZES, desktop_entry, exec_argument

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops")


def glossa_gui(data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_DATA_HOME"] = str(data_home)
    return subprocess.run([sys.executable, "main.py", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)


def mime_type_of(data_home: Path, path: Path) -> str:
    """What Qt (reading the freedesktop MIME database, as file managers do) calls the file."""
    code = ("import sys; from PySide6.QtCore import QMimeDatabase; "
            "print(QMimeDatabase().mimeTypeForFile(sys.argv[1]).name())")
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code, str(path)], env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def test_install_then_uninstall(tmp_path: Path) -> None:
    home = tmp_path / "share"
    done = glossa_gui(home, "--install-desktop")  # no display needed
    assert done.returncode == 0, done.stderr
    entry = home / "applications" / "glossa.desktop"
    text = entry.read_text(encoding="utf-8")
    assert "MimeType=application/x-glossa-project;" in text
    launcher = text.split("Exec=", 1)[1].split()[0]
    assert Path(launcher).is_file(), launcher
    if shutil.which("desktop-file-validate"):
        valid = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                               text=True, check=False)
        assert valid.returncode == 0 and valid.stdout == "", valid.stdout
    for size in ICON_SIZES:
        png = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "glossa.png"
        data = png.read_bytes()
        assert data.startswith(b"\x89PNG")
        assert int.from_bytes(data[16:20], "big") == size  # IHDR width
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / "glossa.svg").is_file()
    assert (home / "mime" / "packages" / "glossa.xml").is_file()

    if shutil.which("update-mime-database"):
        assert (home / "mime" / "application" / "x-glossa-project.xml").is_file()
        project = tmp_path / "study.glossa"
        Project.create(project).close()
        renamed = tmp_path / "attachment.bin"  # recognised by the header, not the name
        shutil.copy(project, renamed)
        assert mime_type_of(home, project) == "application/x-glossa-project"
        assert mime_type_of(home, renamed) == "application/x-glossa-project"
    if shutil.which("update-desktop-database"):
        cache = (home / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert "application/x-glossa-project=glossa.desktop;" in cache

    done = glossa_gui(home, "--uninstall-desktop")
    assert done.returncode == 0, done.stderr
    assert not entry.exists()
    assert not list((home / "icons").rglob("glossa.*"))
    assert not (home / "mime" / "packages" / "glossa.xml").exists()
    assert not (home / "mime" / "application" / "x-glossa-project.xml").exists()


def test_exec_line_quotes_what_the_spec_reserves() -> None:
    assert exec_argument("/opt/glossa/glossa-gui") == "/opt/glossa/glossa-gui"
    assert exec_argument("/home/a b/glossa-gui") == '"/home/a b/glossa-gui"'
    assert exec_argument('/x/"$q`\\') == '"/x/\\\\"\\\\$q\\\\`\\\\\\\\"'
    assert exec_argument("/x/100%") == '"/x/100%%"'
    assert "Exec=/usr/bin/python3 -m gui.app %f\n" in desktop_entry(
        ["/usr/bin/python3", "-m", "gui.app"])
