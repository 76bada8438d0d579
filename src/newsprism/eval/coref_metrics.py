"""Coreference metrics as the CoNLL reference scorer (v8.01) defines them: MUC, B³, CEAF-e, CoNLL F1.

A clustering is a collection of chains, each a set of mention ids. Key (gold) and response
(system) may hold different mentions: a mention missing from the other side counts as a singleton
there, as in the reference scorer. Singletons are kept (ECB+ evaluation with gold mentions keeps
them).

- **MUC** (Vilain et al. 1995): link-based. Recall = Σ_K (|K| − p(K)) / Σ_K (|K| − 1), where p(K)
  is the number of parts the response cuts chain K into (a key mention the response lacks is a
  part of its own); precision swaps key and response.
- **B³** (Bagga & Baldwin 1998): mention-based. Recall = Σ_K Σ_R |K∩R|² / |K| over the key
  mentions; precision swaps the roles.
- **CEAF-e** (Luo 2005): entity-based, φ4(K, R) = 2|K∩R| / (|K| + |R|), the best one-to-one
  alignment of key and response chains (Kuhn–Munkres); recall = Σφ4 / #key chains, precision
  = Σφ4 / #response chains.
- **CoNLL F1**: the mean of the three F1s.

Hungarian assignment is written here (a few lines) so the eval needs no scipy.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

__all__ = ["Chains", "b_cubed", "ceaf_e", "chains_of", "conll", "muc"]

Chains = Sequence[frozenset[Hashable]]


def chains_of(assignment: Mapping[Any, Hashable]) -> list[frozenset[Hashable]]:
    """Turn ``{mention: cluster label}`` into a list of chains (sets of mentions)."""
    by: dict[Hashable, set[Hashable]] = {}
    for mention, label in assignment.items():
        by.setdefault(label, set()).add(mention)
    return [frozenset(c) for c in by.values()]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> dict[str, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return {"p": p, "r": r, "f1": _f1(p, r)}


def _clean(chains: Iterable[Iterable[Hashable]]) -> list[frozenset[Hashable]]:
    out = [frozenset(c) for c in chains]
    return [c for c in out if c]


def _symmetric(recall: Callable[[list[frozenset[Hashable]], list[frozenset[Hashable]]], tuple[float, float]],
               key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict[str, float]:
    """Precision, recall and F1 of a link-based metric whose precision is its recall with the sides swapped."""
    k, r = _clean(key), _clean(response)
    r_num, r_den = recall(k, r)
    p_num, p_den = recall(r, k)
    return _prf(p_num, p_den, r_num, r_den)


def _muc_recall(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> tuple[float, float]:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0.0
    for k in key:
        # Each mention the response lacks is a part on its own; the others fall into their chains.
        parts = {where[m] for m in k if m in where} | {("missing", m) for m in k if m not in where}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict[str, float]:
    """MUC precision, recall and F1."""
    return _symmetric(_muc_recall, key, response)


def _b3_recall(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> tuple[float, float]:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0.0
    for k in key:
        counts: dict[int, int] = {}
        for m in k:
            if m in where:
                counts[where[m]] = counts.get(where[m], 0) + 1
        num += sum(n * n for n in counts.values()) / len(k)
        den += len(k)
    return num, den


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict[str, float]:
    """B³ precision, recall and F1."""
    return _symmetric(_b3_recall, key, response)


def _max_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Kuhn–Munkres)."""
    n_rows = len(weights)
    n_cols = len(weights[0]) if weights else 0
    if not n_rows or not n_cols:
        return 0.0
    size = max(n_rows, n_cols)
    top = max(max(row) for row in weights)
    # Minimise cost = top - weight on a square matrix padded with cost `top` (weight 0).
    cost = [[top - (weights[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(size)] for i in range(size)]
    inf = float("inf")
    u = [0.0] * (size + 1)
    v = [0.0] * (size + 1)
    match = [0] * (size + 1)  # match[column] = row, 1-based; 0 = free
    way = [0] * (size + 1)
    for i in range(1, size + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    total = 0.0
    for j in range(1, size + 1):
        i = match[j]
        if i and i <= n_rows and j <= n_cols:
            total += weights[i - 1][j - 1]
    return total


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict[str, float]:
    """CEAF-e (entity-based CEAF, φ4 similarity) precision, recall and F1."""
    k, r = _clean(key), _clean(response)
    if not k or not r:
        return {"p": 0.0, "r": 0.0, "f1": 0.0}
    where = {m: i for i, c in enumerate(r) for m in c}
    # Only chains that share a mention have φ4 > 0: solve the assignment per connected block
    # of that sparse matrix, which keeps Kuhn–Munkres small on a topic with hundreds of chains.
    edges: dict[int, dict[int, float]] = {}
    for i, kc in enumerate(k):
        shared: dict[int, int] = {}
        for m in kc:
            if m in where:
                shared[where[m]] = shared.get(where[m], 0) + 1
        edges[i] = {j: 2 * n / (len(kc) + len(r[j])) for j, n in shared.items()}
    similarity = 0.0
    seen_rows: set[int] = set()
    for start in range(len(k)):
        if start in seen_rows or not edges[start]:
            continue
        rows, cols, todo = {start}, set(), [("k", start)]
        while todo:
            side, idx = todo.pop()
            if side == "k":
                for j in edges[idx]:
                    if j not in cols:
                        cols.add(j)
                        todo.append(("r", j))
            else:
                for i in (i for i, e in edges.items() if idx in e and i not in rows):
                    rows.add(i)
                    todo.append(("k", i))
        seen_rows |= rows
        row_list, col_list = sorted(rows), sorted(cols)
        similarity += _max_assignment([[edges[i].get(j, 0.0) for j in col_list] for i in row_list])
    return _prf(similarity, len(r), similarity, len(k))


def conll(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict[str, float]:
    """All three metrics and CoNLL F1: ``{"muc_f1", "b3_f1", "ceafe_f1", "conll_f1", ...p/r}``."""
    k, r = _clean(key), _clean(response)
    out: dict[str, float] = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        got = metric(k, r)
        for part, value in got.items():
            out[f"{name}_{part}"] = value
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out
