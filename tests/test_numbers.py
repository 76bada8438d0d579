"""Tests for newsprism.analysis.numbers (spaCy en_core_web_sm, texts written for these tests)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from newsprism.analysis.nlp import english
from newsprism.analysis.numbers import find_quantities, parse_number, parse_ordinal
from newsprism.model import Article, Quantity, article_id

REPORT = (
    "On July 29, 2022, the ministry said 5,000 troops had crossed the border and that two Americans "
    "were detained. The government pledged $3 billion in aid, and prices rose 40% in a year. The convoy "
    "stretched 10 km. It was the 28th summit and his first visit since March 3. Nine days later, "
    "twenty-five officials and a dozen journalists arrived; dozens of people protested. Inflation "
    "reached 3.5 percent in 2021. Paragraph 22 of the treaty was cited by 1,200 delegates. Moscow paid "
    "2.5 million rubles."
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return english()


def run(nlp: Any, text: str) -> tuple[Article, tuple[Quantity, ...]]:
    article = Article(id=article_id(text), text=text)
    return article, find_quantities(article, nlp(text))


def triples(quantities: tuple[Quantity, ...]) -> list[tuple[str, float | None, str | None]]:
    return [(q.span.text, q.value, q.unit) for q in quantities]


def test_report(nlp: Any) -> None:
    _, quantities = run(nlp, REPORT)
    assert triples(quantities) == [
        ("5,000 troops", 5000, "troop"),
        ("two Americans", 2, "american"),
        ("$3 billion", 3e9, "USD"),
        ("40%", 40, "%"),
        ("10 km", 10, "km"),
        ("28th", 28, "ordinal"),
        ("first", 1, "ordinal"),
        ("Nine days", 9, "day"),
        ("twenty-five officials", 25, "official"),
        ("a dozen journalists", 12, "journalist"),
        ("dozens of people", None, "people"),
        ("3.5 percent", 3.5, "%"),
        ("1,200 delegates", 1200, "delegate"),
        ("2.5 million rubles", 2.5e6, "RUB"),
    ]


def test_dates_and_years_are_not_quantities(nlp: Any) -> None:
    _, quantities = run(nlp, REPORT)
    values = {q.value for q in quantities}
    assert not values & {29, 2022, 3, 2021}
    texts = " ".join(q.span.text for q in quantities)
    assert "2022" not in texts and "July" not in texts and "March" not in texts


def test_label_numbers_are_left_out(nlp: Any) -> None:
    _, quantities = run(nlp, REPORT)
    assert 22 not in {q.value for q in quantities}


def test_a_year_like_number_that_counts_things_is_kept(nlp: Any) -> None:
    _, quantities = run(nlp, "Officials said 2000 troops arrived in 1999, and the 2020 elections were calm.")
    assert triples(quantities) == [("2000 troops", 2000, "troop")]


def test_money_currencies(nlp: Any) -> None:
    _, quantities = run(nlp, "The fund lent €20 million, then £4 billion, then 300 dollars.")
    assert [(q.value, q.unit) for q in quantities] == [(2e7, "EUR"), (4e9, "GBP"), (300, "USD")]


def test_approximators_stay_outside_the_span(nlp: Any) -> None:
    _, quantities = run(nlp, "About a million people live there, and nearly 300 were hurt.")
    assert triples(quantities) == [("a million people", 1e6, "people"), ("300", 300, None)]


def test_part_of_a_group(nlp: Any) -> None:
    _, quantities = run(nlp, "He won 2 of the 5 races, and one of the officers resigned.")
    assert triples(quantities) == [("2", 2, None), ("5 races", 5, "race"), ("one of the officers", 1, "officer")]


def test_a_counted_moment_is_an_ordinal_of_its_unit(nlp: Any) -> None:
    _, quantities = run(nlp, "She scored an 80th-minute penalty and again in the 81st minute of a 90-minute match.")
    assert triples(quantities)[:2] == [("80th-minute", 80, "minute (ordinal)"), ("81st minute", 81, "minute (ordinal)")]


def test_one_as_a_word_counts_nothing(nlp: Any) -> None:
    _, quantities = run(nlp, "The final was one-sided. It was one of the easiest wins. No one left. One fan cried.")
    assert triples(quantities) == [("One fan", 1, "fan")]


def test_ranges_and_vague_magnitudes_have_no_value(nlp: Any) -> None:
    _, quantities = run(nlp, "The talks took 3-5 days, and tens of thousands of refugees left.")
    assert triples(quantities) == [("3-5 days", None, "day"), ("tens of thousands of refugees", None, "refugee")]


def test_vague_determiners_are_not_quantities(nlp: Any) -> None:
    assert run(nlp, "Several weeks earlier, many people and a few officials met.")[1] == ()


def test_spans_and_ids(nlp: Any) -> None:
    article, quantities = run(nlp, REPORT)
    assert [q.id for q in quantities] == [f"{article.id}:n{n}" for n in range(1, len(quantities) + 1)]
    starts = [q.span.start for q in quantities]
    assert starts == sorted(starts)
    for q in quantities:
        assert q.span.article_id == article.id
        assert q.span.text == REPORT[q.span.start : q.span.end]
    for a, b in itertools.pairwise(quantities):
        assert a.span.end <= b.span.start


def test_numbers_in_urls_are_left_out(nlp: Any) -> None:
    text = "Read more at <https://example.com/2022/07/29/story-a78446> today."
    assert run(nlp, text)[1] == ()


def test_a_doc_of_another_text_is_refused(nlp: Any) -> None:
    article = Article(id=article_id("one text"), text="one text")
    with pytest.raises(ValueError, match="not a parse"):
        find_quantities(article, nlp("another 5 texts"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5,000", 5000),
        ("3.5", 3.5),
        ("2.5 million", 2.5e6),
        ("twenty-five", 25),
        ("a dozen", 12),
        ("one hundred and five", 105),
        ("two hundred thousand", 200_000),
        ("one million two hundred thousand", 1_200_000),
        ("3bn", 3e9),
        ("Nine", 9),
        ("3-5", None),
        ("1/2", None),
        ("dozens", None),
        ("several", None),
        ("", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("28th", 28), ("1st", 1), ("first", 1), ("Twelfth", 12), ("twentieth", 20), ("twenty-first", 21),
     ("hundredth", 100), ("fourteenth", 14), ("tenth", 10), ("blue", None), ("", None)],
)  # fmt: skip
def test_parse_ordinal(text: str, value: float | None) -> None:
    assert parse_ordinal(text) == value


def test_temperatures_below_zero_keep_their_sign(nlp: Any) -> None:
    from newsprism.analysis.numbers import parse_number

    _, quantities = run(nlp, "It was almost -20 degrees Celsius at night; the low will reach minus 10 degrees Celsius.")
    assert [q.value for q in quantities] == [-20, -10]
    assert all((q.unit or "").startswith("degree") for q in quantities)
    assert parse_number("-20") == -20 and parse_number("\u22124") == -4 and parse_number("minus 10") == -10
    assert parse_number("twenty-five") == 25 and parse_number("3-5") is None
