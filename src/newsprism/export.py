"""Export a store: its stories, articles and findings as JSON Lines (``newsprism export``).

One file, one JSON object a line, each with a ``kind``:

- the first line, ``{"kind": "export", "format": "newsprism.export/1", ...}``: what wrote it;
- ``story``: id, title, thread, first/last publication date, its article ids in joining order,
  its wire copies (article -> the article it copies), outlets and languages;
- ``article``: every stored field (text included) and its ``story_id`` and ``copy_of``
  (``null`` for an article no story holds yet, e.g. one ingested with ``--no-group``);
- ``finding``: one finding of a story's stored comparison (``newsprism show`` stores it), with
  its ``story_id``; only comparisons of the story's current members made by this newsprism
  version are exported (one made before the story gained an article is out of date).

Everything is read inside one snapshot of the store, so an ingest running at the same time
neither blocks nor tears the export. The file is written through a temporary file and renamed,
so ``-o FILE`` is the old file or the whole new one.

Parquet is not written: pyarrow is not among newsprism's dependencies (its wheels are large, and
nothing else needs it); the JSON Lines file converts with any Parquet tool (``pyarrow.json``,
``duckdb``, ``polars.read_ndjson``).
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from newsprism import __version__
from newsprism._io import open_atomic
from newsprism.store import Store

__all__ = ["EXPORT_FORMAT", "ExportCounts", "export_records", "write_export"]

EXPORT_FORMAT = "newsprism.export/1"


@dataclass(slots=True)
class ExportCounts:
    """How many records of each kind an export wrote."""

    stories: int = 0
    articles: int = 0
    findings: int = 0


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _findings(store: Store, story_id: str, article_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """The findings of the story's current comparison by this version, or none."""
    from newsprism.render.comparison import comparison_to_dict
    from newsprism.stories_group import members_key

    prefix, suffix = f"newsprism-{__version__}:", ":" + members_key(article_ids)
    current = [v for v in store.comparison_versions(story_id) if v.startswith(prefix) and v.endswith(suffix)]
    if not current:
        return []
    comparison = store.get_comparison(story_id, current[-1])
    if comparison is None:
        return []
    findings: list[dict[str, Any]] = comparison_to_dict(comparison)["findings"]
    return findings


def export_records(store: Store, counts: ExportCounts | None = None) -> Iterator[dict[str, Any]]:
    """Yield the export's records: a header, then every story, article and finding.

    Call it inside ``store.snapshot()`` for one consistent view (:func:`write_export` does).

    Args:
        store: The store to read.
        counts: Filled in with the number of records of each kind as they are yielded.
    """
    counts = counts if counts is not None else ExportCounts()
    yield {"kind": "export", "format": EXPORT_FORMAT, "newsprism": __version__}
    member_of: dict[str, tuple[str, str | None]] = {}
    stories = list(store.iter_stories())
    languages: dict[str, tuple[str | None, str | None]] = {}
    for article in store.iter_articles():
        languages[article.id] = (article.source, article.language)
    for story in stories:
        for aid in story.article_ids:
            member_of[aid] = (story.id, story.copies.get(aid))
        got = [languages.get(aid, (None, None)) for aid in story.article_ids]
        counts.stories += 1
        yield {"kind": "story", "id": story.id, "title": story.title, "thread": story.thread or story.id,
               "first_published": _day(story.first_published), "last_published": _day(story.last_published),
               "article_ids": list(story.article_ids), "copies": dict(story.copies),
               "outlets": list(dict.fromkeys(s or "unknown" for s, _ in got)),
               "languages": list(dict.fromkeys(lang for _, lang in got if lang))}
    for article in store.iter_articles():
        story_id, copy_of = member_of.get(article.id, (None, None))
        counts.articles += 1
        yield {"kind": "article", "id": article.id, "story_id": story_id, "copy_of": copy_of,
               "source": article.source, "agency": article.agency, "author": article.author,
               "title": article.title, "published": _day(article.published), "url": article.url,
               "language": article.language, "origin": article.origin, "text": article.text}
    for story in stories:
        for finding in _findings(store, story.id, story.article_ids):
            counts.findings += 1
            yield {"kind": "finding", "story_id": story.id, **finding}


@contextmanager
def _atomic_text(path: str) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` whole when the block ends, or not at all ("-": stdout)."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open_atomic(path) as raw:
        fh = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        yield fh
        fh.flush()
        fh.detach()  # leaves the file open: open_atomic syncs, closes and renames it


def write_export(store: Store, path: str) -> ExportCounts:
    """Write the store's stories, articles and findings to ``path`` as JSON Lines ("-" for stdout).

    Returns:
        How many records of each kind were written.
    """
    counts = ExportCounts()
    with store.snapshot(), _atomic_text(path) as fh:
        for record in export_records(store, counts):
            fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
    return counts
