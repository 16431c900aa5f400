"""The detector on news it was not tuned on (tests/fixtures/suggest-heldout), and the
general weaknesses that set showed, each held by a small case of its own."""

from __future__ import annotations

import pytest

from core.suggest import Kind, detect


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
