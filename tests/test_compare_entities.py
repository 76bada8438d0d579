"""Tests for newsprism.comparison.entities (cross-article entity resolution).

Articles are short texts written for these tests; most run through the real within-article
analysis (spaCy), the Cyrillic and edge cases use hand-built entities.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

import pytest

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.comparison._names import latin
from newsprism.comparison.entities import resolve_entities
from newsprism.model import AnalyzedArticle, Article, Entity, Mention, article_id

TALKS = (
    "US Secretary of State Antony Blinken spoke on Friday with Norwegian Foreign Minister Lars Haugen "
    "about grain exports. The U.S. wants a deal soon, Blinken said. John Smith, a farmer from Ohio, "
    "welcomed the talks."
)
FOLLOW_UP = (
    "Anthony Blinken told reporters in Oslo that the United States would help. The Secretary of State "
    "said the talks with Haugen were frank. Mary Smith, a grain trader, said prices would fall. "
    "The Norwegian foreign minister declined to comment."
)
ARRIVAL = (
    "Blinken arrived in Oslo on Monday. Smith could not be reached for comment. Ned Price, the State "
    "Department spokesman, said the top US diplomat would return to the US on Tuesday. The spokesman "
    "gave no details."
)
GENEVA = (
    "US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in Geneva on Friday. "
    "The top diplomat said the talks were useful."
)
CRITIC = (
    "Former Secretary of State Mike Pompeo criticised the meeting. The Secretary of State did not reply. "
    "Anthony Blinken flew home."
)
RIVAL = "Secretary of State Mike Pompeo spoke in 2019. The Secretary of State was not available on Friday."
CALL = (
    "The head of the American foreign policy department called the talks frank. The Russian minister "
    "said little, and the top US diplomat left."
)


def analyze(*texts: str) -> list[AnalyzedArticle]:
    articles = [Article(id=article_id(t), text=t, language="en") for t in texts]
    return analyze_articles(articles, AnalyzeOptions(embeddings=False))


@pytest.fixture(scope="module")
def story() -> list[AnalyzedArticle]:
    return analyze(TALKS, FOLLOW_UP, ARRIVAL)


def by_name(entities: Sequence[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [e.name for e in entities]
    return found[0]


def texts_of(entity: Entity, article: AnalyzedArticle | None = None) -> list[str]:
    return [m.span.text for m in entity.mentions if article is None or m.span.article_id == article.article.id]


def check_invariants(articles: Sequence[AnalyzedArticle], entities: Sequence[Entity], mapping: dict[str, str]) -> None:
    text = {aa.article.id: aa.article.text for aa in articles}
    assert set(mapping) == {e.id for aa in articles for e in aa.entities}
    assert set(mapping.values()) <= {e.id for e in entities}
    assert [e.id for e in entities] == [f"E{n}" for n in range(1, len(entities) + 1)]
    seen: set[tuple[str, int, int]] = set()
    for entity in entities:
        assert entity.variants == tuple(sorted(set(entity.variants)))
        for m in entity.mentions:
            assert m.entity_id == entity.id and m.type == entity.type
            assert text[m.span.article_id][m.span.start : m.span.end] == m.span.text
            key = (m.span.article_id, m.span.start, m.span.end)
            assert key not in seen
            seen.add(key)
    local = sum(len(e.mentions) for aa in articles for e in aa.entities)
    assert local <= len(seen)


# --- hand-built articles --------------------------------------------------------------------


def built(text: str, spec: Sequence[tuple[str, str, Sequence[str]]], language: str = "en") -> AnalyzedArticle:
    """An analyzed article whose entities are ``(name, type, surface forms)``, found in the text."""
    article = Article(id=article_id(text), text=text, language=language)
    taken: list[tuple[int, int]] = []
    entities: list[Entity] = []
    for n, (name, etype, forms) in enumerate(spec, start=1):
        eid = f"{article.id}:e{n}"
        spans: list[tuple[int, int]] = []
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    spans.append((m.start(), m.end()))
                    taken.append((m.start(), m.end()))
        mentions = tuple(Mention(article.span(s, e), etype, eid) for s, e in sorted(spans))
        entities.append(Entity(eid, name, etype, tuple(sorted({m.span.text for m in mentions})), mentions))
    entities.sort(key=lambda e: e.mentions[0].span.start)
    return AnalyzedArticle(article, entities=tuple(entities))


# --- tests ----------------------------------------------------------------------------------


def test_spelling_variants_are_one_person(story: list[AnalyzedArticle]) -> None:
    entities, mapping = resolve_entities(story)
    check_invariants(story, entities, mapping)
    blinken = by_name(entities, "Antony Blinken")
    assert blinken.type == "PERSON"
    assert {"Antony Blinken", "Anthony Blinken", "Blinken"} <= set(blinken.variants)
    assert {a.article.id for a in story} == {m.span.article_id for m in blinken.mentions}
    assert blinken.id == "E2"  # "US" comes first in the first article


def test_lone_surname_joins_the_full_name_of_another_article(story: list[AnalyzedArticle]) -> None:
    entities, mapping = resolve_entities(story)
    blinken = by_name(entities, "Antony Blinken")
    lone = next(e for e in story[2].entities if e.name == "Blinken")
    assert mapping[lone.id] == blinken.id
    # spaCy labels the lone "Haugen" of the second article a place; it still joins the person.
    haugen = by_name(entities, "Lars Haugen")
    assert "Haugen" in texts_of(haugen, story[1])


def test_same_surname_different_first_names_stay_apart(story: list[AnalyzedArticle]) -> None:
    entities, mapping = resolve_entities(story)
    john, mary = by_name(entities, "John Smith"), by_name(entities, "Mary Smith")
    assert john.id != mary.id
    lone = next(e for e in story[2].entities if e.name == "Smith")
    assert mapping[lone.id] not in {john.id, mary.id}  # two Smiths: a lone "Smith" is ambiguous


def test_country_abbreviations_are_one_entity(story: list[AnalyzedArticle]) -> None:
    entities, _ = resolve_entities(story)
    us = by_name(entities, "United States")
    assert {"US", "U.S.", "United States"} <= set(us.variants)
    assert len({m.span.article_id for m in us.mentions}) == 3


def test_role_descriptions_join_the_one_holder(story: list[AnalyzedArticle]) -> None:
    entities, _ = resolve_entities(story)
    blinken, haugen, price = (by_name(entities, n) for n in ("Antony Blinken", "Lars Haugen", "Ned Price"))
    assert "Secretary of State" in texts_of(blinken, story[1])
    assert "top US diplomat" in texts_of(blinken, story[2])
    assert "Norwegian foreign minister" in texts_of(haugen, story[1])
    # The apposition taught the office; only the later "The spokesman" is a mention of its own.
    assert texts_of(price) == ["Ned Price", "spokesman"]
    assert "Secretary of State" not in blinken.variants  # variants stay names


def test_generic_descriptions_of_the_top_diplomat() -> None:
    articles = analyze(GENEVA, CALL)
    entities, mapping = resolve_entities(articles)
    check_invariants(articles, entities, mapping)
    blinken, lavrov = by_name(entities, "Antony Blinken"), by_name(entities, "Sergei Lavrov")
    call = articles[1]
    assert texts_of(blinken, call) == ["head of the American foreign policy department", "top US diplomat"]
    assert texts_of(lavrov, call) == ["Russian minister"]
    # "The top diplomat" with no country fits both: it is left alone.
    assert not any("top diplomat" in t for e in entities for t in texts_of(e, articles[0]))


def test_role_not_linked_when_two_people_hold_it() -> None:
    articles = analyze(GENEVA, RIVAL)
    entities, mapping = resolve_entities(articles)
    check_invariants(articles, entities, mapping)
    assert not any("Secretary of State" in t for e in entities for t in texts_of(e, articles[1]))


def test_a_former_holder_does_not_make_a_title_ambiguous() -> None:
    articles = analyze(GENEVA, CRITIC)
    entities, _ = resolve_entities(articles)
    assert texts_of(by_name(entities, "Antony Blinken"), articles[1]) == ["Secretary of State", "Anthony Blinken"]
    assert texts_of(by_name(entities, "Mike Pompeo")) == ["Mike Pompeo"]


def test_ids_are_deterministic_and_follow_article_order(story: list[AnalyzedArticle]) -> None:
    first = resolve_entities(story)
    again = resolve_entities(story)
    assert first == again
    entities, mapping = resolve_entities(list(reversed(story)))
    check_invariants(story, entities, mapping)
    assert entities[0].mentions[0].span.article_id == story[2].article.id


def test_cyrillic_names_match_their_latin_spelling() -> None:
    en = built(
        "Antony Blinken met Sergei Lavrov and Maria Smirnova. Blinken left.",
        [("Antony Blinken", "PERSON", ["Antony Blinken", "Blinken"]), ("Sergei Lavrov", "PERSON", ["Sergei Lavrov"]),
         ("Maria Smirnova", "PERSON", ["Maria Smirnova"])],
    )
    ru = built(
        "Энтони Блинкен и Сергей Лавров поговорили. Сергей Смирнов промолчал. Блинкен уехал.",
        [("Энтони Блинкен", "PERSON", ["Энтони Блинкен", "Блинкен"]), ("Сергей Лавров", "PERSON", ["Сергей Лавров"]),
         ("Сергей Смирнов", "PERSON", ["Сергей Смирнов"])],
        language="ru",
    )
    entities, mapping = resolve_entities([en, ru])
    check_invariants([en, ru], entities, mapping)
    blinken = by_name(entities, "Antony Blinken")
    assert set(blinken.variants) == {"Antony Blinken", "Blinken", "Блинкен", "Энтони Блинкен"}
    assert len(blinken.mentions) == 4
    assert set(by_name(entities, "Sergei Lavrov").variants) == {"Sergei Lavrov", "Сергей Лавров"}
    # Same first name, similar surname, different person: Smirnov is not Smirnova.
    assert mapping[ru.entities[2].id] != mapping[en.entities[2].id]


def test_transliterated_surnames_need_agreeing_first_names() -> None:
    a = built("Volodymyr Zelensky spoke. Olena Zelenska listened.",
              [("Volodymyr Zelensky", "PERSON", ["Volodymyr Zelensky"]),
               ("Olena Zelenska", "PERSON", ["Olena Zelenska"])])
    b = built("Volodymyr Zelenskyy replied. Oleksandr Zelenskiy, a namesake, did not.",
              [("Volodymyr Zelenskyy", "PERSON", ["Volodymyr Zelenskyy"]),
               ("Oleksandr Zelenskiy", "PERSON", ["Oleksandr Zelenskiy"])])
    _, mapping = resolve_entities([a, b])
    assert mapping[a.entities[0].id] == mapping[b.entities[0].id]
    assert len({mapping[a.entities[0].id], mapping[a.entities[1].id], mapping[b.entities[1].id]}) == 3


def test_initials_join_only_an_unambiguous_person() -> None:
    a = built("Joe Biden and John Smith spoke.", [("Joe Biden", "PERSON", ["Joe Biden"]),
                                                 ("John Smith", "PERSON", ["John Smith"])])
    b = built("J. Biden, Jane Smith and J. Smith answered.",
              [("J. Biden", "PERSON", ["J. Biden"]), ("Jane Smith", "PERSON", ["Jane Smith"]),
               ("J. Smith", "PERSON", ["J. Smith"])])
    entities, mapping = resolve_entities([a, b])
    check_invariants([a, b], entities, mapping)
    assert mapping[b.entities[0].id] == mapping[a.entities[0].id]
    assert by_name(entities, "Joe Biden").variants == ("J. Biden", "Joe Biden")
    assert len({mapping[a.entities[1].id], mapping[b.entities[1].id], mapping[b.entities[2].id]}) == 3


def test_short_org_name_joins_its_one_longer_form() -> None:
    a = built("The US State Department and the OSCE agreed.",
              [("US State Department", "ORG", ["US State Department"]), ("OSCE", "ORG", ["OSCE"])])
    b = built("The State Department and the Organization for Security and Co-operation in Europe met.",
              [("State Department", "ORG", ["State Department"]),
               ("Organization for Security and Co-operation in Europe", "ORG",
                ["Organization for Security and Co-operation in Europe"])])
    entities, mapping = resolve_entities([a, b])
    assert mapping[a.entities[0].id] == mapping[b.entities[0].id]
    assert by_name(entities, "US State Department").variants == ("State Department", "US State Department")
    assert mapping[a.entities[1].id] == mapping[b.entities[1].id]


def test_transliteration_table() -> None:
    assert latin("Сергей Лавров") == "Sergey Lavrov"
    assert latin("Энтони Блинкен") == "Entoni Blinken"
    assert latin("Владимир Зеленский") == "Vladimir Zelenskiy"
    assert latin("ЩУКА, Щука") == "SHCHUKA, Shchuka"


def test_twenty_articles_of_thirty_entities_resolve_fast() -> None:
    firsts = ["Anna", "John", "Maria", "Sergei", "Olga", "Peter", "Ivan", "Lena", "Mark", "Paul"]
    lasts = ["Smith", "Petrov", "Kowalski", "Haugen", "Larsen", "Novak", "Ivanov", "Dubois", "Rossi", "Muller",
             "Jensen", "Horvat", "Nagy", "Silva", "Costa"]
    places = ["Oslo", "Paris", "US", "U.S.", "United States", "Russia", "NATO", "State Department", "Cairo", "Rome"]
    articles = []
    for n in range(20):
        people = [f"{firsts[(n + k) % 10]} {lasts[(n * 3 + k) % 15]}" for k in range(20)]
        names = list(dict.fromkeys(people)) + places
        text = " ".join(f"Article {n}: the minister met {name} on Monday." for name in names)
        spec = [(name, "PERSON" if name in people else "GPE", [name]) for name in names]
        articles.append(built(text, spec))
    resolve_entities(articles)  # warm the caches of the name helpers
    started = time.perf_counter()
    entities, mapping = resolve_entities(articles)
    elapsed = time.perf_counter() - started
    check_invariants(articles, entities, mapping)
    assert elapsed < 0.5, f"{elapsed * 1000:.0f} ms"


def test_a_russian_a_for_the_english_short_u_is_one_surname() -> None:
    from newsprism.comparison._names import latin, name_words, same_person

    # Invented people, in no name table: «Радд» for Rudd, «Хант» for Hunt.
    assert same_person(name_words(latin("Ральф Радд")), name_words("Ralph Rudd"))
    assert same_person(name_words(latin("Питер Хант")), name_words("Peter Hunt"))
    assert not same_person(name_words(latin("Мэри Хант")), name_words("Mark Hunt"))  # first names differ
    assert not same_person(name_words("Jim Baker"), name_words("Jim Booker"))


def test_a_family_name_first_person_is_one_under_every_form() -> None:
    # Invented people. Article A gives both given names, B the family-name-first form, C the
    # Western form; a namesake with another given name stays apart, and so does D's lone family
    # name, which could be either.
    a = built("Voters chose Peter Wu Ming-hao on Saturday. Wu thanked them.",
              [("Peter Wu Ming-hao", "PERSON", ["Peter Wu Ming-hao", "Wu"])])
    b = built("Wu Ming-hao won the vote, officials said.", [("Wu Ming-hao", "PERSON", ["Wu Ming-hao"])])
    c = built("Peter Wu will take office in May. Mary Wu, his rival, conceded.",
              [("Peter Wu", "PERSON", ["Peter Wu"]), ("Mary Wu", "PERSON", ["Mary Wu"])])
    d = built("Wu spoke to reporters.", [("Wu", "PERSON", ["Wu"])])
    story = [c, b, d, a]  # the name that carries both forms comes last
    entities, mapping = resolve_entities(story)
    check_invariants(story, entities, mapping)
    persons = {e.name: e for e in entities if e.type == "PERSON"}
    assert set(persons) == {"Peter Wu Ming-hao", "Mary Wu", "Wu"}, list(persons)
    wu = persons["Peter Wu Ming-hao"]
    assert {m.span.article_id for m in wu.mentions} == {x.article.id for x in (a, b, c)}
    assert set(texts_of(persons["Mary Wu"])) == {"Mary Wu"}


def test_a_western_double_surname_keeps_its_order() -> None:
    from newsprism.comparison._names import person_forms

    assert person_forms("Ana Lopez-Garcia") == (("ana", "lopez-garcia"),)
    assert person_forms("Wu Ming-hao") == (("ming-hao", "wu"),)
    assert person_forms("Peter Wu Ming-hao") == (("peter", "wu"), ("ming-hao", "wu"))
    a = built("Ana Lopez-Garcia spoke.", [("Ana Lopez-Garcia", "PERSON", ["Ana Lopez-Garcia"])])
    b = built("Juan Lopez-Garcia replied.", [("Juan Lopez-Garcia", "PERSON", ["Juan Lopez-Garcia"])])
    entities, _ = resolve_entities([a, b])
    assert sorted(e.name for e in entities) == ["Ana Lopez-Garcia", "Juan Lopez-Garcia"]


def test_a_hyphenated_given_name_is_not_cut_at_anothers_surname() -> None:
    # The tokens of "Chang Wen-li" are Chang, Wen, -, li, and "Lin Pei-wen" ends in "wen": the
    # cut of run-on names after a known surname must not split a hyphenated given name.
    [aa] = analyze("Officials said Lin Pei-wen and Chang Wen-li met in Taipei on Friday. Chang Wen-li "
                   "later told reporters that Lin Pei-wen had agreed.")
    names = {e.name for e in aa.entities if e.type == "PERSON"}
    assert "Chang Wen-li" in names and "Lin Pei-wen" in names, names


def test_the_armed_groups_names_and_acronyms_are_one_entity() -> None:
    articles = analyze(
        "The Islamic State group said it carried out the attack on the concert hall.",
        "Daesh fighters were blamed for the attack, officials said. ISIS has struck the city before.",
    )
    entities, _ = resolve_entities(articles)
    group = [e for e in entities if {"Daesh", "ISIS"} & set(e.variants) or "Islamic State" in e.name]
    assert len(group) == 1, [(e.name, e.variants) for e in entities]
    assert len({m.span.article_id for m in group[0].mentions}) == 2


def test_a_double_surname_spaced_or_hyphenated_is_one_person() -> None:
    articles = analyze("A court in Denver sentenced Maria Lopez Garcia on Thursday. Lopez Garcia will appeal.",
                       "A Denver judge sentenced Maria Lopez-Garcia to five years. Lopez-Garcia plans to appeal.")
    entities, _ = resolve_entities(articles)
    people = [e for e in entities if e.type == "PERSON" and "Garcia" in e.name]
    assert len(people) == 1, [(e.name, e.variants) for e in people]
    assert {"Maria Lopez Garcia", "Maria Lopez-Garcia"} <= set(people[0].variants)
    assert len({m.span.article_id for m in people[0].mentions}) == 2
