"""The Dask engine: partitions of documents analysed on a Dask cluster, written as Parquet.

``extract_to_parquet`` reads the paths here (the client), hands partitions of ``partition_size`` documents
to the cluster's workers, a few per worker at a time, and writes what comes back as Parquet files::

    OUT/documents/part-00000.parquet ...   the same columns as the documents table
    OUT/figures/part-00000.parquet ...     the same columns as the figures table
    OUT/entity_names/part-00000.parquet .. the entities the partition's figures name, as the articles do
    OUT/runs/part-00000.parquet            the run: one row, as in the runs table

A worker turns its partition into Parquet itself, through an in-memory DuckDB with figures' own schema,
so the columns and types are the tables' by construction; the client only writes the bytes, so the
workers need no file system in common with it. Each worker process loads the pipeline's model once and
keeps it. One document's failure is a Problem in the run's messages, as in the local engine.

``load_parquet`` brings such a folder into a DuckDB database, idempotently: documents replace
themselves and their figures, as a local run does, and the names merge onto the store's canonical
entities as a local load's do (figures/store/merges/entities.sql). DuckDB also reads the folder directly
(``read_parquet('OUT/figures/*.parquet')``).

Dask and distributed are an optional extra: ``pip install 'figures[dask]'``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb

import figures
from figures import ingest
from figures.engine.analysis import PIPELINE, analyse_guarded, one_line
from figures.engine.local import TIME_LIMIT
from figures.errors import FiguresError, StoreError
from figures.model import Document, Problem
from figures.store import Run, Store, open_store
from figures.store.database import (
    insert_figures_sql,
    merge_entities,
    note_touched,
    stored_sql,
    upsert_names_sql,
)

PARTITION_SIZE = 64  # documents per Dask task
IN_FLIGHT_PER_WORKER = 2  # partitions handed to the cluster and not yet written, per worker
# entity_names, not entities: the canonical entities are the whole store's, made again by each load
TABLES = ("documents", "figures", "entity_names")
_scratch = threading.local()  # one in-memory store per worker thread, made once


@dataclass(frozen=True, slots=True)
class Part:
    """What a worker sends back for one partition: Parquet bytes per table, and what went wrong."""

    number: int
    parquet: dict[str, bytes]
    documents: int
    figures: int
    by_dimension: dict[str, int]
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParquetRun:
    """A finished Dask run: its runs row, the folder written, and figures by dimension."""

    run: Run
    out: Path
    parts: int
    by_dimension: dict[str, int] = field(default_factory=dict)


# -- on a worker --------------------------------------------------------------------------------------
def _scratch_store() -> Store:
    store: Store | None = getattr(_scratch, "store", None)
    if store is None:
        store = _scratch.store = open_store(":memory:")
    return store


def analyse_partition(
    number: int,
    documents: Sequence[Document],
    run: Run,
    pipeline: str = PIPELINE,
    time_limit: float | None = TIME_LIMIT,
) -> Part:
    """One partition through the pipeline and into Parquet (runs on a Dask worker).

    A document that takes more than ``time_limit`` seconds is stopped and becomes a Problem, as in the
    local engine (figures.engine.analysis.analyse_guarded: on a worker's thread, a timer stops it).
    """
    results = analyse_guarded(documents, time_limit, pipeline)
    problems = [str(result) for result in results if isinstance(result, Problem)]
    analysed = [result for result in results if not isinstance(result, Problem)]
    store = _scratch_store()
    try:
        _load_isolated(store, analysed, run, problems)
        by_dimension = Counter(
            str(dimension)
            for (dimension,) in store.connection.execute("SELECT dimension FROM figures").fetchall()
        )
        parquet = {table: _parquet(store, table) for table in TABLES}
        counts = {table: _count(store, table) for table in TABLES}
    finally:
        for table in (*TABLES, "entities", "runs", "disagreements_pending"):
            store.connection.execute(f"DELETE FROM {table}")
    return Part(number, parquet, counts["documents"], counts["figures"], dict(by_dimension), tuple(problems))


def _load_isolated(store: Store, analysed: list[Any], run: Run, problems: list[str]) -> None:
    """The partition in one load; if the store refuses it, one document at a time."""
    try:
        # the partition's disagreements are found where all of them are loaded (load_parquet)
        store.load([d for d, _ in analysed], [f for _, found in analysed for f in found], run, refresh=False)
        return
    except StoreError:
        pass
    for document, found in analysed:
        try:
            store.load([document], found, run, refresh=False)
        except StoreError as error:
            where = document.path or document.doc_id
            problems.append(str(Problem(where, document.line, f"document {document.doc_id!r}: "
                                        f"the store refused it: {one_line(error)}")))  # fmt: skip


def _parquet(store: Store, table: str) -> bytes:
    order = {
        "documents": "doc_id",
        "figures": 'doc_id, start, "end", ordinal',
        "entity_names": "name_id",
        "runs": "started",
    }[table]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{table}.parquet"
        quoted = str(path).replace("'", "''")
        select = f"SELECT * FROM {table} ORDER BY {order}"
        store.connection.execute(f"COPY ({select}) TO '{quoted}' (FORMAT parquet)")
        return path.read_bytes()


def _count(store: Store, table: str) -> int:
    ((number,),) = store.connection.execute(f"SELECT count(*) FROM {table}").fetchall()
    return int(number)


# -- on the client ------------------------------------------------------------------------------------
def extract_to_parquet(
    paths: Sequence[str],
    out: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    processes: bool = True,
    separator: str | None = None,
    partition_size: int = PARTITION_SIZE,
    pipeline: str = PIPELINE,
    time_limit: float | None = TIME_LIMIT,
) -> ParquetRun:
    """Analyse ``paths`` on a Dask cluster and write documents, figures and the run as Parquet to ``out``.

    ``scheduler`` is a Dask scheduler's address (``tcp://host:8786``); without one, a LocalCluster of
    ``workers`` worker processes (the machine's cores by default; threads if ``processes`` is False)
    runs here. ``out`` must be a new or empty folder: one run per folder. A document that takes more
    than ``time_limit`` seconds (None: no limit) is stopped and listed as a problem; the run goes on.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        needs = "the Dask engine needs dask and distributed: pip install 'figures[dask]'"
        raise FiguresError(needs) from error
    folder = Path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FiguresError(f"{folder} is not a new or empty folder: each Dask run writes a folder of its own")
    items = ingest.read_paths(paths, separator=separator)  # a bad separator raises here, before the run
    run = Run.begin(paths, figures.__version__)
    for table in (*TABLES, "runs"):
        (folder / table).mkdir(parents=True, exist_ok=True)
    messages: list[str] = []
    by_dimension: Counter[str] = Counter()
    documents = found = 0
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        )
    client = Client(scheduler if scheduler is not None else cluster)
    try:
        width = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
        partitions = _partitions(items, partition_size, messages)
        running = as_completed()
        numbered = enumerate(partitions)
        task = (pipeline, time_limit)
        for number, partition in itertools.islice(numbered, width):
            running.add(client.submit(analyse_partition, number, partition, run, *task, pure=False))
        for future in running:
            part: Part = future.result()
            future.release()
            for table, data in part.parquet.items():
                (folder / table / f"part-{part.number:05d}.parquet").write_bytes(data)
            documents, found = documents + part.documents, found + part.figures
            by_dimension.update(part.by_dimension)
            messages.extend(part.problems)
            for number, partition in itertools.islice(numbered, 1):
                running.add(client.submit(analyse_partition, number, partition, run, *task, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    run = replace(
        run,
        finished=dt.datetime.now().replace(microsecond=0),
        documents=documents,
        figures=found,
        messages=tuple(messages),
    )
    with open_store(":memory:") as scratch:
        scratch.record(run)
        (folder / "runs" / "part-00000.parquet").write_bytes(_parquet(scratch, "runs"))
    parts = len(list((folder / "documents").glob("*.parquet")))
    return ParquetRun(run, folder, parts, dict(by_dimension))


def _partitions(
    items: Iterator[Document | Problem], size: int, messages: list[str]
) -> Iterator[list[Document]]:
    """Documents in lists of ``size``; the Problems of reading go to ``messages`` on the way."""
    partition: list[Document] = []
    for item in items:
        if isinstance(item, Problem):
            messages.append(str(item))
            continue
        partition.append(item)
        if len(partition) >= size:
            yield partition
            partition = []
    if partition:
        yield partition


# -- into DuckDB --------------------------------------------------------------------------------------
def _read_parquet(pattern: Path) -> str:
    return "read_parquet('" + str(pattern).replace("'", "''") + "')"


@dataclass(frozen=True, slots=True)
class Loaded:
    documents: int
    figures: int
    runs: int


def load_parquet(store: Store, folder: str | os.PathLike[str]) -> Loaded:
    """Bring a Dask run's folder into ``store`` in one transaction; loading it again changes nothing."""
    root = Path(folder)
    globs = {table: root / table / "*.parquet" for table in (*TABLES, "runs")}
    for table, pattern in globs.items():
        if not any(pattern.parent.glob(pattern.name)):
            raise FiguresError(f"{root} holds no {table}/*.parquet: is it the --out folder of a Dask run?")
    source = {table: _read_parquet(pattern) for table, pattern in globs.items()}
    names = (
        # a name given in several partitions is one row; loaded, it merges as the store's loads do
        f"SELECT name_id, first(name) AS name, first(kind) AS kind, "
        f"list_sort(list_distinct(flatten(list(aliases)))) AS aliases FROM {source['entity_names']} "
        "GROUP BY name_id"
    )
    statements = [
        f"DELETE FROM figures WHERE doc_id IN (SELECT doc_id FROM {source['documents']})",
        f"INSERT OR REPLACE INTO documents BY NAME SELECT * FROM {source['documents']}",
        insert_figures_sql(source["figures"]),
        f"INSERT OR REPLACE INTO runs BY NAME SELECT * FROM {source['runs']}",
    ]
    connection = store.connection
    try:
        with store.transaction():
            note_touched(connection, source["documents"])  # the stored disagreements these articles were in
            connection.execute(upsert_names_sql(f"({names})"))
            merge_entities(connection, f"({names})")
            connection.execute(stored_sql("merged.sql"))
            for statement in statements:
                connection.execute(statement)
            note_touched(connection)  # and the ones they are in now
            store._refresh_disagreements()
            counts = [
                int(connection.execute(f"SELECT count(*) FROM {source[table]}").fetchall()[0][0])
                for table in ("documents", "figures", "runs")
            ]
    except duckdb.Error as error:
        raise StoreError(f"{store.path}: loading {root} failed: {one_line(error)}") from error
    return Loaded(*counts)
