"""One canonical unit per dimension, and the memoised conversion of a unit string into it.

Canonical units (what ``Figure.canonical_unit`` holds):

========================  ====================================================================
dimension                 canonical unit
========================  ====================================================================
length                    meter
area                      meter ** 2
volume                    meter ** 3
mass                      kilogram
duration                  second
age                       year (only when the extractor says the figure is an age)
speed                     meter / second
temperature               degree_Celsius (an offset unit: converted as ``value * factor + offset``)
energy                    joule
power                     watt
percent                   percent (percent, pct, percentage_point, basis_point, permille, ppm, ppb)
count                     count
number                    "" (a bare number; a dimensionless factor such as a dozen is applied)
money                     the currency's own ISO code (GBX -> GBP, cent -> USD); never converted
                          into another currency here: USD at the article's date is the FX step's job
rate                      <canonical unit of the numerator> / day: "oil_barrel / day" ->
                          "meter ** 3 / day", "count / week" -> "count / day", "USD / year" ->
                          "USD / day", "percent / year" -> "percent / day". A day because news
                          rates are mostly daily (barrels, attacks, sorties); one time base for all
                          rates keeps every rate comparable with any other of the same numerator.
other                     SI base units (angles in degree): "USD / oil_barrel" -> "USD / meter ** 3"
========================  ====================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pint

from figures.errors import UnitError
from figures.normalise.units import parse_unit, registry

# dimensionality (Pint's base dimensions and exponents) -> (dimension, canonical unit)
_PHYSICAL: dict[frozenset[tuple[str, Any]], tuple[str, str]] = {
    frozenset({("[length]", 1)}): ("length", "meter"),
    frozenset({("[length]", 2)}): ("area", "meter ** 2"),
    frozenset({("[length]", 3)}): ("volume", "meter ** 3"),
    frozenset({("[mass]", 1)}): ("mass", "kilogram"),
    frozenset({("[time]", 1)}): ("duration", "second"),
    frozenset({("[length]", 1), ("[time]", -1)}): ("speed", "meter / second"),
    frozenset({("[temperature]", 1)}): ("temperature", "degree_Celsius"),
    frozenset({("[mass]", 1), ("[length]", 2), ("[time]", -2)}): ("energy", "joule"),
    frozenset({("[mass]", 1), ("[length]", 2), ("[time]", -3)}): ("power", "watt"),
}
AGE_UNIT = "year"
RATE_TIME_BASE = "day"
# numerators that make "x per time" a rate (speed, power and the like are their own dimensions)
_RATE_NUMERATORS = {"number", "count", "percent", "money", "length", "area", "volume", "mass", "energy"}
# dimensionless units read as percentages (Pint's % is percent); the rest of the dimensionless are numbers
PERCENT_NAMES = frozenset({"percent", "pct", "percentage_point", "basis_point", "permille", "ppm", "ppb"})
_CURRENCY_PREFIX = "[currency_"


@dataclass(frozen=True, slots=True)
class Conversion:
    """How a unit string maps to its dimension's canonical unit: ``canonical = value * factor + offset``."""

    unit: str  # as given
    dimension: str  # one of Figure.dimension's values
    canonical_unit: str
    factor: float
    offset: float = 0.0
    currency: str | None = None  # the ISO code when canonical_unit is one currency to the first power

    def apply(self, value: float | None) -> float | None:
        return None if value is None else value * self.factor + self.offset


def _root_items(ureg: pint.UnitRegistry, unit: pint.Unit) -> dict[str, Any]:
    return dict(ureg.Quantity(1.0, unit).to_root_units().unit_items())


def _base_unit(ureg: pint.UnitRegistry, unit: pint.Unit) -> str:
    """SI base units (kilogram, not Pint's root gram); a currency's base is its ISO code (GBX -> GBP)."""
    return str(ureg.Quantity(1.0, unit).to_base_units().units)


def _per_written_time(ureg: pint.UnitRegistry, unit: pint.Unit) -> bool:
    """Whether the unit is written with a time unit (barrels / day), not a frequency name (hertz)."""
    return any(
        dict(ureg.parse_units(name).dimensionality) == {"[time]": 1} for name in _unit_names(ureg, unit)
    )


def _unit_names(ureg: pint.UnitRegistry, unit: pint.Unit) -> set[str]:
    return {name for name, _ in ureg.Quantity(1.0, unit).unit_items()}


def _classify(unit: pint.Unit) -> tuple[str, str]:
    """(dimension, canonical unit string) of a parsed unit."""
    ureg = registry()
    dims: dict[str, Any] = dict(unit.dimensionality)
    currencies = [name for name in dims if name.startswith(_CURRENCY_PREFIX)]
    if currencies and dims == {currencies[0]: 1}:
        return "money", _base_unit(ureg, unit)
    if not dims:
        roots = _root_items(ureg, unit)
        if not roots:
            if _unit_names(ureg, unit) & PERCENT_NAMES:
                return "percent", "percent"
            return "number", ""
        if roots == {"count": 1}:
            return "count", "count"
        if roots == {"radian": 1}:
            return "other", "degree"
        return "other", _base_unit(ureg, unit)
    known = _PHYSICAL.get(frozenset(dims.items()))
    if known is not None:
        return known
    if dims.get("[time]") == -1 and _per_written_time(ureg, unit):
        numerator_dimension, numerator_unit = _classify(unit * ureg.parse_units(RATE_TIME_BASE))
        if numerator_dimension in _RATE_NUMERATORS:
            per_day = (ureg.parse_units(numerator_unit) if numerator_unit else ureg.dimensionless) / ureg.day
            return "rate", str(per_day)
    return "other", _base_unit(ureg, unit)


def _single_currency(canonical: pint.Unit) -> str | None:
    powers = {name: power for name, power in dict(canonical.dimensionality).items()}
    found = [name for name in powers if name.startswith(_CURRENCY_PREFIX)]
    if len(found) == 1 and powers[found[0]] == 1:
        return found[0][len(_CURRENCY_PREFIX) : -1]
    return None


@lru_cache(maxsize=4096)
def conversion(unit: str, as_age: bool = False) -> Conversion:
    """The conversion of ``unit`` into its canonical unit; ``UnitError`` if it does not parse.

    ``as_age``: the extractor says the figure is an age ("72-year-old"), so a time unit converts to years.
    Memoised per unit string: normalising a figure is then two multiplications.
    """
    ureg = registry()
    parsed = parse_unit(unit)
    dimension, canonical_unit = _classify(parsed)
    if as_age and dimension == "duration":
        dimension, canonical_unit = "age", AGE_UNIT
    target = ureg.parse_units(canonical_unit) if canonical_unit else ureg.dimensionless
    try:
        at_zero = float(ureg.Quantity(0.0, parsed).to(target).magnitude)
        at_one = float(ureg.Quantity(1.0, parsed).to(target).magnitude)
    except pint.errors.PintError as error:
        # e.g. a temperature difference unit, which has no absolute value to convert
        raise UnitError(unit, f"cannot convert to {canonical_unit or 'a number'}: {error}") from None
    return Conversion(
        unit=unit,
        dimension=dimension,
        canonical_unit=canonical_unit,
        factor=at_one - at_zero,
        offset=at_zero,
        currency=_single_currency(target),
    )


def dimension_of(unit: str) -> str:
    """The dimension a unit string says (number, count, length, area, volume, money, percent, speed, rate,
    mass, duration, temperature, energy, power, other); ``UnitError`` if it does not parse.

    Never "age": a year is a duration unless the extractor says the figure is an age.
    """
    return conversion(unit).dimension
