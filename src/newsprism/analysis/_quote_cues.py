"""Speech cues and reported speech, read off the dependency parse.

A cue is a verb whose lemma is on one of the lists below ("say", "tell", "warn"...), or the
phrases "according to X" and "citing X". What the verb governs tells the content:

* a clausal complement (``ccomp``): "X said (that) Y", "Y, X said", "X told reporters Y";
* an open complement (``xcomp``) for verbs of refusing and promising: "X declined to comment";
* a direct object (with "as ..." / "for ..." after it) for verbs that characterise or announce:
  "X described the talks as frank", "X denied the report";
* for a parenthetical cue ("Y, he said, Z") the clause it interrupts;
* for a verb that puts a thing at a number (a reported measurement or estimate: "The survey put
  the magnitude at 5.9", "police estimated the crowd at 2,000") the thing and its number.

A wire dateline ("CONCORD, N.H. (AP) —") is page furniture: never the speaker (the parse often
makes its place the subject) nor part of the content; nor is a state after a city ("Keene, N.H.").

The speaker is the verb's subject, found through coordination ("smiled and said"), participles
("..., saying Y"), relative clauses ("Lavrov, who said Y") and "was quoted by X as saying".
Token work only; the offsets become model spans in :mod:`newsprism.analysis.quotes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsprism._dateline import datelines, is_state_abbreviation
from newsprism.analysis._quote_senses import declares_act, evidences, outlook, owns_act

__all__ = ["Reported", "CUE_LEMMAS", "is_cue", "cue_chars", "cue_speaker", "speaker_chars", "reported_speech"]


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


# Verbs that introduce what someone said, wrote or holds true ("X <verb> (that) ...").
SAY_LEMMAS = _words(
    """say tell add note stress warn announce claim opine state explain insist argue suggest acknowledge
    admit confirm deny report write tweet post declare assert allege contend maintain reiterate emphasize
    emphasise remark reply respond answer comment recall predict promise pledge vow threaten concede
    complain boast joke quip observe mention indicate disclose reveal signal testify conclude estimate
    caution lament agree assure inform speculate counter retort recount ask demand urge believe think
    fear worry charge proclaim underline underscore clarify specify brief hint acknowledge concur
    guarantee swear affirm certify announce continue whisper shout yell scream write blog show find
    suspect doubt expect hope feel know accuse"""
)
# Verbs whose content is an infinitive: "declined to comment", "vowed to retaliate".
_XCOMP_LEMMAS = _words(
    "decline refuse promise vow pledge threaten urge ask agree offer call warn tell vote demand"
)
# Verbs whose content is their object: "denied the report", "called the vote a sham".
_DOBJ_LEMMAS = _words(
    """announce deny confirm report describe call label dub brand term cite criticize criticise praise
    condemn reject dismiss accuse blame acknowledge admit endorse defend predict propose recommend
    question demand tweet post write promise welcome hail slam blast note stress emphasize emphasise
    express voice reiterate underline underscore highlight"""
)
CUE_LEMMAS = SAY_LEMMAS | _XCOMP_LEMMAS | _DOBJ_LEMMAS
# Verbs that say something only when they govern a clause (not "added 10 points").
_CLAUSE_ONLY = _words("add continue show find know expect hope feel think believe")
_SOURCE_NOUNS = _words(
    """source official report document statement person people study survey poll data figure agency
    spokesman spokeswoman spokesperson analyst expert witness diplomat aide officer record letter"""
)
_CLAUSE_OBJECT = 4  # tokens (minus one) from which a speech verb's object is read as its content
_CLOSING_MARKS = frozenset({'"', "”", "»", "''", "’", "'"})
_OBJ_PREPS = frozenset({"as", "of", "for"})
_ADDRESSEE_LEMMAS = frozenset({"tell", "inform", "assure", "brief", "remind"})
_SUBJECT_DEPS = ("nsubj",)
# Verbs that report a measurement or estimate when they put a thing at a number: "The survey put
# the magnitude at 5.9", "police estimated the crowd at 2,000", "the ministry gave the toll as 45".
_MEASURE_LEMMAS = _words("put estimate measure give place peg gauge assess calculate reckon")
_MEASURE_PREPS = frozenset({"at", "as"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})
# Particle verbs that still report speech ("called out the board", "spoke out").
_SPEAKING_PARTICLES = frozenset({("call", "out"), ("speak", "out"), ("point", "out"), ("cry", "out"),
                                 ("lash", "out"), ("write", "in")})


@dataclass(frozen=True, slots=True)
class Reported:
    """Reported speech found in the parse (character offsets into the doc's text).

    Attributes:
        cue_i: Index of the cue's main token.
        cue: Character span of the cue ("told reporters", "according to").
        content: Character span of what was said.
        speaker: Character span of the speaker, if any.
        speaker_i: Index of the speaker's head token, if any.
    """

    cue_i: int
    cue: tuple[int, int]
    content: tuple[int, int]
    speaker: tuple[int, int] | None
    speaker_i: int | None


def is_cue(tok: Any) -> bool:
    """Whether a token can be a speech cue (a verb on the lists, or "according" / "citing")."""
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children)
    if not tok.tag_.startswith("VB"):
        return False
    if any(c.dep_ == "prt" and (tok.lemma_.lower(), c.lower_) not in _SPEAKING_PARTICLES for c in tok.children):
        return False  # a particle verb is another verb: "called off the march", "wrote off the debt"
    return tok.lemma_.lower() in CUE_LEMMAS or _measured(tok) is not None


def _measured(tok: Any) -> tuple[Any, Any] | None:
    """(object, "at"/"as" phrase) when a verb puts a thing at a number ("put the toll at 12").

    The number must head the phrase or count its head noun ("at 300 acres", "at $4 million"),
    so "put the book at the top of the shelf", "placed the bomb at 12 Elm Street" (a name) and
    "put out the fire at 3 a.m." (a particle verb) are no reports.
    """
    if tok.lemma_.lower() not in _MEASURE_LEMMAS or any(c.dep_ == "prt" for c in tok.children):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None:
        return None
    preps = [c for c in tok.children if c.dep_ == "prep" and c.i > obj.i]
    preps += [c for c in obj.children if c.dep_ == "prep" and c.i > obj.i]
    for prep in sorted(preps, key=lambda p: p.i):
        if prep.lower_ not in _MEASURE_PREPS:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.ent_type_ in ("TIME", "DATE"):
            continue
        if pobj.like_num or pobj.tag_ == "CD" or (
                pobj.pos_ == "NOUN" and any(c.dep_ == "nummod" and (c.like_num or c.tag_ == "CD")
                                            for c in pobj.children)):
            return obj, prep
    return None


def _furniture(doc: Any) -> list[tuple[int, int]]:
    """Character spans of the article's wire datelines ("CONCORD, N.H. (AP) —"), cached on the doc."""
    key = "newsprism_datelines"
    if key not in doc.user_data:
        doc.user_data[key] = [d.span for d in datelines(doc.text)]
    spans: list[tuple[int, int]] = doc.user_data[key]
    return spans


def _dateline_end(tok: Any) -> int | None:
    """The end of the dateline ``tok`` lies in, or None."""
    return next((e for s, e in _furniture(tok.doc) if s <= tok.idx < e), None)


def _cannot_speak(tok: Any) -> bool:
    """A dateline's word or a state abbreviation ("Keene, N.H."): page furniture and addresses."""
    return _dateline_end(tok) is not None or is_state_abbreviation(tok.doc.text, tok.idx, tok.idx + len(tok.text))


def cue_chars(tok: Any) -> tuple[int, int]:
    """Character span of a cue: the verb with its particle, or "told reporters", or "according to"."""
    start, end = tok.idx, tok.idx + len(tok.text)
    if tok.lower_ == "according":
        to = next(c for c in tok.children if c.lower_ == "to")
        return start, to.idx + len(to.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
        elif (c.dep_ in ("dobj", "dative") and tok.lemma_.lower() in _ADDRESSEE_LEMMAS
              and c.left_edge.i == tok.i + 1 and c.right_edge.i - c.left_edge.i < 4
              and any(d.dep_ in ("ccomp", "xcomp") for d in tok.children)):
            end = c.right_edge.idx + len(c.right_edge.text)
    return start, end


def _span(first: Any, last: Any) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _trim_tokens(toks: list[Any]) -> list[Any]:
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in ")]":
        toks = toks[:-1]
    return toks


def speaker_chars(head: Any, cue: Any) -> tuple[int, int] | None:
    """Character span of the speaker phrase headed by ``head`` (its subtree, minus the cue's clause)."""
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    if cue.i > head.i and lo <= cue.i <= hi:  # "Lavrov, who said ...": stop before the clause
        hi = min((c.left_edge.i for c in head.children if c.left_edge.i <= cue.i <= c.right_edge.i),
                 default=cue.i) - 1
    if hi - lo > 25:  # a runaway subtree: keep the phrase up to its head
        hi = max(head.i, max((c.i for c in head.children if c.i < head.i + 4 and c.i > head.i
                              and c.dep_ in ("compound", "flat")), default=head.i))
    toks = _trim_tokens([doc[i] for i in range(lo, hi + 1) if _dateline_end(doc[i]) is None])
    return _span(toks[0], toks[-1]) if toks else None


def cue_speaker(tok: Any) -> Any | None:
    """The head token of the speaker of a cue token (see :func:`is_cue`), if there is one."""
    if tok.lower_ == "according":
        to = next(c for c in tok.children if c.lower_ == "to")
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    if _citing(tok):
        return next(c for c in tok.children if c.dep_ == "dobj")
    return _speaker_of(tok)


def _speaker_of(verb: Any) -> Any | None:
    """The verb's subject (:func:`_subject`), else the speaker of an inverted tag (:func:`_inverted_speaker`)."""
    subj = _subject(verb)
    return subj if subj is not None else _inverted_speaker(verb)


def _inverted_speaker(tok: Any) -> Any | None:
    """The speaker of an inverted tag after a quotation ("...,” added the chairman of the board.").

    The small parser often reads the speaker there as the verb's object; a verb right after the
    closing mark, with no subject and a noun object next to it, is such a tag.
    """
    doc = tok.doc
    before = [doc[i] for i in range(max(tok.i - 2, 0), tok.i)]
    if not any(t.text in _CLOSING_MARKS for t in before) or any(t.is_alpha for t in before):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i <= tok.i + 3), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    return obj if all(doc[i].dep_ in ("det", "compound", "amod", "poss") for i in range(tok.i + 1, obj.i)) else None


def _citing(tok: Any) -> bool:
    """Whether a cue is "..., citing two sources, ...": the object is the source, the clause the content."""
    if tok.lemma_.lower() != "cite" or tok.tag_ != "VBG" or tok.dep_ != "advcl":
        return False
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return obj is not None and (obj.pos_ == "PROPN" or obj.lemma_.lower() in _SOURCE_NOUNS)


def _subject(verb: Any) -> Any | None:
    """The token naming who speaks for ``verb``, climbing through participles and coordination."""
    tok = verb
    for _ in range(6):
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            # Two subjects are a parse gone wrong, most often over a dateline ("MONTPELIER, Vt.
            # (AP) — The governor said"): the one nearest the verb is the speaker.
            c = min(subjects, key=lambda c: abs(c.i - tok.i))
            if c.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head
            return _past_furniture(c)
        for c in tok.children:
            if c.dep_ == "nsubjpass" and tok.lemma_.lower() == "quote" and tok is not verb:
                return c
            if c.dep_ == "agent":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            return None  # "his fighters were promised ...": said to them, by no one named here
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG":  # "a statement saying ..."
            return tok.head
        if tok.dep_ not in _CLIMB_DEPS or tok.head is tok:
            return None
        tok = tok.head
    return None


def _past_furniture(subj: Any) -> Any | None:
    """``subj``, or when it is a dateline's or a state abbreviation's word, what follows in its phrase.

    "CONCORD, N.H. (AP) — Police said": the parse heads the subject with the dateline's place;
    the speaker is "Police". A subject that is all dateline ("BURLINGTON, Vt. (AP)") has none.
    """
    if not _cannot_speak(subj):
        return subj
    end = _dateline_end(subj)
    if end is None:
        return None
    rest = [t for t in subj.subtree if t.idx >= end and not (t.is_punct or t.is_space)]
    ids = {t.i for t in rest}
    return next((t for t in rest if t.head.i not in ids and t.pos_ in ("NOUN", "PROPN", "PRON")), None)


def _clause_without(head: Any, part: Any) -> tuple[int, int] | None:
    """Span of ``head``'s clause with ``part``'s subtree cut off when it sits at an edge."""
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    plo, phi = part.left_edge.i, part.right_edge.i
    if plo <= lo:
        lo = phi + 1
    elif phi >= hi:
        hi = plo - 1
    else:
        left = _trim_tokens([doc[i] for i in range(lo, plo)])
        if left and left[-1].text in _CLOSING_MARKS:  # "“...,” Ebeling said, and her husband cut in"
            hi = left[-1].i
    toks = _trim_tokens([doc[i] for i in range(lo, hi + 1)])
    return _span(toks[0], toks[-1]) if toks else None


def _object_content(verb: Any) -> tuple[int, int] | None:
    parts = [c for c in verb.children if c.i > verb.i and (
        c.dep_ in ("dobj", "oprd", "ccomp", "xcomp", "dative")
        or (c.dep_ == "prep" and c.lower_ in _OBJ_PREPS))]
    if not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in parts):
        return None
    doc = verb.doc
    toks = _trim_tokens([doc[i] for i in range(min(c.left_edge.i for c in parts),
                                               max(c.right_edge.i for c in parts) + 1)])
    return _span(toks[0], toks[-1]) if toks else None


_ASKING = frozenset("ask wonder question inquire enquire".split())

def _content(tok: Any) -> tuple[tuple[int, int] | None, Any | None]:
    """(content span, speaker token) for a cue token, or (None, None) when it governs nothing."""
    lemma = tok.lemma_.lower()
    if tok.lower_ == "according":
        to = next(c for c in tok.children if c.lower_ == "to")
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        return _clause_without(tok.head, tok) if tok.head is not tok else None, obj
    subj = _speaker_of(tok)
    if owns_act(tok) or declares_act(tok) or outlook(tok, subj) or evidences(tok, subj):
        # An act owned or declared, what an event may bring or what a scene shows: nobody's words.
        return None, None
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if _citing(tok):
        obj = next(c for c in tok.children if c.dep_ == "dobj")
        if not comps:
            if tok.head is not tok and is_cue(tok.head) and _subject(tok.head) is not None:
                # "Der Spiegel, citing security sources, reported that ...": the outlet's report
                # is the one quotation; its sources are where it got it, not a second speaker.
                return None, None
            return _clause_without(tok.head, tok), obj
        subj = obj  # "reported, citing two sources, that ...": the parser hangs the clause on "citing"
    if lemma == "call" and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" and c.i > tok.i):
            end = prep.right_edge.i
            # "called for the judge to sentence him to 40 years": the parser hangs the infinitive
            # on the verb, but what is called for is the whole "X to do Y".
            for c in tok.children:
                if c.dep_ in ("advcl", "xcomp") and c.left_edge.i == end + 1 \
                        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                    end = c.right_edge.i
            toks = _trim_tokens([tok.doc[i] for i in range(prep.i + 1, end + 1)])
            if toks:  # "has called for a repeal": what is called for
                return _span(toks[0], toks[-1]), subj
    measured = _measured(tok)
    if measured is not None and not any(c.i > tok.i for c in comps):
        # "put the magnitude at 5.9": the thing and its number (a clause before the verb is
        # another's: "A estimates that ...; B puts the figure at ...").
        obj, prep = measured
        toks = _trim_tokens([tok.doc[i] for i in range(obj.left_edge.i, prep.right_edge.i + 1)])
        return (_span(toks[0], toks[-1]) if toks else None), subj
    if lemma in _CLAUSE_ONLY and tok.tag_ == "VBN" and subj is None:
        return None, None  # "it is known that", "as expected": nobody is saying anything
    if comps:
        c = max(comps, key=lambda c: c.right_edge.i - c.left_edge.i)
        if lemma not in _ASKING and c.left_edge.lower_ in ("whether", "if"):
            # "will announce whether he steps down", "did not say if it was true": an open
            # question, nobody's words; what someone asks is their question ("asked whether ...").
            return None, None
        lo, hi = c.left_edge.i, c.right_edge.i
        after = [c for c in comps if c.i > tok.i]
        if len(after) > 1 and c in after:
            # Two clauses after one verb are one clause the parser split ("said claims that ...
            # were false": "claims" read as a verb): the content runs over both.
            lo, hi = min(a.left_edge.i for a in after), max(a.right_edge.i for a in after)
        toks = _trim_tokens([tok.doc[i] for i in range(lo, hi + 1)])
        return (_span(toks[0], toks[-1]) if toks else None), subj
    if tok.dep_ == "parataxis" and subj is not None and lemma not in _CLAUSE_ONLY:
        return _clause_without(tok.head, tok), subj
    if lemma in _XCOMP_LEMMAS:
        xs = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]
        if xs:  # "urged voters to stay calm": the object is the addressee, the content "to stay calm"
            toks = _trim_tokens([tok.doc[i] for i in range(xs[0].left_edge.i, xs[-1].right_edge.i + 1)])
            return (_span(toks[0], toks[-1]) if toks else None), subj
    if lemma in _DOBJ_LEMMAS:
        return _object_content(tok), subj
    if lemma not in _CLAUSE_ONLY and lemma not in _ADDRESSEE_LEMMAS:
        # The parser often reads a "that"-less complement as an object ("Aides say the more
        # delegates he takes, the more ..."); a long object is a clause gone astray.
        objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
        if objs and objs[0].right_edge.i - objs[0].left_edge.i >= _CLAUSE_OBJECT:
            return _object_content(tok), subj
    return None, None


# Nouns of saying whose "that" clause is what someone said: "despite claims from the party that the
# measure is a ploy", "the senator's accusation that the vote was rigged".
_SAYING_NOUNS = frozenset("claim allegation accusation assertion insistence suggestion complaint".split())


def _said_by_noun(tok: Any) -> tuple[tuple[int, int], Any | None] | None:
    """(content, speaker token) of a noun of saying with a "that" clause, or None.

    The speaker is the noun's possessor or its "from"/"by" object, when the text names one.
    """
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _SAYING_NOUNS:
        return None
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i
                   and c.left_edge.lower_ == "that"), None)
    if clause is None:
        return None
    toks = _trim_tokens([tok.doc[i] for i in range(clause.left_edge.i, clause.right_edge.i + 1)])
    if not toks:
        return None
    who = next((c for c in tok.children if c.dep_ == "poss"), None)
    if who is None:
        who = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                    for g in c.children if g.dep_ == "pobj"), None)
    return _span(toks[0], toks[-1]), who


def _reported_by_noun(tok: Any) -> Reported | None:
    """The reported speech of a noun of saying (:func:`_said_by_noun`), its cue the noun itself."""
    said = _said_by_noun(tok)
    if said is None:
        return None
    content, subj = said
    speaker = speaker_chars(subj, tok) if subj is not None else None
    if speaker is not None and subj is not None and subj.dep_ == "poss":
        case = [c for c in subj.children if c.dep_ == "case"]  # "Baker's": the name alone
        speaker = (speaker[0], min(speaker[1], case[0].idx)) if case else speaker
    return Reported(tok.i, (tok.idx, tok.idx + len(tok)), content, speaker, subj.i if subj is not None else None)


def _after_dateline(doc: Any, span: tuple[int, int]) -> tuple[int, int] | None:
    """``span`` starting after the dateline it opens with ("CONCORD, N.H. (AP) — Y, X said" -> "Y")."""
    end = next((e for s, e in _furniture(doc) if s <= span[0] < e), None)
    if end is None:
        return span
    start = end
    while start < span[1] and doc.text[start].isspace():
        start += 1
    return (start, span[1]) if start < span[1] else None


def reported_speech(doc: Any, outside: Callable[[int], bool]) -> list[Reported]:
    """Find reported speech in a parsed article.

    Args:
        doc: The spaCy Doc.
        outside: Whether a character offset lies outside every direct quote (cues inside a
            quotation are the speaker's own words and are not attributed again).

    Returns:
        One record per cue that governs some content, in text order.
    """
    out: list[Reported] = []
    for tok in doc:
        if not outside(tok.idx):
            continue
        if not is_cue(tok):
            by_noun = _reported_by_noun(tok)
            if by_noun is not None:
                out.append(by_noun)
            continue
        content, subj = _content(tok)
        if content is not None:
            content = _after_dateline(doc, content)
        if content is None or content[1] <= content[0]:
            continue
        speaker = speaker_chars(subj, tok) if subj is not None else None
        out.append(Reported(tok.i, cue_chars(tok), content, speaker, subj.i if subj is not None else None))
    return out
