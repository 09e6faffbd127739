"""Conflict pairs as Python objects, read from the store's ``conflicts`` view.

The view (``figures/store/conflicts.sql``) is the one implementation of the conflict semantics: which
figures are compared (same subject, property, dimension, role and time scope), the interval each asserts
(qualifiers, the writer's rounding step, the article's own exchange rate or the ECB's) and when two do
not overlap. This module only reads its rows, and runs it on figures that are not in a database yet.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from figures.errors import StoreError
from figures.model import Document, Figure
from figures.store import Store, open_store

VIEW = "conflicts"
KINDS = ("across_articles", "within_article", "bad_conversion")
# each figure of a pair in JSON: the fields issue 3 asks for, in its order, then the rest
JSON_FIRST = ("doc_id", "text", "start", "end", "value", "unit", "low", "high", "sentence")


def _plain(value: Any) -> Any:
    """None for SQL NULL and NaN, Python scalars for numpy ones, dates as dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


@dataclass(frozen=True, slots=True)
class Side:
    """One figure of a conflicting pair, with its provenance and its interval in the pair's unit."""

    figure_id: str
    doc_id: str
    text: str
    start: int
    end: int
    value: float | None
    unit: str
    low: float | None  # the asserted interval in ``unit``; None = unbounded
    high: float | None
    sentence: str
    qualifier: str | None = None
    shown_low: float | None = None  # the asserted interval in the pair's unit
    shown_high: float | None = None
    usd_rate: float | None = None  # USD per unit used, when the pair is compared in USD
    rate_source: str | None = None  # "article" (its own dual-unit statement), "ECB <date>", "USD"
    title: str | None = None
    source: str | None = None
    date: dt.date | None = None
    claimant: str | None = None
    time_scope: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The fields issue 3 names first (doc_id, text, start, end, value, unit, low, high, sentence)."""
        row = {name: getattr(self, name) for name in JSON_FIRST}
        row.update({f.name: getattr(self, f.name) for f in fields(self) if f.name not in row})
        row["date"] = self.date.isoformat() if self.date else None
        return row


SIDE_FIELDS = tuple(f.name for f in fields(Side))


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two figures about one (subject, property) whose intervals do not overlap.

    ``kind``: ``across_articles``, ``within_article``, or ``bad_conversion`` (the two halves of one
    dual-unit statement disagree). ``unit`` is the unit both are shown in, ``gap`` how far apart their
    asserted intervals are in it, ``ratio`` the larger central value over the smaller.
    """

    subject: str | None
    property: str | None
    kind: str
    dimension: str
    unit: str
    gap: float | None
    ratio: float | None
    a: Side
    b: Side

    def sides(self) -> tuple[Side, Side]:
        return self.a, self.b

    def as_json(self) -> dict[str, Any]:
        """``{subject, property, kind, figures: [a, b], dimension, unit, gap, ratio}``."""
        return {
            "subject": self.subject,
            "property": self.property,
            "kind": self.kind,
            "figures": [self.a.as_json(), self.b.as_json()],
            "dimension": self.dimension,
            "unit": self.unit,
            "gap": self.gap,
            "ratio": self.ratio,
        }


def _side(row: Mapping[str, Any], prefix: str) -> Side:
    return Side(**{name: _plain(row.get(prefix + name)) for name in SIDE_FIELDS})


def from_rows(frame: pd.DataFrame) -> list[Conflict]:
    """The conflicts of rows of the ``conflicts`` view (columns a_*/b_* for the two figures)."""
    found = []
    for row in frame.to_dict("records"):
        found.append(
            Conflict(
                subject=_plain(row["subject"]),
                property=_plain(row["property"]),
                kind=row["kind"],
                dimension=row["dimension"],
                unit=row["unit"],
                gap=_plain(row["gap"]),
                ratio=_plain(row["ratio"]),
                a=_side(row, "a_"),
                b=_side(row, "b_"),
            )
        )
    return found


def read_conflicts(store: Store) -> list[Conflict]:
    """Every conflict in the store, in the view's order (subject, property, kind, articles)."""
    if not store.has_view(VIEW):
        raise StoreError(f"{store.path} has no `{VIEW}` view: a broken install?")
    return from_rows(store.query(f"SELECT * FROM {VIEW}"))


class _Scratch:
    """One in-memory store per process for find_conflicts: its schema and views are built once."""

    lock = threading.Lock()
    store: Store | None = None


def find_conflicts(documents: Sequence[Document], found: Iterable[Figure]) -> list[Conflict]:
    """The conflicts among ``found`` (normalised and linked figures of ``documents``), in a scratch store.

    The same view as a loaded database uses, so a figure pair disagrees here exactly when it would there.
    """
    with _Scratch.lock:
        if _Scratch.store is None:
            _Scratch.store = open_store(":memory:")
        scratch = _Scratch.store
        try:
            scratch.load(documents, list(found))
            return read_conflicts(scratch)
        finally:
            scratch.connection.execute("DELETE FROM figures; DELETE FROM documents; DELETE FROM runs")
