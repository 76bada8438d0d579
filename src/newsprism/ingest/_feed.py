"""RSS and Atom feeds: one article per entry, read with feedparser.

A feed entry carries a headline, a link, a date and some HTML (the full text in ``content:encoded``
or Atom ``content``, else a summary); the HTML becomes paragraphs of plain text and then goes
through the same cleaning as any text. feedparser is given the feed's bytes, never a string: given a
string that looks like a URL or a path it would fetch or open it, and ingest never touches the
network by itself. Each entry is named ``<origin>#<n>`` in messages, as a JSONL line is
``<origin>:<line>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from newsprism.errors import InputError, NoArticleTextError
from newsprism.ingest._meta import outlet_from_url
from newsprism.ingest._text import ParsedText, read_body
from newsprism.model import Article

__all__ = ["feed_articles"]

_BLOCK_END = re.compile(r"(?i)<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*>")
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feedparser has already sanitised it): one paragraph per block."""
    text = _COMMENT.sub("", fragment)
    text = _BLOCK_END.sub("\n\n", text)
    text = _TAG.sub(" ", text)
    return html.unescape(text)


def _body(entry: Any) -> str:
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            return str(value)
    return str(entry.get("summary") or entry.get("description") or "")


def _day(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def feed_articles(raw: bytes, origin: str,
                  build: Callable[[ParsedText, str, dict[str, Any]], Article]) -> Iterator[Article | InputError]:
    """Yield the articles of a feed's entries (or one error per entry that has no text).

    Args:
        raw: The feed document's bytes.
        origin: The input's name.
        build: Turns parsed text, the entry's name and its metadata into an article (ingest's
            metadata rules).

    Yields:
        One article or error per entry; a single error when the document is not a feed.
    """
    import feedparser  # lazy: only feeds need it

    parsed = feedparser.parse(raw)
    entries = list(parsed.get("entries") or ())
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "broken XML").split("\n", 1)[0]
            yield InputError(origin, f"not a readable RSS/Atom feed ({reason})")
        else:
            yield NoArticleTextError(origin, "RSS/Atom feed with no entries")
        return
    channel = parsed.get("feed") or {}
    feed_title = str(channel.get("title") or "").strip() or None
    for n, entry in enumerate(entries, start=1):
        where = f"{origin}#{n}"
        body = html_to_text(_body(entry))
        if not body.strip():
            yield NoArticleTextError(where, "feed entry without text (no content or summary)")
            continue
        link = str(entry.get("link") or "").strip() or None
        outlet = outlet_from_url(link)
        title = html.unescape(_TAG.sub("", str(entry.get("title") or ""))).strip() or None
        meta: dict[str, Any] = {"title": title, "url": link, "published": _day(entry),
                                "author": str(entry.get("author") or "").strip() or None,
                                # A known outlet's name beats the feed's title; a bare domain does not.
                                "source": outlet if outlet and "." not in outlet else feed_title or outlet}
        try:
            # The entry's text is made from its markup, no string of the feed: its furniture has no offsets.
            yield build(read_body(body, in_input=False), where,
                        {k: v for k, v in meta.items() if v is not None})
        except InputError as err:
            yield err
