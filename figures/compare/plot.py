"""A picture of the disagreements: one panel per subject and property, one line per figure's interval.

Each panel shows, in the unit the conflicts view compares them in, the interval every disagreeing
figure asserts (a dot for an exact figure, an arrow for an unbounded end: "at least", "up to"),
labelled with the figure as written and the article it comes from.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from figures.compare.conflicts import Conflict, Side
from figures.errors import FiguresError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as Canvas

LABEL_WIDTH = 60  # characters of a figure's label before it is cut
LOG_SCALE_RATIO = 30.0  # a panel whose values span more than this factor is drawn on a log axis
ROW_HEIGHT = 0.42  # inches per figure
PANEL_PADDING = 0.9  # inches per panel for its title and axis


@dataclass(frozen=True, slots=True)
class Panel:
    """The figures of one (subject, property, unit), each once, in the order the conflicts name them."""

    subject: str
    property: str
    unit: str
    sides: tuple[Side, ...]
    kinds: frozenset[str]


def panels(conflicts: Sequence[Conflict]) -> list[Panel]:
    """Group conflicting figures by (subject, property, unit); a figure in several pairs appears once."""
    grouped: dict[tuple[str, str, str], dict[str, Side]] = {}
    kinds: dict[tuple[str, str, str], set[str]] = {}
    for conflict in conflicts:
        key = (conflict.subject or "(no subject)", conflict.property or "(no property)", conflict.unit)
        sides = grouped.setdefault(key, {})
        kinds.setdefault(key, set()).add(conflict.kind)
        for side in conflict.sides():
            sides.setdefault(side.figure_id, side)
    return [
        Panel(subject, prop, unit, tuple(sides.values()), frozenset(kinds[(subject, prop, unit)]))
        for (subject, prop, unit), sides in grouped.items()
    ]


def _label(side: Side) -> str:
    where = side.title or side.source or side.doc_id
    said = f" ({side.claimant})" if side.claimant else ""
    return textwrap.shorten(f"{side.text}{said} — {where}", LABEL_WIDTH, placeholder="…")


def compact(value: float, _position: object = None) -> str:
    """A tick label a reader takes in at a glance: 30.9m, 164bn, 1,600."""
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:,.4g}{suffix}"
    return f"{value:,.4g}"


def _draw(ax: Axes, panel: Panel) -> None:
    from matplotlib.ticker import FuncFormatter  # matplotlib is there: draw_conflicts checked

    finite = [v for s in panel.sides for v in (s.shown_low, s.shown_high) if v is not None]
    if not finite:
        return
    lowest, highest = min(finite), max(finite)
    if lowest > 0 and highest / lowest > LOG_SCALE_RATIO:
        ax.set_xscale("log")
        left, right = lowest / 1.6, highest * 1.6
    else:
        pad = (highest - lowest) * 0.15 or abs(highest) * 0.1 or 1.0
        left, right = lowest - pad, highest + pad
    ax.set_xlim(left, right)
    ax.xaxis.set_major_formatter(FuncFormatter(compact))
    for row, side in enumerate(panel.sides):
        y = len(panel.sides) - 1 - row
        low = side.shown_low if side.shown_low is not None else left
        high = side.shown_high if side.shown_high is not None else right
        colour = f"C{row % 10}"
        if side.shown_low is not None and side.shown_low == side.shown_high:
            ax.plot([low], [y], "o", color=colour)
        else:
            ax.plot([low, high], [y, y], "-", color=colour, linewidth=5, solid_capstyle="butt")
            if side.shown_low is None:
                ax.plot([left], [y], "<", color=colour)
            if side.shown_high is None:
                ax.plot([right], [y], ">", color=colour)
    ax.set_yticks(range(len(panel.sides)))
    ax.set_yticklabels([_label(side) for side in reversed(panel.sides)], fontsize=8)
    ax.set_ylim(-0.7, len(panel.sides) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    kinds = ", ".join(sorted(kind.replace("_", " ") for kind in panel.kinds))
    ax.set_title(f"{panel.subject} · {panel.property}  ({kinds})", fontsize=10, loc="left")
    ax.set_xlabel(panel.unit or "number", fontsize=8)


def draw_conflicts(conflicts: Sequence[Conflict]) -> Canvas:
    """A matplotlib figure of the conflicts (one panel per subject/property), not yet saved.

    Made without pyplot, so it needs no display and leaves any pyplot state (a notebook's) alone.
    """
    try:
        from matplotlib.figure import Figure as Canvas
    except ImportError as error:  # matplotlib comes with the test extras, not with figures itself
        raise FiguresError(f"drawing needs matplotlib (pip install matplotlib): {error}") from error

    found = panels(conflicts)
    if not found:
        canvas = Canvas(figsize=(8, 1.5))
        ax = canvas.subplots()
        ax.axis("off")
        ax.text(0.5, 0.5, "No conflicting figures", ha="center", va="center")
        return canvas
    heights = [len(panel.sides) * ROW_HEIGHT + PANEL_PADDING for panel in found]
    canvas = Canvas(figsize=(11, sum(heights)))
    axes = canvas.subplots(len(found), 1, gridspec_kw={"height_ratios": heights}, squeeze=False)
    for ax, panel in zip(axes[:, 0], found, strict=True):
        _draw(ax, panel)
    canvas.suptitle("Figures that disagree: each figure's asserted interval", fontsize=11)
    canvas.tight_layout()
    return canvas


def plot_conflicts(conflicts: Sequence[Conflict], path: str | Path) -> Path:
    """Draw the conflicts into an image file (PNG, SVG or PDF by its suffix) and return its path."""
    target = Path(path)
    canvas = draw_conflicts(conflicts)
    try:
        canvas.savefig(target, dpi=120)
    except (OSError, ValueError) as error:
        raise FiguresError(f"cannot write the plot to {target}: {error}") from error
    return target
