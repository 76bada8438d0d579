"""Speech verbs used where they report no speech: an event that "threatens", an act "claimed".

:mod:`newsprism.analysis._quote_cues` reads a cue's content from the parse; these say when a cue
verb tells no one's words at all, whatever it governs.
"""

from __future__ import annotations

from typing import Any

__all__ = ["declares_act", "evidences", "outlook", "owns_act"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs of intent that a thing or an event can have as well as a person: "The arrest threatens to
# stoke fears", "This promises to be a long night" tell what may come, nobody's words; "The
# minister threatened to resign" reports what she said.
_INTENT_OR_OUTLOOK = frozenset({"threaten", "promise"})
_THING_PRONOUNS = frozenset({"it", "this", "that", "which", "what"})
_AGENT_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Events and things that "threaten" or "promise" an outcome.
_EVENT_NOUNS = _words(
    """arrest attack move decision plan bill law deal crisis war conflict violence strike storm fire flood
    outbreak virus pandemic scandal row dispute vote election ruling verdict trial shooting stabbing bombing
    incident killing death protest unrest clash tension standoff shutdown delay change cut rise increase
    surge fall policy measure proposal rule ban tariff sanction inflation recession weather heat rain night
    day week weekend year season game match race event summit talks meeting case report news development
    problem issue shortage spill blast explosion raid ceasefire truce row split leak fight battle campaign
    process reform deadline budget""")
# Nominal suffixes of acts, states and results ("the escalation", "the announcement", "the closure").
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence", "ity", "ism", "ing")
# Collective agents with such a suffix: they speak ("The government threatened to expel ...").
_AGENT_NOUNS = _words(
    """government parliament department administration coalition opposition federation association
    organisation organization corporation commission delegation nation legislature establishment management
    movement union junta presidency ministry authority leadership committee king""")


def _thing(subj: Any) -> bool:
    """Whether a subject names a thing or an event, not someone who can speak (see :data:`_EVENT_NOUNS`).

    A name (PROPN, or a person, organisation, group or country entity) and a personal pronoun speak;
    "it"/"this"/"that", an event noun or a noun with a nominal suffix ("-tion", "-ment", "-ure")
    does not, unless it names a collective agent ("the government").
    """
    if subj.dep_ == "csubj":
        return True  # "Raising taxes threatens to ...": a clause is no speaker
    if subj.pos_ == "PROPN" or subj.ent_type_ in _AGENT_ENTS:
        return False
    low, lemma = subj.lower_, subj.lemma_.lower()
    if subj.pos_ == "PRON" or subj.tag_ in ("DT", "WDT"):
        return low in _THING_PRONOUNS
    if subj.pos_ != "NOUN" or lemma in _AGENT_NOUNS:
        return False
    return lemma in _EVENT_NOUNS or any(lemma.endswith(x) and len(lemma) >= len(x) + 3 for x in _EVENT_SUFFIXES)


def outlook(tok: Any, subj: Any | None) -> bool:
    """Whether "threaten"/"promise" with an infinitive tells what a thing or an event may bring."""
    if tok.lemma_.lower() not in _INTENT_OR_OUTLOOK or not any(c.dep_ == "xcomp" for c in tok.children):
        return False
    csubj = next((c for c in tok.children if c.dep_ == "csubj"), None)
    return _thing(csubj if csubj is not None else subj) if (csubj or subj) is not None else False


# What an actor claims (or takes) when it owns an act: "claimed responsibility for the attack",
# "claimed credit for the bombing". The object is the act owned, not the content of any words.
_OWNING_VERBS = frozenset({"claim", "take", "accept", "assume"})
_OWNED = frozenset({"responsibility", "credit", "ownership", "authorship"})


def owns_act(tok: Any) -> bool:
    """Whether a verb takes ownership of an act ("claimed responsibility for the attack")."""
    return tok.lemma_.lower() in _OWNING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _OWNED for c in tok.children)


# What is declared by an act of state, not said: "declared martial law", "declared a state of
# emergency", "declared war". "declared the law invalid" (a verdict on it) is still words.
_DECLARING_VERBS = frozenset({"declare", "proclaim"})
_DECLARED_ACTS = _words(
    """law emergency war independence bankruptcy ceasefire truce curfew lockdown mourning holiday
    disaster quarantine siege blockade amnesty""")


def declares_act(tok: Any) -> bool:
    """Whether a verb declares an act of state ("declared martial law", "declared a state of emergency")."""
    if tok.lemma_.lower() not in _DECLARING_VERBS or any(c.dep_ in ("ccomp", "oprd", "xcomp") for c in tok.children):
        return False
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        if obj.lemma_.lower() in _DECLARED_ACTS:
            return True
        # "a state of emergency": the act is the object's "of" complement.
        of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if obj.lemma_.lower() == "state" and of is not None and any(
                g.lemma_.lower() in _DECLARED_ACTS for g in of.children if g.dep_ == "pobj"):
            return True
    return False


# Verbs a scene, an act or an event does as well as a speaker: "The chaotic scenes underscored the
# tensions" tells what the scenes showed, nobody's words.
_EVIDENCE_VERBS = frozenset({"underscore", "underline", "highlight", "signal", "illustrate", "reflect"})
_SCENE_NOUNS = _words("scene image picture footage sight episode chaos turmoil drama spectacle")


def evidences(tok: Any, subj: Any | None) -> bool:
    """Whether an evidence verb ("underscored", "highlighted") has a thing or an event as its subject."""
    if tok.lemma_.lower() not in _EVIDENCE_VERBS or subj is None:
        return False
    return subj.lemma_.lower() in _SCENE_NOUNS or _thing(subj)
