"""A picture of the disagreements: one panel per disagreement, one bar per cluster of agreeing claims.

Each panel shows, in the unit its group is compared in, the interval each cluster spans (a dot for an
exact value, an arrow for an unbounded end: "at least", "up to"), labelled with its figures as written
and how many articles say it (copies of one story once, with the number of copies). Panels are laid out
in two columns past a handful, so that fifty disagreements still read on one page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from figures.compare.disagreements import Cluster, Disagreement
from figures.errors import FiguresError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as Canvas

LABEL_WIDTH = 38  # characters of a cluster's label before it is cut
TITLE_WIDTH = 70  # characters of a panel's title
LOG_SCALE_RATIO = 30.0  # a panel whose values span more than this factor is drawn on a log axis
ROW_HEIGHT = 0.34  # inches per cluster
PANEL_PADDING = 0.95  # inches per panel for its title and axis
ONE_COLUMN = 6  # more disagreements than this go in two columns
PANEL_WIDTH = 7.5  # inches per column


def compact(value: float, _position: object = None) -> str:
    """A tick label a reader takes in at a glance: 30.9m, 164bn, 1,600."""
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:,.4g}{suffix}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"


def _count(cluster: Cluster) -> str:
    said = f"{cluster.articles} article{'' if cluster.articles == 1 else 's'}"
    return said + (f" ({cluster.copies} copies)" if cluster.copies > cluster.articles else "")


def _label(cluster: Cluster) -> str:
    texts = list(dict.fromkeys(claim.text for claim in cluster.claims))
    return textwrap.shorten(", ".join(texts), LABEL_WIDTH, placeholder="…")


def title(disagreement: Disagreement) -> str:
    what = f"{disagreement.name() or '(no subject)'} · {disagreement.property or '?'}"
    when = f" · {disagreement.time_scope}" if disagreement.time_scope else ""
    kind = disagreement.kind.replace("_", " ")
    return textwrap.shorten(f"{what}{when}  ({kind})", TITLE_WIDTH, placeholder="…")


def _draw(ax: Axes, disagreement: Disagreement) -> None:
    from matplotlib.ticker import FuncFormatter  # matplotlib is there: draw_disagreements checked

    clusters = disagreement.clusters
    finite = [v for c in clusters for v in (c.low, c.high) if v is not None]
    if not finite:
        return
    lowest, highest = min(finite), max(finite)
    if lowest > 0 and highest / lowest > LOG_SCALE_RATIO:
        ax.set_xscale("log")
        left, right = lowest / 2.5, highest * 2.5
    else:
        pad = (highest - lowest) * 0.25 or abs(highest) * 0.1 or 1.0
        # no negative axis for values that are all positive
        left, right = (lowest - pad if lowest - pad > 0 or lowest <= 0 else 0.0), highest + pad
    ax.set_xlim(left, right)
    ax.xaxis.set_major_formatter(FuncFormatter(compact))
    ax.tick_params(axis="x", labelsize=7)
    for row, cluster in enumerate(clusters):
        y = len(clusters) - 1 - row
        low = cluster.low if cluster.low is not None else left
        high = cluster.high if cluster.high is not None else right
        colour = f"C{row % 10}"
        if cluster.low is not None and cluster.low == cluster.high:
            ax.plot([low], [y], "o", color=colour, markersize=6)
        else:
            ax.plot([low, high], [y, y], "-", color=colour, linewidth=6, solid_capstyle="butt")
            if cluster.low is None:
                ax.plot([left], [y], "<", color=colour)
            if cluster.high is None:
                ax.plot([right], [y], ">", color=colour)
        ax.annotate(
            _count(cluster),
            (high, y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            clip_on=False,
        )
    ax.set_yticks(range(len(clusters)))
    ax.set_yticklabels([_label(cluster) for cluster in reversed(clusters)], fontsize=7)
    ax.set_ylim(-0.7, len(clusters) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title(disagreement), fontsize=8.5, loc="left")
    ax.set_xlabel(disagreement.unit or "number", fontsize=7, labelpad=1)


def draw_disagreements(disagreements: Sequence[Disagreement]) -> Canvas:
    """A matplotlib figure of the disagreements (one panel each), not yet saved.

    Made without pyplot, so it needs no display and leaves any pyplot state (a notebook's) alone.
    """
    try:
        from matplotlib.figure import Figure as Canvas
    except ImportError as error:  # matplotlib comes with the plot extra, not with figures itself
        raise FiguresError(f"drawing needs matplotlib (pip install matplotlib): {error}") from error

    if not disagreements:
        canvas = Canvas(figsize=(8, 1.5))
        ax = canvas.subplots()
        ax.axis("off")
        ax.text(0.5, 0.5, "No disagreements", ha="center", va="center")
        return canvas
    columns = 1 if len(disagreements) <= ONE_COLUMN else 2
    rows = -(-len(disagreements) // columns)
    # every row of panels as tall as its tallest panel
    heights = [
        max(len(d.clusters) for d in disagreements[row * columns : (row + 1) * columns]) * ROW_HEIGHT
        + PANEL_PADDING
        for row in range(rows)
    ]
    canvas = Canvas(figsize=(PANEL_WIDTH * columns + 1.5, sum(heights) + 0.6), layout="constrained")
    axes = canvas.subplots(rows, columns, gridspec_kw={"height_ratios": heights}, squeeze=False)
    for index, ax in enumerate(axes.flat):
        if index < len(disagreements):
            _draw(ax, disagreements[index])
        else:
            ax.axis("off")
    canvas.suptitle(
        "Figures that disagree: each cluster of agreeing claims, and how many articles say it", fontsize=10
    )
    return canvas


def plot_disagreements(disagreements: Sequence[Disagreement], path: str | Path) -> Path:
    """Draw the disagreements into an image file (PNG, SVG or PDF by its suffix) and return its path."""
    target = Path(path)
    canvas = draw_disagreements(disagreements)
    try:
        canvas.savefig(target, dpi=110)
    except (OSError, ValueError) as error:
        raise FiguresError(f"cannot write the plot to {target}: {error}") from error
    return target
