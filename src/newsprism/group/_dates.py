"""The calendar days a text talks about ("June 24", "24 июня", "2010-09-10"), in any of many languages.

Month names come from the Unicode CLDR (through babel), for :data:`LANGUAGES`: every form a
locale writes (wide and abbreviated, format and stand-alone: "июня" and "июнь"), and every start
of at least three letters of a wide name ("Sept", "Dez"), kept only when it names one month in
every language listed (so "lis", November in Polish and October in Croatian, is dropped). A day is
a number from 1 to 31 right beside a month name (either side, a short word between allowed: "10 de
septiembre"), or a written date (``2010-09-10``, ``10.09.2010``, ``9月10日``). A day is kept as
``month * 100 + day``, without the year: a later report names the day of the event ("the shooting
on June 24") and the year only once or not at all; the years are a signal of their own. Given the
publication date, a weekday named alone ("on Thursday", "в четверг" is not read: only the
nominative CLDR forms are) is the latest such day on or before it, as an early report dates the
event.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

__all__ = ["LANGUAGES", "mentioned_days", "read_days"]

#: Languages whose month names are read (CLDR locale codes).
LANGUAGES = ("en", "ru", "uk", "be", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "sr",
             "bg", "ro", "hu", "fi", "et", "lv", "lt", "sv", "da", "nb", "is", "el", "tr", "az", "kk", "ka",
             "hy", "he", "ar", "fa", "ur", "hi", "bn", "id", "ms", "vi", "ca", "eu", "gl", "ga", "cy", "sq",
             "mk")

_WORD = re.compile(r"\w+", re.UNICODE)
_WRITTEN = re.compile(r"(?<!\d)(?:(?:19|20)\d\d-(\d\d)-(\d\d)|(\d{1,2})\.(\d{1,2})\.(?:19|20)\d\d"
                      r"|(\d{1,2})月(\d{1,2})日)(?!\d)")


def _forget(lang: str) -> None:
    """Drop the locales read before ``lang`` from babel's cache (all but the root).

    Holding CLDR's data for every one of :data:`LANGUAGES` at once cost 70 MB of peak memory, for
    tables of a few thousand words.
    """
    import babel.localedata

    cache = getattr(babel.localedata, "_cache", None)
    if isinstance(cache, dict):
        for name in [n for n in cache if n not in ("root", lang)]:
            cache.pop(name, None)


@functools.cache
def _months() -> dict[str, int]:
    """Month name (case-folded) -> month, over :data:`LANGUAGES`; names of two months dropped."""
    from babel.dates import get_month_names

    found: dict[str, set[int]] = {}
    for lang in LANGUAGES:
        _forget(lang)
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, name in get_month_names(width, context=context, locale=lang).items():
                    word = name.casefold().rstrip(".")
                    if not word.isalpha() or len(word) < 3:
                        continue
                    forms = {word}
                    if width == "wide":
                        forms.update(word[:n] for n in range(3, len(word)))
                    for form in forms:
                        found.setdefault(form, set()).add(int(month))
    return {w: next(iter(ms)) for w, ms in found.items() if len(ms) == 1}


@functools.cache
def _weekdays() -> dict[str, int]:
    """Weekday name (case-folded, wide forms of four letters or more) -> weekday (Monday 0)."""
    from babel.dates import get_day_names

    found: dict[str, set[int]] = {}
    for lang in LANGUAGES:
        _forget(lang)
        for context in ("format", "stand-alone"):
            for day, name in get_day_names("wide", context=context, locale=lang).items():
                word = name.casefold()
                if word.isalpha() and len(word) >= 4:
                    found.setdefault(word, set()).add(int(day))
    return {w: next(iter(ds)) for w, ds in found.items() if len(ds) == 1}


def _day(month: int, day: int) -> int | None:
    return month * 100 + day if 1 <= month <= 12 and 1 <= day <= 31 else None


def mentioned_days(text: str, published: date | None = None, limit: int = 32) -> frozenset[int]:
    """The calendar days (``month * 100 + day``) ``text`` names, the first ``limit`` distinct ones.

    With ``published``, a weekday named alone ("on Thursday") is the latest such day on or before it.
    """
    return read_days(text, published, limit)[0]


def read_days(text: str, published: date | None = None, limit: int = 32) -> tuple[frozenset[int], frozenset[int]]:
    """The calendar days ``text`` names (as :func:`mentioned_days`) and those of them it writes out.

    The second set holds the days written as a date (a month and a day, or digits), not those read
    from a weekday: "on Thursday" in two reports of one week names one day for two events, while a
    written date is a claim about which day the event happened.
    """
    months, weekdays = _months(), _weekdays()
    found: dict[int, None] = {}
    written: dict[int, None] = {}
    words = _WORD.findall(text)
    for i, w in enumerate(words):
        if published is not None and (weekday := weekdays.get(w.casefold())) is not None:
            on = published - timedelta(days=(published.weekday() - weekday) % 7)
            found.setdefault(on.month * 100 + on.day, None)
        if len(w) > 2 or not w.isdecimal():
            continue
        # The month right before or after the day, or one short word away ("10 de septiembre").
        for j in (i + 1, i - 1, i + 2, i - 2):
            if 0 <= j < len(words) and (abs(j - i) == 1 or len(words[(i + j) // 2]) <= 3):
                month = months.get(words[j].casefold())
                if month is not None:
                    key = _day(month, int(w))
                    if key is not None:
                        found.setdefault(key, None)
                        written.setdefault(key, None)
                    break
    for m in _WRITTEN.finditer(text):
        if m.group(1) is not None:
            key = _day(int(m.group(1)), int(m.group(2)))
        elif m.group(3) is not None:
            key = _day(int(m.group(4)), int(m.group(3)))
        else:
            key = _day(int(m.group(5)), int(m.group(6)))
        if key is not None:
            found.setdefault(key, None)
            written.setdefault(key, None)
    return frozenset(list(found)[:limit]), frozenset(list(written)[:limit])
