"""The DuckDB store: schema and views from the package's .sql files, bulk loads, queries, exports."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from figures.errors import StoreError
from figures.model import Document, Figure, Problem

if TYPE_CHECKING:  # pandas loads only for a bulk load or a DataFrame result: `figures query` starts fast
    import pandas as pd

SCHEMA_FILE = "schema.sql"
EXPORT_FORMATS = ("csv", "jsonl", "parquet")
_COPY_OPTIONS = {"csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json", "parquet": "FORMAT parquet"}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COLUMNS = """
    SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'main' AND table_name IN ('documents', 'figures', 'runs')
    ORDER BY table_name, ordinal_position
"""
# a stable order for exports, so that two exports of the same data are the same file
_EXPORT_ORDER = {
    "figures": 'doc_id, start, "end", ordinal',
    "documents": "doc_id",
    "runs": "started",
    "figure_sources": 'doc_id, start, "end", ordinal',
}


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
        return cls(f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}", started, version, tuple(paths))

    @property
    def problems(self) -> int:
        return len(self.messages)


def _sql_files() -> list[tuple[str, str]]:
    """schema.sql, then every other .sql file of the package's store folder in sorted order."""
    folder = resources.files("figures.store")
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".sql"))
    if SCHEMA_FILE not in names:
        raise StoreError(f"the package has no {SCHEMA_FILE}: a broken install?")
    names.remove(SCHEMA_FILE)
    return [(name, folder.joinpath(name).read_text(encoding="utf-8")) for name in [SCHEMA_FILE, *names]]


class Store:
    """A DuckDB database holding documents, figures and runs. Use `open_store` to get one."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self.connection = connection
        self.path = path
        self._ensure_schema()
        self._types = {
            table: dict(
                self.connection.execute(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
                    [table],
                ).fetchall()
            )
            for table in ("documents", "figures")
        }

    # -- schema ---------------------------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        files = _sql_files()
        name, schema = files[0]
        try:
            self.connection.execute(schema)
        except duckdb.Error as error:
            raise StoreError(f"{name}: {error}") from error
        self._check_columns(schema)
        # A view may use one that sorts after it (conflicts.sql on figure_sources.sql): retry the ones
        # that failed until a pass makes no progress; what still fails is a bug in that file.
        pending = files[1:]
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

    def _check_columns(self, schema: str) -> None:
        """Refuse a file made by a figures whose tables had other columns: CREATE IF NOT EXISTS kept them."""
        with duckdb.connect(":memory:") as fresh:
            fresh.execute(schema)
            expected = fresh.execute(_COLUMNS).fetchall()
        found = self.connection.execute(_COLUMNS).fetchall()
        if found != expected:
            differ = sorted({table for table, *_ in set(found) ^ set(expected)})
            raise StoreError(
                f"{self.path} was made by another version of figures (the columns of {', '.join(differ)} "
                "differ): delete it and run `figures extract` again, or give another --db"
            )

    def relations(self) -> dict[str, str]:
        """Every table and view: name -> 'table' or 'view'."""
        rows = self.connection.execute(
            "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        return {name: ("view" if kind == "VIEW" else "table") for name, kind in rows}

    def has_view(self, name: str) -> bool:
        return self.relations().get(name) == "view"

    # -- loading --------------------------------------------------------------------------------------
    def load(self, documents: Sequence[Document], figures: Sequence[Figure], run: Run | None = None) -> None:
        """Load one batch in one transaction: each document replaces itself and all its figures.

        A document given twice keeps its last copy; figures must belong to the batch's documents and
        keep their provenance (``document.text[start:end] == figure.text``). A failed batch leaves the
        store as it was before the batch.
        """
        from figures.store.frames import documents_frame, figures_frame

        by_id = {document.doc_id: document for document in documents}
        unique_figures = list(dict.fromkeys(figures))  # the same document twice gives its figures twice
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
        documents_in = documents_frame(
            list(by_id.values()), run.run_id if run else None, self._types["documents"]
        )
        figures_in = figures_frame(unique_figures, self._types["figures"])
        name = f"_load_{uuid.uuid4().hex}"
        try:
            self.connection.register(f"{name}_documents", documents_in)
            self.connection.register(f"{name}_figures", figures_in)
            self.connection.execute("BEGIN TRANSACTION")
            try:
                self.connection.execute(
                    f"DELETE FROM figures WHERE doc_id IN (SELECT doc_id FROM {name}_documents)"
                )
                self.connection.execute(
                    f"INSERT OR REPLACE INTO documents BY NAME SELECT * FROM {name}_documents"
                )
                self.connection.execute(f"INSERT INTO figures BY NAME SELECT * FROM {name}_figures")
                if run is not None:
                    self._record(run)
                self.connection.execute("COMMIT")
            except BaseException:
                self.connection.execute("ROLLBACK")
                raise
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: loading {len(by_id)} documents failed: {error}") from error
        finally:
            for suffix in ("documents", "figures"):
                self.connection.unregister(f"{name}_{suffix}")

    def load_all(
        self, items: Iterable[tuple[Document, Sequence[Figure]] | Problem], run: Run, batch_size: int = 200
    ) -> Run:
        """Load a stream of analysed documents in batches of ``batch_size``, one transaction each.

        A Problem in the stream goes into the run's messages. Every batch updates the run's row, so a run
        cut off halfway keeps what it loaded and says how far it got. Returns the finished run.
        """
        documents: list[Document] = []
        found: list[Figure] = []
        messages = list(run.messages)

        def flush() -> Run:
            loaded = replace(
                run,
                documents=run.documents + len(documents),
                figures=run.figures + len(found),
                messages=tuple(messages),
            )
            self.load(documents, found, loaded)
            documents.clear()
            found.clear()
            return loaded

        for item in items:
            if isinstance(item, Problem):
                messages.append(str(item))
                continue
            documents.append(item[0])
            found.extend(item[1])
            if len(documents) >= batch_size:
                run = flush()
        run = replace(flush(), finished=dt.datetime.now().replace(microsecond=0))
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
    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> duckdb.DuckDBPyConnection:
        """Run one SQL statement; read its result with ``.description`` and ``.fetchmany()`` (no pandas).

        ``parameters`` fill ``?`` (a sequence) or ``$name`` (a dict) placeholders.
        """
        try:
            return self.connection.execute(sql, parameters)
        except duckdb.Error as error:
            raise StoreError(str(error)) from error

    def query(self, sql: str, parameters: Sequence[Any] | None = None) -> pd.DataFrame:
        """The result of one SQL statement as a DataFrame (empty for a statement that returns nothing)."""
        import pandas as pd

        try:
            if parameters is not None:
                return self.connection.execute(sql, list(parameters)).df()
            relation = self.connection.sql(sql)
            return relation.df() if relation is not None else pd.DataFrame()
        except duckdb.Error as error:
            raise StoreError(str(error)) from error

    def export(self, path: str | Path, format: str = "csv", relation: str = "figures") -> Path:
        """Write a table or view to a file: csv (with a header), jsonl (one object a line) or parquet."""
        if format not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {format!r}: use one of {', '.join(EXPORT_FORMATS)}")
        if not _IDENTIFIER.fullmatch(relation) or relation not in self.relations():
            raise StoreError(f"no table or view named {relation!r} in {self.path}")
        target = Path(path)
        order = _EXPORT_ORDER.get(relation)
        select = f"SELECT * FROM {relation}" + (f" ORDER BY {order}" if order else "")
        quoted = str(target).replace("'", "''")
        try:
            self.connection.execute(f"COPY ({select}) TO '{quoted}' ({_COPY_OPTIONS[format]})")
        except duckdb.Error as error:
            raise StoreError(f"exporting {relation} to {target} failed: {error}") from error
        return target

    # -- lifetime -------------------------------------------------------------------------------------
    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def open_store(path: str | Path = "figures.duckdb", *, must_exist: bool = False) -> Store:
    """Open (or create) the database at ``path`` (``":memory:"`` for none) with the current schema and views.

    ``must_exist`` refuses to create a new file: for commands that only read.
    """
    where = str(path)
    if must_exist and where != ":memory:" and not Path(where).exists():
        raise StoreError(f"no database at {where}: run `figures extract` first, or give --db")
    try:
        connection = duckdb.connect(where)
    except duckdb.Error as error:
        raise StoreError(f"cannot open {where}: {error}") from error
    try:
        return Store(connection, where)
    except BaseException:
        connection.close()
        raise
