"""The storage benchmark still runs end to end, and its synthetic data is what it claims.

No timing is asserted: figures depend on the machine. What must hold is that every
figure line is printed in its ``name: value unit (target ...)`` form, and that the
corpus is deterministic, valid and as multilingual as the benchmarks rely on.
"""

from __future__ import annotations

import re

import pytest

from bench import corpus, storage
from bench.__main__ import main as run_benchmarks
from core.anchoring import selector_for

NUMBER = r"[\d,]+(?:\.\d+)?"

FIGURE_LINES = (
    rf"bulk insert {NUMBER} annotations, Glossa bulk_add_annotations: {NUMBER} rows/s "
    r"\(target >= 250,000 rows/s\)",
    rf"bulk insert {NUMBER} annotations, raw sqlite3 executemany: {NUMBER} rows/s \(baseline",
    rf"bulk insert Glossa / raw: {NUMBER} % \(target >= 40 %\)",
    rf"load one document's {NUMBER} full annotations of {NUMBER}: {NUMBER} ms median of \d+ "
    r"\(target < 20 ms\)",
    rf"load one document's {NUMBER} spans \(what the highlighter reads\) of {NUMBER}: "
    rf"{NUMBER} ms median of \d+ \(target < 10 ms\)",
    *(
        rf'search "{re.escape(query)}" \[{NUMBER} of {NUMBER} documents match, \d+ hits\]: '
        rf"{NUMBER} ms median of \d+ \(target < 50 ms\)"
        for query in storage.SEARCH_QUERIES
    ),
    rf"annotate one span on {NUMBER} annotations, median: {NUMBER} ms of \d+ \(target < 2 ms\)",
    rf"annotate one span on {NUMBER} annotations, p95: {NUMBER} ms of \d+ \(target < 2 ms\)",
)


def assert_every_figure(output: str) -> None:
    missing = [line for line in FIGURE_LINES if not re.search(rf"^{line}", output, re.MULTILINE)]
    assert not missing, f"figure lines missing from:\n{output}\nmissing: {missing}"


def test_storage_benchmark_prints_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert storage.main(["--quick"]) == 0
    output = capsys.readouterr().out
    assert_every_figure(output)
    quick = storage.QUICK
    assert f"bulk insert {quick.documents * quick.annotations_per_document:,} annotations" in output
    # The common word is in every document, so the search finds some.
    assert re.search(rf'search "{corpus.COMMON_WORD}" \[(\d+) of \1 documents match', output)


def test_runner_runs_a_named_benchmark_under_a_header(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_benchmarks(["--quick", "storage"]) == 0
    output = capsys.readouterr().out
    assert output.startswith("== storage ==\n")
    assert_every_figure(output)


def test_runner_rejects_an_unknown_benchmark_before_running_any(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        run_benchmarks(["storage", "no_such_benchmark"])
    assert stop.value.code == 2
    captured = capsys.readouterr()
    assert "no benchmark named no_such_benchmark; available:" in captured.err
    assert "storage" in captured.err
    assert "==" not in captured.out


def test_article_text_is_deterministic_exact_and_multilingual() -> None:
    texts = [corpus.article_text(4_000, seed) for seed in range(30)]
    assert texts == [corpus.article_text(4_000, seed) for seed in range(30)]
    assert len(set(texts)) == 30
    assert all(len(text) == 4_000 and not text[-1].isspace() for text in texts)
    joined = "".join(texts)
    assert "„" in joined and "“" in joined
    assert re.search("[\u0400-\u04ff]", joined), "no Cyrillic"
    assert any(ord(ch) > 0xFFFF for ch in joined), "nothing outside the BMP"
    assert re.search("[äöüß]", joined) and " the " in joined  # German and English
    assert corpus.article_text(1, 7) and len(corpus.article_text(1, 7)) == 1
    with pytest.raises(ValueError, match="at least one character"):
        corpus.article_text(0, 1)


def test_make_annotations_gives_valid_spans_and_exact_selectors() -> None:
    text = corpus.article_text(2_000, 3)
    made = corpus.make_annotations("doc", len(text), ["t1", "t2"], 500, "ana", 9, text=text)
    again = corpus.make_annotations("doc", len(text), ["t1", "t2"], 500, "ana", 9, text=text)
    assert made == again
    assert len({a.id for a in made}) == 500
    for a in made:
        assert 0 <= a.start < a.end <= len(text)
        assert a.selector == selector_for(text, a.start, a.end)
        assert a.tag_id in ("t1", "t2") and a.author == "ana" and a.document_id == "doc"
    bare = corpus.make_annotations("doc", 10, ["t"], 50, "ana", 1)
    assert all(0 <= a.start < a.end <= 10 and a.exact == "" for a in bare)


@pytest.mark.parametrize(
    ("text_len", "tag_ids", "text", "message"),
    [
        (0, ["t"], None, "at least one character"),
        (5, [], None, "at least one tag id"),
        (5, ["t"], "four", "text has 4 characters, not 5"),
    ],
)
def test_make_annotations_rejects_impossible_input(
    text_len: int, tag_ids: list[str], text: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        corpus.make_annotations("doc", text_len, tag_ids, 1, "ana", 1, text=text)
