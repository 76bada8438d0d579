r"""Score the article bodies newsprism reads from real HTML pages, beside trafilatura's own extraction.

``article_extraction/gold.jsonl`` (scrapinghub's article-extraction-benchmark: real news and blog
pages, each with the body a person would copy) and ``article_extraction/html/ID.html.gz`` (the
page as fetched). Each page is read as ``newsprism`` reads an HTML file (the bytes decoded as the
reader decodes them, then :func:`newsprism.ingest.article_from_text` with ``fmt="html"``: trafilatura
plus newsprism's cleaning of captions, credits, bylines and widgets), and, in the same run, by
``trafilatura.extract`` with its defaults: the baseline the cleaning must not fall below.

The metric is the benchmark's: tokens are ``\w+`` runs, a page's word 4-shingles are counted with
multiplicity, precision and recall are computed per page and averaged over the pages (a page with
no predicted shingles is left out of the precision average, one with no gold shingles out of the
recall average), and F1 comes from the two means. Nothing in newsprism was fitted on these pages,
so every row is held-out. A page newsprism refuses (a legacy encoding it will not guess) counts
as an empty extraction: recall 0 on that page.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

from newsprism.errors import InputError
from newsprism.eval.common import HELD_OUT, EvalReport, dataset_path, quick_sample, read_jsonl

__all__ = ["body_scores", "run", "shingles"]

GOLD = "article_extraction/gold.jsonl"
#: Pages scored by the quick run (a fixed, seeded sample).
QUICK_PAGES = 30
_SHINGLE = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The word 4-shingles of a text, with multiplicity (fewer than four words: the words as one shingle)."""
    words = re.findall(r"\w+", text)
    if 0 < len(words) < _SHINGLE:
        return Counter([tuple(words)])
    return Counter(tuple(words[i:i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1))


def body_scores(predicted: list[str], gold: list[str]) -> dict[str, float]:
    """Mean precision, mean recall and their F1 over pages (see the module docstring).

    Args:
        predicted: The extracted body of each page ("" when nothing was extracted).
        gold: The gold body of each page, in the same order.

    Returns:
        ``body_precision``, ``body_recall``, ``body_f1``, rounded to 4 places.
    """
    precisions, recalls = [], []
    for p, g in zip(predicted, gold, strict=True):
        ps, gs = shingles(p), shingles(g)
        tp = sum((ps & gs).values())
        if ps:
            precisions.append(tp / sum(ps.values()))
        if gs:
            recalls.append(tp / sum(gs.values()))
    prec = sum(precisions) / len(precisions) if precisions else 0.0
    rec = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"body_precision": round(prec, 4), "body_recall": round(rec, 4), "body_f1": round(f1, 4)}


def _ours(data: bytes, origin: str) -> str:
    from newsprism.config import Config
    from newsprism.ingest import article_from_text
    from newsprism.ingest._decode import decode

    try:
        return article_from_text(decode(data, origin, Config().max_input_bytes), origin=origin, fmt="html").text
    except InputError:
        return ""


def _trafilatura(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data) or ""


def run(data_dir: Path, quick: bool) -> EvalReport:
    """Score newsprism's HTML reading and trafilatura's default extraction on the benchmark's pages.

    Args:
        data_dir: The shared data folder (holds ``article_extraction/``).
        quick: Score :data:`QUICK_PAGES` pages (a fixed, seeded sample) instead of all of them.

    Returns:
        ``body_precision``, ``body_recall`` and ``body_f1`` of ``ours`` and ``trafilatura``.
    """
    gold_path = dataset_path(data_dir, GOLD)
    rows = [r for r in read_jsonl(gold_path) if (gold_path.parent / "html" / f"{r['id']}.html.gz").is_file()]
    if quick:
        rows = quick_sample(rows, QUICK_PAGES)
    pages = [gzip.decompress((gold_path.parent / "html" / f"{r['id']}.html.gz").read_bytes()) for r in rows]
    gold = [str(r.get("article_body") or "") for r in rows]
    ours = [_ours(page, f"{r['id']}.html") for page, r in zip(pages, rows, strict=True)]
    refused = sum(1 for text in ours if not text)
    report = EvalReport(
        task="extraction", dataset=GOLD, n=len(rows), quick=quick,
        scores={"ours": body_scores(ours, gold), "trafilatura": body_scores([_trafilatura(p) for p in pages], gold)},
        notes=[f"ours: newsprism's HTML reading (trafilatura + its cleaning); trafilatura: trafilatura.extract "
               f"with its defaults on the same bytes; {refused} page(s) gave newsprism no text (counted as empty)"],
    )
    report.mark(HELD_OUT, "ours")
    report.mark(HELD_OUT, "trafilatura")
    return report
