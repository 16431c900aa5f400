"""Turns ``Project.subscribe`` callbacks into a Qt signal, so views connect as usual."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from core.project import Project


class ProjectEvents(QObject):
    """Re-emits every committed ``Change`` of one project.

    Signals:
        changed(Change): after each commit (execute, undo, bulk add), on the GUI thread.
    """

    changed = Signal(object)

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe: Callable[[], None] | None = project.subscribe(self.changed.emit)

    def detach(self) -> None:
        """Stop listening (before the project closes)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
