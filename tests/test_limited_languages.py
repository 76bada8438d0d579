"""Articles in a language without its own analysers: compared by embeddings, and the notes say what was not possible."""

from __future__ import annotations

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.analysis.embed import get_embedder
from newsprism.comparison import LIMITED_ANALYSIS, compare_articles
from newsprism.config import Config
from newsprism.model import Article, article_id

EN = ("Regional officials said on Tuesday that 1,200 residents were evacuated after a reservoir dam failed. "
      "\"Nobody has died,\" the governor told reporters.")
UK = ("У вівторок регіональна влада повідомила, що після прориву дамби водосховища евакуювали 1200 мешканців. "
      "«Загиблих немає», — сказав губернатор журналістам.")


def test_a_ukrainian_article_is_compared_and_its_missing_analyses_are_named() -> None:
    arts = [Article(article_id(t), t, language=lang, origin=f"test-{lang}") for lang, t in (("en", EN), ("uk", UK))]
    analysed = analyze_articles(arts, AnalyzeOptions(embedder=get_embedder(Config()), loaded=False))
    assert not analysed[1].entities and analysed[1].statements  # what the limited path gives, no more
    result = compare_articles(analysed)
    notes = [n for n in result.notes if n.startswith("test-uk")]
    assert notes == [f"test-uk (uk): {LIMITED_ANALYSIS}"]
    assert not any(n.startswith("test-en") for n in result.notes)  # English has every analysis
