"""Whether a hyphen at a line's end belongs to the word or only to the line.

A typesetter breaks "be-/schränkte" where the line ends; the stored text wants
"beschränkte", but "US-/General" and "кто-/то" keep their hyphen, and "Ein-/und
Ausreise" keeps it with a space (a suspended compound). The shapes of the two words
decide (a lower-case continuation is a soft break, a capital or digit is not), with two
small word lists for what shapes cannot tell.
"""

from __future__ import annotations

SPACE, JOIN, DEHYPHENATE = 0, 1, 2
_HYPHENS = frozenset("-\u2010")
#: Words after a suspended hyphen ("Ein- und Ausreise", "pre- and post-war").
_CONJUNCTIONS = frozenset(("und", "oder", "bzw", "sowie", "and", "и", "или"))
#: Russian words whose hyphen is spelling: pronoun and particle ("кто-то", "где-нибудь"),
#: compound prepositions ("из-за") and "по-" adverbs ("по-русски", "по-моему").
_RU_PARTICLES = frozenset(("то", "либо", "нибудь", "таки"))
_RU_PRONOUNS = frozenset((
    "кто", "что", "где", "куда", "откуда", "когда", "как", "какой", "какая", "какое",
    "какие", "каким", "чей", "чья", "чьё", "почему", "зачем", "сколько", "кого", "чего",
    "кому", "чему", "кем", "чем", "ком", "чём", "такой", "так", "все", "всё", "опять",
))
_RU_COMPOUNDS = frozenset((("из", "за"), ("из", "под")))
_RU_ADVERB_ENDS = ("ски", "цки", "ому", "ему")


def _bare(word: str) -> str:
    return word.casefold().strip(".,;:!?»“”\"')")


def _spelled_hyphen(stem: str, word: str) -> bool:
    """Russian hyphens the word lists know to be spelling ("кто-то", "из-за")."""
    stem = stem.rsplit("-", 1)[-1].lstrip("«„\"'(")
    return (
        (stem in _RU_PRONOUNS and word in _RU_PARTICLES)
        or (stem, word) in _RU_COMPOUNDS
        or (stem == "по" and word.endswith(_RU_ADVERB_ENDS))
    )


def line_break(previous: str, word: str, reflowed: bool) -> int:
    """How the last word of a line meets the first word of the next one.

    A soft hyphen always goes. In a PDF a hyphen before a lower-case letter is a typesetter's
    ("Ver-/handlung") unless the word lists say otherwise; before a capital or digit it is
    part of the word ("US-/General"). Reflowed EPUB text only breaks at real hyphens, so it
    keeps them all.
    """
    if len(previous) < 2 or not word:
        return SPACE
    last, first = previous[-1], word[0]
    if last == "\xad":
        return DEHYPHENATE if first.isalpha() else SPACE
    if last not in _HYPHENS or not previous[-2].isalnum():
        return SPACE
    if reflowed:
        return JOIN if first.isalnum() else SPACE
    if first.islower() and previous[-2].isalpha():
        bare = _bare(word)
        if bare in _CONJUNCTIONS:
            return SPACE
        return JOIN if _spelled_hyphen(previous[:-1].casefold(), bare) else DEHYPHENATE
    if first.isupper() or first.isdigit():
        return JOIN
    return SPACE
