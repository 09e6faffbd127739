"""The `figures` command: a thin click layer over the library.

It parses options, calls the stages and the store, prints results, and is the only place where the
library's own errors (figures.errors) become click errors.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import multiprocessing
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
import pandas as pd

import figures
from figures import compare, ingest, pipeline
from figures.errors import FiguresError
from figures.ingest.decode import decode
from figures.ingest.records import read_jsonl
from figures.model import Document, Figure, Problem, text_id
from figures.store import EXPORT_FORMATS, Run, Store, open_store

DEFAULT_DB = "figures.duckdb"
OUTPUT_FORMATS = ("table", "csv", "json")
BATCH_SIZE = 200  # articles per transaction: a crash later in the run keeps every batch before it
JOB_SLICE = 64  # articles per worker handed out at a time by `extract --jobs`
PROGRESS_EVERY_TTY = 1.0  # seconds between progress lines on a terminal
PROGRESS_EVERY_LOG = 15.0  # and when stderr is a file: only long runs say anything
CELL_WIDTH = 60  # longer strings are cut in table output
SNIPPET_CONTEXT = 50  # characters of the sentence shown either side of a conflicting figure
# the contract fields `figures parse` shows as a table, leaving out empty columns but not PARSE_ALWAYS
PARSE_COLUMNS = (
    *("start", "end", "text", "value", "range", "unit", "qualifier", "noun", "low", "high", "vague", "group"),
    *("dimension", "usd_low", "usd_high", "fx_note", "subject", "property", "claimant", "time_scope"),
)
PARSE_ALWAYS = ("start", "end", "text", "value", "unit", "dimension")

F = TypeVar("F", bound=Callable[..., Any])


# -- shared options -----------------------------------------------------------------------------------
def db_option(command: F) -> F:
    return click.option(
        "--db",
        "db",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="The DuckDB database file.",
    )(command)


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    def decorate(command: F) -> F:
        return click.option(
            "--format",
            "output_format",
            type=click.Choice(choices),
            default=default,
            show_default=True,
            help="Output format.",
        )(command)

    return decorate


@contextmanager
def library_errors() -> Iterator[None]:
    """The library's own errors as click errors: a message and exit code 1, no traceback."""
    try:
        yield
    except FiguresError as error:
        raise click.ClickException(str(error)) from error


@contextmanager
def store_at(db: str, must_exist: bool = False) -> Iterator[Store]:
    with library_errors():
        store = open_store(db, must_exist=must_exist)
    try:
        yield store
    finally:
        store.close()


# -- output -------------------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    """A JSON-able Python value for one cell: NULL/NaN -> None, dates as ISO strings, numpy -> Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return _plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(key): _plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def _number(value: float) -> str:
    """Digits a reader can check against the article: 30,900,000 rather than 3.09e+07."""
    if math.isinf(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    if abs(value) >= 1e5:
        return f"{value:,.1f}"
    return f"{value:,.6g}"


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return f"{_number(float(value[0]))}–{_number(float(value[1]))}"  # a range
    text = " ".join(str(value).split())
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "(no rows)" if len(frame.columns) else ""
    shown = pd.DataFrame({str(column): [_cell(v) for v in frame[column]] for column in frame.columns})
    return shown.to_string(index=False)


def emit(frame: pd.DataFrame, output_format: str) -> None:
    if output_format == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
    elif output_format == "json":
        click.echo(json.dumps(records(frame), ensure_ascii=False, indent=1))
    else:
        click.echo(table(frame))


# -- the command group --------------------------------------------------------------------------------
@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(figures.__version__, prog_name="figures")
def main() -> None:
    """Pull every numeric figure out of news articles, load them into DuckDB, show the ones that disagree.

    Start with `figures extract seeds/`, then `figures conflicts` or `figures query`.
    """


# -- extract ------------------------------------------------------------------------------------------
class Progress:
    """A line on stderr now and then: often on a terminal, rarely in a log, never for a short run."""

    def __init__(self) -> None:
        self.every = PROGRESS_EVERY_TTY if sys.stderr.isatty() else PROGRESS_EVERY_LOG
        self.started = self.last = time.monotonic()

    def tick(self, documents: int, figures_found: int, problems: int) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            rate = documents / (now - self.started)
            click.echo(
                f"  {documents:,} articles, {figures_found:,} figures, {problems:,} problems "
                f"({rate:,.0f} articles/s)",
                err=True,
            )


def _analyse(item: Document | Problem) -> tuple[Document, list[Figure]] | Problem:
    """One article's figures, or the Problem that stopped it (passed through as it came)."""
    if isinstance(item, Problem):
        return item
    try:
        return item, pipeline.analyse(item)
    except FiguresError as error:
        return Problem(item.path or item.doc_id, item.line, f"analysis failed: {error}")


def analyse_all(
    items: Iterable[Document | Problem], jobs: int = 1
) -> Iterator[tuple[Document, list[Figure]] | Problem]:
    """Every article analysed, in input order; with ``jobs`` > 1, in that many worker processes.

    The input goes to the workers a slice at a time, so a large corpus is never all in memory.
    """
    if jobs == 1:
        yield from map(_analyse, items)
        return
    iterator = iter(items)
    # spawn, not fork: the parent holds a DuckDB connection and its threads
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        while chunk := list(itertools.islice(iterator, JOB_SLICE * jobs)):
            yield from pool.map(_analyse, chunk, chunksize=max(1, JOB_SLICE // 8))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option(
    "--separator",
    metavar="REGEX",
    help="A line matching REGEX separates articles in .txt files (default: lines reading `Source link`).",
)
@click.option(
    "--batch-size",
    default=BATCH_SIZE,
    show_default=True,
    type=click.IntRange(min=1),
    help="Articles loaded per transaction.",
)
@click.option(
    "-j",
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Processes that find figures in parallel (loading stays in one).",
)
@click.pass_context
def extract(
    ctx: click.Context, paths: Sequence[str], db: str, separator: str | None, batch_size: int, jobs: int
) -> None:
    """Read articles from PATHS (files or folders), find their figures and load them into the database.

    Reads .txt (several articles split by `Source link` lines), .jsonl/.json/.csv (columns id, title,
    text, date, source, url) and .html. Ends with a summary and the conflicts found. Exits with status 1
    if the input had problems (each is listed with its file and line), after loading everything else.
    """
    by_dimension: Counter[str] = Counter()
    problems: list[Problem] = []
    progress = Progress()

    def analysed() -> Iterator[tuple[Document, list[Figure]] | Problem]:
        documents = found_count = 0
        for result in analyse_all(ingest.read_paths(paths, separator=separator), jobs):
            if isinstance(result, Problem):
                problems.append(result)
            else:
                documents, found_count = documents + 1, found_count + len(result[1])
                by_dimension.update(figure.dimension for figure in result[1])
            yield result
            progress.tick(documents, found_count, len(problems))

    with store_at(db) as store:
        with library_errors():
            run = store.load_all(analysed(), Run.begin(paths, figures.__version__), batch_size)
        _summary(run, db, by_dimension)
        click.echo()
        _print_conflicts(compare.from_rows(conflict_rows(store)))

    if run.problems:
        click.echo(
            f"Error: {run.problems} problem(s) in the input (listed above); everything else is loaded.",
            err=True,
        )
        ctx.exit(1)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _summary(run: Run, db: str, by_dimension: Counter[str]) -> None:
    click.echo(
        f"Loaded {_count(run.documents, 'article')} and {_count(run.figures, 'figure')} into {db} "
        f"(run {run.run_id})."
    )
    if by_dimension:
        click.echo("Figures by dimension:")
        width = max(len(name) for name in by_dimension)
        for name, count in sorted(by_dimension.items(), key=lambda item: (-item[1], item[0])):
            click.echo(f"  {name:<{width}}  {count:>6,}")
    if run.messages:
        click.echo(f"Problems with the input ({run.problems}):")
        for message in run.messages:
            click.echo(f"  {message}")


# -- conflicts ----------------------------------------------------------------------------------------
def conflict_rows(store: Store) -> pd.DataFrame:
    """The `conflicts` view (figures/store/conflicts.sql): the one place conflicts are decided."""
    with library_errors():
        return store.query("SELECT * FROM conflicts")


def _interval(low: float | None, high: float | None) -> str:
    """An asserted interval as a reader says it; a missing end is unbounded ("at least 4")."""
    if low is None and high is None:
        return "?"
    if high is None:
        return f"≥ {_cell(low)}"
    if low is None:
        return f"≤ {_cell(high)}"
    return _cell(low) if low == high else f"{_cell(low)}–{_cell(high)}"


def _snippet(sentence: str, text: str, around: int = SNIPPET_CONTEXT) -> str:
    """The figure in its sentence, cut to a few words either side."""
    sentence = " ".join(sentence.split())
    at = max(sentence.find(text), 0)
    start, end = max(at - around, 0), min(at + len(text) + around, len(sentence))
    if start:  # whole words only
        start = sentence.find(" ", start, at) + 1 or start
    if end < len(sentence):
        end = sentence.rfind(" ", at + len(text), end) if " " in sentence[at + len(text) : end] else end
    return f"{'…' if start else ''}{sentence[start:end]}{'…' if end < len(sentence) else ''}"


def _describe(side: compare.Side, unit: str) -> list[str]:
    """Two lines for one side of a pair: its interval in the pair's unit and its article; its sentence."""
    hedge = f" ({side.qualifier})" if side.qualifier else ""
    where = " · ".join(_cell(value) for value in (side.title or side.doc_id, side.source, side.date) if value)
    stated = (("claimant", side.claimant), ("time scope", side.time_scope))
    said = "".join(f" · {label}: {value}" for label, value in stated if value)
    return [
        f"{side.text}{hedge} = {_interval(side.shown_low, side.shown_high)} {unit}".rstrip()
        + f"   {where}{said}",
        f"“{_snippet(side.sentence, side.text)}”",
    ]


def _print_conflicts(found: Sequence[compare.Conflict]) -> None:
    """The pairs grouped by subject and property, each side's interval in one unit, with its article."""
    if not found:
        click.echo("Conflicts: none found.")
        return
    click.echo(f"Conflicts ({len(found)}):")
    heading = None
    for pair in found:
        if (pair.subject, pair.property) != heading:
            heading = (pair.subject, pair.property)
            click.echo(f"\n  {pair.subject or '(no subject)'} · {pair.property or '(no property)'}")
        apart = [f"{_cell(pair.gap)} {pair.unit}".rstrip() + " apart"] if pair.gap is not None else []
        apart += [f"{pair.ratio:.3g}×"] if pair.ratio is not None else []
        click.echo(f"    {pair.kind}{': ' if apart else ''}{', '.join(apart)}")
        for label, side in (("a", pair.a), ("b", pair.b)):
            what, context = _describe(side, pair.unit)
            click.echo(f"      {label}  {what}")
            click.echo(f"         {context}")


@main.command()
@db_option
@format_option(*OUTPUT_FORMATS)
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(dir_okay=False),
    help="Also draw the disagreements into this image (.png, .svg or .pdf): one panel per subject.",
)
def conflicts(db: str, output_format: str, plot_path: str | None) -> None:
    """Figures that disagree: same subject and property, intervals that do not overlap.

    `--format json` gives one object per pair: {subject, property, kind, figures: [a, b]}.
    """
    with store_at(db, must_exist=True) as store:
        frame = conflict_rows(store)
        found = compare.from_rows(frame)
        if plot_path is not None:
            with library_errors():
                written = compare.plot_conflicts(found, plot_path)
            click.echo(f"Wrote the plot of {len(frame)} conflict(s) to {written}.", err=True)
        if output_format == "json":
            click.echo(json.dumps([pair.as_json() for pair in found], ensure_ascii=False, indent=1))
        elif output_format == "csv":
            emit(frame, "csv")
        else:
            _print_conflicts(found)


# -- parse --------------------------------------------------------------------------------------------
def _parse_rows(figures_found: Sequence[Figure]) -> pd.DataFrame:
    rows = [{key: figure.contract().get(key) for key in PARSE_COLUMNS} for figure in figures_found]
    shown = [key for key in PARSE_COLUMNS if key in PARSE_ALWAYS or any(row[key] for row in rows)]
    return pd.DataFrame(rows, columns=shown)


def _jsonl_input(source: str) -> Iterator[Document | Problem]:
    """The documents of a JSONL file (or standard input for `-`), read as `figures extract` reads .jsonl."""
    if source == "-":
        return read_jsonl("<stdin>", sys.stdin.read())
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise click.ClickException(f"{source}: cannot read the file ({error.strerror or error})") from error
    text = decode(source, data)
    return iter([text]) if isinstance(text, Problem) else read_jsonl(source, text)


@main.command()
@click.argument("text")
@format_option("table", "json", "jsonl")
@click.pass_context
def parse(ctx: click.Context, text: str, output_format: str) -> None:
    """Show the figures found in TEXT (`-` reads standard input).

    With `--format jsonl`, TEXT is a JSONL file (or `-`) of documents `{id, text}`, and the output is the
    prediction contract: one JSON object per figure, with doc_id set to the document's id.
    """
    if output_format == "jsonl":
        problems = 0
        for item in _jsonl_input(text):
            if isinstance(item, Problem):
                click.echo(str(item), err=True)
                problems += 1
                continue
            with library_errors():
                found = pipeline.analyse(item)
            for figure in found:
                click.echo(json.dumps(figure.contract(), ensure_ascii=False))
        if problems:
            click.echo(f"Error: {problems} problem(s) in the input (listed above).", err=True)
            ctx.exit(1)
        return
    if text == "-":
        text = sys.stdin.read()
    with library_errors():
        found = pipeline.analyse(Document(text_id(text), text))
    if output_format == "json":
        click.echo(json.dumps([figure.contract() for figure in found], ensure_ascii=False, indent=1))
    elif found:
        click.echo(table(_parse_rows(found)))
    else:
        click.echo("No figures found.")


# -- query and export ---------------------------------------------------------------------------------
@main.command()
@click.argument("sql")
@db_option
@format_option(*OUTPUT_FORMATS)
def query(sql: str, db: str, output_format: str) -> None:
    """Run one SQL statement on the database and print its result (`-` reads it from standard input).

    Tables: documents, figures, runs; views: figure_sources, figures_by_dimension, documents_summary,
    conflicts. Quote the columns named "end" and "group".
    """
    if sql == "-":
        sql = sys.stdin.read()
    with store_at(db, must_exist=True) as store, library_errors():
        frame = store.query(sql)
    emit(frame, output_format)


@main.command()
@db_option
@format_option(*EXPORT_FORMATS, default="csv")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="The file to write (default: standard output; parquet needs a file).",
)
@click.option(
    "--table",
    "relation",
    default="figures",
    show_default=True,
    help="The table or view to export (figures, documents, runs, figure_sources, ...).",
)
def export(db: str, output_format: str, output: str | None, relation: str) -> None:
    """Export a table or view as csv, jsonl or parquet."""
    if output is None and output_format == "parquet":
        raise click.UsageError("parquet is binary: give a file with -o/--output")
    with store_at(db, must_exist=True) as store, library_errors():
        if output is not None:
            store.export(output, output_format, relation)
            click.echo(f"Wrote {relation} to {output} ({output_format}).", err=True)
            return
        with tempfile.TemporaryDirectory() as folder:
            written = store.export(Path(folder) / f"export.{output_format}", output_format, relation)
            click.echo(written.read_text(encoding="utf-8"), nl=False)
