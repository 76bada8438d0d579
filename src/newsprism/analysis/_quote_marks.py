"""Quotation marks: find the stretches of text that sit inside them.

Pure text work, no parse. Newspaper conventions handled here:

* double marks of every common style: ``"…"``, ``“…”``, ``«…»``, ``„…“``, ``''…''`` (the doubled
  apostrophe some archives use), ````…''``;
* single marks ``‘…’`` and ``'…'`` outside double-quoted text (headlines, British style), told
  apart from apostrophes (``don’t``, ``Blinken’s``, ``the ’90s``, ``leaders’ summit``);
* a quote that runs over several paragraphs: a paragraph that opens a quote and does not close it
  continues into the next paragraph when that one opens with a quote mark again, and a paragraph
  broken in mid-sentence (no final punctuation, next one starts in lower case) is read on;
* unbalanced marks: a lone closing mark is ignored; a quote that is never closed is kept only up
  to the end of its paragraph and only when it starts the paragraph or follows a colon or comma,
  so one stray mark can never swallow the rest of an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quoted", "find_quoted", "QUOTE_CHARS"]

QUOTE_CHARS = "\"“”«»„‟‹›‘’'`"
_DOUBLE = re.compile(r"''|``|[\"“”«»„‟]")
_SINGLE = re.compile(r"[‘’']")
_LINE = re.compile(r"[^\n]+")
_OPENERS = {"“", "«", "„", "‟", "``"}
_CLOSERS = {"”", "»"}
_AMBIGUOUS = {'"', "''"}
_BEFORE_OPEN = set("([{—–-/:;,") | set(QUOTE_CHARS)
_AFTER_CLOSE = set(".,;:!?)]}—–-/…") | set(QUOTE_CHARS)
_SENTENCE_END = set(".!?…:\"”»’'")
_MAX_PARAGRAPHS = 12


@dataclass(frozen=True, slots=True)
class Quoted:
    """One quoted stretch.

    Attributes:
        open: Offset of the opening mark.
        start: First character inside the marks (whitespace trimmed).
        end: End of the text inside the marks (whitespace and a trailing comma trimmed).
        close: Offset just past the closing mark (or the paragraph end when never closed).
        closed: Whether a closing mark was found.
    """

    open: int
    start: int
    end: int
    close: int
    closed: bool


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    end: int
    kind: str
    left: bool  # can open: not followed by space, preceded by space or opening punctuation
    right: bool  # can close: not preceded by space, followed by space or closing punctuation
    spaced: bool  # whitespace on both sides


def _mark(text: str, m: re.Match[str]) -> _Mark:
    s, e = m.start(), m.end()
    prev = text[s - 1] if s > 0 else " "
    nxt = text[e] if e < len(text) else " "
    left = not nxt.isspace() and (prev.isspace() or prev in _BEFORE_OPEN)
    right = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
    return _Mark(s, e, m.group(), left, right, prev.isspace() and nxt.isspace())


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _can_close(mark: _Mark, opener: _Mark) -> bool:
    if mark.kind in _OPENERS and not (opener.kind in {"„", "‟"} and mark.kind == "“"):
        # “ closes only a „-opened quote or when it plainly sits at the end of a word (a typo).
        return mark.right and not mark.left
    return mark.right or not mark.left


def _opens(mark: _Mark, later: list[_Mark]) -> bool:
    if mark.kind in _OPENERS:
        return True
    if mark.kind in _AMBIGUOUS:
        return mark.left or mark.spaced  # tokenised text spaces marks: `at " extremely high levels , "`
    # ” or » used as an opener: only when a closing twin follows in the same paragraph.
    return mark.left and not mark.right and any(m.kind == mark.kind and m.right for m in later)


def _continues(text: str, para: tuple[int, int], nxt: tuple[int, int] | None) -> str | None:
    """How an unclosed quote goes on into the next paragraph: "reopen", "broken" or None."""
    if nxt is None:
        return None
    head = text[nxt[0] : nxt[1]].lstrip()
    if _DOUBLE.match(head):
        return "reopen"
    tail = text[para[0] : para[1]].rstrip()
    if tail and tail[-1] not in _SENTENCE_END and head[:1].islower():
        return "broken"
    return None


def _keep_unclosed(text: str, opener: _Mark, para_start: int) -> bool:
    before = text[para_start : opener.pos].rstrip()
    return not before or before[-1] in ":,"


def _double_quotes(text: str) -> list[Quoted]:
    paras = _paragraphs(text)
    marks_by_para = [[_mark(text, m) for m in _DOUBLE.finditer(text, s, e)] for s, e in paras]
    out: list[Quoted] = []
    opener: _Mark | None = None
    opener_para = 0
    skip_first = False
    for p, ((ps, pe), marks) in enumerate(zip(paras, marks_by_para, strict=True)):
        for k, mark in enumerate(marks):
            if skip_first and k == 0:
                continue  # the mark that reopens a continued quote
            if opener is None:
                if _opens(mark, marks[k + 1 :]):
                    opener, opener_para = mark, p
            elif _can_close(mark, opener):
                s, e = _trim(text, opener.end, mark.pos)
                if e > s:
                    out.append(Quoted(opener.pos, s, e, mark.end, True))
                opener = None
            elif mark.kind in _OPENERS and mark.left:
                opener, opener_para = mark, p  # the previous quote was never closed
        skip_first = False
        if opener is None:
            continue
        nxt = paras[p + 1] if p + 1 < len(paras) else None
        how = _continues(text, (ps, pe), nxt)
        if how is not None and p + 1 - opener_para < _MAX_PARAGRAPHS:
            skip_first = how == "reopen"
            continue
        start_para = paras[opener_para][0]
        if _keep_unclosed(text, opener, start_para):
            s, e = _trim(text, opener.end, pe)
            if e > s:
                out.append(Quoted(opener.pos, s, e, pe, False))
        opener = None
    return out


def _apostrophe(text: str, pos: int) -> bool:
    prev = text[pos - 1] if pos > 0 else " "
    nxt = text[pos + 1] if pos + 1 < len(text) else " "
    return prev.isalnum() and nxt.isalnum()


def _single_quotes(text: str, taken: list[Quoted]) -> list[Quoted]:
    out: list[Quoted] = []
    for ps, pe in _paragraphs(text):
        marks = [_mark(text, m) for m in _SINGLE.finditer(text, ps, pe) if not _apostrophe(text, m.start())]
        marks = [m for m in marks if not any(q.open <= m.pos < q.close for q in taken)]
        i = 0
        while i < len(marks):
            op = marks[i]
            i += 1
            if op.kind == "’" or not op.left or re.match(r"\d0s\b", text[op.end : op.end + 4]):
                continue
            twin = "’" if op.kind == "‘" else "'"
            closers = [m for m in marks[i:] if m.kind == twin and m.right and not m.left]
            # "the leaders’ summit": a plural possessive is a closer only when nothing better follows.
            plain = [m for m in closers if not (text[m.pos - 1] in "sS" and text[m.end : m.end + 2].strip()[:1]
                                                .islower())]
            if not closers:
                continue
            chosen = (plain or closers)[0]
            s, e = _trim(text, op.end, chosen.pos)
            if e > s:
                out.append(Quoted(op.pos, s, e, chosen.end, True))
            i = marks.index(chosen) + 1
    return out


def find_quoted(text: str) -> list[Quoted]:
    """Find every stretch of ``text`` inside quotation marks, outermost quotes only.

    Args:
        text: The article text.

    Returns:
        The quoted stretches in text order; nested quotes (single marks inside double ones) are
        part of their outer quote and not listed separately.
    """
    doubles = _double_quotes(text)
    singles = _single_quotes(text, doubles)
    return sorted(doubles + singles, key=lambda q: q.open)
