"""The tables claims are read with: dependency labels to roles, prepositions, event words.

Kept apart from the tree walk (:mod:`newsprism.analysis.claims`) so that another language's
parser fills the same :class:`~newsprism.model.Claim` record from the same tables: spaCy's
English models use ClearNLP labels (``dobj``, ``nsubjpass``, a ``prep`` whose ``pobj`` is the
argument), natasha's Russian syntax uses Universal Dependencies (``obj``, ``nsubj:pass``, an
``obl`` or ``nmod`` that carries its preposition as a ``case`` child). Both sets are here.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from newsprism.model import ArgumentRole

__all__ = [
    "DEP_ROLES", "MARKED_DEPS", "CASE_DEPS", "OBJECT_DEPS", "CLAUSE_DEPS", "NOT_CLAUSE_DEPS", "PREP_ROLES",
    "TRANSFER_LEMMAS", "OBJECT_CONTROL", "NO_CONTROL", "PLACE_NOUNS", "LIGHT_VERBS", "OCCUR_VERBS",
    "MODAL_AUX", "MODAL_ADVERBS", "MODAL_WRAPPERS", "MODAL_NOUNS", "MODAL_AMODS", "NEGATORS",
    "NEGATIVE_ARGUMENTS", "REPORT_EVENT_CUES", "event_noun",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Dependency label of a dependent -> the role of the argument it is. ``None``: the label marks a
#: prepositional or case-marked argument whose role its preposition decides (:data:`PREP_ROLES`).
#: A label missing here is not an argument (determiners, punctuation, auxiliaries, clauses).
DEP_ROLES: Mapping[str, ArgumentRole | None] = {
    # ClearNLP (spaCy English)
    "nsubj": "agent", "nsubjpass": "patient", "agent": "agent", "dobj": "patient", "attr": "patient",
    "dative": "recipient", "oprd": "other", "poss": "agent", "prep": None,
    # Universal Dependencies (natasha, Stanza...)
    "nsubj:pass": "patient", "obj": "patient", "iobj": "recipient", "obl:agent": "agent",
    "nmod:poss": "agent", "obl": None, "nmod": None,
}
#: Labels whose dependent is the preposition and whose argument is the preposition's object
#: (ClearNLP: ``prep`` -> ``pobj``; the passive ``agent`` "by" -> ``pobj``).
MARKED_DEPS = frozenset({"prep", "agent", "dative"})
#: Labels whose dependent is the argument, its preposition a ``case`` child (UD).
CASE_DEPS = frozenset({"obl", "nmod", "obl:agent"})
#: The labels of direct objects (a trigger with one takes "with X" as a side participant).
OBJECT_DEPS = frozenset({"dobj", "obj"})
#: Labels under which a verb heads a clause of its own, hence an event (both label sets).
CLAUSE_DEPS = _words("ROOT root conj ccomp xcomp advcl acl relcl acl:relcl pcomp csubj csubjpass csubj:pass "
                     "parataxis dep")
#: Labels under which a verb is not an event of its own: "the detained man", "was arrested".
NOT_CLAUSE_DEPS = _words("aux auxpass aux:pass amod compound prt det nummod cop")

#: Preposition (lower case) -> the role of its object. Refined in :mod:`.claims`: a "place"
#: preposition gives ``place`` only for a place-like object, "to" gives ``recipient`` only
#: after a verb of transfer, "with" gives ``patient`` only when the trigger has no object,
#: "of" and "by" only on event nouns (a verb's passive "by" is the ``agent`` label).
PREP_ROLES: Mapping[str, ArgumentRole] = {
    "on": "theme", "about": "theme", "over": "theme", "regarding": "theme", "concerning": "theme",
    "in": "place", "at": "place", "near": "place", "inside": "place", "outside": "place", "across": "place",
    "throughout": "place", "within": "place", "from": "place", "into": "place",
    "to": "recipient", "with": "patient", "against": "patient", "of": "patient", "by": "agent",
    # Russian (natasha's UD), the same choices
    "о": "theme", "об": "theme", "обо": "theme", "насчет": "theme", "в": "place", "во": "place",
    "на": "place", "под": "place", "у": "place", "из": "place", "к": "recipient", "с": "patient",
    "со": "patient", "против": "patient",
}

# Verbs whose "to X" is who gets something ("offered Bout to Washington", "sent an offer to Russia").
TRANSFER_LEMMAS = _words(
    """give send offer hand sell deliver pass transfer provide supply grant lend pay return extradite
    present award donate ship export submit forward leak write report announce propose"""
)
# Verbs whose object, not their subject, does what their infinitive says ("urged Russia to accept",
# "led the allies to impose"); other verbs lend their subject ("agreed to meet").
OBJECT_CONTROL = _words(
    """urge ask press force allow tell persuade order help encourage invite lead push enable require permit
    call warn advise want need get cause compel pressure prompt convince implore beg instruct authorize
    authorise"""
)
# Verbs whose complement is no act of their subject ("the plan includes swapping ...").
NO_CONTROL = _words("include involve mean require entail envisage envision")
# Common nouns that name places: "in the capital", "at the border" (beside named places).
PLACE_NOUNS = _words(
    """city capital country region town village border area zone street square building office hospital
    court parliament house prison jail camp airport station port embassy headquarters base province state
    district neighbourhood neighborhood front coast sea river island school university church mosque
    market stadium hotel home residence palace ministry compound site scene field territory warehouse
    factory plant mine shop store restaurant farm park bridge road highway outskirts suburb centre center
    downtown"""
)
# Light verbs: with an event noun as object, the noun names the event ("held talks", "made an
# offer", "paid a visit", "launched an attack"); the verb lends its subject, time and place.
LIGHT_VERBS = _words("have hold make take give conduct carry stage launch do pay undertake mount wage reach strike")
# Verbs that only say that their subject happened ("the talks took place", "the attack occurred").
OCCUR_VERBS = _words("happen occur")
MODAL_AUX = _words("may might could would should can must ought")
MODAL_ADVERBS = _words(
    "reportedly allegedly possibly probably likely perhaps maybe apparently purportedly supposedly presumably"
)
# Verbs and adjectives that put the event of their infinitive in doubt or in the future ("is
# expected to visit", "plans to annex", "is likely to resign"): the infinitive is the claim.
MODAL_WRAPPERS = _words("expect plan intend want hope aim seek try attempt set schedule likely unlikely due "
                        "going poise slate prepare need")
# The same as nouns: "plans to annex", "an attempt to block".
MODAL_NOUNS = _words("plan intention bid attempt effort threat proposal hope aim")
MODAL_AMODS = _words("alleged purported possible planned proposed potential rumoured rumored expected likely")
NEGATORS = _words("not n't never no nor")
# An argument that says the event did not happen: "nothing was agreed", "saw nobody".
NEGATIVE_ARGUMENTS = _words("nothing nobody none noone")
# Cues whose noun-phrase content is the event reported: "the ministry confirmed the call" is a
# claim that the call happened, with the ministry as its source. Other cues ("condemned the
# attack") are events of their own.
REPORT_EVENT_CUES = _words("confirm announce report disclose reveal")

# Event nouns the suffix test below cannot find: nouns that are also verbs without a suffix
# ("call", "visit") or events by meaning ("summit", "war"). A hand list of zero-derived nouns
# would be long and noisy ("house", "book", "head" are verbs too), so only these count.
_EVENT_NOUNS = _words(
    """call talk talks offer visit attack exchange swap deal trip tour strike raid protest vote war battle
    fight clash crash blast fire murder arrest release return trial summit conference ceremony speech
    interview request demand bid ban sanction threat rally march cut increase rise fall drop win loss
    defeat victory quake earthquake storm flood hurricane outbreak coup ceasefire truce campaign incident
    accident crisis dispute debate row probe inquiry siege offensive advance retreat escape rescue search
    hunt referendum poll election meeting hearing verdict assault invasion shootout stabbing kidnapping
    resignation sale purchase merger takeover bailout layoff layoffs walkout lockdown progress"""
)
# Nouns that look derived from a verb but name a thing or a body ("government", "department").
_NOT_EVENTS = _words(
    """government administration department organization organisation station population position
    equipment apartment nation million billion trillion total building evening morning ceiling thing
    king wing ring string spring clothing setting painting official officials national document
    opinion region religion union question relation condition edition section portion ration
    material capital hospital animal signal general individual potential minister ministry"""
)
# Suffix -> what to put back on the stem to get the verb ("invasion" -> "inva" + "de").
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ation", ("", "e", "ate")), ("ition", ("", "e")), ("ution", ("e", "ute")), ("sion", ("de", "d", "t", "se")),
    ("tion", ("te", "t", "")), ("ion", ("", "e")), ("ment", ("",)), ("al", ("", "e")), ("ance", ("", "e")),
    ("ence", ("", "e")), ("ure", ("", "e")), ("age", ("", "e")), ("ing", ("", "e")), ("ery", ("",)),
    ("sal", ("se",)), ("ial", ("y",)), ("iage", ("y",)),
)


@functools.cache
def _verb_lemmas() -> frozenset[str]:
    """The English verb lemmas (WordNet's, as spaCy's lemmatizer ships them)."""
    from newsprism.analysis.nlp import english

    table = english().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(table["verb"])


@functools.cache
def event_noun(lemma: str) -> bool:
    """Whether an English noun (by its lower-cased lemma) names an event.

    The test is morphological: a noun formed from a verb by a derivational suffix ("invasion"
    from "invade", "agreement", "proposal", "attendance", "meeting") names the act; plus a short
    table of events without a suffix ("call", "talks", "summit"). A handful of nouns that look
    derived but name things or bodies ("government", "department") are excluded. The syntax
    decides where such a noun becomes a claim (see :mod:`.claims`), so a false positive costs
    little.

    Args:
        lemma: A lower-cased noun lemma.

    Returns:
        Whether it names an event.
    """
    if lemma in _EVENT_NOUNS:
        return True
    if lemma in _NOT_EVENTS or len(lemma) < 5:
        return False
    verbs = _verb_lemmas()
    for suffix, restore in _SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            stem = lemma[: -len(suffix)]
            stems = (stem, stem[:-1]) if stem[-1] == stem[-2] else (stem,)  # "shopping" -> "shop"
            if any(s + r in verbs for s in stems for r in restore):
                return True
    return False
