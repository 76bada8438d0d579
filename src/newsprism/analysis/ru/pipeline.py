"""The Russian analysis of one article: natasha's parse, then each stage on it.

The stages and records are those of English (:func:`newsprism.analysis._from_doc`); only the
parse and the language rules differ. Statements get their content terms from natasha's lemmas
(the English ``sentence_terms`` reads a spaCy parse).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from newsprism.analysis.ru._blas import one_blas_thread
from newsprism.analysis.ru._natasha import models
from newsprism.model import AnalyzedArticle, Article, Statement

__all__ = ["analyze_russian", "parse_russian"]

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
# Verbs of saying and being carry no content of their own (as "say", "be" in English).
_LIGHT = frozenset({"быть", "являться", "заявить", "сообщить", "сказать", "отметить", "это", "также", "который"})


@dataclass(frozen=True, slots=True)
class _Sent:
    start_char: int
    end_char: int


@dataclass(frozen=True, slots=True)
class _Sents:
    """What :func:`newsprism.analysis.statements.split_sentences` reads of a parse: its sentences."""

    sents: tuple[_Sent, ...]


def parse_russian(text: str) -> Any:
    """Segment, tag, parse, lemmatise and NER-tag ``text`` with natasha (a ``natasha.Doc``)."""
    m = models()
    from natasha import Doc

    doc = Doc(text)
    doc.segment(m.segmenter)
    if not doc.tokens:
        return doc  # slovnet's taggers fail on an empty batch
    with one_blas_thread():  # slovnet's small matrix products: see newsprism.analysis.ru._blas
        doc.tag_morph(m.morph_tagger)
        doc.parse_syntax(m.syntax_parser)
        doc.tag_ner(m.ner_tagger)
    for tok in doc.tokens:
        try:
            tok.lemmatize(m.morph_vocab)
        except Exception:  # a token pymorphy cannot read (a stray symbol) keeps its text as lemma
            tok.lemma = tok.text.lower()
    return doc


def _terms(doc: Any, st: Statement) -> tuple[tuple[str, ...], bool]:
    s0, s1 = st.span.start, st.span.end
    terms, negated = [], False
    for sent in doc.sents:
        if sent.stop <= s0 or sent.start >= s1:
            continue
        for t in sent.tokens:
            if not (s0 <= t.start < s1):
                continue
            lemma = (t.lemma or t.text).lower()
            if t.lemma == "не" and t.rel == "advmod":
                negated = True
            if t.pos in _CONTENT_POS and lemma not in _LIGHT and re.search(r"\w", lemma):
                terms.append(lemma)
    return tuple(terms), negated


def analyze_russian(article: Article, doc: Any = None) -> AnalyzedArticle:
    """Analyze a Russian article: sentences, entities, times, numbers, quotes, statements, claims.

    Args:
        article: The article (``language == "ru"``).
        doc: natasha's Doc of its text (:func:`parse_russian`; parsed here when ``None``): the
            caller that also finds loaded language parses once for both.

    Returns:
        The analysis, with the same records as the English one. Loaded language is added by the
        caller (:mod:`newsprism.analysis.ru.loaded`).
    """
    from newsprism.analysis.ru.claims import find_claims_ru
    from newsprism.analysis.ru.entities import find_entities_ru
    from newsprism.analysis.ru.numbers import find_quantities_ru
    from newsprism.analysis.ru.quotes import find_quotes_ru
    from newsprism.analysis.ru.times import resolve_times_ru
    from newsprism.analysis.statements import build_statements, split_sentences

    doc = doc if doc is not None else parse_russian(article.text)
    sentences = split_sentences(article, _Sents(tuple(_Sent(s.start, s.stop) for s in doc.sents)))
    entities = find_entities_ru(article, doc)
    times = resolve_times_ru(article, doc)
    numbers = tuple(q for q in find_quantities_ru(article)
                    if not any(t.span.start <= q.span.start < t.span.end for t in times))
    quotes = find_quotes_ru(article, doc, entities)
    statements = build_statements(article, sentences, quotes, times, numbers)
    statements = tuple(dataclasses.replace(st, terms=terms, negated=neg)
                       for st in statements for terms, neg in (_terms(doc, st),))
    claims = find_claims_ru(article, doc, statements, entities, times, numbers, quotes)
    return AnalyzedArticle(article, sentences, entities, times, numbers, quotes, statements, claims=claims)
