"""Russian time expressions, resolved against the publication date like the English ones.

Forms, each one :class:`~newsprism.model.TimeRef` (ids ``<article id>:t<n>``):

- dates: «29 июля», «29 июля 2022 года», «3–5 августа» (a range), «в июле», «в 2021 году»;
- weekdays: «в пятницу», «в прошлый четверг», «в следующую среду», «в эту субботу»; a weekday
  written with a date («в пятницу, 29 июля») is one TimeRef of kind "date" whose
  ``weekday_mismatch`` names the weekday when the date falls on another day;
- deictic words: «сегодня», «вчера», «позавчера», «завтра», «послезавтра», «накануне» (the day
  before publication: news use it for "the day before"), «на (этой|прошлой|следующей) неделе»,
  «в (этом|прошлом|следующем) месяце/году».

A bare weekday or year-less date goes to its nearest occurrence on or before publication, unless
the clause's verb is in the future tense (natasha's morphology: ``Tense=Fut``, a future
auxiliary «будет» (which natasha tags ``Tense=Pres``), or a perfective verb's non-past form,
Russian's future: «огласят»), then on or after — the same rule as English.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from newsprism.analysis._timeparse import WEEKDAYS
from newsprism.analysis.times import EITHER, FUTURE, PAST, _month, _period, _weekday, _yearless, _ymd
from newsprism.model import Article, TimeRef

__all__ = ["resolve_times_ru"]

_MONTHS = {m: i for i, stem in enumerate(
    "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр".split(), start=1)
    for m in (stem,)}
_MONTH_RE = (r"(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йяе]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]"
             r"|ноябр[ья]|декабр[ья])")
_MONTH_PREP = r"(январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)"
_YEAR_RE = r"(?:\s+(\d{4})\s*(?:года|г\.))?"
_WD = {"понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5, "воскресень": 6}
_WD_RE = r"(понедельник|вторник|сред[уа]|четверг|пятниц[уа]|суббот[уа]|воскресенье)"
_MOD = {"прошл": "last", "следующ": "next", "эт": "this", "ближайш": "next", "будущ": "next"}
_MOD_RE = r"(?:(прошл(?:ый|ую|ое)|следующ(?:ий|ую|ее)|эт(?:от|у|о)|ближайш(?:ий|ую|ее)|будущ(?:ий|ую))\s+)?"
_DAY_WORDS = {"сегодня": 0, "вчера": -1, "позавчера": -2, "завтра": 1, "послезавтра": 2, "накануне": -1}

_PATTERNS = [
    ("wd_date", re.compile(rf"\b(?:в|во)\s+{_MOD_RE}{_WD_RE}\s*,?\s*(\d{{1,2}})\s+{_MONTH_RE}{_YEAR_RE}",
                           re.IGNORECASE)),
    ("range", re.compile(rf"\b(\d{{1,2}})\s*[-–—]\s*(\d{{1,2}})\s+{_MONTH_RE}{_YEAR_RE}", re.IGNORECASE)),
    ("date", re.compile(rf"\b(\d{{1,2}})\s+{_MONTH_RE}{_YEAR_RE}", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b(?:в|во)\s+{_MOD_RE}{_WD_RE}\b", re.IGNORECASE)),
    ("month", re.compile(rf"\bв\s+{_MOD_RE}{_MONTH_PREP}(?:\s+(\d{{4}})\s*(?:года|г\.))?\b", re.IGNORECASE)),
    ("year", re.compile(r"\bв\s+(\d{4})\s*(?:году|г\.)", re.IGNORECASE)),
    ("period", re.compile(r"\b(?:на|в)\s+(этой|прошлой|следующей|будущей)\s+неделе\b"
                          r"|\bв\s+(этом|прошлом|следующем|будущем)\s+(месяце|году)\b", re.IGNORECASE)),
    ("day", re.compile(r"\b(сегодня|вчера|позавчера|завтра|послезавтра|накануне)\b", re.IGNORECASE)),
]
_SHIFT = {"эт": 0, "прошл": -1, "следующ": 1, "будущ": 1}


def _month_no(word: str) -> int | None:
    w = word.lower()
    if w.startswith("ма") and not w.startswith("мар"):
        return 5
    for stem, n in _MONTHS.items():
        if w.startswith(stem):
            return n
    return None


def _wd_no(word: str) -> int:
    w = word.lower()
    return next(n for stem, n in _WD.items() if w.startswith(stem))


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    return next((m for stem, m in _MOD.items() if w.startswith(stem)), None)


def _shift_of(word: str) -> int:
    w = word.lower()
    return next(n for stem, n in _SHIFT.items() if w.startswith(stem))


def _tense(doc: Any, start: int, end: int) -> int:
    """PAST, FUTURE or EITHER from the verbs of the sentence around ``start``-``end``."""
    if doc is None:
        return PAST
    for sent in doc.sents:
        if sent.start <= start < sent.stop:
            for tok in sent.tokens:
                feats = tok.feats or {}
                tense = feats.get("Tense")
                if tok.lemma in ("быть",) and (tense == "Fut" or tok.text.lower().startswith("буд")):
                    return FUTURE  # «будет оглашён»: natasha tags «будет» Tense=Pres
                if tok.pos in ("VERB", "AUX") and tense == "Fut":
                    return FUTURE
                if tok.pos == "VERB" and tense == "Pres" and feats.get("Aspect") == "Perf" \
                        and feats.get("VerbForm") == "Fin":
                    return FUTURE  # a perfective verb's non-past is its future («огласят 2 апреля»)
                if tok.pos in ("VERB", "AUX") and tense == "Past":
                    return PAST
            return EITHER
    return PAST


def _find(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Every expression, earlier patterns winning where two overlap."""
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for form, rx in _PATTERNS:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te, _, _ in taken):
                continue
            taken.append((s, e, form, m))
    return sorted(taken, key=lambda x: x[0])


def resolve_times_ru(article: Article, doc: Any = None) -> tuple[TimeRef, ...]:
    """Find and resolve the Russian time expressions of an article.

    Args:
        article: The article; ``published`` anchors weekdays, year-less dates and deictic words.
        doc: natasha's parsed Doc of the text (for the tense), or ``None`` (past tense assumed).

    Returns:
        The TimeRefs in text order.
    """
    pub, text = article.published, article.text
    out: list[TimeRef] = []
    for s, e, form, m in _find(text):
        start: date | None = None
        end: date | None = None
        kind, wrong = "date", None
        anchor: str | None = "text"
        g = m.groups()
        if form in ("wd_date", "date", "range"):
            if form == "wd_date":
                wd, day_s, mon, year = _wd_no(g[1]), g[2], g[3], g[4]
                days = (int(day_s), int(day_s))
            elif form == "range":
                wd, mon, year, days = None, g[2], g[3], (int(g[0]), int(g[1]))
            else:
                wd, mon, year, days = None, g[1], g[2], (int(g[0]), int(g[0]))
            mo = _month_no(mon)
            if mo is None or _ymd(2000, mo, days[0]) is None or _ymd(2000, mo, days[1]) is None:
                continue
            if year:
                start, end = _ymd(int(year), mo, days[0]), _ymd(int(year), mo, days[1])
            elif pub is not None:
                start = _yearless(pub, mo, days[0], _tense(doc, s, e))
                end = start + timedelta(days=days[1] - days[0]) if start else None
                anchor = "published"
            else:
                anchor = None
            kind = "range" if form == "range" else "date"
            if wd is not None and start is not None and start.weekday() != wd:
                wrong = WEEKDAYS[wd]
        elif form == "weekday":
            kind, anchor = "weekday", "published" if pub else None
            if pub is not None:
                start = end = _weekday(pub, _wd_no(g[1]), _mod(g[0]), _tense(doc, s, e))
        elif form == "month":
            mo = _month_no(g[1])
            if mo is None:
                continue
            kind = "range"
            if g[2]:
                start, end = _month(int(g[2]), mo)
            elif pub is not None:
                mod, tense = _mod(g[0]), _tense(doc, s, e)
                after = mod == "next" or (mod is None and tense == FUTURE)
                y = pub.year
                if mod != "this":
                    y += (mo < pub.month) if after else -(mo > pub.month)
                start, end = _month(y, mo)
                anchor = "published"
            else:
                anchor = None
        elif form == "year":
            kind, start, end = "range", date(int(g[0]), 1, 1), date(int(g[0]), 12, 31)
        elif form == "period":
            kind, anchor = "relative", "published" if pub else None
            unit = "week" if g[0] else ("month" if g[2].lower().startswith("мес") else "year")
            if pub is not None:
                start, end = _period(unit, pub, _shift_of(g[0] or g[1]))
        else:  # a day word
            kind, anchor = "relative", "published" if pub else None
            if pub is not None:
                start = end = pub + timedelta(days=_DAY_WORDS[g[0].lower()])
        out.append(TimeRef(f"{article.id}:t{len(out)}", article.span(s, e), start, end, kind, anchor, wrong))
    return tuple(out)
