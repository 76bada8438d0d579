"""Loaded words in the headline: the lexicon run on ``Article.title`` (for ``loaded_language``).

The headline is the outlet's most read sentence and its most loaded ("Brazen thieves pull off
jaw-dropping heist"), but it is metadata, not part of ``Article.text``, so the body's detector
never sees it. Here it is parsed on its own and matched against the same lexicon; each hit is a
:class:`~newsprism.model.LoadedHit` whose spans point into the title (``Span.field == "title"``).

Whose words: the outlet's own, unless inside quotation marks (a headline quoting someone:
'Mayor vows to stop "thugs"'), then somebody's (``in_quote`` and ``marked``, no speaker: a
headline names its speaker, if at all, outside the marks), or after a cue of speech or view
("... By Saying X Is A Liar", "concerned that ...", "Mayor: ..."), then reported speech
(``in_quote``, not ``marked``). A word inside a name that the body
names too ("Rep. Louise Slaughter") is part of the name, not a verdict; a headline repeated as
the text's first line is left to the body's detector.
"""

from __future__ import annotations

import re
from typing import Any

from newsprism.analysis._lexicon import LITERAL_IN_DISASTER, NEUTRAL, Lexicon, harm_story, load_lexicon
from newsprism.model import AnalyzedArticle, LoadedHit

__all__ = ["title_hits"]

# A headline reports speech or a view in a few set ways: "X says ...", "X Defends Y By Saying ...",
# "Democrats concerned that ...", or a speaker before a colon ("Mayor: ..."). Words after such a
# cue are the speaker's view in the outlet's wording: reported speech, not the outlet's voice.
_CUE = re.compile(r"(?i)\b(?:says?|said|saying|claims?|claiming|calls?|calling|accuses|accusing|warns?|warning|"
                  r"vows?|vowing|tells?|telling|argues?|arguing|insists?|insisting|denies|denying|charges|"
                  r"fears?|believes?|thinks?|suggests?|(?:concerned|worried|convinced|afraid) that)\b")
_SPEAKER_COLON = re.compile(r"^\s*(?:\S+\s+){0,3}\S+:\s")
_LANGUAGES = frozenset({"en"})  # languages with a lexicon and the English parser
# Entity types whose words are part of a name (as for the body: newsprism.analysis._loaded_voice._NAME_TYPES).
_NAME_TYPES = frozenset({"PERSON", "ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


def title_hits(aa: AnalyzedArticle, title_doc: Any, body_doc: Any | None = None,
               lexicon: Lexicon | None = None) -> tuple[LoadedHit, ...]:
    """The lexicon's hits in an article's headline, with spans into ``aa.article.title``.

    Args:
        aa: The analyzed article (its title, language and text are read).
        title_doc: The spaCy Doc of ``aa.article.title``.
        body_doc: The Doc of the text, if at hand: in a report of physical harm (a quake, a fire)
            words of magnitude are literal in the headline too ("massive quake").
        lexicon: The lexicon (default: the shipped one for the article's language).

    Returns:
        The hits in title order; empty without a title, for a language without a lexicon, or
        when the text opens with the headline itself.
    """
    from newsprism.analysis._quote_marks import find_quoted

    art = aa.article
    title = art.title or ""
    lang = art.language or "en"
    if not title.strip() or (lexicon is None and lang not in _LANGUAGES):
        return ()
    if " ".join(art.text.split()).startswith(" ".join(title.split())):
        return ()  # the headline is the text's first line: the body's detector reads it
    lexicon = lexicon or load_lexicon(lang)
    body = art.text.casefold()
    # A name the body names too is a name here ("Slaughter" of a congresswoman), whatever the casing.
    names = [(e.start_char, e.end_char) for e in title_doc.ents
             if e.label_ in _NAME_TYPES and e.text.casefold() in body]
    marked = [(q.open, q.close) for q in find_quoted(title)]
    harm = body_doc is not None and harm_story(body_doc)
    speaker_colon = _speaker_before_colon(title_doc, body)  # one headline, one colon: read once
    out = []
    for m in lexicon.match(title_doc):
        if m.entry.category == NEUTRAL or any(s <= m.start and m.end <= e for s, e in names) \
                or (harm and m.entry.words[0] in LITERAL_IN_DISASTER):
            continue
        quoted = any(s <= m.start and m.end <= e for s, e in marked)
        out.append(LoadedHit(
            span=art.title_span(m.start, m.end), term=m.entry.term, category=m.entry.category,
            note=m.entry.note, source=m.entry.source,
            in_quote=quoted or _reported(title, m.start, m.end, speaker_colon),
            speaker=None, statement_id=None, marked=quoted,
            phrase=art.title_span(m.start, m.end),
        ))
    return tuple(out)


def _speaker_before_colon(title_doc: Any, body: str) -> bool:
    """Whether the words before a headline's colon can speak ("Mayor:", "Kremlin:", "Biden aide:").

    A topic label ("The Global Tech Outage: A Chaotic Day ...", "Explainer:") names nobody: what
    follows is the outlet's own headline. A name counts when the body (``body``, case-folded) names
    it too: the parser reads any capitalised phrase of a headline as one.
    """
    colon = _SPEAKER_COLON.match(title_doc.text)
    if colon is None:
        return False
    end = colon.end() - 2
    if any(t.idx < end and t.lemma_.lower() in _SPEAKING_NOUNS for t in title_doc):
        return True
    return any(e.start_char < end and e.label_ in _SPEAKING_TYPES
               and (e.text[4:] if e.text.lower().startswith("the ") else e.text).casefold() in body
               for e in title_doc.ents)


# Who can speak before a headline's colon: a named person, body or country, or a speaking role.
_SPEAKING_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SPEAKING_NOUNS = frozenset(
    """mayor minister president official officials police spokesman spokeswoman aide lawyer attorney
    prosecutor judge governor senator chief leader expert experts analyst analysts doctor doctors report
    study survey poll witness witnesses source sources""".split())


def _reported(title: str, start: int, end: int, speaker_colon: bool = True) -> bool:
    """Whether headline words [start, end) follow a cue of speech or view, or a "Speaker:" colon.

    A cue itself is the outlet's word ("Trump calls ..., claims ...": "claims" is its choice).
    """
    if _CUE.fullmatch(title[start:end]):
        return False
    colon = _SPEAKER_COLON.match(title) if speaker_colon else None
    return bool(_CUE.search(title[:start]) or (colon and colon.end() <= start))
