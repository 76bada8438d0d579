"""Named entities of one article: people, organisations and places, grouped by referent.

spaCy's ``en_core_web_sm`` finds the entity spans; this module cleans them and groups the
mentions of one referent into one :class:`~newsprism.model.Entity`. The cascade:

1. **Keep** the labels that name things (PERSON, ORG, GPE, LOC, NORP, FAC); dates, numbers
   and the rest belong to other analyzers.
2. **Clean** each span: split at ``/`` and line breaks (photo credits run two names together),
   trim punctuation and quote marks, a trailing possessive (``Russia's`` → ``Russia``) and a
   leading article (``the Kremlin`` → ``Kremlin``: mention spans never include the determiner,
   so the same name reads the same in every outlet), and for PERSON a leading title
   (``Secretary of State Antony Blinken`` → ``Antony Blinken``). An ORG that is only the
   department of a title (``State`` in ``Secretary of State``) is dropped, and so is a lone
   body noun before a role (``Party`` in ``Party chief``); a dateline's place is a GPE and its
   agency, like a credit in brackets after a name, an ORG (:mod:`._entity_context`).
3. **People**: multi-word PERSON mentions are full names (an ORG span made of an honorific and
   a name, "Bishop Daniel Jenky", counts as PERSON); full names with the same surname and a
   near-identical first name (``Antony``/``Anthony``) are one person. A one-word mention of any
   label that equals a surname joins that person (spaCy often labels a lone surname ORG or GPE),
   unless it is a known place; a surname shared by two people goes to the one named in the same
   sentence before it, else to the one introduced first. A lone first name joins the one person
   who has it. A headline span that runs a surname into the next word (``Blinken Holds``) is cut
   after the surname.
4. **Everything else** groups by a normalised key: case, dots and ``the`` ignored, common
   country abbreviations mapped to one name (``US``/``U.S.``/``the United States``), plural
   demonyms singular (``Russians``/``Russian``); a shorter ORG joins a longer one that only adds
   a country in front (``State Department`` → ``US State Department``), an acronym joins the one
   ORG whose initials it spells.
5. **Type** by vote: an entity with a full PERSON name is a PERSON, a known place is a GPE
   (spaCy sometimes calls ``Kyiv`` a person), otherwise the majority label. Every mention
   carries its entity's corrected type.

The grouping (steps 3 to 5, all but the cut of run-on surnames) lives in
:mod:`newsprism.analysis._entity_groups`. Cross-article resolution (``Antony``/``Энтони Блинкен``)
is the compare stage's job.
"""

from __future__ import annotations

from typing import Any

from newsprism._name_tables import ALIASES, DEPARTMENTS, NAME_SUFFIXES, PLACES, norm_key
from newsprism._name_tables import fold_case as _fold
from newsprism.analysis._entity_context import Context, relabel
from newsprism.analysis._entity_groups import CONNECTORS as _CONNECTORS
from newsprism.analysis._entity_groups import Raw as _Raw
from newsprism.analysis._entity_groups import entity_name as _entity_name
from newsprism.analysis._entity_groups import entity_type as _entity_type
from newsprism.analysis._entity_groups import group as _group
from newsprism.analysis._entity_groups import name_words as _name_words
from newsprism.analysis._entity_groups import word as _word
from newsprism.analysis.nlp import english_verbs
from newsprism.model import Article, Entity, Mention

__all__ = ["KEPT_LABELS", "find_entities", "person_for_surname"]


def _wordset(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})

# Words that start a PERSON span without being part of the name (compared lower-case, no dots).
_TITLE_WORDS = DEPARTMENTS | _wordset(
    """
    president vice prime minister secretary deputy senator sen rep representative congressman congresswoman governor
    gov mayor dr mr mrs ms miss sir dame lord lady general gen lt col colonel major maj capt captain admiral adm sgt
    sergeant commander chancellor king queen prince princess pope patriarch cardinal bishop rev father sheikh emir
    ambassador envoy spokesman spokeswoman spokesperson chief director judge attorney former late ex premier
    chairman chairwoman chair ceo head leader official diplomat speaker
    """
)
# Descriptions a capital at the start of a sentence joins to a name: "Opponent Hou conceded",
# "Rescuer Ahmed Ali said" (spaCy tags them NNP there and puts them in the PERSON span).
_DESCRIPTIONS = _wordset(
    """
    opponent rival challenger incumbent candidate nominee rescuer survivor witness resident victim neighbour
    neighbor activist lawyer farmer driver pilot passenger student teacher doctor nurse officer soldier veteran
    protester demonstrator spokesperson analyst expert economist coach striker defender goalkeeper midfielder
    """
)
# Units named after people that spaCy tags as names ("-4 degrees Fahrenheit" as a PERSON).
_UNIT_NAMES = _wordset("fahrenheit celsius centigrade kelvin richter")
# Titles that only ever precede a person's name (so an ORG span starting with one is a person).
_HONORIFICS = _wordset("mr mrs ms miss dr sen senator rep bishop president gov governor mayor judge rev")
# Tags of a sentence's first word that no name's first word has ("Conceding", "Defiant" read as
# common words: the tagger reads a capital inside a sentence as a name, not at its start).
_NOT_NAME_TAGS = frozenset({"VBG", "VBN", "VBD", "VBZ", "VBP", "JJ", "JJR", "JJS", "RB", "IN", "DT"})


def _is_junk(token: Any) -> bool:
    """Tell whether a token at a span edge is punctuation, a possessive or a space."""
    return bool(token.is_punct or token.is_space or token.tag_ == "POS" or _fold(token.text) in {"'s", "'"})


def _participle(word: str) -> bool:
    """Whether a word is the -ing or -ed form of a known verb ("conceding", "defeated").

    The tagger reads a capitalised participle opening a sentence as a name (NNP).
    """
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            stem = word[: -len(suffix)]
            forms = {stem, stem + "e"} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())
            return bool(forms & english_verbs())
    return False


def _strip_title(tokens: list[Any]) -> list[Any]:
    """Drop a leading title from a PERSON span ("Foreign Minister Sergei Lavrov" -> "Sergei Lavrov")."""
    last_title = -1
    for i, tok in enumerate(tokens):
        if _word(tok.text) in _TITLE_WORDS or (i == 0 and len(tokens) > 1 and _word(tok.text) in _DESCRIPTIONS):
            last_title = i
    # A verb or adjective opening the sentence is not the name's first word ("Conceding Hou said").
    while last_title < 0 and len(tokens) > 1 and tokens[0].is_sent_start and (
            tokens[0].tag_ in _NOT_NAME_TAGS or (tokens[0].doc.lang_ == "en" and _participle(tokens[0].lower_))):
        tokens = tokens[1:]
    if last_title < 0:
        # Lower-case words before a name are descriptions ("basketball star"), not the name.
        cut = 0
        while cut < len(tokens) - 1 and tokens[cut].text[:1].islower():
            cut += 1
        return tokens[cut:]
    cut = last_title + 1
    if cut < len(tokens) and _word(tokens[cut].text) in {"of", "for"}:
        # "President of Ukraine Volodymyr Zelensky": skip the office's country or department.
        cut += 1
        while cut < len(tokens) - 1 and (
            norm_key(tokens[cut].text) in PLACES or _word(tokens[cut].text) in _TITLE_WORDS | _CONNECTORS
        ):
            cut += 1
    return tokens[cut:] if cut < len(tokens) else []


def _pieces(ent: Any) -> list[list[Any]]:
    """Split an entity span at ``/`` and line breaks into runs of tokens."""
    runs: list[list[Any]] = [[]]
    for tok in ent:
        if tok.text == "/" or (tok.is_space and "\n" in tok.text):
            runs.append([])
        else:
            runs[-1].append(tok)
    return [run for run in runs if run]


def _clean(tokens: list[Any], label: str) -> list[Any]:
    """Trim edge punctuation, possessives, leading ``the``/adjectives and (for PERSON) a title."""
    while tokens and (
        _is_junk(tokens[0])
        or _word(tokens[0].text) == "the"
        or (tokens[0].is_lower and tokens[0].pos_ in {"ADJ", "DET", "ADV"})  # "last Democratic Party"
    ):
        tokens = tokens[1:]
    while tokens and _is_junk(tokens[-1]):
        tokens = tokens[:-1]
    if tokens and label == "PERSON":
        tokens = _strip_title(tokens)
        while tokens and _is_junk(tokens[0]):
            tokens = tokens[1:]
    return tokens


def _make_raw(tokens: list[Any], label: str, text: str) -> _Raw:
    """Build a :class:`_Raw` from a non-empty run of tokens."""
    char_start = tokens[0].idx
    char_end = tokens[-1].idx + len(tokens[-1].text)
    return _Raw(
        start=tokens[0].i,
        end=tokens[-1].i + 1,
        label=label,
        words=tuple(t.text for t in tokens if not t.is_punct),
        text=text[char_start:char_end],
        char_start=char_start,
        char_end=char_end,
    )


def _is_title_fragment(doc: Any, tokens: list[Any]) -> bool:
    """Tell whether a span is only the department of a title ("State" in "Secretary of State").

    Only department words count, so "Pentagon" in "Pentagon spokesman" stays an ORG.
    """
    if not all(_word(t.text) in DEPARTMENTS for t in tokens):
        return False
    i, end = tokens[0].i, tokens[-1].i + 1
    if end < len(doc) and _word(doc[end].text) in _TITLE_WORDS - DEPARTMENTS:
        return True  # "Finance Minister"
    return i >= 2 and _word(doc[i - 1].text) in {"of", "for"} and _word(doc[i - 2].text) in _TITLE_WORDS


def _is_honorific_name(tokens: list[Any]) -> bool:
    """Tell whether a span is an honorific and a name ("Mrs. Kowalska", "Bishop Daniel Jenky")."""
    return (
        2 <= len(tokens) <= 4
        and _word(tokens[0].text) in _HONORIFICS
        and all(t.text[:1].isupper() and t.text.replace(".", "").isalpha() for t in tokens[1:])
    )


def _common_noun_opening(token: Any, inside: set[str], lower: set[str]) -> bool:
    """Whether a one-word PERSON is a common noun opening its sentence ("Turnout was 71.9 percent").

    The tagger calls it a common noun (NN), or the text writes the word in lower case elsewhere
    (the tagger reads a capital as a name, at a sentence's start too: "turnout was high" later),
    and never with a capital inside a sentence, as it would a name ("Trump" may open a sentence
    tagged NN: it is "Trump" elsewhere). ``lower``: the text's lower-case words.
    """
    return bool(token.is_sent_start) and token.text not in inside and (
        token.tag_ in ("NN", "NNS") or token.lower_ in lower)


def _raw_mentions(doc: Any, text: str, context: Context) -> list[_Raw]:
    """Return the cleaned mentions of the kept labels, in text order (``text`` is ``doc.text``)."""
    raws: list[_Raw] = []
    # Words a name may be: written with a capital inside a sentence, or in a longer name ("Maria
    # waved" after "Maria Kowalska").
    inside = {t.text for t in doc if not t.is_sent_start and t.text[:1].isupper()}
    inside.update(t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent)
    lower = {t.text for t in doc if t.is_lower}
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        for run in _pieces(ent):
            label = ent.label_
            tokens = _clean(run, label)
            if label != "PERSON" and _is_honorific_name(tokens):
                label = "PERSON"  # spaCy reads "Bishop Daniel Jenky" as an ORG
                tokens = _clean(tokens, label)
            if not tokens or not any(c.isalpha() for t in tokens for c in t.text):
                continue
            if len(tokens) == 1 and _word(tokens[0].text) in _UNIT_NAMES:
                continue
            if label == "PERSON" and len(tokens) == 1 and _common_noun_opening(tokens[0], inside, lower):
                continue
            if _is_title_fragment(doc, tokens):
                continue
            if label == "PERSON":
                tokens = _with_name_tail(doc, tokens)
            else:
                office = _office_and_holder(tokens)
                if office is not None:  # "National Assembly Speaker Woo Won Shik" read as one ORG
                    body, tokens, label = office[0], office[1], "PERSON"
                    if body:
                        raws.append(_make_raw(body, "ORG", text))
            tokens, label = _whole_alias(doc, tokens, label)
            relabelled = relabel(doc, tokens, label, context)
            if relabelled is None:
                continue
            raws.append(_make_raw(tokens, relabelled, text))
    return _with_missed_aliases(doc, text, raws)


# Words that end a body's name, never a person's; and ranks that open company names ("General Motors").
_BODY_WORDS = frozenset(
    """administration government office campaign company corporation group party committee council ministry
    department agency bank fund foundation institute university college school hospital court team club""".split())
_TRADE_NAME_ROLES = frozenset("general major captain admiral lord lady sir dame".split())


def _with_name_tail(doc: Any, tokens: list[Any]) -> list[Any]:
    """Extend a name cut one word short ("Yoon Suk" + "Yeol"): the parse hangs the span on that word.

    The next token is a capitalised proper noun outside every entity and the span's last word is
    its compound, so the tagger's span simply stopped early.
    """
    end = tokens[-1].i + 1
    if len(tokens) > 3 or end >= len(doc):
        return tokens
    nxt = doc[end]
    if (nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.text.isalpha() and nxt.ent_iob_ == "O"
            and tokens[-1].whitespace_ and tokens[-1].dep_ == "compound" and tokens[-1].head.i == nxt.i
            and _word(nxt.text) not in _TITLE_WORDS | NAME_SUFFIXES):
        return [*tokens, nxt]
    return tokens


def _office_and_holder(tokens: list[Any]) -> tuple[list[Any], list[Any]] | None:
    """Split "National Assembly Speaker Woo Won Shik" (one ORG to spaCy) into the body and the person.

    A role word inside the span followed by two to four capitalised words is an office and its
    holder's full name; the words before the role are the body (none when they only say which
    department: "Foreign Minister ...").
    """
    roles = [k for k, t in enumerate(tokens) if _word(t.text) in _TITLE_WORDS - DEPARTMENTS and t.text[:1].isupper()]
    if not roles:
        return None
    k = roles[-1]
    name = tokens[k + 1 :]
    if not 2 <= len(name) <= 4 or not all(t.text[:1].isupper() and t.text.replace("-", "").isalpha() for t in name):
        return None
    if any(_word(t.text) in _BODY_WORDS for t in name) or (k == 0 and _word(tokens[0].text) in _TRADE_NAME_ROLES):
        return None  # "President Biden Administration", "General Electric Company": a body's name
    body = tokens[: roles[0]]
    if all(_word(t.text) in DEPARTMENTS | _TITLE_WORDS for t in body):
        body = []
    return body, name


def _whole_alias(doc: Any, tokens: list[Any], label: str) -> tuple[list[Any], str]:
    """Extend a span cut short of a known name ("Islamic" + "State group", "European" + "Union").

    spaCy reads "The Islamic State group" as the nationality word "Islamic": when the span and
    the next one or two words are a name the alias table knows, the mention is the whole name.
    """
    end = tokens[-1].i + 1
    for extra in (2, 1):
        if end + extra > len(doc) or not all(t.text[:1].isupper() or t.lower_ == "group"
                                             for t in doc[end : end + extra]):
            continue
        known = ALIASES.get(norm_key(doc[tokens[0].i : end + extra].text))
        if known is not None:
            return [*tokens, *doc[end : end + extra]], known[1]
    return tokens, label


# Aliases the small NER model misses entirely ("Daesh fighters"): organisations' names and
# acronyms of four letters or more, matched as capitalised words outside any other mention.
_ORG_ALIASES = {key: v for key, v in ALIASES.items() if v[1] == "ORG" and len(key) >= 4 and " " not in key}


def _with_missed_aliases(doc: Any, text: str, raws: list[_Raw]) -> list[_Raw]:
    taken = {i for r in raws for i in range(r.start, r.end)}
    missed = [_make_raw([t], "ORG", text) for t in doc
              if t.i not in taken and t.text[:1].isupper() and norm_key(t.text) in _ORG_ALIASES]
    return sorted([*raws, *missed], key=lambda r: r.start) if missed else raws



def _in_title_line(text: str, raw: _Raw) -> bool:
    """Tell whether a mention sits in a headline-like line (most words capitalised, no full stop)."""
    start = text.rfind("\n", 0, raw.char_start) + 1
    end = text.find("\n", raw.char_end)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = [w for w in line.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 3 and capitalised >= 0.6 * len(words) and not line.endswith((".", ":"))


def _cut_run_on_surnames(raws: list[_Raw], doc: Any, text: str) -> None:
    """Cut spans like "Blinken Holds" after a surname that full PERSON names end with.

    PERSON spans are cut anywhere; spans of other labels only in headline-like lines, where
    spaCy reads capitalised verbs and nouns as names ("Kowalska Holds Talks" as an ORG), so
    that "Kowalska Foundation" in running text stays whole.
    """
    full = [r for r in raws if r.label == "PERSON" and len(_name_words(r)) >= 2]
    runs = full + [r for r in raws if r.label != "PERSON" and len(_name_words(r)) >= 2 and _in_title_line(text, r)]
    for raw in runs:
        words = _name_words(raw)
        others = [_name_words(o) for o in full if _name_words(o) != words]
        surnames = {o[-1] for o in others}
        known = {w for o in others for w in o}
        tokens = [t for t in doc[raw.start : raw.end] if not t.is_punct and _word(t.text) not in NAME_SUFFIXES]
        for k in range(len(words) - 1):
            glued = not tokens[k].whitespace_ and tokens[k].nbor(1).text == "-"  # "Wen" of "Ko Wen-je"
            if words[k] in surnames and not glued and not any(w in known for w in words[k + 1 :]):
                cut = _make_raw(tokens[: k + 1], raw.label, text)
                raw.end, raw.words, raw.text, raw.char_end = cut.end, cut.words, cut.text, cut.char_end
                break


def find_entities(article: Article, doc: Any) -> tuple[Entity, ...]:
    """Find the people, organisations and places of one article, grouped by referent.

    Args:
        article: The article; every span points into ``article.text``.
        doc: The spaCy ``Doc`` of ``article.text`` from :func:`newsprism.analysis.nlp.english`.

    Returns:
        Entities ordered by first mention, with ids ``"<article id>:e<n>"`` (``n`` from 1). Each
        entity's ``name`` is its fullest form, ``variants`` its distinct surface forms (sorted),
        and its mentions (in text order) carry the entity's corrected type.

    Raises:
        ValueError: If ``doc`` is not a parse of ``article.text``.
    """
    if doc.text != article.text:
        raise ValueError(f"article {article.id}: the spaCy Doc is not a parse of the article text")
    # The helpers take article.text (equal to doc.text): Doc.text joins every token anew on each access.
    raws = _raw_mentions(doc, article.text, Context(article.text, article.agency))
    _cut_run_on_surnames(raws, doc, article.text)
    clusters = sorted(_group(raws, doc), key=lambda c: min(r.char_start for r in c))
    entities: list[Entity] = []
    for n, cluster in enumerate(clusters, start=1):
        entity_id = f"{article.id}:e{n}"
        etype = _entity_type(cluster)
        ordered = sorted(cluster, key=lambda r: r.char_start)
        mentions = tuple(
            Mention(span=article.span(r.char_start, r.char_end), type=etype, entity_id=entity_id) for r in ordered
        )
        entities.append(
            Entity(
                id=entity_id,
                name=_entity_name(ordered),
                type=etype,
                variants=tuple(sorted({r.text for r in ordered})),
                mentions=mentions,
            )
        )
    return tuple(entities)


def person_for_surname(entities: tuple[Entity, ...] | list[Entity], surname: str) -> str | None:
    """Return the id of the one PERSON entity whose name or variants end with ``surname``.

    Args:
        entities: Entities of one article (or of several, already resolved).
        surname: A surname as written ("Blinken"); case, dots and curly apostrophes are ignored.

    Returns:
        The entity id, or ``None`` when no PERSON or more than one PERSON has that surname.
    """
    wanted = norm_key(surname)
    if not wanted:
        return None
    found = [
        e.id
        for e in entities
        if e.type == "PERSON" and any(norm_key(v).split()[-1:] == [wanted] for v in (e.name, *e.variants))
    ]
    return found[0] if len(found) == 1 else None
