"""HTML pages: the main text and metadata, extracted by trafilatura."""

from __future__ import annotations

import logging
from typing import Any

from newsprism.errors import NoArticleTextError
from newsprism.ingest._meta import agency_name, outlet_from_url, parse_date, split_byline
from newsprism.ingest._text import ParsedText, clean_body

__all__ = ["parse_html"]

log = logging.getLogger(__name__)

# Below this many characters of main text a page is navigation, a paywall or an error page.
MIN_TEXT_CHARS = 80


def parse_html(html: str, origin: str, url: str | None = None) -> tuple[ParsedText, str | None]:
    """Extract the article from an HTML page.

    Args:
        html: The page's markup.
        origin: The input's name, for errors.
        url: The page's URL if known (a canonical link in the page is used otherwise).

    Returns:
        ``(parsed, source)``: cleaned text with title, author, agency, date and URL; and the
        outlet's name (from the page's site name, else from the URL's domain).

    Raises:
        NoArticleTextError: trafilatura finds no main text, or too little to be an article.
    """
    import trafilatura  # lazy: lxml and its extractors cost ~150 ms to import

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        include_tables=False, favor_precision=True)
    doc: dict[str, Any] = {} if found is None else found if isinstance(found, dict) else found.as_dict()
    text = doc.get("text") or ""
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise NoArticleTextError(origin, "no article text found in the HTML page")
    title = (doc.get("title") or "").strip() or None
    lines = [line for line in text.split("\n") if line.strip()]
    # trafilatura keeps the headline as the first line of the text; it is metadata here.
    if title and lines and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]
    parsed = ParsedText(text=clean_body(lines), title=title)
    if doc.get("author"):
        author, agency = split_byline(str(doc["author"]))
        parsed.author, parsed.agency = author, agency
    parsed.published = parse_date(doc.get("date"))
    parsed.url = doc.get("url") or url
    sitename = (doc.get("sitename") or "").strip()
    # A page whose site name is a wire agency was syndicated by it, not published by it.
    if sitename and agency_name(sitename) and parsed.agency is None:
        parsed.agency = agency_name(sitename)
    source = outlet_from_url(parsed.url)
    if sitename and (source is None or "." in source):
        source = sitename
    if not parsed.text:
        raise NoArticleTextError(origin, "no article text found in the HTML page")
    return parsed, source
