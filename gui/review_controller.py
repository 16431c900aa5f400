"""Connects the review panel to the window and to core's review services.

Layers and colours go to the window (``MainWindow.set_layers``); disagreements come
from ``core.review.disagreements``; every decision is a core ``Decide`` run through
the window's undo stack, so Ctrl+Z takes it back like any edit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu

from core.commands import Change
from core.errors import GlossaError
from core.model import DecisionAction
from core.review.adjudication import Decide, EditedAnnotation
from core.review.disagreements import Disagreement, find_disagreements
from gui import dialogs
from gui.export_dialog import AgreementReportRequest
from gui.i18n import translate
from gui.layers import LayerState, analyst_colours
from gui.panels.review import ReviewPanel
from gui.window_api import WindowApi

#: Above this many changed annotations, the analysts' list is read again (a merge).
_MANY = 50


class ReviewController:
    """Keeps the review panel in step with the project and runs the decisions."""

    def __init__(self, window: WindowApi, panel: ReviewPanel) -> None:
        self.window = window
        self.panel = panel
        self.pair: tuple[str, str] | None = None
        self.analyst_colours: dict[str, str] = {}
        self.disagreements: list[Disagreement] = []
        panel.layersChanged.connect(self.on_layers_changed)
        panel.compareRequested.connect(self.on_compare)
        panel.disagreementChosen.connect(self.on_disagreement_chosen)
        panel.decisionRequested.connect(self.on_decision_requested)
        panel.reportRequested.connect(self.on_report_requested)
        panel.sideBySideChanged.connect(self.on_side_by_side_changed)
        panel.leaveRequested.connect(self.leave_comparison)

    def fill_menu(self, menu: QMenu) -> None:
        """The Review menu: every decision and step with its keys, and the way out."""
        menu.addActions(list(self.panel.decision_actions.values()))
        menu.addSeparator()
        menu.addActions(self.panel.step_actions)
        menu.addSeparator()
        menu.addAction(self.panel.leave_action)

    # --- keeping up ---------------------------------------------------------------------

    def project_opened(self) -> None:
        self._set_pair(None)
        self.analyst_colours = {}
        self.window.layer_state = LayerState()
        self.panel.set_side_by_side_mode(False)
        self.refresh_analysts()
        self.panel.show_disagreements([], "")

    def refresh_analysts(self) -> None:
        """Read the analysts again; each keeps the colour it had, newcomers get a free one."""
        project = self.window.project
        names = project.authors() if project is not None else []
        before = dict(self.analyst_colours)
        self.analyst_colours = analyst_colours(names, keep=before)
        self.panel.set_analysts(names, self.analyst_colours, self.window.layer_state)
        if project is not None:
            self.window.annotation_list.set_choices(self.window.codebook, names)
        if self.analyst_colours != before and self.window.layer_state.by_analyst:
            self.window.set_layers(self.window.layer_state)  # colour the newcomers' spans

    def document_opened(self) -> None:
        self.refresh_disagreements()

    def on_project_changed(self, change: Change, authors_seen: set[str] | None = None) -> None:
        """``authors_seen``: who made the changed annotations (when the window fetched them)."""
        newcomers = bool(authors_seen and authors_seen - set(self.analyst_colours))
        if (change.document_list or change.decisions or len(change.annotations) > _MANY
                or newcomers):
            self.refresh_analysts()
        if self.pair is not None and (change.annotations or change.decisions
                                      or change.document_list):
            self.refresh_disagreements()

    def refresh_disagreements(self) -> None:
        """List the open document's disagreements; the outline follows the chosen one."""
        project, document_id = self.window.project, self.window.document_id
        self.disagreements = []
        failed = ""
        if project is not None and document_id and self.pair is not None:
            try:
                self.disagreements = find_disagreements(project, document_id, *self.pair)
            except GlossaError as err:  # an analyst left the project (undo of a merge)
                self._set_pair(None)
                self._show_side_by_side(None)
                failed = str(err)
        self.panel.show_disagreements(self.disagreements, self.window.view.text)
        if failed:
            self.panel.summary.setText(failed)
        chosen = self.panel.current()
        self._mark((chosen.start, chosen.end) if chosen is not None else None)

    # --- the user's choices ----------------------------------------------------------------

    def on_layers_changed(self, state: LayerState) -> None:
        self.window.set_layers(state)

    def _set_pair(self, pair: tuple[str, str] | None) -> None:
        self.pair = pair
        self.panel.set_comparing(pair)
        self.window.show_comparing(pair)

    def leave_comparison(self) -> None:
        """Every analyst's layer again, coloured by tag, one article; nothing to decide."""
        if self.pair is None:
            return
        self._set_pair(None)
        self._show_side_by_side(None)
        state = LayerState()
        self.panel.set_analysts(list(self.analyst_colours), self.analyst_colours, state)
        self.window.set_layers(state)
        self.disagreements = []
        self.panel.show_disagreements([], "")
        self._mark(None)

    def on_compare(self, analyst_a: str, analyst_b: str) -> None:
        self._set_pair((analyst_a, analyst_b))
        side_by_side = self.panel.side_by_side.isChecked()
        self._show_side_by_side(self.pair if side_by_side else None)
        self.refresh_disagreements()
        if self.disagreements:
            self.panel.step(1)

    def on_side_by_side_changed(self, on: bool) -> None:
        """Switch the running comparison between one text and two side by side."""
        if not on:  # whatever the analyst boxes say now
            self._show_side_by_side(None)
        if self.pair is not None:
            self.panel.compare.click()

    def _show_side_by_side(self, pair: tuple[str, str] | None) -> None:
        """The window's two articles (or one) and the panel's colour choice, together."""
        self.panel.set_side_by_side_mode(pair is not None)
        self.window.show_side_by_side(pair)

    def on_report_requested(self, analyst_a: str, analyst_b: str) -> None:
        project = self.window.project
        if project is None:
            return
        name, chosen = QFileDialog.getSaveFileName(
            self.window.as_widget(), translate("ReviewController", "Agreement report"),
            str(project.path.parent / "agreement.html"), translate(
                "ReviewController", "HTML report (*.html);;PDF report (*.pdf);;CSV table (*.csv)"))
        if name:
            self.export_report(Path(name), analyst_a, analyst_b, chosen)

    def export_report(self, path: Path, analyst_a: str, analyst_b: str,
                      chosen_filter: str = "") -> None:
        """Write the agreement report in the background (format by suffix or filter)."""
        project = self.window.project
        if project is None:
            return
        if path.suffix.lower() not in (".html", ".pdf", ".csv"):
            suffix = next((s for s in (".pdf", ".csv") if s in chosen_filter), ".html")
            path = path.with_name(path.name + suffix)
        self.window.exchange.start_export(
            project, AgreementReportRequest(path, analyst_a, analyst_b))

    def on_disagreement_chosen(self, item: Disagreement) -> None:
        """Scroll to the disagreement and keep it outlined (in both articles side by side)."""
        view = self.window.view
        if item.document_id == self.window.document_id:
            view.scroll_to(item.start, item.end)
            self._mark((item.start, item.end))

    def _mark(self, span: tuple[int, int] | None) -> None:
        self.window.view.set_review_mark(span)
        self.window.side_view.set_review_mark(span)

    def on_decision_requested(self, item: Disagreement, action_value: str) -> None:
        project = self.window.project
        if project is None:
            return
        action = DecisionAction(action_value)
        comment = ""
        edit: EditedAnnotation | None = None
        if action is DecisionAction.COMMENT:
            answer = dialogs.ask_text(self.window.as_widget(), translate(
                "ReviewController", "Comment"),
                                      translate("ReviewController", "Your comment on this "
                                              "passage:"))
            if not answer or not answer.strip():
                return
            comment = answer.strip()
        elif action is DecisionAction.EDIT:
            edit = self._edited(item)
            if edit is None:
                return
        command = Decide(item, action, decided_by=project.author, comment=comment, edit=edit)
        if self.window.run_command(command):
            self.panel.step(1)

    def _edited(self, item: Disagreement) -> EditedAnnotation | None:
        """The article's selection as the adjudicated span, with side A's tag (else B's)."""
        project = self.window.project
        selected = self.window.view.passage_span()
        if project is None or selected is None:
            dialogs.show_error(self.window.as_widget(), translate("ReviewController", "Edit"),
                               translate("ReviewController", "Select the passage as it should "
                                       "stand, then choose Edit."))
            return None
        source_id = (item.annotations_a or item.annotations_b)[0]
        source = project.annotation(source_id)
        return EditedAnnotation(start=selected[0], end=selected[1],
                                tag=project.tag_path(source.tag_id),
                                attributes=dict(source.attributes), note=source.note)
