"""Documents and figures as column frames for a bulk insert: one pandas DataFrame per table.

The column dtypes follow the table's SQL types so that a missing value reaches DuckDB as NULL
(pandas' masked dtypes), never as NaN.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from figures.model import Document, Entity, Figure

if TYPE_CHECKING:  # pandas loads only when a batch is loaded: `figures query` starts without it
    import pandas as pd

# SQL type -> pandas dtype that carries NULL as pd.NA; anything else travels as Python objects
_DTYPES = {
    "DOUBLE": "Float64",
    "FLOAT": "Float64",
    "INTEGER": "Int64",
    "BIGINT": "Int64",
    "BOOLEAN": "boolean",
}

# Figure fields stored in other shapes: range as a low/high pair, extra as JSON text
_FIGURE_SPECIAL = {"range", "extra"}
FIGURE_FIELDS = tuple(f.name for f in fields(Figure) if f.name not in _FIGURE_SPECIAL)
DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))


def figure_id(doc_id: str, start: int, end: int, ordinal: int) -> str:
    """The stable key of a figure: the same document loaded again gives the same ids."""
    return f"{doc_id}:{start}:{end}:{ordinal}"


def _frame(columns: Mapping[str, list[Any]], types: Mapping[str, str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        {
            name: pd.array(values, dtype=_DTYPES.get(types.get(name, ""), object))
            for name, values in columns.items()
        }
    )


def documents_frame(
    documents: Sequence[Document], run_id: str | None, types: Mapping[str, str]
) -> pd.DataFrame:
    columns: dict[str, list[Any]] = {name: [getattr(d, name) for d in documents] for name in DOCUMENT_FIELDS}
    columns["run_id"] = [run_id] * len(documents)
    return _frame(columns, types)


def _extra_json(extra: dict[str, Any]) -> str | None:
    # default=str: a date or a Decimal in extra should not stop a load
    return json.dumps(extra, default=str, ensure_ascii=False) if extra else None


def figures_frame(figures: Iterable[Figure], types: Mapping[str, str]) -> pd.DataFrame:
    rows = list(figures)
    columns: dict[str, list[Any]] = {name: [getattr(f, name) for f in rows] for name in FIGURE_FIELDS}
    seen: dict[tuple[str, int, int], int] = {}
    ordinals = []
    for f in rows:
        key = (f.doc_id, f.start, f.end)
        ordinals.append(seen.get(key, 0))
        seen[key] = ordinals[-1] + 1
    columns["ordinal"] = ordinals
    columns["figure_id"] = [
        figure_id(f.doc_id, f.start, f.end, n) for f, n in zip(rows, ordinals, strict=True)
    ]
    columns["range_low"] = [f.range[0] if f.range is not None else None for f in rows]
    columns["range_high"] = [f.range[1] if f.range is not None else None for f in rows]
    columns["extra"] = [_extra_json(f.extra) for f in rows]
    return _frame(columns, types)


def entities_frame(entities: Iterable[Entity]) -> pd.DataFrame:
    """One row per entity id: the last name and kind given, the union of every alias given (sorted)."""
    merged: dict[str, tuple[str, str, set[str]]] = {}
    for entity in entities:
        _, _, aliases = merged.get(entity.entity_id, ("", "", set()))
        merged[entity.entity_id] = (entity.name, entity.kind, aliases | set(entity.aliases))
    columns: dict[str, list[Any]] = {
        "entity_id": list(merged),
        "name": [name for name, _, _ in merged.values()],
        "kind": [kind for _, kind, _ in merged.values()],
        "aliases": [sorted(aliases - {name}) for name, _, aliases in merged.values()],
    }
    return _frame(columns, {})
