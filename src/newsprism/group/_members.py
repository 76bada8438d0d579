"""The grouped articles' signals, one row per article ordinal, and the pair scores over them.

What is kept of each grouped article lives in arrays indexed by its ordinal (vectors, dates,
languages) and in :class:`Ragged` rows (its heaviest words, names, numbers, years, shingle
sketch), so a new article is scored against all its candidates' sampled members in a few array
operations. The pair score is described in :mod:`newsprism.group.grouper`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsprism.group._arrays import Growing, Ragged, Vocab
from newsprism.group.features import ArticleFeatures
from newsprism.group.options import GroupOptions

__all__ = ["NO_DAY", "Members", "Query"]

#: ``day`` of an article without a publication date.
NO_DAY = np.iinfo(np.int64).min
#: Bound on a named calendar day's value (``month * 100 + day``), so the day is its own id.
DAY_IDS = 1232


@dataclass(slots=True)
class Query:
    """One side of the pair scores: a new article, or a grouped one (when two stories may merge)."""

    vector: npt.NDArray[np.float32]
    language: int
    term_ids: npt.NDArray[np.int64]  # of the words already seen; the others only count in ``norm``
    weights: npt.NDArray[np.float64]  # TF-IDF weight per word of ``term_ids``
    norm: float
    names: npt.NDArray[np.int64]
    n_names: int
    lead_numbers: npt.NDArray[np.int64]
    n_lead_numbers: int
    numbers: npt.NDArray[np.int64]
    n_numbers: int
    years: frozenset[int]
    day: int | None
    dates: npt.NDArray[np.int64]  # the calendar days its text writes out (month * 100 + day)


class Members:
    """The signals of every grouped article, by ordinal, and the pair scores of an article with them."""

    def __init__(self, dim: int, options: GroupOptions) -> None:
        """Start empty (``dim``: the length of the embeddings)."""
        self.options = options
        self._words, self._names, self._numbers = Vocab(), Vocab(), Vocab()
        self._languages = Vocab()
        self._df = Growing(np.float64)  # per word id: articles that use it
        self._n = 0
        self._vectors = Growing(np.float32, dim)
        self._language = Growing(np.int64)  # -1: unknown
        self._day = Growing(np.int64)  # date ordinal, or NO_DAY
        self._n_names = Growing(np.int64)
        self._n_lead = Growing(np.int64)
        self._n_numbers = Growing(np.int64)
        self._has_years = Growing(np.bool_)
        self._term_rows, self._tf_rows = Ragged(np.int64), Ragged(np.float64)
        self._name_rows, self._lead_rows, self._number_rows = Ragged(np.int64), Ragged(np.int64), Ragged(np.int64)
        self._year_rows = Ragged(np.int64)
        self._date_rows = Ragged(np.int64)  # written calendar days (month * 100 + day, < DAY_IDS)
        self.sketches = Ragged(np.uint64)
        self._years: list[frozenset[int]] = []
        self._weights_scratch = np.zeros(0, dtype=np.float64)
        self._marks_scratch = np.zeros(0, dtype=np.bool_)

    def __len__(self) -> int:
        return self._n

    def append(self, f: ArticleFeatures, kept: Sequence[str]) -> None:
        """Record a grouped article's signals under the next ordinal (``kept``: the words it keeps)."""
        self._vectors.append(np.asarray(f.vector, dtype=np.float32))
        self._language.append(self._languages.id(f.language) if f.language else -1)
        self._day.append(f.published.toordinal() if f.published is not None else NO_DAY)
        self._n_names.append(len(f.names))
        self._n_lead.append(len(f.lead_numbers))
        self._n_numbers.append(len(f.numbers))
        self._has_years.append(bool(f.years))
        self._years.append(f.years)
        self._name_rows.append(self._names.add(f.names))
        self._lead_rows.append(self._numbers.add(f.lead_numbers))
        self._number_rows.append(self._numbers.add(f.numbers))
        self._year_rows.append(sorted(f.years))
        self._date_rows.append(sorted(f.dates))
        self.sketches.append(np.asarray(f.sketch, dtype=np.uint64))
        self._n += 1
        used = self._words.add(f.terms)
        if len(self._words.ids) > self._df.size:
            self._df.reserve(len(self._words.ids))
            self._df.size = len(self._words.ids)
        self._df.data[used] += 1.0  # the ids of one article's words are distinct
        self._term_rows.append(self._words.add(kept))
        self._tf_rows.append([f.terms[t] for t in kept])

    def _idf(self, df: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.log((self._n + 1) / (df + 1)) + 1.0

    def _word_df(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        return self._df.data[ids]

    def query(self, f: ArticleFeatures) -> tuple[Query, list[str], npt.NDArray[np.float64]]:
        """A new article's side of the scores, its words (in the features' order) and their TF-IDF weights.

        The query's ``term_ids`` are those of its words already seen; :meth:`append` registers the rest.
        """
        words = list(f.terms)
        tf = np.fromiter(f.terms.values(), dtype=np.float64, count=len(words))
        get = self._words.ids.get
        ids = np.fromiter((get(w, -1) for w in words), dtype=np.int64, count=len(words))
        seen = ids >= 0
        df = np.zeros(len(words), dtype=np.float64)
        df[seen] = self._word_df(ids[seen])
        weights = tf * self._idf(df)
        norm = math.sqrt(float(np.dot(weights, weights))) or 1.0
        q = Query(np.asarray(f.vector, dtype=np.float32), self._languages.id(f.language) if f.language else -1,
                   ids[seen], weights[seen], norm,
                   self._names.known(f.names), len(f.names), self._numbers.known(f.lead_numbers),
                   len(f.lead_numbers), self._numbers.known(f.numbers), len(f.numbers), f.years,
                   f.published.toordinal() if f.published is not None else None,
                   np.asarray(sorted(f.dates), dtype=np.int64))
        return q, words, weights

    def member_query(self, k: int) -> Query:
        """A grouped article's side of the scores (its kept words, weighted by the current IDF)."""
        ids = self._term_rows.row(k)
        weights = self._tf_rows.row(k) * self._idf(self._word_df(ids))
        norm = math.sqrt(float(np.dot(weights, weights))) or 1.0
        day = int(self._day.data[k])
        return Query(self._vectors.data[k], int(self._language.data[k]), ids, weights, norm,
                      self._name_rows.row(k), int(self._n_names.data[k]), self._lead_rows.row(k),
                      int(self._n_lead.data[k]), self._number_rows.row(k), int(self._n_numbers.data[k]),
                      self._years[k], None if day == NO_DAY else day, self._date_rows.row(k))

    def _scratch_weights(self, size: int) -> npt.NDArray[np.float64]:
        """A zeroed array of at least ``size`` floats, reused (the caller zeroes what it set)."""
        if len(self._weights_scratch) < size:
            self._weights_scratch = np.zeros(2 * size, dtype=np.float64)
        return self._weights_scratch

    def _scratch_marks(self, size: int) -> npt.NDArray[np.bool_]:
        """An all-False array of at least ``size`` flags, reused (:meth:`_overlap` clears what it sets)."""
        if len(self._marks_scratch) < size:
            self._marks_scratch = np.zeros(2 * size, dtype=np.bool_)
        return self._marks_scratch

    @staticmethod
    def _overlap(marks: npt.NDArray[np.bool_], mine: npt.NDArray[np.int64], rows: Ragged,
                 ks: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Per member of ``ks``: how many values of its row are in ``mine`` (``marks`` is a scratch of False)."""
        values, seg = rows.gather(ks)
        if not len(mine) or not len(values):
            return np.zeros(len(ks), dtype=np.float64)
        marks[mine] = True
        hits = np.bincount(seg, weights=marks[values].astype(np.float64), minlength=len(ks)).astype(np.float64)
        marks[mine] = False
        return hits

    def pairs(self, a: Query, ks: Sequence[int], relieved: npt.NDArray[np.bool_] | None = None,
              gaps: npt.NDArray[np.float64] | None = None) -> npt.NDArray[np.float64]:
        """The pair scores of ``a`` with the grouped articles ``ks`` (see the module docstring).

        ``relieved``: per member, whether its gap penalty is multiplied by ``date_relief`` (its story
        was published on a day ``a``'s text names). ``gaps``: per member, the days the gap penalty
        counts (NaN: none) instead of those between the two publication dates.
        """
        o = self.options
        m = len(ks)
        kk = np.asarray(ks, dtype=np.int64)
        cosine = (self._vectors.data[kk] @ a.vector).astype(np.float64)
        # TF-IDF cosine: the members' kept words weighted by the current IDF, against a's weights.
        at, seg = self._term_rows.where(kk)  # a member's words and their counts are rows of equal length
        ids, tf = self._term_rows.flat[at], self._tf_rows.flat[at]
        wb = tf * self._idf(self._word_df(ids))
        norm_b = np.sqrt(np.bincount(seg, weights=wb * wb, minlength=m))
        norm_b[norm_b == 0.0] = 1.0
        query = self._scratch_weights(self._df.size)
        query[a.term_ids] = a.weights
        lexical = np.bincount(seg, weights=wb * query[ids], minlength=m) / (a.norm * norm_b)
        query[a.term_ids] = 0.0
        scratch = self._scratch_marks(max(len(self._names.ids), len(self._numbers.ids)))
        shared = self._overlap(scratch, a.names, self._name_rows, kk)
        names = shared / np.maximum(1, np.minimum(a.n_names, self._n_names.data[kk]))
        value = (o.lexical * (lexical - o.lexical_mid) / o.lexical_scale
                 + o.semantic * (cosine - o.semantic_mid) / o.semantic_scale
                 + o.names * (names - o.names_mid) / o.names_scale)
        # Words and spellings are not shared across languages: the multilingual embedding carries
        # the weight of both word signals, so no signal of one language decides.
        language = self._language.data[kk]
        if a.language >= 0:
            other = (language >= 0) & (language != a.language)
            value[other] = (o.semantic + o.lexical) * (cosine[other] - o.semantic_mid) / o.semantic_scale
        if o.numbers:
            value += o.numbers * self._echo(a, kk, scratch)
        if o.dates and len(a.dates):
            value += o.dates * self._dates_shared(a.dates, kk)
        if a.years:
            theirs, yseg = self._year_rows.gather(kk)
            common = np.bincount(yseg, weights=np.isin(theirs, list(a.years)), minlength=m)
            value[self._has_years.data[kk] & (common == 0)] -= o.year_penalty
        if a.day is not None:
            days = self._day.data[kk]
            dated = days != NO_DAY
            gap = np.abs(days[dated] - a.day)
            if gaps is not None:  # the days to each member's story's date range instead
                dated = ~np.isnan(gaps)
                gap = gaps[dated]
            late = gap > o.max_gap_days
            penalty = np.zeros(len(gap), dtype=np.float64)
            penalty[late] = np.minimum(o.gap_cap, o.gap_penalty * (gap[late] - o.max_gap_days) / 7)
            if relieved is not None:
                penalty[relieved[dated]] *= o.date_relief
            value[dated] -= penalty
        return np.asarray(value, dtype=np.float64)

    def _dates_shared(self, mine: npt.NDArray[np.int64], kk: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Per member of ``kk``: 1.0 when its text writes out one of the calendar days ``mine`` holds, else 0.0."""
        marks = self._scratch_marks(DAY_IDS)
        return np.minimum(1.0, self._overlap(marks, mine, self._date_rows, kk))

    def _echo(self, a: Query, kk: npt.NDArray[np.int64], scratch: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
        """How far the numbers either report leads with are echoed by the other (centred, scaled, capped)."""
        o = self.options
        told = np.zeros(len(kk), dtype=np.float64)
        echoed = np.zeros(len(kk), dtype=np.float64)
        # A report that tells no numbers, or only a few, says nothing about the other's.
        they_tell = self._n_numbers.data[kk] >= o.numbers_min
        told[they_tell] += a.n_lead_numbers
        echoed += np.where(they_tell, self._overlap(scratch, a.lead_numbers, self._number_rows, kk), 0.0)
        if a.n_numbers >= o.numbers_min:
            told += self._n_lead.data[kk]
            echoed += self._overlap(scratch, a.numbers, self._lead_rows, kk)
        out = np.zeros(len(kk), dtype=np.float64)
        some = told > 0
        out[some] = np.minimum(o.numbers_cap, (echoed[some] / told[some] - o.numbers_mid) / o.numbers_scale)
        return out

    @staticmethod
    def _dense(left: Ragged, xs: npt.NDArray[np.int64], right: Ragged, ys: npt.NDArray[np.int64],
               left_values: npt.NDArray[np.float64] | None = None, right_values: npt.NDArray[np.float64] | None = None,
               ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """The rows ``xs`` of ``left`` and ``ys`` of ``right`` as dense matrices over the ids either holds.

        A row's ids are distinct, so ``X @ Y.T`` counts (or, with values, sums the products over)
        the ids each pair of rows shares.
        """
        lv, ls = left.gather(xs)
        rv, rs = right.gather(ys)
        ids = np.unique(np.concatenate([lv, rv]))
        x = np.zeros((len(xs), len(ids)))
        y = np.zeros((len(ys), len(ids)))
        x[ls, np.searchsorted(ids, lv)] = 1.0 if left_values is None else left_values
        y[rs, np.searchsorted(ids, rv)] = 1.0 if right_values is None else right_values
        return x, y

    def pair_matrix(self, xs: Sequence[int], ys: Sequence[int]) -> npt.NDArray[np.float64]:
        """The pair scores of grouped articles ``xs`` with grouped articles ``ys``, as a matrix.

        Row ``i`` equals ``pairs(member_query(xs[i]), ys)`` (up to the order of float sums), in one
        pass instead of one per row: what deciding a merge of two stories reads.
        """
        o = self.options
        xx, yy = np.asarray(xs, dtype=np.int64), np.asarray(ys, dtype=np.int64)
        cosine = (self._vectors.data[xx] @ self._vectors.data[yy].T).astype(np.float64)
        # TF-IDF cosine, both sides' kept words weighted by the current IDF.
        weights = []
        for kk in (xx, yy):
            at, _ = self._term_rows.where(kk)
            weights.append(self._tf_rows.flat[at] * self._idf(self._word_df(self._term_rows.flat[at])))
        wx, wy = self._dense(self._term_rows, xx, self._term_rows, yy, weights[0], weights[1])
        norm_x, norm_y = np.sqrt((wx * wx).sum(axis=1)), np.sqrt((wy * wy).sum(axis=1))
        norm_x[norm_x == 0.0] = 1.0
        norm_y[norm_y == 0.0] = 1.0
        lexical = (wx @ wy.T) / np.outer(norm_x, norm_y)
        nx, ny = self._dense(self._name_rows, xx, self._name_rows, yy)
        names = (nx @ ny.T) / np.maximum(1, np.minimum.outer(self._n_names.data[xx], self._n_names.data[yy]))
        value = (o.lexical * (lexical - o.lexical_mid) / o.lexical_scale
                 + o.semantic * (cosine - o.semantic_mid) / o.semantic_scale
                 + o.names * (names - o.names_mid) / o.names_scale)
        lx, ly = self._language.data[xx][:, None], self._language.data[yy][None, :]
        other = (lx >= 0) & (ly >= 0) & (lx != ly)
        value[other] = (o.semantic + o.lexical) * (cosine[other] - o.semantic_mid) / o.semantic_scale
        if o.numbers:
            value += o.numbers * self._echo_matrix(xx, yy)
        has_x, has_y = self._has_years.data[xx], self._has_years.data[yy]
        if has_x.any() and has_y.any():
            yx, yy_ = self._dense(self._year_rows, xx, self._year_rows, yy)
            value[np.outer(has_x, has_y) & ((yx @ yy_.T) == 0)] -= o.year_penalty
        if o.dates:
            wx_, wy_ = self._dense(self._date_rows, xx, self._date_rows, yy)
            value += o.dates * np.minimum(1.0, wx_ @ wy_.T)
        dx, dy = self._day.data[xx], self._day.data[yy]
        dated = np.outer(dx != NO_DAY, dy != NO_DAY)
        gap = np.abs(np.subtract.outer(np.where(dx == NO_DAY, 0, dx), np.where(dy == NO_DAY, 0, dy)))
        late = dated & (gap > o.max_gap_days)
        value[late] -= np.minimum(o.gap_cap, o.gap_penalty * (gap[late] - o.max_gap_days) / 7)
        return np.asarray(value, dtype=np.float64)

    def _echo_matrix(self, xx: npt.NDArray[np.int64], yy: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """:meth:`_echo` for every pair of grouped articles ``xx`` x ``yy``."""
        o = self.options
        they_tell = (self._n_numbers.data[yy] >= o.numbers_min)[None, :]
        we_tell = (self._n_numbers.data[xx] >= o.numbers_min)[:, None]
        lead_x, numbers_y = self._dense(self._lead_rows, xx, self._number_rows, yy)
        numbers_x, lead_y = self._dense(self._number_rows, xx, self._lead_rows, yy)
        told = (np.where(they_tell, self._n_lead.data[xx][:, None], 0)
                + np.where(we_tell, self._n_lead.data[yy][None, :], 0)).astype(np.float64)
        echoed = np.where(they_tell, lead_x @ numbers_y.T, 0.0) + np.where(we_tell, numbers_x @ lead_y.T, 0.0)
        out = np.zeros(told.shape, dtype=np.float64)
        some = told > 0
        out[some] = np.minimum(o.numbers_cap, (echoed[some] / told[some] - o.numbers_mid) / o.numbers_scale)
        return out
