"""The detector on news it was not tuned on (tests/fixtures/suggest-heldout), and the
general weaknesses that set showed, each held by a small case of its own."""

from __future__ import annotations

import pytest

from core.suggest import Kind, detect
from tests.core.suggest_gold import FRESH, HELDOUT, score_all, table


def test_held_out_set_meets_the_targets() -> None:
    """Measured before any change for it: direct P 0.85 R 0.92, speakers 0.32, reported
    R 0.27, inline sources R 0.20 (see tests/fixtures/suggest-heldout/README.md)."""
    scores = score_all(HELDOUT)
    print(table(scores))
    direct, speakers = scores["direct quotes"], scores["speakers"]
    assert direct.precision >= 0.95, direct.misses
    assert direct.recall >= 0.90, direct.misses
    assert speakers.precision >= 0.85, speakers.misses
    assert direct.true + direct.missed >= 20  # 13 articles, 3 languages


def test_fresh_set_meets_the_targets() -> None:
    """Written after the held-out fixes; first measured at direct P 1.00 R 1.00 but
    speakers 0.50 (a role of a body, an age apposition, «Интерфаксу» between verb and
    speaker, Russian names in the genitive), then mended in general."""
    scores = score_all(FRESH)
    direct, speakers = scores["direct quotes"], scores["speakers"]
    assert (direct.precision, direct.recall) == (1.0, 1.0), direct.misses
    assert speakers.precision >= 0.85, speakers.misses


@pytest.mark.parametrize("name", ["de-h03-ohne", "en-h03-noquotes", "ru-h02-bez"])
def test_held_out_articles_without_quotes_get_none(name: str) -> None:
    text = (HELDOUT / f"{name}.txt").read_text(encoding="utf-8")
    assert [text[s.start:s.end] for s in detect(text) if s.kind is Kind.QUOTE] == []


def _quotes(text: str) -> dict[str, str]:
    return {text[s.start:s.end]: s.attributes.get("speaker", "") for s in detect(text)
            if s.kind is Kind.QUOTE and s.attributes["form"] == "direct"}


@pytest.mark.parametrize("text, quote", [
    ("\"Sometimes we simply have to wait,\" Mayor Karen Bass said on Friday.",
     "Sometimes we simply have to wait,"),
    ("„Die Zeitung hat das falsch dargestellt“, sagte Kühn.",
     "Die Zeitung hat das falsch dargestellt"),
])
def test_a_quote_that_mentions_a_medium_is_still_a_quote(text: str, quote: str) -> None:
    assert quote in _quotes(text)


def test_an_outlet_named_at_a_line_end_stops_there() -> None:
    text = "‘It will fail,’ he told the Daily Telegraph.\nMarsh grew up in Stockport."
    sources = [text[s.start:s.end] for s in detect(text) if s.kind is Kind.SOURCE]
    assert sources == ["Daily Telegraph"]


@pytest.mark.parametrize("text", [
    "Besonders gefragt waren die Filme „Barbie“ und „Oppenheimer“ im Juli.",
    "Die Romane „Schuld und Sühne“ und „Krieg und Frieden“ stehen im Regal.",
    "Die viel gelobten Bücher „Die Vermessung der Welt“ lagen aus.",
])
def test_titles_after_a_plural_title_word_or_an_adjectival_participle_are_no_quotes(
        text: str) -> None:
    assert _quotes(text) == {}


def test_a_participle_of_saying_with_its_auxiliary_still_frames() -> None:
    text = "Friedrich Merz hat am Montag gesagt: „Wir bleiben bei unserem Kurs.“"
    assert _quotes(text) == {"Wir bleiben bei unserem Kurs.": "Friedrich Merz"}


@pytest.mark.parametrize("text, outlet", [
    ("Wie der «Tages-Anzeiger» berichtet, soll die Umsetzung bis 2030 dauern.", "Tages-Anzeiger"),
    ("Wie die „Rheinpfalz“ am Montag meldete, bleibt die Brücke gesperrt.", "Rheinpfalz"),
    ("Wie die „Rheinpfalz“ am Montag berichtete, bleibt die Brücke gesperrt.", "Rheinpfalz"),
    ("The \"Plain Dealer\" reported on Sunday that the plant will close.", "Plain Dealer"),
])
def test_a_quoted_name_that_reports_is_an_outlet_not_a_quote(text: str, outlet: str) -> None:
    found = detect(text)
    assert [text[s.start:s.end] for s in found if s.kind is Kind.SOURCE] == [outlet]
    assert [s for s in found if s.kind is Kind.QUOTE] == []


@pytest.mark.parametrize("text", [
    "«Мы должны сбалансировать бюджет, — сказал Сидоров журналистам. — Других источников "
    "у нас просто нет».",
    "«Мы должны сбалансировать бюджет, - сказал Сидоров журналистам, - других источников "
    "у нас просто нет».",
])
def test_a_russian_frame_inside_the_marks_splits_the_quote(text: str) -> None:
    found = [s for s in detect(text) if s.kind is Kind.QUOTE]
    assert [text[s.start:s.end] for s in found] == [
        "Мы должны сбалансировать бюджет,", text[text.index("ругих") - 1:-2]]
    assert {s.attributes["speaker"] for s in found} == {"Сидоров"}
    assert found[0].attributes["group"] == found[1].attributes["group"]


@pytest.mark.parametrize("text, speaker", [
    ("\"We will build them,\" said Alderman Daniel Reyes, who sponsored the measure.",
     "Daniel Reyes"),
    ("„Wir prüfen das“, sagte Oberbürgermeisterin Eva Roth. „Mehr nicht.“", "Eva Roth"),
    ("Мэр Новосибирска Сергей Ковалёв ответил: «Мы ждали этого семь лет». «Теперь всё "
     "изменится», — написал Ковалёв.", "Сергей Ковалёв"),
    ("Президент Белоруссии Иван Петров заявил: «Мы готовы к переговорам».", "Иван Петров"),
    ("Mayor of Springfield Brandon Miller spoke first. \"It is a good day,\" Miller said.",
     "Brandon Miller"),
])
def test_titles_before_a_name_are_not_the_name(text: str, speaker: str) -> None:
    assert set(_quotes(text).values()) == {speaker}


def test_she_is_the_person_named_by_surname_not_the_place_beside_her() -> None:
    text = ("Mina Park’s debut opened on Friday. Park, a former playwright, grew up in New "
            "York. \"I felt like a bridge,\" she told the audience.")
    assert _quotes(text) == {"I felt like a bridge,": "Mina Park"}


@pytest.mark.parametrize("text, speaker", [
    ("The housing secretary, Helen Marsh, has defended the target of 1.5m new homes, "
     "insisting it is ‘ambitious but achievable’.", "Helen Marsh"),
    ("Министр Антон Сидоров выступил на форуме, подчеркнув: «Других источников у нас нет».",
     "Антон Сидоров"),
    ("Как отметил глава Счётной палаты Алексей Крылов, «без реформы бюджет не сойдётся».",
     "Алексей Крылов"),
    ("As Governor Ann Lee told reporters, \"nobody will be left behind.\"", "Ann Lee"),
])
def test_participle_and_as_clauses_name_the_sentence_subject(text: str, speaker: str) -> None:
    assert set(_quotes(text).values()) == {speaker}


def test_a_frame_broken_by_line_end_hyphenation_still_names_the_speaker() -> None:
    text = ("Die Bahn saniert 41 Strecken. \"Wir muten unseren Fahrgästen viel zu\", sagte "
            "Infrastruktur-\nvorstand Bernd Kessler am Mittwoch. \"Aber es geht nicht anders.\"")
    assert _quotes(text) == {"Wir muten unseren Fahrgästen viel zu": "Bernd Kessler",
                             "Aber es geht nicht anders.": "Bernd Kessler"}


def test_a_hard_wrapped_line_continues_its_paragraph() -> None:
    from core.suggest.text_units import paragraphs

    text = "Er sagte, die Lage sei\nernst. Dann ging er.\nNeue Zeile\nhttps://example.org/x"
    assert [text[p.start:p.end] for p in paragraphs(text)] == [
        "Er sagte, die Lage sei\nernst. Dann ging er.", "Neue Zeile", "https://example.org/x"]


@pytest.mark.parametrize("text, speaker", [
    ("Bürgermeister Klaus Wendt (CDU) verteidigte das Projekt am Dienstag: »Ohne die "
     "Umgehung ersticken wir im Verkehr.«", "Klaus Wendt"),
    ("Ein Anwohner, der seit dreißig Jahren dort wohnt, brachte es auf den Punkt: »Wir wollen "
     "einfach wieder schlafen können.«", "Anwohner"),
])
def test_a_quote_after_a_colon_is_the_sentence_subjects(text: str, speaker: str) -> None:
    assert set(_quotes(text).values()) == {speaker}


def _reported(text: str) -> dict[str, str]:
    return {text[s.start:s.end]: s.attributes.get("speaker", "") for s in detect(text)
            if s.kind is Kind.QUOTE and s.attributes["form"] == "reported"}


@pytest.mark.parametrize("text, clause, speaker", [
    # Konjunktiv I told by its form, not a list: gelte, prüfe, fehle
    ("Die Regel sei abgesprochen, so Anna Keller. Auf den Hauptstraßen gelte weiterhin "
     "Tempo 50.", "Auf den Hauptstraßen gelte weiterhin Tempo 50", "Anna Keller"),
    # no verb of saying, but a named subject and Konjunktiv I after the comma
    ("Landrat Peter Wolf hielt dagegen, die Studie sei veraltet.", "die Studie sei veraltet",
     "Peter Wolf"),
    # English reported speech without "that"
    ("The union leader, Tom Hayes, said the offer did not go far enough.",
     "the offer did not go far enough", "Tom Hayes"),
    ("Critics argued the new rules would hurt small firms.",
     "the new rules would hurt small firms", "Critics"),
    ("According to the Office for National Statistics, prices rose by 2 percent.",
     "prices rose by 2 percent", "Office for National Statistics"),
    # Russian: opinion verbs, "по мнению", a pronoun between "по" and "словам"
    ("Министр Антон Сидоров не исключил, что налоги для банков вырастут.",
     "налоги для банков вырастут", "Антон Сидоров"),
    ("Министр Антон Сидоров выступил в Думе. По его словам, бюджет будет сбалансирован.",
     "бюджет будет сбалансирован", "Антон Сидоров"),
    ("Министр Антон Сидоров выступил в Думе. По мнению министра, кризис уже позади.",
     "кризис уже позади", "Антон Сидоров"),
])
def test_reported_speech_in_more_forms(text: str, clause: str, speaker: str) -> None:
    assert _reported(text).get(clause) == speaker, _reported(text)


def test_konjunktiv_continues_after_a_direct_quote() -> None:
    text = ("„Das schadet dem Gewerbe“, sagte Verbandspräsidentin Nicole Bachmann. "
            "Man prüfe rechtliche Schritte.")
    assert _reported(text) == {"Man prüfe rechtliche Schritte": "Nicole Bachmann"}


@pytest.mark.parametrize("text, outlets", [
    ("Die Bahn saniert 41 Strecken. Mit Material von dpa und AFP.", ["dpa", "AFP"]),
    ("The ministry confirmed the figures, as reported by Reuters and the BBC.",
     ["Reuters", "BBC"]),
])
def test_every_outlet_of_a_list_is_a_source(text: str, outlets: list[str]) -> None:
    assert [text[s.start:s.end] for s in detect(text) if s.kind is Kind.SOURCE] == outlets


@pytest.mark.parametrize("text, quote", [
    ("Auf X schrieb Schäfer: „Gute Nachrichten für alle“.", "Gute Nachrichten für alle"),
    ("\"Good news travels fast,\" Mayor Karen Bass said.", "Good news travels fast,"),
])
def test_speech_with_a_media_word_is_no_outlet(text: str, quote: str) -> None:
    assert quote in _quotes(text)
    assert [s for s in detect(text) if s.kind is Kind.SOURCE] == []


@pytest.mark.parametrize("text, speaker", [
    # a role with a genitive body is the speaker as written, not a name found elsewhere
    ("Nach Angaben der Polizei war die Straße gesperrt. „Der Fahrer wurde befreit“, sagte "
     "ein Sprecher der Polizei.", "Sprecher der Polizei"),
    # an age between the name and the verb
    ("\"We have been very transparent,\" Chief Executive Laura Grant, 54, told Reuters.",
     "Laura Grant"),
    # the outlet told, between the verb and the speaker
    ("«Поезда будут ходить каждые десять минут», — сообщил «Интерфаксу» представитель "
     "перевозчика.", "представитель перевозчика"),
    # the name as the subject says it, the given name from its fuller mention
    ("Картина режиссёра Анны Морозовой победила. «Это история о прощении», — рассказала "
     "Морозова.", "Анна Морозова"),
    ("Пресс-секретарь Дмитрий Песков заявил журналистам об этом. По словам Пескова, "
     "«встреча пока не назначена».", "Дмитрий Песков"),
])
def test_speakers_in_wire_and_russian_styles(text: str, speaker: str) -> None:
    assert set(_quotes(text).values()) == {speaker}


def test_an_outlet_in_another_case_is_named_as_listed() -> None:
    text = "«Поезда ходят», — сообщил «Интерфаксу» представитель перевозчика."
    sources = [s.attributes["outlet"] for s in detect(text) if s.kind is Kind.SOURCE]
    assert sources == ["Интерфакс"]
