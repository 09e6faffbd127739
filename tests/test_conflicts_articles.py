"""Conflicts on invented articles the rules were not written for (tests/data/conflict_articles.json).

The articles run through the whole pipeline (extract, normalise, link) into a scratch DuckDB, and the
``disagreements`` view is read (``benchmarks.conflict_articles``). What must hold: no agreeing group and
no look-alike trap is ever flagged, nothing spurious is reported (one false conflict costs an analyst's
trust), and the labelled disagreements found so far stay found. ``MISSED`` says why the others are not
found yet; ``python -m benchmarks.conflict_articles`` prints the current state.
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks import conflict_articles

DATA = conflict_articles.load()
FOUND = {"mj170-range"}
# why a labelled disagreement is not found yet, by the step that loses it
MISSED = {
    "nordlys-displacement": "9,800 t gets a place (Bergen) as subject; 'At nearly 10,000 tonnes' no property",
    "nordlys-crew": "crew counts are undated: the claims drop undated counts",
    "mj170-production": "'60 of the aircraft a year' a count 'per year'; '50 jets a year' a rate 'by 2029'",
    "leeds-budget": "'Councillors in Leeds voted through a £587m budget' gets no subject",
    "keniemba-deaths": "death tolls with no entity and no date",
    "brightwell-revenue": "'Brightwell' and 'Brightwell Pharmaceuticals' are two entities",
    "lindqvist-pay": "'was paid' is a salary, 'received' a settlement",
}  # fmt: skip


@pytest.fixture(scope="module")
def measured() -> dict[str, Any]:
    return conflict_articles.measure()


def test_labels_name_figures_of_their_articles() -> None:
    texts = {article["id"]: article["text"] for article in DATA["articles"]}
    assert len(texts) == len(DATA["articles"])
    for kind in ("disagreements", "agreements", "traps"):
        for label in DATA[kind]:
            sides = label["values"] if kind == "disagreements" else [[value] for value in label["values"]]
            assert len(sides) >= 2, label["id"]
            for side in sides:
                for doc_id, surface in side:
                    assert texts[doc_id].count(surface) == 1, (label["id"], doc_id, surface)
    names = [label["id"] for kind in ("disagreements", "agreements", "traps") for label in DATA[kind]]
    assert len(names) == len(set(names))
    assert set(FOUND) | set(MISSED) == {label["id"] for label in DATA["disagreements"]}
    assert not set(FOUND) & set(MISSED)


@pytest.mark.parametrize("name", sorted(FOUND))
def test_labelled_disagreement_is_found(measured: dict[str, Any], name: str) -> None:
    assert measured["found"][name]


@pytest.mark.parametrize("name", [label["id"] for label in DATA["agreements"]])
def test_agreeing_figures_are_not_flagged(measured: dict[str, Any], name: str) -> None:
    assert not measured["flagged"][name]


@pytest.mark.parametrize("name", [label["id"] for label in DATA["traps"]])
def test_look_alike_traps_are_not_flagged(measured: dict[str, Any], name: str) -> None:
    assert not measured["flagged"][name]


def test_nothing_spurious_is_reported(measured: dict[str, Any]) -> None:
    assert measured["spurious"] == []
