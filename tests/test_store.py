"""The DuckDB store: schema, idempotent bulk loads, views, queries and exports.

The figures here are made by hand (conftest.make_figure) from sentences of the seed corpus, so these
tests hold whatever the extractor finds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from figures.errors import StoreError
from figures.model import Document, Figure, Problem
from figures.store import EXPORT_FORMATS, Run, Store, database, figure_id, open_store

TOMAHAWK = Document(
    "tomahawk",
    "The Tomahawk, with a range of about 995 miles (1,600 kilometers), would let Ukraine strike deep. "
    "It costs between $1.3m and $2m apiece.",
    title="Trump weighs Tomahawks",
    source="The War Zone",
    date=dt.date(2025, 10, 12),
    path="seeds/a.txt",
    line=1,
)
POTANIN = Document(
    "potanin",
    "Potanina received £30.9million in the settlement. Her lawyers say she got around £63m.",
    title="Divorce battle",
    source="Daily Mail",
    date=dt.date(2025, 9, 30),
)
COLUMNS = "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
MakeFigure = Callable[..., Figure]  # the conftest fixture make_figure


@pytest.fixture
def tomahawk_figures(make_figure: MakeFigure) -> list[Figure]:
    return [
        make_figure(
            TOMAHAWK,
            "about 995 miles",
            995.0,
            unit="mile",
            unit_text="miles",
            qualifier="about",
            low=945.25,
            high=1044.75,
            step=5.0,
            group="g1",
            dimension="length",
            subject="Tomahawk",
            subject_text="The Tomahawk",
            property="range",
            canonical_unit="meter",
            canonical_value=1601285.0,
        ),
        make_figure(
            TOMAHAWK,
            "1,600 kilometers",
            1600.0,
            unit="kilometer",
            unit_text="kilometers",
            group="g1",
            dimension="length",
            subject="Tomahawk",
            property="range",
            canonical_unit="meter",
            canonical_value=1.6e6,
        ),
        make_figure(
            TOMAHAWK,
            "between $1.3m and $2m",
            None,
            range=(1.3e6, 2e6),
            unit="USD",
            unit_text="$",
            low=1.3e6,
            high=2e6,
            dimension="money",
            fx_rate=1.0,
            fx_date=dt.date(2025, 10, 10),
            extra={"source": "hand-made", "checked": dt.date(2025, 11, 1)},
        ),
    ]


@pytest.fixture
def potanin_figures(make_figure: MakeFigure) -> list[Figure]:
    return [
        make_figure(
            POTANIN,
            "£30.9million",
            30.9e6,
            unit="GBP",
            dimension="money",
            subject="Potanina",
            property="settlement",
            claimant="the court",
        ),
        make_figure(
            POTANIN,
            "around £63m",
            63e6,
            unit="GBP",
            qualifier="around",
            low=60e6,
            high=66e6,
            vague=False,
            dimension="money",
            subject="Potanina",
            property="settlement",
            claimant="her lawyers",
        ),
    ]


def counts(store: Store) -> tuple[int, int]:
    row = store.query("SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM figures) AS f")
    return int(row.d[0]), int(row.f[0])


def test_the_figures_table_has_a_column_for_every_figure_field(store: Store) -> None:
    columns = set(store.query(COLUMNS, ["figures"]).column_name)
    fields = {f.name for f in dataclasses.fields(Figure)} - {"range"}
    assert fields - columns == set()
    assert {"figure_id", "ordinal", "range_low", "range_high"} <= columns


def test_the_documents_table_has_a_column_for_every_document_field(store: Store) -> None:
    columns = set(store.query(COLUMNS, ["documents"]).column_name)
    assert {f.name for f in dataclasses.fields(Document)} - columns == set()


def test_schema_runs_first_then_every_sql_file_of_the_folder() -> None:
    names = [name for name, _ in database._sql_files()]
    folder = Path(database.__file__).parent
    assert names[0] == "schema.sql"
    assert sorted(names) == sorted(p.name for p in folder.glob("*.sql"))
    assert {"figure_sources.sql", "figures_by_dimension.sql", "subjects.sql", "conflicts.sql"} <= set(names)


def test_a_view_may_use_one_that_sorts_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = database._sql_files()
    early = ("a_first.sql", "CREATE OR REPLACE VIEW a_first AS SELECT * FROM z_last")
    late = ("z_last.sql", "CREATE OR REPLACE VIEW z_last AS SELECT doc_id FROM documents")
    monkeypatch.setattr(database, "_sql_files", lambda: [files[0], early, *files[1:], late])
    with open_store(tmp_path / "x.duckdb") as store:
        assert store.relations()["a_first"] == "view"


def test_a_broken_view_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = database._sql_files()
    broken = ("broken.sql", "CREATE OR REPLACE VIEW broken AS SELECT nothing FROM nowhere")
    monkeypatch.setattr(database, "_sql_files", lambda: [*files, broken])
    with pytest.raises(StoreError, match="broken.sql"):
        open_store(tmp_path / "x.duckdb")


def test_a_file_from_a_version_with_other_columns_is_refused(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "old.duckdb")) as old:
        old.execute("CREATE TABLE figures (figure_id VARCHAR PRIMARY KEY, doc_id VARCHAR, text VARCHAR)")
    with pytest.raises(StoreError, match="another version of figures .*figures differ"):
        open_store(tmp_path / "old.duckdb")


def test_load_twice_gives_the_same_rows(store: Store, tomahawk_figures: list[Figure]) -> None:
    run = Run.begin(["seeds"], "test")
    store.load([TOMAHAWK], tomahawk_figures, run)
    first = store.query("SELECT * EXCLUDE (extra) FROM figures ORDER BY figure_id")
    store.load([TOMAHAWK], tomahawk_figures, run)
    assert counts(store) == (1, 3)
    pd.testing.assert_frame_equal(
        store.query("SELECT * EXCLUDE (extra) FROM figures ORDER BY figure_id"), first
    )


def test_reopening_the_file_and_loading_again_does_not_duplicate(
    tmp_path: Path, tomahawk_figures: list[Figure], potanin_figures: list[Figure]
) -> None:
    for _ in range(2):
        with open_store(tmp_path / "again.duckdb") as store:
            store.load([TOMAHAWK, POTANIN], tomahawk_figures + potanin_figures, Run.begin(["x"], "test"))
    with open_store(tmp_path / "again.duckdb") as store:
        assert counts(store) == (2, 5)
        assert len(store.query("SELECT * FROM runs")) == 2


def test_reloading_a_document_replaces_its_figures_and_leaves_the_others(
    store: Store, tomahawk_figures: list[Figure], potanin_figures: list[Figure]
) -> None:
    store.load([TOMAHAWK, POTANIN], tomahawk_figures + potanin_figures)
    revised = dataclasses.replace(TOMAHAWK, title="Revised")
    store.load([revised], tomahawk_figures[:1])
    rows = store.query("SELECT doc_id, count(*) AS n FROM figures GROUP BY doc_id ORDER BY doc_id")
    assert rows.to_dict("list") == {"doc_id": ["potanin", "tomahawk"], "n": [2, 1]}
    assert store.query("SELECT title FROM documents WHERE doc_id = 'tomahawk'").title[0] == "Revised"


def test_the_same_document_twice_in_one_batch_is_loaded_once(
    store: Store, tomahawk_figures: list[Figure]
) -> None:
    store.load([TOMAHAWK, TOMAHAWK], tomahawk_figures + tomahawk_figures)
    assert counts(store) == (1, 3)


def test_figures_sharing_a_span_get_their_own_ids(store: Store, tomahawk_figures: list[Figure]) -> None:
    twin = dataclasses.replace(tomahawk_figures[2], unit="EUR")  # another reading of the same span
    store.load([TOMAHAWK], [*tomahawk_figures, twin])
    ids = store.query("SELECT figure_id FROM figures WHERE unit IN ('USD', 'EUR') ORDER BY ordinal").figure_id
    span = tomahawk_figures[2]
    assert list(ids) == [figure_id("tomahawk", span.start, span.end, n) for n in (0, 1)]


def test_every_field_comes_back_as_it_went_in(store: Store, tomahawk_figures: list[Figure]) -> None:
    store.load([TOMAHAWK], tomahawk_figures)
    rows = store.query("SELECT * FROM figures ORDER BY start").to_dict("records")
    for figure, row in zip(tomahawk_figures, rows, strict=True):
        contract = figure.contract()
        for name, value in contract.items():
            stored = row.get(name)
            if name == "range":
                stored = [row["range_low"], row["range_high"]] if value is not None else None
            elif name == "fx_date" and value is not None:
                stored = pd.Timestamp(stored).date().isoformat()
            if value is None:
                assert stored is None or pd.isna(stored), name
            else:
                assert stored == value, name
    assert rows[2]["extra"] == '{"source": "hand-made", "checked": "2025-11-01"}'


def test_missing_values_are_null_not_nan(store: Store, tomahawk_figures: list[Figure]) -> None:
    store.load([TOMAHAWK], tomahawk_figures)
    row = store.query(
        "SELECT count(*) FILTER (WHERE value IS NULL) AS null_values,"
        " count(*) FILTER (WHERE isnan(value)) AS nans,"
        " count(*) FILTER (WHERE step IS NULL) AS null_steps FROM figures"
    )
    assert (int(row.null_values[0]), int(row.nans[0]), int(row.null_steps[0])) == (1, 0, 2)


def test_offsets_refer_to_the_stored_text(store: Store, tomahawk_figures: list[Figure]) -> None:
    store.load([TOMAHAWK], tomahawk_figures)
    # DuckDB's substring counts characters from 1, as Python's slices count them from 0
    mismatched = store.query(
        "SELECT f.text FROM figures f JOIN documents d USING (doc_id) "
        'WHERE substring(d.text, f.start + 1, f."end" - f.start) <> f.text'
    )
    assert mismatched.empty


def test_a_figure_whose_offsets_do_not_match_is_refused(store: Store, tomahawk_figures: list[Figure]) -> None:
    shifted = dataclasses.replace(tomahawk_figures[0], start=tomahawk_figures[0].start + 1)
    with pytest.raises(StoreError, match="does not match the text"):
        store.load([TOMAHAWK], [shifted])
    assert counts(store) == (0, 0)


def test_a_figure_of_a_document_outside_the_batch_is_refused(
    store: Store, tomahawk_figures: list[Figure], potanin_figures: list[Figure]
) -> None:
    with pytest.raises(StoreError, match="not in this batch"):
        store.load([TOMAHAWK], tomahawk_figures + potanin_figures)


def test_a_failed_batch_keeps_the_batches_before_it(
    store: Store, tomahawk_figures: list[Figure], potanin_figures: list[Figure]
) -> None:
    store.load([TOMAHAWK], tomahawk_figures)
    bad = dataclasses.replace(potanin_figures[0], end=potanin_figures[0].end + 3)
    with pytest.raises(StoreError):
        store.load([POTANIN], [bad, potanin_figures[1]])
    assert counts(store) == (1, 3)


def test_a_database_error_during_the_batch_rolls_it_back(store: Store, potanin_figures: list[Figure]) -> None:
    store.load([POTANIN], potanin_figures)
    nameless = dataclasses.replace(potanin_figures[0], dimension=None)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="loading 1 documents failed"):
        store.load([POTANIN], [nameless])
    assert counts(store) == (1, 2)


def test_runs_record_what_was_loaded(store: Store, tomahawk_figures: list[Figure]) -> None:
    run = Run.begin(["seeds/", "more.jsonl"], "0.1.0")
    run = dataclasses.replace(run, documents=1, figures=3, messages=("more.jsonl:3: malformed JSON",))
    store.load([TOMAHAWK], tomahawk_figures, run)
    store.record(dataclasses.replace(run, finished=run.started + dt.timedelta(seconds=2)))
    rows = store.query("SELECT * FROM runs").to_dict("records")
    assert len(rows) == 1
    assert rows[0]["paths"].tolist() == ["seeds/", "more.jsonl"]
    assert (rows[0]["documents"], rows[0]["figures"], rows[0]["problems"]) == (1, 3, 1)
    assert rows[0]["finished"] - rows[0]["started"] == pd.Timedelta(seconds=2)
    assert store.query("SELECT run_id FROM documents").run_id[0] == run.run_id


def test_load_all_loads_a_stream_in_batches_and_records_its_problems(
    store: Store, tomahawk_figures: list[Figure], potanin_figures: list[Figure]
) -> None:
    bad = Problem("more.jsonl", 3, "not valid JSON")
    stream = [(TOMAHAWK, tomahawk_figures), bad, (POTANIN, potanin_figures)]
    run = store.load_all(stream, Run.begin(["seeds/", "more.jsonl"], "test"), batch_size=1)
    assert (run.documents, run.figures, run.messages) == (2, 5, ("more.jsonl:3: not valid JSON",))
    assert counts(store) == (2, 5)
    stored = store.query("SELECT documents, figures, problems, finished FROM runs").to_dict("records")
    assert [(r["documents"], r["figures"], r["problems"]) for r in stored] == [(2, 5, 1)]
    assert stored[0]["finished"] is not None


def test_load_all_keeps_the_batches_before_a_failure(
    store: Store, tomahawk_figures: list[Figure], potanin_figures: list[Figure]
) -> None:
    shifted = dataclasses.replace(potanin_figures[0], start=potanin_figures[0].start + 1)
    run = Run.begin(["x"], "test")
    with pytest.raises(StoreError):
        store.load_all([(TOMAHAWK, tomahawk_figures), (POTANIN, [shifted])], run, batch_size=1)
    assert counts(store) == (1, 3)
    stored = store.query("SELECT documents, finished FROM runs").to_dict("records")
    assert stored[0]["documents"] == 1 and pd.isna(stored[0]["finished"])  # it says how far it got


def test_figure_sources_puts_each_figure_beside_its_article(
    store: Store, tomahawk_figures: list[Figure], potanin_figures: list[Figure]
) -> None:
    store.load([TOMAHAWK, POTANIN], tomahawk_figures + potanin_figures)
    rows = store.query(
        "SELECT text, title, source, date FROM figure_sources WHERE subject = 'Potanina' ORDER BY start"
    )
    assert rows.text.tolist() == ["£30.9million", "around £63m"]
    assert set(rows.source) == {"Daily Mail"}
    assert {pd.Timestamp(d).date() for d in rows.date} == {dt.date(2025, 9, 30)}


def test_figures_by_dimension_counts_each_dimension(
    store: Store, tomahawk_figures: list[Figure], potanin_figures: list[Figure]
) -> None:
    store.load([TOMAHAWK, POTANIN], tomahawk_figures + potanin_figures)
    rows = store.query("SELECT dimension, figures, documents, ranges FROM figures_by_dimension")
    assert rows.to_dict("records") == [
        {"dimension": "money", "figures": 3, "documents": 2, "ranges": 1},
        {"dimension": "length", "figures": 2, "documents": 1, "ranges": 0},
    ]


def test_subjects_sums_up_what_is_said_about_each_subject(
    store: Store, tomahawk_figures: list[Figure], potanin_figures: list[Figure]
) -> None:
    store.load([TOMAHAWK, POTANIN], tomahawk_figures + potanin_figures)
    rows = store.query(
        "SELECT subject, property, figures, documents, as_written FROM subjects ORDER BY subject"
    )
    assert rows.to_dict("records") == [
        {"subject": "Potanina", "property": "settlement", "figures": 2, "documents": 1,
         "as_written": "around £63m | £30.9million"},
        {"subject": "Tomahawk", "property": "range", "figures": 2, "documents": 1,
         "as_written": "1,600 kilometers | about 995 miles"},
    ]  # fmt: skip


def test_documents_summary_lists_articles_without_figures_too(
    store: Store, tomahawk_figures: list[Figure]
) -> None:
    store.load([TOMAHAWK, POTANIN], tomahawk_figures)
    rows = store.query("SELECT doc_id, figures FROM documents_summary ORDER BY doc_id")
    assert rows.to_dict("list") == {"doc_id": ["potanin", "tomahawk"], "figures": [0, 3]}


@pytest.mark.parametrize("export_format", EXPORT_FORMATS)
def test_export_round_trips(
    store: Store,
    tmp_path: Path,
    export_format: str,
    tomahawk_figures: list[Figure],
    potanin_figures: list[Figure],
) -> None:
    store.load([TOMAHAWK, POTANIN], tomahawk_figures + potanin_figures)
    target = store.export(tmp_path / f"out.{export_format}", export_format)
    reader = {"csv": "read_csv", "jsonl": "read_json", "parquet": "read_parquet"}[export_format]
    columns = 'figure_id, doc_id, start, "end", text, value, range_low, range_high, unit, low, high, subject'
    back = duckdb.sql(f"SELECT {columns} FROM {reader}('{target}') ORDER BY figure_id").df()
    original = store.query(f"SELECT {columns} FROM figures ORDER BY figure_id")
    pd.testing.assert_frame_equal(back, original, check_dtype=False)


def test_export_refuses_unknown_formats_and_relations(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        store.export(tmp_path / "x.xml", "xml")
    with pytest.raises(StoreError, match="no table or view named"):
        store.export(tmp_path / "x.csv", "csv", "figures; DROP TABLE figures")


def test_query_errors_are_store_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="nowhere"):
        store.query("SELECT * FROM nowhere")


def test_a_statement_without_rows_gives_a_frame(store: Store) -> None:
    assert isinstance(store.query("CREATE TABLE notes (note VARCHAR)"), pd.DataFrame)


def test_open_store_refuses_what_is_not_a_database(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="garbage.duckdb"):
        open_store(garbage)
    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "missing.duckdb", must_exist=True)
    assert not (tmp_path / "missing.duckdb").exists()
