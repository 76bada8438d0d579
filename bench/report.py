"""Benchmark the HTML report: file size and render time, for the example story and a 20-article story.

    .venv/bin/python bench/report.py [--data DIR] [--runs 20]

Render time is `newsprism.render.html.comparison_to_html` on a finished comparison (compare's own
time is bench/compare.py's): the first call (templates compiled) and the median of --runs calls.
The 20-article story is the ECB+ story with the most documents (then its topic), read at run time
from DIR/ecbplus (skipped with a message when absent). Targets: the example under 300 KB and
rendered under 0.3 s after compare. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
EXAMPLES = [ROOT / "examples" / "blinken-lavrov-afp.txt", ROOT / "examples" / "blinken-lavrov-ru-state.txt"]


def _measure(name: str, cmp: object, runs: int) -> tuple[str, int, int, float, float]:
    from newsprism.render.html import comparison_to_html

    start = time.perf_counter()
    html = comparison_to_html(cmp)  # type: ignore[arg-type]
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        comparison_to_html(cmp)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return name, len(cmp.articles), len(html.encode("utf-8")), first, statistics.median(times)  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import newsprism

    rows = [_measure("example (examples/)", newsprism.compare(EXAMPLES).comparison, args.runs)]
    data = Path(args.data)
    if (data / "ecbplus" / "ecbplus_docs.jsonl").is_file():
        from compare import _story_docs

        texts = _story_docs(data, 20)
        story = [newsprism.Text(t, origin=f"ecb{i}", language="en") for i, t in enumerate(texts)]
        rows.append(_measure("ECB+ story, 20 articles", newsprism.compare(story).comparison, args.runs))
    else:
        print(f"20-article story: {data}/ecbplus not found; skipped\n")
    print("| story | articles | HTML size KB | first render s | median render s |\n|---|---:|---:|---:|---:|")
    for name, n, size, first, median in rows:
        print(f"| {name} | {n} | {size / 1024:.1f} | {first:.3f} | {median:.4f} |")
    ex = rows[0]
    print(f"\nexample: {ex[2] / 1024:.1f} KB (target < 300 KB), first render {ex[3]:.3f} s (target < 0.3 s)")
    print(f"\nmachine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}; command: {shlex.join([Path(sys.executable).name, *sys.argv])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
