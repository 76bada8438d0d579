"""Plain text and Markdown: header layouts, metadata lines and the cleaning of the body.

Two layouts are recognised (both occur in real exports of news pages):

1. A leading ``date YYYY-MM-DD`` marker run into the first line of text.
2. A header of title / ``By [Agency](...)`` byline / date line, the body, and an
   ``Original url:`` trailer.

Everything else is read as body text. Cleaning keeps paragraphs (joined by one blank line),
joins hard-wrapped lines, removes Markdown link and emphasis syntax and photo captions and
credits, and rejoins a sentence broken across a paragraph gap. Written by hand: Markdown
renderers turn text into HTML, and what is needed here is the reverse of that, with the
metadata lines taken out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from newsprism.ingest._furniture import (
    AGENCY_CAPTION,
    CAPTION,
    CAPTION_START,
    CREDIT_LINE,
    EMBED,
    LINK_LIST,
    asks_the_reader,
    is_button_line,
    is_furniture_line,
    is_page_control,
    is_page_notice,
    without_widget,
)
from newsprism.ingest._header import (
    _BULLET,
    _BYLINE,
    _DASH_BYLINE,
    _ROLE_LINE,
    _SECTION_LINE,
    _SENTENCE_END,
    _SENTENCE_GAP,
    _agency_byline,
    _cut_repeat,
    _is_bullet,
    _is_byline_like,
    _is_date_line,
    _is_deck,
    _is_short_label,
    _is_tag_line,
    _looks_like_title,
    _outlet_line,
    _repeated_byline,
    _repeats_title,
    _section_glued,
    _strip_markup,
)
from newsprism.ingest._meta import (
    agency_from_dateline,
    agency_name,
    outlet_from_line,
    parse_date,
    split_byline,
    split_trailing_date,
)

__all__ = ["ParsedText", "clean_body", "parse_text"]


@dataclass(slots=True)
class ParsedText:
    """What the text reader found: the cleaned body and any metadata in the header/trailer."""

    text: str
    title: str | None = None
    author: str | None = None
    agency: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None


_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
# A photo caption ends in its credit in brackets, photographer / agency ("(Jane Doe/AP)",
# "(Omar Sanadiki / Associated Press)", "(Adem Altan/AFP via Getty Images/TNS)").
_BRACKET_CREDIT = re.compile(r"\([^()\n]{2,60}\s?/\s?[^()\n]{2,60}\)\s*$")
_SLASH_CREDIT = re.compile(r"^(?:AP|AFP|Reuters|EPA|Getty Images|TASS|Sputnik|Xinhua)\s?/\s?[A-Z][\w.' -]{2,40}$")
_URL_TRAILER = re.compile(r"^(?:original\s+url|source\s+url|url|source|link)\s*:\s*<?(https?://\S+?)>?\s*$",
                          re.IGNORECASE)
_URL_LABEL = re.compile(r"^(?:original\s+url|source\s+url|url|link)\s*:\s*$", re.IGNORECASE)
_BARE_LABEL = re.compile(r"^(?:source|sources|via)\s*:?\s*$", re.IGNORECASE)
_BARE_URL = re.compile(r"^<?(https?://[^\s>]+)>?$")
# A caption paragraph ends in a bold credit ("... in 2021. **Ministry / TASS**").
_BOLD_CREDIT = re.compile(r"\*\*[^*\n]{2,80}\*\*\s*$")


#: Lines longer than this are not hard-wrapped text (e-mail and plain-text wraps are 72-80 wide).
_WRAP_WIDTH = 100


def _paragraphs(raw: str) -> list[str]:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[ \t]*\n", raw):
        out: list[str] = []
        for block in re.split(r"\n[ \t]*\n", raw):
            # A page's buttons and controls, one a line ("Increase font size", "Print this article",
            # "Article Image"), are no part of the paragraph their lines would be joined into.
            lines = [line for line in block.split("\n")
                     if line.strip() and not is_button_line(line) and not is_page_control(line)]
            # Hard-wrapped lines inside a paragraph are one line of text. A block with a line
            # longer than any wrap width holds one-line paragraphs (pasted text that separates
            # some paragraphs by a blank line and others, and the credits under them, by one break).
            # So does a line with bullets under it (a headline over its standfirst bullets).
            if len(lines) > 1 and (any(len(line) > _WRAP_WIDTH for line in lines)
                                   or all(_BULLET.match(line.strip()) for line in lines[1:])):
                out.extend(" ".join(line.split()) for line in lines)
            elif lines:
                out.append(" ".join(" ".join(lines).split()))
        return out
    # No blank lines at all: every line is a paragraph.
    return [" ".join(line.split()) for line in raw.split("\n") if line.strip()]


# Where a photo puts the people it shows: ", left,", "(right)", ", second from left,". Only a caption says it.
_POSITION = re.compile(r"(?:,|\()\s*(?:(?:second|third|far|top|bottom|front|back)\s+(?:from\s+)?)?"
                       r"(?:left|right|center|centre)\s*(?:,|\))", re.IGNORECASE)


# A photo credit after the caption it closes: "Credit: AP", "Photo credit: Jane Roe", "Foto Afp.".
_CREDIT_TAIL = re.compile(r"(?<=[.!?])\s+(?:photo\s+)?(?:credit|crédit|foto|photo)\s*:?\s*[A-Z][\w/&.' -]{1,40}$",
                          re.IGNORECASE)


def _before_caption(par: str) -> str:
    """A paragraph without the photo caption that ends it: its last sentence (all of it, if one)."""
    gaps = list(_SENTENCE_GAP.finditer(par))
    return par[:gaps[-1].start()].rstrip() + par[gaps[-1].start():gaps[-1].end()].strip() if gaps else ""


def clean_body(paragraphs: list[str]) -> str:
    """Clean body paragraphs and join them with one blank line.

    Removes Markdown syntax, photo captions that end in a credit (bold, or bracketed with a
    slash: "(Jane Doe/AP)"), photo-credit lines, calls to action and embedded social-media posts
    ("... — Name (@handle) May 2, 2021"), and
    rejoins a sentence broken across a paragraph gap (a paragraph ending without final
    punctuation followed by one starting in lower case).

    Args:
        paragraphs: Body paragraphs, one string each.

    Returns:
        The cleaned text.
    """
    out: list[str] = []
    for par in paragraphs:
        if "\n" in par.strip():
            # A call to action on a line of its own inside a paragraph ("Click to follow").
            par = "\n".join(line for line in par.split("\n") if not is_furniture_line(line))
        bare = par.strip(" *_")
        if CAPTION_START.search(bare) or AGENCY_CAPTION.match(bare):
            continue
        if (tail := _CREDIT_TAIL.search(bare)) is not None:
            # "... after homes were damaged. Credit: AP", "... cerca de Marrakech. Foto Afp.": the
            # credit closes its caption, the sentence before it; the rest of the paragraph is news.
            par = bare = _before_caption(bare[:tail.start()])
        elif _BRACKET_CREDIT.search(bare) or CAPTION.search(bare):
            # Exports glue a caption to the paragraph above it ("The plane hit a fence. Police
            # work at the scene (Jane Doe/AP)"): the caption is the last sentence, the rest is news.
            par = bare = _before_caption(bare)
        if bare and CREDIT_LINE.match(bare) and out and _POSITION.search(out[-1]):
            out.pop()  # the credit's caption above it: "Ruiz, left, and her deputy walk ..." / "Photo: ..."
            continue
        if (not bare or _BOLD_CREDIT.search(par) or CREDIT_LINE.match(bare) or is_furniture_line(bare)
                or _SLASH_CREDIT.match(bare) or EMBED.search(bare) or asks_the_reader(bare) or is_page_notice(bare)):
            continue
        par = " ".join(_strip_markup(par).split())
        if not par or re.fullmatch(r"[\W_]+", par):
            continue
        if out and not _SENTENCE_END.search(out[-1]) and par[0].islower():
            out[-1] = f"{out[-1]} {par}"
        else:
            out.append(par)
    return "\n\n".join(out)


_LAST_STOP = re.compile(r"[.!?…][\"”’»)]*(?=\s)")
_ABBREVIATION = re.compile(r"(?:^|[\s(\"“])(?:(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|"
                           r"Prof|St|Jr|Sr|No|Nos|Vol|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)$")


def _without_cut_off_end(par: str) -> str:
    """The last paragraph without the sentence a copy broke off in ("... the future course of the Ca").

    A paragraph of five words or more that stops on a word or a comma, with no final punctuation,
    was cut off (or is a line of the page's, such as tags: it goes too); a shorter one is kept.
    """
    bare = par.rstrip()
    if _SENTENCE_END.search(bare) or not re.search(r"[\w,]$", bare) or len(bare.split()) < 5:
        return par
    # The period of an abbreviation ("U.S. National Security Advisor ...") ends no sentence.
    stops = [m for m in _LAST_STOP.finditer(bare) if not _ABBREVIATION.search(bare[:m.end()])]
    return bare[:stops[-1].end()] if stops else ""


def parse_text(raw: str) -> ParsedText:
    """Read a plain-text or Markdown article in either layout.

    Args:
        raw: The decoded file content.

    Returns:
        The cleaned body and the metadata found in its header and trailer.
    """
    raw = unicodedata.normalize("NFC", raw.lstrip("\ufeff"))
    result = ParsedText(text="")
    marker = _DATE_MARKER.match(raw)
    if marker:
        result.published = parse_date(marker.group(1))
        raw = raw[marker.end():]
    # Calls to action ("Click to follow", "Watch more News on ...") go first: between a headline
    # and a byline they would hide the page's header from what follows. A list of links to other
    # stories ends the article ("More Stories", then their headlines).
    pars = _paragraphs(raw)
    cut = next((i for i, p in enumerate(pars) if i and LINK_LIST.match(p.strip(" *_#"))), len(pars))
    pars = [kept for p in pars[:cut] if (kept := without_widget("\n".join(
        line for line in p.split("\n") if not is_furniture_line(line))).strip())]

    # Header: outlet line, title, byline (with its role and outlet lines) and date line, in any
    # order, only at the top.
    header_done = False
    after_byline = False
    decks: list[str] = []
    while pars and not header_done:
        first = pars[0]
        plain = " ".join(_strip_markup(first).split())
        unlisted = first.strip().lstrip("•·").lstrip()  # "• By Jane Doe": a listed byline
        if result.source is None and result.title is None and (outlet := outlet_from_line(plain)):
            result.source = outlet
        elif result.title is None and len(pars) > 1 and (_section_glued(plain, pars[1]) or _cut_repeat(plain, pars[1])):
            pass  # "<headline> World News" or the headline cut short, over the headline
        elif result.title is not None and result.source is None and (outlet := outlet_from_line(plain)):
            result.source = outlet  # the outlet's name under the headline
        elif result.title is not None and _SECTION_LINE.match(plain):
            pass  # "News Link • France": the page's section path
        elif result.title is None and not result.author and not result.agency and _looks_like_title(first, pars[1:]):
            result.title = plain
        elif _repeated_byline(plain):
            result.agency = result.agency or agency_name(plain.split(" By ", 1)[0])
        elif (_BYLINE.match(unlisted) and len(unlisted.split()) <= 15) \
                or _agency_byline(plain):
            byline, found = split_trailing_date(unlisted)
            result.author, result.agency = split_byline(byline)
            if found is not None and result.published is None:
                result.published = found
        elif _DASH_BYLINE.match(plain) and len(plain.split()) <= 12:
            result.author, result.agency = split_byline(plain.lstrip("-–— "))
        elif role_line := _ROLE_LINE.match(plain):
            # "Staff Writer": the byline's role; "Staff Writer Columbia Daily Tribune": and outlet.
            if role_line.group("outlet") and result.source is None:
                result.source = role_line.group("outlet")
        elif result.title is not None and not decks and _is_deck(first) and len(pars) > 1 and _is_byline_like(pars[1]):
            decks.append(first)  # the subheadline is text; the byline under it is metadata
        elif result.title is not None and len(pars) > 1 and _is_bullet(first):
            decks.append(_BULLET.sub("", first.strip()))  # a standfirst bullet is the deck: text
        elif result.title is not None and len(pars) > 1 and (_repeats_title(plain, result.title)
                                                             or _is_tag_line(plain)):
            pass  # the headline repeated under itself, a line of tags: the page's, not the report's
        elif after_byline and result.source is None and _outlet_line(plain):
            result.source = plain  # "Columbia Daily Tribune" under "Staff Writer"
        elif result.published is None and (found := _is_date_line(first)) is not None:
            result.published = found
        elif result.title is not None and len(pars) > 1 and _is_short_label(plain) and not _is_byline_like(plain):
            pass  # "Advertisement", "Istanbul", "Now in Paris": the page's, between headline and body
        else:
            header_done = True
            continue
        after_byline = bool(_ROLE_LINE.match(plain) or _BYLINE.match(unlisted)
                            or _DASH_BYLINE.match(plain)
                            or _agency_byline(plain))
        pars.pop(0)
    pars[:0] = decks

    # Trailer: an "Original url:" line with the URL on it or on the next line.
    while pars:
        last = pars[-1]
        m = _URL_TRAILER.match(last)
        if m:
            result.url = m.group(1)
            pars.pop()
            continue
        bare = _BARE_URL.match(last)
        if bare and len(pars) > 1 and _URL_LABEL.match(pars[-2]):
            result.url = bare.group(1)
            del pars[-2:]
            continue
        if _BARE_LABEL.match(last):
            pars.pop()  # "Source" or "Via" left over from a link the copy lost: a label, not text
            continue
        if len(pars) > 1 and _BARE_LABEL.match(pars[-2]) and CREDIT_LINE.match(last.strip(" *_")):
            del pars[-2:]  # "Source", then "Photo credit example.com": the page's footer
            continue
        if "\n" not in last and (m2 := re.match(r"^(?:original\s+url|url)\s*:\s*<?(https?://[^\s>]+)>?", last, re.I)):
            result.url = m2.group(1)
            pars.pop()
            continue
        break

    if len(pars) > 1:
        pars[-1] = _without_cut_off_end(pars[-1])
    if result.title is not None:
        # The headline again further down, alone or over a section ("<headline>: Talks resume").
        pars = [p for p in pars if not _repeats_title(p, result.title)] or pars
    result.text = clean_body(pars)
    if result.agency is None:
        result.agency = agency_from_dateline(result.text)
    return result
