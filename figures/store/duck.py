"""DuckDB's compiled engine, without the Python layer its package loads on top of it.

`import duckdb` (2.x) runs a pure-Python relation and Arrow layer (duckdb._relation, _expression,
_sources, and importlib.metadata for its version: about 0.1 s, a third of `figures query`'s start-up)
over the compiled module `_duckdb`, whose classes it re-exports as they are. The store and the conflicts
reader use only the DB-API (connect, execute, fetchmany, extract_statements, StatementType and the
exceptions), so they take it from `_duckdb` where the installed duckdb has one (1.4 and later), else from
the package. Code that scans Python Arrow objects (``register``) or uses the relation API
(``connection.sql``) imports ``duckdb`` itself before it does, which sets them up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb
else:
    try:
        import _duckdb as duckdb
    except ImportError:  # duckdb before 1.4: the compiled module lives inside the package
        import duckdb

__all__ = ["duckdb"]
