"""DuckDB's compiled engine, without the Python layer its package loads on top of it.

`import duckdb` (2.x) runs a pure-Python relation and Arrow layer (duckdb._relation, _expression,
_sources, and importlib.metadata for its version: about 0.1 s, a third of `figures query`'s start-up)
over the compiled module `_duckdb`, whose classes it re-exports as they are. The store and the conflicts
reader use only the DB-API (connect, execute, fetchmany, extract_statements, StatementType and the
exceptions), so they take it from `_duckdb` where the installed duckdb package has one beside it (1.4 and
2.x do), else from the package. Code that scans Python Arrow objects (``register``) or uses the relation
API (``connection.sql``) imports ``duckdb`` itself before it does, which sets them up.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING


def _engine_beside_package() -> bool:
    """Whether `_duckdb` is the installed duckdb package's own: in the same folder, so of one install
    (another folder earlier on the path, such as a --target install of an older duckdb, is not)."""
    package, engine = find_spec("duckdb"), find_spec("_duckdb")
    if package is None or engine is None or package.origin is None or engine.origin is None:
        return False
    return Path(engine.origin).parent == Path(package.origin).parent.parent


if TYPE_CHECKING:
    import duckdb
elif _engine_beside_package():
    import _duckdb as duckdb
else:  # an older duckdb (1.2): the compiled module lives inside the package
    import duckdb

__all__ = ["duckdb"]
