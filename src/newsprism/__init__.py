"""newsprism: compare several news reports of one event, sentence by sentence.

The public API::

    import newsprism
    report = newsprism.compare(["a.txt", "b.html"])   # report.to_json(), .to_markdown(), .digest()
    batch = newsprism.analyze(["a.txt", "b.html"])   # list of AnalyzedArticle, plus batch.errors
    art = newsprism.read("story.md")                  # ingest only: an Article
    newsprism.compare(["a.txt", newsprism.Text("Talks resumed on Monday...", source="Example Wire")])

A ``str`` or ``Path`` is always a path (``"-"`` is stdin); article text held in memory is passed
as :class:`Text`. Everything else (``newsprism.model``, ``newsprism.errors``, ``newsprism.config``)
is importable for type hints and error handling; modules starting with ``_`` are private.
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["Config", "Text", "__version__", "analyze", "compare", "load_config", "read"]

from newsprism._input import Input, Text
from newsprism.config import Config, load_config

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newsprism.analysis import AnalyzeOptions
    from newsprism.comparison import CompareOptions
    from newsprism.model import Article
    from newsprism.pipeline import Batch
    from newsprism.report import ComparisonReport


def _items(inputs: Iterable[Input] | Input) -> list[Input]:
    return [inputs] if isinstance(inputs, str | PathLike | Text) else list(inputs)


def analyze(
    inputs: Iterable[Input] | Input,
    *,
    config: Config | None = None,
    embeddings: bool | None = None,
    options: AnalyzeOptions | None = None,
    input_format: str | None = None,
) -> Batch:
    """Read and analyze articles.

    Args:
        inputs: A path, a :class:`Text`, or an iterable of them. A ``str`` is always a path
            (``"-"`` reads stdin); a missing path or a directory is an error in ``errors``.
        config: Settings; default: the configuration file and ``NEWSPRISM_*`` variables.
        embeddings: Compute statement embeddings (default: the ``embeddings`` setting).
        options: Full control of the analysis (overrides ``embeddings``).
        input_format: Force a format: "text", "html" or "jsonl".

    Returns:
        A list of :class:`~newsprism.model.AnalyzedArticle` in input order; its ``errors``
        attribute holds one :class:`~newsprism.errors.NewsprismError` per input that failed.
    """
    from newsprism.analysis import AnalyzeOptions
    from newsprism.pipeline import analyze as run

    config = config or load_config()
    if options is None:
        options = AnalyzeOptions(embeddings=config.embeddings if embeddings is None else embeddings)
    return run(_items(inputs), config, options, input_format=input_format)


def compare(
    inputs: Iterable[Input],
    *,
    config: Config | None = None,
    options: CompareOptions | None = None,
    input_format: str | None = None,
) -> ComparisonReport:
    """Compare two or more reports of one event.

    Args:
        inputs: Paths and/or :class:`Text` records (a ``str`` is always a path; ``"-"`` reads
            stdin). A JSONL file counts as the articles it holds.
        config: Settings; default: the configuration file and ``NEWSPRISM_*`` variables.
        options: Knobs of the comparison.
        input_format: Force a format: "text", "html" or "jsonl".

    Returns:
        A :class:`~newsprism.report.ComparisonReport`: ``.to_json()``, ``.to_markdown()``,
        ``.digest()``; ``.errors`` names each input that could not be read.

    Raises:
        UsageError: Fewer than two comparable articles; its ``errors`` are the inputs that
            failed, and its message names them.
    """
    from newsprism.pipeline import compare as run
    from newsprism.report import ComparisonReport

    config = config or load_config()
    comparison, batch = run(_items(inputs), config, compare_options=options, input_format=input_format)
    return ComparisonReport(comparison, batch.errors, batch.duplicates)


def read(source: Input, *, config: Config | None = None, input_format: str | None = None) -> Article:
    """Read one article without analyzing it.

    Args:
        source: A path (``"-"`` for stdin) or a :class:`Text`; a JSONL file gives its first article.
        config: Settings (size limit).
        input_format: Force a format: "text", "html" or "jsonl".

    Returns:
        The article.

    Raises:
        InputError: The input cannot be read; the message names it and the problem.
    """
    from newsprism.errors import InputError
    from newsprism.ingest import read_input

    first = read_input(source, config or load_config(), input_format)[0]
    if isinstance(first, InputError):
        raise first
    return first
