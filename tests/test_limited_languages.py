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


def test_dates_numbers_and_quotations_by_their_marks_in_ukrainian_and_french() -> None:
    from datetime import date

    from newsprism.analysis import analyze_article

    uk = ("Регіональна влада 3 вересня 2024 року повідомила, що евакуювали 1 200 мешканців. "
          "«Загиблих немає, всі в безпеці», — сказав губернатор журналістам. Збитки сягнули 15%. "
          "Фільм «Тіні предків» покажуть знову.")
    fr = ("Le 5 mars, les autorités ont évacué 1 200 habitants.\n\nLe maire a déclaré : « La ville sera "
          "reconstruite avant l'hiver ».\n\nLe 31 juin, rien. Les dégâts atteignent 3,5 €.")
    a = analyze_article(Article("uk1", uk, language="uk", published=date(2024, 9, 4)), AnalyzeOptions(embeddings=False))
    assert [(t.span.text, t.start) for t in a.times] == [("3 вересня 2024", date(2024, 9, 3))]
    assert [(q.span.text, q.value, q.unit) for q in a.numbers] == [("1 200", 1200, None), ("15%", 15, "%")]
    # The quotation with its dash cue is one; a short title in quotation marks is none.
    assert [(q.content.text, q.cue.text if q.cue else None) for q in a.quotes] == [
        ("Загиблих немає, всі в безпеці", "сказав губернатор журналістам")]
    assert [st.kind for st in a.statements][:2] == ["claim", "reported"]
    b = analyze_article(Article("fr1", fr, language="fr", published=date(2024, 9, 4)), AnalyzeOptions(embeddings=False))
    # A missing year is the latest before publication; a day that does not exist is no date.
    assert [(t.span.text, t.start) for t in b.times] == [("5 mars", date(2024, 3, 5))]
    assert ("3,5 €", 3.5, "EUR") in [(q.span.text, q.value, q.unit) for q in b.numbers]
    assert [(q.content.text, q.cue.text if q.cue else None) for q in b.quotes] == [
        ("La ville sera reconstruite avant l'hiver", "Le maire a déclaré")]
    assert all(q.speaker is None and q.speaker_entity is None for q in (*a.quotes, *b.quotes))


def test_french_guillemets_with_their_spaces_keep_quotation_and_speaker_tag_together() -> None:
    from newsprism.ingest import article_from_text

    nb, narrow = "\u00a0", "\u202f"  # French sets guillemets off with (narrow) non-breaking spaces
    fr = (f"Le pont de Saint-Aubin restera fermé tout l'été. «{narrow}Faudra-t-il encore attendre{narrow}?{narrow}», "
          f"s'inquiète une commerçante du quartier. «{nb}Nous n'avions pas le choix. La pile centrale est "
          f"fissurée{nb}», a expliqué la présidente du conseil départemental, Mme Claire Vasseur, lundi soir. "
          f"«{nb}Les navettes sont gratuites{nb}», a précisé l'adjoint, M. Robert Lainé. "
          f"Selon l'ingénieur, «{nb}la réparation prendra au moins quatre mois{nb}». "
          "Le syndicat dénonce «un chantier sans fin».")
    a = analyze_articles([article_from_text(fr, language="fr")], AnalyzeOptions(embeddings=False))[0]
    sentences = [s.span.text for s in a.sentences]
    # The "?" inside the marks ends no sentence: the speaker tag after the closing mark stays with it.
    assert sentences[1] == "« Faudra-t-il encore attendre ? », s'inquiète une commerçante du quartier."
    assert not any(s.startswith("»") for s in sentences)
    assert [(q.content.text, q.cue.text if q.cue else None) for q in a.quotes] == [
        ("Faudra-t-il encore attendre ?", "s'inquiète une commerçante du quartier"),
        # A tag set off by a comma may name the speaker with a title; an initial's dot ends no sentence.
        ("Nous n'avions pas le choix. La pile centrale est fissurée",
         "a expliqué la présidente du conseil départemental, Mme Claire Vasseur, lundi soir"),
        ("Les navettes sont gratuites", "a précisé l'adjoint, M. Robert Lainé"),
        # The attribution before the marks, a sentence's first words and a comma.
        ("la réparation prendra au moins quatre mois", "Selon l'ingénieur"),
    ]  # and a short marked phrase in a sentence is a scare quote, no quotation


def test_a_french_incise_after_a_quotation_that_opens_its_sentence_may_name_a_long_title() -> None:
    from newsprism.ingest import article_from_text

    fr = ("« Quand rouvrirez-vous la gare ? », demande la journaliste Anne Roussel au ministre délégué "
          "chargé des Transports, Paul Mercier, sur le plateau de la chaîne régionale ce mercredi. "
          "Le conseil a voté un texte, « un compromis honorable pour tous les élus », selon lui.")
    a = analyze_articles([article_from_text(fr, language="fr")], AnalyzeOptions(embeddings=False))[0]
    assert [(q.content.text, q.cue.text.split()[-2:] if q.cue else None) for q in a.quotes] == [
        ("Quand rouvrirez-vous la gare ?", ["ce", "mercredi"]),
        ("un compromis honorable pour tous les élus", ["selon", "lui"])]


def test_straight_double_quotes_mark_quotations_in_a_limited_language() -> None:
    from newsprism.ingest import article_from_text

    es = ('La jueza fue tajante. Dijo que el acusado "nunca mostró remordimiento por el daño causado", según la '
          'agencia.\n\n"Vamos a apelar esta sentencia", declaró su abogado ante la prensa. El apodo "rey cripto" '
          'le acompañó durante años.')
    a = analyze_articles([article_from_text(es, language="es")], AnalyzeOptions(embeddings=False))[0]
    assert [(q.content.text, q.cue.text if q.cue else None) for q in a.quotes] == [
        ("nunca mostró remordimiento por el daño causado", "según la agencia"),
        ("Vamos a apelar esta sentencia", "declaró su abogado ante la prensa"),
    ]  # "rey cripto": a short marked phrase inside a sentence, no quotation


def test_the_digest_does_not_say_an_unread_languages_statement_tells_no_fact() -> None:
    # A limited language has no content words to judge by: its statements without a counterpart
    # are "not judged", never "no fact of their own".
    from newsprism.render.comparison import digest

    en = "Regional officials said on Tuesday that 1,200 residents were evacuated after a reservoir dam failed."
    fr = ("Le 5 mars, les autorités ont évacué 1 200 habitants après la rupture du barrage.\n\n"
          "Le musée municipal de Saint-Aubin rouvrira ses portes au printemps après trois ans de travaux.")
    arts = [Article(article_id(t), t, language=lang, origin=f"test-{lang}") for lang, t in (("en", en), ("fr", fr))]
    analysed = analyze_articles(arts, AnalyzeOptions(embedder=get_embedder(Config()), loaded=False))
    text = digest(compare_articles(analysed))
    museum = next(line for line in text.splitlines() if "Le musée municipal" in line)
    assert museum.lstrip().startswith(("?", "~")), museum
    assert "no fact of their own" not in text
