"""Findings across aligned statements (conflicts, quote wording) and over whose voices are quoted.

Two statements aligned as one fact are compared field by field: their resolved dates, their
quantities of the same unit, their speakers, their quoted words. A conflict needs both sides to
state the field explicitly; silence on one side is never a conflict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from newsprism.comparison._bounds import may_both_hold
from newsprism.comparison.coverage import is_number_term
from newsprism.comparison.findings import FindingContext, _date, has_foreign_script, mentions_entity
from newsprism.comparison.voices import voice_imbalance
from newsprism.model import Alignment, AnalyzedArticle, Finding, Quantity, Span, Statement, TimeRef

__all__ = ["CONFLICT_FINDERS", "strict_pairs", "date_conflicts", "number_conflicts", "attribution_conflicts",
           "quote_variants", "voice_imbalance", "fact_number_conflicts"]

# Only alignments at least this close are compared field by field ("partial" ones add facts,
# so a differing date there may belong to the added fact).
_STRICT = ("same", "paraphrase")
_ECHO_MIN_TERMS = 3
_ECHO_SHARE = 0.75
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|me|my|we|we're|we've|us|our)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“«„]([^\"“”«»„]{2,400})[\"”»“]")


def _times(aa: AnalyzedArticle, st: Statement) -> list[TimeRef]:
    by_id = {t.id: t for t in aa.times}
    return [by_id[i] for i in st.times if i in by_id and by_id[i].start is not None]


def _quantities(aa: AnalyzedArticle, st: Statement) -> list[Quantity]:
    by_id = {q.id: q for q in aa.numbers}
    return [by_id[i] for i in st.numbers if i in by_id and by_id[i].value is not None]


def _pairs(ctx: FindingContext, al: Alignment) -> list[tuple[Statement, Statement]]:
    sts = [ctx.statements[s] for s in al.statement_ids]
    return [(a, b) for a, b in combinations(sts, 2) if a.article_id != b.article_id]


def strict_pairs(ctx: FindingContext) -> Iterator[tuple[Alignment, Statement, Statement]]:
    """Pairs of statements from different articles in alignments close enough to compare field by field."""
    for al in ctx.alignments:
        if al.relation in _STRICT:
            for a, b in _pairs(ctx, al):
                yield al, a, b


def date_conflicts(ctx: FindingContext) -> list[Finding]:
    """One fact, two dates: each statement names exactly one resolved date and they do not overlap."""
    out = []
    for al, a, b in strict_pairs(ctx):
        ta, tb = _times(ctx.owner[a.id], a), _times(ctx.owner[b.id], b)
        if len(ta) != 1 or len(tb) != 1:
            continue
        x, y = ta[0], tb[0]
        if x.start is None or y.start is None or x.end is None or y.end is None:
            continue
        if x.end < y.start or y.end < x.start:
            out.append(Finding(
                "", "date_conflict", "warning",
                f'{ctx.outlet(a.article_id)} dates this "{x.span.text}" ({_date(x.start)}); '
                f'{ctx.outlet(b.article_id)} "{y.span.text}" ({_date(y.start)}).',
                (a.article_id, b.article_id), (x.span, y.span),
                {"alignment_id": al.id, "dates": {a.id: x.start.isoformat(), b.id: y.start.isoformat()}},
            ))
    return out


def _times_apart(ctx: FindingContext, a: Statement, b: Statement) -> bool:
    """Whether both statements name resolved dates and none of them overlap (a count may change)."""
    ta, tb = _times(ctx.owner[a.id], a), _times(ctx.owner[b.id], b)
    return bool(ta and tb) and not any(
        x.start is not None and y.start is not None and x.end is not None and y.end is not None
        and not (x.end < y.start or y.end < x.start) for x in ta for y in tb)


def _echo(a: Statement, b: Statement) -> bool:
    """Whether two statements tell the same thing but for their numbers.

    The shorter one's content lemmas, numbers left out, are nearly all in the longer one
    ("As of Thursday, more than 2.2 million people were without power" / "More than 3.2 million
    people in the state were without power by Thursday"). A partial alignment or a near miss that
    passes is compared number by number like an alignment: the pair model weighs a differing
    number *against* one fact (on ECB+ it often marks two events), so a plain contradiction of one
    count would otherwise never be compared.
    """
    ta, tb = ({t for t in st.terms if not is_number_term(t)} for st in (a, b))
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return len(short) >= _ECHO_MIN_TERMS and len(short & long_) >= _ECHO_SHARE * len(short)


def _compared_pairs(ctx: FindingContext) -> Iterator[tuple[str | None, Statement, Statement]]:
    """Strict alignments' pairs, then partial and possible pairs that are echoes (see :func:`_echo`)."""
    seen: set[frozenset[str]] = set()
    for al, a, b in strict_pairs(ctx):
        seen.add(frozenset((a.id, b.id)))
        yield al.id, a, b
    loose = [(a, b) for al in ctx.alignments if al.relation not in _STRICT for a, b in _pairs(ctx, al)]
    loose += [(ctx.statements[p.first], ctx.statements[p.second]) for p in ctx.possible
              if p.first in ctx.statements and p.second in ctx.statements]
    for a, b in loose:
        key = frozenset((a.id, b.id))
        if key in seen or a.article_id == b.article_id:
            continue
        seen.add(key)
        if _echo(a, b) and not _times_apart(ctx, a, b):
            yield None, a, b


def number_conflicts(ctx: FindingContext) -> list[Finding]:
    """One fact, two values of the same unit ("two Americans" / "three Americans").

    Compared: the statements of a ``same`` or ``paraphrase`` alignment, and those of a partial
    alignment or a possible pair that say the same thing but for their numbers (:func:`_echo`).
    """
    out = []
    for al_id, a, b in _compared_pairs(ctx):
        qa = defaultdict(list)
        for q in _quantities(ctx.owner[a.id], a):
            qa[q.unit].append(q)
        qb = defaultdict(list)
        for q in _quantities(ctx.owner[b.id], b):
            qb[q.unit].append(q)
        for unit in sorted(set(qa) & set(qb), key=str):
            if unit in (None, "ordinal") or len(qa[unit]) != 1 or len(qb[unit]) != 1:
                continue
            x, y = qa[unit][0], qb[unit][0]
            if x.value is not None and y.value is not None and abs(x.value - y.value) > 1e-9 \
                    and not may_both_hold(ctx.owner[a.id].article.text, x, ctx.owner[b.id].article.text, y) \
                    and not _different_acts(ctx.owner[a.id], x, ctx.owner[b.id], y):
                link = {"alignment_id": al_id} if al_id is not None else {"statement_ids": [a.id, b.id]}
                out.append(Finding(
                    "", "number_conflict", "warning",
                    f'{ctx.outlet(a.article_id)} says "{x.span.text}", {ctx.outlet(b.article_id)} says '
                    f'"{y.span.text}" for the same fact.',
                    (a.article_id, b.article_id), (x.span, y.span),
                    {**link, "unit": unit, "values": {a.id: x.value, b.id: y.value}},
                ))
    return out


# Verbs that state where a count stands whatever the event ("the toll rose to 273", "stood at",
# "brought the number to"): a count's verb among these says nothing of which event it counts.
_LEVEL_VERBS = frozenset("be have rise reach climb stand total jump increase grow fall drop put bring hit "
                         "number top exceed surpass count estimate".split())


def _triggers_of(aa: AnalyzedArticle, q: Quantity) -> list[tuple[str, str]]:
    """The lemma and part of speech of each claim a number is an argument of."""
    return [(c.lemma, c.pos) for c in aa.claims if any(arg.number_id == q.id for arg in c.arguments)]


def _different_acts(aa_x: AnalyzedArticle, x: Quantity, aa_y: AnalyzedArticle, y: Quantity) -> bool:
    """Whether two numbers are the objects of two different acts: two quantities, not two values of one.

    "the campaign is costing the group $2 million" / "it has reserved $800,000 of airtime": each number
    belongs to its own verb, and the verbs name different acts (no form or family in common, see
    :func:`trigger_match`). Sentences aligned for their other words still count different things.
    A number may be an argument of several claims ("open ... with 3 ships serving the route"):
    one related pair of verbs is enough to compare. Verbs that only state a level ("rose to",
    "stood at") or report ("said") decide nothing.
    """
    from newsprism.comparison._fact_score import trigger_match
    from newsprism.comparison.events import REPORTING_LEMMAS, related_lemmas

    tx, ty = _triggers_of(aa_x, x), _triggers_of(aa_y, y)
    if not tx or not ty or any(pos != "VERB" for _, pos in (*tx, *ty)):
        return False
    lemmas = {lemma for lemma, _ in (*tx, *ty)}
    if lemmas & (_LEVEL_VERBS | REPORTING_LEMMAS):
        return False
    return not any(lx == ly or trigger_match(lx, ly) or related_lemmas(lx, ly) for lx, _ in tx for ly, _ in ty)


def fact_number_conflicts(ctx: FindingContext) -> list[Finding]:
    """One fact, two values of one unit in its claims ("killed at least 230" / "killed at least 273").

    Runs on facts (claims clustered across articles), so a sentence that tells two facts is
    checked on the one the number belongs to; the numbers are the claims' own arguments. Pairs
    the alignment check already reports (same statements, same values) are not repeated, and
    wire copies of one text are not compared.
    """
    claims = {c.id: c for aa in ctx.articles for c in aa.claims}
    quantities = {q.id: q for aa in ctx.articles for q in aa.numbers}
    source_of = ctx.coverage.source_of
    seen = {(a.id, b.id) for al, a, b in strict_pairs(ctx)}
    out: list[Finding] = []
    for fact in ctx.facts:
        if len(fact.article_ids) < 2:
            continue
        told = [claims[c] for c in fact.claim_ids if c in claims]
        for x, y in combinations(told, 2):
            if x.article_id == y.article_id or source_of.get(x.article_id, x.article_id) == \
                    source_of.get(y.article_id, y.article_id) or (x.statement_id, y.statement_id) in seen:
                continue
            qx = [quantities[a.number_id] for a in x.arguments if a.number_id in quantities]
            qy = [quantities[a.number_id] for a in y.arguments if a.number_id in quantities]
            for unit in sorted({q.unit for q in qx} & {q.unit for q in qy}, key=str):
                if unit == "ordinal":
                    continue
                vx = [q for q in qx if q.unit == unit and q.value is not None]
                vy = [q for q in qy if q.unit == unit and q.value is not None]
                if len(vx) != 1 or len(vy) != 1 or abs(float(vx[0].value or 0) - float(vy[0].value or 0)) <= 1e-9:
                    continue
                if may_both_hold(ctx.owner[x.statement_id].article.text, vx[0],
                                  ctx.owner[y.statement_id].article.text, vy[0]):
                    continue
                out.append(Finding(
                    "", "number_conflict", "warning",
                    f'{ctx.outlet(x.article_id)} says "{vx[0].span.text}", {ctx.outlet(y.article_id)} says '
                    f'"{vy[0].span.text}" for the same fact ("{x.span.text}" / "{y.span.text}").',
                    (x.article_id, y.article_id), (vx[0].span, vy[0].span),
                    {"fact_id": fact.id, "unit": unit if unit is not None else "count",
                     "values": {x.id: float(vx[0].value or 0), y.id: float(vy[0].value or 0)}},
                ))
                seen.add((x.statement_id, y.statement_id))
    return out


def _distinct_people(ctx: FindingContext, x: str, y: str) -> bool:
    """Whether two speakers are surely two people: both persons, neither name's surname in the other.

    A person and an organisation may be its spokesperson and it ("Dustin Childs" / "Microsoft"),
    and two person entities sharing a surname may be one person the entity step did not join
    ("Mark Felt" / "W. Mark Felt", "WR Jackson" / "Vincent Jackson"): neither is a conflict,
    unless both give first names that cannot be one ("Anton Deibe" / "Jonas Deibe").
    """
    ex, ey = ctx.entity[x], ctx.entity[y]
    if ex.type != "PERSON" or ey.type != "PERSON":
        return False
    words = [{w.casefold() for v in (e.name, *e.variants) for w in re.findall(r"[^\W\d_]{2,}", v)} for e in (ex, ey)]
    last = [re.findall(r"[^\W\d_]{2,}", e.name)[-1:] for e in (ex, ey)]
    if not any(w and w[0].casefold() in other for w, other in zip(last, reversed(words), strict=True)):
        return True
    # One surname: two people only when both give first names that cannot be one ("Anton Deibe" /
    # "Jonas Deibe", a son and his father), not an initial or a spelling of the other.
    given = [re.findall(r"[^\W\d_]+", e.name)[:-1] for e in (ex, ey)]
    if not all(given) or any(len(g) < 3 or g.isupper() for names in given for g in names):
        return False
    return not {g.casefold()[:3] for g in given[0]} & {g.casefold()[:3] for g in given[1]}


def attribution_conflicts(ctx: FindingContext) -> list[Finding]:
    """The same content given to different speakers, or attributed in one outlet and stated as fact in another.

    "Different speakers" needs two people surely distinct (:func:`_distinct_people`), each
    named in its own statement.
    """
    out = []
    source_of = ctx.coverage.source_of
    seen: set[tuple[str, ...]] = set()  # wire copies of one text attribute once
    for al, a, b in strict_pairs(ctx):
        if a.speaker and b.speaker and a.speaker != b.speaker:
            # Each statement must name its own speaker: one carried over from a neighbouring
            # sentence is the analysis's guess, not the outlet's attribution.
            if not (_distinct_people(ctx, a.speaker, b.speaker) and mentions_entity(ctx, a, a.speaker)
                    and mentions_entity(ctx, b, b.speaker)):
                continue
            key = tuple(sorted((f"{source_of.get(a.article_id, a.article_id)}\t{a.speaker}",
                                f"{source_of.get(b.article_id, b.article_id)}\t{b.speaker}")))
            if key in seen:
                continue
            seen.add(key)
            na, nb = ctx.entity[a.speaker].name, ctx.entity[b.speaker].name
            out.append(Finding(
                "", "attribution_conflict", "warning",
                f"{ctx.outlet(a.article_id)} attributes this to {na}, {ctx.outlet(b.article_id)} to {nb}.",
                (a.article_id, b.article_id), (a.span, b.span),
                {"alignment_id": al.id, "speakers": {a.id: a.speaker, b.id: b.speaker}},
            ))
            continue
        for said, bare in ((a, b), (b, a)):
            # Attributed on one side, the outlet's own voice on the other, and the bare claim is
            # not itself about the speaker ("Blinken spoke with Lavrov" is no attribution drift)
            # nor in the first person ("We take this very seriously": a quotation whose marks
            # the analysis missed, not the outlet speaking).
            # A quotation mark anywhere in the bare sentence says it is somebody's words too (the
            # end of a quotation opened paragraphs earlier, a reprinted letter or post).
            if said.speaker and said.kind != "claim" and bare.kind == "claim" and not bare.speaker \
                    and not mentions_entity(ctx, bare, said.speaker) and not _FIRST_PERSON.search(bare.span.text) \
                    and not _QUOTE_MARK.search(bare.span.text) and not _opens_quoted(ctx, bare):
                name = ctx.entity[said.speaker].name
                out.append(Finding(
                    "", "attribution_conflict", "info",
                    f"{ctx.outlet(said.article_id)} attributes this to {name}; "
                    f"{ctx.outlet(bare.article_id)} states it in its own voice.",
                    (said.article_id, bare.article_id), (said.span, bare.span),
                    {"alignment_id": al.id, "attributed": said.id, "unattributed": bare.id,
                     "speaker": said.speaker},
                ))
    return out


def _opens_quoted(ctx: FindingContext, st: Statement) -> bool:
    """Whether a statement's paragraph opens with a quotation mark: a quoted letter, post or speech.

    The quotation reader may lose such a paragraph when marks nest or do not close (a reprinted
    letter that quotes a phrase itself), but no outlet starts its own paragraph with one.
    """
    text = ctx.owner[st.id].article.text
    start = text.rfind("\n", 0, st.span.start) + 1
    return bool(_QUOTE_MARK.match(text, start)) and text[start] not in "”»"


_INSERTION = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_QUOTE_MARK = re.compile(r"[\"“”«»„]")


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
        for a, b in _pairs(ctx, al):
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
    for (a, qa, sa), (b, qb, sb), shared in _quote_matches(ctx):
        if frozenset((a.id, b.id)) not in seen:
            seen.add(frozenset((a.id, b.id)))
            out.append(_variant(ctx, a, b, qa, qb, (sa, sb), {"alignment_id": None, "shared_words": shared}))
    return _best_renderings(ctx, out)


def _best_renderings(ctx: FindingContext, found: list[Finding]) -> list[Finding]:
    """The variants whose two wordings are each other's closest rendering of that speaker.

    A speaker who says one thing twice ("the council lied and they wrecked the plan" on Monday,
    "it is like they buried the plan" on Tuesday) is quoted twice by each outlet; each of one outlet's
    quotations matches both of the other's, but only its own rendering is a variant of it. A pair
    is kept when neither outlet quotes that speaker elsewhere in words closer to the other side's.
    """
    wordings: dict[tuple[str, str], list[tuple[str, list[str]]]] = defaultdict(list)
    for aa in ctx.articles:
        for st in aa.statements:
            if st.speaker:
                wordings[(aa.article.id, st.speaker)].append((st.id, _quoted(st.span.text)))
        for st, wording, _ in _quote_wordings(aa):
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


def _quote_matches(ctx: FindingContext) -> Iterator[tuple[QuoteRef, QuoteRef, list[str]]]:
    """Quotations of one speaker (one story entity) in two outlets whose statements may be one fact.

    The statements must be aligned or a possible pair of the alignment; the wordings must pass
    :func:`_variant_words`.
    """
    linked = {frozenset((p.first, p.second)) for p in ctx.possible}
    linked |= {frozenset((a.id, b.id)) for al in ctx.alignments for a, b in _pairs(ctx, al)}
    per_article = [_quote_wordings(aa) for aa in ctx.articles]
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


CONFLICT_FINDERS = (date_conflicts, number_conflicts, fact_number_conflicts, attribution_conflicts, quote_variants,
                    voice_imbalance)
