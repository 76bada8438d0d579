"""Fuzzing every reader: random and mutated inputs give an article or an InputError, nothing else.

Inputs start from the fixtures in tests/data and from short articles written here, and are mutated
the way real files go wrong: truncated, bytes flipped, markup and quote marks inserted, scripts
mixed (Cyrillic, Arabic, CJK, emoji, combining and right-to-left marks), control characters and
NULs, byte-order marks, lone UTF-16 surrogates, very long lines, HTML nested thousands of levels
deep, huge attribute values, JSONL records of every shape. Properties:

- decoding, the text/Markdown, HTML and JSONL readers raise nothing: each input (or JSONL line)
  becomes an :class:`~newsprism.model.Article` or an :class:`~newsprism.errors.InputError`, and an
  article is well formed (text, id, typed metadata, writable as UTF-8 JSON);
- analysis (embeddings off) of any article a reader gives raises nothing, and every span it returns
  equals ``article.text[start:end]`` (``check_analysis`` and the checks here), claims and their
  arguments included, each inside its statement; the claim of any token
  (``claim_for_trigger``) raises nothing and is exact too.

The budget is the Hypothesis profile (tests/conftest.py): "ci" by default, a fixed seeded set;
``--hypothesis-profile=long`` tries 20 times as many fresh inputs. ``--hypothesis-show-statistics``
prints how many inputs each target tried and what became of them.
"""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

import newsprism
from newsprism.analysis import AnalyzeOptions, analyze_articles
from newsprism.analysis.claims import claim_for_trigger
from newsprism.analysis.nlp import english
from newsprism.config import Config
from newsprism.errors import InputError
from newsprism.ingest import article_from_text, read_input
from newsprism.ingest._decode import FORMATS, decode, sniff_format
from newsprism.model import AnalyzedArticle, Article, Span, article_id
from newsprism.pipeline import check_analysis

DATA = Path(__file__).parent / "data"
FIXTURES = {p.name: p.read_bytes() for p in sorted(DATA.iterdir()) if p.is_file()}
SCALE = 20 if settings.get_current_profile_name() == "long" else 1
NO_EMBEDDINGS = AnalyzeOptions(embeddings=False)

# Short articles written for these tests, one per layout and feature the readers and analysis know.
ARTICLES = [
    "Ferry Service Resumes After Storm\n\nBy Lena Duarte, AP\n\nApril 2, 2024\n\n"
    "The ferry between Norrvik and Holm resumed on Tuesday, two days after the storm, the operator said.\n\n"
    "“We checked every boat twice,” operator chief Jonas Berg told reporters.\n\n"
    "Original url: https://www.example.org/2024/04/02/ferry\n",
    " date 2024-04-02 Rescuers found 12 hikers on Monday. They were cold but safe, police said.\n\n"
    "The search had lasted three days.",
    "# Council Votes On Harbour Plan\n\n![the harbour](https://example.org/h.jpg)\n\n"
    "The **council** voted 7 to 2 for [the plan](https://example.org/plan) on Wednesday, March 6.\n"
    "Work starts next week and will cost $2.5 million.\n\n*Photo: Jane Roe / Reuters*\n\n"
    "Read more: [harbour news](https://example.org/h)\n",
    "Городской совет утвердил бюджет в среду, 6 марта 2024 года. «Мы довольны», — сказал мэр Иван Петров.",
    'Officials said 3,000 people had left the valley. "It was chaos," said Dr. Amal Haddad, adding that '
    'aid worth €4 million would arrive "within days". According to the ministry, the toll rose to 41 '
    "on Friday, a week after the quake.",
    "The envoy met Ким Чен Ын in 北京 on Friday; الوزير said “مرحبا” 🙂 and left.\n\n"
    "He said that the talks, which began on 3 May, were over.",
    "MOSCOW (Reuters) - Talks resumed on Thursday, July 29, the Kremlin said.\n\n"
    "Nine days later, both sides said they had agreed on nothing.",
]

# What gets inserted: markup, quote marks, scripts, invisible and control characters, dates and numbers.
SNIPPETS = [
    "<b>", "</p>", "<p>", "<div>", "<br/>", "<!--", "-->", "<script>x()</script>", "&amp;", "&#0;", "&#xD800;",
    "**", "__", "*", "_", "[", "](", ")", "![", "# ", "> ", "```", "|", "\\",
    '"', "“", "”", "‘", "’", "«", "»", "„", "'", "''",
    "Москва", "Київ", "القاهرة", "北京市", "東京", "서울", "😀", "👩‍👩‍👧", "🇺🇦", "e\u0301", "\u0301\u0301\u0301",
    "\u200f", "\u200e", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad", "\ufffd",
    "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\t", "\r", "\r\n",
    "\n", "\n\n", "\n\n\n",
    " date 2024-02-30 ", "By Reuters", "Original url: http://[::1", "https://exa mple.org/x",
    "on Friday, March 14", "29 июля 2022", "9,999,999,999,999 troops", "$1e9", "Feb. 31", "2024-13-45",
    "said", "told reporters", "according to", "He said that", "(AFP) -",
]
LONG = ["x" * 20_000, "word " * 4_000, "a" * 5_000 + " " + "b" * 5_000, ". " * 3_000, "“" * 2_000]


@st.composite
def mutated_text(draw: st.DrawFn, long: bool = True) -> str:
    """One of the articles (or a fixture read as text), cut, spliced and sprinkled with snippets."""
    seeds = ARTICLES + [FIXTURES[n].decode("utf-8") for n in ("marker_story.txt", "wire_story.md")]
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["truncate", "insert", "insert", "insert", "delete", "duplicate", "random"]
                                  + (["long"] if long else [])))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 200)))
        if op == "truncate":
            text = text[:i]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(SNIPPETS)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "random":
            text = text[:i] + draw(st.text(max_size=20)) + text[i:]
        else:
            text = text[:i] + draw(st.sampled_from(LONG)) + text[i:]
    return text


# Words, marks and phrases that analysis looks for (speakers, cues, quote marks, dates, numbers,
# datelines, page debris), strung together in any order: sentences no one wrote, built to meet
# the quote, time and number rules at their edges.
FRAGMENTS = [
    "The minister ", "Anna Berg ", "Berg ", "He ", "she ", "they ", "The spokesman ", "the ministry ", "Moscow ",
    "U.S. ", "the Kremlin ", "Киев ", "Лавров ", "北京 ", "said ", "told reporters ", "according to ", "added ",
    "described the talks as ", "declined to comment ", "denied ", "that ", "will ", "would ", "was ", "not ",
    "is expected to ", "met ", "people ", "troops ", "officials ", "“", "”", '"', "'", "‘", "’", "«", "»", "„",
    "(", ")", "[", "]", ", ", ". ", "! ", "? ", ": ", "; ", " — ", " - ", "...", "…", "\n\n", "\n", "\t",
    "on Friday ", "Friday ", "on Tuesday, March 14 ", "Wednesday, 31 February ", "March 3 ", "Aug. 3 ", "2022 ",
    "in the 1990s ", "next week ", "last month ", "yesterday ", "two days later ", "Nine days earlier, ",
    "a week after that ", "the next day ", "from August 3 to 5 ", "on 10-12 September ", "between 2019 and 2021 ",
    "3,000 ", "$2.5 million ", "€4bn ", "40% ", "3.5 percent ", "a dozen ", "twenty-five ", "dozens of ",
    "one of the ", "2 of the 5 ", "3-5 ", "1/2 ", "28th ", "first ", "No. 5 ", "10 km ", "1e9 ", "-7 ",
    "MOSCOW (AFP) - ", "By Reuters ", "Photo: AP ", "Read more ", "https://example.org/2022/07/29 ", "# ", "**",
    "Dr. ", "Mr. ", "e\u0301", "\u200f", "\u202e", "\x00", "\x0b", "🙂", "\ufeff",
]


@st.composite
def fragment_text(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=80)))


# How text reaches a file: UTF-8 with or without its byte-order mark, UTF-16/32, legacy code pages.
def _utf16_with_surrogates(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + (text[: len(text) // 2] + "\ud800" + text[len(text) // 2 :]).encode(
        "utf-16-le", "surrogatepass")


ENCODERS: dict[str, Any] = {
    "utf-8": lambda t: t.encode("utf-8", "surrogatepass"),
    "utf-8-sig": lambda t: codecs.BOM_UTF8 + t.encode("utf-8", "surrogatepass"),
    "utf-16": lambda t: t.encode("utf-16", "surrogatepass"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be", "surrogatepass"),
    "utf-16-lone-surrogate": _utf16_with_surrogates,
    "utf-32": lambda t: t.encode("utf-32", "surrogatepass"),
    "cp1251": lambda t: t.encode("cp1251", "replace"),
    "latin-1": lambda t: t.encode("latin-1", "replace"),
}


@st.composite
def mutated_bytes(draw: st.DrawFn, seed: st.SearchStrategy[bytes]) -> bytes:
    """Bytes of a seed with bytes flipped, cut, inserted or deleted."""
    data = bytearray(draw(seed))
    for _ in range(draw(st.integers(0, 5))):
        op = draw(st.sampled_from(["flip", "flip", "truncate", "insert", "delete"]))
        i = draw(st.integers(0, len(data)))
        if op == "flip" and i < len(data):
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[i:]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[i : i + draw(st.integers(1, 16))]
    return bytes(data)


def encoded(texts: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.tuples(texts, st.sampled_from(sorted(ENCODERS))).map(lambda te: ENCODERS[te[1]](te[0]))


FILE_BYTES = st.one_of(
    encoded(mutated_text()),
    mutated_bytes(st.sampled_from(list(FIXTURES.values()))),
    mutated_bytes(encoded(mutated_text(long=False))),
    st.binary(max_size=600),
)


# --- checks -------------------------------------------------------------------------------------


def check_article(art: Article) -> None:
    """What every article a reader returns must be: text, its id, typed metadata, writable as JSON."""
    assert isinstance(art.text, str) and art.text.strip()
    assert art.id == article_id(art.text)
    assert "\r" not in art.text
    for name in ("source", "agency", "author", "title", "url", "language"):
        value = getattr(art, name)
        assert value is None or isinstance(value, str), (name, value)
    assert art.published is None or isinstance(art.published, date), art.published
    # The records the renderers write: they must encode (no lone surrogate) and parse back.
    record = json.dumps(art.to_dict(), ensure_ascii=False)
    assert json.loads(record.encode("utf-8"))["text"] == art.text


def check_read(got: list[Article | InputError]) -> list[Article]:
    """Each result is an article or a one-line input error; return the articles."""
    assert got
    articles = []
    for item in got:
        if isinstance(item, InputError):
            assert "\n" not in str(item), str(item)
            event(f"refused: {type(item).__name__}")
        else:
            assert isinstance(item, Article), item
            check_article(item)
            event("read")
            articles.append(item)
    return articles


def _check_span(span: Span, art: Article) -> None:
    assert span.article_id == art.id
    assert 0 <= span.start <= span.end <= len(art.text), (span.start, span.end, len(art.text))
    assert art.text[span.start : span.end] == span.text


def check_spans(aa: AnalyzedArticle) -> None:
    """Every span of an analysis is the article text at its offsets (the runner's check and more)."""
    check_analysis(aa)
    art = aa.article
    spans = [s.span for s in aa.sentences] + [m.span for e in aa.entities for m in e.mentions]
    spans += [t.span for t in aa.times] + [q.span for q in aa.numbers] + [st_.span for st_ in aa.statements]
    spans += [sp for q in aa.quotes for sp in (q.content, q.speaker, q.cue) if sp is not None]
    statements = {st_.id: st_.span for st_ in aa.statements}
    for c in aa.claims:  # every claim and argument span exact, inside its statement
        inner = [c.span, c.trigger, *(a.span for a in c.arguments)]
        spans += inner + ([c.source_span] if c.source_span is not None else [])
        outer = statements[c.statement_id]
        assert all(outer.start <= sp.start <= sp.end <= outer.end for sp in inner), (c, outer)
        assert all(c.span.start <= sp.start and sp.end <= c.span.end for sp in inner), c
    for span in spans:
        _check_span(span, art)
    for s in aa.sentences:
        assert s.span.text.strip() == s.span.text and s.span.text
    ids = [x.id for x in (*aa.sentences, *aa.entities, *aa.times, *aa.numbers, *aa.quotes, *aa.statements,
                          *aa.claims)]
    assert len(ids) == len(set(ids))
    event(f"statements: {min(len(aa.statements), 5)}{'+' if len(aa.statements) >= 5 else ''}")


def analyze_checked(articles: list[Article]) -> None:
    analyzed = analyze_articles(articles, NO_EMBEDDINGS)
    assert [aa.article for aa in analyzed] == articles
    for aa in analyzed:
        check_spans(aa)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _read(folder: Path, name: str, data: bytes, **kw: Any) -> list[Article | InputError]:
    path = folder / name
    path.write_bytes(data)
    return read_input(path, **kw)


# --- the decoder --------------------------------------------------------------------------------


@settings(max_examples=600 * SCALE)
@given(data=st.one_of(FILE_BYTES, st.binary(max_size=64)), small_limit=st.booleans(),
       name=st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl", "a.json", "a.xml", "a", ""]))
@example(data=codecs.BOM_UTF16_LE + "a\ud800b".encode("utf-16-le", "surrogatepass"), small_limit=False, name="")
@example(data=codecs.BOM_UTF8 + b"\xef\xbb\xbf", small_limit=False, name="")
@example(data=b"\x00" * 9000 + b"text", small_limit=False, name="a.txt")
def test_decode_gives_text_or_an_input_error(data: bytes, small_limit: bool, name: str) -> None:
    limit = 64 if small_limit else Config().max_input_bytes
    try:
        text = decode(data, "<fuzz>", limit)
    except InputError as err:
        assert "\n" not in str(err)
        event(f"refused: {type(err).__name__}")
        return
    event("decoded")
    assert len(data) <= limit and text.strip()
    text.encode("utf-8")  # valid Unicode: no lone surrogate survives decoding
    try:
        assert sniff_format(name, text, "<fuzz>") in FORMATS
    except InputError:
        event("format refused")


# --- text and Markdown ---------------------------------------------------------------------------


@settings(max_examples=250 * SCALE)
@given(data=FILE_BYTES, name=st.sampled_from(["story.txt", "story.md", "story"]))
def test_text_reader(folder: Path, data: bytes, name: str) -> None:
    check_read(_read(folder, name, data, input_format="text"))


@settings(max_examples=250 * SCALE)
@given(text=st.one_of(mutated_text(), fragment_text(), st.text(max_size=300)))
@example(text="a lone \ud800 surrogate in a string")
def test_article_from_text(text: str) -> None:
    try:
        art = article_from_text(text)
    except InputError as err:
        assert "\n" not in str(err)
        event(f"refused: {type(err).__name__}")
        return
    event("read")
    check_article(art)


# --- HTML ----------------------------------------------------------------------------------------

PARAGRAPHS = [p for a in ARTICLES for p in a.split("\n\n") if len(p) > 40]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A page: the fixture pages mutated, or one built around paragraphs with odd structure."""
    if draw(st.booleans()):
        page = draw(st.sampled_from([FIXTURES["page.html"], FIXTURES["nav_only.html"]])).decode("utf-8")
        for _ in range(draw(st.integers(1, 5))):
            i = draw(st.integers(0, len(page)))
            piece = draw(st.one_of(st.sampled_from(SNIPPETS), st.sampled_from(LONG), st.text(max_size=20)))
            page = page[:i] + piece + page[i:] if draw(st.booleans()) else page[:i]
        return page
    depth = draw(st.sampled_from([0, 1, 10, 100, 250, 256, 300, 1000, 3000, 6000]))
    tag = draw(st.sampled_from(["div", "span", "b", "p", "table", "li", "section"]))
    closed = draw(st.booleans())
    body = "".join(f"<p>{draw(st.sampled_from(PARAGRAPHS))}</p>" for _ in range(draw(st.integers(0, 4))))
    attr = draw(st.sampled_from(["", ' class="x"', ' title="' + "t" * 200_000 + '"', ' data-x="&#0;&#xD800;"',
                                 " onclick=" + "a" * 50_000]))
    head = draw(st.sampled_from([
        "", "<title>Ferry resumes</title>", '<meta name="author" content="By Lena Duarte, AP">',
        '<meta property="article:published_time" content="9999-99-99T99:99">',
        '<link rel="canonical" href="http://[::1">', '<meta property="og:site_name" content="' + "S" * 10_000 + '">',
        '<meta property="og:site_name" content="Reuters"><link rel="canonical" href="https://www.example.org/a">',
    ]))
    # The odd attribute on the outermost element only: a page, not gigabytes of attributes.
    inner = (f"<{tag}{attr}>" + f"<{tag}>" * (depth - 1) if depth else "") + body + (f"</{tag}>" * depth if closed else "")
    before = draw(st.sampled_from(["", f"<p>{PARAGRAPHS[0]}</p>"]))
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{before}{inner}</article></body></html>"


@settings(max_examples=150 * SCALE)
@given(page=html_pages(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_html_reader(folder: Path, page: str, encoding: str) -> None:
    check_read(_read(folder, "page.html", ENCODERS[encoding](page)))


FIRST, MIDDLE, LAST = (
    "The first paragraph of the story says the ferry resumed on Tuesday after the storm had passed.",
    "The middle paragraph, deep inside the markup, says every boat was checked twice by the crews.",
    "The last paragraph says the operator expects the timetable to be back to normal by Friday.",
)


@settings(max_examples=60 * SCALE)
@given(depth=st.integers(0, 4000), tag=st.sampled_from(["div", "section", "span", "b", "blockquote"]))
@example(depth=240, tag="div")
@example(depth=3000, tag="div")
def test_deep_html_is_read_whole_or_refused(folder: Path, depth: int, tag: str) -> None:
    # The parser under trafilatura stops at a fixed depth and drops the rest of the page: the page
    # must then be refused, never read with its end (or all of it) silently missing.
    page = (f"<!DOCTYPE html><html><body><article><p>{FIRST}</p>" + f"<{tag}>" * depth + f"<p>{MIDDLE}</p>"
            + f"</{tag}>" * depth + f"<p>{LAST}</p></article></body></html>")
    (got,) = _read(folder, "deep.html", page.encode("utf-8"))
    if isinstance(got, InputError):
        event("refused")
        assert "nested" in str(got) and depth >= 200, (depth, str(got))
    else:
        event("read")
        check_article(got)
        assert [FIRST in got.text, MIDDLE in got.text, LAST in got.text] == [True, True, True], (depth, got.text)


# --- JSONL ---------------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    | st.sampled_from(["2024-04-02", "April 2, 2024", "9999-99-99", "", " ", "\ud800", "en", "ru", "xx",
                       "https://www.example.org/a", "http://[::1", "By Jane Roe, Reuters", "afp"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
FIELDS = ["title", "source", "agency", "author", "url", "published", "date", "language", "lang"]
# Mostly strings, as real records have (a field of another type refuses the whole record).
FIELD_VALUES = st.one_of(st.sampled_from(["2024-04-02", "2024-04-02T25:61:00Z", "April 2, 2024", "2 апреля 2024",
                                          "By Jane Roe, Reuters", "AFP", "en", "ru", "https://www.example.org/a",
                                          "ftp://x", "www.example.org", "Ferry Resumes"]),
                         st.text(max_size=40), JSON_VALUES)


@st.composite
def jsonl_lines(draw: st.DrawFn) -> str:
    """One JSONL line: a record with an article text (or not) and metadata of any JSON type, or junk."""
    kind = draw(st.sampled_from(["record", "record", "record", "odd-text", "junk", "blank"]))
    if kind == "junk":
        return draw(st.sampled_from(["[1, 2]", "null", '"a string"', "42", "{", "{}}", "NaN", "{\"text\": 1e999}",
                                     "{'text': 'single quotes'}", "{\"text\": \"\\ud800\\udc00 ok pair\"}"])
                    | st.text(max_size=40))
    if kind == "blank":
        return draw(st.sampled_from(["", "   ", "\t"]))
    record: dict[str, Any] = {"text": draw(mutated_text(long=False)) if kind == "record" else draw(JSON_VALUES)}
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=4, unique=True)):
        record[name] = draw(FIELD_VALUES)
    return json.dumps(record, ensure_ascii=draw(st.booleans()), allow_nan=True)


@settings(max_examples=200 * SCALE)
@given(lines=st.lists(jsonl_lines(), min_size=1, max_size=4), bom=st.booleans(),
       newline=st.sampled_from(["\n", "\r\n"]))
@example(lines=['{"text": "The talks went well, \\ud800 the ministry said."}'], bom=False, newline="\n")
@example(lines=['{"text": "The talks went well, the ministry said.", "url": "http://[::1"}'], bom=False,
         newline="\n")
@example(lines=['{"text": "The talks went well, the ministry said.", "published": 20240402}'], bom=False,
         newline="\n")
def test_jsonl_reader(folder: Path, lines: list[str], bom: bool, newline: str) -> None:
    data = (("\ufeff" if bom else "") + newline.join(lines)).encode("utf-8", "surrogatepass")
    check_read(_read(folder, "batch.jsonl", data))


@settings(max_examples=150 * SCALE)
@given(text=st.one_of(mutated_text(), fragment_text(), st.text(max_size=300)),
       meta=st.fixed_dictionaries({}, optional={"title": st.text(max_size=20), "published": FIELD_VALUES,
                                                "source": st.text(max_size=20), "language": st.text(max_size=5)}))
@example(text="a lone \ud800 surrogate", meta={})
@example(text="Talks resumed.", meta={"title": "\udfff"})
def test_text_records_of_the_api(text: str, meta: dict[str, Any]) -> None:
    # newsprism.Text: what a caller holds in memory, with the metadata it knows.
    check_read(read_input(newsprism.Text(text, **meta)))


# --- analysis ------------------------------------------------------------------------------------


@st.composite
def article_inputs(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
    """What a reader turns into an article: (format, content, metadata), with or without a date."""
    published = draw(st.sampled_from([None, "2024-04-02", "2022-07-29", "1999-12-31", "2100-02-28"]))
    language = draw(st.sampled_from([None, "en", "en", "ru", "fr"]))  # fr: the limited path with French NER
    how = draw(st.sampled_from(["text", "text", "text", "html", "jsonl"]))
    texts = mutated_text(long=False) | fragment_text() | fragment_text() | st.text(min_size=1, max_size=200)
    content = draw(html_pages()) if how == "html" else draw(texts)
    return how, content, {k: v for k, v in (("published", published), ("language", language)) if v}


def read_article(folder: Path, how: str, content: str, meta: dict[str, Any]) -> Article | None:
    """The article a reader gives for the input, or None when it refuses it."""
    try:
        if how == "jsonl":  # JSON strings carry what a text file cannot: NULs, controls, any escape
            line = json.dumps({"text": content, **meta})
            got = check_read(_read(folder, "one.jsonl", line.encode("utf-8", "surrogatepass")))
            return got[0] if got else None
        art = article_from_text(content, fmt=how, **meta)
    except InputError:
        return None
    check_article(art)
    return art


@settings(max_examples=150 * SCALE)
@given(given_input=article_inputs())
def test_analysis_spans_match_the_text(folder: Path, given_input: tuple[str, str, dict[str, Any]]) -> None:
    art = read_article(folder, *given_input)
    if art is None:
        event("no article")
        return
    analyze_checked([art])


@settings(max_examples=40 * SCALE)
@given(inputs=st.lists(article_inputs(), min_size=2, max_size=4))
def test_analysis_of_a_batch_matches_each_article(folder: Path, inputs: list[tuple[str, str, dict[str, Any]]]) -> None:
    # Parsed in one spaCy batch: each analysis still points into its own article.
    arts = [a for a in (read_article(folder, *i) for i in inputs) if a is not None]
    analyzed = analyze_articles(arts, NO_EMBEDDINGS)
    assert [aa.article for aa in analyzed] == arts
    for aa in analyzed:
        check_spans(aa)


@settings(max_examples=60 * SCALE)
@given(given_input=article_inputs(), where=st.floats(min_value=0, max_value=1))
def test_claim_for_any_token_raises_nothing_and_is_exact(folder: Path, given_input: tuple[str, str, dict[str, Any]],
                                                        where: float) -> None:
    # The event eval asks for the claim of any gold token, whatever the parse made of it.
    art = read_article(folder, *given_input)
    if art is None or not art.text:
        event("no article")
        return
    doc = english()(art.text)
    if not len(doc):
        return
    i = min(len(doc) - 1, int(where * len(doc)))
    claim = claim_for_trigger(art, doc, i, "s", 0)
    for span in (claim.span, claim.trigger, *(a.span for a in claim.arguments)):
        _check_span(span, art)
    assert claim.span.start <= claim.trigger.start and claim.trigger.end <= claim.span.end
    event(f"trigger pos: {claim.pos}")
