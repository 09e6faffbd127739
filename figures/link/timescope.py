"""When a figure holds: the time expression of its clause, normalised against the article's date.

"as of 12pm on 22 September 2025" -> "2025-09-22"; "since August" -> "since 2025-08"; "in the first half of
2025" -> "2025-H1"; "by 2035" -> "by 2035"; "last year" -> "2024" for an article of 2025 (kept as written
when the article has no date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from figures.calendar import MONTHS, WEEKDAYS

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_PART = r"(?:first|second|third|fourth|last|final)"

# words a pattern cannot match without (lower case; each group: one of them must be there), so that a sentence
# without them skips the pattern: most sentences have no time expression at all, and trying every pattern at
# every position was the linker's biggest cost
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "sincein": (("since",),),
    "date": (_MONTH_STEMS,),
    "half": (("half",),),
    "quarter": (("quarter", "q1", "q2", "q3", "q4"),),
    "prior": (("same", "ago", "earlier", "prior", "previous"), ("year",)),
    "thisquarter": (("quarter", "q1", "q2", "q3", "q4"),),
    "thishalf": (("half",),),
    "weekday": (("day",),),
    "end": (("end",),),
    "monthyear": (_MONTH_STEMS,),
    "year": (),
    "month": (_MONTH_STEMS,),
    "relyear": (("year",),),
    "relmonth": (("month",),),
    "past": (("past", "last"), ("hours", "days", "weeks", "months", "years")),
    "annual": (("annual", "year", "day", "daily", "month", "week"),),
}
_NEEDS_YEAR = frozenset({"sincein", "date", "end", "monthyear", "year"})
_HAS_YEAR = re.compile(_YEAR)
# letters that IGNORECASE matches to i or s but str.lower() does not lower to them: with one of them in the
# sentence, the lower-case tests above could miss, so every pattern runs
_FOLDS = re.compile("[ıſİ]")


def _may_match(kind: str, lower: str | None, has_year: bool) -> bool:
    if kind in _NEEDS_YEAR and not has_year:
        return False
    return lower is None or all(any(word in lower for word in group) for group in _NEEDS[kind])


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rx, re.IGNORECASE))
    for kind, rx in [
        (
            # "since Russia's military invasion in 2022": the period runs from that year
            "sincein",
            rf"\b(?P<lead>since)\s+(?:[\w’'-]+\s+){{1,5}}?(?:in|of)\s+(?:(?P<month>{_MONTH})\s+)?"
            rf"(?P<year>{_YEAR})\b",
        ),
        (
            "date",
            rf"\b(?P<lead>as of|as at|on|by|since|until|through)?\s*"
            rf"(?:\d{{1,2}}(?:[:.]\d\d)?\s*(?:am|pm)\s+on\s+)?"
            rf"(?P<day>{_DAY})\s+(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})\b",
        ),
        (
            "date",
            rf"\b(?P<lead>as of|as at|on|by|since|until|through)?\s*(?P<month>{_MONTH})\s+(?P<day>{_DAY}),?"
            rf"\s+(?P<year>{_YEAR})\b",
        ),
        (
            "half",
            rf"\b(?P<lead>in|during|for|over)?\s*the\s+(?P<part>first|second)\s+half\s+of\s+"
            rf"(?:(?P<year>{_YEAR})|(?P<rel>this|last|next)\s+year)\b",
        ),
        (
            "quarter",
            rf"\b(?P<lead>in|during|for|over)?\s*the\s+(?P<part>{_PART})\s+quarter\s+of\s+"
            rf"(?:(?P<year>{_YEAR})|(?P<rel>this|last|next)\s+year)\b",
        ),
        ("quarter", rf"\b(?P<lead>in)?\s*Q(?P<q>[1-4])\s+(?P<year>{_YEAR})\b"),
        (
            # the period a year before the one the sentence names: "$2.1bn in the same quarter last year",
            # "the year-ago quarter", "the prior-year period"
            "prior",
            r"\b(?:the\s+)?(?:same\s+(?:quarter|period|half|month|time)\s+(?:(?:of\s+)?last\s+year|a\s+year\s+"
            r"(?:earlier|ago|before)|(?:of\s+)?(?:the\s+)?(?:previous|prior|preceding)\s+year)"
            r"|year[- ](?:ago|earlier)\s+(?:quarter|period|half|month)|(?:prior|previous)[- ]year\s+"
            r"(?:quarter|period|half))\b",
        ),
        (
            # a quarter or half without its year ("first-quarter revenue", "in the third quarter"): the latest
            # one begun by the article's day, as results are reported after or during their period
            "thisquarter",
            r"\b(?:(?:the\s+)?(?P<part>first|second|third|fourth)[- ]quarter|(?<![\w-])Q(?P<q>[1-4]))\b"
            r"(?![- ](?:of|in)\b)",
        ),
        (
            "thishalf",
            r"\b(?:the\s+)?(?P<part>first|second)[- ]half\b(?!\s+of\b)",
        ),
        (
            "end",
            rf"\b(?P<lead>by|at|before)\s+the\s+end\s+of\s+(?:(?P<month>{_MONTH})\s+)?(?P<year>{_YEAR})\b",
        ),
        (
            "monthyear",
            rf"\b(?P<lead>as of|since|by|until|in|from|during|of)?\s*"
            rf"(?P<month>{_MONTH})\s+(?P<year>{_YEAR})\b",
        ),
        (
            "year",
            rf"\b(?P<lead>as of|since|by|until|in|from|during|for|of|before|after)\s+"
            rf"(?:the\s+(?:[\w-]+\s+){{0,2}})?(?P<year>{_YEAR})\b(?![-–]\d)",
        ),
        (
            "month",
            rf"\b(?P<lead>since|by|until|in|from|during|last|this|as of)\s+(?P<month>{_MONTH})\b(?!\s+\d)",
        ),
        (
            # news dates an event by its weekday within the week before the article: "on Tuesday",
            # "Tuesday's collapse", "since Monday"
            "weekday",
            r"\b(?:(?P<lead>on|since|by|until|last|this)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|"
            r"Friday|Saturday|Sunday)\b(?!\s+(?:\d|of\b))",
        ),
        (
            "relyear",
            r"\b(?P<lead>since|over|during|in|by|for)?\s*(?P<rel>last|this|next|past|previous)\s+year\b",
        ),
        ("relyear", r"\b(?P<rel>a year ago|a year earlier|year-on-year)\b"),
        ("relmonth", r"\b(?P<rel>last|this|next|past|previous)\s+month\b"),
        (
            "past",
            r"\b(?P<lead>in|over|during)\s+the\s+(?P<rel>past|last)\s+(?P<n>\d+|\w+)\s+"
            r"(?P<unit>hours|days|weeks|months|years)\b",
        ),
        (
            "annual",
            r"\b(?P<rel>annual|annually|a year|per year|each year|every year|a day|per day|daily|a month|"
            r"per month|monthly|a week|per week|weekly)\b",
        ),
    ]
]


@dataclass(frozen=True, slots=True)
class TimeMention:
    start: int
    end: int
    text: str
    scope: str


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _lead(lead: str | None) -> str:
    lead = (lead or "").lower()
    if lead in {"since", "by", "until", "through", "from", "before", "after"}:
        return lead + " "
    if lead in {"as of", "as at"}:
        return "as of "
    return ""


def _rel_year(rel: str, date: dt.date | None) -> int | None:
    if date is None:
        return None
    offset = {"last": -1, "previous": -1, "past": -1, "next": 1, "this": 0}.get(rel.lower(), 0)
    return date.year + offset


def _nearest_year(label: str, date: dt.date) -> int:
    """The year whose period ``label`` ("Q4", "H2") lies nearest the article's day, by the period's middle:
    "fourth-quarter results" in February are last year's, "the second half" in April is this year's."""

    def distance(year: int) -> int:
        named = _SCOPE.match(f"{year}-{label}")
        assert named is not None  # a year and a label _SCOPE reads
        first, last = _period(named)
        return abs((first + (last - first) / 2 - date).days)

    return min((date.year - 1, date.year, date.year + 1), key=distance)


def _normalise(kind: str, m: re.Match[str], date: dt.date | None) -> str | None:
    g = m.groupdict()
    lead = _lead(g.get("lead"))
    if kind == "date":
        day = int(re.sub(r"\D", "", g["day"]))
        return f"{lead}{int(g['year']):04d}-{_month(g['month']):02d}-{day:02d}"
    if kind in {"half", "quarter"}:
        year = int(g["year"]) if g.get("year") else _rel_year(g.get("rel") or "", date)
        if year is None:
            return m.group(0).strip()
        if kind == "half":
            return f"{year}-H{1 if g['part'].lower() == 'first' else 2}"
        q = (
            g.get("q")
            or {"first": "1", "second": "2", "third": "3", "fourth": "4", "last": "4", "final": "4"}[
                g["part"].lower()
            ]
        )
        return f"{year}-Q{q}"
    if kind == "prior":
        return _PRIOR  # resolved in find() against the period its sentence names
    if kind in {"thisquarter", "thishalf"}:
        if date is None:
            return m.group(0).strip()
        part = g.get("q") or {"first": "1", "second": "2", "third": "3", "fourth": "4"}[g["part"].lower()]
        label = f"Q{part}" if kind == "thisquarter" else f"H{part}"
        return f"{_nearest_year(label, date)}-{label}"
    if kind == "weekday":
        if date is None:
            return None  # a weekday without the article's day is any week's: no scope
        back = (date.weekday() - WEEKDAYS.index(g["weekday"].lower())) % 7  # that day this week or the last
        return f"{_lead(g.get('lead'))}{(date - dt.timedelta(days=back)).isoformat()}"
    if kind == "end":
        month = _month(g["month"]) if g.get("month") else 12
        return f"{lead}{g['year']}-{month:02d}"
    if lead == "from " and not re.match(r"\s*(?:to|until|through|[-–])\s", m.string[m.end() :]):
        lead = ""  # "records from 2022 show": a point in time, not the start of a period
    if kind == "sincein":
        suffix = f"-{_month(g['month']):02d}" if g.get("month") else ""
        return f"since {g['year']}{suffix}"
    if kind == "monthyear":
        return f"{lead}{g['year']}-{_month(g['month']):02d}"
    if kind == "year":
        return f"{lead}{g['year']}"
    if kind == "month":
        word = (g.get("lead") or "").lower()
        month = _month(g["month"])
        if date is None:
            return m.group(0).strip()
        year = date.year if month <= date.month else date.year - 1
        if word == "last":
            year = date.year - 1 if month >= date.month else date.year
        return f"{_lead(word)}{year}-{month:02d}"
    if kind == "relyear":
        rel = g["rel"].lower()
        if rel in {"a year ago", "a year earlier"}:
            rel = "last"
        if rel == "year-on-year":
            return "year-on-year"
        year = _rel_year(rel, date)
        word = (g.get("lead") or "").lower()
        if year is None:
            return m.group(0).strip()
        if rel == "past" or word == "over":
            return f"since {year}-{date.month:02d}" if date else m.group(0).strip()
        return f"{_lead(word)}{year}"
    if kind == "relmonth":
        if date is None:
            return m.group(0).strip()
        rel = g["rel"].lower()
        month, year = date.month, date.year
        if rel in {"last", "past", "previous"}:
            month, year = (12, year - 1) if month == 1 else (month - 1, year)
        elif rel == "next":
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
        return f"{year}-{month:02d}"
    if kind == "past":
        return f"past {g['n']} {g['unit']}"
    if kind == "annual":
        rel = g["rel"].lower()
        for word, label in (
            ("day", "per day"),
            ("dail", "per day"),
            ("week", "per week"),
            ("month", "per month"),
        ):
            if word in rel:
                return label
        return "per year"
    return None


_PRIOR = "prior"
_PERIOD = re.compile(r"^(?P<year>\d{4})(?P<rest>(?:-(?:H[12]|Q[1-4]|\d\d(?:-\d\d)?))?)$")


def _prior(found: list[TimeMention], prior: TimeMention, date: dt.date | None) -> str:
    """The period a year before the one its sentence names nearest to it ("in the first quarter of 2026 ...
    up from $2.1bn in the same quarter last year": 2025-Q1); without one, last year (or the words as
    written, in an undated article)."""
    periods = [(abs(t.start - prior.start), m) for t in found if (m := _PERIOD.match(t.scope))]
    if periods:
        m = min(periods, key=lambda pair: pair[0])[1]
        return f"{int(m['year']) - 1}{m['rest']}"
    return str(date.year - 1) if date else prior.text


def find(sentence: str, date: dt.date | None) -> list[TimeMention]:
    """Every time expression in a sentence, normalised; overlapping matches keep the earlier pattern."""
    found: list[TimeMention] = []
    lower = None if _FOLDS.search(sentence) else sentence.lower()
    has_year = _HAS_YEAR.search(sentence) is not None
    for kind, pattern in _PATTERNS:
        if not _may_match(kind, lower, has_year):
            continue
        for m in pattern.finditer(sentence):
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            if any(t.start < m.end() and start < t.end for t in found):
                continue
            scope = _normalise(kind, m, date)
            if scope:
                found.append(TimeMention(start, m.end(), sentence[start : m.end()], scope))
    if any(t.scope == _PRIOR for t in found):
        named = [t for t in found if t.scope != _PRIOR]
        found = named + [
            TimeMention(t.start, t.end, t.text, _prior(named, t, date)) for t in found if t.scope == _PRIOR
        ]
    return sorted(found, key=lambda t: t.start)


_CLAUSE_BREAK = re.compile(r"[;:–—]|,\s+(?:while|but|whereas|although|as|which|who)\b")


def scope_for(
    sentence: str,
    start: int,
    end: int,
    date: dt.date | None,
    found: list[TimeMention] | None = None,
) -> tuple[str | None, str | None]:
    """The time scope of the figure at ``start:end`` of ``sentence`` and the words it comes from (``found``:
    ``find(sentence, date)`` where the caller has it already).

    The nearest expression in the figure's clause wins; one that directly follows the figure ("18.3 per cent
    in 2020") beats an earlier one.
    """
    if found is None:
        found = find(sentence, date)
    mentions = [t for t in found if not (t.start < end and start < t.end)]
    if not mentions:
        return None, None
    best: tuple[float, TimeMention] | None = None
    for t in mentions:
        lo, hi = (t.end, start) if t.end <= start else (end, t.start)
        between = sentence[lo:hi]
        if _CLAUSE_BREAK.search(between):
            continue
        distance: float = len(between) + 40 * between.count(",")  # another clause of the sentence
        if t.start >= end:
            distance *= 0.5  # "16.7 per cent in 2019": a following expression binds tighter
        if distance > 160:
            continue
        if best is None or distance < best[0]:
            best = (distance, t)
    if best is None:
        return None, None
    return best[1].scope, best[1].text


_SCOPE = re.compile(
    r"^(?:(?P<lead>since|by|until|through|from|before|after|as of|past) )?"
    r"(?:(?P<year>\d{4})(?:-(?:(?P<half>H[12])|Q(?P<quarter>[1-4])|(?P<month>\d\d)(?:-(?P<day>\d\d))?))?"
    r"|(?P<n>\d+) (?P<unit>hours|days|weeks|months|years))$"
)


def _period(m: re.Match[str]) -> tuple[dt.date, dt.date]:
    """The first and last day of the period a normalised scope names ("2025", "2025-H1", "2025-09")."""
    year = int(m["year"])
    if m["day"]:
        day = dt.date(year, int(m["month"]), int(m["day"]))
        return day, day
    if m["month"]:
        first_month = last_month = int(m["month"])
    elif m["half"]:
        first_month, last_month = (1, 6) if m["half"] == "H1" else (7, 12)
    elif m["quarter"]:
        q = int(m["quarter"])
        first_month, last_month = 3 * q - 2, 3 * q
    else:
        first_month, last_month = 1, 12
    after = dt.date(year + (last_month == 12), last_month % 12 + 1, 1)
    return dt.date(year, first_month, 1), after - dt.timedelta(days=1)


def dates_for(scope: str | None, date: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """A time scope as dates, ``None`` where open: "since 2025-08" in an article of 2025-09-24 is
    2025-08-01 .. 2025-09-24; "2025-H1" is 2025-01-01 .. 2025-06-30; "by 2035" ends 2035-12-31."""
    m = _SCOPE.match(scope or "")
    if m is None:
        return None, None
    lead = m["lead"] or ""
    if m["n"]:
        if date is None:
            return None, None
        days = int(m["n"]) * {"hours": 0, "days": 1, "weeks": 7, "months": 30, "years": 365}[m["unit"]]
        return date - dt.timedelta(days=days), date
    try:
        first, last = _period(m)
    except ValueError:
        return None, None
    if lead == "since" or lead == "after":
        return first, date
    if lead in {"by", "until", "through", "before"}:
        return None, last
    if lead == "as of":
        return last, last
    return first, last
