"""How precise the span tagger's words are at several probability cuts, on BASIL's lexical-bias spans.

    python eval/survey_tagger_cut.py [--data ../shared/data]

BASIL (research use) was seen by no part of the loaded-language detector. Every article is analysed
as ``compare`` analyses it; a hit is right when it overlaps a lexical-bias span. Prints, for the
lexicon's hits and for the tagger's words at each cut, how many there are and the share that is
right, then the commonest tagger words that overlap no span. BASIL's annotators marked about 1.6
phrases an article, so precision is low by construction: compare the rows with one another. This is
what chose ``REPORT_MIN_PROBABILITY`` in ``newsprism/comparison/loaded_findings.py`` (2026-12-02:
lexicon 446 hits, 0.103; tagger 0.75: 866, 0.075; 0.8: 583, 0.096; 0.85: 337, 0.110; 0.9: 145,
0.159; 0.95: 20, 0.30). About five minutes on two cores with an empty embedding cache.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.analysis.loaded import find_loaded
from newsprism.analysis.nlp import english
from newsprism.errors import UsageError
from newsprism.eval.common import dataset_path, read_jsonl
from newsprism.eval.loaded_basil import BASIL, lexical_spans
from newsprism.model import Article, article_id

CUTS = (0.75, 0.8, 0.85, 0.9, 0.95)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    args = parser.parse_args()
    try:
        path = dataset_path(Path(args.data), BASIL)
    except UsageError as err:
        print(f"skipped: {err}", file=sys.stderr)
        return 0
    records = [r for r in read_jsonl(path) if r.get("text")]
    arts = [Article(article_id(r["text"]), r["text"], language="en", origin=str(r.get("id"))) for r in records]
    analysed = analyze_articles(arts, AnalyzeOptions(loaded=False))
    docs = english().pipe([a.text for a in arts], batch_size=8)
    rows: list[tuple[bool, float, bool, str]] = []
    for record, aa, doc in zip(records, analysed, docs, strict=True):
        gold = lexical_spans(record)
        for h in find_loaded(aa, doc):
            right = any(s < h.span.end and h.span.start < e for s, e in gold)
            rows.append((h.learned, h.probability if h.probability is not None else 1.0, right, h.span.text))
    lexicon = [r for r in rows if not r[0]]
    print("| hits | n | precision |\n|---|---:|---:|")
    print(f"| lexicon | {len(lexicon)} | {sum(r[2] for r in lexicon) / max(1, len(lexicon)):.3f} |")
    for cut in CUTS:
        chosen = [r for r in rows if r[0] and r[1] >= cut]
        print(f"| tagger >= {cut} | {len(chosen)} | {sum(r[2] for r in chosen) / max(1, len(chosen)):.3f} |")
    wrong = Counter(r[3].lower() for r in rows if r[0] and not r[2])
    print("\ncommonest tagger words outside every span:", ", ".join(f"{w} {n}" for w, n in wrong.most_common(30)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
