"""Light and dark: chosen in View › Colour scheme (or the system's), highlights readable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from core.codebook import DEFAULT_COLOURS
from gui.appearance import dark_palette
from gui.highlighter import DARK_FILL_ALPHA, FILL_ALPHA, composite
from gui.main_window import MainWindow
from tests.gui.conftest import select
from tests.gui.test_main_window import background_at, press


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours."""
    def luminance(c: QColor) -> float:
        def linear(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(
            c.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(fill: QColor, page: QColor) -> QColor:
    a = fill.alphaF()
    return QColor.fromRgbF(fill.redF() * a + page.redF() * (1 - a),
                           fill.greenF() * a + page.greenF() * (1 - a),
                           fill.blueF() * a + page.blueF() * (1 - a))


@pytest.mark.parametrize(("palette", "alpha"), [("light", FILL_ALPHA), ("dark", DARK_FILL_ALPHA)])
def test_every_default_tag_keeps_its_text_readable(palette: str, alpha: int) -> None:
    colours = dark_palette() if palette == "dark" else QPalette(QColor("#efefef"))
    page = colours.color(QPalette.ColorRole.Base) if palette == "dark" else QColor("white")
    text = colours.color(QPalette.ColorRole.Text) if palette == "dark" else QColor("black")
    for name, colour in DEFAULT_COLOURS.items():
        shown = over(composite([QColor(colour)], alpha), page)
        assert contrast(shown, text) >= 4.5, (palette, name)


@pytest.fixture
def restored_palette() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    yield
    app.setPalette(before)


def test_choosing_dark_in_the_view_menu_darkens_the_page_and_strengthens_highlights(
        qtbot: Any, main_window: MainWindow, restored_palette: None) -> None:
    window = main_window
    start, _ = select(window, "„Wir schaffen das“")
    press(qtbot, window, "1")
    dark = next(a for a in window.appearance.actions if a.data() == "dark")
    dark.trigger()
    assert window.preferences.colour_scheme() == "dark"
    qtbot.wait(10)  # widgets take the application's palette with its change event
    assert window.view.palette().color(QPalette.ColorRole.Base).lightness() < 60
    window.view.highlight_visible()
    quote = QColor(window.codebook.find("Quote").color)
    assert background_at(window, start) == composite([quote], DARK_FILL_ALPHA)
    light = next(a for a in window.appearance.actions if a.data() == "light")
    light.trigger()
    qtbot.wait(10)
    assert window.view.palette().color(QPalette.ColorRole.Base).lightness() > 200
    window.view.highlight_visible()
    assert background_at(window, start) == composite([quote], FILL_ALPHA)
