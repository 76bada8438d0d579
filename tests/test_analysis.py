"""The analysis runner: what it refuses, and that a refused article does not stop the batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.errors import InputError
from newsprism.ingest import article_from_text
from newsprism.pipeline import analyze

NO_EMBEDDINGS = AnalyzeOptions(embeddings=False)
SENTENCE = "The council met on Monday and voted to close the bridge for repairs until spring. "


def test_an_article_longer_than_the_parser_reads_is_an_input_error(tmp_path: Path) -> None:
    # Found while writing the long-line inputs of tests/test_fuzz.py: a 1 MB text file passes the
    # 10 MB input limit, and spaCy then refused it with its own message about memory and max_length.
    long_text = SENTENCE * 12_500  # 1,025,000 characters; 1,024,999 once the last space is trimmed
    with pytest.raises(InputError, match="1,024,999 characters is more than analysis reads"):
        analyze_articles([article_from_text(long_text, origin="book.txt")], NO_EMBEDDINGS)
    (tmp_path / "book.txt").write_text(long_text, encoding="utf-8")
    (tmp_path / "short.txt").write_text(SENTENCE, encoding="utf-8")
    batch = analyze([tmp_path / "book.txt", tmp_path / "short.txt"], options=NO_EMBEDDINGS)
    assert [aa.article.origin for aa in batch] == [str(tmp_path / "short.txt")]
    (err,) = batch.errors
    assert isinstance(err, InputError) and str(err).startswith(f"{tmp_path / 'book.txt'}: 1,024,999 characters")
    assert "\n" not in str(err) and "E088" not in str(err)


def test_a_sentence_cut_inside_a_name_is_joined_again() -> None:
    # spaCy ends a sentence after a surname-like first word at a paragraph's start; the piece
    # has no closing punctuation and the next starts on the same line: one sentence.
    text = ("The railway authority has suspended trains through the area.\n\n"
            "Hu Changsheng, Party chief of the province, and Ren Zhenhe, its governor, have rushed "
            "to the disaster area.\n\nHu arrived first.")
    aa = analyze_articles([article_from_text(text)], AnalyzeOptions(embeddings=False))[0]
    assert [s.span.text.split()[0] for s in aa.statements] == ["The", "Hu", "Hu"]
    assert aa.statements[1].span.text.endswith("to the disaster area.")


def test_subheads_credits_and_byline_lines_are_kept_in_the_text_but_are_no_statements() -> None:
    text = ("The quake struck the coast at dawn.\n\nRescues and looting near the epicenter\n\n"
            "REUTERS/Jane Roe/File Photo\n\nBy The Associated Press, updated 9:40 p.m.\n\n"
            "By publishing the list, the ministry broke its own rule.\n\nTroops arrived on Sunday.")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    assert [st.span.text for st in aa.statements] == [
        "The quake struck the coast at dawn.", "By publishing the list, the ministry broke its own rule.",
        "Troops arrived on Sunday."]
    assert "Rescues and looting near the epicenter" in aa.article.text  # kept, offsets unchanged
    assert len({st.id for st in aa.statements}) == 3


def test_a_quoted_crosshead_is_kept_in_the_text_but_is_no_statement() -> None:
    # A page sets a quotation from the report as its crosshead, alone in its paragraph and wholly in
    # quotation marks; a quoted sentence with a speaker, or one closed by its full stop, is said.
    text = ("The committee gave the peace award to the harbour workers' union on Friday.\n\n"
            "“Keep the promise”\n\n"
            "The chair said governments that signed the treaty must keep their word.\n\n"
            "«Tenir parole»\n\n"
            "“We will keep working,” the union's leader said.\n\n"
            "“We will keep working.”\n\n"
            "“The award belongs to every docker who kept the ships moving through the worst years of the war”\n\n"
            "The ceremony is held in December.")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    stated = [st.span.text for st in aa.statements]
    assert "“Keep the promise”" not in stated and "«Tenir parole»" not in stated
    assert "“Keep the promise”" in aa.article.text  # kept, offsets unchanged
    for said in ("“We will keep working,” the union's leader said.", "“We will keep working.”",
                 "“The award belongs to every docker who kept the ships moving through the worst years of the war”"):
        assert said in stated, said
    assert len(stated) == 6


def test_bracketed_asides_and_update_notes_are_no_statements() -> None:
    text = ("The quake struck the coast at dawn.\n\n(Read more Chile stories.)\n\n( The Harbor Times )\n\n"
            "(2nd UPDATE)\n\nUpdated with new details.\n\nTroops arrived on Sunday.\n\n"
            "(The mayor, who was elected in 2019 on a promise to rebuild the harbour, did not comment.)\n\n"
            "Updates from the ministry came every hour.")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    assert [st.span.text for st in aa.statements] == [
        "The quake struck the coast at dawn.", "Troops arrived on Sunday.",
        "(The mayor, who was elected in 2019 on a promise to rebuild the harbour, did not comment.)",
        "Updates from the ministry came every hour."]
    # Glued to a paragraph's end or opening a sentence, the same asides are the page's too.
    glued = ('Passengers ran. "It was chaos." Updated with new details. (Read more Chile stories.)\n\n'
             "(2nd UPDATE) The coast guard says the ferry was headed north. (The captain did not comment.)\n\n"
             "(The mayor declined to comment.)")
    aa = analyze_articles([article_from_text(glued)], NO_EMBEDDINGS)[0]
    assert [st.span.text for st in aa.statements] == [
        "Passengers ran.", '"It was chaos."', "The coast guard says the ferry was headed north.",
        "(The captain did not comment.)", "(The mayor declined to comment.)"]  # the report's own asides stay


def test_a_bare_speaker_tag_after_a_quotation_belongs_to_it() -> None:
    # The parser ends the sentence at the quotation's own "?" or "!"; the tag is its attribution,
    # not a statement of its own. A tag that says something ("He said the plan was good.") stays.
    text = ("The senators met on Tuesday to debate the bill.\n\n"
            "“Where is the money?” Senator Ada Quist asked. He did not wait for an answer.\n\n"
            "“We will win!” the mayor wrote on Twitter.\n\n“Fine.” He said the plan was good.\n\n"
            "“Why did you not act?” Mrs. Quist said, her voice rising.")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    spans = [st.span.text for st in aa.statements]
    assert "“Where is the money?” Senator Ada Quist asked." in spans
    assert "“We will win!” the mayor wrote on Twitter." in spans
    assert "“Why did you not act?” Mrs. Quist said, her voice rising." in spans  # an aside is still a tag
    assert "He said the plan was good." in spans and "He did not wait for an answer." in spans
    asked = next(st for st in aa.statements if st.span.text.startswith("“Where"))
    assert asked.kind in ("quote", "reported") and asked.speaker is not None


def test_a_quotation_of_several_sentences_inside_reported_speech_is_the_speakers() -> None:
    text = ("The campaign answered within the hour.\n\n"
            'Its statement came after Ada Quist told voters that the plan is "not about you. It is not about '
            'your jobs. It is about some empty ideal."\n\nThe crowd left.')
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    kinds = {st.span.text: (st.kind, st.speaker) for st in aa.statements}
    speaker = kinds["It is not about your jobs."][1]
    assert kinds["It is not about your jobs."][0] == "reported" and speaker is not None
    assert kinds['It is about some empty ideal."'] == ("reported", speaker)
    assert kinds["The crowd left."] == ("claim", None)


def test_a_label_or_an_acronym_before_a_colon_is_no_dateline() -> None:
    from newsprism._dateline import DATELINE

    assert DATELINE.match("HARBORTON: The council met.") and DATELINE.match("Harborton, Freedonia: The council met.")
    for text in ("BREAKING: The council met.", "NATO: The alliance met.", "He said: The talks failed."):
        assert DATELINE.match(text) is None, text


@pytest.mark.parametrize(("opening", "dateline"), [
    ("HARBORTON, Freedonia (AP) — ", True),
    ("LAKEVILLE — ", True),
    ("Springfield (Reuters) - ", True),
    ("HARBORTON, Dec. 4 (Xinhua) -- ", True),
    ("HARBORTON, Dec 4, 2023 (AFP) – ", True),   # a filing date with its year
    ("LAKE CITY (WXYZ/XYZ News) -- ", True),                  # two outlets in the agency brackets                 # a filing date after the place
    ("HARBORTON, East Province/LAKEVILLE, Dec. 4 (Xinhua) -- ", True),  # filed from two places
    ("Harborton, Dec 4 (IANS) ", True),   # a place, a filing date and an agency need no dash
    ("Harborton/Lakeville, Dec 4 (PTI) ", True),  # filed from two places, in title case
    ("HARBORTON-", True),                 # a hyphen glued to the sentence
    ("Harborton [Freedonia], December 4: ", True),  # a place and a date closed by a colon
    ("(BBC) – ", True),                   # an agency alone: the page cut the place off
    ("Dec. 4 (UPI) -- ", True),           # a filing date and an agency
    ("HARBORTON, Freedonia (Reuters) -", True),  # the dash glued to the sentence after the agency
    ("HARBORTON: ", True),                # a place in capitals closed by a colon
    ("Harborton, Freedonia: ", True),     # a place and its country closed by a colon
    ("U.S.-", False),                     # an abbreviation's compound ("U.S.-Russia talks")
    ("Mayor Quimby — ", False),   # a Title-case name before a dash is the sentence's subject
    ("UK — ", False),             # too short to be a filing city
])
def test_a_wire_dateline_is_cut_off_the_statement_but_kept_in_the_sentence(opening: str, dateline: bool) -> None:
    text = (f"{opening}The council approved a new bridge on Monday after a long debate.\n\n"
            "LAKEVILLE — This second paragraph opens with a dateline too.")
    aa = analyze_articles([article_from_text(text)], AnalyzeOptions(embeddings=False))[0]
    first, second = aa.statements[0], aa.statements[1]
    assert aa.sentences[0].span.text.startswith(opening.strip())  # the text as written
    if dateline:
        assert first.span.text.startswith("The council approved")
        assert first.span.start == len(opening)
    else:
        assert first.span.text.startswith(opening.strip())
    assert second.span.text.startswith("This second paragraph")
    for st in aa.statements:
        assert aa.article.text[st.span.start:st.span.end] == st.span.text


def _asserted(text: str, *sentences: str) -> list[bool]:
    """``asserts`` of each given sentence of ``text``, read in the parse of the whole text."""
    from newsprism.analysis._asserts import asserts
    from newsprism.analysis.nlp import english

    doc = english()(text)
    return [asserts(doc, text.index(s), text.index(s) + len(s)) for s in sentences]


def test_a_fragment_is_a_statement_that_asserts_nothing() -> None:
    # Verbless list items, a participle with its agent and no "be", a content clause alone.
    text = ("The tenants listed what they oppose.\n\nSoldiers in the desert for good.\n\n"
            "A port policy that is stuck in the past.\n\nKeeping the old depot open.\n\nNo plan at all for the harbour.\n\n"
            "“With us, hit hard instead by the city papers.\n\n"
            "That councils do not, as the mayor once put it, simply count votes.")
    assert _asserted(text, "Soldiers in the desert for good.", "A port policy that is stuck in the past.",
                     "Keeping the old depot open.", "No plan at all for the harbour.",
                     "“With us, hit hard instead by the city papers.",
                     "That councils do not, as the mayor once put it, simply count votes.") == [False] * 6
    assert _asserted(text, "The tenants listed what they oppose.") == [True]


def test_a_bare_speaker_tag_and_a_verbless_quotation_tail_assert_nothing() -> None:
    text = ("“We will not sign a plan that leaves the depot shut,’ ” Ms. Quist wrote. The vote is on Friday.\n\n"
            "“The offer is no deal at all. So sad,” Ivo Kral, the head of the tenants’ union, posted on Monday.")
    assert _asserted(text, "Ms. Quist wrote.", "So sad,” Ivo Kral, the head of the tenants’ union, posted on Monday.",
                     "The vote is on Friday.") == [False, False, True]


def test_sentences_the_small_parser_misreads_still_assert() -> None:
    text = ("Ms. Quist did not comment. The panel, led by the mayor, approved the plan on Friday. "
            "Slightly more has been requested for next year. That was the plan. That he lied is clear to all. "
            "Because we will win. The council’s choice of a new auditor only days after the vote was widely praised. "
            "For her part, Ada Quist, the tenants’ leader, called the offer \"cynical.\" "
            "There’s money and a joint fundraising deal between the two campaigns that still needs to be signed.")
    sentences = ["Ms. Quist did not comment.", "The panel, led by the mayor, approved the plan on Friday.",
                 "Slightly more has been requested for next year.", "That was the plan.", "That he lied is clear to all.",
                 "Because we will win.",
                 "The council’s choice of a new auditor only days after the vote was widely praised.",
                 "For her part, Ada Quist, the tenants’ leader, called the offer \"cynical.\"",
                 "There’s money and a joint fundraising deal between the two campaigns that still needs to be signed."]
    assert _asserted(text, *sentences) == [True] * len(sentences)


def test_statements_say_whether_they_assert() -> None:
    text = ("The tenants listed their complaints on Monday.\n\nSoldiers in the desert for good.\n\n"
            "The council will vote on the plan in June.")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    assert [(st.span.text, st.asserts) for st in aa.statements] == [
        ("The tenants listed their complaints on Monday.", True), ("Soldiers in the desert for good.", False),
        ("The council will vote on the plan in June.", True)]


def test_a_sentence_of_reported_speech_is_the_outer_speakers() -> None:
    text = ("Foreign Minister Ada Quist met envoys on Monday. Quist said Prime Minister Ola Berg would not refuse "
            "a meeting with the rebels. Quist said the talks would fail if the rebels rejected “our offer on the "
            "harbour.”")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    names = {e.id: e.name for e in aa.entities}
    said = [st for st in aa.statements if st.span.text.startswith("Quist said")]
    assert len(said) == 2
    assert all(st.kind == "reported" and "Quist" in names.get(st.speaker or "", "") for st in said), \
        [(st.span.text, names.get(st.speaker or "")) for st in said]


def test_a_topic_label_over_the_lead_is_cut_off_but_a_speakers_name_is_not() -> None:
    text = ("Harbour Storm Update: Officials said the pier would close on Monday.\n\n"
            "Mayor Ann Lee: We will rebuild it before the summer.")
    aa = analyze_articles([article_from_text(text)], AnalyzeOptions(embeddings=False))[0]
    spans = [st.span.text for st in aa.statements]
    assert spans[0] == "Officials said the pier would close on Monday."
    assert spans[1].startswith("Mayor Ann Lee:")


def test_a_list_bullet_is_layout_not_part_of_the_statement() -> None:
    text = ("Storm floods three towns\n\n"
            "Heavy rain flooded three coastal towns on Tuesday, the civil protection agency said.\n\n"
            "• More than 200 people were evacuated from their homes overnight.\n"
            "• Two bridges were closed after the river rose by four metres.\n\n"
            "The harbour master said: - the boats stay in port.")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    firsts = [s.span.text.split()[0] for s in aa.statements]
    assert firsts[1:3] == ["More", "Two"]
    # The span is the text's own: it starts on the sentence's first word, after the bullet.
    assert all(aa.article.text[s.span.start:s.span.end] == s.span.text for s in aa.statements)
    assert not any(s.span.text.startswith("•") for s in aa.sentences)
    # In English a hyphen at a line's start is a bullet too.
    dashed = analyze_articles([article_from_text(text.replace("• ", "- "))], NO_EMBEDDINGS)[0]
    assert [s.span.text.split()[0] for s in dashed.statements][1:3] == ["More", "Two"]


def test_a_limited_language_sentence_is_not_cut_after_a_comma() -> None:
    # The English parser splits every limited language; it cuts German after a comma before a
    # lower-case clause ("..., auf dem Platz ..."): one sentence, as the full stop says.
    text = ("Hochwasser in drei Küstenorten\n\n"
            "Starker Regen hat am Dienstag drei Küstenorte überflutet. Der Bürgermeister sprach von "
            "einer Katastrophe, auf dem Marktplatz stand das Wasser einen Meter hoch. Mehr als 200 "
            "Menschen mussten ihre Häuser verlassen.")
    aa = analyze_articles([article_from_text(text, language="de")], NO_EMBEDDINGS)[0]
    assert any(s.span.text.startswith("Der Bürgermeister") and s.span.text.endswith("hoch.") for s in aa.sentences)


def test_a_limited_language_sentence_is_not_cut_after_an_inserted_dash_clause() -> None:
    text = ("Massa reconoce su derrota\n\n"
            "El candidato reconoció el domingo su derrota, que dio el triunfo -aún sin cifras oficiales- a su "
            "oponente, quien asumirá el 10 de diciembre. Los mercados abrieron en alza.")
    aa = analyze_articles([article_from_text(text, language="es")], NO_EMBEDDINGS)[0]
    assert [s.span.text.split()[0] for s in aa.sentences][-2:] == ["El", "Los"]


def test_a_sentence_goes_on_after_a_quoted_cry() -> None:
    # The parser ends a sentence after “...!” even when it goes on in lower case.
    text = ("“I declare a curfew in order to protect the free order of our city,” Marno said in a televised "
            "speech.\n\nThousands of protesters gathered outside the town hall in the early hours of Wednesday "
            "morning, chanting “End the curfew!” and “Arrest Ilse Marno!”")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    assert [st.span.text[:14] for st in aa.statements] == ["“I declare a c", "Thousands of p"]
    assert aa.statements[1].span.text.endswith("“Arrest Ilse Marno!”")


def test_a_paragraph_printed_twice_is_one_statement() -> None:
    text = ("The harbour will reopen on Monday, the port authority said.\n\n"
            "It is not yet clear how the closure will affect the fishing fleet.\n\n"
            "It is not yet clear how the closure will affect the fishing fleet.\n\n"
            "Ferries will run as usual. Ferries will run as usual.")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    texts = [st.span.text for st in aa.statements]
    assert texts.count("It is not yet clear how the closure will affect the fishing fleet.") == 1
    # A short sentence said twice may be the speaker's repetition: kept.
    assert texts.count("Ferries will run as usual.") == 2


def test_acts_of_state_and_what_a_scene_shows_are_nobodys_words() -> None:
    text = ("President Ilse Marno declared martial law on Tuesday night. The governor declared a state of "
            "emergency in the valley. The chaotic scenes underscored the tensions in the capital. "
            "The speaker declared the decree invalid. Marno's spokesman underscored that the order was legal.")
    aa = analyze_articles([article_from_text(text)], NO_EMBEDDINGS)[0]
    kinds = {st.span.text.split()[1]: st.kind for st in aa.statements}
    assert kinds["Ilse"] == "claim" and kinds["governor"] == "claim" and kinds["chaotic"] == "claim"
    # A verdict declared, and what a person underscores, are still words.
    assert kinds["speaker"] == "reported" and kinds["spokesman"] == "reported"
