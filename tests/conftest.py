"""Shared fixtures.

Tests under tests/gui are auto-marked ``gui``, so ``-m "not gui"`` runs the core alone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in item.path.as_posix():
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def seed_article(shared_dir: Path) -> Path:
    path = shared_dir / "seed-article.txt"
    if not path.is_file():
        pytest.skip("../shared/seed-article.txt is not present")
    return path

# Core's messages, reports and new projects speak English in tests (and in every ``glossa``
# a test starts), whatever this machine's locale; tests of German ask for it.
os.environ.setdefault("GLOSSA_LANG", "en")
