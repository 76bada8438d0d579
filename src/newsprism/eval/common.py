"""Shared pieces of the scorers: the report record, dataset loading and span metrics."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.errors import UsageError

__all__ = ["EvalReport", "dataset_path", "prf", "quick_sample", "read_jsonl"]

QUICK_SEED = 13


@dataclass(slots=True)
class EvalReport:
    """What one scorer measured.

    Attributes:
        task: The task name ("quotes", "align", ...).
        dataset: The dataset file(s) read.
        n: How many items (documents, pairs) were scored.
        quick: Whether this was the fixed quick subset.
        scores: ``{system: {metric: value}}``; "ours" is the system under test, the rest are
            baselines computed in the same run.
        notes: Free-form remarks (how the baseline works, what was skipped).
    """

    task: str
    dataset: str
    n: int
    quick: bool
    scores: dict[str, dict[str, float]]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"task": self.task, "dataset": self.dataset, "n": self.n, "quick": self.quick,
                "scores": self.scores, "notes": self.notes}


def dataset_path(data_dir: Path, relative: str) -> Path:
    """Return ``data_dir / relative``, or raise a UsageError that says the data is absent."""
    path = data_dir / relative
    if not path.is_file():
        raise UsageError(f"{path}: dataset not found (pass --data DIR pointing at the shared datasets)")
    return path


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSONL file, one a line, blank lines skipped."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def quick_sample(items: list[Any], k: int) -> list[Any]:
    """Return a fixed, seeded subset of ``k`` items (all of them if there are fewer), order kept."""
    if len(items) <= k:
        return items
    idx = sorted(random.Random(QUICK_SEED).sample(range(len(items)), k))
    return [items[i] for i in idx]


def prf(tp: float, n_pred: float, n_gold: float) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}
