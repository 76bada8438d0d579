"""The flat arrays grouping keeps per grouped article, and the MinHash arithmetic over them.

Numpy arrays grown by doubling and ragged rows in one flat array, so the rows of a batch of
members are gathered in one operation, without a Python loop over the members.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Growing", "Ragged", "Vocab", "jaccards"]


def jaccards(mine: npt.NDArray[np.uint64], theirs: npt.NDArray[np.uint64], seg: npt.NDArray[np.int64],
              m: int, at_least: float = 0.0) -> npt.NDArray[np.float64]:
    """Bottom-k MinHash Jaccard estimates of one sketch against ``m`` others, in one pass.

    For each other sketch (its hashes are ``theirs[seg == i]``, each sketch sorted and distinct):
    the share of the ``k`` smallest hashes of the two sketches' union (``k``: the larger sketch's
    size) that both hold; 0.0 when either is empty, and for a sketch that shares too few hashes
    to reach ``at_least`` (so the usual case, no copy among the neighbours, costs no sort).
    """
    if not len(mine) or not len(theirs):
        return np.zeros(m)
    sizes = np.bincount(seg, minlength=m)
    at = np.minimum(np.searchsorted(mine, theirs), len(mine) - 1)
    both = mine[at] == theirs
    shared = np.bincount(seg[both], minlength=m)
    union = len(mine) + sizes - shared
    take = np.minimum(np.maximum(len(mine), sizes), union)  # the union's k smallest are kept
    out = np.zeros(m)
    # Only the shared hashes among the k smallest count, so fewer than at_least * k shared cannot reach it.
    able = (sizes > 0) & (shared >= at_least * take)
    if not able.any():
        return out
    # Each union, sorted, for the sketches that can reach it only (the neighbours a copy shares
    # many hashes with can be most of them): the sketch's hashes once per such sketch, plus that
    # sketch's own others.
    rows_ = np.flatnonzero(able)
    renumber = np.full(m, -1, dtype=np.int64)
    renumber[rows_] = np.arange(len(rows_))
    keep = able[seg]
    theirs, both, seg = theirs[keep], both[keep], renumber[seg[keep]]
    union, take = union[rows_], take[rows_]
    only = ~both
    values = np.concatenate([np.tile(mine, len(rows_)), theirs[only]])
    rows = np.concatenate([np.repeat(np.arange(len(rows_)), len(mine)), seg[only]])
    values = values[np.lexsort((values, rows))]
    cut = values[np.cumsum(union) - union + take - 1]
    inside = np.bincount(seg, weights=both & (theirs <= cut[seg]), minlength=len(rows_))
    out[rows_] = inside / take
    return out


class Ragged:
    """Rows of integers or floats of varying length, appended one at a time and gathered in batches.

    One flat array (grown by doubling) and each row's start, so the rows of a batch of members
    come out as one array and a row number per value, without a Python loop over the members.
    """

    def __init__(self, dtype: type) -> None:
        self._flat = Growing(dtype)
        self._start = Growing(np.int64)
        self._start.append(0)

    def append(self, row: npt.ArrayLike) -> None:
        self._flat.extend(np.asarray(row, dtype=self._flat.data.dtype))
        self._start.append(self._flat.size)

    def row(self, k: int) -> npt.NDArray[Any]:
        return self._flat.data[self._start.data[k] : self._start.data[k + 1]]

    @property
    def flat(self) -> npt.NDArray[Any]:
        """Every row's values, end to end (index it with :meth:`where`)."""
        return self._flat.data

    def where(self, ks: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Where the values of rows ``ks`` are in :attr:`flat`, concatenated, and the position in ``ks`` of each."""
        starts = self._start.data[ks]
        lengths = self._start.data[ks + 1] - starts
        seg = np.repeat(np.arange(len(ks), dtype=np.int64), lengths)
        # Position of each value: its row's start plus its offset within the row.
        offsets = np.cumsum(lengths) - lengths
        idx = np.arange(len(seg), dtype=np.int64) - np.repeat(offsets - starts, lengths)
        return idx, seg

    def gather(self, ks: npt.NDArray[np.int64]) -> tuple[npt.NDArray[Any], npt.NDArray[np.int64]]:
        """The values of rows ``ks``, concatenated, and the position in ``ks`` each came from."""
        idx, seg = self.where(ks)
        return self._flat.data[idx], seg


class Growing:
    """A numpy array indexed by ordinal, grown by doubling (vectors, dates, sizes, word counts)."""

    def __init__(self, dtype: type, width: int = 0) -> None:
        self.data: npt.NDArray[Any] = np.zeros((1024, width) if width else 1024, dtype=dtype)
        self.size = 0

    def reserve(self, size: int) -> None:
        """Make room for ``size`` rows (the new ones zero)."""
        if size > len(self.data):
            grown = np.zeros((max(size, 2 * len(self.data)), *self.data.shape[1:]), dtype=self.data.dtype)
            grown[: self.size] = self.data[: self.size]
            self.data = grown

    def append(self, value: Any) -> None:
        self.reserve(self.size + 1)
        self.data[self.size] = value
        self.size += 1

    def extend(self, values: npt.NDArray[Any]) -> None:
        self.reserve(self.size + len(values))
        self.data[self.size : self.size + len(values)] = values
        self.size += len(values)


class Vocab:
    """Strings to dense ids (words, names, numbers), so sets of them are compared as arrays."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def id(self, key: str) -> int:
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.ids)
        return found

    def known(self, keys: Iterable[str]) -> npt.NDArray[np.int64]:
        """Ids of the keys already seen (an unseen one can match no grouped article)."""
        get = self.ids.get
        return np.fromiter((i for k in keys if (i := get(k)) is not None), dtype=np.int64)

    def add(self, keys: Iterable[str]) -> npt.NDArray[np.int64]:
        return np.fromiter((self.id(k) for k in keys), dtype=np.int64)

