"""Scoring "same event?": ECB+ cross-document event coreference with gold mentions, within each topic.

Every gold event mention of a topic (both of its sub-topics: two real events of one type) is
scored against every other by the pair model of :mod:`newsprism.comparison.events`, and the
topic's mentions are clustered by average link with cannot-links on conflicting dates. Scored
with MUC, B³, CEAF-e and CoNLL F1 (:mod:`newsprism.eval.coref_metrics`), pooled over topics as
the reference scorer pools documents (chains never cross topics).

**Rows.** ``ours_cv``: the pair model refitted per fold (:data:`FOLDS` folds over topics) and its
cut chosen on the training topics, each topic clustered by a model that never saw it
(cross-validated); its lemma-pair table (:func:`lemma_table`) is counted on the training topics
only, and a training topic's own rows read it with that topic's counts left out. ``ours``: the
shipped ``event_pair_model.json`` (fitted on all topics here: in-sample, checked for
reproducibility; optimistic, more so since its lemma-pair table holds these topics' own pairs).
Baselines in the same run, threshold-free or with their one cut cross-validated the same way:
``lemma`` (one event per trigger lemma within the topic) and ``lemma_doc`` (the topic's documents
clustered first, TF-IDF average link, then one event per lemma inside each document cluster).

``--quick``: :data:`QUICK_TOPICS` seeded topics, the same rows (the CV over those topics alone).
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.comparison.events import (
    BASE_FEATURES,
    FEATURES,
    LEXICON_FEATURES,
    QUAD_BASE,
    QUAD_FEATURES,
    EventPairModel,
    LemmaPairTable,
    cannot_link,
    cut_merges,
    doc_cophenetic,
    feature_matrix,
    fit_logistic,
    merge_order,
    pair_features,
    tfidf_cosines,
    tfidf_idf,
)
from newsprism.eval.common import (
    CROSS_VALIDATED,
    HELD_OUT,
    IN_SAMPLE,
    QUICK_SEED,
    EvalReport,
    check_folds,
    dataset_path,
)
from newsprism.eval.coref_metrics import chains_of, conll
from newsprism.eval.events_data import Topic, load_topics, read_rows, unit_rows

__all__ = ["FOLDS", "QUICK_TOPICS", "TopicPairs", "featurise", "fit", "lemma_table", "run"]

DATASET = "ecbplus/ecbplus_docs.jsonl"
FOLDS = 5
QUICK_TOPICS = 6
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.15, 0.86, 0.05))
DOC_CUTS = tuple(round(float(t), 2) for t in np.arange(0.05, 0.61, 0.05))
L2 = 1.0
_SAME = FEATURES.index("lemma_same")
_LEX = [FEATURES.index(f) for f in LEXICON_FEATURES]

Matrix = npt.NDArray[np.float64]


class TopicPairs:
    """One topic's mentions with every pair's features, labels and cannot-links."""

    def __init__(self, topic: Topic, x: Matrix, y: Matrix, forbidden: npt.NDArray[np.bool_],
                 doc_sim: dict[tuple[str, str], float]) -> None:
        self.topic = topic
        self.x = x  # one row per pair i < j, in np.triu_indices order
        self.y = y
        self.forbidden = forbidden
        self.doc_sim = doc_sim
        self.n = len(topic.mentions)
        ms = topic.mentions
        iu = np.triu_indices(self.n, 1)
        self.keys = [LemmaPairTable.key(ms[i].lemma, ms[j].lemma) for i, j in zip(*iu, strict=True)]
        counts: dict[tuple[str, str], list[int]] = {}
        for k, label in zip(self.keys, y, strict=True):
            c = counts.setdefault(k, [0, 0])
            c[0] += int(label)
            c[1] += 1
        self.counts = {k: (c[0], c[1]) for k, c in counts.items()}

    def matrix(self, table: LemmaPairTable | None, own: bool = False) -> Matrix:
        """The features with the lexicon columns read from ``table``.

        Args:
            table: Lemma pairs counted on training topics (``None``: those columns stay 0).
            own: This topic is one of ``table``'s: leave its own counts out (its rows then see
                only the other topics, as an unseen topic does).
        """
        if table is None:
            return self.x
        x = self.x.copy()
        same = x[:, _SAME]
        lex = np.array([table.values(k[0], k[1], float(s), self.counts[k] if own else (0, 0))
                        for k, s in zip(self.keys, same, strict=True)]).reshape(-1, len(LEXICON_FEATURES))
        x[:, _LEX] = lex
        return x

    def key(self) -> list[frozenset[Any]]:
        """The gold chains."""
        return chains_of(self.topic.gold)

    def square(self, p: Matrix) -> Matrix:
        """Pair probabilities (``np.triu_indices`` order) as a symmetric matrix."""
        m = np.zeros((self.n, self.n))
        iu = np.triu_indices(self.n, 1)
        m[iu] = p
        return m + m.T


def featurise(topics: Sequence[Topic], embedder: Any) -> list[TopicPairs]:
    """Features of every within-topic pair (embeddings of sentences, lemmas, triggers in context; doc TF-IDF)."""
    sentences = sorted({m.sentence for t in topics for m in t.mentions})
    lemmas = sorted({m.lemma for t in topics for m in t.mentions})
    contexts = sorted({m.context or m.sentence for t in topics for m in t.mentions})
    sent_vec = dict(zip(sentences, unit_rows(embedder.embed(sentences)), strict=True))
    lemma_vec = dict(zip(lemmas, unit_rows(embedder.embed(lemmas)), strict=True))
    context_vec = dict(zip(contexts, unit_rows(embedder.embed(contexts)), strict=True))
    idf = tfidf_idf([text for t in topics for text in t.docs.values()])
    out = []
    for topic in topics:
        ms = topic.mentions
        names = list(topic.docs)
        matrix = tfidf_cosines([topic.docs[d] for d in names], idf)
        sims = {(a, b): float(matrix[i, j]) for i, a in enumerate(names) for j, b in enumerate(names)}
        s = np.stack([sent_vec[m.sentence] for m in ms]) if ms else np.zeros((0, 1))
        tv = np.stack([lemma_vec[m.lemma] for m in ms]) if ms else np.zeros((0, 1))
        cv = np.stack([context_vec[m.context or m.sentence] for m in ms]) if ms else np.zeros((0, 1))
        scos, tcos, ccos = s @ s.T, tv @ tv.T, cv @ cv.T
        docs = sorted({m.doc for m in ms})
        doc_vec = unit_rows(np.stack([s[[k for k, m in enumerate(ms) if m.doc == d]].mean(axis=0) for d in docs])) \
            if ms else np.zeros((0, 1))
        doc_index = {d: k for k, d in enumerate(docs)}
        dcos = doc_vec @ doc_vec.T
        coph = doc_cophenetic([topic.docs[d] for d in docs]) if docs else np.zeros((0, 0))
        rows, labels = [], []
        n = len(ms)
        forbidden = np.zeros((n, n), dtype=bool)
        for i in range(n):
            for j in range(i + 1, n):
                a, b = ms[i], ms[j]
                rows.append(pair_features(a, b, float(tcos[i, j]), float(scos[i, j]), sims[a.doc, b.doc],
                                          float(dcos[doc_index[a.doc], doc_index[b.doc]]),
                                          float(coph[doc_index[a.doc], doc_index[b.doc]]), float(scos[i, j]),
                                          context_cos=float(ccos[i, j])))
                labels.append(float(topic.gold[a.id] == topic.gold[b.id]))
                if cannot_link(a, b):
                    forbidden[i, j] = forbidden[j, i] = True
        out.append(TopicPairs(topic, feature_matrix(rows), np.asarray(labels), forbidden, sims))
    return out


def _score(pairs: Sequence[TopicPairs], responses: Sequence[list[int]]) -> dict[str, float]:
    """Pooled MUC / B³ / CEAF-e / CoNLL over topics (labels made unique per topic)."""
    key: list[frozenset[Any]] = []
    response: list[frozenset[Any]] = []
    for tp, labels in zip(pairs, responses, strict=True):
        key += tp.key()
        response += chains_of({m.id: (tp.topic.name, lab) for m, lab in zip(tp.topic.mentions, labels, strict=True)})
    return {k: round(v, 4) for k, v in conll(key, response).items()}


def lemma_table(train: Sequence[TopicPairs]) -> LemmaPairTable:
    """The trigger lemma pairs of the training topics, counted (the lexicon features' table)."""
    table = LemmaPairTable()
    for tp in train:
        table.add(tp.counts)
    return table


def fit(train: Sequence[TopicPairs]) -> EventPairModel:
    """Fit the pair model on ``train`` and choose its average-link cut on the same topics.

    The lexicon features of a training topic's pairs are read with that topic's own counts left
    out, so the model learns what the table says of an unseen topic.
    """
    table = lemma_table(train)
    xs = [tp.matrix(table, own=True) for tp in train]
    x = np.vstack(xs)
    y = np.concatenate([tp.y for tp in train])
    weights, bias, mean, scale = fit_logistic(x, y, l2=L2)
    model = EventPairModel(weights, bias, mean, scale, table=table)
    merges = [merge_order(tp.square(model.predict(xt)), tp.forbidden, min(THRESHOLDS))
              for tp, xt in zip(train, xs, strict=True)]
    best = max(THRESHOLDS, key=lambda t: _score(train, [cut_merges(m, tp.n, t) for m, tp in zip(merges, train,
                                                                                                 strict=True)])
               ["conll_f1"])
    model.threshold = best
    return model


def _cluster(model: EventPairModel, tp: TopicPairs) -> list[int]:
    x = tp.matrix(model.table)
    return cut_merges(merge_order(tp.square(model.predict(x)), tp.forbidden, model.threshold), tp.n,
                      model.threshold)


def _folds(pairs: Sequence[TopicPairs], k: int) -> list[int]:
    return [i % k for i in range(len(pairs))]


def _lemma(tp: TopicPairs, doc_cluster: dict[str, int] | None = None) -> list[int]:
    keys: dict[tuple[int, str], int] = {}
    return [keys.setdefault(((doc_cluster or {}).get(m.doc, 0), m.lemma), len(keys)) for m in tp.topic.mentions]


def _doc_clusters(tp: TopicPairs, cut: float) -> dict[str, int]:
    docs = list(tp.topic.docs)
    m = np.array([[tp.doc_sim[a, b] for b in docs] for a in docs])
    labels = cut_merges(merge_order(m, None, cut), len(docs), cut)
    return dict(zip(docs, labels, strict=True))


def _cv(pairs: list[TopicPairs], k: int) -> tuple[list[list[int]], list[list[int]], list[float], list[float]]:
    folds = _folds(pairs, k)
    check_folds(folds, "eval events")
    ours: list[list[int]] = [[] for _ in pairs]
    base: list[list[int]] = [[] for _ in pairs]
    chosen, cuts = [], []
    for f in range(k):
        train = [tp for tp, g in zip(pairs, folds, strict=True) if g != f]
        model = fit(train)
        chosen.append(model.threshold)
        cut = max(DOC_CUTS, key=lambda c: _score(train, [_lemma(tp, _doc_clusters(tp, c)) for tp in train])["conll_f1"])
        cuts.append(cut)
        for i, (tp, g) in enumerate(zip(pairs, folds, strict=True)):
            if g == f:
                ours[i] = _cluster(model, tp)
                base[i] = _lemma(tp, _doc_clusters(tp, cut))
    return ours, base, chosen, cuts


def prepare(data_dir: Path, quick: bool, embedder: Any = None) -> list[TopicPairs]:
    """Read ECB+ (all topics, or the quick subset) and featurise every within-topic pair."""
    from newsprism.analysis.nlp import english

    if embedder is None:
        from newsprism.analysis.embed import get_embedder
        from newsprism.config import Config

        embedder = get_embedder(Config())
    rows = read_rows(dataset_path(data_dir, DATASET))
    if quick:
        topics = sorted({r["topic"] for r in rows}, key=lambda t: int(t) if t.isdigit() else 0)
        chosen = set(random.Random(QUICK_SEED).sample(topics, QUICK_TOPICS))
        rows = [r for r in rows if r["topic"] in chosen]
    return featurise(load_topics(rows, english()), embedder)


def run(data_dir: Path, quick: bool) -> EvalReport:
    """Score event coreference on ECB+ (see the module docstring)."""
    started = time.monotonic()
    pairs = prepare(data_dir, quick)
    ready = time.monotonic()
    notes = [f"{len(pairs)} topics, {sum(tp.n for tp in pairs)} gold event mentions, "
             f"{sum(len(tp.y) for tp in pairs)} within-topic pairs; features {ready - started:.1f} s"]
    k = min(FOLDS, len(pairs))
    ours_cv, lemma_doc, chosen, cuts = _cv(pairs, k)
    scores: dict[str, dict[str, float]] = {
        "ours_cv": _score(pairs, ours_cv),
        "lemma": _score(pairs, [_lemma(tp) for tp in pairs]),
        "lemma_doc": _score(pairs, lemma_doc),
    }
    notes.append(f"ours_cv: {k} folds over topics, average-link cuts per fold {chosen}; lemma_doc: document "
                 f"TF-IDF average-link cuts per fold {cuts}")
    try:
        shipped = EventPairModel.load()
    except Exception as err:
        notes.append(f"ours (shipped model) not scored: {err}")
    else:
        scores["ours"] = _score(pairs, [_cluster(shipped, tp) for tp in pairs])
    report = EvalReport("events", DATASET, sum(tp.n for tp in pairs), quick, scores, notes)
    report.mark(CROSS_VALIDATED, "ours_cv")
    report.mark(CROSS_VALIDATED, "lemma_doc")
    report.mark(HELD_OUT, "lemma")
    if "ours" in scores:
        report.mark(IN_SAMPLE, "ours")
    named = ", ".join(BASE_FEATURES + LEXICON_FEATURES)
    report.notes.append(f"took {time.monotonic() - started:.1f} s; features: {named} and the "
                        f"{len(QUAD_FEATURES)} products of {', '.join(QUAD_BASE)}")
    return report
