"""A page's readable text, one paragraph per line: the full page, or the fallback when no
article is found.

Uses the standard library's parser through BeautifulSoup. Page chrome (navigation, scripts,
forms) is dropped and ``<article>``/``<main>`` preferred; hidden elements never show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

DROP = frozenset(
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
SPACES = re.compile(r"\s+")


def attr(tag: Tag, name: str) -> str:
    """An attribute as one string (bs4 gives multi-valued ones such as class as lists)."""
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def tags(root: Tag, name: str) -> Iterator[Tag]:
    for found in root.find_all(name):
        if isinstance(found, Tag):
            yield found


def readable_lines(root: Tag) -> list[str]:
    """Paragraphs of ``root`` as single-spaced lines, skipping chrome and hidden elements."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            line = SPACES.sub(" ", "".join(buffer)).strip()
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
                name in DROP
                or node.has_attr("hidden")
                or attr(node, "aria-hidden").lower() == "true"
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


def content_root(soup: BeautifulSoup) -> Tag:
    """The largest ``<article>``, else the largest ``<main>``, else the body.

    Teasers are ``<article>``s too, so those inside dropped chrome (aside, nav) don't count.
    """
    for name in ("article", "main"):
        candidates = [
            tag
            for tag in tags(soup, name)
            if not any(parent.name in DROP for parent in tag.parents)
        ]
        if candidates:
            return max(candidates, key=lambda tag: len(tag.get_text()))
    return soup.body or soup
