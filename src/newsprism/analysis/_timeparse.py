"""The grammar of English time expressions: text in, unresolved :class:`Expr` records out.

:mod:`newsprism.analysis.times` resolves what this module finds. Finding is hand-written regular
grammar rather than ``dateparser.search.search_dates`` or spaCy's DATE entities, because both
draw the wrong spans for this job: dateparser misses chained expressions ("nine days later"),
reads "28th" or "2 Americans" as dates and merges neighbours, and spaCy merges a weekday with the
verb phrase around it or leaves out "August 4-5" in ellipses. Neither knows about the clause's
tense, which decides a year-less date; the resolver gets that from the spaCy parse instead.

Stages: every pattern is matched everywhere; the leftmost-longest matches win (no overlaps); then
neighbours are merged: a weekday next to a date ("Thursday, July 29", "July 29 (Thursday)") and
two dates joined by a range word ("from March to May 2022", "August 30 - September 2").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["WEEKDAYS", "Expr", "find_expressions"]



def _words(text: str) -> list[str]:
    """Split a word list (keeps long lexicons readable)."""
    return text.split()


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = _words("January February March April May June July August September October November December")
_MONTHS = {name.lower(): i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, 1)
} | {"sept": 9}
_AMOUNTS = {w: i for i, w in enumerate(
    _words("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"), 1)
} | {"a": 1, "an": 1, "twenty": 20, "thirty": 30}
_VAGUE = r"several|a\s+few|few|a\s+couple\s+of|some|many"
_UNITS = {"day": "day", "week": "week", "fortnight": "fortnight", "month": "month", "year": "year",
          "morning": "day", "afternoon": "day", "evening": "day", "night": "day", "weekend": "weekend"}
# "Good Friday", "Super Tuesday", "Bloody Sunday" are names, not days of a week near the article.
_HOLIDAY_WORDS = frozenset(_words("good black bloody cyber super holy ash palm easter maundy shrove"))


@dataclass(frozen=True, slots=True)
class Expr:
    """One time expression as written, not yet resolved.

    ``form`` says which fields matter: "ymd" (y may be None), "ym" (a month; y may be None),
    "y", "decade" (y = its first year), "range" (y/m/d to y2/m2/d2; m None = years, d None =
    months), "weekday", "deictic" (``unit`` of the publication date shifted by ``n``; ``part``
    "before"/"after" clips it to the publication date), "ago", and "chain" (``mod`` "point",
    "period" or "weekday"; ``n`` signed, None when vague; ``head`` = offset of the time
    expression it names itself, as in "two days after February 15"; ``event`` = it hangs on an
    event named after it instead, as in "two days after the election", whose date is unknown).
    """

    start: int
    end: int
    form: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    wd: int | None = None
    mod: str | None = None
    unit: str | None = None
    n: int | None = None
    part: str | None = None
    head: int | None = None
    event: bool = False


def _mon(g: str) -> str:
    full = "|".join(_MONTH_NAMES)
    return rf"(?P<{g}>(?:{full})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b(?=\s*\d)))"


def _day(g: str) -> str:
    return rf"(?<![\d.,])(?P<{g}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w:%]|[.,]\d)"


def _year(g: str) -> str:
    return rf"(?<![\w$£€.,])(?P<{g}>1[6-9]\d\d|20\d\d|21\d\d)(?![\w%]|[.,]\d)"


_ON = r"(?:\b[Oo]n\s+)?"
_IN = r"(?:\b[Ii]n\s+)?"
_PRE = r"(?:\b(?P<pre>[Oo]n|[Ii]n|[Ff]rom|[Bb]etween|[Dd]uring)\s+)?"
_SEP = r"\s*(?P<sep>-|–|—|\bto\b|\bthrough\b|\buntil\b|\band\b)\s*"
_EML = r"(?:(?:[Ee]arly|[Ll]ate|[Mm]id)(?:-|\s+))?"
_WD = r"(?P<wd>" + "|".join(WEEKDAYS) + r")\b"
_AMT = r"(?P<amt>(?i:\d{1,3}|" + _VAGUE + r"|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
    r"thirteen|fourteen|fifteen|twenty|thirty))"
_CTX = r"(?P<ctx>[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Dd]uring|[Tt]hroughout|[Ff]rom|[Bb]efore|[Aa]fter|[Oo]f" \
    r"|[Ff]or|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id|[Bb]etween)"
_INCLUDED_CTX = frozenset({"in", "last", "next", "this", "early", "late", "mid"})  # part of the span

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((form, re.compile(rx)) for form, rx in (
    ("iso", _ON + r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])"),
    ("slash", _ON + r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])"),
    ("md_range", _PRE + _mon("m") + r"\s+" + _day("d") + _SEP + _day("d2")
     + r"(?:,?\s+" + _year("y") + ")?"),
    ("dm_range", _PRE + r"(?:the\s+)?" + _day("d") + _SEP + _day("d2") + r"(?:\s+of)?\s+" + _mon("m")
     + r"(?:,?\s+" + _year("y") + ")?"),
    ("md", _ON + _mon("m") + r"\s+(?:the\s+)?" + _day("d") + r"(?:,?\s+" + _year("y") + ")?"),
    ("dm", _ON + r"(?:the\s+)?" + _day("d") + r"(?:\s+of)?\s+" + _mon("m") + r"(?:,?\s+" + _year("y") + ")?"),
    ("my", _IN + _EML + _mon("m") + r",?\s+(?:of\s+)?" + _year("y")),
    ("m", r"\b" + _CTX + r"(?:\s+|-)(?:(?P<eml>early|late|mid)(?:-|\s+))?(?P<m>" + "|".join(_MONTH_NAMES) + r")\b"),
    ("y_range", _PRE + _year("y") + _SEP + r"(?P<y2>\d{4}|\d\d)(?![\w%]|[.,]\d)"),
    ("y", r"\b" + _CTX + r"(?:\s+|-)(?:(?P<eml>early|late|mid)(?:-|\s+))?" + _year("y")),
    ("decade", _IN + r"\b(?:the\s+)?" + _EML + r"(?P<y>1[6-9]\d0|20\d0)s\b"),
    ("weekday", r"(?:\b(?P<mod>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his\s+coming|[Tt]his\s+past|[Tt]his|[Cc]oming|[Pp]ast)\s+)?\b"
     + _WD + r"(?:\s+(?:morning|afternoon|evening|night)\b)?"),
    ("day_2", r"\b[Tt]he\s+day\s+(?P<dir>before\s+yesterday|after\s+tomorrow)\b"),
    ("today", r"\b(?:(?:[Ee]arlier|[Ll]ater)\s+(?:in\s+the\s+day|today|this\s+(?:morning|afternoon|evening))"
     r"|[Tt]oday|[Tt]onight|[Tt]his\s+(?:morning|afternoon|evening))\b"),
    ("yesterday", r"\b(?P<w>[Yy]esterday|[Tt]omorrow|[Ll]ast\s+night)(?:\s+(?:morning|afternoon|evening|night)\b)?"),
    ("this_unit", r"\b(?:(?P<part>[Ee]arlier|[Ll]ater)\s+)?(?P<mod>[Ll]ast|[Tt]his|[Nn]ext)\s+"
     r"(?P<unit>week|month|year|weekend)\b"),
    ("ago", r"\b" + _AMT + r"\s+(?P<unit>day|week|fortnight|month|year)s?\s+ago\b"),
    ("chain_n", r"(?:\b" + _AMT + r"\s+)?\b(?P<unit>day|week|fortnight|month|year)(?P<pl>s)?\s+"
     r"(?P<dir>later|earlier|after|before|afterwards?|prior|previously)\b"),
    ("chain_day", r"\b[Tt]he\s+(?:(?P<dir>next|following|previous|preceding)\s+(?P<unit>day|morning|afternoon"
     r"|evening|night|week|month|year)|(?:day|night)\s+(?P<dir2>before|after))\b"),
    ("chain_wd", r"(?:\b[Oo]n\s+)?\b[Tt]he\s+(?P<dir>next|following|previous|preceding)\s+" + _WD),
    ("chain_same", r"(?:\b[Oo]n\s+)?(?:\b(?:[Ee]arlier|[Ll]ater)\s+)?\b(?:[Tt]hat\s+(?:same\s+)?|[Tt]he\s+same\s+)"
     r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b(?!-)"),
    ("mm_range", r"(?:\b(?P<pre>[Ff]rom|[Bb]etween)\s+)?" + _EML + r"\b(?P<m>" + "|".join(_MONTH_NAMES) + r")" + _SEP
     + r"(?P<m2>" + "|".join(_MONTH_NAMES) + r")\b(?:,?\s+" + _year("y") + ")?"),
))


def _amount(word: str | None) -> int | None:
    if word is None:
        return None
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _AMOUNTS.get(word)


def _int(m: re.Match[str], g: str) -> int | None:
    v = m.groupdict().get(g)
    return int(v) if v else None


def _follow(text: str, end: int) -> tuple[int, bool]:
    """What "... after"/"... before" ending at ``end`` hangs on: (offset of the next word, names an event).

    "a day after, ..." and "a day after that" refer back to the last time mentioned; "a day after
    the vote" or "after he left" to an event whose date the text may not give.
    """
    head = end + len(text[end:]) - len(text[end:].lstrip())
    event = re.match(r"\s+(?!(?:that|this|these|those|it|then)\b)[A-Za-z]", text[end:]) is not None
    return head, event


def _build(form: str, m: re.Match[str], text: str) -> Expr | None:  # one branch per pattern
    """Turn one regex match into an :class:`Expr`, or None when the match is not a time after all."""
    g = m.groupdict()
    s, e = m.span()
    y, d = _int(m, "y"), _int(m, "d")
    mon = _MONTHS.get((g.get("m") or "").rstrip(".").lower()) if form not in ("iso", "slash") else _int(m, "m")
    if g.get("m") == "May" and form in ("md", "my", "dm"):  # "Theresa May 2019": a name, not a month
        before = re.search(r"(\w+)\W*$", text[max(0, s - 30):s])
        weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
        allowed = _INCLUDED_CTX | {"on", "of"} | weekdays
        if before and before.group(1)[0].isupper() and before.group(1).lower() not in allowed:
            return None
    if form in ("iso", "md", "dm"):
        return Expr(s, e, "ymd", y=y, m=mon, d=d)
    if form == "slash":  # only when unambiguous: one part above 12 is the day
        a, b = _int(m, "a") or 0, _int(m, "b") or 0
        if a > 12 >= b:
            return Expr(s, e, "ymd", y=y, m=b, d=a)
        return Expr(s, e, "ymd", y=y, m=a, d=b) if b > 12 >= a else None
    if form in ("md_range", "dm_range", "y_range"):
        sep, pre = g["sep"], (g.get("pre") or "").lower()
        if sep == "and" and pre != "between":
            return None
        if form == "y_range":
            y2s = g["y2"]
            y2 = int(y2s) if len(y2s) == 4 else ((y or 0) // 100 * 100 + int(y2s) if sep in "-–—" else 0)
            return Expr(s, e, "range", y=y, y2=y2) if y and y < y2 <= y + 200 else None
        d2 = _int(m, "d2")
        return Expr(s, e, "range", y=y, m=mon, d=d, y2=y, m2=mon, d2=d2) if d and d2 and d < d2 else None
    if form == "mm_range":
        m2 = _MONTHS[g["m2"].lower()]
        sep, pre = g["sep"], (g.get("pre") or "").lower()
        if mon is None or mon == m2 or (sep == "and" and pre != "between"):
            return None
        y1 = None if y is None else (y if mon < m2 else y - 1)
        return Expr(s, e, "range", y=y1, m=mon, y2=y, m2=m2)
    if form == "my":
        return Expr(s, e, "ym", y=y, m=mon)
    if form in ("m", "y"):
        ctx = g["ctx"].lower()
        if ctx not in _INCLUDED_CTX:
            s = m.start("eml") if g.get("eml") else m.start("m" if form == "m" else "y")
        if form == "y":
            if ctx in ("last", "next", "this", "between") or (
                ctx in ("for", "by", "of", "from") and re.match(r"\s+[a-z]", text[e:])
            ):
                return None  # "for 2000 people", "by 2000 votes": counts, not years
            return Expr(s, e, "y", y=y)
        return Expr(s, e, "ym", m=mon, mod=ctx if ctx in ("last", "next", "this") else None)
    if form == "decade":
        return Expr(s, e, "decade", y=y)
    if form == "weekday":
        before = re.search(r"(\w+)\s+$", text[max(0, s - 20):s])
        if before and before.group(1).lower() in _HOLIDAY_WORDS:
            return None
        mod = " ".join((g.get("mod") or "").lower().split()) or None
        return Expr(s, e, "weekday", wd=WEEKDAYS.index(g["wd"]), mod=None if mod in ("on", "this") else mod)
    if form == "day_2":
        return Expr(s, e, "deictic", unit="day", n=-2 if g["dir"].startswith("before") else 2)
    if form == "today":
        if text[s] == "T" and re.search(r"\w\s+$", text[max(0, s - 20):s]):
            return None  # "USA Today", "the Today programme": names
        return Expr(s, e, "deictic", unit="day", n=0)
    if form == "yesterday":
        return Expr(s, e, "deictic", unit="day", n=1 if g["w"].lower() == "tomorrow" else -1)
    if form == "this_unit":
        if re.search(r"\bthe\s+$", text[max(0, s - 8):s], re.IGNORECASE):
            return None  # "over the last year", "in the next week": durations, not calendar periods
        part = {"earlier": "before", "later": "after"}.get((g.get("part") or "").lower())
        n = {"last": -1, "this": 0, "next": 1}[g["mod"].lower()]
        return Expr(s, e, "deictic", unit=g["unit"], n=n, part=part if n == 0 else None)
    if form == "ago":
        amt = _amount(g["amt"])
        return Expr(s, e, "ago", unit=g["unit"], n=None if amt is None else -amt)
    if form == "chain_n":
        amt, direction = _amount(g.get("amt")), g["dir"].lower()
        if g.get("amt") is None and not g.get("pl"):  # "the day after" has its own pattern; "day before" alone is not
            return None
        sign = 1 if direction in ("later", "after", "afterwards", "afterward") else -1
        head, event = _follow(text, e) if direction in ("after", "before") else (None, False)
        shift = None if amt is None else sign * amt
        return Expr(s, e, "chain", mod="point", unit=g["unit"], n=shift, head=head, event=event)
    if form == "chain_day":
        direction = (g.get("dir") or g.get("dir2") or "").lower()
        sign = 1 if direction in ("next", "following", "after") else -1
        unit = _UNITS[g.get("unit") or "day"]
        if unit == "day":
            head, event = _follow(text, e) if g.get("dir2") else (None, False)
            return Expr(s, e, "chain", mod="point", unit="day", n=sign, head=head, event=event)
        if direction == "next":  # "the next week/month/year" is nearly always a duration ("in the next year")
            return None
        return Expr(s, e, "chain", mod="period", unit=unit, n=sign)
    if form == "chain_wd":
        sign = 1 if g["dir"].lower() in ("next", "following") else -1
        return Expr(s, e, "chain", mod="weekday", wd=WEEKDAYS.index(g["wd"]), n=sign)
    # chain_same
    return Expr(s, e, "chain", mod="period", unit=_UNITS[g["unit"]], n=0)


def _merge(exprs: list[Expr], text: str) -> list[Expr]:
    """Join a weekday with its date, and two dates joined by a range word, into one expression."""
    out: list[Expr] = []
    for ex in exprs:
        if not out:
            out.append(ex)
            continue
        prev, gap = out[-1], text[out[-1].end:ex.start]
        if prev.form == "weekday" and ex.form == "ymd" and re.fullmatch(r"\s*,?\s*(?:the\s+)?", gap):
            out[-1] = replace(ex, start=prev.start, wd=prev.wd)  # "on Thursday, July 29"
            continue
        if prev.form == "ymd" and ex.form == "weekday" and ex.mod is None and re.fullmatch(r"\s*\(\s*", gap):
            close = re.match(r"\s*\)", text[ex.end:])  # "July 29 (Thursday)"
            if close:
                out[-1] = replace(prev, end=ex.end + close.end(), wd=ex.wd)
                continue
        rng = re.fullmatch(r"\s*(-|–|—|to|until|till|through|and)\s*", gap)
        same_grain = (prev.form, ex.form) in (("ymd", "ymd"), ("ym", "ym"))
        if rng and same_grain and prev.mod is None and ex.mod is None:
            lead = re.search(r"\b(?:[Ff]rom|[Bb]etween)\s+$", text[max(0, prev.start - 8):prev.start])
            if rng.group(1) != "and" or (lead and lead.group(0)[0] in "Bb"):
                start = prev.start - len(lead.group(0)) if lead else prev.start
                y = prev.y
                if y is None and ex.y is not None:
                    y = ex.y - 1 if ((prev.m or 0), (prev.d or 0)) > ((ex.m or 0), (ex.d or 0)) else ex.y
                out[-1] = Expr(start, ex.end, "range", y=y, m=prev.m, d=prev.d, y2=ex.y, m2=ex.m, d2=ex.d)
                continue
        out.append(ex)
    for i in range(len(out) - 2, -1, -1):  # "March and April 2020", "May 3, 4 and 9, 2021": the year is shared
        first, then = out[i], out[i + 1]
        if (first.form in ("ymd", "ym") and first.y is None and first.mod is None and then.y is not None
                and then.form in ("ymd", "ym") and re.fullmatch(r"\s*(?:,|and|or|&|,\s*and)\s*",
                                                                   text[first.end:then.start])):
            later = ((first.m or 0), (first.d or 0)) > ((then.m or 0), (then.d or 0))
            out[i] = replace(first, y=then.y - 1 if later else then.y)
    return out


def find_expressions(text: str) -> list[Expr]:
    """Find the time expressions of ``text``, in text order, without overlaps.

    Args:
        text: The article text.

    Returns:
        The expressions, leftmost-longest, with weekday+date pairs and ranges merged.
    """
    found: list[tuple[int, int, int, Expr]] = []
    for order, (form, rx) in enumerate(_PATTERNS):
        for m in rx.finditer(text):
            ex = _build(form, m, text)
            if ex is not None and ex.end > ex.start:
                found.append((ex.start, -(ex.end - ex.start), order, ex))
    found.sort(key=lambda t: t[:3])
    chosen: list[Expr] = []
    for _, _, _, ex in found:
        if not chosen or ex.start >= chosen[-1].end:
            chosen.append(ex)
    return _merge(chosen, text)
