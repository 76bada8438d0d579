"""Facts: a story's claims clustered across articles, one event each, and coverage on them.

1. **Pairs.** Claims are scored only in blocks: the claims of statement pairs the alignment
   scored (its candidates: nearest neighbours by cosine), and claims of different articles with
   one trigger form that share a participant. Any ``Callable[[Claim, Claim], float]`` scores them
   (default :class:`~newsprism.comparison._fact_score.ClaimScoring`).
2. **Clusters.** Average-link agglomeration over those scores (a pair not scored counts 0), not
   the transitive closure of pairs: two clusters merge when the mean score over all their
   cross pairs reaches ``threshold``. Cannot-links: claims whose resolved dates cannot overlap
   never share a cluster, and two claims of one article only when their own score reaches
   :data:`~newsprism.comparison._fact_score.STRONG_SAME_ARTICLE` (one event told twice).
3. **Rows.** Clusters that join the same statements are one fact: a statement pair whose claims
   pair up one to one ("met X and discussed Y" / "held talks with X on Y") reads as one row, not
   as one per claim. The claims of one statement that join nothing are one row too.
4. **Relations.** Per fact and article: ``same`` (same trigger, participants, numbers and dates,
   and the statement model calls the sentences equivalent with the same details),
   ``paraphrase`` (the same details in other words) or ``partial`` (one adds or lacks a detail;
   always when a number differs).
5. **Coverage** (:func:`fact_coverage`): agreed = told by two or more independent sources (wire
   copies are one), only-in-X = told by no other source, omitted-by-X = told by at least two
   sources other than X's.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from newsprism.comparison._fact_score import (
    STRONG_SAME_ARTICLE,
    ClaimInfo,
    ClaimScorer,
    ClaimScoring,
    _forms,
    describe_claims,
)
from newsprism.model import AnalyzedArticle, Claim, Coverage, Fact, Relation

__all__ = ["DEFAULT_CUTS", "DEFAULT_FACT_LINK", "FACT_METHODS", "FactMethod", "build_facts", "cluster_claims",
           "fact_coverage", "story_facts"]

#: Average-link score at which two clusters of claims become one fact. Measured on ECB+ (topics
#: 1-35, every sub-topic compared as one story, strict sentence pairs linked when one fact holds
#: a claim of each): cut 0.4 P 0.706 R 0.336, 0.5 P 0.730 R 0.287, 0.6 P 0.759 R 0.230; the
#: statement alignment of the same stories P 0.721 R 0.307. No cut reaches precision 0.85 there;
#: 0.5 keeps precision above the alignment's at nearly its recall.
DEFAULT_FACT_LINK = 0.5
_RANK: dict[Relation, int] = {"partial": 0, "paraphrase": 1, "same": 2}

#: How claim pairs are scored: ``frame`` the frame-and-statement score of
#: :class:`~newsprism.comparison._fact_score.ClaimScoring` alone (statement-pair and same-form
#: blocks); ``events`` the ECB+ event pair model (:mod:`newsprism.comparison._claim_events`) on
#: wide blocks (related forms, event families, shared participants); ``mix`` the mean of the two
#: on the wide blocks.
FactMethod = Literal["frame", "events", "mix"]
FACT_METHODS: tuple[FactMethod, ...] = ("frame", "events", "mix")
#: Average-link cut per method (see :data:`DEFAULT_FACT_LINK` for ``frame``).
DEFAULT_CUTS: dict[str, float] = {"frame": DEFAULT_FACT_LINK, "events": 0.5, "mix": 0.5}


class _Combined:
    """The event model's probability, alone or averaged with the frame score; 0 on a cannot-link or negation."""

    def __init__(self, frame: ClaimScoring, events: Any, method: str) -> None:
        self.frame, self.events, self.method = frame, events, method

    def __call__(self, x: Claim, y: Claim) -> float:
        if self.frame.conflict(x.id, y.id) or x.negated != y.negated:
            return 0.0
        p = float(self.events(x, y))
        return p if self.method == "events" else 0.5 * (p + float(self.frame(x, y)))


def _blocks(infos: Sequence[ClaimInfo], statement_pairs: set[tuple[str, str]], wide: bool = False
            ) -> list[tuple[int, int]]:
    """Index pairs of claims worth scoring (see the module docstring, step 1).

    ``wide`` (the event pair model's blocks) adds claims whose triggers are related forms or one
    event family even without a shared participant, and claims that share a participant (a story
    entity or head) whatever their triggers: the model weighs those signals itself.
    """
    by_statement: dict[str, list[int]] = defaultdict(list)
    by_form: dict[str, list[int]] = defaultdict(list)
    by_key: dict[str, list[int]] = defaultdict(list)
    for k, x in enumerate(infos):
        by_statement[x.claim.statement_id].append(k)
        for f in _forms(x.claim.lemma):
            by_form[f].append(k)
        if wide:
            for f in _related_keys(x.claim.lemma):
                by_form[f].append(k)
            for key in x.keys:
                by_key[key].append(k)
    out: set[tuple[int, int]] = set()
    for sa, sb in statement_pairs:
        for i in by_statement.get(sa, ()):
            for j in by_statement.get(sb, ()):
                if infos[i].article != infos[j].article:
                    out.add((min(i, j), max(i, j)))
    for idx in by_form.values():
        if len(idx) > 200:  # a form as common as "say" blocks nothing
            continue
        for n, i in enumerate(idx):
            for j in idx[n + 1:]:
                if infos[i].article != infos[j].article and (wide or infos[i].keys & infos[j].keys):
                    out.add((min(i, j), max(i, j)))
    for idx in by_key.values():
        if len(idx) > 200:  # a participant every sentence names blocks nothing
            continue
        for n, i in enumerate(idx):
            for j in idx[n + 1:]:
                if infos[i].article != infos[j].article:
                    out.add((min(i, j), max(i, j)))
    return sorted(out)


def _related_keys(lemma: str) -> frozenset[str]:
    """Blocking keys of a trigger for the wide blocks: its stem (related forms) and its event families."""
    from newsprism.comparison._fact_score import _FAMILIES
    from newsprism.comparison.events import _stem

    keys = {f"stem:{_stem(lemma)}"} if len(_stem(lemma)) >= 3 else set()
    keys |= {f"family:{k}" for k, fam in enumerate(_FAMILIES) if _forms(lemma) & fam}
    return frozenset(keys)


def cluster_claims(claims: Sequence[Claim], pairs: Sequence[tuple[int, int]], scorer: ClaimScorer,
                   threshold: float, cannot: ClaimScoring | None = None) -> tuple[list[list[int]], list[float]]:
    """Average-link clustering of claims over the scored pairs.

    Args:
        claims: The claims.
        pairs: Index pairs to score (claims of different articles); others count 0.
        scorer: The pair scorer.
        threshold: Lowest mean cross-pair score at which two clusters merge.
        cannot: Gives the date cannot-link (``conflict``); ``None``: only the scorer's zeros.

    Returns:
        The clusters (claim indices, sorted) and each cluster's lowest merge linkage (1.0 for one claim).
    """
    n = len(claims)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    low: dict[int, float] = {i: 1.0 for i in range(n)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for i, j in pairs:
        s = float(scorer(claims[i], claims[j]))
        if s > 0:
            sums[i][j] = sums[j][i] = s
    heap = [(-s / 1.0, i, j) for i, row in sums.items() for j, s in row.items() if i < j]
    heapq.heapify(heap)

    def allowed(a: int, b: int) -> bool:
        for x in members[a]:
            for y in members[b]:
                cx, cy = claims[x], claims[y]
                if cannot is not None and cannot.conflict(cx.id, cy.id):
                    return False
                if cx.article_id == cy.article_id and float(scorer(cx, cy)) < STRONG_SAME_ARTICLE:
                    return False
        return True

    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        link = sums[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(link + neg) > 1e-12:  # stale entry: the linkage changed since it was pushed
            continue
        if link < threshold:
            break
        if not allowed(a, b):
            continue
        members[a] += members.pop(b)
        low[a] = min(low[a], low.pop(b), link)
        for c, s in sums.pop(b).items():
            sums[c].pop(b, None)
            if c != a:
                sums[a][c] = sums[a].get(c, 0.0) + s
                sums[c][a] = sums[a][c]
        sums[a].pop(a, None)
        for c, s in sums[a].items():
            heapq.heappush(heap, (-s / (len(members[a]) * len(members[c])), min(a, c), max(a, c)))
    roots = sorted(members, key=lambda r: min(members[r]))
    return [sorted(members[r]) for r in roots], [low[r] for r in roots]


def _attach_lone(claims: Sequence[Claim], clusters: list[list[int]], lows: list[float],
                 pairs: Sequence[tuple[int, int]], scorer: ClaimScorer, cut: float
                 ) -> tuple[list[list[int]], list[float]]:
    """Give a lone claim to the shared fact its own statement is in, when it links to that fact's other tellings.

    "The dam, built in 1962, supplies drinking water to 400,000 people" splits into claims that
    the other report's one claim matches only in part: once the statement shares a fact, a
    claim of it that scores at least half the cut against the fact's claims of other articles
    is part of that telling, not a fact only its outlet tells.
    """
    where = {i: k for k, idx in enumerate(clusters) for i in idx}
    shared = [len({claims[i].article_id for i in idx}) > 1 for idx in clusters]
    partners: dict[int, set[int]] = defaultdict(set)
    for i, j in pairs:
        partners[i].add(j)
        partners[j].add(i)
    moved: dict[int, int] = {}
    for k, idx in enumerate(clusters):
        if shared[k] or len(idx) != 1:
            continue
        i = idx[0]
        best, target = 0.0, -1
        for t in {where[j] for j in partners[i] if shared[where[j]]}:
            if not any(claims[m].statement_id == claims[i].statement_id for m in clusters[t]):
                continue
            others = [m for m in clusters[t] if claims[m].article_id != claims[i].article_id]
            s = max((float(scorer(claims[i], claims[m])) for m in others if m in partners[i]), default=0.0)
            if s > best:
                best, target = s, t
        if target >= 0 and best >= cut / 2:
            moved[k] = target
    out, low = [], []
    for k, idx in enumerate(clusters):
        if k in moved:
            continue
        extra = [clusters[m][0] for m, t in moved.items() if t == k]
        out.append(sorted([*idx, *extra]))
        low.append(lows[k])
    return out, low


def _relations(claim_ids: Sequence[str], owner: Mapping[str, str], scoring: ClaimScoring | None
               ) -> dict[str, Relation]:
    """Per article of a fact: the weakest, over the other articles, of its best claim-pair relation."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for c in claim_ids:
        by_article[owner[c]].append(c)
    if len(by_article) < 2:
        return {}
    out: dict[str, Relation] = {}
    for aid, mine in by_article.items():
        worst: Relation = "same"
        for other, theirs in by_article.items():
            if other == aid:
                continue
            rels = [scoring.relation(x, y) if scoring else "partial" for x in mine for y in theirs]
            best = max(rels, key=_RANK.__getitem__)
            worst = min(worst, best, key=_RANK.__getitem__)
        out[aid] = worst
    return out


def build_facts(
    articles: Sequence[AnalyzedArticle],
    cosines: npt.NDArray[np.float32],
    statement_scores: Mapping[tuple[str, str], tuple[float, Relation]],
    story_id: str = "story",
    scorer: ClaimScorer | None = None,
    threshold: float | None = None,
    method: FactMethod = "frame",
    embedder: Any = None,
) -> tuple[Fact, ...]:
    """Cluster the story's claims into facts (see the module docstring).

    Args:
        articles: The story's analyzed articles (claims' entity ids resolved to the story's).
        cosines: Cosine matrix of all statements, stacked in article order.
        statement_scores: The alignment's pair score and relation per statement id pair (both orders).
        story_id: Prefix of the fact ids.
        scorer: The claim pair scorer (``None``: :class:`ClaimScoring` over these inputs).
        threshold: Average-link cut (``None``: the method's default, :data:`DEFAULT_CUTS`).
        method: The pair score when ``scorer`` is ``None`` (:data:`FACT_METHODS`).
        embedder: Embeds trigger lemmas for the event pair model (``None``: typical cosines).

    Returns:
        Facts ``<story id>:f1``... in story order of their first claim; every claim is in one.
    """
    infos = describe_claims(articles)
    if not infos:
        return ()
    scoring = ClaimScoring(infos, cosines, statement_scores)
    wide = scorer is None and method != "frame"
    pairs = _blocks(infos, {k for k in statement_scores}, wide=wide)
    score: ClaimScorer = scoring
    if scorer is not None:
        score = scorer
    elif wide:
        from newsprism.comparison._claim_events import ClaimEventScorer

        events = ClaimEventScorer(articles, infos, cosines, embedder)
        events.prime(pairs)
        score = _Combined(scoring, events, method)
    cut = DEFAULT_CUTS[method] if threshold is None else float(threshold)
    claims = [x.claim for x in infos]
    clusters, lows = cluster_claims(claims, pairs, score, cut, scoring)
    owner = {c.id: c.article_id for c in claims}
    clusters, lows = _attach_lone(claims, clusters, lows, pairs, score, cut)
    # Rows: clusters over the same statements are one fact; lone claims of a statement are one row.
    rows: dict[frozenset[str], tuple[list[int], float]] = {}
    for idx, low in zip(clusters, lows, strict=True):
        stmts = frozenset(claims[i].statement_id for i in idx)
        lone = len({owner[claims[i].id] for i in idx}) == 1
        key = frozenset({f"lone:{claims[idx[0]].statement_id}"}) if lone else stmts
        got = rows.get(key)
        rows[key] = (sorted([*got[0], *idx]), min(got[1], low)) if got else (list(idx), low)
    order = {aa.article.id: k for k, aa in enumerate(articles)}
    out: list[Fact] = []
    for idx, low in sorted(rows.values(), key=lambda r: r[0][0]):
        ids = tuple(claims[i].id for i in idx)
        arts = tuple(sorted({owner[c] for c in ids}, key=order.__getitem__))
        out.append(Fact(f"{story_id}:f{len(out) + 1}", ids, arts, _relations(ids, owner, scoring),
                        round(float(low), 4)))
    return tuple(out)


def fact_coverage(coverage: Coverage, articles: Sequence[AnalyzedArticle], facts: Sequence[Fact]) -> Coverage:
    """Add agreed, only-in and omitted facts to a story's coverage (its ``source_of`` says who copies whom).

    Returns:
        ``coverage`` with :attr:`~newsprism.model.Coverage.agreed_facts`, ``only_facts`` and ``omitted_facts``.
    """
    source_of = coverage.source_of
    ids = [aa.article.id for aa in articles]
    agreed: list[str] = []
    only: dict[str, list[str]] = {a: [] for a in ids}
    omitted: dict[str, list[str]] = {a: [] for a in ids}
    for f in facts:
        sources = {source_of.get(a, a) for a in f.article_ids}
        if len(sources) >= 2:
            agreed.append(f.id)
        else:
            only[source_of.get(f.article_ids[0], f.article_ids[0])].append(f.id)
        for a in ids:
            if a not in f.article_ids and len(sources - {source_of.get(a, a)}) >= 2:
                omitted[a].append(f.id)
    return dataclasses.replace(coverage, agreed_facts=tuple(agreed), only_facts={a: tuple(v) for a, v in only.items()},
                               omitted_facts={a: tuple(v) for a, v in omitted.items()})


def story_facts(articles: Sequence[AnalyzedArticle], scores: Sequence[tuple[str, str, float, Relation]],
                story_id: str, scorer: ClaimScorer | None = None, threshold: float | None = None,
                method: FactMethod = "frame", embedder: Any = None) -> tuple[Fact, ...]:
    """The facts of a compared story from its alignment's scored statement pairs (:func:`build_facts`)."""
    from newsprism.comparison.align import _embeddings

    vectors = _embeddings(articles)
    table: dict[tuple[str, str], tuple[float, Relation]] = {}
    for a, b, s, rel in scores:
        table[(a, b)] = table[(b, a)] = (float(s), rel)
    return build_facts(articles, vectors @ vectors.T, table, story_id, scorer, threshold, method, embedder)
