"""The codebook: tags with colour, key and count; add, rename, recolour, nest, delete.

The panel only builds core commands from what the user chose; core validates
them (names, keys, cycles) and the window shows core's message when it refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.codebook import Codebook
from core.commands import AddTag, Command, DeleteTag, UpdateTag
from core.model import Tag, TagKind, new_id
from gui import dialogs
from gui.i18n import QT_TRANSLATE_NOOP, counted, translate

TAG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Runner = Callable[[Command], bool]
Counter = Callable[[str], int]


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def ask_parent(parent: QWidget | None, codebook: Codebook, tag: Tag) -> str | bool | None:
    """Where to move ``tag``: a tag id, None for the top level, or False when cancelled."""
    choices = ["(top level)"] + [codebook.path(t.id) for t in codebook.tags if t.id != tag.id]
    current = codebook.path(tag.parent_id) if tag.parent_id else choices[0]
    choice, ok = QInputDialog.getItem(parent, "Nest tag", f"Put {tag.name!r} under:", choices,
                                      choices.index(current) if current in choices else 0, False)
    if not ok:
        return False
    return None if choice == choices[0] else codebook.find(choice).id


#: The buttons' words, for lupdate (the English name is also the button's key).
_BUTTON_WORDS = (QT_TRANSLATE_NOOP("CodebookButton", "Add"),
                 QT_TRANSLATE_NOOP("CodebookButton", "Nested"),
                 QT_TRANSLATE_NOOP("CodebookButton", "Rename"),
                 QT_TRANSLATE_NOOP("CodebookButton", "Colour"),
                 QT_TRANSLATE_NOOP("CodebookButton", "Key"),
                 QT_TRANSLATE_NOOP("CodebookButton", "Move"),
                 QT_TRANSLATE_NOOP("CodebookButton", "Delete"))


class CodebookPanel(QWidget):
    """Signals:
        tagClicked(str): a tag was clicked (annotate the selection with it, if any).
    """

    tagClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codebook = Codebook([])
        self._run: Runner = lambda _command: False
        self._count_in_project: Counter = lambda _tag_id: 0
        self.ask_parent = ask_parent
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(translate("Codebook", "Codebook"))
        self.tree.setHeaderLabels([translate(
            "Codebook", "Tag"), translate("Codebook", "Key"), translate("Codebook", "In doc")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(12, 12))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self.on_item_clicked)
        buttons = QGridLayout()  # two rows: the panel stays narrow on a small screen
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for name, tip, slot in (
            ("Add", QT_TRANSLATE_NOOP("Codebook", "Add a top-level tag"), self.add_tag),
            ("Nested", QT_TRANSLATE_NOOP("Codebook", "Add a tag inside the selected one"),
             self.add_nested_tag),
            ("Rename", QT_TRANSLATE_NOOP("Codebook", "Rename the selected tag"), self.rename_tag),
            ("Colour", QT_TRANSLATE_NOOP("Codebook", "Change the selected tag's colour"),
             self.recolour_tag),
            ("Key", QT_TRANSLATE_NOOP("Codebook", "Set the selected tag's key"), self.rekey_tag),
            ("Move", QT_TRANSLATE_NOOP("Codebook", "Nest the selected tag under another"),
             self.move_tag),
            ("Delete", QT_TRANSLATE_NOOP("Codebook", "Delete the selected tag and its "
                                                     "annotations"), self.delete_tag),
        ):
            button = QToolButton(self)
            button.setText(translate("CodebookButton", name))  # the name stays the key
            button.setToolTip(translate("Codebook", tip))
            button.setAccessibleName(translate("Codebook", tip))
            button.clicked.connect(slot)
            buttons.addWidget(button, len(self.buttons) // 4, len(self.buttons) % 4)
            self.buttons[name] = button
        self._has_project = False
        self.tree.currentItemChanged.connect(lambda _now, _before: self._update_buttons())
        self._update_buttons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)

    def set_available(self, has_project: bool) -> None:
        """With no project open there is no codebook to change: every button waits."""
        self._has_project = has_project
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self._has_project and self.tree.currentItem() is not None
        for name, button in self.buttons.items():
            button.setEnabled(self._has_project if name == "Add" else chosen)

    def bind(self, run: Runner, count_in_project: Counter) -> None:
        """``run`` executes a command undoably and says whether it worked."""
        self._run = run
        self._count_in_project = count_in_project

    # --- display -------------------------------------------------------------------

    def set_codebook(self, codebook: Codebook, counts: Mapping[str, int]) -> None:
        selected = self.selected_tag_id()
        self.codebook = codebook
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}

        def add(parent_id: str | None, parent_item: QTreeWidgetItem | None) -> None:
            for tag in codebook.children(parent_id):
                item = QTreeWidgetItem([tag.name, tag.key, ""])
                item.setIcon(0, swatch(tag.color))
                item.setData(0, TAG_ID_ROLE, tag.id)
                item.setToolTip(0, tag.description or codebook.path(tag.id))
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
                item.setTextAlignment(
                    2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if parent_item is None:
                    self.tree.addTopLevelItem(item)
                else:
                    parent_item.addChild(item)
                items[tag.id] = item
                add(tag.id, item)

        add(None, None)
        self.tree.expandAll()
        self._items = items
        self.set_counts(counts)
        if selected and selected in items:
            self.tree.setCurrentItem(items[selected])
        self._update_buttons()

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """Annotations per tag in the open document (a tag's count includes nested tags)."""
        for tag_id, item in getattr(self, "_items", {}).items():
            total = counts.get(tag_id, 0) + sum(
                counts.get(t.id, 0) for t in self.codebook.descendants(tag_id))
            item.setText(2, str(total) if total else "")

    def selected_tag_id(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, TAG_ID_ROLE)) if item is not None else None

    def select_tag(self, tag_id: str) -> None:
        item = getattr(self, "_items", {}).get(tag_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def on_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.tagClicked.emit(str(item.data(0, TAG_ID_ROLE)))

    # --- editing -----------------------------------------------------------------------

    def _selected(self) -> Tag | None:
        tag_id = self.selected_tag_id()
        if tag_id is None or tag_id not in self.codebook:
            dialogs.show_info(self, translate(
                "Codebook", "Codebook"), translate("Codebook", "Select a tag first."))
            return None
        return self.codebook.get(tag_id)

    def _free_key(self) -> str:
        used = {t.key for t in self.codebook.tags}
        return next((k for k in "123456789" if k not in used), "")

    def _new_tag(self, parent: Tag | None) -> None:
        label = translate("Codebook", "Name of the new tag inside {parent}:").format(
            parent=self.codebook.path(parent.id)) if parent else translate(
            "Codebook", "Name of the new tag:")
        name = dialogs.ask_text(self, translate("Codebook", "New tag"), label)
        if name is None:
            return
        siblings = self.codebook.children(parent.id if parent else None)
        tag = Tag(
            id=new_id(), name=name, parent_id=parent.id if parent else None,
            color=parent.color if parent else "#1b9e77", key=self._free_key(),
            kind=parent.kind if parent else TagKind.CUSTOM,
            position=max((t.position for t in siblings), default=-1) + 1,
        )
        if self._run(AddTag(tag, text=translate("Undo", "Add tag {name}").format(
            name=name.strip()))):
            self.select_tag(tag.id)

    def add_tag(self) -> None:
        self._new_tag(None)

    def add_nested_tag(self) -> None:
        parent = self._selected()
        if parent is not None:
            self._new_tag(parent)

    def rename_tag(self) -> None:
        tag = self._selected()
        if tag is None:
            return
        name = dialogs.ask_text(self, translate(
            "Codebook", "Rename tag"), translate("Codebook", "New name:"), tag.name)
        if name is not None and name != tag.name:
            self._run(UpdateTag(tag.id, {"name": name}, text=translate(
                "Undo", "Rename tag {name}").format(name=tag.name)))

    def recolour_tag(self) -> None:
        tag = self._selected()
        if tag is None:
            return
        colour = dialogs.ask_color(
            self, translate("Codebook", "Colour of {name}").format(name=tag.name), tag.color)
        if colour is not None and colour != tag.color:
            self._run(UpdateTag(tag.id, {"color": colour}, text=translate(
                "Undo", "Recolour tag {name}").format(name=tag.name)))

    def rekey_tag(self) -> None:
        tag = self._selected()
        if tag is None:
            return
        key = dialogs.ask_text(self, translate("Codebook", "Tag key"), translate(
            "Codebook", "Key for {name} (one letter or digit, empty for none):").format(
            name=tag.name), tag.key)
        if key is not None and key.strip() != tag.key:
            self._run(UpdateTag(tag.id, {"key": key.strip()}, text=translate(
                "Undo", "Set key of {name}").format(name=tag.name)))

    def move_tag(self) -> None:
        tag = self._selected()
        if tag is None:
            return
        parent = self.ask_parent(self, self.codebook, tag)
        if parent is not False and parent != tag.parent_id:
            self._run(UpdateTag(tag.id, {"parent_id": parent}, text=translate(
                "Undo", "Move tag {name}").format(name=tag.name)))

    def delete_tag(self) -> None:
        tag = self._selected()
        if tag is None:
            return
        nested = self.codebook.descendants(tag.id)
        count = self._count_in_project(tag.id)
        details = []
        if nested:
            details.append(counted(len(nested), translate("Codebook", "{n} nested tag"),
                                   translate("Codebook", "{n} nested tags")))
        details.append(counted(count, translate("Codebook", "{n} annotation in the project"),
                               translate("Codebook", "{n} annotations in the project")))
        question = translate("Codebook", "Delete the tag {path!r} with {details}? You can undo "
                             "this.").format(path=self.codebook.path(tag.id), details=translate(
                                 "Codebook", " and ").join(details))
        if dialogs.confirm(self, translate("Codebook", "Delete tag"), question):
            self._run(DeleteTag(tag.id, text=translate(
                "Undo", "Delete tag {name}").format(name=tag.name)))
