"""Russian analysis: natasha's segmentation, NER, morphology and syntax, and Russian rules on top.

Each stage mirrors the English one and returns the same records (:mod:`newsprism.model`), so
compare reads a Russian article like an English one. :func:`analyze_russian` is the entry point;
the parse (a natasha ``Doc``) never leaves this package.
"""



from newsprism.analysis.ru.pipeline import analyze_russian, parse_russian

__all__ = ["analyze_russian", "parse_russian"]
