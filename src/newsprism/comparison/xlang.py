"""Sentences of two languages that may tell one fact: the near pairs the cross-language head leaves out.

The ``cross_language`` pair head (:mod:`newsprism.comparison.pairs`) is calibrated on
translations, where the cosine decides: its cut sits near 0.90 and its possible pairs near 0.885.
Two outlets' *reports* of one fact in English and Russian are rarely translations: in real
stories their cosines sit at 0.83-0.89, beside unrelated sentences of the same story, so most stay
unaligned and even unpaired. Calling such a sentence single-source, or the other outlet silent on
it, is a claim the alignment has no evidence for.

A **near pair** is a statement and the statement of an independent outlet in another language
that is its nearest in that article, at cosine :data:`XNEAR_COSINE` or more: a sentence's best
match, not merely a close one; a **mutual** one is the nearest both ways (mutual nearest
neighbours, the rule bitext miners use to pair sentences of two languages). Near pairs are never
corroboration. Those with more than nearness behind them (a cosine of :data:`XNUMBER_COSINE`, or
a count both give: :func:`evidenced_pairs`)

- keep a statement from being called single-source (:func:`~newsprism.comparison.coverage.compute_coverage`
  lists them among its possible counterparts);
- fold an omission of a fact told only in other languages than the article's: the article may
  tell it in its own (``data["possibly_told"]``, a less sure kind in
  :mod:`newsprism.comparison.confidence`);

and a mutual near pair has its numbers of one unit compared (:func:`number_pairs`) when it also
shares a number value, or a unit at cosine :data:`XNUMBER_COSINE`: «по 20 пунктам из 34» beside
"on 34 counts" (:func:`newsprism.comparison.conflicts.cross_language_number_conflicts`).

The units of the two languages' analysers are lemmas of their own language; :data:`RU_UNITS`
maps the common Russian ones onto the English lemmas, so «лет» and "years" are one unit.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.model import AnalyzedArticle, Quantity

__all__ = ["RU_UNITS", "XNEAR_COSINE", "XNUMBER_COSINE", "common_unit", "evidenced_pairs", "near_pairs", "number_pairs"]

#: Lowest cosine of a near pair (see the module notes): under it, in real stories, the nearest
#: sentence of the other language is as often an unrelated one of the same story.
XNEAR_COSINE = 0.84
#: From this cosine a near pair that shares no number value but gives one unit is compared number by
#: number ("до двадцати лет" / "up to four years").
XNUMBER_COSINE = 0.86

#: Russian unit lemmas (as :func:`newsprism.analysis.ru.numbers.find_quantities_ru` gives them) and the
#: English lemmas the English analyser gives the same unit. Currencies and percent are codes in both.
RU_UNITS: dict[str, frozenset[str]] = {
    ru: frozenset(en.split()) for ru, en in {
        "год": "year", "месяц": "month", "неделя": "week", "день": "day", "сутки": "day", "час": "hour",
        "минута": "minute", "секунда": "second", "человек": "person people individual",
        "пункт": "count charge", "обвинение": "charge count", "эпизод": "count charge",
        "страна": "country", "город": "city", "случай": "case", "дело": "case", "присяжный": "juror",
        "свидетель": "witness", "раз": "time", "километр": "kilometer kilometre km", "км": "kilometer kilometre km",
        "метр": "meter metre", "тонна": "ton tonne", "судно": "ship vessel", "корабль": "ship vessel",
        "погибший": "dead death", "жертва": "victim death", "ребёнок": "child", "ребенок": "child",
        "голос": "vote", "место": "seat", "пленный": "prisoner", "заключённый": "prisoner",
        "военнослужащий": "soldier serviceman", "солдат": "soldier", "дрон": "drone", "беспилотник": "drone",
        "ракета": "missile rocket", "делегация": "delegation", "посол": "ambassador",
    }.items()
}


def _unit_key(unit: str | None, language: str | None) -> frozenset[str]:
    if unit is None or unit == "ordinal":
        return frozenset()
    if language == "ru":
        return RU_UNITS.get(unit, frozenset({unit}) if unit.isupper() or unit == "%" else frozenset())
    return frozenset({unit})


def common_unit(x: Quantity, x_language: str | None, y: Quantity, y_language: str | None) -> bool:
    """Whether two quantities of two languages count in one unit («лет» / "years", USD / USD)."""
    return bool(_unit_key(x.unit, x_language) & _unit_key(y.unit, y_language))


def near_pairs(articles: Sequence[AnalyzedArticle], source_of: dict[str, str],
               mutual: bool = True) -> list[tuple[str, str, float]]:
    """The near pairs of a story: ``(statement id, statement id, cosine)``.

    Args:
        articles: The story's analyzed articles, with statement embeddings.
        source_of: Per article id, the article standing for its text (wire copies are one source).
        mutual: Each statement the other's nearest (each pair once); ``False``: every statement
            with its nearest in each article of another language, ``(statement, its nearest,
            cosine)`` (what an omission asks: does this article have a sentence close to the fact?).

    Returns:
        Pairs of statements of independent articles in two known, different languages at cosine
        :data:`XNEAR_COSINE` or more.
    """
    import numpy as np

    blocks = [(aa, np.asarray(aa.embeddings, dtype=np.float32)) for aa in articles
              if aa.embeddings is not None and aa.statements and aa.article.language
              and len(aa.statements) == np.asarray(aa.embeddings).shape[0]]
    out: dict[tuple[str, str], float] = {}
    for x, (a, va) in enumerate(blocks):
        for b, vb in blocks[x + 1:]:
            if a.article.language == b.article.language or \
                    source_of.get(a.article.id, a.article.id) == source_of.get(b.article.id, b.article.id):
                continue
            sims = va @ vb.T
            rows, cols = sims.argmax(axis=1).tolist(), sims.argmax(axis=0).tolist()
            for i, j in enumerate(rows):
                if (not mutual or cols[j] == i) and sims[i, j] >= XNEAR_COSINE:
                    out[(a.statements[i].id, b.statements[j].id)] = round(float(sims[i, j]), 4)
            if not mutual:
                for j, i in enumerate(cols):
                    if sims[i, j] >= XNEAR_COSINE:
                        out[(b.statements[j].id, a.statements[i].id)] = round(float(sims[i, j]), 4)
    return [(s, t, c) for (s, t), c in out.items()]


def _shared_count(a: list[Quantity], b: list[Quantity]) -> bool:
    """Whether two lists of quantities share a value that ties sentences to one fact (a count, not 0, 1 or a rank)."""
    values = {q.value for q in a if q.unit != "ordinal"} & {q.value for q in b if q.unit != "ordinal"}
    return any(v is not None and v >= 2 for v in values)


def _numbers_of(articles: Sequence[AnalyzedArticle]
                ) -> tuple[dict[str, list[Quantity]], dict[str, tuple[bool, str | None]]]:
    """Per statement, its quantities with a value, and whether it is negated and its language."""
    quantities = {q.id: q for aa in articles for q in aa.numbers}
    by_statement = {st.id: [quantities[i] for i in st.numbers if i in quantities and quantities[i].value is not None]
                    for aa in articles for st in aa.statements}
    facts = {st.id: (st.negated, aa.article.language) for aa in articles for st in aa.statements}
    return by_statement, facts


def evidenced_pairs(articles: Sequence[AnalyzedArticle], pairs: Sequence[tuple[str, str, float]]
                    ) -> list[tuple[str, str, float]]:
    """The near pairs surer than their nearness: cosine :data:`XNUMBER_COSINE` or more, or a shared count.

    Under that cosine a mutual nearest sentence of the other language is as often the one on the
    same subject as the one telling the same fact ("Lavrov described the talks ..." beside «Был
    очень серьезный разговор»); a count both give (34 and «из 34») ties them. These are the pairs
    that keep a statement from being called single-source and fold an omission.
    """
    numbers, _ = _numbers_of(articles)
    return [(s, t, c) for s, t, c in pairs if c >= XNUMBER_COSINE or _shared_count(numbers[s], numbers[t])]


def number_pairs(articles: Sequence[AnalyzedArticle], pairs: Sequence[tuple[str, str, float]]
                 ) -> list[tuple[str, str]]:
    """The near pairs whose numbers may be compared: a shared value (not 0 or 1), or a shared unit close enough.

    One shared count (34 and 34) ties two sentences of one story to one fact more surely than
    their cosine; without one, a unit both give (years and «лет») at :data:`XNUMBER_COSINE`. Pairs
    with one side negated and not the other are left out ("pleaded not guilty to 34 counts" is
    not "found guilty on 34").
    """
    numbers, facts = _numbers_of(articles)
    out = []
    for s, t, cos in pairs:
        (neg_a, la), (neg_b, lb) = facts[s], facts[t]
        if neg_a != neg_b:
            continue
        qa, qb = numbers[s], numbers[t]
        if _shared_count(qa, qb) or (cos >= XNUMBER_COSINE and any(common_unit(x, la, y, lb) for x in qa for y in qb)):
            out.append((s, t))
    return out
