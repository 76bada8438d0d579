"""ECB+ fact links per claim-scoring method and cut, in one run: the ``facts`` row of ``eval align`` alone.

    python eval/fact_links.py [--data DIR] [--quick] [--methods frame,events,mix]

The ``facts`` row of ``newsprism eval align`` (full run: 25 CPU-minutes, most of it refitting
the statement model per fold) measures one method; this script analyses only the ECB+
documents (topics 1-35, every sub-topic compared as one story, as ``eval align`` does) and
prints, per method (:data:`newsprism.comparison.facts.FACT_METHODS`) and average-link cut,
precision and recall of the strict sentence pairs that facts link, then the cut chosen per fold
on the other folds (highest recall at precision >= 0.85, else the best precision) and what
that cross-validated choice scores. The statement and event pair models under it are the
shipped ones, both fitted on ECB+ 1-35: in-sample in that part.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from newsprism.analysis.embed import get_embedder
from newsprism.config import Config
from newsprism.eval.align import ECB, analyse_texts, ecb_pairs
from newsprism.eval.align_facts import fact_links, facts_cv
from newsprism.eval.align_fit import prf
from newsprism.eval.common import dataset_path

ROOT = Path(__file__).resolve().parents[1]
CUTS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def _pr(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, int]:
    """Precision, recall (:func:`newsprism.eval.align_fit.prf`) and the number of pairs linked."""
    p, r, _, _ = prf(pred, y)
    return p, r, int(np.sum(pred))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--quick", action="store_true", help="the quick ECB+ subset of eval align")
    parser.add_argument("--methods", default="frame,events,mix")
    args = parser.parse_args()
    started = time.perf_counter()
    pairs = ecb_pairs(dataset_path(Path(args.data), ECB), args.quick)
    embedder = get_embedder(Config())
    analysed = analyse_texts(list(dict.fromkeys(pairs.doc_text.values())), embedder)
    print(f"ECB+ strict pairs {len(pairs.y)} ({int(pairs.y.sum())} positive), {len(analysed)} documents, "
          f"analysed in {time.perf_counter() - started:.0f} s")
    print("| method | cut | precision | recall | linked |\n|---|---|---|---|---|")
    for method in args.methods.split(","):
        t0 = time.perf_counter()
        decisions = fact_links(pairs, analysed, CUTS, method, embedder)
        for cut, pred in decisions.items():
            p, r, n = _pr(pred, pairs.y)
            print(f"| {method} | {cut} | {p:.3f} | {r:.3f} | {n} |")
        pred, chosen = facts_cv(pairs, decisions)
        p, r, n = _pr(pred, pairs.y)
        print(f"| {method} | cv {chosen} | {p:.3f} | {r:.3f} | {n} |  ({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
