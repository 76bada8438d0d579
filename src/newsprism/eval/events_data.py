"""ECB+ gold event mentions read into :class:`~newsprism.comparison.events.EventMention` records.

Each gold event mention of ``ecbplus/ecbplus_docs.jsonl`` (``kind == "event"``; topics 1-35 here)
becomes one mention: its trigger's head word, lemma and part of speech from spaCy's parse of its
sentence (the text is tokenised, one sentence a line), the head lemmas of its arguments (subject,
objects, prepositional objects, possessor), the names and dates of its sentence, and for a
reporting verb its speaker and the head of its content. Nothing of the gold annotation but the
mention's extent and its chain is read: not its type, not the entity chains.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.comparison.events import REPORTING_LEMMAS, EventMention, trigger_context

__all__ = ["MENTION_DEPS", "Topic", "load_topics", "mention_from_token"]

#: Dependents of a trigger read as its arguments.
MENTION_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "dative", "poss", "compound", "npadvmod",
                          "oprd", "acomp"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")


@dataclass(slots=True)
class Topic:
    """One ECB+ topic: its mentions, their gold chains, and its documents' texts."""

    name: str
    mentions: list[EventMention]
    gold: dict[str, str]
    docs: dict[str, str]


def _dates(sent: Any) -> frozenset[str]:
    """Years and month-day dates named in a parsed sentence ("2008", "09-03", "2008-09-03")."""
    out: set[str] = set(_YEAR.findall(sent.text))
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        words = ent.text.lower().split()
        month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
        day = next((int(m.group(1)) for m in _DAY.finditer(ent.text) if 1 <= int(m.group(1)) <= 31
                    and not _YEAR.fullmatch(m.group(0))), None)
        years = _YEAR.findall(ent.text)
        if month and day:
            out.add(f"{month:02d}-{day:02d}")
            if years:
                out.add(f"{years[0]}-{month:02d}-{day:02d}")
    return frozenset(out)


def _names(sent: Any) -> frozenset[str]:
    return frozenset(w.lower_ for ent in sent.ents if ent.label_ in _NAME_LABELS for w in ent
                     if w.is_alpha and not w.is_stop)


def _arg_word(tok: Any) -> str | None:
    if tok.pos_ in ("PRON", "DET", "PUNCT") or tok.is_stop:
        return None
    return str(tok.lemma_.lower()) if tok.ent_type_ not in _NAME_LABELS else str(tok.lower_)


def mention_from_token(head: Any, mention_id: str, doc: str, sentence: str) -> EventMention:
    """Build the mention whose trigger head is the spaCy token ``head``."""
    lemma = head.lemma_.lower()
    args: set[str] = set()
    speaker = content = None
    for child in head.children:
        targets = [child] if child.dep_ in MENTION_DEPS else []
        if child.dep_ in ("prep", "agent"):
            targets = [g for g in child.children if g.dep_ == "pobj"]
        for t in targets:
            word = _arg_word(t)
            if word:
                args.add(word)
        if child.dep_ in ("nsubj", "nsubjpass") or (child.dep_ == "poss" and head.pos_ == "NOUN"):
            speaker = _arg_word(child) or speaker
        if child.dep_ in ("ccomp", "xcomp", "dobj", "advcl") and content is None:
            content = str(child.lemma_.lower())
    # A trigger that is itself a clause of a reporting verb keeps the speaker's argument too
    # ("police said the gunman fled": "fled" is the event, its reporter is context, not an argument).
    reporting = lemma in REPORTING_LEMMAS
    sent = head.sent
    return EventMention(id=mention_id, doc=doc, lemma=lemma, pos=head.pos_, sentence=sentence,
                        args=frozenset(args), names=_names(sent), dates=_dates(sent), reporting=reporting,
                        speaker=speaker if reporting else None, content=content if reporting else None,
                        context=trigger_context(sentence, head.idx, head.idx + len(head.text)))


def _head(tokens: Sequence[Any]) -> Any:
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[-1]


def load_topics(rows: Sequence[dict[str, Any]], nlp: Any) -> list[Topic]:
    """Read the ECB+ rows (one document each) into topics of event mentions.

    Args:
        rows: The JSONL rows of ``ecbplus_docs.jsonl``.
        nlp: The spaCy English pipeline.

    Returns:
        The topics in numeric order; mentions in document and text order.
    """
    by_topic: dict[str, Topic] = {}
    jobs: list[tuple[str, dict[str, Any], dict[str, Any], list[dict[str, Any]]]] = []
    for row in rows:
        events = [m for m in row["mentions"] if m["kind"] == "event"]
        topic = by_topic.setdefault(row["topic"], Topic(row["topic"], [], {}, {}))
        topic.docs[row["id"]] = row["text"]
        per_sentence: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for m in events:
            per_sentence[m["sent_id"]].append(m)
        sentences = {s["sent_id"]: s for s in row["sentences"]}
        for sid in sorted(per_sentence):
            jobs.append((row["topic"], row, sentences[sid], per_sentence[sid]))
    texts = [row["text"][s["start"]:s["end"]] for _, row, s, _ in jobs]
    for (topic_name, row, sent, mentions), parsed in zip(jobs, nlp.pipe(texts, batch_size=64), strict=True):
        topic = by_topic[topic_name]
        for m in mentions:
            start, end = m["start"] - sent["start"], m["end"] - sent["start"]
            tokens = [t for t in parsed if t.idx < end and t.idx + len(t) > start]
            if not tokens:
                continue
            mid = f"{row['id']}:{m['start']}-{m['end']}"
            if mid in topic.gold:
                continue
            topic.mentions.append(mention_from_token(_head(tokens), mid, row["id"], parsed.text))
            topic.gold[mid] = m["chain"]
    for topic in by_topic.values():
        # Document-level context: the names and years of all its annotated sentences.
        names: dict[str, set[str]] = defaultdict(set)
        years: dict[str, set[str]] = defaultdict(set)
        for m in topic.mentions:
            names[m.doc] |= m.names
            years[m.doc] |= {d for d in m.dates if len(d) == 4}
        topic.mentions = [replace(m, doc_names=frozenset(names[m.doc]), doc_years=frozenset(years[m.doc]))
                          for m in topic.mentions]
    return [by_topic[t] for t in sorted(by_topic, key=lambda t: int(t) if t.isdigit() else 0)]


def unit_rows(x: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    """Rows scaled to unit length (zero rows stay zero)."""
    x = np.asarray(x, dtype=np.float64)
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return np.asarray(x / np.where(norm == 0, 1.0, norm), dtype=np.float64)


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The JSONL rows of the ECB+ file."""
    import json

    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
