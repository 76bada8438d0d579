"""``newsprism export``: a real store (ingested, grouped, one story compared) written out as JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.cli import main
from newsprism.store import open_store
from newsprism.stories_group import compare_story

# One event told by two outlets, and an unrelated one: two stories.
ARTICLES = [
    {"text": "Firefighters contained a forest fire near the village of Ardmore on Sunday after two days, the "
             "county fire service said. About 400 hectares burned and 60 homes were evacuated as a precaution. "
             "Chief officer Maria Duncan said crews would stay overnight to watch for flare-ups. "
             "The cause of the fire is under investigation.",
     "title": "Ardmore forest fire contained after two days", "source": "Northern Echo", "date": "2024-07-14"},
    {"text": "A forest fire that forced the evacuation of 60 homes near Ardmore was brought under control on "
             "Sunday, the county fire service said. Chief officer Maria Duncan said 400 hectares had burned. "
             "Residents were allowed home in the evening. The road into the village reopened at dusk.",
     "title": "Fire near Ardmore under control, residents return", "source": "County Herald", "date": "2024-07-14"},
    {"text": "The town council voted on Tuesday to close the old library for a year of repairs to its roof, "
             "moving its books to the school hall.",
     "title": "Library to close for roof repairs", "source": "County Herald", "date": "2024-03-05"},
]


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def store_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = tmp_path / "news.db"
    assert main(["ingest", str(src), "--db", str(db), "--quiet"]) == 0
    capsys.readouterr()
    return db


def test_export_writes_stories_articles_and_the_findings_of_compared_stories(store_file: Path, tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "export.jsonl"
    assert main(["export", "--db", str(store_file), "-o", str(out)]) == 0
    records = lines(out)
    assert records[0] == {"kind": "export", "format": "newsprism.export/1", "newsprism": "0.1.0"}
    stories = [r for r in records if r["kind"] == "story"]
    articles = [r for r in records if r["kind"] == "article"]
    assert len(articles) == 3 and sorted(len(s["article_ids"]) for s in stories) == [1, 2]  # type: ignore[arg-type]
    fire = next(s for s in stories if len(s["article_ids"]) == 2)  # type: ignore[arg-type]
    assert fire["outlets"] == ["Northern Echo", "County Herald"] and fire["languages"] == ["en"]
    by_id = {a["id"]: a for a in articles}
    assert all(by_id[aid]["story_id"] == fire["id"] for aid in fire["article_ids"])  # type: ignore[attr-defined]
    assert {a["text"] for a in articles} == {a["text"] for a in ARTICLES}
    assert not [r for r in records if r["kind"] == "finding"]  # nothing compared yet
    assert capsys.readouterr().err.strip().endswith(f"2 stories, 3 articles, 0 findings to {out} (store: {store_file})")

    with open_store(store_file) as store:
        comparison, errors = compare_story(store, str(fire["id"]))
    assert not errors and comparison.findings
    assert main(["export", "--db", str(store_file), "-o", str(out)]) == 0
    findings = [r for r in lines(out) if r["kind"] == "finding"]
    assert len(findings) == len(comparison.findings)
    assert {f["story_id"] for f in findings} == {fire["id"]}
    assert [f["id"] for f in findings] == [f.id for f in comparison.findings]
    assert all({"type", "severity", "message", "article_ids", "evidence", "data"} <= set(f) for f in findings)


def test_unknown_format_missing_store_and_ungrouped_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.parquet"
    assert main(["export", "--format", "parquet", "--db", str(tmp_path / "none.db"), "-o", str(out)]) == 2
    assert "--format parquet needs the optional pyarrow extra" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "no such store" in capsys.readouterr().err and not (tmp_path / "x.jsonl").exists()
    src = tmp_path / "a.txt"
    src.write_text("The harbour board approved a new berth for cruise ships on Monday.\n", encoding="utf-8")
    db = tmp_path / "n.db"
    assert main(["ingest", str(src), "--db", str(db), "--quiet", "--no-group"]) == 0
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "x.jsonl")]) == 0
    [_, article] = lines(tmp_path / "x.jsonl")
    assert article["kind"] == "article" and article["story_id"] is None and article["origin"] == str(src)
