"""Group: articles about the same real event become one story, incrementally.

Two steps, so the same code can run on one machine or on a distributed engine:

1. :func:`featurise` — a pure function over a batch of articles (title + lead embeddings, words,
   names, years, shingles): a ``map_batches`` step over sharded files;
2. :class:`Grouper` — one article at a time in publication order, each joining the best
   candidate story or opening one (candidates from an approximate-nearest-neighbour index, so
   the work per article is bounded).

:func:`group_articles` runs both over a sequence of articles. This stage imports no later stage
and never the store: the pipeline (:mod:`newsprism.stories`) persists what it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from newsprism.group.features import ArticleFeatures, featurise, lead_text
from newsprism.group.grouper import Assignment, Grouper, GroupOptions, StoryGroup
from newsprism.model import Article

__all__ = ["ArticleFeatures", "Assignment", "GroupOptions", "Grouper", "StoryGroup", "featurise", "group_articles",
           "lead_text", "publication_order"]


def publication_order(articles: Sequence[Article]) -> list[Article]:
    """The articles by publication date (stable; undated ones after the dated, in the order given)."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or date.min))


def group_articles(articles: Sequence[Article], embedder: Any, options: GroupOptions | None = None,
                   batch_size: int = 64) -> list[StoryGroup]:
    """Group articles into stories, feeding them one at a time in the order given.

    Args:
        articles: The articles (see :func:`publication_order`).
        embedder: Embeds title + lead.
        options: The grouping knobs.
        batch_size: Articles per embedder call.

    Returns:
        The stories, in the order they were opened.
    """
    grouper: Grouper | None = None
    for i in range(0, len(articles), batch_size):
        feats = featurise(articles[i : i + batch_size], embedder)
        if grouper is None and feats:
            grouper = Grouper(len(feats[0].vector), options)
        if grouper is not None:
            grouper.add_many(feats)
    return grouper.stories() if grouper is not None else []
