"""HTML pages: the main text and metadata, extracted by trafilatura."""

from __future__ import annotations

import logging
from typing import Any

from newsprism.errors import InputError, NoArticleTextError
from newsprism.ingest._meta import agency_name, outlet_from_url, parse_date, split_byline
from newsprism.ingest._placing import Removed, place
from newsprism.ingest._text import ParsedText, clean_body

__all__ = ["parse_html"]

log = logging.getLogger(__name__)

# Below this many characters of main text a page is navigation, a paywall or an error page.
MIN_TEXT_CHARS = 80
# libxml2 (under lxml, under trafilatura) stops parsing at this depth of nesting and drops the rest of
# the page without an error: a tree this deep may have lost text, so the page is refused instead.
MAX_DEPTH = 256


def _depth(tree: Any) -> int:
    """The deepest nesting of elements in a parsed page (the root is depth 1), walked without recursion."""
    deepest, todo = 0, [(tree, 1)]
    while todo:
        element, depth = todo.pop()
        deepest = max(deepest, depth)
        todo.extend((child, depth + 1) for child in element)
    return deepest


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
        InputError: The page is nested too deep to be parsed whole.
    """
    import trafilatura  # lazy: lxml and its extractors cost ~150 ms to import

    tree = trafilatura.load_html(html)
    if tree is not None and _depth(tree) >= MAX_DEPTH:
        raise InputError(origin, f"HTML nested {MAX_DEPTH} or more elements deep; the HTML parser stops there "
                                 "and would lose the rest of the page")
    found = trafilatura.bare_extraction(html if tree is None else tree, url=url, with_metadata=True,
                                        include_comments=False, include_tables=False, favor_precision=True)
    doc: dict[str, Any] = {} if found is None else found if isinstance(found, dict) else found.as_dict()
    text = doc.get("text") or ""
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise NoArticleTextError(origin, "no article text found in the HTML page")
    title = (doc.get("title") or "").strip() or None
    lines = [line for line in text.split("\n") if line.strip()]
    # trafilatura keeps the headline as the first line of the text; it is metadata here.
    if title and lines and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]
    removed: list[Removed] = []
    # trafilatura's text is no string of the page (the markup is gone): the furniture has no offsets.
    parsed = ParsedText(text=clean_body(lines, removed), title=title, furniture=place(removed, None))
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
