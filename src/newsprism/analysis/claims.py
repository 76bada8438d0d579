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

import re
from collections.abc import Sequence
from typing import Any

from newsprism.analysis import _claim_roles as roles
from newsprism.analysis._claim_args import ArticleIndex, build_claims
from newsprism.analysis._claim_frames import Frame, Source, event_noun_token, frame_for, handed_to
from newsprism.analysis._quote_cues import SAY_LEMMAS, cue_speaker, speaker_chars
from newsprism.model import Article, Claim, Entity, Quantity, Quote, Statement, TimeRef

__all__ = ["find_claims", "claim_for_trigger"]

_PARAGRAPH_GAP = re.compile(r"\n\s*\n")


def _statement_frames(art: ArticleIndex, lo: int, hi: int,
                      cues: dict[int, list[Quote]]) -> tuple[list[Frame], set[int], dict[int, Source]]:
    """The frames of the tokens ``[lo, hi)`` of one statement, and the cue verbs that are no events.

    Those cues block ownership (a time under "said" is the saying's, not the content's); the
    third value gives the speakers of the cues whose content the quotations missed.
    """
    doc = art.doc
    frames: dict[int, Frame] = {}
    for i in range(lo, hi):
        if not art.clause(i):
            continue
        v = doc[i]
        target = handed_to(v)
        if target is None:
            frames.setdefault(v.i, frame_for(v))
        elif target.pos_ not in ("VERB", "AUX"):  # an infinitive is visited as a verb of its own
            frames.setdefault(target.i, frame_for(target))
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
            noun = next((c for c in cue.children if c.dep_ in roles.OBJECT_DEPS and event_noun_token(c)), None)
            if noun is not None:
                del frames[i]
                blockers.add(i)
                frames[noun.i] = Frame(noun, (noun,))
    sources: dict[int, Source] = {}
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
            frames[root.i] = Frame(root, (root,))
            blockers.discard(root.i)
    return [frames[k] for k in sorted(frames)], blockers, sources


def _speaker_of(art: ArticleIndex, cue: Any, quotes: Sequence[Quote]) -> Source:
    """Who speaks for a cue: its quotation's speaker, or else its subject as the parse has it."""
    for q in quotes:
        if q.speaker is not None:
            return Source(q.speaker, q.speaker_entity)
    subj = cue_speaker(cue)
    chars = speaker_chars(subj, cue) if subj is not None else None
    if subj is None or chars is None:
        return Source(None, None)
    return Source(art.article.span(*chars), art.entity_at(subj))


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
    art = ArticleIndex(article, doc, entities, times, numbers, quotes)
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
            out.extend(build_claims(f, art, owned.get(f.trigger.i, ()), (lo, hi - 1), st.id, len(out), split=True,
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
    art = ArticleIndex(article, doc, entities, times, numbers, quotes)
    tok = doc[token_index]
    frame = frame_for(tok)
    bounds = _sentence_bounds(doc, tok)
    owned = art.owners({a.i: tok.i for a in frame.anchors}, set(), bounds)
    return build_claims(frame, art, owned.get(tok.i, ()), bounds, statement_id, claim_index, split=False)[0]
