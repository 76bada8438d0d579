"""Judge the findings ``compare`` makes on BASIL triplets that have no verdict yet.

    python eval/review_findings.py [--data ../shared/data] [--stories N] [--out review.jsonl]
    python eval/review_findings.py --merge review.jsonl

The first form writes one row per unjudged finding, with its message and evidence text, to
``--out`` (keep it outside the repository: it quotes the articles). Set each row's ``verdict`` to
``"correct"`` or ``"false_alarm"`` and its ``why``, then ``--merge`` adds the judged rows to
``eval/labels/findings_basil.jsonl`` without the text (key, verdict and reason only). Rows left
with ``"verdict": null`` are not merged. ``newsprism eval findings`` then scores against them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsprism._io import write_atomic
from newsprism.eval.findings import LABELS, VERDICTS, read_labels, review_rows, row_key, strip_review_row, triplets


def _merge(review: Path) -> int:
    labels = read_labels()
    rows = [json.loads(line) for line in review.read_text(encoding="utf-8").splitlines() if line.strip()]
    judged = [strip_review_row(r) for r in rows if r.get("verdict") in VERDICTS]
    for r in judged:
        row_key(r)  # a malformed row fails here, before the verdict file is touched
    old = LABELS.read_text(encoding="utf-8") if LABELS.is_file() else ""
    new = [json.dumps(r, ensure_ascii=False) for r in judged]
    write_atomic(LABELS, old + "".join(line + "\n" for line in new))
    print(f"merged {len(judged)} verdicts ({len(rows) - len(judged)} rows left unjudged); "
          f"{len(labels) + len(judged)} rows in {LABELS}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--stories", type=int, default=0, help="only the first N triplets (0: all)")
    parser.add_argument("--out", default="findings-review.jsonl", help="where to write the rows to judge")
    parser.add_argument("--merge", metavar="FILE", help="add the judged rows of FILE to the verdicts")
    args = parser.parse_args()
    if args.merge:
        return _merge(Path(args.merge))
    if not Path(args.data).is_dir():
        print(f"review: {args.data} not found; nothing to review")
        return 0
    stories = triplets(Path(args.data))
    stories = stories[: args.stories] if args.stories else stories
    rows = list(review_rows(stories, read_labels()))
    Path(args.out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} unjudged findings from {len(stories)} triplets written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
