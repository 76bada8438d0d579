"""Where a loaded word stands: whose voice it is in, and the phrase it belongs to.

The parts of :mod:`newsprism.analysis.loaded` that read one word's place in its article rather
than whether it is loaded: the phrase a hit is shown with (:func:`phrase_of`), the quotation
marks around it (:func:`quoted_stretches`: scare quotes, and every quoted stretch), the quote
whose words it is (:func:`speech_of`, with the asides and bracketed insertions that are the
outlet's own words inside somebody's speech), and the names it is part of (:func:`name_spans`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsprism.model import AnalyzedArticle, Quote

__all__ = ["WORD", "aside_in_quote", "chunk_of", "inside", "name_spans", "phrase_of", "quoted_stretches",
           "speech_of"]

WORD = re.compile(r"\w+")
_SCARE_MAX_WORDS = 4


def chunk_of(doc: Any) -> dict[int, tuple[int, int]]:
    """Per token index, the noun chunk (token start, end) it is in; spaCy's chunks never overlap."""
    out: dict[int, tuple[int, int]] = {}
    for chunk in doc.noun_chunks:
        for i in range(chunk.start, chunk.end):
            out.setdefault(i, (chunk.start, chunk.end))
    return out


def phrase_of(doc: Any, start: int, end: int, chunks: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """The phrase around a matched term (see :attr:`LoadedHit.phrase`), never narrower than it.

    ``chunks`` is :func:`chunk_of` the Doc (made once per Doc: a term's phrase is looked up for
    every candidate word of the span tagger).
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    root = span[-1]
    lo, hi = span.start, span.end
    if root.pos_ in ("ADJ", "NOUN", "PROPN"):
        if root.i in chunks:
            c0, c1 = chunks[root.i]
            lo, hi = min(lo, c0), max(hi, c1)
        # The words that carry the verdict, not the article or possessive before them ("the
        # brutal crackdown" -> "brutal crackdown"): that is how PTC's annotators mark a phrase.
        while lo < span.start and (doc[lo].pos_ == "DET" or doc[lo].dep_ == "poss" or doc[lo].is_punct):
            lo += 1
    elif root.pos_ == "ADV" and root.head.pos_ in ("ADJ", "ADV") and 0 < root.head.i - root.i <= 2:
        hi = root.head.i + 1
    return min(start, doc[lo].idx), max(end, doc[hi - 1].idx + len(doc[hi - 1]))


def _enclosing_quote(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    """The quote whose content holds [start, end): a direct one first, else the tightest."""
    inside = [q for q in quotes if q.content.start <= start and end <= q.content.end]
    if not inside:
        return None
    return min(inside, key=lambda q: (q.kind != "direct", q.content.end - q.content.start))


def quoted_stretches(aa: AnalyzedArticle) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The article's quoted stretches (marks included): the scare quotes, and every one.

    A scare quote is a stretch that is nobody's quotation: short, no speaker, not a title, with a
    content word in it. The rest are somebody's words even where no speaker was found ("panned
    the call as 'ridiculous.'"): a term inside them is never the outlet's own voice.
    """
    from newsprism.analysis._quote_marks import find_quoted

    text = aa.article.text
    taken = [(q.content.start, q.content.end) for q in aa.quotes]
    names = [(m.span.start, m.span.end) for e in aa.entities for m in e.mentions]
    out = []
    every = []
    found = find_quoted(text)
    opened = {q.open for q in found}
    for para in _PARAGRAPH_OPENING_QUOTE.finditer(text):
        # A paragraph that opens with a quotation mark the reader could not close (a letter or
        # post that quotes a phrase itself: the marks nest) is somebody's words to its end.
        if para.start(1) not in opened:
            every.append((para.start(1), para.end()))
    for q in found:
        every.append((q.open, q.close))
        inner = text[q.start : q.end]
        words = WORD.findall(inner)
        if not words or len(words) > _SCARE_MAX_WORDS or not q.closed or inner.rstrip()[-1:] in ".!?":
            continue
        if any(s < q.close and q.open < e for s, e in taken):
            continue  # a speaker's words (direct, or quoted inside reported speech)
        if _is_title(words):
            continue  # a title or a name ("The Art of the Deal", "Face the Nation")
        if all(w.lower() in _FUNCTION_WORDS for w in words):
            continue  # a word cited as a word ("without a single 'no' vote"), no verdict to distance from
        if any(s <= q.start and q.end <= e for s, e in names):
            continue  # a name in quotation marks
        after = text[q.close : q.close + 2].lstrip()
        before = text[max(0, q.open - 2) : q.open].rstrip()
        if after.startswith(":") or before.endswith(":"):
            continue  # a headline attribution ("'stronger': WHO") or a "Name: '...'" line
        out.append((q.open, q.close))
    return out, every


_PARAGRAPH_OPENING_QUOTE = re.compile(r"(?m)^[ \t]*([“\"«„])[^\n]*")

# Words a title leaves in lower case ("Face the Nation", "The Art of the Deal"), and words with no
# meaning of their own to distance from ("a single 'no' vote").
_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or the to with no not yes yet so".split())


def _is_title(words: Sequence[str]) -> bool:
    """Whether quoted words are capitalised as a title: every word but small ones, the first and last too."""
    if len(words) < 2 or not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    return all(w[:1].isupper() or w.lower() in _FUNCTION_WORDS for w in words)


def speech_of(aa: AnalyzedArticle, start: int, end: int, in_marks: bool, *, tok: Any | None = None,
              aside: bool = False) -> tuple[Quote | None, bool]:
    """The quote whose words [start, end) are, and whether they sit inside quotation marks.

    Two stretches inside somebody's speech are the outlet's own words: an aside set off inside
    a paraphrase (:func:`_aside`, read from ``tok`` when given, else ``aside`` as computed at parse
    time) and what it brackets inside a quotation (:func:`_bracketed`: "(Libyan strongman Muammar)").
    """
    q = _enclosing_quote(aa.quotes, start, end)
    if q is not None and q.kind != "direct" and not in_marks and (
            _aside(tok, q.content.start) if tok is not None else aside):
        q = None
    if in_marks and _bracketed(aa.article.text, start, end):
        return None, False
    return q, in_marks


def _bracketed(text: str, start: int, end: int) -> bool:
    """Whether [start, end) sits inside brackets on its line: in a quotation, the outlet's insertion.

    "... now it looks like (Libyan strongman Muammar) al-Qaddafi is going to win": what an outlet
    puts in brackets inside a quotation is its own gloss, not the speaker's words.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end:line_end if line_end >= 0 else len(text)]
    # The bracket must open inside the quotation: "(The network called her a “foul-mouthed ...”)"
    # is a bracketed sentence around a quotation, not an insertion in it.
    mark = max(before.rfind(c) for c in "\"“«„")
    for open_, close in (("(", ")"), ("[", "]")):
        o = before.rfind(open_)
        if o > mark and close not in before[o:] and close in after and open_ not in after[:after.find(close)]:
            return True
    return False


_ASIDE_DEPS = frozenset({"relcl", "appos"})
_ASIDE_OPENERS = frozenset({",", "—", "–", "―", "-", "--", "("})


def _aside(tok: Any, floor: int) -> bool:
    """Whether a word sits in a relative clause or an apposition set off by a comma, a dash or a bracket.

    In reported speech such an aside is the outlet's description, not the speaker's claim: "he
    claimed that his budget plan, which slashes antipoverty programs, was shaped by his faith".
    Only an aside that opens inside the reported content (from ``floor``) counts: a relative
    clause that holds the whole report ("..., which stalled as members said it would grant
    amnesty") leaves the report the speaker's. So is an epithet the outlet puts before a person's
    name: in "saying he had reached agreement with Russian dictator Vladimir Putin" the speaker
    named a man, the outlet chose the title.
    """
    if tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.head.pos_ == "PROPN" and tok.head.ent_type_ == "PERSON":
        return True
    node = tok
    for _ in range(10):
        if node.dep_ in _ASIDE_DEPS:
            left = node.left_edge
            if left.i > 0 and left.doc[left.i - 1].text in _ASIDE_OPENERS and left.idx >= floor:
                return True
        if node.head is node:
            return False
        node = node.head
    return False


def aside_in_quote(aa: AnalyzedArticle, tok: Any) -> bool:
    """:func:`_aside` inside the reported speech (not a direct quote) that holds the word, if any."""
    q = _enclosing_quote(aa.quotes, tok.idx, tok.idx + len(tok))
    return q is not None and q.kind != "direct" and _aside(tok, q.content.start)


# Entity types whose words are part of a name: "Rep. Louise Slaughter", the "Justice Against
# Sponsors of Terrorism Act", "Face the Nation". Not NORP: "Islamist" or "Nazis" are the words
# of a label, not a name.
_NAME_TYPES = frozenset({"PERSON", "ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


def name_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans of the Doc's named entities that are names (see :data:`_NAME_TYPES`)."""
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NAME_TYPES]


def inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)
