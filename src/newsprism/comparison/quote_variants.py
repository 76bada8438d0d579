"""``quote_variant``: one quotation of one speaker worded differently by two outlets.

Split from :mod:`newsprism.comparison.conflicts`, which runs it among the conflict finders. Two
wordings are a variant only when they are one remark rendered twice (a translation, or two
transcriptions), not a fragment of the other, not two remarks on one theme, and each is the
other's closest rendering of that speaker (see :func:`quote_variants`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from newsprism.comparison.findings import FindingContext, aligned_pairs, has_foreign_script
from newsprism.model import AnalyzedArticle, Finding, Span, Statement

__all__ = ["quote_variants"]

_QUOTED = re.compile(r"[\"“«„]([^\"“”«»„]{2,400})[\"”»“]")

_INSERTION = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")


def _quoted(text: str) -> list[str]:
    """The fragments of a text inside quotation marks, the outlet's bracketed insertions left out.

    "(Libyan strongman Muammar) al-Qaddafi": words in brackets inside a quotation are the
    outlet's, not the speaker's, so two outlets' different insertions are no quote variant.
    """
    fragments = (_INSERTION.sub("", m.group(1)).strip(" ,.") for m in _QUOTED.finditer(text))
    return [f for f in fragments if f]


def quote_variants(ctx: FindingContext) -> list[Finding]:
    """The same quotation worded differently in different outlets (often a translation).

    Two routes to a pair of quotations, one finding per pair of statements: the quoted words of
    two statements aligned as one fact, and quotations of one speaker matched directly
    (:func:`_quote_matches`) in statements the alignment found at least possibly one fact, which
    finds a quote whose sentence says too little else to align ("We had a frank and direct
    conversation" / "described the conversation as “frank” and “straightforward”"). Either way
    the wordings must pass :func:`_variant_words`.

    ``data``: ``wordings`` (statement id -> the quoted words), ``shared_words``, and
    ``alignment_id`` (``None`` when the quotations were matched directly).
    """
    out: list[Finding] = []
    seen: set[frozenset[str]] = set()
    for al in ctx.alignments:
        for a, b in aligned_pairs(ctx, al):
            qa, qb = _quoted(a.span.text), _quoted(b.span.text)
            # A speaker on one side at least: quoted nicknames or titles in two outlets' own
            # sentences ("Vincent “The Chin” Gigante") are no quotation of anyone.
            if not (a.speaker or b.speaker) or (a.speaker and b.speaker and a.speaker != b.speaker):
                continue
            shared = _variant_words(qa, qb, fragments=_rendered_apart(ctx, a, b))
            if shared:
                seen.add(frozenset((a.id, b.id)))
                out.append(_variant(ctx, a, b, qa, qb, (a.span, b.span),
                                    {"alignment_id": al.id, "shared_words": shared}))
    per_article = [_quote_wordings(aa) for aa in ctx.articles]
    for (a, qa, sa), (b, qb, sb), shared in _quote_matches(ctx, per_article):
        if frozenset((a.id, b.id)) not in seen:
            seen.add(frozenset((a.id, b.id)))
            out.append(_variant(ctx, a, b, qa, qb, (sa, sb), {"alignment_id": None, "shared_words": shared}))
    return _best_renderings(ctx, out, per_article)


def _best_renderings(ctx: FindingContext, found: list[Finding], per_article: list[list[QuoteRef]]) -> list[Finding]:
    """The variants whose two wordings are each other's closest rendering of that speaker.

    A speaker who says one thing twice ("the council lied and they wrecked the plan" on Monday,
    "it is like they buried the plan" on Tuesday) is quoted twice by each outlet; each of one outlet's
    quotations matches both of the other's, but only its own rendering is a variant of it. A pair
    is kept when neither outlet quotes that speaker elsewhere in words closer to the other side's.
    ``per_article``: each article's :func:`_quote_wordings`.
    """
    wordings: dict[tuple[str, str], list[tuple[str, list[str]]]] = defaultdict(list)
    for aa, quoted in zip(ctx.articles, per_article, strict=True):
        for st in aa.statements:
            if st.speaker:
                wordings[(aa.article.id, st.speaker)].append((st.id, _quoted(st.span.text)))
        for st, wording, _ in quoted:
            wordings[(aa.article.id, str(st.speaker))].append((st.id, wording))
    kept = []
    for f in found:
        (ida, qa), (idb, qb) = f.data["wordings"].items()
        a, b = ctx.statements[ida], ctx.statements[idb]
        speaker = a.speaker or b.speaker
        score = _likeness(qa, qb)
        rivals = [(q, qb) for sid, q in wordings[(a.article_id, str(speaker))] if sid != ida and q]
        rivals += [(qa, q) for sid, q in wordings[(b.article_id, str(speaker))] if sid != idb and q]
        if all(_likeness(x, y) <= score for x, y in rivals):
            kept.append(f)
    return kept


def _likeness(qa: list[str], qb: list[str]) -> float:
    """How alike two wordings are: the share of their content words they have in common."""
    wa, wb = _content_words(qa), _content_words(qb)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def _rendered_apart(ctx: FindingContext, a: Statement, b: Statement) -> bool:
    """Whether one of two statements' articles may be a translation: another language, or foreign script left in it.

    Outlets quoting one speech in its own language copy the words; a few quoted words that the
    other outlet's fuller quotation does not hold come from another part of the speech (“phony
    theology” against a sentence that only says “theology”). Only a translation rewords them.
    """
    x, y = ctx.owner[a.id].article, ctx.owner[b.id].article
    return x.language != y.language or has_foreign_script(x) or has_foreign_script(y)


def _variant_words(qa: list[str], qb: list[str], fragments: bool = True) -> list[str]:
    """The content words two wordings share when they look like one quotation worded differently.

    Precision first. Neither may be part of the other (quoting more of a quotation, or the same
    words spaced differently, is no variant), and their content words must differ beyond
    spelling. The shorter wording needs at least two content words and shares at least half of
    them, and either it is a few quoted words (fragments of at most two words: “frank” and
    “straightforward”; only when ``fragments``, see :func:`_rendered_apart`) or the two share at
    least half of the longer one's words too (a sentence translated or transcribed twice). Two
    different sentences of one speaker that share a word or two fail both. On the review set
    7 of 7 fragment variants between two English originals were false alarms. Without
    ``fragments``, a fragment found word for word in the other wording is a copy, not a
    rewording, and is left out before the test (“dishonored herself” / “disgraceful” against a
    quotation holding the first: only “disgraceful” is left, and it shares nothing).

    Returns:
        The shared words, sorted; empty when the wordings are not a variant.
    """
    if not fragments and qa and qb:
        qa, qb = [q for q in qa if not _within([q], qb)], [q for q in qb if not _within([q], qa)]
    if not qa or not qb or _within(qa, qb) or _within(qb, qa) or _despaced_within(qa, qb) or _despaced_within(qb, qa):
        return []
    wa, wb = _content_words(qa), _content_words(qb)
    if _same_words(wa, wb):
        return []  # only function words or spellings differ ("at"/"with", "realised"/"realized")
    if not _unmatched(wa, wb) or not _unmatched(wb, wa):
        # One holds every content word of the other (up to spelling): a fragment of the same
        # words, quoted with a word dropped ("a dangerous thing" / "a very dangerous thing"),
        # not a different wording. A variant has words of its own on both sides.
        return []
    (short_q, short_w), long_w = ((qa, wa), wb) if len(wa) <= len(wb) else ((qb, wb), wa)
    shared = wa & wb
    if len(short_w) < 2 or not shared or 2 * len(shared) < len(short_w):
        return []
    few_words = fragments and all(len(_plain(q).split()) <= 2 for q in short_q)
    if few_words:
        return sorted(shared)
    # A sentence worded twice shares at least two content words and half of the longer one's:
    # "national emergency" / "national security" share one word and are two remarks.
    if len(shared) < 2 or 2 * len(shared) < len(long_w):
        return []
    # One remark transcribed twice keeps runs of its words ("we will use whatever legal
    # means" / "methods"); two remarks on one theme share words scattered ("the new rule does
    # not exclude" / "it is not the aim of the rule to exclude anyone"). A translation keeps
    # no run, so only two originals are held to it.
    return sorted(shared) if fragments or _longest_run(qa, qb) >= _RUN else []


_RUN = 3


def _longest_run(qa: list[str], qb: list[str]) -> int:
    """The longest run of words two wordings share, in order and unbroken."""
    from difflib import SequenceMatcher

    a, b = _plain(" ".join(qa)).split(), _plain(" ".join(qb)).split()
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _variant(ctx: FindingContext, a: Statement, b: Statement, qa: list[str], qb: list[str],
             evidence: tuple[Span, Span], data: dict[str, object]) -> Finding:
    speaker = a.speaker or b.speaker
    who = ctx.entity[speaker].name if speaker else "the speaker"
    return Finding(
        "", "quote_variant", "info",
        f"{who} is quoted differently: {ctx.outlet(a.article_id)} " + " / ".join(f"“{_clip(q)}”" for q in qa)
        + f"; {ctx.outlet(b.article_id)} " + " / ".join(f"“{_clip(q)}”" for q in qb) + ".",
        (a.article_id, b.article_id), evidence, {**data, "wordings": {a.id: qa, b.id: qb}},
    )


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


#: A quoted wording's content words: lower-case words (names excluded: two quotes sharing
#: "Ukraine" say nothing of being one quotation) that are not function words.
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]{2,}")


# Spoken forms a transcript may or may not spell out, and the past of "say" (a stop word), so
# "we're gonna go" / "we're going to go" and "I said" / "I say" are one wording transcribed twice.
_SPOKEN = {"gonna": "going", "wanna": "want", "gotta": "got", "gimme": "give", "lemme": "let", "kinda": "kind",
           "sorta": "sort", "outta": "out", "dunno": "know", "said": "say", "says": "say", "saying": "say"}


def _content_words(texts: list[str]) -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = (_SPOKEN.get(w, w) for t in texts for w in _LOWER_WORD.findall(t))
    return frozenset(w for w in words if w not in STOP_WORDS)


QuoteRef = tuple[Statement, list[str], Span]


def _quote_wordings(aa: AnalyzedArticle) -> list[QuoteRef]:
    """Each quotation's statement, the words inside quotation marks, and its content span.

    A direct quotation is its whole content; reported speech counts only for the fragments it
    puts in quotation marks (a paraphrase is not a wording).
    """
    out: list[QuoteRef] = []
    for q in aa.quotes:
        st = next((s for s in aa.statements if s.span.start <= q.content.start < s.span.end), None)
        if st is None or not st.speaker:
            continue
        text = _INSERTION.sub("", q.content.text).strip(" ,.\"“”«»„")
        wording = [text] if q.kind == "direct" else _quoted(q.content.text)
        if wording and all(wording):
            out.append((st, wording, q.content))
    return out


def _quote_matches(ctx: FindingContext, per_article: list[list[QuoteRef]]
                   ) -> Iterator[tuple[QuoteRef, QuoteRef, list[str]]]:
    """Quotations of one speaker (one story entity) in two outlets whose statements may be one fact.

    The statements must be aligned or a possible pair of the alignment; the wordings must pass
    :func:`_variant_words`. ``per_article``: each article's :func:`_quote_wordings`.
    """
    linked = {frozenset((p.first, p.second)) for p in ctx.possible}
    linked |= {frozenset((a.id, b.id)) for al in ctx.alignments for a, b in aligned_pairs(ctx, al)}
    for x, y in combinations(range(len(per_article)), 2):
        for qa in per_article[x]:
            for qb in per_article[y]:
                if qa[0].speaker == qb[0].speaker and frozenset((qa[0].id, qb[0].id)) in linked:
                    shared = _variant_words(qa[1], qb[1], fragments=_rendered_apart(ctx, qa[0], qb[0]))
                    if shared:
                        yield qa, qb, shared


def _same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of words are equal up to spelling (each leftover word has a near twin)."""
    from difflib import SequenceMatcher

    left, right = a - b, b - a
    return len(left) == len(right) and all(
        any(SequenceMatcher(None, x, y).ratio() >= 0.85 for y in right) for x in left)


def _unmatched(a: frozenset[str], b: frozenset[str]) -> set[str]:
    """The words of ``a`` with no twin in ``b``: not there, nor spelled alike ("mama"/"momma", "workforce")."""
    from difflib import SequenceMatcher

    joined = "".join(sorted(b))
    return {x for x in a - b if not (len(x) > 5 and x in joined)
            and not any(SequenceMatcher(None, x, y).ratio() >= 0.8 for y in b)}


def _within(part: list[str], whole: list[str]) -> bool:
    """Whether every fragment of ``part`` occurs word for word in ``whole`` (one quotes more of it)."""
    joined = f" {' '.join(_plain(w) for w in whole)} "
    return all(f" {_plain(p)} " in joined for p in part)


def _despaced_within(part: list[str], whole: list[str]) -> bool:
    """:func:`_within` with spaces ignored: "work force" in "...our workforce"."""
    joined = "".join(_plain(w).replace(" ", "") for w in whole)
    return all(_plain(p).replace(" ", "") in joined for p in part)


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
