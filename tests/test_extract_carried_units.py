"""Units the writer gives once for several numbers, and bounds written around two numbers (issue 8).

Where the cases come from: patterns of English seen in the tune fold's misses (``python -m
benchmarks.misses``: "from 21 mpg to 23", "280 million of the 1.5 billion shekels", "up by 2 percent ...
down by 1", "above 1000 and below 1500"), written here as new sentences; none is copied from a benchmark.
"""

from __future__ import annotations

import pytest

from figures.extract import extract


def units(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.unit) for f in extract(text)]


@pytest.mark.parametrize(
    ("text", "carried"),
    [
        # the end of a change takes its start's unit
        ("Fuel economy rose from 31 mpg on the old model to 34 on the new one.", ("34", "mile / gallon")),
        ("The queue grew from 2 km at dawn to about 5 by noon.", ("5", "kilometer")),
        ("Turnout fell from 64% in 2019 to 58 this year.", ("58", "percent")),
        # a second change "by" takes the first's
        ("The FTSE rose by 2 percent while the CAC fell by 1.", ("1", "percent")),
        ("Output grew by 3.5 tonnes and exports by 1.2 over the month.", ("1.2", "metric_ton")),
        ("Prices rose by 4% in May and by 3 in June.", ("3", "percent")),
        # what a figure is set against
        ("Unemployment rose to 5.2 percent, up from 4.9 a year earlier.", ("4.9", "percent")),
        ("Growth was 12 per cent versus 9 in the prior year.", ("9", "percent")),
        ("The new span is 410 metres, compared with 350 for the old bridge.", ("350", "meter")),
        # a part takes its whole's unit
        ("She has raised 40 million of the 90 million euros she needs.", ("40 million", "EUR")),
        ("The team has walked 12 of the 30 km so far.", ("12", "kilometer")),
        ("Only 300 million of its 2 billion rupees came from abroad.", ("300 million", "INR")),
        # the level a change reached takes the unit of where it started
        ("The bank cut its forecast to 2.1 from 2.5 per cent.", ("2.1", "percent")),
        ("Output rose to 120 from 100 tonnes.", ("120", "metric_ton")),
        ("Turnout fell to 58, down from 64% last time.", ("58", "percent")),
        # one unit at the end of a list
        ("Sales rose 2, 3 and 4 percent in the three regions.", ("2", "percent")),
        ("Cracks of 5, 10 or 15 mm were found.", ("10", "millimeter")),
        ("Trees grow 1.5, 2.0, and 2.5 metres a year.", ("1.5", "meter / year")),
    ],
)
def test_a_bare_number_takes_the_unit_its_sentence_gave(text: str, carried: tuple[str, str]) -> None:
    assert carried in units(text)


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("The index rose 8.15% to 3,650.", "3,650"),  # a change then a level: not the same unit
        ("It fell 2 km from 40 houses.", "40 houses"),  # a counted noun keeps its noun
        ("The strike lasted 3 days. From 4 to 5 people joined.", "From 4 to 5 people"),  # another sentence
        ("In 2019, 2020 and 2021 it grew 5%.", "5%"),  # years are no list of percentages
    ],
)
def test_no_unit_is_carried_where_the_sentence_does_not_share_it(text: str, bare: str) -> None:
    found = units(text)
    assert bare in [surface for surface, _ in found]
    if bare != "5%":
        assert (bare, "percent") not in found and (bare, "kilometer") not in found


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("The number is above 1000 and below 1500.", "above 1000 and below 1500", 1000, 1500),
        ("Bids came in above 40 and below 60 dollars.", "above 40 and below 60 dollars", 40, 60),
        ("sales greater than or equal to 50", "50", 50, None),
        ("a team of 30 or more", "30", 30, None),
        ("children aged 12 and below", "12", None, 12),
    ],
)
def test_bounds_around_numbers(text: str, surface: str, low: float | None, high: float | None) -> None:
    figure = next(f for f in extract(text) if f.text == surface)
    assert (figure.low, figure.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("Judges gave scores of 7, 8 and 9 points.", ["7", "8", "9 points"]),
        ("He scores between ten and fifteen a game.", ["between ten and fifteen"]),
        ("Scores of people were hurt.", ["Scores of people"]),
        ("Dozens of drones were shot down.", ["Dozens of drones"]),
    ],
)
def test_vague_words_before_numbers_or_as_verbs(text: str, surfaces: list[str]) -> None:
    assert [f.text for f in extract(text)] == surfaces


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        # a glued m before a plural noun or unit is millions; before a singular or an adjective, metres
        ("The island is home to 3.5m people.", "3.5m people", 3.5e6, "count"),
        ("The app has 20m users.", "20m users", 20e6, "count"),
        ("Output reached 10m barrels last month.", "10m barrels", 10e6, "oil_barrel"),
        ("a 3.5m boat", "3.5m", 3.5, "meter"),
        ("The water is 5m deep.", "5m", 5, "meter"),
        ("a 2m tall fence", "2m", 2, "meter"),
        # feet and inches, glued to their marks
        ("The 6ft 2in striker scored twice.", "6ft 2in", 6 + 2 / 12, "foot"),
        ("Both walls, 5ft 9in and 6ft 1in, fell.", "5ft 9in", 5.75, "foot"),
        ("He is 5 ft 11 in tall.", "5 ft 11 in", 5 + 11 / 12, "foot"),
    ],
)
def test_glued_scales_and_feet_and_inches(text: str, surface: str, value: float, unit: str) -> None:
    found = [(f.text, f.value, f.unit) for f in extract(text)]
    assert (surface, pytest.approx(value), unit) in found
    assert len({f[0] for f in found}) == len(found)  # no part reported twice


def nouns(text: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.noun) for f in extract(text)]


@pytest.mark.parametrize(
    ("text", "carried"),
    [
        # set against the first: a change, a comparison (invented sentences)
        ("Cases rose from 30 infections to 45 in a week.", ("45", "infections")),
        ("The firm has 250 staff, up from 200 last year.", ("200", "staff")),
        # the end of a tally
        ("The motion passed by 218 votes to 212.", ("212", "votes")),
        ("Rovers beat City by 3 goals to 1.", ("1", "goals")),
        ("The governor won 306 electoral votes to Smith's 232.", ("232", "electoral votes")),
        ("Labour took 40 seats to the Tories’ 12.", ("12", "seats")),
        # a part of a counted whole
        ("The quarterback completed 22 of 30 passes.", ("22", "passes")),
        ("The side won 8 of their 10 games.", ("8", "games")),
        ("About 12 of the 50 states have such laws.", ("12", "states")),
        # a parallel clause with nothing after the number but a participle or "more"
        ("Three people were killed and 12 injured.", ("12", "people")),
        ("The storm destroyed some 600 homes and damaged 1,400 more.", ("1,400", "homes")),
        ("The chain shut 40 stores and will close 25 more.", ("25", "stores")),
    ],
)
def test_a_bare_number_takes_the_counted_noun_its_sentence_gave(
    text: str, carried: tuple[str, str]
) -> None:
    assert carried in nouns(text)


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("The school has 400 pupils and 12 of them are boarders.", "12"),  # a partitive of a pronoun
        ("The club counted 300 members and 40 is enough for a vote.", "40"),  # a verb in -s after it
        ("The club has 300 members; 40 is the quorum.", "40"),  # another sentence part
    ],
)
def test_no_counted_noun_is_carried_where_the_sentence_does_not_share_it(text: str, bare: str) -> None:
    assert (bare, None) in nouns(text)
