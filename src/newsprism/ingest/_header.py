"""The header of a text export: its headline, deck, byline and date lines, and the markup around them.

Read by :func:`newsprism.ingest._text.parse_text`, which takes the lines these predicates
recognise out of the body. Written by hand, for the reason the text reader's docstring gives:
what is needed is the reverse of a Markdown renderer, on text that has lost its HTML.
"""

from __future__ import annotations

import re
from datetime import date

from newsprism._dateline import datelines
from newsprism.ingest._meta import BYLINE_LEAD, agency_name, english_date, outlet_from_line, parse_date

#: A body paragraph this long (several sentences) under an unpunctuated line makes that line a headline.
_LONG_BODY = 200
_SENTENCE_GAP = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z])")
_BYLINE = re.compile(rf"^{BYLINE_LEAD}\s+\S", re.IGNORECASE)
# A byline without "By": a name, a comma, a wire agency ("Jane Doe, Agence France-Presse").
_NAME_COMMA = re.compile(r"^[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,3}\s*,\s*(?P<agency>[^,]{2,40})$")
# A byline without "By": a dash, then names ("- Jane Doe and John Roe").
_DASH_BYLINE = re.compile(r"^[-–—]\s*[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|&|,))*\s*$")
# A byline's role line ("Staff Writer", "Senior Correspondent"): who wrote it, not what happened.
_ROLE_LINE = re.compile(r"^(?:(?:senior|chief|special|foreign|political|staff|associated press|contributing)\s+)*"
                        r"(?:staff\s+)?(?:writer|reporter|correspondent|editor|columnist)s?"
                        r"(?:\s*,?\s+(?:of\s+|for\s+)?(?P<outlet>[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){0,4}))?$",
                        re.IGNORECASE)

_HEADING = re.compile(r"^#{1,6}\s+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^\s>]+)>")
_EMPH = [re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), re.compile(r"__(?=\S)(.+?)(?<=\S)__"),
         re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"),
         re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")]

_SENTENCE_END = re.compile(r"[.!?…:;\"”»’')\]]\s*$")


# Words a date line may hold besides numbers: months, weekdays and the labels around them
# (English and Russian). A line with any other word is text, and is not handed to dateparser,
# which costs tens of milliseconds a call.
_DATE_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
sunday mon tue tues wed thu thur thurs fri sat sun published updated posted on at as am pm gmt utc est
edt cet bst msk of the th st nd rd last update modified
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
понедельник вторник среда четверг пятница суббота воскресенье г года опубликовано обновлено в
""".split())
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# Where a line of time stamps parts: "Posted ... | Updated ...", "on <date>, updated <date>".
_STAMP_SPLIT = re.compile(r"\||,\s*(?=(?:last )?(?:updated|modified)\b)", re.IGNORECASE)
_ISO_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _date_shaped(par: str) -> bool:
    """Whether a line holds a year and no word but a date line's (:data:`_DATE_WORDS`)."""
    return (len(par) <= 60 and "\n" not in par and bool(_YEAR.search(par))
            and all(w.lower() in _DATE_WORDS for w in re.findall(r"[^\W\d_]+", par)))


def _is_stamp_line(par: str) -> bool:
    """Whether a line is a time stamp of the page's, read or not ("Last update on: 04/03/2026 - 12:40").

    The header keeps the first date it can read as the publication date; a second stamp, or one
    whose numbers could be day or month, is still the page's line, not the report's.
    """
    if _STAMP_SPLIT.search(par) and len(par) <= 120:
        return all(_date_shaped(part.strip()) or (not _YEAR.search(part) and _date_shaped(part.strip() + " 2000"))
                   for part in _STAMP_SPLIT.split(par))
    return _date_shaped(par.strip(" *_"))


def _is_date_line(par: str) -> date | None:
    # "Posted at Aug 20 2020 05:54 AM | Updated as of Aug 20 2020 08:25 AM": the first date is the
    # publication's.
    # "on February 28, 2010 at 7:10 AM, updated September 26, 2013 at 1:37 PM": the same.
    if _STAMP_SPLIT.search(par) and len(par) <= 120:
        par = next((part.strip() for part in _STAMP_SPLIT.split(par) if _YEAR.search(part)), par)
    if not _date_shaped(par):
        return None
    words = re.findall(r"[^\W\d_]+", par)
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


# A photo's credit inside a caption line: "Rescue of people - Image by © X/@Bomberos", "Photo: Jane Roe".
_CREDIT_MARK = re.compile(r"©|\b(?:image|photo|picture|credit)s?\s*(?:by\b|:)", re.I)


def title_over_caption(par: str, title: str) -> bool:
    """Whether a paragraph is the headline again with the lead photo's caption lines under it."""
    plain, head = " ".join(par.split()), " ".join(title.split())
    if not plain.casefold().startswith(head.casefold()) or len(head.split()) < 3:
        return False
    rest = plain[len(head):].strip()  # the caption's lines, which the page's export may join to it
    return bool(rest) and len(rest.split()) <= 25 and _CREDIT_MARK.search(rest) is not None


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


def _opens_with_dateline(par: str) -> bool:
    """Whether a paragraph opens with a wire dateline that has a second sign of one (see ``datelines``)."""
    found = datelines(par.lstrip()[:200])
    return bool(found) and found[0].span[0] == 0


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
    again = next((i for i, p in enumerate(following[:6]) if _line_key(p) == _line_key(par)), None)
    if again is not None and len(par.split()) >= 3 and again + 1 < len(following) \
            and (_reads_as_body(following[again + 1]) or _is_byline_like(following[again + 1])):
        return True
    nxt = following[0] if following else ""
    if _BYLINE.match(nxt) or _is_date_line(nxt) or _is_byline_like(nxt):
        return True
    if len(par.split()) >= 3 and _opens_with_dateline(nxt):
        return True  # a wire story's lead under it ("TAIPEI, Jan 13 (Reuters) - ..."), however short
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
        if _reads_as_body(nxt) or (len(nxt) >= _LONG_BODY and len(following) >= 2 and _reads_as_body(following[1])):
            return True  # (a long lead that lost its full stop, over more of the body, is the body too)
        # Or the body past a few short lines of the page's ("Advertisement", "Now in Paris").
        labels = following
        while len(labels) > 1 and len(following) - len(labels) < 4 and _is_short_label(labels[0]):
            labels = labels[1:]
        if labels is not following and (_reads_as_body(labels[0]) or _is_byline_like(labels[0])):
            return True  # (or a byline past them: a section's label, then "AFP, Harborton")
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
                or _ROLE_LINE.match(bare) or _agency_byline(bare) or _repeated_byline(bare)
                or _agency_place(bare) is not None)


def _repeated_byline(plain: str) -> bool:
    """A byline a page repeats around "By" ("The Associated Press By The Associated Press"): capitals only."""
    words = plain.split()
    return ("By" in words[1:] and len(words) <= 14 and not _SENTENCE_END.search(plain)
            and all(w[0].isupper() or w.lower() in {"of", "the", "and", "&"} for w in words))


# A wire agency and the place it filed from, the byline of an agency's page: "AFP, Harborton".
_AGENCY_PLACE = re.compile(r"^(?P<agency>[A-Za-z][\w.' -]{1,30}?)\s*,\s*(?P<place>[A-Z][\w.'’ -]{1,40})$")


def _agency_place(plain: str) -> str | None:
    """The agency of a line that is a wire agency, a comma and a place ("AFP, Harborton"), or ``None``."""
    m = _AGENCY_PLACE.match(plain.strip())
    if m is None or len(m.group("place").split()) > 4:
        return None
    return agency_name(m.group("agency"))


# A dateline set as a line of its own at the top of a page: the place, a bullet, the agency's
# abbreviation ("Harborton • KNA"). Not a section path ("World • US", "Politics • UK"): a section's
# word before the bullet, or a country's or bloc's abbreviation after it, is the page's menu.
_BULLET_DATELINE = re.compile(r"^(?P<place>[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){0,2})\s*[•·]\s*(?P<agency>[A-Z]{2,6})$")
_SECTION_WORDS = frozenset("""
news world politics business economy sport sports home opinion culture science tech technology health
life lifestyle local national international live video videos breaking latest top world-news
""".split())
_NOT_AN_AGENCY = frozenset("US USA UK EU UN UAE NATO GB".split())


def bullet_dateline_agency(plain: str) -> str | None:
    """The agency of a line that is a place, a bullet and an agency's abbreviation ("Harborton • KNA"), or ``None``."""
    m = _BULLET_DATELINE.match(plain.strip())
    if m is None or m.group("place").casefold() in _SECTION_WORDS:
        return None
    abbreviation = m.group("agency")
    known = agency_name(abbreviation)
    if known is None and abbreviation in _NOT_AN_AGENCY:
        return None
    return known or abbreviation


def _agency_byline(plain: str) -> bool:
    """Whether a line is a name and a wire agency after a comma ("Jane Doe, Agence France-Presse")."""
    m = _NAME_COMMA.match(plain)
    return bool(m and agency_name(m.group("agency")))


# A site's name written as one word with a capital inside it ("CubaHeadlines", "NewsNation") or a
# domain ("news.example.com"): the brand line some pages export above the headline.
_BRAND = re.compile(r"(?:[A-Z][a-z]+){2,}|[A-Za-z]+[A-Z][a-z]+[A-Za-z]*|(?:[a-z0-9-]+\.)+[a-z]{2,}")


# A page's breadcrumb trail above the headline: "Home News", "Home » World » Europe", "Home / Politics".
_HOME_CRUMB = re.compile(r"Home\s*[»>/|›•·]\s*[A-Z][\w&'’ -]*(?:\s*[»>/|›•·]\s*[A-Z][\w&'’ -]*){0,4}")
# Without separators the trail is only section names ("Home News"; "Home Secretary Resigns" is a headline).
_SECTIONS = frozenset("""news world politics sport sports business economy europe us uk asia africa americas
opinion entertainment tech technology science health culture local nation national lifestyle travel
latest breaking""".split())


def home_breadcrumb(par: str) -> bool:
    """Whether a header line is the page's breadcrumb trail from "Home" ("Home News", "Home » World")."""
    line = par.strip(" *_#")
    if "\n" in line:
        return False
    words = line.split()
    return bool(_HOME_CRUMB.fullmatch(line)) or (
        1 < len(words) <= 4 and words[0] == "Home" and all(w.casefold() in _SECTIONS for w in words[1:]))


def brand_line(par: str) -> bool:
    """Whether a header line is only a site's name in one word ("CubaHeadlines", "example.com")."""
    return "\n" not in par and bool(_BRAND.fullmatch(par.strip(" *_#|")))


# "Wednesday, October 30, 2024 by Jane Doe": the date, then the byline, on one line.
_DATE_BY = re.compile(r"(?P<date>.+?\d{4})\s*(?:[|·•,-]\s*)?[Bb]y\s+"
                      r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$")


def date_then_byline(par: str) -> tuple[date, str] | None:
    """The date and the author of a line that gives the date first ("October 30, 2024 by Jane Doe")."""
    m = _DATE_BY.match(par.strip(" *_"))
    if m is None:
        return None
    found = _is_date_line(m.group("date").strip(" ,|-"))
    return (found, m.group("name")) if found is not None else None


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
