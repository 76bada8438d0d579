"""Claims: the events inside statements, read from the parse. Small stories written for these tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsprism.analysis.claims import claim_for_trigger, find_claims
from newsprism.analysis.entities import find_entities
from newsprism.analysis.nlp import english
from newsprism.analysis.numbers import find_quantities
from newsprism.analysis.quotes import find_quotes
from newsprism.analysis.statements import build_statements, split_sentences
from newsprism.analysis.times import resolve_times
from newsprism.model import AnalyzedArticle, Argument, Article, Claim, article_id


def _analyze(text: str) -> tuple[AnalyzedArticle, Any]:
    article = Article(article_id(text), text, published=date(2024, 3, 15), language="en")
    doc = english()(text)
    entities = find_entities(article, doc)
    times = resolve_times(article, doc)
    numbers = find_quantities(article, doc)
    quotes = find_quotes(article, doc, entities)
    statements = build_statements(article, split_sentences(article, doc), quotes, times, numbers, doc)
    claims = find_claims(article, doc, statements, entities, times, numbers, quotes)
    aa = AnalyzedArticle(article, (), entities, times, numbers, quotes, statements, claims=claims)
    _check_exact(aa)
    return aa, doc


def _check_exact(aa: AnalyzedArticle) -> None:
    """Every claim and argument span is the article text at its offsets, inside its statement."""
    text = aa.article.text
    spans = {st.id: st.span for st in aa.statements}
    for n, c in enumerate(aa.claims):
        assert c.id == f"{aa.article.id}:c{n}"
        st = spans[c.statement_id]
        for sp in (c.span, c.trigger, *(a.span for a in c.arguments)):
            assert sp.article_id == aa.article.id
            assert sp.text == text[sp.start : sp.end] and sp.text
            assert st.start <= sp.start <= sp.end <= st.end, (sp, st)
        assert c.span.start <= c.trigger.start and c.trigger.end <= c.span.end
        assert all(c.span.start <= a.span.start and a.span.end <= c.span.end for a in c.arguments)
    starts = [c.trigger.start for c in aa.claims]
    assert starts == sorted(starts)


def _args(claim: Claim, role: str) -> list[str]:
    return [a.span.text for a in claim.arguments if a.role == role]


def _by_lemma(aa: AnalyzedArticle, lemma: str) -> list[Claim]:
    return [c for c in aa.claims if c.lemma == lemma]


def _one(aa: AnalyzedArticle, lemma: str) -> Claim:
    found = _by_lemma(aa, lemma)
    assert len(found) == 1, [(c.lemma, c.span.text) for c in aa.claims]
    return found[0]


def test_claim_for_trigger_on_a_verb_a_noun_and_an_adjective() -> None:
    text = "Officials held talks with the union in Lyon on Monday. The strike was brief, and the pickets looked tired."
    aa, doc = _analyze(text)
    idx = {t.text: t.i for t in doc}
    talks = claim_for_trigger(aa.article, doc, idx["talks"], "st-x", 7, aa.entities, aa.times, aa.numbers, aa.quotes)
    assert talks.id == f"{aa.article.id}:c7" and talks.statement_id == "st-x"
    assert (talks.trigger.text, talks.lemma, talks.pos) == ("talks", "talk", "NOUN")
    assert _args(talks, "agent") == ["Officials"]  # the light verb lends its subject
    assert _args(talks, "patient") == ["the union"]
    assert _args(talks, "place") == ["Lyon"]
    assert [a.time_id for a in talks.arguments if a.role == "time"] == [aa.times[0].id]
    lyon = next(a for a in talks.arguments if a.role == "place")
    assert lyon.entity_id is not None and lyon.head == "lyon"
    held = claim_for_trigger(aa.article, doc, idx["held"], "st-x", 0)
    assert held.lemma == "hold" and _args(held, "agent") == ["Officials"]
    assert [a.head for a in held.arguments if a.role == "patient"] == ["talk"]
    brief = claim_for_trigger(aa.article, doc, idx["brief"], "st-y", 1)
    assert brief.pos == "ADJ" and _args(brief, "patient") == ["The strike"]
    tired = claim_for_trigger(aa.article, doc, idx["tired"], "st-y", 2)
    assert tired.span.text in text and tired.span.start >= text.index("The strike")  # clipped to its sentence


def test_claim_for_trigger_never_raises_on_any_token() -> None:
    text = ("Rescuers -- working through the night -- pulled 12 miners out (alive!) on Sunday.\n\n"
            "\"Unbelievable,\" said one. Dead calm; then cheers.")
    aa, doc = _analyze(text)
    for tok in doc:
        c = claim_for_trigger(aa.article, doc, tok.i, "s", tok.i, aa.entities, aa.times, aa.numbers, aa.quotes)
        assert c.trigger.text == tok.text
        for sp in (c.span, *(a.span for a in c.arguments)):
            assert sp.text == text[sp.start : sp.end]
        assert "\n\n" not in c.span.text or tok.is_space
    with pytest.raises(IndexError):
        claim_for_trigger(aa.article, doc, len(doc), "s", 0)


def _roles(claim: Claim) -> list[tuple[str, str]]:
    return [(a.role, a.span.text) for a in claim.arguments]


def _show(claims: tuple[Claim, ...]) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(c.lemma, _roles(c)) for c in claims]


def _arg(claim: Claim, role: str) -> Argument:
    found = [a for a in claim.arguments if a.role == role]
    assert len(found) == 1, _roles(claim)
    return found[0]


def test_coordinated_verbs_are_claims_of_their_own_sharing_the_subject() -> None:
    aa, _ = _analyze("The harbour master inspected the ferry on Monday and ordered repairs to its hull.")
    inspect, order = _one(aa, "inspect"), _one(aa, "order")
    assert _args(inspect, "agent") == _args(order, "agent") == ["The harbour master"]
    assert _args(inspect, "patient") == ["the ferry"]
    assert [a.head for a in order.arguments if a.role == "patient"] == ["repair"]
    assert [a.role for a in inspect.arguments if a.time_id] == ["time"]
    assert not any(a.time_id for a in order.arguments)  # Monday is the inspection's


def test_coordinated_topics_split_into_claims_and_names_stay_one() -> None:
    aa, _ = _analyze("The senator pressed the envoy on fuel prices and on plans to close the border. "
                     "Later she met Anna Kowalski and Pedro Ruiz.")
    pressed = _by_lemma(aa, "press")
    assert [_args(c, "theme") for c in pressed] == [["fuel prices"], ["plans to close the border"]]
    assert all(_args(c, "patient") == ["the envoy"] and _args(c, "agent") == ["The senator"] for c in pressed)
    close = _one(aa, "close")
    assert close.modality == "plans" and _args(close, "patient") == ["the border"]
    met = _one(aa, "meet")  # two participants of one meeting: one claim, one argument each
    assert _args(met, "patient") == ["Anna Kowalski", "Pedro Ruiz"]
    assert all(a.entity_id is not None for a in met.arguments if a.role == "patient")


def test_an_event_among_coordinated_objects_splits_them() -> None:
    aa, _ = _analyze("The two mayors discussed the bridge closure and the new bus timetable.")
    assert [[a.head for a in c.arguments if a.role == "patient"] for c in _by_lemma(aa, "discuss")] \
        == [["closure"], ["timetable"]]


def test_passive_subject_is_the_patient_and_the_by_phrase_the_agent() -> None:
    aa, _ = _analyze("The old pier was destroyed by a storm. Three fishermen were rescued on Sunday.")
    destroy = _one(aa, "destroy")
    assert _args(destroy, "patient") == ["The old pier"] and _args(destroy, "agent") == ["a storm"]
    rescue = _one(aa, "rescue")
    assert _args(rescue, "patient") == ["Three fishermen"] and not _args(rescue, "agent")
    assert _arg(rescue, "patient").number_id == aa.numbers[0].id
    assert _arg(rescue, "time").time_id == aa.times[0].id


def test_negation() -> None:
    aa, _ = _analyze("The council did not approve the budget. The mayor never signed the order. "
                     "No agreement was reached. Nothing was decided. The clerk filed the papers.")
    assert [(c.lemma, c.negated) for c in aa.claims] == [
        ("approve", True), ("sign", True), ("agreement", True), ("decide", True), ("file", False)]


def test_modality() -> None:
    aa, _ = _analyze("The minister may resign. The rebels reportedly seized the airport. "
                     "The board is expected to approve the merger. The union plans to strike in May. "
                     "The firm would cut jobs if sales fall. Prices rose.")
    got = {c.lemma: c.modality for c in aa.claims}
    assert got["resign"] == "may" and got["seize"] == "reportedly" and got["approve"] == "expected"
    assert got["strike"] == "plans" and got["cut"] == "would" and got["fall"] == "if"
    assert got["rise"] is None
    assert "expect" not in got and "plan" not in got  # the wrappers are no events
    assert _args(_one(aa, "approve"), "agent") == ["The board"]  # the wrapper lends its subject


def test_an_event_noun_after_a_light_verb_is_the_trigger() -> None:
    aa, _ = _analyze("The two presidents held talks in Vienna on Tuesday. "
                     "The company made an offer to the workers. The inspectors paid a visit to the plant.")
    assert [c.lemma for c in aa.claims] == ["talk", "offer", "visit"]
    talks, offer, visit = aa.claims
    assert (talks.pos, _args(talks, "agent"), _args(talks, "place")) == ("NOUN", ["The two presidents"], ["Vienna"])
    assert [a.role for a in talks.arguments if a.time_id] == ["time"]
    assert _args(offer, "agent") == ["The company"] and _args(offer, "recipient") == ["the workers"]
    assert _args(visit, "agent") == ["The inspectors"]
    assert talks.span.text == "The two presidents held talks in Vienna on Tuesday"  # the light verb inside


def test_reported_speech_gives_the_content_its_source_and_no_claim_to_the_cue() -> None:
    aa, _ = _analyze("Harbour chief Ines Moreau said the ferry would resume service next week. "
                     "According to the ministry, the tunnel reopened on Friday. Moreau said nothing else.")
    assert "say" in [c.lemma for c in aa.claims]  # "said nothing": no content, a claim
    resume = _one(aa, "resume")
    moreau = next(e.id for e in aa.entities if "Moreau" in e.name)
    assert resume.source == moreau and resume.source_span is not None and resume.source_span.text == "Harbour chief Ines Moreau"
    assert resume.modality == "would" and _args(resume, "agent") == ["the ferry"]
    assert [a.role for a in resume.arguments if a.time_id] == ["time"]
    reopen = _one(aa, "reopen")
    assert reopen.source_span is not None and reopen.source_span.text == "the ministry"
    said = [c for c in aa.claims if c.lemma == "say"]
    assert len(said) == 1 and said[0].negated and said[0].source is None
    assert not any(c.lemma == "accord" for c in aa.claims)


def test_a_direct_quote_is_its_speakers() -> None:
    aa, _ = _analyze('"We will rebuild the school before winter," Mayor Tomas Berg told reporters.')
    assert [c.lemma for c in aa.claims] == ["rebuild"]
    rebuild = aa.claims[0]
    assert rebuild.source_span is not None and rebuild.source_span.text == "Mayor Tomas Berg"
    assert rebuild.source is not None and _args(rebuild, "patient") == ["the school"]
    assert aa.statements[0].speaker == rebuild.source


def test_every_statement_gets_a_claim_and_spans_are_exact_on_varied_texts() -> None:
    texts = [
        "FLOOD WARNING FOR RIVER TOWNS\n\nHeavy rain — up to 80 mm — is forecast for Thursday (local time).",
        "Workers, who had not been paid since March, blocked the road; police later cleared it.\n\n"
        "“It’s a disgrace,” one said. The strike, the third this year, cost the firm $2.5 million.",
        "Fire at a warehouse in the port of Gdynia. Two injured.",
    ]
    for text in texts:
        aa, _ = _analyze(text)  # exact spans are checked there
        assert {c.statement_id for c in aa.claims} == {st.id for st in aa.statements}
        assert all(c.lemma and c.pos for c in aa.claims)


def test_a_quotation_of_a_few_words_leaves_the_clause_reported() -> None:
    aa, _ = _analyze('Coach Lena Ivars said the team was playing "like never before."')
    assert [c.lemma for c in aa.claims] == ["play"]
    play = aa.claims[0]
    assert play.source_span is not None and play.source_span.text == "Coach Lena Ivars"
    assert _args(play, "agent") == ["the team"]


def test_an_event_noun_as_subject_of_be_is_the_trigger() -> None:
    aa, _ = _analyze("A meeting of the two councils is on the agenda. The councils are to vote in June.")
    meeting = aa.claims[0]
    assert (meeting.lemma, _args(meeting, "theme")) == ("meeting", ["the agenda"])
    vote = _one(aa, "vote")
    assert vote.modality == "are" and _args(vote, "agent") == ["The councils"]


def test_analysis_json_and_markdown_carry_the_claims() -> None:
    import dataclasses
    import json

    from newsprism.analysis import AnalyzeOptions, analyze_article
    from newsprism.errors import StageError
    from newsprism.pipeline import check_analysis
    from newsprism.render.analysis import analysis_to_dict, analysis_to_markdown

    text = "The port authority said the new terminal would open in April. Dockers did not strike."
    aa = analyze_article(Article(article_id(text), text, language="en"), AnalyzeOptions(embeddings=False))
    record = json.loads(json.dumps(analysis_to_dict(aa)))
    assert [c["lemma"] for c in record["claims"]] == ["open", "strike"]
    opened, strike = record["claims"]
    assert set(opened) == {"id", "statement_id", "trigger", "lemma", "pos", "span", "arguments", "negated",
                           "modality", "source", "source_span"}
    for sp in (opened["trigger"], opened["span"], opened["source_span"], *(a["span"] for a in opened["arguments"])):
        assert text[sp["start"] : sp["end"]] == sp["text"] and sp["article_id"] == aa.article.id
    assert {a["role"] for a in opened["arguments"]} == {"agent", "time"}
    assert set(opened["arguments"][0]) == {"role", "span", "head", "entity_id", "time_id", "number_id"}
    assert opened["modality"] == "would" and opened["source_span"]["text"] == "The port authority"
    assert strike["negated"] and strike["statement_id"] == aa.statements[1].id
    md = analysis_to_markdown(aa)
    assert "*open* (agent: the new terminal; time: in April) — would, says The port authority" in md
    assert "*strike* (agent: Dockers) — not" in md
    wrong = dataclasses.replace(aa.claims[1], statement_id="nowhere")
    with pytest.raises(StageError, match="claim"):
        check_analysis(dataclasses.replace(aa, claims=(aa.claims[0], wrong)))


def test_an_event_said_to_be_the_first_is_the_event() -> None:
    aa, _ = _analyze("The phone call was the first between the two rivals since June.")
    assert aa.claims[0].lemma == "call" and [a.role for a in aa.claims[0].arguments if a.time_id] == ["time"]
