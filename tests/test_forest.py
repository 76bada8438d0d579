"""The numpy evaluator of gradient-boosted trees against LightGBM itself (a training dependency)."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.analysis._forest import Forest, from_lightgbm


def _booster(seed: int = 0) -> tuple[object, np.ndarray]:
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2000, 12))
    y = ((x[:, 0] > 0.3) ^ (x[:, 1] * x[:, 2] > 0.5) | (x[:, 3] > 1.5)).astype(int)
    params = {"objective": "binary", "num_iterations": 60, "num_leaves": 15, "is_unbalance": True, "verbose": -1,
              "seed": seed, "deterministic": True, "num_threads": 1}
    return lightgbm.train(params, lightgbm.Dataset(x, label=y)), rng.normal(size=(300, 12))


def test_forest_reproduces_lightgbm_probabilities() -> None:
    booster, x = _booster()
    forest = from_lightgbm(booster.dump_model())  # type: ignore[attr-defined]
    assert len(forest.roots) == 60 and forest.n_features <= 12
    expected = booster.predict(x)  # type: ignore[attr-defined]
    assert np.allclose(forest.proba(x), expected, atol=1e-12)
    # The values the trees split on exactly: "<=" goes left, as in LightGBM.
    split = forest.feature >= 0
    edge = np.zeros((int(split.sum()), 12))
    edge[np.arange(len(edge)), forest.feature[split]] = forest.threshold[split]
    assert np.allclose(forest.proba(edge), booster.predict(edge), atol=1e-12)  # type: ignore[attr-defined]


def test_forest_round_trips_through_its_arrays() -> None:
    booster, x = _booster(1)
    forest = from_lightgbm(booster.dump_model())  # type: ignore[attr-defined]
    again = Forest.from_arrays(forest.arrays("f_"), "f_")
    assert np.array_equal(again.raw(x), forest.raw(x))
    # Slices of rows (how a long article is taken) give the same numbers as all rows at once.
    assert np.array_equal(forest.raw(x, chunk=7), forest.raw(x, chunk=len(x)))
    assert forest.raw(x[:0]).shape == (0,)


def test_forest_refuses_what_it_cannot_evaluate() -> None:
    leaf = {"leaf_value": 0.1}
    categorical = {"decision_type": "==", "split_feature": 0, "threshold": "1||2", "left_child": leaf,
                   "right_child": leaf}
    with pytest.raises(ValueError, match="unsupported split"):
        from_lightgbm({"objective": "binary sigmoid:1", "tree_info": [{"tree_structure": categorical}]})
    with pytest.raises(ValueError, match="binary"):
        from_lightgbm({"objective": "regression", "tree_info": []})
    stump = from_lightgbm({"objective": "binary sigmoid:1", "tree_info": [{"tree_structure": leaf}]})
    assert np.allclose(stump.raw(np.zeros((3, 0))), 0.1)
    with pytest.raises(ValueError, match="features"):
        from_lightgbm({"objective": "binary sigmoid:1", "tree_info": [{"tree_structure": {
            "decision_type": "<=", "split_feature": 4, "threshold": 0.0, "left_child": leaf,
            "right_child": leaf}}]}).raw(np.zeros((2, 3)))


def test_forest_arrays_are_compact_and_keep_any_node_order() -> None:
    booster, x = _booster(2)
    forest = from_lightgbm(booster.dump_model())  # type: ignore[attr-defined]
    stored = forest.arrays("f_")
    # Pre-order trees: left children are implied, indices are int16, one float array per node.
    assert "f_left" not in stored and stored["f_feature"].dtype == np.int16 and "f_split" in stored
    # A tree whose left child is not the next node (written by hand) still round-trips.
    leaf_a, leaf_b = 0.25, -0.5
    odd = Forest(np.array([0], dtype=np.int32), np.array([0, -1, -1], dtype=np.int32),
                 np.array([0.5, 0.0, 0.0]), np.array([2, -1, -1], dtype=np.int32),
                 np.array([1, -1, -1], dtype=np.int32), np.array([0.0, leaf_b, leaf_a]))
    again = Forest.from_arrays(odd.arrays("o_"), "o_")
    assert "o_left" in odd.arrays("o_")
    assert np.allclose(again.raw(np.array([[0.0], [1.0]])), [leaf_a, leaf_b])
    assert np.array_equal(Forest.from_arrays(stored, "f_").raw(x), forest.raw(x))
