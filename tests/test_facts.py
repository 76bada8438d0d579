"""Facts: claims clustered across articles (average link, cannot-links), relations and coverage on facts."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.comparison._fact_score import trigger_match
from newsprism.comparison.events import (
    FEATURES,
    MIN_PAIRS,
    QUAD_FEATURES,
    EventMention,
    EventPairModel,
    LemmaPairTable,
    doc_cophenetic,
    name_words,
    pair_features,
    tfidf_cosines,
    tfidf_idf,
    tfidf_words,
    trigger_context,
)
from newsprism.comparison.facts import cluster_claims, fact_coverage
from newsprism.model import Article, Claim, Coverage, Fact, Span


def _claim(article: str, n: int, lemma: str = "meet") -> Claim:
    span = Span(article, 0, 4, "text")
    return Claim(f"{article}:c{n}", f"{article}:st{n}", span, lemma, "VERB", span)


def test_trigger_forms_and_families() -> None:
    assert trigger_match("propose", "proposal") == 1.0  # a noun formed from the verb
    assert trigger_match("talk", "conversation") == 0.8
    assert trigger_match("swap", "exchange") == 0.8
    assert trigger_match("offer", "proposal") == 0.8
    assert trigger_match("crash", "vote") == 0.0


def test_tfidf_cosines_identical_disjoint_and_symmetric() -> None:
    texts = ["Storm floods the coastal town", "storm floods the coastal town!", "Parliament passes budget", ""]
    m = tfidf_cosines(texts)
    assert m.shape == (4, 4)
    assert np.allclose(m, m.T)
    assert np.allclose(np.diag(m), 1.0)
    assert m[0, 1] == pytest.approx(1.0)  # case and punctuation do not count
    assert m[0, 2] == 0.0 and m[0, 3] == 0.0 and m[2, 3] == 0.0


def test_tfidf_rare_shared_word_outweighs_common_one() -> None:
    # Document 0 shares "tornado" (in two documents) with 1 and "police" (in four) with 2.
    texts = ["police tornado", "tornado warning", "police election", "police vote", "police budget"]
    m = tfidf_cosines(texts)
    assert m[0, 1] > m[0, 2] > 0.0
    # IDF over a larger collection where "tornado" is the common word turns the order round.
    idf = tfidf_idf(texts + ["tornado"] * 20)
    assert idf["police"] > idf["tornado"]
    m2 = tfidf_cosines(texts, idf)
    assert m2[0, 2] > m2[0, 1] > 0.0
    assert tfidf_cosines(["zebra", "zebra"], {})[0, 1] == 0.0  # words the IDF lacks are not counted


def test_tfidf_words_keep_numbers_and_any_script_drop_function_words() -> None:
    assert tfidf_words("The quake killed 12 in Tōhoku") == ["quake", "killed", "12", "tōhoku"]
    assert tfidf_words("Взрыв в Москве: 7 погибших") == ["взрыв", "в", "москве", "7", "погибших"]
    m = tfidf_cosines(["12 killed in quake", "7 killed in quake", "12 killed in quake"])
    assert m[0, 2] == pytest.approx(1.0) and m[0, 1] < 0.9  # a different count tells documents apart


def test_doc_cophenetic_groups_documents_by_names_and_numbers() -> None:
    assert name_words("A storm hit Lisbon on Monday, 12 dead") == "Lisbon Monday 12"
    texts = ["A storm hit Lisbon, killing 12 near Porto", "Lisbon storm: 12 killed, Porto flooded",
             "A storm hit Manila, killing 40 in Luzon", "Manila storm leaves 40 dead in Luzon"]
    coph = doc_cophenetic(texts)
    assert np.allclose(coph, coph.T) and np.allclose(np.diag(coph), 1.0)
    assert coph[0, 1] > coph[0, 2] and coph[2, 3] > coph[1, 3]  # one storm's reports join first
    assert doc_cophenetic(["only one"]).shape == (1, 1)


def test_lemma_pair_table_counts_leaves_own_story_out_and_prunes() -> None:
    table = LemmaPairTable()
    # Two invented stories: "kill" / "murder" corefers in both; "meet" / "vote" never, in many pairs.
    table.add({("kill", "murder"): (3, 4), ("meet", "vote"): (0, MIN_PAIRS)})
    table.add({LemmaPairTable.key("murder", "kill"): (1, 2), ("arrest", "free"): (0, 2)})
    assert table.counts[("kill", "murder")] == (4, 6, 2)
    rate, stories, seen, same, other = table.values("murder", "kill", 0.0)
    assert rate == pytest.approx(4.1 / 7.0) and stories == pytest.approx(np.log1p(2)) and seen == 1.0
    assert same == 0.0 and other == pytest.approx(rate)
    # The first story's own counts left out: only the second story speaks.
    assert table.values("kill", "murder", 0.0, (3, 4))[0] == pytest.approx(1.1 / 3.0)
    assert table.values("meet", "vote", 0.0)[:3] == (pytest.approx(0.1 / (MIN_PAIRS + 1)), 0.0, 1.0)
    assert table.values("arrest", "free", 0.0) == (0.0,) * 5  # too few pairs to say "never"
    assert table.values("sing", "dance", 1.0) == (0.0,) * 5  # never seen
    assert set(table.pruned().counts) == {("kill", "murder"), ("meet", "vote")}
    assert LemmaPairTable.from_rows(table.to_rows()) == table


def test_event_pair_features_carry_lexicon_and_products() -> None:
    a = EventMention("a", "d1", "kill", "VERB", "Gunman kills two", args=frozenset({"gunman"}))
    b = EventMention("b", "d2", "murder", "VERB", "Two murdered by gunman", args=frozenset({"gunman"}))
    table = LemmaPairTable({("kill", "murder"): (5, 10, 3)})
    plain = pair_features(a, b, 0.8, 0.7, 0.5, 0.6, 0.4)
    with_table = pair_features(a, b, 0.8, 0.7, 0.5, 0.6, 0.4, table=table)
    assert list(with_table) == list(FEATURES) and len(QUAD_FEATURES) == 91
    assert plain["pair_rate"] == 0.0 and with_table["pair_rate"] == pytest.approx(5.1 / 11)
    assert with_table["trigger_cos*sentence_cos"] == pytest.approx(0.8 * 0.7)
    assert with_table["arg_overlap*arg_overlap"] == 1.0
    n = len(FEATURES)
    model = EventPairModel(np.zeros(n), 0.0, np.zeros(n), np.ones(n), 0.3, table=table)
    again = EventPairModel.from_dict(model.to_dict())
    assert again.table == table and again.threshold == 0.3


def test_trigger_context_is_a_window_of_words_around_the_trigger() -> None:
    text = "On Monday the board fired the coach after a long losing run."
    start = text.index("fired")
    assert trigger_context(text, start, start + 5, 2) == "the board fired the coach"
    assert trigger_context(text, 0, 2, 2) == "On Monday the"
    assert trigger_context(text, start, start + 5, 2) in text
    assert trigger_context("", 0, 0) == ""


def test_context_cosine_feature_falls_back_to_the_sentence() -> None:
    a = EventMention("a", "d1", "fire", "VERB", "The board fired the coach", context="board fired the coach")
    b = EventMention("b", "d2", "sack", "VERB", "The coach was sacked", context="coach was sacked")
    assert pair_features(a, b, 0.8, 0.7, 0.5, 0.6, 0.4)["context_cos"] == 0.7
    got = pair_features(a, b, 0.8, 0.7, 0.5, 0.6, 0.4, context_cos=0.9)
    assert got["context_cos"] == 0.9 and got["lemma_same*context_cos"] == 0.0
    assert got["context_cos*context_cos"] == pytest.approx(0.81)


def test_average_link_is_not_transitive_closure() -> None:
    # a-b and b-c score high, a-c nothing: single link would chain all three, average link does not.
    claims = [_claim("A", 0), _claim("B", 0), _claim("C", 0)]
    table = {("A:c0", "B:c0"): 0.9, ("B:c0", "C:c0"): 0.8}

    def scorer(x: Claim, y: Claim) -> float:
        return table.get((x.id, y.id), table.get((y.id, x.id), 0.0))

    clusters, lows = cluster_claims(claims, [(0, 1), (1, 2), (0, 2)], scorer, 0.5)
    assert clusters == [[0, 1], [2]]
    assert lows[0] == pytest.approx(0.9)


def test_claims_of_one_article_join_only_on_strong_evidence() -> None:
    claims = [_claim("A", 0), _claim("A", 1), _claim("B", 0)]
    table = {("A:c0", "B:c0"): 0.9, ("A:c1", "B:c0"): 0.9, ("A:c0", "A:c1"): 0.3}

    def scorer(x: Claim, y: Claim) -> float:
        return table.get((x.id, y.id), table.get((y.id, x.id), 0.0))

    clusters, _ = cluster_claims(claims, [(0, 2), (1, 2)], scorer, 0.4)
    assert sorted(map(len, clusters)) == [1, 2]  # B's claim joins one of A's, never both
    table[("A:c0", "A:c1")] = 0.95
    clusters, _ = cluster_claims(claims, [(0, 2), (1, 2)], scorer, 0.4)
    assert clusters == [[0, 1, 2]]


def test_coverage_counts_wire_copies_once() -> None:
    from newsprism.model import AnalyzedArticle

    arts = [AnalyzedArticle(Article(a, "x")) for a in ("A", "A2", "B", "C")]
    facts = (Fact("s:f1", ("A:c0", "A2:c0"), ("A", "A2")),             # told by one text in two outlets
             Fact("s:f2", ("A:c1", "B:c1"), ("A", "B")),
             Fact("s:f3", ("B:c2", "C:c2"), ("B", "C")),
             Fact("s:f4", ("C:c3",), ("C",)))
    cov = fact_coverage(Coverage((), {}, {}, source_of={"A": "A", "A2": "A", "B": "B", "C": "C"}), arts, facts)
    assert cov.agreed_facts == ("s:f2", "s:f3")
    assert cov.only_facts["A"] == ("s:f1",) and cov.only_facts["A2"] == ()  # listed once, not under each copy
    assert cov.only_facts["C"] == ("s:f4",)
    assert cov.omitted_facts["C"] == ("s:f2",) and cov.omitted_facts["A"] == ("s:f3",)
    assert cov.omitted_facts["A2"] == ("s:f3",)  # f2: the other sources are A (its own) and B only


# Two reports of one invented event, written for this test.
REPORT_A = """The city council of Harlow voted on Tuesday to close the Marsh Street bridge for repairs.

The repairs will cost 4 million euros, the council said.

Mayor Ilse Varga said the bridge had become unsafe for lorries.
"""
REPORT_B = """Harlow's city council decided on Tuesday to close the Marsh Street bridge so that it can be repaired.

Officials put the cost of the repairs at 6 million euros.

Local shop owners fear the closure will keep customers away.
"""


@pytest.fixture(scope="module")
def bridge() -> object:
    from newsprism.analysis import analyze_articles
    from newsprism.comparison import CompareOptions, compare_articles

    arts = [Article("a", REPORT_A, source="Harlow Post", language="en"),
            Article("b", REPORT_B, source="Valley News", language="en")]
    return compare_articles(analyze_articles(arts), CompareOptions(facts=True))


def test_story_facts_cover_every_claim_once(bridge: object) -> None:
    from newsprism.model import Comparison

    assert isinstance(bridge, Comparison)
    claims = [c.id for aa in bridge.articles for c in aa.claims]
    held = [c for f in bridge.facts for c in f.claim_ids]
    assert sorted(held) == sorted(claims)
    assert all(f.id.startswith(bridge.story.id + ":f") for f in bridge.facts)
    shared = [f for f in bridge.facts if f.id in bridge.coverage.agreed_facts]
    assert shared, "the closing of the bridge is told by both"
    assert all(set(f.relations) == set(f.article_ids) for f in shared)


def test_different_numbers_are_never_same(bridge: object) -> None:
    from newsprism.model import Comparison

    assert isinstance(bridge, Comparison)
    numbers = {q.id for aa in bridge.articles for q in aa.numbers}
    claims = {c.id: c for aa in bridge.articles for c in aa.claims}
    for f in bridge.facts:
        with_numbers = [c for c in f.claim_ids if any(a.number_id in numbers for a in claims[c].arguments)]
        if len({claims[c].article_id for c in with_numbers}) > 1:
            assert "same" not in f.relations.values()


def test_scores_are_probabilities() -> None:
    assert np.isfinite(trigger_match("", "x"))


def test_claims_become_event_mentions(bridge: object) -> None:
    from newsprism.comparison._claim_events import mentions_of
    from newsprism.comparison._fact_score import describe_claims
    from newsprism.comparison.events import REPORTING_LEMMAS
    from newsprism.model import Comparison

    assert isinstance(bridge, Comparison)
    infos = describe_claims(bridge.articles)
    mentions = mentions_of(bridge.articles, infos)
    assert [m.id for m in mentions] == [x.claim.id for x in infos]
    statements = {st.id: st.span.text for aa in bridge.articles for st in aa.statements}
    for m, x in zip(mentions, infos, strict=True):
        assert m.lemma == x.claim.lemma and m.doc == x.claim.article_id
        assert m.sentence == statements[x.claim.statement_id]
        assert m.reporting == (x.claim.lemma in REPORTING_LEMMAS)
        assert m.speaker is None or m.reporting  # only a reporting trigger carries a speaker
        assert x.claim.trigger.text in m.context and m.context in m.sentence  # the trigger in its words


@pytest.mark.parametrize("method", ["events", "mix"])
def test_event_model_facts_cover_every_claim_once(bridge: object, method: str) -> None:
    from newsprism.comparison.align import align_story
    from newsprism.comparison.facts import story_facts
    from newsprism.model import Comparison

    assert isinstance(bridge, Comparison)
    scores = align_story(bridge.articles, bridge.entities).scores
    facts = story_facts(bridge.articles, scores, "s", method=method)  # type: ignore[arg-type]
    claims = [c.id for aa in bridge.articles for c in aa.claims]
    assert sorted(c for f in facts for c in f.claim_ids) == sorted(claims)
    assert any(len(f.article_ids) == 2 for f in facts), "the closing of the bridge is told by both"
