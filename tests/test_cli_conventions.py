"""The command line's conventions (issue 9), as sqlite-utils and the duckdb CLI have them.

Output formats on every command that prints rows, NULL shown as such, ISO dates, a row limit for tables
with a note of what was left out, long cells cut in tables and whole in csv/json, `-p` parameters,
`tables` and `schema`, FIGURES_DB, exit status 2 for usage errors, progress on stderr, and a start-up that
loads no heavy library for the commands that only read.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from figures import output, store
from figures.cli import EXPORT_FORMATS, main
from figures.model import Document, Figure
from figures.progress import Progress
from figures.store import open_store

ROOT = Path(__file__).resolve().parents[1]
# what a command that only reads the database never loads: the analysis stages' libraries, pandas and Arrow
HEAVY = (
    *("pandas", "numpy", "pyarrow", "pint", "spacy", "tqdm", "charset_normalizer", "trafilatura", "lxml"),
    *("currency_converter", "gender_guesser", "matplotlib", "dask", "distributed"),
)
# and none of figures' own analysis stages
STAGES = ("figures.extract", "figures.normalise", "figures.link", "figures.pipeline", "figures.ingest")
LONG = "Russia fired nine Iskander-M ballistic missiles and 62 attack drones " * 4  # 280 characters
# one row of each kind of cell: a date, a timestamp, a NULL, a number, a long text, a list
CELLS_SQL = (
    "SELECT DATE '2025-10-14' AS day, TIMESTAMP '2025-10-14 09:30:00' AS at, NULL AS nothing, "
    f"1600.5 AS km, '{LONG}' AS long_text, ['a', 'b'] AS tags"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with the schema, a dated article and one figure of it."""
    path = tmp_path / "f.duckdb"
    text = "The Tomahawk has a range of 1,600 km."
    article = Document("tomahawk", text, title="Tomahawks", date=dt.date(2025, 10, 14))
    figure = Figure("tomahawk", 28, 36, "1,600 km", 1600.0, unit="kilometer", low=1600.0, high=1600.0)
    with open_store(path, read_only=False) as opened:
        opened.load([article], [figure])
    return path


def query(runner: CliRunner, db: Path, sql: str, *options: str) -> tuple[int, str, str]:
    result = runner.invoke(main, ["query", sql, "--db", str(db), *options])
    return result.exit_code, result.stdout, result.stderr


# -- start-up -----------------------------------------------------------------------------------------
def _modules_after(code: str, top_level: bool = True) -> set[str]:
    """The modules (top-level ones only, by default) loaded after running ``code`` in a new interpreter."""
    script = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    return {name.split(".")[0] for name in loaded} if top_level else loaded


def test_importing_the_command_loads_no_heavy_library() -> None:
    loaded = _modules_after("import figures.cli", top_level=False)
    assert "click" in loaded
    assert not loaded & {*HEAVY, "duckdb", "_duckdb", "figures.model", *STAGES}


def test_help_loads_no_database_library() -> None:
    help_loaded = _modules_after(
        "from figures.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
        top_level=False,
    )
    assert not help_loaded & {*HEAVY, "duckdb", "_duckdb", "figures.model", *STAGES}


# DuckDB's compiled module on its own, where the installed duckdb has one (figures.store.duck)
HAS_ENGINE_MODULE = importlib.util.find_spec("_duckdb") is not None


@pytest.mark.parametrize(
    "command",
    [
        ["query", "SELECT * FROM figure_sources"],
        ["tables"],
        ["schema", "figures"],
        ["conflicts"],
        ["export", "--table", "runs"],
        ["export", "--format", "parquet", "--table", "figure_sources", "-o", "{tmp}/out.parquet"],
    ],
)
def test_commands_that_read_load_no_heavy_library(db: Path, command: list[str]) -> None:
    """Not pandas, pyarrow, pint, spaCy or the stages; and DuckDB's engine without its Python layer."""
    arguments = [argument.format(tmp=db.parent) for argument in command]
    loaded = _modules_after(
        textwrap.dedent(f"""
        from figures.cli import main
        try:
            main({[*arguments, "--db", str(db)]!r})
        except SystemExit as stop:
            assert not stop.code, stop.code
        """),
        top_level=False,
    )
    assert loaded & {"duckdb", "_duckdb"}
    assert not loaded & {*HEAVY, *STAGES}, loaded & {*HEAVY, *STAGES}
    if HAS_ENGINE_MODULE:  # its relation layer is a third of the start-up
        assert "duckdb" not in loaded


def test_a_table_of_one_column_characters_loads_no_wcwidth(db: Path) -> None:
    """tabulate's wide-character support (wcwidth) is a fifth of `figures query`'s start-up: a table whose
    characters are each one column wide ("£", "–", "…" included) is printed without it."""
    loaded = _modules_after(
        textwrap.dedent(f"""
        from figures.cli import main
        try:
            main(["query", "SELECT 1 AS n, 'about £30.9m – or so…' AS said", "--db", {str(db)!r}])
        except SystemExit as stop:
            assert not stop.code, stop.code
        """)
    )
    assert "tabulate" in loaded and "wcwidth" not in loaded


def test_a_table_of_wide_characters_lines_up_by_their_width() -> None:
    """After a table without wcwidth, a table of CJK text and emoji gets it: its last column starts at the
    same terminal column on every line (the header, its rule and the rows)."""
    script = textwrap.dedent("""
        import io, json
        from figures import output
        first, second = io.StringIO(), io.StringIO()
        output.write(output.Rows(("n", "city"), [(1, "Oslo")]), "table", first)
        rows = [(1, "東京", "🚀 launch"), (22, "Oslo", "ok")]
        output.write(output.Rows(("n", "city", "note"), rows), "table", second)
        import wcwidth
        lines = second.getvalue().splitlines()
        print(json.dumps([wcwidth.wcswidth(line[: line.rindex("  ") + 2]) for line in lines]))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    starts = json.loads(done.stdout.splitlines()[-1])
    assert len(starts) == 4 and len(set(starts)) == 1, starts


def test_the_engine_module_is_the_duckdb_packages_own() -> None:
    """figures.store.duck hands out the classes `import duckdb` gives: one exception caught by either."""
    import duckdb

    from figures.store.duck import duckdb as engine

    for name in ("connect", "Error", "CatalogException", "StatementType", "DuckDBPyConnection", "Statement"):
        assert getattr(engine, name) is getattr(duckdb, name), name


def test_the_export_formats_are_the_stores() -> None:
    """Written out in the CLI so that its options load no duckdb; they must stay the store's own."""
    assert EXPORT_FORMATS == store.EXPORT_FORMATS


# -- formats ------------------------------------------------------------------------------------------
def test_every_format_prints_the_same_row(runner: CliRunner, db: Path) -> None:
    results = {}
    for output_format in output.FORMATS:
        code, stdout, stderr = query(runner, db, CELLS_SQL, "--format", output_format)
        assert code == 0, stderr
        results[output_format] = stdout
    columns = ["day", "at", "nothing", "km", "long_text", "tags"]
    whole = {"day": "2025-10-14", "at": "2025-10-14 09:30:00", "km": 1600.5, "long_text": LONG}
    as_json = json.loads(results["json"])
    assert as_json == [{**whole, "nothing": None, "tags": ["a", "b"]}]
    assert [json.loads(line) for line in results["jsonl"].splitlines()] == as_json
    for output_format, delimiter in (("csv", ","), ("tsv", "\t")):
        header, row = list(csv.reader(io.StringIO(results[output_format]), delimiter=delimiter))
        assert header == columns
        assert row == ["2025-10-14", "2025-10-14 09:30:00", "", "1600.5", LONG, '["a", "b"]']
    table = results["table"].splitlines()
    assert table[0].split() == columns and set(table[1]) == {"-", " "}
    assert "NULL" in table[2] and "2025-10-14 09:30:00" in table[2] and "1,600.5" in table[2]
    markdown = results["markdown"].splitlines()
    assert [cell.strip() for cell in markdown[0].strip("|").split("|")] == columns
    assert markdown[2].startswith("| 2025-10-14") and "| NULL" in markdown[2]


def test_dates_are_iso_dates_in_every_format(runner: CliRunner, db: Path) -> None:
    """The DATE column of documents, as it is stored: never 2025-10-14T00:00:00."""
    for output_format in output.FORMATS:
        code, stdout, _ = query(runner, db, "SELECT date FROM documents", "--format", output_format)
        assert code == 0 and "2025-10-14" in stdout and "T00" not in stdout and "00:00" not in stdout


def test_long_cells_are_cut_in_tables_and_whole_elsewhere(runner: CliRunner, db: Path) -> None:
    _, table, _ = query(runner, db, f"SELECT '{LONG}' AS long_text")
    shown = table.splitlines()[2]
    assert shown.endswith("…") and len(shown) == output.CELL_WIDTH
    assert LONG.startswith(shown[:-1])
    for output_format in ("csv", "json", "jsonl", "tsv"):
        assert LONG in query(runner, db, f"SELECT '{LONG}' AS long_text", "--format", output_format)[1]


def test_a_table_stops_at_the_default_limit_and_says_how_many_rows_are_left(
    runner: CliRunner, db: Path
) -> None:
    many = "SELECT range AS n FROM range(120)"
    _, table, _ = query(runner, db, many)
    lines = table.splitlines()
    assert len(lines) == 2 + output.DEFAULT_LIMIT + 1
    assert lines[-1] == f"({120 - output.DEFAULT_LIMIT} more rows; --limit to see them)"
    _, ten, _ = query(runner, db, many, "--limit", "10")
    assert ten.splitlines()[-1] == "(110 more rows; --limit to see them)"
    _, every, _ = query(runner, db, many, "--limit", "0")
    assert len(every.splitlines()) == 2 + 120 and "more rows" not in every
    code, as_csv, stderr = query(runner, db, many, "--format", "csv")
    assert code == 0 and len(as_csv.splitlines()) == 1 + 120 and stderr == ""
    _, five, stderr = query(runner, db, many, "--format", "csv", "--limit", "5")
    assert len(five.splitlines()) == 1 + 5 and "(115 more rows; --limit to see them)" in stderr


def test_no_rows_is_said(runner: CliRunner, db: Path) -> None:
    assert query(runner, db, "SELECT * FROM figures WHERE false")[1] == "(no rows)\n"
    assert query(runner, db, "SELECT * FROM figures WHERE false", "--format", "json")[1] == "[]\n"


def test_parse_prints_every_format(runner: CliRunner) -> None:
    sentence = "The Tomahawk has a range of 1,600 km."
    as_csv = runner.invoke(main, ["parse", sentence, "--format", "csv"])
    header, *found = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert {"doc_id", "start", "end", "text", "value", "range", "unit", "noun", "qualifier"} <= set(header)
    assert any(row[header.index("text")] == "1,600 km" for row in found)
    markdown = runner.invoke(main, ["parse", sentence, "--format", "markdown"]).stdout
    assert markdown.split("|")[1].strip() == "start" and "| 1,600 km" in markdown


# -- parameters, tables, schema, FIGURES_DB -----------------------------------------------------------
def test_named_parameters(runner: CliRunner, db: Path) -> None:
    sql = "SELECT text FROM figures WHERE text = $text AND low >= $least"
    code, stdout, _ = query(
        runner, db, sql, "-p", "text", "1,600 km", "-p", "least", "1000", "--format", "csv"
    )
    assert code == 0 and list(csv.reader(io.StringIO(stdout))) == [["text"], ["1,600 km"]]
    code, stdout, _ = query(runner, db, sql, "-p", "text", "1,600 km", "--param", "least", "2000")
    assert code == 0 and stdout == "(no rows)\n"
    code, _, stderr = query(runner, db, sql, "-p", "text", "a", "-p", "text", "b", "-p", "least", "1")
    assert code == 2 and "twice" in stderr
    code, _, stderr = query(runner, db, sql, "-p", "text", "1,600 km")
    assert code == 1 and "least" in stderr


def test_the_database_comes_from_figures_db(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["query", "SELECT doc_id FROM documents"], env={"FIGURES_DB": str(db)})
    assert result.exit_code == 0 and "tomahawk" in result.stdout
    assert "FIGURES_DB" in runner.invoke(main, ["query", "--help"]).stdout
    given = runner.invoke(
        main, ["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")], env={"FIGURES_DB": str(db)}
    )
    assert given.exit_code == 1 and "no database at" in given.stderr  # --db wins over the variable


def test_tables_lists_tables_with_their_rows_and_the_views(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(main, ["tables", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = {row["name"]: row for row in json.loads(result.stdout)}
    assert {"documents", "figures", "runs", "figure_sources", "disagreements"} <= set(listed)
    assert (listed["documents"]["type"], listed["documents"]["rows"]) == ("table", 1)
    assert (listed["figures"]["type"], listed["figures"]["rows"]) == ("table", 1)
    assert (listed["disagreements"]["type"], listed["disagreements"]["rows"]) == ("table", 0)  # stored
    assert (listed["live_disagreements"]["type"], listed["live_disagreements"]["rows"]) == ("view", None)
    table = runner.invoke(main, ["tables", "--db", str(db)]).stdout
    assert table.splitlines()[0].split() == ["name", "type", "rows", "comment"]


def test_schema_lists_columns_and_their_create_statements(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(main, ["schema", "figures", "runs", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, *found = list(csv.reader(io.StringIO(result.stdout)))
    assert header == ["table", "column", "type", "comment"]
    assert {row[0] for row in found} == {"figures", "runs"}
    assert next(row[:3] for row in found if row[1] == "figure_id") == ["figures", "figure_id", "VARCHAR"]
    everything = runner.invoke(main, ["schema", "--db", str(db), "--format", "json"])
    assert {"documents", "figures", "runs", "figure_sources"} <= {
        r["table"] for r in json.loads(everything.stdout)
    }
    sql = runner.invoke(main, ["schema", "documents", "--sql", "--db", str(db)]).stdout
    assert sql.startswith("CREATE TABLE documents") and "doc_id" in sql
    unknown = runner.invoke(main, ["schema", "nothing", "--db", str(db)])
    assert unknown.exit_code == 2 and "no table or view named 'nothing'" in unknown.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ["query", "SELECT 1", "--format", "yaml"],
        ["query", "SELECT 1", "--limit", "-1"],
        ["query"],
        ["tables", "--no-such-option"],
        ["export", "--format", "parquet"],
        ["nothing"],
    ],
)
def test_usage_errors_exit_with_status_2(runner: CliRunner, db: Path, arguments: list[str]) -> None:
    result = runner.invoke(main, [*arguments, "--db", str(db)] if len(arguments) > 1 else arguments)
    assert result.exit_code == 2 and "Error:" in result.stderr, result.output


# -- progress -----------------------------------------------------------------------------------------
class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _documents(folder: Path) -> list[Document]:
    path = folder / "news.txt"
    path.write_text("x" * 400, encoding="utf-8")
    return [Document(f"d{n}", "x" * 80, path=str(path), line=n) for n in range(4)]


def test_progress_on_a_terminal_is_a_bar_with_counts_rate_and_time_left(tmp_path: Path) -> None:
    stream = Terminal()
    with Progress(400, stream=stream, every=0) as progress:
        for document in _documents(tmp_path):
            progress((document, []))
        assert progress.position == 320  # what the documents' text adds up to, until their file is done
    drawn = stream.getvalue().split("\r")
    assert any("4 articles, 0 figures, 0 problems" in line for line in drawn)
    bar = next(line for line in reversed(drawn) if "80%" in line)
    assert "320/400" in bar and "<" in bar and "B/s" in bar  # count, time left, rate


def test_progress_quiet_draws_nothing(tmp_path: Path) -> None:
    for stream in (Terminal(), io.StringIO()):
        with Progress(400, stream=stream, every=0, quiet=True) as progress:
            for document in _documents(tmp_path):
                progress((document, []))
        assert stream.getvalue() == ""


# -- read-only unless --write -------------------------------------------------------------------------
def test_query_refuses_a_write_unless_told(runner: CliRunner, db: Path) -> None:
    for sql in ("DELETE FROM figures", "CREATE TABLE t AS SELECT 1 AS n", "DROP VIEW conflicts"):
        code, _, stderr = query(runner, db, sql)
        assert code == 1 and "--write" in stderr and "Traceback" not in stderr, stderr
    assert query(runner, db, "SELECT count(*) AS n FROM figures", "--format", "csv")[1] == "n\n1\n"
    code, _, stderr = query(runner, db, "SELECT * FROM read_text('/etc/passwd')")
    assert code == 1 and "Error:" in stderr  # no file but the database
    code, _, stderr = query(runner, db, "CREATE TABLE notes AS SELECT 'checked' AS note", "--write")
    assert code == 0, stderr
    assert query(runner, db, "SELECT note FROM notes", "--format", "csv")[1] == "note\nchecked\n"


def test_decimals_uuids_and_intervals_print_as_plain_values(runner: CliRunner, db: Path) -> None:
    sql = (
        "SELECT 12.50::DECIMAL(5, 2) AS price, '6ba7b810-9dad-11d1-80b4-00c04fd430c8'::UUID AS id, "
        "INTERVAL 3 DAY AS span"
    )
    code, stdout, _ = query(runner, db, sql, "--format", "json")
    assert code == 0
    assert json.loads(stdout) == [
        {"price": 12.5, "id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "span": "3 days, 0:00:00"}
    ]
    assert query(runner, db, sql)[1].splitlines()[2].split()[0] == "12.5"


def test_progress_takes_documents_with_their_entities_too(tmp_path: Path) -> None:
    """The store's stream may carry (document, figures, entities): progress counts those the same."""
    stream = io.StringIO()
    with Progress(400, stream=stream, every=0) as progress:
        for document in _documents(tmp_path):
            progress((document, [], []))
    assert (progress.documents, progress.position) == (4, 400)
    assert stream.getvalue().splitlines()[-1].startswith("4 articles, 0 figures, 0 problems")


# -- another process holding the file -----------------------------------------------------------------
HOLD = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1])  # a writer, as `figures extract` is
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
connection.close()
"""


def test_a_reader_fails_at_once_or_waits_for_a_writer(runner: CliRunner, db: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), "3"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        at_once = runner.invoke(main, ["query", "SELECT count(*) FROM figures", "--db", str(db)])
        assert at_once.exit_code == 1 and "in use by another process" in at_once.stderr
        assert "Traceback" not in at_once.output
        waited = runner.invoke(
            main,
            [
                "--wait",
                "60",
                "query",
                "SELECT count(*) AS n FROM figures",
                "--db",
                str(db),
                "--format",
                "csv",
            ],
        )
        assert waited.exit_code == 0, waited.output
        assert waited.stdout == "n\n1\n"
        assert holder.wait(timeout=30) == 0  # the writer held the file its whole time, undisturbed
    finally:
        holder.kill()
        holder.wait()


def test_a_table_keeps_to_a_terminal_width_and_names_the_columns_left_out() -> None:
    columns = tuple(f"column_{n}" for n in range(10))
    result = output.Rows(columns, [tuple("x" * 12 for _ in columns)] * 3)
    narrow = io.StringIO()
    output.write(result, "table", narrow, width=60)
    lines = narrow.getvalue().splitlines()
    assert lines[0].split() == ["column_0", "column_1", "column_2", "column_3"]  # 4 x 12 + 3 x 2 = 54
    assert max(len(line) for line in lines[:5]) <= 60
    assert lines[-1].startswith("(6 more columns that do not fit: column_4, column_5, column_6, column_7,")
    whole = io.StringIO()
    output.write(result, "table", whole)  # piped: no width, every column
    assert whole.getvalue().splitlines()[0].split() == list(columns)
    markdown = io.StringIO()
    output.write(result, "markdown", markdown, width=60)  # for pasting: whole
    assert "column_9" in markdown.getvalue().splitlines()[0]
