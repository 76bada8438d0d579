"""The article-body metric of ``newsprism eval extraction``, on hand-computed cases."""

from __future__ import annotations

import pytest

from newsprism.eval.extraction import body_scores, shingles


def test_shingles_count_word_runs_four_at_a_time_with_multiplicity() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("x x x x x")[("x", "x", "x", "x")] == 2
    assert shingles("Short one.") == {("Short", "one"): 1}
    assert not shingles("")


def test_body_scores_average_per_page_and_leave_out_empty_sides() -> None:
    gold = ["a b c d e f", "p q r s t", "u v w x"]
    # Page 1: 2 of 3 predicted shingles right (P 2/3), 2 of 3 gold found (R 2/3); page 2: nothing
    # predicted (out of the precision mean, recall 0); page 3: exact.
    predicted = ["a b c d e z", "", "u v w x"]
    got = body_scores(predicted, gold)
    precision, recall = (2 / 3 + 1) / 2, (2 / 3 + 0 + 1) / 3
    assert got["body_precision"] == pytest.approx(precision, abs=1e-4)
    assert got["body_recall"] == pytest.approx(recall, abs=1e-4)
    assert got["body_f1"] == pytest.approx(2 * precision * recall / (precision + recall), abs=1e-4)
    assert body_scores(gold, gold)["body_f1"] == 1.0
