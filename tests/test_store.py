"""The DuckDB store: schema, idempotent bulk loads, views, queries and exports.

The figures here are made by hand (conftest.make_figure) from sentences of the seed corpus, so these
tests hold whatever the extractor finds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import figures
from figures.errors import StoreError
from figures.model import Document, Entity, Figure, Problem
from figures.store import EXPORT_FORMATS, Run, Store, database, docs, figure_id, open_store

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
    with open_store(tmp_path / "x.duckdb", read_only=False) as store:
        assert store.relations()["a_first"] == "view"


def test_a_broken_view_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = database._sql_files()
    broken = ("broken.sql", "CREATE OR REPLACE VIEW broken AS SELECT nothing FROM nowhere")
    monkeypatch.setattr(database, "_sql_files", lambda: [*files, broken])
    with pytest.raises(StoreError, match="broken.sql"):
        open_store(tmp_path / "x.duckdb", read_only=False)


def test_a_file_from_a_version_with_other_columns_is_refused(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "old.duckdb")) as old:
        old.execute("CREATE TABLE figures (figure_id VARCHAR PRIMARY KEY, doc_id VARCHAR, text VARCHAR)")
    with pytest.raises(StoreError, match="another version of figures .*figures.* differ"):
        open_store(tmp_path / "old.duckdb", read_only=False)
    with duckdb.connect(str(tmp_path / "old.duckdb"), read_only=True) as old:  # left as it was
        assert old.execute("SELECT table_name FROM duckdb_tables()").fetchall() == [("figures",)]
        assert len(old.execute("SELECT * FROM figures").description) == 3


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
        with open_store(tmp_path / "again.duckdb", read_only=False) as store:
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
    stream: list[tuple[Document, list[Figure]] | Problem] = [
        (TOMAHAWK, tomahawk_figures),
        bad,
        (POTANIN, potanin_figures),
    ]
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
    assert isinstance(store.query("CREATE TABLE notes (note VARCHAR)", write=True), pd.DataFrame)


def test_open_store_refuses_what_is_not_a_database(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="garbage.duckdb"):
        open_store(garbage, read_only=False)
    with pytest.raises(StoreError, match="garbage.duckdb"):
        open_store(garbage)
    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "missing.duckdb")
    assert not (tmp_path / "missing.duckdb").exists()


# -- schema versions and upgrades ---------------------------------------------------------------------
V1_SCHEMA = Path(__file__).parent / "data" / "schema_v1.sql"


def _v1_file(path: Path) -> Path:
    """A file as the figures before versioning left it: its tables, one article and one figure."""
    with duckdb.connect(str(path)) as old:
        old.execute(V1_SCHEMA.read_text(encoding="utf-8"))
        old.execute("INSERT INTO documents (doc_id, text, date) VALUES ('d1', 'It costs $2m.', '2025-10-14')")
        old.execute(
            'INSERT INTO figures (figure_id, doc_id, ordinal, start, "end", text, value, unit, vague, '
            "dimension, sentence, sentence_start) VALUES ('d1:9:12:0', 'd1', 0, 9, 12, '$2m', 2e6, 'USD', "
            "false, 'money', 'It costs $2m.', 0)"
        )
    return path


def test_a_new_file_records_its_schema_version(store: Store) -> None:
    rows = store.query("SELECT version, figures_version FROM schema_version").to_dict("records")
    assert rows == [{"version": database.SCHEMA_VERSION, "figures_version": figures.__version__}]
    assert store.schema_version == database.SCHEMA_VERSION >= 2


def test_an_older_file_is_upgraded_by_a_writer_and_keeps_its_rows(tmp_path: Path) -> None:
    path = _v1_file(tmp_path / "v1.duckdb")
    now = database.SCHEMA_VERSION
    with pytest.raises(StoreError, match=rf"older figures \(schema version 1, now {now}\): `figures extract"):
        open_store(path)  # a reader never upgrades
    with duckdb.connect(str(path), read_only=True) as old:  # written in duckdb's own newest storage
        assert database._storage_version(old) > database._version_numbers(database.STORAGE_VERSION)
    with open_store(path, read_only=False) as store:
        assert store.schema_version == now
        # rewritten in the storage every DuckDB from 1.1 reads
        assert database._storage_version(store.connection) <= database._version_numbers("v1.1.0")
        row = store.fetch("SELECT text, value, time_start, time_end, entity_id FROM figures").rows
        assert row == [("$2m", 2e6, None, None, None)]
        assert {"entities", "schema_version", "disagreements", "figure_sources"} <= set(store.relations())
    fresh = tmp_path / "fresh.duckdb"
    open_store(fresh, read_only=False).close()
    columns = "SELECT table_name, column_name, data_type, comment FROM duckdb_columns() ORDER BY ALL"
    with duckdb.connect(str(path), read_only=True) as upgraded:
        after_upgrade = upgraded.execute(columns).fetchall()
    with duckdb.connect(str(fresh), read_only=True) as made:
        assert after_upgrade == made.execute(columns).fetchall()  # the same tables, views and comments
    with open_store(path) as store:  # now readable
        assert store.query("SELECT date FROM documents").date[0] == dt.date(2025, 10, 14)


def test_a_newer_file_is_refused_by_readers_and_writers(tmp_path: Path) -> None:
    path = tmp_path / "newer.duckdb"
    newer = database.SCHEMA_VERSION + 1
    open_store(path, read_only=False).close()
    with duckdb.connect(str(path)) as later:
        later.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP, '9.0', 'later')", [newer])
    for read_only in (True, False):
        with pytest.raises(
            StoreError, match=rf"newer figures \(schema version {newer}; figures .* up to {newer - 1}\)"
        ):
            open_store(path, read_only=read_only)


def test_views_are_made_again_by_a_writer_only_when_their_files_changed(tmp_path: Path) -> None:
    path = tmp_path / "views.duckdb"
    open_store(path, read_only=False).close()
    with duckdb.connect(str(path)) as hand:  # as if an older figures had made other views
        hand.execute("DROP VIEW subjects")
        hand.execute("UPDATE schema_version SET views = 'older'")
    with open_store(path) as reader:
        assert "subjects" not in reader.relations()  # a reader never makes views
        assert reader.views_outdated
    with open_store(path, read_only=False) as writer:
        assert writer.has_view("subjects") and not writer.views_outdated
        made = len(writer.query("SELECT * FROM schema_version"))
    with open_store(path, read_only=False) as writer:  # current views: nothing to do
        assert len(writer.query("SELECT * FROM schema_version")) == made == 2


def test_opening_for_reading_changes_nothing_in_the_file(
    tmp_path: Path, tomahawk_figures: list[Figure]
) -> None:
    path = tmp_path / "read.duckdb"
    with open_store(path, read_only=False) as store:
        store.load([TOMAHAWK], tomahawk_figures)
    before = path.read_bytes()
    with open_store(path) as store:
        store.query("SELECT * FROM disagreements")
        store.export(tmp_path / "out.csv")
    assert path.read_bytes() == before
    assert not Path(f"{path}.wal").exists()


# -- comments: schema.md, the COMMENTs and the README ---------------------------------------------------
def test_every_table_view_and_column_has_a_comment(store: Store) -> None:
    """Everything in the file; a writer's scratch (its temp tables, the in-memory catalog where it finds
    the disagreements of a load) is no part of the file."""
    ours = "database_name = current_database() AND NOT internal AND coalesce(comment, '') = ''"
    missing = store.query(
        f"SELECT table_name || '.' || column_name AS name FROM duckdb_columns() WHERE {ours} "
        f"UNION ALL SELECT table_name FROM duckdb_tables() WHERE {ours} "
        f"UNION ALL SELECT view_name FROM duckdb_views() WHERE {ours}"
    )
    assert missing.name.tolist() == []


def test_schema_md_names_only_what_exists(store: Store) -> None:
    found: dict[str, set[str]] = {}
    for table, column in store.connection.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal"
    ).fetchall():
        found.setdefault(table, set()).add(column)
    kinds = store.relations()
    for name, relation in docs.relations().items():
        assert kinds.get(name) == relation.kind, f"schema.md describes {relation.kind} {name}"
        for pattern, _ in relation.columns:
            assert fnmatch.filter(found[name], pattern), f"schema.md: {name}.{pattern} names no column"


def test_the_comments_are_the_text_of_schema_md(store: Store) -> None:
    comment = store.query(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'conflict_pairs' AND column_name = 'a_text'"
    ).comment[0]
    assert comment.startswith("the first and second figure's figures or documents column of the same name")
    assert store.query("SELECT comment FROM duckdb_tables() WHERE table_name = 'entities'").comment[0] == (
        docs.relations()["entities"].text
    )


def test_the_readme_schema_section_is_schema_md() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert docs.readme_with_docs(readme) == readme, "run: python -m figures.store.docs README.md"


# -- reading: read-only, statement types, the locked configuration ------------------------------------
@pytest.fixture
def loaded(tmp_path: Path, tomahawk_figures: list[Figure], potanin_figures: list[Figure]) -> Path:
    path = tmp_path / "loaded.duckdb"
    with open_store(path, read_only=False) as store:
        store.load([TOMAHAWK, POTANIN], tomahawk_figures + potanin_figures)
    return path


def test_reading_a_missing_file_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at .*missing.duckdb: run `figures extract` first"):
        open_store(tmp_path / "missing.duckdb")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO documents (doc_id, text) VALUES ('x', 'x')",
        "DELETE FROM figures",
        "UPDATE figures SET value = 0",
        "DROP TABLE figures",
        "CREATE TABLE t (x INTEGER)",
        "COPY figures TO 'out.csv'",
        "ATTACH 'other.duckdb' AS other",
        "IMPORT DATABASE 'somewhere'",
        "INSTALL httpfs",
        "SET threads = 1",
        "SELECT 1; DELETE FROM figures",
    ],
)
def test_a_query_that_writes_is_refused_by_its_statement_type(loaded: Path, sql: str) -> None:
    for read_only in (True, False):
        with open_store(loaded, read_only=read_only) as store:
            with pytest.raises(StoreError, match="[A-Z]+ statement refused: a query only reads"):
                store.query(sql)
            with pytest.raises(StoreError, match="statement refused"):
                store.fetch(sql)
            assert counts(store) == (2, 5)  # nothing ran, not even the SELECT before the DELETE


def test_explain_is_a_read_only_where_the_database_refuses_writes(loaded: Path) -> None:
    # EXPLAIN ANALYZE runs the statement it explains
    with open_store(loaded) as store:
        assert len(store.query("EXPLAIN SELECT count(*) FROM figures")) > 0
        with pytest.raises(StoreError, match="read-only mode"):
            store.query("EXPLAIN ANALYZE DELETE FROM figures")
    with open_store(loaded, read_only=False) as store:
        with pytest.raises(StoreError, match="EXPLAIN statement refused"):
            store.query("EXPLAIN ANALYZE DELETE FROM figures")
        assert counts(store) == (2, 5)


def test_writing_by_hand_takes_the_file_as_it_is(tmp_path: Path, loaded: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "typo.duckdb", read_only=False, upgrade=False)
    assert not (tmp_path / "typo.duckdb").exists()
    old = _v1_file(tmp_path / "v1.duckdb")
    with pytest.raises(StoreError, match="older figures .*`figures extract"):
        open_store(old, read_only=False, upgrade=False)
    with open_store(loaded, read_only=False, upgrade=False) as store:
        store.query("DELETE FROM figures WHERE doc_id = 'potanin'", write=True)
        assert counts(store) == (2, 3)


def test_a_writable_store_writes_when_asked(loaded: Path) -> None:
    with open_store(loaded, read_only=False) as store:
        store.query("DELETE FROM figures WHERE doc_id = 'potanin'", write=True)
        assert counts(store) == (2, 3)


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        ("DELETE FROM figures", "read-only mode"),
        ("COPY figures TO '{tmp}/out.csv'", "file system operations are disabled"),
        ("SELECT * FROM read_text('/etc/passwd')", "file system operations are disabled"),
        ("SELECT * FROM read_csv('/etc/passwd')", "file system operations are disabled"),
        ("SELECT * FROM '{tmp}/loaded.duckdb.csv'", "file system operations are disabled"),
        ("ATTACH '{tmp}/other.duckdb' AS other", "disabled|read-only"),
        ("INSTALL httpfs", "file system operations are disabled|disabled through configuration"),
        ("LOAD httpfs", "disabled through configuration"),
        ("SET enable_external_access = true", "the configuration has been locked"),
        ("SET lock_configuration = false", "the configuration has been locked"),
        ("SET allowed_directories = ['/']", "the configuration has been locked"),
    ],
)
@pytest.mark.parametrize("exports", [False, True], ids=["reader", "reader that may export"])
def test_a_reader_cannot_write_or_reach_files_even_when_writing_is_allowed(
    loaded: Path, tmp_path: Path, sql: str, refusal: str, exports: bool
) -> None:
    """The same lock-down for a reader given a folder to export into: that folder is all it may touch."""
    (tmp_path / "loaded.duckdb.csv").write_text("a\n1\n", encoding="utf-8")
    folder = tmp_path / "exports" if exports else None
    if folder is not None:
        folder.mkdir()
    with open_store(loaded, export_folder=folder) as store:
        with pytest.raises(StoreError, match=refusal):
            store.query(sql.format(tmp=tmp_path), write=True)
        assert counts(store) == (2, 5)
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_reads_take_parameters_by_position_and_by_name(loaded: Path) -> None:
    with open_store(loaded) as store:
        by_position = store.query("SELECT text FROM figures WHERE doc_id = ? AND value > ?", ["potanin", 4e7])
        by_name = store.fetch("SELECT text FROM figures WHERE doc_id = $doc", {"doc": "potanin"})
    assert by_position.text.tolist() == ["around £63m"]
    assert sorted(row[0] for row in by_name.rows) == ["around £63m", "£30.9million"]


def test_dates_come_back_as_dates(loaded: Path) -> None:
    with open_store(loaded) as store:
        frame = store.query("SELECT date FROM documents WHERE doc_id = 'tomahawk'")
        rows = store.fetch("SELECT date, fx_date FROM figure_sources WHERE fx_date IS NOT NULL")
    assert frame.date.tolist() == [dt.date(2025, 10, 12)]
    assert (rows.types, rows.rows) == (("DATE", "DATE"), [(dt.date(2025, 10, 12), dt.date(2025, 10, 10))])


def test_fetch_keeps_a_limit_of_rows_and_counts_them_all(loaded: Path) -> None:
    with open_store(loaded) as store:
        some = store.fetch("SELECT figure_id, value FROM figures ORDER BY figure_id", limit=2)
        every = store.fetch("SELECT figure_id, value FROM figures ORDER BY figure_id")
        nothing = store.fetch("SELECT 1 AS one WHERE false", limit=2)
    assert (some.columns, some.types) == (("figure_id", "value"), ("VARCHAR", "DOUBLE"))
    assert (len(some.rows), some.total, some.rows) == (2, 5, every.rows[:2])
    assert (every.total, nothing.total, nothing.rows) == (5, 0, [])


@pytest.mark.parametrize("export_format", EXPORT_FORMATS)
def test_a_reader_exports_the_same_file_as_a_writer(loaded: Path, tmp_path: Path, export_format: str) -> None:
    with open_store(loaded, read_only=False) as store:
        written = store.export(tmp_path / f"writer.{export_format}", export_format).read_bytes()
    with open_store(loaded) as store:  # through Arrow batches: this reader may touch no file
        read = store.export(tmp_path / f"reader.{export_format}", export_format).read_bytes()
    folder = tmp_path / "exports"
    folder.mkdir()
    with open_store(loaded, export_folder=folder) as store:  # DuckDB's COPY, into the one folder allowed
        copied = store.export(folder / f"reader.{export_format}", export_format).read_bytes()
    if export_format == "parquet":  # the same rows and types; the file's metadata may differ
        query = "SELECT * FROM read_parquet(?) ORDER BY figure_id"
        writer_rows = duckdb.execute(query, [str(tmp_path / "writer.parquet")]).fetchall()
        assert writer_rows == duckdb.execute(query, [str(tmp_path / "reader.parquet")]).fetchall()
        assert writer_rows == duckdb.execute(query, [str(folder / "reader.parquet")]).fetchall()
    else:
        assert read == written == copied
    if export_format == "jsonl":
        extra = [json.loads(line)["extra"] for line in read.decode().splitlines()]
        assert {"source": "hand-made", "checked": "2025-11-01"} in extra  # JSON stays JSON, not a string


def test_a_reader_that_may_export_writes_only_inside_its_folder(loaded: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    with open_store(loaded, export_folder=folder) as store:
        store.export(folder / "figures.csv")
        with pytest.raises(duckdb.Error, match="file system operations are disabled"):
            store.connection.execute(f"COPY figures TO '{tmp_path / 'beside.csv'}'")
        store.export(tmp_path / "outside.csv")  # outside the folder: through Arrow, never DuckDB's COPY
    assert (folder / "figures.csv").read_bytes() == (tmp_path / "outside.csv").read_bytes()
    assert not (tmp_path / "beside.csv").exists()


# -- one writer: DuckDB's rule, between processes and within one ----------------------------------------
HOLD = """
import sys
from figures.store import Run, open_store
store = open_store(sys.argv[1], read_only=False)
print("holding", flush=True)
sys.stdin.readline()
store.record(Run.begin(["written after the readers were refused"], "test"))  # the writer goes on
store.close()
print("released", flush=True)
"""


def _holder(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    return holder


def test_a_reader_while_another_process_writes_gets_duckdbs_rule(loaded: Path) -> None:
    holder = _holder(loaded)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError) as refused:
            open_store(loaded)
        at_once = time.monotonic() - started
        message = str(refused.value)
        assert "is in use by another process" in message
        assert "DuckDB lets one process write a database file, or any number of processes read it" in message
        assert "Could not set lock on file" in message  # DuckDB's own words
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"waited 0.5 s"):
            open_store(loaded, wait=0.5)
        waited = time.monotonic() - started
        with pytest.raises(StoreError, match="in use by another process"):
            open_store(loaded, read_only=False)  # a second writer too
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    assert at_once < waited and waited >= 0.5
    with open_store(loaded) as store:  # the writer went on and is gone: the file is whole and readable
        assert counts(store) == (2, 5)
        assert store.fetch("SELECT paths FROM runs").rows == [(["written after the readers were refused"],)]


def test_a_reader_that_waits_gets_in_when_the_writer_ends(loaded: Path) -> None:
    holder = _holder(loaded)
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()  # the writer closes while the reader is waiting
    with open_store(loaded, wait=30) as store:
        assert counts(store) == (2, 5)
    holder.wait(timeout=30)


def test_one_process_opens_a_file_for_reading_or_for_writing(loaded: Path) -> None:
    with open_store(loaded, read_only=False), pytest.raises(StoreError, match="already open in this process"):
        open_store(loaded)
    with open_store(loaded), open_store(loaded) as second:  # readers share
        assert counts(second) == (2, 5)


# -- entities -------------------------------------------------------------------------------------------
STARMER = Entity("person:keir-starmer", "Keir Starmer", "person", ("Starmer",))


def test_entities_are_loaded_with_the_figures_that_name_them(
    store: Store, potanin_figures: list[Figure]
) -> None:
    potanina = Entity("person:natalia-potanina", "Natalia Potanina", "person", ("Potanina",))
    named = [dataclasses.replace(f, entity_id=potanina.entity_id) for f in potanin_figures]
    store.load([POTANIN], named, entities=[potanina, STARMER])
    rows = store.query("SELECT * FROM entities ORDER BY entity_id").to_dict("records")
    assert [(r["entity_id"], r["name"], r["kind"], list(r["aliases"])) for r in rows] == [
        ("person:keir-starmer", "Keir Starmer", "person", ["Starmer"]),
        ("person:natalia-potanina", "Natalia Potanina", "person", ["Potanina"]),
    ]
    joined = store.query("SELECT DISTINCT e.name FROM figures JOIN entities AS e USING (entity_id)")
    assert joined.name.tolist() == ["Natalia Potanina"]


def test_an_entity_loaded_again_merges_its_aliases(store: Store) -> None:
    store.load([], [], entities=[STARMER])
    store.load([], [], entities=[dataclasses.replace(STARMER, aliases=("Sir Keir Starmer", "Starmer"))])
    store.load([], [], entities=[dataclasses.replace(STARMER, aliases=("the Prime Minister",)), STARMER])
    rows = store.query("SELECT name, aliases FROM entities").to_dict("records")
    assert len(rows) == 1 and list(rows[0]["aliases"]) == [
        "Sir Keir Starmer",
        "Starmer",
        "the Prime Minister",
    ]
    store.load([], [], entities=[Entity("place:kyiv", "Kyiv", "place")])  # no aliases: an empty list
    assert store.fetch("SELECT aliases FROM entities WHERE entity_id = 'place:kyiv'").rows == [([],)]


def test_a_figure_may_name_an_entity_stored_before(store: Store, potanin_figures: list[Figure]) -> None:
    store.load([], [], entities=[STARMER])
    named = [dataclasses.replace(potanin_figures[0], entity_id=STARMER.entity_id)]
    store.load([POTANIN], named)
    assert store.query("SELECT entity_id FROM figures").entity_id.tolist() == [STARMER.entity_id]


def test_a_figure_naming_an_unknown_entity_is_refused(store: Store, potanin_figures: list[Figure]) -> None:
    named = [dataclasses.replace(potanin_figures[0], entity_id="person:nobody")]
    with pytest.raises(StoreError, match="neither in this batch nor stored: 'person:nobody'"):
        store.load([POTANIN], named)
    assert counts(store) == (0, 0)


def test_load_all_takes_entities_with_each_document(store: Store, potanin_figures: list[Figure]) -> None:
    named = [dataclasses.replace(f, entity_id=STARMER.entity_id) for f in potanin_figures]
    run = store.load_all([(POTANIN, named, [STARMER]), (TOMAHAWK, [])], Run.begin(["x"], "test"))
    assert (run.documents, run.figures) == (2, 2)
    assert store.query("SELECT entity_id FROM entities").entity_id.tolist() == [STARMER.entity_id]


def test_a_file_whose_columns_differ_only_in_order_names_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same columns in another order are another version too, and the message still names the table.

    The columns are checked when a file's views are out of date, as they are in a file an older figures
    wrote; a changed view digest stands for that here."""
    open_store(tmp_path / "x.duckdb", read_only=False).close()
    with duckdb.connect(str(tmp_path / "x.duckdb")) as old:
        columns = old.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'schema_version' "
            "ORDER BY column_index DESC"
        ).fetchall()
        reordered = ", ".join(name for name, _ in columns)
        old.execute(f"CREATE TABLE reordered AS SELECT {reordered} FROM schema_version")
        old.execute("DROP TABLE schema_version")
        old.execute("ALTER TABLE reordered RENAME TO schema_version")
    monkeypatch.setattr(database, "_views_digest", lambda files: "views of another version")
    with pytest.raises(StoreError, match=r"the columns of schema_version differ"):
        open_store(tmp_path / "x.duckdb", read_only=False)
