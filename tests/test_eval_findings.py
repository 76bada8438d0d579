"""The findings scorer: keys, verdict files and precision per type (no dataset needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.eval.findings import (
    FindingKey,
    Label,
    _in_sentence,
    finding_key,
    judge,
    message_digest,
    read_labels,
    strip_review_row,
    verdict_of,
)
from newsprism.model import Finding, Sentence, Span


def _key(t: str, start: int) -> FindingKey:
    return (t, ("a", "b"), (("a", start, start + 4),))


def test_finding_key_uses_dataset_ids_and_sorted_evidence() -> None:
    f = Finding("f1", "loaded_language", "info", "m", ("h2", "h1"),
                (Span("h2", 9, 12, "xyz"), Span("h1", 0, 4, "abcd")))
    assert finding_key(f, {"h1": "basil_1", "h2": "basil_2"}) == (
        "loaded_language", ("basil_1", "basil_2"), (("basil_1", 0, 4), ("basil_2", 9, 12)))


def test_judge_counts_precision_per_type_unjudged_and_stale() -> None:
    labels = {_key("omission", 0): Label("correct"), _key("omission", 10): Label("false_alarm"),
              _key("loaded_language", 0): Label("correct"), _key("loaded_language", 99): Label("correct")}
    found = [(_key("omission", 0), "d"), (_key("omission", 10), "d"), (_key("loaded_language", 0), "d"),
             (_key("loaded_language", 5), "d")]
    s = judge(found, labels)
    assert s["precision.omission"] == 0.5
    assert s["precision.loaded_language"] == 1.0
    assert s["precision"] == round(2 / 3, 4)
    assert (s["judged"], s["unjudged"], s["stale_verdicts"], s["findings"]) == (3, 1, 1, 4)


def test_a_verdict_on_another_message_goes_back_for_review() -> None:
    said = message_digest("Fox News uses 'chaos' in words quoted from X.")
    labels = {_key("loaded_language", 0): Label("false_alarm", said)}
    assert verdict_of(_key("loaded_language", 0), said, labels) == "false_alarm"
    now = message_digest("Fox News uses 'chaos' in its report of what X said.")
    assert verdict_of(_key("loaded_language", 0), now, labels) == "changed"
    s = judge([(_key("loaded_language", 0), now)], labels)
    assert (s["judged"], s["changed"]) == (0, 1)
    # A verdict kept without a digest counts whatever the message says.
    assert verdict_of(_key("loaded_language", 0), now, {_key("loaded_language", 0): Label("correct")}) == "correct"
    assert message_digest("a  b\n c") == message_digest("a b c")


def test_read_labels_rejects_an_unknown_verdict(tmp_path: Path) -> None:
    row = {"type": "omission", "articles": ["a"], "evidence": [["a", 1, 2]], "verdict": "maybe", "why": ""}
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels\.jsonl:1: verdict must be"):
        read_labels(path)
    row["verdict"] = "false_alarm"
    path.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    assert read_labels(path) == {("omission", ("a",), (("a", 1, 2),)): Label("false_alarm")}


def test_a_kept_verdict_holds_no_article_text() -> None:
    row = {"type": "omission", "articles": ["a"], "evidence": [["a", 1, 2]], "verdict": "correct",
           "why": "both others report it", "message": "quotes the article", "evidence_text": ["the article"]}
    kept = strip_review_row(row)
    assert set(kept) == {"type", "articles", "evidence", "verdict", "why", "message_sha1"}
    assert kept["message_sha1"] == message_digest("quotes the article")


def test_shipped_verdicts_parse() -> None:
    read_labels()  # the repository's verdict file (empty or not) is well-formed


def test_a_review_row_shows_the_evidence_inside_its_sentence() -> None:
    text = "First one.  Then the   word here. Last."
    sentences = [Sentence("s0", Span("a", 0, 10, text[0:10])), Sentence("s1", Span("a", 12, 33, text[12:33]))]
    word = Span("a", 23, 27, text[23:27])
    assert _in_sentence(word, sentences) == "Then the [[word]] here."
    outside = Span("a", 34, 39, text[34:39])
    assert _in_sentence(outside, sentences) == "Last."
