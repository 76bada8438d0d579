"""Ingest: files, stdin and given texts to clean, traceable :class:`~newsprism.model.Article` records.

An input is a path (``str`` or ``Path``; ``"-"`` is stdin) or a :class:`Text` (article text the
caller holds in memory). A ``str`` is always a path, never guessed to be text: a mistyped file
name must fail loudly, not be read as a one-sentence article.

Formats: plain text and Markdown (both seed layouts), HTML (via trafilatura), JSONL (one article a
line), RSS/Atom feeds (one article an entry, via feedparser). Each input is decoded and checked
(size, emptiness, binary data, encoding) before it is parsed; a bad input becomes an
:class:`~newsprism.errors.InputError` in the result, never an exception that stops the batch.
The same text read twice is one article (same id).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsprism._input import Input, Text
from newsprism.config import Config
from newsprism.errors import InputError, NoArticleTextError, UsageError
from newsprism.ingest._decode import FORMATS, check_text, decode, read_limited, sniff_format
from newsprism.ingest._feed import feed_articles
from newsprism.ingest._html import parse_html
from newsprism.ingest._meta import (
    agency_name,
    checked_metadata,
    detect_language,
    outlet_from_url,
    parse_date,
    split_byline,
)
from newsprism.ingest._text import ParsedText, parse_text, read_body
from newsprism.model import Article, article_id

__all__ = ["FORMATS", "Input", "IngestResult", "Text", "article_from_text", "ingest", "read_input"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestResult:
    """What a batch of inputs gave.

    Attributes:
        articles: The articles read, in input order, each id once.
        errors: One error per input (or JSONL line) that could not be read.
        duplicates: ``(origin, origin_of_first_copy)`` for each input that repeated an article.
    """

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)


def _origin_of(path: str) -> str:
    """Name a path in messages; a long or multi-line string (article text passed as a path) is cut."""
    first = path.split("\n", 1)[0]
    return first if first == path and len(path) <= 120 else first[:60].rstrip() + "…"


def _text_hint(item: object, err: InputError) -> InputError:
    """Say how to pass text when a ``str`` that cannot be a file name was given as a path."""
    if (isinstance(item, str) and ("\n" in item or len(item) > 255)
            and err.problem.startswith(("file not found", "cannot read", "not a valid file name"))):
        return InputError(err.origin, f"{err.problem}; a str is always a path: pass article text as "
                          "newsprism.Text(text)")
    return err


# Control characters other than tab, newline, carriage return and form feed: no article needs
# them, and an escape sequence (ESC, CSI) in a title or a sentence would drive the terminal that
# shows the digest. Dropped from the text and every metadata field, before offsets are taken.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _clean(value: str | None) -> str | None:
    return _CONTROLS.sub("", value) if value else value


def _finish(parsed: ParsedText, origin: str, source: str | None = None, language: str | None = None) -> Article:
    text = _CONTROLS.sub("", parsed.text)
    if not text.strip():
        raise NoArticleTextError(origin, "no article text left after cleaning")
    url = _clean(parsed.url)
    return Article(
        id=article_id(text),
        text=text,
        source=_clean(source) or outlet_from_url(url),
        agency=_clean(parsed.agency),
        author=_clean(parsed.author),
        title=_clean(parsed.title),
        published=parsed.published,
        url=url,
        language=_clean(language) or detect_language(text),
        origin=origin,
        furniture=tuple(replace(f, text=_CONTROLS.sub("", f.text)) for f in parsed.furniture),
    )


def article_from_text(text: str, *, origin: str = "<text>", fmt: str = "text", **metadata: Any) -> Article:
    """Build one article from a string of text, Markdown or HTML.

    Args:
        text: The article as a string.
        origin: A name for it in messages.
        fmt: "text" (plain text or Markdown) or "html".
        **metadata: Fields to set or override: source, agency, author, title, published (a date
            or a string), url, language.

    Returns:
        The article.

    Raises:
        InputError: The text holds no article, is not valid Unicode, or a metadata field is not a string.
    """
    check_text(text, origin)
    if fmt == "html":
        parsed, source = parse_html(text, origin, url=checked_metadata(metadata, origin).get("url"))
    elif fmt == "text":
        parsed = parse_text(text)
        source = parsed.source
    else:
        raise UsageError(f"{origin}: article_from_text reads 'text' or 'html', not {fmt!r}")
    return _apply_metadata(parsed, origin, source, metadata)


def _apply_metadata(parsed: ParsedText, origin: str, source: str | None, meta: dict[str, Any]) -> Article:
    check_text(parsed.text, origin)
    meta = checked_metadata(meta, origin)
    for key in ("title", "url"):
        if meta.get(key):
            setattr(parsed, key, str(meta[key]))
    if meta.get("author"):
        author, agency = split_byline(str(meta["author"]))
        parsed.author = author or parsed.author
        parsed.agency = agency or parsed.agency
    if meta.get("agency"):
        parsed.agency = agency_name(str(meta["agency"])) or str(meta["agency"])
    published = meta.get("published") or meta.get("date")
    if published:
        parsed.published = published if not isinstance(published, str) else parse_date(published)
    language = meta.get("language") or meta.get("lang")
    return _finish(parsed, origin, source=meta.get("source") or source, language=language)


def _jsonl_articles(text: str, origin: str) -> Iterator[Article | InputError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(where, f"invalid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "a JSONL line must be an object with a 'text' field")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield NoArticleTextError(where, "no 'text' field with article text")
            continue
        try:
            yield _apply_metadata(read_body(body), where, None, record)
        except InputError as err:
            yield err


def read_input(item: Input, config: Config | None = None, input_format: str | None = None,
               stdin: Any = None) -> list[Article | InputError]:
    """Read one input: a path, ``-`` for stdin, or a :class:`Text`.

    Args:
        item: A path (``str`` or ``Path``; always a path, never taken for text), ``"-"``, or a
            :class:`Text`.
        config: Limits and settings (defaults if ``None``).
        input_format: Force a format ("text", "html", "jsonl"); detected if ``None``.
        stdin: A binary stream to read ``-`` from (default ``sys.stdin.buffer``).

    Returns:
        The articles it holds and the errors it gave (JSONL gives one entry a line). A missing
        path, a directory or an unreadable file is an error naming it.

    Raises:
        UsageError: ``input_format`` is unknown, or ``item`` is neither a path nor a :class:`Text`.
    """
    config = config or Config()
    if input_format is not None and input_format not in FORMATS:
        raise UsageError(f"unknown input format {input_format!r} (choose from {', '.join(FORMATS)})")
    if not isinstance(item, str | os.PathLike | Text):
        raise UsageError(f"not an input: {type(item).__name__} (give a path, '-', or newsprism.Text(text))")
    metadata: dict[str, Any] = {}
    try:
        if isinstance(item, Text):
            origin, name, metadata = item.origin, "", item.metadata()
            text = decode(check_text(item.text, origin).encode("utf-8"), origin, config.max_input_bytes)
        elif os.fspath(item) == "-":
            origin, name = "<stdin>", ""
            stream = stdin if stdin is not None else sys.stdin.buffer
            text = decode(stream.read(config.max_input_bytes + 1), origin, config.max_input_bytes)
        else:
            path = Path(item)
            origin, name = _origin_of(os.fspath(item)), path.name
            text = decode(read_limited(path, origin, config.max_input_bytes), origin, config.max_input_bytes)
        fmt = input_format or sniff_format(name, text, origin)
        if fmt == "jsonl":  # each line carries its own metadata
            return list(_jsonl_articles(text, origin))
        if fmt == "feed":  # each entry is an article with its own metadata
            return list(feed_articles(text.encode("utf-8"), origin,
                                      lambda parsed, where, meta: _apply_metadata(parsed, where, None, meta)))
        return [article_from_text(text, origin=origin, fmt=fmt, **metadata)]
    except InputError as err:
        return [_text_hint(item, err)]


def ingest(inputs: Iterable[Input], config: Config | None = None,
           input_format: str | None = None, stdin: Any = None) -> IngestResult:
    """Read a batch of inputs; a bad one is reported and the rest are read.

    Args:
        inputs: Paths, ``"-"``, or :class:`Text` records.
        config: Limits and settings.
        input_format: Force one format for every input.
        stdin: Stream for ``-``.

    Returns:
        The articles (each id once, first copy kept), the errors, and the duplicates skipped.
    """
    result = IngestResult()
    seen: dict[str, str] = {}
    for item in inputs:
        for got in read_input(item, config, input_format, stdin):
            if isinstance(got, InputError):
                log.debug("ingest failed: %s", got)
                result.errors.append(got)
            elif got.id in seen:
                result.duplicates.append((got.origin, seen[got.id]))
            else:
                seen[got.id] = got.origin
                result.articles.append(got)
    return result
