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
- A document with the same text, date and outlet (``figures.pipeline.reuse_key``) as one analysed earlier
  in the run or loaded before, under another id, is not analysed again: it takes that document's figures
  under its own id (``_Reuse``), exactly what its analysis would give. Wire copies and a corpus repeated
  under new ids cost a copy, not an analysis.
- Ctrl-C (SIGINT) loads what was analysed, leaves the run unfinished, and raises ``Interrupted``, whose
  message is the one-line summary.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

import figures
from figures import ingest
from figures.engine.analysis import PIPELINE, Analysed, analyse_guarded, copied, one_line
from figures.engine.workers import WorkerPool
from figures.errors import FiguresError, StoreError
from figures.model import Document, Figure, Problem, text_hash
from figures.pipeline import ReuseKey, rebranded, reuse_key
from figures.store import Run, Store

BATCH_SIZE = 200  # documents per transaction
FIRST_BATCH = 16  # documents in the first one: a run leaves a trace within seconds
COMMIT_EVERY = 30.0  # seconds: a slow run commits what it has at least this often
TASK_SIZE = 16  # documents per batch handed to a worker (one parse for all their sentences)
TIME_LIMIT = 60.0  # seconds a document (or a worker's batch) may take before it is stopped
IN_PROCESS_BELOW = 64  # documents: a run this small is not worth starting worker processes
REUSE_CACHE = 2048  # the latest analysed documents' results kept for copies (older ones: from the database)
# the reuse keys (text hash, date, outlet) kept in memory, the latest met; an older one is looked up in the
# database again when its text comes back, so memory stays flat however many distinct texts a run meets
REUSE_KEYS = 65_536


# called once per analysed document (with its figures) or Problem, in input order (figures.progress)
Progress = Callable[[Analysed], None]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A finished run: its row in ``runs``, the unchanged documents it skipped, figures by dimension."""

    run: Run
    skipped: int = 0
    by_dimension: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the reading says for a summary (figures.ingest.Reading.notes)
    reused: int = 0  # documents loaded with the figures of another with the same text, not analysed


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
    reuse: bool = True,
) -> Outcome:
    """Read ``paths``, analyse what is new or changed, load it into ``store``; returns the finished run.

    ``workers`` > 1 analyses in that many processes (for runs of at least ``in_process_below``
    documents). ``time_limit`` (seconds, None for none) stops a document that takes longer. ``pipeline``
    names the module whose ``analyse`` runs (tests give one that fails on purpose). ``reuse`` False
    analyses every document, copies of another's text included (to measure the analysis).
    Raises ``Interrupted`` on Ctrl-C, after loading what was analysed.
    """
    items = ingest.read_paths(paths, separator=separator)  # a bad separator raises here, before the run
    run = Run.begin(paths, figures.__version__)
    store.record(run)
    loader = _Loader(store, run, batch_size, progress)
    known = _Known(store)
    reused = _Reuse(store, reuse, time_limit, pipeline)
    fresh = reused.marked(_fresh(items, known, reused, loader))
    try:
        for results in _analysed(fresh, workers, time_limit, in_process_below, pipeline):
            loader.add(reused.resolved(results))
        loader.flush()
    except KeyboardInterrupt:
        # the disagreements stay pending: readers find them live until a run refreshes them
        loader.flush()
        raise Interrupted(loader.run, loader.skipped) from None
    # the stored disagreements of everything the run loaded, found once (a run cut off leaves them
    # pending, and the next run's refresh finds them)
    store.refresh_disagreements()
    run = replace(loader.run, finished=dt.datetime.now().replace(microsecond=0))
    store.record(run)
    notes = tuple(items.notes())
    return Outcome(run, loader.skipped, dict(loader.by_dimension), notes, reused.count)


# -- skipping what is loaded --------------------------------------------------------------------------
LOOKUP_DOCUMENTS = 512  # documents whose loaded state is looked up in one query
LOOKUP_TEXT = 8 * 2**20  # characters of text read ahead for one lookup, at most (long articles)


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What the run needs to know of a loaded document: its text's hash, where it came from, its key."""

    digest: str | None
    path: str | None
    key: ReuseKey | None


class _Known:
    """The documents loaded before the run, looked up a chunk of input documents at a time.

    The run's start is kept as a temporary table in the writer's DuckDB (``_run_known``: ids, hashes and
    what the reuse key reads, not the text), so a run compares its input with what was loaded before it,
    whatever it loads itself, as a snapshot in a Python dict did; but its memory is DuckDB's, within the
    writer's memory limit, not Python objects per loaded document (about 70 MB for the 1 GB corpus's
    168,000 articles, held through a re-run)."""

    def __init__(self, store: Store) -> None:
        self.connection = store.connection
        self.connection.execute(
            "CREATE OR REPLACE TEMP TABLE _run_known AS "
            "SELECT doc_id, text_hash, path, date, source, url FROM documents"
        )
        (count,) = self.connection.execute("SELECT count(*) FROM _run_known").fetchone() or (0,)
        self.empty = not count  # a new database: nothing to look up

    def lookup(self, documents: Sequence[Document]) -> dict[str, _Loaded]:
        """The loaded documents with the ids of ``documents``: doc_id -> what is known of it."""
        if not documents:
            return {}
        rows = self.connection.execute(
            "SELECT doc_id, text_hash, path, date, source, url FROM _run_known "
            "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
            [[document.doc_id for document in documents]],
        ).fetchall()
        return {
            doc_id: _Loaded(digest, path, _stored_key(doc_id, digest, date, source, url))
            for doc_id, digest, path, date, source, url in rows
        }

    def sources(self, digests: Iterable[str], live: bool = False) -> dict[ReuseKey, str]:
        """A loaded document for each reuse key of the loaded texts among ``digests``: key -> doc_id, the
        first loaded. One row per text, date and outlet, however many copies of it are loaded. ``live``:
        among the documents loaded now, this run's included, not only those loaded before it."""
        rows = self.connection.execute(
            "SELECT DISTINCT ON (text_hash, date, source, url) doc_id, text_hash, date, source, url "
            f"FROM {'main.documents' if live else '_run_known'} "
            "WHERE text_hash IN (SELECT unnest(?::VARCHAR[])) ORDER BY text_hash, date, source, url, rowid",
            [sorted(set(digests))],
        ).fetchall()
        found: dict[ReuseKey, str] = {}
        for doc_id, digest, date, source, url in rows:
            key = _stored_key(doc_id, digest, date, source, url)
            if key is not None:
                found.setdefault(key, doc_id)
        return found


def _stored_key(
    doc_id: str, digest: str | None, date: object, source: str | None, url: str | None
) -> ReuseKey | None:
    if digest is None:
        return None  # loaded before text_hash was stored
    return reuse_key(Document(doc_id, "", source=source, date=date, url=url), digest)  # type: ignore[arg-type]


def _chunks(items: Iterable[Document | Problem]) -> Iterator[list[Document | Problem]]:
    """The input a chunk at a time: LOOKUP_DOCUMENTS documents, or fewer holding LOOKUP_TEXT of text."""
    chunk: list[Document | Problem] = []
    documents = characters = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, Document):
            documents, characters = documents + 1, characters + len(item.text)
            if documents >= LOOKUP_DOCUMENTS or characters >= LOOKUP_TEXT:
                yield chunk
                chunk, documents, characters = [], 0, 0
    if chunk:
        yield chunk


def _fresh(
    items: Iterable[Document | Problem], known: _Known, reused: _Reuse, loader: _Loader
) -> Iterator[Document]:
    """The documents to analyse: not loaded before with the same text. Problems go to the loader. The
    loaded state is looked up a chunk at a time; the loaded articles with a text of the chunk not met yet
    in the run go to ``reused``, whose copies may take their figures."""
    for chunk in _chunks(items):
        documents = [item for item in chunk if isinstance(item, Document)]
        if known.empty and not reused.forgot:  # a new database, every key in memory: nothing to look up
            by_id: dict[str, _Loaded] = {}
            digests: dict[int, str] = {}
        else:
            digests = {id(document): text_hash(document.text) for document in documents}
            by_id = known.lookup(documents) if not known.empty else {}
        if digests and reused.enabled:  # texts not met yet (or forgotten): loaded under other ids?
            unmet = {
                digests[id(document)]
                for document in documents
                if reuse_key(document, digests[id(document)]) not in reused.keys
            }
            if unmet:
                reused.loaded(known.sources(unmet, live=reused.forgot))
        for item in chunk:
            if isinstance(item, Problem):
                loader.problem(item)
                continue
            loaded = by_id.get(item.doc_id)
            if loaded is not None:
                digest, path = loaded.digest, loaded.path
                if digest == digests.get(id(item)):
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
        chunk.clear()


# -- reusing the analysis of the same text ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Copy:
    """A document with the reuse key of one analysed before it in the run or loaded before the run."""

    document: Document
    key: ReuseKey


class _Reuse:
    """Which documents are copies, and their figures.

    ``marked`` runs before the analysis: a document whose key was seen earlier in the run, or is the key
    of a loaded document, goes on as a ``_Copy`` and is not analysed. ``resolved`` runs on the results,
    which come in input order, so the document a copy takes its figures from has its result by then:
    from the latest results kept here, else from the database (the loaded document, if its text, date and
    outlet are still the ones of the key), else (it was never loaded) the copy is analysed after all.
    The latest REUSE_KEYS keys are kept; one let go is found among the loaded articles when its text
    comes back (``_fresh``), so a copy of it is still a copy once the article it copies is loaded.
    """

    def __init__(self, store: Store, enabled: bool, limit: float | None, pipeline: str) -> None:
        self.store, self.limit, self.pipeline = store, limit, pipeline
        self.enabled = enabled
        # key -> id of a document that has (or will have) its figures: the latest REUSE_KEYS met
        self.keys: OrderedDict[ReuseKey, str] = OrderedDict()
        self.forgot = False  # keys were let go: the database is asked for them again (_fresh)
        self.latest: OrderedDict[ReuseKey, Analysed] = OrderedDict()
        self.count = 0

    def loaded(self, keys: dict[ReuseKey, str]) -> None:
        """Keys of loaded documents (``_Known.sources``) whose texts are in the input read so far."""
        if self.enabled:
            for key, doc_id in keys.items():
                if key not in self.keys:
                    self._remember(key, doc_id)

    def _remember(self, key: ReuseKey, doc_id: str) -> None:
        self.keys[key] = doc_id
        if len(self.keys) > REUSE_KEYS:
            self.keys.popitem(last=False)
            self.forgot = True

    def marked(self, documents: Iterable[Document]) -> Iterator[Document | _Copy]:
        for document in documents:
            if not self.enabled:
                yield document
                continue
            key = reuse_key(document)
            if key in self.keys:
                self.keys.move_to_end(key)
                yield _Copy(document, key)
            else:
                self._remember(key, document.doc_id)
                yield document

    def resolved(self, results: Iterable[tuple[Document | _Copy, Analysed | None]]) -> list[Analysed]:
        """The results of a batch, the copies' included; a failed document's copies fail the same way."""
        out: list[Analysed] = []
        for item, result in results:
            if isinstance(item, _Copy):
                result = self._copy(item)
            elif self.enabled and result is not None:
                self._keep(reuse_key(item), result)
            if result is not None:
                out.append(result)
        return out

    def _keep(self, key: ReuseKey, result: Analysed) -> None:
        self.latest[key] = result
        self.latest.move_to_end(key)
        if len(self.latest) > REUSE_CACHE:
            self.latest.popitem(last=False)

    def _copy(self, copy: _Copy) -> Analysed:
        document = copy.document
        kept = self.latest.get(copy.key)
        if kept is not None:
            self.count += not isinstance(kept, Problem)
            return copied(kept, document)
        source = self.keys.get(copy.key)
        if source is not None and self._still(source, copy.key):
            self.count += 1
            return document, rebranded(self.store.figures_of(source), source, document.doc_id)
        result = analyse_guarded([document], self.limit, self.pipeline)[0]
        if not isinstance(result, Problem):
            self._keep(copy.key, result)
        return result

    def _still(self, doc_id: str, key: ReuseKey) -> bool:
        """Whether document ``doc_id`` is loaded with the text, date and outlet of ``key``."""
        row = self.store.connection.execute(
            "SELECT text_hash, date, source, url FROM documents WHERE doc_id = ?", [doc_id]
        ).fetchone()
        return row is not None and _stored_key(doc_id, *row) == key


# -- analysing ----------------------------------------------------------------------------------------
def _analysed(
    items: Iterator[Document | _Copy], workers: int, limit: float | None, in_process_below: int, pipeline: str
) -> Iterator[list[tuple[Document | _Copy, Analysed | None]]]:
    """Each document with its result a batch at a time, in input order; copies pass through, not analysed."""
    head = list(itertools.islice(items, max(in_process_below, 1)))
    rest = itertools.chain(head, items)
    shapes: deque[list[Document | _Copy]] = deque()

    def documents() -> Iterator[list[Document]]:
        for batch in _batches(rest, TASK_SIZE):
            shapes.append(batch)
            yield [item for item in batch if isinstance(item, Document)]

    def merged(results: list[Analysed]) -> list[tuple[Document | _Copy, Analysed | None]]:
        batch = shapes.popleft()
        analysed = iter(results)
        return [(item, None if isinstance(item, _Copy) else next(analysed)) for item in batch]

    if workers <= 1 or sum(isinstance(item, Document) for item in head) < in_process_below:
        for batch in documents():
            yield merged(analyse_guarded(batch, limit, pipeline) if batch else [])
        return
    with WorkerPool(workers, limit, pipeline) as pool:
        for results in pool.analyse(documents()):
            yield merged(results)


def _batches(items: Iterable[Document | _Copy], size: int) -> Iterator[list[Document | _Copy]]:
    """Batches of ``size`` documents to analyse, with the copies between them (at most 8 x ``size``
    items, so that a long run of copies does not pile up)."""
    batch: list[Document | _Copy] = []
    documents = 0
    for item in items:
        batch.append(item)
        documents += isinstance(item, Document)
        if documents >= size or len(batch) >= 8 * size:
            yield batch
            batch, documents = [], 0
    if batch:
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
            self.store.load(documents, found, loaded, refresh=False)  # refreshed once, at the run's end
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
                self.store.load([document], figures_found, refresh=False)
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
