"""The store side of grouping: restore the stored stories, group new articles, regroup, compare a story.

The group stage (:mod:`newsprism.group`) knows nothing of the store; this module, part of the
pipeline, loads what it needs (articles, their stored title + lead vectors, the stories) and
writes back what it returns, each batch in one transaction with the articles it grouped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsprism import __version__
from newsprism.config import Config
from newsprism.errors import UsageError
from newsprism.group import Assignment, Grouper, GroupOptions, StoryGroup, featurise, publication_order
from newsprism.model import Article, Comparison
from newsprism.store import Store

__all__ = ["VECTOR_KIND", "GroupOutcome", "StoreGrouper", "compare_story", "regroup"]

log = logging.getLogger(__name__)

#: What the grouping vectors embed (the ``kind`` of their rows in the store).
VECTOR_KIND = "title+lead"


@dataclass(frozen=True, slots=True)
class GroupOutcome:
    """What grouping a batch did.

    Attributes:
        new_stories: Stories the batch opened.
        joined: Articles that joined an existing story.
        assignments: Where each article went.
    """

    new_stories: int
    joined: int
    assignments: tuple[Assignment, ...] = ()


class StoreGrouper:
    """Groups new articles against the stories a store already holds."""

    def __init__(self, store: Store, config: Config, options: GroupOptions | None = None,
                 embedder: Any = None) -> None:
        """Prepare (the stored stories are loaded on the first batch)."""
        if embedder is None:
            from newsprism.analysis.embed import get_embedder

            embedder = get_embedder(config)
        self.store = store
        self.embedder = embedder
        self.options = options
        self._grouper: Grouper | None = None

    def _features(self, articles: Sequence[Article]) -> list[Any]:
        known = self.store.get_vectors(VECTOR_KIND, self.embedder.name, [a.id for a in articles])
        return featurise(articles, self.embedder, known)

    def _restore(self) -> Grouper:
        grouper = Grouper(int(self.embedder.dim), self.options)
        for story in self.store.iter_stories():
            arts = list(self.store.iter_articles(story.article_ids))
            for f in self._features(arts):
                grouper.place(f, story.id, story.title, story.thread, story.copies.get(f.article_id))
        return grouper

    def add(self, articles: Sequence[Article]) -> GroupOutcome:
        """Store new articles with their vectors and stories, in one transaction."""
        if self._grouper is None:
            self._grouper = self._restore()
        feats = self._features(articles)  # embedded before the write lock is taken
        with self.store.transaction():
            self.store.add_articles(articles)
            self.store.put_vectors(VECTOR_KIND, self.embedder.name, {f.article_id: f.vector for f in feats})
            done = self._grouper.add_many(feats)
            touched: dict[str, StoryGroup] = {}
            for a in done:
                sid = self._grouper.story_id_of(a.article_id)  # cheap: each story is built once below
                if sid is not None and sid not in touched and (group := self._grouper.story_of(a.article_id)):
                    touched[sid] = group
            self.store.put_stories(touched.values())
        return GroupOutcome(sum(a.new_story for a in done), sum(not a.new_story for a in done), tuple(done))


def regroup(store: Store, config: Config | None = None, options: GroupOptions | None = None,
            embedder: Any = None, batch_size: int = 256) -> tuple[int, int, float]:
    """Rebuild every story from scratch: all stored articles, one at a time, in publication order.

    Vectors already stored are reused (only articles without one are embedded, and their vectors
    stored). The old stories are replaced in one transaction at the end: a kill leaves them as
    they were.

    Returns:
        ``(articles, stories, seconds)``.
    """
    started = time.monotonic()
    grouper_ = StoreGrouper(store, config or Config(), options, embedder)
    articles = publication_order(list(store.iter_articles()))
    grouper = Grouper(int(grouper_.embedder.dim), options)
    for i in range(0, len(articles), batch_size):
        feats = grouper_._features(articles[i : i + batch_size])
        store.put_vectors(VECTOR_KIND, grouper_.embedder.name, {f.article_id: f.vector for f in feats})
        grouper.add_many(feats)
    stories = grouper.stories()
    with store.transaction():
        store.clear_stories()
        store.put_stories(stories)
    return len(articles), len(stories), time.monotonic() - started


def analysis_version(embedder: Any) -> str:
    """The version analyses are stored under: this newsprism and the embedder that embedded them."""
    return f"newsprism-{__version__}:{embedder.name}"


def members_key(article_ids: Sequence[str]) -> str:
    """The part of a comparison's version that names the story's members (a new member: a new comparison)."""
    return hashlib.sha256(" ".join(article_ids).encode()).hexdigest()[:12]


def compare_story(store: Store, story_id: str, config: Config | None = None) -> tuple[Comparison, list[Any]]:
    """Compare a stored story's articles, reusing stored analyses and the stored comparison.

    Returns:
        ``(comparison, errors)``: the comparison (stored under the analysis version and the
        story's members, so a story that gained an article is compared again) and the articles
        whose analysis failed.

    Raises:
        UsageError: No such story, or it holds fewer than two comparable articles.
    """
    from newsprism.analysis import AnalyzeOptions
    from newsprism.analysis.embed import get_embedder
    from newsprism.comparison import compare_articles
    from newsprism.ingest import IngestResult
    from newsprism.model import Story
    from newsprism.pipeline import _analyze_read, check_comparison

    config = config or Config()
    story = store.get_story(story_id)
    if story is None:
        raise UsageError(f"no story {story_id!r} in the store (newsprism stories lists them)")
    embedder = get_embedder(config)
    version = analysis_version(embedder)
    cmp_version = version + ":" + members_key(story.article_ids)
    stored = store.get_comparison(story.id, cmp_version)
    if stored is not None:
        return stored, []
    articles = list(store.iter_articles(story.article_ids))
    done = {a.id: aa for a in articles if (aa := store.get_analysis(a.id, version)) is not None}
    todo = [a for a in articles if a.id not in done]
    options = AnalyzeOptions(nlp=True, embeddings=True, embedder=embedder, workers=None, loaded=True)
    batch = _analyze_read(IngestResult(articles=todo), config, options)
    with store.transaction():
        for aa in batch:
            store.put_analysis(aa, version)
    done.update({aa.article.id: aa for aa in batch})
    analysed = [done[a.id] for a in articles if a.id in done]
    if len(analysed) < 2:
        raise UsageError(f"story {story.id} has {len(analysed)} comparable article(s); compare needs two or more",
                         batch.errors)
    comparison = check_comparison(compare_articles(analysed))
    comparison = dataclasses.replace(comparison, story=Story(story.id, story.title, comparison.story.article_ids))
    store.put_comparison(comparison, cmp_version)
    return comparison, list(batch.errors)
