"""File > Export: choose a format, what to cover and where to write, in one small dialog.

The dialog only collects a request; ``gui.workers.ExportWorker`` runs core's exporter off
the GUI thread. Formats, their suffixes and descriptions come from
``core.exporters.registry``, so the CLI and the dialog never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.codebook import Codebook
from core.exporters import Cancel, ExportScope, Progress
from core.exporters.agreement_report import Format as ReportFormat
from core.exporters.agreement_report import export_agreement_report
from core.exporters.registry import FORMATS, ExportFormat, ExportOutcome, export_with_notes
from core.model import DocumentInfo, Status
from core.project import Project
from core.review.agreement import Unit
from gui.i18n import QT_TRANSLATE_NOOP, counted, translate
from gui.status_words import status_text

ANY = QT_TRANSLATE_NOOP("ExportDialog", "(any)")


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the user asked for: format name, target file and scope."""

    format: str
    path: Path
    scope: ExportScope

    def run(self, project: Project, progress: Progress, cancel: Cancel) -> ExportOutcome:
        return export_with_notes(project, self.format, self.path, scope=self.scope,
                                 progress=progress, cancel=cancel)


@dataclass(frozen=True, slots=True)
class AgreementReportRequest:
    """The agreement report of two analysts (HTML, PDF or CSV by the file's suffix)."""

    path: Path
    analyst_a: str
    analyst_b: str
    unit: Unit = "sentence"

    def run(self, project: Project, progress: Progress, cancel: Cancel) -> ExportOutcome:
        # The core refuses any suffix that is not a report format, before writing.
        fmt = cast(ReportFormat, self.path.suffix.lower().lstrip("."))
        count = export_agreement_report(
            project, self.path, analyst_a=self.analyst_a, analyst_b=self.analyst_b,
            fmt=fmt, unit=self.unit, progress=progress, cancel=cancel)
        return ExportOutcome(count, (counted(count, translate(
            "ExportDialog", "{n} disagreement listed."), translate(
            "ExportDialog", "{n} disagreements listed.")),))


class ExportDialog(QDialog):
    """Format, scope (this document, chosen documents, all), filters and the target file."""

    def __init__(self, documents: list[DocumentInfo], current_document: str | None,
                 codebook: Codebook, authors: list[str], folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ExportDialog", "Export"))
        self._documents = documents
        self._current = current_document
        self._folder = folder
        self._named_by_user = False

        self.format = QComboBox(self)
        self.format.setAccessibleName(translate("ExportDialog", "Export format"))
        for fmt in FORMATS.values():
            self.format.addItem(fmt.label_text(), fmt.name)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setEnabled(False)  # the palette's muted text colour

        self.this_document = QRadioButton(translate("ExportDialog", "&This document"), self)
        self.chosen_documents = QRadioButton(translate("ExportDialog", "&Chosen documents"), self)
        self.all_documents = QRadioButton(translate("ExportDialog", "&All documents"), self)
        self.document_list = QListWidget(self)
        self.document_list.setAccessibleName(translate("ExportDialog", "Documents to export"))
        self.document_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for doc in documents:
            item = QListWidgetItem(doc.title or doc.source_name, self.document_list)
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if doc.id == current_document
                               else Qt.CheckState.Unchecked)
        self.document_list.setMaximumHeight(120)
        if current_document:
            self.this_document.setChecked(True)
        else:
            self.this_document.setEnabled(False)
            self.all_documents.setChecked(True)

        self.tag = QComboBox(self)
        self.tag.setAccessibleName(translate("ExportDialog", "Only this tag"))
        self.tag.addItem(translate("ExportDialog", ANY), None)
        for path in sorted((codebook.path(t.id) for t in codebook.tags), key=str.casefold):
            self.tag.addItem(path, path)
        self.author = QComboBox(self)
        self.author.setAccessibleName(translate("ExportDialog", "Only this analyst"))
        self.author.addItem(translate("ExportDialog", ANY), None)
        for name in authors:
            self.author.addItem(name or translate("ExportDialog", "(no name)"), name)
        self.status = QComboBox(self)
        self.status.setAccessibleName(translate("ExportDialog", "Only this status"))
        self.status.addItem(translate("ExportDialog", ANY), None)
        for status in Status:
            self.status.addItem(status_text(status.value), status.value)

        self.path = QLineEdit(self)
        self.path.setAccessibleName(translate("ExportDialog", "Export to file"))
        self.path.textEdited.connect(self._on_path_edited)
        browse = QPushButton(translate("ExportDialog", "&Browse…"), self)
        browse.clicked.connect(self.browse)
        target = QHBoxLayout()
        target.addWidget(self.path, 1)
        target.addWidget(browse)

        scope = QVBoxLayout()
        for button in (self.this_document, self.chosen_documents, self.all_documents):
            scope.addWidget(button)
            button.toggled.connect(self._update)
        scope.addWidget(self.document_list)
        form = QFormLayout()
        form.addRow(translate("ExportDialog", "&Format"), self.format)
        form.addRow("", self.description)
        form.addRow(translate("ExportDialog", "Documents"), scope)
        form.addRow(translate("ExportDialog", "Ta&g"), self.tag)
        form.addRow(translate("ExportDialog", "A&nalyst"), self.author)
        form.addRow(translate("ExportDialog", "&Status"), self.status)
        form.addRow(translate("ExportDialog", "Sa&ve as"), target)
        # Each label's mnemonic goes to its field (without a buddy Qt shows the "&").
        for field in (self.format, self.tag, self.author, self.status, self.path):
            buddy = form.labelForField(target if field is self.path else field)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate(
            "ExportDialog", "&Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.document_list.itemChanged.connect(self._update)
        self._on_format_changed()
        self.resize(520, self.sizeHint().height())

    # --- state ------------------------------------------------------------------------

    def selected_format(self) -> ExportFormat:
        return FORMATS[str(self.format.currentData())]

    def set_format(self, name: str) -> None:
        self.format.setCurrentIndex(self.format.findData(name))

    def scope_name(self) -> str:
        """Which scope is chosen: "this", "chosen" or "all" (remembered for next time)."""
        if self.this_document.isChecked():
            return "this"
        return "chosen" if self.chosen_documents.isChecked() else "all"

    def restore_choices(self, format_name: str, scope: str) -> None:
        """Last time's format and scope, where they still apply."""
        if self.format.findData(format_name) >= 0:
            self.set_format(format_name)
        button = {"this": self.this_document, "chosen": self.chosen_documents,
                  "all": self.all_documents}.get(scope)
        if button is not None and button.isEnabled():
            button.setChecked(True)

    def document_ids(self) -> tuple[str, ...] | None:
        """The documents chosen: ``None`` means all of them."""
        if self.all_documents.isChecked():
            return None
        if self.this_document.isChecked():
            return (self._current,) if self._current else ()
        return tuple(
            str(self.document_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.document_list.count())
            if self.document_list.item(i).checkState() == Qt.CheckState.Checked)

    def request(self) -> ExportRequest:
        return ExportRequest(
            format=self.selected_format().name,
            path=Path(self.path.text().strip()).expanduser(),
            scope=ExportScope(documents=self.document_ids(), tag=self.tag.currentData(),
                              author=self.author.currentData(),
                              status=self.status.currentData()),
        )

    # --- reactions ----------------------------------------------------------------------

    def _suggested_name(self) -> str:
        documents = self.document_ids()
        stem = "glossa-export"
        if documents and len(documents) == 1:
            title = next((d.title for d in self._documents if d.id == documents[0]), "")
            stem = "".join(c if c.isalnum() or c in " -_" else " " for c in title).strip()
            stem = "-".join(stem.split())[:60] or stem
        return stem + self.selected_format().suffix

    def _on_format_changed(self) -> None:
        fmt = self.selected_format()
        description = fmt.description_text()
        self.description.setText(description[:1].upper() + description[1:] + ".")
        current = self.path.text().strip()
        if self._named_by_user and current:
            self.path.setText(str(Path(current).with_suffix(fmt.suffix)))
        self._update()

    def _on_path_edited(self, _text: str) -> None:
        self._named_by_user = True
        self._update()

    def _update(self) -> None:
        self.document_list.setEnabled(self.chosen_documents.isChecked())
        if not self._named_by_user:
            self.path.setText(str(self._folder / self._suggested_name()))
        documents = self.document_ids()
        ok = bool(self.path.text().strip()) and documents != ()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def browse(self) -> None:
        fmt = self.selected_format()
        name, _ = QFileDialog.getSaveFileName(
            self, translate("ExportDialog", "Export to"), self.path.text(),
            translate("ExportDialog", "{label} (*{suffix});;All files (*)").format(
                label=fmt.label_text(), suffix=fmt.suffix))
        if name:
            path = Path(name)
            self.path.setText(str(path if path.suffix else path.with_suffix(fmt.suffix)))
            self._named_by_user = True
            self._update()
