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

- **own voice** (``own_voice_*``): the same span measure on the outlet's own words only: the hits
  the detector puts in the outlet's voice (``in_quote`` false) against the lexical spans BASIL
  marks ``quote: "no"``. This is what ``compare`` shows a reader as the outlet's verdict, so a
  quoted loaded word the detector calls the outlet's is a false alarm here, and one it calls a
  speaker's is a miss.
- **voice** (``voice_acc``, ``voice_n``, ``ours`` only): on the gold lexical spans a hit overlaps,
  how often the detector's voice (own or quoted) of the hit that overlaps most agrees with
  BASIL's ``quote`` flag (:func:`voice_agreement`).

Rows: ``ours`` (what ``compare`` runs), ``ours_lexicon_only`` (its lexicon hits alone),
``lexicon_curated`` (the curated entries alone: no data went into them) and ``tagger_only`` (the
span tagger's own ``learned`` hits alone: the words no lexicon entry matched).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.eval.common import dataset_path, quick_sample, read_jsonl
from newsprism.model import AnalyzedArticle

__all__ = ["BASIL", "QUICK_BASIL", "lexical_spans", "own_voice_spans", "score_basil", "sentence_labels",
           "voice_agreement"]

BASIL = "basil/basil_articles.jsonl"
QUICK_BASIL = 25

Spans = list[tuple[int, int]]


def lexical_spans(record: dict[str, Any]) -> Spans:
    """The lexical-bias spans of a BASIL record whose offsets hold their text (two title spans do not)."""
    text = record["text"]
    return [(s["start"], s["end"]) for s in record.get("bias_spans") or []
            if s.get("bias") == "lexical" and text[s["start"]:s["end"]] == s.get("txt")]


def own_voice_spans(record: dict[str, Any]) -> Spans:
    """The :func:`lexical_spans` BASIL marks as the outlet's own words (``quote`` is ``"no"``, not ``"yes"``)."""
    text = record["text"]
    return [(s["start"], s["end"]) for s in record.get("bias_spans") or []
            if s.get("bias") == "lexical" and s.get("quote") == "no" and text[s["start"]:s["end"]] == s.get("txt")]


def voice_agreement(docs: Sequence[tuple[Sequence[tuple[int, int, bool]], Sequence[tuple[int, int, bool]]]]
                    ) -> tuple[float, int]:
    """How often the detector's voice agrees with the gold's on the gold spans it hits.

    Args:
        docs: Per document, ``(hits, gold)``, each a ``(start, end, own_voice)`` triple: whether
            the detector (for a hit) or the annotators (for a gold span) put the words in the
            outlet's own voice rather than somebody's quoted words.

    Returns:
        The share of gold spans overlapped by a hit whose voice the hit overlapping it most (the
        first of equals) agrees with, and how many such gold spans there are (0.0 and 0 for none).
    """
    agree = n = 0
    for hits, gold in docs:
        for g0, g1, own in gold:
            best, best_voice = 0, False
            for h0, h1, voice in hits:
                inter = min(g1, h1) - max(g0, h0)
                if inter > best:
                    best, best_voice = inter, voice
            if best > 0:
                n += 1
                agree += best_voice == own
    return (round(agree / n, 4) if n else 0.0), n


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
        The number of articles and ``{system: metrics}``: ``macro_f1``, ``acc`` (sentences),
        ``span_p``, ``span_r``, ``span_f1``, ``span_n_pred``, ``span_n_gold`` (spans), the same
        five as ``own_voice_*`` (the outlet's own voice), and for ``ours`` ``voice_acc`` and
        ``voice_n`` (:func:`voice_agreement`).
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
    sent: dict[str, list[float]] = {"ours": [], "ours_lexicon_only": [], "lexicon_curated": [], "tagger_only": []}
    spans: dict[str, list[tuple[Spans, Spans]]] = {name: [] for name in sent}
    own_voice: dict[str, list[tuple[Spans, Spans]]] = {name: [] for name in sent}
    voices: list[tuple[list[tuple[int, int, bool]], list[tuple[int, int, bool]]]] = []
    for r, aa, doc in zip(records, aas, docs, strict=True):
        gold, own_gold, sentences = lexical_spans(r), own_voice_spans(r), sentence_labels(r)
        y += [label for _, _, label in sentences]
        found_all = find_loaded(aa, doc)
        hits = [h for h in found_all if h.category in PTC_CATEGORIES]
        lexicon_hits = [h for h in hits if not h.learned]
        tagger_hits = [h for h in hits if h.learned]
        curated_hits = [h for h in find_loaded(aa, doc, curated, learned=False) if h.category in PTC_CATEGORIES]
        sent["ours"] += _sentence_scores(aa, sentence_scores(aa, doc, found_all), sentences)
        voices.append(([(*hit_extent(h), not h.in_quote) for h in hits],
                       [(a, b, (a, b) in own_gold) for a, b in gold]))
        for name, found in (("ours", hits), ("ours_lexicon_only", lexicon_hits), ("lexicon_curated", curated_hits),
                            ("tagger_only", tagger_hits)):
            spans[name].append(([hit_extent(h) for h in found], gold))
            own_voice[name].append(([hit_extent(h) for h in found if not h.in_quote], own_gold))
            if name != "ours":  # biased when the sentence holds a hit
                sent[name] += [float(any(s <= h.span.start < e for h in found)) for s, e, _ in sentences]
    gold_y = np.array(y, dtype=np.float64)
    out: dict[str, dict[str, float]] = {}
    for name, values in sent.items():
        pred = np.array(values) >= (model.threshold if name == "ours" else 0.5)
        out[name] = {"macro_f1": round(macro_f1(gold_y, pred.astype(np.float64)), 4),
                     "acc": round(float(np.mean(pred == gold_y.astype(bool))), 4),
                     **{f"span_{k}": v for k, v in si_score(spans[name]).items()},
                     **{f"own_voice_{k}": v for k, v in si_score(own_voice[name]).items()}}
    acc, n_voiced = voice_agreement(voices)
    out["ours"].update(voice_acc=acc, voice_n=float(n_voiced))
    notes.append(f"BASIL (held-out for every part of the detector): {len(records)} articles, {len(y)} sentences, "
                 f"{int(gold_y.sum())} with a lexical-bias span, {sum(len(g) for _, g in spans['ours'])} spans "
                 f"({sum(len(g) for _, g in own_voice['ours'])} in the outlet's own voice); "
                 f"{time.perf_counter() - started:.0f} s")
    return len(records), out
