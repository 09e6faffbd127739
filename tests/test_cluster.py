"""The Dask engine (figures.engine.cluster) on a LocalCluster of two workers, and `figures load`.

Threads (processes=False) for the comparison with the local engine, which is the costly test; the process
path, the one a real cluster takes, once through the command line on short articles.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from figures import engine
from figures.cli import main
from figures.engine import cluster
from figures.store import Store, open_store
from tests import engine_faults
from tests.test_engine import FAULTS, write_corpus, write_short_corpus

pytest.importorskip("distributed", reason="the dask extra: pip install 'figures[dask]'")

ENTITIES = "SELECT * FROM entities ORDER BY entity_id"
ROWS = 'SELECT * EXCLUDE (run_id) FROM documents JOIN figures USING (doc_id) ORDER BY doc_id, start, "end"'


def columns(connection: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str]]:
    described = connection.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
    return [(name, kind) for name, kind, *_ in described]


def test_a_dask_run_loads_what_the_local_engine_loads(store: Store, tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    ids = write_corpus(corpus, planted={4: engine_faults.RAISES})
    out = tmp_path / "parquet"
    done = cluster.extract_to_parquet(
        [str(corpus)], out, workers=2, processes=False, partition_size=6, pipeline=FAULTS
    )
    assert done.parts == 4 and done.run.documents == len(ids) - 1 and done.run.finished is not None
    assert done.run.messages == (
        f"{corpus}:5: document {ids[4]!r}: analysis failed: ValueError: a fault planted by the test",
    )
    for table in ("documents", "figures", "entity_names", "runs"):  # the tables' own columns and types
        parquet = f"read_parquet('{out}/{table}/*.parquet')"
        assert columns(store.connection, parquet) == columns(store.connection, table)

    local = open_store(tmp_path / "local.duckdb", read_only=False)
    with local:
        engine.extract(local, [str(corpus)], workers=1, pipeline=FAULTS)
        expected = local.connection.execute(ROWS).fetchall()
        entities = local.connection.execute(ENTITIES).fetchall()
    loaded = cluster.load_parquet(store, out)
    assert (loaded.documents, loaded.figures, loaded.runs) == (done.run.documents, done.run.figures, 1)
    assert store.connection.execute(ROWS).fetchall() == expected and len(expected) > 100
    assert store.connection.execute(ENTITIES).fetchall() == entities and entities
    cluster.load_parquet(store, out)  # again: nothing changes
    assert store.connection.execute(ROWS).fetchall() == expected
    assert store.connection.execute(ENTITIES).fetchall() == entities
    assert store.connection.execute("SELECT documents, problems FROM runs").fetchall() == [(len(ids) - 1, 1)]


def test_a_dask_document_past_the_time_limit_is_a_problem_and_the_rest_is_written(tmp_path: Path) -> None:
    """The local engine's --time-limit on a Dask worker's thread: the document computing in Python is
    stopped and listed with its file and line; its partition and the others are written."""
    corpus = tmp_path / "news.jsonl"
    ids = write_short_corpus(corpus, 6, planted={1: engine_faults.BUSY})
    out = tmp_path / "parquet"
    done = cluster.extract_to_parquet(
        [str(corpus)], out, workers=1, processes=False, partition_size=3, pipeline=FAULTS, time_limit=1
    )
    assert done.run.messages == (
        f"{corpus}:2: document {ids[1]!r}: analysis took more than 1 s and was stopped; skipped",
    )
    written = duckdb.sql(f"SELECT doc_id FROM read_parquet('{out}/documents/*.parquet') ORDER BY doc_id")
    assert [doc_id for (doc_id,) in written.fetchall()] == sorted(set(ids) - {ids[1]})
    assert done.run.documents == 5


def test_the_thread_alarm_stops_python_in_another_thread_and_never_lands_later() -> None:
    from figures.engine import analysis

    def busy(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pass

    outcomes: list[str] = []

    def in_a_thread() -> None:
        try:
            with analysis._alarm(0.2):
                busy(30)
            outcomes.append("not stopped")
        except analysis._OverTime:
            outcomes.append("stopped")
        try:
            with analysis._alarm(0.2):
                try:  # code that swallows an exception (distributed's gc callback does) takes the first
                    busy(30)
                except analysis._OverTime:
                    outcomes.append("swallowed")
                busy(30)
            outcomes.append("not stopped")
        except analysis._OverTime:
            outcomes.append("stopped again")
        with analysis._alarm(0.2):  # ends well before its time: nothing may land after it
            pass
        busy(0.5)
        outcomes.append("quiet after")

    worker = threading.Thread(target=in_a_thread)
    started = time.monotonic()
    worker.start()
    worker.join(timeout=20)
    assert outcomes == ["stopped", "swallowed", "stopped again", "quiet after"]
    assert time.monotonic() - started < 20


def test_a_dask_run_wants_a_new_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    write_short_corpus(corpus, 2)
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "old.parquet").write_bytes(b"")
    with pytest.raises(engine.local.FiguresError, match="not a new or empty folder"):
        cluster.extract_to_parquet([str(corpus)], tmp_path / "used", workers=1, processes=False)


def test_the_command_on_worker_processes_then_load(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    ids = write_short_corpus(corpus, 12)
    out, db = tmp_path / "parquet", tmp_path / "f.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        main, ["extract", "--engine", "dask", "--workers", "2", str(corpus), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    wrote = re.search(rf"Wrote 12 articles and (\d+) figures to {re.escape(str(out))} ", result.output)
    assert wrote is not None, result.output
    figures_written = int(wrote.group(1))
    for _ in range(2):
        result = runner.invoke(main, ["load", str(out), "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert f"Loaded 12 articles and {figures_written} figures from {out} into {db}." in result.output
    with duckdb.connect(str(db), read_only=True) as connection:
        counted = connection.execute("SELECT count(*), count(DISTINCT doc_id) FROM figures").fetchall()
        assert counted == [(figures_written, 12)] and figures_written >= 24  # a length and a sum each
        stored = connection.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()
        assert [doc_id for (doc_id,) in stored] == sorted(ids)
