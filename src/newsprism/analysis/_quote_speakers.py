"""Resolving a quote's speaker phrase to one of the article's entities.

Order of evidence, first that applies wins:

1. the phrase is or contains an entity mention ("Blinken", "a spokeswoman, Anna White,"): that
   entity (a person before anything else);
2. a pronoun: "he" / "she" go to a person only: a person named as the subject of a sentence since
   the last quote, else the last quoted person, else the nearest person mentioned before; none
   when a person the story does not name is the subject of a sentence after that one ("The jury
   foreperson stood. “Guilty,” he said.");
   "they" / "it" go to the last quoted organisation or group, else the nearest one before;
   "I", "we", "you" stay unresolved;
3. a description ("the spokesman", "the top US diplomat", "the ministry"): a person introduced
   elsewhere with the same word next to the name ("Kremlin spokesman Dmitry Peskov"), an
   organisation whose name contains the word ("the ministry" -> "Russian Foreign Ministry"),
   and for a word naming a role, the last quoted person, else the nearest person before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism._dateline import is_state_abbreviation
from newsprism.model import Entity

__all__ = ["SpeakerResolver"]


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


_MALE_FEMALE = frozenset({"he", "she", "him", "her"})
_GROUP = frozenset({"they", "them", "it"})
_GROUP_TYPES = ("ORG", "NORP", "GPE")
_RECENT = 2000  # characters within which "the last quoted speaker" is still in play
_INDEFINITE = frozenset({"a", "an", "another", "one"})
_WINDOW = 45  # characters around a name searched for its description ("spokesman Ned Price")
_ROLES = _words(
    """spokesman spokeswoman spokesperson minister diplomat president secretary senator official ambassador
    envoy chief head leader director chairman chairwoman chair governor mayor lawmaker congressman
    congresswoman representative candidate nominee adviser advisor aide lawyer attorney prosecutor judge
    commander general officer analyst expert professor author founder executive manager premier
    chancellor king queen prince princess pope negotiator activist businessman businesswoman billionaire
    actor actress star player coach owner host anchor columnist reporter journalist writer economist
    strategist pollster man woman father mother son daughter husband wife deputy staffer"""
)
# Trades and ties no one holds together in a news story: a person the text gives one of them is not
# the one a description with another names ("defence lawyer X" is not "the executive"). Roles that
# overlap (a minister is an official, a senator a lawmaker, the top diplomat a secretary) are left out.
_SYNONYMS = {w: group for group in (frozenset(g.split()) for g in (
    "lawyer lawyers attorney attorneys counsel", "judge jurist", "prosecutor prosecutors",
    "spokesman spokeswoman spokesperson", "executive founder ceo businessman businesswoman billionaire",
    "reporter journalist anchor columnist", "father mother parent parents", "son daughter", "husband wife"))
    for w in group}
# People a story calls by what they are, never by name: as the subject of a sentence they are who
# a "he" or "she" that follows most likely is ("The jury foreperson stood. “Guilty,” he said.").
_UNNAMED = _ROLES | _words(
    """foreperson juror witness victim suspect defendant plaintiff driver pilot passenger resident neighbor
    neighbour doctor nurse student teacher soldier survivor worker farmer boy girl mayor priest officer"""
)


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    type: str
    entity_id: str


class SpeakerResolver:
    """Resolves speaker phrases of one article, in text order, remembering the last speaker.

    Args:
        text: The article text.
        doc: Its spaCy Doc.
        entities: The article's entities (may be empty: nothing then resolves).
        outside: Whether an offset lies outside every direct quotation.
        furniture: Character spans that are page furniture, not narrative (wire datelines):
            the place and agency named there are never a speaker, nor what a pronoun refers to.
    """

    def __init__(self, text: str, doc: Any, entities: Sequence[Entity],
                 outside: Callable[[int], bool] = lambda _: True,
                 furniture: Sequence[tuple[int, int]] = ()) -> None:
        self._text = text
        self._doc = doc
        self._outside = outside
        self._token_starts = [t.idx for t in doc]
        # Names inside a quotation are the speaker's words, not the narrative's: a "he" later on
        # does not refer back to them.
        self._mentions = sorted(
            (_Mention(m.span.start, m.span.end, m.type, e.id) for e in entities for m in e.mentions
             if outside(m.span.start) and not any(s <= m.span.start < e for s, e in furniture)
             # a state after a city ("Keene, N.H.") is part of an address: nobody who speaks
             and not is_state_abbreviation(text, m.span.start, m.span.end)),
            key=lambda m: (m.start, m.end),
        )
        self._starts = [m.start for m in self._mentions]
        # A person's names as a later bare mention may give them ("Ana Ruiz" -> "Ruiz"; the family
        # name printed first, "Woo Won Shik" -> "Woo"), with where the person is first named: the
        # tagger sometimes misses that later mention. A word two people share names neither.
        self._names: dict[str, list[tuple[str, int]]] = {}
        for e in entities:
            first = min((m.span.start for m in e.mentions), default=None)
            if e.type == "PERSON" and first is not None:
                for name in {n for v in (e.name, *e.variants) for n in (v, *v.split()[-1:], *v.split()[:1])}:
                    self._names.setdefault(name, []).append((e.id, first))
        self._last: tuple[str, str, int] | None = None  # (entity id, type, offset) of the last speaker
        self._subject_cache: dict[int, bool] = {}

    def resolve(self, span: tuple[int, int] | None, head_i: int | None) -> str | None:
        """Resolve one speaker phrase and remember it as the last speaker.

        Args:
            span: Character span of the speaker phrase, or None.
            head_i: Index of the phrase's head token in the doc, or None.

        Returns:
            The entity id, or None when nothing fits.
        """
        if span is None or not self._mentions:
            return None
        found = self._resolve(span, head_i)
        if found is not None:
            self._last = (found[0], found[1], span[0])
        return found[0] if found else None

    def remember(self, entity_id: str | None, offset: int) -> None:
        """Record a speaker resolved elsewhere (an inherited speaker) as the last speaker."""
        if entity_id is None:
            return
        etype = next((m.type for m in self._mentions if m.entity_id == entity_id), "PERSON")
        self._last = (entity_id, etype, offset)

    def _resolve(self, span: tuple[int, int], head_i: int | None) -> tuple[str, str] | None:
        head = self._doc[head_i] if head_i is not None else None
        # A possessor is not the speaker: in "Putin's foreign affairs adviser, Yuri Ushakov" the
        # adviser speaks, and in "Putin's adviser said" someone unnamed does.
        overlapping = self._overlapping(*span)
        inside = [m for m in overlapping if not self._possessor(m)]
        if overlapping and not inside:
            return None  # only an owner is named: the adviser, spokesman or lawyer is someone else
        if inside:
            head_at = head.idx if head is not None else -1
            inside.sort(key=lambda m: (not (m.start <= head_at < m.end), m.type != "PERSON", m.start))
            best = inside[0]
            # "the top US diplomat": a place naming the person's country is not the speaker.
            if best.start <= head_at < best.end or best.type == "PERSON" or head is None or head.pos_ != "NOUN":
                return best.entity_id, best.type
            if best.type == "ORG" and best.end <= head.idx and head.lemma_.lower() in _ROLES:
                # "a Coast Guard spokesperson", "a senior White House official": the person
                # introduced with that title, else the organisation speaking through them (never
                # the last person named, who works elsewhere). Not an organisation after the
                # role ("the senator vying for the GOP nomination").
                return self._titled(span, head, self._text[best.start:best.end]) or (best.entity_id, best.type)
        if head is None:
            return None
        if not overlapping and head.pos_ == "PROPN":
            named = self._named_before(span)
            if named is not None:
                return named, "PERSON"
        word = head.lower_
        if word in _MALE_FEMALE:
            return self._pronoun_person(span[0])
        if word in _GROUP:
            types = ("ORG", "GPE") if word == "it" else _GROUP_TYPES
            if self._last and self._last[1] in types and span[0] - self._last[2] < _RECENT:
                return self._last[0], self._last[1]
            return self._nearest_before(span[0], types, limit=600)
        if head.pos_ != "NOUN":
            return None
        return self._description(span, head)

    def _named_before(self, span: tuple[int, int]) -> str | None:
        """The one person named earlier whose name or surname the phrase is ("Ruiz said" after "Ana Ruiz")."""
        people = {eid for eid, first in self._names.get(self._text[span[0]:span[1]].strip(), ()) if first < span[0]}
        return next(iter(people)) if len(people) == 1 else None

    def _possessor(self, m: _Mention) -> bool:
        """Whether a mention is a possessive ("Putin's", "the Joneses'"; the parser may put the "'s" inside it)."""
        after = self._text[m.end:m.end + 2]
        own = self._text[m.end - 2:m.end]
        return after in ("'s", "’s") or own in ("'s", "’s") or (
            after[:1] in ("'", "’") and self._text[m.end - 1:m.end] == "s")

    def _overlapping(self, start: int, end: int) -> list[_Mention]:
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self._mentions[max(0, hi - 50) : hi] if m.end > start and m.start < end]

    def _nearest_before(self, pos: int, types: tuple[str, ...], limit: int | None = None) -> tuple[str, str] | None:
        m = self._nearest_mention_before(pos, types, limit)
        return (m.entity_id, m.type) if m is not None else None

    def _nearest_mention_before(self, pos: int, types: tuple[str, ...], limit: int | None = None) -> _Mention | None:
        hi = bisect.bisect_left(self._starts, pos)
        for m in reversed(self._mentions[:hi]):
            if limit is not None and pos - m.end > limit:
                return None
            if m.type in types and m.end <= pos:
                return m
        return None

    def _is_subject(self, m: _Mention) -> bool:
        if m.start not in self._subject_cache:
            span = self._doc.char_span(m.start, m.end, alignment_mode="expand")
            self._subject_cache[m.start] = bool(span is not None and span.root.dep_ in ("nsubj", "nsubjpass"))
        return self._subject_cache[m.start]

    def _pronoun_person(self, pos: int) -> tuple[str, str] | None:
        last = self._last if self._last and self._last[1] == "PERSON" and pos - self._last[2] < _RECENT else None
        since = last[2] if last else max(0, pos - 400)
        lo = bisect.bisect_right(self._starts, since)
        hi = bisect.bisect_left(self._starts, pos)
        found: tuple[str, str, int] | None = None  # (entity id, type, where it is named)
        for m in reversed(self._mentions[lo:hi]):
            if m.type == "PERSON" and m.end <= pos and m.entity_id != (last[0] if last else None) \
                    and self._is_subject(m):
                found = (m.entity_id, m.type, m.end)
                break
        if found is None and last:
            found = last
        if found is None and (near := self._nearest_mention_before(pos, ("PERSON",))) is not None:
            found = (near.entity_id, near.type, near.end)
        if found is None or self._unnamed_subject(found[2], pos):
            return None  # a wrong name is worse than none
        return found[0], found[1]

    def _unnamed_subject(self, lo: int, hi: int) -> bool:
        """Whether a person named only by a description is a main subject between ``lo`` and ``hi``.

        "The jury foreperson stood to deliver the verdict. “Guilty,” he said.": the "he" is the
        foreperson, not the last person named. Only the subject of a sentence's main verb counts
        (in "Smith said the officer lied" the officer is not who the story follows), outside quotes.
        """
        first = bisect.bisect_left(self._token_starts, lo)
        if first < len(self._doc):  # after the sentence the candidate is named (or quoted) in
            first = self._doc[first].sent.end
        for i in range(first, bisect.bisect_left(self._token_starts, hi)):
            t = self._doc[i]
            if (t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.tag_ == "NN"
                    and t.lemma_.lower() in _UNNAMED and self._outside(t.idx)
                    and not self._overlapping(t.idx, t.idx + 1)
                    and self._titled((t.idx, t.idx + len(t)), t) is None):  # "the mayor" once named: them
                return True
        return False

    def _description(self, span: tuple[int, int], head: Any) -> tuple[str, str] | None:
        found = self._titled(span, head)
        if found is not None:
            return found
        if any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in head.children):
            return None  # "a U.S. official", "an aide": someone not named, never the last person quoted
        if head.tag_ == "NN" and head.lemma_.lower() in _ROLES:
            role = head.lemma_.lower()
            if self._last and self._last[1] == "PERSON" and span[0] - self._last[2] < _RECENT \
                    and not self._described_otherwise(self._last[0], role, span[0]):
                return self._last[0], self._last[1]
            # The nearest person before, unless the text calls them something else: "the
            # executive claimed" is not the defence lawyer quoted just before.
            hi = bisect.bisect_left(self._starts, span[0])
            for m in reversed(self._mentions[:hi]):
                if m.type == "PERSON" and m.end <= span[0] \
                        and not self._described_otherwise(m.entity_id, role, span[0]):
                    return m.entity_id, m.type
            return None
        return None

    def _described_otherwise(self, entity_id: str, role: str, pos: int) -> bool:
        """Whether the text, before ``pos``, gives the person a role and never ``role`` (or its synonym).

        "defence lawyer Mark Mukasey" is no "executive"; "the parents, Joe Bankman and Barbara
        Fried" is no "attorney" (:data:`_SYNONYMS`). A person introduced with no such role may be anyone.
        """
        same = _SYNONYMS.get(role)
        if same is None:
            return False  # a role that overlaps others ("the top diplomat", "the official")
        found: set[str] = set()
        for m in self._mentions[: bisect.bisect_left(self._starts, pos)]:
            if m.entity_id != entity_id or m.type != "PERSON":
                continue
            around = self._text[max(0, m.start - _WINDOW) : m.start] + " " + self._text[m.end : m.end + _WINDOW]
            found.update(w for w in re.findall(r"[a-z]+", around.lower()) if w in _SYNONYMS)
        return bool(found) and not found & same

    def _titled(self, span: tuple[int, int], head: Any, of: str | None = None) -> tuple[str, str] | None:
        """The entity introduced before ``span`` with the description's head word.

        A person with it as their title, or an organisation with it in its name; with ``of``
        (an organisation's name), only a person whose title names it too.
        """
        alt = "|".join(re.escape(w) for w in sorted({head.lower_, head.lemma_.lower()}))
        # A title before the name ("Kremlin spokesman Dmitry Peskov", "Secretary of State Antony
        # Blinken") or an apposition after it ("Peskov, the Kremlin spokesman").
        # Only the head word ignores case: under IGNORECASE "[A-Z]" takes any word, and "the
        # commission said. Opponent Hou" made Hou the commission.
        title = re.compile(rf"\b(?i:{alt})(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|and))*\s*$")
        appos = re.compile(rf"^\s*,\s*(?:[^\s,.;:]+\s+){{0,4}}?(?:{alt})\b", re.IGNORECASE)
        hi = bisect.bisect_left(self._starts, span[0])
        for m in reversed(self._mentions[:hi]):
            if m.end > span[0]:
                continue
            if m.type == "PERSON":
                before, after = self._text[max(0, m.start - _WINDOW) : m.start], self._text[m.end : m.end + _WINDOW]
                hit = bool(title.search(before) or appos.search(after))
                if hit and of is not None:
                    hit = of.lower() in (before + " " + after).lower()
            elif of is not None:
                hit = False
            else:  # "the ministry" -> "Russian Foreign Ministry"
                hit = m.type in ("ORG", "GPE") and re.search(rf"\b(?:{alt})\b", self._text[m.start : m.end],
                                                              re.IGNORECASE) is not None
            if hit:
                return m.entity_id, m.type
        return None
