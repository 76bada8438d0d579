"""Renderers for one analyzed article: JSON (``newsprism.analysis/1``) and Markdown."""

from __future__ import annotations

import json
from typing import Any

from newsprism.model import AnalyzedArticle, Claim, LoadedHit, Span
from newsprism.render._markdown import md_block, md_inline

__all__ = ["ANALYSIS_SCHEMA", "analyses_to_json", "analysis_to_dict", "analysis_to_markdown", "claim_to_dict"]

ANALYSIS_SCHEMA = "newsprism.analysis/1"


def _span(span: Span | None) -> dict[str, Any] | None:
    return span.to_dict() if span is not None else None


def _hit(h: LoadedHit) -> dict[str, Any]:
    """The JSON record of one loaded-language hit (``loaded[]`` and ``title_loaded[]`` items)."""
    return {"span": h.span.to_dict(), "phrase": _span(h.phrase), "term": h.term, "category": h.category,
            "learned": h.learned, "probability": h.probability, "in_quote": h.in_quote, "marked": h.marked,
            "speaker": h.speaker, "statement_id": h.statement_id, "quote_id": h.quote_id, "note": h.note,
            "source": h.source}


def claim_to_dict(c: Claim) -> dict[str, Any]:
    """Return the JSON record of one claim (the ``claims[]`` item): trigger, span and arguments as SPANs."""
    return {
        "id": c.id, "statement_id": c.statement_id, "trigger": c.trigger.to_dict(), "lemma": c.lemma,
        "pos": c.pos, "span": c.span.to_dict(),
        "arguments": [{"role": a.role, "span": a.span.to_dict(), "head": a.head, "entity_id": a.entity_id,
                       "time_id": a.time_id, "number_id": a.number_id} for a in c.arguments],
        "negated": c.negated, "modality": c.modality, "source": c.source, "source_span": _span(c.source_span),
    }


def analysis_to_dict(aa: AnalyzedArticle) -> dict[str, Any]:
    """Return the ``newsprism.analysis/1`` record of one analyzed article.

    The record is the contract's article object plus its sentences, entities (with mentions),
    times, numbers, quotes, statements, claims (the events inside the statements, each with its
    trigger, arguments, negation, modality and source) and loaded language (``loaded``: each hit with its span and
    phrase; ``title_loaded``: the lexicon's hits in the headline, spans with ``field`` ``title``;
    ``loaded_scores``: the sentence model's score per statement id, when scored); field
    names as in the comparison contract.
    """
    art = aa.article
    return {
        "schema": ANALYSIS_SCHEMA,
        "article": art.to_dict(),
        "sentences": [{"id": s.id, **s.span.to_dict()} for s in aa.sentences],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "variants": list(e.variants),
             "mentions": [m.span.to_dict() for m in e.mentions]}
            for e in aa.entities
        ],
        "times": [
            {"id": t.id, **t.span.to_dict(), "kind": t.kind,
             "value_start": t.start.isoformat() if t.start else None,
             "value_end": t.end.isoformat() if t.end else None,
             "anchor": t.anchor, "weekday_mismatch": t.weekday_mismatch}
            for t in aa.times
        ],
        "numbers": [{"id": q.id, **q.span.to_dict(), "value": q.value, "unit": q.unit} for q in aa.numbers],
        "quotes": [
            {"id": q.id, "kind": q.kind, "speaker": _span(q.speaker), "speaker_entity": q.speaker_entity,
             "cue": _span(q.cue), "content": _span(q.content)}
            for q in aa.quotes
        ],
        "statements": [
            {"id": st.id, "article_id": st.article_id, "start": st.span.start, "end": st.span.end,
             "text": st.span.text, "kind": st.kind, "speaker": st.speaker, "times": list(st.times),
             "numbers": list(st.numbers)}
            for st in aa.statements
        ],
        "claims": [claim_to_dict(c) for c in aa.claims],
        "loaded": [_hit(h) for h in aa.loaded],
        "title_loaded": [_hit(h) for h in aa.title_loaded],
        "loaded_scores": {st.id: s for st, s in zip(aa.statements, aa.loaded_scores, strict=False)},
    }


def _claim_line(c: Claim) -> str:
    """One claim in brief: *trigger* (role: phrase; ...), with its negation, modality and source."""
    args = "; ".join(f"{a.role}: {md_inline(a.span.text)}" for a in c.arguments)
    notes = [w for w, on in (("not", c.negated), (c.modality or "", c.modality is not None)) if on]
    if c.source_span is not None:
        notes.append(f"says {md_inline(c.source_span.text)}")
    line = f"*{md_inline(c.trigger.text)}*" + (f" ({args})" if args else "")
    return line + (f" — {', '.join(notes)}" if notes else "")


def analyses_to_json(items: list[AnalyzedArticle]) -> str:
    """Return JSON Lines: one ``newsprism.analysis/1`` record per article."""
    return "".join(json.dumps(analysis_to_dict(aa), ensure_ascii=False) + "\n" for aa in items)


def analysis_to_markdown(aa: AnalyzedArticle) -> str:
    """Return a Markdown report of one analyzed article: metadata, then what analysis found.

    Article text and metadata are escaped: nothing in them becomes a link, image, code or heading.
    """
    art = aa.article
    lines = [f"# {md_inline(art.title or art.origin)}", ""]
    for label, value in (("Source", art.source), ("Agency", art.agency), ("Author", art.author),
                         ("Published", art.published.isoformat() if art.published else None),
                         ("URL", art.url), ("Language", art.language), ("Id", art.id)):
        lines.append(f"- **{label}:** {md_inline(value) if value else '—'}")
    lines.append(f"- **Length:** {len(art.text.split())} words, {len(aa.sentences)} sentences")
    if aa.entities:
        lines += ["", "## Entities", ""]
        lines += [f"- {md_inline(e.name)} ({e.type}, {len(e.mentions)}×)" for e in aa.entities]
    if aa.times:
        lines += ["", "## Times", ""]
        for t in aa.times:
            when = "unresolved" if t.start is None else (
                t.start.isoformat() if t.end in (None, t.start) else f"{t.start.isoformat()} – {t.end}")
            warn = f" — weekday {md_inline(t.weekday_mismatch)} does not fit the date" if t.weekday_mismatch else ""
            lines.append(f"- “{md_inline(t.span.text)}” → {when}{warn}")
    if aa.quotes:
        lines += ["", "## Quotes", ""]
        for q in aa.quotes:
            who = md_inline(q.speaker.text) if q.speaker else "unattributed"
            lines.append(f"- {who} ({q.kind}): “{md_inline(q.content.text)}”")
    if aa.statements:
        lines += ["", "## Statements", ""]
        claims: dict[str, list[Claim]] = {}
        for c in aa.claims:
            claims.setdefault(c.statement_id, []).append(c)
        for st in aa.statements:
            lines.append(f"- \\[{st.kind}\\] {md_inline(st.span.text)}")
            lines += [f"  - {_claim_line(c)}" for c in claims.get(st.id, ())]
    if not aa.statements:
        lines += ["", "## Text", "", md_block(art.text)]
    return "\n".join(lines) + "\n"
