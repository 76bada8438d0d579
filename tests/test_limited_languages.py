"""Articles in a language without its own analysers: compared by embeddings, and the notes say what was not possible."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.analysis.embed import get_embedder
from newsprism.comparison import LIMITED_ANALYSIS, compare_articles
from newsprism.config import Config
from newsprism.model import Article, article_id
from newsprism.render.comparison import comparison_to_dict, comparison_to_markdown

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
    # Every output says it: the JSON (valid against the schema) and the Markdown.
    doc = comparison_to_dict(result)
    schema = json.loads(resources.files("newsprism.schemas").joinpath("comparison.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert f"test-uk (uk): {LIMITED_ANALYSIS}" in doc["notes"]
    markdown = comparison_to_markdown(result)
    assert "## Notes" in markdown and "test-uk" in markdown.split("## Notes")[1]  # parentheses come out escaped
