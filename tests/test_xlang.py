"""English beside Russian reports of one fact: near pairs, numbers across languages, folded omissions.

The stories here are invented for the tests (no outlet's text): a court case told by two English
outlets and one Russian one that gives another count of the charges, another prison term, and the
sentencing date in its own words.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from newsprism.comparison._bounds import CROSS_LANGUAGE_SLACK, may_both_hold
from newsprism.comparison.confidence import SURE, confidence_of, finding_kind
from newsprism.comparison.xlang import common_unit, evidenced_pairs, near_pairs, number_pairs
from newsprism.model import AnalyzedArticle, Article, Finding, Quantity, Statement, article_id

EN_1 = """Court convicts former mayor Halvard Ostrem on all 14 counts

2024-03-08

A court in Tallmark on Thursday convicted former mayor Halvard Ostrem on all 14 counts of bribery brought against him.

Judge Elin Varga said the sentence would be announced on April 2.

Each count carries a maximum penalty of five years in prison.

Ostrem, who denied the charges, left the courthouse without speaking to reporters.

Prosecutors said the bribes were paid by two construction firms between 2015 and 2019.
"""

EN_2 = """Ex-mayor Ostrem found guilty of bribery

2024-03-08

Former Tallmark mayor Halvard Ostrem was found guilty on Thursday on all 14 bribery counts.

Sentencing is set for April 2, Judge Elin Varga said.

He faces up to five years in prison on each count.

His lawyer said Ostrem would appeal the verdict.
"""

RU = """Бывшего мэра Тальмарка признали виновным во взяточничестве

2024-03-08

Суд в Тальмарке в четверг признал бывшего мэра Халварда Острема виновным по 9 пунктам из 14.

Приговор будет оглашён 2 апреля, сообщила судья Элин Варга.

Острему грозит до десяти лет лишения свободы.

Сам Острем свою вину не признал.
"""


def _ru_article(text: str, published: date | None = None) -> Article:
    return Article(article_id(text), text, language="ru", published=published)


def test_a_whole_counts_what_its_part_counts_in_russian() -> None:
    from newsprism.analysis.ru.numbers import find_quantities_ru

    qs = find_quantities_ru(_ru_article("Его признали виновным по 9 пунктам из 14 предъявленных."))
    assert [(q.value, q.unit) for q in qs] == [(9.0, "пункт"), (14.0, "пункт")]
    # a bare number after «из» with no counted part before it keeps no unit
    qs = find_quantities_ru(_ru_article("Один из 14 присяжных заболел."))
    assert all(q.unit != "пункт" for q in qs)


def test_a_russian_future_with_byt_resolves_forward() -> None:
    from newsprism.analysis.ru.pipeline import parse_russian
    from newsprism.analysis.ru.times import resolve_times_ru

    text = "Приговор будет оглашён 2 апреля, сообщила судья. Суд огласит решение 5 апреля."
    art = _ru_article(text, date(2024, 3, 8))
    refs = resolve_times_ru(art, parse_russian(text))
    assert [r.start for r in refs] == [date(2024, 4, 2), date(2024, 4, 5)]
    past = "Приговор был оглашён 2 апреля."
    assert resolve_times_ru(_ru_article(past, date(2024, 3, 8)), parse_russian(past))[0].start == date(2023, 4, 2)


def _q(unit: str | None, value: float = 1.0) -> Quantity:
    from newsprism.model import Span

    return Quantity("q", Span("a", 0, 0, ""), value, unit)


def test_units_are_matched_across_languages() -> None:
    assert common_unit(_q("год"), "ru", _q("year"), "en")
    assert common_unit(_q("пункт"), "ru", _q("count"), "en")
    assert common_unit(_q("USD"), "ru", _q("USD"), "en")
    assert not common_unit(_q("год"), "ru", _q("day"), "en")
    assert not common_unit(_q("ordinal"), "en", _q("ordinal"), "en")
    assert not common_unit(_q("пленка"), "ru", _q("пленка"), "en")  # a Russian lemma the table lacks


def test_two_languages_hedge_estimates_looser() -> None:
    ru, en = "переговоры продлились около 4,5 часа", "held nearly five hours of talks"
    from newsprism.model import Span

    x = Quantity("x", Span("a", ru.index("4,5"), ru.index("4,5") + 3, "4,5"), 4.5, "час")
    y = Quantity("y", Span("b", en.index("five"), en.index("five") + 4, "five"), 5.0, "hour")
    assert not may_both_hold(ru, x, en, y)  # within one language the slack is 10%
    assert may_both_hold(ru, x, en, y, CROSS_LANGUAGE_SLACK)
    # a Russian bound is read too: «не менее 20» is met by 25
    ru2, en2 = "погибли не менее 20 человек", "25 people died"
    a = Quantity("a", Span("a", ru2.index("20"), ru2.index("20") + 2, "20"), 20.0, "человек")
    b = Quantity("b", Span("b", 0, 2, "25"), 25.0, "people")
    assert may_both_hold(ru2, a, en2, b)


def _article(aid: str, language: str, sentences: list[str], vectors: list[list[float]],
             numbers: dict[int, list[tuple[float, str | None]]] | None = None,
             negated: tuple[int, ...] = ()) -> AnalyzedArticle:
    text = " ".join(sentences)
    art = Article(aid, text, language=language)
    sts, qs, pos = [], [], 0
    for k, s in enumerate(sentences):
        ids = []
        for value, unit in (numbers or {}).get(k, []):
            qs.append(Quantity(f"{aid}:n{len(qs)}", art.span(pos, pos + len(s)), value, unit))
            ids.append(qs[-1].id)
        sts.append(Statement(f"{aid}:st{k}", art.span(pos, pos + len(s)), "claim", numbers=tuple(ids),
                             negated=k in negated))
        pos += len(s) + 1
    emb = np.array(vectors, dtype=np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    return AnalyzedArticle(art, statements=tuple(sts), numbers=tuple(qs), embeddings=emb)


def _unit(angle: float) -> list[float]:
    """A vector at cosine ``cos(angle)`` from ``[1, 0, 0]``."""
    return [float(np.cos(angle)), float(np.sin(angle)), 0.0]


def test_near_pairs_are_nearest_across_languages_only() -> None:
    # cosines to the Russian sentence: 0.85 (a shared count), 0.80 (too far)
    ru = _article("R", "ru", ["a.", "b."], [[1, 0, 0], [0, 0, 1]], numbers={0: [(14.0, "пункт")]})
    en = _article("E", "en", ["c.", "d."], [_unit(np.arccos(0.85)), _unit(np.arccos(0.80))],
                  numbers={0: [(14.0, "count")]})
    en2 = _article("F", "en", ["e."], [_unit(np.arccos(0.99))])
    src = {a.article.id: a.article.id for a in (ru, en, en2)}
    mutual = near_pairs([ru, en, en2], src)
    assert ("R:st0", "E:st0", 0.85) in mutual
    assert all({s[0], t[0]} == {"R", "E"} or {s[0], t[0]} == {"R", "F"} for s, t, _ in mutual)  # never E with F
    assert not any("E:st1" in (s, t) for s, t, _ in mutual)
    assert evidenced_pairs([ru, en], [("R:st0", "E:st0", 0.85)])  # the shared count ties them
    assert not evidenced_pairs([ru, en], [("R:st1", "E:st1", 0.85)])
    assert number_pairs([ru, en], [("R:st0", "E:st0", 0.85)]) == [("R:st0", "E:st0")]
    # wire copies of one text are one source: no near pair between them
    assert not near_pairs([ru, en], {"R": "R", "E": "R"})


def test_a_negated_sentence_is_no_number_pair() -> None:
    ru = _article("R", "ru", ["a."], [[1, 0, 0]], numbers={0: [(14.0, "пункт")]})
    en = _article("E", "en", ["c."], [_unit(np.arccos(0.9))], numbers={0: [(14.0, "count")]}, negated=(0,))
    assert number_pairs([ru, en], [("R:st0", "E:st0", 0.9)]) == []


def test_an_omission_possibly_told_in_another_language_is_folded() -> None:
    plain = Finding("", "omission", "info", "m", ("a",), (), {"alignment_id": "a1"})
    maybe = Finding("", "omission", "info", "m", ("a",), (), {"alignment_id": "a1", "possibly_told": ["x:st1"]})
    assert finding_kind(maybe) == "omission:possibly_told"
    assert confidence_of(plain) >= SURE > confidence_of(maybe)


@pytest.fixture(scope="module")
def court_story():  # type: ignore[no-untyped-def]
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.analysis.embed import get_embedder
    from newsprism.comparison import compare_articles
    from newsprism.config import Config

    arts = [Article(article_id(t), t, language=lang, origin=name, published=date(2024, 3, 8))
            for name, lang, t in (("en1", "en", EN_1), ("en2", "en", EN_2), ("ru", "ru", RU))]
    analysed = analyze_articles(arts, AnalyzeOptions(embedder=get_embedder(Config()), loaded=True))
    return compare_articles(analysed)


def test_a_russian_count_of_charges_conflicts_with_the_english_one(court_story) -> None:  # type: ignore[no-untyped-def]
    conflicts = [f for f in court_story.findings if f.type == "number_conflict" and f.data.get("cross_language")]
    texts = {tuple(sorted(s.text for s in f.evidence)) for f in conflicts}
    assert any("9 пунктам" in t for pair in texts for t in pair), texts
    assert all(f.severity == "warning" for f in conflicts)
    # the same count (14) on both sides is never a conflict of its own
    assert not any(set(f.data["values"].values()) == {14.0} for f in conflicts)


def test_the_russian_future_date_does_not_conflict(court_story) -> None:  # type: ignore[no-untyped-def]
    assert not [f for f in court_story.findings if f.type == "date_conflict"]


def test_a_russian_agency_dateline_is_no_statement() -> None:
    from newsprism.analysis import AnalyzeOptions, analyze_articles

    text = ("Мэр Тальмарка ушёл в отставку\n\nТАЛЬМАРК, 8 мар - РИА Новости. Мэр Тальмарка Халвард Острем "
            "объявил об отставке после приговора суда.\n\nМОСКВА, 9 марта. /ТАСС/. Его заместитель "
            "возглавит город до выборов.")
    aa = analyze_articles([_ru_article(text, date(2024, 3, 8))], AnalyzeOptions(embeddings=False, loaded=False))[0]
    texts = [st.span.text for st in aa.statements]
    assert texts == ["Мэр Тальмарка Халвард Острем объявил об отставке после приговора суда.",
                     "Его заместитель возглавит город до выборов."], texts


def test_the_cross_language_findings_keep_the_json_contract(court_story) -> None:  # type: ignore[no-untyped-def]
    import json
    from importlib import resources

    import jsonschema

    from newsprism.render.comparison import comparison_to_dict

    schema = json.loads(resources.files("newsprism").joinpath("schemas/comparison.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        comparison_to_dict(court_story))
    assert any(f.data.get("cross_language") for f in court_story.findings)
