"""The result of :func:`newsprism.compare`: the comparison, what failed, and its renderings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.model import Alignment, AnalyzedArticle, Comparison, Entity, Finding, Story

__all__ = ["ComparisonReport"]


@dataclass(slots=True)
class ComparisonReport:
    """A comparison together with the inputs that could not be part of it.

    Attributes:
        comparison: The comparison record.
        errors: One error per input that could not be read or analyzed.
        duplicates: ``(origin, origin_of_first_copy)`` for inputs that repeated an article.
    """

    comparison: Comparison
    errors: list[NewsprismError] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)

    @property
    def story(self) -> Story:
        """The story compared."""
        return self.comparison.story

    @property
    def articles(self) -> tuple[AnalyzedArticle, ...]:
        """The analyzed articles, in input order."""
        return self.comparison.articles

    @property
    def entities(self) -> tuple[Entity, ...]:
        """People, organisations and places resolved across the articles."""
        return self.comparison.entities

    @property
    def alignments(self) -> tuple[Alignment, ...]:
        """Groups of statements that report the same fact."""
        return self.comparison.alignments

    @property
    def findings(self) -> tuple[Finding, ...]:
        """What a careful reader would point out."""
        return self.comparison.findings

    @property
    def notes(self) -> tuple[str, ...]:
        """What was left out of the comparison and why."""
        return self.comparison.notes

    def to_dict(self) -> dict[str, Any]:
        """Return the ``newsprism.comparison/2`` contract as a dict."""
        from newsprism.render.comparison import comparison_to_dict

        return comparison_to_dict(self.comparison)

    def to_json(self, indent: int | None = 2) -> str:
        """Return the ``newsprism.comparison/2`` JSON document."""
        from newsprism.render.comparison import comparison_to_json

        return comparison_to_json(self.comparison, indent=indent)

    def to_markdown(self) -> str:
        """Return the Markdown report."""
        from newsprism.render.comparison import comparison_to_markdown

        return comparison_to_markdown(self.comparison)

    def to_html(self) -> str:
        """Return the self-contained HTML report (inline CSS and JS, no network requests)."""
        from newsprism.render.html import comparison_to_html

        return comparison_to_html(self.comparison)

    def digest(self, width: int = 100, show_all: bool = False) -> str:
        """Return the plain-text terminal digest (``show_all``: also the less sure findings)."""
        from newsprism.render.comparison import digest

        return digest(self.comparison, width=width, show_all=show_all)
