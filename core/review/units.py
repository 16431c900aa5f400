"""Sentence units for agreement: where one sentence of a news text ends and the next begins.

Agreement over sentences needs boundaries both analysts would accept, not perfect
linguistics. The rules, in order:

- every line break ends a sentence (headlines, datelines and source lists stand on
  their own lines; the importers keep one paragraph per line);
- ``.``, ``!``, ``?``, ``…`` (or runs of them such as ``?!`` and ``...``), then any closing
  quotes or brackets (``“ ” » « ’ " ) ]``), then whitespace end a sentence, unless
  - the next word starts with a lower-case letter (``„Wir […] reden“``, ``… und dann``),
  - the word before a single ``.`` is a known abbreviation (``Dr.``, ``u.a.``, ``т.е.``),
    an initial (``J. Smith``), letters joined by dots (``z.B.``, ``U.S.``), or a day
    number before a month name (``am 3. Oktober``).

Dates like ``22.09.2021`` never split because no whitespace follows their dots.
"""

from __future__ import annotations

import re
from itertools import pairwise

from core.anchoring import trim_span

#: Lower-case abbreviations without their final dot (German, English, Russian).
ABBREVIATIONS = frozenset({
    # German
    "abs", "abt", "allg", "bd", "bspw", "bzgl", "bzw", "ca", "chr", "dr", "dt", "ebd", "ehem",
    "engl", "etc", "evtl", "f", "ff", "fr", "ggf", "hl", "hr", "hrsg", "inkl", "insb", "jh",
    "jhd", "kap", "max", "min", "mio", "mrd", "nr", "prof", "rd", "sog", "st", "str", "tel",
    "tsd", "usw", "vgl", "zit", "zzgl",
    # English
    "approx", "capt", "co", "col", "corp", "dept", "est", "fig", "gen", "gov", "inc", "jr",
    "lt", "ltd", "mr", "mrs", "ms", "mt", "rep", "sen", "sgt", "sr", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    # Russian
    "акад", "вв", "гг", "др", "им", "коп", "млн", "млрд", "напр", "обл", "ок", "пр", "проф",
    "руб", "см", "стр", "тыс", "ул",
})

#: Month names that may follow a German ordinal day (``am 3. Oktober``).
MONTHS = frozenset({
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
    "september", "oktober", "november", "dezember", "january", "february", "march", "may",
    "june", "july", "october", "december",
})

#: A sentence-final punctuation run with its closing quotes, then blanks and a next
#: character on the same line (``next``); line breaks are cut separately.
_BOUNDARY = re.compile(r"(?P<stop>[.!?…]+)[“”»«‹›’‘\"')\]]*(?=[^\S\n]+(?P<next>\S))")
_LINE_BREAK = re.compile(r"\n")
_WORD = re.compile(r"\S+")
_LETTERS_WITH_DOTS = re.compile(r"^(?:\w\.)+\w$")
_OPENERS = "„“”«»‚‘’\"'([‹›"


def _is_abbreviation(word: str) -> bool:
    """True if ``word`` (the text before a final ``.``) abbreviates rather than ends."""
    word = word.lstrip(_OPENERS)
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial or a one-letter abbreviation (``J.``, ``S.``, ``г.``)
    if _LETTERS_WITH_DOTS.match(word):
        return True  # z.B, u.a, U.S, т.е
    return word.casefold() in ABBREVIATIONS


def _is_ordinal_day(word: str, next_word: str) -> bool:
    """``3.`` or ``22.09.`` before a month name is a date, not a sentence end."""
    digits = word.replace(".", "")
    month = next_word.rstrip(".,;:").casefold()
    return digits.isdigit() and len(word) <= 6 and month in MONTHS


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Whether a ``_BOUNDARY`` match closes a sentence."""
    if match["next"].islower():
        return False
    stop = match.start("stop")
    if match.end("stop") - stop > 1 or text[stop] != ".":
        return True  # !, ?, … and runs such as ?! or ... before a capital
    word_start = stop
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:stop]
    if _is_abbreviation(word):
        return False
    next_word = _WORD.match(text, match.start("next"))
    return not (next_word and _is_ordinal_day(word, next_word.group()))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` code-point offsets of the sentences of ``text``, in order.

    Spans never include surrounding whitespace and never overlap; text that is only
    whitespace belongs to no sentence.
    """
    cuts = [m.start() for m in _LINE_BREAK.finditer(text)]
    cuts += [m.end() for m in _BOUNDARY.finditer(text) if _ends_sentence(text, m)]
    cuts.sort()
    spans: list[tuple[int, int]] = []
    for a, b in pairwise([0, *cuts, len(text)]):
        trimmed = trim_span(text, a, b)
        if trimmed is not None:
            spans.append(trimmed)
    return spans


__all__ = ["ABBREVIATIONS", "MONTHS", "sentence_spans"]
