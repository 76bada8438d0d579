"""Tests for newsprism.analysis.entities (spaCy en_core_web_sm, texts written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newsprism.analysis.entities import find_entities, person_for_surname
from newsprism.analysis.nlp import english
from newsprism.model import Article, Entity, article_id

TALKS = (
    "Kowalska Holds 'Tense' Talks With Norwegian Minister\n\n"
    "Polish Finance Minister Maria Kowalska met Norway's Trade Minister Lars Haugen in Oslo on Tuesday. "
    "Kowalska said the two governments agreed on a plan worth $3 billion. Haugen told reporters that "
    "Kowalska was frank. The U.S. welcomed the deal, and a spokesman for the United States said US firms "
    "would take part. Kowalska and Haugen will meet again. A Pentagon spokesman and the Kowalska "
    "Foundation declined to comment."
)
VISIT = (
    "Secretary of State Antony Blinken arrived in Berlin on Monday. Blinken met Germany's chancellor "
    "and later spoke to the Kremlin's envoy. Anthony Blinken, as some outlets spell him, said the "
    "talks were useful. Blinken's aide, the Kremlin and Britain's ambassador also spoke."
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return english()


def run(nlp: Any, text: str) -> tuple[Article, tuple[Entity, ...]]:
    article = Article(id=article_id(text), text=text)
    return article, find_entities(article, nlp(text))


def by_name(entities: tuple[Entity, ...], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [e.name for e in entities]
    return found[0]


def test_surname_mentions_join_the_full_name(nlp: Any) -> None:
    _, entities = run(nlp, TALKS)
    kowalska = by_name(entities, "Maria Kowalska")
    assert kowalska.type == "PERSON"
    assert kowalska.variants == ("Kowalska", "Maria Kowalska")
    # spaCy labels most lone "Kowalska"s ORG; they still join the person and carry PERSON.
    assert len(kowalska.mentions) == 5
    assert {m.type for m in kowalska.mentions} == {"PERSON"}
    haugen = by_name(entities, "Lars Haugen")
    assert [m.span.text for m in haugen.mentions] == ["Lars Haugen", "Haugen", "Haugen"]


def test_headline_run_on_is_cut_after_the_surname(nlp: Any) -> None:
    _, entities = run(nlp, TALKS)
    first = by_name(entities, "Maria Kowalska").mentions[0]
    assert (first.span.start, first.span.text) == (0, "Kowalska")
    assert not any("Holds" in v for e in entities for v in e.variants)


def test_an_org_named_after_a_person_stays_whole(nlp: Any) -> None:
    _, entities = run(nlp, TALKS)
    assert by_name(entities, "Kowalska Foundation").type == "ORG"
    assert by_name(entities, "Pentagon").type == "ORG"


def test_a_unit_named_after_a_person_is_no_entity(nlp: Any) -> None:
    _, entities = run(nlp, "Overnight it was almost -20 degrees Celsius, or about -4 degrees Fahrenheit, "
                           "Mayor Dana Kowalska told reporters.")
    assert not {"Fahrenheit", "Celsius"} & {e.name for e in entities}


def test_titles_are_stripped_and_departments_dropped(nlp: Any) -> None:
    _, entities = run(nlp, TALKS + " " + VISIT)
    texts = {m.span.text for e in entities for m in e.mentions}
    assert "Antony Blinken" in texts
    assert not any(word in t for t in texts for word in ("Minister", "Secretary"))
    assert not {"State", "Finance", "Trade"} & {e.name for e in entities}


def test_possessives_and_leading_the_are_stripped(nlp: Any) -> None:
    _, entities = run(nlp, VISIT)
    assert [m.span.text for m in by_name(entities, "Germany").mentions] == ["Germany"]
    assert [m.span.text for m in by_name(entities, "Kremlin").mentions] == ["Kremlin", "Kremlin"]
    blinken = by_name(entities, "Antony Blinken")
    assert all(not m.span.text.endswith(("'s", "’s")) for m in blinken.mentions)
    assert not any(m.span.text.lower().startswith("the ") for e in entities for m in e.mentions)


def test_us_abbreviations_are_one_place(nlp: Any) -> None:
    _, entities = run(nlp, TALKS)
    us = [e for e in entities if e.name == "United States"]
    assert len(us) == 1
    assert us[0].type == "GPE"
    assert us[0].variants == ("U.S.", "US", "United States")


def test_spelling_variants_of_a_first_name_are_one_person(nlp: Any) -> None:
    _, entities = run(nlp, VISIT)
    people = [e for e in entities if e.type == "PERSON"]
    assert len(people) == 1
    blinken = people[0]
    assert blinken.name == "Antony Blinken"  # as many words as "Anthony Blinken", seen first
    assert blinken.variants == ("Anthony Blinken", "Antony Blinken", "Blinken")
    assert len(blinken.mentions) == 4


def test_alias_gives_the_canonical_name(nlp: Any) -> None:
    _, entities = run(nlp, VISIT)
    assert by_name(entities, "United Kingdom").variants == ("Britain",)


@pytest.mark.parametrize("text", [TALKS, VISIT])
def test_spans_point_into_the_text(nlp: Any, text: str) -> None:
    article, entities = run(nlp, text)
    assert len(entities) >= 5
    for entity in entities:
        for mention in entity.mentions:
            assert mention.span.article_id == article.id
            assert mention.span.text == text[mention.span.start : mention.span.end]
            assert mention.span.text == mention.span.text.strip()
            assert mention.entity_id == entity.id
            assert mention.type == entity.type
            assert mention.span.text in entity.variants


def test_ids_follow_first_mentions(nlp: Any) -> None:
    article, entities = run(nlp, TALKS)
    assert [e.id for e in entities] == [f"{article.id}:e{n}" for n in range(1, len(entities) + 1)]
    firsts = [e.mentions[0].span.start for e in entities]
    assert firsts == sorted(firsts)
    for entity in entities:
        starts = [m.span.start for m in entity.mentions]
        assert starts == sorted(starts)
        assert list(entity.variants) == sorted(set(entity.variants))


def test_same_input_same_output(nlp: Any) -> None:
    assert run(nlp, TALKS) == run(nlp, TALKS)


def test_person_for_surname(nlp: Any) -> None:
    _, entities = run(nlp, TALKS)
    assert person_for_surname(entities, "Kowalska") == by_name(entities, "Maria Kowalska").id
    assert person_for_surname(entities, "haugen") == by_name(entities, "Lars Haugen").id
    assert person_for_surname(entities, "Oslo") is None
    assert person_for_surname(entities, "") is None


def test_person_for_surname_is_none_when_ambiguous(nlp: Any) -> None:
    _, entities = run(nlp, "Joe Biden and Jill Biden arrived in Paris on Monday.")
    bidens = [e for e in entities if e.type == "PERSON"]
    assert len(bidens) == 2
    assert person_for_surname(entities, "Biden") is None


def test_no_entities_in_plain_text(nlp: Any) -> None:
    assert run(nlp, "it rained all day and nobody went out.")[1] == ()


def test_a_doc_of_another_text_is_refused(nlp: Any) -> None:
    article = Article(id=article_id("one text"), text="one text")
    with pytest.raises(ValueError, match="not a parse"):
        find_entities(article, nlp("another text"))


def test_a_surname_shared_by_two_people_goes_to_the_first_introduced(nlp: Any) -> None:
    _, entities = run(nlp, "Joe Biden spoke first in Paris. Jill Biden spoke next. Later Biden left for Rome.")
    assert [m.span.text for m in by_name(entities, "Joe Biden").mentions] == ["Joe Biden", "Biden"]
    assert [m.span.text for m in by_name(entities, "Jill Biden").mentions] == ["Jill Biden"]


def test_a_surname_shared_by_two_people_goes_to_the_one_named_in_its_sentence(nlp: Any) -> None:
    text = "Joe Biden spoke first in Paris. Jill Biden arrived later, and Biden thanked the crowd."
    _, entities = run(nlp, text)
    assert [m.span.text for m in by_name(entities, "Jill Biden").mentions] == ["Jill Biden", "Biden"]


def test_honorific_spans_are_people(nlp: Any) -> None:
    text = "Bishop Daniel Okafor of Lagos spoke on Sunday. Bishop Okafor later met Mayor Ruth Alder."
    _, entities = run(nlp, text)
    okafor = by_name(entities, "Daniel Okafor")
    assert okafor.type == "PERSON"
    assert [m.span.text for m in okafor.mentions] == ["Daniel Okafor", "Okafor"]


def test_a_lone_first_name_joins_the_one_person_with_it(nlp: Any) -> None:
    text = "Maria Kowalska and her husband Jan Nowak arrived in Oslo on Friday. Maria waved while Nowak stayed inside."
    _, entities = run(nlp, text)
    assert by_name(entities, "Maria Kowalska").variants == ("Maria", "Maria Kowalska")
    assert by_name(entities, "Jan Nowak").variants == ("Jan Nowak", "Nowak")


# Datelines, credits and generic body nouns (issue #13); the places and agencies are made up
# except for real agency names, which is what datelines carry.
def types_of(entities: tuple[Entity, ...]) -> dict[str, str]:
    return {m.span.text: m.type for e in entities for m in e.mentions}


@pytest.mark.parametrize(("opening", "place"), [
    ("PINEVALE, Dec. 3 (Xinhua) -- ", "PINEVALE"),
    ("TOLVERN, Marsh Province -- ", "TOLVERN"),
    ("TOLVERN, Marsh Province/PINEVALE, Dec. 3 (Xinhua) -- ", "TOLVERN"),
    ("GLENMOOR (Reuters) - ", "GLENMOOR"),
])
def test_a_dateline_place_is_a_place_and_its_agency_an_org(nlp: Any, opening: str, place: str) -> None:
    # spaCy reads each of these capitalised places as an ORG.
    _, entities = run(nlp, opening + "Workers repaired the flooded road on Tuesday.")
    types = types_of(entities)
    assert types[place] == "GPE", types
    assert all(types.get(agency, "ORG") == "ORG" for agency in ("Xinhua", "Reuters"))


def test_a_capitalised_word_before_a_dash_alone_is_not_made_a_place(nlp: Any) -> None:
    _, entities = run(nlp, "NATO — Allies met in Brussels on Friday to discuss the budget.")
    assert types_of(entities).get("NATO") == "ORG"


def test_a_name_in_brackets_after_a_byline_name_is_its_agency(nlp: Any) -> None:
    # spaCy reads "(Xinhua)" after a person's name as a second person.
    _, entities = run(nlp, "Story by Li Wei (Xinhua)\n\nThe bridge reopened on Monday.")
    types = types_of(entities)
    assert types["Li Wei"] == "PERSON"
    assert types["Xinhua"] == "ORG"


def test_the_article_agency_is_never_a_person(nlp: Any) -> None:
    text = "Story by Li Wei (Xinhua)\n\nThe bridge reopened on Monday."
    article = Article(id=article_id(text), text=text, agency="Xinhua")
    assert {m.type for e in find_entities(article, nlp(text)) for m in e.mentions if m.span.text == "Xinhua"} == {"ORG"}


@pytest.mark.parametrize(("sentence", "generic"), [
    ("The county's Party chief visited the school on Monday.", "Party"),
    ("Two Party officials inspected the dam, the mayor said.", "Party"),
    ("The provincial Party committee met in Pinevale on Friday.", "Party"),
    ("A Government spokesman declined to comment on the report.", "Government"),
])
def test_a_lone_body_noun_before_a_role_is_no_organisation(nlp: Any, sentence: str, generic: str) -> None:
    _, entities = run(nlp, sentence)
    assert generic not in types_of(entities)


def test_named_parties_and_lone_proper_orgs_before_a_role_stay(nlp: Any) -> None:
    _, entities = run(nlp, "The Communist Party chief met a NATO spokesman and the Labour Party leader in Oslo.")
    types = types_of(entities)
    assert types.get("Communist Party") == "ORG"
    assert types.get("Labour Party") == "ORG"
    assert types.get("NATO") == "ORG"


def test_datelines_are_found_at_every_paragraph_start_and_split_into_place_and_agency() -> None:
    from newsprism._dateline import datelines

    text = ("Rain Hits Region\n\nTOLVERN, Marsh Province/PINEVALE, Dec. 3 (Xinhua) -- Rain fell.\n\n"
            "NATO — Allies met.\n\nGLENMOOR (Reuters) - Roads shut. Later, KELLSTON, Dec. 4 -- is not a dateline.")
    found = [(text[d.place[0]:d.place[1]], d.agency and text[d.agency[0]:d.agency[1]]) for d in datelines(text)]
    assert found == [("TOLVERN, Marsh Province/PINEVALE", "Xinhua"), ("GLENMOOR", "Reuters")]


def test_dateline_span_and_state_abbreviations() -> None:
    from newsprism._dateline import datelines, is_state_abbreviation

    text = "CONCORD, N.H. (AP) — The lake is safe.\n\nKeene, Vt. and Miss. Lee met in Wash. state."
    (dl,) = datelines(text)
    assert text[dl.span[0] : dl.span[1]] == "CONCORD, N.H. (AP) —"
    keene = text.index("Vt")
    assert is_state_abbreviation(text, keene, keene + 2)  # the period after it, left out by the tokenizer
    assert is_state_abbreviation(text, text.index("N.H."), text.index("N.H.") + 4)
    miss = text.index("Miss.")
    assert not is_state_abbreviation(text, miss, miss + 5)  # no comma before: a title
    wash = text.index("Wash.")
    assert not is_state_abbreviation(text, wash, wash + 5)


def test_a_facility_named_like_a_person_is_a_facility(nlp: Any) -> None:
    # spaCy reads these as people; the last word says what they are.
    _, entities = run(nlp, "Kimpo Airport has closed its runway. Tolbert Bridge was closed on Monday.")
    assert by_name(entities, "Kimpo Airport").type == "FAC"
    assert by_name(entities, "Tolbert Bridge").type == "FAC"


def test_a_ship_named_like_a_person_is_no_person(nlp: Any) -> None:
    _, entities = run(nlp, "The MV Delna Rose struck the pier at dawn. The USS Harlan Kent sailed on Monday.")
    assert not [e for e in entities if e.type == "PERSON" and ("Delna" in e.name or "Harlan" in e.name)]


def test_an_institutions_head_noun_alone_is_its_short_form(nlp: Any) -> None:
    _, entities = run(nlp, "The Harbour Corporation said the pier would close. The Corporation added that "
                           "repairs would take a year.")
    assert [len(e.mentions) for e in entities if e.name == "Harbour Corporation"] == [2]
    # With two such names, the short form could be either: it stays on its own.
    _, entities = run(nlp, "The Harbour Corporation and the Dock Corporation met. The Corporation said nothing.")
    assert {e.name for e in entities} >= {"Harbour Corporation", "Dock Corporation", "Corporation"}


def test_a_description_or_a_verb_opening_the_sentence_is_not_part_of_the_name(nlp: Any) -> None:
    # The tagger puts the capitalised first word of a sentence into the PERSON span.
    _, entities = run(nlp, "Opponent Vance Orlik conceded on Sunday. Conceding Orlik said he was sorry.")
    names = {e.name for e in entities if e.type == "PERSON"}
    assert names == {"Vance Orlik"}, names


def test_a_common_noun_opening_a_sentence_is_no_person(nlp: Any) -> None:
    text = ("Mayor Ines Berg won the vote on Sunday. Turnout was 61 percent, officials said, "
            "and turnout among young voters rose.")
    _, entities = run(nlp, text)
    assert "Turnout" not in {e.name for e in entities}
    # A surname opening a sentence stays a person when the text writes it as a name elsewhere.
    _, entities = run(nlp, "Berg thanked voters. Officials said Berg won and the turnout rose.")
    assert "Berg" in {e.name for e in entities if e.type == "PERSON"}


def test_the_town_a_mayor_or_residents_belong_to_is_a_place(nlp: Any) -> None:
    text = ('"We have never seen the river this high," said Ana Ribeiro, the mayor of Nazaré. '
            "Residents of Vilarinho were told to leave, and the governor of the Central Bank promised aid.")
    _, entities = run(nlp, text)
    assert by_name(entities, "Nazaré").type == "GPE"
    assert by_name(entities, "Vilarinho").type == "GPE"
    # A body's name stays the body's, whoever governs it.
    assert all(e.type != "GPE" for e in entities if "Bank" in e.name)


def test_a_ship_the_text_calls_one_is_no_person(nlp: Any) -> None:
    text = ("The Liberian-flagged Marisol struck the pier at dawn. The container ship Marisol had lost power, "
            "and Governor Ruth Baker said the crew had sent a mayday.")
    _, entities = run(nlp, text)
    assert all(e.type != "PERSON" for e in entities if e.name == "Marisol")
    assert by_name(entities, "Ruth Baker").type == "PERSON"


def test_a_name_the_text_calls_a_group_is_an_organisation(nlp: Any) -> None:
    # spaCy reads these one-word names as a person and a place.
    _, entities = run(nlp, "The Russian human rights group Golos won the award. The Kenyan rights group Muhuri "
                           "said the vote was fair, and Golos thanked voters.")
    assert by_name(entities, "Golos").type == "ORG"
    assert by_name(entities, "Muhuri").type == "ORG"


def test_a_double_surname_alone_read_as_an_organisation_is_the_person(nlp: Any) -> None:
    # spaCy labels the double surname alone an ORG; it is the jury chair named in full before.
    _, entities = run(nlp, "Jørgen Vatne Hystad, chair of the jury, spoke on Friday. Vatne Hystad said the award "
                           "was made to the group.")
    person = by_name(entities, "Jørgen Vatne Hystad")
    assert person.type == "PERSON" and len(person.mentions) == 2
    assert "Vatne Hystad" not in {e.name for e in entities}


def test_a_name_the_tagger_cut_one_word_short_is_whole(nlp: Any) -> None:
    _, entities = run(nlp, "South Korea’s National Assembly defied President Yoon Suk Yeol on Wednesday.")
    assert "Yoon Suk Yeol" in {e.name for e in entities if e.type == "PERSON"}


def test_an_office_and_its_holder_read_as_one_organisation_are_split(nlp: Any) -> None:
    text = ("National Assembly Speaker Woo Won Shik declared the move a stand for democracy. "
            "\"We will protect democracy with the people,\" Woo said.")
    _, entities = run(nlp, text)
    assert by_name(entities, "Woo Won Shik").type == "PERSON"
    assert by_name(entities, "National Assembly").type == "ORG"
    # A body's name with a rank in it stays the body's.
    _, entities = run(nlp, "General Electric Company said it would cut jobs.")
    assert "Electric Company" not in {e.name for e in entities if e.type == "PERSON"}
