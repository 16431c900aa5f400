"""The selected annotation: tag, attributes by tag kind, note, author, times.

Each edit is sent as one ``UpdateAnnotation`` change (one undo step) the moment
a field is left or a choice is made; nothing waits for a Save button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.codebook import Codebook
from core.dates import iso_date
from core.labels import attribute_label, choice_label, origin_label
from core.model import Annotation, AttributeSpec, Status, TagKind
from gui.i18n import QT_TRANSLATE_NOOP, day, translate
from gui.status_words import status_text

#: Shown in an empty field of that kind (a date as the language writes it; any common
#: form is taken and stored as YYYY-MM-DD).
_PLACEHOLDERS = {"date": QT_TRANSLATE_NOOP("Inspector", "YYYY-MM-DD"), "url": "https://…"}


class NoteEdit(QPlainTextEdit):
    """A note box that reports when the user leaves it.

    Signals:
        editingFinished(): focus left the box.
    """

    editingFinished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class CompletingLineEdit(QLineEdit):
    """A line edit that says when it gains focus, so its completions load only then, and
    that moves on with Tab while its completion list is open (the list used to swallow
    Tab: the typed speaker stayed uncommitted and the next field's edit went without it).

    Signals:
        focused(): the field gained keyboard focus.
    """

    focused = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.focused.emit()
        super().focusInEvent(event)

    def setCompleter(self, completer: QCompleter) -> None:
        super().setCompleter(completer)
        popup = completer.popup()
        if popup is not None:
            popup.installEventFilter(self)

    def _open_popup(self) -> QAbstractItemView | None:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        return popup if popup is not None and popup.isVisible() else None

    def _move_on(self, popup: QAbstractItemView, forward: bool) -> None:
        """Take the highlighted completion (if any), close the list, go to the next field."""
        chosen = popup.currentIndex()
        if chosen.isValid():
            self.setText(str(chosen.data()))
        popup.hide()
        self.setFocus()
        self.focusNextPrevChild(forward)

    def _is_tab(self, event: QEvent) -> bool:
        return (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        popup = self._open_popup()
        if popup is not None and watched is popup and self._is_tab(event):
            assert isinstance(event, QKeyEvent)
            self._move_on(popup, event.key() == Qt.Key.Key_Tab)
            return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        popup = self._open_popup()
        if popup is not None and self._is_tab(event):
            assert isinstance(event, QKeyEvent)
            self._move_on(popup, event.key() == Qt.Key.Key_Tab)
            return True
        return super().event(event)


class InspectorPanel(QWidget):
    """Signals:
        editRequested(str, dict): change these fields of the annotation (an UpdateAnnotation).
        setSpanRequested(str): move the annotation to the text selection.
        deleteRequested(str): delete the annotation.
        doneEditing(): Enter in a field: the user is done, back to the article.
    """

    editRequested = Signal(str, dict)
    doneEditing = Signal()
    setSpanRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("Inspector", "Inspector"))
        self.annotation: Annotation | None = None
        self.codebook = Codebook([])
        self.attribute_fields: dict[str, QLineEdit | QComboBox] = {}
        # Date attributes: shown as the language writes dates, stored as YYYY-MM-DD.
        self._dates: set[str] = set()
        self.tag_box = QComboBox()
        self.status_box = QComboBox()
        self.note = NoteEdit()
        self._loading = False
        #: Attribute name -> where its completions come from (asked when first needed).
        self._completion_sources: dict[str, Callable[[], list[str]]] = {}
        self._completions: dict[str, QStringListModel] = {}

        self.empty = QLabel(translate(
            "Inspector", "Select a passage and press a tag's key,\nor click a highlight."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.excerpt = QLabel()
        self.excerpt.setWordWrap(True)
        # Set off as a quotation by its margin, not by added marks: the text often brings
        # its own („…“), and doubling them ("“„…“”") misquotes it.
        self.excerpt.setStyleSheet("QLabel { border-left: 3px solid palette(mid);"
                                   " padding-left: 6px; font-style: italic; }")
        self.excerpt.setTextFormat(Qt.TextFormat.PlainText)
        self.excerpt.setAccessibleName(translate("Inspector", "Annotated text"))
        self.owner_label = QLabel()
        self.owner_label.setWordWrap(True)
        self.owner_label.setTextFormat(Qt.TextFormat.PlainText)
        self.owner_label.setAccessibleName(translate("Inspector", "Whose annotation"))
        self.owner_label.setStyleSheet(
            "QLabel { background: palette(highlight); color: palette(highlighted-text);"
            " border-radius: 3px; padding: 3px 6px; font-weight: bold; }")
        self.owner_label.hide()
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setAccessibleName(translate("Inspector", "Author and times"))
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.span_button = QPushButton(translate("Inspector", "Set span to selection"))
        self.span_button.setAccessibleName(translate("Inspector", "Set span to selection"))
        self.span_button.clicked.connect(self._emit_set_span)
        self.delete_button = QPushButton(translate("Inspector", "Delete"))
        self.delete_button.setAccessibleName(translate("Inspector", "Delete annotation"))
        self.delete_button.clicked.connect(self._emit_delete)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.owner_label)
        body_layout.addWidget(self.excerpt)
        body_layout.addLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.span_button)
        buttons.addWidget(self.delete_button)
        body_layout.addLayout(buttons)
        body_layout.addWidget(self.meta)
        body_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        self.show_annotation(None, self.codebook)

    # --- display ---------------------------------------------------------------------

    def show_annotation(self, annotation: Annotation | None, codebook: Codebook, *,
                        colleague: str | None = None) -> None:
        """Show ``annotation``; ``colleague`` names the analyst whose layer it is in when it
        is not the user's own, so nobody changes a colleague's work without seeing it."""
        self._loading = True
        try:
            previous, previous_codebook = self.annotation, self.codebook
            self.annotation, self.codebook = annotation, codebook
            self.empty.setVisible(annotation is None)
            self.body.setVisible(annotation is not None)
            self.owner_label.setVisible(annotation is not None and colleague is not None)
            if colleague is not None:
                self.owner_label.setText(translate(
                    "Inspector", "{name}'s annotation: changes here change their layer").format(
                    name=colleague or translate("Inspector", "Unknown analyst")))
            if annotation is None:
                return
            same_form = (previous is not None and previous.tag_id == annotation.tag_id
                         and codebook is previous_codebook
                         and not self._has_other(previous) and not self._has_other(annotation))
            if same_form and previous is not None and previous.id == annotation.id:
                self._update_values(annotation)
            elif same_form:
                self._load_values(annotation)  # another annotation, same fields: reuse them
            else:
                self._fill(annotation, codebook)
        finally:
            self._loading = False

    def _fill(self, a: Annotation, codebook: Codebook) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.attribute_fields = {}
        self._dates = set()
        exact = " ".join(a.exact.split())
        self.excerpt.setText(f"{exact[:300]}{'…' if len(exact) > 300 else ''}")
        tag = codebook.get(a.tag_id) if a.tag_id in codebook else None
        self.tag_box = QComboBox()
        self.tag_box.setAccessibleName(translate("Inspector", "Tag"))
        for t in codebook.tags:
            self.tag_box.addItem(codebook.path(t.id), t.id)
        self.tag_box.model().sort(0)
        self.tag_box.setCurrentIndex(self.tag_box.findData(a.tag_id))
        self.tag_box.activated.connect(self.on_tag_chosen)
        self.form.addRow(translate("Inspector", "Tag"), self.tag_box)
        if tag is not None and tag.kind is TagKind.TONE:
            root = tag
            while root.parent_id and root.parent_id in codebook:
                root = codebook.get(root.parent_id)
            levels = sorted(codebook.descendants(root.id), key=lambda t: t.ordinal or 0)
            if levels:
                level_box = QComboBox()
                level_box.setAccessibleName(translate("Inspector", "Tone level"))
                for level in levels:
                    level_box.addItem(level.name, level.id)
                level_box.setCurrentIndex(level_box.findData(a.tag_id))
                level_box.activated.connect(
                    lambda i, box=level_box: self._request({"tag_id": box.itemData(i)}))
                self.form.addRow(translate("Inspector", "Level"), level_box)
        specs = codebook.attribute_specs(a.tag_id) if tag is not None else ()
        for spec in specs:
            field = self._attribute_field(spec, a.attributes.get(spec.name, ""))
            self.attribute_fields[spec.name] = field
            label = attribute_label(spec.name)
            self.form.addRow(label[:1].upper() + label[1:], field)
        extra = {k: v for k, v in a.attributes.items() if k not in self.attribute_fields and v}
        if extra:
            self.form.addRow(translate(
                "Inspector", "Other"), QLabel(", ".join(f"{attribute_label(k)}: {v}"
                                                        for k, v in extra.items())))
        self.status_box = QComboBox()
        self.status_box.setAccessibleName(translate("Inspector", "Status"))
        for status in Status:
            self.status_box.addItem(status_text(status.value), status.value)
        self.status_box.setCurrentIndex(self.status_box.findData(str(a.status)))
        self.status_box.activated.connect(self.on_status_chosen)
        self.form.addRow(translate("Inspector", "Status"), self.status_box)
        self.note = NoteEdit()
        self.note.setAccessibleName(translate("Inspector", "Note"))
        self.note.setPlaceholderText(translate("Inspector", "Note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(64)
        self.note.setPlainText(a.note)
        self.note.editingFinished.connect(self.on_note_finished)
        self.form.addRow(translate("Inspector", "Note"), self.note)
        # Rows added to a shown form appear only with the next layout pass; until then Tab
        # skips them (from the speaker straight to the article). Show them now.
        for row in range(self.form.rowCount()):
            for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole):
                item = self.form.itemAt(row, role)
                widget = item.widget() if item is not None else None
                if widget is not None and self.body.isVisible():
                    widget.show()
        self.meta.setText(_meta(a))

    def _has_other(self, a: Annotation) -> bool:
        """Attributes the tag does not define: shown in a row of their own."""
        return any(v and k not in self.attribute_fields for k, v in a.attributes.items())

    def _load_values(self, a: Annotation) -> None:
        """Another annotation of the same tag: refill the existing fields (building a form
        of combo boxes costs more than a key press may take)."""
        exact = " ".join(a.exact.split())
        self.excerpt.setText(f"{exact[:300]}{'…' if len(exact) > 300 else ''}")
        for name, field in self.attribute_fields.items():
            value = self._shown(name, a.attributes.get(name, ""))
            if isinstance(field, QComboBox):
                field.setCurrentIndex(max(0, field.findData(value)))
            else:
                field.setText(value)
                field.setModified(False)
        self.status_box.setCurrentIndex(self.status_box.findData(str(a.status)))
        self.note.setPlainText(a.note)
        self.note.document().setModified(False)
        self.meta.setText(_meta(a))

    def _update_values(self, a: Annotation) -> None:
        """Same annotation edited: refresh values in place so focus stays where it is."""
        for name, field in self.attribute_fields.items():
            value = self._shown(name, a.attributes.get(name, ""))
            if isinstance(field, QComboBox):
                field.setCurrentIndex(max(0, field.findData(value)))
            elif not field.isModified() and field.text() != value:
                field.setText(value)
        self.status_box.setCurrentIndex(self.status_box.findData(str(a.status)))
        if not self.note.document().isModified() and self.note.toPlainText() != a.note:
            self.note.setPlainText(a.note)
        self.meta.setText(_meta(a))

    def _attribute_field(self, spec: AttributeSpec, value: str) -> QLineEdit | QComboBox:
        if spec.choices:
            box = QComboBox()
            box.addItem("", "")
            for choice in spec.choices:
                box.addItem(choice_label(choice), choice)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.setAccessibleName(attribute_label(spec.name))
            box.activated.connect(lambda _i, name=spec.name: self.on_attribute_edited(name))
            return box
        if spec.kind == "date":
            self._dates.add(spec.name)
        edit = CompletingLineEdit(self._shown(spec.name, value))
        completer = self._completer(spec.name)
        if completer is not None:
            edit.setCompleter(completer)
            edit.focused.connect(
                lambda name=spec.name, c=completer: self._fill_completions(name, c))
        edit.setAccessibleName(attribute_label(spec.name))
        edit.setPlaceholderText(translate("Inspector", _PLACEHOLDERS.get(spec.kind, "")))
        edit.editingFinished.connect(lambda name=spec.name: self.on_attribute_edited(name))
        edit.returnPressed.connect(self.doneEditing)
        return edit

    def _shown(self, name: str, value: str) -> str:
        return day(value) if name in self._dates else value

    def set_completion_source(self, name: str, source: Callable[[], list[str]]) -> None:
        """Complete attribute ``name`` from ``source()``, read when the field is next
        focused (the project's speakers may take a moment to gather)."""
        self._completion_sources[name] = source
        self._completions.pop(name, None)

    def forget_completions(self) -> None:
        """Another document or new values: read the sources again when next needed."""
        self._completions.clear()

    def _completer(self, name: str) -> QCompleter | None:
        if name not in self._completion_sources:
            return None
        completer = QCompleter(QStringListModel(self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "Kühn" finds "Matthias Kühn"
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        return completer

    def _fill_completions(self, name: str, completer: QCompleter) -> None:
        model = completer.model()
        if self._completions.get(name) is model or not isinstance(model, QStringListModel):
            return
        model.setStringList(self._completion_sources[name]())
        self._completions[name] = model

    def focus_first_attribute(self) -> None:
        """Put the cursor where a new annotation most needs input (the speaker of a quote)."""
        for field in self.attribute_fields.values():
            field.show()  # a freshly added row is only shown by a queued event
            field.setFocus()
            return

    # --- edits ---------------------------------------------------------------------------

    def _request(self, changes: dict[str, Any]) -> None:
        if self._loading or self.annotation is None:
            return
        self.editRequested.emit(self.annotation.id, changes)

    def on_attribute_edited(self, name: str) -> None:
        if self.annotation is None:
            return
        field = self.attribute_fields.get(name)
        if field is None:
            return
        if isinstance(field, QComboBox):
            value = str(field.currentData() or "")
        else:
            value = field.text().strip()
            if name in self._dates:  # "22.09.2021" or "22. September 2021": one form
                value = iso_date(value) or value
            field.setModified(False)  # committed: later changes (undo) may overwrite it
        attributes = dict(self.annotation.attributes)
        if attributes.get(name, "") == value:
            return
        if value:
            attributes[name] = value
        else:
            attributes.pop(name, None)
        self._request({"attributes": attributes})

    def on_tag_chosen(self, index: int) -> None:
        tag_id = self.tag_box.itemData(index)
        if self.annotation is not None and tag_id and tag_id != self.annotation.tag_id:
            self._request({"tag_id": tag_id})

    def on_status_chosen(self, _index: int) -> None:
        status = str(self.status_box.currentData())
        if self.annotation is not None and status != str(self.annotation.status):
            self._request({"status": status})

    def on_note_finished(self) -> None:
        self.note.document().setModified(False)
        if self.annotation is not None and self.note.toPlainText() != self.annotation.note:
            self._request({"note": self.note.toPlainText()})

    def _emit_set_span(self) -> None:
        if self.annotation is not None:
            self.setSpanRequested.emit(self.annotation.id)

    def _emit_delete(self) -> None:
        if self.annotation is not None:
            self.deleteRequested.emit(self.annotation.id)


def _when(stamp: str) -> str:
    """``2026-11-03T14:05:09.123Z`` as ``2026-11-03 14:05`` (UTC); ``03.11.2026`` in German."""
    return f"{day(stamp[:10])} {stamp[11:16]} UTC" if len(stamp) >= 16 else stamp or "—"


def _meta(a: Annotation) -> str:
    """Who made an annotation (and how, unless by hand), when, and when it last changed."""
    origin = "" if a.origin == "manual" else f" ({origin_label(a.origin)})"
    return translate("Inspector", "By {author}{origin}\nCreated {created}\nModified "
                     "{modified}").format(author=a.author or translate("Inspector", "unknown"),
                                          origin=origin, created=_when(a.created),
                                          modified=_when(a.modified))
