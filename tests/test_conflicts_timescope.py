"""Time scopes of results news (figures/link/timescope.py): a quarter or half named without its year, and
the period a year before the one a sentence names. Claims group by time scope, so a quarterly figure left
undated would be compared with every other undated figure of its company, and last year's quarter
labelled with the whole of last year with a figure for that year."""

from __future__ import annotations

import datetime as dt

import pytest

from figures.link import timescope

APRIL = dt.date(2026, 4, 23)
FEBRUARY = dt.date(2026, 2, 10)


def _scopes(sentence: str, date: dt.date | None) -> list[tuple[str, str]]:
    return [(mention.text, mention.scope) for mention in timescope.find(sentence, date)]


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        ("It posted first-quarter revenue of $2.3 billion.", APRIL, [("first-quarter", "2026-Q1")]),
        ("Revenue in the first quarter rose to $7.4 billion.", APRIL, [("the first quarter", "2026-Q1")]),
        ("Sales in Q4 fell 3%.", APRIL, [("Q4", "2025-Q4")]),
        # the nearest period of that name: results of last year's fourth quarter come out in February,
        # while "the second half" in April is still to come
        ("Fourth-quarter profit was $1bn.", FEBRUARY, [("Fourth-quarter", "2025-Q4")]),
        ("It will cut 500 jobs in the second half.", APRIL, [("the second half", "2026-H2")]),
        ("It will cut 500 jobs in the second half.", FEBRUARY, [("the second half", "2025-H2")]),
        ("First-half profit rose to $3bn.", APRIL, [("First-half", "2026-H1")]),
        # with its year, the year stands
        ("In the first half of 2025 it earned $3bn.", APRIL, [("In the first half of 2025", "2025-H1")]),
        (
            "It earned $2bn in the third quarter of 2024.",
            APRIL,
            [("in the third quarter of 2024", "2024-Q3")],
        ),
        # no article date: the words as written
        ("It posted first-quarter revenue of $2.3 billion.", None, [("first-quarter", "first-quarter")]),
    ],
)
def test_a_period_without_its_year_is_the_nearest_one(
    sentence: str, date: dt.date | None, expected: list[tuple[str, str]]
) -> None:
    assert _scopes(sentence, date) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It reported revenue of $2.31 billion for the first quarter of 2026, up from $2.14 billion in the "
         "same quarter last year.", [("for the first quarter of 2026", "2026-Q1"),
                                     ("the same quarter last year", "2025-Q1")]),
        ("Boeing lost $6bn in the third quarter, against $2bn in the year-ago quarter.",
         [("the third quarter", "2026-Q3"), ("the year-ago quarter", "2025-Q3")]),
        ("Sales were $40m in March 2026, against $35m in the same month a year earlier.",
         [("in March 2026", "2026-03"), ("the same month a year earlier", "2025-03")]),
        # no period named: last year, as "last year" alone
        ("Profit in the same period last year was $2bn.", [("the same period last year", "2025")]),
    ],
)  # fmt: skip
def test_the_same_period_a_year_before_is_that_period_a_year_earlier(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert _scopes(sentence, APRIL) == expected


def test_the_same_period_a_year_before_in_an_undated_article() -> None:
    dated = "It earned $3.2bn in the first half of 2025, against $4bn over the same period last year."
    assert _scopes(dated, None)[-1] == ("the same period last year", "2024-H1")  # the seed's Euroclear
    assert _scopes("Profit in the same period last year was $2bn.", None) == [
        ("the same period last year", "the same period last year")
    ]


def test_the_period_a_year_before_reaches_its_figure() -> None:
    sentence = (
        "Revenue was $2.31 billion in the first quarter of 2026, up from $2.14 billion in the same quarter "
        "last year."
    )
    earlier = sentence.index("$2.14 billion")
    scope, words = timescope.scope_for(sentence, earlier, earlier + len("$2.14 billion"), APRIL)
    assert (scope, words) == ("2025-Q1", "the same quarter last year")
    assert timescope.dates_for(scope, APRIL) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))


FRIDAY = dt.date(2026, 1, 16)


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        ("The toll has risen to 73, the ministry said on Thursday.", FRIDAY, [("on Thursday", "2026-01-15")]),
        ("The toll from Tuesday's collapse rose.", FRIDAY, [("Tuesday", "2026-01-13")]),
        ("On Friday, 12 were rescued.", FRIDAY, [("On Friday", "2026-01-16")]),  # the article's own day
        ("Since Monday, 40 people have died.", FRIDAY, [("Since Monday", "since 2026-01-12")]),
        ("Saturday's strike killed 4.", FRIDAY, [("Saturday", "2026-01-10")]),  # the week before
        # an undated article's weekday is any week's: no scope
        ("The toll has risen to 73, the ministry said on Thursday.", None, []),
    ],
)
def test_a_weekday_is_that_day_of_the_week_up_to_the_articles_day(
    sentence: str, date: dt.date | None, expected: list[tuple[str, str]]
) -> None:
    assert _scopes(sentence, date) == expected
