"""What an input is: a path, or a :class:`Text` the caller holds in memory.

Kept apart from :mod:`newsprism.ingest` so that ``import newsprism`` stays light (ingest pulls in
trafilatura and the language identifiers).
"""

from __future__ import annotations

import os
from dataclasses import KW_ONLY, dataclass
from datetime import date
from typing import Any, TypeAlias

__all__ = ["Input", "Text", "Url"]


@dataclass(frozen=True, slots=True)
class Text:
    """Article text given directly, with the metadata the caller knows.

    The only way to hand newsprism text instead of a file: a plain ``str`` is always a path.
    Metadata given here overrides what the text's own header says.

    Attributes:
        text: The article: plain text, Markdown or HTML (detected, or set by ``input_format``).
        origin: A name for it in messages and in ``Article.origin``.
        source: The outlet that published it.
        agency: A wire agency named in the byline.
        author: The byline (a wire agency in it goes to ``agency``).
        title: The headline.
        published: The publication date, a ``date`` or a string such as "2024-05-06".
        url: Where it was published.
        language: An ISO 639-1 code; detected when ``None``.

    Example::

        newsprism.compare([newsprism.Text(body, source="Example Wire"), "b.txt"])
    """

    text: str
    _: KW_ONLY
    origin: str = "<text>"
    source: str | None = None
    agency: str | None = None
    author: str | None = None
    title: str | None = None
    published: date | str | None = None
    url: str | None = None
    language: str | None = None

    def metadata(self) -> dict[str, Any]:
        """Return the metadata fields that are set, by name."""
        fields = ("source", "agency", "author", "title", "published", "url", "language")
        return {k: getattr(self, k) for k in fields if getattr(self, k) is not None}


@dataclass(frozen=True, slots=True)
class Url:
    """A URL to fetch (``ingest --fetch``): an input kind of its own, never guessed from a string.

    Attributes:
        url: An http or https URL: a page (one article) or a feed (its entries are fetched).
    """

    url: str


Input: TypeAlias = str | os.PathLike[str] | Text
"""One input: a path (``"-"`` for stdin) or a :class:`Text`."""

