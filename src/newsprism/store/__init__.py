"""The store: articles, their analyses and vectors, stories and comparisons, kept between runs.

:class:`Store` is the interface; :class:`~newsprism.store.sqlite.SQLiteStore` (one file, WAL,
FTS5 full-text search) is the default backend, and a PostgreSQL backend can implement the same
methods later: all SQL lives in the backend, none in the stages (only the pipeline persists).

Every write is one transaction: a kill leaves the file as it was before the write or after it,
never half an article. Writes are idempotent: adding an article that is already stored (same
id, i.e. the same normalised text) adds nothing. Analyses and comparisons are stored under the
version that produced them, so a new analysis version recomputes and an old one is never
mistaken for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from newsprism.group.grouper import StoryGroup
from newsprism.model import AnalyzedArticle, Article, Comparison

__all__ = ["AddResult", "Store", "StoryQuery", "StoryRecord", "StorySummary", "open_store"]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add_articles` did.

    Attributes:
        added: Ids of the articles that were new, in input order.
        existing: Ids of the articles the store already held (nothing was written for them).
    """

    added: tuple[str, ...] = ()
    existing: tuple[str, ...] = ()


#: A story as the store keeps it: the grouping stage's record, stored as it is (one record, so
#: nothing is copied field by field between the two).
StoryRecord = StoryGroup


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Which stories :meth:`Store.list_stories` returns.

    Attributes:
        since: Only stories with an article published on or after this day.
        query: Only stories with an article matching this full-text query (words, all required).
        min_outlets: Only stories told by at least this many outlets (distinct sources).
        language: Only stories with an article in this language (ISO 639-1).
        limit: At most this many (newest first); ``None`` for all.
    """

    since: date | None = None
    query: str | None = None
    min_outlets: int = 1
    language: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One row of the stories table.

    Attributes:
        id: The story id.
        title: Its title.
        first_published: Its earliest publication date.
        last_published: Its latest.
        articles: How many articles it holds.
        outlets: Its distinct sources, in joining order (an article without one counts as unknown).
        languages: Its distinct languages.
        copies: How many of its articles are wire copies of another of them.
        thread: Its thread id.
        findings: How many findings its stored comparison has (``None`` when not compared yet).
    """

    id: str
    title: str
    first_published: date | None
    last_published: date | None
    articles: int
    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    copies: int = 0
    thread: str = ""
    findings: int | None = None


Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Store(Protocol):
    """What the pipeline needs from a store (the SQLite backend, later PostgreSQL)."""

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes into one transaction (nested calls join the outer one)."""
        ...

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Add articles idempotently by id, all in one transaction."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or ``None``."""
        ...

    def has_articles(self, article_ids: Sequence[str]) -> set[str]:
        """The ids of these that the store holds."""
        ...

    def iter_articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """Every article (or those of ``ids``), in publication order (undated last), then insertion order."""
        ...

    def count_articles(self) -> int:
        """How many articles the store holds."""
        ...

    def search(self, query: str, limit: int = 100) -> list[str]:
        """Ids of the articles whose title or text matches every word of ``query``, best first."""
        ...

    def put_analysis(self, analysis: AnalyzedArticle, version: str) -> None:
        """Store an analysis (with its statement embeddings) under an analysis version."""
        ...

    def get_analysis(self, article_id: str, version: str) -> AnalyzedArticle | None:
        """The analysis of this version, or ``None`` (then it must be computed)."""
        ...

    def put_vectors(self, kind: str, model: str, vectors: dict[str, Vectors]) -> None:
        """Store one vector per article id, under what was embedded (``kind``) and the model."""
        ...

    def get_vectors(self, kind: str, model: str, article_ids: Sequence[str]) -> dict[str, Vectors]:
        """The stored vectors among ``article_ids`` (missing ones are absent)."""
        ...

    def put_comparison(self, comparison: Comparison, version: str) -> None:
        """Store a story's comparison under a version."""
        ...

    def get_comparison(self, story_id: str, version: str) -> Comparison | None:
        """The stored comparison, or ``None``."""
        ...

    def comparison_versions(self, story_id: str) -> list[str]:
        """The versions a comparison of this story is stored under, sorted."""
        ...

    def snapshot(self) -> AbstractContextManager[None]:
        """Reads inside all see the store as it was at one moment (writers elsewhere go on)."""
        ...

    def put_stories(self, stories: Iterable[StoryRecord]) -> None:
        """Create or replace stories (their articles move to them), in one transaction."""
        ...

    def get_story(self, story_id: str) -> StoryRecord | None:
        """The story, or ``None``; a unique prefix of its id is accepted."""
        ...

    def iter_stories(self) -> Iterator[StoryRecord]:
        """Every story, oldest first."""
        ...

    def list_stories(self, query: StoryQuery) -> list[StorySummary]:
        """The stories that pass ``query``, newest first."""
        ...

    def clear_stories(self) -> None:
        """Remove every story (before a regroup); articles stay."""
        ...

    def close(self) -> None:
        """Close the store."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def open_store(path: str | Path, *, timeout: float = 10.0) -> Store:
    """Open (or create) a store.

    Args:
        path: The SQLite file; created, with the current schema, if missing.
        timeout: Seconds to wait for another process's write lock.

    Returns:
        The store, its schema migrated to the current version.

    Raises:
        StoreError: The file is not a newsprism store, is corrupt, is locked for longer than
            ``timeout``, or was written by a newer newsprism (its schema version is newer).
    """
    from newsprism.store.sqlite import SQLiteStore

    return SQLiteStore(path, timeout=timeout)
