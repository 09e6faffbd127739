"""Article dates as written in feeds and exports, to ``datetime.date``.

Accepted: ISO 8601 (``2025-10-01``, ``2025-10-01T12:00:00Z``, ``20251001``), RFC 2822 as in RSS
(``Wed, 01 Oct 2025 10:00:00 +0000``), day-month-year and month-day-year with month names (``1 October
2025``, ``Oct. 1, 2025``, ``1-Oct-2025``), ``2025/10/01``, and numeric day/month forms when only one
reading is possible (``25/10/2025``). ``01/10/2025`` could be either and is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from figures.calendar import MONTHS

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\d)")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DAY_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_TIME_TAIL = re.compile(r"(?:,|\s)\s*(?:at\s+)?\d{1,2}:\d{2}.*$", re.IGNORECASE)

_NAMED_DMY = re.compile(r"(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})")
_NAMED_MDY = re.compile(r"([A-Za-z]+)\.?[\s-]+(\d{1,2}),?[\s-]+(\d{4})")


class DateError(ValueError):
    """A date string that cannot be read, or that could be read more than one way."""


def parse_date(written: str) -> dt.date:
    """The date that ``written`` names; DateError if there is none or it is ambiguous."""
    text = written.strip()
    if not text:
        raise DateError("empty date")
    for pattern in (_ISO, _YMD):
        if match := pattern.match(text):
            year, month, day = (int(group) for group in match.groups())
            return _make(year, month, day, written)
    if (match := _COMPACT.fullmatch(text)) is not None:
        year, month, day = (int(group) for group in match.groups())
        return _make(year, month, day, written)
    if "," in text[:5] and (parsed := _rfc2822(text)) is not None:
        return parsed
    plain = _TIME_TAIL.sub("", _DAY_SUFFIX.sub("", _WEEKDAY.sub("", text))).strip()
    if (match := _NUMERIC.fullmatch(plain)) is not None:
        first, second, year = (int(group) for group in match.groups())
        if first > 12 >= second:
            return _make(year, second, first, written)
        if second > 12 >= first:
            return _make(year, first, second, written)
        if first == second:
            return _make(year, first, second, written)
        raise DateError(f"ambiguous date {written!r} (day/month or month/day?); write it as YYYY-MM-DD")
    if (match := _NAMED_DMY.fullmatch(plain)) is not None:
        day_digits, month_name, year_digits = match.groups()
        return _make(int(year_digits), _month(month_name, written), int(day_digits), written)
    if (match := _NAMED_MDY.fullmatch(plain)) is not None:
        month_name, day_digits, year_digits = match.groups()
        return _make(int(year_digits), _month(month_name, written), int(day_digits), written)
    raise DateError(f"unreadable date {written!r}; write it as YYYY-MM-DD")


def _rfc2822(text: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _month(name: str, written: str) -> int:
    number = MONTHS.get(name.lower())
    if number is None:
        raise DateError(f"unreadable date {written!r} (no month called {name!r}); write it as YYYY-MM-DD")
    return number


def _make(year: int, month: int, day: int, written: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise DateError(f"impossible date {written!r} ({error})") from None
