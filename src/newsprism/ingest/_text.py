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
from newsprism.ingest._meta import (
    agency_from_dateline,
    agency_name,
    english_date,
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
_BYLINE = re.compile(r"^(?:by|from)\s+\S", re.IGNORECASE)
# A byline without "By": a name, a comma, a wire agency ("Jane Doe, Agence France-Presse").
_NAME_COMMA = re.compile(r"^[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,3}\s*,\s*(?P<agency>[^,]{2,40})$")
# A byline without "By": a dash, then names ("- Jane Doe and John Roe").
_DASH_BYLINE = re.compile(r"^[-–—]\s*[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|&|,))*\s*$")
# A byline's role line ("Staff Writer", "Senior Correspondent"): who wrote it, not what happened.
_ROLE_LINE = re.compile(r"^(?:(?:senior|chief|special|foreign|political|staff|associated press|contributing)\s+)*"
                        r"(?:staff\s+)?(?:writer|reporter|correspondent|editor|columnist)s?"
                        r"(?:\s*,?\s+(?:of\s+|for\s+)?(?P<outlet>[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){0,4}))?$",
                        re.IGNORECASE)
# A photo caption ends in its credit in brackets, photographer / agency ("(Jane Doe/AP)",
# "(Omar Sanadiki / Associated Press)", "(Adem Altan/AFP via Getty Images/TNS)").
_BRACKET_CREDIT = re.compile(r"\([^()\n]{2,60}\s?/\s?[^()\n]{2,60}\)\s*$")
_SLASH_CREDIT = re.compile(r"^(?:AP|AFP|Reuters|EPA|Getty Images|TASS|Sputnik|Xinhua)\s?/\s?[A-Z][\w.' -]{2,40}$")
_URL_TRAILER = re.compile(r"^(?:original\s+url|source\s+url|url|source|link)\s*:\s*<?(https?://\S+?)>?\s*$",
                          re.IGNORECASE)
_URL_LABEL = re.compile(r"^(?:original\s+url|source\s+url|url|link)\s*:\s*$", re.IGNORECASE)
_BARE_LABEL = re.compile(r"^(?:source|sources|via)\s*:?\s*$", re.IGNORECASE)
_BARE_URL = re.compile(r"^<?(https?://[^\s>]+)>?$")
_HEADING = re.compile(r"^#{1,6}\s+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^\s>]+)>")
_EMPH = [re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), re.compile(r"__(?=\S)(.+?)(?<=\S)__"),
         re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"),
         re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")]
# A caption paragraph ends in a bold credit ("... in 2021. **Ministry / TASS**").
_BOLD_CREDIT = re.compile(r"\*\*[^*\n]{2,80}\*\*\s*$")
_SENTENCE_END = re.compile(r"[.!?…:;\"”»’')\]]\s*$")


# Words a date line may hold besides numbers: months, weekdays and the labels around them
# (English and Russian). A line with any other word is text, and is not handed to dateparser,
# which costs tens of milliseconds a call.
_DATE_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
sunday mon tue tues wed thu thur thurs fri sat sun published updated posted on at as am pm gmt utc est
edt cet bst msk of the th st nd rd
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
понедельник вторник среда четверг пятница суббота воскресенье г года опубликовано обновлено в
""".split())
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# Where a line of time stamps parts: "Posted ... | Updated ...", "on <date>, updated <date>".
_STAMP_SPLIT = re.compile(r"\||,\s*(?=(?:last )?(?:updated|modified)\b)", re.IGNORECASE)
_ISO_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _is_date_line(par: str) -> date | None:
    # "Posted at Aug 20 2020 05:54 AM | Updated as of Aug 20 2020 08:25 AM": the first date is the
    # publication's.
    # "on February 28, 2010 at 7:10 AM, updated September 26, 2013 at 1:37 PM": the same.
    if _STAMP_SPLIT.search(par) and len(par) <= 120:
        par = next((part.strip() for part in _STAMP_SPLIT.split(par) if _YEAR.search(part)), par)
    if len(par) > 60 or "\n" in par or not _YEAR.search(par):
        return None
    words = re.findall(r"[^\W\d_]+", par)
    if any(w.lower() not in _DATE_WORDS for w in words):
        return None
    found = english_date(par)
    if found is not None or (all(w.isascii() for w in words) and not _ISO_LINE.match(par.strip(" *_"))):
        # English month names are read above; numeric forms like 09/14/2013 are ambiguous.
        return found
    return parse_date(par.strip(" *_"))


# A standfirst bullet under a headline ("- The minister said no talks were planned"): a line of the deck.
_BULLET = re.compile(r"^[-–—•*]\s+(?=[\"“‘'(]?[A-Z0-9])")
# Words a headline's deck has and a line of tags does not (a tag line is names and topics, no syntax).
_FUNCTION_WORDS = frozenset("""
a an the of in on at to for with by from as and or but nor is are was were be been has have had will would
can could may might must should not no after before amid over under into onto than that this these those
his her its their our your my he she it they we you who which what when where why how says said say
""".split())
_TAG_WORD = re.compile(r"[^\W_][\w'’-]*")


def _is_bullet(par: str) -> bool:
    """A standfirst bullet: a dash or dot, then a line of five words or more with no final full stop.

    A line that ends like a sentence is the body's ("- The pier closed on Monday."), and a dash before
    names only is a byline ("- Jane Doe and John Roe").
    """
    plain = par.strip()
    words = plain.split()
    return ("\n" not in plain and bool(_BULLET.match(plain)) and 5 <= len(words) <= 60
            and not re.search(r"[.!?…]$", plain.rstrip("\"'”’»)")) and not _DASH_BYLINE.match(plain))


def _is_tag_line(par: str) -> bool:
    """A line of bare tags under a headline ("Harbour Ferry Strike Unions meet"): names and topics.

    Two to ten words, no punctuation and no function word, at least half of them capitalised; a line
    all in capitals (a dateline, "NEW YORK") is not one.
    """
    plain = par.strip()
    words = plain.split()
    return ("\n" not in plain and 2 <= len(words) <= 10 and not plain.isupper()
            and all(_TAG_WORD.fullmatch(w) for w in words)
            and not any(w.lower() in _FUNCTION_WORDS for w in words)
            and 2 * sum(w[0].isupper() for w in words) >= len(words))


def _line_key(par: str) -> str:
    """A line as compared with the headline: markup, case, spacing and closing marks aside."""
    return " ".join(_strip_markup(par).split()).casefold().strip(" *_#.")


_CRUMB = re.compile(r"^(?:home|main|главная|accueil|inicio|startseite)\b")


def _breadcrumb(par: str, title: str) -> bool:
    """Whether a line is the page's breadcrumb ending in the headline: "Home > News > <headline>"."""
    key, head = _line_key(par), _line_key(title)
    return (len(head.split()) >= 3 and key != head and key.endswith(head) and bool(_CRUMB.match(key))
            and len(key.split()) - len(head.split()) <= 8)


def _repeats_title(par: str, title: str) -> bool:
    """Whether a paragraph is the headline again, alone or as a subheading ("<headline>: Talks resume").

    A page repeats its headline under itself, or over a section, without final punctuation; a
    sentence that starts with the headline's words and ends like a sentence is text.
    """
    key, head = _line_key(par), _line_key(title)
    if key == head:
        return True
    if _breadcrumb(par, title):
        return True
    return (len(head.split()) >= 3 and key.startswith(head) and key[len(head):len(head) + 2].strip()[:1] in
            {":", "–", "—", "-", "|"} and len(par.split()) <= 25 and "\n" not in par.strip()
            and not re.search(r"[.!?…]$", par.strip().rstrip("\"'”’»)")))


# A wire dateline opening the body: "PARIS —", "WASHINGTON (AP) —", "KYIV, Ukraine –".
_DATELINE_START = re.compile(r"^[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?\s*(?:\([^()\n]{1,25}\)\s*)?"
                             r"(?:[—–]|--?)\s+[\"“]?[A-Z]")


def _reads_as_body(par: str) -> bool:
    """Whether a paragraph reads as the body's.

    It ends like a sentence, opens with a dateline, or is long with sentences inside (a copy cut
    off mid-sentence).
    """
    return bool(_SENTENCE_END.search(par) or _DATELINE_START.match(par)
                or (len(par) >= _LONG_BODY and _SENTENCE_GAP.search(par)))


# A section path between a headline and its body: a few words parted by bullets or arrows.
_SECTION_LINE = re.compile(r"^[\w'’&-]+(?: [\w'’&-]+){0,3}(?: [•|›»>/] [\w'’&-]+(?: [\w'’&-]+){0,3}){1,3}$")


def _is_short_label(par: str) -> bool:
    """A line of one to four words with no punctuation at its end or comma: a place, a section, a widget's label."""
    plain = par.strip()
    return ("\n" not in plain and 1 <= len(plain.split()) <= 4 and "," not in plain
            and not re.search(r"[.!?…:;\"”»]$", plain))


def _cut_repeat(par: str, nxt: str) -> bool:
    """Whether a line is the next one cut short ("... investigations against him will" over the whole headline)."""
    words, full = re.findall(r"[^\W_]+", par.casefold()), re.findall(r"[^\W_]+", nxt.casefold())
    return 4 <= len(words) < len(full) and full[:len(words)] == words


def _section_glued(par: str, nxt: str) -> bool:
    """Whether a line is the next line, the headline, with a section's label after it ("... World News")."""
    key, head = _line_key(par), _line_key(nxt)
    rest = par.split()[len(nxt.split()):]
    return (len(head.split()) >= 3 and key.startswith(head + " ") and 1 <= len(rest) <= 3
            and all(w[:1].isupper() for w in rest))


def _looks_like_title(par: str, following: list[str]) -> bool:
    # A headline the page shortened ends in an ellipsis ("... during jaw-dropping..."): no full stop.
    par = re.sub(r"(?<=\w)(?:\.\.\.|…)$", "", par.strip())
    if "\n" in par or len(par.split()) > 25 or re.search(r"[.,;:]$", par):
        return False
    if _HEADING.match(par):
        return True
    # Standfirst bullets, a line of tags or the headline repeated under itself sit between a
    # headline and its body: the headline is judged by what follows them.
    rest = following
    while rest and len(following) - len(rest) < 6 and (_is_bullet(rest[0]) or _is_tag_line(rest[0])
                                                       or _line_key(rest[0]) == _line_key(par)
                                                       or _breadcrumb(rest[0], par)):
        rest = rest[1:]
    if rest is not following and rest and len(par.split()) >= 3 and _looks_like_title(par, rest):
        return True
    # The page prints its headline again a few lines down, past its own name or a breadcrumb, over
    # the body: the line is that headline.
    again = next((i for i, p in enumerate(following[:4]) if _line_key(p) == _line_key(par)), None)
    if again is not None and len(par.split()) >= 3 and again + 1 < len(following) \
            and (_reads_as_body(following[again + 1]) or _is_byline_like(following[again + 1])):
        return True
    nxt = following[0] if following else ""
    if _BYLINE.match(nxt) or _is_date_line(nxt) or _is_byline_like(nxt):
        return True
    if len(par.split()) >= 3 and len(following) >= 2 and (outlet_from_line(nxt) or _outlet_line(nxt)) \
            and _SENTENCE_END.search(following[1]):
        return True  # the outlet's name under the headline, then the body
    words = [w for w in re.findall(r"[^\W\d_]+", par) if len(w) > 3]
    title_case = len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.75
    if title_case and (len(following) > 1 or _SENTENCE_END.search(nxt)):
        # A headline over a body of one paragraph (a short item, an excerpt) is still a headline.
        return True
    # A headline in sentence case: no final punctuation, a few words, then the body (at least
    # two more paragraphs, or one long one, the next one a sentence or a byline).
    # A closing quotation mark ends a headline that quotes someone («Лавров: «Мы услышали друг
    # друга»»): only final punctuation inside it would make it a sentence.
    bare_end = par.strip().rstrip("\"'”’»")
    if len(par.split()) >= 3 and (len(following) >= 2 or len(nxt) >= _LONG_BODY) and \
            not re.search(r"[.!?…:;,]$", bare_end) and (bare_end != par.strip() or not _SENTENCE_END.search(par)):
        if _reads_as_body(nxt):
            return True
        # Or the body past a few short lines of the page's ("Advertisement", "Now in Paris").
        labels = following
        while len(labels) > 1 and len(following) - len(labels) < 4 and _is_short_label(labels[0]):
            labels = labels[1:]
        if labels is not following and _reads_as_body(labels[0]):
            return True
        # Or a deck (a second unpunctuated line), then a byline or the body (past a few short
        # lines of the page's: a place, a section, "Advertisement").
        if not _is_deck(nxt) or len(following) < 2:
            return False
        rest = following[1:]
        while len(rest) > 1 and len(following) - len(rest) < 5 and _is_short_label(rest[0]):
            rest = rest[1:]
        return _is_byline_like(rest[0]) or _reads_as_body(rest[0])
    return False


def _is_byline_like(par: str) -> bool:
    bare = " ".join(_strip_markup(par).split()).lstrip("•· ")  # "• By Jane Doe": a listed byline
    words = len(bare.split())
    return bool((_BYLINE.match(bare) and words <= 15) or (_DASH_BYLINE.match(bare) and words <= 12)
                or _ROLE_LINE.match(bare) or _agency_byline(bare) or _repeated_byline(bare))


def _repeated_byline(plain: str) -> bool:
    """A byline a page repeats around "By" ("The Associated Press By The Associated Press"): capitals only."""
    words = plain.split()
    return ("By" in words[1:] and len(words) <= 14 and not _SENTENCE_END.search(plain)
            and all(w[0].isupper() or w.lower() in {"of", "the", "and", "&"} for w in words))


def _agency_byline(plain: str) -> bool:
    """Whether a line is a name and a wire agency after a comma ("Jane Doe, Agence France-Presse")."""
    m = _NAME_COMMA.match(plain)
    return bool(m and agency_name(m.group("agency")))


def _is_deck(par: str) -> bool:
    """A subheadline: one short unpunctuated line under the headline."""
    return "\n" not in par and 3 <= len(par.split()) <= 25 and not _SENTENCE_END.search(par)


def _outlet_line(line: str) -> bool:
    """Whether a line under a byline reads as an outlet's name: a few capitalised words, no sentence."""
    words = line.split()
    return (1 <= len(words) <= 5 and not _SENTENCE_END.search(line)
            and all(w[0].isupper() or w.lower() in {"of", "the", "and", "&"} for w in words))


def _strip_markup(par: str) -> str:
    par = _HEADING.sub("", par)
    par = _IMAGE.sub("", par)
    par = _LINK.sub(r"\1", par)
    par = _AUTOLINK.sub(r"\1", par)
    for pattern in _EMPH:
        par = pattern.sub(r"\1", par)
    return par


#: A body paragraph this long (several sentences) under an unpunctuated line makes that line a headline.
_LONG_BODY = 200
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


_SENTENCE_GAP = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z])")


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


def _without_cut_off_end(par: str) -> str:
    """The last paragraph without the sentence a copy broke off in ("... the future course of the Ca").

    A paragraph of five words or more that stops on a word or a comma, with no final punctuation,
    was cut off (or is a line of the page's, such as tags: it goes too); a shorter one is kept.
    """
    bare = par.rstrip()
    if _SENTENCE_END.search(bare) or not re.search(r"[\w,]$", bare) or len(bare.split()) < 5:
        return par
    stops = list(_LAST_STOP.finditer(bare))
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
        elif (_BYLINE.match(unlisted := first.strip().lstrip("•·").lstrip()) and len(unlisted.split()) <= 15) \
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
        after_byline = bool(_ROLE_LINE.match(plain) or _BYLINE.match(first.strip().lstrip("•·").lstrip())
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
