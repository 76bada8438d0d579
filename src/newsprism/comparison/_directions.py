"""Compass directions from one reference place ("70 km southwest of Dunmore"), for ``place_conflict``.

Two reports of one fact that put it in opposite quarters of the same town ("northeast of
Dunmore" / "southwest of Dunmore") cannot both be right, whatever the map: no gazetteer is
needed. Directions are compared as bearings; two that are at least :data:`_APART` degrees apart
conflict (north and northeast, 45 degrees apart, may be one rough bearing told two ways).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.model import Span, Statement

__all__ = ["Direction", "directions", "opposed"]

_POINTS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
           "west": 270, "northwest": 315}
# Bearings two reports may round one way or the other; from this many degrees apart they conflict.
_APART = 90
_DIRECTION = re.compile(
    r"\b(?i:(north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|north|south|east|west)(?:ward)?\s+of\s+"
    r"(?:the\s+)?)([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


@dataclass(frozen=True, slots=True)
class Direction:
    """One "DIRECTION of PLACE" in a statement: the bearing and the place it is told from."""

    span: Span
    bearing: int
    reference: str  # the reference place, case-folded


def directions(text: str, article_id: str, st: Statement) -> list[Direction]:
    """The compass directions a statement gives from a named place ("southwest of Dunmore").

    Only a capitalised reference counts ("north of the border" names no place to compare).
    """
    out = []
    for m in _DIRECTION.finditer(st.span.text):
        point = re.sub(r"[- ]", "", m.group(1).lower())
        start, end = st.span.start + m.start(), st.span.start + m.end()
        out.append(Direction(Span(article_id, start, end, text[start:end]), _POINTS[point],
                             " ".join(m.group(2).split()).casefold()))
    return out


def opposed(x: Direction, y: Direction) -> bool:
    """Whether two directions from the same place are too far apart to be one bearing told two ways."""
    if x.reference != y.reference:
        return False
    diff = abs(x.bearing - y.bearing) % 360
    return min(diff, 360 - diff) >= _APART
