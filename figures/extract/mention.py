"""The working form of a figure while the scanner builds it (mutable), and the number clean-up."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Mention:
    """A figure being built: mutable while the scanner works on it; becomes a frozen Figure at the end."""

    start: int  # the figure's surface, currency symbol and unit included, qualifier excluded
    end: int
    value: float
    step: float
    scale: float = 1.0
    has_scale: bool = False
    unit: str = ""
    unit_text: str | None = None
    dimension: str = "number"
    noun: str | None = None
    qualifier: str | None = None
    qualifier_start: int | None = None
    vague: bool = False
    spelled: bool = False
    currency_prefix: bool = False
    range: tuple[float, float] | None = None
    group: str | None = None


def clean(number: float) -> float:
    """67.6 * 1e9 is 67599999999.99999 in binary floating point: keep the digits the writer wrote."""
    return float(f"{number:.12g}")
