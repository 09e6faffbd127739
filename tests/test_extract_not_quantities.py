"""Numbers that are not quantities (issue 8): day ranges and date pieces, law, bill and order numbers, phone
and card numbers, "one" as a pronoun or in idioms, relative-time phrases ("a six-week high").

Where the cases come from: the kinds issue 8 lists from its audit of scraped news pages; every sentence is
invented here, none copied from a benchmark or the audited pages. Each kind has a table of texts that must
give no figure there, and a table of near misses that must still give their figure.
"""

from __future__ import annotations

import pytest

from figures.extract import extract


def surfaces(text: str) -> list[str]:
    return [f.text for f in extract(text)]


NOT_QUANTITIES = {
    "day ranges and date pieces": [
        "The summit runs 3-4 March in Brussels.",
        "Talks are set for May 12-13 in Geneva.",
        "The fair is open 12 to 14 June.",
        "Voting is on 5 and 6 June.",
        "Strikes are planned for Oct. 2-3.",
        "between March 3 and 5",
    ],
    "law, bill and order numbers": [
        "the bill, H.R. 815, passed the House",
        "Executive Order 14110 was signed",
        "under Directive 2019/790 on copyright",
        "the Senate passed S. 2226 on Tuesday",
        "Proposition 22 was approved by voters",
        "a ruling on Regulation 1169 of the council",
    ],
    "phone and card numbers": [
        "Call 0800 123 4567 for help.",
        "call +44 20 7946 0958 today",
        "ring (212) 555-0199 after 6pm",
        "the hotline 202-555-0147 is open",
        "card number 4111 1111 1111 1111 was stolen",
    ],
    "one as a pronoun or in an idiom": [
        "At one stage the army retreated.",
        "at one point, he said, it was over",
        "One day he simply left.",
        "One evening, they met by chance.",
        "one of them said it was false",
        "no one came to the meeting",
    ],
    "relative-time phrases": [
        "Oil hit a six-week high on Friday.",
        "Shares fell to a 52-week low.",
        "the yen's three-month low against the dollar",
        "a 10-year high for mortgage rates",
        "bonds touched a two-decade peak",
    ],
}


@pytest.mark.parametrize(
    "text", [t for texts in NOT_QUANTITIES.values() for t in texts], ids=lambda t: t[:40]
)
def test_no_figure(text: str) -> None:
    assert surfaces(text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("It cost 3-4 million to repair.", "3-4 million"),  # a range with no month
        ("The strike lasted one day.", "one day"),  # a duration
        ("a one-day strike", "one-day"),
        ("the 10-year bond", "10-year"),  # a span that is no relative-time phrase
        ("a 3-month high of $5", "$5"),  # the level itself stays
        ("Oil rose 6% in March.", "6%"),
        ("an order of 500 tanks", "500 tanks"),  # "order" in lower case is no law
        ("Bill Gates gave $5bn to charity.", "$5bn"),
        ("It has 1,234 members.", "1,234 members"),  # digits in groups are no phone number
        ("Prices rose +5% in May.", "5%"),
    ],
)
def test_near_misses_keep_their_figure(text: str, surface: str) -> None:
    assert surface in surfaces(text)
