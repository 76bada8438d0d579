"""Run ``compare`` on real stories (ECB+ sub-topics) and print the findings, for a false-alarm review.

    python eval/survey_findings.py [--data ../shared/data] [--stories 66] [--types quote_variant,...]

Each ECB+ sub-topic (documents reporting one event) becomes a story of up to 6 articles, analysed
and compared exactly as ``newsprism compare`` does. The command prints the findings of the chosen
types, one line each, then the count of every type. There is no gold for findings: the output is
for a person to read and judge (a finding a careful reader would reject is a false alarm).
ECB+ text is pre-tokenised (``word ,`` and ``''`` for closing quotes); spaces before commas and
full stops are undone, the quote marks are left as they are.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.comparison import compare_articles
from newsprism.eval.align import ECB
from newsprism.eval.common import dataset_path, read_jsonl
from newsprism.model import Article, article_id

MAX_ARTICLES = 6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--stories", type=int, default=66, help="how many stories (ECB+ sub-topics)")
    parser.add_argument("--types", default="quote_variant,attribution_conflict,name_variant,number_conflict,"
                                            "date_conflict", help="finding types to print, comma-separated")
    args = parser.parse_args()
    if not Path(args.data).is_dir():
        print(f"survey: {args.data} not found; nothing to survey")
        return 0
    by_story: dict[str, list[dict[str, str]]] = defaultdict(list)
    for rec in read_jsonl(dataset_path(Path(args.data), ECB)):
        by_story[str(rec.get("story") or rec["topic"])].append(rec)
    stories = [recs for recs in by_story.values() if len(recs) >= 2][: args.stories]
    wanted = set(args.types.split(","))
    counts: Counter[str] = Counter()
    for recs in stories:
        arts = [Article(article_id(r["text"]), r["text"].replace(" ,", ",").replace(" .", "."), language="en",
                        origin=r["id"], source=r["id"]) for r in recs[:MAX_ARTICLES]]
        comparison = compare_articles(analyze_articles(arts, AnalyzeOptions()))
        for f in comparison.findings:
            counts[f.type] += 1
            if f.type in wanted:
                print(f"{f.type}: {' '.join(f.message.split())}")
    print(f"{len(stories)} stories; findings by type: {dict(sorted(counts.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
