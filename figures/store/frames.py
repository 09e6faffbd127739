"""Documents, figures and entities as Arrow tables for a bulk insert: one table per batch and SQL table.

Each column gets the Arrow type of its SQL column, so a missing value (None, or NaN in a float
column) reaches DuckDB as NULL, and DuckDB scans the columns without a Python object per value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from figures.model import Document, Entity, Figure, text_hash

if TYPE_CHECKING:  # pyarrow loads only when a batch is loaded: `figures query` starts without it
    import pyarrow as pa

# Figure fields stored in other shapes: range as a low/high pair, extra as JSON text
_FIGURE_SPECIAL = {"range", "extra"}
FIGURE_FIELDS = tuple(f.name for f in fields(Figure) if f.name not in _FIGURE_SPECIAL)
DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))
_FIGURE_VALUES = attrgetter(*FIGURE_FIELDS)  # one C call per figure instead of one getattr per field
_DOCUMENT_VALUES = attrgetter(*DOCUMENT_FIELDS)


def figure_id(doc_id: str, start: int, end: int, ordinal: int) -> str:
    """The stable key of a figure: the same document loaded again gives the same ids."""
    return f"{doc_id}:{start}:{end}:{ordinal}"


def _arrow_type(sql_type: str) -> pa.DataType:
    import pyarrow as pa

    if sql_type.endswith("[]"):
        return pa.list_(_arrow_type(sql_type[:-2]))
    return {
        "DOUBLE": pa.float64(),
        "FLOAT": pa.float32(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
    }.get(sql_type, pa.string())  # VARCHAR, and JSON as its text (the insert casts it)


def _table(columns: Mapping[str, Sequence[Any]], types: Mapping[str, str]) -> pa.Table:
    import pyarrow as pa

    return pa.table(
        {
            # from_pandas: NaN in a float column is NULL, as None is
            name: pa.array(values, type=_arrow_type(types.get(name, "VARCHAR")), from_pandas=True)
            for name, values in columns.items()
        }
    )


def _columns(rows: list[tuple[Any, ...]], names: Sequence[str]) -> dict[str, Sequence[Any]]:
    if not rows:
        return {name: [] for name in names}
    return dict(zip(names, zip(*rows, strict=True), strict=True))


def documents_frame(documents: Sequence[Document], run_id: str | None, types: Mapping[str, str]) -> pa.Table:
    columns = _columns([_DOCUMENT_VALUES(d) for d in documents], DOCUMENT_FIELDS)
    columns["run_id"] = [run_id] * len(documents)
    columns["text_hash"] = [text_hash(d.text) for d in documents]
    return _table(columns, types)


def _extra_json(extra: dict[str, Any]) -> str | None:
    # default=str: a date or a Decimal in extra should not stop a load
    return json.dumps(extra, default=str, ensure_ascii=False) if extra else None


def figures_frame(figures: Iterable[Figure], types: Mapping[str, str]) -> pa.Table:
    rows = list(figures)
    columns = _columns([_FIGURE_VALUES(f) for f in rows], FIGURE_FIELDS)
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
    # the linker's id names the entity as the article does; the store maps it to the canonical entity
    columns["name_id"] = columns["entity_id"]
    return _table(columns, types)


def figures_from_rows(rows: Iterable[Sequence[Any]]) -> list[Figure]:
    """Figures back from rows of ``FIGURE_FIELDS`` followed by range_low, range_high and extra (JSON text),
    as ``figures_frame`` wrote them."""
    out = []
    for row in rows:
        values = dict(zip(FIGURE_FIELDS, row, strict=False))
        low, high, extra = row[len(FIGURE_FIELDS) :]
        values["range"] = (low, high) if low is not None and high is not None else None
        values["extra"] = json.loads(extra) if extra else {}
        out.append(Figure(**values))
    return out


def entities_frame(entities: Iterable[Entity]) -> pa.Table:
    """One row per entity id as the linker gave it (``name_id``: an article's name for an entity, merged
    across the store later): the last name and kind given, the union of every alias given (sorted)."""
    merged: dict[str, tuple[str, str, set[str]]] = {}
    for entity in entities:
        _, _, aliases = merged.get(entity.entity_id, ("", "", set()))
        merged[entity.entity_id] = (entity.name, entity.kind, aliases | set(entity.aliases))
    columns: dict[str, Sequence[Any]] = {
        "name_id": list(merged),
        "name": [name for name, _, _ in merged.values()],
        "kind": [kind for _, kind, _ in merged.values()],
        "aliases": [sorted(aliases - {name}) for name, _, aliases in merged.values()],
    }
    return _table(columns, {"aliases": "VARCHAR[]"})
