"""Bounds, ranges and fractions of a percentage as English and news typography write them.

Every sentence here is invented for the pattern it shows; none is copied from a benchmark.
"""

from __future__ import annotations

import pytest

from figures.extract import extract
from figures.model import Figure


def _only(text: str) -> Figure:
    figures = extract(text, doc_id="invented")
    assert len(figures) == 1, [(f.text, f.value, f.range) for f in figures]
    return figures[0]


# (sentence, value, the asserted interval)
INCLUSIVE_BOUNDS = [
    # a comparative "or equal": the bound includes its number, whichever order the words come in
    ("Fares must be greater than or equal to 30 euros.", 30, (30, None)),
    ("Only towns larger or equal to 5,000 people qualify.", 5000, (5000, None)),
    ("Loans smaller than or equal to $200 are exempt.", 200, (None, 200)),
    ("Bids equal to or lower than 40 points win.", 40, (None, 40)),
    ("Scores equal or higher than 75 pass.", 75, (75, None)),
]
NEGATED_BOUNDS = [
    # a negated comparative is the other bound: "no greater than 30" is at most 30
    ("Class sizes will be no greater than 30 pupils.", 30, (None, 30)),
    ("The fee is not below 12 dollars.", 12, (12, None)),
    ("Speeds were not above 50 km/h in the town.", 50, (None, 50)),
    ("The pension will be no lower than 900 pounds.", 900, (900, None)),
    ("Turnout was not over 40 percent.", 40, (None, 40)),
]
BOUND_AFTER = [
    # a bound written after the number
    ("The repairs will take 3 weeks at most.", 3, (None, 3)),
    ("The fine is 500 dollars at the least.", 500, (500, None)),
    ("Crowds of 10,000 or bigger are expected.", 10000, (10000, None)),
    ("Plots of 2 hectares or smaller are exempt.", 2, (None, 2)),
    ("Each flat costs 300,000 euros at least.", 300000, (300000, None)),
]
BOUND_WORDS = [
    # "minimum"/"maximum" written straight before the number, "upward of", "not exceeding"
    ("The course lasts minimum 6 weeks.", 6, (6, None)),
    ("Rooms hold maximum 4 guests.", 4, (None, 4)),
    ("Sentences not exceeding 2 years were handed down.", 2, (None, 2)),
    ("The project drew upward of 200 volunteers.", 200, (200, None)),
    ("Bags up to and including 23 kg fly free.", 23, (None, 23)),
]


@pytest.mark.parametrize(
    ("sentence", "value", "bounds"), INCLUSIVE_BOUNDS + NEGATED_BOUNDS + BOUND_AFTER + BOUND_WORDS
)
def test_bounds(sentence: str, value: float, bounds: tuple[float | None, float | None]) -> None:
    figure = _only(sentence)
    assert figure.value == value
    assert (figure.low, figure.high) == bounds


# (sentence, the range, the unit)
RANGES = [
    # a tilde between two numbers is a range in East Asian typography; it hedges neither number
    ("Temperatures will reach 28~31 degrees Celsius.", (28, 31), "degree_Celsius"),
    ("Each set costs 3 ~ 5 dollars.", (3, 5), "USD"),
    ("Growth of 2〜3% is forecast.", (2, 3), "percent"),
    # "thru", the informal "through"
    ("The team needs 6 thru 8 wins.", (6, 8), "count"),
    ("Expect 20 thru 30 minutes of delays.", (20, 30), "minute"),
    ("Output fell 10 thru 15 percent.", (10, 15), "percent"),
    # the upper end's sign written out
    ("The index swung between minus 5 and plus 5 percent.", (-5, 5), "percent"),
    ("Readings ranged from -3 to +4 degrees Celsius.", (-3, 4), "degree_Celsius"),
    ("The score moves between negative ten and positive ten.", (-10, 10), ""),
    # a spelled low end takes the scale word of a spelled upper end
    ("Between two and three hundred people came.", (200, 300), "count"),
    ("Five to six thousand fans marched.", (5000, 6000), "count"),
    ("Between ninety and ninety-five thousand homes were hit.", (90000, 95000), "count"),
    # a four-digit low end is no year when the range's other end has a unit or currency
    ("Tickets sold for between 1500 and 2000 dollars.", (1500, 2000), "USD"),
    ("The flight covers 1200-1500 km.", (1200, 1500), "kilometer"),
    ("Rents of 1800 to 2,400 euros are common.", (1800, 2400), "EUR"),
]


@pytest.mark.parametrize(("sentence", "bounds", "unit"), RANGES)
def test_ranges(sentence: str, bounds: tuple[float, float], unit: str) -> None:
    figure = _only(sentence)
    assert figure.range == bounds
    assert figure.unit == unit
    assert figure.qualifier is None


def test_a_tilde_before_a_lone_number_still_hedges_it() -> None:
    figure = _only("The flight takes ~5 hours.")
    assert (figure.value, figure.qualifier) == (5, "about")


# (sentence, the figure as written, value)
FRACTIONS_OF_A_PERCENTAGE = [
    # a fraction of a percent or of a percentage point, with or without "of a", "a", "of one"
    ("The central bank raised rates by a quarter percentage point.", "a quarter percentage point", 0.25),
    ("Rates fell by half a percentage point.", "half a percentage point", 0.5),
    ("The bank cut by three-quarters of a percentage point.", "three-quarters of a percentage point", 0.75),
    ("Prices rose a half per cent in May.", "a half per cent", 0.5),
    ("Growth slowed to a quarter of one percent.", "a quarter of one percent", 0.25),
    ("Yields moved a third of a percent.", "a third of a percent", 1 / 3),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), FRACTIONS_OF_A_PERCENTAGE)
def test_fractions_of_a_percentage(sentence: str, surface: str, value: float) -> None:
    figure = _only(sentence)
    assert figure.text == surface
    assert figure.value == pytest.approx(value)
    assert (figure.unit, figure.dimension) == ("percent", "percent")


@pytest.mark.parametrize(
    "sentence",
    [
        "Half of the voters stayed home.",  # a share of a whole, not a percentage
        "A third of the budget went on roads.",
        "Three-quarters of a mile of road was closed.",
    ],
)
def test_fractions_of_other_things_are_not_percentages(sentence: str) -> None:
    assert all(f.unit != "percent" for f in extract(sentence, doc_id="invented"))


@pytest.mark.parametrize(
    "sentence",
    [
        "It happened between 1990 and 2000.",  # years, no unit after the range
        "In 2019 and 2020 miles of road were built.",  # "and" without "between" joins no range
        "The band toured from 1975 to 1979.",
    ],
)
def test_year_ranges_stay_years(sentence: str) -> None:
    figures = extract(sentence, doc_id="invented")
    assert all(f.value not in (1990, 2019, 1975) and f.range is None for f in figures)


@pytest.mark.parametrize(
    ("sentence", "change", "level"),
    [
        # a change in percentage or basis points and the level it reached are two figures, not a range
        ("The jobless rate fell 0.3 percentage points to 4.1 per cent.", 0.3, 4.1),
        ("The bond yield climbed 12 basis points to 4.2%.", 12, 4.2),
        ("Its share widened 2 percentage points to 31 percent.", 2, 31),
        ("Approval slipped 1.5 points to 38%.", 1.5, 38),
    ],
)
def test_a_change_in_points_then_a_level_is_no_range(sentence: str, change: float, level: float) -> None:
    figures = extract(sentence, doc_id="invented")
    assert [(f.value, f.range) for f in figures] == [(change, None), (level, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Rates could rise 1 to 2 percentage points.",  # both ends in points: a range
        "Rates could rise 1 percentage point to 2 percentage points.",
        "Spreads may widen 25 to 50 basis points.",
    ],
)
def test_a_range_in_points_stays_a_range(sentence: str) -> None:
    (figure,) = extract(sentence, doc_id="invented")
    assert figure.range is not None


@pytest.mark.parametrize(
    ("sentence", "bounds", "qualifier"),
    [
        # a preposition bounds inclusively with "or equal to" or "at or" (no "than" after a preposition)
        ("Inflation must stay at or below 2%.", (None, 2), "up to"),
        ("Drivers at or above 70 mph are fined.", (70, None), "at least"),
        ("Bonuses equal to or above 40 dollars are taxed.", (40, None), "at least"),
        ("Rates over or equal to 5% apply.", (5, None), "at least"),
        ("Loads under or equal to 3 tonnes pass.", (None, 3), "up to"),
    ],
)
def test_prepositions_bound_inclusively(
    sentence: str, bounds: tuple[float | None, float | None], qualifier: str
) -> None:
    figure = _only(sentence)
    assert ((figure.low, figure.high), figure.qualifier) == (bounds, qualifier)


@pytest.mark.parametrize(
    ("sentence", "bounds", "unit"),
    [
        # "from X up to Y": a range whose upper end is written as a bound
        ("Crowds of from 10 up to 50 people gathered.", (10, 50), "count"),
        ("Tickets rose from $5 up to $9.", (5, 9), "USD"),
        ("The value runs from 12 up to 20.", (12, 20), ""),
    ],
)
def test_from_up_to_is_a_range(sentence: str, bounds: tuple[float, float], unit: str) -> None:
    figure = _only(sentence)
    assert (figure.range, figure.unit) == (bounds, unit)


@pytest.mark.parametrize(
    ("sentence", "bounds", "qualifier"),
    [
        # comparatives of age, size, time, price and heat bound the measure after them
        ("Voters older than 65 backed the plan.", (65, None), "more than"),
        ("Flights longer than 6 hours get a meal.", (6, None), "more than"),
        ("Phones cheaper than $200 sold out.", (None, 200), "less than"),
        ("Nights colder than -20C are rare.", (None, -20), "less than"),
        # negated, the other bound, inclusive
        ("Applicants must be no older than 30.", (None, 30), "up to"),
        ("Parcels no heavier than 2 kg ship free.", (None, 2), "up to"),
    ],
)
def test_comparatives_bound_a_measure(
    sentence: str, bounds: tuple[float | None, float | None], qualifier: str
) -> None:
    figure = _only(sentence)
    assert ((figure.low, figure.high), figure.qualifier) == (bounds, qualifier)


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        # after a verb of change, a move and the level reached, each in its own unit, are two figures
        ("Shares in the miner fell 12p to 340p.", [12, 340]),
        ("The stock rose $2.50 to $48.", [2.5, 48]),
        ("Yields were up 10 basis points to 120 basis points.", [10, 120]),
    ],
)
def test_a_move_then_a_level_is_no_range(sentence: str, values: list[float]) -> None:
    assert [(f.value, f.range) for f in extract(sentence, doc_id="invented")] == [(v, None) for v in values]


@pytest.mark.parametrize(
    ("sentence", "bounds"),
    [
        ("Prices rose 3% to 4% this year.", (3, 4)),  # close ends: a range of the change
        ("Tickets cost $5 to $50.", (5, 50)),  # no verb of change
        ("Sales grew from $2 million to $9 million.", (2e6, 9e6)),  # from ... to
    ],
)
def test_ranges_beside_verbs_of_change(sentence: str, bounds: tuple[float, float]) -> None:
    assert _only(sentence).range == bounds


# a scale word one number cannot hold starts a second number: scales above a hundred fall within a number
# and each group below a thousand has one "hundred"
SPELLED_ENDS_OF_A_RANGE = [
    ("Between one hundred and two hundred volunteers turned up.", (100, 200)),
    ("The estate has between one thousand and two thousand acres.", (1000, 2000)),
    ("Attendance was between five hundred and six hundred a night.", (500, 600)),
    ("The charity wants between one million and two million pounds.", (1e6, 2e6)),
]


@pytest.mark.parametrize(("sentence", "bounds"), SPELLED_ENDS_OF_A_RANGE)
def test_spelled_ends_of_a_range_are_two_numbers(sentence: str, bounds: tuple[float, float]) -> None:
    assert _only(sentence).range == bounds


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The firm hired one hundred and two thousand temporary staff.", 102000),
        ("The town has two hundred thousand three hundred and five voters.", 200305),
        ("Twelve hundred runners started the race.", 1200),
    ],
)
def test_one_spelled_number_keeps_its_scales(sentence: str, value: float) -> None:
    assert _only(sentence).value == value


# (sentence, value, the asserted interval)
BOUNDS_ENDING_IN_THAN = [
    # "or more than" / "or less than" with no number after bounds the number before it
    ("The repairs could take 10 years or more than that.", 10, (10, None)),
    ("Each bid was 400 dollars or less than that.", 400, (None, 400)),
    ("Votes needed: 120 or more than.", 120, (120, None)),
]
AND_UP = [
    # "and up", "and upwards": the number is a lower bound
    ("Tickets for children of 12 and up cost 8 dollars.", 12, (12, None)),
    ("Homes priced at 2 million dollars and upwards sold fast.", 2e6, (2e6, None)),
    ("Sizes 10 and up are sold out.", 10, (10, None)),
]


@pytest.mark.parametrize(("sentence", "value", "bounds"), BOUNDS_ENDING_IN_THAN + AND_UP)
def test_more_bounds(sentence: str, value: float, bounds: tuple[float | None, float | None]) -> None:
    figures = [f for f in extract(sentence, doc_id="invented") if f.value == value]
    assert len(figures) == 1, [(f.text, f.value) for f in extract(sentence, doc_id="invented")]
    assert (figures[0].low, figures[0].high) == bounds


@pytest.mark.parametrize(
    "sentence",
    [
        "Shares rose 30 or more than 40 times in a year.",  # "or more than 40" bounds the 40
        "The crowd grew from 2 and up to 5 thousand.",  # "up to" bounds what follows
        "The song topped 12 charts in a year.",  # came first in 12 charts
    ],
)
def test_bounds_that_belong_elsewhere(sentence: str) -> None:
    first = extract(sentence, doc_id="invented")[0]
    assert (first.low, first.high) == (first.value, first.value) or first.range is not None, first


# (sentence, value, the asserted interval): a fraction right after a bound is a figure without its "of"
FRACTIONS_AFTER_A_BOUND = [
    ("Turnout in the city was over half.", 0.5, (0.5, None)),
    ("Less than a third voted for the plan.", 1 / 3, (None, 1 / 3)),
    ("Support has fallen to under a quarter.", 0.25, (None, 0.25)),
]
# "surpasses": a bound like "exceeds" ("beneath" is not: "buried beneath 3 metres of rubble")
MORE_BOUND_WORDS = [
    ("The new tower surpasses 300 metres.", 300, (300, None)),
    ("Public debt now surpasses 90 percent of output.", 90, (90, None)),
    ("The death toll surpasses 1,000 people.", 1000, (1000, None)),
]


@pytest.mark.parametrize(("sentence", "value", "bounds"), FRACTIONS_AFTER_A_BOUND + MORE_BOUND_WORDS)
def test_bounds_of_fractions_and_more_bound_words(
    sentence: str, value: float, bounds: tuple[float | None, float | None]
) -> None:
    figure = _only(sentence)
    assert figure.value == pytest.approx(value)
    assert (figure.low, figure.high) == pytest.approx(bounds)


# "and below", "or more" before a spelled number bound that number, not the one before them
SPELLED_BOUNDS_JOINED = [
    ("Support was above one quarter and below three quarters.", (0.25, 0.75)),
    ("Each class had more than twenty and fewer than forty pupils.", (20, 40)),
    ("Stays of over five and under ten nights were cheaper.", (5, 10)),
]


@pytest.mark.parametrize(("sentence", "bounds"), SPELLED_BOUNDS_JOINED)
def test_two_spelled_bounds_make_a_range(sentence: str, bounds: tuple[float, float]) -> None:
    figure = _only(sentence)
    assert (figure.low, figure.high) == pytest.approx(bounds)


# (sentence, value, the asserted interval)
OPEN_ENDS = [
    # "upwards" and "and beyond" after the number leave its top open
    ("Seats are priced at 30 euros and upwards.", 30, (30, None)),
    ("Homes of 250,000 dollars and upward sold first.", 250000, (250000, None)),
    ("Funds of 10 million dollars or beyond qualify.", 1e7, (1e7, None)),
    ("The plan covers 2030 budgets of 5 billion dollars and beyond.", 5e9, (5e9, None)),
]


@pytest.mark.parametrize(("sentence", "value", "bounds"), OPEN_ENDS)
def test_open_ends(
    sentence: str, value: float, bounds: tuple[float | None, float | None]
) -> None:
    figures = [f for f in extract(sentence, doc_id="invented") if f.value == value]
    assert len(figures) == 1, [(f.text, f.value) for f in extract(sentence, doc_id="invented")]
    assert (figures[0].low, figures[0].high) == bounds
    assert figures[0].noun is None  # "upwards" is no counted noun


@pytest.mark.parametrize(
    ("sentence", "noun"),
    [
        # "upward", "downward", "onward" before a noun are adjectives: the count keeps its noun and no bound
        ("Fitch made 20 upward revisions this year.", "upward revisions"),
        ("There were 3 downward revisions.", "downward revisions"),
        ("The bank made 4 onward transfers.", "onward transfers"),
    ],
)
def test_upward_before_a_noun_is_an_adjective(sentence: str, noun: str) -> None:
    figure = _only(sentence)
    assert (figure.noun, figure.qualifier) == (noun, None)


@pytest.mark.parametrize(
    ("sentence", "bounds"),
    [
        # "yet" joins a lower and an upper bound as "but" does
        ("The crowd was over 200 yet under 300.", (200, 300)),
        ("Bids came in above 5 million dollars yet below 6 million dollars.", (5e6, 6e6)),
        ("Scores were more than 60 yet less than 70 percent.", (60, 70)),
    ],
)
def test_yet_joins_two_bounds(sentence: str, bounds: tuple[float, float]) -> None:
    assert _only(sentence).range == bounds


# "one" as the low end of a range is a number, not the pronoun
ONE_STARTS_A_RANGE = [
    ("Recovery takes one to two years.", (1, 2), "year"),
    ("Only one or two people were hurt.", (1, 2), "count"),
    ("Donors gave between one and two million dollars.", (1e6, 2e6), "USD"),
    ("Pick a number between one and ten.", (1, 10), ""),
]


@pytest.mark.parametrize(("sentence", "bounds", "unit"), ONE_STARTS_A_RANGE)
def test_one_starts_a_range(sentence: str, bounds: tuple[float, float], unit: str) -> None:
    figure = _only(sentence)
    assert (figure.range, figure.unit) == (bounds, unit)


@pytest.mark.parametrize(
    "sentence",
    ["The one to watch is the striker.", "They moved from one to another.", "It was one or the other.",
     "The leaders met one to one."],
)
def test_one_before_to_or_or_is_still_a_pronoun(sentence: str) -> None:
    assert extract(sentence, doc_id="invented") == []


# (sentence, the asserted interval): "one" after a bound is a quantity, not the pronoun
BOUNDED_ONE = [
    ("At least one was killed in the blast.", (1, None)),
    ("More than one said the vote was rigged.", (1, None)),
    ("Each household may keep no more than one.", (None, 1)),
]


@pytest.mark.parametrize(("sentence", "bounds"), BOUNDED_ONE)
def test_one_after_a_bound_is_a_figure(sentence: str, bounds: tuple[float | None, float | None]) -> None:
    figure = _only(sentence)
    assert (figure.value, (figure.low, figure.high)) == (1, bounds)


@pytest.mark.parametrize(
    "sentence",
    [
        # compass words and "beyond" are places and times, not bounds: a year stays a year, an address a name
        "Beyond 2030, emissions must fall.",
        "He lives north of 10 Downing Street.",
        "The road runs south of Route 66.",
    ],
)
def test_places_and_times_are_not_bounds(sentence: str) -> None:
    assert extract(sentence, doc_id="invented") == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a bare "upward" is a direction; "up-and-coming" is no bound
        "Forecasts were revised 2 percent upward.",
        "The list has the top 10 and up-and-coming stars.",
        "Estimates moved 3 percent upwards in May.",
    ],
)
def test_upward_as_a_direction_is_no_bound(sentence: str) -> None:
    figure = _only(sentence)
    assert (figure.low, figure.high) == (figure.value, figure.value)
