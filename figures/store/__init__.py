"""Storage: documents, figures, entities and runs in one DuckDB file.

The API (the CLI, the engine and the notebook use only this):

``open_store(path="figures.duckdb", *, read_only=True, wait=0.0, upgrade=True, export_folder=None,
memory_limit=WRITER_MEMORY_LIMIT) -> Store``
    ``read_only=True`` (query, export, conflicts, the notebook): the file must exist, else StoreError.
    It is opened read-only, with ``enable_external_access=false`` then ``lock_configuration=true``,
    so no statement can write the file, read or write other files (COPY ... TO, read_text, read_csv),
    ATTACH, or INSTALL/LOAD extensions. A reader never creates, upgrades or re-creates anything.
    ``read_only=False`` (extract, load): creates the file, or upgrades an older schema, and creates the
    views and their comments when the file is new, upgraded, or its views are older than this figures'.
    ``upgrade=False`` with ``read_only=False`` (`figures query --write`): writable, but the file is
    taken as it is, as a reader takes it: it must exist and hold the current schema.
    ``":memory:"`` is always a writable scratch store.
    A file written by a newer figures (a higher schema version) is refused with a StoreError saying so;
    a reader refuses an older file too, naming ``figures extract`` as what upgrades it.
    DuckDB lets one process write a file, or any number of processes read it, never both at once.
    ``wait`` (seconds) retries while another process holds the file; then a StoreError quoting DuckDB.
    In one process a file is open either for reading or for writing: close one Store before the other.
    ``export_folder`` (a reader): the one folder it may write files into, for ``export`` by DuckDB's
    own COPY; everything else stays locked as above.
    ``memory_limit`` (a writer of a file): the most memory its DuckDB takes ("384MB", the default, so
    that a run's memory stays flat at any corpus size; None: DuckDB's default, 80% of the machine's);
    past it DuckDB spills to ``<path>.tmp``. A write that still runs out is a StoreError naming it.

``Store.query(sql, params=None, *, write=False) -> pandas.DataFrame``
    Runs SQL (several statements: the result of the last). ``params`` is a sequence (``?``, ``$1``) or
    a mapping (``$name``). Unless ``write=True`` it refuses, before running anything, any statement
    whose DuckDB statement type is not a read (SELECT; EXPLAIN on a read-only store): StoreError.
    DATE columns come back as ``datetime.date`` objects (ISO dates when printed).
``Store.fetch(sql, params=None, *, write=False, limit=None) -> Rows``
    The same without pandas, for printing: ``Rows.columns``, ``Rows.types`` (DuckDB type names),
    ``Rows.rows`` (tuples of Python values: DATE -> datetime.date, TIMESTAMP -> datetime.datetime,
    NULL -> None), at most ``limit`` of them, and ``Rows.total`` (how many the statement gave).
``Store.execute(sql, params=None, *, write=False) -> duckdb cursor``
    The same check, then DuckDB's own result (``.description``, ``.fetchmany()``), for streaming.
``Store.export(path, format="csv", relation="figures") -> Path``
    csv (header), jsonl or parquet of a table or view, in a stable order; works on a read-only store:
    by DuckDB's COPY where the store may write ``path`` (a writer, or a reader's ``export_folder``),
    else through Arrow batches (pyarrow) and a scratch in-memory DuckDB.
``Store.load(documents, figures, run=None, entities=())``
    One batch in one transaction: each document replaces itself and its figures; the entities the
    linker named are upserted into ``entity_names`` (name and kind replaced, aliases merged as a union)
    and merged across the store onto canonical ``entities`` ("Starmer" onto the one "Keir Starmer");
    a figure's ``entity_id`` must name an entity of the batch or one already stored.
``Store.load_all(stream, run, batch_size=200) -> Run``
    A stream of ``(document, figures)``, ``(document, figures, entities)`` or Problem, in batches.
``Store.record(run)``, ``Store.relations()``, ``Store.has_view(name)``, ``Store.schema_version``,
``Store.read_only``, ``Store.views_outdated`` (the file's views are not this figures': extract remakes
them), ``Store.close()``; a Store is a context manager.

Errors are ``figures.errors.StoreError`` with a message fit for the user.

Files: ``schema.sql`` (tables, the current schema), ``upgrades/N.sql`` (from schema N-1 to N),
``merges/entities.sql`` (the corpus-level entity merge each load runs), every
other ``*.sql`` here is a view (run in sorted order; a view that uses one defined later is retried),
and ``schema.md``: what every table, view and column means. It is the README's schema section word for
word and the source of the ``COMMENT ON`` statements; a new view or column needs its lines there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from figures.store.database import (
    EXPORT_FORMATS,
    SCHEMA_VERSION,
    STORAGE_VERSION,
    WRITER_MEMORY_LIMIT,
    Rows,
    Run,
    Store,
    open_store,
)

if TYPE_CHECKING:
    from figures.store.frames import figure_id

__all__ = [
    "EXPORT_FORMATS",
    "SCHEMA_VERSION",
    "STORAGE_VERSION",
    "WRITER_MEMORY_LIMIT",
    "Rows",
    "Run",
    "Store",
    "figure_id",
    "open_store",
]


def __getattr__(name: str) -> Any:
    """figure_id from figures.store.frames on first use: the readers start without the model and frames."""
    if name == "figure_id":
        from figures.store.frames import figure_id

        return figure_id
    raise AttributeError(f"module 'figures.store' has no attribute {name!r}")
