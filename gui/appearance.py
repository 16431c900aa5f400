"""Light or dark: the window follows the system's colour scheme (QStyleHints) unless the
analyst chose one in View › Colour scheme; highlights stay readable on both."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from gui.article_view import ArticleView
from gui.highlighter import DARK_FILL_ALPHA, FILL_ALPHA
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.preferences import Preferences

CHOICES = (("system", QT_TRANSLATE_NOOP("Appearance", "Follow the &system")),
           ("light", QT_TRANSLATE_NOOP("Appearance", "&Light")),
           ("dark", QT_TRANSLATE_NOOP("Appearance", "&Dark")))


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, in the spirit of Qt's own dark theme."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2b"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1f1f1f"),
        (roles.AlternateBase, "#2a2a2a"), (roles.Text, "#e6e6e6"), (roles.Button, "#353535"),
        (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#3d7bd9"),
        (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#353535"),
        (roles.ToolTipText, "#e6e6e6"), (roles.PlaceholderText, "#9a9a9a"),
        (roles.Link, "#7fb2ff"), (roles.Mid, "#5a5a5a"), (roles.BrightText, "#ff6b6b"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#808080"))
    return palette


def wants_dark(choice: str) -> bool:
    if choice in ("light", "dark"):
        return choice == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_scheme(choice: str) -> bool:
    """Give the application the palette ``choice`` asks for; True when it is dark."""
    app = QApplication.instance()
    dark = wants_dark(choice)
    if isinstance(app, QApplication):
        style = app.style()
        app.setPalette(dark_palette() if dark else style.standardPalette())
    return dark


def fill_alpha(dark: bool) -> int:
    return DARK_FILL_ALPHA if dark else FILL_ALPHA


class Appearance:
    """The colour scheme of one window: chosen, remembered, followed when the system's
    changes, and passed on to the articles' highlights."""

    def __init__(self, preferences: Preferences, views: list[ArticleView],
                 recolour: Callable[[], None], parent: QWidget) -> None:
        self.preferences = preferences
        self.views = views
        self.recolour = recolour
        self.parent = parent
        self.dark = False
        self.actions: list[QAction] = []
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_change)

    def apply(self, choice: str, *, remember: bool = True) -> None:
        if remember:
            self.preferences.set_colour_scheme(choice)
        self.dark = apply_scheme(choice)
        for view in self.views:
            view.highlighter.fill_alpha = fill_alpha(self.dark)
        self.recolour()
        for action in self.actions:
            action.setChecked(action.data() == choice)

    def _on_system_change(self, _scheme: Qt.ColorScheme) -> None:
        if self.preferences.colour_scheme() == "system":
            self.apply("system", remember=False)

    def fill_menu(self, menu: QMenu) -> None:
        """View › Colour scheme: one exclusive choice, applied at once."""
        sub = menu.addMenu(translate("Appearance", "Colour &scheme"))
        group = QActionGroup(self.parent)
        chosen = self.preferences.colour_scheme()
        for name, text in CHOICES:
            action = QAction(translate("Appearance", text), self.parent)
            action.setCheckable(True)
            action.setChecked(name == chosen)
            action.setData(name)
            action.triggered.connect(lambda _c=False, n=name: self.apply(n))
            group.addAction(action)
            sub.addAction(action)
            self.actions.append(action)
