"""Russian quotations, direct and reported, with speaker and cue.

1. **Direct**: text in «ёлочках» (nested „лапки“ inside stay part of the outer quote), in „лапках“
   or straight "..." on their own, and dialogue dashes (a paragraph opening with «— ...», closed by
   «, — заявил X»; a hyphen typed for either dash counts).
   A quotation takes the speech verb right after it («», — заявил Лавров») or right before it
   («Лавров заявил: «...»»). A short quoted fragment with no cue is a name or a scare quote, not a
   quotation of anyone: not emitted (loaded language reads scare quotes itself).
2. **Reported**: «X заявил, что ...», «как сообщил X, ...», «по словам X, ...», «как передаёт ТАСС,
   ...», «X отметил, что ...»: the content is the clause after the cue. An attribution after what
   was said, with no marks: «Водитель задержан, сообщили в УМВД.» (the clause before) and
   «Движение восстановлено. Об этом сообщает ГУ МВД.» (the sentence before), only with a speaker
   named.
3. **Speakers**: the syntactic subject of the cue verb (natasha's ``nsubj``), or the entity
   named after «по словам»; the entity mention it lies in is ``speaker_entity``. Without a subject
   («, — заявили в МИД России»), the entity named right after the verb, else the nearest in the
   sentence. Organisations written as abbreviations are whole mentions
   (:mod:`newsprism.analysis.ru.entities`: «ГУ МЧС по Самарской области», «Минобороны России»).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsprism.model import Article, Entity, Quote, Span

__all__ = ["SPEECH_LEMMAS", "find_quotes_ru"]

SPEECH_LEMMAS = frozenset(
    """заявить заявлять сообщить сообщать отметить отмечать сказать говорить подчеркнуть подчёркивать
    подчеркивать добавить добавлять указать указывать заметить замечать пояснить пояснять написать писать
    рассказать рассказывать передать передавать признать признавать уточнить уточнять напомнить
    напоминать предупредить предупреждать объявить объявлять ответить отвечать утверждать считать
    назвать называть констатировать выразить процитировать пообещать обещать подтвердить подтверждать
    заверить заверять призвать призывать прокомментировать комментировать возразить возражать
    пожаловаться жаловаться""".split()
)
_CUE_AFTER = re.compile(r"\s*[,.!?…]?\s*[—–-]+\s*(?P<cue>[а-яё]+)", re.IGNORECASE)
_CUE_BEFORE = re.compile(r"(?P<cue>[а-яё]+)(?:\s+[^\s:«„]+){0,4}\s*:\s*$", re.IGNORECASE)
_REPORTED = re.compile(
    r"(?P<lead>\b(?:по\s+словам|по\s+данным|как\s+(?:сообщил[аио]?|сообщает|сообщают|передаёт|передает|передают|"
    r"заявил[аио]?|отметил[аио]?|пишет|пишут|сказал[аио]?|уточнил[аио]?|рассказал[аио]?|пояснил[аио]?|"
    r"подчеркнул[аио]?|добавил[аио]?|указал[аио]?|заметил[аио]?|подтвердил[аио]?|объяснил[аио]?|"
    r"напомнил[аио]?|информирует|информируют))\s+)(?P<who>[^,]{2,80}?),\s*"
    r"(?P<content>[^.!?]+[.!?]?)", re.IGNORECASE)
# Dependents that do not belong to the subject's name: clauses, punctuation, conjuncts.
_NOT_SUBJECT = frozenset({"punct", "acl", "acl:relcl", "advcl", "conj", "cc", "parataxis"})
# «По его словам, ...»: reported speech whose speaker is a pronoun.
_PRONOUN_REPORTED = re.compile(r"\b(?P<lead>по\s+(?P<who>его|её|ее|их)\s+(?:словам|мнению|оценке|данным))\s*,\s*"
                               r"(?P<content>[^.!?]+[.!?]?)", re.IGNORECASE)
_PRONOUN_GENDER = {"он": "Masc", "его": "Masc", "она": "Fem", "её": "Fem", "ее": "Fem", "они": None, "их": None}
_THAT = re.compile(r",\s*(?:что|будто|чтобы)\s+", re.IGNORECASE)


def _marks(text: str) -> list[tuple[int, int, int, int]]:
    """(open, start, end, close) of every outermost «...» and free-standing „...“."""
    out: list[tuple[int, int, int, int]] = []
    depth, opened = 0, -1
    for i, ch in enumerate(text):
        if ch == "«":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            if depth == 0:
                out.append((opened, opened + 1, i, i + 1))
        elif ch == "\n" and text[i : i + 2] == "\n\n" and depth:
            depth = 0  # an unclosed quote ends with its paragraph
    # „лапки“ on their own, and the straight "..." that pages typed on a Latin keyboard use.
    for m in re.finditer(r"„([^“”„\n]{1,2000})[“”]|\"([^\"\n]{1,2000})\"", text):
        if not any(o <= m.start() < c for o, _, _, c in out):
            out.append((m.start(), m.start() + 1, m.end() - 1, m.end()))
    # Dialogue dashes, the em or en dash or the hyphen that stands for one («- Текст, - ответил X»).
    for m in re.finditer(r"(?m)^[—–-]\s+(?P<body>[^\n]+?)(?=,\s*[—–-]\s+[а-яё]+)", text):
        out.append((m.start(), m.start("body"), m.end("body"), m.end()))
    return sorted(out)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def _token_at(doc: Any, pos: int) -> Any:
    for sent in doc.sents:
        if sent.start <= pos < sent.stop:
            for t in sent.tokens:
                if t.start <= pos < t.stop:
                    return t, sent
    return None, None


def _subject(sent: Any, verb: Any) -> tuple[int, int, Any] | None:
    """The cue verb's subject phrase (its head's subtree left of the verb) and the head token.

    The whole subtree, not the head's children alone: in «Министр транспорта Роман Старовойт» the
    surname hangs from the first name, which is the role noun's apposition.
    """
    subj = [t for t in sent.tokens if t.head_id == verb.id and t.rel in ("nsubj", "nsubj:pass")]
    if not subj:
        return None
    head = subj[0]
    children: dict[str, list[Any]] = {}
    for t in sent.tokens:
        children.setdefault(t.head_id, []).append(t)
    parts, todo = [head], [head]
    while todo:
        for child in children.get(todo.pop().id, ()):
            if child.rel not in _NOT_SUBJECT and child is not verb:
                parts.append(child)
                todo.append(child)
    # The subject ends before a quotation or a clause it may govern after the verb.
    side = [t for t in parts if (t.stop <= verb.start) == (head.stop <= verb.start)]
    return min(t.start for t in side), max(t.stop for t in side), head


class _Speakers:
    def __init__(self, entities: Sequence[Entity], doc: Any) -> None:
        self.mentions = sorted((m.span.start, m.span.end, e) for e in entities for m in e.mentions)
        self.tokens = [t for sent in doc.sents for t in sent.tokens]

    def inside(self, s: int, e: int) -> Entity | None:
        hits = [ent for ms, me, ent in self.mentions if s <= ms and me <= e]
        people = [h for h in hits if h.type == "PERSON"]
        return (people or hits)[0] if hits else None

    def near(self, s: int, e: int, starts_by: int | None = None) -> tuple[Span, Entity] | None:
        """The first mention in [s, e) (a person before anything else), starting by ``starts_by`` if given."""
        best = None
        for ms, me, ent in self.mentions:
            if starts_by is not None and ms > starts_by:
                continue
            if s <= ms and me <= e and (best is None or (ent.type == "PERSON" and best[1].type != "PERSON")):
                best = (ms, ent)
        if best is None:
            return None
        m = next(m for m in best[1].mentions if m.span.start == best[0])
        return m.span, best[1]

    def _gender(self, start: int, end: int) -> str | None:
        genders = {t.feats.get("Gender") for t in self.tokens if start <= t.start and t.stop <= end}
        return next(iter(genders)) if len(genders - {None}) == 1 and None not in genders else None

    def antecedent(self, pos: int, word: str, lemma: str | None) -> Entity | None:
        """The person a pronoun or a bare role noun before ``pos`` stands for, or ``None``.

        A pronoun («он», «его», «она») takes the last person named before it whose name agrees
        in gender (when both are known); a role noun («Губернатор отметил») the last person
        introduced with that word («губернатор Олег Кувшинников»). No match, no speaker.
        """
        key = word.lower()
        for ms, me, ent in reversed(self.mentions):
            if me > pos or ent.type != "PERSON":
                continue
            if key in _PRONOUN_GENDER:
                want, got = _PRONOUN_GENDER[key], self._gender(ms, me)
                if want is None or got is None or want == got:
                    return ent
                continue
            before = [t.lemma for t in self.tokens if ms - 60 <= t.start < ms]
            if lemma and lemma in before[-4:]:
                return ent
        return None


def find_quotes_ru(article: Article, doc: Any, entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Find the quotations of a Russian article.

    Args:
        article: The article.
        doc: natasha's Doc of the text, with morphology and syntax.
        entities: The article's entities (for the speakers).

    Returns:
        Quotes in text order, ids ``<article id>:q<n>``.
    """
    text, found = article.text, []
    speakers = _Speakers(entities, doc)
    taken: list[tuple[int, int]] = []

    def speaker_of(cue_pos: int) -> tuple[Span | None, str | None]:
        tok, sent = _token_at(doc, cue_pos)
        if tok is not None:
            got = _subject(sent, tok)
            if got is not None:
                start, end, head = got
                ent = speakers.inside(start, end)
                if ent is None and end - start == head.stop - head.start:
                    ent = speakers.antecedent(start, head.text, head.lemma)  # «Он добавил», «Министр отметил»
                return article.span(start, end), ent.id if ent else None
            # No subject («, — сообщили в ГУ МЧС», «..., сообщили в Минтрансе»): who spoke is
            # named right after the verb, before any other name in the sentence.
            near = speakers.near(tok.stop, sent.stop, tok.stop + 25) or speakers.near(sent.start, sent.stop)
            if near is not None:
                return near[0], near[1].id
        return None, None

    for o, s, e, c in _marks(text):
        s, e = _trim(text, s, e)
        if e <= s:
            continue
        after = _CUE_AFTER.match(text, c, min(len(text), c + 40))
        line_start = text.rfind("\n", 0, o) + 1
        cue = None
        if after is not None and _lemma(doc, after.start("cue")) in SPEECH_LEMMAS:
            cue = (after.start("cue"), after.end("cue"))
        elif (before := _CUE_BEFORE.search(text, max(line_start, o - 80), o)) is not None:
            # «Глава Минздрава Михаил Мурашко заявил: «...»»: the speech verb is the rightmost
            # word of the few before the colon that is one (the regex's first word may be «Глава»).
            words = list(re.finditer(r"[а-яё]+", text[before.start():before.end()], re.IGNORECASE))
            for w in reversed(words):
                if _lemma(doc, before.start() + w.start()) in SPEECH_LEMMAS:
                    cue = (before.start() + w.start(), before.start() + w.end())
                    break
        if cue is None:
            continue
        sp, ent = speaker_of(cue[0])
        found.append(Quote("", "direct", article.span(s, e), sp, ent, article.span(*cue)))
        taken.append((o, c))
    for m in _REPORTED.finditer(text):
        if any(ts <= m.start() < te for ts, te in taken):
            continue
        cs, ce = _trim(text, m.start("content"), m.end("content"))
        who = (m.start("who"), m.end("who"))
        who_ent = speakers.inside(*who)
        lead = text[m.start("lead") : m.end("lead")].strip()
        lead_span = article.span(m.start("lead"), m.start("lead") + len(lead))
        found.append(Quote("", "reported", article.span(cs, ce), article.span(*who),
                           who_ent.id if who_ent else None, lead_span))
        taken.append((m.start(), m.end()))
    for m in _PRONOUN_REPORTED.finditer(text):
        if any(ts <= m.start() < te for ts, te in taken):
            continue
        cs, ce = _trim(text, m.start("content"), m.end("content"))
        who_ent = speakers.antecedent(m.start("who"), m.group("who"), None)
        found.append(Quote("", "reported", article.span(cs, ce), article.span(m.start("who"), m.end("who")),
                           who_ent.id if who_ent else None, article.span(m.start("lead"), m.end("lead"))))
        taken.append((m.start(), m.end()))
    for sent in doc.sents:
        for tok in sent.tokens:
            if tok.lemma not in SPEECH_LEMMAS or tok.pos != "VERB" or any(ts <= tok.start < te for ts, te in taken):
                continue
            that = _THAT.search(text, tok.stop, min(sent.stop, tok.stop + 60))
            if that is None or text[tok.stop : that.start()].count(",") > 0:
                continue
            cs, ce = _trim(text, that.end(), sent.stop)
            if ce <= cs or any(ts < ce and cs < te for ts, te in taken):
                continue
            sp, ent = speaker_of(tok.start)
            found.append(Quote("", "reported", article.span(cs, ce), sp, ent, article.span(tok.start, tok.stop)))
            taken.append((tok.start, ce))
    found += _attributed_after(article, doc, speaker_of, taken)
    found.sort(key=lambda q: q.content.start)
    return tuple(Quote(f"{article.id}:q{n}", q.kind, q.content, q.speaker, q.speaker_entity, q.cue)
                 for n, q in enumerate(found))


# «Об этом сообщили в ГУ МЧС.»: the sentence before is what they reported.
_ABOUT_THIS = re.compile(r"\s*(?P<lead>Об\s+этом)\s+(?P<verb>[а-яё]+)", re.IGNORECASE)
# «Посол вызван, сообщили в МИД России.», «..., — сказал Лавров.»: the attribution ends the sentence.
_TRAILING = re.compile(r",\s*(?:[—–]\s*)?(?P<verb>[а-яё]+)(?P<who>(?:\s+[^\s,.!?«»:;]+){1,8})\s*[.!?…]?\s*$",
                       re.IGNORECASE)
_PRONOUNS = frozenset({"он", "она", "они"})
# An attribution to a text rather than a voice: «Об этом говорится в сообщении МИД России.»
_ATTRIBUTING = SPEECH_LEMMAS | {"говориться", "сообщаться"}


def _attributed_after(article: Article, doc: Any, speaker_of: Any, taken: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech whose attribution comes after what was said, with no quotation marks.

    «Движение восстановлено. Об этом сообщили в ГУ МВД по Пермскому краю.» (the previous
    sentence) and «Водитель задержан, сообщили в УМВД.» (the clause before the comma). Only
    with a speech verb and a speaker named (an entity, or a personal pronoun standing for one):
    without one the sentence is an outlet's own aside, not an attribution.
    """
    text, out = article.text, []
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        about = _ABOUT_THIS.match(text, sent.start, sent.stop)
        tail = None if about else _TRAILING.search(text, sent.start, sent.stop)
        m = about or tail
        if m is None or _lemma(doc, m.start("verb")) not in _ATTRIBUTING:
            continue
        if about is not None:
            if k == 0 or "\n\n" in text[sents[k - 1].stop : sent.start]:
                continue
            cs, ce = _trim(text, sents[k - 1].start, sents[k - 1].stop)
            cue = (about.start("lead"), about.end("verb"))
        else:
            cs, ce = _trim(text, sent.start, m.start())
            cue = (m.start("verb"), m.end("verb"))
            if len(text[cs:ce].split()) < 3:
                continue
        if any(ts < max(ce, cue[1]) and cs < te for ts, te in taken):
            continue
        sp, ent = speaker_of(cue[1] - 1 if about else m.start("verb"))
        if sp is None or (ent is None and sp.text.lower() not in _PRONOUNS):
            continue
        if tail is not None and not (tail.start("who") <= sp.start < tail.end("who")):
            continue  # the speaker named elsewhere in the sentence is not the one the tail attributes it to
        out.append(Quote("", "reported", article.span(cs, ce), sp, ent, article.span(*cue)))
        taken.append((cs, sent.stop))
    return out


def _lemma(doc: Any, pos: int) -> str | None:
    tok, _ = _token_at(doc, pos)
    return tok.lemma if tok is not None else None
