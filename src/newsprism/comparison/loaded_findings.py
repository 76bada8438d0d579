"""``loaded_language`` findings: terms that carry a verdict, and whose voice they are in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism.model import AnalyzedArticle, Finding

if TYPE_CHECKING:
    from newsprism.analysis.embed import Embedder
    from newsprism.comparison.loaded import LoadedHit

__all__ = ["LoadedReport", "measure_loaded", "loaded_language_findings"]


@dataclass(frozen=True, slots=True)
class LoadedReport:
    """Loaded-language hits and sentence scores of a story's articles.

    Attributes:
        hits: Per article id, its hits (``newsprism.comparison.loaded.LoadedHit``).
        scores: Per statement id, how loaded the sentence is (0-1).
        threshold: The score above which the sentence model calls a sentence loaded.
    """

    hits: dict[str, tuple[LoadedHit, ...]]
    scores: dict[str, float]
    threshold: float


def measure_loaded(articles: Sequence[AnalyzedArticle], embedder: Embedder | None = None) -> LoadedReport:
    """Find loaded terms and score the statements of every English article.

    The articles are parsed again here: the analysis does not keep its parse (only model records
    cross stage boundaries), and lemma matching needs tokens. ``embedder`` embeds the words the
    span tagger's lemma table lacks (default: the default embedder).
    """
    from newsprism.analysis.nlp import english
    from newsprism.comparison.loaded import find_loaded, load_model, sentence_scores

    hits: dict[str, tuple[LoadedHit, ...]] = {}
    scores: dict[str, float] = {}
    model = load_model()
    english_articles = [aa for aa in articles if aa.article.language in (None, "en") and aa.statements]
    docs = english().pipe([aa.article.text for aa in english_articles])
    for aa, doc in zip(english_articles, docs, strict=True):
        found = find_loaded(aa, doc, embedder=embedder)
        hits[aa.article.id] = found
        scores.update(sentence_scores(aa, doc, found, model))
    return LoadedReport(hits, scores, float(model.threshold))


def loaded_language_findings(articles: Sequence[AnalyzedArticle], report: LoadedReport,
                             outlet: dict[str, str], entity_names: dict[str, str]) -> list[Finding]:
    """One finding per loaded term, saying whether it is the outlet's voice or a speaker's.

    Args:
        articles: The story's articles (statement speakers are story-level entity ids).
        report: What :func:`measure_loaded` found.
        outlet: Short outlet name per article id.
        entity_names: Name per story-level entity id.
    """
    out = []
    for aa in articles:
        speakers = {st.id: st.speaker for st in aa.statements}
        for h in report.hits.get(aa.article.id, ()):
            speaker = speakers.get(h.statement_id) if h.in_quote and h.statement_id else None
            if h.in_quote:
                voice = f"in words quoted from {entity_names[speaker]}" if speaker else "in quoted words"
            else:
                voice = "in its own voice"
            score = report.scores.get(h.statement_id) if h.statement_id else None
            out.append(Finding(
                "", "loaded_language", "info",
                f'{outlet[aa.article.id]} uses "{h.span.text}" ({h.category}) {voice}. '
                f'{"Tagger" if h.learned else "Lexicon"}: {h.note}.',
                (aa.article.id,), (h.span,),
                {"term": h.term, "category": h.category, "note": h.note, "source": h.source,
                 "in_quote": h.in_quote, "speaker": speaker, "statement_id": h.statement_id,
                 "sentence_score": score},
            ))
    return out
