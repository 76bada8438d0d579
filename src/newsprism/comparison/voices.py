"""``voice_imbalance``: whose voices each outlet quotes, by side, and which side it leaves unheard."""

from __future__ import annotations

import re
from collections import Counter

from newsprism.comparison._sides import side_of
from newsprism.comparison.findings import FindingContext, mentions_entity
from newsprism.model import Finding

__all__ = ["entity_sides", "voice_imbalance"]


def entity_sides(ctx: FindingContext) -> dict[str, str]:
    """Return the side each entity speaks for, where the text marks it (titles, appositions, org names)."""
    texts = {aa.article.id: aa.article.text for aa in ctx.articles}
    sides: dict[str, str] = {}
    for ent in ctx.entities:
        votes: Counter[str] = Counter()
        for m in ent.mentions:
            text = texts.get(m.span.article_id, "")
            before = text[max(0, m.span.start - 60) : m.span.start]
            before = re.split(r"[.;!?\n]|,\s|\b(?:with|and|to|by|from|said|told)\b", before)[-1]
            after = re.match(r",\s*([^,.;\n]{3,60})[,.]", text[m.span.end : m.span.end + 70])
            for context in (m.span.text, before + " " + m.span.text, after.group(1) if after else ""):
                side = side_of(context)
                if side:
                    votes[side] += 1
                    break
        if votes:
            sides[ent.id] = votes.most_common(1)[0][0]
    return sides


# Speaker phrases that name no one else: the outlet's own "we", a first-person quotation's "I".
_SELF = frozenset({"i", "we", "you"})


def voice_imbalance(ctx: FindingContext) -> list[Finding]:
    """Per outlet, whose voices it quotes, by side; reported when a side quoted elsewhere is absent.

    "No one for X" is said only when it is known: every speaker the outlet quotes has a side
    (a senator whose title names no country may well speak for X), no speaker the text names is
    left unresolved (an unresolved "Russia's foreign minister" may be X's voice; one whose words
    name a side already heard, "a German Foreign Ministry spokesman", is not), and the other
    outlet names X's speaker in the quoting sentence itself at least once (a speaker carried
    over from a neighbouring sentence is the analysis's guess).
    """
    sides = entity_sides(ctx)
    quotes = {aa.article.id: [st for st in aa.statements if st.speaker and st.kind != "claim"] for aa in ctx.articles}
    per_article = {aid: Counter(sides[st.speaker] for st in sts if st.speaker in sides) for aid, sts in quotes.items()}
    speakers = {aid: Counter(st.speaker for st in sts if st.speaker in sides) for aid, sts in quotes.items()}
    named = {aid: {sides[st.speaker] for st in sts if st.speaker in sides and mentions_entity(ctx, st, st.speaker)}
             for aid, sts in quotes.items()}
    story_sides = {s for c in per_article.values() for s in c}
    out = []
    for aa in ctx.articles:
        aid = aa.article.id
        counts = per_article[aid]
        missing = sorted(s for s in story_sides - set(counts)
                         if any(s in named[o] for o in named if o != aid))
        if sum(counts.values()) < 2 or not missing or any(st.speaker not in sides for st in quotes[aid]):
            continue
        if any(q.speaker is not None and q.speaker_entity is None and q.speaker.text.strip().lower() not in _SELF
               and side_of(q.speaker.text) not in set(counts) for q in aa.quotes):
            # A speaker the text names that the analysis could not resolve may be X's, unless the
            # phrase itself names a side already heard ("a German Foreign Ministry spokesman").
            continue
        quoted = ", ".join(f"{side} ×{n}" for side, n in counts.most_common())
        people = ", ".join(f"{ctx.entity[e].name} ×{n}" for e, n in speakers[aid].most_common())
        elsewhere = [o.article.id for o in ctx.articles if o.article.id != aid and set(missing) & named[o.article.id]]
        out.append(Finding(
            "", "voice_imbalance", "info",
            f"{ctx.outlet(aid)} quotes {quoted} ({people}) and no one for {', '.join(missing)}, "
            f"whose side {', '.join(ctx.outlet(o) for o in elsewhere)} quotes.",
            (aid, *elsewhere),
            tuple(st.span for st in quotes[aid]),
            {"sides": {aid2: dict(c) for aid2, c in per_article.items()},
             "speakers": {aid2: dict(c) for aid2, c in speakers.items()}, "missing": missing},
        ))
    return out
