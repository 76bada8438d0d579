"""The SQLite store, on real files in tmp_path: migrations, idempotent writes, round trips, bad files."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from newsprism.errors import StoreError
from newsprism.model import (
    Alignment,
    AnalyzedArticle,
    Article,
    Comparison,
    Coverage,
    Entity,
    Finding,
    Mention,
    Sentence,
    Statement,
    Story,
    article_id,
)
from newsprism.store import StoryQuery, StoryRecord, open_store
from newsprism.store._codec import encode
from newsprism.store.migrations import APPLICATION_ID, MIGRATIONS
from newsprism.store.sqlite import SCHEMA_VERSION, SQLiteStore


def art(text: str, **meta: object) -> Article:
    return Article(id=article_id(text), text=text, origin="test", **meta)  # type: ignore[arg-type]


FLOOD = art("Floods cut the coastal road near Porto on Tuesday.", source="Wire A", title="Floods in Porto",
            published=date(2024, 3, 5), language="en")
QUAKE = art("Землетрясение магнитудой 5,1 произошло у берегов Крита.", source="Лента", published=date(2024, 3, 7),
            language="ru", title="Землетрясение у Крита")


def analysed(a: Article) -> AnalyzedArticle:
    sp = a.span(0, len(a.text))
    ent = Entity(f"{a.id}:e1", "Porto", "GPE", ("Porto",), (Mention(a.span(a.text.index("Porto"), a.text.index("Porto") + 5), "GPE", f"{a.id}:e1"),))
    st = Statement(f"{a.id}:s1", sp, "claim", terms=("flood", "cut", "road"), negated=False)
    vec = np.linspace(-1, 1, 8, dtype=np.float32).reshape(1, 8)
    return AnalyzedArticle(a, (Sentence(f"{a.id}:t1", sp),), (ent,), statements=(st,), embeddings=vec,
                           loaded_scores=(0.25,))


def test_new_file_gets_every_migration_wal_and_our_application_id(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with open_store(path) as store:
        assert isinstance(store, SQLiteStore) and store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migrates_a_file_of_the_previous_version_keeping_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:-1]:  # what the previous release made
        conn.execute("BEGIN")
        for sql in step.sql:
            conn.execute(sql)
        conn.execute(f"PRAGMA user_version = {step.version}")
        conn.execute("COMMIT")
    conn.execute("INSERT INTO articles (id, text, origin, title) VALUES (?, ?, 'old', 'Floods')", (FLOOD.id, FLOOD.text))
    conn.close()
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION  # type: ignore[attr-defined]
        got = store.get_article(FLOOD.id)
        assert got is not None and got.text == FLOOD.text and got.origin == "old"
        assert store.search("coastal road") == [FLOOD.id]
        store.put_stories([StoryRecord("s1", "Floods", (FLOOD.id,))])  # the new tables work
        assert [s.id for s in store.iter_stories()] == ["s1"]


def test_adding_articles_is_idempotent_and_keeps_every_field(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        first = store.add_articles([FLOOD, QUAKE])
        again = store.add_articles([QUAKE, FLOOD])
        assert first.added == (FLOOD.id, QUAKE.id) and first.existing == ()
        assert again.added == () and again.existing == (QUAKE.id, FLOOD.id)
        assert store.count_articles() == 2
        assert store.get_article(QUAKE.id) == QUAKE
        assert [a.id for a in store.iter_articles()] == [FLOOD.id, QUAKE.id]  # publication order
        assert [a.id for a in store.iter_articles([QUAKE.id, "missing", FLOOD.id])] == [QUAKE.id, FLOOD.id]
        assert store.has_articles([FLOOD.id, "nope"]) == {FLOOD.id}


def test_full_text_search_over_titles_and_text_in_any_script(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        store.add_articles([FLOOD, QUAKE])
        assert store.search("Porto") == [FLOOD.id]
        assert store.search("землетрясение") == [QUAKE.id]  # case-folded Cyrillic
        assert store.search("floods porto") == [FLOOD.id]  # every word required
        assert store.search('"); DROP TABLE articles; --') == []  # user text is never FTS syntax
        assert store.search("") == []


def test_analysis_round_trip_is_exact_with_float32_embeddings(tmp_path: Path) -> None:
    aa = analysed(FLOOD)
    with open_store(tmp_path / "n.db") as store:
        store.add_articles([FLOOD])
        store.put_analysis(aa, "a1")
        assert store.get_analysis(FLOOD.id, "a2") is None  # another version is not this one
        back = store.get_analysis(FLOOD.id, "a1")
    assert back is not None and encode(back) == encode(aa)
    assert back.entities[0].mentions[0].span.text == "Porto" and back.statements[0].terms == ("flood", "cut", "road")
    assert back.embeddings.dtype == np.float32 and np.array_equal(back.embeddings, aa.embeddings)


def test_comparison_and_vectors_round_trip(tmp_path: Path) -> None:
    aa = analysed(FLOOD)
    story = Story("s1", "Floods", (FLOOD.id,))
    finding = Finding("s1:f1", "single_source", "info", "only one", (FLOOD.id,), (FLOOD.span(0, 6),),
                      {"statement_ids": [f"{FLOOD.id}:s1"]})
    cmp = Comparison(story, (aa,), alignments=(Alignment("s1:a1", (f"{FLOOD.id}:s1",), "same", 0.9),),
                     findings=(finding,), same_source=(frozenset({FLOOD.id}),),
                     coverage=Coverage((), {FLOOD.id: (f"{FLOOD.id}:s1",)}, {"s1:a1": (FLOOD.id,)}))
    with open_store(tmp_path / "n.db") as store:
        store.add_articles([FLOOD, QUAKE])
        store.put_comparison(cmp, "c1")
        back = store.get_comparison("s1", "c1")
        vec = np.arange(4, dtype=np.float32) / 7
        store.put_vectors("title+lead", "m", {FLOOD.id: vec})
        assert np.array_equal(store.get_vectors("title+lead", "m", [FLOOD.id, QUAKE.id])[FLOOD.id], vec)
        assert store.get_vectors("title+lead", "other", [FLOOD.id]) == {}
    assert back is not None and back.findings[0].data == finding.data and back.same_source == cmp.same_source
    assert back.findings[0].evidence[0].text == "Floods" and back.articles[0].embeddings is None


def test_stories_crud_query_and_moves(tmp_path: Path) -> None:
    other = art("Flood waters rose again near Porto.", source="Wire B", published=date(2024, 3, 6), language="en")
    with open_store(tmp_path / "n.db") as store:
        store.add_articles([FLOOD, QUAKE, other])
        store.put_stories([StoryRecord("flood", "Floods", (FLOOD.id, other.id), {other.id: FLOOD.id},
                                       first_published=date(2024, 3, 5), last_published=date(2024, 3, 6)),
                           StoryRecord("quake", "Quake", (QUAKE.id,), last_published=date(2024, 3, 7))])
        rows = store.list_stories(StoryQuery())
        assert [r.id for r in rows] == ["quake", "flood"]  # newest first
        flood = rows[1]
        assert flood.articles == 2 and flood.outlets == ("Wire A", "Wire B") and flood.copies == 1
        assert [r.id for r in store.list_stories(StoryQuery(min_outlets=2))] == ["flood"]
        assert [r.id for r in store.list_stories(StoryQuery(language="ru"))] == ["quake"]
        assert [r.id for r in store.list_stories(StoryQuery(query="coastal"))] == ["flood"]
        assert [r.id for r in store.list_stories(StoryQuery(since=date(2024, 3, 7)))] == ["quake"]
        got = store.get_story("flo")  # a unique prefix
        assert got is not None and got.copies == {other.id: FLOOD.id}
        # An article moves: the story that lost its only article is gone.
        store.put_stories([StoryRecord("flood", "Floods", (FLOOD.id, other.id, QUAKE.id))])
        assert store.get_story("quake") is None and [s.id for s in store.iter_stories()] == ["flood"]
        store.clear_stories()
        assert list(store.iter_stories()) == [] and store.count_articles() == 3


def test_a_failed_transaction_writes_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.add_articles([FLOOD])
            store.put_stories([StoryRecord("s", "t", (FLOOD.id,))])
            raise RuntimeError("killed")
        assert store.count_articles() == 0 and list(store.iter_stories()) == []


def one_line(err: StoreError) -> str:
    text = str(err)
    assert "\n" not in text
    return text


def test_corrupt_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all, just text " * 200)
    with pytest.raises(StoreError) as err:
        open_store(bad)
    assert one_line(err.value).startswith(f"{bad}: corrupt or not an SQLite file")
    # A real store whose pages were overwritten in the middle.
    path = tmp_path / "torn.db"
    with open_store(path) as store:
        store.add_articles([art(f"Article number {i} about floods in Porto and roads. " * 30) for i in range(40)])
    raw = bytearray(path.read_bytes())
    raw[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)
    path.write_bytes(bytes(raw))
    with pytest.raises(StoreError) as torn, open_store(path) as store:
        list(store.iter_articles())
        store.search("floods")
    assert "corrupt" in one_line(torn.value)


def test_newer_schema_and_foreign_sqlite_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert "written by a newer newsprism" in one_line(err.value) and "upgrade newsprism" in str(err.value)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as foreign:
        open_store(other)
    assert "not a newsprism store" in one_line(foreign.value)
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)


def test_locked_file_is_one_line_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    open_store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with open_store(path, timeout=0.2) as store, pytest.raises(StoreError) as err:
            store.add_articles([FLOOD])
        assert "locked by another process" in one_line(err.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
