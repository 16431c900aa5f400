"""Find in the document and search the project: the find bar, "Tag all matches", hits."""

from __future__ import annotations

from core.commands import AddAnnotations
from core.model import SearchHit
from core.project import new_annotation
from gui import dialogs
from gui.i18n import counted, number, translate
from gui.text_matches import BadPattern, find_matches
from gui.window_api import WindowApi


class FindController:
    """Owns the find bar's matches and the project search's hits for one window."""

    def __init__(self, window: WindowApi) -> None:
        self.window = window
        self.hits: list[tuple[int, int]] = []
        bar = window.find_bar
        bar.searchChanged.connect(self.update_find)
        bar.stepRequested.connect(self.step_find)
        bar.tagAllRequested.connect(self.tag_all_matches)
        bar.closed.connect(self.on_find_closed)
        window.project_search.searchRequested.connect(self.search_project)
        window.project_search.hitChosen.connect(self.open_search_hit)
        window.codebook_panel.tree.currentItemChanged.connect(
            lambda _now, _before: self.name_tag_all())

    def open_find(self) -> None:
        selected = self.window.view.selection_span()
        if selected is not None and selected[1] - selected[0] < 200:
            self.window.find_bar.pattern.setText(self.window.view.text[selected[0]:selected[1]])
        self.window.find_bar.open()
        self.name_tag_all()
        self.update_find()

    def update_find(self) -> None:
        bar = self.window.find_bar
        try:
            self.hits = find_matches(self.window.view.text, bar.pattern.text(), bar.find_mode(),
                                          bar.case.isChecked())
        except BadPattern as err:
            self.hits = []
            bar.count.setText(str(err).split(":")[0])
            bar.count.setToolTip(str(err))
        else:
            bar.count.setText(counted(len(self.hits), translate("Finding", "{n} match"), translate(
                "Finding", "{n} matches")) if bar.pattern.text() else "")
            bar.count.setToolTip("")
        self.window.view.set_find_marks(self.hits)

    def step_find(self, direction: int) -> None:
        if not self.hits:
            return
        cursor = self.window.view.textCursor()
        here = self.window.view.offsets.to_code_point(
            cursor.selectionEnd() if direction > 0 else cursor.selectionStart())
        if direction > 0:
            hit = next((h for h in self.hits if h[0] >= here), self.hits[0])
        else:
            hit = next((h for h in reversed(self.hits) if h[1] <= here), self.hits[-1])
        self.window.view.select_span(*hit)
        index = self.hits.index(hit) + 1
        self.window.find_bar.count.setText(translate("Finding", "{index} of {total}").format(
            index=number(index), total=number(len(self.hits))))

    def name_tag_all(self) -> None:
        tag_id = self.current_tag_id()
        path = self.window.codebook.path(tag_id) if tag_id is not None else None
        self.window.find_bar.set_tag(path)

    def on_find_closed(self) -> None:
        self.hits = []
        self.window.view.set_find_marks([])
        self.window.view.setFocus()

    def current_tag_id(self) -> str | None:
        """The tag "Tag all matches" uses: the codebook's selection, else the last one used."""
        selected = self.window.codebook_panel.selected_tag_id()
        if selected and selected in self.window.codebook:
            return selected
        if self.window.last_tag_id and self.window.last_tag_id in self.window.codebook:
            return self.window.last_tag_id
        return None

    def tag_all_matches(self) -> None:
        if self.window.project is None or not self.window.document_id or not self.hits:
            self.window.statusBar().showMessage(translate(
                "Finding", "Find something first (Ctrl+F)."), 4000)
            return
        tag_id = self.current_tag_id()
        if tag_id is None:
            dialogs.show_info(self.window.as_widget(), translate("Finding", "Tag all matches"),
                              translate("Finding", "Choose a tag in the codebook first."))
            return
        author = self.window.project.author
        document_id = self.window.document_id
        batch = [new_annotation(document_id, s, e, tag_id, author) for s, e in self.hits]
        path = self.window.codebook.path(tag_id)
        command = AddAnnotations(batch, text=counted(len(batch), translate(
            "Undo", "Tag {n} match as {path}"), translate("Undo", "Tag {n} matches as {path}"),
            path=path))
        if self.window.run_command(command):
            self.window.statusBar().showMessage(counted(len(batch), translate(
                "Finding", "Tagged {n} match as {path}."), translate(
                "Finding", "Tagged {n} matches as {path}."), path=path), 4000)

    def open_project_search(self) -> None:
        self.window.bottom_tabs.setCurrentWidget(self.window.project_search)
        self.window.project_search.open()

    def search_project(self, text: str) -> None:
        if self.window.project is None:
            return
        project = self.window.project
        hits = self.window.attempt(translate("Finding", "Search"), lambda: project.search(text))
        self.window.project_search.show_hits(hits or [])

    def open_search_hit(self, hit: SearchHit) -> None:
        """Open the hit's document at the very occurrence its snippet shows."""
        if hit.annotation_id:
            self.window.select_annotation(hit.annotation_id, flash=True)
            return
        if hit.document_id != self.window.document_id:
            self.window.open_document(hit.document_id)
        if hit.start >= 0 and hit.document_id == self.window.document_id:
            self.window.view.select_span(hit.start, hit.end)
            self.window.view.centerCursor()
            self.window.view.flash(hit.start, hit.end)
