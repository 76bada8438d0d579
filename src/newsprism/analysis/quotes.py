"""Quotations in an English news article, direct and reported, with speaker and cue.

The extraction is a cascade; each step works on what the previous ones left:

1. **Quote marks** (:mod:`._quote_marks`): every stretch inside quotation marks of any common
   style, across sentences and (newspaper style) across paragraphs; stray marks never swallow text.
2. **Reported speech** (:mod:`._quote_cues`): speech verbs from a lemma list read off the
   dependency parse ("X said (that) Y", "Y, X said", "X told reporters Y", "according to X, Y",
   "X declined to Y", "X described Y as Z", "X put Y at <number>"), with the subject as speaker
   and the complement as content; a wire dateline is neither. Cues inside a quotation are the
   speaker's own words and are skipped.
3. **Merging the two.** When a reported clause has words of its own outside the quotation
   ("Blinken said Russia was preparing “sham referendums” to ...", "described the conversation
   as “frank”"), the quoted words are part of the reporter's paraphrase: one *reported* quote
   whose content is the clause (widened so that no quotation is cut in half). When the clause
   is the quotation, give or take a "that" ("said: “...”", "“...,” he said"), or a part of it
   (the parser often sees only the last sentence of a long quotation), the quotation becomes
   one *direct* quote with that clause's cue and speaker.
4. **Quotations left over** take the cue the parse links to them, or a cue right before or
   after them (within 40 characters, same sentence): "“...,” said Blinken". A "Name: “...”"
   line takes the name as speaker and the colon as cue. A whole quoted sentence or paragraph
   without a cue (two words of lead-in allowed: "Then, “...”") continues the previous quote's
   attribution, speaker and cue, when that quote is in the same or the previous paragraph
   (newspaper style). A short quoted fragment without a cue is a scare
   quote, a title or a term: not a quotation of anyone, dropped.
5. **Speakers** are resolved to entities in text order (:mod:`._quote_speakers`): the mention the
   speaker phrase contains, or for pronouns and descriptions ("he", "the spokesman", "the top US
   diplomat") the last quoted or nearest fitting entity before; the place and agency of a
   dateline, and a state after a city ("Keene, N.H."), are never candidates.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsprism._dateline import datelines
from newsprism.analysis._quote_cues import Reported, cue_chars, cue_speaker, is_cue, reported_speech, speaker_chars
from newsprism.analysis._quote_marks import Quoted, find_quoted
from newsprism.analysis._quote_speakers import SpeakerResolver
from newsprism.model import Article, Entity, Quote, QuoteKind

__all__ = ["find_quotes"]

_LEAD_WORDS = 2  # words outside a quotation that still leave it standing alone ("Then, “...”")
_NEAR = 40  # characters between a quotation and a cue that is not linked to it by the parse
# The only unquoted words a reported clause may have and still be the direct quote's clause.
_COMPLEMENTIZERS = frozenset({"that", "whether", "if", "as"})
_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(slots=True)
class _Draft:
    kind: QuoteKind
    content: tuple[int, int]
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_i: int | None = None
    standalone: bool = False


class _Layout:
    """Sentence, paragraph and quotation boundaries of one article, for fast look-ups."""

    def __init__(self, text: str, doc: Any, quoted: Sequence[Quoted]) -> None:
        self.text = text
        self.doc = doc
        self.sents = [(s.start_char, s.end_char) for s in doc.sents]
        self.sent_starts = [s for s, _ in self.sents]
        self.paras = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
        self.para_starts = [s for s, _ in self.paras]
        self.quoted = list(quoted)
        self.q_opens = [q.open for q in self.quoted]
        self.tok_starts = [t.idx for t in doc]

    def outside(self, pos: int) -> bool:
        k = bisect.bisect_right(self.q_opens, pos) - 1
        return k < 0 or pos >= self.quoted[k].close

    def sentence(self, pos: int) -> tuple[int, int]:
        k = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sents[k] if self.sents else (0, len(self.text))

    def para(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def tokens(self, start: int, end: int) -> list[Any]:
        lo = bisect.bisect_left(self.tok_starts, start)
        hi = bisect.bisect_left(self.tok_starts, end)
        return [self.doc[i] for i in range(lo, hi)]

    def cover_quotes(self, span: tuple[int, int]) -> tuple[int, int]:
        """``span`` widened so that a quotation it cuts at either end is whole, marks included."""
        s, e = span
        k = bisect.bisect_right(self.q_opens, s) - 1
        if k >= 0 and self.quoted[k].open < s < self.quoted[k].close:
            s = self.quoted[k].open
        k = bisect.bisect_left(self.q_opens, e) - 1
        if k >= 0 and self.quoted[k].open < e < self.quoted[k].close:
            e = self.quoted[k].close
        return s, e

    def clip_to_para(self, span: tuple[int, int], anchor: int) -> tuple[int, int] | None:
        """``span`` cut to the paragraph holding ``anchor`` (a parse can run over a paragraph gap)."""
        ps, pe = self.paras[self.para(anchor)] if self.paras else (0, len(self.text))
        s, e = max(span[0], ps), min(span[1], pe)
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return (s, e) if e > s else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _shape(lay: _Layout, q: Quoted) -> tuple[bool, bool, tuple[int, int]]:
    """(standalone: the quote is its whole sentence(s); sentence-like: more than a fragment; window)."""
    lo = lay.sentence(q.open)[0]
    hi = lay.sentence(max(q.open, q.close - 1))[1]
    lo, hi = min(lo, q.open), max(hi, q.close)
    rest = lay.text[lo : q.open] + lay.text[q.close : hi]
    # "Then, “...”" still stands alone; whether a cue hides in the rest is checked by the caller.
    standalone = len(_WORD.findall(rest)) <= _LEAD_WORDS
    words = len(_WORD.findall(lay.text[q.start : q.end]))
    inner = lay.text[q.start : q.end].rstrip()
    sentence_like = standalone or words >= 4 or (words >= 2 and inner[-1:] in ".!?")
    return standalone, sentence_like, (lo, hi)


def _opens_sentence(lay: _Layout, q: Quoted) -> bool:
    """Whether the quotation is a sentence of its own that follows another in its paragraph.

    ``“A,” she said. “B.”``: the parse often keeps "she said. “B.”" in one sentence, so the
    second quotation looks like part of a longer sentence and would be nobody's. Read on the
    text: a sentence end just before the opening mark and nothing after the closing one but a
    few words to the end of the sentence.
    """
    para_start = lay.paras[lay.para(q.open)][0] if lay.paras else 0
    before = lay.text[para_start : q.open].rstrip()
    if not before or before[-1] not in ".!?":
        return False
    # The sentence of the quotation's last word, cut at its paragraph (a parse may hang the
    # closing mark on the next sentence, or run a sentence over a paragraph gap).
    last = max(q.start, q.end - 1)
    end = min(lay.sentence(last)[1], lay.paras[lay.para(last)][1] if lay.paras else len(lay.text))
    return len(_WORD.findall(lay.text[q.close : max(q.close, end)])) <= _LEAD_WORDS


def _attach_cue(lay: _Layout, q: Quoted, window: tuple[int, int], sentence_like: bool) -> Any | None:
    """The cue token the parse links to a quotation, or (for more than a fragment) one next to it."""
    lo, hi = window
    after = lay.text[hi : hi + 4].lstrip()
    nxt = hi + (len(lay.text[hi : hi + 4]) - len(after))
    if after[:1].islower():  # "... .” he said" split off as a sentence of its own
        hi = lay.sentence(nxt)[1]
    elif after[:1].isupper() and q.close >= hi - 1 and "\n" not in lay.text[q.close : nxt]:
        # "...?” Walsh asked.": a short speaker tag the parse split off after a quotation that
        # ends in ? or !; without it the quotation would take the previous speaker.
        tag = lay.sentence(nxt)
        if len(_WORD.findall(lay.text[tag[0] : tag[1]])) <= 4:
            hi = tag[1]
    # The cue sits in a paragraph the quotation touches (a sentence may run over a paragraph gap).
    lo = max(lo, lay.paras[lay.para(q.open)][0]) if lay.paras else lo
    hi = min(hi, lay.paras[lay.para(max(q.open, q.close - 1))][1]) if lay.paras else hi
    cands = [t for t in lay.tokens(lo, hi) if is_cue(t) and lay.outside(t.idx)]
    if not cands:
        return None
    inner = lay.tokens(q.start, q.end)
    qset = {t.i for t in inner}
    above: set[int] = set()
    for t in inner:
        above.update(a.i for a in t.ancestors)

    def distance(t: Any) -> int:
        start: int = t.idx
        return q.open - (start + len(t.text)) if start < q.open else start - q.close

    linked = [t for t in cands if t.i in above or any(a.i in qset for a in t.ancestors)]
    if linked:
        return min(linked, key=distance)
    if not sentence_like:
        return None
    near = [t for t in cands if distance(t) <= _NEAR]
    return min(near, key=distance) if near else None


def _colon_speaker(lay: _Layout, q: Quoted, window: tuple[int, int]) -> _Draft | None:
    """A "Name: “...”" line: the name before the colon is the speaker, the colon the cue."""
    before = lay.text[window[0] : q.open].rstrip()
    if not before.endswith(":"):
        return None
    colon = window[0] + len(before) - 1
    toks = [t for t in lay.tokens(window[0], colon) if not t.is_space]
    if not toks or len(toks) > 8 or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    heads = [t for t in toks if t.pos_ in ("PROPN", "PRON")]
    if not heads:
        return None
    last = toks[-1]
    return _Draft("direct", (q.start, q.end), (colon, colon + 1), (toks[0].idx, last.idx + len(last.text)),
                  heads[-1].i)


def _merge(lay: _Layout, quoted: Sequence[Quoted], reported: Sequence[Reported]) -> list[_Draft]:
    drafts: list[_Draft] = []
    consumed: set[int] = set()
    for q in quoted:
        qspan = (q.start, q.end)
        merge: list[tuple[int, int]] = []
        absorbed = False
        for k, r in enumerate(reported):
            if not _overlap(qspan, r.content):
                continue
            # The clause is the quotation (give or take "that", "he"): a direct quote. Otherwise the
            # quoted words are part of the reporter's paraphrase.
            rest = lay.text[r.content[0] : min(q.open, r.content[1])] + lay.text[max(q.close, r.content[0]) :
                                                                                  r.content[1]]
            if all(w.lower() in _COMPLEMENTIZERS for w in _WORD.findall(rest)):
                merge.append((r.content[1] - r.content[0], k))
            else:
                absorbed = True
        standalone, sentence_like, window = _shape(lay, q)
        standalone = standalone or _opens_sentence(lay, q)
        if merge:
            k = min(merge)[1]  # the innermost clause: "said he told Lavrov that “...”" -> "told"
            consumed.add(k)
            r = reported[k]
            drafts.append(_Draft("direct", qspan, r.cue, r.speaker, r.speaker_i))
            continue
        if absorbed:
            continue
        cue = _attach_cue(lay, q, window, sentence_like)
        if cue is not None:
            subj = cue_speaker(cue)
            speaker = speaker_chars(subj, cue) if subj is not None else None
            drafts.append(_Draft("direct", qspan, cue_chars(cue), speaker, subj.i if subj is not None else None))
            continue
        colon = _colon_speaker(lay, q, window)
        if colon is not None:
            drafts.append(colon)
        elif standalone and len(_WORD.findall(lay.text[q.start : q.end])) >= 3:
            drafts.append(_Draft("direct", qspan, standalone=True))
    for k, r in enumerate(reported):
        if k in consumed:
            continue
        content = lay.clip_to_para(lay.cover_quotes(r.content), r.cue[0])
        if content is None:
            continue
        speaker = lay.clip_to_para(r.speaker, r.cue[0]) if r.speaker else None
        drafts.append(_Draft("reported", content, r.cue, speaker, r.speaker_i if speaker else None))
    return drafts


def find_quotes(article: Article, doc: Any, entities: Sequence[Entity] = ()) -> tuple[Quote, ...]:
    """Find the quotations of an English article: direct (in quote marks) and reported speech.

    Args:
        article: The article.
        doc: A spaCy Doc of ``article.text`` (from :func:`newsprism.analysis.nlp.english`).
        entities: The article's entities; speakers are resolved to them (may be empty).

    Returns:
        The quotes in text order of their content, ids ``<article id>:q<n>``. ``kind`` is
        "direct" when the content is the words inside quote marks (the marks themselves and a
        trailing comma excluded) and "reported" when it is a paraphrase: a clause governed by a
        speech verb, including one that carries a few quoted words (see the module docstring).
        ``speaker`` is the phrase as written ("Blinken", "he", "the top US diplomat");
        ``speaker_entity`` the entity it resolves to, or None. A quoted paragraph that continues
        an earlier quote shares that quote's speaker and cue spans (they lie before it). Nested
        attributions are all kept ("Blinken said he told Lavrov that ...": two reported quotes).
    """
    text = article.text
    quoted = find_quoted(text)
    lay = _Layout(text, doc, quoted)
    reported = reported_speech(doc, lay.outside)
    drafts = _merge(lay, quoted, reported)
    seen: set[tuple[tuple[int, int], tuple[int, int] | None]] = set()
    unique: list[_Draft] = []
    for d in sorted(drafts, key=lambda d: (d.content[0], d.content[1], d.cue or (0, 0))):
        if (d.content, d.cue) not in seen:
            seen.add((d.content, d.cue))
            unique.append(d)

    resolver = SpeakerResolver(text, doc, entities, lay.outside, [d.span for d in datelines(text)])
    out: list[Quote] = []
    prev: tuple[_Draft, str | None] | None = None
    for d in unique:
        entity: str | None = None
        if d.standalone and d.speaker is None and prev is not None \
                and lay.para(d.content[0]) - lay.para(prev[0].content[1]) <= 1:
            # A quoted paragraph after an attributed quote goes on with the same attribution.
            d.speaker, d.cue, entity = prev[0].speaker, prev[0].cue, prev[1]
            resolver.remember(entity, d.content[0])
        elif d.speaker is not None:
            entity = resolver.resolve(d.speaker, d.speaker_i)
        if d.speaker is not None and (d.kind == "direct" or prev is None or prev[0].kind != "direct"
                                      or lay.para(d.content[0]) != lay.para(prev[0].content[0])):
            # A quoted paragraph goes on with the last *direct* quotation's speaker: a reported
            # clause between them in the same paragraph ("..., he said in a statement announcing
            # the vote. “...”") is not who speaks next.
            prev = (d, entity)
        out.append(Quote(
            id=f"{article.id}:q{len(out)}",
            kind=d.kind,
            content=article.span(*d.content),
            speaker=article.span(*d.speaker) if d.speaker else None,
            speaker_entity=entity,
            cue=article.span(*d.cue) if d.cue else None,
        ))
    return tuple(out)
