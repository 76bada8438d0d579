"""Sentences and statements: the units that the compare stage aligns across articles."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from newsprism._dateline import DATELINE, DATELINE_ONLY
from newsprism.analysis._asserts import asserts
from newsprism.analysis.nlp import english
from newsprism.model import Article, Quantity, Quote, Sentence, Statement, StatementKind, TimeRef

__all__ = ["build_statements", "split_sentences"]

_PARAGRAPH_GAP = re.compile(r"\n\s*\n")
_BEFORE_GUILLEMET = re.compile(r"(?<=[.!?…])[ \t]+(?=«\s*[A-ZÀ-ÞА-ЯЁІЇЄҐ])")


def split_sentences(article: Article, doc: Any) -> tuple[Sentence, ...]:
    """Split an article into sentences, never across a paragraph gap.

    spaCy's parser decides sentence boundaries; a paragraph gap always ends a sentence (the
    parser sometimes runs a headline-like paragraph into the next one). Leading and trailing
    whitespace is trimmed from every span.

    Args:
        article: The article.
        doc: A spaCy Doc of ``article.text``.

    Returns:
        The sentences in text order, ids ``<article id>:s<n>``.
    """
    text = article.text
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for gap in _PARAGRAPH_GAP.finditer(text, sent.start_char, sent.end_char):
            bounds.append((start, gap.start()))
            start = gap.end()
        # Nor does the English parser end a sentence before a guillemet that opens the next one
        # (« ... », s'inquiète une habitante. « Nous ... »): a sentence's end, then an opening «.
        for gap in _BEFORE_GUILLEMET.finditer(text, start, sent.end_char):
            bounds.append((start, gap.start()))
            start = gap.end()
        bounds.append((start, sent.end_char))
    bounds = _openers_forward(text, bounds)
    out: list[Sentence] = []
    for start, end in bounds:
        piece = text[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        s = start + (len(piece) - len(piece.lstrip()))
        e = s + len(stripped)
        # French sets its guillemets off with (non-breaking) spaces, and the English parser ends a
        # sentence at the "?" or "." inside them: « Combien de temps ? » | », demande une habitante.
        # A piece that opens with the closing mark belongs to the sentence before it, whole when
        # the mark goes on into a speaker tag (a comma, a dash, a lower-case word), else only the
        # mark. (A German »opener« is never followed by a space or punctuation.)
        closer = _OPENS_WITH_CLOSER.match(stripped) if out and "\n" not in text[out[-1].span.end : s] else None
        if closer is not None:
            prev = out[-1].span
            if closer.group("rest") is not None:
                out[-1] = Sentence(out[-1].id, article.span(prev.start, e))
                continue
            out[-1] = Sentence(out[-1].id, article.span(prev.start, s + closer.end("mark")))
            s = s + closer.end()
            if s >= e:
                continue
        # A sentence made only of a closing quote mark or bracket belongs to the previous one, and
        # so does a bare speaker tag after a quotation that ends in "?" or "!" ("“Where is it?”
        # McCain asked."): the parser ends the sentence inside the quote, the tag says whose it is.
        if out and (re.fullmatch(r"[\"'”’»)\]]+", stripped) or (
                "\n" not in text[out[-1].span.end : s] and _is_speaker_tag(out[-1].span.text, doc, s, e))):
            prev = out[-1].span
            out[-1] = Sentence(out[-1].id, article.span(prev.start, e))
            continue
        # The parser sometimes ends a sentence after a wire dateline ("Springfield (Reuters) -"),
        # or inside a name at a paragraph's start ("Hu" | "Changsheng, Party chief of ..."): a
        # piece that ends without any closing punctuation, on the same line as the next one,
        # belongs to the sentence it runs into (a dateline's statement then starts after it).
        if out and "\n" not in text[out[-1].span.end : s] and (
            DATELINE_ONLY.fullmatch(out[-1].span.text) or not _CLOSED.search(out[-1].span.text)
            or _dateline_runs_on(text, out[-1].span.start, out[-1].span.end)
            # ... and so does a piece cut after a comma, colon or dash when the next goes on in lower case (the
            # English parser, which splits every limited language, cuts German at ", auf dem ...").
            or (_RUNS_ON.search(out[-1].span.text) is not None and stripped[:1].islower())
            # ... and so does one cut after a quoted cry when the sentence goes on in lower case
            # ("chanting “End martial law!” and “Arrest him!”").
            or (_ENDS_CRY.search(out[-1].span.text) is not None and stripped[:1].islower())
        ):
            s = out[-1].span.start
            out.pop()
        # A list bullet at a line's start ("• Two bridges were closed.") is the page's layout,
        # not the sentence's: the statement starts after it. (A dash stays: in French and Russian
        # it opens a line of dialogue; in English a hyphen or an en dash is a list's bullet.)
        bullets = _LIST_BULLET if article.language not in (None, "en") else _EN_LIST_BULLET
        if (bullet := bullets.match(text, s, e)) is not None and (s == 0 or text[:s].rstrip(" \t").endswith("\n")
                                                                  or not text[:s].strip()):
            s = bullet.end()
            if s >= e:
                continue
        out.append(Sentence(f"{article.id}:s{len(out)}", article.span(s, e)))
    return tuple(out)


def _dateline_runs_on(text: str, start: int, end: int) -> bool:
    """Whether a dateline opens the piece ``start``-``end`` and runs past it («МОСКВА, 9 марта.» | «/ТАСС/.»)."""
    m = DATELINE_ONLY.match(text, start)
    return m is not None and m.end() >= end


_ENDS_WITH_OPENER = re.compile(r"(?<=[.!?…])\s+[«“„]\s*$|^\s*[«“„]\s*$")


def _openers_forward(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move an opening quotation mark the parser left at the end of a sentence to the next one.

    The English parser reads a spaced French guillemet as its own token and ends the sentence
    after it ("... du quartier. «" | "Nous n'avions pas le choix."): the mark opens the next.
    """
    out = list(bounds)
    for i in range(len(out) - 1):
        a, b = out[i]
        m = _ENDS_WITH_OPENER.search(text, a, b)
        if m is None or "\n" in text[b : out[i + 1][0]]:
            continue
        mark = a + len(text[a:b]) - len(text[a:b].lstrip()) if m.start() == a else m.start()
        out[i] = (a, mark)
        out[i + 1] = (mark, out[i + 1][1])
    return out


_RUNS_ON = re.compile(r"[,;:\-–—]\s*$")
_LIST_BULLET = re.compile(r"[•·▪■►◦*]\s+(?=\S)")
_EN_LIST_BULLET = re.compile(r"[•·▪■►◦*–-]\s+(?=\S)")
# A sentence that ends with closing punctuation (or a closing quote or bracket after it).
_CLOSED = re.compile(r"[.!?…:;,\"'”’»)\]–—-]\s*$")
# A quotation closed right after its own "?", "!" or ".": what a speaker tag can follow.
_ENDS_QUOTE = re.compile(r"[.!?…]\s?[\"'”’»]\s*$")
# A quoted cry closed after its "!" or "?", which a sentence may go on after ("... “Stop!” and left").
_ENDS_CRY = re.compile(r"[!?]\s?[\"'”’»]\s*$")
# A piece of a sentence that opens with a closing guillemet or curly quote: ``rest`` when a
# speaker tag or the rest of the sentence follows it (", demande ...", " — ...", " a-t-il dit").
_OPENS_WITH_CLOSER = re.compile(r"(?P<mark>[»”]+)(?:(?P<rest>\s*(?:[,;:)\]—–-]|[a-zà-öø-ÿа-яёіїєґ]))|\s*)")
_TAG_MAX_WORDS = 7


def _is_speaker_tag(previous: str, doc: Any, start: int, end: int) -> bool:
    """Whether ``doc``'s text [start, end) is only a speaker tag for the quotation just before it.

    A few words with a speech verb and its subject and nothing said ("McCain said.", "Mr. Fox wrote
    on Twitter."), right after a sentence that ends by closing a quotation.
    """
    from newsprism.analysis._quote_cues import SAY_LEMMAS

    if not _ENDS_QUOTE.search(previous) or not hasattr(doc, "char_span"):
        return False  # (the Russian analysis splits sentences without a spaCy Doc: its own quote rules join tags)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > _TAG_MAX_WORDS or span.text.rstrip()[-1:] not in ".":
        return False
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SAY_LEMMAS]
    # The verb has nothing said after it: no clause, no object that is a proposition.
    # (An aside is allowed: "Mrs. Clinton said, her voice rising.")
    return len(verbs) == 1 and not any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.tag_ != "VBG"
                                       for c in verbs[0].children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verbs[0].children)


# Lines of a page that are no statement when they stand alone as a paragraph: a photo credit
# ("REUTERS/Jane Roe/File Photo"), a byline with its time stamp ("By The Associated Press ...
# updated 9:40 p.m."), a subhead ("Rescues and looting near epicenter": a few words, no closing
# punctuation). Kept in the text (offsets stay), left out of the statements.
_CREDIT = re.compile(r"^[A-Z][\w.'&-]*(?:\s?/\s?[^/\n]{2,40}){1,3}$")
_BYLINE_LINE = re.compile(
    r"^(?:By|BY)\s+(?:(?:[A-Z][\w.'’-]*,?|and|the|of|&)\s*){1,10}(?:(?:[Uu]pdated|[Pp]ublished|[Pp]osted)\b.{0,80})?$"
    r"|^(?:Published|Updated|Posted)\b.{0,80}$")
_SUBHEAD_MAX_WORDS = 10
# A short paragraph wholly in brackets is the page's aside, not the report's: a credit "(The Yomiuri
# Shimbun)", a link "(Read more Japan stories.)", a version tag "(2nd UPDATE)". So is a note that the
# story was updated ("Updated with new details.", "This story has been updated.").
_BRACKETED_MAX_WORDS = 8
_BRACKETED = re.compile(r"^[(\[][^()\[\]]+[)\]]\.?$")
_UPDATE_NOTE = re.compile(r"^(?:updated|update|this (?:story|article|report) (?:has been|was|is being) updated)\b"
                          r"[^.!?]{0,60}[.!?]?$", re.IGNORECASE)
_CLOSING = re.compile(r"[.!?…:;,\"'”’»)\]]$")


# A version tag opening a sentence: "(2nd UPDATE) The Coast Guard says ...", "(UPDATE 2)".
_VERSION_TAG = re.compile(r"[(\[](?:\d+(?:st|nd|rd|th)\s+)?(?:update|updated|corrected|correction)(?:\s+\d+)?[)\]]\s*",
                          re.IGNORECASE)
# ... or a topic label a page puts before the lead: "Odisha Train Accident: Officials said ...", two
# to five capitalised words and a colon, then a capitalised sentence.
_TOPIC_LABEL = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,4}[A-Z][\w'’-]*:\s+(?=[A-Z\"“])")


def _names_a_person(doc: Any, start: int, end: int) -> bool:
    """Whether the parse finds a person's name in [start, end) (no parse: assume it does)."""
    if doc is None:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or any(e.label_ == "PERSON" for e in span.ents)


def _aside(sentence: str) -> bool:
    """Whether a sentence, wherever it stands, is the page's aside: a short bracketed note or an update note.

    "(Read more Japan stories.)" or "Updated with new details." glued to the end of a paragraph.
    A bracketed sentence of the report ("(The mayor did not comment.)") is news and stays.
    """
    line = sentence.strip()
    return bool(_UPDATE_NOTE.match(line)) or (bool(_BRACKETED.match(line))
                                              and len(line.split()) <= _BRACKETED_MAX_WORDS and _page_note(line))


# What a page's bracketed note is: a pointer to more ("(Read more Japan stories.)", "(Watch the
# video)"), or only names and tags, no word of a sentence ("( The Yomiuri Shimbun )", "(2nd UPDATE)",
# "(FRANCE 24 with REUTERS and AFP)").
_POINTER = re.compile(r"^[(\[]\s*(?:read|see|watch|listen|click|follow|subscribe|related|more)\b", re.IGNORECASE)
_NAME_LINKS = frozenset("of the and with de la le du for by in".split())


def _page_note(line: str) -> bool:
    if _POINTER.match(line):
        return True
    words = [w for w in re.findall(r"[\w'’.-]+", line) if not any(c.isdigit() for c in w)]  # "2nd" is a tag
    return all(w[0].isupper() or w.lower() in _NAME_LINKS for w in words)


def _page_furniture(text: str, start: int, end: int) -> bool:
    """Whether the sentence at [start, end) is a whole paragraph that is page furniture, not a statement."""
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    if before not in ("", "\n") or after not in ("", "\n"):
        return False
    line = text[start:end].strip()
    if "\n" in line:
        return False
    if _CREDIT.match(line) or _BYLINE_LINE.match(line):
        return True  # (bracketed notes and update notes are asides wherever they stand: _aside)
    # A subhead in quotation marks ("“Keep the promise”"): the words of a quotation the page set as
    # its crosshead, read as one once unquoted. A quoted sentence ("“We will win.”") keeps its full
    # stop inside, and one with a speaker ("“We will win,” he said.") is not wholly in the marks.
    line = _unquoted(line)
    words = line.split()
    return end < len(text.rstrip()) and len(words) <= _SUBHEAD_MAX_WORDS and not _CLOSING.search(line) \
        and line[:1].isupper()


# The pairs of quotation marks a crosshead may stand in: English, French, German (both ways) and plain.
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("«", "»"), ("»", "«"), ("„", "“"), ("‚", "‘"), ('"', '"'), ("'", "'"))


def _unquoted(line: str) -> str:
    """A line without the quotation marks it stands wholly in, or the line as it is."""
    if len(line) > 2 and any(line[0] == a and line[-1] == b for a, b in _QUOTE_PAIRS):
        inner = line[1:-1].strip()
        if not any(mark in inner for mark in "“”«»„\""):  # two quotations side by side are no crosshead
            return inner
    return line


def _inside(start: int, end: int, outer_start: int, outer_end: int) -> bool:
    return outer_start <= start and end <= outer_end


def dateline_end(text: str, start: int) -> int:
    """Where a sentence starting at ``start`` begins once a leading wire dateline is cut off.

    The dateline ("MOSCOW (Reuters) - ") names where the report was filed, not what happened;
    left in the statement it would be compared, summarised and quoted as if it were content.
    The sentence keeps it (its span is the text as written); the statement starts after it.

    Args:
        text: The article text.
        start: Offset where the sentence starts.

    Returns:
        The offset of the first character after the dateline, or ``start`` when there is none.
    """
    m = DATELINE.match(text, start)
    return m.end() if m else start


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"}
# Auxiliaries and light verbs carry tense, not content; "said" is in nearly every news sentence.
_LIGHT = {"be", "have", "do", "say", "will", "would", "can", "could", "may", "might", "shall", "should", "must"}


def _headline_case(span: Any) -> bool:
    """Whether most words after the first are capitalised (a headline, not a sentence)."""
    words = [t.text for t in span if t.is_alpha]
    return len(words) >= 3 and sum(w[0].isupper() for w in words[1:]) > 0.6 * (len(words) - 1)


@functools.cache
def _lower_tagger() -> Any:
    """The shared pipeline without the parser and entity recogniser (tags and lemmas only)."""
    nlp = english()
    return functools.partial(nlp, disable=[p for p in ("parser", "ner") if p in nlp.pipe_names])


def sentence_terms(doc: Any, start: int, end: int) -> tuple[tuple[str, ...], bool]:
    """Return the content-word lemmas of a stretch of a parsed text, and whether it is negated.

    Args:
        doc: A spaCy Doc.
        start: Character offset where the stretch starts.
        end: Character offset where it ends.

    Returns:
        ``(terms, negated)``: lower-cased lemmas of content words in text order, and whether
        a negation ("not", "never", "no") modifies a verb of the stretch.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return (), False
    tokens: Any = span
    if _headline_case(span):
        # In Headline Case every word looks like a name to the tagger ("Lohan Checks Into
        # Rehab": "Checks"/PROPN, lemma "Checks"), so the lemmas would never meet the body's
        # "check". Tag the words again in lower case; names are lower-cased in terms anyway.
        tokens = _lower_tagger()(span.text.lower())
    terms = tuple(
        t.lemma_.lower() for t in tokens
        if t.pos_ in _CONTENT_POS and not t.is_stop and t.lemma_.lower() not in _LIGHT
        and any(c.isalnum() for c in t.text)
    )
    negated = any(t.dep_ == "neg" or (t.lower_ in {"never", "no", "nobody", "nothing"} and t.dep_ != "det")
                  for t in span)
    return terms, negated


_REPEAT_WORDS = 6  # a sentence this long, printed twice word for word, is the page's doubling


def _repeated(sentence: str, told: set[str]) -> bool:
    """Whether a sentence repeats an earlier one of the article word for word (and remember it)."""
    words = sentence.split()
    if len(words) < _REPEAT_WORDS:
        return False
    key = " ".join(words).casefold()
    if key in told:
        return True
    told.add(key)
    return False


def build_statements(
    article: Article,
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote] = (),
    times: Sequence[TimeRef] = (),
    numbers: Sequence[Quantity] = (),
    doc: Any = None,
) -> tuple[Statement, ...]:
    """Turn sentences into statements with their kind, speaker, times and numbers.

    A sentence is a ``quote`` when most of it is the content of a direct quotation, ``reported``
    when it carries the cue of reported speech (or a short direct quote with its cue), and a
    ``claim`` in the outlet's own voice otherwise. The speaker is the resolved entity of the
    quotation that decided the kind. With a parse, each statement also says whether it asserts
    something (:attr:`Statement.asserts`: not a fragment, a bare speaker tag, a subordinate
    clause alone).

    Args:
        article: The article.
        sentences: Its sentences.
        quotes: Its quotations.
        times: Its time expressions.
        numbers: Its quantities.
        doc: The spaCy Doc of the article text, for content terms and negation (optional).

    Returns:
        One statement per sentence, ids ``<article id>:st<n>`` (``n`` the sentence's index), but
        none for a paragraph that is page furniture (a subhead, a photo credit, a byline line:
        :func:`_page_furniture`) or a dateline alone; a paragraph's first statement starts after
        its wire dateline, if it opens with one (:func:`dateline_end`), or after a topic label
        that names no person ("Harbour Storm Update: ...").
    """
    out: list[Statement] = []
    told: set[str] = set()
    for n, sent in enumerate(sentences):
        s0, s1 = sent.span.start, sent.span.end
        if _page_furniture(article.text, s0, s1) or _aside(article.text[s0:s1]):
            continue  # a subhead, a photo credit or a byline line: the page's, not a statement
        if _repeated(article.text[s0:s1], told):
            continue  # a paragraph the page printed twice: told once
        if n == 0 or "\n" in article.text[sentences[n - 1].span.end : s0]:
            s0 = dateline_end(article.text, s0)  # only a paragraph's first sentence has one
        if (tag := _VERSION_TAG.match(article.text, s0, s1)) is not None and tag.end() < s1:
            s0 = tag.end()  # "(2nd UPDATE) The Coast Guard says ...": the version tag is the page's
        elif s0 == sent.span.start and (n == 0 or "\n" in article.text[sentences[n - 1].span.end : s0]) and (
                label := _TOPIC_LABEL.match(article.text, s0, s1)) is not None and label.end() < s1 \
                and not _names_a_person(doc, s0, label.end()):
            s0 = label.end()  # "Odisha Train Accident: ...": the page's label over the lead ("Ann Lee: ..." speaks)
        if not article.text[s0:s1].strip():
            continue  # a dateline on a line of its own: nothing is stated
        kind: StatementKind = "claim"
        speaker: str | None = None
        best = reported = 0
        for q in quotes:
            covered = _overlap(q.content.start, q.content.end, s0, s1)
            cue_here = q.cue is not None and _inside(q.cue.start, q.cue.end, s0, s1)
            if q.kind == "direct" and covered * 2 >= (s1 - s0) and covered > best:
                kind, speaker, best = "quote", q.speaker_entity, covered
            elif ((cue_here and covered) or covered * 2 >= (s1 - s0)) and best == 0 and covered > reported:
                # Reported speech: its cue is here, or it runs on from an earlier sentence (a
                # quotation of several sentences inside it: 'told voters that his agenda is "not
                # about you. It's not about your jobs."'). Of two, the one that holds the most of
                # the sentence: the outer speech, not a clause or a quoted phrase inside it ("Lavrov
                # said Putin would not refuse a meeting", "... if the West had not rejected “our
                # proposal”").
                kind, speaker, reported = "reported", q.speaker_entity, covered
        terms, negated = sentence_terms(doc, s0, s1) if doc is not None else ((), False)
        out.append(
            Statement(
                id=f"{article.id}:st{n}",
                span=sent.span if s0 == sent.span.start else article.span(s0, s1),
                kind=kind,
                speaker=speaker,
                times=tuple(t.id for t in times if _inside(t.span.start, t.span.end, s0, s1)),
                numbers=tuple(q.id for q in numbers if _inside(q.span.start, q.span.end, s0, s1)),
                terms=terms,
                negated=negated,
                asserts=asserts(doc, s0, s1, quotes) if doc is not None else True,
            )
        )
    return tuple(out)
