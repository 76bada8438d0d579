"""``newsprism ingest`` run as a user runs it: real folders, feeds and JSONL, a real store, real kills."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.cli import main
from newsprism.model import article_id

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Ferry strike halts crossings</title><link>https://gazette.example/a/1</link>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Ferry crews walked out on Tuesday, halting all crossings to the islands.</p>
<p>The union said talks with the operator had failed after three weeks.</p>]]></content:encoded></item>
<item><title>Bridge reopens</title><link>https://gazette.example/a/2</link>
<pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate>
<description>The old swing bridge reopened to traffic on Wednesday after repairs.</description></item>
<item><title>No text here</title><link>https://gazette.example/a/3</link></item>
</channel></rss>
"""


def run(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsprism.cli", *args], capture_output=True, text=True,
                          timeout=300, **kw)  # type: ignore[call-overload]


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def make_folder(root: Path) -> None:
    (root / "feeds").mkdir(parents=True)
    (root / "feeds" / "gazette.rss").write_text(FEED, encoding="utf-8")
    (root / "deep" / "er").mkdir(parents=True)
    (root / "deep" / "er" / "quay.txt").write_text(
        "Dock workers in the northern port voted on Thursday to end a strike that had lasted a month.\n",
        encoding="utf-8")
    (root / "deep" / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)  # not an article suffix
    (root / ".hidden.txt").write_text("A hidden file is never read by a folder walk, whatever it says.\n")
    (root / "broken.jsonl").write_text(
        json.dumps({"text": "Snow closed the mountain pass for a second day on Friday.", "date": "2024-03-08",
                    "source": "Alpine Post"}) + "\n{not json\n", encoding="utf-8")


def test_folders_feeds_jsonl_idempotent_and_bad_documents_named(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    make_folder(tmp_path / "in")
    db = tmp_path / "news.db"
    code = main(["ingest", str(tmp_path / "in"), "--db", str(db), "--quiet"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1  # some inputs failed, the rest is stored
    assert f"newsprism: {tmp_path / 'in' / 'broken.jsonl'}:2: invalid JSON (Expecting property name enclosed " \
           "in double quotes at column 2)" in err
    assert any(line.endswith("gazette.rss#3: feed entry without text (no content or summary)") for line in err)
    assert err[-1].startswith("newsprism: ingest: 4 articles from 3 inputs") and "4 new" in err[-1]
    stored = rows(db, "SELECT title, source, published, origin FROM articles ORDER BY published IS NULL, published")
    assert [r[0] for r in stored] == ["Ferry strike halts crossings", "Bridge reopens", None, None]
    assert stored[0][1] == "Harbour Gazette" and stored[0][2] == "2024-03-05"
    assert stored[2][1] == "Alpine Post" and str(stored[3][3]).endswith("quay.txt")
    again = main(["ingest", str(tmp_path / "in"), "--db", str(db), "--quiet"])
    last = capsys.readouterr().err.splitlines()[-1]
    assert again == 1 and "0 new, 4 already stored" in last
    assert rows(db, "SELECT count(*) FROM articles") == [(4,)]


def test_a_store_that_cannot_be_used_is_one_line_and_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Dock workers voted on Thursday to end the strike at the northern port.\n")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database " * 100)
    out = run("ingest", str(src), "--db", str(bad), "--quiet")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [f"newsprism: error: {bad}: corrupt or not an SQLite file (file is not a "
                                       "database); restore a backup or give another --db file"]
    newer = tmp_path / "newer.db"
    assert run("ingest", str(src), "--db", str(newer), "--quiet").returncode == 0
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    out = run("ingest", str(src), "--db", str(newer), "--quiet")
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1 and "newer newsprism" in out.stderr


N_ARTICLES = 2500
#: Kill rounds: a handful in CI; ``NEWSPRISM_TEST_KILLS=20`` for the documented long run.
KILLS = int(os.environ.get("NEWSPRISM_TEST_KILLS", "3"))


def test_killed_at_random_points_loses_nothing_committed_and_resumes(tmp_path: Path) -> None:
    src = tmp_path / "stream.jsonl"
    texts = {}
    with src.open("w", encoding="utf-8") as fh:
        for i in range(N_ARTICLES):
            text = (f"Report {i}: the harbour board met on day {i % 28 + 1} and approved berth {i * 7 % 1000}. "
                    f"Ship number {i} is due to dock next week, officials said.")
            texts[article_id(text)] = text
            fh.write(json.dumps({"text": text, "title": f"Berth {i}", "date": f"2024-02-{i % 28 + 1:02d}",
                                 "lang": "en", "source": f"Outlet {i % 5}"}) + "\n")
    db = tmp_path / "news.db"
    rng = random.Random(20241202)
    counts = []
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-m", "newsprism.cli", "ingest", str(src), "--db", str(db),
                                 "--quiet", "--batch-size", "7"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        start_count = counts[-1] if counts else 0
        deadline = time.monotonic() + 60
        # Wait until this run is writing, then kill it at a random moment of its writes.
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists() and rows(db, "SELECT count(*) FROM sqlite_master WHERE name = 'articles'") != [(0,)] \
                    and rows(db, "SELECT count(*) FROM articles")[0][0] > start_count:
                break
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert rows(db, "PRAGMA integrity_check") == [("ok",)]
        n, distinct = rows(db, "SELECT count(*), count(DISTINCT id) FROM articles")[0]
        assert n == distinct and n <= N_ARTICLES
        # No half-written article: every stored text is one of the inputs, whole, under its own id.
        for aid, text in rows(db, "SELECT id, text FROM articles"):
            assert texts[str(aid)] == text
        assert rows(db, "SELECT count(*) FROM articles_fts") == [(n,)]
        assert n % 7 == 0 or n == N_ARTICLES  # whole batches only
        counts.append(n)
    assert counts[-1] > 0 and counts == sorted(counts)  # nothing committed was lost
    done = run("ingest", str(src), "--db", str(db), "--quiet")
    assert done.returncode == 0, done.stderr
    assert f"{N_ARTICLES - counts[-1]} new, {counts[-1]} already stored" in done.stderr
    assert rows(db, "SELECT count(*), count(DISTINCT id) FROM articles") == [(N_ARTICLES, N_ARTICLES)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
