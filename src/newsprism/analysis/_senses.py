"""Senses of lexicon words that carry no verdict where they stand, read from spaCy's parse.

Each function takes a spaCy token the lexicon matched and says whether, in its sentence, the
word is used in a sense or a frame that passes no verdict: the 2001 attacks' settled name, a
charge turned around "for the people", a word named after "so-called" to reject it, a feeling,
a reaction said to be absent. :class:`newsprism.analysis._lexicon.Lexicon` applies them.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["HYPHENS", "absent", "after_so_called", "felt", "reclaimed", "settled", "violent_crowd"]

#: Hyphens spaCy keeps as tokens of their own ("far - right", "so - called").
HYPHENS = frozenset({"-", "‐", "‑", "–"})

# The attacks of 11 September 2001 are "the terrorist attacks" in US law, the 9/11 Commission's
# report and every outlet's style: naming them so is the event's settled designation, no verdict.
_SETTLED_TERROR = re.compile(r"\b(?:sept(?:ember|\.)?\s*11|9/11|11 sept(?:ember|\.)?)\b", re.IGNORECASE)


def settled(tok: Any) -> bool:
    """Whether "terrorist"/"terror" names the attacks of 11 September 2001 (:data:`_SETTLED_TERROR`).

    Said in the sentence ("the 9/11 terror attacks"), or "the ... attacks" with 2001 in the sentence,
    or "the terrorist attacks" in a text that names 9/11 elsewhere (the victims' law, the anniversary).
    """
    if _SETTLED_TERROR.search(tok.sent.text):
        return True
    head = tok.head if tok.dep_ in ("amod", "compound") else tok
    if head.lemma_.lower() != "attack" or head.tag_ != "NNS":
        return False
    if "2001" in tok.sent.text:
        return True
    # Elsewhere in the text only when nothing places these attacks ("the terrorist attacks in Paris").
    placed = any(c.dep_ == "prep" and c.lower_ in ("in", "on", "at") for c in head.children)
    return not placed and bool(_SETTLED_TERROR.search(tok.doc.text))


# Whom a speaker says a charge is turned to serve: "a power grab for the American people",
# "a power grab on behalf of the people" takes up the other side's word to reverse it.
_BENEFICIARIES = frozenset("people public citizen voter family worker taxpayer american consumer".split())


def reclaimed(tok: Any) -> bool:
    """Whether a pejorative noun is claimed for the people ("a power grab for the people"), itself or its apposition."""
    noun = tok.head if tok.dep_ == "compound" else tok
    # The noun, its apposition, and the same noun said again of the same thing ("it is a power
    # grab -- a power grab on behalf of the people").
    nouns = [noun, *(c for c in noun.children if c.dep_ == "appos")]
    if noun.dep_ == "appos":
        nouns.append(noun.head)
    nouns += [t for t in noun.sent if t.i != noun.i and t.lemma_ == noun.lemma_ and t.head.i == noun.head.i]

    def served(n: Any) -> bool:
        for prep in (c for c in n.children if c.dep_ == "prep"):
            objs = [g for g in prep.children if g.dep_ == "pobj"]
            if prep.lower_ == "on" and objs and objs[0].lower_ == "behalf":
                objs = [g for c in objs[0].children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            elif prep.lower_ != "for":
                continue
            if any(o.lemma_.lower() in _BENEFICIARIES for o in objs):
                return True
        return False

    return any(served(n) for n in nouns)


def after_so_called(tok: Any) -> bool:
    """Whether "so-called" (or "so called") stands right before a word, or before the noun phrase it opens."""
    doc, i = tok.doc, tok.i
    words = [t.lower_ for t in doc[max(0, i - 4):i] if t.text not in HYPHENS]
    return words[-2:] == ["so", "called"] or words[-1:] == ["so-called"]


def felt(adj: Any) -> bool:
    """Whether an adjective says how someone feels: "I feel terrible for her" is sympathy, no verdict."""
    return bool(adj.dep_ == "acomp" and adj.head.lemma_.lower() == "feel")


def absent(noun: Any) -> bool:
    """Whether a noun of reaction is said to be absent: "spawned little outrage", "no outrage"."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("det", "amod")}
    return bool(mods & {"no", "little"}) and not mods & {"a", "an"}


# Acts of violence that make a crowd a mob in the literal sense: "a mob stormed the compound",
# "the mob scene around the compound after the attacks".
_VIOLENCE = frozenset("attack storm riot burn loot kill assault torch lynch besiege overrun ransack".split())


def violent_crowd(tok: Any) -> bool:
    """Whether "mob" names a crowd the same sentence shows attacking: the literal word, no verdict on protesters."""
    return any(t.lemma_.lower() in _VIOLENCE for t in tok.sent)
