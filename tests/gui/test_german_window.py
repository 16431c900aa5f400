"""The window in German: GLOSSA_LANG picks the language, the menus speak German, and no
menu has two entries with the same Alt-key (German words move the & letters around)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit, QMenu

from core.sample import ANNA, TOMAS, build_sample_project
from gui import i18n
from gui.help import shortcut_rows
from gui.main_window import MainWindow
from gui.preferences import Preferences
from tests.gui.conftest import DialogSpy, SampleProject, open_window, select
from tests.gui.test_main_window import press, type_text


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].casefold() if 0 <= at < len(plain) - 1 else None


def _menus(window: MainWindow) -> Iterator[QMenu]:
    pending = [a.menu() for a in window.menuBar().actions()]
    while pending:
        menu = pending.pop()
        if isinstance(menu, QMenu):
            yield menu
            pending += [a.menu() for a in menu.actions() if a.menu() is not None]


def clashes(window: MainWindow) -> dict[str, list[str]]:
    """Menu (the bar counts as one) -> entries sharing an Alt-key with another."""
    found: dict[str, list[str]] = {}
    groups = [("menu bar", [a.text() for a in window.menuBar().actions()])]
    groups += [(m.title(), [a.text() for a in m.actions() if a.isVisible()])
               for m in _menus(window)]
    for title, texts in groups:
        keys = [k for k in map(_mnemonic, texts) if k]
        if len(keys) != len(set(keys)):
            found[title] = [t for t in texts if keys.count(_mnemonic(t) or "") > 1]
    return found


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """Glossa's German translation installed for one test, removed afterwards."""
    monkeypatch.setenv(i18n.ENVIRONMENT, "de")
    locale_before = QLocale()
    app = qapp
    translators = i18n.install_translators(app, "de")
    assert translators, "glossa_de.qm could not be built or loaded"
    yield
    for translator in translators:
        app.removeTranslator(translator)
    i18n.install_translators(app, "en")
    QLocale.setDefault(locale_before)


def test_the_environment_beats_the_setting_and_the_system(
        monkeypatch: pytest.MonkeyPatch, isolated_settings: QSettings) -> None:
    preferences = Preferences(isolated_settings)
    preferences.set_language("en")
    monkeypatch.setenv(i18n.ENVIRONMENT, "de")
    assert i18n.chosen_language(preferences) == "de"
    monkeypatch.setenv(i18n.ENVIRONMENT, "")
    assert i18n.chosen_language(preferences) == "en"
    monkeypatch.setenv(i18n.ENVIRONMENT, "fr")  # not spoken: the setting decides
    preferences.set_language("de")
    assert i18n.chosen_language(preferences) == "de"


def test_the_menus_speak_german(german: None, qtbot: Any, sample: SampleProject,
                                isolated_settings: QSettings) -> None:
    window = open_window(qtbot, sample, isolated_settings)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Datei", "&Bearbeiten", "D&okument", "&Tag", "&Ansicht", "Ab&gleich",
                      "&Hilfe"]
    assert window.window_actions.export.text() == "E&xportieren…"
    assert "Annotationen hier" in window.status_counts.text()


def test_no_menu_has_two_entries_with_one_alt_key(german: None, qtbot: Any,
                                                   sample: SampleProject,
                                                   isolated_settings: QSettings) -> None:
    assert clashes(open_window(qtbot, sample, isolated_settings)) == {}


def test_nor_in_english(main_window: MainWindow) -> None:
    assert clashes(main_window) == {}


def test_view_language_is_remembered_for_the_next_start(
        main_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)
    menu = next(m for m in _menus(main_window) if m.title() == "&Language")
    deutsch = next(a for a in menu.actions() if a.text() == "&Deutsch")
    deutsch.trigger()
    assert main_window.preferences.language() == "de"
    assert i18n.chosen_language(main_window.preferences) == "de"


def test_the_export_dialog_has_one_alt_key_per_field(german: None, qtbot: Any,
                                                      sample: SampleProject,
                                                      isolated_settings: QSettings,
                                                      tmp_path: Path) -> None:
    window = open_window(qtbot, sample, isolated_settings)
    assert window.project is not None
    dialog = window.exchange.ask_export(window.project, window.document_id, tmp_path)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
             if w.isVisibleTo(dialog) and "&" in w.text()]
    keys = [_mnemonic(t) for t in texts]
    assert "&Exportieren" in texts
    assert sorted(t for t in texts if keys.count(_mnemonic(t)) > 1) == []


def test_dates_and_numbers_follow_the_language(german: None) -> None:
    assert i18n.day("2021-09-22") == "22.09.2021"
    assert i18n.number(1204) == "1.204"
    assert i18n.counted(1, "{n} Dokument", "{n} Dokumente") == "1 Dokument"


def test_in_english_they_stay_as_they_were() -> None:
    assert i18n.day("2021-09-22") == "2021-09-22"
    assert i18n.number(1204) == "1,204"


def test_a_quote_reads_in_german_and_is_stored_in_keywords(
        german: None, qtbot: Any, sample: SampleProject, isolated_settings: QSettings) -> None:
    """The inspector and the list name the default attributes and choices in German; the
    project keeps the keywords other tools and exports read ("speaker", "reported")."""
    window = open_window(qtbot, sample, isolated_settings)
    select(window, "„Das ist falsch.“")
    press(qtbot, window, "1")
    inspector = window.inspector
    speaker, form = inspector.attribute_fields["speaker"], inspector.attribute_fields["form"]
    labels = [inspector.form.labelForField(w).text() for w in (speaker, form)]
    assert labels == ["Sprecher", "Form"]
    assert isinstance(form, QComboBox)
    assert [form.itemText(i) for i in range(form.count())] == ["", "direkt", "indirekt"]
    type_text(speaker, "Grünen-Sprecher Öz")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)  # (Tab is driven on Xvfb, scripted session)
    qtbot.keyClick(form, Qt.Key.Key_Down)  # a closed combo box steps to the next choice
    qtbot.keyClick(form, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: json.loads(sample.live_annotations()[0][4]).get("form") ==
                    "reported", timeout=2000)
    assert json.loads(sample.live_annotations()[0][4]) == {
        "speaker": "Grünen-Sprecher Öz", "form": "reported"}
    model = window.annotation_list.model
    qtbot.waitUntil(lambda: model.index(0, 2).data() ==
                    "Form: indirekt, Sprecher: Grünen-Sprecher Öz", timeout=2000)


def test_a_refused_import_is_explained_in_german(german: None, qtbot: Any,
                                                 sample: SampleProject,
                                                 isolated_settings: QSettings, tmp_path: Path,
                                                 dialog_spy: DialogSpy) -> None:
    """Core's reasons reach the German window in German (the worker thread included)."""
    window = open_window(qtbot, sample, isolated_settings)
    bad = tmp_path / "kaputt.pdf"
    bad.write_bytes(b"not a pdf at all")
    binary = tmp_path / "binär.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with qtbot.waitSignal(window.importFinished, timeout=20_000):
        window.exchange_actions.import_files([bad, binary])
    shown = "\n".join(dialog_spy.errors)
    assert "kaputt.pdf: ist kein lesbares PDF" in shown, shown
    assert "binär.txt: ist keine Textdatei (binärer Inhalt)" in shown, shown


@pytest.fixture
def german_sample(german: None, qtbot: Any, tmp_path: Path,
                  isolated_settings: QSettings) -> MainWindow:
    """The German window on the sample project (German codebook), at the ferry article."""
    window = MainWindow(Preferences(isolated_settings))
    qtbot.addWidget(window)
    assert window.open_project(build_sample_project(tmp_path / "beispiel.glossa"))
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_review_count_is_in_sight_and_the_status_bar_reads_german(
        german_sample: MainWindow, qtbot: Any) -> None:
    """The count of disagreements sat past the panel's right edge (an Ignored label after a
    stretch), in English too; the way out reads "Vergleich: A mit B"."""
    panel = german_sample.review_panel
    german_sample.bottom_tabs.setCurrentWidget(panel)
    panel.analyst_a.setCurrentText(ANNA)
    panel.analyst_b.setCurrentText(TOMAS)
    qtbot.mouseClick(panel.compare, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Abweichungen" in panel.summary.text(), timeout=5000)
    needed = panel.summary.fontMetrics().horizontalAdvance(panel.summary.text())
    assert panel.summary.visibleRegion().boundingRect().width() >= needed
    assert german_sample.status_comparing.text() == (
        f"Vergleich: {ANNA} mit {TOMAS} · Beenden ✕")
    qtbot.mouseClick(panel.leave, Qt.MouseButton.LeftButton)
    assert german_sample.project is not None
    german_sample.open_document(german_sample.project.documents()[1].id)
    assert panel.summary.text() == ""  # not "0 Abweichungen, 0 offen" with nothing compared


def test_the_inspector_deletes_undoes_and_lists_keys_in_german(
        german_sample: MainWindow, qtbot: Any) -> None:
    """The inspector's delete button was "Delete"; Edit › Undo read "Rückgängig Als Zitat
    taggen" and Help › Keyboard shortcuts listed the step it would undo."""
    window = german_sample
    window.view.setFocus()
    window.view.select_span(0, 6)  # "Streit", in the headline
    press(qtbot, window, "1")
    assert window.inspector.delete_button.text() == "Löschen"
    assert window.window_actions.undo.text() == "&Rückgängig: Als Zitat taggen"
    rows = {command for _menu, command, _keys in shortcut_rows(window)}
    assert "Rückgängig" in rows and "Wiederholen" in rows
    assert not any(command.startswith("Rückgängig:") for command in rows)
    qtbot.mouseClick(window.inspector.delete_button, Qt.MouseButton.LeftButton)
    assert window.window_actions.undo.text() == "&Rückgängig: Zitat löschen"
    window.window_actions.undo.trigger()
    assert window.window_actions.redo.text() == "Wieder&holen: Zitat löschen"


def test_a_source_s_date_field_asks_in_german(german_sample: MainWindow, qtbot: Any) -> None:
    window = german_sample
    window.view.setFocus()
    window.view.select_span(0, 6)
    press(qtbot, window, "2")
    date = window.inspector.attribute_fields["date"]
    assert isinstance(date, QLineEdit)
    assert date.placeholderText() == "TT.MM.JJJJ" and date.accessibleName() == "Datum"
    # Typed as a German writes it, stored as YYYY-MM-DD, shown as it was typed.
    type_text(date, "22. September 2021")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    current = window.current_annotation
    assert current is not None and window.project is not None
    stored = window.project.annotation(current.id).attributes
    assert stored == {"date": "2021-09-22"}
    assert date.text() == "22.09.2021"
    # Leaving the field unchanged changes nothing (no second step in Edit › Undo).
    steps = window.undo_stack.count()
    date.setFocus()
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert window.undo_stack.count() == steps
