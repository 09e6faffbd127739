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
FOUND = {"mj170-range", "brightwell-revenue", "nordlys-displacement"}
# why a labelled disagreement is not found yet, by the step that loses it
MISSED = {
    "nordlys-crew": "'Nordlys carries a crew of 40' gets no subject",
    "mj170-production": "'60 of the aircraft a year' a count 'per year'; '50 jets a year' a rate 'by 2029'",
    "leeds-budget": "'Councillors in Leeds voted through a £587m budget' gets no subject",
    "keniemba-deaths": "'put the number of dead at 52' gets no subject and no property",
    "lindqvist-pay": "'was paid' is a salary, 'received' a settlement",
}  # fmt: skip


# with the labelled disagreements' figures linked as labelled, the conflict rules alone
FOUND_WITH_LABELLED_LINKS = {label["id"] for label in DATA["disagreements"]} - {"mj170-production"}


@pytest.fixture(scope="module")
def measured() -> dict[str, Any]:
    return conflict_articles.measure()


@pytest.fixture(scope="module")
def measured_as_labelled() -> dict[str, Any]:
    return conflict_articles.measure(oracle=True)


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


@pytest.mark.parametrize("name", sorted(FOUND_WITH_LABELLED_LINKS))
def test_labelled_disagreement_is_found_when_linked_as_labelled(
    measured_as_labelled: dict[str, Any], name: str
) -> None:
    """'60 of the aircraft a year' (a count scoped 'per year') against '50 jets a year' (a rate by 2029)
    is the one left: extraction reads the two as different dimensions."""
    assert measured_as_labelled["found"][name]


def test_nothing_is_flagged_or_spurious_when_linked_as_labelled(measured_as_labelled: dict[str, Any]) -> None:
    assert [name for name, flagged in measured_as_labelled["flagged"].items() if flagged] == []
    assert measured_as_labelled["spurious"] == []
