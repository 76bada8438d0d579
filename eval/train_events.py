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

from newsprism.eval import events

ROOT = Path(__file__).resolve().parents[1]


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
    Path(args.out).write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: threshold {model.threshold}, {model.meta['pairs']} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
