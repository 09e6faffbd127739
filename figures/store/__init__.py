"""Storage: documents, figures and runs in DuckDB; schema and views are the .sql files of this folder.

``schema.sql`` runs first, then every other ``*.sql`` file here in sorted order (a view that uses
one defined later is retried), so a new view only needs a new file.
"""

from __future__ import annotations

from figures.store.database import EXPORT_FORMATS, Run, Store, open_store
from figures.store.frames import figure_id

__all__ = ["EXPORT_FORMATS", "Run", "Store", "figure_id", "open_store"]
