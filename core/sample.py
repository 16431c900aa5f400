"""The bundled sample project: four fictional articles annotated by two analysts.

It gives a new user something to explore and the review features (agreement, disagreements)
real material, and it is a realistic fixture for tests. The articles live in
``resources/sample/``; the PDF is rendered from a text source at build time, so no binary
is checked in and its text layer always matches the source. Annotations are placed by
finding their passage in the stored text, never by offsets, so editing an article cannot
silently shift them.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.anchoring import locate_quote
from core.commands import AddAnnotations
from core.errors import GlossaError, NotFound
from core.i18n import _
from core.model import Annotation
from core.project import Project, new_annotation
from core.xdg import data_home

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLE_DIR = RESOURCES / "sample"
BUNDLED_FONT = RESOURCES / "fonts" / "DejaVuSans.ttf"
SYSTEM_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SAMPLE_FILE_NAME = "sample.glossa"

ANNA = "Anna Berger"
TOMAS = "Tomás Ruiz"
ANALYSTS = (ANNA, TOMAS)

# Keys used by the annotation table below, and the files they come from.
FAEHRE, CABLE, PRESSE, KLINIK = "faehre", "cable", "presse", "klinik"
ARTICLES: dict[str, str] = {
    FAEHRE: "de-oberau-donaufaehre.txt",
    CABLE: "en-kellsport-cable-route.html",
    PRESSE: "ru-de-presseschau-donaukorridor.txt",
}
PDF_SOURCE = "pdf-source/de-klinikverbund-nordwald.txt"
PDF_NAME = "de-klinikverbund-nordwald.pdf"
PDF_AUTHOR = "Jana Albrecht"
PDF_CREATED = "D:20251105080000+01'00'"


# --- where the app keeps its copy ----------------------------------------------------


def sample_project_path() -> Path:
    """The per-user copy: ``$XDG_DATA_HOME/glossa/sample.glossa``, else under ~/.local/share.

    A relative ``XDG_DATA_HOME`` is ignored, as the XDG spec asks.
    """
    return data_home() / "glossa" / SAMPLE_FILE_NAME


def ensure_sample_project() -> Path:
    """The per-user sample project, built on first use or when the copy there is unreadable.

    The new copy is built beside the target and moved into place, so an interrupted build
    never leaves a half-made project where the app looks for one.
    """
    target = sample_project_path()
    if _is_readable_project(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".sample-build-") as tmp:
        built = build_sample_project(Path(tmp) / target.name)
        # A damaged file's journal must not be replayed into the fresh copy.
        for sidecar in _sidecars(target):
            sidecar.unlink(missing_ok=True)
        os.replace(built, target)
    return target


def _is_readable_project(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with Project.open(path) as project:
            project.documents()
    except (GlossaError, sqlite3.Error):
        return False
    return True


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


# --- building ------------------------------------------------------------------------


def build_sample_project(path: Path) -> Path:
    """Create the sample project at ``path``, which must not exist yet.

    On any failure the partly built file is removed and the error propagates; an
    existing file is never touched (``ProjectError``).
    """
    path = Path(path)
    project = Project.create(path, author=ANNA)
    try:
        with tempfile.TemporaryDirectory(prefix="glossa-sample-") as tmp:
            document_ids = _import_articles(project, Path(tmp))
        _add_annotations(project, document_ids)
    except BaseException:
        project.close()
        for leftover in (path, *_sidecars(path)):
            leftover.unlink(missing_ok=True)
        raise
    project.close()
    return path


def _import_articles(project: Project, workdir: Path) -> dict[str, str]:
    paths = {key: SAMPLE_DIR / name for key, name in ARTICLES.items()}
    paths[KLINIK] = render_article_pdf(
        SAMPLE_DIR / PDF_SOURCE, workdir / PDF_NAME, author=PDF_AUTHOR, created=PDF_CREATED
    )
    return {key: project.import_file(path).document.id for key, path in paths.items()}


def _add_annotations(project: Project, document_ids: dict[str, str]) -> None:
    """One ``AddAnnotations`` per analyst and article, as if each had tagged it in a session."""
    codebook = project.codebook()
    texts = {key: project.text(doc_id) for key, doc_id in document_ids.items()}
    batches: dict[tuple[str, str], list[Annotation]] = {}
    for mark in (*MARKS, *_source_marks(texts[FAEHRE], FAEHRE, ANNA)):
        start, end = locate_quote(texts[mark.document], mark.exact, mark.occurrence)
        annotation = new_annotation(
            document_ids[mark.document], start, end, codebook.find(mark.tag).id, mark.author,
            attributes=dict(mark.attributes), note=mark.note,
        )
        batches.setdefault((mark.document, mark.author), []).append(annotation)
    for (_document, author), batch in batches.items():
        project.execute(AddAnnotations(batch, text=_("Sample annotations by %(name)s")
                                       % {"name": author}))


# --- the annotations -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """One sample annotation, named by its passage rather than by offsets."""

    document: str
    exact: str
    tag: str
    author: str
    attributes: tuple[tuple[str, str], ...] = ()
    note: str = ""
    occurrence: int = 1


def _quote(document: str, exact: str, speaker: str, form: str, author: str,
           note: str = "") -> Mark:
    return Mark(document, exact, "Quote", author, (("speaker", speaker), ("form", form)), note)


def _tone(document: str, exact: str, level: str, author: str) -> Mark:
    return Mark(document, exact, f"Tone/{level}", author)


_SOURCE_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2}) – \((.+?)\) – (.+)$", re.MULTILINE)


def _source_marks(text: str, document: str, author: str) -> Iterator[Mark]:
    """A Source annotation for every line of the article's ``Quellen:`` list."""
    heading = text.find("\nQuellen:\n")
    if heading == -1:
        raise NotFound(_("the German sample article has no \"Quellen:\" list"))
    for match in _SOURCE_LINE.finditer(text, heading):
        date, outlet, title = match.groups()
        attributes = (("outlet", outlet), ("date", date), ("title", title.strip("«»")))
        yield Mark(document, match.group(0), "Source", author, attributes)


_KUEHN_ATTACK = (
    "„Wer uns eine Rechnung über 4,2 Millionen Euro auf den Tisch legt, ohne vorher ein "
    "einziges Gutachten zu zeigen, der hat das Vertrauen des Kreistags verspielt“"
)
_KUEHN_PARAGRAPH = (
    "Landrat Matthias Kühn warf der Stadtverwaltung vor, die Kosten für die Sanierung der "
    "Anlegestelle über Monate verschwiegen zu haben. " + _KUEHN_ATTACK + ", sagte Kühn. Die "
    "Fähre sei „ein Fass ohne Boden“, der Kreis werde keinen Cent mehr zuschießen."
)
_KUEHN_RETREAT = (
    "„Ich nehme den scharfen Ton von vorhin zurück. Mit dem Angebot aus Kamenez reden wir "
    "über eine ganz andere Lage“"
)
_FISCHBACH = "man müsse endlich aufhören, die Fähre als Kostenfaktor zu behandeln"
_STERNBERG_THANKS = (
    "Sternberg dankte beiden Seiten. \"Wir haben heute Abend gezeigt, dass man auch nach "
    "einem lauten Anfang zu einem guten Ende kommen kann\", sagte sie. Bis Juni soll eine "
    "gemeinsame Arbeitsgruppe aus Stadt, Kreis und Hafengesellschaft einen Finanzierungsplan "
    "vorlegen; die Bürgerinitiative erhält darin einen beratenden Sitz."
)
_MOYES = (
    "“We were never against the wind farm. We were against being told where we could fish by "
    "people who had never been out here in January,”"
)
_PRYCE_PARAGRAPH = (
    "Not everyone is satisfied. Councillor Graham Pryce, who represents the harbour ward, said "
    "the monitoring budget was “far too small to mean anything” and that he would ask the "
    "council to demand an independent review of the survey data."
)
_LEBEDEWA = (
    "«Впервые за долгое время все стороны сидят за одним столом. Это уже немало, и этим "
    "шансом нужно воспользоваться»"
)
_BRANDL = (
    "„Man hat uns die Pläne vorgelegt, als alles längst entschieden war. So behandelt man "
    "keine Leute, die seit zwanzig Jahren Nachtdienste schieben“"
)

#: The analysts' annotations (the ``Quellen:`` list is added from the text itself).
#: Disagreements on purpose: Kühn's attack (quote marks in or out; Confrontational vs
#: Critical), Fischbach's reported speech (clause vs whole sentence), the closing paragraph
#: (Cooperative vs Conciliatory), Kolew's second quote and Hrytsenko (tagged by one only).
MARKS: tuple[Mark, ...] = (
    # Oberau ferry (German)
    _quote(FAEHRE, _KUEHN_ATTACK, "Matthias Kühn", "direct", ANNA),
    _quote(FAEHRE, _KUEHN_ATTACK.strip("„“"), "Matthias Kühn", "direct", TOMAS),
    _tone(FAEHRE, _KUEHN_PARAGRAPH, "Confrontational", ANNA),
    _tone(FAEHRE, _KUEHN_PARAGRAPH, "Critical", TOMAS),
    _quote(FAEHRE, "Die Fähre sei „ein Fass ohne Boden“, der Kreis werde keinen Cent mehr "
           "zuschießen", "Matthias Kühn", "reported", ANNA,
           note="Nur „ein Fass ohne Boden“ ist wörtlich, der Rest indirekte Rede. "
                "Mit dem Sitzungsprotokoll abgleichen."),
    _quote(FAEHRE, "\"Das ist schlicht falsch, und der Landrat weiß das\"",
           "Helga Sternberg", "direct", ANNA),
    _quote(FAEHRE, "\"Das ist schlicht falsch, und der Landrat weiß das\"",
           "Helga Sternberg", "direct", TOMAS),
    _quote(FAEHRE, "Die Gutachten lägen seit Januar im Ratsinformationssystem, jeder Kreisrat "
           "habe sie lesen können.", "Helga Sternberg", "reported", ANNA),
    _quote(FAEHRE, _FISCHBACH, "Lena Fischbach", "reported", ANNA),
    _quote(FAEHRE, "Deren Sprecherin Lena Fischbach sagte, " + _FISCHBACH + "; für Dutzende "
           "Betriebe auf beiden Seiten des Flusses hänge die Existenz an der Verbindung.",
           "Lena Fischbach", "reported", TOMAS),
    _quote(FAEHRE, "“Diese Fähre ist älter als unsere Städtepartnerschaft, und sie soll sie "
           "überleben”", "Dimitar Kolew", "direct", ANNA),
    _quote(FAEHRE, "“Wir haben lange genug gestritten, jetzt sollten wir gemeinsam rechnen.”",
           "Dimitar Kolew", "direct", TOMAS,
           note="Laut Text auf Deutsch gesagt, nicht übersetzt."),
    _quote(FAEHRE, _KUEHN_RETREAT, "Matthias Kühn", "direct", ANNA),
    _tone(FAEHRE, _KUEHN_RETREAT, "Conciliatory", ANNA),
    _tone(FAEHRE, _KUEHN_RETREAT, "Conciliatory", TOMAS),
    _quote(FAEHRE, "der Kreis werde seinen Anteil für zwei Jahre sichern, wenn die Stadt bis "
           "zum Sommer einen verbindlichen Sanierungsplan vorlege", "Matthias Kühn",
           "reported", ANNA),
    _quote(FAEHRE, "\"Wir haben heute Abend gezeigt, dass man auch nach einem lauten Anfang zu "
           "einem guten Ende kommen kann\"", "Helga Sternberg", "direct", ANNA),
    _tone(FAEHRE, _STERNBERG_THANKS, "Cooperative", ANNA),
    _tone(FAEHRE, _STERNBERG_THANKS, "Conciliatory", TOMAS),
    Mark(FAEHRE, "rund 38.000 Lastwagen, Traktoren und Busse", "Note", TOMAS,
         note="Zahl stammt nur von der Hafengesellschaft; in keiner Quelle bestätigt."),
    # Kellsport cable route (English, HTML)
    _quote(CABLE, _MOYES, "Declan Moyes", "direct", ANNA),
    _quote(CABLE, "We were never against the wind farm.", "Declan Moyes", "direct", TOMAS),
    _quote(CABLE, "“For months we argued by email. It took one afternoon in the net loft to "
           "settle what a year of letters could not,”", "Ruth Okafor", "direct", ANNA),
    _quote(CABLE, "the monitoring budget was “far too small to mean anything” and that he "
           "would ask the council to demand an independent review", "Graham Pryce",
           "reported", ANNA),
    _tone(CABLE, "Saltmere Offshore said in a statement that the new route would add about "
          "four kilometres of cable and delay first power by six weeks.", "Neutral", ANNA),
    _tone(CABLE, _PRYCE_PARAGRAPH, "Critical", TOMAS),
    # Press review (Russian and German; the 📰 before it shifts UTF-16 offsets)
    _quote(PRESSE, "«Соглашение выглядит красиво на бумаге, но порты на Дунае по-прежнему "
           "работают на пределе своих возможностей»", "Игорь Савельев", "direct", ANNA),
    _tone(PRESSE, "Без новых причалов и без нормальной логистики никакой коридор не "
          "заработает.", "Critical", TOMAS),
    _quote(PRESSE, _LEBEDEWA, "Марина Лебедева", "direct", ANNA),
    _tone(PRESSE, _LEBEDEWA, "Conciliatory", ANNA),
    # Klinikverbund Nordwald (German, PDF)
    _quote(KLINIK, "„Zwei kleine Häuser, die gegeneinander um dieselben Ärztinnen und "
           "Pflegekräfte werben, haben keine Zukunft. Ein Verbund schon“",
           "Sabine Ortmann", "direct", ANNA),
    _quote(KLINIK, _BRANDL, "Uwe Brandl", "direct", ANNA,
           note="Wann genau wurden die Pläne vorgelegt? Beim Betriebsrat nachfragen."),
    _quote(KLINIK, _BRANDL, "Uwe Brandl", "direct", TOMAS),
    _quote(KLINIK, "„Ich habe hier ein Team gefunden, das mich aufgenommen hat. Ich möchte, "
           "dass dieses Team bleibt“", "Olena Hrytsenko", "direct", TOMAS),
    _tone(KLINIK, "„Jetzt geht es darum, dass die Fusion auch im Stationsalltag funktioniert. "
          "Dafür strecken wir die Hand aus“", "Cooperative", ANNA),
)


# --- the PDF -------------------------------------------------------------------------

_MARGIN = 64.0
_TITLE_SIZE, _BYLINE_SIZE, _BODY_SIZE = 17.0, 9.0, 10.5
_LEADING = 1.45  # line height as a multiple of the font size
_PARAGRAPH_GAP = 0.7 * _BODY_SIZE
_FONT_NAME = "DejaVuSans"


def sample_font() -> Path:
    """DejaVu Sans (covers „“, – and Cyrillic): the system copy, else the one shipped here.

    The PDF base-14 fonts would turn those characters into "?".
    """
    return SYSTEM_FONT if SYSTEM_FONT.is_file() else BUNDLED_FONT


def render_article_pdf(source: Path, target: Path, *, author: str = "", created: str = "",
                       font: Path | None = None) -> Path:
    """Typeset a plain-text article as an A4 PDF with an embedded, subset font.

    ``source`` holds one paragraph per line: the title, the byline, then the body; a line
    holding only a form feed starts a new page. Lines wrap at spaces only, so no hyphen
    is added that text extraction would have to undo.
    """
    import pymupdf  # heavy; only the sample build and the importers need it

    mupdf: Any = pymupdf  # unannotated API: mypy --strict would reject every call
    font_file = str(font or sample_font())
    metrics = mupdf.Font(fontfile=font_file)
    pages = source.read_text(encoding="utf-8").split("\f")
    width, height = mupdf.paper_size("a4")
    doc = mupdf.open()
    try:
        first_paragraph = 0
        title = ""
        for page_text in pages:
            page = doc.new_page(width=width, height=height)
            y = _MARGIN
            for paragraph in (p.strip() for p in page_text.split("\n")):
                if not paragraph:
                    continue
                size = (_TITLE_SIZE, _BYLINE_SIZE)[first_paragraph] if first_paragraph < 2 \
                    else _BODY_SIZE
                title = title or paragraph
                first_paragraph += 1
                for line in _wrap(paragraph, metrics, size, width - 2 * _MARGIN):
                    y += size * _LEADING
                    if y > height - _MARGIN:
                        page = doc.new_page(width=width, height=height)
                        y = _MARGIN + size * _LEADING
                    page.insert_text((_MARGIN, y), line, fontsize=size, fontname=_FONT_NAME,
                                     fontfile=font_file, color=(0.1, 0.1, 0.1))
                y += _PARAGRAPH_GAP
        doc.set_metadata(_pdf_metadata(title, author, created))
        doc.subset_fonts()
        doc.save(str(target), garbage=4, deflate=True)
    finally:
        doc.close()
    return target


def _pdf_metadata(title: str, author: str, created: str) -> dict[str, Any]:
    return {"title": title, "author": author, "creationDate": created, "modDate": created,
            "creator": "Glossa sample", "producer": "PyMuPDF"}


def _wrap(paragraph: str, metrics: Any, size: float, width: float) -> list[str]:
    """Greedy word wrap by the font's real advance widths."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        candidate = f"{current} {word}" if current else word
        if current and metrics.text_length(candidate, fontsize=size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


__all__ = [
    "ANALYSTS",
    "MARKS",
    "build_sample_project",
    "ensure_sample_project",
    "render_article_pdf",
    "sample_font",
    "sample_project_path",
]
