"""Quotes without marks: speech after "erklärte:", and reported speech.

German reported speech is told by its Konjunktiv ("sie sei", "es gebe") after a verb of
saying, by "so Kühn" or "laut Kühn" / "Kühn zufolge", and it runs on through following
sentences in Konjunktiv; English by "X said (that) …", "according to X"; Russian by
"заявил, что …", "по словам X". All are proposed as Quote with ``form=reported``.
Sentences with a direct quote are left to it, and outlets ("laut Reuters") are Sources.
"""

from __future__ import annotations

import re

from core.i18n import _
from core.suggest.context import Article
from core.suggest.frames import Frame, frame_after, frame_before, frame_of_subject
from core.suggest.model import Kind, Suggestion
from core.suggest.names import is_capitalised, is_role
from core.suggest.saying import CUE_WORD, KONJUNKTIV, is_konjunktiv_i, is_saying, lemma
from core.suggest.sources import is_outlet
from core.suggest.text_units import WORD, Span

_MIN_WORDS = 3
#: After a verb of saying: up to five words ("erklärte der Minister am Montag"), then a
#: comma or colon, and "dass"/"that"/"что" perhaps.
_AFTER_VERB = re.compile(r"(?:\s+[\w.-]+){0,5}?\s*(?P<p>[,:])\s*(?:(?:dass|that|что)\s+)?")
_ENGLISH_THAT = re.compile(r"(?:\s+[\w.-]+){0,2}?\s+that\s+")
_LEADING = re.compile(
    r"(?i)(?:laut|according to|по словам|по мнению|по оценке|по оценкам|согласно|nach "
    r"(?:Angaben|Ansicht|Auffassung|Einschätzung|Darstellung|Worten)(?:\s+(?:von|des|der|dem))?)"
    r"\s+")
#: The same with a pronoun for the speaker: "По его словам, …", "According to her, …".
_LEADING_PRONOUN = re.compile(
    r"(?i)(?:по (?:его|её|ее|их) (?:словам|мнению|оценке|данным)|according to (?:him|her)|"
    r"(?:nach )?(?:seinen|ihren) (?:Angaben|Worten)(?: zufolge)?)\s*,?\s*")
_ZUFOLGE = re.compile(r"(?:[\w.-]+\s+){1,6}?zufolge\s+")
_TRAILING = ".,;:!?…"


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
        end -= 1
    return start, end


def _words(text: str, start: int, end: int) -> list[str]:
    return [m.group(0) for m in WORD.finditer(text, start, end)]


def _konjunktiv(words: list[str]) -> bool:
    return any(w.lower() in KONJUNKTIV or is_konjunktiv_i(w) for w in words)


#: What a sentence must hold for a verb clause to be looked for (a quick test first).
_HINTS = {"de": (":", "dass"), "ru": (":", "что"), "en": (" that ", *(f" {verb} " for verb in (
    "said says argued argues warned warns claimed claims insisted insists believes believed "
    "predicted noted added stressed acknowledged admitted conceded suggested denied "
    "maintained contended").split()))}
#: "X said the figures did not add up": a clause right after the verb, no "that" (verbs
#: that take an object first, "told reporters", are left out).
_ENGLISH_BARE = re.compile(r"\s+(?=(?:the|a|an|it|he|she|they|we|there|this|these|those|his|"
                           r"her|their|its|our|[A-Z][\w’'-]*)\s)")
_OBJECT_FIRST = frozenset("tell ask call describe quote urge respond reply answer comment "
                          "remark address name".split())
_FINITE = frozenset("is are was were would will could can should had has have did does do "
                    "must may might shall".split())


def _finite(words: list[str]) -> bool:
    """Whether a clause has a finite verb: an auxiliary, a past in -ed, or an irregular
    past ("rose", "grew") that lemmatises to another word."""
    return any(w in _FINITE or (w.islower() and len(w) > 4 and w.endswith("ed"))
               or (w.islower() and not w.endswith("s") and lemma(w, "en") != w) for w in words)


def _verb_clause(article: Article, s: Span, lang: str,
                 number: int) -> tuple[int, str, str] | None:
    """(clause start, cue, separator) for "X sagte, …" / "X said that …" / "заявил, что"."""
    text = article.text
    sentence = text[s.start:s.end]
    if not any(hint in sentence for hint in _HINTS[lang]) and not (
            lang == "de" and article.has_konjunktiv(number)):
        return None
    if not any(map(CUE_WORD[lang], WORD.findall(text, s.start, s.end))):
        return None
    for m in WORD.finditer(text, s.start, s.end):
        if not is_saying(m.group(0), lang):
            continue
        after = _AFTER_VERB.match(text, m.end(), s.end)
        if lang == "en" and (that := _ENGLISH_THAT.match(text, m.end(), s.end)):
            return that.end(), m.group(0), "that"
        if lang == "en" and lemma(m.group(0), lang) not in _OBJECT_FIRST and \
                (bare := _ENGLISH_BARE.match(text, m.end(), s.end)) and \
                _finite(_words(text, bare.end(), s.end)[1:]):
            return bare.end(), m.group(0), ""
        if after is not None and lang != "en":
            tail = text[after.end():s.end]
            if after.group("p") == ":" or (lang == "ru" and "что" in after.group(0)) \
                    or (lang == "de" and ("dass" in after.group(0) or _konjunktiv(tail.split()))):
                return after.end(), m.group(0), after.group("p")
    return None


def _frame_at_end(article: Article, s: Span, lang: str) -> tuple[int, Frame] | None:
    """"…, so Kühn." / "…, sagte Kühn." / "…, he said.": the frame closes the sentence."""
    text = article.text
    comma = text.rfind(",", s.start, s.end)
    if comma < 0 or text.count(" ", comma, s.end) > 7 or len(_words(text, comma, s.end)) > 6:
        return None
    frame = frame_after(text, comma, s.end, lang)
    if frame is None or not (frame.speaker or frame.pronoun):
        return None
    clause = _words(text, s.start, comma)
    if lang == "de" and frame.cue.lower() != "so" and not _konjunktiv(clause):
        return None
    return comma, frame


def reported_quotes(article: Article, direct: list[Suggestion]) -> list[Suggestion]:
    """Quote spans without marks, with their speakers."""
    text = article.text
    quoted = [s.span for s in direct]  # tuples: a Span per quote costs 30 ms on 2 MB
    found: list[Suggestion] = []
    k = 0
    last = (-2, "")  # the sentence number and speaker of the last reported quote
    for number, s in enumerate(article.index.sentences):
        while k < len(quoted) and quoted[k][1] < s.start:
            k += 1
        if (k < len(quoted) and quoted[k][0] < s.end) or article.is_excluded(s.start):
            continue
        if article.has_quotes(s.start, s.end):
            continue
        lang = article.lang_of(number)
        item = _reported(article, number, s, lang, last[1] if last[0] == number - 1 else "")
        if item is not None:
            start, end, reason, speaker = item
            start, end = _clause(text, start, end)
            if len(_words(text, start, end)) < _MIN_WORDS:
                continue
            attributes = {"form": "reported"}
            if speaker:
                attributes["speaker"] = speaker
            found.append(Suggestion(Kind.QUOTE, start, end, reason, attributes))
            last = (number, speaker)
    return found


def _reported(article: Article, number: int, s: Span, lang: str,
              before: str = "") -> tuple[int, int, str, str] | None:
    """The reported clause of sentence ``number``; ``before`` is the speaker of reported
    speech in the sentence before, whose Konjunktiv may run on into this one."""
    text = article.text
    if (pronoun := _LEADING_PRONOUN.match(text, s.start, s.end)) is not None:
        cue = pronoun.group(0).strip(" ,")
        speaker = article.resolve(Frame(cue, pronoun=True), s.start)
        return pronoun.end(), s.end, f"'{cue}'", speaker
    leading = _LEADING.match(text, s.start, s.end)
    if leading is not None:
        return _according(article, s, leading.end())
    if lang == "de" and (zufolge := _ZUFOLGE.match(text, s.start, s.end)):
        words = _words(text, s.start, zufolge.end())[:-1]
        while words and words[0].lower() in _LEADING_ARTICLES:
            words = words[1:]
        name = " ".join(words)
        if is_outlet(name):
            return None
        # a body's name keeps its "der" ("Dem Verband der Hauseigentümer zufolge")
        speaker = name if any(w.islower() for w in words) else article.names.resolve(name)
        return zufolge.end(), s.end, f"'{name} zufolge'", speaker
    if (verb := _verb_clause(article, s, lang, number)) is not None:
        start, cue, separator = verb
        frame = frame_before(text, s.start, start - len(separator) - 1, lang)
        speaker = article.resolve(frame, s.start) if frame else ""
        if is_outlet(speaker):
            return None  # "Die NZZ schreibt, …": a Source, not a quote
        how = (_("after ':' following '%(cue)s', no quotation marks") if separator == ":"
               else _("reported after '%(cue)s', no quotation marks"))
        return start, s.end, how % {"cue": cue}, speaker
    if (end := _frame_at_end(article, s, lang)) is not None:
        comma, frame = end
        speaker = article.resolve(frame, s.start)
        return s.start, comma, _("reported before '%(cue)s'") % {"cue": frame.cue}, speaker
    if lang != "de":
        return None
    if (subject := _subject_clause(article, s)) is not None:
        return subject
    if (speaker := before or article.reported_speaker(number)) and \
            article.frame_of_sentence(number) is None and article.has_konjunktiv(number):
        return (s.start, s.end, _("Konjunktiv continuing the speech of %(speaker)s")
                % {"speaker": speaker}, speaker)
    return None


def _subject_clause(article: Article, s: Span) -> tuple[int, int, str, str] | None:
    """"Wendt hielt dagegen, das Gutachten sei überholt": Konjunktiv I after the comma
    reports what the sentence's subject said, whatever the verb."""
    text = article.text
    comma = text.find(",", s.start, s.end)
    if comma < 0 or not article.has_konjunktiv(article.index.sentence_at(s.start)) or not any(
            is_konjunktiv_i(w) for w in _words(text, comma, s.end)):
        return None
    frame = frame_of_subject(text, s.start, comma, "de")
    if frame is None:
        return None
    speaker = article.resolve(frame, s.start)
    if not speaker or is_outlet(speaker):
        return None
    reason = _("Konjunktiv I after the subject '%(cue)s'") % {"cue": frame.speaker or speaker}
    return comma + 1, s.end, reason, speaker


#: Lowercase words inside a body's name: "Office for National Statistics", "Verband der
#: Hauseigentümer", "Bank of England".
_NAME_LINKS = frozenset("of for and on der des für und de".split())
_LEADING_ARTICLES = frozenset("the der die das dem den des".split())


def _according(article: Article, s: Span, after: int) -> tuple[int, int, str, str] | None:
    """"Laut Kühn ist …", "According to the Office for National Statistics, …",
    "По словам Пескова, …", "По мнению министра, …" (a role refers back)."""
    text = article.text
    words = list(WORD.finditer(text, after, s.end))[:8]
    while words and words[0].group(0).lower() in _LEADING_ARTICLES:
        words = words[1:]
    name: list[str] = []
    end = after
    for k, m in enumerate(words):
        word = m.group(0)
        linked = word.lower() in _NAME_LINKS and name and k + 1 < len(words) and \
            is_capitalised(words[k + 1].group(0))
        if not (is_capitalised(word) or linked or (not name and is_role(word))):
            break
        name.append(word)
        end = m.end()
        if not is_capitalised(word) and not linked:
            break  # a role alone: "министра", "the minister"
    phrase = " ".join(name)
    if not name or is_outlet(phrase):
        return None
    comma = re.match(r"\s*,\s*", text[end:s.end])
    start = end + (comma.end() if comma else 0)
    cue = text[s.start:after].strip()
    if not is_capitalised(name[0]):  # "По мнению министра": the one named before
        speaker = article.resolve(Frame(cue, name[0], description=True), s.start)
    elif all(is_capitalised(w) for w in name):
        speaker = article.names.resolve(phrase)
    else:  # a body's name with "of", "der": as written
        speaker = phrase
    return start, s.end, f"'{cue} {phrase}'", speaker
