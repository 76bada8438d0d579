"""Name helpers for cross-article entity resolution: transliteration, name matching, role phrases.

- **Transliteration**: Cyrillic (Russian, Ukrainian, Belarusian letters) to Latin with a
  hand-written BGN/PCGN-style table (``Сергей Лавров`` → ``Sergey Lavrov``); no dependency.
- **Phonetic keys**: a Latin name folded so that common romanisation differences vanish
  (``th``/``t``, ``kh``/``h``, ``y``/``i``, ``x``/``ks``, doubled letters): ``Anthony`` and
  ``Antony`` both key to ``antoni``, ``Zelenskyy``/``Zelenskiy``/``Zelensky`` to ``zelenski``.
- **Roles**: a small generic grammar for office titles and role descriptions, shared by the
  titles learned next to names ("US Secretary of State Antony Blinken", "Ned Price, the State
  Department spokesman") and the descriptions looked up later ("the top US diplomat"):
  ``[former] [top] [country] [organisation] [department words] HEAD [of|for COMPLEMENT]``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# The name tables (aliases, places, departments, suffixes, demonyms) and the normaliser are the
# ones analysis uses, so that both stages read a name the same way.
from newsprism._name_tables import ALIASES, DEMONYMS, DEPARTMENTS, NAME_SUFFIXES, PLACES, norm_key, plain_letters

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w",
}  # fmt: skip

# --- transliteration and name matching -------------------------------------------------------

_YO = re.compile(r"(?<=[bcdfgklmnprstvz])yo")
_DIGRAPHS = (("shch", "sh"), ("kh", "h"), ("th", "t"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"),
             ("x", "ks"), ("y", "i"), ("j", "i"))  # fmt: skip


def latin(text: str) -> str:
    """Transliterate Cyrillic letters to Latin, keeping the case of each word's first letter.

    Args:
        text: Any text; non-Cyrillic characters pass through.

    Returns:
        The text with Cyrillic letters romanised (``"Энтони Блинкен"`` → ``"Entoni Blinken"``).
    """
    out: list[str] = []
    for n, ch in enumerate(text):
        low = ch.lower()
        if low not in _CYRILLIC:
            out.append(ch)
        elif ch == low:
            out.append(_CYRILLIC[low])
        else:  # "Щука" -> "Shchuka", "ЩУКА" -> "SHCHUKA"
            shout = n + 1 < len(text) and text[n + 1].isupper()
            out.append(_CYRILLIC[low].upper() if shout else _CYRILLIC[low].capitalize())
    return "".join(out)


def fold(text: str) -> str:
    """Return ``text`` transliterated, without accents and dots, case-folded, spaces collapsed."""
    text = unicodedata.normalize("NFKD", plain_letters(latin(unicodedata.normalize("NFKC", text))))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("\u2019", "'").replace(".", "").casefold().split())


@lru_cache(maxsize=8192)
def phonetic(word: str) -> str:
    """Return the romanisation-insensitive key of one folded name word (see module docstring)."""
    key = "".join(c for c in word if c.isalpha())
    # Russian «ё» after a consonant is romanised "yo" but usually printed as «е» (read "e"):
    # Semyonov / Семенов, Fyodorov / Федоров, Pyotr / Петр.
    key = _YO.sub("e", key)
    for old, new in _DIGRAPHS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=65536)
def ratio(a: str, b: str) -> float:
    """Return difflib's similarity of two short strings (cached: names repeat across articles)."""
    return difflib.SequenceMatcher(None, a, b).ratio()


def name_words(name: str) -> tuple[str, ...]:
    """Return the folded, transliterated words of a person's name without suffixes ("Jr.")."""
    return tuple(w for w in fold(name).split() if w not in NAME_SUFFIXES)


# Romanised Chinese and Korean names are printed family name first, the given name hyphenated
# with a small letter after the hyphen ("Lai Ching-te", "Moon Jae-in"); a capital after the
# hyphen is a Western double surname ("Ocasio-Cortez") and keeps the usual order.
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def person_forms(name: str) -> tuple[tuple[str, ...], ...]:
    """Return the forms of a person's name as (given names..., surname) word tuples.

    Most names have one form, :func:`name_words`. A family-name-first name is turned round
    ("Lai Ching-te" → ``("ching-te", "lai")``), and one that also carries a Western given name
    in front ("William Lai Ching-te") has two forms, ``("william", "lai")`` and
    ``("ching-te", "lai")``: the name that tells the reader both are one person.

    Args:
        name: A PERSON entity's name as printed.

    Returns:
        One or two word tuples, the surname last in each.
    """
    words = name_words(name)
    printed = [w for w in name.split() if fold(w) not in NAME_SUFFIXES]
    if len(words) < 2 or len(printed) != len(words) or not _HYPHENATED_GIVEN.fullmatch(printed[-1]):
        return (words,)
    family, given = words[-2], words[-1]
    if len(words) == 3 and len(words[0]) > 1:
        return (words[0], family), (given, family)
    return (*words[:-2], given, family),


def first_names_compatible(a: str, b: str, strict: bool = False) -> bool:
    """Tell whether two folded first names can name one person.

    Equal names, an initial and a name it starts (unless ``strict``), a name and its short
    form ("alex"/"alexander"), or phonetic keys at least 80% similar ("antony"/"entoni").
    """
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return not strict and a[0] == b[0]
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    pa, pb = phonetic(a), phonetic(b)
    return pa == pb or ratio(pa, pb) >= 0.8


@lru_cache(maxsize=65536)
def surname_relation(a: str, b: str) -> str | None:
    """Compare two folded surnames: "same" (phonetic keys equal), "similar" (≥ 85%) or None."""
    pa, pb = phonetic(a), phonetic(b)
    if pa == pb:
        return "same"
    if min(len(pa), len(pb)) >= 5 and abs(len(pa) - len(pb)) <= 2 and ratio(pa, pb) >= 0.85:
        return "similar"
    # Russian writes the English short "u" as «а» («Трамп» for Trump, «Раш» for Rush): equal but
    # for that, with first names that agree beyond an initial (see :func:`same_person`).
    if min(len(pa), len(pb)) >= 3 and pa.replace("u", "a") == pb.replace("u", "a"):
        return "similar"
    return None


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Tell whether two full names (folded words, at least two each) can name one person.

    The same surname needs compatible first names; a similar surname (a transliteration
    variant) needs first names that agree beyond an initial.
    """
    rel = surname_relation(a[-1], b[-1])
    if rel is None:
        return False
    return first_names_compatible(a[0], b[0], strict=rel == "similar")


def country_key(word: str) -> str | None:
    """Return the country key (lower case) of a folded word or phrase, or None.

    ``us``/``united states``/``american``/``america's`` all give ``"united states"``.
    """
    word = word.removesuffix("'s")
    if word in ALIASES:
        return ALIASES[word][0].casefold()
    if word in DEMONYMS:
        return DEMONYMS[word]
    return word if word in PLACES else None


# --- role phrases --------------------------------------------------------------------------

# Head nouns of offices (plural forms are not heads: "the diplomats" names no one person).
_HEADS = {
    "minister": "minister", "secretary": "secretary", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson", "president": "president", "premier": "premier", "chancellor": "chancellor",
    "diplomat": "diplomat", "ambassador": "ambassador", "envoy": "envoy", "governor": "governor",
    "mayor": "mayor", "senator": "senator", "head": "head", "adviser": "adviser", "advisor": "adviser",
    "director": "director", "prosecutor": "prosecutor", "commander": "commander", "king": "king",
    "queen": "queen", "pope": "pope", "leader": "leader", "negotiator": "negotiator",
}  # fmt: skip
_TOP = frozenset({"top", "chief", "senior", "leading"})
_FORMER = frozenset({"former", "ex", "ex-"})
# Words that qualify the head ("Foreign Minister", "prime minister", "press secretary").
_DEPT_MODS = DEPARTMENTS | {"prime", "vice", "deputy", "press", "first", "policy"}
_ORG_NOUNS = frozenset({"department", "ministry", "office"})
_COMPLEMENT = DEPARTMENTS | _ORG_NOUNS | {"the", "and", "policy", "diplomacy", "affairs"}
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})
# Generic equivalences (the only table of its kind): a country's top diplomat is its foreign
# minister, foreign secretary or (US) secretary of state; "head of the X foreign policy
# department / foreign ministry / diplomacy / state department" names the same office.
TOP_DIPLOMAT = "top diplomat"


@dataclass(frozen=True, slots=True)
class Token:
    """One word of an article: folded form, offsets (``end`` without a possessive ``'s``)."""

    word: str
    start: int
    end: int
    full_end: int
    capital: bool


@dataclass(frozen=True, slots=True)
class Role:
    """An office as written in a title or a description.

    Attributes:
        head: Canonical head noun ("minister", "secretary", "spokesperson", "diplomat", "head").
        dept: Department words qualifying it, sorted ("foreign", "state", "prime", ...).
        country: Country key, if named.
        org: Organisation words, if named ("state department", "kremlin").
        classes: Equivalence classes it belongs to (``TOP_DIPLOMAT``).
        former: Whether it is a former office.
    """

    head: str
    dept: tuple[str, ...]
    country: str | None
    org: str | None
    classes: frozenset[str]
    former: bool


_TOKEN_RE = re.compile(r"[^\W\d_](?:[\w.'’-]*\w)?(?:['’]s)?\.?")


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens for role parsing (abbreviation dots kept, possessives noted)."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        full_end = m.end()
        if raw.endswith(".") and not re.fullmatch(r"(?:[^\W\d_]\.){2,}", raw) and norm_key(raw) not in HONORIFICS:
            raw, full_end = raw[:-1], full_end - 1
        end = full_end - 2 if raw[-2:] in ("'s", "’s") else full_end
        word = _fold_word(text[m.start() : end])
        if word:
            tokens.append(Token(word, m.start(), end, full_end, raw[:1].isupper()))
    return tokens


@lru_cache(maxsize=16384)
def _fold_word(raw: str) -> str:
    """Fold one token (cached: articles repeat their words)."""
    return raw.replace(".", "").casefold() if raw.isascii() else fold(raw)


def could_end_role(token: Token) -> bool:
    """Tell whether a token can be the last word of a title (a head, complement word or name)."""
    return token.word in _HEADS or token.word in _COMPLEMENT or token.capital


def _adjacent(text: str, a: Token, b: Token) -> bool:
    """Tell whether only spaces (no line break, no punctuation) separate two tokens."""
    gap = text[a.full_end : b.start]
    return not gap.strip() and "\n" not in gap


def _country_at(tokens: Sequence[Token], j: int) -> tuple[str, int] | None:
    """Return (country key, tokens used) for a country or nationality at ``j``."""
    if not tokens[j].capital:
        return None
    if j + 1 < len(tokens):
        two = country_key(f"{tokens[j].word} {tokens[j + 1].word}")
        if two is not None:
            return two, 2
    one = country_key(tokens[j].word)
    return (one, 1) if one is not None else None


def _classes(head: str, dept: set[str], top: bool, complement: set[str]) -> frozenset[str]:
    """Return the equivalence classes of an office (see ``TOP_DIPLOMAT``)."""
    if dept & {"deputy", "vice", "first", "press"}:
        return frozenset()
    foreign = (head in {"minister", "secretary"} and dept == {"foreign"}) or (head == "secretary" and dept == {"state"})
    if head == "diplomat" and top:
        foreign = True
    if head == "head":
        foreign = "diplomacy" in complement or (
            bool(complement & {"foreign", "state"}) and bool(complement & (_ORG_NOUNS | {"policy", "affairs"}))
        )
    return frozenset({TOP_DIPLOMAT}) if foreign else frozenset()


def _complement(
    tokens: Sequence[Token], k: int, org_at: Callable[[int], bool], nxt_ok: Callable[[int], bool]
) -> tuple[list[str], list[str], str | None, int] | None:
    """Parse the words after "of"/"for" ("of State", "of the American foreign policy department").

    Returns:
        (words, organisation words, country key, index after the complement), or None when
        no known word follows.
    """
    start = k
    words: list[str] = []
    org: list[str] = []
    country: str | None = None
    while nxt_ok(k) and k - start < 6:
        found = _country_at(tokens, k)
        word = tokens[k].word
        if found is not None:
            country = country or found[0]
            k += found[1]
            words.append("<country>")
        elif org_at(k) and word not in {"the", "and"}:
            org.append(word)
            words.append(word)
            k += 1
        elif word in _COMPLEMENT:
            words.append(word)
            k += 1
        else:
            break
    while words and words[-1] in {"the", "and"}:
        words.pop()
        k -= 1
    return (words, org, country, k) if words else None


def parse_role(text: str, tokens: Sequence[Token], i: int, org_at: Callable[[int], bool]) -> tuple[Role, int] | None:
    """Parse an office title or role description starting at token ``i``.

    Args:
        text: The article text (to check that the words are adjacent).
        tokens: Its tokens.
        i: Where the phrase starts (after any "the").
        org_at: Whether token ``j`` lies inside an ORG/FAC mention of the article.

    Returns:
        The role and the index of the first token after it, or None if no office is named.
    """
    n, j = len(tokens), i
    former = top = False
    country: str | None = None
    org: list[str] = []
    dept: list[str] = []

    def nxt_ok(k: int) -> bool:
        return k < n and (k == i or _adjacent(text, tokens[k - 1], tokens[k]))

    if nxt_ok(j) and tokens[j].word in _FORMER:
        former, j = True, j + 1
    while nxt_ok(j) and j - i < 8:
        word = tokens[j].word
        if word in _TOP:
            top, j = True, j + 1
            continue
        found = _country_at(tokens, j) if country is None and not org and not dept else None
        if found is not None:
            country, j = found[0], j + found[1]
            continue
        if not dept and org_at(j) and word not in _HEADS:
            org.append(word)
            j += 1
            continue
        if word in _DEPT_MODS and nxt_ok(j + 1) and tokens[j + 1].word in _ORG_NOUNS and not dept:
            org += [word, tokens[j + 1].word]  # "State Department", "Foreign Ministry"
            j += 2
            continue
        if word in _DEPT_MODS:
            dept.append(word)
            j += 1
            continue
        break
    if not nxt_ok(j) or tokens[j].word not in _HEADS:
        return None
    head = _HEADS[tokens[j].word]
    j += 1
    complement: list[str] = []
    org_words: list[str] = []
    while nxt_ok(j) and tokens[j].word in {"of", "for"}:
        parsed = _complement(tokens, j + 1, org_at, nxt_ok)
        if parsed is None:
            return None  # "the president of the company": an office of something unknown
        words, found_org, found_country, j = parsed
        complement += words
        org_words += found_org
        country = country or found_country
    if _ORG_NOUNS.intersection(complement) and not org_words:  # "spokesman for the State Department"
        org_words = [w for w in complement if w in _ORG_NOUNS | DEPARTMENTS]
    dept_set = set(dept)
    if head in {"minister", "secretary"}:
        dept_set |= DEPARTMENTS.intersection(complement)
    elif head != "head" and not org:
        org = org_words
    dept_set -= {"policy", "affairs"}
    classes = _classes(head, dept_set, top, set(complement))
    if head == "head" and not classes:
        return None  # "the head of ..." names an office only in the table above
    role = Role(head, tuple(sorted(dept_set)), country, " ".join(org) or None, classes, former)
    return role, j


def role_matches(desc: Role, title: Role) -> bool:
    """Tell whether a description ("the Russian minister") fits a title someone holds.

    Country and organisation must not conflict (a description naming one must name the
    same); the office is the same head with the same department words, the bare head ("the
    spokesman" fits any spokesperson), or a generic description ("the top US diplomat", "the
    head of the foreign policy department") of an office in its class.
    """
    if desc.former != title.former:
        return False
    if desc.country is not None and title.country is not None and desc.country != title.country:
        return False
    if desc.org is not None and desc.org != title.org:
        return False
    if desc.head in {"diplomat", "head"} and desc.classes:
        return bool(desc.classes & title.classes)
    return desc.head == title.head and (desc.dept == title.dept or not desc.dept)
