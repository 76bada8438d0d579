"""Corrections to spaCy's entity labels that only the surrounding text can make.

spaCy labels a span from its words and their immediate neighbours, and these places in news
copy mislead it:

* **Datelines** ("HARBORTON, Dec. 4 (Xinhua) -- "): the place, in capitals, often reads as an
  ORG and the agency in brackets now and then as a PERSON. The dateline's place is where the
  report was filed (GPE) and its bracket names who filed it (ORG).
* **Credits** ("by Li Ming (Xinhua)"): a name in brackets right after a person's name is that
  person's agency or affiliation, not a second person.
* **Facilities named like people** ("Haneda Airport" read as a PERSON): a name ending in a
  facility's word is a facility (FAC).
* **A place's office-holders** ("the mayor of Nazaré", "residents of Kramatorsk"): the name after
  "of" a place's mayor, governor or residents serve is a place (GPE), however spaCy read it.
* **Ships named like people** ("the Singapore-flagged Dali", "the container ship Dali"): a ship.
* **Bodies named like people** ("the human rights group Memorial", "the movement Hibakusha"): a
  name right after a noun for an organisation is that organisation's (ORG).
* **Generic organisation nouns before a role** ("the county's Party chief", "a Committee
  spokesman", "the Party committee"): the capitalised noun only says which kind of body the
  person serves; with no proper name in the span ("Communist Party") there is no organisation
  to name.
"""

from __future__ import annotations

from typing import Any

from newsprism._dateline import DatelineParts, datelines
from newsprism._name_tables import fold_case, norm_key

__all__ = ["Context", "relabel"]

# Nouns for a kind of body: written alone, even capitalised, they name no particular one.
_BODY_NOUNS = frozenset(
    """
    party committee council commission government ministry department bureau agency office administration
    union league association federation authority board directorate secretariat
    """.split()
)
# Role nouns a body noun can modify ("Party chief", "Committee members", "Government spokesman").
_ROLE_NOUNS = frozenset(
    """
    chief head leader secretary official officer spokesman spokeswoman spokesperson member cadre chairman
    chairwoman chair director boss deputy representative delegate worker staffer aide
    """.split()
)

# The last word of a facility's name ("Haneda Airport", "Kerch Bridge", "Victoria Station").
_FACILITY_HEADS = frozenset(
    """
    airport airfield airbase station bridge port harbour harbor terminal stadium arena hospital prison
    dam pier wharf tunnel highway motorway
    """.split()
)


# Who belongs to a place: "the mayor of X", "residents of X" name X as a town or a region.
_OF_A_PLACE = frozenset(
    """
    mayor mayors governor governors prefect prefects residents inhabitants townspeople outskirts suburbs
    """.split()
)


def _belongs_to_a_place(doc: Any, tokens: list[Any]) -> bool:
    """Tell whether a one-name span follows "<mayor|governor|residents> of" ("the mayor of Nazaré")."""
    i = tokens[0].i
    if i < 2 or doc[i - 1].lower_ != "of" or doc[i - 2].lower_ not in _OF_A_PLACE:
        return False
    # A body's name says it is one ("the governor of the Central Bank"): no capitalised body noun.
    return not any(fold_case(t.text) in _BODY_NOUNS for t in tokens)


# The prefix of a ship's name: motor vessel, motor ship, a navy's ship ("MV Delna Rose", "USS Harlan").
_VESSEL_PREFIXES = frozenset("MV M/V MS M/S MT SS USS HMS HMCS HMAS INS RFA USNS".split())


class Context:
    """What the relabelling needs to know about one article, computed once.

    Args:
        text: The article text.
        agency: The wire agency the article's metadata names, if any.
    """

    def __init__(self, text: str, agency: str | None) -> None:
        self.datelines: list[DatelineParts] = datelines(text)
        self.agency_key = norm_key(agency) if agency else ""


def _inside(start: int, end: int, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= start and end <= span[1]


def _in_brackets_after_person(doc: Any, tokens: list[Any]) -> bool:
    """Tell whether ``tokens`` fill a bracket that follows a PERSON name ("Li Ming (Xinhua)")."""
    i, end = tokens[0].i, tokens[-1].i + 1
    if i < 2 or end >= len(doc) or doc[i - 1].text != "(" or doc[end].text != ")":
        return False
    return bool(doc[i - 2].ent_type_ == "PERSON")


def _is_body_before_role(doc: Any, tokens: list[Any]) -> bool:
    """Tell whether a span is one generic body noun modifying a role or body noun ("Party" in "Party chief")."""
    if len(tokens) != 1 or fold_case(tokens[0].text) not in _BODY_NOUNS:
        return False
    end = tokens[-1].i + 1
    if end >= len(doc):
        return False
    head = fold_case(doc[end].text)
    # Plurals too ("Party officials", "Committee members"); "ss" words are singular ("boss").
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    # Another body noun is as generic a head as a role ("the provincial Party committee").
    return bool({head, singular} & (_ROLE_NOUNS | _BODY_NOUNS))


# Words that say the name after them is a ship's ("the cargo ship Dali", "the Liberian-flagged Ever Given").
_SHIP_WORDS = frozenset("ship vessel freighter tanker carrier boat ferry liner trawler yacht".split())


def _named_as_a_ship(doc: Any, tokens: list[Any]) -> bool:
    """Tell whether the two words before a name call it a ship ("container ship Dali", "-flagged Dali")."""
    before = [t.lower_ for t in doc[max(0, tokens[0].i - 2) : tokens[0].i]]
    return bool(before) and (before[-1] in _SHIP_WORDS or before[-1].endswith("flagged")
                             or (len(before) == 2 and before[-1] == "," and before[0] in _SHIP_WORDS))


# Nouns for an organisation that a name right after them belongs to ("the rights group Memorial").
_ORG_WORDS = frozenset(
    """group organisation organization movement party charity ngo foundation association network coalition
    alliance company firm broadcaster newspaper magazine band""".split()
)


def _named_as_a_body(doc: Any, tokens: list[Any]) -> bool:
    """Tell whether the word before a name calls it an organisation ("the rights group Memorial")."""
    if tokens[0].i == 0:
        return False
    before = doc[tokens[0].i - 1]
    # "the group's leader X" puts a role between; a possessive or a comma is no apposition.
    return before.lower_ in _ORG_WORDS and before.whitespace_ != ""


def relabel(doc: Any, tokens: list[Any], label: str, context: Context) -> str | None:
    """Return the label a cleaned entity span should carry, or ``None`` if it is no entity.

    Args:
        doc: The spaCy ``Doc`` of the article.
        tokens: The cleaned tokens of the span (non-empty).
        label: spaCy's label for it.
        context: The article's :class:`Context`.

    Returns:
        The corrected label, ``label`` itself when nothing applies, or ``None`` to drop the span.
    """
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    for dl in context.datelines:
        if _inside(start, end, dl.agency):
            return "ORG"
        if _inside(start, end, dl.place) and label not in {"GPE", "LOC"}:
            return "GPE"
    if label == "PERSON" and len(tokens) > 1 and tokens[-1].lower_ in _FACILITY_HEADS:
        return "FAC"  # "Haneda Airport", "Kerch Bridge": a named place, never a person
    if label in ("PERSON", "ORG") and len(tokens) > 1 and tokens[0].text in _VESSEL_PREFIXES:
        return "PRODUCT"  # "MV Delna Rose", "USS Harlan": a ship, which speaks for nobody
    if label in ("PERSON", "ORG") and _named_as_a_ship(doc, tokens):
        return "PRODUCT"  # "the Singapore-flagged Dali", "the container ship Dali"
    if label in ("PERSON", "GPE") and _named_as_a_body(doc, tokens):
        return "ORG"  # "the human rights group Memorial": a body, however it reads
    if label == "PERSON":
        text = doc[tokens[0].i : tokens[-1].i + 1].text
        if context.agency_key and norm_key(text) == context.agency_key:
            return "ORG"  # the agency the byline or dateline names is never a person
        if _in_brackets_after_person(doc, tokens):
            return "ORG"
    if label in ("ORG", "PERSON") and _belongs_to_a_place(doc, tokens):
        return "GPE"
    if label == "ORG" and _is_body_before_role(doc, tokens):
        return None
    return label
