"""The runner: ingest -> analyze, checking what each stage returns and naming it in errors.

A failure on one document is reported in the batch's ``errors`` and the rest goes on. Later
stages (group, compare) are added here as they land; faces (CLI, HTTP) call only this module
and :mod:`newsprism` itself.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.comparison import CompareOptions, compare_articles
from newsprism.config import Config
from newsprism.errors import InputError, NewsprismError, StageError
from newsprism.ingest import ingest
from newsprism.model import AnalyzedArticle, Article, Comparison, Span

__all__ = ["Batch", "analyze", "check_analysis", "compare"]

log = logging.getLogger(__name__)


class Batch(list[AnalyzedArticle]):
    """A list of analyzed articles that also carries what went wrong.

    Attributes:
        errors: One error per input that could not be read or analyzed (the rest are here).
        duplicates: ``(origin, origin_of_first_copy)`` for inputs that repeated an article.
    """

    def __init__(self, items: Iterable[AnalyzedArticle] = (), errors: Sequence[NewsprismError] = (),
                 duplicates: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(items)
        self.errors: list[NewsprismError] = list(errors)
        self.duplicates: list[tuple[str, str]] = list(duplicates)


def _check_span(span: Span, article: Article, what: str) -> None:
    if span.article_id != article.id or article.text[span.start : span.end] != span.text:
        raise StageError("analyze", article.origin, f"{what} span {span.start}:{span.end} does not match the text")


def check_analysis(aa: AnalyzedArticle) -> AnalyzedArticle:
    """Check that every span of an analysis points at its own text; return it unchanged.

    Raises:
        StageError: A span's text differs from the article text at its offsets, a
            loaded-language hit cites a statement the article lacks, or the embeddings or
            sentence scores do not match the statements in number.
    """
    art = aa.article
    for s in aa.sentences:
        _check_span(s.span, art, "sentence")
    for e in aa.entities:
        for m in e.mentions:
            _check_span(m.span, art, "entity mention")
    for t in aa.times:
        _check_span(t.span, art, "time")
    for q in aa.numbers:
        _check_span(q.span, art, "number")
    for qt in aa.quotes:
        for sp in (qt.content, qt.speaker, qt.cue):
            if sp is not None:
                _check_span(sp, art, "quote")
    for st in aa.statements:
        _check_span(st.span, art, "statement")
    if aa.embeddings is not None and len(aa.embeddings) != len(aa.statements):
        raise StageError("analyze", art.origin, "embeddings and statements differ in number")
    statement_ids = {st.id for st in aa.statements}
    for h in aa.loaded:
        for sp in (h.span, h.phrase):
            if sp is not None:
                _check_span(sp, art, "loaded-language")
        if h.statement_id is not None and h.statement_id not in statement_ids:
            raise StageError("analyze", art.origin, f"loaded-language hit cites unknown statement {h.statement_id}")
    if aa.loaded_scores and len(aa.loaded_scores) != len(aa.statements):
        raise StageError("analyze", art.origin, "loaded-language scores and statements differ in number")
    return aa


def analyze(
    inputs: Iterable[str | Path],
    config: Config | None = None,
    options: AnalyzeOptions | None = None,
    input_format: str | None = None,
    stdin: Any = None,
) -> Batch:
    """Read and analyze articles; bad inputs are reported in ``Batch.errors``, not raised.

    Args:
        inputs: Paths, ``"-"`` (stdin), or article texts.
        config: Settings (limits, cache); defaults when ``None``.
        options: What the analysis computes.
        input_format: Force one input format ("text", "html", "jsonl").
        stdin: Binary stream to read ``-`` from.

    Returns:
        The analyzed articles in input order, with the errors and duplicates of the batch.
    """
    config = config or Config()
    options = options or AnalyzeOptions(embeddings=config.embeddings)
    if options.embeddings and options.embedder is None:
        from newsprism.analysis.embed import get_embedder

        options = dataclasses.replace(options, embedder=get_embedder(config))
    got = ingest(inputs, config, input_format, stdin)
    errors: list[NewsprismError] = list(got.errors)
    done: list[AnalyzedArticle] = []
    try:
        done = [check_analysis(aa) for aa in analyze_articles(got.articles, options)]
    except Exception as batch_err:
        log.debug("batch analysis failed (%s); retrying one article at a time", batch_err)
        for art in got.articles:
            try:
                done.append(check_analysis(analyze_articles([art], options)[0]))
            except (StageError, InputError) as err:
                errors.append(err)
            except Exception as err:
                errors.append(StageError("analyze", art.origin, f"{type(err).__name__}: {err}"))
    return Batch(done, errors, got.duplicates)


def compare(
    inputs: Iterable[str | Path],
    config: Config | None = None,
    options: AnalyzeOptions | None = None,
    compare_options: CompareOptions | None = None,
    input_format: str | None = None,
    stdin: Any = None,
) -> tuple[Comparison, Batch]:
    """Read, analyze and compare the articles of one story.

    Inputs that cannot be read or analyzed are reported in the returned batch's ``errors``
    (and duplicates in ``duplicates``); the comparison is made of the rest.

    Args:
        inputs: Paths, ``"-"`` or article texts: two or more reports of one event.
        config: Settings.
        options: What the analysis computes (embeddings and loaded language are always on:
            alignment and the findings need them); its ``embedder`` embeds statements and the
            loaded-span tagger's rarer words (default: the one of ``config``).
        compare_options: Knobs of the comparison.
        input_format: Force one input format.
        stdin: Binary stream to read ``-`` from.

    Returns:
        ``(comparison, batch)``.

    Raises:
        UsageError: Fewer than two comparable articles remain.
    """
    options = options or AnalyzeOptions()
    embedder = options.embedder
    if embedder is None:
        from newsprism.analysis.embed import get_embedder

        embedder = get_embedder(config or Config())  # the run's: its cache setting and path
    options = AnalyzeOptions(nlp=True, embeddings=True, embedder=embedder, workers=options.workers, loaded=True)
    batch = analyze(inputs, config, options, input_format=input_format, stdin=stdin)
    compare_options = compare_options or CompareOptions()
    try:
        return compare_articles(batch, compare_options), batch
    except NewsprismError:
        raise
    except Exception as err:
        raise StageError("compare", "story", f"{type(err).__name__}: {err}") from err
