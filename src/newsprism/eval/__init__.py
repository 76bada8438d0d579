"""Quality scorers on the shared research datasets, and the floors CI enforces.

Each task is a function ``run(data_dir, quick) -> EvalReport`` that reads its dataset in the
format the data README describes, scores newsprism ("ours") and baselines computed in the same
run, and marks every score cross-validated, held-out or in-sample (:mod:`newsprism.eval.common`).

``quick`` scores the shipped models as they are on fixed, seeded subsets (nothing is refitted: what
``make test`` runs); the full run adds the cross-validated rows, which refit every model per fold.

``eval/baseline.json`` pins, per task and mode (``quick`` / ``full``)::

    {"command": "...", "date": "YYYY-MM-DD", "tolerance": 0.002,
     "measured": {"system.metric": value, ...},   # what the command measured
     "floors": {"system.metric": floor, ...},     # cross-validated or held-out rows only
     "reproduce": ["system.metric", ...]}         # in-sample rows: measured value +- tolerance

A floor fails when the score falls below it; a reproducibility check fails on any drift beyond the
tolerance, up or down (an in-sample score says nothing about quality; a change says the code, a
model file or the data changed).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsprism.errors import UsageError
from newsprism.eval.common import CROSS_VALIDATED, HELD_OUT, IN_SAMPLE, KINDS, EvalReport

__all__ = ["CROSS_VALIDATED", "HELD_OUT", "IN_SAMPLE", "KINDS", "TASKS", "TOLERANCE", "EvalReport", "check_floors",
           "run_task"]

#: Default drift allowed on a reproducibility check (scores are rounded to 4 places).
TOLERANCE = 0.002

# Task name -> module with a ``run`` function; imported only when the task runs.
TASKS: dict[str, str] = {
    "quotes": "newsprism.eval.quotes",
    "align": "newsprism.eval.align",
    "loaded": "newsprism.eval.loaded",
    "stories": "newsprism.eval.stories",
    "findings": "newsprism.eval.findings",
    "xalign": "newsprism.eval.xalign",
    "events": "newsprism.eval.events",
    "extraction": "newsprism.eval.extraction",
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
    report = run(data, quick)
    for system, metrics in report.scores.items():
        for metric in metrics:
            report.kind_of(f"{system}.{metric}")  # every score must say what kind of row it is
    return report


def _pins(path: Path, task: str, mode: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise UsageError(f"{path}: cannot read baseline ({err})") from None
    pins = data.get(task, {}).get(mode, {}) if isinstance(data, dict) else {}
    if not isinstance(pins, dict):
        raise UsageError(f"{path}: {task}.{mode} must be an object")
    return pins


def check_floors(report: EvalReport, baseline_file: str | Path) -> list[str]:
    """Check a report against what is pinned for its task and mode: quality floors and reproducibility.

    Floors apply only to cross-validated and held-out scores; in-sample scores (the shipped model
    on its own training data) are pinned to their measured value instead, within the tolerance.

    Returns:
        One message per broken floor or failed reproducibility check (empty when all pass).

    Raises:
        UsageError: The baseline file is missing or invalid, names a score the report lacks, or
            puts a floor on an in-sample score.
    """
    path = Path(baseline_file)
    mode = "quick" if report.quick else "full"
    pins = _pins(path, report.task, mode)
    measured: dict[str, float] = pins.get("measured", {})
    tolerance = float(pins.get("tolerance", TOLERANCE))

    def value_of(key: str) -> float:
        system, _, metric = key.partition(".")
        if metric not in report.scores.get(system, {}):
            raise UsageError(f"{path}: {report.task} ({mode}) pins {key!r}, a score the scorer does not report")
        return report.scores[system][metric]

    failures = []
    for key, floor in pins.get("floors", {}).items():
        value, kind = value_of(key), report.kind_of(key)
        if kind == IN_SAMPLE:
            raise UsageError(f"{path}: {report.task} ({mode}) puts a floor on {key!r}, an in-sample score (the "
                             "shipped model on its own training data): pin it under 'reproduce' instead")
        if value < floor:
            failures.append(f"{report.task} ({mode}): {key} = {value:.4f} is below its floor {floor:.4f} "
                            f"(quality floor, {kind} score)")
    for key in pins.get("reproduce", []):
        value, kind = value_of(key), report.kind_of(key)
        if key not in measured:
            raise UsageError(f"{path}: {report.task} ({mode}) reproduces {key!r} but has no measured value for it")
        if abs(value - measured[key]) > tolerance:
            failures.append(f"{report.task} ({mode}): {key} = {value:.4f}, pinned {measured[key]:.4f} +- {tolerance} "
                            f"(reproducibility check of a {kind} score, not a quality floor: it moved, so the code, "
                            "a model file or the data changed; re-measure and re-pin it if that was intended)")
    return failures
