"""Core types: a document, a problem with the input, and a figure (a span with attributes).

Every stage of the pipeline passes these along; later stages fill more fields with
``dataclasses.replace`` and never mutate. ``text[start:end] == figure.text`` always holds, where
``text`` is the document's text as stored in the ``documents`` table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def text_hash(text: str) -> str:
    """The SHA-256 of a text (UTF-8) in hex: tells whether a document changed since it was loaded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-256."""
    return text_hash(text)[:16]


@dataclass(frozen=True, slots=True)
class Document:
    """One article, as stored. Offsets of its figures refer to ``text``."""

    doc_id: str
    text: str
    title: str | None = None
    source: str | None = None
    date: dt.date | None = None
    url: str | None = None
    path: str | None = None  # the file it was read from
    line: int | None = None  # 1-based line of that file where the article starts


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input: which file, which line, what. Readers yield these, never raise."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Entity:
    """A thing figures are about, across articles: "Keir Starmer" (person) with alias "Starmer"."""

    entity_id: str  # stable: the gazetteer's id, else a slug of kind and canonical name
    name: str
    kind: str  # person, weapon, ship, aircraft, country, organisation, company, place, other
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A numeric figure found in a text: a span plus what it says.

    Extraction fills the span, the value as written (``value`` or ``range``), ``unit`` (a Pint-parsable
    string, ``"count"`` for counts of things, ``""`` for a bare number), ``noun``, ``qualifier``, the
    asserted interval ``low``/``high`` (qualifiers applied, in ``unit``), ``group`` and the sentence.
    Normalisation fills the canonical and USD fields; linking fills subject, property, claimant and time.
    """

    doc_id: str
    start: int
    end: int
    text: str
    value: float | None  # None for an explicit range
    range: tuple[float, float] | None = None
    unit: str = ""
    unit_text: str | None = None  # the unit as written ("km²", "Danish crowns", "bn")
    noun: str | None = None  # the counted noun ("attack drones")
    qualifier: str | None = None  # about, at least, up to, -plus, ...
    low: float | None = None  # the interval the figure asserts, in ``unit``
    high: float | None = None
    vague: bool = False  # "hundreds of miles", "tens of thousands"
    step: float | None = None  # the rounding step the writer used (10 for "60", 0.1 for "164.0")
    group: str | None = None  # shared by the halves of one statement ("995 miles (1,600 km)")
    dimension: str = "number"  # length, area, money, percent, count, speed, rate, mass, duration, age, ...
    sentence: str = ""
    sentence_start: int = 0  # offset of ``sentence`` in the document text
    # normalisation (Pint, FX)
    canonical_unit: str | None = None  # meter, meter ** 2, kilogram, second, percent, count, or the currency
    canonical_value: float | None = None
    canonical_low: float | None = None
    canonical_high: float | None = None
    usd_low: float | None = None
    usd_high: float | None = None
    fx_rate: float | None = None  # USD per unit of the figure's currency
    fx_date: dt.date | None = None  # the date of that rate
    fx_note: str | None = None  # why there is no USD value, or that the rate is stale
    # linking
    subject: str | None = None  # canonical ("Tomahawk")
    subject_text: str | None = None  # as written ("The Tomahawk")
    property: str | None = None  # range, count, cost, area, ...
    property_text: str | None = None
    claimant: str | None = None  # who says so ("the ministry")
    time_scope: str | None = None  # "as of 22 September 2025", "2025-H1"
    time_start: dt.date | None = None  # the time scope as dates (None where open): "since August" in an
    time_end: dt.date | None = None  # article of 2025-09-24 is 2025-08-01 .. 2025-09-24
    entity_id: str | None = None  # the canonical entity the subject names (entities.entity_id)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def contract(self) -> dict[str, Any]:
        """The prediction contract: one JSON-able object per figure (see the NewsQuant scorer)."""
        row = asdict(self)
        row.pop("extra")
        row["range"] = list(self.range) if self.range is not None else None
        for name in ("fx_date", "time_start", "time_end"):
            value = getattr(self, name)
            row[name] = value.isoformat() if value else None
        return row
