"""Does a PDF's text layer read as words of its language?

A font whose codes stand for other letters (a shifted or private encoding with a
ToUnicode map that lies) gives a text layer of ordinary letters that is no language:
"Tusfju vn ejf Epobvgäisf" where the page shows "Streit um die Donaufähre". lingua still
names a language for it (Dutch, Latin), and nothing else in the layer looks wrong. What
tells is that almost none of its words are words: simplemma's dictionaries of the guessed
language know nine in ten words of real news text and two in a hundred of such a layer.
"""

from __future__ import annotations

import re

from core.i18n import _

#: Words looked up (the first ones of the text): enough to tell, cheap at any length.
SAMPLE_WORDS = 300
#: Fewer words than this (a table, a caption) say nothing either way.
MIN_WORDS = 40
#: Share of known words below which the layer does not read as the language. Real text
#: measured 0.9-1.0 (names and rare words make the rest), shifted text 0.01-0.03.
KNOWN_SHARE = 0.3
_WORD = re.compile(r"[^\W\d_]{3,}")


def known_share(text: str, language: str) -> float | None:
    """Share of the first words of ``text`` that simplemma knows in ``language``; None
    when there are too few words or simplemma has no dictionary of the language."""
    import simplemma

    words = _WORD.findall(text, 0, 40 * SAMPLE_WORDS)[:SAMPLE_WORDS]
    if len(words) < MIN_WORDS or not language:
        return None
    try:
        known = sum(1 for w in words if simplemma.is_known(w, lang=language)
                    or simplemma.is_known(w.lower(), lang=language))
    except ValueError:  # no dictionary of this language (Chinese, say)
        return None
    return known / len(words)


def unreadable_warning(text: str, language: str) -> list[str]:
    """A warning when the text layer does not read as ``language`` (the guessed one)."""
    share = known_share(text, language)
    if share is None or share >= KNOWN_SHARE:
        return []
    return [_("the text layer does not read as words: of its first words, %(percent)s are "
              "words of the language it resembles (%(language)s); a font whose characters "
              "stand for other letters? The stored text is probably not what the pages show "
              "(run OCR)") % {"percent": f"{share:.0%}", "language": language}]
