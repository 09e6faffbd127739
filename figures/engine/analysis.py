"""One batch of documents through the pipeline, where no document can take the others down.

``analyse_documents`` first runs the whole batch at once (``pipeline.analyse_batch``: one parse for all
its sentences); if that raises, it runs the documents one by one, and a document that still raises
becomes a Problem with its file, line and the exception's one-line message. The same functions run in
the main process and in the worker processes of ``figures.engine.workers``.

Documents of one batch with the same text (and date and outlet: ``figures.pipeline.reuse_key``) are
analysed once; the others take the first one's figures under their own id (``copied``).

The time guard here is for the process that analyses: SIGALRM interrupts a document that runs past its
limit in the main thread (Unix); in another thread (a Dask worker's) a timer raises the same exception
in it; where neither works the time is checked afterwards and reported. Worker processes are guarded
from outside instead, by the parent killing the worker.
"""

from __future__ import annotations

import ctypes
import importlib
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

from figures.model import Document, Figure, Problem

PIPELINE = "figures.pipeline"  # the module whose analyse (and analyse_batch, if it has one) runs
# A batch may take this many times one document's limit before it is redone one document at a time:
# a batch of slow but honest documents on a busy machine should not pay for a redo
BATCH_GRACE = 4

Analysed = tuple[Document, list[Figure]] | Problem


class _OverTime(BaseException):
    """Raised by the alarm: a BaseException, so that no `except Exception` in the pipeline swallows it."""


def _module(pipeline: str) -> ModuleType:
    """The pipeline by module name: a name is what a worker process can be told to import."""
    return importlib.import_module(pipeline)


def _batch_analyser(pipeline: str) -> Callable[[Sequence[Document]], list[list[Figure]]]:
    module = _module(pipeline)
    batched = getattr(module, "analyse_batch", None)
    if batched is not None:
        return batched  # type: ignore[no-any-return]
    return lambda documents: [module.analyse(document) for document in documents]


def one_line(error: BaseException) -> str:
    """The exception as one line: its type and the first line of its message."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__


def where(document: Document) -> str:
    return document.path or document.doc_id


def failed(document: Document, message: str) -> Problem:
    return Problem(where(document), document.line, f"document {document.doc_id!r}: {message}")


def over_time(document: Document, limit: float) -> Problem:
    return failed(document, f"analysis took more than {limit:g} s and was stopped; skipped")


def checked(document: Document, found: list[Figure]) -> list[Figure]:
    """The figures, if every one keeps its provenance; else ValueError (the store would refuse the batch)."""
    for figure in found:
        if figure.doc_id != document.doc_id or document.text[figure.start : figure.end] != figure.text:
            raise ValueError(
                f"figure {figure.text!r} at {figure.start}:{figure.end} does not match the document's text"
            )
    return found


def analyse_one(document: Document, pipeline: str = PIPELINE) -> Analysed:
    try:
        return document, checked(document, _module(pipeline).analyse(document))
    except Exception as error:  # noqa: BLE001 -- any failure is this document's problem, not the run's
        return failed(document, f"analysis failed: {one_line(error)}")


def analyse_together(documents: Sequence[Document], pipeline: str = PIPELINE) -> list[Analysed] | None:
    """The batch in one go, or None if anything in it raised (then run them one by one)."""
    try:
        found = _batch_analyser(pipeline)(documents)
        pairs = zip(documents, found, strict=True)
        return [(document, checked(document, figures_found)) for document, figures_found in pairs]
    except Exception:  # noqa: BLE001 -- the one-by-one pass finds which document it was
        return None


def copied(source: Analysed, document: Document) -> Analysed:
    """``document``'s result, given the result of a document with the same reuse key."""
    from figures.pipeline import rebranded

    if isinstance(source, Problem):
        return failed(document, f"same text as another document, whose analysis failed ({source.message})")
    analysed, found = source
    return document, rebranded(found, analysed.doc_id, document.doc_id)


def once_per_text(
    documents: Sequence[Document], analyse: Callable[[Sequence[Document]], list[Analysed]]
) -> list[Analysed]:
    """``analyse`` run on the batch's distinct documents (by reuse key); the copies' results are copied."""
    from figures.pipeline import ReuseKey, reuse_key

    first: dict[ReuseKey, int] = {}
    distinct: list[Document] = []
    slots = []
    for document in documents:
        slot = first.setdefault(reuse_key(document), len(distinct))
        if slot == len(distinct):
            distinct.append(document)
        slots.append(slot)
    if len(distinct) == len(documents):
        return analyse(documents)
    results = analyse(distinct)
    return [
        results[slot] if distinct[slot] is document else copied(results[slot], document)
        for document, slot in zip(documents, slots, strict=True)
    ]


def analyse_documents(documents: Sequence[Document], pipeline: str = PIPELINE) -> list[Analysed]:
    return once_per_text(documents, lambda distinct: _analyse_documents(distinct, pipeline))


def _analyse_documents(documents: Sequence[Document], pipeline: str) -> list[Analysed]:
    together = analyse_together(documents, pipeline)
    return together if together is not None else [analyse_one(document, pipeline) for document in documents]


# -- the in-process time guard ------------------------------------------------------------------------
def _can_signal() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _can_alarm() -> bool:
    return _can_signal() or hasattr(ctypes, "pythonapi")  # CPython can raise in another thread


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    if not _can_signal():  # a thread of its own, as a Dask worker runs its tasks in
        with _thread_alarm(seconds):
            yield
        return

    def ring(signum: int, frame: object) -> None:
        raise _OverTime

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_alarm(seconds: float, again: float = 0.25) -> Iterator[None]:
    """_OverTime raised in this thread after ``seconds``, by a timer thread (CPython's async exception).

    It lands at the thread's next Python instruction, so it stops Python code (the link stage, where
    issue 10's slow documents were) but not one long native call. It is raised again every ``again``
    seconds until the block ends, since code that swallows exceptions (a gc callback) may take one. It
    never lands after the block: the timer and the block's end take one lock, and a ring the block has
    not yet seen is received at its end and raised there.
    """
    target, raised = ctypes.c_ulong(threading.get_ident()), ctypes.py_object(_OverTime)
    lock, ended = threading.Lock(), threading.Event()
    state = {"done": False, "rang": False}

    def ring() -> None:
        wait = seconds
        while not ended.wait(wait):
            with lock:
                if state["done"]:
                    return
                state["rang"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, raised)
            wait = again

    threading.Thread(target=ring, name="figures-time-limit", daemon=True).start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        ended.set()
        if state["rang"]:
            _absorb_pending_ring()
    if state["rang"]:
        raise _OverTime


def _absorb_pending_ring() -> None:
    """Take a ring set but not yet delivered, so none lands after the block.

    Never clear it with ``PyThreadState_SetAsyncExc(id, NULL)``: CPython 3.11 then leaves the
    interpreter's pending-exception flag set with no exception behind it, and every thread runs the
    slow path of the eval loop from then on (the process slowed by orders of magnitude). A pending
    exception is delivered at the next backward jump, so a short loop receives it.
    """
    try:
        for _ in range(64):
            pass
    except _OverTime:
        pass


def analyse_guarded(
    documents: Sequence[Document], limit: float | None, pipeline: str = PIPELINE
) -> list[Analysed]:
    """``analyse_documents`` in this process, with a document stopped after ``limit`` seconds.

    The batch gets ``limit`` x BATCH_GRACE seconds in all; past that, each document gets ``limit`` on its own,
    and one that runs past it becomes a Problem. Where no alarm can be set, a document is only reported
    as over time after it ends (its figures are dropped all the same, so a run's result does not depend on
    the thread it ran in).
    """
    return once_per_text(documents, lambda distinct: _analyse_guarded(distinct, limit, pipeline))


def _analyse_guarded(documents: Sequence[Document], limit: float | None, pipeline: str) -> list[Analysed]:
    if limit is None:
        return _analyse_documents(documents, pipeline)
    if not _can_alarm():
        return [_timed_after(document, limit, pipeline) for document in documents]
    try:
        with _alarm(limit * BATCH_GRACE):
            together = analyse_together(documents, pipeline)
        if together is not None:
            return together
    except _OverTime:
        pass
    results: list[Analysed] = []
    for document in documents:
        result: Analysed
        try:
            with _alarm(limit):
                result = analyse_one(document, pipeline)
        except _OverTime:
            result = over_time(document, limit)
        results.append(result)
    return results


def _timed_after(document: Document, limit: float, pipeline: str) -> Analysed:
    started = time.monotonic()
    result = analyse_one(document, pipeline)
    return over_time(document, limit) if time.monotonic() - started > limit else result
