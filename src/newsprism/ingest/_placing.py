"""Where the page furniture the reader took out of a body stood in its input.

The cleaning works on paragraphs it has already re-spaced (hard-wrapped lines joined, runs of
white space made one), so what it removes is not a slice of the input as such. Each removed
piece is found again in the input by its words, with any white space between them; a piece
that stood on lines of its own is looked for there first, and no two pieces take the same
characters (a headline repeated under itself is found as the repeat, not as the headline).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import cast, get_args

from newsprism.model import Furniture, FurnitureKind

__all__ = ["TITLE", "Removed", "place"]

#: A removed piece: its kind and its text as the cleaning saw it.
Removed = tuple[str, str]
#: The kind under which the headline is placed first (it is metadata, not furniture): its
#: characters are then taken, so a repeat of it is found further down.
TITLE = "title"
_KINDS = frozenset(get_args(FurnitureKind))
_EDGE = " \t*_#>•·-–—|"  # what may stand between a line's start or end and a piece on it


def _at_line_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(_EDGE)


def _at_line_end(text: str, end: int) -> bool:
    line_end = text.find("\n", end)
    return not text[end:line_end if line_end >= 0 else len(text)].strip(_EDGE)


class _Taken:
    """Disjoint, sorted character ranges already given to a piece."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return (i == 0 or self.ends[i - 1] <= start) and (i == len(self.starts) or end <= self.starts[i])

    def take(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _find(text: str, piece: str, taken: _Taken) -> tuple[int, int] | None:
    words = piece.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    best: tuple[int, int, int] | None = None  # (tier, start, end): tier 0 on lines of its own
    for m in pattern.finditer(text):
        if not taken.free(m.start(), m.end()):
            continue
        tier = 2 - _at_line_start(text, m.start()) - _at_line_end(text, m.end())
        if best is None or tier < best[0]:
            best = (tier, m.start(), m.end())
            if tier == 0:
                break
    return None if best is None else (best[1], best[2])


def place(removed: list[Removed], original: str | None) -> list[Furniture]:
    """The furniture records of the removed pieces, each placed in ``original`` where it can be.

    Args:
        removed: ``(kind, text)`` of each piece, in the order the cleaning took them out; a piece
            of kind :data:`TITLE` is placed (its characters taken) but gives no record.
        original: The input text the pieces came from, or ``None`` when they come from no string
            of the input (an HTML page's extracted text): then no piece has offsets.

    Returns:
        One :class:`Furniture` a piece (its ``text`` the input's characters where placed), in input
        order; those not placed last, in the order they were removed.
    """
    taken = _Taken()
    placed: list[Furniture] = []
    unplaced: list[Furniture] = []
    for kind, piece in removed:
        piece = piece.strip()
        where = _find(original, piece, taken) if original is not None and piece else None
        if where is not None:
            taken.take(*where)
        if kind == TITLE or not piece:
            continue
        if where is None or original is None:
            unplaced.append(Furniture(_kind(kind), " ".join(piece.split())))
        else:
            placed.append(Furniture(_kind(kind), original[where[0]:where[1]], where[0], where[1]))
    placed.sort(key=lambda f: f.start or 0)
    return placed + unplaced


def _kind(kind: str) -> FurnitureKind:
    if kind not in _KINDS:  # the cleaning names its kinds from FurnitureKind: another is a bug here
        raise ValueError(f"unknown furniture kind {kind!r}")
    return cast(FurnitureKind, kind)
