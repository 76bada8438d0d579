"""Grouping on small stories written for the test: events, not topics; copies; languages; the store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsprism.analysis.embed import get_embedder
from newsprism.config import Config
from newsprism.group import Grouper, featurise, group_articles, publication_order
from newsprism.ingest import article_from_text
from newsprism.model import Article
from newsprism.store import StoryQuery, open_store
from newsprism.stories import IngestOptions, ingest_to_store
from newsprism.stories_group import regroup


def a(text: str, source: str, day: str, title: str, language: str = "en") -> Article:
    return article_from_text(text, source=source, published=day, title=title, language=language)


# Two ferry strikes in the same port, three months apart: one type of event, two events.
MARCH = [
    a("Ferry crews in Portsmouth walked out on Tuesday over pay, halting crossings to the Isle of Wight. "
      "The RMT union said 300 workers joined the strike.", "Harbour Gazette", "2024-03-05",
      "Ferry crews strike in Portsmouth over pay"),
    a("Crossings to the Isle of Wight were cancelled on Tuesday as Portsmouth ferry workers went on strike, "
      "the RMT said, in a dispute over a pay offer.", "South Coast Post", "2024-03-05",
      "Portsmouth ferry strike cancels Isle of Wight crossings"),
    a("About 300 ferry workers struck in Portsmouth on Tuesday, the RMT union said, leaving passengers for the "
      "Isle of Wight stranded.", "Channel News", "2024-03-06", "Strike leaves Isle of Wight ferry passengers stranded"),
]
JUNE = [
    a("Ferry workers in Portsmouth began a second strike on Friday after safety talks collapsed, Unite said. "
      "Sailings to Cherbourg and Le Havre were suspended.", "Harbour Gazette", "2024-06-14",
      "Second Portsmouth ferry strike halts sailings to France"),
    a("Sailings from Portsmouth to Cherbourg and Le Havre were suspended on Friday as ferry staff walked out "
      "again, this time over safety, the Unite union said.", "Channel News", "2024-06-14",
      "Portsmouth ferry staff walk out again over safety"),
    a("Unite said Portsmouth ferry crews struck on Friday over safety rosters; crossings to Cherbourg and "
      "Le Havre will not run until Sunday.", "Maritime Daily", "2024-06-15", "Ferry crews strike over safety rosters"),
]
OTHER = [
    a("The city council approved a new cycle lane along the seafront on Wednesday after a public consultation "
      "drew 4,000 responses.", "Harbour Gazette", "2024-03-06", "Seafront cycle lane approved"),
]


@pytest.fixture(scope="module")
def embedder() -> object:
    return get_embedder(Config())


def members(stories: list, articles: list[Article]) -> set[frozenset[int]]:
    index = {art.id: i for i, art in enumerate(articles)}
    return {frozenset(index[x] for x in s.article_ids) for s in stories}


def test_two_events_of_one_type_on_different_days_are_two_stories(embedder: object) -> None:
    articles = MARCH + JUNE + OTHER
    stories = group_articles(publication_order(articles), embedder)
    assert members(stories, articles) == {frozenset({0, 1, 2}), frozenset({3, 4, 5}), frozenset({6})}
    march = next(s for s in stories if MARCH[0].id in s.article_ids)
    assert march.first_published == date(2024, 3, 5) and march.last_published == date(2024, 3, 6)


# Two undated reports each of two quakes of one type in one region: the numbers they lead with
# (magnitude, toll) are what tells the events apart.
QUAKES = [
    article_from_text("An earthquake of magnitude 6.1 shook the north of the island early on Monday, killing 12 people "
                      "and injuring 85, the disaster agency said. Rescue teams searched collapsed homes in the hill "
                      "towns.", source="Island Wire", title="Island quake kills 12", language="en"),
    article_from_text("Rescuers in the north of the island searched for survivors after the 6.1 quake, which left 12 "
                      "dead and 85 injured, officials said.", source="Coast Herald",
                      title="Search for survivors after island earthquake", language="en"),
    article_from_text("A 5.4 magnitude earthquake hit the north of the island, leaving 3 people dead and 40 injured, "
                      "according to the disaster agency. Several old buildings collapsed.", source="Island Wire",
                      title="Earthquake hits the island's north", language="en"),
    article_from_text("Officials said 3 people were killed and 40 hurt by the 5.4 quake in the north of the island; "
                      "schools were closed as rescue teams checked buildings.", source="Coast Herald",
                      title="Quake in the north of the island kills 3", language="en"),
]


def test_the_numbers_reports_lead_with_tell_two_undated_events_apart(embedder: object) -> None:
    stories = group_articles(QUAKES, embedder)
    assert members(stories, QUAKES) == {frozenset({0, 1}), frozenset({2, 3})}


def test_numbers_are_spelled_alike_across_scripts_and_decimal_marks() -> None:
    import numpy as np

    article = article_from_text("Un séisme de magnitude 6,1 a fait ١٢ morts.", title="Séisme", language="fr")
    (features,) = featurise([article], None, vectors={article.id: np.zeros(4, dtype=np.float32)})
    assert {"6.1", "12"} <= features.lead_numbers


def test_the_same_articles_in_any_order_give_the_same_stories(embedder: object) -> None:
    articles = MARCH + JUNE + OTHER
    forward = members(group_articles(articles, embedder), articles)
    backward = members(group_articles(articles[::-1], embedder), articles)
    assert forward == backward


def test_wire_copies_are_grouped_as_copies_of_the_first(embedder: object) -> None:
    wire = ("Ferry crews in Portsmouth walked out on Tuesday over pay, halting crossings to the Isle of Wight, "
            "the RMT union said. About 300 workers joined the strike, which is due to last 48 hours, and the "
            "operator said it was disappointed that talks had failed after three rounds of negotiations.")
    copy = wire.replace("disappointed", "very disappointed")
    first = a(wire, "Wire Service", "2024-03-05", "Ferry strike")
    second = a(copy, "Town Paper", "2024-03-05", "Ferry staff strike")
    grouper = Grouper(384)
    grouper.add_many(featurise([first, second], embedder))
    got = grouper.add_many(featurise([a(copy + " Updated.", "Third Paper", "2024-03-05", "Strike")], embedder))
    story = grouper.story_of(first.id)
    assert story is not None and story.article_ids[0] == first.id and len(story.article_ids) == 3
    assert story.copies[second.id] == first.id and got[0].copy_of == first.id


def test_the_same_event_in_two_languages_is_one_story(embedder: object) -> None:
    en = a("A magnitude 6.1 earthquake struck off the coast of Crete on Thursday, Greek seismologists said. "
           "No injuries were reported.", "Athens Wire", "2024-05-02", "Strong earthquake strikes off Crete")
    ru = a("Землетрясение магнитудой 6,1 произошло в четверг у побережья Крита, сообщили греческие сейсмологи. "
           "О пострадавших не сообщается.", "Лента", "2024-05-02", "Сильное землетрясение у берегов Крита", "ru")
    other = a("Parliament passed the annual budget on Thursday by 160 votes to 140 after a long debate.",
              "Athens Wire", "2024-05-02", "Budget passed")
    stories = group_articles([en, other, ru], embedder)
    assert members(stories, [en, other, ru]) == {frozenset({0, 2}), frozenset({1})}


def test_ingest_groups_into_the_store_resumes_and_regroup_rebuilds(tmp_path: Path, embedder: object) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, art in enumerate(MARCH + JUNE + OTHER):
        record = {"text": art.text, "title": art.title, "source": art.source, "date": str(art.published)}
        (folder / f"{i}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "news.db"
    with open_store(db) as store:
        first = ingest_to_store([folder / f"{i}.jsonl" for i in range(4)], store, options=IngestOptions(batch_size=2))
        assert first.progress.added == 4
        second = ingest_to_store([folder], store, options=IngestOptions(batch_size=2))  # the stored ones restored
        assert second.progress.added == 3 and second.progress.existing == 4
        rows = store.list_stories(StoryQuery())
        assert sorted(r.articles for r in rows) == [1, 3, 3]
        assert [r.articles for r in store.list_stories(StoryQuery(query="Cherbourg"))] == [3]
        before = {frozenset(s.article_ids) for s in store.iter_stories()}
        n, stories, _ = regroup(store)
        assert (n, stories) == (7, 3) and {frozenset(s.article_ids) for s in store.iter_stories()} == before


def _jaccard_one(mine: list[int], theirs: list[int]) -> float:
    """The bottom-k MinHash estimate written out for one pair (the reference the batched one must equal)."""
    if not mine or not theirs:
        return 0.0
    union = sorted(set(mine) | set(theirs))[: max(len(mine), len(theirs))]
    return sum(1 for x in set(mine) & set(theirs) if x <= union[-1]) / len(union)


def test_first_copy_is_the_first_neighbour_the_pairwise_estimate_finds() -> None:
    import random

    import numpy as np

    from newsprism.group._arrays import first_copy

    rng = random.Random(3)
    for _ in range(600):
        mine = sorted(rng.sample(range(1, 10**6), rng.choice([0, 1, 20, 64])))
        others = []
        for _ in range(rng.randrange(1, 17)):
            keep = [x for x in mine if rng.random() < rng.choice([0.3, 0.8, 0.9, 1.0])]
            others.append(sorted(set(keep + rng.sample(range(1, 10**6), rng.randrange(0, 40))))[:64])
        theirs = np.asarray([x for o in others for x in o], dtype=np.uint64)
        seg = np.repeat(np.arange(len(others)), [len(o) for o in others])
        want = [_jaccard_one(mine, o) for o in others]
        mine_ = np.asarray(mine, dtype=np.uint64)
        for at_least in (0.3, 0.6, 0.9):
            first = next((i for i, w in enumerate(want) if w >= at_least), -1)
            assert first_copy(mine_, theirs, seg, len(others), at_least) == first


def _reference_pair(o: Any, a: Any, b: Any, df: dict[str, int], n: int) -> float:
    """One pair score written out as the module docstring states it (``b`` keeps all its words)."""
    import math

    def weights(terms: dict[str, float]) -> tuple[dict[str, float], float]:
        w = {t: c * (math.log((n + 1) / (df.get(t, 0) + 1)) + 1.0) for t, c in terms.items()}
        return w, math.sqrt(sum(v * v for v in w.values())) or 1.0

    (wa, na), (wb, nb) = weights(a.terms), weights(b.terms)
    cosine = float(np.dot(a.vector, b.vector))
    if a.language and b.language and a.language != b.language:
        value = (o.semantic + o.lexical) * (cosine - o.semantic_mid) / o.semantic_scale
    else:
        lexical = sum(v * wb.get(t, 0.0) for t, v in wa.items()) / (na * nb)
        names = len(a.names & b.names) / max(1, min(len(a.names), len(b.names)))
        value = (o.lexical * (lexical - o.lexical_mid) / o.lexical_scale
                 + o.semantic * (cosine - o.semantic_mid) / o.semantic_scale
                 + o.names * (names - o.names_mid) / o.names_scale)
    told = echoed = 0
    for x, y in ((a, b), (b, a)):
        if len(y.numbers) >= o.numbers_min:
            told += len(x.lead_numbers)
            echoed += len(x.lead_numbers & y.numbers)
    if told:
        value += o.numbers * min(o.numbers_cap, (echoed / told - o.numbers_mid) / o.numbers_scale)
    if a.dates & b.dates:
        value += o.dates
    if a.years and b.years and not a.years & b.years:
        value -= o.year_penalty
    if a.published is not None and b.published is not None:
        gap = abs((a.published - b.published).days)
        if gap > o.max_gap_days:
            value -= min(o.gap_cap, o.gap_penalty * (gap - o.max_gap_days) / 7)
    return value


def test_batched_pair_scores_equal_the_pair_formula() -> None:
    import random
    from collections import Counter
    from datetime import timedelta

    from newsprism.group import ArticleFeatures

    rng = random.Random(5)
    words, names, numbers = [f"w{i}" for i in range(60)], [f"n{i}" for i in range(15)], [str(i) for i in range(12)]

    def features(i: int) -> ArticleFeatures:
        v = np.asarray([rng.gauss(0, 1) for _ in range(8)], dtype=np.float32)
        return ArticleFeatures(
            f"a{i}", rng.choice([None, date(2024, 1, 1) + timedelta(days=rng.randrange(60))]), None,
            rng.choice([None, "en", "en", "fr"]), f"t{i}", v / np.linalg.norm(v),
            {w: 1.0 + rng.random() for w in rng.sample(words, rng.randrange(0, 25))},
            frozenset(rng.sample(names, rng.randrange(0, 6))), frozenset(rng.sample(range(2000, 2006), rng.randrange(3))),
            frozenset(rng.sample(numbers, rng.randrange(0, 4))), frozenset(rng.sample(numbers, rng.randrange(0, 8))),
            dates=frozenset(rng.sample([101, 624, 1231], rng.randrange(3))))

    grouper = Grouper(8)
    members = [features(i) for i in range(40)]
    for i, f in enumerate(members):
        grouper.place(f, f"s{i % 7}", "t", "")
    df = Counter(t for f in members for t in f.terms)
    for j in range(20):
        a = features(100 + j)
        query, _, _ = grouper._members.query(a)
        got = grouper._members.pairs(query, list(range(len(members))))
        want = [_reference_pair(grouper.options, a, b, df, len(members)) for b in members]
        assert np.allclose(got, want, rtol=0, atol=1e-5)  # float32 cosines, summed in another order
    # The merge check's matrix: each row is the pair scores of one grouped article with the others.
    some = list(range(0, 40, 3))
    matrix = grouper._members.pair_matrix(list(range(40)), some)
    for x in range(40):
        row = grouper._members.pairs(grouper._members.member_query(x), some)
        assert np.allclose(matrix[x], row, rtol=0, atol=1e-5)


def test_the_stories_the_posting_lists_alone_find_are_bounded_and_the_best_kept() -> None:
    """However many stories share the article's heaviest words, only ``word_stories`` are scored:
    those that the most of its words lead to."""
    from newsprism.group import ArticleFeatures, GroupOptions

    def features(i: int, words: dict[str, float], vector: np.ndarray) -> ArticleFeatures:
        return ArticleFeatures(f"a{i}", None, None, "en", f"t{i}", vector, words)

    rng = np.random.default_rng(3)
    grouper = Grouper(8, GroupOptions(neighbours=1, word_stories=3))
    shared = {"alpha": 3.0, "beta": 2.0, "gamma": 1.0}
    for i in range(20):  # twenty stories, each sharing one heavy word with the article below
        v = rng.normal(size=8).astype(np.float32)
        grouper.place(features(i, {list(shared)[i % 3]: 1.0, f"own{i}": 1.0}, v / np.linalg.norm(v)), f"s{i}", "t", "")
    both = rng.normal(size=8).astype(np.float32)  # two stories sharing two of the article's words each
    for i in (20, 21):
        grouper.place(features(i, {"alpha": 1.0, "beta": 1.0}, both / np.linalg.norm(both)), f"s{i}", "t", "")
    _, words, weights = grouper._members.query(features(99, shared, both / np.linalg.norm(both)))
    heavy = [words[i] for i in np.argsort(-weights, kind="stable")]
    found = grouper._word_stories(heavy, {})
    assert len(found) == 3
    assert {grouper._stories[c].id for c in found[:2]} == {"s20", "s21"}


def test_the_calendar_days_a_text_names_are_read_in_many_languages() -> None:
    from newsprism.group._dates import mentioned_days

    assert mentioned_days("The deputy was shot on June 24, 2005, police said.") == {624}
    assert mentioned_days("the Sept. 3 vote") == {903}
    assert mentioned_days("Заместитель шерифа был убит 24 июня 2005 года.") == {624}
    assert mentioned_days("Am 24. Dez. wurde er verhaftet; le 3 mars, il est parti.") == {1224, 303}
    assert mentioned_days("ocurrió el 10 de septiembre") == {910}
    assert mentioned_days("2010-09-10, 11.09.2010 and 9月12日") == {910, 911, 912}
    assert mentioned_days("Jan Kowalski has 5 dogs and 24 cats.") == frozenset()
    # A weekday named alone is the latest such day on or before the publication date.
    assert mentioned_days("Police said on Thursday", date(2010, 9, 10)) == {909}
    assert mentioned_days("Police said on Thursday") == frozenset()


def test_a_later_report_naming_the_day_a_story_came_out_is_not_kept_apart_by_the_gap() -> None:
    """A report a month later that names the day the story's articles came out (the trial's report
    naming the day of the shooting) is scored against that story without the publication-gap penalty."""
    from newsprism.group import ArticleFeatures

    v = np.ones(8, dtype=np.float32) / np.sqrt(8)

    def features(i: int, day: date, days: frozenset[int]) -> ArticleFeatures:
        return ArticleFeatures(f"a{i}", day, None, "en", "t", v, {"kraft": 1.0, "shooting": 1.0}, days=days)

    scores = []
    for named in (frozenset(), frozenset({305})):
        grouper = Grouper(8)
        grouper.place(features(0, date(2024, 3, 5), frozenset()), "s0", "t", "")
        grouper.place(features(1, date(2024, 3, 5), frozenset()), "s0", "t", "")
        scores.append(grouper.add(features(2, date(2024, 4, 5), named | {405})).score)
    o = grouper.options
    assert scores[1] - scores[0] == pytest.approx(o.gap_cap * (1 - o.date_relief), abs=1e-3)


def test_the_days_a_text_writes_out_are_told_from_those_read_from_a_weekday() -> None:
    from newsprism.group._dates import read_days

    named, written = read_days("The deputy was shot on June 24; police said on Thursday", date(2010, 9, 10))
    assert named == {624, 909} and written == {624}
    assert read_days("2010-09-10 and 9月12日")[1] == {910, 912}


def test_two_reports_that_date_the_event_alike_score_higher_than_on_a_shared_weekday() -> None:
    """Two undated reports writing out the same calendar day ("on June 24") gain ``dates``; a day
    read from a weekday ("on Thursday": one day for every event of that week) gains nothing."""
    from newsprism.group import ArticleFeatures

    v = np.ones(8, dtype=np.float32) / np.sqrt(8)

    def features(i: int, days: frozenset[int], dates: frozenset[int]) -> ArticleFeatures:
        return ArticleFeatures(f"a{i}", None, None, "en", "t", v, {"kraft": 1.0, "shooting": 1.0},
                               days=days, dates=dates)

    scores = []
    for days, dates in ((frozenset(), frozenset()), (frozenset({624}), frozenset()), (frozenset({624}), frozenset({624}))):
        grouper = Grouper(8)
        grouper.place(features(0, days, dates), "s0", "t", "")
        scores.append(grouper.add(features(1, days, dates)).score)
    assert scores[1] == pytest.approx(scores[0], abs=1e-6)
    assert scores[2] - scores[0] == pytest.approx(grouper.options.dates, abs=1e-3) and grouper.options.dates > 0


def test_featurise_keeps_the_written_days_apart_from_the_weekdays() -> None:
    article = article_from_text("Police said on Thursday that the deputy was shot on June 24.", title="Shooting",
                                language="en", published="2010-09-10")
    (features,) = featurise([article], None, vectors={article.id: np.zeros(4, dtype=np.float32)})
    assert features.days == {624, 909} and features.dates == {624}
