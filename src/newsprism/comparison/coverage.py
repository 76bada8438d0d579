"""Coverage: which outlets report each aligned fact, and what only one article has.

Computed once per comparison (:func:`compute_coverage`, called by ``compare_articles``) and
carried on :attr:`newsprism.model.Comparison.coverage`; findings, the summary and every renderer
read it from there.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.model import Alignment, AnalyzedArticle, Coverage, PossiblePair

__all__ = ["compute_coverage"]


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
