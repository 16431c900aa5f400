"""The language guess: right on real news sentences, silent when the evidence is thin."""

from __future__ import annotations

import subprocess
import sys

import pytest

from core.importers.language import LANGUAGES, SAMPLE_CHARS, guess_language

SAMPLES = {
    "de": "Am Mittwoch trafen sich die Generalstabschefs der USA und Russlands in Helsinki. "
    "Das Treffen dauerte sechs Stunden und war das erste persönliche Treffen seit 2019. "
    "Beide gaben keine Einzelheiten ihrer Gespräche bekannt.",
    "en": "The chiefs of staff of the United States and Russia met in Helsinki on Wednesday. "
    "The meeting lasted six hours and was the first in-person meeting between them since "
    "2019. Neither side gave details of their talks.",
    "fr": "Les chefs d'état-major des États-Unis et de la Russie se sont rencontrés mercredi à "
    "Helsinki. La réunion a duré six heures et c'était la première rencontre en personne "
    "depuis 2019. Aucun des deux n'a donné de détails sur leurs discussions.",
    "es": "Los jefes del Estado Mayor de Estados Unidos y Rusia se reunieron el miércoles en "
    "Helsinki. La reunión duró seis horas y fue el primer encuentro en persona desde 2019. "
    "Ninguno de los dos dio detalles de sus conversaciones.",
    "it": "I capi di stato maggiore degli Stati Uniti e della Russia si sono incontrati "
    "mercoledì a Helsinki. L'incontro è durato sei ore ed è stato il primo di persona dal "
    "2019. Nessuno dei due ha fornito dettagli sui colloqui.",
    "nl": "De stafchefs van de Verenigde Staten en Rusland hebben woensdag in Helsinki met "
    "elkaar gesproken. Het overleg duurde zes uur en was de eerste ontmoeting sinds 2019. "
    "Geen van beiden wilde iets kwijt over de inhoud van het gesprek.",
    "ru": "Встреча начальников генеральных штабов России и США прошла в Хельсинки и "
    "продолжалась шесть часов. Это была первая личная встреча военных с 2019 года. "
    "Подробности разговора стороны не раскрыли.",
    "uk": "Зустріч начальників генеральних штабів Росії та США відбулася в Гельсінкі і "
    "тривала шість годин. Це була перша особиста зустріч військових з 2019 року. "
    "Подробиці розмови сторони не розкрили.",
    "cs": "Náčelníci generálních štábů Spojených států a Ruska se ve středu sešli v Helsinkách. "
    "Schůzka trvala šest hodin a byla prvním osobním setkáním od roku 2019.",
    "pl": "Szefowie sztabów generalnych Stanów Zjednoczonych i Rosji spotkali się w środę w "
    "Helsinkach. Spotkanie trwało sześć godzin i było pierwszym osobistym spotkaniem od 2019 roku.",
    "zh": "美国和俄罗斯的总参谋长星期三在赫尔辛基会面。会谈持续了六个小时，这是双方自二〇一九年以来"
    "的首次面对面会晤。",
    # Placeholder text is reported as the Latin it imitates, not as French.
    "la": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua.",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_news_sentences(language: str) -> None:
    assert guess_language(SAMPLES[language]) == language


def test_german_article_with_a_cyrillic_source_line_is_german() -> None:
    text = (
        SAMPLES["de"]
        + "\nQuellen:\n2021-09-22. – (Kommersant) – «Удар из-за горизонта» О чем говорили "
        "главы Генштабов ВС России и США в Хельсинки\n"
    )
    assert guess_language(text) == "de"


@pytest.mark.parametrize(
    "text", ["", "   \n", "Helsinki", "2021-09-22 12:00", "OK", "Milley Gerasimov Helsinki NATO"]
)
def test_too_little_evidence_gives_empty(text: str) -> None:
    assert guess_language(text) == ""


def test_only_the_first_sample_is_read() -> None:
    text = SAMPLES["de"] * (SAMPLE_CHARS // len(SAMPLES["de"]) + 1) + SAMPLES["en"] * 10_000
    assert guess_language(text) == "de"


def test_deterministic() -> None:
    mixed = SAMPLES["de"] + " " + SAMPLES["nl"]
    assert len({guess_language(mixed) for _ in range(5)}) == 1


def test_every_language_guessed_has_a_sample() -> None:
    assert set(SAMPLES) == set(LANGUAGES)


def test_a_language_outside_the_list_is_unknown_rather_than_wrong() -> None:
    hungarian = (
        "Az Egyesült Államok és Oroszország vezérkari főnökei szerdán Helsinkiben "
        "találkoztak. A megbeszélés hat órán át tartott."
    )
    slovak = (
        "Náčelníci generálnych štábov Spojených štátov a Ruska sa v stredu stretli v "
        "Helsinkách. Stretnutie trvalo šesť hodín a bolo prvým osobným stretnutím od roku 2019."
    )
    assert guess_language(hungarian) == guess_language(slovak) == ""


def test_the_detector_loads_only_when_first_needed() -> None:
    code = "import core.importers, sys; print('lingua' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
