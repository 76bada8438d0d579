"""The WMT part of ``newsprism eval align``: held-out English/Russian "one fact" decisions.

See :mod:`newsprism.eval.align` (its **WMT** paragraph) for what is scored and why it is held out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.errors import UsageError
from newsprism.eval.align_fit import prf
from newsprism.eval.common import dataset_path, quick_sample, read_jsonl

__all__ = ["QUICK_WMT", "WMT", "score_wmt", "wmt_fitted_segments", "wmt_pairs"]

WMT = "wmt_enru/newstest2017_enru.jsonl"
QUICK_WMT = 100


def wmt_fitted_segments(provenance: Mapping[str, Any]) -> int:
    """How many leading WMT segments the pair model was fitted on, from its provenance.

    Raises:
        UsageError: The provenance does not say (the held-out rows would not be known to be held out).
    """
    for item in provenance.get("datasets", []):
        found = re.search(r"first (\d+) segments", str(item.get("split", "")))
        if item.get("file") == WMT and found:
            return int(found.group(1))
    raise UsageError(f"pair_model.json provenance does not say which {WMT} segments it used")


def wmt_pairs(path: Path, skip: int, quick: bool) -> tuple[list[str], list[str], npt.NDArray[np.int64]]:
    """English/Russian pairs of the WMT segments after the first ``skip``: a translation, then a neighbour.

    Args:
        path: ``newstest2017_enru.jsonl`` (``{id, en, ru}`` a line, in document order).
        skip: Leading segments to leave out (those the pair model saw).
        quick: Keep the fixed, seeded subset of :data:`QUICK_WMT` segments.

    Returns:
        ``(english, russian, gold)``: two pairs per segment, positive (its translation) then
        negative (the next segment's Russian text).
    """
    rows = [r for r in read_jsonl(path) if r.get("en") and r.get("ru")][skip:]
    idx = list(range(len(rows) - 1))
    if quick:
        idx = quick_sample(idx, QUICK_WMT)
    en = [rows[i]["en"] for i in idx for _ in (0, 1)]
    ru = [rows[i + d]["ru"] for i in idx for d in (0, 1)]
    return en, ru, np.array([1, 0] * len(idx), dtype=np.int64)


def score_wmt(data_dir: Path, quick: bool, provenance: Mapping[str, Any], embedder: Any
               ) -> tuple[dict[str, float], str]:
    """Held-out precision / recall / F1 of cross-language "one fact" decisions on WMT."""
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.comparison.align import align_statements
    from newsprism.model import Article, article_id

    skip = wmt_fitted_segments(provenance)
    en, ru, y = wmt_pairs(dataset_path(data_dir, WMT), skip, quick)
    texts = {("en", t) for t in en} | {("ru", t) for t in ru}
    ordered = sorted(texts)
    arts = [Article(article_id(t), t, language=lang, origin=f"wmt {lang} {k}") for k, (lang, t) in enumerate(ordered)]
    found = analyze_articles(arts, AnalyzeOptions(embedder=embedder, loaded=False))  # no loaded words read
    analysed = dict(zip(ordered, found, strict=True))
    pred = np.array([bool(align_statements([analysed[("en", a)], analysed[("ru", b)]], ()))
                     for a, b in zip(en, ru, strict=True)])
    prec, rec, f1, _ = prf(pred, y)
    note = (f"wmt: {len(y)} en-ru pairs ({int(y.sum())} translations, the rest the next segment's Russian text) "
            f"from segments after the first {skip}, which the pair model never saw")
    return {"wmt_precision": prec, "wmt_recall": rec, "wmt_f1": f1}, note
