"""Disagreements as Python objects, read from the store's ``disagreements`` table.

The views (``figures/store/claims.sql`` -> ``claim_clusters.sql`` -> ``disagreements.sql``, whose last
view is ``live_disagreements``) are the one implementation of the conflict semantics: which figures make
one group of claims (entity, property, time scope, role), the interval each asserts (qualifiers, the
writer's rounding step, the article's own exchange rate or the ECB's), and how a group's claims cluster
into values that agree. A store keeps their rows in the table ``disagreements``, written when figures are
loaded (``figures/store/stored/``), so reading them is a plain SELECT. This module reads those rows, runs
the views on figures not yet in a database, and on a Parquet dataset.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from figures.errors import StoreError
from figures.store import Store, open_store
from figures.store.database import CONFLICT_VIEWS
from figures.store.duck import duckdb

if TYPE_CHECKING:
    from figures.model import Document, Entity, Figure

TABLE = "disagreements"  # the stored rows (a view of the live ones over Parquet)
LIVE = "live_disagreements"  # the view the rows come from
KINDS = ("across_articles", "within_article", "bad_conversion")
# the views of the conflicts chain, in the order they build on each other; figure_sources is their base
CHAIN = (*CONFLICT_VIEWS, "conflicts.sql")
# the view's order, largest first; disagreement_id makes it total
ORDER = "articles DESC, spread DESC NULLS LAST, copies DESC, entity NULLS LAST, property, disagreement_id"
_CHOSEN = """
    WHERE (CAST($entity AS VARCHAR) IS NULL OR lower(entity) = lower($entity)
           OR lower(subject) = lower($entity) OR list_contains(CAST($named AS VARCHAR[]), entity))
      AND (CAST($property AS VARCHAR) IS NULL OR lower(property) = lower($property))
"""
# each figure in JSON: the provenance fields first (issue 3's order), then the rest
JSON_FIRST = ("doc_id", "text", "start", "end", "value", "unit", "low", "high", "sentence")

Source = Store | duckdb.DuckDBPyConnection


def _plain(value: Any) -> Any:
    """None for SQL NULL and NaN; everything else as DuckDB gives it (Python scalars and dates)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure of a cluster: a statement as its first copy says it, and how many articles carry it."""

    figure_id: str
    doc_id: str
    text: str
    start: int
    end: int
    value: float | None
    unit: str
    low: float | None  # the asserted interval in ``unit``; None = unbounded
    high: float | None
    sentence: str
    qualifier: str | None = None
    shown_low: float | None = None  # the asserted interval in the disagreement's unit
    shown_high: float | None = None
    usd_rate: float | None = None  # USD per unit used, when the group is compared in USD
    rate_source: str | None = None  # "article" (its own dual-unit statement), "ECB <date>", "USD"
    title: str | None = None
    source: str | None = None
    date: dt.date | None = None
    claimant: str | None = None
    time_scope: str | None = None
    copies: int = 1  # articles that carry the same sentence: copies of one wire story

    def as_json(self) -> dict[str, Any]:
        row = {name: getattr(self, name) for name in JSON_FIRST}
        row.update({f.name: getattr(self, f.name) for f in fields(self) if f.name not in row})
        row["date"] = self.date.isoformat() if self.date else None
        return row


CLAIM_FIELDS = frozenset(f.name for f in fields(Claim))


@dataclass(frozen=True, slots=True)
class Cluster:
    """Claims of one group whose intervals agree (overlap, in a chain), and who makes them.

    ``low``/``high`` span the values its claims assert, in ``unit`` (None: unbounded). ``articles`` counts
    the articles that say it, copies of one story once; ``copies`` counts every article.
    """

    low: float | None
    high: float | None
    unit: str
    claims: tuple[Claim, ...]
    statements: int
    articles: int
    copies: int
    sources: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "figures": [claim.as_json() for claim in self.claims],
            "articles": self.articles,
            "sources": list(self.sources),
            "copies": self.copies,
            "claimants": list(self.claimants),
            "statements": self.statements,
        }


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One group of claims (entity, property, time scope) whose values fall into two or more clusters.

    ``kind``: ``within_article`` (one article states two of the values), ``across_articles``, or
    ``bad_conversion`` (the two halves of one dual-unit statement disagree). ``clusters`` run from the
    lowest values to the highest; ``spread`` is the highest's central value over the lowest's.
    """

    disagreement_id: str
    kind: str
    entity: str | None
    subject: str | None
    property: str | None
    dimension: str
    time_scope: str | None
    unit: str
    articles: int
    copies: int
    spread: float | None
    clusters: tuple[Cluster, ...]
    # the entity's canonical name in the store's `entities` table ("Keir Starmer" where articles wrote
    # "Starmer"); None where the store has none (a Parquet dataset, a figure with no entity)
    entity_name: str | None = None

    def name(self) -> str | None:
        """What the disagreement is about, as shown: the entity's canonical name, else the subject."""
        return self.entity_name or self.subject or self.entity

    def claims(self) -> tuple[Claim, ...]:
        return tuple(claim for cluster in self.clusters for claim in cluster.claims)

    def as_json(self) -> dict[str, Any]:
        """``{entity, subject, property, time_scope, kind, clusters: [...]}``, then the rest."""
        return {
            "entity": self.entity,
            "subject": self.subject,
            "property": self.property,
            "time_scope": self.time_scope,
            "kind": self.kind,
            "clusters": [cluster.as_json() for cluster in self.clusters],
            "entity_name": self.entity_name,
            "dimension": self.dimension,
            "unit": self.unit,
            "articles": self.articles,
            "copies": self.copies,
            "spread": self.spread,
            "id": self.disagreement_id,
        }


def _claim(row: Mapping[str, Any]) -> Claim:
    return Claim(**{name: _plain(value) for name, value in row.items() if name in CLAIM_FIELDS})


def _cluster(row: Mapping[str, Any]) -> Cluster:
    return Cluster(
        low=_plain(row["low"]),
        high=_plain(row["high"]),
        unit=row["unit"] or "",
        claims=tuple(_claim(figure) for figure in row["figures"] or ()),
        statements=int(row["statements"]),
        articles=int(row["articles"]),
        copies=int(row["copies"]),
        sources=tuple(row["sources"] or ()),
        claimants=tuple(row["claimants"] or ()),
    )


def from_record(row: Mapping[str, Any]) -> Disagreement:
    """A Disagreement from one row of the ``disagreements`` view (as a column -> value mapping)."""
    return Disagreement(
        disagreement_id=row["disagreement_id"],
        kind=row["kind"],
        entity=row["entity"],
        subject=row["subject"],
        property=row["property"],
        dimension=row["dimension"],
        time_scope=row["time_scope"],
        unit=row["unit"] or "",
        articles=int(row["articles"]),
        copies=int(row["copies"]),
        spread=_plain(row["spread"]),
        clusters=tuple(_cluster(cluster) for cluster in row["clusters"]),
    )


def _connection(source: Source) -> duckdb.DuckDBPyConnection:
    return source.connection if isinstance(source, Store) else source


def _relation(store: Source) -> str:
    """The stored table; the live view while loads or a write by hand wait for a refresh (a run cut off)."""
    if isinstance(store, Store) and not store.disagreements_current:
        return LIVE
    return TABLE


def find_disagreements(
    store: Source, entity: str | None = None, property: str | None = None, limit: int | None = None
) -> list[Disagreement]:
    """The disagreements in a store (or a DuckDB connection holding the views: open_parquet), largest first.

    ``entity`` matches the entity id or the subject as written, ``property`` the canonical property,
    both ignoring case. ``limit`` keeps the first so many. A store's are its ``disagreements`` table;
    where a load is still pending (a run cut off before its end) the view ``live_disagreements`` gives
    the same rows, computed.
    """
    if limit is not None and limit < 0:
        raise StoreError(f"limit must be 0 or more, not {limit}")
    connection = _connection(store)
    named = _entities_named(connection, entity) if entity is not None else []
    try:
        relation = _relation(store)
        sql = f"SELECT * FROM {relation} {_CHOSEN} ORDER BY {ORDER} LIMIT CAST($limit AS BIGINT)"
        cursor = connection.execute(
            sql, {"entity": entity, "named": named, "property": property, "limit": limit}
        )
        names = [column[0] for column in cursor.description or ()]
        rows = cursor.fetchall()
    except duckdb.CatalogException as error:
        raise StoreError(f"no `{TABLE}` table: a database made by another figures? ({error})") from error
    except duckdb.Error as error:
        raise StoreError(str(error)) from error
    found = [from_record(dict(zip(names, row, strict=True))) for row in rows]
    canonical = _entity_names(connection, {d.entity for d in found if d.entity})
    return [replace(d, entity_name=canonical.get(d.entity or "")) for d in found]


def _entities_named(connection: duckdb.DuckDBPyConnection, words: str) -> list[str]:
    """The ids of the entities whose canonical name or an alias is ``words`` (any case): "Starmer" finds
    Keir Starmer's disagreements. None without an `entities` table (a Parquet dataset)."""
    try:
        rows = connection.execute(
            "SELECT entity_id FROM entities WHERE lower(name) = lower($words) "
            "OR list_contains([lower(alias) FOR alias IN aliases], lower($words))",
            {"words": words},
        ).fetchall()
    except duckdb.CatalogException:
        return []
    return [entity_id for (entity_id,) in rows]


def _entity_names(connection: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, str]:
    """entity_id -> the canonical name, for ``ids``, from the `entities` table when there is one."""
    if not ids:
        return {}
    try:
        rows = connection.execute(
            "SELECT entity_id, name FROM entities WHERE list_contains($ids, entity_id)", {"ids": sorted(ids)}
        ).fetchall()
    except duckdb.CatalogException:
        return {}
    return dict(rows)


def count_disagreements(store: Source, entity: str | None = None, property: str | None = None) -> int:
    """How many disagreements find_disagreements gives with no limit: a count, no rows read."""
    connection = _connection(store)
    named = _entities_named(connection, entity) if entity is not None else []
    try:
        relation = _relation(store)
        chosen = {"entity": entity, "named": named, "property": property}
        (count,) = connection.execute(f"SELECT count(*) FROM {relation} {_CHOSEN}", chosen).fetchone() or (0,)
    except duckdb.CatalogException as error:
        raise StoreError(f"no `{TABLE}` table: a database made by another figures? ({error})") from error
    except duckdb.Error as error:
        raise StoreError(str(error)) from error
    return int(count)


class _Scratch:
    """One in-memory store per process for disagreements_among: its schema and views are built once."""

    lock = threading.Lock()
    store: Store | None = None


def disagreements_among(
    documents: Sequence[Document], found: Iterable[Figure], entities: Iterable[Entity] = ()
) -> list[Disagreement]:
    """The disagreements among ``found`` (normalised, linked figures of ``documents``), in a scratch store.

    The same views as a loaded database uses, so figures disagree here exactly when they would there.
    ``entities`` are those the figures' entity_id name (by default the store reads them off the figures).
    """
    with _Scratch.lock:
        if _Scratch.store is None:
            _Scratch.store = open_store(":memory:")
        scratch = _Scratch.store
        try:
            scratch.load(documents, list(found), entities=entities)
            return find_disagreements(scratch)
        finally:
            scratch.connection.execute(
                "DELETE FROM figures; DELETE FROM documents; DELETE FROM runs; DELETE FROM entities; "
                "DELETE FROM disagreements; DELETE FROM disagreements_pending"
            )


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def open_parquet(figures: str | Path, documents: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose ``figures`` and ``documents`` are views over Parquet files, with the views
    of the conflicts chain on top: find_disagreements on it reads a dataset too large for one database.

    ``figures``/``documents`` are a Parquet file, a folder of them (read recursively, hive partitions
    included) or a glob. Nothing is stored here: ``disagreements`` is a view of ``live_disagreements``.
    """
    connection = duckdb.connect(":memory:")
    try:
        for name, where in (("figures", figures), ("documents", documents)):
            path = Path(where)
            pattern = str(path / "**" / "*.parquet") if path.is_dir() else str(where)
            connection.execute(
                f"CREATE VIEW {name} AS SELECT * FROM read_parquet({_sql_literal(pattern)}, "
                "hive_partitioning = true, union_by_name = true)"
            )
        from importlib import resources  # the view files: `figures conflicts` on a store starts without it

        folder = resources.files("figures.store")
        for file in CONFLICT_VIEWS:
            connection.execute(folder.joinpath(file).read_text(encoding="utf-8"))
        connection.execute(f"CREATE VIEW {TABLE} AS SELECT * FROM {LIVE}")
        connection.execute(folder.joinpath("conflicts.sql").read_text(encoding="utf-8"))
    except duckdb.Error as error:
        connection.close()
        raise StoreError(f"cannot read the Parquet dataset ({figures}, {documents}): {error}") from error
    return connection
