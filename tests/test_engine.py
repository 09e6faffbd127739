"""The extract loop (figures.engine): isolation, early commits, skipping, Ctrl-C, worker processes.

Faults are planted through tests/engine_faults.py, a pipeline that raises, hangs, crashes or breaks
offsets for marked documents and is the real pipeline otherwise.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from figures import engine
from figures.ingest import read_paths
from figures.model import Document
from figures.store import Store
from tests import engine_faults

ROOT = Path(__file__).resolve().parents[1]
FAULTS = "tests.engine_faults"


def seed_documents() -> list[Document]:
    return [item for item in read_paths(ROOT / "seeds") if isinstance(item, Document)]


def write_corpus(path: Path, copies: int = 1, planted: dict[int, str] | None = None) -> list[str]:
    """The seed articles ``copies`` times over as JSONL with distinct ids; ``planted`` marks some lines
    (0-based) with a fault of tests/engine_faults.py. Returns the ids in order."""
    planted = planted or {}
    ids: list[str] = []
    lines: list[str] = []
    for copy in range(copies):
        for document in seed_documents():
            number = len(lines)
            text = f"{document.text}\n{planted[number]}" if number in planted else document.text
            ids.append(f"{document.doc_id}-{copy}")
            lines.append(json.dumps({"id": ids[-1], "title": document.title, "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def write_short_corpus(path: Path, count: int, planted: dict[int, str] | None = None) -> list[str]:
    """``count`` one-sentence articles as JSONL (quick to analyse on a busy machine, for the time limit)."""
    planted = planted or {}
    ids = [f"short-{number}" for number in range(count)]
    lines = [
        json.dumps({"id": ids[number], "text": f"The ship {number} is {number + 40} m long and cost "
                    f"${number + 2}m. {planted.get(number, '')}".strip()})  # fmt: skip
        for number in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def loaded(store: Store) -> list[tuple[object, ...]]:
    return store.connection.execute(
        'SELECT d.doc_id, f.start, f."end", f.text, f.value, f.unit, f.subject FROM documents d '
        "LEFT JOIN figures f USING (doc_id) ORDER BY d.doc_id, f.figure_id"
    ).fetchall()


def count(store: Store, table: str) -> int:
    ((number,),) = store.connection.execute(f"SELECT count(*) FROM {table}").fetchall()
    return int(number)


# -- one document never takes others down -------------------------------------------------------------
def test_a_document_that_raises_is_a_problem_and_its_batch_still_loads(store: Store, tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    ids = write_corpus(corpus, planted={3: engine_faults.RAISES})
    outcome = engine.extract(store, [str(corpus)], workers=1, pipeline=FAULTS)
    assert outcome.run.documents == len(ids) - 1 and outcome.run.finished is not None
    (message,) = outcome.run.messages
    assert message == (f"{corpus}:4: document {ids[3]!r}: analysis failed: "
                       "ValueError: a fault planted by the test")  # fmt: skip
    stored = {row[0] for row in store.connection.execute("SELECT doc_id FROM documents").fetchall()}
    assert stored == set(ids) - {ids[3]}
    assert store.connection.execute("SELECT problems, messages FROM runs").fetchall() == [(1, [message])]


def test_figures_whose_offsets_miss_the_text_make_their_document_a_problem(
    store: Store, tmp_path: Path
) -> None:
    corpus = tmp_path / "news.jsonl"
    ids = write_corpus(corpus, planted={0: engine_faults.BAD_OFFSETS})
    outcome = engine.extract(store, [str(corpus)], workers=1, pipeline=FAULTS)
    (message,) = outcome.run.messages
    assert message.startswith(f"{corpus}:1: document {ids[0]!r}: analysis failed: ValueError: figure ")
    assert count(store, "documents") == len(ids) - 1


def test_a_document_past_the_time_limit_is_stopped_in_process(store: Store, tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    ids = write_short_corpus(corpus, 8, planted={5: engine_faults.SLOW})
    outcome = engine.extract(store, [str(corpus)], workers=1, time_limit=2, pipeline=FAULTS)
    assert outcome.run.messages == (
        f"{corpus}:6: document {ids[5]!r}: analysis took more than 2 s and was stopped; skipped",
    )
    assert count(store, "documents") == len(ids) - 1


def test_a_document_the_store_refuses_is_a_problem_and_the_rest_load(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "news.jsonl"
    ids = write_corpus(corpus)
    load = Store.load

    def refuse_one(self: Store, documents: list[Document], *args: object, **kwargs: object) -> None:
        if any(document.doc_id == ids[2] for document in documents):
            raise engine.local.StoreError("refused by the test")
        load(self, documents, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "load", refuse_one)
    outcome = engine.extract(store, [str(corpus)], workers=1)
    assert outcome.run.messages == (
        f"{corpus}:3: document {ids[2]!r}: the store refused it: StoreError: refused by the test",
    )
    assert count(store, "documents") == outcome.run.documents == len(ids) - 1
    assert store.connection.execute("SELECT documents, problems FROM runs").fetchall() == [(len(ids) - 1, 1)]


# -- the run's row, the first batch, Ctrl-C -----------------------------------------------------------
def test_the_run_row_comes_first_and_a_first_small_batch_is_committed_early(
    store: Store, tmp_path: Path
) -> None:
    corpus = tmp_path / "news.jsonl"
    write_corpus(corpus, copies=3)
    seen: list[tuple[object, ...]] = []

    def look(result: object) -> None:
        (row,) = store.connection.execute("SELECT documents, finished FROM runs").fetchall()
        seen.append((len(seen) + 1, count(store, "documents"), *row))

    engine.extract(store, [str(corpus)], workers=1, batch_size=200, progress=look)
    first_batch = engine.local.FIRST_BATCH
    assert seen[0] == (1, 0, 0, None)  # the run's row is there before anything is loaded
    assert seen[first_batch - 1] == (first_batch, first_batch, first_batch, None)  # loaded at once
    assert seen[-1][:2] == (60, first_batch)  # then 200 at a time: the rest at the end
    assert store.connection.execute("SELECT documents, finished IS NOT NULL FROM runs").fetchall() == [
        (60, True)
    ]


def test_ctrl_c_loads_what_was_analysed_and_leaves_the_run_unfinished(store: Store, tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    write_corpus(corpus, copies=3)

    analysed = []

    def interrupt(result: object) -> None:
        analysed.append(result)
        if len(analysed) == 32:
            raise KeyboardInterrupt

    with pytest.raises(engine.Interrupted) as stopped:
        engine.extract(store, [str(corpus)], workers=1, progress=interrupt)
    run = stopped.value.run
    assert str(stopped.value) == (
        f"interrupted: 32 documents, {run.figures:,} figures loaded; run {run.run_id} unfinished"
    )
    assert count(store, "documents") == 32 and count(store, "figures") == run.figures > 0
    assert store.connection.execute("SELECT documents, finished FROM runs").fetchall() == [(32, None)]


# -- re-runs ------------------------------------------------------------------------------------------
def test_a_second_run_skips_unchanged_documents_and_redoes_changed_ones(store: Store, tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    ids = write_corpus(corpus)
    first = engine.extract(store, [str(corpus)], workers=1)
    before = loaded(store)
    again = engine.extract(store, [str(corpus)], workers=1)
    assert (again.run.documents, again.skipped, again.run.messages) == (0, len(ids), ())
    assert loaded(store) == before
    lines = corpus.read_text(encoding="utf-8").splitlines()
    edited = json.loads(lines[1])
    edited["text"] += " It has since risen to 3,000 km."
    lines[1] = json.dumps(edited)
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    third = engine.extract(store, [str(corpus)], workers=1)
    assert (third.run.documents, third.skipped) == (1, len(ids) - 1)
    assert ("3,000 km",) in store.connection.execute(
        "SELECT text FROM figures WHERE doc_id = ?", [ids[1]]
    ).fetchall()
    assert count(store, "documents") == first.run.documents


def test_an_id_loaded_from_another_file_with_other_text_is_a_problem(store: Store, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"id": "x", "text": "The ship is 300 m long."}) + "\n", encoding="utf-8")
    second.write_text(json.dumps({"id": "x", "text": "The road is 40 km long."}) + "\n", encoding="utf-8")
    engine.extract(store, [str(first)], workers=1)
    outcome = engine.extract(store, [str(second)], workers=1)
    assert outcome.run.messages == (
        f"{second}:1: doc_id 'x' is already loaded from {first} with other text; skipped "
        "(give one of them another id)",
    )
    assert store.connection.execute("SELECT text FROM documents").fetchall() == [("The ship is 300 m long.",)]


# -- worker processes ---------------------------------------------------------------------------------
def test_two_workers_load_what_one_process_loads(tmp_path: Path) -> None:
    """Through worker processes (spawned, each loading the pipeline), with a document that raises, one
    that hangs and one that kills its worker: each is a problem, everything else loads as in process."""
    from figures.store import open_store

    corpus = tmp_path / "news.jsonl"
    planted = {7: engine_faults.RAISES, 20: engine_faults.SLOW, 33: engine_faults.CRASHES}
    ids = write_short_corpus(corpus, 40, planted=planted)
    results = {}
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.duckdb", read_only=False) as store:
            kept = planted if workers == 2 else {7: planted[7]}  # in process, a crash would end the test
            write_short_corpus(corpus, 40, planted=kept)
            outcome = engine.extract(
                store, [str(corpus)], workers=workers, time_limit=3, in_process_below=0, pipeline=FAULTS
            )
            results[workers] = (outcome, loaded(store))
    one, two = results[1][0], results[2][0]
    assert two.run.messages == (
        f"{corpus}:8: document {ids[7]!r}: analysis failed: ValueError: a fault planted by the test",
        f"{corpus}:21: document {ids[20]!r}: analysis took more than 3 s and was stopped; skipped",
        f"{corpus}:34: document {ids[33]!r}: the worker process died (exit code 3); skipped",
    )
    assert two.run.documents == len(ids) - 3 == one.run.documents - 2
    without = {ids[20], ids[33]}
    assert results[2][1] == [row for row in results[1][1] if row[0] not in without]


def test_workers_that_never_get_going_end_the_run_with_a_message(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from figures.engine import workers as worker_pool

    monkeypatch.setattr(worker_pool, "STARTUP_LIMIT", 3.0)
    corpus = tmp_path / "news.jsonl"
    write_short_corpus(corpus, 4)
    started = time.monotonic()
    stuck = r"did not load the pipeline within 3 s; try --workers 1"
    with pytest.raises(engine.local.FiguresError, match=stuck):
        engine.extract(store, [str(corpus)], workers=2, in_process_below=0, pipeline="tests.engine_stuck")
    assert time.monotonic() - started < 60  # the stuck workers were killed, not waited for
