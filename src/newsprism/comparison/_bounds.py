"""Whether two different values of one count can both be right (for ``number_conflict``).

A bound the other value meets ("at least 12" / "fourteen"), two estimates near each other
("nearly 400" / "some 379"), or a subset by condition ("ten hospitalised in critical
condition" / "forty hospitalised"): two values that differ without contradicting each other.
Read from the words around each number in its article's text.
"""

from __future__ import annotations

import re

from newsprism.model import Quantity

__all__ = ["CROSS_LANGUAGE_SLACK", "may_both_hold"]

# Words before a number that make it a bound or an estimate ("at least 230", "nearly 400").
# Russian beside English: a Russian report's number is compared with an English one's
# (newsprism.comparison.conflicts.cross_language_number_conflicts); French, German, Spanish,
# Italian and Portuguese for the numbers of the limited analysis (newsprism.analysis._limited_numbers).
_AT_LEAST = re.compile(r"\b(?:at least|more than|over|upwards of|in excess of|no fewer than|no less than|"
                       r"не менее|не меньше|более|больше|свыше|как минимум|по меньшей мере|по крайней мере|"
                       r"au moins|plus de|pas moins de|au minimum|mindestens|mehr als|über|wenigstens|"
                       r"al menos|más de|por lo menos|como mínimo|almeno|più di|oltre|pelo menos|mais de)\s*$",
                       re.IGNORECASE)
_AT_MOST = re.compile(r"\b(?:up to|as many as|fewer than|less than|under|at most|no more than|"
                      r"до|не более|не больше|менее|меньше|максимум|не свыше|"
                      r"jusqu['’]à|moins de|au plus|au maximum|pas plus de|bis zu|weniger als|höchstens|"
                      r"hasta|menos de|como máximo|fino a|meno di|al massimo|até|no máximo)\s*$", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|around|nearly|almost|roughly|some|approximately|close to|an estimated|"
                    r"около|примерно|почти|порядка|приблизительно|"
                    r"environ|près de|presque|quelque|autour de|etwa|rund|ungefähr|fast|knapp|circa|"
                    r"unos|unas|alrededor de|cerca de|casi|aproximadamente|quasi|intorno a|cerca|quase)\s*$",
                    re.IGNORECASE)
_ESTIMATE_SLACK = 0.1
# A condition that counts only part of a group: "ten hospitalised in critical condition" is part
# of "49 hospitalised", not another count of them.
_SUBSET = re.compile(r"\b(?:in (?:a )?(?:critical|serious|grave|stable|severe) condition|critically|seriously|"
                     r"severely|gravely)\b", re.IGNORECASE)


#: The estimate slack across languages: the hedges of two languages do not map one to one
#: («около 4,5 часа» is told as "about 4.5" and as "nearly five hours").
CROSS_LANGUAGE_SLACK = 0.2


def may_both_hold(text_a: str, x: Quantity, text_b: str, y: Quantity, slack: float = _ESTIMATE_SLACK) -> bool:
    """Whether two different values can both be right: a bound the other meets, an estimate near it, a subset.

    Only one of the two may be a bound (two estimates may be near each other): two bounds ("at
    least 230" / "at least 273") are two reported tolls of one count, one of them out of date,
    which a reader should see. ``text_a`` / ``text_b``: the texts of the articles the values are in;
    ``slack``: how far apart (a share of the estimate) an estimate and the other value may be.
    """
    vx, vy = float(x.value or 0), float(y.value or 0)
    kinds = [_hedge(text[max(0, q.span.start - 24):q.span.start]) for text, q in ((text_a, x), (text_b, y))]
    if kinds[0] is not None and kinds[1] is None:
        kind, v, other = kinds[0], vx, vy
    elif kinds[1] is not None and kinds[0] is None:
        kind, v, other = kinds[1], vy, vx
    elif kinds == ["about", "about"]:
        kind, v, other = "about", vx, vy  # two estimates near each other agree
    else:
        kind, v, other = None, vx, vy
    if (kind == "at least" and other >= v) or (kind == "at most" and other <= v) or (
            kind == "about" and abs(other - v) <= slack * max(abs(v), 1.0)):
        return True
    return bool(_SUBSET.search(_clause(text_a, x))) != bool(_SUBSET.search(_clause(text_b, y)))


def _clause(text: str, q: Quantity) -> str:
    """The stretch of text around a number between punctuation: what that number counts.

    "49 people were hospitalized, 18 of them in critical condition": the condition is the 18's.
    """
    start = max(text.rfind(c, 0, q.span.start) for c in ",;.!?\n") + 1
    ends = [i for i in (text.find(c, q.span.end) for c in ",;.!?\n") if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def _hedge(before: str) -> str | None:
    """``at least``, ``at most`` or ``about`` for the words before a number, or None (an exact value).

    The longest phrase wins: "no more than" (at most) holds "more than" (at least), as "pas
    moins de" (at least) holds "moins de" (at most).
    """
    found = [(m.start(), kind) for kind, pattern in (("at least", _AT_LEAST), ("at most", _AT_MOST), ("about", _ABOUT))
             if (m := pattern.search(before)) is not None]
    return min(found)[1] if found else None
