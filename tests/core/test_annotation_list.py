"""The annotation list's ids, filters and sort keys agree with each other at every column."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.annotation_list import AnnotationList, ListQuery, SortColumn
from core.commands import DeleteDocument
from core.model import Status
from core.project import Project
from core.store.listing import ascii_fold
from tests.core.helpers import add_document, new_project

WORDS = ["Ärger", "apfel", "Zoo", "zebra", "Über", "ёлка", "Ёж", "📰 Eil", "𝔘nion", "éclair",
         "Eclair", "ß", "SS", "a", "A", "", "b"]


@pytest.fixture()
def listed(tmp_path: Path) -> tuple[Project, list[str]]:
    """Two documents with annotations whose text, author, tag and status vary."""
    project = new_project(tmp_path)
    text = " ".join(w or "·" for w in WORDS) + "\n"
    doc_a = add_document(project, text, title="beta")
    doc_b = add_document(project, text, title="Alpha")
    tags = ["Quote", "Tone/Critical", "Note", "Source", "Tone"]
    offset, ids = 0, []
    for i, word in enumerate(WORDS):
        length = max(1, len(word))
        for doc in (doc_a, doc_b):
            a = project.annotate(doc, offset, offset + length, tags[i % len(tags)],
                                 author=WORDS[-1 - i] or "anon",
                                 attributes={"speaker": word} if i % 5 == 0 and word else None)
            ids.append(a.id)
        offset += length + 1
    return project, ids


@pytest.mark.parametrize("sort", list(SortColumn))
def test_python_keys_order_ids_exactly_as_sql_does(listed: tuple[Project, list[str]],
                                                   sort: SortColumn) -> None:
    project, ids = listed
    listing = AnnotationList(project)
    query = ListQuery(sort=sort)
    in_sql_order = listing.ids(query)
    keys = listing.sort_keys(query, in_sql_order)
    assert sorted(in_sql_order, key=keys.__getitem__) == in_sql_order
    assert sorted(in_sql_order) == sorted(ids)
    project.close()


def test_orders_are_what_a_reader_expects(listed: tuple[Project, list[str]]) -> None:
    project, _ = listed
    listing = AnnotationList(project)
    rows = listing.rows(listing.ids(ListQuery(sort=SortColumn.AUTHOR)))
    authors = [rows[i].author for i in listing.ids(ListQuery(sort=SortColumn.AUTHOR))]
    assert authors.index("A") < authors.index("b") < authors.index("Zoo")  # case folded
    by_document = listing.ids(ListQuery(sort=SortColumn.DOCUMENT))
    titles = {d.id: d.title for d in project.documents()}
    assert [titles[rows[i].document_id] for i in by_document[:3]] == ["Alpha"] * 3
    by_tag = listing.ids(ListQuery(sort=SortColumn.TAG))
    codebook = project.codebook()
    paths = [codebook.path(rows[i].tag_id) for i in by_tag]
    assert paths == sorted(paths, key=str.casefold)
    project.close()


def test_filters_in_sql_match_admits(listed: tuple[Project, list[str]]) -> None:
    project, ids = listed
    listing = AnnotationList(project)
    everything = listing.rows(ids)
    codebook = project.codebook()
    tone = codebook.find("Tone")
    some = next(iter(everything.values()))
    project.store.annotations.update(some.id, {"status": "rejected"}, "2026-01-01T00:00:00Z")
    everything[some.id].status = Status.REJECTED
    queries = [
        ListQuery(document_id=some.document_id),
        ListQuery(tag_ids=frozenset([tone.id, *(t.id for t in codebook.descendants(tone.id))])),
        ListQuery(author="Zoo"),
        ListQuery(status="rejected"),
        ListQuery(tag_ids=frozenset()),
    ]
    for query in queries:
        expected = {i for i, a in everything.items() if query.admits(a)}
        assert set(listing.ids(query)) == expected, query
    project.close()


def test_removed_documents_leave_the_list(listed: tuple[Project, list[str]]) -> None:
    project, _ = listed
    listing = AnnotationList(project)
    first = project.documents()[0]
    project.execute(DeleteDocument(first.id))
    remaining = listing.ids(ListQuery())
    assert remaining and all(
        a.document_id != first.id for a in listing.rows(remaining).values())
    assert listing.sort_keys(ListQuery(), [i for i in listing.rows(remaining)])
    project.close()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.lists(st.text(min_size=1, max_size=6), min_size=2, max_size=8))
def test_ascii_fold_orders_like_nocase(tmp_path: Path, names: list[str]) -> None:
    """SQLite NOCASE plus byte order and Python's code-point order of ``ascii_fold`` agree."""
    import sqlite3

    names = [n.replace("\x00", "") or "x" for n in names]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (v TEXT)")
    db.executemany("INSERT INTO t VALUES (?)", [(n,) for n in names])
    in_sql = [r[0] for r in db.execute("SELECT v FROM t ORDER BY v COLLATE NOCASE, v")]
    assert in_sql == sorted(names, key=lambda n: (ascii_fold(n), n))
    db.close()


@pytest.mark.parametrize("sort", list(SortColumn))
def test_pages_are_slices_of_the_whole_list(listed: tuple[Project, list[str]],
                                            sort: SortColumn) -> None:
    """Paged in document order the query plan differs (documents first): same ids, same order."""
    project, _ = listed
    listing = AnnotationList(project)
    for query in (ListQuery(sort=sort), ListQuery(sort=sort, author="Zoo"),
                  ListQuery(sort=sort, tag_ids=frozenset([project.codebook().find("Tone").id]))):
        whole = listing.ids(query)
        for size in (1, 5, 7, len(whole) + 3):
            pages = [listing.page(query, start, size) for start in range(0, len(whole), size)]
            assert [i for page in pages for i in page] == whole, (query, size)
        assert listing.page(query, 4, None) == whole[4:]
        assert listing.count(query) == len(whole)
    assert listing.count(ListQuery(tag_ids=frozenset())) == 0
    assert listing.page(ListQuery(tag_ids=frozenset()), 0, 10) == []
    project.close()
