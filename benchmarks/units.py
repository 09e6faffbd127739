"""Is a found figure the expected quantity? Value and unit comparison shared by every benchmark adapter.

A benchmark's expected quantity becomes an ``Expected``: a value (a number, an explicit range, or a bound
with one open side) and the units it may be written in, as ``Alternative``s (a Pint string and a factor:
"50 cents" is 50 ``cent`` or 0.5 ``USD``). A system's output becomes a ``Found``, whatever the system.
Units are compared with Pint: a found "meter" matches an expected "kilometer" when the values convert.

The registry here is the benchmark's own copy of the project's (Pint's defaults plus figures/units.txt with
its news spellings, built by the same functions), plus one base dimension for each currency a suite names
that the project lacks: a suite can then name a currency we do not know and still be scored fairly. It is
a copy so that the benchmark never changes the registry of the system it measures.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pint

RTOL = 1e-5  # as NewsQuant's scorer (np.isclose in CQE's evaluation)
ATOL = 1e-8

DOLLARS = ("USD", "AUD", "CAD", "NZD", "HKD", "SGD", "TWD", "JMD", "BSD", "BBD", "BZD", "BMD", "BND", "FJD",
           "GYD", "LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "KYD", "MXN")
# ISO codes (and a few pre-euro ones the suites use) defined as their own base dimensions when missing
CURRENCIES = DOLLARS + (
    "EUR", "GBP", "JPY", "CNY", "CHF", "INR", "PKR", "LKR", "NPR", "MYR", "ILS", "DKK", "NOK", "SEK", "HRK",
    "ZAR", "TRY", "ARS", "CLP", "COP", "PHP", "BRL", "RUB", "UAH", "BYN", "PLN", "CZK", "HUF", "RON", "BGN",
    "KRW", "IDR", "THB", "VND", "SAR", "AED", "QAR", "IRR", "EGP", "NGN", "KES", "CRC", "GEL", "LAK", "BTC",
    "FIM", "ESP", "NLG", "DEM", "FRF", "BEF", "ITL", "XOF", "XAF", "KZT", "AMD", "AZN", "ISK", "RSD", "KWD")
SUBUNITS = ("cent = 0.01 * USD = _ = cents", "eurocent = 0.01 * EUR", "GBX = 0.01 * GBP = _ = pence",
            "sen = 0.01 * MYR", "satoshi = 1e-8 * BTC", "dime = 0.1 * USD")

BARE = ("", "count")  # a bare number and a count of things are the same quantity for every suite here
LOWER = {"more than", "over", "at least", "above", "greater than", "-plus", "plus", "exceeding", "or more",
         "no less than", "upwards of", "in excess of", "larger than", "higher than", "bigger than", "exceed",
         "surpass", ">", ">=", "just over"}
UPPER = {"less than", "under", "up to", "below", "fewer than", "at most", "no more than", "or less",
         "smaller than", "lower than", "<", "<=", "not more than", "as many as", "as much as", "nearly"}
# "just over" ("just over", "just above") and "nearly" ("just under", "almost", "close to") are the
# extractor's names for a bound that also says the figure is close to it: [30, 33) and (27, 30] rather than
# an open side; a suite's open bound at that number is what they state


@dataclass(frozen=True, slots=True)
class Alternative:
    """One way the expected quantity may be written: ``factor`` x the expected value, in ``unit``."""

    unit: str  # a Pint string in the benchmark registry, "count", or "" (bare number)
    factor: float = 1.0


Interval = tuple[float | None, float | None]


@dataclass(frozen=True, slots=True)
class Expected:
    """A quantity a benchmark expects: ``value`` is a number, or an interval with None for an open side."""

    value: float | Interval
    units: tuple[Alternative, ...]  # empty: any unit will do (value-only suites)
    text: str = ""
    start: int | None = None
    end: int | None = None
    label: str = ""  # the benchmark's own unit or type name, for the failure analysis
    tolerance: float = 0.0  # absolute, for a value the benchmark rounded ("a third" written as 0.3333)
    vague: bool = False  # "hundreds of miles": the value is the lower end of what a figure may state
    # the suite writes a unit per another unit as its numerator alone ("500,000 barrels" in "500,000 barrels a
    # day"): a figure in an expected unit per any unit states it
    numerator_of_ratio: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    """A figure some system found, reduced to what the benchmarks compare."""

    start: int
    end: int
    text: str
    value: float | None
    range: tuple[float, float] | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    qualifier: str | None = None
    noun: str | None = None

    @classmethod
    def from_figure(cls, figure: Any) -> Found:
        return cls(figure.start, figure.end, figure.text, figure.value, figure.range, figure.low, figure.high,
                   figure.unit or "", figure.qualifier, figure.noun)


@functools.cache
def registry() -> pint.UnitRegistry:
    """The project's units (as figures.normalise builds them) and every currency the suites name."""
    from figures.normalise.units import definitions_text, read_spellings, spelling_rewriter

    text = definitions_text()
    ureg: pint.UnitRegistry = pint.UnitRegistry()
    ureg.load_definitions(text.splitlines())
    ureg.preprocessors.append(spelling_rewriter(read_spellings(text)))
    for code in CURRENCIES:
        if code not in ureg:
            ureg.define(f"{code} = [currency_{code}]")
    for definition in SUBUNITS:
        name = definition.split("=", 1)[0].strip()
        if name not in ureg:
            ureg.define(definition)
    return ureg


@functools.cache
def _parses(unit: str) -> bool:
    try:
        registry().parse_units(unit)
    except Exception:  # noqa: BLE001 - Pint raises many kinds of errors for unknown strings
        return False
    return True


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit``; None when the units do not convert."""
    if from_unit == to_unit:
        return value
    if not (_parses(from_unit) and _parses(to_unit)):
        return None
    ureg = registry()
    try:
        return float(ureg.Quantity(value, from_unit).to(to_unit).magnitude)
    except Exception:  # noqa: BLE001 - dimensionality errors, offset units
        return None


def close(expected: float, found: float | None, tolerance: float = 0.0) -> bool:
    return found is not None and abs(expected - found) <= max(ATOL + RTOL * abs(expected), tolerance)


def _open(bound: float | None) -> bool:
    return bound is None or math.isinf(bound)


def _values_match(wanted: Expected, found: Found, conv: Callable[[float | None], float | None],
                  factor: float) -> bool:
    expected = wanted.value
    if not isinstance(expected, tuple):
        target = expected * factor
        if wanted.vague:  # a vague magnitude may be stated as its lower end or as an interval from it
            lower = [found.value, found.low, found.range[0] if found.range else None]
            return any(close(target, conv(x), wanted.tolerance) for x in lower)
        if found.range is not None:
            return False
        return close(target, conv(found.value), wanted.tolerance)
    lo, hi = expected
    if lo is not None and hi is not None:
        if close(lo, hi):  # "[20,20]": the number itself
            return found.range is None and close(lo * factor, conv(found.value))
        want = sorted((lo * factor, hi * factor))
        for pair in (found.range, (found.low, found.high)):
            if pair is None or None in pair:
                continue
            converted = [conv(x) for x in pair]
            if None in converted:
                continue
            got = sorted(x for x in converted if x is not None)
            if close(want[0], got[0]) and close(want[1], got[1]):
                return True
        return False
    if lo is not None:  # a lower bound: "more than 30"
        if close(lo * factor, conv(found.low)) and _open(found.high):
            return True
        return (found.qualifier or "").lower() in LOWER and close(lo * factor, conv(found.value))
    if hi is not None:  # an upper bound: "up to 700"
        if close(hi * factor, conv(found.high)) and (_open(found.low) or found.low == 0):
            return True
        return (found.qualifier or "").lower() in UPPER and close(hi * factor, conv(found.value))
    return False


def matches(expected: Expected, found: Found) -> bool:
    """The found figure states the expected quantity: its value, in a unit converting to an expected one
    (or in such a unit per another, where the suite annotates a ratio by its numerator)."""
    if _matches(expected, found):
        return True
    if expected.numerator_of_ratio and " / " in found.unit:
        numerator = found.unit.split(" / ", 1)[0].strip().removeprefix("(").removesuffix(")")
        return _matches(expected, dataclasses.replace(found, unit=numerator))
    return False


def _matches(expected: Expected, found: Found) -> bool:
    if not expected.units:
        return _values_match(expected, found, lambda x: x, 1.0)
    for alt in expected.units:
        if alt.unit in BARE:
            if found.unit in BARE and _values_match(expected, found, lambda x: x, alt.factor):
                return True
            continue
        if found.unit in BARE:
            continue
        unit_from, unit_to = found.unit, alt.unit

        def conv(x: float | None, a: str = unit_from, b: str = unit_to) -> float | None:
            return None if x is None or math.isinf(x) else convert(x, a, b)

        if _values_match(expected, found, conv, alt.factor):
            return True
    return False


def value_matches(expected: Expected, found: Found) -> bool:
    """The value alone (units ignored), for the value-only columns."""
    return _values_match(expected, found, lambda x: x, 1.0) or any(
        _values_match(expected, found, lambda x: x, alt.factor) for alt in expected.units)


def max_matching(n_expected: int, n_found: int, ok: Callable[[int, int], bool]) -> list[int]:
    """A maximum one-to-one matching (Kuhn's algorithm): for each found index, the expected index or -1."""
    adjacency = [[j for j in range(n_found) if ok(i, j)] for i in range(n_expected)]
    owner = [-1] * n_found

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacency[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] < 0 or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_expected):
        augment(i, set())
    return owner


def matched_pairs(expected: Sequence[Expected], found: Sequence[Found],
                  test: Callable[[Expected, Found], bool] = matches) -> list[tuple[int, int]]:
    """One sentence: (expected index, found index) of a maximum one-to-one matching under ``test``."""
    owner = max_matching(len(expected), len(found), lambda i, j: test(expected[i], found[j]))
    return [(i, j) for j, i in enumerate(owner) if i >= 0]


def match(expected: Sequence[Expected], found: Sequence[Found],
          test: Callable[[Expected, Found], bool] = matches) -> tuple[list[bool], list[bool]]:
    """One sentence: which expected quantities were found, and which found figures matched one."""
    pairs = matched_pairs(expected, found, test)
    hit, used = [False] * len(expected), [False] * len(found)
    for i, j in pairs:
        hit[i] = used[j] = True
    return hit, used
