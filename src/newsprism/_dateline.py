"""Wire datelines ("MOSCOW (Reuters) - ", «МОСКВА, 21 авг - РИА Новости.») and their parts.

"HARBORTON, Dec. 4 (Xinhua) -- " and «МОСКВА, 18 февраля. /ТАСС/.» are datelines too.

Shared by the reader (:mod:`newsprism.ingest`: the agency a dateline names, a headline over a
dateline), :mod:`newsprism.analysis.statements` (which cuts the dateline off a statement) and
:mod:`newsprism.analysis.entities` (which types the dateline's place and agency: spaCy reads a
place in capitals as an ORG and an agency in brackets, now and then, as a PERSON).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DATELINE", "DATELINE_ONLY", "DatelineParts", "datelines", "is_state_abbreviation"]

# A wire dateline opening a paragraph: "ADANA, Turkey — ", "NURDAG, Turkey (AP) — ",
# "Washington (CNN) - ". The place is in capitals (three letters at least), or an agency in
# brackets follows it: a Title-case word before a dash alone ("Putin — who...") is a sentence.
_PLACE = r"[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
# A filing date after the place, as Xinhua and others write it ("BEIJING, Dec. 19 (Xinhua) --").
_FILED = r"(?:,\s*" + _MONTH + r"(?:,?\s+(?:19|20)\d\d)?)?"  # with its year too ("BUENOS AIRES, Nov 19, 2023 (AFP) –")
_AGENCY = r"\([A-Za-z .&/-]{2,30}\)"
# The dash that ends a dateline: a hyphen glued to the sentence only after a place of five
# capitals and before a capitalised word ("BENGHAZI-At least 2,000 ..."), which an acronym's
# compound ("NATO-Russia talks", "U.S.-Russia") is not.
_DASH = r"\s*(?:[–—]+|-{2,}|-(?=\s|$)|(?<=[A-Z]{5})-(?=[A-Z][a-z])|(?<=\))-(?=[A-Z])|(?<=\) )-(?=[A-Z]))"
_NOT_A_PLACE = r"(?!(?:On|In|At|By|For|From|Since|Until|Before|After|Last|This|Next|Monday|Tuesday|Wednesday|" \
               r"Thursday|Friday|Saturday|Sunday)\b)"
# Five capitals at least when alone: "NATO:" or "WHO:" over a quotation is an acronym, not a place.
_PLACE_ONLY = r"(?:[A-Z][A-Z.'-]{4,}|[A-Z][A-Z.'-]{2,}(?=[ ,]))(?: [A-Z][A-Z.'-]+){0,3}" \
              r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?"
_NOT_LABEL = r"(?!(?:BREAKING|UPDATE|UPDATED|WATCH|EXCLUSIVE|LIVE|ANALYSIS|OPINION|NOTE|WARNING|CORRECTION|" \
             r"EDITOR'S NOTE|READ MORE|PHOTOS|VIDEO|FACT CHECK)\s*:)"
# Two places filed from are joined by a slash ("Balasore/Bhubaneswar, Jun 3 (PTI)").
_TITLE_PLACE = _NOT_A_PLACE + r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?:/[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})?" \
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?"
_HEAD = (
    # Places joined by "/" when filed from two ("JISHISHAN, Gansu Province/XINING, Dec. 19").
    r"(?:(?:" + _PLACE + r"(?:/" + _PLACE + r")*" + _FILED +
    r"(?:\s*" + _AGENCY + r")?"
    r"|" + _TITLE_PLACE + r"\s*" + _AGENCY +
    # An agency alone ("(BBC) – The plane ..."): the page cut the place off.
    r"|" + _AGENCY +
    # A filing date and an agency ("Nov. 20 (UPI) -- The operator ..."): the page cut the place off.
    r"|" + _MONTH + r"\s*" + _AGENCY + r")" + _DASH +
    # A place, a filing date and an agency need no dash ("Nur Sultan, Dec 27 (IANS) The ..."),
    # nor a place and a date closed by a colon ("Tripoli [Libya], September 12 (ANI): A storm ...").
    r"|(?:" + _PLACE + r"|" + _TITLE_PLACE + r")(?:\s*\[[A-Z][A-Za-z .]{1,30}\])?,\s*" + _MONTH
    + r"(?:\s*" + _AGENCY + r"(?=\s+[A-Z]|\s*$)|(?:\s*" + _AGENCY + r")?\s*:(?=\s|$))"
    # A place closed by a colon, as Asian and Gulf wires write it ("AMIZMIZ: Survivors ...",
    # "Amizmiz, Morocco: Survivors ..."): in capitals, or with its country; not a label in
    # capitals ("BREAKING:", "UPDATE:").
    r"|" + _NOT_LABEL + _PLACE_ONLY + r":(?=\s+[A-Z\"“]|\s*$)"
    r"|" + _NOT_A_PLACE + r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?:(?=\s+[A-Z\"“]|\s*$)"
    r")"
)
# A Russian agency's dateline: «МОСКВА, 21 авг - РИА Новости.», «МОСКВА, 18 февраля. /ТАСС/.»: a
# place in capitals, a filing date, the agency after a dash or between slashes.
_RU_AGENCY = r"(?:РИА Новости|ИТАР-ТАСС|ТАСС|Интерфакс(?:-Украина)?|РБК|ПРАЙМ|Прайм|RT|Sputnik|БелТА|УНИАН|Укринформ|" \
             r"Регнум|ИА Регнум|Известия|НСН|ФАН)"
_RU_HEAD = (r"[А-ЯЁ][А-ЯЁ-]{2,}(?: [А-ЯЁ][А-ЯЁ-]+){0,2},\s*\d{1,2}\s+[а-яё]{3,9}\.?"
            r"(?:\s*[-–—]+\s*" + _RU_AGENCY + r"\.?|\s*/" + _RU_AGENCY + r"/\.?)")
_HEAD = r"(?:" + _RU_HEAD + r"|" + _HEAD + r")"
DATELINE = re.compile(_HEAD + r"\s*(?=\S)")
"""A dateline followed by the sentence it opens."""
DATELINE_ONLY = re.compile(_HEAD + r"\s*")
"""A dateline, alone or with what follows."""

_PLACE_END = re.compile(r",\s*" + _MONTH + r"|,\s*\d{1,2}\s+[а-яё]|\s*\(|\s*[-–—]+\s*$|\s*:$")
_BRACKET = re.compile(r"\(([^()]*)\)\s*[-–—]*\s*$")


@dataclass(frozen=True, slots=True)
class DatelineParts:
    """Character ranges (end exclusive) of one dateline's place and agency in the article text."""

    place: tuple[int, int]
    agency: tuple[int, int] | None
    span: tuple[int, int] = (0, 0)
    """The whole dateline, its dash included (trailing space excluded)."""


# US states as the AP style book abbreviates them after a city ("CONCORD, N.H.", "Keene, Vt.");
# the eight states it spells out (Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas, Utah) are names.
_US_STATES = frozenset(
    """Ala. Ariz. Ark. Calif. Colo. Conn. Del. D.C. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn.
    Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Vt. Va.
    Wash. W.Va. Wis. Wyo.""".split()
)


def is_state_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a US state abbreviation after a place ("Keene, N.H.").

    The tokenizer may leave the final period out of the span ("Vt" + "."), so a period right
    after it counts. Only after a comma, as in an address, since "Miss." or "Wash." alone may be
    a title or a verb's clipping.
    """
    word = text[start:end]
    if not word.endswith(".") and text[end : end + 1] == ".":
        word += "."
    return word in _US_STATES and text[max(0, start - 2) : start].rstrip().endswith(",")


def datelines(text: str) -> list[DatelineParts]:
    """Find the datelines opening the paragraphs of ``text`` and split each into place and agency.

    A bare capitalised word before a dash ("NATO — allies met") also reads as a dateline to the
    statement splitter, which only trims it; typing it as a place would be a real error, so only
    datelines with a second sign of one count here: a region after a comma, a filing date or an
    agency in brackets.

    Args:
        text: The article text.

    Returns:
        The datelines in text order.
    """
    found: list[DatelineParts] = []
    for line in re.finditer(r"^[ \t]*(?=\S)", text, flags=re.MULTILINE):
        m = DATELINE_ONLY.match(text, line.end())
        if not m:
            continue
        head = m.group().rstrip()
        cut = _PLACE_END.search(head)
        place_len = cut.start() if cut else len(head)
        if not place_len:
            continue  # an agency alone: no place to type
        bracket = _BRACKET.search(head)
        if not bracket and "," not in head[:place_len] and (not cut or not cut.group().startswith(",")):
            continue  # a capitalised word and a dash: perhaps a headline, not a dateline
        agency = (m.start() + bracket.start(1), m.start() + bracket.end(1)) if bracket else None
        found.append(DatelineParts(place=(m.start(), m.start() + place_len), agency=agency,
                                   span=(m.start(), m.start() + len(head))))
    return found
