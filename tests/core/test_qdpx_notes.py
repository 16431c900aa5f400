"""Notes in REFI-QDA files (QualCoder and NVivo text annotations, memos, journals).

QualCoder writes a text annotation as a ``Note`` in the project's ``<Notes>`` holding its
text (``PlainTextContent``) and the annotated passage (a ``PlainTextSelection`` without a
name), linked by a ``NoteRef`` on the ``TextSource``; a source memo as the source's
``Description``; journals as ``Note``s with a ``plainTextPath`` nobody refers to. NVivo
puts a ``NoteRef`` inside a selection. The files are made by hand, as those tools write
them.
"""

from __future__ import annotations

from pathlib import Path

from core.importers.qdpx import import_qdpx
from tests.core.helpers import new_project
from tests.core.test_qdpx import selection, write_qdpx
from tests.core.test_qdpx_positions import BOM, guid, named, utf16

EWA = "11111111-1111-1111-1111-111111111111"
TEXT = "Titel 😀\nDie Regierung 𝔘 verhandelt weiter. Ein Ende ist nicht in Sicht.\n"


def note(number: int, content: str, inner: str = "", extra: str = "") -> str:
    return (f'<Note guid="{guid(number)}" creatingUser="{EWA}" '
            f'creationDateTime="2024-05-02T09:30:00Z"{extra}>'
            f"<PlainTextContent>{content}</PlainTextContent>{inner}</Note>")


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return utf16(TEXT, start), utf16(TEXT, start + len(word))


def test_qualcoder_annotations_memos_and_journals_are_kept_or_listed(tmp_path: Path) -> None:
    start, end = span("verhandelt")
    with_note = named(2, *span("Ein Ende"), "Ein Ende").replace(
        "</PlainTextSelection>", f'<NoteRef targetGUID="{guid(21)}"/></PlainTextSelection>')
    bare = selection(guid(3), *span("Sicht")).replace(  # NVivo: a note, no code
        "</PlainTextSelection>", f'<NoteRef targetGUID="{guid(22)}"/></PlainTextSelection>')
    bare = bare[:bare.index("<Coding")] + bare[bare.index("</Coding>") + 9:]
    sources = (
        f'<TextSource guid="{guid(1)}" name="Meldung" plainTextPath="internal://m.txt">'
        "<Description>Quelle: Agentur, gekürzt</Description>"
        + named(4, *span("Regierung"), "Regierung") + with_note + bare
        + f'<NoteRef targetGUID="{guid(20)}"/><NoteRef targetGUID="{guid(23)}"/>'
        "</TextSource>"
    )
    notes = (
        "<Notes>"
        + note(20, "Wer verhandelt mit wem?",
               f'<PlainTextSelection guid="{guid(30)}" startPosition="{start}" '
               f'endPosition="{end}"/>')
        + note(21, "Zitat prüfen") + note(22, "Unklar") + note(23, "Die ganze Meldung wirkt alt")
        + f'<Note guid="{guid(24)}" name="Tagebuch 2. Mai" plainTextPath="internal://j.txt"/>'
        + "</Notes><Description>Studie zu Verhandlungen</Description>"
    )
    files = {"sources/m.txt": (BOM + TEXT).encode(), "sources/j.txt": b"Heute zwei Artikel."}
    path = write_qdpx(tmp_path / "qc.qdpx", sources, files, tail=notes)
    with new_project(tmp_path) as project:
        report = import_qdpx(project, path)
        codebook = project.codebook()
        found = {(TEXT[a.start:a.end], codebook.path(a.tag_id), a.note, a.author, a.created)
                 for a in project.annotations()}
        assert found == {
            ("Regierung", "Akteure/Pro-Contra", "", "Ewa", "2024-05-01T08:00:00.000Z"),
            ("Ein Ende", "Akteure/Pro-Contra", "Zitat prüfen", "Ewa",
             "2024-05-01T08:00:00.000Z"),
            ("Sicht", "Note", "Unklar", "Ewa", "2024-05-01T08:00:00.000Z"),
            ("verhandelt", "Note", "Wer verhandelt mit wem?", "Ewa",
             "2024-05-02T09:30:00.000Z"),
        }
        assert {(u.ref, u.reason) for u in report.unplaced} == {
            ("source 'Meldung'", "its memo has no place in Glossa (notes belong to passages): "
                                 "Quelle: Agentur, gekürzt"),
            (f"note {guid(23)} on source 'Meldung'",
             "has no place in Glossa (notes belong to passages): Die ganze Meldung wirkt alt"),
            ("note 'Tagebuch 2. Mai'", "a project note (journal) has no place in Glossa: "
                                       "Heute zwei Artikel."),
            ("project description", "has no place in Glossa: Studie zu Verhandlungen"),
        }
