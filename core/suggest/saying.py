"""Words that frame speech: verbs of saying (by lemma), attribution words, Konjunktiv.

Verbs are recognised by their ``simplemma`` lemma, so "sagte", "sagten", "gesagt",
"заявила", "stressed" need no inflection tables; the lists below are lemmas only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import simplemma

SAYING: dict[str, frozenset[str]] = {
    "de": frozenset(
        "sagen erklären betonen meinen mitteilen äußern warnen fordern kritisieren erläutern "
        "versichern ergänzen hinzufügen unterstreichen bekräftigen antworten fragen rufen "
        "schreiben twittern behaupten bestätigen verkünden ankündigen argumentieren mahnen "
        "zusichern klarstellen einräumen zugeben beteuern entgegnen erwidern kommentieren "
        "sprechen bezeichnen nennen berichten zitieren appellieren monieren beklagen "
        "erinnern hervorheben feststellen festhalten resümieren schildern melden glauben "
        "versprechen befürchten bezweifeln vermuten prognostizieren zurückweisen "
        "bestreiten dementieren vorwerfen".split()),
    "en": frozenset(
        "say tell add explain stress emphasize emphasise note warn claim insist "
        "announce declare argue ask reply answer write tweet admit confirm describe call "
        "comment remark acknowledge assert urge report quote respond tell recall "
        "conclude concede believe suggest predict promise pledge deny allege maintain "
        "contend vow assure reveal".split()),
    "ru": frozenset(
        "сказать заявить отметить подчеркнуть добавить сообщить пояснить заметить "
        "объяснить уточнить признать предупредить ответить написать говорить заявлять "
        "отмечать подчёркивать подчеркивать сообщать назвать рассказать высказаться "
        "добавлять пояснять признаться напомнить констатировать указать исключить "
        "исключать допустить допускать считать полагать обещать пообещать заверить "
        "заверять предположить утверждать настаивать пожаловаться жаловаться уверять "
        "подтвердить подтверждать опровергнуть рассказывать предупреждать".split()),
}
#: Forms simplemma leaves alone or reads otherwise, taken as saying all the same.
_SAYING_FORMS = frozenset("said says told stated sagt sagte sagten erklärt сказал сказала".split())

#: Words that attach a speaker or outlet without a verb ("so Kühn", "laut Reuters").
ACCORDING_BEFORE = frozenset({"laut", "so", "according", "по", "согласно"})
ACCORDING_AFTER = frozenset({"zufolge"})

#: German Konjunktiv forms that mark reported speech (indicative "ist"/"hat" do not).
KONJUNKTIV = frozenset(
    "sei seien seiest habe hätten hätte werde würde würden könne könnten müsse müssten "
    "solle sollten wolle dürfe wäre wären gebe gehe stehe liege komme brauche wisse bleibe "
    "lasse trage führe plane arbeite".split())

#: Konjunktiv I only ("sei", "gebe"): the mood of reported speech, where Konjunktiv II
#: ("würde", "hätte") is as often a conditional.
KONJUNKTIV_I = frozenset(
    "sei seien seiest habe werde könne müsse solle wolle dürfe gebe gehe stehe liege komme "
    "brauche wisse bleibe lasse trage führe plane arbeite".split())


@lru_cache(maxsize=65536)
def is_konjunktiv_i(word: str) -> bool:
    """"gelte", "prüfe", "ändere", "handle": Konjunktiv I told by its form (the infinitive
    is the word and "n"), so no list of verbs is needed."""
    if word in KONJUNKTIV_I:
        return True
    if len(word) < 4 or not word.endswith("e") or not word.islower() or word in _NOT_VERBS:
        return False
    base = lemma(word, "de")
    return base == word + "n" or (word.endswith(("ere", "ele")) and base == word[:-1] + "n") \
        or (word.endswith("le") and base == word[:-2] + "eln")


_NOT_VERBS = frozenset("bitte danke".split())

PRONOUNS = frozenset("er sie he she он она".split())
PLURAL_PRONOUNS = frozenset("sie they они wir we мы".split())

#: Days, months and times of day: capitalised, but never a speaker ("am Montag meldete").
TIME_WORDS = frozenset(
    "montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend januar februar "
    "märz april mai juni juli august september oktober november dezember morgen vormittag "
    "mittag nachmittag abend nacht wochenende monday tuesday wednesday thursday friday "
    "saturday sunday january february march april may june july august september october "
    "november december morning afternoon evening night weekend понедельник вторник среда "
    "среду четверг пятница пятницу суббота субботу воскресенье январе феврале марте апреле "
    "мае июне июле августе сентябре октябре ноябре декабре".split())

ARTICLES = frozenset("der die das den dem des ein eine einer einem einen the a an".split())

#: Words before a quoted name that mark a title, not speech ("das Buch „…“").
TITLE_CUES = frozenset(
    "buch film roman titel zeitung zeitschrift magazin operation schiff aktion programm "
    "motto kampagne sendung serie projekt pipeline gesetz artikel bericht überschrift "
    "book film novel newspaper magazine operation ship titled called dubbed program "
    "programme campaign show series project headline article report named entitled "
    "газета газете газеты журнал операция операции фильм книга судно корабль программа "
    "названием проект статья статье передача sogenannte sogenannten sogenannter "
    "so-called называемый называемая называемое называемые".split())


@lru_cache(maxsize=65536)
def lemma(word: str, lang: str) -> str:
    return str(simplemma.lemmatize(word.lower(), lang=lang))


@lru_cache(maxsize=65536)
def is_title_cue(word: str, lang: str) -> bool:
    """"Film", "Filme", "Büchern", "газете": a word that names what a title follows (nouns
    keep their capital for the lemma: "filme" alone would be the verb "filmen")."""
    low = word.lower()
    return low in TITLE_CUES or str(simplemma.lemmatize(word, lang=lang)).lower() in TITLE_CUES


#: Forms of "haben" that make a participle of saying a frame: "hat gesagt" is said,
#: "gefragt waren die Filme" is in demand.
HABEN = frozenset("hat hatte habe hätte haben hatten hätten".split())
_SEPARABLE = ("an", "ab", "auf", "aus", "bei", "ein", "fest", "hervor", "hinzu", "klar", "mit",
              "vor", "zu", "zurück", "dar", "zusammen", "")


@lru_cache(maxsize=65536)
def is_participle(word: str, lang: str) -> bool:
    """A German past participle ("gesagt", "angekündigten", "zugegeben"): its lemma is
    the word without the "ge" after a separable prefix. It frames speech only with an
    auxiliary."""
    low = word.lower()
    if lang != "de":
        return False
    base = lemma(low, lang)
    for prefix in _SEPARABLE:
        rest = low[len(prefix) + 2:]
        if low.startswith(prefix + "ge") and base.startswith(prefix) and len(rest) > 2 \
                and rest.startswith(base[len(prefix):len(prefix) + 3]):
            return True
    return False


@lru_cache(maxsize=65536)
def is_saying(word: str, lang: str) -> bool:
    """True for any inflected form of a verb of saying in ``lang`` (cached: a 2 MB
    article asks about its words a hundred thousand times)."""
    low = word.lower()
    if low in _SAYING_FORMS:
        return True
    return not word[:1].isupper() and lemma(low, lang) in SAYING[lang]


def _cue_test(lang: str) -> Callable[[str], bool]:
    @lru_cache(maxsize=65536)
    def is_cue_word(word: str) -> bool:
        low = word.lower()
        return low in ACCORDING_BEFORE or low in ACCORDING_AFTER or is_saying(word, lang)
    return is_cue_word


#: Per language, whether a word may be a frame's cue (a verb of saying, "laut", "so",
#: "zufolge", "по"): one argument, so ``any(map(test, words))`` runs without a Python
#: loop, which rules out most sentences of a long article at once.
CUE_WORD = {lang: _cue_test(lang) for lang in SAYING}
