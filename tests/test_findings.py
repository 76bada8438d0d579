"""Findings: each type with a case that must fire and a case that must not (stories written for the tests).

Alignments are given by hand here, so each finder is tested on its own logic; the end-to-end
path (real alignment) is covered in test_compare.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.comparison import with_story_entities
from newsprism.comparison._sides import side_of
from newsprism.comparison.conflicts import (
    attribution_conflicts,
    date_conflicts,
    number_conflicts,
    quote_variants,
    voice_imbalance,
)
from newsprism.comparison.coverage import compute_coverage
from newsprism.comparison.findings import (
    FindingContext,
    coverage_findings,
    name_variants,
    translation_artifacts,
    weekday_mismatches,
    wire_copies,
)
from newsprism.comparison.places import country_code, place_conflicts
from newsprism.comparison.wire import wire_groups
from newsprism.ingest import article_from_text
from newsprism.model import Alignment, AnalyzedArticle, Comparison, Entity, Finding, PossiblePair, Story


def story(*texts: str, published: str | Sequence[str] = "2024-05-10") -> tuple[AnalyzedArticle, ...]:
    dates = [published] * len(texts) if isinstance(published, str) else list(published)
    arts = [article_from_text(t, published=d, language="en", source=f"Outlet {chr(65 + i)}")
            for i, (t, d) in enumerate(zip(texts, dates, strict=True))]
    analyzed = analyze_articles(arts, AnalyzeOptions(embeddings=False))
    remapped, _ = with_story_entities(analyzed)
    return remapped


def context(arts: Sequence[AnalyzedArticle], entities: Sequence[Entity], alignments: Sequence[Alignment],
            same_source: Sequence[frozenset[str]], possible: Sequence[PossiblePair] = ()) -> FindingContext:
    """A finder context with its coverage computed from the same records, as compare does."""
    return FindingContext(arts, entities, alignments, same_source, possible,
                          coverage=compute_coverage(arts, alignments, same_source, possible))


def ctx_for(arts: Sequence[AnalyzedArticle], pairs: Sequence[tuple[int, int, int, int]] = (),
            relation: str = "paraphrase", possible: Sequence[tuple[int, int, int, int]] = ()) -> FindingContext:
    """Context with hand-made alignments and possible pairs: (article, statement, article, statement) indices."""
    _, entities = with_story_entities(arts)
    als = [Alignment(f"a{n}", (arts[i].statements[si].id, arts[j].statements[sj].id), relation, 0.9)  # type: ignore[arg-type]
           for n, (i, si, j, sj) in enumerate(pairs)]
    near = [PossiblePair(arts[i].statements[si].id, arts[j].statements[sj].id, 0.3) for i, si, j, sj in possible]
    return context(arts, entities, als, wire_groups(arts), near)


def spans_ok(findings: Sequence[Finding], arts: Sequence[AnalyzedArticle]) -> None:
    texts = {aa.article.id: aa.article.text for aa in arts}
    assert findings
    for f in findings:
        assert f.message and "\n" not in f.message
        assert f.evidence
        for span in f.evidence:
            assert texts[span.article_id][span.start : span.end] == span.text


def test_weekday_mismatch_true_and_false() -> None:
    arts = story("The council voted on Tuesday, May 9, to close the harbour.",
                 "The council voted on Thursday, May 9, to close the harbour.")
    found = weekday_mismatches(ctx_for(arts))
    assert len(found) == 1  # 9 May 2024 was a Thursday: only the first is wrong
    f = found[0]
    assert f.article_ids == (arts[0].article.id,)
    assert f.data == {"stated_weekday": "Tuesday", "date": "2024-05-09", "actual_weekday": "Thursday"}
    spans_ok(found, arts)


def test_translation_artifacts() -> None:
    arts = story("The minister said they [будут] be in Geneva next week. Talks with the Kremlin continue.",
                 "The ministers will meet in Geneva. The angle α was small, the engineer said.")
    found = translation_artifacts(ctx_for(arts))
    assert [f.data["fragment"] for f in found] == ["[будут]"]
    assert found[0].data["bracketed"] is True and "Cyrillic" in found[0].message
    spans_ok(found, arts)


def test_a_name_glossed_in_its_own_script_is_no_translation_artifact() -> None:
    from newsprism.comparison.translation import has_foreign_script

    arts = story("Mayor Chen Wei-lin (陳維林) won the vote, and Kyiv (Київ) sent greetings.",
                 "The result (陳維林 won) came late. Officials said they (будут) stay.")
    found = translation_artifacts(ctx_for(arts))
    # Only the second text's brackets, which follow no name, keep their fragments.
    assert {f.article_ids[0] for f in found} == {arts[1].article.id}
    assert not has_foreign_script(arts[0].article) and has_foreign_script(arts[1].article)


def test_mixed_script_word() -> None:
    arts = story("Officials in Kиев said the bridge was closed.", "The bridge was closed, officials said.")
    found = translation_artifacts(ctx_for(arts))
    assert len(found) == 1 and found[0].data["kind"] == "mixed-script word"


def test_wire_copy_true_and_false() -> None:
    base = ("Flooding closed the main road into Verlund on Monday after two days of heavy rain, the regional "
            "authority said. Crews expected to reopen one lane by Wednesday. Schools in the valley stayed shut.")
    arts = story(base, "Heavy rain: " + base, "Residents of Verlund waded through water as the river rose.")
    found = wire_copies(ctx_for(arts))
    assert len(found) == 1
    assert set(found[0].article_ids) == {arts[0].article.id, arts[1].article.id}
    assert not wire_copies(ctx_for(arts[1:]))


def test_name_variant_true_and_false() -> None:
    arts = story("Foreign Minister Katarina Olsen met the envoy. Olsen said talks went well.",
                 "Foreign Minister Katharina Olsen met the envoy on Friday.",
                 "Olsen met the envoy, officials said.")
    found = name_variants(ctx_for(arts))
    assert len(found) == 1
    assert set(found[0].data["spellings"]) == {"Katarina Olsen", "Katharina Olsen"}
    # A surname alone beside the full name is a short form, not a spelling difference.
    assert not name_variants(ctx_for([arts[0], arts[2]]))
    # So is a first name's short form or an initial beside the full middle name.
    short = story("Police commissioner Raymond Kelly spoke on Friday. Frederick Cheney Larue was there.",
                  "Police commissioner Ray Kelly spoke on Friday. Frederick C. Larue was there.")
    assert not name_variants(ctx_for(short))
    # One letter more is a misspelling, not a short form.
    typo = story("Prime Minister Liz Harlow resigned on Thursday.", "Prime Minister Lizz Harlow resigned on Thursday.")
    assert [set(f.data["spellings"]) for f in name_variants(ctx_for(typo))] == [{"Liz Harlow", "Lizz Harlow"}]
    # An accent dropped is typography, not another spelling.
    accents = story("Senator Raúl Ortega spoke on Friday.", "Senator Raul Ortega spoke on Friday.")
    assert not name_variants(ctx_for(accents))
    # So is a curly apostrophe against a straight one.
    from newsprism.comparison.findings import _spelled_differently

    assert not _spelled_differently("Danish People's Party", "Danish People’s Party")
    assert _spelled_differently("Danish People's Party", "Dansk People’s Party")


def test_letters_without_a_separable_accent_are_typography_too() -> None:
    # "ø" printed "o" or "oe" (and "ü" as "ue") is one name in three romanisations, and the
    # three outlets' mentions are one person.
    arts = story("Jury chair Søren Vatne Hystad spoke on Friday.", "Jury chair Soren Vatne Hystad spoke on Friday.",
                 "Jury chair Soeren Vatne Hystad spoke on Friday.")
    ctx = ctx_for(arts)
    people = [e for e in ctx.entities if e.type == "PERSON" and "Hystad" in e.name]
    assert len(people) == 1 and len({m.span.article_id for m in people[0].mentions}) == 3
    assert not name_variants(ctx)
    from newsprism.comparison.findings import _spelled_differently

    assert not _spelled_differently("Karl Müller", "Karl Mueller")
    # Two parts of one long name ("Bjoern Hystad", "Vatne Hystad") are no two spellings of a word.
    assert not _spelled_differently("Bjoern Hystad", "Vatne Hystad")
    assert _spelled_differently("Bjoern Hystad", "Bjoerm Hystad")


def test_date_conflict_true_and_false() -> None:
    arts = story("The dam burst on May 3, flooding two villages.",
                 "The dam burst on May 5, flooding two villages.",
                 "The dam burst on May 3, officials said, flooding two villages.")
    found = date_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert len(found) == 1 and set(found[0].data["dates"].values()) == {"2024-05-03", "2024-05-05"}
    assert not date_conflicts(ctx_for(arts, [(0, 0, 2, 0)]))
    assert not date_conflicts(ctx_for(arts, [(0, 0, 1, 0)], relation="partial"))
    spans_ok(found, arts)


def test_number_conflict_true_and_false() -> None:
    arts = story("Rescuers pulled 12 people from the river on Monday.",
                 "Rescuers pulled 14 people from the river on Monday.",
                 "Rescuers pulled 12 people and two dogs from the river.")
    found = number_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert len(found) == 1 and sorted(found[0].data["values"].values()) == [12, 14]
    assert not number_conflicts(ctx_for(arts, [(0, 0, 2, 0)]))


def test_values_that_can_both_be_right_are_no_number_conflict() -> None:
    arts = story("At least 12 people were rescued from the river on Monday.",
                 "Fourteen people were rescued from the river on Monday.",
                 "Nearly 400 people were evacuated from the island on Monday.",
                 "Some 379 people were evacuated from the island on Monday.",
                 "In all, 379 people were evacuated from the island on Monday.",
                 "Forty people were hospitalised after the crash on Monday, 18 of them in critical condition.",
                 "Ten people were hospitalised in critical condition after the crash on Monday.",
                 "At least 10 people were killed in the blast on Monday.",
                 "At least 14 people were killed in the blast on Monday.")
    assert not number_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))  # 14 is at least 12
    assert not number_conflicts(ctx_for(arts, [(2, 0, 4, 0)]))  # 379 is nearly 400
    assert not number_conflicts(ctx_for(arts, [(5, 0, 6, 0)]))  # the critical are part of the 40
    assert not number_conflicts(ctx_for(arts, [(2, 0, 3, 0)]))  # two estimates, near each other
    # Two bounds are two reported tolls of one count: one is out of date.
    assert len(number_conflicts(ctx_for(arts, [(7, 0, 8, 0)]))) == 1


def test_number_conflict_in_statements_that_differ_only_by_the_number() -> None:
    # Not aligned (the pair model weighs a differing count against one fact), but the same words.
    arts = story("As of Thursday morning, more than 2.2 million homes were without power, the utility said.",
                 "More than 3.2 million homes were without power by Thursday morning, the utility said on its site.",
                 "Flooding cut power to 40,000 homes in the port district.",
                 "On May 6, 12 homes were without power, the utility said.",
                 "On May 8, 30 homes were without power, the utility said.")
    found = number_conflicts(ctx_for(arts, possible=[(0, 0, 1, 0), (0, 0, 2, 0)]))
    assert len(found) == 1 and sorted(found[0].data["values"].values()) == [2.2e6, 3.2e6]
    assert found[0].data["statement_ids"] == [arts[0].statements[0].id, arts[1].statements[0].id]
    spans_ok(found, arts)
    # A partial alignment of the same two is compared the same way.
    assert len(number_conflicts(ctx_for(arts, [(0, 0, 1, 0)], relation="partial"))) == 1
    # Counts of two different dates may both be right: no conflict.
    assert not number_conflicts(ctx_for(arts, possible=[(3, 0, 4, 0)]))


def test_attribution_conflict_true_and_false() -> None:
    arts = story("Mayor Lena Park said the bridge would reopen in June.",
                 "Governor Tom Reyes said the bridge would reopen in June.",
                 "The bridge will reopen in June.",
                 "Mayor Lena Park told reporters the bridge would reopen in June.")
    different = attribution_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert len(different) == 1 and different[0].severity == "warning"
    own_voice = attribution_conflicts(ctx_for(arts, [(0, 0, 2, 0)]))
    assert len(own_voice) == 1 and own_voice[0].severity == "info"
    assert not attribution_conflicts(ctx_for(arts, [(0, 0, 3, 0)]))


def test_a_son_and_his_father_are_two_speakers_and_wire_copies_attribute_once() -> None:
    wire = ("Passenger Anton Deibe told the Harbor Times that the cabin filled with smoke within minutes. "
            "The crew opened the emergency doors and everyone ran out onto the grass near the runway.")
    arts = story(wire, wire + " More flights were cancelled.",
                 "Passenger Jonas Deibe told the Harbor Times that the cabin filled with smoke within minutes.")
    assert len(wire_groups(arts)) == 1  # the first two are one text
    found = [f for f in attribution_conflicts(ctx_for(arts, [(0, 0, 2, 0), (1, 0, 2, 0)])) if f.severity == "warning"]
    assert len(found) == 1 and "Anton Deibe" in found[0].message and "Jonas Deibe" in found[0].message


def test_a_report_without_a_source_is_no_attribution_drift() -> None:
    # "were reported" says the outlet has it from someone: attributed, if to no one named.
    arts = story("Mayor Lena Park said no injuries were reported at the bridge.",
                 "No injuries were reported at the bridge.",
                 "No one was injured at the bridge.")
    assert not attribution_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert len(attribution_conflicts(ctx_for(arts, [(0, 0, 2, 0)]))) == 1


def test_first_person_sentence_is_no_attribution_drift() -> None:
    # An unmarked first-person sentence is a quotation the analysis missed, not the outlet's voice.
    arts = story("Mayor Lena Park said: we take the safety of the bridge very seriously.",
                 "We take the safety of the bridge very seriously.")
    assert not attribution_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))


def test_a_sentence_that_closes_a_quotation_is_no_attribution_drift() -> None:
    # The last sentence of a letter the outlet reprints: the quotation opened paragraphs earlier.
    arts = story("Mayor Lena Park said the bridge would reopen in June.",
                 "The council published her letter.\n\n“Dear residents, thank you.\n\nThe bridge will reopen in June.”")
    bare = next(i for i, st in enumerate(arts[1].statements) if "June" in st.span.text)
    assert arts[1].statements[bare].kind == "claim" or arts[1].statements[bare].speaker is None
    assert not [f for f in attribution_conflicts(ctx_for(arts, [(0, 0, 1, bare)])) if f.severity == "info"]


def test_a_sentence_in_a_paragraph_that_opens_a_quotation_is_no_attribution_drift() -> None:
    # A reprinted letter that itself quotes a phrase: its marks nest, and the reader may lose
    # them, but the paragraph opens with a quotation mark.
    said = "Mayor Lena Park said the bridge had been rebuilt by the city with state money."
    drift = story(said, "The council rebuilt the bridge with state money, the newsletter said.\n\n"
                        "The bridge has been rebuilt by the city with state money.")
    letter = story(said, "The council published her letter.\n\n“Needless to say, it was not “a waste.” "
                         "The bridge has been rebuilt by the city with state money. We thank you.”")
    for arts, expected in ((drift, 1), (letter, 0)):
        bare = next(i for i, st in enumerate(arts[1].statements) if st.span.text.startswith("The bridge"))
        found = [f for f in attribution_conflicts(ctx_for(arts, [(0, 0, 1, bare)])) if f.severity == "info"]
        assert len(found) == expected


def test_a_person_and_an_organisation_are_no_attribution_conflict() -> None:
    # The mayor may speak for the council: two speakers, not surely two sources.
    arts = story("Mayor Lena Park said the bridge would reopen in June.",
                 "The Harbour City Council said the bridge would reopen in June.",
                 "Engineer Daniel Park said the bridge would reopen in June.",
                 "Engineer L. Park said the bridge would reopen in June.",
                 "Engineer Lenna Park said the bridge would reopen in June.")
    _, entities = with_story_entities(arts)
    types = {e.name: e.type for e in entities}
    assert types.get("Harbour City Council") == "ORG"
    assert not [f for f in attribution_conflicts(ctx_for(arts, [(0, 0, 1, 0)])) if f.severity == "warning"]
    # Two people of one surname may be one person the entity step kept apart (an initial, a
    # spelling): no warning either; two first names that cannot be one are two people.
    for other in (3, 4):
        assert not [f for f in attribution_conflicts(ctx_for(arts, [(0, 0, other, 0)])) if f.severity == "warning"]
    assert [f for f in attribution_conflicts(ctx_for(arts, [(0, 0, 2, 0)])) if f.severity == "warning"]


def test_claim_about_the_speaker_is_not_attribution_drift() -> None:
    arts = story("Mayor Lena Park said she had met the protesters.", "Lena Park met the protesters on Friday.")
    assert not attribution_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))


# A machine translation leaves a word in its source script: a few quoted words reworded there
# are a translation's, while two outlets quoting one English speech copy the words.
TRANSLATED = " Talks [будут] continue."


def test_quote_variant_true_and_false() -> None:
    arts = story('"We had a calm and useful meeting," Minister Ana Ruiz said.',
                 'Minister Ana Ruiz described the meeting as "calm" and "productive".' + TRANSLATED,
                 '"We had a calm and useful meeting," Minister Ana Ruiz said on Friday.',
                 'Minister Ana Ruiz described the meeting as "calm" and "productive".')
    found = quote_variants(ctx_for(arts[:2], [(0, 0, 1, 0)]))
    assert len(found) == 1 and "productive" in found[0].message
    assert found[0].data["alignment_id"] == "a0"
    assert not quote_variants(ctx_for([arts[0], arts[2]], [(0, 0, 1, 0)]))
    # Two English originals: the two quoted words come from elsewhere in the speech.
    assert not quote_variants(ctx_for([arts[0], arts[3]], [(0, 0, 1, 0)]))


def test_different_bracketed_insertions_are_no_quote_variant() -> None:
    # Words in brackets inside a quotation are the outlet's ("(the harbour authority)"), not the
    # speaker's: two outlets' different insertions do not make the quotation a variant.
    arts = story('"We asked them (the harbour authority) to close the pier before the storm," Minister Ana Ruiz said.',
                 '"We asked them [port officials] to close the pier before the storm," Minister Ana Ruiz said.')
    assert not quote_variants(ctx_for(arts, [(0, 0, 1, 0)]))


def test_quote_variant_without_alignment() -> None:
    # Not aligned, only a possible pair: the quotations are matched directly, by speaker and words.
    arts = story('"We had a calm and useful meeting," Minister Ana Ruiz said.',
                 "Minister Ana Ruiz described the meeting as “calm” and “productive”." + TRANSLATED,
                 "Governor Tom Reyes described the meeting as “calm” and “productive”." + TRANSLATED,
                 '"We had a calm and useful meeting. We agreed on the budget," Minister Ana Ruiz said.',
                 "Minister Ana Ruiz called the meeting “calm”." + TRANSLATED,
                 '"Spain stands with Portugal and its fishermen," Minister Ana Ruiz said.',
                 '"The talks were calm, but the budget gap remains wide," Minister Ana Ruiz said.',
                 '"We had a calm and useful meeting" , Minister Ana Ruiz said.',
                 '"We have had a calm and useful meeting," Minister Ana Ruiz said.',
                 '"We had a calm and usefull meeting," Minister Ana Ruiz said.')

    def found(other: int, possible: bool = True) -> list[Finding]:
        return quote_variants(ctx_for([arts[0], arts[other]], possible=[(0, 0, 1, 0)] if possible else []))

    variant = found(1)
    assert len(variant) == 1 and variant[0].data["shared_words"] == ["calm"]
    assert "productive" in variant[0].message and variant[0].data["alignment_id"] is None
    spans_ok(variant, arts)
    assert not found(1, possible=False)  # the alignment saw no possible link between the statements
    assert not found(2)  # another speaker
    assert not found(3)  # quotes more of the same words
    assert not found(4)  # one quoted word is too little
    assert not found(5)  # nothing in common
    assert not found(6)  # another sentence of the speaker that shares a word
    assert not found(7)  # the same words, spaced and punctuated differently
    assert not found(8)  # only a function word differs
    assert not found(9)  # only a spelling differs
    # Aligned and matched directly: still one finding.
    assert len(quote_variants(ctx_for(arts[:2], [(0, 0, 1, 0)], possible=[(0, 0, 1, 0)]))) == 1


def test_quoted_nickname_is_no_quotation() -> None:
    arts = story("Mobster Vincent “The Chin” Gigante died in prison on Friday.",
                 "Vincent “The Chin” Gigante, also known as “The Oddfather”, died in prison on Friday.")
    assert not quote_variants(ctx_for(arts, [(0, 0, 1, 0)]))


def test_voice_imbalance_true_and_false() -> None:
    a = ('Freedonian Foreign Minister Ola Berg said the talks failed. "They refused everything," Berg said. '
         'Berg added that sanctions would follow.')
    b = ('Freedonian Foreign Minister Ola Berg said the talks failed. The Sylvanian Foreign Ministry said '
         'Freedonia had made no offer.')
    arts = story(a, b)
    assert side_of("Freedonian Foreign Minister") is None  # invented countries have no side marker
    b2 = b.replace("Freedonian", "Russian").replace("Sylvanian", "Ukrainian")
    arts2 = story(a.replace("Freedonian", "Russian"), b2)
    found = voice_imbalance(ctx_for(arts2))
    assert len(found) == 1 and found[0].article_ids[0] == arts2[0].article.id
    assert found[0].data["missing"] == ["Ukraine"]
    assert not voice_imbalance(ctx_for(arts))
    # The first outlet also quotes someone whose side the text does not give: "no one for
    # Ukraine" is not known.
    arts3 = story(a.replace("Freedonian", "Russian") + ' "Nothing was agreed," said analyst Mira Holm.', b2)
    assert not voice_imbalance(ctx_for(arts3))
    # The first outlet quotes a speaker it names only by a role no entity was found for: that
    # voice may be Ukraine's, so "no one for Ukraine" is not known.
    arts5 = story(a.replace("Freedonian", "Russian") + " A delegate from the other side said the talks were a waste.", b2)
    assert any(q.speaker is not None and q.speaker_entity is None for q in arts5[0].quotes)
    assert not voice_imbalance(ctx_for(arts5))
    # The other outlet's Ukrainian voice is a speaker carried over, not named where it speaks.
    b4 = b2 + ' "We will answer," the ministry added.'
    arts4 = story(a.replace("Freedonian", "Russian"), b4.replace("The Ukrainian Foreign Ministry said", "It was said"))
    assert not voice_imbalance(ctx_for(arts4))


def test_sides() -> None:
    assert side_of("US State Department spokesman") == "United States"
    assert side_of("the Russian Foreign Ministry") == "Russia"
    assert side_of("Kremlin") == "Russia"
    assert side_of("a Russian tennis player") is None
    assert side_of("basketball star") is None
    # The country and nationality words are the entity resolver's own tables.
    assert side_of("the Polish foreign ministry") == "Poland"
    assert side_of("a spokesman for the Iraqi government") == "Iraq"
    assert side_of("Downing Street") == "United Kingdom"
    assert side_of("Odesa city council officials") is None  # a city is not a side
    # An alias that is also a common word ("IS") marks no side in running words.
    assert side_of("an official who is Ukrainian") == "Ukraine"


def test_omission_and_single_source() -> None:
    arts = story("The port reopened on Monday. Ships queued outside the harbour. Sort of. Who will pay for "
                 "the new cranes? The harbour master said in a statement:",
                 "The port reopened on Monday after repairs.",
                 "The port reopened on Monday, officials said. Gulls circled over the quay.",
                 "Fishermen celebrated in the harbour town.")
    ctx = ctx_for(arts, [(0, 0, 1, 0)])
    ctx = context(arts, ctx.entities, [Alignment("a0", (arts[0].statements[0].id, arts[1].statements[0].id,
                                                        arts[2].statements[0].id), "paraphrase", 0.9)], [])
    found = coverage_findings(ctx)
    omissions = [f for f in found if f.type == "omission"]
    assert len(omissions) == 1 and omissions[0].article_ids[0] == arts[3].article.id
    single = {f.article_ids[0]: f for f in found if f.type == "single_source"}
    assert set(single) == {aa.article.id for aa in arts if len(aa.statements) > 1 or aa is arts[3]}
    # A fragment ("Sort of."), a question and a lead-in tell no fact of their own: not listed.
    assert [e.text for e in single[arts[0].article.id].evidence] == ["Ships queued outside the harbour."]
    # The fourth article with a possible counterpart of the fact: no omission claimed.
    near = context(arts, ctx.entities, ctx.alignments, [],
                   possible=[PossiblePair(arts[1].statements[0].id, arts[3].statements[0].id, 0.2)])
    assert not [f for f in coverage_findings(near) if f.type == "omission"]
    # A partial alignment with a shared core ("The port reopened on Monday." is in the other two):
    # the omission quotes the core, never a sentence that adds to it.
    part = context(arts, ctx.entities, [Alignment("a0", ctx.alignments[0].statement_ids, "partial", 0.9)], [])
    cored = [f for f in coverage_findings(part) if f.type == "omission"]
    assert len(cored) == 1 and cored[0].message.endswith('"The port reopened on Monday."')
    # Shared only in part, no core: quoting one sentence as what the fourth leaves out would
    # charge it with the rest of that sentence.
    loose = context(arts, ctx.entities, [Alignment("a0", (arts[0].statements[1].id, arts[1].statements[0].id,
                                                          arts[2].statements[0].id), "partial", 0.9)], [])
    assert not [f for f in coverage_findings(loose) if f.type == "omission"]



def test_the_sentences_of_one_quotation_left_out_make_one_omission() -> None:
    quote = ('Survivor Lena Berg said: "The cabin filled with smoke in minutes. We threw ourselves to the floor. '
             'Then the doors opened and we ran."')
    arts = story(f"The ferry caught fire on Monday. {quote}", f"The ferry burned on Monday night. {quote}",
                 "The ferry caught fire on Monday. The port was closed.", "Gulls circled over the quay.")
    a, b = ([st.id for st in aa.statements] for aa in arts[:2])
    assert len(a) == len(b) == 4  # the fire, then the quotation's three sentences
    alignments = [Alignment(f"a{n}", (a[n], b[n]), "same", 0.95) for n in range(4)]
    ctx = context(arts, with_story_entities(arts)[1], alignments, [])
    omissions = [f for f in coverage_findings(ctx) if f.type == "omission"]
    by_article: dict[str, list[Finding]] = {}
    for f in omissions:
        by_article.setdefault(f.article_ids[0], []).append(f)
    # The two articles that lack the quotation: one finding each, with all of its sentences; the
    # fire, told by the two only, is one finding more where the third does not tell it either.
    for aa in arts[2:]:
        quoted = [f for f in by_article[aa.article.id] if "alignment_ids" in f.data]
        assert len(quoted) == 1 and quoted[0].data["alignment_ids"] == ["a1", "a2", "a3"]
        assert "2 more sentences of the same quotation" in quoted[0].message
        assert len(quoted[0].evidence) == 6
    assert len(by_article[arts[2].article.id]) == 1  # it tells the fire
    assert len(by_article[arts[3].article.id]) == 2


def test_a_story_judged_too_small_claims_no_absence() -> None:
    arts = story("The port reopened on Monday. Ships queued outside the harbour.",
                 "The port reopened on Monday after repairs.",
                 "The port reopened on Monday, officials said.",
                 "Fishermen celebrated in the harbour town.")
    ctx = ctx_for(arts)
    als = [Alignment("a0", tuple(arts[i].statements[0].id for i in range(3)), "paraphrase", 0.9)]
    judged = context(arts, ctx.entities, als, [])
    assert {f.type for f in coverage_findings(judged)} == {"omission", "single_source"}
    unjudged = FindingContext(arts, ctx.entities, als, [], (),
                              coverage=compute_coverage(arts, als, [], (), judged=False))
    assert not unjudged.coverage.judged and unjudged.coverage.single_source(arts[0].article.id) == ()
    assert coverage_findings(unjudged) == []


def test_possible_counterpart_is_not_called_single_source() -> None:
    arts = story("The port reopened on Monday. Ships queued outside.",
                 "The harbour opened again after repairs.",
                 "Fishermen celebrated in the harbour town. The mayor thanked the engineers.")
    _, entities = with_story_entities(arts)
    a, b, _ = ([st.id for st in aa.statements] for aa in arts)
    ctx = context(arts, entities, [], [], possible=[PossiblePair(a[0], b[0], 0.3)])
    assert ctx.coverage.unconfirmed == {a[0]: (b[0],), b[0]: (a[0],)}
    assert ctx.coverage.single_source(arts[0].article.id) == (a[1],)
    single = {f.article_ids[0]: f for f in coverage_findings(ctx) if f.type == "single_source"}
    # B's one statement has a possible counterpart: no claim that it appears only in B.
    assert set(single) == {arts[0].article.id, arts[2].article.id}
    first = single[arts[0].article.id]
    assert first.data["statement_ids"] == [a[1]] and first.data["unconfirmed"] == {a[0]: [b[0]]}
    assert "1 of 2 statements" in first.message and "1 more may be reported elsewhere" in first.message
    assert [sp.text for sp in first.evidence] == ["Ships queued outside."]
    assert single[arts[2].article.id].data["unconfirmed"] == {}
    # A near-copy of the same text confirms nothing: the pair is no counterpart.
    wire = context(arts, entities, [], [frozenset({arts[0].article.id, arts[1].article.id})],
                   possible=[PossiblePair(a[0], b[0], 0.3)])
    assert wire.coverage.unconfirmed == {}


def test_findings_carry_their_kinds_confidence_and_come_ranked() -> None:
    from newsprism.comparison.confidence import CONFIDENCE, SURE, UNJUDGED, sure
    from newsprism.comparison.findings import find_findings
    from newsprism.render.comparison import digest

    arts = story("The port reopened on Monday. Ships queued outside the harbour.",
                 "The port reopened on Monday after repairs. Gulls circled over the quay.")
    ctx = ctx_for(arts)

    def made_up(_: FindingContext) -> list[Finding]:
        a = arts[0].article.id
        return [Finding("", "loaded_language", "info", "weak one", (a,), data={"learned": True}),  # measured low
                Finding("", "date_conflict", "warning", "never measured", (a,)),  # no row: UNJUDGED
                Finding("", "omission", "info", "strong one", (a,))]

    found = find_findings(ctx.articles, ctx.entities, ctx.alignments, ctx.same_source, extra=[made_up],
                          coverage=ctx.coverage)
    by_msg = {f.message: f for f in found}
    assert by_msg["weak one"].confidence == CONFIDENCE["loaded_language:learned"] < SURE
    assert by_msg["never measured"].confidence == UNJUDGED < SURE
    assert by_msg["strong one"].confidence == CONFIDENCE["omission"] >= SURE
    # severity x confidence, highest first; ids follow the ranking
    weights = {"error": 3, "warning": 2, "info": 1}
    keys = [weights[f.severity] * f.confidence for f in found]
    assert keys == sorted(keys, reverse=True)
    assert [f.id for f in found] == [f"f{n}" for n in range(len(found))]
    shown, folded = sure(found)
    assert by_msg["strong one"] in shown and by_msg["weak one"] in folded
    cmp_digest = digest(_comparison_with(arts, found))
    assert "strong one" in cmp_digest and "weak one" not in cmp_digest and "less sure: --all" in cmp_digest
    assert "weak one" in digest(_comparison_with(arts, found), show_all=True)


def _comparison_with(arts: Sequence[AnalyzedArticle], findings: Sequence[Finding]) -> Comparison:
    return Comparison(Story("s", "A story", tuple(a.article.id for a in arts)), tuple(arts), findings=tuple(findings))


def test_a_statement_another_outlet_mostly_words_alike_is_not_called_single_source() -> None:
    arts = story("The mayor promised to rebuild the old pier by June. Gulls circled over the quay.",
                 "By June the old pier will be rebuilt, the mayor told reporters. Tourists filled the beach.")
    ctx = ctx_for(arts)  # no alignment at all: only the words tie the two pier sentences
    single = {f.article_ids[0]: f for f in coverage_findings(ctx) if f.type == "single_source"}
    a, b = arts[0], arts[1]
    assert [e.text for e in single[a.article.id].evidence] == ["Gulls circled over the quay."]
    assert single[a.article.id].data["unconfirmed"] == {a.statements[0].id: [b.statements[0].id]}
    assert "1 more may be reported elsewhere" in single[a.article.id].message


def test_a_fragment_or_a_respelling_of_a_quotation_is_no_variant() -> None:
    from newsprism.comparison.quote_variants import _variant_words

    assert not _variant_words(["a dangerous thing"], ["censorship is a very dangerous thing for everyone"])
    assert not _variant_words(["Mama, look, you won"], ["Momma, look, you won"])
    assert not _variant_words(["how it might affect our work force"], ["how it might affect our workforce"])
    assert not _variant_words(["fair"], ["a fair and open vote"])
    assert not _variant_words(["phony theology"], ["a world view that rests on theology"], fragments=False)
    assert _variant_words(["phony theology"], ["a world view that rests on theology"])
    # A fragment copied word for word is no rewording; what is left must be one on its own.
    assert not _variant_words(["unfair", "ruined his career"], ["they ruined his career and his family"],
                              fragments=False)
    # Different words for one thing on both sides: a variant.
    assert _variant_words(["every day Iran gets closer to a nuclear bomb"], ["every day Iran gets closer to nuclear arms"])
    assert _variant_words(["We reject his visit and his plan"], ["We reject his message and his plan"])
    # Two short phrases that share one word are two remarks, not one worded twice.
    assert not _variant_words(["national emergency"], ["national security"], fragments=False)
    # Two remarks on one theme share words, but scattered: no run of them, no variant.
    assert not _variant_words(["The new rule does not exclude"],
                              ["It is not the aim of the rule to exclude anyone, and it will not exclude anyone"],
                              fragments=False)
    assert _variant_words(["We need to use whatever legal means necessary to get the files he holds"],
                          ["I think we need to use whatever legal methods are necessary to get the files"],
                          fragments=False)
    # Spoken forms spelled out or not, and "said" / "say": one wording transcribed twice.
    assert not _variant_words(["and I said we're going to win the vote on the bridge"],
                              ["and I say we're gonna win the vote on the bridge"])


def test_a_remark_said_twice_is_matched_to_its_own_rendering() -> None:
    # The minister says one thing on Monday and again on Tuesday; each outlet quotes both. Each
    # quotation is a variant of its own rendering only, not of the other remark's.
    arts = story('"The council lied to the voters and they wrecked the harbour plan," Minister Ana Ruiz said on Monday. '
                 '"They lied and it is like they buried the plan, very sad," Ruiz said on Tuesday.',
                 '"The council lied to the voters, and it ruined the harbour plan, a real shame," Minister Ana Ruiz said. '
                 '"They lied, and it is like they killed the harbour plan, it is very sad," Ruiz added.')
    a, b = arts
    assert len(a.statements) == len(b.statements) == 2
    pairs = [(0, i, 1, j) for i in range(2) for j in range(2)]
    found = quote_variants(ctx_for(arts, possible=pairs))
    assert sorted((a.statements.index(next(s for s in a.statements if s.span.start <= f.evidence[0].start < s.span.end)),
                   b.statements.index(next(s for s in b.statements if s.span.start <= f.evidence[1].start < s.span.end)))
                  for f in found) == [(0, 0), (1, 1)]


def test_a_statement_close_in_meaning_to_another_outlets_is_not_called_single_source() -> None:
    import dataclasses

    import numpy as np

    arts = story("Few expect the senator to win the race. Gulls circled over the quay.",
                 "His path to victory is steep, analysts said. Tourists filled the beach.")
    # Embeddings made for the test: the two first sentences close in meaning, the rest apart.
    vecs = [np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), np.array([[0.95, 0.0, 0.312], [0.0, 0.0, 1.0]])]
    arts = tuple(dataclasses.replace(aa, embeddings=v / np.linalg.norm(v, axis=1, keepdims=True))
                 for aa, v in zip(arts, vecs, strict=True))
    single = {f.article_ids[0]: f for f in coverage_findings(ctx_for(arts)) if f.type == "single_source"}
    assert [e.text for e in single[arts[0].article.id].evidence] == ["Gulls circled over the quay."]
    assert single[arts[0].article.id].data["unconfirmed"] == {arts[0].statements[0].id: [arts[1].statements[0].id]}


def test_two_minutes_of_one_goal_are_a_number_conflict() -> None:
    arts = story("Ada Quist converted an 80th-minute penalty to pull the visitors level.",
                 "Ada Quist converted an 81st-minute penalty to pull the visitors level.")
    found = number_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert len(found) == 1 and "80th" in found[0].message and "81st" in found[0].message


def test_place_conflict_two_facilities_of_one_kind() -> None:
    arts = story("The plane carrying the senator landed at Kestrel Airport on Tuesday evening.",
                 "The plane carrying the senator touched down at Marlow International Airport on Tuesday evening.",
                 "The plane carrying the senator landed at Kestrel Regional Airport on Tuesday evening.",
                 "The plane carrying the senator landed at Marlow International Airport, not at Kestrel Airport.")
    found = place_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert [f.data["reason"] for f in found] == ["facility"]
    assert {s.text for s in found[0].evidence} == {"Kestrel Airport", "Marlow International Airport"}
    spans_ok(found, arts)
    assert not place_conflicts(ctx_for(arts, [(0, 0, 2, 0)]))  # one airport, named two ways
    assert not place_conflicts(ctx_for(arts, [(0, 0, 3, 0)]))  # it names the other airport too
    assert not place_conflicts(ctx_for(arts, [(0, 0, 1, 0)], relation="partial"))


def test_place_conflict_two_countries_needs_the_same_kind_of_place() -> None:
    arts = story("The cargo ship docked in Lebanon on Sunday after a five-day voyage.",
                 "The cargo ship docked in Syria on Sunday after a five-day voyage.",
                 "The cargo ship sailed from Turkey on Sunday after a five-day voyage.",
                 "The cargo ship docked in Tripoli on Sunday after a five-day voyage.")
    (found,) = place_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert found.data["reason"] == "country" and found.severity == "warning"
    assert not place_conflicts(ctx_for(arts, [(0, 0, 2, 0)]))  # where it docked / where it left from
    assert not place_conflicts(ctx_for(arts, [(0, 0, 3, 0)]))  # a town and a country may hold one another


def test_place_conflict_one_town_in_two_countries_across_the_story() -> None:
    arts = story("The first grain ship docked in Tripoli, Lebanon, on Sunday.",
                 "Officials said the corn would be unloaded in Tripoli in Libya within days.",
                 "Talks between Tripoli, Ankara and Kyiv went on.",
                 "The ship reached Tripoli, Lebanon, after five days.")
    found = place_conflicts(ctx_for(arts))
    assert len(found) == 1 and found[0].data["reason"] == "town"
    assert set(found[0].article_ids) == {arts[0].article.id, arts[1].article.id}
    assert sorted(found[0].data["places"].values()) == ["Tripoli (Lebanon)", "Tripoli (Libya)"]
    spans_ok(found, arts)


def test_country_names_and_their_short_forms() -> None:
    assert country_code("Lebanon") == "LB" and country_code("the U.S.") == "US" and country_code("Britain") == "GB"
    assert country_code("Ливан", "ru") == "LB"
    assert country_code("Tripoli") is None and country_code("Texas") is None


def test_a_note_on_sourcing_is_no_single_source_fact() -> None:
    from newsprism.comparison.findings import tells_a_fact

    arts = story("Both insisted on anonymity to describe the private gathering. "
                 "The aide was not authorized to speak publicly. "
                 "The senators met in secret on Tuesday to discuss the budget, according to two officials "
                 "who spoke on condition of anonymity.")
    assert [tells_a_fact(st) for st in arts[0].statements] == [False, False, True]


def test_an_attribution_line_is_no_fact() -> None:
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.comparison.findings import tells_a_fact
    from newsprism.ingest import article_from_text

    (ru,) = analyze_articles([article_from_text(
        "Переговоры в Эр-Рияде прошли неплохо. Об этом заявил помощник президента Юрий Ушаков.\n\n"
        "Такую оценку дал журналистам Ушаков.", language="ru")], AnalyzeOptions(embeddings=False))
    assert [tells_a_fact(st) for st in ru.statements] == [True, False, False]
    en = story("The talks in the capital went well. This was stated by the president's aide, Ivo Kral.")
    assert [tells_a_fact(st) for st in en[0].statements] == [True, False]


def test_a_fragment_is_no_single_source_fact() -> None:
    from newsprism.comparison.findings import tells_a_fact

    arts = story("The tenants listed what they want from the council.\n\n"
                 "Soldiers in the old harbour district permanently.\n\nKeeping the ferry depot open all winter.\n\n"
                 "The council voted on Tuesday to sell the ferry depot to a private operator.",
                 "The mayor spoke about the budget on Monday.")
    assert [tells_a_fact(st) for st in arts[0].statements] == [True, False, False, True]
    found = [f for f in coverage_findings(ctx_for(arts)) if f.type == "single_source" and f.article_ids == (arts[0].article.id,)]
    assert found and [s.text for s in found[0].evidence if "harbour" in s.text or "Keeping" in s.text] == []


def test_numbers_of_two_different_acts_are_no_number_conflict() -> None:
    # Aligned for their places, but one number is what the campaign costs, the other what was booked.
    arts = story("The campaign, set to run in Dover, Leeds and York, is costing the group $2 million.",
                 "The group has reserved $800,000 of airtime in Dover, Leeds and York.",
                 "The campaign, set to run in Dover, Leeds and York, is costing the group $3 million.")
    assert not number_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    # The same act with two values stays a conflict.
    assert len(number_conflicts(ctx_for(arts, [(0, 0, 2, 0)]))) == 1


def test_copies_of_one_text_leave_a_fact_out_once() -> None:
    wire = ("Rescue teams searched the harbour on Sunday after the storm, the coast guard said. "
            "The port authority closed the terminal and sent the ferry crews home for the day.")
    arts = story("The storm destroyed the old pier on Saturday night, the mayor said.",
                 "The mayor said the storm had destroyed the old pier on Saturday night.",
                 wire, wire + " More ferries were cancelled.")
    assert len(wire_groups(arts)) == 1
    found = [f for f in coverage_findings(ctx_for(arts, [(0, 0, 1, 0)])) if f.type == "omission"]
    assert len(found) == 1, [f.message for f in found]
    copies = {arts[2].article.id, arts[3].article.id}
    assert set(found[0].article_ids[:2]) == copies and set(found[0].data["omitted_by"]) == copies
    assert "copies of one text" in found[0].message and "do not report" in found[0].message


def test_a_signpost_sentence_inside_a_paragraph_tells_no_fact() -> None:
    from newsprism.comparison.findings import tells_a_fact

    [aa] = story("The dam broke on Sunday after days of rain. Here is what we know about the dam collapse and the rescue effort.")
    told = {st.span.text: tells_a_fact(st) for st in aa.statements}
    assert told == {"The dam broke on Sunday after days of rain.": True, "Here is what we know about the dam collapse and the rescue effort.": False}


def test_a_rising_toll_reported_later_is_an_update_not_a_conflict() -> None:
    texts = ("The earthquake near the lake town killed 233 people, officials said.",
             "The earthquake near the lake town killed 261 people, officials said.",
             "The earthquake near the lake town killed 294 people, officials said.")
    arts = story(*texts, published=("2024-05-08", "2024-05-09", "2024-05-10"))
    found = number_conflicts(ctx_for(arts, [(0, 0, 1, 0), (1, 0, 2, 0)]))
    assert [f.data.get("change") for f in found] == ["update", "update"]
    assert all(f.severity == "info" for f in found)
    assert found[0].message.startswith('The count rose from "233 people" (Outlet A, 8 May 2024) to "261 people"')
    spans_ok(found, arts)
    # A lower toll in the later report stays a conflict; so do two tolls of one day.
    falling = story(*texts[1::-1], published=("2024-05-08", "2024-05-09"))
    found = number_conflicts(ctx_for(falling, [(0, 0, 1, 0)]))
    assert len(found) == 1 and found[0].severity == "warning" and "change" not in found[0].data
    same_day = story(*texts[:2])
    assert "change" not in number_conflicts(ctx_for(same_day, [(0, 0, 1, 0)]))[0].data


def test_rise_wording_orders_two_tolls_of_one_day() -> None:
    arts = story("The storm killed 12 people in the valley, the governor said.",
                 "The number of dead from the storm in the valley rose to 19 people, the governor said.",
                 "The storm killed 25 people in the valley, the governor said.")
    found = number_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert len(found) == 1 and found[0].data["change"] == "update"
    # The side that says the count rose has the lower value: nothing orders it, a conflict.
    found = number_conflicts(ctx_for(arts, [(1, 0, 2, 0)]))
    assert len(found) == 1 and "change" not in found[0].data


def test_a_count_one_apart_a_day_later_is_a_near_miss() -> None:
    from newsprism.comparison.confidence import SURE, confidence_of
    arts = story("The dockworkers' strike has lasted 44 days, the union said.",
                 "The dockworkers' strike has lasted 45 days, the union said.",
                 "The dockworkers' strike has lasted 52 days, the union said.",
                 published=("2024-05-09", "2024-05-10", "2024-05-10"))
    found = number_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert len(found) == 1 and found[0].data["change"] == "near" and confidence_of(found[0]) < SURE
    # Eight days more in a report one day later is not a count to the day of writing.
    found = number_conflicts(ctx_for(arts, [(0, 0, 2, 0)]))
    assert len(found) == 1 and "change" not in found[0].data
    # One apart in reports of the same day stays a conflict.
    same_day = story("Rescuers pulled 12 boats from the river.", "Rescuers pulled 13 boats from the river.")
    assert "change" not in number_conflicts(ctx_for(same_day, [(0, 0, 1, 0)]))[0].data


def test_place_conflict_opposite_directions_from_one_place() -> None:
    arts = story("The quake's epicentre was 60 km northeast of Dunmore, the survey said.",
                 "The quake's epicentre was 60 km southwest of Dunmore, the survey said.",
                 "The quake's epicentre was 60 km north of Dunmore, the survey said.",
                 "The quake's epicentre was 60 km southwest of Kelby, the survey said.",
                 "Shaking was felt north of Dunmore and south of Dunmore, the survey said.")
    (found,) = place_conflicts(ctx_for(arts, [(0, 0, 1, 0)]))
    assert found.data["reason"] == "direction" and found.severity == "warning"
    assert {s.text for s in found.evidence} == {"northeast of Dunmore", "southwest of Dunmore"}
    spans_ok([found], arts)
    assert not place_conflicts(ctx_for(arts, [(0, 0, 2, 0)]))  # 45 degrees apart: one rough bearing
    assert not place_conflicts(ctx_for(arts, [(0, 0, 3, 0)]))  # from two different places
    assert not place_conflicts(ctx_for(arts, [(0, 0, 4, 0)]))  # gives both directions itself
    # Not aligned but the same words: compared all the same.
    (found,) = place_conflicts(ctx_for(arts, possible=[(0, 0, 1, 0)]))
    assert found.data["statement_ids"] == [arts[0].statements[0].id, arts[1].statements[0].id]


def _fire_story(second_lead: str, quote: str = "") -> tuple[AnalyzedArticle, ...]:
    return story(
        "The ferry caught fire on Monday near the island. Firefighters from three towns fought the flames "
        f"aboard the ferry for six hours before the vessel was towed back to the harbour. {quote}",
        f"{second_lead} Firefighters from three towns fought the flames aboard the ferry for six hours before "
        f"the vessel was towed back into the harbour. {quote}",
        "The ferry caught fire on Monday near the island. The port was closed.",
        "Gulls circled over the quay. Fishermen mended their nets.")


def _alignments(arts: Sequence[AnalyzedArticle], n: int) -> list[Alignment]:
    return [Alignment(f"a{k}", (arts[0].statements[k].id, arts[1].statements[k].id), "same", 0.95) for k in range(n)]


def test_one_sentence_copied_from_a_common_source_is_one_outlets_report() -> None:
    # Two outlets rewrote one agency copy around its second sentence: they tell it once, so it is
    # not what the reports agree on, and the two that lack it leave out what one source says.
    arts = _fire_story("A ferry burned on Monday off the island, the coast guard said.")
    ctx = context(arts, with_story_entities(arts)[1], _alignments(arts, 2), [])
    assert "a1" not in ctx.coverage.corroborated and "a0" in ctx.coverage.corroborated
    omitted = {f.data["alignment_id"] for f in coverage_findings(ctx) if f.type == "omission"}
    assert "a1" not in omitted


def test_a_quotation_both_outlets_carry_is_no_copy_of_each_other() -> None:
    # The same speaker's words in two reports are the speaker's, not a sign of one source.
    quote = ('"We fought the flames aboard the ferry for six hours before the vessel could be towed back to '
             'the harbour," the fire chief said.')
    arts = story(f"The ferry caught fire on Monday near the island. {quote}",
                 f"A ferry burned on Monday off the island. {quote}",
                 "The ferry caught fire on Monday near the island. The port was closed.",
                 "Gulls circled over the quay. Fishermen mended their nets.")
    ctx = context(arts, with_story_entities(arts)[1], _alignments(arts, 2), [])
    assert "a1" in ctx.coverage.corroborated


def test_a_sentence_that_only_points_back_is_not_what_the_reports_agree_on() -> None:
    arts = story("The defence argued that no customer lost money. This argument did not convince the judge.",
                 "The lawyers said the customers were repaid in full. That argument the judge rejected.",
                 "The trial ended on Thursday.")
    ctx = context(arts, with_story_entities(arts)[1], [Alignment(
        "a0", (arts[0].statements[1].id, arts[1].statements[1].id), "paraphrase", 0.95)], [])
    assert "a0" in ctx.coverage.corroborated and "a0" not in ctx.coverage.agreed
    assert not [f for f in coverage_findings(ctx) if f.type == "omission"]
    # A bare reply answers the sentence before it, which the other outlet may not share.
    arts = story("The defence argued that no customer lost money. Judge Porter disagreed.",
                 "The lawyers said the plan was legal. Judge Porter disagreed.", "The trial ended on Thursday.")
    ctx = context(arts, with_story_entities(arts)[1], [Alignment(
        "a0", (arts[0].statements[1].id, arts[1].statements[1].id), "same", 0.99)], [])
    assert "a0" not in ctx.coverage.agreed


def test_an_omission_of_a_fact_told_only_in_other_languages_is_less_sure() -> None:
    from newsprism.comparison.confidence import SURE, confidence_of

    texts = [("Le ferry a pris feu lundi près de l'île. Les pompiers de trois villes ont combattu les flammes.", "fr"),
             ("Un ferry a brûlé lundi au large de l'île. Trois casernes de pompiers sont intervenues à bord.", "fr"),
             ("The port was closed on Monday. Fishermen mended their nets on the quay.", "en"),
             ("Gulls circled over the quay. The harbour master declined to comment.", "en")]
    arts = analyze_articles([article_from_text(t, published="2024-05-10", language=lang, source=f"Outlet {chr(65 + i)}")
                             for i, (t, lang) in enumerate(texts)], AnalyzeOptions(embeddings=False))
    arts, entities = with_story_entities(arts)
    ctx = context(arts, entities, _alignments(arts, 1), [])
    omissions = [f for f in coverage_findings(ctx) if f.type == "omission"]
    assert {f.article_ids[0] for f in omissions} == {arts[2].article.id, arts[3].article.id}
    assert all(f.data.get("other_languages") is True and confidence_of(f) < SURE for f in omissions)
    # Told in the article's own language too, the check was made word for word: no such flag.
    same = story("The ferry caught fire on Monday near the island.", "A ferry burned on Monday off the island.",
                 "The port was closed.", "Gulls circled over the quay.")
    told = context(same, with_story_entities(same)[1], _alignments(same, 1), [])
    assert all("other_languages" not in f.data for f in coverage_findings(told) if f.type == "omission")


def test_a_member_in_a_language_without_an_analyser_does_not_veto_the_shared_core() -> None:
    from newsprism.comparison.coverage import shared_core

    texts = [("The ferry caught fire on Monday near the island, the coast guard said.", "en"),
             ("The ferry caught fire on Monday near the island and sank.", "en"),
             ("Le ferry a pris feu lundi près de l'île.", "fr")]
    arts = analyze_articles([article_from_text(t, published="2024-05-10", language=lang, source=f"Outlet {i}")
                             for i, (t, lang) in enumerate(texts)], AnalyzeOptions(embeddings=False))
    members = tuple(aa.statements[0].id for aa in arts)
    statements = {st.id: st for aa in arts for st in aa.statements}
    assert not statements[members[2]].terms  # the French sentence's words are not read
    core = shared_core(Alignment("a0", members, "partial", 0.9), statements)
    assert core in members[:2]
