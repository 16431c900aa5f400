"""The suggestion detector measured: the gold set's targets, and the reference article."""

from __future__ import annotations

from pathlib import Path

from core.suggest import Kind, detect
from tests.core.suggest_gold import score_all, table


def test_gold_set_meets_the_targets() -> None:
    scores = score_all()
    print(table(scores))
    direct, speakers = scores["direct quotes"], scores["speakers"]
    entries = scores["section entries"]
    assert direct.precision >= 0.95, direct.misses
    assert direct.recall >= 0.90, direct.misses
    assert speakers.precision >= 0.85, speakers.misses
    assert (entries.precision, entries.recall) == (1.0, 1.0), entries.misses
    assert direct.true + direct.missed >= 30  # the set is no toy: 16 articles, 3 languages


def test_articles_without_quotes_get_no_quote() -> None:
    gold = Path(__file__).resolve().parent.parent / "fixtures" / "suggest-gold"
    for name in ("de-06-ohne", "en-04-noquotes", "ru-03-bez"):
        text = (gold / f"{name}.txt").read_text(encoding="utf-8")
        assert [s for s in detect(text) if s.kind is Kind.QUOTE] == [], name


def test_seed_article_comes_out_right(seed_article: Path) -> None:
    text = seed_article.read_text(encoding="utf-8")
    found = detect(text)
    quotes = {text[s.start:s.end]: s.attributes for s in found
              if s.kind is Kind.QUOTE and s.attributes["form"] == "direct"}

    def speaker_of(beginning: str) -> str:
        matches = [attrs for quote, attrs in quotes.items() if quote.startswith(beginning)]
        assert len(matches) == 1, (beginning, list(quotes))
        return matches[0].get("speaker", "")

    # the quote that lost its opening mark, and the rest of that sentence's speech
    assert speaker_of("Die USA und Russland müssen ihre militärischen Kontakte verstärken") \
        == "Mark Milley"
    assert speaker_of("Wir müssen Vorschriften und Verfahren entwickeln") == "Mark Milley"
    assert speaker_of("Das ist ein so grundlegendes Problem") == "Mark Milley"
    assert speaker_of("führenden Offizieren der US-Streitkräfte") == "Mark Milley"
    assert speaker_of("eine Reihe von Vorfällen") == "Mark Milley"
    assert speaker_of("produktives Treffen gewesen. Wenn militärische Führer") == "Mark Milley"
    assert speaker_of("konstruktiv") == "russische Verteidigungsministerium"
    assert speaker_of("gegenseitigem Interesse") == "russische Verteidigungsministerium"
    speaker_of("Risikominderung und operative Entflechtung")  # "sie": both generals
    speaker_of("war das erste persönliche Treffen zwischen ihnen seit 2019")
    assert not any("Nord Stream" in quote for quote in quotes)
    assert len(quotes) == 10, list(quotes)
    entries = [s for s in found if s.kind is Kind.SOURCE and s.reason.startswith("entry")]
    assert len(entries) == 5
    for entry in entries:
        assert {"date", "outlet", "title"} <= set(entry.attributes), entry
        assert entry.attributes["date"].startswith("2021-09-2")
    assert entries[-1].attributes["outlet"] == "Kommersant"
    assert entries[-1].attributes["title"].startswith("«Удар из-за горизонта»")
