"""Accuracy and speed benchmarks for figures, beside its peers (CQE, quantulum3).

Entry points: ``python -m benchmarks.accuracy`` (every accuracy benchmark, one table, REPORT.md),
``python -m benchmarks.speed`` (throughput against quantulum3 in the same run) and
``python -m benchmarks.misses`` (our misses and false positives grouped by pattern).

The MIT-licensed peer suites (Recognizers-Text, quantulum3) live in ``tests/peers/`` so that a clone tests
them too; NewsQuant states no license, so it is only ever read from the shared folder beside the project.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEERS = REPO / "tests" / "peers"
SEEDS = REPO / "seeds" / "000_ef0aaf124261c612.txt"
GOLDEN = REPO / "tests" / "golden"


def shared_dir() -> Path | None:
    """The shared folder beside the project (``$FIGURES_SHARED``, else ``../shared``), or None if absent."""
    candidates = [os.environ.get("FIGURES_SHARED"), REPO.parent / "shared", REPO.parent.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "benchmarks").is_dir():
            return Path(candidate)
    return None
