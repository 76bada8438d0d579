"""Shared pieces of the scorers: the report record, row kinds, folds, dataset loading and span metrics.

Every score a scorer reports is marked with its kind, which decides how the gate may use it:

- ``cross-validated``: the whole fitting procedure rerun per fold, each item scored by a model that
  never saw it (:func:`check_folds` refuses folds that would train on their own test fold);
- ``held-out``: nothing scored was fitted on this data (a rule-based part, the shipped model on a
  dataset or split it was not fitted on, a threshold-free baseline);
- ``in-sample``: the shipped model scored on the data it was fitted on. Optimistic, so never a
  quality floor; its exact value is pinned instead, as a check that the code and data still
  reproduce it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.errors import UsageError

__all__ = ["CROSS_VALIDATED", "HELD_OUT", "IN_SAMPLE", "KINDS", "EvalReport", "check_folds", "dataset_path",
           "macro_f1", "prf", "quick_sample", "read_jsonl", "si_score"]

QUICK_SEED = 13
CROSS_VALIDATED = "cross-validated"
HELD_OUT = "held-out"
IN_SAMPLE = "in-sample"
KINDS = (CROSS_VALIDATED, HELD_OUT, IN_SAMPLE)


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
        kinds: ``{"system.metric": kind}``, one of :data:`KINDS` per score (see the module doc).
    """

    task: str
    dataset: str
    n: int
    quick: bool
    scores: dict[str, dict[str, float]]
    notes: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)

    def mark(self, kind: str, system: str, prefix: str = "") -> None:
        """Mark every score of ``system`` whose metric starts with ``prefix`` (a dataset) as ``kind``."""
        if kind not in KINDS:
            raise ValueError(f"unknown row kind {kind!r} (choose from {', '.join(KINDS)})")
        for metric in self.scores.get(system, {}):
            if metric.startswith(prefix):
                self.kinds[f"{system}.{metric}"] = kind

    def kind_of(self, key: str) -> str:
        """The kind of the score ``"system.metric"``.

        Raises:
            UsageError: The scorer did not mark that score (a scorer bug: every score needs a kind).
        """
        if key not in self.kinds:
            raise UsageError(f"{self.task}: score {key!r} is not marked cross-validated, held-out or in-sample")
        return self.kinds[key]

    def rows(self) -> list[tuple[str, str, list[str]]]:
        """``(system, kind, metrics)``: each system's scores grouped by kind, in report order."""
        groups: dict[tuple[str, str], list[str]] = {}
        for system, metrics in self.scores.items():
            for metric in metrics:
                groups.setdefault((system, self.kinds.get(f"{system}.{metric}", "unmarked")), []).append(metric)
        return [(system, kind, metrics) for (system, kind), metrics in groups.items()]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"task": self.task, "dataset": self.dataset, "n": self.n, "quick": self.quick,
                "scores": self.scores, "kinds": self.kinds, "notes": self.notes}


def check_folds(folds: npt.NDArray[np.int64] | list[int], what: str) -> None:
    """Refuse a cross-validation in which some fold would be scored by a model trained on itself.

    With fewer than two folds holding items, "the other folds" are empty: a fit on them is
    impossible, and falling back to the test fold itself would report an in-sample score as a
    cross-validated one.

    Args:
        folds: The fold of each item.
        what: What is cross-validated, for the message.

    Raises:
        UsageError: Fewer than two folds hold items.
    """
    used = np.unique(np.asarray(folds, dtype=np.int64))
    if len(used) < 2:
        raise UsageError(f"{what}: cross-validation needs items in at least two folds, but "
                         f"{len(np.asarray(folds))} item(s) fall in {len(used)} fold(s); scoring them would train "
                         "on the test fold itself (an in-sample score); use a larger subset")


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


def macro_f1(y: npt.NDArray[np.float64], pred: npt.NDArray[Any]) -> float:
    """Macro-averaged F1 of a binary task (mean of both classes' F1)."""
    f = []
    for cls in (0, 1):
        tp = float(np.sum((pred == cls) & (y == cls)))
        wrong = float(np.sum((pred == cls) != (y == cls)))
        f.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return float(np.mean(f))


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def si_score(docs: Sequence[tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]]]) -> dict[str, float]:
    """SemEval-2020 Task 11 span-identification P / R / F1 (see :mod:`newsprism.eval.loaded`).

    Args:
        docs: Per document, ``(predicted spans, gold spans)`` as ``(start, end)`` character
            offsets, end exclusive.

    Returns:
        ``{"p", "r", "f1"}``, and ``n_pred`` / ``n_gold`` (spans after merging).
    """
    p_sum = r_sum = 0.0
    n_s = n_t = 0
    for pred, gold in docs:
        s_spans, t_spans = _merge(pred), _merge(gold)
        n_s += len(s_spans)
        n_t += len(t_spans)
        for s0, s1 in s_spans:
            for t0, t1 in t_spans:
                inter = min(s1, t1) - max(s0, t0)
                if inter > 0:
                    p_sum += inter / (s1 - s0)
                    r_sum += inter / (t1 - t0)
    p = p_sum / n_s if n_s else 0.0
    r = r_sum / n_t if n_t else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "n_pred": float(n_s), "n_gold": float(n_t)}
