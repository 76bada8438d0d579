"""The SQLite backend of :class:`~newsprism.store.Store`: one file, WAL, FTS5, numbered migrations.

The connection runs in autocommit mode and every write method opens its own ``BEGIN IMMEDIATE``
transaction (or joins the caller's :meth:`SQLiteStore.transaction`), so a kill at any point
leaves each write either whole or absent; WAL lets readers (``newsprism stories``) work while an
ingest writes. ``synchronous=NORMAL``: in WAL mode a crash of the process never loses a committed
transaction; only a power cut can lose the last few (never corrupting the file).

Errors of the SQLite layer become one :class:`~newsprism.errors.StoreError` line each: a file that
is not a database or is malformed, a lock held longer than the timeout, a schema newer than this
newsprism knows, a SQLite file that is not a newsprism store, a read-only file or a full disk.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from newsprism.errors import StoreError
from newsprism.model import AnalyzedArticle, Article, Comparison, Furniture
from newsprism.store import AddResult, StoryQuery, StoryRecord, StorySummary, Vectors
from newsprism.store._codec import blob_to_vectors, decode, encode, vectors_to_blob
from newsprism.store.migrations import APPLICATION_ID, MIGRATIONS

__all__ = ["SCHEMA_VERSION", "SQLiteStore"]

#: The schema version this newsprism writes (the last migration's).
SCHEMA_VERSION = MIGRATIONS[-1].version
_CHUNK = 500  # ids per IN (...) list, well under SQLite's host-parameter limit
_WORD = re.compile(r"\w+", re.UNICODE)
_ARTICLE_COLUMNS = "id, text, source, agency, author, title, published, url, language, origin, furniture"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _article(row: Sequence[Any]) -> Article:
    furniture = tuple(decode(Furniture, f) for f in json.loads(row[10])) if row[10] else ()
    return Article(id=row[0], text=row[1], source=row[2], agency=row[3], author=row[4], title=row[5],
                   published=_day(row[6]), url=row[7], language=row[8], origin=row[9], furniture=furniture)


def _furniture_json(article: Article) -> str | None:
    if not article.furniture:
        return None
    return json.dumps([encode(f) for f in article.furniture], ensure_ascii=False, separators=(",", ":"))


def fts_query(text: str) -> str | None:
    """Turn free text into an FTS5 query that requires every word (``None`` if it has none).

    Each word is quoted, so no character of the user's text is FTS5 syntax (``-``, ``:``, ``NOT``).
    """
    words = _WORD.findall(text)
    return " ".join(f'"{w}"' for w in words) if words else None


class SQLiteStore:
    """A newsprism store in one SQLite file (see the module docstring)."""

    def __init__(self, path: str | Path, *, timeout: float = 10.0) -> None:
        """Open or create the file and bring its schema to :data:`SCHEMA_VERSION`.

        Raises:
            StoreError: See :func:`newsprism.store.open_store`.
        """
        self.path = Path(path)
        self.name = str(path)
        self.timeout = timeout
        self._depth = 0
        if self.path.is_dir():
            raise StoreError(self.name, "is a directory, not a store file")
        try:
            self._conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as err:
            raise self._error(err) from None
        try:
            self._setup()
        except StoreError:
            self._conn.close()
            raise
        except sqlite3.Error as err:
            self._conn.close()
            raise self._error(err) from None

    # -- opening and migrating ---------------------------------------------------------------------

    def _setup(self) -> None:
        conn = self._conn
        conn.execute("PRAGMA foreign_keys = ON")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(self.name, f"written by a newer newsprism (schema version {version}; this one knows "
                                        f"up to {SCHEMA_VERSION}): upgrade newsprism to use it")
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if (version or has_tables) and app != APPLICATION_ID:
            raise StoreError(self.name, "is an SQLite file but not a newsprism store; give another --db file")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # e.g. a file system without shared memory
            raise StoreError(self.name, f"cannot use write-ahead logging here (journal mode {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        for step in MIGRATIONS[version:]:
            self.migrate_to(step.version)

    def migrate_to(self, version: int) -> None:
        """Apply the migrations up to ``version`` (each in its own transaction, with its version bump).

        Another process may be migrating the same file: the version is read again under the
        write lock, and a step already applied is skipped.
        """
        for step in MIGRATIONS:
            if step.version > version:
                break
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                if int(self._conn.execute("PRAGMA user_version").fetchone()[0]) < step.version:
                    for sql in step.sql:
                        self._conn.execute(sql)
                    self._conn.execute(f"PRAGMA user_version = {step.version}")
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        """The file's schema version (``PRAGMA user_version``)."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _error(self, err: sqlite3.Error) -> StoreError:
        text = str(err)
        low = text.lower()
        if "locked" in low or "busy" in low:
            problem = f"locked by another process (waited {self.timeout:g} s); try again when it has finished"
        elif "not a database" in low or "malformed" in low or "corrupt" in low:
            problem = f"corrupt or not an SQLite file ({text}); restore a backup or give another --db file"
        elif "readonly" in low or "read-only" in low:
            problem = "read-only: cannot write the store"
        elif "disk is full" in low or "full" in low:
            problem = "disk full: cannot write the store"
        elif "unable to open" in low:
            problem = "cannot open the store file (does its folder exist, may it be written?)"
        else:
            problem = f"store failed: {text}"
        return StoreError(self.name, problem)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as err:
            raise self._error(err) from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the writes inside in one transaction; nested calls join the outermost one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._guard():
            self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        with self._guard():
            self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read inside one transaction: WAL gives it one consistent view and takes no write lock."""
        if self._depth:
            yield
            return
        with self._guard():
            self._conn.execute("BEGIN DEFERRED")
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("COMMIT")

    def close(self) -> None:
        """Close the file (the WAL is checkpointed into it)."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` ("ok" for a sound file)."""
        with self._guard():
            return "; ".join(str(r[0]) for r in self._conn.execute("PRAGMA integrity_check"))

    # -- articles ----------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Add articles by id; one already stored is left as it is (the first copy is kept)."""
        added: list[str] = []
        existing: list[str] = []
        sql = (f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (id) DO NOTHING")
        with self.transaction(), self._guard():
            for a in articles:
                cur = self._conn.execute(sql, (a.id, a.text, a.source, a.agency, a.author, a.title,
                                               a.published.isoformat() if a.published else None, a.url,
                                               a.language, a.origin, _furniture_json(a)))
                (added if cur.rowcount == 1 else existing).append(a.id)
        return AddResult(tuple(added), tuple(existing))

    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or ``None``."""
        with self._guard():
            row = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def has_articles(self, article_ids: Sequence[str]) -> set[str]:
        """The ids among ``article_ids`` that are stored."""
        found: set[str] = set()
        ids = list(article_ids)
        with self._guard():
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(r[0] for r in self._conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def iter_articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """Every article in publication order (undated last, then as added); or those of ``ids``, in that order."""
        if ids is None:
            with self._guard():
                rows = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles "
                                          "ORDER BY published IS NULL, published, rowid")
                while batch := rows.fetchmany(256):
                    yield from (_article(r) for r in batch)
            return
        wanted = list(ids)
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            with self._guard():
                got = {r[0]: _article(r) for r in self._conn.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk)}
            yield from (got[a] for a in chunk if a in got)

    def count_articles(self) -> int:
        """How many articles are stored."""
        with self._guard():
            return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, query: str, limit: int = 100) -> list[str]:
        """Ids of the articles whose title or text holds every word of ``query``, best (BM25) first."""
        match = fts_query(query)
        if match is None:
            return []
        with self._guard():
            return [r[0] for r in self._conn.execute(
                "SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
                "WHERE articles_fts MATCH ? ORDER BY f.rank LIMIT ?", (match, limit))]

    # -- analyses, vectors, comparisons ------------------------------------------------------------

    def put_analysis(self, analysis: AnalyzedArticle, version: str) -> None:
        """Store an analysis under ``version``, its statement embeddings as a float32 blob."""
        record = json.dumps(encode(analysis), ensure_ascii=False, separators=(",", ":"))
        blob, dim = (None, 0) if analysis.embeddings is None else vectors_to_blob(analysis.embeddings)
        with self.transaction(), self._guard():
            self._conn.execute("INSERT INTO analyses (article_id, version, record, dim, embeddings) "
                               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, version) DO UPDATE SET "
                               "record = excluded.record, dim = excluded.dim, embeddings = excluded.embeddings",
                               (analysis.article.id, version, record, dim, blob))

    def get_analysis(self, article_id: str, version: str) -> AnalyzedArticle | None:
        """The analysis stored under ``version``, embeddings included, or ``None``."""
        with self._guard():
            row = self._conn.execute("SELECT record, dim, embeddings FROM analyses "
                                     "WHERE article_id = ? AND version = ?", (article_id, version)).fetchone()
        if row is None:
            return None
        aa = decode(AnalyzedArticle, json.loads(row[0]))
        if row[2] is not None:
            aa = dataclasses.replace(aa, embeddings=blob_to_vectors(row[2], row[1]))
        return aa

    def put_vectors(self, kind: str, model: str, vectors: dict[str, Vectors]) -> None:
        """Store one vector per article under (``kind``, ``model``)."""
        rows = []
        for article_id, vec in vectors.items():
            blob, dim = vectors_to_blob(vec)
            rows.append((article_id, kind, model, dim, blob))
        with self.transaction(), self._guard():
            self._conn.executemany("INSERT INTO vectors (article_id, kind, model, dim, vec) VALUES (?, ?, ?, ?, ?) "
                                   "ON CONFLICT DO UPDATE SET dim = excluded.dim, vec = excluded.vec", rows)

    def get_vectors(self, kind: str, model: str, article_ids: Sequence[str]) -> dict[str, Vectors]:
        """The stored vectors of these articles (an article without one is absent)."""
        out: dict[str, Vectors] = {}
        ids = list(article_ids)
        with self._guard():
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for aid, dim, blob in self._conn.execute(
                        "SELECT article_id, dim, vec FROM vectors WHERE kind = ? AND model = ? "
                        f"AND article_id IN ({marks})",
                        [kind, model, *chunk]):
                    out[aid] = blob_to_vectors(blob, dim)[0]
        return out

    def put_comparison(self, comparison: Comparison, version: str) -> None:
        """Store a comparison under ``version`` (its statement embeddings are left out)."""
        record = json.dumps(encode(comparison), ensure_ascii=False, separators=(",", ":"))
        with self.transaction(), self._guard():
            self._conn.execute("INSERT INTO comparisons (story_id, version, record) VALUES (?, ?, ?) "
                               "ON CONFLICT DO UPDATE SET record = excluded.record",
                               (comparison.story.id, version, record))

    def get_comparison(self, story_id: str, version: str) -> Comparison | None:
        """The comparison stored under ``version``, or ``None``."""
        with self._guard():
            row = self._conn.execute("SELECT record FROM comparisons WHERE story_id = ? AND version = ?",
                                     (story_id, version)).fetchone()
        return decode(Comparison, json.loads(row[0])) if row else None

    def comparison_versions(self, story_id: str) -> list[str]:
        """The versions a comparison of this story is stored under, sorted."""
        with self._guard():
            return [r[0] for r in self._conn.execute(
                "SELECT version FROM comparisons WHERE story_id = ? ORDER BY version", (story_id,))]

    # -- stories -----------------------------------------------------------------------------------

    def put_stories(self, stories: Iterable[StoryRecord]) -> None:
        """Create or replace stories; an article moves to the story that now lists it."""
        upsert = ("INSERT INTO stories (id, title, thread, first_published, last_published) VALUES (?, ?, ?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET title = excluded.title, thread = excluded.thread, "
                  "first_published = excluded.first_published, last_published = excluded.last_published, "
                  "updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
        member = ("INSERT INTO story_articles (article_id, story_id, copy_of, position) VALUES (?, ?, ?, "
                  "(SELECT coalesce(max(position), 0) + 1 FROM story_articles)) "
                  "ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, copy_of = excluded.copy_of")
        with self.transaction(), self._guard():
            touched = False
            for s in stories:
                touched = True
                self._conn.execute(upsert, (s.id, s.title, s.thread or s.id,
                                            s.first_published.isoformat() if s.first_published else None,
                                            s.last_published.isoformat() if s.last_published else None))
                keep = set(s.article_ids)
                had = dict(self._conn.execute("SELECT article_id, copy_of FROM story_articles WHERE story_id = ?",
                                              (s.id,)).fetchall())
                for aid in had:
                    if aid not in keep:
                        self._conn.execute("DELETE FROM story_articles WHERE article_id = ?", (aid,))
                missing = object()
                for aid in s.article_ids:
                    # Only new or changed rows are written: a story that grew by one article costs one row.
                    if had.get(aid, missing) != s.copies.get(aid):
                        self._conn.execute(member, (aid, s.id, s.copies.get(aid)))
            if touched:  # a story whose every article moved elsewhere is gone
                self._conn.execute("DELETE FROM stories WHERE NOT EXISTS "
                                   "(SELECT 1 FROM story_articles sa WHERE sa.story_id = stories.id)")

    def _members(self, story_ids: Sequence[str]) -> dict[str, list[tuple[str, str | None]]]:
        out: dict[str, list[tuple[str, str | None]]] = {}
        for i in range(0, len(story_ids), _CHUNK):
            chunk = list(story_ids[i : i + _CHUNK])
            marks = ",".join("?" * len(chunk))
            for sid, aid, copy in self._conn.execute(
                    f"SELECT story_id, article_id, copy_of FROM story_articles WHERE story_id IN ({marks}) "
                    "ORDER BY position", chunk):
                out.setdefault(sid, []).append((aid, copy))
        return out

    @staticmethod
    def _record(row: Sequence[Any], members: list[tuple[str, str | None]]) -> StoryRecord:
        return StoryRecord(id=row[0], title=row[1], thread=row[2], first_published=_day(row[3]),
                           last_published=_day(row[4]), article_ids=tuple(a for a, _ in members),
                           copies={a: c for a, c in members if c})

    def get_story(self, story_id: str) -> StoryRecord | None:
        """The story with this id (or the one story whose id starts with it), or ``None``."""
        cols = "SELECT id, title, thread, first_published, last_published FROM stories"
        with self._guard():
            row = self._conn.execute(f"{cols} WHERE id = ?", (story_id,)).fetchone()
            if row is None and story_id:
                rows = self._conn.execute(f"{cols} WHERE id >= ? AND id < ? LIMIT 2",
                                          (story_id, story_id + "\U0010ffff")).fetchall()
                row = rows[0] if len(rows) == 1 else None
            if row is None:
                return None
            return self._record(row, self._members([row[0]]).get(row[0], []))

    def iter_stories(self) -> Iterator[StoryRecord]:
        """Every story, in the order its first article joined."""
        with self._guard():
            members: dict[str, list[tuple[str, str | None]]] = {}
            for sid, aid, copy in self._conn.execute(
                    "SELECT story_id, article_id, copy_of FROM story_articles ORDER BY position"):
                members.setdefault(sid, []).append((aid, copy))
            rows = {r[0]: r for r in self._conn.execute(
                "SELECT id, title, thread, first_published, last_published FROM stories")}
        for sid, got in members.items():
            if sid in rows:
                yield self._record(rows[sid], got)

    def list_stories(self, query: StoryQuery) -> list[StorySummary]:
        """The stories that pass ``query``, the most recently published first."""
        where: list[str] = []
        params: list[str | int] = []
        if query.since is not None:
            where.append("s.last_published >= ?")
            params.append(query.since.isoformat())
        if query.language:
            where.append("s.id IN (SELECT sa2.story_id FROM story_articles sa2 JOIN articles a2 "
                         "ON a2.id = sa2.article_id WHERE a2.language = ?)")
            params.append(query.language)
        if query.query:
            match = fts_query(query.query)
            if match is None:
                return []
            where.append("s.id IN (SELECT sa3.story_id FROM articles_fts f JOIN articles a3 ON a3.rowid = f.rowid "
                         "JOIN story_articles sa3 ON sa3.article_id = a3.id WHERE articles_fts MATCH ?)")
            params.append(match)
        sql = ("SELECT s.id, s.title, s.thread, s.first_published, s.last_published, count(*), "
               "sum(sa.copy_of IS NOT NULL), "
               "(SELECT json_array_length(c.record, '$.findings') FROM comparisons c WHERE c.story_id = s.id LIMIT 1) "
               "FROM stories s JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id "
               + (f"WHERE {' AND '.join(where)} " if where else "")
               + "GROUP BY s.id HAVING count(DISTINCT coalesce(a.source, a.id)) >= ? "
               "ORDER BY s.last_published IS NULL, s.last_published DESC, s.id")
        params.append(max(1, query.min_outlets))
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(query.limit)
        with self._guard():
            rows = self._conn.execute(sql, params).fetchall()
            detail: dict[str, list[tuple[str | None, str | None]]] = {}
            ids = [r[0] for r in rows]
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for sid, source, lang in self._conn.execute(
                        f"SELECT sa.story_id, a.source, a.language FROM story_articles sa JOIN articles a "
                        f"ON a.id = sa.article_id WHERE sa.story_id IN ({marks}) ORDER BY sa.position", chunk):
                    detail.setdefault(sid, []).append((source, lang))
        out = []
        for sid, title, thread, first, last, n, copies, findings in rows:
            got = detail.get(sid, [])
            out.append(StorySummary(
                id=sid, title=title, first_published=_day(first), last_published=_day(last), articles=int(n),
                outlets=tuple(dict.fromkeys(s or "unknown" for s, _ in got)),
                languages=tuple(dict.fromkeys(lang for _, lang in got if lang)), copies=int(copies or 0),
                thread=thread, findings=None if findings is None else int(findings)))
        return out

    def clear_stories(self) -> None:
        """Remove every story and stored comparison (before a regroup); articles and analyses stay."""
        with self.transaction(), self._guard():
            self._conn.execute("DELETE FROM story_articles")
            self._conn.execute("DELETE FROM stories")
            self._conn.execute("DELETE FROM comparisons")
