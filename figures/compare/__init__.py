"""Compare: groups of claims that disagree, and a picture of them.

The semantics live in one place, the store's views (``figures/store/claims.sql`` -> ``claim_clusters.sql``
-> ``disagreements.sql``, and ``conflicts.sql`` for pairs), whose rows a store keeps in its
``disagreements`` table. ``find_disagreements`` reads them as ``Disagreement`` objects from a store (or
from a Parquet dataset opened with ``open_parquet``), ``count_disagreements`` counts them,
``disagreements_among`` runs them on figures not yet loaded, and ``plot_disagreements`` draws them
(matplotlib, imported only when drawing).
"""

from __future__ import annotations

from figures.compare.disagreements import (
    KINDS,
    Claim,
    Cluster,
    Disagreement,
    count_disagreements,
    disagreements_among,
    find_disagreements,
    from_record,
    open_parquet,
)
from figures.compare.plot import draw_disagreements, plot_disagreements

__all__ = [
    "KINDS",
    "Claim",
    "Cluster",
    "Disagreement",
    "count_disagreements",
    "disagreements_among",
    "draw_disagreements",
    "find_disagreements",
    "from_record",
    "open_parquet",
    "plot_disagreements",
]
