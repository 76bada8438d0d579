"""Scoring the loaded-language detector on BASIL's lexical bias: data none of its parts was fitted on.

BASIL (``basil/basil_articles.jsonl``, Fan et al. 2019, "In Plain Sight: Media Bias Through the Lens
of Factual Reporting", EMNLP; research use): 156 articles, triplets of Fox News, The New York Times
and HuffPost on one event, with ``bias_spans`` marked *lexical* (a loaded word or phrase:
"fierce", "gaffe-prone", "a do-nothing Congress") or *informational* (a fact chosen to slant).
Only the lexical spans are what the detector looks for. Neither the lexicon (curated, plus BABE's
statistic), nor the sentence model (BABE), nor the span tagger (PTC and BABE) saw BASIL, so every
row here is held-out: the quick gate's quality floors for the loaded-language detector.

The articles are analysed whole, as ``compare`` analyses an article. Two measures:

- **sentences**: a BASIL sentence (the dataset's own sentence offsets) is biased when a lexical
  span overlaps it; its score is the highest :func:`~newsprism.analysis.loaded.sentence_scores`
  probability among the statements overlapping it (0 for none), biased at the model's threshold;
  macro-F1 over the two classes. Lexical bias is rare (227 of 4,145 sentences), so macro-F1 here
  sits far below BABE's, where half of the sentences are biased.
- **spans**: the SemEval-2020 Task 11 span measure (:func:`~newsprism.eval.common.si_score`) of
  the detector's hit phrases in the loaded-language categories against the lexical spans (inside
  quotes or not, as BASIL marks them). BASIL's annotators marked about 1.6 loaded phrases an
  article, far fewer than PTC's, so precision is low by construction.

Rows: ``ours`` (what ``compare`` runs), ``ours_lexicon_only`` (its lexicon hits alone) and
``lexicon_curated`` (the curated entries alone: no data went into them).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.eval.common import dataset_path, quick_sample, read_jsonl
from newsprism.model import AnalyzedArticle

__all__ = ["BASIL", "QUICK_BASIL", "lexical_spans", "score_basil", "sentence_labels"]

BASIL = "basil/basil_articles.jsonl"
QUICK_BASIL = 25

Spans = list[tuple[int, int]]


def lexical_spans(record: dict[str, Any]) -> Spans:
    """The lexical-bias spans of a BASIL record whose offsets hold their text (two title spans do not)."""
    text = record["text"]
    return [(s["start"], s["end"]) for s in record.get("bias_spans") or []
            if s.get("bias") == "lexical" and text[s["start"]:s["end"]] == s.get("txt")]


def sentence_labels(record: dict[str, Any]) -> list[tuple[int, int, int]]:
    """``(start, end, label)`` per BASIL sentence: 1 when a lexical span overlaps it."""
    gold = lexical_spans(record)
    return [(s["start"], s["end"], int(any(a < s["end"] and s["start"] < b for a, b in gold)))
            for s in record.get("sentences") or []]


def _sentence_scores(aa: AnalyzedArticle, scores: dict[str, float], sentences: Sequence[tuple[int, int, int]]
                     ) -> list[float]:
    return [max((scores.get(st.id, 0.0) for st in aa.statements if st.span.start < e and s < st.span.end),
                default=0.0) for s, e, _ in sentences]


def score_basil(data_dir: Path, quick: bool, notes: list[str]) -> tuple[int, dict[str, dict[str, float]]]:
    """Score the shipped detector on BASIL (the seeded subset of :data:`QUICK_BASIL` articles if ``quick``).

    Returns:
        The number of articles and ``{system: metrics}``: ``macro_f1``, ``acc`` (sentences) and
        ``span_p``, ``span_r``, ``span_f1``, ``span_n_pred``, ``span_n_gold`` (spans).
    """
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.analysis._lexicon import load_lexicon
    from newsprism.analysis.loaded import find_loaded, load_model, sentence_scores
    from newsprism.analysis.nlp import english
    from newsprism.eval.common import macro_f1, si_score
    from newsprism.eval.loaded import PTC_CATEGORIES
    from newsprism.eval.loaded_spans import hit_extent
    from newsprism.model import Article, article_id

    started = time.perf_counter()
    records = [r for r in read_jsonl(dataset_path(data_dir, BASIL)) if r.get("text")]
    if quick:
        records = quick_sample(records, QUICK_BASIL)
    arts = [Article(article_id(r["text"]), r["text"], language="en", origin=str(r.get("id"))) for r in records]
    aas = analyze_articles(arts, AnalyzeOptions(loaded=False))  # the detector runs below, on these parses
    docs = list(english().pipe([a.text for a in arts], batch_size=8))
    model, curated = load_model(), load_lexicon("en").with_statistic(())
    y: list[int] = []
    sent: dict[str, list[float]] = {"ours": [], "ours_lexicon_only": [], "lexicon_curated": []}
    spans: dict[str, list[tuple[Spans, Spans]]] = {name: [] for name in sent}
    for r, aa, doc in zip(records, aas, docs, strict=True):
        gold, sentences = lexical_spans(r), sentence_labels(r)
        y += [label for _, _, label in sentences]
        found_all = find_loaded(aa, doc)
        hits = [h for h in found_all if h.category in PTC_CATEGORIES]
        lexicon_hits = [h for h in hits if not h.learned]
        curated_hits = [h for h in find_loaded(aa, doc, curated, learned=False) if h.category in PTC_CATEGORIES]
        sent["ours"] += _sentence_scores(aa, sentence_scores(aa, doc, found_all), sentences)
        for name, found in (("ours", hits), ("ours_lexicon_only", lexicon_hits), ("lexicon_curated", curated_hits)):
            spans[name].append(([hit_extent(h) for h in found], gold))
            if name != "ours":  # biased when the sentence holds a hit
                sent[name] += [float(any(s <= h.span.start < e for h in found)) for s, e, _ in sentences]
    gold_y = np.array(y, dtype=np.float64)
    out: dict[str, dict[str, float]] = {}
    for name, values in sent.items():
        pred = np.array(values) >= (model.threshold if name == "ours" else 0.5)
        out[name] = {"macro_f1": round(macro_f1(gold_y, pred.astype(np.float64)), 4),
                     "acc": round(float(np.mean(pred == gold_y.astype(bool))), 4),
                     **{f"span_{k}": v for k, v in si_score(spans[name]).items()}}
    notes.append(f"BASIL (held-out for every part of the detector): {len(records)} articles, {len(y)} sentences, "
                 f"{int(gold_y.sum())} with a lexical-bias span, {sum(len(g) for _, g in spans['ours'])} spans; "
                 f"{time.perf_counter() - started:.0f} s")
    return len(records), out
