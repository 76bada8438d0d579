"""Claims: the events inside statements, read from the dependency parse.

A claim is one event: its trigger (the word that names it), its arguments, negation, modality
and who says so. The tables (labels to roles, event words) are in :mod:`._claim_roles`, so
another language's parser can fill the same record; this module walks spaCy's English parse.

**Triggers.** Every verb that heads a clause of its own (the root, coordinated verbs, ``ccomp``,
``xcomp``, ``advcl``, ``acl``, ``relcl``, gerunds) is an event, with these exceptions:

* a *light verb* with an event noun as object names the event with the noun: "held talks",
  "made an offer", "paid a visit" give the claims "talks", "offer", "visit", and the verb lends
  them its subject, time and place; so do "happened" / "took place" to their subject;
* a *copula* hands the event to its predicate: "the talks were frank" is the claim "frank";
* a *modal wrapper* ("is expected to visit", "plans to annex", "is likely to resign") hands it
  to its infinitive, which gets the wrapper as its modality;
* a *reporting verb* that introduces content ("said", "told reporters", "according to": the cues
  of :mod:`.quotes`) is no event when the content holds one: the content's events are the claims
  and the quote's speaker is their ``source``. A cue that introduces no event stays a claim
  ("Blinken said nothing", "condemned the attack"); a cue of announcing or confirming whose
  content is an event noun hands the claim to the noun ("the ministry confirmed the call").

A statement where none of these applies (a headline without a verb) gets the root of its parse.

**Event nouns** are nouns formed from verbs by a suffix plus a short table
(:func:`._claim_roles.event_noun`); they become triggers only in the positions above, where
the syntax says that they name the event, not everywhere they occur.

**Coordination.** Coordinated verbs are separate claims, sharing the subject ("met X and
discussed Y"). Coordinated arguments of one verb are split into one claim each (same trigger)
when they are common nouns or clauses, i.e. different content ("pressed X on grain exports and
on plans to annex"); coordinated names ("met Blinken and Lavrov") are participants of one event
and stay one claim, one argument each. Only the first coordinated slot of a claim is split.

All spans are exact and clipped to the statement; the parse is read, never changed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.analysis import _claim_roles as roles
from newsprism.analysis._quote_cues import SAY_LEMMAS, cue_speaker, speaker_chars
from newsprism.model import Argument, ArgumentRole, Article, Claim, Entity, Quantity, Quote, Span, Statement, TimeRef

__all__ = ["find_claims", "claim_for_trigger"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "csubjpass"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass", "csubjpass"})
_PASSIVE_AUX = frozenset({"auxpass", "aux:pass"})
_PREDICATES = frozenset({"acomp", "attr"})
# Clauses hanging off an argument's head that are not part of the argument phrase when set off by
# punctuation ("Lavrov, who said ...,"): cut from its span.
_CUT_CLAUSES = frozenset({"relcl", "acl:relcl", "advcl", "parataxis", "acl"})
_WH = frozenset({"WP", "WDT", "WP$"})
_BE_CLITICS = frozenset({"'s", "'re", "'m"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_PARAGRAPH_GAP = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class _Source:
    """Who says so: the phrase naming the speaker and the entity it resolves to."""

    span: Span | None
    entity: str | None


@dataclass(frozen=True, slots=True)
class _Frame:
    """A trigger and the words whose dependents are its arguments (itself first)."""

    trigger: Any
    anchors: tuple[Any, ...]
    wrapper: Any | None = None  # the modal wrapper or noun that made it less than a fact


class _Article:
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
        """Whether token ``i`` heads a verb clause (:func:`_clause_verb`), computed once per token."""
        if not self.maybe_clause[i]:
            return False
        found = self._clause.get(i)
        if found is None:
            found = self._clause[i] = _clause_verb(self.doc[i])
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
            cut = c.i > head.i and before.is_punct and before.text in ",;(—–-"
        if cut:
            if c.i > head.i:
                hi = min(hi, c.left_edge.i - 1)
            else:
                lo = max(lo, c.right_edge.i + 1)
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
        if c.dep_ in _CUT_CLAUSES and c.left_edge.i > 0 and head.doc[c.left_edge.i - 1].text in ",;(—–-":
            aside = True
        elif aside and c.dep_ == "prep":
            out.append(c)
    return out


def _subject(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)


def _passive(tok: Any) -> bool:
    return any(c.dep_ in _PASSIVE_AUX or c.dep_ in _PASSIVE_SUBJECTS for c in tok.children)


def _inherited_subject(top: Any) -> tuple[Any, bool] | None:
    """(token, is it the doer?) of the subject a clause without one shares with the clause above.

    Coordinated verbs share their head's subject, an infinitive its controller's (the object of
    "urged Russia to ..." or else the subject), a participle its head's, a relative clause or
    participle on a noun that noun.
    """
    tok = top
    for _ in range(8):
        head, dep = tok.head, tok.dep_
        if head.i == tok.i:
            return None
        to_clause = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if dep == "advcl" and to_clause and head.lemma_.lower() in roles.OBJECT_CONTROL:
            dep = "xcomp"  # "encouraged the two sides to secure ...", parsed as a purpose clause
        if dep == "conj" or (dep == "advcl" and (tok.tag_ in ("VBG", "VBN") or to_clause)):
            s = _subject(head)
            if s is not None:
                return s, s.dep_ not in _PASSIVE_SUBJECTS
            tok = head
            continue
        if dep == "xcomp":
            lemma = head.lemma_.lower()
            if lemma in roles.NO_CONTROL:
                return None
            obj = next((c for c in head.children if c.dep_ in roles.OBJECT_DEPS), None) \
                if lemma in roles.OBJECT_CONTROL else None
            s = obj if obj is not None else _subject(head)
            if s is not None:
                return s, True
            tok = head
            continue
        if dep in ("relcl", "acl:relcl"):
            wh = next((c for c in tok.children if c.tag_ in _WH), None)
            return head, wh is None or wh.dep_ in _SUBJECTS - _PASSIVE_SUBJECTS
        if dep == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if tok.tag_ == "VBN":
                return head, False
            if tok.tag_ == "VBG":
                return head, True
        return None
    return None


def _prep_role(prep: str, frame: _Frame, obj: Any, has_object: bool, art: _Article) -> ArgumentRole:
    """The role of a prepositional argument (see :data:`._claim_roles.PREP_ROLES`)."""
    role = roles.PREP_ROLES.get(prep, "other")
    trig = frame.trigger
    noun = trig.pos_ in ("NOUN", "PROPN") and not _clause_verb(trig)
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


def _distinct_content(role: ArgumentRole, heads: Sequence[Any], art: _Article) -> bool:
    """Whether coordinated arguments carry different content, so that each makes a claim.

    Topics ("on grain exports and on plans to annex") and objects of which one is an event or a
    clause ("discussed a prisoner swap and grain exports") do; participants ("arrested the man
    and his son", "met Blinken and Lavrov") do not: they take part in one event.
    """
    if len(heads) < 2 or role not in ("theme", "patient", "other"):
        return False
    if any(h.pos_ not in ("NOUN", "VERB") or art.entity_at(h) is not None for h in heads):
        return False
    return role == "theme" or any(h.pos_ == "VERB" or _event_noun_tok(h) for h in heads)


def _slots(frame: _Frame, art: _Article, skip: set[int]) -> list[_Slot]:
    """The argument slots of a frame, read from its anchors' dependents."""
    anchor_ids = {a.i for a in frame.anchors}
    # The subject of a predicate ("the talks were frank") is what the state is of; not so under
    # "be to" ("the leaders are to sign"), where "be" is a modal wrapper.
    copula = frame.trigger.dep_ in _PREDICATES and any(_copula(a) for a in frame.anchors[1:])
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
            if dep in _SUBJECTS and c.i in voice_of:  # a wrapper's or light verb's subject: the trigger's voice
                role = "patient" if copula or _passive(frame.trigger) else "agent"
            else:
                role = base
            heads = _conjuncts(c)
            slots.append(_Slot(role, tuple(heads), _distinct_content(role, heads, art)))
    return slots


def _modality(frame: _Frame, negation_from: Sequence[Any]) -> tuple[bool, Any | None]:
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


def _build(frame: _Frame, art: _Article, owned: Sequence[Argument], bounds: tuple[int, int], statement_id: str,
           first_index: int, split: bool, sources: dict[int, _Source] | None = None) -> list[Claim]:
    """The claims of one frame: one, or one per conjunct of its first splittable slot."""
    doc, article, trig = art.doc, art.article, frame.trigger
    keep_out = {a.i for a in frame.anchors}
    slots = _slots(frame, art, art.time_tokens)
    top = frame.anchors[-1]  # anchors climb from the trigger: the last is the highest
    shared: list[Any] = []
    if not any(c.dep_ in _SUBJECTS for a in frame.anchors for c in a.children):
        inherited = _inherited_subject(top)
        if inherited is not None:
            tok, doer = inherited
            passive = _passive(trig) or any(_passive(a) for a in frame.anchors if a.i != top.i)
            role: ArgumentRole = "agent" if doer and not passive else "patient"
            if tok.tag_ in _WH and tok.head.i != tok.i:
                tok = tok.head
            slots.insert(0, _Slot(role, (tok,), False))
            if top.dep_ == "conj" and not any(c.dep_ == "aux" for c in top.children):
                shared.append(top.head)  # "did not meet X or call Y": the negation covers both
                above = _frame_for(top.head).wrapper  # "plans to meet X and sign Y": so does the plan
                if above is not None and frame.wrapper is None:
                    frame = _Frame(frame.trigger, frame.anchors, above)
    if trig.pos_ == "ADJ" and trig.dep_ == "amod":  # "the dead man": the noun is what the state is of
        slots.insert(0, _Slot("patient", (trig.head,), False))
    negated, modal = _modality(frame, shared)
    fixed: list[Argument] = []
    number_done: set[str] = set()

    def argument(role: ArgumentRole, head: Any, cut_conj: bool) -> Argument | None:
        if head.tag_ in _WH and head.head.dep_ in ("relcl", "acl:relcl") and head.head.head.i != head.head.i:
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
    source = _Source(quote.speaker, quote.speaker_entity) if quote is not None else _Source(None, None)
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


def _clause_verb(t: Any) -> bool:
    """Whether a token is a verb heading a clause of its own."""
    if t.lower_ == "according" or not any(ch.isalpha() for ch in t.text):  # "according to X": a cue
        return False
    if t.pos_ == "VERB":
        return t.dep_ not in roles.NOT_CLAUSE_DEPS and not _prefix(t)
    if t.dep_ in ("ccomp", "advcl") and t.pos_ in ("NOUN", "ADJ"):
        return True  # a verb the tagger took for a noun: "that the military abide by ..."
    return bool(t.pos_ == "AUX" and t.dep_ in roles.CLAUSE_DEPS and t.tag_ != "MD")  # not "as he can"


def _copula(t: Any) -> bool:
    """Whether a token is a form of "be" (spaCy lemmatises a curly "’s" to "’")."""
    return bool(t.lemma_.lower() == "be" or (t.tag_.startswith("VB") and t.lower_.replace("’", "'") in _BE_CLITICS))


def _prefix(t: Any) -> bool:
    """Whether a token is the first part of a hyphenated word ("re" of "re-engage")."""
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    return bool(nxt is not None and not t.whitespace_ and nxt.text == "-")


def _xcomp(t: Any) -> Any | None:
    return next((c for c in t.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def _wraps(t: Any) -> bool:
    """Whether a verb or adjective is a modal wrapper of an infinitive ("expected to", "likely to").

    Not with an object of its own: "was preparing sham referendums to ..." prepares something.
    "Be to" ("the leaders are to sign") is one too.
    """
    lemma = t.lemma_.lower()
    if lemma not in roles.MODAL_WRAPPERS and not (_copula(t) and not any(c.dep_ in _PREDICATES for c in t.children)):
        return False
    return _xcomp(t) is not None and not any(c.dep_ in roles.OBJECT_DEPS for c in t.children)


def _event_noun_tok(t: Any) -> bool:
    return bool(t.pos_ == "NOUN" and roles.event_noun(t.lemma_.lower()))


def _handed_to(v: Any) -> Any | None:
    """The word a verb hands its event to, ``None`` when the verb is the event.

    A light verb's event noun, an occurrence's subject, a copula's predicate, a wrapper's infinitive.
    """
    lemma = v.lemma_.lower()
    if _wraps(v):
        return _xcomp(v)
    kids = list(v.children)
    if _copula(v):
        pred = next((c for c in kids if c.dep_ in _PREDICATES), None)
        if pred is None:
            subj = _subject(v)
            if subj is not None and _event_noun_tok(subj):
                return subj  # "the meeting was on the agenda"
        if pred is not None:
            if _wraps(pred):
                return _xcomp(pred)
            subj = _subject(v)
            if pred.pos_ != "ADJ" and subj is not None and _event_noun_tok(subj):
                return subj  # "the call was the first since May": a statement about the call
            return pred
    if lemma in roles.LIGHT_VERBS:
        deps = ("dobj", "obj", "nsubjpass", "nsubj:pass") if _passive(v) else ("dobj", "obj")
        obj = next((c for c in kids if c.dep_ in deps), None)
        if obj is not None and _event_noun_tok(obj):
            return obj
    occurs = lemma in roles.OCCUR_VERBS or (lemma == "take" and any(c.lower_ == "place" and c.dep_ == "dobj"
                                                                      for c in kids))
    if occurs:
        subj = _subject(v)
        if subj is not None and _event_noun_tok(subj):
            return subj
    return None


def _frame_for(t: Any) -> _Frame:
    """The frame of a trigger: the trigger and the words above it whose dependents it takes."""
    anchors, wrapper = [t], None
    head = t.head
    handed = _handed_to(head) if head.i != t.i else None
    if handed is not None and handed.i == t.i:
        anchors.append(head)
        if _wraps(head):
            wrapper = head
        if head.dep_ in _PREDICATES and _copula(head.head):  # "is likely to resign"
            anchors.append(head.head)
    if t.dep_ == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        anchors.append(head)  # "Moscow's plans to annex", "his readiness to listen": the noun's doer does it
        if head.lemma_.lower() in roles.MODAL_NOUNS:
            wrapper = head  # "plans to annex": the noun is the modality
    return _Frame(t, tuple(dict.fromkeys(anchors)), wrapper)


def _statement_frames(art: _Article, lo: int, hi: int,
                      cues: dict[int, list[Quote]]) -> tuple[list[_Frame], set[int], dict[int, _Source]]:
    """The frames of the tokens ``[lo, hi)`` of one statement, and the cue verbs that are no events.

    Those cues block ownership (a time under "said" is the saying's, not the content's); the
    third value gives the speakers of the cues whose content the quotations missed.
    """
    doc = art.doc
    frames: dict[int, _Frame] = {}
    for i in range(lo, hi):
        if not art.clause(i):
            continue
        v = doc[i]
        target = _handed_to(v)
        if target is None:
            frames.setdefault(v.i, _frame_for(v))
        elif target.pos_ not in ("VERB", "AUX"):  # an infinitive is visited as a verb of its own
            frames.setdefault(target.i, _frame_for(target))
    blockers: set[int] = set()
    for i, qs in cues.items():
        if not lo <= i < hi or i not in frames:
            continue
        if any(q.content.start <= f.trigger.idx < q.content.end and f.trigger.i != i for q in qs
               for f in frames.values()):
            del frames[i]
            blockers.add(i)
            continue
        cue = doc[i]
        if cue.lemma_.lower() in roles.REPORT_EVENT_CUES and not any(c.dep_ == "neg" for c in cue.children):
            noun = next((c for c in cue.children if c.dep_ in roles.OBJECT_DEPS and _event_noun_tok(c)), None)
            if noun is not None:
                del frames[i]
                blockers.add(i)
                frames[noun.i] = _Frame(noun, (noun,))
    sources: dict[int, _Source] = {}
    for i in list(frames):
        v = doc[i]
        if v.tag_.startswith("VB") and v.lemma_.lower() in SAY_LEMMAS \
                and any(c.dep_ == "ccomp" and c.i in frames for c in v.children):
            # "Lavrov said the talks were going “better than super”": the quotation took only the
            # quoted words, but the clause the verb governs is still what he said.
            del frames[i]
            blockers.add(i)
            sources[i] = _speaker_of(art, v, cues.get(i, ()))
    if not frames:
        root = next((doc[i] for i in range(lo, hi) if not lo <= doc[i].head.i < hi or doc[i].head.i == i
                     if not (doc[i].is_punct or doc[i].is_space)), None)
        if root is not None:
            frames[root.i] = _Frame(root, (root,))
            blockers.discard(root.i)
    return [frames[k] for k in sorted(frames)], blockers, sources


def _speaker_of(art: _Article, cue: Any, quotes: Sequence[Quote]) -> _Source:
    """Who speaks for a cue: its quotation's speaker, or else its subject as the parse has it."""
    for q in quotes:
        if q.speaker is not None:
            return _Source(q.speaker, q.speaker_entity)
    subj = cue_speaker(cue)
    chars = speaker_chars(subj, cue) if subj is not None else None
    if subj is None or chars is None:
        return _Source(None, None)
    return _Source(art.article.span(*chars), art.entity_at(subj))


def find_claims(article: Article, doc: Any, statements: Sequence[Statement], entities: Sequence[Entity] = (),
                times: Sequence[TimeRef] = (), numbers: Sequence[Quantity] = (),
                quotes: Sequence[Quote] = ()) -> tuple[Claim, ...]:
    """Find the claims of every statement of an English article (see the module docstring).

    Args:
        article: The article.
        doc: The spaCy Doc of ``article.text``.
        statements: Its statements; every claim lies inside one.
        entities: Its entities (arguments name the one whose mention overlaps their head).
        times: Its time expressions (the ``time`` arguments).
        numbers: Its quantities (the ``number`` arguments).
        quotes: Its quotations (their cues are no events; their speakers are the claims' sources).

    Returns:
        The claims in text order, ids ``<article id>:c<n>``; every statement with a word in it
        has at least one.
    """
    art = _Article(article, doc, entities, times, numbers, quotes)
    cues: dict[int, list[Quote]] = {}
    for q in quotes:
        if q.cue is not None:
            lo, hi = art.token_range(q.cue.start, q.cue.end)
            if lo < hi:
                cues.setdefault(lo, []).append(q)
    out: list[Claim] = []
    for st in statements:
        lo, hi = art.token_range(st.span.start, st.span.end)
        while hi > lo and doc[hi - 1].idx + len(doc[hi - 1].text) > st.span.end:
            hi -= 1
        if lo >= hi:
            continue
        frames, blockers, sources = _statement_frames(art, lo, hi, cues)
        trig_of = {a.i: f.trigger.i for f in frames for a in reversed(f.anchors)}
        for f in frames:
            trig_of[f.trigger.i] = f.trigger.i
        owned = art.owners(trig_of, blockers, (lo, hi - 1))
        for f in frames:
            out.extend(_build(f, art, owned.get(f.trigger.i, ()), (lo, hi - 1), st.id, len(out), split=True,
                              sources=sources))
    return tuple(out)


def _sentence_bounds(doc: Any, tok: Any) -> tuple[int, int]:
    """Token bounds (inclusive) of the sentence of ``tok``, cut at paragraph gaps."""
    try:
        sent = tok.sent
        lo, hi = sent.start, sent.end - 1
    except ValueError:  # a Doc without sentence boundaries
        lo, hi = 0, len(doc) - 1
    text = doc.text
    for gap in _PARAGRAPH_GAP.finditer(text, doc[lo].idx, doc[hi].idx + len(doc[hi].text)):
        if gap.end() <= tok.idx:
            while lo < hi and doc[lo].idx < gap.end():
                lo += 1
        elif gap.start() >= tok.idx + len(tok.text):
            while hi > lo and doc[hi].idx >= gap.start():
                hi -= 1
    return lo, hi


def claim_for_trigger(article: Article, doc: Any, token_index: int, statement_id: str, claim_index: int,
                      entities: Sequence[Entity] = (), times: Sequence[TimeRef] = (),
                      numbers: Sequence[Quantity] = (), quotes: Sequence[Quote] = ()) -> Claim:
    """The claim whose trigger is a given token: its frame read from the parse.

    Works for any token (a verb, an event noun, an adjective, even punctuation): the arguments are
    what the parse hangs on it and on the words it takes over (a light verb, a copula, a modal
    wrapper), as in :func:`find_claims`, but coordinated arguments are never split.

    Args:
        article: The article.
        doc: The spaCy Doc of ``article.text``.
        token_index: Index of the trigger token in ``doc``.
        statement_id: The id to give as the claim's statement.
        claim_index: The claim's ordinal (its id is ``<article id>:c<claim_index>``).
        entities: The article's entities, for the arguments' ``entity_id``.
        times: Its time expressions.
        numbers: Its quantities.
        quotes: Its quotations, for the claim's source.

    Returns:
        The claim, clipped to the trigger's sentence.

    Raises:
        IndexError: ``token_index`` is not a token of ``doc``.
    """
    if not 0 <= token_index < len(doc):
        raise IndexError(f"token {token_index} is not in a document of {len(doc)} tokens")
    art = _Article(article, doc, entities, times, numbers, quotes)
    tok = doc[token_index]
    frame = _frame_for(tok)
    bounds = _sentence_bounds(doc, tok)
    owned = art.owners({a.i: tok.i for a in frame.anchors}, set(), bounds)
    return _build(frame, art, owned.get(tok.i, ()), bounds, statement_id, claim_index, split=False)[0]
