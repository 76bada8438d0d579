"""Words a named subject puts on something: the subject's characterisation, not the outlet's voice.

"Republicans castigated the bill as a power grab", "critics called it amnesty", "Vance attacked
the mayor for caving on the budget": the loaded word is what the subject calls the thing or blames
someone for, which the outlet reports. The quotation reader finds no quote there (no cue clause),
so the lexicon's voice check asks this module.
"""

from __future__ import annotations

from typing import Any

__all__ = ["characterised"]

# Verbs by which a subject gives something a name or a verdict: "Republicans castigated the bill
# as a power grab", "critics called it amnesty". The word is the subject's characterisation,
# reported by the outlet, not the outlet's own (the analysis reads no quote there: no cue clause).
_CHARACTERISING = frozenset(
    "call describe label brand dub term castigate denounce decry deride pan slam condemn characterize "
    "characterise portray depict cast paint view see consider deem".split())
_CHARACTERISED_DEPS = frozenset({"oprd", "pobj", "prep", "attr", "xcomp", "acomp", "dobj", "amod", "compound", "ccomp"})


def _named_as(tok: Any) -> bool:
    """Whether a word is what a named subject calls something ("castigated the bill as a power grab").

    Through a preposition only "as" names ("in a bizarre turn of events, X called off the march"
    is the outlet's framing of the act), and a verb with a particle ("called off") names nothing.
    """
    node = tok
    for _ in range(4):
        if node.dep_ not in _CHARACTERISED_DEPS or node.head is node:
            return False
        if node.dep_ == "prep" and node.lower_ != "as":
            return False
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in _CHARACTERISING and not any(
                c.dep_ == "prt" for c in node.children):
            # Its own subject, not the outlet's passive ("the bill was described as ..."): a
            # "what critics call" clause counts too.
            return any(c.dep_ == "nsubj" and c.lower_ not in ("it", "this", "that") for c in node.children)
    return False


# Verbs of blaming someone for something: what the "for" / "over" / "of" phrase says they did is
# the critic's charge ("attacked the mayor for caving", "faulted the agency over its slow response").
_BLAMING = frozenset(
    "attack criticize criticise fault blame chide rebuke scold berate lambaste assail blast slam knock "
    "accuse condemn denounce excoriate pillory mock ridicule".split())
_CHARGE_PREPS = frozenset({"for", "over", "of"})
_CHARGE_DEPS = frozenset({"pobj", "pcomp", "amod", "compound", "dobj", "advmod", "acomp", "xcomp"})


def _blamed_for(tok: Any) -> bool:
    """Whether a word lies in what a named subject blames someone for ("attacked the mayor for caving")."""
    node = tok
    for _ in range(5):
        if node.head is node:
            return False
        if node.dep_ == "prep" and node.lower_ in _CHARGE_PREPS:
            verb = node.head
            return verb.pos_ == "VERB" and verb.lemma_.lower() in _BLAMING and any(
                c.dep_ == "nsubj" and c.lower_ not in ("it", "this", "that") for c in verb.children)
        if node.dep_ not in _CHARGE_DEPS and node is not tok:
            return False
        node = node.head
    return False


def characterised(tok: Any) -> bool:
    """Whether a word is a named subject's characterisation or charge (see the module docstring).

    Reads spaCy's parse; a token without one (the Russian path) is never characterised.
    """
    if not hasattr(tok, "dep_"):
        return False
    return _named_as(tok) or _blamed_for(tok)
