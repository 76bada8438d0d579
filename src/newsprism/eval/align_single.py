"""Scoring "no counterpart in that document" claims on ECB+, as ``newsprism eval align`` reports them.

See :mod:`newsprism.eval.align` (the ``ecb_single_source_*`` rows).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping

import numpy as np
import numpy.typing as npt

from newsprism.eval.align_fit import PairSet
from newsprism.model import AnalyzedArticle

__all__ = ["echoes_of", "single_source_claims"]

Vector = npt.NDArray[np.float64]


def single_source_claims(pairs: PairSet, linked: npt.NDArray[np.bool_], echoed: npt.NDArray[np.bool_] | None = None,
                         listable: Callable[[str], bool] | None = None) -> tuple[float, float, int]:
    """How right "this sentence has no counterpart in that document" is, inside one story.

    For every annotated sentence and every other document of its ECB+ sub-topic (one event, as
    in a ``compare`` story), the claim is made when none of the sentence's pairs with that
    document is ``linked`` (aligned, or possible); it is true when none of them is gold
    positive (a shared event chain).

    Args:
        pairs: The ECB+ pairs.
        linked: Per pair, whether it is aligned or possible.
        echoed: Per pair, ``(first echoed in second, second echoed in first)`` (:func:`echoes_of`):
            no claim either, as compare's coverage makes none for a statement another outlet's
            sentence may tell in other words (``None``: echoes not considered).
        listable: Whether compare would list a sentence as single-source at all (it tells a fact);
            sentences it would not are left out of claims and absences alike (``None``: all).

    Returns:
        ``(precision, recall, claims)``: the share of claims that are true, the share of true
        absences claimed, and the number of claims.
    """
    claimed: dict[tuple[str, str, str], bool] = defaultdict(lambda: True)
    absent: dict[tuple[str, str, str], bool] = defaultdict(lambda: True)
    for k, (a, b, (da, db)) in enumerate(zip(pairs.a, pairs.b, pairs.docs, strict=True)):
        if pairs.doc_story.get(da) != pairs.doc_story.get(db):
            continue
        for side, key in enumerate(((da, a, db), (db, b, da))):
            claimed[key] &= not (bool(linked[k]) or (echoed is not None and bool(echoed[k, side])))
            absent[key] &= not bool(pairs.y[k])
    if listable is not None:
        claimed = defaultdict(lambda: True, {key: c for key, c in claimed.items() if listable(key[1])})
        absent = defaultdict(lambda: True, {key: v for key, v in absent.items() if listable(key[1])})
    claims = [key for key, c in claimed.items() if c]
    true_claims = sum(absent[key] for key in claims)
    n_absent = sum(absent.values())
    return (round(true_claims / len(claims), 4) if claims else 0.0,
            round(true_claims / n_absent, 4) if n_absent else 0.0, len(claims))


def echoes_of(pairs: PairSet, analysed: Mapping[str, AnalyzedArticle], cosines: Vector) -> npt.NDArray[np.bool_]:
    """Per pair, whether each sentence may be told by the other as compare's coverage judges it.

    A statement is held possibly told elsewhere (marked ``~``, never single-source) when a
    sentence of another outlet holds half of its content words, or is within
    :data:`~newsprism.comparison.coverage.ECHO_COSINE` of it (:func:`~newsprism.comparison.coverage.echoes`).

    Args:
        pairs: The pairs.
        analysed: Text -> its analysis.
        cosines: The pair's statement cosine (as :func:`featurise` computes it).

    Returns:
        ``(n, 2)`` booleans: the first sentence echoed in the second, the second in the first.
    """
    from newsprism.comparison.coverage import ECHO_COSINE, content_terms, echoes

    words = {t: [(st.id, content_terms(st)) for st in analysed[t].statements] for t in {*pairs.a, *pairs.b}}
    out = np.zeros((len(pairs.a), 2), dtype=bool)
    for k, (a, b) in enumerate(zip(pairs.a, pairs.b, strict=True)):
        near = bool(cosines[k] >= ECHO_COSINE)
        out[k, 0] = near or any(echoes(st, words[b]) for st in analysed[a].statements)
        out[k, 1] = near or any(echoes(st, words[a]) for st in analysed[b].statements)
    return out
