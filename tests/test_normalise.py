"""Normalisation: the Pint registry (figures/units.txt), canonical units per dimension, USD at a date.

Expected canonical values are computed from the units' legal definitions written out here (international
mile = 1609.344 m, US gallon = 231 in³ = 3.785411784 L, Julian year = 365.25 d), not read back from Pint,
so a wrong definition in units.txt or Pint shows as a failure. FX expectations come from the ECB's
published reference rates and from the conversions the seed articles print themselves.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import threading
import warnings
from pathlib import Path

import pint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.errors import UnitError
from figures.model import Figure
from figures.normalise import (
    conversion,
    definition_loads,
    dimension_of,
    fx,
    normalise,
    parse_unit,
    registry,
    usd_per_unit,
)
from figures.normalise.units import definitions_text, read_spellings

PACKAGE = Path(__file__).resolve().parent.parent / "figures"
MILE = 1609.344  # metres, international mile (1959)
US_GALLON = 3.785411784e-3  # cubic metres
JULIAN_YEAR = 365.25 * 86400  # seconds; Pint's "year"
BARREL = 42 * US_GALLON


def figure(value: float | None, unit: str, **fields: object) -> Figure:
    text = fields.pop("text", f"{value} {unit}")
    assert isinstance(text, str)
    return Figure(doc_id="d", start=0, end=len(text), text=text, value=value, unit=unit, **fields)  # type: ignore[arg-type]


# (value, unit, extractor's dimension, expected dimension, canonical unit, expected canonical value)
CASES = [
    # seed corpus: "The Tomahawk, with a range of about 995 miles (1,600 kilometers)"
    (995, "mile", "length", "length", "meter", 995 * MILE),
    (1600, "kilometer", "length", "length", "meter", 1.6e6),
    # seed corpus: "164.0 km²" of liberated land, "some 60 square miles", "a further 70 square miles"
    (164.0, "kilometer ** 2", "area", "area", "meter ** 2", 1.64e8),
    (60, "mile ** 2", "area", "area", "meter ** 2", 60 * MILE**2),
    # seed corpus: "stripping away over 600,000 barrels a day" (a rate: canonical numerator per day)
    (600000, "oil_barrel / day", "rate", "rate", "meter ** 3 / day", 600000 * BARREL),
    # "a 1,500-kilometre-range cruise missile" flies at ... km/h: speed in metres per second
    (1500, "kilometer / hour", "speed", "speed", "meter / second", 1500 * 1000 / 3600),
    (500, "mile / hour", "speed", "speed", "meter / second", 500 * MILE / 3600),
    (30, "knot", "speed", "speed", "meter / second", 30 * 1852 / 3600),
    # seed corpus: "The 72-year-old told defence minister Andrei Belousov": an age stays in years
    (72, "year", "age", "age", "year", 72),
    (18, "month", "age", "age", "year", 1.5),
    # the same unit as a duration is in seconds
    (72, "year", "duration", "duration", "second", 72 * JULIAN_YEAR),
    (3, "week", "duration", "duration", "second", 3 * 7 * 86400),
    # seed corpus: "67.6 billion Danish crowns (approximately $10.6 billion)": money stays in its currency
    (67.6e9, "DKK", "money", "money", "DKK", 67.6e9),
    (164e9, "USD", "money", "money", "USD", 164e9),
    # "164p a share": pence are hundredths of a pound, canonical in GBP
    (164, "GBX", "money", "money", "GBP", 1.64),
    # seed corpus: "at least 12 per cent of Russia's refining capacity"
    (12, "percent", "percent", "percent", "percent", 12),
    (25, "basis_point", "percent", "percent", "percent", 0.25),
    # seed corpus: "62 attack drones" -> count 62; "nine Iskander-M ballistic missiles"
    (62, "count", "count", "count", "count", 62),
    (9, "count", "count", "count", "count", 9),
    # a bare number stays a number
    (1.6e6, "", "number", "number", "", 1.6e6),
    # masses in kilograms: "a 450kg warhead", "20,000 tonnes of grain"
    (450, "kilogram", "mass", "mass", "kilogram", 450),
    (20000, "metric_ton", "mass", "mass", "kilogram", 2e7),
    # volumes in cubic metres
    (1, "oil_barrel", "volume", "volume", "meter ** 3", BARREL),
    # temperature: an offset unit, canonical degrees Celsius
    (-4, "degree_Fahrenheit", "temperature", "temperature", "degree_Celsius", (-4 - 32) * 5 / 9),
    (273.15, "kelvin", "temperature", "temperature", "degree_Celsius", 0),
    # energy and power: "a 10-kiloton warhead" (TNT: 4.184e12 J), "a 1,000-megawatt reactor"
    (10, "kiloton_TNT", "energy", "energy", "joule", 10 * 4.184e12),
    (1000, "megawatt", "power", "power", "watt", 1e9),
    (5, "terawatt_hour", "energy", "energy", "joule", 5 * 3.6e15),
    # other rates: "80 attacks a week", "$5bn a year", "2% a year"
    (80, "count / week", "rate", "rate", "count / day", 80 / 7),
    (5e9, "USD / year", "rate", "rate", "USD / day", 5e9 * 86400 / JULIAN_YEAR),
    (2, "percent / year", "rate", "rate", "percent / day", 2 * 86400 / JULIAN_YEAR),
    # the extractor left "number": the unit says what it is
    (995, "mile", "number", "length", "meter", 995 * MILE),
    (62, "count", "number", "count", "count", 62),
]


@pytest.mark.parametrize(("value", "unit", "given", "dimension", "canonical_unit", "expected"), CASES)
def test_canonical_value(
    value: float, unit: str, given: str, dimension: str, canonical_unit: str, expected: float
) -> None:
    done = normalise(figure(value, unit, dimension=given, low=value, high=value), None)
    assert done.dimension == dimension
    assert done.canonical_unit == canonical_unit
    assert done.canonical_value == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert done.canonical_low == done.canonical_high == done.canonical_value
    # as written stays as written
    assert (done.value, done.unit, done.low, done.high) == (value, unit, value, value)


# (unit as news writes it, the Pint unit it must mean): "news spellings" from the core issue and the seeds
SPELLINGS = [
    ("km²", "kilometer ** 2"),  # seed: "164.0 km²"
    ("km2", "kilometer ** 2"),
    ("sq km", "kilometer ** 2"),
    ("sq. km", "kilometer ** 2"),
    ("square kilometres", "kilometer ** 2"),  # seed: "nearly 165 square kilometres"
    ("square kilometre", "kilometer ** 2"),
    ("sq mi", "mile ** 2"),
    ("square miles", "mile ** 2"),  # seed: "some 60 square miles"
    ("per cent", "percent"),  # seed: "12 per cent"
    ("percent", "percent"),
    ("%", "percent"),
    ("pc", "percent"),  # British tabloids: "a 5pc rise"
    ("pct", "percent"),
    ("percentage points", "percent"),
    ("kilometre", "kilometer"),
    ("kilometres", "kilometer"),
    ("metres", "meter"),
    ("tonne", "metric_ton"),
    ("tonnes", "metric_ton"),
    ("mph", "mile / hour"),
    ("km/h", "kilometer / hour"),
    ("kmh", "kilometer / hour"),
    ("kilometres per hour", "kilometer / hour"),
    ("knots", "nautical_mile / hour"),
    ("barrels per day", "oil_barrel / day"),
    ("barrels a day", "oil_barrel / day"),  # seed: "600,000 barrels a day"
    ("bpd", "oil_barrel / day"),
    ("hectares", "hectare"),
    ("nautical miles", "nautical_mile"),
    ("cubic metres", "meter ** 3"),
    ("degrees Celsius", "degree_Celsius"),
    ("°C", "degree_Celsius"),
    ("decades", "10 * year"),  # Pint's own "decade" is logarithmic
    ("kilotons", "kiloton_TNT"),  # Pint's own "kiloton" is a mass
    ("Mach", "340.29 * meter / second"),
    ("pence", "0.01 * GBP"),
    ("cent", "0.01 * USD"),
]


@pytest.mark.parametrize(("written", "meaning"), SPELLINGS)
def test_news_spelling_parses(written: str, meaning: str) -> None:
    ureg = registry()
    meant: pint.Quantity = ureg.Quantity(ureg.parse_expression(meaning))
    read = ureg.Quantity(1, parse_unit(written)).to(meant.units)
    assert read.magnitude == pytest.approx(meant.magnitude, rel=1e-12)


def test_pc_is_percent_not_parsec() -> None:
    """Pint's "pc" is the parsec; in news it is per cent. Parsecs are still "parsec"."""
    assert dimension_of("pc") == "percent"
    assert dimension_of("parsec") == "length"


def _currency_codes() -> list[str]:
    return re.findall(r"^([A-Z]{3}) = \[currency_\1\]", definitions_text(), flags=re.MULTILINE)


def test_units_txt_lists_the_common_currencies() -> None:
    codes = set(_currency_codes())
    common = ["USD", "EUR", "GBP", "DKK", "RUB", "UAH", "CNY", "JPY", "CHF", "INR", "SEK", "NOK", "PLN"]
    assert set(common) <= codes
    assert len(codes) > 150


@pytest.mark.parametrize("code", _currency_codes())
def test_every_currency_code_is_its_own_money_dimension(code: str) -> None:
    assert dimension_of(code) == "money"
    converted = conversion(code)
    assert (converted.canonical_unit, converted.factor, converted.currency) == (code, 1.0, code)


def test_currencies_never_convert_into_each_other_through_pint() -> None:
    ureg = registry()
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(1, "EUR").to("USD")
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(1, "GBX").to("USD")


def test_subunits_convert_into_their_currency() -> None:
    assert conversion("pence").canonical_unit == "GBP"
    assert conversion("cent").canonical_unit == "USD"
    assert conversion("eurocent").canonical_unit == "EUR"


# units the extractor's lexicon writes (figures/data/unit_surfaces.csv, currencies.csv): all must parse here
def _extractor_units(composable_only: bool = False) -> list[str]:
    """With composable_only, the units the extractor may put before "/ day" (not ages, levels, ...)."""
    not_composable = {"age", "percent", "temperature", "speed", "level"}
    units: set[str] = set()
    for name, column in (("unit_surfaces.csv", "unit"), ("currencies.csv", "code")):
        path = PACKAGE / "data" / name
        if path.is_file():
            rows = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
            units.update(
                row[column] for row in csv.DictReader(rows)
                if not (composable_only and row.get("dimension") in not_composable)
            )
    return sorted(units)


@pytest.mark.parametrize("unit", _extractor_units())
def test_every_unit_the_extractor_writes_parses(unit: str) -> None:
    assert conversion(unit).dimension in {
        "number", "count", "length", "area", "volume", "money", "percent", "speed", "rate", "mass",
        "duration", "temperature", "energy", "power", "other",
    }  # fmt: skip


@pytest.mark.parametrize("unit", _extractor_units(composable_only=True))
def test_every_rate_the_extractor_can_compose_parses(unit: str) -> None:
    """The extractor writes "x per day" as "<unit> / day" (and week, month, year, hour, minute, second)."""
    for per in ("day", "week", "month", "year", "hour", "minute", "second"):
        assert conversion(f"{unit} / {per}").canonical_unit is not None


@pytest.mark.parametrize("unit", ["foo", "km ** x", "5 km", "mile +", "usd"])
def test_unknown_unit_raises_unit_error(unit: str) -> None:
    with pytest.raises(UnitError) as raised:
        parse_unit(unit)
    assert raised.value.unit == unit
    with pytest.raises(UnitError):
        dimension_of(unit)


def test_normalise_never_raises_on_a_bad_unit() -> None:
    done = normalise(figure(3, "furlongs per fortnightly", dimension="length", canonical_value=1.0), None)
    assert done.canonical_unit is None
    assert done.canonical_value is None and done.canonical_low is None and done.canonical_high is None
    assert "furlongs per fortnightly" in done.extra["unit_error"]
    assert done.dimension == "length"  # the extractor's word is kept


def test_a_range_has_no_canonical_value_and_converts_its_ends() -> None:
    """Seed: "between 930 and 1,550 miles"."""
    done = normalise(figure(None, "mile", range=(930.0, 1550.0), low=930.0, high=1550.0), None)
    assert done.canonical_value is None
    assert done.canonical_low == pytest.approx(930 * MILE)
    assert done.canonical_high == pytest.approx(1550 * MILE)


def test_the_asserted_interval_is_converted_not_the_value() -> None:
    """Seed: "nearly 165 square kilometres": the extractor's interval (here [160, 165]) is what converts."""
    done = normalise(figure(165.0, "kilometer ** 2", qualifier="nearly", low=160.0, high=165.0), None)
    assert done.canonical_value == pytest.approx(1.65e8)
    assert (done.canonical_low, done.canonical_high) == (pytest.approx(1.6e8), pytest.approx(1.65e8))


def test_missing_ends_fall_back_to_what_is_written() -> None:
    done = normalise(figure(None, "kilometer", range=(3.0, 4.0)), None)
    assert (done.canonical_low, done.canonical_high) == (3000.0, 4000.0)
    done = normalise(figure(60.0, "mile ** 2"), None)
    assert done.canonical_low == done.canonical_high == pytest.approx(60 * MILE**2)


# (currency, article date, expected USD per unit or None, date of the rate used, words the note must hold)
# Rates: the ECB's euro foreign exchange reference rates (eurofxref-hist), the rows of the days named.
FX_CASES = [
    # ECB reference rate of 2025-10-01: 1 EUR = 1.1724 USD (the issue's own figure)
    ("EUR", dt.date(2025, 10, 1), 1.1724, dt.date(2025, 10, 1), None),
    # a Saturday: the Friday's fixing (ECB 2025-10-03: 1.1734), within a week so not stale
    ("EUR", dt.date(2025, 10, 4), 1.1734, dt.date(2025, 10, 3), None),
    # ECB 2025-10-01: 1 EUR = 7.4659 DKK, so 1 DKK = 1.1724 / 7.4659 USD
    ("DKK", dt.date(2025, 10, 1), 1.1724 / 7.4659, dt.date(2025, 10, 1), None),
    ("USD", dt.date(2025, 10, 1), 1.0, dt.date(2025, 10, 1), None),
    # the ECB never quoted the hryvnia
    ("UAH", dt.date(2025, 10, 1), None, None, "no ECB rate for UAH"),
    # the ECB suspended RUB after 2022-03-01: a 2025 article would get a three-year-old rate
    ("RUB", dt.date(2025, 10, 1), None, None, "stale"),
    # ... but a 2021 article gets its own day's rate (ECB 2021-10-01: 84.7187 RUB and 1.16 USD per EUR)
    ("RUB", dt.date(2021, 10, 1), 1.16 / 84.7187, dt.date(2021, 10, 1), None),
    # before the euro: nothing to look up
    ("DKK", dt.date(1995, 6, 1), None, None, "no ECB rate for DKK before"),
]


@pytest.mark.parametrize(("currency", "day", "rate", "rate_day", "note"), FX_CASES)
def test_usd_rate_at_the_article_date(
    currency: str, day: dt.date, rate: float | None, rate_day: dt.date | None, note: str | None
) -> None:
    quote = usd_per_unit(currency, day)
    if rate is None:
        assert quote.rate is None and quote.date is None
    else:
        assert quote.rate == pytest.approx(rate, rel=1e-4)
    assert quote.date == rate_day
    if note is None:
        assert quote.note is None
    else:
        assert quote.note is not None and note in quote.note


def test_a_rate_older_than_a_week_is_stale() -> None:
    last = fx.ecb_last_date()
    assert usd_per_unit("GBP", last + dt.timedelta(days=fx.STALE_AFTER_DAYS)).rate is not None
    stale = usd_per_unit("GBP", last + dt.timedelta(days=fx.STALE_AFTER_DAYS + 1))
    assert stale.rate is None and stale.note is not None and str(last) in stale.note


def test_no_article_date_uses_the_latest_rate_and_says_so() -> None:
    quote = usd_per_unit("EUR", None)
    assert quote.rate is not None and quote.date == fx.ecb_last_date()
    assert quote.note is not None and "no article date" in quote.note


def test_the_shipped_ecb_file_is_recent() -> None:
    """The package's data file: ECB rates from 1999-01-04, and at least to the seed articles (2025)."""
    assert fx.converter().bounds["USD"].first_date == dt.date(1999, 1, 4)
    assert fx.ecb_last_date() >= dt.date(2025, 10, 1)


def test_money_figure_gets_usd_at_the_article_date() -> None:
    """Seed: "140-billion-euro ($164.4bn)" EU loan, and Denmark's "67.6 billion Danish crowns
    (approximately $10.6 billion)": the articles' own conversions agree with the ECB's rate to rounding."""
    loan = normalise(figure(140e9, "EUR", dimension="money", low=140e9, high=140e9), dt.date(2025, 10, 1))
    assert (loan.fx_rate, loan.fx_date, loan.fx_note) == (pytest.approx(1.1724), dt.date(2025, 10, 1), None)
    assert loan.usd_low == loan.usd_high == pytest.approx(140e9 * 1.1724)
    assert loan.usd_low == pytest.approx(164.4e9, rel=0.005)
    aid = normalise(figure(67.6e9, "DKK", dimension="money"), dt.date(2025, 10, 1))
    assert aid.usd_low == pytest.approx(10.6e9, rel=0.02)


def test_money_with_no_rate_says_so_and_keeps_its_own_currency() -> None:
    done = normalise(figure(1.2e9, "UAH", dimension="money"), dt.date(2025, 10, 1))
    assert (done.canonical_unit, done.canonical_value) == ("UAH", 1.2e9)
    assert done.usd_low is None and done.usd_high is None and done.fx_rate is None
    assert done.fx_note == "no ECB rate for UAH"
    stale = normalise(figure(5e9, "RUB", dimension="money"), dt.date(2025, 10, 1))
    assert stale.usd_low is None and stale.fx_note is not None and stale.fx_note.startswith("stale")


def test_money_rate_gets_usd_in_its_canonical_unit() -> None:
    done = normalise(figure(5e9, "EUR / year", dimension="rate"), dt.date(2025, 10, 1))
    assert done.canonical_unit == "EUR / day"
    assert done.usd_low == pytest.approx(5e9 * 86400 / JULIAN_YEAR * 1.1724)


def test_non_money_has_no_fx_fields() -> None:
    done = normalise(figure(995, "mile"), dt.date(2025, 10, 1))
    assert (done.usd_low, done.usd_high, done.fx_rate, done.fx_date, done.fx_note) == (None,) * 5


def test_datetime_is_read_as_its_date() -> None:
    done = normalise(figure(1, "EUR"), dt.datetime(2025, 10, 1, 23, 59))
    assert done.fx_date == dt.date(2025, 10, 1)


def test_user_rates_fill_what_the_ecb_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# comment\ncurrency,date,usd_per_unit,source\nUAH,2025-09-30,0.0242,test table\n"
    monkeypatch.setattr(fx._Holder, "user_rates", fx.read_user_rates(text))
    fx.usd_per_unit.cache_clear()
    try:
        quote = usd_per_unit("UAH", dt.date(2025, 10, 1))
        assert (quote.rate, quote.date, quote.source) == (0.0242, dt.date(2025, 9, 30), "test table")
        assert quote.note is not None and "fx_rates.csv" in quote.note
        # the ECB wins where it has a usable rate
        assert usd_per_unit("EUR", dt.date(2025, 10, 1)).source == "ECB"
        # and the staleness rule is the same
        assert usd_per_unit("UAH", dt.date(2025, 10, 20)).rate is None
    finally:
        monkeypatch.undo()
        fx.usd_per_unit.cache_clear()


def test_a_bad_user_rate_line_is_named_and_skipped() -> None:
    text = "# a comment\ncurrency,date,usd_per_unit,source\nUAH,2025-09-30,zero,x\nUAH,2025-10-01,0.024,x\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rates = fx.read_user_rates(text, "rates.csv")
    assert [str(w.message).split(":")[:2] for w in caught] == [["rates.csv", "3"]]
    assert rates == {"UAH": [(dt.date(2025, 10, 1), 0.024, "x")]}


def test_the_shipped_user_rates_file_reads() -> None:
    """The shipped file has no rates yet (no sourced UAH figures): it must read without a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rates = fx.read_user_rates((PACKAGE / "data" / "fx_rates.csv").read_text("utf-8"))
    assert all(entries == sorted(entries) for entries in rates.values())


def test_units_txt_loads_exactly_once_per_process() -> None:
    found: list[pint.UnitRegistry] = []
    threads = [threading.Thread(target=lambda: found.append(registry())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8 and all(each is registry() for each in found)
    assert definition_loads() == 1


def test_units_txt_redefines_no_pint_name() -> None:
    """Every name units.txt defines is new to Pint (the registry is also built with on_redefinition=raise)."""
    plain: pint.UnitRegistry = pint.UnitRegistry()
    for line in definitions_text().splitlines():
        if line.strip() and not line.startswith("#"):
            names = [name.strip() for name in line.split("=")]
            for name in [names[0], *names[2:]]:
                if name and name != "_" and not name.startswith("["):
                    assert name not in plain._units, f"units.txt redefines Pint's {name!r}"


def test_every_spelling_line_points_at_a_unit() -> None:
    spellings = read_spellings(definitions_text())
    assert ("per cent", "percent") in spellings
    for _, meaning in spellings:
        parse_unit(meaning)


def test_parsed_units_are_memoised() -> None:
    conversion("kilometer ** 2")
    before = conversion.cache_info().hits
    for _ in range(100):
        conversion("kilometer ** 2")
    assert conversion.cache_info().hits == before + 100


UNITS_FOR_PROPERTIES = ["mile", "kilometer ** 2", "USD", "EUR", "percent", "oil_barrel / day", "count", ""]


@settings(max_examples=200, deadline=None)
@given(
    unit=st.sampled_from(UNITS_FOR_PROPERTIES),
    low=st.floats(min_value=0, max_value=1e12, allow_nan=False),
    width=st.floats(min_value=0, max_value=1e12, allow_nan=False),
    day=st.one_of(st.none(), st.dates(min_value=dt.date(1999, 1, 4), max_value=dt.date(2026, 10, 30))),
)
def test_normalise_is_idempotent_and_keeps_order(
    unit: str, low: float, width: float, day: dt.date | None
) -> None:
    once = normalise(figure(None, unit, range=(low, low + width), low=low, high=low + width), day)
    assert normalise(once, day) == once
    assert once.canonical_low is not None and once.canonical_high is not None
    assert once.canonical_low <= once.canonical_high
    if once.usd_low is not None and once.usd_high is not None:
        assert once.usd_low <= once.usd_high


@pytest.mark.parametrize(
    ("text", "low_is_open", "high_is_open"),
    [("at least 30 km", False, True), ("up to 3,350 km", True, False), ("about 995 miles", False, False)],
)
def test_open_ends_stay_open_in_canonical_units(text: str, low_is_open: bool, high_is_open: bool) -> None:
    """An interval the extractor leaves open ("at least", "up to") stays open after normalisation."""
    from figures.extract import extract

    (figure,) = extract(text)
    normalised = normalise(figure)
    assert (normalised.canonical_low is None) == low_is_open
    assert (normalised.canonical_high is None) == high_is_open
