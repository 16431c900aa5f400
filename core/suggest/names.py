"""Names in an article: titles split off, short forms resolved to the fullest form used.

"US-General Milley" speaks, the article named him "US Army General Mark Milley" earlier:
the speaker is "Mark Milley". A role alone ("der höchste US-General") becomes the one name
the article puts after that role, when there is exactly one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

import simplemma

#: Role words and role endings: they title a name, they are not part of it.
_ROLES = frozenset(
    "general generalin minister ministerin präsident präsidentin kanzler kanzlerin sprecher "
    "sprecherin chef chefin senator senatorin president secretary spokesman spokeswoman "
    "spokesperson chief director direktor direktorin professor prof dr admiral colonel oberst "
    "bürgermeister bürgermeisterin mayor premier premierminister premierministerin "
    "governor gouverneur botschafter botschafterin ambassador leader vorsitzende vorsitzender "
    "chairman chairwoman king könig queen königin prince prinz pope papst mr mrs ms sir lord "
    "herr frau army navy generalleutnant major captain kapitän abgeordnete abgeordneter "
    "staatssekretär staatssekretärin außenminister außenministerin verteidigungsminister "
    "verteidigungsministerin ceo alderman alderwoman councilman councilwoman councillor "
    "councilor congressman congresswoman representative rep sen gov lt sgt judge justice "
    "bishop archbishop cardinal rabbi imam pastor coach commissioner sheriff inspector "
    "detective chancellor deputy acting superintendent dean rector cfo chair chairperson "
    "executive officer founder partner analyst economist strategist editor correspondent "
    "richter richterin bischof bischöfin pfarrer pfarrerin trainer trainerin intendant "
    "intendantin kommissar kommissarin staatsanwalt staatsanwältin anwalt anwältin dekan "
    "rektor rektorin landrat landrätin "
    "генерал министр президент премьер глава директор посол пресс-секретарь представитель "
    "спикер губернатор мэр депутат сенатор председатель руководитель гендиректор советник "
    "помощник лидер судья прокурор патриарх митрополит командующий начальник заместитель "
    "замминистра уполномоченный омбудсмен вице-премьер".split())
#: Russian roles inflect ("министра", "главы", "мэром"): a role's stem and a case ending.
_CASE_ENDINGS = frozenset("а у ом е ы и ой ою ем ей ю я ам ами ах ям ями ях".split())
_CYRILLIC_ROLES = {r[:-1] if r[-1] in "аяьйо" else r: r for r in _ROLES
                   if "\u0400" <= r[0] <= "\u04ff"}
#: Lowercase words inside a name: Ursula von der Leyen, Ludwig van Beethoven.
PARTICLES = frozenset("von van der den de zu da di du le la bin al ibn dos".split())
_ROLE_ENDINGS = ("minister", "ministerin", "general", "präsident", "präsidentin", "kanzler",
                 "kanzlerin", "sprecher", "sprecherin", "chef", "chefin", "секретарь", "rat",
                 "rätin", "politiker", "politikerin", "kommandant", "leiter", "leiterin",
                 "sekretär", "sekretärin", "vorsitzende", "vorsitzender", "meister",
                 "meisterin", "vorstand", "führer", "führerin", "redakteur", "redakteurin")
#: Capitalised words that start sentences or name no one.
STOP = frozenset(
    "der die das den dem des ein eine am im in an auf aus bei mit nach von vor zu zum zur "
    "auch aber und oder doch denn so wie wenn als dass beide er sie es wir ihr man dies "
    "diese dieser diesem diesen jetzt heute gestern laut ihr ihre ihrer ihren ihrem ihres unser "
    "unsere unserer unseren mein meine meinen sein seine seiner seinen kein keine jeder jede "
    "jedes alle viele einige the a an in on at but and or he she it we they "
    "this that these those after before when while as according however yesterday today "
    "он она они мы это в на по но и а как также".split())
#: Last words of names that are places or bodies, not people ("City Hall", "Rotes Rathaus").
_NOT_PEOPLE = frozenset(
    "hall house street square council ministry office city parliament commission bank court "
    "university airport station park church union party agency committee group company "
    "platz straße haus rathaus amt ministerium partei gericht bund union kommission rat "
    "площадь улица дом министерство партия комиссия суд совет".split())
_WORD = r"[A-ZÄÖÜА-ЯЁ][\w’']*(?:-\w+)*"
#: Up to six capitalised words, particles between (word first: a regex that ends on the
#: word backtracks over every single capital, three times slower on 2 MB).
_SEQUENCE = re.compile(_WORD + r"(?:-?[ \t]+(?:(?:von|van|der|den|de|zu|da|di|du|le|la|of"
                       r"|bin|al|ibn|dos)[ \t]+){0,2}" + _WORD + r"){0,5}", re.UNICODE)


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


@lru_cache(maxsize=65536)
def is_role(word: str) -> bool:
    low = word.lower().rstrip(".").replace("-\n", "")  # "Infrastruktur-\nvorstand"
    if low in _ROLES or ("-" in low and low.split("-")[-1] in _ROLES):
        return True
    if "\u0400" <= low[:1] <= "\u04ff":
        for cut in (len(low) - 1, len(low) - 2, len(low) - 3):
            if low[:cut] in _CYRILLIC_ROLES and low[cut:] in _CASE_ENDINGS:
                return True
    return low.endswith(_ROLE_ENDINGS) or (word.isupper() and len(word) <= 5) or word.endswith("-")


def split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(title tokens, name tokens): the name is the run after the last role word."""
    cut = 0
    for k, token in enumerate(tokens):
        # "von der Leyen", "van der Bellen"; "Angaben der Polizei" is no name
        particle = token in PARTICLES and 0 < k < len(tokens) - 1 and cut < k and (
            token not in _AFTER_PARTICLE or tokens[k - 1] in PARTICLES)
        if is_role(token) or not (is_capitalised(token) or particle):
            cut = k + 1
    # "Мэр Новосибирска Сергей Ковалёв", "Mayor of Springfield Brandon Miller": the place
    # after a role belongs to the title when two names still follow (not a patronymic)
    rest = tokens[cut:]
    if cut and len(rest) >= 3 and is_capitalised(rest[1]) and not rest[1].lower().endswith(
            _PATRONYMIC) and (_is_cyrillic(rest[0]) or tokens[cut - 1] in _OF):
        cut += 1
    return tokens[:cut], tokens[cut:]


_PATRONYMIC = ("вич", "вна", "ична", "ьич")
_AFTER_PARTICLE = frozenset("der den la le".split())
#: A role, then one of these and a body: "Sprecher der Polizei", "spokeswoman for the port".
_ROLE_OF = frozenset("der des of for для".split())
_OF = frozenset("of von des der".split())


def _nominative(full: str, short: str) -> str:
    """"Анны Морозовой" named in the genitive, "Морозова" as the speaker: "Анна Морозова".
    Given names lemmatise; of the two surname forms, the one that fits the given name's
    gender is the nominative (-а for a woman, no -а for a man)."""
    tokens = full.split()
    given = [lemma if (lemma := str(simplemma.lemmatize(t, lang="ru")))[:1].isupper() else t
             for t in tokens[:-1]]
    forms = {tokens[-1], short}
    if given and len(forms) == 2:
        female = given[0].endswith(("а", "я"))
        fitting = [f for f in forms if f.endswith(("а", "я")) == female]
        tokens[-1] = fitting[0] if len(fitting) == 1 else tokens[-1]
    return " ".join([*given, tokens[-1]])


def _is_cyrillic(word: str) -> bool:
    return "\u0400" <= word[:1] <= "\u04ff"


def _stem_match(short: str, full: str) -> bool:
    """"Milley" ~ "Milley"; Russian cases: "Пескова" ~ "Песков", "Захаровой" ~ "Захарова"."""
    a, b = short.lower(), full.lower()
    if a == b:
        return True
    if not any("\u0400" <= ch <= "\u04ff" for ch in a):
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= max(len(a), len(b)) - 3


@lru_cache(maxsize=65536)
def _phrase(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """(title, name, names a person) for a run of capitalised words; names repeat, so
    each distinct run is read once. A possessive is the name ("Mina Park’s debut")."""
    tokens = [t[:-2] if t.endswith(("’s", "'s")) else t for t in phrase.split()]
    while tokens and tokens[0].lower() in STOP:
        tokens.pop(0)
    if not tokens:
        return (), (), False
    if len(tokens) == 1:  # most capitalised words: one noun or one surname
        if is_role(tokens[0]):
            return (), (), False
        return (), tuple(tokens), tokens[0].lower() not in _NOT_PEOPLE
    title, name = split_title(tokens)
    if not name:
        return (), (), False
    return tuple(title), tuple(name), name[-1].lower() not in _NOT_PEOPLE


class Names:
    """Every titled or full name the article uses, for resolving short forms."""

    def __init__(self, text: str) -> None:
        # last name (lower) -> fullest names, each once, in order of first use
        self.full: dict[str, dict[str, None]] = {}
        self.by_role: dict[str, set[str]] = {}  # role word (lower) -> names after it
        self._mentions: list[tuple[int, tuple[str, ...]]] = []  # where a person is named
        self._cache: dict[str, str] = {}
        self._alone: set[str] = set()  # words used alone as a name: "Park said", "Merz"
        self._titled: set[str] = set()  # names that follow a role word
        placed: list[tuple[int, tuple[str, ...]]] = []  # names ending in "Park", "Hall"
        for match in _SEQUENCE.finditer(text):
            title, name, person = _phrase(match.group(0))
            if len(name) == 1:
                self._alone.add(name[0].lower())
            if person:
                self._mentions.append((match.start(), name))
            elif name:
                placed.append((match.start(), name))
            if len(name) >= 2:
                self.full.setdefault(name[-1].lower(), {})[" ".join(name)] = None
            for role in title:
                self.by_role.setdefault(role.lower().rstrip("-"), set()).add(" ".join(name))
                self._titled.add(" ".join(name))
        # "Mina Park" is a person after all when "Park" stands alone somewhere
        self._mentions += [m for m in placed if m[1][-1].lower() in self._alone]
        self._mentions.sort()

    def is_person(self, name: str) -> bool:
        """Whether the article treats a full name as a person's: it uses the last name
        alone ("Park, a former playwright") or puts a title before it."""
        return name in self._titled or name.split()[-1].lower() in self._alone

    def mentioned(self, start: int, end: int) -> set[str]:
        """The people named in ``text[start:end]``: full names, or short forms of them."""
        found: set[str] = set()
        k = bisect_left(self._mentions, (start, ()))
        while k < len(self._mentions) and self._mentions[k][0] < end:
            name = self._mentions[k][1]
            full = self._fullest(" ".join(name))
            if len(full.split()) >= 2 and (len(name) >= 2 or full != " ".join(name)):
                found.add(full)
            k += 1
        return found

    def resolve(self, phrase: str) -> str:
        """The fullest name for a speaker phrase (title dropped), else the phrase; a role
        of a body ("Sprecher der Polizei") is the speaker as written."""
        words = phrase.split()
        link = next((k + 1 for k, w in enumerate(words[1:]) if w in _ROLE_OF and is_role(
            words[k])), 0)
        if link:  # the body is one word; a name may follow it ("der Opposition Weiß")
            body = link + 1 + (link + 1 < len(words) and words[link + 1].lower() in STOP)
            rest = [w for w in words[body + 1:] if is_capitalised(w)]
            return self.resolve(" ".join(rest[-2:])) if rest else phrase
        tokens = [t for t in words if t.lower() not in STOP]
        title, name = split_title(tokens)
        if not name:
            for role in reversed(title):
                names = self.by_role.get(role.lower().rstrip("-"), set())
                fullest = {self._fullest(n) for n in names}
                if len(fullest) == 1:
                    return fullest.pop()
            return phrase
        full = self._fullest(" ".join(name))
        if len(full.split()) > len(name) or len(name) >= 2:
            return full
        return phrase

    def _fullest(self, name: str) -> str:
        if name not in self._cache:
            self._cache[name] = self._find_fullest(name)
        return self._cache[name]

    def _find_fullest(self, name: str) -> str:
        last = name.split()[-1]
        candidates = list(self.full.get(last.lower(), []))
        if not candidates:
            candidates = [n for key, ns in self.full.items() if _stem_match(last, key)
                          for n in ns]
        candidates = [c for c in candidates if len(c.split()) >= len(name.split())]
        if not candidates:
            return name
        found = max(candidates, key=lambda c: (len(c.split()), -candidates.index(c)))
        return _nominative(found, last) if _is_cyrillic(last) else found
