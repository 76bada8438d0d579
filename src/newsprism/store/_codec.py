"""Lossless JSON for the model's records: what the store keeps and reads back.

The contract forms (``Article.to_dict``, ``newsprism.analysis/1``, ``newsprism.comparison/2``) are
for readers and drop what a reader does not need (a statement's terms, a mention's entity id, the
claims); the store must give back the very record it was given, so that nothing is recomputed.
The encoding follows the dataclass fields: a record is an object keyed by field name (the same
names as the contract forms: an article's ``id``, ``source``, ``published`` as ``YYYY-MM-DD``...),
a tuple or frozenset is a list, a date its ISO form. Decoding reads the field types, so a field
added to the model later decodes from an old row by its default.

Embeddings are not JSON: the store keeps them as float32 blobs beside the record
(:func:`vectors_to_blob`).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import date
from typing import Any, Literal, TypeVar, Union

import numpy as np
import numpy.typing as npt

from newsprism import model

__all__ = ["blob_to_vectors", "decode", "encode", "vectors_to_blob"]

T = TypeVar("T")

#: Fields never written as JSON (kept as blobs, or rebuilt).
SKIPPED = {(model.AnalyzedArticle, "embeddings")}


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # Each record's own module resolves its (string) annotations: the records live in the model
    # package's submodules, so no single namespace holds every name they use.
    return typing.get_type_hints(cls)


def encode(value: Any) -> Any:
    """Return the JSON-ready form of a model record (or any value inside one)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)
                if (cls, f.name) not in SKIPPED}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(encode(v) for v in value)
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value


def _decode(tp: Any, raw: Any) -> Any:
    origin = typing.get_origin(tp)
    if tp is Any or raw is None:
        return raw
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(options[0], raw) if len(options) == 1 else raw
    if origin is Literal:
        return raw
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        kwargs = {f.name: _decode(hints[f.name], raw[f.name])
                  for f in dataclasses.fields(tp) if f.name in raw and (tp, f.name) not in SKIPPED}
        return tp(**kwargs)
    if tp is date:
        return date.fromisoformat(raw)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in raw)
        return tuple(_decode(a, v) for a, v in zip(args, raw, strict=True))
    if origin is frozenset:
        (arg,) = typing.get_args(tp)
        return frozenset(_decode(arg, v) for v in raw)
    if origin is dict:
        _, val = typing.get_args(tp)
        return {k: _decode(val, v) for k, v in raw.items()}
    if tp is float and isinstance(raw, int):
        return float(raw)
    return raw


def decode(cls: type[T], raw: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from :func:`encode`'s output."""
    out: T = _decode(cls, raw)
    return out


def vectors_to_blob(vectors: Any) -> tuple[bytes, int]:
    """Return ``(little-endian float32 bytes, dim)`` of a 1-D or 2-D array."""
    arr = np.asarray(vectors, dtype="<f4")
    dim = int(arr.shape[-1]) if arr.ndim else 0
    return arr.tobytes(), dim


def blob_to_vectors(blob: bytes, dim: int) -> npt.NDArray[np.float32]:
    """Return the 2-D float32 array a blob of ``dim``-long rows holds."""
    arr = np.frombuffer(blob, dtype="<f4").astype(np.float32)
    return arr.reshape(-1, dim) if dim else arr.reshape(0, 0)
