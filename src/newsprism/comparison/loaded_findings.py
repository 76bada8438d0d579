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
    """One finding per lexicon term, saying whether it is the outlet's voice or a speaker's.

    The span tagger's own hits (words no lexicon entry matched) are less sure (PTC span
    precision about 0.3 under cross-validation): they go into one finding per article that lists
    them with their probabilities, so they inform without crowding out what is sure.

    ``data`` of a lexicon finding: ``term``, ``category``, ``note``, ``source``, ``in_quote``,
    ``speaker``, ``statement_id``, ``sentence_score``; of the tagger's finding: ``learned``
    (true), ``source`` and ``words`` (one object per hit with ``term``, ``category``,
    ``probability``, ``in_quote``, ``speaker``, ``statement_id``, ``sentence_score``), the
    evidence the same words in order.

    Args:
        articles: The story's articles (statement speakers are story-level entity ids).
        report: What :func:`measure_loaded` found.
        outlet: Short outlet name per article id.
        entity_names: Name per story-level entity id.
    """
    out = []
    for aa in articles:
        speakers = {st.id: st.speaker for st in aa.statements}
        learned: list[tuple[LoadedHit, str | None, str]] = []
        for h in report.hits.get(aa.article.id, ()):
            speaker = speakers.get(h.statement_id) if h.in_quote and h.statement_id else None
            if h.in_quote:
                voice = f"in words quoted from {entity_names[speaker]}" if speaker else "in quoted words"
            else:
                voice = "in its own voice"
            if h.learned:
                learned.append((h, speaker, voice))
                continue
            out.append(Finding(
                "", "loaded_language", "info",
                f'{outlet[aa.article.id]} uses "{h.span.text}" ({h.category}) {voice}. Lexicon: {h.note}.',
                (aa.article.id,), (h.span,),
                {"term": h.term, "category": h.category, "note": h.note, "source": h.source,
                 "in_quote": h.in_quote, "speaker": speaker, "statement_id": h.statement_id,
                 "sentence_score": _score(report, h)},
            ))
        if learned:
            listed = "; ".join(f'"{h.span.text}" ({_probability(h):.2f}, {voice.removeprefix("in ")})'
                               for h, _, voice in learned)
            out.append(Finding(
                "", "loaded_language", "info",
                f"{outlet[aa.article.id]}: the span tagger reads {len(learned)} more "
                f"word{'s' if len(learned) > 1 else ''} as possibly loaded (learned from PTC's propaganda "
                f"annotations; less sure than the lexicon): {listed}.",
                (aa.article.id,), tuple(h.span for h, _, _ in learned),
                {"learned": True, "source": learned[0][0].source,
                 "words": [{"term": h.term, "category": h.category, "probability": round(_probability(h), 4),
                            "in_quote": h.in_quote, "speaker": speaker, "statement_id": h.statement_id,
                            "sentence_score": _score(report, h)} for h, speaker, _ in learned]},
            ))
    return out


def _score(report: LoadedReport, h: LoadedHit) -> float | None:
    return report.scores.get(h.statement_id) if h.statement_id else None


def _probability(h: LoadedHit) -> float:
    return h.probability if h.probability is not None else 0.0
