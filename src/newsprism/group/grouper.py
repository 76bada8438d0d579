"""Incremental grouping: each new article joins the story it fits best, or opens one.

A story is one real event, not a topic. The article is scored against a few candidate stories
only, found by an approximate-nearest-neighbour index over the articles' title + lead embeddings
(usearch, HNSW) and by the ``word_stories`` stories that most of its heaviest words lead to
(posting lists of bounded length), so the work per article is bounded as the stream grows.

Its score for a story is the mean of its pair scores with the story's members that are among its
nearest neighbours plus the story's ``recent`` latest members (average linkage over a bounded
sample; a story that only the posting lists found is sampled by its ``word_recent`` latest, since
such stories are most of the candidates and rarely the one once stories have grown). A pair score
adds, each centred where same-event and other-event pairs of the development half cross and scaled
by the spread between them:

- ``lexical``: cosine of the two TF-IDF vectors (IDF over the stream so far, so a word every
  article uses weighs nothing, in any language);
- ``semantic``: cosine of the title + lead embeddings (e5's band: unrelated ~0.78, other event of
  the same type ~0.86, same event ~0.92);
- ``names``: the share of capitalised words the two have in common (of the shorter list);
- ``numbers``: the share of the numbers in digits each report leads with (a toll, a sum, an age,
  the date line) that the other report tells anywhere in its text: reports of one event repeat
  them, another event of the same type has its own (capped above: sharing a small number proves
  little, missing every one is telling);
- ``dates``: a bonus when the two texts write out a calendar day in common (month and day, in any
  language :mod:`~newsprism.group._dates` reads; not a weekday named alone): what the reports of
  one event say about when it happened, and the dateline of a page that has no publication date;
- time: a penalty when the article's publication date is more than ``max_gap_days`` outside the
  candidate story's date range, first to last report (growing per week, capped; in a merge check,
  between the two articles' dates), and when both texts name years and none is shared. The gap
  penalty against a story is multiplied by ``date_relief`` when the article's text names a
  calendar day (month and day, in any language :mod:`~newsprism.group._dates` reads) on which one
  of the story's articles came out: the trial's report that names the day of the shooting.

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
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

import numpy as np

from newsprism.group._arrays import first_copy
from newsprism.group._members import Members, Query
from newsprism.group.features import ArticleFeatures
from newsprism.group.options import Assignment, GroupOptions, StoryGroup

__all__ = ["Assignment", "GroupOptions", "Grouper", "StoryGroup"]


@dataclass(slots=True)
class _Story:
    id: str
    title: str
    thread: str
    members: list[int] = field(default_factory=list)  # article ordinals, in joining order
    first: date | None = None
    last: date | None = None
    copies: dict[str, str] = field(default_factory=dict)
    days: set[int] = field(default_factory=set)  # calendar days (month * 100 + day) its articles came out on

def _calendar_day(d: date) -> int:
    return d.month * 100 + d.day


def _days_outside(story: _Story, day: int) -> float:
    """Days from the date ordinal ``day`` to the story's date range (0 inside it; NaN: undated story)."""
    if story.first is None or story.last is None:
        return math.nan
    return float(max(0, story.first.toordinal() - day, day - story.last.toordinal()))


def _named_days(f: ArticleFeatures) -> frozenset[int]:
    """The calendar days the article names that may date an earlier report (not its own publication day)."""
    if f.published is None or not f.days:
        return frozenset()
    return f.days - {_calendar_day(f.published)}


class Grouper:
    """Groups a stream of articles into stories, one article at a time, in the order given.

    The grouped articles' signals live in :class:`~newsprism.group._members.Members` (arrays by
    article ordinal); this class holds the stories, the nearest-neighbour index and the posting
    lists that find an article's candidate stories.
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
        self._index = Index(ndim=dim, metric="cos", dtype="f16", connectivity=12, expansion_add=48,
                            expansion_search=48)
        self._stories: list[_Story] = []
        self._story_of: list[int] = []  # article ordinal -> story
        self._article_ids: list[str] = []  # article ordinal -> id
        self._ordinal: dict[str, int] = {}
        self._members = Members(dim, self.options)
        self._postings: dict[str, deque[int]] = {}
        self._by_id: dict[str, int] = {}  # story id -> index, for place()
        self._apart: dict[tuple[int, int], int] = {}  # two stories found apart -> their size then

    # -- adding ----------------------------------------------------------------------------------

    def _copy_of(self, f: ArticleFeatures, near: dict[int, list[int]]) -> tuple[int, str] | None:
        """The story and first article of the text this one nearly repeats (a wire copy), if any.

        The first neighbour (in ``near``'s order) whose bottom-k MinHash Jaccard with the article
        reaches ``copy_jaccard``: the share of the ``k`` smallest hashes of the two sketches' union
        (``k``: the larger sketch's size) that both hold (:func:`~newsprism.group._arrays.first_copy`).
        """
        mine = np.asarray(f.sketch, dtype=np.uint64)
        ks = [k for group in near.values() for k in group]
        if not len(mine) or not ks:
            return None
        theirs, seg = self._members.sketches.gather(np.asarray(ks, dtype=np.int64))
        hit = first_copy(mine, theirs, seg, len(ks), self.options.copy_jaccard)
        if hit < 0:
            return None
        k = ks[hit]
        story = self._story_of[k]
        first = self._article_ids[k]
        return story, self._stories[story].copies.get(first, first)

    def add(self, f: ArticleFeatures) -> Assignment:
        """Assign one article to a story (joining, opening or merging stories) and update the state."""
        o = self.options
        if f.article_id in self._ordinal:  # already grouped: idempotent
            done = self._stories[self._story_of[self._ordinal[f.article_id]]]
            return Assignment(f.article_id, done.id, False, done.copies.get(f.article_id), 1.0, done.thread)
        query, words, weights = self._members.query(f)
        heavy = [words[i] for i in np.argsort(-weights, kind="stable")]
        near: dict[int, list[int]] = {}
        if self._article_ids:
            found = self._index.search(query.vector, min(o.neighbours, len(self._article_ids)))
            for k in np.atleast_1d(found.keys):
                near.setdefault(self._story_of[int(k)], []).append(int(k))
        candidates = dict(near)
        for c in self._word_stories(heavy[:8], near):
            candidates[c] = []
        copy = self._copy_of(f, near) if near else None
        copy_of: str | None = None
        best, best_score = -1, -math.inf
        scored: dict[int, float] = {}
        if copy is not None:
            best, copy_of = copy
            best_score = math.inf
        else:
            scored = self._story_scores(query, candidates, _named_days(f))
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
            # The best-scoring others first, at most ``merge_checks``: the work per article stays bounded.
            others = sorted((v, c) for c, v in scored.items()
                            if c != best and v >= o.threshold and self._stories[c].members)
            for _, other in others[::-1][: o.merge_checks]:
                self._maybe_merge(best, other)
        score = 0.0 if best_score == -math.inf else 1.0 if best_score == math.inf else round(best_score, 4)
        return Assignment(f.article_id, story.id, not joined, copy_of, score, story.thread)

    def _word_stories(self, words: list[str], near: dict[int, list[int]]) -> list[int]:
        """The ``word_stories`` stories, besides ``near``'s, that the most of ``words`` lead to.

        Ranked by how many of the article's heaviest words list them (ties: the order found), so
        the number scored stays a constant however many stories the posting lists hold.
        """
        found = Counter(chain.from_iterable(self._postings.get(t, ()) for t in words))
        hits = [(c, n) for c, n in found.items() if c not in near and self._stories[c].members]
        if len(hits) > self.options.word_stories:
            hits.sort(key=lambda cn: -cn[1])  # stable: ties keep the order found
        return [c for c, _ in hits[: self.options.word_stories]]

    def _story_scores(self, a: Query, candidates: dict[int, list[int]], named: frozenset[int] = frozenset()
                      ) -> dict[int, float]:
        """Per candidate story: the mean pair score over its sample (nearest members + ``recent`` latest).

        The publication gap counts from the story's date range. ``named``: the calendar days the
        article's text names besides its own publication day; the gap penalty against a story
        published on one of them is relieved (``date_relief``).
        """
        recent, word_recent = self.options.recent, self.options.word_recent
        samples: list[tuple[int, list[int]]] = []
        for c, near in candidates.items():
            members = self._stories[c].members
            if members:
                # A story found by shared words alone is sampled shorter: most are not the one, and
                # at 12 latest each they made most of the pairs once stories had grown.
                samples.append((c, list(set(near) | set(members[-(recent if near else word_recent):]))))
        if not samples:
            return {}
        sizes = [len(ks) for _, ks in samples]
        relieved = None
        if named:
            relieved = np.repeat([bool(named & self._stories[c].days) for c, _ in samples], sizes)
        gaps = None
        if a.day is not None:
            # The gap counts from the story's running date range, not from each sampled member: a
            # story that has grown over weeks is as close as its latest and earliest reports.
            day = a.day
            gaps = np.repeat(np.asarray([_days_outside(self._stories[c], day) for c, _ in samples]), sizes)
        scores = self._members.pairs(a, [k for _, ks in samples for k in ks], relieved, gaps).tolist()
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
        mine = a.members[-o.recent:]
        if not mine or not theirs:
            return
        # A pair of stories found apart is asked again only once they have grown by a quarter: the
        # stories an article keeps reaching besides its own would otherwise be re-checked each time.
        size = len(a.members) + len(b.members)
        pair = (min(keep, other), max(keep, other))
        if size < 1.25 * self._apart.get(pair, 0):
            return
        scores = self._members.pair_matrix(mine, theirs)  # every pair of the two samples, in one pass
        if float(scores.mean()) < (o.merge if o.merge is not None else math.inf):
            self._apart[pair] = size
            return
        for k in b.members:
            self._story_of[k] = keep
        a.members = sorted(a.members + b.members)
        a.copies.update(b.copies)
        a.days |= b.days
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
        self._index.add(key, np.asarray(f.vector, dtype=np.float32))
        self._members.append(f, kept)
        story.members.append(key)
        if copy_of is not None:
            story.copies[f.article_id] = copy_of
        if f.published is not None:
            story.days.add(_calendar_day(f.published))
            story.first = min(story.first or f.published, f.published)
            story.last = max(story.last or f.published, f.published)
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
        _, words, weights = self._members.query(f)
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
