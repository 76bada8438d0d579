"""The ``newsprism`` command: thin wrappers over the library, errors as one-line messages.

Every FILE argument is a path (``-`` is standard input), never article text: a missing path or a
directory is an error naming it. Exit codes: 0 every input done; 1 some inputs failed (each named
on stderr, the rest done); 2 usage error (each failed input that led to it named first) or an
output that cannot be written.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from newsprism import __version__
from newsprism._io import write_atomic
from newsprism.config import Config, load_config
from newsprism.errors import ConfigError, NewsprismError, OutputError, StoreError, UsageError

__all__ = ["format_for_output", "main", "write_atomic"]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

# A message names inputs, and a file name may hold a newline or a terminal escape sequence:
# shown as \x.. escapes, so that every message stays one harmless line.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _say(message: str) -> None:
    print(_UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", message), file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, as the rest of the CLI does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(f"newsprism: error: {message}") from None


def _reason(err: OSError) -> str:
    reason = err.strerror or type(err).__name__
    return reason[:1].lower() + reason[1:]


def _check_output(out: str | None) -> None:
    """Refuse an ``-o`` that cannot be written before any work is done (the write checks again)."""
    if not out or out == "-":
        return
    target = Path(out)
    if target.is_dir():
        raise OutputError(out, "is a directory")
    # The nearest folder that exists is where the file (or its missing folders) would be made.
    folder = next((p for p in (target.parent, *target.parent.parents) if p.exists()), None)
    if folder is None:
        return
    if not folder.is_dir():
        raise OutputError(out, f"{folder} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(out, "permission denied")


def format_for_output(out: str | None) -> str:
    """The comparison format an ``-o`` file's extension asks for (a digest when there is no file)."""
    if not out:
        return "digest"
    suffix = str(out).lower().rsplit(".", 1)[-1] if "." in str(out) else ""
    return {"md": "md", "html": "html", "htm": "html"}.get(suffix, "json")


def _emit(text: str, out: str | None) -> None:
    if out and out != "-":
        try:
            write_atomic(out, text)
        except OSError as err:  # a full disk, a file where a folder should be...
            raise OutputError(out, _reason(err)) from None
    else:
        sys.stdout.write(text)


def _report_problems(errors: Sequence[NewsprismError], duplicates: Sequence[tuple[str, str]]) -> int:
    for err in errors:
        _say(f"newsprism: {err}")
    for origin, first in duplicates:
        _say(f"newsprism: {origin}: same article as {first}, read once")
    return EXIT_SOME_FAILED if errors else EXIT_OK


def _cmd_analyze(args: argparse.Namespace, config: Config) -> int:
    from newsprism.analysis import AnalyzeOptions
    from newsprism.pipeline import analyze
    from newsprism.render.analysis import analyses_to_json, analysis_to_markdown

    options = AnalyzeOptions(nlp=not args.no_nlp, embeddings=config.embeddings and not args.no_embeddings,
                             workers=None)
    _check_output(args.output)
    batch = analyze(args.files, config, options, input_format=args.input_format)
    code = _report_problems(batch.errors, batch.duplicates)
    if batch:  # nothing read: write nothing, and an existing -o file stays as it was
        if args.format == "json":
            text = analyses_to_json(batch)
        else:
            text = "\n---\n\n".join(analysis_to_markdown(aa) for aa in batch)
        _emit(text, args.output)
    return code


def _cmd_compare(args: argparse.Namespace, config: Config) -> int:
    from newsprism.analysis import AnalyzeOptions
    from newsprism.pipeline import compare
    from newsprism.report import ComparisonReport

    _check_output(args.output)
    _check_output(args.html)
    # Too few articles is found after reading (a JSONL file of three is three): a UsageError
    # that carries the inputs that failed.
    comparison, batch = compare(args.files, config, AnalyzeOptions(workers=None), input_format=args.input_format)
    report = ComparisonReport(comparison, batch.errors, batch.duplicates)
    fmt = args.format or format_for_output(args.output)
    text = report.digest(show_all=args.all) if fmt == "digest" else \
        {"json": report.to_json, "md": report.to_markdown, "html": report.to_html}[fmt]()
    code = _report_problems(batch.errors, batch.duplicates)
    for note in report.notes:
        _say(f"newsprism: {note}")
    _emit(text, args.output)
    if args.html:  # the HTML report too, from the same comparison (make run prints its path)
        _emit(report.to_html(), args.html)
    return code


def _cmd_eval(args: argparse.Namespace, config: Config) -> int:
    from newsprism.eval import check_floors, run_task

    report = run_task(args.task, args.data or config.data_dir, quick=args.quick)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        metrics = sorted({m for scores in report.scores.values() for m in scores})
        print(f"{report.task} on {report.dataset}: {report.n} items{' (quick subset)' if report.quick else ''}")
        print("| system | " + " | ".join(metrics) + " |")
        print("|---" * (len(metrics) + 1) + "|")
        for system, scores in report.scores.items():
            print(f"| {system} | " + " | ".join(f"{scores[m]:.3f}" if m in scores else "" for m in metrics) + " |")
        for note in report.notes:
            print(f"note: {note}")
    if args.baseline:
        failures = check_floors(report, args.baseline)
        for line in failures:
            _say(f"newsprism: {line}")
        return EXIT_SOME_FAILED if failures else EXIT_OK
    return EXIT_OK


def _cmd_ingest(args: argparse.Namespace, config: Config) -> int:
    from newsprism.cli_stories import ingest_command

    return ingest_command(args, config, _say)


_CONFIG_HELP = ("TOML configuration file (default ~/.config/newsprism/config.toml; NEWSPRISM_* variables "
                "override it); before or after the command")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``newsprism`` command."""
    parser = _Parser(
        prog="newsprism",
        description="Compare several news reports of one event, sentence by sentence: what they agree on, "
        "what each adds or leaves out, where they contradict, whom they quote, which words carry a verdict.",
        epilog="Every FILE is a path ('-' for stdin). Exit codes: 0 all inputs done, 1 some inputs failed "
        "(named on stderr), 2 usage error (failed inputs named first) or output not writable.",
    )
    parser.add_argument("--version", action="version", version=f"newsprism {__version__}")
    parser.add_argument("--config", metavar="FILE", help=_CONFIG_HELP)
    # --config is accepted after the command too; SUPPRESS keeps an absent one there from
    # overwriting one given before the command.
    common = _Parser(add_help=False)
    common.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help=_CONFIG_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("analyze", parents=[common], help="read articles and show what analysis finds in each",
                       description="Read articles (text, Markdown, HTML, JSONL; '-' for stdin) and write, per "
                       "article, its record and analysis: sentences, entities, times, numbers, quotes, statements.")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="article paths (text, Markdown, HTML, JSONL), or '-' to read one from stdin")
    p.add_argument("--format", choices=("json", "md"), default="md",
                   help="json: one 'newsprism.analysis/1' record a line (JSONL); md: a Markdown report (default)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (atomically) instead of stdout")
    p.add_argument("--input-format", choices=("text", "html", "jsonl"), help="format of the inputs (default: detect)")
    p.add_argument("--no-embeddings", action="store_true", help="skip statement embeddings (faster)")
    p.add_argument("--no-nlp", action="store_true", help="only read the articles: record and cleaned text")
    p.set_defaults(func=_cmd_analyze)

    p = sub.add_parser("compare", parents=[common], help="compare two or more reports of one event (the main job)",
                       description="Read two or more reports of one event, align their statements and show what "
                       "they agree on and what each adds or leaves out. Without -o, prints a digest.")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="article paths, two or more articles in all (a JSONL file counts as the articles it "
                   "holds); '-' for one from stdin")
    p.add_argument("--format", choices=("json", "md", "html", "digest"),
                   help="json: the 'newsprism.comparison/2' document; md: a Markdown report; html: a "
                   "self-contained HTML page; digest: plain text (default: digest on the terminal, by -o's "
                   "extension otherwise: .md, .html/.htm, else json)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (atomically) instead of stdout")
    p.add_argument("--html", metavar="FILE", help="also write the HTML report to FILE (atomically)")
    p.add_argument("--input-format", choices=("text", "html", "jsonl"), help="format of the inputs (default: detect)")
    p.add_argument("--all", action="store_true",
                   help="digest: list the less sure findings too (confidence under 0.7; JSON, Markdown and HTML "
                   "always hold them, the last two folded)")
    p.set_defaults(func=_cmd_compare)

    from newsprism.cli_stories import add_story_commands

    add_story_commands(sub, common, _cmd_ingest)

    p = sub.add_parser("eval", parents=[common], help="score newsprism on a research dataset beside baselines",
                       description="Score one task on the shared datasets, beside baselines computed in the same run.")
    p.add_argument("task", help="task to score: quotes (PolNeAR), align (MSRP, ECB+, WMT en-ru), "
                                "xalign (WMT en-ru, cross-language), loaded (BABE, PTC, BASIL), "
                                "stories (ECB+, AllSides, RUWA), events (ECB+ event coreference), "
                                "findings (judged findings on BASIL), extraction (article bodies of real HTML pages)")
    p.add_argument("--data", metavar="DIR", help="datasets folder (default: data_dir setting, ../shared/data)")
    p.add_argument("--quick", action="store_true", help="a fixed, seeded subset (what CI runs)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--baseline", metavar="FILE", help="fail (exit 1) when a score is below its floor in FILE")
    p.set_defaults(func=_cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            _say(exc.code)
            return EXIT_USAGE
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        config = load_config(args.config)
        code: int = args.func(args, config)
        return code
    except UsageError as err:
        for failed in err.errors:  # the inputs that failed come first: they are usually the cause
            _say(f"newsprism: {failed}")
        _say(f"newsprism: error: {err.message}")
        return EXIT_USAGE
    except (ConfigError, OutputError, StoreError) as err:
        _say(f"newsprism: error: {err}")
        return EXIT_USAGE
    except NewsprismError as err:
        _say(f"newsprism: {err}")
        return EXIT_SOME_FAILED
    except KeyboardInterrupt:
        _say("newsprism: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
