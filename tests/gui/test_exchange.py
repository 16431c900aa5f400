"""File > Export and File > Merge, driven through the real window."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from core.exporters import ExportScope
from core.project import Project
from gui.export_dialog import ExportDialog, ExportRequest
from gui.main_window import MainWindow
from gui.workers import ExportWorker
from tests.gui.conftest import ARTICLE, DialogSpy, SampleProject, span_of


def _tag_some(window: MainWindow, sample: SampleProject) -> None:
    assert window.project is not None
    window.project.annotate(sample.article_id, *span_of(ARTICLE, "Kompromiss"), "Note",
                            author="Anna")
    window.project.annotate(sample.second_id, 0, 5, "Quote", author="Boris",
                            attributes={"speaker": "Boris"})


def test_dialog_suggests_a_name_follows_the_format_and_builds_the_scope(
        main_window: MainWindow, sample: SampleProject) -> None:
    assert main_window.project is not None
    dialog = main_window.exchange.ask_export(main_window.project, sample.article_id)
    assert dialog.this_document.isChecked()
    assert dialog.path.text().endswith("Streit-um-die-Fähre.html")
    dialog.set_format("docx")
    assert dialog.path.text().endswith(".docx")
    assert "comments" in dialog.description.text()
    dialog.chosen_documents.setChecked(True)
    for i in range(dialog.document_list.count()):
        dialog.document_list.item(i).setCheckState(Qt.CheckState.Unchecked)
    export_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not export_button.isEnabled()  # nothing chosen: nothing to export
    dialog.document_list.item(1).setCheckState(Qt.CheckState.Checked)
    assert export_button.isEnabled()
    dialog.tag.setCurrentIndex(dialog.tag.findData("Tone/Critical"))
    dialog.status.setCurrentIndex(dialog.status.findData("accepted"))
    request = dialog.request()
    assert request.format == "docx"
    assert request.scope == ExportScope(documents=(sample.second_id,), tag="Tone/Critical",
                                        status="accepted")
    dialog.all_documents.setChecked(True)
    assert dialog.request().scope.documents is None
    dialog.deleteLater()


def test_export_runs_in_the_background_and_offers_to_open_the_file(
        qtbot: Any, main_window: MainWindow, sample: SampleProject, dialog_spy: DialogSpy,
        tmp_path: Path) -> None:
    _tag_some(main_window, sample)
    assert main_window.project is not None
    out = tmp_path / "Anna nur.csv"
    request = ExportRequest("csv", out, ExportScope(author="Anna"))
    with qtbot.waitSignal(main_window.exchange.exportFinished, timeout=20000) as finished:
        main_window.exchange.start_export(main_window.project, request)
    assert finished.args == [str(out), 1]
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert [r["text"] for r in csv.DictReader(handle)] == ["Kompromiss"]
    assert dialog_spy.offered == [f"Exported 1 annotation to {out}."]
    assert not main_window.exchange.busy()


def test_failed_or_cancelled_exports_say_so_and_write_nothing(
        qtbot: Any, main_window: MainWindow, dialog_spy: DialogSpy, tmp_path: Path) -> None:
    assert main_window.project is not None
    missing = tmp_path / "no such folder" / "x.csv"
    with qtbot.waitSignal(main_window.exchange.exportFailed, timeout=20000) as failed:
        main_window.exchange.start_export(main_window.project,
                                          ExportRequest("csv", missing, ExportScope()))
    assert "does not exist" in failed.args[0]
    assert dialog_spy.errors == [failed.args[0]]
    out = tmp_path / "cancelled.json"
    worker = ExportWorker(main_window.project.path, ExportRequest("json", out, ExportScope()))
    worker.cancel()  # what the progress dialog's Cancel button does
    messages: list[str] = []
    worker.failed.connect(messages.append)
    worker.run()  # in this thread, so the cancel is certain to come first
    assert messages == ["export cancelled; nothing was written"]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_merge_brings_a_colleague_in_as_one_undo_step(
        qtbot: Any, main_window: MainWindow, sample: SampleProject, dialog_spy: DialogSpy,
        tmp_path: Path) -> None:
    assert main_window.project is not None
    colleague = sample.colleague(main_window, tmp_path / "colleague.glossa", "Tomás",
                                 "Tone/Critical")
    before = len(main_window.view.spans)
    with qtbot.waitSignal(main_window.exchange.mergeFinished, timeout=20000) as merged:
        main_window.exchange.start_merge(main_window.project, main_window, colleague)
    assert merged.args[0].annotations_added == 1
    assert len(main_window.view.spans) == before + 1  # the open article shows it at once
    assert "Tomás" in main_window.project.authors()
    assert "1 annotation added" in dialog_spy.infos[-1]
    assert main_window.undo_stack.canUndo()
    main_window.undo_stack.undo()
    assert len(main_window.view.spans) == before
    assert "Tomás" not in main_window.project.authors()


def test_a_damaged_colleague_file_is_refused_and_changes_nothing(
        qtbot: Any, main_window: MainWindow, dialog_spy: DialogSpy, tmp_path: Path) -> None:
    assert main_window.project is not None
    bad = tmp_path / "kaputt.glossa"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    documents = main_window.project.documents()
    main_window.exchange.start_merge(main_window.project, main_window, bad)
    qtbot.waitUntil(lambda: not main_window.exchange.busy(), timeout=20000)
    assert len(dialog_spy.errors) == 1 and "kaputt.glossa" in dialog_spy.errors[0]
    assert main_window.project.documents() == documents
    assert not main_window.undo_stack.canUndo()


def test_a_colleagues_w3c_export_comes_in_as_one_undo_step(
        qtbot: Any, main_window: MainWindow, sample: SampleProject, dialog_spy: DialogSpy,
        tmp_path: Path) -> None:
    from core.exporters.w3c import export_w3c

    assert main_window.project is not None
    main_window.project.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    colleague = tmp_path / "colleague.glossa"
    shutil.copy(sample.path, colleague)
    with Project.open(colleague, author="Tomás") as theirs:
        theirs.annotate(sample.article_id, *span_of(ARTICLE, "Kompromiss"), "Tone/Critical",
                        note="zu weich")
        export_w3c(theirs, tmp_path / "tomas.jsonld")
    before = len(main_window.view.spans)
    with qtbot.waitSignal(main_window.exchange.annotationsImported) as imported:
        main_window.exchange.start_merge(main_window.project, main_window,
                                         tmp_path / "tomas.jsonld")
    assert len(imported.args[0].placed) == 1
    assert len(main_window.view.spans) == before + 1
    assert "1 annotation placed" in dialog_spy.infos[-1]
    assert main_window.undo_stack.undoText().startswith("Import annotations from")
    main_window.undo_stack.undo()
    assert len(main_window.view.spans) == before


def test_a_qdpx_merge_shows_what_was_not_placed_and_the_warnings(
        qtbot: Any, main_window: MainWindow, dialog_spy: DialogSpy, tmp_path: Path) -> None:
    from tests.core.test_qdpx import selection, write_qdpx

    text = "Hallo Welt, ein kurzer Text."
    sources = ('<TextSource guid="77777777-7777-7777-7777-777777777777" name="Kurz">'
               f"<PlainTextContent>{text}</PlainTextContent>"
               + selection("88888888-8888-8888-8888-888888888888", 12, 15)
               + selection("99999999-9999-9999-9999-999999999999", 0, 5).replace(
                   "<PlainTextSelection ", '<PlainTextSelection name="Tschüs" ', 1)
               + "</TextSource>")
    qdpx = write_qdpx(tmp_path / "fremd.qdpx", sources)
    assert main_window.project is not None
    with qtbot.waitSignal(main_window.exchange.annotationsImported):
        main_window.exchange.start_merge(main_window.project, main_window, qdpx)
    message = dialog_spy.infos[-1]
    assert "1 annotation placed" in message
    assert "• 99999999-9999-9999-9999-999999999999: its text 'Tschüs' is neither" in message
    assert ("Warnings:\n• code 'Pro/Contra': '/' separates tag levels in Glossa, became '-'"
            in message)


def test_a_small_merge_brings_the_colleague_into_review(
        qtbot: Any, main_window: MainWindow, sample: SampleProject, tmp_path: Path) -> None:
    colleague = sample.colleague(main_window, tmp_path / "carla.glossa", "Carla", "Note")
    with qtbot.waitSignal(main_window.exchange.mergeFinished, timeout=20000):
        main_window.exchange.start_merge(main_window.project, main_window, colleague)
    assert "Carla" in main_window.review_panel._layer_boxes
    assert main_window.review_panel.analyst_b.findText("Carla") >= 0


def test_switching_project_during_a_merge_says_where_it_went(
        qtbot: Any, main_window: MainWindow, sample: SampleProject, dialog_spy: DialogSpy,
        tmp_path: Path) -> None:
    assert main_window.project is not None
    main_window.project.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    colleague = tmp_path / "colleague.glossa"
    shutil.copy(sample.path, colleague)
    other = tmp_path / "other.glossa"
    Project.create(other).close()
    main_window.exchange.start_merge(main_window.project, main_window, colleague)
    assert main_window.open_project(other)  # waits for the reading, then switches
    qtbot.waitUntil(lambda: not main_window.exchange.busy(), timeout=20000)
    qtbot.wait(20)
    assert any("was merged into test, which was closed meanwhile" in message
               for message in dialog_spy.infos)
    assert main_window.project is not None and main_window.project.documents() == []
    assert not main_window.undo_stack.canUndo()  # nothing of the other project to undo


class _SlowExport:
    """An export that runs until it is cancelled, as a large one would."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, project: Project, progress: Any, cancel: Any) -> Any:
        import time

        from core.errors import ExportCancelled

        while not cancel():
            time.sleep(0.01)
        raise ExportCancelled("export cancelled; nothing was written")


def test_closing_the_window_stops_a_running_export(qtbot: Any, main_window: MainWindow,
                                                   tmp_path: Path) -> None:
    assert main_window.project is not None
    worker = main_window.exchange.start_export(main_window.project,
                                               _SlowExport(tmp_path / "slow.csv"))  # type: ignore[arg-type]
    assert worker is not None and worker.isRunning()
    main_window.close()
    assert worker.isFinished()  # stopped and waited for: no thread outlives the window


def _when_dialog_opens(qtbot: Any, act: Any) -> None:
    """Run ``act(dialog)`` on the export dialog once File › Export has opened it."""
    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ExportDialog):
            act(dialog)
        else:
            QTimer.singleShot(20, attempt)
    QTimer.singleShot(20, attempt)


def test_the_export_dialog_remembers_format_scope_and_folder(
        qtbot: Any, main_window: MainWindow, sample: SampleProject, dialog_spy: DialogSpy,
        tmp_path: Path) -> None:
    """Opened from the menu, answered with the keyboard; the next time it starts there."""
    _tag_some(main_window, sample)
    seen: dict[str, Any] = {}
    target = tmp_path / "out" / "alles.csv"
    target.parent.mkdir()

    def first(dialog: ExportDialog) -> None:
        seen["folder"] = Path(dialog.path.text()).parent
        seen["labels"] = [(label.text(), label.buddy()) for label in dialog.findChildren(QLabel)
                          if "&" in label.text()]
        dialog.set_format("csv")
        dialog.all_documents.setChecked(True)
        dialog.path.selectAll()
        dialog.path.setFocus()
        QTest.keyClicks(dialog.path, str(target))
        QTest.keyClick(dialog.path, Qt.Key.Key_Return)

    _when_dialog_opens(qtbot, first)
    with qtbot.waitSignal(main_window.exchange.exportFinished, timeout=20000):
        main_window.window_actions.export.trigger()
    assert target.is_file()
    assert not any(part.startswith(".") for part in seen["folder"].parts)  # not hidden
    assert seen["labels"] and all(buddy is not None for _, buddy in seen["labels"])

    def second(dialog: ExportDialog) -> None:
        seen["again"] = (dialog.selected_format().name, dialog.scope_name(),
                         Path(dialog.path.text()).parent)
        dialog.reject()

    _when_dialog_opens(qtbot, second)
    main_window.window_actions.export.trigger()
    assert seen["again"] == ("csv", "all", target.parent)
