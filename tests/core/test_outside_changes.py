"""A project notices commits by other programs (the CLI, a second window), not its own."""

from __future__ import annotations

from pathlib import Path

from core.commands import AddAnnotations, Change
from core.model import Annotation, new_id
from core.project import Project
from tests.core.helpers import add_document, new_project, run_cli


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
        ours.announce(Change(documents={doc}), commits=worker.commits_made())
        assert not ours.changed_elsewhere()


def test_a_commit_elsewhere_right_after_a_workers_is_still_news(tmp_path: Path) -> None:
    """The race: the CLI commits between a worker's commit and its announcement. Taking
    everything up to the announcement as the worker's would swallow the CLI's change."""
    with new_project(tmp_path) as ours:
        doc = add_document(ours)
        assert not ours.changed_elsewhere()
        with Project.open(ours.path, author="worker", rolling_backup=False) as worker:
            change = worker.execute(_tag(worker, doc, 0, 5))
            run_cli("tag", str(ours.path), doc[:8], "Source", "--span", "6", "12",
                 "--author", "Tomás")  # another program, before the window hears the worker
        ours.announce(change, commits=worker.commits_made())
        assert ours.changed_elsewhere()
        assert not ours.changed_elsewhere()  # told once


def test_a_worker_and_another_connection_interleaved_are_told_apart(tmp_path: Path) -> None:
    with new_project(tmp_path) as ours:
        doc = add_document(ours)
        with Project.open(ours.path, author="worker", rolling_backup=False) as worker, \
                Project.open(ours.path, author="Tomás", rolling_backup=False) as theirs:
            first = worker.execute(_tag(worker, doc, 0, 5))
            theirs.annotate(doc, 6, 12, "Source")  # between the worker's two commits
            ours.annotate(doc, 13, 20, "Quote")  # and one of our own
            second = worker.execute(_tag(worker, doc, 21, 30))
        ours.announce(first | second, commits=worker.commits_made())
        assert ours.changed_elsewhere()
        with Project.open(ours.path, author="worker", rolling_backup=False) as worker:
            change = worker.execute(_tag(worker, doc, 31, 40))
        ours.annotate(doc, 41, 45, "Quote")
        ours.announce(change, commits=worker.commits_made())
        assert not ours.changed_elsewhere()  # the worker's and ours only


def test_another_program_only_reading_is_no_news(tmp_path: Path) -> None:
    """A CLI listing folds our commits into the file as it closes (a checkpoint): the
    file changed on disk, its content did not, and the undo history stays valid."""
    with new_project(tmp_path) as ours:
        doc = add_document(ours)
        ours.annotate(doc, 0, 5, "Quote")
        assert not ours.changed_elsewhere()
        assert doc[:8] in run_cli("docs", str(ours.path))
        assert not ours.changed_elsewhere()


def _tag(project: Project, doc: str, start: int, end: int) -> AddAnnotations:
    return AddAnnotations([Annotation(id=new_id(), document_id=doc, start=start, end=end,
                                      tag_id=project.codebook().find("Quote").id,
                                      author=project.author)])
