"""Pages whose text layer is not what they show, named in import warnings.

A PDF's text layer can differ from its drawing: a font without a usable ToUnicode map
yields private-use code points or U+FFFD for every glyph, and text drawn invisibly (an
OCR layer over a scan, or words planted to be found but not read) is stored though no
reader sees it. The import keeps what the layer says (the analyst may still want it) but
names the pages, so nobody annotates garbage unawares.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

#: Pages named in one warning before "…".
LISTED_PAGES = 10
#: Share of a page's visible characters without meaning that makes its layer garbage.
_GARBAGE_SHARE = 0.25
#: Fewer such characters than this are a stray symbol, not a broken font.
_GARBAGE_MIN = 3
#: Categories of characters that say nothing: private use, unassigned, surrogates.
_MEANINGLESS = frozenset(("Co", "Cn", "Cs"))


@dataclass(frozen=True, slots=True)
class PageLayer:
    """What one page's text layer held: its stored text and its invisible characters."""

    number: int  # 0-based
    text: str
    hidden: int = 0


def page_list(numbers: Sequence[int]) -> str:
    """0-based page numbers as the reader counts them: "1, 4, 7, …"."""
    shown = ", ".join(str(n + 1) for n in numbers[:LISTED_PAGES])
    return shown + (", …" if len(numbers) > LISTED_PAGES else "")


def is_garbage(text: str) -> bool:
    """Whether most of ``text`` is replacement, private-use or unassigned characters."""
    visible = [c for c in text if not c.isspace()]
    bad = sum(1 for c in visible if c == "\ufffd" or unicodedata.category(c) in _MEANINGLESS)
    return bad >= _GARBAGE_MIN and bad >= _GARBAGE_SHARE * len(visible)


def layer_warnings(pages: Sequence[PageLayer]) -> list[str]:
    """One warning per kind of mismatch, naming its pages; none for a sound layer."""
    garbage = [p.number for p in pages if is_garbage(p.text)]
    hidden = [p.number for p in pages if p.hidden]
    warnings: list[str] = []
    if garbage:
        warnings.append(
            f"page(s) {page_list(garbage)}: the text layer is mostly characters with no "
            "Unicode meaning (a font without a usable ToUnicode map); the stored text is "
            "not what the page shows (run OCR on those pages)"
        )
    if hidden:
        count = sum(p.hidden for p in pages)
        warnings.append(
            f"page(s) {page_list(hidden)}: {count} characters of the text layer are "
            "invisible (hidden text, or an OCR layer over a scan); the stored text may "
            "hold words the page does not show"
        )
    return warnings
