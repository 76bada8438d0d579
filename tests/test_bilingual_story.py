"""A bilingual story written for the tests: cross-lingual entity resolution and statement alignment.

``tests/data/bilingual_story.json`` holds an invented event reported in English and in Russian, with
the entities both report and the statements that report one fact. None of its names is in the alias
table (transliteration must join them). Scores are precision and recall against that file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsprism import _models
from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.comparison import with_story_entities
from newsprism.comparison.align import align_statements
from newsprism.model import Article, article_id

STORY = json.loads((Path(__file__).parent / "data/bilingual_story.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def compared():  # type: ignore[no-untyped-def]
    from newsprism.analysis.embed import get_embedder
    from newsprism.config import Config

    arts = [Article(article_id(STORY[lang]), STORY[lang], language=lang, origin=f"test {lang}",
                    published=date.fromisoformat(STORY["date"])) for lang in ("en", "ru")]
    analysed = analyze_articles(arts, AnalyzeOptions(embedder=get_embedder(Config()), loaded=False))
    return with_story_entities(analysed)


def _norm(s: str) -> str:
    return s.lower().replace("ё", "е")


def test_cross_lingual_entities_have_precision_and_recall(compared) -> None:  # type: ignore[no-untyped-def]
    articles, entities = compared
    ids = [{a.article.id} for a in articles]
    cross = [e for e in entities if {m.span.article_id for m in e.mentions} >= ids[0] | ids[1]]
    gold = [(_norm(en), _norm(ru)) for en, ru in STORY["entities"]]

    def hits(e) -> bool:  # type: ignore[no-untyped-def]
        names = {_norm(v) for v in (e.name, *e.variants)}
        return any(en in names and ru in names for en, ru in gold)

    precision = sum(map(hits, cross)) / len(cross) if cross else 0.0
    recall = sum(any(en in {_norm(v) for v in (e.name, *e.variants)} and ru in {_norm(v) for v in (e.name, *e.variants)}
                     for e in cross) for en, ru in gold) / len(gold)
    # measured 2026-12-02: precision 1.0, recall 2/3 (Volgograd; «Аркадий Семёнов», printed «Семенов»,
    # with "Arkady Semyonov"); spaCy does not tag "Engineer Lidiya Kornilova"
    assert precision == 1.0, (precision, [(e.name, e.variants) for e in cross])
    assert recall >= 2 / 3, (recall, [(e.name, e.variants) for e in cross])


def test_a_name_with_yo_joins_its_english_spelling(compared) -> None:  # type: ignore[no-untyped-def]
    _, entities = compared
    assert any({"Arkady Semyonov", "Аркадий Семенов"} <= {e.name, *e.variants} for e in entities)


@pytest.mark.skipif(not _models.available(), reason="the calibrated cross-language head is in newsprism-models")
def test_statement_alignment_has_precision_and_recall(compared) -> None:  # type: ignore[no-untyped-def]
    articles, entities = compared
    text = {s.id: s.span.text for a in articles for s in a.statements}
    found = []
    for al in align_statements(articles, entities):
        en, ru = (text[i] for i in al.statement_ids[:2])
        found.append(any(e in en and r in ru for e, r in STORY["aligned"]))
    gold_hit = sum(any(e in text[al.statement_ids[0]] and r in text[al.statement_ids[1]]
                       for al in align_statements(articles, entities)) for e, r in STORY["aligned"])
    assert found, "no alignment across the two languages"
    # measured 2026-12-03 with the cross_language head over cosine, entities, numbers, dates and
    # negation (newsprism-models 0.1.5): precision 1.0 (5 of 5), recall 5/5; the cosine-only head
    # before it: precision 1.0, recall 3/5
    assert sum(found) / len(found) >= 0.8
    assert gold_hit / len(STORY["aligned"]) >= 0.8
