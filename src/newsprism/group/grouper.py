"""Incremental grouping: each new article joins the story it fits best, or opens one.

A story is one real event, not a topic. The article is scored against a few candidate stories
only, found by an approximate-nearest-neighbour index over the articles' title + lead embeddings
(usearch, HNSW) and by the stories that share its heaviest words (posting lists of bounded
length), so the cost per article stays flat as the stream grows.

Its score for a story is the mean of its pair scores with the story's members that are among its
nearest neighbours plus the story's ``recent`` latest members (average linkage over a bounded
sample). A pair score adds, each centred where same-event and other-event pairs of the
development half cross and scaled by the spread between them:

- ``lexical``: cosine of the two TF-IDF vectors (IDF over the stream so far, so a word every
  article uses weighs nothing, in any language);
- ``semantic``: cosine of the title + lead embeddings (e5's band: unrelated ~0.78, other event of
  the same type ~0.86, same event ~0.92);
- ``names``: the share of capitalised words the two have in common (of the shorter list);
- ``numbers``: the share of the numbers in digits each report leads with (a toll, a sum, an age,
  the date line) that the other report tells anywhere in its text: reports of one event repeat
  them, another event of the same type has its own (capped above: sharing a small number proves
  little, missing every one is telling);
- time: a penalty when the two publication dates are more than ``max_gap_days`` apart (growing
  per week, capped), and when both texts name years and none is shared.

The best candidate is joined when its score reaches ``threshold``; otherwise the article opens a
story, linked into the best candidate's thread when the score reaches ``thread_threshold`` (the
announcement of a call and the call: two stories, one thread). When the article also reaches
``threshold`` for another story and the two stories' mean pair score reaches ``merge``, they
become one (an article that bridges two halves of one event). An article whose word shingles
nearly match a neighbour's (MinHash Jaccard >= ``copy_jaccard``) is a wire copy: it joins that
story whatever the score, marked as a copy of the text's first article.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.group.features import ArticleFeatures
from newsprism.model import Story

__all__ = ["Assignment", "GroupOptions", "Grouper", "StoryGroup"]


@dataclass(frozen=True, slots=True)
class GroupOptions:
    """The knobs of grouping (set on the development half; ``newsprism eval stories``).

    ``numbers``, ``numbers_min`` and ``merge`` were chosen by 5-fold cross-validation over ECB+ topics
    and AllSides stories (the same values won in every fold); the rest by hand.

    Attributes:
        threshold: Story score needed to join it.
        thread_threshold: Score at which a new story is linked into the best candidate's thread.
        merge: Mean pair score at which two stories an article bridges become one (``None``: never).
        lexical: Weight of the TF-IDF cosine, centred at ``lexical_mid``, per ``lexical_scale``.
        semantic: Weight of the embedding cosine, centred at ``semantic_mid``, per ``semantic_scale``.
        names: Weight of the shared capitalised words, centred at ``names_mid``, per ``names_scale``.
        numbers: Weight of the share of lead numbers the other report echoes, centred at
            ``numbers_mid``, per ``numbers_scale``, capped at ``numbers_cap`` (a shared number is weak
            evidence for, a missing one strong evidence against); a report that tells fewer than
            ``numbers_min`` numbers is not asked to echo the other's.
        max_gap_days: Days between two publication dates before the time penalty starts.
        gap_penalty: Penalty per week beyond ``max_gap_days``, capped at ``gap_cap``.
        year_penalty: Penalty when both texts name years and none is shared.
        copy_jaccard: MinHash Jaccard at which an article is a wire copy of another.
        neighbours: Nearest articles asked of the index per new article.
        recent: Latest members of a candidate story scored besides its nearest ones.
        article_terms: Words kept per article (its heaviest by TF-IDF when stored).
    """

    threshold: float = 0.0
    thread_threshold: float = -1.0
    merge: float | None = 0.5
    lexical: float = 0.5
    lexical_mid: float = 0.2
    lexical_scale: float = 0.1
    semantic: float = 0.5
    semantic_mid: float = 0.875
    semantic_scale: float = 0.03
    names: float = 0.2
    names_mid: float = 0.35
    names_scale: float = 0.2
    max_gap_days: int = 2
    gap_penalty: float = 1.0
    gap_cap: float = 3.0
    year_penalty: float = 1.0
    copy_jaccard: float = 0.6
    neighbours: int = 16
    recent: int = 12
    article_terms: int = 100
    numbers: float = 0.5
    numbers_mid: float = 0.3
    numbers_scale: float = 0.2
    numbers_min: int = 2
    numbers_cap: float = 0.5


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went.

    Attributes:
        article_id: The article.
        story_id: Its story.
        new_story: Whether it opened the story.
        copy_of: The article whose wire copy it is (the first of the text's copies), if any.
        score: The best candidate's score (0.0 when there was none).
        thread: The story's thread id.
    """

    article_id: str
    story_id: str
    new_story: bool
    copy_of: str | None = None
    score: float = 0.0
    thread: str = ""


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """A story as grouping makes it and the store keeps it: its articles in joining order, wire copies and thread.

    Attributes:
        id: Deterministic: derived from the first article's id.
        title: The title of its first article with one (else the start of its text).
        article_ids: Its articles, in the order they joined.
        copies: Per article that is a wire copy, the article it copies (the first of its group).
        thread: The id of the thread it belongs to (the first story of the thread; itself if alone).
        first_published: The earliest publication date among its articles, if any.
        last_published: The latest one.
    """

    id: str
    title: str
    article_ids: tuple[str, ...]
    copies: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    thread: str = ""
    first_published: date | None = None
    last_published: date | None = None

    def to_story(self) -> Story:
        """Return the model's :class:`~newsprism.model.Story` (what compare reads)."""
        return Story(self.id, self.title, self.article_ids)


@dataclass(slots=True)
class _Story:
    id: str
    title: str
    thread: str
    members: list[int] = field(default_factory=list)  # article ordinals, in joining order
    first: date | None = None
    last: date | None = None
    copies: dict[str, str] = field(default_factory=dict)


def _jaccards(mine: npt.NDArray[np.uint64], theirs: npt.NDArray[np.uint64], seg: npt.NDArray[np.int64],
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
    # Each union, sorted: the sketch's hashes once per other sketch, plus that sketch's own others.
    only = ~both
    values = np.concatenate([np.tile(mine, m), theirs[only]])
    rows = np.concatenate([np.repeat(np.arange(m), len(mine)), seg[only]])
    values = values[np.lexsort((values, rows))]
    cut = values[np.cumsum(union) - union + take - 1]
    inside = np.bincount(seg, weights=both & (theirs <= cut[seg]), minlength=m)
    out[able] = inside[able] / take[able]
    return out


class _Ragged:
    """Rows of integers or floats of varying length, appended one at a time and gathered in batches.

    One flat array (grown by doubling) and each row's start, so the rows of a batch of members
    come out as one array and a row number per value, without a Python loop over the members.
    """

    def __init__(self, dtype: type) -> None:
        self._flat = _Growing(dtype)
        self._start = _Growing(np.int64)
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


class _Growing:
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


class _Vocab:
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


@dataclass(slots=True)
class _Query:
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


#: ``day`` of an article without a publication date.
_NO_DAY = np.iinfo(np.int64).min


class Grouper:
    """Groups a stream of articles into stories, one article at a time, in the order given.

    What is kept of each grouped article lives in arrays indexed by its ordinal (vectors, dates,
    languages) and in :class:`_Ragged` rows (its heaviest words, names, numbers, years), so an
    article is scored against all its candidates' sampled members in a few array operations.
    """

    def __init__(self, dim: int, options: GroupOptions | None = None) -> None:
        """Start with no stories.

        Args:
            dim: The length of the embeddings.
            options: The knobs.
        """
        from usearch.index import Index

        self.options = options or GroupOptions()
        self.dim = dim
        self._index = Index(ndim=dim, metric="cos", dtype="f32", connectivity=16, expansion_add=64,
                            expansion_search=64)
        self._stories: list[_Story] = []
        self._story_of: list[int] = []  # article ordinal -> story
        self._article_ids: list[str] = []  # article ordinal -> id
        self._ordinal: dict[str, int] = {}
        self._words, self._names, self._numbers = _Vocab(), _Vocab(), _Vocab()
        self._languages = _Vocab()
        self._df = _Growing(np.float64)  # per word id: articles that use it
        self._n = 0
        self._postings: dict[str, deque[int]] = {}
        self._by_id: dict[str, int] = {}  # story id -> index, for place()
        # Per article ordinal:
        self._vectors = _Growing(np.float32, dim)
        self._language = _Growing(np.int64)  # -1: unknown
        self._day = _Growing(np.int64)  # date ordinal, or _NO_DAY
        self._n_names = _Growing(np.int64)
        self._n_lead = _Growing(np.int64)
        self._n_numbers = _Growing(np.int64)
        self._has_years = _Growing(np.bool_)
        self._term_rows, self._tf_rows = _Ragged(np.int64), _Ragged(np.float64)
        self._name_rows, self._lead_rows, self._number_rows = _Ragged(np.int64), _Ragged(np.int64), _Ragged(np.int64)
        self._year_rows = _Ragged(np.int64)
        self._sketches = _Ragged(np.uint64)
        self._years: list[frozenset[int]] = []
        self._weights_scratch = np.zeros(0, dtype=np.float64)
        self._marks_scratch = np.zeros(0, dtype=np.bool_)

    # -- scoring ---------------------------------------------------------------------------------

    def _idf(self, df: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.log((self._n + 1) / (df + 1)) + 1.0

    def _word_df(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        return self._df.data[ids]

    def _query(self, f: ArticleFeatures) -> tuple[_Query, list[str], npt.NDArray[np.float64]]:
        """A new article's side of the scores, its words (in the features' order) and their TF-IDF weights.

        The query's ``term_ids`` are those of its words already seen; :meth:`_join` registers the rest.
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
        q = _Query(np.asarray(f.vector, dtype=np.float32), self._languages.id(f.language) if f.language else -1,
                   ids[seen], weights[seen], norm,
                   self._names.known(f.names), len(f.names), self._numbers.known(f.lead_numbers),
                   len(f.lead_numbers), self._numbers.known(f.numbers), len(f.numbers), f.years,
                   f.published.toordinal() if f.published is not None else None)
        return q, words, weights

    def _member_query(self, k: int) -> _Query:
        """A grouped article's side of the scores (its kept words, weighted by the current IDF)."""
        ids = self._term_rows.row(k)
        weights = self._tf_rows.row(k) * self._idf(self._word_df(ids))
        norm = math.sqrt(float(np.dot(weights, weights))) or 1.0
        day = int(self._day.data[k])
        return _Query(self._vectors.data[k], int(self._language.data[k]), ids, weights, norm,
                      self._name_rows.row(k), int(self._n_names.data[k]), self._lead_rows.row(k),
                      int(self._n_lead.data[k]), self._number_rows.row(k), int(self._n_numbers.data[k]),
                      self._years[k], None if day == _NO_DAY else day)

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
    def _overlap(marks: npt.NDArray[np.bool_], mine: npt.NDArray[np.int64], rows: _Ragged,
                 ks: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Per member of ``ks``: how many values of its row are in ``mine`` (``marks`` is a scratch of False)."""
        values, seg = rows.gather(ks)
        if not len(mine) or not len(values):
            return np.zeros(len(ks), dtype=np.float64)
        marks[mine] = True
        hits = np.bincount(seg, weights=marks[values].astype(np.float64), minlength=len(ks)).astype(np.float64)
        marks[mine] = False
        return hits

    def _pairs(self, a: _Query, ks: Sequence[int]) -> npt.NDArray[np.float64]:
        """The pair scores of ``a`` with the grouped articles ``ks`` (see the module docstring)."""
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
        if a.years:
            theirs, yseg = self._year_rows.gather(kk)
            common = np.bincount(yseg, weights=np.isin(theirs, list(a.years)), minlength=m)
            value[self._has_years.data[kk] & (common == 0)] -= o.year_penalty
        if a.day is not None:
            days = self._day.data[kk]
            dated = days != _NO_DAY
            gap = np.abs(days[dated] - a.day)
            late = gap > o.max_gap_days
            penalty = np.zeros(len(gap), dtype=np.float64)
            penalty[late] = np.minimum(o.gap_cap, o.gap_penalty * (gap[late] - o.max_gap_days) / 7)
            value[dated] -= penalty
        return np.asarray(value, dtype=np.float64)

    def _echo(self, a: _Query, kk: npt.NDArray[np.int64], scratch: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
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

    # -- adding ----------------------------------------------------------------------------------

    def _copy_of(self, f: ArticleFeatures, near: dict[int, list[int]]) -> tuple[int, str] | None:
        """The story and first article of the text this one nearly repeats (a wire copy), if any.

        The first neighbour (in ``near``'s order) whose bottom-k MinHash Jaccard with the article
        reaches ``copy_jaccard``: the share of the ``k`` smallest hashes of the two sketches' union
        (``k``: the larger sketch's size) that both hold, for all neighbours in one pass.
        """
        mine = np.asarray(f.sketch, dtype=np.uint64)
        ks = [k for group in near.values() for k in group]
        if not len(mine) or not ks:
            return None
        kk = np.asarray(ks, dtype=np.int64)
        theirs, seg = self._sketches.gather(kk)
        jaccard = _jaccards(mine, theirs, seg, len(ks), self.options.copy_jaccard)
        hits = np.flatnonzero(jaccard >= self.options.copy_jaccard)
        if not len(hits):
            return None
        k = ks[int(hits[0])]
        story = self._story_of[k]
        first = self._article_ids[k]
        return story, self._stories[story].copies.get(first, first)

    def add(self, f: ArticleFeatures) -> Assignment:
        """Assign one article to a story (joining, opening or merging stories) and update the state."""
        o = self.options
        if f.article_id in self._ordinal:  # already grouped: idempotent
            done = self._stories[self._story_of[self._ordinal[f.article_id]]]
            return Assignment(f.article_id, done.id, False, done.copies.get(f.article_id), 1.0, done.thread)
        query, words, weights = self._query(f)
        heavy = [words[i] for i in np.argsort(-weights, kind="stable")]
        near: dict[int, list[int]] = {}
        if self._article_ids:
            found = self._index.search(query.vector, min(o.neighbours, len(self._article_ids)))
            for k in np.atleast_1d(found.keys):
                near.setdefault(self._story_of[int(k)], []).append(int(k))
        candidates = dict(near)
        for t in heavy[:8]:
            for c in self._postings.get(t, ()):
                candidates.setdefault(c, [])
        copy = self._copy_of(f, near) if near else None
        copy_of: str | None = None
        best, best_score = -1, -math.inf
        scored: dict[int, float] = {}
        if copy is not None:
            best, copy_of = copy
            best_score = math.inf
        else:
            scored = self._story_scores(query, candidates)
            for c, value in scored.items():
                if value > best_score:
                    best, best_score = c, value
        joined = best >= 0 and best_score >= o.threshold
        if joined:
            story = self._stories[best]
        else:
            thread = self._stories[best].thread if best >= 0 and best_score >= o.thread_threshold else ""
            sid = f"s{f.article_id}"
            story = _Story(sid, f.title, thread or sid)
            self._stories.append(story)
            best = len(self._stories) - 1
        self._join(story, best, f, heavy, copy_of)
        if joined and o.merge is not None:
            for other, value in scored.items():
                if other != best and value >= o.threshold and self._stories[other].members:
                    self._maybe_merge(best, other)
        score = 0.0 if best_score == -math.inf else 1.0 if best_score == math.inf else round(best_score, 4)
        return Assignment(f.article_id, story.id, not joined, copy_of, score, story.thread)

    def _story_scores(self, a: _Query, candidates: dict[int, list[int]]) -> dict[int, float]:
        """Per candidate story: the mean pair score over its sample (nearest members + ``recent`` latest)."""
        recent = self.options.recent
        samples: list[tuple[int, list[int]]] = []
        for c, near in candidates.items():
            members = self._stories[c].members
            if members:
                samples.append((c, list(set(near) | set(members[-recent:]))))
        if not samples:
            return {}
        scores = self._pairs(a, [k for _, ks in samples for k in ks]).tolist()
        out: dict[int, float] = {}
        at = 0
        for c, ks in samples:
            part = scores[at : at + len(ks)]
            at += len(ks)
            out[c] = sum(part) / len(part)
        return out

    def _maybe_merge(self, keep: int, other: int) -> None:
        o = self.options
        a, b = self._stories[keep], self._stories[other]
        theirs = b.members[-o.recent:]
        scores = [s for x in a.members[-o.recent:] for s in self._pairs(self._member_query(x), theirs).tolist()]
        if not scores or sum(scores) / len(scores) < (o.merge if o.merge is not None else math.inf):
            return
        for k in b.members:
            self._story_of[k] = keep
        a.members = sorted(a.members + b.members)
        a.copies.update(b.copies)
        for d in (b.first, b.last):
            if d is not None:
                a.first = min(a.first or d, d)
                a.last = max(a.last or d, d)
        b.members, b.copies = [], {}

    def _join(self, story: _Story, at: int, f: ArticleFeatures, heavy: list[str], copy_of: str | None) -> None:
        """Record the article as a member of ``story`` (``heavy``: its words, heaviest first)."""
        key = len(self._article_ids)
        kept = heavy[: self.options.article_terms]  # bounded memory per article
        self._article_ids.append(f.article_id)
        self._ordinal[f.article_id] = key
        self._story_of.append(at)
        vector = np.asarray(f.vector, dtype=np.float32)
        self._vectors.append(vector)
        self._index.add(key, vector)
        self._language.append(self._languages.id(f.language) if f.language else -1)
        self._day.append(f.published.toordinal() if f.published is not None else _NO_DAY)
        self._n_names.append(len(f.names))
        self._n_lead.append(len(f.lead_numbers))
        self._n_numbers.append(len(f.numbers))
        self._has_years.append(bool(f.years))
        self._years.append(f.years)
        self._name_rows.append(self._names.add(f.names))
        self._lead_rows.append(self._numbers.add(f.lead_numbers))
        self._number_rows.append(self._numbers.add(f.numbers))
        self._year_rows.append(sorted(f.years))
        self._sketches.append(np.asarray(f.sketch, dtype=np.uint64))
        story.members.append(key)
        if copy_of is not None:
            story.copies[f.article_id] = copy_of
        if f.published is not None:
            story.first = min(story.first or f.published, f.published)
            story.last = max(story.last or f.published, f.published)
        self._n += 1
        used = self._words.add(f.terms)
        if len(self._words.ids) > self._df.size:
            self._df.reserve(len(self._words.ids))
            self._df.size = len(self._words.ids)
        self._df.data[used] += 1.0  # the ids of one article's words are distinct
        self._term_rows.append(self._words.add(kept))
        self._tf_rows.append([f.terms[t] for t in kept])
        for t in heavy[:8]:
            posting = self._postings.setdefault(t, deque(maxlen=32))
            if not posting or posting[-1] != at:
                posting.append(at)

    def place(self, f: ArticleFeatures, story_id: str, title: str, thread: str, copy_of: str | None = None) -> None:
        """Put an article into a known story without scoring it (restoring a stored grouping)."""
        if f.article_id in self._ordinal:
            return
        at = self._by_id.get(story_id)
        if at is None:
            at = self._by_id[story_id] = len(self._stories)
            self._stories.append(_Story(story_id, title, thread or story_id))
        _, words, weights = self._query(f)
        heavy = [words[i] for i in np.argsort(-weights, kind="stable")]
        self._join(self._stories[at], at, f, heavy, copy_of)

    def add_many(self, features: Iterable[ArticleFeatures]) -> list[Assignment]:
        """Assign articles one at a time, in the order given."""
        return [self.add(f) for f in features]

    def __len__(self) -> int:
        return sum(1 for s in self._stories if s.members)

    def _group(self, s: _Story) -> StoryGroup:
        return StoryGroup(s.id, s.title, tuple(self._article_ids[k] for k in s.members), dict(s.copies),
                          s.thread, s.first, s.last)

    def stories(self) -> list[StoryGroup]:
        """Every story so far (merged ones gone), in the order they were opened."""
        return [self._group(s) for s in self._stories if s.members]

    def story_id_of(self, article_id: str) -> str | None:
        """The id of the story an article is in now (after any merge), or ``None``."""
        k = self._ordinal.get(article_id)
        return None if k is None else self._stories[self._story_of[k]].id

    def story_of(self, article_id: str) -> StoryGroup | None:
        """The story an article is in now (after any merge), or ``None``."""
        k = self._ordinal.get(article_id)
        return None if k is None else self._group(self._stories[self._story_of[k]])
