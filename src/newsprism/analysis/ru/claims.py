"""Claim frames of Russian statements, read from natasha's dependency parse (Universal Dependencies).

Each finite verb that heads a clause (``root``, ``conj``, ``ccomp``, ``parataxis``, ``advcl``) of a
statement is one claim, unless it is a speech verb introducing content («заявил, что ...»: the
content's verbs are the claims, with the speaker as their ``source``). Arguments, by relation:
``nsubj`` → agent, ``obj`` → patient, ``iobj`` → recipient, ``obl`` → time (when it holds a
TimeRef), place (a GPE entity, or a place preposition «в», «на», «из» with a location), number (a
Quantity) or theme («о», «об», «по»), ``nummod`` inside a phrase → number. «не» on the verb
negates; «может», «якобы», «предположительно», «планирует», «намерен» ... are the modality.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.analysis.ru.quotes import SPEECH_LEMMAS
from newsprism.model import (
    Argument,
    ArgumentRole,
    Article,
    Claim,
    Entity,
    Quantity,
    Quote,
    Statement,
    TimeRef,
)

__all__ = ["find_claims_ru"]

_CLAUSE = frozenset({"root", "conj", "ccomp", "parataxis", "advcl", "xcomp"})
_MODAL = frozenset({"мочь", "якобы", "предположительно", "возможно", "вероятно", "планировать", "намерен",
                    "намереваться", "собираться", "ожидаться", "должен", "видимо"})
_THEME_PREP = frozenset({"о", "об", "обо", "по", "насчёт", "относительно"})
_PLACE_PREP = frozenset({"в", "во", "на", "из", "под", "у"})


def _subtree(sent: Any, head: Any) -> list[Any]:
    ids, changed = {head.id}, True
    while changed:
        changed = False
        for t in sent.tokens:
            if t.head_id in ids and t.id not in ids and t.rel != "punct":
                ids.add(t.id)
                changed = True
    return [t for t in sent.tokens if t.id in ids]


def find_claims_ru(article: Article, doc: Any, statements: Sequence[Statement], entities: Sequence[Entity],
                   times: Sequence[TimeRef], numbers: Sequence[Quantity],
                   quotes: Sequence[Quote]) -> tuple[Claim, ...]:
    """Read the claims of a Russian article's statements.

    Args:
        article: The article.
        doc: natasha's Doc with syntax and lemmas.
        statements: The article's statements.
        entities: Its entities.
        times: Its TimeRefs.
        numbers: Its Quantities.
        quotes: Its quotations (claims inside one take its speaker as source).

    Returns:
        Claims in text order, ids ``<article id>:c<n>``.
    """
    mentions = [(m.span.start, m.span.end, e) for e in entities for m in e.mentions]
    out: list[Claim] = []
    for st in statements:
        s0, s1 = st.span.start, st.span.end
        for sent in doc.sents:
            if sent.stop <= s0 or sent.start >= s1:
                continue
            for verb in sent.tokens:
                if verb.pos not in ("VERB", "AUX") or verb.rel not in _CLAUSE or not (s0 <= verb.start < s1):
                    continue
                if verb.lemma in SPEECH_LEMMAS and (any(
                        t.head_id == verb.id and t.rel in ("ccomp", "parataxis") for t in sent.tokens) or any(
                        q.cue is not None and q.cue.start <= verb.start < q.cue.end for q in quotes)):
                    continue  # it introduces content; the content's own verbs are the claims
                args: list[Argument] = []
                kids = [t for t in sent.tokens if t.head_id == verb.id]
                negated = any(t.lemma == "не" for t in kids)
                modality = next((t.lemma for t in kids if t.lemma in _MODAL), None)
                if verb.head_id and verb.rel == "xcomp":
                    head = next((t for t in sent.tokens if t.id == verb.head_id), None)
                    if head is not None and head.lemma in _MODAL:
                        modality = head.lemma
                for kid in kids:
                    role = _role(kid, sent)
                    if role is None:
                        continue
                    # An argument never spans its own trigger (a misattached subtree would swallow the clause).
                    toks = [t for t in _subtree(sent, kid) if (t.start > verb.start) == (kid.start > verb.start)]
                    a0, a1 = max(min(t.start for t in toks), s0), min(max(t.stop for t in toks), s1)
                    if a1 <= a0:
                        continue
                    ent = next((e.id for ms, me, e in mentions if a0 <= ms and me <= a1 and ms <= kid.start < me),
                               None) or next((e.id for ms, me, e in mentions if a0 <= ms and me <= a1), None)
                    tid = next((t.id for t in times if a0 <= t.span.start and t.span.end <= a1), None)
                    nid = next((q.id for q in numbers if a0 <= q.span.start and q.span.end <= a1), None)
                    if role == "other" and tid:
                        role = "time"
                    elif role == "other" and nid:
                        role = "number"
                    elif role == "other" and ent and any(e.id == ent and e.type == "GPE" for e in entities) and any(
                            t.lemma in _PLACE_PREP for t in toks if t.head_id == kid.id):
                        role = "place"
                    args.append(Argument(role, article.span(a0, a1), (kid.lemma or kid.text).lower(), ent,
                                         tid if role == "time" else None, nid if role == "number" else None))
                quote = next((q for q in quotes if q.content.start <= verb.start < q.content.end), None)
                lo = min([verb.start] + [a.span.start for a in args])
                hi = max([verb.stop] + [a.span.end for a in args])
                out.append(Claim(
                    id="", statement_id=st.id, trigger=article.span(verb.start, verb.stop),
                    lemma=(verb.lemma or verb.text).lower(), pos=verb.pos, span=article.span(lo, hi),
                    arguments=tuple(sorted(args, key=lambda a: a.span.start)), negated=negated, modality=modality,
                    source=quote.speaker_entity if quote else None, source_span=quote.speaker if quote else None,
                ))
    return tuple(Claim(f"{article.id}:c{n}", c.statement_id, c.trigger, c.lemma, c.pos, c.span, c.arguments,
                       c.negated, c.modality, c.source, c.source_span) for n, c in enumerate(out))


def _role(tok: Any, sent: Any) -> ArgumentRole | None:
    rel = tok.rel or ""
    if rel.startswith("nsubj"):
        return "agent"
    if rel == "obj":
        return "patient"
    if rel == "iobj":
        return "recipient"
    if rel == "obl":
        preps = {t.lemma for t in sent.tokens if t.head_id == tok.id and t.rel == "case"}
        if preps & _THEME_PREP:
            return "theme"
        if not preps and (tok.feats or {}).get("Case") == "Dat":
            return "recipient"
        return "other"
    return None
