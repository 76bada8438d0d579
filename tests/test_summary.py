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
