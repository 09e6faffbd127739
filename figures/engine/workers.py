"""Worker processes that analyse batches of documents, for `figures extract --workers N`.

Each worker is a spawned process that loads the pipeline (and its model) once, then takes batches of
documents over its own pipe and sends back each batch's results. The parent hands out the batches, keeps
at most a few ahead of its consumer (the loader, the one process that writes the database), and gives the
results back in input order.

The time guard lives here: a batch gets ``limit`` x BATCH_GRACE seconds; a worker past it is killed and
replaced, and its batch is done again one document at a time, each with ``limit`` seconds, so the
document that was too slow is found, reported as a Problem, and the rest of its batch loads. A worker
that dies on its own (a crash in native code) is handled the same way.

Each worker talks over its own pipe, never a shared queue: killing a worker cannot leave a lock held that
the others need.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from figures.engine.analysis import (
    BATCH_GRACE,
    PIPELINE,
    Analysed,
    analyse_documents,
    analyse_one,
    failed,
    over_time,
)
from figures.errors import FiguresError
from figures.model import Document

TASKS_PER_WORKER = 2  # one running and one waiting: a worker does not idle while the loader writes
AHEAD_PER_WORKER = 4  # batches in flight or done but not yet taken, per worker: what bounds memory
POLL = 0.5  # seconds between checks of the deadlines while no result comes
STARTUP_LIMIT = 300.0  # seconds a worker may take to load the pipeline before the run gives up
_WARM_UP = Document("warm-up", "The warm-up text has 3 figures: 5 km, $2bn and 40%.")


# -- in the worker process ----------------------------------------------------------------------------
def _serve(connection: Connection, pipeline: str) -> None:
    """A worker's life: load the pipeline, say so, then analyse what comes until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    tasks: queue.Queue[tuple[int, int, list[Document], bool] | None] = queue.Queue()

    def receive() -> None:  # reads ahead, so the parent's send never waits on our analysis
        try:
            while True:
                task = connection.recv()
                tasks.put(task)
                if task is None:
                    return
        except (EOFError, OSError):
            tasks.put(None)

    threading.Thread(target=receive, daemon=True).start()
    analyse_documents([_WARM_UP], pipeline)  # loads the model once, here, before any timed work
    connection.send(None)
    while (task := tasks.get()) is not None:
        batch_id, offset, documents, one_by_one = task
        if one_by_one:
            for index, document in enumerate(documents):
                connection.send((batch_id, offset + index, [analyse_one(document, pipeline)]))
        else:
            connection.send((batch_id, offset, analyse_documents(documents, pipeline)))


# -- in the parent ------------------------------------------------------------------------------------
@dataclass
class _Task:
    batch_id: int
    offset: int  # of its first document in the batch
    documents: list[Document]
    one_by_one: bool = False


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    ready: bool = False
    tasks: deque[_Task] = field(default_factory=deque)  # sent and not done; the first is running
    started: float = 0.0  # when the running task (or, one by one, its current document) started
    done: int = 0  # documents of the running task already back (one by one)
    born: float = field(default_factory=time.monotonic)


@dataclass
class _Batch:
    results: list[Analysed | None]

    @property
    def complete(self) -> bool:
        return all(result is not None for result in self.results)


class WorkerPool:
    """``workers`` processes, each with the pipeline loaded once; use as a context manager."""

    def __init__(self, workers: int, limit: float | None, pipeline: str = PIPELINE) -> None:
        self.size = workers
        self.limit = limit
        self.pipeline = pipeline
        self._context = multiprocessing.get_context("spawn")  # the parent holds DuckDB's threads
        self._workers: list[_Worker] = []
        self._retry: deque[_Task] = deque()  # tasks waiting for a worker, before any new batch
        self._pending: dict[int, _Batch] = {}  # batch id -> its results so far
        self.restarts = 0

    def __enter__(self) -> WorkerPool:
        self._workers = [self._start() for _ in range(self.size)]
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self.close(at_once=kind is not None)

    def close(self, at_once: bool = False) -> None:
        """Stop the workers: let them finish and leave, or (``at_once``, on an error) kill them."""
        for worker in self._workers:
            with contextlib.suppress(OSError):  # gone already
                worker.connection.send(None)
        deadline = time.monotonic() + (0.0 if at_once else 2.0)
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()
        self._workers = []

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_serve, args=(child_end, self.pipeline), daemon=True, name="figures-worker"
        )
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    # -- the work ---------------------------------------------------------------------------------------
    def analyse(self, batches: Iterable[Sequence[Document]]) -> Iterator[list[Analysed]]:
        """Every batch's results, in input order; one document's failure or slowness stays its own."""
        source = iter(batches)
        exhausted = False
        pending = self._pending = {}
        next_id = next_out = 0
        while True:
            while not exhausted and next_id - next_out < AHEAD_PER_WORKER * self.size and self._free():
                try:
                    documents = list(next(source))
                except StopIteration:
                    exhausted = True
                    break
                pending[next_id] = _Batch([None] * len(documents))
                self._retry.append(_Task(next_id, 0, documents))
                next_id += 1
                self._dispatch()
            self._dispatch()
            while next_out in pending and pending[next_out].complete:
                yield [result for result in pending.pop(next_out).results if result is not None]
                next_out += 1
            if exhausted and next_out == next_id:
                return
            self._collect()

    def _free(self) -> bool:
        return any(worker.ready and len(worker.tasks) < TASKS_PER_WORKER for worker in self._workers)

    def _dispatch(self) -> None:
        """Waiting tasks to workers with room, the least busy first."""
        while self._retry:
            room = [w for w in self._workers if w.ready and len(w.tasks) < TASKS_PER_WORKER]
            if not room:
                return
            worker = min(room, key=lambda w: len(w.tasks))
            task = self._retry.popleft()
            if not worker.tasks:
                worker.started, worker.done = time.monotonic(), 0
            worker.tasks.append(task)
            try:
                worker.connection.send((task.batch_id, task.offset, task.documents, task.one_by_one))
            except OSError:
                self._replace(worker, died=True)

    def _collect(self) -> None:
        """Wait for results (or a deadline), file them, and deal with workers that are too slow or gone."""
        by_connection = {worker.connection: worker for worker in self._workers}
        for connection in wait(list(by_connection), timeout=POLL):
            worker = by_connection[connection]  # type: ignore[index]
            try:
                message = worker.connection.recv()
            except (EOFError, OSError):  # after every result it sent: its end closes when it dies
                self._replace(worker, died=True)
                continue
            now = time.monotonic()
            if message is None:
                worker.ready, worker.started = True, now
                continue
            batch_id, offset, results = message
            batch = self._pending[batch_id]
            batch.results[offset : offset + len(results)] = results
            task = worker.tasks[0]
            worker.done += len(results)
            worker.started = now
            if worker.done >= len(task.documents):
                worker.tasks.popleft()
                worker.done = 0
        now = time.monotonic()
        for worker in self._workers:
            if not worker.ready and now - worker.born > STARTUP_LIMIT:
                raise FiguresError(
                    f"a worker process did not load the pipeline within {STARTUP_LIMIT:g} s; try --workers 1"
                )
        if self.limit is None:
            return
        for worker in list(self._workers):
            allowed = self.limit if worker.tasks and worker.tasks[0].one_by_one else self.limit * BATCH_GRACE
            if worker.ready and worker.tasks and now - worker.started > allowed:
                self._replace(worker, died=False)

    def _replace(self, worker: _Worker, died: bool) -> None:
        """Kill a worker (too slow) or bury it (``died``), start another, and hand its tasks out again.

        The running task is done again one document at a time; if it already was, the document it was on
        is the culprit and becomes a Problem.
        """
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        why = f"the worker process died (exit code {worker.process.exitcode})"
        if died and not worker.ready:  # it never got going: another would not either
            raise FiguresError(f"a worker process could not start ({why}); try --workers 1")
        worker.connection.close()
        self.restarts += 1
        tasks = list(worker.tasks)
        again: list[_Task] = []
        if tasks:
            running = tasks[0]
            if running.one_by_one:
                culprit = running.documents[worker.done]
                problem = failed(culprit, why + "; skipped") if died else over_time(culprit, self.limit or 0)
                self._pending[running.batch_id].results[running.offset + worker.done] = problem
                rest = running.documents[worker.done + 1 :]
                if rest:
                    again.append(_Task(running.batch_id, running.offset + worker.done + 1, rest, True))
            else:
                again.append(_Task(running.batch_id, running.offset, running.documents, True))
            again.extend(tasks[1:])
        self._retry.extendleft(reversed(again))
        self._workers[self._workers.index(worker)] = self._start()
