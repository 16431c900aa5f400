"""What the window remembers and how files come in: drag and drop, recent projects,
layout, the analyst's name, the sample project, double-click selection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest

from core.project import Project
from gui import app
from gui.main_window import MainWindow
from gui.preferences import Preferences
from tests.gui.conftest import ARTICLE, DialogSpy, SampleProject, span_of


def test_dropped_files_are_imported_off_thread(qtbot: Any, main_window: MainWindow,
                                               tmp_path: Path, dialog_spy: DialogSpy) -> None:
    article = tmp_path / "drop.txt"
    article.write_text("„Kurz gesagt“, sagte sie.\nZweite Zeile 𝔘.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article)), QUrl.fromLocalFile(str(empty))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(main_window.importFinished, timeout=20000) as finished:
        main_window.dropEvent(event)
    assert finished.args == [1, 1]
    assert main_window.view.text.startswith("„Kurz gesagt“")  # the new article is open
    assert len(dialog_spy.errors) == 1 and "empty.txt" in dialog_spy.errors[0]


def test_recent_projects_and_layout_are_remembered(qtbot: Any, sample: SampleProject,
                                                   tmp_path: Path,
                                                   isolated_settings: QSettings) -> None:
    other = tmp_path / "other.glossa"
    Project.create(other).close()
    window = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(window)
    assert window.open_project(sample.path)
    assert window.open_project(other)
    fresh = window.main_split.sizes()
    window.main_split.setSizes([fresh[0] + 37, fresh[1] - 37, fresh[2]])
    chosen = window.main_split.sizes()
    window.resize(720, 530)  # within the offscreen screen (800 x 800), or Qt shrinks it
    window.close()  # saves the layout and closes the project

    again = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(again)
    assert again.preferences.recent_projects()[:2] == [other.resolve(), sample.path.resolve()]
    assert again.preferences.last_project() == other.resolve()
    again.project_menu.fill_recent_menu()
    entries = [a.text() for a in again.window_actions.recent_menu.actions()]
    assert entries[:2] == [str(other.resolve()), str(sample.path.resolve())]
    assert (again.width(), again.height()) == (720, 530)
    assert again.main_split.sizes() == chosen != fresh
    again.window_actions.recent_menu.actions()[1].trigger()
    assert again.project is not None and again.project.path == sample.path.resolve()


def test_analyst_name_is_asked_once(qtbot: Any, dialog_spy: DialogSpy,
                                    isolated_settings: QSettings) -> None:
    isolated_settings.remove("analyst/name")
    window = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(window)
    dialog_spy.text_answers = ["  Jana Albrecht  "]
    app.ensure_analyst_name(window)
    assert window.preferences.analyst_name() == "Jana Albrecht"
    asked = len(dialog_spy.questions)
    app.ensure_analyst_name(window)
    assert len(dialog_spy.questions) == asked  # known now: not asked again


def test_help_menu_opens_the_sample_project(qtbot: Any, main_window: MainWindow) -> None:
    main_window.window_actions.sample_project.trigger()
    assert main_window.project is not None
    assert main_window.project.path.name == "sample.glossa"
    titles = [d.title for d in main_window.project.documents()]
    assert len(titles) == 4 and any("Donaufähre" in t for t in titles)


def test_double_click_takes_the_word_and_with_ctrl_the_sentence(
        qtbot: Any, main_window: MainWindow, sample: SampleProject) -> None:
    view = main_window.view
    start, end = span_of(ARTICLE, "Kompromiss")
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(start + 3))
    rect = view.cursorRect(cursor)
    point = QPoint(rect.center().x(), rect.center().y())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, point)
    assert view.selection_span() == (start, end)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.ControlModifier, point)
    selected = view.selection_span()
    assert selected is not None
    sentence = ARTICLE[selected[0]:selected[1]]
    assert "Kompromiss" in sentence and len(sentence) > len("Kompromiss") + 10
    assert "\n" not in sentence


def test_opening_an_older_project_says_where_its_copy_is(qtbot: Any, tmp_path: Path,
                                                         isolated_settings: QSettings) -> None:
    import shutil

    old = tmp_path / "study.glossa"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / "schema-v1.glossa", old)
    window = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(window)
    assert window.open_project(old)
    assert "kept as study.glossa.v1.bak" in window.statusBar().currentMessage()
    assert (tmp_path / "study.glossa.v1.bak").is_file()


def test_file_restore_from_backup_puts_the_chosen_backup_in_place(
        qtbot: Any, main_window: MainWindow, sample: SampleProject,
        dialog_spy: DialogSpy) -> None:
    """A backup taken, then a tag added; File › Restore from backup brings the file back
    to the backup, keeps the project as it was, and the window shows it."""
    window = main_window
    assert window.project is not None
    qtbot.waitUntil(lambda: not window.exchange_actions.busy(), timeout=5000)
    window.project.backup()
    window.project.annotate(sample.article_id, 0, 6, "Quote")
    assert len(sample.live_annotations()) == 1
    dialog_spy.choice = 0
    window.window_actions.restore_backup.trigger()
    assert dialog_spy.choices and "manual" in dialog_spy.choices[0][0]
    assert sample.live_annotations() == []
    assert window.project is not None and window.project.path == sample.path.resolve()
    assert "Restored" in window.statusBar().currentMessage()
    kept = [p for p in (sample.path.parent / f"{sample.path.name}-backups").iterdir()
            if "before-restore" in p.name]
    assert len(kept) == 1
    with Project.open(kept[0]) as before:
        assert len(before.annotations(sample.article_id)) == 1


def test_file_restore_offers_the_days_automatic_backup_and_cancel_changes_nothing(
        qtbot: Any, main_window: MainWindow, sample: SampleProject, dialog_spy: DialogSpy) -> None:
    assert main_window.project is not None
    backups = sample.path.parent / f"{sample.path.name}-backups"
    qtbot.waitUntil(lambda: backups.is_dir() and any(backups.iterdir()), timeout=5000)
    qtbot.waitUntil(lambda: not main_window.exchange_actions.busy(), timeout=5000)
    main_window.project.annotate(sample.article_id, 0, 6, "Quote")
    dialog_spy.choice = None  # cancelled
    main_window.window_actions.restore_backup.trigger()
    assert [len(c) for c in dialog_spy.choices] == [1] and "auto" in dialog_spy.choices[0][0]
    assert len(sample.live_annotations()) == 1
    assert main_window.project is not None and main_window.document_id == sample.article_id
