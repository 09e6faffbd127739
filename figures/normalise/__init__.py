"""Normalisation: the one Pint registry, canonical units per dimension, USD at the article's date."""

from __future__ import annotations

import datetime as dt

from figures.model import Figure


def normalise(figure: Figure, date: dt.date | None = None) -> Figure:
    """PLACEHOLDER until the normaliser lands: the figure unchanged."""
    return figure
