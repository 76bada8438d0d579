r"""The HTML report: one self-contained page that shows a comparison as a person reads it.

:func:`comparison_to_html` is the one public entry point (the CLI's ``--format html`` and
``ComparisonReport.to_html`` are thin layers over it). The page is built from Jinja2 templates
shipped as package data (``render/templates``): ``base.html.j2`` (head, CSP, inline assets),
``report.html.j2`` (the report) and ``macros.html.j2`` (reusable pieces the web app will share).

Safety, because article text is untrusted:

- autoescape is on for every template; no article text or metadata is marked safe, so nothing
  from an article becomes markup (it is shown in a ``white-space: pre-line`` block, never parsed);
- no link is made from an article's URL (it is shown as text): a ``javascript:`` URL stays text;
- the data the script needs goes in a ``<script type="application/json">`` block, with ``<``,
  ``>`` and ``&`` written as ``\u003c`` ``\u003e`` ``\u0026``, so no text can close the block;
- a Content-Security-Policy ``<meta>`` allows only the page's own inline style and script, by
  their sha256 hashes (``default-src 'none'``): no request leaves the page, no injected script runs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2

from newsprism.comparison.confidence import SURE
from newsprism.model import AnalyzedArticle, Comparison, Finding, Span, Statement

__all__ = ["comparison_to_html", "csp_hash", "json_for_script"]

# Finding types whose evidence puts statements "in conflict" with each other.
_CONFLICTS = frozenset({"date_conflict", "number_conflict", "attribution_conflict", "place_conflict"})
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_STATUS_LABEL = {
    "corroborated": "corroborated",
    "copy": "shared by copies of one text",
    "possible": "possible counterpart",
    "only": "only here",
    "conflict": "in conflict",
}
_SAFE_CLASS = re.compile(r"[^a-z0-9-]+")


def csp_hash(text: str) -> str:
    """Return the CSP source expression (``'sha256-…'``) for the exact text of an inline block."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def json_for_script(data: Any) -> str:
    """Serialise ``data`` for a ``<script type="application/json">`` block.

    ``<``, ``>`` and ``&`` become JSON escapes so that no string can write ``</script>`` or
    ``<!--`` into the block; the page parses it back with ``JSON.parse`` unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    # Autoescape everything (not just *.html): the templates end in .j2.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsprism.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    base = resources.files("newsprism.render").joinpath("templates")
    return base.joinpath("report.css").read_text("utf-8"), base.joinpath("report.js").read_text("utf-8")


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _outlet_names(cmp: Comparison) -> dict[str, str]:
    """Name each article by outlet (and agency); a name two articles share gets its number."""
    names = []
    for aa in cmp.articles:
        art = aa.article
        name = art.display_name()
        names.append(f"{name} ({art.agency})" if art.agency and art.agency != art.source else name)
    return {aa.article.id: name if names.count(name) == 1 else f"{name} [{n}]"
            for n, (aa, name) in enumerate(zip(cmp.articles, names, strict=True), 1)}


@dataclass
class _Index:
    """Lookups every section of the page shares, computed once."""

    cmp: Comparison
    names: dict[str, str]
    statements: dict[str, Statement] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)
    by_article: dict[str, list[Statement]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    conflict: set[str] = field(default_factory=set)

    def statement_at(self, span: Span) -> str | None:
        """The statement of ``span``'s article that overlaps it most (``None`` when none does, or in the headline)."""
        if span.field != "text":
            return None
        best, overlap = None, 0
        for st in self.by_article.get(span.article_id, ()):
            o = min(st.span.end, span.end) - max(st.span.start, span.start)
            if o > overlap:
                best, overlap = st.id, o
        return best


def _index(cmp: Comparison) -> _Index:
    ix = _Index(cmp, _outlet_names(cmp))
    for aa in cmp.articles:
        ix.by_article[aa.article.id] = list(aa.statements)
        for st in aa.statements:
            ix.statements[st.id] = st
            ix.owner[st.id] = aa.article.id
    links: dict[str, dict[str, str]] = defaultdict(dict)
    cov = cmp.coverage
    corroborated = set(cov.corroborated)
    for al in cmp.alignments:
        for sid in al.statement_ids:
            ix.status[sid] = "corroborated" if al.id in corroborated else "copy"
            for other in al.statement_ids:
                if other != sid:
                    links[sid][other] = "aligned"
    for sid, others in cov.counterparts.items():
        for other in others:
            links[sid].setdefault(other, "possible")
            links[other].setdefault(sid, "possible")
    for f in cmp.findings:
        if f.type not in _CONFLICTS:
            continue
        sids = [s for s in (ix.statement_at(sp) for sp in f.evidence) if s]
        ix.conflict.update(sids)
        for a in sids:
            for b in sids:
                if a != b and ix.owner[a] != ix.owner[b]:
                    links[a][b] = "conflict"
    for sid in ix.statements:
        if sid in ix.conflict:
            ix.status[sid] = "conflict"
        elif sid not in ix.status:
            ix.status[sid] = "possible" if sid in cov.unconfirmed else "only"
    order = {"conflict": 0, "aligned": 1, "possible": 2}
    ix.links = {sid: sorted(d.items(), key=lambda kv: order[kv[1]]) for sid, d in links.items()
                if sid in ix.statements}
    return ix


def _segments(aa: AnalyzedArticle, ix: _Index) -> list[dict[str, Any]]:
    """Cut the article's text into runs: plain text, or a statement holding text and loaded terms.

    Statements never overlap (they are sentences); a loaded term is cut at a statement's edge so
    that every piece sits inside at most one statement.
    """
    text = aa.article.text
    hits = sorted((h for h in aa.loaded if 0 <= h.span.start < h.span.end <= len(text)), key=lambda h: h.span.start)
    out: list[dict[str, Any]] = []
    pos = 0

    def parts(start: int, end: int) -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        at = start
        for h in hits:
            s, e = max(h.span.start, at), min(h.span.end, end)
            if s >= e:
                continue
            if s > at:
                got.append({"text": text[at:s], "hit": None})
            hit: dict[str, Any] = {"category": h.category, "cls": _SAFE_CLASS.sub("-", h.category.lower()),
                                   "note": h.note, "learned": h.learned}
            got.append({"text": text[s:e], "hit": hit})
            at = e
        if at < end:
            got.append({"text": text[at:end], "hit": None})
        return got

    for st in sorted(aa.statements, key=lambda s: s.span.start):
        s, e = max(st.span.start, pos), st.span.end
        if s >= e:
            continue
        if s > pos:
            out.append({"st": None, "parts": parts(pos, s)})
        status = ix.status[st.id]
        out.append({"st": {"id": st.id, "status": status, "label": _STATUS_LABEL[status],
                           "n": len(ix.links.get(st.id, ()))}, "parts": parts(s, e)})
        pos = e
    if pos < len(text):
        out.append({"st": None, "parts": parts(pos, len(text))})
    return out


_Cell = tuple[str, str | None]


def _cells(ix: _Index, ids: list[str], sids: list[str], partial: set[str]) -> dict[str, _Cell]:
    """Per article: its state for one row (reported, partial, conflict, none) and its first statement."""
    cells: dict[str, _Cell] = {}
    for aid in ids:
        mine = [s for s in sids if ix.owner.get(s) == aid]
        if not mine:
            cells[aid] = ("none", None)
        elif any(s in ix.conflict for s in mine):
            cells[aid] = ("conflict", mine[0])
        else:
            cells[aid] = ("partial" if aid in partial else "reported", mine[0])
    return cells


def _matrix(ix: _Index) -> dict[str, Any]:
    """Rows of the outlets × facts matrix, most-shared first (facts if the comparison has them).

    Without facts the rows are the alignments, then every statement that aligns with nothing.
    """
    cmp = ix.cmp
    ids = [aa.article.id for aa in cmp.articles]
    rows: list[tuple[list[str], dict[str, _Cell]]] = []
    if cmp.facts:
        claims = {c.id: c for aa in cmp.articles for c in aa.claims}
        for fact in cmp.facts:
            sids = list(dict.fromkeys(claims[c].statement_id for c in fact.claim_ids if c in claims))
            partial = {a for a, rel in fact.relations.items() if rel == "partial"}
            rows.append((sids, _cells(ix, ids, sids, partial)))
        kind = "facts"
    else:
        seen: set[str] = set()
        for al in cmp.alignments:
            sids = list(al.statement_ids)
            rows.append((sids, _cells(ix, ids, sids, set(ids) if al.relation == "partial" else set())))
            seen.update(sids)
        rows += [([st.id], _cells(ix, ids, [st.id], set())) for aa in cmp.articles for st in aa.statements
                 if st.id not in seen]
        kind = "statements"
    view: list[dict[str, Any]] = []
    for sids, cells in rows:
        first = ix.statements.get(sids[0]) if sids else None
        shared = sum(c[0] != "none" for c in cells.values())
        view.append({"label": _short(first.span.text) if first else "", "sid": first.id if first else None,
                     "shared": shared, "cells": [{"state": cells[a][0], "sid": cells[a][1]} for a in ids]})
    view.sort(key=lambda r: -int(r["shared"]))  # stable: the comparison's order within a count
    return {"kind": kind, "rows": view}


def _findings(ix: _Index) -> list[dict[str, Any]]:
    """Findings grouped by type; groups ordered by their worst severity, then size."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in ix.cmp.findings:
        groups[f.type].append(f)
    view: list[dict[str, Any]] = []
    for ftype, items in groups.items():
        items.sort(key=lambda f: (_SEVERITY_ORDER.get(f.severity, 9), -f.confidence))
        entries = [{"id": f.id, "severity": f.severity, "message": f.message, "confidence": f"{f.confidence:.2f}",
                    "sure": f.confidence >= SURE,
                    "evidence": [{"text": _short(sp.text, 80), "sid": ix.statement_at(sp),
                                  "outlet": ix.names.get(sp.article_id, "")} for sp in f.evidence]}
                   for f in items]
        # The less sure ones are folded, not dropped: a reader opens them.
        view.append({"type": ftype, "label": ftype.replace("_", " "), "severity": items[0].severity,
                     "entries": entries, "sure": [e for e in entries if e["sure"]],
                     "unsure": [e for e in entries if not e["sure"]]})
    view.sort(key=lambda g: (not g["sure"], _SEVERITY_ORDER.get(g["severity"], 9), -len(g["sure"])))
    return view


def _entities(ix: _Index) -> list[dict[str, Any]]:
    """People, organisations and places, with their spellings and how often each outlet names them."""
    view: list[dict[str, Any]] = []
    for e in ix.cmp.entities:
        per = Counter(m.span.article_id for m in e.mentions)
        if not per:
            continue
        view.append({"name": e.name, "type": e.type, "variants": [v for v in e.variants if v != e.name],
                     "counts": [per.get(aa.article.id, 0) for aa in ix.cmp.articles], "outlets": len(per)})
    view.sort(key=lambda v: (-v["outlets"], -sum(v["counts"])))
    return view


def _voices(ix: _Index) -> list[dict[str, Any]]:
    """Who each outlet quotes (directly or in reported speech), and for which side when known."""
    names = {e.id: e.name for e in ix.cmp.entities}
    sides: dict[str, Any] = {}
    for f in ix.cmp.findings:
        if f.type == "voice_imbalance" and isinstance(f.data.get("sides"), dict):
            sides = f.data["sides"]
    view: list[dict[str, Any]] = []
    for aa in ix.cmp.articles:
        who = Counter(st.speaker for st in aa.statements if st.kind in ("quote", "reported") and st.speaker)
        view.append({"outlet": ix.names[aa.article.id],
                     "speakers": [{"name": names.get(k, k), "n": n} for k, n in who.most_common()],
                     "sides": sorted(sides.get(aa.article.id, {}).items(), key=lambda kv: -kv[1])})
    return view


def _outlets(ix: _Index) -> list[dict[str, Any]]:
    view: list[dict[str, Any]] = []
    for n, aa in enumerate(ix.cmp.articles):
        art = aa.article
        view.append({"n": n, "id": art.id, "name": ix.names[art.id], "title": art.title or art.origin,
                     "language": art.language or "unknown", "agency": art.agency, "author": art.author,
                     "published": art.published.isoformat() if art.published else None, "url": art.url,
                     "statements": len(aa.statements), "segments": _segments(aa, ix)})
    return view


def comparison_to_html(cmp: Comparison) -> str:
    """Return the comparison as one self-contained HTML page (inline CSS and JS, no requests).

    Args:
        cmp: A comparison (from :func:`newsprism.compare` or the pipeline).

    Returns:
        The page, as text. Every piece of article text and metadata is escaped.
    """
    ix = _index(cmp)
    css, js = _assets()
    dates = sorted(aa.article.published for aa in cmp.articles if aa.article.published)
    outlets = _outlets(ix)
    categories = sorted({h.category for aa in cmp.articles for h in aa.loaded})
    summary = [{"text": s.text, "cites": [{"sid": sid, "outlet": ix.names[ix.owner[sid]]}
                                          for sid in s.citations if sid in ix.owner]} for s in cmp.summary]
    data = {"links": ix.links}
    csp = (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    counts = Counter(ix.status.values())
    return _env().get_template("report.html.j2").render(
        title=cmp.story.title, story_id=cmp.story.id, csp=csp, css=css, js=js, data=json_for_script(data),
        first=dates[0].isoformat() if dates else None, last=dates[-1].isoformat() if dates else None,
        outlets=outlets, summary=summary, n_findings=len(cmp.findings), matrix=_matrix(ix),
        findings=_findings(ix), entities=_entities(ix), voices=_voices(ix), notes=list(cmp.notes),
        statuses=[(k, v, counts.get(k, 0)) for k, v in _STATUS_LABEL.items()],
        categories=[(c, _SAFE_CLASS.sub("-", c.lower())) for c in categories],
        learned=any(h.learned for aa in cmp.articles for h in aa.loaded),
    )
