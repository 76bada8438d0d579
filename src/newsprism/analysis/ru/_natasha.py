"""natasha's models, loaded lazily and once per process (they ship inside the natasha wheel)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from newsprism.analysis.ru import _shim

__all__ = ["Natasha", "models", "morph", "parse_word", "vocab"]


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
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    return Natasha(Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb), vocab())


@functools.cache
def vocab() -> Any:
    """The ``MorphVocab`` of natasha: pymorphy3's Russian analyser, its ``parse`` cached by word (10,000 words)."""
    _shim.install()
    from natasha import MorphVocab

    return MorphVocab()


def parse_word(word: str) -> Any:
    """pymorphy3's parses of ``word``, most likely first, from the cache natasha's lemmatiser fills.

    The parse lemmatises every token of an article through this cache, so our own passes over the
    same words (number words, counted nouns, the lexicon's names) find them parsed. pymorphy3 on the
    pure-Python DAWG takes tens of microseconds a word. The parses are those of
    ``morph("ru").parse`` (the same analyser and dictionary; natasha only adds UD tags to them).
    """
    return vocab().parse(word)


@functools.cache
def morph(lang: str = "ru") -> Any:
    """pymorphy3's analyser for ``lang`` (``ru`` or ``uk``)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)
