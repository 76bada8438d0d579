"""The loaded-language lexicon: parsing the versioned TSV file and matching it on lemmas.

A lexicon file (``newsprism/lexicons/loaded_<lang>.tsv``) starts with ``#`` comment lines (version,
licence, how entries were chosen), then a header row and one entry a row:

    term <TAB> category <TAB> note <TAB> source [<TAB> pos]

``term`` is a lemma or a sequence of lemmas ("slam", "special military operation"); a ``...``
between two words lets up to :data:`GAP` other words stand between them ("pump ... weapon"
matches "pumping Ukraine with weapons"). Hyphens are optional on both sides ("far-right" matches
"far right"). ``pos`` optionally restricts the entry's first word to some universal POS tags
("VERB" keeps "slammed the plan" and drops "a grand slam"; "NOUN" keeps "a cover-up" and drops
"to cover up"). An entry whose source names the BABE
statistic (:data:`STATISTIC_MARK`) was suggested by data, not by a style guide; the sentence model
counts those hits apart.

Matching is case-insensitive on the spaCy parse: an entry word matches a token whose lemma or
lower-cased form equals it, so "slammed" matches "slam" and "regimes" matches "regime".
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsprism.analysis._senses import HYPHENS as _HYPHENS
from newsprism.analysis._senses import (
    LITERAL_IN_DISASTER,
    absent,
    after_so_called,
    describes_harm,
    felt,
    harm_story,
    literal_motion,
    literal_sense,
    reclaimed,
    settled,
    violent_crowd,
)
from newsprism.analysis._senses import LITERAL_WITH_PARTICLE as _LITERAL_WITH_PARTICLE
from newsprism.analysis._senses import subject_lemma as _subject_lemma
from newsprism.errors import UsageError

__all__ = ["CATEGORIES", "GAP", "LITERAL_IN_DISASTER", "NEUTRAL", "STATISTIC_MARK", "Entry", "Lexicon", "Match",
           "describes_harm", "harm_story", "literal_motion", "literal_sense", "load_lexicon", "parse_lexicon"]

#: The categories an entry may have (the issue's "label / name-calling, dysphemism, euphemism,
#: intensifier, scare quote"; "scare-quote" also covers distancing words like "so-called").
CATEGORIES = ("label", "name-calling", "dysphemism", "euphemism", "intensifier", "scare-quote")
#: Most words a ``...`` in a term may skip.
GAP = 4
#: The category of a set phrase that holds a loaded word but is neutral as a whole ("war on
#: terror", the policy's name; "lame duck"): it wins over the shorter entries inside it, as a
#: longer match does, and is then dropped, so it is never a hit.
NEUTRAL = "neutral"
#: Text in ``source`` that marks an entry suggested by the BABE gold-word statistic.
STATISTIC_MARK = "BABE biased_words"
_GAP_TOKEN = "..."
_SPLIT = re.compile(r"[\s\-‐‑–]+")
_UPOS = frozenset({"ADJ", "ADV", "NOUN", "PROPN", "VERB", "NUM", "INTJ", "X"})
# Entries that are technical terms after a common-noun compound ("tax regime", "sanctions regime").
_NOT_AFTER_NOUN_COMPOUND = frozenset({"regime"})
# Verbs that are figurative (a verdict) with a person or body as subject and literal with a
# structure: "the Senate caved" vs "houses that had caved in" after an earthquake.
_LITERAL_WITH_STRUCTURE = frozenset({"cave"})
_STRUCTURES = frozenset(
    "house home building roof ceiling wall floor tunnel mine shaft bridge road ground structure tent "
    "dam school hospital church mosque tower apartment block hillside slope bank".split()
)


# Metaphors that dehumanise one group only (Ethical Journalism Network): "migrants swarming",
# "a swarm of refugees"; firefighters "swarming over the ruins" is no verdict on anyone.
_ONLY_OF_GROUPS = {"swarm": frozenset("migrant immigrant refugee asylum seeker foreigner alien".split())}


# Labels that pass a verdict on one act or actor ("the terrorists who attacked", "the terrorist
# attack in the capital"), not when they name a kind in general: the law's "acts of terrorism",
# "a foreign terrorist organization", "state sponsors of terrorism", "international terrorism".
_ONLY_SPECIFIC = frozenset({"terrorist", "terrorism", "terror"})
_SPECIFIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# Verbs that cast doubt only as verbs of saying, with a clause for what is said ("claimed the plan
# was cheap", "claims to have won"): with an object they name a right or a demand ("claim
# residency", "claiming discrimination"), and where the parser tags the noun a verb ("said claims
# that ... were false", "Clinton claims on budget cuts") there is no clause either.
_ONLY_SAYING = frozenset({"claim"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "compound"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _says(tok: Any) -> bool:
    """Whether a verb is used as a verb of saying: a clause for what is said, and not a noun's slot.

    The parser may take the clause's subject for an object ("claiming the situation in the city
    was out of control", the "was" hung elsewhere): an object followed at once by a finite verb
    that has no subject of its own is such a clause ("a person claiming discrimination may sue"
    is not: "sue" has its subject).
    """
    if tok.dep_ in _NOMINAL_DEPS:
        return False
    if tok.tag_ in _FINITE_TAGS and not any(c.dep_ in _SUBJECT_DEPS for c in tok.children) and (
            tok.dep_ == "ccomp" or (tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"))):
        # A finite verb with no subject, said or joined to a noun, is the noun misread: "said claims
        # that ... were false", "Akin's ad, and claims Monday that he's staying, defied ...".
        return False
    for c in tok.children:
        if c.dep_ in _CLAUSE_DEPS:
            return True
        if c.dep_ == "dobj" and c.i > tok.i and c.right_edge.i + 1 < len(c.doc):
            verb = c.doc[c.right_edge.i + 1]
            clause = verb.head if verb.dep_ in ("aux", "auxpass") else verb
            if verb.tag_ in _FINITE_TAGS and not any(d.dep_ in _SUBJECT_DEPS for d in clause.children):
                return True
    return False


def _specific(tok: Any) -> bool:
    """Whether a word's noun phrase names one thing: a definite determiner or a possessive on it.

    The phrase is the word's own, or the noun it modifies ("the terrorist attack").
    """
    head = tok.head if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN") else tok
    return any((c.dep_ == "det" and c.lower_ in _SPECIFIC_DETERMINERS) or c.dep_ == "poss" for c in head.children)


# A label named in order to deny it is not applied: "said he is not a racist", "denied being
# racist", "there is nothing far right about it".
_DENYING_VERBS = frozenset("deny reject dismiss refute disavow rebut".split())
_DENYING_WORDS = frozenset({"not", "n't", "never", "no", "nothing", "nobody", "none"})


def _denied(tok: Any) -> bool:
    """Whether a label is mentioned to deny it: negated where it stands, or the object of a denial.

    Walked up from the word through complements only ("is not a racist", "denied being racist",
    "nothing far right about it", "was not an attempt to label them as racist"): a negated verb
    whose subject the word is ("the thugs did not stop") denies something else.
    """
    node = tok
    for _ in range(6):
        if any(c.dep_ in ("neg", "det") and c.lower_ in _DENYING_WORDS for c in node.children):
            return True
        if node.lower_ in _DENYING_WORDS:
            return True
        if node.pos_ in ("VERB", "AUX") and node is not tok and node.lemma_.lower() in _DENYING_VERBS:
            return True
        labelling_clause = node.dep_ == "acl" and node.lemma_.lower() in _LABELLING
        if (node.dep_ not in _COMPLEMENT_DEPS and not labelling_clause) or node.head is node:
            return False
        node = node.head
    return False


_COMPLEMENT_DEPS = frozenset("attr acomp oprd xcomp ccomp pcomp dobj pobj prep amod compound advmod conj appos".split())
# A noun's clause is walked through only when it labels ("was not an attempt to label the movement as
# racist"): "he had not changed his view that Xi is a dictator" denies a change, not the label.
_LABELLING = frozenset("label call brand dub term describe portray paint cast characterize characterise".split())


def _of_group(tok: Any, groups: frozenset[str]) -> bool:
    """Whether a word is said of one of ``groups``: its subject, or its "of" object ("a swarm of ...")."""
    heads = [_subject_lemma(tok)]
    heads += [g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj"]
    heads += [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")]
    return any(h in groups for h in heads if h)


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry.

    Attributes:
        term: The term as written in the file.
        words: Its lower-cased words, hyphens dropped; ``"..."`` marks a gap.
        category: One of :data:`CATEGORIES`.
        note: Why it carries a verdict.
        source: What supports it (a guide, a study, a dataset statistic).
        pos: Universal POS tags the entry's first word is restricted to (empty: any).
        statistic: Whether a dataset statistic supports it (its source names BABE).
        curated: Whether a guide or study supports it (False: the statistic alone).
    """

    term: str
    words: tuple[str, ...]
    category: str
    note: str
    source: str
    pos: frozenset[str] = frozenset()
    statistic: bool = False
    curated: bool = True


@dataclass(frozen=True, slots=True)
class Match:
    """An entry found in a parsed text: character offsets (end exclusive) and token indices."""

    start: int
    end: int
    entry: Entry
    tokens: tuple[int, ...]


def _words(term: str) -> tuple[str, ...]:
    return tuple(w for w in _SPLIT.split(term.strip().lower()) if w)


def _forms(tok: Any) -> set[str]:
    """The strings an entry word may equal to match a token: its lemma and lower-cased form."""
    low = tok.lower_
    forms = {low, tok.lemma_.lower()}
    # spaCy leaves proper nouns unlemmatised ("Nazis", "Banderites"): strip a plural -s.
    if tok.pos_ == "PROPN" and len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        forms.add(low[:-1])
    return forms


class Lexicon:
    """A set of entries, indexed by first word, that finds itself in spaCy parses."""

    def __init__(self, entries: Iterable[Entry], version: str = "", lang: str = "en") -> None:
        """Index the entries.

        Args:
            entries: The entries; several may share a term if their ``pos`` differ.
            version: The file's version string.
            lang: Its language.
        """
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.version = version
        self.lang = lang
        self._first: dict[str, list[Entry]] = {}
        for e in self.entries:
            self._first.setdefault(e.words[0], []).append(e)
        # Longest terms first, so "sham election" is tried before "sham".
        for group in self._first.values():
            group.sort(key=lambda e: -len(e.words))

    def __len__(self) -> int:
        return len(self.entries)

    def with_statistic(self, suggested: Iterable[Entry]) -> Lexicon:
        """The curated entries plus ``suggested``, in place of the shipped statistic's entries.

        Curated entries are marked as statistic-supported where ``suggested`` has their term;
        entries the shipped statistic alone suggested are dropped. Cross-validation uses it to
        rebuild the lexicon from training folds only.

        Args:
            suggested: One-word entries from a statistic (``statistic=True, curated=False``).

        Returns:
            The new lexicon.
        """
        new = {e.words: e for e in suggested}
        kept = []
        for e in self.entries:
            if not e.curated:
                continue
            # The source names the statistic exactly when it supports the entry (features count it).
            source = e.source.split("; " + STATISTIC_MARK)[0]
            if e.words in new:
                source = f"{source}; {new[e.words].source}"
            kept.append(dataclasses.replace(e, source=source, statistic=e.words in new))
        have = {e.words for e in kept}
        return Lexicon([*kept, *(e for w, e in new.items() if w not in have)], self.version, self.lang)

    def _token_ok(self, entry: Entry, tok: Any) -> bool:
        if entry.pos and tok.pos_ not in entry.pos:
            return False
        if not hasattr(tok, "head"):
            return True  # no parse tree to read a sense from (the Russian lexicon's natasha tokens)
        if after_so_called(tok):
            return False  # "pathetic outcries over so-called atrocities": the word is named to be rejected
        if len(entry.words) == 1 and literal_sense(tok):
            return False  # "walls smeared with blood", "a knife rampage", "a purported eyewitness account"
        if entry.words[0] in _NOT_AFTER_NOUN_COMPOUND:
            return not any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in tok.children)
        if entry.words[0] in _LITERAL_WITH_STRUCTURE:
            return _subject_lemma(tok) not in _STRUCTURES
        if entry.words[0] in _ONLY_OF_GROUPS:
            return _of_group(tok, _ONLY_OF_GROUPS[entry.words[0]])
        if entry.words == ("mob",) and violent_crowd(tok):
            return False
        if entry.words[0] in _LITERAL_WITH_PARTICLE and len(entry.words) == 1:
            return not literal_motion(tok)
        if entry.category == "intensifier" and tok.pos_ == "ADJ":
            return not describes_harm(tok) and not felt(tok)
        if entry.category == "intensifier" and tok.pos_ == "NOUN" and absent(tok):
            return False
        if entry.words[0] in _ONLY_SPECIFIC and len(entry.words) == 1 and (not _specific(tok) or settled(tok)):
            return False
        if entry.words[0] in _ONLY_SAYING and len(entry.words) == 1:
            return _says(tok)
        if entry.category in ("label", "name-calling"):
            return not _denied(tok)
        return not (entry.category == "dysphemism" and tok.pos_ == "NOUN" and reclaimed(tok))

    def match(self, doc: Any, start: int = 0, end: int | None = None, neutral: bool = False) -> list[Match]:
        """Find the entries in a parsed text, longest first, never two over one word.

        Args:
            doc: A spaCy Doc.
            start: Only tokens starting at or after this character offset.
            end: Only tokens ending at or before this character offset (``None``: the end).
            neutral: Also return the neutral set phrases that won ("lame duck", "war on terror"):
                the span tagger must not flag a word inside one either.

        Returns:
            The matches in text order; a gap never crosses a sentence end.
        """
        toks = [t for t in doc if not t.is_space and t.idx >= start and (end is None or t.idx + len(t) <= end)]
        keep: list[Any] = []
        for k, t in enumerate(toks):
            # An infix hyphen ("far-right", "so-called") is skipped: entries are hyphen-free.
            if t.text in _HYPHENS and k and toks[k - 1].idx + len(toks[k - 1]) == t.idx:
                continue
            keep.append(t)
        forms = [_forms(t) for t in keep]
        found: list[Match] = []
        for i, tok in enumerate(keep):
            cands = [e for w in forms[i] for e in self._first.get(w, ())]
            if not cands:
                continue
            for entry in sorted(cands, key=lambda e: -len(e.words)):
                idx = self._extend(entry, keep, forms, i)
                if idx is not None and self._token_ok(entry, tok):
                    last = keep[idx[-1]]
                    found.append(Match(tok.idx, last.idx + len(last), entry, tuple(keep[j].i for j in idx)))
                    break
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Match] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out if neutral else [m for m in out if m.entry.category != NEUTRAL]

    @staticmethod
    def _extend(entry: Entry, keep: Sequence[Any], forms: Sequence[set[str]], i: int) -> list[int] | None:
        """Token positions (in ``keep``) of ``entry`` starting at ``i``, or None if it does not match."""
        pos = [i]
        j = i + 1
        words = entry.words[1:]
        k = 0
        while k < len(words):
            w = words[k]
            if w == _GAP_TOKEN:
                target = words[k + 1]
                for skip in range(GAP + 1):
                    jj = j + skip
                    if jj >= len(keep) or keep[jj].is_sent_start:
                        return None
                    if target in forms[jj]:
                        j = jj
                        break
                else:
                    return None
                k += 1
                continue
            if j >= len(keep) or w not in forms[j] or keep[j].is_sent_start:
                return None
            pos.append(j)
            j += 1
            k += 1
        return pos


def parse_lexicon(text: str, lang: str = "en", origin: str = "<lexicon>") -> Lexicon:
    """Parse the text of a lexicon file.

    Args:
        text: The file's text.
        lang: Its language.
        origin: Where it came from, for error messages.

    Returns:
        The lexicon.

    Raises:
        UsageError: A row has too few columns, an unknown category or POS tag, or no note or source.
    """
    version = ""
    entries: list[Entry] = []
    header_seen = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*version:\s*(\S+)", line, re.IGNORECASE)
            if m and not version:
                version = m.group(1)
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[0].strip() == "term":
                continue
        if len(cols) < 4:
            raise UsageError(f"{origin}:{n}: expected term, category, note, source[, pos]")
        term, category, note, source = (c.strip() for c in cols[:4])
        pos = frozenset(p.strip() for p in cols[4].split(",") if p.strip()) if len(cols) > 4 else frozenset()
        if category not in CATEGORIES and category != NEUTRAL:
            raise UsageError(f"{origin}:{n}: unknown category {category!r}")
        if not term or not note or not source:
            raise UsageError(f"{origin}:{n}: every entry needs a term, a note and a source")
        if pos - _UPOS:
            raise UsageError(f"{origin}:{n}: unknown POS tag(s) {sorted(pos - _UPOS)}")
        words = _words(term)
        if not words or words[0] == _GAP_TOKEN or words[-1] == _GAP_TOKEN:
            raise UsageError(f"{origin}:{n}: a term cannot start or end with '...'")
        entries.append(Entry(term, words, category, note, source, pos, STATISTIC_MARK in source,
                             not source.startswith(STATISTIC_MARK)))
    return Lexicon(entries, version, lang)


@functools.cache
def load_lexicon(lang: str = "en") -> Lexicon:
    """Return the shipped loaded-language lexicon of a language (parsed once per process).

    Args:
        lang: ISO 639-1 code; ``newsprism/lexicons/loaded_<lang>.tsv`` must exist.

    Returns:
        The lexicon.

    Raises:
        UsageError: No lexicon for that language, or the file is malformed.
    """
    name = f"loaded_{lang}.tsv"
    try:
        text = resources.files("newsprism.lexicons").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        raise UsageError(f"no loaded-language lexicon for language {lang!r} ({name})") from None
    return parse_lexicon(text, lang, name)
