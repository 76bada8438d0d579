"""Which side a speaker speaks for, where the text says so.

Examples: "US Secretary of State X", "the Russian Foreign Ministry", "Kremlin spokesman Y",
"X, a White House official".

Only explicit markers count: a nationality or country word in the speaker's title or in the
organisation's name, or an institution that stands for one government. A speaker whose text gives
no such marker has no side; nothing is guessed from names.
"""

from __future__ import annotations

import re

from newsprism._name_tables import ALIASES, DEMONYMS, PLACES
from newsprism.comparison._names import country_key

__all__ = ["side_of", "SIDE_WORDS"]

# Capitals and institutions that stand for a country's government (metonyms); the country and
# nationality words themselves come from the shared tables (``country_key``).
_METONYMS: dict[str, str] = {
    "washington": "united states", "white house": "united states", "state department": "united states",
    "pentagon": "united states", "biden administration": "united states", "trump administration": "united states",
    "u.s.": "united states",
    "kremlin": "russia", "moscow": "russia", "kyiv": "ukraine", "kiev": "ukraine", "beijing": "china",
    "downing street": "united kingdom", "london": "united kingdom", "élysée": "france", "elysee": "france",
    "paris": "france", "berlin": "germany", "ankara": "turkey", "tehran": "iran", "minsk": "belarus",
    "warsaw": "poland", "tokyo": "japan", "hamas": "palestine", "european commission": "european union",
}  # fmt: skip
# How a side is named where the country's own name is not how one says it.
_SIDE_NAMES = {"palestine": "Palestinians"}


def _side_name(key: str) -> str:
    canonical = ALIASES.get(key)
    return _SIDE_NAMES.get(key) or (canonical[0] if canonical else key.title())


_COMMON_WORDS = frozenset({"is"})


def _side_words() -> dict[str, str]:
    """Every word that marks a side -> the side's name: metonyms, aliases, countries, nationalities."""
    words = dict(_METONYMS)
    for word in (*ALIASES, *PLACES, *DEMONYMS):
        if word in _COMMON_WORDS:
            continue  # "IS" (Islamic State) is a name only in capitals; sides are matched in any case
        key = country_key(word)
        if key is not None and word not in words:
            words[word] = key
    # A city that country_key keeps as itself ("odesa") is no government; countries, unions and
    # blocs are.
    return {w: _side_name(k) for w, k in words.items()
            if w in _METONYMS or k in DEMONYMS.values() or k != w or w in ALIASES}


# Country, nationality and metonym words (lower case) -> the side's name.
SIDE_WORDS: dict[str, str] = _side_words()

_ROLE = re.compile(
    r"\b(?:minister|ministry|secretary|spokes(?:man|woman|person)|president|department|official|officials|"
    r"government|embassy|ambassador|envoy|diplomat|administration|military|army|forces|kremlin|"
    r"white house|pentagon|state department|media|agency|prime minister|chancellor|office)\b",
    re.IGNORECASE,
)
_WORDS = sorted(SIDE_WORDS, key=len, reverse=True)
_SIDE_RE = re.compile(r"(?<![\w.])(" + "|".join(re.escape(w) for w in _WORDS) + r")(?![\w])", re.IGNORECASE)
# Institutions that are a government by themselves, without a role word next to them.
_INSTITUTIONS = {"kremlin", "white house", "pentagon", "state department", "downing street", "élysée", "elysee"}


def side_of(context: str) -> str | None:
    """Return the side a speaker speaks for, from the words that name or introduce them.

    Args:
        context: The speaker's title, description or organisation as written, e.g. "US State
            Department spokesman Ned Price", "the Russian Foreign Ministry", "Kremlin spokesman".

    Returns:
        The side's name ("United States", "Russia", ...) when the words mark one explicitly and
        name a role of that side (an official, a ministry, its media); otherwise ``None``.
    """
    found = [m.group(1).lower() for m in _SIDE_RE.finditer(context)]
    if not found:
        return None
    if not (_ROLE.search(context) or any(f in _INSTITUTIONS for f in found)):
        return None
    sides = {SIDE_WORDS[f] for f in found}
    # "the US envoy to Russia" names two countries; the first one is whose official it is.
    return SIDE_WORDS[found[0]] if len(sides) > 1 else sides.pop()
