"""Progress of a long `figures extract` run on stderr, drawn by tqdm.

On a terminal: a bar over the input's bytes, with the articles, figures and problems so far, the rate and
the time left. Elsewhere (a log, a pipe, CI): a plain line every ``every`` seconds, so a log shows the run
is alive without a line per article. ``quiet`` draws nothing.

The extract loop (``figures.engine`` or the CLI) calls a ``Progress`` once per analysed document or
Problem, in input order: ``progress(result)``. The total is the size of the input files; a document
advances the bar by its text's size within its file, and finishing a file moves the bar to that file's
end, so compressed files and JSON overhead only make the estimate coarser, never wrong at a file's end.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from figures.model import Document, Figure, Problem

if TYPE_CHECKING:
    from tqdm import tqdm

EVERY_TERMINAL = 0.2  # seconds between redraws of the bar
EVERY_LOG = 10.0  # seconds between plain lines when stderr is not a terminal
EVERY_LOG_ENV = "FIGURES_PROGRESS_EVERY"  # another number of seconds between those lines, for a log's taste


def _every_log() -> float:
    """Seconds between plain lines: FIGURES_PROGRESS_EVERY when it is a number >= 0, else EVERY_LOG."""
    asked = os.environ.get(EVERY_LOG_ENV, "").strip()
    try:
        seconds = float(asked) if asked else EVERY_LOG
    except ValueError:
        return EVERY_LOG
    return seconds if seconds >= 0 and seconds == seconds else EVERY_LOG
_GZIP = ".gz"


def input_size(paths: Iterable[str], suffixes: Iterable[str]) -> int:
    """Bytes of the regular files `figures extract PATHS` reads: those with one of ``suffixes`` (or .gz)."""
    wanted = tuple(suffix.lower() for suffix in suffixes)

    def readable(path: Path) -> bool:
        name = path.name.lower().removesuffix(_GZIP)
        return name.endswith(wanted) and not path.name.startswith(".")

    total = 0
    for given in paths:
        path = Path(given)
        if path.is_file():
            total += path.stat().st_size
            continue
        for folder, folders, files in os.walk(path):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in files:
                file = Path(folder, name)
                if readable(file) and file.is_file():
                    total += file.stat().st_size
    return total


class Progress:
    """Counts what the run has done and shows it: a tqdm bar on a terminal, plain lines elsewhere."""

    def __init__(
        self,
        total_bytes: int | None = None,
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        every: float | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.total = total_bytes or None
        self.terminal = _is_terminal(self.stream)
        self.every = every if every is not None else (EVERY_TERMINAL if self.terminal else _every_log())
        self.documents = self.figures = self.problems = 0
        self.done = 0  # bytes of the files finished
        self._in_file = 0  # bytes of text read from the current file
        self._file: str | None = None
        self._file_size: int | None = None
        self.started = self._last = time.monotonic()
        self._lines = 0  # plain lines written
        self._bar: tqdm[Any] | None = None
        if not quiet and self.terminal:
            from tqdm import tqdm

            self._bar = tqdm(
                total=self.total,
                file=self.stream,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                mininterval=self.every,
                dynamic_ncols=True,
                leave=False,
                desc="extract",
            )

    @property
    def position(self) -> int:
        """Bytes of input done so far, as far as we can tell."""
        here = self.done + self._in_file
        return min(here, self.total) if self.total else here

    def __call__(self, result: tuple[Document, Sequence[Figure]] | tuple[Any, ...] | Problem) -> None:
        """One document analysed (with its figures, and maybe its entities), or one Problem, in order."""
        if isinstance(result, Problem):
            self.problems += 1
            self._advance(result.path, 0)
        else:
            document, found = result[0], result[1]
            self.documents += 1
            self.figures += len(found)
            self._advance(document.path, len(document.text.encode("utf-8", "replace")))
        self._show()

    def _advance(self, path: str | None, size: int) -> None:
        if path != self._file:
            if self._file is not None:  # that file is done: all of it, whatever its text added up to
                self.done += self._file_size if self._file_size is not None else self._in_file
            self._file, self._in_file, self._file_size = path, 0, _size(path)
        self._in_file += size
        if self._file_size is not None:
            self._in_file = min(self._in_file, self._file_size)

    def counts(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (
            f"{self.documents:,} articles, {self.figures:,} figures, {self.problems:,} problems, "
            f"{self.documents / elapsed:,.1f} articles/s"
        )

    def _show(self) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.set_postfix_str(self.counts(), refresh=False)
            self._bar.update(self.position - self._bar.n)
            return
        if time.monotonic() - self._last >= self.every:
            self._write_line()

    def _write_line(self) -> None:
        self._last = now = time.monotonic()
        self._lines += 1
        self.stream.write(f"{self.counts()}; {self.meter(now - self.started)}\n")
        self.stream.flush()

    def meter(self, elapsed: float) -> str:
        """tqdm's own words for bytes done, the rate and the time left."""
        from tqdm import tqdm

        return tqdm.format_meter(
            self.position, self.total, elapsed, unit="B", unit_scale=True, unit_divisor=1024, ncols=0
        )

    def close(self) -> None:
        """The end of the run: a log that had progress lines gets a last one, at the end of the input."""
        self._advance(None, 0)
        if self._lines and not self.quiet:
            self._write_line()
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _size(path: str | None) -> int | None:
    """A file's size on disk; None for what is no file (stdin, a document without a path)."""
    if not path:
        return None
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return None
