"""Coverage: which outlets report each aligned fact, and what only one article has."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism.model import Alignment, AnalyzedArticle, PossiblePair

__all__ = ["Coverage", "compute_coverage"]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Coverage of a story.

    Attributes:
        corroborated: Ids of alignments whose statements come from two or more independent
            articles (wire copies of one text count once).
        unique: Per article id, the ids of its statements that align with nothing.
        outlets: Per alignment id, the article ids it spans, in article order.
        counterparts: Per statement with a possible counterpart in an independent article (a
            pair the alignment scored as possible but did not join), the ids of those
            counterparts, best first.
        unconfirmed: The part of :attr:`counterparts` for statements of ``unique``: such a
            statement is not called single-source.
        source_of: Per article id, the article that stands for its text (the first of its
            wire-copy group, else itself): articles with one ``source_of`` are one source.
    """

    corroborated: tuple[str, ...]
    unique: dict[str, tuple[str, ...]]
    outlets: dict[str, tuple[str, ...]]
    counterparts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unconfirmed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source_of: dict[str, str] = field(default_factory=dict)

    def single_source(self, article_id: str) -> tuple[str, ...]:
        """The statements of an article that align with nothing and have no possible counterpart."""
        return tuple(s for s in self.unique.get(article_id, ()) if s not in self.unconfirmed)


def compute_coverage(
    articles: Sequence[AnalyzedArticle],
    alignments: Sequence[Alignment],
    same_source: Sequence[frozenset[str]] = (),
    possible: Sequence[PossiblePair] = (),
) -> Coverage:
    """Work out corroboration and single-article statements.

    Args:
        articles: The story's analyzed articles.
        alignments: Groups of statements reporting the same fact.
        same_source: Groups of article ids that are copies of one text (wire copies): they
            corroborate nothing among themselves.
        possible: Possible pairs the alignment did not
            join (:attr:`newsprism.comparison.align.StoryAlignment.possible`), best first.

    Returns:
        The story's :class:`Coverage`.
    """
    order = {aa.article.id: i for i, aa in enumerate(articles)}
    owner = {st.id: aa.article.id for aa in articles for st in aa.statements}
    source_of = {aid: aid for aid in order}
    for group in same_source:
        root = min(group, key=lambda a: order.get(a, 0))
        for aid in group:
            source_of[aid] = root
    aligned: set[str] = set()
    corroborated: list[str] = []
    outlets: dict[str, tuple[str, ...]] = {}
    for al in alignments:
        arts = sorted({owner[s] for s in al.statement_ids if s in owner}, key=lambda a: order[a])
        outlets[al.id] = tuple(arts)
        aligned.update(al.statement_ids)
        if len({source_of[a] for a in arts}) >= 2:
            corroborated.append(al.id)
    unique = {
        aa.article.id: tuple(st.id for st in aa.statements if st.id not in aligned) for aa in articles
    }
    counterparts: dict[str, list[str]] = {}
    for pair in possible:
        a, b = pair.first, pair.second
        if a not in owner or b not in owner or source_of[owner[a]] == source_of[owner[b]]:
            continue  # a near-copy of the same text confirms nothing
        for x, y in ((a, b), (b, a)):
            if y not in counterparts.setdefault(x, []):
                counterparts[x].append(y)
    return Coverage(tuple(corroborated), unique, outlets, {k: tuple(v) for k, v in counterparts.items()},
                    {k: tuple(v) for k, v in counterparts.items() if k not in aligned}, source_of)
