"""Findings across aligned statements (conflicts, quote wording) and over whose voices are quoted.

Two statements aligned as one fact are compared field by field: their resolved dates, their
quantities of the same unit, their speakers, their quoted words. A conflict needs both sides to
state the field explicitly; silence on one side is never a conflict.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from newsprism.comparison._bounds import CROSS_LANGUAGE_SLACK, may_both_hold
from newsprism.comparison._updates import Side, change_of, near_message, update_message
from newsprism.comparison.coverage import is_number_term
from newsprism.comparison.findings import FindingContext, _date, aligned_pairs, mentions_entity
from newsprism.comparison.quote_variants import quote_variants
from newsprism.comparison.voices import voice_imbalance
from newsprism.comparison.xlang import common_unit, near_pairs, number_pairs
from newsprism.model import Alignment, AnalyzedArticle, Finding, Quantity, Severity, Statement, TimeRef

__all__ = ["CONFLICT_FINDERS", "strict_pairs", "compared_pairs", "date_conflicts", "number_conflicts",
           "attribution_conflicts", "quote_variants", "voice_imbalance", "fact_number_conflicts",
           "cross_language_number_conflicts"]

# Only alignments at least this close are compared field by field ("partial" ones add facts,
# so a differing date there may belong to the added fact).
_STRICT = ("same", "paraphrase")
_ECHO_MIN_TERMS = 3
_ECHO_SHARE = 0.75
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|me|my|we|we're|we've|us|our)\b", re.IGNORECASE)
# A sentence that says it is a report, with no one named ("No injuries were reported", "is said
# to have", "reportedly"): attributed too, to a source the outlet leaves unnamed; not its own voice.
_HEDGED = re.compile(r"\b(?:(?:was|were|is|are|has been|have been|had been)\s+(?:reported|said|believed|thought|"
                     r"understood|alleged)|reportedly|allegedly|according to)\b", re.IGNORECASE)


def _times(aa: AnalyzedArticle, st: Statement) -> list[TimeRef]:
    by_id = {t.id: t for t in aa.times}
    return [by_id[i] for i in st.times if i in by_id and by_id[i].start is not None]


def _quantities(aa: AnalyzedArticle, st: Statement) -> list[Quantity]:
    by_id = {q.id: q for q in aa.numbers}
    return [by_id[i] for i in st.numbers if i in by_id and by_id[i].value is not None]


def strict_pairs(ctx: FindingContext) -> Iterator[tuple[Alignment, Statement, Statement]]:
    """Pairs of statements from different articles in alignments close enough to compare field by field."""
    for al in ctx.alignments:
        if al.relation in _STRICT:
            for a, b in aligned_pairs(ctx, al):
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


def compared_pairs(ctx: FindingContext) -> Iterator[tuple[str | None, Statement, Statement]]:
    """Strict alignments' pairs, then partial and possible pairs that are echoes (see :func:`_echo`)."""
    seen: set[frozenset[str]] = set()
    for al, a, b in strict_pairs(ctx):
        seen.add(frozenset((a.id, b.id)))
        yield al.id, a, b
    loose = [(a, b) for al in ctx.alignments if al.relation not in _STRICT for a, b in aligned_pairs(ctx, al)]
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
    for al_id, a, b in compared_pairs(ctx):
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
                out.append(_number_finding(
                    ctx, Side(ctx.owner[a.id], a, x), Side(ctx.owner[b.id], b, y),
                    f'{ctx.outlet(a.article_id)} says "{x.span.text}", {ctx.outlet(b.article_id)} says '
                    f'"{y.span.text}" for the same fact.',
                    {**link, "unit": unit, "values": {a.id: x.value, b.id: y.value}},
                ))
    return out


def _number_finding(ctx: FindingContext, x: Side, y: Side, message: str, data: dict[str, object]) -> Finding:
    """A ``number_conflict`` of two values, told as an update or a near miss when it is one.

    A rising count reported later (``change`` ``update``) or two values one apart in reports of
    different days (``near``: :func:`newsprism.comparison._updates.change_of`) is no sure
    contradiction: it is an ``info`` finding with its own message, folded by its confidence.
    """
    ox, oy = ctx.outlet(x.aa.article.id), ctx.outlet(y.aa.article.id)
    change = change_of(x, y)
    severity: Severity = "warning"
    if change == "update":
        message, severity = update_message(x, y, ox, oy), "info"
    elif change == "near":
        message, severity = near_message(x, y, ox, oy), "info"
    return Finding("", "number_conflict", severity, message,
                   (x.aa.article.id, y.aa.article.id), (x.quantity.span, y.quantity.span),
                   {**data, **({"change": change} if change else {})})


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
                sx, sy = ctx.statements[x.statement_id], ctx.statements[y.statement_id]
                out.append(_number_finding(
                    ctx, Side(ctx.owner[sx.id], sx, vx[0]), Side(ctx.owner[sy.id], sy, vy[0]),
                    f'{ctx.outlet(x.article_id)} says "{vx[0].span.text}", {ctx.outlet(y.article_id)} says '
                    f'"{vy[0].span.text}" for the same fact ("{x.span.text}" / "{y.span.text}").',
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
            # end of a quotation opened paragraphs earlier, a reprinted letter or post), and so does
            # a report without a source ("No injuries were reported": :data:`_HEDGED`).
            if said.speaker and said.kind != "claim" and bare.kind == "claim" and not bare.speaker \
                    and not mentions_entity(ctx, bare, said.speaker) and not _FIRST_PERSON.search(bare.span.text) \
                    and not _QUOTE_MARK.search(bare.span.text) and not _opens_quoted(ctx, bare) \
                    and not _HEDGED.search(bare.span.text):
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


_QUOTE_MARK = re.compile(r"[\"“”«»„]")


# Between a part and its whole: "20 of the 34 counts", «по 20 пунктам из 34».
_PART_OF = re.compile(r"\s*(?:из|of(?: the)?)\s*", re.IGNORECASE)


def _counts(aa: AnalyzedArticle, st: Statement) -> list[tuple[Quantity, Quantity | None]]:
    """A statement's numbers as ``(count, whole)``: a part of a whole ("20 of 34") is one count, the part's.

    The part takes the whole's unit when it has none ("20 of the 34 counts"), and the whole the
    part's («20 пунктам из 34»); a number alone has no whole.
    """
    qs = sorted(_quantities(aa, st), key=lambda q: q.span.start)
    out: list[tuple[Quantity, Quantity | None]] = []
    k = 0
    while k < len(qs):
        q = qs[k]
        if k + 1 < len(qs) and _PART_OF.fullmatch(aa.article.text[q.span.end:qs[k + 1].span.start]) \
                and (q.unit or qs[k + 1].unit) and (q.value or 0) < (qs[k + 1].value or 0):
            whole = qs[k + 1]
            out.append((dataclasses.replace(q, unit=q.unit or whole.unit), whole))
            k += 2
            continue
        out.append((q, None))
        k += 1
    return out


def cross_language_number_conflicts(ctx: FindingContext) -> list[Finding]:
    """One fact in two languages, two values of one unit («по 20 пунктам из 34» / "on 34 counts").

    Compared: the near pairs (:func:`newsprism.comparison.xlang.near_pairs`: a statement and its
    nearest sentence in an article of another language) that share a number value or, closer
    still, a unit (:func:`~newsprism.comparison.xlang.number_pairs`); units are matched across the
    languages (:data:`~newsprism.comparison.xlang.RU_UNITS`). Each side must give one count of the
    unit (a part of a whole counts as the part), and the two values must not both hold (a bound
    the other meets, an estimate near it). The verbs are not compared (no lemma is shared across
    languages): the pair's nearness and its shared number stand for them.
    """
    pairs = number_pairs(ctx.articles, near_pairs(ctx.articles, ctx.coverage.source_of))
    out: list[Finding] = []
    seen: set[tuple[str, float]] = set()
    for s, t in pairs:
        a, b = ctx.statements[s], ctx.statements[t]
        aa, ab = ctx.owner[s], ctx.owner[t]
        la, lb = aa.article.language, ab.article.language
        ca, cb = _counts(aa, a), _counts(ab, b)
        for x, whole in ca:
            with_unit = [(y, w) for y, w in cb if common_unit(x, la, y, lb)]
            if len(with_unit) != 1 or sum(common_unit(x2, la, with_unit[0][0], lb) for x2, _ in ca) != 1:
                continue
            y, _ = with_unit[0]
            if x.value is None or y.value is None or abs(x.value - y.value) <= 1e-9 \
                    or may_both_hold(aa.article.text, x, ab.article.text, y, CROSS_LANGUAGE_SLACK) \
                    or (x.id, y.value) in seen:
                continue
            seen.add((x.id, y.value))
            of = f' (of "{whole.span.text}")' if whole is not None else ""
            out.append(_number_finding(
                ctx, Side(aa, a, x), Side(ab, b, y),
                f'{ctx.outlet(a.article_id)} says "{x.span.text}"{of}, {ctx.outlet(b.article_id)} says '
                f'"{y.span.text}" for what may be the same fact, told in two languages '
                f'("{a.span.text}" / "{b.span.text}").',
                {"statement_ids": [a.id, b.id], "unit": y.unit if lb == "en" else x.unit,
                 "values": {a.id: x.value, b.id: y.value}, "cross_language": True},
            ))
    return out


CONFLICT_FINDERS = (date_conflicts, number_conflicts, fact_number_conflicts, cross_language_number_conflicts,
                    attribution_conflicts, quote_variants, voice_imbalance)
