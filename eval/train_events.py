"""Fit the shipped "same event?" pair model on ECB+ topics 1-35 and write event_pair_model.json.

    python eval/train_events.py [--data DIR] [--out models/newsprism_models/event_pair_model.json]

The model is fitted on every within-topic pair of gold event mentions; its average-link cut is
chosen on the same topics (as each fold of ``newsprism eval events`` does on its training topics).
"""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path
from typing import Any

from newsprism.eval import events

ROOT = Path(__file__).resolve().parents[1]


def dumps(data: dict[str, Any]) -> str:
    """The model file's text: indented, its lemma-pair rows one a line (a readable diff)."""
    data = dict(data)
    rows = data.pop("lemma_pairs", [])
    head = json.dumps(data, indent=1)[: -len("\n}")]
    body = ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows)
    return f'{head},\n "lemma_pairs": [\n{body}\n ]\n}}\n'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--out", default=str(ROOT / "models" / "newsprism_models" / "event_pair_model.json"))
    args = parser.parse_args()
    pairs = events.prepare(Path(args.data), quick=False)
    model = events.fit(pairs)
    model.meta = {"data": "ECB+ (Cybulska & Vossen 2014) topics 1-35, gold event mentions, within-topic pairs",
                  "licence": "CC-BY-3.0", "topics": len(pairs), "pairs": int(sum(len(tp.y) for tp in pairs)),
                  "l2": events.L2, "fitted": datetime.date.today().isoformat(),
                  "command": "python eval/train_events.py"}
    Path(args.out).write_text(dumps(model.to_dict()), encoding="utf-8")
    print(f"wrote {args.out}: threshold {model.threshold}, {model.meta['pairs']} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
