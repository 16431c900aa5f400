"""Layering a machine can check: no import cycles, the window never reaches the SQL layer,
and no module grows far past one job's size."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "gui")
#: "Small modules with one clear job (none much over 400 lines)": the hard ceiling.
MAX_LINES = 480
#: Modules already past it, each held at its size until it is split (a ratchet: they may
#: shrink, never grow).
TOO_LARGE = {
    "core/reports/content.py": 662,
    "core/review/agreement.py": 552,
    "core/review/merge.py": 607,
    "gui/main_window.py": 560,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Module -> the project modules it imports (TYPE_CHECKING imports included: a cycle
    hidden from the interpreter is still one to a reader)."""
    modules = {_module_name(p): p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycles_in_core_or_gui() -> None:
    graph = _imports()
    # A package's __init__ re-exporting its modules is not a cycle of meaning.
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_window_never_reaches_the_sql_layer() -> None:
    graph = _imports()
    offenders = {m: sorted(t for t in ts if t.startswith("core.store"))
                 for m, ts in graph.items() if m.startswith("gui")}
    assert {m: t for m, t in offenders.items() if t} == {}


def test_importers_and_exporters_share_formats_not_each_other() -> None:
    """What a format is lives in core/formats, below both directions."""
    graph = _imports()
    crossing = {m: sorted(t for t in ts if t.startswith(other))
                for m, ts in graph.items()
                for mine, other in (("core.importers", "core.exporters"),
                                    ("core.exporters", "core.importers"))
                if m.startswith(mine)}
    assert {m: t for m, t in crossing.items() if t} == {}


def test_the_import_child_asks_mupdf_for_words_as_the_exporter_does() -> None:
    import pymupdf

    from core.formats.mupdf import WORD_FLAGS
    from core.importers.mupdf_child import word_flags

    assert word_flags(pymupdf) == WORD_FLAGS


@pytest.mark.parametrize("package", PACKAGES)
def test_modules_stay_small(package: str) -> None:
    sizes = {str(p.relative_to(REPO)): len(p.read_text(encoding="utf-8").splitlines())
             for p in (REPO / package).rglob("*.py")}
    assert {p: n for p, n in sizes.items() if n > TOO_LARGE.get(p, MAX_LINES)} == {}
