"""What a saved page says about itself: ``<meta>`` tags, schema.org JSON-LD, canonical link.

Declared metadata is read first because the site states it on purpose; the article
extractor's guesses only fill what is missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Tag

from core.importers.base import clean_field, language_code
from core.importers.html_readable import attr, tags

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


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Metadata a page declares; "" where it declares none."""

    title: str = ""
    headline: str = ""  # the first <h1>
    outlet: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    language: str = ""


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """``<meta>`` contents keyed by lower-cased property/name; the first occurrence wins."""
    metas: dict[str, str] = {}
    for meta in tags(soup, "meta"):
        content = clean_field(attr(meta, "content"))
        if not content:
            continue
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = attr(meta, key_attr).strip().lower()
            if key:
                metas.setdefault(key, content)
    return metas


def _json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    """The first schema.org ``*Article`` object in the page's JSON-LD, or {}."""
    for script in tags(soup, "script"):
        if attr(script, "type").strip().lower() != "application/ld+json":
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


def first(*values: str) -> str:
    return next((value for value in values if value), "")


def strip_outlet(title: str, outlet: str) -> str:
    """ "Headline | Outlet" -> "Headline": the outlet is stored in its own field."""
    if outlet and title != outlet:
        for separator in _TITLE_SEPARATORS:
            if title.endswith(separator + outlet):
                return title[: -len(separator + outlet)].strip()
            if title.startswith(outlet + separator):
                return title[len(outlet + separator) :].strip()
    return title


def _title_element(soup: BeautifulSoup) -> str:
    for title in tags(soup, "title"):
        if title.find_parent("svg") is None:
            return clean_field(title.get_text())
    return ""


def _title(element: str, *headlines: str) -> str:
    """The ``<title>``, unless a declared headline starts it: "Headline | Section" is the
    headline plus the site's decoration."""
    for headline in headlines:
        if headline and element.startswith(headline):
            return headline
    return first(element, *headlines)


def _canonical(soup: BeautifulSoup) -> str:
    for link in tags(soup, "link"):
        if "canonical" in attr(link, "rel").lower().split():
            return clean_field(attr(link, "href"))
    return ""


def _time_datetime(root: Tag) -> str:
    for time in tags(root, "time"):
        value = attr(time, "datetime")
        if value:
            return value
    return ""


def page_meta(soup: BeautifulSoup, root: Tag) -> PageMeta:
    """What ``soup`` declares; ``root`` (its content) is searched for ``<time>`` first."""
    metas = _metas(soup)
    article = _json_ld(soup)
    outlet = first(metas.get("og:site_name", ""), _ld_name(article.get("publisher")))
    h1 = next(tags(soup, "h1"), None)
    author = first(
        *(metas.get(key, "") for key in _AUTHOR_KEYS if "://" not in metas.get(key, "")),
        _ld_name(article.get("author")),
    )
    if author.lower().startswith("by "):
        author = author[3:].strip()
    urls = (_canonical(soup), metas.get("og:url", ""), clean_field(article.get("url")))
    html = soup.find("html")
    declared = (attr(html, "lang") or attr(html, "xml:lang")) if isinstance(html, Tag) else ""
    return PageMeta(
        title=_title(
            strip_outlet(_title_element(soup), outlet),
            metas.get("og:title", ""),
            clean_field(article.get("headline")),
        ),
        headline=clean_field(h1.get_text()) if h1 is not None else "",
        outlet=outlet,
        author=author,
        published=first(
            *(metas.get(key, "") for key in _DATE_KEYS),
            clean_field(article.get("datePublished")),
            _time_datetime(root),
            _time_datetime(soup),
        ),
        url=first(*(candidate for candidate in urls if "://" in candidate)),
        language=language_code(
            first(
                declared,
                metas.get("content-language", ""),
                metas.get("og:locale", ""),
                clean_field(article.get("inLanguage")),
            )
        ),
    )
