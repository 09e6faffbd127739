"""The scanner's counted noun (figures.extract.nouns): where the word window after a number stops.

Every sentence here is invented for the pattern it shows; none is copied from a benchmark.
"""

from __future__ import annotations

import pytest

from figures.extract import extract

# (sentence, the figure's text, the counted noun)
SINGULAR_IN_US = [
    # an adjective in -ous or a noun in -us is no plural: the noun goes on to its head
    ("Investigators looked at 10 previous attempts to breach the dam.", "10 previous attempts",
     "previous attempts"),
    ("The crash caused 5 serious injuries on the motorway.", "5 serious injuries", "serious injuries"),
    ("Health officials logged 40 virus cases in the town.", "40 virus cases", "virus cases"),
    ("The airline will take 12 new Airbus jets next year.", "12 new Airbus jets", "new Airbus jets"),
]
PLURAL_MODIFIER = [
    # a plural-looking word right before a lowercase plural modifies it
    ("The chain opened 12 gas stations this year.", "12 gas stations", "gas stations"),
    ("Police arrested 200 arms dealers in the raid.", "200 arms dealers", "arms dealers"),
    ("The university hired 6 economics professors.", "6 economics professors", "economics professors"),
    ("The fleet has 4 Mercedes vans.", "4 Mercedes vans", "Mercedes vans"),
]
DOTTED_ABBREVIATIONS = [
    # an abbreviation written with dots is one word of the noun, not the end of a sentence
    ("The strike wounded 3 U.S. soldiers.", "3 U.S. soldiers", "U.S. soldiers"),
    ("Some 200 U.N. peacekeepers arrived.", "200 U.N. peacekeepers", "U.N. peacekeepers"),
    ("The navy bought 2 U.S.-made drones.", "2 U.S.-made drones", "U.S.-made drones"),
    ("About 5 U.K. lenders bid.", "5 U.K. lenders", "U.K. lenders"),
]
STOPS_AT_THE_PLURAL = [
    # a plural followed by a verb, a preposition or a name ends the noun
    ("Three Americans won medals on Sunday.", "Three Americans", "Americans"),
    ("About 15 senators joined Democrats in the vote.", "15 senators", "senators"),
    ("The club signed 3 players from Brazil.", "3 players", "players"),
    ("Some 40 glasses were broken.", "40 glasses", "glasses"),
]


WINDOW_CASES = SINGULAR_IN_US + PLURAL_MODIFIER + DOTTED_ABBREVIATIONS + STOPS_AT_THE_PLURAL


@pytest.mark.parametrize(("sentence", "text", "noun"), WINDOW_CASES)
def test_counted_noun_window(sentence: str, text: str, noun: str) -> None:
    figures = [f for f in extract(sentence) if f.text == text]
    assert figures, [(f.text, f.noun) for f in extract(sentence)]
    assert (figures[0].unit, figures[0].noun) == ("count", noun)


@pytest.mark.parametrize(
    ("sentence", "text", "noun"),
    [
        # a unit named after a person, capitalised before a plural noun, names a firm or a town
        ("Regulators recalled 3,000 Tesla vehicles on Monday.", "3,000 Tesla vehicles", "Tesla vehicles"),
        ("The rental firm sold 2,000 Hertz cars.", "2,000 Hertz cars", "Hertz cars"),
        ("About 400 Newton residents signed the petition.", "400 Newton residents", "Newton residents"),
    ],
)
def test_a_capitalised_unit_before_a_plural_is_a_name(sentence: str, text: str, noun: str) -> None:
    (figure,) = [f for f in extract(sentence) if f.text == text]
    assert (figure.unit, figure.noun) == ("count", noun)


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The grid runs at 50 Hertz.", "hertz"),  # no noun after it: the unit
        ("The magnet reached 3 tesla in the test.", "tesla"),
        ("The bulb draws 60 Watts.", "watt"),
    ],
)
def test_a_unit_named_after_a_person_stays_a_unit(sentence: str, unit: str) -> None:
    (figure,) = extract(sentence)
    assert figure.unit == unit


@pytest.mark.parametrize(
    ("sentence", "text", "noun"),
    [
        # after a ratio the verb agrees with "one": a plural ends the noun even before a word in -s
        ("One in four children lives in poverty.", "One in four children", "children"),
        ("One in five adults smokes daily.", "One in five adults", "adults"),
        ("Three in 10 Americans say they rarely cook.", "Three in 10 Americans", "Americans"),
    ],
)
def test_the_noun_of_a_ratio_ends_at_its_plural(sentence: str, text: str, noun: str) -> None:
    (figure,) = extract(sentence)
    assert (figure.text, figure.noun) == (text, noun)
