"""Fitting and replaying the statement-alignment pair model.

Used by ``newsprism.eval.align`` and ``eval/train_align.py``.

Heads (see :class:`~newsprism.comparison.pairs.PairModel`):

- ``equivalent``: MSRP, threshold for accuracy; the story-contextual features are not used
  (MSRP pairs have no story; their weights are 0).
- ``aligned``: ECB+ pairs that have a story context (all features but the article affinity);
  ``same_event``: the same pairs with every feature; with a context "one fact" is
  ``min(aligned, same_event)``, and ``aligned.min_score_f1`` is the F1-optimal cut of that
  minimum. ``aligned_plain``: all ECB+ pairs without the contextual features. Their thresholds
  follow :data:`COMPARE_RULE` (precision-first); each head also records ``min_score_f1``, the
  F1-optimal cut on the shipped probability scale, so the eval can report F1 at its own optimum.
- cosine-only fallbacks of both questions, with the same rules.

ECB+ **story context** of a pair: the statements of its two documents, each analysed as a whole
article, exactly as ``compare`` sees two articles of a story. Not the sub-topic and not the topic:
ECB+ candidate pairs span both events of a topic, and a context built from the gold sub-topic
would differ between positives (nearly all within one sub-topic) and distractors (across the two),
handing the model the label; the two documents are what ``align_statements`` would be given, and
their context does not depend on the gold.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism._logistic import sigmoid
from newsprism.eval.common import check_folds

__all__ = [
    "COMPARE_RULE", "FOLDS", "PairSet", "Table", "absence_blocked", "best_threshold", "cv_decisions", "cv_predict",
    "fit_logistic", "prf", "probabilities", "scores_of", "train_model",
]

FOLDS = 5
# The rule for the compare default of "one fact": the lowest cut whose precision on the training
# folds reaches 0.80 (a false alignment is a false corroboration; see pair_model.json provenance).
COMPARE_RULE = "p0.80"

Vector = npt.NDArray[np.float64]


@dataclass(slots=True)
class PairSet:
    """Sentence pairs with gold labels and the fold each pair is scored in.

    Attributes:
        name: "msrp" or "ecb".
        a: First sentence of each pair.
        b: Second sentence of each pair.
        y: Gold labels (1 = paraphrase / same event).
        folds: Cross-validation fold of each pair (0..FOLDS-1).
        docs: Per pair, the ids of the documents of its two sentences (ECB+ only).
        doc_text: Document id -> text (ECB+ only), the pairs' story context.
        doc_story: Document id -> the gold story (ECB+ sub-topic: one event) it reports.
    """

    name: str
    a: list[str]
    b: list[str]
    y: npt.NDArray[np.int64]
    folds: npt.NDArray[np.int64]
    docs: list[tuple[str, str]] = field(default_factory=list)
    doc_text: dict[str, str] = field(default_factory=dict)
    doc_story: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Table:
    """The features of one pair set, ready for fitting and scoring.

    Attributes:
        pairs: The pairs.
        x: ``(n, len(FEATURES))`` features (contextual ones 0 where there is no context).
        cos: Statement-pair cosine.
        ok: Whether the full feature set applies (else the cosine-only fallback).
        ctx: Whether the pair has a story context (contextual features are set).
    """

    pairs: PairSet
    x: Vector
    cos: Vector
    ok: npt.NDArray[np.bool_]
    ctx: npt.NDArray[np.bool_]


def prf(pred: npt.NDArray[Any], y: npt.NDArray[Any]) -> tuple[float, float, float, float]:
    """Precision, recall, F1 and F0.5 of the positive class."""
    p, g = np.asarray(pred).astype(bool), np.asarray(y).astype(bool)
    tp = float(np.sum(p & g))
    prec = tp / p.sum() if p.sum() else 0.0
    rec = tp / g.sum() if g.sum() else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    f05 = 1.25 * prec * rec / (0.25 * prec + rec) if prec + rec else 0.0
    return round(prec, 4), round(rec, 4), round(f1, 4), round(f05, 4)


def scores_of(pred: npt.NDArray[Any], y: npt.NDArray[Any]) -> tuple[float, float]:
    """Accuracy and F1 of the positive class."""
    p, g = np.asarray(pred).astype(bool), np.asarray(y).astype(bool)
    return round(float(np.mean(p == g)), 4), prf(p, g)[2]


def cv_predict(folds: npt.NDArray[np.int64], y: npt.NDArray[np.int64],
               fit: Callable[[npt.NDArray[np.bool_]], Callable[[npt.NDArray[np.bool_]], npt.NDArray[np.bool_]]]
               ) -> npt.NDArray[np.bool_]:
    """Cross-validated predictions: for each fold, fit on the others and predict it.

    Args:
        folds: Fold of each item.
        y: Gold labels (only to size the output).
        fit: Given a mask of training items, returns a predictor that, given a mask of test
            items, returns their predicted labels.

    Returns:
        One prediction per item, each made by a model that never saw it.

    Raises:
        UsageError: Fewer than two folds hold items (a fold would be fitted on itself).
    """
    check_folds(folds, "pair thresholds")
    pred = np.zeros(len(y), dtype=bool)
    for f in range(FOLDS):
        test = folds == f
        if test.any():
            pred[test] = fit(~test)(test)
    return pred


def fit_logistic(x: Vector, y: npt.NDArray[Any], l2: float = 1.0,
                 signs: Sequence[int] | None = None) -> tuple[Vector, float]:
    """L2-regularised logistic regression by Newton's method, on standardised features.

    Args:
        x: ``(n, k)`` features.
        y: ``(n,)`` 0/1 labels.
        l2: Ridge penalty on the standardised weights (not on the intercept).
        signs: Per feature, +1 / -1 to force a weight to be >= 0 / <= 0, 0 for free. A weight
            fitted with the wrong sign is fixed at 0 and the rest refitted (active set).

    Returns:
        ``(weights, bias)`` on the raw (unstandardised) features.
    """
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    z_all = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    sign = np.r_[np.zeros(x.shape[1]) if signs is None else np.asarray(signs, float), 0.0]
    active = np.ones(z_all.shape[1], dtype=bool)
    while True:
        z = z_all[:, active]
        beta = np.zeros(z.shape[1])
        ridge = l2 * np.eye(z.shape[1])
        ridge[-1, -1] = 0.0
        for _ in range(100):
            p = sigmoid(z @ beta)
            step = np.linalg.solve(z.T @ (z * (p * (1 - p))[:, None]) + ridge, z.T @ (p - y) + ridge @ beta)
            beta -= step
            if np.abs(step).max() < 1e-9:
                break
        full = np.zeros(z_all.shape[1])
        full[active] = beta
        wrong = np.flatnonzero(full * sign < 0)
        if not len(wrong):
            break
        active[wrong[np.argmin(full[wrong] * sign[wrong])]] = False  # drop the worst, refit
    w = full[:-1] / sd
    return w, float(full[-1] - np.sum(full[:-1] * mu / sd))


def best_threshold(scores: Vector, y: npt.NDArray[Any], metric: str) -> float:
    """The cut-off on ``scores`` chosen by ``metric`` on ``(scores, y)``.

    ``"acc"``: max accuracy; ``"f1"``: max F1; ``"f0.5"``: max F0.5; ``"p0.80"`` (any ``p`` + a
    number): the lowest cut whose precision is at least that number (the highest score if none).
    Cuts lie half-way between consecutive distinct scores; ties go to the higher cut.
    """
    order = np.argsort(-scores, kind="stable")
    ss, yy = scores[order], np.asarray(y)[order]
    tp = np.cumsum(yy)
    k = np.arange(1, len(ss) + 1)
    pos, n = float(yy.sum()), len(yy)
    if metric == "acc":
        value = (tp + (n - pos) - (k - tp)) / n
    elif metric.startswith("p"):
        value = np.where(tp / k >= float(metric[1:]), k.astype(float), -0.5)
    else:
        beta2 = 1.0 if metric == "f1" else float(metric[1:]) ** 2
        value = (1 + beta2) * tp / (k + beta2 * pos)
    value = np.where(np.r_[ss[:-1] != ss[1:], True], value, -1.0)
    i = int(np.argmax(value))
    if (metric == "acc" and (n - pos) / n > value[i]) or value[i] < 0:  # predicting nothing positive is better
        return float(ss[0] + 1e-9)
    return float((ss[i] + ss[i + 1]) / 2) if i + 1 < len(ss) else float(ss[i] - 1e-9)


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _head(x: Vector, y: npt.NDArray[Any], metric: str, use: npt.NDArray[np.bool_] | None = None) -> dict[str, Any]:
    """Fit one head and fold its threshold into the bias (0.5 = the decision boundary).

    ``use`` masks the feature columns the head may use (the others get weight 0). Heads whose
    rule is not ``"acc"`` also record ``min_score_f1``: the F1-optimal cut on the shipped scale.
    """
    from newsprism.comparison.pairs import FEATURE_SIGNS, FEATURES

    cols = np.ones(x.shape[1], bool) if use is None else use
    names = FEATURES if x.shape[1] == len(FEATURES) else ("cosine",)
    signs = [FEATURE_SIGNS.get(f, 0) for f, u in zip(names, cols, strict=True) if u]
    w_used, b = fit_logistic(x[:, cols], y, signs=signs)
    w = np.zeros(x.shape[1])
    w[cols] = w_used
    p = sigmoid(x @ w + b)
    t = best_threshold(p, y, metric)
    out = {"weights": [round(float(v), 6) for v in w], "bias": round(b - _logit(t), 6), "threshold": round(t, 6)}
    if metric != "acc":
        t1 = best_threshold(p, y, "f1")
        out["min_score_f1"] = round(1.0 / (1.0 + math.exp(-(_logit(t1) - _logit(t)))), 6)
    return out


def train_model(msrp: Table, ecb: Table, m_mask: npt.NDArray[np.bool_] | None = None,
                e_mask: npt.NDArray[np.bool_] | None = None, rule: str = COMPARE_RULE) -> dict[str, Any]:
    """Fit the pair model: ``equivalent`` on MSRP (accuracy), ``aligned``/``aligned_plain`` on ECB+ (``rule``).

    Args:
        msrp: MSRP features.
        ecb: ECB+ features.
        m_mask: MSRP pairs to train on (default all).
        e_mask: ECB+ pairs to train on (default all).
        rule: Threshold rule of the "one fact" heads (see :func:`best_threshold`).

    Returns:
        The JSON body of ``pair_model.json`` without provenance: features, heads, fallbacks
        (cosine-only) and the cosine floor.
    """
    from newsprism.comparison.pairs import FEATURES, Head
    from newsprism.comparison.salience import AFFINITY_FEATURES, CONTEXT_FEATURES

    plain = np.array([f not in CONTEXT_FEATURES for f in FEATURES])
    no_affinity = np.array([f not in AFFINITY_FEATURES for f in FEATURES])
    m = (np.ones(len(msrp.cos), bool) if m_mask is None else m_mask) & msrp.ok
    e = (np.ones(len(ecb.cos), bool) if e_mask is None else e_mask) & ecb.ok
    ec = e & ecb.ctx
    heads = {"equivalent": _head(msrp.x[m], msrp.pairs.y[m], "acc", plain),
             "aligned_plain": _head(ecb.x[e], ecb.pairs.y[e], rule, plain)}
    if ec.any():
        # Each head gets the precision-first cut on its own. Choosing aligned's cut on the pairs
        # the veto passes instead (so that the rule bound the conjunction) hands the decision to
        # same_event: ECB+ pairs it passes already reach the precision, so aligned's cut falls to
        # nothing, and inside one story (where same_event passes nearly every pair) any two
        # statements sharing the story's names would align. ECB+ cannot calibrate that case,
        # so the stricter conjunction stands (its ECB+ precision is in pair_model.json).
        heads["aligned"] = _head(ecb.x[ec], ecb.pairs.y[ec], rule, no_affinity)
        heads["same_event"] = _head(ecb.x[ec], ecb.pairs.y[ec], rule)
        # The F1-optimal cut of the conjunction min(aligned, same_event), on its own scale.
        z = ecb.x[ec]
        aligned, event = (Head(tuple(heads[k]["weights"]), float(heads[k]["bias"])) for k in ("aligned", "same_event"))
        both = np.minimum(aligned(z), event(z))
        heads["aligned"]["min_score_f1"] = round(best_threshold(both, ecb.pairs.y[ec], "f1"), 6)
    else:
        heads["aligned"] = dict(heads["aligned_plain"])
        heads["same_event"] = dict(heads["aligned_plain"])
    fallback: dict[str, Any] = {
        "equivalent": _head(msrp.cos[m][:, None], msrp.pairs.y[m], "acc"),
        "aligned": _head(ecb.cos[e][:, None], ecb.pairs.y[e], rule),
        "cross_language_gap": 0.0,
    }
    # Lowest cosine at which a head can still reach 0.5 (the compare default), with every other
    # feature at its most favourable value seen in training.
    both = np.vstack([msrp.x[m], ecb.x[e]])
    lo, hi = both.min(axis=0), both.max(axis=0)
    floors = []
    for head in (*heads.values(), fallback["equivalent"], fallback["aligned"]):
        w = np.asarray(head["weights"])
        if w[0] <= 0:
            floors.append(-1.0)
            continue
        best_rest = sum(max(w[k] * lo[k], w[k] * hi[k]) for k in range(1, len(w)))
        floors.append(-(head["bias"] + best_rest) / w[0])
    return {"features": list(FEATURES), "heads": heads, "fallback": fallback,
            "cosine_floor": round(max(-1.0, min(floors)) - 0.01, 4)}


def probabilities(model: Any, table: Table, body: dict[str, Any] | None = None
                  ) -> tuple[Vector, Vector, Vector]:
    """Replay the pair model on precomputed features, as align_statements scores a pair.

    Args:
        model: A :class:`~newsprism.comparison.pairs.PairModel`.
        table: The pairs' features.
        body: The model's JSON body, for each "one fact" head's ``min_score_f1`` (default 0.5).

    Returns:
        ``(p_equivalent, p_aligned, f1_cut)``: both heads' probabilities and, per pair, the
        F1-optimal cut of the "one fact" head that scored it.
    """
    c = table.cos[:, None]
    full_al, full_eq = model.full_scores(table.x, table.ctx)
    p_eq = np.where(table.ok, full_eq, model.fallback_equivalent(c))
    p_al = np.where(table.ok, full_al, model.fallback_aligned(c))
    cut = {"aligned": 0.5, "aligned_plain": 0.5, "fallback": 0.5}
    if body is not None:
        cut = {"aligned": body["heads"]["aligned"].get("min_score_f1", 0.5),
               "aligned_plain": body["heads"]["aligned_plain"].get("min_score_f1", 0.5),
               "fallback": body["fallback"]["aligned"].get("min_score_f1", 0.5)}
    f1_cut = np.where(table.ok, np.where(table.ctx, cut["aligned"], cut["aligned_plain"]), cut["fallback"])
    return p_eq, p_al, f1_cut


def absence_blocked(model: Any, table: Table, body: dict[str, Any] | None = None) -> npt.NDArray[np.bool_]:
    """Per pair, whether it keeps its sentences from a "no counterpart there" claim, as coverage judges it.

    A pair blocks the claim when it is aligned or possible (the "one fact" head's F1-optimal cut,
    or ``equivalent`` at 0.5); when the ``aligned`` head alone reaches that cut and only the
    ``same_event`` veto keeps it under (``StoryAlignment.vetoed``: the veto says the documents may
    report different events, no evidence that either leaves the fact out); and when it has no
    story context (``compare`` claims no absence in a story without one: ``Coverage.judged``).

    Args:
        model: A :class:`~newsprism.comparison.pairs.PairModel`.
        table: The pairs' features.
        body: The model's JSON body (for the cuts, as :func:`probabilities`).

    Returns:
        One boolean per pair.
    """
    p_eq, p_al, cut = probabilities(model, table, body)
    unvetoed = np.where(table.ok & table.ctx, model.aligned(table.x), p_al)
    return np.asarray((p_al >= cut) | (p_eq >= 0.5) | (unvetoed >= cut) | ~table.ctx, dtype=bool)


def cv_decisions(msrp: Table, ecb: Table, rule: str = COMPARE_RULE) -> dict[str, npt.NDArray[np.bool_]]:
    """Cross-validated decisions: fold ``f`` of both sets is decided by a model fitted on the rest.

    Returns:
        ``msrp`` (same/paraphrase), ``msrp_with_partial`` (any alignment), ``ecb`` (any
        alignment at the compare default, 0.5), ``ecb_f1`` (any alignment at the "one fact"
        heads' F1-optimal cuts) and ``ecb_absence`` (:func:`absence_blocked`) decisions, each
        made by a model that never saw the pair.

    Raises:
        UsageError: MSRP or ECB+ pairs fall in fewer than two folds (e.g. one ECB+ topic): some
            fold would be scored by a model fitted on it.
    """
    from newsprism.comparison.pairs import PairModel

    check_folds(msrp.pairs.folds, "pair model on MSRP")
    check_folds(ecb.pairs.folds, "pair model on ECB+ (folds are topics)")
    out = {k: np.zeros(n, dtype=bool) for k, n in
           (("msrp", len(msrp.cos)), ("msrp_with_partial", len(msrp.cos)), ("ecb", len(ecb.cos)),
            ("ecb_f1", len(ecb.cos)), ("ecb_absence", len(ecb.cos)))}
    for f in range(FOLDS):
        tm, te = msrp.pairs.folds == f, ecb.pairs.folds == f
        body = train_model(msrp, ecb, ~tm, ~te, rule)
        model = PairModel.from_dict(body)
        mq, ma, _ = probabilities(model, msrp)
        eq, ea, cut = probabilities(model, ecb, body)
        out["msrp"][tm], out["msrp_with_partial"][tm] = mq[tm] >= 0.5, np.maximum(ma, mq)[tm] >= 0.5
        out["ecb"][te] = np.maximum(ea, eq)[te] >= 0.5
        out["ecb_f1"][te] = ((ea >= cut) | (eq >= 0.5))[te]
        out["ecb_absence"][te] = absence_blocked(model, ecb, body)[te]
    return out
