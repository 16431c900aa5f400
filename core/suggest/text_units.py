"""Paragraphs, sentences and words of a stored text, as code-point spans.

The detectors look at quotes in their sentence and paragraph; splitting once here keeps
them linear on a 2 MB article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

#: A word: letters, digits, inner hyphens, dots of abbreviations, apostrophes, and a
#: hyphen at a line's end that the next line's word continues ("Infrastruktur-\nvorstand").
WORD = re.compile(r"[^\W_]+(?:(?:[-‐'’.]|-\n)[^\W_]+)*-?", re.UNICODE)
#: A sentence ends at . ! ? … (and closing marks after them) before space and a word or
#: opening mark; or at a paragraph break.
#: (The end is group 1, the stop before it is matched rather than looked behind for:
#: a pattern that starts with a lookbehind is tried at every offset, 2.5× slower.)
_SENTENCE_END = re.compile(r"[.!?…]([»«“”\"’)]*[^\S\n]+)(?=[„“\"«»‚‘(]|[^\W_])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-ZÄÖÜА-Я]|Dr|Prof|St|Nr|Abs|Mr|Mrs|Ms|Gen|Jan|Feb|Aug|Sept|Okt|Oct|Nov|Dez|Dec"
    r"|z\.B|u\.a|d\.h|v\.a|ca|bzw|vgl|usw|etc|ggf|inkl|evtl|Mio|Mrd|vs|No|г|гг|т\.е|т\.д|т\.п"
    r"|др|им|ул|млн|млрд|тыс)|\d)\.$")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines (a stored text has one paragraph per line), without outer spaces;
    a line broken mid-sentence (older typography, PDF text: it ends in a lowercase letter,
    a comma or a hyphen, and the next begins lowercase) runs on into the next."""
    found: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            span = Span(pos + lead, pos + lead + len(stripped))
            if found and _runs_on(text, found[-1], span) and found[-1].end == pos - 1:
                span = Span(found.pop().start, span.end)
            found.append(span)
        pos += len(line) + 1
    return found


def _runs_on(text: str, before: Span, line: Span) -> bool:
    first, last = text[line.start], text[before.end - 1]
    return first.islower() and (last.islower() or last in ",-") and \
        "://" not in text[line.start:line.start + 12] and not text.startswith("www.", line.start)


def sentences(text: str, paras: list[Span]) -> list[tuple[int, Span]]:
    """(paragraph number, sentence) for each sentence of the paragraphs; abbreviations
    such as "u.a." end none. One search over the whole text: a search per paragraph
    costs a third more on 2 MB."""
    found: list[tuple[int, Span]] = []
    ends = _SENTENCE_END.finditer(text, paras[0].start if paras else 0)
    end = next(ends, None)
    for number, para in enumerate(paras):
        start = para.start
        while end is not None and end.start(1) < para.end:
            cut = end.start(1)
            if cut < para.start:  # none can: paragraphs hold all but white space
                end = next(ends, None)
                continue
            before = text[max(para.start, cut - 6):cut].rstrip("»«“”\"’)")
            if not _ABBREVIATION.search(before) or before.endswith("…"):
                if cut > start:
                    found.append((number, Span(start, cut)))
                start = end.end(1)
            end = next(ends, None)
        if para.end > start:
            found.append((number, Span(start, para.end)))
    return found


class SentenceIndex:
    """Which sentence and paragraph an offset lies in (binary search over starts)."""

    def __init__(self, text: str, paras: list[Span] | None = None) -> None:
        self.paragraphs = paragraphs(text) if paras is None else paras
        numbered = sentences(text, self.paragraphs)
        self.sentences = [sentence for _, sentence in numbered]
        self.paragraph_of = [number for number, _ in numbered]
        self._starts = [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> int:
        return max(0, bisect_right(self._starts, pos) - 1)


def words(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    return WORD.finditer(text, start, end)


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def is_cyrillic(text: str) -> bool:
    """More Cyrillic than Latin letters in the first 400 characters."""
    sample = text[:400]
    if _CYRILLIC.search(sample) is None:  # most paragraphs of a Latin article: quick
        return False
    return len(_CYRILLIC.findall(sample)) > len(_LATIN.findall(sample))


_GERMAN = re.compile(r"\b(?:der|die|das|und|nicht|ist|sei|mit|sagte|auch|für)\b")
_ENGLISH = re.compile(r"\b(?:the|and|of|is|was|said|that|with|for|to)\b")


def language(text: str) -> str:
    """"ru", "de" or "en" from the script and a few frequent words (a sample suffices)."""
    sample = text[:20000]
    if is_cyrillic(sample[:2000]):
        return "ru"
    return "de" if len(_GERMAN.findall(sample)) >= len(_ENGLISH.findall(sample)) else "en"
