"""The typed JSON contract: every finding type, with its own ``data`` schema, from a real ``compare``.

One story of four reports of an invented event, written for these tests, is compared the way a
user runs it (``newsprism.compare`` on a JSONL file, embeddings on). Between them the reports
carry every finding type: a weekday that does not fit its date, two dates, two ship counts and
two speakers and two airports for one fact, a quotation worded differently, a name spelled two ways, a wire copy,
an untranslated fragment, loaded words (lexicon; the span tagger's finding is added as `learned=True` makes it), facts only one outlet has and
facts the fourth report leaves out, and outlets that quote only their own side.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest

import newsprism
from newsprism.model import Finding, FindingType
from newsprism.render.comparison import comparison_to_json
from newsprism.report import ComparisonReport

ROOT = Path(__file__).parent.parent

HERALD = """Polish Foreign Minister Katarzyna Nowak met German Foreign Minister Jonas Weber in Gdansk on Tuesday, May 7, to discuss a new ferry link across the Baltic.

The ferry link will open in 2026, with 3 ships serving the route.

The first ship will sail from Gdansk to Kiel on June 1, 2026, the ministers said.

"This is a historic step for both our nations," Nowak told reporters after the meeting.

"We will not let anyone delay this project," Nowak said.

Nowak said the harbour in Gdansk would be rebuilt first.

Weber's government plane landed at Brzezno Airport early on the morning of the talks.

Local fishermen have complained for years that the harbour was neglected.
"""

POST = """Polish Foreign Minister Katarina Nowak met German Foreign Minister Jonas Weber in Gdansk on Thursday, May 8, to discuss a new ferry link across the Baltic.

The ferry link will open in 2026, with 4 ships serving the route.

The first ship will sail from Gdansk to Kiel on June 3, 2026, the ministers said.

"This is a historic step for both our nations," Weber told reporters after the meeting.

"We had an open and honest conversation about the ferry," Weber said.

A German Foreign Ministry spokesman said the ships [будут] be built in Kiel.

The harbour in Gdansk will be rebuilt first.

Weber's government plane touched down at Oliwa Airport early on the morning of the talks.

The sham consultation with residents lasted only a week.
"""

# The Herald's text without its last paragraph: a wire copy, one source with the Herald.
COAST = HERALD.replace("Local fishermen have complained for years that the harbour was neglected.\n", "")

COURIER = """German Foreign Minister Jonas Weber flew back to Berlin on Friday.

Weber described the talks in Gdansk as "open" and "constructive".

Critics called the planners spineless crooks who shamelessly betrayed the fishermen.

Opposition lawmakers have asked for a debate on the cost of the ferry programme.
"""

STORY = [
    {"source": "Baltic Herald", "title": "Poland and Germany agree on Baltic ferry link", "text": HERALD},
    {"source": "Rhine Post", "title": "Ferry deal signed in Gdansk", "text": POST},
    {"source": "Coast Daily", "title": "Baltic ferry link agreed", "text": COAST},
    {"source": "Berlin Courier", "title": "Weber returns to Berlin", "text": COURIER},
]


def _schema() -> dict[str, Any]:
    text = resources.files("newsprism").joinpath("schemas/comparison.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.FormatChecker())


def _schema_types() -> list[str]:
    return list(_schema()["$defs"]["finding_type"]["enum"])


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> ComparisonReport:
    path = tmp_path_factory.mktemp("ferry") / "ferry.jsonl"
    path.write_text("".join(json.dumps({**rec, "published": "2024-05-09", "language": "en"}) + "\n"
                            for rec in STORY), encoding="utf-8")
    got = newsprism.compare([path])
    assert not got.errors and not got.notes
    return got


@pytest.fixture(scope="module")
def document(report: ComparisonReport) -> dict[str, Any]:
    """The report's JSON, with the span tagger's finding, which ``compare`` makes only when asked."""
    from newsprism.comparison.confidence import CONFIDENCE
    from newsprism.comparison.loaded_findings import loaded_language_findings

    cmp = report.comparison
    assert not [f for f in cmp.findings if f.data.get("learned")]
    outlets = {aa.article.id: aa.article.source or aa.article.id for aa in cmp.articles}
    names = {e.id: e.name for e in cmp.entities}
    learned = [dataclasses.replace(f, id=f"f{len(cmp.findings) + i}", confidence=CONFIDENCE["loaded_language:learned"])
               for i, f in enumerate(f for f in loaded_language_findings(cmp.articles, outlets, names, learned=True)
                                     if f.data.get("learned"))]
    assert learned
    cmp = dataclasses.replace(cmp, findings=(*cmp.findings, *learned))
    return json.loads(comparison_to_json(cmp))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    report = newsprism.compare([ROOT / "examples/blinken-lavrov-afp.txt", ROOT / "examples/blinken-lavrov-ru-state.txt"])
    return json.loads(report.to_json())  # type: ignore[no-any-return]


def _of(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for f in document["findings"] if f["type"] == kind]


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())


def test_schema_enum_is_the_code_literal() -> None:
    assert _schema_types() == list(get_args(FindingType))
    rules = [r["if"]["properties"]["type"]["const"] for r in _schema()["properties"]["findings"]["items"]["allOf"]]
    assert sorted(rules) == sorted(get_args(FindingType))  # one data rule per type, none extra


def test_every_finding_type_is_produced_and_valid(document: dict[str, Any]) -> None:
    _validator().validate(document)
    assert {f["type"] for f in document["findings"]} == set(get_args(FindingType))
    # Both data shapes of the types that have two.
    assert {f["severity"] for f in _of(document, "attribution_conflict")} == {"warning", "info"}
    assert {bool(f["data"].get("learned")) for f in _of(document, "loaded_language")} == {True, False}


def test_finding_data_points_at_records_of_the_document(document: dict[str, Any]) -> None:
    statements = {s["id"]: s for s in document["statements"]}
    alignments = {a["id"] for a in document["alignments"]}
    entities = {e["id"] for e in document["entities"]}
    articles = {a["id"] for a in document["articles"]}
    for f in document["findings"]:
        data = f["data"]
        if data.get("alignment_id") is not None:
            assert data["alignment_id"] in alignments, f
        for key in ("dates", "values", "wordings", "unconfirmed"):
            assert set(data.get(key, {})) <= set(statements), f
        for key in ("attributed", "unattributed", "statement_id"):
            assert data.get(key) is None or data[key] in statements, f
        for key in ("reported_by", "article_ids"):
            assert set(data.get(key, [])) <= articles, f
        assert set(data.get("statement_ids", [])) <= set(statements)
        if f["type"] == "voice_imbalance":
            assert set(data["sides"]) == set(data["speakers"]) == articles
            assert {e for counts in data["speakers"].values() for e in counts} <= entities
        if f["type"] == "attribution_conflict":
            assert set(data.get("speakers", {})) <= set(statements)
            assert set(data.get("speakers", {}).values()) | {data.get("speaker")} - {None} <= entities
        if f["type"] == "name_variant":
            assert data["entity_id"] in entities
            assert {a for ids in data["spellings"].values() for a in ids} <= articles


def test_finding_data_says_what_the_reports_say(document: dict[str, Any]) -> None:
    (weekday,) = _of(document, "date_weekday_mismatch")
    assert weekday["data"] == {"stated_weekday": "Thursday", "date": "2024-05-08", "actual_weekday": "Wednesday"}
    assert {tuple(sorted(f["data"]["values"].values())) for f in _of(document, "number_conflict")} == {(3, 4)}
    assert all(f["data"]["unit"] for f in _of(document, "number_conflict"))
    assert {tuple(sorted(f["data"]["dates"].values())) for f in _of(document, "date_conflict")} \
        >= {("2024-05-07", "2024-05-08"), ("2026-06-01", "2026-06-03")}
    assert {tuple(sorted(f["data"]["places"].values())) for f in _of(document, "place_conflict")} \
        == {("Brzezno Airport", "Oliwa Airport")}
    (artifact,) = _of(document, "translation_artifact")
    assert artifact["data"] == {"fragment": "[будут]", "script": "Cyrillic", "kind": "untranslated fragment",
                                "bracketed": True}
    (name,) = _of(document, "name_variant")
    assert set(name["data"]["spellings"]) == {"Katarzyna Nowak", "Katarina Nowak"}
    (wire,) = _of(document, "wire_copy")
    assert len(wire["data"]["article_ids"]) == 2
    learned = [f for f in _of(document, "loaded_language") if f["data"].get("learned")]
    assert all(0 <= w["probability"] <= 1 for f in learned for w in f["data"]["words"])
    assert any(f["data"].get("term") == "sham" and f["data"]["in_quote"] is False
               for f in _of(document, "loaded_language"))


def test_the_example_story_validates(example: dict[str, Any]) -> None:
    _validator().validate(example)
    assert example["findings"]


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to the first finding of a type (of ``loaded_language``: the tagger's): ``"type.key.key"`` set to ``value``."""
    kind, *keys = path.split(".")

    def change(doc: dict[str, Any]) -> None:
        node = next(f for f in doc["findings"] if f["type"] == kind and (kind != "loaded_language"
                                                                          or "learned" in f["data"]))
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return change


def _drop(kind: str, key: str) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        del next(f for f in doc["findings"] if f["type"] == kind)["data"][key]
    return change


@pytest.mark.parametrize("change", [
    pytest.param(_set("number_conflict.data.values", {"x:st0": "3", "y:st0": "4"}), id="numbers-as-strings"),
    pytest.param(_set("date_weekday_mismatch.data.date", "8 May 2024"), id="date-not-iso"),
    pytest.param(_set("date_weekday_mismatch.data.stated_weekday", "Thu"), id="weekday-not-a-name"),
    pytest.param(_set("translation_artifact.data.bracketed", "yes"), id="flag-not-boolean"),
    pytest.param(_set("wire_copy.data.article_ids", "a,b"), id="ids-not-a-list"),
    pytest.param(_set("omission.data.guess", 0.5), id="key-the-closed-data-lacks"),
    pytest.param(_set("loaded_language.data.words", []), id="tagger-finding-without-words"),
    pytest.param(_set("voice_imbalance.data.missing", [1]), id="side-not-a-name"),
    pytest.param(_set("attribution_conflict.severity", "error"), id="severity-the-type-never-has"),
    pytest.param(_set("single_source.type", "exclusive"), id="unknown-type"),
    pytest.param(_drop("quote_variant", "wordings"), id="required-key-missing"),
    pytest.param(_drop("date_conflict", "alignment_id"), id="alignment-id-missing"),
])
def test_a_wrong_finding_fails_validation(document: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> None:
    bad = copy.deepcopy(document)
    change(bad)
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(bad)


def test_a_finding_built_in_code_is_checked_through_the_renderer(report: ComparisonReport) -> None:
    conflict = next(f for f in report.findings if f.type == "number_conflict")

    def rendered(data: dict[str, Any]) -> dict[str, Any]:
        extra = Finding("f99", "number_conflict", "warning", "hand-built", conflict.article_ids, conflict.evidence, data)
        cmp = dataclasses.replace(report.comparison, findings=(*report.comparison.findings, extra))
        return json.loads(comparison_to_json(cmp))  # type: ignore[no-any-return]

    _validator().validate(rendered(dict(conflict.data)))
    with pytest.raises(jsonschema.ValidationError, match="is not of type 'number'"):
        _validator().validate(rendered({**conflict.data, "values": dict.fromkeys(conflict.data["values"], "3")}))


def test_readme_tables_every_finding_type() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \| (info|warning)", readme, re.MULTILINE)
    assert [t for t, _ in rows] == list(get_args(FindingType))
    for kind, severity in rows:  # the severity the README gives is the one the schema allows
        rule = next(r for r in _schema()["properties"]["findings"]["items"]["allOf"]
                    if r["if"]["properties"]["type"]["const"] == kind)
        assert severity in json.dumps(rule["then"]), kind


def test_an_update_or_a_direction_validates(report: ComparisonReport) -> None:
    conflict = next(f for f in report.findings if f.type == "number_conflict")
    update = Finding("f98", "number_conflict", "info", "rose", conflict.article_ids, conflict.evidence,
                     {**conflict.data, "change": "update"})
    direction = Finding("f99", "place_conflict", "warning", "two directions", conflict.article_ids, conflict.evidence,
                        {"alignment_id": None, "statement_ids": ["s1", "s2"], "reason": "direction",
                         "places": dict.fromkeys(conflict.article_ids, "north of X")})
    cmp = dataclasses.replace(report.comparison, findings=(*report.comparison.findings, update, direction))
    _validator().validate(json.loads(comparison_to_json(cmp)))
    bad = Finding("f97", "number_conflict", "info", "x", conflict.article_ids, conflict.evidence,
                  {**conflict.data, "change": "later"})
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(json.loads(comparison_to_json(
            dataclasses.replace(report.comparison, findings=(*report.comparison.findings, bad)))))


def test_a_headline_span_is_checked_against_the_title(report: ComparisonReport) -> None:
    from newsprism.errors import StageError
    from newsprism.model import Span
    from newsprism.pipeline import check_comparison

    cmp = report.comparison
    aa = cmp.articles[0]
    titled = dataclasses.replace(aa, article=dataclasses.replace(aa.article, title="Brazen plan for the ferry"))
    lexicon = next(f for f in cmp.findings if f.type == "loaded_language" and not f.data.get("learned"))
    span = Span(aa.article.id, 0, 6, "Brazen", "title")
    hit = dataclasses.replace(lexicon, id="f99", article_ids=(aa.article.id,), evidence=(span,))
    good = dataclasses.replace(cmp, articles=(titled, *cmp.articles[1:]), findings=(*cmp.findings, hit))
    check_comparison(good)
    document = json.loads(comparison_to_json(good))
    _validator().validate(document)
    assert document["findings"][-1]["evidence"] == [{**span.to_dict(), "field": "title"}]
    with pytest.raises(StageError):  # the same offsets do not hold the word in the text
        check_comparison(dataclasses.replace(good, findings=(*cmp.findings, dataclasses.replace(
            hit, evidence=(dataclasses.replace(span, field="text"),)))))
    bad = copy.deepcopy(document)
    bad["findings"][-1]["evidence"][0]["field"] = "body"
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(bad)
