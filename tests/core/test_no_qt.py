"""core/ must never import Qt: walk every module's AST, including importlib and __import__ calls."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "PySide2", "shiboken6", "shiboken2", "qtpy", "gui")


def _is_qt(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in QT_MODULES)


def qt_imports(source: str) -> list[str]:
    """Every Qt module ``source`` imports, statically or through importlib/__import__."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if _is_qt(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if _is_qt(node.module):
                found.append(node.module)
        elif isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr if isinstance(func, ast.Attribute)
                else func.id if isinstance(func, ast.Name) else ""
            )
            if name in ("import_module", "__import__") and node.args:
                arg = node.args[0]
                is_text = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                if is_text and _is_qt(arg.value):
                    found.append(arg.value)
    return found


def test_detector_sees_every_form_of_qt_import() -> None:
    source = (
        "import PySide6.QtCore\nfrom PyQt6 import QtGui\n"
        "import importlib\nimportlib.import_module('PySide6.QtWidgets')\n__import__('shiboken6')\n"
        "from gui.app import main\n"
    )
    assert sorted(qt_imports(source)) == sorted(
        ["PySide6.QtCore", "PyQt6", "PySide6.QtWidgets", "shiboken6", "gui.app"]
    )


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_does_not_import_qt(path: Path) -> None:
    assert qt_imports(path.read_text(encoding="utf-8")) == []


def test_core_imports_without_qt_loaded() -> None:
    """Importing every core module in a fresh interpreter leaves Qt unloaded."""
    import subprocess
    import sys

    modules = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(("core", *parts)))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt6')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=CORE.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
