r"""Markdown for untrusted text: what an article (or its metadata) says never becomes markup.

Article text comes from anyone: a sentence such as ``[read more](https://evil.example)`` or
``![](https://tracker.example/pixel.png)`` must reach the reader of a Markdown report as those
characters, not as a link or an image. :func:`md_inline` escapes a piece of text for a place
inside a line (a list item, a heading, a table cell); :func:`md_block` keeps its paragraphs.

What is escaped, with CommonMark's backslash escapes (any ASCII punctuation may be escaped, and
an escaped character is always literal):

- everywhere: ``\`` (the escape itself), ``*`` ``_`` (emphasis), the backtick (code spans and
  fences), ``[`` ``]`` ``(`` ``)`` ``!`` (links, images, footnotes, reference definitions),
  ``<`` ``>`` (raw HTML, autolinks, block quotes), ``&`` (entity references), ``#`` (headings),
  ``|`` (table cells), ``~`` (strikethrough, fences), ``$`` (math on GitHub);
- GitHub's bare-URL links: ``://``, ``www.`` and ``@`` are broken by one escape each;
- at the start of the text (which is the start of a block in a list item): ``-`` ``+`` ``=`` and
  an ordered-list number (``1.`` ``2)``), which would open a nested list or a rule.

Line breaks inside inline text become spaces (a newline would end the list item or the cell)
and leading white space is dropped (four spaces would open a code block).
"""

from __future__ import annotations

import re

__all__ = ["md_block", "md_inline"]

_PUNCT = re.compile(r"([\\`*_\[\]()!<>&#|~$@])")
_BARE_LINK = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?<![\w.])(www)(\.)", re.IGNORECASE)
_LINE_BREAK = re.compile(r"[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)+")
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")
_PARAGRAPH_GAP = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*")


def _bare_link(m: re.Match[str]) -> str:
    return "\\:" if m.group(1) else f"{m.group(2)}\\."


def _block_start(m: re.Match[str]) -> str:
    return f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}"


def md_inline(text: str) -> str:
    """Escape untrusted text for a place inside one line of Markdown.

    Args:
        text: Any text (an article sentence, a title, an outlet name, a finding message).

    Returns:
        Markdown that renders as ``text`` with its line breaks turned into spaces: no link,
        image, code, heading, HTML or other markup from ``text``.
    """
    text = _LINE_BREAK.sub(" ", text).strip()
    text = _PUNCT.sub(r"\\\1", text)
    text = _BARE_LINK.sub(_bare_link, text)
    return _BLOCK_START.sub(_block_start, text, count=1)


def md_block(text: str) -> str:
    """Escape untrusted text of several paragraphs: each one inline-escaped, a blank line between."""
    return "\n\n".join(md_inline(p) for p in _PARAGRAPH_GAP.split(text) if p.strip())
