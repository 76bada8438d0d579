"""The comparison's records: the story, its alignments and facts, coverage, findings, summary.

What compare makes of one story's analyzed articles, gathered in :class:`Comparison`
(re-exported by :mod:`newsprism.model`).

This module imports nothing of ours but the model's own modules (see DESIGN.md: dependencies
point one way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from newsprism.model._article import AnalyzedArticle, Entity, Span

Relation = Literal["same", "paraphrase", "partial"]
Severity = Literal["info", "warning", "error"]
#: The finding types (stable names: add more, never rename). Each has its own ``data`` shape,
#: given in the JSON Schema (``schemas/comparison.schema.json``) and the README.
FindingType = Literal[
    "date_weekday_mismatch",
    "date_conflict",
    "number_conflict",
    "attribution_conflict",
    "place_conflict",
    "quote_variant",
    "name_variant",
    "omission",
    "single_source",
    "loaded_language",
    "voice_imbalance",
    "translation_artifact",
    "wire_copy",
]


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one real event."""

    id: str
    title: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Statements from two or more articles that report the same fact."""

    id: str
    statement_ids: tuple[str, ...]
    relation: Relation
    score: float


@dataclass(frozen=True, slots=True)
class Fact:
    """Claims of different articles that tell one event: what the outlets share.

    Attributes:
        id: ``<story id>:f<n>``.
        claim_ids: Its claims, in article then text order.
        article_ids: The articles that tell it, in article order.
        relations: Per article id, how that article tells it against the fact's other tellings:
            ``same`` (the same details), ``paraphrase`` (other words), ``partial`` (it adds detail).
            An article alone in its fact has no entry.
        score: The lowest linkage score inside the cluster (1.0 for a single claim).
    """

    id: str
    claim_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    relations: dict[str, Relation] = field(default_factory=dict, hash=False, compare=False)
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class PossiblePair:
    """Two statements of different articles that may report one fact but were not aligned.

    Attributes:
        first: A statement id.
        second: The other statement's id.
        score: The pair model's score, between its F1-optimal cut and the alignment's ``min_score``
            (or above it, when the one-statement-per-article rule kept the two apart).
    """

    first: str
    second: str
    score: float


@dataclass(frozen=True, slots=True)
class Coverage:
    """Coverage of a story.

    Attributes:
        corroborated: Ids of alignments whose statements come from two or more independent
            articles (wire copies of one text count once).
        unique: Per article id, the ids of its statements that align with nothing.
        outlets: Per alignment id, the article ids it spans, in article order.
        counterparts: Per statement with a possible counterpart in an independent article (a
            pair the alignment scored as possible but did not join, best first; failing that, the
            sentences that hold half its content words or lie within cosine 0.86 of it: see
            :func:`newsprism.comparison.coverage.echoes`), the ids of those counterparts.
        unconfirmed: The part of :attr:`counterparts` for statements of ``unique``: such a
            statement is not called single-source.
        source_of: Per article id, the article that stands for its text (the first of its
            wire-copy group, else itself): articles with one ``source_of`` are one source.
        agreed_facts: Ids of facts (:attr:`Comparison.facts`) told by two or more independent sources.
        only_facts: Per article id, the facts no other source tells (a fact told only by wire
            copies of one text is listed under the first copy, never under each).
        omitted_facts: Per article id, the facts that at least two sources other than its own
            tell and it does not.
        agreed: Per corroborated alignment whose statements all tell one thing, the statement
            that says it: any of a ``same`` or ``paraphrase`` alignment (its first), and of a
            ``partial`` one the statement whose content the others all hold (the shared core:
            "X happened" beside "X happened, killing four"); a partial alignment without such a
            statement shares only part of each, and is absent. The summary and the omission
            findings claim agreement only from these.
        judged: Whether absence may be claimed at all: ``False`` for a story too small for the
            pair model's story context (see :attr:`newsprism.comparison.align.StoryAlignment.judged`),
            where :meth:`single_source` is empty and no omission is found.
    """

    corroborated: tuple[str, ...]
    unique: dict[str, tuple[str, ...]]
    outlets: dict[str, tuple[str, ...]]
    counterparts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unconfirmed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source_of: dict[str, str] = field(default_factory=dict)
    agreed_facts: tuple[str, ...] = ()
    only_facts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    omitted_facts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    agreed: dict[str, str] = field(default_factory=dict)
    judged: bool = True

    def single_source(self, article_id: str) -> tuple[str, ...]:
        """The statements of an article that align with nothing and have no possible counterpart."""
        if not self.judged:
            return ()
        return tuple(s for s in self.unique.get(article_id, ()) if s not in self.unconfirmed)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a careful reader would point out (a conflict, an omission, a loaded word...).

    ``confidence`` (0-1) is how often findings of its kind held on the findings review set
    (:mod:`newsprism.comparison.confidence`); reports show those from ``SURE`` up and fold the rest.
    """

    id: str
    type: FindingType
    severity: Severity
    message: str
    article_ids: tuple[str, ...]
    evidence: tuple[Span, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of the neutral summary and the statements it stands for.

    Attributes:
        text: The sentence, as one of the cited statements words it.
        citations: Ids of every statement that reports the fact (the chosen wording among them).
    """

    text: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Comparison:
    """The result of comparing the articles of one story.

    Attributes:
        story: The story compared.
        articles: Its analyzed articles; statement speakers are ids of ``entities``.
        entities: People, organisations and places resolved across the articles.
        alignments: Groups of statements reporting the same fact.
        findings: What a careful reader would point out.
        summary: The sentences of the neutral summary, each with the statements it cites.
        same_source: Groups of article ids that are copies of one text (wire copies).
        notes: What was left out of the comparison and why, one line each.
        possible: Statement pairs that may report one fact but were not aligned (scored between
            the pair model's F1-optimal cut and ``min_score``, or kept apart by the
            one-statement-per-article rule); best first.
        coverage: Which outlets report each alignment, what only one article has and what may
            be told elsewhere in other words; computed once by the comparison, read by its
            findings, its summary and every renderer.
        facts: The story's claims clustered into facts (one event each), every claim in one.
    """

    story: Story
    articles: tuple[AnalyzedArticle, ...]
    entities: tuple[Entity, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    findings: tuple[Finding, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    same_source: tuple[frozenset[str], ...] = ()
    notes: tuple[str, ...] = ()
    possible: tuple[PossiblePair, ...] = ()
    coverage: Coverage = field(default_factory=lambda: Coverage((), {}, {}))
    facts: tuple[Fact, ...] = ()
