"""Names across scripts: transliteration both ways, phonetic fuzzy match and the alias table."""

import pytest

from newsprism.comparison._translit import SAME_NAME, cross_script_similarity, latin_forms, name_table, to_cyrillic
from newsprism.comparison.entities import resolve_entities
from newsprism.model import AnalyzedArticle, Article, Entity, Mention


def _names_in_table():
    table = name_table()
    return {k for k in table.canonical} | set(table.words)


# None of these is in the alias table: transliteration and the phonetic match must do it.
@pytest.mark.parametrize(("ru", "en"), [
    ("Энтони Блинкен", "Antony Blinken"), ("Энтони Блинкен", "Anthony Blinken"), ("Мария Захарова", "Maria Zakharova"),
    ("Сергей Рябков", "Sergei Ryabkov"), ("Пномпень", "Phnom Penh"), ("Вашингтон", "Washington"),
    ("Камбоджа", "Cambodia"), ("Бангкок", "Bangkok"), ("Евгений Пригожин", "Yevgeny Prigozhin"),
])
def test_names_not_in_the_table_match_by_transliteration(ru, en):
    assert ru.lower() not in _names_in_table() and ru.split()[-1].lower() not in _names_in_table()
    assert cross_script_similarity(ru, en) >= SAME_NAME


@pytest.mark.parametrize(("ru", "en"), [("Москва", "Washington"), ("Берлин", "Bern"), ("Иран", "Iraq"),
                                        ("Австрия", "Australia"), ("Сергей Рябков", "Sergei Lavrov")])
def test_different_names_do_not_match(ru, en):
    assert cross_script_similarity(ru, en) < SAME_NAME


# English "W" before a vowel is «У» in Russian; none of these is in the table.
@pytest.mark.parametrize(("ru", "en"), [
    ("Уитни Моран", "Whitney Moran"), ("Томас Уилер", "Thomas Wheeler"), ("Рой Уильямс", "Roy Williams"),
    ("Уолтер Кронк", "Walter Kronk"), ("Уэбстер", "Webster"), ("Уилсон", "Wilson"), ("Уэст", "West"),
])
def test_english_w_written_u_in_russian(ru, en):
    assert not {w.lower() for w in ru.split()} & _names_in_table()
    assert cross_script_similarity(ru, en) >= SAME_NAME


@pytest.mark.parametrize(("ru", "en"), [("Ульянов", "Williams"), ("Уилсон", "Nelson"), ("Уилер", "Miller"),
                                        ("Уокер", "Booker"), ("Уилсон", "Watson"), ("Уитни", "Whelan")])
def test_the_w_rule_does_not_join_other_names(ru, en):
    assert cross_script_similarity(ru, en) < SAME_NAME


def test_table_reaches_what_transliteration_cannot():
    assert name_table().version == "1.1.0"
    assert cross_script_similarity("Киев", "Kyiv") == 1.0
    assert cross_script_similarity("Киев", "Kiev") == 1.0
    assert "Whelan" in " ".join(latin_forms("Пол Уилан"))


@pytest.mark.parametrize(("ru", "en"), [("США", "United States"), ("Соединённые Штаты", "US"), ("РФ", "Russia"),
                                        ("Украина", "Ukraine"), ("Евросоюз", "EU"), ("ООН", "United Nations")])
def test_one_alias_table_serves_story_entities(ru, en):
    from newsprism.comparison.entities import _is_place, _other_key

    # one key for both spellings, and a one-word Russian alias is never taken for a surname
    assert _other_key(ru, "GPE") == _other_key(en, "GPE")
    assert _is_place(ru.lower()) or " " in ru


def test_transliteration_both_ways():
    assert "Sergey Lavrov" in latin_forms("Сергей Лавров")
    assert to_cyrillic("Lavrov") == "Лавров"


def _article(aid, names):
    text = " ".join(n for n, _ in names)
    ents, pos = [], 0
    for k, (name, etype) in enumerate(names):
        start = text.index(name, pos)
        pos = start + len(name)
        art_span = Article(id=aid, text=text).span(start, pos)
        ents.append(Entity(f"{aid}:e{k}", name, etype, (name,), (Mention(art_span, etype, f"{aid}:e{k}"),)))
    return AnalyzedArticle(Article(id=aid, text=text, language="ru" if aid == "ru" else "en"), entities=tuple(ents))


def test_story_entities_join_across_scripts():
    ru = _article("ru", [("Энтони Блинкен", "PERSON"), ("Киев", "GPE"), ("Пол Уилан", "PERSON"), ("Пномпень", "GPE"),
                         ("Москва", "GPE"), ("Мария Захарова", "PERSON")])
    en = _article("en", [("Anthony Blinken", "PERSON"), ("Kyiv", "GPE"), ("Paul Whelan", "PERSON"),
                         ("Phnom Penh", "GPE"), ("Washington", "GPE"), ("Maria Zakharova", "PERSON")])
    entities, _ = resolve_entities([ru, en])
    joined = {frozenset(m.span.text for m in e.mentions) for e in entities}
    for pair in [("Энтони Блинкен", "Anthony Blinken"), ("Киев", "Kyiv"), ("Пол Уилан", "Paul Whelan"),
                 ("Пномпень", "Phnom Penh"), ("Мария Захарова", "Maria Zakharova")]:
        assert frozenset(pair) in joined, pair
    assert frozenset({"Москва"}) in joined and frozenset({"Washington"}) in joined


def test_yo_romanised_after_a_consonant_meets_its_usual_printed_e() -> None:
    from newsprism.comparison._names import surname_relation

    assert surname_relation("fyodorov", "fedorov") == "same"  # «Фёдоров», printed «Федоров»
    assert surname_relation("seleznyov", "seleznev") == "same"
    assert surname_relation("yolkin", "elkin") is None  # a word-initial "yo" is not a «ё» after a consonant


def test_a_russian_ministry_written_with_its_country_joins_its_english_name():
    # «МИД России» was two mentions («МИД», «России») and joined nothing; as one it is the table's entry.
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.comparison import with_story_entities
    from newsprism.ingest import article_from_text

    arts = [article_from_text("The Russian Foreign Ministry said on Friday that the envoy had been summoned.",
                              language="en"),
            article_from_text("МИД России в пятницу сообщил, что посол был вызван.", language="ru")]
    _, entities = with_story_entities(analyze_articles(arts, AnalyzeOptions(embeddings=False)))
    (ministry,) = [e for e in entities if e.type == "ORG"]
    assert {m.span.text for m in ministry.mentions} == {"Russian Foreign Ministry", "МИД России"}


def test_a_lone_russian_surname_joins_the_one_person_it_transliterates_to():
    # «Бамп» comes back as "Bamp": close to Bump, not equal; with two candidates it stays alone.
    ru = _article("ru", [("Бамп", "PERSON")])
    en = _article("en", [("Donald Bump", "PERSON"), ("Maria Zakharova", "PERSON")])
    entities, _ = resolve_entities([ru, en])
    joined = {frozenset(m.span.text for m in e.mentions) for e in entities}
    assert frozenset({"Бамп", "Donald Bump"}) in joined
    two = _article("en", [("Donald Bump", "PERSON"), ("Walter Bump", "PERSON")])
    entities, _ = resolve_entities([ru, two])
    assert frozenset({"Бамп"}) in {frozenset(m.span.text for m in e.mentions) for e in entities}
