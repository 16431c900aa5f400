"""The language of an imported article, by lingua, among the languages Glossa's analysts meet.

lingua is limited to those languages and their near neighbours (which are reported as
unknown, so a Hungarian text is not called Czech); the low-accuracy mode (trigram models
only) loads in ~0.16 s and ~60 MB, where the full models of our languages alone take ~1.4 s
and ~300 MB, and it is as good on article-length text. The detector is
built on first use, so start-up never pays for it. Latin is among the languages so that
placeholder "Lorem ipsum" is called Latin ("la"), not French. When the evidence is thin or
lingua is unsure the answer is "" (unknown) rather than a wrong guess.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

#: ISO 639-1 codes of the languages guessed (Dutch and Latin besides the news languages).
LANGUAGES = ("de", "en", "ru", "cs", "fr", "it", "es", "pl", "uk", "zh", "nl", "la")
#: Languages lingua also tells apart but Glossa reports as unknown: near neighbours of ours
#: that, left out, would be forced onto the closest of ours (Hungarian read as Czech).
NEIGHBOURS = (
    "sk", "sl", "hr", "sr", "bs", "hu", "ro", "pt", "ca", "sv", "da", "nb", "fi", "tr",
    "be", "bg", "mk", "ja", "ko", "af", "lt", "lv", "et",
)  # fmt: skip
SAMPLE_CHARS = 20_000
_MIN_WORDS = 5
_MIN_HAN = 10
_MIN_CONFIDENCE = 0.9
_WORD = re.compile(r"[^\W\d_]{2,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@cache
def _detector() -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
        for code in LANGUAGES + NEIGHBOURS
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _enough_evidence(sample: str) -> bool:
    """Five words, or ten Han characters (Chinese has no spaces): below that names and
    dates alone would be given a language."""
    return len(_HAN.findall(sample)) >= _MIN_HAN or len(_WORD.findall(sample)) >= _MIN_WORDS


def guess_language(text: str) -> str:
    """ISO 639-1 code (one of ``LANGUAGES``) of ``text``, or "" when unsure.

    Only the first ``SAMPLE_CHARS`` characters are read, so the guess stays instant.
    """
    sample = text[:SAMPLE_CHARS]
    if not _enough_evidence(sample):
        return ""
    confidences = _detector().compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < _MIN_CONFIDENCE:
        return ""
    code = confidences[0].language.iso_code_639_1.name.lower()
    return code if code in LANGUAGES else ""
