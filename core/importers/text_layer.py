"""Pages whose text layer is not what they show, named in import warnings.

A PDF's text layer can differ from its drawing: a font without a usable ToUnicode map
yields private-use code points or U+FFFD for every glyph, and text drawn invisibly (an
OCR layer over a scan, or words planted to be found but not read) is stored though no
reader sees it. The import keeps what the layer says (the analyst may still want it) but
names the pages, so nobody annotates garbage unawares.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from core.i18n import _

#: Pages named in one warning before "…".
LISTED_PAGES = 10
#: Share of a page's visible characters without meaning that makes its layer garbage.
_GARBAGE_SHARE = 0.25
#: Fewer such characters than this are a stray symbol, not a broken font.
_GARBAGE_MIN = 3
#: Categories of characters that say nothing: private use, unassigned, surrogates, and
#: control characters (what a font's own codes become without a map).
_MEANINGLESS = frozenset(("Co", "Cn", "Cs", "Cc"))
#: Words per mojibake sequence at or above which a page counts as mis-decoded; a quoted
#: example ("cafÃ©") in a page of ordinary words does not.
_WORDS_PER_MOJIBAKE = 50
#: Share of the hidden words also drawn visibly that makes the hidden text a copy.
_COPY_SHARE = 0.8
#: Visible words, as a share of the hidden ones, below which the page is hidden text only.
_SCAN_SHARE = 0.1
_QUOTED_CHARS = 80
_TOKEN = re.compile(r"\w+")
#: A lead byte of UTF-8 read as Latin-1/cp1252 ("Ã", "Ð", "â") and a continuation byte
#: read so: every piece of such mojibake has one. Pages without it skip ftfy (a
#: millisecond a page, a sixth of a PDF import).
_LEAD_AND_TRAIL = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026"
    "\u2030\u2039\u203a\u20ac\u2122]"
)


@dataclass(frozen=True, slots=True)
class PageLayer:
    """What one page's text layer held: its stored text, how many of its characters are
    drawn invisibly and (the start of) what those say."""

    number: int  # 0-based
    text: str
    hidden: int = 0
    hidden_text: str = ""


def page_list(numbers: Sequence[int]) -> str:
    """0-based page numbers as the reader counts them: "1, 4, 7, …"."""
    shown = ", ".join(str(n + 1) for n in numbers[:LISTED_PAGES])
    return shown + (", …" if len(numbers) > LISTED_PAGES else "")


def is_garbage(text: str) -> bool:
    """Whether most of ``text`` is replacement, private-use or unassigned characters."""
    visible = [c for c in text if not c.isspace()]
    bad = sum(1 for c in visible if c == "\ufffd" or unicodedata.category(c) in _MEANINGLESS)
    return bad >= _GARBAGE_MIN and bad >= _GARBAGE_SHARE * len(visible)


def mis_decoded(text: str) -> tuple[str, str] | None:
    """A word of ``text`` that is mojibake and ftfy's repair of it, when enough of the text
    is (None for a sound text)."""
    from ftfy import fix_text
    from ftfy.badness import badness

    if _LEAD_AND_TRAIL.search(text) is None:
        return None
    words = text.split()
    found = badness(text)
    if found < _GARBAGE_MIN or found * _WORDS_PER_MOJIBAKE < len(words):
        return None
    word = next((w for w in words if badness(w)), words[0])
    return word, fix_text(word)


def _hidden_kind(page: PageLayer) -> str:
    """"scan" (nothing else on the page), "copy" (it repeats the visible words) or "other"."""
    hidden = Counter(t.casefold() for t in _TOKEN.findall(page.hidden_text))
    visible = Counter(t.casefold() for t in _TOKEN.findall(page.text)) - hidden
    total = sum(hidden.values())
    if sum(visible.values()) <= _SCAN_SHARE * total:
        return "scan"
    return "copy" if sum((hidden & visible).values()) >= _COPY_SHARE * total else "other"


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTED_CHARS else text[:_QUOTED_CHARS - 1] + "…"


def _hidden_warnings(pages: Sequence[PageLayer]) -> list[str]:
    kinds: dict[str, list[PageLayer]] = {}
    for page in pages:
        if page.hidden:
            kinds.setdefault(_hidden_kind(page), []).append(page)
    warnings: list[str] = []
    for kind, listed in kinds.items():
        numbers = page_list([p.number for p in listed])
        count = sum(p.hidden for p in listed)
        if kind == "scan":
            warnings.append(
                _("page(s) %(numbers)s: %(count)s characters of the text layer are "
                  "invisible (hidden text, or an OCR layer over a scan); the stored text "
                  "may hold words the page does not show")
                % {"numbers": numbers, "count": count})
        elif kind == "copy":
            warnings.append(
                _("page(s) %(numbers)s: a hidden copy repeats the visible text (%(count)s "
                  "characters); the stored text holds those words twice")
                % {"numbers": numbers, "count": count})
        else:
            warnings.append(
                _("page(s) %(numbers)s: %(count)s characters of hidden text the page does "
                  "not show are stored with it: “%(hidden_text)s”")
                % {"numbers": numbers, "count": count,
                   "hidden_text": _quoted(listed[0].hidden_text)})
    return warnings


def layer_warnings(pages: Sequence[PageLayer]) -> list[str]:
    """One warning per kind of mismatch, naming its pages; none for a sound layer."""
    garbage = [p.number for p in pages if is_garbage(p.text)]
    mojibake = [(p.number, found) for p in pages if p.number not in garbage
                and (found := mis_decoded(p.text)) is not None]
    warnings: list[str] = []
    if garbage:
        warnings.append(
            _("page(s) %(garbage)s: the text layer is mostly characters with no Unicode "
              "meaning (a font without a usable ToUnicode map); the stored text is not "
              "what the page shows (run OCR on those pages)")
            % {"garbage": page_list(garbage)}
        )
    if mojibake:
        word, repaired = mojibake[0][1]
        warnings.append(
            _("page(s) %(value)s: the text layer is mis-decoded (“%(word)s”, probably "
              "“%(repaired)s”); the stored text is not what the page shows (run OCR on "
              "those pages)")
            % {"value": page_list([n for n, _ in mojibake]), "word": word, "repaired": repaired}
        )
    return warnings + _hidden_warnings(pages)
