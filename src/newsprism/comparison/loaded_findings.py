"""``loaded_language`` findings: terms that carry a verdict, and whose voice they are in.

The analysis found the hits (:attr:`newsprism.model.AnalyzedArticle.loaded`) and scored each
statement (:attr:`~newsprism.model.AnalyzedArticle.loaded_scores`); this module only reads them,
so compare never parses an article again.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from newsprism.analysis._quote_marks import QUOTE_CHARS
from newsprism.model import SCARE_SOURCE, AnalyzedArticle, Finding, LoadedHit, Quote, Span

if TYPE_CHECKING:
    from newsprism.comparison.findings import FindingContext

__all__ = ["COPY_SENTENCE_RATIO", "FEELING_ADVERBS", "REPORT_MIN_PROBABILITY", "flagged_statements", "loaded_language",
           "loaded_language_findings", "statement_scores", "story_vocabulary"]

#: The span tagger's probability from which one of its words is reported in a finding. The
#: tagger's own threshold (0.75) is F1-optimal on PTC, whose annotators marked loaded words
#: densely in propaganda articles; in ordinary news most of its words at 0.75-0.9 are plain
#: ("dogs", "gray", "hunt" in an earthquake report). Measured on BASIL's lexical-bias spans
#: (156 articles, which no part of the detector was fitted on): the tagger's words overlap a
#: gold span with precision 0.075 at 0.75 (866 words), 0.096 at 0.8, 0.110 at 0.85, 0.159 at
#: 0.9 (145 words) and 0.30 at 0.95 (20); the lexicon's hits 0.103 (446). From 0.9 the tagger is
#: at least as precise as the lexicon. The analysis keeps every hit with its probability.
REPORT_MIN_PROBABILITY = 0.9


def statement_scores(articles: Sequence[AnalyzedArticle]) -> dict[str, float]:
    """Per statement id, how loaded the sentence is (0-1), for the articles the sentence model scored."""
    return {st.id: s for aa in articles for st, s in zip(aa.statements, aa.loaded_scores, strict=False)}


def flagged_statements(articles: Sequence[AnalyzedArticle]) -> Counter[str]:
    """Per statement id, how many loaded-language hits (lexicon or tagger, quoted or not) it holds."""
    return Counter(h.statement_id for aa in articles for h in aa.loaded if h.statement_id)


def loaded_language(ctx: FindingContext) -> list[Finding]:
    """The ``loaded_language`` finder: :func:`loaded_language_findings` over a story's articles."""
    outlets = {aa.article.id: ctx.outlet(aa.article.id) for aa in ctx.articles}
    return loaded_language_findings(ctx.articles, outlets, {e.id: e.name for e in ctx.entities},
                                    same_source=ctx.same_source)


def story_vocabulary(articles: Sequence[AnalyzedArticle],
                     same_source: Sequence[frozenset[str]] = ()) -> dict[str, frozenset[str]]:
    """Per article id, the content lemmas every other independent article of the story also uses.

    A word that every other outlet uses too ("earthquake" in a quake story) is the story's
    subject, not one outlet's choice of words; the span tagger, less sure than the lexicon,
    is not believed against that. Wire copies of one text are one outlet here, or two copies
    would make each other's words shared.
    """
    group_of = {a: min(g) for g in same_source for a in g}
    terms: dict[str, set[str]] = {}
    for aa in articles:
        key = group_of.get(aa.article.id, aa.article.id)
        terms.setdefault(key, set()).update(t for st in aa.statements for t in st.terms)
    out: dict[str, frozenset[str]] = {}
    for aa in articles:
        own = group_of.get(aa.article.id, aa.article.id)
        others = [t for k, t in terms.items() if k != own]
        out[aa.article.id] = frozenset(set.intersection(*others)) if others else frozenset()
    return out


#: Sentence adverbs of feeling (lexicon entries): in the outlet's voice they editorialise ("Sadly,
#: the plan failed"); in a speaker's words, direct or reported, they say how the speaker feels
#: ("'Unfortunately, the roof fell in,' a neighbour said"), which is no verdict for a reader to weigh.
FEELING_ADVERBS = frozenset("unfortunately fortunately sadly thankfully tragically mercifully luckily unluckily "
                            "regrettably happily alas".split())


def loaded_language_findings(articles: Sequence[AnalyzedArticle], outlet: Mapping[str, str],
                             entity_names: Mapping[str, str],
                             same_source: Sequence[frozenset[str]] = (), learned: bool = False) -> list[Finding]:
    """One finding per lexicon term, saying whether it is the outlet's voice or a speaker's.

    The span tagger's own hits (words no lexicon entry matched) are less sure (PTC span
    precision about 0.3 under cross-validation) and make no finding unless ``learned`` is set:
    on the findings review set (BASIL) 26 of the 46 per-article tagger findings held (0.57),
    where a finding should be what a fact-checker would sign. The analysis keeps every tagger
    hit and the HTML report marks them in the article text as less sure. With ``learned`` they
    go into one finding per article that lists them with their probabilities; only words from
    :data:`REPORT_MIN_PROBABILITY` are listed. A tagger
    word that every other independent outlet of the story uses too is left out
    (:func:`story_vocabulary`): it is what the story is about, not a verdict of one outlet.
    A sentence adverb of feeling in a speaker's words (:data:`FEELING_ADVERBS`) makes none. The
    headline's hits (``aa.title_loaded``) make findings too, their evidence a span of the title
    (``field`` ``title``), their message saying "in its headline".

    ``data`` of a lexicon finding: ``term``, ``category``, ``note``, ``source``, ``in_quote``,
    ``voice`` (``own``, ``quoted`` or ``reported``), ``speaker`` (only where the sentence names
    them), ``statement_id``, ``sentence_score`` (and ``copies``: the other wire copies that carry
    the term in the same sentence or one edited by a word, one finding for all); of the tagger's
    finding: ``learned`` (true), ``source`` and ``words`` (one object per hit with ``term``,
    ``category``, ``probability``, ``in_quote``, ``voice``, ``speaker``, ``statement_id``,
    ``sentence_score``), the evidence the same words in order. Quotation marks alone (scare quotes
    read from marks, not from a lexicon entry) make no finding.

    Args:
        articles: The story's articles (statement speakers are story-level entity ids), with
            the loaded language their analysis found.
        outlet: Short outlet name per article id.
        entity_names: Name per story-level entity id.
        same_source: Groups of article ids that are copies of one text.
        learned: Also make the per-article finding of the span tagger's words.
    """
    scores = statement_scores(articles)
    shared = story_vocabulary(articles, same_source)
    out = []
    for aa in articles:
        spans = {st.id: st.span for st in aa.statements}
        quotes = {q.id: q for q in aa.quotes}
        kinds = {q.id: q.kind for q in aa.quotes}
        tagged: list[tuple[LoadedHit, str | None, str]] = []
        for h in (*aa.loaded, *aa.title_loaded):
            if h.source == SCARE_SOURCE:
                # Quotation marks alone: on real news they nearly always quote a fragment of
                # someone's words or mark a term ("a 'super PAC'"), not the outlet's distance from
                # a word (1 of 48 on the findings review set); the analysis keeps them.
                continue
            if h.category in ("label", "name-calling") and _mentioned(h, aa.article.text, quotes.get(h.quote_id or "")):
                continue
            if h.marked and _in_title(aa.article.spanned(h.span), h.span):
                continue
            if h.in_quote and h.term.lower() in FEELING_ADVERBS:
                continue  # a witness's "Unfortunately, ...": their feeling, no verdict to relay
            # The speaker of the quote the word is in (a sentence may hold two quotes, or name a
            # place where the speaker should be), and only when the sentence names the speaker: a
            # pronoun or a speaker carried over from another sentence is the analysis's guess,
            # and a wrong name is worse than none ("in quoted words").
            speaker = h.speaker if h.in_quote and _named_here(quotes.get(h.quote_id or ""), spans.get(
                h.statement_id or ""), entity_names.get(h.speaker or "")) else None
            whose = _whose(h, kinds)
            voice = _voice(whose, entity_names.get(speaker) if speaker else None)
            if h.span.field == "title":
                voice = f"in its headline, {voice}"
            if h.learned:
                sure = _probability(h) >= REPORT_MIN_PROBABILITY
                if learned and sure and h.term.lower() not in shared[aa.article.id]:
                    tagged.append((h, speaker, voice))
                continue
            out.append(Finding(
                "", "loaded_language", "info",
                f'{outlet[aa.article.id]} uses "{h.span.text}" ({h.category}) {voice}. Lexicon: {h.note}.',
                (aa.article.id,), (h.span,),
                {"term": h.term, "category": h.category, "note": h.note, "source": h.source,
                 "in_quote": h.in_quote, "voice": whose, "speaker": speaker, "statement_id": h.statement_id,
                 "sentence_score": _score(scores, h)},
            ))
        if tagged:
            listed = "; ".join(f'"{h.span.text}" ({_probability(h):.2f}, {voice.removeprefix("in ")})'
                               for h, _, voice in tagged)
            out.append(Finding(
                "", "loaded_language", "info",
                f"{outlet[aa.article.id]}: the span tagger reads {len(tagged)} more "
                f"word{'s' if len(tagged) > 1 else ''} as possibly loaded (learned from PTC's propaganda "
                f"annotations; less sure than the lexicon): {listed}.",
                (aa.article.id,), tuple(h.span for h, _, _ in tagged),
                {"learned": True, "source": tagged[0][0].source,
                 "words": [{"term": h.term, "category": h.category, "probability": round(_probability(h), 4),
                            "in_quote": h.in_quote, "voice": _whose(h, kinds), "speaker": speaker,
                            "statement_id": h.statement_id, "sentence_score": _score(scores, h)}
                           for h, speaker, _ in tagged]},
            ))
    return _one_per_copy_group(out, articles, outlet, same_source)


#: rapidfuzz ratio (0-100) of two copies' sentences from which a term in both is one finding: a copy
#: edits a word or two of the wire's sentence ("protesters" for "demonstrators", a day added), and
#: the word the lexicon found is still the wire's.
COPY_SENTENCE_RATIO = 88.0


def _one_per_copy_group(findings: list[Finding], articles: Sequence[AnalyzedArticle], outlet: Mapping[str, str],
                        same_source: Sequence[frozenset[str]]) -> list[Finding]:
    """Fold the lexicon findings copies of one text share: the same term in the same sentence is one finding.

    Wire copies carry one outlet's words; a finding per copy repeats one fact (``copies`` in the
    data lists the other articles, whose spans join the evidence). The sentences may differ by
    an edited word (:data:`COPY_SENTENCE_RATIO`); a finding joins the closest one of another
    copy, never one its own article already holds (two sentences of one article are two uses).
    """
    group_of = {a: min(g) for g in same_source for a in g}
    if not group_of:
        return findings
    # Sentences compared as words only: one copy's curly quotes are another's straight ones.
    sentence = {st.id: " ".join(re.findall(r"\w+", st.span.text.casefold())) for aa in articles for st in aa.statements}
    kept: list[Finding] = []
    # (copy group, term) -> [(index in kept, sentence, message after the outlet)]
    first: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for f in findings:
        aid = f.article_ids[0]
        if f.data.get("learned") or aid not in group_of:
            kept.append(f)
            continue
        said = sentence.get(f.data.get("statement_id") or "", f.evidence[0].text)
        seen = first.setdefault((group_of[aid], str(f.data["term"])), [])
        ratios = [(fuzz.ratio(said, s), k) for k, (n, s, _) in enumerate(seen) if aid not in kept[n].article_ids]
        best = max(ratios, default=(0.0, -1))
        if best[0] < COPY_SENTENCE_RATIO:
            seen.append((len(kept), said, f.message.removeprefix(f"{outlet[aid]} uses ")))
            kept.append(f)
            continue
        n, _, tail = seen[best[1]]
        merged = kept[n]
        aids = (*merged.article_ids, aid)
        names = [outlet[a] for a in aids]
        kept[n] = dataclasses.replace(
            merged, message=f"{', '.join(names[:-1])} and {names[-1]} (copies of one text) use {tail}",
            article_ids=aids, evidence=(*merged.evidence, *f.evidence),
            data={**merged.data, "copies": list(aids[1:])})
    return kept


# English and Russian personal pronouns: a speaker named so is the analysis's resolution, not the text's.
_PRONOUNS = frozenset("he she they it we i you him her them his hers their its "
                      "он она они оно мы я вы его её ее их ему ей им".split())


def _named_here(q: Quote | None, sentence: Span | None, name: str | None) -> bool:
    """Whether a quote's speaker is named inside the sentence the word is in, by ``name``.

    Named: the speaker's words in the sentence share a capitalised word with the entity's name
    (an inflected form counts: «Лавровым» names «Лавров»). A pronoun or a description ("his
    father", "the conservative senator", "a senior official") is the analysis's resolution of
    who that is, which can be wrong; the message then says "reported speech" without a name.
    """
    if q is None or q.speaker is None or sentence is None or not name:
        return False
    if not (sentence.start <= q.speaker.start and q.speaker.end <= sentence.end):
        return False
    if q.speaker.text.strip().lower() in _PRONOUNS:
        return False
    said = [w for w in _WORD.findall(q.speaker.text) if w[0].isupper()]
    known = [w.lower() for w in _WORD.findall(name)]
    return any(s.lower() == k or (len(k) >= 4 and s.lower().startswith(k[:4])) for s in said for k in known)


_WORD = re.compile(r"[^\W\d_]{2,}")


def _mentioned(h: LoadedHit, text: str, q: Quote | None) -> bool:
    """Whether a label sits in its own quotation marks inside a direct quote: a speaker mentioning it.

    'saddened by the claim that patriots are somehow "racists"', quoted: the speaker cites the
    word someone else used, to reject it, and passes no verdict with it.
    """
    if q is None:
        return False
    start, end = h.span.start, h.span.end
    while end < len(text) and text[end] in ".,;:!?":
        end += 1
    marked = start > q.content.start and text[start - 1] in QUOTE_CHARS
    if not (marked and end < q.content.end and text[end] in QUOTE_CHARS):
        return False
    if q.kind == "direct":
        return True  # a direct quote's content lies inside its own marks: these are marks within
    # Reported speech holds the speaker's words in marks ('called them "thugs"'): only marks
    # inside those ('was "saddened that they are 'racists'"') mention a word.
    before = text[q.content.start:start - 1]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”") or before.count("«") > before.count("»")


_OPENING, _CLOSING = "\"“«„", "\"”»"
_TITLE_SMALL = frozenset("a an the of and or to in on for at by with".split())


def _in_title(text: str, span: Span) -> bool:
    """Whether a word sits in a quoted title or slogan written in title case ("Don't Do Stupid Stuff").

    A name quoted (a doctrine, a book, a campaign's slogan), not anyone's verdict with that word.
    """
    start = max((text.rfind(m, max(0, span.start - 80), span.start) for m in _OPENING), default=-1)
    end = min((i for i in (text.find(m, span.end, span.end + 80) for m in _CLOSING) if i >= 0), default=-1)
    if start < 0 or end < 0 or "\n" in text[start:end]:
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text[start + 1:end])
    return len(words) >= 3 and all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words) \
        and not all(w.isupper() for w in words)


def _whose(h: LoadedHit, kinds: Mapping[str, str]) -> str:
    """``own``, ``quoted`` (a direct quote, or quotation marks) or ``reported`` (reported speech).

    Reported speech ("X warned the bill could cause chaos") is the outlet's wording of the
    speaker's view, so it is not called the speaker's words; a word inside quotation marks that
    no quote was read around is quoted all the same.
    """
    if not h.in_quote:
        return "own"
    if h.marked or (h.quote_id is not None and kinds.get(h.quote_id) == "direct"):
        return "quoted"
    return "reported"  # reported speech, or a subject's characterisation ("called it a power grab")


def _voice(whose: str, speaker: str | None) -> str:
    """Whose words a hit is in, as the message says it."""
    if whose == "own":
        return "in its own voice"
    if whose == "reported":
        return f"in its report of what {speaker} said" if speaker else "in reported speech"
    return f"in words quoted from {speaker}" if speaker else "in quoted words"


def _score(scores: Mapping[str, float], h: LoadedHit) -> float | None:
    return scores.get(h.statement_id) if h.statement_id else None


def _probability(h: LoadedHit) -> float:
    return h.probability if h.probability is not None else 0.0
