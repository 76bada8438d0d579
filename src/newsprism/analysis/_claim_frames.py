"""Which words of a parse name events, and what they take over: the trigger side of claims.

A claim's trigger is a verb heading a clause, or a word a verb hands its event to: a light verb's
event noun ("held talks"), a copula's predicate ("were frank"), a modal wrapper's infinitive
("is expected to visit"). :func:`frame_for` gives a trigger with those words (its *anchors*,
whose dependents are its arguments); :func:`inherited_subject` finds the subject a clause shares
with the clause above it. Token work on spaCy's ClearNLP labels, the tables in :mod:`._claim_roles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsprism.analysis import _claim_roles as roles
from newsprism.model import Span

__all__ = [
    "SUBJECTS", "PASSIVE_SUBJECTS", "PREDICATES", "WH", "Source", "Frame", "subject_of", "is_passive",
    "inherited_subject", "clause_verb", "is_copula", "xcomp_of", "wraps", "event_noun_token", "handed_to",
    "frame_for",
]

SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "csubjpass"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass", "csubjpass"})
PREDICATES = frozenset({"acomp", "attr"})
WH = frozenset({"WP", "WDT", "WP$"})
_PASSIVE_AUX = frozenset({"auxpass", "aux:pass"})
_BE_CLITICS = frozenset({"'s", "'re", "'m"})
# Predicates that only place an event in a series ("the call was the first since May").
_ORDINAL_PREDICATES = frozenset({"first", "last", "second", "third", "latest", "only", "next"})


@dataclass(frozen=True, slots=True)
class Source:
    """Who says so: the phrase naming the speaker and the entity it resolves to."""

    span: Span | None
    entity: str | None


@dataclass(frozen=True, slots=True)
class Frame:
    """A trigger and the words whose dependents are its arguments (itself first)."""

    trigger: Any
    anchors: tuple[Any, ...]
    wrapper: Any | None = None  # the modal wrapper or noun that made it less than a fact


def subject_of(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def is_passive(tok: Any) -> bool:
    return any(c.dep_ in _PASSIVE_AUX or c.dep_ in PASSIVE_SUBJECTS for c in tok.children)


def inherited_subject(top: Any) -> tuple[Any, bool] | None:
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
            s = subject_of(head)
            if s is not None:
                return s, s.dep_ not in PASSIVE_SUBJECTS
            tok = head
            continue
        if dep == "xcomp":
            lemma = head.lemma_.lower()
            if lemma in roles.NO_CONTROL:
                return None
            obj = next((c for c in head.children if c.dep_ in roles.OBJECT_DEPS), None) \
                if lemma in roles.OBJECT_CONTROL else None
            s = obj if obj is not None else subject_of(head)
            if s is not None:
                return s, True
            tok = head
            continue
        if dep in ("relcl", "acl:relcl"):
            wh = next((c for c in tok.children if c.tag_ in WH), None)
            return head, wh is None or wh.dep_ in SUBJECTS - PASSIVE_SUBJECTS
        if dep == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if tok.tag_ == "VBN":
                return head, False
            if tok.tag_ == "VBG":
                return head, True
        return None
    return None


def clause_verb(t: Any) -> bool:
    """Whether a token is a verb heading a clause of its own."""
    if t.lower_ == "according" or not any(ch.isalpha() for ch in t.text):  # "according to X": a cue
        return False
    if t.pos_ == "VERB":
        return t.dep_ not in roles.NOT_CLAUSE_DEPS and not _prefix(t)
    if t.dep_ in ("ccomp", "advcl") and t.pos_ in ("NOUN", "ADJ"):
        return True  # a verb the tagger took for a noun: "that the military abide by ..."
    return bool(t.pos_ == "AUX" and t.dep_ in roles.CLAUSE_DEPS and t.tag_ != "MD")  # not "as he can"


def is_copula(t: Any) -> bool:
    """Whether a token is a form of "be" (spaCy lemmatises a curly "’s" to "’")."""
    return bool(t.lemma_.lower() == "be" or (t.tag_.startswith("VB") and t.lower_.replace("’", "'") in _BE_CLITICS))


def _prefix(t: Any) -> bool:
    """Whether a token is the first part of a hyphenated word ("re" of "re-engage")."""
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    return bool(nxt is not None and not t.whitespace_ and nxt.text == "-")


def xcomp_of(t: Any) -> Any | None:
    return next((c for c in t.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def wraps(t: Any) -> bool:
    """Whether a verb or adjective is a modal wrapper of an infinitive ("expected to", "likely to").

    Not with an object of its own: "was preparing sham referendums to ..." prepares something.
    "Be to" ("the leaders are to sign") is one too.
    """
    lemma = t.lemma_.lower()
    if lemma not in roles.MODAL_WRAPPERS and not (is_copula(t) and not any(c.dep_ in PREDICATES for c in t.children)):
        return False
    return xcomp_of(t) is not None and not any(c.dep_ in roles.OBJECT_DEPS for c in t.children)


def event_noun_token(t: Any) -> bool:
    return bool(t.pos_ == "NOUN" and roles.event_noun(t.lemma_.lower()))


def handed_to(v: Any) -> Any | None:
    """The word a verb hands its event to, ``None`` when the verb is the event.

    A light verb's event noun, an occurrence's subject, a copula's predicate, a wrapper's infinitive.
    """
    lemma = v.lemma_.lower()
    if wraps(v):
        return xcomp_of(v)
    kids = list(v.children)
    if is_copula(v):
        pred = next((c for c in kids if c.dep_ in PREDICATES), None)
        if pred is None:
            subj = subject_of(v)
            if subj is not None and event_noun_token(subj):
                return subj  # "the meeting was on the agenda"
        if pred is not None:
            if wraps(pred):
                return xcomp_of(pred)
            subj = subject_of(v)
            if (pred.pos_ != "ADJ" or pred.lemma_.lower() in _ORDINAL_PREDICATES) and subj is not None \
                    and event_noun_token(subj):
                return subj  # "the call was the first since May": a statement about the call
            return pred
    if lemma in roles.LIGHT_VERBS:
        deps = ("dobj", "obj", "nsubjpass", "nsubj:pass") if is_passive(v) else ("dobj", "obj")
        obj = next((c for c in kids if c.dep_ in deps), None)
        if obj is not None and event_noun_token(obj):
            return obj
    occurs = lemma in roles.OCCUR_VERBS or (lemma == "take" and any(c.lower_ == "place" and c.dep_ == "dobj"
                                                                      for c in kids))
    if occurs:
        subj = subject_of(v)
        if subj is not None and event_noun_token(subj):
            return subj
    return None


def frame_for(t: Any) -> Frame:
    """The frame of a trigger: the trigger and the words above it whose dependents it takes."""
    anchors, wrapper = [t], None
    head = t.head
    handed = handed_to(head) if head.i != t.i else None
    if handed is not None and handed.i == t.i:
        anchors.append(head)
        if wraps(head):
            wrapper = head
        if head.dep_ in PREDICATES and is_copula(head.head):  # "is likely to resign"
            anchors.append(head.head)
    if t.dep_ == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        anchors.append(head)  # "Moscow's plans to annex", "his readiness to listen": the noun's doer does it
        if head.lemma_.lower() in roles.MODAL_NOUNS:
            wrapper = head  # "plans to annex": the noun is the modality
    return Frame(t, tuple(dict.fromkeys(anchors)), wrapper)
