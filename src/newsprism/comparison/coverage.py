"""Coverage: which outlets report each aligned fact, and what only one article has.

Computed once per comparison (:func:`compute_coverage`, called by ``compare_articles``) and
carried on :attr:`newsprism.model.Comparison.coverage`; findings, the summary and every renderer
read it from there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.model import Alignment, AnalyzedArticle, Coverage, PossiblePair, Statement

__all__ = ["compute_coverage", "shared_core"]

#: A partial alignment's core statement must have this share of its content lemmas in every other
#: member (and at least :data:`CORE_MIN_TERMS` of them), and all of its numbers: a core with a count
#: the others do not give is no core.
CORE_SHARE = 0.75
CORE_MIN_TERMS = 3

# A statement's terms that are numbers ("2.2", "million", "four").
_NUMBER_TERM = re.compile(r"\d|^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                          r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|"
                          r"trillion|dozen|dozens)$")


def is_number_term(term: str) -> bool:
    """Whether a statement term (a lower-cased lemma) is a number or a number word."""
    return bool(_NUMBER_TERM.search(term))


def shared_core(al: Alignment, statements: dict[str, Statement]) -> str | None:
    """The statement of an alignment that says what all its statements say (see :attr:`Coverage.agreed`)."""
    members = [statements[s] for s in al.statement_ids if s in statements]
    if len(members) < 2:
        return None
    if al.relation != "partial":
        return members[0].id
    best: tuple[float, str] | None = None
    for m in members:
        terms = set(m.terms)
        if len(terms) < CORE_MIN_TERMS:
            continue  # "He said." is contained in anything
        others = [set(o.terms) for o in members if o is not m]
        numbers = {t for t in terms if is_number_term(t)}
        if any(not numbers <= o for o in others):
            continue
        held = min(len(terms & o) / len(terms) for o in others)
        if held >= CORE_SHARE and (best is None or held > best[0]):
            best = (held, m.id)
    return best[1] if best else None


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
    statements = {st.id: st for aa in articles for st in aa.statements}
    aligned: set[str] = set()
    corroborated: list[str] = []
    agreed: dict[str, str] = {}
    outlets: dict[str, tuple[str, ...]] = {}
    for al in alignments:
        arts = sorted({owner[s] for s in al.statement_ids if s in owner}, key=lambda a: order[a])
        outlets[al.id] = tuple(arts)
        aligned.update(al.statement_ids)
        if len({source_of[a] for a in arts}) >= 2:
            corroborated.append(al.id)
            if (core := shared_core(al, statements)) is not None:
                agreed[al.id] = core
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
                    {k: tuple(v) for k, v in counterparts.items() if k not in aligned}, source_of, agreed=agreed)
