"""What can be read in a language newsprism has no analysers for: dates, numbers, quotations by their marks.

English and Russian have parsers, NER and speech-verb lexicons; for any other language
(Ukrainian, French, German, ...) the analysis takes only what the characters themselves say,
and never guesses the rest (French adds its named entities from spaCy's French model:
:mod:`newsprism.analysis.fr`):

- **Dates** written out: a day and a month name, with or without a year ("5 mars 2024",
  «3 вересня», "1er août", "March 5, 2024"), and numeric ``dd.mm.yyyy`` / ``dd/mm/yyyy``. A regex
  finds the candidates; dateparser, told the article's language, says whether the word is a
  month and which date it is (a year left out is the latest before the publication date). Relative
  expressions ("hier", «учора») need a lexicon of the language and are not read.
- **Numbers** (:mod:`newsprism.analysis._limited_numbers`): digits with the thousands and
  decimal signs of the language's CLDR locale (``1 234,5``, ``1.234``, ``1,5``), scale words
  (``2 millions``, ``3 Millionen``), percent words (``pour cent``, ``Prozent``) and number words
  (``quarante``, ``vierzig``: ``text2num``), with the units their symbols give (``%``, ``€``,
  ``$``, ``£``, ``₴``, ``₽``): a counted noun needs the language's grammar, so a bare number has
  no unit (and so is never in a number conflict), but it still tells two sentences apart in
  alignment (:mod:`newsprism.comparison.pairs`).
- **Negation** by the words of a short list per language (French ``ne ... pas`` / ``jamais`` /
  ``aucun``, German ``nicht`` / ``kein``, Spanish ``no`` / ``nunca``, ...): a statement that has
  one is ``negated``, so that a negated and a plain report of one event are less likely aligned.
- **Quotations** in «», “”, „“ of at least :data:`MIN_QUOTE_WORDS` words: direct quotations with
  no speaker (naming one needs the language's NER). Their cue is the attribution the punctuation
  sets off: after the closing mark, a comma or a dash and a few words to the sentence's end
  («...», — сказав губернатор.; « ... », a déclaré le maire., where an initial's dot, "M.", ends
  no sentence), or before the opening one, a few words and a colon, or a sentence's first few
  words and a comma (Selon l'ingénieur, « ... »). Without a cue only marks around a whole
  sentence are a quotation (a short marked phrase inside a sentence is a title or a scare quote).
  A sentence that is mostly a quotation is a ``quote`` statement, one that carries a shorter
  quotation and its cue ``reported``.

Written by hand: dateparser parses a date string well but its search over running text is slow
(tens of ms a sentence) and reads numbers as dates; this finds the few candidates first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from newsprism.model import AnalyzedArticle, Article, Quantity, Quote, Sentence, TimeRef

__all__ = ["MIN_QUOTE_WORDS", "NEGATION_LANGUAGES", "find_dates", "find_numbers", "find_quotes_by_marks",
           "is_negated", "limited_analysis"]

MIN_QUOTE_WORDS = 3
_CUE_WORDS = 6

_DAY_MONTH = re.compile(r"\b(?P<d>[0-3]?\d)(?:er|\.)?\s+(?P<m>[^\W\d_]{3,12})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\b")
_MONTH_DAY = re.compile(r"\b(?P<m>[^\W\d_]{3,12})\.?\s+(?P<d>[0-3]?\d),?\s+(?P<y>(?:19|20)\d\d)\b")
_NUMERIC = re.compile(r"\b(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)\b")
# The attribution after a quotation: a comma and/or a dash, a few words, the sentence's end (an
# initial's dot is no end: « ... », a assuré le directeur, M. Dupont.). A tag set off by a comma
# (the inverted incise of French, Russian, Ukrainian: « ... », a déclaré le maire devant la
# presse.) may run to :data:`_INCISE_WORDS` (:data:`_OPENING_INCISE_WORDS` after a quotation that
# opens its sentence); one after a dash or a "?" to :data:`_CUE_WORDS`.
_INITIAL_DOT = r"(?<=[\s(][A-ZÀ-ÞА-ЯЁІЇЄҐ])\."
_CUE_AFTER = re.compile(rf"\s*(?P<lead>,\s*[—–]|[,!?…]|[—–])\s*"
                        rf"(?P<cue>[^\W\d_](?:[^.!?«»“”„\"\n]|{_INITIAL_DOT}){{0,200}}?)"
                        r"\s*(?<![\s(][A-ZÀ-ÞА-ЯЁІЇЄҐ])[.!?](?=\s|$)")
# Before it: a few words and a colon (Le préfet a répondu : « ... »), or a sentence's first few
# words and a comma right before the opening mark (Selon la ministre, « ... », По словам X, «...»).
_CUE_BEFORE = re.compile(r'(?P<cue>[^\W\d_][^.!?:«»“”„"\n]{0,80}?)\s*:\s*$')
_CUE_BEFORE_COMMA = re.compile(r'(?:^|(?<=[.!?…]\s)|(?<=\n))(?P<cue>[^\W\d_][^.!?:,«»“”„"\n]{0,80}?),\s*$')
_INCISE_WORDS = 14
_OPENING_INCISE_WORDS = 25
# Straight double quotes too: many pages (and every text export that lost the typography) quote
# with them; they pair left to right within a paragraph.
_MARKS = re.compile(r"«(?P<a>[^«»\n]{2,1200})»|“(?P<b>[^“”\n]{2,1200})”|„(?P<c>[^„“”\n]{2,1200})[“”]"
                    r'|"(?P<d>[^"«»“”„\n]{2,1200})"')


# Negation words per language: whole words, case-folded. French needs its "ne"/"n'" with a
# second word within a few ("ne ... que" is "only", no negation); the others a word alone.
_NEGATION = {
    "fr": r"\b(?:ne|n['’])\s*(?:[^\W\d_]+['’]?\s*){0,4}?(?:pas|jamais|rien|personne|aucune?|guère|nullement|point)\b"
          r"|\b(?:aucune?|jamais)\b",
    "de": r"\b(?:nicht|kein(?:e|er|en|em|es)?|nie|niemals|niemand|nichts|nirgends)\b",
    "es": r"\b(?:no|nunca|jamás|ningun[oa]?|ningún|nadie|nada|tampoco)\b",
    "it": r"\b(?:non|mai|nessun[oa]?|niente|nulla)\b",
    "pt": r"\b(?:não|nunca|jamais|nenhum|nenhuma|ninguém|nada)\b",
    "nl": r"\b(?:niet|geen|nooit|niemand|niets)\b",
    "en": r"\b(?:not|never|no|nobody|nothing|none)\b|n['’]t\b",
    "uk": r"\b(?:не|ні|ніколи|жоден|жодна|жодного|жодних|нема|немає)\b",
    "pl": r"\b(?:nie|nigdy|żaden|żadna|żadnego|nikt|nic)\b",
}
_NEGATION_RE = {lang: re.compile(pattern, re.IGNORECASE) for lang, pattern in _NEGATION.items()}
#: Languages whose negation words the limited analysis reads.
NEGATION_LANGUAGES = frozenset(_NEGATION)


def is_negated(text: str, language: str | None) -> bool:
    """Whether a sentence of a language without an analyser carries a negation word (see the module docstring).

    Args:
        text: The sentence.
        language: Its language code; a language without a list is never negated.

    Returns:
        True when one of the language's negation words (or French ``ne ... pas``) is in it.
    """
    pattern = _NEGATION_RE.get((language or "").split("-")[0].casefold())
    return bool(pattern is not None and pattern.search(text))


def limited_analysis(article: Article, sentences: Sequence[Sentence]) -> AnalyzedArticle:
    """What the limited analysis reads of an article: dates, numbers, quotations, negation, statements.

    Args:
        article: The article, in a language without an analyser.
        sentences: Its sentences.

    Returns:
        The analysed article, without entities or claims (French adds its entities in
        :mod:`newsprism.analysis`).
    """
    from newsprism.analysis.statements import build_statements

    times = find_dates(article)
    numbers = find_numbers(article, times)
    quotes = find_quotes_by_marks(article)
    statements = tuple(replace(st, negated=is_negated(st.span.text, article.language))
                       for st in build_statements(article, sentences, quotes, times, numbers))
    return AnalyzedArticle(article, tuple(sentences), (), times=times, numbers=numbers, quotes=quotes,
                           statements=statements)


@functools.lru_cache(maxsize=64)
def _parser(language: str, published: date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"REQUIRE_PARTS": ["day", "month"], "PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    try:
        return DateDataParser(languages=[language], settings=settings)
    except ValueError:  # a language dateparser does not know
        return None


def _read(language: str, text: str, published: date | None) -> date | None:
    parser = _parser(language, published)
    if parser is None:
        return None
    found = parser.get_date_data(text).date_obj
    return found.date() if found is not None else None


def find_dates(article: Article) -> tuple[TimeRef, ...]:
    """Dates written out in an article of any language (see the module docstring)."""
    language = (article.language or "").split("-")[0]
    if not language:
        return ()
    text = article.text
    out: list[tuple[int, int, date, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_MONTH_DAY, _DAY_MONTH, _NUMERIC):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found = _read(language, m.group(0), article.published)
            if found is None:
                continue
            has_year = m.group("y") is not None
            if not has_year and article.published is None:
                continue  # a day and a month without a year or a publication date: no date
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), found, "text" if has_year else "published"))
    out.sort()
    return tuple(TimeRef(f"{article.id}:t{n}", article.span(s, e), day, day, "date", anchor)
                 for n, (s, e, day, anchor) in enumerate(out))


def find_numbers(article: Article, times: tuple[TimeRef, ...] = ()) -> tuple[Quantity, ...]:
    """Numbers outside the dates: digits, scale, percent and number words of the article's language.

    Read by :func:`newsprism.analysis._limited_numbers.find_limited_numbers` (CLDR separators,
    ``text2num`` number words); the unit comes from a symbol or a percent word only.
    """
    from newsprism.analysis._limited_numbers import find_limited_numbers

    inside = [(t.span.start, t.span.end) for t in times]
    found = find_limited_numbers(article.text, article.language, inside)
    return tuple(Quantity(f"{article.id}:n{n}", article.span(q.start, q.end), q.value, q.unit)
                 for n, q in enumerate(found))


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the quotation mark at ``start`` opens a sentence (text start, a line, or after a sentence's end)."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in ".!?…\n"


def _whole_sentence(text: str, start: int, end: int) -> bool:
    """Whether quotation marks at ``start:end`` enclose a sentence of their own."""
    after = text[end:].lstrip(" \t")
    opens = _opens_sentence(text, start) or text[:start].rstrip(" \t").endswith(":")
    return opens and (not after or after[0] in ".!?…\n" or after[0].isupper())


def find_quotes_by_marks(article: Article) -> tuple[Quote, ...]:
    """Direct quotations recognised by their quotation marks alone (no speaker, no cue)."""
    out: list[tuple[int, int, tuple[int, int] | None]] = []
    for m in _MARKS.finditer(article.text):
        group = next(g for g in ("a", "b", "c", "d") if m.group(g) is not None)
        s, e = m.start(group), m.end(group)
        while s < e and article.text[s].isspace():
            s += 1
        while e > s and article.text[e - 1] in " ,":
            e -= 1
        if len(article.text[s:e].split()) < MIN_QUOTE_WORDS:
            continue
        cue = None
        after = _CUE_AFTER.match(article.text, m.end(), min(len(article.text), m.end() + 220))
        before = _CUE_BEFORE.search(article.text, max(0, m.start() - 80), m.start())
        if before is None:
            before = _CUE_BEFORE_COMMA.search(article.text, max(0, m.start() - 80), m.start())
        incise = after is not None and after.group("lead") == ","
        # A quotation that opens its sentence and a tag after a comma is the classic incise,
        # however long its speaker's title (« ... ? », demande le journaliste ... au ministre ...).
        opens = _opens_sentence(article.text, m.start())
        most_after = (_OPENING_INCISE_WORDS if opens else _INCISE_WORDS) if incise else _CUE_WORDS
        for found, most in ((after, most_after), (before, _CUE_WORDS)):
            if found is not None and len(found.group("cue").split()) <= most:
                cue = (found.start("cue"), found.end("cue"))
                break
        if cue is None and not _whole_sentence(article.text, m.start(), m.end()):
            continue  # a short marked phrase inside a sentence: a title or a scare quote
        out.append((s, e, cue))
    return tuple(Quote(f"{article.id}:q{n}", "direct", article.span(s, e),
                       cue=article.span(*cue) if cue is not None else None) for n, (s, e, cue) in enumerate(out))
