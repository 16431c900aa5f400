"""A project notices commits by other programs (the CLI, a second window), not its own."""

from __future__ import annotations

from pathlib import Path

from core.commands import Change
from core.project import Project
from tests.core.helpers import add_document, new_project


def test_commits_elsewhere_are_noticed_once_and_our_own_never(tmp_path: Path) -> None:
    with new_project(tmp_path) as ours:
        doc = add_document(ours)
        assert not ours.changed_elsewhere()
        ours.annotate(doc, 0, 5, "Quote")
        assert not ours.changed_elsewhere()  # our own commit
        with Project.open(ours.path, author="Tomás") as theirs:
            theirs.annotate(doc, 6, 12, "Source")
        assert ours.changed_elsewhere()
        assert not ours.changed_elsewhere()  # told once
        heard: list[Change] = []
        ours.subscribe(heard.append)
        change = ours.refresh_after_outside_change()
        assert heard == [change] and change.codebook and doc in change.documents
        assert {a.author for a in ours.annotations(doc)} == {"Anna", "Tomás"}


def test_a_workers_commits_announced_are_not_news(tmp_path: Path) -> None:
    with new_project(tmp_path) as ours:
        doc = add_document(ours)
        with Project.open(ours.path, author="worker") as worker:  # what a worker thread does
            worker.annotate(doc, 0, 5, "Quote")
        ours.announce(Change(documents={doc}))
        assert not ours.changed_elsewhere()
