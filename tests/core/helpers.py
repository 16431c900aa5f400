"""Builders shared by core tests: real project files with real documents."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.commands import AddDocument
from core.model import Document, new_document_id, utc_now
from core.project import Project
from core.text import content_hash, normalize_text

GERMAN = (
    "📰 Kyjiw/Berlin. „Wir müssen reden“, sagte die Ministerin Grüße an alle.\n"
    "Der Botschafter erklärte, man sei zu Gesprächen bereit.\n"
    "Quellen:\n2025-03-14 – (Kommersant) – «Удар из-за горизонта»\n"
)


def add_document(project: Project, text: str = GERMAN, title: str = "Artikel") -> str:
    """Add ``text`` as a document through the command path; return its id."""
    text = normalize_text(text)
    doc = Document(id=new_document_id(), title=title, format="txt", language="de", text=text,
                   content_hash=content_hash(text), chars=len(text), imported=utc_now(),
                   source_name=f"{title}.txt")
    project.execute(AddDocument(doc, text.encode("utf-8")))
    return doc.id


def new_project(tmp_path: Path, name: str = "p.glossa", author: str = "Anna") -> Project:
    return Project.create(tmp_path / name, author=author)


def span_of(text: str, passage: str, occurrence: int = 1) -> tuple[int, int]:
    """Code point span of the ``occurrence``-th ``passage`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(passage, start + 1)
    return start, start + len(passage)


def run_cli(*args: str) -> str:
    """Run the real command-line program, another process on the file; its output."""
    done = subprocess.run([sys.executable, "-m", "core.cli", *args], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
