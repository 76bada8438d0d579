"""Traces of translation from Russian in an English text: the ``translation_artifact`` finder.

Three kinds, each read off the text itself:

1. **Fragments**: words in another script left in an English text, bracketed («[будут]», as
   machine translation leaves a word it could not place) or mixed into a Latin word («Kиев»).
2. **Back-transliterated names**: a person's name that a text translated from Russian spells
   otherwise than the other outlets, in a way a round trip through Cyrillic explains: «Энтони
   Блинкен» comes back as "Anthony Blinken" where the others write "Antony Blinken" (see
   :func:`round_trip_alike`). Reported here and no longer as a ``name_variant``.
3. **Calques**: set phrases of the Russian press rendered word for word ("the head of Russian
   diplomacy" for the foreign minister), from the small versioned table
   ``lexicons/calques_ru.tsv``.

Names and calques need *evidence* that the text is a translation from Russian
(:func:`translation_evidence`): an untranslated Cyrillic fragment, or a page served through a
machine-translation proxy from Russian. Without it a respelling is a plain ``name_variant`` and
a phrase is English as the outlet wrote it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from newsprism.comparison._names import fold
from newsprism.model import AnalyzedArticle, Article, Finding

if TYPE_CHECKING:
    from newsprism.comparison.findings import FindingContext

__all__ = ["BackTransliteration", "Calque", "back_transliterations", "calques", "explained_spellings",
           "has_foreign_script", "round_trip_alike", "translation_artifacts", "translation_evidence"]

_FOREIGN_SCRIPTS = ("CYRILLIC", "ARABIC", "HEBREW", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "DEVANAGARI",
                    "THAI", "GEORGIAN", "ARMENIAN", "GREEK")
_WORDLIKE = re.compile(r"\[[^\]\n]{1,60}\]|\w+(?:[-'’]\w+)*")


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    return next((s for s in _FOREIGN_SCRIPTS if name.startswith(s)), "LATIN" if name.startswith("LATIN") else None)


@dataclass(frozen=True, slots=True)
class _Fragment:
    start: int
    end: int
    text: str
    kind: str  # "untranslated fragment" | "mixed-script word"
    script: str  # "Cyrillic", "Arabic/Cyrillic", ...


# A name's own spelling in brackets after it: "Chen Wei-lin (陳維林)", "Kyiv (Київ)". Outlets add
# it on purpose; it is no word a translation left behind.
_GLOSS = re.compile(r"\(([^()\[\]\n]{1,40})\)")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.'’-]* ?$")


def _glosses(text: str) -> list[tuple[int, int]]:
    """Spans of brackets holding only another script's words, right after a capitalised word."""
    return [m.span() for m in _GLOSS.finditer(text)
            if not re.search(r"[A-Za-z]", m.group(1)) and any(not c.isascii() and c.isalpha() for c in m.group(1))
            and _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())]


@functools.lru_cache(maxsize=256)
def _fragments(text: str) -> tuple[_Fragment, ...]:
    out = []
    glosses = _glosses(text) if not text.isascii() else []
    for m in _WORDLIKE.finditer(text):
        if m.group().isascii():
            continue  # ASCII is Latin script: only other words need the per-character lookup
        if any(s <= m.start() < e for s, e in glosses):
            continue
        scripts = {s for s in map(_script, m.group()) if s}
        foreign = scripts - {"LATIN"}
        # A lone Greek letter is usually a symbol (a variant name, an angle), not a fragment.
        if not foreign or (foreign == {"GREEK"} and len(m.group().strip("[]")) <= 2):
            continue
        kind = "mixed-script word" if "LATIN" in scripts else "untranslated fragment"
        out.append(_Fragment(m.start(), m.end(), m.group(), kind, "/".join(sorted(s.title() for s in foreign))))
    return tuple(out)


def has_foreign_script(article: Article) -> bool:
    """Whether an English text holds a word in another script (a sign of machine translation).

    Greek letters alone do not count: a variant's or an angle's name is no fragment.
    """
    return article.language == "en" and not article.text.isascii() and any(
        set(f.script.split("/")) - {"Greek"} for f in _fragments(article.text))


def translation_evidence(aa: AnalyzedArticle) -> tuple[str, ...]:
    """Why an English article reads as a translation from Russian (empty: no evidence).

    Only what the text or its address shows: a Cyrillic word left in it (untranslated or mixed
    into a Latin word), or a URL of a machine-translation proxy that translated it from Russian
    (a ``*.translate.goog`` page with ``_x_tr_sl=ru``). A respelled name or a calque is not
    evidence by itself: those are what the evidence lets us read as translation.
    """
    art = aa.article
    if art.language != "en":
        return ()
    reasons = [f'Cyrillic "{f.text}" left in the text' for f in _fragments(art.text) if "Cyrillic" in f.script]
    if art.url:
        parts = urlsplit(art.url)
        if parts.hostname and parts.hostname.endswith(".translate.goog") \
                and parse_qs(parts.query).get("_x_tr_sl", [""])[0] == "ru":
            reasons.append("served by a machine-translation proxy from Russian")
    return tuple(dict.fromkeys(reasons))


# --- back-transliterated names ---------------------------------------------------------------

# English spellings and the Latin letters a Russian transcription of them comes back as, applied
# in this order to a folded word: «Дж» is romanised "dzh" for an English j ("Dzhon", John); «У» is
# what Russian writes for an English w ("Uilson", Wilson); kh, ch, sh, zh are single Russian
# letters (kept apart from the c and h rules); th and ph are «т» and «ф» (Энтони, Филип); Russian
# has only «к» for a hard c, ck or q, «с» for a soft c, «кс» for x, «кв» for qu; an h is usually
# lost («Джонсон», Johnson; Mikhail / Mihail); a word-initial ye is «Е» (Yevgeny / Evgeny). Then y
# and i are one letter, a word-final -ey/-ie/-ee/-ii is «-и», a doubled letter is one (Zelenskyy /
# Zelenskiy / Zelensky, Borrell / Borrel).
_ROUND_TRIP = (
    (r"dzh", "J"), (r"wh|w", "u"), (r"j", "J"), (r"ck", "k"), (r"kh", "h"), (r"ch", "C"), (r"sh", "S"),
    (r"zh", "Z"), (r"th", "t"), (r"ph", "f"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"x", "ks"), (r"qu", "kv"),
    (r"q", "k"), (r"h", ""), (r"^ye", "e"), (r"y", "i"), (r"(?:ei|ie|ee|ii)$", "i"),
)  # fmt: skip


@functools.lru_cache(maxsize=8192)
def _round_trip_key(word: str) -> str:
    """The key of one name word that its trip through a Russian transcription does not change."""
    key = "".join(c for c in fold(word) if c.isalpha())
    for pattern, repl in _ROUND_TRIP:
        key = re.sub(pattern, repl, key)
    return re.sub(r"(.)\1+", r"\1", key)


_CYR_FOLD = str.maketrans({"э": "е", "ё": "е", "ы": "и", "й": "и", "ь": "", "ъ": ""})


@functools.lru_cache(maxsize=8192)
def _cyrillic_key(word: str) -> str:
    """The Cyrillic form cyrtranslit gives a Latin word, the letters transcriptions swap folded."""
    from newsprism.comparison._translit import to_cyrillic

    return re.sub(r"(.)\1+", r"\1", to_cyrillic(word).lower().translate(_CYR_FOLD))


def round_trip_alike(a: str, b: str) -> bool:
    """Whether two spellings of a name word are one Russian spelling brought back to Latin letters.

    True when their round-trip keys are equal (see ``_ROUND_TRIP``: "Anthony" / "Antony",
    "Zelenskyy" / "Zelensky", "Dzhon" / "John", "Catherine" / "Katherine") or when
    cyrtranslit writes both the same in Cyrillic, up to the letters Russian transcriptions swap
    (э/е, ы/и/й, a doubled letter).
    """
    if a.casefold() == b.casefold():
        return True
    return _round_trip_key(a) == _round_trip_key(b) or _cyrillic_key(a) == _cyrillic_key(b)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s.]+", name) if w]


def _round_trip_pair(odd: str, usual: str) -> bool:
    """Whether a full name differs from another only where a round trip through Cyrillic explains it."""
    a, b = _words(odd), _words(usual)
    if len(a) != len(b) or a == b:
        return False
    return all(round_trip_alike(x, y) for x, y in zip(a, b, strict=True))


@dataclass(frozen=True, slots=True)
class BackTransliteration:
    """A person's name a translated article spells as a round trip through Cyrillic gives it.

    Attributes:
        entity_id: The story-level entity.
        spelling: The translated article's spelling ("Anthony Blinken").
        usual: The spelling the other outlets use ("Antony Blinken").
        article_ids: The articles with the translated spelling (each with translation evidence).
        usual_ids: The articles that write ``usual``.
    """

    entity_id: str
    spelling: str
    usual: str
    article_ids: tuple[str, ...]
    usual_ids: tuple[str, ...]


def back_transliterations(ctx: FindingContext) -> list[BackTransliteration]:
    """The back-transliterated person names of a story (see the module docstring).

    A spelling counts when every article writing it has translation evidence, at least one
    article without evidence writes the entity's name another way, and the two full names
    differ only in words :func:`round_trip_alike` holds alike. The usual spelling is the one most
    of the articles without evidence write.
    """
    translated = {aa.article.id for aa in ctx.articles if translation_evidence(aa)}
    if not translated:
        return []
    out = []
    for ent in ctx.entities:
        if ent.type != "PERSON":
            continue
        by_form: dict[str, set[str]] = defaultdict(set)
        for m in ent.mentions:
            if len(_words(m.span.text)) >= 2:
                by_form[m.span.text].add(m.span.article_id)
        untranslated = Counter({f: len(ids - translated) for f, ids in by_form.items() if ids - translated})
        for form, ids in sorted(by_form.items()):
            if ids - translated:
                continue
            usual = next((u for u, _ in untranslated.most_common() if _round_trip_pair(form, u)), None)
            if usual is not None:
                out.append(BackTransliteration(ent.id, form, usual, tuple(sorted(ids)),
                                               tuple(sorted(by_form[usual] - translated))))
    return out


# --- calques -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Calque:
    """One entry of the calque table: a word-for-word rendering of a Russian set phrase.

    Attributes:
        pattern: The English words as machine translation gives them (a regular expression).
        russian: The Russian phrase it renders.
        english: What English news writes for it.
        note: Why it reads as a translation.
        source: Where the Russian usage and the English equivalent are attested.
    """

    pattern: re.Pattern[str]
    russian: str
    english: str
    note: str
    source: str


@functools.cache
def calques() -> tuple[str, tuple[Calque, ...]]:
    """The shipped calque table (``lexicons/calques_ru.tsv``): its version and entries."""
    text = resources.files("newsprism.lexicons").joinpath("calques_ru.tsv").read_text(encoding="utf-8")
    version, rows = "", []
    for line in text.splitlines():
        if line.startswith("#"):
            m = re.match(r"#\s*version:\s*(\S+)", line)
            version = version or (m.group(1) if m else "")
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 5 or cols[0] == "pattern":
            continue
        rows.append(Calque(re.compile(rf"\b(?:{cols[0]})\b", re.IGNORECASE), *cols[1:5]))
    return version, tuple(rows)


# --- the finder -------------------------------------------------------------------------------------


def translation_artifacts(ctx: FindingContext) -> list[Finding]:
    """Fragments in another script, back-transliterated names and calques (see the module docstring).

    ``data``: ``fragment`` (as written), ``script``, ``kind`` (``untranslated fragment``,
    ``mixed-script word``, ``back-transliterated name`` or ``calque``), ``bracketed``; a name adds
    ``usual`` (the other outlets' spelling), ``entity_id`` and ``evidence`` (why the text reads as
    a translation); a calque adds ``usual`` (the English equivalent), ``russian`` and ``evidence``.
    """
    out = []
    for aa in ctx.articles:
        art = aa.article
        if art.language != "en":
            continue
        for f in _fragments(art.text):
            bracketed = f.text.startswith("[")
            out.append(Finding(
                "", "translation_artifact", "warning",
                f'{ctx.outlet(art.id)}: {f.kind} in {f.script} script "{f.text}" in an English text'
                + (" (left in brackets, as machine translation does)" if bracketed else "") + ".",
                (art.id,), (art.span(f.start, f.end),),
                {"fragment": f.text, "script": f.script, "kind": f.kind, "bracketed": bracketed},
            ))
    out += _name_findings(ctx)
    out += _calque_findings(ctx)
    return out


def _name_findings(ctx: FindingContext) -> list[Finding]:
    out = []
    for bt in back_transliterations(ctx):
        spans = [m.span for m in ctx.entity[bt.entity_id].mentions if m.span.text in (bt.spelling, bt.usual)]
        first = {text: next(s for s in spans if s.text == text) for text in (bt.spelling, bt.usual)}
        why = sorted({r for a in bt.article_ids for r in translation_evidence(ctx.article[a])})
        others = ", ".join(ctx.outlet(a) for a in bt.usual_ids)
        out.append(Finding(
            "", "translation_artifact", "warning",
            f'{", ".join(ctx.outlet(a) for a in bt.article_ids)}: "{bt.spelling}" is spelled as a '
            f'back-transliteration from Russian; other outlets write "{bt.usual}" ({others}). '
            f"The text reads as a translation: {'; '.join(why)}.",
            tuple(sorted({*bt.article_ids, *bt.usual_ids})), (first[bt.spelling], first[bt.usual]),
            {"fragment": bt.spelling, "script": "Latin", "kind": "back-transliterated name", "bracketed": False,
             "usual": bt.usual, "entity_id": bt.entity_id, "evidence": why},
        ))
    return out


def _calque_findings(ctx: FindingContext) -> list[Finding]:
    out = []
    _, table = calques()
    for aa in ctx.articles:
        why = list(translation_evidence(aa))
        if not why:
            continue
        art = aa.article
        for entry in table:
            for m in entry.pattern.finditer(art.text):
                out.append(Finding(
                    "", "translation_artifact", "warning",
                    f'{ctx.outlet(art.id)}: "{m.group()}" is a word-for-word rendering of the Russian '
                    f"«{entry.russian}»; English news writes {entry.english}. The text reads as a translation: "
                    f"{'; '.join(why)}.",
                    (art.id,), (art.span(m.start(), m.end()),),
                    {"fragment": m.group(), "script": "Latin", "kind": "calque", "bracketed": False,
                     "usual": entry.english, "russian": entry.russian, "evidence": why},
                ))
    return sorted(out, key=lambda f: (f.article_ids, f.evidence[0].start))


def explained_spellings(found: Sequence[BackTransliteration]) -> dict[str, set[str]]:
    """Entity id -> the spellings a back-transliteration finding already explains (for ``name_variant``)."""
    out: dict[str, set[str]] = defaultdict(set)
    for bt in found:
        out[bt.entity_id].add(bt.spelling)
    return out
