"""The DuckDB store: a versioned schema, views and comments from the package's files, bulk loads,
guarded queries and exports. The API is described in figures/store/__init__.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from figures import __version__ as FIGURES_VERSION
from figures.errors import StoreError
from figures.store.duck import duckdb

if TYPE_CHECKING:  # pandas and the model load only for query() and load(): `figures query` starts without
    import pandas as pd

    from figures.model import Document, Entity, Figure, Problem

SCHEMA_FILE = "schema.sql"
UPGRADES_FOLDER = "upgrades"
MERGES_FOLDER = "merges"
STORED_FOLDER = "stored"  # the disagreements stored at write time: their table and its refresh
# 1: the tables before versioning (no schema_version table); 2: figures.time_start, time_end, entity_id,
# the entities and schema_version tables, comments on everything; 3: documents.text_hash; 4: entities
# merged across articles (figures.name_id, the entity_names table); 5: disagreements stored (a table,
# and disagreements_pending)
SCHEMA_VERSION = 5
# the view files of the conflicts chain, in the order they build on each other, up to live_disagreements
# (figures.compare runs them over Parquet; a writer over the articles a load touched); conflicts.sql,
# the pairs, reads the stored table
CONFLICT_VIEWS = ("figure_sources.sql", "claims.sql", "claim_clusters.sql", "disagreements.sql")
# the in-memory catalog where a writer runs that chain over the articles a load touched (stored/refresh.sql)
CONFLICTS_CATALOG = "_figures_conflicts"
# The writer's DuckDB memory: its buffer pool (the pages of the file it caches, and what a refresh's
# joins, sorts and windows hold), past which DuckDB evicts pages and spills to a folder beside the
# database (`<db>.tmp`, removed when it closes). DuckDB's default is 80% of the machine's memory, which a
# long run fills with the pages it wrote (1.8 GB at 1 GB of input), so a run's memory grew with the
# corpus; under this limit it stays flat (issue 10, benchmarks.extract_memory). `figures extract
# --memory-limit` changes it; an in-memory store keeps DuckDB's default (it has nowhere to spill).
# 384 MB: a refresh's buckets (REFRESH_FIGURES) mostly fit, so it spills little (at 256 MB the refresh of
# 434,000 figures took 25% more CPU; at 384 and 512 MB as much as with no limit).
WRITER_MEMORY_LIMIT = "384MB"
# DuckDB's threads under that limit: each thread of the refresh's plan (its joins, windows and sorts)
# holds blocks of its own, so that the seed corpus's refresh needs 48-64 MB on one thread, 96-128 MB on
# two to four, 128-192 MB on eight; a writer runs at most one thread per this much of its limit.
MEMORY_PER_THREAD = 64 * 2**20
_SIZES = {"bytes": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40, "PiB": 2**50}
# a refresh of more figures than this runs in buckets of about this many, so that the chain's memory is
# bounded at any corpus size (stored/bucket.sql)
REFRESH_FIGURES = 100_000
# New files are written in DuckDB 1.1's storage format, which every DuckDB from 1.1.0 reads (the duckdb
# command-line tool included); the default of duckdb 2.x is a format DuckDB 1.x cannot read. DuckDB
# keeps a file's format when it writes to it later. DuckDB 1.1 reads the tables but stops with an internal
# error on the conflicts views (conflict_pairs), so the oldest reader promised for every table and view is
# 1.2.2; tests/test_store_compat.py opens a file with it.
STORAGE_VERSION = "v1.1.0"
OLDEST_READER = "1.2.2"
EXPORT_FORMATS = ("csv", "jsonl", "parquet")
_COPY_OPTIONS = {"csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json", "parquet": "FORMAT parquet"}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COLUMNS = """
    SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_catalog = current_database() AND table_schema = 'main'
      AND table_name IN ('documents', 'figures', 'entities', 'entity_names', 'runs', 'schema_version',
                         'disagreements_pending')
    ORDER BY table_name, ordinal_position
"""


def _columns_by_table(rows: list[tuple[Any, ...]]) -> dict[str, list[tuple[Any, ...]]]:
    """_COLUMNS' rows as table -> its (column, type) pairs in order."""
    columns: dict[str, list[tuple[Any, ...]]] = {}
    for table, *column in rows:
        columns.setdefault(table, []).append(tuple(column))
    return columns


_TABLES = (
    "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'"
)
# a stable order for exports, so that two exports of the same data are the same file
_EXPORT_ORDER = {
    "figures": 'doc_id, start, "end", ordinal',
    "documents": "doc_id",
    "entities": "entity_id",
    "entity_names": "name_id",
    "runs": "started",
    "schema_version": "applied",
    "figure_sources": 'doc_id, start, "end", ordinal',
}
# Readers: no file but the database, no extension, and no SET that could undo either (issue 10).
# arrow_lossless_conversion keeps JSON columns JSON on their way to an export (see Store.export).
_READER_CONFIG: dict[str, Any] = {
    "enable_external_access": False,
    "lock_configuration": True,
    "arrow_lossless_conversion": True,
}
_WRITER_CONFIG: dict[str, Any] = {
    "storage_compatibility_version": STORAGE_VERSION,
    "arrow_lossless_conversion": True,
}
_LOCKED = "Could not set lock"
_OUT_OF_MEMORY = "Out of Memory"
_OTHER_CONFIGURATION = "different configuration"
ONE_WRITER_RULE = (
    "DuckDB lets one process write a database file, or any number of processes read it, never both"
)


@dataclass(frozen=True, slots=True)
class Run:
    """One `figures extract` run: what was loaded when, by which version, and what was skipped."""

    run_id: str
    started: dt.datetime
    version: str
    paths: tuple[str, ...] = ()
    finished: dt.datetime | None = None
    documents: int = 0
    figures: int = 0
    messages: tuple[str, ...] = field(default=())  # "file:line: message" for each skipped input

    @classmethod
    def begin(cls, paths: Iterable[str], version: str) -> Run:
        started = dt.datetime.now().replace(microsecond=0)
        import uuid  # here and in load(): the readers start without it

        return cls(f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}", started, version, tuple(paths))

    @property
    def problems(self) -> int:
        return len(self.messages)


@dataclass(frozen=True, slots=True)
class Rows:
    """A statement's result as Python values (DATE -> datetime.date, NULL -> None), for printing."""

    columns: tuple[str, ...]
    types: tuple[str, ...]  # DuckDB type names: 'DATE', 'VARCHAR[]', 'DOUBLE', ...
    rows: list[tuple[Any, ...]]
    total: int  # rows the statement gave; more than len(rows) when a limit cut them


def _sql_files() -> list[tuple[str, str]]:
    """schema.sql, then every other .sql file of the package's store folder (the views) in sorted order."""
    from importlib import resources  # the package's files: only a writer reads them

    folder = resources.files("figures.store")
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".sql"))
    if SCHEMA_FILE not in names:
        raise StoreError(f"the package has no {SCHEMA_FILE}: a broken install?")
    names.remove(SCHEMA_FILE)
    return [(name, folder.joinpath(name).read_text(encoding="utf-8")) for name in [SCHEMA_FILE, *names]]


def _upgrade_sql(version: int) -> str:
    """The statements that turn schema ``version - 1`` into ``version``."""
    from importlib import resources

    script = resources.files("figures.store").joinpath(UPGRADES_FOLDER, f"{version}.sql")
    if not script.is_file():
        raise StoreError(f"the package has no {UPGRADES_FOLDER}/{version}.sql: a broken install?")
    return script.read_text(encoding="utf-8")


def stored_sql(name: str) -> str:
    """A file of the stored disagreements (stored/NAME): the table, what a load notes, the refresh."""
    from importlib import resources

    return resources.files("figures.store").joinpath(STORED_FOLDER, name).read_text(encoding="utf-8")


def _stored_files() -> list[tuple[str, str]]:
    from importlib import resources

    folder = resources.files("figures.store").joinpath(STORED_FOLDER)
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".sql"))
    return [(f"{STORED_FOLDER}/{name}", folder.joinpath(name).read_text(encoding="utf-8")) for name in names]


def merge_entities_sql() -> str:
    """The corpus-level entity merge (merges/entities.sql): run after the names of a load are stored."""
    from importlib import resources

    script = resources.files("figures.store").joinpath(MERGES_FOLDER, "entities.sql")
    return script.read_text(encoding="utf-8")


def merge_entities(connection: duckdb.DuckDBPyConnection, loaded: str) -> None:
    """Map every stored name onto its canonical entity and write the entities ``loaded`` touches again.

    ``loaded`` is a relation with a ``name_id`` column: the names of this load. Runs inside the caller's
    transaction; idempotent."""
    from figures.link.entities import COMPANY_SUFFIXES

    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE _entity_loaded AS SELECT DISTINCT name_id FROM {loaded}"
    )
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE _company_suffixes AS SELECT unnest(?::VARCHAR[]) AS word",
        [sorted(COMPANY_SUFFIXES)],
    )
    connection.execute(merge_entities_sql())


def _views_digest(files: Sequence[tuple[str, str]]) -> str:
    """What the views and comments are made from: a file whose digest differs gets them made again."""
    import hashlib

    from figures.store import docs

    digest = hashlib.sha256()
    # the stored disagreements are made from the views: other view files, other rows
    for name, sql in [*files, *_stored_files(), (docs.DOCS_FILE, docs.docs_text())]:
        digest.update(name.encode() + b"\0" + sql.encode() + b"\0")
    return digest.hexdigest()[:16]


class Store:
    """A DuckDB database holding documents, figures, entities and runs. Use `open_store` to get one."""

    def __init__(
        self,
        connection: duckdb.DuckDBPyConnection,
        path: str,
        read_only: bool = False,
        remake_views: bool = False,
        upgrade: bool = True,
        export_folder: Path | None = None,
    ) -> None:
        self.connection = connection
        self.path = path
        self.read_only = read_only
        self.export_folder = export_folder  # the one folder a reader may write files into (export)
        self._types: dict[str, dict[str, str]] = {}
        if read_only or not upgrade:
            self._check_readable()
        else:
            made = self._ensure_schema(remake_views)
            self._attach_chain()
            if made:  # the stored disagreements' table is new: fill it
                self.refresh_disagreements()

    # -- schema ---------------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        """The file's schema: 0 for no tables, 1 for the tables of a figures before versioning."""
        try:  # one statement for a current file, where every reader starts (listing the tables costs more)
            (found,) = self.connection.execute("SELECT max(version) FROM schema_version").fetchone() or (0,)
            return int(found or 0)
        except duckdb.CatalogException:
            pass
        tables = {name for (name,) in self.connection.execute(_TABLES).fetchall()}
        return 1 if {"documents", "figures"} & tables else 0

    def _newer(self, found: int) -> StoreError:
        return StoreError(
            f"{self.path} was written by a newer figures (schema version {found}; figures "
            f"{FIGURES_VERSION} knows versions up to {SCHEMA_VERSION}): upgrade figures to read it"
        )

    def _check_readable(self) -> None:
        found = self.schema_version
        if found == 0:
            raise StoreError(f"{self.path} holds no figures tables: run `figures extract` into it first")
        if found > SCHEMA_VERSION:
            raise self._newer(found)
        if found < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by an older figures (schema version {found}, now "
                f"{SCHEMA_VERSION}): `figures extract --db {self.path}` upgrades it; reading never changes it"
            )

    def _ensure_schema(self, remake_views: bool = False) -> bool:
        """Create the tables, or upgrade older ones; make views and comments when they are not current.

        True when the views were made, and with them an empty stored disagreements table, every article
        noted for the refresh that fills it."""
        files = _sql_files()
        digest = _views_digest(files)
        found = self.schema_version
        if found > SCHEMA_VERSION:
            raise self._newer(found)
        if found == SCHEMA_VERSION and self._views_made() == digest and not remake_views:
            return False
        steps = (
            [(SCHEMA_FILE, files[0][1])]
            if found == 0
            else [
                (f"{UPGRADES_FOLDER}/{version}.sql", _upgrade_sql(version))
                for version in range(found + 1, SCHEMA_VERSION + 1)
            ]
        )
        # tables in one transaction: a cut-off upgrade leaves the file as it was
        with self.transaction():
            for name, sql in steps:
                try:
                    self.connection.execute(sql)
                except duckdb.Error as error:
                    raise StoreError(f"{self.path}: figures/store/{name}: {error}") from error
            if found:  # a new file has the columns it was just given
                self._check_columns(files[0][1])
        # `disagreements` was a view before schema 5; the stored table takes its name
        if self.connection.execute(
            "SELECT count(*) FROM duckdb_views() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND view_name = 'disagreements'"
        ).fetchone() != (0,):
            self.connection.execute("DROP VIEW disagreements")
        build = f"{STORED_FOLDER}/disagreements.sql"
        self._create_views([*files[1:], (build, stored_sql("disagreements.sql"))])
        # the table is new and empty (the rules may have changed): every article is to be found again
        self.connection.execute("INSERT INTO disagreements_pending (everything) VALUES (true)")
        self._comment()
        self.connection.execute(
            "INSERT INTO schema_version VALUES (?, ?, ?, ?)",
            # microseconds kept: the latest row says which views the file has
            [SCHEMA_VERSION, dt.datetime.now(), FIGURES_VERSION, digest],
        )
        return True

    def _attach_chain(self) -> None:
        """The conflicts chain over what a refresh's keys need (stored/chain.sql): an in-memory catalog
        whose `figures` and `documents` are this store's, cut to the keys' figures and articles, with the
        chain's view files run in it as they are. Made when a writer opens, since a transaction that writes
        the file cannot also create views in another catalog."""
        connection = self.connection
        (database,) = connection.execute("SELECT current_database()").fetchone() or ("memory",)
        here = '"' + str(database).replace('"', '""') + '"'
        connection.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {CONFLICTS_CATALOG}")
        connection.execute(stored_sql("chain.sql").replace("__store__", here))
        from importlib import resources

        folder = resources.files("figures.store")
        connection.execute(f"USE {CONFLICTS_CATALOG}")
        try:
            for name in CONFLICT_VIEWS:
                try:
                    connection.execute(folder.joinpath(name).read_text(encoding="utf-8"))
                except duckdb.Error as error:
                    raise StoreError(f"figures/store/{name} (the chain of a load): {error}") from error
        finally:
            connection.execute(f"USE {here}")

    def _views_made(self) -> str | None:
        """The digest of the view files the file's views were made from (schema_version's latest row)."""
        row = self.connection.execute(
            "SELECT views FROM schema_version ORDER BY applied DESC, version DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    @property
    def views_outdated(self) -> bool:
        """The file's views were made by a figures with other view files: `figures extract` remakes them.

        A reader reads the views the file has; the CLI may say that they are not this figures'.
        """
        return self.schema_version == SCHEMA_VERSION and self._views_made() != _views_digest(_sql_files())

    def _create_views(self, pending: list[tuple[str, str]]) -> None:
        # A view may use one that sorts after it (conflicts.sql on figure_sources.sql): retry the ones
        # that failed until a pass makes no progress; what still fails is a bug in that file.
        while pending:
            failed: list[tuple[str, str, duckdb.Error]] = []
            for name, sql in pending:
                try:
                    self.connection.execute(sql)
                except (duckdb.CatalogException, duckdb.BinderException) as missing:
                    failed.append((name, sql, missing))
                except duckdb.Error as error:
                    raise StoreError(f"figures/store/{name}: {error}") from error
            if len(failed) == len(pending):
                name, _, first = failed[0]
                raise StoreError(f"figures/store/{name}: {first}") from first
            pending = [(name, sql) for name, sql, _ in failed]

    def _comment(self) -> None:
        """COMMENT ON every table, view and column that schema.md describes."""
        from figures.store import docs

        found: dict[str, tuple[str, list[str]]] = {}
        for name, kind, column in self.connection.execute(
            "SELECT c.table_name, t.table_type, c.column_name FROM information_schema.columns AS c "
            "JOIN information_schema.tables AS t USING (table_catalog, table_schema, table_name) "
            "WHERE c.table_catalog = current_database() AND c.table_schema = 'main' "
            "ORDER BY c.table_name, c.ordinal_position"
        ).fetchall():
            found.setdefault(name, ("view" if kind == "VIEW" else "table", []))[1].append(column)
        statements = docs.comment_statements(found)
        if statements:
            try:
                # one transaction: a commit per COMMENT costs a second per new file
                self.connection.execute(f"BEGIN TRANSACTION;\n{statements}\nCOMMIT;")
            except duckdb.Error as error:
                self.connection.execute("ROLLBACK")
                raise StoreError(f"figures/store/{docs.DOCS_FILE}: {error}") from error

    def _check_columns(self, schema: str) -> None:
        """Refuse a file whose tables have other columns than ours: CREATE IF NOT EXISTS kept them."""
        with duckdb.connect(":memory:") as fresh:
            fresh.execute(schema)
            expected = fresh.execute(_COLUMNS).fetchall()
        found = self.connection.execute(_COLUMNS).fetchall()
        if found != expected:
            # by table, as ordered lists: a table may differ in a column's name, type or only in order
            found_columns, expected_columns = _columns_by_table(found), _columns_by_table(expected)
            differ = sorted(
                table
                for table in found_columns.keys() | expected_columns.keys()
                if found_columns.get(table) != expected_columns.get(table)
            )
            raise StoreError(
                f"{self.path} was made by another version of figures (the columns of {', '.join(differ)} "
                "differ): delete it and run `figures extract` again, or give another --db"
            )

    def relations(self) -> dict[str, str]:
        """Every table and view: name -> 'table' or 'view'."""
        rows = self.connection.execute(
            "SELECT table_name, table_type FROM information_schema.tables "
            "WHERE table_catalog = current_database() AND table_schema = 'main'"
        ).fetchall()
        return {name: ("view" if kind == "VIEW" else "table") for name, kind in rows}

    def has_view(self, name: str) -> bool:
        return self.relations().get(name) == "view"

    def _column_types(self, table: str) -> dict[str, str]:
        if table not in self._types:
            self._types[table] = dict(
                self.connection.execute(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = ?",
                    [table],
                ).fetchall()
            )
        return self._types[table]

    # -- loading --------------------------------------------------------------------------------------
    def load(
        self,
        documents: Sequence[Document],
        figures: Sequence[Figure],
        run: Run | None = None,
        entities: Iterable[Entity] = (),
        *,
        refresh: bool = True,
    ) -> None:
        """Load one batch in one transaction: each document replaces itself and all its figures.

        A document given twice keeps its last copy; figures must belong to the batch's documents and
        keep their provenance (``document.text[start:end] == figure.text``). Entities, as the linker
        names them from one article, are upserted into ``entity_names``: the name and kind given replace
        the stored ones (a known kind is not replaced by "other"), aliases are the union of both; with
        none given they are read off the figures (``figures.link.entities_of``). Then every stored name is
        mapped onto its canonical entity across the store (``merges/entities.sql``): figures keep the
        article's id in ``name_id`` and get the canonical one in ``entity_id``. A figure's ``entity_id``
        names an entity of the batch or one already stored. A failed batch leaves the store as it was
        before the batch.

        The load notes the entities and statements it touched (``disagreements_pending``); with
        ``refresh`` (the default) it finds their disagreements again in the same transaction, else
        ``refresh_disagreements`` does, once for many loads (`figures extract` at the end of its run).
        """
        import duckdb as with_arrow_scans  # noqa: F401 -- the package sets up the scan of the frames below

        from figures.store.frames import documents_frame, entities_frame, figures_frame

        by_id = {document.doc_id: document for document in documents}
        # the same document twice gives its figures twice (hashing every figure costs: only then)
        unique_figures = list(dict.fromkeys(figures)) if len(by_id) < len(documents) else list(figures)
        for figure in unique_figures:
            document = by_id.get(figure.doc_id)
            if document is None:
                raise StoreError(
                    f"figure {figure.text!r} belongs to document {figure.doc_id!r}, not in this batch"
                )
            if document.text[figure.start : figure.end] != figure.text:
                raise StoreError(
                    f"document {figure.doc_id!r}: figure {figure.text!r} at {figure.start}:{figure.end} "
                    f"does not match the text there ({document.text[figure.start : figure.end]!r})"
                )
        given = list(entities)
        if not given:
            # the linker names each figure's entity on the figure itself (entity_id, extra's name and kind)
            from figures.link import entities_of

            given = entities_of(unique_figures)
        entities_in = entities_frame(given)
        self._check_entities(unique_figures, set(entities_in.column("name_id").to_pylist()))
        documents_in = documents_frame(
            list(by_id.values()), run.run_id if run else None, self._column_types("documents")
        )
        figures_in = figures_frame(unique_figures, self._column_types("figures"))
        import uuid

        name = f"_load_{uuid.uuid4().hex}"
        frames = {"documents": documents_in, "figures": figures_in, "entities": entities_in}
        try:
            for suffix, frame in frames.items():
                self.connection.register(f"{name}_{suffix}", frame)
            with self.transaction():
                # the groups the replaced figures were in, before they go
                note_touched(self.connection, f"{name}_documents")
                if len(entities_in):
                    # the names of this load, then the corpus-wide merge onto canonical entities
                    self.connection.execute(upsert_names_sql(f"{name}_entities"))
                    merge_entities(self.connection, f"{name}_entities")
                    self.connection.execute(stored_sql("merged.sql"))
                self.connection.execute(
                    f"DELETE FROM figures WHERE doc_id IN (SELECT doc_id FROM {name}_documents)"
                )
                self.connection.execute(
                    f"INSERT OR REPLACE INTO documents BY NAME SELECT * FROM {name}_documents"
                )
                self.connection.execute(insert_figures_sql(f"{name}_figures"))
                note_touched(self.connection)  # and the groups the new figures are in
                if refresh:
                    self._refresh_disagreements()
                if run is not None:
                    self._record(run)
        except duckdb.Error as error:
            raise self._failed(f"loading {len(by_id)} documents", error) from error
        finally:
            for suffix in frames:
                self.connection.unregister(f"{name}_{suffix}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction around the block: committed when it ends, rolled back when it raises (Ctrl-C
        included), so a write cut off half way leaves the file as it was."""
        self.connection.execute("BEGIN TRANSACTION")
        try:
            yield
            self.connection.execute("COMMIT")
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise

    def refresh_disagreements(self) -> None:
        """Find again, in one transaction, the disagreements of what loads touched since the last refresh
        (the rows of ``disagreements_pending``): the ``disagreements`` table is then what the view
        ``live_disagreements`` gives. Costs what the touched entities' figures cost; nothing when no load
        is pending. A write by hand (``execute(..., write=True)``) makes the whole table again."""
        try:
            with self.transaction():
                self._refresh_disagreements()
        except duckdb.Error as error:
            raise self._failed("finding the disagreements again", error) from error

    def _refresh_disagreements(self) -> None:
        """refresh_disagreements in the caller's transaction."""
        pending, everything = self.connection.execute(
            "SELECT count(*), coalesce(bool_or(everything), false) FROM disagreements_pending"
        ).fetchone() or (0, False)
        if not pending:
            return
        if everything:  # every article touched: each stored row goes, each article's keys are noted
            self.connection.execute("DELETE FROM disagreements")
            note_touched(self.connection, "documents")
        (figures,) = self.connection.execute(stored_sql("keys.sql")).fetchone() or (0,)
        buckets = max(1, -(-int(figures) // REFRESH_FIGURES))
        refresh, bucket = stored_sql("refresh.sql"), stored_sql("bucket.sql")
        for number in range(buckets):
            self.connection.execute(bucket, {"buckets": buckets, "bucket": number})
            self.connection.execute(refresh)
        self.connection.execute("DELETE FROM disagreements_pending")

    def _failed(self, what: str, error: duckdb.Error) -> StoreError:
        """A write that DuckDB refused, as a StoreError; one that ran out of memory says which limit."""
        message = f"{self.path}: {what} failed: {error}"
        if _OUT_OF_MEMORY in str(error):
            try:
                setting = self.connection.execute("SELECT current_setting('memory_limit')").fetchone()
                limit = setting[0] if setting else "?"
            except duckdb.Error:
                limit = "?"
            message += (
                f" (the writer's DuckDB memory limit is {limit}: give a larger one, "
                "e.g. `figures extract --memory-limit 1GB`)"
            )
        return StoreError(message)

    @property
    def disagreements_current(self) -> bool:
        """Whether the ``disagreements`` table holds what ``live_disagreements`` gives: no load or write
        by hand is waiting for ``refresh_disagreements`` (after a run that was cut off, or a write)."""
        (pending,) = self.connection.execute("SELECT count(*) FROM disagreements_pending").fetchone() or (0,)
        return not pending

    def figures_of(self, doc_id: str) -> list[Figure]:
        """The loaded figures of one document, in the order they were loaded (text order), as the linker
        gave them: ``entity_id`` is the article's own name for the entity (figures.name_id), which the
        store maps onto the canonical entity again when they are loaded."""
        from figures.store.frames import FIGURE_FIELDS, figures_from_rows

        columns = ", ".join(
            "coalesce(name_id, entity_id)" if name == "entity_id" else f'"{name}"'
            for name in (*FIGURE_FIELDS, "range_low", "range_high", "extra")
        )
        rows = self.connection.execute(
            f'SELECT {columns} FROM figures WHERE doc_id = ? ORDER BY start, "end", ordinal', [doc_id]
        ).fetchall()
        return figures_from_rows(rows)

    def _check_entities(self, figures: Sequence[Figure], given: set[str]) -> None:
        """Every entity_id of the figures names an entity of the batch or one stored (entity_names: a
        canonical entity is one of its names too)."""
        wanted = {f.entity_id for f in figures if f.entity_id is not None} - given
        if not wanted:
            return
        stored = {
            entity_id
            for (entity_id,) in self.connection.execute(
                "SELECT name_id FROM entity_names WHERE list_contains(?, name_id)", [sorted(wanted)]
            ).fetchall()
        }
        missing = sorted(wanted - stored)
        if missing:
            shown = ", ".join(repr(entity_id) for entity_id in missing[:5])
            raise StoreError(
                f"figures name entities that are neither in this batch nor stored: {shown}"
                + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            )

    def load_all(
        self,
        items: Iterable[
            tuple[Document, Sequence[Figure]] | tuple[Document, Sequence[Figure], Sequence[Entity]] | Problem
        ],
        run: Run,
        batch_size: int = 200,
    ) -> Run:
        """Load a stream of analysed documents in batches of ``batch_size``, one transaction each.

        An item is ``(document, figures)``, ``(document, figures, entities)`` or a Problem, which goes
        into the run's messages. Every batch updates the run's row, so a run cut off halfway keeps what
        it loaded and says how far it got. Returns the finished run.
        """
        from figures.model import Problem

        documents: list[Document] = []
        found: list[Figure] = []
        named: list[Entity] = []
        messages = list(run.messages)

        def flush() -> Run:
            loaded = replace(
                run,
                documents=run.documents + len(documents),
                figures=run.figures + len(found),
                messages=tuple(messages),
            )
            self.load(documents, found, loaded, named, refresh=False)
            documents.clear()
            found.clear()
            named.clear()
            return loaded

        for item in items:
            if isinstance(item, Problem):
                messages.append(str(item))
                continue
            documents.append(item[0])
            found.extend(item[1])
            if len(item) > 2:
                named.extend(item[2])  # type: ignore[misc]
            if len(documents) >= batch_size:
                run = flush()
        run = replace(flush(), finished=dt.datetime.now().replace(microsecond=0))
        self.refresh_disagreements()
        self.record(run)
        return run

    def record(self, run: Run) -> None:
        """Write (or update) the run's row: call it at the end with ``finished`` set."""
        try:
            self._record(run)
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: recording run {run.run_id} failed: {error}") from error

    def _record(self, run: Run) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run.run_id,
                run.started,
                run.finished,
                run.version,
                list(run.paths),
                run.documents,
                run.figures,
                run.problems,
                list(run.messages),
            ],
        )

    # -- reading --------------------------------------------------------------------------------------
    def check_statements(self, sql: str, write: bool = False) -> list[duckdb.Statement]:
        """The statements of ``sql``; unless ``write``, refuse any that is not a read, by DuckDB's type."""
        try:
            statements = self.connection.extract_statements(sql)
        except duckdb.Error as error:
            raise StoreError(str(error)) from error
        if not statements:
            raise StoreError("no SQL statement given")
        if not write:
            # EXPLAIN ANALYZE runs its statement: a read only where the database refuses writes anyway
            reads = _READS_READ_ONLY if self.read_only else _READS
            for statement in statements:
                if statement.type not in reads:
                    kind = statement.type.name
                    raise StoreError(
                        f"{kind} statement refused: a query only reads unless it is allowed to write "
                        f"(figures query --write): {statement.query.strip()[:80]}"
                    )
        return statements

    def execute(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None, *, write: bool = False
    ) -> duckdb.DuckDBPyConnection:
        """Run the SQL; read the last statement's result with ``.description`` and ``.fetchmany()``.

        ``params`` fill ``?``/``$1`` (a sequence) or ``$name`` (a mapping). Unless ``write``, a statement
        that is not a read is refused before anything runs.
        """
        statements = self.check_statements(sql, write)
        try:
            if write and not self.read_only and any(statement.type not in _READS for statement in statements):
                # a write by hand may change any figure: the stored disagreements are made again whole
                # by the next refresh, and read from the view until then (find_disagreements)
                self.connection.execute("INSERT INTO disagreements_pending (everything) VALUES (true)")
            if params is None and len(statements) > 1:
                for statement in statements[:-1]:
                    self.connection.execute(statement)
                return self.connection.execute(statements[-1])
            return self.connection.execute(sql, params if isinstance(params, Mapping) else list(params or []))
        except duckdb.Error as error:
            raise StoreError(str(error)) from error

    def query(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None, *, write: bool = False
    ) -> pd.DataFrame:
        """The result of the SQL's last statement as a DataFrame (empty for one that returns nothing).

        Unless ``write``, a statement that is not a read is refused before anything runs. DATE columns
        come back as ``datetime.date`` objects, printed as ISO dates.
        """
        import pandas as pd

        result = self.execute(sql, params, write=write)
        try:
            return result.df(date_as_object=True) if result.description else pd.DataFrame()
        except duckdb.Error as error:
            raise StoreError(str(error)) from error

    def fetch(
        self,
        sql: str,
        params: Sequence[Any] | Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        limit: int | None = None,
    ) -> Rows:
        """The result as Python values without pandas: at most ``limit`` rows, and the total count."""
        result = self.execute(sql, params, write=write)
        if not result.description:
            return Rows((), (), [], 0)
        columns = tuple(column[0] for column in result.description)
        types = tuple(str(column[1]) for column in result.description)
        try:
            rows = result.fetchall() if limit is None else result.fetchmany(limit)
            total = len(rows)
            if limit is not None and total == limit:
                while chunk := result.fetchmany(10_000):  # counted, not kept
                    total += len(chunk)
        except duckdb.Error as error:
            raise StoreError(str(error)) from error
        return Rows(columns, types, rows, total)

    def export(self, path: str | Path, format: str = "csv", relation: str = "figures") -> Path:
        """Write a table or view to a file: csv (with a header), jsonl (one object a line) or parquet.

        DuckDB writes the file itself (COPY) where this store may write it: a store open for writing, or
        a reader opened with ``export_folder`` and a ``path`` inside that folder. Any other reader may
        touch no file, so its rows stream as Arrow batches (pyarrow) to a scratch in-memory DuckDB that
        writes the file.
        """
        if format not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {format!r}: use one of {', '.join(EXPORT_FORMATS)}")
        if not _IDENTIFIER.fullmatch(relation) or relation not in self.relations():
            raise StoreError(f"no table or view named {relation!r} in {self.path}")
        target = Path(path)
        order = _EXPORT_ORDER.get(relation)
        select = f'SELECT * FROM "{relation}"' + (f" ORDER BY {order}" if order else "")
        into = f"TO {_sql_text(str(target))} ({_COPY_OPTIONS[format]})"
        try:
            if self._may_write(target):
                self.connection.execute(f"COPY ({select}) {into}")
                return target
            import duckdb as with_relations  # noqa: F401 -- the package adds connection.sql

            rows = self.connection.sql(select)
            # to_arrow_reader since duckdb 2.0, record_batch before
            batches = rows.to_arrow_reader() if hasattr(rows, "to_arrow_reader") else rows.record_batch()  # type: ignore[operator]
            with duckdb.connect(":memory:") as writer:
                writer.register("exported", batches)
                writer.execute(f"COPY (SELECT * FROM exported) {into}")
        except duckdb.Error as error:
            raise StoreError(f"exporting {relation} to {target} failed: {error}") from error
        return target

    def _may_write(self, target: Path) -> bool:
        """Whether DuckDB may write ``target`` through this store's own connection."""
        if not self.read_only:
            return True
        folder = self.export_folder
        return folder is not None and target.resolve().is_relative_to(folder.resolve())

    # -- lifetime -------------------------------------------------------------------------------------
    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


_READS = frozenset({duckdb.StatementType.SELECT})
_READS_READ_ONLY = _READS | {duckdb.StatementType.EXPLAIN}


def note_touched(connection: duckdb.DuckDBPyConnection, documents: str | None = None) -> None:
    """Note in disagreements_pending the entities and statements of the figures of ``documents`` (a
    relation with a doc_id column; None: the same articles as the last call), in the caller's
    transaction (stored/touched.sql)."""
    if documents is not None:
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE _conflict_loaded AS SELECT DISTINCT doc_id FROM {documents}"
        )
    connection.execute(stored_sql("touched.sql"))


def upsert_names_sql(source: str) -> str:
    """Store the names of a load (``source``: name_id, name, kind, aliases): a name seen again keeps its
    canonical entity (merges/entities.sql decides it), takes the new name, a known kind over "other", and
    every alias; its merge_word is made again by the merge."""
    return (
        "INSERT INTO entity_names BY NAME SELECT name_id, name, kind, CAST(aliases AS VARCHAR[]) AS aliases, "
        f"name_id AS entity_id, NULL AS merge_word FROM {source} ON CONFLICT (name_id) DO UPDATE SET "
        "name = excluded.name, merge_word = NULL, "
        "kind = CASE WHEN excluded.kind = 'other' THEN entity_names.kind ELSE excluded.kind END, "
        "aliases = list_sort([alias FOR alias IN list_distinct(list_concat("
        "entity_names.aliases, excluded.aliases)) IF alias <> excluded.name])"
    )


def insert_figures_sql(source: str) -> str:
    """Insert a load's figures (``source``): name_id is the entity as the article names it, and entity_id
    becomes its canonical entity (run after the merge)."""
    return (
        "INSERT INTO figures BY NAME SELECT f.* REPLACE (coalesce(n.entity_id, f.entity_id) AS entity_id) "
        f"FROM {source} AS f LEFT JOIN entity_names AS n ON n.name_id = f.name_id"
    )


def _version_numbers(version: str) -> tuple[int, ...]:
    """(2, 0, 0) for 'v2.0.0+', the storage_version tag of a file."""
    return tuple(int(number) for number in re.findall(r"\d+", version)[:3])


def _storage_version(connection: duckdb.DuckDBPyConnection) -> tuple[int, ...]:
    """The storage format of the connection's file, as DuckDB tags it."""
    row = connection.execute(
        "SELECT tags FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    tags = dict(row[0]) if row and row[0] else {}
    return _version_numbers(str(tags.get("storage_version", "")))


def _rewrite_storage(where: str) -> None:
    """Copy a file in a newer storage format than STORAGE_VERSION (figures before it wrote duckdb's
    default) into STORAGE_VERSION, in place, so that every DuckDB from OLDEST_READER reads it."""
    target = Path(f"{where}.rewriting")
    target.unlink(missing_ok=True)
    quoted_source, quoted_target = (str(p).replace("'", "''") for p in (where, target))
    try:
        with duckdb.connect(":memory:") as copier:
            copier.execute(f"ATTACH '{quoted_source}' AS source (READ_ONLY)")
            copier.execute(f"ATTACH '{quoted_target}' AS target (STORAGE_VERSION '{STORAGE_VERSION}')")
            copier.execute("COPY FROM DATABASE source TO target")
    except duckdb.Error as error:
        target.unlink(missing_ok=True)
        raise StoreError(
            f"{where}: rewriting it in DuckDB's {STORAGE_VERSION} storage failed: {error}"
        ) from error
    target.replace(where)


def _sql_text(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _connect(
    where: str,
    read_only: bool,
    wait: float,
    export_folder: Path | None = None,
    memory_limit: str | None = WRITER_MEMORY_LIMIT,
) -> duckdb.DuckDBPyConnection:
    """Connect, retrying for ``wait`` seconds while another process holds the file. A writer of a file
    gets ``memory_limit`` (None: DuckDB's default)."""
    config = dict(_READER_CONFIG if read_only else _WRITER_CONFIG)
    if not read_only and where != ":memory:" and memory_limit is not None:
        config["memory_limit"] = memory_limit
    export = read_only and export_folder is not None
    if export:  # DuckDB takes allowed_directories only once the database runs, so the lock comes after it
        del config["enable_external_access"], config["lock_configuration"]
    deadline = time.monotonic() + wait
    while True:
        try:
            connection = duckdb.connect(where, read_only=read_only, config=config)
            break
        except duckdb.Error as error:
            message = str(error)
            if _LOCKED in message:
                if time.monotonic() < deadline:
                    time.sleep(min(0.1, max(deadline - time.monotonic(), 0.0)))
                    continue
                waited = f" (waited {wait:g} s)" if wait > 0 else ""
                raise StoreError(
                    f"{where} is in use by another process{waited}. {ONE_WRITER_RULE}. DuckDB says: {message}"
                ) from error
            if _OTHER_CONFIGURATION in message:
                raise StoreError(
                    f"{where} is already open in this process for {'writing' if read_only else 'reading'}: "
                    f"close that store before opening it for {'reading' if read_only else 'writing'}"
                ) from error
            if "memory_limit" in config and not _readable_limit(str(memory_limit)):
                raise StoreError(
                    f"cannot open {where} with a memory limit of {memory_limit!r}: {message}"
                ) from error
            raise StoreError(f"cannot open {where}: {message}") from error
    if not read_only and where != ":memory:" and memory_limit is not None:
        _fit_threads(connection)
    if export and export_folder is not None:
        try:
            # the reader's lock-down, less the one folder it may write its export into
            connection.execute(f"SET allowed_directories = [{_sql_text(str(export_folder.resolve()) + '/')}]")
            connection.execute("SET enable_external_access = false")
            connection.execute("SET lock_configuration = true")
        except duckdb.Error as error:
            connection.close()
            raise StoreError(f"cannot open {where} to export into {export_folder}: {error}") from error
    return connection


def memory_limit_bytes(connection: duckdb.DuckDBPyConnection) -> int:
    """The connection's memory limit in bytes (DuckDB shows it as "244.1 MiB")."""
    (shown,) = connection.execute("SELECT current_setting('memory_limit')").fetchone() or ("",)
    number, _, unit = str(shown).partition(" ")
    return int(float(number) * _SIZES.get(unit, 1))


def _readable_limit(limit: str) -> bool:
    """Whether DuckDB takes ``limit`` as a memory limit (a failed connect names no setting)."""
    try:
        duckdb.connect(":memory:", config={"memory_limit": limit}).close()
    except duckdb.Error:
        return False
    return True


def _fit_threads(connection: duckdb.DuckDBPyConnection) -> None:
    """At most one DuckDB thread per MEMORY_PER_THREAD of the memory limit (and at least one), so that
    a machine with many cores does not run out of a small limit."""
    (threads,) = connection.execute("SELECT current_setting('threads')").fetchone() or (1,)
    fitting = max(1, min(int(threads), memory_limit_bytes(connection) // MEMORY_PER_THREAD))
    if fitting < int(threads):
        connection.execute(f"SET threads = {fitting}")


def open_store(
    path: str | Path = "figures.duckdb",
    *,
    read_only: bool = True,
    wait: float = 0.0,
    upgrade: bool = True,
    export_folder: str | Path | None = None,
    memory_limit: str | None = WRITER_MEMORY_LIMIT,
) -> Store:
    """Open the database at ``path``: read-only (the default) or for writing. See figures.store.

    Read-only, the file must exist and hold the current schema. For writing, the file is created, or
    upgraded, with views and comments made where they are not current; with ``upgrade=False`` (writes
    by hand: `figures query --write`) it is taken as it is, and must exist and hold the current schema,
    as for reading. ``":memory:"`` is a writable scratch store. ``wait`` is how long to wait for
    another process that holds the file. ``export_folder``: the one folder a reader may write files
    into, so that ``export`` there is DuckDB's own COPY (no other file can be read or written).
    ``memory_limit``: the most memory DuckDB takes when writing a file, in DuckDB's words ("384MB",
    "2GB"; None: DuckDB's default, 80% of the machine's); past it DuckDB spills to ``<path>.tmp``.
    """
    folder = Path(export_folder) if export_folder is not None else None
    where = str(path)
    if where == ":memory:":
        read_only, upgrade = False, True
    elif (read_only or not upgrade) and not Path(where).is_file():
        raise StoreError(f"no database at {where}: run `figures extract` first, or give --db")
    elif Path(where).is_dir():
        raise StoreError(f"{where} is a folder, not a database file")
    existed = where != ":memory:" and Path(where).is_file()
    connection = _connect(where, read_only, wait, folder, memory_limit)
    rewritten = False
    if (
        existed
        and not read_only
        and upgrade
        and _storage_version(connection) > _version_numbers(STORAGE_VERSION)
    ):
        connection.close()
        _rewrite_storage(where)
        connection = _connect(where, read_only, wait, memory_limit=memory_limit)
        rewritten = True
    try:
        return Store(
            connection, where, read_only, remake_views=rewritten, upgrade=upgrade, export_folder=folder
        )
    except duckdb.Error as error:
        connection.close()
        raise StoreError(f"{where}: {error}") from error
    except BaseException:
        connection.close()
        raise
