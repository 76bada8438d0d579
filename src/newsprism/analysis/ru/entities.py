"""Named entities of a Russian article from natasha's NER, names in the nominative.

natasha tags PER, ORG and LOC spans; each span is normalised to the nominative with its
morphology («Сергеем Лавровым» → «Сергей Лавров», «МИД России» stays as written). Grouping, as
in English: full names of people are one person per normal form; a lone surname («Лавров»)
joins the one person whose name ends with it, a lone first name the one person who has it;
organisations and places group by their lower-cased normal form. Types follow the English
labels (PER → PERSON, LOC → GPE) so that compare reads both alike. ``name`` is the longest
normal form; ``variants`` are the normal forms (never the inflected surface forms, which are
grammar, not spelling).
"""

from __future__ import annotations

import re
from typing import Any

from newsprism.model import Article, Entity, Mention

__all__ = ["find_entities_ru"]

_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


def _clean(text: str) -> str:
    return " ".join(text.strip(" «»\"'„“”.,:;—–-").split())


def _title_case(normal: str, surface: str) -> str:
    """Natasha lower-cases some normal forms)."""
    out = []
    for n, s in zip(normal.split(), surface.split(), strict=False):
        if s.isupper() and len(s) > 1:
            out.append(n.upper())
        elif s[:1].isupper():
            out.append(n[:1].upper() + n[1:])
        else:
            out.append(n)
    return " ".join(out) if len(out) == len(normal.split()) else normal


# What may stand between an organisation and the name that completes it: a space («ГУ МЧС», «МИД
# России»), or «по» and a space (a regional branch: «ГУ МВД по Пермскому краю», «УФСБ по Москве»).
_ORG_JOIN = re.compile(r" (?:по )?")


def _joined_organisations(text: str, raws: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Organisation names natasha tags in pieces, joined into one (abbreviations above all).

    natasha tags «ГУ МЧС» as two organisations and «МИД России» as an organisation and a place:
    an organisation followed, across one space, by another organisation, or by a place in the
    genitive («России», «РФ», «Якутии»: nothing else follows a Russian organisation's name with
    no word between), or by «по» and a place (a regional branch) is one organisation, as written.
    The pieces' own normal forms stay the grouping key of nothing: the whole is the mention.
    """
    out: list[tuple[int, int, str, str]] = []
    for raw in raws:
        if out and out[-1][2] == "ORG" and raw[2] in ("ORG", "GPE"):
            start, end, _, normal = out[-1]
            gap = text[end : raw[0]]
            if _ORG_JOIN.fullmatch(gap) and (raw[2] == "GPE" or gap == " "):
                out[-1] = (start, raw[1], "ORG", f"{normal}{gap}{_clean(text[raw[0] : raw[1]])}")
                continue
        out.append(raw)
    return out


def find_entities_ru(article: Article, doc: Any) -> tuple[Entity, ...]:
    """Group natasha's entity spans of one article into entities.

    Args:
        article: The article.
        doc: natasha's Doc of ``article.text``, NER-tagged.

    Returns:
        The entities in order of first mention, ids ``<article id>:e<n>``.
    """
    from newsprism.analysis.ru._natasha import models

    vocab = models().morph_vocab
    raws: list[tuple[int, int, str, str]] = []  # start, end, type, normal form
    for span in doc.spans or ():
        surface = article.text[span.start : span.stop]
        if not _clean(surface):
            continue
        try:
            span.normalize(vocab)
            normal = span.normal or surface
        except Exception:  # natasha's normaliser fails on odd tokens; the surface form will do
            normal = surface
        normal = _title_case(_clean(normal), _clean(surface)) or _clean(surface)
        raws.append((span.start, span.stop, _TYPES.get(span.type, span.type), normal))
    raws = _joined_organisations(article.text, sorted(raws))
    people: dict[str, list[int]] = {}
    for i, (_, _, t, normal) in enumerate(raws):
        if t == "PERSON" and len(normal.split()) >= 2:
            people.setdefault(normal.lower(), []).append(i)
    groups: dict[str, list[int]] = {k: list(v) for k, v in people.items()}
    for i, (_, _, t, normal) in enumerate(raws):
        key = normal.lower()
        if t == "PERSON" and len(normal.split()) >= 2:
            continue
        if len(normal.split()) == 1:
            last = [k for k in people if k.split()[-1] == key]
            first = [k for k in people if k.split()[0] == key]
            owner = last if len(last) == 1 else first if len(first) == 1 else []
            if owner and t in ("PERSON", "ORG"):  # a lone surname tagged ORG is still the person
                groups[owner[0]].append(i)
                continue
        groups.setdefault(f"{t}:{key}" if t != "PERSON" else key, []).append(i)
    clusters = sorted(groups.values(), key=lambda c: min(raws[i][0] for i in c))
    out: list[Entity] = []
    for n, members in enumerate(clusters, start=1):
        eid = f"{article.id}:e{n}"
        ordered = sorted(members, key=lambda i: raws[i][0])
        types = [raws[i][2] for i in ordered]
        etype = "PERSON" if "PERSON" in types and any(len(raws[i][3].split()) > 1 for i in ordered
                                                       if raws[i][2] == "PERSON") else max(set(types), key=types.count)
        name = max((raws[i][3] for i in ordered), key=lambda s: (len(s.split()), len(s)))
        out.append(Entity(
            id=eid, name=name, type=etype, variants=tuple(sorted({raws[i][3] for i in ordered})),
            mentions=tuple(Mention(article.span(raws[i][0], raws[i][1]), etype, eid) for i in ordered),
        ))
    return tuple(out)
