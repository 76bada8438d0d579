"""Which side a speaker speaks for, where the text says so.

Examples: "US Secretary of State X", "the Russian Foreign Ministry", "Kremlin spokesman Y",
"X, a White House official".

Only explicit markers count: a nationality or country word in the speaker's title or in the
organisation's name, or an institution that stands for one government. A speaker whose text gives
no such marker has no side; nothing is guessed from names.
"""

from __future__ import annotations

import re

__all__ = ["side_of", "SIDE_WORDS"]

# Country or nationality words (lower case) -> the side's name.
SIDE_WORDS: dict[str, str] = {
    "us": "United States", "u.s.": "United States", "american": "United States", "america": "United States",
    "united states": "United States", "washington": "United States", "white house": "United States",
    "state department": "United States", "pentagon": "United States", "biden administration": "United States",
    "trump administration": "United States",
    "russia": "Russia", "russian": "Russia", "kremlin": "Russia", "moscow": "Russia",
    "ukraine": "Ukraine", "ukrainian": "Ukraine", "kyiv": "Ukraine", "kiev": "Ukraine",
    "china": "China", "chinese": "China", "beijing": "China",
    "uk": "United Kingdom", "british": "United Kingdom", "britain": "United Kingdom",
    "downing street": "United Kingdom",
    "france": "France", "french": "France", "élysée": "France", "elysee": "France",
    "germany": "Germany", "german": "Germany", "berlin": "Germany",
    "turkey": "Turkey", "turkish": "Turkey", "ankara": "Turkey",
    "israel": "Israel", "israeli": "Israel", "iran": "Iran", "iranian": "Iran", "tehran": "Iran",
    "eu": "European Union", "european union": "European Union", "european commission": "European Union",
    "nato": "NATO", "belarus": "Belarus", "belarusian": "Belarus", "poland": "Poland", "polish": "Poland",
    "palestinian": "Palestinians", "hamas": "Palestinians", "japan": "Japan", "japanese": "Japan",
    "india": "India", "indian": "India", "pakistan": "Pakistan", "pakistani": "Pakistan",
}

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
