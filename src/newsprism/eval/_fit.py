"""Fitting helpers of the loaded-language scorers.

A class-balanced L2 logistic regression (numpy only), stratified folds and the macro-F1 threshold;
split from :mod:`newsprism.eval.loaded` to keep that module small.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from newsprism._logistic import sigmoid
from newsprism.eval.common import QUICK_SEED, macro_f1

__all__ = ["FOLDS", "best_threshold", "fit_logistic", "stratified_folds"]

FOLDS = 5

Vector = npt.NDArray[np.float64]


# -- logistic regression, numpy only ----------------------------------------------------------------


def fit_logistic(x: Vector, y: Vector, c: float, weight: Vector | None = None, penalty: Vector | None = None,
                 iters: int = 50) -> Vector:
    """Fit a class-balanced, L2-regularised logistic regression by Newton's method.

    Args:
        x: Features, shape ``(n, d)`` (standardise them first where scales differ).
        y: Labels 0/1.
        c: Inverse regularisation strength.
        weight: Per-row weights (default 1).
        penalty: Per-feature multiplier of the L2 penalty (default 1).
        iters: Most Newton steps.

    Returns:
        ``d + 1`` weights, the intercept last. When ``d`` exceeds ``n`` the Newton system is
        solved through the Woodbury identity in ``n`` dimensions.
    """
    n, d = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    sw = np.ones(n) if weight is None else np.asarray(weight, dtype=np.float64)
    pos = float((sw * y).sum() / sw.sum())
    cw = sw * np.where(y == 1, 0.5 / max(pos, 1e-9), 0.5 / max(1 - pos, 1e-9))
    lam = np.append((np.ones(d) if penalty is None else penalty) / c, 1e-6)
    w = np.zeros(d + 1)
    kernel = (a / lam) @ a.T if d + 1 > n else None
    for _ in range(iters):
        p = sigmoid(a @ w)
        g = a.T @ (cw * (p - y)) + lam * w
        dvec = np.maximum(cw * p * (1 - p), 1e-10)
        if kernel is None:
            step = np.linalg.solve((a * dvec[:, None]).T @ a + np.diag(lam), g)
        else:
            gl = g / lam
            step = gl - (a.T @ np.linalg.solve(np.diag(1 / dvec) + kernel, a @ gl)) / lam
        w -= step
        if float(np.abs(step).max()) < 1e-7:
            break
    return w


def stratified_folds(y: Vector, k: int = FOLDS, seed: int = QUICK_SEED) -> npt.NDArray[np.int64]:
    """Assign each item a fold 0..k-1, each class spread evenly, order fixed by ``seed``."""
    rng = np.random.default_rng(seed)
    out = np.zeros(len(y), dtype=np.int64)
    for cls in np.unique(y):
        idx = np.flatnonzero(y == cls)
        rng.shuffle(idx)
        out[idx] = np.arange(len(idx)) % k
    return out


def best_threshold(p: Vector, y: Vector) -> float:
    """The cut in [0.2, 0.8] with the best macro-F1 (the middle one of ties)."""
    grid = np.round(np.linspace(0.2, 0.8, 61), 3)
    scores = np.array([macro_f1(y, (p >= t).astype(int)) for t in grid])
    best = np.flatnonzero(scores >= scores.max() - 1e-12)
    return float(grid[best[len(best) // 2]])
