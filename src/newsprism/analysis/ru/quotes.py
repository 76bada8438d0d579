"""Russian quotations, direct and reported, with speaker and cue.

1. **Direct**: text in «ёлочках» (nested „лапки“ inside stay part of the outer quote), in „лапках“
   on their own, and dialogue dashes (a paragraph opening with «— ...», closed by «, — заявил X»).
   A quotation takes the speech verb right after it («», — заявил Лавров») or right before it
   («Лавров заявил: «...»»). A short quoted fragment with no cue is a name or a scare quote, not a
   quotation of anyone: not emitted (loaded language reads scare quotes itself).
2. **Reported**: «X заявил, что ...», «как сообщил X, ...», «по словам X, ...», «как передаёт ТАСС,
   ...», «X отметил, что ...»: the content is the clause after the cue.
3. **Speakers**: the syntactic subject of the cue verb (natasha's ``nsubj``), or the entity
   named after «по словам»; the entity mention it lies in is ``speaker_entity``. Without a subject
   («, — заявили в МИД»), the nearest entity in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsprism.model import Article, Entity, Quote, Span

__all__ = ["SPEECH_LEMMAS", "find_quotes_ru"]

SPEECH_LEMMAS = frozenset(
    """заявить заявлять сообщить сообщать отметить отмечать сказать говорить подчеркнуть подчёркивать
    подчеркивать добавить добавлять указать указывать заметить замечать пояснить пояснять написать писать
    рассказать рассказывать передать передавать признать признавать уточнить уточнять напомнить
    напоминать предупредить предупреждать объявить объявлять ответить отвечать утверждать считать
    назвать называть констатировать выразить процитировать""".split()
)
_CUE_AFTER = re.compile(r"\s*[,.!?…]?\s*[—–-]+\s*(?P<cue>[а-яё]+)", re.IGNORECASE)
_CUE_BEFORE = re.compile(r"(?P<cue>[а-яё]+)(?:\s+[^\s:«„]+){0,4}\s*:\s*$", re.IGNORECASE)
_REPORTED = re.compile(
    r"(?P<lead>\b(?:по\s+словам|по\s+данным|как\s+(?:сообщил[аио]?|сообщает|сообщают|передаёт|передает|передают|"
    r"заявил[аи]?|отметил[аи]?|пишет|пишут|сказал[аи]?|уточнил[аи]?|рассказал[аи]?))\s+)(?P<who>[^,]{2,80}?),\s*"
    r"(?P<content>[^.!?]+[.!?]?)", re.IGNORECASE)
_THAT = re.compile(r",\s*(?:что|будто|чтобы)\s+", re.IGNORECASE)


def _marks(text: str) -> list[tuple[int, int, int, int]]:
    """(open, start, end, close) of every outermost «...» and free-standing „...“."""
    out: list[tuple[int, int, int, int]] = []
    depth, opened = 0, -1
    for i, ch in enumerate(text):
        if ch == "«":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            if depth == 0:
                out.append((opened, opened + 1, i, i + 1))
        elif ch == "\n" and text[i : i + 2] == "\n\n" and depth:
            depth = 0  # an unclosed quote ends with its paragraph
    for m in re.finditer(r"„([^“”„\n]{1,2000})[“”]", text):
        if not any(o <= m.start() < c for o, _, _, c in out):
            out.append((m.start(), m.start() + 1, m.end() - 1, m.end()))
    for m in re.finditer(r"(?m)^[—–]\s+(?P<body>[^\n]+?)(?=,\s*[—–]\s+[а-яё]+)", text):
        out.append((m.start(), m.start("body"), m.end("body"), m.end()))
    return sorted(out)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def _token_at(doc: Any, pos: int) -> Any:
    for sent in doc.sents:
        if sent.start <= pos < sent.stop:
            for t in sent.tokens:
                if t.start <= pos < t.stop:
                    return t, sent
    return None, None


def _subject(sent: Any, verb: Any) -> Any:
    """The cue verb's subject, with flat:name and appos words to its right."""
    subj = [t for t in sent.tokens if t.head_id == verb.id and t.rel in ("nsubj", "nsubj:pass")]
    if not subj:
        return None
    head = subj[0]
    parts = [head] + [t for t in sent.tokens
                      if t.head_id == head.id and t.rel in ("flat:name", "appos", "nmod", "amod")]
    return min(p.start for p in parts), max(p.stop for p in parts)


class _Speakers:
    def __init__(self, entities: Sequence[Entity]) -> None:
        self.mentions = sorted((m.span.start, m.span.end, e) for e in entities for m in e.mentions)

    def inside(self, s: int, e: int) -> Entity | None:
        hits = [ent for ms, me, ent in self.mentions if s <= ms and me <= e]
        people = [h for h in hits if h.type == "PERSON"]
        return (people or hits)[0] if hits else None

    def near(self, s: int, e: int) -> tuple[Span, Entity] | None:
        best = None
        for ms, me, ent in self.mentions:
            if s <= ms and me <= e and (best is None or (ent.type == "PERSON" and best[1].type != "PERSON")):
                best = (ms, ent)
        if best is None:
            return None
        m = next(m for m in best[1].mentions if m.span.start == best[0])
        return m.span, best[1]


def find_quotes_ru(article: Article, doc: Any, entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Find the quotations of a Russian article.

    Args:
        article: The article.
        doc: natasha's Doc of the text, with morphology and syntax.
        entities: The article's entities (for the speakers).

    Returns:
        Quotes in text order, ids ``<article id>:q<n>``.
    """
    text, found = article.text, []
    speakers = _Speakers(entities)
    taken: list[tuple[int, int]] = []

    def speaker_of(cue_pos: int) -> tuple[Span | None, str | None]:
        tok, sent = _token_at(doc, cue_pos)
        if tok is not None:
            got = _subject(sent, tok)
            if got is not None:
                ent = speakers.inside(*got)
                return article.span(*got), ent.id if ent else None
            near = speakers.near(sent.start, sent.stop)
            if near is not None:
                return near[0], near[1].id
        return None, None

    for o, s, e, c in _marks(text):
        s, e = _trim(text, s, e)
        if e <= s:
            continue
        after = _CUE_AFTER.match(text, c, min(len(text), c + 40))
        line_start = text.rfind("\n", 0, o) + 1
        before = _CUE_BEFORE.search(text, max(line_start, o - 80), o)
        cue = None
        for m in (after, before):
            if m is not None and _lemma(doc, m.start("cue")) in SPEECH_LEMMAS:
                cue = (m.start("cue"), m.end("cue"))
                break
        if cue is None:
            continue
        sp, ent = speaker_of(cue[0])
        found.append(Quote("", "direct", article.span(s, e), sp, ent, article.span(*cue)))
        taken.append((o, c))
    for m in _REPORTED.finditer(text):
        if any(ts <= m.start() < te for ts, te in taken):
            continue
        cs, ce = _trim(text, m.start("content"), m.end("content"))
        who = (m.start("who"), m.end("who"))
        who_ent = speakers.inside(*who)
        lead = text[m.start("lead") : m.end("lead")].strip()
        lead_span = article.span(m.start("lead"), m.start("lead") + len(lead))
        found.append(Quote("", "reported", article.span(cs, ce), article.span(*who),
                           who_ent.id if who_ent else None, lead_span))
        taken.append((m.start(), m.end()))
    for sent in doc.sents:
        for tok in sent.tokens:
            if tok.lemma not in SPEECH_LEMMAS or tok.pos != "VERB" or any(ts <= tok.start < te for ts, te in taken):
                continue
            m = _THAT.search(text, tok.stop, min(sent.stop, tok.stop + 60))
            if m is None or text[tok.stop : m.start()].count(",") > 0:
                continue
            cs, ce = _trim(text, m.end(), sent.stop)
            if ce <= cs or any(ts < ce and cs < te for ts, te in taken):
                continue
            sp, ent = speaker_of(tok.start)
            found.append(Quote("", "reported", article.span(cs, ce), sp, ent, article.span(tok.start, tok.stop)))
            taken.append((tok.start, ce))
    found.sort(key=lambda q: q.content.start)
    return tuple(Quote(f"{article.id}:q{n}", q.kind, q.content, q.speaker, q.speaker_entity, q.cue)
                 for n, q in enumerate(found))


def _lemma(doc: Any, pos: int) -> str | None:
    tok, _ = _token_at(doc, pos)
    return tok.lemma if tok is not None else None
