"""Engines that run the pipeline over a corpus and load the results.

- ``local``: this machine; the documents analysed in this process or in worker processes (``workers``),
  loaded into DuckDB by this process, the one writer.
"""

from __future__ import annotations

from figures.engine.local import TIME_LIMIT, Interrupted, Outcome, Progress, extract

__all__ = ["TIME_LIMIT", "Interrupted", "Outcome", "Progress", "extract"]
