"""The SQLite store's schema, as numbered migrations.

The schema is created and changed only here: migration ``n`` takes a file from
``PRAGMA user_version = n - 1`` to ``n``, inside one transaction together with the version bump,
so a kill during an upgrade leaves the file at the old version, whole. Never edit a migration that
has shipped; add the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["APPLICATION_ID", "MIGRATIONS", "Migration"]

#: ``PRAGMA application_id`` of a newsprism store ("NPRS"): tells our file from any other SQLite file.
APPLICATION_ID = 0x4E505253


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step.

    Attributes:
        version: The ``user_version`` the file has after it.
        description: What it adds, for a person.
        sql: The statements, run in order inside one transaction.
    """

    version: int
    description: str
    sql: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, with full-text search over titles and text", (
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,          -- Article.id: hash of the normalised text
            source TEXT, agency TEXT, author TEXT, title TEXT,
            published TEXT,                   -- YYYY-MM-DD or NULL
            url TEXT, language TEXT,
            origin TEXT NOT NULL,
            text TEXT NOT NULL,
            added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )""",
        "CREATE INDEX articles_published ON articles (published)",
        # External-content FTS5: the text is stored once (in articles); triggers keep the index.
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
        END""",
        """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
        END""",
        """CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
        END""",
    )),
    Migration(2, "analyses, vectors and comparisons, each under the version that made it", (
        """CREATE TABLE analyses (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            version TEXT NOT NULL,            -- the analysis version: a new one is a new row
            record TEXT NOT NULL,             -- JSON of the AnalyzedArticle (store._codec)
            dim INTEGER NOT NULL DEFAULT 0,   -- statement embeddings: rows of dim float32
            embeddings BLOB,
            PRIMARY KEY (article_id, version)
        ) WITHOUT ROWID""",
        """CREATE TABLE vectors (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,               -- what was embedded, e.g. 'title+lead'
            model TEXT NOT NULL,              -- the embedder's name (its version included)
            dim INTEGER NOT NULL,
            vec BLOB NOT NULL,                -- dim little-endian float32 values
            PRIMARY KEY (article_id, kind, model)
        ) WITHOUT ROWID""",
        """CREATE TABLE comparisons (
            story_id TEXT NOT NULL,
            version TEXT NOT NULL,
            record TEXT NOT NULL,             -- JSON of the Comparison (statement embeddings left out)
            PRIMARY KEY (story_id, version)
        ) WITHOUT ROWID""",
    )),
    Migration(3, "stories: which articles report one event, wire copies, threads", (
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            thread TEXT NOT NULL,             -- stories of one thread (an announcement, then the event)
            first_published TEXT, last_published TEXT,
            updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ) WITHOUT ROWID""",
        """CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            copy_of TEXT,                     -- the first article of its wire-copy group, if a copy
            position INTEGER NOT NULL         -- order of joining
        ) WITHOUT ROWID""",
        "CREATE INDEX story_articles_story ON story_articles (story_id, position)",
        "CREATE INDEX story_articles_position ON story_articles (position)",
    )),
    Migration(4, "articles keep the page furniture their cleaning took out", (
        # JSON list of Article.furniture (store._codec), NULL for none: an article stored before
        # this version was read by a cleaning that kept no record of it.
        "ALTER TABLE articles ADD COLUMN furniture TEXT",
    )),
)
