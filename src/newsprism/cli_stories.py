"""The store's commands (``ingest``, ``regroup``, ``stories``, ``show``, ``export``): thin wrappers over the library.

Kept apart from :mod:`newsprism.cli` so that the compare commands' module stays small; the same
rules hold (one line per failed input on stderr, exit 1 when some failed, 2 for a usage error or
a store that cannot be used).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from newsprism.config import Config

__all__ = ["add_story_commands", "ingest_command"]

DEFAULT_DB = "news.db"
_DB_HELP = f"the store: an SQLite file, created if missing (default {DEFAULT_DB})"


def add_story_commands(sub: Any, common: argparse.ArgumentParser, ingest: Callable[..., int]) -> None:
    """Add the store's sub-commands to the ``newsprism`` parser."""
    p = sub.add_parser("ingest", parents=[common], help="read articles, folders and feeds into a store",
                       description="Read files, folders (recursively), JSONL files and RSS/Atom feeds into the "
                       "store, skipping articles it already holds (ingesting again adds nothing; a killed run "
                       "resumes).")
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="files or folders (text, Markdown, HTML, JSONL, RSS/Atom), or '-' for one article on stdin")
    p.add_argument("--fetch", nargs="+", action="extend", default=[], metavar="URL",
                   help="also download these http(s) pages and feeds (a feed's entries are fetched too): the only "
                   "network access, with timeouts, a size limit, robots.txt and no private addresses")
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=_DB_HELP)
    p.add_argument("--input-format", choices=("text", "html", "jsonl", "feed"),
                   help="format of every input (default: detect)")
    p.add_argument("--batch-size", type=int, default=64, metavar="N", help="articles per transaction (default 64)")
    p.add_argument("--no-group", action="store_true", help="store the articles without grouping them into stories")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=ingest)

    p = sub.add_parser("regroup", parents=[common], help="rebuild the store's stories from scratch",
                       description="Group every stored article again, one at a time in publication order, and "
                       "replace the stories (stored title + lead vectors are reused).")
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=_DB_HELP)
    p.set_defaults(func=regroup_command)

    p = sub.add_parser("stories", parents=[common], help="list the stories in the store",
                       description="A table of stories: id, dates, articles, outlets, languages, findings, title.")
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=_DB_HELP)
    p.add_argument("--since", metavar="DATE", help="only stories with an article published on or after DATE")
    p.add_argument("--query", metavar="TEXT", help="only stories with an article holding every word of TEXT")
    p.add_argument("--min-outlets", type=int, default=1, metavar="N", help="only stories told by N or more outlets")
    p.add_argument("--lang", metavar="L", help="only stories with an article in language L (ISO 639-1)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N stories (newest first)")
    p.set_defaults(func=stories_command)

    p = sub.add_parser("export", parents=[common], help="write the store's stories, articles and findings to a file",
                       description="Export every story, article (with its story) and stored finding as JSON Lines, "
                       "one object a line with a 'kind' (format newsprism.export/1).")
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=_DB_HELP)
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                   help="jsonl (default); parquet needs pyarrow, an optional extra not installed by default")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="write here (atomically: the old file or the whole new one); '-' for stdout")
    p.set_defaults(func=export_command)

    p = sub.add_parser("show", parents=[common], help="compare the articles of one stored story",
                       description="Compare a story's articles (stored analyses and comparisons are reused) and "
                       "print the digest, or write JSON / Markdown.")
    p.add_argument("story", metavar="STORY", help="a story id, or a unique start of one")
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=_DB_HELP)
    p.add_argument("--format", choices=("json", "md", "html", "digest"),
                   help="json, md, html or digest (default: digest on the terminal, by -o's extension otherwise)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (atomically) instead of stdout")
    p.add_argument("--all", action="store_true", help="digest: list the less sure findings too")
    p.set_defaults(func=show_command)


def _progress_bar(quiet: bool) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    return Progress(
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("inputs"),
        TextColumn("{task.fields[articles]} articles ({task.fields[rate]}/s), {task.fields[added]} new, "
                   "{task.fields[errors]} errors"),
        TimeRemainingColumn(), console=console, disable=quiet or not console.is_terminal, transient=False)


def ingest_command(args: argparse.Namespace, config: Config, say: Callable[[str], None]) -> int:
    """``newsprism ingest``: read the sources into the store, with a progress bar and a summary."""
    from newsprism._input import Url
    from newsprism.errors import UsageError
    from newsprism.store import open_store
    from newsprism.stories import IngestOptions, IngestProgress, ingest_to_store

    if args.batch_size < 1:
        raise UsageError(f"--batch-size must be positive, got {args.batch_size}")
    if not args.sources and not args.fetch:
        raise UsageError("ingest needs a SOURCE or --fetch URL")
    urls = [s for s in args.sources if s[:8].lower().startswith(("http://", "https://"))]
    if urls:  # a URL is never opened as a file, nor fetched without being asked to
        raise UsageError(f"{urls[0]} is a URL: give it as --fetch {urls[0]} to download it")
    for url in args.fetch:
        if not url[:8].lower().startswith(("http://", "https://")):
            raise UsageError(f"--fetch takes http(s) URLs, not {url!r} (put files and folders before --fetch)")
    sources = [*args.sources, *(Url(u) for u in args.fetch)]
    options = IngestOptions(input_format=args.input_format, batch_size=args.batch_size, group=not args.no_group)
    started = time.monotonic()
    with open_store(args.db) as store, _progress_bar(args.quiet) as bar:
        task = bar.add_task("ingest", total=None, articles=0, added=0, errors=0, rate="0")

        def show(p: IngestProgress) -> None:
            rate = p.articles / max(time.monotonic() - started, 1e-6)
            bar.update(task, total=p.inputs_total, completed=p.inputs_done, articles=p.articles, added=p.added,
                       errors=p.errors, rate=f"{rate:.0f}")

        summary = ingest_to_store(sources, store, config, options, on_progress=show)
    for err in summary.errors:
        say(f"newsprism: {err}")
    p = summary.progress
    rate = p.articles / summary.seconds if summary.seconds else 0.0
    line = (f"newsprism: ingest: {p.articles} article{'s' if p.articles != 1 else ''} from {p.inputs_done} "
            f"input{'s' if p.inputs_done != 1 else ''} in {summary.seconds:.1f} s ({rate:.0f}/s): {p.added} new, "
            f"{p.existing} already stored, {p.duplicates} repeated in the input, {p.errors} failed")
    if options.group:
        line += f"; {summary.new_stories} new stories, {summary.joined} joined existing ones"
    say(f"{line} (store: {args.db})")
    return 1 if summary.errors else 0


def _existing_store(path: str) -> Any:
    from pathlib import Path

    from newsprism.errors import StoreError
    from newsprism.store import open_store

    if not Path(path).exists():
        raise StoreError(path, "no such store (make one with newsprism ingest SOURCES --db FILE)")
    return open_store(path)


def regroup_command(args: argparse.Namespace, config: Config) -> int:
    """``newsprism regroup``: rebuild the stories."""
    import sys

    from newsprism.stories_group import regroup

    with _existing_store(args.db) as store:
        n, stories, seconds = regroup(store, config)
    print(f"newsprism: regroup: {n} articles into {stories} stories in {seconds:.1f} s (store: {args.db})",
          file=sys.stderr)
    return 0


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def stories_command(args: argparse.Namespace, config: Config) -> int:
    """``newsprism stories``: a table of the stories that pass the filters."""
    from newsprism.errors import UsageError
    from newsprism.ingest._meta import parse_date
    from newsprism.store import StoryQuery

    since = None
    if args.since:
        since = parse_date(args.since)
        if since is None:
            raise UsageError(f"--since: not a date: {args.since!r} (use YYYY-MM-DD)")
    with _existing_store(args.db) as store:
        rows = store.list_stories(StoryQuery(since=since, query=args.query, min_outlets=args.min_outlets,
                                             language=args.lang, limit=args.limit))
    print(f"{'story':<18} {'dates':<23} {'arts':>4} {'outl':>4} {'lang':<6} {'find':>4}  title")
    for r in rows:
        first = r.first_published.isoformat() if r.first_published else "?"
        last = r.last_published.isoformat() if r.last_published else "?"
        dates = first if first == last else f"{first}..{last[5:] if last[:4] == first[:4] else last}"
        print(f"{r.id:<18} {dates:<23} {r.articles:>4} {len(r.outlets):>4} {_cell(','.join(r.languages), 6):<6} "
              f"{'-' if r.findings is None else r.findings:>4}  {_cell(r.title, 70)}")
    return 0


def export_command(args: argparse.Namespace, config: Config) -> int:
    """``newsprism export``: stories, articles and findings as JSON Lines."""
    import sys

    from newsprism.cli import _check_output, _reason
    from newsprism.errors import OutputError, UsageError
    from newsprism.export import write_export

    if args.format == "parquet":
        raise UsageError("--format parquet needs the optional pyarrow extra, which newsprism does not install and "
                         "does not write yet; export jsonl and "
                         "convert it (e.g. duckdb \"COPY (FROM 'out.jsonl') TO 'out.parquet'\")")
    if args.output != "-":
        _check_output(args.output)
    with _existing_store(args.db) as store:
        try:
            counts = write_export(store, args.output)
        except OSError as err:  # a full disk, a file where a folder should be...
            raise OutputError(args.output, _reason(err)) from None
    print(f"newsprism: export: {counts.stories} stories, {counts.articles} articles, {counts.findings} findings "
          f"to {args.output} (store: {args.db})", file=sys.stderr)
    return 0


def show_command(args: argparse.Namespace, config: Config) -> int:
    """``newsprism show STORY``: the story's comparison as a digest, JSON, Markdown or HTML."""
    from newsprism.cli import _check_output, _emit, _say, format_for_output
    from newsprism.report import ComparisonReport
    from newsprism.stories_group import compare_story

    _check_output(args.output)
    with _existing_store(args.db) as store:
        comparison, errors = compare_story(store, args.story, config)
    report = ComparisonReport(comparison, list(errors))
    fmt = args.format or format_for_output(args.output)
    text = report.digest(show_all=args.all) if fmt == "digest" else \
        {"json": report.to_json, "md": report.to_markdown, "html": report.to_html}[fmt]()
    for err in errors:
        _say(f"newsprism: {err}")
    _emit(text, args.output)
    return 1 if errors else 0
