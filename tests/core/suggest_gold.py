"""Scoring the suggestion detector against tests/fixtures/suggest-gold.

Each article NAME.txt has NAME.json: ``quotes`` (text, speaker, form, optional group and
occurrence) and ``sources`` (text, attributes; ``inline: true`` for an outlet named in
the running text, else an entry of a sources section). Spans are given by their exact
text (the N-th occurrence with ``occurrence``); a direct quote's text is what lies
between its marks. Run ``python -m tests.core.suggest_gold`` to print the table, or
``python -m tests.core.suggest_gold heldout`` for the held-out set (suggest-heldout: news
styles the detector was not tuned on, scored the same way), ``fresh`` for the articles
written after the held-out set's fixes (suggest-fresh).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.suggest import Kind, Suggestion, detect

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "suggest-gold"
HELDOUT = GOLD.with_name("suggest-heldout")
FRESH = GOLD.with_name("suggest-fresh")
_SOURCE_FIELDS = ("date", "outlet", "title", "url")


@dataclass
class Score:
    true: int = 0
    false: int = 0
    missed: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true / (self.true + self.false) if self.true + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.true / (self.true + self.missed) if self.true + self.missed else 1.0


def _span(text: str, item: dict[str, Any]) -> tuple[int, int]:
    pos = -1
    for _ in range(int(item.get("occurrence", 1))):
        pos = text.find(item["text"], pos + 1)
        if pos < 0:
            raise ValueError(f"gold text not in article: {item['text']!r}")
    return pos, pos + len(item["text"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return max(0, inter) / union if union else 0.0


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def score_all(folder: Path = GOLD) -> dict[str, Score]:
    scores = {name: Score() for name in
              ("direct quotes", "speakers", "reported quotes", "section entries", "inline sources")}
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        found = detect(text)
        _score_article(path.stem, text, gold, found, scores)
    return scores


def _score_article(name: str, text: str, gold: dict[str, Any], found: list[Suggestion],
                   scores: dict[str, Score]) -> None:
    quotes = [(q, _span(text, q)) for q in gold["quotes"]]
    direct = {span: q for q, span in quotes if q["form"] == "direct"}
    got_direct = {s.span: s for s in found if s.kind is Kind.QUOTE
                  and s.attributes.get("form") == "direct"}
    _count(scores["direct quotes"], name, text, set(direct), set(got_direct))
    for span in set(direct) & set(got_direct):
        said = got_direct[span].attributes.get("speaker", "")
        right = _same(direct[span].get("speaker", ""), said)
        speakers = scores["speakers"]
        speakers.true += right
        speakers.false += not right
        if not right:
            speakers.misses.append(f"{name}: {text[span[0]:span[1]][:40]!r} "
                                   f"{got_direct[span].attributes.get('speaker', '')!r}")
    reported = [span for q, span in quotes if q["form"] == "reported"]
    got_reported = [s.span for s in found if s.kind is Kind.QUOTE
                    and s.attributes.get("form") == "reported"]
    score = scores["reported quotes"]
    hits = {g for g in reported if any(_overlap(g, r) >= 0.5 for r in got_reported)}
    score.true += len(hits)
    score.missed += len(reported) - len(hits)
    score.misses += [f"{name}: missed {text[a:b]!r}" for a, b in reported if (a, b) not in hits]
    wrong = [r for r in got_reported if not any(_overlap(g, r) >= 0.5 for g in reported)]
    score.false += len(wrong)
    score.misses += [f"{name}: wrong {text[a:b]!r}" for a, b in wrong]
    for inline, key in ((False, "section entries"), (True, "inline sources")):
        want = {_span(text, s): s for s in gold["sources"] if bool(s.get("inline")) is inline}
        got = {s.span: s for s in found if s.kind is Kind.SOURCE
               and (s.reason.startswith("entry")) is not inline}
        right = {span for span in set(want) & set(got) if all(
            want[span].get(f, "") == got[span].attributes.get(f, "") for f in _SOURCE_FIELDS)}
        _count(scores[key], name, text, set(want), right | (set(got) - set(want)),
               right_only=right)


def _count(score: Score, name: str, text: str, want: set[tuple[int, int]],
           got: set[tuple[int, int]], right_only: set[tuple[int, int]] | None = None) -> None:
    right = want & got if right_only is None else right_only
    score.true += len(right)
    score.false += len(got - right)
    score.missed += len(want - right)
    score.misses += [f"{name}: missed {text[a:b]!r}" for a, b in sorted(want - right)]
    score.misses += [f"{name}: wrong {text[a:b]!r}" for a, b in sorted(got - right)]


def table(scores: dict[str, Score]) -> str:
    lines = ["| kind | found right | wrong | missed | precision | recall |",
             "|---|---|---|---|---|---|"]
    for name, s in scores.items():
        recall = "–" if name == "speakers" else f"{s.recall:.2f}"
        lines.append(f"| {name} | {s.true} | {s.false} | {s.missed} | {s.precision:.2f} | "
                     f"{recall} |")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    sets = {"heldout": HELDOUT, "fresh": FRESH}
    results = score_all(sets.get(sys.argv[1] if sys.argv[1:] else "", GOLD))
    print(table(results))
    for kind, s in results.items():
        for miss in s.misses:
            print(f"{kind}: {miss}")
