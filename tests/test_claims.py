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
