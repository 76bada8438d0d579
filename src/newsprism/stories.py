"""The runner for a stream of news: ingest into a store, group into stories, compare a story.

Part of the pipeline (:mod:`newsprism.pipeline` re-exports it): the only code that persists.
Stages stay pure: ingest reads, the group stage assigns, compare compares; this module hands
their records to the :class:`~newsprism.store.Store` and back.

:func:`ingest_to_store` reads sources (files, folders recursively, JSONL, RSS/Atom feeds) in
batches; each batch is written in one transaction (its new articles, their grouping vectors and
the stories they changed), so a kill loses at most the batch in flight and a rerun resumes:
articles already stored are skipped by id before anything is computed for them.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsprism._input import Url
from newsprism.config import Config
from newsprism.errors import InputError
from newsprism.ingest import Input, Text, read_input
from newsprism.model import Article
from newsprism.store import Store

__all__ = ["ARTICLE_SUFFIXES", "IngestOptions", "IngestProgress", "IngestSummary", "expand_sources",
           "ingest_to_store"]

if TYPE_CHECKING:
    from newsprism.ingest.fetch import Fetcher
    from newsprism.stories_group import StoreGrouper

log = logging.getLogger(__name__)

#: The files a folder is searched for (a file named on the command line is read whatever its name).
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".json",
                              ".rss", ".atom", ".xml"})


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How :func:`ingest_to_store` runs.

    Attributes:
        input_format: Force one input format ("text", "html", "jsonl", "feed"); detected if ``None``.
        group: Group the new articles into stories as they are stored.
        batch_size: Articles per transaction (and per embedding call when grouping).
    """

    input_format: str | None = None
    group: bool = True
    batch_size: int = 64


@dataclass(slots=True)
class IngestProgress:
    """Counts so far, for a progress display.

    Attributes:
        inputs_done: Inputs (files, feeds, JSONL files) read so far.
        inputs_total: Inputs to read in all.
        articles: Articles read (each JSONL line or feed entry is one).
        added: Articles new to the store.
        existing: Articles the store already held (skipped).
        duplicates: Articles repeated within this run (read once).
        errors: Inputs, lines or entries that could not be read.
        current: The input being read.
    """

    inputs_done: int = 0
    inputs_total: int = 0
    articles: int = 0
    added: int = 0
    existing: int = 0
    duplicates: int = 0
    errors: int = 0
    current: str = ""


@dataclass(slots=True)
class IngestSummary:
    """What :func:`ingest_to_store` did.

    Attributes:
        progress: The final counts.
        errors: One error per input, JSONL line or feed entry that could not be read, in order.
        new_stories: Stories opened by the new articles.
        joined: New articles that joined a story that already existed.
        seconds: Wall time of the run.
    """

    progress: IngestProgress
    errors: list[InputError] = field(default_factory=list)
    new_stories: int = 0
    joined: int = 0
    seconds: float = 0.0


Source = Input | Url


def expand_sources(sources: Iterable[Source]) -> list[Source]:
    """Replace each folder by the article files under it (recursively, sorted, hidden ones skipped).

    A path that is not a folder is kept as it is (read_input names it if it is missing); a
    :class:`~newsprism._input.Url` too.
    """
    out: list[Source] = []
    for item in sources:
        if isinstance(item, Text | Url) or os.fspath(item) == "-" or not Path(item).is_dir():
            out.append(item)
            continue
        root = Path(item)
        found: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            found.extend(Path(dirpath) / f for f in filenames
                         if not f.startswith(".") and Path(f).suffix.lower() in ARTICLE_SUFFIXES)
        out.extend(sorted(found))
    return out


def _read(item: Source, config: Config, options: IngestOptions, fetcher: Fetcher | None) -> list[Article | InputError]:
    if isinstance(item, Url):
        if fetcher is None:  # only the runner opens the network, and only when a URL was given
            return [InputError(item.url, "a URL: fetching needs --fetch")]
        return fetcher.articles(item.url)
    return read_input(item, config, options.input_format)


def _batches(inputs: Sequence[Source], config: Config, options: IngestOptions, progress: IngestProgress,
             errors: list[InputError], notify: Callable[[], None],
             fetcher: Fetcher | None = None) -> Iterator[list[Article]]:
    """Yield batches of articles read from the inputs, each id once; errors and counts go to the caller."""
    pending: list[Article] = []
    seen: set[str] = set()
    for item in inputs:
        progress.current = (item.origin if isinstance(item, Text) else item.url if isinstance(item, Url)
                            else os.fspath(item))
        notify()
        for got in _read(item, config, options, fetcher):
            if isinstance(got, InputError):
                errors.append(got)
                progress.errors += 1
                continue
            progress.articles += 1
            if got.id in seen:
                progress.duplicates += 1
                continue
            seen.add(got.id)
            pending.append(got)
            if len(pending) >= options.batch_size:
                yield pending
                pending = []
        progress.inputs_done += 1
        notify()
    if pending:
        yield pending


def ingest_to_store(sources: Iterable[Source], store: Store, config: Config | None = None,
                    options: IngestOptions | None = None,
                    on_progress: Callable[[IngestProgress], None] | None = None) -> IngestSummary:
    """Read sources into a store; one bad document is named in the summary and the rest goes on.

    Idempotent: an article already stored (same id) is skipped before anything is computed for it,
    so ingesting the same input again adds nothing, and a run killed half-way resumes where it
    stopped when run again.

    Args:
        sources: Paths (files or folders, searched recursively for :data:`ARTICLE_SUFFIXES`),
            ``"-"``, :class:`~newsprism.ingest.Text` records, or :class:`~newsprism._input.Url`
            records to fetch (pages and feeds; the only network access, see
            :mod:`newsprism.ingest.fetch`).
        store: Where the articles go.
        config: Limits and settings (the embedding cache, for grouping).
        options: Input format, grouping, batch size.
        on_progress: Called after each input and each stored batch with the counts so far.

    Returns:
        The counts, the errors, and how the new articles were grouped.
    """
    config = config or Config()
    options = options or IngestOptions()
    started = time.monotonic()
    inputs = expand_sources(sources)
    progress = IngestProgress(inputs_total=len(inputs))
    summary = IngestSummary(progress)

    def notify() -> None:
        if on_progress is not None:
            on_progress(progress)

    grouper: StoreGrouper | None = None
    if options.group:
        from newsprism.stories_group import StoreGrouper

        grouper = StoreGrouper(store, config)
    fetcher = None
    if any(isinstance(item, Url) for item in inputs):
        from newsprism.ingest.fetch import Fetcher

        fetcher = Fetcher(config)
    try:
        _store_batches(_batches(inputs, config, options, progress, summary.errors, notify, fetcher), store,
                       grouper, summary, notify)
    finally:
        if fetcher is not None:
            fetcher.close()
    summary.seconds = time.monotonic() - started
    return summary


def _store_batches(batches: Iterable[list[Article]], store: Store, grouper: StoreGrouper | None,
                   summary: IngestSummary, notify: Callable[[], None]) -> None:
    progress = summary.progress
    for batch in batches:
        stored = store.has_articles([a.id for a in batch])
        new = [a for a in batch if a.id not in stored]
        progress.existing += len(batch) - len(new)
        if new and grouper is None:
            store.add_articles(new)  # one transaction
        elif new and grouper is not None:
            outcome = grouper.add(new)  # the articles, their vectors and stories: one transaction
            summary.new_stories += outcome.new_stories
            summary.joined += outcome.joined
        progress.added += len(new)
        notify()
