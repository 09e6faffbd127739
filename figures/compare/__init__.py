"""Compare: figures that disagree, and a picture of them.

The conflict semantics live in one place, the store's ``conflicts`` view (``figures/store/conflicts.sql``);
``read_conflicts`` gives its rows as ``Conflict`` objects, ``find_conflicts`` runs it on figures not yet
loaded, and ``plot_conflicts`` draws them (matplotlib, imported only when drawing).
"""

from __future__ import annotations

from figures.compare.conflicts import KINDS, Conflict, Side, find_conflicts, from_rows, read_conflicts
from figures.compare.plot import plot_conflicts

__all__ = ["KINDS", "Conflict", "Side", "find_conflicts", "from_rows", "plot_conflicts", "read_conflicts"]
