"""The `figures` command through click's CliRunner, on temporary files and databases.

Sentences come from the seed corpus (seeds/000_ef0aaf124261c612.txt) or the issue texts; the figures
loaded by hand are the seed corpus's Potanin settlement and Tomahawk range.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from figures import cli, pipeline, progress
from figures.cli import main
from figures.model import Document, Figure, text_id
from figures.store import open_store

ROOT = Path(__file__).resolve().parents[1]
MakeFigure = Callable[..., Figure]  # the conftest fixture make_figure
# each figure of a cluster in `figures conflicts --format json` (issue 3)
CONFLICT_FIGURE_KEYS = ("doc_id", "text", "start", "end", "value", "unit", "low", "high", "sentence")

SENTENCES = (
    "The Tomahawk has a range of 1,600 km.",
    "Russia fired nine Iskander-M ballistic missiles and 62 attack drones.",
    "The EU wants to lend Ukraine 140-billion-euro ($164.4bn) from frozen Russian assets.",
)
ARTICLES = """Tomahawks for Ukraine

The Tomahawk, with a range of about 995 miles (1,600 kilometers), would let Ukraine strike deep.

Source link

Divorce battle

Potanina received £30.9million in the settlement. Her lawyers say she got around £63m.

Source link
"""
POTANIN = Document(
    "potanin",
    "Potanina received £30.9million in the settlement. Her lawyers say she got around £63m.",
    title="Divorce battle",
    source="Daily Mail",
    date=dt.date(2025, 9, 30),
)


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def loaded_db(tmp_path: Path, make_figure: MakeFigure) -> Path:
    """A database holding the Potanin article with its two settlement figures, made by hand."""
    db = tmp_path / "loaded.duckdb"
    found = [
        make_figure(POTANIN, "£30.9million", 30.9e6, unit="GBP", dimension="money", subject="Potanina",
                    property="settlement"),
        make_figure(POTANIN, "around £63m", 63e6, unit="GBP", qualifier="around", low=60e6, high=66e6,
                    dimension="money", subject="Potanina", property="settlement"),
    ]  # fmt: skip
    with open_store(db, read_only=False) as store:
        store.load([POTANIN], found)
    return db


# -- the command group --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help(runner: CliRunner, name: str) -> None:
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    summary = (main.commands[name].help or "").strip().splitlines()[0]
    assert len(summary) > 20 and summary in " ".join(result.output.split())


def test_the_group_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    assert {"extract", "parse", "query", "export", "conflicts"} <= set(main.commands)
    for name in main.commands:
        assert f"  {name} " in result.output


def test_python_dash_m_figures_is_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "figures", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Usage: figures" in result.stdout and "extract" in result.stdout


# -- extract ------------------------------------------------------------------------------------------
def test_extract_loads_articles_and_prints_a_summary(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(ARTICLES, encoding="utf-8")
    db = tmp_path / "f.duckdb"
    result = runner.invoke(main, ["extract", str(tmp_path / "news.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT title FROM documents ORDER BY line") == [
        ("Tomahawks for Ukraine",),
        ("Divorce battle",),
    ]
    (figure_count,) = rows(db, "SELECT count(*) FROM figures")[0]
    assert f"Loaded 2 articles and {figure_count} figures into {db}" in result.stdout
    for dimension, count in rows(db, "SELECT dimension, count(*) FROM figures GROUP BY dimension"):
        assert f"  {dimension}" in result.stdout and f"{count:,}" in result.stdout
    assert "Disagreements" in result.stdout
    assert rows(db, "SELECT documents, problems, finished IS NOT NULL FROM runs") == [(2, 0, True)]


def test_extract_keeps_each_figure_with_its_article_and_offsets(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(ARTICLES, encoding="utf-8")
    db = tmp_path / "f.duckdb"
    assert runner.invoke(main, ["extract", str(tmp_path / "news.txt"), "--db", str(db)]).exit_code == 0
    found = rows(db, "SELECT d.title, f.text, f.unit FROM figures f JOIN documents d USING (doc_id)")
    assert ("Tomahawks for Ukraine", "1,600 kilometers", "kilometer") in found
    assert ("Divorce battle", "£30.9million", "GBP") in found
    mismatched = rows(
        db,
        "SELECT f.text FROM figures f JOIN documents d USING (doc_id) "
        'WHERE substring(d.text, f.start + 1, f."end" - f.start) <> f.text',
    )
    assert mismatched == []


def test_extract_on_the_seed_corpus(runner: CliRunner, tmp_path: Path) -> None:
    """The README's main job: every seed article loaded, the summary agreeing with the database."""
    db = tmp_path / "seeds.duckdb"
    result = runner.invoke(main, ["extract", str(ROOT / "seeds"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT count(*) FROM documents") == [(20,)]
    by_dimension = rows(db, "SELECT dimension, count(*) FROM figures GROUP BY dimension")
    assert {"length", "money", "count", "percent", "area"} <= {dimension for dimension, _ in by_dimension}
    summary = result.stdout.split("Figures by dimension:\n")[1].split("\n\n")[0].splitlines()
    assert sorted(line.split() for line in summary) == sorted([d, f"{n:,}"] for d, n in by_dimension)
    assert "Problems with the input" not in result.stdout


def test_extract_with_two_jobs_loads_the_same_as_one(runner: CliRunner, tmp_path: Path) -> None:
    loaded = []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.duckdb"
        result = runner.invoke(main, ["extract", str(ROOT / "seeds"), "--db", str(db), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        loaded.append(
            rows(
                db, "SELECT * EXCLUDE (run_id) FROM documents JOIN figures USING (doc_id) ORDER BY figure_id"
            )
        )
    assert loaded[0] == loaded[1] and len(loaded[0]) > 100


def test_extract_twice_replaces_never_duplicates(runner: CliRunner, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "news.txt").write_text(ARTICLES, encoding="utf-8")
    db = tmp_path / "f.duckdb"
    counts = []
    for _ in range(2):
        result = runner.invoke(main, ["extract", str(inputs), "--db", str(db)])
        assert result.exit_code == 0, result.output
        counts.append(rows(db, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM figures)")[0])
    assert counts[0] == counts[1] and counts[0][0] == 2
    assert rows(db, "SELECT count(*) FROM runs") == [(2,)]


def test_extract_reads_a_separator_of_our_own(runner: CliRunner, tmp_path: Path) -> None:
    text = "First\n\nIt has 3 parts.\n=====\nSecond\n\nIt has 4 parts.\n=====\nThird\n\nIt has 5 parts.\n"
    (tmp_path / "news.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "f.duckdb"
    result = runner.invoke(
        main, ["extract", str(tmp_path / "news.txt"), "--db", str(db), "--separator", "^=+$"]
    )
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT count(*) FROM documents") == [(3,)]


def test_extract_refuses_a_separator_that_is_not_a_regex(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(ARTICLES, encoding="utf-8")
    result = runner.invoke(
        main, ["extract", str(tmp_path), "--db", str(tmp_path / "f.duckdb"), "--separator", "(["]
    )
    assert result.exit_code == 1
    assert "Error:" in result.stderr and "Traceback" not in result.output


def test_a_malformed_jsonl_line_is_named_and_the_good_ones_are_loaded(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "news.jsonl"
    source.write_text(
        '{"id": "a", "text": "Russia fired nine Iskander-M ballistic missiles."}\n'
        '{"id": "b", "text": "unterminated\n'
        '{"id": "c", "text": "The Tomahawk has a range of 1,600 km."}\n',
        encoding="utf-8",
    )
    db = tmp_path / "f.duckdb"
    result = runner.invoke(main, ["extract", str(source), "--db", str(db)])
    assert result.exit_code == 1
    assert f"{source}:2:" in result.stdout
    assert "1 problem(s) in the input" in result.stderr
    assert rows(db, "SELECT doc_id FROM documents ORDER BY doc_id") == [("a",), ("c",)]
    assert rows(db, "SELECT problems FROM runs") == [(1,)]


def test_bad_inputs_later_in_the_run_lose_nothing_loaded_before(runner: CliRunner, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(ARTICLES, encoding="utf-8")
    (inputs / "b.txt").write_text("", encoding="utf-8")
    (inputs / "c.jsonl").write_text('{"id": "c", "title": "no text"}\n', encoding="utf-8")
    (inputs / "d.txt").write_text("Another\n\nIt has 7 parts.\n", encoding="utf-8")
    db = tmp_path / "f.duckdb"
    result = runner.invoke(main, ["extract", str(inputs), "--db", str(db), "--batch-size", "1"])
    assert result.exit_code == 1
    assert rows(db, "SELECT count(*) FROM documents") == [(3,)]
    (messages,) = rows(db, "SELECT messages FROM runs")[0]
    assert len(messages) == 2
    for where in (inputs / "b.txt", f"{inputs / 'c.jsonl'}:1"):
        assert any(message.startswith(f"{where}:") for message in messages), where
        assert f"  {where}:" in result.stdout


def test_a_long_run_reports_progress_on_stderr(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a terminal (CliRunner's stderr): a plain line now and then, here after every article."""
    monkeypatch.setattr(progress, "EVERY_LOG", 0.0)
    (tmp_path / "news.txt").write_text(ARTICLES, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(tmp_path / "news.txt"), "--db", str(tmp_path / "f.duckdb")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "articles/s" in line]
    assert [line.split()[0] for line in lines] == ["1", "2", "2"]  # each article, then the end of the run
    size = (tmp_path / "news.txt").stat().st_size
    assert lines[-1].split(";")[1].split()[0] == "100%"  # the whole file read: the meter is full
    assert f"{size}/{size}" in lines[-1]
    assert "articles/s" not in result.stdout
    quiet = runner.invoke(
        main, ["extract", str(tmp_path / "news.txt"), "--db", str(tmp_path / "f.duckdb"), "--quiet"]
    )
    assert quiet.exit_code == 0 and quiet.stderr == ""


@pytest.mark.parametrize(
    ("asked", "seconds"),
    [("", 10.0), ("1", 1.0), ("0.5", 0.5), (" 3 ", 3.0), ("0", 0.0), ("-2", 10.0), ("soon", 10.0),
     ("nan", 10.0)],
)
def test_progress_lines_come_as_often_as_figures_progress_every_says(
    monkeypatch: pytest.MonkeyPatch, asked: str, seconds: float
) -> None:
    """FIGURES_PROGRESS_EVERY: seconds between plain lines off a terminal; anything but a number >= 0 is the
    default (invented values)."""
    monkeypatch.setenv("FIGURES_PROGRESS_EVERY", asked)
    assert progress.Progress(stream=io.StringIO()).every == seconds


def test_extract_needs_a_path(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract"])
    assert result.exit_code == 2 and "Missing argument" in result.output


def test_a_missing_path_is_a_usage_error_before_the_database_is_made(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Issue 9 "Input surprises": a missing path created an empty database."""
    (tmp_path / "d.txt").write_text("Another\n\nIt has 7 parts.\n", encoding="utf-8")
    db = tmp_path / "f.duckdb"
    result = runner.invoke(
        main, ["extract", str(tmp_path / "d.txt"), str(tmp_path / "missing"), "--db", str(db)]
    )
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing'}: no such file or folder" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize(
    ("given", "doc_ids"),
    [
        (
            '{"id": "s1", "text": "The Tomahawk has a range of 1,600 km."}\n'
            '{"id": "s2", "text": "No number."}\n',
            ["s1", "s2"],
        ),
        (ARTICLES, [text_id(part.strip()) for part in ARTICLES.split("Source link") if part.strip()]),
    ],
    ids=["jsonl", "text"],
)
def test_extract_reads_standard_input(
    runner: CliRunner, tmp_path: Path, given: str, doc_ids: list[str]
) -> None:
    """Issue 9: `figures extract -` created an empty database; it reads JSON Lines or text from stdin."""
    db = tmp_path / "f.duckdb"
    result = runner.invoke(main, ["extract", "-", "--db", str(db)], input=given)
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT doc_id, path FROM documents ORDER BY line") == [(i, "<stdin>") for i in doc_ids]


def test_extract_says_what_it_decoded_and_skipped(runner: CliRunner, tmp_path: Path) -> None:
    """Issue 9: the summary says which files were decoded from what, and counts the files skipped."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes("Café\n\nThe café sold 3,400 croissants in Zürich.\n".encode("latin-1"))
    (inputs / "README.md").write_text("# not news\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(inputs), "--db", str(tmp_path / "f.duckdb")])
    assert result.exit_code == 0, result.output
    assert f"Input: decoded from cp1252: {inputs / 'a.txt'}" in result.stdout
    assert f"Input: skipped 1 file (unknown file type): {inputs / 'README.md'}" in result.stdout
    stored = rows(tmp_path / "f.duckdb", "SELECT text FROM documents")
    assert stored == [("Café\n\nThe café sold 3,400 croissants in Zürich.",)]


# -- parse --------------------------------------------------------------------------------------------
def expected_contracts(text: str, doc_id: str | None = None) -> list[dict[str, object]]:
    found = pipeline.analyse(Document(doc_id or text_id(text), text))
    return json.loads(json.dumps([figure.contract() for figure in found]))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_parse_json_prints_what_the_pipeline_finds(runner: CliRunner, sentence: str) -> None:
    result = runner.invoke(main, ["parse", sentence, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == expected_contracts(sentence)


def test_parse_finds_the_tomahawk_range(runner: CliRunner) -> None:
    """The sentence of the brief: the quick way to see what the extractor makes of a sentence."""
    result = runner.invoke(main, ["parse", SENTENCES[0], "--format", "json"])
    found = [(f["text"], f["value"], f["unit"], f["dimension"]) for f in json.loads(result.stdout)]
    assert ("1,600 km", 1600.0, "kilometer", "length") in found
    table = runner.invoke(main, ["parse", SENTENCES[0]]).stdout
    assert "1,600 km" in table and "kilometer" in table and "length" in table


def test_parse_reads_standard_input(runner: CliRunner) -> None:
    by_argument = runner.invoke(main, ["parse", SENTENCES[0]])
    by_stdin = runner.invoke(main, ["parse", "-"], input=SENTENCES[0])
    assert by_stdin.exit_code == 0 and by_stdin.stdout == by_argument.stdout


def test_parse_says_when_there_is_no_figure(runner: CliRunner) -> None:
    result = runner.invoke(main, ["parse", "Nothing to count here."])
    assert result.exit_code == 0 and result.stdout == "No figures found.\n"


def test_parse_jsonl_writes_the_prediction_contract(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "sentences.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"s{n}", "text": s}) + "\n" for n, s in enumerate(SENTENCES)),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["parse", str(source), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [c for n, s in enumerate(SENTENCES) for c in expected_contracts(s, f"s{n}")]
    assert {line["doc_id"] for line in lines} == {"s0", "s1", "s2"}  # every sentence has a figure
    for line in lines:
        assert SENTENCES[int(line["doc_id"][1:])][line["start"] : line["end"]] == line["text"]
        assert {"doc_id", "start", "end", "text", "value", "range", "unit", "noun", "qualifier", "subject",
                "property", "low", "high", "group", "sentence"} <= set(line)  # fmt: skip


def test_parse_reads_a_file_it_is_given(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 9: `figures parse seeds/x.txt` parsed the file name as text; a name that is not there is an
    error, not a text with no figures."""
    monkeypatch.chdir(tmp_path)
    Path("x.txt").write_text(f"Range\n\n{SENTENCES[0]}\n", encoding="utf-8")
    by_file = runner.invoke(main, ["parse", "x.txt", "--format", "json"])
    assert by_file.exit_code == 0, by_file.output
    assert json.loads(by_file.stdout) == expected_contracts(f"Range\n\n{SENTENCES[0]}")
    missing = runner.invoke(main, ["parse", "seeds/x.txt"])
    assert missing.exit_code == 1 and "seeds/x.txt: no such file or folder" in missing.stderr


def test_parse_a_file_of_several_documents_shows_whose_figure_is_whose(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "sentences.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"s{n}", "text": s}) + "\n" for n, s in enumerate(SENTENCES[:2])),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["parse", str(source)])
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    assert header.split()[0] == "doc_id"
    assert {line.split()[0] for line in lines if line.split() and line.split()[0] in {"s0", "s1"}} == {
        "s0",
        "s1",
    }


def test_parse_jsonl_names_a_bad_line_and_goes_on(runner: CliRunner) -> None:
    given = (
        '{"id": "x1", "text": "Nothing here."}\nnot json\n{"id": "x3"}\n{"id": "x4", "text": "No number."}\n'
    )
    result = runner.invoke(main, ["parse", "-", "--format", "jsonl"], input=given)
    assert result.exit_code == 1
    assert "<stdin>:2: not valid JSON" in result.stderr
    assert "<stdin>:3: no 'text' field" in result.stderr


# -- query, export, conflicts -------------------------------------------------------------------------
def test_query_prints_json_csv_and_a_table(runner: CliRunner, loaded_db: Path) -> None:
    sql = "SELECT text, low, high FROM figures ORDER BY start"
    as_json = runner.invoke(main, ["query", sql, "--db", str(loaded_db), "--format", "json"])
    assert json.loads(as_json.stdout) == [
        {"text": "£30.9million", "low": 30.9e6, "high": 30.9e6},
        {"text": "around £63m", "low": 60e6, "high": 66e6},
    ]
    as_csv = runner.invoke(main, ["query", sql, "--db", str(loaded_db), "--format", "csv"])
    assert pd.read_csv(io.StringIO(as_csv.stdout)).text.tolist() == ["£30.9million", "around £63m"]
    as_table = runner.invoke(main, ["query", sql, "--db", str(loaded_db)])
    assert as_table.stdout.splitlines()[0].split() == ["text", "low", "high"]
    assert "around £63m" in as_table.stdout


def test_query_errors_are_clear(runner: CliRunner, loaded_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["query", "SELECT * FROM nowhere", "--db", str(loaded_db)])
    assert result.exit_code == 1 and "Error:" in result.stderr and "nowhere" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    missing = runner.invoke(main, ["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no database at" in missing.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_export_csv_to_standard_output_round_trips(runner: CliRunner, loaded_db: Path) -> None:
    result = runner.invoke(main, ["export", "--db", str(loaded_db)])
    assert result.exit_code == 0, result.output
    back = pd.read_csv(io.StringIO(result.stdout))
    assert back.figure_id.tolist() == [
        i for (i,) in rows(loaded_db, "SELECT figure_id FROM figures ORDER BY start")
    ]
    assert back.text.tolist() == ["£30.9million", "around £63m"]


@pytest.mark.parametrize("export_format", ["jsonl", "parquet"])
def test_export_to_a_file_round_trips(
    runner: CliRunner, loaded_db: Path, tmp_path: Path, export_format: str
) -> None:
    target = tmp_path / f"figures.{export_format}"
    result = runner.invoke(
        main, ["export", "--db", str(loaded_db), "--format", export_format, "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    reader = {"jsonl": "read_json", "parquet": "read_parquet"}[export_format]
    back = duckdb.sql(f"SELECT text, low, high FROM {reader}('{target}') ORDER BY start").fetchall()
    assert back == rows(loaded_db, "SELECT text, low, high FROM figures ORDER BY start")


def test_export_replaces_a_file_whole_and_a_failed_one_leaves_it(
    runner: CliRunner, loaded_db: Path, tmp_path: Path
) -> None:
    """DuckDB writes into a new folder beside the target, then the file replaces the target at once."""
    target = tmp_path / "figures.csv"
    target.write_text("an older export\n", encoding="utf-8")
    failed = runner.invoke(main, ["export", "--db", str(loaded_db), "--table", "nothing", "-o", str(target)])
    assert failed.exit_code == 1 and "no table or view named 'nothing'" in failed.stderr
    assert target.read_text(encoding="utf-8") == "an older export\n"
    done = runner.invoke(main, ["export", "--db", str(loaded_db), "-o", str(target)])
    assert done.exit_code == 0, done.output
    assert target.read_text(encoding="utf-8").startswith("figure_id,doc_id,")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["figures.csv", "loaded.duckdb"]
    nowhere = runner.invoke(main, ["export", "--db", str(loaded_db), "-o", str(tmp_path / "no" / "f.csv")])
    assert nowhere.exit_code == 1 and "no folder" in nowhere.stderr


def test_export_another_table_and_refuse_parquet_on_a_terminal(runner: CliRunner, loaded_db: Path) -> None:
    documents = runner.invoke(
        main, ["export", "--db", str(loaded_db), "--table", "documents", "--format", "jsonl"]
    )
    assert [json.loads(line)["doc_id"] for line in documents.stdout.splitlines()] == ["potanin"]
    parquet = runner.invoke(main, ["export", "--db", str(loaded_db), "--format", "parquet"])
    assert parquet.exit_code == 2 and "-o/--output" in parquet.stderr
    unknown = runner.invoke(main, ["export", "--db", str(loaded_db), "--table", "nothing"])
    assert unknown.exit_code == 1 and "no table or view named 'nothing'" in unknown.stderr


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus loaded once for the conflicts tests."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    result = CliRunner().invoke(main, ["extract", str(ROOT / "seeds"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_conflicts_json_gives_one_object_per_disagreement(runner: CliRunner, seed_db: Path) -> None:
    """Issue 7's shape; the Potanina settlement (£30.9million against around £63m) is the seed's one."""
    result = runner.invoke(main, ["conflicts", "--db", str(seed_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    texts = {doc_id: text for doc_id, text in rows(seed_db, "SELECT doc_id, text FROM documents")}
    for disagreement in found:
        assert list(disagreement)[:6] == ["entity", "subject", "property", "time_scope", "kind", "clusters"]
        assert len(disagreement["clusters"]) >= 2
        for cluster in disagreement["clusters"]:
            for figure in cluster["figures"]:
                assert set(CONFLICT_FIGURE_KEYS) <= set(figure)
                assert texts[figure["doc_id"]][figure["start"] : figure["end"]] == figure["text"]
    settlement = [d for d in found if (d["subject"], d["property"]) == ("Natalia Potanina", "settlement")]
    assert [[f["text"] for c in d["clusters"] for f in c["figures"]] for d in settlement] == [
        ["£30.9million", "£63m"]
    ]
    lines = runner.invoke(main, ["conflicts", "--db", str(seed_db), "--format", "jsonl"]).stdout.splitlines()
    assert [json.loads(line) for line in lines] == found


def test_conflicts_table_and_csv_show_the_same_disagreements(runner: CliRunner, seed_db: Path) -> None:
    found = json.loads(runner.invoke(main, ["conflicts", "--db", str(seed_db), "--format", "json"]).stdout)
    as_csv = runner.invoke(main, ["conflicts", "--db", str(seed_db), "--format", "csv"])
    figures_in = sum(len(c["figures"]) for d in found for c in d["clusters"])
    assert len(pd.read_csv(io.StringIO(as_csv.stdout))) == figures_in  # a row per figure
    as_table = runner.invoke(main, ["conflicts", "--db", str(seed_db)])
    assert as_table.exit_code == 0
    assert as_table.stdout.startswith(f"Disagreements ({len(found)}):")
    assert "Potanina · settlement" in as_table.stdout and "£30.9million" in as_table.stdout


def test_extract_ends_with_the_conflicts(runner: CliRunner, seed_db: Path) -> None:
    table = runner.invoke(main, ["conflicts", "--db", str(seed_db)]).stdout
    again = runner.invoke(main, ["extract", str(ROOT / "seeds"), "--db", str(seed_db)])
    assert again.exit_code == 0
    assert again.stdout.endswith(table)


SNIPPETS = [
    ("Two people were killed.", "Two people", "Two people were killed."),
    (
        "Despite his £15billion fortune, Potanina was awarded just £30.9million in the Russian courts – less "
        "than one per cent of his wealth.",
        "£30.9million",
        "…£15billion fortune, Potanina was awarded just £30.9million in the Russian courts – less than one "
        "per cent…",
    ),
]


@pytest.mark.parametrize(("sentence", "text", "expected"), SNIPPETS)
def test_a_conflicting_figure_is_shown_in_whole_words_of_its_sentence(
    sentence: str, text: str, expected: str
) -> None:
    """Sentences from the seed corpus (the Potanin and Kyiv articles)."""
    assert cli._snippet(sentence, text) == expected
