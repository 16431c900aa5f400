"""Direct quotes: paired marks (or a lone closing mark) that a frame or the context makes
speech, with their speaker.

A pair is proposed when a verb of saying frames it in its sentence, when it continues
the previous quote's speech, or when it reads as speech on its own (a whole sentence, or
six words and more). Short pairs with no frame are scare quotes, names ("Nord Stream 2")
or titles, and are left alone; so is anything right after a title word ("Operation",
"газета"). Reasons name the marks and the frame word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import islice

from core.i18n import _
from core.suggest.context import Article
from core.suggest.frames import Frame, frame_after, frame_before, frame_of_subject
from core.suggest.model import Kind, Suggestion
from core.suggest.names import is_capitalised
from core.suggest.saying import is_title_cue
from core.suggest.sources import is_outlet as _is_outlet
from core.suggest.text_units import WORD

#: Words a quote needs to be proposed without any frame or context.
_ALONE_WORDS = 6
#: Most words between two parts of one quote split by its frame.
_SPLIT_WORDS = 8
_FIRST_PERSON = frozenset("ich wir uns unser unsere mir mich i we us our my me я мы нас наш "
                          "наши мне меня".split())


@dataclass(slots=True)
class _Candidate:
    open: int  # the opening mark, or where a quote without one starts
    close: int  # the closing mark
    marks: str  # "„…“" as the reason shows them
    start: int = 0
    end: int = 0
    frame: Frame | None = None
    frame_word: str = ""
    speaker: str = ""
    group: str = ""
    reason: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    split_from: _Candidate | None = None  # the first part, when a frame inside splits it


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _candidates(article: Article) -> list[_Candidate]:
    text = article.text
    found: list[_Candidate] = []
    for pair in article.pairing.pairs:
        if pair.depth or article.is_excluded(pair.open):
            continue
        start, end = _trim(text, pair.open + 1, pair.close)
        if end <= start:
            continue
        marks = f"{text[pair.open]}…{text[pair.close]}"
        inner = _inner_frame(article, start, end)
        if inner is None:
            found.append(_Candidate(pair.open, pair.close, marks, start, end))
            continue
        cut, resume = inner
        first = _Candidate(pair.open, cut - 1, marks, start, cut)
        found += [first, _Candidate(resume, pair.close, marks, resume, end, split_from=first)]
    closes = sorted(c.close for c in found)
    for orphan in article.pairing.orphans:
        if article.is_excluded(orphan):
            continue
        para = article.index.paragraphs[
            article.index.paragraph_of[article.index.sentence_at(orphan)]]
        k = bisect_left(closes, orphan) - 1  # a quote closed before it in the paragraph
        begin = max(para.start, closes[k] + 1) if k >= 0 else para.start
        colon = text.rfind(": ", begin, orphan)
        begin = colon + 1 if colon >= 0 else begin
        start, end = _trim(text, begin, orphan)
        start = _skip_punctuation(text, start, end)
        if end > start:
            found.append(_Candidate(start, orphan, f"…{text[orphan]}", start, end))
    return sorted(found, key=lambda c: c.open)


#: «Текст, — сказал он. — Текст»: the Russian frame inside the marks, between dashes.
_INNER_FRAME = re.compile(r"[,!?…](?=\s+[—–-]\s)\s+[—–-]\s+(?P<f>[^—–«»„“\"\n]{1,120}?)[,.]\s+"
                          r"[—–-]\s+")


_SPACED_DASH = re.compile(r"\s[—–-]\s")


def _inner_frame(article: Article, start: int, end: int) -> tuple[int, int] | None:
    """(end of the first part, start of the second) when a frame splits the quote inside
    its marks; the first part keeps its comma."""
    text = article.text
    if _SPACED_DASH.search(text, start, end) is None:  # most quotes: no dash, no frame
        return None
    for match in _INNER_FRAME.finditer(text, start, end):
        frame = frame_after(text, match.start("f"), match.end("f"), article.lang_at(start))
        if frame is not None and (frame.speaker or frame.pronoun):
            return match.start() + 1, match.end()
    return None


def _skip_punctuation(text: str, start: int, end: int) -> int:
    while start < end and not text[start].isalnum():
        start += 1
    return start


def _word_count(text: str, start: int, end: int) -> int:
    return sum(1 for _ in WORD.finditer(text, start, end))


def _title_before(text: str, start: int, pos: int, lang: str) -> bool:
    """A title word right before the mark: das Schiff „…“, die Filme „…“, the newspaper "…"."""
    words = WORD.findall(text, max(start, pos - 40), pos)[-2:]
    return any(is_title_cue(w, lang) for w in words)


def _name_like(text: str, start: int, end: int) -> bool:
    """Two to five words, every one capitalised or a number: a name or a title."""
    words = [m.group(0) for m in islice(WORD.finditer(text, start, end), 6)]
    return 2 <= len(words) <= 5 and all(is_capitalised(w) or w[0].isdigit() for w in words) \
        and text[end - 1] not in ".!?…"


def _english_title(text: str, start: int, end: int) -> bool:
    words = [m.group(0) for m in WORD.finditer(text, start, end) if len(m.group(0)) > 3]
    return len(words) >= 2 and sum(is_capitalised(w) for w in words) * 4 >= len(words) * 3


def _reads_as_speech(text: str, start: int, end: int, lang: str) -> bool:
    """Speech without a frame: a sentence of its own, or long enough to be no name."""
    words = [m.group(0).lower() for m in WORD.finditer(text, start, end)]
    if len(words) < 3 or (lang == "en" and _english_title(text, start, end)):
        return False
    sentence = is_capitalised(text[start]) and text[end - 1] in ".!?…"
    return sentence or len(words) >= _ALONE_WORDS or any(w in _FIRST_PERSON for w in words) \
        or text[end - 1] == "…"


def direct_quotes(article: Article,
                  outlets: set[tuple[int, int]] | None = None) -> list[Suggestion]:
    """Every direct quote the article's marks and frames make likely; quoted names found
    as ``outlets`` (Sources: „Rheinpfalz“ berichtete) are none."""
    outlets = outlets or set()
    text = article.text
    index = article.index
    suggestions: list[Suggestion] = []
    previous: _Candidate | None = None
    previous_sentence = -1
    last_named = ("", -10)  # speaker, paragraph number
    groups = 0
    for cand in _candidates(article):
        if cand.split_from is not None and cand.split_from is not previous:
            continue  # its first part was not proposed
        first = index.sentence_at(cand.open)
        last = index.sentence_at(max(cand.close, cand.open))
        para = index.paragraph_of[first]
        lang = article.lang_at(cand.open)
        sentence, closing = article.sentence(first), article.sentence(last)
        same_sentence = previous is not None and previous_sentence in (first, last) \
            and index.sentence_at(previous.close) == first
        begin = previous.close + 1 if same_sentence and previous else sentence.start
        frame = frame_after(text, cand.close + 1, closing.end, lang)
        word = "after"
        if frame is None:
            frame, word = frame_before(text, begin, cand.open, lang), "before"
        split = cand.split_from is not None or (
            same_sentence and previous is not None and previous.frame is not None
            and previous.group != "-" and _between_is_frame(text, previous.close, cand.open))
        if split and previous is not None:
            if not previous.group:
                groups += 1
                previous.group = f"q{groups}"
                previous.attributes["group"] = previous.group
            cand.group, cand.speaker = previous.group, previous.speaker
            cand.attributes["group"] = cand.group
            cand.reason = _("second part of %(marks)s split by its frame") % {"marks": cand.marks}
        elif (cand.start, cand.end) in outlets or _title_before(text, begin, cand.open, lang) \
                or (cand.end - cand.start < 80 and not _after_colon(text, cand)
                    and _is_outlet(text[cand.start:cand.end])) \
                or (_name_like(text, cand.start, cand.end)
                    and not ((frame is not None and word == "after") or _after_colon(text, cand))):
            continue
        elif frame is not None:
            cand.frame = frame
            cand.speaker = article.resolve(frame, cand.open, last_named)
            if not cand.speaker and same_sentence and previous is not None:
                cand.speaker = previous.speaker  # "…," he said, adding that "…"
            cue = frame.cue + (f" {frame.speaker}" if frame.speaker else "")
            cand.reason = (_("pair %(marks)s after '%(cue)s'") if word == "before"
                           else _("pair %(marks)s before '%(cue)s'")) % {"marks": cand.marks,
                                                                          "cue": cue}
            if cand.marks.startswith("…"):
                cand.reason = _("closing %(mark)s without opening mark, before '%(cue)s'") % {
                    "mark": cand.marks[-1], "cue": cue}
        elif same_sentence and previous is not None and previous.frame is not None:
            cand.frame, cand.speaker = previous.frame, previous.speaker
            cand.reason = _("pair %(marks)s in the sentence framed by '%(cue)s'") % {
                "marks": cand.marks, "cue": previous.frame.cue}
        elif cand.marks.startswith("…"):
            continue
        elif (speaker := _context_speaker(article, cand, previous, previous_sentence)) \
                and _word_count(text, cand.start, cand.end) >= 2:
            cand.speaker = speaker
            cand.reason = _("pair %(marks)s continuing the speech of %(speaker)s") % {
                "marks": cand.marks, "speaker": speaker}
        elif _reads_as_speech(text, cand.start, cand.end, lang):
            cand.reason = _("pair %(marks)s around a whole statement") % {"marks": cand.marks}
            said = _after_colon(text, cand) and any(  # a predicate: not "Q&A: ‘…’"
                w.islower() for w in WORD.findall(text, sentence.start, cand.open))
            subject = frame_of_subject(text, sentence.start, cand.open, lang) if said else None
            if subject is not None:  # "Wendt verteidigte das Projekt: »…«"
                cand.speaker = article.resolve(subject, cand.open)
                cand.reason = _("pair %(marks)s after ':' following '%(cue)s'") % {
                    "marks": cand.marks, "cue": subject.speaker or cand.speaker}
        else:
            continue
        if cand.speaker:
            last_named = (cand.speaker, para)
        attributes = {"form": "direct", **cand.attributes}
        if cand.speaker:
            attributes["speaker"] = cand.speaker
        suggestions.append(Suggestion(Kind.QUOTE, cand.start, cand.end, cand.reason, attributes))
        cand.attributes = attributes
        previous, previous_sentence = cand, last
    return suggestions


def _after_colon(text: str, cand: _Candidate) -> bool:
    """‹sagte: „…“›: what follows the colon is said, even when it reads like a name."""
    return text[max(0, cand.open - 3):cand.open].rstrip().endswith(":")


def _between_is_frame(text: str, close: int, open_: int) -> bool:
    """„…“, sagte Kühn, „…“: only a short frame between two marks of one sentence."""
    between = text[close + 1:open_].strip()
    return bool(between) and between[-1] in ",:—–" and \
        _word_count(text, close + 1, open_) <= _SPLIT_WORDS


def _context_speaker(article: Article, cand: _Candidate, previous: _Candidate | None,
                     previous_sentence: int) -> str:
    """Who is speaking when the quote has no frame: the previous quote's speaker when
    this one follows it directly, the paragraph before when it ends "…sagte Kühn:", or
    the speaker of reported speech in Konjunktiv running into this sentence."""
    index = article.index
    number = index.sentence_at(cand.open)
    text = article.text
    if previous is not None and previous.speaker and previous_sentence == number - 1 \
            and not text[article.sentence(number).start:cand.open].strip(" „“”\"«»‚‘'"):
        return previous.speaker
    para = index.paragraph_of[number]
    if para > 0 and cand.open == index.paragraphs[para].start:
        before = index.paragraphs[para - 1]
        if text[before.end - 1] == ":" and number > 0:
            frame = article.frame_of_sentence(number - 1)
            if frame is not None and frame.speaker:
                return article.names.resolve(frame.speaker)
    return article.reported_speaker(number)
