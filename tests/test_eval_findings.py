"""The findings scorer: keys, verdict files and precision per type (no dataset needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.eval.findings import FindingKey, _in_sentence, finding_key, judge, read_labels, strip_review_row
from newsprism.model import Finding, Sentence, Span


def _key(t: str, start: int) -> FindingKey:
    return (t, ("a", "b"), (("a", start, start + 4),))


def test_finding_key_uses_dataset_ids_and_sorted_evidence() -> None:
    f = Finding("f1", "loaded_language", "info", "m", ("h2", "h1"),
                (Span("h2", 9, 12, "xyz"), Span("h1", 0, 4, "abcd")))
    assert finding_key(f, {"h1": "basil_1", "h2": "basil_2"}) == (
        "loaded_language", ("basil_1", "basil_2"), (("basil_1", 0, 4), ("basil_2", 9, 12)))


def test_judge_counts_precision_per_type_unjudged_and_stale() -> None:
    labels = {_key("omission", 0): "correct", _key("omission", 10): "false_alarm",
              _key("loaded_language", 0): "correct", _key("loaded_language", 99): "correct"}
    found = [_key("omission", 0), _key("omission", 10), _key("loaded_language", 0), _key("loaded_language", 5)]
    s = judge(found, labels)
    assert s["precision.omission"] == 0.5
    assert s["precision.loaded_language"] == 1.0
    assert s["precision"] == round(2 / 3, 4)
    assert (s["judged"], s["unjudged"], s["stale_verdicts"], s["findings"]) == (3, 1, 1, 4)


def test_read_labels_rejects_an_unknown_verdict(tmp_path: Path) -> None:
    row = {"type": "omission", "articles": ["a"], "evidence": [["a", 1, 2]], "verdict": "maybe", "why": ""}
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels\.jsonl:1: verdict must be"):
        read_labels(path)
    row["verdict"] = "false_alarm"
    path.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    assert read_labels(path) == {("omission", ("a",), (("a", 1, 2),)): "false_alarm"}


def test_a_kept_verdict_holds_no_article_text() -> None:
    row = {"type": "omission", "articles": ["a"], "evidence": [["a", 1, 2]], "verdict": "correct",
           "why": "both others report it", "message": "quotes the article", "evidence_text": ["the article"]}
    assert set(strip_review_row(row)) == {"type", "articles", "evidence", "verdict", "why"}


def test_shipped_verdicts_parse() -> None:
    read_labels()  # the repository's verdict file (empty or not) is well-formed


def test_a_review_row_shows_the_evidence_inside_its_sentence() -> None:
    text = "First one.  Then the   word here. Last."
    sentences = [Sentence("s0", Span("a", 0, 10, text[0:10])), Sentence("s1", Span("a", 12, 33, text[12:33]))]
    word = Span("a", 23, 27, text[23:27])
    assert _in_sentence(word, sentences) == "Then the [[word]] here."
    outside = Span("a", 34, 39, text[34:39])
    assert _in_sentence(outside, sentences) == "Last."
