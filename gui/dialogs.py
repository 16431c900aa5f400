"""Every question the window asks the user, in one place tests can replace.

Widgets call these functions instead of the static ``QMessageBox``/``QInputDialog``
helpers, so a test monkeypatches one name and no modal dialog ever blocks it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from gui.i18n import translate


def _yes_no(parent: QWidget | None, title: str, question: str, default_yes: bool) -> bool:
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, title, question, buttons.Yes | buttons.No,
                                  buttons.Yes if default_yes else buttons.No)
    return answer == buttons.Yes


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Yes/No question; No is the default so a stray Enter never destroys work."""
    return _yes_no(parent, title, question, default_yes=False)


def offer(parent: QWidget | None, title: str, question: str) -> bool:
    """Yes/No for something harmless the user most likely wants: Yes is the default."""
    return _yes_no(parent, title, question, default_yes=True)


def choose(parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
    """One of ``items`` (its index), or None when cancelled."""
    text, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(text) if ok and text in items else None


def ask_text(parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
    """One line of text, or None when cancelled."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, value)
    return text if ok else None


def ask_color(parent: QWidget | None, title: str, current: str) -> str | None:
    """A colour as ``#rrggbb``, or None when cancelled."""
    colour = QColorDialog.getColor(QColor(current), parent, title)
    return colour.name() if colour.isValid() else None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def offer_open(parent: QWidget | None, title: str, message: str) -> bool:
    """Tell that a file was written and offer to open it; True when the user chose Open."""
    box = QMessageBox(QMessageBox.Icon.Information, title, message,
                      QMessageBox.StandardButton.Close, parent)
    open_button = box.addButton(translate("Dialogs", "&Open"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(open_button)
    box.exec()
    return box.clickedButton() is open_button
