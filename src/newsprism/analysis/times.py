"""Time expressions of one English article, resolved to dates or ranges of dates.

:mod:`newsprism.analysis._timeparse` finds the expressions; this module resolves them, in text
order, and gives each a :class:`~newsprism.model.TimeRef`:

- explicit dates and years ("July 29, 2022", "2022-07-29", "in 2021", "in March 2022",
  "between 2019 and 2021", "the 1990s") need nothing else: kind "date" or "range", anchor "text";
- weekdays ("Friday", "on Wednesday", "last Monday"), deictic expressions ("yesterday", "next week",
  "earlier in the day", "two weeks ago", "later this year") and dates without a year ("February 15",
  "August 3-5") are resolved against the publication date: anchor "published". A bare weekday or
  a year-less date goes to its nearest occurrence on or before the publication date (the same day
  counts), unless its clause is in the future tense ("will", "is expected to", "plans to", "the
  vote is on Monday", "ahead of Thursday's debate"), then to the nearest on or after; in the
  simple present ("takes over in January") or under a modal ("would", "could", "may") to the
  nearest in either direction. "last"/"next"/"this" before a weekday or month decide instead;
- chained expressions ("nine days later", "the next day", "on the same day", "a week earlier",
  "the following Monday") are resolved against the most recent resolved TimeRef before them, whose
  id becomes their anchor; a past-tense chain skips anchors after the publication date (plans
  mentioned in between), and "two days after February 15" hangs on the date it names, while
  "two days after the election" hangs on an event and stays unresolved;
- a weekday given with a date ("on Thursday, July 29", "July 29 (Thursday)") is one TimeRef of
  kind "date"; when the date does not fall on that weekday, ``weekday_mismatch`` names the weekday.

Choices: "this week", "last month" etc. are calendar periods (weeks run Monday to Sunday);
"earlier this week" runs from the period's start to the publication date. "last Friday" is the
most recent Friday strictly before the publication date, "next Friday" the first one strictly
after it; "this Friday" follows the tense like a bare "Friday". "would" is not future: reported plans
("said Monday he would travel on Thursday") were made before publication and may fall on either
side of it, so the nearest occurrence wins. Vague amounts ("several weeks earlier", "days
later") are emitted unresolved (start/end None). Clock times ("10 a.m.") and durations ("for two
years", "over the past week") are not time references and are not emitted; nor are ordinals
("28th"), counts and numbered labels.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newsprism.analysis._timeparse import WEEKDAYS, Expr, find_expressions
from newsprism.model import Article, TimeRef

__all__ = ["resolve_times"]

_WILL = frozenset({"will", "shall", "'ll", "ll", "wo"})
_MODAL = frozenset({"would", "could", "might", "may", "should", "'d"})
PAST, EITHER, FUTURE = -1, 0, 1  # the tense of a clause, as far as dates are concerned
# Verbs of intention or schedule that put the infinitive they govern in the future
# ("is expected to visit", "plans to meet", "is set to sign", "is scheduled for Monday").
_INTENT = frozenset({"expect", "plan", "schedule", "set", "slate", "intend", "aim", "prepare", "poise", "due"})
_DUE = frozenset({"due", "set", "slated", "scheduled", "poised", "expected", "likely", "about"})
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|'ll|(?:is|are|am)\s+(?:expected|scheduled|set|due|going|planning|slated|poised)\s+to"
    r"|plans?\s+to|intends?\s+to)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Res:
    start: date | None
    end: date | None
    kind: str
    anchor: str | None
    mismatch: str | None = None


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _period(unit: str, base: date, shift: int) -> tuple[date, date]:
    """Return the calendar ``unit`` (week, weekend, month, year) containing ``base``, moved ``shift`` units."""
    if unit in ("week", "weekend", "fortnight"):
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=shift)
        return (monday + timedelta(days=5), monday + timedelta(days=6)) if unit == "weekend" else (
            monday, monday + timedelta(days=6))
    if unit == "month":
        first = _add_months(base.replace(day=1), shift)
        return _month(first.year, first.month)
    if unit == "year":
        return date(base.year + shift, 1, 1), date(base.year + shift, 12, 31)
    day = base + timedelta(days=shift)
    return day, day


def _shift(base: date, unit: str, n: int) -> date:
    if unit == "day":
        return base + timedelta(days=n)
    if unit in ("week", "fortnight"):
        return base + timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    return _add_months(base, n * (12 if unit == "year" else 1))


def _ymd(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _yearless(pub: date, m: int, d: int, tense: int) -> date | None:
    """Nearest valid ``m``/``d`` not after ``pub``, on or after it (FUTURE), or either (EITHER).

    A "February 29" walks on to its leap year.
    """
    if tense == EITHER:
        got = [x for x in (_yearless(pub, m, d, PAST), _yearless(pub, m, d, FUTURE)) if x is not None]
        return min(got, key=lambda x: (abs((x - pub).days), x > pub)) if got else None
    step = 1 if tense == FUTURE else -1
    y = pub.year + (step if (tense == FUTURE and (m, d) < (pub.month, pub.day)) or (
        tense == PAST and (m, d) > (pub.month, pub.day)) else 0)
    for _ in range(8):
        got1 = _ymd(y, m, d)
        if got1 is not None:
            return got1
        y += step
    return None


def _weekday(pub: date, wd: int, mod: str | None, tense: int) -> date:
    back, ahead = (pub.weekday() - wd) % 7, (wd - pub.weekday()) % 7
    if mod in ("last", "past", "this past"):
        return pub - timedelta(days=back or 7)
    if mod in ("next", "coming", "this coming"):
        return pub + timedelta(days=ahead or 7)
    if tense == EITHER:
        return pub + timedelta(days=ahead) if ahead < back else pub - timedelta(days=back)
    return pub + timedelta(days=ahead) if tense == FUTURE else pub - timedelta(days=back)


def _verb_tense(v: Any, via_noun: bool = False) -> int | None:
    """PAST, FUTURE or EITHER for one verb from its auxiliaries and lemma; None when it says nothing."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"]
    words = {c.lower_ for c in auxes} | ({v.lower_} if v.pos_ == "AUX" else set())
    if words & _WILL:
        return FUTURE
    if v.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lower_ in ("had", "was", "were", "did") for c in auxes):
        if v.lemma_ in _INTENT and (v.lemma_ in ("schedule", "slate") or any(c.dep_ == "xcomp" for c in v.children)):
            return EITHER  # "was scheduled to return Tuesday": a plan made in the past, for either side
        return PAST
    if words & _MODAL:
        return PAST if "have" in words and v.tag_ == "VBN" else EITHER
    if v.lemma_ in _INTENT and (v.tag_ != "VBN" or auxes or v.dep_ in ("acl", "relcl")):
        return FUTURE
    if v.lemma_ == "go" and v.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in v.children):
        return FUTURE
    if v.lemma_ == "be" and v.tag_ in ("VBZ", "VBP") and v.dep_ not in ("aux", "auxpass") and not via_noun:
        return FUTURE  # "the vote is on Monday", "the deadline is March 3": a present copula schedules
        # (but not "the message from Tuesday is clear": there the time hangs on a noun)
    if v.tag_ in ("VBZ", "VBP") and not auxes and v.pos_ == "VERB":
        return EITHER  # "before Congress takes over in January", but also "Blinken says Friday ..."
    return None


def _tense(doc: Any, start: int, end: int) -> int:
    """The tense of the clause around ``doc.text[start:end]``: PAST (the default), FUTURE or EITHER.

    Walks from the expression up the parse to the first finite verb: non-finite verbs carry no
    tense, so "is expected to visit ... on August 3" and "will fly to Hanoi and meet him on
    Monday" take their tense from the verb above. With no verb (headlines, fragments) it falls
    back to a regular expression over the sentence. A time that hangs on a common noun ("the
    Jan. 6 riot") is not put in the future by the clause's verb: FUTURE becomes EITHER.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return PAST
    tok, via_noun, verbs = span.root, False, 0
    while True:
        if tok.lower_ == "ahead" or (tok.lower_ == "of" and tok.i > 0 and doc[tok.i - 1].lower_ == "ahead"):
            return FUTURE  # "campaigning ahead of Thursday's debate"
        inside = span.start <= tok.i < span.end
        if tok.pos_ in ("VERB", "AUX") and not inside:
            verbs += 1
            tense = _verb_tense(tok, via_noun)
            if tense == FUTURE and via_noun:
                return EITHER  # "will investigate the Jan. 6 riot": the noun's event has its own time
            if tense is not None:
                return tense
            finite = tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in tok.children)
            if finite:
                return PAST
        elif not inside and tok.pos_ == "NOUN":
            via_noun = True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if not verbs:
        return FUTURE if _FUTURE_RE.search(span.sent.text) else PAST
    return PAST


def _absolute(ex: Expr, pub: date | None, tense: int) -> _Res | None:
    """Resolve an expression that needs no other TimeRef; None when it is not a valid date."""
    if ex.form == "y" and ex.y:
        return _Res(date(ex.y, 1, 1), date(ex.y, 12, 31), "range", "text")
    if ex.form == "decade" and ex.y:
        return _Res(date(ex.y, 1, 1), date(ex.y + 9, 12, 31), "range", "text")
    if ex.form == "ymd" and ex.m and ex.d:
        if _ymd(ex.y or 2000, ex.m, ex.d) is None:  # 2000: a leap year, so "February 29" passes
            return None  # "February 30", "13/13/2020": not a date
        day = _ymd(ex.y, ex.m, ex.d) if ex.y else (_yearless(pub, ex.m, ex.d, tense) if pub else None)
        wrong = WEEKDAYS[ex.wd] if ex.wd is not None and day is not None and day.weekday() != ex.wd else None
        return _Res(day, day, "date", "text" if ex.y else ("published" if day else None), wrong)
    if ex.form == "ym" and ex.m:
        if ex.y:
            return _Res(*_month(ex.y, ex.m), "range", "text")
        if pub is None:
            return _Res(None, None, "range", None)
        after = ex.mod == "next" or (ex.mod is None and tense == FUTURE)
        if ex.mod == "this":
            y = pub.year
        elif ex.mod is None and tense == EITHER:  # the nearer of this year's and the other one
            y = pub.year + (ex.m - pub.month > 6) * -1 + (pub.month - ex.m > 6)
        elif after:
            y = pub.year + (ex.m < pub.month or (ex.mod == "next" and ex.m == pub.month))
        else:
            y = pub.year - (ex.m > pub.month or (ex.mod == "last" and ex.m == pub.month))
        return _Res(*_month(y, ex.m), "range", "published")
    if ex.form == "range":
        return _range(ex, pub, tense)
    if pub is None:
        return _Res(None, None, "weekday" if ex.form == "weekday" else "relative", None)
    if ex.form == "weekday" and ex.wd is not None:
        day = _weekday(pub, ex.wd, ex.mod, tense)
        return _Res(day, day, "weekday", "published")
    if ex.form == "deictic" and ex.unit and ex.n is not None:
        lo, hi = _period(ex.unit, pub, ex.n)
        lo, hi = (lo, pub) if ex.part == "before" else (pub, hi) if ex.part == "after" else (lo, hi)
        return _Res(lo, hi, "relative", "published")
    if ex.form == "ago" and ex.unit:
        day = None if ex.n is None else _shift(pub, ex.unit, ex.n)
        return _Res(day, day, "relative", "published")
    return None


def _range(ex: Expr, pub: date | None, tense: int) -> _Res | None:
    y2 = ex.y2 if ex.y2 is not None else ex.y
    if ex.m is None or ex.m2 is None:  # years
        if ex.y is None or y2 is None:
            return None
        return _Res(date(ex.y, 1, 1), date(y2, 12, 31), "range", "text")
    lo_day, hi_day = ex.d or 1, ex.d2 or calendar.monthrange(2000, ex.m2)[1]  # 2000: a leap year
    anchor = "text"
    y = ex.y
    if y is None:
        if pub is None:
            return _Res(None, None, "range", None)
        first = _yearless(pub, ex.m, lo_day, tense)
        y, anchor = (first.year if first else pub.year), "published"
    if y2 is None:
        y2 = y + ((ex.m2, hi_day) < (ex.m, lo_day))
    lo, hi = _ymd(y, ex.m, lo_day), _ymd(y2, ex.m2, min(hi_day, calendar.monthrange(y2, ex.m2)[1]))
    if lo is None or hi is None or hi < lo:
        return None
    return _Res(lo, hi, "range", anchor)


def _chain(ex: Expr, anchor: _Res) -> _Res:
    """Resolve a chained expression against the TimeRef it refers back to."""
    lo, hi = anchor.start, anchor.end
    if lo is None or hi is None or ex.n is None:
        return _Res(None, None, "chained", None)
    if ex.mod == "weekday" and ex.wd is not None:
        day = (hi + timedelta(days=(ex.wd - hi.weekday() - 1) % 7 + 1) if ex.n > 0
               else lo - timedelta(days=(lo.weekday() - ex.wd - 1) % 7 + 1))
        return _Res(day, day, "chained", None)
    unit = ex.unit or "day"
    if ex.mod == "period":
        if unit == "day":
            return _Res(lo, hi, "chained", None)
        return _Res(*_period(unit, hi if ex.n > 0 else lo, ex.n), "chained", None)
    day = _shift(hi if ex.n > 0 else lo, unit, ex.n)
    return _Res(day, day, "chained", None)


def resolve_times(article: Article, doc: Any) -> tuple[TimeRef, ...]:
    """Find the time expressions of an article and resolve them to dates or ranges.

    Args:
        article: The article; ``article.published`` is the reference for weekdays, deictic
            expressions and dates without a year (they stay unresolved when it is ``None``).
        doc: The spaCy parse of ``article.text`` (``newsprism.analysis.nlp.english()``), used for
            the tense of each expression's clause.

    Returns:
        One :class:`~newsprism.model.TimeRef` per expression, in text order, with ids
        ``"<article id>:t<n>"``.
    """
    pub = article.published
    exprs = find_expressions(article.text)
    at = {ex.start: i for i, ex in enumerate(exprs)}
    out: list[_Res | None] = [None] * len(exprs)
    for i, ex in enumerate(exprs):  # first everything that needs no other TimeRef
        if ex.form != "chain":
            needs_tense = ex.form in ("weekday", "ymd", "ym", "range") and ex.y is None
            out[i] = _absolute(ex, pub, _tense(doc, ex.start, ex.end) if needs_tense else PAST)
    links: dict[int, int] = {}  # chain -> the expression it hangs on
    for i, ex in enumerate(exprs):  # then chains, in text order, so a chain can hang on a chain
        if ex.form != "chain":
            continue
        resolved = [k for k in range(len(exprs)) if (r := out[k]) is not None and r.start is not None]
        named = at.get(ex.head) if ex.head is not None else None
        before = [k for k in resolved if k < i]
        if named is not None and named in resolved:
            before = [named]
        elif ex.event:  # "two days after the election": the event's date is not known here
            before = []
        elif pub is not None and _tense(doc, ex.start, ex.end) == PAST:
            # A past-tense chain does not hang on plans announced in between ("is expected to
            # visit on August 3-5. On the same day, he said ..." is the day of the statement).
            before = [k for k in before if (r := out[k]) is not None and r.start and r.start <= pub] or before
        target = out[before[-1]] if before else None
        if target is not None:
            links[i] = before[-1]
            out[i] = _chain(ex, target)
        else:
            out[i] = _Res(None, None, "chained", None)
    final = {i: f"{article.id}:t{n}" for n, i in enumerate(i for i, r in enumerate(out) if r is not None)}
    refs: list[TimeRef] = []
    for i, (ex, res) in enumerate(zip(exprs, out, strict=True)):
        if res is not None:
            anchor = final[links[i]] if i in links else res.anchor
            refs.append(TimeRef(final[i], article.span(ex.start, ex.end), res.start, res.end, res.kind, anchor,
                                res.mismatch))
    return tuple(refs)
