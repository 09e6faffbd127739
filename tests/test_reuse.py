"""Reusing the analysis of identical text (figures.pipeline.reuse_key, figures.engine): a copy of an article
under another id gets exactly the figures, entities and rows its own analysis would give."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from figures import engine
from figures.engine.analysis import analyse_documents
from figures.ingest import read_paths
from figures.model import Document, Figure
from figures.pipeline import analyse_batch, rebranded, reuse_key
from figures.store import Store, open_store
from tests import engine_faults

ROOT = Path(__file__).resolve().parents[1]
FAULTS = "tests.engine_faults"


def seed_documents() -> list[Document]:
    return [item for item in read_paths(ROOT / "seeds") if isinstance(item, Document)]


def everything(figure: Figure) -> dict[str, Any]:
    return {**dataclasses.asdict(figure), "extra": json.dumps(figure.extra, sort_keys=True, default=str)}


def test_a_copy_analysed_under_its_own_id_equals_the_rebranded_figures() -> None:
    """Ids of other shapes (with ":" and "/", as groups and local entity ids use) change nothing else."""
    documents = seed_documents()
    assert len(documents) >= 20
    first = analyse_batch(documents)
    second = analyse_batch([dataclasses.replace(d, doc_id=f"wire/{d.doc_id}:copy") for d in documents])
    groups = 0
    for document, found, again in zip(documents, first, second, strict=True):
        expected = [everything(f) for f in again]
        assert [everything(f) for f in rebranded(found, document.doc_id, f"wire/{document.doc_id}:copy")] == (
            expected
        )
        groups += sum(1 for f in again if f.group and f.group.startswith("wire/"))
    assert groups > 0  # statements in two units carry the id in their group: that rule is exercised


def test_rebranding_renames_the_ids_that_hold_the_article_id_and_no_other() -> None:
    figure = Figure("src", 4, 8, "5 km", 5.0, group="src:4", entity_id="src/the-package")
    named = dataclasses.replace(figure, group="other:4", entity_id="keir-starmer")
    renamed = rebranded([figure, named], "src", "dst")
    assert [(f.doc_id, f.group, f.entity_id) for f in renamed] == [
        ("dst", "dst:4", "dst/the-package"),
        ("dst", "other:4", "keir-starmer"),
    ]


def test_the_reuse_key_is_the_text_the_date_and_the_outlet_dollar() -> None:
    import datetime as dt

    base = Document("a", "It cost $5m.", date=dt.date(2025, 1, 2), url="https://www.bbc.co.uk/x")
    elsewhere = dataclasses.replace(base, doc_id="b", title="Other", path="f", line=3)
    assert reuse_key(elsewhere) == reuse_key(base)
    assert reuse_key(dataclasses.replace(base, text="It cost $6m.")) != reuse_key(base)
    assert reuse_key(dataclasses.replace(base, date=dt.date(2025, 1, 3))) != reuse_key(base)
    # an Australian outlet reads "$" as its own dollar: not the same analysis
    assert reuse_key(dataclasses.replace(base, url="https://www.abc.net.au/x")) != reuse_key(base)


def test_a_batch_analyses_each_text_once_and_a_failure_is_every_copys() -> None:
    documents = seed_documents()[:2]
    batch = [*documents, dataclasses.replace(documents[0], doc_id="copy-0")]
    broken = Document("broken", f"It was 5 km. {engine_faults.RAISES}")
    results = analyse_documents([*batch, broken, dataclasses.replace(broken, doc_id="broken-copy")], FAULTS)
    (d0, f0), _, (d2, f2) = results[:3]  # type: ignore[misc]
    assert d2.doc_id == "copy-0" and [f.doc_id for f in f2] == ["copy-0"] * len(f0) and len(f0) > 0
    assert [everything(f) for f in f2] == [everything(f) for f in rebranded(f0, d0.doc_id, "copy-0")]
    problems = results[3:]
    assert [type(p).__name__ for p in problems] == ["Problem", "Problem"]
    assert "'broken-copy'" in str(problems[1]) and "same text as another document" in str(problems[1])


def write(path: Path, documents: list[Document], suffix: str) -> Path:
    lines = [json.dumps({"id": f"{d.doc_id}{suffix}", "title": d.title, "text": d.text}) for d in documents]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    query = {
        "documents": "SELECT * EXCLUDE (run_id, path, line) FROM documents ORDER BY doc_id",
        "figures": "SELECT * FROM figures ORDER BY figure_id",
        "entities": "SELECT * FROM entities ORDER BY entity_id",
    }
    return {name: store.connection.execute(sql).fetchall() for name, sql in query.items()}


@pytest.fixture(scope="module")
def analysed_everything(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    """The seeds twice over (ids -a and -b), every document analysed: what reuse must reproduce."""
    folder = tmp_path_factory.mktemp("reference")
    documents = seed_documents()
    first, second = write(folder / "a.jsonl", documents, "-a"), write(folder / "b.jsonl", documents, "-b")
    with open_store(folder / "all.duckdb", read_only=False) as store:
        outcome = engine.extract(store, [str(first), str(second)], reuse=False, time_limit=None)
        assert outcome.reused == 0
        return tables(store)


def test_copies_in_one_run_load_what_their_analysis_would(
    tmp_path: Path, analysed_everything: dict[str, list[tuple[Any, ...]]]
) -> None:
    documents = seed_documents()
    first, second = write(tmp_path / "a.jsonl", documents, "-a"), write(tmp_path / "b.jsonl", documents, "-b")
    with open_store(tmp_path / "reused.duckdb", read_only=False) as store:
        outcome = engine.extract(store, [str(first), str(second)], time_limit=None)
        assert outcome.reused == len(documents)
        assert tables(store) == analysed_everything
        again = engine.extract(store, [str(first), str(second)], time_limit=None)
        assert (again.skipped, again.reused, again.run.documents) == (2 * len(documents), 0, 0)
        assert tables(store) == analysed_everything  # a re-run changes nothing


def test_copies_of_articles_loaded_by_an_earlier_run_come_from_the_database(
    tmp_path: Path, analysed_everything: dict[str, list[tuple[Any, ...]]]
) -> None:
    documents = seed_documents()
    first, second = write(tmp_path / "a.jsonl", documents, "-a"), write(tmp_path / "b.jsonl", documents, "-b")
    with open_store(tmp_path / "runs.duckdb", read_only=False) as store:
        engine.extract(store, [str(first)], time_limit=None)
        outcome = engine.extract(store, [str(second)], time_limit=None, batch_size=7)
        assert outcome.reused == len(documents)
        assert tables(store) == analysed_everything


def test_a_copy_of_an_article_edited_in_the_same_run_keeps_the_old_text_figures(tmp_path: Path) -> None:
    """The loaded article a copy would take its figures from is replaced in the run (edited, same file):
    the copy still gets the figures of its own text."""
    old = Document("edited", "The bridge is 5 km long and cost $3m.")
    new_text = "The tunnel is 9 km long."
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "edited", "text": old.text}) + "\n", encoding="utf-8")
    with open_store(tmp_path / "edit.duckdb", read_only=False) as store:
        engine.extract(store, [str(path)], time_limit=None)
        rows = [{"id": "edited", "text": new_text}, {"id": "copy", "text": old.text}]
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        engine.extract(store, [str(path)], time_limit=None, batch_size=1)
        texts = store.connection.execute(
            "SELECT doc_id, list(text ORDER BY start) FROM figures GROUP BY doc_id ORDER BY doc_id"
        ).fetchall()
    assert texts == [("copy", ["5 km", "$3m"]), ("edited", ["9 km"])]


def test_sentences_parsed_lately_are_not_parsed_again_and_link_alike() -> None:
    """A wire copy edited here and there shares sentences with an article analysed before: their parses are
    kept (figures.nlp), and the figures come out as with a fresh parse."""
    from figures import nlp

    documents = seed_documents()[:4]
    nlp._Recent.docs.clear()
    fresh = analyse_batch(documents)
    kept = dict(nlp._Recent.docs)
    assert kept
    again = analyse_batch(list(reversed(documents)))[::-1]
    assert all(nlp._Recent.docs[sentence] is doc for sentence, doc in kept.items())  # none parsed again
    rows = [list(map(everything, found)) for found in fresh]
    assert [list(map(everything, found)) for found in again] == rows
