"""Entity resolution across the articles of one story.

The analyze stage groups the mentions of one referent within an article
(:mod:`newsprism.analysis.entities`); this module joins those article-level entities into
story-level ones. The cascade:

1. **Full names** (PERSON, two words or more, a first name longer than an initial), in article
   order: a name joins the person whose every known full name it can stand for — the same
   surname with a compatible first name (``Antony``/``Anthony``, ``Sergei``/``Sergey``, ``Alex``/
   ``Alexander``), or a transliteration variant of the surname (phonetic keys ≥ 85% alike,
   ``Zelensky``/``Zelenskyy``) with first names that agree beyond an initial. Cyrillic names
   are transliterated first (``Энтони Блинкен`` ≈ ``Antony Blinken``). Two people who share a
   surname but not a first name stay two. A romanised Chinese or Korean name is read family
   name first ("Lai Ching-te": surname Lai); one printed with a Western given name in front too
   ("William Lai Ching-te") joins first and then takes both "William Lai" and "Lai Ching-te".
2. **Initials** (``J. Biden``): join the one person with that surname and initial; if two
   could be meant, the mention stays on its own.
3. **Lone names** (an article that only ever says ``Blinken``): join the one person in the
   story with that surname; with two candidates (two Smiths) the entity stays on its own.
   A one-word ORG/GPE/LOC/FAC entity spelled exactly like such a surname joins too (spaCy
   labels lone surnames ORG), unless it is a known place.
4. **Everything else** groups by the within-article normalised key (case, dots and ``the``
   ignored; ``US``/``U.S.``/``United States`` and their Russian names are one; plural demonyms
   singular). A group then joins the one other group that lists its key as a variant, spells
   it with a country in front (``State Department`` → ``US State Department``) or spells its
   acronym — only when exactly one group fits.
5. **Role descriptions**: offices held by people are learned from every article — the title
   right before a name (``US Secretary of State Antony Blinken``, ``Russia's Foreign Minister
   Sergei Lavrov``) and an apposition after it (``Ned Price, the State Department spokesman,``).
   Descriptions elsewhere in the story (``the Secretary of State``, ``the Russian minister``,
   ``the top US diplomat``, ``the head of the American foreign policy department``,
   ``the spokesman``) become mentions of the person when exactly one person in the story holds
   an office they fit (see :func:`newsprism.comparison._names.role_matches`; the only
   equivalence table is "top diplomat" = foreign minister / foreign secretary / secretary of
   state / head of the foreign policy department). Descriptions are English; role mentions are
   not listed among an entity's ``variants`` (those stay names, for ``name_variant``).

Story-level ids are ``E1``, ``E2``, ... in order of first name mention (article order, then
text order); the same articles in the same order always give the same ids.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism._name_tables import ALIASES, PLACES, norm_key
from newsprism.comparison._names import (
    HONORIFICS,
    Role,
    Token,
    could_end_role,
    fold,
    name_words,
    parse_role,
    person_forms,
    phonetic,
    role_matches,
    same_person,
    surname_relation,
    tokenize,
)
from newsprism.comparison._translit import (
    SAME_NAME,
    cross_script_similarity,
    has_cyrillic,
    name_table,
    with_table_words,
)
from newsprism.model import AnalyzedArticle, Entity, Mention

__all__ = ["resolve_entities"]

_LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT")
_COUNTRY_PREFIX_ENDINGS = ("ian", "ese", "ish")


@dataclass(slots=True)
class _Item:
    """One article-level entity with where it sits in the story."""

    art: int
    entity: Entity
    forms: tuple[tuple[str, ...], ...]  # a person's name forms (see _names.person_forms); one else

    @property
    def words(self) -> tuple[str, ...]:
        """The name's words (a person's first form)."""
        return self.forms[0]


@dataclass(slots=True)
class _Person:
    """A story-level person under construction."""

    names: list[tuple[str, ...]] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    # Named once with two given names ("William Lai Ching-te"): either one alone names them.
    bridged: bool = False


def _other_key(name: str, etype: str) -> str:
    """Return the grouping key of a non-person entity name (see the module docstring, step 4)."""
    key = norm_key(name)
    if has_cyrillic(name) and (known := name_table().lookup(name)) is not None:
        return _other_key(known[0], etype)  # the key its English name has («Киев» → Kyiv)
    if key in ALIASES:
        return "alias:" + ALIASES[key][0]
    if etype == "NORP" and key.endswith("s") and not key.endswith("ss") and len(key) > 3:
        key = key[:-1]
    return key


def _join_double_surnames(items: list[_Item]) -> None:
    """Write a double surname spaced in one article as another article hyphenates it.

    "Sam Bankman Fried" and "Sam Bankman-Fried" are one name: where the story holds the
    hyphenated surname, a spaced name ending in its two parts takes it as one word, so the
    surname matches (and its lone mentions, "Bankman-Fried", find the person).
    """
    joined = {w for it in items if it.entity.type == "PERSON" for form in it.forms for w in form if "-" in w}
    if not joined:
        return
    for it in items:
        if it.entity.type == "PERSON":
            it.forms = tuple((*f[:-2], f"{f[-2]}-{f[-1]}") if len(f) >= 2 and f"{f[-2]}-{f[-1]}" in joined else f
                             for f in it.forms)


def _is_place(word: str) -> bool:
    """Tell whether a one-word name is a known place or alias (never a surname)."""
    return word in PLACES or word in ALIASES or (has_cyrillic(word) and name_table().lookup(word) is not None)


def _people(items: list[_Item]) -> tuple[list[list[int]], list[int]]:
    """Cluster the people (steps 1-3); return the clusters and the items left for step 4."""
    people: list[_Person] = []
    by_surname: dict[str, list[int]] = {}  # phonetic key of a surname -> person indices

    def fits(words: tuple[str, ...], person: _Person) -> bool:
        agree = any if person.bridged else all
        return agree(same_person(words, n) for n in person.names)

    def candidates(forms: tuple[tuple[str, ...], ...], similar: bool) -> list[int]:
        found: set[int] = set()
        for words in forms:
            key = phonetic(words[-1])
            keys = [k for k in by_surname if k == key or (similar and surname_relation(k, key) is not None)]
            found.update(p for k in keys for p in by_surname[k] if fits(words, people[p]))
        return sorted(found)

    def add(idx: int, p: int | None) -> None:
        if p is None:
            p = len(people)
            people.append(_Person())
        person = people[p]
        person.members.append(idx)
        forms = items[idx].forms
        person.bridged = person.bridged or len(forms) > 1
        for words in forms:
            if len(words) < 2:
                continue
            person.names.append(words)
            holders = by_surname.setdefault(phonetic(words[-1]), [])
            if p not in holders:
                holders.append(p)

    persons = [i for i, it in enumerate(items) if it.entity.type == "PERSON" and it.words]
    full = [i for i in persons if len(items[i].words) >= 2]
    # Step 1, names with two given names first: they join the forms that other articles use alone.
    for i in sorted((i for i in full if len(items[i].words[0]) > 1), key=lambda i: len(items[i].forms) == 1):
        found = candidates(items[i].forms, similar=True)
        add(i, found[0] if found else None)
    for i in (i for i in full if len(items[i].words[0]) == 1):  # step 2
        found = candidates(items[i].forms, similar=False)
        add(i, found[0] if len(found) == 1 else None)

    full_set = set(full)
    lone_of: dict[str, int] = {}  # phonetic key -> person made of lone names only
    rest: list[int] = []
    for i, it in enumerate(items):  # step 3
        if i in full_set:
            continue
        is_person = it.entity.type == "PERSON"
        if len(it.words) != 1 or (not is_person and (
                it.entity.type == "NORP" or _is_place(norm_key(it.entity.name)) or not it.entity.name[:1].isupper())):
            rest.append(i)
            continue
        key = phonetic(it.words[0])
        found = list(by_surname.get(key, []))
        if not found and is_person and has_cyrillic(it.entity.name):
            # A surname written in Cyrillic comes back through transliteration only close to the
            # Latin one («Трамп» -> "tramp" for Trump): a similar key stands for the one person.
            found = sorted({p for k in by_surname if surname_relation(k, key) is not None for p in by_surname[k]})
        if not is_person:  # an ORG "Blinken": the exact spelling only
            found = [p for p in found if any(n[-1] == it.words[0] for n in people[p].names)]
        if len(found) == 1:
            add(i, found[0])
        elif not is_person:
            rest.append(i)
        elif not found and key in lone_of:
            add(i, lone_of[key])
        else:
            add(i, None)
            if not found:
                lone_of[key] = len(people) - 1
    return [p.members for p in people], rest


def _core(key: str) -> str | None:
    """Return an ORG key without the countries or nationalities in front ("us state department")."""
    words = key.split()
    k = 0
    while k < len(words) - 2 and (words[k] in PLACES or words[k].endswith(_COUNTRY_PREFIX_ENDINGS)):
        k += 1
    return " ".join(words[k:]) if k else None


def _initials(key: str) -> str:
    """Return the initials of a multi-word name, skipping connectors ("Co-operation" is one word)."""
    words = [w for w in key.split() if w not in {"of", "for", "the", "and", "in", "on", "at"}]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _others(items: list[_Item], rest: list[int]) -> list[list[int]]:
    """Group the remaining entities by key, then join a group to its one longer form (step 4)."""
    groups: dict[str, list[int]] = {}
    for i in rest:
        groups.setdefault(_other_key(items[i].entity.name, items[i].entity.type), []).append(i)
    keys = list(groups)
    claims: dict[str, list[str]] = {}  # a key -> the groups that list it as a variant or short form
    for key in keys:
        members = groups[key]
        short = {_other_key(v, items[i].entity.type) for i in members for v in items[i].entity.variants}
        is_org = any(items[i].entity.type == "ORG" for i in members)
        core = _core(key) if is_org else None
        if core:
            short.add(core)
        if is_org and _initials(key):
            short.add(_initials(key))
        for s in short - {key}:
            claims.setdefault(s, []).append(key)
    _cross_script(items, groups, claims)
    target: dict[str, str] = {}
    for key in keys:
        owners = claims.get(key, [])
        if len(owners) == 1:
            target[key] = owners[0]
    out: dict[str, list[int]] = {k: list(v) for k, v in groups.items()}
    for key, owner in target.items():
        if owner in target:  # no chains: a group that joins another takes no one in
            continue
        out[owner].extend(out[key])
        out[key] = []
    return [v for v in out.values() if v]


def _cross_script(items: list[_Item], groups: dict[str, list[int]], claims: dict[str, list[str]]) -> None:
    """A Cyrillic group claims the one Latin group whose name it transliterates to («Пномпень» → Phnom Penh)."""
    def name(key: str) -> str:
        return items[groups[key][0]].entity.name

    latin_keys = [k for k in groups if not has_cyrillic(name(k))]
    for key in groups:
        if not has_cyrillic(name(key)) or key.startswith("alias:"):
            continue
        scores = {k: cross_script_similarity(name(key), name(k)) for k in latin_keys}
        near = [k for k, s in scores.items() if s >= SAME_NAME]
        if len(near) == 1:
            claims.setdefault(key, []).append(near[0])


def _cluster_type(members: list[_Item]) -> str:
    """Vote on a story entity's type, weighting each article entity by its mentions."""
    if any(m.entity.type == "PERSON" and len(m.words) >= 2 for m in members):
        return "PERSON"
    votes: Counter[str] = Counter()
    for m in members:
        votes[m.entity.type] += len(m.entity.mentions)
    order = {lab: n for n, lab in enumerate(_LABEL_PRIORITY)}
    return max(votes, key=lambda lab: (votes[lab], -order.get(lab, len(order))))


def _cluster_name(members: list[_Item], etype: str) -> str:
    """Pick the fullest, most frequent name (an alias's canonical form for places)."""
    if etype != "PERSON":
        for m in members:
            key = _other_key(m.entity.name, m.entity.type)
            if key.startswith("alias:"):
                return key.removeprefix("alias:")
    counts: Counter[str] = Counter()
    for m in members:
        counts[m.entity.name] += len(m.entity.mentions)
    first = {m.entity.name: n for n, m in reversed(list(enumerate(members)))}
    return max(counts, key=lambda t: (len(t.split()), counts[t], -first[t]))


@dataclass(slots=True)
class _Text:
    """One article prepared for role lookup."""

    text: str
    tokens: list[Token]
    starts: list[int]
    org_tokens: set[int]
    names: list[tuple[int, int, int]]  # (start, end, person cluster) of person name mentions
    name_spans: list[tuple[int, int]]  # every PERSON mention span, sorted


def _prepare(aa: AnalyzedArticle, person_of: dict[str, int]) -> _Text:
    """Tokenise an article and index its ORG and person mentions."""
    text = aa.article.text
    # Titles and descriptions are read in English only (other languages' grammars differ).
    tokens = tokenize(text) if aa.article.language in (None, "en") else []
    starts = [t.start for t in tokens]
    org_tokens: set[int] = set()
    names: list[tuple[int, int, int]] = []
    name_spans: list[tuple[int, int]] = []
    for e in aa.entities:
        for m in e.mentions:
            if e.type in {"ORG", "FAC"}:
                lo, hi = bisect.bisect_left(starts, m.span.start), bisect.bisect_left(starts, m.span.end)
                org_tokens.update(range(lo, hi))
            elif e.type == "PERSON":
                name_spans.append((m.span.start, m.span.end))
                if e.id in person_of:
                    names.append((m.span.start, m.span.end, person_of[e.id]))
    return _Text(text, tokens, starts, org_tokens, sorted(names), sorted(name_spans))


def _gap_is_space(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` is only spaces, on one line."""
    gap = text[start:end]
    return not gap.strip() and "\n" not in gap


def _learn_titles(doc: _Text) -> tuple[list[tuple[int, Role]], set[int]]:
    """Return (person cluster, office) pairs named next to names, and the apposition starts."""
    text, tokens, starts = doc.text, doc.tokens, doc.starts
    found: list[tuple[int, Role]] = []
    appositions: set[int] = set()

    def org_at(j: int) -> bool:
        return j in doc.org_tokens

    for start, end, person in doc.names:
        e = bisect.bisect_left(starts, start)
        while e > 0 and tokens[e - 1].word in HONORIFICS and _gap_is_space(text, tokens[e - 1].full_end, start):
            start = tokens[e - 1].start
            e -= 1
        if e > 0 and could_end_role(tokens[e - 1]) and _gap_is_space(text, tokens[e - 1].full_end, start):
            for s in range(max(0, e - 9), e):
                parsed = parse_role(text, tokens, s, org_at)
                if parsed is not None and parsed[1] == e:
                    found.append((person, parsed[0]))
                    break
        a = bisect.bisect_left(starts, end)
        if a < len(tokens) and text[end : tokens[a].start].strip() == ",":  # "Ned Price, the spokesman,"
            first = a + 1 if tokens[a].word in {"the", "a", "an"} else a
            parsed = parse_role(text, tokens, first, org_at) if first < len(tokens) else None
            if parsed is not None:
                after = text[tokens[parsed[1] - 1].full_end :].lstrip(" ")
                if not after or after[0] in ",.;:)\n":
                    found.append((person, parsed[0]))
                    appositions.add(tokens[a].start)
    return found, appositions


def _describe(doc: _Text, holders: list[tuple[int, Role]], appositions: set[int]) -> list[tuple[int, int, int]]:
    """Return (start, end, person cluster) of descriptions that fit exactly one office holder."""
    text, tokens = doc.text, doc.tokens
    out: list[tuple[int, int, int]] = []

    def org_at(j: int) -> bool:
        return j in doc.org_tokens

    for i, tok in enumerate(tokens):
        if tok.word == "the" and i + 1 < len(tokens) and _gap_is_space(text, tok.full_end, tokens[i + 1].start):
            first = i + 1
        elif tok.full_end != tok.end and tok.capital and fold(tok.word) in PLACES:
            first = i  # "Russia's top diplomat"
        else:
            continue
        if tok.start in appositions:
            continue
        parsed = parse_role(text, tokens, first, org_at)
        if parsed is None:
            continue
        role, nxt = parsed
        start, end = tokens[first].start, tokens[nxt - 1].end
        if nxt < len(tokens) and tokens[nxt].capital and _gap_is_space(text, tokens[nxt - 1].full_end,
                                                                         tokens[nxt].start):
            continue  # a title before a name ("the Secretary of State Antony Blinken")
        k = bisect.bisect_left(doc.name_spans, (end, end))
        if any(s < end and e > start for s, e in doc.name_spans[max(0, k - 3) : k + 1]):
            continue
        fit = sorted({person for person, title in holders if role_matches(role, title)})
        if len(fit) == 1:
            out.append((start, end, fit[0]))
    return out


def resolve_entities(articles: Sequence[AnalyzedArticle]) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Resolve the entities of a story's articles into story-level entities.

    Args:
        articles: The analyzed articles of one story, in story order.

    Returns:
        ``(entities, local_to_global)``: the story-level entities, ids ``E1``, ``E2``, ... in
        order of first name mention (article order, then text order), each with its fullest
        most frequent name, the vote of its type, its sorted name variants and every mention
        from every article (plus role descriptions, see the module docstring) with
        ``entity_id`` set to the story-level id and spans into each article's own text; and a
        map from every article-level entity id to its story-level id.
    """
    # A Cyrillic name's words the alias table knows are read in their English spelling («Уилан» → Whelan);
    # the rest is transliterated by name_words.
    items: list[_Item] = []
    for n, aa in enumerate(articles):
        for e in aa.entities:
            name = with_table_words(e.name) if has_cyrillic(e.name) else e.name
            forms = person_forms(name) if e.type == "PERSON" else (name_words(name),)
            items.append(_Item(n, e, forms))
    _join_double_surnames(items)
    people, rest = _people(items)
    clusters = people + _others(items, rest)
    person_clusters = len(people)

    def first_mention(members: list[int]) -> tuple[int, int, int]:
        return min((items[i].art, min((m.span.start for m in items[i].entity.mentions), default=0), i)
                   for i in members)

    order = sorted(range(len(clusters)), key=lambda c: first_mention(clusters[c]))
    story_id = {c: f"E{n}" for n, c in enumerate(order, start=1)}
    local_to_global = {items[i].entity.id: story_id[c] for c, members in enumerate(clusters) for i in members}

    person_of = {items[i].entity.id: c for c in range(person_clusters) for i in clusters[c]}
    docs = [_prepare(aa, person_of) for aa in articles]
    holders: list[tuple[int, Role]] = []
    appositions: list[set[int]] = []
    for doc in docs:
        found, appos = _learn_titles(doc)
        for holder in found:
            if holder not in holders:
                holders.append(holder)
        appositions.append(appos)
    roles: dict[int, list[tuple[int, int, int]]] = {}  # cluster -> (article index, start, end)
    if holders:
        for n, doc in enumerate(docs):
            for start, end, person in _describe(doc, holders, appositions[n]):
                roles.setdefault(person, []).append((n, start, end))

    # Name mentions first: a role description never takes a span that is some entity's name.
    taken = {(men.span.article_id, men.span.start, men.span.end) for it in items for men in it.entity.mentions}
    rank: dict[str, int] = {}
    for n, aa in enumerate(articles):
        rank.setdefault(aa.article.id, n)  # the same text twice is one article
    entities: list[Entity] = []
    for c in order:
        members = [items[i] for i in clusters[c]]
        etype = _cluster_type(members)
        eid = story_id[c]
        spans = {(rank[men.span.article_id], men.span.start, men.span.end): men.span
                 for m in members for men in m.entity.mentions}
        for n, start, end in roles.get(c, []):
            span = articles[n].article.span(start, end)
            if (span.article_id, start, end) not in taken:
                taken.add((span.article_id, start, end))
                spans[(rank[span.article_id], start, end)] = span
        mentions = tuple(Mention(span=spans[k], type=etype, entity_id=eid) for k in sorted(spans))
        variants = sorted({v for m in members for v in m.entity.variants})
        entities.append(Entity(id=eid, name=_cluster_name(members, etype), type=etype,
                               variants=tuple(variants), mentions=mentions))
    return tuple(entities), local_to_global
