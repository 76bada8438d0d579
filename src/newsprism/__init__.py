"""newsprism: compare several news reports of one event, sentence by sentence.

The public API::

    import newsprism
    report = newsprism.compare(["a.txt", "b.html"])   # report.to_json(), .to_markdown(), .digest()
    batch = newsprism.analyze(["a.txt", "b.html"])   # list of AnalyzedArticle, plus batch.errors
    art = newsprism.read("story.md")                  # ingest only: an Article

Everything else (``newsprism.model``, ``newsprism.errors``, ``newsprism.config``) is importable
for type hints and error handling; modules starting with ``_`` are private.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Config", "__version__", "analyze", "load_config", "read"]

from newsprism.config import Config, load_config

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newsprism.analysis import AnalyzeOptions
    from newsprism.comparison import CompareOptions
    from newsprism.model import Article
    from newsprism.pipeline import Batch
    from newsprism.report import ComparisonReport


def analyze(
    inputs: Iterable[str | Path] | str | Path,
    *,
    config: Config | None = None,
    embeddings: bool | None = None,
    options: AnalyzeOptions | None = None,
    input_format: str | None = None,
) -> Batch:
    """Read and analyze articles.

    Args:
        inputs: A path, an article text, or an iterable of them (paths and texts may be mixed;
            ``"-"`` reads stdin).
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
    items = [inputs] if isinstance(inputs, str | Path) else list(inputs)
    return run(items, config, options, input_format=input_format)


def compare(
    inputs: Iterable[str | Path],
    *,
    config: Config | None = None,
    options: CompareOptions | None = None,
    input_format: str | None = None,
) -> ComparisonReport:
    """Compare two or more reports of one event.

    Args:
        inputs: Paths and/or article texts (``"-"`` reads stdin).
        config: Settings; default: the configuration file and ``NEWSPRISM_*`` variables.
        options: Knobs of the comparison.
        input_format: Force a format: "text", "html" or "jsonl".

    Returns:
        A :class:`~newsprism.report.ComparisonReport`: ``.to_json()``, ``.to_markdown()``,
        ``.digest()``; ``.errors`` names each input that could not be read.

    Raises:
        UsageError: Fewer than two comparable articles.
    """
    from newsprism.pipeline import compare as run
    from newsprism.report import ComparisonReport

    config = config or load_config()
    items = [inputs] if isinstance(inputs, str | Path) else list(inputs)
    comparison, batch = run(items, config, compare_options=options, input_format=input_format)
    return ComparisonReport(comparison, batch.errors, batch.duplicates)


def read(source: str | Path, *, config: Config | None = None, **metadata: Any) -> Article:
    """Read one article (a path or a text) without analyzing it.

    Args:
        source: A file path or the article text.
        config: Settings (size limit).
        **metadata: Fields to set on a text input (source, title, published, ...).

    Returns:
        The article.

    Raises:
        InputError: The input cannot be read; the message names it and the problem.
    """
    from newsprism.errors import InputError
    from newsprism.ingest import article_from_text, looks_like_path, read_input

    if metadata and isinstance(source, str) and not looks_like_path(source):
        return article_from_text(source, **metadata)
    got = read_input(source, config or load_config())
    first = got[0]
    if isinstance(first, InputError):
        raise first
    return first
