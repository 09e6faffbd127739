"""The disagreements stored at write time (schema 5): after any load, the table `disagreements` holds
exactly what the view `live_disagreements` computes from the figures, and `figures conflicts` prints the
same from the table as from the view.

Each load notes what it touched (the entities of the figures it replaced and loaded, the entities the
merge moved names between, the sentences of dual-unit statements) and the refresh finds those
disagreements again; these tests load in the ways that move a figure from one group to another.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from figures.cli import main
from figures.compare import count_disagreements, find_disagreements
from figures.compare.disagreements import ORDER
from figures.errors import StoreError
from figures.model import Document, Entity, Figure
from figures.store import Store, database, open_store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MakeFigure = Callable[..., Figure]


def stored_and_live(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The table's rows and the view's, in the readers' order."""
    stored = store.fetch(f"SELECT * FROM disagreements ORDER BY {ORDER}").rows
    live = store.fetch(f"SELECT * FROM live_disagreements ORDER BY {ORDER}").rows
    return stored, live


def assert_stored_is_live(store: Store) -> list[tuple[Any, ...]]:
    assert store.disagreements_current
    stored, live = stored_and_live(store)
    assert stored == live
    return stored


# -- the seed corpus, once and fifty times --------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stored") / "seed.duckdb"
    result = CliRunner().invoke(main, ["extract", str(SEEDS), "--db", str(db), "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def test_the_seed_corpus_stores_what_the_view_computes(seed_db: Path) -> None:
    with open_store(seed_db) as store:
        stored = assert_stored_is_live(store)
        assert stored  # the seed disagrees about something (the Potanina settlement at least)
        assert count_disagreements(store) == len(stored)


def _live_copy(db: Path, folder: Path) -> Path:
    """A copy of ``db`` whose stored disagreements wait for a refresh: readers compute them live."""
    copy = folder / f"live-{db.name}"
    shutil.copy(db, copy)
    with open_store(copy, read_only=False) as store:
        store.execute("INSERT INTO disagreements_pending (everything) VALUES (true)", write=True)
    with open_store(copy) as store:
        assert not store.disagreements_current
    return copy


CONFLICTS_OPTIONS = [
    [],
    ["--format", "json"],
    ["--format", "jsonl"],
    ["--format", "csv"],
    ["--limit", "1"],
    ["--format", "json", "--limit", "1"],
    ["--property", "settlement"],
    ["--entity", "natalia potanina"],
    ["--entity", "nobody", "--property", "range"],
]


def _conflicts_outputs(db: Path) -> list[str]:
    outputs = []
    for options in CONFLICTS_OPTIONS:
        result = CliRunner().invoke(main, ["conflicts", "--db", str(db), *options])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    return outputs


def test_figures_conflicts_prints_the_same_from_the_table_as_from_the_view(
    seed_db: Path, tmp_path: Path
) -> None:
    from_table = _conflicts_outputs(seed_db)
    from_view = _conflicts_outputs(_live_copy(seed_db, tmp_path))
    assert from_table == from_view
    assert "Natalia Potanina · settlement" in from_table[0]
    with open_store(seed_db) as store:
        assert from_table[0].startswith(f"Disagreements ({count_disagreements(store)}")


def _documents(store: Store) -> list[Document]:
    rows = store.fetch(
        "SELECT doc_id, text, title, source, date, url, path, line FROM documents ORDER BY doc_id"
    )
    return [Document(*row) for row in rows.rows]


def load_copies(store: Store, copies: range, refresh: bool) -> None:
    """Every article of the store's first copy again under the ids doc_id~k, one load per ten copies,
    with its figures as the linker gave them (so the store merges their entities as it did)."""
    originals = [d for d in _documents(store) if "~" not in d.doc_id]
    figures_of = {d.doc_id: store.figures_of(d.doc_id) for d in originals}
    for first in range(copies.start, copies.stop, 10):
        documents: list[Document] = []
        found: list[Figure] = []
        for k in range(first, min(first + 10, copies.stop)):
            for document in originals:
                copy_id = f"{document.doc_id}~{k}"
                documents.append(replace(document, doc_id=copy_id))
                found += [replace(f, doc_id=copy_id) for f in figures_of[document.doc_id]]
        store.load(documents, found, refresh=refresh)


@pytest.fixture(scope="module")
def seed_db_50(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and 49 copies of it under other ids, loaded through Store.load and refreshed per load."""
    db = tmp_path_factory.mktemp("stored50") / "seed50.duckdb"
    shutil.copy(seed_db, db)
    with open_store(db, read_only=False) as store:
        load_copies(store, range(1, 50), refresh=True)
    return db


def test_fifty_copies_store_what_the_view_computes(seed_db: Path, seed_db_50: Path) -> None:
    with open_store(seed_db) as store:
        once = {row[0]: row for row in assert_stored_is_live(store)}
    with open_store(seed_db_50) as store:
        assert store.fetch("SELECT count(*) FROM documents").rows == [(50 * len(_documents_of(seed_db)),)]
        fifty = assert_stored_is_live(store)
    assert {row[0] for row in fifty} == set(once)  # copies never add a disagreement, nor take one away
    with open_store(seed_db_50) as store:
        for disagreement in find_disagreements(store):
            assert disagreement.copies == 50 * disagreement.articles


def _documents_of(db: Path) -> list[Document]:
    with open_store(db) as store:
        return _documents(store)


def test_fifty_copies_print_the_same_from_the_table_as_from_the_view(
    seed_db_50: Path, tmp_path: Path
) -> None:
    assert _conflicts_outputs(seed_db_50) == _conflicts_outputs(_live_copy(seed_db_50, tmp_path))


def test_loads_refreshed_once_at_the_end_store_the_same(
    seed_db: Path, seed_db_50: Path, tmp_path: Path
) -> None:
    """As `figures extract` does: every batch notes what it touched, one refresh at the run's end."""
    db = tmp_path / "once.duckdb"
    shutil.copy(seed_db, db)
    with open_store(db, read_only=False) as store:
        load_copies(store, range(1, 50), refresh=False)
        assert not store.disagreements_current
        assert [d.disagreement_id for d in find_disagreements(store)] == [
            row[0] for row in stored_and_live(store)[1]
        ]  # read live while pending
        store.refresh_disagreements()
        stored = assert_stored_is_live(store)
    with open_store(seed_db_50) as store:
        assert stored == stored_and_live(store)[0]


def test_a_refresh_split_into_buckets_stores_the_same(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refresh of many figures runs in buckets of entities and sentences (its memory bounded at any
    size): with buckets of 20 figures, the seed and four copies of it store what the view computes."""
    db = tmp_path / "buckets.duckdb"
    shutil.copy(seed_db, db)
    monkeypatch.setattr(database, "REFRESH_FIGURES", 20)
    with open_store(db, read_only=False) as store:
        store.execute("INSERT INTO disagreements_pending (everything) VALUES (true)", write=True)
        (figures,) = store.fetch("SELECT count(*) FROM figures").rows[0]
        assert figures > 5 * 20  # several buckets
        store.refresh_disagreements()
        once = assert_stored_is_live(store)
        load_copies(store, range(1, 5), refresh=True)
        assert {row[0] for row in assert_stored_is_live(store)} == {row[0] for row in once}


# -- loads that move figures between groups ----------------------------------------------------------
ARTICLE_ONE = Document("one", "Keir Starmer earns £150,000 a year.", date=dt.date(2025, 1, 6))
ARTICLE_TWO = Document("two", "Mr Starmer earns £160,000 a year.", date=dt.date(2025, 1, 7))
ARTICLE_THREE = Document("three", "John Starmer, a farmer, earns £20,000 a year.", date=dt.date(2025, 1, 8))


def _salary(make_figure: MakeFigure, document: Document, span: str, value: float, who: Entity) -> Figure:
    return make_figure(
        document, span, value, unit="GBP", dimension="money", canonical_unit="GBP", canonical_value=value,
        canonical_low=value, canonical_high=value, subject=who.name, property="salary", property_text="earns",
        entity_id=who.entity_id,
    )  # fmt: skip


def test_a_merge_that_moves_figures_of_other_articles_finds_their_groups_again(
    store: Store, make_figure: MakeFigure
) -> None:
    """A later load names "Keir Starmer": the merge moves the earlier article's "Starmer" onto him, and his
    two salaries disagree; a third load names another Starmer, the surname is split off again, and the
    disagreement goes. Neither later load holds the earlier article."""
    starmer = Entity("starmer", "Starmer", "person")
    keir = Entity("keir-starmer", "Keir Starmer", "person")
    john = Entity("john-starmer", "John Starmer", "person")
    store.load(
        [ARTICLE_TWO], [_salary(make_figure, ARTICLE_TWO, "£160,000", 160000.0, starmer)], entities=[starmer]
    )
    assert assert_stored_is_live(store) == []
    store.load(
        [ARTICLE_ONE], [_salary(make_figure, ARTICLE_ONE, "£150,000", 150000.0, keir)], entities=[keir]
    )
    (merged,) = assert_stored_is_live(store)
    (disagreement,) = find_disagreements(store)
    assert (disagreement.entity, disagreement.property) == ("keir-starmer", "salary")
    assert {claim.doc_id for claim in disagreement.claims()} == {"one", "two"}
    store.load(
        [ARTICLE_THREE], [_salary(make_figure, ARTICLE_THREE, "£20,000", 20000.0, john)], entities=[john]
    )
    assert store.fetch("SELECT entity_id FROM figures WHERE doc_id = 'two'").rows == [("starmer",)]
    assert assert_stored_is_live(store) == []


def test_an_article_loaded_again_takes_its_old_disagreements_away(
    store: Store, make_figure: MakeFigure
) -> None:
    keir = Entity("keir-starmer", "Keir Starmer", "person")
    one = _salary(make_figure, ARTICLE_ONE, "£150,000", 150000.0, keir)
    again = Document("two", "Keir Starmer earns £160,000 a year.", date=dt.date(2025, 1, 7))
    two = _salary(make_figure, again, "£160,000", 160000.0, keir)
    store.load([ARTICLE_ONE, again], [one, two], entities=[keir])
    assert len(assert_stored_is_live(store)) == 1
    corrected = Document("two", "Keir Starmer earns £150,000 a year.", date=dt.date(2025, 1, 7))
    store.load([corrected], [_salary(make_figure, corrected, "£150,000", 150000.0, keir)], entities=[keir])
    assert assert_stored_is_live(store) == []
    store.load([again], [], entities=[])  # no figures at all now
    assert assert_stored_is_live(store) == []


def _halves(make_figure: MakeFigure, document: Document, kilometres: float) -> list[Figure]:
    """ "995 miles (N kilometers)": the two halves of one statement, without a subject."""
    miles = make_figure(
        document, "995 miles", 995.0, unit="mile", dimension="length", canonical_unit="meter",
        canonical_value=995 * 1609.344, canonical_low=995 * 1609.344, canonical_high=995 * 1609.344,
        group="g1", step=1.0,
    )  # fmt: skip
    span = f"{kilometres:,.0f} kilometers"
    metres = kilometres * 1000
    km = make_figure(
        document, span, kilometres, unit="kilometer", dimension="length", canonical_unit="meter",
        canonical_value=metres, canonical_low=metres, canonical_high=metres, group="g1", step=1.0,
    )  # fmt: skip
    return [miles, km]


def test_a_bad_conversion_is_stored_and_goes_when_its_article_is_corrected(
    store: Store, make_figure: MakeFigure
) -> None:
    wrong = Document("range", "It flies 995 miles (1,200 kilometers) at most.")
    copy = replace(wrong, doc_id="range-copy")
    store.load([wrong, copy], _halves(make_figure, wrong, 1200) + _halves(make_figure, copy, 1200))
    (row,) = assert_stored_is_live(store)
    (bad,) = find_disagreements(store)
    assert (bad.kind, bad.copies) == ("bad_conversion", 2)
    store.load([copy], [])  # one copy fewer: the same disagreement, one copy
    assert [d.copies for d in find_disagreements(store)] == [1]
    assert len(assert_stored_is_live(store)) == 1
    right = Document("range", "It flies 995 miles (1,601 kilometers) at most.")
    store.load([right], _halves(make_figure, right, 1601))
    assert assert_stored_is_live(store) == []


def test_conflicts_limit_shows_the_first_and_counts_them_all(tmp_path: Path, make_figure: MakeFigure) -> None:
    path = tmp_path / "two.duckdb"
    with open_store(path, read_only=False) as store:
        for name, low, high in (("Keir Starmer", 150000.0, 160000.0), ("David Lammy", 120000.0, 130000.0)):
            who = Entity(name.lower().replace(" ", "-"), name, "person")
            documents = [
                Document(
                    f"{who.entity_id}-{n}", f"{name} earns £{value:,.0f} a year.", date=dt.date(2025, 1, n)
                )
                for n, value in ((1, low), (2, high))
            ]
            found = [
                _salary(make_figure, document, f"£{value:,.0f}", value, who)
                for document, value in zip(documents, (low, high), strict=True)
            ]
            store.load(documents, found, entities=[who])
        assert len(assert_stored_is_live(store)) == 2
    outputs = []
    for db in (path, _live_copy(path, tmp_path)):
        result = CliRunner().invoke(main, ["conflicts", "--db", str(db), "--limit", "1"])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith("Disagreements (2, the first 1):")
    assert outputs[0].count(" · salary") == 1


# -- readers, writes by hand, runs cut off, older files ---------------------------------------------------
def _two_salaries(store: Store, make_figure: MakeFigure, refresh: bool = True) -> None:
    keir = Entity("keir-starmer", "Keir Starmer", "person")
    two = Document("two", "Keir Starmer earns £160,000 a year.", date=dt.date(2025, 1, 7))
    store.load(
        [ARTICLE_ONE, two],
        [_salary(make_figure, ARTICLE_ONE, "£150,000", 150000.0, keir),
         _salary(make_figure, two, "£160,000", 160000.0, keir)],
        entities=[keir],
        refresh=refresh,
    )  # fmt: skip


def test_a_write_by_hand_is_read_live_until_the_next_refresh_makes_the_table_again(
    store: Store, make_figure: MakeFigure
) -> None:
    _two_salaries(store, make_figure)
    assert len(find_disagreements(store)) == 1
    store.execute("DELETE FROM figures WHERE doc_id = 'two'", write=True)
    assert not store.disagreements_current
    assert find_disagreements(store) == [] and count_disagreements(store) == 0  # live: what the figures say
    assert len(stored_and_live(store)[0]) == 1  # the table is behind until refreshed
    store.refresh_disagreements()
    assert assert_stored_is_live(store) == []
    store.execute(
        "SELECT count(*) FROM figures", write=True
    )  # a read, even allowed to write, changes nothing
    assert store.disagreements_current


def test_a_run_cut_off_before_its_refresh_is_read_live_and_refreshed_by_the_next(
    tmp_path: Path, make_figure: MakeFigure
) -> None:
    path = tmp_path / "cut.duckdb"
    with open_store(path, read_only=False) as store:
        _two_salaries(store, make_figure, refresh=False)  # the batches of a run that never reached its end
    with open_store(path) as reader:
        assert not reader.disagreements_current
        assert len(find_disagreements(reader)) == 1 and reader.fetch("SELECT * FROM disagreements").rows == []
    with open_store(path, read_only=False) as store:
        store.refresh_disagreements()  # what the next `figures extract` does at its end
        assert len(assert_stored_is_live(store)) == 1


def _as_schema_4(path: Path) -> None:
    """Turn a file of this figures into what figures wrote at schema 4: `disagreements` a view."""
    with duckdb.connect(str(path)) as older:
        older.execute("DROP TABLE disagreements; DROP TABLE disagreements_pending")
        older.execute("CREATE VIEW disagreements AS SELECT * FROM live_disagreements")
        older.execute("DELETE FROM schema_version")
        older.execute("INSERT INTO schema_version VALUES (4, now()::TIMESTAMP, '0.4', 'older views')")


def test_a_file_of_schema_4_gets_its_table_filled_when_it_is_upgraded(
    tmp_path: Path, make_figure: MakeFigure
) -> None:
    path = tmp_path / "v4.duckdb"
    with open_store(path, read_only=False) as store:
        _two_salaries(store, make_figure)
    _as_schema_4(path)
    with pytest.raises(StoreError, match=r"older figures \(schema version 4, now 5\)"):
        open_store(path)  # a reader never upgrades
    with open_store(path, read_only=False) as store:
        assert store.schema_version == database.SCHEMA_VERSION == 5
        assert store.relations()["disagreements"] == "table"
        assert len(assert_stored_is_live(store)) == 1
    with open_store(path) as reader:
        assert [d.property for d in find_disagreements(reader)] == ["salary"]


def test_readers_only_read(seed_db: Path) -> None:
    """Reading the stored disagreements, current or pending, never writes the file."""
    before = seed_db.read_bytes()
    with open_store(seed_db) as store:
        find_disagreements(store)
        count_disagreements(store)
        store.fetch("SELECT * FROM conflict_pairs")
    assert seed_db.read_bytes() == before


def test_conflict_pairs_reads_the_stored_table(seed_db: Path) -> None:
    with open_store(seed_db) as store:
        pairs = store.fetch("SELECT disagreement_id FROM conflict_pairs").rows
        stored = store.fetch("SELECT disagreement_id, cluster_count FROM disagreements").rows
    assert sorted({row[0] for row in pairs}) == sorted(row[0] for row in stored)
    assert len(pairs) == sum(count - 1 for _, count in stored)
