"""The neutral summary: corroborated facts only, each in its least loaded wording, citing all."""

from __future__ import annotations

from newsprism.comparison.coverage import compute_coverage
from newsprism.comparison.summary import build_summary
from newsprism.model import Alignment, AnalyzedArticle, Article, Span, Statement, StatementKind, article_id


def _article(sentences: list[tuple[str, StatementKind]]) -> AnalyzedArticle:
    text = " ".join(s for s, _ in sentences)
    aid = article_id(text)
    out, pos = [], 0
    for n, (sentence, kind) in enumerate(sentences):
        out.append(Statement(f"{aid}:st{n}", Span(aid, pos, pos + len(sentence), sentence), kind))
        pos += len(sentence) + 1
    return AnalyzedArticle(Article(aid, text, language="en"), statements=tuple(out))


A = _article([("The two ministers spoke by phone on Friday.", "claim"),
              ("The council will vote on the budget next week.", "claim"),
              ("Only this outlet says the talks lasted an hour.", "claim")])
B = _article([("The ministers of the two countries held a telephone call on Friday.", "claim"),
              ("The regime's puppet council will vote on its budget next week.", "claim"),
              ("Officials said the weather was fine.", "reported")])
C = _article([("A third outlet reports nothing the others do.", "claim")])


def _story() -> tuple[list[AnalyzedArticle], list[Alignment]]:
    a, b = A.statements, B.statements
    alignments = [Alignment("a1", (a[0].id, b[0].id), "paraphrase", 0.9),
                  Alignment("a2", (a[1].id, b[1].id), "paraphrase", 0.7)]
    return [A, B, C], alignments


def test_summary_cites_every_statement_and_never_uses_single_source_material() -> None:
    arts, alignments = _story()
    summary = build_summary(arts, alignments, compute_coverage(arts, alignments))
    assert [s.citations for s in summary] == [al.statement_ids for al in alignments]
    texts = [s.text for s in summary]
    assert not any("Only this outlet" in t or "weather" in t or "third outlet" in t for t in texts)
    for s in summary:  # each sentence is the text of one of the statements it cites
        assert s.text in {st.span.text for aa in arts for st in aa.statements if st.id in s.citations}


def test_a_partial_alignment_is_no_agreement() -> None:
    # Two sentences that share part of what they say: either one, as "what they agree on", would
    # claim agreement on the rest.
    arts, (first, second) = _story()
    partial = Alignment(second.id, second.statement_ids, "partial", 0.9)
    summary = build_summary(arts, [first, partial], compute_coverage(arts, [first, partial]))
    assert [s.citations for s in summary] == [first.statement_ids]


def _with_terms(aa: AnalyzedArticle, terms: list[tuple[str, ...]]) -> AnalyzedArticle:
    sts = tuple(Statement(st.id, st.span, st.kind, terms=t) for st, t in zip(aa.statements, terms, strict=False))
    return AnalyzedArticle(aa.article, statements=sts + aa.statements[len(sts):])


def test_a_partial_alignment_agrees_on_its_shared_core() -> None:
    # "The storm made landfall near the bay as a category 3 hurricane" is all in the longer
    # sentence, which adds the deaths: the shorter one is what both tell, and only it is used.
    core = ("storm", "make", "landfall", "bay", "category", "3", "hurricane")
    a = _with_terms(A, [core])
    b = _with_terms(B, [(*core, "kill", "four", "people")])
    partial = Alignment("a1", (a.statements[0].id, b.statements[0].id), "partial", 0.7)
    cov = compute_coverage([a, b], [partial])
    assert cov.agreed == {"a1": a.statements[0].id}
    summary = build_summary([a, b], [partial], cov, loaded={a.statements[0].id: 0.9})
    assert [(s.text, s.citations) for s in summary] == [(a.statements[0].span.text, partial.statement_ids)]
    # A count the other does not give is no shared core.
    c = _with_terms(B, [("storm", "make", "landfall", "bay", "category", "4", "hurricane")])
    other = Alignment("a1", (a.statements[0].id, c.statements[0].id), "partial", 0.7)
    assert not build_summary([a, c], [other], compute_coverage([a, c], [other]))


def test_summary_prefers_the_wording_with_fewer_loaded_terms() -> None:
    arts, alignments = _story()
    b_budget = B.statements[1].id
    # The sentence model misses the label (its score is lower), the lexicon names it: the hit wins.
    summary = build_summary(arts, alignments, compute_coverage(arts, alignments),
                            loaded={A.statements[1].id: 0.3, b_budget: 0.1}, flagged={b_budget: 2})
    assert summary[1].text == A.statements[1].span.text
    # Without hits the lower score decides, and it can pick either outlet.
    summary = build_summary(arts, alignments, compute_coverage(arts, alignments),
                            loaded={A.statements[1].id: 0.3, b_budget: 0.1})
    assert summary[1].text == B.statements[1].span.text


def test_wire_copies_corroborate_nothing() -> None:
    arts, alignments = _story()
    same = (frozenset({A.article.id, B.article.id}),)
    assert build_summary(arts, alignments, compute_coverage(arts, alignments, same)) == ()


def test_summary_prefers_a_wording_that_names_who_over_a_pronoun() -> None:
    x = _article([("He said that 40 people were missing.", "reported")])
    y = _article([("Mayor Ana Ruiz said that 40 people were still missing.", "reported")])
    alignments = [Alignment("a1", (x.statements[0].id, y.statements[0].id), "paraphrase", 0.9)]
    (sentence,) = build_summary([x, y], alignments, compute_coverage([x, y], alignments))
    assert sentence.text.startswith("Mayor Ana Ruiz")


def test_summary_prefers_a_named_subject_over_both_or_all() -> None:
    for lead in ("Both conceded defeat on Sunday.", "All of them conceded defeat on Sunday."):
        x = _article([(lead, "claim")])
        y = _article([("Mayor Ana Ruiz also conceded defeat on Sunday.", "claim")])
        alignments = [Alignment("a1", (x.statements[0].id, y.statements[0].id), "paraphrase", 0.9)]
        (sentence,) = build_summary([x, y], alignments, compute_coverage([x, y], alignments))
        assert sentence.text.startswith("Mayor Ana Ruiz"), lead


def test_a_core_two_outlets_hold_is_agreed_though_a_third_adds_to_it() -> None:
    # Three outlets tell the landfall; the third adds a day and leaves out the category: no
    # sentence is held by all, yet two outlets tell one sentence's content whole.
    core = ("storm", "make", "landfall", "bay", "category", "3", "hurricane")
    a = _with_terms(A, [core])
    b = _with_terms(B, [(*core, "kill", "four", "people")])
    c = _with_terms(C, [("storm", "hit", "bay", "friday")])
    members = (a.statements[0].id, b.statements[0].id, c.statements[0].id)
    partial = Alignment("a1", members, "partial", 0.7)
    cov = compute_coverage([a, b, c], [partial])
    assert "a1" not in cov.agreed  # no omission is charged with it
    summary = build_summary([a, b, c], [partial], cov)
    assert [(s.text, s.citations) for s in summary] == [(a.statements[0].span.text, members)]
    # Held by nobody of another outlet: no agreement.
    d = _with_terms(B, [("storm", "make", "landfall", "bay", "category", "4", "hurricane")])
    other = Alignment("a1", (a.statements[0].id, d.statements[0].id, c.statements[0].id), "partial", 0.7)
    assert not build_summary([a, d, c], [other], compute_coverage([a, d, c], [other]))
