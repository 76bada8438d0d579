"""Names across scripts: Russian in Cyrillic against English in Latin letters.

Three layers, in order:

1. **The alias table** (``lexicons/names_ru.tsv``, versioned): only what transliteration cannot reach
   (Kyiv, the White House, «Уилан» = Whelan).
2. **Transliteration both ways**: Cyrillic to Latin with iuliia's Wikipedia schema and with
   newsprism's own BGN/PCGN-style table (:func:`newsprism.comparison._names.latin`), Latin to
   Cyrillic with cyrtranslit, so a name is compared in both scripts.
   English "W" before a vowel is written «У» in Russian (Williams «Уильямс», Whitney «Уитни», West
   «Уэст», Walter «Уолтер»): a word-initial «У» before a vowel also reads as "W" (and «Уо» as "Wa"),
   and an English name is also written in Cyrillic by the two English spellings Russian renders
   by sound, word-initial "Wh"/"W" before a vowel as «У» and "ee"/"ea" as «и» (Wheeler «Уилер»).
3. **Phonetic fuzzy match**: each spelling folded to a romanisation-insensitive key (``th``/``t``,
   ``w``/``v``, ``y``/``i``, doubled letters, spaces; see :func:`newsprism.comparison._names.phonetic`) and
   compared with rapidfuzz's normalised Indel ratio: «Пномпень» ≈ "Phnom Penh", «Вашингтон» ≈ "Washington".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from newsprism._name_tables import norm_key
from newsprism.comparison._names import latin, phonetic

__all__ = ["SAME_NAME", "NameTable", "cross_script_similarity", "english_to_cyrillic", "has_cyrillic", "latin_forms",
           "name_table",
           "to_cyrillic",
           "with_table_words"]

_CYR = re.compile(r"[\u0400-\u04FF]")
# A word-initial «У» before a vowel: how Russian writes an English "W" (Уильямс, Уэст, Уолтер).
_U_VOWEL = re.compile(r"(?<![\w-])([Уу])(?=[ИиЭэЕеАаОо])")
_UO = re.compile(r"(?<![\w-])([Уу])[Оо]")
# English spellings Russian renders by sound: "ee"/"ea" as «и», then "Wh"/"W" before a vowel as «У»
# (before "a" «Уо», before "e" «Уэ»: Walter «Уолтер», West «Уэст»).
_EN_EE = re.compile(r"e[ea]", re.IGNORECASE)
_EN_W = re.compile(r"(?<![\w-])([Ww])h?([aeiouAEIOU])")
_EN_W_VOWEL = {"a": "о", "e": "э"}
#: Similarity of two names across scripts (0-1) from which they are taken to be one.
SAME_NAME = 0.86


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` has a Cyrillic letter."""
    return bool(_CYR.search(text))


@dataclass(frozen=True, slots=True)
class NameTable:
    """The alias table: lower-cased Russian and Latin spellings to the canonical Latin name and type."""

    version: str
    canonical: dict[str, tuple[str, str]]  # norm_key(spelling) -> (canonical Latin, type)
    words: dict[str, str]  # one Cyrillic word of a person's name -> its Latin spelling

    def lookup(self, name: str) -> tuple[str, str] | None:
        """The canonical Latin name and type of a spelling in the table, or ``None``."""
        return self.canonical.get(norm_key(name).replace("ё", "е"))


@functools.cache
def name_table() -> NameTable:
    """Parse the shipped ``names_ru.tsv`` (once per process)."""
    text = resources.files("newsprism.lexicons").joinpath("names_ru.tsv").read_text(encoding="utf-8")
    version, canonical, words = "", {}, {}
    for line in text.splitlines():
        if line.startswith("#"):
            m = re.match(r"#\s*version:\s*(\S+)", line)
            version = version or (m.group(1) if m else "")
            continue
        cols = line.split("\t")
        if len(cols) < 4 or cols[0] == "russian":
            continue
        ru, lat, variants, etype = (c.strip() for c in cols[:4])
        if etype in ("PERSON", "FIRST"):
            words[ru.lower().replace("ё", "е")] = lat
            continue
        for spelling in (ru, lat, *(v for v in variants.split("|") if v)):
            canonical[norm_key(spelling).replace("ё", "е")] = (lat, etype)
    return NameTable(version, canonical, words)


def with_table_words(name: str) -> str:
    """``name`` with each Cyrillic word the table knows replaced by its Latin spelling («Пол Уилан» → "Paul Whelan")."""
    words = name_table().words
    return " ".join(words.get(w.lower().replace("ё", "е"), w) for w in name.split())


@functools.lru_cache(maxsize=8192)
def latin_forms(name: str) -> frozenset[str]:
    """Latin spellings of a Cyrillic name: the table's words, iuliia's Wikipedia schema, and our own table."""
    import iuliia

    name = with_table_words(name)
    forms = {latin(name), iuliia.WIKIPEDIA.translate(name)}
    if _U_VOWEL.search(name):  # «Уильямс» -> "Wilyams", «Уолтер» -> "Wolter" and "Walter"
        forms.add(latin(_U_VOWEL.sub(lambda m: "W" if m.group(1).isupper() else "w", name)))
        forms.add(latin(_UO.sub(lambda m: "Wa" if m.group(1).isupper() else "wa", name)))
    return frozenset(forms)


@functools.lru_cache(maxsize=8192)
def to_cyrillic(name: str) -> str:
    """A Russian transliteration of a Latin name (cyrtranslit), "Antony Blinken" → «Антоны Блинкен»-like."""
    import cyrtranslit

    return str(cyrtranslit.to_cyrillic(name, "ru"))


@functools.lru_cache(maxsize=8192)
def english_to_cyrillic(name: str) -> str:
    """A Russian spelling of an English name by sound where its letters mislead: "Wheeler" → «Уилер».

    "ee"/"ea" becomes «и»; a word-initial "Wh"/"W" before a vowel «У» («Уо» before "a", «Уэ» before
    "e"); cyrtranslit does the rest.
    """
    import cyrtranslit

    text = _EN_EE.sub(lambda m: "I" if m.group(0)[0].isupper() else "i", name)
    text = _EN_W.sub(lambda m: ("У" if m.group(1).isupper() else "у")
                     + _EN_W_VOWEL.get(m.group(2).lower(), m.group(2)), text)
    return str(cyrtranslit.to_cyrillic(text, "ru"))


def _keys(text: str) -> tuple[str, ...]:
    """Phonetic keys without spaces and h ("Phnom Penh" and «Пномпень», Pnompen, meet; so do Zakharova/Zaharova).

    Two keys: one with ``ph`` read as ``f`` (Philadelphia, «Филадельфия»), one with the h simply dropped
    (Phnom Penh, «Пномпень»).
    """
    words = norm_key(latin(text)).split()
    folded = "".join(phonetic(w) for w in words).replace("h", "")
    plain = "".join(phonetic(w.replace("h", "")) for w in words)
    return (folded, plain) if plain != folded else (folded,)


@functools.lru_cache(maxsize=65536)
def cross_script_similarity(a: str, b: str) -> float:
    """How alike two names are across scripts (0-1): the best of every transliteration, phonetically folded.

    Args:
        a: A name in any script.
        b: Another.

    Returns:
        1.0 for the same name or a table alias pair, else rapidfuzz's ratio of the closest phonetic keys.
    """
    from rapidfuzz import fuzz

    ta, tb = name_table().lookup(a), name_table().lookup(b)
    if ta is not None and tb is not None:
        return 1.0 if ta[0] == tb[0] else 0.0
    forms_a = latin_forms(a) if has_cyrillic(a) else frozenset({a})
    forms_b = latin_forms(b) if has_cyrillic(b) else frozenset({b})
    best = max(fuzz.ratio(kx, ky) for x in forms_a for y in forms_b for kx in _keys(x) for ky in _keys(y)) / 100
    if has_cyrillic(a) != has_cyrillic(b):  # and in Cyrillic: the other direction catches what romanising loses
        cyr, lat = (a, b) if has_cyrillic(a) else (b, a)
        cyr_key = norm_key(cyr).replace("ё", "е")
        best = max(best, *(fuzz.ratio(cyr_key, norm_key(f(lat))) / 100 for f in (to_cyrillic, english_to_cyrillic)))
    return float(best)
