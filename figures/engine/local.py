"""The extract loop on one machine: read, skip what is loaded already, analyse, load in batches.

``extract`` reads the paths (figures.ingest), drops the documents whose text is already in the database
under the same id (by content hash, so a second run over unchanged input does no analysis), analyses the
rest in this process or in worker processes (figures.engine.workers), and loads the results in batches,
one transaction each. This process is the one writer of the database.

What the loop promises:

- The ``runs`` row is written before anything else, with ``finished`` NULL until the run ends; the first
  batch is small, so a run leaves documents in the database within seconds.
- One document never takes others down: an exception while analysing it, a figure whose offsets do not
  match its text, a document the store refuses, or one that takes longer than the time limit becomes a
  Problem (file, line, a one-line message) and everything else loads.
- A document whose id is loaded already with other text from another file is a Problem, never a silent
  replacement; from the same file (an article edited since) it is analysed again and replaces itself.
- Ctrl-C (SIGINT) loads what was analysed, leaves the run unfinished, and raises ``Interrupted``, whose
  message is the one-line summary.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

import figures
from figures import ingest
from figures.engine.analysis import PIPELINE, Analysed, analyse_guarded, one_line
from figures.engine.workers import WorkerPool
from figures.errors import FiguresError, StoreError
from figures.model import Document, Figure, Problem, text_hash
from figures.store import Run, Store

BATCH_SIZE = 200  # documents per transaction
FIRST_BATCH = 16  # documents in the first one: a run leaves a trace within seconds
COMMIT_EVERY = 30.0  # seconds: a slow run commits what it has at least this often
TASK_SIZE = 16  # documents per batch handed to a worker (one parse for all their sentences)
TIME_LIMIT = 60.0  # seconds a document (or a worker's batch) may take before it is stopped
IN_PROCESS_BELOW = 64  # documents: a run this small is not worth starting worker processes


# called once per analysed document (with its figures) or Problem, in input order (figures.progress)
Progress = Callable[[Analysed], None]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A finished run: its row in ``runs``, the unchanged documents it skipped, figures by dimension."""

    run: Run
    skipped: int = 0
    by_dimension: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the reading says for a summary (figures.ingest.Reading.notes)


class Interrupted(FiguresError):
    """The run was stopped by Ctrl-C: what it loaded stays, and the run is left unfinished."""

    def __init__(self, run: Run, skipped: int = 0) -> None:
        self.run, self.skipped = run, skipped
        super().__init__(
            f"interrupted: {run.documents:,} documents, {run.figures:,} figures loaded; "
            f"run {run.run_id} unfinished"
        )


def extract(
    store: Store,
    paths: Sequence[str],
    *,
    separator: str | None = None,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    time_limit: float | None = TIME_LIMIT,
    progress: Progress | None = None,
    in_process_below: int = IN_PROCESS_BELOW,
    pipeline: str = PIPELINE,
) -> Outcome:
    """Read ``paths``, analyse what is new or changed, load it into ``store``; returns the finished run.

    ``workers`` > 1 analyses in that many processes (for runs of at least ``in_process_below``
    documents). ``time_limit`` (seconds, None for none) stops a document that takes longer. ``pipeline``
    names the module whose ``analyse`` runs (tests give one that fails on purpose).
    Raises ``Interrupted`` on Ctrl-C, after loading what was analysed.
    """
    items = ingest.read_paths(paths, separator=separator)  # a bad separator raises here, before the run
    run = Run.begin(paths, figures.__version__)
    store.record(run)
    loader = _Loader(store, run, batch_size, progress)
    fresh = _fresh(items, _known(store), loader)
    try:
        for results in _analysed(fresh, workers, time_limit, in_process_below, pipeline):
            loader.add(results)
        loader.flush()
    except KeyboardInterrupt:
        loader.flush()
        raise Interrupted(loader.run, loader.skipped) from None
    run = replace(loader.run, finished=dt.datetime.now().replace(microsecond=0))
    store.record(run)
    return Outcome(run, loader.skipped, dict(loader.by_dimension), tuple(items.notes()))


# -- skipping what is loaded --------------------------------------------------------------------------
def _known(store: Store) -> dict[str, tuple[str | None, str | None]]:
    """doc_id -> (text_hash, path) of every loaded document."""
    rows = store.connection.execute("SELECT doc_id, text_hash, path FROM documents").fetchall()
    return {doc_id: (digest, path) for doc_id, digest, path in rows}


def _fresh(
    items: Iterable[Document | Problem], known: dict[str, tuple[str | None, str | None]], loader: _Loader
) -> Iterator[Document]:
    """The documents to analyse: not loaded before with the same text. Problems go to the loader."""
    for item in items:
        if isinstance(item, Problem):
            loader.problem(item)
            continue
        loaded = known.get(item.doc_id)
        if loaded is not None:
            digest, path = loaded
            if digest == text_hash(item.text):
                loader.skipped += 1
                continue
            if path != item.path:
                loader.problem(
                    Problem(
                        item.path or item.doc_id,
                        item.line,
                        f"doc_id {item.doc_id!r} is already loaded from {path or 'another input'} with "
                        "other text; skipped (give one of them another id)",
                    )
                )
                continue
        yield item


# -- analysing ----------------------------------------------------------------------------------------
def _analysed(
    documents: Iterator[Document], workers: int, limit: float | None, in_process_below: int, pipeline: str
) -> Iterator[list[Analysed]]:
    """The documents' results a batch at a time, in input order."""
    head = list(itertools.islice(documents, max(in_process_below, 1)))
    rest = itertools.chain(head, documents)
    if workers <= 1 or len(head) < in_process_below:
        for batch in _batches(rest, TASK_SIZE):
            yield analyse_guarded(batch, limit, pipeline)
        return
    with WorkerPool(workers, limit, pipeline) as pool:
        yield from pool.analyse(_batches(rest, TASK_SIZE))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


# -- loading ------------------------------------------------------------------------------------------
class _Loader:
    """Collects analysed documents and writes them in batches; keeps the run's row up to date."""

    def __init__(self, store: Store, run: Run, batch_size: int, progress: Progress | None) -> None:
        self.store, self.run, self.batch_size, self.progress = store, run, batch_size, progress
        self.pending: list[tuple[Document, list[Figure]]] = []
        self.messages: list[str] = list(run.messages)
        self.by_dimension: Counter[str] = Counter()
        self.skipped = 0
        self.committed = time.monotonic()

    def problem(self, problem: Problem) -> None:
        self.messages.append(str(problem))
        if self.progress is not None:
            self.progress(problem)

    def add(self, results: Iterable[Analysed]) -> None:
        for result in results:
            if isinstance(result, Problem):
                self.problem(result)
                continue
            self.pending.append(result)
            size = self.batch_size if self.run.documents else min(FIRST_BATCH, self.batch_size)
            if len(self.pending) >= size or time.monotonic() - self.committed > COMMIT_EVERY:
                self.flush()
            if self.progress is not None:
                self.progress(result)

    def flush(self) -> None:
        """Load the pending documents in one transaction, with the run's row brought up to date.

        If the store refuses the batch, each document is loaded on its own and the ones it refuses become
        Problems; if it refuses every one, the store itself is at fault and the error goes up.
        """
        batch = self.pending
        documents = [document for document, _ in batch]
        found = [figure for _, figures_found in batch for figure in figures_found]
        loaded = self._counted(len(documents), len(found))
        try:
            self.store.load(documents, found, loaded)
        except StoreError as error:
            if len(batch) <= 1:
                raise
            loaded = self._one_by_one(batch, error)
        self.run = loaded
        self.pending = []
        self.committed = time.monotonic()
        for _, figures_found in batch:
            self.by_dimension.update(figure.dimension for figure in figures_found)

    def _counted(self, documents: int, found: int) -> Run:
        return replace(
            self.run,
            documents=self.run.documents + documents,
            figures=self.run.figures + found,
            messages=tuple(self.messages),
        )

    def _one_by_one(self, batch: list[tuple[Document, list[Figure]]], first: StoreError) -> Run:
        documents = found = 0
        refused = []
        for document, figures_found in batch:
            try:
                self.store.load([document], figures_found)
            except StoreError as error:
                refused.append((document, figures_found))
                where = document.path or document.doc_id
                self.problem(Problem(where, document.line, f"document {document.doc_id!r}: "
                                     f"the store refused it: {one_line(error)}"))  # fmt: skip
                continue
            documents, found = documents + 1, found + len(figures_found)
        if len(refused) == len(batch):
            raise first
        for document, figures_found in refused:
            batch.remove((document, figures_found))
        loaded = self._counted(documents, found)
        self.store.record(loaded)
        return loaded
