"""Numbers, bounds and negation of the limited analysis, and what they do to alignment in one such language."""

from __future__ import annotations

from datetime import date

from newsprism.analysis import AnalyzeOptions, analyze_article
from newsprism.comparison._bounds import may_both_hold
from newsprism.comparison.pairs import describe_statements, load_pair_model
from newsprism.model import AnalyzedArticle, Article, Quantity, Span


def _analyse(text: str, language: str, name: str, published: date | None = date(2025, 4, 12)) -> AnalyzedArticle:
    return analyze_article(Article(name, text, language=language, published=published),
                           AnalyzeOptions(embeddings=False))


def _read(text: str, language: str) -> list[tuple[str, float | None, str | None]]:
    """The numbers the limited analysis reads in an article of one language (no publication date)."""
    return [(q.span.text, q.value, q.unit) for q in _analyse(text, language, f"{language}-numbers", None).numbers]


def test_french_digits_follow_the_locale_separators_and_number_words_are_read() -> None:
    text = ("La coopérative a livré 1 234,5 tonnes de pommes, puis 2\u202f400 caisses ; la région compte 1.234 "
            "vergers et quarante-deux pressoirs. Un verger neuf ouvre, neuf apiculteurs s'installent.")
    assert _read(text, "fr") == [("1 234,5", 1234.5, None), ("2\u202f400", 2400.0, None), ("1.234", 1234.0, None),
                                 ("quarante-deux", 42.0, None), ("neuf", 9.0, None)]


def test_german_digits_scale_and_percent_words_and_number_words() -> None:
    text = ("Der Verband zählte 1.234 Mitglieder und 1,5 Millionen Euro Beiträge; zwölf Prozent kamen aus "
            "Spenden, vierzig Vereine und zweiundvierzig Gruppen machten mit. Ein Vorstand trat zurück.")
    assert _read(text, "de") == [("1.234", 1234.0, None), ("1,5 Millionen Euro", 1.5e6, "EUR"),
                                 ("zwölf Prozent", 12.0, "%"), ("vierzig", 40.0, None),
                                 ("zweiundvierzig", 42.0, None)]


def test_years_and_days_beside_a_month_are_no_numbers() -> None:
    # No publication date, so "le 3 mars" is no date either: its day must not count as a number.
    text = "Le 3 mars, en 2019, le club a vendu 250 billets à 12 € pièce et 15 pour cent des places."
    assert _read(text, "fr") == [("250", 250.0, None), ("12 €", 12.0, "EUR"), ("15 pour cent", 15.0, "%")]
    # English digits group with a comma, so "1,500" is fifteen hundred, "2.5" two and a half.
    from newsprism.analysis._limited_numbers import find_limited_numbers

    text = "They planted 1,500 trees on 2.5 hectares."
    assert [(text[n.start:n.end], n.value) for n in find_limited_numbers(text, "en")] == [("1,500", 1500.0),
                                                                                         ("2.5", 2.5)]


def test_the_analysis_of_a_french_article_carries_numbers_in_words_with_spans() -> None:
    aa = _analyse("Au moins quarante randonneurs ont été secourus samedi. Les pompiers n'ont pas signalé de blessé.",
                  "fr", "fr-rescue")
    assert [(q.span.text, q.value) for q in aa.numbers] == [("quarante", 40.0)]
    assert aa.statements[0].numbers == (aa.numbers[0].id,)
    assert [st.negated for st in aa.statements] == [False, True]


def test_negation_words_of_limited_languages() -> None:
    from newsprism.analysis.limited import is_negated

    assert is_negated("Le maire n'a jamais répondu aux questions.", "fr")
    assert not is_negated("Il n'y a que trois candidats au poste.", "fr")  # ne ... que: only, no negation
    assert is_negated("Die Stadt hat keine Genehmigung erteilt.", "de")
    assert is_negated("El alcalde no respondió.", "es")
    assert not is_negated("Die Stadt hat die Genehmigung erteilt.", "de")
    assert not is_negated("Le maire a répondu.", "xx")  # a language without a list


def test_bounds_and_estimates_in_limited_languages() -> None:
    cases = [
        ("Au moins ", 43.0, True),         # a lower bound the other count meets
        ("Pas moins de ", 43.0, True),
        ("Mindestens ", 43.0, True),
        ("Pas plus de ", 43.0, False),     # no more than 40 against 43: a conflict ("plus de" in it is no bound)
        ("No more than ", 43.0, False),    # ("more than" inside it is no lower bound)
        ("Environ ", 41.0, True),          # an estimate near the other value
    ]
    for before, other, both in cases:
        text_a = f"{before}40 maisons."
        x = Quantity("x", Span("a", len(before), len(before) + 2, "40"), 40.0, None)
        text_b = f"Le bilan fait état de {other:g} maisons."
        start = text_b.index(f"{other:g}")
        y = Quantity("y", Span("b", start, start + len(f"{other:g}"), f"{other:g}"), other, None)
        assert may_both_hold(text_a, x, text_b, y) is both, before


def test_two_french_reports_of_different_tolls_are_not_aligned_where_the_cosine_alone_aligns() -> None:
    # Two sentences of one story that give different counts: the cosine fallback alone would join
    # them (at this cosine it does); the conflict evidence keeps them apart. The same sentences with
    # one count stay aligned.
    model = load_pair_model()
    a = _analyse("Au moins quarante passagers ont été évacués du train bloqué près de Dijon.", "fr", "fr-a")
    b = _analyse("Onze passagers ont été évacués du train bloqué près de Dijon.", "fr", "fr-b")
    same = _analyse("Quarante passagers ont été évacués du train bloqué près de Dijon.", "fr", "fr-c")
    cosine = 0.93
    assert not any(st.terms for aa in (a, b, same) for st in aa.statements)  # unanalysed: the fallbacks decide
    for other, aligned in ((b, False), (same, True)):
        infos = describe_statements([a, other])
        p_al, p_eq, _ = model.score_pairs_unvetoed(infos, [(0, 1)], [cosine])
        assert (max(float(p_al[0]), float(p_eq[0])) >= 0.5) is aligned
    # The evidence weighs no shared number, no shared date and negation; it only lowers a score.
    assert model.unanalysed is not None and len(model.unanalysed) == 3 and all(w <= 0 for w in model.unanalysed)
