"""Coreference metrics checked against cases computed by hand (the reference scorer's definitions)."""

from __future__ import annotations

import itertools
import random

import pytest

from newsprism.eval.coref_metrics import _max_assignment, b_cubed, ceaf_e, chains_of, conll, muc

# Pradhan et al. (2014)'s worked example: key {a b c} {d e f g}; response {a b} {c d} {f g h i}.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_by_hand() -> None:
    # Recall: (3 - 2) + (4 - 3) of 2 + 3 links; precision: (2-1) + (2-2) + (4-3) of 1 + 1 + 3.
    got = muc(KEY, RESPONSE)
    assert got["r"] == pytest.approx(2 / 5)
    assert got["p"] == pytest.approx(2 / 5)
    assert got["f1"] == pytest.approx(0.4)


def test_b_cubed_by_hand() -> None:
    # Recall: (2²/3 + 1²/3 + 1²/4 + 2²/4) / 7; precision: (2²/2 + (1+1)/2 + 2²/4) / 8 (h, i lie outside the key).
    got = b_cubed(KEY, RESPONSE)
    assert got["r"] == pytest.approx((5 / 3 + 5 / 4) / 7)
    assert got["p"] == pytest.approx(4 / 8)
    assert got["f1"] == pytest.approx(2 * 0.5 * (35 / 84) / (0.5 + 35 / 84))


def test_ceaf_e_by_hand() -> None:
    # φ4: K1-R1 = 4/5, K1-R2 = 2/5, K2-R2 = 2/6, K2-R3 = 4/8; best alignment K1-R1 + K2-R3 = 1.3.
    got = ceaf_e(KEY, RESPONSE)
    assert got["r"] == pytest.approx(1.3 / 2)
    assert got["p"] == pytest.approx(1.3 / 3)


def test_conll_is_the_mean_of_the_three_f1() -> None:
    got = conll(KEY, RESPONSE)
    assert got["conll_f1"] == pytest.approx((got["muc_f1"] + got["b3_f1"] + got["ceafe_f1"]) / 3)
    assert got["muc_f1"] == pytest.approx(0.4)


def test_perfect_and_all_singletons() -> None:
    assert conll(KEY, KEY)["conll_f1"] == pytest.approx(1.0)
    singletons = [{m} for chain in KEY for m in chain]
    got = conll(KEY, singletons)
    assert got["muc_r"] == 0.0 and got["muc_p"] == 0.0  # no links at all: MUC has nothing to count
    assert got["b3_p"] == pytest.approx(1.0)
    assert got["b3_r"] == pytest.approx((3 * (1 / 3) + 4 * (1 / 4)) / 7)
    # Each key chain aligns with one singleton: φ4 = 2/4 and 2/5.
    assert got["ceafe_r"] == pytest.approx((2 / 4 + 2 / 5) / 2)
    assert got["ceafe_p"] == pytest.approx((2 / 4 + 2 / 5) / 7)


def test_one_big_cluster() -> None:
    everything = [set().union(*KEY)]
    got = muc(KEY, everything)
    assert got["r"] == pytest.approx(1.0)
    assert got["p"] == pytest.approx(5 / 6)  # 7 mentions in one chain: 6 links, the key has 5


def test_chains_of() -> None:
    assert sorted(map(sorted, chains_of({"a": 1, "b": 1, "c": 2}))) == [["a", "b"], ["c"]]


def test_assignment_beats_greedy() -> None:
    # Greedy takes 0.9 then 0.1; the best is 0.8 + 0.8.
    assert _max_assignment([[0.9, 0.8], [0.8, 0.1]]) == pytest.approx(1.6)
    assert _max_assignment([[0.5, 0.2, 0.7]]) == pytest.approx(0.7)


def test_assignment_matches_brute_force() -> None:
    rng = random.Random(3)
    for _ in range(30):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        w = [[rng.choice([0.0, rng.random()]) for _ in range(cols)] for _ in range(rows)]
        if rows <= cols:
            best = max(sum(w[i][p[i]] for i in range(rows)) for p in itertools.permutations(range(cols), rows))
        else:
            best = max(sum(w[p[j]][j] for j in range(cols)) for p in itertools.permutations(range(rows), cols))
        assert _max_assignment(w) == pytest.approx(best)
