"""The arguments, negation, modality and source of a claim, read from its frame: the argument side.

:class:`ArticleIndex` holds one article's look-ups (tokens by offset, entity mentions, times,
numbers, quotes); :func:`build_claims` turns a :class:`~._claim_frames.Frame` into claims, one per
conjunct of its first splittable slot (see :mod:`.claims` for the rules). Every span is cut from
the parse's token offsets and clipped to the statement, so it is exact.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.analysis import _claim_roles as roles
from newsprism.analysis._claim_frames import (
    PREDICATES,
    SUBJECTS,
    WH,
    Frame,
    Source,
    clause_verb,
    event_noun_token,
    frame_for,
    inherited_subject,
    is_copula,
    is_passive,
)
from newsprism.model import Argument, ArgumentRole, Article, Claim, Entity, Quantity, Quote, TimeRef

__all__ = ["ArticleIndex", "build_claims"]

# Clauses hanging off an argument's head that are not part of the argument phrase when set off by
# punctuation ("Lavrov, who said ...,"): cut from its span.
_CUT_CLAUSES = frozenset({"relcl", "acl:relcl", "advcl", "parataxis", "acl"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_ASIDE_MARKS = frozenset({",", ";", "(", "—", "–", "-"})


class ArticleIndex:
    """One article's look-ups: entity mentions, times and numbers by token, quotes."""

    def __init__(self, article: Article, doc: Any, entities: Sequence[Entity], times: Sequence[TimeRef],
                 numbers: Sequence[Quantity], quotes: Sequence[Quote]) -> None:
        from spacy.attrs import HEAD, IDX, POS
        from spacy.symbols import ADJ, AUX, NOUN, VERB

        self.article, self.doc = article, doc
        # HEAD is the offset to the head, stored unsigned: read it back as a signed number.
        arr = doc.to_array([IDX, HEAD, POS]).astype("int64").tolist() if len(doc) else []
        self.tok_starts: list[int] = [row[0] for row in arr]
        self.heads: list[int] = [i + row[1] for i, row in enumerate(arr)]  # HEAD is relative
        maybe = {int(ADJ), int(AUX), int(NOUN), int(VERB)}
        self.maybe_clause = [row[2] in maybe for row in arr]  # only these parts of speech head a clause
        self._clause: dict[int, bool] = {}
        mentions = sorted((m.span.start, m.span.end, m.entity_id, e.type) for e in entities for m in e.mentions)
        self.mentions = mentions
        self.mention_starts = [m[0] for m in mentions]
        self.times = [(t, self._root(t.span.start, t.span.end)) for t in times]
        self.numbers = [(q, self._root(q.span.start, q.span.end)) for q in numbers]
        self.time_tokens = {i for t in times for i in range(*self.token_range(t.span.start, t.span.end))}
        self.number_at = {i: q.id for q in numbers for i in range(*self.token_range(q.span.start, q.span.end))}
        self.quotes = sorted(quotes, key=lambda q: q.content.end - q.content.start)  # innermost first

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices ``[lo, hi)`` of the tokens that start inside ``[start, end)``."""
        return bisect.bisect_left(self.tok_starts, start), bisect.bisect_left(self.tok_starts, end)

    def _root(self, start: int, end: int) -> int | None:
        lo, hi = self.token_range(start, end)
        for i in range(lo, hi):
            if not lo <= self.heads[i] < hi or self.heads[i] == i:
                return i
        return None

    def clause(self, i: int) -> bool:
        """Whether token ``i`` heads a verb clause (:func:`clause_verb`), computed once per token."""
        if not self.maybe_clause[i]:
            return False
        found = self._clause.get(i)
        if found is None:
            found = self._clause[i] = clause_verb(self.doc[i])
        return found

    def owners(self, trig_of: dict[int, int], blockers: set[int], bounds: tuple[int, int]) -> dict[int, list[Argument]]:
        """The time and number arguments inside ``bounds``, by the index of the trigger that owns them.

        A token belongs to the first trigger (or word a trigger took over) above it; a verb clause
        that is no trigger (a reporting cue; any other clause) stops the climb, so "said on Friday
        that ..." gives Friday to nobody.
        """
        out: dict[int, list[Argument]] = {}
        heads = self.heads
        last = self.doc[bounds[1]]
        c0, c1 = self.tok_starts[bounds[0]], last.idx + len(last.text)
        for kind, items in (("time", self.times), ("number", self.numbers)):
            for rec, root in items:
                if root is None or not bounds[0] <= root <= bounds[1]:
                    continue
                if not c0 <= rec.span.start <= rec.span.end <= c1:  # an expression the statement cuts
                    continue
                if kind == "number" and root in self.time_tokens:  # "nine days later" is a time
                    continue
                i = root
                for _ in range(64):
                    if i in trig_of:
                        head_word = _head_word(self.doc[root])
                        arg = (Argument("time", rec.span, head_word, time_id=rec.id) if kind == "time"
                               else Argument("number", rec.span, head_word, number_id=rec.id))
                        out.setdefault(trig_of[i], []).append(arg)
                        break
                    if i in blockers or self.clause(i) or heads[i] == i:
                        break
                    i = heads[i]
        return out

    def entity_at(self, tok: Any) -> str | None:
        """The entity whose mention overlaps the token, if any."""
        m = self._mention_at(tok)
        return m[2] if m is not None else None

    def is_place(self, tok: Any) -> bool:
        """Whether the token names a place: a place entity, or a common noun of places."""
        m = self._mention_at(tok)
        if m is not None:
            return m[3] in _PLACE_TYPES
        return bool(tok.ent_type_ in _PLACE_TYPES or (tok.pos_ == "NOUN" and tok.lemma_.lower() in roles.PLACE_NOUNS))

    def _mention_at(self, tok: Any) -> tuple[int, int, str, str] | None:
        s, e = tok.idx, tok.idx + len(tok.text)
        k = bisect.bisect_left(self.mention_starts, e)
        for m in reversed(self.mentions[max(0, k - 8) : k]):
            if m[0] < e and s < m[1]:
                return m
        return None

    def quote_of(self, tok: Any) -> Quote | None:
        """The innermost quote whose content holds the token."""
        for q in self.quotes:
            if q.content.start <= tok.idx < q.content.end:
                return q
        return None


def _trimmed(doc: Any, lo: int, hi: int, bounds: tuple[int, int]) -> tuple[int, int] | None:
    """Token range ``[lo, hi]`` clipped to ``bounds`` (inclusive) and stripped of edge punctuation."""
    lo, hi = max(lo, bounds[0]), min(hi, bounds[1])
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space) and doc[hi].text not in ")]":
        hi -= 1
    return (lo, hi) if lo <= hi else None


def _phrase(head: Any, keep_out: set[int], bounds: tuple[int, int], cut_conj: bool) -> tuple[int, int] | None:
    """Token range of the phrase headed by ``head``, clipped to ``bounds``.

    Its subtree, without the clauses set off from it by punctuation, without the subtrees holding
    a ``keep_out`` token (the claim's own trigger), and without its conjuncts when ``cut_conj``.
    """
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    for c in head.children:
        sub = range(c.left_edge.i, c.right_edge.i + 1)
        cut = any(k in sub for k in keep_out) or (cut_conj and c.dep_ in ("conj", "cc", "preconj"))
        if not cut and c.dep_ in _CUT_CLAUSES and c.left_edge.i > 0:
            before = doc[c.left_edge.i - 1]
            cut = c.i > head.i and before.is_punct and before.text in _ASIDE_MARKS
        if cut:
            if c.i > head.i:
                hi = min(hi, c.left_edge.i - 1)
            else:
                lo = max(lo, c.right_edge.i + 1)
    for i in range(head.i + 1, min(hi, bounds[1]) + 1):  # a clause set off deeper down: "since May, when ..."
        t = doc[i]
        if t.dep_ in _CUT_CLAUSES and t.head.i != head.i:
            edge = t.left_edge.i
            if edge > head.i + 1 and doc[edge - 1].text in _ASIDE_MARKS:
                hi = min(hi, edge - 1)
                break
    return _trimmed(doc, lo, hi, bounds)


def _after_aside(head: Any) -> list[Any]:
    """Prepositions of an object that follow a clause set off from it.

    "swap Bout, who is serving a sentence, for Griner" -> "for Griner": the object's phrase stops
    at the clause, so what follows it is read as the trigger's.
    """
    out: list[Any] = []
    aside = False
    for c in head.children:
        if c.i < head.i:
            continue
        if c.dep_ in _CUT_CLAUSES and c.left_edge.i > 0 and head.doc[c.left_edge.i - 1].text in _ASIDE_MARKS:
            aside = True
        elif aside and c.dep_ == "prep":
            out.append(c)
    return out


def _prep_role(prep: str, frame: Frame, obj: Any, has_object: bool, art: ArticleIndex) -> ArgumentRole:
    """The role of a prepositional argument (see :data:`._claim_roles.PREP_ROLES`)."""
    role = roles.PREP_ROLES.get(prep, "other")
    trig = frame.trigger
    noun = trig.pos_ in ("NOUN", "PROPN") and not clause_verb(trig)
    place_like = art.is_place(obj)
    if role == "recipient" and trig.lemma_.lower() in roles.TRANSFER_LEMMAS:
        return "recipient"  # "sent an offer to Moscow": Moscow gets it
    if role == "place" or (place_like and role in ("other", "recipient")):
        return "place" if place_like else "other"
    if role == "recipient":
        return "other"
    if role == "patient" and prep in ("with", "с", "со"):
        return "other" if has_object else "patient"
    if prep in ("of", "by"):
        return role if noun else "other"
    return role


def _marked_object(c: Any) -> Any | None:
    """The object of a preposition dependent (ClearNLP ``pobj``), or the dependent itself if a noun.

    A ``dative`` is often the noun itself ("told reporters").
    """
    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
    if obj is None and c.pos_ in ("NOUN", "PROPN", "PRON"):
        return c
    return obj


# One argument slot: a role and its conjuncts (head tokens), plus whether it may be split.


# One argument slot: a role and its conjuncts (head tokens), plus whether it may be split.
@dataclass(frozen=True, slots=True)
class _Slot:
    role: ArgumentRole
    heads: tuple[Any, ...]
    splittable: bool


def _conjuncts(head: Any) -> list[Any]:
    out, todo = [head], [head]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj" and len(out) < 8:
                out.append(c)
                todo.append(c)
    return out


def _distinct_content(role: ArgumentRole, heads: Sequence[Any], art: ArticleIndex) -> bool:
    """Whether coordinated arguments carry different content, so that each makes a claim.

    Topics ("on grain exports and on plans to annex") and objects of which one is an event or a
    clause ("discussed a prisoner swap and grain exports") do; participants ("arrested the man
    and his son", "met Blinken and Lavrov") do not: they take part in one event.
    """
    if len(heads) < 2 or role not in ("theme", "patient", "other"):
        return False
    if any(h.pos_ not in ("NOUN", "VERB") or art.entity_at(h) is not None for h in heads):
        return False
    return role == "theme" or any(h.pos_ == "VERB" or event_noun_token(h) for h in heads)


def _slots(frame: Frame, art: ArticleIndex, skip: set[int]) -> list[_Slot]:
    """The argument slots of a frame, read from its anchors' dependents."""
    anchor_ids = {a.i for a in frame.anchors}
    # The subject of a predicate ("the talks were frank") is what the state is of; not so under
    # "be to" ("the leaders are to sign"), where "be" is a modal wrapper.
    copula = frame.trigger.dep_ in PREDICATES and any(is_copula(a) for a in frame.anchors[1:])
    # A noun above an infinitive ("his readiness to listen", "plans by Moscow to annex") lends only its doer.
    lenders = {a.i for a in frame.anchors if a.i != frame.trigger.i and a.pos_ in ("NOUN", "PROPN")}
    kids = [c for a in frame.anchors for c in a.children if c.i not in anchor_ids and c.i not in skip
            and (a.i not in lenders or c.dep_ == "poss" or c.lower_ == "by")]
    voice_of = {c.i: a for a in frame.anchors if a.i != frame.trigger.i for c in a.children}
    has_object = any(c.dep_ in roles.OBJECT_DEPS for c in kids)
    kids += [g for c in kids if c.dep_ in roles.OBJECT_DEPS for g in _after_aside(c) if g.i not in skip]
    slots: list[_Slot] = []
    for c in sorted(kids, key=lambda t: t.i):
        dep = c.dep_
        if dep in roles.MARKED_DEPS or (dep == "conj" and c.pos_ == "ADP"):
            preps = [c] + [g for g in c.children if g.dep_ == "conj" and g.pos_ == "ADP"]
            objs = [(p, o) for p in preps if (o := _marked_object(p)) is not None and o.i not in skip]
            if not objs:
                continue
            if dep == "agent" or (c.lower_ == "by" and c.head.i in lenders):
                role: ArgumentRole = "agent"
            elif dep == "dative" and objs[0][1].i == c.i:
                role = "recipient"
            else:
                role = _prep_role(c.lower_ if dep != "dative" else "to", frame, objs[0][1], has_object, art)
            heads = [h for _, o in objs for h in _conjuncts(o)]
            if dep == "conj" and slots and slots[-1].role == role:  # "on X and on Y": one slot
                prev = slots.pop()
                heads = list(prev.heads) + heads
            slots.append(_Slot(role, tuple(heads), _distinct_content(role, heads, art)))
        elif dep in roles.CASE_DEPS:
            case = next((g.lower_ for g in c.children if g.dep_ == "case"), "")
            role = "agent" if dep == "obl:agent" else _prep_role(case, frame, c, has_object, art)
            heads = _conjuncts(c)
            slots.append(_Slot(role, tuple(heads), _distinct_content(role, heads, art)))
        elif dep in roles.DEP_ROLES:
            base = roles.DEP_ROLES[dep]
            if base is None:
                continue
            if dep in SUBJECTS and c.i in voice_of:  # a wrapper's or light verb's subject: the trigger's voice
                role = "patient" if copula or is_passive(frame.trigger) else "agent"
            else:
                role = base
            heads = _conjuncts(c)
            slots.append(_Slot(role, tuple(heads), _distinct_content(role, heads, art)))
    return slots


def _modality(frame: Frame, negation_from: Sequence[Any]) -> tuple[bool, Any | None]:
    """(negated, the modal word) of a frame, from its anchors and the clause it shares them with."""
    negated, modal = False, []
    if frame.wrapper is not None:
        modal.append(frame.wrapper)
    trig = frame.trigger
    for a in (*frame.anchors, *negation_from):
        for c in a.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and low in roles.NEGATORS):
                negated = True
            elif ((c.dep_ == "aux" and c.lemma_.lower() in roles.MODAL_AUX)
                  or (c.dep_ == "advmod" and low in roles.MODAL_ADVERBS)
                  or (c.dep_ == "mark" and low in ("if", "unless", "whether"))
                  or (c.dep_ == "amod" and a.i == trig.i and trig.pos_ == "NOUN" and low in roles.MODAL_AMODS)):
                modal.append(c)
    word = min(modal, key=lambda t: t.i) if modal else None
    return negated, word


def _modal_word(tok: Any) -> str:
    """How a modal word is given: an auxiliary by its lemma ("ca" of "can't" -> "can"), else as written."""
    return str(tok.lemma_.lower() if tok.dep_ == "aux" else tok.lower_)


def _head_word(tok: Any) -> str:
    """The lemma of a phrase's head word, past a preposition ("on Friday" -> "friday")."""
    if tok.pos_ == "ADP":
        tok = next((c for c in tok.children if c.dep_ in ("pobj", "obj")), tok)
    return str(tok.lemma_.lower() or tok.lower_)


def _trigger_chars(tok: Any) -> tuple[int, int, str]:
    """Character span and lemma of a trigger: the word, with an adjacent verb particle ("back down")."""
    start, end, lemma = tok.idx, tok.idx + len(tok.text), tok.lemma_.lower() or tok.lower_
    prt = next((c for c in tok.children if c.dep_ in ("prt", "compound:prt") and c.i == tok.i + 1), None)
    if prt is not None:
        end, lemma = prt.idx + len(prt.text), f"{lemma} {prt.lower_}"
    return start, end, lemma


def build_claims(frame: Frame, art: ArticleIndex, owned: Sequence[Argument], bounds: tuple[int, int], statement_id: str,
           first_index: int, split: bool, sources: dict[int, Source] | None = None) -> list[Claim]:
    """The claims of one frame: one, or one per conjunct of its first splittable slot."""
    doc, article, trig = art.doc, art.article, frame.trigger
    keep_out = {a.i for a in frame.anchors}
    slots = _slots(frame, art, art.time_tokens)
    top = frame.anchors[-1]  # anchors climb from the trigger: the last is the highest
    shared: list[Any] = []
    if not any(c.dep_ in SUBJECTS for a in frame.anchors for c in a.children):
        inherited = inherited_subject(top)
        if inherited is not None:
            tok, doer = inherited
            passive = is_passive(trig) or any(is_passive(a) for a in frame.anchors if a.i != top.i)
            role: ArgumentRole = "agent" if doer and not passive else "patient"
            if tok.tag_ in WH and tok.head.i != tok.i:
                tok = tok.head
            slots.insert(0, _Slot(role, (tok,), False))
            if top.dep_ == "conj" and not any(c.dep_ == "aux" for c in top.children):
                shared.append(top.head)  # "did not meet X or call Y": the negation covers both
                above = frame_for(top.head).wrapper  # "plans to meet X and sign Y": so does the plan
                if above is not None and frame.wrapper is None:
                    frame = Frame(frame.trigger, frame.anchors, above)
    if trig.pos_ == "ADJ" and trig.dep_ == "amod":  # "the dead man": the noun is what the state is of
        slots.insert(0, _Slot("patient", (trig.head,), False))
    negated, modal = _modality(frame, shared)
    fixed: list[Argument] = []
    number_done: set[str] = set()

    def argument(role: ArgumentRole, head: Any, cut_conj: bool) -> Argument | None:
        if head.tag_ in WH and head.head.dep_ in ("relcl", "acl:relcl") and head.head.head.i != head.head.i:
            head = head.head.head  # "the mayor, who resigned": the mayor
        if not bounds[0] <= head.i <= bounds[1]:
            return None  # a parse that runs over the statement's end (a headline into the next paragraph)
        rng = _phrase(head, keep_out, bounds, cut_conj)
        if rng is None:
            return None
        lo, hi = rng
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        number_id = art.number_at.get(head.i)
        if number_id is not None:
            number_done.add(number_id)
        return Argument(role, article.span(start, end), head.lemma_.lower() or head.lower_,
                        entity_id=art.entity_at(head), number_id=number_id)

    split_at = next((k for k, s in enumerate(slots) if s.splittable), None) if split else None
    for k, slot in enumerate(slots):
        if k == split_at:
            continue
        for h in slot.heads:
            arg = argument(slot.role, h, len(slot.heads) > 1)
            if arg is not None:
                fixed.append(arg)
        if (slot.heads and slot.heads[0].lower_ in roles.NEGATIVE_ARGUMENTS) or any(
                c.dep_ == "det" and c.lower_ == "no" for h in slot.heads for c in h.children):
            negated = True
    fixed += [a for a in owned if a.number_id is None or a.number_id not in number_done]
    t0, t1, lemma = _trigger_chars(trig)
    quote = art.quote_of(trig)
    source = Source(quote.speaker, quote.speaker_entity) if quote is not None else Source(None, None)
    if quote is None and sources:
        source = next((sources[a.i] for a in trig.ancestors if a.i in sources), source)
    variants: list[list[Argument]] = [[]]
    if split_at is not None:
        slot = slots[split_at]
        variants = [[a] for h in slot.heads if (a := argument(slot.role, h, True)) is not None] or [[]]
    out: list[Claim] = []
    for extra in variants:
        args = sorted(fixed + extra, key=lambda a: (a.span.start, a.span.end))
        start = min([t0, *(a.span.start for a in args)])
        end = max([t1, *(a.span.end for a in args)])
        out.append(Claim(
            id=f"{article.id}:c{first_index + len(out)}", statement_id=statement_id,
            trigger=article.span(t0, t1), lemma=lemma, pos=trig.pos_ or "X", span=article.span(start, end),
            arguments=tuple(args), negated=negated, modality=_modal_word(modal) if modal is not None else None,
            source=source.entity, source_span=source.span,
        ))
    return out
