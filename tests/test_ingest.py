"""Ingest: every format, both text layouts, metadata, cleaning, and every kind of bad input."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from newsprism.config import Config
from newsprism.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    NoArticleTextError,
    TooLargeError,
    UnknownFormatError,
    UsageError,
)
from newsprism.ingest import Text, article_from_text, ingest, read_input
from newsprism.ingest._meta import outlet_from_url, split_byline
from newsprism.model import Article, article_id

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


def one(item: str | Path | Text, **kw: object) -> Article:
    got = read_input(item, **kw)  # type: ignore[arg-type]
    assert len(got) == 1
    assert isinstance(got[0], Article), got[0]
    return got[0]


def fail(item: str | Path | Text, **kw: object) -> InputError:
    got = read_input(item, **kw)  # type: ignore[arg-type]
    assert len(got) == 1
    assert isinstance(got[0], InputError), got[0]
    return got[0]


# --- the two example layouts -------------------------------------------------------------------


def test_example_afp_layout_metadata() -> None:
    art = one(EXAMPLES / "blinken-lavrov-afp.txt")
    assert art.source == "The Moscow Times"
    assert art.agency == "AFP"
    assert art.author is None
    assert art.published == date(2022, 7, 29)
    assert art.title and art.title.startswith("Blinken Holds")
    assert art.url and art.url.startswith("https://www.themoscowtimes.com/")
    assert art.language == "en"


def test_example_afp_layout_cleaning() -> None:
    text = one(EXAMPLES / "blinken-lavrov-afp.txt").text
    assert "[AFP]" not in text and "(#)" not in text and "**" not in text
    assert "Original url" not in text and "themoscowtimes.com" not in text
    # The photo caption with its bold credit is not article text.
    assert "TASS" not in text
    # A sentence broken across a paragraph gap is rejoined.
    assert "I can't give you an assessment of whether" in text
    assert text.startswith("US Secretary of State")
    assert "\n\n" in text  # paragraphs kept


def test_example_date_marker_layout() -> None:
    art = one(EXAMPLES / "blinken-lavrov-ru-state.txt")
    assert art.published == date(2022, 7, 29)
    assert art.source is None and art.agency is None and art.url is None
    assert art.text.startswith("US Secretary of State Anthony Blinken")
    assert "date 2022" not in art.text
    assert art.language == "en"


# --- fixtures written for the tests --------------------------------------------------------------


def test_markdown_layout_fixture() -> None:
    art = one(DATA / "wire_story.md")
    assert art.title == "Harbour Bridge Reopens After Two-Year Repair"
    assert art.author == "Jane Okafor" and art.agency == "Reuters"
    assert art.published == date(2023, 3, 3)
    assert art.source == "The Kyiv Independent"
    assert "bridge.jpg" not in art.text and "**" not in art.text and "*more" not in art.text
    assert "two years of repairs" in art.text and "more than 40 million" in art.text
    assert "who has spent two winters" in art.text  # rejoined across the blank line
    assert "Handout" not in art.text and "finishing touches" not in art.text  # caption dropped
    assert "Read more" not in art.text
    assert "repairs, the city's transport department said" in art.text  # hard wrap joined


def test_date_marker_fixture() -> None:
    art = one(DATA / "marker_story.txt")
    assert art.published == date(2023, 3, 3)
    assert art.text.startswith("The harbour bridge reopened")


def test_html_fixture() -> None:
    art = one(DATA / "page.html")
    assert art.title == "Harbour bridge reopens"
    assert art.author == "Jane Okafor"
    assert art.source == "The Daily Example"
    assert art.published == date(2023, 3, 3)
    assert art.url == "https://www.dailyexample.com/news/harbour-bridge-reopens"
    assert "Privacy" not in art.text and "Sport" not in art.text
    assert art.text.count("\n\n") == 2
    assert not art.text.startswith("Harbour bridge reopens")


def test_jsonl_aliases_and_bad_lines() -> None:
    got = read_input(DATA / "batch.jsonl")
    arts = [g for g in got if isinstance(g, Article)]
    errs = [g for g in got if isinstance(g, InputError)]
    assert len(arts) == 3 and len(errs) == 2
    first, russian, third = arts
    assert first.published == date(2023, 3, 3) and first.language == "en" and first.source == "The Daily Example"
    assert russian.language == "ru" and russian.agency == "TASS"
    assert third.author == "Jane Okafor" and third.agency == "AFP"
    assert {e.origin for e in errs} == {f"{DATA / 'batch.jsonl'}:3", f"{DATA / 'batch.jsonl'}:4"}
    assert "invalid JSON" in str(errs[0])


def test_stdin_with_forced_format() -> None:
    html = (DATA / "page.html").read_bytes()
    art = one("-", input_format="html", stdin=io.BytesIO(html))
    assert art.origin == "<stdin>" and art.source == "The Daily Example"
    art2 = one("-", stdin=io.BytesIO(html))  # detected
    assert art2.id == art.id


def test_text_string_input_and_metadata() -> None:
    art = article_from_text("Talks resumed on Monday.\n\nBoth sides said progress was made.",
                            source="Example Wire", published="2024-05-06", language="en")
    assert art.source == "Example Wire" and art.published == date(2024, 5, 6)
    assert art.text == "Talks resumed on Monday.\n\nBoth sides said progress was made."


def test_same_text_same_id_and_dedup(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Talks resumed on Monday in Geneva.\n", encoding="utf-8")
    b.write_text("Talks   resumed on Monday in Geneva.", encoding="utf-8")
    res = ingest([a, b, a])
    assert len(res.articles) == 1
    assert [d[0] for d in res.duplicates] == [str(b), str(a)]
    assert res.articles[0].id == article_id("talks resumed on monday in geneva.")


def test_a_str_is_always_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # A mistyped path (no suffix, no such file) is an error naming it, not a one-sentence article.
    err = fail("reports/day1")
    assert str(err) == "reports/day1: file not found"
    assert str(fail("My Reprot.txt")) == "My Reprot.txt: file not found"
    (tmp_path / "reports").mkdir()
    assert str(fail("reports")) == "reports: is a directory, not a file"
    # Even a string that is plainly article text is a path: the message says how to pass text.
    sentence = "The minister spoke on Monday."
    assert str(fail(sentence)) == f"{sentence}: file not found"
    long_line = "The council met on Monday and voted to close the bridge for repairs until spring. " * 4
    long_err = fail(long_line)
    assert long_err.origin.endswith("…") and len(long_err.origin) <= 61
    assert "newsprism.Text" in long_err.problem and "\n" not in str(long_err)
    multi = fail("one line\nand another.txt")
    assert multi.origin == "one line…" and "newsprism.Text" in multi.problem
    assert "NUL" in str(fail("a\x00b.txt"))
    # A path that names a file is read, as a str or a Path.
    (tmp_path / "day1").write_text(sentence, encoding="utf-8")
    assert one("day1").text == one(tmp_path / "day1").text == sentence


def test_text_record_is_article_text_with_metadata() -> None:
    long_line = "The council met on Monday and voted to close the bridge for repairs until spring. " * 4
    assert one(Text(long_line)).text.startswith("The council met")
    art = one(Text("Talks resumed on Monday.\n\nBoth sides said progress was made.", origin="wire-1",
                   source="Example Wire", published="2024-05-06", author="By Jane Doe, AFP", language="en"))
    assert (art.origin, art.source, art.published, art.author, art.agency, art.language) == (
        "wire-1", "Example Wire", date(2024, 5, 6), "Jane Doe", "AFP", "en")
    assert art.text == "Talks resumed on Monday.\n\nBoth sides said progress was made."
    # Text is read as a file's content is: HTML detected, checks applied, the origin named.
    html = (DATA / "page.html").read_text(encoding="utf-8")
    assert one(Text(html)).source == "The Daily Example"
    assert str(fail(Text("   \n"))) == "<text>: empty (no text)"
    assert isinstance(fail(Text("\x00\x01binary\x00" * 20, origin="blob")), BinaryInputError)
    with pytest.raises(UsageError, match=r"newsprism\.Text"):
        read_input(b"bytes are not an input")  # type: ignore[arg-type]


def test_control_characters_are_dropped_from_text_and_metadata() -> None:
    # A terminal escape sequence in a sentence or a title would drive the terminal showing the digest.
    # (Two in a short text: more would be refused as binary data.)
    art = one(Text("Talks \x1b[2J\x1b]0;owned resumed\x9b31m on Monday.\tBoth sides\fagreed.",
                   title="Title\x1b[31m red", source="Wire\x00"))
    assert art.text == "Talks [2J]0;owned resumed31m on Monday. Both sides agreed."
    assert (art.title, art.source) == ("Title[31m red", "Wire")
    assert art.id == article_id(art.text)


def test_jsonl_text_counts_its_lines_and_paths_mix_with_texts() -> None:
    lines = "".join(f'{{"text": "Article number {n} says the bridge reopened on Monday."}}\n' for n in range(3))
    res = ingest([Text(lines, origin="three"), DATA / "marker_story.txt", "missing.txt"])
    assert [a.origin for a in res.articles] == ["three:1", "three:2", "three:3", str(DATA / "marker_story.txt")]
    assert [str(e) for e in res.errors] == ["missing.txt: file not found"]


# --- bad input: each gets one named, one-line error --------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("empty.txt", b"", EmptyInputError, "empty"),
        ("blank.txt", b"  \n\n\t \n", EmptyInputError, "empty"),
        ("binary.txt", b"\x00\x01\x02\x03binary\x00data" * 10, BinaryInputError, "binary"),
        ("controls.txt", bytes(range(1, 32)) * 20, BinaryInputError, "binary"),
        ("latin1.txt", "Caf\u00e9 owners protested in Li\u00e8ge.".encode("latin-1"), EncodingError, "UTF-8"),
        ("mixed.txt", "Москва said ".encode() + "Kyiv café".encode("cp1252") + b" more text", EncodingError,
         "UTF-8"),
        ("report.pdf", b"%PDF-1.7 something", UnknownFormatError, "PDF"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, UnknownFormatError, "PNG"),
        ("feed.xml", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', NoArticleTextError,
         "RSS/Atom feed with no entries"),
        ("nav.html", (DATA / "nav_only.html").read_bytes(), NoArticleTextError, "no article text"),
    ],
)
def test_bad_inputs(tmp_path: Path, name: str, content: bytes, error: type, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    err = fail(path)
    assert isinstance(err, error)
    message = str(err)
    assert message.startswith(str(path) + ": ") and "\n" not in message
    assert words in message


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("The minister said talks went well. " * 100, encoding="utf-8")
    err = fail(path, config=Config(max_input_bytes=1000))
    assert isinstance(err, TooLargeError) and "limit" in str(err)
    assert isinstance(one(path, config=Config(max_input_bytes=10_000)), Article)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "not found" in str(fail(tmp_path / "nope.txt"))
    assert "directory" in str(fail(tmp_path))
    # A missing file is "not found" whatever its name says it would be.
    assert str(fail(tmp_path / "nope.pdf")) == f"{tmp_path / 'nope.pdf'}: file not found"
    (tmp_path / "file.txt").write_text("Talks resumed.", encoding="utf-8")
    assert "not found" in str(fail(tmp_path / "file.txt" / "inner.txt"))


def test_utf8_bom_and_utf16_read(tmp_path: Path) -> None:
    text = "Переговоры возобновились в понедельник в Женеве, сообщили дипломаты обеих сторон."
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (tmp_path / "u16.txt").write_text(text, encoding="utf-16")
    a, b = one(tmp_path / "bom.txt"), one(tmp_path / "u16.txt")
    assert a.text == b.text == text and a.language == "ru"


def test_one_bad_input_does_not_stop_batch(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    res = ingest([tmp_path / "empty.txt", DATA / "marker_story.txt", tmp_path / "missing.md", DATA / "page.html"])
    assert len(res.articles) == 2 and len(res.errors) == 2


def test_outlets_and_bylines() -> None:
    assert outlet_from_url("https://edition.cnn.com/2024/x") == "CNN"
    assert outlet_from_url("https://www.unknown-outlet.org/a") == "unknown-outlet.org"
    assert outlet_from_url("not a url") is None
    assert split_byline("By [AFP](#)") == (None, "AFP")
    assert split_byline("By Jane Doe and John Roe, The Associated Press") == ("Jane Doe, John Roe", "AP")
    assert split_byline("By Maria Petrova") == ("Maria Petrova", None)


# --- found by tests/test_fuzz.py: each was a traceback or text lost without a word ---------------

TALKS = "Talks resumed in Geneva on Monday, the ministry said."


def test_lone_surrogates_are_refused_not_a_crash(tmp_path: Path) -> None:
    # A JSON escape can make half a surrogate pair, which no UTF-8 writer (or hash) accepts.
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "The talks went well, \\ud800 the ministry said."}\n'
                    f'{{"text": "{TALKS}", "title": "Talks \\udfff"}}\n'
                    f'{{"text": "{TALKS}", "title": "A pair \\ud83d\\ude00 is fine"}}\n', encoding="utf-8")
    first, second, third = read_input(path)
    assert isinstance(first, EncodingError) and first.origin == f"{path}:1" and "lone surrogate" in str(first)
    assert isinstance(second, EncodingError) and "'title'" in str(second)
    assert isinstance(third, Article) and third.title == "A pair 😀 is fine"
    with pytest.raises(EncodingError, match="lone surrogate"):
        article_from_text("A string \ud800 handed to the API.")
    err = fail(Text("A Text \ud800 handed to the API.", origin="wire-2"))
    assert isinstance(err, EncodingError) and err.origin == "wire-2"
    assert "'title'" in str(fail(Text(TALKS, title="\udfff")))


def test_jsonl_metadata_of_another_type_is_refused_by_name(tmp_path: Path) -> None:
    records = [{"published": 20240402}, {"author": ["Jane Roe"]}, {"lang": 5}, {"source": {"name": "X"}},
               {"published": None, "title": "  "}, {"url": "http://[::1"}]
    path = tmp_path / "odd.jsonl"
    path.write_text("".join(json.dumps({"text": TALKS, **r}) + "\n" for r in records), encoding="utf-8")
    *errors, blank, bad_url = read_input(path)
    assert [str(e).split(": ", 1)[1] for e in errors] == [
        "'published' must be a string such as \"2024-04-02\", not int", "'author' must be a string, not list",
        "'lang' must be a string, not int", "'source' must be a string, not dict"]
    assert all(isinstance(e, InputError) for e in errors)
    assert isinstance(blank, Article) and blank.published is None and blank.title is None
    # A URL whose host cannot be parsed names no outlet (it was a ValueError out of urlsplit).
    assert isinstance(bad_url, Article) and bad_url.url == "http://[::1" and bad_url.source is None


def _nested_page(depth: int) -> str:
    first = "<p>The first paragraph says the ferry resumed on Tuesday after the storm had passed.</p>"
    middle = "<p>The middle paragraph says every boat was checked twice by the crews of the line.</p>"
    last = "<p>The last paragraph says the timetable should be back to normal by Friday.</p>"
    return f"<html><body><article>{first}{'<div>' * depth}{middle}{'</div>' * depth}{last}</article></body></html>"


def test_html_nested_too_deep_is_refused_not_cut_short(tmp_path: Path) -> None:
    # lxml stops at 256 levels and drops the rest of the page: only the first paragraph was read.
    (tmp_path / "deep.html").write_text(_nested_page(300), encoding="utf-8")
    err = fail(tmp_path / "deep.html")
    assert "nested 256 or more elements deep" in str(err)
    (tmp_path / "ok.html").write_text(_nested_page(200), encoding="utf-8")
    text = one(tmp_path / "ok.html").text
    assert text.count("\n\n") == 2 and "every boat" in text and "back to normal" in text


def test_every_error_survives_pickling() -> None:
    # Errors raised in an analysis worker process cross back to the parent by pickle.
    import pickle

    from newsprism import errors as e

    samples: list[e.NewsprismError] = [
        e.InputError("a.txt", "empty"), e.EncodingError("b.txt", "not UTF-8"),
        e.StageError("analyze", "c.txt", "boom"), e.MissingExtraError("the web app", "web"),
        e.OutputError("out.json", "is a directory"), e.ConfigError("bad"),
        e.UsageError("needs two", [e.InputError("d.txt", "empty")]),
    ]
    for err in samples:
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and str(back) == str(err)
        assert {k: [str(x) for x in v] if k == "errors" else v for k, v in vars(back).items()} == \
            {k: [str(x) for x in v] if k == "errors" else v for k, v in vars(err).items()}


def test_the_header_of_an_export_gives_outlet_title_author_and_keeps_the_deck_as_text() -> None:
    raw = ("USA TODAY Weekend Edition\n\n"
           "Flood waters rise along the river valley\n\n"
           "Farmers move herds to higher ground as levees strain\n\n"
           "- Maria Ortega and Sam Lee\n\n"
           "The river rose three metres overnight, officials said on Monday.\n\n"
           "Two villages were evacuated before dawn.")
    art = article_from_text(raw)
    assert (art.source, art.title, art.author) == ("USA Today", "Flood waters rise along the river valley",
                                                    "Maria Ortega, Sam Lee")
    assert art.text.startswith("Farmers move herds to higher ground")  # the deck is text, not metadata
    assert "Maria Ortega" not in art.text and "USA TODAY" not in art.text


def test_a_widget_line_under_the_headline_does_not_hide_it() -> None:
    raw = ("Ferry burns at the harbour after collision\n\n"
           "Harbor Media Getting your Trinity Audio player ready... |\n"
           "A ferry collided with a tug at the harbour on Tuesday evening, officials said.\n\n"
           "This is AI generated summarization, which may have errors. For context, always refer to the full article.\n\n"
           "Listen to this article\n\nAll 200 passengers escaped.")
    art = article_from_text(raw)
    assert art.title == "Ferry burns at the harbour after collision"
    assert art.text.startswith("A ferry collided") and art.text.endswith("All 200 passengers escaped.")
    assert "Audio" not in art.text and "summarization" not in art.text and "Listen" not in art.text


def test_a_role_line_under_the_headline_names_the_outlet_and_the_dateline_the_agency() -> None:
    raw = ("Crews clear roads after landslide\n\n"
           "Staff Writer\nRiverside Evening Ledger\n\n"
           "HILLTOWN (AP) — Crews cleared two roads on Sunday after a landslide cut off the town.\n\n"
           "No one was hurt, the mayor said.")
    art = article_from_text(raw)
    assert art.title == "Crews clear roads after landslide"
    assert art.source == "Riverside Evening Ledger" and art.agency == "AP"
    assert art.text.startswith("HILLTOWN (AP) — Crews cleared")


@pytest.mark.parametrize(("raw", "dropped", "kept"), [
    pytest.param("The bridge reopened on Friday after repairs, the city said.\n\n"
                 "Workers paint the railings of the bridge (Jane Roe/AP)\n\n"
                 "AP/John Doe\n\n"
                 "Traffic returned to normal within an hour (officials gave no figures).",
                 ["Workers paint", "John Doe"], "Traffic returned to normal within an hour (officials gave no figures).",
                 id="caption-with-bracketed-credit"),
    # An export glued the caption to the paragraph above it: the news sentence stays. (A caption of
    # two sentences keeps its first: it cannot be told from this, and losing news is worse.)
    pytest.param("The bridge reopened on Friday after repairs, the city said.\n\n"
                 "The bridge had been shut for nine weeks. Workers paint the railings (Jane Roe/AP)",
                 ["Workers paint", "Jane Roe"], "The bridge had been shut for nine weeks.",
                 id="caption-glued-to-a-paragraph"),
    pytest.param("The ministers met on Wednesday at the old manor.\n\n"
                 "The ministers take a walk on the manor's lawn in Harborton (REUTERS)\n\n"
                 "An aerial view of the cargo ship Sea StarImage source, Reuters\n\n"
                 "The ship was seized on Sunday. Photo by the port authority press service\n\n"
                 "Also read | As the strike goes on, ports wait\n\n"
                 "The talks lasted four hours (AP).",
                 ["take a walk", "Image source", "Photo by", "Also read"], "The talks lasted four hours (AP).",
                 id="bracketed-agency-image-source-and-also-read"),
    pytest.param("Quake toll rises to 708\n\nClick to follow\nThe harbour town lost its pier in the quake, officials "
                 "said on Sunday, as the count of the dead rose again.\n\nIN PICTURES: the harbour after the quake\n\n"
                 "Rescue teams worked through the night.",
                 ["Click to follow", "IN PICTURES"], "Rescue teams worked through the night.",
                 id="follow-and-gallery-prompts"),
    pytest.param("The mayor answered critics on Monday.\n\n"
                 "We will rebuild the pier by June. pic.twitter.com/AbC123xyz\n\n"
                 "The pier will reopen soon, folks! — Mayor Ada Quist (@MayorQuist) May 2, 2021\n\n"
                 "Quist wrote on Twitter that the pier would reopen in June.",
                 ["pic.twitter.com", "@MayorQuist", "folks"], "Quist wrote on Twitter that the pier would reopen in June.",
                 id="embedded-post"),
    pytest.param("The ministers met in the port on Thursday.\n\n"
                 "The minister speaks to the media after the meeting in the port   -  Copyright  Credit: AP Photo\n\n"
                 "Read Quist: the harbour must stay open\n\n"
                 "The talks ended without a deal, the ministry said.",
                 ["Copyright", "Read Quist", "must stay open"], "The talks ended without a deal, the ministry said.",
                 id="copyright-credit-and-read-link"),
])
def test_page_furniture_is_dropped_but_a_sentence_is_not(raw: str, dropped: list[str], kept: str) -> None:
    # A caption ending in a credit, a follow or gallery prompt, an embedded social-media post.
    art = article_from_text(raw)
    for piece in dropped:
        assert piece not in art.text, piece
    assert kept in art.text


def test_a_wire_page_header_and_its_captions_are_metadata_not_text() -> None:
    raw = ("Harbour town counts the cost of the storm\n\n"
           "The Associated Press By The Associated Press The Associated Press\n"
           "on March 3, 2021 at 7:10 AM, updated March 9, 2021 at 1:37 PM\n"
           "pier.jpgPeople walk past the broken pier in the harbour town on Sunday, a day after the storm hit the coast.\n"
           "HARBORTON -- Rescue teams searched the harbour on Sunday as the count of damaged homes rose to 300.\n\n"
           "FILE PHOTO: The harbour before the storm, in a picture taken in 2019 from the hill. REUTERS/Jane Roe/File Photo"
           "\n\nThe mayor said the pier would be rebuilt.")
    art = article_from_text(raw)
    assert art.title == "Harbour town counts the cost of the storm"
    assert art.agency == "AP" and str(art.published) == "2021-03-03"
    assert "By The Associated Press" not in art.text and "pier.jpg" not in art.text and "FILE PHOTO" not in art.text
    assert art.text.startswith("HARBORTON -- Rescue teams searched") and "The mayor said the pier would be rebuilt." in art.text


def test_a_photo_agency_caption_and_a_reader_poll_are_not_text() -> None:
    raw = ("Harbour town counts the cost of the storm\n\n"
           "Harbour Evening Foundation\n\n"
           "  • Increase font size\n  • Default font size\n  • Decrease font size\nPrint this article\n\n"
           "Home > News > Harbour town counts the cost of the storm\n\nHarbour town counts the cost of the storm\n\n"
           "HARBORTON, MAINE - MARCH 03: Residents walk past the broken pier in the harbour town on Sunday.\n\n"
           "Rescue teams searched the harbour on Sunday as the count of damaged homes rose to 300.\n\n"
           "HARBORTON -- The mayor said the pier would be rebuilt - March 3: a date to remember.")
    raw += ("\n\nMayor Ann Lee, left, and her deputy walk along the broken pier in the harbour on Sunday."
            "\n\nPhoto: Jane Roe, Harbour Press"
            "\n\nold harbour at dusk by Jim Poe is licensed under Unsplash unsplash.com"
            "\n\nThe pier, left unrepaired since 2019, gave way first.\n\nPhoto: Jim Poe, Harbour Press"
            "\n\nWill the pier reopen by summer? Do you think the town was ready?"
            "\n\nWhy did the wall fail? Engineers will ask that for months."
            "\n\nWhat do the residents want now? Who pays for your home?\"")
    art = article_from_text(raw)
    assert "Mayor Ann Lee" not in art.text and "Unsplash" not in art.text and "The pier, left unrepaired since 2019, gave way first." in art.text
    assert "Do you think" not in art.text and "Why did the wall fail?" in art.text and "Who pays" in art.text
    assert "MARCH 03" not in art.text and "font size" not in art.text and "Home" not in art.text
    assert art.title == "Harbour town counts the cost of the storm" and art.text.startswith("Rescue teams searched")
    assert "The mayor said the pier would be rebuilt" in art.text


def test_a_headline_over_the_outlets_name_is_the_title() -> None:
    raw = ("Storm toll rises to 40 in the harbour towns\n\nThe Harbour Evening Post\n\n"
           "Rescue teams found more victims on Sunday, officials said, as the sea calmed.\n\nThe port stays shut.")
    art = article_from_text(raw)
    assert art.title == "Storm toll rises to 40 in the harbour towns"
    assert not art.text.startswith("Storm toll")


def test_a_list_of_links_to_other_stories_ends_the_article() -> None:
    raw = ("Storm closes the harbour\n\nWatch more News on HarbourTV\n\nThe harbour closed on Sunday as the storm "
           "came ashore, the port authority said.\n\nShips waited offshore.\n\nMore Stories\n\n"
           "Striker agrees record deal with a club abroad\n\nWatch the final live online")
    art = article_from_text(raw)
    assert art.title == "Storm closes the harbour"
    assert art.text.endswith("Ships waited offshore.") and "Watch more" not in art.text


def test_an_article_without_an_outlet_is_named_by_its_file_not_its_headline() -> None:
    raw = "Flood waters rise along the river valley\n\nThe river rose three metres overnight.\n\nTwo villages were evacuated."
    art = article_from_text(raw, origin="/tmp/reports/river-day1.txt")
    assert art.title == "Flood waters rise along the river valley"
    assert art.display_name() == "river-day1.txt"
    assert article_from_text(raw, origin="feed.jsonl:3", source="Valley Post").display_name() == "Valley Post"


def test_a_name_and_agency_byline_and_a_posted_updated_line_are_metadata_not_text() -> None:
    raw = ("Ferry runs aground off the northern coast\n\n"
           "Anna Berg, Agence France-Presse\n\n"
           "Posted at Mar 3 2021 07:10 AM | Updated as of Mar 4 2021 09:25 AM\n\n"
           "A ferry carrying 300 passengers ran aground on Tuesday, the coast guard said.\n\n"
           "No one was hurt.")
    art = article_from_text(raw)
    assert (art.title, art.author, art.agency) == ("Ferry runs aground off the northern coast", "Anna Berg", "AFP")
    assert art.published == date(2021, 3, 3)  # posted, not updated
    assert art.text.startswith("A ferry carrying 300 passengers")
    # A name and a comma before something that is no agency is text.
    plain = article_from_text("Ferry runs aground\n\nAnna Berg, the captain\n\nThe ferry hit a sandbank.\n\nAll safe.")
    assert plain.author is None and "Anna Berg, the captain" in plain.text


def test_a_byline_run_into_its_date_line_gives_both() -> None:
    raw = ("Storm closes mountain passes\n\nBy Lee Park\nMarch 3, 2021\n\n"
           "Heavy snow closed three passes on Tuesday, police said.\n\nDrivers were told to wait.")
    art = article_from_text(raw)
    assert (art.author, art.published) == ("Lee Park", date(2021, 3, 3))
    assert "March 3" not in art.text


def test_a_headline_over_a_one_paragraph_item_is_its_title() -> None:
    art = article_from_text("Harbour Crane Topples During Storm Near Pier Four\n\n"
                            "A crane fell into the harbour on Sunday as gusts reached 90 km/h, the port said.")
    assert art.title == "Harbour Crane Topples During Storm Near Pier Four"
    assert art.text.startswith("A crane fell")
    # An unpunctuated sentence-case line over one paragraph is not taken for a headline.
    two = article_from_text("the crane fell on sunday\n\nNo one was hurt, the port said.")
    assert two.title is None and two.text.startswith("the crane fell")


def test_a_sentence_case_headline_over_one_long_paragraph_is_its_title() -> None:
    body = ("A crane fell into the harbour on Sunday as gusts reached 90 km/h, the port said. Two barges "
            "broke loose and drifted towards the ferry terminal before tugs caught them. The harbour master "
            "closed the inner basin until Monday morning and asked boat owners to check their moorings.")
    art = article_from_text(f"Storm topples harbour crane and sets barges adrift\n\n{body}")
    assert art.title == "Storm topples harbour crane and sets barges adrift"
    assert art.text.startswith("A crane fell")


def test_one_line_paragraphs_inside_a_block_and_a_source_footer() -> None:
    first = ("A crane fell into the harbour on Sunday as gusts reached 90 km/h, the port said, and two barges "
             "broke loose before tugs caught them.")
    second = "The harbour master closed the inner basin until Monday morning."
    raw = f"Storm topples harbour crane\n\n{first}\n{second}\nSource\nPhoto credit harbournews.example"
    art = article_from_text(raw)
    assert art.text == f"{first}\n\n{second}"
    # Hard-wrapped text (every line short) is still one paragraph, and a "Source" inside it stays.
    wrapped = article_from_text("Crane falls\n\nA crane fell into the harbour on Sunday,\nthe port said. Source\n"
                                "of the gusts: a squall line.\n\nNo one was hurt.")
    assert "the port said. Source of the gusts" in wrapped.text


@pytest.mark.parametrize("headline", ['Mayor says the pier plan is "dead"', "Мэр: «Мы восстановим пирс»"])
def test_a_headline_that_ends_by_closing_a_quotation_is_the_title(headline: str) -> None:
    body = ("The mayor of Harborton said on Tuesday that the pier would be rebuilt by June.\n\n"
            "The council will vote on the budget next week.")
    art = article_from_text(f"{headline}\n\n{body}")
    assert art.title == headline and art.text.startswith("The mayor of Harborton")
    quoted = article_from_text(f'"We will not give up," the mayor said.\n\n{body}')
    assert quoted.title is None  # a quoted sentence, punctuated inside its marks, is text


def test_a_headline_over_standfirst_bullets_is_the_title_and_the_bullets_are_the_deck() -> None:
    raw = ("Ferry strike: No deal after all-night talks with port owners\n"
           "- Harbour union leader Ines Moreau said the owners had offered nothing new on night shifts\n"
           "- She called the talks 'hard going' and said the strike would go on into next week\n\n"
           "Talks between the ferry workers' union and the port owners ended on Wednesday without a deal, "
           "the union said.\n\n"
           "The strike has stopped all sailings from Harborton since Monday.")
    art = article_from_text(raw)
    assert art.title == "Ferry strike: No deal after all-night talks with port owners"
    assert art.text.startswith("Harbour union leader Ines Moreau said the owners")  # the deck is text,
    assert "\n\nShe called the talks" in art.text and "- " not in art.text         # without its dashes
    assert "No deal after all-night talks" not in art.text


def test_a_headline_repeated_under_a_tag_line_is_the_title_and_neither_is_text() -> None:
    raw = ("Moreau, port owners in Harborton for last-ditch talks\n\n"
           "Moreau Harborton Ferries union strike\n\n"
           "Moreau, port owners in Harborton for last-ditch talks\n\n"
           "The union leader said she discussed a return to night shifts with the owners but no deal was made.\n\n"
           "Give us a like on our Facebook Page\n\n"
           "“We will not go back on those terms,” Moreau said.\n\n"
           "Moreau, port owners in Harborton for last-ditch talks: Owners ‘want calm’\n\n"
           "The owners said they wanted the ferries sailing again by Friday.")
    art = article_from_text(raw)
    assert art.title == "Moreau, port owners in Harborton for last-ditch talks"
    assert art.text.startswith("The union leader said she discussed")
    for piece in ("last-ditch", "union strike", "Facebook", "want calm"):
        assert piece not in art.text, piece
    assert art.text.endswith("The owners said they wanted the ferries sailing again by Friday.")


@pytest.mark.parametrize("prompt", ["Give us a like on our Facebook Page", "Like us on Facebook",
                                    "Follow us on Twitter for the latest", "Join our Telegram channel"])
def test_a_social_network_prompt_is_dropped_but_a_sentence_about_one_is_not(prompt: str) -> None:
    body = ("The ferries sailed again on Friday, the port said.\n\n"
            "Like us, many families turned to Facebook for the sailing times.\n\n"
            "Join us on the pier, the mayor wrote on Facebook after the strike ended.")
    art = article_from_text(f"{prompt}\n\n{body}")
    assert prompt not in art.text
    assert "Like us, many families turned to Facebook" in art.text and "Join us on the pier" in art.text


def test_a_body_sentence_that_opens_with_a_dash_and_a_short_body_are_unchanged() -> None:
    # A dashed line that ends like a sentence is the body's, under the headline or further down.
    raw = ("Ferry strike ends after nine days\n\n"
           "- The ferry workers' union agreed a deal with the port owners on Friday, the union said.\n\n"
           "Sailings resume on Saturday.\n\n"
           "- The first ferry leaves at six, the port said.")
    art = article_from_text(raw)
    assert art.title == "Ferry strike ends after nine days"
    assert art.text.startswith("- The ferry workers' union agreed") and art.text.endswith("- The first ferry leaves "
                                                                                           "at six, the port said.")
    # A short body: a line that only looks like tags is not dropped when nothing would be left.
    short = article_from_text("Harborton Ferries Resume\n\nSailings resume Saturday")
    assert "Sailings resume Saturday" in short.text
    # A sentence that begins with the headline's words is text, not the headline again.
    again = article_from_text("Ferry strike ends after nine days\n\nThe union said so on Friday.\n\n"
                              "Ferry strike ends after nine days: that was the message on the pier, she said.")
    assert "that was the message on the pier" in again.text


def test_page_controls_notices_and_a_cut_off_end_are_not_text() -> None:
    # An invented page: a shortened headline with an image placeholder, a section path, the
    # headline again, a listed byline, an update notice, an app promo and a copy cut off mid-word.
    raw = ("Harbour pier gives way as storm lashes the coast during record...\nArticle Image\n\n"
           "News Link • Coast\n\nHarbour pier gives way as storm lashes the coast during record...\n\n"
           "• By ANNA BERG and LEE PARK\n\n"
           "The old pier gave way on Sunday as the storm hit the coast, the harbour master said.\n\n"
           "- logo-icon\n- EN\n- hamburger-menu-icon\n\n"
           "Rescue teams searched the water. No one was missing.\n\n"
           "This is a developing story and will be updated.\n\n"
           "You can receive alerts on a smartphone via the Harbour News App. You can also follow @HarbourDesk "
           "on X to get the latest alerts.\n\n"
           "The mayor said the pier would be rebuilt. Repairs to the sea wall will take months and the first cre")
    art = article_from_text(raw)
    assert art.title == "Harbour pier gives way as storm lashes the coast during record..."
    assert art.author == "ANNA BERG, LEE PARK"
    assert art.text.startswith("The old pier gave way on Sunday")
    for debris in ("Article Image", "News Link", "icon", "- EN", "developing story", "App", "@HarbourDesk", "first cre"):
        assert debris not in art.text, debris
    assert "Rescue teams searched the water. No one was missing." in art.text
    assert art.text.endswith("The mayor said the pier would be rebuilt.")


def test_a_headline_over_a_dateline_and_a_section_label_run_into_it() -> None:
    body = ("HARBORTON — The old pier gave way on Sunday as the storm hit the coast, the harbour master said, "
            "and rescue teams searched the water for hours. Officials said no one was missing, and the port "
            "would stay shut until the sea wall was inspected, which could take")
    art = article_from_text("Storm brings down the old harbour pier\n\n" + body)
    assert art.title == "Storm brings down the old harbour pier" and art.text.startswith("HARBORTON")
    glued = article_from_text("Storm brings down the old harbour pier World News\n\n"
                              "Storm brings down the old harbour pier\n\n"
                              "The old pier gave way on Sunday, officials said.\n\nNo one was hurt.")
    assert glued.title == "Storm brings down the old harbour pier"
    assert glued.text.startswith("The old pier gave way") and "World News" not in glued.text
    # A short last line is the page's label or credit, not a sentence broken off: it stays.
    kept = article_from_text("Storm brings down the pier\n\nThe pier gave way on Sunday.\n\nWith Anna Berg")
    assert kept.text.endswith("With Anna Berg")


def test_a_deck_a_cut_repeat_widget_readings_and_a_credited_caption_are_read_as_a_person_would() -> None:
    # Invented page: the headline cut short over itself, a deck, an ad label, a weather widget's
    # readings, a listed "Also read" link, and a caption closed by its credit.
    raw = ("Storm floods the harbour town as river bursts its\n\n"
           "Storm floods the harbour town as river bursts its banks\n\n"
           "The mayor says the sea wall held but the river did not\n\nAdvertisement\n\n"
           "+15˚C\n\n768мм\n\n"
           "The river burst its banks on Sunday, flooding 300 homes, the mayor said.\n\n"
           "• Also read: Harbour towns brace for more storms\n\n"
           "Residents wade through a flooded street in the old town. Credit: AP\n\n"
           "Rescue teams reached the last village by boat.")
    art = article_from_text(raw)
    assert art.title == "Storm floods the harbour town as river bursts its banks"
    assert art.text.startswith("The mayor says the sea wall held but the river did not")  # the deck is text
    for debris in ("Advertisement", "˚C", "768", "Also read", "Residents wade", "Credit"):
        assert debris not in art.text, debris
    assert art.text.endswith("Rescue teams reached the last village by boat.")
    # A date line is no widget reading: it still gives the date.
    dated = article_from_text("Storm floods the harbour\n\n2023-09-09\n\nThe river burst its banks on Sunday.\n\nAll safe.")
    assert dated.published == date(2023, 9, 9)


@pytest.mark.parametrize(("lead", "agency"), [
    pytest.param("HILLTOWN, Mar 4 (Reuters) - Crews cleared two roads.", "Reuters", id="filing-date"),
    pytest.param("RIVERTON, Dec. 19 (Xinhua) -- Crews cleared two roads.", "Xinhua", id="double-hyphen"),
    pytest.param("ОЗЁРСК, 21 авг - РИА Новости. Дороги расчищены.", "RIA Novosti", id="russian-dash"),
    pytest.param("ОЗЁРСК, 18 февраля. /ТАСС/. Дороги расчищены.", "TASS", id="russian-slashes"),
])
def test_a_dateline_with_a_filing_date_names_the_agency_and_marks_the_headline(lead: str, agency: str) -> None:
    # One short paragraph under the headline: the wire dateline opening it says the line above is
    # the headline.
    art = article_from_text(f"Landslide cuts off mountain town\n\n{lead}\n")
    assert art.title == "Landslide cuts off mountain town"
    assert art.agency == agency
    assert art.text.startswith(lead.split()[0])


def test_a_capitalised_word_and_a_dash_is_no_dateline_under_a_short_line() -> None:
    art = article_from_text("Alliance ministers gather\n\nNATO — Allies met on Friday.\n")
    assert art.title is None and art.agency is None


def test_the_pages_signposts_and_content_warnings_are_not_text() -> None:
    raw = ("Ferry sinks off the cape\n\n"
           "CAPE TOWNSEND (AP) — A ferry sank off the cape on Sunday, the coast guard said.\n\n"
           "*** CONTENT WARNING: images of the wreck ***\n\n"
           "Divers reached the hull at noon. Two crew members were rescued.\n\n"
           "This post will be updated as new information becomes available.")
    art = article_from_text(raw)
    assert "WARNING" not in art.text and "This post" not in art.text
    assert art.text.endswith("Two crew members were rescued.")


def test_a_copy_cut_off_after_an_abbreviation_loses_the_whole_broken_sentence() -> None:
    raw = ("Quake shakes the coast\n\n"
           "A strong quake shook the coast on Monday, officials said. Dozens of homes were damaged.\n\n"
           "The mayor asked residents to stay outdoors. U.S. Ambassador Jane Roe said Washington was ready to he")
    art = article_from_text(raw)
    assert art.text.endswith("The mayor asked residents to stay outdoors.")


def test_a_headline_over_a_long_lead_that_lost_its_full_stop() -> None:
    lead = ("A strong earthquake struck the northern coast on Monday, damaging hundreds of homes and "
            "cutting power to several towns as rescue teams worked through the night to reach villages "
            "in the hills, where roads were blocked")
    art = article_from_text(f"Strong quake damages hundreds of homes\n\n{lead}\n\nThe coast guard said two ferries were delayed.")
    assert art.title == "Strong quake damages hundreds of homes"
    assert art.text.startswith("A strong earthquake")
