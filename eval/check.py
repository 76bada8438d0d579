"""The quality gate: run every task pinned in eval/baseline.json and check its floors and pins.

    python eval/check.py [--data DIR] [--quick] [--task TASK ...]

``--quick`` (what ``make test`` runs) scores the shipped models on fixed, seeded subsets; without
it the full, cross-validated runs (an hour on two cores; their results are pinned under "full").
Every score row is cross-validated, held-out or in-sample: quality floors hold only on the first
two; an in-sample row (a shipped model on its own training data) must reproduce its pinned value.

Exit 0 when every floor and pin holds, 1 when one breaks, and 0 with a plain message when the
datasets folder is absent: the datasets are not part of the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsprism.eval import TOLERANCE, check_floors, run_task

BASELINE = Path(__file__).with_name("baseline.json")
SKIPPED = """\
eval: quality gate SKIPPED: no datasets folder at {data}.
eval: the datasets are not part of this repository: they are public research sets (PolNeAR, MSRP,
eval: ECB+, WMT newstest2017, BABE, PTC, BASIL; see README "Quality gate") placed beside the checkout
eval: as ../shared/data, or anywhere with `make test DATA=DIR`. Lint, types and unit tests ran; no
eval: score was checked."""


def _datasets(metrics: list[str]) -> str:
    return ", ".join(dict.fromkeys(m.split("_")[0] for m in metrics))


def _score(scores: dict[str, dict[str, float]], key: str) -> float:
    system, _, metric = key.partition(".")
    return scores.get(system, {}).get(metric, float("nan"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--quick", action="store_true", help="the shipped models on fixed subsets (make test)")
    parser.add_argument("--task", action="append", help="only this task (repeatable)")
    args = parser.parse_args()
    if not Path(args.data).is_dir():
        print(SKIPPED.format(data=args.data))
        return 0
    pinned = json.loads(BASELINE.read_text(encoding="utf-8"))
    mode = "quick" if args.quick else "full"
    failures: list[str] = []
    for task in args.task or sorted(k for k in pinned if not k.startswith("_")):
        start = time.perf_counter()
        report = run_task(task, args.data, quick=args.quick)
        rows = report.rows()
        split = {s for s, _, _ in rows if sum(s == t for t, _, _ in rows) > 1}  # systems of several kinds
        print(f"eval {task} ({mode}): {report.n} items in {time.perf_counter() - start:.0f} s; rows: "
              + "; ".join(f"{system} {kind}" + (f" ({_datasets(metrics)})" if system in split else "")
                          for system, kind, metrics in rows))
        pins = pinned.get(task, {}).get(mode, {})
        for key, floor in pins.get("floors", {}).items():
            value = _score(report.scores, key)
            print(f"  floor      {key:<42} {value:.4f} >= {floor:.4f}  [{report.kinds.get(key)}]"
                  + ("" if value >= floor else "  BROKEN"))
        for key in pins.get("reproduce", []):
            value, want = _score(report.scores, key), pins.get("measured", {}).get(key, float("nan"))
            print(f"  reproduce  {key:<42} {value:.4f} == {want:.4f}  [{report.kinds.get(key)}]"
                  + ("" if abs(value - want) <= pins.get("tolerance", TOLERANCE) else "  DRIFTED"))
        failures += check_floors(report, BASELINE)
    for line in failures:
        print(f"GATE FAILED: {line}", file=sys.stderr)
    print(f"eval: {len(failures)} check(s) failed" if failures else "eval: all floors and reproducibility pins hold")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
