"""The extractor's case tables.

Where the cases come from: every string quoted in issue 2 ("The core pipeline", sections Extraction and
Never figures) and issue 3 (the linking examples), sentences of the seed corpus (seeds/), and patterns seen
in the failure analysis of the peer benchmarks (``python -m benchmarks.misses``), written here as new
sentences, never copied from NewsQuant.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.extract import extract
from figures.model import Figure

# (text, expected surface, value, unit, extra expectations)
CASES: list[tuple[str, str, float | None, str, dict[str, object]]] = [
    # numbers as written
    ("a range of 3,400 miles", "3,400 miles", 3400, "mile", {}),
    ("an area of 164.0 km²", "164.0 km²", 164.0, "kilometer ** 2", {"step": 0.1}),
    ("it flew 1500 km", "1500 km", 1500, "kilometer", {}),
    ("1.6 million people fled", "1.6 million people", 1.6e6, "count", {"noun": "people"}),
    ("a loan of $164bn", "$164bn", 164e9, "USD", {"dimension": "money"}),
    ("worth $41billion", "$41billion", 41e9, "USD", {}),
    ("a £15BILLION fortune", "£15BILLION", 15e9, "GBP", {}),
    ("she got £30.9million", "£30.9million", 30.9e6, "GBP", {}),
    ("a $100bn-plus package", "$100bn-plus", 100e9, "USD", {"qualifier": "-plus", "high": None}),
    ("a 140-billion-euro loan", "140-billion-euro", 140e9, "EUR", {}),
    ("providing 67.6 billion Danish crowns", "67.6 billion Danish crowns", 67.6e9, "DKK", {}),
    # spelled numbers
    (
        "Russia fired nine Iskander-M ballistic missiles",
        "nine Iskander-M ballistic missiles",
        9,
        "count",
        {"noun": "Iskander-M ballistic missiles"},
    ),
    ("troops took seven settlements", "seven settlements", 7, "count", {"noun": "settlements"}),
    ("a dozen drones were seen", "a dozen drones", 12, "count", {}),
    ("half a dozen drones", "half a dozen drones", 6, "count", {}),
    ("one in five adults smoke", "one in five adults", 0.2, "", {"noun": "adults"}),
    (
        "more than 10 but fewer than 20 people",
        "more than 10 but fewer than 20 people",
        None,
        "count",
        {"range": (10, 20)},
    ),
    ("The subscription rises to 17 USD 25.", "17 USD 25", 17.25, "USD", {}),
    ("her now-18 month-old daughter", "18 month-old", 18, "month", {"dimension": "age"}),
    ("The weight is 20 (kg)", "20 (kg)", 20, "kilogram", {}),
    ("just need minus five percent", "minus five percent", -5, "percent", {}),
    ("it will cost a quarter million dollars", "a quarter million dollars", 250000, "USD", {}),
    ("reliever (0.5 WAR) again", "0.5 WAR", 0.5, "count", {"noun": "WAR"}),
    ("a mass of 1.99×10−30 kilograms", "1.99×10−30 kilograms", 1.99e-30, "kilogram", {}),
    ("the 40 000 troops", "40 000 troops", 40000, "count", {}),
    ("a budget of 1.3e6.", "1.3e6", 1.3e6, "", {}),
    ("a thousand people marched", "a thousand people", 1000, "count", {}),
    ("half of the budget", "half", 0.5, "", {}),
    ("two-thirds of voters", "two-thirds", 2 / 3, "", {}),
    ("another thousand wounded", "another thousand", 1000, "", {}),
    ("two and a half years", "two and a half years", 2.5, "year", {}),
    ("one hundred and fifty men", "one hundred and fifty men", 150, "count", {}),
    # vague magnitudes: a range from the lower bound to ten times it
    ("hundreds of miles away", "hundreds of miles", None, "mile", {"vague": True, "range": (100, 1000)}),
    (
        "tens of thousands of people",
        "tens of thousands of people",
        None,
        "count",
        {"vague": True, "range": (1e4, 1e5)},
    ),
    (
        "several hundred kilometers of the front",
        "several hundred kilometers",
        None,
        "kilometer",
        {"vague": True},
    ),
    # ranges
    ("between 930 and 1,550 miles", "between 930 and 1,550 miles", None, "mile", {"range": (930, 1550)}),
    ("a 3-4 km gap", "3-4 km", None, "kilometer", {"range": (3, 4)}),
    ("from 10 to 20 billion", "from 10 to 20 billion", None, "", {"range": (10e9, 20e9)}),
    ("between 200 m and 2.5 km", "between 200 m and 2.5 km", None, "meter", {"range": (200, 2500)}),
    ("costs of $3bn-$5bn", "$3bn-$5bn", None, "USD", {"range": (3e9, 5e9)}),
    ("from $89 to $93 billion", "from $89 to $93 billion", None, "USD", {"range": (89e9, 93e9)}),
    ("three or four years", "three or four years", None, "year", {"range": (3, 4)}),
    # qualifiers become the interval asserted
    ("about 995 miles", "995 miles", 995, "mile", {"qualifier": "about", "low": 895.5, "high": 1094.5}),
    ("around 40 per cent", "40 per cent", 40, "percent", {"qualifier": "about"}),
    ("roughly 12 tanks", "12 tanks", 12, "count", {"qualifier": "about"}),
    ("some 60 square miles", "60 square miles", 60, "mile ** 2", {"qualifier": "about"}),
    ("approximately $10.6 billion", "$10.6 billion", 10.6e9, "USD", {"qualifier": "about"}),
    (
        "nearly 165 square kilometres",
        "165 square kilometres",
        165,
        "kilometer ** 2",
        {"qualifier": "nearly", "high": 165},
    ),
    ("almost 60 motorcycles", "60 motorcycles", 60, "count", {"qualifier": "nearly"}),
    ("at least 30 people", "30 people", 30, "count", {"qualifier": "at least", "low": 30, "high": None}),
    ("AT LEAST 30 people", "30 people", 30, "count", {"qualifier": "at least"}),
    ("more than 200 weapons", "200 weapons", 200, "count", {"qualifier": "more than", "high": None}),
    (
        "over 600,000 barrels a day",
        "600,000 barrels a day",
        600000,
        "oil_barrel / day",
        {"qualifier": "more than", "dimension": "rate"},
    ),
    ("up to 3,350 ERAMs", "3,350 ERAMs", 3350, "count", {"qualifier": "up to", "low": None, "high": 3350}),
    ("less than one per cent", "one per cent", 1, "percent", {"qualifier": "less than", "low": None}),
    ("under 5 km", "5 km", 5, "kilometer", {"qualifier": "less than"}),
    ("more than a decade", "a decade", 10, "year", {"qualifier": "more than"}),
    ("for two centuries", "two centuries", 200, "year", {}),
    ("General Alexander Lapin, 61, was sacked", "61", 61, "year", {"dimension": "age"}),
    ("children as young as eight", "eight", 8, "year", {"dimension": "age"}),
    ("around 40 of the sites", "40", 40, "count", {"noun": "sites", "qualifier": "about"}),
    # units and dimensions
    ("an area of 180.3 km2", "180.3 km2", 180.3, "kilometer ** 2", {}),
    ("about 50 sq km", "50 sq km", 50, "kilometer ** 2", {}),
    ("60 square miles", "60 square miles", 60, "mile ** 2", {}),
    ("12 sq mi", "12 sq mi", 12, "mile ** 2", {}),
    ("400 hectares", "400 hectares", 400, "hectare", {}),
    ("5 percent", "5 percent", 5, "percent", {}),
    ("40%", "40%", 40, "percent", {}),
    ("travelling at 900 km/h", "900 km/h", 900, "kilometer / hour", {"dimension": "speed"}),
    ("at 87 mph", "87 mph", 87, "mile / hour", {}),
    ("a 500kg warhead", "500kg", 500, "kilogram", {"dimension": "mass"}),
    ("a 72-year-old man", "72-year-old", 72, "year", {"dimension": "age"}),
    ("for six months", "six months", 6, "month", {"dimension": "duration"}),
    ("62 attack drones", "62 attack drones", 62, "count", {"noun": "attack drones"}),
    ("12 new and used cars", "12 new and used cars", 12, "count", {"noun": "new and used cars"}),
    ("a 1,500-kilometre-range cruise missile", "1,500-kilometre", 1500, "kilometer", {}),
    ("1.2 billion roubles", "1.2 billion roubles", 1.2e9, "RUB", {}),
    ("500 million hryvnias", "500 million hryvnias", 5e8, "UAH", {}),
    ("10 billion yuan", "10 billion yuan", 10e9, "CNY", {}),
    ("300 billion yen", "300 billion yen", 300e9, "JPY", {}),
    ("€140bn", "€140bn", 140e9, "EUR", {}),
    ("$58.24 per barrel", "$58.24 per barrel", 58.24, "USD / oil_barrel", {}),
    ("19 cents", "19 cents", 19, "cent", {}),
    ("minus 5 degrees Celsius", "minus 5 degrees Celsius", -5, "degree_Celsius", {}),
]

# dual-unit statements: both figures, one group
DUAL_CASES = [
    "The Tomahawk, with a range of about 995 miles (1,600 kilometers), flies low.",
    "the ERAM (about 285 miles, or 460 km)",
    "a 140-billion-euro ($164.4bn) loan",
    "67.6 billion Danish crowns (approximately $10.6 billion) in military aid",
]

# never figures (issue 2, "Never figures", and the seed corpus's debris)
NOT_FIGURES = [
    "in 2022 the war began",
    "by 2035 it will be done",
    "on 22 September 2025 they met",
    "it landed on Oct. 26 after a long route",
    "as of 12pm the count stood",
    "Su-30MK2 fighters",
    "the S-300VM system",
    "an Il-76 airlifter",
    "F-16 jets",
    "an MQ-9 drone",
    "the carrier CVN 78",
    "the satellite Kosmos-2558",
    "a Shahed-136 drone",
    "the 19th package of sanctions",
    "the 44th largest economy",
    "one of the most powerful air forces",
    "no one knows",
    "World War Three",
    "the 1990s",
    "a 3-2 victory",
    "see https://example.com/2024/10/article-55",
    "follow @user123 for more",
    "list of 3 itemsend of list",
    "as in the study[2]",
    "Smoke rises over 20 buildings in the cityCredit: Getty",
    "at 10.30am on Monday",
    "the Boeing 747 landed",
    "the S&P 500 rose",
    "the three-way hug",
    "in the first half of the year",
    "the shop at 575 Wilbraham Road",
    "using the Nord Stream 2 gas project",
    "he finished two hundredth",
    "a one-off payment",
]


def only(text: str) -> Figure:
    found = extract(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "more"), CASES)
def test_extracts(text: str, surface: str, value: float | None, unit: str, more: dict[str, object]) -> None:
    figure = only(text)
    assert figure.text == surface
    assert text[figure.start : figure.end] == surface
    if value is None:
        assert figure.value is None
    else:
        assert figure.value is not None and math.isclose(figure.value, value, rel_tol=1e-9)
    assert figure.unit == unit
    for field, expected in more.items():
        got = getattr(figure, field)
        if isinstance(expected, float) and got is not None:
            assert math.isclose(got, expected, rel_tol=1e-9), field
        elif isinstance(expected, tuple):
            assert got is not None and all(math.isclose(a, b) for a, b in zip(got, expected, strict=True)), (
                field
            )
        else:
            assert got == expected, field


@pytest.mark.parametrize("text", DUAL_CASES)
def test_dual_unit_statements_share_a_group(text: str) -> None:
    found = [f for f in extract(text, doc_id="d") if f.unit not in ("", "count")]
    assert len(found) == 2, [f.text for f in found]
    assert found[0].group is not None and found[0].group == found[1].group
    assert found[0].unit != found[1].unit


def test_separate_statements_get_no_group() -> None:
    found = extract("It flew 300 km on Monday and 200 miles on Tuesday.", doc_id="d")
    assert [f.group for f in found] == [None, None]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_never_figures(text: str) -> None:
    assert [f.text for f in extract(text)] == []


def test_gallery_counter_lines_are_not_figures() -> None:
    text = "Troops advanced.\n\n8\n\nThe strike hit 3 depots.\n"
    assert [f.text for f in extract(text)] == ["3 depots"]


def test_sentence_is_kept_with_offsets() -> None:
    text = "Intro here. The Oreshnik has a range of 3,400 miles. Next sentence."
    figure = only(text)
    assert figure.sentence == "The Oreshnik has a range of 3,400 miles."
    assert text[figure.sentence_start : figure.sentence_start + len(figure.sentence)] == figure.sentence


def test_seed_corpus_offsets_hold() -> None:
    from pathlib import Path

    text = (Path(__file__).parent.parent / "seeds" / "000_ef0aaf124261c612.txt").read_text(encoding="utf-8")
    found = extract(text, doc_id="seed")
    assert len(found) > 150
    for figure in found:
        assert text[figure.start : figure.end] == figure.text
        assert text[figure.sentence_start :].startswith(figure.sentence)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 ,.-$£€%kmbn()abcdefghijklmnopqrstuvwxyz\n")), max_size=80
    )
)
def test_extraction_never_raises_and_offsets_match(text: str) -> None:
    for figure in extract(text):
        assert text[figure.start : figure.end] == figure.text
        assert figure.start < figure.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_extraction_never_raises_on_any_unicode(text: str) -> None:
    for figure in extract(text):
        assert text[figure.start : figure.end] == figure.text


def test_quantulum3_fallback_lexicon_is_current() -> None:
    """figures/data/unit_fallback.csv is what `python -m figures.extract.quantulum_units` writes today."""
    from figures.extract.quantulum_units import FALLBACK_PATH, build_rows, render

    assert FALLBACK_PATH.read_text(encoding="utf-8") == render(build_rows())


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("a bandgap of 1.7 eV", "1.7 eV", "electronvolt"),
        ("a dose of 14 mGy", "14 mGy", "milligray"),
        ("about 4,500 tpd", "4,500 tpd", "ton / day"),
        ("66 Ma ago", "66 Ma", "megayear"),
    ],
)
def test_long_tail_units_come_from_quantulum3s_lexicon(text: str, surface: str, unit: str) -> None:
    figure = only(text)
    assert (figure.text, figure.unit) == (surface, unit)
