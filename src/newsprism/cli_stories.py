"""The store's commands (``ingest``, ``regroup``, ``stories``, ``show``): thin wrappers over the library.

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
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="files or folders (text, Markdown, HTML, JSONL, RSS/Atom), or '-' for one article on stdin")
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=_DB_HELP)
    p.add_argument("--input-format", choices=("text", "html", "jsonl", "feed"),
                   help="format of every input (default: detect)")
    p.add_argument("--batch-size", type=int, default=64, metavar="N", help="articles per transaction (default 64)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=ingest)


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
    from newsprism.errors import UsageError
    from newsprism.store import open_store
    from newsprism.stories import IngestOptions, IngestProgress, ingest_to_store

    if args.batch_size < 1:
        raise UsageError(f"--batch-size must be positive, got {args.batch_size}")
    options = IngestOptions(input_format=args.input_format, batch_size=args.batch_size)
    started = time.monotonic()
    with open_store(args.db) as store, _progress_bar(args.quiet) as bar:
        task = bar.add_task("ingest", total=None, articles=0, added=0, errors=0, rate="0")

        def show(p: IngestProgress) -> None:
            rate = p.articles / max(time.monotonic() - started, 1e-6)
            bar.update(task, total=p.inputs_total, completed=p.inputs_done, articles=p.articles, added=p.added,
                       errors=p.errors, rate=f"{rate:.0f}")

        summary = ingest_to_store(args.sources, store, config, options, on_progress=show)
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
