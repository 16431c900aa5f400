"""Thin ``QUndoCommand`` adapters over core's command objects.

Core commands apply and revert themselves in one transaction; this module only
lets ``QUndoStack`` drive them. A command is executed *before* it is pushed, so a
command that core refuses (bad span, duplicate tag name...) raises and never
reaches the stack; the adapter then skips the redo that ``push`` performs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from core.commands import Change, Command
from core.i18n import _ as core_text
from core.project import Project
from gui.i18n import translate

#: Told what an undo or redo changed, after the views have caught up with it.
Replayed = Callable[[Change], None]
#: The property holding a menu action's name without the step it would take back
#: ("&Undo"), for lists of commands such as Help › Keyboard shortcuts.
IDLE_TEXT = "idleText"


class CoreCommand(QUndoCommand):
    """Runs ``project.execute`` on redo and ``project.undo`` on undo, then tells
    ``replayed`` (so the window can select what came back, not whatever was near)."""

    def __init__(self, project: Project, command: Command,
                 replayed: Replayed | None = None) -> None:
        super().__init__(core_text(command.text))  # a core default is marked, not translated
        self.project = project
        self.command = command
        self.replayed = replayed
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self._tell(self.project.execute(self.command))

    def undo(self) -> None:
        self._tell(self.project.undo(self.command))

    def _tell(self, change: Change) -> None:
        if self.replayed is not None:
            self.replayed(change)


def run(stack: QUndoStack, project: Project, command: Command,
        replayed: Replayed | None = None) -> Change:
    """Execute ``command`` now and make it undoable; raises (and pushes nothing) on error."""
    change = project.execute(command)
    stack.push(CoreCommand(project, command, replayed))
    return change


def push_applied(stack: QUndoStack, project: Project, command: Command) -> None:
    """Make undoable a ``command`` already applied to ``project``'s file elsewhere (on a
    worker's connection): the stack's first redo is skipped, undo reverts it here."""
    stack.push(CoreCommand(project, command))


def stack_actions(stack: QUndoStack, parent: QObject) -> tuple[QAction, QAction]:
    """Edit › Undo and Redo, naming the step: "&Undo Tag as Quote", in German
    "&Rückgängig: Als Zitat taggen" (QUndoStack's own actions glue their prefix to the step
    with a space, which German word order does not take)."""
    made = []
    for idle, named, enabled, able, changed, trigger in (
            (translate("Menu", "&Undo"), translate("Menu", "&Undo {step}"), stack.canUndo(),
             stack.canUndoChanged, stack.undoTextChanged, stack.undo),
            (translate("Menu", "&Redo"), translate("Menu", "&Redo {step}"), stack.canRedo(),
             stack.canRedoChanged, stack.redoTextChanged, stack.redo)):
        action = QAction(idle, parent)
        action.setProperty(IDLE_TEXT, idle)
        action.setEnabled(enabled)
        able.connect(action.setEnabled)
        changed.connect(lambda text, a=action, i=idle, n=named: a.setText(
            n.format(step=text) if text else i))
        action.triggered.connect(lambda _checked=False, t=trigger: t())
        made.append(action)
    return made[0], made[1]
