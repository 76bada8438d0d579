"""How sure each finding is, and the order a reader sees them in.

A finding's confidence is the precision its kind (type, and for loaded language its category
and voice) reached on the findings review set: every finding ``compare`` makes on BASIL's
triplets, judged by a careful reader (``eval/labels/findings_basil.jsonl``; ``newsprism eval
findings`` prints the precision per kind, from which :data:`CONFIDENCE` is copied). It is a
calibrated estimate, not a promise about one finding: on stories unlike BASIL's (US politics,
three outlets) it can be off. Findings from :data:`SURE` up are shown; the rest are folded
under "N more, less sure" (``--all`` shows them).

Kinds never judged there get :data:`UNJUDGED`: below :data:`SURE`, so a new kind of finding is
folded until it has been measured.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsprism.model import Finding

__all__ = ["CONFIDENCE", "LESS_SURE", "SURE", "UNJUDGED", "confidence_of", "finding_kind", "ranked", "sure", "voice_of"]

#: From this confidence a finding is shown without ``--all``.
SURE = 0.7
#: The confidence of a kind the review set has not measured (or has measured on too few findings).
UNJUDGED = 0.5
#: Severity weights for the ranking (severity x confidence, highest first).
_WEIGHT = {"error": 3.0, "warning": 2.0, "info": 1.0}

#: Precision per kind on the review set (see the module docstring); kinds with under 8 judged
#: findings are left out (they get :data:`UNJUDGED`), unless the check is mechanical.
CONFIDENCE: dict[str, float] = {
    # Mechanical checks the review set holds too few of to measure, read off the text itself: a
    # weekday written next to a date it does not fall on; one text copied by two outlets; words
    # in another script left in an English text.
    "date_weekday_mismatch": 0.9,
    "wire_copy": 0.9,
    "translation_artifact": 0.9,
    # Measured (newsprism eval findings, 2026-12-03: all 423 findings judged; kinds judged at
    # least 8 times; the span tagger's finding, made only when asked for, as last measured on 46).
    "omission": 0.86,
    "single_source": 0.82,
    "loaded_language:dysphemism:own": 1.0,
    "loaded_language:dysphemism:quoted": 1.0,
    "loaded_language:dysphemism:reported": 0.75,
    "loaded_language:euphemism:own": 0.92,
    "loaded_language:intensifier:own": 0.9,
    "loaded_language:intensifier:quoted": 0.98,
    "loaded_language:intensifier:reported": 0.75,
    "loaded_language:label:own": 0.7,
    "loaded_language:label:quoted": 0.98,
    "loaded_language:label:reported": 0.93,
    "loaded_language:learned": 0.57,
    "loaded_language:name-calling:quoted": 1.0,
    "loaded_language:scare-quote:own": 1.0,
}


#: Kinds below :data:`UNJUDGED` by rule, not measured: a number pair the comparison reads as a
#: running count reported later (``update``) or as a near miss a day apart (``near``) is no sure
#: conflict (:mod:`newsprism.comparison._updates`), so it ranks under an unjudged conflict.
LESS_SURE: dict[str, float] = {"number_conflict:update": 0.3, "number_conflict:near": 0.4}


def finding_kind(f: Finding) -> str:
    """The kind a finding's confidence is looked up by.

    ``loaded_language:<category>:<voice>`` (voice ``own``, ``quoted`` or ``reported``), or
    ``loaded_language:learned`` for the span tagger's words; ``omission:possibly_told`` for an
    omission whose article has a sentence in another language nearest to the fact (it may tell
    it: :mod:`newsprism.comparison.xlang`; never judged, so folded), ``omission:other_languages`` for
    one whose fact every outlet tells in another language than the article's (checked across
    languages only; the review set, all English, never judged one: folded);
    ``number_conflict:update`` /
    ``number_conflict:near`` for a count that rose or two values a day apart (:data:`LESS_SURE`);
    the type for every other finding.
    """
    if f.type == "omission" and f.data.get("possibly_told"):
        return "omission:possibly_told"
    if f.type == "omission" and f.data.get("other_languages"):
        return "omission:other_languages"
    if f.type == "number_conflict" and f.data.get("change"):
        return f"number_conflict:{f.data['change']}"
    if f.type != "loaded_language":
        return str(f.type)
    if f.data.get("learned"):
        return "loaded_language:learned"
    return f"loaded_language:{f.data.get('category')}:{voice_of(f)}"


def voice_of(f: Finding) -> str:
    """``own``, ``quoted`` or ``reported``: whose words a lexicon hit of a loaded-language finding is in."""
    return str(f.data.get("voice") or ("quoted" if f.data.get("in_quote") else "own"))


def confidence_of(f: Finding) -> float:
    """The finding's confidence (:data:`CONFIDENCE` of its kind, else :data:`LESS_SURE`'s, else :data:`UNJUDGED`)."""
    kind = finding_kind(f)
    return CONFIDENCE.get(kind, LESS_SURE.get(kind, UNJUDGED))


def ranked(findings: Iterable[Finding]) -> list[Finding]:
    """The findings by severity x confidence, highest first (ties keep their order)."""
    return sorted(findings, key=lambda f: -_WEIGHT.get(f.severity, 1.0) * f.confidence)


def sure(findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
    """The findings split into those shown (confidence from :data:`SURE`) and those folded."""
    return [f for f in findings if f.confidence >= SURE], [f for f in findings if f.confidence < SURE]
