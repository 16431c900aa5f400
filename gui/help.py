"""Help › Keyboard shortcuts and Getting started: read from the window's own menus, so
the list can never disagree with the keys that work."""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QTextBrowser, QVBoxLayout, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.undo import IDLE_TEXT

#: Translated when shown (Qt Linguist keeps the markup; translators edit only the words).
GETTING_STARTED = QT_TRANSLATE_NOOP("Help", """
<h3>Getting started</h3>
<ol>
<li><b>Open or create a project</b> (File ▸ New project, or Help ▸ Open sample project).
Everything you do is saved at once; there is no Save button.</li>
<li><b>Import articles</b>: File ▸ Import documents, or drop files on the window
(text, HTML, PDF, EPUB).</li>
<li><b>Tag a passage</b>: select it with the mouse or Shift+arrows and press a tag's key
(1 Quote, 2 Source, 3–7 the tone scale, 8 Note). Leading and trailing spaces are left out.</li>
<li><b>Fill in the details</b>: after a Quote or Source the cursor is in its first field
(speaker, outlet…); Tab moves on, Enter returns to the article. A sources line such as
“22.09.2021 – (RFE/RL) – Title” fills date, outlet and title by itself.</li>
<li><b>Move around</b>: Tab / Shift+Tab step through annotations, Ctrl+F finds text,
Ctrl+Shift+F searches the whole project. Ctrl+Z undoes anything.</li>
<li><b>Review a colleague's tags</b>: File ▸ Merge colleague's project, then the Review tab:
choose analysts A and B, Compare, and decide each disagreement with the Review menu's keys.
Their annotations are marked as theirs; changing one asks first.</li>
<li><b>Export</b>: File ▸ Export writes reports (HTML, PDF, Word), data (CSV, JSON, W3C,
REFI-QDA) or the original PDF with highlights.</li>
</ol>
""")


def _menu_rows(menu: QMenu, trail: str) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            rows += _menu_rows(sub, f"{trail} ▸ {_plain(sub.title())}")
            continue
        keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()]
        text = action.property(IDLE_TEXT) or action.text()  # "Undo", not "Undo Tag as…"
        if text and any(keys):
            rows.append((trail, _plain(str(text)), ", ".join(k for k in keys if k)))
    return rows


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has keys, in menu order."""
    rows: list[tuple[str, str, str]] = []
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu):
            rows += _menu_rows(menu, _plain(menu.title()))
    return rows


def shortcuts_html(window: QMainWindow) -> str:
    cells = "".join(
        f"<tr><td>{html.escape(menu)}</td><td>{html.escape(command)}</td>"
        f"<td><b>{html.escape(keys)}</b></td></tr>"
        for menu, command, keys in shortcut_rows(window))
    heading = translate("Help", "<h3>Keyboard shortcuts</h3><p>Tag keys work while the "
                        "article has focus; the Review menu's keys work anywhere in the "
                        "window.</p>")
    columns = "".join(f"<th align='left'>{html.escape(name)}</th>" for name in (
        translate("Help", "Menu"), translate("Help", "Command"), translate("Help", "Keys")))
    return f"{heading}<table cellpadding='3'><tr>{columns}</tr>{cells}</table>"


class HelpDialog(QDialog):
    """A small, non-modal window of help text; stays open beside the work."""

    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        self.resize(560, 560)


def help_actions(window: QMainWindow, menu: QMenu) -> list[QAction]:
    """Help ▸ Getting started and Keyboard shortcuts, added at the top of ``menu``."""
    dialogs: dict[str, HelpDialog] = {}

    def show(title: str, body: str) -> None:
        dialog = dialogs.get(title)
        if dialog is None:
            dialog = dialogs[title] = HelpDialog(title, body, window)
        else:
            dialog.browser.setHtml(body)
        dialog.show()
        dialog.raise_()

    started = QAction(translate("Help", "&Getting started"), window)
    started.triggered.connect(lambda _c=False: show(
        translate("Help", "Getting started"), translate("Help", GETTING_STARTED)))
    keys = QAction(translate("Help", "&Keyboard shortcuts"), window)
    keys.setShortcut(QKeySequence("Ctrl+/"))
    keys.triggered.connect(lambda _c=False: show(
        translate("Help", "Keyboard shortcuts"), shortcuts_html(window)))
    existing = menu.actions()
    if existing:
        menu.insertActions(existing[0], [started, keys])
        menu.insertSeparator(existing[0])
    else:
        menu.addActions([started, keys])
    return [started, keys]
