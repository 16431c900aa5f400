"""HTML to PDF through pymupdf's Story, with fonts that cover the reports' languages.

The PDF base-14 fonts turn „ “ ” « » – and every Cyrillic letter into "?", so every
text is set in DejaVu Sans, embedded from ``resources/fonts`` (regular and bold are
bundled; an oblique face is taken from the system when there is one, else italics use
the upright face). A report's first page is its title page: every later page gets a
footer with the title and "Page n of m". h1 and h2 headings become the PDF's bookmarks, and
``<a href="#id">`` and ``<a href="https://...">`` become working links.

Story understands a subset of HTML and CSS (block and inline boxes, tables, borders
on blocks, backgrounds, ``page-break-before``; no ``inline-block``, no borders on
inline elements, and inline SVG is rasterised at 96 dpi). Vector drawings therefore
go through **painters**: the template leaves an empty block with an ``id`` and a
fixed height, and ``painters[id](page, rect)`` draws into it with pymupdf's drawing
commands once the pages are laid out.

The PDF is written to a temporary file beside ``out_path`` and moved over it at the
end (``core.exporters.atomic_path``): a cancelled or failed export leaves no file.
"""

# API stable: other modules build on this

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf as _pymupdf

from core import __version__
from core.errors import InvalidValue
from core.exporters import Cancel, Progress, atomic_path, check_cancel
from core.i18n import _

FONTS = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")
#: pymupdf's API is unannotated, which ``mypy --strict`` rejects at every call.
pymupdf: Any = _pymupdf

#: The family name templates may use in CSS; the body uses it by default.
FONT_FAMILY = "Glossa Sans"

#: ``painter(page, rect)``: draws into the block whose ``id`` names it (pymupdf objects).
Painter = Callable[[Any, Any], None]

_FACES = {  # (weight, style) -> file names to try, bundled copy first
    ("normal", "normal"): ("DejaVuSans.ttf",),
    ("bold", "normal"): ("DejaVuSans-Bold.ttf",),
    ("normal", "italic"): ("DejaVuSans-Oblique.ttf", "DejaVuSans.ttf"),
    ("bold", "italic"): ("DejaVuSans-BoldOblique.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans.ttf"),
}
_FOOTER_SIZE = 7.5
_FOOTER_GREY = (0.35, 0.35, 0.35)


@dataclass(frozen=True, slots=True)
class PageLayout:
    """Page size and margins in PDF points (A4 with 2 cm margins by default)."""

    width: float = 595.28
    height: float = 841.89
    left: float = 56.7
    right: float = 56.7
    top: float = 56.7
    bottom: float = 62.0

    @property
    def mediabox(self) -> Any:
        return pymupdf.Rect(0, 0, self.width, self.height)

    @property
    def content(self) -> Any:
        return pymupdf.Rect(self.left, self.top, self.width - self.right,
                            self.height - self.bottom)


A4 = PageLayout()


def _font_file(name: str) -> Path | None:
    for folder in (FONTS, SYSTEM_FONTS):
        if (folder / name).is_file():
            return folder / name
    return None


@functools.cache
def _font_faces() -> tuple[tuple[str, str, str, bytes], ...]:
    """(weight, style, archive name, bytes) of each face, read once per process."""
    faces: list[tuple[str, str, str, bytes]] = []
    loaded: dict[Path, str] = {}
    for (weight, style), names in _FACES.items():
        path = next((p for p in map(_font_file, names) if p is not None), None)
        if path is None:
            continue
        if path not in loaded:
            loaded[path] = f"glossa-font-{len(loaded)}.ttf"
        faces.append((weight, style, loaded[path], path.read_bytes()))
    if not faces or faces[0][:2] != ("normal", "normal"):
        raise FileNotFoundError(f"DejaVuSans.ttf is missing from {FONTS}")
    return tuple(faces)


def regular_font_file() -> Path:
    """The regular face's file (for drawing text with pymupdf outside the Story)."""
    path = _font_file("DejaVuSans.ttf")
    if path is None:
        raise FileNotFoundError(f"DejaVuSans.ttf is missing from {FONTS}")
    return path


def font_css() -> str:
    """``@font-face`` rules for ``FONT_FAMILY`` and the body font; prepended to user CSS."""
    rules = [
        f'@font-face {{font-family: "{FONT_FAMILY}"; src: url({name}); '
        f"font-weight: {weight}; font-style: {style};}}"
        for weight, style, name, _ in _font_faces()
    ]
    rules.append(f'body {{font-family: "{FONT_FAMILY}";}}')
    return "\n".join(rules) + "\n"


def _archive() -> Any:
    archive = pymupdf.Archive()
    added: set[str] = set()
    for *_style, name, data in _font_faces():
        if name not in added:
            archive.add((data, name))
            added.add(name)
    return archive


#: Comments a template may put between top-level blocks. The HTML is cut there into
#: separate Stories laid out one after the other: MuPDF's layout of one long Story
#: slows down page by page (10 s instead of 3 s for 600 pages), a chain of short ones
#: does not. ``FLOW_BREAK`` continues on the same page, ``PAGE_BREAK`` starts a new one
#: (use it instead of CSS ``page-break-before`` on a Story's first element, which MuPDF
#: cannot lay out: it would add empty pages forever; ``html_to_pdf`` refuses that).
FLOW_BREAK = "<!--glossa:flow-->"
PAGE_BREAK = "<!--glossa:page-->"
_BREAKS = re.compile(r"<!--glossa:(flow|page)-->")
_HEADING = re.compile(r"\s*<h[1-6][\s>]")
#: A piece that begins with a heading needs this much room, or it starts a new page:
#: MuPDF knows no ``page-break-after: avoid``, and a heading alone at the foot of a
#: page with its table on the next reads badly.
_KEEP_ROOM = 96.0
#: Flow breaks closer together than this many characters of HTML are ignored.
_PIECE_CHARS = 200_000
#: A piece this long is cut where parts that need positions and parts that do not meet.
_SPLIT_CHARS = 20_000
#: Identical empty pages in a row that prove a Story cannot advance.
_STUCK_PAGES = 3
#: Below this much room left on a page, the next Story starts on a new page.
_MIN_ROOM = 24.0


def html_to_pdf(
    html: str,
    out_path: Path,
    *,
    title: str,
    css: str = "",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    painters: Mapping[str, Painter] | None = None,
    author: str = "",
    subject: str = "",
    title_page: bool = True,
    layout: PageLayout = A4,
) -> int:
    """Typeset ``html`` (styled by ``css``) as a PDF at ``out_path``; return the page count.

    ``progress(pages_done, 0)`` is called after each page (the total is not known
    before the layout ends); ``cancel`` is polled before each page and stops with
    ``ExportCancelled``, leaving ``out_path`` as it was. With ``title_page`` the first
    page carries no footer. ``FLOW_BREAK``/``PAGE_BREAK`` comments in ``html`` split the
    layout (see above); HTML that cannot be laid out raises ``InvalidValue``.
    """
    check_cancel(cancel)
    # str.join, not "+": ``css`` may be a markupsafe.Markup, whose "+" would escape the fonts.
    user_css = "\n".join((font_css(), css))
    archive = _archive()
    positions: list[Any] = []
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    content = layout.content
    pages = 0
    device: Any = None
    where = content
    try:
        for piece, new_page in _pieces(html):
            if new_page and device is not None:
                writer.end_page()
                device = None
            if (device is not None and _HEADING.match(piece)
                    and where.y1 - where.y0 < _KEEP_ROOM):
                writer.end_page()
                device = None
                if progress is not None:
                    progress(pages, 0)
            story = pymupdf.Story(piece, user_css=user_css, archive=archive)
            # Positions cost a Python call per element: only ask where they matter.
            wanted = _needs_positions(piece)
            stuck: list[tuple[float, ...]] = []
            more = True
            while more:
                fresh = device is None
                if fresh:
                    check_cancel(cancel)
                    device = writer.begin_page(layout.mediabox)
                    pages += 1
                    where = content
                more, filled = story.place(where)
                filled = pymupdf.Rect(filled)
                found: list[Any] = []
                suspicious = fresh and more and filled.y1 < content.y1 - _MIN_ROOM
                if wanted or suspicious:
                    story.element_positions(_recorder(found), {"page_num": pages})
                    positions += found
                # MuPDF repeats a page forever when a Story begins with a page break: a
                # fresh page, little of it filled, nothing placed, the same every time.
                stuck = [*stuck, tuple(filled)] if suspicious and not found else []
                if len(stuck) >= _STUCK_PAGES and len(set(stuck)) == 1:
                    raise InvalidValue(_(
                        "the report's HTML cannot be laid out: a page break before the first "
                        "element of a part? (use PAGE_BREAK instead)")
                    )
                story.draw(device)
                if more or filled.y1 > content.y1 - _MIN_ROOM:
                    writer.end_page()
                    device = None
                    if progress is not None:
                        progress(pages, 0)
                else:
                    where = pymupdf.Rect(content.x0, filled.y1, content.x1, content.y1)
        if device is not None:
            writer.end_page()
            if progress is not None:
                progress(pages, 0)
    finally:
        writer.close()
    check_cancel(cancel)
    document = pymupdf.open("pdf", buffer.getvalue())
    try:
        _add_links(document, positions)
        _paint(document, positions, painters or {})
        _add_footers(document, title, skip_first=title_page, layout=layout)
        _add_bookmarks(document, positions)
        document.set_metadata({
            "title": title, "author": author, "subject": subject,
            "creator": f"Glossa {__version__}", "producer": f"PyMuPDF {pymupdf.VersionBind}",
        })
        document.subset_fonts()
        check_cancel(cancel)
        with atomic_path(Path(out_path)) as temporary:
            document.save(str(temporary), garbage=3, deflate=True)
        return len(document)
    finally:
        document.close()


def _needs_positions(html: str) -> bool:
    """Whether a piece holds what positions are asked for: link targets, links, and the
    h1/h2 headings that become bookmarks."""
    return "id=" in html or "href=" in html or "<h1" in html or "<h2" in html


def _pieces(html: str) -> Iterator[tuple[str, bool]]:
    """(HTML, starts a new page) per Story: cut at every page break, and at a flow break
    once a piece has ``_PIECE_CHARS`` (each Story parses the CSS and loads the fonts
    again, so pieces should not be tiny either), or from ``_SPLIT_CHARS`` on where parts
    with and without links, ids or headings meet (asking a Story where its elements went
    costs a Python call per element, so only pieces that need it should pay). A part that
    begins with a heading always begins a piece, so the layout can keep it with what
    follows (``_KEEP_ROOM``)."""
    pending: list[str] = []
    size = 0
    wanted: bool | None = None  # whether the pending content needs positions
    new_page = False
    for index, part in enumerate(_BREAKS.split(html)):
        if index % 2:  # a break comment: "flow" or "page"
            if part == "page" and wanted is not None:
                yield "".join(pending), new_page
                pending, size, wanted, new_page = [], 0, None, False
            new_page = new_page or part == "page"
            continue
        if part.strip():
            needs = _needs_positions(part)
            if wanted is not None and (
                    size >= _PIECE_CHARS or _HEADING.match(part)
                    or (needs != wanted and size >= _SPLIT_CHARS)):
                yield "".join(pending), new_page
                pending, size, wanted, new_page = [], 0, None, False
            wanted = needs or bool(wanted)
        pending.append(part)
        size += len(part)
    if wanted is not None:
        yield "".join(pending), new_page


def _recorder(positions: list[Any]) -> Callable[[Any], None]:
    """A one-argument Python function (pymupdf inspects ``__code__``; a bound method fails)."""

    def record(position: Any) -> None:
        positions.append(position)

    return record


def _opened(positions: list[Any]) -> list[Any]:
    """Positions of element openings (each element is reported opening and closing)."""
    return [p for p in positions if p.open_close & 1]


def _add_links(document: Any, positions: list[Any]) -> None:
    """Link annotations for ``<a href>``: ``#id`` jumps to the element, others open a URL.

    Written as PDF objects directly: pymupdf's ``insert_link`` loads the target page
    for every link (half a millisecond each; a report can have thousands). A ``#id``
    without a target stays plain text.
    """
    opened = _opened(positions)
    targets: dict[str, Any] = {}
    for p in opened:
        if p.id and p.id not in targets:
            targets[p.id] = p
    page_xrefs = [document.page_xref(n) for n in range(len(document))]
    heights = [document[n].rect.height for n in {p.page_num - 1 for p in opened if p.href}]
    height = heights[0] if heights else 0.0
    links: dict[int, list[str]] = {}
    for page_num, href, (x0, y0, x1, y1) in _link_areas(opened):
        if href.startswith("#"):
            target = targets.get(href[1:])
            if target is None:
                continue
            action = (f"/A<</S/GoTo/D[{page_xrefs[target.page_num - 1]} 0 R/XYZ "
                      f"{target.rect[0]:.2f} {height - target.rect[1]:.2f} 0]>>")
        else:
            action = f"/A<</S/URI/URI{pymupdf.get_pdf_str(href)}>>"
        xref = document.get_new_xref()
        document.update_object(
            xref, f"<</Type/Annot/Subtype/Link/Rect[{x0:.2f} {height - y1:.2f} {x1:.2f} "
                  f"{height - y0:.2f}]/Border[0 0 0]{action}>>")
        links.setdefault(page_num - 1, []).append(f"{xref} 0 R")
    for number, references in links.items():
        kind, existing = document.xref_get_key(page_xrefs[number], "Annots")
        before = existing.strip("[]") if kind == "array" else ""
        document.xref_set_key(page_xrefs[number], "Annots",
                              "[" + " ".join(filter(None, (before, *references))) + "]")


def _link_areas(
    opened: list[Any],
) -> Iterator[tuple[int, str, tuple[float, float, float, float]]]:
    """(page, href, rect) per line of each link: Story reports every word of a link
    separately, which would make a dozen links of one title."""
    current: list[Any] | None = None
    for p in opened:
        if not p.href:
            continue
        x0, y0, x1, y1 = p.rect
        if (current is not None and current[0] == p.page_num and current[1] == p.href
                and abs(current[3] - y0) < 0.5 and x0 <= current[4] + 1.0):
            current[4] = max(current[4], x1)
            current[5] = max(current[5], y1)
            continue
        if current is not None:
            yield current[0], current[1], (current[2], current[3], current[4], current[5])
        current = [p.page_num, p.href, x0, y0, x1, y1]
    if current is not None:
        yield current[0], current[1], (current[2], current[3], current[4], current[5])


def _paint(document: Any, positions: list[Any],
           painters: Mapping[str, Painter]) -> None:
    if not painters:
        return
    for position in _opened(positions):
        painter = painters.get(position.id) if position.id else None
        if painter is not None:
            page = document[position.page_num - 1]
            # Story leaves its transformation unbalanced on some pages: isolate it, or
            # whatever is drawn afterwards lands mirrored at the top of the page.
            page.wrap_contents()
            painter(page, pymupdf.Rect(position.rect))


def _add_footers(document: Any, title: str, *, skip_first: bool,
                 layout: PageLayout) -> None:
    font = pymupdf.Font(fontfile=str(regular_font_file()))
    total = len(document)
    baseline = layout.height - layout.bottom / 2
    width = layout.width - layout.left - layout.right
    for index, page in enumerate(document):
        if skip_first and index == 0:
            continue
        number = _("Page %(page)s of %(pages)s") % {"page": index + 1, "pages": total}
        number_width = font.text_length(number, fontsize=_FOOTER_SIZE)
        label = _fit(title, font, width - number_width - 24)
        writer = pymupdf.TextWriter(page.rect, color=_FOOTER_GREY)
        writer.append((layout.left, baseline), label, font=font, fontsize=_FOOTER_SIZE)
        writer.append((layout.width - layout.right - number_width, baseline), number,
                      font=font, fontsize=_FOOTER_SIZE)
        # Underneath the page's content, so the Story's transformation (left unbalanced
        # on some pages) does not apply: the footer area is empty anyway. Cheaper than
        # wrapping every page's content in q/Q.
        writer.write_text(page, overlay=False)


def _fit(text: str, font: Any, width: float) -> str:
    """``text`` shortened with an ellipsis to ``width`` points at the footer size."""
    text = " ".join(text.split())
    if font.text_length(text, fontsize=_FOOTER_SIZE) <= width:
        return text
    while text and font.text_length(text + "…", fontsize=_FOOTER_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _one_line(text: str) -> str:
    """Lines of a wrapped heading joined: with a space, or none after a hyphen."""
    joined = ""
    for line in (part.strip() for part in text.splitlines()):
        if line:
            glue = "" if not joined or joined.endswith("-") else " "
            joined += glue + " ".join(line.split())
    return joined


def _add_bookmarks(document: Any, positions: list[Any]) -> None:
    """h1 and h2 headings as the outline, levels made gap-free as PDF viewers require."""
    headings = [p for p in _opened(positions) if 1 <= (p.heading or 0) <= 2 and p.text]
    if not headings:
        return
    top = min(p.heading for p in headings)
    toc: list[list[Any]] = []
    level = 0
    for p in headings:
        level = min(p.heading - top + 1, level + 1)
        # The position's text loses the space where a long heading wraps; the page has it.
        shown = document[p.page_num - 1].get_text("text", clip=pymupdf.Rect(p.rect)) or p.text
        toc.append([level, _one_line(shown), p.page_num,
                    {"kind": pymupdf.LINK_GOTO, "to": pymupdf.Point(p.rect[0], p.rect[1]),
                     "page": p.page_num - 1}])
    document.set_toc(toc)


__all__ = [
    "A4",
    "FLOW_BREAK",
    "FONT_FAMILY",
    "PAGE_BREAK",
    "PageLayout",
    "Painter",
    "font_css",
    "html_to_pdf",
    "regular_font_file",
]
