"""Fixtures for driving the real window: a project on disk, isolated settings, no modal dialogs.

The article has an emoji and a 𝔘 (outside the BMP) *before* the passages tests tag,
so a wrong code point / UTF-16 conversion shifts every highlight and offset.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from core.commands import AddDocument
from core.model import Document, new_document_id, utc_now
from core.project import Project
from core.text import content_hash, normalize_text
from gui import dialogs
from gui.main_window import MainWindow
from gui.preferences import Preferences

ANALYST = "Jürgen Test"

#: The offscreen platform cannot pass size hints to a window manager; that is not our bug.
PLATFORM_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:  # a module's own qt_log_ignore (naming PLATFORM_NOISE too) stands
        if "tests/gui" in item.path.as_posix() and not item.get_closest_marker("qt_log_ignore"):
            item.add_marker(pytest.mark.qt_log_ignore(PLATFORM_NOISE))

ARTICLE = normalize_text(
    "Streit um die Fähre 😀 in 𝔘nterau\n"
    "Привет из Казани: die Delegation reiste am Montag an.\n"
    "„Wir schaffen das“, sagte die Ministerin am Abend.\n"
    "Der Sprecher der Opposition widersprach: „Das ist falsch.“ Die Debatte dauerte.\n"
    "Am Ende einigte man sich auf einen Kompromiss, sagte die Ministerin.\n"
)
SECOND = normalize_text(
    "Kabelroute vor Kellsport\n"
    "The council approved the cable route on Tuesday. Fishermen protested loudly.\n"
)


def span_of(text: str, passage: str, occurrence: int = 1) -> tuple[int, int]:
    """Code point span of the n-th ``passage`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(passage, start + 1)
    return start, start + len(passage)


def add_document(project: Project, text: str, title: str) -> str:
    doc = Document(id=new_document_id(), title=title, format="txt", language="de", text=text,
                   content_hash=content_hash(text), chars=len(text), imported=utc_now(),
                   source_name=f"{title}.txt")
    project.execute(AddDocument(doc, text.encode("utf-8")))
    return doc.id


@dataclass
class SampleProject:
    path: Path
    article_id: str
    second_id: str

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read the project file through a separate, read-only SQLite connection."""
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def live_annotations(self) -> list[tuple[Any, ...]]:
        return self.rows('SELECT start, "end", tag_id, author, attributes FROM annotations '
                         "WHERE deleted = 0 ORDER BY start")

    def colleague(self, window: MainWindow, path: Path, author: str, tag: str) -> Path:
        """A colleague's copy of the project at ``path`` with one annotation of theirs
        ("Kompromiss" tagged ``tag``), to merge into ``window``."""
        assert window.project is not None
        window.project.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(self.path, path)
        with Project.open(path, author=author) as theirs:
            theirs.annotate(self.article_id, *span_of(ARTICLE, "Kompromiss"), tag)
        return path


@pytest.fixture
def sample(tmp_path: Path) -> SampleProject:
    path = tmp_path / "test.glossa"
    with Project.create(path, author=ANALYST) as project:
        article = add_document(project, ARTICLE, "Streit um die Fähre")
        second = add_document(project, SECOND, "Kabelroute")
    return SampleProject(path, article, second)


@dataclass
class DialogSpy:
    """Stands in for gui.dialogs: records what the window said, answers what tests set."""

    confirm_answer: bool = True
    text_answers: list[str | None] = field(default_factory=list)
    colour_answer: str | None = None
    questions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)
    open_answer: bool = False
    choice: int | None = None
    choices: list[list[str]] = field(default_factory=list)


@pytest.fixture(autouse=True)
def dialog_spy(monkeypatch: pytest.MonkeyPatch) -> DialogSpy:
    """No test ever blocks on a modal dialog; unexpected questions get a recorded default."""
    spy = DialogSpy()

    def confirm(_parent: object, _title: str, question: str) -> bool:
        spy.questions.append(question)
        return spy.confirm_answer

    def ask_text(_parent: object, _title: str, label: str, value: str = "") -> str | None:
        spy.questions.append(label)
        return spy.text_answers.pop(0) if spy.text_answers else None

    def ask_color(_parent: object, _title: str, _current: str) -> str | None:
        return spy.colour_answer

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "offer", confirm)
    monkeypatch.setattr(dialogs, "ask_text", ask_text)
    monkeypatch.setattr(dialogs, "ask_color", ask_color)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, m: spy.errors.append(m))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, _t, m: spy.infos.append(m))

    def offer_open(_parent: object, _title: str, message: str) -> bool:
        spy.offered.append(message)
        return spy.open_answer

    monkeypatch.setattr(dialogs, "offer_open", offer_open)

    def choose(_parent: object, _title: str, label: str, items: list[str]) -> int | None:
        spy.questions.append(label)
        spy.choices.append(list(items))
        return spy.choice

    monkeypatch.setattr(dialogs, "choose", choose)
    return spy


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QSettings]:
    """Settings (and anything Qt writes under XDG paths) live in tmp_path, never the user's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    settings = QSettings(str(tmp_path / "settings" / "glossa.ini"), QSettings.Format.IniFormat)
    settings.setValue("analyst/name", ANALYST)
    yield settings
    settings.sync()


def open_window(qtbot: Any, sample: SampleProject, settings: QSettings) -> MainWindow:
    """The real window on the sample's article, shown and active, as an analyst has it."""
    window = MainWindow(Preferences(settings))
    qtbot.addWidget(window)
    assert window.open_project(sample.path)
    window.open_document(sample.article_id)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture
def main_window(qtbot: Any, sample: SampleProject, isolated_settings: QSettings) -> MainWindow:
    window = open_window(qtbot, sample, isolated_settings)
    window.view.setFocus()
    qtbot.wait(20)  # let the highlighter's first pass run
    return window


def select(window: MainWindow, passage: str, occurrence: int = 1) -> tuple[int, int]:
    """Select ``passage`` in the article through the view's code point API."""
    start, end = span_of(window.view.text, passage, occurrence)
    window.view.select_span(start, end)
    return start, end
