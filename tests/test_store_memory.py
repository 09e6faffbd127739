"""The writer's memory (issue 10): a writer of a file runs DuckDB under a memory limit (and no more threads
than it fits), a run under a small limit stores what a run under none stores, a write that runs out of
memory is a StoreError naming the limit, and a re-run looks up what is loaded a chunk of input at a time.

Peak memory itself is measured by benchmarks/extract_memory.py, never here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from figures import cli, engine
from figures.cli import main
from figures.compare.disagreements import ORDER
from figures.engine import local
from figures.errors import StoreError
from figures.store import WRITER_MEMORY_LIMIT, Store, database, open_store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def setting(store: Store, name: str) -> str:
    (value,) = store.connection.execute(f"SELECT current_setting('{name}')").fetchone() or ("",)
    return str(value)


def duckdb_shows(limit: str | None) -> str:
    """The memory limit as DuckDB shows it for a connection given ``limit`` (None: its default)."""
    config = {"memory_limit": limit} if limit is not None else {}
    with duckdb.connect(":memory:", config=config) as connection:
        (shown,) = connection.execute("SELECT current_setting('memory_limit')").fetchone() or ("",)
    return str(shown)


def test_a_writer_of_a_file_runs_under_the_memory_limit_and_others_keep_duckdbs_default(
    tmp_path: Path,
) -> None:
    path = tmp_path / "limited.duckdb"
    with open_store(path, read_only=False) as store:
        assert setting(store, "memory_limit") == duckdb_shows(WRITER_MEMORY_LIMIT)
        assert setting(store, "temp_directory") == f"{path}.tmp"  # spills beside the database
        limited = database.memory_limit_bytes(store.connection)
        assert int(setting(store, "threads")) <= max(1, limited // database.MEMORY_PER_THREAD)
    with open_store(path, read_only=False, memory_limit="1GB") as store:
        assert setting(store, "memory_limit") == duckdb_shows("1GB")
    with open_store(path, read_only=False, memory_limit=None) as store:
        assert setting(store, "memory_limit") == duckdb_shows(None)
    with open_store(path) as reader:  # a reader is not limited (it writes nothing, spills nowhere)
        assert setting(reader, "memory_limit") == duckdb_shows(None)
    with open_store(":memory:") as scratch:  # an in-memory store has nowhere to spill
        assert setting(scratch, "memory_limit") == duckdb_shows(None)
    assert cli.MEMORY_LIMIT == WRITER_MEMORY_LIMIT  # the option's default, written out in the CLI


def test_a_small_limit_runs_one_thread_and_a_large_one_keeps_duckdbs_threads(tmp_path: Path) -> None:
    with duckdb.connect(":memory:") as plain:
        (threads,) = plain.execute("SELECT current_setting('threads')").fetchone() or (1,)
    with open_store(tmp_path / "one.duckdb", read_only=False, memory_limit="100MB") as store:
        assert setting(store, "threads") == "1"
    with open_store(tmp_path / "many.duckdb", read_only=False, memory_limit="64GB") as store:
        assert setting(store, "threads") == str(threads)


def test_a_memory_limit_duckdb_cannot_read_is_a_store_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="memory limit of 'lots'"):
        open_store(tmp_path / "bad.duckdb", read_only=False, memory_limit="lots")


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus extracted by the CLI, under its default memory limit."""
    db = tmp_path_factory.mktemp("memory") / "seed.duckdb"
    result = CliRunner().invoke(main, ["extract", str(SEEDS), "--db", str(db), "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def refreshed(db: Path, memory_limit: str | None, folder: Path) -> list[tuple[object, ...]]:
    """Every disagreement of a copy of ``db`` found again (every article, the table made whole) under
    ``memory_limit``, in buckets of 20 figures (several, so each runs under the limit)."""
    copy = folder / f"refresh-{memory_limit}.duckdb"
    shutil.copy(db, copy)
    with open_store(copy, read_only=False, memory_limit=memory_limit) as store:
        store.execute("INSERT INTO disagreements_pending (everything) VALUES (true)", write=True)
        store.refresh_disagreements()
        return store.fetch(f"SELECT * FROM disagreements ORDER BY {ORDER}").rows


def test_a_refresh_under_a_small_limit_stores_what_one_under_none_stores(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "REFRESH_FIGURES", 20)
    unlimited = refreshed(seed_db, None, tmp_path)
    assert unlimited  # the seed disagrees about something
    assert refreshed(seed_db, "128MB", tmp_path) == unlimited


def test_a_write_that_runs_out_of_memory_is_a_store_error_naming_the_limit(
    seed_db: Path, tmp_path: Path
) -> None:
    """The seed's refresh needs more than 16 MB of DuckDB's; it fails as a StoreError, not a traceback,
    and the stored rows stay as they were (the refresh is one transaction)."""
    copy = tmp_path / "small.duckdb"
    shutil.copy(seed_db, copy)
    with open_store(copy, read_only=False, memory_limit="16MB") as store:
        before = store.fetch("SELECT count(*) FROM disagreements").rows
        store.execute("INSERT INTO disagreements_pending (everything) VALUES (true)", write=True)
        with pytest.raises(StoreError, match=r"memory limit is 15.2 MiB: give a larger one.*--memory-limit"):
            store.refresh_disagreements()
        assert store.fetch("SELECT count(*) FROM disagreements").rows == before
        assert not store.disagreements_current  # still pending: the next refresh finds them


def test_extract_takes_a_memory_limit_and_says_when_it_is_not_one(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(main, ["extract", str(SEEDS), "--db", str(tmp_path / "x.duckdb"), "-q",
                               "--memory-limit", "lots"])  # fmt: skip
    assert bad.exit_code == 1 and "memory limit of 'lots'" in bad.output and "Traceback" not in bad.output


# -- a re-run looks up what is loaded a chunk of input at a time ----------------------------------------
def short_articles(path: Path, rows: list[tuple[str, str]]) -> None:
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows), encoding="utf-8")


def test_a_re_run_in_chunks_skips_copies_and_refuses_as_a_snapshot_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks of three input documents: unchanged ones are skipped, an edited one (same file) loads
    again, another file's text under a loaded id is a problem, and a loaded text under a new id is a
    copy of the loaded article (not analysed), whichever chunk the loaded one and the new one fall in."""
    monkeypatch.setattr(local, "LOOKUP_DOCUMENTS", 3)
    texts = [f"The ship {n} is {n + 40} m long and cost ${n + 2}m." for n in range(8)]
    first, other = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    short_articles(first, [(f"s{n}", text) for n, text in enumerate(texts)])
    with open_store(tmp_path / "chunks.duckdb", read_only=False) as store:
        engine.extract(store, [str(first)], workers=1, time_limit=None)
        edited = [(f"s{n}", text) for n, text in enumerate(texts)]
        edited[4] = ("s4", "The road is 9 km long.")
        short_articles(first, edited)
        short_articles(other, [("s1", "The bridge is 3 km long."), ("new-7", texts[7]), ("new-0", texts[0])])
        again = engine.extract(store, [str(first)], workers=1, time_limit=None)
        assert (again.skipped, again.run.documents, again.reused, again.run.messages) == (7, 1, 0, ())
        outcome = engine.extract(store, [str(other)], workers=1, time_limit=None)
        assert (outcome.skipped, outcome.run.documents, outcome.reused) == (0, 2, 2)
        assert outcome.run.messages == (
            f"{other}:1: doc_id 's1' is already loaded from {first} with other text; skipped "
            "(give one of them another id)",
        )
        rows = store.fetch(
            "SELECT doc_id, list(text ORDER BY start) FROM figures GROUP BY doc_id ORDER BY doc_id"
        ).rows
    by_id = dict(rows)
    assert by_id["s4"] == ["9 km"]
    assert by_id["new-7"] == by_id["s7"] and by_id["new-0"] == by_id["s0"] and by_id["s1"] != ["3 km"]


def test_reuse_keys_let_go_are_found_in_the_database_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With room for eight reuse keys (more than a lookup's chunk of three), copies of texts met forty
    articles earlier are still copies: their keys come back from the articles loaded by then, and every
    table holds what analysing them gives."""
    from tests.test_reuse import tables

    monkeypatch.setattr(local, "REUSE_KEYS", 8)
    monkeypatch.setattr(local, "LOOKUP_DOCUMENTS", 3)
    texts = [f"The ship {n} is {n + 40} m long and cost ${n + 2}m." for n in range(40)]
    path = tmp_path / "far.jsonl"
    originals = [(f"s{n}", text) for n, text in enumerate(texts)]
    short_articles(path, originals + [(f"copy{n}", texts[n]) for n in range(5)])
    with open_store(tmp_path / "bounded.duckdb", read_only=False) as store:
        outcome = engine.extract(
            store, [str(path)], workers=1, time_limit=None, batch_size=1, in_process_below=1
        )
        assert (outcome.reused, outcome.run.documents) == (5, 45)
        bounded = tables(store)
    with open_store(tmp_path / "analysed.duckdb", read_only=False) as store:
        assert engine.extract(store, [str(path)], workers=1, time_limit=None, reuse=False).reused == 0
        assert tables(store) == bounded
