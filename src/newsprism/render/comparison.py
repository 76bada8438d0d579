"""Renderers for a comparison: JSON (``newsprism.comparison/2``), Markdown and a terminal digest."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from newsprism.analysis import FULL_ANALYSIS
from newsprism.comparison.confidence import sure
from newsprism.comparison.findings import tells_a_fact
from newsprism.model import AnalyzedArticle, Claim, Comparison, Fact, Finding, Span, Statement
from newsprism.render._markdown import md_inline as _md
from newsprism.render.analysis import claim_to_dict

__all__ = ["COMPARISON_SCHEMA", "comparison_to_dict", "comparison_to_json", "comparison_to_markdown", "digest"]

COMPARISON_SCHEMA = "newsprism.comparison/2"
# Said when the summary is empty: aligned statements may still share part of what they say.
NO_AGREEMENT = "no statement is told the same way by two independent outlets (partly shared ones are listed below)"


def _outlet(aa: AnalyzedArticle) -> str:
    art = aa.article
    name = art.display_name()
    return f"{name} ({art.agency})" if art.agency and art.agency != art.source else name


def _statement_dict(aa: AnalyzedArticle, st: Statement) -> dict[str, Any]:
    times = {t.id: t for t in aa.times}
    numbers = {q.id: q for q in aa.numbers}
    return {
        "id": st.id, "article_id": st.article_id, "start": st.span.start, "end": st.span.end,
        "text": st.span.text, "kind": st.kind, "speaker": st.speaker,
        "times": [
            {"text": t.span.text, "start": t.span.start, "end": t.span.end,
             "value_start": t.start.isoformat() if t.start else None,
             "value_end": t.end.isoformat() if t.end else None, "weekday_mismatch": t.weekday_mismatch}
            for t in (times[i] for i in st.times if i in times)
        ],
        "numbers": [
            {"text": q.span.text, "start": q.span.start, "end": q.span.end, "value": q.value, "unit": q.unit}
            for q in (numbers[i] for i in st.numbers if i in numbers)
        ],
    }


def comparison_to_dict(cmp: Comparison) -> dict[str, Any]:
    """Return the comparison as the ``newsprism.comparison/2`` contract (see the JSON Schema)."""
    cov = cmp.coverage
    claims = _claims(cmp)
    agreed = set(cov.agreed_facts)
    return {
        "schema": COMPARISON_SCHEMA,
        "story": {"id": cmp.story.id, "title": cmp.story.title, "article_ids": list(cmp.story.article_ids)},
        "articles": [aa.article.to_dict() for aa in cmp.articles],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "variants": list(e.variants),
             "mentions": [m.span.to_dict() for m in e.mentions]}
            for e in cmp.entities
        ],
        "statements": [_statement_dict(aa, st) for aa in cmp.articles for st in aa.statements],
        "alignments": [
            {"id": al.id, "statement_ids": list(al.statement_ids), "relation": al.relation,
             "score": round(al.score, 4)}
            for al in cmp.alignments
        ],
        "claims": [claim_to_dict(c) for aa in cmp.articles for c in aa.claims],
        "facts": [
            {"id": f.id, "claim_ids": list(f.claim_ids), "article_ids": list(f.article_ids),
             "relations": dict(f.relations), "score": round(f.score, 4), "agreed": f.id in agreed,
             "spans": [claims[c].span.to_dict() for c in f.claim_ids]}
            for f in cmp.facts
        ],
        "coverage": {"corroborated": list(cov.corroborated),
                     "unique": {aid: list(ids) for aid, ids in cov.unique.items()},
                     "unconfirmed": {sid: list(ids) for sid, ids in cov.unconfirmed.items()},
                     "agreed": dict(cov.agreed),
                     "agreed_facts": list(cov.agreed_facts),
                     "only_facts": {aid: list(ids) for aid, ids in cov.only_facts.items()},
                     "omitted_facts": {aid: list(ids) for aid, ids in cov.omitted_facts.items()}},
        "findings": [
            {"id": f.id, "type": f.type, "severity": f.severity, "confidence": f.confidence, "message": f.message,
             "article_ids": list(f.article_ids), "evidence": [s.to_dict() for s in f.evidence], "data": f.data}
            for f in cmp.findings
        ],
        "summary": [{"text": s.text, "citations": list(s.citations)} for s in cmp.summary],
        "notes": list(cmp.notes),
    }


def comparison_to_json(cmp: Comparison, indent: int | None = 2) -> str:
    """Return the comparison as a JSON document (``newsprism.comparison/2``)."""
    return json.dumps(comparison_to_dict(cmp), ensure_ascii=False, indent=indent) + "\n"


def _facts(cmp: Comparison) -> tuple[dict[str, Statement], dict[str, AnalyzedArticle]]:
    by_id = {st.id: st for aa in cmp.articles for st in aa.statements}
    owner = {st.id: aa for aa in cmp.articles for st in aa.statements}
    return by_id, owner


def _claims(cmp: Comparison) -> dict[str, Claim]:
    return {c.id: c for aa in cmp.articles for c in aa.claims}


def _fact_text(fact: Fact, article_id: str, claims: dict[str, Claim]) -> str:
    """One article's telling of a fact: its claims' exact spans in text order, joined by " … ".

    Of two overlapping spans only the longer is shown.
    """
    spans = sorted((claims[c].span for c in fact.claim_ids if claims[c].article_id == article_id),
                   key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for sp in spans:
        if kept and sp.start < kept[-1].end:
            if sp.end - sp.start > kept[-1].end - kept[-1].start:
                kept[-1] = sp
            continue
        kept.append(sp)
    return " … ".join(sp.text for sp in kept)


def _cited_names(cmp: Comparison) -> dict[str, str]:
    """Name each article as the digest does (outlet, agency); a name two articles share gets its number."""
    names = [_outlet(aa) for aa in cmp.articles]
    return {aa.article.id: name if names.count(name) == 1 else f"{name} [{n}]"
            for n, (aa, name) in enumerate(zip(cmp.articles, names, strict=True), 1)}


def comparison_to_markdown(cmp: Comparison) -> str:
    """Return a Markdown report: articles, agreed facts with each outlet's wording, what only one has.

    Every piece of article text and metadata is escaped (no link, image, code, heading or HTML
    comes from an article), and summary sentences cite the outlets by name.
    """
    cov = cmp.coverage
    by_id, owner = _facts(cmp)
    names = _cited_names(cmp)
    out = [f"# {_md(cmp.story.title)}", "", "## Articles", ""]
    for n, aa in enumerate(cmp.articles, 1):
        art = aa.article
        when = art.published.isoformat() if art.published else "date unknown"
        out.append(f"{n}. **{_md(names[art.id])}** — {_md(art.title or art.origin)} ({when}, "
                   f"{_md(art.language or '?')}, {len(aa.statements)} statements)")
    if cmp.summary:
        out += ["", "## What the reports agree on", ""]
        for s in cmp.summary:
            cited = list(dict.fromkeys(names[owner[sid].article.id] for sid in s.citations if sid in owner))
            out.append(f"- {_md(s.text)} — *{_md('; '.join(cited))}*" if cited else f"- {_md(s.text)}")
    else:
        out += ["", "## What the reports agree on", "", f"{NO_AGREEMENT[0].upper()}{NO_AGREEMENT[1:]}."]
    if cmp.facts:  # facts are experimental and off by default (CompareOptions.facts)
        out += _markdown_facts(cmp, cov, names)
    out += [f"## Statements reported by more than one article ({len(cmp.alignments)})", ""]
    for al in cmp.alignments:
        tag = "corroborated" if al.id in cov.corroborated else "one source (wire copies)"
        out.append(f"### {_md(al.id)} — {al.relation}, score {al.score:.2f}, {tag}")
        out.append("")
        for sid in al.statement_ids:
            out.append(f"- **{_md(names[owner[sid].article.id])}:** {_md(by_id[sid].span.text)}")
        out.append("")
    out += ["## Only in one article", "",
            "Statements marked *(~)* have a possible counterpart in another report that the alignment could not "
            "confirm: they may be told elsewhere in other words.", ""]
    for aa in cmp.articles:
        ids = cov.unique.get(aa.article.id, ())
        out += [f"### {_md(names[aa.article.id])} ({len(ids)})", ""]
        out += [f"- {_md(by_id[sid].span.text)}{' *(~)*' if sid in cov.unconfirmed else ''}" for sid in ids]
        out.append("")
    if cmp.findings:
        shown, folded = sure(cmp.findings)
        out += ["## Findings", ""]
        out += [_md_finding(f) for f in shown] or ["None sure enough to show."]
        out.append("")
        if folded:
            out += [f"### {len(folded)} more, less sure", ""]
            out += [_md_finding(f) for f in folded]
            out.append("")
    if cmp.notes:  # what was left out or not analysed, and why
        out += ["## Notes", ""]
        out += [f"- {_md(n)}" for n in cmp.notes]
    return "\n".join(out).rstrip() + "\n"


def _md_finding(f: Finding) -> str:
    return f"- **{_md(f.type)}** ({f.severity}, confidence {f.confidence:.2f}): {_md(f.message)}"


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def digest(cmp: Comparison, width: int = 100, show_all: bool = False) -> str:
    """Return a plain-text digest for a terminal: per fact, who reports it; per outlet, what only it has.

    Findings below :data:`~newsprism.comparison.confidence.SURE` are counted, not listed, unless
    ``show_all``.
    """
    cov = cmp.coverage
    by_id, _ = _facts(cmp)
    letters = {aa.article.id: chr(ord("A") + i) if i < 26 else str(i) for i, aa in enumerate(cmp.articles)}
    out = [_short(cmp.story.title, width), ""]
    for aa in cmp.articles:
        when = aa.article.published.isoformat() if aa.article.published else "date unknown"
        out.append(f"[{letters[aa.article.id]}] {_outlet(aa)} — {when}, {len(aa.statements)} statements")
    if cmp.summary:
        out += ["", "What the reports agree on:"]
        for s in cmp.summary:
            out += textwrap.wrap(f"{s.text} [{len(s.citations)} statements]", width, initial_indent="  ",
                                 subsequent_indent="  ", break_on_hyphens=False)
    else:
        out += ["", *textwrap.wrap(f"What the reports agree on: {NO_AGREEMENT}.", width, subsequent_indent="  ")]
    if cmp.facts:  # facts are experimental and off by default (CompareOptions.facts)
        out += _digest_facts(cmp, cov, letters, width)
    n = len(cmp.alignments)
    out += ["", f"Statements reported by more than one article: {n}"]
    for al in cmp.alignments:
        arts = cov.outlets[al.id]
        first = by_id[al.statement_ids[0]]
        marks = "".join(letters[a] for a in arts)
        out.append(f"  {marks:<4} {al.relation:<10} {_short(first.span.text, width - 17)}")
    for aa in cmp.articles:
        ids = cov.unique.get(aa.article.id, ())
        # "-" only for what the single-source finding counts: a statement that tells a fact and has
        # not even a possible counterpart; "~" may be told elsewhere; "·" tells no fact of its own;
        # "?" is in a language no analyser reads, where whether it tells a fact is not known.
        unread = aa.article.language not in FULL_ANALYSIS
        mark = {sid: "~" if sid in cov.unconfirmed else "?" if unread else "-" if tells_a_fact(by_id[sid]) else "·"
                for sid in ids}
        notes = [f"{n} marked {m} {what}" for m, what in (("~", "may be told elsewhere in other words"),
                                                          ("·", "no fact of their own"),
                                                          ("?", "not judged: no analyser for the language"))
                 if (n := sum(v == m for v in mark.values()))]
        note = f" ({'; '.join(notes)})" if notes else ""
        out += ["", f"Only in [{letters[aa.article.id]}] {_outlet(aa)}: {len(ids)} statements{note}"]
        for sid in ids:
            out.append(f"  {mark[sid]} {_short(by_id[sid].span.text, width - 4)}")
    if cmp.findings:
        shown, folded = (list(cmp.findings), []) if show_all else sure(cmp.findings)
        more = f"; {len(folded)} more, less sure: --all shows them" if folded else ""
        out += ["", f"Findings: {len(shown)}{more}"]
        for f in shown:
            out += textwrap.wrap(f"{f.severity:<7} {f.type} ({f.confidence:.2f}): {f.message}", width,
                                 initial_indent="  ", subsequent_indent="          ", break_on_hyphens=False)
    return "\n".join(out) + "\n"


def _markdown_facts(cmp: Comparison, cov: Any, names: dict[str, str]) -> list[str]:
    out: list[str] = []
    claims = _claims(cmp)
    facts = {f.id: f for f in cmp.facts}
    agreed = [facts[i] for i in cov.agreed_facts if i in facts]
    out += ["", f"## Facts told by more than one source ({len(agreed)})", "",
            "Each fact is one event; every line is an outlet's own words for it (its claims' exact spans).", ""]
    for fact in agreed:
        rels = ", ".join(f"{names[a]}: {fact.relations.get(a, '?')}" for a in fact.article_ids)
        out += [f"### {_md(fact.id.rsplit(':', 1)[-1])} — score {fact.score:.2f} ({_md(rels)})", ""]
        out += [f"- **{_md(names[a])}:** {_md(_fact_text(fact, a, claims))}" for a in fact.article_ids]
        out.append("")
    out += ["## Facts only one source tells", ""]
    for aa in cmp.articles:
        lone = [facts[i] for i in cov.only_facts.get(aa.article.id, ()) if i in facts]
        out += [f"### {_md(names[aa.article.id])} ({len(lone)})", ""]
        for fact in lone:
            copies = ", ".join(names[a] for a in fact.article_ids if a != aa.article.id)
            tail = f" *(also its wire copies: {_md(copies)})*" if copies else ""
            out.append(f"- {_md(_fact_text(fact, aa.article.id, claims))}{tail}")
        missed = [facts[i] for i in cov.omitted_facts.get(aa.article.id, ()) if i in facts]
        if missed:
            out += ["", f"Not told by {_md(names[aa.article.id])} though at least two other sources tell it:", ""]
            for fact in missed:
                who = ", ".join(names[a] for a in fact.article_ids)
                out.append(f"- {_md(_fact_text(fact, fact.article_ids[0], claims))} — *{_md(who)}*")
        out.append("")
    return out


def _digest_facts(cmp: Comparison, cov: Any, letters: dict[str, str], width: int) -> list[str]:
    out: list[str] = []
    claims = _claims(cmp)
    facts = {f.id: f for f in cmp.facts}
    n = len(cov.agreed_facts)
    out += ["", f"Facts told by more than one source: {n}"]
    for fid in cov.agreed_facts:
        fact = facts[fid]
        marks = "".join(letters[a] for a in fact.article_ids)
        rel = min((fact.relations.get(a, "partial") for a in fact.article_ids),
                  key=("partial", "paraphrase", "same").index)
        out.append(f"  {marks:<4} {rel:<10} {_short(_fact_text(fact, fact.article_ids[0], claims), width - 17)}")
    for aa in cmp.articles:
        only = cov.only_facts.get(aa.article.id, ())
        missed = cov.omitted_facts.get(aa.article.id, ())
        if not only and not missed:
            continue
        out += ["", f"Facts only [{letters[aa.article.id]}] tells: {len(only)}"]
        out += [f"  - {_short(_fact_text(facts[i], aa.article.id, claims), width - 4)}" for i in only]
        if missed:
            out.append(f"  [{letters[aa.article.id]}] does not tell, though two or more others do: {len(missed)}")
            out += [f"  ! {_short(_fact_text(facts[i], facts[i].article_ids[0], claims), width - 4)}" for i in missed]
    return out
