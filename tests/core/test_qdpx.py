"""REFI-QDA .qdpx export (checked against Project.xsd), import, and hostile archives."""

from __future__ import annotations

import re
import struct
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from core.commands import AddTag, UpdateDocument
from core.errors import ImportFailed
from core.exporters import ExportScope
from core.exporters.qdpx import export_qdpx, user_guid
from core.formats.qdpx import NAMESPACE
from core.importers.qdpx import import_qdpx
from core.model import Tag
from core.project import Project
from tests.core.helpers import new_project
from tests.core.test_w3c import (
    ARTICLE_ONE,
    annotate_articles,
    counts,
    import_articles,
    span,
    state,
    write_articles,
)

NS = {"q": NAMESPACE}


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Project]:
    """Two articles with astral characters before every passage, six annotations, a subtag."""
    files = write_articles(tmp_path / "files")
    project = new_project(tmp_path, "a.glossa", author="Anna")
    one, two = import_articles(project, files)
    annotate_articles(project, one, two)
    frames = Tag(str(uuid.uuid4()), "Frames", color="#123456")
    economy = Tag(str(uuid.uuid4()), "Economy", parent_id=frames.id, color="#abcdef",
                  description="Money, jobs, prices")
    project.execute(AddTag(frames))
    project.execute(AddTag(economy))
    start, end = span(project.text(two), "Verhandlungen")
    project.annotate(two, start, end, "Frames/Economy", author="Clara")
    project.execute(UpdateDocument(one, {"url": "https://example.org/eins",
                                         "outlet": "Tagesblatt"}))
    yield project
    project.close()


def qde(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as archive:
        return ET.fromstring(archive.read("project.qde"))


def test_project_qde_validates_against_the_published_schema(
    source: Project, tmp_path: Path, shared_dir: Path
) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(shared_dir / "conformance" / "refi-qda" / "Project.xsd"))
    out = tmp_path / "export.qdpx"
    assert export_qdpx(source, out) == 7
    with zipfile.ZipFile(out) as archive:
        document = archive.read("project.qde").decode("utf-8")
    schema.validate(document)
    # The schema is strict enough to notice a mistake (a selection without its end).
    broken = re.sub(r' endPosition="\d+"', "", document, count=1)
    assert not schema.is_valid(broken)


def test_sources_are_lf_utf8_and_positions_count_code_points(
    source: Project, tmp_path: Path
) -> None:
    out = tmp_path / "export.qdpx"
    export_qdpx(source, out)
    root = qde(out)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        for text_source in root.iterfind("q:Sources/q:TextSource", NS):
            guid = text_source.get("guid")
            assert text_source.get("plainTextPath") == f"internal://{guid}.txt"
            raw = archive.read(f"sources/{guid}.txt")
            assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")
            text = raw.decode("utf-8")
            assert text == source.text(str(guid))
            for selection in text_source.iterfind("q:PlainTextSelection", NS):
                start = int(selection.get("startPosition", ""))
                end = int(selection.get("endPosition", ""))
                assert text[start:end] == selection.get("name")
                annotation = source.annotation(str(selection.get("guid")))
                assert (start, end) == (annotation.start, annotation.end)
                assert len(text[:start].encode("utf-16-le")) // 2 > start  # not UTF-16 units
    assert names == {"project.qde"} | {f"sources/{d.id}.txt" for d in source.documents()}


def test_users_codes_notes_and_variables(source: Project, tmp_path: Path) -> None:
    out = tmp_path / "export.qdpx"
    export_qdpx(source, out)
    root = qde(out)
    users = {u.get("name"): u.get("guid") for u in root.iterfind("q:Users/q:User", NS)}
    assert users == {name: user_guid(name) for name in ("Anna", "Boris", "Clara")}
    assert uuid.UUID(user_guid("Anna")).version == 5
    assert user_guid("Anna") == user_guid("Anna") != user_guid("anna")
    tone = source.codebook().find("Tone")
    [tone_code] = root.iterfind(f"q:CodeBook/q:Codes/q:Code[@guid='{tone.id}']", NS)
    assert [c.get("name") for c in tone_code.iterfind("q:Code", NS)] == [
        "Confrontational", "Critical", "Neutral", "Conciliatory", "Cooperative"]
    [economy] = root.iterfind("q:CodeBook/q:Codes/q:Code[@name='Frames']/q:Code", NS)
    assert (economy.get("color"), economy.findtext("q:Description", namespaces=NS)) == (
        "#abcdef", "Money, jobs, prices")
    quote = source.annotations(tag="Quote", author="Anna")[0]
    [selection] = root.iterfind(f".//q:PlainTextSelection[@guid='{quote.id}']", NS)
    # QualCoder keeps the Description as the coding memo: the attributes go there too.
    assert selection.findtext("q:Description", namespaces=NS) == (
        "Auftakt\n\nGlossa attributes:\nform: direct\nspeaker: Ministerin")
    assert selection.get("creatingUser") == user_guid("Anna")
    [coding] = selection.iterfind("q:Coding", NS)
    assert coding.find("q:CodeRef", NS).get("targetGUID") == quote.tag_id  # type: ignore[union-attr]
    note_guid = selection.find("q:NoteRef", NS).get("targetGUID")  # type: ignore[union-attr]
    [note] = root.iterfind(f"q:Notes/q:Note[@guid='{note_guid}']", NS)
    assert note.findtext("q:PlainTextContent", namespaces=NS) == (
        "form: direct\nspeaker: Ministerin")
    variables = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", NS)}
    one = source.documents()[0]
    [first] = root.iterfind(f"q:Sources/q:TextSource[@guid='{one.id}']", NS)
    values = {}
    for value in first.iterfind("q:VariableValue", NS):
        ref = value.find("q:VariableRef", NS)
        assert ref is not None
        values[variables[ref.get("targetGUID")]] = value.findtext("q:TextValue", namespaces=NS)
    assert values == {"Outlet": "Tagesblatt", "URL": "https://example.org/eins", "Language": "de"}


def test_filters_narrow_the_codings_not_the_codebook(source: Project, tmp_path: Path) -> None:
    out = tmp_path / "export.qdpx"
    assert export_qdpx(source, out, scope=ExportScope(author="Boris")) == 2
    root = qde(out)
    assert len(root.findall(".//q:PlainTextSelection", NS)) == 2
    assert len(root.findall(".//q:Code", NS)) == len(source.codebook().tags)
    assert export_qdpx(source, out, scope=ExportScope(tag="Frames")) == 1


def test_round_trip_into_a_fresh_project(source: Project, tmp_path: Path) -> None:
    out = tmp_path / "export.qdpx"
    export_qdpx(source, out)
    with new_project(tmp_path, "b.glossa", author="Dora") as fresh:
        report = import_qdpx(fresh, out)
        assert len(report.placed) == 7 and report.unplaced == [] and report.moved == 0
        assert report.tags_added == ["Frames", "Frames/Economy"]  # the rest matched by path
        assert state(fresh) == state(source)
        assert {d.text for d in map(fresh.document, [d.id for d in fresh.documents()])} == {
            source.text(d.id) for d in source.documents()}
        first = fresh.document(source.documents()[0].id)  # ids kept where free
        assert (first.url, first.outlet, first.language) == (
            "https://example.org/eins", "Tagesblatt", "de")
        assert first.source_name == source.document(first.id).source_name  # not a memo
        economy = fresh.codebook().find("Frames/Economy")
        assert (economy.color, economy.description) == ("#abcdef", "Money, jobs, prices")
        again = import_qdpx(fresh, out)
        assert again.placed == [] and again.documents_added == []
        assert len(fresh.annotations()) == 7


# --- files other tools write ------------------------------------------------------------

USERS = '<Users><User guid="11111111-1111-1111-1111-111111111111" name="Ewa"/></Users>'
CODES = (
    '<CodeBook><Codes>'
    '<Code guid="22222222-2222-2222-2222-222222222222" name="Akteure" isCodable="false" '
    'color="#F00"><Code guid="33333333-3333-3333-3333-333333333333" name="Pro/Contra" '
    'isCodable="true"/></Code></Codes></CodeBook>'
)


def selection(guid: str, start: int, end: int, name: str = "", code: str = "3" * 8) -> str:
    named = f' name="{name}"' if name else ""
    return (
        f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}"{named}'
        ' creatingUser="11111111-1111-1111-1111-111111111111" '
        'creationDateTime="2024-05-01T10:00:00+02:00">'
        f'<Coding guid="{uuid.uuid4()}"><CodeRef targetGUID="{code}-3333-3333-3333-333333333333"/>'
        '</Coding></PlainTextSelection>'
    )


def write_qdpx(path: Path, sources: str, files: dict[str, bytes] | None = None,
               head: str = "", tail: str = "") -> Path:
    """A hand-made .qdpx; ``tail`` goes after the sources (``<Notes>``, ``<Description>``)."""
    document = (f'<?xml version="1.0" encoding="utf-8"?>{head}'
                f'<Project xmlns="{NAMESPACE}" name="fremd">{USERS}{CODES}'
                f'<Sources>{sources}</Sources>{tail}</Project>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", document.encode("utf-8"))
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return path


CRLF_TEXT = "Titel 😀\r\nErste Zeile.\r\nZweite Zeile mit Streit.\r\n"


def test_crlf_positions_as_maxqda_and_atlas_count_them(tmp_path: Path) -> None:
    lf = CRLF_TEXT.replace("\r\n", "\n")
    maxqda_start = CRLF_TEXT.index("Streit")  # CRLF counts 2
    atlas_start = lf.index("Erste")  # CRLF counts 1; the name tells which
    sources = (  # one tool a source: the same text as MAXQDA and as ATLAS.ti wrote it
        '<TextSource guid="44444444-4444-4444-4444-444444444444" name="Meldung" '
        'plainTextPath="internal://meldung.txt">'
        + selection("55555555-5555-5555-5555-555555555555", maxqda_start, maxqda_start + 6)
        + '</TextSource>'
        '<TextSource guid="45454545-4545-4545-4545-454545454545" name="Meldung (Atlas)" '
        'plainTextPath="internal://meldung.txt">'
        + selection("66666666-6666-6666-6666-666666666666", atlas_start, atlas_start + 5,
                    name="Erste")
        + '</TextSource>'
    )
    path = write_qdpx(tmp_path / "fremd.qdpx", sources,
                      {"sources/meldung.txt": CRLF_TEXT.encode("utf-8")})
    with new_project(tmp_path) as project:
        report = import_qdpx(project, path)
        assert report.unplaced == [] and len(report.placed) == 2
        assert report.tags_added == ["Akteure", "Akteure/Pro-Contra"]
        assert any("'/'" in w for w in report.warnings)
        # Nothing names the MAXQDA selection's text: read as the standard says, and said so.
        assert ("source 'Meldung': 1 selection(s) without a name were read as code points "
                "over the file; the file does not say how it counts, and other counts would "
                "place them elsewhere") in report.warnings
        [document] = project.documents()
        assert document.id == "44444444-4444-4444-4444-444444444444"
        text = project.text(document.id)
        assert text == lf
        placed = {a.id: (text[a.start:a.end], a.author, a.created)
                  for a in project.annotations()}
        assert placed == {
            "55555555-5555-5555-5555-555555555555": ("Streit", "Ewa", "2024-05-01T08:00:00.000Z"),
            "66666666-6666-6666-6666-666666666666": ("Erste", "Ewa", "2024-05-01T08:00:00.000Z"),
        }
        assert report.moved == 1  # the MAXQDA one shifted by the two CRLFs before it
        assert project.codebook().find("Akteure").color == "#ff0000"


def test_positions_survive_decomposed_umlauts_a_bom_and_control_characters(
    tmp_path: Path
) -> None:
    raw = "\ufeffGru\u0308\u00dfe\r\naus Mu\u0308nchen\x07: Verhandlungen laufen.\r\n"
    start = raw.index("Verhandlungen") - 1  # a byte-order mark is no character of the text
    sources = (
        '<TextSource guid="19191919-1919-1919-1919-191919191919" name="Mac" '
        'plainTextPath="internal://mac.txt">'
        + selection("20202020-2020-2020-2020-202020202020", start, start + 13)
        + "</TextSource>"
    )
    path = write_qdpx(tmp_path / "m.qdpx", sources, {"sources/mac.txt": raw.encode("utf-8")})
    with new_project(tmp_path) as project:
        import_qdpx(project, path)
        [annotation] = project.annotations()
        text = project.text(annotation.document_id)
        assert text.startswith("Grüße\naus München:")
        assert text[annotation.start:annotation.end] == "Verhandlungen"


def test_utf16_positions_are_recognised_by_the_selection_name(tmp_path: Path) -> None:
    text = "😀😀 𝔘-Bahn fährt wieder. Streik beendet."
    units = len(text[:text.index("Streik")].encode("utf-16-le")) // 2  # 4 more than code points
    end = len(text[:text.index("beendet")].encode("utf-16-le")) // 2 + 7
    sources = (
        '<TextSource guid="12121212-1212-1212-1212-121212121212" name="Bahn">'
        f"<PlainTextContent>{text}</PlainTextContent>"
        + selection("13131313-1313-1313-1313-131313131313", units, units + 6, name="Streik")
        + selection("14141414-1414-1414-1414-141414141414", units, end)
        + "</TextSource>"
    )
    with new_project(tmp_path) as project:
        report = import_qdpx(project, write_qdpx(tmp_path / "u.qdpx", sources))
        placed = {a.id: text[a.start:a.end] for a in project.annotations()}
        # The named selection shows the tool counts UTF-16 units; the unnamed one of the
        # same source is read the same way (code points would give "eik beendet.").
        assert placed == {"13131313-1313-1313-1313-131313131313": "Streik",
                          "14141414-1414-1414-1414-141414141414": "Streik beendet"}
        assert report.moved == 2 and report.unplaced == []
        assert not any("without a name" in w for w in report.warnings)


def test_a_pdf_source_brings_its_text_representation(tmp_path: Path) -> None:
    text = "Seite eins: „Wir verhandeln“, sagte er."
    start = text.index("Wir")
    sources = (
        '<PDFSource guid="15151515-1515-1515-1515-151515151515" name="Bericht" path="b.pdf">'
        '<PDFSelection guid="16161616-1616-1616-1616-161616161616" page="1" firstX="0" '
        'firstY="0" secondX="10" secondY="10"/>'
        '<Representation guid="17171717-1717-1717-1717-171717171717" '
        'plainTextPath="internal://bericht.txt">'
        + selection("18181818-1818-1818-1818-181818181818", start, start + 14)
        + "</Representation></PDFSource>"
    )
    path = write_qdpx(tmp_path / "p.qdpx", sources,
                      {"sources/bericht.txt": text.encode("utf-8")})
    with new_project(tmp_path) as project:
        report = import_qdpx(project, path)
        [document] = project.documents()
        assert document.title == "Bericht"
        [annotation] = project.annotations()
        assert text[annotation.start:annotation.end] == "Wir verhandeln"
        assert [u.reason for u in report.unplaced] == [
            "1 selection(s) by page area; Glossa imported the PDF's text and its text "
            "selections"]


def test_what_cannot_be_placed_is_reported(tmp_path: Path) -> None:
    text = "Ein kurzer Text über 𝔘-Bahnen."
    sources = (
        '<TextSource guid="77777777-7777-7777-7777-777777777777" name="Kurz">'
        f'<PlainTextContent>{text}</PlainTextContent>'
        + selection("88888888-8888-8888-8888-888888888888", 4, 10)
        + '<PlainTextSelection guid="99999999-9999-9999-9999-999999999999" startPosition="0" '
          'endPosition="3"/>'
        + selection("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa", 0, 3, code="deadbeef")
        + selection("bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb", 20, 900)
        + '<Coding guid="cccccccc-cccc-cccc-cccc-cccccccccccc">'
          '<CodeRef targetGUID="33333333-3333-3333-3333-333333333333"/></Coding>'
        + '</TextSource>'
        '<TextSource guid="dddddddd-dddd-dddd-dddd-dddddddddddd" name="Draußen" '
        'plainTextPath="absolute:///etc/passwd"/>'
        '<PictureSource guid="eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee" name="Foto" path="x.jpg"/>'
    )
    with new_project(tmp_path) as project:
        report = import_qdpx(project, write_qdpx(tmp_path / "f.qdpx", sources))
        assert len(report.placed) == 1
        [annotation] = project.annotations()
        assert project.text(annotation.document_id)[annotation.start:annotation.end] == "kurzer"
        reasons = {u.ref: u.reason for u in report.unplaced}
        assert reasons == {
            "99999999-9999-9999-9999-999999999999": "has no code",
            "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa":
                "its coding names a code that is not in the codebook",
            "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb":
                f"positions 20-900 lie outside the text ({len(text)} characters)",
            "source 'Kurz'": "1 coding(s) of the whole source; Glossa tags passages",
            "source 'Draußen'": "keeps its text outside the archive; only internal:// texts "
                                "are read; its 0 selection(s) were not imported",
            "source 'Foto'": "is a picture source; Glossa imports text sources",
        }
        assert [d.title for d in project.documents()] == ["Kurz"]


# --- hostile archives ---------------------------------------------------------------------


def glossa_export(project: Project, tmp_path: Path) -> Path:
    out = tmp_path / "export.qdpx"
    export_qdpx(project, out)
    return out


def with_extra_member(path: Path, name: str, data: bytes = b"x") -> Path:
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(name, data)
    return path


def declare_size(path: Path, member: str, size: int) -> Path:
    """Rewrite the central directory so ``member`` claims ``size`` bytes unpacked."""
    data = bytearray(path.read_bytes())
    encoded = member.encode("utf-8")
    offset = data.find(b"PK\x01\x02")
    while offset != -1:
        name_length = struct.unpack_from("<H", data, offset + 28)[0]
        if bytes(data[offset + 46:offset + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, offset + 24, size)
            path.write_bytes(bytes(data))
            return path
        offset = data.find(b"PK\x01\x02", offset + 4)
    raise AssertionError(f"{member} not found")


@pytest.mark.parametrize("name", ["../x", "sources/../../x.txt", "/etc/x", "C:/x", "a\\..\\x"])
def test_path_traversal_names_are_refused(source: Project, tmp_path: Path, name: str) -> None:
    path = with_extra_member(glossa_export(source, tmp_path), name)
    with new_project(tmp_path, "target.glossa") as target:
        before = counts(target)
        with pytest.raises(ImportFailed, match="unsafe file name") as caught:
            import_qdpx(target, path)
        assert str(caught.value).startswith("export.qdpx: ")
        assert counts(target) == before


@pytest.mark.parametrize("member", ["project.qde", "source"])
def test_a_huge_declared_size_is_refused_before_reading(
    source: Project, tmp_path: Path, member: str
) -> None:
    path = glossa_export(source, tmp_path)
    if member == "source":
        member = f"sources/{source.documents()[0].id}.txt"
    declare_size(path, member, 0xFFFFFFF0)
    with new_project(tmp_path, "target.glossa") as target:
        before = counts(target)
        with pytest.raises(ImportFailed, match="declares 4,294,967,280 bytes unpacked"):
            import_qdpx(target, path)
        assert counts(target) == before


def test_a_member_that_unpacks_beyond_its_declared_size_is_refused(
    source: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import core.importers.qdpx as qdpx_import

    monkeypatch.setattr(qdpx_import, "MAX_PROJECT_BYTES", 4096)
    path = glossa_export(source, tmp_path)  # project.qde is larger than 4 KB
    declare_size(path, "project.qde", 100)  # ...but claims 100 bytes
    with new_project(tmp_path, "target.glossa") as target:
        before = counts(target)
        with pytest.raises(ImportFailed, match=r"project\.qde"):
            import_qdpx(target, path)
        assert counts(target) == before


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
)
EXTERNAL = '<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("head", [BILLION_LAUGHS, EXTERNAL])
def test_xml_with_a_dtd_or_entities_is_refused(tmp_path: Path, head: str) -> None:
    path = write_qdpx(tmp_path / "evil.qdpx", "", head=head)
    with new_project(tmp_path) as project:
        before = counts(project)
        with pytest.raises(ImportFailed, match="DTD"):
            import_qdpx(project, path)
        assert counts(project) == before


@pytest.mark.parametrize(("content", "message"), [
    (b"PK\x03\x04 not really a zip", "is not a .qdpx file"),
    (b"", "is not a .qdpx file"),
])
def test_not_a_zip(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.qdpx"
    path.write_bytes(content)
    with new_project(tmp_path) as project, pytest.raises(ImportFailed, match=message):
        import_qdpx(project, path)


def test_archives_without_a_project_or_with_broken_xml(tmp_path: Path) -> None:
    empty = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("sources/a.txt", ARTICLE_ONE)
    broken = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("project.qde", "<Project><Sources></Project>")
    other = tmp_path / "other.qdpx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("project.qde", '<Project xmlns="urn:other"/>')
    with new_project(tmp_path) as project:
        with pytest.raises(ImportFailed, match=r"has no project\.qde"):
            import_qdpx(project, empty)
        with pytest.raises(ImportFailed, match="not well-formed XML"):
            import_qdpx(project, broken)
        with pytest.raises(ImportFailed, match="not a REFI-QDA project"):
            import_qdpx(project, other)
