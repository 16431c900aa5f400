"""Tone cues: words that often carry a passage's tone, proposed as a Tone level with low
confidence and the words that made it ("'scharf kritisiert' → Critical").

Small lexicons of lemmas per language (``simplemma`` reduces "kritisierte", "slammed",
"осудил" to them), one proposal per sentence that has a cue: its level is the one most
of its cues point to, the sharper on a tie; an intensifier before a cue ("scharf",
"sharply", "резко") is shown with it. No negation, irony or quotation is understood,
so these are hints for the analyst, never decided, and ``detect`` makes them only when
asked.
"""

from __future__ import annotations

from collections import Counter

from core.i18n import _
from core.suggest.context import Article
from core.suggest.model import Kind, Suggestion
from core.suggest.saying import lemma
from core.suggest.text_units import WORD

#: Levels of the default codebook's Tone scale, sharpest first (Neutral is never cued).
LEVELS = ("Confrontational", "Critical", "Conciliatory", "Cooperative")

_LEXICON: dict[str, dict[str, str]] = {
    "de": {
        **dict.fromkeys("drohen drohung verurteilen angreifen attackieren provokation "
                        "ultimatum boykottieren beschimpfen kriegserklärung vergeltung "
                        "erpressung eskalation".split(), "Confrontational"),
        **dict.fromkeys("kritisieren kritik bemängeln beklagen monieren warnen enttäuscht "
                        "enttäuschung ablehnen vorwurf empörung empört bedenken "
                        "zurückweisen".split(), "Critical"),
        **dict.fromkeys("kompromiss entgegenkommen versöhnen versöhnung dialog einlenken "
                        "entschuldigen entschuldigung gesprächsbereitschaft "
                        "annäherung".split(), "Conciliatory"),
        **dict.fromkeys("zusammenarbeit zusammenarbeiten begrüßen loben unterstützen "
                        "unterstützung partnerschaft einigung vereinbaren würdigen "
                        "danken".split(), "Cooperative"),
    },
    "en": {
        **dict.fromkeys("threaten threat condemn attack denounce slam blast ultimatum "
                        "provocation retaliate retaliation boycott escalation".split(),
                        "Confrontational"),
        **dict.fromkeys("criticise criticize criticism complain warn accuse concern "
                        "disappoint disappointed reject dismiss outrage".split(), "Critical"),
        **dict.fromkeys("compromise reconcile reconciliation apologise apologize apology "
                        "dialogue concession rapprochement".split(), "Conciliatory"),
        **dict.fromkeys("cooperate cooperation welcome praise support partnership agreement "
                        "thank commend".split(), "Cooperative"),
    },
    "ru": {
        **dict.fromkeys("угрожать угроза осудить осуждать провокация ультиматум атаковать "
                        "бойкот эскалация".split(), "Confrontational"),
        **dict.fromkeys("критиковать раскритиковать критика обвинить обвинять недовольство "
                        "возмутиться отвергнуть".split(), "Critical"),
        **dict.fromkeys("компромисс диалог примирение уступка извиниться "
                        "сближение".split(), "Conciliatory"),
        **dict.fromkeys("сотрудничество сотрудничать приветствовать поддержать поддерживать "
                        "партнёрство договориться поблагодарить".split(), "Cooperative"),
    },
}
_SHARPER = frozenset("scharf schärfste heftig massiv vehement sharply fiercely harshly "
                     "strongly резко жёстко жестко".split())


def tone_cues(article: Article) -> list[Suggestion]:
    """One low-confidence Tone proposal for each sentence with a cue, outside any sources
    section."""
    found: list[Suggestion] = []
    text = article.text
    for number, s in enumerate(article.index.sentences):
        if article.is_excluded(s.start):
            continue
        lexicon = _LEXICON[article.lang_of(number)]
        cues: list[tuple[str, str]] = []  # (words as written, level)
        sharper = ""
        for m in WORD.finditer(text, s.start, s.end):
            word = m.group(0)
            low = word.lower()
            if low in _SHARPER:
                sharper = word
                continue
            level = lexicon.get(low) or lexicon.get(lemma(word, article.lang_of(number)))
            if level is not None:  # the intensifier is shown with it: 'scharf kritisiert'
                cues.append((f"{sharper} {word}" if sharper else word, level))
            sharper = ""
        if cues:
            found.append(_proposal(s.start, s.end, cues))
    return found


def _proposal(start: int, end: int, cues: list[tuple[str, str]]) -> Suggestion:
    counts = Counter(level for _, level in cues)
    level = max(LEVELS, key=lambda lv: (counts[lv], -LEVELS.index(lv)))
    words = ", ".join(f"'{w}'" for w, lv in cues if lv == level)
    reason = _("tone cue %(words)s → %(level)s (low confidence)") % {"words": words,
                                                                      "level": _(level)}
    return Suggestion(Kind.TONE, start, end, reason,
                      {"confidence": "low"}, level=level)
