"""The article and nothing else, measured: saved news pages (tests/fixtures/web/*.html,
written like real ones, with menus, cookie banners, share buttons, newsletter boxes, teasers
and footers) against the article's paragraphs listed beside each page (*.json).

A paragraph counts as found when a stored line matches it exactly (after white-space
folding); precision is the share of stored lines that are article paragraphs, recall the
share of article paragraphs stored.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from core.cli import main
from core.importers import ImportOptions, read_document
from core.importers.html import NO_ARTICLE
from core.project import Project

WEB = Path(__file__).resolve().parent.parent / "fixtures" / "web"
PAGES = sorted(path.stem for path in WEB.glob("*.json"))
MIN_RECALL = 0.95
MIN_PRECISION = 0.9


def _fold(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((WEB / f"{name}.json").read_text(encoding="utf-8"))
    return data


def precision_recall(stored: str, paragraphs: list[str]) -> tuple[float, float]:
    lines = [_fold(line) for line in stored.split("\n") if line.strip()]
    wanted = {_fold(paragraph) for paragraph in paragraphs}
    hits = sum(line in wanted for line in lines)
    found = len(wanted & set(lines))
    return hits / max(len(lines), 1), found / max(len(wanted), 1)


def test_there_are_pages_in_four_languages() -> None:
    assert {name.split("-")[0] for name in PAGES} >= {"de", "en", "ru", "cs"}


@pytest.mark.parametrize("name", PAGES)
def test_article_paragraphs_precision_and_recall(name: str) -> None:
    doc = read_document(WEB / f"{name}.html")
    precision, recall = precision_recall(doc.text, _expected(name)["paragraphs"])
    assert recall >= MIN_RECALL, (name, recall, doc.text)
    assert precision >= MIN_PRECISION, (name, precision, doc.text)
    assert NO_ARTICLE not in doc.warnings


@pytest.mark.parametrize("name", PAGES)
def test_metadata(name: str) -> None:
    doc = read_document(WEB / f"{name}.html")
    expected = _expected(name)
    for key in ("title", "outlet", "author", "published", "url", "language"):
        assert getattr(doc, key) == expected[key], key
    assert doc.original == (WEB / f"{name}.html").read_bytes()


@pytest.mark.parametrize("name", PAGES)
def test_full_page_keeps_the_clutter_the_article_drops(name: str) -> None:
    article = read_document(WEB / f"{name}.html")
    full = read_document(WEB / f"{name}.html", options=ImportOptions(full_page=True))
    paragraphs = _expected(name)["paragraphs"]
    precision, recall = precision_recall(full.text, paragraphs)
    assert recall >= MIN_RECALL
    assert precision < precision_recall(article.text, paragraphs)[0]
    assert full.warnings == []


def test_a_page_without_an_article_falls_back_to_its_text_and_says_so(tmp_path: Path) -> None:
    page = tmp_path / "links.html"
    page.write_text(
        "<html><body><ul>"
        + "".join(f'<li><a href="/a{n}">Rubrik {n}</a></li>' for n in range(30))
        + "</ul></body></html>",
        encoding="utf-8",
    )
    doc = read_document(page)
    assert doc.warnings == [NO_ARTICLE]
    assert doc.text.split("\n")[:2] == ["Rubrik 0", "Rubrik 1"]


def test_nothing_is_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a web page import tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for name in PAGES:
        shutil.copy(WEB / f"{name}.html", tmp_path / f"{name}.html")
        assert read_document(tmp_path / f"{name}.html").text


def test_cli_full_page_stores_the_whole_page_and_the_default_the_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = WEB / "en-courier.html"
    texts = {}
    for flags in ([], ["--full-page"]):
        project = tmp_path / f"study{len(flags)}.glossa"
        assert main(["new", str(project)]) == 0
        assert main(["import", str(project), str(page), *flags]) == 0
        doc_id = capsys.readouterr().out.strip().splitlines()[-1].split("\t")[0]
        with Project.open(project) as opened:
            texts[bool(flags)] = opened.document(doc_id).text
            assert opened.store.documents.original(doc_id)[1] == page.read_bytes()
    assert "Share on Facebook" in texts[True]
    assert "Share on Facebook" not in texts[False]
    assert "Sign up to Down to Earth" not in texts[False]
