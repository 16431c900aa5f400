"""The article of a saved news page, without the site around it, by trafilatura.

Trafilatura (with htmldate for the date) is the reference extractor for news pages. It gets
the markup as a string and no URL, so it never fetches anything. Two things it leaves out
are put back: the headline and the standfirst, which analysts annotate too. Labels of teaser
boxes it sometimes keeps ("Mehr zum Thema") are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup
from bs4.element import Tag

from core.importers.base import clean_field
from core.importers.html_readable import DROP, SPACES, attr

if TYPE_CHECKING:
    from configparser import ConfigParser

    from lxml.etree import _Element

#: Pages larger than this (in characters) skip extraction: its run time grows with the tree.
MAX_ARTICLE_MARKUP = 8_000_000
# Class words sites give the standfirst under the headline (schema names, Czech "perex").
_LEAD_CLASS = re.compile(
    r"(?:^|[-_])(lead|standfirst|perex|intro|opener|announce|summary|dek|subtitle|abstract)"
    r"(?:$|[-_])"
)
_MIN_LEAD_CHARS = 40
# What is never the article: hidden (the reader never sees it), or page chrome by its very
# element (teasers in an <aside> can outweigh a short article).
_CHROME = (
    '//*[@hidden or @aria-hidden="true"] | //aside | //nav | //footer | //form | //button'
    " | //template"
)
# Elements of trafilatura's XML output that end a line.
_XML_BLOCKS = frozenset({"p", "head", "quote", "item", "row", "code", "list", "table", "body"})
# Labels of teaser and sign-up boxes, compared case-insensitively without end punctuation.
_CLUTTER_LABELS = frozenset(
    label.casefold()
    for label in (
        "Lesen Sie auch", "Mehr zum Thema", "Das könnte Sie auch interessieren", "Anzeige",
        "Read more", "Related", "Related articles", "More on this story", "You may also like",
        "Advertisement", "Читайте также", "По теме", "Реклама", "Mohlo by vás zajímat",
        "Související", "Čtěte také", "Reklama", "Lire aussi", "Leggi anche", "Lee también",
        "Czytaj także", "Читайте також",
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Article:
    """The article's paragraphs (one per line) and what trafilatura read about the page."""

    lines: list[str] = field(default_factory=list)
    title: str = ""
    author: str = ""
    published: str = ""
    outlet: str = ""
    url: str = ""


@cache
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    # No signal-based timeout: imports run in worker threads, where signals are refused.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _trafilatura(markup: str) -> Article | None:
    # Imported here: trafilatura and htmldate are only needed when a web page comes in.
    from trafilatura import bare_extraction
    from trafilatura.settings import Document as Extracted
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:
        return None
    for chrome in tree.xpath(_CHROME):
        chrome.drop_tree()
    found = bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=True, deduplicate=False, config=_config(),
    )  # fmt: skip
    if not isinstance(found, Extracted) or found.body is None:
        return None
    return Article(
        lines=[line for line in _body_lines(found.body) if not _is_clutter(line)],
        title=clean_field(found.title), author=clean_field(found.author),
        published=clean_field(found.date), outlet=clean_field(found.sitename),
        url=clean_field(found.url),
    )  # fmt: skip


def _body_lines(body: _Element) -> list[str]:
    """Trafilatura's XML body as lines: one per paragraph, heading, list item, table row
    and line break (its text output would add Markdown list marks the page never had)."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        for piece in "".join(buffer).split("\n"):
            line = SPACES.sub(" ", piece).strip()
            if line:
                lines.append(line)
        buffer.clear()

    stack: list[tuple[_Element, bool]] = [(body, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        if closing or tag == "lb":
            if tag in _XML_BLOCKS or tag == "lb":
                flush()
            buffer.append(element.tail or "")
            continue
        if tag in _XML_BLOCKS:
            flush()
        elif tag == "cell":
            buffer.append(" ")
        buffer.append(element.text or "")
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return lines


def _is_clutter(line: str) -> bool:
    return line.rstrip(" :.…»>›").casefold() in _CLUTTER_LABELS


def _visible(tag: Tag) -> bool:
    return not any(parent.name in DROP for parent in tag.parents)


def _lead(soup: BeautifulSoup, headline: Tag, first_line: str) -> str:
    """The standfirst: an element with a lead-like class between headline and body."""
    for element in headline.find_all_next(True):
        if not isinstance(element, Tag):
            continue
        text = SPACES.sub(" ", element.get_text()).strip()
        if text and first_line.startswith(text[:80]):
            return ""  # the body begins: no standfirst before it
        words = re.split(r"\s+", attr(element, "class").lower())
        if (
            len(text) >= _MIN_LEAD_CHARS
            and any(_LEAD_CLASS.search(word) for word in words)
            and _visible(element)
        ):
            return text
    return ""


def _headline(soup: BeautifulSoup) -> Tag | None:
    return next(
        (h1 for h1 in soup.find_all("h1") if isinstance(h1, Tag) and _visible(h1)), None
    )


def extract_article(markup: str, soup: BeautifulSoup) -> Article | None:
    """The article in ``markup`` (``soup`` is the same page parsed), or None when the page
    has none that trafilatura can find or is too large to look for one."""
    if len(markup) > MAX_ARTICLE_MARKUP:
        return None
    article = _trafilatura(markup)
    if article is None or not article.lines:
        return None
    head: list[str] = []
    h1 = _headline(soup)
    if h1 is not None:
        headline = SPACES.sub(" ", h1.get_text()).strip()
        if headline and headline != article.lines[0]:
            head.append(headline)
        lead = _lead(soup, h1, article.lines[0])
        if lead and lead not in article.lines:
            head.append(lead)
    return Article(
        lines=head + article.lines, title=article.title, author=article.author,
        published=article.published, outlet=article.outlet, url=article.url,
    )  # fmt: skip
