"""Quotations, direct and reported: small articles written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from newsprism.analysis._quote_marks import find_quoted
from newsprism.analysis.nlp import english
from newsprism.analysis.quotes import find_quotes
from newsprism.model import Article, Entity, Mention, Quote, article_id


def _entities(article: Article, doc: Any) -> list[Entity]:
    """Group spaCy entities by their last word: enough for "Ruth Baker" ... "Baker" in a test."""
    groups: dict[str, list[Any]] = {}
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            groups.setdefault(ent.text.split()[-1], []).append(ent)
    out = []
    for n, ents in enumerate(groups.values()):
        eid = f"{article.id}:e{n}"
        label = "PERSON" if any(e.label_ == "PERSON" for e in ents) else ents[0].label_
        mentions = tuple(Mention(article.span(e.start_char, e.end_char), label, eid) for e in ents)
        out.append(Entity(eid, max((e.text for e in ents), key=len), label, (), mentions))
    return out


def _quotes(text: str, with_entities: bool = True) -> tuple[Article, list[Entity], tuple[Quote, ...]]:
    article = Article(article_id(text), text)
    doc = english()(text)
    entities = _entities(article, doc) if with_entities else []
    quotes = find_quotes(article, doc, entities)
    for n, q in enumerate(quotes):
        assert q.id == f"{article.id}:q{n}"
        for span in (q.content, q.speaker, q.cue):
            if span is not None:
                assert span.article_id == article.id
                assert span.text == text[span.start : span.end]
    assert [q.content.start for q in quotes] == sorted(q.content.start for q in quotes)
    return article, entities, quotes


def _entity_named(entities: list[Entity], word: str) -> str:
    return next(e.id for e in entities if word in e.name)


def _only(quotes: tuple[Quote, ...], kind: str) -> Quote:
    found = [q for q in quotes if q.kind == kind]
    assert len(found) == 1, quotes
    return found[0]


def test_straight_quotes_with_speaker_and_cue() -> None:
    _, entities, quotes = _quotes('"We will not back down," Maria Lopez said on Tuesday.')
    q = _only(quotes, "direct")
    assert q.content.text == "We will not back down"
    assert q.speaker is not None and q.speaker.text == "Maria Lopez"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker_entity == _entity_named(entities, "Lopez")


def test_curly_quotes_with_inverted_cue() -> None:
    _, _, quotes = _quotes("“The bridge will reopen in May,” said Tom Harris, the city engineer.")
    q = _only(quotes, "direct")
    assert q.content.text == "The bridge will reopen in May"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text.startswith("Tom Harris")


def test_guillemets() -> None:
    _, _, quotes = _quotes("The mayor, Anna Petrova, said: «We will rebuild the school before winter.»")
    q = _only(quotes, "direct")
    assert q.content.text == "We will rebuild the school before winter."
    assert q.speaker is not None and "Anna Petrova" in q.speaker.text


def test_quote_across_sentences_and_paragraphs_newspaper_style() -> None:
    text = ("Finance Minister Ruth Baker spoke for an hour.\n\n"
            "“The budget is balanced for the first time in a decade. Nobody expected it.\n\n"
            "“We did it without raising taxes,” she said.")
    _, entities, quotes = _quotes(text)
    q = _only(quotes, "direct")
    assert q.content.text.startswith("The budget is balanced")
    assert q.content.text.endswith("We did it without raising taxes")
    assert "\n\n" in q.content.text
    assert q.speaker is not None and q.speaker.text == "she"
    assert q.speaker_entity == _entity_named(entities, "Baker")


def test_reported_speech_said_that() -> None:
    _, entities, quotes = _quotes("Ruth Baker said that the budget was balanced.")
    q = _only(quotes, "reported")
    assert q.content.text == "that the budget was balanced"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker_entity == _entity_named(entities, "Baker")


def test_reported_speech_told_reporters() -> None:
    _, _, quotes = _quotes("Ruth Baker told reporters the plan would pass next week.")
    q = _only(quotes, "reported")
    assert q.cue is not None and q.cue.text == "told reporters"
    assert q.content.text == "the plan would pass next week"


def test_reported_speech_according_to() -> None:
    _, _, quotes = _quotes("The factory will close next year, according to the company.")
    q = _only(quotes, "reported")
    assert q.cue is not None and q.cue.text == "according to"
    assert q.speaker is not None and q.speaker.text == "the company"
    assert q.content.text == "The factory will close next year"


def test_reported_speech_declined_to() -> None:
    _, _, quotes = _quotes("A company spokesman declined to comment on the report.")
    q = _only(quotes, "reported")
    assert q.cue is not None and q.cue.text == "declined"
    assert q.content.text == "to comment on the report"
    assert q.speaker is not None and q.speaker.text == "A company spokesman"


def test_reported_speech_with_trailing_cue() -> None:
    _, _, quotes = _quotes("The talks were useful and will continue in June, Baker said.")
    q = _only(quotes, "reported")
    assert q.content.text == "The talks were useful and will continue in June"
    assert q.speaker is not None and q.speaker.text == "Baker"


def test_pronoun_resolves_to_the_last_person() -> None:
    text = "Oliver Grant arrived in Paris on Monday. He said the talks would continue."
    _, entities, quotes = _quotes(text)
    q = _only(quotes, "reported")
    assert q.speaker is not None and q.speaker.text == "He"
    assert q.speaker_entity == _entity_named(entities, "Grant")


def test_description_resolves_to_the_person_it_describes() -> None:
    text = ("Mayor Lisa Chen opened the new bridge on Saturday.\n\n"
            "The mayor said the bridge would ease traffic in the old town.")
    _, entities, quotes = _quotes(text)
    q = _only(quotes, "reported")
    assert q.speaker is not None and q.speaker.text == "The mayor"
    assert q.speaker_entity == _entity_named(entities, "Chen")


def test_role_description_prefers_the_last_quoted_speaker() -> None:
    text = ("“We had a frank conversation,” Oliver Grant told reporters.\n\n"
            "The talks followed a visit by Karen Moss to Berlin.\n\n"
            "The top diplomat said he would travel to Rome next week.")
    _, entities, quotes = _quotes(text)
    q = next(q for q in quotes if q.speaker is not None and q.speaker.text == "The top diplomat")
    assert q.speaker_entity == _entity_named(entities, "Grant")


def test_pronoun_without_entities_is_unresolved() -> None:
    _, _, quotes = _quotes("He said the talks would continue.", with_entities=False)
    q = _only(quotes, "reported")
    assert q.speaker is not None and q.speaker.text == "He"
    assert q.speaker_entity is None


def test_scare_quotes_are_not_quotations() -> None:
    _, _, quotes = _quotes("The “reform” package passed the senate on Monday after a long night.")
    assert quotes == ()


def test_quoted_words_inside_reported_speech_stay_reported() -> None:
    text = "Baker said the opposition was staging “sham hearings” to delay the vote."
    _, _, quotes = _quotes(text)
    q = _only(quotes, "reported")
    assert q.content.text == "the opposition was staging “sham hearings” to delay the vote"


def test_described_as_frank_is_reported() -> None:
    _, _, quotes = _quotes("Grant described the conversation as “frank” and “direct.”")
    q = _only(quotes, "reported")
    assert q.cue is not None and q.cue.text == "described"
    assert "“frank”" in q.content.text


def test_standalone_quote_paragraph_continues_the_previous_speaker() -> None:
    text = ("“We are ready,” Ruth Baker said.\n\n"
            "“The first payments go out in March and nobody will wait longer than that.”")
    _, entities, quotes = _quotes(text)
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert quotes[1].speaker == quotes[0].speaker
    assert quotes[1].speaker_entity == _entity_named(entities, "Baker")


def test_apostrophes_are_not_quote_marks() -> None:
    text = "Grant’s aides didn’t attend the leaders’ summit in the ’90s, and it's over."
    assert find_quoted(text) == []


def test_single_quotes_in_a_headline() -> None:
    text = "Baker: 'We will not raise taxes'"
    spans = find_quoted(text)
    assert [text[q.start : q.end] for q in spans] == ["We will not raise taxes"]


@pytest.mark.parametrize(("text", "expected"), [
    ("He said ”this and then left the room.\n\nA second paragraph goes on for a while.", []),
    ('A stray " mark here.\n\nThen a normal paragraph.\n\n"Quoted words," she said.', [("direct", "Quoted words")]),
    ("“Never closed at all and the article goes on.\n\nAnd on.\n\nAnd on.", []),
    ("”", []),
    ("“", []),
    ("", []),
    ("« »", []),
    ("'' ''", []),
])
def test_unbalanced_marks_neither_crash_nor_swallow(text: str, expected: list[tuple[str, str]]) -> None:
    # A mark that opens or closes nothing quotes nothing; the one real quotation is found whole and
    # does not reach back to the stray mark.
    _, _, quotes = _quotes(text)
    assert [(q.kind, q.content.text) for q in quotes] == expected


def test_stray_mark_does_not_swallow_the_article() -> None:
    text = ('Ruth Baker said the plan, ”approved last week, would cost less.\n\n'
            'The opposition disagreed with the figures.\n\n'
            '"It is a fantasy budget," said Tom Harris.')
    _, _, quotes = _quotes(text)
    direct = _only(quotes, "direct")
    assert direct.content.text == "It is a fantasy budget"
    assert all("opposition disagreed" not in q.content.text for q in quotes)


def test_description_prefers_the_name_it_was_introduced_with() -> None:
    text = ("Government spokesman Daniel Novak met the press on Monday.\n\n"
            "Oliver Grant said the talks would go on.\n\n"
            "The spokesman said the meeting had been postponed.")
    _, entities, quotes = _quotes(text)
    q = next(q for q in quotes if q.speaker is not None and q.speaker.text == "The spokesman")
    assert q.speaker_entity == _entity_named(entities, "Novak")


def test_second_quote_after_the_tag_in_one_paragraph_keeps_the_speaker() -> None:
    # "“A,” X said in a statement announcing Y. “B ...": the parse keeps "said ... Y. “B" in one
    # sentence, hangs B's closing mark on the next sentence and reads "a statement announcing"
    # as reported speech; B is still X's.
    text = ("Teachers condemn cuts\n\nThe teachers' union adopted a resolution on Tuesday.\n\n"
            '"We take no issue with the council. We believe in open budgets and people raising their voices '
            'in a democracy," the union president Ruth Baker said in a written statement announcing the '
            'unanimous vote. "What we take issue with is the council\'s continued tolerance for waste and '
            'wasteful contracts.\n\n"The time has come for them to accept the responsibility that comes with '
            'office and make clear there is no place for waste in their budget."\n\n'
            "Union leaders have referenced a contract signed in March.")
    _, entities, quotes = _quotes(text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.content.text[:7] for q in direct] == ["We take", "What we"]
    assert direct[1].content.text.endswith("in their budget.")  # the quote runs on a paragraph
    baker = _entity_named(entities, "Baker")
    assert all(q.speaker_entity == baker for q in direct), direct
    for q in quotes:  # the headline's verb reports nothing from the next paragraph
        if q.kind == "reported" and q.cue is not None:
            assert "\n" not in text[min(q.cue.start, q.content.start) : max(q.cue.end, q.content.end)], q


def test_a_speaker_tag_split_off_after_a_question_names_the_speaker() -> None:
    # The parse splits "...?” Walsh asked." after the question mark: the tag is still the
    # quotation's attribution, not the previous speaker's.
    text = ("The mayor, Ruth Baker, said the vote would wait until June.\n\n"
            "\"Does she stand with the families or with the developers who want the plan approved?\" "
            "Walsh asked.")
    _, entities, quotes = _quotes(text)
    direct = _only(quotes, "direct")
    assert direct.speaker is not None and direct.speaker.text == "Walsh"
    assert direct.speaker_entity != _entity_named(entities, "Baker")


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), [
    ("The Baltic Seismic Survey put the magnitude at 6.1, and residents felt it for seconds.",
     "The Baltic Seismic Survey", "the magnitude at 6.1", "put"),
    ("Police estimated the crowd at about 2,000 on Saturday.", "Police", "the crowd at about 2,000", "estimated"),
    ("Maria Lindqvist, the county fire chief, put the burned area at 300 acres.",
     "Maria Lindqvist, the county fire chief", "the burned area at 300 acres", "put"),
    ("The health ministry gave the number of injured as 45.", "The health ministry",
     "the number of injured as 45", "gave"),
    ("Insurers placed the damage at $4 million.", "Insurers", "the damage at $4 million", "placed"),
])
def test_putting_a_thing_at_a_number_is_a_reported_measurement(text: str, speaker: str, content: str,
                                                              cue: str) -> None:
    _, _, quotes = _quotes(text)
    q = _only(quotes, "reported")
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.content.text == content
    assert q.cue is not None and q.cue.text == cue


@pytest.mark.parametrize("text", [
    "She put the book at the top of the shelf.",
    "Firefighters put out the blaze at 3 a.m.",
    "The courier placed the parcel at 12 Elm Street.",
    "He gave the keys to his neighbour.",
])
def test_putting_a_thing_somewhere_is_no_report(text: str) -> None:
    assert _quotes(text)[2] == ()


def test_two_measurements_in_one_sentence_each_have_their_source() -> None:
    text = "The coroner's office put the death toll at 12, while a local group estimated it at 20."
    _, _, quotes = _quotes(text)
    got = [(q.speaker.text if q.speaker else None, q.content.text) for q in quotes]
    assert got == [("The coroner's office", "the death toll at 12"), ("a local group", "it at 20")]


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("MONTPELIER, Vt. (AP) — The governor said the bridge will reopen in May.",
     "The governor", "the bridge will reopen in May"),
    ("BURLINGTON, Vt. (AP) — A judge on Monday declined to block the law.", "A judge", "to block the law"),
    ("CONCORD, N.H. (AP) — Police said a man was arrested after a chase.",
     "Police", "a man was arrested after a chase"),
    ("DOVER, Del. (AP) — A small plane landed on a highway, officials said.",
     "officials", "A small plane landed on a highway"),
])
def test_a_dateline_is_never_the_speaker_nor_part_of_what_is_said(text: str, speaker: str, content: str) -> None:
    _, _, quotes = _quotes(text)
    q = _only(quotes, "reported")
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.content.text == content
    assert q.speaker_entity is None  # no entity of the dateline (place, state, agency) stands in


def test_a_quotation_after_a_dateline_is_direct() -> None:
    text = 'CONCORD, N.H. (AP) — "It was a long night," said the mayor, Tom Ellery.'
    _, entities, quotes = _quotes(text)
    q = _only(quotes, "direct")
    assert q.content.text == "It was a long night"
    assert q.speaker_entity == _entity_named(entities, "Ellery")


def test_a_pronoun_does_not_refer_to_the_dateline() -> None:
    text = ("CONCORD, N.H. (AP) — A man was arrested after a chase on Tuesday. It said the chase lasted an hour.\n\n"
            "They said testing would continue.")
    _, entities, quotes = _quotes(text)
    assert {"AP", "N.H.", "CONCORD"} <= {e.name for e in entities}
    assert len(quotes) == 2
    assert all(q.speaker_entity is None for q in quotes), quotes


def test_a_state_abbreviation_in_an_address_is_never_a_speaker() -> None:
    text = "Voters in Keene, N.H., were tired of the ads. It said the turnout would be low."
    _, entities, quotes = _quotes(text)
    state = next(e.id for e in entities if e.name == "N.H.")
    q = _only(quotes, "reported")
    assert q.speaker is not None and q.speaker.text == "It"
    assert q.speaker_entity != state  # the nearest place before "It" is the state: skipped


@pytest.mark.parametrize(("text", "speaker"), [
    ("Governor Mary Lopez's policy adviser, John Miller, told reporters that the talks went well.", "Miller"),
    ("Governor Mary Lopez's adviser John Miller told reporters that the talks went well.", "Miller"),
    ("Governor Mary Lopez's spokesman told reporters that the talks went well.", None),
])
def test_a_possessor_in_the_speaker_phrase_is_not_the_speaker(text: str, speaker: str | None) -> None:
    _, entities, quotes = _quotes(text)
    (q,) = quotes
    assert q.speaker_entity == (_entity_named(entities, speaker) if speaker else None)


def test_an_open_question_is_nobodys_words_what_is_asked_is() -> None:
    _, _, quotes = _quotes("Ruth Baker will announce on Monday whether she plans to resign or ignore the critics.")
    assert not [q for q in quotes if q.kind == "reported"]
    _, entities, quotes = _quotes("Ruth Baker asked whether the budget was balanced.")
    q = _only(quotes, "reported")
    assert "budget was balanced" in q.content.text and q.speaker_entity == _entity_named(entities, "Baker")


def test_a_noun_of_saying_reports_its_that_clause() -> None:
    _, _, quotes = _quotes("The council met, despite claims from the Harbor Union that the vote was a sham.")
    q = _only(quotes, "reported")
    assert q.content.text == "that the vote was a sham"
    assert q.speaker is not None and "Harbor Union" in q.speaker.text
    _, _, quotes = _quotes("Ruth Baker's accusation that the mayor lied drew scorn.")
    q = _only(quotes, "reported")
    assert q.content.text == "that the mayor lied" and q.speaker is not None and q.speaker.text == "Ruth Baker"
    _, _, quotes = _quotes("The claim was rejected by the court.")  # no clause: nothing said here
    assert not quotes


def test_reported_content_runs_over_a_clause_the_parser_split() -> None:
    _, _, quotes = _quotes("Ruth Baker said claims that the port was unsafe were false and absurd.")
    said = [q for q in quotes if q.cue is not None and q.cue.text == "said"]
    assert len(said) == 1 and said[0].content.text.endswith("were false and absurd")


def test_an_organisations_spokesperson_speaks_for_it_not_for_the_last_person_named() -> None:
    _, entities, quotes = _quotes("Pilot Genki Mori escaped on Tuesday. Five of the crew are missing, "
                                  "a Coast Guard spokesperson said.")
    q = _only(quotes, "reported")
    assert q.speaker_entity == _entity_named(entities, "Coast Guard")
    # A person introduced with that title and organisation is the one speaking; another
    # organisation's spokesman is not.
    _, entities, quotes = _quotes("Harbor Police spokesman Ned Price spoke first. Mayor Anna Lund arrived later. "
                                  "The talks were frank, a Harbor Police spokesman said.")
    assert _only(quotes, "reported").speaker_entity == _entity_named(entities, "Price")
    _, entities, quotes = _quotes("Harbor Police spokesman Ned Price spoke first. "
                                  "The talks were frank, a White House spokesman said.")
    assert _only(quotes, "reported").speaker_entity == _entity_named(entities, "White House")
    _, entities, quotes = _quotes("Ruth Baker spoke on Monday. The senator vying for the Harbor Party nomination "
                                  "said the port was unsafe.")
    assert _only(quotes, "reported").speaker_entity != _entity_named(entities, "Harbor Party")


def test_an_indefinite_description_is_someone_not_named() -> None:
    # "a U.S. official" introduces a new, unnamed person: not the last person quoted.
    _, entities, quotes = _quotes('"We are ready," Ruth Baker said. The talks were frank, an official told reporters.')
    said = [q for q in quotes if q.speaker is not None and q.speaker.text == "an official"]
    assert len(said) == 1 and said[0].speaker_entity is None
    _, entities, quotes = _quotes('"We are ready," Ruth Baker said. The talks were frank, the official told reporters.')
    said = [q for q in quotes if q.speaker is not None and q.speaker.text == "the official"]
    assert len(said) == 1 and said[0].speaker_entity == _entity_named(entities, "Baker")


def test_a_pronoun_after_an_unnamed_subject_is_not_the_last_person_named() -> None:
    # The "he" is the foreperson, whom the story never names: no speaker beats the wrong one.
    text = ("Oliver Grant sat at the defence table on Thursday.\n\n"
            "The jury foreperson stood to read the verdict.\n\n"
            "“Guilty,” he said of the first charge.")
    _, _, quotes = _quotes(text)
    q = next(q for q in quotes if q.content.text.startswith("Guilty"))
    assert q.speaker is not None and q.speaker.text == "he"
    assert q.speaker_entity is None


def test_a_pronoun_after_a_described_named_person_stays_theirs() -> None:
    text = ("Mayor Lisa Chen opened the new bridge on Saturday.\n\n"
            "The mayor cut the ribbon before a small crowd.\n\n"
            "“It is a great day for the town,” she said.")
    _, entities, quotes = _quotes(text)
    q = next(q for q in quotes if q.content.text.startswith("It is"))
    assert q.speaker_entity == _entity_named(entities, "Chen")


def test_a_particle_verb_is_no_cue_and_a_passive_cue_has_no_subject_speaker() -> None:
    text = ("Commander Anna Vell called off the march on Saturday. The fighters had agreed to stop, and "
            "they were promised “security guarantees.”")
    _, _, quotes = _quotes(text)
    assert not any(q.cue is not None and q.cue.text.startswith("called") for q in quotes)
    promised = [q for q in quotes if q.cue is not None and q.cue.text == "promised"]
    assert all(q.speaker is None and q.speaker_entity is None for q in promised)


def test_a_description_never_names_a_person_across_a_sentence_end() -> None:
    # "the commission" is named before "Opponent Hal Orlik" only across a full stop: not his title.
    text = ("Ines Berg won the vote on Sunday, the election commission said.\n\n"
            "Opponent Hal Orlik conceded defeat. Turnout was high, the commission said.")
    _, _, quotes = _quotes(text)
    last = next(q for q in quotes if q.content.text.startswith("Turnout"))
    assert last.speaker is not None and last.speaker.text == "the commission"
    assert last.speaker_entity is None


@pytest.mark.parametrize("text, speaker, content_start", [
    # The outlet reports; its sources are where it got it: one quotation, the outlet's.
    ("The Daily Courier, citing two unnamed officials, reported that the plant would close in March.",
     "The Daily Courier", "that the plant"),
    # With no reporting verb of its own, "citing" gives the sources their clause.
    ("The plant will close in March, citing two company officials.", None, "The plant"),
])
def test_citing_sources_inside_a_report_is_no_second_quotation(text: str, speaker: str | None,
                                                              content_start: str) -> None:
    _, _, quotes = _quotes(text)
    assert len(quotes) == 1
    (q,) = quotes
    assert q.content.text.startswith(content_start)
    if speaker is not None:
        assert q.speaker is not None and q.speaker.text == speaker


def test_what_is_called_for_includes_the_infinitive_that_follows() -> None:
    text = ("Rivers faced up to 80 years, but prosecutors had called for Judge Ann Porter to sentence Rivers to "
            "between 20 and 30 years in prison. The union has called for a repeal of the law.")
    _, _, quotes = _quotes(text)
    contents = [q.content.text for q in quotes if q.kind == "reported"]
    assert "Judge Ann Porter to sentence Rivers to between 20 and 30 years in prison" in contents
    assert "a repeal of the law" in contents


@pytest.mark.parametrize("thing, person, speaker", [
    ("The arrest of the driver threatens to stoke fears in the town.",
     "The minister threatened to resign over the depot.", "The minister"),
    ("This promises to be a long night for the rescue teams.",
     "Ruth Baker promised to reopen the library by spring.", "Ruth Baker"),
    ("The closure of the bridge threatens to cut off the island for weeks.",
     "The government threatened to expel the envoy.", "The government"),
    ("It threatens to rain on the parade route by noon.",
     "The union threatened to strike at the depot by noon.", "The union"),
])
def test_a_thing_or_an_event_that_threatens_or_promises_says_nothing(thing: str, person: str, speaker: str) -> None:
    _, _, quotes = _quotes(thing)
    assert not quotes, quotes
    # Someone who threatens or promises to act is reported.
    _, _, quotes = _quotes(person)
    q = _only(quotes, "reported")
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.content.text.startswith("to ")


def test_claiming_responsibility_for_an_attack_is_an_act_not_words() -> None:
    for text in ("A little-known group claimed responsibility for the bombing of the depot on Friday.",
                 "The militia claimed credit for the knife attack in the old market overnight."):
        _, _, quotes = _quotes(text)
        assert not quotes, (text, quotes)
    # Said of it, the claim is the report's content; the claim's own object is no quotation.
    _, _, quotes = _quotes("Police said the group claimed responsibility for the fire near the station.")
    assert [(q.speaker.text if q.speaker else None, q.content.text) for q in quotes] == [
        ("Police", "the group claimed responsibility for the fire near the station")]


def test_a_role_is_not_given_to_a_person_the_text_calls_something_else() -> None:
    text = ('"He was not a cold-blooded schemer," defence lawyer Mark Hollis said. Judge Ruth Baker disagreed. '
            "She listed three lies Tom Rivers told at trial, including one in which the executive claimed he "
            "learned of the missing funds only days before the collapse.")
    _, entities, quotes = _quotes(text)
    q = next(q for q in quotes if q.cue is not None and q.cue.text == "claimed")
    assert q.speaker_entity != _entity_named(entities, "Hollis")  # the lawyer quoted last is no executive
    assert q.speaker_entity == _entity_named(entities, "Rivers")


def test_an_inverted_tag_whose_speaker_the_parser_reads_as_an_object() -> None:
    # In "...,” added the chairman of the jury." the small parser takes "the chairman" for the
    # object of "added"; the quotation is still the chairman's, and so is the one before it.
    text = ("The prize went to the cooperative, said the chairman of the jury, Halvor Strand. "
            "“No jury has been this united in years,” noted the chairman. “This prize rewards patience. "
            "And we all owe the farmers a debt,” added the chairman of the jury.")
    _, _, quotes = _quotes(text)
    last = [q for q in quotes if "owe the farmers" in q.content.text]
    assert len(last) == 1 and last[0].speaker is not None
    assert last[0].speaker.text == "the chairman of the jury"


def test_a_family_name_printed_first_gives_the_speaker() -> None:
    # "Woo" is the family name of "Woo Won Shik": the first word, not the last.
    from newsprism.analysis.entities import find_entities

    text = ("National Assembly Speaker Woo Won Shik urged the troops to withdraw. "
            "\"We will protect democracy with the people,\" Woo said during a televised address.")
    article = Article(article_id(text), text)
    doc = english()(text)
    entities = find_entities(article, doc)
    woo = next(e for e in entities if e.name == "Woo Won Shik")
    quotes = find_quotes(article, doc, entities)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].speaker_entity == woo.id
