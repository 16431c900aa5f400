"""The window's menus and toolbar: every action with its shortcut, shown in the menus."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from core.codebook import Codebook
from gui.i18n import translate
from gui.panels.codebook import swatch

Slot = Callable[[], object]


@dataclass
class WindowActions:
    """Named actions, so the window and tests reach them directly."""

    new_project: QAction
    open_project: QAction
    import_documents: QAction
    remove_document: QAction
    export: QAction
    merge: QAction
    restore_backup: QAction
    save_copy: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    delete_annotation: QAction
    set_span: QAction
    next_annotation: QAction
    previous_annotation: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    tag_all: QAction
    search_project: QAction
    analyst_name: QAction
    sample_project: QAction
    about: QAction
    recent_menu: QMenu
    tag_menu: QMenu


Shortcut = QKeySequence | QKeySequence.StandardKey | str


def _action(parent: QWidget, text: str, slot: Slot, shortcut: Shortcut | None = None,
            tip: str = "") -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(window: QMainWindow, article: QWidget, slots: dict[str, Slot],
                  undo: QAction, redo: QAction) -> WindowActions:
    """Create the menus; article-only keys (Tab, tag keys) fire only when the article has focus."""
    def act(name: str, text: str, shortcut: Shortcut | None = None, tip: str = "") -> QAction:
        return _action(window, text, slots[name], shortcut, tip)

    keys = QKeySequence.StandardKey
    a = {
        "new_project": act("new_project", translate("Menu", "&New project…"), keys.New,
                           translate("Menu", "Create an empty project")),
        "open_project": act("open_project", translate("Menu", "&Open project…"), keys.Open,
                            translate("Menu", "Open a project file")),
        "import_documents": act("import_documents", translate("Menu", "&Import documents…"),
                                "Ctrl+I",
                                translate("Menu", "Import articles (text, HTML, PDF, EPUB)")),
        "remove_document": act("remove_document", translate("Menu", "Remo&ve document"),
                               "Ctrl+Shift+Del", translate("Menu", "Remove the open document")),
        "export": act("export", translate("Menu", "&Export…"), "Ctrl+Shift+E", translate(
            "Menu", "Export reports or data (HTML, PDF, Word, CSV, JSON, W3C, REFI-QDA)")),
        "merge": act("merge", translate("Menu", "&Merge colleague's project…"), "Ctrl+Shift+M",
                     translate("Menu", "Bring in a colleague's project or JSON export, "
                                       "keeping authors")),
        "restore_backup": act("restore_backup", translate("Menu", "Restore from &backup…"),
                              tip=translate("Menu", "Put a backup of this project in its place")),
        "save_copy": act("save_copy", translate("Menu", "Save a &copy as…"),
                         tip=translate("Menu", "Write this project to another file (e.g. when "
                                               "its disk is full or it was moved)")),
        "quit": act("quit", translate("Menu", "&Quit"), keys.Quit),
        "delete_annotation": act("delete_annotation", translate("Menu", "&Delete annotation"),
                                 keys.Delete, translate("Menu", "Delete the selected annotation")),
        "set_span": act("set_span", translate("Menu", "Set span to &selection"), "Ctrl+E",
                        translate("Menu", "Move the selected annotation to the selected text")),
        "next_annotation": act("next_annotation", translate("Menu", "&Next annotation"), "Tab"),
        "previous_annotation": act("previous_annotation",
                                   translate("Menu", "&Previous annotation"), "Shift+Tab"),
        "find": act("find", translate("Menu", "&Find in document…"), keys.Find,
                    translate("Menu", "Find text in the open document")),
        "find_next": act("find_next", translate("Menu", "Find ne&xt"), "F3"),
        "find_previous": act("find_previous", translate("Menu", "Find pre&vious"), "Shift+F3"),
        "tag_all": act("tag_all", translate("Menu", "&Tag all matches"), "Ctrl+Shift+T",
                       translate("Menu", "Put the current tag on every match (one undo step)")),
        "search_project": act("search_project", translate("Menu", "Searc&h project…"),
                              "Ctrl+Shift+F", translate("Menu", "Search every document and note")),
        "analyst_name": act("analyst_name", translate("Menu", "Anal&yst name…"), "Ctrl+Shift+N",
                            translate("Menu", "Who is annotating")),
        "sample_project": act("sample_project", translate("Menu", "Open &sample project"),
                              "Ctrl+Shift+S"),
        "about": act("about", translate("Menu", "&About Glossa"), "F1"),
    }
    for name in ("next_annotation", "previous_annotation"):
        a[name].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        article.addAction(a[name])
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

    bar = window.menuBar()
    file_menu = bar.addMenu(translate("Menu", "&File"))
    file_menu.addActions([a["new_project"], a["open_project"]])
    recent_menu = file_menu.addMenu(translate("Menu", "Open &recent"))
    file_menu.addSeparator()
    file_menu.addActions([a["import_documents"], a["remove_document"]])
    file_menu.addSeparator()
    file_menu.addActions([a["export"], a["merge"]])
    file_menu.addSeparator()
    file_menu.addActions([a["save_copy"], a["restore_backup"]])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu(translate("Menu", "&Edit"))
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a["delete_annotation"], a["set_span"], a["next_annotation"],
                          a["previous_annotation"]])
    edit_menu.addSeparator()
    edit_menu.addActions([a["find"], a["find_next"], a["find_previous"], a["tag_all"],
                          a["search_project"]])
    edit_menu.addSeparator()
    edit_menu.addAction(a["analyst_name"])
    tag_menu = bar.addMenu(translate("Menu", "&Tag"))
    help_menu = bar.addMenu(translate("Menu", "&Help"))
    help_menu.addActions([a["sample_project"], a["about"]])

    toolbar = QToolBar(translate("Menu", "Main"), window)
    toolbar.setObjectName("main-toolbar")
    toolbar.setAccessibleName(translate("Menu", "Main toolbar"))
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addActions([a["open_project"], a["import_documents"], a["export"]])
    toolbar.addSeparator()
    toolbar.addActions([undo, redo])
    toolbar.addSeparator()
    toolbar.addActions([a["find"], a["search_project"]])
    window.addToolBar(toolbar)
    return WindowActions(**a, undo=undo, redo=redo, recent_menu=recent_menu, tag_menu=tag_menu)


def _key_rank(key: str | None) -> tuple[int, str]:
    """Digits in keyboard order (1 … 9, 0), then other keys alphabetically."""
    position = "1234567890".find(key) if key and len(key) == 1 else -1
    return (position, "") if position >= 0 else (10, key or "")


def fill_tag_menu(menu: QMenu, article: QWidget, codebook: Codebook,
                  annotate: Callable[[str], object]) -> None:
    """The Tag menu in key order (1, 2, … 9, 0, then tags without a key by path); a tag's
    key works while the article has focus."""
    for action in menu.actions():
        article.removeAction(action)
    menu.clear()
    for tag in sorted(codebook.tags, key=lambda t: (
            not t.key, _key_rank(t.key), codebook.path(t.id).casefold())):
        action = QAction(codebook.path(tag.id), menu)
        action.setIcon(swatch(tag.color))
        if tag.key:
            action.setShortcut(QKeySequence(tag.key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            article.addAction(action)
        action.triggered.connect(lambda _c=False, tag_id=tag.id: annotate(tag_id))
        menu.addAction(action)


def insert_menus(window: QMainWindow, *titles: str) -> tuple[QMenu, ...]:
    """New menus before Help (the last one), then the Help menu itself."""
    bar = window.menuBar()
    help_entry = bar.actions()[-1]
    menus = []
    for title in titles:
        menu = QMenu(title, window)
        bar.insertMenu(help_entry, menu)
        menus.append(menu)
    help_menu = help_entry.menu()
    assert isinstance(help_menu, QMenu)
    return (*menus, help_menu)
