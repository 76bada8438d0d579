"""Numbers of a text in a language without an analyser: digits, scale words, percent words, number words.

The limited analysis (:mod:`newsprism.analysis.limited`) reads what the characters say; for
numbers that is, per language:

- **Digits** with the separators of the language's CLDR locale (through babel): French
  ``1 234,5`` (a narrow no-break space, a no-break space or a space between groups of three),
  German ``1.234`` and ``1,5``, English ``1,234`` and ``1.5``. The separator that is not the
  locale's decimal sign groups thousands when three digits follow it (``1.234`` is 1234 in
  French, where ``1,234`` is 1.234); without a locale, a comma is the decimal sign.
- **Scale words** after digits (``1,5 million``, ``2 milliards``, ``3 Millionen``, ``2 Mrd.``,
  ``2 mil``): one number, the value multiplied out. A "billion" is 10^12 outside English (the
  long scale of French, German, Spanish, Italian and Dutch).
- **Percent** as ``%`` or a word (``pour cent``, ``Prozent``, ``por ciento``, ``per cento``):
  unit ``%``; a currency sign gives its ISO code, as before.
- **Number words** (``quarante``, ``vierzig``, ``cuarenta y dos``, ``quatre-vingt-dix``,
  ``deux millions``) by ``text2num`` (fr, en, es, pt, de, it, nl, da): cardinals only. A lone
  word worth one is an article ("un", "ein", "uno"), not a count, and a lone word that is also
  an adjective ("neuf": new) is read only before another word and after none or a function word.

Bounds ("au moins 40", "mindestens 40") are not part of a number: its span starts at the
number, and :mod:`newsprism.comparison._bounds` reads the words before it, as for English.
A bare four-digit year (1800-2100, no separator, nothing after it that makes it a count of
money or a share), and a day beside a month name of the language (CLDR's names: "3 mars",
"March 3") that no date reader took, are a date's parts, not numbers: left out, as the English
reader leaves them out.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["LimitedNumber", "NUMBER_WORD_LANGUAGES", "find_limited_numbers", "separators"]

log = logging.getLogger(__name__)

#: Languages whose number words text2num reads.
NUMBER_WORD_LANGUAGES = frozenset({"fr", "en", "es", "pt", "de", "it", "nl", "da"})

_SPACES = " \u00a0\u202f"
_CURRENCY = {"%": "%", "€": "EUR", "$": "USD", "£": "GBP", "₴": "UAH", "₽": "RUB"}
# Scale words after digits, folded (lower case, trailing dot dropped). Short scale in English only.
_SCALES = {
    "mille": 1e3, "tausend": 1e3, "tsd": 1e3, "mil": 1e3, "mila": 1e3, "duizend": 1e3,
    "million": 1e6, "millions": 1e6, "millionen": 1e6, "mio": 1e6, "mln": 1e6, "millón": 1e6, "millones": 1e6,
    "milione": 1e6, "milioni": 1e6, "milhão": 1e6, "milhões": 1e6, "miljoen": 1e6, "miljoenen": 1e6,
    "milliard": 1e9, "milliards": 1e9, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "md": 1e9,
    "mds": 1e9, "miliardo": 1e9, "miliardi": 1e9, "miljard": 1e9, "miljarden": 1e9,
    "billion": 1e12, "billions": 1e12, "billionen": 1e12, "billón": 1e12, "billones": 1e12,
    "bilione": 1e12, "bilioni": 1e12,
}  # fmt: skip
_ENGLISH_SCALES = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "billion": 1e9,
                   "billions": 1e9, "bn": 1e9, "trillion": 1e12}
_SCALE_AFTER = re.compile(r"[ \u00a0\u202f]+(?P<w>[^\W\d_]+)(?P<dot>\.)?")
# "de"/"di" after a scale word belongs to the counted noun ("2 millions de personnes"), not the number.
_PERCENT_AFTER = re.compile(r"[ \u00a0\u202f]*(?:%|(?:pour|por|per)[ \u00a0\u202f]*(?:cent|ciento|cento)\b"
                            r"|pourcent\b|prozent\b|procent\b|percent\b|por[ \u00a0\u202f]+cien\b)", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"[ \u00a0\u202f]?(?P<u>[€$£₴₽])")
# Currency words after a number (and a scale word: "2 millions d'euros", "1,5 Millionen Euro").
_CURRENCY_WORD_AFTER = re.compile(r"[ \u00a0\u202f]+(?:de[ \u00a0\u202f]+|d['’])?(?P<w>euros?|dollars?|roubles?|"
                                  r"rubel|rublos?|rubli|dólares|dollari|pfund|livres?[ \u00a0\u202f]+sterling)\b",
                                  re.IGNORECASE)
_CURRENCY_WORDS = {"euro": "EUR", "dollar": "USD", "dólare": "USD", "dollari": "USD", "rouble": "RUB", "rubel": "RUB",
                   "rublo": "RUB", "rubli": "RUB", "pfund": "GBP", "livre": "GBP"}
_PREFIX_CURRENCY = re.compile(r"(?P<u>[€$£₴₽])[ \u00a0\u202f]?(?=\d)")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+|[^\w\s]")
# A lone number word that is more often another word (fr "neuf": new; de "acht": heed).
# It counts only before a word and after no word or a function word ("les neuf blessés", not "un
# pont neuf qui").
_AMBIGUOUS = {"fr": frozenset({"neuf"}), "de": frozenset({"acht"}), "en": frozenset({"one"})}
_FUNCTION_WORDS = {
    "fr": frozenset("les des ces ses leurs et à de aux sur pour par avec dont ou".split()),
    "de": frozenset("die der den und mit von für um auf zu".split()),
    "en": frozenset("the and of to with for by at".split()),
}
_YEAR = re.compile(r"(?:18|19|20)\d\d")
# A day beside a month name, a short word between allowed ("10 de septiembre", "March 3"): a date's part.
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \u00a0\u202f]+(?:(?:de|del|of|du|di)[ \u00a0\u202f]+)?$")
_WORD_AFTER = re.compile(r"(?:er|\.|º)?[ \u00a0\u202f]+(?:(?:de|del|of|du|di)[ \u00a0\u202f]+)?([^\W\d_]+)")


@dataclass(frozen=True, slots=True)
class LimitedNumber:
    """A number read from a text: character offsets, value and unit (``%``, an ISO code or ``None``)."""

    start: int
    end: int
    value: float
    unit: str | None


@functools.lru_cache(maxsize=64)
def separators(language: str) -> tuple[str, frozenset[str]]:
    """The decimal sign and the thousands separators of a language, from its CLDR locale.

    Args:
        language: A language code ("fr", "de", "de-CH").

    Returns:
        ``(decimal, group)``: the locale's decimal sign, and the characters that group thousands
        (the locale's group sign, the spaces, and the one of "." and "," that is not the decimal
        sign). Without a locale babel knows: ``","`` and spaces and ``"."``.
    """
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(language.replace("-", "_"))
        decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        decimal, group = ",", "."
    decimal = decimal if decimal in ".," else ","
    other = "," if decimal == "." else "."
    return decimal, frozenset({group, other, *_SPACES})


@functools.lru_cache(maxsize=64)
def _digits(language: str) -> re.Pattern[str]:
    decimal, group = separators(language)
    g = "".join(re.escape(c) for c in sorted(group))
    # grouped first ("1 234,5", "1.234"), then plain with either sign ("1,5", "1.5": a decimal
    # sign when it is not followed by a group of exactly three digits the grouped form took)
    return re.compile(rf"(?<![\w.,])(?P<n>\d{{1,3}}(?:[{g}]\d{{3}})+(?:{re.escape(decimal)}\d+)?|\d+(?:[.,]\d+)?)"
                      r"(?![\w]|[.,]\d)")


@functools.lru_cache(maxsize=64)
def _months(language: str) -> frozenset[str]:
    """The month names of a language's CLDR locale, case-folded (wide and abbreviated, both contexts)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_month_names

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError, TypeError):
        return frozenset()
    return frozenset(name.casefold().rstrip(".") for width in ("wide", "abbreviated")
                     for context in ("format", "stand-alone")
                     for name in get_month_names(width, context=context, locale=locale).values())


def _beside_month(text: str, start: int, end: int, language: str) -> bool:
    """Whether the number at ``start:end`` sits next to a month name of the language ("3 mars", "März 3")."""
    months = _months(language) if language else frozenset()
    if not months:
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    after = _WORD_AFTER.match(text, end)
    return any(m is not None and m.group(1).casefold() in months for m in (before, after))


def _currency_word(word: str) -> str | None:
    """The ISO code of a currency word ("euros", "Dollar", "livres sterling")."""
    folded = word.casefold().split()[0]
    return _CURRENCY_WORDS.get(folded) or _CURRENCY_WORDS.get(folded.removesuffix("s"))


def _value(digits: str, language: str) -> float | None:
    decimal, group = separators(language)
    grouped = len(digits) > 4 and any(c in group for c in digits) and re.fullmatch(
        rf"\d{{1,3}}(?:[{''.join(re.escape(c) for c in sorted(group))}]\d{{3}})+(?:{re.escape(decimal)}\d+)?", digits)
    # grouped: drop the group signs, read the decimal sign; plain: either sign is the decimal one
    plain = "".join(c for c in digits if c not in group).replace(decimal, ".") if grouped else digits.replace(",", ".")
    try:
        return float(plain)
    except ValueError:
        return None


def _scale(text: str, end: int, language: str) -> tuple[float, int] | None:
    """A scale word right after a number ending at ``end``: its factor and where it ends."""
    m = _SCALE_AFTER.match(text, end)
    if m is None:
        return None
    table = _ENGLISH_SCALES if language == "en" else _SCALES
    word = m.group("w").casefold()
    if word == "mil" and language == "es":  # "2 mil millones" is 2 * 10^9
        more = _SCALE_AFTER.match(text, m.end())
        if more is not None and more.group("w").casefold() in {"millones", "millón"}:
            return 1e9, more.end()
    if word not in table:
        return None
    return table[word], m.end() if m.group("dot") and word in {"mio", "mrd", "mln", "tsd", "md", "mds"} else m.end("w")


class _Token:
    """A word for text2num's ``find_numbers`` (its token protocol)."""

    __slots__ = ("blocked", "end", "start", "word")

    def __init__(self, word: str, start: int, end: int, blocked: bool) -> None:
        self.word, self.start, self.end, self.blocked = word, start, end, blocked

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: _Token) -> bool:
        return previous.blocked or self.blocked

    def not_a_number_part(self) -> bool:
        return self.blocked


def _number_words(text: str, language: str, taken: Sequence[tuple[int, int]]) -> list[LimitedNumber]:
    """Cardinals written in words (text2num), outside the spans already ``taken``."""
    try:
        from text_to_num import find_numbers
    except ImportError:  # text2num is a dependency; a stripped install still reads digits
        return []
    tokens = [_Token(m.group(0), m.start(), m.end(), m.group(0).isdigit()
                     or any(a < m.end() and m.start() < b for a, b in taken)) for m in _TOKEN.finditer(text)]
    if not tokens:
        return []
    out: list[LimitedNumber] = []
    ambiguous = _AMBIGUOUS.get(language, frozenset())
    try:
        occurrences = find_numbers(tokens, language)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # text2num's Rust panics derive from BaseException, not Exception
        # one odd text must not cost the article's analysis: its digits stand, its number words are lost
        log.warning("text2num failed on a %s text (%s: %s); its number words are not read", language,
                    type(exc).__name__, exc)
        return []
    for occ in occurrences:
        if occ.is_ordinal or occ.value is None:
            continue
        first, last = tokens[occ.start], tokens[occ.end - 1]
        if any(t.blocked for t in tokens[occ.start:occ.end]):
            continue
        single = occ.end - occ.start == 1
        if single and float(occ.value) == 1.0:
            continue  # "un", "ein", "uno": an article
        if single and first.word.casefold() in ambiguous:
            nxt = tokens[occ.end] if occ.end < len(tokens) else None
            prev = tokens[occ.start - 1] if occ.start > 0 else None
            after_word = prev is not None and prev.word[:1].isalpha() \
                and prev.word.casefold() not in _FUNCTION_WORDS.get(language, frozenset())
            if after_word or nxt is None or not nxt.word[:1].isalpha():
                continue
        end, unit = last.end, None
        if (pct := _PERCENT_AFTER.match(text, end)) is not None:
            end, unit = pct.end(), "%"
        out.append(LimitedNumber(first.start, end, float(occ.value), unit))
    return out


def find_limited_numbers(text: str, language: str | None, skip: Sequence[tuple[int, int]] = ()) -> list[LimitedNumber]:
    """Read the numbers of a text in a language without an analyser (see the module docstring).

    Args:
        text: The article text.
        language: Its language code (``None``: digits only, a comma as the decimal sign).
        skip: Character spans to leave alone (the dates already read).

    Returns:
        The numbers in text order, none overlapping another or a ``skip`` span.
    """
    lang = (language or "").split("-")[0].casefold()
    locale = (language or "").replace("_", "-") or "und"
    found: list[LimitedNumber] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in skip) and not any(n.start < e and s < n.end for n in found)

    for m in _digits(locale).finditer(text):
        s, e = m.start(), m.end()
        if not free(s, e):
            continue
        value = _value(m.group("n"), locale)
        if value is None:
            continue
        unit = None
        prefix = _PREFIX_CURRENCY.search(text, max(0, s - 2), s)
        if prefix is not None and prefix.end() == s:
            s, unit = prefix.start(), _CURRENCY[prefix.group("u")]
        if (scaled := _scale(text, e, lang)) is not None:
            value, e = value * scaled[0], scaled[1]
        if (pct := _PERCENT_AFTER.match(text, e)) is not None:
            e, unit = pct.end(), "%"
        elif unit is None and (cur := _CURRENCY_AFTER.match(text, e)) is not None:
            e, unit = cur.end(), _CURRENCY[cur.group("u")]
        elif unit is None and (word := _CURRENCY_WORD_AFTER.match(text, e)) is not None:
            e, unit = word.end(), _currency_word(word.group("w"))
        if unit is None and e == m.end() and _YEAR.fullmatch(m.group("n")):
            continue  # a year ("en 2023"), not a count
        if unit is None and e == m.end() and m.group("n").isdigit() and 1 <= value <= 31 \
                and _beside_month(text, s, e, lang):
            continue  # the day of a date no date reader took ("le 3 mars" without a year or publication date)
        found.append(LimitedNumber(s, e, value, unit))
    if lang in NUMBER_WORD_LANGUAGES:
        taken = [*skip, *((n.start, n.end) for n in found)]
        found.extend(_number_words(text, lang, taken))
    return sorted(found, key=lambda n: n.start)
