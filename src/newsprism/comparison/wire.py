"""Wire copies: articles that are (nearly) the same text, e.g. one AFP story in several outlets.

Two articles are copies when most of the shorter one's word 5-grams occur in the longer one.
Copies are one source: they never corroborate each other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.model import AnalyzedArticle

__all__ = ["shingles", "containment", "wire_groups", "WIRE_CONTAINMENT"]

# Share of the shorter text's 5-grams found in the longer one above which two texts are copies.
# Light editing (a new headline, a dropped paragraph, a local intro) keeps copies well above it;
# two independent reports of one event share names and phrases but rarely 5-grams at this rate.
WIRE_CONTAINMENT = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 5) -> frozenset[tuple[str, ...]]:
    """Return the set of word ``n``-grams of a text (lower-cased words)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    return frozenset(tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1)))


def containment(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Return the share of the smaller set that is in the other one (0 for empty sets)."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & big) / len(small) if small else 0.0


def wire_groups(articles: Sequence[AnalyzedArticle], threshold: float = WIRE_CONTAINMENT) -> list[frozenset[str]]:
    """Group articles that are copies of one text.

    Args:
        articles: The story's articles.
        threshold: Containment above which two articles are copies.

    Returns:
        Groups of two or more article ids (singletons are left out), in article order.
    """
    sets = [shingles(aa.article.text) for aa in articles]
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if containment(sets[i], sets[j]) >= threshold:
                parent[find(j)] = find(i)
    groups: dict[int, list[str]] = {}
    for i, aa in enumerate(articles):
        groups.setdefault(find(i), []).append(aa.article.id)
    return [frozenset(g) for g in groups.values() if len(g) > 1]
