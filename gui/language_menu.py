"""View › Language: the analyst's choice of the window's language, kept in the settings.

Qt's widgets take their texts when they are built, so the choice applies from the next
start (the status tip says so) rather than half-translating the open window.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.preferences import Preferences

#: (setting, menu text); a language's own name is never translated.
CHOICES = (("system", QT_TRANSLATE_NOOP("LanguageMenu", "Follow the &system")),
           ("en", "&English"), ("de", "&Deutsch"))


def fill_language_menu(menu: QMenu, parent: QWidget, preferences: Preferences) -> QMenu:
    """Add the Language submenu to ``menu``: one exclusive choice, remembered at once."""
    sub = menu.addMenu(translate("LanguageMenu", "&Language"))
    group = QActionGroup(parent)
    tip = translate("LanguageMenu", "The window speaks this language from its next start")
    for name, text in CHOICES:
        action = QAction(translate("LanguageMenu", text) if name == "system" else text, parent)
        action.setCheckable(True)
        action.setChecked(name == preferences.language())
        action.setStatusTip(tip)
        action.triggered.connect(lambda _c=False, n=name: preferences.set_language(n))
        group.addAction(action)
        sub.addAction(action)
    return sub
