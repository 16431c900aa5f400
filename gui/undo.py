"""Thin ``QUndoCommand`` adapters over core's command objects.

Core commands apply and revert themselves in one transaction; this module only
lets ``QUndoStack`` drive them. A command is executed *before* it is pushed, so a
command that core refuses (bad span, duplicate tag name...) raises and never
reaches the stack; the adapter then skips the redo that ``push`` performs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from core.commands import Change, Command
from core.i18n import _ as core_text
from core.project import Project

#: Told what an undo or redo changed, after the views have caught up with it.
Replayed = Callable[[Change], None]


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
