"""One article's cleaned entity mentions grouped by referent, each group typed and named.

Steps 3 to 5 of :mod:`newsprism.analysis.entities` (see its docstring): people by full name and
surname, everything else by a normalised key with the short forms and acronyms of organisations
joined to their full names, then the type vote and the name of each group. The record of one
cleaned mention (:class:`Raw`) and the word forms compared (:func:`word`, :func:`name_words`)
are shared with the cleaning steps there.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from newsprism._name_tables import ALIASES, NAME_SUFFIXES, PLACES, norm_key
from newsprism._name_tables import fold_case as _fold

__all__ = ["CONNECTORS", "Raw", "entity_name", "entity_type", "group", "name_words", "word"]

# Ties in the type vote go to the earlier label here.
_LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT")

# Words that join the words of a name ("Secretary of State", "Organization for Security and
# Co-operation in Europe"): a title runs on over them, an acronym has no letter for them.
CONNECTORS = frozenset({"of", "for", "the", "and"})


@dataclass(slots=True)
class Raw:
    """One cleaned mention before grouping (token indices into the doc, end exclusive)."""

    start: int
    end: int
    label: str
    words: tuple[str, ...]
    text: str
    char_start: int
    char_end: int


def word(text: str) -> str:
    """Return one token compared as a title word: folded, without dots."""
    return _fold(text).replace(".", "")


def name_words(raw: Raw) -> tuple[str, ...]:
    """Return the folded words of a name without suffixes like "Jr."."""
    return tuple(w for w in (word(x) for x in raw.words) if w and w not in NAME_SUFFIXES)


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Tell whether two full names (folded words) name one person within an article."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 2 and long[-len(short):] == short:
        return True  # a double surname alone ("Bankman Fried" after "Sam Bankman Fried")
    if a[-1] != b[-1]:
        return False
    first_a, first_b = a[0], b[0]
    if len(first_a) == 1 or len(first_b) == 1:  # an initial: "A. Blinken"
        return first_a[0] == first_b[0]
    return difflib.SequenceMatcher(None, first_a, first_b).ratio() >= 0.8


def _key(raw: Raw) -> str:
    """Return the grouping key of a mention that is not joined to a person."""
    key = norm_key(raw.text)
    if key in ALIASES and not raw.text.islower():
        return "alias:" + ALIASES[key][0]
    if raw.label == "NORP" and key.endswith("s") and not key.endswith("ss") and len(key) > 3:
        key = key[:-1]
    return key


def _initials(key: str) -> str:
    """Return the initials of a multi-word name, skipping connectors ("osce" style)."""
    words = [w for w in key.replace("-", " ").split() if w not in CONNECTORS | {"in", "on", "at"}]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def group(raws: list[Raw], doc: Any) -> list[list[Raw]]:
    """Group cleaned mentions into clusters, one per referent."""
    clusters: list[list[Raw]] = []
    person_of: list[tuple[tuple[str, ...], int]] = []  # (full-name words, cluster index)
    assigned: dict[int, int] = {}  # id(raw) -> cluster index
    for raw in raws:
        words = name_words(raw)
        if raw.label != "PERSON" or len(words) < 2:
            continue
        idx = next((c for w, c in person_of if _same_person(w, words)), None)
        if idx is None:
            idx = len(clusters)
            clusters.append([])
        person_of.append((words, idx))
        clusters[idx].append(raw)
        assigned[id(raw)] = idx

    by_key: dict[str, int] = {}
    for raw in raws:
        if id(raw) in assigned:
            continue
        words = name_words(raw)
        key = norm_key(raw.text)
        if len(words) == 1 and key not in PLACES:
            idx = _person_for(raw, words[0], person_of, clusters, doc)
            if idx is not None:
                clusters[idx].append(raw)
                continue
        elif len(words) >= 2 and key not in PLACES and raw.label in ("ORG", "NORP", "FAC", "WORK_OF_ART"):
            # A double surname alone ("Watne Frydnes" after "Jørgen Watne Frydnes") that spaCy
            # read as another kind of name: the one person whose full name ends with it.
            tails = {c for w, c in person_of if len(w) > len(words) and w[-len(words):] == words}
            if len(tails) == 1:
                clusters[tails.pop()].append(raw)
                continue
        k = _key(raw)
        if k not in by_key:
            by_key[k] = len(clusters)
            clusters.append([])
        clusters[by_key[k]].append(raw)
    _merge_orgs(clusters, by_key)
    return [c for c in clusters if c]


def _person_for(
    raw: Raw, word: str, person_of: list[tuple[tuple[str, ...], int]], clusters: list[list[Raw]], doc: Any
) -> int | None:
    """Return the person cluster a one-word mention belongs to, if any.

    A surname shared by several people goes to the one whose full name is in the same sentence
    before it, else to the one introduced first (news style names the main actor first and calls
    relatives by first name). A first name goes to the one person who has it, if it is nobody's
    surname.
    """
    candidates = sorted({c for w, c in person_of if w[-1] == word})
    if not candidates:
        by_first = {c for w, c in person_of if w[0] == word}
        return by_first.pop() if len(by_first) == 1 else None
    if len(candidates) == 1:
        return candidates[0]
    sentence_start = doc[raw.start].sent.start
    best: tuple[int, int] | None = None  # (start of the nearest earlier full name, cluster)
    for idx in candidates:
        for other in clusters[idx]:
            if len(name_words(other)) >= 2 and sentence_start <= other.start < raw.start:
                best = max(best or (other.start, idx), (other.start, idx))
    if best is not None:
        return best[1]
    return min(candidates, key=lambda i: min(r.start for r in clusters[i]))


# The head noun of an institution's name, which an article uses alone for it once named ("the
# Corporation", "the Commission"): with exactly one such name in the article, the short form is it.
_INSTITUTION_HEADS = frozenset(
    "corporation company ministry commission committee council party court agency department university college "
    "board office bureau authority institute union association federation parliament assembly senate "
    "foundation administration".split())


def _merge_orgs(clusters: list[list[Raw]], by_key: dict[str, int]) -> None:
    """Join "State Department" to "US State Department" and "OSCE" to its spelled-out name.

    An institution's head noun alone ("the Corporation") joins the one name it ends ("Harbour Corporation").
    """
    keys = list(by_key)
    for key in keys:
        idx = by_key[key]
        if not clusters[idx] or not any(r.label == "ORG" for r in clusters[idx]):
            continue
        words = key.split()
        targets = set()
        for other in keys:
            o_words = other.split()
            if other == key or not clusters[by_key[other]]:
                continue
            if len(o_words) > len(words) and o_words[-len(words) :] == words:
                prefix = o_words[: -len(words)]
                if len(words) >= 2 and all(w in PLACES or w.endswith(("ian", "ese", "ish")) for w in prefix):
                    targets.add(by_key[other])
                elif len(words) == 1 and key in _INSTITUTION_HEADS and any(
                        r.label == "ORG" for r in clusters[by_key[other]]):
                    targets.add(by_key[other])  # "the Corporation" after "Harbour Corporation": its short form
            elif len(words) == 1 and len(key) >= 3 and _initials(other) == key:
                targets.add(by_key[other])
        if len(targets) == 1:
            target = targets.pop()
            clusters[target].extend(clusters[idx])
            clusters[target].sort(key=lambda r: r.start)
            clusters[idx] = []


def entity_type(cluster: list[Raw]) -> str:
    """Vote on the type of a cluster (see :mod:`newsprism.analysis.entities`, step 5)."""
    if any(r.label == "PERSON" and len(name_words(r)) >= 2 for r in cluster):
        return "PERSON"
    votes = Counter(r.label for r in cluster)
    best = max(_LABEL_PRIORITY, key=lambda lab: (votes[lab], -_LABEL_PRIORITY.index(lab)))
    keys = {norm_key(r.text) for r in cluster}
    alias = next((ALIASES[k][1] for k in keys if k in ALIASES), None)
    if alias is not None and best not in {"GPE", "LOC"}:
        return alias
    if keys & PLACES and best not in {"GPE", "LOC"}:
        return "GPE"
    return best


def entity_name(cluster: list[Raw]) -> str:
    """Pick the name: an alias's canonical form, else the fullest and most frequent variant."""
    for raw in cluster:
        key = norm_key(raw.text)
        if key in ALIASES and not raw.text.islower():
            return ALIASES[key][0]
    counts = Counter(r.text for r in cluster)
    first = {r.text: r.start for r in reversed(cluster)}
    return max(counts, key=lambda t: (len(t.split()), counts[t], -first[t]))
