"""Suggestions in the window: propose quotes, speakers and sources, then decide each.

Core detects (``core.suggest``; Tone levels from cue words too when Review › Include tone
cues is ticked); the window adds them as one undo step, draws them
faint with a dashed underline until decided, and steps through them: Alt+Y accepts the
selected suggestion, Alt+N rejects it (a rejection is remembered, so running again does
not bring it back), and either moves on to the next open one.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from core.commands import AddAnnotations, Batch, UpdateAnnotation
from core.model import Annotation, Status
from gui.i18n import counted, translate
from gui.window_api import WindowApi


class SuggestionController:
    """The Review menu's suggestion commands for one window."""

    def __init__(self, window: WindowApi) -> None:
        self.window = window
        parent = window.as_widget()
        self.run_action = QAction(translate("Suggesting", "Suggest quotes and sources"), parent)
        self.run_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.run_action.triggered.connect(lambda _c=False: self.suggest())
        self.accept_action = QAction(translate("Suggesting", "Accept suggestion"), parent)
        self.accept_action.setShortcut(QKeySequence("Alt+Y"))
        self.accept_action.triggered.connect(lambda _c=False: self.decide(Status.ACCEPTED))
        self.reject_action = QAction(translate("Suggesting", "Reject suggestion"), parent)
        self.reject_action.setShortcut(QKeySequence("Alt+N"))
        self.reject_action.triggered.connect(lambda _c=False: self.decide(Status.REJECTED))
        self.accept_all_action = QAction(
            translate("Suggesting", "Accept all suggestions here"), parent)
        self.accept_all_action.triggered.connect(lambda _c=False: self.accept_all())
        self.tone_action = QAction(
            translate("Suggesting", "Include tone cues (low confidence)"), parent)
        self.tone_action.setCheckable(True)
        self.tone_action.setChecked(window.preferences.suggest_tone())
        self.tone_action.setStatusTip(translate(
            "Suggesting", "Also propose a Tone level for sentences with words such as "
                          "'kritisierte' or 'begrüßte'; each says which words made it"))
        self.tone_action.toggled.connect(window.preferences.set_suggest_tone)
        self.on_import_action = QAction(translate("Suggesting", "Suggest on import"), parent)
        self.on_import_action.setCheckable(True)
        self.on_import_action.setChecked(window.preferences.suggest_on_import())
        self.on_import_action.toggled.connect(window.preferences.set_suggest_on_import)

    def fill_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addActions([self.run_action, self.accept_action, self.reject_action,
                         self.accept_all_action, self.tone_action, self.on_import_action])

    def _open_here(self) -> list[Annotation]:
        window = self.window
        if window.project is None or not window.document_id:
            return []
        return [a for a in window.project.annotations(window.document_id)
                if a.status is Status.PROPOSED]

    def suggest(self) -> None:
        """Propose what the open article's text suggests, as one undo step."""
        from core.suggest.apply import plan_suggestions  # loads simplemma: only when asked

        window = self.window
        if window.project is None or not window.document_id:
            window.statusBar().showMessage(translate("Suggesting", "Open a document first."), 4000)
            return
        project = window.project
        planned = window.attempt(translate("Suggesting", "Suggest"),
                                 lambda: plan_suggestions(project, window.document_id,
                                                          tone=self.tone_action.isChecked()))
        if planned is None:
            return
        left_out = counted(planned.blocked, translate(
            "Suggesting", "; {n} suggestion left out (tagged or rejected already)"), translate(
            "Suggesting", "; {n} suggestions left out (tagged or rejected already)")) if (
            planned.blocked) else ""
        if not planned.added:
            window.statusBar().showMessage(
                translate("Suggesting", "Nothing new to suggest{left_out}.").format(
                    left_out=left_out), 6000)
            return
        command = AddAnnotations(planned.added,
                                 text=counted(len(planned.added),
                                              translate("Undo", "Suggest {n} passage"),
                                              translate("Undo", "Suggest {n} passages")))
        if window.run_command(command):
            window.statusBar().showMessage(
                counted(len(planned.added), translate(
                    "Suggesting", "{n} suggestion to decide: Alt+Y accepts, Alt+N rejects"),
                    translate("Suggesting",
                              "{n} suggestions to decide: Alt+Y accepts, Alt+N rejects"))
                + left_out + ".", 10000)
            self._select_next(-1)

    def decide(self, status: Status) -> None:
        """Accept or reject the selected suggestion, then select the next open one."""
        window = self.window
        current = window.current_annotation
        if current is None or current.status is not Status.PROPOSED:
            window.statusBar().showMessage(translate(
                "Suggesting", "Select a suggestion first (they are drawn faint with a dashed "
                              "underline)."), 4000)
            return
        text = translate("Undo", "Accept suggestion") if status is Status.ACCEPTED else (
            translate("Undo", "Reject suggestion"))
        if window.run_command(UpdateAnnotation(current.id, {"status": str(status)}, text=text)):
            self._select_next(current.start)

    def accept_all(self) -> None:
        waiting = self._open_here()
        if not waiting:
            self.window.statusBar().showMessage(
                translate("Suggesting", "No suggestion waits here."), 4000)
            return
        self.window.run_command(Batch(
            [UpdateAnnotation(a.id, {"status": str(Status.ACCEPTED)}) for a in waiting],
            text=counted(len(waiting), translate("Undo", "Accept {n} suggestion"),
                         translate("Undo", "Accept {n} suggestions"))))

    def _select_next(self, after: int) -> None:
        waiting = sorted(self._open_here(), key=lambda a: (a.start, a.end))
        following = [a for a in waiting if a.start > after] or waiting
        self.window.select_annotation(following[0].id if following else None)
