"""``place_conflict``: two outlets put one event in places that cannot both be right.

Compared: the claims of two statements aligned as one fact (``same`` or ``paraphrase``), each
claim's place arguments introduced by the same kind of preposition (where it happened: "in",
"at"; where to: "to", "into"; where from: "from"). Two places are incompatible only when that
is plain without a map:

- two facilities of one kind with names that share no word ("landed at Songshan Airport" /
  "landed at Taoyuan International Airport");
- one town name placed in two countries ("docked in Tripoli, Lebanon" / "docked in Tripoli in
  Libya");
- two countries (sovereign territories never overlap): "docked in Lebanon" / "docked in Syria";
- two compass directions from one named place that are at least a quarter turn apart ("the
  epicentre was northeast of Dunmore" / "southwest of Dunmore"):
  :mod:`newsprism.comparison._directions`. Compared in the statements aligned as one fact and
  in those that tell the same thing but for their numbers and places (the pairs the number
  check compares, :func:`newsprism.comparison.conflicts.compared_pairs`).

Two towns in one country, a town and a region, or two regions may contain one another, so they
are never a conflict (newsprism has no gazetteer). An outlet that names the other's place
anywhere in its statement is not contradicting it ("at Taoyuan, not at Songshan as first
reported").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import combinations, product

from babel import Locale

from newsprism.comparison._directions import directions, opposed
from newsprism.comparison.conflicts import compared_pairs, strict_pairs
from newsprism.comparison.findings import FindingContext
from newsprism.model import Argument, Claim, Finding, Span, Statement

__all__ = ["place_conflicts", "country_code"]

# Preposition right before a place argument -> what the place is to the event. "near",
# "outside", "across" are vague (a place next to the other is no contradiction): not compared.
_PREPOSITION = {
    "in": "where", "at": "where", "on": "where", "inside": "where", "в": "where", "во": "where", "на": "where",
    "to": "whither", "into": "whither", "towards": "whither", "toward": "whither",
    "from": "whence", "из": "whence", "от": "whence",
}
_BEFORE = re.compile(r"(?i)(?:^|\s)(" + "|".join(sorted(_PREPOSITION, key=len, reverse=True))
                     + r")\s+(?:the\s+)?$")
#: Head nouns of facilities: two different ones of a kind cannot both be where one event was.
FACILITIES = frozenset({
    "airport", "airfield", "aerodrome", "base", "hospital", "clinic", "stadium", "arena", "prison", "jail",
    "penitentiary", "port", "harbour", "harbor", "station", "terminal", "university", "school", "college",
    "church", "cathedral", "mosque", "synagogue", "temple", "hotel", "embassy", "consulate", "palace",
    "courthouse", "plant", "mine", "bridge", "dam", "square", "park", "shipyard", "refinery", "factory",
})
# Words of a facility's name that do not tell one facility from another of its kind.
_GENERIC = frozenset({"the", "of", "international", "national", "regional", "municipal", "city", "main",
                      "central", "general", "new", "old", "air", "naval", "military", "state", "federal"})
#: Other names of countries than the ones :mod:`babel` gives (English short forms in news use).
_COUNTRY_ALIASES = {
    "us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "czech republic": "CZ",
    "ivory coast": "CI", "holland": "NL", "burma": "MM", "the netherlands": "NL", "россия": "RU", "сша": "US",
}
_WORD = re.compile(r"[^\W\d_]+")
_PHRASE_END = re.compile(r"\s*(?:[,.;:)—–]|$)|\s+(?:on|in|at|after|before|when|where|while|earlier|last|this|late|"
                         r"early|for|to|from|with|within|as|by|during|since|until|overnight)\b")
_IN_PHRASE_END = re.compile(r"\s*(?:[,.;:)—–]|$)|\s+(?!and\b|or\b)[a-z]")


@cache
def _countries(lang: str) -> dict[str, str]:
    """Country names (case-folded) -> ISO 3166 alpha-2 code, in one language."""
    try:
        names: dict[str, str] = dict(Locale.parse(lang).territories)
    except (ValueError, TypeError):
        names = {}
    return {name.casefold(): code for code, name in names.items() if len(code) == 2 and code.isalpha()}


def country_code(name: str, lang: str = "en") -> str | None:
    """The ISO 3166 alpha-2 code of a country named ``name`` in ``lang`` (or English), else ``None``.

    Args:
        name: A place name as written ("Lebanon", "the U.S.", "Ливан").
        lang: The text's language.
    """
    key = re.sub(r"^the\s+", "", name.strip().casefold())
    for table in (_countries(lang), _countries("en")):
        if key in table:
            return table[key]
    return _COUNTRY_ALIASES.get(key)


@dataclass(frozen=True, slots=True)
class _Place:
    span: Span
    name: str
    role: str
    facility: str | None  # head noun of a facility name
    country: str | None   # the country it is, or the country the text puts it in
    is_country: bool


def _qualifier(text: str, start: int, end: int, lang: str) -> str | None:
    """The country a town is placed in right next to its name ("Tripoli, Lebanon", "Lebanon's Tripoli")."""
    after = re.match(r"(,|\s+in)\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})", text[end:end + 60])
    if after:
        words = after.group(2).split()
        for n in range(len(words), 0, -1):
            country = " ".join(words[:n])
            rest = text[end + after.start(2) + len(country):]
            # The country must end the place's phrase ("Tripoli, Lebanon, on Sunday"; "Tripoli in
            # Libya within days"), not start a list or a noun phrase ("Washington, Russia and
            # China"; "Washington, US officials").
            ends = _PHRASE_END if after.group(1) == "," else _IN_PHRASE_END
            if (code := country_code(country.rstrip("."), lang)) and ends.match(rest):
                return code
    before = re.search(r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})['’]s\s+$", text[max(0, start - 40):start])
    return country_code(before.group(1), lang) if before else None


def _places(ctx: FindingContext, st: Statement, claims: list[Claim]) -> list[_Place]:
    aa = ctx.owner[st.id]
    text, lang = aa.article.text, aa.article.language or "en"
    out = []
    for claim in claims:
        for arg in claim.arguments:
            place = _place(ctx, arg, text, lang)
            if place is not None:
                out.append(place)
    return out


def _place(ctx: FindingContext, arg: Argument, text: str, lang: str) -> _Place | None:
    if arg.role != "place" or arg.entity_id is None or arg.entity_id not in ctx.entity:
        return None
    prep = _BEFORE.search(text[max(0, arg.span.start - 12):arg.span.start])
    if prep is None:
        return None
    ent = ctx.entity[arg.entity_id]
    # The entity's mention inside the argument: the argument may hold more ("Tripoli, Lebanon").
    mention = next((m.span for m in ent.mentions if m.span.article_id == arg.span.article_id
                    and arg.span.start <= m.span.start < arg.span.end), arg.span)
    words = _WORD.findall(mention.text.casefold())
    # spaCy types a hospital or a university ORG as often as FAC: the head noun decides.
    facility = words[-1] if ent.type in ("FAC", "ORG", "GPE", "LOC") and words and words[-1] in FACILITIES else None
    own = country_code(mention.text, lang) or country_code(ent.name, lang)
    country = own or _qualifier(text, mention.start, mention.end, lang)
    return _Place(mention, mention.text, _PREPOSITION[prep.group(1).lower()], facility, country, own is not None)


def _distinctive(name: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(name.casefold()) if w not in _GENERIC and w not in FACILITIES)


def _incompatible(x: _Place, y: _Place) -> str | None:
    """Which way two places of one event cannot both be right (``facility``, ``country``), or ``None``."""
    if x.role != y.role:
        return None
    if x.facility and x.facility == y.facility:
        dx, dy = _distinctive(x.name), _distinctive(y.name)
        return "facility" if dx and dy and not dx & dy else None
    if x.is_country and y.is_country and x.country != y.country:
        return "country"
    return None


def _countries_named(text: str, lang: str) -> set[str]:
    """The codes of the countries a text names (runs of one to three capitalised words)."""
    words = re.findall(r"[A-ZА-ЯЁ][\w.]*", text)
    found = set()
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            if code := country_code(" ".join(words[i:i + n]).rstrip(".,"), lang):
                found.add(code)
    return found


def _names_other(ctx: FindingContext, st: Statement, other: _Place, kind: str) -> bool:
    """Whether a statement names the other outlet's place too (then it does not contradict it)."""
    if kind == "facility":
        return _distinctive(other.name) <= frozenset(_WORD.findall(st.span.text.casefold()))
    lang = ctx.owner[st.id].article.language or "en"
    return other.country in _countries_named(st.span.text, lang)


_WHY = {"facility": "two different {}s", "country": "two countries"}


def place_conflicts(ctx: FindingContext) -> list[Finding]:
    """Places that cannot both be right (see the module docstring): in aligned facts, and one town in two countries.

    Facilities and countries are compared in statements aligned as one fact, one finding per
    pair of statements (the first incompatible pair of places in text order). A town placed in
    two countries is checked across the whole story: in one story a name is one place, whatever
    the sentences it is in.
    """
    by_statement: dict[str, list[Claim]] = {}
    for aa in ctx.articles:
        for claim in aa.claims:
            by_statement.setdefault(claim.statement_id, []).append(claim)
    out = []
    for al, a, b in strict_pairs(ctx):
        pa, pb = _places(ctx, a, by_statement.get(a.id, [])), _places(ctx, b, by_statement.get(b.id, []))
        for x, y in product(pa, pb):
            kind = _incompatible(x, y)
            if kind is None or _names_other(ctx, a, y, kind) or _names_other(ctx, b, x, kind):
                continue
            why = _WHY[kind].format(x.facility)
            out.append(Finding(
                "", "place_conflict", "warning",
                f'{ctx.outlet(a.article_id)} places this {_ROLE_WORDS[x.role]} "{x.span.text}", '
                f'{ctx.outlet(b.article_id)} {_ROLE_WORDS[y.role]} "{y.span.text}" ({why}).',
                (a.article_id, b.article_id), (x.span, y.span),
                {"alignment_id": al.id, "places": {a.article_id: x.span.text, b.article_id: y.span.text},
                 "reason": kind},
            ))
            break
    return out + _opposed_directions(ctx) + _towns_in_two_countries(ctx)


def _opposed_directions(ctx: FindingContext) -> list[Finding]:
    """One fact placed in opposite directions from one place ("northeast of X" / "southwest of X").

    An outlet that gives both directions itself (a quake felt north and south of a city) is
    not contradicting the other: such a statement is left out.
    """
    out = []
    for al_id, a, b in compared_pairs(ctx):
        da = directions(ctx.owner[a.id].article.text, a.article_id, a)
        db = directions(ctx.owner[b.id].article.text, b.article_id, b)
        if any(opposed(x, y) for x, y in combinations(da, 2)) or any(opposed(x, y) for x, y in combinations(db, 2)):
            continue
        pair = next(((x, y) for x, y in product(da, db) if opposed(x, y)), None)
        if pair is None:
            continue
        x, y = pair
        link: dict[str, object] = {"alignment_id": al_id}
        if al_id is None:
            link["statement_ids"] = [a.id, b.id]
        out.append(Finding(
            "", "place_conflict", "warning",
            f'{ctx.outlet(a.article_id)} places this "{x.span.text}", {ctx.outlet(b.article_id)} '
            f'"{y.span.text}" (two opposite directions from one place).',
            (a.article_id, b.article_id), (x.span, y.span),
            {**link, "places": {a.article_id: x.span.text, b.article_id: y.span.text}, "reason": "direction"},
        ))
    return out


def _towns_in_two_countries(ctx: FindingContext) -> list[Finding]:
    """One town name that two outlets put in two countries ("Tripoli, Lebanon" / "Tripoli in Libya").

    An article that puts the name in two countries itself tells two towns apart: it is left out.
    """
    placed: dict[str, dict[str, dict[str, Span]]] = {}  # name -> article id -> country -> first mention
    for ent in ctx.entities:
        if ent.type not in ("GPE", "LOC"):
            continue
        for m in ent.mentions:
            aa = ctx.article.get(m.span.article_id)
            if aa is None:
                continue
            lang = aa.article.language or "en"
            if country_code(m.span.text, lang) or country_code(ent.name, lang):
                continue
            code = _qualifier(aa.article.text, m.span.start, m.span.end, lang)
            if code:
                placed.setdefault(m.span.text.casefold(), {}).setdefault(m.span.article_id, {}).setdefault(code, m.span)
    out = []
    for _, by_article in sorted(placed.items()):
        single = {art: next(iter(c.items())) for art, c in by_article.items() if len(c) == 1}
        for (ax, (cx, sx)), (ay, (cy, sy)) in combinations(single.items(), 2):
            if cx == cy:
                continue
            out.append(Finding(
                "", "place_conflict", "warning",
                f'{ctx.outlet(ax)} places "{sx.text}" in {_country_name(cx)}, {ctx.outlet(ay)} in '
                f"{_country_name(cy)} (one name, two countries).",
                (ax, ay), (sx, sy),
                {"alignment_id": None, "reason": "town",
                 "places": {ax: f"{sx.text} ({_country_name(cx)})", ay: f"{sy.text} ({_country_name(cy)})"}},
            ))
            break
    return out


def _country_name(code: str) -> str:
    return str(Locale.parse("en").territories.get(code, code))


_ROLE_WORDS = {"where": "at", "whither": "going to", "whence": "coming from"}
