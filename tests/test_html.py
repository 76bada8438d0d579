"""The HTML report without a browser: article text is never markup, the CSP matches, links resolve."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import newsprism
from html_stories import BRIDGE_A, BRIDGE_B, HOSTILE_TEXT, bridge_texts, hostile_text
from newsprism.model import Comparison, Fact, Finding
from newsprism.render.html import comparison_to_html, json_for_script

ROOT = Path(__file__).resolve().parents[1]


class Page(HTMLParser):
    """The parts of a page the tests look at: elements, inline blocks, and each column's text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []  # (tag, attrs, raw content)
        self.columns: list[str] = []
        self._stack: list[tuple[str, str]] = []  # (tag, role in the text: "text", "sr" or "")
        self._open_block: tuple[str, dict[str, str | None]] | None = None
        self._block_data: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag in ("script", "style"):
            self._open_block, self._block_data = (tag, a), []
            return
        if tag in ("meta", "link", "br", "img", "input", "hr"):
            return
        classes = (a.get("class") or "").split()
        role = "text" if "text" in classes and tag == "div" else "sr" if "sr-only" in classes else ""
        if role == "text":
            self.columns.append("")
        self._stack.append((tag, role))

    def handle_endtag(self, tag: str) -> None:
        if self._open_block and tag == self._open_block[0]:
            self.blocks.append((tag, self._open_block[1], "".join(self._block_data)))
            self._open_block = None
            return
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._open_block:
            self._block_data.append(data)
            return
        roles = [r for _, r in self._stack]
        if "text" in roles and "sr" not in roles:
            self.columns[-1] += data

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if a.get("id")}


@pytest.fixture(scope="module")
def bridge() -> Comparison:
    return newsprism.compare(bridge_texts()).comparison


@pytest.fixture(scope="module")
def hostile() -> Comparison:
    return newsprism.compare([*bridge_texts(), hostile_text()]).comparison


@pytest.fixture(scope="module")
def hostile_page(hostile: Comparison) -> tuple[str, Page]:
    html = comparison_to_html(hostile)
    return html, Page(html)


def test_hostile_article_renders_as_text_and_adds_no_markup(hostile_page: tuple[str, Page]) -> None:
    html, page = hostile_page
    scripts = [(a, body) for tag, a, body in page.blocks if tag == "script"]
    assert len(scripts) == 2  # the data block and the page's own script, nothing from the article
    assert [a.get("type") for a, _ in scripts] == ["application/json", None]
    assert [tag for tag, _a, _b in page.blocks].count("style") == 1
    for tag, attrs in page.elements:
        assert tag not in ("img", "svg", "textarea", "iframe", "object", "embed", "form", "link", "base")
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for key in ("href", "src", "action", "formaction"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value or value.startswith("#"), (tag, attrs)  # in-page links only
    metas = [a for tag, a in page.elements if tag == "meta" and a.get("http-equiv")]
    assert [m["http-equiv"] for m in metas] == ["Content-Security-Policy"]
    # Nothing of the article reaches the blocks that run (the JSON data block is only parsed).
    assert "pwned" not in "".join(body for _t, a, body in page.blocks if a.get("type") != "application/json")
    # What the article says is there, character for character, as text.
    hostile_column = next(c for c in page.columns if "pwned" in c)
    assert hostile_column == HOSTILE_TEXT.strip() or hostile_column.strip() == HOSTILE_TEXT.strip()
    assert "{{ 7*7 }}" in hostile_column and "49" not in hostile_column
    assert "&lt;script&gt;window.__pwned = 1" in html
    # The hostile metadata is shown as text too; the article's URL is not a link.
    assert "&lt;img src=x onerror=" in html and "javascript:window.__pwned=7" in html
    assert not re.search(r"<a [^>]*href=\"javascript", html, re.IGNORECASE)


def test_every_column_shows_its_article_text_whole(bridge: Comparison) -> None:
    page = Page(comparison_to_html(bridge))
    assert page.columns == [aa.article.text for aa in bridge.articles]


def test_csp_hashes_match_the_inline_blocks(hostile_page: tuple[str, Page]) -> None:
    _html, page = hostile_page
    csp = next(a["content"] for tag, a in page.elements if tag == "meta" and a.get("http-equiv"))
    assert csp is not None
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in csp and "http" not in csp

    def digest(body: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"

    style = next(body for tag, _a, body in page.blocks if tag == "style")
    script = next(body for tag, a, body in page.blocks if tag == "script" and not a.get("type"))
    assert directives["style-src"] == [digest(style)]
    assert directives["script-src"] == [digest(script)]
    # No inline style attribute (the CSP would block it) and no inline handler anywhere.
    assert not any("style" in a for _t, a in page.elements)


def test_json_block_is_escaped_and_parses_back() -> None:
    data = {"x": "</script><script>alert(1)</script> & <!-- \u2028"}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_every_statement_id_in_the_page_exists(hostile: Comparison, hostile_page: tuple[str, Page]) -> None:
    _html, page = hostile_page
    ids = page.ids()
    statements = {st.id for aa in hostile.articles for st in aa.statements}
    assert {f"s-{sid}" for sid in statements} <= ids  # every statement is marked in its column
    hrefs = {a["href"][1:] for _t, a in page.elements if (a.get("href") or "").startswith("#")}
    assert hrefs <= ids, hrefs - ids
    sids = {a["data-sid"] for _t, a in page.elements if a.get("data-sid")}
    assert sids <= statements
    data = json.loads(next(body for tag, a, body in page.blocks if a.get("type") == "application/json"))
    for sid, pairs in data["links"].items():
        assert sid in statements
        assert all(other in statements and kind in ("aligned", "possible", "conflict") for other, kind in pairs)
    # Every statement element says its status, and is reachable by keyboard.
    for _t, a in page.elements:
        if a.get("data-sid") and "st" in (a.get("class") or "").split():
            assert a.get("tabindex") == "0" and a.get("role") == "button"


def test_page_sections_and_outlet_metadata(bridge: Comparison) -> None:
    html = comparison_to_html(bridge)
    for section in ("summary", "matrix", "columns", "findings", "entities", "voices"):
        assert f'id="{section}"' in html
    assert "Harlow Courier" in html and "Northern Post (Reuters)" in html and "Eva Stone" in html
    assert "prefers-color-scheme:dark" in html and "@media print" in html
    page = Page(html)
    # The quoted commissioner is among the voices of the first outlet.
    assert "Anna Lund" in html
    assert len(page.columns) == 2


def test_summary_sentences_link_to_their_statements(bridge: Comparison) -> None:
    page = Page(comparison_to_html(bridge))
    cites = [a for t, a in page.elements if t == "a" and "cite" in (a.get("class") or "")]
    for s in bridge.summary:
        for sid in s.citations:
            assert any(a.get("data-sid") == sid for a in cites)


def test_matrix_rows_are_facts_when_the_comparison_has_them(bridge: Comparison) -> None:
    claims = [c for aa in bridge.articles for c in aa.claims[:1]]
    assert len(claims) == 2
    fact = Fact(id=f"{bridge.story.id}:f0", claim_ids=tuple(c.id for c in claims),
                article_ids=tuple(aa.article.id for aa in bridge.articles),
                relations={bridge.articles[0].article.id: "same", bridge.articles[1].article.id: "partial"})
    html = comparison_to_html(dataclasses.replace(bridge, facts=(fact,)))
    assert "Facts by outlet" in html
    assert html.count('class="cell cell-reported"') == 1 and html.count('class="cell cell-partial"') == 1
    # Without facts (a comparison made before they existed, or one whose claims never join) the
    # rows are the aligned statements.
    assert "Statements and aligned groups" in comparison_to_html(dataclasses.replace(bridge, facts=()))


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from newsprism.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_cli_writes_html_by_suffix_and_by_format(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BRIDGE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BRIDGE_B, encoding="utf-8")
    got = _run("compare", "a.txt", "b.txt", "-o", "report.html", "--html", "also.html", cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert (tmp_path / "also.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    got = _run("compare", "a.txt", "b.txt", "--format", "html", cwd=tmp_path)
    assert got.returncode == 0 and got.stdout.startswith("<!DOCTYPE html>")


def test_templates_ship_as_package_data() -> None:
    from importlib import resources

    folder = resources.files("newsprism.render").joinpath("templates")
    names = {p.name for p in folder.iterdir()}
    assert {"base.html.j2", "report.html.j2", "macros.html.j2", "report.css", "report.js"} <= names
    assert "render/templates/*" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_less_sure_findings_are_folded_not_dropped(bridge: Comparison) -> None:
    a = bridge.articles[0].article.id
    extra = (Finding("fx0", "omission", "info", "a sure finding", (a,), confidence=0.9),
             Finding("fx1", "quote_variant", "info", "a doubtful finding", (a,), confidence=0.3))
    html = comparison_to_html(dataclasses.replace(bridge, findings=extra))
    folded = html[html.index('<details class="unsure">'):]
    assert "a doubtful finding" in folded and "a sure finding" not in folded
    assert "1 more, less sure" in folded and "confidence 0.30" in folded


def test_tagger_words_make_no_finding_but_are_marked_as_less_sure() -> None:
    a, b = bridge_texts()
    abusive = dataclasses.replace(a, text=a.text.rstrip() + "\n\nThose spineless crooks shamelessly betrayed "
                                  "every voter with vile schemes.\n")
    cmp = newsprism.compare([abusive, b]).comparison
    learned = [h for aa in cmp.articles for h in aa.loaded if h.learned]
    assert learned, "the tagger marked nothing in an abusive sentence"
    assert not [f for f in cmp.findings if f.data.get("learned")]
    html = comparison_to_html(cmp)
    marked = re.findall(r'<span class="ld [^"]*\bld-learned"[^>]*>([^<]+)<', html)  # not the legend's sample
    assert sorted(marked) == sorted(h.span.text for h in learned)
    assert "learned, less sure" in html  # the legend says what the lighter mark means
