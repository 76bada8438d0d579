"""Training and cross-validating the loaded-span tagger (``analysis/_loaded_spans.py``) on PTC.

The same procedure makes the shipped ``loaded_spans.json`` (``eval/train_loaded.py --spans``, all
articles of this half) and the ``ours_cv`` row of ``newsprism eval loaded`` (5 folds of articles,
the folds of the ``induced_lexicon`` baseline). Per training set:

1. every candidate word of every article is labelled 1 when it overlaps a gold span of
   ``Loaded_Language`` or ``Name_Calling,Labeling``; BABE's sentences (``babe_sg2.jsonl``) add
   rows to every training set (never to a test fold: PTC alone is scored), a word labelled 1
   inside one of BABE's gold biased words (:func:`babe_word_rows`; their sentence scores come
   from the BABE sentence model fitted out of fold, as on unseen text). BABE's annotators mark
   the same kind of word (loaded, one-sided) and its 1,849 sentences add 35,000 words with 2,000
   positives from other outlets than PTC's, which helps more than it dilutes (numbers below);
2. the projection of neighbour embeddings is the first :data:`PROJ_DIM` principal axes of the
   training articles' candidate lemmas (no labels used);
3. the lemma-rate features of a training word come from the other four fifths of the training
   articles (an inner 5-fold split), so the regression sees them as noisy as they are on new text;
   the shipped table is counted on all training articles (lemmas seen at least twice);
4. a class-balanced L2 logistic regression (Newton, :func:`newsprism.eval.loaded.fit_logistic`),
   hand and rate features penalised ten times less than embedding dimensions, C = :data:`C`;
5. gradient-boosted trees (LightGBM, :data:`FOREST`, class-balanced, fixed seed) on the same rows
   with the word's embedding projected like its neighbours' and the sentence features; the
   sentence axes are the first :data:`SENT_DIM` principal axes of the training statements;
6. the tagger's probability is :data:`FOREST_WEIGHT` times the trees' plus the rest times the
   logistic regression's; that weight, the trees' settings and the threshold :data:`THRESHOLD`
   were chosen once on this half's cross-validation (the logistic regression alone: threshold
   0.9, F1 0.317; trees alone 0.344 at 0.7) and are fixed, not re-tuned per fold.

Measured on this half's 5-fold CV, three seeds of the trees (13 / 14 / 15): PTC rows alone
0.342 / 0.347 / 0.344 at threshold 0.7 (their best, 0.34-0.35, at 0.7-0.75); with BABE's rows
0.349 / 0.349 / 0.345 at 0.7 and 0.357 / 0.355 / 0.357 at 0.75. BABE's rows raise recall (more words
look loaded), so the threshold moved from 0.7 to 0.75 with them.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.analysis._forest import Forest, from_lightgbm
from newsprism.analysis._lexicon import Lexicon, load_lexicon
from newsprism.analysis._loaded_spans import (
    HAND,
    PROJ_DIM,
    SENT_DIM,
    Candidates,
    Sentences,
    SpanTagger,
    candidates,
    word_embedder,
)
from newsprism.errors import MissingExtraError
from newsprism.eval.common import QUICK_SEED, check_folds, dataset_path, quick_sample, read_jsonl
from newsprism.model import AnalyzedArticle, Article, LoadedHit, article_id

__all__ = ["C", "FOREST", "FOREST_WEIGHT", "THRESHOLD", "PtcSet", "WordRows", "babe_word_rows", "cv_spans",
           "fit_forest", "fit_tagger", "hit_extent", "induced_cv", "load_ptc", "ptc_folds", "ptc_gold", "read_ptc"]

PTC = "ptc/ptc_train.jsonl"
TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})
C = 0.01
THRESHOLD = 0.75
FOREST_WEIGHT = 0.7
#: LightGBM settings of the trees (seeded; ``deterministic`` makes a refit reproduce the file).
FOREST: dict[str, Any] = {
    "objective": "binary", "num_iterations": 1000, "learning_rate": 0.02, "num_leaves": 31, "min_data_in_leaf": 40,
    "bagging_fraction": 0.8, "bagging_freq": 1, "feature_fraction": 0.5, "is_unbalance": True,
    "seed": QUICK_SEED, "deterministic": True, "force_row_wise": True, "num_threads": 2, "verbose": -1,
}
FOLDS = 5
_WORD = re.compile(r"\w+")
EMBED_PENALTY = 1.0
HAND_PENALTY = 0.1


@dataclasses.dataclass(slots=True)
class WordRows:
    """Labelled candidate words of some texts: the tagger's training rows.

    Attributes:
        cands: Per text, its candidates (with embeddings and sentences).
        labels: Per text, 1.0 for each candidate inside a gold span, else 0.0.
    """

    cands: list[Candidates] = dataclasses.field(default_factory=list)
    labels: list[np.ndarray[Any, np.dtype[np.float64]]] = dataclasses.field(default_factory=list)

    def take(self, idx: Sequence[int]) -> WordRows:
        """The rows of the texts ``idx``."""
        return WordRows([self.cands[i] for i in idx], [self.labels[i] for i in idx])

    def __add__(self, other: WordRows) -> WordRows:
        return WordRows(self.cands + other.cands, self.labels + other.labels)


def _labels(doc: Any, c: Candidates, gold: Sequence[tuple[int, int]]) -> np.ndarray[Any, np.dtype[np.float64]]:
    return np.array([any(s < doc[i].idx + len(doc[i]) and doc[i].idx < e for s, e in gold) for i in c.tokens],
                    dtype=np.float64)


class PtcSet(WordRows):
    """PTC records with their analysis, parse, candidates and candidate labels."""

    def __init__(self, records: list[dict[str, Any]], aas: list[AnalyzedArticle], docs: list[Any],
                 lexicon: Lexicon) -> None:
        """Compute every article's candidates (embedding their lemmas) and labels."""
        from newsprism.analysis.loaded import find_loaded, sentence_context

        super().__init__()
        self.records, self.aas, self.docs = records, aas, docs
        embed = word_embedder().embed
        for r, aa, doc in zip(records, aas, docs, strict=True):
            text = aa.article.text
            quotes = [(q.content.start, q.content.end) for q in aa.quotes]
            sentences = sentence_context(aa, doc, find_loaded(aa, doc, lexicon, learned=False))
            c = candidates(doc, lexicon.match(doc), quotes, max(0, text.find("\n")), embed, word_embedder().dim,
                           sentences)
            self.cands.append(c)
            self.labels.append(_labels(doc, c, ptc_gold(r)))


def babe_word_rows(records: Sequence[dict[str, Any]], aas: Sequence[AnalyzedArticle], docs: Sequence[Any],
                   statement_scores: Sequence[np.ndarray[Any, np.dtype[np.float64]]], lexicon: Lexicon) -> WordRows:
    """BABE's sentences as extra training rows: a candidate is positive inside a gold biased word.

    Args:
        records: BABE records (``biased_word_spans`` hold the gold words).
        aas: Their analyses, with statement embeddings.
        docs: Their parses.
        statement_scores: Per record, the sentence model's probability for each statement,
            **out of fold** (a model fitted on the record itself would hand the trees a score
            that is never that sure on new text).
        lexicon: The lexicon whose matches become hand features.
    """
    embed = word_embedder()
    out = WordRows()
    for r, aa, doc, scores in zip(records, aas, docs, statement_scores, strict=True):
        sentences = None
        if aa.statements and aa.embeddings is not None:
            sentences = Sentences([st.span.start for st in aa.statements], np.asarray(aa.embeddings, dtype=np.float64),
                                  np.asarray(scores, dtype=np.float64))
        quotes = [(q.content.start, q.content.end) for q in aa.quotes]
        c = candidates(doc, lexicon.match(doc), quotes, 0, embed.embed, embed.dim, sentences)
        gold = [(g["start"], g["end"]) for g in r.get("biased_word_spans") or []
                if g.get("start") is not None and g.get("end") is not None]
        out.cands.append(c)
        out.labels.append(_labels(doc, c, gold))
    return out


def ptc_gold(record: dict[str, Any]) -> list[tuple[int, int]]:
    """The gold spans of the two techniques in a PTC record."""
    return [(s["start"], s["end"]) for s in record.get("propaganda_spans") or [] if s.get("technique") in TECHNIQUES]


def ptc_folds(n: int, seed: int = QUICK_SEED) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Fold 0..4 per article, shuffled with ``seed`` (the induced-lexicon baseline's folds)."""
    folds = np.arange(n) % FOLDS
    np.random.default_rng(seed).shuffle(folds)
    return folds


def read_ptc(data_dir: Path, quick: bool, quick_n: int = 40
             ) -> tuple[list[dict[str, Any]], list[AnalyzedArticle], list[Any]]:
    """Read PTC (the seeded subset of ``quick_n`` articles if ``quick``), analyse and parse every article."""
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.analysis.nlp import english

    records = [r for r in read_jsonl(dataset_path(data_dir, PTC)) if r.get("text")]
    if quick:
        records = quick_sample(records, quick_n)
    arts = [Article(article_id(r["text"]), r["text"], language="en", origin=str(r.get("id"))) for r in records]
    # Statement embeddings: the trees read them. The detector runs below on these parses
    # (find_loaded, exactly what the analysis runs), so the analysis does not run it too.
    aas = analyze_articles(arts, AnalyzeOptions(loaded=False))
    docs = list(english().pipe([a.text for a in arts], batch_size=8))
    return records, aas, docs


def load_ptc(data_dir: Path, quick: bool, quick_n: int = 40) -> PtcSet:
    """Read PTC, analyse every article, parse it and compute its candidates (the tagger's training rows)."""
    return PtcSet(*read_ptc(data_dir, quick, quick_n), load_lexicon("en"))


def _rates(ps: WordRows, idx: Iterable[int]) -> dict[str, tuple[float, float]]:
    inside: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for i in idx:
        for w, y in zip(ps.cands[i].lemmas, ps.labels[i], strict=True):
            seen[w] += 1
            inside[w] += int(y)
    return {w: (float(inside[w]), float(n)) for w, n in seen.items() if n >= 2}


def fit_tagger(data: WordRows, idx: Sequence[int], meta: dict[str, Any] | None = None,
               extra: WordRows | None = None) -> SpanTagger:
    """Fit the tagger on the texts ``idx`` of ``data`` and all of ``extra`` (the module docstring's procedure)."""
    from newsprism.eval.loaded import fit_logistic

    ps = data.take([int(i) for i in idx]) + (extra or WordRows())
    n = len(ps.cands)
    words = np.vstack([c.words[:, 0] for c in ps.cands])
    lemmas = [w for c in ps.cands for w in c.lemmas]
    first = {w: k for k, w in enumerate(lemmas)}
    unique = words[sorted(first.values())]
    proj_mean = unique.mean(0)
    _, _, vt = np.linalg.svd(unique - proj_mean, full_matrices=False)
    statements = np.vstack([c.sentences.vectors for c in ps.cands if c.sentences is not None])
    sent_mean = statements.mean(0)
    _, _, svt = np.linalg.svd(statements - sent_mean, full_matrices=False)
    y = np.concatenate(ps.labels)
    base = float(y.mean())
    blank = SpanTagger(np.zeros(0), 0.0, np.zeros(0), np.zeros(0), THRESHOLD, proj_mean, vt[:PROJ_DIM], {}, base, {},
                       sent_mean=sent_mean, sent_proj=svt[:SENT_DIM])
    inner = np.arange(n) % FOLDS
    rows: list[np.ndarray[Any, np.dtype[np.float64]]] = [np.zeros(0)] * n
    tree_rows: list[np.ndarray[Any, np.dtype[np.float64]]] = [np.zeros(0)] * n
    for k in range(FOLDS):
        held = dataclasses.replace(blank, rates=_rates(ps, np.flatnonzero(inner != k)))
        for i in map(int, np.flatnonzero(inner == k)):
            rows[i] = held.features(ps.cands[i])
            tree_rows[i] = held.forest_features(ps.cands[i], held.projected_words(ps.cands[i]))
    x = np.vstack(rows)
    mean, scale = x.mean(0), x.std(0)
    scale[scale < 1e-9] = 1.0
    dim = words.shape[1]
    penalty = np.array([EMBED_PENALTY] * dim + [HAND_PENALTY] * (len(HAND) + 2) + [EMBED_PENALTY] * 3 * PROJ_DIM)
    w = fit_logistic((x - mean) / scale, y, C, penalty=penalty, iters=30)
    forest = fit_forest(np.vstack(tree_rows), y)
    return dataclasses.replace(blank, weights=w[:-1], bias=float(w[-1]), mean=mean, scale=scale,
                               rates=_rates(ps, range(n)), meta=meta or {}, forest=forest, forest_weight=FOREST_WEIGHT)


def fit_forest(x: np.ndarray[Any, np.dtype[np.float64]], y: np.ndarray[Any, np.dtype[np.float64]]) -> Forest:
    """Fit the gradient-boosted trees (:data:`FOREST`) and flatten them for numpy.

    Raises:
        MissingExtraError: When LightGBM, a training-only dependency, is not installed.
    """
    try:
        import lightgbm
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingExtraError("fitting the loaded-span tagger", "train") from exc
    booster = lightgbm.train(FOREST, lightgbm.Dataset(x, label=y.astype(int)))
    return from_lightgbm(booster.dump_model())


def hit_extent(hit: LoadedHit) -> tuple[int, int]:
    """The characters a hit claims for PTC's span measure: its phrase, else its words."""
    span = hit.phrase or hit.span
    return span.start, span.end


def cv_spans(ps: PtcSet, categories: frozenset[str], extra: WordRows | None = None) -> list[list[tuple[int, int]]]:
    """Each article's predicted spans from ``find_loaded`` with a tagger fitted on the other folds.

    The whole training procedure (:func:`fit_tagger`) runs once per fold of :func:`ptc_folds`,
    with the rows of ``extra`` (BABE's) in every fold's training set; only hits in ``categories``
    count. This is ``ours_cv`` of ``newsprism eval loaded`` and the CV
    score that ``eval/train_loaded.py --spans`` records.

    Raises:
        UsageError: The articles fall in fewer than two folds (a fold would be fitted on itself).
    """
    from newsprism.analysis.loaded import find_loaded

    folds = ptc_folds(len(ps.records))
    check_folds(folds, "PTC span tagger")
    out: list[list[tuple[int, int]]] = [[] for _ in ps.records]
    for k in range(FOLDS):
        tagger = fit_tagger(ps, np.flatnonzero(folds != k).tolist(), extra=extra)
        for i in map(int, np.flatnonzero(folds == k)):
            found = find_loaded(ps.aas[i], ps.docs[i], tagger=tagger)
            out[i] = [hit_extent(h) for h in found if h.category in categories]
    return out


def induced_cv(records: Sequence[dict[str, Any]]) -> list[list[tuple[int, int]]]:
    """The ``induced_lexicon`` baseline's predicted spans per record (see ``newsprism.eval.loaded``).

    Raises:
        UsageError: The records fall in fewer than two folds.
    """
    folds = ptc_folds(len(records))
    check_folds(folds, "PTC induced-lexicon baseline")
    words = [[(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(r["text"])] for r in records]
    out: list[list[tuple[int, int]]] = [[] for _ in records]
    for k in range(FOLDS):
        inside, seen = Counter[str](), Counter[str]()
        for i in map(int, np.flatnonzero(folds != k)):
            gold = ptc_gold(records[i])
            for s, _, w in words[i]:
                seen[w] += 1
                inside[w] += any(gs <= s < ge for gs, ge in gold)
        # Words inside a gold span in at least half of their occurrences in the training folds.
        lexicon = {w for w, n in inside.items() if n and n >= 0.5 * seen[w]}
        for i in map(int, np.flatnonzero(folds == k)):
            for s, e, w in words[i]:
                if w not in lexicon:
                    continue
                if out[i] and records[i]["text"][out[i][-1][1] : s].isspace():
                    out[i][-1] = (out[i][-1][0], e)  # a run of lexicon words is one span
                else:
                    out[i].append((s, e))
    return out
