"""Sources-list entries as news articles write them, read into a Source's fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.model import TagKind
from core.source_line import parse_source_line, prefilled_attributes


@pytest.mark.parametrize(("line", "expected"), [
    ("22.09.2021 – (RFE/RL) – US, Russian Military Chiefs Meet in Helsinki",
     {"date": "2021-09-22", "outlet": "RFE/RL",
      "title": "US, Russian Military Chiefs Meet in Helsinki"}),
    ("2021-09-23. – (RFE/RL) – U.S. House Votes For Sanctions In 11th-Hour Attempt /",
     {"date": "2021-09-23", "outlet": "RFE/RL",
      "title": "U.S. House Votes For Sanctions In 11th-Hour Attempt"}),
    ("2021-09-22. — (Kommersant) — «Удар из-за горизонта» О чем говорили главы",
     {"date": "2021-09-22", "outlet": "Kommersant",
      "title": "«Удар из-за горизонта» О чем говорили главы"}),
    ("23 сентября 2021 г. – Коммерсантъ – Встреча в Хельсинки",
     {"date": "2021-09-23", "outlet": "Коммерсантъ", "title": "Встреча в Хельсинки"}),
    ("Reuters, 5. März 2024 – Fähre gesunken https://example.org/a?b=1.",
     {"url": "https://example.org/a?b=1", "date": "2024-03-05", "outlet": "Reuters",
      "title": "Fähre gesunken"}),
    ("(dpa) – Streit um die Donaufähre", {"outlet": "dpa", "title": "Streit um die Donaufähre"}),
])
def test_entries_fill_date_outlet_title_and_link(line: str, expected: dict[str, str]) -> None:
    assert parse_source_line(line) == expected


def test_a_sentence_is_not_taken_apart() -> None:
    sentence = "Die Ministerin sagte am Abend – nach langer Debatte – nichts mehr."
    assert parse_source_line(sentence) == {}
    assert parse_source_line("Die 11th-Hour-Regel gilt.") == {}


def test_only_a_one_line_source_is_prefilled() -> None:
    line = "22.09.2021 – (RFE/RL) – Title"
    assert prefilled_attributes(TagKind.SOURCE, line)["outlet"] == "RFE/RL"
    assert prefilled_attributes(TagKind.QUOTE, line) == {}
    assert prefilled_attributes(TagKind.SOURCE, line + "\n" + line) == {}


def test_every_entry_of_the_reference_articles_sources_list(seed_article: Path) -> None:
    lines = seed_article.read_text(encoding="utf-8").splitlines()
    first = lines.index("Quellen:") + 1
    entries = [line for line in lines[first:] if line[:4].isdigit()]
    assert len(entries) == 5
    for entry in entries:
        fields = parse_source_line(entry)
        assert set(fields) == {"date", "outlet", "title"}, entry
        assert fields["date"].startswith("2021-09-2")
        assert fields["outlet"] in {"RFE/RL", "Kommersant"}
        assert fields["title"] and not fields["title"].endswith("/")
        assert fields["title"] in entry


@pytest.mark.parametrize(("line", "date"), [
    ("03/04/21 – (BBC) – Talks resume", "2021-04-03"),      # day first, two-digit year
    ("12.11.10 – (dpa) – Gipfel vertagt", "2010-11-12"),
    ("2021-09-23 – (RFE/RL) – Title", "2021-09-23"),        # year first only when written so
])
def test_two_digit_years_are_read_day_first(line: str, date: str) -> None:
    assert parse_source_line(line)["date"] == date
