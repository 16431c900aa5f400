"""The frame around a quote: the verb of saying and who it names.

„…“, sagte Kühn · Kühn sagte: „…“ · "…," he said · «…», — заявил Песков ·
по словам Пескова, «…» · laut Kühn „…“. A frame is looked for in the few words after a
quote's closing mark and in its sentence before the opening mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.suggest.names import PARTICLES, STOP, is_capitalised, is_role
from core.suggest.saying import (
    ACCORDING_AFTER,
    ACCORDING_BEFORE,
    ARTICLES,
    CUE_WORD,
    HABEN,
    PLURAL_PRONOUNS,
    PRONOUNS,
    TIME_WORDS,
    is_participle,
    is_saying,
)
from core.suggest.text_units import WORD

#: Between a closing mark and its frame: punctuation and dashes only.
_LEAD = re.compile(r"[\s,;:—–-]*")
_STOPPER = re.compile(r"[.!?:;()\[\]„“”\"«»]|,")
#: Most words a frame puts before its verb ("the White House spokesman said").
_SUBJECT_WORDS = 5


@dataclass(frozen=True, slots=True)
class Frame:
    """A verb of saying (or "so", "laut", "по словам") and the speaker phrase it names."""

    cue: str
    speaker: str = ""
    pronoun: bool = False  # the speaker is "er"/"he"/"он": resolve to the last one named
    description: bool = False  # "der Kommandant", "the minister": refers back as well
    plural: bool = False  # "sie sagten", "they said": not resolvable to one person


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def _is_cue(tokens: list[tuple[str, int, int]], k: int, lang: str, text: str = "") -> bool:
    word = tokens[k][0]
    low = word.lower()
    if low in ACCORDING_BEFORE:
        if low == "so":  # "„…“, so Kühn" / "…, so Kühn." ("so groß" is no frame)
            return lang == "de" and (k == 0 or text[tokens[k - 1][2]:tokens[k][1]].strip()
                                     in (",", "“,", "”,", "«,", "»,", "\",", "“", "«"))
        return low != "по" or (k + 1 < len(tokens) and tokens[k + 1][0].lower() in (
            "словам", "мнению"))
    if low in ACCORDING_AFTER:
        return True
    if not is_saying(word, lang):
        return False
    # "hat gesagt" frames, "gefragt waren die Filme" does not
    return not is_participle(word, lang) or any(
        t[0].lower() in HABEN for t in tokens[max(0, k - 6):k + 3])


def _plural(verb: str, lang: str) -> bool:
    low = verb.lower()
    return (lang == "de" and low.endswith("ten") and low != "antwortete") or (
        lang == "ru" and low.endswith("ли"))


_PREPOSITIONS = frozenset("von über mit zu für gegen auf in an vor nach of about to with for on "
                          "at from into о об с в на по к".split())
_DEFINITE = frozenset("der die das dem den the".split())
#: Words that end a speaker's name before the verb: an auxiliary or a time or place.
_SPEAKER_ENDS = HABEN | frozenset(
    "ist war wird wurde has had have is was will would am im beim zum zur vom heute gestern "
    "on at yesterday today tonight в во на вчера сегодня".split())


def _speaker(words: list[str], verb: str, lang: str) -> Frame:
    """A frame from the words naming the speaker (articles dropped, titles kept)."""
    words = [w.replace("-\n", "-" if w[w.find("-\n") + 2:][:1].isupper() else "")
             for w in words if not is_saying(w, lang) and w.lower() not in TIME_WORDS]
    definite = bool(words) and words[0].lower() in _DEFINITE
    while words and (words[0].lower() in ARTICLES or (words[0].lower() in STOP
                     and words[0].lower() not in PRONOUNS | PLURAL_PRONOUNS)):
        words = words[1:]
    while words and words[-1].lower() in ARTICLES:
        words = words[:-1]
    if not words:
        return Frame(verb)
    first = words[0].lower()
    if len(words) == 1 and first in PLURAL_PRONOUNS and (first != "sie" or _plural(verb, lang)):
        return Frame(verb, plural=True)
    if len(words) == 1 and first in PRONOUNS:
        return Frame(verb, pronoun=True)
    cut = next((k for k, w in enumerate(words) if k and w.lower() in _SPEAKER_ENDS
                and any(is_capitalised(v) for v in words[:k])), len(words))
    words = words[:cut]  # "Merz hat am Montag gesagt": the speaker is "Merz"
    capitals = [k for k, w in enumerate(words) if is_capitalised(w)]
    if capitals:
        # lowercase adjectives before a German noun stay ("russische Verteidigungsministerium")
        words = words[:capitals[-1] + 1]
    description = is_role(words[-1]) and (definite or (lang == "ru" and not capitals))
    return Frame(verb, " ".join(words[:8]), description=description)


def _after_cue(tokens: list[tuple[str, int, int]], k: int, text: str, end: int) -> list[str]:
    """The words naming the speaker after the cue at ``k``, up to punctuation."""
    first = k + 1
    if tokens[k][0].lower() in ("according", "по") and k + 1 < len(tokens):
        first = k + 2
    start = tokens[first - 1][2]
    limit, skipped = _stop(text, start, end)
    found = []
    for w, s, _ in tokens[first:]:
        if s >= limit:
            break
        if not skipped or not skipped[0] <= s < skipped[1]:
            found.append(w)
    # "erklärte US-General Milley nach dem Treffen": the name ends at a lowercase word
    kept: list[str] = []
    for k, word in enumerate(found):
        # particles, and Russian genitives before a name ("глава Счётной палаты Алексей")
        particle = (word in PARTICLES or "\u0400" <= word[:1] <= "\u04ff") and any(
            is_capitalised(w) for w in found[k + 1:k + 3])
        if kept and not is_capitalised(word) and any(is_capitalised(w) for w in kept) \
                and word.lower() not in ("des", "der", "of", "the") and not particle:
            break
        kept.append(word)
    return kept[:8]


def frame_after(text: str, pos: int, end: int, lang: str) -> Frame | None:
    """A frame right after a closing mark (``pos``) within its sentence (``end``)."""
    lead = _LEAD.match(text, pos, end)
    start = lead.end() if lead else pos
    limit, _ = _stop(text, start, end)
    if not any(map(CUE_WORD[lang], WORD.findall(text, start, limit))) and \
            _APPOSITION.match(text, limit, end) is None:
        return None  # no verb of saying at all: most quotes of a long article
    tokens = _tokens(text, start, limit)
    for k, (word, _, _) in enumerate(tokens[:_SUBJECT_WORDS + 1]):
        if not _is_cue(tokens, k, lang):
            continue
        if word.lower() in ACCORDING_AFTER:
            return _speaker([w for w, _, _ in tokens[:k]], word, lang)
        if k == 0:
            return _speaker(_after_cue(tokens, 0, text, end), word, lang)
        return _speaker([w for w, _, _ in tokens[:k]], word, lang)
    # "…," Laura Grant, 54, told Reuters / "…," Grant, a spokeswoman, said
    apposition = _APPOSITION.match(text, limit, end) if tokens else None
    if apposition is not None:
        after = _tokens(text, apposition.end(), end)[:1]
        if after and _is_cue(after, 0, lang):
            return _speaker([w for w, _, _ in tokens], after[0][0], lang)
    return None


_APPOSITION = re.compile(r",\s*(?:\d{1,3}|(?:a|an|the|ein|eine|der|die)\s[^,.;:!?„“”\"«»]{1,60}),"
                         r"\s*")
#: A short quoted name the frame steps over: сообщил «Интерфаксу» представитель …
_QUOTED_NAME = re.compile(r"[«„“\"][A-ZÄÖÜА-ЯЁ][^«»„“”\".,;:!?]{0,30}[»“”\"]")


def _stop(text: str, start: int, end: int) -> tuple[int, tuple[int, int] | None]:
    """Where a frame's words end (punctuation, a quotation mark), stepping over one short
    quoted name, whose span is returned too."""
    stop = _STOPPER.search(text, start, end)
    if stop is None:
        return end, None
    name = _QUOTED_NAME.match(text, stop.start(), end)
    if name is None:
        return stop.start(), None
    after = _STOPPER.search(text, name.end(), end)
    return (after.start() if after else end), name.span()


def frame_before(text: str, start: int, pos: int, lang: str) -> Frame | None:
    """The last frame in ``text[start:pos]``, the part of a sentence before a quote."""
    if not any(map(CUE_WORD[lang], WORD.findall(text, start, pos))):
        return None
    tokens = _tokens(text, start, pos)
    for k in range(len(tokens) - 1, -1, -1):
        if not _is_cue(tokens, k, lang, text):
            continue
        word = tokens[k][0]
        if _is_participle_clause(text, tokens, k, start, lang):
            return Frame(word, pronoun=True)  # "…, insisting it is": the subject's words
        if word.lower() in ACCORDING_AFTER:
            begin = _clause_start(text, start, tokens[k][1])
            return _speaker([w for w, s, _ in tokens[:k] if s >= begin], word, lang)
        after = _after_cue(tokens, k, text, pos)
        if after and word.lower() not in ("according", "по", "laut") and (
                after[0].lower() in _PREPOSITIONS or (lang != "ru" and not is_capitalised(after[0])
                and after[0].lower() not in ARTICLES | PRONOUNS | PLURAL_PRONOUNS)):
            after = []  # "sprechen seit Jahren von …": no speaker after the verb
        begin = _clause_start(text, start, tokens[k][1])
        before = [w for w, s, _ in tokens[:k] if s >= begin][-_SUBJECT_WORDS:]
        if after and (word.lower() in ACCORDING_BEFORE or word.lower() == "по"
                      or (not _is_subject(before) and any(
                          is_capitalised(w) or w.lower() in PRONOUNS | PLURAL_PRONOUNS
                          for w in after))):
            return _speaker(after, word, lang)
        return _speaker(before, word, lang)
    return None


_SUBJECT_END = re.compile(r"[,;:()—–]")


def frame_of_subject(text: str, start: int, pos: int, lang: str) -> Frame | None:
    """The sentence's subject as the speaker of what follows its colon, when no verb of
    saying frames it ("Ein Anwohner, der dort wohnt, brachte es auf den Punkt: »…«")."""
    stop = _SUBJECT_END.search(text, start, pos)
    words: list[str] = []
    for word, _, _ in _tokens(text, start, stop.start() if stop else pos):
        named = any(is_capitalised(w) and w.lower() not in ARTICLES | STOP for w in words)
        if named and not is_capitalised(word) and word not in PARTICLES:
            break  # the verb: "Wendt verteidigte …"
        words.append(word)
    named = any(is_capitalised(w) and w.lower() not in ARTICLES | STOP for w in words)
    if not _is_subject(words) or not (named or words[0].lower() in PRONOUNS):
        return None  # "Wenn es regne, …", "Es ist unklar, …": no one
    frame = _speaker(words, ":", lang)
    return frame if frame.speaker or frame.pronoun else None


#: Words that open a clause without being its subject: "Am Montag sagte Kühn", "Aber in
#: einer Erklärung betonten sie": the speaker then follows the verb.
_NOT_SUBJECT = _PREPOSITIONS | frozenset(
    "am im zum zur beim vom heute gestern dann später zudem auch nun jetzt daraufhin dabei "
    "danach darauf außerdem so then later also yesterday today afterwards".split())
_CONJUNCTIONS = frozenset("aber und doch denn also wie but and yet so as а но и как".split())


def _is_subject(before: list[str]) -> bool:
    """Whether the words before a verb name its subject (German puts the subject there or
    right after the verb; a clause opened by a time or place is followed by it)."""
    words = [w for w in before if w.lower() not in _CONJUNCTIONS] if before else []
    return bool(words) and words[0].lower() not in _NOT_SUBJECT and any(
        is_capitalised(w) or w.lower() in PRONOUNS | PLURAL_PRONOUNS for w in words)


def _is_participle_clause(text: str, tokens: list[tuple[str, int, int]], k: int, start: int,
                          lang: str) -> bool:
    """"…, insisting …", "…, подчеркнув: …": a participle after a comma, whose speaker is
    the sentence's subject."""
    low = tokens[k][0].lower()
    form = (lang == "en" and low.endswith("ing")) or (
        lang == "ru" and low.endswith(("в", "вши", "вшись")))
    return form and text[max(start, tokens[k][1] - 2):tokens[k][1]].strip() == ","


_DECIMAL = re.compile(r"(?<=\d)[.,](?=\d)")


def _clause_start(text: str, start: int, pos: int) -> int:
    """Where the subject before a verb can begin: after the last punctuation, though a
    comma right before the verb ("Milley, erklärte") is stepped over."""
    head = _DECIMAL.sub("_", text[start:pos].rstrip())  # "1.5m new homes" is one clause
    if head.endswith(","):
        head = head[:-1]
    cut = max(head.rfind(ch) for ch in ",.;:!?()„“”\"«»—–")
    return start + cut + 1 if cut >= 0 else start
