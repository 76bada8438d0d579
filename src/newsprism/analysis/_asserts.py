"""Whether a sentence asserts something, read from its parse (see :attr:`newsprism.model.Statement.asserts`).

A news fact is told by a clause: a finite verb (or an auxiliary that carries the tense). A subject
is not required, because the small parser often misses it (see :func:`_main_clauses`). What a
page also holds, and a reader never takes for a fact of its own:

- verbless pieces: the items of a list set out as sentences ("Troops in the region for good.",
  "No plan for the port."), a participle or gerund standing alone ("Keeping the base open.",
  "With us, hit hard instead by the critics.");
- a subordinate clause standing alone: "That the rule binds no one." (the clause a sentence
  before it, or a heading, governs);
- a bare speaker tag right after a quotation: a speech verb with nothing said ("Mr. Roe wrote.");
- the tail of a quotation opened in an earlier sentence, when the tail in this sentence has no
  verb, with its speaker tag ('So sad," Ms. Roe posted on Monday.'): the quotation's fact is in
  the sentence where it opened.

Such a sentence stays a statement (it is aligned and shown like any other); only the
single-source finding leaves it out. An omission still may quote one: it needs two outlets that
carry the same words, and a verbless line of a quotation both carry ("Wait until when?") was
judged a fair omission on the review set.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from newsprism.model import Quote

__all__ = ["asserts"]

# Penn tags of a verb that carries tense (past, present, a modal): what makes a clause finite.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_CONTRACTED_BE = frozenset({"'s", "\u2019s"})
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_TAG_MAX_WORDS = 7
# Words that open a content clause: the object or subject of a predicate, never a sentence alone.
_COMPLEMENTISERS = frozenset({"that", "whether"})
# Dependencies of a clause that modifies a noun ("a plan that is stuck", "the man seen there").
_NOUN_MODIFIER = frozenset({"relcl", "acl"})
# Penn tags of a relative word ("that", "which", "who", "whose", "where").
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
# A quotation mark, opening or closing (straight ones are read by what precedes them).
_FIRST_MARK = re.compile(r"[\"“”«»]")
# Text that ends by closing a quotation (what a speaker tag follows).
_CLOSING_QUOTE = re.compile(r"[\"'”’»]\s*$")


def _finite(tok: Any) -> bool:
    """Whether a token heads a finite verb phrase: a tensed verb, or a verb with a tensed auxiliary.

    English spells most past tenses like their participles, and the tagger reads one for the
    other: a participle or base form with its own subject ("The backlash built quickly"), or a
    participle with a direct object and no auxiliary ("Ms. Roe, the leader, called it unfair":
    a passive takes no object), is read as tensed, and so is an "'s" after "there" or a personal
    pronoun, which can only be "is" or "has" ("There’s money", read as a possessive). A verb with
    a passive agent ("by the critics") and no auxiliary is a participle however it is tagged: a
    passive is finite only through "be".
    """
    if tok.lower_ in _CONTRACTED_BE and tok.i > 0 and tok.doc[tok.i - 1].tag_ in ("EX", "PRP"):
        return True
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ in _FINITE for c in aux):
        return True
    if aux:
        return False
    if any(c.dep_ == "agent" for c in tok.children):
        return False
    return tok.tag_ in _FINITE or (tok.tag_ in ("VBN", "VB") and any(c.dep_ == "nsubj" for c in tok.children)) \
        or (tok.tag_ == "VBN" and any(c.dep_ == "dobj" for c in tok.children))


def _outside(tok: Any, span: Any) -> bool:
    return not span.start <= tok.i < span.end


def _relative(tok: Any) -> bool:
    """Whether a clause is a relative clause proper: it has its relative word ("that", "which", "who")."""
    return tok.dep_ in _NOUN_MODIFIER and tok.head.pos_ not in ("VERB", "AUX") and any(
        c.tag_ in _RELATIVE_TAGS or any(g.tag_ in _RELATIVE_TAGS for g in c.children) for c in tok.children)


def _modifies_a_noun(tok: Any, span: Any) -> bool:
    """Whether a clause sits inside a relative clause in the span ("A plan that is stuck ...").

    Only a clause with its relative word: the parser also hangs a sentence's main verb on its
    subject as if it modified it ("Mr. Roe's choice ... was widely praised").
    """
    while True:
        if _relative(tok):
            return True
        if tok.head.i == tok.i or _outside(tok.head, span):
            return False
        tok = tok.head


def _verb_read_as_other(span: Any) -> bool:
    """Whether a word after the first is spelled as a tensed verb the tagger read as a noun or adjective.

    The small tagger reads "A split between them concerned the allies" with "concerned" an
    adjective and "The aide teaches at a college" with "teaches" a noun: a word ending in
    "-ed" or "-s" that the verb rules take back to a known verb may be the sentence's verb, and
    the sentence is then not read as verbless.
    """
    lemmatizer = _parser().get_pipe("lemmatizer")
    verbs = lemmatizer.lookups.get_table("lemma_index")["verb"]
    rules = lemmatizer.lookups.get_table("lemma_rules")["verb"]
    words = [t for t in span if t.is_alpha]
    for t in words[1:]:
        if t.tag_ == "VBN" and t.lower_.endswith("ed") and not any(c.dep_ in ("aux", "auxpass") for c in t.children):
            return True  # "Ms. Roe accused them of ..." hung on "Roe" as a participle
        if t.pos_ not in ("NOUN", "ADJ", "PROPN") or not t.lower_.endswith(("ed", "s")) or t.dep_ == "pobj":
            continue  # a preposition's object ("by the papers") is a noun
        if any(t.lower_.endswith(old) and t.lower_[: len(t.lower_) - len(old)] + new in verbs
               for old, new in rules if old in ("ed", "es", "s")):
            return True
    return False


def _main_clauses(span: Any) -> list[Any]:
    """The heads of the span's finite clauses that are not inside a relative clause.

    Any such clause counts, not only the root's, and a subject is not required: the parser
    often hangs a sentence on a wrong root ("A second person accompanying him pulled out a
    camera" rooted at "accompanying", "Trump then pivoted" at a verb "Trump") or misses its
    subject ("Slightly more has been requested"), and still tags the tensed verb in it.
    """
    return [t for t in span if _finite(t) and not _modifies_a_noun(t, span)]


def _says_nothing(tok: Any, span: Any) -> bool:
    """A speech verb without what it says in the span: no clause, infinitive, object or negation ("Ms. Roe wrote.").

    What it governs outside the span (the quotation before a tag, in one parse) is not counted.
    """
    from newsprism.analysis._quote_cues import SAY_LEMMAS

    return tok.lemma_.lower() in SAY_LEMMAS and not any(
        (c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")) or (c.dep_ == "dobj" and c.tag_ != "VBG")
        or c.dep_ == "neg" for c in tok.children if not _outside(c, span))


def _content_clause_alone(span: Any) -> bool:
    """Whether the span is a content clause standing alone ("That the rule binds no one.").

    Its first word is a complementiser ("that", "whether") that opens the sentence's main clause,
    so the predicate that governs the clause is elsewhere (a sentence before it ending in a colon,
    a heading): the parser reads it as a subordinator, or as a determiner of a plural noun (which
    "that" as a determiner cannot be: "That judges rule" opens a clause, "That judge rules" does
    not). "That" as a pronoun ("That was the plan.") is no complementiser, and a clause that is the
    subject of a verb after it ("That he lied is clear.") or an adverbial ("Whether or not it rains,
    we go.") is part of a sentence. An adverbial clause said alone ("Because we will win.") gives
    a reason, and stays.
    """
    words = [t for t in span if t.is_alpha]
    if not words or words[0].lower_ not in _COMPLEMENTISERS:
        return False
    first = words[0]
    if not (first.dep_ == "mark" or first.tag_ == "IN" or (first.dep_ == "det" and first.head.tag_ in ("NNS", "NNPS"))):
        return False
    clause = first.head
    while (clause.pos_ not in ("VERB", "AUX") or clause.dep_ in ("aux", "auxpass")) and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ in ("ROOT", "ccomp", "conj")


def _reads_as_assertion(span: Any, after_quote: bool) -> bool:
    """Whether a parsed span has a clause that can tell a fact and is more than a speaker tag.

    A few words with a speech verb and nothing said are a speaker tag only right after a
    quotation (whose words they attribute); elsewhere "Ms. Roe did not comment." is news.
    """
    clauses = _main_clauses(span)
    if not clauses:
        return _verb_read_as_other(span)
    words = [t for t in span if not t.is_punct and not t.is_space]
    return not after_quote or len(words) > _TAG_MAX_WORDS or not all(_says_nothing(t, span) for t in clauses)


def _quote_tail_end(text: str, start: int, end: int, quotes: Sequence[Quote]) -> int | None:
    """Where a quotation opened before ``start`` closes inside [start, end), if one does.

    From the article's quotations, or from the marks when the quotation finder missed it (a
    quotation of several sentences): the sentence's first quotation mark closes one ("”", "»",
    or a straight mark right after the punctuation that ends quoted words: 'sad," she said').
    """
    for q in quotes:
        c = q.content
        if q.kind == "direct" and c.start < start < c.end <= end:
            return c.end
    m = _FIRST_MARK.search(text, start, end)
    if m is not None and (m.group() in "”»" or (m.group() == '"' and text[m.start() - 1] in ",.!?…")):
        return m.start()
    return None


def _verbless_quote_tail(doc: Any, start: int, end: int, quotes: Sequence[Quote]) -> bool:
    """Whether the span opens with the verbless end of a quotation that opened in an earlier sentence."""
    close = _quote_tail_end(doc.text, start, end, quotes)
    if close is None or close <= start:
        return False
    tail = doc.char_span(start, close, alignment_mode="expand")
    return tail is not None and not any(_finite(t) for t in tail)


def _tag_only(span: Any) -> bool:
    """Whether every clause of a parsed span is a speech verb without what it says (a speaker tag)."""
    return all(_says_nothing(t, span) for t in _main_clauses(span))


@functools.cache
def _parser() -> Any:
    from newsprism.analysis.nlp import english

    return english()


def asserts(doc: Any, start: int, end: int, quotes: Sequence[Quote] = ()) -> bool:
    """Whether the text [start, end) of a parsed article asserts something (module notes).

    The parse of a whole article is sometimes off at one sentence (its subject attached to the
    sentence before, a clause read as a noun phrase), so a sentence is read as no assertion only
    when its parse in the article and its parse on its own agree.

    Args:
        doc: The spaCy Doc of the article text.
        start: Where the statement starts.
        end: Where it ends.
        quotes: The article's quotations (for a quotation's tail split off from its opening).

    Returns:
        ``False`` for a fragment, a subordinate clause alone, a bare speaker tag or a verbless
        quotation tail with its tag; ``True`` otherwise, and when the text cannot be read.
    """
    span = doc.char_span(start, end, alignment_mode="expand") if hasattr(doc, "char_span") else None
    if span is None or not any(t.is_alpha for t in span):
        return True
    alone: Any = None
    if _verbless_quote_tail(doc, start, end, quotes):
        alone = _parser()(span.text)[:]
        if _tag_only(span) and _tag_only(alone):
            return False  # 'So sad," Ms. Roe posted on Monday.': the quotation's fact is where it opened
    first = next(t for t in span if t.is_alpha)
    if first.lower_ in _COMPLEMENTISERS:
        # The parse of a clause that opens with "that" differs between the article and the
        # sentence alone (subordinator, determiner, pronoun): either reading as a subordinator will do.
        alone = alone if alone is not None else _parser()(span.text)[:]
        if _content_clause_alone(span) or _content_clause_alone(alone):
            return False
    after_quote = _CLOSING_QUOTE.search(doc.text[max(0, start - 8) : start]) is not None
    if _reads_as_assertion(span, after_quote):
        return True
    return _reads_as_assertion(alone if alone is not None else _parser()(span.text)[:], after_quote)
