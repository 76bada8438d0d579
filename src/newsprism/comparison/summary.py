"""A neutral summary, extractive: only corroborated facts, in the least loaded wording on offer."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from newsprism.comparison.coverage import held_core, points_back
from newsprism.model import Alignment, AnalyzedArticle, Coverage, Statement, SummarySentence

__all__ = ["build_summary", "MAX_SENTENCES"]

MAX_SENTENCES = 6
_KIND_ORDER = {"claim": 0, "reported": 1, "quote": 2}


# A sentence whose subject is a pronoun: out of its article, the reader cannot tell who.
# "Both resigned." names nobody either.
_OPENS_WITH_PRONOUN = re.compile(
    r"[\"“‘']?(?:He|She|They|It|This|These|Those|We|I|Both|Neither|Either|Each|All|The two|The latter|The former)\b")


def build_summary(
    articles: Sequence[AnalyzedArticle],
    alignments: Sequence[Alignment],
    coverage: Coverage,
    loaded: Mapping[str, float] | None = None,
    max_sentences: int = MAX_SENTENCES,
    flagged: Mapping[str, int] | None = None,
) -> tuple[SummarySentence, ...]:
    """Pick one sentence per corroborated fact, each citing every statement it stands for.

    Facts reported by more independent outlets come first in the choice; the chosen sentences are
    then told in the order the facts first appear in the articles. Of each fact's wordings the one
    with the fewest loaded terms wins (a lexicon hit is a named verdict, surer than the sentence
    model's score), then the one with the lowest loaded-language score; ties go to the outlet's
    own voice over reported speech, then to the shorter sentence. A wording that opens with a
    pronoun ("He said there were 5,000 missing") says less on its own than one that names who: it
    goes after the others with as few loaded terms. Single-source material is never
    used. Of a partial alignment only its shared core is (:attr:`Coverage.agreed`: the statement
    whose content every other one holds, or else :func:`~newsprism.comparison.coverage.held_core`:
    a statement whose content members of another independent outlet hold, told as what those
    outlets agree on); a partial alignment without either shares only part of each sentence, so
    any of them would claim agreement on the rest (it stays listed among the aligned statements).

    Args:
        articles: The story's analyzed articles.
        alignments: Aligned statements.
        coverage: Which alignments are corroborated.
        loaded: Loaded-language score per statement id (0 = neutral); missing ids count as 0.
        max_sentences: Longest summary.
        flagged: Loaded terms found per statement id (lexicon or tagger hits, quoted or not);
            missing ids count as 0.

    Returns:
        The summary's sentences, each citing the statements of its fact.
    """
    loaded = loaded or {}
    flagged = flagged or {}
    position = {st.id: (i, n) for i, aa in enumerate(articles) for n, st in enumerate(aa.statements)}
    statements: dict[str, Statement] = {st.id: st for aa in articles for st in aa.statements}
    by_id = {al.id: al for al in alignments}
    owner = {st.id: aa.article.id for aa in articles for st in aa.statements}
    cores = {a: core for a in coverage.corroborated
             if (core := coverage.agreed.get(a) or held_core(by_id[a], statements, owner, coverage.source_of))}
    chosen = sorted(
        (by_id[a] for a in coverage.corroborated if a in cores),
        key=lambda al: (-len(coverage.outlets[al.id]), -al.score, min(position[s] for s in al.statement_ids)),
    )[:max_sentences]
    chosen.sort(key=lambda al: min(position[s] for s in al.statement_ids))
    out = []
    for al in chosen:
        wordings = al.statement_ids if al.relation != "partial" else (cores[al.id],)
        best = min(
            (statements[s] for s in wordings),
            key=lambda st: (flagged.get(st.id, 0), points_back(st), bool(_OPENS_WITH_PRONOUN.match(st.span.text)),
                            round(loaded.get(st.id, 0.0), 2), _KIND_ORDER[st.kind], len(st.span.text), st.id),
        )
        out.append(SummarySentence(best.span.text, tuple(al.statement_ids)))
    return tuple(out)
