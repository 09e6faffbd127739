"""USD per unit of a currency at a date: the ECB's daily reference rates, shipped offline.

The ``currencyconverter`` package carries the ECB file (EUR against about 30 currencies, 1999 onwards; RUB
stops on 2022-03-01, UAH was never in it). It is built once per process, lazily, with both of its
fallbacks off: figures decides what a missing rate means instead of letting the package interpolate or
extrapolate silently.

- The rate used is the latest ECB fixing on or before the article's date where both the currency and USD
  are quoted (weekends and TARGET holidays have none), looking back at most ``STALE_AFTER_DAYS`` days.
- Older than that (RUB after March 2022, any article after the file's last date by more than a week): the
  rate is stale; the figure gets no USD value and a note saying so. No guessing.
- No article date: the latest rate in the file, with a note saying so.
- A currency the ECB does not quote (UAH): a note, no USD value.
- ``figures/data/fx_rates.csv``, if present, adds rates the ECB lacks (same look-back and staleness rule);
  the ECB wins when both have a usable rate.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.resources
import io
import threading
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

STALE_AFTER_DAYS = 7
USER_RATES_FILE = "data/fx_rates.csv"


@dataclass(frozen=True, slots=True)
class Quote:
    """USD per unit of a currency, the date of that rate, and a note when there is something to say."""

    currency: str
    rate: float | None  # None: no usable rate (missing or stale), see note
    date: dt.date | None
    note: str | None = None
    source: str = "ECB"


class _Holder:
    lock = threading.Lock()
    converter: CurrencyConverter | None = None
    user_rates: dict[str, list[tuple[dt.date, float, str]]] | None = None


def converter() -> CurrencyConverter:
    """The process's CurrencyConverter (about half a second to build; built once, on first use)."""
    built = _Holder.converter
    if built is None:
        with _Holder.lock:
            built = _Holder.converter
            if built is None:
                built = _Holder.converter = CurrencyConverter(
                    fallback_on_wrong_date=False, fallback_on_missing_rate=False
                )
    return built


def ecb_last_date() -> dt.date:
    """The last date of the shipped ECB file (for USD)."""
    return converter().bounds["USD"].last_date  # type: ignore[no-any-return]


def read_user_rates(text: str, name: str = USER_RATES_FILE) -> dict[str, list[tuple[dt.date, float, str]]]:
    """Rates from a ``currency,date,usd_per_unit,source`` CSV ('#' lines are comments), sorted by date.

    A bad line is skipped with a warning naming the file and line; the rest still load.
    """
    rates: dict[str, list[tuple[dt.date, float, str]]] = {}
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    if not lines:
        return rates
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in lines)))
    for (number, _), row in zip(lines[1:], reader, strict=False):
        try:
            currency = row["currency"].strip()
            day = dt.date.fromisoformat(row["date"].strip())
            rate = float(row["usd_per_unit"])
            if len(currency) != 3 or not currency.isupper() or rate <= 0:
                raise ValueError("currency must be an ISO code and the rate positive")
        except (KeyError, AttributeError, TypeError, ValueError) as error:
            warnings.warn(f"{name}:{number}: skipped: {error}", stacklevel=2)
            continue
        rates.setdefault(currency, []).append((day, rate, (row.get("source") or "").strip()))
    for series in rates.values():
        series.sort()
    return rates


def user_rates() -> dict[str, list[tuple[dt.date, float, str]]]:
    """The packaged ``figures/data/fx_rates.csv``, read once; empty when the file is absent."""
    loaded = _Holder.user_rates
    if loaded is None:
        resource = importlib.resources.files("figures").joinpath(USER_RATES_FILE)
        text = resource.read_text("utf-8") if resource.is_file() else ""
        loaded = _Holder.user_rates = read_user_rates(text, f"figures/{USER_RATES_FILE}")
    return loaded


def _ecb_rate(currency: str, day: dt.date) -> float | None:
    """USD per unit on exactly that day, or None when either side has no fixing that day."""
    try:
        return float(converter().convert(1.0, currency, "USD", date=day))
    except RateNotFoundError:
        return None


def _ecb_latest_on_or_before(currency: str, day: dt.date) -> tuple[dt.date, float] | None:
    """The ECB's latest fixing for the pair on or before ``day`` (None: nothing before it at all)."""
    table = converter()
    first = max(table.bounds[currency].first_date, table.bounds["USD"].first_date)
    last = min(table.bounds[currency].last_date, table.bounds["USD"].last_date)
    probe = min(day, last)
    # fixings are missing only on weekends and holidays: a fortnight's walk always finds one in the bounds
    while probe >= first:
        rate = _ecb_rate(currency, probe)
        if rate is not None:
            return probe, rate
        probe -= dt.timedelta(days=1)
    return None


def _user_latest_on_or_before(currency: str, day: dt.date) -> tuple[dt.date, float, str] | None:
    series = user_rates().get(currency)
    if not series:
        return None
    index = bisect_right(series, (day, float("inf"), "\uffff"))
    return series[index - 1] if index else None


@lru_cache(maxsize=65536)
def usd_per_unit(currency: str, day: dt.date | None) -> Quote:
    """USD per unit of ``currency`` at ``day`` (the article's date), by the rules in the module docstring."""
    if currency == "USD":
        return Quote(currency, 1.0, day)
    table = converter()
    in_ecb = currency in table.currencies
    if day is None:
        if in_ecb:
            found = _ecb_latest_on_or_before(currency, table.bounds[currency].last_date)
            if found is not None:
                return Quote(
                    currency, found[1], found[0], f"no article date: latest ECB rate ({found[0]}) used"
                )
        user = _user_latest_on_or_before(currency, dt.date.max)
        if user is not None:
            return Quote(
                currency,
                user[1],
                user[0],
                f"no article date: latest fx_rates.csv rate ({user[0]}) used",
                user[2],
            )
        return Quote(currency, None, None, f"no ECB rate for {currency}")
    ecb = _ecb_latest_on_or_before(currency, day) if in_ecb else None
    if ecb is not None and (day - ecb[0]).days <= STALE_AFTER_DAYS:
        return Quote(currency, ecb[1], ecb[0])
    user = _user_latest_on_or_before(currency, day)
    if user is not None and (day - user[0]).days <= STALE_AFTER_DAYS:
        return Quote(
            currency, user[1], user[0], f"rate from fx_rates.csv ({user[2] or 'no source given'})", user[2]
        )
    if ecb is not None:
        age = (day - ecb[0]).days
        return Quote(
            currency,
            None,
            None,
            f"stale: the latest ECB rate for {currency} is from {ecb[0]}, {age} days before {day};"
            " no USD value",
        )
    if in_ecb:
        first = table.bounds[currency].first_date
        return Quote(currency, None, None, f"no ECB rate for {currency} before {first}")
    return Quote(currency, None, None, f"no ECB rate for {currency}")
