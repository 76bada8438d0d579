"""Gradient-boosted trees evaluated with numpy: the shipped form of a LightGBM binary classifier.

LightGBM fits the trees at training time (``eval/``, a development dependency); what ships is
their structure as flat arrays, so the analysis needs neither LightGBM nor SciPy at run time.
Written by hand because predicting with a fixed set of numeric-split trees is a few array
lookups per level, while the libraries that do it (LightGBM itself, treelite) are heavy,
compiled dependencies for the core install.

Only what LightGBM produces for numeric features without missing values is supported: every
split is ``x[feature] <= threshold`` goes left. :func:`from_lightgbm` refuses anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism._logistic import sigmoid

__all__ = ["Forest", "from_lightgbm"]

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Forest:
    """Binary trees in flat arrays; node ``k`` is a leaf when ``feature[k] < 0``.

    Attributes:
        roots: The root node of each tree.
        feature: The feature a node splits on (-1 for a leaf).
        threshold: A node's split value: ``x[feature] <= threshold`` goes to ``left``.
        left: The left child of a node (unused for a leaf).
        right: The right child of a node (unused for a leaf).
        value: A leaf's contribution to the log-odds (unused for a split).
    """

    roots: IntArray
    feature: IntArray
    threshold: FloatArray
    left: IntArray
    right: IntArray
    value: FloatArray

    @property
    def n_features(self) -> int:
        """The number of input features the trees read (one more than the highest used)."""
        return int(self.feature.max(initial=-1)) + 1

    def raw(self, x: npt.ArrayLike, chunk: int = 512) -> FloatArray:
        """The summed leaf values (log-odds) for each row of ``x``.

        Args:
            x: Features, shape ``(n, d)`` with ``d`` at least :attr:`n_features`.
            chunk: Rows evaluated at once: memory grows with rows times trees, so a long
                article is taken in slices of this many words.

        Returns:
            Shape ``(n,)``.
        """
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] < self.n_features:
            raise ValueError(f"forest expects rows of {self.n_features} features, got shape {x.shape}")
        parts = [self._raw(x[i:i + chunk]) for i in range(0, x.shape[0], max(1, chunk))]
        return np.concatenate(parts) if parts else np.zeros(0)

    def _raw(self, x: FloatArray) -> FloatArray:
        n = x.shape[0]
        trees = len(self.roots)
        # (tree, row) pairs in tree-major order against the features stored column by column:
        # at a level, the pairs of one tree mostly read the same feature, so the gathers from x
        # touch neighbouring memory (a third faster than row-major on the span tagger's trees).
        child = np.stack([self.left, self.right], axis=1).ravel()  # child[2k + goes_right]
        node = np.repeat(self.roots.astype(np.int32), n)
        row = np.tile(np.arange(n, dtype=np.int32), trees)
        columns = np.ascontiguousarray(x.T).ravel()
        # Descend level by level, carrying only the pairs not yet at a leaf: most leaves sit far
        # above the deepest one, so this does about a third of the work of moving every pair.
        active = np.arange(n * trees, dtype=np.int32)
        while active.size:
            k = node.take(active)
            f = self.feature.take(k)
            inner = f >= 0
            if not inner.all():
                active, k, f = active[inner], k[inner], f[inner]
            goes_right = ~(columns.take(f * n + row.take(active)) <= self.threshold.take(k))  # NaN goes right
            node[active] = child.take(2 * k + goes_right)
        return np.asarray(self.value.take(node).reshape(trees, n).sum(axis=0), dtype=np.float64)

    def proba(self, x: npt.ArrayLike) -> FloatArray:
        """The probability of the positive class for each row of ``x``."""
        return sigmoid(self.raw(x))

    def arrays(self, prefix: str) -> dict[str, npt.NDArray[Any]]:
        """The arrays to store (in an ``.npz``), each key starting with ``prefix``.

        Stored compactly, losing nothing: a node's threshold and a leaf's value share one array
        (a node has only one of them), node indices are small integers, and where every left
        child directly follows its parent (the pre-order :func:`from_lightgbm` writes) the left
        children are not stored and the right ones are offsets from their parent.
        """
        inner = self.feature >= 0
        at = np.arange(len(self.feature))
        out: dict[str, npt.NDArray[Any]] = {
            "roots": self.roots.astype(np.int32), "feature": _small(self.feature),
            "split": np.where(inner, self.threshold, self.value).astype(np.float64)}
        if np.array_equal(self.left[inner], at[inner] + 1):
            out["right_offset"] = _small(np.where(inner, self.right - at, 0))
        else:
            out["left"], out["right"] = _small(self.left), _small(self.right)
        return {f"{prefix}{k}": v for k, v in out.items()}

    @classmethod
    def from_arrays(cls, data: Any, prefix: str) -> Forest:
        """Read a forest stored by :meth:`arrays` (``data`` maps keys to arrays, e.g. an ``NpzFile``)."""
        def get(k: str, dtype: Any) -> Any:
            return np.asarray(data[f"{prefix}{k}"], dtype=dtype)

        feature = get("feature", np.int32)
        inner = feature >= 0
        # Files written before the threshold and the leaf value shared one array keep them apart.
        split = get("split", np.float64) if f"{prefix}split" in data else \
            np.where(inner, get("threshold", np.float64), get("value", np.float64))
        at = np.arange(len(feature), dtype=np.int32)
        if f"{prefix}right_offset" in data:
            left = np.where(inner, at + 1, -1).astype(np.int32)
            right = np.where(inner, at + get("right_offset", np.int32), -1).astype(np.int32)
        else:
            left, right = get("left", np.int32), get("right", np.int32)
        return cls(get("roots", np.int32), feature, np.where(inner, split, 0.0), left, right,
                   np.where(inner, 0.0, split))


def _small(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``a`` as int16 when its values fit, else int32 (node indices and features are small)."""
    fits = a.size == 0 or (int(a.min()) >= np.iinfo(np.int16).min and int(a.max()) <= np.iinfo(np.int16).max)
    return a.astype(np.int16 if fits else np.int32)


def from_lightgbm(dump: dict[str, Any]) -> Forest:
    """Flatten the JSON dump of a LightGBM binary model (``Booster.dump_model()``).

    Raises:
        ValueError: For a model this evaluator cannot reproduce (not binary, categorical or
            non-``<=`` splits, a missing-value rule other than "None").
    """
    if dump.get("num_tree_per_iteration", 1) != 1 or not str(dump.get("objective", "")).startswith("binary"):
        raise ValueError("only LightGBM binary classifiers can be flattened")
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []

    def add(node: dict[str, Any]) -> int:
        k = len(feature)
        feature.append(-1)
        threshold.append(0.0)
        left.append(-1)
        right.append(-1)
        value.append(0.0)
        if "leaf_value" in node:
            value[k] = float(node["leaf_value"])
            return k
        if node.get("decision_type") != "<=" or node.get("missing_type", "None") != "None":
            raise ValueError(f"unsupported split: {node.get('decision_type')} / {node.get('missing_type')}")
        feature[k] = int(node["split_feature"])
        threshold[k] = float(node["threshold"])
        left[k] = add(node["left_child"])
        right[k] = add(node["right_child"])
        return k

    for tree in dump["tree_info"]:
        roots.append(add(tree["tree_structure"]))
    return Forest(np.asarray(roots, dtype=np.int32), np.asarray(feature, dtype=np.int32),
                  np.asarray(threshold, dtype=np.float64), np.asarray(left, dtype=np.int32),
                  np.asarray(right, dtype=np.int32), np.asarray(value, dtype=np.float64))
