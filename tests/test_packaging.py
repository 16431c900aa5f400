"""An installed Glossa (a wheel, not this checkout) must carry every resource file."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_resource_file_is_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    assert any(fnmatch("resources", pattern) for pattern in setuptools["packages"]["find"]
               ["include"])
    patterns = setuptools["package-data"]["*"]
    files = [p for p in (REPO / "resources").rglob("*") if p.is_file()
             and "__pycache__" not in p.parts]
    assert files
    missing = [str(p.relative_to(REPO)) for p in files
               if not any(fnmatch(p.name, pattern) for pattern in patterns)]
    assert missing == [], f"not installed with the package: {missing}"


def test_every_package_has_an_init_module() -> None:
    """Namespace packages would install, but mypy and tools treat them differently."""
    for top in ("core", "gui"):
        for folder in [REPO / top, *(p for p in (REPO / top).rglob("*") if p.is_dir())]:
            if folder.name == "__pycache__" or not any(folder.glob("*.py")):
                continue
            assert (folder / "__init__.py").is_file(), folder


def test_the_installed_wheel_gives_working_commands(tmp_path: Path) -> None:
    """Built and installed as pip does it, run outside the checkout: resources come along."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(tmp_path / "wheel"), str(REPO)], check=True, capture_output=True,
                   timeout=300)
    [wheel] = (tmp_path / "wheel").glob("glossa-*.whl")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(site), str(wheel)], check=True, capture_output=True, timeout=300)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}

    def run(command: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(site / "bin" / command), *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=120)

    where = subprocess.run([sys.executable, "-c", "import core; print(core.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site)), "the checkout was imported, not the wheel"
    assert run("glossa", "new", "study.glossa").returncode == 0
    assert (work / "study.glossa").is_file()
    env["GLOSSA_LANG"] = "de"  # core's German catalog came along with the wheel
    german = run("glossa", "tags", "study.glossa")
    assert german.stdout.split()[:2] == ["PFAD", "TASTE"], german.stdout + german.stderr
    env["GLOSSA_LANG"] = "en"
    shown = run("glossa-gui", "--sample", "--screenshot", "window.png")
    assert shown.returncode == 0, shown.stderr
    assert (work / "window.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "data" / "glossa" / "sample.glossa").is_file()
    if sys.platform.startswith("linux"):
        installed = run("glossa-gui", "--install-desktop")
        assert installed.returncode == 0, installed.stderr
        assert (tmp_path / "data" / "icons" / "hicolor" / "48x48" / "apps" / "glossa.png"
                ).is_file()
