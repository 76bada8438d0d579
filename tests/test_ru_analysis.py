"""The Russian analysis on short texts written for these tests (natasha's models, no mocks)."""

import json
from datetime import date
from pathlib import Path

import pytest

from newsprism.analysis import AnalyzeOptions, analyze_article
from newsprism.model import Article

TEXT = (
    "Глава МИД России Сергей Лавров в пятницу обсудил с госсекретарём США Энтони Блинкеном обмен заключёнными.\n\n"
    "«Мы готовы к разговору, но не к ультиматумам», — заявил Лавров журналистам.\n\n"
    "По словам Блинкена, Вашингтон ещё в июне предложил Москве сделку.\n\n"
    "Как передаёт агентство ТАСС, переговоры продолжатся на следующей неделе.\n\n"
    "Накануне представитель Белого дома сообщил, что сделка касается двух американцев.\n\n"
    "Один из них провёл в заключении более 9 лет, а сумма залога составила три миллиарда рублей.\n\n"
    "Министр отметил, что киевский режим не участвует в переговорах."
)


@pytest.fixture(scope="module")
def analysis():
    art = Article(id="ru1", text=TEXT, published=date(2022, 7, 29), language="ru", source="Тестовая газета")
    return analyze_article(art, AnalyzeOptions(embeddings=False))


def _entity(aa, name):
    return next(e for e in aa.entities if e.name == name)


def test_names_are_normalised_to_the_nominative_and_grouped(analysis):
    names = {e.name: e.type for e in analysis.entities}
    assert names["Сергей Лавров"] == "PERSON"
    assert names["Энтони Блинкен"] == "PERSON"  # written «Энтони Блинкеном»
    lavrov = _entity(analysis, "Сергей Лавров")
    assert [m.span.text for m in lavrov.mentions] == ["Сергей Лавров", "Лавров"]
    blinken = _entity(analysis, "Энтони Блинкен")
    assert "Блинкена" in [m.span.text for m in blinken.mentions]
    assert {"Вашингтон", "Москва"} <= set(names)


def test_times_resolve_against_the_publication_date(analysis):
    got = {t.span.text: (t.start, t.end) for t in analysis.times}
    assert got["в пятницу"] == (date(2022, 7, 29), date(2022, 7, 29))
    assert got["на следующей неделе"] == (date(2022, 8, 1), date(2022, 8, 7))
    assert got["Накануне"] == (date(2022, 7, 28), date(2022, 7, 28))
    assert got["в июне"] == (date(2022, 6, 1), date(2022, 6, 30))


def test_numbers_with_units(analysis):
    got = {q.span.text: (q.value, q.unit) for q in analysis.numbers}
    assert got["9 лет"] == (9, "год")
    assert got["три миллиарда рублей"] == (3e9, "RUB")
    assert got["двух американцев"] == (2, "американец")


def test_quotes_and_reported_speech_with_speakers(analysis):
    lavrov, blinken = _entity(analysis, "Сергей Лавров").id, _entity(analysis, "Энтони Блинкен").id
    direct = [q for q in analysis.quotes if q.kind == "direct"]
    assert [q.content.text for q in direct] == ["Мы готовы к разговору, но не к ультиматумам"]
    assert direct[0].speaker_entity == lavrov and direct[0].cue.text == "заявил"
    reported = {q.cue.text: q for q in analysis.quotes if q.kind == "reported"}
    assert reported["По словам"].speaker_entity == blinken
    assert reported["По словам"].content.text.startswith("Вашингтон ещё в июне")
    assert "ТАСС" in reported["Как передаёт"].speaker.text
    assert reported["сообщил"].content.text.startswith("сделка касается")
    kinds = [st.kind for st in analysis.statements]
    assert kinds[1] == "quote" and kinds[2] == "reported"
    assert analysis.statements[1].speaker == lavrov


def test_statements_are_the_original_russian_with_lemmas(analysis):
    st = analysis.statements[0]
    assert st.span.text.startswith("Глава МИД России")
    assert "обмен" in st.terms
    assert {"заключённый", "заключить"} & set(st.terms)


def test_claims_from_the_syntax(analysis):
    by_lemma = {c.lemma: c for c in analysis.claims}
    discuss = by_lemma["обсудить"]
    roles = {a.role: a.span.text for a in discuss.arguments}
    assert "Сергей Лавров" in roles["agent"]
    assert roles["time"] == "в пятницу"
    assert "заявить" not in by_lemma  # a speech verb introducing a quotation is no claim of its own
    offer = by_lemma["предложить"]
    assert offer.source == _entity(analysis, "Энтони Блинкен").id
    assert by_lemma["участвовать"].negated


def test_loaded_language_on_lemmas(analysis):
    hits = {h.span.text: h for h in analysis.loaded}
    assert hits["киевский режим"].category == "label"
    assert hits["киевский режим"].in_quote  # the minister's words, reported


def test_loaded_words_in_russian_reported_speech_are_the_speakers():
    # The English sense rules walk spaCy's parse tree (an adjective of physical harm, a label
    # named to deny it); the Russian lexicon's tokens have none, and must not stop the analysis.
    text = ("Официальный представитель МИД России Мария Захарова заявила, что киевский режим продолжает обстрелы. "
            "По её словам, неонацисты используют мирных жителей. Министр подверг план жесткой критике.")
    aa = analyze_article(Article(id="r2", text=text, language="ru"), AnalyzeOptions(embeddings=False))
    hits = {h.span.text: h for h in aa.loaded}
    assert hits["киевский режим"].in_quote and hits["неонацисты"].in_quote
    assert hits["жесткой"].category == "intensifier" and not hits["жесткой"].in_quote
    assert hits["киевский режим"].quote_id is not None


def test_weekday_written_with_the_wrong_date_is_flagged():
    from newsprism.analysis.ru.times import resolve_times_ru

    art = Article(id="x", text="Разговор состоялся в четверг, 29 июля.", published=date(2022, 7, 30), language="ru")
    (t,) = resolve_times_ru(art)
    assert t.start == date(2022, 7, 29) and t.weekday_mismatch == "Thursday"


@pytest.mark.parametrize("text", ["", "   ", "«", "— ,", "Лавров:«»", "Привет.Как дела?Хорошо", "Mixed латиница и Cyrillic.",
                                  "Въ пятницу министръ заявилъ: «Нѣтъ».", "«Мы готовы.» Министр сказал это вчера.",
                                  "«Кто ответит?» Так спросил министр."])
def test_odd_input_never_crashes(text):
    art = Article(id="odd", text=text, published=date(2022, 7, 29), language="ru")
    aa = analyze_article(art, AnalyzeOptions(embeddings=False))
    for rec in (*aa.quotes, *aa.times, *aa.numbers):
        span = getattr(rec, "content", None) or rec.span
        assert text[span.start : span.end] == span.text


GOLD = Path(__file__).parent / "data" / "ru_quotes_gold.jsonl"


def _attribution_scores(rows: list[dict]) -> tuple[float, float, float]:
    """Precision, recall, F1 of (quotation, speaker) on hand-labelled rows.

    A found quotation counts when its content and a gold one's contain one another and its speaker
    (the resolved entity's name, else the speaker words) holds the gold speaker's name.
    """
    tp = fp = fn = 0
    for n, row in enumerate(rows):
        aa = analyze_article(Article(id=f"g{n}", text=row["text"], language="ru"), AnalyzeOptions(embeddings=False))
        names = {e.id: e.name for e in aa.entities}
        gold = [(g["content"], g["speaker"].lower()[:5]) for g in row["quotes"]]
        used: set[int] = set()
        for q in aa.quotes:
            who = (names.get(q.speaker_entity or "") or (q.speaker.text if q.speaker else "")).lower()
            hit = next((i for i, (content, speaker) in enumerate(gold) if i not in used and speaker in who
                        and (content in q.content.text or q.content.text in content)), None)
            if hit is None:
                fp += 1
            else:
                used.add(hit)
                tp += 1
        fn += len(gold) - len(used)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return p, r, 2 * p * r / max(1e-9, p + r)


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_russian_attribution_on_the_hand_labelled_set(split: str) -> None:
    # Written for these tests: speech verbs before and after quotations, «по словам», role nouns
    # and pronouns standing for a person named earlier, organisations, sentences with no quote.
    # "heldout" rows were written and labelled before the rules were changed against "dev".
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    p, r, f1 = _attribution_scores([row for row in rows if row["split"] == split])
    assert f1 >= 0.9, (split, p, r, f1)


def test_organisations_written_as_abbreviations_are_one_entity_and_speak() -> None:
    text = ("Паводок подтопил сорок домов в Кургане. «Эвакуированы все жители», — сообщили в ГУ МЧС по "
            "Курганской области. Мост через Тобол закрыт, сообщили в Минтрансе. Проезд по трассе "
            "ограничен. Об этом сообщает УМВД по Курганской области. Глава МЧС Александр Куренков "
            "прилетел в регион. МИД России выразил протест.")
    aa = analyze_article(Article(id="org", text=text, language="ru"), AnalyzeOptions(embeddings=False))
    orgs = {e.name for e in aa.entities if e.type == "ORG"}
    # A branch («по» and its region) and a country in the genitive are part of the name; a person is not.
    assert {"ГУ МЧС по Курганской области", "УМВД по Курганской области", "МИД России", "МЧС"} <= orgs
    assert "Александр Куренков" in {e.name for e in aa.entities if e.type == "PERSON"}
    names = {e.id: e.name for e in aa.entities}
    got = [(q.content.text.rstrip("."), names.get(q.speaker_entity or "")) for q in aa.quotes]
    assert got == [("Эвакуированы все жители", "ГУ МЧС по Курганской области"),
                   ("Мост через Тобол закрыт", "Минтранс"),
                   # «Об этом сообщает X.»: the sentence before is what X reported.
                   ("Проезд по трассе ограничен", "УМВД по Курганской области")]


def test_an_attribution_after_the_clause_needs_a_speech_verb_and_a_named_speaker() -> None:
    text = ("Губернатор Игорь Руденя приехал на завод, где рассказал рабочим о планах. Он приехал в Тверь, "
            "рассказал о планах. Мост закрыли на ремонт. Об этом стало известно в пятницу. "
            "Компания Газпром увеличила выпуск, отметив рост спроса.")
    aa = analyze_article(Article(id="neg", text=text, language="ru"), AnalyzeOptions(embeddings=False))
    assert not aa.quotes
