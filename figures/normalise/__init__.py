"""Normalisation: the one Pint registry, canonical units per dimension, USD at the article's date.

``normalise(figure, date)`` keeps the value and unit as written and fills, by ``dataclasses.replace``:

- ``canonical_unit`` / ``canonical_value`` / ``canonical_low`` / ``canonical_high``: the figure in its
  dimension's canonical unit (see ``figures.normalise.canonical``). For an explicit range
  ``canonical_value`` is None and low/high are its ends; low/high are the asserted interval
  (``figure.low``/``figure.high``, qualifiers applied), falling back to the value or range as written.
- ``dimension``, when the extractor left it "number" but the unit says otherwise.
- for money (and money rates, money per barrel, ...: any canonical unit with one currency to the first
  power): ``fx_rate`` (USD per unit of the canonical currency), ``fx_date`` (the date of the rate used),
  ``usd_low`` / ``usd_high`` (the canonical interval times the rate, so in ``canonical_unit`` with the
  currency read as USD), and ``fx_note`` when the rate is missing, stale or not of the article's date.

It never raises on a figure: a unit the registry cannot read leaves the canonical fields None and the
reason in ``extra["unit_error"]``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from figures.errors import UnitError
from figures.model import Figure
from figures.normalise.canonical import Conversion, conversion, dimension_of
from figures.normalise.fx import Quote, usd_per_unit
from figures.normalise.units import definition_loads, parse_unit, registry

__all__ = [
    "Conversion",
    "Quote",
    "conversion",
    "definition_loads",
    "dimension_of",
    "normalise",
    "parse_unit",
    "registry",
    "usd_per_unit",
]


def _digits(number: float | None) -> float | None:
    """995 mi is 1601297.28 m, not 1601297.2800000003: twelve significant digits, more than writers give."""
    return None if number is None else float(f"{number:.12g}")


def _ends(figure: Figure) -> tuple[float | None, float | None]:
    """The interval the figure asserts, in its own unit; ``None`` at an open end ("at least 30": 30, None).

    The extractor always fills ``low``/``high``; a figure with neither (made by hand) asserts its value or
    its range.
    """
    low, high = figure.low, figure.high
    if low is not None or high is not None:
        return low, high
    if figure.range is not None:
        low = figure.range[0] if low is None else low
        high = figure.range[1] if high is None else high
    else:
        low = figure.value if low is None else low
        high = figure.value if high is None else high
    return low, high


def normalise(figure: Figure, date: dt.date | None = None) -> Figure:
    """The figure with its canonical and USD fields filled (see the module docstring). Never raises."""
    if isinstance(date, dt.datetime):
        date = date.date()
    try:
        converted = conversion(figure.unit, figure.dimension == "age")
    except UnitError as error:
        return replace(
            figure,
            canonical_unit=None,
            canonical_value=None,
            canonical_low=None,
            canonical_high=None,
            usd_low=None,
            usd_high=None,
            fx_rate=None,
            fx_date=None,
            fx_note=None,
            extra={**figure.extra, "unit_error": str(error)},
        )
    low, high = _ends(figure)
    canonical_low, canonical_high = converted.apply(low), converted.apply(high)
    usd_low = usd_high = fx_rate = None
    fx_date = None
    fx_note = None
    if converted.currency is not None:
        quote = usd_per_unit(converted.currency, date)
        fx_rate, fx_date, fx_note = quote.rate, quote.date, quote.note
        if quote.rate is not None:
            usd_low = None if canonical_low is None else canonical_low * quote.rate
            usd_high = None if canonical_high is None else canonical_high * quote.rate
    dimension = figure.dimension
    if dimension in ("number", "") and converted.dimension != "number":
        dimension = converted.dimension
    extra = figure.extra
    if "unit_error" in extra:
        extra = {key: value for key, value in extra.items() if key != "unit_error"}
    return replace(
        figure,
        dimension=dimension,
        canonical_unit=converted.canonical_unit,
        canonical_value=_digits(converted.apply(figure.value) if figure.range is None else None),
        canonical_low=_digits(canonical_low),
        canonical_high=_digits(canonical_high),
        usd_low=_digits(usd_low),
        usd_high=_digits(usd_high),
        fx_rate=fx_rate,
        fx_date=fx_date,
        fx_note=fx_note,
        extra=extra,
    )
