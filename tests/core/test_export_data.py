"""CSV and JSON exports: real project files in, real files out, read back and compared."""

from __future__ import annotations

import base64
import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.commands import AddTag, DeleteAnnotations, DeleteDocument, DeleteTag
from core.errors import InvalidValue, NotFound
from core.exporters import ExportScope
from core.exporters.csv import COLUMNS, export_csv
from core.exporters.json import codebook_order, export_json
from core.formats.glossa_json import load_json_export
from core.formats.spreadsheet import spreadsheet_text
from core.model import Tag, new_id
from core.project import Project
from tests.core.helpers import GERMAN, add_document, new_project

SECOND = "Zweiter Artikel: 𝔘nd „noch ein Zitat“ über Удар 😀.\n"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """Two documents; a quote, a tone level with a multi-line note, a note by Boris, and
    one deleted annotation."""
    p = new_project(tmp_path)
    first = add_document(p, GERMAN, "Artikel „Eins“")
    second = add_document(p, SECOND, "Zweiter, mit Komma")
    quote = GERMAN.index("Wir müssen reden")
    p.annotate(first, quote, quote + len("Wir müssen reden"), "Quote",
               attributes={"speaker": "Ministerin", "form": "direct"})
    grusse = GERMAN.index("Grüße")
    p.annotate(first, grusse, grusse + 5, "Tone/Conciliatory",
               note='Zeile 1, "zitiert"\nZeile 2; 😀')
    ud = SECOND.index("Удар")
    p.annotate(second, ud, ud + 4, "Note", author="Boris")
    gone = p.annotate(second, 0, 7, "Quote")
    p.execute(DeleteAnnotations([gone.id]))
    yield p
    p.close()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def exported_files(folder: Path) -> list[str]:
    """Everything in ``folder`` but the open project (with its -wal and -shm files)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("p.glossa"))


def doc_ids(project: Project) -> list[str]:
    return [d.id for d in project.documents()]


# --- CSV ------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_crlf_rows_and_the_documented_columns(
        project: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert export_csv(project, out) == 3
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n")
    # Four records end in \r\n; the note's own line break stays inside its quoted field.
    assert raw.count(b"\r\n") == 4
    assert '"Zeile 1, ""zitiert""\nZeile 2; 😀"'.encode() in raw
    assert list(read_csv(out)[0]) == list(COLUMNS)


def test_csv_values_equal_the_annotations(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    export_csv(project, out)
    rows = read_csv(out)
    live = project.annotations()
    assert len(rows) == len(live) == 3
    titles = {d.id: d.title for d in project.documents()}
    for row, a in zip(rows, live, strict=True):
        text = project.text(a.document_id)
        assert row == {
            "document_id": a.document_id, "document_title": titles[a.document_id],
            "start": str(a.start), "end": str(a.end), "text": text[a.start:a.end],
            "tag": project.tag_path(a.tag_id), "attributes": row["attributes"],
            "note": a.note, "author": a.author, "origin": "manual", "status": "accepted",
            "created": a.created, "modified": a.modified,
        }
        assert json.loads(row["attributes"]) == a.attributes
    assert [r["text"] for r in rows] == ["Wir müssen reden", "Grüße", "Удар"]
    assert rows[0]["document_title"] == "Artikel „Eins“"
    assert rows[2]["document_title"] == "Zweiter, mit Komma"


def test_csv_offsets_are_code_points_even_after_astral_characters(tmp_path: Path) -> None:
    with new_project(tmp_path) as p:
        text = "😀𝔘😀 Zitat: „Hallo“"
        doc = add_document(p, text)
        start = text.index("Hallo")
        p.annotate(doc, start, start + 5, "Quote")
        export_csv(p, tmp_path / "a.csv")
    (row,) = read_csv(tmp_path / "a.csv")
    assert (row["start"], row["end"], row["text"]) == (str(start), str(start + 5), "Hallo")
    assert text[int(row["start"]):int(row["end"])] == "Hallo"


def test_csv_filters(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    first, second = doc_ids(project)
    assert export_csv(project, out, scope=ExportScope(documents=(second,))) == 1
    assert [r["text"] for r in read_csv(out)] == ["Удар"]
    assert export_csv(project, out, scope=ExportScope(documents=(first[:6],), tag="Tone")) == 1
    assert [r["tag"] for r in read_csv(out)] == ["Tone/Conciliatory"]
    assert export_csv(project, out, scope=ExportScope(author="Boris")) == 1
    assert export_csv(project, out, scope=ExportScope(author="Nobody")) == 0
    assert read_csv(out) == []
    assert out.read_bytes() == b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n"


def test_csv_leaves_out_removed_documents(project: Project, tmp_path: Path) -> None:
    project.execute(DeleteDocument(doc_ids(project)[1]))
    assert export_csv(project, tmp_path / "a.csv") == 2
    assert {r["text"] for r in read_csv(tmp_path / "a.csv")} == {"Wir müssen reden", "Grüße"}


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"tag": "Nope"}, NotFound), ({"documents": ("ffff",)}, NotFound),
     ({"status": "maybe"}, InvalidValue)],
)
def test_bad_filters_raise_before_the_target_is_touched(
        project: Project, tmp_path: Path, kwargs: dict[str, Any], error: type[Exception]) -> None:
    out = tmp_path / "keep.csv"
    out.write_text("earlier export", encoding="utf-8")
    with pytest.raises(error):
        export_csv(project, out, scope=ExportScope(**kwargs))
    with pytest.raises(error):
        export_json(project, out, scope=ExportScope(**kwargs))
    assert out.read_text(encoding="utf-8") == "earlier export"
    assert exported_files(tmp_path) == ["keep.csv"]


@pytest.mark.parametrize("export", [export_csv, export_json])
def test_a_failure_while_writing_keeps_the_old_file_and_leaves_no_temp_file(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        export: Callable[..., int]) -> None:
    out = tmp_path / "keep.out"
    out.write_text("earlier export", encoding="utf-8")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    import core.exporters

    monkeypatch.setattr(core.exporters.os, "fsync", disk_full)  # the last step of a write
    with pytest.raises(OSError, match="No space left"):
        export(project, out)
    assert out.read_text(encoding="utf-8") == "earlier export"
    assert exported_files(tmp_path) == ["keep.out"]  # no temporary file left behind


@pytest.mark.parametrize("export", [export_csv, export_json])
def test_exports_refuse_the_project_file_and_folders(
        project: Project, tmp_path: Path, export: Callable[..., int]) -> None:
    before = project.path.read_bytes()
    for same in (project.path, project.path.with_name("p.glossa-wal"),
                 tmp_path / "." / "p.glossa"):
        with pytest.raises(InvalidValue, match="project file itself"):
            export(project, same)
    assert project.path.read_bytes() == before
    with pytest.raises(InvalidValue, match="is a folder"):
        export(project, tmp_path)
    with pytest.raises(InvalidValue, match="does not exist"):
        export(project, tmp_path / "missing" / "x.out")


note_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"),
                    max_size=40)


@settings(max_examples=25, deadline=None)
@given(note=note_text, speaker=note_text)
def test_csv_round_trips_any_note_and_attribute(note: str, speaker: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        with new_project(path) as p:
            doc = add_document(p, SECOND)
            p.annotate(doc, 0, 7, "Quote", note=note, attributes={"speaker": speaker})
            export_csv(p, path / "a.csv")
        (row,) = read_csv(path / "a.csv")
    assert row["note"] == spreadsheet_text(note)
    assert json.loads(row["attributes"]) == {"speaker": speaker}


# --- JSON -----------------------------------------------------------------------------


def test_json_export_is_lossless_with_tombstones(project: Project, tmp_path: Path) -> None:
    sub = Tag(new_id(), "Unterton", parent_id=project.codebook().find("Note").id)
    project.execute(AddTag(sub))
    project.execute(DeleteTag(project.codebook().find("Source").id))
    out = tmp_path / "p.json"
    assert export_json(project, out) == 4  # three live annotations and one tombstone
    data = load_json_export(out)
    assert list(data) == ["format", "version", "exported", "project", "filters", "codebook",
                          "documents", "annotations", "annotation_history", "decisions"]
    assert data["filters"] == {"documents": None, "tag": None, "author": None, "status": None}
    assert data["project"]["name"] == "p"
    tags = {t["name"]: t for t in data["codebook"]}
    assert tags["Source"]["deleted"] is True
    assert tags["Quote"]["attributes"] == [
        {"name": "speaker", "kind": "text", "choices": []},
        {"name": "form", "kind": "choice", "choices": ["direct", "reported"]}]
    assert list(tags["Quote"]) == ["id", "name", "parent_id", "color", "key", "kind",
                                   "attributes", "ordinal", "position", "description",
                                   "modified", "deleted"]
    position = {t["id"]: i for i, t in enumerate(data["codebook"])}
    for tag in data["codebook"]:
        if tag["parent_id"]:
            assert position[tag["parent_id"]] < position[tag["id"]]
    first, second = data["documents"]
    assert [first["text"], second["text"]] == [project.text(d) for d in doc_ids(project)]
    assert first["title"] == "Artikel „Eins“"
    assert base64.b64decode(second["original"]["data"]) == SECOND.encode("utf-8")
    assert list(first) == ["id", "title", "format", "language", "outlet", "author", "url",
                           "published", "source_name", "content_hash", "chars", "imported",
                           "deleted", "text", "pages", "original"]
    annotations = data["annotations"]
    assert [a["deleted"] for a in annotations] == [False, False, True, False]
    keys = [(doc_ids(project).index(a["document_id"]), a["start"], a["id"]) for a in annotations]
    assert keys == sorted(keys)
    quote = annotations[0]
    assert list(quote) == ["id", "document_id", "start", "end", "tag_id", "exact", "prefix",
                           "suffix", "attributes", "note", "author", "origin", "status",
                           "created", "modified", "deleted"]
    assert quote["exact"] == "Wir müssen reden"
    assert quote["prefix"].endswith("„")
    assert quote["attributes"] == {"form": "direct", "speaker": "Ministerin"}


def test_json_export_is_deterministic(project: Project, tmp_path: Path) -> None:
    export_json(project, tmp_path / "a.json")
    export_json(project, tmp_path / "b.json")
    a = (tmp_path / "a.json").read_text(encoding="utf-8").splitlines()
    b = (tmp_path / "b.json").read_text(encoding="utf-8").splitlines()
    assert [line for line in a if '"exported"' not in line] == [
        line for line in b if '"exported"' not in line]
    assert "„Eins“" in "\n".join(a)  # ensure_ascii=False


def test_json_export_keeps_removed_documents_unless_filtered(project: Project,
                                                            tmp_path: Path) -> None:
    first, second = doc_ids(project)
    project.execute(DeleteDocument(second))
    export_json(project, tmp_path / "all.json")
    data = load_json_export(tmp_path / "all.json")
    assert [(d["id"], d["deleted"]) for d in data["documents"]] == [(first, False),
                                                                      (second, True)]
    assert export_json(project, tmp_path / "one.json",
                       scope=ExportScope(documents=(first,), tag="Quote")) == 1
    one = load_json_export(tmp_path / "one.json")
    assert [d["id"] for d in one["documents"]] == [first]
    assert one["filters"] == {"documents": [first], "tag": "Quote", "author": None,
                              "status": None}
    assert len(one["codebook"]) == 9  # the whole codebook, so tag ids resolve


def test_codebook_order_puts_parents_first_and_survives_cycles() -> None:
    parent = Tag("p", "Parent", position=5)
    child = Tag("c", "Child", parent_id="p", position=0)
    loop_a = Tag("a", "A", parent_id="b")
    loop_b = Tag("b", "B", parent_id="a")
    assert [t.id for t in codebook_order([child, loop_b, parent, loop_a])] == [
        "p", "c", "a", "b"]


# --- reading an export back -----------------------------------------------------------


@pytest.fixture
def export(project: Project, tmp_path: Path) -> dict[str, Any]:
    export_json(project, tmp_path / "p.json")
    data: dict[str, Any] = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation that sets ``a.b[0].c`` style ``path`` in an export."""

    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            name, _, index = part.partition("[")
            node = node[name]
            if index:
                node = node[int(index[:-1])]
        node[last] = value

    return mutate


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        section, _, key = path.partition(".")
        del data[section.split("[")[0]][int(section.split("[")[1][:-1])][key]

    return mutate


def _decision(**changes: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation that adds a review decision on the first document, with ``changes``."""

    def mutate(data: dict[str, Any]) -> None:
        ann = data["annotations"][0]["id"]
        record = {
            "id": "d1", "document_id": data["documents"][0]["id"], "disagreement_id": "x",
            "kind": "only_a", "action": "reject", "annotations_a": [ann],
            "annotations_b": [], "created_annotations": [],
            "statuses_before": {ann: "accepted"}, "comment": "", "decided_by": "Lea",
            "decided_at": "2026-12-01T10:00:00Z", "replaces": None, "deleted": False,
        }
        data["decisions"] = [{**record, **changes}]

    return mutate


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_set("format", "w3c"), 'not a Glossa project export'),
        (_set("version", 2), "export version 2 is not supported"),
        (_set("version", True), "export version True is not supported"),
        (_set("extra", 1), "export: unexpected field 'extra'"),
        (_drop("annotations[0].note"), "annotations[0]: missing 'note'"),
        (_set("annotations[0].start", "3"), "annotations[0].start: expected an integer"),
        (_set("annotations[0].start", 1.5), "annotations[0].start: expected an integer"),
        (_set("annotations[0].deleted", 0), "annotations[0].deleted: expected true or false"),
        (_set("annotations[0].end", 10_000), "is not inside the text"),
        (_set("annotations[0].tag_id", "nope"), "annotations[0].tag_id: no tag 'nope'"),
        (_set("annotations[0].document_id", "x"), "annotations[0].document_id: no document"),
        (_set("annotations[0].status", "maybe"), "'maybe' is not one of proposed"),
        (_set("annotations[0].attributes", {"speaker": 3}), "names and values must be text"),
        (_set("annotations[1].id", None), "annotations[1].id: expected text"),
        (_set("codebook[0].kind", "mood"), "codebook[0].kind: 'mood' is not one of"),
        (_set("codebook[0].parent_id", "ghost"), "no tag 'ghost' in the codebook"),
        (_set("codebook[1].id", "x"), None),  # fine on its own: nothing refers to Source
        (_set("documents[0].text", "verändert"), "documents[0].chars"),
        (_set("documents[0].content_hash", "0" * 64), "content_hash: does not match"),
        (_set("documents[0].original", {"file_name": "a", "data": "§§§"}), "is not base64"),
        (_set("documents[0].pages", [{"page": 1}]), "documents[0].pages[0]: missing"),
        (_set("annotations[0].note", "\ud800"), "annotations[0].note: expected text"),
        (_decision(), None),
        (_decision(document_id="x"), "decisions[0].document_id: no document 'x'"),
        (_decision(action="maybe"), "decisions[0].action: 'maybe' is not one of"),
        (_decision(kind="odd"), "decisions[0].kind: 'odd' is not one of"),
        (_decision(statuses_before={"a": "later"}), "'later' is not one of proposed"),
        (_decision(annotations_a=[1]), "annotations_a: expected a list of annotation ids"),
        (_decision(replaces=3), "decisions[0].replaces: expected text or null"),
        (_decision(deleted=1), "decisions[0].deleted: expected true or false"),
        (_decision(comment=None), "decisions[0].comment: expected text"),
    ],
)
def test_load_json_export_names_the_first_problem(
        export: dict[str, Any], tmp_path: Path, mutate: Callable[[dict[str, Any]], None],
        message: str | None) -> None:
    mutate(export)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(export, ensure_ascii=True), encoding="utf-8")
    if message is None:
        load_json_export(path)
        return
    with pytest.raises(InvalidValue) as raised:
        load_json_export(path)
    assert str(raised.value).startswith("x.json: ")
    assert message in str(raised.value)


def test_duplicate_ids_are_refused(export: dict[str, Any], tmp_path: Path) -> None:
    export["annotations"].append(dict(export["annotations"][0]))
    with pytest.raises(InvalidValue, match="occurs twice"):
        load_json_export(write(tmp_path, export))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is not valid JSON"),
        (b"{not json", "is not valid JSON"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
        (b"[]", "not a Glossa project export"),
        (b'{"format": "glossa-project", "format": "x"}', "the key 'format' occurs twice"),
        (b'{"format": "glossa-project", "version": NaN}', "NaN is not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_load_json_export_refuses_what_is_not_an_export(tmp_path: Path, content: bytes,
                                                        message: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(InvalidValue, match=message):
        load_json_export(path)


def test_load_json_export_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match=r"fehlt\.json: cannot be read"):
        load_json_export(tmp_path / "fehlt.json")


def test_export_of_an_empty_project_is_valid(tmp_path: Path) -> None:
    with Project.create(tmp_path / "leer.glossa") as p:
        assert export_json(p, tmp_path / "leer.json") == 0
        assert export_csv(p, tmp_path / "leer.csv") == 0
    data = load_json_export(tmp_path / "leer.json")
    assert (data["documents"], data["annotations"]) == ([], [])
    assert '"documents": [],' in (tmp_path / "leer.json").read_text(encoding="utf-8")


def test_json_exports_written_before_the_status_filter_still_load(project: Project,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "old.json"
    export_json(project, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    del data["filters"]["status"]
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_json_export(out)["filters"] == {"documents": None, "tag": None, "author": None}
    del data["decisions"]  # written before decisions travelled
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "decisions" not in load_json_export(out)
    data["filters"]["colour"] = "red"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidValue, match="unexpected field 'colour'"):
        load_json_export(out)


@settings(max_examples=25, deadline=None)
@given(note=st.text(alphabet=st.sampled_from(list('ab ,"\r\n;ü😀\t')), max_size=12),
       speaker=st.text(alphabet=st.sampled_from(list('xy,"\n')), max_size=6),
       author=st.text(alphabet=st.sampled_from(list('Zé,"')), min_size=1, max_size=5))
def test_csv_bytes_equal_what_the_csv_module_writes(note: str, speaker: str,
                                                    author: str) -> None:
    """SQLite formats the rows; they must be byte for byte what ``csv.writer`` makes."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        p = new_project(tmp)
        doc = add_document(p, 'Er sagte: "Ja, gut."\nZweite, Zeile 😀 „hier“.\n',
                           'Titel, "zitiert"')
        p.annotate(doc, 3, 20, "Quote", attributes={"speaker": speaker} if speaker else None,
                   note=note, author=author)
        p.annotate(doc, 0, 30, "Tone/Critical", author="Anna")
        p.execute(AddTag(Tag(id=new_id(), name='Zitat, "wörtlich"')))
        p.annotate(doc, 5, 9, 'Zitat, "wörtlich"', author="Anna")
        out = tmp / "a.csv"
        assert export_csv(p, out) == 3
        expected = [COLUMNS]
        text = p.text(doc)
        for a in p.annotations(doc):
            expected.append((
                doc, 'Titel, "zitiert"', a.start, a.end, text[a.start:a.end],
                p.tag_path(a.tag_id),
                json.dumps(a.attributes, ensure_ascii=False, sort_keys=True),
                spreadsheet_text(a.note), a.author, str(a.origin), str(a.status), a.created,
                a.modified))
        buffer = io.StringIO()
        csv.writer(buffer, dialect="excel").writerows(expected)
        assert out.read_bytes() == b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
        p.close()
