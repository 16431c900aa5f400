"""Saved web pages: the article's readable text, one paragraph per line, plus its metadata.

Uses the standard library's parser through BeautifulSoup, so there is no lxml to ship.
Page chrome (navigation, scripts, forms) is dropped and ``<article>``/``<main>`` preferred,
because analysts annotate the article, not the site around it. Nothing is fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from core.errors import ImportFailed
from core.importers.base import (
    ImportedDocument,
    check_length,
    clean_field,
    first_line,
    iso_date,
    language_code,
    pick_title,
)
from core.importers.encoding import decode_bytes
from core.importers.language import guess_language
from core.text import normalize_text

_DROP = frozenset(
    "script style noscript template svg iframe head nav footer aside form "
    "button select textarea object embed canvas math title".split()
)
_BLOCKS = frozenset(
    "address article blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main "
    "menu ol p pre section summary table tbody tfoot thead tr ul".split()
)
_CELLS = frozenset({"td", "th"})
# All Unicode white space, no-break and thin spaces too: stored text searches and matches
# quotes across sources more reliably with plain spaces.
_SPACES = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+?encoding\s*=\s*["']([-\w.:]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "datepublished",
)
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "parsely-author")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", ": ")


def _attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _tags(root: Tag, name: str) -> Iterator[Tag]:
    for found in root.find_all(name):
        if isinstance(found, Tag):
            yield found


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>``, XML declaration)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="replace") if match else None


def readable_lines(root: Tag) -> list[str]:
    """Paragraphs of ``root`` as single-spaced lines, skipping chrome and hidden elements."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            line = _SPACES.sub(" ", "".join(buffer)).strip()
            buffer.clear()
            if line:
                lines.append(line)

    # Iterative walk: deeply nested pages must not hit the recursion limit.
    stack: list[PageElement | None] = [root]
    while stack:
        node = stack.pop()
        if node is None:
            flush()
        elif isinstance(node, Tag):
            name = node.name
            if (
                name in _DROP
                or node.has_attr("hidden")
                or _attr(node, "aria-hidden").lower() == "true"
            ):
                continue
            if name == "br":
                flush()
            elif name == "pre":
                flush()
                for line in node.get_text().split("\n"):
                    buffer.append(line)
                    flush()
            else:
                if name in _BLOCKS:
                    flush()
                    stack.append(None)
                elif name in _CELLS:
                    buffer.append(" ")
                stack.extend(reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            buffer.append(str(node))
    flush()
    return lines


def _content_root(soup: BeautifulSoup) -> Tag:
    """The largest ``<article>``, else the largest ``<main>``, else the body.

    Teasers are ``<article>``s too, so those inside dropped chrome (aside, nav) don't count.
    """
    for name in ("article", "main"):
        candidates = [
            tag
            for tag in _tags(soup, name)
            if not any(parent.name in _DROP for parent in tag.parents)
        ]
        if candidates:
            return max(candidates, key=lambda tag: len(tag.get_text()))
    return soup.body or soup


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """``<meta>`` contents keyed by lower-cased property/name; the first occurrence wins."""
    metas: dict[str, str] = {}
    for meta in _tags(soup, "meta"):
        content = clean_field(_attr(meta, "content"))
        if not content:
            continue
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = _attr(meta, key_attr).strip().lower()
            if key:
                metas.setdefault(key, content)
    return metas


def _json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    """The first schema.org ``*Article`` object in the page's JSON-LD, or {}."""
    for script in _tags(soup, "script"):
        if _attr(script, "type").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.get_text())
        except ValueError:
            continue
        pending: list[Any] = [data]
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                    return item
                pending.extend(v for k, v in item.items() if k == "@graph")
    return {}


def _ld_name(value: Any) -> str:
    """A schema.org person/organisation (or list of them) as "Name, Name"."""
    if isinstance(value, str):
        return clean_field(value)
    if isinstance(value, dict):
        return clean_field(value.get("name"))
    if isinstance(value, list):
        return ", ".join(name for name in map(_ld_name, value) if name)
    return ""


def _first(*values: str) -> str:
    return next((value for value in values if value), "")


def _strip_outlet(title: str, outlet: str) -> str:
    """ "Headline | Outlet" -> "Headline": the outlet is stored in its own field."""
    if outlet and title != outlet:
        for separator in _TITLE_SEPARATORS:
            if title.endswith(separator + outlet):
                return title[: -len(separator + outlet)].strip()
            if title.startswith(outlet + separator):
                return title[len(outlet + separator) :].strip()
    return title


def _title_element(soup: BeautifulSoup) -> str:
    for title in _tags(soup, "title"):
        if title.find_parent("svg") is None:
            return clean_field(title.get_text())
    return ""


def _canonical(soup: BeautifulSoup) -> str:
    for link in _tags(soup, "link"):
        if "canonical" in _attr(link, "rel").lower().split():
            return clean_field(_attr(link, "href"))
    return ""


def _time_datetime(root: Tag) -> str:
    for time in _tags(root, "time"):
        value = _attr(time, "datetime")
        if value:
            return value
    return ""


def read_html(path: Path, data: bytes) -> ImportedDocument:
    """Import a saved web page (``.html``, ``.htm``, ``.xhtml``)."""
    if not data or data.isspace():
        raise ImportFailed(path, "is empty")
    decoded = decode_bytes(path, data, declared_encoding(data))
    # The declaration has been honoured; left in, bs4 would warn that XML is parsed as HTML.
    markup = _XML_DECLARATION.sub("", decoded.text.lstrip("\ufeff"), count=1)
    if "<" not in markup and "\n" not in markup:
        markup += "\n"  # keeps bs4 from warning that a short text "looks like a file name"
    soup = BeautifulSoup(markup, "html.parser")
    metas = _metas(soup)
    article = _json_ld(soup)
    root = _content_root(soup)

    text = normalize_text("\n".join(readable_lines(root)))
    if not text.strip():
        raise ImportFailed(path, "has no readable text")
    check_length(path, text)

    outlet = _first(metas.get("og:site_name", ""), _ld_name(article.get("publisher")))
    h1 = next(_tags(soup, "h1"), None)
    title = pick_title(
        path,
        _strip_outlet(_title_element(soup), outlet),
        metas.get("og:title", ""),
        clean_field(article.get("headline")),
        clean_field(h1.get_text()) if h1 is not None else "",
        first_line(text),
    )
    author = _first(
        *(metas.get(key, "") for key in _AUTHOR_KEYS if "://" not in metas.get(key, "")),
        _ld_name(article.get("author")),
    )
    if author.lower().startswith("by "):
        author = author[3:].strip()
    published = _first(
        *(metas.get(key, "") for key in _DATE_KEYS),
        clean_field(article.get("datePublished")),
        _time_datetime(root),
        _time_datetime(soup),
    )
    url = _first(
        *(
            candidate
            for candidate in (
                _canonical(soup),
                metas.get("og:url", ""),
                clean_field(article.get("url")),
            )
            if "://" in candidate
        )
    )
    html = soup.find("html")
    declared = (_attr(html, "lang") or _attr(html, "xml:lang")) if isinstance(html, Tag) else ""
    language = language_code(
        _first(
            declared,
            metas.get("content-language", ""),
            metas.get("og:locale", ""),
            clean_field(article.get("inLanguage")),
        )
    )
    return ImportedDocument(
        title=title,
        format="html",
        text=text,
        source_name=path.name,
        original=data,
        language=language or guess_language(text),
        outlet=outlet,
        author=author,
        url=url,
        published=iso_date(published) if published else "",
        warnings=decoded.warnings,
    )
