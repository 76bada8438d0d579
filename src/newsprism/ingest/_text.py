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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from newsprism._dateline import DATELINE_ONLY
from newsprism.ingest._furniture import (
    AGENCY_CAPTION,
    CAPTION,
    CAPTION_OPENER,
    CAPTION_START,
    CREDIT_LINE,
    EMBED,
    LINK_LIST,
    LONE_CREDIT,
    SIGN_OFF,
    SOCIAL_OPENER,
    asks_the_reader,
    furniture_kind,
    is_button_line,
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
    _agency_place,
    _cut_repeat,
    _is_bullet,
    _is_byline_like,
    _is_date_line,
    _is_deck,
    _is_short_label,
    _is_stamp_line,
    _is_tag_line,
    _looks_like_title,
    _outlet_line,
    _repeated_byline,
    _repeats_title,
    _section_glued,
    _strip_markup,
    brand_line,
    bullet_dateline_agency,
    date_then_byline,
    home_breadcrumb,
    title_over_caption,
)
from newsprism.ingest._meta import (
    agency_from_dateline,
    agency_name,
    english_date,
    outlet_from_line,
    parse_date,
    split_byline,
    split_trailing_date,
)
from newsprism.ingest._placing import TITLE, Removed, place
from newsprism.model import Furniture

__all__ = ["ParsedText", "clean_body", "parse_text", "read_body"]


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
    furniture: list[Furniture] = field(default_factory=list)


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


def _control_kind(line: str) -> Removed | None:
    """The line as a removed page control (a button, a control, a share or reading-time line), or ``None``."""
    if is_button_line(line):
        return ("control", line)
    if is_page_control(line):
        return (furniture_kind(line) or "control", line)
    return None


def _paragraphs(raw: str, removed: list[Removed] | None = None) -> list[str]:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[ \t]*\n", raw):
        out: list[str] = []
        for block in re.split(r"\n[ \t]*\n", raw):
            # A page's buttons and controls, one a line ("Increase font size", "Print this article",
            # "Article Image"), are no part of the paragraph their lines would be joined into.
            lines = []
            for line in block.split("\n"):
                if not line.strip():
                    continue
                if (control := _control_kind(line)) is not None:
                    if removed is not None:
                        removed.append(control)
                    continue
                lines.append(line)
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


# A photo credit after the caption it closes: "Credit: AP", "Photo credit: Jane Roe", "Foto Afp.",
# or set off by a bar, with or without a full stop before it: "... on Monday | Photo: Jane Roe/Reuters".
_CREDIT_TAIL = re.compile(r"(?<=[.!?])\s+(?:photo\s+)?(?:credit|crédit|foto|photo|picture|image)\s*:?\s*"
                          r"[A-Z][\w/&.' -]{1,40}$"
                          r"|\s*\|\s*(?:photo|image|picture|foto|video)s?(?:\s+credit)?\s*:\s*[^|\n]{2,60}$",
                          re.IGNORECASE)
# A wire agency's name in brackets after a full stop ("... on Monday. (AFP)"): a caption's credit
# when it closes a paragraph of one sentence with more text below; at the end of a report, or of a
# paragraph of several sentences, it is the report's own sign-off and stays.
_AGENCY_AFTER_STOP = re.compile(r"[.!?][\"”’]?\s*\((?:AP|AFP|REUTERS|Reuters|EPA|dpa|Xinhua|TASS)\)\s*$")


def _before_caption(par: str) -> str:
    """A paragraph without the photo caption that ends it: its last sentence (all of it, if one)."""
    gaps = list(_SENTENCE_GAP.finditer(par))
    return par[:gaps[-1].start()].rstrip() + par[gaps[-1].start():gaps[-1].end()].strip() if gaps else ""


def _header_caption(par: str, nxt: str) -> bool:
    """Whether a paragraph in the page's header is a photo's caption (or its alt text over it).

    One sentence closed by a credit ("... support pillar. Picture: Getty/Social Media", "...
    Getty Images North America"), or a line the next paragraph repeats before its credit.
    """
    tail = _CREDIT_TAIL.search(par)
    if (tail is not None and _one_sentence(par[:tail.start()])) or CAPTION.search(par):
        return True
    return len(par.split()) >= 4 and not _SENTENCE_END.search(par) and nxt.startswith(par) \
        and _CREDIT_TAIL.search(nxt) is not None


def _one_sentence(par: str) -> bool:
    return _SENTENCE_GAP.search(par) is None


def _is_caption(par: str, last: bool) -> bool:
    """Whether a whole paragraph is a photo caption by its shape (see :data:`CAPTION_OPENER`).

    "FILE - ..." is one whatever follows. "In this photo ...", "This photo provided by X shows
    ..." are one when the paragraph is a single sentence or ends in a credit: in a paragraph of
    several sentences with no credit the words are the report's, about a picture it describes.
    A lone agency in brackets after the full stop of a one-sentence paragraph that is not the
    last is a caption's credit.
    """
    if par.startswith("FILE") and CAPTION_OPENER.match(par):
        return True
    credited = bool(_BRACKET_CREDIT.search(par) or LONE_CREDIT.search(par) or CAPTION.search(par))
    if CAPTION_OPENER.match(par) and (credited or _one_sentence(par)):
        return True
    return not last and bool(_AGENCY_AFTER_STOP.search(par)) and _one_sentence(par)


def clean_body(paragraphs: list[str], removed: list[Removed] | None = None) -> str:
    """Clean body paragraphs and join them with one blank line.

    Removes Markdown syntax, photo captions (opening "FILE - " or "In this photo", or ending in a
    credit: bold, bracketed with a slash, "(Jane Doe/AP)", or "(dpa via AP)"), photo-credit and
    share-widget lines, reading times, calls to action and embedded social-media posts ("... —
    Name (@handle) May 2, 2021"), and rejoins a sentence broken across a paragraph gap (a
    paragraph ending without final punctuation followed by one starting in lower case).

    Args:
        paragraphs: Body paragraphs, one string each.
        removed: If given, each piece taken out is appended to it as ``(kind, text)``.

    Returns:
        The cleaned text.
    """
    def drop(kind: str, piece: str) -> None:
        if removed is not None and piece.strip():
            removed.append((kind, piece))

    out: list[str] = []
    for i, par in enumerate(paragraphs):
        if "\n" in par.strip():
            # A call to action on a line of its own inside a paragraph ("Click to follow").
            par = _without_furniture_lines(par, drop)
        bare = par.strip(" *_")
        if CAPTION_START.search(bare) or AGENCY_CAPTION.match(bare) or _is_caption(bare, i == len(paragraphs) - 1):
            drop("caption", par)
            continue
        if i + 1 < len(paragraphs) and len(bare.split()) >= 4 and not _SENTENCE_END.search(bare) \
                and paragraphs[i + 1].strip(" *_").startswith(bare) and _CREDIT_TAIL.search(paragraphs[i + 1]):
            drop("caption", par)  # an image's alt text over its caption and credit, which repeat it
            continue
        # A credit in brackets alone on its line ("(dpa via AP)", "(Jane Roe/AP)"), read before the
        # rules below would take it for a caption's end and leave nothing of it.
        lone = bool(LONE_CREDIT.fullmatch(bare) or _BRACKET_CREDIT.fullmatch(bare))
        kept = None
        if lone:
            pass
        elif (tail := _CREDIT_TAIL.search(bare)) is not None:
            # "... after homes were damaged. Credit: AP", "... cerca de Marrakech. Foto Afp.": the
            # credit closes its caption, the sentence before it; the rest of the paragraph is news.
            kept = _before_caption(bare[:tail.start()])
        elif _BRACKET_CREDIT.search(bare) or CAPTION.search(bare) or (LONE_CREDIT.search(bare) \
                and not _AGENCY_AFTER_STOP.search(bare)):
            # Exports glue a caption to the paragraph above it ("The plane hit a fence. Police
            # work at the scene (Jane Doe/AP)"): the caption is the last sentence, the rest is news.
            kept = _before_caption(bare)
        if kept is not None:
            drop("caption", bare[len(kept):])
            par = bare = kept
        if bare and (CREDIT_LINE.match(bare) or lone) and out and (
                _POSITION.search(out[-1]) or CAPTION_OPENER.match(out[-1]) or (lone and _one_sentence(out[-1]))):
            # The credit's caption above it: "Ruiz, left, and her deputy walk ..." / "Photo: ...", or
            # any one sentence over a credit in brackets alone ("... across the street." / "(dpa via AP)").
            drop("caption", out.pop())
            drop("credit", par)
            continue
        if not bare:
            continue
        if _BOLD_CREDIT.search(par):
            drop("caption", par)
            continue
        if CREDIT_LINE.match(bare) or _SLASH_CREDIT.match(bare) or lone or (i == len(paragraphs) - 1
                                                                           and SIGN_OFF.match(bare)):
            drop("credit", par)
            continue
        kind = (furniture_kind(bare) or ("embed" if EMBED.search(bare) or SOCIAL_OPENER.match(bare) else None)
                or ("poll" if asks_the_reader(bare) else None) or ("notice" if is_page_notice(bare) else None))
        if kind is not None:
            drop(kind, par)
            continue
        par = " ".join(_strip_markup(par).split())
        if not par or re.fullmatch(r"[\W_]+", par):
            continue
        if out and not _SENTENCE_END.search(out[-1]) and par[0].islower():
            out[-1] = f"{out[-1]} {par}"
        else:
            out.append(par)
    return "\n\n".join(out)


def read_body(raw: str, in_input: bool = True) -> ParsedText:
    """Clean a body with no header (a JSONL record's text): its paragraphs, cleaned, and what was taken out.

    Args:
        raw: The body as given.
        in_input: Whether ``raw`` is a string of the input (a JSONL record's text), so that the
            furniture can be placed in it; a feed entry's text, made from its markup, is not.

    Returns:
        The cleaned text and its furniture.
    """
    removed: list[Removed] = []
    text = clean_body(_paragraphs(raw, removed), removed)
    return ParsedText(text=text, furniture=place(removed, raw if in_input else None))


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


def _without_furniture_lines(par: str, drop: Callable[[str, str], None]) -> str:
    """A paragraph without its lines of page furniture, each handed to ``drop(kind, line)``."""
    lines = []
    for line in par.split("\n"):
        if (kind := furniture_kind(line)) is not None:
            drop(kind, line)
        else:
            lines.append(line)
    return "\n".join(lines)


def _without_furniture(par: str, removed: list[Removed]) -> str:
    """A paragraph without its lines of page furniture and the media player's line it opens with."""
    joined = _without_furniture_lines(par, lambda kind, line: removed.append((kind, line)))
    rest = without_widget(joined)
    if rest != joined:
        removed.append(("widget", joined[:len(joined) - len(rest)]))
    return rest


def parse_text(raw: str) -> ParsedText:
    """Read a plain-text or Markdown article in either layout.

    Args:
        raw: The decoded file content.

    Returns:
        The cleaned body and the metadata found in its header and trailer.
    """
    raw = original = unicodedata.normalize("NFC", raw.lstrip("\ufeff"))
    result = ParsedText(text="")
    removed: list[Removed] = []  # what the cleaning takes out, placed in the input at the end
    marker = _DATE_MARKER.match(raw)
    if marker:
        result.published = parse_date(marker.group(1))
        raw = raw[marker.end():]
    # Calls to action ("Click to follow", "Watch more News on ...") go first: between a headline
    # and a byline they would hide the page's header from what follows. A list of links to other
    # stories ends the article ("More Stories", then their headlines).
    pars = _paragraphs(raw, removed)
    cut = next((i for i, p in enumerate(pars) if i and LINK_LIST.match(p.strip(" *_#"))), len(pars))
    removed.extend(("link_list", p) for p in pars[cut:])
    pars = [kept for p in pars[:cut] if (kept := _without_furniture(p, removed).strip())]

    # Header: outlet line, title, byline (with its role and outlet lines) and date line, in any
    # order, only at the top.
    header_done = False
    after_byline = False
    decks: list[str] = []
    dated_agency: str | None = None
    while pars and not header_done:
        first = pars[0]
        kind: str | None = "header"  # what the popped line was: the page's header, unless said below
        plain = " ".join(_strip_markup(first).split())
        unlisted = first.strip().lstrip("•·").lstrip()  # "• By Jane Doe": a listed byline
        if result.source is None and result.title is None and (outlet := outlet_from_line(plain)):
            result.source = outlet
        elif result.source is None and result.title is None and len(pars) > 2 and brand_line(plain) \
                and _looks_like_title(pars[1], pars[2:]):
            result.source = plain.strip(" *_#|")  # "CubaHeadlines" over the headline: the site's name
        elif dated_agency is None and (dated := bullet_dateline_agency(plain)) is not None:
            # "Harborton • KNA": the dateline the page set over its headline or body. Its agency is
            # given once the header is read: a headline under it is still the headline.
            dated_agency = dated
        elif len(pars) > 1 and _header_caption(plain, pars[1]):
            kind = "caption"  # a photo's caption and credit in the page's header, as pages export it
        elif result.title is None and len(pars) > 1 and home_breadcrumb(plain):
            pass  # "Home News", "Home » World": the page's breadcrumb trail over the headline
        elif result.title is None and len(pars) > 1 and (_section_glued(plain, pars[1]) or _cut_repeat(plain, pars[1])):
            pass  # "<headline> World News" or the headline cut short, over the headline
        elif result.title is not None and result.source is None and (outlet := outlet_from_line(plain)):
            result.source = outlet  # the outlet's name under the headline
        elif result.title is not None and _SECTION_LINE.match(plain):
            pass  # "News Link • France": the page's section path
        elif result.title is None and not result.author and not result.agency and _looks_like_title(first, pars[1:]):
            result.title = plain
            kind = TITLE
        elif _repeated_byline(plain):
            result.agency = result.agency or agency_name(plain.split(" By ", 1)[0])
        elif (_BYLINE.match(unlisted) and len(unlisted.split()) <= 15) \
                or _agency_byline(plain):
            byline, found = split_trailing_date(unlisted)
            result.author, result.agency = split_byline(byline)
            if found is not None and result.published is None:
                result.published = found
        elif (placed_agency := _agency_place(plain)) is not None:
            result.agency = result.agency or placed_agency  # "AFP, Harborton": the agency and its dateline
        elif _DASH_BYLINE.match(plain) and len(plain.split()) <= 12:
            result.author, result.agency = split_byline(plain.lstrip("-–— "))
        elif role_line := _ROLE_LINE.match(plain):
            # "Staff Writer": the byline's role; "Staff Writer Columbia Daily Tribune": and outlet.
            if role_line.group("outlet") and result.source is None:
                result.source = role_line.group("outlet")
        elif result.title is not None and not decks and _is_deck(first) and len(pars) > 1 and _is_byline_like(pars[1]):
            decks.append(first)  # the subheadline is text; the byline under it is metadata
            kind = None
        elif result.title is not None and len(pars) > 1 and _is_bullet(first):
            decks.append(_BULLET.sub("", first.strip()))  # a standfirst bullet is the deck: text
            kind = None
        elif result.title is not None and len(pars) > 1 and title_over_caption(first, result.title):
            kind = "caption"  # the headline again, over the lead photo's caption and credit
        elif result.title is not None and len(pars) > 1 and (_repeats_title(plain, result.title)
                                                             or _is_tag_line(plain)):
            pass  # the headline repeated under itself, a line of tags: the page's, not the report's
        elif after_byline and result.source is None and _outlet_line(plain):
            result.source = plain  # "Columbia Daily Tribune" under "Staff Writer"
        elif result.published is None and (found := _is_date_line(first)) is not None:
            result.published = found
        elif result.published is None and not result.author and (date_by := date_then_byline(plain)) is not None:
            result.published, result.author = date_by  # "Wednesday, October 30, 2024 by Jane Doe"
        elif _is_stamp_line(first):
            pass  # a second time stamp ("Last update on: ..."), or one whose date cannot be read for sure
        elif result.title is not None and len(pars) > 1 and _is_short_label(plain) and not _is_byline_like(plain):
            pass  # "Advertisement", "Istanbul", "Now in Paris": the page's, between headline and body
        else:
            header_done = True
            continue
        after_byline = bool(_ROLE_LINE.match(plain) or _BYLINE.match(unlisted)
                            or _DASH_BYLINE.match(plain)
                            or _agency_byline(plain) or _agency_place(plain) is not None)
        if kind is not None:
            removed.append((kind, first))
        pars.pop(0)
    pars[:0] = decks
    result.agency = result.agency or dated_agency

    # Trailer: an "Original url:" line with the URL on it or on the next line.
    while pars:
        last = pars[-1]
        m = _URL_TRAILER.match(last)
        if m:
            result.url = m.group(1)
            removed.append(("trailer", pars.pop()))
            continue
        bare = _BARE_URL.match(last)
        if bare and len(pars) > 1 and _URL_LABEL.match(pars[-2]):
            result.url = bare.group(1)
            removed.extend(("trailer", p) for p in pars[-2:])
            del pars[-2:]
            continue
        if _BARE_LABEL.match(last):
            # "Source" or "Via" left over from a link the copy lost: a label, not text
            removed.append(("trailer", pars.pop()))
            continue
        if len(pars) > 1 and _BARE_LABEL.match(pars[-2]) and CREDIT_LINE.match(last.strip(" *_")):
            removed.extend(("trailer", p) for p in pars[-2:])
            del pars[-2:]  # "Source", then "Photo credit example.com": the page's footer
            continue
        if "\n" not in last and (m2 := re.match(r"^(?:original\s+url|url)\s*:\s*<?(https?://[^\s>]+)>?", last, re.I)):
            result.url = m2.group(1)
            removed.append(("trailer", pars.pop()))
            continue
        break

    if len(pars) > 1:
        whole = pars[-1]
        pars[-1] = _without_cut_off_end(whole)
        removed.append(("cut_off", whole[len(pars[-1].rstrip()):]))
    if result.title is not None:
        # The headline again further down, alone or over a section ("<headline>: Talks resume").
        title = result.title
        repeats = [p for p in pars if _repeats_title(p, title)]
        if len(repeats) < len(pars):
            removed.extend(("header", p) for p in repeats)
            pars = [p for p in pars if not _repeats_title(p, title)]
    result.text = clean_body(pars, removed)
    if result.agency is None:
        result.agency = agency_from_dateline(result.text) or next(
            (named for _, piece in removed if SIGN_OFF.match(piece.strip())
             for part in piece.strip("() \n").split("/") if (named := agency_name(part))), None)
    if result.published is None and (opening := DATELINE_ONLY.match(result.text.lstrip())) is not None:
        # "BUENOS AIRES, Nov 19, 2023 (AFP) –": a filing date with its year is the report's date.
        result.published = english_date(opening.group())
    result.furniture = place(removed, original)
    return result
