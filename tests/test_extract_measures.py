"""Measures as news writes them: foot and inch marks, heights, fractions of a unit, less common units.

Every sentence here is invented for the pattern it shows; none is copied from a benchmark.
"""

from __future__ import annotations

import pytest

from figures.extract import extract
from figures.model import Figure


def _only(text: str) -> Figure:
    figures = extract(text, doc_id="invented")
    assert len(figures) == 1, [(f.text, f.value, f.unit) for f in figures]
    return figures[0]


# (sentence, the figure as written, value in feet)
FEET_AND_INCHES = [
    # the foot mark (apostrophe or prime) glued to the number, before the inches or a dimension word
    ("The new signing stands 6'2\" tall.", "6'2\"", 6 + 2 / 12),
    ("She is 5′ 7″ in her socks.", "5′ 7″", 5 + 7 / 12),
    ("The yacht is 40' long.", "40'", 40),
    # a height with its inches after a hyphen, as sports pages write it
    ("The 6-foot-4 forward scored twice.", "6-foot-4", 6 + 4 / 12),
    ("Their 5-foot-9 guard was injured.", "5-foot-9", 5 + 9 / 12),
    ("At 7-foot-1, he is the tallest player.", "7-foot-1", 7 + 1 / 12),
]


@pytest.mark.parametrize(("sentence", "surface", "feet"), FEET_AND_INCHES)
def test_feet_and_inches(sentence: str, surface: str, feet: float) -> None:
    figure = _only(sentence)
    assert figure.text == surface
    assert figure.value == pytest.approx(feet)
    assert figure.range is None
    assert figure.unit == "foot"


def test_both_sides_of_a_times_sign_take_the_foot_mark() -> None:
    figures = extract("The plan shows a 12' x 10' bedroom.", doc_id="invented")
    assert [(f.text, f.unit) for f in figures] == [("12'", "foot"), ("10'", "foot")]


@pytest.mark.parametrize(
    "sentence",
    [
        "She said 'I had 2' and walked off.",  # a closing quote
        "Hits of the 60's and 70's.",  # a decade
        "He won 3 'best actor' awards.",  # a quote that opens after the number
    ],
)
def test_apostrophes_that_are_not_foot_marks(sentence: str) -> None:
    assert all(f.unit != "foot" for f in extract(sentence, doc_id="invented"))


# (sentence, the figure as written, value, unit)
FRACTIONS_OF_A_UNIT = [
    # a fraction of a unit, with or without "of a", "a", "an"
    ("The school is half a mile from the camp.", "half a mile", 0.5, "mile"),
    ("Queues stretched for a quarter mile.", "a quarter mile", 0.25, "mile"),
    ("The talks overran by three-quarters of an hour.", "three-quarters of an hour", 0.75, "hour"),
    ("Stir in half a cup of cream.", "half a cup", 0.5, "cup"),
    ("The river rose a third of a metre overnight.", "a third of a metre", 1 / 3, "meter"),
    # a fraction hyphened to its unit, as an adjective ("a half-mile walk"); a period is not ("half-year")
    ("They took a half-mile walk to the lake.", "a half-mile", 0.5, "mile"),
    ("The farm bought a quarter-ton trailer.", "a quarter-ton", 0.25, "ton"),
    ("He drank a half-litre bottle of water.", "a half-litre", 0.5, "liter"),
]


@pytest.mark.parametrize(
    "sentence", ["The firm's half-year results beat forecasts.", "United held a half-time lead.",
                 "Shares rose after the half-year update."]
)
def test_a_fraction_hyphened_to_a_period_is_no_figure(sentence: str) -> None:
    assert extract(sentence, doc_id="invented") == []


@pytest.mark.parametrize(("sentence", "surface", "value", "unit"), FRACTIONS_OF_A_UNIT)
def test_fractions_of_a_unit(sentence: str, surface: str, value: float, unit: str) -> None:
    figure = _only(sentence)
    assert figure.text == surface
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit


# (sentence, unit)
LESS_COMMON_UNITS = [
    ("The brewery sold 400 pints on the first night.", "pint"),
    ("Each carton holds 2 quarts.", "quart"),
    ("The bottle holds 12 fluid ounces.", "fluid_ounce"),
    ("The old modem ran at 56 kilobits a second.", "kilobit"),
    ("The chip moves 10 gigabits each cycle.", "gigabit"),
    ("Traffic moved at 40 kmph on the ring road.", "kilometer / hour"),
    ("Farmers harvested 3,000 bushels of wheat.", "bushel"),
    ("Blood pressure of 120 mmHg is normal.", "millimeter_Hg"),
    ("The wreck lies under 30 fathoms of water.", "fathom"),
    ("The star is 4 parsecs from Earth.", "parsec"),
    ("The flat measures 700 sqft in all.", "foot ** 2"),
    ("The tanker carried 9,000 imperial gallons.", "imperial_gallon"),
    ("The comet passed at 40 km/s.", "kilometer / second"),
    ("The probe flew by at 17 kilometres per second.", "kilometer / second"),
    ("Light moves at 186,000 miles per second.", "mile / second"),
    ("The dam released 200 megalitres overnight.", "megaliter"),
    ("Growers drew 3 million acre-feet of water.", "acre_foot"),
    ("Add 2 decilitres of cream.", "deciliter"),
    ("The filly won over 6 furlongs.", "furlong"),
    ("Tests found 3 nanograms of lead.", "nanogram"),
    ("The backbone carries 40 terabits each second.", "terabit"),
    # abbreviations with a dot or a plural s: "ins", "deg", "cu. ft."
    ("The pipe is 6 ins across.", "inch"),
    ("The crack runs 14 ins along the beam.", "inch"),
    ("Turn the dial 45 deg to the left.", "degree"),
    ("The slope rises at 12 degs.", "degree"),
    ("The fridge has 20 cu. ft. of space.", "foot ** 3"),
    ("The tank stores 300 cu ft. of gas.", "foot ** 3"),
]

# (sentence, surface, unit)
SQUARE_AND_CUBIC = [
    # every length written out takes "square" or "cubic" before it
    ("The engine displaces 350 cubic inches.", "350 cubic inches", "inch ** 3"),
    ("Crews moved 40 cubic yards of soil.", "40 cubic yards", "yard ** 3"),
    ("The syringe holds 5 cubic centimetres.", "5 cubic centimetres", "centimeter ** 3"),
    ("The reserve covers 12 square kilometres.", "12 square kilometres", "kilometer ** 2"),
]
PER_TIME_SYMBOL = [
    # a time symbol after a slash makes a rate: s, min, h
    ("The ball left the bat at 30 ft/s.", "30 ft/s", "foot / second"),
    ("Downloads crawled at 500 KB/s.", "500 KB/s", "kilobyte / second"),
    ("The belt moves 12 m/min.", "12 m/min", "meter / minute"),
]
STONE = [
    # British body weight in stone; stone before a plural is the material
    ("He weighs 12 stone now.", "12 stone", "stone"),
    ("She lost 5 stone in a year.", "5 stone", "stone"),
    ("They climbed 12 stone steps.", "12 stone steps", "count"),
]


@pytest.mark.parametrize(("sentence", "surface", "unit"), SQUARE_AND_CUBIC + PER_TIME_SYMBOL + STONE)
def test_powers_rates_and_stone(sentence: str, surface: str, unit: str) -> None:
    figure = _only(sentence)
    assert (figure.text, figure.unit) == (surface, unit)


@pytest.mark.parametrize(("sentence", "unit"), LESS_COMMON_UNITS)
def test_less_common_units(sentence: str, unit: str) -> None:
    assert _only(sentence).unit.startswith(unit)


@pytest.mark.parametrize(
    ("sentence", "surface", "unit"),
    [
        # a price per thing stays a rate whatever follows it ...
        ("Brent crude traded at $85 a barrel on Friday.", "$85 a barrel", "USD / oil_barrel"),
        ("Diesel cost $4.10 a gallon before the holiday.", "$4.10 a gallon", "USD / gallon"),
        ("Growers got £12 a kilo after the harvest.", "£12 a kilo", "GBP / kilogram"),
        # ... but a span of time followed by "earlier", "ago", "on" dates a level: no rate
        ("Profit was $1.17 billion a year earlier.", "$1.17 billion", "USD"),
        ("Sales were $3 billion a year ago.", "$3 billion", "USD"),
        ("Turnover stood at €40m a year on.", "€40m", "EUR"),
    ],
)
def test_prices_per_thing_and_levels_a_year_ago(sentence: str, surface: str, unit: str) -> None:
    (figure,) = extract(sentence, doc_id="invented")
    assert (figure.text, figure.unit) == (surface, unit)


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        # the number someone or something turns, with nothing counted after it, is an age
        ("She turns 40 on Friday.", 40),
        ("The singer, who turned 65 last month, retired.", 65),
        ("When he turned 18, he joined the army.", 18),
        ("The firm, which turns 100 this year, is hiring.", 100),
    ],
)
def test_the_number_one_turns_is_an_age(sentence: str, age: float) -> None:
    (figure,) = extract(sentence, doc_id="invented")
    assert (figure.value, figure.unit, figure.dimension) == (age, "year", "age")


@pytest.mark.parametrize(
    "sentence",
    ["The index turned 3 points higher.", "The vote turned 12 seats over to Labour."],
)
def test_a_count_after_turned_is_no_age(sentence: str) -> None:
    (figure,) = extract(sentence, doc_id="invented")
    assert (figure.unit, figure.dimension) == ("count", "count")


@pytest.mark.parametrize(
    ("sentence", "surface", "unit"),
    [
        # "N in M" is read as a ratio only where M ends with its digits: a decimal after "in" is a measure
        ("The car goes from 0 to 60 in 3.2 seconds.", "3.2 seconds", "second"),
        ("He scored 2 in 10.5 minutes.", "10.5 minutes", "minute"),
        ("The drone climbed 90 in 4.75 hours.", "4.75 hours", "hour"),
    ],
)
def test_a_decimal_after_in_is_whole(sentence: str, surface: str, unit: str) -> None:
    assert (surface, unit) in [(f.text, f.unit) for f in extract(sentence, doc_id="invented")]


@pytest.mark.parametrize(
    ("sentence", "sides", "unit"),
    [
        # the sides of a size share the unit written once at the end, over "x", "×" or "by"
        ("The poster measures 20 x 30 cm.", [20, 30], "centimeter"),
        ("A crate of 2 x 3 x 4 m arrived.", [2, 3, 4], "meter"),
        ("The panel is 1.2 × 2.4 metres.", [1.2, 2.4], "meter"),
        ("The plot is 40 by 60 yards.", [40, 60], "yard"),
    ],
)
def test_the_sides_of_a_size_share_its_unit(sentence: str, sides: list[float], unit: str) -> None:
    figures = extract(sentence, doc_id="invented")
    assert [(f.value, f.unit) for f in figures] == [(side, unit) for side in sides]
    assert all(f.noun is None for f in figures)  # "x" is no counted noun


def test_the_legs_of_a_relay_are_no_side() -> None:
    figures = extract("She ran the 4 x 100m relay.", doc_id="invented")
    assert [(f.value, f.unit) for f in figures] == [(4, ""), (100, "meter")]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # "p.c." is per cent in British and South Asian papers, never pence: the longer reading wins
        ("The bank cut its rate to 6.25 p.c. on Friday.", "6.25 p.c.", 6.25),
        ("Exports grew 11 p.c. in the year to March.", "11 p.c.", 11),
        ("Turnout was 58 p.c., against 61 p.c. last time.", "61 p.c.", 61),
    ],
)
def test_p_c_is_per_cent(text: str, surface: str, value: float) -> None:
    assert (surface, value, "percent") in [(f.text, f.value, f.unit) for f in extract(text)]


def test_a_p_alone_is_still_pence() -> None:
    assert [(f.text, f.unit) for f in extract("Shares fell 12p. The index rose.")] == [("12p", "GBX")]


# (sentence, the figure as written, value, unit): a whole number and a fraction of one are one figure
MIXED_NUMBERS = [
    ("He served 10 and a half years in prison.", "10 and a half years", 10.5, "year"),
    ("The trail runs 3 and a quarter miles.", "3 and a quarter miles", 3.25, "mile"),
    ("The talks lasted one and three quarters hours.", "one and three quarters hours", 1.75, "hour"),
    ("Add three and a third cups of flour.", "three and a third cups", 10 / 3, "cup"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "unit"), MIXED_NUMBERS)
def test_mixed_numbers(sentence: str, surface: str, value: float, unit: str) -> None:
    figure = _only(sentence)
    assert (figure.text, figure.unit) == (surface, unit)
    assert figure.value == pytest.approx(value)


def test_a_fraction_of_something_else_stays_apart() -> None:
    figures = extract("The club won 2 and a third of its games.", doc_id="invented")
    assert [f.value for f in figures] == [2, pytest.approx(1 / 3)]


# (sentence, value, noun): "dozen" after digits multiplies by twelve, as after a number in words
DOZENS_IN_DIGITS = [
    ("Police seized 3 dozen eggs.", 36, "eggs"),
    ("About 2 dozen protesters gathered outside.", 24, "protesters"),
    ("The florist sold 5 dozen roses on Friday.", 60, "roses"),
]


@pytest.mark.parametrize(("sentence", "value", "noun"), DOZENS_IN_DIGITS)
def test_dozens_in_digits(sentence: str, value: float, noun: str) -> None:
    figure = _only(sentence)
    assert (figure.value, figure.unit, figure.noun) == (value, "count", noun)


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        # a one-letter symbol whose dot ends the sentence is the unit; a dot before a letter or a capital's
        # initial before a name is not
        ("The new phone weighs 182 g.", "182 g", "gram"),
        ("Each barrel holds 159 L.", "159 L", "liter"),
        ("The adapter supplies 12 V.", "12 V", "volt"),
        ("The crane lifts 40 t. It was built in Kiel.", "40 t", "metric_ton"),
        # points between the letters of an abbreviated unit
        ("Gusts hit 80 m.p.h. on the coast.", "80 m.p.h.", "mile / hour"),
        ("The limit there is 50 k.p.h. at night.", "50 k.p.h.", "kilometer / hour"),
    ],
)
def test_one_letter_symbols_before_a_full_stop(text: str, surface: str, unit: str) -> None:
    assert (surface, unit) in [(f.text, f.unit) for f in extract(text)]


def test_a_capital_before_a_name_is_an_initial() -> None:
    assert ("50 L", "liter") not in [(f.text, f.unit) for f in extract("The hall holds 50 L. Smith said.")]


# (sentence, value, unit): decimals spoken as "point" and digit words, as quotes and transcripts write them
SPOKEN_DECIMALS = [
    ("Growth slowed to two point five per cent.", 2.5, "percent"),
    ("The minister said the bill was three point one billion dollars.", 3.1e9, "USD"),
    ("The reading fell to minus four point two degrees Celsius.", -4.2, "degree_Celsius"),
    ("The average was nine point nought four.", 9.04, ""),
]


@pytest.mark.parametrize(("sentence", "value", "unit"), SPOKEN_DECIMALS)
def test_spoken_decimals(sentence: str, value: float, unit: str) -> None:
    figure = _only(sentence)
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)


def test_at_one_point_stays_an_idiom() -> None:
    figures = extract("At one point three men were arrested.", doc_id="invented")
    assert [(f.value, f.noun) for f in figures] == [(3, "men")]


# (sentence, value): after a scale word, "and a half" is a fraction of that scale (or of the next one)
FRACTIONS_AFTER_A_SCALE_WORD = [
    ("The deal is worth five billion and three quarters.", 5.75e9),
    ("They raised one million and a half last year.", 1.5e6),
    ("The debt stood at one billion and a half million.", 1.0005e9),
    ("Two and a half million people voted.", 2.5e6),  # no scale word before: the scale after multiplies
]


@pytest.mark.parametrize(("sentence", "value"), FRACTIONS_AFTER_A_SCALE_WORD)
def test_fractions_after_a_scale_word(sentence: str, value: float) -> None:
    assert _only(sentence).value == pytest.approx(value)


# (sentence, value): "fourth" as a fraction, as American English writes a quarter; an ordinal stays none
FOURTHS = [
    ("One fourth of the budget went to schools.", 0.25),
    ("Three fourths of voters backed the plan.", 0.75),
    ("The pipe is three and one fourth inches wide.", 3.25),
]


@pytest.mark.parametrize(("sentence", "value"), FOURTHS)
def test_fourths_are_fractions(sentence: str, value: float) -> None:
    assert _only(sentence).value == pytest.approx(value)


@pytest.mark.parametrize("sentence", ["She won a fourth term.", "He finished fourth in the race."])
def test_a_fourth_as_an_ordinal_is_no_figure(sentence: str) -> None:
    assert extract(sentence, doc_id="invented") == []
