"""The quality gate: run every task that has floors in eval/baseline.json and fail below a floor.

    python eval/check.py [--data DIR] [--quick]

Exit 0 when every score is at or above its floor, 1 when one is below, and 0 with a clear
message when the datasets folder is absent (a checkout without ../shared/data).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsprism.eval import check_floors, run_task

BASELINE = Path(__file__).with_name("baseline.json")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if not Path(args.data).is_dir():
        print(f"eval: {args.data} not found; quality gate skipped")
        return 0
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    failures: list[str] = []
    for task in sorted(k for k in floors if not k.startswith("_")):
        start = time.perf_counter()
        report = run_task(task, args.data, quick=args.quick)
        took = time.perf_counter() - start
        ours = ", ".join(f"{k}={v:.3f}" for k, v in sorted(report.scores.get("ours", {}).items()))
        print(f"eval {task}: n={report.n} in {took:.0f}s; ours: {ours}")
        failures += check_floors(report, BASELINE)
    for line in failures:
        print(f"FLOOR BROKEN: {line}", file=sys.stderr)
    print(f"eval: {len(failures)} floor(s) broken" if failures else "eval: all floors hold")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
