"""Numbers and quantities of one article, with their values and units.

Sources, in order: spaCy's numeric entities (MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL), the
durations inside DATE/TIME entities ("nine days later" → 9 day), then number tokens spaCy left
outside any entity. Each becomes one :class:`~newsprism.model.Quantity`:

- ``value``: the number as a float ("5,000" → 5000, "$3 billion" → 3e9, "twenty-five" → 25,
  "a dozen" → 12); ``None`` when it has no exact value: a range ("3-5") or a magnitude word
  used vaguely ("dozens of", "hundreds", "tens of thousands"). Vague determiners ("several",
  "a few", "many") are not quantities and are not emitted.
- ``unit``: an ISO 4217 code for money ("USD", "RUB"; from "$", "dollars", "rubles"...), "%" for
  percentages, "fraction" for fractions ("two-thirds" → 0.667), "ordinal" for ordinals ("28th",
  "first"), a normalised measure for QUANTITY ("km", "tonne"), the time unit of a duration
  ("day"), the lemma of the counted noun for counts ("two Americans" → "american", "1,500
  people" → "people"), or ``None`` for a bare number.
- ``span``: the number with its unit or counted noun ("$3 billion", "two Americans"); words
  like "about" or "more than" before it are left out.

Not emitted: dates and their parts (years, day numbers, "2022-07-29"), clock times, numbers
inside names and URLs ("Group of 20"), numbered labels ("Paragraph 22") and list markers
("1." at the start of an item).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from newsprism.model import Article, Quantity

__all__ = ["find_quantities", "parse_number", "parse_ordinal"]


def _wordlist(text: str) -> list[str]:
    """Return the whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return text.split()


def _wordset(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


_SMALL = {
    w: i
    for i, w in enumerate(
        _wordlist(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS = {w: 10 * i for i, w in enumerate(_wordlist("twenty thirty forty fifty sixty seventy eighty ninety"), 2)}
_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_VAGUE = frozenset({"dozens", "scores", "tens", "hundreds", "thousands", "millions", "billions", "trillions"})
_ROUND = frozenset({"dozen", "hundred"}) | frozenset(_MAGNITUDES)  # "a dozen", "a million"
_FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixths": 6, "eighths": 8, "tenth": 10, "tenths": 10,
}  # fmt: skip
_NOT_ORDER = frozenset({"guess", "hand", "rate", "class"})  # "second-guess", "first-hand"
_NUMBER_WORDS = frozenset(_SMALL) | frozenset(_TENS) | frozenset(_MAGNITUDES) | {"hundred", "dozen"}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_DIGIT_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_RANGE = re.compile(r"\d\s*[-–—]\s*\d")
_NEGATIVE = re.compile(r"(?:[-−]|minus\s+)(?=\d|[^\W\d_])")
_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollar": "USD", "usd": "USD", "euro": "EUR", "eur": "EUR", "pound": "GBP", "sterling": "GBP",
    "gbp": "GBP", "ruble": "RUB", "rouble": "RUB", "rub": "RUB", "yuan": "CNY", "renminbi": "CNY",
    "yen": "JPY", "hryvnia": "UAH", "hryvnias": "UAH", "rupee": "INR", "franc": "CHF", "lira": "TRY",
}  # fmt: skip
_MEASURES = {
    "kilometre": "km", "kilometer": "km", "kms": "km", "metre": "m", "meter": "m", "mile": "mile",
    "kilogram": "kg", "kilo": "kg", "kgs": "kg", "ton": "tonne", "tons": "tonne", "t": "tonne",
    "centimetre": "cm", "centimeter": "cm", "litre": "l", "liter": "l", "hectare": "ha",
}  # fmt: skip
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"})
_MONTHS = _wordset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_APPROX = _wordset(
    "about around some nearly almost roughly approximately over under more less fewer than up to at "
    "least most just only estimated an a the"
)
_NUMERIC_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
_PERCENT_WORDS = frozenset({"percent", "%", "pct"})

_Found = tuple[int, int, float | None, str | None]  # (first token, end token, value, unit)


def _fold(text: str) -> str:
    """Return ``text`` NFKC-normalised and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def parse_number(text: str) -> float | None:
    """Parse a number written in digits, words or both.

    Args:
        text: "5,000", "3.5", "2.5 million", "twenty-five", "a dozen", "one hundred and five".

    Returns:
        The value, or ``None`` for anything else (ranges such as "3-5", fractions, words that
        are not numbers, vague magnitudes such as "dozens").
    """
    if _RANGE.search(text) or "/" in text:
        return None
    folded = _fold(text).strip()
    # A sign: "-20", "−4" (the minus sign), "minus 10" (temperatures below zero).
    sign, folded = (-1.0, _NEGATIVE.sub("", folded, count=1)) if _NEGATIVE.match(folded) else (1.0, folded)
    total, current, seen = 0.0, 0.0, False
    for word in re.findall(r"[\d.,]*\d|[^\W\d_]+", folded):
        if _DIGITS.fullmatch(word):
            current += float(word.replace(",", ""))
        elif word in _SMALL or word in _TENS:
            current += _SMALL.get(word, 0) + _TENS.get(word, 0)
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _MAGNITUDES:
            total += (current or 1) * _MAGNITUDES[word]
            current = 0.0
        elif word in {"a", "an", "and"}:
            continue
        else:
            return None
        seen = True
    return sign * (total + current) if seen else None


def parse_ordinal(text: str) -> float | None:
    """Parse an ordinal ("28th", "first", "twenty-first", "hundredth").

    Args:
        text: The ordinal as written.

    Returns:
        Its value (28.0 for "28th"), or ``None`` if it is not an ordinal.
    """
    folded = _fold(text).strip()
    match = _DIGIT_ORDINAL.fullmatch(folded)
    if match:
        return float(match.group(1))
    words = re.findall(r"[^\W\d_]+", folded)
    if not words:
        return None
    last = words[-1]
    if last in _ORDINALS:
        cardinal: str | None = str(_ORDINALS[last])
    elif last.endswith("ieth"):
        cardinal = last[:-4] + "y"
    elif last.endswith("th"):
        cardinal = last[:-2]
    else:
        cardinal = None
    if cardinal is None:
        return None
    return parse_number(" ".join([*words[:-1], cardinal]))


def _is_numeric(tok: Any) -> bool:
    """Tell whether a token is (part of) a cardinal number: digits or a number word."""
    folded = _fold(tok.text)
    if folded[:1] in ("-", "−") and _DIGITS.fullmatch(folded[1:]):
        return True  # "-20" is one token
    return bool(_DIGITS.fullmatch(folded)) or folded in _NUMBER_WORDS or folded in _VAGUE


def _unit_lemma(tok: Any) -> str:
    """Return the singular lower-case lemma of a counted noun ("Americans" → "american")."""
    lemma = _fold(tok.lemma_ or tok.text)
    if tok.tag_ in {"NNS", "NNPS"} and lemma == _fold(tok.text) and lemma.endswith("s"):
        if lemma.endswith("ies") and len(lemma) > 4:
            return lemma[:-3] + "y"
        if not lemma.endswith("ss"):
            return lemma[:-1]
    return lemma


def _currency(tokens: Sequence[Any]) -> str | None:
    """Return the ISO code of the first currency symbol or word among ``tokens``."""
    for tok in tokens:
        folded = _fold(tok.text)
        if folded in _CURRENCY_SYMBOLS:
            return _CURRENCY_SYMBOLS[folded]
        for form in (folded, _fold(tok.lemma_ or tok.text), folded.removesuffix("s")):
            if form in _CURRENCY_WORDS:
                return _CURRENCY_WORDS[form]
    return None


def _text_of(tokens: Sequence[Any]) -> str:
    """Join tokens as written."""
    return "".join(t.text_with_ws for t in tokens).strip()


def _counted(doc: Any, first: int, end: int) -> _Found:
    """Extend the number ``doc[first:end]`` with the noun it counts, if any."""
    last = doc[end - 1]
    value = parse_number(_text_of(doc[first:end]))
    if end < len(doc) and _fold(doc[end].text) in _PERCENT_WORDS:
        return first, end + 1, value, "%"
    if end + 1 < len(doc) and _fold(doc[end].text) == "per" and _fold(doc[end + 1].text) == "cent":
        return first, end + 2, value, "%"
    if first > 0 and doc[first - 1].text in _CURRENCY_SYMBOLS:
        return first - 1, end, value, _CURRENCY_SYMBOLS[doc[first - 1].text]
    if end < len(doc) and (currency := _currency([doc[end]])):
        return first, end + 1, value, currency
    nxt = end + 1 if end + 1 < len(doc) and doc[end].text == "-" else end
    if nxt < len(doc) and value is not None and _fold(doc[nxt].text) in _FRACTIONS:
        return first, nxt + 1, value / _FRACTIONS[_fold(doc[nxt].text)], "fraction"  # "two-thirds"
    head = last.head
    between = doc[end : head.i]
    if (
        last.dep_ in {"nummod", "quantmod", "compound", "amod"}
        and head.i >= end
        and head.i - end <= 4
        and head.pos_ in {"NOUN", "PROPN"}
        and not any((t.is_punct and t.text != "-") or _is_numeric(t) for t in between)
    ):
        return first, head.i + 1, value, _unit_lemma(head)
    if end < len(doc) and _fold(doc[end].text) == "of":
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if (
            pobj is not None
            and pobj.tag_ in {"NNS", "NNPS"}
            and 0 < pobj.i - end <= 4
            and not any(_is_numeric(t) for t in doc[end : pobj.i])
        ):
            return first, pobj.i + 1, value, _unit_lemma(pobj)
    return first, end, value, None


def _trim(tokens: list[Any]) -> list[Any]:
    """Drop approximators ("about", "more than") and punctuation around a number."""
    while tokens and (_fold(tokens[0].text) in _APPROX or tokens[0].is_punct) and tokens[0].text != "$":
        if len(tokens) > 1 and _fold(tokens[0].text) in {"a", "an"} and _fold(tokens[1].text) in _ROUND:
            break  # "a million": keep the "a"
        tokens = tokens[1:]
    while tokens and ((tokens[-1].is_punct and tokens[-1].text != "%") or tokens[-1].pos_ in {"CCONJ", "ADP"}):
        tokens = tokens[:-1]
    return tokens


def _near_month(doc: Any, i: int, end: int) -> bool:
    """Tell whether a day number sits next to a month name ("29 July", "July 29th")."""
    before = [t for t in doc[max(0, i - 3) : i] if not t.is_punct and _fold(t.text) not in {"of", "the"}]
    after = [t for t in doc[end : end + 3] if not t.is_punct and _fold(t.text) not in {"of", "the"}]
    return any(_fold(t.text).rstrip(".") in _MONTHS for t in (before[-1:] + after[:1]))


def _is_year(doc: Any, i: int) -> bool:
    """Tell whether a bare four-digit number is a year rather than a count ("2000 troops")."""
    tok = doc[i]
    if not re.fullmatch(r"\d{4}", tok.text) or not 1800 <= int(tok.text) <= 2100:
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    counts = nxt is not None and nxt.tag_ == "NNS" and _fold(nxt.lemma_) not in _TIME_UNITS
    return not counts or (prev is not None and prev.pos_ in {"DET", "ADP", "PRON"})


def _is_label(doc: Any, i: int, end: int) -> bool:
    """Tell whether a bare integer numbers a thing ("Paragraph 22", a list item) or sits in a URL."""
    tok = doc[i]
    head = tok.head
    if end - i == 1 and head.i == i - 1 and head.text[:1].isupper() and head.pos_ in {"NOUN", "PROPN"}:
        return not head.is_sent_start or head.pos_ == "NOUN"
    before = next((doc[j] for j in range(i - 1, -1, -1) if not doc[j].is_space), None)
    item_start = before is None or before.text in {".", "!", "?", ":"} or "\n" in doc[i - 1].text
    if tok.tag_ == "LS" or (item_start and end < len(doc) and doc[end].text in {".", ")"}):
        return True  # a list marker: "1. Marco Rubio", "2) The race"
    neighbours = [doc[j] for j in (i - 1, end) if 0 <= j < len(doc)]
    return any(t.like_url or (t.text in {"/", "#", "@"} and not t.whitespace_) for t in neighbours)


def _is_idiom(doc: Any, end: int) -> bool:
    """Tell whether an ordinal is part of a compound that is not about order ("second-guess")."""
    return end + 1 < len(doc) and doc[end].text == "-" and _fold(doc[end + 1].lemma_) in _NOT_ORDER


def _one_as_word(doc: Any, i: int) -> bool:
    """Whether a written "one" counts nothing: "one-sided", "one of the easiest", "no one"."""
    if _fold(doc[i].text) != "one":
        return False
    nxt = doc[i + 1].text.lower() if i + 1 < len(doc) else ""
    prev = doc[i - 1].text.lower() if i > 0 else ""
    # "one of the officers" counts one officer; "one of the easiest" and "one of the most ..." do not.
    superlative = nxt == "of" and any(t.tag_ in ("JJS", "RBS") for t in doc[i + 2 : i + 4])
    return nxt in ("-", "another") or superlative or prev in ("no", "any", "every", "some", "the", "this", "that")


def _from_ent(doc: Any, ent: Any) -> _Found | None:
    """Read one numeric entity (MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL)."""
    tokens = _trim(list(ent))
    if not tokens:
        return None
    first, end = tokens[0].i, tokens[-1].i + 1
    numbers = [t for t in tokens if _is_numeric(t)]
    text = _text_of(numbers)
    if ent.label_ == "ORDINAL":
        value = parse_ordinal(_text_of(tokens))
        if value is None or _near_month(doc, first, end) or _is_idiom(doc, end):
            return None
        return first, end, value, "ordinal"
    if not numbers:
        return None
    if ent.label_ == "MONEY":
        unit = _currency(tokens)
        if unit is None and first > 0 and (unit := _currency([doc[first - 1]])):
            first -= 1  # spaCy leaves the "$" of "$200" outside the entity
        elif unit is None and end < len(doc) and (unit := _currency([doc[end]])):
            end += 1
        return first, end, parse_number(text), unit
    if ent.label_ == "PERCENT":
        return first, end, parse_number(text), "%"
    if ent.label_ == "QUANTITY":
        if currency := _currency(tokens):  # spaCy sometimes calls "300 euros" a QUANTITY
            return first, end, parse_number(text), currency
        words = [t for t in tokens if t.i > numbers[-1].i and t.is_alpha]
        unit = " ".join(_MEASURES.get(_unit_lemma(t), _unit_lemma(t)) for t in words) or None
        value = parse_number(text)
        if value is not None and numbers[0].i > 0 and _fold(doc[numbers[0].i - 1].text) == "minus":
            value = -value  # "minus 10 degrees": the sign word is not a numeric token
        return first, end, value, unit
    # CARDINAL: only the number itself, then the noun it counts.
    n_first, n_end = numbers[0].i, numbers[-1].i + 1
    if n_first > 0 and _fold(doc[n_first - 1].text) in {"a", "an"} and _fold(doc[n_first].text) in _ROUND:
        n_first -= 1
    if n_end - n_first == 1 and (_is_year(doc, n_first) or _is_label(doc, n_first, n_end)
                                 or _one_as_word(doc, n_first)):
        return None
    found = _counted(doc, n_first, n_end)
    value = found[2]
    if value is not None and value.is_integer() and 1 <= value <= 31 and _near_month(doc, n_first, n_end):
        return None
    return found


def _durations(doc: Any, ent: Any) -> list[_Found]:
    """Find counted time units inside a DATE/TIME entity ("nine days later" → 9 day)."""
    found: list[_Found] = []
    i = ent.start
    while i < ent.end:
        if _DIGIT_ORDINAL.fullmatch(_fold(doc[i].text)):
            # A moment counted in units: "the 81st minute", "an 80th-minute penalty" (value 81, unit
            # "minute (ordinal)": a point in a match or a race, not a duration).
            k = i + 1 + (i + 1 < ent.end and doc[i + 1].text == "-")
            if k < len(doc) and _fold(doc[k].lemma_) in _TIME_UNITS and (value := parse_ordinal(doc[i].text)):
                found.append((i, k + 1, value, f"{_fold(doc[k].lemma_)} (ordinal)"))
                i = k + 1
                continue
        if not _is_numeric(doc[i]):
            i += 1
            continue
        j = i
        while j + 1 < ent.end and (_is_numeric(doc[j + 1]) or doc[j + 1].text == "-"):
            j += 1
        head = doc[j].head
        if head.i > j and head.i < ent.end + 1 and _fold(head.lemma_) in _TIME_UNITS:
            found.append((i, head.i + 1, parse_number(_text_of(doc[i : j + 1])), _fold(head.lemma_)))
        elif ent.end - ent.start == 1 and re.fullmatch(r"\d+", doc[i].text) and not _is_year(doc, i):
            found.append(_counted(doc, i, i + 1))  # spaCy calls "2000 troops" a DATE
        i = j + 1
    return found


def _loose(doc: Any, i: int, taken: set[int]) -> tuple[_Found | None, int]:
    """Read a number token spaCy put in no entity; return it and the index after it."""
    tok = doc[i]
    if _DIGIT_ORDINAL.fullmatch(_fold(tok.text)):
        value = parse_ordinal(tok.text)
        ok = value is not None and not _near_month(doc, i, i + 1)
        return ((i, i + 1, value, "ordinal") if ok else None), i + 1
    digits = bool(_DIGITS.fullmatch(tok.text))
    if not digits and not (tok.pos_ == "NUM" and tok.dep_ == "nummod" and _is_numeric(tok)):
        return None, i + 1
    end = i + 1
    while end < len(doc) and end not in taken and (_is_numeric(doc[end]) or doc[end].text == "-"):
        end += 1
    while doc[end - 1].text == "-":
        end -= 1
    if end - i == 1 and (_is_year(doc, i) or _is_label(doc, i, end)):
        return None, end
    found = _counted(doc, i, end)
    value = found[2]
    if value is not None and value.is_integer() and 1 <= value <= 31 and _near_month(doc, i, end):
        return None, end
    return found, end


def find_quantities(article: Article, doc: Any) -> tuple[Quantity, ...]:
    """Find the numbers and quantities of one article.

    Args:
        article: The article; every span points into ``article.text``.
        doc: The spaCy ``Doc`` of ``article.text`` from :func:`newsprism.analysis.nlp.english`.

    Returns:
        Quantities in text order, with ids ``"<article id>:n<n>"`` (``n`` from 1); see the module
        docstring for values, units and what is left out.

    Raises:
        ValueError: If ``doc`` is not a parse of ``article.text``.
    """
    if doc.text != article.text:
        raise ValueError(f"article {article.id}: the spaCy Doc is not a parse of the article text")
    found: list[_Found] = []
    blocked: set[int] = set()  # tokens inside names, dates and times
    for ent in doc.ents:
        if ent.label_ in _NUMERIC_LABELS:
            item = _from_ent(doc, ent)
            if item is not None:
                found.append(item)
        else:
            if ent.label_ in _TIME_LABELS:
                found.extend(_durations(doc, ent))
            blocked.update(range(ent.start, ent.end))
    taken = blocked | {t.i for ent in doc.ents if ent.label_ in _NUMERIC_LABELS for t in ent}
    taken |= {k for start, end, _, _ in found for k in range(start, end)}
    i = 0
    while i < len(doc):
        if i in taken or doc[i].like_url:
            i += 1
            continue
        item, i = _loose(doc, i, taken)
        if item is not None:
            found.append(item)
    quantities: list[Quantity] = []
    last_end = -1
    for start, end, value, unit in sorted(found):
        if start < last_end:  # an extension already covers it
            continue
        last_end = end
        char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        quantities.append(
            Quantity(
                id=f"{article.id}:n{len(quantities) + 1}",
                span=article.span(char_start, char_end),
                value=value,
                unit=unit,
            )
        )
    return tuple(quantities)
