"""The data model: frozen records that cross every stage boundary.

Every span is a pair of character offsets into ``Article.text`` (end exclusive) plus the text at
those offsets, so any output line can be traced back to its source. Ids are deterministic: an
article id is a hash of its normalised text, every other id is ``<article id>:<kind><ordinal>``,
so the same input always gives the same output.

The records live in two private modules, the article's (``_article``: the article, its spans
and what the analysis finds in it) and the comparison's (``_comparison``: the story and what
compare makes of it); import them from here, the one public module.

This package imports nothing of ours but its own modules (see DESIGN.md: dependencies point one way).
"""

from __future__ import annotations

from newsprism.model._article import (
    SCARE_SOURCE,
    AnalyzedArticle,
    Argument,
    ArgumentRole,
    Article,
    Claim,
    Entity,
    Furniture,
    FurnitureKind,
    LoadedHit,
    Mention,
    Quantity,
    Quote,
    QuoteKind,
    Sentence,
    Span,
    SpanField,
    Statement,
    StatementKind,
    TimeRef,
    article_id,
    normalise_for_id,
)
from newsprism.model._comparison import (
    Alignment,
    Comparison,
    Coverage,
    Fact,
    Finding,
    FindingType,
    PossiblePair,
    Relation,
    Severity,
    Story,
    SummarySentence,
)

__all__ = [
    "Article",
    "Furniture",
    "Span",
    "SpanField",
    "Sentence",
    "Mention",
    "Entity",
    "TimeRef",
    "Quantity",
    "Quote",
    "Statement",
    "LoadedHit",
    "SCARE_SOURCE",
    "Argument",
    "Claim",
    "AnalyzedArticle",
    "Story",
    "Alignment",
    "Fact",
    "PossiblePair",
    "Coverage",
    "Finding",
    "FindingType",
    "SummarySentence",
    "Comparison",
    "article_id",
    "normalise_for_id",
    # The Literal aliases the records' fields are typed with (imported by name elsewhere).
    "ArgumentRole",
    "FurnitureKind",
    "QuoteKind",
    "Relation",
    "Severity",
    "StatementKind",
]
