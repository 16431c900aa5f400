"""Sources: the entries of a sources section, and outlets named inline.

A section starts at a line "Quellen:", "Quelle:", "Sources:", "Источники:"; each following
line that ``core.source_line`` reads as an entry (a date, a link or an outlet in
parentheses) is one Source, until the first line that is prose again. Inline, an outlet
is an agency in parentheses ("(RFE/RL)", "(dpa)") or a known or media-named outlet after
"laut", "berichtete", "according to", "as reported by", "сообщает", "по данным".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from core.i18n import _
from core.source_line import parse_source_line
from core.suggest.model import Kind, Suggestion
from core.suggest.text_units import Span

_HEADER = re.compile(r"(?i)(?:quellen|quelle|sources?|источники|источник)\s*:\s*(.*)$")
OUTLETS = frozenset(
    "Reuters|AP|AFP|dpa|DPA|epd|KNA|BBC|CNN|Spiegel|Der Spiegel|Bild|FAZ|Frankfurter Allgemeine"
    "|Frankfurter Allgemeine Zeitung|Süddeutsche Zeitung|SZ|Die Zeit|Zeit Online|Tagesschau|ARD"
    "|ZDF|Deutsche Welle|DW|Welt|taz|Handelsblatt|NZZ|Neue Zürcher Zeitung|Guardian"
    "|The Guardian|New York Times|The New York Times|Washington Post|The Washington Post"
    "|Wall Street Journal|The Wall Street Journal|Financial Times|Bloomberg|Politico|Axios"
    "|Associated Press|RFE/RL|Radio Free Europe|Kommersant|Коммерсантъ|ТАСС|TASS|Tass"
    "|РИА Новости|RIA Novosti|Интерфакс|Interfax|Ведомости|Vedomosti|Известия|Новая газета"
    "|Meduza|Медуза|RT|Kyiv Independent|NPR|Al Jazeera|Le Monde|El País|Stern|Focus"
    "|Tagesspiegel|RBC|РБК|Euronews|Sky News|Fox News|NBC|CBS|ABC".split("|"))
_CYRILLIC_OUTLETS = sorted((o for o in OUTLETS if "\u0400" <= o[:1] <= "\u04ff"), key=len,
                           reverse=True)
#: Words that make a name a medium's: whole words, German compound endings
#: ("Wochenzeitung", "Morgenpost"), Russian word stems ("газеты", "агентству").
_MEDIA_WORDS = frozenset(
    "news times post journal radio telegraph tribune herald gazette chronicle courier daily "
    "mail express observer magazine tv agency press".split())
_MEDIA_ENDINGS = ("zeitung", "agentur", "magazin", "sender", "rundfunk", "anzeiger",
                  "rundschau", "tagblatt", "kurier", "post", "nachrichten", "fernsehen", "presse")
_MEDIA_STEMS = ("агентств", "газет", "телеканал", "издани", "радио", "журнал", "вестник",
                "ведомост", "известия")
#: Most words an outlet's name has ("Frankfurter Allgemeine Sonntagszeitung"): a longer
#: stretch that mentions a medium is a sentence, not a name.
_OUTLET_WORDS = 5
#: An outlet's name: up to four capitalised words on one line, perhaps in quotes.
_NAME = r"(?:(?i:der|die|das|dem|den|the)\s+)?(?P<o>[„“\"«]?(?:[A-ZÄÖÜА-ЯЁ][\w/.-]*|dpa|epd" \
        r"|taz)(?:[ \t]+[A-ZÄÖÜА-ЯЁ][\w/.-]*){0,3}[“”\"»]?)"
#: The next outlet of a list: "dpa und AFP", "Reuters and the BBC", "ТАСС и РИА Новости".
_LIST_NEXT = re.compile(r"[ \t]*(?:,|und|and|и|sowie|&)[ \t]+" + _NAME)
_PARENTHESISED = re.compile(r"\((?P<p>[^()\n]{2,25})\)")
#: Words before an outlet ("laut Reuters") and after one ("Reuters zufolge"), lowercase:
#: found with str.find, which a 2 MB article needs (an alternation regex is 10× slower).
_CUES_BEFORE = ("laut", "material von", "material der", "berichtete", "berichteten",
                "berichtet", "meldete", "meldet",
                "according to", "as reported by", "reported by", "told", "gegenüber",
                "сообщает", "сообщило", "сообщил", "сообщила", "по данным", "передает",
                "передаёт", "пишет", "schreibt", "schrieb")
_CUES_AFTER = ("zufolge", "reported", "reports", "writes", "wrote", "berichtete",
               "berichteten", "berichtet", "schreibt", "schrieb", "meldet", "meldete", "пишет",
               "сообщает", "сообщил", "сообщила", "сообщило", "передает", "передаёт")
_NAME_AT = re.compile(r"\s+" + _NAME)
_NAME_BEFORE = re.compile(_NAME + r"\s+$")
_WINDOW = 80
_QUOTED = re.compile(r"[„“\"«]([^„“”\"«»]+)[“”\"»]")


@lru_cache(maxsize=4096)
def _entry(line: str) -> tuple[tuple[str, str], ...]:
    """``parse_source_line`` once per distinct line (dateparser is slow)."""
    return tuple(parse_source_line(line).items())


def section_spans(text: str, paragraphs: list[Span]) -> list[tuple[Span, list[Span]]]:
    """Each sources section: its whole span and its entries' spans."""
    sections: list[tuple[Span, list[Span]]] = []
    k = 0
    while k < len(paragraphs):
        para = paragraphs[k]
        header = _HEADER.match(text, para.start, para.end)
        k += 1
        if not header:
            continue
        entries: list[Span] = []
        if header.group(1).strip() and _entry(header.group(1)):
            entries.append(Span(header.start(1), para.end))
        while k < len(paragraphs) and _entry(text[paragraphs[k].start:paragraphs[k].end]):
            entries.append(paragraphs[k])
            k += 1
        if entries:
            sections.append((Span(para.start, entries[-1].end), entries))
    return sections


def section_entries(text: str, sections: list[tuple[Span, list[Span]]]) -> list[Suggestion]:
    found = []
    for _heading, entries in sections:
        for entry in entries:
            attributes = dict(_entry(text[entry.start:entry.end]))
            found.append(Suggestion(Kind.SOURCE, entry.start, entry.end,
                                    _("entry of a sources section"), attributes))
    return found


def is_outlet(name: str) -> bool:
    """A known outlet, a short capitalised name with a media word, or "RFE/RL"."""
    return name.count(" ") < _OUTLET_WORDS and _is_outlet(name)  # a long quote: at once


@lru_cache(maxsize=65536)
def _is_outlet(name: str) -> bool:
    bare = name.strip("„“”\"«»")
    if bare in OUTLETS or re.fullmatch(r"[A-ZА-Я]{2,}(?:/[A-ZА-Я]{2,})+", bare):
        return True
    words = [w.strip(".,;:!?()") for w in bare.split()]
    if not 0 < len(words) <= _OUTLET_WORDS or not (bare[0].isupper() or bare[0].isdigit()) \
            or not all(w[:1].isupper() or w.lower() in _NAME_LINKS for w in words if w):
        return False  # "Good news travels fast" is a sentence, not a name
    return any(w.lower() in _MEDIA_WORDS or w.lower().endswith(_MEDIA_ENDINGS)
               or w.lower().startswith(_MEDIA_STEMS) for w in words)


#: Lowercase words inside an outlet's name ("The Times of India", "Frankfurter Allgemeine
#: Zeitung für Deutschland").
_NAME_LINKS = frozenset("of the for and für und de la le der die das".split())


def inline_sources(text: str, excluded: list[Span]) -> list[Suggestion]:
    """Outlets named in the running text (one Source per mention)."""
    found: dict[tuple[int, int], Suggestion] = {}
    starts = [span.start for span in excluded]
    matches = [(m, "p") for m in _PARENTHESISED.finditer(text)]
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two code points: keep offsets aligned
        low = "".join(ch.lower()[:1] for ch in text)
    positions = {cue: _word_positions(low, cue) for cue in {*_CUES_BEFORE, *_CUES_AFTER}}
    for cue in _CUES_BEFORE:
        for pos in positions[cue]:
            match = _NAME_AT.match(text, pos + len(cue))
            while match is not None:
                matches.append((match, "o"))
                match = _LIST_NEXT.match(text, match.end())
    for cue in _CUES_AFTER:
        for pos in positions[cue]:
            begin = max(0, pos - _WINDOW)
            if (match := _NAME_BEFORE.search(text, begin, pos)) is not None:
                matches.append((match, "o"))
            if (quoted := _quoted_subject(text, begin, pos)) is not None:
                matches.append((quoted, "q"))
    for match, group in matches:
        start, end = match.span(group)
        name = text[start:end]
        quoted_name = group == "q"
        if quoted_name:  # the marks stay outside
            start, end = start + 1, end - 1
            name = text[start:end]
        elif group == "o" and (inner := _QUOTED.search(name)):  # Газета «Коммерсантъ»
            start, end = start + inner.start(1), start + inner.end(1)
            name, quoted_name = inner.group(1), True
        elif group == "o":
            name = _longest_outlet(name)
            end = start + len(name)
            bare = name.strip("„“”\"«»")
            start, end = start + name.index(bare), start + name.index(bare) + len(bare)
            name = bare
        name = _listed_form(name)  # «Интерфаксу» is Интерфакс
        # a quoted name that reports is a medium's even when unknown ("die „Rheinpfalz“")
        known = is_outlet(name) or (quoted_name and _name_words(name))
        if not name or not known or _inside(excluded, starts, start):
            continue
        reason = (_("outlet in parentheses (%(name)s)") if group == "p"
                  else _("outlet '%(name)s' named as a source")) % {"name": name}
        found[(start, end)] = Suggestion(Kind.SOURCE, start, end, reason, {"outlet": name})
    return sorted(found.values(), key=lambda s: s.start)


#: A quoted name as the subject of a reporting verb a few words on: "Wie die „Rheinpfalz“
#: am Montag meldete", "The "Plain Dealer" reported on Sunday".
_QUOTED_SUBJECT = re.compile(
    r"(?:^|[\s,:;(—–-])(?:(?i:der|die|das|the|газета|газете|издание)\s+)?"
    r"(?P<q>[„“\"«][A-ZÄÖÜА-ЯЁ][^„“”\"«»\n]{0,60}[“”\"»])"
    r"(?:\s+[\w.-]+){0,3}\s+$")


def _quoted_subject(text: str, begin: int, pos: int) -> re.Match[str] | None:
    return _QUOTED_SUBJECT.search(text, begin, pos)


def _listed_form(name: str) -> str:
    """A Russian outlet in another case as listed: "Интерфаксу" → "Интерфакс",
    "Коммерсанту" → "Коммерсантъ" (the listed name less its last letter starts the word,
    which ends at most two letters later)."""
    if name in OUTLETS or not "\u0400" <= name[:1] <= "\u04ff":
        return name
    for listed in _CYRILLIC_OUTLETS:
        if name.startswith(listed[:-1]) and len(name) - len(listed) <= 2 and len(listed) > 3:
            return listed
    return name


def _name_words(name: str) -> bool:
    """One to five words, each capitalised or a particle: a name, not a phrase."""
    words = name.split()
    return 0 < len(words) <= _OUTLET_WORDS and sum(w[:1].isupper() for w in words) * 2 > len(
        words) and name[-1] not in ".!?…,"


def _word_positions(low: str, word: str) -> list[int]:
    """Where ``word`` stands as a whole word in the lowercased text."""
    found = []
    pos = low.find(word)
    while pos >= 0:
        end = pos + len(word)
        if (pos == 0 or not low[pos - 1].isalnum()) and (end >= len(low) or not low[end].isalnum()):
            found.append(pos)
        pos = low.find(word, end)
    return found


def _inside(spans: list[Span], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies in one of the sorted, disjoint ``spans`` (``starts`` theirs)."""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k].end


def _longest_outlet(name: str) -> str:
    """"Reuters Montag" → "Reuters": the longest leading run of words that is an outlet."""
    words = name.split()
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n]).rstrip(".,")
        if is_outlet(candidate):
            return candidate
    return name
