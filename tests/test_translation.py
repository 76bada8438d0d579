"""Traces of translation from Russian: back-transliterated names and calques (stories written for the tests)."""

from __future__ import annotations

import dataclasses
import json
import re
from importlib import resources

import jsonschema

from newsprism.comparison.findings import name_variants, translation_artifacts
from newsprism.comparison.translation import calques, round_trip_alike, translation_evidence
from newsprism.ingest import article_from_text
from test_findings import ctx_for, spans_ok, story

ENGLISH = ("Deputy Prime Minister Mykhailo Sorokin toured the flooded port of Varnek on Tuesday. "
           "Sorokin said repairs to the main quay would take a month.")
# Written as a machine translation from Russian reads: a word left in Cyrillic, the name romanised again.
TRANSLATED = ("Deputy Prime Minister Mikhaylo Sorokin visited the port of Varnek on Tuesday. "
              "According to him, the repair of the quay [займет] a month.")
PLAIN = ("Deputy Prime Minister Mikhaylo Sorokin visited the port of Varnek on Tuesday. "
         "According to him, the repair of the quay will take a month.")


def test_round_trip_through_cyrillic_explains_these_spellings_and_not_others() -> None:
    for a, b in [("Anthony", "Antony"), ("Zelenskyy", "Zelenskiy"), ("Zelensky", "Zelenskyy"), ("Dzhon", "John"),
                 ("Catherine", "Katherine"), ("Aleksey", "Alexei"), ("Yevgeny", "Evgeny"), ("Uilson", "Wilson"),
                 ("Mikhaylo", "Mykhailo"), ("Borrel", "Borrell")]:
        assert round_trip_alike(a, b), (a, b)
    for a, b in [("Marek", "Mirek"), ("Raymond", "Ray"), ("Daniel", "Danielle"), ("Olsen", "Olson")]:
        assert not round_trip_alike(a, b), (a, b)


def test_a_back_transliterated_name_is_a_translation_artifact_not_a_name_variant() -> None:
    arts = story(ENGLISH, TRANSLATED)
    ctx = ctx_for(arts)
    names = [f for f in translation_artifacts(ctx) if f.data["kind"] == "back-transliterated name"]
    assert len(names) == 1
    f = names[0]
    assert f.data["fragment"] == "Mikhaylo Sorokin" and f.data["usual"] == "Mykhailo Sorokin"
    assert f.severity == "warning" and "back-transliteration from Russian" in f.message
    assert 'other outlets write "Mykhailo Sorokin"' in f.message and "[займет]" in f.data["evidence"][0]
    assert set(f.article_ids) == {arts[0].article.id, arts[1].article.id}
    spans_ok(names, arts)
    assert not name_variants(ctx)  # not said twice


def test_without_translation_evidence_a_respelling_stays_a_name_variant() -> None:
    arts = story(ENGLISH, PLAIN)
    ctx = ctx_for(arts)
    assert not [f for f in translation_artifacts(ctx) if f.data["kind"] == "back-transliterated name"]
    (variant,) = name_variants(ctx)
    assert set(variant.data["spellings"]) == {"Mykhailo Sorokin", "Mikhaylo Sorokin"}


def test_a_respelling_no_round_trip_explains_stays_a_name_variant() -> None:
    arts = story("Harbour master Marek Dvorak closed the port on Tuesday, officials said.",
                 "Harbour master Mirek Dvorak closed the port [порт] on Tuesday, officials said.")
    ctx = ctx_for(arts)
    assert not [f for f in translation_artifacts(ctx) if f.data["kind"] == "back-transliterated name"]
    assert len(name_variants(ctx)) == 1


def test_the_spelling_of_a_translated_text_is_not_the_odd_one_when_an_untranslated_text_shares_it() -> None:
    arts = story(ENGLISH, TRANSLATED.replace("Mikhaylo", "Mykhailo"),
                 "Mikhaylo Sorokin toured the port of Varnek on Tuesday, officials said.")
    names = [f for f in translation_artifacts(ctx_for(arts)) if f.data["kind"] == "back-transliterated name"]
    assert not names  # the odd spelling is an English outlet's own: a name variant, not translation


def test_calques_only_in_a_text_that_reads_as_a_translation() -> None:
    body = ("The head of Ukrainian diplomacy met his Polish counterpart on Monday, the press service of the "
            "ministry said. The military department reported no losses.")
    arts = story(body + " Talks [продолжатся] next week.", body + " Talks will go on next week.")
    found = [f for f in translation_artifacts(ctx_for(arts)) if f.data["kind"] == "calque"]
    assert [f.data["fragment"] for f in found] == ["head of Ukrainian diplomacy", "press service of",
                                                   "military department"]
    assert {f.article_ids for f in found} == {(arts[0].article.id,)}
    assert all(f.data["russian"] and f.data["usual"] and f.data["evidence"] for f in found)
    spans_ok(found, arts)


def test_the_calque_table_is_versioned_sourced_and_leaves_loaded_terms_to_the_lexicons() -> None:
    version, table = calques()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version) and 3 <= len(table) <= 30
    assert all(c.russian and c.english and c.note and c.source for c in table)
    assert not any(c.pattern.search("the special military operation") for c in table)


def test_a_machine_translation_proxy_address_is_evidence() -> None:
    art = article_from_text("The governor said the bridge would reopen.", language="en",
                            url="https://news-example-ru.translate.goog/a/1?_x_tr_sl=ru&_x_tr_tl=en")
    (aa,) = story("The governor said the bridge would reopen.")
    assert translation_evidence(dataclasses.replace(aa, article=art))
    assert not translation_evidence(aa)


def test_the_new_kinds_validate_against_the_schema() -> None:
    schema = json.loads(resources.files("newsprism.schemas").joinpath("comparison.schema.json").read_text("utf-8"))
    check = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/data_translation_artifact"})
    arts = story(ENGLISH, TRANSLATED + " The head of Ukrainian diplomacy was there.")
    found = translation_artifacts(ctx_for(arts))
    assert {f.data["kind"] for f in found} == {"untranslated fragment", "back-transliterated name", "calque"}
    for f in found:
        check.validate(f.data)
    bad = dict(next(f.data for f in found if f.data["kind"] == "calque"))
    del bad["russian"]
    assert not check.is_valid(bad)


def test_compare_reports_the_back_transliteration_once_and_no_name_variant() -> None:
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.analysis.embed import get_embedder
    from newsprism.comparison import compare_articles
    from newsprism.config import Config

    arts = [article_from_text(t, language="en", published="2024-05-10", source=s)
            for t, s in ((ENGLISH, "Outlet A"), (TRANSLATED, "Outlet B"))]
    result = compare_articles(analyze_articles(arts, AnalyzeOptions(embedder=get_embedder(Config()), loaded=False)))
    kinds = [(f.type, f.data.get("kind")) for f in result.findings]
    assert kinds.count(("translation_artifact", "back-transliterated name")) == 1
    assert ("name_variant", None) not in kinds
    (name,) = [f for f in result.findings if f.data.get("kind") == "back-transliterated name"]
    assert name.severity == "warning" and name.confidence >= 0.7  # shown, as the other mechanical checks
