"""Average-link agglomerative clustering over a pair-score matrix, with cannot-links.

The merge order is computed once and cut at any threshold (:func:`cut_merges`), so the eval can
choose a cut without re-clustering; :func:`cophenetic` gives the height at which each pair joins.
Part of :mod:`newsprism.comparison.events` (re-exported there).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["average_link", "cophenetic", "cut_merges", "merge_order"]

Matrix = npt.NDArray[np.float64]

def merge_order(scores: Matrix, forbidden: npt.NDArray[np.bool_] | None = None, floor: float = 0.0
                ) -> list[tuple[int, int, float]]:
    """The merges of average-link agglomerative clustering, best first, down to ``floor``.

    Two clusters merge when the mean score of the pairs between them is the highest left; never
    when any pair between them is ``forbidden`` (a cannot-link: conflicting dates). The order
    does not depend on where the dendrogram is cut, so one run serves every threshold
    (:func:`cut_merges`). Not the transitive closure of pairs: one strong link does not pull two
    otherwise unrelated groups together.

    Returns:
        ``(kept, absorbed, mean score)`` per merge, in order.
    """
    n = len(scores)
    total = np.array(scores, dtype=np.float64, copy=True)
    blocked = np.zeros((n, n), dtype=bool) if forbidden is None else np.array(forbidden, dtype=bool, copy=True)
    np.fill_diagonal(blocked, True)
    size = np.ones(n)
    mean = np.where(blocked, -math.inf, total)
    merges: list[tuple[int, int, float]] = []
    while n > 1:
        best = int(np.argmax(mean))
        i, j = divmod(best, n)
        height = float(mean[i, j])
        if not math.isfinite(height) or height < floor:
            break
        merges.append((i, j, height))
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        blocked[i, :] |= blocked[j, :]
        blocked[:, i] |= blocked[:, j]
        size[i] += size[j]
        # Only row and column i change: recompute them, and retire j.
        row = np.where(blocked[i], -math.inf, total[i] / (size[i] * size))
        mean[i, :] = row
        mean[:, i] = row
        mean[j, :] = -math.inf
        mean[:, j] = -math.inf
        blocked[j, :] = True
        blocked[:, j] = True
    return merges


def cut_merges(merges: Sequence[tuple[int, int, float]], n: int, threshold: float) -> list[int]:
    """Cluster labels (0, 1, ... by first appearance) after the merges whose score is at least ``threshold``."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, height in merges:
        if height < threshold:
            break
        parent[find(j)] = find(i)
    order: dict[int, int] = {}
    return [order.setdefault(find(x), len(order)) for x in range(n)]


def cophenetic(scores: Matrix) -> Matrix:
    """The average-link height at which each pair of items first falls in one cluster (1 on the diagonal)."""
    n = len(scores)
    out = np.zeros((n, n))
    np.fill_diagonal(out, 1.0)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    for i, j, height in merge_order(scores, None, -math.inf):
        gi, gj = groups[i], groups.pop(j)
        out[np.ix_(gi, gj)] = height
        out[np.ix_(gj, gi)] = height
        gi += gj
    return out


def average_link(scores: Matrix, threshold: float, forbidden: npt.NDArray[np.bool_] | None = None) -> list[int]:
    """Average-link clustering of ``n`` items from a symmetric pair-score matrix, cut at ``threshold``.

    Returns:
        A cluster label per item (0, 1, ... in order of first appearance).
    """
    return cut_merges(merge_order(scores, forbidden, threshold), len(scores), threshold)
