"""Annotating: tag the selection, edit and delete annotations, guard colleagues' work.

Every change is a core command run through the window's undo stack; the rule that an
annotation belongs to someone else is core's (``Project.is_colleagues``), asking is ours.
"""

from __future__ import annotations

from core.commands import AddAnnotations, Change, DeleteAnnotations, UpdateAnnotation
from core.errors import NotFound
from core.model import Annotation, TagKind
from core.project import new_annotation
from core.source_line import prefilled_attributes
from gui import dialogs
from gui.change_follower import BULK_CHANGE
from gui.i18n import translate
from gui.window_api import WindowApi


class AnnotatingController:
    """Tagging and editing for one window; asks once per project before changing a
    colleague's annotation."""

    def __init__(self, window: WindowApi) -> None:
        self.window = window
        #: The analyst agreed, once for this project, to change colleagues' annotations.
        self._colleagues_work_allowed = False

    def project_opened(self) -> None:
        self._colleagues_work_allowed = False  # asked again for each project

    def on_tag_key(self, key: str) -> None:
        tag = self.window.codebook.by_key(key)
        if tag is not None:
            self.annotate_selection(tag.id)

    def on_tag_clicked(self, tag_id: str) -> None:
        self.window.note_tag_used(tag_id)
        if self.window.view.passage_span() is not None:
            self.annotate_selection(tag_id)

    def annotate_selection(self, tag_id: str) -> Annotation | None:
        """Tag the selected text; the new annotation becomes the selected one."""
        if self.window.project is None or not self.window.document_id:
            return None
        span = self.window.view.passage_span()
        if span is None:
            self.window.statusBar().showMessage(
                translate("Annotating", "Select a passage first, then press a tag's key."), 4000)
            return None
        self.window.note_tag_used(tag_id)
        tag = self.window.codebook.get(tag_id) if tag_id in self.window.codebook else None
        prefilled = (prefilled_attributes(tag.kind, self.window.view.text[span[0]:span[1]])
                     if tag is not None else {})
        annotation = new_annotation(self.window.document_id, span[0], span[1], tag_id,
                                    self.window.project.author, attributes=prefilled)
        command = AddAnnotations([annotation], text=translate("Undo", "Tag as {path}").format(
            path=self.window.codebook.path(tag_id)))
        if not self.window.run_command(command):
            return None
        created = command.annotations[0]
        self.window.view.select_span(created.end, created.end)
        self.window.select_annotation(created.id, scroll=False)
        if tag is not None and tag.kind in (TagKind.QUOTE, TagKind.SOURCE):
            self.window.inspector.focus_first_attribute()  # speaker, outlet: typed next
        return created

    def edit_annotation(self, annotation_id: str, changes: dict[str, object]) -> None:
        """An inspector edit: always of the annotation the inspector shows."""
        if self.window.project is None:
            return
        try:
            a = self.window.project.annotation(annotation_id)
        except NotFound:
            return
        if not self.may_change(a, translate("Annotating", "Editing")):
            self.window.show_in_inspector(a)  # declined: the fields show what is stored again
            return
        done = self.window.run_command(UpdateAnnotation(annotation_id, dict(changes),
                                                        text=_edit_text(changes)))
        if done and "attributes" in changes:
            self.window.inspector.forget_completions()  # a new speaker to offer

    def delete_annotation(self) -> None:
        if self.window.current_annotation is None:
            self.window.statusBar().showMessage(translate(
                "Annotating", "No annotation is selected."), 3000)
            return
        a = self.window.current_annotation
        if not self.may_change(a, translate("Annotating", "Deleting")):
            return
        path = self.window.codebook.path(a.tag_id)
        if self.window.run_command(DeleteAnnotations([a.id], text=translate(
                "Undo", "Delete {path}").format(path=path))):
            self.window.statusBar().showMessage(translate(
                "Annotating", "Deleted {path} (Ctrl+Z brings it back).").format(path=path), 4000)

    def set_span_to_selection(self) -> None:
        a = self.window.current_annotation
        span = self.window.view.passage_span()
        if a is None or span is None:
            self.window.statusBar().showMessage(
                translate("Annotating", "Select an annotation, then the new text for it."), 4000)
            return
        if a.document_id != self.window.document_id or not self.may_change(
                a, translate("Annotating", "Moving")):
            return
        if self.window.run_command(UpdateAnnotation(a.id, {"start": span[0], "end": span[1]},
                                             text=translate("Undo", "Set span to selection"))):
            self.window.view.select_span(span[1], span[1])

    def count_tag_in_project(self, tag_id: str) -> int:
        if self.window.project is None:
            return 0
        counts = self.window.project.tag_counts()
        nested = [t.id for t in self.window.project.codebook().descendants(tag_id)]
        return sum(counts.get(t, 0) for t in [tag_id, *nested])

    def select_touched(self, change: Change) -> None:
        """After an undo or redo: select what the command touched and is there now (the
        first by position, preferring the open document); nothing if it all went away."""
        if self.window.project is None or not change.annotations:
            return
        if len(change.annotations) > BULK_CHANGE:
            return  # a merge or a bulk tagging: no single passage to show, and reading
            # every annotation back would make undo as slow as the merge
        live = [a for a in self.window.project.live_annotations(change.annotations).values()
                if a is not None]
        if not live:
            if self.window.current_annotation is not None and (
                    self.window.current_annotation.id in change.annotations):
                self.window.select_annotation(None)
            return
        here = [a for a in live if a.document_id == self.window.document_id]
        chosen = min(here or live, key=lambda a: (a.document_id, a.start, a.end))
        self.window.select_annotation(chosen.id)

    def may_change(self, annotation: Annotation, action: str) -> bool:
        """Own work changes freely; a colleague's only after the analyst agreed (asked once
        per project). Review decisions are the other way to settle their annotations."""
        if (self.window.project is None or self._colleagues_work_allowed
                or not self.window.project.is_colleagues(annotation)):
            return True
        owner = annotation.author or translate("Annotating", "an unknown analyst")
        question = translate(
            "Annotating", "This {tag} is {owner}'s annotation. {action} it changes {owner}'s "
                          "layer, not yours.\n\nChange colleagues' annotations from now on "
                          "(until Glossa closes)? To settle them as a reviewer, use Review "
                          "instead.").format(tag=self.window.codebook.path(annotation.tag_id),
                                             owner=owner, action=action)
        if dialogs.confirm(self.window.as_widget(), translate(
            "Annotating", "A colleague's annotation"), question):
            self._colleagues_work_allowed = True
        return self._colleagues_work_allowed


def _edit_text(changes: dict[str, object]) -> str:
    """The Edit menu's name for an inspector edit."""
    if "tag_id" in changes:
        return translate("Undo", "Change tag")
    if "attributes" in changes:
        return translate("Undo", "Edit attributes")
    if "note" in changes:
        return translate("Undo", "Edit note")
    if "status" in changes:
        return translate("Undo", "Change status")
    return translate("Undo", "Edit annotation")
