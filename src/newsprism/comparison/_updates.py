"""Two values of one count that are an update or a near miss, not a contradiction (for ``number_conflict``).

A count that only grows while the story runs (the dead, the injured, the missing, the arrested:
:data:`_RUNNING`) is reported at different moments: "12 dead" on Monday and "19 dead" on
Tuesday is the toll rising, not two outlets disagreeing. A fact-checker still wants to see it
(one outlet is out of date, and the latest figure is the one to cite), so it stays a finding,
told as an update (``data.change == "update"``, severity ``info``, folded by its confidence):
"the count rose from 12 (A, 8 May) to 19 (B, 9 May)". It is an update only when the
order of the reports agrees with the order of the values:

- both articles give a publication date and the later one has the higher value; or
- the dates are equal or unknown, and the text orders them: the higher value is introduced as
  a rise ("rose to", "climbed to", "has reached"), or each value is given "as of" a date and
  the later date has the higher value.

A lower value at a later time, or two values at one time with nothing saying which came
first, stays a conflict.

A near miss (``data.change == "near"``): two whole values one apart in reports published on
different days ("44 days" / "45 days" of a strike, "12 boats" / "13 boats"), or a duration that
differs by no more than the days between the reports, the later one longer (a duration counted
up to the day of writing). Such a pair is usually one count taken a day apart, or rounded;
it is folded with a lower confidence instead of reported as a sure conflict. (Values with an
approximator, "about 45" / "44", already may both hold: :mod:`newsprism.comparison._bounds`.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsprism.model import AnalyzedArticle, Quantity, Statement, TimeRef

__all__ = ["Side", "change_of"]

# Counts that only grow while an event unfolds (a later report may only add to them).
_RUNNING = re.compile(
    r"\b(?:dead|death|deaths|died|dying|killed|killing|toll|fatalit\w*|bodies|injur\w*|wounded|hurt|missing|"
    r"unaccounted|arrest\w*|detain\w*|detention|evacuat\w*|displaced|hospitali[sz]\w*|casualt\w*|victims?|"
    r"infect\w*|cases|homeless|survivors|rescued)\b", re.IGNORECASE)
# Words before a value that say it is where a rising count now stands.
_ROSE = re.compile(r"\b(?:rose|risen|rising|climbed|climbing|jumped|increased|grew|grown|swelled|mounted|"
                   r"soared|went up|gone up|has reached|have reached|reached|now stands at|now at)"
                   r"(?:\s+(?:to|at))?\s+(?:at least\s+|more than\s+|over\s+)?$", re.IGNORECASE)
_AS_OF = re.compile(r"\b(?:as of|as at|by|up to|until)\s+$", re.IGNORECASE)
# Duration units and their length in days (a duration counted up to the day of writing).
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_MONEY_OR_MEASURE = re.compile(r"^(?:[A-Z]{3}|%|fraction|ordinal)$")


@dataclass(frozen=True, slots=True)
class Side:
    """One value of a compared pair: the number, its statement and its article."""

    aa: AnalyzedArticle
    statement: Statement
    quantity: Quantity


def _value(s: Side) -> float:
    return float(s.quantity.value or 0)


def _published(s: Side) -> date | None:
    return s.aa.article.published


def _before(s: Side, width: int = 40) -> str:
    text = s.aa.article.text
    return text[max(0, s.quantity.span.start - width):s.quantity.span.start]


def _running(s: Side) -> bool:
    """Whether the value counts what only grows while an event runs (the dead, the arrested...)."""
    unit = s.quantity.unit
    if unit is not None and (_MONEY_OR_MEASURE.match(unit) or unit in _DAYS):
        return False
    return bool(_RUNNING.search(s.statement.span.text))


def _as_of(s: Side) -> date | None:
    """The one date the statement gives its value "as of" ("as of Tuesday", "by Monday evening")."""
    by_id: dict[str, TimeRef] = {t.id: t for t in s.aa.times}
    text = s.aa.article.text
    found = {t.start for i in s.statement.times if (t := by_id.get(i)) is not None and t.start is not None
             and _AS_OF.search(text[max(0, t.span.start - 12):t.span.start])}
    return found.pop() if len(found) == 1 else None


def _order(x: Side, y: Side) -> int:
    """+1 when the texts or dates put ``y`` after ``x``, -1 when before, 0 when nothing orders them.

    Publication dates decide when they differ; else "as of" dates; else rise wording on one side
    only (the side that says the count rose to its value is the later count).
    """
    px, py = _published(x), _published(y)
    if px is not None and py is not None and px != py:
        return 1 if py > px else -1
    ax, ay = _as_of(x), _as_of(y)
    if ax is not None and ay is not None and ax != ay:
        return 1 if ay > ax else -1
    rx, ry = bool(_ROSE.search(_before(x))), bool(_ROSE.search(_before(y)))
    if rx != ry:
        return 1 if ry else -1
    return 0


def _whole(v: float) -> bool:
    return abs(v - round(v)) < 1e-9


def change_of(x: Side, y: Side) -> str | None:
    """``update``, ``near`` or ``None`` (a conflict) for two different values of one count (module docstring).

    Args:
        x: One value, with its statement and article.
        y: The other.
    """
    vx, vy = _value(x), _value(y)
    if _running(x) and _running(y):
        order = _order(x, y)
        # An update when the later report has the higher value; a lower one later stays a conflict.
        return "update" if order != 0 and (vy > vx) == (order > 0) else None
    px, py = _published(x), _published(y)
    if px is None or py is None or px == py or not (_whole(vx) and _whole(vy)):
        return None
    unit = x.quantity.unit
    apart = abs((py - px).days)
    later, earlier = (vy, vx) if py > px else (vx, vy)
    if unit in _DAYS and unit == y.quantity.unit and 0 < later - earlier <= max(1, apart // _DAYS[unit]):
        return "near"  # a duration counted up to the day of writing
    return "near" if abs(vx - vy) == 1 else None


def update_message(x: Side, y: Side, outlet_x: str, outlet_y: str) -> str:
    """The message of an update: from the earlier value to the later one, each with its outlet and date."""
    (lo, olo), (hi, ohi) = sorted(((x, outlet_x), (y, outlet_y)), key=lambda p: _value(p[0]))
    return (f'The count rose from "{lo.quantity.span.text}" ({olo}{_when(lo)}) to "{hi.quantity.span.text}" '
            f"({ohi}{_when(hi)}): a running count reported at different times, not a conflict.")


def near_message(x: Side, y: Side, outlet_x: str, outlet_y: str) -> str:
    """The message of a near miss: both values with their outlets and dates."""
    return (f'{outlet_x} says "{x.quantity.span.text}"{_when(x, " on ")}, {outlet_y} "{y.quantity.span.text}"'
            f"{_when(y, ' on ')}: one apart, or a count to the day of writing, in reports of different days "
            "(likely the same count taken a day apart).")


def _when(s: Side, sep: str = ", ") -> str:
    d = _published(s)
    return f"{sep}{d:%-d %B %Y}" if d is not None else ""
