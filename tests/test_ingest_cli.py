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
from newsprism.model import Article

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


#: Kill rounds: the issue's 20, in CI too (about 40 s on 2 shared cores from a cold embedding cache;
#: each round starts a fresh process, which loads the models before it writes). ``NEWSPRISM_TEST_KILLS=N``
#: runs N instead. Same seed, so the same kill schedule, on every run.
KILLS = int(os.environ.get("NEWSPRISM_TEST_KILLS", "20"))
N_ARTICLES = 300
BATCH = 7

_PLACES = ["Ardmore", "Bexley", "Carrow", "Dunmore", "Elston", "Fairport", "Glenby", "Harwick", "Inchmore", "Jesmond"]
_EVENTS = [
    ("Flood waters close the {place} road", "Flood water closed the main road into {place} on {day} after {n} mm of "
     "rain fell overnight, the county council said. Drivers were told to use the coast road instead."),
    ("{place} council approves new school", "The {place} town council approved plans for a new primary school for "
     "{n} pupils on {day}. Building work is due to start in the spring, a spokeswoman said."),
    ("Ferry strike halts {place} crossings", "Ferry crews at {place} walked out on {day}, halting every crossing for the "
     "day. The union said {n} workers had joined the strike over rosters."),
]


def write_articles(folder: Path) -> dict[str, str]:
    """A folder of short articles written for this test (text files with a date marker and a title).

    Returns:
        The text each article is stored with, by article id (read with ingest's own reader).
    """
    from newsprism.ingest import read_input

    folder.mkdir()
    expected: dict[str, str] = {}
    for i in range(N_ARTICLES):
        place = _PLACES[i % len(_PLACES)]
        title, body = _EVENTS[(i // len(_PLACES)) % len(_EVENTS)]
        day = 1 + (i // 30)
        text = body.format(place=place, day=f"{['Monday', 'Tuesday', 'Friday'][i % 3]} {day} March", n=40 + i)
        path = folder / f"{i // 100}" / f"article-{i:04d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"date 2024-03-{day:02d}\n\n{title.format(place=place)}\n\n{text}\n", encoding="utf-8")
        [article] = read_input(path)
        assert isinstance(article, Article), article
        expected[article.id] = article.text
    assert len(expected) == N_ARTICLES
    return expected


def check_store(db: Path, expected: dict[str, str]) -> set[str]:
    """What must hold after any kill; returns the stored ids."""
    if not db.exists() or not rows(db, "SELECT name FROM sqlite_master WHERE name = 'story_articles'"):
        return set()  # killed before the schema was made: nothing was committed
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    stored = dict(rows(db, "SELECT id, text FROM articles"))  # type: ignore[arg-type]
    n = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert n == len(stored), "an article stored twice"
    for aid, text in stored.items():  # no half-written article: each is one of the inputs, whole
        assert expected[str(aid)] == text
    assert rows(db, "SELECT count(*) FROM articles_fts") == [(n,)]
    # Grouping is written in the batch's transaction: every stored article is in exactly one story,
    # every story has members, and no membership points at a missing story or article.
    assert rows(db, "SELECT count(*), count(DISTINCT article_id) FROM story_articles") == [(n, n)]
    assert rows(db, "SELECT count(*) FROM story_articles WHERE story_id NOT IN (SELECT id FROM stories) "
                    "OR article_id NOT IN (SELECT id FROM articles)") == [(0,)]
    assert rows(db, "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)") == [(0,)]
    assert n % BATCH == 0 or n == N_ARTICLES  # whole batches only
    return {str(a) for a in stored}


def test_killed_at_random_points_loses_nothing_committed_and_resumes(tmp_path: Path) -> None:
    """SIGKILL ``newsprism ingest`` of a folder at seeded random moments, then let it finish.

    A quarter of the kills fall at any moment from the process's start (while it loads, migrates
    the new file or reads), the rest at a random moment after its first write. After each: the
    file passes ``PRAGMA integrity_check``, nothing committed before is lost, no article is half
    written or stored twice, every stored article is grouped, only whole batches are stored. The
    last run completes the rest. 20 rounds (measured 2026-12-02: 38-42 s on 2 shared cores, cold
    embedding cache; 17 of the 20 kills fell after a new commit, 3 before this run had written).
    """
    expected = write_articles(tmp_path / "in")
    db = tmp_path / "news.db"
    rng = random.Random(20241202)
    before: set[str] = set()
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-m", "newsprism.cli", "ingest", str(tmp_path / "in"), "--db",
                                 str(db), "--quiet", "--batch-size", str(BATCH)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        if rng.random() < 0.25:
            time.sleep(rng.uniform(0.0, 2.0))
        else:  # wait until this run is writing, then kill it at a random moment of its writes
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None:
                if db.exists() and rows(db, "SELECT name FROM sqlite_master WHERE name = 'articles'") \
                        and rows(db, "SELECT count(*) FROM articles")[0][0] > len(before):
                    break
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = check_store(db, expected)
        assert before <= now  # nothing committed was lost
        before = now
    assert KILLS == 0 or before, "no kill fell after a commit"
    done = run("ingest", str(tmp_path / "in"), "--db", str(db), "--quiet")
    assert done.returncode == 0, done.stderr
    assert f"{N_ARTICLES - len(before)} new, {len(before)} already stored" in done.stderr
    assert check_store(db, expected) == set(expected)
