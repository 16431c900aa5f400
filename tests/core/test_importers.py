"""Text, Markdown, HTML and EPUB import, and the errors every format shares.

Every input is a real file written into tmp_path, in the encodings analysts actually get.
PDF import has its own module (test_import_pdf.py).
"""

from __future__ import annotations

import codecs
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.errors import ImportFailed
from core.importers import (
    MAX_TEXT_CHARS,
    SUPPORTED_EXTENSIONS,
    ImportedDocument,
    ImportOptions,
    read_document,
)
from core.importers import base as importers_base
from core.text import normalize_text

GERMAN = (
    "Die Generalstabschefs trafen sich in Helsinki.\n"
    "Das Treffen „war das erste persönliche Treffen“ – sagte er über Größe und Übungen.\n"
    "Man sprach von “Risikominderung” und «Vertrauen».\n"
)
RUSSIAN = (
    "Удар из-за горизонта. О чем говорили главы Генштабов ВС России и США в Хельсинки.\n"
    "Встреча продолжалась шесть часов, сообщили стороны.\n"
)
ASTRAL = "Emoji 😀 und Fraktur 𝔘 bleiben erhalten.\n"
EVERYTHING = GERMAN + RUSSIAN + ASTRAL
# tmp_path is shared by hypothesis examples; each example overwrites its one file.
FIXTURE = HealthCheck.function_scoped_fixture


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def fails(path: Path, reason: str, **kwargs: Callable[[], bool]) -> ImportFailed:
    with pytest.raises(ImportFailed) as info:
        read_document(path, **kwargs)
    assert reason in str(info.value)
    assert str(info.value).startswith(path.name + ": ")
    return info.value


# --- plain text: encodings -------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "text"),
    [
        pytest.param(lambda t: t.encode("utf-8"), EVERYTHING, id="utf-8"),
        pytest.param(lambda t: t.encode("utf-8-sig"), EVERYTHING, id="utf-8-bom"),
        pytest.param(
            lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), EVERYTHING, id="utf-16-le"
        ),
        pytest.param(
            lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), EVERYTHING, id="utf-16-be"
        ),
        pytest.param(lambda t: t.encode("cp1252"), GERMAN, id="cp1252"),
        pytest.param(
            lambda t: t.encode("latin-1"),
            "Größere Übungen später.\n«Ça va», dit-il à l'été.\nDas Treffen dauerte lange.\n",
            id="latin-1",
        ),
        pytest.param(lambda t: t.encode("koi8-r"), RUSSIAN, id="koi8-r"),
        pytest.param(lambda t: t.encode("cp1251"), RUSSIAN, id="cp1251"),
    ],
)
def test_text_encodings(tmp_path: Path, encoded: Callable[[str], bytes], text: str) -> None:
    data = encoded(text)
    path = write(tmp_path, "article.txt", data)
    doc = read_document(path)
    assert doc.text == normalize_text(text)
    assert doc.format == "txt"
    assert doc.original == data
    assert doc.source_name == "article.txt"
    assert doc.warnings == []


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "notepad.txt", GERMAN.encode("utf-16-le"))
    assert read_document(path).text == GERMAN


def test_crlf_and_cr_become_newlines(tmp_path: Path) -> None:
    path = write(tmp_path, "windows.txt", b"Erste Zeile\r\nZweite Zeile\rDritte Zeile\r\n")
    assert read_document(path).text == "Erste Zeile\nZweite Zeile\nDritte Zeile\n"


def test_text_is_nfc(tmp_path: Path) -> None:
    path = write(tmp_path, "decomposed.txt", "Gru\u0308ße aus Mu\u0308nchen\n")
    text = read_document(path).text
    assert text == "Grüße aus München\n"
    assert unicodedata.is_normalized("NFC", text)


def test_mostly_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    data = (GERMAN * 5).encode("utf-8") + b"Preis: 5\x80.\n"
    doc = read_document(write(tmp_path, "mixed.txt", data))
    assert doc.text.startswith(GERMAN)
    assert doc.text.endswith("Preis: 5\ufffd.\n")
    assert doc.warnings


def test_title_and_language_of_text(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.txt", "\n\n   Mehr Entspannung   \n" + GERMAN))
    assert doc.title == "Mehr Entspannung"
    assert doc.language == "de"
    long = read_document(write(tmp_path, "b.txt", "Wort " * 100 + "\n" + GERMAN)).title
    assert len(long) <= 200
    assert long.endswith("…")


# --- markdown ------------------------------------------------------------------------


def test_markdown_is_kept_as_written(tmp_path: Path) -> None:
    source = "Vorspann\n\n# Gespräche in Helsinki #\n\nDas *Treffen* dauerte **sechs** Stunden.\n"
    doc = read_document(write(tmp_path, "note.MD", source))
    assert doc.format == "md"
    assert doc.text == source
    assert doc.title == "Gespräche in Helsinki"


def test_markdown_without_heading_uses_first_line(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "note.markdown", "Erste Zeile\nzweite\n"))
    assert doc.title == "Erste Zeile"


# --- failures shared by every format -------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.pdf", "e.epub"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    fails(write(tmp_path, name, b""), "is empty")


@pytest.mark.parametrize(
    "data", [b" \n\t\r\n", codecs.BOM_UTF16_LE + "  \n ".encode("utf-16-le"), b"\xef\xbb\xbf\n"]
)
def test_whitespace_only_is_empty(tmp_path: Path, data: bytes) -> None:
    fails(write(tmp_path, "blank.txt", data), "is empty")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        bytes(range(1, 9)) * 200 + b"some text",
        bytes(range(256)) * 8,
    ],
    ids=["png", "controls", "all-bytes"],
)
def test_binary_garbage(tmp_path: Path, data: bytes) -> None:
    fails(write(tmp_path, "photo.txt", data), "is not a text file (binary content)")


def test_file_over_50_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"a" * (1024 * 1024))
        handle.truncate(51 * 1024 * 1024)  # sparse: instant, and never read
    fails(path, "is too large (51 MB; the limit is 50 MB)")


def test_text_over_max_chars_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_TEXT_CHARS == 10_000_000
    monkeypatch.setattr(importers_base, "MAX_TEXT_CHARS", 100)
    fails(write(tmp_path, "long.txt", "Wort " * 30), "is too large (")


def test_unknown_extension(tmp_path: Path) -> None:
    fails(
        write(tmp_path, "sheet.xyz", b"data"),
        "has an unsupported format (.xyz); Glossa reads .txt, .md, .html, .pdf and .epub",
    )
    fails(write(tmp_path, "README", b"data"), "has an unsupported format")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    fails(tmp_path / "missing.txt", "does not exist")
    fails(tmp_path / "missing.xyz", "does not exist")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    fails(folder, "is a folder")


def test_extensions_are_case_insensitive(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "A.TXT", GERMAN)).format == "txt"
    assert read_document(write(tmp_path, "B.Htm", "<p>Hallo Welt</p>")).format == "html"
    assert set(SUPPORTED_EXTENSIONS) == {
        ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".epub",
    }  # fmt: skip


def test_string_paths_and_cancel_before_parsing(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", GERMAN)
    assert isinstance(read_document(str(path)), ImportedDocument)
    fails(path, "import cancelled", cancel=lambda: True)


@settings(max_examples=60, deadline=None, suppress_health_check=[FIXTURE])
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(lambda b: b"%PDF-1.7\n" + b),
        st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=300).map(lambda b: b"<html><meta charset=" + b),
    ),
    extension=st.sampled_from(SUPPORTED_EXTENSIONS),
)
def test_arbitrary_bytes_never_raise_anything_but_import_failed(
    tmp_path: Path, data: bytes, extension: str
) -> None:
    path = write(tmp_path, "fuzz" + extension, data)
    try:
        doc = read_document(path)
    except ImportFailed:
        return
    assert doc.text.strip()
    assert doc.text == normalize_text(doc.text)


# --- property: text survives every Unicode encoding ---------------------------------

_TEXT = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffd"),
        st.sampled_from(["\r\n", "\r", "\n", "\t", "😀", "𝔘", "„", "“", "«", "ä", "Ж", "u\u0308"]),
    ),
    min_size=1,
    max_size=80,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[FIXTURE])
@given(text=_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_property_text_round_trips(tmp_path: Path, text: str, encoding: str) -> None:
    assume(normalize_text(text).strip())
    path = write(tmp_path, "prop.txt", text.encode(encoding))
    assert read_document(path).text == normalize_text(text)


# --- the seed article ------------------------------------------------------------------


def test_seed_article(seed_article: Path) -> None:
    doc = read_document(seed_article)
    assert doc.format == "txt"
    assert doc.language == "de"
    assert doc.original == seed_article.read_bytes()
    assert doc.text == normalize_text(seed_article.read_bytes().decode("utf-8"))
    assert "„war das erste persönliche Treffen" in doc.text
    assert "«Удар из-за горизонта»" in doc.text
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.title.startswith("Mehr Entspannung")
    assert doc.warnings == []


# --- HTML --------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="de-DE">
<head>
  <meta charset="utf-8">
  <title>Generäle reden miteinander | Der Anzeiger</title>
  <meta property="og:site_name" content="Der Anzeiger">
  <meta property="og:title" content="Generäle reden miteinander">
  <meta name="author" content="Anna Müller">
  <meta property="article:published_time" content="2021-09-22T18:30:00+02:00">
  <link rel="canonical" href="https://anzeiger.example/politik/generaele">
  <style>p { color: red; } .secret { display: none }</style>
  <script>var tracking = "SCRIPT TEXT MUST NOT APPEAR";</script>
</head>
<body>
  <nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
  <noscript>Bitte JavaScript aktivieren</noscript>
  <article>
    <h1>Generäle   reden
      miteinander</h1>
    <p>Am 22.09.2021 trafen sich die Generalstabschefs in&nbsp;Helsinki &amp; sprachen
       sechs Stunden.</p>
    <p>Das Treffen &bdquo;war das erste pers&ouml;nliche Treffen&ldquo;.<br>Zweite Zeile.</p>
    <blockquote>„Wir müssen Vorschriften entwickeln“</blockquote>
    <ul><li>Erster Punkt</li><li>Zweiter <b>Punkt</b></li></ul>
    <div hidden>Versteckt</div>
    <script>document.write("SCRIPT TEXT MUST NOT APPEAR")</script>
    <aside>Lesen Sie auch: anderes</aside>
    <form><label>Newsletter</label><input></form>
  </article>
  <footer>© Der Anzeiger</footer>
</body>
</html>
"""

PAGE_TEXT = (
    "Generäle reden miteinander\n"
    "Am 22.09.2021 trafen sich die Generalstabschefs in Helsinki & sprachen sechs Stunden.\n"
    "Das Treffen „war das erste persönliche Treffen“.\n"
    "Zweite Zeile.\n"
    "„Wir müssen Vorschriften entwickeln“\n"
    "Erster Punkt\n"
    "Zweiter Punkt"
)


def test_html_article(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "page.html", PAGE))
    assert doc.text == PAGE_TEXT
    assert "SCRIPT TEXT" not in doc.text
    assert "color" not in doc.text
    assert doc.format == "html"
    assert doc.title == "Generäle reden miteinander"
    assert doc.outlet == "Der Anzeiger"
    assert doc.author == "Anna Müller"
    assert doc.published == "2021-09-22"
    assert doc.url == "https://anzeiger.example/politik/generaele"
    assert doc.language == "de"
    assert doc.original == PAGE.encode("utf-8")


def test_html_dateline_is_not_article_text_but_its_date_is_kept(tmp_path: Path) -> None:
    page = (
        "<html><body><div><h2>Talks in Helsinki</h2><div>The chiefs of staff met "
        "on Wednesday and <i>talked</i> for six hours.</div></div>"
        '<time datetime="2021-09-22">22 September</time></body></html>'
    )
    doc = read_document(write(tmp_path, "page.htm", page))
    assert doc.text == (
        "Talks in Helsinki\nThe chiefs of staff met on Wednesday and talked for six hours."
    )
    assert doc.language == "en"
    assert doc.published == "2021-09-22"
    assert doc.title == "Talks in Helsinki"
    full = read_document(write(tmp_path, "page.htm", page), options=ImportOptions(True))
    assert full.text == doc.text + "\n22 September"
    assert full.warnings == doc.warnings == []


def test_html_teaser_articles_in_chrome_are_not_the_article(tmp_path: Path) -> None:
    page = (
        "<body><div><h1>Gespräche in Helsinki</h1><p>Der eigentliche Text.</p></div>"
        "<aside><article><p>Lesen Sie auch: ein viel längerer Teaser über etwas ganz "
        "anderes, das hier nicht hingehört.</p></article></aside></body>"
    )
    doc = read_document(write(tmp_path, "teaser.html", page))
    assert doc.text == "Gespräche in Helsinki\nDer eigentliche Text."


def test_html_json_ld_metadata(tmp_path: Path) -> None:
    page = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},
     {"@type": "NewsArticle", "headline": "Gespräche in Helsinki",
      "datePublished": "2021-09-23T08:00:00Z", "author": [{"@type": "Person", "name": "A. B."}],
      "publisher": {"@type": "Organization", "name": "Kurier"}}]}
    </script></head><body><main><p>Text des Artikels.</p></main></body></html>"""
    doc = read_document(write(tmp_path, "ld.html", page))
    assert doc.text == "Text des Artikels."
    assert (doc.title, doc.published, doc.author, doc.outlet) == (
        "Gespräche in Helsinki", "2021-09-23", "A. B.", "Kurier"
    )  # fmt: skip


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1", None])
def test_html_legacy_encoding(tmp_path: Path, charset: str | None) -> None:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset
        else ""
    )
    page = f"<html><head>{meta}</head><body><p>{GERMAN.strip()}</p></body></html>"
    doc = read_document(write(tmp_path, "legacy.html", page.encode("cp1252")))
    assert doc.text == " ".join(GERMAN.split())


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = '<html><head><meta charset="koi8-r"></head><body><p>Удар из-за горизонта</p></body>'
    assert read_document(write(tmp_path, "ru.html", page.encode("koi8-r"))).text == (
        "Удар из-за горизонта"
    )


def test_xhtml_with_xml_declaration_parses_without_warnings(tmp_path: Path) -> None:
    page = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr"><head><title>Titre</title>'
        "</head><body><p>Le général a parlé.</p><p>Deuxième paragraphe.</p></body></html>"
    )
    doc = read_document(write(tmp_path, "page.xhtml", page))
    assert doc.text == "Le général a parlé.\nDeuxième paragraphe."
    assert (doc.title, doc.language) == ("Titre", "fr")


@pytest.mark.parametrize("content", ["example.com/index.html", "just some words", "a.txt"])
def test_html_without_markup_does_not_warn(tmp_path: Path, content: str) -> None:
    assert read_document(write(tmp_path, "plain.html", content)).text == content


def test_html_tables_and_pre(tmp_path: Path) -> None:
    page = (
        "<body><table><tr><th>Land</th><th>Stimmen</th></tr><tr><td>DE</td><td>12</td></tr>"
        "</table><pre>Zeile  eins\nZeile zwei</pre></body>"
    )
    assert read_document(write(tmp_path, "t.html", page)).text == (
        "Land Stimmen\nDE 12\nZeile eins\nZeile zwei"
    )


def test_html_without_readable_text(tmp_path: Path) -> None:
    fails(write(tmp_path, "s.html", "<html><script>x()</script><nav>Menü</nav></html>"),
          "has no readable text")  # fmt: skip


def test_deeply_nested_html(tmp_path: Path) -> None:
    page = "<div>" * 5000 + "tief verschachtelt" + "</div>" * 5000
    assert read_document(write(tmp_path, "deep.html", page)).text == "tief verschachtelt"


# --- EPUB --------------------------------------------------------------------------------

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles></container>"""

OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:5f1b7c1e-0000-4000-8000-000000000001</dc:identifier>
    <dc:title>Über Grenzen</dc:title>
    <dc:creator>Anna Müller</dc:creator>
    <dc:creator>Boris Iwanow</dc:creator>
    <dc:language>de</dc:language>
    <dc:date>2021-09-22</dc:date>
    <dc:publisher>Verlag am See</dc:publisher>
    <meta property="dcterms:modified">2021-09-22T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx"><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"""

NAV = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Inhalt</title></head><body><nav epub:type="toc"><ol>
<li><a href="c1.xhtml">Eins</a></li><li><a href="c2.xhtml">Zwei</a></li></ol></nav></body></html>"""

NCX = """<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head>
<meta name="dtb:uid" content="urn:uuid:5f1b7c1e-0000-4000-8000-000000000001"/></head>
<docTitle><text>Über Grenzen</text></docTitle><navMap>
<navPoint id="n1" playOrder="1"><navLabel><text>Eins</text></navLabel>
  <content src="c1.xhtml"/></navPoint>
<navPoint id="n2" playOrder="2"><navLabel><text>Zwei</text></navLabel>
  <content src="c2.xhtml"/></navPoint>
</navMap></ncx>"""


def chapter(title: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head>'
        f"<body><h1>{title}</h1>{body}</body></html>"
    )


CHAPTER_ONE = (
    "<p>Die Generalstabschefs trafen sich in Helsinki. Das Treffen dauerte sechs Stunden und "
    "„war das erste persönliche Treffen seit 2019“, sagte der US-General.</p>"
    "<p>Beide gaben keine Einzelheiten ihrer Gespräche bekannt.</p>"
)
CHAPTER_TWO = "<p>«Удар из-за горизонта» 😀</p><p>Zweiter Absatz.</p>"


def make_epub(path: Path, chapters: tuple[str, str] = (CHAPTER_ONE, CHAPTER_TWO)) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/content.opf", OPF)
        book.writestr("OEBPS/nav.xhtml", NAV)
        book.writestr("OEBPS/toc.ncx", NCX)
        book.writestr("OEBPS/c1.xhtml", chapter("Kapitel eins", chapters[0]))
        book.writestr("OEBPS/c2.xhtml", chapter("Kapitel zwei", chapters[1]))
    return path


def test_epub(tmp_path: Path) -> None:
    path = make_epub(tmp_path / "book.epub")
    doc = read_document(path)
    assert doc.text == (
        "Kapitel eins\n"
        "Die Generalstabschefs trafen sich in Helsinki. Das Treffen dauerte sechs Stunden und "
        "„war das erste persönliche Treffen seit 2019“, sagte der US-General.\n"
        "Beide gaben keine Einzelheiten ihrer Gespräche bekannt.\n"
        "Kapitel zwei\n"
        "«Удар из-за горизонта» 😀\n"
        "Zweiter Absatz."
    )
    assert doc.format == "epub"
    assert doc.pages == []
    assert doc.title == "Über Grenzen"
    assert doc.author == "Anna Müller, Boris Iwanow"
    assert doc.language == "de"
    assert doc.published == "2021-09-22"
    assert doc.outlet == "Verlag am See"
    assert doc.original == path.read_bytes()


def test_epub_long_paragraph_is_one_line(tmp_path: Path) -> None:
    long = " ".join(["Die Nord-Süd-Gespräche über militärische Kontakte dauerten lange."] * 40)
    doc = read_document(make_epub(tmp_path / "long.epub", (f"<p>{long}</p>", "<p>Ende.</p>")))
    assert doc.text.split("\n")[1] == long


def test_epub_cancel_between_chapters(tmp_path: Path) -> None:
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    fails(make_epub(tmp_path / "book.epub"), "import cancelled", cancel=cancel)
    assert len(calls) == 3


def test_not_an_epub(tmp_path: Path) -> None:
    fails(write(tmp_path, "book.epub", GERMAN), "is not a readable EPUB")
    fails(write(tmp_path, "half.epub", make_epub(tmp_path / "x.epub").read_bytes()[:300]),
          "is not a readable EPUB")  # fmt: skip
