"""The flat arrays grouping keeps per grouped article, and the MinHash estimate that tells a wire copy.

Numpy arrays grown by doubling and ragged rows in one flat array, so the rows of a batch of
members are gathered in one operation, without a Python loop over the members.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Growing", "Ragged", "Vocab", "first_copy"]


def first_copy(mine: npt.NDArray[np.uint64], theirs: npt.NDArray[np.uint64], seg: npt.NDArray[np.int64],
               m: int, at_least: float) -> int:
    """The first of ``m`` other sketches whose bottom-k MinHash Jaccard with ``mine`` reaches ``at_least``, or -1.

    Other sketch ``i`` is ``theirs[seg == i]`` (``seg`` ascending; each sketch sorted and distinct).
    The estimate is the share of the ``k`` smallest hashes of the two sketches' union (``k``: the
    larger sketch's size) that both hold; 0.0 when either is empty. Only the shared hashes among
    the k smallest count, so a sketch sharing fewer than ``at_least * k`` cannot reach it and is
    never merged with ours; the others are tried in order until one reaches it (the first
    neighbours of a wire copy usually are its text's earlier copies, so one or two are).
    """
    if not len(mine) or not len(theirs):
        return -1
    sizes = np.bincount(seg, minlength=m)
    at = np.minimum(np.searchsorted(mine, theirs), len(mine) - 1)
    both = mine[at] == theirs
    shared = np.bincount(seg[both], minlength=m)
    union = len(mine) + sizes - shared
    take = np.minimum(np.maximum(len(mine), sizes), union)  # the union's k smallest are kept
    able = np.flatnonzero((sizes > 0) & (shared >= at_least * take))
    if not len(able):
        return -1
    starts = np.cumsum(sizes) - sizes
    for i in able.tolist():
        row = slice(starts[i], starts[i] + sizes[i])
        cut = np.union1d(mine, theirs[row])[take[i] - 1]
        inside = int(np.count_nonzero(both[row] & (theirs[row] <= cut)))
        if inside / take[i] >= at_least:
            return int(i)
    return -1


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

