"""natasha's models, loaded lazily and once per process (they ship inside the natasha wheel)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from newsprism.analysis.ru import _shim

__all__ = ["Natasha", "models", "morph"]


@dataclass(frozen=True, slots=True)
class Natasha:
    """The loaded natasha components (navec embeddings, slovnet morphology, syntax, NER)."""

    segmenter: Any
    morph_tagger: Any
    syntax_parser: Any
    ner_tagger: Any
    morph_vocab: Any


@functools.cache
def models() -> Natasha:
    """Load natasha's news models (about 0.5 s; the navec table is 26 MB)."""
    _shim.install()
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    return Natasha(Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb), MorphVocab())


@functools.cache
def morph(lang: str = "ru") -> Any:
    """pymorphy3's analyser for ``lang`` (``ru`` or ``uk``)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)
