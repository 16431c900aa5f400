"""Saved web pages: the article's text, one paragraph per line, plus the page's metadata.

The article is found by trafilatura (``html_article``); the full page's readable text
(``html_readable``) is what the analyst gets on request, and what any page without an
article gets, with a warning saying so. The original bytes are always kept. Nothing is
fetched: scripts, frames and images are never run or loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from core.errors import ImportFailed
from core.i18n import N_, _
from core.importers.base import (
    ImportedDocument,
    check_length,
    first_line,
    iso_date,
    pick_title,
)
from core.importers.encoding import decode_bytes
from core.importers.html_article import Article, extract_article
from core.importers.html_meta import first, page_meta, strip_outlet
from core.importers.html_readable import content_root, readable_lines
from core.importers.language import guess_language
from core.text import normalize_text

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+?encoding\s*=\s*["']([-\w.:]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
NO_ARTICLE = N_("no article found on the page; its full readable text was imported")


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>``, XML declaration)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="replace") if match else None


@dataclass(frozen=True, slots=True)
class PageTexts:
    """Both texts a saved page offers: its article (None when the extractor finds none)
    and its full readable text."""

    article: str | None
    full_page: str


def _parse(path: Path, data: bytes) -> tuple[str, BeautifulSoup, list[str]]:
    """The page's markup as text, parsed, and what decoding it warned about."""
    if not data or data.isspace():
        raise ImportFailed(path, _("is empty"))
    decoded = decode_bytes(path, data, declared_encoding(data))
    # The declaration has been honoured; left in, bs4 would warn that XML is parsed as HTML.
    markup = _XML_DECLARATION.sub("", decoded.text.lstrip("\ufeff"), count=1)
    if "<" not in markup and "\n" not in markup:
        markup += "\n"  # keeps bs4 from warning that a short text "looks like a file name"
    return markup, BeautifulSoup(markup, "html.parser"), list(decoded.warnings)


def _stored(path: Path, lines: list[str]) -> str:
    text = normalize_text("\n".join(lines))
    if not text.strip():
        raise ImportFailed(path, _("has no readable text"))
    check_length(path, text)
    return text


def page_texts(path: Path, data: bytes) -> PageTexts:
    """The article and the full text of a saved page, as ``read_html`` stores each: what
    switching an imported page between the two needs, from its original bytes."""
    markup, soup, _ = _parse(path, data)
    article = extract_article(markup, soup)
    full = _stored(path, readable_lines(content_root(soup)))
    return PageTexts(None if article is None else _stored(path, article.lines), full)


def read_html(path: Path, data: bytes, *, full_page: bool = False) -> ImportedDocument:
    """Import a saved web page (``.html``, ``.htm``, ``.xhtml``): its article, or with
    ``full_page`` all of its readable text."""
    markup, soup, warnings = _parse(path, data)
    root = content_root(soup)
    declared = page_meta(soup, root)

    article = None if full_page else extract_article(markup, soup)
    if article is not None:
        lines = article.lines
    else:
        lines = readable_lines(root)
        if not full_page and lines:
            warnings.append(_(NO_ARTICLE))
    text = _stored(path, lines)

    found = article or Article()  # trafilatura's metadata only fills gaps
    outlet = first(declared.outlet, found.outlet)
    published = first(declared.published, found.published)
    return ImportedDocument(
        title=pick_title(
            path, declared.title, declared.headline, strip_outlet(found.title, outlet),
            first_line(text),
        ),
        format="html",
        text=text,
        source_name=path.name,
        original=data,
        language=declared.language or guess_language(text),
        outlet=outlet,
        author=first(declared.author, found.author),
        url=first(declared.url, found.url if "://" in found.url else ""),
        published=iso_date(published) if published else "",
        warnings=warnings,
    )  # fmt: skip
