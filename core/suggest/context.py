"""One article prepared once for every detector: sentences, language, names, marks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property

from core.suggest.frames import Frame, frame_before
from core.suggest.marks import Pairing, pair_marks
from core.suggest.names import Names
from core.suggest.saying import KONJUNKTIV, is_konjunktiv_i
from core.suggest.text_units import SentenceIndex, Span, is_cyrillic, language

_KONJUNKTIV = re.compile(r"\b(?:{})\b".format("|".join(sorted(KONJUNKTIV))))
_ENDS_IN_E = re.compile(r"\b[a-zäöüß]{3,}e\b")
#: How many sentences back reported speech in Konjunktiv may run from its frame.
_CHAIN = 6


class Article:
    """The stored text and what the detectors share about it (built lazily)."""

    def __init__(self, text: str, excluded: list[Span] | None = None,
                 paras: list[Span] | None = None) -> None:
        self.text = text
        self.index = SentenceIndex(text, paras)
        self.language = language(text)
        self.excluded = excluded or []
        self._excluded_starts = [span.start for span in self.excluded]
        self._frames: dict[int, Frame | None] = {}
        self._languages: dict[int, str] = {}
        self._konjunktiv: dict[int, bool] = {}

    @cached_property
    def names(self) -> Names:
        return Names(self.text)

    @cached_property
    def pairing(self) -> Pairing:
        return pair_marks(self.text, self.index.paragraphs)

    def lang_at(self, pos: int) -> str:
        return self.lang_of(self.index.sentence_at(pos))

    def lang_of(self, sentence: int) -> str:
        """The paragraph's language: Cyrillic paragraphs are Russian in any article."""
        number = self.index.paragraph_of[sentence]
        if number not in self._languages:
            para = self.index.paragraphs[number]
            if is_cyrillic(self.text[para.start:para.end]):
                self._languages[number] = "ru"
            else:  # a Latin paragraph in a Russian article is most likely English
                self._languages[number] = "en" if self.language == "ru" else self.language
        return self._languages[number]

    def is_excluded(self, pos: int) -> bool:
        k = bisect_right(self._excluded_starts, pos) - 1
        return k >= 0 and pos < self.excluded[k].end

    def sentence(self, number: int) -> Span:
        return self.index.sentences[number]

    @cached_property
    def _quoted(self) -> list[Span]:
        return [Span(p.open, p.close + 1) for p in self.pairing.pairs if p.depth == 0]

    @cached_property
    def _quoted_starts(self) -> list[int]:
        return [q.start for q in self._quoted]

    def has_quotes(self, start: int, end: int) -> bool:
        """Whether a quoted stretch overlaps ``start..end`` (they are disjoint, sorted)."""
        k = bisect_left(self._quoted_starts, end) - 1
        return k >= 0 and self._quoted[k].end > start

    def outside_quotes(self, start: int, end: int) -> list[Span]:
        """The stretches of ``start..end`` outside quotation marks."""
        pieces: list[Span] = []
        k = max(0, bisect_right(self._quoted_starts, start) - 1)
        pos = start
        while k < len(self._quoted) and self._quoted[k].start < end:
            quoted = self._quoted[k]
            if quoted.end > pos:
                if quoted.start > pos:
                    pieces.append(Span(pos, quoted.start))
                pos = max(pos, quoted.end)
            k += 1
        if pos < end:
            pieces.append(Span(pos, end))
        return pieces

    def frame_of_sentence(self, number: int) -> Frame | None:
        """The last frame in a sentence outside its quotes (cached)."""
        if number not in self._frames:
            span = self.sentence(number)
            lang = self.lang_of(number)
            found = None
            for piece in reversed(self.outside_quotes(span.start, span.end)):
                found = frame_before(self.text, piece.start, piece.end, lang)
                if found is not None:
                    break
            self._frames[number] = found
        return self._frames[number]

    def has_konjunktiv(self, number: int) -> bool:
        if number not in self._konjunktiv:
            span = self.sentence(number)  # lowercased first: 2× faster than (?i)
            self._konjunktiv[number] = _KONJUNKTIV.search(
                self.text[span.start:span.end].lower()) is not None or any(
                is_konjunktiv_i(w) for w in _ENDS_IN_E.findall(self.text, span.start, span.end))
        return self._konjunktiv[number]

    def resolve(self, frame: Frame, pos: int, last_named: tuple[str, int] = ("", -10)) -> str:
        """The frame's speaker as the fullest name. "er", "she", "der Kommandant" refer back:
        to the one person named since the previous sentence began, else to the last speaker
        within two paragraphs; two people named there make it unsafe, and it stays empty."""
        if frame.speaker and not frame.description:
            return self.names.resolve(frame.speaker)
        if frame.description:
            resolved = self.names.resolve(frame.speaker)
            if resolved != frame.speaker and len(resolved.split()) >= 2:
                return resolved
        if not (frame.pronoun or frame.description):
            return ""
        number = self.index.sentence_at(pos)
        since = self.sentence(max(0, number - 1)).start
        named = self.names.mentioned(since, pos)
        if len(named) > 1:  # "Park … grew up in New York": the person, not the place
            named = {n for n in named if self.names.is_person(n)} or named
        if len(named) == 1:
            return named.pop()
        para = self.index.paragraph_of[number]
        if not named and last_named[0] and para - last_named[1] <= 2:
            return last_named[0]
        return frame.speaker

    def reported_speaker(self, number: int) -> str:
        """The speaker whose reported speech (German Konjunktiv) runs into this sentence:
        each sentence from the frame on must be in Konjunktiv."""
        if self.lang_of(number) != "de" or not self.has_konjunktiv(number):
            return ""
        for back in range(number, max(-1, number - _CHAIN), -1):
            frame = self.frame_of_sentence(back)
            if frame is not None and (frame.speaker or frame.pronoun):
                return self.resolve(frame, self.sentence(back).start)
            if back != number and not self.has_konjunktiv(back):
                return ""
        return ""
