"""A generated corpus of hostile files that every CI run replays through ``glossa``.

Each must end in a bounded correct import or one line naming the file (exit status 1),
with the project unchanged on refusal and ``PRAGMA integrity_check`` ok. Add each new
bad file as it is found. (Foreign schemas, FIFOs, bombs and damaged rows have their own
test modules.)
"""

from __future__ import annotations

import socket
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pymupdf
import pytest

from core.cli import main
from tests.core.helpers import GERMAN
from tests.core.hostile_files import epub_with, many_page_pdf, pdf_bomb, pdf_with_content, spaces
from tests.core.test_importers import OPF, make_epub
from tests.core.test_merge import digest

Maker = Callable[[Path, int], Path]  # (folder, port of a listener that must hear nothing)


def _write(name: str, data: bytes) -> Maker:
    return lambda folder, port: _put(folder / name, data)


def _put(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _html(folder: Path, port: int) -> Path:
    remote = f"http://127.0.0.1:{port}"
    page = (f'<html><head><script src="{remote}/a.js"></script><link rel="stylesheet" '
            f'href="{remote}/s.css"><script>fetch("{remote}/x")</script></head><body>'
            f'<article><p>Die Ministerin sprach lange.</p><img src="{remote}/i.png">'
            f'<iframe src="{remote}/frame"></iframe><p>Ende.</p></article></body></html>')
    return _put(folder / "remote.html", page.encode())


def _epub_remote(folder: Path, port: int) -> Path:
    body = (f'<p>Bild: <img src="http://127.0.0.1:{port}/i.png"/></p>'
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/s.css"/>')
    return make_epub(folder / "remote.epub", (body, "<p>Ende.</p>"))


def _encrypted(folder: Path, port: int) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Geheim")
    path = folder / "secret.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    return path


def _textless(folder: Path, port: int) -> Path:
    return pdf_with_content(folder / "scan.pdf", b"0 0 m 100 100 l S")


def _truncated_pdf(folder: Path, port: int) -> Path:
    full = pdf_with_content(folder / "t.pdf", b"BT /F1 12 Tf 72 720 Td (Hallo) Tj ET")
    return _put(folder / "truncated.pdf", full.read_bytes()[:200])


def _over_limit(folder: Path, port: int) -> Path:
    path = folder / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: refused by size before reading
    return path


def _xml_epub(name: str, entity: str, use: str) -> Maker:
    opf = OPF.replace('<package', f"<!DOCTYPE package [{entity}]>\n<package", 1).replace(
        "<dc:title>Über Grenzen</dc:title>", f"<dc:title>{use}</dc:title>")
    return lambda folder, port: make_epub_with_opf(folder / name, opf)


def make_epub_with_opf(path: Path, opf: str) -> Path:
    return epub_with(path, "OEBPS/c2.xhtml", lambda e: e.write(b"<p>Zwei.</p>"), opf=opf)


_LAUGHS = '<!ENTITY a "lol">' + "".join(
    f'<!ENTITY {name} "{("&" + previous + ";") * 10}">'
    for previous, name in zip("abcdefg", "bcdefgh", strict=True))

DOCUMENTS: dict[str, Maker] = {
    "empty text": _write("empty.txt", b""),
    "empty PDF": _write("empty.pdf", b""),
    "binary as text": _write("binary.txt", bytes(range(256)) * 64),
    "binary as HTML": _write("binary.html", bytes(range(256)) * 64),
    "binary as PDF": _write("binary.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 64),
    "binary as EPUB": _write("binary.epub", b"PK\x03\x04" + bytes(range(256)) * 64),
    "invalid UTF-8": _write("bad.txt", "Grüße".encode() + b"\xff\xfe\xc3(" + b" Ende"),
    "UTF-16 with BOM": _write("bom.txt", GERMAN.encode("utf-16")),
    "UTF-16 without BOM": _write("nobom.txt", GERMAN.encode("utf-16-le")),
    "NUL bytes": _write("nul.txt", b"Die\x00Ministerin\x00sagte\x00etwas."),
    "right-to-left": _write("rtl.txt", "قال الوزير: \u202eسنتحدث\u202c غدا. שלום".encode()),
    "combining characters": _write("comb.txt", ("a" + "\u0301" * 500 + " Zalgo ").encode()),
    "only controls": _write("ctrl.txt", bytes(range(1, 32)) * 10),
    "over the size limit": _over_limit,
    "truncated PDF": _truncated_pdf,
    "encrypted PDF": _encrypted,
    "PDF without text": _textless,
    "PDF bomb (20 MB stream)": lambda folder, port: pdf_bomb(folder / "bomb.pdf", 20),
    "1,000-page PDF": lambda folder, port: many_page_pdf(folder / "pages.pdf", 1000),
    "HTML with scripts, iframes, remote images": _html,
    "100,000-deep HTML": _write("deep.html", b"<div>" * 100_000 + b"tief" + b"</div>" * 100_000),
    "unclosed HTML": _write("open.html", b"<html><body><p>Text <b>fett <i>kursiv"),
    "EPUB with remote resources": _epub_remote,
    "EPUB zip bomb": lambda folder, port: epub_with(folder / "zb.epub", "OEBPS/c2.xhtml",
                                                    spaces(16)),
    "EPUB path traversal": lambda folder, port: epub_with(
        folder / "trav.epub", "../../../../tmp/evil.xhtml", lambda e: e.write(b"<p>x</p>")),
    "EPUB with XXE": _xml_epub("xxe.epub", '<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;"),
    "EPUB with billion laughs": _xml_epub("laughs.epub", _LAUGHS, "&h;"),
    "EPUB without container": lambda folder, port: _strip(make_epub(folder / "nc.epub"),
                                                         "META-INF/container.xml"),
    "truncated EPUB": lambda folder, port: _put(
        folder / "cut.epub", make_epub(folder / "whole.epub").read_bytes()[:900]),
}


def _strip(path: Path, entry: str) -> Path:
    with zipfile.ZipFile(path) as book:
        items = [(i, book.read(i)) for i in book.infolist() if i.filename != entry]
    with zipfile.ZipFile(path, "w") as book:
        for info, data in items:
            book.writestr(info, data)
    return path


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server
    server.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.glossa"
    assert main(["new", str(path)]) == 0
    return path


def _integrity_ok(path: Path) -> None:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()


def _one_line_or_imported(status: int, out: str, err: str, name: str) -> None:
    if status == 0:
        assert len(out.splitlines()) == 1 and "\t" in out
        assert all(line.startswith(name) or ": warning: " in line for line in err.splitlines())
    else:
        assert status == 1
        assert err.count("\n") == 1 and name in err and "Traceback" not in err


@pytest.mark.parametrize("make", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_hostile_document(tmp_path: Path, project: Path, listener: socket.socket, make: Maker,
                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = make(folder, listener.getsockname()[1])
    capsys.readouterr()
    before = digest(project)
    status = main(["import", str(project), str(path)])
    out, err = capsys.readouterr()
    _one_line_or_imported(status, out, err, path.name)
    if status == 1:
        assert digest(project) == before
    _integrity_ok(project)
    with pytest.raises(BlockingIOError):
        listener.accept()  # nothing was fetched
    assert not Path("/tmp/evil.xhtml").exists() or status == 0


def _sqlite(sql: str) -> Maker:
    def make(folder: Path, port: int) -> Path:
        path = folder / "other.glossa"
        with sqlite3.connect(path) as db:
            db.executescript(sql)
        db.close()
        return path
    return make


def _real_project(folder: Path, cut: int | None = None, sql: str = "") -> Path:
    path = folder / "kollege.glossa"
    assert main(["new", str(path)]) == 0
    if sql:
        with sqlite3.connect(path) as db:
            db.executescript(sql)
        db.close()
    if cut is not None:
        path.write_bytes(path.read_bytes()[:cut])
    return path


PROJECTS: dict[str, Maker] = {
    "not SQLite": _write("other.glossa", b"Hallo, ich bin kein Projekt.\n" * 100),
    "empty file": _write("other.glossa", b""),
    "SQLite header only": _write("other.glossa", b"SQLite format 3\x00" + b"\x00" * 84),
    "foreign SQLite": _sqlite("CREATE TABLE kunden (id, name); "
                              "INSERT INTO kunden VALUES (1, 'x');"),
    "empty SQLite": _sqlite("PRAGMA user_version = 0;"),
    "truncated project": lambda folder, port: _real_project(folder, cut=4096),
    "newer schema": lambda folder, port: _real_project(folder, sql="PRAGMA user_version = 999;"),
    "zero schema": lambda folder, port: _real_project(folder, sql="PRAGMA user_version = 0;"),
    "tag cycle": lambda folder, port: _real_project(
        folder, sql="UPDATE tags SET parent_id = (SELECT id FROM tags WHERE name = 'Critical') "
                    "WHERE name = 'Tone';"),
    "duplicate tag name": lambda folder, port: _real_project(
        folder, sql="UPDATE tags SET name = 'Quote' WHERE name = 'Note';"),
    "huge tag name": lambda folder, port: _real_project(
        folder, sql="UPDATE tags SET name = printf('%.*c', 300000, 'x') WHERE name = 'Note';"),
}


@pytest.mark.parametrize("make", PROJECTS.values(), ids=PROJECTS.keys())
def test_hostile_project_to_merge(tmp_path: Path, project: Path, make: Maker,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    other = make(folder, 0)
    capsys.readouterr()
    before = digest(project)
    status = main(["merge", str(project), str(other)])
    out, err = capsys.readouterr()
    if status == 0:
        assert out.startswith("Merged ")
    else:
        assert status == 1 and err.count("\n") == 1 and other.name in err, err
        assert digest(project) == before
    _integrity_ok(project)
