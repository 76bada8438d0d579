"""Russian loaded language: the Russian lexicon (``lexicons/loaded_ru.tsv``) matched on natasha's lemmas.

The matcher is the English one (:class:`newsprism.analysis._lexicon.Lexicon`), fed natasha's
tokens through a small adapter that gives them the attributes it reads (lemma, form, POS,
sentence starts), so «киевского режима» matches «киевский режим» and «неонацистов» «неонацист».
Hits inside a quotation are the speaker's words, as in English. The learned parts (sentence model,
span tagger) are trained on English data: not applied to Russian.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsprism.analysis._lexicon import Lexicon, load_lexicon
from newsprism.analysis.ru._natasha import parse_word
from newsprism.analysis.ru.pipeline import parse_russian
from newsprism.model import AnalyzedArticle, LoadedHit, Quote

__all__ = ["find_loaded_ru", "natasha_tokens"]


@dataclass(frozen=True, slots=True)
class _Tok:
    """A natasha token as the lexicon matcher reads a spaCy one."""

    i: int
    idx: int
    text: str
    lemma_: str
    pos_: str
    is_sent_start: bool
    is_space: bool = False
    dep_: str = ""
    children: tuple[Any, ...] = ()

    @property
    def lower_(self) -> str:
        return self.text.lower()

    def __len__(self) -> int:
        return len(self.text)


def natasha_tokens(doc: Any) -> list[_Tok]:
    """Natasha's tokens of a parsed Doc, in text order, adapted for :meth:`Lexicon.match`."""
    out: list[_Tok] = []
    for sent in doc.sents:
        for k, t in enumerate(sent.tokens):
            lemma = (t.lemma or t.text).lower()
            if t.pos == "PROPN":  # the tagger calls a capitalised common noun a name and leaves it unlemmatised
                lemma = str(parse_word(t.text.lower())[0].normal_form)
            lemma = lemma.replace("ё", "е")
            out.append(_Tok(len(out), t.start, t.text.replace("ё", "е").replace("Ё", "Е"), lemma, t.pos or "X", k == 0))
    return out


def _quote_at(quotes: tuple[Quote, ...], s: int, e: int) -> Quote | None:
    inside = [q for q in quotes if q.content.start <= s and e <= q.content.end]
    return min(inside, key=lambda q: q.content.end - q.content.start) if inside else None


def find_loaded_ru(aa: AnalyzedArticle, doc: Any = None, lexicon: Lexicon | None = None) -> tuple[LoadedHit, ...]:
    """Lexicon hits of a Russian article, each with whose voice it is in.

    Args:
        aa: The analyzed article.
        doc: natasha's Doc of its text (parsed again when ``None``).
        lexicon: The lexicon (default: the shipped ``loaded_ru.tsv``).

    Returns:
        The hits in text order.
    """
    lexicon = lexicon or load_lexicon("ru")
    doc = doc if doc is not None else parse_russian(aa.article.text)
    hits: list[LoadedHit] = []
    for m in lexicon.match(natasha_tokens(doc)):
        q = _quote_at(aa.quotes, m.start, m.end)
        st = next((s.id for s in aa.statements if s.span.start <= m.start < s.span.end), None)
        hits.append(LoadedHit(
            span=aa.article.span(m.start, m.end), term=m.entry.term, category=m.entry.category,
            note=m.entry.note, source=m.entry.source, in_quote=q is not None,
            speaker=q.speaker_entity if q is not None else None, statement_id=st,
            quote_id=q.id if q is not None else None, phrase=aa.article.span(m.start, m.end),
        ))
    return tuple(hits)
