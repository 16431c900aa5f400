"""An installed Glossa (a wheel, not this checkout) must carry every resource file."""

from __future__ import annotations

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
