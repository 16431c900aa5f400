"""One entry of an article's sources list, read into a Source's attributes.

News articles close with lines such as ``22.09.2021 – (RFE/RL) – Title`` or
``2021-09-23. — (Kommersant) — «Удар из-за горизонта» … /``. Tagging one as a Source
fills date (ISO), outlet, title and link, so the analyst checks instead of typing.
Dates are read by ``dateparser`` (German, English and Russian month names included).
"""

from __future__ import annotations

import re

from core.dates import iso_date
from core.model import TagKind

_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
#: A dash or bar with space on both sides separates fields (a hyphen inside a date or a
#: name does not).
_SEPARATOR = re.compile(r"\s+[–—|-]\s+")
_PARENTHESISED = re.compile(r"^\((?P<inner>[^()]{1,80})\)$")
#: Longest text taken for an outlet when no parentheses mark it.
_OUTLET_CHARS = 40


def parse_source_line(line: str) -> dict[str, str]:
    """Date, outlet, title and url found in one sources-list entry (only what is there)."""
    text = " ".join(line.split())
    found: dict[str, str] = {}
    url = _URL.search(text)
    if url:
        found["url"] = url.group(0).rstrip(".,;:)»”“\"'")
        text = (text[:url.start()] + text[url.end():]).strip()
    text = text.rstrip(" /–—|-").strip()
    parts = [p.strip() for p in _SEPARATOR.split(text) if p.strip(" .")]
    rest: list[str] = []
    for part in parts:
        if "date" not in found:
            if date := iso_date(part):
                found["date"] = date
                continue
            head, comma, tail = part.rpartition(", ")  # "Reuters, 5. März 2024"
            if comma and (date := iso_date(tail)):
                found["date"], part = date, head
                if "outlet" not in found and len(head) <= _OUTLET_CHARS:
                    found["outlet"] = head.strip("() ")  # the name before the date
                    continue
        bracketed = _PARENTHESISED.match(part)
        if "outlet" not in found and bracketed:
            found["outlet"] = bracketed.group("inner").strip()
        else:
            rest.append(part)
    marked = bool(found)  # a date, a link or an outlet in parentheses: an entry, not prose
    if marked and "outlet" not in found and len(rest) >= 2 and len(rest[0]) <= _OUTLET_CHARS:
        found["outlet"] = rest.pop(0)
    if marked and rest:
        found["title"] = " – ".join(rest)
    return found


def prefilled_attributes(kind: TagKind, text: str) -> dict[str, str]:
    """What a new annotation of ``kind`` on ``text`` starts with: a Source on a one-line
    sources entry gets its fields; anything else starts empty."""
    if kind is not TagKind.SOURCE or "\n" in text.strip():
        return {}
    return parse_source_line(text)
