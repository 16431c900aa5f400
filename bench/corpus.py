"""Deterministic synthetic news data for benchmarks: article texts and annotations.

The same seed always gives the same text and the same annotations (ids included), so
figures from two runs or two machines describe the same work. Texts mix German and
English news prose with „…“ quotes, umlauts, Cyrillic words and the occasional
character outside the BMP, because that is what makes offsets and FTS do real work.

Search benchmarks need words of known frequency: ``COMMON_WORD`` occurs in nearly
every article, each of ``TOPIC_WORDS`` in about one article in ``len(TOPIC_WORDS)``,
and each of ``RARE_WORDS`` in a small fraction of one percent.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from core.anchoring import CONTEXT
from core.model import Annotation, Origin, Status
from core.uuid7 import format_uuid7

COMMON_WORD = "Berlin"

#: One topic per article; its word appears in almost every paragraph of that article.
TOPIC_WORDS = (
    "Haushaltsstreit", "Energiewende", "Migrationspaket", "Rentenreform", "Waffenruhe",
    "Zollabkommen", "Klimagipfel", "Bahnstreik", "Wohnungsbau", "Cybersicherheit",
    "Pressefreiheit", "Wahlrechtsreform", "Agrarsubventionen", "Schuldenbremse",
    "Krankenhausreform", "Lieferketten", "Grenzkontrollen", "Mindestlohn", "Atomausstieg",
    "Sanktionspaket",
)

#: Each appears in a paragraph with probability ``_RARE_PER_PARAGRAPH / len(RARE_WORDS)``.
RARE_WORDS = (
    "Quellenschutz", "Zeitenwende", "Ampelkrise", "Kompromisslinie", "Hinterzimmer",
    "Verhandlungsmarathon", "Koalitionsausschuss", "Sondervermögen",
)
_RARE_PER_PARAGRAPH = 0.002

_SPEAKERS_DE = (
    "Müller", "Schäfer", "Weiß", "Großmann", "Öztürk", "Jäger", "Krüger", "Böhm",
    "Schröder", "Lehmann",
)
_SPEAKERS_EN = ("Smith", "O'Neill", "García", "Nowak", "Okafor", "Chen", "Brennan", "Patel")
_ROLES_DE = (
    "die Ministerin", "der Sprecher der Opposition", "die Fraktionschefin",
    "der Gewerkschaftsvorsitzende", "ein Regierungssprecher", "die Bürgermeisterin",
)
_ROLES_EN = (
    "the minister", "an opposition spokesman", "the committee chair", "a senior official",
    "the union leader", "the mayor",
)
_SUBJECTS_DE = (
    "Die Bundesregierung", "Die Opposition", "Das Finanzministerium", "Die Koalition",
    "Der Bundesrat", "Die Gewerkschaft", "Der Verband", "Die Landesregierung",
    "Die EU-Kommission", "Der Kanzler",
)
_VERBS_DE = (
    "kritisierte", "begrüßte", "verteidigte", "forderte Änderungen an", "prüft",
    "lehnte", "unterstützt", "verschob", "bestätigte", "überarbeitet",
)
_OBJECTS_DE = (
    "den Entwurf", "die geplante Reform", "das Gesetz", "die Einigung", "den Kompromiss",
    "die Verhandlungen", "den Zeitplan", "die Vorschläge der Kommission", "das Gutachten",
)
_ADVERBIALS_DE = (
    "am Dienstag", "in Berlin", "nach langen Gesprächen", "überraschend deutlich",
    "trotz Bedenken", "in einer ersten Stellungnahme", "vor der Abstimmung",
    "laut Teilnehmern", "am späten Abend", "in Brüssel",
)
_SUBJECTS_EN = (
    "The government", "The opposition", "The finance ministry", "The coalition",
    "The commission", "Parliament", "The union", "The cabinet", "The prime minister",
)
_VERBS_EN = (
    "criticised", "welcomed", "defended", "called for changes to", "is reviewing",
    "rejected", "backs", "postponed", "confirmed", "is redrafting",
)
_OBJECTS_EN = (
    "the draft", "the planned reform", "the bill", "the agreement", "the compromise",
    "the talks", "the timetable", "the commission's proposals", "the report",
)
_ADVERBIALS_EN = (
    "on Tuesday", "in London", "after lengthy talks", "in unusually sharp terms",
    "despite concerns", "in a first statement", "ahead of the vote",
    "according to people present", "late in the evening", "in Brussels",
)
_QUOTES_DE = (
    "Das ist ein fauler Kompromiss", "Wir werden das nicht hinnehmen",
    "Die Zahlen sprechen eine klare Sprache", "Niemand hat ein Interesse an Neuwahlen",
    "Wir sind zu Gesprächen bereit", "Das Vertrauen ist verspielt",
    "Es geht um die Glaubwürdigkeit der Politik", "Wir brauchen jetzt Klarheit",
)
_QUOTES_EN = (
    "This is a rotten compromise", "We will not accept this",
    "The figures speak for themselves", "Nobody wants an early election",
    "We are ready to talk", "Trust has been squandered",
    "This is about the credibility of politics", "We need clarity now",
)
#: Russian press and places, as they appear in German and English reporting.
_CYRILLIC = (
    "Известия", "Коммерсантъ", "Кремль", "Москва", "переговоры", "санкции", "Госдума",
    "Правда",
)
#: Characters outside the BMP (two UTF-16 units each): emoji and a mathematical letter.
_ASTRAL = ("😀", "🎉", "👍", "🔥", "🇪🇺", "𝔘")


def _paragraph(rng: random.Random, german: bool, topic: str) -> str:
    sentences = [
        _sentence(rng, german, topic if rng.random() < 0.5 else "")
        for _ in range(rng.randint(3, 6))
    ]
    if rng.random() < _RARE_PER_PARAGRAPH:
        sentences.insert(rng.randrange(len(sentences)), _rare_sentence(rng, german))
    return " ".join(sentences)


def _sentence(rng: random.Random, german: bool, topic: str) -> str:
    roll = rng.random()
    if roll < 0.22:
        return _quote_sentence(rng, german)
    if roll < 0.28:
        return _cyrillic_sentence(rng, german)
    if roll < 0.31:
        return _post_sentence(rng, german)
    if german:
        about = f" im {topic}" if topic else ""
        sentence = (
            f"{rng.choice(_SUBJECTS_DE)} {rng.choice(_VERBS_DE)} {rng.choice(_OBJECTS_DE)}"
            f"{about} {rng.choice(_ADVERBIALS_DE)}."
        )
        if rng.random() < 0.3:
            sentence += f" Die Regierung in {COMMON_WORD} äußerte sich zunächst nicht."
        return sentence
    about = f" on {topic}" if topic else ""
    sentence = (
        f"{rng.choice(_SUBJECTS_EN)} {rng.choice(_VERBS_EN)} {rng.choice(_OBJECTS_EN)}"
        f"{about} {rng.choice(_ADVERBIALS_EN)}."
    )
    if rng.random() < 0.3:
        sentence += f" Officials in {COMMON_WORD} declined to comment."
    return sentence


def _quote_sentence(rng: random.Random, german: bool) -> str:
    if german:
        speaker = f"{rng.choice(_ROLES_DE)} {rng.choice(_SPEAKERS_DE)}"
        return f"„{rng.choice(_QUOTES_DE)}“, sagte {speaker} {rng.choice(_ADVERBIALS_DE)}."
    speaker = f"{rng.choice(_ROLES_EN)}, {rng.choice(_SPEAKERS_EN)},"
    return f"„{rng.choice(_QUOTES_EN)}“, {speaker} said {rng.choice(_ADVERBIALS_EN)}."


def _cyrillic_sentence(rng: random.Random, german: bool) -> str:
    word = rng.choice(_CYRILLIC)
    if german:
        return f"Die Zeitung „{word}“ berichtete aus Moskau und {COMMON_WORD}."
    return f"The paper „{word}“ reported from Moscow and {COMMON_WORD}."


def _post_sentence(rng: random.Random, german: bool) -> str:
    symbol = rng.choice(_ASTRAL)
    if german:
        return f"Auf X schrieb {rng.choice(_SPEAKERS_DE)}: „Gute Nachrichten {symbol}“."
    return f"On X, {rng.choice(_SPEAKERS_EN)} wrote: „Good news {symbol}“."


def _rare_sentence(rng: random.Random, german: bool) -> str:
    word = rng.choice(RARE_WORDS)
    if german:
        return f"Beobachter sprachen von einem Fall für das {word}."
    return f"Observers called it a case for the {word}."


def article_text(n_chars: int, seed: int) -> str:
    """A news article of exactly ``n_chars`` code points, paragraphs split by blank lines.

    The article is German or English (about 60:40) and keeps to one topic word.
    """
    if n_chars < 1:
        raise ValueError(f"an article needs at least one character (got {n_chars})")
    rng = random.Random(seed)
    german = rng.random() < 0.6
    topic = rng.choice(TOPIC_WORDS)
    paragraphs: list[str] = []
    length = 0
    while length < n_chars:
        paragraph = _paragraph(rng, german, topic)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    text = "\n\n".join(paragraphs)[:n_chars]
    if text[-1].isspace():
        text = text[:-1] + "."
    return text


def headline(seed: int) -> str:
    """A short headline for the article of the same seed."""
    rng = random.Random(seed)
    german = rng.random() < 0.6
    topic = rng.choice(TOPIC_WORDS)
    words: tuple[tuple[str, ...], ...] = (
        (_SUBJECTS_DE, _VERBS_DE, _OBJECTS_DE) if german else (_SUBJECTS_EN, _VERBS_EN, _OBJECTS_EN)
    )
    return f"{topic}: " + " ".join(rng.choice(choices) for choices in words)


_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _timestamps(count: int, seed: int) -> tuple[str, ...]:
    """``count`` sorted times over 300 days of 2026, formatted like ``core.model.utc_now``."""
    rng = random.Random(seed)
    moments = sorted(
        _EPOCH + timedelta(milliseconds=rng.randrange(300 * 24 * 3600 * 1000))
        for _ in range(count)
    )
    return tuple(
        m.strftime("%Y-%m-%dT%H:%M:%S.") + f"{m.microsecond // 1000:03d}Z" for m in moments
    )


#: Formatting a datetime per annotation would triple the cost of ``make_annotations``.
_TIMESTAMPS = _timestamps(4096, seed=0)
_SPEAKERS = _SPEAKERS_DE + _SPEAKERS_EN


#: Ids of the annotations made with seed ``s`` carry times from ``_EPOCH_MS + s * _SEED_MS``
#: on, one millisecond apart: a higher seed's ids sort after a lower seed's, as the ids
#: ``core.model.new_id`` gives annotations made one after the other.
_EPOCH_MS = int(_EPOCH.timestamp() * 1000)
_SEED_MS = 1_000_000


def make_annotations(
    doc_id: str,
    text_len: int,
    tag_ids: Sequence[str],
    n: int,
    author: str,
    seed: int,
    *,
    text: str | None = None,
) -> list[Annotation]:
    """``n`` annotations on one document, in random order, ``0 <= start < end <= text_len``.

    With ``text`` the selectors (exact, prefix, suffix) are filled in exactly as
    ``core.anchoring.selector_for`` would, which the bulk path expects. About a
    quarter carry a free-text ``speaker`` attribute, one in fifty a note, one in
    ten is a proposed suggestion. Ids are version-7 UUIDs in creation order, as
    ``new_id`` makes them (``n`` must stay below a million for that). Written for
    speed: a million take seconds.
    """
    if text is not None and len(text) != text_len:
        raise ValueError(f"text has {len(text)} characters, not {text_len}")
    if text_len < 1:
        raise ValueError("annotations need a text of at least one character")
    if not tag_ids:
        raise ValueError("annotations need at least one tag id")
    rng = random.Random(seed)
    uniform = rng.random
    bits = rng.getrandbits
    first_ms = _EPOCH_MS + seed * _SEED_MS
    annotations = []
    for number in range(n):
        start = int(uniform() * text_len)
        end = min(text_len, start + 8 + int(uniform() * 233))
        suggested = uniform() < 0.1
        created = _TIMESTAMPS[int(uniform() * len(_TIMESTAMPS))]
        annotation = Annotation(
            format_uuid7(first_ms + number, bits(42), bits(32)),
            doc_id,
            start,
            end,
            tag_ids[int(uniform() * len(tag_ids))],
            attributes=(
                {"speaker": _SPEAKERS[int(uniform() * len(_SPEAKERS))]}
                if uniform() < 0.25 else {}
            ),
            note=(
                f"{rng.choice(_QUOTES_DE)}? {rng.choice(TOPIC_WORDS)}"
                if uniform() < 0.02 else ""
            ),
            author=author,
            origin=Origin.SUGGESTED if suggested else Origin.MANUAL,
            status=Status.PROPOSED if suggested else Status.ACCEPTED,
            created=created,
            modified=created,
        )
        if text is not None:
            annotation.exact = text[start:end]
            annotation.prefix = text[max(0, start - CONTEXT):start]
            annotation.suffix = text[end:end + CONTEXT]
        annotations.append(annotation)
    return annotations
