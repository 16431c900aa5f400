"""The project file itself: schema, pragmas, foreign files, read-only opening."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.errors import NotAGlossaProject, ProjectError, ReadOnlyProject, UnsupportedSchemaVersion
from core.model import Document, new_document_id, utc_now
from core.store import Store, schema
from core.text import content_hash


def make_document(text: str = "Ein Text mit „Zitat“ und Удар 😀.", title: str = "T") -> Document:
    return Document(id=new_document_id(), title=title, format="txt", text=text,
                    content_hash=content_hash(text), chars=len(text), imported=utc_now())


def test_new_file_is_versioned_wal_and_marked_as_glossa(tmp_path: Path) -> None:
    path = tmp_path / "p.glossa"
    Store.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "annotations", "tags", "document_files", "pdf_pages"} <= tables
    conn.close()


def test_open_turns_on_foreign_keys(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "p.glossa")
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.db.execute(
            "INSERT INTO annotations (id, document_id, start, \"end\", exact, prefix, suffix, "
            "tag_id, origin, status, created, modified) "
            "VALUES ('a', 'missing', 0, 1, '', '', '', 'missing', 'manual', 'accepted', '', '')"
        )
    store.close()


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "p.glossa"
    path.write_text("precious")
    with pytest.raises(ProjectError, match="already exists"):
        Store.create(path)
    assert path.read_text() == "precious"


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100, b"\x00" * 4096])
def test_foreign_or_damaged_file_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.glossa"
    path.write_bytes(content)
    with pytest.raises(NotAGlossaProject):
        Store.open(path)
    assert path.read_bytes() == content


def test_other_sqlite_database_is_not_a_project(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAGlossaProject, match="not a Glossa project"):
        Store.open(path)
    with pytest.raises(NotAGlossaProject):
        Store.open_untrusted(path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.glossa"
    Store.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(UnsupportedSchemaVersion, match="newer Glossa"):
        Store.open(path)


def test_untrusted_open_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "p.glossa"
    Store.create(path).close()
    store = Store.open_untrusted(path)
    with pytest.raises(ReadOnlyProject), store.transaction():
        pass
    with pytest.raises(sqlite3.OperationalError):
        store.db.execute("INSERT INTO project_meta VALUES ('k', 'v')")
    assert store.db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    store.close()


def test_failed_transaction_changes_nothing(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "p.glossa")
    doc = make_document()
    with pytest.raises(RuntimeError), store.transaction():
        store.documents.insert(doc, b"raw", [], utc_now())
        raise RuntimeError("boom")
    assert store.documents.infos() == []
    store.close()


def test_document_round_trip_keeps_text_and_original_bytes(tmp_path: Path) -> None:
    path = tmp_path / "p.glossa"
    store = Store.create(path)
    doc = make_document()
    with store.transaction():
        store.documents.insert(doc, b"\xef\xbb\xbforiginal", [], utc_now())
    store.close()
    store = Store.open(path)
    loaded = store.documents.get(doc.id)
    assert loaded.text == doc.text and loaded.chars == len(doc.text)
    assert store.documents.original(doc.id) == ("", b"\xef\xbb\xbforiginal")
    assert store.documents.resolve(doc.id[:6]) == doc.id
    store.close()


def test_full_text_search_folds_case_and_umlauts(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "p.glossa")
    doc = make_document(
        "Die Außenminister trafen sich. ÜBERRASCHUNG in Kyjiw. Удар из-за горизонта"
    )
    with store.transaction():
        store.documents.insert(doc, b"", [], utc_now())
    assert [h.document_id for h in store.search.search("uberraschung")] == [doc.id]
    assert [h.document_id for h in store.search.search("удар")] == [doc.id]
    assert store.search.search('"unbalanced (quote') == []
    hit = store.search.search("Außenminister")[0]
    assert "[Außenminister]" in hit.snippet
    store.close()


def test_close_folds_the_wal_into_one_file(tmp_path: Path) -> None:
    path = tmp_path / "p.glossa"
    store = Store.create(path)
    with store.transaction():
        store.documents.insert(make_document(), b"", [], utc_now())
    store.close()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_version_1_file_is_migrated_and_keeps_its_notes(tmp_path: Path) -> None:
    import sqlite_utils

    path = tmp_path / "old.glossa"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    with db.atomic():
        schema.MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    doc = make_document()
    db.execute("INSERT INTO documents (id, title, format, text, content_hash, chars, imported, "
               "modified) VALUES (?, 'T', 'txt', ?, '', 1, '', '')", (doc.id, doc.text))
    db.execute("INSERT INTO tags (id, name, color, kind, modified) "
               "VALUES ('t', 'Note', '#000000', 'custom', '')")
    db.execute('INSERT INTO annotations (id, document_id, start, "end", exact, prefix, suffix, '
               "tag_id, note, origin, status, created, modified) VALUES "
               "('a', ?, 0, 3, 'Ein', '', '', 't', 'Grüße aus Kyjiw', 'manual', 'accepted', "
               "'', '')",
               (doc.id,))
    conn.close()
    store = Store.open(path)
    assert schema.user_version(store.db) == schema.SCHEMA_VERSION
    assert [h.annotation_id for h in store.search.search("grüße")] == ["a"]
    store.close()


def test_rows_for_ids_reads_past_sqlites_parameter_limit() -> None:
    from core.store.id_chunks import CHUNK, rows_for_ids

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")
    ids = [f"id-{n}" for n in range(CHUNK * 2 + 1)]
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in ids])
    wanted = [*ids[::2], "missing"]
    found = [r[0] for r in rows_for_ids(conn, "SELECT id FROM t WHERE id IN ({ids})", wanted)]
    assert sorted(found) == sorted(ids[::2])
    assert list(rows_for_ids(conn, "SELECT id FROM t WHERE id IN ({ids})", [])) == []


def test_one_documents_annotations_read_every_field_as_the_whole_project_does(
        tmp_path: Path) -> None:
    """One document's live annotations are read without the columns they share: each
    field must still land where it belongs."""
    from core.model import Origin, Status
    from core.project import new_annotation
    from tests.core.helpers import add_document, new_project

    with new_project(tmp_path) as project:
        doc = add_document(project)
        other = add_document(project, "Ein anderer Text, ganz anders.", title="Zwei")
        quote = project.codebook().find("Quote").id
        made = [new_annotation(doc, 7, 20, quote, "Tomás", origin=Origin.SUGGESTED,
                               attributes={"speaker": "Ministerin"}, note="𝔘 Notiz"),
                new_annotation(doc, 0, 6, project.codebook().find("Source").id, "Anna"),
                new_annotation(other, 0, 3, quote, "Anna")]
        made[0].exact, made[0].prefix, made[0].suffix = "exakt", "davor", "danach"
        made[0].status, made[0].created, made[0].modified = (Status.REJECTED, "2024-01-02",
                                                             "2024-03-04")
        project.bulk_add_annotations(made)
        whole = [a for a in project.annotations() if a.document_id == doc]
        assert project.annotations(doc) == whole == [made[1], made[0]]
