"""ECB+ strict pairs decided through facts: two sentences are linked when one fact holds claims of both.

Each ECB+ sub-topic (one event, several documents) is compared as one story, as ``compare``
would: entities resolved across its documents, statements aligned, claims clustered into facts
(:mod:`newsprism.comparison.facts`). A sentence pair of two documents of one topic is linked
when a fact holds a claim of a statement inside each sentence; sentences of two sub-topics are
never in one story, so never linked. The average-link cut is chosen per fold on the other
folds' topics (highest recall at precision >= 0.85, the compare rule), so the ``facts_cv`` row is
cross-validated in its cut; the statement pair model under it is the shipped one, fitted on
all of ECB+ 1-35, so the row is in-sample in that part (say so wherever it is quoted).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.eval.align_fit import PairSet
from newsprism.model import AnalyzedArticle

__all__ = ["FACT_CUTS", "fact_links", "facts_cv", "story_alignment_links"]

#: The average-link cuts tried.
FACT_CUTS: tuple[float, ...] = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
_MIN_PRECISION = 0.85


def _story_facts(docs: Sequence[tuple[str, AnalyzedArticle]], cuts: Sequence[float], tag: str,
                 method: str = "frame", embedder: Any = None) -> dict[float, dict[str, list[tuple[int, int, str]]]]:
    """Per cut and document of one story: ``(start, end, fact id)`` of its statements in shared facts."""
    from newsprism.comparison import with_story_entities
    from newsprism.comparison.align import align_story
    from newsprism.comparison.facts import story_facts

    arts = [aa for _, aa in docs if aa.statements]
    out: dict[float, dict[str, list[tuple[int, int, str]]]] = {c: defaultdict(list) for c in cuts}
    if len(arts) < 2:
        return out
    remapped, entities = with_story_entities(arts)
    scores = align_story(remapped, entities).scores
    name = {aa.article.id: d for d, aa in docs}
    stmt = {st.id: st for aa in remapped for st in aa.statements}
    claim_stmt = {c.id: c.statement_id for aa in remapped for c in aa.claims}
    for cut in cuts:
        for f in story_facts(remapped, scores, tag, threshold=cut, method=method,  # type: ignore[arg-type]
                             embedder=embedder):
            if len(f.article_ids) < 2:
                continue
            for st in {stmt[claim_stmt[c]] for c in f.claim_ids}:
                out[cut][name[st.article_id]].append((st.span.start, st.span.end, f.id))
    return out


def fact_links(pairs: PairSet, analysed: Mapping[str, AnalyzedArticle],
               cuts: Sequence[float] = FACT_CUTS, method: str = "frame", embedder: Any = None
               ) -> dict[float, npt.NDArray[np.bool_]]:
    """Per cut, whether facts link each ECB+ sentence pair (one fact holds a claim inside each sentence).

    Args:
        pairs: The strict ECB+ pairs (with documents and their stories).
        analysed: Text -> analysis (every document text of ``pairs`` analysed as one article).
        cuts: The average-link cuts.
        method: How claim pairs are scored (:data:`~newsprism.comparison.facts.FACT_METHODS`).
        embedder: Embeds trigger lemmas for the event pair model.

    Returns:
        Cut -> one decision per pair.
    """
    by_story: dict[str, list[str]] = defaultdict(list)
    for d, story in sorted(pairs.doc_story.items()):
        by_story[story].append(d)
    where: dict[float, dict[str, list[tuple[int, int, str]]]] = {c: {} for c in cuts}
    for n, docs in enumerate(by_story.values()):
        for cut, per_doc in _story_facts([(d, analysed[pairs.doc_text[d]]) for d in docs], cuts, f"s{n}",
                                      method, embedder).items():
            where[cut].update(per_doc)
    out: dict[float, npt.NDArray[np.bool_]] = {}
    for cut in cuts:
        pred = np.zeros(len(pairs.a), dtype=bool)
        for k, (sa, sb) in enumerate(zip(pairs.a, pairs.b, strict=True)):
            da, db = pairs.docs[k]
            fa = _facts_in(where[cut].get(da, ()), _range(pairs.doc_text[da], sa))
            pred[k] = bool(fa) and bool(fa & _facts_in(where[cut].get(db, ()), _range(pairs.doc_text[db], sb)))
        out[cut] = pred
    return out


def story_alignment_links(pairs: PairSet, analysed: Mapping[str, AnalyzedArticle]) -> npt.NDArray[np.bool_]:
    """Whether ``compare``'s alignments link each ECB+ sentence pair, every sub-topic compared as one story.

    As :func:`fact_links`, with the statement alignments (groups, one statement per article)
    instead of facts: what a reader sees as "told by both". Sentences of two sub-topics are in
    no one story, so never linked.

    Args:
        pairs: The strict ECB+ pairs (with documents and their stories).
        analysed: Text -> analysis (every document text of ``pairs`` analysed as one article).

    Returns:
        One decision per pair.
    """
    from newsprism.comparison import with_story_entities
    from newsprism.comparison.align import align_story

    by_story: dict[str, list[str]] = defaultdict(list)
    for d, story in sorted(pairs.doc_story.items()):
        by_story[story].append(d)
    where: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for n, docs in enumerate(by_story.values()):
        arts = [analysed[pairs.doc_text[d]] for d in docs if analysed[pairs.doc_text[d]].statements]
        if len(arts) < 2:
            continue
        remapped, entities = with_story_entities(arts)
        name = {analysed[pairs.doc_text[d]].article.id: d for d in docs}
        stmt = {st.id: st for aa in remapped for st in aa.statements}
        for al in align_story(remapped, entities).alignments:
            for sid in al.statement_ids:
                st = stmt[sid]
                where[name[st.article_id]].append((st.span.start, st.span.end, f"s{n}:{al.id}"))
    pred = np.zeros(len(pairs.a), dtype=bool)
    for k, (sa, sb) in enumerate(zip(pairs.a, pairs.b, strict=True)):
        da, db = pairs.docs[k]
        fa = _facts_in(where.get(da, ()), _range(pairs.doc_text[da], sa))
        pred[k] = bool(fa) and bool(fa & _facts_in(where.get(db, ()), _range(pairs.doc_text[db], sb)))
    return pred


def _range(text: str, sentence: str) -> tuple[int, int]:
    start = text.find(sentence)
    return (start, start + len(sentence)) if start >= 0 else (-1, -1)


def _facts_in(spans: Sequence[tuple[int, int, str]], rng: tuple[int, int]) -> set[str]:
    return {f for s, e, f in spans if rng[0] >= 0 and s < rng[1] and rng[0] < e}


def facts_cv(pairs: PairSet, decisions: Mapping[float, npt.NDArray[np.bool_]]
             ) -> tuple[npt.NDArray[np.bool_], list[float]]:
    """Per fold, the cut with the best recall at precision >= 0.85 on the other folds (else the best precision).

    Returns:
        The cross-validated decisions and the cut chosen per fold.
    """
    pred = np.zeros(len(pairs.y), dtype=bool)
    chosen: list[float] = []
    for fold in sorted(set(pairs.folds.tolist())):
        train, test = pairs.folds != fold, pairs.folds == fold
        best: tuple[float, float, float] | None = None
        for cut, d in decisions.items():
            tp = float(np.sum(d[train] & (pairs.y[train] == 1)))
            n_pred = float(np.sum(d[train]))
            p = tp / n_pred if n_pred else 0.0
            r = tp / max(1.0, float(np.sum(pairs.y[train] == 1)))
            key = (1.0 if p >= _MIN_PRECISION else 0.0, r if p >= _MIN_PRECISION else p, cut)
            if best is None or key > best:
                best = key
        assert best is not None
        chosen.append(best[2])
        pred[test] = decisions[best[2]][test]
    return pred, chosen
