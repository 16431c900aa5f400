"""The PyInstaller one-folder app builds from packaging/glossa.spec and opens the sample."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.project import Project

REPO = Path(__file__).resolve().parents[2]
#: Measured 2026-12-06: 378 MiB (PySide6 99, lingua's models 96, PyMuPDF 53, babel 32).
MAX_BUNDLE_BYTES = 450 * 1024 * 1024

pytest.importorskip("PyInstaller")


def test_bundle_builds_and_starts_on_the_sample(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "work"),
                    "packaging/glossa.spec"], cwd=REPO, check=True, capture_output=True,
                   timeout=600)
    bundle = tmp_path / "dist" / "glossa"
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    assert size < MAX_BUNDLE_BYTES, f"{size / 2**20:.0f} MB"
    inside = bundle / "_internal" / "resources"
    assert (inside / "sample" / "de-oberau-donaufaehre.txt").is_file()
    assert (inside / "templates" / "report.html.j2").is_file()
    assert (inside / "translations" / "glossa_de.qm").is_file()  # the window's German
    assert (inside / "locale" / "de" / "LC_MESSAGES" / "glossa.mo").is_file()  # core's

    data = tmp_path / "data"
    picture = tmp_path / "window.png"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(data),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen",
           "GLOSSA_LANG": "de"}  # the analysts' language: the German window and sample
    done = subprocess.run([str(bundle / "glossa-gui"), "--sample", "--screenshot",
                           str(picture)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert picture.read_bytes().startswith(b"\x89PNG")
    # Four articles, one of them a PDF read by the bundle's own MuPDF child process.
    with Project.open(data / "glossa" / "sample.glossa") as project:
        formats = sorted(doc.format for doc in project.documents())
        tags = [t.name for t in project.codebook().tags]
    assert formats == ["html", "pdf", "txt", "txt"]
    assert {"Zitat", "Quelle", "Ton", "Kritisch", "Notiz"} <= set(tags), tags
