"""Findings about one article or a whole story: what a careful reader would point out.

Each finder is a function ``(ctx) -> list[Finding]`` that reads only model records. The bar is
no false alarms: a finding fires only on explicit evidence (a weekday named next to a date it
does not fall on, the same unit with different values in statements aligned as one fact, ...),
and its message says what was seen, not what it means.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from newsprism._name_tables import plain_letters
from newsprism.comparison._names import ratio
from newsprism.comparison.confidence import confidence_of, ranked
from newsprism.comparison.coverage import alignment_sources
from newsprism.comparison.translation import (
    back_transliterations,
    explained_spellings,
    has_foreign_script,
    translation_artifacts,
)
from newsprism.comparison.xlang import evidenced_pairs, near_pairs
from newsprism.ingest._furniture import is_notice_sentence
from newsprism.model import Alignment, AnalyzedArticle, Coverage, Entity, Fact, Finding, PossiblePair, Span, Statement

__all__ = ["FindingContext", "aligned_pairs", "find_findings", "FINDERS", "has_foreign_script", "tells_a_fact",
           "translation_artifacts"]


@dataclass(slots=True)
class FindingContext:
    """Everything a finder may read, with lookups built once.

    ``coverage`` is the comparison's (:func:`newsprism.comparison.coverage.compute_coverage` of
    these articles, alignments, wire-copy groups and possible pairs), computed once by the caller.
    """

    articles: Sequence[AnalyzedArticle]
    entities: Sequence[Entity]
    alignments: Sequence[Alignment]
    same_source: Sequence[frozenset[str]]
    possible: Sequence[PossiblePair] = ()
    coverage: Coverage = field(kw_only=True)
    facts: Sequence[Fact] = field(default=(), kw_only=True)
    statements: dict[str, Statement] = field(init=False)
    owner: dict[str, AnalyzedArticle] = field(init=False)
    entity: dict[str, Entity] = field(init=False)
    article: dict[str, AnalyzedArticle] = field(init=False)

    def __post_init__(self) -> None:
        self.statements = {st.id: st for aa in self.articles for st in aa.statements}
        self.owner = {st.id: aa for aa in self.articles for st in aa.statements}
        self.entity = {e.id: e for e in self.entities}
        self.article = {aa.article.id: aa for aa in self.articles}

    def outlet(self, article_id: str) -> str:
        """A short name for an article: its outlet, else the file it came from (never its headline)."""
        aa = self.article.get(article_id)
        return aa.article.display_name() if aa is not None else article_id


def _date(d: object) -> str:
    return f"{d:%-d %B %Y}" if d is not None else "?"


def weekday_mismatches(ctx: FindingContext) -> list[Finding]:
    """A weekday given with a date it does not fall on ("Thursday, July 29" in 2022, a Friday)."""
    out = []
    for aa in ctx.articles:
        for t in aa.times:
            if t.weekday_mismatch and t.start is not None:
                actual = calendar.day_name[t.start.weekday()]
                out.append(Finding(
                    "", "date_weekday_mismatch", "warning",
                    f'{ctx.outlet(aa.article.id)} writes "{t.span.text}", but {_date(t.start)} was a {actual}, '
                    f"not a {t.weekday_mismatch}.",
                    (aa.article.id,), (t.span,),
                    {"stated_weekday": t.weekday_mismatch, "date": t.start.isoformat(), "actual_weekday": actual},
                ))
    return out


#: Fewest content terms (:attr:`Statement.terms`) of a statement a ``single_source`` finding lists.
FACT_MIN_TERMS = 3


def wire_copies(ctx: FindingContext) -> list[Finding]:
    """Articles that carry one text: shown as one source."""
    out = []
    for group in ctx.same_source:
        ids = tuple(aa.article.id for aa in ctx.articles if aa.article.id in group)
        names = ", ".join(ctx.outlet(a) for a in ids)
        evidence = tuple(ctx.article[a].statements[0].span for a in ids)
        out.append(Finding(
            "", "wire_copy", "info",
            f"{names} carry near-identical text: counted as one source, not as corroboration.",
            ids, evidence, {"article_ids": list(ids)},
        ))
    return out


def _name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s.]+", unicodedata.normalize("NFKC", name).casefold()) if t]


def _spelled_differently(f: str, g: str) -> bool:
    """Two full forms of one name with the same surname and number of words, differing in a word's spelling.

    A word that is a prefix of the other's (an initial, a short form: "C." / "Cheney", "Ray" /
    "Raymond", "Mat" / "Matanuska") is another form of the name, not another spelling; one letter
    more is a misspelling ("Liz" / "Lizz"), no short form.
    """
    a, b = _name_tokens(f), _name_tokens(g)
    if len(a) != len(b) or a[-1] != b[-1] or a == b or _unaccented(f) == _unaccented(g):
        return False  # an accent dropped ("Raul" / "Raúl") or a curly apostrophe is typography, not another spelling

    def short_form(x: str, y: str) -> bool:
        return (x.startswith(y) or y.startswith(x)) and abs(len(x) - len(y)) >= 2

    def respelled(x: str, y: str) -> bool:
        # "Joergen Frydnes" / "Watne Frydnes" are two parts of "Joergen Watne Frydnes", not two
        # spellings of one word: a respelling keeps most of the word's letters.
        return not short_form(x, y) and ratio(x, y) >= 0.5

    return all(respelled(x, y) for x, y in zip(a, b, strict=True) if x != y)


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


# "oe" and "ue" print a letter a font or a keyboard lacks ("Jørgen" / "Joergen", "Müller" /
# "Mueller"): one romanisation of the name as good as the plain letter, no other spelling.
_DIGRAPH_VOWEL = re.compile(r"(?<=[^\W\d_])([ou])e")


def _unaccented(text: str) -> str:
    plain = unicodedata.normalize("NFKD", plain_letters(text.translate(_APOSTROPHES)))
    return _DIGRAPH_VOWEL.sub(r"\1", "".join(c for c in plain if not unicodedata.combining(c)).casefold())


def name_variants(ctx: FindingContext) -> list[Finding]:
    """One entity spelled differently across outlets (not a short form of the same spelling).

    A spelling a translated text got from a round trip through Cyrillic is a
    ``translation_artifact`` (:func:`newsprism.comparison.translation.back_transliterations`),
    not listed here again.
    """
    out = []
    explained = explained_spellings(back_transliterations(ctx))
    for ent in ctx.entities:
        by_form: dict[str, set[str]] = defaultdict(set)
        spans: dict[str, Span] = {}
        for m in ent.mentions:
            if m.span.text in explained.get(ent.id, ()):
                continue
            by_form[m.span.text].add(m.span.article_id)
            spans.setdefault(m.span.text, m.span)
        full = [f for f in by_form if len(_name_tokens(f)) >= 2]
        variants = sorted({f for f in full for g in full if f != g and _spelled_differently(f, g)})
        if len(variants) < 2 or len({a for f in variants for a in by_form[f]}) < 2:
            continue
        spelled = "; ".join(f'"{f}" ({", ".join(ctx.outlet(a) for a in sorted(by_form[f]))})' for f in variants)
        out.append(Finding(
            "", "name_variant", "info",
            f"{ent.name} is spelled differently: {spelled}.",
            tuple(sorted({a for f in variants for a in by_form[f]})), tuple(spans[f] for f in variants),
            {"entity_id": ent.id, "spellings": {f: sorted(by_form[f]) for f in variants}},
        ))
    return out


def aligned_pairs(ctx: FindingContext, al: Alignment) -> list[tuple[Statement, Statement]]:
    """The pairs of an alignment's statements that come from different articles."""
    sts = [ctx.statements[s] for s in al.statement_ids]
    return [(a, b) for a, b in combinations(sts, 2) if a.article_id != b.article_id]


def mentions_entity(ctx: FindingContext, st: Statement, entity_id: str) -> bool:
    """Whether one of an entity's mentions lies inside a statement (the sentence names it itself)."""
    ent = ctx.entity.get(entity_id)
    return ent is not None and any(
        m.span.article_id == st.article_id and st.span.start <= m.span.start < st.span.end for m in ent.mentions)


def coverage_findings(ctx: FindingContext) -> list[Finding]:
    """Single-source facts (per article, in one finding) and omissions (facts ≥ 2 others report).

    ``single_source`` ``data``: ``statement_ids`` (aligned with nothing, no possible counterpart
    either; the evidence) and ``unconfirmed`` (statement id -> its possible counterparts).
    ``omission`` ``data``: ``alignment_id``, ``reported_by``, ``alignment_ids`` when the
    finding gathers the sentences of one quotation an article leaves out, and ``omitted_by`` when
    copies of one text leave it out together (one finding). Both are claims of absence, made
    only where the alignment saw not even a possible counterpart (a statement of the article in
    a possible pair with the fact). An omission needs a fact every reporting outlet tells
    (:attr:`Coverage.agreed`), and quotes that statement: the sentences of a ``partial``
    alignment without a shared core share only part of what they say, and quoting one as what
    an article leaves out would charge it with the rest.
    """
    out = []
    n_sources = len({frozenset(g) for g in ctx.same_source}) + len(ctx.articles) - sum(len(g) for g in ctx.same_source)
    source_of = ctx.coverage.source_of
    if n_sources >= 2:
        for aa in ctx.articles:
            # Only statements without even a possible counterpart: absence is a claim too. And
            # only those that tell something: a fragment of a quote split off by the parser
            # ("Sort of.", "Trump!") or a heading ("UPDATE:") is no fact one outlet has alone.
            ids = tuple(s for s in ctx.coverage.single_source(aa.article.id) if tells_a_fact(ctx.statements[s]))
            maybe = [s for s in ctx.coverage.unique.get(aa.article.id, ()) if s in ctx.coverage.unconfirmed]
            near = {s: list(ctx.coverage.unconfirmed[s]) for s in maybe}
            if ids:
                more = (f"; {len(maybe)} more may be reported elsewhere in other words (a possible counterpart "
                        "the alignment could not confirm)") if maybe else ""
                out.append(Finding(
                    "", "single_source", "info",
                    f"{len(ids)} of {len(aa.statements)} statements appear only in {ctx.outlet(aa.article.id)}"
                    f"{more}.",
                    (aa.article.id,), tuple(ctx.statements[s].span for s in ids),
                    {"statement_ids": list(ids), "unconfirmed": near},
                ))
    if not ctx.coverage.judged:
        return out  # a story too small to weigh absence (Coverage.judged): no omission either
    # Per article that leaves them out, the facts it lacks: one finding per fact, or per quotation.
    missing: dict[tuple[str, str], list[tuple[Alignment, Statement, tuple[str, ...]]]] = {}
    omitted_by: dict[tuple[str, str], list[str]] = {}
    near_of: dict[str, list[str]] = defaultdict(list)
    for s, t, _ in evidenced_pairs(ctx.articles, near_pairs(ctx.articles, source_of, mutual=False)):
        near_of[s].append(t)  # t: the nearest sentence to s in its article
    owner_of = {st_id: st.article_id for st_id, st in ctx.statements.items()}
    sources_of: dict[str, set[str]] = {}  # per alignment, the independent sources that tell it
    for al_id in ctx.coverage.corroborated:
        reporting = ctx.coverage.outlets[al_id]
        al = next(a for a in ctx.alignments if a.id == al_id)
        independent = set(alignment_sources(al.statement_ids, ctx.statements, owner_of, source_of).values())
        sources_of[al_id] = independent
        if len(independent) < 2 or al_id not in ctx.coverage.agreed:
            continue
        first = ctx.statements[ctx.coverage.agreed[al_id]]
        if _attribution_line(first):
            continue  # two outlets' attribution lines ("Об этом заявил X.") are not a fact one omits
        told = {ctx.statements[c].article_id for s in al.statement_ids for c in ctx.coverage.counterparts.get(s, ())}
        together = _quotation_of(ctx, first) or al_id  # the sentences of one quotation go together
        for aa in ctx.articles:
            aid = aa.article.id
            # An article with a possible counterpart of the fact may tell it in other words.
            if aid in reporting or source_of[aid] in independent or aid in told:
                continue
            key = (source_of[aid], together)  # copies of one text leave a fact out once, together
            missing.setdefault(key, []).append((al, first, reporting))
            copies = omitted_by.setdefault(key, [])
            if aid not in copies:
                copies.append(aid)
    for key, group in missing.items():
        aids, group = omitted_by[key], list(dict.fromkeys(group))
        # A fact told only in other languages than the article's, and a sentence of the article
        # nearest to it (xlang.evidenced_pairs): it may tell the fact in its own words, which no
        # lexical check could see. The omission stands, less sure. (A fact also told in the
        # article's language was compared with its sentences word for word.)
        language = ctx.article[aids[0]].article.language
        elsewhere = all(ctx.owner[m].article.language != language for al, _, _ in group for m in al.statement_ids)
        maybe_told = sorted({t for al, _, _ in group for s in al.statement_ids for t in near_of.get(s, ())
                             if ctx.statements[t].article_id in aids}) if elsewhere else []
        out.append(_omission(ctx, aids, group, sources_of[group[0][0].id], maybe_told, elsewhere))
    return out


def _quotation_of(ctx: FindingContext, st: Statement) -> str | None:
    """The direct quotation a statement is a sentence of, if any (its id)."""
    aa = ctx.owner[st.id]
    best = max(((min(q.content.end, st.span.end) - max(q.content.start, st.span.start), q.id)
                for q in aa.quotes if q.kind == "direct"), default=(0, None))
    return best[1] if best[0] > 0 else None


def _omission(ctx: FindingContext, aids: list[str], group: list[tuple[Alignment, Statement, tuple[str, ...]]],
              independent: set[str], maybe_told: Sequence[str] = (), elsewhere: bool = False) -> Finding:
    """One ``omission`` finding: the facts an article leaves out, the sentences of one quotation together.

    A quotation other outlets carry over several sentences is one thing an article leaves out,
    not one per sentence; and copies of one text (``aids``, wire copies) leave it out once.
    ``independent``: the sources that tell the first fact (:func:`alignment_sources`).
    ``maybe_told``: the article's statements in another language that may tell the fact
    (``data["possibly_told"]``: the finding is of a less sure kind). ``elsewhere``: every report of
    the fact is in another language than the article (``data["other_languages"]``): whether the
    article tells it was checked across languages only, which misses more than a check in one
    language, so the finding is of a less sure kind too.
    """
    al, first, reporting = group[0]
    more = f" (and {len(group) - 1} more sentence{'s' if len(group) > 2 else ''} of the same quotation)" \
        if len(group) > 1 else ""
    articles = tuple(dict.fromkeys(a for _, _, r in group for a in r))
    names = [ctx.outlet(a) for a in aids]
    who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]} (copies of one text)"
    verb = "does" if len(names) == 1 else "do"
    return Finding(
        "", "omission", "info",
        f'{who} {verb} not report what {len(independent)} other outlets do: "{first.span.text}"{more}',
        (*aids, *articles), tuple(ctx.statements[s].span for a, _, _ in group for s in a.statement_ids),
        {"alignment_id": al.id, "reported_by": list(reporting),
         **({"alignment_ids": [a.id for a, _, _ in group]} if len(group) > 1 else {}),
         **({"omitted_by": list(aids)} if len(aids) > 1 else {}),
         **({"possibly_told": list(maybe_told)} if maybe_told else {}),
         **({"other_languages": True} if elsewhere else {})},
    )


# A note on sourcing says how the outlet got a fact, not a fact of the story: "The official
# insisted on anonymity to describe the private conversation", "spoke on condition of anonymity
# because he was not authorized to discuss it".
_SOURCING_NOTE = re.compile(
    r"\b(?:on (?:the )?condition (?:of|that) (?:anonymity|(?:he|she|they) not be (?:named|identified))|"
    r"(?:insisted on|requested|demanded|asked for|granted|given) anonymity|"
    r"(?:declined|asked|refused) not to be (?:named|identified)|(?:declined|asked) to be (?:named|identified)|"
    r"(?:was|were|is|are) not authori[sz]ed to (?:speak|discuss|comment))\b", re.IGNORECASE)
# A sentence that only names who said what the sentence before it says: "This was stated by the
# president's aide", «Об этом заявил помощник президента Юрий Ушаков», «Такую оценку дал X».
_ATTRIBUTION_ONLY = re.compile(
    r"^(?:(?:this|that|it)\s+(?:was|is|has been)\s+(?:said|stated|announced|reported|confirmed)\s+by|"
    r"that'?s according to|(?:об этом(?: же)?|о том же|это|так|такую оценку|такое мнение|такое заявление|такие данные)"
    r"\s+(?:\S+\s+){0,3}?(?:заявил[аи]?|сообщил[аи]?|сообщает|сообщают|рассказал[аи]?|сказал[аи]?|отметил[аи]?|"
    r"дал[аи]?|высказал[аи]?|выразил[аи]?|написал[аи]?|пишет|говорится|переда[её]т|указал[аи]?|подчеркнул[аи]?)\b)",
    re.IGNORECASE)
#: A sentence with a sourcing phrase and at most this many content terms is only a sourcing note
#: (a longer one tells a fact too: "..., said an official who spoke on condition of anonymity").
_SOURCING_NOTE_TERMS = 8


def tells_a_fact(st: Statement) -> bool:
    """Whether a statement asserts something of its own: three content words, not a question, not a lead-in.

    A sentence the parse reads as no assertion (:attr:`Statement.asserts`: a verbless list item, a
    bare speaker tag, a subordinate clause standing alone) tells no fact. A question ("How come
    in the hospital itself?") asserts nothing, a sentence ending in a
    colon introduces the quotation after it ("Trump responded in a statement:"), a short note on
    sourcing ("Both insisted on anonymity to describe the private gathering.") says how the
    outlet knows, not what happened, and an attribution line («Об этом заявил X.», "This was
    stated by X.") only names who said the sentence before it.
    """
    end = st.span.text.rstrip(" \"'”’»)")
    if not st.asserts or len(st.terms) < FACT_MIN_TERMS or end.endswith(("?", ":")):
        return False
    if _attribution_line(st) or is_notice_sentence(st.span.text):
        return False  # "Below is what we know thus far." inside a paragraph: the page, not the news
    return not (_SOURCING_NOTE.search(st.span.text) and len(st.terms) <= _SOURCING_NOTE_TERMS)


def _attribution_line(st: Statement) -> bool:
    return bool(_ATTRIBUTION_ONLY.match(st.span.text.lstrip(" \"'“«—–-")))


FINDERS: tuple[Callable[[FindingContext], list[Finding]], ...] = (
    weekday_mismatches,
    translation_artifacts,
    wire_copies,
    name_variants,
    coverage_findings,
)


def find_findings(
    articles: Sequence[AnalyzedArticle],
    entities: Sequence[Entity],
    alignments: Sequence[Alignment],
    same_source: Sequence[frozenset[str]] = (),
    extra: Sequence[Callable[[FindingContext], list[Finding]]] = (),
    possible: Sequence[PossiblePair] = (),
    *,
    coverage: Coverage,
    facts: Sequence[Fact] = (),
) -> tuple[Finding, ...]:
    """Run every finder over a story and number the findings.

    Args:
        articles: The story's analyzed articles (statement speakers are story-level entity ids).
        entities: Story-level entities.
        alignments: Aligned statements.
        same_source: Wire-copy groups.
        extra: More finders to run after the built-in ones.
        possible: Pairs the alignment found possible but did not join (see ``compute_coverage``).
        coverage: The story's coverage, computed from the same records.
        facts: The story's facts (claims clustered across articles), for the checks that run on facts.

    Returns:
        The findings with their confidence, ids ``f<n>``, ranked by severity x confidence (ties in
        finder order, then text order).
    """
    ctx = FindingContext(articles, entities, alignments, same_source, possible, coverage=coverage, facts=facts)
    found: list[Finding] = []
    for finder in (*FINDERS, *extra):
        found += finder(ctx)
    scored = [dataclasses.replace(f, confidence=confidence_of(f)) for f in found]
    return tuple(dataclasses.replace(f, id=f"f{n}") for n, f in enumerate(ranked(scored)))
