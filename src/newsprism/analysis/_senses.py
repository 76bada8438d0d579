"""Senses of lexicon words that carry no verdict where they stand, read from spaCy's parse.

Each function takes a spaCy token the lexicon matched and says whether, in its sentence, the
word is used in a sense or a frame that passes no verdict: the 2001 attacks' settled name, a
charge turned around "for the people", a word named after "so-called" to reject it, a feeling,
a reaction said to be absent, the size of physical harm in a report of a storm or a quake.
:class:`newsprism.analysis._lexicon.Lexicon` applies them.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["HARM_STORY_MENTIONS", "HYPHENS", "LITERAL_IN_DISASTER", "LITERAL_WITH_PARTICLE", "absent",
           "after_so_called", "describes_harm", "felt", "harm_story", "hedges_record", "literal_motion",
           "literal_sense", "reclaimed", "settled", "smeared_with_matter", "subject_lemma", "violent_crowd",
           "violent_spree"]

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


# Stuff a surface is literally smeared with: "walls smeared with blood", "a floor smeared in soot",
# "smeared paint on the door", "blood-smeared walls". Smearing a person ("smeared the senator") is
# the charge of defaming them, a verdict.
_MATTER = frozenset(
    "blood mud soot ash ashes paint ink oil grease dirt dust earth excrement faeces feces dung manure filth "
    "grime tar lipstick makeup cream butter jam food vomit chalk wax lotion sweat slime sludge gore "
    "ketchup sauce chocolate fuel petrol gasoline glue powder".split())
# Surfaces and bodies that are smeared with something: the thing smeared, with a "with"/"in" phrase
# saying with what ("windows smeared with slogans").
_SURFACES = frozenset(
    "wall floor door window windscreen windshield glass mirror ceiling face hand finger arm leg body skin "
    "forehead cheek clothes clothing shirt jacket car vehicle seat table pavement sidewalk street road "
    "ground stair staircase step lens screen surface building facade sign".split())


def smeared_with_matter(tok: Any) -> bool:
    """Whether "smear" tells physical matter spread on something, not a charge of defamation.

    The matter is the verb's or noun's "with"/"in"/"of" object or its object ("smeared blood on
    the door"), or the noun before its hyphen ("blood-smeared"); or the thing smeared is a surface
    or a body and a "with"/"in" phrase says with what ("walls smeared with slogans").
    """
    if tok.lemma_.lower() != "smear" and not tok.lower_.startswith("smear"):
        return False
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "in", "of")]
    matter = [g for p in preps for g in p.children if g.dep_ == "pobj"]
    matter += [c for c in tok.children if c.dep_ in ("dobj", "npadvmod", "compound", "nmod")]
    if tok.i >= 2 and tok.doc[tok.i - 1].text in HYPHENS:
        matter.append(tok.doc[tok.i - 2])
    if any(m.lemma_.lower() in _MATTER for m in matter):
        return True
    if not any(p.lower_ in ("with", "in") for p in preps):
        return False
    smeared = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ in ("acl", "amod"):  # "a floor smeared in soot"
        smeared.append(tok.head)
    return any(t.lemma_.lower() in _SURFACES for t in smeared)


# A spree of violence told as such: "a knife rampage", "went on a shooting rampage", "a rampage in
# which he stabbed two". "Rampage" then describes what happened; "a rampage of regulations" is
# hyperbole. The weapon or the act modifies the word, or the sentence tells the harm done.
_SPREE_MODIFIERS = frozenset(
    "knife gun shooting stabbing killing murder murderous machete axe sword bomb bombing gunfire shotgun "
    "rifle pistol firearm arson vehicle truck car van lorry".split())
_WEAPONS = frozenset("knife gun machete axe sword rifle pistol shotgun firearm gunman knifeman".split())
_HARM_VERBS = frozenset("kill stab wound shoot injure murder slay slash hack maim behead massacre gun".split())


def violent_spree(tok: Any) -> bool:
    """Whether "rampage" describes a spree of violence the sentence tells, not hyperbole.

    A weapon or a killing modifies it ("knife rampage", "shooting rampage"), a weapon is named
    in the sentence ("a man armed with a knife went on a rampage"), or a verb of harm is there
    ("killed", "stabbed", "wounded", "shot").
    """
    if tok.lemma_.lower() != "rampage":
        return False
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    if tok.i >= 2 and tok.doc[tok.i - 1].text in HYPHENS:  # "knife-rampage"
        mods.append(tok.doc[tok.i - 2])
    if any(m.lemma_.lower() in _SPREE_MODIFIERS for m in mods):
        return True
    return any((t.pos_ == "VERB" and t.lemma_.lower() in _HARM_VERBS)
               or (t.pos_ == "NOUN" and t.lemma_.lower() in _WEAPONS) for t in tok.sent)


# What the wire calls "purported" when it has not verified it: a record or an account of someone
# ("a purported eyewitness account", "a purported statement from the group", "video purportedly
# showing"). "Purported" then hedges the source, it does not doubt anyone's claim ("the purported
# reform").
_RECORDS = frozenset(
    "eyewitness witness account statement message post video recording audio footage tape photo photograph "
    "image picture letter document email text tweet note clip manifesto communique transcript "
    "voicemail livestream broadcast".split())


def hedges_record(tok: Any) -> bool:
    """Whether "purported(ly)" hedges a record or an account not yet verified (see :data:`_RECORDS`).

    The adjective's noun, or a word compounded with it ("purported eyewitness account"); the
    adverb's verb's subject ("footage purportedly shows") or the noun its participle or
    preposition describes ("a video purportedly showing", "a message purportedly from").
    """
    low = tok.lower_
    if low == "purported":
        noun = tok.head if tok.dep_ in ("amod", "compound") else tok
        words = [noun, *(c for c in noun.children if c.dep_ == "compound")]
    elif low == "purportedly":
        verb = tok.head
        words = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ in ("acl", "relcl") or verb.pos_ == "ADP":  # "a message purportedly from the group"
            words.append(verb.head)
    else:
        return False
    return any(w.lemma_.lower() in _RECORDS or w.lower_ in _RECORDS for w in words)


def literal_sense(tok: Any) -> bool:
    """Whether a word is used in a literal or hedging sense that passes no verdict where it stands.

    "smeared with blood" (:func:`smeared_with_matter`), "a knife rampage" (:func:`violent_spree`),
    "a purported eyewitness account" (:func:`hedges_record`).
    """
    return smeared_with_matter(tok) or violent_spree(tok) or hedges_record(tok)


# What a storm, a fire or a collapse does is described, not judged, by an intensifier: "catastrophic
# winds", "a devastating surge", "the flooding was staggering" tell its size (the National
# Hurricane Center's own scale says "catastrophic damage"). Said of people, policies or acts they
# stay emotive wording ("a catastrophic decision").
_PHYSICAL_HARM = frozenset(
    "damage destruction flood flooding fire wildfire blaze inferno storm hurricane typhoon cyclone tornado wind "
    "gust surge rain rainfall snow snowfall blizzard hail earthquake quake tremor aftershock tsunami landslide "
    "mudslide avalanche eruption drought heat heatwave collapse explosion blast crash derailment outage leak "
    "spill injury burn wound loss casualty toll weather implosion sinking shipwreck wreck wreckage debris "
    "capsizing accident".split()
)

# Words of magnitude that are literal in a report of physical harm: in an earthquake story
# "devastating", "a catastrophe", "chaos" and "looters" describe what happened (Chile declares a
# "state of catastrophe" by law), where in politics they are a verdict. See :func:`harm_story`.
LITERAL_IN_DISASTER = frozenset(
    "devastating devastate devastation catastrophic catastrophe cataclysmic calamity calamitous disaster "
    "disastrous horrific horrendous horrible terrible tragic tragedy massive monster apocalyptic nightmare "
    "nightmarish staggering chaos chaotic havoc ravage hell hellish looter loot looting mayhem carnage "
    # and the verbs of physical force the lexicon lists for criticism or arrivals: a flood that
    # floods, a fuselage "ripped to pieces", a plane that "slammed into" a building.
    "flood rip slam blast cripple".split())
#: Mentions of physical-harm nouns from which an article reports physical harm.
HARM_STORY_MENTIONS = 3

# Verbs of tearing that are figurative (criticism) only without a particle of motion: "rips into
# the plan", "rips Democrats", but "tornadoes ripped through the town", "the roof was ripped off",
# "an explosion ripped apart the building".
LITERAL_WITH_PARTICLE = {"rip": frozenset("through off apart open out down up away from across".split()),
                         "slam": frozenset("down into onto against shut open through".split())}


def literal_motion(tok: Any) -> bool:
    """Whether a verb of tearing or striking has a particle of motion, so is literal ("ripped through")."""
    particles = LITERAL_WITH_PARTICLE.get(tok.lemma_.lower())
    return bool(particles) and any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in particles  # type: ignore[operator]
                                   for c in tok.children)


def harm_story(doc: Any) -> bool:
    """Whether an article reports physical harm (a storm, a quake, a fire): its harm nouns recur."""
    return sum(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in _PHYSICAL_HARM for t in doc) >= HARM_STORY_MENTIONS


def describes_harm(adj: Any) -> bool:
    """Whether an adjective tells the size of physical harm: literal there, not a verdict.

    "catastrophic winds", "the flooding was described as staggering" (see ``_PHYSICAL_HARM``).
    """
    return adj.pos_ == "ADJ" and _described(adj) in _PHYSICAL_HARM


def _described(adj: Any) -> str | None:
    """The lemma of the noun an adjective describes.

    Its head ("catastrophic winds"), or the subject of the verb it completes ("the flooding was
    staggering", "was described as staggering").
    """
    head = adj.head
    if adj.dep_ == "amod" and head.pos_ != "ADP":
        return str(head.lemma_.lower())
    if head.pos_ == "ADP" and head.dep_ == "prep":  # "described as staggering" (parsed either way)
        head = head.head
    elif adj.dep_ not in ("acomp", "attr", "oprd", "xcomp", "conj"):
        return None
    return subject_lemma(head)


def subject_lemma(tok: Any) -> str | None:
    """The lemma of a verb's subject; a relative pronoun stands for the noun its clause hangs on."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return str(tok.head.lemma_.lower()) if tok.dep_ in ("relcl", "acl") else None  # "roof ... caved in"
    if subj.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
        return str(tok.head.lemma_.lower())
    return str(subj.lemma_.lower())
