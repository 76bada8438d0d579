"""Quality scorers on the shared research datasets, and the floors CI enforces.

Each task is a function ``run(data_dir, quick) -> EvalReport`` that reads its dataset in the
format the data README describes, scores newsprism ("ours") and baselines computed in the same
run. Floors live in ``eval/baseline.json``: ``{task: {"system.metric": floor}}``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path

from newsprism.errors import UsageError
from newsprism.eval.common import EvalReport

__all__ = ["TASKS", "EvalReport", "check_floors", "run_task"]

# Task name -> module with a ``run`` function; imported only when the task runs.
TASKS: dict[str, str] = {
    "quotes": "newsprism.eval.quotes",
    "align": "newsprism.eval.align",
    "loaded": "newsprism.eval.loaded",
}


def run_task(task: str, data_dir: str | Path, quick: bool = False) -> EvalReport:
    """Run one scorer.

    Args:
        task: A key of :data:`TASKS`.
        data_dir: The folder holding the datasets (``../shared/data`` layout).
        quick: Score the fixed, seeded quick subset instead of the whole set.

    Returns:
        The report with our scores and the baselines'.

    Raises:
        UsageError: Unknown task, or the dataset is not in ``data_dir``.
    """
    if task not in TASKS:
        raise UsageError(f"unknown eval task {task!r} (choose from {', '.join(sorted(TASKS))})")
    data = Path(data_dir)
    if not data.is_dir():
        raise UsageError(f"{data}: data folder not found (pass --data DIR)")
    run: Callable[[Path, bool], EvalReport] = importlib.import_module(TASKS[task]).run
    return run(data, quick)


def check_floors(report: EvalReport, baseline_file: str | Path) -> list[str]:
    """Compare a report with the floors pinned for its task.

    Returns:
        One message per score below its floor (empty when all pass).

    Raises:
        UsageError: The baseline file is missing or invalid, or names a score the report lacks.
    """
    path = Path(baseline_file)
    try:
        floors = json.loads(path.read_text(encoding="utf-8")).get(report.task, {})
    except (OSError, json.JSONDecodeError) as err:
        raise UsageError(f"{path}: cannot read baseline ({err})") from None
    failures = []
    mode = "quick" if report.quick else "full"
    for key, floor in floors.get(mode, {}).items():
        system, _, metric = key.partition(".")
        if metric not in report.scores.get(system, {}):
            raise UsageError(f"{path}: {report.task} floor {key!r} names a score the scorer does not report")
        value = report.scores[system][metric]
        if value < floor:
            failures.append(f"{report.task} ({mode}): {key} = {value:.4f} is below its floor {floor:.4f}")
    return failures
