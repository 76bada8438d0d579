"""The runner: ingest -> analyze -> compare, checking what each stage returns and naming it in errors.

A failure on one document is reported in the batch's ``errors`` and the rest goes on. What a
stage returns is checked before the next one reads it (:func:`check_analysis`,
:func:`check_comparison`: every span is the text at its offsets, every id cited exists); a
malformed result raises :class:`~newsprism.errors.StageError` naming the stage. Later stages
(group) are added here as they land; faces (CLI, HTTP) call only this module and
:mod:`newsprism` itself.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.comparison import CompareOptions, compare_articles
from newsprism.config import Config
from newsprism.errors import InputError, NewsprismError, StageError, UsageError
from newsprism.ingest import IngestResult, Input, ingest
from newsprism.model import AnalyzedArticle, Article, Comparison, Span

__all__ = ["Batch", "analyze", "check_analysis", "check_comparison", "compare"]

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
    if span.article_id != article.id or article.spanned(span)[span.start : span.end] != span.text:
        raise StageError("analyze", article.origin, f"{what} span {span.start}:{span.end} does not match the text")


def check_analysis(aa: AnalyzedArticle) -> AnalyzedArticle:
    """Check that every span of an analysis points at its own text; return it unchanged.

    Raises:
        StageError: A span's text differs from the article text at its offsets, a
            loaded-language hit or a claim cites a statement the article lacks, or the embeddings or
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
    for h in (*aa.loaded, *aa.title_loaded):
        for sp in (h.span, h.phrase):
            if sp is not None:
                _check_span(sp, art, "loaded-language")
        if h.statement_id is not None and h.statement_id not in statement_ids:
            raise StageError("analyze", art.origin, f"loaded-language hit cites unknown statement {h.statement_id}")
    for c in aa.claims:
        for sp in (c.span, c.trigger, c.source_span, *(a.span for a in c.arguments)):
            if sp is not None:
                _check_span(sp, art, "claim")
        if c.statement_id not in statement_ids:
            raise StageError("analyze", art.origin, f"claim {c.id} cites unknown statement {c.statement_id}")
    if aa.loaded_scores and len(aa.loaded_scores) != len(aa.statements):
        raise StageError("analyze", art.origin, "loaded-language scores and statements differ in number")
    return aa


# Keys of a finding's ``data`` that hold ids, and what kind of record each names.
_DATA_IDS = {"statement_id": "statement", "statement_ids": "statement", "attributed": "statement",
             "unattributed": "statement", "unconfirmed": "statement", "alignment_id": "alignment",
             "entity_id": "entity", "speaker": "entity", "reported_by": "article"}


class _Cited:
    """The ids of one comparison by kind, and the checks of what cites them."""

    def __init__(self, cmp: Comparison) -> None:
        self.articles = {aa.article.id: aa.article for aa in cmp.articles}
        self.known: dict[str, set[str]] = {
            "article": set(self.articles),
            "statement": {st.id for aa in cmp.articles for st in aa.statements},
            "entity": {e.id for e in cmp.entities},
            "alignment": {al.id for al in cmp.alignments},
        }

    def ids(self, kind: str, ids: Iterable[str], where: str) -> None:
        for i in ids:
            if i not in self.known[kind]:
                raise StageError("compare", "story", f"{where} cites {kind} {i!r}, which the comparison lacks")

    def span(self, span: Span, where: str) -> None:
        art = self.articles.get(span.article_id)
        if art is None or art.spanned(span)[span.start : span.end] != span.text:
            raise StageError("compare", "story", f"{where} span {span.article_id}:{span.start}:{span.end} does not "
                                                 "match its article's text")

    def data(self, data: Any, where: str) -> None:
        """The ids in a finding's ``data`` (nested objects and lists too), by the key that holds them."""
        if isinstance(data, Mapping):
            for key, value in data.items():
                kind = _DATA_IDS.get(key)
                if kind is None:
                    self.data(value, where)
                elif isinstance(value, str):
                    self.ids(kind, [value], f"{where} data.{key}")
                elif isinstance(value, Mapping):  # statement id -> statement ids
                    self.ids(kind, value, f"{where} data.{key}")
                    for v in value.values():
                        self.ids(kind, v, f"{where} data.{key}")
                elif value is not None:
                    self.ids(kind, value, f"{where} data.{key}")
        elif isinstance(data, list | tuple):
            for item in data:
                self.data(item, where)


def check_comparison(cmp: Comparison) -> Comparison:
    """Check a comparison as :func:`check_analysis` checks an analysis; return it unchanged.

    Every span of an entity mention and of a finding's evidence must be its article's text at
    its offsets; every statement, article, entity and alignment id that the story, a statement's
    speaker, an alignment, a possible pair, the coverage, a finding (its articles and the ids in
    its ``data``) or the summary cites must exist, and the coverage must cover every alignment.

    Raises:
        StageError: Of the "compare" stage, naming what is malformed.
    """
    c = _Cited(cmp)
    c.ids("article", cmp.story.article_ids, "the story")
    for e in cmp.entities:
        for m in e.mentions:
            c.span(m.span, f"entity {e.id} mention")
    for aa in cmp.articles:
        c.ids("entity", [st.speaker for st in aa.statements if st.speaker is not None], f"article {aa.article.id}")
    for al in cmp.alignments:
        c.ids("statement", al.statement_ids, f"alignment {al.id}")
        if al.id not in cmp.coverage.outlets:
            raise StageError("compare", "story", f"the coverage lacks alignment {al.id}")
    for p in cmp.possible:
        c.ids("statement", (p.first, p.second), "a possible pair")
    cov = cmp.coverage
    c.ids("alignment", [*cov.corroborated, *cov.outlets], "the coverage")
    c.ids("article", [a for arts in cov.outlets.values() for a in arts], "coverage.outlets")
    c.ids("article", [*cov.unique, *cov.source_of, *cov.source_of.values()], "the coverage")
    c.ids("statement", [s for ids in cov.unique.values() for s in ids], "coverage.unique")
    for name, links in (("counterparts", cov.counterparts), ("unconfirmed", cov.unconfirmed)):
        c.ids("statement", [*links, *(s for ids in links.values() for s in ids)], f"coverage.{name}")
    for f in cmp.findings:
        c.ids("article", f.article_ids, f"finding {f.id}")
        for sp in f.evidence:
            c.span(sp, f"finding {f.id} evidence")
        c.data(f.data, f"finding {f.id}")
    for n, sentence in enumerate(cmp.summary):
        c.ids("statement", sentence.citations, f"summary sentence {n}")
    return cmp


def analyze(
    inputs: Iterable[Input],
    config: Config | None = None,
    options: AnalyzeOptions | None = None,
    input_format: str | None = None,
    stdin: Any = None,
) -> Batch:
    """Read and analyze articles; bad inputs are reported in ``Batch.errors``, not raised.

    Args:
        inputs: Paths (a ``str`` is always a path), ``"-"`` (stdin), or
            :class:`~newsprism.ingest.Text` records.
        config: Settings (limits, cache); defaults when ``None``.
        options: What the analysis computes.
        input_format: Force one input format ("text", "html", "jsonl").
        stdin: Binary stream to read ``-`` from.

    Returns:
        The analyzed articles in input order, with the errors and duplicates of the batch.
    """
    config = config or Config()
    return _analyze_read(ingest(inputs, config, input_format, stdin), config, options)


def _analyze_read(got: IngestResult, config: Config, options: AnalyzeOptions | None) -> Batch:
    """Analyze the articles ingest read; one that fails is an error of the batch."""
    options = options or AnalyzeOptions(embeddings=config.embeddings)
    if options.nlp and options.embeddings and options.embedder is None:  # no statements, nothing to embed
        from newsprism.analysis.embed import get_embedder

        options = dataclasses.replace(options, embedder=get_embedder(config))
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


def _too_few(got: IngestResult) -> UsageError:
    """The usage error for a story of fewer than two articles, naming the inputs that failed."""
    count = "got one" if got.articles else "got none"
    if got.duplicates:
        count += "; " + "; ".join(f"{origin} is the same article as {first}" for origin, first in got.duplicates)
    return UsageError(f"compare needs at least two articles about the same event ({count})", got.errors)


def compare(
    inputs: Iterable[Input],
    config: Config | None = None,
    options: AnalyzeOptions | None = None,
    compare_options: CompareOptions | None = None,
    input_format: str | None = None,
    stdin: Any = None,
) -> tuple[Comparison, Batch]:
    """Read, analyze and compare the articles of one story.

    Inputs that cannot be read or analyzed are reported in the returned batch's ``errors``
    (and duplicates in ``duplicates``); the comparison is made of the rest. Articles are
    counted after reading: a JSONL file of three articles is three.

    Args:
        inputs: Paths (a ``str`` is always a path), ``"-"`` or
            :class:`~newsprism.ingest.Text` records: two or more reports of one event.
        config: Settings.
        options: What the analysis computes (embeddings and loaded language are always on:
            alignment and the findings need them); its ``embedder`` embeds statements and the
            loaded-span tagger's rarer words (default: the one of ``config``).
        compare_options: Knobs of the comparison.
        input_format: Force one input format.
        stdin: Binary stream to read ``-`` from.

    Returns:
        ``(comparison, batch)``; the comparison passed :func:`check_comparison`.

    Raises:
        UsageError: Fewer than two comparable articles remain; its ``errors`` holds every input
            that failed (checked right after reading, so nothing is analyzed in vain).
        StageError: The comparison failed or came out malformed (stage "compare").
    """
    config = config or Config()
    got = ingest(inputs, config, input_format, stdin)
    if len(got.articles) < 2:
        raise _too_few(got)
    options = options or AnalyzeOptions()
    embedder = options.embedder
    if embedder is None:
        from newsprism.analysis.embed import get_embedder

        embedder = get_embedder(config)  # the run's: its cache setting and path
    options = AnalyzeOptions(nlp=True, embeddings=True, embedder=embedder, workers=options.workers, loaded=True)
    batch = _analyze_read(got, config, options)
    compare_options = compare_options or CompareOptions()
    try:
        comparison = compare_articles(batch, compare_options)
    except UsageError as err:  # too few left after analysis: say which inputs failed
        raise UsageError(err.message, [*batch.errors, *err.errors]) from None
    except NewsprismError:
        raise
    except Exception as err:
        raise StageError("compare", "story", f"{type(err).__name__}: {err}") from err
    return check_comparison(comparison), batch
