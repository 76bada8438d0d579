"""Scoring findings against a careful reader's verdicts on real triplets (BASIL).

There is no published gold for "findings a fact-checker would sign", so the gold is ours: every
finding ``compare`` makes on a BASIL triplet (Fox News, New York Times and HuffPost on one event,
``basil/basil_articles.jsonl``) is read with its evidence and judged *correct* or *false alarm*,
and the verdict is kept in :data:`LABELS`, keyed by what identifies the finding without copying
any article text: its type, the BASIL ids of its articles and the offsets of its evidence (in
the article text as newsprism reads it: ingest's cleaning, such as collapsed spaces, can shift
them from the dataset's raw ``text``; review rows carry the evidence text itself).

The scorer runs ``compare`` on the triplets exactly as the command does (each article read
through ingest's JSONL reader, so metadata and cleaning are the user's), matches every finding
to a verdict, and reports precision per type on the judged findings, with how many findings have
no verdict yet (a change that makes new findings shows them, to be judged: see
:func:`review_rows`) and how many verdicts no longer match a finding.

Scores are **in-sample**: the people who judge the findings also tune the rules that make them,
so the precision here is checked for reproducibility, not pinned as a floor; the held-out half of
BASIL is what says whether the rules generalise.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from newsprism.eval.common import IN_SAMPLE, EvalReport, dataset_path, read_jsonl
from newsprism.model import Comparison, Finding, Sentence, Span

__all__ = ["BASIL", "LABELS", "FindingKey", "Label", "finding_key", "judge", "message_digest", "read_labels",
           "review_rows", "row_key", "run", "story_comparisons", "verdict_of"]

BASIL = "basil/basil_articles.jsonl"
#: The verdicts, one JSON object a line (see :func:`read_labels`); no article text.
LABELS = Path(__file__).resolve().parents[3] / "eval" / "labels" / "findings_basil.jsonl"
QUICK_STORIES = 8
VERDICTS = ("correct", "false_alarm")

#: ``(type, article ids, evidence (article id, start, end))``, ids the dataset's, sorted.
FindingKey = tuple[str, tuple[str, ...], tuple[tuple[str, int, int], ...]]


class Label(NamedTuple):
    """A kept verdict: ``correct`` or ``false_alarm``, and the digest of the message judged.

    The message is what a reader is told ("... in words quoted from X"): when a change makes a
    finding with the same evidence say something else, the verdict was on another claim, so it
    no longer counts (``digest`` ``None``: kept before digests were, counts for any message).
    """

    verdict: str
    digest: str | None = None


def message_digest(message: str) -> str:
    """A short digest of a finding's message (whitespace-normalised): identifies it without its text."""
    return hashlib.sha1(" ".join(message.split()).encode("utf-8")).hexdigest()[:12]


def triplets(data_dir: Path) -> list[list[dict[str, Any]]]:
    """The dataset's stories with two or more articles, in file order, each its records."""
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in read_jsonl(dataset_path(data_dir, BASIL)):
        by_story[str(rec.get("story") or rec["id"].rsplit("_", 1)[0])].append(rec)
    return [recs for recs in by_story.values() if len(recs) >= 2]


def story_comparisons(stories: Sequence[Sequence[dict[str, Any]]]) -> Iterator[tuple[Comparison, dict[str, str]]]:
    """Compare each story as ``newsprism compare`` would a JSONL file of its records.

    Yields:
        The comparison and the map from newsprism's article ids to the dataset's ids.
    """
    from newsprism.analysis import AnalyzeOptions, analyze_articles
    from newsprism.comparison import compare_articles
    from newsprism.ingest import _jsonl_articles
    from newsprism.model import Article

    for recs in stories:
        fields = ("id", "text", "title", "date", "source", "lang", "url")
        lines = "\n".join(json.dumps({k: r[k] for k in fields if r.get(k)}) for r in recs)
        # One result per non-empty line, in order: an article or the error that stopped it.
        read = [(a, r) for a, r in zip(_jsonl_articles(lines, "basil"), recs, strict=True) if isinstance(a, Article)]
        arts = [a for a, _ in read]
        ids = {a.id: str(r["id"]) for a, r in read}
        if len(arts) >= 2:
            yield compare_articles(analyze_articles(arts, AnalyzeOptions())), ids


def finding_key(f: Finding, ids: dict[str, str]) -> FindingKey:
    """What identifies a finding across runs, in the dataset's article ids.

    A span of the headline (``field`` ``title``) is keyed ``<article id>#title``: its offsets are
    the title's, not the text's.
    """
    return (str(f.type), tuple(sorted(ids.get(a, a) for a in f.article_ids)),
            tuple(sorted((_evidence_id(s, ids), s.start, s.end) for s in f.evidence)))


def _evidence_id(span: Span, ids: dict[str, str]) -> str:
    aid = ids.get(span.article_id, span.article_id)
    return aid if span.field == "text" else f"{aid}#{span.field}"


def row_key(row: dict[str, Any]) -> FindingKey:
    """The key of a verdict row (raises KeyError, TypeError or ValueError when it is malformed)."""
    return (str(row["type"]), tuple(sorted(map(str, row["articles"]))),
            tuple(sorted((str(a), int(s), int(e)) for a, s, e in row["evidence"])))


def read_labels(path: Path = LABELS) -> dict[FindingKey, Label]:
    """The verdicts, per finding key.

    Each line is ``{"type", "articles": [id...], "evidence": [[id, start, end]...], "verdict", "why",
    "message_sha1"}`` (the digest optional); a later line for the same key wins.

    Raises:
        ValueError: A line is not such an object, or its verdict is not one of :data:`VERDICTS`.
    """
    out: dict[FindingKey, Label] = {}
    if not path.is_file():
        return out
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            key, verdict, digest = row_key(row), row["verdict"], row.get("message_sha1")
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise ValueError(f"{path}:{n}: not a verdict row ({err})") from None
        if verdict not in VERDICTS:
            raise ValueError(f"{path}:{n}: verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
        out[key] = Label(verdict, str(digest) if digest else None)
    return out


def verdict_of(key: FindingKey, digest: str, labels: dict[FindingKey, Label]) -> str:
    """``correct``, ``false_alarm``, ``unjudged``, or ``changed`` (judged when it said something else)."""
    label = labels.get(key)
    if label is None:
        return "unjudged"
    if label.digest is not None and label.digest != digest:
        return "changed"
    return label.verdict


def judge(found: Sequence[tuple[FindingKey, str]], labels: dict[FindingKey, Label]) -> dict[str, float]:
    """Precision per finding type on the judged findings, and the counts around it.

    ``found`` holds each finding's key and :func:`message_digest`. A finding judged when its
    message was another is not counted as judged (``changed``): it goes back for review.
    """
    scores: dict[str, float] = {}
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for key, digest in found:
        by_type[key[0]][verdict_of(key, digest, labels)] += 1
    total: Counter[str] = Counter()
    for t, c in sorted(by_type.items()):
        total.update(c)
        judged = c["correct"] + c["false_alarm"]
        if judged:
            scores[f"precision.{t}"] = round(c["correct"] / judged, 4)
        scores[f"judged.{t}"] = float(judged)
    judged = total["correct"] + total["false_alarm"]
    scores["precision"] = round(total["correct"] / judged, 4) if judged else 0.0
    scores["findings"] = float(len(found))
    scores["judged"] = float(judged)
    scores["unjudged"] = float(total["unjudged"])
    scores["changed"] = float(total["changed"])
    scores["stale_verdicts"] = float(len(set(labels) - {k for k, _ in found}))
    return scores


def review_rows(stories: Sequence[Sequence[dict[str, Any]]],
                labels: dict[FindingKey, Label]) -> Iterator[dict[str, Any]]:
    """The findings without a verdict for what they say now, as rows to judge.

    Each row has the finding's message, evidence text and the sentence around each piece of
    evidence, for the person judging, and ``previous`` (the verdict given when the message was
    another, or ``None``); :func:`strip_review_row` drops the text before a row goes into
    :data:`LABELS`.
    """
    for comparison, ids in story_comparisons(stories):
        sentences = {a.article.id: a.sentences for a in comparison.articles}
        for f in comparison.findings:
            key = finding_key(f, ids)
            state = verdict_of(key, message_digest(f.message), labels)
            if state in VERDICTS:
                continue
            yield {"type": key[0], "articles": list(key[1]), "evidence": [list(e) for e in key[2]],
                   "verdict": None, "why": "", "previous": labels[key].verdict if state == "changed" else None,
                   "message": " ".join(f.message.split()),
                   "evidence_text": [s.text for s in f.evidence],
                   "context": [_in_sentence(s, sentences.get(s.article_id, ())) for s in f.evidence]}


def _in_sentence(span: Span, sentences: Sequence[Sentence]) -> str:
    """The sentence around ``span`` with the span in [[ ]], for the person judging (the span alone in a headline)."""
    if span.field != "text":
        return f"(headline) {span.text}"
    for sentence in sentences:
        s = sentence.span
        if s.start <= span.start and span.end <= s.end:
            a, b = span.start - s.start, span.end - s.start
            return " ".join(f"{s.text[:a]}[[{s.text[a:b]}]]{s.text[b:]}".split())
    return span.text


def strip_review_row(row: dict[str, Any]) -> dict[str, Any]:
    """A judged review row as it is kept: key, verdict, reason and the message's digest, no article text."""
    kept = {k: row[k] for k in ("type", "articles", "evidence", "verdict", "why")}
    if row.get("message"):
        kept["message_sha1"] = message_digest(str(row["message"]))
    return kept


def run(data_dir: Path, quick: bool) -> EvalReport:
    """Score the findings of every BASIL triplet (``quick``: the first :data:`QUICK_STORIES`)."""
    stories = triplets(data_dir)
    if quick:
        stories = stories[:QUICK_STORIES]
    from newsprism.comparison.confidence import SURE, finding_kind

    labels = read_labels()
    made = [(finding_key(f, ids), message_digest(f.message), f) for cmp, ids in story_comparisons(stories)
            for f in cmp.findings]
    found = [(k, d) for k, d, _ in made]
    shown = [(k, d) for k, d, f in made if f.confidence >= SURE]
    report = EvalReport(task="findings", dataset=BASIL, n=len(stories), quick=quick,
                        scores={"ours": judge(found, labels), "ours_shown": judge(shown, labels)})
    report.mark(IN_SAMPLE, "ours")
    report.mark(IN_SAMPLE, "ours_shown")
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for k, d, f in made:
        kinds[finding_kind(f)][verdict_of(k, d, labels)] += 1
    per_kind = [f"{kind} {c['correct'] / (c['correct'] + c['false_alarm']):.2f} "
                f"({c['correct'] + c['false_alarm']})" for kind, c in sorted(kinds.items())
                if c["correct"] + c["false_alarm"]]
    report.notes.append(f"ours_shown: the findings reports show without --all (confidence from {SURE})")
    report.notes.append("precision by kind (judged), what newsprism.comparison.confidence.CONFIDENCE holds: "
                        + "; ".join(per_kind))
    report.notes.append(f"verdicts: {LABELS.name}, {len(labels)} rows; precision is on judged findings only "
                        "(see 'unjudged'; 'changed': judged when the message said something else); judge them with "
                        "`python eval/review_findings.py`")
    return report
