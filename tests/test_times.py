"""Time expressions: finding them, resolving them against the publication date and each other."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsprism.analysis.nlp import english
from newsprism.analysis.times import resolve_times
from newsprism.model import Article, TimeRef, article_id

D = date
FRI = D(2022, 7, 29)  # a Friday
THU = D(2023, 3, 16)  # a Thursday

# (text, publication date, expected [(span text, start, end, weekday_mismatch), ...] in text order).
# Every sentence was written for these tests. The whole list must match: nothing more is emitted.
Expected = list[tuple[str, date | None, date | None, str | None]]
CASES: list[tuple[str, date | None, Expected]] = [
    # bare weekdays: past tense -> on or before publication (same day counts), future -> on or after
    ("The minister spoke Friday with her Austrian counterpart.", FRI, [("Friday", FRI, FRI, None)]),
    ("The envoy arrived in Vienna on Tuesday.", THU, [("on Tuesday", D(2023, 3, 14), D(2023, 3, 14), None)]),
    ("The mayor resigned on Thursday after a long row.", THU, [("on Thursday", THU, THU, None)]),
    ("The delegation will travel to Oslo on Monday.", THU, [("on Monday", D(2023, 3, 20), D(2023, 3, 20), None)]),
    ("Officials are expected to sign the accord on Saturday.", THU,
     [("on Saturday", D(2023, 3, 18), D(2023, 3, 18), None)]),
    ("The firm plans to publish its results on Thursday.", THU, [("on Thursday", THU, THU, None)]),
    ("He said Monday that he would step down.", THU, [("Monday", D(2023, 3, 13), D(2023, 3, 13), None)]),
    ("Talks collapsed last Monday and will resume next Wednesday.", THU,
     [("last Monday", D(2023, 3, 13), D(2023, 3, 13), None), ("next Wednesday", D(2023, 3, 22), D(2023, 3, 22), None)]),
    # modals, plans made in the past and the simple present go to the nearest occurrence
    ("He said Monday he would fly to Rome on Friday.", THU,
     [("Monday", D(2023, 3, 13), D(2023, 3, 13), None), ("on Friday", D(2023, 3, 17), D(2023, 3, 17), None)]),
    ("He said he would fly to Rome on Tuesday.", THU, [("on Tuesday", D(2023, 3, 14), D(2023, 3, 14), None)]),
    ("She was scheduled to fly home on Friday.", THU, [("on Friday", D(2023, 3, 17), D(2023, 3, 17), None)]),
    ("The new council takes over in January.", D(2022, 11, 20), [("in January", D(2023, 1, 1), D(2023, 1, 31), None)]),
    # a scheduling copula and "ahead of" say future; a date on a noun keeps its own time
    ("The vote is on Tuesday.", THU, [("on Tuesday", D(2023, 3, 21), D(2023, 3, 21), None)]),
    ("Campaigners gathered ahead of Saturday's vote.", THU, [("Saturday", D(2023, 3, 18), D(2023, 3, 18), None)]),
    ("The panel will investigate the Jan. 6 riot.", D(2021, 6, 3), [("Jan. 6", D(2021, 1, 6), D(2021, 1, 6), None)]),
    ("The note from Tuesday is clear.", THU, [("Tuesday", D(2023, 3, 14), D(2023, 3, 14), None)]),
    # a weekday given with a date: one expression; the stated weekday is kept when it does not fit
    ("The truce was signed on Tuesday, March 14, in Geneva.", THU,
     [("on Tuesday, March 14", D(2023, 3, 14), D(2023, 3, 14), None)]),
    ("The truce was signed on Wednesday, March 14, in Geneva.", THU,
     [("on Wednesday, March 14", D(2023, 3, 14), D(2023, 3, 14), "Wednesday")]),
    ("The summit opened on 14 March 2023 (Monday) in Geneva.", THU,
     [("on 14 March 2023 (Monday)", D(2023, 3, 14), D(2023, 3, 14), "Monday")]),
    ("Voting ended Sunday 12 March.", THU, [("Sunday 12 March", D(2023, 3, 12), D(2023, 3, 12), None)]),
    # chained expressions hang on the time before them
    ("Rebels seized the airport on October 2. Nine days later, the army took it back.", D(2022, 12, 1),
     [("on October 2", D(2022, 10, 2), D(2022, 10, 2), None),
      ("Nine days later", D(2022, 10, 11), D(2022, 10, 11), None)]),
    ("The dam burst on 6 June 2023. A week earlier, engineers had warned of cracks.", D(2023, 7, 1),
     [("on 6 June 2023", D(2023, 6, 6), D(2023, 6, 6), None),
      ("A week earlier", D(2023, 5, 30), D(2023, 5, 30), None)]),
    ("The ministers met on Tuesday. The next day, the border reopened.", THU,
     [("on Tuesday", D(2023, 3, 14), D(2023, 3, 14), None), ("The next day", D(2023, 3, 15), D(2023, 3, 15), None)]),
    ("The strike began two days after March 3, 2020, and spread fast.", D(2020, 6, 1),
     [("two days after", D(2020, 3, 5), D(2020, 3, 5), None), ("March 3, 2020", D(2020, 3, 3), D(2020, 3, 3), None)]),
    # a past-tense chain skips plans mentioned in between
    ("The spokesman spoke on Thursday. The minister is expected to visit Hanoi on August 3-5. "
     "On the same day, the spokesman said talks were over.", FRI,
     [("on Thursday", D(2022, 7, 28), D(2022, 7, 28), None), ("on August 3-5", D(2022, 8, 3), D(2022, 8, 5), None),
      ("On the same day", D(2022, 7, 28), D(2022, 7, 28), None)]),
    ("Investors sold shares several weeks earlier.", FRI, [("several weeks earlier", None, None, None)]),
    ("The strike ended on Monday, two days after the election.", THU,
     [("on Monday", D(2023, 3, 13), D(2023, 3, 13), None), ("two days after", None, None, None)]),
    ("The army withdrew on Monday. A day after, the talks began.", THU,
     [("on Monday", D(2023, 3, 13), D(2023, 3, 13), None), ("A day after", D(2023, 3, 14), D(2023, 3, 14), None)]),
    # dates without a year: nearest not after publication, unless the clause says future
    ("Parliament approved the budget on March 3.", FRI, [("on March 3", D(2022, 3, 3), D(2022, 3, 3), None)]),
    ("The treaty was ratified on September 12.", FRI, [("on September 12", D(2021, 9, 12), D(2021, 9, 12), None)]),
    ("The treaty will be ratified on September 12.", FRI, [("on September 12", D(2022, 9, 12), D(2022, 9, 12), None)]),
    ("Elections are due to take place on 3 March.", FRI, [("on 3 March", D(2023, 3, 3), D(2023, 3, 3), None)]),
    ("Ties were cut on Aug. 3, the ministry said.", FRI, [("on Aug. 3", D(2021, 8, 3), D(2021, 8, 3), None)]),
    ("The report was published on July 29.", FRI, [("on July 29", FRI, FRI, None)]),
    # ranges
    ("The festival will run from August 3 to 5.", FRI, [("from August 3 to 5", D(2022, 8, 3), D(2022, 8, 5), None)]),
    ("The fair is expected to take place on 10-12 September.", FRI,
     [("on 10-12 September", D(2022, 9, 10), D(2022, 9, 12), None)]),
    ("Prices rose between 2019 and 2021.", FRI, [("between 2019 and 2021", D(2019, 1, 1), D(2021, 12, 31), None)]),
    ("The games were held from August 30 to September 2, 2021.", FRI,
     [("from August 30 to September 2, 2021", D(2021, 8, 30), D(2021, 9, 2), None)]),
    ("Output fell from March to May 2020.", FRI, [("from March to May 2020", D(2020, 3, 1), D(2020, 5, 31), None)]),
    ("Exports fell in March and April 2020.", FRI,
     [("in March", D(2020, 3, 1), D(2020, 3, 31), None), ("April 2020", D(2020, 4, 1), D(2020, 4, 30), None)]),
    # years, months, deictic periods
    ("The plant was built in 2021.", FRI, [("in 2021", D(2021, 1, 1), D(2021, 12, 31), None)]),
    ("The law passed in March 2022.", FRI, [("in March 2022", D(2022, 3, 1), D(2022, 3, 31), None)]),
    ("The show was a hit in the 1990s.", FRI, [("in the 1990s", D(1990, 1, 1), D(1999, 12, 31), None)]),
    ("The panel will meet next week.", FRI, [("next week", D(2022, 8, 1), D(2022, 8, 7), None)]),
    ("Fuel prices fell this week and last month.", FRI,
     [("this week", D(2022, 7, 25), D(2022, 7, 31), None), ("last month", D(2022, 6, 1), D(2022, 6, 30), None)]),
    ("Earlier in the day, police closed the square.", FRI, [("Earlier in the day", FRI, FRI, None)]),
    ("The rally was held yesterday; another is planned for tomorrow.", FRI,
     [("yesterday", D(2022, 7, 28), D(2022, 7, 28), None), ("tomorrow", D(2022, 7, 30), D(2022, 7, 30), None)]),
    ("The mine closed two weeks ago.", FRI, [("two weeks ago", D(2022, 7, 15), D(2022, 7, 15), None)]),
    ("A deal could be reached later this year.", FRI, [("later this year", FRI, D(2022, 12, 31), None)]),
    ("The flag was raised on 2022-07-29 at noon.", D(2022, 8, 1), [("on 2022-07-29", FRI, FRI, None)]),
    # things that are not times
    ("The 28th session freed 2 Americans and 15 Britons under Paragraph 5 of Article 12.", FRI, []),
    ("A 45-year-old man, aged 45, was among 3,000 troops at 10 a.m.", FRI, []),
    ("The Good Friday Agreement was cited by USA Today and on the Today programme.", FRI, []),
    ("Theresa May 2019 memoirs sold well; you may 5 times ask.", FRI, []),
    ("Unemployment has been falling over the past year, and for the next week nothing changes.", FRI, []),
    ("Rescuers worked for days on end; the army sent 2000 troops.", FRI, []),
]


def _times(text: str, published: date | None) -> tuple[Article, tuple[TimeRef, ...]]:
    article = Article(id=article_id(text), text=text, published=published)
    return article, resolve_times(article, english()(text))


@pytest.mark.parametrize(("text", "published", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_table(text: str, published: date | None, expected: Expected) -> None:
    article, refs = _times(text, published)
    got = [(t.span.text, t.start, t.end, t.weekday_mismatch) for t in refs]
    assert got == expected
    for n, t in enumerate(refs):
        assert t.span.text == article.text[t.span.start : t.span.end]
        assert t.span.article_id == article.id
        assert t.id == f"{article.id}:t{n}"


def _one(text: str, published: date | None, span: str) -> TimeRef:
    _, refs = _times(text, published)
    return next(t for t in refs if t.span.text == span)


@pytest.mark.parametrize(
    ("text", "span", "kind", "anchor"),
    [
        ("The minister spoke Friday.", "Friday", "weekday", "published"),
        ("The law passed on July 29, 2022.", "on July 29, 2022", "date", "text"),
        ("The law passed on July 28.", "on July 28", "date", "published"),
        ("The truce was signed on Wednesday, March 14.", "on Wednesday, March 14", "date", "published"),
        ("Prices rose between 2019 and 2021.", "between 2019 and 2021", "range", "text"),
        ("The plant was built in 2021.", "in 2021", "range", "text"),
        ("The festival will run on August 3-5.", "on August 3-5", "range", "published"),
        ("The panel will meet next week.", "next week", "relative", "published"),
    ],
)
def test_kind_and_anchor(text: str, span: str, kind: str, anchor: str) -> None:
    ref = _one(text, FRI, span)
    assert (ref.kind, ref.anchor) == (kind, anchor)


def test_chained_anchor_is_the_id_of_the_time_it_refers_to() -> None:
    _, refs = _times("Rebels seized the airport on October 2. Nine days later, the army took it back.", FRI)
    first, chained = refs
    assert chained.kind == "chained"
    assert chained.anchor == first.id


def test_chain_on_a_chain() -> None:
    _, refs = _times("The talks began on 3 May 2021. Two days later they stalled; a week after that, they ended.",
                     None)
    assert [(t.span.text, t.start) for t in refs] == [
        ("on 3 May 2021", D(2021, 5, 3)), ("Two days later", D(2021, 5, 5)), ("a week after", D(2021, 5, 12))]
    assert refs[2].anchor == refs[1].id


def test_without_publication_date_deictic_times_stay_unresolved() -> None:
    _, refs = _times("The talks ended on Friday; a deal is due next week, after the vote on 3 May 2021.", None)
    got: list[tuple[Any, ...]] = [(t.span.text, t.kind, t.start, t.end, t.anchor) for t in refs]
    assert got == [
        ("on Friday", "weekday", None, None, None),
        ("next week", "relative", None, None, None),
        ("on 3 May 2021", "date", D(2021, 5, 3), D(2021, 5, 3), "text"),
    ]


def test_no_times_in_empty_text() -> None:
    assert _times("", FRI)[1] == ()


def test_chain_hangs_on_the_date_it_names_and_not_on_an_event() -> None:
    _, refs = _times("The strike began two days after March 3, 2020; it ended a week after the vote.", None)
    chained, named, event = refs
    assert (chained.anchor, chained.start) == (named.id, D(2020, 3, 5))
    assert (event.span.text, event.anchor, event.start) == ("a week after", None, None)
