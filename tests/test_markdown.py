"""The Markdown reports treat article text as untrusted: parsed back, no markup comes from it.

Checked by parsing the rendered Markdown with markdown-it-py (CommonMark, raw HTML allowed, plus
GFM tables and strikethrough), as a Markdown viewer would.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Sequence
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.comparison import compare_articles
from newsprism.comparison.confidence import SURE
from newsprism.model import AnalyzedArticle, Article, Comparison, article_id
from newsprism.render._markdown import md_block, md_inline
from newsprism.render.analysis import analysis_to_markdown
from newsprism.render.comparison import comparison_to_markdown

# Markup a sentence may carry; each must reach the reader as these very characters.
HOSTILE = [
    "[the Verlund dam](https://evil.example/phish)",
    "![tracker](https://evil.example/pixel.png)",
    "`rm -rf /`",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "<https://evil.example/auto>",
    "&copy; &#169;",
    "*deny* __everything__ ~~struck~~",
    "| a | b |",
    "[ref]: https://evil.example/def",
]

# Two invented reports of one event, every sentence spiked with markup.
DAM_A = (
    "Engineers found three new cracks in the [Verlund dam](https://evil.example/phish) on Sunday and ordered "
    "the reservoir lowered by two metres, the regional water authority said.\n\n"
    "# Breaking: the dam, built in `1962`, supplies drinking water to about 400,000 people "
    "<script>alert(1)</script>.\n\n"
    "![tracker](https://evil.example/pixel.png) Local farmers have complained for years that repairs were "
    "postponed to save money, see <https://evil.example/auto> or www.evil.example.\n\n"
    "- Authority director Tomas Brandt said the structure was *safe for now* | but could not take chances."
)
DAM_B = (
    "The regional water authority ordered the Verlund reservoir lowered by two metres after engineers "
    "discovered three new cracks in the dam on Sunday <b>[exclusive]</b>.\n\n"
    "1. Residents were told that tap water remains safe to drink &copy; ~~officials~~.\n\n"
    "    Authority director Tomas Brandt said the structure was safe for now.\n\n"
    "[ref]: https://evil.example/def\n"
)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


FORBIDDEN_BLOCKS = {"html_block", "fence", "code_block", "blockquote_open", "hr", "table_open"}
FORBIDDEN_INLINE = {"link_open", "image", "code_inline", "html_inline", "s_open"}


def _check(markdown: str) -> tuple[list[Token], str]:
    """Fail on any markup an article could have made; return the tokens and all visible text."""
    tokens = _parser().parse(markdown)
    assert not FORBIDDEN_BLOCKS & {t.type for t in tokens}, markdown
    texts = []
    for tok in tokens:
        for child in tok.children or ():
            assert child.type not in FORBIDDEN_INLINE, (child, markdown)
            if child.type == "text":
                texts.append(child.content)
    return tokens, "".join(texts)


def _headings(tokens: Sequence[Token]) -> list[str]:
    """The text each heading shows."""
    return ["".join(c.content for c in tokens[i + 1].children or () if c.type == "text")
            for i, t in enumerate(tokens) if t.type == "heading_open"]


def _lines(text: str) -> str:
    """What a line of inline Markdown shows for ``text``: line breaks as spaces, ends trimmed."""
    return re.sub(r"[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)+", " ", text).strip()


# --- the helper ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_renders_as_itself(text: str) -> None:
    for line in (f"- {md_inline(text)}", f"# {md_inline(text)}", f"1. **{md_inline(text)}:** {md_inline(text)}"):
        tokens, shown = _check(line)
        assert text in shown
        assert len(_headings(tokens)) == line.startswith("#")


@pytest.mark.parametrize("start", ["- item", "+ item", "1. item", "2) item", "=== rule", "--- rule", "    code",
                                   "> quote", "## heading", "```", "~~~"])
def test_text_that_starts_like_a_block_stays_text(start: str) -> None:
    tokens, shown = _check(f"- {md_inline(start)}")
    assert shown == start.strip()
    assert [t.type for t in tokens].count("bullet_list_open") == 1 and "ordered_list_open" not in [t.type for t in tokens]


def test_line_breaks_stay_inside_the_item() -> None:
    text = "first line\n# not a heading\r\n\n> not a quote"
    tokens, shown = _check(f"- {md_inline(text)} (end)")
    assert shown == "first line # not a heading > not a quote (end)"
    assert [t.type for t in tokens].count("list_item_open") == 1 and not _headings(tokens)


def test_bare_urls_and_addresses_are_broken_for_gfm_autolinks() -> None:
    # GitHub turns bare URLs and e-mail addresses into links; one escape in each stops that.
    assert md_inline("see https://evil.example and www.evil.example, or press@evil.example") == (
        "see https\\://evil.example and www\\.evil.example, or press\\@evil.example")
    assert _check(md_inline("https://evil.example"))[1] == "https://evil.example"


def test_block_keeps_paragraphs() -> None:
    tokens, shown = _check(md_block("One\nline.\n\n    # Two\n\n\n- three"))
    assert [t.type for t in tokens].count("paragraph_open") == 3 and not _headings(tokens)
    assert shown == "One line.# Two- three"


ALPHABET = string.ascii_letters + string.digits + string.punctuation * 3 + " \t\n\r" + "éЖ—“”"


def _random_texts(n: int, seed: int = 11) -> list[str]:
    """Seeded random strings heavy in punctuation (no new test dependency; the same every run)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60))) for _ in range(n)]


def test_any_text_renders_as_itself() -> None:
    texts = _random_texts(600)
    for name, text in zip(texts[::2], texts[1::2], strict=True):
        tokens, shown = _check(f"- **{md_inline(name)}:** {md_inline(text)}")
        assert shown == _lines(name) + ":" + (" " + _lines(text) if _lines(text) else ""), (name, text)
        assert [t.type for t in tokens].count("list_item_open") == 1 and not _headings(tokens)
        tokens, shown = _check(f"# {md_inline(text)}")
        assert shown == _lines(text) and len(_headings(tokens)) == 1, text


# --- the reports ---------------------------------------------------------------------------------


def _article(text: str, **meta: Any) -> Article:
    return Article(id=article_id(text), text=text, language="en", **meta)


@pytest.fixture(scope="module")
def hostile_comparison() -> Comparison:
    arts = [_article(DAM_A, source="[Evil Outlet](https://evil.example)", title="# Cracks `found` <i>today</i>",
                     published=None, origin="a.txt"),
            _article(DAM_B, source="Outlet *B*", origin="b.txt")]
    return compare_articles(analyze_articles(arts))


def test_comparison_markdown_renders_no_markup_from_articles(hostile_comparison: Comparison) -> None:
    cmp = hostile_comparison
    md = comparison_to_markdown(cmp)
    tokens, shown = _check(md)
    # Only the report's own headings: title, sections, one per agreed fact and per article (facts
    # only one source tells), one per alignment and per article (statements), findings and the
    # folded less sure ones. (The fact sections appear only when the comparison has facts:
    # CompareOptions.facts.)
    facts = (1 + len(cmp.coverage.agreed_facts) + 1 + len(cmp.articles)) if cmp.facts else 0
    folded = any(f.confidence < SURE for f in cmp.findings)
    expected = (1 + 1 + bool(cmp.summary) + facts
                + 1 + len(cmp.alignments) + 1 + len(cmp.articles) + bool(cmp.findings) + folded)
    assert len(_headings(tokens)) == expected
    assert _headings(tokens)[0] == "# Cracks `found` <i>today</i>"  # the title, as written
    # (The sentence splitter cuts the image's "!" off into a statement of its own.)
    for piece in ("[Verlund dam](https://evil.example/phish)", "<script>alert(1)</script>", "`1962`",
                  "[tracker](https://evil.example/pixel.png)", "<https://evil.example/auto>", "[Evil Outlet]",
                  "<b>[exclusive]</b>", "&copy; ~~officials~~", "[ref]: https://evil.example/def"):
        assert piece in shown, piece
    assert cmp.alignments, "the test story must align at least one fact"


def test_comparison_markdown_cites_outlets_by_name(hostile_comparison: Comparison) -> None:
    cmp = hostile_comparison
    md = comparison_to_markdown(cmp)
    statement_ids = [s.id for aa in cmp.articles for s in aa.statements]
    assert not [sid for sid in statement_ids if sid in md]
    assert cmp.summary, "the test story must have a summary"
    section = md.split("## What the reports agree on", 1)[1].split("\n## ", 1)[0]
    _, shown = _check(section)
    assert "[Evil Outlet](https://evil.example)" in shown and "Outlet *B*" in shown


def test_articles_sharing_a_name_are_told_apart(hostile_comparison: Comparison) -> None:
    import dataclasses

    same = tuple(dataclasses.replace(aa, article=dataclasses.replace(aa.article, source="Wire", agency=None))
                 for aa in hostile_comparison.articles)
    md = comparison_to_markdown(dataclasses.replace(hostile_comparison, articles=same))
    assert "**Wire \\[1\\]**" in md and "**Wire \\[2\\]**" in md


@pytest.mark.parametrize("nlp", [True, False])
def test_analysis_markdown_renders_no_markup_from_the_article(nlp: bool) -> None:
    art = _article(DAM_A, source="<img src=x onerror=alert(1)>", author="[Jane](https://evil.example)",
                   title="Dam `cracks`", url="https://evil.example/page")
    aa: AnalyzedArticle = analyze_articles([art], AnalyzeOptions(nlp=nlp, embeddings=False))[0]
    tokens, shown = _check(analysis_to_markdown(aa))
    assert _headings(tokens)[0] == "Dam `cracks`"
    assert all(not h.startswith("Breaking") for h in _headings(tokens))
    assert "<img src=x onerror=alert(1)>" in shown and "[Jane](https://evil.example)" in shown
    assert "[Verlund dam](https://evil.example/phish)" in shown and "<script>alert(1)</script>" in shown
