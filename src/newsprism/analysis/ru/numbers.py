"""Russian numbers and quantities: digits and number words, multipliers, units and counted nouns.

«три миллиарда долларов» → 3e9 USD, «9 лет» → 9 year, «1,5 млн человек» → 1.5e6 человек,
«40%» / «40 процентов» → 40 %, «двое американцев» → 2 американец, «20 пунктам из 34» → 20 пункт
and 34 пункт (the whole counts what its part does). Number words are read through
pymorphy3's lemmas («трёх», «тремя» → «три»), so every case form counts. Not emitted: the parts
of dates («29 июля», «2022 года», «в 2021 году»; the time analyser owns them) and numbers inside
words or codes.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from newsprism.analysis.ru._natasha import parse_word
from newsprism.model import Article, Quantity

__all__ = ["find_quantities_ru", "word_value"]

_UNITS = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "оба": 2, "полтора": 1.5,
}  # fmt: skip
_SCALES = {"тысяча": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12,
           "тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12}
_CURRENCY = {"доллар": "USD", "$": "USD", "рубль": "RUB", "руб": "RUB", "₽": "RUB", "евро": "EUR", "€": "EUR",
             "гривна": "UAH", "юань": "CNY", "фунт": "GBP"}
_PERCENT = {"%", "процент"}
_MONTH = re.compile(r"(январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)", re.IGNORECASE)
_WORD = re.compile(r"[А-Яа-яЁё]+|\d+(?:[.,]\d+)?|[%$€₽]")


@functools.lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    if word.lower() in _SCALES or word.lower() in _UNITS:
        return word.lower()
    return str(parse_word(word.lower())[0].normal_form)


def word_value(words: list[str]) -> float | None:
    """The value of a run of Russian number words (lemmas), «двадцать пять тысяч» → 25000."""
    total, part = 0.0, 0.0
    for w in words:
        if w in _UNITS:
            part += _UNITS[w]
        elif w in _SCALES:
            total += (part or 1) * _SCALES[w]
            part = 0
        else:
            return None
    return total + part


def find_quantities_ru(article: Article) -> tuple[Quantity, ...]:
    """Find the quantities of a Russian article.

    Args:
        article: The article.

    Returns:
        Quantities in text order, ids ``<article id>:n<n>``.
    """
    text = article.text
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    lemmas = [_lemma(t) if t[0].isalpha() else t for _, _, t in toks]
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        s, _, tok = toks[i]
        j, value = i, None
        if tok[0].isdigit():
            if i > 0 and toks[i - 1][1] == s and not text[s - 1].isspace():
                i += 1
                continue  # inside a code or word («COVID-19» reads as one token)
            value = float(tok.replace(",", "."))
            j = i + 1
            if j < len(toks) and lemmas[j].rstrip(".") in _SCALES:
                value *= _SCALES[lemmas[j].rstrip(".")]
                j += 1
        elif lemmas[i] in _UNITS or (lemmas[i] in _SCALES and lemmas[i] not in ("тыс", "млн", "млрд", "трлн")
                                      and i + 1 < len(toks) and lemmas[i + 1] in _UNITS):
            words = []
            while j < len(toks) and (lemmas[j] in _UNITS or lemmas[j] in _SCALES) and (
                    j == i or text[toks[j - 1][1] : toks[j][0]].strip() == ""):
                words.append(lemmas[j])
                j += 1
            value = word_value(words)
            if lemmas[i] == "один" and j == i + 1:  # «один из», «одна страна»: a determiner, not a count
                i = j
                continue
        else:
            i += 1
            continue
        nxt = toks[j] if j < len(toks) and text[toks[j - 1][1] : toks[j][0]].strip() in ("",) else None
        if nxt is not None and _MONTH.match(nxt[2]):
            i = j + 1
            continue  # a day of a month
        if nxt is not None and lemmas[j] in ("год", "г") and tok[0].isdigit() and len(tok) == 4:
            i = j + 1
            continue  # a year («2022 года»)
        year_like = tok[0].isdigit() and len(tok) == 4 and value is not None and 1900 <= value <= 2100
        if year_like and i > 0 and lemmas[i - 1] == "в":
            i = j
            continue
        unit, end = None, toks[j - 1][1]
        if nxt is not None:
            lem = lemmas[j]
            if lem in _CURRENCY or nxt[2] in _CURRENCY:
                unit, end = _CURRENCY.get(lem) or _CURRENCY[nxt[2]], nxt[1]
            elif lem in _PERCENT or nxt[2] == "%":
                unit, end = "%", nxt[1]
            elif nxt[2][0].isalpha() and _noun(nxt[2]):
                unit, end = lem, nxt[1]
                if lem == "лето":  # «9 лет»: pymorphy reads «лет» as summers
                    unit = "год"
        if unit is None and i > 0 and toks[i - 1][2] in ("$", "€", "₽"):
            unit, s = _CURRENCY[toks[i - 1][2]], toks[i - 1][0]
        if unit is None and i > 0 and lemmas[i - 1] == "из" and out and out[-1].unit is not None \
                and out[-1].span.end <= toks[i - 1][0] and text[out[-1].span.end:toks[i - 1][0]].strip() == "":
            unit = out[-1].unit  # «по 20 пунктам из 34»: the whole counts what its part counts
        out.append(Quantity(f"{article.id}:n{len(out) + 1}", article.span(s, end), value, unit))
        i = j + (1 if unit is not None and nxt is not None and end == nxt[1] else 0)
    return tuple(out)


def _noun(word: str) -> Any:
    """Whether ``word`` is most likely a noun (a counted thing), not a verb or adjective."""
    tag = parse_word(word.lower())[0].tag
    return "NOUN" in tag
