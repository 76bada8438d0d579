"""The article's records: the article, its spans, and what the analysis finds in it.

Sentences, entities, times, numbers, quotes, statements, loaded-language hits and claims, and
the :class:`AnalyzedArticle` that carries them all (re-exported by :mod:`newsprism.model`).

This module imports nothing of ours but the model's own modules (see DESIGN.md: dependencies
point one way).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

StatementKind = Literal["claim", "quote", "reported"]
QuoteKind = Literal["direct", "reported"]
#: What an argument is to its claim's event: who does it, to whom, what, where, when, how many.
ArgumentRole = Literal["agent", "patient", "recipient", "theme", "place", "time", "number", "other"]


def normalise_for_id(text: str) -> str:
    """Normalise text for hashing: NFKC, case-folded, whitespace collapsed.

    Args:
        text: Any article text.

    Returns:
        The normalised text; two texts that differ only in case, Unicode form or spacing
        normalise to the same string.
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def article_id(text: str) -> str:
    """Return the deterministic id of an article: 16 hex digits of SHA-256 of its normalised text.

    Args:
        text: The cleaned article text.

    Returns:
        A 16-character lowercase hex string.
    """
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


#: What a piece of page furniture is: a photo caption or its credit, the page header (bylines, date
#: and section lines, the headline repeated), a share or reading-time widget, a media player's line,
#: a page control or button, the outlet's notice about its page, an embedded post, a reader poll,
#: a list of links to other stories, a trailer (the "Original url:" line), or the sentence a copy
#: broke off in.
FurnitureKind = Literal["caption", "credit", "header", "share", "reading_time", "widget", "control",
                        "notice", "embed", "poll", "link_list", "trailer", "cut_off"]


@dataclass(frozen=True, slots=True)
class Furniture:
    """Text the reader took out of an article's body: the page's, not the report's.

    Kept so that nothing is lost silently: a reader can see what cleaning removed and find it in
    the input. ``start`` and ``end`` are offsets into the input text as read (the decoded file of
    a text or Markdown input, a JSONL record's ``text``), and then ``text == input[start:end]``;
    both are ``None`` when the text cannot be placed in the input (an HTML page, whose body is
    trafilatura's extraction of the markup, or a piece the cleaning rewrote).
    """

    kind: FurnitureKind
    text: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's furniture item: ``kind``, ``text``, ``start``, ``end``."""
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Article:
    """One news report: cleaned text plus metadata.

    Attributes:
        id: Hash of the normalised text (see :func:`article_id`).
        text: The cleaned text; every offset in later stages points into it.
        source: The outlet that published it (e.g. "The Moscow Times"), if known.
        agency: A wire agency named in the byline (e.g. "AFP"), if any.
        author: The author named in the byline, if any.
        title: The headline, if any.
        published: Publication date, if known.
        url: The canonical URL, if known.
        language: ISO 639-1 code ("en", "ru"), if detected.
        origin: Where it was read from (a path, "<stdin>", "<text>", or "path:line" for JSONL).
        furniture: What the reader took out of the body as the page's (captions, credits, header
            lines, widgets...), in input order, each with its place in the input (:class:`Furniture`).
    """

    id: str
    text: str
    source: str | None = None
    agency: str | None = None
    author: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    origin: str = "<text>"
    furniture: tuple[Furniture, ...] = ()

    def display_name(self) -> str:
        """A short name for the article in reports: its outlet, else the file it was read from.

        Never the headline: a headline is not an outlet, and reads as one in "only in ..." lines.
        """
        if self.source:
            return self.source
        name = self.origin.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        return name or self.origin

    def span(self, start: int, end: int) -> Span:
        """Return the :class:`Span` of this article's text from ``start`` to ``end``."""
        return Span(self.id, start, end, self.text[start:end])

    def title_span(self, start: int, end: int) -> Span:
        """Return the :class:`Span` of this article's headline from ``start`` to ``end``."""
        return Span(self.id, start, end, (self.title or "")[start:end], "title")

    def spanned(self, span: Span) -> str:
        """The string a span of this article points into: its text, or its title for a headline span."""
        return (self.title or "") if span.field == "title" else self.text

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON record of the article (the contract's ``articles[]`` item)."""
        return {
            "id": self.id,
            "source": self.source,
            "agency": self.agency,
            "author": self.author,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "text": self.text,
            "furniture": [f.to_dict() for f in self.furniture],
        }


#: Which string of an article a span's offsets point into: its ``text`` or its ``title``.
SpanField = Literal["text", "title"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one article's text; ``text == article.text[start:end]`` always.

    A span of the headline (``field == "title"``: a loaded word in it) points into
    ``article.title`` instead: ``text == article.title[start:end]``.
    """

    article_id: str
    start: int
    end: int
    text: str
    field: SpanField = "text"

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's SPAN object (``"field": "title"`` only for a span of the headline)."""
        out: dict[str, Any] = {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text}
        if self.field != "text":
            out["field"] = self.field
        return out


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article."""

    id: str
    span: Span


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named entity in one article.

    Attributes:
        span: Where it is.
        type: "PERSON", "ORG", "GPE", "LOC", "NORP" (spaCy's labels, kept as is).
        entity_id: The entity it belongs to.
    """

    span: Span
    type: str
    entity_id: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, with all its mentions (within one article or across)."""

    id: str
    name: str
    type: str
    variants: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression resolved to a date or a range of dates.

    Attributes:
        id: Deterministic id.
        span: The expression in the text ("on Friday", "nine days later").
        start: First day it refers to (``None`` if it could not be resolved).
        end: Last day it refers to (equal to ``start`` for one day).
        kind: "date" (explicit), "weekday", "relative" (deictic: "next week"), "chained"
            ("nine days later"), "range".
        anchor: What it was resolved against: "published", "text" or the id of another TimeRef.
        weekday_mismatch: When a weekday is given together with a date it does not fall on,
            the weekday named ("Thursday"); otherwise ``None``.
    """

    id: str
    span: Span
    start: date | None
    end: date | None
    kind: str
    anchor: str | None = None
    weekday_mismatch: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number, optionally with a unit ("two Americans", "$3 billion", "28th")."""

    id: str
    span: Span
    value: float | None
    unit: str | None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation, direct or reported, with speaker, cue and content spans.

    Attributes:
        speaker: The span naming the speaker as written ("Blinken", "he", "the spokesman").
        speaker_entity: The entity the speaker was resolved to, if any.
        cue: The cue ("said", "told reporters", "according to").
        content: What was said.
    """

    id: str
    kind: QuoteKind
    content: Span
    speaker: Span | None = None
    speaker_entity: str | None = None
    cue: Span | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence-level unit that gets aligned across articles.

    Attributes:
        kind: "claim" (the outlet's own voice), "quote" (direct quotation) or "reported"
            (reported speech).
        speaker: Entity id of the speaker for quotes and reported speech.
        times: Ids of the TimeRefs inside the statement.
        numbers: Ids of the Quantities inside the statement.
        terms: Lower-cased lemmas of its content words (nouns, verbs, adjectives, adverbs,
            names, numbers), in text order; what lexical comparison works on.
        negated: Whether the main clause is negated ("does not intend", "never").
        asserts: Whether the sentence, as parsed, has a clause that asserts something: a
            finite verb outside a relative clause that is more than a speaker tag. A fragment
            ("Troops in the region permanently."), a bare tag after a quotation ("Mr. Roe
            wrote.") or a content clause standing alone ("That the rule binds no one.") stays a
            statement of the article but is no fact a single-source finding may say one outlet
            has alone (``newsprism.analysis._asserts``). ``True`` when there is no parse to tell.
    """

    id: str
    span: Span
    kind: StatementKind
    speaker: str | None = None
    times: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    negated: bool = False
    asserts: bool = True

    @property
    def article_id(self) -> str:
        """The id of the article the statement comes from."""
        return self.span.article_id


#: The ``source`` of a scare-quote hit read from quotation marks alone (not a lexicon entry).
SCARE_SOURCE = "Wikipedia Manual of Style/Words to watch: MOS:SCAREQUOTES"


@dataclass(frozen=True, slots=True)
class LoadedHit:
    """One loaded term in one article: a word or phrase that carries a verdict, and whose voice it is in.

    Found by the analysis (``newsprism.analysis.loaded``): lexicon entries matched on lemmas,
    scare quotes, and the words the span tagger learned from PTC marks.

    Attributes:
        span: Where it is (for a scare quote: the quoted words with their marks).
        term: The lexicon term it matched ("slam"), or the quoted words for a scare quote.
        category: One of the lexicon's categories ("label", "name-calling", "dysphemism",
            "euphemism", "intensifier", "scare-quote").
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
        marked: Whether it sits inside quotation marks: somebody's own words, also inside
            reported speech ('O'Neill said the cover was "sexist"'), where ``quote_id`` is the
            reported quote.
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
    marked: bool = False


@dataclass(frozen=True, slots=True)
class Argument:
    """One argument of a claim's event, read from the parse.

    Attributes:
        role: What it is to the event (:data:`ArgumentRole`): ``agent`` (who does it),
            ``patient`` (what or whom it is done to), ``recipient``, ``theme`` (what it is about:
            "on grain exports"), ``place``, ``time``, ``number``, ``other``.
        span: The whole argument phrase ("Russian Foreign Minister Sergei Lavrov").
        head: The lower-cased lemma of its head word ("lavrov").
        entity_id: The article-local entity it names, if any (after compare's resolution: the
            story's entity id).
        time_id: The TimeRef it is, for a time argument.
        number_id: The Quantity it is, for a number argument.
    """

    role: ArgumentRole
    span: Span
    head: str
    entity_id: str | None = None
    time_id: str | None = None
    number_id: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One event inside a statement: its trigger, its arguments, negation, modality and attribution.

    A statement carries one or more claims ("pressed Lavrov on grain exports and on plans to
    annex territory" gives one per coordinated object). Claims are what compare matches across
    articles and clusters into :class:`Fact` records.

    Attributes:
        id: ``<article id>:c<n>``, in text order.
        statement_id: The statement it is in.
        trigger: The word that names the event: a verb ("spoke") or an event noun ("call",
            "exchange").
        lemma: The trigger's lower-cased lemma.
        pos: The trigger's part of speech ("VERB", "NOUN", ...).
        span: The claim's extent in its sentence: from the first to the last character of its
            trigger and arguments.
        arguments: Its arguments, in text order.
        negated: Whether the event is negated ("did not discuss").
        modality: The word that makes it less than a fact ("may", "would", "reportedly",
            "expected"), if any.
        source: The entity id of who says so (a reported claim), ``None`` for the outlet's voice.
        source_span: The span naming who says so, if any.
    """

    id: str
    statement_id: str
    trigger: Span
    lemma: str
    pos: str
    span: Span
    arguments: tuple[Argument, ...] = ()
    negated: bool = False
    modality: str | None = None
    source: str | None = None
    source_span: Span | None = None

    @property
    def article_id(self) -> str:
        """The id of the article the claim comes from."""
        return self.span.article_id


@dataclass(frozen=True, slots=True, eq=False)
class AnalyzedArticle:
    """An article with everything the analyze stage found in it.

    ``embeddings`` holds one unit vector per statement (row ``i`` for ``statements[i]``), or
    ``None`` when embeddings were not asked for. ``loaded`` holds the loaded-language hits in text
    order (lexicon and scare quotes; with embeddings also the span tagger's), ``loaded_scores``
    the sentence model's probability that each statement is loaded (``loaded_scores[i]`` for
    ``statements[i]``; empty when not scored: no embeddings, or a language without the model).
    ``claims`` holds the events inside the statements (:class:`Claim`), in text order.
    ``title_loaded`` holds the lexicon's hits in the headline (spans with ``field == "title"``;
    no statement, the outlet's own voice unless in quotation marks).
    """

    article: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeRef, ...] = ()
    numbers: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    statements: tuple[Statement, ...] = ()
    embeddings: Any = field(default=None, repr=False)
    loaded: tuple[LoadedHit, ...] = ()
    loaded_scores: tuple[float, ...] = ()
    claims: tuple[Claim, ...] = ()
    title_loaded: tuple[LoadedHit, ...] = ()
