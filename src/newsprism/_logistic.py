"""The logistic function, shared by every learned part (pair heads, loaded-language models, trees)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["sigmoid", "standardised_logistic"]

Matrix = npt.NDArray[np.float64]


def sigmoid(z: npt.ArrayLike) -> Matrix:
    """Log-odds to probability, with ``z`` clipped to [-40, 40] so that ``exp`` never overflows."""
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(np.asarray(z, dtype=np.float64), -40.0, 40.0))), dtype=np.float64)


def standardised_logistic(x: npt.ArrayLike, weights: Matrix, bias: float, mean: Matrix, scale: Matrix) -> Matrix:
    """``sigmoid(((x - mean) / scale) @ weights + bias)`` per row: how both loaded-language models predict."""
    return sigmoid(((np.asarray(x, dtype=np.float64) - mean) / scale) @ weights + bias)
