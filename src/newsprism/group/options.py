"""What grouping is told (its knobs) and what it returns (assignments, stories)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from newsprism.model import Story

__all__ = ["Assignment", "GroupOptions", "StoryGroup"]


@dataclass(frozen=True, slots=True)
class GroupOptions:
    """The knobs of grouping (set on the development half; ``newsprism eval stories``).

    ``numbers``, ``numbers_min`` and ``merge`` were chosen by 5-fold cross-validation over ECB+ topics
    and AllSides stories (the same values won in every fold), ``gap_penalty``, ``dates`` and
    ``year_penalty`` likewise; the rest by hand.

    Attributes:
        threshold: Story score needed to join it.
        thread_threshold: Score at which a new story is linked into the best candidate's thread.
        merge: Mean pair score at which two stories an article bridges become one (``None``: never).
        merge_checks: Other stories an article reaches ``threshold`` for that are checked for a
            merge (the best-scoring first), so the work per article stays bounded.
        lexical: Weight of the TF-IDF cosine, centred at ``lexical_mid``, per ``lexical_scale``.
        semantic: Weight of the embedding cosine, centred at ``semantic_mid``, per ``semantic_scale``.
        names: Weight of the shared capitalised words, centred at ``names_mid``, per ``names_scale``.
        numbers: Weight of the share of lead numbers the other report echoes, centred at
            ``numbers_mid``, per ``numbers_scale``, capped at ``numbers_cap`` (a shared number is weak
            evidence for, a missing one strong evidence against); a report that tells fewer than
            ``numbers_min`` numbers is not asked to echo the other's.
        dates: Added when the two texts write out a calendar day in common ("on June 24",
            "2010-09-10"; a weekday named alone does not count): reports of one event date it, and
            an undated page's dateline dates the page. 0.5 with ``year_penalty`` 0.5 was
            chosen by 5-fold cross-validation over ECB+ topics and AllSides stories (grid 0, 0.5,
            1 by 0.5, 0.75, 1.0; the same point in all five folds).
        max_gap_days: Days between an article's publication date and a candidate story's date range
            (its first to its last article's) before the time penalty starts (between two
            articles' dates when two stories may merge).
        gap_penalty: Penalty per week beyond ``max_gap_days``, capped at ``gap_cap`` (1.5 chosen by
            5-fold cross-validation over ECB+ topics and AllSides stories from 1.0, 1.5 and
            ``max_gap_days`` 1 or 2, in four folds of five, when the range replaced the pairs' dates).
        year_penalty: Penalty when both texts name years and none is shared (0.5, was 1.0: a
            text names years in passing, a film's or an earlier event's; chosen with ``dates``).
        date_relief: Factor on the publication-gap penalty against a story one of whose articles
            was published on a calendar day the article's text names (other than its own
            publication day): the trial's report names the day of the shooting.
        copy_jaccard: MinHash Jaccard at which an article is a wire copy of another.
        neighbours: Nearest articles asked of the index per new article.
        recent: Latest members of a candidate story scored besides its nearest ones.
        word_recent: Latest members scored of a candidate story none of whose members is among the
            nearest (found through the posting lists of the article's heaviest words only).
        word_stories: Stories found through the posting lists alone that are scored (those most of
            the article's heaviest words lead to).
        article_terms: Words kept per article (its heaviest by TF-IDF when stored).
    """

    threshold: float = 0.0
    thread_threshold: float = -1.0
    merge: float | None = 0.5
    merge_checks: int = 2
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
    gap_penalty: float = 1.5
    gap_cap: float = 3.0
    year_penalty: float = 0.5
    date_relief: float = 0.0
    copy_jaccard: float = 0.6
    neighbours: int = 16
    recent: int = 12
    word_recent: int = 4
    word_stories: int = 4
    article_terms: int = 100
    numbers: float = 0.5
    numbers_mid: float = 0.3
    numbers_scale: float = 0.2
    numbers_min: int = 2
    numbers_cap: float = 0.5
    dates: float = 0.5


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

