"""The `figures` command: a thin click layer over the library.

It parses options, calls the stages and the store, prints results, and is the only place where the
library's own errors (figures.errors) become click errors.

It starts fast: the stages (pint, spaCy), pandas and pyarrow are imported inside the commands that need
them, so `figures --help` loads only click, and `query`, `tables`, `schema`, `export` and `conflicts` add
DuckDB's compiled engine (figures.store.duck) and tabulate; `python -m benchmarks.startup` times them.
Rows print through figures.output, the same way in every command.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

import figures
from figures import output
from figures.errors import FiguresError

if TYPE_CHECKING:
    import pandas as pd

    from figures import compare
    from figures.model import Figure
    from figures.store import Run, Store

DEFAULT_DB = "figures.duckdb"
DB_ENV = "FIGURES_DB"  # the notebook reads the same variable
BATCH_SIZE = 200  # articles per transaction: a crash later in the run keeps every batch before it
TIME_LIMIT = 60.0  # figures.engine.TIME_LIMIT, written out so that the options do not import the engine
MEMORY_LIMIT = "384MB"  # figures.store.WRITER_MEMORY_LIMIT, written out likewise (a test checks)
# figures.store.EXPORT_FORMATS, written out so that the option list does not import duckdb (a test checks)
EXPORT_FORMATS = ("csv", "jsonl", "parquet")
EXTRACT_SHOWN = 10  # disagreements `extract` shows at its end; `figures conflicts` shows them all
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
        envvar=DB_ENV,
        show_envvar=True,
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


def limit_option(command: F) -> F:
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=None,
        help=f"Print at most N rows; 0 for all [default: {output.DEFAULT_LIMIT} in a table or markdown, "
        "all otherwise].",
        metavar="N",
    )(command)


@contextmanager
def library_errors() -> Iterator[None]:
    """The library's own errors as click errors: a message and exit code 1, no traceback."""
    try:
        yield
    except FiguresError as error:
        raise click.ClickException(str(error)) from error


@contextmanager
def store_at(
    db: str,
    write: bool = False,
    as_is: bool = False,
    export_folder: str | None = None,
    memory_limit: str | None = None,
) -> Iterator[Store]:
    """The store at ``db``: read-only (the file must exist; nothing in it changes), or for writing.

    ``as_is``: writing by hand (`query --write`) neither creates, upgrades nor re-makes views.
    ``export_folder``: the one folder a reader may write files into.
    ``memory_limit``: a writer's DuckDB memory (None: the store's WRITER_MEMORY_LIMIT).

    It waits as long as `figures --wait` says for another process that holds the file.
    """
    from figures.store import open_store

    context = click.get_current_context(silent=True)
    wait = (context.find_root().params.get("wait") or 0.0) if context is not None else 0.0
    with library_errors():
        store = open_store(
            db,
            read_only=not write,
            wait=wait,
            upgrade=not as_is,
            export_folder=export_folder,
            **({"memory_limit": memory_limit} if memory_limit is not None else {}),
        )
    try:
        yield store
    finally:
        store.close()


# -- output -------------------------------------------------------------------------------------------
def print_rows(result: output.Rows, output_format: str, limit: int | None) -> None:
    """Rows on standard output; a table stops at the default limit, and says how many rows it left out."""
    if limit == 0:
        limit = None
    elif limit is None and output_format in output.HUMAN_FORMATS:
        limit = output.DEFAULT_LIMIT
    # on a terminal a table keeps to its width, as the duckdb CLI does; piped, it is whole
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    more = output.write(result, output_format, sys.stdout, limit, width)
    if more and output_format not in output.HUMAN_FORMATS:
        click.echo(output.rows_note(more), err=True)


def frame_rows(frame: pd.DataFrame) -> output.Rows:
    """A DataFrame's rows, for the commands whose library call gives one."""
    return output.Rows(tuple(str(c) for c in frame.columns), frame.itertuples(index=False, name=None))


def cursor_rows(result: Any) -> output.Rows:
    """A DuckDB result's rows, fetched in chunks as they are printed (no pandas)."""
    if result.description is None:  # a statement that returns nothing
        return output.Rows((), iter(()))
    return output.Rows(tuple(column[0] for column in result.description), output.chunks(result))


def _cell(value: Any) -> str:
    return output.cell(value)


# -- the command group --------------------------------------------------------------------------------
@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(figures.__version__, prog_name="figures")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0.0,
    envvar="FIGURES_WAIT",
    show_envvar=True,
    metavar="SECONDS",
    help="Wait this long for a database another process holds (DuckDB lets one process write a file, "
    "or many read it, never both), then fail saying so [default: 0, fail at once].",
)
def main(wait: float) -> None:
    """Pull every numeric figure out of news articles, load them into DuckDB, show the ones that disagree.

    Start with `figures extract seeds/`, then `figures conflicts` or `figures query`. The database is
    `figures.duckdb`, or FIGURES_DB, or --db.
    """


# -- extract ------------------------------------------------------------------------------------------
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
    "--workers",
    "--jobs",
    "workers",
    default=os.cpu_count() or 1,
    show_default="the machine's cores",
    type=click.IntRange(min=1),
    help="Processes that analyse articles in parallel (loading stays in one; 1: all in this process).",
)
@click.option(
    "--time-limit",
    default=TIME_LIMIT,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds one article may take; a slower one is stopped and listed as a problem.",
)
@click.option(
    "--memory-limit",
    default=MEMORY_LIMIT,
    show_default=True,
    metavar="SIZE",
    help="The most memory DuckDB takes to write the database (e.g. 1GB); past it, it spills to DB.tmp.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: analyse on a Dask cluster and write Parquet to --out (load it with `figures load`).",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler (default: a local cluster)."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="With --engine dask: a new folder for the Parquet files (documents/, figures/, runs/).",
)
@click.pass_context
def extract(
    ctx: click.Context,
    paths: Sequence[str],
    db: str,
    separator: str | None,
    batch_size: int,
    workers: int,
    time_limit: float,
    memory_limit: str,
    quiet: bool,
    engine_name: str,
    scheduler: str | None,
    out: str | None,
) -> None:
    """Read articles from PATHS (files or folders), find their figures and load them into the database.

    Reads .txt (several articles split by `Source link` lines), .jsonl/.json/.csv (columns id, title,
    text, date, source, url) and .html. Shows progress on stderr (a bar on a terminal, a line every few
    seconds in a log). Ends with a summary and the conflicts found. Exits with status 1 if the input had
    problems (each is listed with its file and line), after loading everything else.
    """
    from figures import compare, engine, ingest
    from figures.progress import Progress, input_size

    try:  # a typo in a path is a usage error, found before the database is created or opened
        ingest.check_paths(paths)
    except FiguresError as error:
        raise click.UsageError(str(error)) from error
    if engine_name == "dask":
        _extract_on_dask(ctx, paths, out, scheduler, workers, separator, time_limit)
        return
    if out is not None or scheduler is not None:
        raise click.UsageError("--out and --scheduler go with --engine dask")
    progress = Progress(input_size(paths, ingest.SUFFIXES), quiet=quiet)
    interrupted: engine.Interrupted | None = None
    with store_at(db, write=True, memory_limit=memory_limit) as store:
        with progress, library_errors():
            try:
                outcome = engine.extract(
                    store,
                    paths,
                    separator=separator,
                    workers=workers,
                    batch_size=batch_size,
                    time_limit=time_limit,
                    progress=progress,
                )
            except engine.Interrupted as stop:
                interrupted = stop
        if interrupted is not None:  # one line saying what was loaded, not click's "Aborted!"
            click.echo(str(interrupted), err=True)
            ctx.exit(130)
        run = outcome.run
        _summary(run, db, Counter(outcome.by_dimension), outcome.skipped, outcome.reused)
        for note in outcome.notes:  # files decoded from another encoding, skipped, read twice
            click.echo(f"Input: {note}")
        click.echo()
        with library_errors():  # a count and the first few rows of the stored table: bounded at any size
            total = compare.count_disagreements(store)
            found = compare.find_disagreements(store, limit=EXTRACT_SHOWN)
        _print_disagreements(found, total)
        if total > EXTRACT_SHOWN:
            click.echo(f"\n`figures conflicts --db {db}` shows them all.")

    if run.problems:
        click.echo(
            f"Error: {run.problems} problem(s) in the input (listed above); everything else is loaded.",
            err=True,
        )
        ctx.exit(1)


def _extract_on_dask(
    ctx: click.Context, paths: Sequence[str], out: str | None, scheduler: str | None, workers: int,
    separator: str | None, time_limit: float,
) -> None:  # fmt: skip
    from figures.engine import cluster

    if out is None:
        raise click.UsageError("--engine dask writes Parquet: give a new folder with --out")
    with library_errors():
        done = cluster.extract_to_parquet(
            paths, out, scheduler=scheduler, workers=workers, separator=separator, time_limit=time_limit
        )
    run = done.run
    click.echo(
        f"Wrote {_count(run.documents, 'article')} and {_count(run.figures, 'figure')} to {out} as Parquet "
        f"in {_count(done.parts, 'part')} (run {run.run_id}); `figures load {out}` brings them into DuckDB."
    )
    if run.messages:
        click.echo(f"Problems with the input ({run.problems}):")
        for message in run.messages:
            click.echo(f"  {message}")
        ctx.exit(1)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
def load(folder: str, db: str) -> None:
    """Load the Parquet FOLDER of `figures extract --engine dask --out FOLDER` into the database.

    Loading the same folder again changes nothing: each document replaces itself and its figures.
    """
    from figures.engine import cluster

    with store_at(db, write=True) as store, library_errors():
        loaded = cluster.load_parquet(store, folder)
    click.echo(
        f"Loaded {_count(loaded.documents, 'article')} and {_count(loaded.figures, 'figure')} from {folder} "
        f"into {db}."
    )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _summary(run: Run, db: str, by_dimension: Counter[str], unchanged: int = 0, reused: int = 0) -> None:
    skipped = f"; {_count(unchanged, 'article')} unchanged since loaded, skipped" if unchanged else ""
    copies = f"; {reused:,} of them copies of another article's text, not analysed again" if reused else ""
    click.echo(
        f"Loaded {_count(run.documents, 'article')} and {_count(run.figures, 'figure')} into {db} "
        f"(run {run.run_id}){copies}{skipped}."
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
CLAIMS_SHOWN = 3  # figures shown per cluster in the text output; the rest are counted


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


def _articles(articles: int, copies: int) -> str:
    said = _count(articles, "article")
    return said + (f" ({copies:,} copies)" if copies > articles else "")


def _describe(claim: compare.Claim) -> list[str]:
    """Two lines for one figure of a cluster: as written, with its article and claimant; its sentence."""
    hedge = f" ({claim.qualifier})" if claim.qualifier else ""
    where = " · ".join(_cell(v) for v in (claim.title or claim.doc_id, claim.source, claim.date) if v)
    stated = (("claimant", claim.claimant), ("time scope", claim.time_scope))
    said = "".join(f" · {label}: {value}" for label, value in stated if value)
    copies = f" · {claim.copies:,} copies" if claim.copies > 1 else ""
    return [f"{claim.text}{hedge}   {where}{said}{copies}", f"“{_snippet(claim.sentence, claim.text)}”"]


def _print_disagreements(found: Sequence[compare.Disagreement], total: int | None = None) -> None:
    """One block per disagreement: its group, then each cluster's interval, articles and figures."""
    total = len(found) if total is None else total
    if not found:
        click.echo("Disagreements: none found.")
        return
    click.echo(f"Disagreements ({total:,}{f', the first {len(found):,}' if total > len(found) else ''}):")
    for disagreement in found:
        what = f"{disagreement.name() or '(no subject)'} · "
        what += disagreement.property or "(no property)"
        when = f" · {disagreement.time_scope}" if disagreement.time_scope else ""
        apart = f", {disagreement.spread:.3g}× apart" if disagreement.spread else ""
        click.echo(f"\n  {what}{when}  ({disagreement.kind.replace('_', ' ')}{apart})")
        for cluster in disagreement.clusters:
            claimants = f" · {', '.join(cluster.claimants)}" if cluster.claimants else ""
            interval = f"{_interval(cluster.low, cluster.high)} {cluster.unit}".rstrip()
            click.echo(f"    {interval}   {_articles(cluster.articles, cluster.copies)}{claimants}")
            for claim in cluster.claims[:CLAIMS_SHOWN]:
                what_said, context = _describe(claim)
                click.echo(f"      {what_said}")
                click.echo(f"        {context}")
            if len(cluster.claims) > CLAIMS_SHOWN:
                click.echo(f"      … and {len(cluster.claims) - CLAIMS_SHOWN:,} more")


def _disagreement_rows(found: Sequence[compare.Disagreement]) -> output.Rows:
    """One row per figure of every cluster, beside its disagreement and cluster: for csv, tsv, markdown."""
    rows = []
    for disagreement in found:
        head = disagreement.as_json()
        for number, cluster in enumerate(disagreement.clusters, 1):
            for claim in cluster.claims:
                rows.append(
                    {
                        **{
                            key: head[key]
                            for key in ("id", "kind", "entity", "entity_name", "subject", "property")
                        },
                        "time_scope": disagreement.time_scope,
                        "cluster": number,
                        "cluster_low": cluster.low,
                        "cluster_high": cluster.high,
                        "cluster_unit": cluster.unit,
                        "cluster_articles": cluster.articles,
                        "cluster_copies": cluster.copies,
                        **claim.as_json(),
                    }
                )
    columns = tuple(rows[0]) if rows else ("id", "kind", "entity", "subject", "property", "cluster", "text")
    return output.Rows(columns, [tuple(row.get(name) for name in columns) for row in rows])


@main.command()
@db_option
@format_option(*output.FORMATS)
@click.option("--entity", help="Only the disagreements about this entity (its id or its name; any case).")
@click.option("--property", "property_name", help="Only those about this property (range, loan, ...).")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Show the first N disagreements (largest first); 0 or none for all.",
)
@click.option(
    "--parquet",
    "parquet_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Read a Parquet dataset instead of --db: a folder holding figures/ and documents/ "
    "(or figures.parquet and documents.parquet).",
)
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(dir_okay=False),
    help="Also draw the disagreements into this image (.png, .svg or .pdf): one panel each.",
)
def conflicts(
    db: str,
    output_format: str,
    entity: str | None,
    property_name: str | None,
    limit: int | None,
    parquet_dir: str | None,
    plot_path: str | None,
) -> None:
    """Figures that disagree: claims about one entity, property and time whose values fall apart.

    Each disagreement is shown once, largest first (most articles, then widest apart): each cluster of
    agreeing claims with its interval, its figures, how many articles say it (copies of one story once,
    with the number of copies) and who says so. `--format json` gives one object per disagreement:
    {entity, subject, property, time_scope, kind, clusters: [{low, high, unit, figures, articles,
    sources, copies, claimants}]}; jsonl the same a line each; csv, tsv and markdown one row per figure.
    """
    from figures import compare

    with library_errors():
        if parquet_dir is not None:
            source = compare.open_parquet(*_parquet_paths(Path(parquet_dir)))
            try:  # computed from the Parquet: every one found once, then cut
                found = compare.find_disagreements(source, entity, property_name)
            finally:
                source.close()
            total, found = len(found), found[:limit] if limit else found
        else:  # the stored rows: a count, and only the rows shown
            with store_at(db) as store:
                found = compare.find_disagreements(store, entity, property_name, limit or None)
                total = compare.count_disagreements(store, entity, property_name) if limit else len(found)
        if plot_path is not None:
            written = compare.plot_disagreements(found, plot_path)
            click.echo(f"Wrote the plot of {_count(len(found), 'disagreement')} to {written}.", err=True)
    if output_format == "json":
        click.echo(json.dumps([d.as_json() for d in found], ensure_ascii=False, indent=1, default=str))
    elif output_format == "jsonl":
        for disagreement in found:
            click.echo(json.dumps(disagreement.as_json(), ensure_ascii=False, default=str))
    elif output_format == "table":
        _print_disagreements(found, total)
    else:
        print_rows(_disagreement_rows(found), output_format, 0)


def _parquet_paths(folder: Path) -> tuple[Path, Path]:
    """The figures and documents of a Parquet dataset: subfolders (a Dask run) or files (an export)."""
    for figures_at, documents_at in (
        (folder / "figures", folder / "documents"),
        (folder / "figures.parquet", folder / "documents.parquet"),
    ):
        if figures_at.exists() and documents_at.exists():
            return figures_at, documents_at
    raise click.ClickException(
        f"{folder} holds no figures/ and documents/ (nor figures.parquet and documents.parquet)"
    )


# -- parse --------------------------------------------------------------------------------------------
def _parse_rows(figures_found: Sequence[Figure], every_column: bool) -> output.Rows:
    """The figures as rows of contract fields; a table leaves out the columns empty for every figure."""
    contracts = [figure.contract() for figure in figures_found]
    if every_column:
        columns = tuple(contracts[0]) if contracts else PARSE_COLUMNS
    else:
        columns = tuple(
            key for key in PARSE_COLUMNS if key in PARSE_ALWAYS or any(row.get(key) for row in contracts)
        )
        if len({figure.doc_id for figure in figures_found}) > 1:  # a file of several documents
            columns = ("doc_id", *columns)
    return output.Rows(columns, [tuple(row.get(key) for key in columns) for row in contracts])


@main.command()
@click.argument("text")
@format_option(*output.FORMATS)
@click.pass_context
def parse(ctx: click.Context, text: str, output_format: str) -> None:
    """Show the figures found in TEXT, or in the file TEXT names (`-` reads standard input).

    A file is read as `extract` reads it; any other file, and standard input, is JSONL of documents
    `{id, text}` if its first line is one, else plain text. With `--format jsonl` the output is the
    prediction contract: one JSON object per figure, with doc_id set to the document's id. csv and tsv
    give every field of the contract; a table only the fields some figure has.
    """
    from figures import ingest, pipeline
    from figures.model import Problem

    with library_errors():
        reading = ingest.read_parse_input(text)
    problems = 0
    found: list[Figure] = []
    for item in reading:
        if isinstance(item, Problem):
            click.echo(str(item), err=True)
            problems += 1
            continue
        with library_errors():
            in_document = pipeline.analyse(item)
        if output_format == "jsonl":
            for figure in in_document:
                click.echo(json.dumps(figure.contract(), ensure_ascii=False))
        else:
            found.extend(in_document)
    if output_format == "json":
        click.echo(json.dumps([figure.contract() for figure in found], ensure_ascii=False, indent=1))
    elif found or output_format not in output.HUMAN_FORMATS:
        print_rows(_parse_rows(found, output_format not in output.HUMAN_FORMATS), output_format, 0)
    else:
        click.echo("No figures found.")
    if problems:
        click.echo(f"Error: {problems} problem(s) in the input (listed above).", err=True)
        ctx.exit(1)


# -- query, tables, schema, export --------------------------------------------------------------------
@main.command()
@click.argument("sql")
@click.option(
    "-p",
    "--param",
    "parameters",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="A value for the placeholder $NAME in SQL (repeat for more). DuckDB casts it to the type the "
    "statement needs; cast it yourself where it cannot tell ($n::INTEGER).",
)
@click.option(
    "--write",
    is_flag=True,
    help="Allow statements that change the database (INSERT, UPDATE, CREATE, ...); they are refused "
    "without it, and the database is opened read-only.",
)
@db_option
@format_option(*output.FORMATS)
@limit_option
def query(
    sql: str,
    parameters: Sequence[tuple[str, str]],
    write: bool,
    db: str,
    output_format: str,
    limit: int | None,
) -> None:
    """Run SQL on the database and print the result of its last statement (`-` reads standard input).

    Tables: documents, figures, entities, runs; views: figure_sources, figures_by_dimension,
    documents_summary, subjects, claims, claim_clusters, disagreements, conflict_pairs (`figures tables`
    lists them, `figures schema` their columns).
    Quote the columns named "end" and "group". A table shows the first 50 rows (--limit); csv, tsv, json
    and jsonl all. The database is opened read-only, with no access to other files, extensions or the
    network; a statement that would write is refused unless --write is given.
    """
    if sql == "-":
        sql = sys.stdin.read()
    named = dict(parameters)
    if len(named) < len(parameters):
        raise click.UsageError("a parameter is given twice with -p")
    with store_at(db, write=write, as_is=True) as store, library_errors():
        print_rows(cursor_rows(store.execute(sql, named or None, write=write)), output_format, limit)


_RELATIONS = """
    SELECT table_name AS name, 'table' AS type, comment
    FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
    UNION ALL
    SELECT view_name, 'view', comment
    FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
    ORDER BY type, name
"""
_COLUMNS = """
    SELECT table_name AS "table", column_name AS "column", data_type AS type, comment
    FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'
    AND (len($names) = 0 OR list_contains($names, table_name))
    ORDER BY table_name, column_index
"""


@main.command()
@db_option
@format_option(*output.FORMATS)
@limit_option
def tables(db: str, output_format: str, limit: int | None) -> None:
    """List the tables and views of the database, with the rows of each table and what it holds."""
    with store_at(db) as store, library_errors():
        found = []
        for name, kind, comment in store.execute(_RELATIONS).fetchall():
            # a view's rows are not counted: `disagreements` is a whole query to run
            count = store.execute(f'SELECT count(*) FROM "{name}"').fetchone() if kind == "table" else None
            found.append((name, kind, count[0] if count else None, comment))
        result = output.Rows(("name", "type", "rows", "comment"), found)
        print_rows(result, output_format, limit if limit is not None else 0)


@main.command()
@click.argument("names", nargs=-1)
@db_option
@format_option(*output.FORMATS)
@limit_option
@click.option("--sql", "as_sql", is_flag=True, help="Print the CREATE statements instead.")
def schema(db: str, names: Sequence[str], output_format: str, limit: int | None, as_sql: bool) -> None:
    """The columns of the tables and views NAMES (all of them by default): type and what each holds."""
    with store_at(db) as store, library_errors():
        known = {name for (name,) in store.execute(f"SELECT name FROM ({_RELATIONS})").fetchall()}
        missing = [name for name in names if name not in known]
        if missing:
            there = ", ".join(sorted(known))
            raise click.BadParameter(
                f"no table or view named {', '.join(map(repr, missing))} (there are {there})",
                param_hint="NAMES",
            )
        if as_sql:
            statements = store.execute(
                "SELECT sql FROM (SELECT table_name AS name, sql FROM duckdb_tables() UNION ALL "
                "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal) "
                "WHERE len($names) = 0 OR list_contains($names, name) ORDER BY name",
                {"names": list(names)},
            ).fetchall()
            click.echo("\n\n".join(statement.strip() for (statement,) in statements))
            return
        result = store.execute(_COLUMNS, {"names": list(names)})
        print_rows(cursor_rows(result), output_format, limit if limit is not None else 0)


@main.command()
@db_option
@format_option(*EXPORT_FORMATS, default="csv")
@click.option(
    "-o",
    "--output",
    "target",
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
def export(db: str, output_format: str, target: str | None, relation: str) -> None:
    """Export a table or view as csv, jsonl or parquet."""
    import tempfile

    if target is None and output_format == "parquet":
        raise click.UsageError("parquet is binary: give a file with -o/--output")
    folder = Path(target).resolve().parent if target is not None else None
    if folder is not None and not folder.is_dir():
        raise click.ClickException(f"no folder {folder} to write {target} in")
    # DuckDB writes the file (COPY) into a new folder beside the target, the one place the read-only
    # store may write; the finished file then replaces the target, so a failed export leaves it as it was
    with tempfile.TemporaryDirectory(prefix=".figures-export-", dir=folder) as scratch:
        written = Path(scratch) / f"export.{output_format}"
        with store_at(db, export_folder=scratch) as store, library_errors():
            store.export(written, output_format, relation)
        if target is None:
            sys.stdout.flush()
            with written.open("rb") as rows:
                shutil.copyfileobj(rows, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        try:
            os.replace(written, target)
        except OSError as error:
            raise click.ClickException(f"cannot write {target}: {error.strerror or error}") from error
    click.echo(f"Wrote {relation} to {target} ({output_format}).", err=True)
