"""Story-contextual salience: what two statements share that the rest of their story does not.

Every statement of one story is about the same event, so two statements of it share the event's
vocabulary ("Blinken", "Lavrov", "Russia") whether or not they report one fact. What singles out
one fact is what the pair shares *and the rest of the story does not*. Two kinds of evidence:

- **Story IDF.** The document frequency of each content lemma over the story's statements (every
  analysed statement of every article handed to ``align_statements``), as a normalised IDF,
  ``log(N / df) / log N``: 0 for a lemma in every statement, 1 for a lemma in one. The pair
  features :data:`CONTEXT_FEATURES` weigh the shared lemmas by it: ``idf_dice`` (IDF-weighted Dice
  overlap) and ``idf_shared_max`` (IDF of the rarest shared lemma: "Bout", "grain", "frank").
- **Cosine lift.** How much closer the two statements are than each one is to the other article
  as a whole: the cosine minus the larger of the two mean cosines (statement ``a`` against all
  statements of ``b``'s article, and ``b`` against all of ``a``'s).
- **Article affinity.** How surely the two *articles* report one event: the mean of the three
  best statement cosines between them, and the Dice overlap of their capitalised words (names)
  and of their content lemmas. Two reports of one event share names, places and several nearly
  identical sentences; two reports of two events of one kind (two earthquakes, two rehab
  check-ins: ECB+'s distractors) share the vocabulary of the kind but not the names. In a
  ``compare`` story, whose articles are all about one event, affinity is high for every pair, so
  it cannot tell one fact from another: only the pair model's ``same_event`` head uses it, as a
  veto on pairs whose articles look like reports of another event.

A story too small for a document frequency to mean anything (fewer than :data:`CONTEXT_MIN`
analysed statements) has no context: the pair model then scores with its context-free head.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

__all__ = ["AFFINITY_FEATURES", "AFFINITY_TOP", "CONTEXT_FEATURES", "CONTEXT_MIN", "StoryContext", "article_affinity",
           "context_features", "story_context"]

CONTEXT_FEATURES: tuple[str, ...] = (
    "idf_dice",        # Dice overlap of content lemmas, each weighted by its story IDF
    "idf_shared_max",  # story IDF of the rarest shared content lemma (0 when none is shared)
    "cos_lift",        # cosine minus the larger mean cosine of either statement to the other article
    "art_top_cos",     # the two articles: mean of their 3 best statement cosines
    "art_caps_dice",   # the two articles: Dice overlap of their capitalised words
    "art_terms_dice",  # the two articles: Dice overlap of their content lemmas
)
AFFINITY_FEATURES: tuple[str, ...] = CONTEXT_FEATURES[-3:]  # used by the same_event head only
AFFINITY_TOP = 3  # statement pairs averaged for art_top_cos
CONTEXT_MIN = 8


@dataclass(frozen=True, slots=True)
class StoryContext:
    """Normalised story IDF of the content lemmas of one story's statements.

    Attributes:
        idf: Lemma -> ``log(N / df) / log N`` (in [0, 1]).
        size: ``N``, the number of analysed statements counted.
    """

    idf: Mapping[str, float]
    size: int

    def weight(self, term: str) -> float:
        """IDF of a lemma; one the story never uses counts as rarest (1.0)."""
        return self.idf.get(term, 1.0)


def story_context(term_sets: Iterable[frozenset[str]]) -> StoryContext | None:
    """Story IDF over the content-lemma sets of a story's statements (empty sets are skipped).

    Returns:
        The context, or ``None`` for a story of fewer than :data:`CONTEXT_MIN` analysed statements.
    """
    sets = [s for s in term_sets if s]
    n = len(sets)
    if n < CONTEXT_MIN:
        return None
    df = Counter(t for s in sets for t in s)
    ln = math.log(n)
    return StoryContext({t: math.log(n / d) / ln for t, d in df.items()}, n)


def _dice(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    return 2.0 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def article_affinity(top_cosines: Sequence[float], caps: tuple[AbstractSet[str], AbstractSet[str]],
                     terms: tuple[AbstractSet[str], AbstractSet[str]]) -> tuple[float, float, float]:
    """The article-affinity features of two articles (the last three of :data:`CONTEXT_FEATURES`).

    Args:
        top_cosines: The best statement cosines between the two articles (any number; the
            :data:`AFFINITY_TOP` largest are averaged).
        caps: Capitalised words of each article's statements.
        terms: Content lemmas of each article's statements.

    Returns:
        ``(art_top_cos, art_caps_dice, art_terms_dice)``.
    """
    top = sorted(top_cosines, reverse=True)[:AFFINITY_TOP]
    return (sum(top) / len(top) if top else 0.0, _dice(*caps), _dice(*terms))


def context_features(a: frozenset[str], b: frozenset[str], context: StoryContext, lift: float,
                     affinity: Sequence[float] = (0.0, 0.0, 0.0)) -> list[float]:
    """The values of :data:`CONTEXT_FEATURES` for two statements' content lemmas.

    Args:
        a: Content lemmas of one statement.
        b: Of the other.
        context: The story's IDF.
        lift: The pair's cosine lift (see the module notes).
        affinity: The two articles' affinity (:func:`article_affinity`).
    """
    shared = [context.weight(t) for t in a & b]
    mass = sum(context.weight(t) for t in a) + sum(context.weight(t) for t in b)
    return [2.0 * sum(shared) / mass if mass > 0 else 0.0, max(shared, default=0.0), lift, *affinity]
